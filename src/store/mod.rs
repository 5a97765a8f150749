//! The one module that touches the filesystem.
//!
//! Everything the app or the command line reads from or writes to disk goes through here, so
//! size limits, error wording and (later) atomic writes live in one place. It holds no
//! knowledge of what the bytes mean: parsing belongs to the core.

use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::source::MAX_FILE_BYTES;

/// A file could not be read.
#[derive(Debug, Error)]
#[error("{path}: cannot read the file: {source}")]
pub struct ReadError {
    /// The file.
    pub path: PathBuf,
    /// The operating system's reason.
    #[source]
    pub source: std::io::Error,
}

/// Reads a user-supplied file, stopping one byte past the size limit so a huge file is
/// refused without being loaded whole (the parser reports it as too large).
pub fn read_user_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let wrap = |source| ReadError { path: path.to_owned(), source };
    let file = std::fs::File::open(path).map_err(wrap)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(wrap)?;
    Ok(bytes)
}
