//! One acupress per person, in the window: a file handed over by a second start opens as if it
//! were dropped (after any questions or session already open); a window whose work would not be
//! kept says so, starts no session, and can try again.

mod common;

use common::{ClickLabel, THERAPIST_ROUTINE, harness, routines};

use std::path::Path;
use std::sync::Arc;

use acupress::app::{AcupressApp, Inbox, NotKept, Ownership, Retried};
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::instance::Request;
use acupress::settings::Settings;
use acupress::store::{Paths, Store};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn app_in(root: &Path) -> AcupressApp {
    let store = Store::open(Paths::under(root)).unwrap();
    AcupressApp::new(bundled::catalog().unwrap(), routines(), Settings::default(), Arc::new(ManualClock::new()))
        .with_store(store)
}

fn open_gate(harness: &mut Harness<'static, AcupressApp>) {
    let routine = harness.state().library_routines()[0].clone();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .send(acupress::ui::Command::Session(acupress::ui::SessionFlow::Prepare(Box::new(routine))), &ctx);
    harness.run();
}

#[test]
fn a_handed_over_file_opens_its_import_like_a_dropped_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rug-jan.ron");
    std::fs::write(&file, THERAPIST_ROUTINE).unwrap();
    let app = app_in(&dir.path().join("home"));
    let inbox = app.inbox();
    let mut harness = harness(app);
    harness.run();
    inbox.deliver(Request { file: Some(file), minimised: true });
    harness.run();
    assert!(harness.query_all_by_label_contains("Back for Jan").next().is_some(), "the import opened");
    assert!(Paths::under(&dir.path().join("home")).routines_dir().join("rug-jan.ron").exists());
}

#[test]
fn a_handed_over_file_waits_for_the_safety_questions_that_are_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rug-jan.ron");
    std::fs::write(&file, THERAPIST_ROUTINE).unwrap();
    let app = app_in(&dir.path().join("home"));
    let inbox = app.inbox();
    let mut harness = harness(app);
    open_gate(&mut harness);
    assert!(harness.query_by_label("Confirm answers").is_some(), "the questions are open");
    inbox.deliver(Request { file: Some(file), minimised: false });
    harness.run();
    assert!(harness.query_all_by_label_contains("Back for Jan").next().is_none(), "the import waits");
    assert!(harness.query_by_label("Confirm answers").is_some(), "the questions stay");
    harness.click_label("Back");
    assert!(harness.query_all_by_label_contains("Back for Jan").next().is_some(), "then the import opens");
}

#[test]
fn a_window_whose_work_would_not_be_kept_says_so_and_starts_no_session() {
    let dir = tempfile::tempdir().unwrap();
    let owner = Store::open(Paths::under(dir.path())).unwrap();
    let app = app_in(dir.path());
    assert_eq!(app.is_not_kept(), Some(NotKept::OtherOwner));
    let mut harness = harness(app);
    harness.run();
    assert!(harness.query_by_label_contains("Nothing done in this window would be kept").is_some());
    assert!(harness.query_by_label("Dismiss").is_none(), "the warning cannot be dismissed");
    open_gate(&mut harness);
    assert!(harness.query_by_label("Confirm answers").is_none(), "no questions, no session");
    assert!(harness.query_by_role_and_label(egui::accesskit::Role::Dialog, "The session did not start").is_some());
    drop(owner);
}

/// "Try again" from a script: first the other acupress still owns the data, then it has gone.
struct Scripted {
    root: std::path::PathBuf,
    tries: usize,
}

impl Ownership for Scripted {
    fn try_again(&mut self, _inbox: &Inbox) -> Retried {
        self.tries += 1;
        match Store::open(Paths::under(&self.root)) {
            Ok(store) if !store.is_read_only() => Retried::Owner(store, None),
            _ => Retried::Still(NotKept::OtherOwner),
        }
    }
}

#[test]
fn try_again_takes_over_once_the_other_acupress_has_gone() {
    let dir = tempfile::tempdir().unwrap();
    let owner = Store::open(Paths::under(dir.path())).unwrap();
    let app = app_in(dir.path()).with_ownership(Scripted { root: dir.path().to_owned(), tries: 0 });
    let mut harness = harness(app);
    harness.run();
    harness.click_label("Try again");
    assert_eq!(harness.state().is_not_kept(), Some(NotKept::OtherOwner), "still owned elsewhere");
    drop(owner);
    harness.click_label("Try again");
    assert_eq!(harness.state().is_not_kept(), None, "this window keeps the data now");
    assert!(harness.query_by_label_contains("Nothing done in this window would be kept").is_none());
    open_gate(&mut harness);
    assert!(harness.query_by_label("Confirm answers").is_some(), "sessions start again");
}

#[test]
fn a_window_told_the_other_does_not_answer_says_so_in_dutch_too() {
    let dir = tempfile::tempdir().unwrap();
    let app =
        AcupressApp::new(bundled::catalog().unwrap(), routines(), Settings::default(), Arc::new(ManualClock::new()))
            .with_system_lang(acupress::text::Lang::Nl)
            .with_store(Store::open(Paths::under(dir.path())).unwrap())
            .not_kept(NotKept::NoAnswer);
    let mut harness = harness(app);
    harness.run();
    assert!(harness.query_by_label_contains("acupress is al geopend, maar reageert niet").is_some());
    assert!(harness.query_by_label("Opnieuw proberen").is_some());
}
