//! Reads every recorded prompt (`assets/audio/<lang>/*.ogg`) at build time and writes a table of
//! (language, file stem, sample count, sample rate, spoken text) for the speech planner, so the
//! core knows how long each prompt really lasts without decoding audio at run time.
//!
//! The sample count is the granule position of the file's last Ogg page (for Vorbis: the number
//! of PCM samples the decoder gives); the rate comes from the identification header and the text
//! from the `TITLE` comment that `assets/audio/generate.py` writes. A test decodes every file and
//! checks the counts; another compares each `TITLE` with the app's current text.

#![allow(
    clippy::disallowed_methods,
    reason = "a build script reads the recordings at build time; the core's code never does"
)]

use std::fmt::Write as _;
use std::path::Path;

#[path = "../../build/recorded_prompts.rs"]
mod recorded_prompts;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/audio");
    let mut table = String::from(
        "/// Every recorded prompt, sorted by language, then file stem.\n\
         pub(super) static RECORDED: &[super::Recording] = &[\n",
    );
    for (lang, stem, path) in recorded_prompts::recorded_prompts(&root) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        // A file that is not a readable Ogg Vorbis file gets no entry; the tests then fail
        // with its name ("every prompt is recorded").
        if let Some(info) = ogg_info(&bytes) {
            let _ = writeln!(
                table,
                "    super::Recording {{ lang: {lang:?}, stem: {stem:?}, samples: {}, sample_rate: {}, text: {:?} }},",
                info.samples, info.rate, info.title
            );
        }
    }
    table.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("recorded_prompts.rs");
    std::fs::write(out, table).expect("OUT_DIR is writable");
}

struct OggInfo {
    samples: u64,
    rate: u32,
    title: String,
}

/// The first two Vorbis packets (identification and comment) and the last granule position.
fn ogg_info(bytes: &[u8]) -> Option<OggInfo> {
    let mut packets: Vec<Vec<u8>> = Vec::new();
    let mut current = Vec::new();
    let mut last_granule = 0u64;
    let mut offset = 0;
    while offset + 27 <= bytes.len() {
        if &bytes[offset..offset + 4] != b"OggS" {
            return None;
        }
        let granule = u64::from_le_bytes(bytes[offset + 6..offset + 14].try_into().ok()?);
        if granule != u64::MAX {
            last_granule = granule;
        }
        let segments = usize::from(bytes[offset + 26]);
        let table_end = offset + 27 + segments;
        let lacing = bytes.get(offset + 27..table_end)?;
        let mut data = table_end;
        for &length in lacing {
            let length = usize::from(length);
            if packets.len() < 2 {
                current.extend_from_slice(bytes.get(data..data + length)?);
                if length < 255 {
                    packets.push(std::mem::take(&mut current));
                }
            }
            data += length;
        }
        offset = data;
    }
    let identification = packets.first()?;
    if identification.len() < 16 || &identification[..7] != b"\x01vorbis" {
        return None;
    }
    let rate = u32::from_le_bytes(identification[12..16].try_into().ok()?);
    let comments = packets.get(1)?;
    if comments.len() < 7 || &comments[..7] != b"\x03vorbis" {
        return None;
    }
    let mut cursor = 7;
    let read_u32 = |cursor: &mut usize| -> Option<usize> {
        let value = u32::from_le_bytes(comments.get(*cursor..*cursor + 4)?.try_into().ok()?);
        *cursor += 4;
        usize::try_from(value).ok()
    };
    let vendor = read_u32(&mut cursor)?;
    cursor += vendor;
    let count = read_u32(&mut cursor)?;
    let mut title = String::new();
    for _ in 0..count {
        let length = read_u32(&mut cursor)?;
        let comment = std::str::from_utf8(comments.get(cursor..cursor + length)?).ok()?;
        cursor += length;
        if let Some((key, value)) = comment.split_once('=')
            && key.eq_ignore_ascii_case("TITLE")
        {
            value.clone_into(&mut title);
        }
    }
    Some(OggInfo { samples: last_granule, rate, title })
}
