//! The safety gate: the questions before every session, and what they decided.

use std::collections::BTreeSet;

use egui::RichText;

use super::library::plan_ui;
use super::{Command, Nav, SessionFlow, UiContext, page_with_actions_ui, theme};
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
    /// The urgent advice the person has already been shown in its dialog.
    pub urgent_seen: Vec<crate::text::StaticText>,
    /// Confirm was pressed with questions open: the first of them, how many were left, and
    /// whether it has had the focus yet (it takes it once, and says how many are left until it
    /// is answered).
    pub open_questions: Option<(crate::safety::QuestionId, usize, bool)>,
}

impl GateState {
    /// The questions for `routine`, with `answers` filled in.
    pub fn new(routine: Routine, catalog: &crate::catalog::Catalog, answers: Answers, prefilled: bool) -> Self {
        let areas = crate::safety::routine_areas(&routine, catalog);
        Self { routine, answers, prefilled, areas, urgent_seen: Vec::new(), open_questions: None }
    }
}

/// The questions screen.
pub fn questions_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut GateState) -> Vec<Command> {
    let mut commands = Vec::new();
    let unanswered_ids = state.answers.unanswered(&state.areas);
    let unanswered = unanswered_ids.len();
    let answers_now = state.answers.clone();
    let mut content_commands = Vec::new();
    // The note stays on the first open question until it is answered.
    if let Some((id, ..)) = state.open_questions
        && !unanswered_ids.contains(&id)
    {
        state.open_questions = None;
    }
    let open_questions = state.open_questions;
    let mut confirm_with_open = None;
    // A yes to a warning sign: what to do now, at once, in a dialog that takes the focus (a
    // screen reader says it), and above the questions after that.
    let urgent = crate::safety::urgent_advice(&state.answers);
    let unseen: Vec<crate::text::StaticText> =
        urgent.iter().filter(|advice| !state.urgent_seen.contains(advice)).copied().collect();
    if !unseen.is_empty() {
        commands.extend(urgent_dialog_ui(ui, ctx, &urgent, &mut state.urgent_seen));
    }
    state.urgent_seen.retain(|advice| urgent.contains(advice));
    page_with_actions_ui(
        ui,
        ctx,
        "gate",
        |ui| {
            super::stable_region(ui, "gate_urgent", |ui| {
                if !urgent.is_empty() {
                    let color = theme::urgent_color(ui.visuals());
                    callout(ui, color, |ui| {
                        ui.label(RichText::new(ctx.t.outcome_urgent_title).size(26.0).strong().color(color));
                        for advice in &urgent {
                            ui.label(RichText::new(advice.get(ctx.lang)).size(20.0).strong());
                        }
                        if ui.button(RichText::new(ctx.t.cancel).strong()).clicked() {
                            content_commands.push(Command::Nav(Nav::Cancel));
                        }
                    });
                    ui.add_space(8.0);
                }
            });
            super::stable_region(ui, "gate_intro", |ui| {
                ui.label(RichText::new(ctx.t.gate_title).size(theme::HEADING_SIZE).strong());
                ui.label(RichText::new(ctx.t.gate_needed_for.fill(state.routine.title.get(ctx.lang))).weak());
                ui.label(ctx.t.gate_intro);
                if state.prefilled {
                    ui.label(RichText::new(ctx.t.gate_prefilled).color(theme::caution_color(ui.visuals())));
                }
            });
            ui.add_space(6.0);
            let routine_points: Vec<PointCode> = state.routine.distinct_points().into_iter().cloned().collect();
            let mut shown_other_heading = false;
            ui.label(RichText::new(ctx.t.gate_emergency_heading).strong().color(theme::urgent_color(ui.visuals())));
            let visible: Vec<&'static Question> = state.answers.visible_questions(&state.areas).collect();
            for (index, question) in visible.into_iter().enumerate() {
                if !question.emergency && question.parent.is_none() && !shown_other_heading {
                    shown_other_heading = true;
                    super::stable_region(ui, "gate_other_heading", |ui| {
                        ui.add_space(8.0);
                        ui.label(RichText::new(ctx.t.gate_other_heading).strong());
                    });
                }
                // Each question keeps its nodes when others appear or go (follow-ups, advice).
                let focus = match open_questions {
                    Some((first_open, left, focused)) if first_open == question.id => Some((left, !focused)),
                    _ => None,
                };
                super::stable_region(ui, ("gate_question", question.id.as_str()), |ui| {
                    question_ui(ui, ctx, question, &mut state.answers, &routine_points, index == 0, focus);
                });
            }
        },
        Some(|ui: &mut egui::Ui| {
            if ui.button(ctx.t.back).clicked() {
                commands.push(Command::Nav(Nav::Cancel));
            }
            if unanswered > 0 {
                ui.label(RichText::new(ctx.t.unanswered_left.fill(&unanswered.to_string())).weak());
            }
            // Always there: with questions open it takes the person to the first of them and says
            // how many are left, instead of doing nothing.
            let confirm = ui.button(RichText::new(ctx.t.confirm_answers).strong());
            if confirm.clicked() {
                match unanswered_ids.first() {
                    Some(first) => confirm_with_open = Some((*first, unanswered, false)),
                    None => commands.push(Command::Session(SessionFlow::ConfirmAnswers(answers_now))),
                }
            }
        }),
    );
    if confirm_with_open.is_some() {
        // Next frame the first open question takes the focus.
        state.open_questions = confirm_with_open;
        ui.ctx().request_repaint();
    } else if let Some((_, _, focused)) = &mut state.open_questions {
        *focused = true;
    }
    commands.extend(content_commands);
    commands
}

/// One question with its answers. `open_left` is set when Confirm was pressed with this as the
/// first open question: how many are left, which its first answer says, and whether it takes
/// the focus now.
fn question_ui(
    ui: &mut egui::Ui,
    ctx: &UiContext,
    question: &Question,
    answers: &mut Answers,
    routine_points: &[PointCode],
    first: bool,
    open_left: Option<(usize, bool)>,
) {
    let take_focus = |response: &egui::Response| {
        if let Some((left, now)) = open_left {
            let text =
                crate::texts::count_form(left, ctx.t.questions_left_one, ctx.t.questions_left).fill(&left.to_string());
            response.ctx.accesskit_node_builder(response.id, |node| node.set_description(text.as_str()));
            if now {
                response.request_focus();
                response.scroll_to_me(Some(egui::Align::Center));
            }
        }
    };
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
                        take_focus(&yes);
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
                            let checkbox = ui.checkbox(&mut checked, name);
                            if Some(code) == routine_points.first() {
                                take_focus(&checkbox);
                            }
                            if checkbox.changed() {
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

/// The dialog that says what to do now, the moment a warning sign is answered yes: named by
/// its title (a screen reader says it as an alert), the focus on its first button. "Stop here"
/// leaves the questions; "Back to the questions" lets the person change the answer.
fn urgent_dialog_ui(
    ui: &egui::Ui,
    ctx: &UiContext,
    urgent: &[crate::text::StaticText],
    seen: &mut Vec<crate::text::StaticText>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let id = egui::Id::unique("urgent_advice");
    let area = egui::Modal::default_area(id)
        .role(egui::accesskit::Role::AlertDialog)
        .accessible_name(ctx.t.outcome_urgent_title);
    let modal = egui::Modal::new(id).area(area).show(ui.ctx(), |ui| {
        super::layout::dialog_width(ui, 560.0);
        let color = theme::urgent_color(ui.visuals());
        ui.label(RichText::new(ctx.t.outcome_urgent_title).size(26.0).strong().color(color));
        for advice in urgent {
            ui.add(egui::Label::new(RichText::new(advice.get(ctx.lang)).size(20.0).strong()).wrap());
        }
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            let stop = ui.button(RichText::new(ctx.t.urgent_stop_here).strong());
            super::focus_when_opened(&stop);
            if stop.clicked() {
                commands.push(Command::Nav(Nav::Cancel));
            }
            if ui.button(ctx.t.urgent_back_to_questions).clicked() {
                seen.clear();
                seen.extend_from_slice(urgent);
            }
        });
    });
    if modal.should_close() {
        seen.clear();
        seen.extend_from_slice(urgent);
    }
    commands
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
                    commands.push(Command::Session(SessionFlow::Start { pain_before }));
                }
            }
            let change = ui.button(ctx.t.change_answers);
            if !cleared {
                ctx.focus_first(&change);
            }
            if change.clicked() {
                commands.push(Command::Session(SessionFlow::EditAnswers));
            }
            if ui.button(ctx.t.cancel).clicked() {
                commands.push(Command::Nav(Nav::Cancel));
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

/// The outcome's title, which takes the focus when the screen opens so a screen reader says the
/// whole decision at once: `spoken` is what it says (title, what changes and why).
fn outcome_title_ui(ui: &mut egui::Ui, ctx: &UiContext, title: &str, size: f32, color: egui::Color32, spoken: &str) {
    let response = ui.add(
        egui::Label::new(RichText::new(title).size(size).strong().color(color))
            .sense(egui::Sense::focusable_noninteractive()),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Heading, true, spoken));
    ctx.focus_first(&response);
}

fn blocked_ui(ui: &mut egui::Ui, ctx: &UiContext, block: &Block) {
    let (title, color) = match block.outcome {
        Outcome::BlockedUrgent => (ctx.t.outcome_urgent_title, theme::urgent_color(ui.visuals())),
        Outcome::BlockedSeeDoctor => (ctx.t.outcome_doctor_title, theme::caution_color(ui.visuals())),
        _ => (ctx.t.outcome_nothing_left_title, theme::caution_color(ui.visuals())),
    };
    let mut spoken = vec![title.to_owned()];
    spoken.extend(block.advice().iter().map(|advice| advice.get(ctx.lang).to_owned()));
    spoken.extend(block.reasons.iter().map(|reason| reason.text.get(ctx.lang).to_owned()));
    callout(ui, color, |ui| {
        outcome_title_ui(ui, ctx, title, 26.0, color, &spoken.join(" "));
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
            let spoken = format!("{}. {}", ctx.t.outcome_clear_title, ctx.t.outcome_clear_text);
            outcome_title_ui(ui, ctx, ctx.t.outcome_clear_title, 24.0, color, &spoken);
            ui.label(ctx.t.outcome_clear_text);
        });
    } else {
        let color = theme::caution_color(ui.visuals());
        let point_name =
            |code: &PointCode| ctx.catalog.get(code).map_or_else(|| code.to_string(), |point| point.label(ctx.lang));
        let mut spoken = vec![format!("{}.", ctx.t.outcome_adapted_title)];
        if !adaptations.light_only.is_empty() {
            let reasons: Vec<&str> = adaptations.light_only.iter().map(|reason| reason.text.get(ctx.lang)).collect();
            spoken.push(format!("{}: {}", ctx.t.light_only, reasons.join(" ")));
        }
        if !adaptations.skipped.is_empty() {
            let skipped: Vec<String> = adaptations
                .skipped
                .iter()
                .map(|skipped| format!("{}, {}", point_name(&skipped.point), skipped.reason.text.get(ctx.lang)))
                .collect();
            spoken.push(format!("{}: {}", ctx.t.skipped_points, skipped.join(" ")));
        }
        for reason in &adaptations.holds_removed {
            spoken.push(format!("{}: {}", ctx.t.breathing_changed, reason.text.get(ctx.lang)));
        }
        callout(ui, color, |ui| {
            outcome_title_ui(ui, ctx, ctx.t.outcome_adapted_title, 24.0, color, &spoken.join(" "));
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

/// Eleven buttons 0..=10 on one line (narrower as the space shrinks, so "10" never wraps onto
/// a line of its own), and "skip" under them.
pub fn pain_rating_ui(ui: &mut egui::Ui, ctx: &UiContext, rating: &mut PainRating, id_salt: &str, first: bool) {
    let value_label = |value: u8| ctx.t.pain_value.fill(&value.to_string());
    scale_ui(ui, ctx, ScaleWords { hint: ctx.t.pain_scale_hint, value_label: &value_label }, rating, id_salt, first);
}

/// The words of a 0–10 scale: what the ends mean, and each button's name for a screen reader.
#[derive(Clone, Copy)]
pub struct ScaleWords<'a> {
    /// Shown above the buttons ("0 = no pain, 10 = worst imaginable").
    pub hint: &'a str,
    /// The spoken name of the button for a value ("Pain 4").
    pub value_label: &'a dyn Fn(u8) -> String,
}

/// A 0–10 scale on one line of buttons, with "Skip" to leave it unrated.
pub fn scale_ui(
    ui: &mut egui::Ui,
    ctx: &UiContext,
    words: ScaleWords<'_>,
    rating: &mut Option<u8>,
    id_salt: &str,
    first: bool,
) {
    ui.label(RichText::new(words.hint).weak());
    ui.push_id(id_salt, |ui| {
        let spacing = ui.spacing().item_spacing.x;
        let width = ((ui.available_width() - 10.0 * spacing) / 11.0).clamp(20.0, 34.0);
        ui.horizontal(|ui| {
            ui.spacing_mut().button_padding.x = ui.spacing().button_padding.x.min(3.0);
            for value in 0..=10u8 {
                let button = egui::Button::new(value.to_string())
                    .selected(*rating == Some(value))
                    .min_size(egui::vec2(width, 26.0));
                let response = ui.add(button);
                if first && value == 0 {
                    ctx.focus_first(&response);
                }
                let label = (words.value_label)(value);
                let selected = *rating == Some(value);
                response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
                if response.clicked() {
                    *rating = Some(value);
                }
            }
        });
        if ui.selectable_label(rating.is_none(), ctx.t.skip_rating).clicked() {
            *rating = None;
        }
    });
}
