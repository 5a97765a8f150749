//! The app's own file chooser, on the app's side: opened when the system has none, it lists
//! folders through the store and, when the person chooses, imports the file or writes the
//! export exactly as the system's dialog would have.

use std::path::{Path, PathBuf};

use super::AcupressApp;
use super::effects::{Chosen, FileKind};
use crate::notices::Notice;
use crate::store::browse::{self, UsualPlace};
use crate::ui::Chooser;
use crate::ui::file_chooser::{ChooserEntry, ChooserProblem, ChooserPurpose, ChooserState, Place};

/// What happens with the file the person chooses.
pub(super) enum Choice {
    /// Import it.
    Import,
    /// Write these bytes to it.
    Save(Vec<u8>),
}

impl AcupressApp {
    /// Asks for a routine file to import: the system's dialog, or the app's own chooser.
    pub(super) fn pick_routine_to_import(&mut self) {
        match self.dialogs.open(FileKind::Routine) {
            Chosen::Path(path) => self.queue_import(path),
            Chosen::Cancelled => {}
            Chosen::NoChooser => {
                self.open_chooser(ChooserPurpose::Import, FileKind::Routine, String::new(), Choice::Import);
            }
        }
    }

    /// Asks where to save an export and writes it there: the system's dialog, or the app's own
    /// chooser (then the bytes wait for the person's choice).
    pub(super) fn export(&mut self, kind: FileKind, name: &str, bytes: Vec<u8>) -> Vec<Notice> {
        match self.dialogs.save_as(kind, name) {
            Chosen::Path(path) => vec![write_export(&path, &bytes)],
            Chosen::Cancelled => Vec::new(),
            Chosen::NoChooser => {
                let purpose = match kind {
                    FileKind::Routine => ChooserPurpose::SaveRoutine,
                    FileKind::Pdf => ChooserPurpose::SavePdf,
                    FileKind::Csv => ChooserPurpose::SaveCsv,
                };
                self.open_chooser(purpose, kind, name.to_owned(), Choice::Save(bytes));
                Vec::new()
            }
        }
    }

    fn open_chooser(&mut self, purpose: ChooserPurpose, kind: FileKind, name: String, choice: Choice) {
        let places: Vec<(Place, PathBuf)> =
            browse::usual_places().into_iter().map(|(place, path)| (place_of(place), path)).collect();
        let wanted = if purpose.saves() { Place::Documents } else { Place::Downloads };
        let folder = places
            .iter()
            .find(|(place, _)| *place == wanted)
            .or_else(|| places.first())
            .map_or_else(|| PathBuf::from("/"), |(_, path)| path.clone());
        let mut state = ChooserState {
            purpose,
            extension: kind.extension(),
            folder: folder.clone(),
            entries: Vec::new(),
            not_listed: 0,
            places,
            name,
            problem: None,
            replace: None,
        };
        list_into(&mut state, &folder);
        self.chooser = Some((Box::new(state), choice));
    }

    /// The chooser's commands.
    pub(super) fn apply_chooser(&mut self, command: Chooser) {
        let Some((state, _)) = self.chooser.as_mut() else { return };
        match command {
            Chooser::Go(folder) => list_into(state, &folder),
            Chooser::NoName => state.problem = Some(ChooserProblem::NoName),
            Chooser::Keep => state.replace = None,
            Chooser::Cancel => self.chooser = None,
            Chooser::Choose(path) => {
                if crate::store::is_folder(&path) {
                    list_into(state, &path);
                    state.name.clear();
                    return;
                }
                let saves = state.purpose.saves();
                if saves && crate::store::exists(&path) {
                    state.replace = Some(path);
                    return;
                }
                if !saves && !crate::store::exists(&path) {
                    state.problem = Some(ChooserProblem::NoSuchFile(path));
                    return;
                }
                self.finish_choice(&path);
            }
            Chooser::Replace(path) => self.finish_choice(&path),
        }
    }

    fn finish_choice(&mut self, path: &Path) {
        let Some((_, choice)) = self.chooser.take() else { return };
        match choice {
            Choice::Import => self.queue_import(path.to_owned()),
            Choice::Save(bytes) => {
                let notice = write_export(path, &bytes);
                self.report(notice);
            }
        }
    }
}

fn write_export(path: &Path, bytes: &[u8]) -> Notice {
    match crate::store::Store::export(path, bytes) {
        Ok(()) => Notice::Saved(path.to_owned()),
        Err(err) => err.notice(),
    }
}

/// Shows `folder` in the chooser, or says it cannot be opened (and stays where it was).
fn list_into(state: &mut ChooserState, folder: &Path) {
    match browse::list_folder(folder, state.extension) {
        Ok(listing) => {
            folder.clone_into(&mut state.folder);
            state.entries = listing
                .entries
                .into_iter()
                .map(|entry| ChooserEntry { name: entry.name, path: entry.path, is_folder: entry.is_folder })
                .collect();
            state.not_listed = listing.not_listed;
            state.problem = None;
        }
        Err(_) => state.problem = Some(ChooserProblem::FolderUnreadable(folder.to_owned())),
    }
}

fn place_of(place: UsualPlace) -> Place {
    match place {
        UsualPlace::Home => Place::Home,
        UsualPlace::Documents => Place::Documents,
        UsualPlace::Downloads => Place::Downloads,
        UsualPlace::Desktop => Place::Desktop,
    }
}
