//! The app's own file chooser, shown only when the system has none (a desktop without a
//! file-chooser portal or zenity): a folder's folders and files of the one kind wanted, the
//! person's usual places, a field for a name or a whole path, and Open or Save. Every control
//! is named; Tab goes through them in reading order; Enter in the field chooses; Esc cancels.
//!
//! The app lists the folders (the screen reads nothing from disk) and keeps this state.

use std::path::{Path, PathBuf};

use egui::RichText;

use super::{Chooser, Command, UiContext, theme};

/// What the chooser is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChooserPurpose {
    /// A routine file to import.
    Import,
    /// Where to save a routine file.
    SaveRoutine,
    /// Where to save a handout or report (PDF).
    SavePdf,
    /// Where to save the history (CSV).
    SaveCsv,
}

impl ChooserPurpose {
    /// Whether the chooser saves (asks for a new name) rather than opens.
    pub fn saves(self) -> bool {
        self != ChooserPurpose::Import
    }
}

/// One of the person's usual folders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The home folder.
    Home,
    /// The person's Documents folder (the system's name for it).
    Documents,
    /// The person's Downloads folder, where mailed routine files usually land.
    Downloads,
    /// The desktop.
    Desktop,
}

/// One entry of the folder shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChooserEntry {
    /// The name in the folder.
    pub name: String,
    /// The whole path.
    pub path: PathBuf,
    /// A folder to go into.
    pub is_folder: bool,
}

/// Why the chooser cannot do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChooserProblem {
    /// The folder cannot be opened.
    FolderUnreadable(PathBuf),
    /// No such file.
    NoSuchFile(PathBuf),
    /// The name is empty.
    NoName,
}

/// The chooser's state, kept by the app while it is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChooserState {
    /// What it is for.
    pub purpose: ChooserPurpose,
    /// The extension of the files shown and saved, without the dot.
    pub extension: &'static str,
    /// The folder shown.
    pub folder: PathBuf,
    /// Its entries (folders first).
    pub entries: Vec<ChooserEntry>,
    /// Entries not listed (a huge folder): the person can still type a name.
    pub not_listed: usize,
    /// The usual places that exist.
    pub places: Vec<(Place, PathBuf)>,
    /// The name typed (a suggested one when saving).
    pub name: String,
    /// What went wrong last.
    pub problem: Option<ChooserProblem>,
    /// A file that exists and would be replaced: the person confirms first.
    pub replace: Option<PathBuf>,
}

impl ChooserState {
    /// The file the typed name stands for: a whole path as it is, otherwise in the folder
    /// shown; a saved file gets the extension if it has none.
    pub fn typed_path(&self) -> Option<PathBuf> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let mut path = if Path::new(name).is_absolute() { PathBuf::from(name) } else { self.folder.join(name) };
        if self.purpose.saves() && path.extension().is_none() {
            path.set_extension(self.extension);
        }
        Some(path)
    }
}

fn title(ctx: &UiContext, purpose: ChooserPurpose) -> &'static str {
    match purpose {
        ChooserPurpose::Import => ctx.t.chooser_open_routine,
        ChooserPurpose::SaveRoutine => ctx.t.chooser_save_routine,
        ChooserPurpose::SavePdf => ctx.t.chooser_save_pdf,
        ChooserPurpose::SaveCsv => ctx.t.chooser_save_csv,
    }
}

fn place_name(ctx: &UiContext, place: Place) -> &'static str {
    match place {
        Place::Home => ctx.t.place_home,
        Place::Documents => ctx.t.place_documents,
        Place::Downloads => ctx.t.place_downloads,
        Place::Desktop => ctx.t.place_desktop,
    }
}

fn problem_text(ctx: &UiContext, problem: &ChooserProblem) -> String {
    match problem {
        ChooserProblem::FolderUnreadable(folder) => ctx.t.chooser_folder_unreadable.fill(&folder.display().to_string()),
        ChooserProblem::NoSuchFile(file) => ctx.t.chooser_no_such_file.fill(&file.display().to_string()),
        ChooserProblem::NoName => ctx.t.chooser_no_name.to_owned(),
    }
}

/// The chooser, as a dialog over the window.
pub fn file_chooser_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut ChooserState) -> Vec<Command> {
    let mut commands = Vec::new();
    let id = egui::Id::unique("file_chooser");
    let name = title(ctx, state.purpose);
    let modal = egui::Modal::new(id).area(egui::Modal::default_area(id).accessible_name(name)).show(ui.ctx(), |ui| {
        super::layout::dialog_width(ui, 640.0);
        ui.label(RichText::new(name).size(20.0).strong());
        ui.add(egui::Label::new(ctx.t.chooser_folder.fill(&state.folder.display().to_string())).wrap());
        ui.horizontal_wrapped(|ui| {
            let up = ui.button(ctx.t.chooser_up);
            super::focus_when_opened(&up);
            if up.clicked()
                && let Some(parent) = state.folder.parent()
            {
                commands.push(Command::Chooser(Chooser::Go(parent.to_owned())));
            }
            for (place, path) in &state.places {
                if ui.button(place_name(ctx, *place)).clicked() {
                    commands.push(Command::Chooser(Chooser::Go(path.clone())));
                }
            }
        });
        ui.separator();
        // Every entry is laid out (at most a couple of thousand), so Tab reaches each one.
        egui::ScrollArea::vertical().max_height(260.0).auto_shrink([false, true]).show(ui, |ui| {
            for entry in &state.entries {
                let shown =
                    if entry.is_folder { ctx.t.chooser_entry_folder.fill(&entry.name) } else { entry.name.clone() };
                let button = ui.add(egui::Button::new(shown).frame(false));
                if button.clicked() {
                    if entry.is_folder {
                        commands.push(Command::Chooser(Chooser::Go(entry.path.clone())));
                    } else if state.purpose.saves() {
                        state.name.clone_from(&entry.name);
                    } else {
                        commands.push(Command::Chooser(Chooser::Choose(entry.path.clone())));
                    }
                }
            }
        });
        if state.entries.is_empty() {
            ui.label(RichText::new(ctx.t.chooser_empty).weak());
        }
        if state.not_listed > 0 {
            ui.label(ctx.t.chooser_not_listed.fill(&state.not_listed.to_string()));
        }
        ui.separator();
        let field_label = if state.purpose.saves() { ctx.t.chooser_file_name } else { ctx.t.chooser_name_or_path };
        let label = ui.label(field_label);
        let field =
            ui.add(egui::TextEdit::singleline(&mut state.name).desired_width(f32::INFINITY)).labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
        if let Some(problem) = &state.problem {
            ui.label(RichText::new(problem_text(ctx, problem)).color(theme::urgent_color(ui.visuals())));
        }
        if let Some(existing) = &state.replace {
            let file = existing.file_name().map_or_else(String::new, |name| name.to_string_lossy().into_owned());
            ui.label(RichText::new(ctx.t.chooser_replace_question.fill(&file)).strong());
            ui.horizontal_wrapped(|ui| {
                let replace = ui.button(ctx.t.chooser_replace);
                super::focus_when_opened(&replace);
                if replace.clicked() {
                    commands.push(Command::Chooser(Chooser::Replace(existing.clone())));
                }
                if ui.button(ctx.t.cancel).clicked() {
                    commands.push(Command::Chooser(Chooser::Keep));
                }
            });
            return;
        }
        ui.horizontal_wrapped(|ui| {
            let act = if state.purpose.saves() { ctx.t.chooser_save } else { ctx.t.chooser_open };
            if ui.button(RichText::new(act).strong()).clicked() || entered {
                commands.push(
                    state
                        .typed_path()
                        .map_or(Command::Chooser(Chooser::NoName), |path| Command::Chooser(Chooser::Choose(path))),
                );
            }
            if ui.button(ctx.t.cancel).clicked() {
                commands.push(Command::Chooser(Chooser::Cancel));
            }
        });
    });
    if modal.should_close() {
        commands.push(Command::Chooser(Chooser::Cancel));
    }
    commands
}
