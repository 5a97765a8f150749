//! The desktop app: wires the core, the session driver and the screens together.
//!
//! Holds the state, shows the screen that is current, and applies the commands screens return,
//! once per frame. It decides when to repaint: never while nothing changes; during a session
//! only as often as the display needs.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use crate::audio::{AudioStatus, RodioAudio, SessionSound, SharedSoundSettings, SoundSettings};
use crate::catalog::{Catalog, Laterality, PointCode};
use crate::clock::{Clock, SystemClock, unix_now_secs};
use crate::driver::{CueSink, SessionDriver};
use crate::history::{PainRating, SessionRecord};
use crate::routine::parse_routine;
use crate::routine::{Pressure, ROUTINE_FORMAT, Routine, Side, Step};
use crate::safety::{Answer, QuestionId};
use crate::safety::{AnswerKind, Answers, Clearance, ClearedRoutine, evaluate};
use crate::session::{Status, Tick};
use crate::store::{History, Store, StoredAnswers, StoredSettings, Theme};
use crate::text::{Lang, Text};
use crate::ui::editor::{EditorState, editor_ui};
use crate::ui::end::{EndState, end_ui};
use crate::ui::gate::{GateState, OutcomeState, outcome_ui, questions_ui};
use crate::ui::history::history_ui;
use crate::ui::home::{HomeState, home_ui};
use crate::ui::import::{DuplicateChoice, ImportDialog, import_dialog_ui};
use crate::ui::library::{LibraryState, library_ui};
use crate::ui::player::{PlayerView, player_ui};
use crate::ui::strings::{fill, strings};
use crate::ui::top_bar::top_bar_ui;
use crate::ui::{Command, Tab, UiContext};

/// Repaint interval while the breathing pacer moves: 20 per second is smooth for a shape that
/// changes over seconds, and well under the 30 per second ceiling.
pub const ANIMATED_REPAINT: Duration = Duration::from_millis(50);
/// Lands a scheduled repaint just after the second boundary it waits for.
const BOUNDARY_MARGIN: Duration = Duration::from_millis(3);
/// Length of a quick press on one point.
pub const QUICK_PRESS_SECS: u32 = 60;

/// Settings the user can change at any moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Language of every text.
    pub lang: Lang,
    /// Zoom factor for text and controls (0.8..=2.0).
    pub text_scale: f32,
    /// Keep the pacer still and repaint rarely.
    pub reduce_motion: bool,
    /// Voice, chimes, breathing tone and volume.
    pub sound: SoundSettings,
    /// Light, dark or as the system.
    pub theme: Theme,
    /// When the remembered safety answers were given.
    pub answers_given_unix_secs: Option<i64>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::En,
            text_scale: 1.0,
            reduce_motion: false,
            sound: SoundSettings::default(),
            theme: Theme::System,
            answers_given_unix_secs: None,
        }
    }
}

struct PlayerState {
    driver: SessionDriver,
    cleared: ClearedRoutine,
    pain_before: PainRating,
    started_unix_secs: i64,
    missed: Arc<AtomicUsize>,
}

enum Screen {
    Main,
    Gate(GateState),
    Outcome(OutcomeState, Answers),
    Player(Box<PlayerState>),
    End(EndState),
    Editor(Box<EditorState>),
}

/// Tells the UI that something happened in the session, from the driver's thread.
struct RepaintSink {
    ctx: egui::Context,
    missed: Arc<AtomicUsize>,
}

impl CueSink for RepaintSink {
    fn interrupted(&mut self) {
        self.ctx.request_repaint();
    }

    fn deliver(&mut self, tick: &Tick, _status: &Status) {
        self.missed.fetch_add(tick.missed.len(), Ordering::Relaxed);
        // Breathing phases are drawn by the scheduled repaints; structural cues (a new step,
        // the end) are shown at once.
        if !tick.missed.is_empty() || tick.cues.iter().any(|timed| !timed.cue.is_breathing()) {
            self.ctx.request_repaint();
        }
    }
}

/// When the next repaint is needed during a running session.
pub fn next_repaint(status: &Status, reduce_motion: bool) -> Duration {
    if !reduce_motion {
        return ANIMATED_REPAINT;
    }
    // Countdowns show whole seconds, rounded up: they change when the time left crosses a
    // whole second.
    let to_next_second = |remaining: Duration| {
        let fraction = Duration::from_nanos((remaining.as_nanos() % 1_000_000_000) as u64);
        if fraction.is_zero() { Duration::from_secs(1) } else { fraction }
    };
    let mut wait = to_next_second(status.segment_remaining);
    if let Some((_, phase)) = status.breath {
        wait = wait.min(to_next_second(phase.remaining));
    }
    wait + BOUNDARY_MARGIN
}

/// The whole app.
pub struct AcupressApp {
    catalog: Catalog,
    routines: Vec<Routine>,
    settings: Settings,
    clock: Arc<dyn Clock>,
    tab: Tab,
    home: HomeState,
    library: LibraryState,
    screen: Screen,
    /// Yes/no answers from the last gate, used to prefill the next one.
    last_answers: Answers,
    records: Vec<SessionRecord>,
    frames: Option<Arc<AtomicU64>>,
    startup_probe: bool,
    applied_scale: Option<f32>,
    audio: Option<RodioAudio>,
    sound_settings: SharedSoundSettings,
    store: Option<Store>,
    /// Problems with the user's files, shown until dismissed.
    notices: Vec<String>,
    user_routine_ids: Vec<String>,
    import_dialog: Option<ImportDialog>,
    applied_theme: Option<Theme>,
}

impl AcupressApp {
    /// A new app with the given content, settings and clock.
    pub fn new(catalog: Catalog, routines: Vec<Routine>, settings: Settings, clock: Arc<dyn Clock>) -> Self {
        AcupressApp {
            catalog,
            routines,
            settings,
            clock,
            tab: Tab::BodyMap,
            home: HomeState::default(),
            library: LibraryState::default(),
            screen: Screen::Main,
            last_answers: Answers::new(),
            records: Vec::new(),
            frames: None,
            startup_probe: false,
            applied_scale: None,
            audio: None,
            sound_settings: SharedSoundSettings::new(settings.sound, settings.lang),
            store: None,
            notices: Vec::new(),
            user_routine_ids: Vec::new(),
            import_dialog: None,
            applied_theme: None,
        }
    }

    /// Keeps settings, history and the user's routines in `store`, loading what is there.
    /// Damaged files were moved aside by the store; they are reported on screen.
    #[must_use]
    pub fn with_store(mut self, store: Store) -> Self {
        let now = unix_now_secs();
        let (stored, notice) = store.load_settings(now);
        if let Some(notice) = notice {
            self.report(notice.to_string());
        }
        if let Some(lang) = stored.lang {
            self.settings.lang = lang;
        }
        self.settings.text_scale = stored.text_scale.clamp(0.8, 2.0);
        self.settings.reduce_motion = stored.reduce_motion;
        self.settings.sound = SoundSettings {
            volume: stored.volume.clamp(0.0, 1.0),
            voice: stored.voice,
            chimes: stored.chimes,
            breathing_tone: stored.breathing_tone,
        };
        self.sound_settings.set(self.settings.sound, self.settings.lang);
        self.settings.theme = stored.theme;
        if let Some(remembered) = &stored.answers {
            self.settings.answers_given_unix_secs = Some(remembered.given_unix_secs);
            for (id, yes) in &remembered.answers {
                if let Some(id) = QuestionId::parse(id) {
                    self.last_answers.set(id, if *yes { Answer::Yes } else { Answer::No });
                }
            }
        }
        let (history, notice) = store.load_history(now);
        if let Some(notice) = notice {
            self.report(notice.to_string());
        }
        self.records = history.sessions;
        let (files, notices) = store.read_user_routines();
        for notice in &notices {
            self.report(notice.to_string());
        }
        for (path, bytes) in files {
            match parse_routine(&bytes, &self.catalog) {
                Ok(loaded) => self.add_user_routine(loaded.routine),
                Err(err) => {
                    let first = err.diagnostics.first().map(ToString::to_string).unwrap_or_default();
                    self.report(format!("{}:{first}", path.display()));
                }
            }
        }
        if store.is_read_only() {
            self.report(strings(self.settings.lang).read_only_notice.to_owned());
        }
        self.store = Some(store);
        self
    }

    /// Adds (or replaces) a routine of the user's in the library shown.
    fn add_user_routine(&mut self, routine: Routine) {
        self.routines.retain(|existing| existing.id != routine.id);
        if !self.user_routine_ids.contains(&routine.id) {
            self.user_routine_ids.push(routine.id.clone());
        }
        self.routines.push(routine);
    }

    /// Problems with the user's files found so far.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Shows a problem to the user (until dismissed).
    pub fn add_notice(&mut self, notice: impl Into<String>) {
        self.report(notice.into());
    }

    /// Reports a problem on screen and in the log (standard error).
    fn report(&mut self, notice: String) {
        eprintln!("acupress: {notice}");
        self.notices.push(notice);
    }

    fn persist_settings(&mut self) {
        let Some(store) = &self.store else { return };
        if store.is_read_only() {
            return;
        }
        let answers = self.settings.answers_given_unix_secs.map(|given_unix_secs| StoredAnswers {
            given_unix_secs,
            answers: self
                .last_answers
                .iter()
                .filter_map(|(id, answer)| match answer {
                    Answer::Yes => Some((id.as_str().to_owned(), true)),
                    Answer::No => Some((id.as_str().to_owned(), false)),
                    Answer::Points(_) => None,
                })
                .collect(),
        });
        let stored = StoredSettings {
            lang: Some(self.settings.lang),
            text_scale: self.settings.text_scale,
            reduce_motion: self.settings.reduce_motion,
            theme: self.settings.theme,
            volume: self.settings.sound.volume,
            voice: self.settings.sound.voice,
            chimes: self.settings.sound.chimes,
            breathing_tone: self.settings.sound.breathing_tone,
            answers,
            ..StoredSettings::default()
        };
        if let Err(err) = store.save_settings(&stored) {
            self.report(err.to_string());
        }
    }

    fn persist_history(&mut self) {
        let Some(store) = &self.store else { return };
        if store.is_read_only() {
            return;
        }
        let history = History { sessions: self.records.clone(), ..History::default() };
        if let Err(err) = store.save_history(&history) {
            self.report(err.to_string());
        }
    }

    /// Plays session cues through `audio`.
    #[must_use]
    pub fn with_audio(mut self, audio: RodioAudio) -> Self {
        self.audio = Some(audio);
        self
    }

    /// Whether sound reaches a device (`None` without audio output).
    pub fn audio_status(&self) -> Option<AudioStatus> {
        self.audio.as_ref().map(RodioAudio::status)
    }

    /// A new app on the system clock.
    pub fn with_system_clock(catalog: Catalog, routines: Vec<Routine>, settings: Settings) -> Self {
        Self::new(catalog, routines, settings, Arc::new(SystemClock::new()))
    }

    /// Prints the time from process start to the first frame, then closes (a measurement aid
    /// behind `ACUPRESS_STARTUP_PROBE`).
    pub fn probe_startup(&mut self) {
        self.startup_probe = true;
    }

    /// Counts frames into `counter` (for measuring repaint rates).
    pub fn count_frames(&mut self, counter: Arc<AtomicU64>) {
        self.frames = Some(counter);
    }

    /// Opens the library on the given tab.
    pub fn show_tab(&mut self, tab: Tab) {
        self.tab = tab;
    }

    /// The current settings.
    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// Sessions recorded since the app started.
    pub fn records(&self) -> &[SessionRecord] {
        &self.records
    }

    /// Whether a session is being played.
    pub fn in_session(&self) -> bool {
        matches!(self.screen, Screen::Player(_))
    }

    /// The running session's status, if any.
    pub fn session_status(&self) -> Option<Status> {
        match &self.screen {
            Screen::Player(player) => Some(player.driver.status()),
            _ => None,
        }
    }

    /// Makes the session's timer thread look at the clock again. Only needed when the clock
    /// jumps by other means than time passing (a manual clock in tests or simulations).
    pub fn wake_session(&self) {
        if let Screen::Player(player) = &self.screen {
            player.driver.wake();
        }
    }

    /// Whether the session's timer thread has handled every cue due by now (`true` without a
    /// session). For tests that move a manual clock.
    pub fn session_is_caught_up(&self) -> bool {
        match &self.screen {
            Screen::Player(player) => player.driver.is_caught_up(),
            _ => true,
        }
    }

    /// Draws one frame.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if self.applied_scale.is_none() {
            egui_extras::install_image_loaders(ui.ctx());
            crate::ui::theme::install_fonts(ui.ctx());
        }
        if self.applied_theme != Some(self.settings.theme) {
            ui.ctx().set_theme(theme_preference(self.settings.theme));
            self.applied_theme = Some(self.settings.theme);
        }
        let dropped: Vec<std::path::PathBuf> =
            ui.ctx().input(|input| input.raw.dropped_files.iter().map(|file| file.path().to_owned()).collect());
        if self.applied_scale != Some(self.settings.text_scale) {
            ui.ctx().set_zoom_factor(self.settings.text_scale);
            self.applied_scale = Some(self.settings.text_scale);
        }
        if let Some(frames) = &self.frames {
            frames.fetch_add(1, Ordering::Relaxed);
        }
        if self.startup_probe {
            // Drawn once more after this: the first frame is on screen by the second call.
            if self.applied_scale.is_some() {
                println!("first frame after {:.1} ms", crate::clock::since_process_start().as_secs_f64() * 1000.0);
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                self.startup_probe = false;
            } else {
                ui.ctx().request_repaint();
            }
        }
        self.finish_session_if_over();
        let ctx = UiContext {
            catalog: &self.catalog,
            routines: &self.routines,
            lang: self.settings.lang,
            t: strings(self.settings.lang),
            reduce_motion: self.settings.reduce_motion,
            user_routine_ids: &self.user_routine_ids,
        };
        let tab = matches!(self.screen, Screen::Main).then_some(self.tab);
        let no_sound = self.audio_status() == Some(AudioStatus::NoDevice);
        let mut commands = top_bar_ui(ui, &ctx, tab, &self.settings, no_sound);
        commands.extend(crate::ui::top_bar::notices_ui(ui, &ctx, &self.notices));
        commands.extend(match &mut self.screen {
            Screen::Main => match self.tab {
                Tab::BodyMap => home_ui(ui, &ctx, &mut self.home),
                Tab::Library => library_ui(ui, &ctx, &mut self.library),
                Tab::History => history_ui(ui, &ctx, &self.records),
            },
            Screen::Editor(editor) => editor_ui(ui, &ctx, editor),
            Screen::Gate(gate) => questions_ui(ui, &ctx, gate),
            Screen::Outcome(outcome, _) => outcome_ui(ui, &ctx, outcome),
            Screen::Player(player) => {
                let status = player.driver.status();
                let summary = player.driver.summary();
                let view = PlayerView {
                    status: &status,
                    routine: player.driver.routine(),
                    progress: &summary.steps,
                    missed: player.missed.load(Ordering::Relaxed),
                    interruptions: player.driver.interruptions(),
                };
                let commands = player_ui(ui, &ctx, &view);
                if status.state == crate::session::RunState::Running {
                    ui.ctx().request_repaint_after(next_repaint(&status, self.settings.reduce_motion));
                }
                commands
            }
            Screen::End(end) => end_ui(ui, &ctx, end),
        });
        if let Some(dialog) = &self.import_dialog {
            commands.extend(import_dialog_ui(ui, &ctx, dialog));
        }
        let hovering = ui.ctx().input(|input| !input.raw.hovered_files.is_empty());
        if hovering {
            egui::Area::new(egui::Id::unique("drop_hint")).anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO).show(
                ui.ctx(),
                |ui| {
                    egui::Frame::popup(ui.style()).inner_margin(24.0).show(ui, |ui| {
                        ui.label(egui::RichText::new(ctx.t.drop_to_import).size(22.0));
                    });
                },
            );
        }
        commands.extend(dropped.into_iter().map(Command::ImportFile));
        for command in commands {
            self.apply(command, ui.ctx());
        }
    }

    /// Imports a routine file: validates it first (errors shown with line and column, nothing
    /// imported), then copies it into the library, asking before an id is reused.
    pub fn import_file(&mut self, path: &std::path::Path) {
        let shown =
            path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned());
        let bytes = match crate::store::read_user_file(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                self.import_dialog = Some(ImportDialog::Errors { file: shown, lines: vec![err.to_string()] });
                return;
            }
        };
        let loaded = match parse_routine(&bytes, &self.catalog) {
            Ok(loaded) => loaded,
            Err(err) => {
                let lines =
                    err.diagnostics.iter().map(|diagnostic| diagnostic.display_with_file(&shown).to_string()).collect();
                self.import_dialog = Some(ImportDialog::Errors { file: shown, lines });
                return;
            }
        };
        // Valid UTF-8 was checked by the parser.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let routine = loaded.routine;
        if let Some(existing) = self.routines.iter().find(|existing| existing.id == routine.id) {
            let can_replace = self.user_routine_ids.contains(&existing.id);
            self.import_dialog = Some(ImportDialog::Duplicate {
                existing_title: existing.title.clone(),
                routine: Box::new(routine),
                text,
                can_replace,
            });
            return;
        }
        self.finish_import(routine, &text);
    }

    fn finish_import(&mut self, routine: Routine, text: &str) {
        if let Some(store) = &self.store
            && let Err(err) = store.save_user_routine(&routine.id, text)
        {
            self.report(err.to_string());
            self.import_dialog = None;
            return;
        }
        self.import_dialog =
            Some(ImportDialog::Imported { title: routine.title.clone(), author: routine.author.clone() });
        self.add_user_routine(routine);
        self.tab = Tab::Library;
    }

    /// The first free id made from `id` (`id-2`, `id-3`, …).
    fn free_id(&self, id: &str) -> String {
        (2..10_000)
            .map(|n| format!("{id}-{n}"))
            .find(|candidate| !self.routines.iter().any(|routine| &routine.id == candidate))
            .unwrap_or_else(|| format!("{id}-{}", unix_now_secs()))
    }

    fn save_draft(&mut self, draft: Routine, original_id: Option<String>) {
        let taken = self
            .routines
            .iter()
            .any(|routine| routine.id == draft.id && original_id.as_deref() != Some(routine.id.as_str()));
        if taken {
            self.report(fill(strings(self.settings.lang).id_taken, &[("id", &draft.id)]));
            return;
        }
        let text = crate::routine::to_ron(&draft);
        if let Some(store) = &self.store {
            if let Err(err) = store.save_user_routine(&draft.id, &text) {
                self.report(err.to_string());
                return;
            }
            if let Some(original) = original_id.as_deref().filter(|original| *original != draft.id) {
                let _ = store.delete_user_routine(original);
            }
        }
        if let Some(original) = original_id.filter(|original| *original != draft.id) {
            self.routines.retain(|routine| routine.id != original);
            self.user_routine_ids.retain(|id| *id != original);
        }
        self.add_user_routine(draft);
        self.tab = Tab::Library;
        self.screen = Screen::Main;
    }

    fn new_routine(&self) -> Routine {
        Routine {
            format: ROUTINE_FORMAT,
            id: self.free_id("my-routine"),
            title: Text::new("My routine", "Mijn oefening"),
            description: Text::new("Traditionally used for …", "Traditioneel gebruikt bij …"),
            author: String::new(),
            complaints: Vec::new(),
            breathing: crate::breathing::BreathingPattern::SlowPaced,
            rest_secs: 15,
            steps: Vec::new(),
        }
    }

    fn finish_session_if_over(&mut self) {
        let Screen::Player(player) = &self.screen else { return };
        if player.driver.status().state.is_finished() {
            let summary = player.driver.summary();
            let record =
                SessionRecord::new(&player.cleared, &summary, player.started_unix_secs, player.pain_before, None);
            // Recorded now, so closing the window on the end screen loses nothing; the pain
            // rating after is added when the person is done.
            self.records.push(record.clone());
            self.persist_history();
            self.screen = Screen::End(EndState { record, pain_after: None });
        }
    }

    /// Stops a running session and records it (for example when the window closes).
    pub fn stop_and_record(&mut self) {
        if let Screen::Player(player) = &self.screen {
            player.driver.command(crate::driver::SessionCommand::Stop);
        }
        self.finish_session_if_over();
    }

    fn prefilled_answers(&self) -> Answers {
        let mut answers = Answers::new();
        for (id, answer) in self.last_answers.iter() {
            if matches!(id.question().kind, AnswerKind::YesNo { .. }) {
                answers.set(id, answer.clone());
            }
        }
        answers
    }

    fn quick_press_routine(&self, code: &PointCode) -> Option<Routine> {
        let point = self.catalog.get(code)?;
        let title_for = |lang: Lang| fill(strings(lang).quick_press_title, &[("name", point.name.get(lang))]);
        let side = match point.laterality {
            Laterality::Bilateral => Some(Side::Both),
            Laterality::Midline => None,
        };
        let pressure = if point.cautions.is_empty() { Pressure::Medium } else { Pressure::Light };
        Some(Routine {
            format: ROUTINE_FORMAT,
            id: format!("quick-{}", code.as_str().to_lowercase()),
            title: Text::new(title_for(Lang::En), title_for(Lang::Nl)),
            description: point.uses.clone(),
            author: "acupress".into(),
            complaints: point.complaints.clone(),
            breathing: crate::breathing::BreathingPattern::SlowPaced,
            rest_secs: 10,
            steps: vec![Step {
                point: code.clone(),
                side,
                press_secs: QUICK_PRESS_SECS,
                pressure,
                breathing: None,
                note: None,
            }],
        })
    }

    /// Import, the editor and exports: the commands that read or write the user's files.
    fn apply_library(&mut self, command: Command) {
        match command {
            Command::ImportPick => {
                let picked = rfd::FileDialog::new().add_filter("acupress routine", &["ron"]).pick_file();
                if let Some(path) = picked {
                    self.import_file(&path);
                }
            }
            Command::ImportFile(path) => self.import_file(&path),
            Command::ImportResolve(choice) => {
                if let Some(ImportDialog::Duplicate { routine, text, .. }) = self.import_dialog.take() {
                    match choice {
                        DuplicateChoice::Replace => self.finish_import(*routine, &text),
                        DuplicateChoice::KeepBoth => {
                            let mut renamed = *routine;
                            renamed.id = self.free_id(&renamed.id);
                            let text = crate::routine::to_ron(&renamed);
                            self.finish_import(renamed, &text);
                        }
                    }
                }
            }
            Command::CloseDialog => self.import_dialog = None,
            Command::NewRoutine => self.screen = Screen::Editor(Box::new(EditorState::new(self.new_routine(), None))),
            Command::EditRoutine(routine, original_id) => {
                let mut draft = *routine;
                if original_id.is_none() {
                    // A copy is a new routine: a new id, and whoever edits it is its author
                    // (the live check asks for the name).
                    draft.id = self.free_id(&draft.id);
                    draft.author.clear();
                }
                self.screen = Screen::Editor(Box::new(EditorState::new(draft, original_id)));
            }
            Command::SaveDraft(draft, original_id) => self.save_draft(*draft, original_id),
            Command::ExportRoutine(routine) => {
                let picked = rfd::FileDialog::new()
                    .add_filter("acupress routine", &["ron"])
                    .set_file_name(format!("{}.ron", routine.id))
                    .save_file();
                if let Some(path) = picked {
                    match Store::export(&path, &crate::routine::to_ron(&routine)) {
                        Ok(()) => self
                            .notices
                            .push(fill(strings(self.settings.lang).saved_to, &[("path", &path.display().to_string())])),
                        Err(err) => self.report(err.to_string()),
                    }
                }
            }
            Command::ExportHistoryCsv => {
                let picked = rfd::FileDialog::new()
                    .add_filter("CSV", &["csv"])
                    .set_file_name("acupress-history.csv")
                    .save_file();
                if let Some(path) = picked {
                    match Store::export(&path, &crate::history::to_csv(&self.records, self.settings.lang)) {
                        Ok(()) => self
                            .notices
                            .push(fill(strings(self.settings.lang).saved_to, &[("path", &path.display().to_string())])),
                        Err(err) => self.report(err.to_string()),
                    }
                }
            }
            _ => {}
        }
    }

    /// Settings: applied at once and saved.
    fn apply_setting(&mut self, command: &Command) {
        match *command {
            Command::SetLang(lang) => {
                self.settings.lang = lang;
                self.sound_settings.set(self.settings.sound, lang);
                self.persist_settings();
            }
            Command::SetSound(sound) => {
                self.settings.sound = sound;
                self.sound_settings.set(sound, self.settings.lang);
                self.persist_settings();
            }
            Command::SetTextScale(scale) => {
                self.settings.text_scale = scale.clamp(0.8, 2.0);
                self.persist_settings();
            }
            Command::SetReduceMotion(reduce) => {
                self.settings.reduce_motion = reduce;
                self.persist_settings();
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                self.persist_settings();
            }
            Command::ForgetAnswers => {
                self.last_answers = Answers::new();
                self.settings.answers_given_unix_secs = None;
                self.persist_settings();
            }
            _ => {}
        }
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::ShowTab(tab) => {
                self.tab = tab;
                self.screen = Screen::Main;
            }
            Command::SetLang(_)
            | Command::SetTextScale(_)
            | Command::SetReduceMotion(_)
            | Command::SetSound(_)
            | Command::SetTheme(_)
            | Command::ForgetAnswers => self.apply_setting(&command),
            Command::StartSession { pain_before } => {
                let Screen::Outcome(OutcomeState { clearance: Clearance::Cleared(cleared), .. }, _) = &self.screen
                else {
                    return;
                };
                let cleared = (**cleared).clone();
                let missed = Arc::new(AtomicUsize::new(0));
                let mut sinks: Vec<Box<dyn CueSink>> =
                    vec![Box::new(RepaintSink { ctx: ctx.clone(), missed: Arc::clone(&missed) })];
                if let Some(audio) = &self.audio {
                    audio.handle().prepare();
                    let sound =
                        SessionSound::new(cleared.routine().clone(), self.sound_settings.clone(), audio.handle());
                    sinks.push(Box::new(sound));
                }
                let driver = SessionDriver::start(&cleared, Arc::clone(&self.clock), sinks);
                let player = PlayerState { driver, cleared, pain_before, started_unix_secs: unix_now_secs(), missed };
                self.screen = Screen::Player(Box::new(player));
            }
            Command::Session(session_command) => {
                if let Screen::Player(player) = &self.screen {
                    player.driver.command(session_command);
                }
                self.finish_session_if_over();
            }
            Command::FinishSession { pain_after } => {
                if let Screen::End(end) = &self.screen {
                    let started = end.record.started_unix_secs;
                    if let Some(record) =
                        self.records.iter_mut().rev().find(|record| record.started_unix_secs == started)
                    {
                        record.pain_after = pain_after;
                    }
                    self.persist_history();
                }
                self.screen = Screen::Main;
            }
            Command::Prepare(routine) => {
                let answers = self.prefilled_answers();
                let prefilled = answers.iter().next().is_some();
                self.screen = Screen::Gate(GateState { routine: *routine, answers, prefilled });
            }
            Command::QuickPress(code) => {
                if let Some(routine) = self.quick_press_routine(&code) {
                    self.apply(Command::Prepare(Box::new(routine)), ctx);
                }
            }
            Command::ConfirmAnswers(answers) => {
                let Screen::Gate(gate) = &self.screen else { return };
                let routine = gate.routine.clone();
                let clearance = evaluate(&routine, &self.catalog, &answers);
                self.last_answers = answers.clone();
                self.settings.answers_given_unix_secs = Some(unix_now_secs());
                self.persist_settings();
                self.screen = Screen::Outcome(OutcomeState { routine, clearance, pain_before: None }, answers);
            }
            Command::EditAnswers => {
                if let Screen::Outcome(outcome, answers) = &self.screen {
                    let gate =
                        GateState { routine: outcome.routine.clone(), answers: answers.clone(), prefilled: false };
                    self.screen = Screen::Gate(gate);
                }
            }
            Command::Cancel => self.screen = Screen::Main,
            Command::DismissNotices => self.notices.clear(),
            Command::ImportPick
            | Command::ImportFile(_)
            | Command::ImportResolve(_)
            | Command::CloseDialog
            | Command::NewRoutine
            | Command::EditRoutine(..)
            | Command::SaveDraft(..)
            | Command::ExportRoutine(_)
            | Command::ExportHistoryCsv => self.apply_library(command),
        }
        ctx.request_repaint();
    }
}

fn theme_preference(theme: Theme) -> egui::ThemePreference {
    match theme {
        Theme::System => egui::ThemePreference::System,
        Theme::Light => egui::ThemePreference::Light,
        Theme::Dark => egui::ThemePreference::Dark,
    }
}

impl eframe::App for AcupressApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A session interrupted by closing the window is still recorded, as stopped.
        self.stop_and_record();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;
    use crate::safety::Answers;
    use crate::session::Session;

    /// Simulates the repaints a running session schedules and returns them per second.
    fn repaints_per_second(breathing: crate::breathing::BreathingPattern, reduce_motion: bool) -> f64 {
        let catalog = bundled::catalog().unwrap();
        let mut routine = bundled::valid_routines(&catalog).unwrap().swap_remove(3);
        routine.breathing = breathing;
        for step in &mut routine.steps {
            step.breathing = None;
        }
        let Clearance::Cleared(cleared) = evaluate(&routine, &catalog, &Answers::all_no()) else { panic!() };
        let session = Session::start(&cleared, Duration::ZERO);
        let span = Duration::from_secs(120);
        let mut now = Duration::ZERO;
        let mut frames = 0u32;
        while now < span {
            now += next_repaint(&session.status(now), reduce_motion);
            frames += 1;
        }
        f64::from(frames) / span.as_secs_f64()
    }

    #[test]
    fn reduced_motion_repaints_at_most_twice_a_second() {
        for pattern in crate::breathing::BreathingPattern::ALL {
            let rate = repaints_per_second(pattern, true);
            assert!(rate <= 2.0, "{pattern:?}: {rate} per second");
            assert!(rate >= 0.9, "{pattern:?}: the countdown must still move every second ({rate})");
        }
    }

    #[test]
    fn animation_stays_at_or_under_thirty_per_second() {
        let rate = repaints_per_second(crate::breathing::BreathingPattern::SlowPaced, false);
        assert!((19.0..=30.0).contains(&rate), "{rate}");
    }
}
