//! The library: every routine, searchable, with start and a preview of the plan.

use egui::RichText;

use super::strings::{count_form, fill};
use super::{Command, UiContext, theme};
use crate::routine::{Routine, format_clock};
use crate::session::Timeline;

/// What the library remembers between frames.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LibraryState {
    /// The search text.
    pub search: String,
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
    egui::CentralPanel::default().show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(ctx.t.library_title).size(theme::HEADING_SIZE).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(ctx.t.new_routine).clicked() {
                    commands.push(Command::NewRoutine);
                }
                if ui.button(ctx.t.import).clicked() {
                    commands.push(Command::ImportPick);
                }
            });
        });
        ui.horizontal(|ui| {
            let label = ui.label(ctx.t.search);
            ui.add(egui::TextEdit::singleline(&mut state.search).desired_width(280.0)).labelled_by(label.id);
        });
        ui.add_space(6.0);
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            let mut shown = 0;
            for routine in ctx.routines.iter().filter(|routine| matches(routine, ctx, &state.search)) {
                shown += 1;
                if let Some(command) = routine_card_ui(ui, ctx, routine, true) {
                    commands.push(command);
                }
            }
            if shown == 0 {
                ui.label(RichText::new(ctx.t.no_routines_found).weak());
            }
        });
    });
    commands
}

/// One routine: title, complaints, length, points, author; Start, and optionally a preview.
pub fn routine_card_ui(ui: &mut egui::Ui, ctx: &UiContext, routine: &Routine, with_preview: bool) -> Option<Command> {
    let mut command = None;
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(routine.title.get(ctx.lang)).strong().size(16.0));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if with_preview {
                    let mine = ctx.user_routine_ids.contains(&routine.id);
                    let label = if mine { ctx.t.edit } else { ctx.t.duplicate_edit };
                    if ui.button(label).clicked() {
                        let original = mine.then(|| routine.id.clone());
                        command = Some(Command::EditRoutine(Box::new(routine.clone()), original));
                    }
                }
                let start = ui.button(RichText::new(ctx.t.start).strong());
                let start =
                    start.on_hover_text(fill(ctx.t.gate_needed_for, &[("routine", routine.title.get(ctx.lang))]));
                if start.clicked() {
                    command = Some(Command::Prepare(Box::new(routine.clone())));
                }
            });
        });
        let complaints: Vec<&str> = routine.complaints.iter().map(|complaint| complaint.name(ctx.lang)).collect();
        // Whole minutes: "11:35" would read as a time of day.
        let minutes = routine.total_secs().div_ceil(60).to_string();
        let distinct = routine.distinct_points().len();
        ui.label(
            RichText::new(format!(
                "{} · {}",
                complaints.join(", "),
                fill(
                    count_form(distinct, ctx.t.minutes_points_one, ctx.t.minutes_points),
                    &[("minutes", &minutes), ("points", &distinct.to_string())]
                )
            ))
            .weak(),
        );
        let mine = if ctx.user_routine_ids.contains(&routine.id) {
            format!(" · {}", ctx.t.your_routine)
        } else {
            String::new()
        };
        ui.label(RichText::new(format!("{}{mine}", fill(ctx.t.from_author, &[("author", &routine.author)]))).weak());
        if with_preview {
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
            let sides: Vec<&str> =
                step.presses().into_iter().map(|side| super::body_map::side_name(side, ctx)).collect();
            ui.label(format!("{} × {} s · {}", sides.join(" + "), step.press_secs, step.pressure.name(ctx.lang)));
            ui.label(RichText::new(routine.breathing_for(step).name(ctx.lang)).weak());
            ui.end_row();
        }
    });
    ui.label(RichText::new(fill(ctx.t.total_time, &[("time", &format_clock(timeline.total().as_secs()))])).weak());
}
