//! The library: every routine, searchable, with start and a preview of the plan.

use egui::RichText;

use super::{Command, Export, Library, ProgramAction, SessionFlow, UiContext, page_ui, theme};
use crate::routine::{Routine, RoutineId, format_clock};
use crate::session::Timeline;
use crate::texts::count_form;

/// What the library remembers between frames.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LibraryState {
    /// The search text.
    pub search: String,
    /// "Delete this routine?" is being asked for the routine with this id.
    pub confirm_delete: Option<RoutineId>,
}

fn matches(routine: &Routine, ctx: &UiContext, search: &str) -> bool {
    let needle = search.trim().to_lowercase();
    if needle.is_empty() {
        return true;
    }
    let haystack =
        [routine.title.get(ctx.lang), routine.description.get(ctx.lang), routine.author.as_str(), routine.id.as_str()]
            .join(" ")
            .to_lowercase();
    haystack.contains(&needle)
        || routine.complaints.iter().any(|complaint| complaint.name(ctx.lang).to_lowercase().contains(&needle))
        || routine.steps.iter().any(|step| {
            step.point.as_str().to_lowercase() == needle
                || ctx
                    .catalog
                    .get(&step.point)
                    .is_some_and(|point| point.name.get(ctx.lang).to_lowercase().contains(&needle))
        })
}

/// The library screen.
pub fn library_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut LibraryState) -> Vec<Command> {
    let mut commands = Vec::new();
    page_ui(ui, ctx, "library", |ui| {
        ui.label(RichText::new(ctx.t.library_title).size(theme::HEADING_SIZE).strong());
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(ctx.t.search);
            let search =
                ui.add(egui::TextEdit::singleline(&mut state.search).desired_width(240.0)).labelled_by(label.id);
            ctx.focus_first(&search);
            ui.add_space(12.0);
            if ui.button(ctx.t.import).clicked() {
                commands.push(Command::Library(Library::ImportPick));
            }
            if ui.button(ctx.t.new_routine).clicked() {
                commands.push(Command::Library(Library::NewRoutine));
            }
        });
        ui.add_space(6.0);
        let mut shown = 0;
        for routine in ctx.routines.iter().filter(|routine| matches(routine, ctx, &state.search)) {
            shown += 1;
            if let Some(command) = routine_card_ui(ui, ctx, routine, Some(&mut state.confirm_delete)) {
                commands.push(command);
            }
        }
        if shown == 0 {
            ui.label(RichText::new(ctx.t.no_routines_found).weak());
        }
    });
    if let Some(id) = state.confirm_delete.clone() {
        confirm_delete_ui(ui, ctx, &id, state, &mut commands);
    }
    commands
}

/// "Delete this routine?": Enter deletes (it goes to the trash, and can be undone), Esc keeps it.
fn confirm_delete_ui(
    ui: &egui::Ui,
    ctx: &UiContext,
    id: &RoutineId,
    state: &mut LibraryState,
    commands: &mut Vec<Command>,
) {
    let title = ctx
        .routines
        .iter()
        .find(|routine| routine.id == *id)
        .map_or(id.as_str(), |routine| routine.title.get(ctx.lang));
    let enter = ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
    let modal = egui::Modal::new(egui::Id::unique("confirm_delete")).show(ui.ctx(), |ui| {
        super::layout::dialog_width(ui, 460.0);
        ui.label(RichText::new(ctx.t.delete_title.fill(title)).size(20.0).strong());
        ui.label(ctx.t.delete_text);
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button(RichText::new(ctx.t.delete_confirm).strong()).clicked() || enter {
                commands.push(Command::Library(Library::DeleteRoutine(id.clone())));
                state.confirm_delete = None;
            }
            if ui.button(ctx.t.keep_it).clicked() {
                state.confirm_delete = None;
            }
        });
    });
    if modal.should_close() {
        state.confirm_delete = None;
    }
}

/// One routine: title, complaints, length, points, author; Start (and, in the library, edit
/// or copy, delete for the person's own, and a preview). The buttons follow the title, left to
/// right, in the order the keyboard reaches them.
pub fn routine_card_ui(
    ui: &mut egui::Ui,
    ctx: &UiContext,
    routine: &Routine,
    confirm_delete: Option<&mut Option<RoutineId>>,
) -> Option<Command> {
    let mut command = None;
    let in_library = confirm_delete.is_some();
    let mine = ctx.user_routine_ids.contains(&routine.id);
    // Only what the person wrote is edited in place; a therapist's file stays as it came.
    let own = mine && ctx.own_routine_ids.contains(&routine.id);
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.add(egui::Label::new(RichText::new(routine.title.get(ctx.lang)).strong().size(16.0)).wrap());
        let complaints: Vec<&str> = routine.complaints.iter().map(|complaint| complaint.name(ctx.lang)).collect();
        // Whole minutes: "11:35" would read as a time of day.
        let minutes = routine.total_secs().div_ceil(60).to_string();
        let distinct = routine.distinct_points().len();
        ui.label(
            RichText::new(format!(
                "{} · {}",
                complaints.join(", "),
                count_form(distinct, ctx.t.minutes_points_one, ctx.t.minutes_points)
                    .fill(&minutes, &distinct.to_string())
            ))
            .weak(),
        );
        let yours = if mine { format!(" · {}", ctx.t.your_routine) } else { String::new() };
        ui.label(RichText::new(format!("{}{yours}", ctx.t.from_author.fill(&routine.author))).weak());
        if let Some(based_on) = &routine.based_on {
            ui.label(RichText::new(ctx.t.based_on.fill(based_on.get(ctx.lang))).weak());
        }
        ui.horizontal_wrapped(|ui| {
            let start = ui.button(RichText::new(ctx.t.start).strong());
            let start = start.on_hover_text(ctx.t.gate_needed_for.fill(routine.title.get(ctx.lang)));
            if start.clicked() {
                command = Some(Command::Session(SessionFlow::Prepare(Box::new(routine.clone()))));
            }
            if in_library {
                let label = if own { ctx.t.edit } else { ctx.t.duplicate_edit };
                if ui.button(label).clicked() {
                    let original = own.then(|| routine.id.clone());
                    command = Some(Command::Library(Library::EditRoutine(Box::new(routine.clone()), original)));
                }
            }
            if in_library && ui.button(ctx.t.handout).clicked() {
                command = Some(Command::Export(Export::Handout(Box::new(routine.clone()))));
            }
            if in_library {
                let has_program = ctx.programs.iter().any(|program| program.routine_id == routine.id);
                let label = if has_program { ctx.t.program_button } else { ctx.t.remind_button };
                if ui.button(label).clicked() {
                    command = Some(Command::Program(ProgramAction::Open(routine.id.clone())));
                }
            }
            if let Some(confirm) = confirm_delete
                && mine
            {
                let delete = ui.button(ctx.t.delete);
                let label = ctx.t.delete_named.fill(routine.title.get(ctx.lang));
                delete.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if delete.clicked() {
                    *confirm = Some(routine.id.clone());
                }
            }
        });
        if in_library {
            ui.label(routine.description.get(ctx.lang));
            egui::CollapsingHeader::new(ctx.t.preview).id_salt(("preview", &routine.id)).show(ui, |ui| {
                plan_ui(ui, ctx, routine);
            });
        }
    });
    ui.add_space(4.0);
    command
}

/// The plan of a routine: each step with point, sides, press time and breathing.
pub fn plan_ui(ui: &mut egui::Ui, ctx: &UiContext, routine: &Routine) {
    let timeline = Timeline::new(routine);
    egui::Grid::new(("plan", &routine.id)).striped(true).num_columns(4).show(ui, |ui| {
        for (index, step) in routine.steps.iter().enumerate() {
            let start = timeline.step_starts()[index];
            ui.label(format_clock(start.as_secs()));
            let name =
                ctx.catalog.get(&step.point).map_or_else(|| step.point.to_string(), |point| point.label(ctx.lang));
            ui.label(name);
            ui.label(format!("{} · {}", super::player::step_detail(ctx, step), step.pressure.name(ctx.lang)));
            ui.label(RichText::new(routine.breathing_for(step).name(ctx.lang)).weak());
            ui.end_row();
        }
    });
    ui.label(RichText::new(ctx.t.total_time.fill(&format_clock(timeline.total().as_secs()))).weak());
}
