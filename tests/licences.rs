//! The licence notices that ship with acupress: acupress's own licence files match
//! `Cargo.toml`, the voices' and fonts' notices are in the program, and the third-party list
//! names exactly the crates compiled in.

use std::collections::BTreeSet;

/// The targets `assets/licenses/about.toml` lists: every platform acupress is built for.
const TARGETS: [&str; 4] =
    ["x86_64-unknown-linux-gnu", "x86_64-pc-windows-msvc", "x86_64-apple-darwin", "aarch64-apple-darwin"];

#[test]
fn the_third_party_list_names_every_crate_compiled_in() {
    let mut args = vec!["tree", "--locked", "-e", "normal", "--prefix", "none", "-f", "{p}", "-p", "acupress"];
    for target in TARGETS {
        args.extend(["--target", target]);
    }
    let output = std::process::Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(&args)
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let shipped: BTreeSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        // Path dependencies are acupress's own crates.
        .filter(|line| !line.contains(" (/") && !line.contains(" (\\\\") && !line.contains(":\\"))
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?.trim_start_matches('v')))
        })
        .collect();
    let listed: BTreeSet<String> = acupress::ui::about::LIBRARIES
        .lines()
        .filter_map(|line| line.strip_prefix("  * "))
        .filter(|entry| entry.split(' ').count() == 2)
        .map(str::to_owned)
        .collect();
    // cargo-about also lists a few crates that `cargo tree` resolves away for these targets
    // (an extra notice is harmless); a compiled crate without its notice is not.
    let missing: Vec<&String> = shipped.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "assets/licenses/THIRD-PARTY.txt is out of date; regenerate it (assets/licenses/README.md)\nmissing: {missing:?}"
    );
    assert!(listed.len() > 250, "the list looks truncated: {} crates", listed.len());
}

#[test]
fn the_licence_files_match_cargo_toml() {
    let manifest = include_str!("../Cargo.toml");
    assert!(manifest.contains("license = \"MIT OR Apache-2.0\""));
    let (_, mit) = acupress::ui::about::OWN[0];
    let (_, apache) = acupress::ui::about::OWN[1];
    assert!(mit.starts_with("MIT License") && mit.contains("Permission is hereby granted, free of charge"));
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
}

#[test]
fn the_dutch_voice_notice_travels_with_the_program() {
    let notice = acupress::ui::about::DUTCH_VOICE;
    for required in [
        "Faculte Polytechnique de Mons",
        "Arthur",
        "When no charge is made, this database may be copied and distributed",
        "freely, provided that this notice is copied and distributed with it.",
        "THIS DATABASE CARRIES NO WARRANTY",
    ] {
        assert!(notice.contains(required), "the notice lacks: {required}");
    }
    assert!(acupress::ui::about::ENGLISH_VOICE.contains("CC0"));
    let readme = include_str!("../README.md");
    assert!(readme.contains("MBROLA nl2") && readme.contains("no charge"), "README says the Dutch voice's terms");
}
