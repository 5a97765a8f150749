//! What the app tells the person about their files and saves, under the top bar until
//! dismissed, in the person's language.

use std::io::ErrorKind;

use egui::RichText;

use super::{Command, Library, Nav, UiContext, theme};
use crate::notices::{FileProblem, Kept};
use crate::notices::{Notice, SaveFailure};

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

/// The operating system's refusal, in the person's words.
fn reason(ctx: &UiContext, kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::PermissionDenied => ctx.t.reason_permission,
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => ctx.t.reason_disk_full,
        ErrorKind::NotFound => ctx.t.reason_not_found,
        ErrorKind::ReadOnlyFilesystem => ctx.t.reason_read_only_disk,
        _ => ctx.t.reason_other,
    }
}

/// The notice in the person's language.
pub fn notice_text(ctx: &UiContext, notice: &Notice) -> String {
    let t = ctx.t;
    match notice {
        Notice::File(file) => {
            let name = file_name(&file.path);
            let problem = match &file.problem {
                FileProblem::Unreadable { kind, .. } => t.notice_unreadable.fill(&name, reason(ctx, *kind)),
                FileProblem::NotRegular => t.notice_not_regular.fill(&name),
                FileProblem::Damaged { .. } => t.notice_damaged.fill(&name),
                FileProblem::Newer => t.notice_newer.fill(&name),
                FileProblem::NameMismatch { id } => t.notice_name_mismatch.fill(&name, id),
                FileProblem::DuplicateId { id } => t.notice_duplicate_id.fill(&name, id),
            };
            let kept = match &file.kept {
                Kept::MovedTo(moved_to) => t.notice_kept_as.fill(&file_name(moved_to)),
                Kept::Untouched
                    if matches!(file.problem, FileProblem::NameMismatch { .. } | FileProblem::DuplicateId { .. }) =>
                {
                    String::new()
                }
                Kept::Untouched => t.notice_left_untouched.to_owned(),
            };
            format!("{problem} {kept}").trim_end().to_owned()
        }
        Notice::RoutineInvalid { path, first } => {
            t.notice_routine_invalid.fill(&file_name(path), &first.position.line.to_string())
        }
        Notice::NotSaved { path, failure } => {
            let name = path.as_deref().map_or_else(String::new, file_name);
            let why = match failure {
                SaveFailure::ReadOnly => t.read_only_notice,
                SaveFailure::Protected => t.reason_protected,
                SaveFailure::ReadOnlyFile => t.reason_read_only_file,
                SaveFailure::Io { kind, .. } => reason(ctx, *kind),
            };
            t.notice_not_saved.fill(&name, why)
        }
        Notice::Saved(path) => t.saved_to.fill(&path.display().to_string()),
        Notice::NotMade(_) => t.not_made.to_owned(),
        Notice::RemindersOff(_) => t.reminders_off.to_owned(),
        Notice::Deleted { title, folder } => {
            let deleted = t.deleted_notice.fill(title.get(ctx.lang));
            match folder {
                Some(folder) => {
                    format!("{deleted} {}", t.deleted_in_trash.fill(&folder.display().to_string()))
                }
                None => deleted,
            }
        }
        Notice::IdTaken(id) => t.id_taken.fill(id),
        Notice::NoDataFolder { folder, problem } => {
            let folder = folder.as_ref().map_or_else(String::new, |folder| folder.display().to_string());
            match problem {
                crate::notices::FolderProblem::NoHome => t.no_data_folder.to_owned(),
                crate::notices::FolderProblem::OtherOwner(uid) => {
                    t.data_folder_other_owner.fill(&folder, &uid.to_string())
                }
                crate::notices::FolderProblem::Refused(kind) => t.data_folder_refused.fill(&folder, reason(ctx, *kind)),
            }
        }
        Notice::FolderOpenToOthers { folder, mode } => {
            t.folder_open_to_others.fill(&folder.display().to_string(), &format!("{mode:o}"))
        }
    }
}

/// The notices, under the top bar: each on its line, then Undo (after a delete) and Dismiss.
pub fn notices_ui(ui: &mut egui::Ui, ctx: &UiContext, notices: &[Notice]) -> Vec<Command> {
    let mut commands = Vec::new();
    if notices.is_empty() {
        return commands;
    }
    egui::Panel::top("notices").show(ui, |ui| {
        ui.add_space(4.0);
        let color = theme::caution_color(ui.visuals());
        for notice in notices {
            let label = ui.add(egui::Label::new(RichText::new(notice_text(ctx, notice)).color(color)).wrap());
            super::announce(&label, egui::accesskit::Live::Polite);
        }
        ui.horizontal_wrapped(|ui| {
            if notices.iter().any(|notice| matches!(notice, Notice::Deleted { .. })) && ui.button(ctx.t.undo).clicked()
            {
                commands.push(Command::Library(Library::UndoDelete));
            }
            if ui.button(ctx.t.dismiss).clicked() {
                commands.push(Command::Nav(Nav::DismissNotices));
            }
        });
        ui.add_space(4.0);
    });
    commands
}

/// Why this window keeps nothing, as the app knows it (the screens name no app type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotKeptView {
    /// Another acupress owns the data.
    OtherOwner,
    /// Another acupress is open but does not answer.
    NoAnswer,
}

/// The line under the top bar of a window whose work would not be kept: it cannot be
/// dismissed, and offers to try again (hand over to the acupress that owns the data, or own it).
/// After the person tried to start a session, a dialog says why it did not start.
pub fn not_kept_ui(ui: &mut egui::Ui, ctx: &UiContext, reason: NotKeptView, refused_session: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    let text = match reason {
        NotKeptView::OtherOwner => ctx.t.not_kept_other_owner,
        NotKeptView::NoAnswer => ctx.t.not_kept_no_answer,
    };
    egui::Panel::top("not_kept").show(ui, |ui| {
        ui.add_space(4.0);
        let line = ui.add(egui::Label::new(RichText::new(text).color(theme::caution_color(ui.visuals()))).wrap());
        super::announce(&line, egui::accesskit::Live::Assertive);
        if ui.button(ctx.t.try_again).clicked() {
            commands.push(Command::Nav(Nav::TryAgainToOwn));
        }
        ui.add_space(4.0);
    });
    if refused_session {
        let id = egui::Id::unique("session_not_started");
        let modal = egui::Modal::new(id)
            .area(egui::Modal::default_area(id).accessible_name(ctx.t.session_not_started))
            .show(ui.ctx(), |ui| {
                super::layout::dialog_width(ui, 560.0);
                ui.label(RichText::new(ctx.t.session_not_started).size(20.0).strong());
                ui.add(egui::Label::new(text).wrap());
                ui.horizontal_wrapped(|ui| {
                    let again = ui.button(ctx.t.try_again);
                    super::focus_when_opened(&again);
                    if again.clicked() {
                        commands.push(Command::Nav(Nav::TryAgainToOwn));
                    }
                    if ui.button(ctx.t.close).clicked() {
                        commands.push(Command::Nav(Nav::CloseRefusal));
                    }
                });
            });
        if modal.should_close() {
            commands.push(Command::Nav(Nav::CloseRefusal));
        }
    }
    commands
}
