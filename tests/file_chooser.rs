//! On a desktop with no system file chooser (no portal, no zenity), Import…, Handout… and
//! Report… open the app's own chooser: named controls, a folder list, a name field, Enter to
//! choose, a question before replacing a file.

mod common;

use common::ClickLabel;

use std::sync::Arc;

use acupress::app::AcupressApp;
use acupress::app::effects::ScriptedDialogs;
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::settings::Settings;
use acupress::store::{Paths, Store};
use acupress::ui::Tab;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const ROUTINE: &str = r#"Routine(
    format: 1,
    id: "neck-for-an",
    title: (en: "Neck for An", nl: "Nek voor An"),
    description: (en: "Points traditionally used for a stiff neck.", nl: "Punten die traditioneel worden gebruikt bij een stijve nek."),
    author: "J. de Vries, fysiotherapeut",
    complaints: [NeckShoulders],
    breathing: SlowPaced,
    rest_secs: 15,
    steps: [Step(point: "GB20", side: Both, press_secs: 60, pressure: Medium)],
)
"#;

fn harness(home: &std::path::Path, questions: usize) -> Harness<'static, AcupressApp> {
    let catalog = bundled::catalog().unwrap();
    let app = AcupressApp::new(
        catalog.clone(),
        bundled::valid_routines(&catalog).unwrap(),
        Settings::default(),
        Arc::new(ManualClock::new()),
    )
    .with_store(Store::open(Paths::under(home)).unwrap())
    .with_dialogs(ScriptedDialogs::without_a_chooser(questions));
    let mut harness = common::harness_sized(app, [1280.0, 900.0]);
    harness.run();
    harness
}

/// Types `text` into the chooser's name field and presses Enter.
fn type_and_enter(harness: &mut Harness<'static, AcupressApp>, field: &str, text: &str) {
    let node = harness.get_by_label(field);
    node.focus();
    harness.run();
    harness.get_by_label(field).type_text(text);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

#[test]
fn import_without_a_system_chooser_opens_the_apps_own_and_imports_the_typed_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("neck.ron");
    std::fs::write(&file, ROUTINE).unwrap();
    let mut harness = harness(&dir.path().join("home"), 1);
    harness.state_mut().show_tab(Tab::Library);
    harness.run();
    harness.click_label("Import…");
    let dialog = harness.get_by_role_and_label(Role::Dialog, "Open a routine file");
    assert!(dialog.query_by_label("Up one folder").is_some());
    assert!(harness.get_by_label("Up one folder").is_focused(), "the keyboard starts in the chooser");
    type_and_enter(&mut harness, "File name, or the whole path", &file.display().to_string());
    assert!(harness.query_by_role_and_label(Role::Dialog, "Open a routine file").is_none(), "the chooser closed");
    assert!(harness.query_all_by_label_contains("Neck for An").next().is_some(), "the import opened");
    assert!(Paths::under(&dir.path().join("home")).routines_dir().join("neck-for-an.ron").exists());
}

#[test]
fn the_chooser_lists_folders_and_routine_files_and_goes_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("from my physio");
    std::fs::create_dir(&inbox).unwrap();
    std::fs::write(inbox.join("neck.ron"), ROUTINE).unwrap();
    std::fs::write(inbox.join("notes.txt"), "not a routine").unwrap();
    std::fs::write(inbox.join(".hidden.ron"), ROUTINE).unwrap();
    let mut harness = harness(&dir.path().join("home"), 1);
    harness.state_mut().show_tab(Tab::Library);
    harness.run();
    harness.click_label("Import…");
    // A folder typed as the name is opened, not imported.
    type_and_enter(&mut harness, "File name, or the whole path", &inbox.display().to_string());
    assert!(harness.query_by_label_contains("Folder: ").unwrap().value().unwrap().contains("from my physio"));
    assert!(harness.query_by_label("neck.ron").is_some(), "routine files are listed");
    assert!(harness.query_by_label("notes.txt").is_none(), "other files are not");
    assert!(harness.query_by_label(".hidden.ron").is_none(), "hidden files are not");
    harness.click_label("neck.ron");
    assert!(harness.query_all_by_label_contains("Neck for An").next().is_some(), "the import opened");
}

#[test]
fn saving_without_a_system_chooser_asks_before_replacing_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("for my physio.pdf");
    std::fs::write(&target, "an older report").unwrap();
    let mut harness = harness(&dir.path().join("home"), 1);
    harness.state_mut().show_tab(Tab::History);
    harness.run();
    harness.get_by_label("Progress report (PDF)…").click_accesskit();
    harness.run();
    assert!(harness.query_by_role_and_label(Role::Dialog, "Save the document as").is_some());
    // The suggested name is there; the whole path replaces it.
    harness.get_by_label("File name").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    type_and_enter(&mut harness, "File name", &target.display().to_string());
    assert!(harness.query_by_label_contains("already exists. Replace it?").is_some());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "an older report", "nothing replaced yet");
    harness.click_label("Replace");
    assert!(std::fs::read(&target).unwrap().starts_with(b"%PDF"), "the report is written");
    assert!(harness.query_by_label_contains("for my physio.pdf").is_some(), "the person is told where it went");
}

#[test]
fn a_name_without_an_extension_is_saved_with_one_and_cancel_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&dir.path().join("home"), 2);
    harness.state_mut().show_tab(Tab::History);
    harness.run();
    harness.get_by_label("Progress report (PDF)…").click_accesskit();
    harness.run();
    harness.click_label("Cancel");
    assert!(harness.query_by_role_and_label(Role::Dialog, "Save the document as").is_none());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "only the home folder: nothing written");
    harness.get_by_label("Progress report (PDF)…").click_accesskit();
    harness.run();
    harness.get_by_label("File name").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    type_and_enter(&mut harness, "File name", &dir.path().join("report").display().to_string());
    assert!(dir.path().join("report.pdf").exists());
}
