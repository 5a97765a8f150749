//! The user's data through the app: import, the editor, and what survives a restart.

mod common;

use common::{ClickLabel, harness, open_tab, routines};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use acupress::app::AcupressApp;
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::routine::{MAX_PRESS_SECS, parse_routine};
use acupress::settings::Settings;
use acupress::store::{Paths, Store};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

fn app_in(root: &Path) -> AcupressApp {
    let store = Store::open(Paths::under(root)).unwrap();
    AcupressApp::new(bundled::catalog().unwrap(), routines(), Settings::default(), Arc::new(ManualClock::new()))
        .with_store(store)
}

const NECK_ROUTINE: &str = r#"// For patient R.K. — comments are kept on import.
Routine(
    format: 1,
    id: "rk-neck",
    title: (en: "Neck for R.K.", nl: "Nek voor R.K."),
    description: (en: "Points traditionally used for a stiff neck.", nl: "Punten die traditioneel worden gebruikt bij een stijve nek."),
    author: "J. de Vries, fysiotherapeut",
    complaints: [NeckShoulders],
    breathing: SlowPaced,
    rest_secs: 15,
    steps: [
        Step(point: "GB20", side: Both, press_secs: 60, pressure: Medium),
        Step(point: "SI3", side: Right, press_secs: 45, pressure: Medium),
    ],
)
"#;

/// A new home folder with R.K.'s neck routine imported from `file_name` in the folder above it:
/// the folder, the home and the app.
fn neck_routine_imported(file_name: &str) -> (tempfile::TempDir, PathBuf, Harness<'static, AcupressApp>) {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join(file_name);
    std::fs::write(&file, NECK_ROUTINE).unwrap();
    let mut app = app_in(&home);
    app.import_file(&file);
    let mut harness = harness(app);
    harness.run();
    (dir, home, harness)
}

#[test]
fn a_broken_file_shows_its_errors_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.ron");
    std::fs::write(&file, NECK_ROUTINE.replace("press_secs: 45", "press_secs: 450").replace("\"SI3\"", "\"SI33\""))
        .unwrap();
    let mut app = app_in(&dir.path().join("home"));
    app.import_file(&file);
    let mut harness = harness(app);
    harness.run();
    assert!(harness.query_by_label("This routine file has problems").is_some());
    assert!(harness.query_by_label_contains("broken.ron:13:21: step 2: unknown point code `SI33`").is_some());
    assert!(harness.query_by_label_contains("broken.ron:13:54: step 2: `press_secs` is 450").is_some());
    harness.click_label("Close");
    assert!(harness.query_by_label("This routine file has problems").is_none());
    let routines_dir = Paths::under(&dir.path().join("home")).routines_dir();
    assert_eq!(std::fs::read_dir(routines_dir).unwrap().count(), 0, "nothing imported");
}

#[test]
fn importing_the_same_id_asks_replace_or_keep_both() {
    let (dir, home, mut harness) = neck_routine_imported("rk-neck.ron");
    assert!(harness.query_by_label("Routine added").is_some());
    harness.click_label("Close");
    let saved = std::fs::read_to_string(Paths::under(&home).routines_dir().join("rk-neck.ron")).unwrap();
    assert_eq!(saved, NECK_ROUTINE, "copied as written, comments included");
    assert!(harness.get_all_by_label_contains("from: J. de Vries, fysiotherapeut").next().is_some());

    // The same id again, with another title: keep both.
    let second = dir.path().join("again.ron");
    std::fs::write(&second, NECK_ROUTINE.replace("Neck for R.K.", "Neck for R.K., week 2")).unwrap();
    harness.state_mut().import_file(&second);
    harness.run();
    assert!(harness.query_by_label("A routine with this name is already there").is_some());
    assert!(harness.query_by_label_contains("rk-neck").is_none(), "the person is not shown the internal id");
    harness.click_label("Keep both");
    let kept = Paths::under(&home).routines_dir().join("rk-neck-2.ron");
    let catalog = bundled::catalog().unwrap();
    let kept_routine = parse_routine(&std::fs::read(&kept).unwrap(), &catalog).unwrap().routine;
    assert_eq!(kept_routine.id, "rk-neck-2");
    assert_eq!(kept_routine.title.en, "Neck for R.K., week 2");
    harness.click_label("Close");

    // And once more: replace the first.
    let third = dir.path().join("third.ron");
    std::fs::write(&third, NECK_ROUTINE.replace("press_secs: 45", "press_secs: 90")).unwrap();
    harness.state_mut().import_file(&third);
    harness.run();
    harness.click_label("Replace");
    let replaced = std::fs::read_to_string(Paths::under(&home).routines_dir().join("rk-neck.ron")).unwrap();
    assert!(replaced.contains("press_secs: 90"));
}

#[test]
fn a_bundled_routine_cannot_be_replaced_by_an_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("low-back.ron");
    std::fs::write(&file, NECK_ROUTINE.replace("\"rk-neck\"", "\"low-back\"")).unwrap();
    let mut app = app_in(&dir.path().join("home"));
    app.import_file(&file);
    let mut harness = harness(app);
    harness.run();
    assert!(harness.query_by_label_contains("built-in routines cannot be replaced").is_some());
    assert!(harness.query_by_label("Add as a separate routine").is_some());
    assert!(harness.query_by_label("Replace").is_none());
}

#[test]
fn the_editor_builds_a_valid_routine_within_limits() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let mut harness = harness(app_in(&home));
    harness.run();
    open_tab(&mut harness, "Routines");
    harness.get_all_by_label("New routine").next().unwrap().click_accesskit();
    harness.run();
    assert!(harness.query_by_label("Edit routine").is_none(), "a new routine is not called edited");
    assert!(harness.query_by_label("New routine").is_some());
    {
        use egui_kittest::kittest::NodeT as _;
        let id_field = harness.get_by_label("Id");
        assert_eq!(id_field.accesskit_node().value().as_deref(), Some("my-routine"), "the first new routine's id");
    }
    assert!(
        harness.query_by_label_contains("Add a step: click a point on the map.").is_some(),
        "live validation, in plain words"
    );
    // Add a point from the map (back view): GB21, left.
    harness.click_label("GB21 Shoulder Well, left side");
    assert!(harness.query_by_label("1. Shoulder Well (GB21)").is_some());
    assert!(harness.query_by_label_contains("Add a step: click a point on the map.").is_none());
    // The press slider cannot leave 30..=120 s, however far it is pushed.
    for _ in 0..70 {
        harness.get_by_role_and_label(egui::accesskit::Role::Slider, "press").focus();
        harness.step();
        harness.key_press(Key::ArrowRight);
        harness.step();
    }
    harness.run();
    let author = harness.get_by_label("Author");
    author.focus();
    author.type_text("Test Therapist");
    harness.run();
    assert!(
        harness.query_by_label_contains("The description has no English text yet.").is_some(),
        "the example is a hint, not a text"
    );
    for (field, text) in
        [("Description (English)", "For the shoulders."), ("Description (Dutch)", "Voor de schouders.")]
    {
        harness.get_by_label(field).focus();
        harness.get_by_label(field).type_text(text);
        harness.run();
    }
    harness.click_label("Save");
    let saved = Paths::under(&home).routines_dir().join("my-routine.ron");
    let catalog = bundled::catalog().unwrap();
    let routine = parse_routine(&std::fs::read(&saved).unwrap(), &catalog).unwrap().routine;
    assert_eq!(routine.steps.len(), 1);
    assert_eq!(routine.steps[0].press_secs, MAX_PRESS_SECS);
    assert_eq!(routine.author, "Test Therapist");
}

#[test]
fn settings_answers_and_history_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    {
        let mut harness = harness(app_in(&home));
        harness.run();
        open_tab(&mut harness, "Settings");
        harness.click_label("Nederlands");
    }
    let harness = harness(app_in(&home));
    assert_eq!(harness.state().lang(), acupress::text::Lang::Nl);
    assert!(harness.state().notices().is_empty());
}

#[test]
fn a_copy_asks_for_its_own_author() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(app_in(&dir.path().join("home")));
    harness.run();
    open_tab(&mut harness, "Routines");
    harness.get_all_by_label("Copy and edit").next().unwrap().click_accesskit();
    harness.run();
    assert!(harness.query_by_label_contains("New routine, copied from").is_some());
    assert!(
        harness.query_by_label_contains("Fill in who made the routine").is_some(),
        "the copy is not signed by the original author"
    );
}

#[test]
fn the_editor_warns_when_a_rest_is_too_short_to_announce_the_next_point() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("short.ron");
    let short = NECK_ROUTINE
        .replace("rest_secs: 15", "rest_secs: 5")
        .replace("Step(point: \"SI3\", side: Right, press_secs: 45", "Step(point: \"SP6\", side: Both, press_secs: 45");
    std::fs::write(&file, short).unwrap();
    let mut app = app_in(&dir.path().join("home"));
    app.import_file(&file);
    let mut harness = harness(app);
    harness.run();
    assert!(harness.query_by_label("Routine added").is_some(), "a warning does not stop the import");
    harness.click_label("Close");
    // A therapist's routine is edited as the person's own copy (the file stays as it came).
    harness.get_all_by_label("Copy and edit").last().expect("the imported routine can be copied").click_accesskit();
    harness.run();
    assert!(harness.query_by_label_contains("stays exactly as it is").is_some(), "the editor says it is a copy");
    // The copy is the person's: they sign it, and then the checks that need a whole routine run.
    harness.get_by_label("Author").focus();
    harness.run();
    harness.get_by_label("Author").type_text("Anna");
    harness.run();
    assert!(harness.query_by_label_contains("is too short to name the next point in Dutch").is_some());
}

fn notice_texts(harness: &Harness<'static, AcupressApp>) -> Vec<String> {
    harness.state().notices().iter().map(ToString::to_string).collect()
}

#[cfg(unix)]
#[test]
fn a_settings_file_that_cannot_be_read_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let paths = Paths::under(&home);
    acupress::store::create_private_dir(&paths.config_dir).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(paths.settings_file()).status().unwrap().success());
    // The app opens (a pipe is not waited on) and says so.
    let mut harness = harness(app_in(&home));
    harness.run();
    assert!(
        notice_texts(&harness).iter().any(|notice| notice.contains("settings.ron: not a regular file")),
        "{:?}",
        notice_texts(&harness)
    );
    assert!(harness.query_by_label_contains("settings.ron is not a file").is_some(), "shown to the person");
    // Changing a setting does not write over it.
    open_tab(&mut harness, "Settings");
    harness.click_label("Nederlands");
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(
        &std::fs::symlink_metadata(paths.settings_file()).unwrap().file_type()
    ));
    assert!(notice_texts(&harness).iter().any(|notice| notice.contains("not saved")));
}

#[test]
fn an_import_never_overwrites_a_file_it_could_not_load_or_of_another_id() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let routines_dir = Paths::under(&home).routines_dir();
    acupress::store::create_private_dir(&routines_dir).unwrap();
    // rk-neck.ron does not load; alpha.ron holds routine "beta".
    let broken = NECK_ROUTINE.replace("press_secs: 45", "press_secs: 450");
    std::fs::write(routines_dir.join("rk-neck.ron"), &broken).unwrap();
    let beta = NECK_ROUTINE.replace("\"rk-neck\"", "\"beta\"").replace("Neck for R.K.", "Beta");
    std::fs::write(routines_dir.join("alpha.ron"), &beta).unwrap();
    let mut app = app_in(&home);
    let notices: Vec<String> = app.notices().iter().map(ToString::to_string).collect();
    assert!(notices.iter().any(|notice| notice.contains("rk-neck.ron:") && notice.contains("450")), "{notices:?}");
    assert!(
        notices.iter().any(|notice| notice.contains("alpha.ron: holds the routine with id \"beta\"")),
        "{notices:?}"
    );
    // Import rk-neck: the broken file stays; the import gets a new file.
    let file = dir.path().join("rk-neck.ron");
    std::fs::write(&file, NECK_ROUTINE).unwrap();
    app.import_file(&file);
    // Import alpha: alpha.ron (routine beta) stays.
    let alpha = dir.path().join("alpha-import.ron");
    std::fs::write(&alpha, NECK_ROUTINE.replace("\"rk-neck\"", "\"alpha\"")).unwrap();
    app.import_file(&alpha);
    assert_eq!(std::fs::read_to_string(routines_dir.join("rk-neck.ron")).unwrap(), broken);
    assert_eq!(std::fs::read_to_string(routines_dir.join("alpha.ron")).unwrap(), beta);
    assert!(std::fs::read_to_string(routines_dir.join("rk-neck-2.ron")).unwrap().contains("id: \"rk-neck\""));
    assert!(std::fs::read_to_string(routines_dir.join("alpha-2.ron")).unwrap().contains("id: \"alpha\""));
    // And after a restart the routine beta is still there, next to both imports.
    drop(app);
    let mut harness = harness(app_in(&home));
    harness.run();
    open_tab(&mut harness, "Routines");
    assert!(harness.query_by_label("Beta").is_some());
    assert_eq!(harness.get_all_by_label("Neck for R.K.").count(), 2);
}

#[test]
fn impossible_settings_and_history_are_kept_aside_and_the_app_starts() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let paths = Paths::under(&home);
    acupress::store::create_private_dir(&paths.config_dir).unwrap();
    acupress::store::create_private_dir(&paths.data_dir).unwrap();
    std::fs::write(paths.settings_file(), "Settings(format: 1, text_scale: NaN)").unwrap();
    let history = r#"History(format: 1, sessions: [SessionRecord(routine_id: "a", routine_title: (en: "A", nl: "A"), routine_author: "x", started_unix_secs: 1795275315000, practised_secs: 60, completed: true, stopped_at_step: None, steps_total: 1, steps_done: 1, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, pain_before: None, pain_after: None)])"#;
    std::fs::write(paths.history_file(), history).unwrap();
    let mut harness = harness(app_in(&home));
    harness.run();
    open_tab(&mut harness, "History");
    assert!(harness.query_by_label_contains("No sessions yet").is_some());
    let notices = notice_texts(&harness);
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(notices.iter().all(|notice| notice.contains("(kept as ")), "{notices:?}");
    let kept: Vec<String> = std::fs::read_dir(&paths.data_dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("history.ron.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read_to_string(paths.data_dir.join(&kept[0])).unwrap(), history);
}

#[cfg(unix)]
#[test]
fn a_pipe_in_the_routines_folder_does_not_stop_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let routines_dir = Paths::under(&home).routines_dir();
    acupress::store::create_private_dir(&routines_dir).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(routines_dir.join("stuck.ron")).status().unwrap().success());
    let app = app_in(&home);
    let notices: Vec<String> = app.notices().iter().map(ToString::to_string).collect();
    assert!(notices.iter().any(|notice| notice.contains("stuck.ron: not a regular file")), "{notices:?}");
}

#[test]
fn a_routine_of_ones_own_can_be_deleted_after_asking_and_brought_back() {
    let (_dir, home, mut harness) = neck_routine_imported("rk.ron");
    harness.click_label("Close");
    let saved = Paths::under(&home).routines_dir().join("rk-neck.ron");
    assert!(saved.exists());
    // Bundled routines have no Delete; one's own has, and it asks first.
    assert_eq!(harness.query_all_by_label_contains("Delete ").count(), 1);
    harness.click_label("Delete Neck for R.K.");
    assert!(harness.query_by_label("Delete “Neck for R.K.”?").is_some());
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Delete “Neck for R.K.”?").is_none(), "Esc keeps it");
    assert!(saved.exists());
    harness.click_label("Delete Neck for R.K.");
    harness.key_press(Key::Enter);
    harness.run();
    // Gone from the library, and from its folder, but kept in the trash.
    assert!(harness.query_by_label("Neck for R.K.").is_none());
    assert!(!saved.exists());
    let trashed = Paths::under(&home).trash_dir().join("rk-neck.ron");
    assert_eq!(std::fs::read_to_string(&trashed).unwrap(), NECK_ROUTINE, "nothing is lost");
    assert!(harness.query_by_label_contains("“Neck for R.K.” is deleted.").is_some());
    // Undo puts it back, file and all.
    harness.click_label("Undo");
    assert!(harness.query_by_label("Neck for R.K.").is_some());
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), NECK_ROUTINE);
    assert!(!trashed.exists());
    assert!(harness.query_by_label("Undo").is_none());
}

#[test]
fn leaving_the_editor_with_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(app_in(&dir.path().join("home")));
    harness.run();
    open_tab(&mut harness, "Routines");
    harness.get_all_by_label("New routine").next().unwrap().click_accesskit();
    harness.run();
    // No change yet: Back leaves at once.
    harness.click_label("Back");
    assert!(harness.query_by_label("Search").is_some(), "back in the library");
    harness.get_all_by_label("New routine").next().unwrap().click_accesskit();
    harness.run();
    harness.get_by_label("Author").focus();
    harness.run();
    harness.get_by_label("Author").type_text("Me");
    harness.run();
    harness.click_label("Back");
    assert!(harness.query_by_label("Leave without saving?").is_some());
    // The draft cannot be saved yet (no steps): the question says so, and offers no Save.
    assert!(harness.query_by_label_contains("cannot be saved yet").is_some());
    harness.click_label("Keep editing");
    assert!(harness.query_by_label("New routine").is_some(), "still editing");
    assert_eq!(harness.get_by_label("Author").accesskit_node().value().as_deref(), Some("Me"), "nothing lost");
    harness.click_label("Back");
    harness.click_label("Leave without saving");
    assert!(harness.query_by_label("Search").is_some(), "back in the library");
}

#[test]
fn a_disabled_save_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(app_in(&dir.path().join("home")));
    harness.run();
    open_tab(&mut harness, "Routines");
    harness.get_all_by_label("New routine").next().unwrap().click_accesskit();
    harness.run();
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    assert!(harness.query_by_label_contains("problems marked in red to save").is_some());
    // Each problem sits under its own field, in plain words.
    assert!(harness.query_by_label_contains("× Fill in who made the routine").is_some());
}
