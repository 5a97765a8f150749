//! The user's data through the app: import, the editor, and what survives a restart.

use std::path::Path;
use std::sync::Arc;

use acupress::app::{AcupressApp, Settings};
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::routine::{MAX_PRESS_SECS, Routine, parse_routine};
use acupress::store::{Paths, Store};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn routines() -> Vec<Routine> {
    let catalog = bundled::catalog().unwrap();
    bundled::valid_routines(&catalog).unwrap()
}

fn app_in(root: &Path) -> AcupressApp {
    let store = Store::open(Paths::under(root)).unwrap();
    AcupressApp::new(bundled::catalog().unwrap(), routines(), Settings::default(), Arc::new(ManualClock::new()))
        .with_store(store)
}

fn harness(app: AcupressApp) -> Harness<'static, AcupressApp> {
    Harness::builder().with_size([1280.0, 900.0]).build_ui_state(|ui, app: &mut AcupressApp| app.show(ui), app)
}

const THERAPIST_ROUTINE: &str = r#"// For patient R.K. — comments are kept on import.
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

#[test]
fn a_broken_file_shows_its_errors_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.ron");
    std::fs::write(
        &file,
        THERAPIST_ROUTINE.replace("press_secs: 45", "press_secs: 450").replace("\"SI3\"", "\"SI33\""),
    )
    .unwrap();
    let mut app = app_in(&dir.path().join("home"));
    app.import_file(&file);
    let mut harness = harness(app);
    harness.run_steps(2);
    assert!(harness.query_by_label("This routine file has problems").is_some());
    assert!(harness.query_by_label_contains("broken.ron:13:21: step 2: unknown point code `SI33`").is_some());
    assert!(harness.query_by_label_contains("broken.ron:13:54: step 2: `press_secs` is 450").is_some());
    harness.get_by_label("Close").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("This routine file has problems").is_none());
    let routines_dir = Paths::under(&dir.path().join("home")).routines_dir();
    assert_eq!(std::fs::read_dir(routines_dir).unwrap().count(), 0, "nothing imported");
}

#[test]
fn importing_the_same_id_asks_replace_or_keep_both() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join("rk-neck.ron");
    std::fs::write(&file, THERAPIST_ROUTINE).unwrap();
    let mut app = app_in(&home);
    app.import_file(&file);
    let mut harness = harness(app);
    harness.run_steps(2);
    assert!(harness.query_by_label("Routine added").is_some());
    harness.get_by_label("Close").click_accesskit();
    harness.run_steps(2);
    let saved = std::fs::read_to_string(Paths::under(&home).routines_dir().join("rk-neck.ron")).unwrap();
    assert_eq!(saved, THERAPIST_ROUTINE, "copied as written, comments included");
    assert!(harness.get_all_by_label_contains("from: J. de Vries, fysiotherapeut").next().is_some());

    // The same id again, with another title: keep both.
    let second = dir.path().join("again.ron");
    std::fs::write(&second, THERAPIST_ROUTINE.replace("Neck for R.K.", "Neck for R.K., week 2")).unwrap();
    harness.state_mut().import_file(&second);
    harness.run_steps(2);
    assert!(harness.query_by_label("This routine is already in your library").is_some());
    harness.get_by_label("Keep both").click_accesskit();
    harness.run_steps(2);
    let kept = Paths::under(&home).routines_dir().join("rk-neck-2.ron");
    let catalog = bundled::catalog().unwrap();
    let kept_routine = parse_routine(&std::fs::read(&kept).unwrap(), &catalog).unwrap().routine;
    assert_eq!(kept_routine.id, "rk-neck-2");
    assert_eq!(kept_routine.title.en, "Neck for R.K., week 2");
    harness.get_by_label("Close").click_accesskit();
    harness.run_steps(1);

    // And once more: replace the first.
    let third = dir.path().join("third.ron");
    std::fs::write(&third, THERAPIST_ROUTINE.replace("press_secs: 45", "press_secs: 90")).unwrap();
    harness.state_mut().import_file(&third);
    harness.run_steps(2);
    harness.get_by_label("Replace").click_accesskit();
    harness.run_steps(2);
    let replaced = std::fs::read_to_string(Paths::under(&home).routines_dir().join("rk-neck.ron")).unwrap();
    assert!(replaced.contains("press_secs: 90"));
}

#[test]
fn a_bundled_routine_cannot_be_replaced_by_an_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("low-back.ron");
    std::fs::write(&file, THERAPIST_ROUTINE.replace("\"rk-neck\"", "\"low-back\"")).unwrap();
    let mut app = app_in(&dir.path().join("home"));
    app.import_file(&file);
    let mut harness = harness(app);
    harness.run_steps(2);
    assert!(harness.query_by_label("Keep both").is_some());
    assert!(harness.query_by_label("Replace").is_none());
}

#[test]
fn the_editor_builds_a_valid_routine_within_limits() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let mut harness = harness(app_in(&home));
    harness.run_steps(2);
    harness.get_by_label("Routines").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("New routine").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("Edit routine").is_some());
    assert!(
        harness.query_by_label_contains("the routine has no steps").is_some(),
        "live validation, same words as check"
    );
    // Add a point from the map (back view): GB21, left.
    harness.get_by_label("GB21 Shoulder Well, left side").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("1. Shoulder Well (GB21)").is_some());
    assert!(harness.query_by_label_contains("the routine has no steps").is_none());
    // The press slider cannot leave 30..=120 s, however far it is pushed.
    for _ in 0..70 {
        harness.get_by_role_and_label(egui::accesskit::Role::Slider, "press").focus();
        harness.step();
        harness.key_press(Key::ArrowRight);
        harness.step();
    }
    harness.run_steps(2);
    let author = harness.get_by_label("Author");
    author.focus();
    author.type_text("Test Therapist");
    harness.run_steps(2);
    harness.get_by_label("Save").click_accesskit();
    harness.run_steps(2);
    let saved = Paths::under(&home).routines_dir().join("my-routine-2.ron");
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
        harness.run_steps(2);
        harness.get_by_label("Nederlands").click_accesskit();
        harness.run_steps(2);
    }
    let harness = harness(app_in(&home));
    assert_eq!(harness.state().settings().lang, acupress::text::Lang::Nl);
    assert!(harness.state().notices().is_empty());
}

#[test]
fn a_copy_asks_for_its_own_author() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(app_in(&dir.path().join("home")));
    harness.run_steps(2);
    harness.get_by_label("Routines").click_accesskit();
    harness.run_steps(2);
    harness.get_all_by_label("Copy and edit").next().unwrap().click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("Edit routine").is_some());
    assert!(
        harness.query_by_label_contains("`author` is empty").is_some(),
        "the copy is not signed by the original author"
    );
}
