//! The import dialog: errors with their positions, a routine id that is already taken, or
//! the routine that was added.

use egui::RichText;

use super::{Command, Library, UiContext, theme};
use crate::routine::{Routine, RoutineId};
use crate::text::Text;

/// What the import dialog shows.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportDialog {
    /// The file was refused; nothing was imported.
    Errors {
        /// The file's name.
        file: String,
        /// Every problem found, with its line and column.
        diagnostics: Vec<crate::source::Diagnostic>,
    },
    /// The file could not be read at all.
    Unreadable {
        /// The file's name.
        file: String,
        /// It is a folder, pipe or device rather than a file.
        not_regular: bool,
    },
    /// A routine with the same id is in the library already.
    Duplicate {
        /// The routine being imported.
        routine: Box<Routine>,
        /// The file's text, to keep the therapist's comments.
        text: String,
        /// Title of the routine already there.
        existing_title: Text,
        /// Whether the one already there may be replaced (bundled ones may not).
        can_replace: bool,
    },
    /// The routine is in the library.
    Imported {
        /// Its id.
        routine_id: RoutineId,
        /// Its title.
        title: Text,
        /// Who wrote it.
        author: String,
        /// The home program it became, when it has a prescription.
        program: Option<ProgramNote>,
    },
}

/// What the person is told about the home program an imported routine became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramNote {
    /// How often.
    pub prescription: crate::routine::Prescription,
    /// The first day.
    pub start: jiff::civil::Date,
    /// The last day.
    pub end: jiff::civil::Date,
    /// When reminders come.
    pub reminders: Vec<crate::program::ReminderTime>,
}

/// How to resolve an id that is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateChoice {
    /// Replace the routine already there.
    Replace,
    /// Keep both: the new one gets a new id.
    KeepBoth,
}

/// The dialog, as a modal over the current screen.
pub fn import_dialog_ui(ui: &mut egui::Ui, ctx: &UiContext, dialog: &ImportDialog) -> Vec<Command> {
    let mut commands = Vec::new();
    let modal = egui::Modal::new(egui::Id::unique("import_dialog")).show(ui.ctx(), |ui| {
        super::layout::dialog_width(ui, 640.0);
        match dialog {
            ImportDialog::Unreadable { file, not_regular } => {
                ui.label(
                    RichText::new(ctx.t.import_errors_title)
                        .size(20.0)
                        .strong()
                        .color(theme::urgent_color(ui.visuals())),
                );
                let text = if *not_regular { ctx.t.import_not_regular } else { ctx.t.import_unreadable };
                ui.label(text.fill(file));
                if ui.button(ctx.t.close).clicked() {
                    commands.push(Command::Library(Library::CloseDialog));
                }
            }
            ImportDialog::Errors { file, diagnostics } => {
                ui.label(
                    RichText::new(ctx.t.import_errors_title)
                        .size(20.0)
                        .strong()
                        .color(theme::urgent_color(ui.visuals())),
                );
                ui.label(ctx.t.import_nothing_imported.fill(file));
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    for diagnostic in diagnostics {
                        ui.label(
                            RichText::new(diagnostic.display_with_file_in(file, ctx.lang).to_string()).monospace(),
                        );
                    }
                });
                if ui.button(ctx.t.close).clicked() {
                    commands.push(Command::Library(Library::CloseDialog));
                }
            }
            ImportDialog::Duplicate { routine, existing_title, can_replace, .. } => {
                ui.label(RichText::new(ctx.t.duplicate_title).size(20.0).strong());
                let text = if *can_replace { ctx.t.duplicate_text } else { ctx.t.duplicate_bundled_text };
                ui.label(text.fill(existing_title.get(ctx.lang), routine.title.get(ctx.lang)));
                ui.horizontal_wrapped(|ui| {
                    if *can_replace && ui.button(ctx.t.replace).clicked() {
                        commands.push(Command::Library(Library::ImportResolve(DuplicateChoice::Replace)));
                    }
                    let keep = if *can_replace { ctx.t.keep_both } else { ctx.t.add_separately };
                    if ui.button(RichText::new(keep).strong()).clicked() {
                        commands.push(Command::Library(Library::ImportResolve(DuplicateChoice::KeepBoth)));
                    }
                    if ui.button(ctx.t.cancel).clicked() {
                        commands.push(Command::Library(Library::CloseDialog));
                    }
                });
            }
            ImportDialog::Imported { title, author, program, .. } => {
                ui.label(RichText::new(ctx.t.imported_title).size(20.0).strong().color(theme::ok_color(ui.visuals())));
                ui.label(ctx.t.imported_text.fill(title.get(ctx.lang), author));
                if let Some(note) = program {
                    ui.add_space(6.0);
                    ui.label(RichText::new(ctx.t.program_started_title).strong());
                    ui.label(super::program::program_note_text(ctx, note));
                }
                if ui.button(ctx.t.close).clicked() {
                    commands.push(Command::Library(Library::CloseDialog));
                }
            }
        }
    });
    if modal.should_close() && commands.is_empty() {
        commands.push(Command::Library(Library::CloseDialog));
    }
    commands
}
