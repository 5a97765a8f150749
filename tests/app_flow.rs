//! The desktop app's flows, through AccessKit labels, with no GPU and a manual clock.

use std::sync::Arc;
use std::time::Duration;

use acupress::app::{AcupressApp, Settings};
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::routine::Routine;
use acupress::session::{RunState, SegmentKind};
use acupress::text::Lang;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn routines() -> Vec<Routine> {
    let catalog = bundled::catalog().unwrap();
    bundled::valid_routines(&catalog).unwrap()
}

fn harness_with(settings: Settings, size: [f32; 2]) -> (Harness<'static, AcupressApp>, ManualClock) {
    let clock = ManualClock::new();
    let app = AcupressApp::new(bundled::catalog().unwrap(), routines(), settings, Arc::new(clock.clone()));
    let harness = Harness::builder().with_size(size).build_ui_state(|ui, app: &mut AcupressApp| app.show(ui), app);
    (harness, clock)
}

fn harness() -> (Harness<'static, AcupressApp>, ManualClock) {
    harness_with(Settings::default(), [1280.0, 900.0])
}

/// Answers every visible question "No" (follow-ups appear only after "Yes").
fn answer_all_no(harness: &mut Harness<'static, AcupressApp>) {
    for node in harness.get_all_by_label_contains("No: ") {
        node.click_accesskit();
    }
    harness.run_steps(2);
}

/// Answers one question, found by the start of its text.
fn answer(harness: &mut Harness<'static, AcupressApp>, answer: &str, question_start: &str) {
    harness.get_by_label_contains(&format!("{answer}: {question_start}")).click_accesskit();
    harness.run_steps(2);
}

/// Lets `secs` seconds pass, second by second, waiting each time for the session's timer
/// thread to catch up, however busy the machine is (falling 2 s behind would look like a
/// sleeping computer, which pauses the session).
fn pass_time(harness: &mut Harness<'static, AcupressApp>, clock: &ManualClock, secs: u64) {
    for _ in 0..secs {
        clock.advance(Duration::from_secs(1));
        for _ in 0..2000 {
            harness.state().wake_session();
            if harness.state().session_is_caught_up() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    harness.run_steps(2);
}

fn start_routine_from_library(harness: &mut Harness<'static, AcupressApp>, title: &str) {
    harness.get_by_label("Routines").click();
    harness.run_steps(2);
    harness.get_by_label("Search").focus();
    harness.get_by_label("Search").type_text(title);
    harness.run_steps(2);
    harness.get_all_by_label("Start").next().expect("a Start button").click_accesskit();
    harness.run_steps(2);
}

#[test]
fn pick_a_point_answer_the_gate_and_the_session_counts_down() {
    let (mut harness, clock) = harness();
    harness.run_steps(2);
    harness.get_by_label("PC6 Inner Pass, left side").click_accesskit();
    harness.run_steps(2);
    // The side panel shows the point: its pinyin name and how to find it.
    assert!(harness.query_by_label("PC6 · Neiguan").is_some());
    assert!(harness.query_by_label("How to find it").is_some());
    harness.get_by_label("Quick press").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("Safety questions").is_some());
    assert!(harness.query_by_label("Confirm answers").is_some());
    answer_all_no(&mut harness);
    harness.get_by_label("Confirm answers").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("All clear").is_some());
    harness.get_by_label("Pain 4").click_accesskit();
    harness.run_steps(1);
    harness.get_by_label("Start session").click_accesskit();
    harness.run_steps(3);
    assert!(harness.state().in_session());
    assert!(harness.query_by_label_contains("Get ready: find the point 0:10").is_some());
    // The stop rules are visible during the session.
    assert!(harness.query_by_label_contains("Stop at once if you feel dizzy").is_some());
    pass_time(&mut harness, &clock, 25);
    assert!(harness.query_by_label_contains("Press, left side 0:45").is_some(), "countdown follows the clock");
}

#[test]
fn a_blocked_gate_offers_no_way_to_start() {
    let (mut harness, _clock) = harness();
    start_routine_from_library(&mut harness, "Low back");
    answer_all_no(&mut harness);
    answer(&mut harness, "Yes", "Do you have back pain together with numbness");
    harness.get_by_label("Confirm answers").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("Get medical help now").is_some());
    assert!(harness.query_by_label_contains("112").is_some(), "emergency advice stands out");
    assert!(harness.query_by_label("Start session").is_none(), "no way to start");
    assert!(!harness.state().in_session());
}

#[test]
fn confirm_needs_every_answer() {
    let (mut harness, _clock) = harness();
    start_routine_from_library(&mut harness, "Stress");
    harness.get_by_label("Confirm answers").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("Safety questions").is_some(), "still on the questions");
    assert!(harness.query_by_label_contains("Questions still to answer: 13").is_some());
}

#[test]
fn an_adapted_session_leaves_skipped_points_out_of_the_step_list() {
    let (mut harness, _clock) = harness();
    start_routine_from_library(&mut harness, "Low back");
    answer_all_no(&mut harness);
    answer(&mut harness, "Yes", "Are you pregnant");
    assert!(harness.query_by_label_contains("Questions still to answer: 1").is_some(), "the follow-up appears");
    answer(&mut harness, "No", "Are you in the first 12 weeks");
    harness.get_by_label("Confirm answers").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("Adapted for you").is_some());
    assert!(harness.query_by_label("Light pressure only").is_some());
    harness.get_by_label("Start session").click_accesskit();
    harness.run_steps(3);
    let status = harness.state().session_status().unwrap();
    assert_eq!(status.state, RunState::Running);
    for skipped in ["Kidney Shu", "Large Intestine Shu", "Jumping Circle", "Kunlun Mountains"] {
        assert!(harness.query_by_label_contains(skipped).is_none(), "{skipped} must not be in the player");
    }
    assert!(harness.get_all_by_label_contains("Middle of the Crease").next().is_some());
}

fn start_quick_session(harness: &mut Harness<'static, AcupressApp>, point_label: &str) {
    harness.run_steps(2);
    harness.get_by_label(point_label).click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Quick press").click_accesskit();
    harness.run_steps(2);
    answer_all_no(harness);
    harness.get_by_label("Confirm answers").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Start session").click_accesskit();
    harness.run_steps(3);
}

#[test]
fn keyboard_controls_the_session() {
    let (mut harness, clock) = harness();
    start_quick_session(&mut harness, "CV17 Chest Centre, midline");
    harness.key_press(Key::Space);
    harness.run_steps(2);
    assert_eq!(harness.state().session_status().unwrap().state, RunState::Paused);
    assert!(harness.query_by_label("Paused").is_some());
    clock.advance(Duration::from_secs(600));
    harness.run_steps(2);
    assert_eq!(harness.state().session_status().unwrap().position, Duration::ZERO, "paused time does not count");
    harness.key_press(Key::Space);
    harness.run_steps(2);
    assert_eq!(harness.state().session_status().unwrap().state, RunState::Running);
    harness.key_press(Key::ArrowRight);
    harness.run_steps(2);
    let status = harness.state().session_status().unwrap();
    assert_eq!(status.segment.unwrap().kind, SegmentKind::Settle, "next from the only step: closing breathing");
    harness.key_press(Key::ArrowLeft);
    harness.run_steps(2);
    assert_eq!(harness.state().session_status().unwrap().position, Duration::ZERO, "previous: back to the step");
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert!(!harness.state().in_session());
    assert!(harness.query_by_label("Session stopped").is_some());
}

#[test]
fn the_end_screen_records_the_session() {
    let (mut harness, clock) = harness();
    start_quick_session(&mut harness, "GV20 Hundred Meetings, midline");
    // Time passes second by second (a jump would look like a sleeping computer); the timer
    // thread, not the frame, finishes the session: wake it at each step.
    pass_time(&mut harness, &clock, 10 + 60 + 60);
    for _ in 0..200 {
        harness.state().wake_session();
        harness.run_steps(1);
        if harness.query_by_label("Session complete").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(harness.query_by_label("Session complete").is_some());
    assert!(harness.query_by_label_contains("Steps done: 1 of 1").is_some());
    harness.get_by_label("Pain 2").click_accesskit();
    harness.run_steps(1);
    harness.get_by_label("Done").click_accesskit();
    harness.run_steps(2);
    let records = harness.state().records();
    assert_eq!(records.len(), 1);
    assert!(records[0].completed);
    assert_eq!(records[0].pain_after, Some(2));
    assert_eq!(records[0].practised_secs, 130);
}

#[test]
fn language_switches_at_any_time() {
    let (mut harness, _clock) = harness();
    harness.run_steps(2);
    harness.get_by_label("Nederlands").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("Lichaamskaart").is_some());
    assert!(harness.query_by_label("PC6 Binnenste Doorgang, linkerkant").is_some());
    harness.get_by_label("English").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("Body map").is_some());
    assert_eq!(harness.state().settings().lang, Lang::En);
}

#[test]
fn a_complaint_filter_lists_its_routines() {
    let (mut harness, _clock) = harness();
    harness.run_steps(2);
    harness.get_by_label("Nausea").click_accesskit();
    harness.run_steps(2);
    assert!(harness.query_by_label("Routines for Nausea").is_some());
}

#[test]
fn a_small_laptop_window_works() {
    let (mut harness, _clock) = harness_with(Settings::default(), [1024.0, 640.0]);
    start_quick_session(&mut harness, "PC6 Inner Pass, left side");
    assert!(harness.state().in_session());
    assert!(harness.get_all_by_label_contains("Stop at once").next().is_some());
}

#[test]
fn after_the_computer_slept_the_session_is_paused_with_a_notice() {
    let (mut harness, clock) = harness();
    start_quick_session(&mut harness, "CV17 Chest Centre, midline");
    clock.advance(Duration::from_secs(20));
    // The laptop sleeps for an hour; on waking the timer thread notices the missed cues.
    clock.advance(Duration::from_secs(3600));
    for _ in 0..200 {
        harness.state().wake_session();
        harness.run_steps(1);
        if harness.state().session_status().is_some_and(|status| status.state == RunState::Paused) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.run_steps(2);
    assert!(harness.state().in_session(), "still in the session, not rushed to the end");
    assert_eq!(harness.state().session_status().unwrap().state, RunState::Paused);
    assert!(harness.query_by_label_contains("the computer was asleep").is_some());
    assert_eq!(harness.state().session_status().unwrap().position, Duration::from_secs(10) - Duration::from_nanos(1));
    // The clock going backwards afterwards changes nothing and breaks nothing.
    harness.key_press(Key::Space);
    harness.run_steps(2);
    assert_eq!(harness.state().session_status().unwrap().state, RunState::Running);
}

#[test]
fn closing_the_window_mid_session_still_records_it() {
    let (mut harness, clock) = harness();
    start_quick_session(&mut harness, "CV17 Chest Centre, midline");
    clock.advance(Duration::from_secs(1));
    harness.run_steps(1);
    harness.state_mut().stop_and_record();
    let records = harness.state().records();
    assert_eq!(records.len(), 1);
    assert!(!records[0].completed);
    assert_eq!(records[0].stopped_at_step, Some(0));
}
