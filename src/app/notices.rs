//! What the app tells the person about their files and their saves, as values: the screen
//! words them in the person's language when it draws them (`ui::notices`).

use std::path::PathBuf;

use crate::source::Diagnostic;
use crate::store::{self, StoreError};

/// Why something was not saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// Another acupress window owns the data.
    ReadOnly,
    /// The file could not be read at start, so it is not written over.
    Protected,
    /// The operating system refused (full disk, permissions, …).
    Io {
        /// The kind of refusal.
        kind: std::io::ErrorKind,
        /// The operating system's words (for the log).
        detail: String,
    },
}

/// One thing to tell the person, shown until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A file of theirs could not be used as it is (and what was done to keep it).
    File(store::Notice),
    /// A routine in their library does not load.
    RoutineInvalid {
        /// The file.
        path: PathBuf,
        /// Its first problem.
        first: Box<Diagnostic>,
    },
    /// Something could not be saved.
    NotSaved {
        /// The file, when known.
        path: Option<PathBuf>,
        /// Why.
        failure: SaveFailure,
    },
    /// An export was written.
    Saved(PathBuf),
    /// The id chosen in the editor belongs to another routine.
    IdTaken(String),
    /// Another acupress window is open: this one only reads.
    ReadOnlyInstance,
    /// No folder for settings and history: nothing will be kept.
    NoDataFolder,
}

impl Notice {
    /// The notice for a failed save.
    pub fn not_saved(err: &StoreError) -> Notice {
        let (path, failure) = match err {
            StoreError::Io { path, source } => {
                (Some(path.clone()), SaveFailure::Io { kind: source.kind(), detail: source.to_string() })
            }
            StoreError::ReadOnly => (None, SaveFailure::ReadOnly),
            StoreError::Protected(path) => (Some(path.clone()), SaveFailure::Protected),
            StoreError::NoHome => {
                (None, SaveFailure::Io { kind: std::io::ErrorKind::NotFound, detail: err.to_string() })
            }
        };
        Notice::NotSaved { path, failure }
    }
}

impl std::fmt::Display for Notice {
    /// The notice in English for the log (standard error).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::File(notice) => write!(f, "{notice}"),
            Notice::RoutineInvalid { path, first } => write!(f, "{}:{first}", path.display()),
            Notice::NotSaved { path, failure } => {
                let path = path.as_ref().map_or_else(String::new, |path| format!("{}: ", path.display()));
                match failure {
                    SaveFailure::ReadOnly => write!(f, "{path}not saved: another acupress window owns the data"),
                    SaveFailure::Protected => write!(f, "{path}not saved: the file could not be read at start"),
                    SaveFailure::Io { detail, .. } => write!(f, "{path}not saved: {detail}"),
                }
            }
            Notice::Saved(path) => write!(f, "saved to {}", path.display()),
            Notice::IdTaken(id) => write!(f, "the id \"{id}\" is already used"),
            Notice::ReadOnlyInstance => write!(f, "acupress is already open; this window only reads"),
            Notice::NoDataFolder => write!(f, "no data folder: settings and history will not be saved"),
        }
    }
}
