//! The session player: countdown, breathing pacer, the point and how to find it, the step list,
//! controls, and the stop rules, always visible.

use std::collections::BTreeSet;

use egui::{Key, Modifiers, RichText, Sense, Stroke, vec2};

use super::body_map::{MapOptions, body_map_ui, side_name};
use super::strings::{count_form, fill};
use super::{Command, UiContext, countdown_text, theme};
use crate::catalog::View;
use crate::routine::{BodySide, Routine, Step};
use crate::safety::STOP_RULES;
use crate::session::SessionCommand;
use crate::session::{RunState, SegmentKind, Status, StepProgress};

/// What the player shows; read from the session each frame.
pub struct PlayerView<'a> {
    /// The session's state now.
    pub status: &'a Status,
    /// The routine being played (as adapted by the gate).
    pub routine: &'a Routine,
    /// Progress per step.
    pub progress: &'a [StepProgress],
    /// Cues missed while the computer slept.
    pub missed: usize,
    /// Times the session paused itself because the computer slept.
    pub interruptions: usize,
}

/// Keyboard shortcuts, consumed before any widget sees them.
fn shortcuts(ui: &egui::Ui) -> Option<SessionCommand> {
    ui.input_mut(|input| {
        if input.consume_key(Modifiers::NONE, Key::Space) {
            Some(SessionCommand::TogglePause)
        } else if input.consume_key(Modifiers::NONE, Key::ArrowLeft) {
            Some(SessionCommand::Previous)
        } else if input.consume_key(Modifiers::NONE, Key::ArrowRight) {
            Some(SessionCommand::Next)
        } else if input.consume_key(Modifiers::NONE, Key::Escape) {
            Some(SessionCommand::Stop)
        } else {
            None
        }
    })
}

/// The player screen.
pub fn player_ui(ui: &mut egui::Ui, ctx: &UiContext, view: &PlayerView) -> Vec<Command> {
    let mut commands: Vec<Command> = shortcuts(ui).map(Command::Session).into_iter().collect();
    let status = view.status;
    let paused = status.state == RunState::Paused;
    egui::Panel::bottom("stop_rules").show(ui, |ui| {
        ui.add_space(4.0);
        let color = theme::caution_color(ui.visuals());
        ui.label(RichText::new(STOP_RULES.get(ctx.lang)).strong().color(color));
        ui.add_space(4.0);
    });
    egui::Panel::top("player_controls").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new(view.routine.title.get(ctx.lang)).strong().size(18.0));
            if let Some(step) = status.segment.and_then(|segment| segment.kind.step()) {
                let current = (step + 1).to_string();
                let total = view.routine.steps.len().to_string();
                ui.label(fill(ctx.t.step_of, &[("current", &current), ("total", &total)]));
            }
            ui.label(RichText::new(fill(ctx.t.time_left, &[("time", &countdown_text(status.remaining()))])).weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(format!("{} (Esc)", ctx.t.stop)).clicked() {
                    commands.push(Command::Session(SessionCommand::Stop));
                }
                if ui.button(format!("{} →", ctx.t.next)).clicked() {
                    commands.push(Command::Session(SessionCommand::Next));
                }
                let toggle = if paused { ctx.t.resume } else { ctx.t.pause };
                if ui.button(RichText::new(format!("{toggle} (Space)")).strong()).clicked() {
                    commands.push(Command::Session(SessionCommand::TogglePause));
                }
                if ui.button(format!("← {}", ctx.t.previous)).clicked() {
                    commands.push(Command::Session(SessionCommand::Previous));
                }
            });
        });
        if view.interruptions > 0 && status.state == RunState::Paused {
            ui.label(RichText::new(ctx.t.slept_notice).strong().color(theme::caution_color(ui.visuals())));
        }
        if view.missed > 0 {
            let notice = count_form(view.missed, ctx.t.missed_notice_one, ctx.t.missed_notice);
            let text = fill(notice, &[("count", &view.missed.to_string())]);
            ui.label(RichText::new(text).color(theme::caution_color(ui.visuals())));
        }
        ui.add_space(4.0);
    });
    let steps_width = (ui.available_width() * 0.24).clamp(200.0, 300.0);
    egui::Panel::right("player_steps").resizable(false).exact_size(steps_width).show(ui, |ui| {
        ui.add_space(6.0);
        ui.label(RichText::new(ctx.t.session_steps).strong());
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| steps_ui(ui, ctx, view));
    });
    egui::CentralPanel::default().show(ui, |ui| {
        ui.columns(2, |columns| {
            timing_ui(&mut columns[0], ctx, view);
            point_ui(&mut columns[1], ctx, view);
        });
    });
    commands
}

fn phase_text(ctx: &UiContext, kind: SegmentKind) -> String {
    match kind {
        SegmentKind::Rest { step: 0 } => ctx.t.phase_prepare.to_owned(),
        SegmentKind::Rest { .. } => ctx.t.phase_rest.to_owned(),
        SegmentKind::Press { side: None, .. } => ctx.t.phase_press.to_owned(),
        SegmentKind::Press { side, .. } => fill(ctx.t.phase_press_side, &[("side", side_name(side, ctx))]),
        SegmentKind::Switch { to, .. } => fill(ctx.t.phase_switch, &[("side", side_name(Some(to), ctx))]),
        SegmentKind::Settle => ctx.t.phase_settle.to_owned(),
    }
}

fn timing_ui(ui: &mut egui::Ui, ctx: &UiContext, view: &PlayerView) {
    let status = view.status;
    let Some(segment) = status.segment else { return };
    ui.vertical_centered(|ui| {
        ui.add_space(8.0);
        let phase = phase_text(ctx, segment.kind);
        ui.label(RichText::new(&phase).size(24.0).strong());
        if let SegmentKind::Press { step, .. } = segment.kind {
            let pressure = view.routine.steps[step].pressure.name(ctx.lang);
            ui.label(RichText::new(fill(ctx.t.pressure, &[("pressure", pressure)])).weak());
        }
        let countdown = countdown_text(status.segment_remaining);
        let countdown_color = ui.visuals().strong_text_color();
        let countdown_response =
            ui.label(RichText::new(&countdown).size(theme::COUNTDOWN_SIZE).monospace().color(countdown_color));
        countdown_response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Timer, true, format!("{phase} {countdown}")));
        if status.state == RunState::Paused {
            ui.label(RichText::new(ctx.t.paused).size(20.0).color(theme::caution_color(ui.visuals())));
        }
        ui.add_space(8.0);
        pacer_ui(ui, ctx, status);
    });
}

/// A circle that grows on the in-breath and shrinks on the out-breath, with the phase and the
/// seconds left in it. With reduced motion the circle keeps one size.
fn pacer_ui(ui: &mut egui::Ui, ctx: &UiContext, status: &Status) {
    let Some((pattern, phase)) = status.breath else { return };
    let available = ui.available_size();
    let side = available.x.min(available.y - 10.0).clamp(90.0, 240.0);
    let (rect, response) = ui.allocate_exact_size(vec2(side, side), Sense::hover());
    let fullness = if ctx.reduce_motion { 0.75 } else { phase.phase.fullness(phase.progress, pattern) };
    let min_radius = side * 0.18;
    let max_radius = side * 0.48;
    let radius = min_radius + (max_radius - min_radius) * fullness;
    let visuals = ui.visuals();
    let color = theme::point_color(visuals);
    let painter = ui.painter_at(rect);
    painter.circle_stroke(rect.center(), max_radius, Stroke::new(1.0, theme::dim_color(visuals)));
    painter.circle(rect.center(), radius, theme::callout_fill(color, visuals), Stroke::new(3.0, color));
    let label = phase.phase.label(ctx.lang);
    let seconds = phase.remaining.as_millis().div_ceil(1000);
    let text = format!("{label}\n{seconds}");
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        &text,
        egui::FontId::proportional(22.0),
        visuals.strong_text_color(),
    );
    let spoken = fill(ctx.t.breathe, &[("phase", label)]);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, format!("{spoken}, {seconds}")));
    ui.label(RichText::new(pattern.name(ctx.lang)).weak());
}

fn point_ui(ui: &mut egui::Ui, ctx: &UiContext, view: &PlayerView) {
    let Some(segment) = view.status.segment else { return };
    let Some(step_index) = segment.kind.step() else {
        ui.add_space(8.0);
        ui.label(RichText::new(ctx.t.phase_settle).size(20.0));
        return;
    };
    let step = &view.routine.steps[step_index];
    let Some(point) = ctx.catalog.get(&step.point) else { return };
    let side = match segment.kind {
        SegmentKind::Press { side, .. } => side,
        SegmentKind::Switch { to, .. } => Some(to),
        _ => step.presses()[0],
    };
    ui.add_space(8.0);
    let heading = if matches!(segment.kind, SegmentKind::Rest { step } if step > 0) {
        fill(ctx.t.next_point, &[("point", &point.label(ctx.lang))])
    } else {
        point.label(ctx.lang)
    };
    point_details_ui(ui, ctx, step, side, &heading);
}

/// The point of `step` under `heading`: the side, how to find it, the step's note and a small
/// map with the point and side marked.
pub fn point_details_ui(ui: &mut egui::Ui, ctx: &UiContext, step: &Step, side: Option<BodySide>, heading: &str) {
    let Some(point) = ctx.catalog.get(&step.point) else { return };
    ui.label(RichText::new(heading).strong().size(20.0));
    ui.label(RichText::new(side_name(side, ctx)).strong().color(theme::highlight_color(ui.visuals())));
    ui.label(RichText::new(ctx.t.how_to_find).strong());
    ui.label(point.find.get(ctx.lang));
    if let Some(note) = &step.note {
        ui.label(RichText::new(note.get(ctx.lang)).italics());
    }
    // The point's cautions, before and while it is pressed.
    if !point.cautions.is_empty() {
        ui.label(RichText::new(ctx.t.cautions).strong().color(theme::caution_color(ui.visuals())));
        for caution in &point.cautions {
            ui.label(format!("• {}", caution.get(ctx.lang)));
        }
    }
    ui.add_space(6.0);
    // The close-up view when there is one, else the whole body.
    let map_view = View::ALL.into_iter().rev().find(|view| point.position_on(*view).is_some()).unwrap_or(View::Front);
    let empty = BTreeSet::new();
    let options = MapOptions {
        view: map_view,
        highlighted: &empty,
        selected: None,
        focus: Some((&point.code, side)),
        interactive: false,
        max_size: ui.available_size(),
    };
    ui.vertical_centered(|ui| {
        let _ = body_map_ui(ui, ctx, &options);
    });
}

fn steps_ui(ui: &mut egui::Ui, ctx: &UiContext, view: &PlayerView) {
    let current = view.status.segment.and_then(|segment| segment.kind.step());
    for (index, step) in view.routine.steps.iter().enumerate() {
        let name = ctx.catalog.get(&step.point).map_or_else(|| step.point.to_string(), |point| point.label(ctx.lang));
        let (mark, state) = if current == Some(index) {
            ("▶", ctx.t.step_current)
        } else {
            match view.progress.get(index) {
                Some(StepProgress::Done) => ("●", ctx.t.step_done),
                Some(StepProgress::Skipped) => ("↷", ctx.t.step_skipped),
                _ => ("○", ""),
            }
        };
        let text = format!("{mark} {}. {name}", index + 1);
        let rich = if current == Some(index) { RichText::new(text).strong() } else { RichText::new(text) };
        ui.label(rich);
        let sides: Vec<&str> = step.presses().into_iter().map(|side| side_name(side, ctx)).collect();
        let detail = format!("{} × {} s {state}", sides.join(" + "), step.press_secs);
        ui.label(RichText::new(detail).weak());
    }
}
