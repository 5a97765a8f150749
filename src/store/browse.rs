//! What the app's own file chooser shows: the entries of one folder (folders, and files of one
//! kind), and the person's usual places. Used only when the system has no file chooser.

use std::io;
use std::path::{Path, PathBuf};

/// At most this many entries are listed; the person can still type any name.
pub const MAX_LISTED: usize = 2000;

/// One entry of a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderEntry {
    /// Its name in the folder.
    pub name: String,
    /// Its whole path.
    pub path: PathBuf,
    /// A folder (or a link to one) to go into, rather than a file to choose.
    pub is_folder: bool,
}

/// A folder's entries: folders first, then the files whose extension is `extension`, each in
/// alphabetical order (ignoring case); hidden entries (a leading dot) left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// The entries shown, at most [`MAX_LISTED`].
    pub entries: Vec<FolderEntry>,
    /// How many more there were.
    pub not_listed: usize,
}

/// Lists `dir` for the chooser. Linear in the folder's size; never follows a link more than
/// once per entry, never reads a file.
pub fn list_folder(dir: &Path, extension: &str) -> io::Result<Listing> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // A link counts as what it points at; a broken one is left out.
        let Ok(metadata) = std::fs::metadata(&path) else { continue };
        let is_folder = metadata.is_dir();
        let wanted = is_folder
            || (metadata.is_file()
                && path
                    .extension()
                    .and_then(|ext| ext.to_str())
                    .is_some_and(|ext| ext.eq_ignore_ascii_case(extension)));
        if wanted {
            entries.push(FolderEntry { name, path, is_folder });
        }
    }
    entries.sort_by_cached_key(|entry| (!entry.is_folder, entry.name.to_lowercase()));
    let not_listed = entries.len().saturating_sub(MAX_LISTED);
    entries.truncate(MAX_LISTED);
    Ok(Listing { entries, not_listed })
}

/// The person's usual folders that exist: home, documents, downloads, desktop.
pub fn usual_places() -> Vec<(UsualPlace, PathBuf)> {
    let Some(dirs) = directories::UserDirs::new() else { return Vec::new() };
    let mut places = vec![(UsualPlace::Home, dirs.home_dir().to_owned())];
    for (place, dir) in [
        (UsualPlace::Documents, dirs.document_dir()),
        (UsualPlace::Downloads, dirs.download_dir()),
        (UsualPlace::Desktop, dirs.desktop_dir()),
    ] {
        if let Some(dir) = dir.filter(|dir| dir.is_dir()) {
            places.push((place, dir.to_owned()));
        }
    }
    places
}

/// A usual place, named in the person's language by the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsualPlace {
    /// The home folder.
    Home,
    /// The person's Documents folder (the system's name for it).
    Documents,
    /// The person's Downloads folder, where mailed routine files usually land.
    Downloads,
    /// The desktop.
    Desktop,
}

/// Whether `path` is a folder (following links).
pub fn is_folder(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| metadata.is_dir())
}

/// Whether anything is at `path` (a link counts, even a broken one).
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}
