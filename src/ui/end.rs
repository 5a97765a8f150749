//! The end of a session: pain before and after side by side, and what was done, step by step.

use egui::RichText;

use super::gate::{ScaleWords, pain_rating_ui, scale_ui};
use super::player::step_detail;
use super::{Command, SessionFlow, UiContext, layout, page_with_actions_ui, theme};
use crate::history::{PainRating, SessionRecord, SessionResult};
use crate::outcome::ActivityScore;
use crate::routine::{Routine, format_clock};
use crate::session::{StepProgress, Summary};
use crate::text::Text;
use crate::texts::count_form;

/// The end screen's state.
#[derive(Clone, Debug, PartialEq)]
pub struct EndState {
    /// The session's record (pain after not yet filled in).
    pub record: SessionRecord,
    /// Where the record is in the history.
    pub index: usize,
    /// Pain after; `None` until rated.
    pub pain_after: PainRating,
    /// The routine as it was played (after the safety questions).
    pub routine: Routine,
    /// What was done, step by step.
    pub summary: Summary,
    /// The prescription's activities to rate now (PSFS), when a rating is due; empty otherwise.
    pub activities: Vec<Text>,
    /// The scores given so far, one per activity (`None`: not rated).
    pub scores: Vec<Option<u8>>,
}

impl EndState {
    /// The activities rated, with their words, for the record.
    fn activity_scores(&self) -> Vec<ActivityScore> {
        self.activities
            .iter()
            .zip(&self.scores)
            .filter_map(|(activity, score)| Some(ActivityScore { activity: activity.clone(), score: (*score)? }))
            .collect()
    }
}

/// The end screen.
pub fn end_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut EndState) -> Vec<Command> {
    let mut commands = Vec::new();
    let pain_after = state.pain_after;
    let activity_scores = state.activity_scores();
    page_with_actions_ui(
        ui,
        ctx,
        "end",
        |ui| {
            let record = &state.record;
            let title = match (record.result(), record.completed) {
                (SessionResult::Done, _) => ctx.t.end_completed_title,
                (_, false) => ctx.t.end_stopped_title,
                (_, true) => ctx.t.end_over_title,
            };
            let color =
                if record.counts() { theme::ok_color(ui.visuals()) } else { theme::caution_color(ui.visuals()) };
            // The heading takes the focus when the screen opens: a screen reader says the
            // result at once (which routine, the time, the steps done).
            let spoken = format!(
                "{title}. {}. {} {} {}",
                record.routine_title.get(ctx.lang),
                result_text(ctx, record),
                ctx.t.time_done.fill(&format_clock(record.practised_secs)),
                steps_counts(ctx, &state.summary),
            );
            let heading = ui.add(
                egui::Label::new(RichText::new(title).size(28.0).strong().color(color))
                    .sense(egui::Sense::focusable_noninteractive()),
            );
            heading.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Heading, true, &spoken));
            ctx.focus_first(&heading);
            ui.label(RichText::new(record.routine_title.get(ctx.lang)).size(18.0));
            ui.label(result_text(ctx, record));
            ui.add_space(10.0);
            pain_ui(ui, ctx, state);
            if !state.activities.is_empty() {
                ui.add_space(12.0);
                activities_ui(ui, ctx, state);
            }
            ui.add_space(12.0);
            done_ui(ui, ctx, state);
        },
        Some(|ui: &mut egui::Ui| {
            let done = ui.button(RichText::new(ctx.t.done).strong().size(17.0));
            if done.clicked() {
                commands.push(Command::Session(SessionFlow::Finish { pain_after, activity_scores }));
            }
        }),
    );
    commands
}

/// Pain before (as rated) and after (to rate), side by side; stacked when narrow.
fn pain_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut EndState) {
    let before = |ui: &mut egui::Ui, record: &SessionRecord| {
        ui.label(RichText::new(ctx.t.pain_before_title).strong());
        let text = record
            .pain_before
            .map_or_else(|| ctx.t.pain_not_rated.to_owned(), |value| ctx.t.pain_of_ten.fill(&value.to_string()));
        ui.label(RichText::new(text).size(22.0));
    };
    let after = |ui: &mut egui::Ui, rating: &mut PainRating| {
        ui.label(RichText::new(ctx.t.pain_after_question).strong());
        pain_rating_ui(ui, ctx, rating, "pain_after", true);
    };
    if layout::is_narrow(ui) {
        before(ui, &state.record);
        ui.add_space(8.0);
        after(ui, &mut state.pain_after);
    } else {
        let record = &state.record;
        let rating = &mut state.pain_after;
        layout::two_columns_ui(ui, |ui| before(ui, record), |ui| after(ui, rating));
    }
}

/// The therapist's activities, each on a 0–10 scale (the Patient-Specific Functional Scale):
/// offered at the start of a program and then once a week.
fn activities_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut EndState) {
    ui.label(RichText::new(ctx.t.activities_title).strong().size(17.0));
    ui.label(ctx.t.activities_why);
    for (index, (activity, score)) in state.activities.iter().zip(&mut state.scores).enumerate() {
        let name = activity.get(ctx.lang);
        ui.add_space(6.0);
        ui.label(RichText::new(name).strong());
        let value_label = |value: u8| ctx.t.activity_value.fill(name, &value.to_string());
        let words = ScaleWords { hint: ctx.t.activities_scale_hint, value_label: &value_label };
        scale_ui(ui, ctx, words, score, &format!("activity_{index}"), false);
    }
}

/// Whether the session counts, in one sentence (the rule: every press to its end).
pub fn result_text(ctx: &UiContext, record: &SessionRecord) -> String {
    match record.result() {
        SessionResult::Done => ctx.t.result_done.to_owned(),
        SessionResult::Partly { pressed_secs } => ctx.t.result_partly.fill(&format_clock(pressed_secs)),
        SessionResult::NothingPressed => ctx.t.result_nothing_pressed.to_owned(),
    }
}

/// "Steps done: 4 of 6 (1 partly)".
fn steps_counts(ctx: &UiContext, summary: &Summary) -> String {
    let mut counts = ctx.t.steps_done.fill(&summary.steps_done().to_string(), &summary.steps.len().to_string());
    let partly = summary.steps_partly_done();
    if partly > 0 {
        counts.push_str(&count_form(partly, ctx.t.steps_partly_one, ctx.t.steps_partly).fill(&partly.to_string()));
    }
    counts
}

/// The time, the counts, and each step with how far it got.
fn done_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &EndState) {
    let record = &state.record;
    let summary = &state.summary;
    ui.label(RichText::new(ctx.t.what_was_done).strong().size(17.0));
    ui.label(ctx.t.time_done.fill(&format_clock(record.practised_secs)));
    ui.label(steps_counts(ctx, summary));
    ui.add_space(4.0);
    for (index, step) in state.routine.steps.iter().enumerate() {
        let name = ctx.catalog.get(&step.point).map_or_else(|| step.point.to_string(), |point| point.label(ctx.lang));
        let pressed = summary.pressed.get(index).copied().unwrap_or_default().as_secs();
        let whole = u64::from(step.press_secs) * step.presses().len() as u64;
        let (mark, how) = match summary.steps.get(index) {
            Some(StepProgress::Done) => ("●", ctx.t.step_done.to_owned()),
            // Cut short: it counts for the seconds pressed.
            Some(StepProgress::Partly | StepProgress::Started) if pressed > 0 => {
                ("◐", ctx.t.step_pressed_of.fill(&pressed.to_string(), &whole.to_string()))
            }
            Some(StepProgress::Skipped) => ("↷", ctx.t.step_skipped.to_owned()),
            _ => ("○", ctx.t.step_not_reached.to_owned()),
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{mark} {}. {name}", index + 1));
            ui.label(RichText::new(format!("— {how}")).weak());
        });
        ui.label(RichText::new(step_detail(ctx, step)).weak());
    }
    if !record.skipped_by_gate.is_empty() {
        let points: Vec<String> = record
            .skipped_by_gate
            .iter()
            .map(|code| ctx.catalog.get(code).map_or_else(|| code.to_string(), |point| point.label(ctx.lang)))
            .collect();
        ui.add_space(4.0);
        ui.label(ctx.t.points_skipped_by_gate.fill(&points.join(", ")));
    }
}
