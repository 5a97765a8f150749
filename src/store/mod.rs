//! The one module that touches the filesystem.
//!
//! Everything the app or the command line reads from or writes to disk goes through here:
//! where files live (the platform's directories, through `directories`), atomic writes, moving
//! damaged files aside instead of overwriting them, and the lock that lets one running app own
//! the user's data. It holds no knowledge of what the bytes mean beyond (de)serialising the
//! app's own files: validation of routines belongs to the core.

mod files;

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::source::MAX_FILE_BYTES;

pub use files::{History, StoredAnswers, StoredSettings, Theme};

/// A file could not be read.
#[derive(Debug, Error)]
#[error("{path}: cannot read the file: {source}")]
pub struct ReadError {
    /// The file.
    pub path: PathBuf,
    /// The operating system's reason.
    #[source]
    pub source: io::Error,
}

/// Something went wrong on disk.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Reading, writing or renaming failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: io::Error,
    },
    /// The platform has no home folder to keep data in.
    #[error("no folder for settings and history was found (is HOME set?)")]
    NoHome,
    /// Another acupress owns the data: this one only reads.
    #[error("acupress is already open; this window can only read your data")]
    ReadOnly,
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io { path: path.to_owned(), source }
}

/// Reads a user-supplied file, stopping one byte past the size limit so a huge file is
/// refused without being loaded whole (the parser reports it as too large).
pub fn read_user_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let wrap = |source| ReadError { path: path.to_owned(), source };
    let file = File::open(path).map_err(wrap)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(wrap)?;
    Ok(bytes)
}

/// Writes a file atomically: a temporary file in the same folder is written, flushed to disk
/// and renamed over the target, so a crash leaves either the old or the new file, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = File::create(&temp).map_err(io_error(&temp))?;
        file.write_all(bytes).map_err(io_error(&temp))?;
        file.sync_all().map_err(io_error(&temp))?;
        drop(file);
        fs::rename(&temp, path).map_err(io_error(path))?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Makes a rename durable where the platform allows it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    // On Windows a directory cannot be opened for syncing; the rename is already durable
    // through NTFS's journal.
    #[cfg(not(unix))]
    let _ = dir;
}

/// Moves a damaged file aside as `<name>.damaged-<unix seconds>` and returns the new path.
pub fn move_aside(path: &Path, unix_secs: i64) -> Result<PathBuf, StoreError> {
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("file");
    let mut target = path.with_file_name(format!("{name}.damaged-{unix_secs}"));
    let mut counter = 1;
    while target.exists() {
        target = path.with_file_name(format!("{name}.damaged-{unix_secs}-{counter}"));
        counter += 1;
    }
    fs::rename(path, &target).map_err(io_error(path))?;
    Ok(target)
}

/// Where acupress keeps its files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// Settings.
    pub config_dir: PathBuf,
    /// User routines and history.
    pub data_dir: PathBuf,
}

impl Paths {
    /// The platform's folders (`~/.config/acupress` and `~/.local/share/acupress` on Linux,
    /// `%APPDATA%\acupress` on Windows, `~/Library/Application Support/acupress` on macOS).
    pub fn platform() -> Result<Paths, StoreError> {
        let dirs = directories::ProjectDirs::from("", "", "acupress").ok_or(StoreError::NoHome)?;
        Ok(Paths { config_dir: dirs.config_dir().to_owned(), data_dir: dirs.data_dir().to_owned() })
    }

    /// The platform's folders for a given home folder, as [`Self::platform`] computes them
    /// when `HOME` is `home` and no `XDG_*` variables are set (Linux); for tests.
    pub fn platform_for_home(home: &Path) -> Paths {
        Paths {
            config_dir: home.join(".config").join("acupress"),
            data_dir: home.join(".local").join("share").join("acupress"),
        }
    }

    /// Everything under one folder (tests, portable installs).
    pub fn under(root: &Path) -> Paths {
        Paths { config_dir: root.join("config"), data_dir: root.join("data") }
    }

    /// The settings file.
    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join("settings.ron")
    }

    /// The history file.
    pub fn history_file(&self) -> PathBuf {
        self.data_dir.join("history.ron")
    }

    /// The folder of imported and own routines.
    pub fn routines_dir(&self) -> PathBuf {
        self.data_dir.join("routines")
    }

    fn lock_file(&self) -> PathBuf {
        self.data_dir.join("acupress.lock")
    }
}

/// A file that could not be read, and what was done about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The file.
    pub path: PathBuf,
    /// What was wrong.
    pub problem: String,
    /// Where the file was moved, so nothing is lost.
    pub moved_to: Option<PathBuf>,
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)?;
        if let Some(moved_to) = &self.moved_to {
            write!(f, " (kept as {})", moved_to.display())?;
        }
        Ok(())
    }
}

/// The user's data on disk, owned by this process (or read-only when another has it).
pub struct Store {
    paths: Paths,
    lock: Option<File>,
}

impl Store {
    /// Opens the store: creates the folders and takes the lock. When another acupress holds
    /// the lock, the store opens read-only.
    pub fn open(paths: Paths) -> Result<Store, StoreError> {
        for dir in [&paths.config_dir, &paths.data_dir, &paths.routines_dir()] {
            fs::create_dir_all(dir).map_err(io_error(dir))?;
        }
        let lock_path = paths.lock_file();
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_error(&lock_path))?;
        let lock = match file.try_lock() {
            Ok(()) => Some(file),
            Err(fs::TryLockError::WouldBlock) => None,
            Err(fs::TryLockError::Error(source)) => return Err(StoreError::Io { path: lock_path, source }),
        };
        Ok(Store { paths, lock })
    }

    /// Where the files are.
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// Whether another acupress owns the data (this one must not write).
    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    fn writable(&self) -> Result<(), StoreError> {
        if self.is_read_only() { Err(StoreError::ReadOnly) } else { Ok(()) }
    }

    /// Reads one of the app's own files. A file that cannot be parsed is moved aside (when
    /// writable) and reported; the default value is used instead.
    fn load<T: Default>(
        &self,
        path: &Path,
        parse: impl FnOnce(&[u8]) -> Result<T, String>,
        now_unix_secs: i64,
    ) -> (T, Option<Notice>) {
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return (T::default(), None),
            Err(err) => {
                let notice = Notice { path: path.to_owned(), problem: err.to_string(), moved_to: None };
                return (T::default(), Some(notice));
            }
        };
        match parse(&bytes) {
            Ok(value) => (value, None),
            Err(problem) => {
                let moved_to = if self.is_read_only() { None } else { move_aside(path, now_unix_secs).ok() };
                (T::default(), Some(Notice { path: path.to_owned(), problem, moved_to }))
            }
        }
    }

    /// The settings (defaults when there are none or they are damaged).
    pub fn load_settings(&self, now_unix_secs: i64) -> (StoredSettings, Option<Notice>) {
        self.load(&self.paths.settings_file(), files::parse_settings, now_unix_secs)
    }

    /// Saves the settings atomically.
    pub fn save_settings(&self, settings: &StoredSettings) -> Result<(), StoreError> {
        self.writable()?;
        write_atomic(&self.paths.settings_file(), files::write_settings(settings).as_bytes())
    }

    /// The history (empty when there is none; damaged files are moved aside and reported).
    pub fn load_history(&self, now_unix_secs: i64) -> (History, Option<Notice>) {
        self.load(&self.paths.history_file(), files::parse_history, now_unix_secs)
    }

    /// Saves the whole history atomically.
    pub fn save_history(&self, history: &History) -> Result<(), StoreError> {
        self.writable()?;
        write_atomic(&self.paths.history_file(), files::write_history(history).as_bytes())
    }

    /// The user's routine files: (path, bytes), sorted by file name. Parsing is the caller's.
    pub fn read_user_routines(&self) -> (Vec<(PathBuf, Vec<u8>)>, Vec<Notice>) {
        let dir = self.paths.routines_dir();
        let mut files = Vec::new();
        let mut notices = Vec::new();
        let Ok(entries) = fs::read_dir(&dir) else { return (files, notices) };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("ron")))
            .collect();
        paths.sort();
        for path in paths {
            match read_user_file(&path) {
                Ok(bytes) => files.push((path, bytes)),
                Err(err) => {
                    notices.push(Notice { path: path.clone(), problem: err.source.to_string(), moved_to: None });
                }
            }
        }
        (files, notices)
    }

    /// Saves a routine file into the library as `<id>.ron`, atomically.
    pub fn save_user_routine(&self, id: &str, text: &str) -> Result<PathBuf, StoreError> {
        self.writable()?;
        let path = self.paths.routines_dir().join(format!("{id}.ron"));
        write_atomic(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Removes a routine file from the library.
    pub fn delete_user_routine(&self, id: &str) -> Result<(), StoreError> {
        self.writable()?;
        let path = self.paths.routines_dir().join(format!("{id}.ron"));
        fs::remove_file(&path).map_err(io_error(&path))
    }

    /// Writes a file the user chose (an export), atomically.
    pub fn export(path: &Path, text: &str) -> Result<(), StoreError> {
        write_atomic(path, text.as_bytes())
    }
}
