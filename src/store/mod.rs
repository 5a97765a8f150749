//! The one module that touches the filesystem.
//!
//! Everything the app or the command line reads from or writes to disk goes through here:
//! where files live (the platform's directories, through `directories`), reading only regular
//! files, atomic and private writes (through symlinks to their target), keeping damaged files
//! aside, never writing over a file that could not be read, and the lock that lets one running
//! app own the user's data. It knows what the bytes mean only for the app's own files (settings,
//! history); validating routines belongs to the core.

pub mod autostart;
pub mod browse;
mod files;
mod fs_safe;
mod keeper;

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use thiserror::Error;

pub use browse::{exists, is_folder};
pub use files::{
    History, ReadOnlyError, parse_history, parse_settings, read_history, read_routine_files, read_settings,
    write_history, write_settings,
};
pub use fs_safe::{
    HeldLock, ReadError, create_private_dir, open_private as open_private_file, open_regular, read_user_file,
    resolve_symlinks, try_lock, write_atomic,
};
pub use keeper::HistoryKeeper;

use crate::settings::Settings;

pub use crate::notices::{FileNotice, FileProblem, Kept};
use crate::notices::{Notice, SaveFailure};

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
    /// The file could not be read when acupress started; it is not written over.
    #[error("{0}: not saved, because the file could not be read when acupress started")]
    Protected(PathBuf),
}

impl StoreError {
    fn io(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
        move |source| StoreError::Io { path: path.to_owned(), source }
    }
}

/// Moves a damaged file aside as `<name>.damaged-<unix seconds>` and returns the new path.
pub fn move_aside(path: &Path, unix_secs: i64) -> Result<PathBuf, StoreError> {
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("file");
    let mut target = path.with_file_name(format!("{name}.damaged-{unix_secs}"));
    let mut counter = 1;
    while fs::symlink_metadata(&target).is_ok() {
        target = path.with_file_name(format!("{name}.damaged-{unix_secs}-{counter}"));
        counter += 1;
    }
    fs::rename(path, &target).map_err(StoreError::io(path))?;
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

    /// Where deleted routines go: they stay there until the person empties the folder.
    pub fn trash_dir(&self) -> PathBuf {
        self.data_dir.join("trash")
    }

    fn lock_file(&self) -> PathBuf {
        self.data_dir.join("acupress.lock")
    }
}

/// Where an edited or imported routine is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoutineFile {
    /// Over the file this routine was loaded from (replacing exactly that routine).
    Replace(PathBuf),
    /// A new file named after the routine's id, never over an existing file.
    New(String),
}

/// The user's data on disk, owned by this process (or read-only when another has it).
pub struct Store {
    paths: Paths,
    lock: Option<File>,
    /// Files that could not be read at start: never written during this run.
    protected: Mutex<BTreeSet<PathBuf>>,
}

/// `<dir>/<name>.ron`, or the first of `<name>-2.ron`, `<name>-3.ron`, … that is not `taken`.
fn free_path(dir: &Path, name: &str, taken: impl Fn(&Path) -> bool) -> PathBuf {
    let first = dir.join(format!("{name}.ron"));
    if !taken(&first) {
        return first;
    }
    // Bounded: a folder with a million files named after one id is not a case to wait for.
    (2..1_000_000).map(|n| dir.join(format!("{name}-{n}.ron"))).find(|candidate| !taken(candidate)).unwrap_or(first)
}

impl Store {
    /// Opens the store: creates the folders (private: only the user can enter them) and takes
    /// the lock. When another acupress holds the lock, the store opens read-only.
    pub fn open(paths: Paths) -> Result<Store, StoreError> {
        for dir in [&paths.config_dir, &paths.data_dir, &paths.routines_dir()] {
            create_private_dir(dir).map_err(StoreError::io(dir))?;
        }
        let lock_path = paths.lock_file();
        let file = fs_safe::open_private(&lock_path).map_err(StoreError::io(&lock_path))?;
        let lock = match file.try_lock() {
            Ok(()) => Some(file),
            Err(fs::TryLockError::WouldBlock) => None,
            Err(fs::TryLockError::Error(source)) => return Err(StoreError::Io { path: lock_path, source }),
        };
        Ok(Store { paths, lock, protected: Mutex::default() })
    }

    /// Where the files are.
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// Whether another acupress owns the data (this one must not write).
    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    fn protect(&self, path: &Path) {
        self.protected.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_owned());
    }

    fn is_protected(&self, path: &Path) -> bool {
        self.protected.lock().unwrap_or_else(PoisonError::into_inner).contains(path)
    }

    fn writable(&self, path: &Path) -> Result<(), StoreError> {
        if self.is_read_only() {
            Err(StoreError::ReadOnly)
        } else if self.is_protected(path) {
            Err(StoreError::Protected(path.to_owned()))
        } else {
            Ok(())
        }
    }

    /// Reads one of the app's own files. A file that cannot be read is left alone and not
    /// written during this run; one that is damaged or newer is moved aside (when this store
    /// may write); either way the default is used and the problem reported.
    fn load<T: Default>(
        &self,
        path: &Path,
        parse: impl FnOnce(&[u8]) -> Result<T, FileProblem>,
        now_unix_secs: i64,
    ) -> (T, Option<FileNotice>) {
        let bytes = match fs_safe::read_regular(path) {
            Ok(bytes) => bytes,
            Err(ReadError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                return (T::default(), None);
            }
            Err(err) => {
                self.protect(path);
                let problem = match err {
                    ReadError::NotRegular { .. } => FileProblem::NotRegular,
                    ReadError::Io { source, .. } => {
                        FileProblem::Unreadable { kind: source.kind(), detail: source.to_string() }
                    }
                };
                return (T::default(), Some(FileNotice { path: path.to_owned(), problem, kept: Kept::Untouched }));
            }
        };
        match parse(&bytes) {
            Ok(value) => (value, None),
            Err(problem) => {
                let moved = if self.is_read_only() { None } else { move_aside(path, now_unix_secs).ok() };
                let kept = if let Some(moved_to) = moved {
                    Kept::MovedTo(moved_to)
                } else {
                    self.protect(path);
                    Kept::Untouched
                };
                (T::default(), Some(FileNotice { path: path.to_owned(), problem, kept }))
            }
        }
    }

    /// The settings (defaults when there are none, or they cannot be used).
    pub fn load_settings(&self, now_unix_secs: i64) -> (Settings, Option<FileNotice>) {
        self.load(&self.paths.settings_file(), parse_settings, now_unix_secs)
    }

    /// Saves the settings atomically.
    pub fn save_settings(&self, settings: &Settings) -> Result<(), StoreError> {
        let path = self.paths.settings_file();
        self.writable(&path)?;
        write_atomic(&path, write_settings(settings).as_bytes())
    }

    /// The history (empty when there is none; see [`Self::load_settings`] for the rest).
    pub fn load_history(&self, now_unix_secs: i64) -> (History, Option<FileNotice>) {
        self.load(&self.paths.history_file(), parse_history, now_unix_secs)
    }

    /// Saves the whole history atomically.
    pub fn save_history(&self, history: &History) -> Result<(), StoreError> {
        let path = self.paths.history_file();
        self.writable(&path)?;
        write_atomic(&path, write_history(history).as_bytes())
    }

    /// The user's routine files: (path, bytes), sorted by file name; parsing is the caller's.
    /// A file that cannot be read is reported and never written over.
    pub fn read_user_routines(&self) -> (Vec<(PathBuf, Vec<u8>)>, Vec<FileNotice>) {
        let dir = self.paths.routines_dir();
        let mut files = Vec::new();
        let mut notices = Vec::new();
        for path in files::routine_paths(&dir) {
            match read_user_file(&path) {
                Ok(bytes) => files.push((path, bytes)),
                Err(err) => {
                    self.protect(&path);
                    let problem = match err {
                        ReadError::NotRegular { .. } => FileProblem::NotRegular,
                        ReadError::Io { source, .. } => {
                            FileProblem::Unreadable { kind: source.kind(), detail: source.to_string() }
                        }
                    };
                    notices.push(FileNotice { path, problem, kept: Kept::Untouched });
                }
            }
        }
        (files, notices)
    }

    /// Keeps a routine file in the library that could be read but not loaded (damaged, or of
    /// another id than its name): it is never written over.
    pub fn keep_untouched(&self, path: &Path) {
        self.protect(path);
    }

    /// Saves a routine into the library, atomically, and returns its file: over exactly the
    /// routine being replaced, or as a new file `<id>.ron` (`<id>-2.ron`, … when that name is
    /// taken), never over a file that exists.
    pub fn save_user_routine(&self, file: &RoutineFile, text: &str) -> Result<PathBuf, StoreError> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly);
        }
        let path = match file {
            RoutineFile::Replace(path) => path.clone(),
            RoutineFile::New(id) => self.free_routine_path(id),
        };
        self.writable(&path)?;
        write_atomic(&path, text.as_bytes())?;
        Ok(path)
    }

    fn free_routine_path(&self, id: &str) -> PathBuf {
        let dir = self.paths.routines_dir();
        free_path(&dir, id, |path| fs::symlink_metadata(path).is_ok() || self.is_protected(path))
    }

    /// Removes a routine file from the library.
    pub fn delete_user_routine(&self, path: &Path) -> Result<(), StoreError> {
        self.writable(path)?;
        fs::remove_file(path).map_err(StoreError::io(path))
    }

    /// Moves a routine file out of the library into the trash folder and returns where it went.
    /// Nothing is deleted: the file can be put back ([`Self::restore_user_routine`]) or found in
    /// the trash folder.
    pub fn trash_user_routine(&self, path: &Path) -> Result<PathBuf, StoreError> {
        self.writable(path)?;
        let trash = self.paths.trash_dir();
        create_private_dir(&trash).map_err(StoreError::io(&trash))?;
        let name = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or("routine");
        let target = free_path(&trash, name, |candidate| fs::symlink_metadata(candidate).is_ok());
        fs::rename(path, &target).map_err(StoreError::io(path))?;
        Ok(target)
    }

    /// Puts a routine back from the trash into the library, as `<id>.ron` (or a free name if
    /// that is taken by now), and returns its file.
    pub fn restore_user_routine(&self, trashed: &Path, id: &str) -> Result<PathBuf, StoreError> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly);
        }
        let target = self.free_routine_path(id);
        fs::rename(trashed, &target).map_err(StoreError::io(trashed))?;
        Ok(target)
    }

    /// Writes a file the user chose (an export), atomically and privately.
    pub fn export(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        write_atomic(path, bytes)
    }
}

impl StoreError {
    /// What to tell the person about this failed save.
    pub fn notice(&self) -> Notice {
        let (path, failure) = match self {
            StoreError::Io { path, source } => {
                (Some(path.clone()), SaveFailure::Io { kind: source.kind(), detail: source.to_string() })
            }
            StoreError::ReadOnly => (None, SaveFailure::ReadOnly),
            StoreError::Protected(path) => (Some(path.clone()), SaveFailure::Protected),
            StoreError::NoHome => {
                (None, SaveFailure::Io { kind: std::io::ErrorKind::NotFound, detail: self.to_string() })
            }
        };
        Notice::NotSaved { path, failure }
    }
}
