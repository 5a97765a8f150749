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
    History, ReadOnlyError, describe_problem, parse_history, parse_settings, read_history, read_routine_files,
    read_settings, write_history, write_settings,
};
pub use fs_safe::{
    Folder, HeldLock, OutputRefused, ReadError, check_document_output, create_private_dir,
    open_private as open_private_file, open_regular, read_user_file, resolve_symlinks, try_lock, write_atomic,
};
pub use keeper::HistoryKeeper;

use crate::routine::RoutineId;
use crate::settings::Settings;

pub use crate::notices::{FileNotice, FileProblem, Kept};
use crate::notices::{FolderProblem, Notice, SaveFailure};

/// The user id that owns `path` (or its nearest existing folder) when it is not the owner of
/// the home folder: the folder then belongs to another user account. Unix only.
fn other_owner(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let home = directories::BaseDirs::new()?.home_dir().to_owned();
        let mine = fs::metadata(home).ok()?.uid();
        let existing = path.ancestors().find_map(|folder| fs::metadata(folder).ok())?;
        (existing.uid() != mine).then_some(existing.uid())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Something went wrong on disk.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Reading, writing or renaming failed. (The reason is said once, in plain words: it is
    /// not chained as a source, which would repeat it.)
    #[error("{}: {}", path.display(), plain_reason(cause))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's reason.
        cause: io::Error,
    },
    /// A folder, device, pipe or socket is where a file was to be written.
    #[error("{}: not a file (a folder, device or pipe), so acupress does not write there", .0.display())]
    NotAFile(PathBuf),
    /// The file is read-only (the person made it so): acupress does not replace it.
    #[error("{}: the file is read-only, so acupress does not replace it", .0.display())]
    ReadOnlyFile(PathBuf),
    /// The platform has no home folder to keep data in.
    #[error("no folder for settings and history was found (is HOME set?)")]
    NoHome,
    /// Another acupress owns the data: this one only reads.
    #[error("acupress is already open; this window can only read your data")]
    ReadOnly,
    /// The file could not be read when acupress started; it is not written over.
    #[error("{}: not saved, because the file could not be read when acupress started", .0.display())]
    Protected(PathBuf),
}

impl StoreError {
    fn io(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
        move |cause| StoreError::Io { path: path.to_owned(), cause }
    }
}

/// The operating system's reason in plain words, once (without "(os error 13)").
pub fn plain_reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "the disk is full".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        io::ErrorKind::IsADirectory => "it is a folder".to_owned(),
        io::ErrorKind::NotADirectory => "a part of the path is not a folder".to_owned(),
        _ => {
            let text = err.to_string();
            match text.rfind(" (os error ") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
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
    /// Where settings.ron is kept (the platform's configuration folder).
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
    New(crate::routine::RoutineId),
}

/// The user's data on disk, owned by this process (or read-only when another has it).
pub struct Store {
    paths: Paths,
    lock: Option<File>,
    /// acupress's folders that were already there and are open to others (with their mode):
    /// left as they are, and said.
    open_to_others: Vec<(PathBuf, u32)>,
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
    ///
    /// Only the folders acupress makes are made private; one that is already there (a routines
    /// folder linked to a shared one, say) is left as it is and listed by
    /// [`Self::open_to_others`] when others can read it. The owner removes acupress's own
    /// temporary files left by a write that was cut short, and nothing else.
    pub fn open(paths: Paths) -> Result<Store, StoreError> {
        let mut open_to_others = Vec::new();
        for dir in [&paths.config_dir, &paths.data_dir, &paths.routines_dir()] {
            if let fs_safe::Folder::Existing { open_to_others: true, mode } =
                create_private_dir(dir).map_err(StoreError::io(dir))?
            {
                open_to_others.push((dir.clone(), mode));
            }
        }
        let lock_path = paths.lock_file();
        let file = fs_safe::open_private(&lock_path).map_err(StoreError::io(&lock_path))?;
        let lock = match file.try_lock() {
            Ok(()) => Some(file),
            Err(fs::TryLockError::WouldBlock) => None,
            Err(fs::TryLockError::Error(cause)) => return Err(StoreError::Io { path: lock_path, cause }),
        };
        if lock.is_some() {
            for dir in [&paths.config_dir, &paths.data_dir, &paths.routines_dir(), &paths.trash_dir()] {
                fs_safe::remove_leftover_temps(dir);
            }
        }
        Ok(Store { paths, lock, open_to_others, protected: Mutex::default() })
    }

    /// acupress's folders that were there already and that others can read (Unix permission
    /// bits given), for the person to know; acupress does not change them.
    pub fn open_to_others(&self) -> &[(PathBuf, u32)] {
        &self.open_to_others
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
            Err(ReadError::Io { cause, .. }) if cause.kind() == io::ErrorKind::NotFound => {
                return (T::default(), None);
            }
            Err(err) => {
                self.protect(path);
                let problem = match err {
                    ReadError::NotRegular { .. } => FileProblem::NotRegular,
                    ReadError::Io { cause, .. } => {
                        FileProblem::Unreadable { kind: cause.kind(), detail: plain_reason(&cause) }
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
        self.save_sessions(&history.sessions)
    }

    /// Writes the history file with `sessions` (as [`Store::save_history`], without a copy).
    pub fn save_sessions(&self, sessions: &[crate::history::SessionRecord]) -> Result<(), StoreError> {
        let path = self.paths.history_file();
        self.writable(&path)?;
        write_atomic(&path, files::write_sessions(sessions).as_bytes())
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
                        ReadError::Io { cause, .. } => {
                            FileProblem::Unreadable { kind: cause.kind(), detail: plain_reason(&cause) }
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

    fn free_routine_path(&self, id: &RoutineId) -> PathBuf {
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
    pub fn restore_user_routine(&self, trashed: &Path, id: &RoutineId) -> Result<PathBuf, StoreError> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly);
        }
        let target = self.free_routine_path(id);
        fs::rename(trashed, &target).map_err(StoreError::io(trashed))?;
        Ok(target)
    }

    /// Writes a file the user chose (an export), atomically and privately. A folder, device,
    /// pipe or socket in its place is refused (a rename would replace it).
    pub fn export(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        if fs::metadata(path).is_ok_and(|metadata| !metadata.is_file()) {
            return Err(StoreError::NotAFile(path.to_owned()));
        }
        write_atomic(path, bytes)
    }
}

impl StoreError {
    /// What to tell the person when the data folders cannot be opened at all: whose the
    /// folder is when it belongs to another user, else the reason.
    pub fn open_notice(&self) -> Notice {
        match self {
            StoreError::Io { path, cause } => {
                let problem = match other_owner(path) {
                    Some(uid) if cause.kind() == io::ErrorKind::PermissionDenied => FolderProblem::OtherOwner(uid),
                    _ => FolderProblem::Refused(cause.kind()),
                };
                Notice::NoDataFolder { folder: Some(path.clone()), problem }
            }
            _ => Notice::NoDataFolder { folder: None, problem: FolderProblem::NoHome },
        }
    }

    /// What to tell the person about this failed save.
    pub fn notice(&self) -> Notice {
        let (path, failure) = match self {
            StoreError::Io { path, cause } => {
                (Some(path.clone()), SaveFailure::Io { kind: cause.kind(), detail: plain_reason(cause) })
            }
            StoreError::ReadOnlyFile(path) => (Some(path.clone()), SaveFailure::ReadOnlyFile),
            StoreError::NotAFile(path) => (
                Some(path.clone()),
                SaveFailure::Io { kind: std::io::ErrorKind::InvalidInput, detail: self.to_string() },
            ),
            StoreError::ReadOnly => (None, SaveFailure::ReadOnly),
            StoreError::Protected(path) => (Some(path.clone()), SaveFailure::Protected),
            StoreError::NoHome => {
                (None, SaveFailure::Io { kind: std::io::ErrorKind::NotFound, detail: self.to_string() })
            }
        };
        Notice::NotSaved { path, failure }
    }
}
