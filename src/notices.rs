//! What the app tells the person about their files and their saves, as plain values: the store
//! and the services make them, the screen words them in the person's language when it draws them
//! (`ui::notices`), and their `Display` is the English line for the log. It names neither the
//! store nor the screens, so both can use it.

use std::path::PathBuf;

use crate::source::Diagnostic;

/// What was wrong with one of the user's files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// The operating system refused to read it (permissions, a folder in its place, …).
    Unreadable {
        /// The kind of refusal.
        kind: std::io::ErrorKind,
        /// The operating system's words (for the log).
        detail: String,
    },
    /// A pipe, device or folder where a file belongs.
    NotRegular,
    /// It could not be understood, or a value in it is out of range.
    Damaged {
        /// What was wrong (for the log).
        detail: String,
    },
    /// A newer acupress wrote it.
    Newer,
    /// A routine file that holds an id another routine already has: not loaded.
    DuplicateId {
        /// The id inside the file.
        id: crate::routine::RoutineId,
    },
    /// A routine file whose name does not match the routine's id inside (it is loaded).
    NameMismatch {
        /// The id inside the file.
        id: crate::routine::RoutineId,
    },
}

/// What was done about a file with a problem: nothing the user made is lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Renamed, so it is kept and a fresh one can be written.
    MovedTo(PathBuf),
    /// Left exactly as it is, and not written during this run.
    Untouched,
}

/// A file that could not be used as it is, and what was done about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileNotice {
    /// The file.
    pub path: PathBuf,
    /// What was wrong.
    pub problem: FileProblem,
    /// What was done.
    pub kept: Kept,
}

impl std::fmt::Display for FileNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: ", self.path.display())?;
        match &self.problem {
            FileProblem::Unreadable { detail, .. } => write!(f, "cannot be read: {detail}")?,
            FileProblem::NotRegular => write!(f, "not a regular file (a folder, pipe or device)")?,
            FileProblem::Damaged { detail } => write!(f, "damaged: {detail}")?,
            FileProblem::Newer => write!(f, "written by a newer acupress")?,
            FileProblem::DuplicateId { id } => {
                write!(f, "holds the routine with id \"{id}\", which another routine has; not loaded")?;
            }
            FileProblem::NameMismatch { id } => {
                return write!(f, "holds the routine with id \"{id}\"; loaded under that id");
            }
        }
        match &self.kept {
            Kept::MovedTo(moved_to) => write!(f, " (kept as {})", moved_to.display()),
            Kept::Untouched => write!(f, " (left as it is; acupress will not change it)"),
        }
    }
}

/// Why something was not saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// Another acupress window owns the data.
    ReadOnly,
    /// The file could not be read at start, so it is not written over.
    Protected,
    /// The person made the file read-only: it is not replaced.
    ReadOnlyFile,
    /// The operating system refused (full disk, permissions, …).
    Io {
        /// The kind of refusal.
        kind: std::io::ErrorKind,
        /// The operating system's words (for the log).
        detail: String,
    },
}

/// Why a folder for the person's data cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FolderProblem {
    /// There is no home folder (HOME is not set).
    NoHome,
    /// The folder belongs to another user account (its user id, Unix).
    OtherOwner(u32),
    /// The operating system refused.
    Refused(std::io::ErrorKind),
}

/// One thing to tell the person, shown until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A file of theirs could not be used as it is (and what was done to keep it).
    File(FileNotice),
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
        /// Why, in a form each language words itself.
        failure: SaveFailure,
    },
    /// An export was written.
    Saved(PathBuf),
    /// A document could not be made (the reason, in English, for the log).
    NotMade(String),
    /// The reminders' thread could not be started: no reminders until acupress starts again
    /// (the reason, in English, for the log).
    RemindersOff(String),
    /// A routine was moved to the trash (Undo puts it back).
    Deleted {
        /// Its title.
        title: crate::text::Text,
        /// The trash folder, when there is one.
        folder: Option<PathBuf>,
    },
    /// The id chosen in the editor belongs to another routine.
    IdTaken(crate::routine::RoutineId),
    /// No usable folder for settings and history: nothing will be kept.
    NoDataFolder {
        /// The folder that could not be used (`None`: no home folder at all).
        folder: Option<PathBuf>,
        /// What is wrong with the folder.
        problem: FolderProblem,
    },
    /// One of acupress's folders was already there and other users can read it; acupress
    /// leaves it as it is.
    FolderOpenToOthers {
        /// The folder.
        folder: PathBuf,
        /// Its permission bits (Unix).
        mode: u32,
    },
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
                    SaveFailure::ReadOnlyFile => write!(f, "{path}not saved: the file is read-only"),
                    SaveFailure::Io { detail, .. } => write!(f, "{path}not saved: {detail}"),
                }
            }
            Notice::Saved(path) => write!(f, "saved to {}", path.display()),
            Notice::NotMade(reason) => write!(f, "not made: {reason}"),
            Notice::RemindersOff(reason) => write!(f, "reminders off: {reason}"),
            Notice::Deleted { title, folder } => match folder {
                Some(folder) => write!(f, "\"{}\" moved to the trash folder {}", title.en, folder.display()),
                None => write!(f, "\"{}\" deleted", title.en),
            },
            Notice::IdTaken(id) => write!(f, "the id \"{id}\" is already used"),
            Notice::NoDataFolder { folder, problem } => {
                let folder = folder.as_ref().map_or_else(String::new, |folder| format!("{}: ", folder.display()));
                match problem {
                    FolderProblem::NoHome => write!(f, "no home folder: settings and history will not be saved"),
                    FolderProblem::OtherOwner(uid) => write!(
                        f,
                        "{folder}belongs to another user (user id {uid}): settings and history will not be saved"
                    ),
                    FolderProblem::Refused(kind) => {
                        write!(f, "{folder}cannot be used ({kind}): settings and history will not be saved")
                    }
                }
            }
            Notice::FolderOpenToOthers { folder, mode } => {
                write!(f, "{}: other users can read this folder (mode {mode:o}); left as it is", folder.display())
            }
        }
    }
}
