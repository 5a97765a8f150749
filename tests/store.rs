//! The store on a real filesystem: round trips, damaged files kept aside, one owner, and
//! atomic writes that survive being killed.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use acupress::store::{History, Paths, Store, StoredSettings, Theme, move_aside, write_atomic};
use acupress::text::Lang;

const NOW: i64 = 1_795_275_315;

#[test]
fn settings_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Paths::under(dir.path())).unwrap();
    let (settings, notice) = store.load_settings(NOW);
    assert_eq!(settings, StoredSettings::default(), "no file: defaults");
    assert!(notice.is_none());
    let changed = StoredSettings {
        lang: Some(Lang::Nl),
        text_scale: 1.3,
        theme: Theme::Dark,
        volume: 0.4,
        voice: false,
        ..StoredSettings::default()
    };
    store.save_settings(&changed).unwrap();
    assert_eq!(store.load_settings(NOW).0, changed);
}

#[test]
fn damaged_and_newer_files_are_kept_aside_and_reported() {
    let cases: [(&str, &[u8], &str); 3] = [
        ("garbage", b"StoredSettings(lang: Some(Nl), text_scale: ", "1:"),
        ("not text", b"\xff\xfe\x00", "UTF-8"),
        ("newer", b"StoredSettings(format: 9)", "newer acupress"),
    ];
    for (name, bytes, problem) in cases {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let store = Store::open(paths.clone()).unwrap();
        std::fs::write(paths.settings_file(), bytes).unwrap();
        let (settings, notice) = store.load_settings(NOW);
        assert_eq!(settings, StoredSettings::default(), "{name}");
        let notice = notice.unwrap_or_else(|| panic!("{name}: reported"));
        assert!(notice.problem.contains(problem), "{name}: {notice}");
        let moved_to = notice.moved_to.unwrap_or_else(|| panic!("{name}: kept aside"));
        assert_eq!(std::fs::read(&moved_to).unwrap(), bytes, "{name}: nothing lost");
        assert!(!paths.settings_file().exists(), "{name}: not overwritten in place");
        // Saving afterwards does not touch the kept copy.
        store.save_settings(&StoredSettings::default()).unwrap();
        assert_eq!(std::fs::read(&moved_to).unwrap(), bytes);
    }
}

#[test]
fn damaged_history_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    let store = Store::open(paths.clone()).unwrap();
    std::fs::write(paths.history_file(), "History(format: 1, sessions: [").unwrap();
    let (history, notice) = store.load_history(NOW);
    assert_eq!(history, History::default());
    assert!(notice.unwrap().moved_to.unwrap().to_string_lossy().contains(&format!("history.ron.damaged-{NOW}")));
}

#[test]
fn a_second_instance_only_reads() {
    let dir = tempfile::tempdir().unwrap();
    let first = Store::open(Paths::under(dir.path())).unwrap();
    assert!(!first.is_read_only());
    let second = Store::open(Paths::under(dir.path())).unwrap();
    assert!(second.is_read_only());
    assert!(second.save_settings(&StoredSettings::default()).is_err());
    drop(first);
    let third = Store::open(Paths::under(dir.path())).unwrap();
    assert!(!third.is_read_only(), "the lock is released when the owner closes");
}

#[test]
fn move_aside_never_overwrites_an_earlier_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.ron");
    std::fs::write(&path, "one").unwrap();
    let first = move_aside(&path, NOW).unwrap();
    std::fs::write(&path, "two").unwrap();
    let second = move_aside(&path, NOW).unwrap();
    assert_ne!(first, second);
    assert_eq!(std::fs::read_to_string(first).unwrap(), "one");
    assert_eq!(std::fs::read_to_string(second).unwrap(), "two");
}

#[test]
fn read_only_or_missing_folders_give_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file-not-folder");
    std::fs::write(&blocker, "x").unwrap();
    // A file where the data folder should be: cannot create it.
    assert!(Store::open(Paths::under(&blocker)).is_err());
}

const OLD: &str = "old";
const NEW: &str = "new";

fn contents(kind: &str) -> String {
    // Large enough that a write takes a while, so kills land mid-write.
    format!("{kind}:{}", kind.repeat(400_000))
}

/// Child mode: rewrite the file atomically forever, alternating old and new.
#[test]
#[ignore = "runs only as the child of atomic_writes_survive_being_killed"]
fn child_writer() {
    let Ok(path) = std::env::var("ACUPRESS_CHILD_WRITE") else { return };
    let (old, new) = (contents(OLD), contents(NEW));
    loop {
        write_atomic(path.as_ref(), new.as_bytes()).unwrap();
        write_atomic(path.as_ref(), old.as_bytes()).unwrap();
    }
}

#[test]
fn atomic_writes_survive_being_killed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.ron");
    let (old, new) = (contents(OLD), contents(NEW));
    write_atomic(&path, old.as_bytes()).unwrap();
    let exe = std::env::current_exe().unwrap();
    for round in 0..12u64 {
        let mut child = Command::new(&exe)
            .args(["child_writer", "--exact", "--ignored", "--nocapture"])
            .env("ACUPRESS_CHILD_WRITE", &path)
            .spawn()
            .unwrap();
        // Kill at varied moments (pseudo-random, reproducible).
        std::thread::sleep(Duration::from_millis(30 + (round * 37) % 170));
        child.kill().unwrap();
        let _ = child.wait();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text == old || text == new, "round {round}: a mix of old and new ({} bytes)", text.len());
    }
}

/// Child mode for `a_full_disk_keeps_the_old_file`: save a large history into the store at
/// the given folder (the parent limits the file size, as a full disk would).
#[test]
#[ignore = "runs only as the child of a_full_disk_keeps_the_old_file"]
fn child_full_disk_save() {
    let Ok(root) = std::env::var("ACUPRESS_CHILD_FULL_DISK") else { return };
    let store = Store::open(Paths::under(Path::new(&root))).unwrap();
    let (mut history, _) = store.load_history(NOW);
    let record = history.sessions[0].clone();
    history.sessions = vec![record; 2000];
    match store.save_history(&history) {
        Ok(()) => println!("SAVE-OK"),
        Err(err) => println!("SAVE-FAILED {err}"),
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    let store = Store::open(paths.clone()).unwrap();
    let record = acupress::history::SessionRecord {
        routine_id: "low-back".into(),
        routine_title: acupress::text::Text::new("Low back", "Onderrug"),
        routine_author: "acupress".into(),
        started_unix_secs: NOW,
        practised_secs: 810,
        completed: true,
        stopped_at_step: None,
        steps_total: 6,
        steps_done: 6,
        steps_skipped_by_user: 0,
        skipped_by_gate: Vec::new(),
        gate_outcome: acupress::safety::Outcome::Clear,
        pain_before: Some(5),
        pain_after: Some(3),
    };
    store.save_history(&History { sessions: vec![record], ..History::default() }).unwrap();
    drop(store);
    let before = std::fs::read(paths.history_file()).unwrap();
    let exe = std::env::current_exe().unwrap();
    // A 64 KiB file size limit makes writing a large history fail like a full disk (EFBIG);
    // SIGXFSZ is ignored so the write returns an error instead of killing the process.
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 64; exec \"{}\" child_full_disk_save --exact --ignored --nocapture",
            exe.display()
        ))
        .env("ACUPRESS_CHILD_FULL_DISK", dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("SAVE-FAILED"), "the save reports the failure: {stdout}");
    assert_eq!(std::fs::read(paths.history_file()).unwrap(), before, "the old history is intact");
    let leftovers: Vec<_> = std::fs::read_dir(&paths.data_dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}
