//! Desktop notifications: the only code that knows `notify-rust`. Behind [`Notifier`], so the
//! reminders can be tested with a [`RecordingNotifier`].
//!
//! A notification is shown and waited on off the UI thread (a notification daemon may be slow
//! or absent); without one, nothing is shown and nothing fails.

use std::sync::{Arc, Mutex, PoisonError};

/// What to do when the person acts on a notification (clicks it or its button).
pub type OnClick = Box<dyn FnOnce() + Send>;

/// Shows desktop notifications.
pub trait Notifier: Send + Sync {
    /// Shows a notification with `title` and `body`; `on_click` runs (on any thread) if the
    /// person acts on it.
    fn show(&self, title: &str, body: &str, action: &str, on_click: OnClick);
}

/// The system's notifications, through `notify-rust`.
#[derive(Debug, Default)]
pub struct DesktopNotifier;

impl Notifier for DesktopNotifier {
    fn show(&self, title: &str, body: &str, action: &str, on_click: OnClick) {
        let (title, body, action) = (title.to_owned(), body.to_owned(), action.to_owned());
        // Showing can block (a daemon being started) and waiting always does: its own thread.
        let spawned = std::thread::Builder::new().name("acupress-notification".into()).spawn(move || {
            let mut notification = notify_rust::Notification::new();
            // On Windows no app id is set: an id that no installer registered shows no toast at
            // all, while notify-rust's default (PowerShell's) always shows.
            notification.appname("acupress").summary(&title).body(&body).action("default", &action);
            let Ok(handle) = notification.show() else { return };
            // Windows reports a click on the toast itself only as a response; elsewhere (D-Bus,
            // macOS) the click is the "default" action.
            #[cfg(target_os = "windows")]
            {
                let _ = handle.wait_for_response(|response: &notify_rust::NotificationResponse| {
                    if matches!(
                        response,
                        notify_rust::NotificationResponse::Default | notify_rust::NotificationResponse::Action(_)
                    ) {
                        on_click();
                    }
                });
            }
            #[cfg(not(target_os = "windows"))]
            handle.wait_for_action(|action| {
                if action != "__closed" {
                    on_click();
                }
            });
        });
        // Without a thread there is no notification: the reminder shows in the window anyway.
        drop(spawned);
    }
}

/// A notification that a [`RecordingNotifier`] was asked to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// Its title.
    pub title: String,
    /// Its text.
    pub body: String,
}

/// Records notifications instead of showing them; a test can then "click" one.
#[derive(Clone, Default)]
pub struct RecordingNotifier {
    shown: Arc<Mutex<Vec<ShownWithClick>>>,
}

type OnClickCell = Arc<Mutex<Option<OnClick>>>;
type ShownWithClick = (Shown, Option<OnClickCell>);

impl RecordingNotifier {
    /// A notifier that shows nothing and remembers everything.
    pub fn new() -> Self {
        Self::default()
    }

    /// What was shown, oldest first.
    pub fn shown(&self) -> Vec<Shown> {
        self.shown.lock().unwrap_or_else(PoisonError::into_inner).iter().map(|(shown, _)| shown.clone()).collect()
    }

    /// Acts on the `index`th notification, as a click would.
    pub fn click(&self, index: usize) {
        let cell =
            self.shown.lock().unwrap_or_else(PoisonError::into_inner).get(index).and_then(|(_, cell)| cell.clone());
        if let Some(on_click) = cell.and_then(|cell| cell.lock().unwrap_or_else(PoisonError::into_inner).take()) {
            on_click();
        }
    }
}

impl Notifier for RecordingNotifier {
    fn show(&self, title: &str, body: &str, _action: &str, on_click: OnClick) {
        let shown = Shown { title: title.to_owned(), body: body.to_owned() };
        self.shown
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((shown, Some(Arc::new(Mutex::new(Some(on_click))))));
    }
}
