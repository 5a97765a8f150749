//! The desktop app: a thin shell that wires the core, the services and the screens together.
//!
//! It holds which screen is shown, draws it, and applies the commands the screen returns, once
//! per frame. The work is done elsewhere: the session controller (`session`) runs a session
//! and records it; the library service (`library`) imports and saves routines; `store` owns the
//! disk, `audio` the sound, `effects` the file dialogs. It never repaints while nothing changes.

mod apply;
mod chooser;
pub mod effects;
mod frame;
mod hand_over;
mod inspect;
pub mod library;
mod overview;
mod program;
mod repaint;
mod screen;
pub mod session;

use std::sync::Arc;
use std::time::Duration;

use jiff::tz::TimeZone;

use self::effects::{Dialogs, NativeDialogs};
use self::library::Library;
use crate::audio::{SharedSoundSettings, Speaker};
use crate::catalog::Catalog;
use crate::clock::Clock;
use crate::notices::Notice;
use crate::routine::Routine;
use crate::settings::Settings;
use crate::store::{HistoryKeeper, Store};
use crate::text::Lang;
use crate::ui::Tab;
use crate::ui::end::EndState;
use crate::ui::home::HomeState;
use crate::ui::library::LibraryState;

pub use hand_over::{Inbox, NotKept, Ownership, Retried};
pub use repaint::{ANIMATED_REPAINT, next_repaint};
use screen::{Applied, ReadyState, Screen};

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
    /// The import dialog, when one is open: what the last import came to.
    import_dialog: Option<crate::ui::import::ImportDialog>,
    /// Things to tell the person, shown until dismissed.
    notices: Vec<Notice>,
    tab: Tab,
    home: HomeState,
    library_view: LibraryState,
    screen: Screen,
    applied: Applied,
    /// The screen shown last frame, to notice when another opens.
    shown: Option<frame::ScreenKey>,
    /// The next screen's first control should take the keyboard focus.
    focus_request: crate::ui::FocusRequest,
    /// The routine deleted last, for Undo.
    last_deleted: Option<library::Deleted>,
    /// Whether it was the person's own (made or copied in the editor).
    last_deleted_was_own: bool,
    /// The home programs' reminders, when they are shown.
    reminders: Option<crate::reminders::Reminders>,
    /// Where reminders are shown and whether a thread watches the clock, kept to start them
    /// when this window comes to own the data later ("Try again").
    reminder_notifier: Option<(Arc<dyn crate::notify::Notifier>, bool)>,
    /// Requests from a second start, files waiting to be imported, and whether what is done
    /// here would be kept.
    hand_over: hand_over::HandOver,
    /// The app's own file chooser, when open, and what the chosen file is for.
    chooser: Option<(Box<crate::ui::file_chooser::ChooserState>, chooser::Choice)>,
    /// Whether "start at login" writes the system's login entry (the real app only).
    changes_login_items: bool,
    /// What History and the home screen show, kept until the history changes.
    overview: overview::OverviewCache,
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
            dialogs: Box::new(NativeDialogs::default()),
            import_dialog: None,
            notices: Vec::new(),
            tab: Tab::BodyMap,
            home: HomeState::default(),
            library_view: LibraryState::default(),
            screen: Screen::Main,
            applied: Applied::default(),
            shown: None,
            focus_request: crate::ui::FocusRequest::default(),
            last_deleted: None,
            last_deleted_was_own: false,
            reminders: None,
            reminder_notifier: None,
            hand_over: hand_over::HandOver::default(),
            chooser: None,
            changes_login_items: false,
            overview: overview::OverviewCache::default(),
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
        self.attach_store(store);
        self
    }

    /// Loads settings, history and routines from `store` and keeps them there. A store that
    /// only reads (another acupress owns the data) makes a window whose work is not kept.
    fn attach_store(&mut self, store: Store) {
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
            self.hand_over.not_kept = Some(NotKept::OtherOwner);
        }
        let open_folders: Vec<Notice> = store
            .open_to_others()
            .iter()
            .map(|(folder, mode)| Notice::FolderOpenToOthers { folder: folder.clone(), mode: *mode })
            .collect();
        self.report_all(open_folders);
        let store = Arc::new(store);
        self.history = HistoryKeeper::new(history.sessions, Some(Arc::clone(&store)));
        self.store = Some(store);
    }

    /// Shows reminders for the home programs through `notifier`; with `threaded`, a thread
    /// watches the clock (else [`AcupressApp::check_reminders`] looks, for tests). Call after
    /// [`AcupressApp::with_store`]: the reminders read the history it keeps. A second, read-only
    /// window shows none: the first one reminds, and only it sees every session done.
    #[must_use]
    pub fn with_reminders(mut self, notifier: Arc<dyn crate::notify::Notifier>, threaded: bool) -> Self {
        self.reminder_notifier = Some((notifier, threaded));
        self.start_reminders();
        self
    }

    /// Starts the reminders, unless another acupress owns the data (it reminds).
    fn start_reminders(&mut self) {
        if self.store.as_ref().is_some_and(|store| store.is_read_only()) || self.reminders.is_some() {
            return;
        }
        let Some((notifier, threaded)) = self.reminder_notifier.clone() else { return };
        let reminders = crate::reminders::Reminders::new(
            Arc::clone(&self.clock),
            self.zone.clone(),
            self.history.clone(),
            notifier,
        );
        let reminders = if threaded { reminders.start() } else { Ok(reminders) };
        match reminders {
            Ok(reminders) => {
                self.reminders = Some(reminders);
                self.sync_reminders();
            }
            Err(not_started) => self.report(Notice::RemindersOff(not_started.to_string())),
        }
    }

    /// Lets "start at login" change the system's login items (the installed program only).
    #[must_use]
    pub fn changing_login_items(mut self) -> Self {
        self.changes_login_items = true;
        self
    }

    /// Plays sound through `audio` (the rodio output, or a recording in tests).
    #[must_use]
    pub fn with_audio(mut self, audio: impl Speaker + 'static) -> Self {
        self.audio = Some(Box::new(audio));
        self
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

    /// The language shown.
    pub fn lang(&self) -> Lang {
        self.settings.lang_or(self.system_lang)
    }

    fn sync_sound_settings(&self) {
        self.sound_settings.set(self.settings.sound, self.lang());
    }

    /// Imports a routine file (as when it is opened with acupress, dropped on the window or
    /// chosen with Import).
    pub fn import_file(&mut self, path: &std::path::Path) {
        let outcome = self.library.import(path, self.store.as_deref(), &self.catalog);
        self.show_import(outcome);
    }

    /// Stops a running session (for example when the window closes); it is recorded as stopped.
    pub fn stop_and_record(&mut self) {
        if let Screen::Player(player, _) = &self.screen {
            player.command(crate::session::SessionCommand::Stop);
        }
        self.finish_session_if_over();
        self.history.flush(Duration::from_secs(5));
    }

    /// What runs even while the window is minimised or hidden (eframe calls it then instead of
    /// drawing): requests handed over by a second start.
    pub fn logic(&mut self, ctx: &egui::Context) {
        self.take_handed_over(ctx);
    }

    /// Draws one frame and applies what the person asked for in it.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.apply_look(ui.ctx());
        ui.ctx().accesskit_node_builder(egui::accesskit_root_id(), |root| root.set_label("acupress"));
        self.take_handed_over(ui.ctx());
        self.finish_session_if_over();
        self.open_clicked_reminders(ui.ctx());
        self.open_waiting_import();
        if let Some(err) = self.history.take_error() {
            self.report(err.notice());
        }
        for command in self.draw(ui) {
            self.apply(command, ui.ctx());
        }
    }

    /// Moves from the player to the end screen once the session has ended (it is already
    /// recorded: the session controller wrote it when it ended).
    fn finish_session_if_over(&mut self) {
        let Screen::Player(player, _) = &self.screen else { return };
        if let Some(record) = player.finished_record() {
            let index = player.record_index();
            let summary = player.summary();
            let routine = player.routine().clone();
            let activities = self.activities_due(&routine, index);
            let scores = vec![None; activities.len()];
            self.screen = Screen::End(Box::new(EndState {
                record,
                index,
                pain_after: None,
                routine,
                summary,
                activities,
                scores,
            }));
        }
    }
}

impl eframe::App for AcupressApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        AcupressApp::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A session interrupted by closing the window is still recorded, as stopped.
        self.stop_and_record();
    }
}
