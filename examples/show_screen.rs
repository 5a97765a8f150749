//! Opens the app in a real window on one screen, for screenshots and for looking at a layout:
//! `cargo run --example show_screen -- SCREEN [en|nl] [TEXT_SCALE] [WIDTH HEIGHT]`, where SCREEN is one of
//! home, program, library, history, settings, about, gate, urgent, outcome, ready, player,
//! settle, stop, end, rating (the end of a program's first session), editor. The data lives in a fresh temporary folder with two sessions of
//! history; the session runs on a manual clock, so a screenshot shows the same moment each time.

use std::sync::Arc;
use std::time::Duration;

use acupress::app::AcupressApp;
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::safety::{Answer, Answers, QUESTIONS, QuestionId};
use acupress::session::SessionCommand;
use acupress::settings::Settings;
use acupress::store::{Paths, Store};
use acupress::text::Lang;
use acupress::ui::{Command, Library, Nav, ProgramAction, SessionFlow, Tab};

const HISTORY: &str = r#"History(format: 1, sessions: [
    SessionRecord(routine_id: "low-back", routine_title: (en: "Low back", nl: "Onderrug"), routine_author: "acupress", started_unix_secs: 1794650000, practised_secs: 810, completed: true, stopped_at_step: None, steps_total: 6, steps_done: 6, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, pain_before: Some(6), pain_after: Some(4)),
    SessionRecord(routine_id: "low-back", routine_title: (en: "Low back", nl: "Onderrug"), routine_author: "acupress", started_unix_secs: 1794830000, practised_secs: 810, completed: true, stopped_at_step: None, steps_total: 6, steps_done: 6, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, pain_before: Some(5), pain_after: Some(3)),
    SessionRecord(routine_id: "neck-shoulders", routine_title: (en: "Neck and shoulders", nl: "Nek en schouders"), routine_author: "acupress", started_unix_secs: 1795000000, practised_secs: 420, completed: false, stopped_at_step: Some(3), steps_total: 5, steps_done: 2, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, pain_before: Some(5), pain_after: Some(4)),
    SessionRecord(routine_id: "low-back", routine_title: (en: "Low back", nl: "Onderrug"), routine_author: "acupress", started_unix_secs: 1795180000, practised_secs: 810, completed: true, stopped_at_step: None, steps_total: 6, steps_done: 6, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, pain_before: Some(4), pain_after: Some(2)),
])"#;

/// A therapist's routine with a prescription: imported, it becomes a program.
const PRESCRIBED: &str = r#"Routine(
    format: 1,
    id: "rk-back",
    title: (en: "Back and shoulder for R.K.", nl: "Rug en schouder voor R.K."),
    description: (en: "Your home routine between treatments.", nl: "Je thuisroutine tussen de behandelingen door."),
    author: "J. de Vries, fysiotherapeut",
    complaints: [LowBack, NeckShoulders],
    breathing: SlowPaced,
    rest_secs: 15,
    prescription: (sessions_per_day: 2, days_per_week: 5, weeks: 4, activities: [
        (en: "Putting on socks", nl: "Sokken aantrekken"),
        (en: "Carrying the shopping upstairs", nl: "De boodschappen de trap op dragen"),
    ]),
    steps: [
        Step(point: "BL23", side: Both, press_secs: 60, pressure: Medium),
        Step(point: "GB21", side: Both, press_secs: 45, pressure: Light),
    ],
)
"#;

struct Shown {
    app: AcupressApp,
    clock: ManualClock,
    screen: String,
    started: bool,
    /// Esc was pressed for the "stop" screen.
    asked_to_stop: bool,
}

fn all_no(routine: &acupress::routine::Routine) -> Answers {
    let catalog = bundled::catalog().expect("the bundled catalogue loads");
    let areas = acupress::safety::routine_areas(routine, &catalog);
    let mut answers = Answers::new();
    for question in QUESTIONS {
        if question.parent.is_none() && answers.visible_questions(&areas).any(|visible| visible.id == question.id) {
            answers.set(question.id, Answer::No);
        }
    }
    answers
}

impl Shown {
    fn pass(&mut self, secs: u64) {
        for _ in 0..secs {
            self.clock.advance(Duration::from_secs(1));
            self.app.catch_up_session(Duration::from_secs(5));
        }
    }

    /// Walks to the screen asked for, through the commands the screens would send.
    fn go(&mut self, ctx: &egui::Context) {
        let catalog = bundled::catalog().expect("the bundled catalogue loads");
        let screen = self.screen.clone();
        // "rating": the end of the first session of a therapist's program, which asks for the
        // activities to be rated.
        let routine = if screen == "rating" {
            acupress::routine::parse_routine(PRESCRIBED.as_bytes(), &catalog)
                .expect("the example routine loads")
                .routine
        } else {
            bundled::routine(&catalog, "neck-shoulders").expect("a bundled routine")
        };
        let send = |app: &mut AcupressApp, command| app.send(command, ctx);
        // "import": the import dialog just after a therapist's prescription came in.
        if matches!(screen.as_str(), "home" | "history" | "program" | "rating" | "import") {
            let file = std::env::temp_dir().join(format!("acupress-show-screen-{}.ron", std::process::id()));
            if std::fs::write(&file, PRESCRIBED).is_ok() {
                self.app.import_file(&file);
                if screen != "import" {
                    send(&mut self.app, Command::Library(Library::CloseDialog));
                }
            }
        }
        match screen.as_str() {
            "program" => send(&mut self.app, Command::Program(ProgramAction::Open("rk-back".into()))),
            "library" => send(&mut self.app, Command::Nav(Nav::ShowTab(Tab::Library))),
            "history" => send(&mut self.app, Command::Nav(Nav::ShowTab(Tab::History))),
            "settings" => send(&mut self.app, Command::Nav(Nav::ShowTab(Tab::Settings))),
            "about" => send(&mut self.app, Command::Nav(Nav::ShowAbout)),
            "editor" => {
                send(&mut self.app, Command::Library(Library::EditRoutine(Box::new(routine), None)));
            }
            "home" => send(&mut self.app, Command::Nav(Nav::ShowTab(Tab::BodyMap))),
            // The import has opened the Routines tab with its dialog: shown as it is.
            "import" => {}
            // A close-up of the body map, e.g. "view-Ear", "view-Knee", "view-SideHead".
            view if view.starts_with("view-") => {
                let view = acupress::catalog::View::ALL
                    .into_iter()
                    .find(|candidate| format!("view-{candidate:?}") == view)
                    .unwrap_or(acupress::catalog::View::Front);
                let (filter, selected) = match view {
                    acupress::catalog::View::Knee => (Some(acupress::catalog::Complaint::Knee), None),
                    acupress::catalog::View::Ear => (Some(acupress::catalog::Complaint::Anxiety), None),
                    acupress::catalog::View::SideHead => (Some(acupress::catalog::Complaint::Jaw), None),
                    // The README's picture: neck and shoulders from behind, Shoulder Well chosen.
                    acupress::catalog::View::Back => (
                        Some(acupress::catalog::Complaint::NeckShoulders),
                        Some(acupress::catalog::PointCode::from("GB21")),
                    ),
                    _ => (None, None),
                };
                self.app.show_body_map(view, filter, selected);
            }
            _ => {
                send(&mut self.app, Command::Session(SessionFlow::Prepare(Box::new(routine.clone()))));
                if screen == "gate" {
                    return;
                }
                let mut answers = all_no(&routine);
                if screen == "urgent" {
                    answers.set(QuestionId::EmergencyGeneral, Answer::Yes);
                }
                send(&mut self.app, Command::Session(SessionFlow::ConfirmAnswers(answers)));
                if matches!(screen.as_str(), "outcome" | "urgent") {
                    return;
                }
                send(&mut self.app, Command::Session(SessionFlow::Start { pain_before: Some(5) }));
                if screen == "ready" {
                    return;
                }
                send(&mut self.app, Command::Session(SessionFlow::Begin));
                self.pass(23);
                match screen.as_str() {
                    "settle" => {
                        let settling = |app: &AcupressApp| {
                            app.session_status().and_then(|status| status.segment).map(|segment| segment.kind)
                                == Some(acupress::session::SegmentKind::Settle)
                        };
                        while self.app.in_session() && !settling(&self.app) {
                            send(&mut self.app, Command::Session(SessionFlow::Control(SessionCommand::Next)));
                            self.app.catch_up_session(Duration::from_secs(5));
                        }
                        self.pass(5);
                    }
                    "end" | "rating" => {
                        self.pass(70);
                        send(&mut self.app, Command::Session(SessionFlow::Control(SessionCommand::Next)));
                        send(&mut self.app, Command::Session(SessionFlow::Control(SessionCommand::Stop)));
                    }
                    _ => {}
                }
            }
        }
    }
}

impl eframe::App for Shown {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if !self.started {
            self.started = true;
            let ctx = ui.ctx().clone();
            self.go(&ctx);
        } else if self.screen == "stop" && !self.asked_to_stop {
            // Esc, as the person presses it: the player asks whether to stop.
            self.asked_to_stop = true;
            ui.ctx().input_mut(|input| {
                input.events.push(egui::Event::Key {
                    key: egui::Key::Escape,
                    physical_key: None,
                    pressed: true,
                    repeat: false,
                    modifiers: egui::Modifiers::NONE,
                });
            });
        }
        self.app.ui(ui, frame);
    }
}

fn main() -> eframe::Result {
    let mut args = std::env::args().skip(1);
    let screen = args.next().unwrap_or_else(|| "home".to_owned());
    let lang = if args.next().as_deref() == Some("nl") { Lang::Nl } else { Lang::En };
    let text_scale: f32 = args.next().and_then(|arg| arg.parse().ok()).unwrap_or(1.0);
    let width: f32 = args.next().and_then(|arg| arg.parse().ok()).unwrap_or(1180.0);
    let height: f32 = args.next().and_then(|arg| arg.parse().ok()).unwrap_or(760.0);
    let dir = std::env::temp_dir().join(format!("acupress-show-screen-{}", std::process::id()));
    let paths = Paths::under(&dir);
    acupress::store::create_private_dir(&paths.data_dir).expect("a temporary folder");
    std::fs::write(paths.history_file(), HISTORY).expect("a temporary folder");
    let settings = Settings { lang: Some(lang), text_scale, ..Settings::default() };
    acupress::store::create_private_dir(&paths.config_dir).expect("a temporary folder");
    std::fs::write(paths.settings_file(), ron::to_string(&settings).expect("settings serialise"))
        .expect("a temporary folder");
    // Saturday 21 November 2026, 10:00 in Amsterdam.
    let clock = ManualClock::starting_at(1_795_251_600);
    let catalog = bundled::catalog().expect("the bundled catalogue loads");
    let routines = bundled::valid_routines(&catalog).expect("the bundled routines load");
    let app = AcupressApp::new(catalog, routines, Settings::default(), Arc::new(clock.clone()))
        .with_time_zone(jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").expect("a valid zone"))
        .with_store(Store::open(paths).expect("a temporary folder"));
    let shown = Shown { app, clock, screen, started: false, asked_to_stop: false };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_title("acupress").with_inner_size([width, height]),
        ..Default::default()
    };
    eframe::run_native("acupress", options, Box::new(|_cc| Ok(Box::new(shown))))
}
