//! What a screen reader gets: stable nodes through a whole session (no flood of replaced
//! objects), the messages that matter announced, the gate's focus and scroll, the stop dialog.

mod common;

use common::{ClickLabel, PATIENCE, routines};

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use acupress::app::AcupressApp;
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::settings::Settings;
use acupress::ui::{Command, SessionFlow};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

fn harness_with(settings: Settings, size: [f32; 2]) -> (Harness<'static, AcupressApp>, ManualClock) {
    let clock = ManualClock::new();
    let app = AcupressApp::new(bundled::catalog().unwrap(), routines(), settings, Arc::new(clock.clone()));
    let harness = common::harness_sized(app, size);
    (harness, clock)
}

fn start(harness: &mut Harness<'static, AcupressApp>, id: &str) {
    harness.run();
    let routine = harness.state().library_routines().iter().find(|routine| routine.id == id).unwrap().clone();
    let ctx = harness.ctx.clone();
    // In the person's language-independent steps: the commands the screens send.
    for command in [
        Command::Session(SessionFlow::Prepare(Box::new(routine))),
        Command::Session(SessionFlow::ConfirmAnswers(acupress::safety::Answers::all_no())),
        Command::Session(SessionFlow::Start { pain_before: None }),
        Command::Session(SessionFlow::Begin),
    ] {
        harness.state_mut().send(command, &ctx);
        harness.run();
    }
    assert!(harness.state().in_session());
}

fn node_ids(harness: &Harness<'static, AcupressApp>) -> BTreeSet<(u64, String)> {
    harness
        .root()
        .children_recursive()
        .map(|node| {
            let data = node.accesskit_node();
            (data.locate().0.0, format!("{:?} {:?} {:?}", data.role(), data.label(), data.value()))
        })
        .collect()
}

/// Runs `routine` for `secs` seconds, frame by frame, and returns the nodes replaced: gone
/// from one frame while a node just like it (same role, name and text) came with another id.
/// A screen reader sees each as an object destroyed and another created.
fn replaced_nodes(settings: Settings, size: [f32; 2], routine: &str, secs: u64) -> Vec<String> {
    let (mut harness, clock) = harness_with(settings, size);
    start(&mut harness, routine);
    let mut replaced = Vec::new();
    let mut before = node_ids(&harness);
    for _ in 0..secs {
        clock.advance(Duration::from_secs(1));
        assert!(harness.state().catch_up_session(PATIENCE));
        harness.run();
        let after = node_ids(&harness);
        let ids_after: BTreeSet<u64> = after.iter().map(|(id, _)| *id).collect();
        let ids_before: BTreeSet<u64> = before.iter().map(|(id, _)| *id).collect();
        let new: BTreeSet<&String> =
            after.iter().filter(|(id, _)| !ids_before.contains(id)).map(|(_, what)| what).collect();
        for (id, what) in &before {
            if !ids_after.contains(id) && new.contains(what) {
                replaced.push(what.clone());
            }
        }
        before = after;
    }
    replaced
}

#[test]
fn a_whole_session_keeps_its_accessibility_nodes() {
    // Three steps on both sides of nausea (a rest, two presses and a switch each), in a big
    // window and in a small one at large text, where everything stacks and scrolls.
    for (settings, size) in [
        (Settings::default(), [1280.0, 900.0]),
        (Settings { text_scale: 2.0, lang: Some(acupress::text::Lang::Nl), ..Settings::default() }, [1024.0, 640.0]),
    ] {
        let replaced = replaced_nodes(settings, size, "nausea", 420);
        assert!(replaced.is_empty(), "{} nodes replaced: {replaced:?}", replaced.len());
    }
}

fn quick_harness(settings: Settings) -> (Harness<'static, AcupressApp>, ManualClock) {
    harness_with(settings, [1280.0, 900.0])
}

fn prepare(harness: &mut Harness<'static, AcupressApp>, id: &str) {
    harness.run();
    let routine = harness.state().library_routines().iter().find(|routine| routine.id == id).unwrap().clone();
    let ctx = harness.ctx.clone();
    harness.state_mut().send(Command::Session(SessionFlow::Prepare(Box::new(routine))), &ctx);
    harness.run();
}

fn focused_label(harness: &Harness<'static, AcupressApp>) -> Option<String> {
    harness
        .root()
        .children_recursive()
        .find(|node| node.accesskit_node().is_focused())
        .and_then(|node| node.accesskit_node().label().or_else(|| node.accesskit_node().value()))
}

fn pass_time(harness: &mut Harness<'static, AcupressApp>, clock: &ManualClock, secs: u64) {
    for _ in 0..secs {
        clock.advance(Duration::from_secs(1));
        assert!(harness.state().catch_up_session(PATIENCE));
    }
    harness.run();
}

#[test]
fn the_window_has_a_name() {
    let (mut harness, _clock) = quick_harness(Settings::default());
    harness.run();
    assert_eq!(harness.root().accesskit_node().label().as_deref(), Some("acupress"));
}

#[test]
fn a_warning_sign_answered_yes_opens_an_alert_that_takes_the_focus() {
    let (mut harness, _clock) = quick_harness(Settings::default());
    prepare(&mut harness, "low-back");
    harness.get_by_label_contains("Yes: Right now, do you have chest pain").click_accesskit();
    harness.run();
    let alert = harness.get_by_role_and_label(egui::accesskit::Role::AlertDialog, "Get medical help now");
    assert!(alert.query_by_label_contains("112").is_some(), "the dialog says what to do");
    assert_eq!(focused_label(&harness).as_deref(), Some("Stop here"), "the focus is in the alert");
    // Back to the questions: the alert closes and the advice stays above them.
    harness.click_label("Back to the questions");
    assert!(harness.query_by_role_and_label(egui::accesskit::Role::AlertDialog, "Get medical help now").is_none());
    assert!(harness.query_all_by_label_contains("112").next().is_some());
}

#[test]
fn an_adapted_outcome_is_said_whole_the_moment_it_shows() {
    let (mut harness, _clock) = quick_harness(Settings::default());
    prepare(&mut harness, "headache");
    for node in harness.get_all_by_label_contains("No: ") {
        node.click_accesskit();
    }
    harness.run();
    harness.get_by_label_contains("Yes: Are you pregnant").click_accesskit();
    harness.run();
    harness.get_by_label_contains("No: Are you in the first 12 weeks").click_accesskit();
    harness.run();
    harness.click_label("Confirm answers");
    let focused = focused_label(&harness).expect("the outcome has the focus");
    assert!(focused.starts_with("Adapted for you."), "{focused}");
    assert!(focused.contains("Light pressure only"), "{focused}");
    assert!(focused.contains("Joining Valley"), "the skipped points, named: {focused}");
    assert!(focused.to_lowercase().contains("pregnan"), "and why: {focused}");
}

#[test]
fn the_gate_opens_at_the_top_with_the_first_warning_sign_in_focus() {
    let (mut harness, _clock) = harness_with(Settings { text_scale: 2.0, ..Settings::default() }, [1024.0, 640.0]);
    prepare(&mut harness, "low-back");
    // Scroll down, leave, come back: the questions open at the top again.
    harness.get_all_by_label_contains("No: ").last().unwrap().scroll_to_me();
    harness.run();
    harness.click_label("Back");
    prepare(&mut harness, "low-back");
    let first = harness.get_all_by_label_contains("Yes: ").next().unwrap();
    assert!(first.accesskit_node().is_focused(), "the first question has the focus");
    let bounds = first.accesskit_node().bounding_box().unwrap();
    assert!(bounds.y0 > 0.0 && bounds.y1 < 640.0, "and is in view: {bounds:?}");
    let label = first.accesskit_node().label().unwrap();
    assert!(
        label.contains("numbness around your genitals") || label.contains("chest pain"),
        "a warning sign first: {label}"
    );
}

#[test]
fn confirm_with_open_questions_goes_to_the_first_and_says_how_many_are_left() {
    let (mut harness, _clock) = quick_harness(Settings::default());
    prepare(&mut harness, "low-back");
    let all = harness.get_all_by_label_contains("No: ").count();
    harness.get_all_by_label_contains("No: ").next().unwrap().click_accesskit();
    harness.run();
    harness.click_label("Confirm answers");
    assert!(harness.state().session_status().is_none() && harness.query_by_label("Start session").is_none());
    let focused = harness.root().children_recursive().find(|node| node.accesskit_node().is_focused()).unwrap();
    let label = focused.accesskit_node().label().unwrap();
    assert!(label.starts_with("Yes: "), "{label}");
    let said = focused.accesskit_node().description().unwrap();
    assert!(said.contains(&format!("{} questions are left", all - 1)), "{said}");
}

#[test]
fn the_stop_question_pauses_the_session_keeps_the_clock_in_view_and_go_on_resumes() {
    let (mut harness, clock) = quick_harness(Settings::default());
    start(&mut harness, "nausea");
    pass_time(&mut harness, &clock, 20);
    harness.key_press(egui::Key::Escape);
    harness.run();
    let dialog = harness.get_by_role_and_label(egui::accesskit::Role::AlertDialog, "Stop the session?");
    let _ = dialog;
    assert_eq!(focused_label(&harness).as_deref(), Some("Stop (Enter)"));
    assert_eq!(harness.state().session_status().unwrap().state, acupress::session::RunState::Paused);
    let position = harness.state().session_status().unwrap().position;
    pass_time(&mut harness, &clock, 30);
    assert_eq!(harness.state().session_status().unwrap().position, position, "no time passes while asked");
    assert!(harness.query_by_role(egui::accesskit::Role::Timer).is_some(), "the clock stays in view");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().session_status().unwrap().state, acupress::session::RunState::Running);
    assert!(focused_label(&harness).unwrap().starts_with("Pause"), "the focus is back on Pause");
}

#[test]
fn without_the_apps_voice_the_screen_reader_gets_every_part_and_t_says_the_time() {
    // No sound output at all (as without a device): the controls carry the cues.
    let (mut harness, clock) = quick_harness(Settings::default());
    start(&mut harness, "nausea");
    let pause = || harness_description(&harness, "Pause (Space)");
    let first = pause();
    assert!(first.starts_with("Get ready: find the point. Next: Inner Pass (PC6)"), "{first}");
    pass_time(&mut harness, &clock, 16);
    let press = harness_description(&harness, "Pause (Space)");
    assert!(press.starts_with("Press, left side: Inner Pass (PC6)"), "{press}");
    harness.key_press(egui::Key::T);
    harness.run();
    let time = harness_description(&harness, "Pause (Space)");
    assert!(time.contains("left in this part") && time.contains("in the session"), "{time}");
    // Every control says the same, so it is heard wherever the focus is.
    assert_eq!(harness_description(&harness, "Next →"), time);
}

fn harness_description(harness: &Harness<'static, AcupressApp>, label: &str) -> String {
    harness.get_by_label(label).accesskit_node().description().unwrap_or_default()
}

#[test]
fn with_the_apps_voice_on_the_screen_reader_is_not_told_the_same() {
    let clock = ManualClock::new();
    let recording = acupress::audio::output::RecordingOutput::new(Arc::new(clock.clone()));
    let app = AcupressApp::new(bundled::catalog().unwrap(), routines(), Settings::default(), Arc::new(clock.clone()))
        .with_audio(recording);
    let mut harness = common::harness_sized(app, [1280.0, 900.0]);
    start(&mut harness, "nausea");
    pass_time(&mut harness, &clock, 16);
    assert_eq!(harness_description(&harness, "Pause (Space)"), "", "the voice says it");
    // The time left is not something the voice says: asked for, it goes to the screen reader.
    harness.key_press(egui::Key::T);
    harness.run();
    assert!(harness_description(&harness, "Pause (Space)").contains("left in this part"));
}

#[test]
fn one_previous_goes_back_one_step_and_a_cut_press_counts_for_its_seconds() {
    let (mut harness, clock) = quick_harness(Settings::default());
    start(&mut harness, "nausea");
    // nausea: 15 s rest, PC6 90 s left, 5 s switch, 90 s right; then ST36 (15 s rest, 60 s a side).
    pass_time(&mut harness, &clock, 15 + 35);
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert!(harness.state().catch_up_session(PATIENCE));
    let status = harness.state().session_status().unwrap();
    assert_eq!(status.segment.unwrap().kind.step(), Some(1), "in the second step");
    pass_time(&mut harness, &clock, 20);
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert!(harness.state().catch_up_session(PATIENCE));
    let status = harness.state().session_status().unwrap();
    assert_eq!(status.segment.unwrap().kind.step(), Some(0), "one Previous: one step back");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(harness.query_by_label_contains("pressed 35 s of 180 s").is_some(), "partial credit on the end screen");
    let record = harness.state().records().last().cloned().unwrap();
    assert_eq!(record.pressed_secs, 35 + 5, "35 s of PC6 and the 5 s of ST36's press (in its 20 s with a 15 s rest)");
}

#[test]
fn the_end_screen_says_its_result_when_it_opens() {
    let (mut harness, clock) = quick_harness(Settings::default());
    start(&mut harness, "nausea");
    pass_time(&mut harness, &clock, 10);
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let focused = focused_label(&harness).expect("the heading has the focus");
    assert!(focused.starts_with("Session stopped. Nausea."), "{focused}");
    assert!(focused.contains("Steps done: 0 of"), "{focused}");
}

#[test]
fn dutch_keys_are_dutch_and_the_pain_scale_stays_on_one_line_at_double_size() {
    let settings = Settings { lang: Some(acupress::text::Lang::Nl), text_scale: 2.0, ..Settings::default() };
    let (mut harness, _clock) = harness_with(settings, [1024.0, 640.0]);
    start(&mut harness, "nausea");
    assert!(harness.query_by_label("Pauze (Spatie)").is_some());
    assert!(harness.query_by_label_contains("Space").is_none());
    let (mut harness, _clock) = harness_with(
        Settings { lang: Some(acupress::text::Lang::Nl), text_scale: 2.0, ..Settings::default() },
        [1024.0, 640.0],
    );
    harness.run();
    let routine = harness.state().library_routines()[0].clone();
    let ctx = harness.ctx.clone();
    harness.state_mut().send(Command::Session(SessionFlow::Prepare(Box::new(routine))), &ctx);
    harness.state_mut().send(Command::Session(SessionFlow::ConfirmAnswers(acupress::safety::Answers::all_no())), &ctx);
    harness.run();
    let top = |label: &str| harness.get_by_label(label).accesskit_node().bounding_box().unwrap().y0;
    assert!((top("Pijn 0") - top("Pijn 10")).abs() < 1.0, "0 and 10 on one line");
}

#[test]
fn notices_are_live_regions_and_scroll_bars_never_cover_text() {
    let dir = tempfile::tempdir().unwrap();
    let paths = acupress::store::Paths::under(dir.path());
    acupress::store::create_private_dir(&paths.config_dir).unwrap();
    std::fs::write(paths.settings_file(), "Settings(format: 1, text_scale: NaN)").unwrap();
    let clock = ManualClock::new();
    let app = AcupressApp::new(bundled::catalog().unwrap(), routines(), Settings::default(), Arc::new(clock))
        .with_store(acupress::store::Store::open(paths).unwrap());
    let mut harness = common::harness_sized(app, [1280.0, 900.0]);
    harness.run();
    let notice = harness.get_by_label_contains("settings.ron");
    assert_eq!(notice.accesskit_node().data().live(), Some(egui::accesskit::Live::Polite), "said when it appears");
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        let floating = harness.ctx.style_of(theme).spacing.scroll.floating;
        assert!(!floating, "scroll bars take a lane of their own");
    }
}
