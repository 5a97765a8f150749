//! The library service: which routines there are (bundled, and the person's own with the file
//! each came from), importing a file, resolving an id that is taken, saving the editor's draft,
//! new ids, and the one-point quick press.
//!
//! It writes only through `store`, and only a new file or exactly the file of the routine being
//! replaced: never a file that did not load, never a file holding another id.

use std::path::{Path, PathBuf};

use crate::breathing::BreathingPattern;
use crate::catalog::{Catalog, PointCode};
use crate::notices::Notice;
use crate::routine::{ROUTINE_FORMAT, Routine, RoutineId, to_ron};
use crate::store::{self, FileProblem, Kept, RoutineFile, Store};
use crate::text::{Lang, Text};
use crate::text_rule::parse_routine;
use crate::texts::strings;
use crate::ui::import::{DuplicateChoice, ImportDialog};

/// One of the person's routines and the file it lives in (`None` without a data folder).
#[derive(Clone, Debug, PartialEq)]
struct UserRoutine {
    routine: Routine,
    file: Option<PathBuf>,
}

/// A routine moved to the trash, kept to put it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    /// The routine.
    pub routine: Routine,
    /// Where its file went (`None` without a data folder).
    pub trashed: Option<PathBuf>,
}

/// The routines the person can start, and what is being imported.
pub struct Library {
    bundled: Vec<Routine>,
    user: Vec<UserRoutine>,
    /// Bundled, then the person's own: what the screens list.
    shown: Vec<Routine>,
    user_ids: Vec<RoutineId>,
    /// The import dialog, when one is open.
    pub dialog: Option<ImportDialog>,
}

impl Library {
    /// A library of the bundled routines.
    pub fn new(bundled: Vec<Routine>) -> Self {
        let mut library = Self { bundled, user: Vec::new(), shown: Vec::new(), user_ids: Vec::new(), dialog: None };
        library.refresh();
        library
    }

    fn refresh(&mut self) {
        self.shown = self.bundled.iter().cloned().chain(self.user.iter().map(|user| user.routine.clone())).collect();
        self.user_ids = self.user.iter().map(|user| user.routine.id.clone()).collect();
    }

    /// Every routine, bundled first.
    pub fn routines(&self) -> &[Routine] {
        &self.shown
    }

    /// The ids of the person's own routines (editable, replaceable, deletable).
    pub fn user_ids(&self) -> &[RoutineId] {
        &self.user_ids
    }

    fn user(&self, id: &RoutineId) -> Option<&UserRoutine> {
        self.user.iter().find(|user| user.routine.id == *id)
    }

    /// Adds a routine of the person's, or replaces the one with its id.
    fn put(&mut self, routine: Routine, file: Option<PathBuf>) {
        match self.user.iter_mut().find(|user| user.routine.id == routine.id) {
            Some(user) => *user = UserRoutine { routine, file },
            None => self.user.push(UserRoutine { routine, file }),
        }
        self.refresh();
    }

    /// Loads the person's routine files. A file that does not load, or a second file with an
    /// id already loaded, is reported and never written over; a file whose name is not its
    /// routine's id is loaded and reported.
    pub fn load_from(&mut self, store: &Store, catalog: &Catalog) -> Vec<Notice> {
        let (files, file_notices) = store.read_user_routines();
        let mut notices: Vec<Notice> = file_notices.into_iter().map(Notice::File).collect();
        for (path, bytes) in files {
            match parse_routine(&bytes, catalog) {
                Ok(loaded) => {
                    let id = loaded.routine.id.clone();
                    let stem = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or_default();
                    if self.user(&id).is_some() || self.bundled.iter().any(|bundled| bundled.id == id) {
                        store.keep_untouched(&path);
                        notices.push(Notice::File(store::FileNotice {
                            path,
                            problem: FileProblem::DuplicateId { id },
                            kept: Kept::Untouched,
                        }));
                        continue;
                    }
                    if stem != id {
                        notices.push(Notice::File(store::FileNotice {
                            path: path.clone(),
                            problem: FileProblem::NameMismatch { id },
                            kept: Kept::Untouched,
                        }));
                    }
                    self.put(loaded.routine, Some(path));
                }
                Err(err) => {
                    store.keep_untouched(&path);
                    if let Some(first) = err.diagnostics.first() {
                        notices.push(Notice::RoutineInvalid { path, first: Box::new(first.clone()) });
                    }
                }
            }
        }
        notices
    }

    /// Imports a routine file: validates it first (problems shown with line and column,
    /// nothing imported), then adds it, asking before an id in use is reused.
    pub fn import(&mut self, path: &Path, store: Option<&Store>, catalog: &Catalog) -> Vec<Notice> {
        let shown =
            path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned());
        let bytes = match store::read_user_file(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                self.dialog = Some(ImportDialog::Unreadable {
                    file: shown,
                    not_regular: matches!(err, store::ReadError::NotRegular { .. }),
                });
                return Vec::new();
            }
        };
        let loaded = match parse_routine(&bytes, catalog) {
            Ok(loaded) => loaded,
            Err(err) => {
                self.dialog = Some(ImportDialog::Errors { file: shown, diagnostics: err.diagnostics });
                return Vec::new();
            }
        };
        // Valid UTF-8 was checked by the parser: the therapist's text, comments included.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let routine = loaded.routine;
        if let Some(existing) = self.shown.iter().find(|existing| existing.id == routine.id) {
            let can_replace = self.user(&existing.id).is_some();
            self.dialog = Some(ImportDialog::Duplicate {
                existing_title: existing.title.clone(),
                routine: Box::new(routine),
                text,
                can_replace,
            });
            return Vec::new();
        }
        let file = RoutineFile::New(routine.id.clone());
        self.finish_import(routine, &text, &file, store)
    }

    /// Replace the routine with the same id, or keep both.
    pub fn resolve(&mut self, choice: DuplicateChoice, store: Option<&Store>) -> Vec<Notice> {
        let Some(ImportDialog::Duplicate { routine, text, can_replace, .. }) = self.dialog.take() else {
            return Vec::new();
        };
        match choice {
            DuplicateChoice::Replace if can_replace => {
                let file = self.user(&routine.id).and_then(|user| user.file.clone());
                let target = file.map_or_else(|| RoutineFile::New(routine.id.clone()), RoutineFile::Replace);
                self.finish_import(*routine, &text, &target, store)
            }
            _ => {
                let mut renamed = *routine;
                renamed.id = self.free_id(&renamed.id);
                let text = to_ron(&renamed);
                let file = RoutineFile::New(renamed.id.clone());
                self.finish_import(renamed, &text, &file, store)
            }
        }
    }

    fn finish_import(
        &mut self,
        routine: Routine,
        text: &str,
        file: &RoutineFile,
        store: Option<&Store>,
    ) -> Vec<Notice> {
        let path = match store.map(|store| store.save_user_routine(file, text)) {
            Some(Err(err)) => {
                self.dialog = None;
                return vec![err.notice()];
            }
            Some(Ok(path)) => Some(path),
            None => None,
        };
        self.dialog = Some(ImportDialog::Imported {
            routine_id: routine.id.clone(),
            title: routine.title.clone(),
            author: routine.author.clone(),
            program: None,
        });
        self.put(routine, path);
        Vec::new()
    }

    /// `id` when no routine uses it, otherwise the first free `id-2`, `id-3`, ….
    pub fn free_id(&self, id: &RoutineId) -> RoutineId {
        let taken = |candidate: &str| self.shown.iter().any(|routine| routine.id == candidate);
        if !taken(id) {
            return id.to_owned();
        }
        // At most one more candidate than there are routines is ever needed.
        (2..=self.shown.len() + 2)
            .map(|n| crate::routine::numbered_id(id, n))
            .find(|candidate| !taken(candidate))
            .unwrap_or_else(|| id.to_owned())
    }

    /// Saves the editor's draft, replacing the routine it was (`original_id`), if any.
    pub fn save_draft(
        &mut self,
        draft: Routine,
        original_id: Option<&RoutineId>,
        store: Option<&Store>,
    ) -> Result<(), Notice> {
        let taken = self.shown.iter().any(|routine| routine.id == draft.id && original_id != Some(&routine.id));
        if taken {
            return Err(Notice::IdTaken(draft.id));
        }
        let original_file = original_id.and_then(|id| self.user(id)).and_then(|user| user.file.clone());
        let text = to_ron(&draft);
        let mut path = None;
        if let Some(store) = store {
            let same_id = original_id == Some(&draft.id);
            let target = match (&original_file, same_id) {
                (Some(file), true) => RoutineFile::Replace(file.clone()),
                _ => RoutineFile::New(draft.id.clone()),
            };
            path = Some(store.save_user_routine(&target, &text).map_err(|err| err.notice())?);
            if let (Some(file), false) = (&original_file, same_id) {
                // Renamed: the old file goes once the new one is safely written.
                store.delete_user_routine(file).map_err(|err| err.notice())?;
            }
        }
        if let Some(original) = original_id.filter(|original| **original != draft.id) {
            self.user.retain(|user| user.routine.id != *original);
        }
        self.put(draft, path);
        Ok(())
    }

    /// Moves one of the person's routines to the trash: out of the library, its file into the
    /// store's trash folder. Returns what is needed to put it back (`None`: no such routine).
    pub fn delete(&mut self, id: &RoutineId, store: Option<&Store>) -> Result<Option<Deleted>, Notice> {
        let Some(index) = self.user.iter().position(|user| user.routine.id == *id) else { return Ok(None) };
        let trashed = match (&self.user[index].file, store) {
            (Some(file), Some(store)) => Some(store.trash_user_routine(file).map_err(|err| err.notice())?),
            _ => None,
        };
        let user = self.user.remove(index);
        self.refresh();
        Ok(Some(Deleted { routine: user.routine, trashed }))
    }

    /// Puts a deleted routine back and returns its id. If its id was taken in the meantime it
    /// comes back under a free one (written anew; the copy in the trash stays).
    pub fn restore(&mut self, deleted: Deleted, store: Option<&Store>) -> Result<RoutineId, Notice> {
        let Deleted { mut routine, trashed } = deleted;
        let free = self.free_id(&routine.id);
        let path = match store {
            Some(store) if free == routine.id => match &trashed {
                Some(trashed) => Some(store.restore_user_routine(trashed, &routine.id).map_err(|err| err.notice())?),
                None => None,
            },
            Some(store) => {
                routine.id = free;
                let target = RoutineFile::New(routine.id.clone());
                Some(store.save_user_routine(&target, &to_ron(&routine)).map_err(|err| err.notice())?)
            }
            None => {
                routine.id = free;
                None
            }
        };
        let id = routine.id.clone();
        self.put(routine, path);
        Ok(id)
    }

    /// The person's own copy of `original`, to edit: a new id, no author yet (whoever edits it
    /// signs it; the live check asks), and what it was copied from. The original stays exactly
    /// as it came.
    pub fn copy_for_editing(&self, original: &Routine) -> Routine {
        let based_on = |lang: Lang| strings(lang).based_on_text.fill(original.title.get(lang), &original.author);
        Routine {
            id: self.free_id(&original.id),
            author: String::new(),
            based_on: Some(Text::new(based_on(Lang::En), based_on(Lang::Nl))),
            ..original.clone()
        }
    }

    /// A new, empty routine with a free id.
    pub fn new_routine(&self) -> Routine {
        Routine {
            format: ROUTINE_FORMAT,
            id: self.free_id(&RoutineId::from("my-routine")),
            title: Text::new(strings(Lang::En).new_routine_title, strings(Lang::Nl).new_routine_title),
            description: Text::default(),
            author: String::new(),
            complaints: Vec::new(),
            breathing: BreathingPattern::SlowPaced,
            rest_secs: 15,
            steps: Vec::new(),
            prescription: None,
            contact: None,
            based_on: None,
        }
    }
}

/// The quick press for `code`, titled in both languages.
pub fn quick_press(catalog: &Catalog, code: &PointCode) -> Option<Routine> {
    let point = catalog.get(code)?;
    let title_for = |lang: Lang| strings(lang).quick_press_title.fill(point.name.get(lang));
    Some(crate::routine::quick_press(point, Text::new(title_for(Lang::En), title_for(Lang::Nl))))
}
