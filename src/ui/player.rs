//! The session player: countdown, breathing pacer, the point and how to find it, the step list,
//! controls, and the stop rules, always visible.
//!
//! Keys: Space pauses and resumes, ← goes back, → goes on (to the other side first), Esc asks
//! whether to stop (Enter stops, Esc again goes on). On a wide window the timing, the point and
//! the steps stand side by side and grow with the window; on a narrow one they stack and scroll.

use std::collections::BTreeSet;

use egui::{Key, Modifiers, RichText, Sense, Stroke, vec2};

use super::body_map::{MapOptions, body_map_ui, side_name};
use super::{Command, SessionFlow, UiContext, countdown_text, layout, theme};
use crate::catalog::View;
use crate::routine::{BodySide, Routine, Step};
use crate::safety::STOP_RULES;
use crate::session::{RunState, SegmentKind, SessionCommand, Status, StepProgress};
use crate::texts::count_form;

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
    /// Whether the app's own voice says the cues (a sound device and the voice on): then the
    /// screen reader is not given them too, so the two never talk over each other.
    pub voice_speaks: bool,
}

/// What the player remembers between frames.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlayerUiState {
    /// "Stop the session?" is being asked.
    pub confirm_stop: bool,
    /// The session was running when the question came: "go on" resumes it.
    pub resume_on_go_on: bool,
    /// The time left, as asked for with T, and the segment it was asked in (start, in ms).
    pub time_asked: Option<(String, u128)>,
    /// Give the focus back to Pause (after the stop question closed).
    pub refocus_pause: bool,
}

/// Keyboard shortcuts, consumed before any widget sees them.
fn shortcuts(ui: &egui::Ui, state: &mut PlayerUiState, running: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.input_mut(|input| {
        if state.confirm_stop {
            if input.consume_key(Modifiers::NONE, Key::Enter) {
                commands.extend(close_stop_question(state, true));
            } else if input.consume_key(Modifiers::NONE, Key::Escape) {
                commands.extend(close_stop_question(state, false));
            }
            return;
        }
        if input.consume_key(Modifiers::NONE, Key::Space) {
            commands.push(Command::Session(SessionFlow::Control(SessionCommand::TogglePause)));
        } else if input.consume_key(Modifiers::NONE, Key::ArrowLeft) {
            commands.push(Command::Session(SessionFlow::Control(SessionCommand::Previous)));
        } else if input.consume_key(Modifiers::NONE, Key::ArrowRight) {
            commands.push(Command::Session(SessionFlow::Control(SessionCommand::Next)));
        } else if input.consume_key(Modifiers::NONE, Key::T) {
            state.time_asked = Some((String::new(), 0));
        } else if input.consume_key(Modifiers::NONE, Key::Escape) {
            commands.extend(open_stop_question(state, running));
        }
    });
    commands
}

/// "Stop the session?" opens: the session pauses while the person decides (no time passes).
fn open_stop_question(state: &mut PlayerUiState, running: bool) -> Option<Command> {
    state.confirm_stop = true;
    state.resume_on_go_on = running;
    running.then_some(Command::Session(SessionFlow::Control(SessionCommand::TogglePause)))
}

/// The question closes: stop, or go on (resuming if the question paused it).
fn close_stop_question(state: &mut PlayerUiState, stop: bool) -> Option<Command> {
    state.confirm_stop = false;
    state.refocus_pause = true;
    let resume = std::mem::take(&mut state.resume_on_go_on);
    if stop {
        Some(Command::Session(SessionFlow::Control(SessionCommand::Stop)))
    } else {
        resume.then_some(Command::Session(SessionFlow::Control(SessionCommand::TogglePause)))
    }
}

/// What a screen reader is told now, as the description of the player's controls (a change to
/// it is spoken while one of them has the focus): the time left when asked with T; otherwise,
/// when the app's voice does not say them, the phase, point and side of the part under way.
fn spoken_for_screen_reader(ctx: &UiContext, view: &PlayerView, state: &mut PlayerUiState) -> Option<String> {
    let segment = view.status.segment?;
    let segment_start = segment.start.as_millis();
    if let Some((text, asked_in)) = &mut state.time_asked {
        if text.is_empty() {
            *text = ctx
                .t
                .time_left_spoken
                .fill(&countdown_text(view.status.segment_remaining), &countdown_text(view.status.remaining()));
            *asked_in = segment_start;
        }
        if *asked_in == segment_start {
            return Some(text.clone());
        }
        state.time_asked = None;
    }
    (!view.voice_speaks).then(|| announcement(ctx, view))
}

/// What a part of the session is, said once when it starts: phase, side, point and how long it
/// lasts (no running countdown: T says the time left).
fn announcement(ctx: &UiContext, view: &PlayerView) -> String {
    let Some(segment) = view.status.segment else { return String::new() };
    let seconds = segment.end.saturating_sub(segment.start).as_secs().to_string();
    part_text(ctx, view, ". ", &ctx.t.part_lasts.fill(&seconds))
}

/// Phase, side, point and the time left in it: what matters most, in one line.
fn status_line(ctx: &UiContext, view: &PlayerView) -> String {
    part_text(ctx, view, " · ", &countdown_text(view.status.segment_remaining))
}

/// The part under way in words ("Press, left side: Inner Pass (PC6)"; in a rest "Get ready.
/// Next: …"), then `tail` after `separator`.
fn part_text(ctx: &UiContext, view: &PlayerView, separator: &str, tail: &str) -> String {
    let Some(segment) = view.status.segment else { return String::new() };
    let phase = phase_text(ctx, segment.kind);
    let point = segment
        .kind
        .step()
        .and_then(|step| ctx.catalog.get(&view.routine.steps[step].point))
        .map(|point| point.label(ctx.lang));
    match (point, segment.kind) {
        (Some(point), SegmentKind::Rest { .. }) => {
            format!("{phase}. {}{separator}{tail}", ctx.t.next_point.fill(&point))
        }
        (Some(point), _) => format!("{phase}: {point}{separator}{tail}"),
        (None, _) => format!("{phase}{separator}{tail}"),
    }
}

/// The player screen.
pub fn player_ui(ui: &mut egui::Ui, ctx: &UiContext, view: &PlayerView, state: &mut PlayerUiState) -> Vec<Command> {
    let running = view.status.state == RunState::Running;
    let mut commands = shortcuts(ui, state, running);
    let spoken = spoken_for_screen_reader(ctx, view, state);
    egui::Panel::bottom("stop_rules").show(ui, |ui| {
        ui.add_space(4.0);
        let color = theme::caution_color(ui.visuals());
        ui.add(egui::Label::new(RichText::new(STOP_RULES.get(ctx.lang)).strong().color(color)).wrap());
        ui.add_space(4.0);
    });
    egui::Panel::top("player_controls")
        .show(ui, |ui| controls_ui(ui, ctx, view, state, spoken.as_deref(), &mut commands));
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
            layout::two_columns_ui(
                ui,
                |ui| {
                    ui.vertical_centered(|ui| timing_ui(ui, ctx, view));
                },
                |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("player_point")
                        .auto_shrink([false, false])
                        .show(ui, |ui| point_ui(ui, ctx, view));
                },
            );
        });
    }
    commands
}

/// The line that matters most (phase, point, time), where the session is, the controls in
/// reading order (or the stop question in their place: the clock stays in view), and notices.
fn controls_ui(
    ui: &mut egui::Ui,
    ctx: &UiContext,
    view: &PlayerView,
    state: &mut PlayerUiState,
    spoken: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let status = view.status;
    ui.add_space(4.0);
    super::stable_region(ui, "player_status_line", |ui| {
        ui.add(egui::Label::new(RichText::new(status_line(ctx, view)).size(20.0).strong()).wrap());
    });
    super::stable_region(ui, "player_where", |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(view.routine.title.get(ctx.lang)).strong());
            let current = status.segment.and_then(|segment| segment.kind.step()).map_or(0, |step| step + 1);
            let total = view.routine.steps.len().to_string();
            ui.label(ctx.t.step_of.fill(&current.to_string(), &total));
            ui.label(RichText::new(ctx.t.time_left.fill(&countdown_text(status.remaining()))).weak());
        });
    });
    // The description the controls carry: a change to it is what a screen reader says.
    let describe = |response: &egui::Response| {
        if let Some(spoken) = spoken {
            response.ctx.accesskit_node_builder(response.id, |node| node.set_description(spoken));
        }
    };
    if state.confirm_stop {
        super::stable_region(ui, "player_stop_question", |ui| {
            confirm_stop_ui(ui, ctx, state, commands);
        });
    } else {
        super::stable_region(ui, "player_controls", |ui| {
            ui.horizontal_wrapped(|ui| {
                let previous = ui.button(format!("← {}", ctx.t.previous));
                describe(&previous);
                if previous.clicked() {
                    commands.push(Command::Session(SessionFlow::Control(SessionCommand::Previous)));
                }
                let toggle = if status.state == RunState::Paused { ctx.t.resume } else { ctx.t.pause };
                let pause = ui.button(RichText::new(format!("{toggle} ({})", ctx.t.key_space)).strong());
                describe(&pause);
                ctx.focus_first(&pause);
                if std::mem::take(&mut state.refocus_pause) {
                    pause.request_focus();
                }
                if pause.clicked() {
                    commands.push(Command::Session(SessionFlow::Control(SessionCommand::TogglePause)));
                }
                let next = ui.button(format!("{} →", ctx.t.next));
                describe(&next);
                if next.clicked() {
                    commands.push(Command::Session(SessionFlow::Control(SessionCommand::Next)));
                }
                let stop = ui.button(format!("{} (Esc)", ctx.t.stop));
                describe(&stop);
                if stop.clicked() {
                    commands.extend(open_stop_question(state, status.state == RunState::Running));
                }
                ui.label(RichText::new(ctx.t.time_key_hint).weak());
            });
        });
    }
    super::stable_region(ui, "player_notices", |ui| {
        if view.interruptions > 0 && status.state == RunState::Paused {
            ui.label(RichText::new(ctx.t.slept_notice).strong().color(theme::caution_color(ui.visuals())));
        }
        if view.missed > 0 {
            let notice = count_form(view.missed, ctx.t.missed_notice_one, ctx.t.missed_notice);
            let text = notice.fill(&view.missed.to_string());
            ui.label(RichText::new(text).color(theme::caution_color(ui.visuals())));
        }
    });
    ui.add_space(4.0);
}

/// "Stop the session?", in place of the controls (the clock stays in view; the session is
/// paused meanwhile): Enter (or the button) stops, Esc (or the button) goes on. A dialog for a
/// screen reader, named by its question; the focus goes to "Stop" when it opens.
fn confirm_stop_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut PlayerUiState, commands: &mut Vec<Command>) {
    let builder = egui::UiBuilder::new()
        .accessibility_role(egui::accesskit::Role::AlertDialog)
        .accessibility_label(ctx.t.confirm_stop_title);
    ui.scope_builder(builder, |ui| {
        let color = theme::caution_color(ui.visuals());
        egui::Frame::new()
            .fill(theme::callout_fill(color, ui.visuals()))
            .stroke(Stroke::new(2.0, color))
            .corner_radius(6.0)
            .inner_margin(10.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(ctx.t.confirm_stop_title).size(18.0).strong());
                ui.add(egui::Label::new(ctx.t.confirm_stop_text).wrap());
                ui.horizontal_wrapped(|ui| {
                    // Enter and Esc are read by the player's shortcuts, wherever the focus is.
                    let stop = ui.button(RichText::new(ctx.t.confirm_stop).strong());
                    super::focus_when_opened(&stop);
                    if stop.clicked() {
                        commands.extend(close_stop_question(state, true));
                    }
                    if ui.button(ctx.t.go_on).clicked() {
                        commands.extend(close_stop_question(state, false));
                    }
                });
            });
    });
}

fn phase_text(ctx: &UiContext, kind: SegmentKind) -> String {
    match kind {
        SegmentKind::Rest { step: 0 } => ctx.t.phase_prepare.to_owned(),
        SegmentKind::Rest { .. } => ctx.t.phase_rest.to_owned(),
        SegmentKind::Press { side: None, .. } => ctx.t.phase_press.to_owned(),
        SegmentKind::Press { side, .. } => ctx.t.phase_press_side.fill(side_name(side, ctx)),
        SegmentKind::Switch { to, .. } => ctx.t.phase_switch.fill(side_name(Some(to), ctx)),
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
    super::stable_region(ui, "player_phase", |ui| {
        ui.add(egui::Label::new(RichText::new(&phase).size(24.0 * grow).strong()).wrap());
    });
    super::stable_region(ui, "player_pressure", |ui| {
        if let SegmentKind::Press { step, .. } = segment.kind {
            let pressure = view.routine.steps[step].pressure.name(ctx.lang);
            ui.label(RichText::new(ctx.t.pressure.fill(pressure)).weak());
        }
    });
    super::stable_region(ui, "player_countdown", |ui| {
        let countdown = countdown_text(status.segment_remaining);
        let countdown_color = ui.visuals().strong_text_color();
        let countdown_response =
            ui.label(RichText::new(&countdown).size(theme::COUNTDOWN_SIZE * grow).monospace().color(countdown_color));
        countdown_response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Timer, true, format!("{phase} {countdown}")));
    });
    super::stable_region(ui, "player_paused", |ui| {
        if status.state == RunState::Paused {
            ui.label(RichText::new(ctx.t.paused).size(20.0).color(theme::caution_color(ui.visuals())));
        }
    });
    ui.add_space(8.0);
    super::stable_region(ui, "player_pacer", |ui| pacer_ui(ui, ctx, status, grow));
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
    // A name that stays put: one that changed every second (phase and seconds left) made a
    // screen reader drop the object and lose its place. The pattern's name is enough here; the
    // parts of the session are said as they start.
    let name = format!("{}: {}", ctx.t.breathing, pattern.name(ctx.lang));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
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
        ctx.t.next_point.fill(&point.label(ctx.lang))
    } else {
        point.label(ctx.lang)
    };
    super::stable_region(ui, "player_point", |ui| point_details_ui(ui, ctx, step, side, &heading));
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
    // The map in a region of its own: a note or caution that comes or goes above it leaves it be.
    super::stable_region(ui, ("point_map", ui.unique_id()), |ui| point_map_ui(ui, ctx, point, side));
}

/// The close-up view when there is one, else the whole body; never smaller than its labels need.
fn point_map_ui(ui: &mut egui::Ui, ctx: &UiContext, point: &crate::catalog::Point, side: Option<BodySide>) {
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
        super::stable_region(ui, ("player_step", index), |ui| {
            ui.horizontal_wrapped(|ui| {
                let text = format!("{mark} {}. {name}", index + 1);
                ui.label(if current == Some(index) { RichText::new(text).strong() } else { RichText::new(text) });
                if !state.is_empty() {
                    ui.label(RichText::new(format!("({state})")).weak());
                }
            });
            ui.label(RichText::new(step_detail(ctx, step)).weak());
        });
    }
}

/// "left side, then right side · 60 s each", or "left side · 60 s".
pub fn step_detail(ctx: &UiContext, step: &Step) -> String {
    let presses = step.presses();
    let seconds = step.press_secs.to_string();
    if presses.len() > 1 {
        let sides: Vec<&str> = presses.into_iter().map(|side| side_name(side, ctx)).collect();
        ctx.t.step_sides_each.fill(&sides.join(ctx.t.then_separator), &seconds)
    } else {
        ctx.t.step_side_once.fill(side_name(presses[0], ctx), &seconds)
    }
}
