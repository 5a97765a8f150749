//! The app's own files: settings and history, as versioned RON, every value checked on the way
//! in.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::fs_safe::read_regular;
use super::{FileProblem, ReadError};
use crate::history::SessionRecord;
use crate::settings::Settings;

/// Version of the history file this program writes.
pub(super) const HISTORY_FORMAT: u32 = 1;

/// Every session recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// File format version.
    pub format: u32,
    /// The sessions, oldest first.
    pub sessions: Vec<SessionRecord>,
}

impl Default for History {
    fn default() -> Self {
        Self { format: HISTORY_FORMAT, sessions: Vec::new() }
    }
}

fn parse<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, FileProblem> {
    let text =
        std::str::from_utf8(bytes).map_err(|err| FileProblem::Damaged { detail: format!("not UTF-8 text: {err}") })?;
    crate::source::ron_options().from_str(text).map_err(|err| FileProblem::Damaged {
        detail: format!("{}:{}: {}", err.span.start.line, err.span.start.col, err.code),
    })
}

fn write<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    // Serialising these plain structs cannot fail.
    ron::ser::to_string_pretty(value, config).unwrap_or_default() + "\n"
}

/// The format number of a file, read before anything else, so a newer file is recognised as
/// newer (not as damaged) whatever fields it has.
fn format_of(bytes: &[u8]) -> Option<u32> {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<u32>,
    }
    let text = std::str::from_utf8(bytes).ok()?;
    crate::source::ron_options().from_str::<Probe>(text).ok()?.format
}

/// Parses `bytes`, telling a file written by a newer acupress (a higher format number, maybe
/// with fields this version does not know) from a damaged one.
fn parse_versioned<T: for<'de> Deserialize<'de>>(
    bytes: &[u8],
    format: impl Fn(&T) -> u32,
    current: u32,
) -> Result<T, FileProblem> {
    match parse::<T>(bytes) {
        Ok(value) if format(&value) > current => Err(FileProblem::Newer),
        Ok(value) => Ok(value),
        Err(_) if format_of(bytes).is_some_and(|format| format > current) => Err(FileProblem::Newer),
        Err(problem) => Err(problem),
    }
}

/// Parses and checks the settings file.
pub fn parse_settings(bytes: &[u8]) -> Result<Settings, FileProblem> {
    let settings: Settings =
        parse_versioned(bytes, |settings: &Settings| settings.format, crate::settings::SETTINGS_FORMAT)?;
    settings.check().map_err(|detail| FileProblem::Damaged { detail })?;
    Ok(settings)
}

/// The settings file's text.
pub fn write_settings(settings: &Settings) -> String {
    write(settings)
}

/// Parses and checks the history file.
pub fn parse_history(bytes: &[u8]) -> Result<History, FileProblem> {
    let history: History = parse_versioned(bytes, |history: &History| history.format, HISTORY_FORMAT)?;
    for record in &history.sessions {
        record.check().map_err(|detail| FileProblem::Damaged { detail })?;
    }
    Ok(history)
}

/// The history file's text.
pub fn write_history(history: &History) -> String {
    write_sessions(&history.sessions)
}

/// The history file's text for `sessions`, without copying them.
pub(super) fn write_sessions(sessions: &[SessionRecord]) -> String {
    /// [`History`] as written, borrowing the sessions.
    #[derive(Serialize)]
    #[serde(rename = "History")]
    struct Borrowed<'a> {
        format: u32,
        sessions: &'a [SessionRecord],
    }
    write(&Borrowed { format: HISTORY_FORMAT, sessions })
}

/// Why one of the app's files could not be read (for read-only commands, which change nothing).
#[derive(Debug, Error)]
pub enum ReadOnlyError {
    /// It could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// It is damaged or newer than this acupress.
    #[error("{path}: {}", describe_problem(problem))]
    Unusable {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        problem: FileProblem,
    },
}

/// What is wrong with one of the app's files, in English (the command line says it in Dutch).
pub fn describe_problem(problem: &FileProblem) -> String {
    match problem {
        FileProblem::Newer => "written by a newer acupress; update acupress to read it".to_owned(),
        FileProblem::Damaged { detail } => format!("damaged ({detail}); the app keeps it aside when it opens"),
        FileProblem::NotRegular => "not a regular file".to_owned(),
        FileProblem::Unreadable { detail, .. } => detail.clone(),
        FileProblem::NameMismatch { id } | FileProblem::DuplicateId { id } => format!("holds \"{id}\""),
    }
}

/// Reads the history without changing anything on disk (no folders made, nothing moved): an
/// empty history when there is none, an error when it cannot be read or used.
pub fn read_history(path: &Path) -> Result<History, ReadOnlyError> {
    match read_regular(path) {
        Ok(bytes) => {
            parse_history(&bytes).map_err(|problem| ReadOnlyError::Unusable { path: path.to_owned(), problem })
        }
        Err(ReadError::Io { cause, .. }) if cause.kind() == io::ErrorKind::NotFound => Ok(History::default()),
        Err(err) => Err(err.into()),
    }
}

/// Reads the settings without changing anything on disk: the defaults when there are none, an
/// error when they cannot be read or used.
pub fn read_settings(path: &Path) -> Result<Settings, ReadOnlyError> {
    match read_regular(path) {
        Ok(bytes) => {
            parse_settings(&bytes).map_err(|problem| ReadOnlyError::Unusable { path: path.to_owned(), problem })
        }
        Err(ReadError::Io { cause, .. }) if cause.kind() == io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(err) => Err(err.into()),
    }
}

/// The person's routine files, read without changing anything (no folder is made): (path,
/// bytes), sorted by name; files that cannot be read are left out.
pub fn read_routine_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    routine_paths(dir).into_iter().filter_map(|path| read_regular(&path).ok().map(|bytes| (path, bytes))).collect()
}

/// The `.ron` files in `dir`, sorted by name; none when the folder cannot be listed.
pub(super) fn routine_paths(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("ron")))
        .collect();
    paths.sort();
    paths
}
