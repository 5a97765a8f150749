//! Fixtures shared by the integration tests: the bundled routines, the app's harness built as
//! the window shows it, tabs opened through the top bar with kittest's own finders, and stepping
//! the harness until something holds rather than a hand-picked number of frames.

#![allow(dead_code, reason = "each test file uses the part of the fixtures it needs")]

use std::time::Duration;

use acupress::app::AcupressApp;
use acupress::bundled;
use acupress::routine::Routine;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// How long a test waits for another thread (the session's timer, the history writer).
pub(crate) const PATIENCE: Duration = Duration::from_secs(10);

/// The most frames [`step_until`] draws before it gives up.
const MOST_STEPS: usize = 60;

/// The bundled routines, as the app loads them.
pub(crate) fn routines() -> Vec<Routine> {
    let catalog = bundled::catalog().expect("the bundled catalogue loads");
    bundled::valid_routines(&catalog).expect("the bundled routines load")
}

/// The app in a window of 1280×900.
pub(crate) fn harness(app: AcupressApp) -> Harness<'static, AcupressApp> {
    harness_sized(app, [1280.0, 900.0])
}

/// The app in a window of `size`. `Harness::run` draws frames until nothing asks for another:
/// a screen that has just opened asks for a few while it gives its first control the focus.
pub(crate) fn harness_sized(app: AcupressApp, size: [f32; 2]) -> Harness<'static, AcupressApp> {
    Harness::builder()
        .with_size(size)
        .with_max_steps(MOST_STEPS as u64)
        .build_ui_state(|ui, app: &mut AcupressApp| app.show(ui), app)
}

/// Opens a main tab: the top bar's tab, not a heading of the same name.
pub(crate) fn open_tab(harness: &mut Harness<'static, AcupressApp>, name: &str) {
    harness.get_by_role_and_label(egui::accesskit::Role::Tab, name).click_accesskit();
    step_until(harness, &format!("the {name} tab is selected"), |harness| {
        harness.query_by_role_and_label(egui::accesskit::Role::Tab, name).is_some()
    });
}

/// Draws frames until `holds` is true (at most [`MOST_STEPS`]); panics naming `what` if it never
/// does. For what the screens show after a command, not for time: time is the manual clock's.
pub(crate) fn step_until(
    harness: &mut Harness<'static, AcupressApp>,
    what: &str,
    holds: impl Fn(&Harness<'static, AcupressApp>) -> bool,
) {
    for _ in 0..MOST_STEPS {
        harness.step();
        if holds(harness) {
            // One more frame, so what was laid out is also drawn and its tree is complete.
            harness.step();
            return;
        }
    }
    panic!("never happened: {what}");
}

/// From the safety questions on screen to a running session, as a person does it: every
/// question "No", Confirm answers, Start session (no pain rating), Begin.
pub(crate) fn answer_no_and_begin(harness: &mut Harness<'static, AcupressApp>) {
    for node in harness.get_all_by_label_contains("No: ") {
        node.click_accesskit();
    }
    harness.run();
    harness.get_by_label("Confirm answers").click_accesskit();
    step_until(harness, "the outcome shows", |harness| harness.query_by_label("Start session").is_some());
    harness.get_by_label("Start session").click_accesskit();
    step_until(harness, "get ready shows", |harness| harness.query_by_label("Begin").is_some());
    harness.get_by_label("Begin").click_accesskit();
    step_until(harness, "the session runs", |harness| harness.state().in_session());
}

/// Clicking a control by its accessible name, as a person (or a screen reader) does.
pub(crate) trait ClickLabel {
    /// Clicks the one control named `label` and draws until the screen settles.
    fn click_label(&mut self, label: &str);
}

impl ClickLabel for Harness<'static, AcupressApp> {
    #[track_caller]
    fn click_label(&mut self, label: &str) {
        self.get_by_label(label).click_accesskit();
        self.run();
    }
}

/// A therapist's routine for Jan, written by hand: the comments are theirs and must survive an
/// import byte for byte.
pub(crate) const THERAPIST_ROUTINE: &str = r#"// For J. — written by hand; these comments are the therapist's.
Routine(
    format: 1,
    id: "rug-jan",
    title: (en: "Back for Jan", nl: "Rug voor Jan"),
    description: (en: "Points traditionally used for a stiff back.", nl: "Punten die traditioneel worden gebruikt bij een stijve rug."),
    author: "J. de Vries, fysiotherapeut",
    complaints: [LowBack],
    breathing: SlowPaced,
    rest_secs: 15,
    steps: [
        Step(point: "BL40", side: Both, press_secs: 45, pressure: Light), // light: the knee crease
    ],
)
"#;

/// A therapist's routine file for R.K.'s low back: the header every such test shares, then
/// `fields` (rest, prescription, steps: what the test is about).
pub(crate) fn rk_back(fields: &str) -> String {
    format!(
        r#"Routine(
    format: 1,
    id: "rk-back",
    title: (en: "Back for R.K.", nl: "Rug voor R.K."),
    description: (en: "Points traditionally used for a stiff low back.", nl: "Punten die traditioneel worden gebruikt bij een stijve onderrug."),
    author: "J. de Vries, fysiotherapeut",
    complaints: [LowBack],
    breathing: SlowPaced,
{fields}
)
"#
    )
}

/// Amsterdam's time zone (CET, CEST in summer) as a rule, so no test needs the system's
/// time-zone database.
pub(crate) fn amsterdam() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
}
