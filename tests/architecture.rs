//! The boundaries ARCHITECTURE.md promises, checked on the source itself: what the core may
//! depend on, which modules the screens may name, who touches files and sound, and how long a
//! file may grow. (Clock reads are held by clippy's `disallowed-methods`, see `clippy.toml`.)

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The code of a file without its `#[cfg(test)]` module (tests may use anything).
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(tests) => text[..tests].to_owned(),
        None => text,
    }
}

#[test]
fn the_core_depends_only_on_serde_ron_thiserror_and_a_time_crate() {
    let manifest = std::fs::read_to_string(root().join("crates/acupress-core/Cargo.toml")).unwrap();
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap().split("\n[").next().unwrap();
    let names: Vec<&str> = dependencies
        .lines()
        .filter_map(|line| line.split('=').next())
        .map(str::trim)
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .collect();
    assert_eq!(names, ["jiff", "ron", "serde", "thiserror"]);
}

#[test]
fn the_screens_name_no_store_audio_driver_clock_or_app() {
    for path in rust_files(&root().join("src/ui")) {
        let code = code_of(&path);
        for forbidden in
            ["crate::store", "crate::audio", "crate::driver", "crate::clock", "crate::app", "std::fs", "rodio"]
        {
            assert!(!code.contains(forbidden), "{} names {forbidden}", path.display());
        }
    }
}

#[test]
fn documents_notifications_texts_and_the_library_service_name_no_ui() {
    let root = root();
    let mut files = rust_files(&root.join("src/pdf"));
    files.extend(rust_files(&root.join("src/texts")));
    files.extend(["src/reminders.rs", "src/notify.rs", "src/app/library.rs"].map(|file| root.join(file)));
    for path in files {
        assert!(!code_of(&path).contains("crate::ui"), "{} names crate::ui", path.display());
    }
}

#[test]
fn only_the_store_touches_files_and_only_audio_knows_rodio() {
    for path in rust_files(&root().join("src")) {
        let relative = path.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
        let code = code_of(&path);
        if !relative.starts_with("src/store/") {
            assert!(!code.contains("std::fs") && !code.contains("fs::"), "{relative} touches files");
        }
        if !relative.starts_with("src/audio/") {
            assert!(!code.contains("rodio::"), "{relative} names rodio");
        }
    }
    for path in rust_files(&root().join("crates/acupress-core/src")) {
        let code = code_of(&path);
        for forbidden in ["std::fs", "std::net", "egui", "rodio", "directories"] {
            assert!(!code.contains(forbidden), "{} names {forbidden}", path.display());
        }
    }
}

#[test]
fn no_file_grows_past_600_lines_of_code() {
    let mut files = rust_files(&root().join("src"));
    files.extend(rust_files(&root().join("crates/acupress-core/src")));
    for path in files {
        let relative = path.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
        // String tables and test files are long by nature.
        if relative.contains("/texts/") || relative.ends_with("/tests.rs") {
            continue;
        }
        let lines = code_of(&path).lines().count();
        assert!(lines <= 600, "{relative}: {lines} lines");
    }
    let app = code_of(&root().join("src/app/mod.rs")).lines().count();
    assert!(app <= 350, "src/app/mod.rs: {app} lines");
}
