//! The session player: countdown, breathing pacer, the point and how to find it, the step list,
//! controls, and the stop rules, always visible.
//!
//! Keys: Space pauses and resumes, ← goes back, → goes on (to the other side first), Esc asks
//! whether to stop (Enter stops, Esc again goes on). On a wide window the timing, the point and
//! the steps stand side by side and grow with the window; on a narrow one they stack and scroll.

use std::collections::BTreeSet;

use egui::{Key, Modifiers, RichText, Sense, Stroke, vec2};

use super::body_map::{MapOptions, body_map_ui, side_name};
use super::strings::{count_form, fill};
use super::{Command, UiContext, countdown_text, layout, theme};
use crate::catalog::View;
use crate::routine::{BodySide, Routine, Step};
use crate::safety::STOP_RULES;
use crate::session::{RunState, SegmentKind, SessionCommand, Status, StepProgress};

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

/// What the player remembers between frames.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlayerUiState {
    /// "Stop the session?" is being asked.
    pub confirm_stop: bool,
}

/// Keyboard shortcuts, consumed before any widget sees them.
fn shortcuts(ui: &egui::Ui, state: &mut PlayerUiState) -> Option<SessionCommand> {
    ui.input_mut(|input| {
        if state.confirm_stop {
            if input.consume_key(Modifiers::NONE, Key::Enter) {
                state.confirm_stop = false;
                return Some(SessionCommand::Stop);
            }
            if input.consume_key(Modifiers::NONE, Key::Escape) {
                state.confirm_stop = false;
            }
            return None;
        }
        if input.consume_key(Modifiers::NONE, Key::Space) {
            Some(SessionCommand::TogglePause)
        } else if input.consume_key(Modifiers::NONE, Key::ArrowLeft) {
            Some(SessionCommand::Previous)
        } else if input.consume_key(Modifiers::NONE, Key::ArrowRight) {
            Some(SessionCommand::Next)
        } else {
            if input.consume_key(Modifiers::NONE, Key::Escape) {
                state.confirm_stop = true;
            }
            None
        }
    })
}

/// The player screen.
pub fn player_ui(ui: &mut egui::Ui, ctx: &UiContext, view: &PlayerView, state: &mut PlayerUiState) -> Vec<Command> {
    let mut commands: Vec<Command> = shortcuts(ui, state).map(Command::Session).into_iter().collect();
    egui::Panel::bottom("stop_rules").show(ui, |ui| {
        ui.add_space(4.0);
        let color = theme::caution_color(ui.visuals());
        ui.add(egui::Label::new(RichText::new(STOP_RULES.get(ctx.lang)).strong().color(color)).wrap());
        ui.add_space(4.0);
    });
    egui::Panel::top("player_controls").show(ui, |ui| controls_ui(ui, ctx, view, state, &mut commands));
    let settling = view.status.segment.is_some_and(|segment| segment.kind == SegmentKind::Settle);
    if settling {
        // The last minute: only the breathing, in the middle of the window.
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    timing_ui(ui, ctx, view);
                    ui.add_space(8.0);
                    ui.label(RichText::new(ctx.t.settle_note).weak());
                });
            });
        });
    } else if layout::is_narrow(ui) || ui.available_height() < 420.0 {
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                ui.vertical_centered(|ui| timing_ui(ui, ctx, view));
                ui.separator();
                point_ui(ui, ctx, view);
                ui.separator();
                steps_ui(ui, ctx, view);
            });
        });
    } else {
        let steps_width = (ui.available_width() * 0.22).clamp(220.0, 340.0);
        egui::Panel::right("player_steps").resizable(false).exact_size(steps_width).show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| steps_ui(ui, ctx, view));
        });
        egui::CentralPanel::default().show(ui, |ui| {
            ui.columns(2, |columns| {
                columns[0].vertical_centered(|ui| timing_ui(ui, ctx, view));
                egui::ScrollArea::vertical()
                    .id_salt("player_point")
                    .auto_shrink([false, false])
                    .show(&mut columns[1], |ui| point_ui(ui, ctx, view));
            });
        });
    }
    if state.confirm_stop {
        confirm_stop_ui(ui, ctx, state, &mut commands);
    }
    commands
}

/// Title, where the session is, the controls (in reading order), and notices.
fn controls_ui(
    ui: &mut egui::Ui,
    ctx: &UiContext,
    view: &PlayerView,
    state: &mut PlayerUiState,
    commands: &mut Vec<Command>,
) {
    let status = view.status;
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(view.routine.title.get(ctx.lang)).strong().size(18.0));
        if let Some(step) = status.segment.and_then(|segment| segment.kind.step()) {
            let current = (step + 1).to_string();
            let total = view.routine.steps.len().to_string();
            ui.label(fill(ctx.t.step_of, &[("current", &current), ("total", &total)]));
        }
        ui.label(RichText::new(fill(ctx.t.time_left, &[("time", &countdown_text(status.remaining()))])).weak());
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(format!("← {}", ctx.t.previous)).clicked() {
            commands.push(Command::Session(SessionCommand::Previous));
        }
        let toggle = if status.state == RunState::Paused { ctx.t.resume } else { ctx.t.pause };
        let pause = ui.button(RichText::new(format!("{toggle} (Space)")).strong());
        ctx.focus_first(&pause);
        if pause.clicked() {
            commands.push(Command::Session(SessionCommand::TogglePause));
        }
        if ui.button(format!("{} →", ctx.t.next)).clicked() {
            commands.push(Command::Session(SessionCommand::Next));
        }
        if ui.button(format!("{} (Esc)", ctx.t.stop)).clicked() {
            state.confirm_stop = true;
        }
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
}

/// "Stop the session?": Enter (or the button) stops, Esc (or the button) goes on.
fn confirm_stop_ui(ui: &egui::Ui, ctx: &UiContext, state: &mut PlayerUiState, commands: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("confirm_stop")).show(ui.ctx(), |ui| {
        ui.set_max_width(420.0);
        ui.label(RichText::new(ctx.t.confirm_stop_title).size(20.0).strong());
        ui.label(ctx.t.confirm_stop_text);
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            // Enter and Esc are read by the player's shortcuts, wherever the focus is.
            if ui.button(RichText::new(ctx.t.confirm_stop).strong()).clicked() {
                state.confirm_stop = false;
                commands.push(Command::Session(SessionCommand::Stop));
            }
            if ui.button(ctx.t.go_on).clicked() {
                state.confirm_stop = false;
            }
        });
    });
    if modal.should_close() {
        state.confirm_stop = false;
    }
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

/// The phase, the countdown and the pacer, larger as the window grows.
fn timing_ui(ui: &mut egui::Ui, ctx: &UiContext, view: &PlayerView) {
    let status = view.status;
    let Some(segment) = status.segment else { return };
    // 1 in a small window, up to 1.6 on a large screen.
    let grow = (ui.available_height() / 560.0).clamp(1.0, 1.6);
    ui.add_space(8.0);
    let phase = phase_text(ctx, segment.kind);
    ui.add(egui::Label::new(RichText::new(&phase).size(24.0 * grow).strong()).wrap());
    if let SegmentKind::Press { step, .. } = segment.kind {
        let pressure = view.routine.steps[step].pressure.name(ctx.lang);
        ui.label(RichText::new(fill(ctx.t.pressure, &[("pressure", pressure)])).weak());
    }
    let countdown = countdown_text(status.segment_remaining);
    let countdown_color = ui.visuals().strong_text_color();
    let countdown_response =
        ui.label(RichText::new(&countdown).size(theme::COUNTDOWN_SIZE * grow).monospace().color(countdown_color));
    countdown_response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Timer, true, format!("{phase} {countdown}")));
    if status.state == RunState::Paused {
        ui.label(RichText::new(ctx.t.paused).size(20.0).color(theme::caution_color(ui.visuals())));
    }
    ui.add_space(8.0);
    pacer_ui(ui, ctx, status, grow);
}

/// A circle that grows on the in-breath and shrinks on the out-breath, with the phase and the
/// seconds left in it, both centred. With reduced motion the circle keeps one size.
fn pacer_ui(ui: &mut egui::Ui, ctx: &UiContext, status: &Status, grow: f32) {
    let Some((pattern, phase)) = status.breath else { return };
    let available = ui.available_size();
    let side = available.x.min(available.y - 30.0).clamp(90.0, 240.0 * grow);
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
    let font_size = (side * 0.1).clamp(16.0, 30.0);
    let text_color = visuals.strong_text_color();
    let line = font_size * 0.6;
    for (text, offset) in [(label.to_owned(), -line), (seconds.to_string(), line)] {
        painter.text(
            rect.center() + vec2(0.0, offset),
            egui::Align2::CENTER_CENTER,
            text,
            egui::FontId::proportional(font_size),
            text_color,
        );
    }
    let spoken = fill(ctx.t.breathe, &[("phase", label)]);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, format!("{spoken}, {seconds}")));
    ui.label(RichText::new(pattern.name(ctx.lang)).weak());
}

fn point_ui(ui: &mut egui::Ui, ctx: &UiContext, view: &PlayerView) {
    let Some(segment) = view.status.segment else { return };
    let Some(step_index) = segment.kind.step() else { return };
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
    // The close-up view when there is one, else the whole body; never smaller than its labels need.
    let map_view = View::ALL.into_iter().rev().find(|view| point.position_on(*view).is_some()).unwrap_or(View::Front);
    let empty = BTreeSet::new();
    let max_size = vec2(ui.available_width(), ui.available_height().max(260.0));
    let options = MapOptions {
        view: map_view,
        highlighted: &empty,
        selected: None,
        focus: Some((&point.code, side)),
        interactive: false,
        max_size,
    };
    ui.vertical_centered(|ui| {
        let _ = body_map_ui(ui, ctx, &options);
    });
}

fn steps_ui(ui: &mut egui::Ui, ctx: &UiContext, view: &PlayerView) {
    ui.add_space(6.0);
    ui.label(RichText::new(ctx.t.session_steps).strong());
    let current = view.status.segment.and_then(|segment| segment.kind.step());
    for (index, step) in view.routine.steps.iter().enumerate() {
        let name = ctx.catalog.get(&step.point).map_or_else(|| step.point.to_string(), |point| point.label(ctx.lang));
        let (mark, state) = if current == Some(index) {
            ("▶", ctx.t.step_current)
        } else {
            match view.progress.get(index) {
                Some(StepProgress::Done) => ("●", ctx.t.step_done),
                Some(StepProgress::Partly) => ("◐", ctx.t.step_partly),
                Some(StepProgress::Skipped) => ("↷", ctx.t.step_skipped),
                _ => ("○", ""),
            }
        };
        ui.horizontal_wrapped(|ui| {
            let text = format!("{mark} {}. {name}", index + 1);
            ui.label(if current == Some(index) { RichText::new(text).strong() } else { RichText::new(text) });
            if !state.is_empty() {
                ui.label(RichText::new(format!("({state})")).weak());
            }
        });
        ui.label(RichText::new(step_detail(ctx, step)).weak());
    }
}

/// "left side, then right side · 60 s each", or "left side · 60 s".
pub fn step_detail(ctx: &UiContext, step: &Step) -> String {
    let presses = step.presses();
    let seconds = step.press_secs.to_string();
    if presses.len() > 1 {
        let sides: Vec<&str> = presses.into_iter().map(|side| side_name(side, ctx)).collect();
        fill(ctx.t.step_sides_each, &[("sides", &sides.join(ctx.t.then_separator)), ("seconds", &seconds)])
    } else {
        fill(ctx.t.step_side_once, &[("side", side_name(presses[0], ctx)), ("seconds", &seconds)])
    }
}
