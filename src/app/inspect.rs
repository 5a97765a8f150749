//! What tests, simulations and `main` read from the app, and one door in: [`AcupressApp::send`],
//! which applies a command exactly as if a screen had sent it (never a way around the commands).

use std::time::Duration;

use super::{AcupressApp, Screen};
use crate::audio::AudioStatus;
use crate::history::SessionRecord;
use crate::notices::Notice;
use crate::session::Status;
use crate::settings::Settings;
use crate::ui::Tab;

impl AcupressApp {
    /// Applies `command` as if a screen had asked for it: for scripted walks through the app
    /// (layout checks, screenshots) that must not depend on the words of one language.
    pub fn send(&mut self, command: crate::ui::Command, ctx: &egui::Context) {
        self.apply(command, ctx);
    }

    /// Looks at the reminders now (without a reminder thread: see
    /// [`AcupressApp::with_reminders`]); returns what was shown.
    pub fn check_reminders(&self) -> Option<crate::program::ReminderNotice> {
        self.reminders.as_ref()?.check()
    }

    /// Whether sound reaches a device (`None` without audio output).
    pub fn audio_status(&self) -> Option<AudioStatus> {
        self.audio.as_ref().map(|audio| audio.status())
    }

    /// The routines in the library, bundled first.
    pub fn library_routines(&self) -> &[crate::routine::Routine] {
        self.library.routines()
    }

    /// Things the person is being told.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The sessions recorded, oldest first.
    pub fn records(&self) -> std::sync::Arc<Vec<SessionRecord>> {
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

    /// Shows the body map at `view`, with the complaint filter `filter` and the point `selected`
    /// (as the person would by choosing them), for screenshots and tests.
    pub fn show_body_map(
        &mut self,
        view: crate::catalog::View,
        filter: Option<crate::catalog::Complaint>,
        selected: Option<crate::catalog::PointCode>,
    ) {
        self.tab = Tab::BodyMap;
        self.home.view = view;
        self.home.filter = filter;
        self.home.selected = selected;
    }

    /// Whether a session is being played.
    pub fn in_session(&self) -> bool {
        matches!(self.screen, Screen::Player(..))
    }

    /// The running session's status, if any.
    pub fn session_status(&self) -> Option<Status> {
        match &self.screen {
            Screen::Player(player, _) => Some(player.status()),
            _ => None,
        }
    }

    /// Wakes the session's timer thread and waits until it has handled every cue due by the
    /// clock's time (`true` without a session; `false` after `timeout`). For tests and
    /// simulations that move a manual clock.
    pub fn catch_up_session(&self, timeout: Duration) -> bool {
        match &self.screen {
            Screen::Player(player, _) => player.wait_until_caught_up(timeout),
            _ => true,
        }
    }
}
