//! The store on a real filesystem: round trips, damaged files kept aside, one owner, and
//! atomic writes that survive being killed.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use acupress::settings::{Settings, SoundSettings, Theme};
use acupress::store::{History, Kept, Paths, Store, move_aside, write_atomic};
use acupress::text::Lang;

const NOW: i64 = 1_795_275_315;

#[test]
fn settings_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Paths::under(dir.path())).unwrap();
    let (settings, notice) = store.load_settings(NOW);
    assert_eq!(settings, Settings::default(), "no file: defaults");
    assert!(notice.is_none());
    let changed = Settings {
        lang: Some(Lang::Nl),
        text_scale: 1.3,
        theme: Theme::Dark,
        sound: SoundSettings { volume: 0.4, voice: false, ..SoundSettings::default() },
        ..Settings::default()
    };
    store.save_settings(&changed).unwrap();
    assert_eq!(store.load_settings(NOW).0, changed);
}

#[test]
fn damaged_and_newer_files_are_kept_aside_and_reported() {
    let cases: [(&str, &[u8], &str); 5] = [
        ("garbage", b"Settings(lang: Some(Nl), text_scale: ", "1:"),
        ("not text", b"\xff\xfe\x00", "UTF-8"),
        ("newer", b"Settings(format: 9)", "newer acupress"),
        ("a text size that is not a number", b"Settings(format: 1, text_scale: NaN)", "text_scale NaN"),
        ("a volume out of range", b"Settings(format: 1, sound: (volume: 7.5))", "volume 7.5"),
    ];
    for (name, bytes, problem) in cases {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let store = Store::open(paths.clone()).unwrap();
        std::fs::write(paths.settings_file(), bytes).unwrap();
        let (settings, notice) = store.load_settings(NOW);
        assert_eq!(settings, Settings::default(), "{name}");
        let notice = notice.unwrap_or_else(|| panic!("{name}: reported"));
        assert!(notice.to_string().contains(problem), "{name}: {notice}");
        let Kept::MovedTo(moved_to) = notice.kept else { panic!("{name}: kept aside") };
        assert_eq!(std::fs::read(&moved_to).unwrap(), bytes, "{name}: nothing lost");
        assert!(!paths.settings_file().exists(), "{name}: not overwritten in place");
        // Saving afterwards does not touch the kept copy.
        store.save_settings(&Settings::default()).unwrap();
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
    let Kept::MovedTo(moved_to) = notice.unwrap().kept else { panic!("kept aside") };
    assert!(moved_to.to_string_lossy().contains(&format!("history.ron.damaged-{NOW}")));
}

#[test]
fn a_second_instance_only_reads() {
    let dir = tempfile::tempdir().unwrap();
    let first = Store::open(Paths::under(dir.path())).unwrap();
    assert!(!first.is_read_only());
    let second = Store::open(Paths::under(dir.path())).unwrap();
    assert!(second.is_read_only());
    assert!(second.save_settings(&Settings::default()).is_err());
    drop(first);
    // A child process started by another test at that moment holds a copy of the lock's file
    // until it execs (milliseconds): the lock is free once that copy is gone.
    let released = (0..200).any(|_| {
        let third = Store::open(Paths::under(dir.path())).unwrap();
        let owns = !third.is_read_only();
        if !owns {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        owns
    });
    assert!(released, "the lock is released when the owner closes");
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
        pressed_secs: 810,
        completed: true,
        stopped_at_step: None,
        steps_total: 6,
        steps_done: 6,
        steps_skipped_by_user: 0,
        skipped_by_gate: Vec::new(),
        gate_outcome: acupress::safety::Outcome::Clear,
        gate_reasons: Vec::new(),
        pain_before: Some(5),
        pain_after: Some(3),
        activity_scores: Vec::new(),
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

#[cfg(unix)]
mod unix {
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
    use std::process::Command;

    use acupress::settings::{Settings, Theme};
    use acupress::store::{FileProblem, History, Kept, Paths, RoutineFile, Store, StoreError, write_atomic};

    const NOW: i64 = super::NOW;

    fn mode(path: &std::path::Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn data_is_private_to_the_user() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        // A folder that was there already is never changed (it may be shared on purpose): it is
        // only reported when others can read it. What acupress makes is private.
        std::fs::create_dir_all(&paths.config_dir).unwrap();
        std::fs::set_permissions(&paths.config_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let store = Store::open(paths.clone()).unwrap();
        assert_eq!(mode(&paths.config_dir), 0o755);
        assert_eq!(store.open_to_others(), [(paths.config_dir.clone(), 0o755)]);
        for folder in [&paths.data_dir, &paths.routines_dir()] {
            assert_eq!(mode(folder), 0o700, "{}", folder.display());
        }
        store.save_settings(&Settings::default()).unwrap();
        store.save_history(&History::default()).unwrap();
        let routine = store.save_user_routine(&RoutineFile::New("mine".into()), "Routine()").unwrap();
        for file in [paths.settings_file(), paths.history_file(), routine] {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
    }

    #[test]
    fn a_save_goes_through_a_symlink_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(&dir.path().join("home"));
        let synced = dir.path().join("synced");
        std::fs::create_dir_all(&synced).unwrap();
        let target = synced.join("history.ron");
        std::fs::write(&target, "History(format: 1, sessions: [])").unwrap();
        let store = Store::open(paths.clone()).unwrap();
        std::os::unix::fs::symlink(&target, paths.history_file()).unwrap();
        let (history, notice) = store.load_history(NOW);
        assert!(notice.is_none());
        store.save_history(&history).unwrap();
        let link = std::fs::symlink_metadata(paths.history_file()).unwrap();
        assert!(link.file_type().is_symlink(), "the link is still a link");
        assert!(std::fs::read_to_string(&target).unwrap().contains("History("), "the target was written");
        // Written atomically in the target's folder: no stray temporary file anywhere.
        for folder in [&synced, &paths.data_dir] {
            let leftovers = std::fs::read_dir(folder)
                .unwrap()
                .filter(|entry| entry.as_ref().unwrap().file_name().to_string_lossy().contains(".tmp-"))
                .count();
            assert_eq!(leftovers, 0);
        }
        // A relative link works the same.
        let relative = dir.path().join("relative.ron");
        std::os::unix::fs::symlink("synced/history.ron", &relative).unwrap();
        write_atomic(&relative, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    /// A settings or history file that exists but cannot be read is never written over: it is
    /// left as it is for this run and the save says why.
    #[test]
    fn a_file_that_cannot_be_read_is_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let store = Store::open(paths.clone()).unwrap();
        // A pipe in the settings file's place (reading it would wait forever), and a history
        // file without read permission (root reads it anyway; then only the pipe is tried).
        assert!(Command::new("mkfifo").arg(paths.settings_file()).status().unwrap().success());
        std::fs::write(paths.history_file(), super::THREE_SESSIONS).unwrap();
        std::fs::set_permissions(paths.history_file(), std::fs::Permissions::from_mode(0o000)).unwrap();
        let permissions_bite = std::fs::read(paths.history_file()).is_err();

        let (settings, notice) = store.load_settings(NOW);
        assert_eq!(settings, Settings::default());
        let notice = notice.expect("reported");
        assert_eq!(notice.problem, FileProblem::NotRegular);
        assert_eq!(notice.kept, Kept::Untouched);
        let changed = Settings { theme: Theme::Dark, ..Settings::default() };
        assert!(matches!(store.save_settings(&changed), Err(StoreError::Protected(_))));
        assert!(
            std::fs::symlink_metadata(paths.settings_file()).unwrap().file_type().is_fifo(),
            "the pipe is still there"
        );

        let (history, notice) = store.load_history(NOW);
        if permissions_bite {
            assert!(history.sessions.is_empty());
            let notice = notice.expect("reported");
            assert!(matches!(
                notice.problem,
                FileProblem::Unreadable { kind: std::io::ErrorKind::PermissionDenied, .. }
            ));
            assert_eq!(notice.kept, Kept::Untouched);
            assert!(matches!(store.save_history(&History::default()), Err(StoreError::Protected(_))));
            std::fs::set_permissions(paths.history_file(), std::fs::Permissions::from_mode(0o600)).unwrap();
            assert_eq!(
                std::fs::read_to_string(paths.history_file()).unwrap(),
                super::THREE_SESSIONS,
                "three sessions kept"
            );
        } else {
            assert_eq!(history.sessions.len(), 3);
        }
    }

    #[test]
    fn a_new_routine_never_takes_the_name_of_a_file_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let store = Store::open(paths.clone()).unwrap();
        std::fs::write(paths.routines_dir().join("alpha.ron"), "a routine with id beta").unwrap();
        let inode = std::fs::metadata(paths.routines_dir().join("alpha.ron")).unwrap().ino();
        let saved = store.save_user_routine(&RoutineFile::New("alpha".into()), "new").unwrap();
        assert_eq!(saved, paths.routines_dir().join("alpha-2.ron"));
        assert_eq!(std::fs::read_to_string(paths.routines_dir().join("alpha.ron")).unwrap(), "a routine with id beta");
        assert_eq!(std::fs::metadata(paths.routines_dir().join("alpha.ron")).unwrap().ino(), inode);
        // A file kept untouched (it did not load) is not replaced either, even when asked.
        store.keep_untouched(&paths.routines_dir().join("alpha.ron"));
        assert!(store.save_user_routine(&RoutineFile::Replace(paths.routines_dir().join("alpha.ron")), "x").is_err());
    }
}

const THREE_SESSIONS: &str = r#"History(format: 1, sessions: [
    SessionRecord(routine_id: "a", routine_title: (en: "A", nl: "A"), routine_author: "x", started_unix_secs: 1795275315, practised_secs: 60, completed: true, stopped_at_step: None, steps_total: 1, steps_done: 1, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, pain_before: None, pain_after: None),
    SessionRecord(routine_id: "a", routine_title: (en: "A", nl: "A"), routine_author: "x", started_unix_secs: 1795361715, practised_secs: 60, completed: true, stopped_at_step: None, steps_total: 1, steps_done: 1, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, pain_before: None, pain_after: None),
    SessionRecord(routine_id: "a", routine_title: (en: "A", nl: "A"), routine_author: "x", started_unix_secs: 1795448115, practised_secs: 60, completed: true, stopped_at_step: None, steps_total: 1, steps_done: 1, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, pain_before: None, pain_after: None),
])"#;

#[test]
fn a_history_with_an_impossible_date_is_kept_aside_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    let store = Store::open(paths.clone()).unwrap();
    let millis = THREE_SESSIONS.replacen("1795275315", "1795275315000", 1);
    std::fs::write(paths.history_file(), &millis).unwrap();
    let (history, notice) = store.load_history(NOW);
    assert!(history.sessions.is_empty());
    let notice = notice.unwrap();
    assert!(notice.to_string().contains("not in 2000–2100"), "{notice}");
    let Kept::MovedTo(moved_to) = notice.kept else { panic!("kept aside") };
    assert_eq!(std::fs::read_to_string(moved_to).unwrap(), millis);
}
