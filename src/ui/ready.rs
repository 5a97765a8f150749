//! Getting ready, before the clock starts: the stop rules, how to press, and the first point.
//! The same is spoken; the person begins when they have found the point.

use egui::{Key, Modifiers, RichText};

use super::player::point_details_ui;
use super::{Command, Nav, SessionFlow, UiContext, page_with_actions_ui, theme};
use crate::routine::Routine;
use crate::safety::{PRACTICE_GUIDANCE, STOP_RULES};

/// The get-ready screen for `routine` (as adapted by the gate).
pub fn ready_ui(ui: &mut egui::Ui, ctx: &UiContext, routine: &Routine) -> Vec<Command> {
    let mut commands = Vec::new();
    let (begin_key, back_key) = ui.input_mut(|input| {
        let begin = input.consume_key(Modifiers::NONE, Key::Space) || input.consume_key(Modifiers::NONE, Key::Enter);
        (begin, input.consume_key(Modifiers::NONE, Key::Escape))
    });
    if begin_key {
        commands.push(Command::Session(SessionFlow::Begin));
    } else if back_key {
        commands.push(Command::Nav(Nav::Cancel));
    }
    page_with_actions_ui(
        ui,
        ctx,
        "ready",
        |ui| {
            ui.label(RichText::new(ctx.t.ready_title).size(theme::HEADING_SIZE).strong());
            ui.label(RichText::new(routine.title.get(ctx.lang)).size(17.0));
            // The routine's own words: who it is for and the position to take (sitting, lying).
            ui.label(routine.description.get(ctx.lang));
            ui.add_space(4.0);
            ui.label(ctx.t.ready_intro);
            ui.add_space(8.0);
            let caution = theme::caution_color(ui.visuals());
            ui.label(RichText::new(STOP_RULES.get(ctx.lang)).strong().color(caution));
            ui.add_space(8.0);
            ui.label(RichText::new(ctx.t.practice_title).strong());
            ui.label(PRACTICE_GUIDANCE.get(ctx.lang));
            ui.add_space(10.0);
            if let Some(step) = routine.steps.first() {
                let name =
                    ctx.catalog.get(&step.point).map_or_else(|| step.point.to_string(), |point| point.label(ctx.lang));
                let heading = ctx.t.first_point.fill(&name);
                point_details_ui(ui, ctx, step, step.presses()[0], &heading);
            }
        },
        Some(|ui: &mut egui::Ui| {
            let begin = ui.add(
                egui::Button::new(RichText::new(ctx.t.begin).strong().size(20.0)).min_size(egui::vec2(160.0, 40.0)),
            );
            ctx.focus_first(&begin);
            if begin.clicked() {
                commands.push(Command::Session(SessionFlow::Begin));
            }
            ui.label(RichText::new(ctx.t.begin_hint).weak());
            if ui.button(format!("{} (Esc)", ctx.t.back)).clicked() {
                commands.push(Command::Nav(Nav::Cancel));
            }
        }),
    );
    commands
}
