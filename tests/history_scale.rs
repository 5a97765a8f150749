//! Years of history stay instant: the History screen lays out only the session rows in view
//! (so the accessibility tree stays small too), and the overview behind it (charts, weeks,
//! summaries, the home screen's "1 of 2 today") is computed once per change of the history,
//! not on every frame. Structure only; the timings are in BENCHMARKS.md.

mod common;

use common::{ClickLabel, answer_no_and_begin};

use std::sync::Arc;

use acupress::app::AcupressApp;
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::history::SessionRecord;
use acupress::safety::Outcome;
use acupress::settings::Settings;
use acupress::store::{History, Paths, Store};
use acupress::text::Text;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

/// `count` sessions, two a day, the newest this morning (the manual clock's wall time).
fn history(count: usize, now_unix_secs: i64) -> History {
    let sessions = (0..count)
        .map(|index| {
            let back = i64::try_from(count - 1 - index).unwrap() * 12 * 3600;
            SessionRecord {
                routine_id: "low-back".into(),
                routine_title: Text::new(format!("Low back {index}"), format!("Onderrug {index}")),
                routine_author: "acupress".into(),
                started_unix_secs: now_unix_secs - 3600 - back,
                practised_secs: 600,
                pressed_secs: 540,
                completed: true,
                stopped_at_step: None,
                steps_total: 6,
                steps_done: 6,
                steps_skipped_by_user: 0,
                skipped_by_gate: Vec::new(),
                gate_outcome: Outcome::Clear,
                gate_reasons: Vec::new(),
                pain_before: Some(u8::try_from(index % 7).unwrap() + 2),
                pain_after: Some(u8::try_from(index % 5).unwrap() + 1),
                activity_scores: Vec::new(),
            }
        })
        .collect();
    History { sessions, ..History::default() }
}

fn app_with(count: usize) -> (Harness<'static, AcupressApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new();
    let paths = Paths::under(dir.path());
    acupress::store::create_private_dir(&paths.data_dir).unwrap();
    let now = acupress::clock::Clock::wall_unix_secs(&clock);
    std::fs::write(paths.history_file(), acupress::store::write_history(&history(count, now))).unwrap();
    let catalog = bundled::catalog().unwrap();
    let routines = bundled::valid_routines(&catalog).unwrap();
    let app = AcupressApp::new(catalog, routines, Settings::default(), Arc::new(clock))
        .with_store(Store::open(paths).unwrap());
    let harness = common::harness_sized(app, [1280.0, 900.0]);
    (harness, dir)
}

/// The session rows laid out: one label per row carries the routine's title.
fn rows_shown(harness: &Harness<'static, AcupressApp>) -> Vec<String> {
    harness
        .query_all_by_label_contains("Low back ")
        .filter_map(|node| node.accesskit_node().label().or_else(|| node.accesskit_node().value()))
        .collect()
}

#[test]
fn only_the_rows_in_view_are_laid_out_whatever_the_length() {
    let (mut harness, _dir) = app_with(2_000);
    harness.state_mut().show_tab(acupress::ui::Tab::History);
    harness.run();
    let shown = rows_shown(&harness);
    assert!(!shown.is_empty(), "the newest sessions are in view");
    assert!(shown.len() < 60, "{} rows laid out of 2,000", shown.len());
    assert!(shown.iter().any(|title| title == "Low back 1999"), "newest first: {shown:?}");
    // The accessibility tree is bounded: a screenful, not the history.
    let nodes = harness.query_all_by_label_contains("").count();
    assert!(nodes < 400, "{nodes} nodes");
    // Scrolled to the end: the oldest sessions, still only a screenful.
    harness.event(egui::Event::PointerMoved(egui::pos2(640.0, 600.0)));
    for _ in 0..3 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -10_000.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run();
    }
    let shown = rows_shown(&harness);
    assert!(shown.iter().any(|title| title == "Low back 0"), "the oldest at the end: {shown:?}");
    assert!(shown.len() < 60, "{} rows laid out at the end", shown.len());
}

#[test]
fn the_overview_is_computed_once_per_change_not_per_frame() {
    let (mut harness, _dir) = app_with(500);
    harness.state_mut().show_tab(acupress::ui::Tab::History);
    harness.run();
    let computed = harness.state().overview_computations();
    assert_eq!(computed, 1, "computed when History first showed");
    for _ in 0..10 {
        harness.run();
    }
    harness.state_mut().show_tab(acupress::ui::Tab::BodyMap);
    harness.run();
    harness.state_mut().show_tab(acupress::ui::Tab::History);
    harness.run();
    assert_eq!(harness.state().overview_computations(), computed, "frames and switching screens reuse it");
    // A new session changes the history: computed again, once.
    harness.state_mut().show_tab(acupress::ui::Tab::BodyMap);
    harness.run();
    harness.click_label("CV17 Chest Centre, midline");
    harness.click_label("Quick press");
    answer_no_and_begin(&mut harness);
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.click_label("Done");
    harness.state_mut().show_tab(acupress::ui::Tab::History);
    harness.run();
    assert_eq!(harness.state().overview_computations(), computed + 1);
    assert_eq!(harness.state().records().len(), 501);
}
