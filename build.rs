//! Embeds the recorded prompts: lists `assets/audio/<lang>/*.ogg` into a table of
//! `include_bytes!`, so the program needs no files at run time.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets").join("audio");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut table = String::from(
        "/// (language, file stem, OGG bytes) of every recorded prompt.\npub static PROMPT_FILES: &[(&str, &str, &[u8])] = &[\n",
    );
    for lang in ["en", "nl"] {
        let dir = root.join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ogg"))
            .collect();
        files.sort();
        for path in files {
            let stem = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or_default().to_owned();
            // Forward slashes work in include_bytes! on every platform; escape for a Rust string.
            let literal = path.display().to_string().replace('\\', "/");
            let _ = writeln!(table, "    ({lang:?}, {stem:?}, include_bytes!({literal:?})),");
        }
    }
    table.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("audio_assets.rs");
    std::fs::write(out, table).expect("OUT_DIR is writable");
}
