//! The app's effects that wait on the person outside the window: the system's file dialogs.
//! Behind a trait so the flows that use them (import, export) are tested with scripted answers.

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

/// Asks the person for a file.
pub trait Dialogs {
    /// A file to open; `None` when the person cancels.
    fn open(&mut self, kind: FileKind) -> Option<PathBuf>;
    /// Where to save, starting from `suggested_name`; `None` when the person cancels.
    fn save_as(&mut self, kind: FileKind, suggested_name: &str) -> Option<PathBuf>;
}

/// The system's own dialogs (through rfd; a portal on Linux).
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn open(&mut self, kind: FileKind) -> Option<PathBuf> {
        let (name, extensions) = kind.filter();
        rfd::FileDialog::new().add_filter(name, extensions).pick_file()
    }

    fn save_as(&mut self, kind: FileKind, suggested_name: &str) -> Option<PathBuf> {
        let (name, extensions) = kind.filter();
        rfd::FileDialog::new().add_filter(name, extensions).set_file_name(suggested_name).save_file()
    }
}

/// Dialogs that answer from a script, for tests: each question takes the next answer (and
/// `None`, the person cancelling, when the script has run out).
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    answers: VecDeque<Option<PathBuf>>,
    /// What was asked, in order: (kind, suggested name; empty for open).
    pub asked: Vec<(FileKind, String)>,
}

impl ScriptedDialogs {
    /// Dialogs that give these answers in turn.
    pub fn new(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        Self { answers: answers.into_iter().collect(), asked: Vec::new() }
    }
}

impl Dialogs for ScriptedDialogs {
    fn open(&mut self, kind: FileKind) -> Option<PathBuf> {
        self.asked.push((kind, String::new()));
        self.answers.pop_front().flatten()
    }

    fn save_as(&mut self, kind: FileKind, suggested_name: &str) -> Option<PathBuf> {
        self.asked.push((kind, suggested_name.to_owned()));
        self.answers.pop_front().flatten()
    }
}
