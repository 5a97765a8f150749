//! Careful file operations: read only regular files (a pipe or device is refused at once, never
//! waited on), write atomically through symlinks to their target, and keep everything private to
//! the user (folders 0700, files 0600 on Unix).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::StoreError;
use crate::source::MAX_FILE_BYTES;

/// A file could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The operating system refused.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: io::Error,
    },
    /// Not a regular file: a folder, a pipe or a device. Refused without waiting on it.
    #[error("{path}: not a regular file (a folder, pipe or device); acupress reads only files")]
    NotRegular {
        /// The path.
        path: PathBuf,
    },
}

impl ReadError {
    /// The path that could not be read.
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. } | ReadError::NotRegular { path } => path,
        }
    }
}

/// Opens `path` for reading if it is a regular file (following symlinks). On Unix the open does
/// not block (a FIFO would otherwise wait for a writer forever); the check is on the handle
/// that was opened, so nothing can be swapped in between.
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    let wrap = |source| ReadError::Io { path: path.to_owned(), source };
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    // Elsewhere there are no pipes in the file system to block on; the type check below
    // refuses folders and devices the same way.
    let file = options.open(path).map_err(wrap)?;
    let metadata = file.metadata().map_err(wrap)?;
    if !metadata.file_type().is_file() {
        return Err(ReadError::NotRegular { path: path.to_owned() });
    }
    Ok(file)
}

/// Reads a whole regular file (the app's own files).
pub(super) fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    open_regular(path)?.read_to_end(&mut bytes).map_err(|source| ReadError::Io { path: path.to_owned(), source })?;
    Ok(bytes)
}

/// Reads a user-supplied file, stopping one byte past the size limit so a huge file is refused
/// without being loaded whole (the parser reports it as too large).
pub fn read_user_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io { path: path.to_owned(), source })?;
    Ok(bytes)
}

/// The file a path finally names, following symlinks (relative ones from their own folder);
/// the path itself when it is no symlink or a link cannot be read.
pub fn resolve_symlinks(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    // A loop of links stops here rather than spinning.
    for _ in 0..40 {
        let is_link = fs::symlink_metadata(&current).is_ok_and(|metadata| metadata.file_type().is_symlink());
        if !is_link {
            break;
        }
        let Ok(target) = fs::read_link(&current) else { break };
        current =
            if target.is_absolute() { target } else { current.parent().unwrap_or_else(|| Path::new(".")).join(target) };
    }
    current
}

/// Creates a file only the user can read and write (0600 on Unix).
fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Opens (creating if needed) a file only the user can read and write, without truncating it
/// (lock files).
pub fn open_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// A lock on a file, held until dropped (or until the process ends, however it ends: the
/// operating system releases it).
#[derive(Debug)]
pub struct HeldLock(#[allow(dead_code, reason = "held, never read")] File);

/// Takes the lock on `path` (created private if needed) without waiting: `None` when another
/// process holds it.
pub fn try_lock(path: &Path) -> io::Result<Option<HeldLock>> {
    let file = open_private(path)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(HeldLock(file))),
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(err)) => Err(err),
    }
}

/// Creates a folder (and its parents) that only the user can enter (0700 on Unix), and makes an
/// existing one private too. On Windows and macOS the user's profile folders are already
/// private to the user.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir)?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    builder.create(dir)?;
    Ok(())
}

/// Writes a file atomically: a temporary file in the same folder as the target is written,
/// flushed to disk and renamed over it, so a crash leaves either the old or the new file, never
/// a mix. A symlink is followed and its target replaced (the link stays a link). The file is
/// private to the user (0600 on Unix).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = resolve_symlinks(path);
    let dir = target.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().and_then(|name| name.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = fs::remove_file(&temp);
    let result = (|| {
        let mut file = create_private(&temp).map_err(StoreError::io(&temp))?;
        file.write_all(bytes).map_err(StoreError::io(&temp))?;
        file.sync_all().map_err(StoreError::io(&temp))?;
        drop(file);
        fs::rename(&temp, &target).map_err(StoreError::io(&target))?;
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
