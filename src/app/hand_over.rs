//! One acupress per person, on the app's side: requests handed over by a second start (through
//! the `instance` channel) come in here; the window comes forward and the file opens exactly as
//! if it were dropped on it, once no safety questions or session are open. And a window that
//! cannot keep what is done in it (another acupress owns the data) says so, starts no
//! session, and can try again to own the data or hand over to the one that does.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use super::{AcupressApp, Screen};
use crate::instance::{Request, Serving};
use crate::store::Store;

/// Where handed-over requests wait for the window; cloned into the channel's thread.
#[derive(Clone, Default)]
pub struct Inbox {
    shared: Arc<Mutex<InboxState>>,
}

#[derive(Default)]
struct InboxState {
    requests: Vec<Request>,
    window: Option<egui::Context>,
}

impl Inbox {
    /// Queues a request and wakes the window (also when it is minimised: eframe then runs
    /// `logic`, which takes it).
    pub fn deliver(&self, request: Request) {
        let mut state = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        state.requests.push(request);
        let window = state.window.clone();
        drop(state);
        if let Some(window) = window {
            window.request_repaint_of(egui::ViewportId::ROOT);
        }
    }

    fn set_window(&self, window: &egui::Context) {
        let mut state = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        if state.window.is_none() {
            state.window = Some(window.clone());
        }
    }

    fn take(&self) -> Vec<Request> {
        std::mem::take(&mut self.shared.lock().unwrap_or_else(PoisonError::into_inner).requests)
    }
}

/// Why what is done in this window would not be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotKept {
    /// Another acupress owns the person's data (on another screen, or started in another way).
    OtherOwner,
    /// Another acupress is open but did not answer.
    NoAnswer,
}

/// What trying again gave.
pub enum Retried {
    /// The running acupress took over: this window closes.
    HandedOver,
    /// This window now owns the data (and, when there is one, the channel).
    Owner(Store, Option<Serving>),
    /// Still not: the reason.
    Still(NotKept),
}

/// Tries again to own the data or hand over to the acupress that owns it (the real app's
/// channel and folders; scripted in tests).
pub trait Ownership {
    /// One try; requests for a channel this window comes to own go to `inbox`.
    fn try_again(&mut self, inbox: &Inbox) -> Retried;
}

/// Files waiting to be imported, and the request state of the window.
#[derive(Default)]
pub(super) struct HandOver {
    pub(super) inbox: Inbox,
    /// Files handed over or dropped, imported one at a time when nothing else is open.
    pub(super) pending: VecDeque<PathBuf>,
    /// Set when what is done here would not be kept.
    pub(super) not_kept: Option<NotKept>,
    /// Shown after the person tried to start a session in a window that cannot keep it.
    pub(super) refused_session: bool,
    pub(super) ownership: Option<Box<dyn Ownership>>,
    /// The channel this window serves, kept for as long as it runs.
    pub(super) serving: Option<Serving>,
}

impl AcupressApp {
    /// Where a second start's requests go: pass its [`Inbox::deliver`] to the channel.
    pub fn inbox(&self) -> Inbox {
        self.hand_over.inbox.clone()
    }

    /// Serves the channel for as long as the app runs.
    #[must_use]
    pub fn serving(mut self, serving: Serving) -> Self {
        self.hand_over.serving = Some(serving);
        self
    }

    /// Marks this window as one whose work would not be kept (another acupress that does not
    /// answer), with a way to try again.
    #[must_use]
    pub fn not_kept(mut self, reason: NotKept) -> Self {
        self.hand_over.not_kept = Some(reason);
        self
    }

    /// How "Try again" reaches the channel and the data.
    #[must_use]
    pub fn with_ownership(mut self, ownership: impl Ownership + 'static) -> Self {
        self.hand_over.ownership = Some(Box::new(ownership));
        self
    }

    /// Whether what is done in this window would be lost: then no session starts.
    pub fn is_not_kept(&self) -> Option<NotKept> {
        self.hand_over.not_kept
    }

    /// Queues a file to import, as when it is dropped on the window or handed over.
    pub(super) fn queue_import(&mut self, path: PathBuf) {
        self.hand_over.pending.push_back(path);
    }

    /// Takes what a second start handed over: the window comes forward unless it was only
    /// asked to run minimised, and the files wait their turn.
    pub(super) fn take_handed_over(&mut self, ctx: &egui::Context) {
        self.hand_over.inbox.set_window(ctx);
        for request in self.hand_over.inbox.take() {
            if !request.minimised || request.file.is_some() {
                bring_forward(ctx);
            }
            if let Some(file) = request.file {
                self.queue_import(file);
            }
        }
    }

    /// Opens the next waiting import when no safety questions, session or other import are
    /// open (they come first: a file arriving mid-session waits for its end).
    pub(super) fn open_waiting_import(&mut self) {
        let busy = matches!(
            self.screen,
            Screen::Gate(_) | Screen::Outcome(..) | Screen::Ready(_) | Screen::Player(..) | Screen::End(_)
        ) || self.import_dialog.is_some();
        if busy {
            return;
        }
        if let Some(path) = self.hand_over.pending.pop_front() {
            self.import_file(&path);
        }
    }

    /// Tries again to own the data or to hand over to the acupress that owns it.
    pub(super) fn try_again_to_own(&mut self, ctx: &egui::Context) {
        let inbox = self.hand_over.inbox.clone();
        let Some(ownership) = self.hand_over.ownership.as_mut() else { return };
        match ownership.try_again(&inbox) {
            Retried::HandedOver => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Retried::Owner(store, serving) => {
                self.hand_over.serving = serving;
                self.take_over(store);
            }
            Retried::Still(reason) => self.hand_over.not_kept = Some(reason),
        }
    }

    /// This window now owns the data: load it as at a start, remind, and keep sessions.
    fn take_over(&mut self, store: Store) {
        self.attach_store(store);
        if self.store.as_ref().is_some_and(|store| !store.is_read_only()) {
            self.hand_over.not_kept = None;
            self.hand_over.refused_session = false;
            self.start_reminders();
        } else {
            self.hand_over.not_kept = Some(NotKept::OtherOwner);
        }
    }
}

/// Shows, restores and raises the window. Wayland lets no program raise itself: there the
/// window asks for attention instead (the desktop shows it as ready).
fn bring_forward(ctx: &egui::Context) {
    ctx.send_viewport_cmd(egui::ViewportCommand::Visible(true));
    ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
    ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
    #[cfg(target_os = "linux")]
    if std::env::var_os("WAYLAND_DISPLAY").is_some() {
        ctx.send_viewport_cmd(egui::ViewportCommand::RequestUserAttention(egui::UserAttentionType::Informational));
    }
    ctx.request_repaint();
}
