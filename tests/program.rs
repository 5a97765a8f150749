//! The therapist's program, as the patient meets it: a routine with a prescription is imported
//! and becomes a program; the home screen says what is due today; reminders come on a manual
//! clock (on time, missed while asleep, done for the day, after the program); acting on one opens
//! the safety questions.

mod common;

use common::ClickLabel;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use acupress::app::AcupressApp;
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::notify::RecordingNotifier;
use acupress::program::ReminderNotice;
use acupress::settings::Settings;
use acupress::store::{Paths, Store};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Two sessions a day, five days a week, for two weeks.
fn prescribed() -> String {
    common::rk_back(
        r#"rest_secs: 15,
    prescription: (sessions_per_day: 2, days_per_week: 5, weeks: 2),
    steps: [
        Step(point: "BL40", side: Both, press_secs: 60, pressure: Medium),
    ],"#,
    )
}

/// The app on Saturday 21 November 2026, 13:00 in Amsterdam, with reminders that a test looks at.
fn app(home: &Path, clock: &ManualClock, notifier: &RecordingNotifier) -> Harness<'static, AcupressApp> {
    let catalog = bundled::catalog().unwrap();
    let routines = bundled::valid_routines(&catalog).unwrap();
    let app = AcupressApp::new(catalog, routines, Settings::default(), Arc::new(clock.clone()))
        .with_time_zone(common::amsterdam())
        .with_store(Store::open(Paths::under(home)).unwrap())
        .with_reminders(Arc::new(notifier.clone()), false);
    common::harness_sized(app, [1280.0, 900.0])
}

/// The app (as [`app`]) in a new home folder, R.K.'s prescription just imported.
fn imported() -> (tempfile::TempDir, ManualClock, RecordingNotifier, Harness<'static, AcupressApp>) {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new();
    let notifier = RecordingNotifier::new();
    let mut harness = app(&dir.path().join("home"), &clock, &notifier);
    harness.run();
    import(&mut harness, dir.path());
    (dir, clock, notifier, harness)
}

/// Imports R.K.'s prescription from a file in `dir`, as a double-click on it would.
fn import(harness: &mut Harness<'static, AcupressApp>, dir: &Path) {
    let file = dir.join("rk-back.ron");
    std::fs::write(&file, prescribed()).unwrap();
    harness.state_mut().import_file(&file);
    harness.run();
}

#[test]
fn an_imported_prescription_becomes_a_program_from_today() {
    let (dir, clock, notifier, mut harness) = imported();
    assert!(harness.query_by_label("This is now your home program").is_some());
    assert!(
        harness
            .query_by_label_contains("21 Nov – 4 Dec: 2× a day, 5 days a week, for 2 weeks. Reminders at 09:00, 18:00.")
            .is_some()
    );
    let programs = &harness.state().settings().programs;
    assert_eq!(programs.len(), 1);
    assert_eq!(programs[0].start, jiff::civil::date(2026, 11, 21));
    harness.click_label("Close");
    harness.state_mut().show_tab(acupress::ui::Tab::BodyMap);
    harness.run();
    assert!(harness.query_by_label("Your program").is_some());
    assert!(harness.query_by_label("0 of 2 today · until 4 Dec").is_some(), "what is due today, and the end");
    // A restart keeps it.
    drop(harness);
    let harness = app(&dir.path().join("home"), &clock, &notifier);
    assert_eq!(harness.state().settings().programs.len(), 1);
}

#[test]
fn reminders_come_on_time_once_after_sleep_and_not_after_the_program() {
    let (_dir, clock, notifier, harness) = imported();
    assert_eq!(harness.state().check_reminders(), None, "the first look only starts the watch");
    // 17:59 in Amsterdam: nothing yet; 18:00: the evening reminder.
    clock.advance(Duration::from_secs(4 * 3600 + 59 * 60));
    assert_eq!(harness.state().check_reminders(), None);
    clock.advance(Duration::from_secs(60));
    assert_eq!(harness.state().check_reminders(), Some(ReminderNotice::Now(vec!["rk-back".into()])));
    assert_eq!(notifier.shown()[0].title, "Time for Back for R.K.");
    // Asleep until Monday 10:00: four reminders passed, one notice.
    clock.advance(Duration::from_secs(40 * 3600));
    assert_eq!(harness.state().check_reminders(), Some(ReminderNotice::Missed(vec!["rk-back".into()])));
    assert_eq!(notifier.shown().len(), 2);
    assert_eq!(notifier.shown()[1].title, "You missed a reminder");
    // After the program's last day (4 December): no more.
    clock.advance(Duration::from_secs(14 * 24 * 3600));
    let _ = harness.state().check_reminders();
    let shown = notifier.shown().len();
    clock.advance(Duration::from_secs(24 * 3600));
    assert_eq!(harness.state().check_reminders(), None, "the program has ended");
    assert_eq!(notifier.shown().len(), shown);
}

#[test]
fn acting_on_a_reminder_opens_the_safety_questions() {
    let (_dir, clock, notifier, mut harness) = imported();
    harness.click_label("Close");
    let _ = harness.state().check_reminders();
    clock.advance(Duration::from_secs(5 * 3600));
    assert!(harness.state().check_reminders().is_some());
    notifier.click(0);
    harness.run();
    assert!(harness.query_by_label("Safety questions").is_some());
    assert!(harness.query_by_label_contains("Back for R.K.").is_some());
}

#[test]
fn no_reminder_once_the_days_sessions_are_done() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    // Two completed sessions on 21 November, before the evening reminder.
    let paths = Paths::under(&home);
    acupress::store::create_private_dir(&paths.data_dir).unwrap();
    let session = |secs: i64| {
        format!(
            "SessionRecord(routine_id: \"rk-back\", routine_title: (en: \"Back for R.K.\", nl: \"Rug voor R.K.\"), routine_author: \"J. de Vries\", started_unix_secs: {secs}, practised_secs: 200, completed: true, stopped_at_step: None, steps_total: 1, steps_done: 1, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, pain_before: None, pain_after: None)"
        )
    };
    let history =
        format!("History(format: 1, sessions: [{}, {}])", session(1_795_262_400 - 3600), session(1_795_262_400 - 1800));
    std::fs::write(paths.history_file(), history).unwrap();
    let clock = ManualClock::new();
    let notifier = RecordingNotifier::new();
    let mut harness = app(&home, &clock, &notifier);
    harness.run();
    import(&mut harness, dir.path());
    let _ = harness.state().check_reminders();
    clock.advance(Duration::from_secs(5 * 3600));
    assert_eq!(harness.state().check_reminders(), None, "both of today's sessions are done");
    harness.get_by_label("Close").click_accesskit();
    harness.state_mut().show_tab(acupress::ui::Tab::BodyMap);
    harness.run();
    assert!(harness.query_by_label("2 of 2 today · until 4 Dec").is_some());
}

#[test]
fn a_deleted_routine_reminds_no_more_and_a_click_waits_for_the_questions_to_close() {
    let (_dir, clock, notifier, mut harness) = imported();
    harness.click_label("Close");
    let _ = harness.state().check_reminders();
    // 18:00: a reminder; acted on while other safety questions are open, it waits.
    clock.advance(Duration::from_secs(5 * 3600));
    assert!(harness.state().check_reminders().is_some());
    harness.state_mut().show_tab(acupress::ui::Tab::Library);
    harness.run();
    harness.get_all_by_label("Start").next().unwrap().click_accesskit();
    harness.run();
    assert!(harness.query_by_label_contains("For: Low back").is_some(), "the low-back questions are open");
    notifier.click(0);
    harness.run();
    assert!(harness.query_by_label_contains("For: Low back").is_some(), "not swapped under the person");
    harness.click_label("Back");
    assert!(harness.query_by_label_contains("For: Back for R.K.").is_some(), "the click is kept for when they close");
    harness.click_label("Back");
    // The routine is deleted: the next day's reminders do not come.
    harness.state_mut().show_tab(acupress::ui::Tab::Library);
    harness.run();
    harness.click_label("Delete Back for R.K.");
    harness.get_by_label("Delete (Enter)").click_accesskit();
    harness.run();
    let shown = notifier.shown().len();
    clock.advance(Duration::from_secs(24 * 3600));
    assert_eq!(harness.state().check_reminders(), None, "no reminder for a deleted routine");
    assert_eq!(notifier.shown().len(), shown);
}

#[test]
fn a_time_typed_but_not_added_is_saved_with_save() {
    let (_dir, _clock, _notifier, mut harness) = imported();
    harness.click_label("Close");
    harness.state_mut().show_tab(acupress::ui::Tab::BodyMap);
    harness.run();
    harness.click_label("Start day and reminders…");
    harness.get_by_label("Add a time").click();
    harness.run();
    harness.get_by_label("Add a time").type_text("7:30");
    harness.run();
    harness.click_label("Save");
    let times: Vec<u16> = harness.state().settings().programs[0].reminders.iter().map(|time| time.0).collect();
    assert_eq!(times, vec![7 * 60 + 30, 9 * 60, 18 * 60], "the typed 07:30 is kept, in order");
}
