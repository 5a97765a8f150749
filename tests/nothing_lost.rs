//! Nothing lost, round three: the files a person points at, crashes, odd folders, and what a
//! session keeps. Every case runs on a temporary profile; time moves on a manual clock.

#![allow(clippy::too_many_lines)]

mod common;

use common::{ClickLabel, PATIENCE, THERAPIST_ROUTINE, answer_no_and_begin, harness, routines};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::time::Duration;

use acupress::app::AcupressApp;
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::routine::MAX_ID_CHARS;
use acupress::settings::Settings;
use acupress::store::{Paths, Store};
use egui_kittest::kittest::Queryable;

fn run_in_home(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_acupress"))
        .args(args)
        .env("HOME", home)
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env("LANG", "en_GB.UTF-8")
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn app_in(root: &Path, clock: &ManualClock) -> AcupressApp {
    let store = Store::open(Paths::under(root)).unwrap();
    AcupressApp::new(bundled::catalog().unwrap(), routines(), Settings::default(), Arc::new(clock.clone()))
        .with_store(store)
}

// 1. `-o` writes a new file or over a PDF, and nothing else.

#[cfg(unix)]
#[test]
fn dash_o_refuses_the_routine_itself_other_files_folders_and_special_files() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let routine = dir.join("my-routine.ron");
    std::fs::write(&routine, THERAPIST_ROUTINE).unwrap();
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "my own notes").unwrap();
    let link_to_routine = dir.join("link.pdf");
    std::os::unix::fs::symlink(&routine, &link_to_routine).unwrap();
    let fifo = dir.join("pipe.pdf");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let link_to_fifo = dir.join("pipe-link.pdf");
    std::os::unix::fs::symlink(&fifo, &link_to_fifo).unwrap();
    let socket = dir.join("socket.pdf");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let folder = dir.join("folder.pdf");
    std::fs::create_dir(&folder).unwrap();
    let routine_arg = routine.display().to_string();
    let cases: [(&Path, &str); 8] = [
        (&routine, "this is the routine being printed"),
        (&link_to_routine, "this is the routine being printed"),
        (&notes, "exists and is not a PDF"),
        (&folder, "this is a folder"),
        (&fifo, "this is a pipe"),
        (&link_to_fifo, "this is a pipe"),
        (&socket, "this is a socket"),
        (Path::new("/dev/null"), "this is a device"),
    ];
    for (output, expected) in cases {
        let before = std::fs::symlink_metadata(output).unwrap();
        let run = run_in_home(dir, &["handout", &routine_arg, "-o", &output.display().to_string()]);
        assert_eq!(run.status.code(), Some(1), "{}: {}", output.display(), stderr(&run));
        assert!(stderr(&run).contains(expected), "{}: {}", output.display(), stderr(&run));
        let after = std::fs::symlink_metadata(output).unwrap();
        assert_eq!(before.file_type(), after.file_type(), "{} untouched", output.display());
    }
    assert_eq!(std::fs::read_to_string(&routine).unwrap(), THERAPIST_ROUTINE, "the routine is exactly as it was");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my own notes");
    // The report never writes over the person's history either.
    let history = Paths::platform_for_home(dir).history_file();
    std::fs::create_dir_all(history.parent().unwrap()).unwrap();
    std::fs::write(&history, "History(format: 1, sessions: [])").unwrap();
    let run = run_in_home(dir, &["report", "-o", &history.display().to_string()]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(std::fs::read_to_string(&history).unwrap(), "History(format: 1, sessions: [])");
}

#[test]
fn dash_o_writes_a_new_file_replaces_a_pdf_and_dash_is_standard_output() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let new = dir.join("handout.pdf");
    let run = run_in_home(dir, &["handout", "low-back", "-o", &new.display().to_string()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(std::fs::read(&new).unwrap().starts_with(b"%PDF-"));
    // A PDF made before is replaced (in Dutch this time).
    let run = run_in_home(dir, &["handout", "low-back", "--lang", "nl", "-o", &new.display().to_string()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let run = run_in_home(dir, &["handout", "low-back", "-o", "-"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(run.stdout.starts_with(b"%PDF-"), "the PDF itself on standard output");
    assert!(run.stdout.ends_with(b"%%EOF\n") || run.stdout.ends_with(b"%%EOF"), "whole");
}

// 2. A folder that acupress did not make is never changed.

#[cfg(unix)]
#[test]
fn a_shared_routines_folder_keeps_its_permissions_and_the_person_is_told() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared-with-my-physio");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
    let paths = Paths::under(&dir.path().join("home"));
    acupress::store::create_private_dir(&paths.data_dir).unwrap();
    std::os::unix::fs::symlink(&shared, paths.routines_dir()).unwrap();
    let store = Store::open(paths.clone()).unwrap();
    let mode = std::fs::metadata(&shared).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o755, "the shared folder is left as it was");
    assert_eq!(store.open_to_others(), [(paths.routines_dir(), 0o755)]);
    // What acupress makes itself is private.
    let config_mode = std::fs::metadata(&paths.config_dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(config_mode, 0o700);
    let clock = ManualClock::new();
    let mut harness = harness(
        AcupressApp::new(bundled::catalog().unwrap(), routines(), Settings::default(), Arc::new(clock))
            .with_store(store),
    );
    harness.run();
    assert!(harness.query_by_label_contains("Other users on this computer can read the folder").is_some());
}

// 3. "Keep both" writes a file that loads again, whatever the id's length.

#[test]
fn keep_both_with_the_longest_id_writes_a_file_that_loads_again() {
    let dir = tempfile::tempdir().unwrap();
    let long_id = "a".repeat(MAX_ID_CHARS);
    let file = dir.path().join("long.ron");
    std::fs::write(&file, THERAPIST_ROUTINE.replace("\"rug-jan\"", &format!("\"{long_id}\""))).unwrap();
    let clock = ManualClock::new();
    let home = dir.path().join("home");
    let mut app = app_in(&home, &clock);
    app.import_file(&file);
    let mut harness = harness(app);
    harness.run();
    harness.click_label("Close");
    harness.state_mut().import_file(&file);
    harness.run();
    harness.click_label("Keep both");
    drop(harness);
    // A new start: both load, nothing is reported invalid.
    let app = app_in(&home, &clock);
    let ids: Vec<String> = app.library_routines().iter().map(|routine| routine.id.to_string()).collect();
    assert!(app.notices().is_empty(), "{:?}", app.notices());
    assert!(ids.contains(&long_id), "{ids:?}");
    let copy = ids.iter().find(|id| id.ends_with("-2")).expect("the second one");
    assert!(copy.len() <= MAX_ID_CHARS, "{copy}");
}

// 4. Crashed writes leave no temporary files for ever.

#[test]
fn the_next_start_removes_its_own_leftover_temporary_files_and_only_those() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    for folder in [&paths.config_dir, &paths.data_dir, &paths.routines_dir()] {
        acupress::store::create_private_dir(folder).unwrap();
    }
    let leftovers = [
        paths.config_dir.join(".settings.ron.tmp-4242"),
        paths.data_dir.join(".history.ron.tmp-17"),
        paths.routines_dir().join(".rug-jan.ron.tmp-999999"),
    ];
    let the_persons: [PathBuf; 4] = [
        paths.routines_dir().join(".notes.tmp-draft"),
        paths.routines_dir().join("plan.tmp-12"),
        paths.data_dir.join(".tmp-12"),
        paths.routines_dir().join("rug-jan.ron"),
    ];
    // The owner is running (its writes under way) when a second, read-only store opens: that
    // one removes nothing.
    let first = Store::open(paths.clone()).unwrap();
    for file in leftovers.iter().chain(&the_persons) {
        std::fs::write(file, "x").unwrap();
    }
    drop(Store::open(paths.clone()).unwrap());
    assert!(leftovers.iter().all(|file| file.exists()), "only the owner tidies, when it starts");
    drop(first);
    let _owner = Store::open(paths).unwrap();
    for file in &leftovers {
        assert!(!file.exists(), "{} removed", file.display());
    }
    for file in &the_persons {
        assert!(file.exists(), "{} kept", file.display());
    }
}

// 5. A session in progress is saved at least every 10 s and at pause.

#[test]
fn a_long_press_is_kept_within_ten_seconds_and_at_pause() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new();
    let home = dir.path().join("home");
    let mut harness = harness(app_in(&home, &clock));
    harness.run();
    let routine = harness.state().library_routines().iter().find(|routine| routine.id == "low-back").unwrap().clone();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .send(acupress::ui::Command::Session(acupress::ui::SessionFlow::Prepare(Box::new(routine))), &ctx);
    harness.run();
    answer_no_and_begin(&mut harness);
    // 15 s of rest and 70 s into the first press (60 s per side): no step changes after 15 s.
    let saved = || {
        let history = acupress::store::read_history(&Paths::under(&home).history_file()).unwrap();
        history.sessions.last().map_or(0, |record| record.practised_secs)
    };
    for second in 1..=85_u64 {
        clock.advance(Duration::from_secs(1));
        assert!(harness.state().catch_up_session(PATIENCE));
        assert!(harness.state().flush_history(PATIENCE));
        // Kept to within ten seconds at every moment, as if the power went now.
        assert!(saved() + 10 >= second, "at {second} s the history says {} s", saved());
    }
    // A pause is kept at once.
    harness.key_press(egui::Key::Space);
    harness.run();
    assert!(harness.state().catch_up_session(PATIENCE) && harness.state().flush_history(PATIENCE));
    assert_eq!(saved(), 85, "the pause keeps every second pressed");
}

// 6. Smaller ones.

#[cfg(unix)]
#[test]
fn a_read_only_settings_file_is_respected_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    acupress::store::create_private_dir(&paths.config_dir).unwrap();
    let text = "Settings(format: 1, text_scale: 1.2)";
    std::fs::write(paths.settings_file(), text).unwrap();
    std::fs::set_permissions(paths.settings_file(), std::fs::Permissions::from_mode(0o400)).unwrap();
    let clock = ManualClock::new();
    let mut harness = harness(app_in(dir.path(), &clock));
    harness.run();
    let ctx = harness.ctx.clone();
    harness.state_mut().send(acupress::ui::Command::Setting(acupress::ui::Setting::ReduceMotion(true)), &ctx);
    harness.run();
    assert_eq!(std::fs::read_to_string(paths.settings_file()).unwrap(), text, "not replaced");
    let mode = std::fs::metadata(paths.settings_file()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o400, "still read-only");
    let notices: Vec<String> = harness.state().notices().iter().map(ToString::to_string).collect();
    assert!(notices.iter().any(|notice| notice.contains("not saved: the file is read-only")), "{notices:?}");
    assert!(harness.query_by_label_contains("the file is read-only").is_some(), "said on screen");
}

#[test]
fn a_settings_file_with_a_bad_value_does_not_stop_history_or_report() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::platform_for_home(home.path());
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.settings_file(), "Settings(format: 1, text_scale: 9.0)").unwrap();
    let run = run_in_home(home.path(), &["history", "--csv"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(stderr(&run).contains("warning"), "{}", stderr(&run));
    let report = home.path().join("report.pdf");
    let run = run_in_home(home.path(), &["report", "-o", &report.display().to_string()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(report.exists());
}

#[cfg(unix)]
#[test]
fn messages_name_the_persons_file_and_give_the_reason_once() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let locked = home.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
    let target = locked.join("handout.pdf");
    let run = run_in_home(home.path(), &["handout", "low-back", "-o", &target.display().to_string()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
    let message = stderr(&run);
    // Root may write anywhere; then there is nothing to report.
    if run.status.code() == Some(1) {
        assert!(message.contains("handout.pdf"), "{message}");
        assert!(!message.contains(".tmp-"), "no temporary file named: {message}");
        assert_eq!(message.matches("ermission denied").count(), 1, "the reason once: {message}");
        assert!(!message.contains("os error"), "{message}");
    } else {
        assert_eq!(run.status.code(), Some(0), "{message}");
    }
}

#[test]
fn old_mac_line_ends_give_true_lines_and_columns() {
    let catalog = bundled::catalog().unwrap();
    let broken = THERAPIST_ROUTINE.replace("press_secs: 45", "press_secs: 450").replace('\n', "\r");
    let err = acupress::routine::parse_routine(broken.as_bytes(), &catalog).unwrap_err();
    assert_eq!(err.diagnostics[0].position.to_string(), "12:53", "{:?}", err.diagnostics);
    let windows = THERAPIST_ROUTINE.replace("press_secs: 45", "press_secs: 450").replace('\n', "\r\n");
    let err = acupress::routine::parse_routine(windows.as_bytes(), &catalog).unwrap_err();
    assert_eq!(err.diagnostics[0].position.to_string(), "12:53");
}

#[cfg(unix)]
#[test]
fn a_data_folder_of_another_user_says_whose_it_is() {
    use std::os::unix::fs::MetadataExt;
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("theirs");
    std::fs::create_dir(&folder).unwrap();
    let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    let error = acupress::store::StoreError::Io { path: folder.clone(), cause: denied };
    // Changing a folder's owner needs root; elsewhere the same folder is simply refused.
    let given_away = std::os::unix::fs::chown(&folder, Some(54_321), None).is_ok();
    let notice = error.open_notice();
    let text = notice.to_string();
    if given_away && std::fs::metadata(&folder).unwrap().uid() == 54_321 {
        assert!(text.contains("belongs to another user (user id 54321)"), "{text}");
    } else {
        assert!(text.contains("cannot be used"), "{text}");
    }
    assert!(!text.contains("No folder was found"), "{text}");
}

#[test]
fn a_routine_loaded_under_another_name_is_not_reported_as_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    acupress::store::create_private_dir(&paths.data_dir).unwrap();
    acupress::store::create_private_dir(&paths.routines_dir()).unwrap();
    std::fs::write(paths.routines_dir().join("from-my-physio.ron"), THERAPIST_ROUTINE).unwrap();
    let app = app_in(dir.path(), &ManualClock::new());
    let notices: Vec<String> = app.notices().iter().map(ToString::to_string).collect();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("loaded under that id"), "{notices:?}");
    assert!(!notices[0].contains("left as it is"), "{notices:?}");
    assert!(app.library_routines().iter().any(|routine| routine.id == "rug-jan"));
}

// 7. A therapist's file stays as it came.

#[test]
fn editing_a_therapists_routine_makes_the_persons_own_copy_and_leaves_the_file_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rug-jan.ron");
    std::fs::write(&file, THERAPIST_ROUTINE).unwrap();
    let home = dir.path().join("home");
    let clock = ManualClock::new();
    let mut app = app_in(&home, &clock);
    app.import_file(&file);
    let mut harness = harness(app);
    harness.run();
    harness.click_label("Close");
    let imported = Paths::under(&home).routines_dir().join("rug-jan.ron");
    assert_eq!(std::fs::read_to_string(&imported).unwrap(), THERAPIST_ROUTINE);
    assert!(harness.query_by_label("Edit").is_none(), "no in-place edit of the therapist's routine");
    harness.get_all_by_label("Copy and edit").last().unwrap().click_accesskit();
    harness.run();
    assert!(harness.query_by_label_contains("stays exactly as it is").is_some());
    harness.get_by_label("Author").focus();
    harness.run();
    harness.get_by_label("Author").type_text("Jan");
    harness.run();
    harness.click_label("Save");
    assert_eq!(std::fs::read_to_string(&imported).unwrap(), THERAPIST_ROUTINE, "the therapist's file, byte for byte");
    let copy = Paths::under(&home).routines_dir().join("rug-jan-2.ron");
    let written = std::fs::read_to_string(&copy).expect("the person's own copy");
    assert!(written.contains("author: \"Jan\""), "{written}");
    assert!(written.contains("based_on: (en: \"“Back for Jan” by J. de Vries, fysiotherapeut\""), "{written}");
    assert!(harness.query_by_label_contains("Based on “Back for Jan” by J. de Vries").is_some());
    // The copy is the person's own: edited in place from now on.
    assert_eq!(harness.state().settings().own_routines, ["rug-jan-2"]);
    assert_eq!(harness.get_all_by_label("Edit").count(), 1);
}

/// Replacing one's own routine with an imported file that cannot be saved leaves the routine
/// the person's own (edited in place, not copied): nothing about it changed.
#[test]
fn a_replace_that_cannot_be_saved_leaves_ones_own_routine_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let paths = Paths::under(&home);
    {
        let store = Store::open(paths.clone()).unwrap();
        store.save_settings(&Settings { own_routines: vec!["rug-jan".into()], ..Settings::default() }).unwrap();
    }
    std::fs::write(paths.routines_dir().join("rug-jan.ron"), THERAPIST_ROUTINE).unwrap();
    let file = dir.path().join("from-the-physio.ron");
    std::fs::write(&file, THERAPIST_ROUTINE.replace("Back for Jan", "Back for Jan, week 2")).unwrap();
    let clock = ManualClock::new();
    let mut app = app_in(&home, &clock);
    assert_eq!(app.settings().own_routines, ["rug-jan"]);
    app.import_file(&file);
    let mut harness = harness(app);
    harness.run();
    // The file to be replaced can no longer be written over (here: a folder took its place).
    let own_file = paths.routines_dir().join("rug-jan.ron");
    std::fs::remove_file(&own_file).unwrap();
    std::fs::create_dir(&own_file).unwrap();
    harness.click_label("Replace");
    assert!(!harness.state().notices().is_empty(), "the person is told it was not saved");
    assert_eq!(harness.state().settings().own_routines, ["rug-jan"], "still the person's own");
}
