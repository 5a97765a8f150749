//! What the package installs agrees with itself and with the program: one application id
//! everywhere, icons of the sizes named, a file type that recognises every routine acupress
//! ships or writes, and a copyright file that carries every notice the program does.
//! (`packaging/test-install.sh` installs the real package into a clean Debian root.)

use std::path::{Path, PathBuf};

use acupress::APP_ID;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|err| panic!("{path}: {err}"))
}

#[test]
fn one_application_id_names_the_window_the_entry_the_metadata_and_the_icon() {
    let desktop = read(&format!("packaging/linux/{APP_ID}.desktop"));
    assert!(desktop.contains(&format!("\nIcon={APP_ID}\n")));
    assert!(desktop.contains(&format!("\nStartupWMClass={APP_ID}\n")));
    assert!(desktop.contains("\nExec=acupress %f\n"), "a file opened with acupress reaches it");
    assert!(desktop.contains("\nMimeType=application/x-acupress-routine;\n"));
    let metainfo = read(&format!("packaging/linux/{APP_ID}.metainfo.xml"));
    assert!(metainfo.contains(&format!("<id>{APP_ID}</id>")));
    assert!(metainfo.contains(&format!("<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>")));
    assert!(metainfo.contains("<content_rating type=\"oars-1.1\"/>"));
    let version = env!("CARGO_PKG_VERSION");
    assert!(metainfo.contains(&format!("<release version=\"{version}\"")), "the release is listed");
    assert!(read("packaging/debian/changelog").starts_with(&format!("acupress ({version}-1)")));
    let mime = read(&format!("packaging/linux/{APP_ID}.mime.xml"));
    assert!(mime.contains("type=\"application/x-acupress-routine\""));
    assert!(!mime.contains("<glob"), "other programs' .ron files are never claimed");
}

/// The size of a PNG from its header.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{} is a PNG", path.display());
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[test]
fn every_icon_the_package_installs_exists_at_its_size() {
    let manifest = read("Cargo.toml");
    let mut sizes = Vec::new();
    for line in manifest.lines().filter(|line| line.trim_start().starts_with("[\"packaging/")) {
        let source = line.trim_start().trim_start_matches("[\"").split('"').next().unwrap();
        assert!(root().join(source).exists(), "the package installs {source}, which is missing");
        if let Some(size) =
            source.strip_prefix("packaging/linux/icons/hicolor/").and_then(|rest| rest.split('/').next())
            && let Some((width, _)) = size.split_once('x')
        {
            let width: u32 = width.parse().unwrap();
            assert_eq!(png_size(&root().join(source)), (width, width), "{source}");
            sizes.push(width);
        }
    }
    assert_eq!(sizes, [16, 24, 32, 48, 64, 128, 256, 512], "every size from 16 to 512");
    assert!(manifest.contains(&format!("scalable/apps/{APP_ID}.svg")), "the SVG master too");
}

/// What `shared-mime-info` does with `packaging/linux/…mime.xml`: `Routine(` and `format:`
/// somewhere in the first 4096 bytes.
fn recognised_as_a_routine(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|window| window == needle);
    has(b"Routine(") && has(b"format:")
}

#[test]
fn every_routine_acupress_ships_or_writes_is_recognised_by_its_file_type() {
    let catalog = acupress::bundled::catalog().unwrap();
    for routine in acupress::bundled::valid_routines(&catalog).unwrap() {
        let file = read(&format!("routines/{}.ron", routine.id));
        assert!(recognised_as_a_routine(file.as_bytes()), "routines/{}.ron", routine.id);
        let written = acupress::routine::to_ron(&routine);
        assert!(recognised_as_a_routine(written.as_bytes()), "{} as the editor writes it", routine.id);
    }
    assert!(!recognised_as_a_routine(b"// a game scene\n(resources: {}, entities: [])\n"));
    assert!(!recognised_as_a_routine(b"// settings\nConfig(format: 1)\n"));
}

#[test]
fn the_copyright_file_carries_every_notice_the_program_does() {
    let copyright = read("packaging/debian/copyright");
    assert!(copyright.starts_with("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"));
    // Every crate of the third-party list, as make-copyright.sh writes it (indented by one).
    for line in read("assets/licenses/THIRD-PARTY.txt").lines().filter(|line| line.starts_with("  * ")) {
        assert!(
            copyright.contains(&format!("\n {line}\n")),
            "packaging/debian/copyright is out of date: run packaging/debian/make-copyright.sh (missing {line:?})"
        );
    }
    // Debian has the Apache licence in common-licenses: the file points there (lintian).
    assert!(!copyright.contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION"));
    assert!(copyright.contains("/usr/share/common-licenses/Apache-2.0"));
    for required in ["Faculte Polytechnique de Mons", "freely, provided that this notice is copied", "License: OFL-1.1"]
    {
        assert!(copyright.contains(required), "the copyright file lacks {required:?}");
    }
}
