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
    /// The operating system refused (said once: not chained as a source).
    #[error("{}: cannot read the file: {}", path.display(), super::plain_reason(cause))]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        cause: io::Error,
    },
    /// Not a regular file: a folder, a pipe or a device. Refused without waiting on it.
    #[error("{}: not a regular file (a folder, pipe or device); acupress reads only files", path.display())]
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
    let wrap = |cause| ReadError::Io { path: path.to_owned(), cause };
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
    open_regular(path)?.read_to_end(&mut bytes).map_err(|cause| ReadError::Io { path: path.to_owned(), cause })?;
    Ok(bytes)
}

/// Reads a user-supplied file, stopping one byte past the size limit so a huge file is refused
/// without being loaded whole (the parser reports it as too large).
pub fn read_user_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|cause| ReadError::Io { path: path.to_owned(), cause })?;
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

/// What [`create_private_dir`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folder {
    /// acupress made it now, private to the user.
    Created,
    /// It was there; acupress leaves its permissions alone. `open_to_others` when others may
    /// enter or read it (Unix: a group or other permission bit; `mode` is the permission bits).
    Existing {
        /// Others may enter or read it.
        open_to_others: bool,
        /// Its permission bits (Unix), 0 elsewhere.
        mode: u32,
    },
}

/// Makes a folder (and missing parents) that only the user can enter (0700 on Unix). A folder
/// that is already there (or a link to one, such as a routines folder shared with a
/// therapist's) is never changed: only what acupress makes is made private; the caller tells
/// the person when an existing folder is open to others. On Windows and macOS the user's profile
/// folders are already private.
pub fn create_private_dir(dir: &Path) -> io::Result<Folder> {
    match fs::metadata(dir) {
        Ok(metadata) if metadata.is_dir() => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = metadata.permissions().mode() & 0o7777;
                return Ok(Folder::Existing { open_to_others: mode & 0o077 != 0, mode });
            }
            #[cfg(not(unix))]
            return Ok(Folder::Existing { open_to_others: false, mode: 0 });
        }
        Ok(_) => return Err(io::Error::new(io::ErrorKind::NotADirectory, "not a folder")),
        Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
        Err(_) => {}
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir)?;
        // The mode asked for passes through the umask; what acupress made is made private.
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    builder.create(dir)?;
    Ok(Folder::Created)
}

/// Whether `name` is one of acupress's own temporary files (`.<name>.tmp-<process id>`, made by
/// [`write_atomic`]), left behind when a write was cut short.
pub(super) fn is_leftover_temp(name: &str) -> bool {
    name.starts_with('.')
        && name.rsplit_once(".tmp-").is_some_and(|(stem, pid)| {
            stem.len() > 1 && !pid.is_empty() && pid.bytes().all(|byte| byte.is_ascii_digit())
        })
}

/// Removes acupress's own leftover temporary files from `dir` (regular files named as
/// [`is_leftover_temp`] says, nothing else) and returns how many went. Only the process that
/// owns the data calls this, when it starts: no write of its own is under way yet.
pub(super) fn remove_leftover_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_file && entry.file_name().to_str().is_some_and(is_leftover_temp) && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Writes a file atomically: a temporary file in the same folder as the target is written,
/// flushed to disk and renamed over it, so a crash leaves either the old or the new file, never
/// a mix. A symlink is followed and its target replaced (the link stays a link). The file is
/// private to the user (0600 on Unix).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = resolve_symlinks(path);
    // A file the person made read-only is respected: not replaced.
    if fs::metadata(&target).is_ok_and(|metadata| metadata.permissions().readonly()) {
        return Err(StoreError::ReadOnlyFile(path.to_owned()));
    }
    let dir = target.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().and_then(|name| name.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = fs::remove_file(&temp);
    // Every failure names the file the person knows, never the temporary one.
    let result = (|| {
        let mut file = create_private(&temp).map_err(StoreError::io(path))?;
        file.write_all(bytes).map_err(StoreError::io(path))?;
        file.sync_all().map_err(StoreError::io(path))?;
        drop(file);
        fs::rename(&temp, &target).map_err(StoreError::io(path))?;
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

/// Why a document (a handout or report asked for with `-o`) is not written where asked.
#[derive(Debug, Error)]
pub enum OutputRefused {
    /// The place is the routine file being printed.
    #[error("{}: this is the routine being printed; write the PDF to another name", .0.display())]
    IsTheInput(PathBuf),
    /// A file is there that is not a PDF: something the person made.
    #[error("{}: the file exists and is not a PDF, so acupress does not write over it (choose another name, or remove that file first)", .0.display())]
    NotAPdf(PathBuf),
    /// A folder is there.
    #[error("{}: this is a folder; give the name of the PDF to write", .0.display())]
    Folder(PathBuf),
    /// A device, pipe or socket is there (also through a link).
    #[error("{}: this is a {kind}, not a file; acupress writes a PDF only to a new file or over a PDF (to write to standard output, use -o -)", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// "device", "pipe", "socket".
        kind: &'static str,
    },
    /// What is there cannot be looked at.
    #[error("{}: cannot be checked: {}", path.display(), super::plain_reason(cause))]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// The operating system's reason.
        cause: io::Error,
    },
}

/// The kind of a special file (not a regular file and not a folder), in words.
fn special_kind(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "pipe";
        }
        if file_type.is_socket() {
            return "socket";
        }
    }
    let _ = file_type;
    "device"
}

/// Whether `a` and `b` are the same file (also through links or under another name).
fn same_file(a: &fs::Metadata, a_path: &Path, b_path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = a_path;
        fs::metadata(b_path).is_ok_and(|b| a.dev() == b.dev() && a.ino() == b.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = a;
        matches!((fs::canonicalize(a_path), fs::canonicalize(b_path)), (Ok(a), Ok(b)) if a == b)
    }
}

/// Checks where a document is to be written: a new file, or an existing regular file that is a
/// PDF (a document made before). Refused, with nothing touched: any of `inputs` (the routine
/// being printed), any other existing file that is not a PDF, a folder, a device, a pipe or a
/// socket, also through links.
pub fn check_document_output(output: &Path, inputs: &[&Path]) -> Result<(), OutputRefused> {
    let metadata = match fs::metadata(output) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(cause) => return Err(OutputRefused::Unreadable { path: output.to_owned(), cause }),
    };
    if metadata.is_dir() {
        return Err(OutputRefused::Folder(output.to_owned()));
    }
    if !metadata.is_file() {
        return Err(OutputRefused::NotAFile { path: output.to_owned(), kind: special_kind(metadata.file_type()) });
    }
    if inputs.iter().any(|input| same_file(&metadata, output, input)) {
        return Err(OutputRefused::IsTheInput(output.to_owned()));
    }
    let mut head = [0_u8; 5];
    let read = open_regular(output)
        .and_then(|mut file| file.read(&mut head).map_err(|cause| ReadError::Io { path: output.to_owned(), cause }));
    match read {
        Ok(5) if &head == b"%PDF-" => Ok(()),
        Ok(_) => Err(OutputRefused::NotAPdf(output.to_owned())),
        Err(ReadError::Io { cause, .. }) => Err(OutputRefused::Unreadable { path: output.to_owned(), cause }),
        Err(ReadError::NotRegular { .. }) => {
            Err(OutputRefused::NotAFile { path: output.to_owned(), kind: special_kind(metadata.file_type()) })
        }
    }
}
