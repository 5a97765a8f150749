//! The end of a session: what was done, and the pain rating after.

use egui::RichText;

use super::gate::pain_rating_ui;
use super::strings::fill;
use super::{Command, UiContext, theme};
use crate::history::{PainRating, SessionRecord};
use crate::routine::format_clock;

/// The end screen's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndState {
    /// The session's record (pain after not yet filled in).
    pub record: SessionRecord,
    /// Where the record is in the history.
    pub index: usize,
    /// Pain after; `None` until rated.
    pub pain_after: PainRating,
}

/// The end screen.
pub fn end_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut EndState) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::CentralPanel::default().show(ui, |ui| {
        let record = &state.record;
        let title = if record.completed { ctx.t.end_completed_title } else { ctx.t.end_stopped_title };
        let color = if record.completed { theme::ok_color(ui.visuals()) } else { theme::caution_color(ui.visuals()) };
        ui.label(RichText::new(title).size(28.0).strong().color(color));
        ui.label(RichText::new(record.routine_title.get(ctx.lang)).size(18.0));
        ui.add_space(8.0);
        ui.label(fill(ctx.t.time_done, &[("time", &format_clock(record.practised_secs))]));
        ui.label(fill(
            ctx.t.steps_done,
            &[("done", &record.steps_done.to_string()), ("total", &record.steps_total.to_string())],
        ));
        if record.steps_skipped_by_user > 0 {
            ui.label(fill(ctx.t.steps_skipped, &[("count", &record.steps_skipped_by_user.to_string())]));
        }
        if !record.skipped_by_gate.is_empty() {
            let points: Vec<String> = record
                .skipped_by_gate
                .iter()
                .map(|code| ctx.catalog.get(code).map_or_else(|| code.to_string(), |point| point.label(ctx.lang)))
                .collect();
            ui.label(fill(ctx.t.points_skipped_by_gate, &[("points", &points.join(", "))]));
        }
        ui.add_space(12.0);
        ui.label(RichText::new(ctx.t.pain_after_question).strong());
        pain_rating_ui(ui, ctx, &mut state.pain_after, "pain_after");
        ui.add_space(12.0);
        if ui.button(RichText::new(ctx.t.done).strong().size(17.0)).clicked() {
            commands.push(Command::FinishSession { pain_after: state.pain_after });
        }
    });
    commands
}
