//! The desktop app's flows, through AccessKit labels, with no GPU and a manual clock.

mod common;

use common::{ClickLabel, PATIENCE, open_tab, routines};

use std::sync::Arc;
use std::time::Duration;

use acupress::app::AcupressApp;
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::routine::BodySide;
use acupress::session::{RunState, SegmentKind};
use acupress::settings::Settings;
use acupress::text::Lang;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness_with(settings: Settings, size: [f32; 2]) -> (Harness<'static, AcupressApp>, ManualClock) {
    let clock = ManualClock::new();
    let app = AcupressApp::new(bundled::catalog().unwrap(), routines(), settings, Arc::new(clock.clone()));
    let harness = common::harness_sized(app, size);
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
    harness.run();
}

/// Answers one question, found by the start of its text.
fn answer(harness: &mut Harness<'static, AcupressApp>, answer: &str, question_start: &str) {
    harness.get_by_label_contains(&format!("{answer}: {question_start}")).click_accesskit();
    harness.run();
}

/// Lets `secs` seconds pass, second by second, each time waiting for the session's timer
/// thread to handle what came due (a jump of more than 2 s would look like a sleeping computer,
/// which pauses the session).
fn pass_time(harness: &mut Harness<'static, AcupressApp>, clock: &ManualClock, secs: u64) {
    for _ in 0..secs {
        clock.advance(Duration::from_secs(1));
        assert!(harness.state().catch_up_session(PATIENCE), "the timer thread keeps up");
    }
    harness.run();
}

/// From the outcome screen: start, then begin on the get-ready screen.
fn start_and_begin(harness: &mut Harness<'static, AcupressApp>) {
    harness.click_label("Start session");
    assert!(harness.query_by_label("Get ready").is_some(), "the get-ready screen comes first");
    harness.click_label("Begin");
}

fn start_routine_from_library(harness: &mut Harness<'static, AcupressApp>, title: &str) {
    open_tab(harness, "Routines");
    harness.get_by_label("Search").focus();
    harness.run();
    // Replace what an earlier search left in the field.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label("Search").type_text(title);
    harness.run();
    harness.get_all_by_label("Start").next().expect("a Start button").click_accesskit();
    harness.run();
}

#[test]
fn pick_a_point_answer_the_gate_and_the_session_counts_down() {
    let (mut harness, clock) = harness();
    harness.run();
    // On the whole body the wrist points lie too close together: one button opens the hands.
    harness.get_by_label_contains("LU7, PC6, HT7, PC7, left side: too close together here").click_accesskit();
    harness.run();
    harness.click_label("PC6 Inner Pass, left side");
    // The side panel shows the point: its pinyin name and how to find it.
    assert!(harness.query_by_label("PC6 · Neiguan").is_some());
    assert!(harness.query_by_label("How to find it").is_some());
    harness.click_label("Quick press");
    assert!(harness.query_by_label("Safety questions").is_some());
    assert!(harness.query_by_label("Confirm answers").is_some());
    answer_all_no(&mut harness);
    harness.click_label("Confirm answers");
    assert!(harness.query_by_label_contains("All clear").is_some());
    harness.click_label("Pain 4");
    start_and_begin(&mut harness);
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
    harness.click_label("Confirm answers");
    assert!(harness.query_by_label_contains("Get medical help now").is_some());
    assert!(harness.query_all_by_label_contains("now, not tomorrow").next().is_some(), "emergency advice stands out");
    assert!(harness.query_by_label("Start session").is_none(), "no way to start");
    assert!(!harness.state().in_session());
}

#[test]
fn urgent_advice_shows_the_moment_an_emergency_answer_is_given() {
    let (mut harness, _clock) = harness();
    start_routine_from_library(&mut harness, "Low back");
    assert!(harness.query_by_label_contains("Get medical help now").is_none(), "nothing urgent before an answer");
    // Only this one answer: every other question is still open.
    answer(&mut harness, "Yes", "Right now, do you have chest pain");
    // The advice is one alert (what a screen reader announces), with its heading and text inside.
    let alerts = harness
        .query_all_by_label_contains("Get medical help now")
        .filter(|node| node.accesskit_node().role() == egui::accesskit::Role::AlertDialog)
        .count();
    assert_eq!(alerts, 1, "the advice shows at once, as one alert");
    assert!(
        harness.query_all_by_label_contains("112").next().is_some(),
        "it names the emergency number (in the alert and its text)"
    );
    assert!(harness.query_by_label_contains("Questions still to answer").is_some(), "nothing else was answered first");
    // Taking the answer back takes the advice away.
    answer(&mut harness, "No", "Right now, do you have chest pain");
    assert!(harness.query_by_label_contains("Get medical help now").is_none());
}

/// Whether an answer button is on (egui reports a selected radio button as toggled).
fn is_selected(harness: &Harness<'static, AcupressApp>, label_start: &str) -> Option<bool> {
    let toggled = harness.get_by_label_contains(label_start).accesskit_node().toggled()?;
    Some(toggled == egui::accesskit::Toggled::True)
}

#[test]
fn emergency_and_cleared_questions_are_asked_fresh_every_time() {
    let (mut harness, _clock) = harness();
    start_routine_from_library(&mut harness, "Stress");
    answer_all_no(&mut harness);
    answer(&mut harness, "Yes", "Do you take blood thinners");
    answer(&mut harness, "Yes", "Has your doctor or physiotherapist told you that gentle");
    harness.click_label("Confirm answers");
    assert!(harness.query_by_label_contains("Adapted for you").is_some());
    harness.click_label("Cancel");

    start_routine_from_library(&mut harness, "Stress");
    assert!(harness.query_by_label_contains("Your answers from last time are filled in").is_some());
    // Remembered: an ordinary answer.
    assert_eq!(is_selected(&harness, "Yes: Do you take blood thinners"), Some(true));
    assert_eq!(is_selected(&harness, "No: Do you have cancer"), Some(true));
    // Asked fresh: the emergency questions and the doctor's clearance.
    for fresh in [
        "Do you have back pain together with numbness",
        "Right now, do you have chest pain",
        "Has your doctor or physiotherapist told you that gentle",
    ] {
        assert_eq!(is_selected(&harness, &format!("Yes: {fresh}")), Some(false), "{fresh}");
        assert_eq!(is_selected(&harness, &format!("No: {fresh}")), Some(false), "{fresh}");
    }
    assert!(harness.query_by_label_contains("Questions still to answer: 3").is_some());
}

#[test]
fn confirm_needs_every_answer() {
    let (mut harness, _clock) = harness();
    start_routine_from_library(&mut harness, "Stress");
    harness.click_label("Confirm answers");
    assert!(harness.query_by_label("Safety questions").is_some(), "still on the questions");
    assert!(harness.query_by_label_contains("Questions still to answer: 14").is_some());
}

#[test]
fn an_adapted_session_leaves_skipped_points_out_of_the_step_list() {
    let (mut harness, _clock) = harness();
    start_routine_from_library(&mut harness, "Low back");
    answer_all_no(&mut harness);
    answer(&mut harness, "Yes", "Are you pregnant");
    assert!(harness.query_by_label_contains("Questions still to answer: 1").is_some(), "the follow-up appears");
    answer(&mut harness, "No", "Are you in the first 12 weeks");
    harness.click_label("Confirm answers");
    assert!(harness.query_by_label_contains("Adapted for you").is_some());
    assert!(harness.query_by_label("Light pressure only").is_some());
    start_and_begin(&mut harness);
    let status = harness.state().session_status().unwrap();
    assert_eq!(status.state, RunState::Running);
    for skipped in ["Kidney Shu", "Large Intestine Shu", "Jumping Circle", "Kunlun Mountains"] {
        assert!(harness.query_by_label_contains(skipped).is_none(), "{skipped} must not be in the player");
    }
    assert!(harness.get_all_by_label_contains("Middle of the Crease").next().is_some());
}

fn start_quick_session(harness: &mut Harness<'static, AcupressApp>, point_label: &str) {
    harness.run();
    harness.click_label(point_label);
    harness.click_label("Quick press");
    answer_all_no(harness);
    harness.click_label("Confirm answers");
    start_and_begin(harness);
}

#[test]
fn keyboard_controls_the_session() {
    let (mut harness, clock) = harness();
    start_quick_session(&mut harness, "CV17 Chest Centre, midline");
    harness.key_press(Key::Space);
    harness.run();
    assert_eq!(harness.state().session_status().unwrap().state, RunState::Paused);
    assert!(harness.query_by_label("Paused").is_some());
    clock.advance(Duration::from_secs(600));
    harness.run();
    assert_eq!(harness.state().session_status().unwrap().position, Duration::ZERO, "paused time does not count");
    harness.key_press(Key::Space);
    harness.run();
    assert_eq!(harness.state().session_status().unwrap().state, RunState::Running);
    harness.key_press(Key::ArrowRight);
    harness.run();
    let status = harness.state().session_status().unwrap();
    assert_eq!(status.segment.unwrap().kind, SegmentKind::Settle, "next from the only step: closing breathing");
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().session_status().unwrap().position, Duration::ZERO, "previous: back to the step");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().in_session(), "Esc asks first");
    assert!(harness.query_by_role_and_label(egui::accesskit::Role::AlertDialog, "Stop the session?").is_some());
    harness.key_press(Key::Enter);
    harness.run();
    assert!(!harness.state().in_session());
    assert!(harness.query_by_label_contains("Session stopped").is_some());
}

#[test]
fn next_goes_to_the_other_side_first_and_escape_asks_before_stopping() {
    let (mut harness, clock) = harness();
    harness.run();
    harness.get_by_label("Hands view").click_accesskit();
    start_quick_session(&mut harness, "LI4 Joining Valley, left side");
    pass_time(&mut harness, &clock, 15);
    let status = harness.state().session_status().unwrap();
    assert!(matches!(status.segment.unwrap().kind, SegmentKind::Press { side: Some(BodySide::Left), .. }));
    // → during the left side: to the switch to the right side, not past the point.
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert!(harness.state().catch_up_session(PATIENCE));
    let status = harness.state().session_status().unwrap();
    assert!(
        matches!(status.segment.unwrap().kind, SegmentKind::Switch { to: BodySide::Right, .. }),
        "{:?}",
        status.segment
    );
    assert!(harness.get_all_by_label_contains("Switch to the right side").next().is_some());
    // Esc asks; Esc again goes on, and nothing stopped.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_role_and_label(egui::accesskit::Role::AlertDialog, "Stop the session?").is_some());
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_role_and_label(egui::accesskit::Role::AlertDialog, "Stop the session?").is_none());
    assert!(harness.state().in_session());
    // The Stop button asks too; Enter confirms.
    harness.get_by_label("Stop (Esc)").click_accesskit();
    harness.run();
    assert!(harness.query_by_role_and_label(egui::accesskit::Role::AlertDialog, "Stop the session?").is_some());
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.query_by_label_contains("Session stopped").is_some());
    // The end screen tells what was done: the left side was cut short, nothing finished yet.
    assert!(harness.query_all_by_label_contains("Steps done: 0 of 1").next().is_some());
    assert!(harness.query_by_label("Pain before the session").is_some());
}

#[test]
fn the_end_screen_records_the_session() {
    let (mut harness, clock) = harness();
    start_quick_session(&mut harness, "GV20 Hundred Meetings, midline");
    // Time passes second by second (a jump would look like a sleeping computer); the timer
    // thread, not the frame, finishes the session: wake it at each step.
    pass_time(&mut harness, &clock, 10 + 60 + 60);
    harness.run();
    assert!(harness.query_by_label_contains("Session complete").is_some());
    assert!(harness.query_all_by_label_contains("Steps done: 1 of 1").next().is_some());
    harness.click_label("Pain 2");
    harness.click_label("Done");
    let records = harness.state().records();
    assert_eq!(records.len(), 1);
    assert!(records[0].completed);
    assert_eq!(records[0].pain_after, Some(2));
    assert_eq!(records[0].practised_secs, 130);
}

#[test]
fn language_switches_at_any_time() {
    let (mut harness, _clock) = harness();
    harness.run();
    open_tab(&mut harness, "Settings");
    harness.click_label("Nederlands");
    assert!(harness.query_by_label("Lichaamskaart").is_some());
    open_tab(&mut harness, "Lichaamskaart");
    assert!(harness.query_by_label("GV20 Honderd ontmoetingen, middenlijn").is_some());
    open_tab(&mut harness, "Instellingen");
    harness.click_label("English");
    assert!(harness.query_by_label("Body map").is_some());
    assert_eq!(harness.state().lang(), Lang::En);
}

#[test]
fn a_complaint_filter_lists_its_routines() {
    let (mut harness, _clock) = harness();
    harness.run();
    // The complaints are a list that opens (nineteen of them).
    harness.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Complaints").click_accesskit();
    harness.run();
    harness.click_label("Nausea");
    assert!(harness.query_by_label("Routines: Nausea").is_some());
    // Chosen, the list closes.
    assert!(harness.query_by_label("Jaw").is_none());
    // A new complaint, and the close-up that shows most of its points.
    harness.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Complaints").click_accesskit();
    harness.run();
    harness.click_label("Jaw");
    assert!(harness.query_by_label("Routines: Jaw").is_some());
    assert!(harness.query_all_by_label_contains("ST6").next().is_some());
}

#[test]
fn a_small_laptop_window_works() {
    let (mut harness, _clock) = harness_with(Settings::default(), [1024.0, 640.0]);
    harness.run();
    harness.get_by_label("Hands view").click_accesskit();
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
    assert!(harness.state().catch_up_session(PATIENCE));
    harness.run();
    assert!(harness.state().in_session(), "still in the session, not rushed to the end");
    assert_eq!(harness.state().session_status().unwrap().state, RunState::Paused);
    assert!(harness.query_by_label_contains("the computer was asleep").is_some());
    assert_eq!(harness.state().session_status().unwrap().position, Duration::from_secs(10) - Duration::from_nanos(1));
    // The clock going backwards afterwards changes nothing and breaks nothing.
    harness.key_press(Key::Space);
    harness.run();
    assert_eq!(harness.state().session_status().unwrap().state, RunState::Running);
}

#[test]
fn closing_the_window_mid_session_still_records_it() {
    let (mut harness, clock) = harness();
    start_quick_session(&mut harness, "CV17 Chest Centre, midline");
    clock.advance(Duration::from_secs(1));
    harness.run();
    harness.state_mut().stop_and_record();
    let records = harness.state().records();
    assert_eq!(records.len(), 1);
    assert!(!records[0].completed);
    assert_eq!(records[0].stopped_at_step, Some(0));
}

fn harness_with_sound() -> (Harness<'static, AcupressApp>, ManualClock, acupress::audio::output::RecordingOutput) {
    let clock = ManualClock::new();
    let recording = acupress::audio::output::RecordingOutput::new(Arc::new(clock.clone()));
    let app = AcupressApp::new(bundled::catalog().unwrap(), routines(), Settings::default(), Arc::new(clock.clone()))
        .with_audio(recording.clone());
    let harness = common::harness_sized(app, [1280.0, 900.0]);
    (harness, clock, recording)
}

#[test]
fn the_get_ready_screen_speaks_and_the_person_begins_when_ready() {
    use acupress::audio::output::OutputEvent;
    use acupress::audio::{Prompt, Sound};
    let (mut harness, _clock, recording) = harness_with_sound();
    harness.run();
    // The body map opens on the front; Shoulder Well is on the back view.
    harness.click_label("Back view");
    harness.click_label("GB21 Shoulder Well, left side");
    harness.click_label("Quick press");
    answer_all_no(&mut harness);
    harness.click_label("Confirm answers");
    harness.click_label("Start session");
    assert!(harness.query_by_label("Get ready").is_some());
    assert!(harness.query_by_label_contains("Stop at once").is_some(), "the stop rules are shown");
    assert!(harness.query_by_label("How to press").is_some(), "and how to press");
    assert!(harness.query_by_label("First point: Shoulder Well (GB21)").is_some());
    assert!(!harness.state().in_session(), "the clock has not started");
    let spoken: Vec<String> = recording
        .played()
        .into_iter()
        .filter_map(|(_, sound)| match sound {
            Sound::Voice(prompt, _) => Some(prompt.file_stem()),
            _ => None,
        })
        .collect();
    assert_eq!(
        spoken,
        ["stop-rule", "guidance", "first-point", "point-GB21-name", "left-side", "point-GB21-find", "when-ready"]
    );
    // Space begins: whatever is still being said stops, and the session starts.
    harness.key_press(Key::Space);
    harness.run();
    assert!(harness.state().in_session());
    assert!(recording.events().contains(&OutputEvent::Silence { at: Duration::ZERO }));
    assert!(
        recording
            .played()
            .contains(&(Duration::ZERO, Sound::Voice(Prompt::PointName("GB21".into()), acupress::text::Lang::En)))
    );
}

/// Through the app's own wiring (the session's sound built from the app's speaker, a boxed
/// output), every chime and tone of the session is asked to be made ready when the session
/// starts, before any of them is due: none is synthesised on its cue.
#[test]
fn the_apps_sound_path_warms_every_chime_and_tone_before_its_cue() {
    use acupress::audio::Sound;
    use acupress::audio::output::OutputEvent;
    let (mut harness, clock, recording) = harness_with_sound();
    start_quick_session(&mut harness, "CV17 Chest Centre, midline");
    pass_time(&mut harness, &clock, 10 + 60 + 60);
    let events = recording.events();
    let first_warm = events.iter().position(|event| matches!(event, OutputEvent::Warm { .. }));
    let warmed: Vec<&Sound> = events
        .iter()
        .filter_map(|event| match event {
            OutputEvent::Warm { sounds, .. } => Some(sounds),
            _ => None,
        })
        .flatten()
        .collect();
    let synthesised: Vec<(usize, &Sound)> = events
        .iter()
        .enumerate()
        .filter_map(|(index, event)| match event {
            OutputEvent::Play { sound, .. } if !matches!(sound, Sound::Voice(..)) => Some((index, sound)),
            _ => None,
        })
        .collect();
    assert!(!synthesised.is_empty(), "the session played chimes and tones");
    let first_warm = first_warm.expect("the app's path warms the session's sounds");
    for (index, sound) in synthesised {
        assert!(index > first_warm, "{sound:?} was asked for before any warming");
        assert!(warmed.contains(&sound), "{sound:?} was played without being warmed");
    }
}

#[test]
fn test_sound_plays_a_chime_and_a_voice_line_in_the_current_language() {
    use acupress::audio::{Chime, Prompt, Sound};
    let (mut harness, _clock, recording) = harness_with_sound();
    harness.run();
    open_tab(&mut harness, "Settings");
    harness.click_label("Nederlands");
    harness.click_label("Geluid testen");
    let played: Vec<Sound> = recording.played().into_iter().map(|(_, sound)| sound).collect();
    assert_eq!(played, vec![Sound::Chime(Chime::Press), Sound::Voice(Prompt::TestSound, acupress::text::Lang::Nl)]);
}

/// A session is on disk from the moment it starts and follows each step, from the session's
/// own thread: a window that is never drawn again (minimised, crashed) loses nothing.
#[test]
fn a_session_is_recorded_as_it_goes_without_a_frame_being_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let paths = acupress::store::Paths::under(dir.path());
    let clock = ManualClock::new();
    let store = acupress::store::Store::open(paths.clone()).unwrap();
    let app = AcupressApp::new(bundled::catalog().unwrap(), routines(), Settings::default(), Arc::new(clock.clone()))
        .with_store(store);
    let mut harness = common::harness_sized(app, [1280.0, 900.0]);
    start_routine_from_library(&mut harness, "Nausea");
    answer_all_no(&mut harness);
    harness.click_label("Confirm answers");
    start_and_begin(&mut harness);
    let read_record = || {
        assert!(harness_flush(&harness));
        let text = std::fs::read_to_string(paths.history_file()).unwrap();
        acupress::store::parse_history(text.as_bytes()).unwrap().sessions
    };
    let started = read_record();
    assert_eq!(started.len(), 1, "recorded when it starts");
    assert!(!started[0].completed);
    assert_eq!(started[0].stopped_at_step, Some(0));
    // The first step (PC6, both sides: 15 + 90 + 5 + 90 s) passes with no frame drawn.
    for _ in 0..201 {
        clock.advance(Duration::from_secs(1));
        assert!(harness.state().catch_up_session(PATIENCE));
    }
    let going = read_record();
    assert_eq!(going[0].steps_done, 1, "{going:?}");
    assert_eq!(going[0].stopped_at_step, Some(1), "it would read as stopped at step 2");
    assert_eq!(going[0].practised_secs, 200, "as of the step boundary");
    assert!(!going[0].completed);
}

fn harness_flush(harness: &Harness<'static, AcupressApp>) -> bool {
    harness.state().flush_history(PATIENCE)
}

#[test]
fn history_shows_local_days_and_weeks() {
    // A session on Monday 23 November 2026 at 00:30 in Amsterdam (Sunday 22nd, 23:30 UTC).
    let clock = ManualClock::starting_at(1_795_447_800);
    let zone = jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
    let app = AcupressApp::new(bundled::catalog().unwrap(), routines(), Settings::default(), Arc::new(clock.clone()))
        .with_time_zone(zone);
    let mut harness = common::harness_sized(app, [1280.0, 900.0]);
    start_quick_session(&mut harness, "CV17 Chest Centre, midline");
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.click_label("Done");
    open_tab(&mut harness, "History");
    assert!(harness.query_by_label("23 Nov 2026").is_some(), "the day in Amsterdam, not in UTC");
}

#[test]
fn a_map_point_reached_with_the_keyboard_shows_its_name() {
    let (mut harness, _clock) = harness();
    harness.run();
    assert!(harness.query_by_label("Hundred Meetings (GV20) · midline").is_none());
    harness.get_by_label("GV20 Hundred Meetings, midline").focus();
    harness.run();
    assert!(harness.query_by_label("Hundred Meetings (GV20) · midline").is_some(), "the name shows, as on hover");
}
