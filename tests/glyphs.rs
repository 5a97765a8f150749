//! Every character the app can put on screen has a glyph in the fonts it ships: no tofu boxes
//! (and no panic in the test harness, which refuses missing glyphs). The texts are the string
//! literals of the screens and the core, and the point catalogue and bundled routines.

use std::collections::BTreeSet;
use std::path::Path;

/// The characters inside string literals (and RON strings) of `text`, outside comments.
fn string_chars(text: &str, into: &mut BTreeSet<char>) {
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => in_string = false,
                _ => {
                    into.insert(c);
                }
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '/' && chars.peek() == Some(&'/') {
            for rest in chars.by_ref() {
                if rest == '\n' {
                    break;
                }
            }
        } else if c == '\'' {
            // A char literal such as '"' must not open a string.
            let mut literal = String::new();
            while let Some(&next) = chars.peek() {
                if next == '\'' || literal.len() > 4 {
                    break;
                }
                literal.push(next);
                chars.next();
            }
            if chars.peek() == Some(&'\'') && !literal.is_empty() && !literal.contains(' ') {
                chars.next();
                into.extend(literal.chars().filter(|c| *c != '\\'));
            }
        }
    }
}

fn files(dir: &Path, extension: &str, into: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, extension, into);
        } else if path.extension().is_some_and(|ext| ext == extension) && !path.ends_with("tests.rs") {
            into.push(path);
        }
    }
}

#[test]
fn every_character_shown_has_a_glyph() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src/ui"), "rs", &mut paths);
    files(&root.join("crates/acupress-core/src"), "rs", &mut paths);
    files(&root.join("routines"), "ron", &mut paths);
    paths.push(root.join("assets/points.ron"));
    let mut chars = BTreeSet::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let before = chars.len();
        string_chars(&text, &mut chars);
        assert!(chars.len() >= before);
    }
    assert!(chars.contains(&'ë') || chars.contains(&'é'), "Dutch texts were read");
    let ctx = egui::Context::default();
    acupress::ui::theme::install_fonts(&ctx);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let missing: Vec<String> = ctx.fonts_mut(|fonts| {
        chars
            .iter()
            .filter(|c| !c.is_control())
            .filter(|c| !fonts.has_glyph(&egui::FontId::proportional(14.0), **c))
            .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
            .collect()
    });
    assert!(missing.is_empty(), "no glyph in the app's fonts for: {missing:?}");
    // The handout and the report print the texts (not the screens' symbols) with their own font.
    let mut printed = BTreeSet::new();
    let mut text_files = Vec::new();
    files(&root.join("src/texts"), "rs", &mut text_files);
    files(&root.join("crates/acupress-core/src"), "rs", &mut text_files);
    files(&root.join("routines"), "ron", &mut text_files);
    text_files.push(root.join("assets/points.ron"));
    for path in &text_files {
        string_chars(&std::fs::read_to_string(path).unwrap(), &mut printed);
    }
    let unprintable: Vec<char> =
        printed.iter().copied().filter(|c| !c.is_control() && !acupress::pdf::font_covers(&c.to_string())).collect();
    assert!(unprintable.is_empty(), "no glyph in the documents' font for: {unprintable:?}");
}
