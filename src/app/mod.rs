//! The desktop app: a thin shell that wires the core, the services and the screens together.
//!
//! It holds which screen is shown, draws it, and applies the commands the screen returns, once
//! per frame. The work is done elsewhere: the session controller (`session`) runs a session
//! and records it; the library service (`library`) imports and saves routines; `store` owns the
//! disk, `audio` the sound, `effects` the file dialogs. It never repaints while nothing changes.

mod apply;
pub mod effects;
pub mod library;
pub mod notices;
mod repaint;
pub mod session;

use std::sync::Arc;
use std::time::Duration;

use jiff::tz::TimeZone;

use self::effects::{Dialogs, NativeDialogs};
use self::library::Library;
use self::notices::Notice;
use self::session::SessionController;
use crate::audio::{AudioStatus, SharedSoundSettings, Speaker};
use crate::catalog::Catalog;
use crate::clock::Clock;
use crate::history::SessionRecord;
use crate::routine::Routine;
use crate::safety::Answers;
use crate::session::Status;
use crate::settings::{Settings, Theme};
use crate::store::{HistoryKeeper, Store};
use crate::text::Lang;
use crate::ui::editor::EditorState;
use crate::ui::end::EndState;
use crate::ui::gate::{GateState, OutcomeState};
use crate::ui::home::HomeState;
use crate::ui::library::LibraryState;
use crate::ui::strings::strings;
use crate::ui::{Command, Tab, UiContext};

pub use repaint::{ANIMATED_REPAINT, next_repaint};

/// Before the clock starts: the stop rules, how to press and the first point are shown and
/// spoken, and the person begins when ready.
#[derive(Clone)]
struct ReadyState {
    cleared: crate::safety::ClearedRoutine,
    pain_before: crate::history::PainRating,
}

/// The screen shown.
enum Screen {
    Main,
    Gate(GateState),
    Outcome(OutcomeState, Answers),
    Ready(Box<ReadyState>),
    Player(Box<SessionController>),
    End(EndState),
    Editor(Box<EditorState>),
    About(crate::ui::about::AboutState),
}

/// What was last applied to the egui context, so it is applied again only on a change.
#[derive(Default)]
struct Applied {
    scale: Option<f32>,
    theme: Option<Theme>,
}

/// The whole app.
pub struct AcupressApp {
    catalog: Catalog,
    library: Library,
    settings: Settings,
    system_lang: Lang,
    clock: Arc<dyn Clock>,
    zone: TimeZone,
    store: Option<Arc<Store>>,
    history: HistoryKeeper,
    audio: Option<Box<dyn Speaker>>,
    sound_settings: SharedSoundSettings,
    dialogs: Box<dyn Dialogs>,
    /// Things to tell the person, shown until dismissed.
    notices: Vec<Notice>,
    tab: Tab,
    home: HomeState,
    library_view: LibraryState,
    screen: Screen,
    applied: Applied,
}

impl AcupressApp {
    /// A new app with the given content, settings and clock; English unless the settings say
    /// otherwise, dates in UTC, no data folder, no sound, the system's file dialogs.
    pub fn new(catalog: Catalog, routines: Vec<Routine>, settings: Settings, clock: Arc<dyn Clock>) -> Self {
        let system_lang = Lang::En;
        let sound_settings = SharedSoundSettings::new(settings.sound, settings.lang_or(system_lang));
        AcupressApp {
            catalog,
            library: Library::new(routines),
            settings,
            system_lang,
            clock,
            zone: TimeZone::UTC,
            store: None,
            history: HistoryKeeper::new(Vec::new(), None),
            audio: None,
            sound_settings,
            dialogs: Box::new(NativeDialogs),
            notices: Vec::new(),
            tab: Tab::BodyMap,
            home: HomeState::default(),
            library_view: LibraryState::default(),
            screen: Screen::Main,
            applied: Applied::default(),
        }
    }

    /// Follows `lang` when the person has not chosen a language.
    #[must_use]
    pub fn with_system_lang(mut self, lang: Lang) -> Self {
        self.system_lang = lang;
        self.sync_sound_settings();
        self
    }

    /// Shows days and weeks in `zone` (the system's, in the real app).
    #[must_use]
    pub fn with_time_zone(mut self, zone: TimeZone) -> Self {
        self.zone = zone;
        self
    }

    /// Asks for files with `dialogs` (scripted ones in tests).
    #[must_use]
    pub fn with_dialogs(mut self, dialogs: impl Dialogs + 'static) -> Self {
        self.dialogs = Box::new(dialogs);
        self
    }

    /// Keeps settings, history and the person's routines in `store`, loading what is there.
    /// Files that cannot be used are kept (aside, or untouched) and reported.
    #[must_use]
    pub fn with_store(mut self, store: Store) -> Self {
        let now = self.clock.wall_unix_secs();
        let (settings, notice) = store.load_settings(now);
        self.report_all(notice.map(Notice::File));
        self.settings = settings;
        self.sync_sound_settings();
        let (history, notice) = store.load_history(now);
        self.report_all(notice.map(Notice::File));
        let notices = self.library.load_from(&store, &self.catalog);
        self.report_all(notices);
        if store.is_read_only() {
            self.report(Notice::ReadOnlyInstance);
        }
        let store = Arc::new(store);
        self.history = HistoryKeeper::new(history.sessions, Some(Arc::clone(&store)));
        self.store = Some(store);
        self
    }

    /// Plays sound through `audio` (the rodio output, or a recording in tests).
    #[must_use]
    pub fn with_audio(mut self, audio: impl Speaker + 'static) -> Self {
        self.audio = Some(Box::new(audio));
        self
    }

    /// Whether sound reaches a device (`None` without audio output).
    pub fn audio_status(&self) -> Option<AudioStatus> {
        self.audio.as_ref().map(|audio| audio.status())
    }

    /// Things the person is being told.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Tells the person something (until dismissed), and writes it to the log.
    pub fn report(&mut self, notice: Notice) {
        use std::io::Write as _;
        // The log is best effort: a closed standard error must not stop the app.
        let _ = writeln!(std::io::stderr(), "acupress: {notice}");
        self.notices.push(notice);
    }

    fn report_all(&mut self, notices: impl IntoIterator<Item = Notice>) {
        for notice in notices {
            self.report(notice);
        }
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The language shown.
    pub fn lang(&self) -> Lang {
        self.settings.lang_or(self.system_lang)
    }

    fn sync_sound_settings(&self) {
        self.sound_settings.set(self.settings.sound, self.lang());
    }

    /// The sessions recorded, oldest first.
    pub fn records(&self) -> Vec<SessionRecord> {
        self.history.records()
    }

    /// Waits until the history is on disk (`false` after `timeout`).
    pub fn flush_history(&self, timeout: Duration) -> bool {
        self.history.flush(timeout)
    }

    /// Opens the given main tab.
    pub fn show_tab(&mut self, tab: Tab) {
        self.tab = tab;
    }

    /// Whether a session is being played.
    pub fn in_session(&self) -> bool {
        matches!(self.screen, Screen::Player(_))
    }

    /// The running session's status, if any.
    pub fn session_status(&self) -> Option<Status> {
        match &self.screen {
            Screen::Player(player) => Some(player.status()),
            _ => None,
        }
    }

    /// Wakes the session's timer thread and waits until it has handled every cue due by the
    /// clock's time (`true` without a session; `false` after `timeout`). For tests and
    /// simulations that move a manual clock.
    pub fn catch_up_session(&self, timeout: Duration) -> bool {
        match &self.screen {
            Screen::Player(player) => player.wait_until_caught_up(timeout),
            _ => true,
        }
    }

    /// Imports a routine file (as when it is opened with acupress, dropped on the window or
    /// chosen with Import).
    pub fn import_file(&mut self, path: &std::path::Path) {
        let notices = self.library.import(path, self.store.as_deref(), &self.catalog);
        self.report_all(notices);
        if matches!(self.library.dialog, Some(crate::ui::import::ImportDialog::Imported { .. })) {
            self.tab = Tab::Library;
        }
    }

    /// Stops a running session (for example when the window closes); it is recorded as stopped.
    pub fn stop_and_record(&mut self) {
        if let Screen::Player(player) = &self.screen {
            player.command(crate::driver::SessionCommand::Stop);
        }
        self.finish_session_if_over();
        self.history.flush(Duration::from_secs(5));
    }

    /// Draws one frame.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.apply_look(ui.ctx());
        self.finish_session_if_over();
        if let Some(err) = self.history.take_error() {
            self.report(Notice::not_saved(&err));
        }
        let dropped: Vec<std::path::PathBuf> =
            ui.ctx().input(|input| input.raw.dropped_files.iter().map(|file| file.path().to_owned()).collect());
        let lang = self.lang();
        let records =
            if matches!((&self.screen, self.tab), (Screen::Main, Tab::History)) { self.records() } else { Vec::new() };
        let ctx = UiContext {
            catalog: &self.catalog,
            routines: self.library.routines(),
            lang,
            t: strings(lang),
            reduce_motion: self.settings.reduce_motion,
            user_routine_ids: self.library.user_ids(),
            zone: &self.zone,
        };
        let tab = matches!(self.screen, Screen::Main).then_some(self.tab);
        let no_sound = self.audio_status() == Some(AudioStatus::NoDevice);
        let mut commands = crate::ui::top_bar::top_bar_ui(ui, &ctx, tab, &self.settings, no_sound);
        commands.extend(crate::ui::notices::notices_ui(ui, &ctx, &self.notices));
        commands.extend(apply::draw_screen(
            ui,
            &ctx,
            &mut self.screen,
            self.tab,
            &mut self.home,
            &mut self.library_view,
            &records,
            self.settings.reduce_motion,
        ));
        if let Some(dialog) = &self.library.dialog {
            commands.extend(crate::ui::import::import_dialog_ui(ui, &ctx, dialog));
        }
        crate::ui::drop_overlay::drop_overlay_ui(ui, &ctx);
        commands.extend(dropped.into_iter().map(Command::ImportFile));
        for command in commands {
            self.apply(command, ui.ctx());
        }
    }

    /// Fonts, text size and theme, applied when they change.
    fn apply_look(&mut self, ctx: &egui::Context) {
        if self.applied.scale.is_none() {
            egui_extras::install_image_loaders(ctx);
            crate::ui::theme::install_fonts(ctx);
        }
        if self.applied.theme != Some(self.settings.theme) {
            ctx.set_theme(match self.settings.theme {
                Theme::System => egui::ThemePreference::System,
                Theme::Light => egui::ThemePreference::Light,
                Theme::Dark => egui::ThemePreference::Dark,
            });
            self.applied.theme = Some(self.settings.theme);
        }
        if self.applied.scale != Some(self.settings.text_scale) {
            ctx.set_zoom_factor(self.settings.text_scale);
            self.applied.scale = Some(self.settings.text_scale);
        }
    }

    /// Moves from the player to the end screen once the session has ended (it is already
    /// recorded: the session controller wrote it when it ended).
    fn finish_session_if_over(&mut self) {
        let Screen::Player(player) = &self.screen else { return };
        if let Some(record) = player.finished_record() {
            let index = player.record_index();
            self.screen = Screen::End(EndState { record, index, pain_after: None });
        }
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
