//! The routine editor: build or change a routine, with live length and live validation.

use std::collections::BTreeSet;

use egui::RichText;

use super::body_map::{MapOptions, body_map_ui, side_name, view_buttons_ui};
use super::{Command, Export, Library, Nav, UiContext, layout, page_with_actions_ui, theme};
use crate::breathing::BreathingPattern;
use crate::catalog::{Complaint, Laterality, PointCode, View};
use crate::routine::{
    DAYS_PER_WEEK, MAX_PRESS_SECS, MAX_REST_SECS, MIN_PRESS_SECS, MIN_REST_SECS, PRESCRIPTION_WEEKS, Prescription,
    Pressure, Problem, Routine, RoutineId, SESSIONS_PER_DAY, Step, StepSides, format_clock,
};
use crate::source::{PathSegment, Severity};
use crate::text::{Lang, Text};
use crate::texts::{count_form, strings};

/// How the routine in the editor came to be, for the screen's title.
#[derive(Clone, Debug, PartialEq)]
pub enum EditorKind {
    /// A new, empty routine.
    New,
    /// A copy of the routine with this title.
    Copy(Text),
    /// One of the person's routines, edited in place.
    Edit,
}

/// The routine being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorState {
    /// The draft.
    pub draft: Routine,
    /// The id it had when editing began (`None` for a new routine).
    pub original_id: Option<RoutineId>,
    /// New, copied or edited.
    pub kind: EditorKind,
    /// The map view shown for adding points.
    pub view: View,
    /// The draft as it was when the editor opened: Back asks before leaving other changes.
    opened_with: Routine,
    /// "Leave without saving?" is being asked.
    confirm_leave: bool,
    /// The check's result for the draft it was made for: redone only when the draft changes.
    checked: Option<(Routine, Vec<Problem>)>,
}

impl EditorState {
    /// Editing `routine`; `original_id` is its library id, if it is already saved.
    pub fn new(draft: Routine, original_id: Option<RoutineId>, kind: EditorKind) -> Self {
        let opened_with = draft.clone();
        Self { draft, original_id, kind, view: View::Back, opened_with, confirm_leave: false, checked: None }
    }

    /// Whether the draft differs from what the editor opened with.
    pub fn has_changes(&self) -> bool {
        self.draft != self.opened_with
    }

    /// The same checks as `acupress check`, on the draft (redone only when it changed).
    fn check(&mut self, ctx: &UiContext) -> Vec<Problem> {
        if self.checked.as_ref().is_none_or(|(checked_draft, _)| *checked_draft != self.draft) {
            self.checked = Some((self.draft.clone(), crate::text_rule::validate(&self.draft, ctx.catalog)));
        }
        self.checked.as_ref().map_or_else(Vec::new, |(_, problems)| problems.clone())
    }
}

/// The problems about the field at `path` (and, with `and_below`, about anything inside it),
/// in plain words, right under the field.
fn field_problems_ui(ui: &mut egui::Ui, ctx: &UiContext, problems: &[Problem], path: &[PathSegment], and_below: bool) {
    for problem in problems {
        let here = if and_below { problem.path.starts_with(path) } else { problem.path == path };
        if !here {
            continue;
        }
        let (mark, color) = match problem.severity {
            Severity::Error => ("×", theme::urgent_color(ui.visuals())),
            Severity::Warning => ("▲", theme::caution_color(ui.visuals())),
        };
        ui.add(egui::Label::new(RichText::new(format!("{mark} {}", problem.plain.get(ctx.lang))).color(color)).wrap());
    }
}

/// A new step for `code` with sensible defaults: both sides, a minute, medium pressure.
pub fn default_step(ctx: &UiContext, code: &PointCode) -> Step {
    let bilateral = ctx.catalog.get(code).is_some_and(|point| point.laterality == Laterality::Bilateral);
    Step {
        point: code.clone(),
        side: bilateral.then_some(StepSides::Both),
        press_secs: 60,
        pressure: Pressure::Medium,
        breathing: None,
        note: None,
    }
}

/// Two text fields, English and Dutch, each named for screen readers by what it is and its
/// language in the screen's language ("Description (English)", "Beschrijving (Engels)"), with a
/// greyed example when empty (never saved).
fn text_fields_ui(
    ui: &mut egui::Ui,
    ctx: &UiContext,
    label: &str,
    value: &mut Text,
    hint: Option<(&str, &str)>,
    multiline: bool,
) {
    ui.label(RichText::new(label).strong());
    let hints = hint.map_or(["", ""], |(en, nl)| [en, nl]);
    for ((lang_label, field), hint) in
        [(ctx.t.field_in_english, &mut value.en), (ctx.t.field_in_dutch, &mut value.nl)].into_iter().zip(hints)
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

/// The editor screen: the map to add points (beside the form, or above it when narrow), the
/// form with each problem under its field, and Back, Save and Export that stay in view.
pub fn editor_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut EditorState) -> Vec<Command> {
    let mut commands = Vec::new();
    let problems = state.check(ctx);
    let errors = problems.iter().filter(|problem| problem.severity == Severity::Error).count();
    let narrow = layout::is_narrow(ui);
    if !narrow {
        let width = (ui.available_width() * 0.3).clamp(240.0, 380.0);
        egui::Panel::left("editor_map").resizable(false).exact_size(width).show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| map_ui(ui, ctx, state));
        });
    }
    let draft = state.draft.clone();
    let original_id = state.original_id.clone();
    let mut back = false;
    page_with_actions_ui(
        ui,
        ctx,
        "editor",
        |ui| {
            if narrow {
                let height = ui.available_height().max(300.0);
                ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| map_ui(ui, ctx, state));
                ui.separator();
            }
            form_ui(ui, ctx, state, &problems);
        },
        Some(|ui: &mut egui::Ui| {
            back = ui.button(ctx.t.back).clicked();
            let total = ctx.t.total_time.fill(&format_clock(u64::from(draft.total_secs())));
            ui.label(RichText::new(total).strong());
            let valid = errors == 0;
            let save_text = if valid { RichText::new(ctx.t.save).strong() } else { RichText::new(ctx.t.save) };
            let save = ui.add_enabled(valid, egui::Button::new(save_text));
            let why = count_form(errors, ctx.t.save_blocked_one, ctx.t.save_blocked).fill(&errors.to_string());
            let save = save.on_disabled_hover_text(&why);
            if save.clicked() {
                commands.push(Command::Library(Library::SaveDraft(Box::new(draft.clone()), original_id.clone())));
            }
            if ui.add_enabled(valid, egui::Button::new(ctx.t.export)).on_disabled_hover_text(&why).clicked() {
                commands.push(Command::Export(Export::Routine(Box::new(draft.clone()))));
            }
            if ui.add_enabled(valid, egui::Button::new(ctx.t.handout)).on_disabled_hover_text(&why).clicked() {
                commands.push(Command::Export(Export::Handout(Box::new(draft.clone()))));
            }
            if !valid {
                ui.label(RichText::new(why).color(theme::urgent_color(ui.visuals())));
            }
        }),
    );
    let escape = ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    if (back || escape) && !state.confirm_leave {
        if state.has_changes() {
            state.confirm_leave = true;
        } else {
            commands.push(Command::Nav(Nav::Cancel));
        }
    } else if escape {
        state.confirm_leave = false;
    }
    if state.confirm_leave {
        confirm_leave_ui(ui, ctx, state, errors == 0, &mut commands);
    }
    commands
}

/// "Leave without saving?": save, leave, or keep editing.
fn confirm_leave_ui(ui: &egui::Ui, ctx: &UiContext, state: &mut EditorState, valid: bool, commands: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("confirm_leave")).show(ui.ctx(), |ui| {
        super::layout::dialog_width(ui, 460.0);
        ui.label(RichText::new(ctx.t.unsaved_title).size(20.0).strong());
        ui.label(if valid { ctx.t.unsaved_text } else { ctx.t.unsaved_text_invalid });
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if valid && ui.button(RichText::new(ctx.t.save).strong()).clicked() {
                state.confirm_leave = false;
                commands.push(Command::Library(Library::SaveDraft(
                    Box::new(state.draft.clone()),
                    state.original_id.clone(),
                )));
            }
            if ui.button(ctx.t.leave_without_saving).clicked() {
                state.confirm_leave = false;
                commands.push(Command::Nav(Nav::Cancel));
            }
            if ui.button(ctx.t.keep_editing).clicked() {
                state.confirm_leave = false;
            }
        });
    });
    if modal.should_close() {
        state.confirm_leave = false;
    }
}

/// The views and the map: a click adds the point as a new step.
fn map_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut EditorState) {
    ui.add(egui::Label::new(RichText::new(ctx.t.editor_add_hint).weak()).wrap());
    if let (Some(view), _) = view_buttons_ui(ui, ctx, state.view) {
        state.view = view;
    }
    let used: BTreeSet<PointCode> = state.draft.steps.iter().map(|step| step.point.clone()).collect();
    let options = MapOptions {
        view: state.view,
        highlighted: &used,
        selected: None,
        focus: None,
        interactive: true,
        max_size: ui.available_size(),
    };
    let response = body_map_ui(ui, ctx, &options);
    if let Some(code) = response.clicked {
        state.draft.steps.push(default_step(ctx, &code));
    }
    if let Some(view) = response.show_view {
        state.view = view;
    }
}

/// The routine's fields and its steps, each with its problems under it.
fn form_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut EditorState, problems: &[Problem]) {
    let title = match &state.kind {
        EditorKind::New => ctx.t.editor_title_new.to_owned(),
        EditorKind::Copy(original) => ctx.t.editor_title_copy.fill(original.get(ctx.lang)),
        EditorKind::Edit => ctx.t.editor_title.to_owned(),
    };
    ui.label(RichText::new(title).size(theme::HEADING_SIZE).strong());
    if let EditorKind::Copy(original) = &state.kind {
        ui.label(ctx.t.editor_copy_note.fill(original.get(ctx.lang)));
    }
    metadata_ui(ui, ctx, &mut state.draft, problems);
    ui.add_space(8.0);
    ui.label(RichText::new(ctx.t.session_steps).strong());
    field_problems_ui(ui, ctx, problems, &[PathSegment::Field("steps")], false);
    if state.draft.steps.is_empty() {
        ui.label(RichText::new(ctx.t.editor_add_hint).weak());
    }
    let mut action: Option<(usize, StepAction)> = None;
    for (index, step) in state.draft.steps.iter_mut().enumerate() {
        if let Some(chosen) = step_ui(ui, ctx, index, step) {
            action = Some((index, chosen));
        }
        field_problems_ui(ui, ctx, problems, &[PathSegment::Field("steps"), PathSegment::Index(index)], true);
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
    if problems.is_empty() {
        ui.label(RichText::new(ctx.t.check_ok).color(theme::ok_color(ui.visuals())));
    }
}

/// Id, author, title, description, complaints, breathing and rest.
fn metadata_ui(ui: &mut egui::Ui, ctx: &UiContext, draft: &mut Routine, problems: &[Problem]) {
    let field = |name: &'static str| [PathSegment::Field(name)];
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(RichText::new(ctx.t.routine_id).strong());
        let mut id_text = draft.id.to_string();
        let id = ui.add(egui::TextEdit::singleline(&mut id_text).desired_width(220.0)).labelled_by(label.id);
        if id.changed() {
            draft.id = RoutineId::from(id_text);
        }
        ctx.focus_first(&id);
    });
    field_problems_ui(ui, ctx, problems, &field("id"), false);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(RichText::new(ctx.t.author).strong());
        ui.add(egui::TextEdit::singleline(&mut draft.author).desired_width(260.0)).labelled_by(label.id);
    });
    field_problems_ui(ui, ctx, problems, &field("author"), false);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(RichText::new(ctx.t.contact).strong());
        let mut contact = draft.contact.clone().unwrap_or_default();
        let field = ui.add(egui::TextEdit::singleline(&mut contact).desired_width(320.0).hint_text(ctx.t.contact_hint));
        field.labelled_by(label.id);
        // Empty: no contact line (the field is left out of the file).
        draft.contact = (!contact.trim().is_empty()).then_some(contact);
    });
    field_problems_ui(ui, ctx, problems, &field("contact"), false);
    text_fields_ui(ui, ctx, ctx.t.routine_title, &mut draft.title, None, false);
    field_problems_ui(ui, ctx, problems, &field("title"), true);
    let description_hints = (strings(Lang::En).description_hint, strings(Lang::Nl).description_hint);
    text_fields_ui(ui, ctx, ctx.t.description, &mut draft.description, Some(description_hints), true);
    field_problems_ui(ui, ctx, problems, &field("description"), true);
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
    field_problems_ui(ui, ctx, problems, &field("complaints"), false);
    ui.horizontal_wrapped(|ui| {
        breathing_combo_ui(ui, ctx, "routine_breathing", &mut draft.breathing);
    });
    field_problems_ui(ui, ctx, problems, &field("breathing"), false);
    ui.horizontal_wrapped(|ui| {
        ui.add(
            egui::Slider::new(&mut draft.rest_secs, MIN_REST_SECS..=MAX_REST_SECS)
                .suffix(" s")
                .text(ctx.t.rest_between),
        );
    });
    field_problems_ui(ui, ctx, problems, &field("rest_secs"), false);
    prescription_ui(ui, ctx, draft);
    field_problems_ui(ui, ctx, problems, &field("prescription"), true);
}

/// Whether the routine carries a prescription, and how often: sliders that cannot leave the
/// allowed ranges.
fn prescription_ui(ui: &mut egui::Ui, ctx: &UiContext, draft: &mut Routine) {
    let mut prescribed = draft.prescription.is_some();
    if ui.checkbox(&mut prescribed, ctx.t.has_prescription).changed() {
        draft.prescription = prescribed.then_some(Prescription {
            sessions_per_day: 1,
            days_per_week: 5,
            weeks: 4,
            activities: Vec::new(),
        });
    }
    if let Some(prescription) = &mut draft.prescription {
        ui.horizontal_wrapped(|ui| {
            ui.add(egui::Slider::new(&mut prescription.sessions_per_day, SESSIONS_PER_DAY).text(ctx.t.per_day));
            ui.add(egui::Slider::new(&mut prescription.days_per_week, DAYS_PER_WEEK).text(ctx.t.days_a_week));
            ui.add(egui::Slider::new(&mut prescription.weeks, PRESCRIPTION_WEEKS).text(ctx.t.weeks_label));
        });
        ui.label(RichText::new(prescription.describe(ctx.lang)).weak());
    } else {
        ui.label(RichText::new(ctx.t.prescription_hint).weak());
    }
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
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{}. {name}", index + 1)).strong());
            let label = |what: &str| format!("{what}: {}. {name}", index + 1);
            let mut button = |ui: &mut egui::Ui, text: &str, what: &str, chosen: StepAction| {
                let response = ui.button(text).on_hover_text(label(what));
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label(what)));
                if response.clicked() {
                    action = Some(chosen);
                }
            };
            button(ui, "↑", ctx.t.move_up, StepAction::Up);
            button(ui, "↓", ctx.t.move_down, StepAction::Down);
            button(ui, ctx.t.remove, ctx.t.remove, StepAction::Remove);
        });
        ui.horizontal_wrapped(|ui| {
            if point.is_some_and(|point| point.laterality == Laterality::Bilateral) {
                let current = step.side.unwrap_or(StepSides::Both);
                let mut side = current;
                egui::ComboBox::new(("side", index), ctx.t.side).selected_text(side_label(ctx, side)).show_ui(
                    ui,
                    |ui| {
                        for option in [StepSides::Left, StepSides::Right, StepSides::Both] {
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
            ui.push_id(("note", index), |ui| text_fields_ui(ui, ctx, ctx.t.note, note, None, true));
        }
    });
    action
}

fn side_label(ctx: &UiContext, side: StepSides) -> String {
    match side {
        StepSides::Left => side_name(Some(crate::routine::BodySide::Left), ctx).to_owned(),
        StepSides::Right => side_name(Some(crate::routine::BodySide::Right), ctx).to_owned(),
        StepSides::Both => format!("{} + {}", ctx.t.left_side, ctx.t.right_side),
    }
}
