//! The app's effects that wait on the person outside the window: the system's file dialogs.
//! Behind a trait so the flows that use them (import, export) are tested with scripted answers.
//!
//! A desktop may have no system file chooser at all (on Linux: no file-chooser portal and no
//! zenity, where rfd silently gives up as if the person had cancelled). The system's dialogs
//! say so ([`Chosen::NoChooser`]), and the app then shows its own chooser inside the window.

use std::collections::VecDeque;
use std::path::PathBuf;

/// Which kind of file a dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// An acupress routine (`.ron`).
    Routine,
    /// A spreadsheet (`.csv`).
    Csv,
    /// A document to print (`.pdf`).
    Pdf,
}

impl FileKind {
    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileKind::Routine => ("acupress routine", &["ron"]),
            FileKind::Csv => ("CSV", &["csv"]),
            FileKind::Pdf => ("PDF", &["pdf"]),
        }
    }
}

impl FileKind {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        self.filter().1[0]
    }
}

/// What a file dialog gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chosen {
    /// The person chose this file.
    Path(PathBuf),
    /// The person cancelled.
    Cancelled,
    /// There is no system file chooser: the app shows its own.
    NoChooser,
}

/// Asks the person for a file.
pub trait Dialogs {
    /// A file to open.
    fn open(&mut self, kind: FileKind) -> Chosen;
    /// Where to save, starting from `suggested_name`.
    fn save_as(&mut self, kind: FileKind, suggested_name: &str) -> Chosen;
}

/// The system's own dialogs (through rfd; a portal on Linux).
#[derive(Debug, Default)]
pub struct NativeDialogs {
    /// Whether the system has a file chooser, once looked at.
    available: Option<bool>,
}

impl NativeDialogs {
    fn available(&mut self) -> bool {
        *self.available.get_or_insert_with(system_has_a_file_chooser)
    }
}

impl Dialogs for NativeDialogs {
    fn open(&mut self, kind: FileKind) -> Chosen {
        if !self.available() {
            return Chosen::NoChooser;
        }
        let (name, extensions) = kind.filter();
        rfd::FileDialog::new().add_filter(name, extensions).pick_file().map_or(Chosen::Cancelled, Chosen::Path)
    }

    fn save_as(&mut self, kind: FileKind, suggested_name: &str) -> Chosen {
        if !self.available() {
            return Chosen::NoChooser;
        }
        let (name, extensions) = kind.filter();
        rfd::FileDialog::new()
            .add_filter(name, extensions)
            .set_file_name(suggested_name)
            .save_file()
            .map_or(Chosen::Cancelled, Chosen::Path)
    }
}

/// Whether rfd can show a file chooser here. On Linux it needs the desktop portal's file
/// chooser (asked over the session bus, at most two seconds) or `zenity` on the `PATH`;
/// Windows and macOS always have one.
fn system_has_a_file_chooser() -> bool {
    #[cfg(target_os = "linux")]
    {
        zenity_on_path() || portal_file_chooser()
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

#[cfg(target_os = "linux")]
fn zenity_on_path() -> bool {
    std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("zenity").is_file()))
}

/// Asks the session bus whether the desktop portal offers a file chooser (its `version`).
#[cfg(target_os = "linux")]
fn portal_file_chooser() -> bool {
    let (answer, answered) = std::sync::mpsc::channel();
    let asked = std::thread::Builder::new().name("acupress-portal-probe".into()).spawn(move || {
        let found = zbus::block_on(async {
            let connection = zbus::Connection::session().await.ok()?;
            let reply = connection
                .call_method(
                    Some("org.freedesktop.portal.Desktop"),
                    "/org/freedesktop/portal/desktop",
                    Some("org.freedesktop.DBus.Properties"),
                    "Get",
                    &("org.freedesktop.portal.FileChooser", "version"),
                )
                .await
                .ok()?;
            let version: zbus::zvariant::OwnedValue = reply.body().deserialize().ok()?;
            u32::try_from(version).ok()
        });
        let _ = answer.send(found.is_some());
    });
    asked.is_ok() && answered.recv_timeout(std::time::Duration::from_secs(2)).unwrap_or(false)
}

/// Dialogs that answer from a script, for tests: each question takes the next answer (and
/// the person cancelling when the script has run out).
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    answers: VecDeque<Chosen>,
    /// What was asked, in order: (kind, suggested name; empty for open).
    pub asked: Vec<(FileKind, String)>,
}

impl ScriptedDialogs {
    /// Dialogs that give these answers in turn (`None`: the person cancels).
    pub fn new(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        let answers = answers.into_iter().map(|answer| answer.map_or(Chosen::Cancelled, Chosen::Path)).collect();
        Self { answers, asked: Vec::new() }
    }

    /// A desktop without a system file chooser: every question gets [`Chosen::NoChooser`].
    pub fn without_a_chooser(questions: usize) -> Self {
        Self { answers: std::iter::repeat_n(Chosen::NoChooser, questions).collect(), asked: Vec::new() }
    }

    fn next(&mut self) -> Chosen {
        self.answers.pop_front().unwrap_or(Chosen::Cancelled)
    }
}

impl Dialogs for ScriptedDialogs {
    fn open(&mut self, kind: FileKind) -> Chosen {
        self.asked.push((kind, String::new()));
        self.next()
    }

    fn save_as(&mut self, kind: FileKind, suggested_name: &str) -> Chosen {
        self.asked.push((kind, suggested_name.to_owned()));
        self.next()
    }
}
