//! The home programs, on the app's side: a routine with a prescription becomes a program when it
//! is imported; the program screen's commands; the reminders kept in step with the settings; and
//! a reminder acted on, which opens that routine's safety questions.

use super::library::{ImportOutcome, ImportedRoutine, PendingImport};
use super::{AcupressApp, Screen};
use crate::program::Program;
use crate::routine::RoutineId;
use crate::ui::import::{ImportDialog, ProgramNote};
use crate::ui::program::ProgramState;
use crate::ui::{Command, ProgramAction, SessionFlow, Tab};

impl AcupressApp {
    /// Today, in the person's time zone, by the app's clock.
    /// The prescription's activities to rate at the end of the session kept at `index`, when a
    /// rating is due (at the start of a program, then weekly; PSFS); decided once, from the
    /// sessions before this one.
    pub(super) fn activities_due(&self, routine: &crate::routine::Routine, index: usize) -> Vec<crate::text::Text> {
        let records = self.history.records();
        let earlier = records.get(..index).unwrap_or(&records);
        if crate::outcome::rating_due(earlier, routine, self.today(), &self.zone) {
            routine.prescription.iter().flat_map(|prescription| prescription.activities.clone()).collect()
        } else {
            Vec::new()
        }
    }

    pub(super) fn today(&self) -> jiff::civil::Date {
        crate::history::local_date(self.clock.wall_unix_secs(), &self.zone)
    }

    /// Shows what an import came to in the import dialog. An imported routine opens the
    /// Routines tab, and one with a prescription becomes a home program from today (unless it is
    /// one already), which the dialog says.
    pub(super) fn show_import(&mut self, outcome: ImportOutcome) {
        self.import_dialog = match outcome {
            ImportOutcome::Unreadable { file, not_regular } => Some(ImportDialog::Unreadable { file, not_regular }),
            ImportOutcome::Refused { file, diagnostics } => Some(ImportDialog::Errors { file, diagnostics }),
            ImportOutcome::Duplicate(PendingImport { routine, text, existing_title, can_replace }) => {
                Some(ImportDialog::Duplicate { routine, text, existing_title, can_replace })
            }
            ImportOutcome::Imported(ImportedRoutine { routine_id, title, author }) => {
                self.tab = Tab::Library;
                let program = self.start_program_for_import(&routine_id);
                Some(ImportDialog::Imported { routine_id, title, author, program })
            }
            ImportOutcome::NotSaved(notice) => {
                self.report(notice);
                None
            }
        };
    }

    /// The home program an imported routine becomes, when it has a prescription: a new one from
    /// today, or the one it already has.
    fn start_program_for_import(&mut self, routine_id: &RoutineId) -> Option<ProgramNote> {
        let routine = self.library.routines().iter().find(|routine| routine.id == *routine_id).cloned()?;
        let prescription = routine.prescription.clone()?;
        let today = self.today();
        let existing = self.settings.programs.iter().position(|program| program.routine_id == *routine_id);
        let program = if let Some(index) = existing {
            self.settings.programs[index].clone()
        } else {
            let program = Program::for_routine(&routine, today);
            // Outside a command (an import handed over or dropped): the same one place passes
            // the change on.
            let before = self.settings.clone();
            self.settings.programs.push(program.clone());
            self.settings_changed_since(&before);
            program
        };
        Some(ProgramNote {
            prescription: prescription.clone(),
            start: program.start,
            end: program.end(Some(&prescription)).unwrap_or(program.start),
            reminders: if program.reminders_on { program.reminders.clone() } else { Vec::new() },
        })
    }

    /// The program screen's commands.
    pub(super) fn apply_program(&mut self, action: ProgramAction) {
        match action {
            ProgramAction::Open(routine_id) => {
                let Some(routine) = self.library.routines().iter().find(|routine| routine.id == routine_id).cloned()
                else {
                    return;
                };
                let existing = self.settings.programs.iter().find(|program| program.routine_id == routine_id).cloned();
                let today = self.today();
                let state = ProgramState {
                    draft: existing.clone().unwrap_or_else(|| Program::for_routine(&routine, today)),
                    routine,
                    existing: existing.is_some(),
                    new_time: String::new(),
                    time_invalid: false,
                };
                self.screen = Screen::Program(Box::new(state));
            }
            ProgramAction::Save(program) => {
                match self.settings.programs.iter_mut().find(|existing| existing.routine_id == program.routine_id) {
                    Some(existing) => *existing = *program,
                    None => self.settings.programs.push(*program),
                }
                self.after_program_change();
            }
            ProgramAction::Remove(routine_id) => {
                self.settings.programs.retain(|program| program.routine_id != routine_id);
                self.after_program_change();
            }
        }
    }

    /// Back to the body map (settings are kept and passed on after the command).
    fn after_program_change(&mut self) {
        self.tab = Tab::BodyMap;
        self.screen = Screen::Main;
    }

    /// Tells the reminders what to watch, after the programs, the routines or the language changed.
    pub(super) fn sync_reminders(&self) {
        if let Some(reminders) = &self.reminders {
            reminders.watch(&self.settings.programs, self.library.routines(), self.lang());
        }
    }

    /// A reminder the person acted on: the window comes forward with that routine's safety
    /// questions (not in the middle of a session or of other questions).
    pub(super) fn open_clicked_reminders(&mut self, ctx: &egui::Context) {
        let Some(reminders) = &self.reminders else { return };
        reminders.set_window(ctx);
        // In the middle of a session or of other questions the click waits until they are done.
        let busy = !matches!(self.screen, Screen::Main | Screen::About(_) | Screen::Program(_));
        if busy {
            return;
        }
        let clicked = reminders.take_clicked();
        let Some(routine_id) = clicked.last() else { return };
        if let Some(routine) = self.library.routines().iter().find(|routine| &routine.id == routine_id).cloned() {
            self.apply(Command::Session(SessionFlow::Prepare(Box::new(routine))), ctx);
        }
    }
}
