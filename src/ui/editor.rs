//! The routine editor: build or change a routine, with live length and live validation.

use std::collections::BTreeSet;

use egui::RichText;

use super::body_map::{MapOptions, body_map_ui, side_name, view_name};
use super::strings::{fill, strings};
use super::{Command, UiContext, theme};
use crate::breathing::BreathingPattern;
use crate::catalog::{Complaint, Laterality, PointCode, View};
use crate::routine::{
    MAX_PRESS_SECS, MAX_REST_SECS, MIN_PRESS_SECS, MIN_REST_SECS, Pressure, Problem, Routine, Side, Step, format_clock,
    validate,
};
use crate::source::Severity;
use crate::text::{Lang, Text};

/// The routine being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorState {
    /// The draft.
    pub draft: Routine,
    /// The id it had when editing began (`None` for a new routine).
    pub original_id: Option<String>,
    /// The map view shown for adding points.
    pub view: View,
    /// The check's result for the draft it was made for: redone only when the draft changes.
    checked: Option<(Routine, Vec<Problem>)>,
}

impl EditorState {
    /// Editing `routine`; `original_id` is its library id, if it is already saved.
    pub fn new(draft: Routine, original_id: Option<String>) -> Self {
        Self { draft, original_id, view: View::Back, checked: None }
    }

    /// The same checks as `acupress check`, on the draft (redone only when it changed).
    fn check(&mut self, ctx: &UiContext) -> Vec<Problem> {
        if self.checked.as_ref().is_none_or(|(checked_draft, _)| *checked_draft != self.draft) {
            self.checked = Some((self.draft.clone(), validate(&self.draft, ctx.catalog)));
        }
        self.checked.as_ref().map_or_else(Vec::new, |(_, problems)| problems.clone())
    }
}

/// A new step for `code` with sensible defaults: both sides, a minute, medium pressure.
pub fn default_step(ctx: &UiContext, code: &PointCode) -> Step {
    let bilateral = ctx.catalog.get(code).is_some_and(|point| point.laterality == Laterality::Bilateral);
    Step {
        point: code.clone(),
        side: bilateral.then_some(Side::Both),
        press_secs: 60,
        pressure: Pressure::Medium,
        breathing: None,
        note: None,
    }
}

/// Two text fields, English and Dutch, each named for screen readers by what it is and its
/// language ("Description (English)"), with a greyed example when empty (never saved).
fn text_fields_ui(ui: &mut egui::Ui, label: &str, value: &mut Text, hint: Option<(&str, &str)>, multiline: bool) {
    ui.label(RichText::new(label).strong());
    let hints = hint.map_or(["", ""], |(en, nl)| [en, nl]);
    for ((lang_label, field), hint) in
        [("English", &mut value.en), ("Nederlands", &mut value.nl)].into_iter().zip(hints)
    {
        ui.horizontal(|ui| {
            ui.label(RichText::new(lang_label).weak());
            let edit = if multiline {
                egui::TextEdit::multiline(field).desired_rows(2).desired_width(f32::INFINITY)
            } else {
                egui::TextEdit::singleline(field).desired_width(f32::INFINITY)
            };
            let response = ui.add(edit.hint_text(hint));
            let name = format!("{label} ({lang_label})");
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name));
        });
    }
}

/// The editor screen.
pub fn editor_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut EditorState) -> Vec<Command> {
    let mut commands = Vec::new();
    let problems = state.check(ctx);
    let valid = problems.iter().all(|problem| problem.severity != Severity::Error);
    egui::Panel::bottom("editor_actions").show(ui, |ui| {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(ctx.t.back).clicked() {
                commands.push(Command::Cancel);
            }
            ui.label(
                RichText::new(fill(ctx.t.total_time, &[("time", &format_clock(u64::from(state.draft.total_secs())))]))
                    .strong(),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let save = ui.add_enabled(valid, egui::Button::new(RichText::new(ctx.t.save).strong()));
                if save.clicked() {
                    commands.push(Command::SaveDraft(Box::new(state.draft.clone()), state.original_id.clone()));
                }
                if ui.add_enabled(valid, egui::Button::new(ctx.t.export)).clicked() {
                    commands.push(Command::ExportRoutine(Box::new(state.draft.clone())));
                }
            });
        });
        ui.add_space(6.0);
    });
    egui::Panel::left("editor_map").resizable(false).exact_size((ui.available_width() * 0.3).clamp(240.0, 380.0)).show(
        ui,
        |ui| {
            ui.label(RichText::new(ctx.t.editor_add_hint).weak());
            ui.horizontal_wrapped(|ui| {
                for view in View::ALL {
                    if ui.selectable_label(state.view == view, view_name(view, ctx)).clicked() {
                        state.view = view;
                    }
                }
            });
            let used: BTreeSet<PointCode> = state.draft.steps.iter().map(|step| step.point.clone()).collect();
            let options = MapOptions {
                view: state.view,
                highlighted: &used,
                selected: None,
                focus: None,
                interactive: true,
                max_size: ui.available_size(),
            };
            if let Some(code) = body_map_ui(ui, ctx, &options).clicked {
                state.draft.steps.push(default_step(ctx, &code));
            }
        },
    );
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            metadata_ui(ui, ctx, &mut state.draft);
            ui.add_space(8.0);
            ui.label(RichText::new(ctx.t.session_steps).strong());
            if state.draft.steps.is_empty() {
                ui.label(RichText::new(ctx.t.editor_add_hint).weak());
            }
            let mut action: Option<(usize, StepAction)> = None;
            for (index, step) in state.draft.steps.iter_mut().enumerate() {
                if let Some(chosen) = step_ui(ui, ctx, index, step) {
                    action = Some((index, chosen));
                }
            }
            if let Some((index, chosen)) = action {
                let steps = &mut state.draft.steps;
                match chosen {
                    StepAction::Up if index > 0 => steps.swap(index, index - 1),
                    StepAction::Down if index + 1 < steps.len() => steps.swap(index, index + 1),
                    StepAction::Remove => {
                        steps.remove(index);
                    }
                    _ => {}
                }
            }
            ui.add_space(8.0);
            ui.label(RichText::new(ctx.t.check_title).strong());
            if problems.is_empty() {
                ui.label(RichText::new(ctx.t.check_ok).color(theme::ok_color(ui.visuals())));
            }
            for problem in &problems {
                let color = match problem.severity {
                    Severity::Error => theme::urgent_color(ui.visuals()),
                    Severity::Warning => theme::caution_color(ui.visuals()),
                };
                ui.label(RichText::new(problem.plain.get(ctx.lang)).color(color));
            }
        });
    });
    commands
}

/// Id, author, title, description, complaints, breathing and rest.
fn metadata_ui(ui: &mut egui::Ui, ctx: &UiContext, draft: &mut Routine) {
    ui.label(RichText::new(ctx.t.editor_title).size(theme::HEADING_SIZE).strong());
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new(ctx.t.routine_id).strong());
        ui.add(egui::TextEdit::singleline(&mut draft.id).desired_width(220.0)).labelled_by(label.id);
        let label = ui.label(RichText::new(ctx.t.author).strong());
        ui.add(egui::TextEdit::singleline(&mut draft.author).desired_width(260.0)).labelled_by(label.id);
    });
    text_fields_ui(ui, ctx.t.routine_title, &mut draft.title, None, false);
    let description_hints = (strings(Lang::En).description_hint, strings(Lang::Nl).description_hint);
    text_fields_ui(ui, ctx.t.description, &mut draft.description, Some(description_hints), true);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(ctx.t.complaints).strong());
        for complaint in Complaint::ALL {
            let mut on = draft.complaints.contains(&complaint);
            if ui.checkbox(&mut on, complaint.name(ctx.lang)).changed() {
                if on {
                    draft.complaints.push(complaint);
                } else {
                    draft.complaints.retain(|existing| *existing != complaint);
                }
            }
        }
    });
    ui.horizontal(|ui| {
        ui.label(RichText::new(ctx.t.breathing).strong());
        breathing_combo_ui(ui, ctx, "routine_breathing", &mut draft.breathing);
        ui.add(
            egui::Slider::new(&mut draft.rest_secs, MIN_REST_SECS..=MAX_REST_SECS)
                .suffix(" s")
                .text(ctx.t.rest_between),
        );
    });
}

enum StepAction {
    Up,
    Down,
    Remove,
}

fn breathing_combo_ui(
    ui: &mut egui::Ui,
    ctx: &UiContext,
    id: impl std::hash::Hash + std::fmt::Debug,
    value: &mut BreathingPattern,
) {
    egui::ComboBox::new(id, ctx.t.breathing).selected_text(value.name(ctx.lang)).show_ui(ui, |ui| {
        for pattern in BreathingPattern::ALL {
            ui.selectable_value(value, pattern, pattern.name(ctx.lang));
        }
    });
}

fn step_ui(ui: &mut egui::Ui, ctx: &UiContext, index: usize, step: &mut Step) -> Option<StepAction> {
    let mut action = None;
    egui::Frame::group(ui.style()).inner_margin(8.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let point = ctx.catalog.get(&step.point);
        let name = point.map_or_else(|| step.point.to_string(), |point| point.label(ctx.lang));
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{}. {name}", index + 1)).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let label = |what: &str| format!("{what}: {}. {name}", index + 1);
                let mut button = |ui: &mut egui::Ui, text: &str, what: &str, chosen: StepAction| {
                    let response = ui.button(text).on_hover_text(label(what));
                    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label(what)));
                    if response.clicked() {
                        action = Some(chosen);
                    }
                };
                button(ui, ctx.t.remove, ctx.t.remove, StepAction::Remove);
                button(ui, "↓", ctx.t.move_down, StepAction::Down);
                button(ui, "↑", ctx.t.move_up, StepAction::Up);
            });
        });
        ui.horizontal_wrapped(|ui| {
            if point.is_some_and(|point| point.laterality == Laterality::Bilateral) {
                let current = step.side.unwrap_or(Side::Both);
                let mut side = current;
                egui::ComboBox::new(("side", index), ctx.t.side).selected_text(side_label(ctx, side)).show_ui(
                    ui,
                    |ui| {
                        for option in [Side::Left, Side::Right, Side::Both] {
                            ui.selectable_value(&mut side, option, side_label(ctx, option));
                        }
                    },
                );
                step.side = Some(side);
            } else {
                step.side = None;
                ui.label(ctx.t.midline);
            }
            // The slider cannot leave 30..=120 seconds.
            ui.add(
                egui::Slider::new(&mut step.press_secs, MIN_PRESS_SECS..=MAX_PRESS_SECS)
                    .suffix(" s")
                    .text(ctx.t.press_time),
            );
            egui::ComboBox::new(("pressure", index), ctx.t.pressure_label)
                .selected_text(step.pressure.name(ctx.lang))
                .show_ui(ui, |ui| {
                    for pressure in [Pressure::Light, Pressure::Medium, Pressure::Firm] {
                        ui.selectable_value(&mut step.pressure, pressure, pressure.name(ctx.lang));
                    }
                });
            let mut own_breathing = step.breathing.is_some();
            if ui.checkbox(&mut own_breathing, ctx.t.own_breathing).changed() {
                step.breathing = own_breathing.then_some(BreathingPattern::SlowPaced);
            }
            if let Some(pattern) = &mut step.breathing {
                breathing_combo_ui(ui, ctx, ("step_breathing", index), pattern);
            }
        });
        let mut has_note = step.note.is_some();
        if ui.checkbox(&mut has_note, ctx.t.note).changed() {
            step.note = has_note.then(Text::default);
        }
        if let Some(note) = &mut step.note {
            ui.push_id(("note", index), |ui| text_fields_ui(ui, ctx.t.note, note, None, false));
        }
    });
    action
}

fn side_label(ctx: &UiContext, side: Side) -> String {
    match side {
        Side::Left => side_name(Some(crate::routine::BodySide::Left), ctx).to_owned(),
        Side::Right => side_name(Some(crate::routine::BodySide::Right), ctx).to_owned(),
        Side::Both => format!("{} + {}", ctx.t.left_side, ctx.t.right_side),
    }
}
