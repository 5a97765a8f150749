//! No two controls overlap, on any screen, at 100 % and 200 % text, in both languages, in a
//! 1024×640 window; and where a screen opens, the keyboard starts in its main content.
//!
//! Checked through the AccessKit tree (what a screen reader and the pointer get): every control's
//! bounds, cut to the part a scroll area shows, must not cover another control's. Controls under
//! an open dialog are covered by it on purpose and compared only within their own layer.

mod common;

use common::{ClickLabel, PATIENCE};

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use acupress::app::AcupressApp;
use acupress::bundled;
use acupress::catalog::View;
use acupress::clock::ManualClock;
use acupress::safety::{Answer, Answers, QUESTIONS, QuestionId};
use acupress::settings::Settings;
use acupress::store::{Paths, Store};
use acupress::text::Lang;
use acupress::ui::{Command, Library, Nav, ProgramAction, SessionFlow, Tab};
use egui::Key;
use egui::accesskit::{Rect, Role};
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::{Harness, Node};

/// Whether `node` has the keyboard focus.
fn is_focused(node: &egui_kittest::kittest::AccessKitNode<'_>) -> bool {
    node.is_focused()
}

/// A control that takes clicks or keys.
fn is_control(role: Role) -> bool {
    matches!(
        role,
        Role::Button
            | Role::Tab
            | Role::CheckBox
            | Role::RadioButton
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::Slider
            | Role::ComboBox
            | Role::Link
            | Role::SpinButton
            | Role::DisclosureTriangle
    )
}

fn intersect(a: Rect, b: Rect) -> Option<Rect> {
    let rect = Rect { x0: a.x0.max(b.x0), y0: a.y0.max(b.y0), x1: a.x1.min(b.x1), y1: a.y1.min(b.y1) };
    (rect.x1 > rect.x0 && rect.y1 > rect.y0).then_some(rect)
}

/// A control as shown: its label, the part of it on screen, and the dialog (layer) it is in.
struct Shown {
    label: String,
    visible: Rect,
    /// Its whole bounds, also what lies outside the window.
    bounds: Rect,
    layer: usize,
}

/// Walks the tree, cutting each node to what its scroll areas show. egui gives containers no
/// bounds, but a scroll area's bar spans exactly the part it shows.
fn collect(node: Node<'_>, clip: Rect, layer: usize, layers: &mut usize, out: &mut Vec<Shown>) {
    let access = node.accesskit_node();
    let mut layer = layer;
    if matches!(access.role(), Role::Dialog | Role::AlertDialog | Role::Window) && access.parent().is_some() {
        *layers += 1;
        layer = *layers;
    }
    if is_control(access.role())
        && let Some(bounds) = access.bounding_box()
        && let Some(visible) = intersect(bounds, clip)
    {
        out.push(Shown { label: access.label().unwrap_or_default().clone(), visible, bounds, layer });
    }
    let children: Vec<Node<'_>> = node.children().collect();
    let mut inner = clip;
    for child in &children {
        let child_access = child.accesskit_node();
        if child_access.role() == Role::ScrollBar
            && let Some(bar) = child_access.bounding_box()
        {
            if bar.y1 - bar.y0 > bar.x1 - bar.x0 {
                inner.y0 = inner.y0.max(bar.y0);
                inner.y1 = inner.y1.min(bar.y1);
            } else {
                inner.x0 = inner.x0.max(bar.x0);
                inner.x1 = inner.x1.min(bar.x1);
            }
        }
    }
    for child in children {
        collect(child, inner, layer, layers, out);
    }
}

/// Every pair of controls that overlap by more than a sliver, with the screen's name.
fn overlaps(harness: &Harness<'static, AcupressApp>, screen: &str, window: [f32; 2], scale: f32) -> Vec<String> {
    // AccessKit bounds are in pixels; the window is `window` points at scale 1.
    let _ = scale;
    let clip = Rect { x0: 0.0, y0: 0.0, x1: f64::from(window[0]), y1: f64::from(window[1]) };
    let mut shown = Vec::new();
    let mut layers = 0;
    collect(harness.root(), clip, 0, &mut layers, &mut shown);
    assert!(!shown.is_empty(), "{screen}: no controls found");
    let top_layer = shown.iter().map(|control| control.layer).max().unwrap_or(0);
    let mut found = Vec::new();
    // Nothing runs off the window's sides (a scroll area may hide below, never sideways).
    for control in shown.iter().filter(|control| control.layer == top_layer) {
        if control.bounds.x0 < clip.x0 - 1.0 || control.bounds.x1 > clip.x1 + 1.0 {
            found.push(format!("{screen}: \"{}\" runs off the window ({:?})", control.label, control.bounds));
        }
    }
    for (index, a) in shown.iter().enumerate() {
        for b in &shown[index + 1..] {
            // Under an open dialog the page is covered on purpose.
            if a.layer != b.layer || a.layer != top_layer && top_layer != 0 {
                continue;
            }
            if let Some(common) = intersect(a.visible, b.visible)
                && (common.x1 - common.x0) * (common.y1 - common.y0) > 2.0
            {
                found.push(format!("{screen}: \"{}\" overlaps \"{}\" ({common:?})", a.label, b.label));
            }
        }
    }
    found
}

const OWN_ROUTINE: &str = r#"Routine(
    format: 1,
    id: "own-neck",
    title: (en: "Own neck", nl: "Eigen nek"),
    description: (en: "Traditionally used for a stiff neck.", nl: "Traditioneel gebruikt bij een stijve nek."),
    author: "J. de Vries",
    complaints: [NeckShoulders],
    breathing: SlowPaced,
    rest_secs: 20,
    prescription: (sessions_per_day: 2, days_per_week: 5, weeks: 4),
    steps: [
        Step(point: "GB21", side: Both, press_secs: 60, pressure: Medium),
        Step(point: "LI4", side: Both, press_secs: 45, pressure: Medium),
    ],
)
"#;

const HISTORY: &str = r#"History(format: 1, sessions: [
    SessionRecord(routine_id: "low-back", routine_title: (en: "Low back", nl: "Onderrug"), routine_author: "acupress", started_unix_secs: 1795100000, practised_secs: 600, completed: true, stopped_at_step: None, steps_total: 6, steps_done: 6, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, pain_before: Some(6), pain_after: Some(3)),
    SessionRecord(routine_id: "low-back", routine_title: (en: "Low back", nl: "Onderrug"), routine_author: "acupress", started_unix_secs: 1795190000, practised_secs: 420, completed: false, stopped_at_step: Some(3), steps_total: 6, steps_done: 3, steps_skipped_by_user: 1, skipped_by_gate: [], gate_outcome: Clear, pain_before: Some(5), pain_after: Some(4)),
])"#;

struct Walk {
    harness: Harness<'static, AcupressApp>,
    clock: ManualClock,
    window: [f32; 2],
    scale: f32,
    problems: Vec<String>,
    screens: usize,
    /// Screens whose first control did not take the focus.
    unfocused: Vec<String>,
}

impl Walk {
    fn new(dir: &Path, lang: Lang, scale: f32, window: [f32; 2]) -> Self {
        let paths = Paths::under(&dir.join("home"));
        acupress::store::create_private_dir(&paths.data_dir).unwrap();
        std::fs::write(paths.history_file(), HISTORY).unwrap();
        let settings = Settings { lang: Some(lang), text_scale: scale, ..Settings::default() };
        acupress::store::create_private_dir(&paths.config_dir).unwrap();
        std::fs::write(paths.settings_file(), ron::to_string(&settings).unwrap()).unwrap();
        let clock = ManualClock::new();
        let catalog = bundled::catalog().unwrap();
        let app = AcupressApp::new(
            catalog.clone(),
            bundled::valid_routines(&catalog).unwrap(),
            Settings::default(),
            Arc::new(clock.clone()),
        )
        .with_store(Store::open(paths).unwrap());
        let harness = common::harness_sized(app, window);
        Self { harness, clock, window, scale, problems: Vec::new(), screens: 0, unfocused: Vec::new() }
    }

    fn send(&mut self, command: Command) {
        let ctx = self.harness.ctx.clone();
        self.harness.state_mut().send(command, &ctx);
        self.harness.run();
    }

    fn check(&mut self, screen: &str) {
        self.harness.run();
        let name = format!("{screen} ({} %, {:?})", self.scale * 100.0, self.harness.state().lang());
        let found = overlaps(&self.harness, &name, self.window, self.scale);
        self.problems.extend(found);
        self.screens += 1;
    }

    /// A screen has just opened: the keyboard focus must be on one of its controls, not in the
    /// top bar (and not nowhere).
    fn check_focus(&mut self, screen: &str) {
        let focused = self.harness.query_by(is_focused);
        let in_top_bar = focused.as_ref().is_some_and(|node| node.accesskit_node().role() == Role::Tab);
        if focused.is_none() || in_top_bar {
            let label =
                focused.map(|node| format!("{:?} {:?}", node.accesskit_node().role(), node.accesskit_node().label()));
            self.unfocused.push(format!("{screen}: {label:?}"));
        }
    }

    fn pass(&mut self, secs: u64) {
        for _ in 0..secs {
            self.clock.advance(Duration::from_secs(1));
            assert!(self.harness.state().catch_up_session(PATIENCE));
        }
        self.harness.run();
    }
}

fn all_no(routine: &acupress::routine::Routine) -> Answers {
    let catalog = bundled::catalog().unwrap();
    let areas = acupress::safety::routine_areas(routine, &catalog);
    let mut answers = Answers::new();
    for question in QUESTIONS {
        if question.parent.is_none() && answers.visible_questions(&areas).any(|visible| visible.id == question.id) {
            answers.set(question.id, Answer::No);
        }
    }
    answers
}

fn walk_every_screen(walk: &mut Walk, dir: &Path) {
    let catalog = bundled::catalog().unwrap();
    let low_back = bundled::routine(&catalog, "low-back").unwrap();
    walk.harness.run();
    walk.check("body map");
    walk.check_focus("body map");
    walk.harness.state_mut().show_tab(Tab::BodyMap);
    let t = acupress::texts::strings(walk.harness.state().lang());
    for view in View::ALL {
        let name = t.view_name(view);
        let label = t.view_button.fill(name);
        walk.harness.get_by_label(&label).click_accesskit();
        walk.check(&format!("body map, {view:?}"));
    }
    walk.send(Command::Nav(Nav::ShowTab(Tab::Library)));
    walk.check("library");
    walk.check_focus("library");
    walk.send(Command::Nav(Nav::ShowTab(Tab::History)));
    walk.check("history");
    walk.check_focus("history");
    walk.send(Command::Nav(Nav::ShowTab(Tab::Settings)));
    walk.check("settings");
    walk.check_focus("settings");
    walk.send(Command::Nav(Nav::ShowAbout));
    walk.check("about");
    walk.check_focus("about");
    // The safety questions, with follow-ups open and an emergency answered yes.
    walk.send(Command::Session(SessionFlow::Prepare(Box::new(low_back.clone()))));
    walk.check_focus("safety questions");
    walk.check("safety questions");
    // The outcome, adapted; then get ready; then the player.
    let mut answers = all_no(&low_back);
    answers.set(QuestionId::Pregnant, Answer::Yes);
    answers.set(QuestionId::PregnancyRisk, Answer::No);
    walk.send(Command::Session(SessionFlow::ConfirmAnswers(answers)));
    walk.check("outcome");
    walk.check_focus("outcome");
    walk.send(Command::Session(SessionFlow::Start { pain_before: Some(4) }));
    walk.check("get ready");
    walk.check_focus("get ready");
    walk.send(Command::Session(SessionFlow::Begin));
    walk.check("player, first rest");
    walk.check_focus("player");
    walk.pass(25);
    walk.check("player, pressing");
    walk.harness.key_press(Key::Escape);
    walk.check("player, stop question");
    walk.harness.key_press(Key::Escape);
    walk.harness.run();
    while walk.harness.state().session_status().and_then(|status| status.segment).map(|segment| segment.kind)
        != Some(acupress::session::SegmentKind::Settle)
    {
        walk.send(Command::Session(SessionFlow::Control(acupress::session::SessionCommand::Next)));
        assert!(walk.harness.state().catch_up_session(PATIENCE));
    }
    walk.check("player, closing breathing");
    walk.harness.key_press(Key::Escape);
    walk.harness.run();
    walk.harness.key_press(Key::Enter);
    walk.harness.run();
    walk.check("end of session");
    walk.check_focus("end of session");
    walk.send(Command::Session(SessionFlow::Finish { pain_after: Some(2), activity_scores: Vec::new() }));
    // The editor, with a step, and the question before leaving it unsaved.
    walk.send(Command::Library(Library::NewRoutine));
    walk.check("editor, empty");
    walk.check_focus("editor");
    walk.send(Command::Nav(Nav::Cancel));
    let own = dir.join("own.ron");
    std::fs::write(&own, OWN_ROUTINE).unwrap();
    walk.harness.state_mut().import_file(&own);
    walk.harness.run();
    walk.check("import, added as a program");
    walk.send(Command::Library(Library::CloseDialog));
    walk.send(Command::Nav(Nav::ShowTab(Tab::BodyMap)));
    walk.check("body map with the program");
    walk.send(Command::Nav(Nav::ShowTab(Tab::History)));
    walk.check("history with the program's weeks");
    walk.send(Command::Program(ProgramAction::Open("own-neck".into())));
    walk.check("the program's start day and reminders");
    walk.check_focus("program");
    walk.send(Command::Nav(Nav::Cancel));
    let own_routine = acupress::routine::parse_routine(OWN_ROUTINE.as_bytes(), &catalog).unwrap().routine;
    walk.send(Command::Library(Library::EditRoutine(Box::new(own_routine.clone()), Some("own-neck".into()))));
    walk.check("editor, two steps");
    walk.harness.get_by_label("Id").focus();
    walk.harness.run();
    walk.harness.get_by_label("Id").type_text("x");
    walk.harness.run();
    walk.harness.key_press(Key::Escape);
    walk.check("editor, leave unsaved");
    walk.harness.key_press(Key::Escape);
    walk.send(Command::Nav(Nav::Cancel));
    // The same file again: a routine of that name is already there.
    walk.harness.state_mut().import_file(&own);
    walk.check("import, already there");
    walk.send(Command::Library(Library::CloseDialog));
    walk.send(Command::Library(Library::DeleteRoutine("own-neck".into())));
    walk.check("library, deleted with undo");
}

#[test]
fn no_two_controls_overlap_on_any_screen_and_focus_starts_in_the_content() {
    let window = [1024.0, 640.0];
    let mut problems = Vec::new();
    let mut unfocused = Vec::new();
    for lang in Lang::ALL {
        for scale in [1.0, 2.0] {
            let dir = tempfile::tempdir().unwrap();
            let mut walk = Walk::new(dir.path(), lang, scale, window);
            walk_every_screen(&mut walk, dir.path());
            assert!(walk.screens >= 18, "{} screens", walk.screens);
            problems.append(&mut walk.problems);
            unfocused.append(&mut walk.unfocused);
        }
    }
    assert!(problems.is_empty(), "{} overlaps:\n{}", problems.len(), problems.join("\n"));
    assert!(unfocused.is_empty(), "focus did not start in the content of: {unfocused:?}");
}

/// Whether `b` comes after `a` in reading order: on a later line, or further along the same one.
fn reads_after(a: Rect, b: Rect) -> bool {
    let later_line = b.y0 >= a.y1 - 4.0;
    let same_line = b.y0 < a.y1 && a.y0 < b.y1;
    later_line || same_line && b.x0 >= a.x1 - 4.0
}

/// Presses Tab `presses` times from the screen's first control and checks each step moves on
/// in reading order (the one wrap back to the top bar aside).
fn tab_through(harness: &mut Harness<'static, AcupressApp>, screen: &str, presses: usize) -> Vec<String> {
    let mut problems = Vec::new();
    let focused_id =
        |harness: &Harness<'static, AcupressApp>| harness.query_by(is_focused).map(|node| node.accesskit_node().id());
    let mut wrapped = false;
    for _ in 0..presses {
        let Some(before) = focused_id(harness) else {
            problems.push(format!("{screen}: nothing has the focus"));
            break;
        };
        harness.key_press(Key::Tab);
        harness.run();
        let Some(after) = focused_id(harness) else { break };
        let bounds =
            |id| harness.query_by(|node| node.id() == id).and_then(|node| node.accesskit_node().bounding_box());
        let (Some(a), Some(b)) = (bounds(before), bounds(after)) else { continue };
        let label = |id| {
            harness.query_by(|node| node.id() == id).and_then(|node| node.accesskit_node().label()).unwrap_or_default()
        };
        // Past the last control, the keyboard goes round to the first (the top bar's, or the
        // screen's first when the top bar is hidden): once.
        let topmost = harness
            .query_all_by(|node| is_control(node.role()))
            .filter_map(|node| node.accesskit_node().bounding_box())
            .map(|bounds| bounds.y0)
            .fold(f64::INFINITY, f64::min);
        if b.y0 <= topmost + 1.0 && !reads_after(a, b) && !wrapped {
            wrapped = true;
            continue;
        }
        if !reads_after(a, b) {
            problems.push(format!(
                "{screen}: Tab went from \"{}\" {a:?} back to \"{}\" {b:?}",
                label(before),
                label(after)
            ));
        }
    }
    problems
}

#[test]
fn the_keyboard_moves_in_reading_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut walk = Walk::new(dir.path(), Lang::En, 1.0, [1280.0, 900.0]);
    walk.harness.run();
    let mut problems = Vec::new();
    walk.send(Command::Nav(Nav::ShowTab(Tab::Settings)));
    problems.extend(tab_through(&mut walk.harness, "settings", 16));
    walk.send(Command::Nav(Nav::ShowTab(Tab::Library)));
    problems.extend(tab_through(&mut walk.harness, "library", 8));
    let catalog = bundled::catalog().unwrap();
    let low_back = bundled::routine(&catalog, "low-back").unwrap();
    walk.send(Command::Session(SessionFlow::Prepare(Box::new(low_back.clone()))));
    problems.extend(tab_through(&mut walk.harness, "safety questions", 8));
    walk.send(Command::Session(SessionFlow::ConfirmAnswers(all_no(&low_back))));
    walk.send(Command::Session(SessionFlow::Start { pain_before: None }));
    walk.send(Command::Session(SessionFlow::Begin));
    problems.extend(tab_through(&mut walk.harness, "player", 3));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_text_size_button_stays_under_the_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let mut walk = Walk::new(dir.path(), Lang::En, 0.8, [1024.0, 640.0]);
    walk.harness.run();
    walk.send(Command::Nav(Nav::ShowTab(Tab::Settings)));
    let bounds = |harness: &Harness<'static, AcupressApp>| {
        harness.get_by_label("Larger text").accesskit_node().bounding_box().expect("A+ has bounds")
    };
    let mut steps = 0;
    while walk.harness.state().settings().text_scale < 2.0 - 1e-3 {
        let before = bounds(&walk.harness);
        let pointer = (f64::midpoint(before.x0, before.x1), f64::midpoint(before.y0, before.y1));
        walk.harness.click_label("Larger text");
        let after = bounds(&walk.harness);
        assert!(
            (after.x0..=after.x1).contains(&pointer.0) && (after.y0..=after.y1).contains(&pointer.1),
            "at {} %: A+ moved from {before:?} to {after:?}, away from the pointer at {pointer:?}",
            walk.harness.state().settings().text_scale * 100.0
        );
        steps += 1;
        assert!(steps < 20);
    }
    assert!(steps >= 10, "80 % to 200 % in steps of 10");
}
