//! Embeds the recorded prompts: lists `assets/audio/<lang>/*.ogg` into a table of
//! `include_bytes!`, so the program needs no files at run time.

use std::fmt::Write as _;
use std::path::Path;

#[path = "build/recorded_prompts.rs"]
mod recorded_prompts;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets").join("audio");
    let mut table = String::from(
        "/// (language, file stem, OGG bytes) of every recorded prompt.\npub(super) static PROMPT_FILES: &[(&str, &str, &[u8])] = &[\n",
    );
    for (lang, stem, path) in recorded_prompts::recorded_prompts(&root) {
        // Forward slashes work in include_bytes! on every platform; escape for a Rust string.
        let literal = path.display().to_string().replace('\\', "/");
        let _ = writeln!(table, "    ({lang:?}, {stem:?}, include_bytes!({literal:?})),");
    }
    table.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("audio_assets.rs");
    std::fs::write(out, table).expect("OUT_DIR is writable");
}
