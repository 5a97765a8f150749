//! The safety gate: the questions before every session, and what they decided.

use std::collections::BTreeSet;

use egui::RichText;

use super::library::plan_ui;
use super::strings::fill;
use super::{Command, UiContext, page_with_actions_ui, theme};
use crate::catalog::{Area, PointCode};
use crate::history::PainRating;
use crate::routine::Routine;
use crate::safety::{Answer, AnswerKind, Answers, Block, Clearance, ClearedRoutine, Outcome, Question, STOP_RULES};

/// The questions being answered for one routine.
#[derive(Clone, Debug, PartialEq)]
pub struct GateState {
    /// The routine asked for.
    pub routine: Routine,
    /// Answers so far (prefilled from last time, except the questions asked fresh).
    pub answers: Answers,
    /// Whether earlier answers were filled in.
    pub prefilled: bool,
    /// The body areas the routine presses (some questions concern only some areas).
    pub areas: BTreeSet<Area>,
}

impl GateState {
    /// The questions for `routine`, with `answers` filled in.
    pub fn new(routine: Routine, catalog: &crate::catalog::Catalog, answers: Answers, prefilled: bool) -> Self {
        let areas = crate::safety::routine_areas(&routine, catalog);
        Self { routine, answers, prefilled, areas }
    }
}

/// The questions screen.
pub fn questions_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut GateState) -> Vec<Command> {
    let mut commands = Vec::new();
    let unanswered = state.answers.unanswered(&state.areas).len();
    let answers_now = state.answers.clone();
    let mut content_commands = Vec::new();
    page_with_actions_ui(
        ui,
        ctx,
        "gate",
        |ui| {
            // A yes to a warning sign: what to do now, at once, above everything else.
            let urgent = crate::safety::urgent_advice(&state.answers);
            if !urgent.is_empty() {
                let color = theme::urgent_color(ui.visuals());
                callout(ui, color, |ui| {
                    ui.label(RichText::new(ctx.t.outcome_urgent_title).size(26.0).strong().color(color));
                    for advice in &urgent {
                        ui.label(RichText::new(advice.get(ctx.lang)).size(20.0).strong());
                    }
                    if ui.button(RichText::new(ctx.t.cancel).strong()).clicked() {
                        content_commands.push(Command::Cancel);
                    }
                });
                ui.add_space(8.0);
            }
            ui.label(RichText::new(ctx.t.gate_title).size(theme::HEADING_SIZE).strong());
            ui.label(
                RichText::new(fill(ctx.t.gate_needed_for, &[("routine", state.routine.title.get(ctx.lang))])).weak(),
            );
            ui.label(ctx.t.gate_intro);
            if state.prefilled {
                ui.label(RichText::new(ctx.t.gate_prefilled).color(theme::caution_color(ui.visuals())));
            }
            ui.add_space(6.0);
            let routine_points: Vec<PointCode> = state.routine.distinct_points().into_iter().cloned().collect();
            let mut shown_other_heading = false;
            ui.label(RichText::new(ctx.t.gate_emergency_heading).strong().color(theme::urgent_color(ui.visuals())));
            let visible: Vec<&'static Question> = state.answers.visible_questions(&state.areas).collect();
            for (index, question) in visible.into_iter().enumerate() {
                if !question.emergency && question.parent.is_none() && !shown_other_heading {
                    shown_other_heading = true;
                    ui.add_space(8.0);
                    ui.label(RichText::new(ctx.t.gate_other_heading).strong());
                }
                question_ui(ui, ctx, question, &mut state.answers, &routine_points, index == 0);
            }
        },
        Some(|ui: &mut egui::Ui| {
            if ui.button(ctx.t.back).clicked() {
                commands.push(Command::Cancel);
            }
            if unanswered > 0 {
                ui.label(RichText::new(fill(ctx.t.unanswered_left, &[("count", &unanswered.to_string())])).weak());
            }
            let confirm =
                ui.add_enabled(unanswered == 0, egui::Button::new(RichText::new(ctx.t.confirm_answers).strong()));
            if confirm.clicked() {
                commands.push(Command::ConfirmAnswers(answers_now));
            }
        }),
    );
    commands.extend(content_commands);
    commands
}

fn question_ui(
    ui: &mut egui::Ui,
    ctx: &UiContext,
    question: &Question,
    answers: &mut Answers,
    routine_points: &[PointCode],
    first: bool,
) {
    let indent = if question.parent.is_some() { 28.0 } else { 0.0 };
    let mut frame = egui::Frame::group(ui.style()).inner_margin(8.0);
    if question.emergency {
        let color = theme::urgent_color(ui.visuals());
        frame = frame.stroke(egui::Stroke::new(1.5, color)).fill(theme::callout_fill(color, ui.visuals()));
    }
    ui.horizontal(|ui| {
        ui.add_space(indent);
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            match question.kind {
                AnswerKind::YesNo { .. } => {
                    let question_text = question.text.get(ctx.lang);
                    let buttons = |ui: &mut egui::Ui, answers: &mut Answers| {
                        let current = answers.get(question.id).cloned();
                        let yes = answer_button(ui, current == Some(Answer::Yes), ctx.t.yes, question_text);
                        if first {
                            ctx.focus_first(&yes);
                        }
                        if yes.clicked() {
                            answers.set(question.id, Answer::Yes);
                        }
                        if answer_button(ui, current == Some(Answer::No), ctx.t.no, question_text).clicked() {
                            answers.set(question.id, Answer::No);
                            // Follow-ups of a question answered no are no longer asked.
                            answers.clear_follow_ups(question.id);
                        }
                    };
                    let answers_width = 176.0;
                    if ui.available_width() < answers_width + 240.0 {
                        // Narrow: the answers under the question.
                        ui.add(egui::Label::new(question_text).wrap());
                        ui.horizontal(|ui| buttons(ui, answers));
                    } else {
                        let text_width = ui.available_width() - answers_width;
                        ui.horizontal(|ui| {
                            ui.allocate_ui(egui::vec2(text_width, 0.0), |ui| {
                                ui.set_width(text_width);
                                ui.add(egui::Label::new(question_text).wrap());
                            });
                            buttons(ui, answers);
                        });
                    }
                }
                AnswerKind::Points => {
                    ui.label(question.text.get(ctx.lang));
                    let mut chosen = match answers.get(question.id) {
                        Some(Answer::Points(points)) => Some(points.clone()),
                        _ => None,
                    };
                    ui.horizontal_wrapped(|ui| {
                        for code in routine_points {
                            let name =
                                ctx.catalog.get(code).map_or_else(|| code.to_string(), |point| point.label(ctx.lang));
                            let mut checked = chosen.as_ref().is_some_and(|points| points.contains(code));
                            if ui.checkbox(&mut checked, name).changed() {
                                let points = chosen.get_or_insert_with(BTreeSet::new);
                                if checked {
                                    points.insert(code.clone());
                                } else {
                                    points.remove(code);
                                }
                            }
                        }
                        let mut none = chosen.as_ref().is_some_and(BTreeSet::is_empty);
                        if ui.checkbox(&mut none, ctx.t.none_of_these).changed() && none {
                            chosen = Some(BTreeSet::new());
                        }
                    });
                    if let Some(points) = chosen {
                        answers.set(question.id, Answer::Points(points));
                    }
                }
            }
        });
    });
}

/// A yes or no button whose accessible label also names the question ("Yes: Are you …").
fn answer_button(ui: &mut egui::Ui, selected: bool, answer: &str, question: &str) -> egui::Response {
    let button = egui::Button::new(format!("  {answer}  ")).selected(selected).min_size(egui::vec2(60.0, 26.0));
    let response = ui.add(button);
    if response.gained_focus() {
        // Keyboard users see the question they are on.
        response.scroll_to_me(None);
    }
    let label = format!("{answer}: {question}");
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, &label));
    response
}

/// The decision, before starting.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeState {
    /// The routine as asked for.
    pub routine: Routine,
    /// The gate's decision.
    pub clearance: Clearance,
    /// Pain before; `None` until rated or skipped.
    pub pain_before: PainRating,
}

/// The outcome screen.
pub fn outcome_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut OutcomeState) -> Vec<Command> {
    let mut commands = Vec::new();
    let cleared = matches!(state.clearance, Clearance::Cleared(_));
    let pain_before = state.pain_before;
    page_with_actions_ui(
        ui,
        ctx,
        "outcome",
        |ui| match &state.clearance {
            Clearance::Blocked(block) => blocked_ui(ui, ctx, block),
            Clearance::Cleared(cleared) => {
                cleared_ui(ui, ctx, cleared);
                ui.add_space(12.0);
                ui.label(RichText::new(ctx.t.pain_before_question).strong());
                pain_rating_ui(ui, ctx, &mut state.pain_before, "pain_before", false);
                ui.add_space(8.0);
                ui.label(RichText::new(STOP_RULES.get(ctx.lang)).color(theme::caution_color(ui.visuals())));
            }
        },
        Some(|ui: &mut egui::Ui| {
            if cleared {
                let start = ui.button(RichText::new(ctx.t.start_session).strong().size(17.0));
                ctx.focus_first(&start);
                if start.clicked() {
                    commands.push(Command::StartSession { pain_before });
                }
            }
            let change = ui.button(ctx.t.change_answers);
            if !cleared {
                ctx.focus_first(&change);
            }
            if change.clicked() {
                commands.push(Command::EditAnswers);
            }
            if ui.button(ctx.t.cancel).clicked() {
                commands.push(Command::Cancel);
            }
        }),
    );
    commands
}

fn callout(ui: &mut egui::Ui, color: egui::Color32, add: impl FnOnce(&mut egui::Ui)) {
    let fill = theme::callout_fill(color, ui.visuals());
    egui::Frame::new().fill(fill).stroke(egui::Stroke::new(2.0, color)).corner_radius(8.0).inner_margin(14.0).show(
        ui,
        |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        },
    );
}

fn blocked_ui(ui: &mut egui::Ui, ctx: &UiContext, block: &Block) {
    let (title, color) = match block.outcome {
        Outcome::BlockedUrgent => (ctx.t.outcome_urgent_title, theme::urgent_color(ui.visuals())),
        Outcome::BlockedSeeDoctor => (ctx.t.outcome_doctor_title, theme::caution_color(ui.visuals())),
        _ => (ctx.t.outcome_nothing_left_title, theme::caution_color(ui.visuals())),
    };
    callout(ui, color, |ui| {
        ui.label(RichText::new(title).size(26.0).strong().color(color));
        ui.add_space(6.0);
        ui.label(RichText::new(ctx.t.what_to_do).strong());
        let size = if block.outcome == Outcome::BlockedUrgent { 20.0 } else { 16.0 };
        for advice in block.advice() {
            ui.label(RichText::new(advice.get(ctx.lang)).size(size).strong());
        }
    });
    ui.add_space(10.0);
    ui.label(RichText::new(ctx.t.why).strong());
    for reason in &block.reasons {
        ui.label(format!("• {}", reason.text.get(ctx.lang)));
    }
}

fn cleared_ui(ui: &mut egui::Ui, ctx: &UiContext, cleared: &ClearedRoutine) {
    let adaptations = cleared.adaptations();
    if cleared.outcome() == Outcome::Clear {
        let color = theme::ok_color(ui.visuals());
        callout(ui, color, |ui| {
            ui.label(RichText::new(ctx.t.outcome_clear_title).size(24.0).strong().color(color));
            ui.label(ctx.t.outcome_clear_text);
        });
    } else {
        let color = theme::caution_color(ui.visuals());
        callout(ui, color, |ui| {
            ui.label(RichText::new(ctx.t.outcome_adapted_title).size(24.0).strong().color(color));
            if !adaptations.light_only.is_empty() {
                ui.add_space(4.0);
                ui.label(RichText::new(ctx.t.light_only).strong());
                for reason in &adaptations.light_only {
                    ui.label(format!("• {}", reason.text.get(ctx.lang)));
                }
            }
            if !adaptations.skipped.is_empty() {
                ui.add_space(4.0);
                ui.label(RichText::new(ctx.t.skipped_points).strong());
                for skipped in &adaptations.skipped {
                    let name = ctx
                        .catalog
                        .get(&skipped.point)
                        .map_or_else(|| skipped.point.to_string(), |point| point.label(ctx.lang));
                    ui.label(format!("• {name}: {}", skipped.reason.text.get(ctx.lang)));
                }
            }
            for reason in &adaptations.holds_removed {
                ui.add_space(4.0);
                ui.label(RichText::new(ctx.t.breathing_changed).strong());
                ui.label(format!("• {}", reason.text.get(ctx.lang)));
            }
        });
    }
    ui.add_space(10.0);
    ui.label(RichText::new(ctx.t.plan_title).strong());
    plan_ui(ui, ctx, cleared.routine());
}

/// Eleven buttons 0..=10 and "skip".
pub fn pain_rating_ui(ui: &mut egui::Ui, ctx: &UiContext, rating: &mut PainRating, id_salt: &str, first: bool) {
    ui.label(RichText::new(ctx.t.pain_scale_hint).weak());
    ui.push_id(id_salt, |ui| {
        ui.horizontal_wrapped(|ui| {
            for value in 0..=10u8 {
                let button = egui::Button::new(format!(" {value} "))
                    .selected(*rating == Some(value))
                    .min_size(egui::vec2(34.0, 26.0));
                let response = ui.add(button);
                if first && value == 0 {
                    ctx.focus_first(&response);
                }
                let label = fill(ctx.t.pain_value, &[("value", &value.to_string())]);
                let selected = *rating == Some(value);
                response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
                if response.clicked() {
                    *rating = Some(value);
                }
            }
            if ui.selectable_label(rating.is_none(), ctx.t.skip_rating).clicked() {
                *rating = None;
            }
        });
    });
}
