//! The app's own long-lived threads (the session's timer, the history writer, the reminders)
//! start in one way: named, and a thread the system will not give is an error the caller must
//! handle (the session then ticks from the window, the history says it is not being saved,
//! the reminders are checked from the window), never a silent `None`.

use std::thread::JoinHandle;

/// A thread the operating system would not start.
#[derive(Debug, thiserror::Error)]
#[error("could not start the {name} thread: {cause}")]
pub struct NotStarted {
    /// Which thread (`session`, `history`, `reminders`).
    pub name: &'static str,
    /// The operating system's reason.
    pub cause: std::io::Error,
}

/// Starts `body` on a thread named `acupress-{name}`.
pub fn start(name: &'static str, body: impl FnOnce() + Send + 'static) -> Result<JoinHandle<()>, NotStarted> {
    std::thread::Builder::new().name(format!("acupress-{name}")).spawn(body).map_err(|cause| NotStarted { name, cause })
}
