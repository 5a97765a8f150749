//! The library service: which routines there are (bundled, and the person's own with the file
//! each came from), importing a file, resolving an id that is taken, saving the editor's draft,
//! new ids, and the one-point quick press. It says what an import came to ([`ImportOutcome`]);
//! the app shows that in the import dialog, which this module knows nothing of.
//!
//! It writes only through `store`, and only a new file or exactly the file of the routine being
//! replaced: never a file that did not load, never a file holding another id.

use std::path::{Path, PathBuf};

use crate::breathing::BreathingPattern;
use crate::catalog::{Catalog, PointCode};
use crate::notices::Notice;
use crate::routine::{ROUTINE_FORMAT, Routine, RoutineId, to_ron};
use crate::source::Diagnostic;
use crate::store::{self, FileProblem, Kept, RoutineFile, Store};
use crate::text::{Lang, Text};
use crate::text_rule::parse_routine;
use crate::texts::strings;

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

/// An import waiting for the person: its id is taken.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    /// The routine being imported.
    pub routine: Box<Routine>,
    /// The file's text, kept as written (the therapist's comments included).
    pub text: String,
    /// The title of the routine that has the id already.
    pub existing_title: Text,
    /// Whether that routine may be replaced (the person's may; a bundled one may not).
    pub can_replace: bool,
}

/// A routine that is in the library now.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedRoutine {
    /// Its id (after "keep both", the new one).
    pub routine_id: RoutineId,
    /// Its title.
    pub title: Text,
    /// Who wrote it.
    pub author: String,
}

/// What an import came to.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportOutcome {
    /// The file could not be read at all; nothing was imported.
    Unreadable {
        /// The file's name.
        file: String,
        /// It is a folder, pipe or device rather than a file.
        not_regular: bool,
    },
    /// The file is not a valid routine; nothing was imported.
    Refused {
        /// The file's name.
        file: String,
        /// Every problem, with its line and column.
        diagnostics: Vec<Diagnostic>,
    },
    /// Its id is taken: the person chooses ([`Library::replace_with`] or [`Library::keep_both`]).
    Duplicate(PendingImport),
    /// It is in the library.
    Imported(ImportedRoutine),
    /// It could not be saved; the library is as it was.
    NotSaved(Notice),
}

/// The routines the person can start.
pub struct Library {
    bundled: Vec<Routine>,
    user: Vec<UserRoutine>,
    /// Bundled, then the person's own: what the screens list.
    shown: Vec<Routine>,
    user_ids: Vec<RoutineId>,
}

impl Library {
    /// A library of the bundled routines.
    pub fn new(bundled: Vec<Routine>) -> Self {
        let mut library = Self { bundled, user: Vec::new(), shown: Vec::new(), user_ids: Vec::new() };
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

    /// Imports a routine file: validates it first (problems with line and column, nothing
    /// imported), then adds it, unless its id is taken: then the person decides.
    pub fn import(&mut self, path: &Path, store: Option<&Store>, catalog: &Catalog) -> ImportOutcome {
        let file =
            path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned());
        let bytes = match store::read_user_file(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                return ImportOutcome::Unreadable {
                    file,
                    not_regular: matches!(err, store::ReadError::NotRegular { .. }),
                };
            }
        };
        let loaded = match parse_routine(&bytes, catalog) {
            Ok(loaded) => loaded,
            Err(err) => return ImportOutcome::Refused { file, diagnostics: err.diagnostics },
        };
        // Valid UTF-8 was checked by the parser: the therapist's text, comments included.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let routine = loaded.routine;
        if let Some(existing) = self.shown.iter().find(|existing| existing.id == routine.id) {
            return ImportOutcome::Duplicate(PendingImport {
                existing_title: existing.title.clone(),
                can_replace: self.user(&existing.id).is_some(),
                routine: Box::new(routine),
                text,
            });
        }
        let file = RoutineFile::New(routine.id.clone());
        self.finish_import(routine, &text, &file, store)
    }

    /// Replaces the person's routine that has the pending import's id with it (exactly its
    /// file). A routine that may not be replaced (a bundled one) is kept, and the import
    /// kept beside it as with [`Library::keep_both`].
    pub fn replace_with(&mut self, pending: PendingImport, store: Option<&Store>) -> ImportOutcome {
        if !pending.can_replace {
            return self.keep_both(pending, store);
        }
        let routine = *pending.routine;
        let file = self.user(&routine.id).and_then(|user| user.file.clone());
        let target = file.map_or_else(|| RoutineFile::New(routine.id.clone()), RoutineFile::Replace);
        self.finish_import(routine, &pending.text, &target, store)
    }

    /// Adds the pending import beside the routine that has its id, under the first free id.
    pub fn keep_both(&mut self, pending: PendingImport, store: Option<&Store>) -> ImportOutcome {
        let mut renamed = *pending.routine;
        renamed.id = self.free_id(&renamed.id);
        let text = to_ron(&renamed);
        let file = RoutineFile::New(renamed.id.clone());
        self.finish_import(renamed, &text, &file, store)
    }

    fn finish_import(
        &mut self,
        routine: Routine,
        text: &str,
        file: &RoutineFile,
        store: Option<&Store>,
    ) -> ImportOutcome {
        let path = match store.map(|store| store.save_user_routine(file, text)) {
            Some(Err(err)) => return ImportOutcome::NotSaved(err.notice()),
            Some(Ok(path)) => Some(path),
            None => None,
        };
        let imported = ImportedRoutine {
            routine_id: routine.id.clone(),
            title: routine.title.clone(),
            author: routine.author.clone(),
        };
        self.put(routine, path);
        ImportOutcome::Imported(imported)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;
    use crate::routine::numbered_id;

    /// The bundled library and a folder to put files in.
    fn library() -> (Library, Catalog, tempfile::TempDir) {
        let catalog = bundled::catalog().unwrap();
        let routines = bundled::valid_routines(&catalog).unwrap();
        (Library::new(routines), catalog, tempfile::tempdir().unwrap())
    }

    #[test]
    fn an_import_says_what_it_came_to_and_a_taken_id_waits_for_the_person() {
        let (mut library, catalog, folder) = library();
        let bundled = library.routines()[0].clone();
        let own_text = to_ron(&Routine { id: "rug-jan".into(), ..bundled.clone() });
        let same_id_as_bundled = to_ron(&bundled);
        let files =
            [("rug-jan.ron", own_text.as_str()), ("broken.ron", "(format: 1, id: "), ("copy.ron", &same_id_as_bundled)];
        for (name, text) in files {
            std::fs::write(folder.path().join(name), text).unwrap();
        }

        let outcome = library.import(&folder.path().join("rug-jan.ron"), None, &catalog);
        assert!(
            matches!(&outcome, ImportOutcome::Imported(imported) if imported.routine_id == "rug-jan"),
            "{outcome:?}"
        );
        assert!(library.user_ids().contains(&RoutineId::from("rug-jan")));

        let outcome = library.import(&folder.path().join("broken.ron"), None, &catalog);
        assert!(
            matches!(&outcome, ImportOutcome::Refused { file, diagnostics } if file == "broken.ron" && !diagnostics.is_empty()),
            "{outcome:?}"
        );
        let outcome = library.import(&folder.path().join("missing.ron"), None, &catalog);
        assert!(matches!(outcome, ImportOutcome::Unreadable { not_regular: false, .. }), "{outcome:?}");
        let outcome = library.import(folder.path(), None, &catalog);
        assert!(matches!(outcome, ImportOutcome::Unreadable { not_regular: true, .. }), "{outcome:?}");

        // The id of a bundled routine: it may not be replaced, so "replace" keeps both.
        let ImportOutcome::Duplicate(pending) = library.import(&folder.path().join("copy.ron"), None, &catalog) else {
            panic!("a taken id asks first")
        };
        assert!(!pending.can_replace);
        assert_eq!(library.routines().len(), 1 + library.bundled.len(), "nothing added while the person decides");
        let outcome = library.replace_with(pending, None);
        let expected = numbered_id(&bundled.id, 2);
        assert!(
            matches!(&outcome, ImportOutcome::Imported(imported) if imported.routine_id == expected),
            "{outcome:?}"
        );
        assert!(library.routines().iter().any(|routine| routine.id == bundled.id), "the bundled one stays");
    }
}
