//! Shared by the two build scripts (the app's and the core's): the recorded prompts on disk.

use std::path::{Path, PathBuf};

/// Every `<root>/<lang>/*.ogg` as (language, file stem, path), sorted by language and then file stem
/// (the core looks prompts up by binary search), and tells
/// cargo to run the build script again when a file comes, goes or changes.
pub(crate) fn recorded_prompts(root: &Path) -> Vec<(&'static str, String, PathBuf)> {
    println!("cargo:rerun-if-changed={}", root.display());
    let mut prompts = Vec::new();
    for lang in ["en", "nl"] {
        let dir = root.join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ogg"))
            .collect();
        files.sort_by(|a, b| a.file_stem().cmp(&b.file_stem()));
        for path in files {
            let stem = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or_default().to_owned();
            prompts.push((lang, stem, path));
        }
    }
    prompts
}
