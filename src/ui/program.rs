//! The home programs: what is due today on the home screen, and the screen where the person
//! sets a program's start day and reminder times (or ends it).

use egui::RichText;

use super::import::ProgramNote;
use super::{Command, Nav, ProgramAction, SessionFlow, UiContext, page_with_actions_ui, theme};
use crate::overview::Overview;
use crate::program::{self, MAX_REMINDERS, Program, ReminderTime};
use crate::routine::Routine;
use crate::texts::count_form;

/// "From 21 Nov 2026 to 18 Dec 2026, 2× a day, … Reminders at 09:00 and 18:00."
pub fn program_note_text(ctx: &UiContext, note: &ProgramNote) -> String {
    let span = crate::text::date_span(note.start, note.end, ctx.lang);
    let times: Vec<String> = note.reminders.iter().map(ToString::to_string).collect();
    let mut text = ctx.t.program_note.fill(&span, &note.prescription.describe(ctx.lang));
    if !times.is_empty() {
        text.push(' ');
        text.push_str(&ctx.t.reminders_at.fill(&times.join(", ")));
    }
    text
}

/// The programs on the home screen: each with what is due today, until when, and Start.
pub fn programs_ui(ui: &mut egui::Ui, ctx: &UiContext, programs: &[Program], overview: &Overview) -> Vec<Command> {
    let mut commands = Vec::new();
    let shown: Vec<(&Program, &Routine)> = programs
        .iter()
        .filter_map(|program| Some((program, ctx.routines.iter().find(|routine| routine.id == program.routine_id)?)))
        .collect();
    if shown.is_empty() {
        return commands;
    }
    ui.label(RichText::new(ctx.t.your_program).size(theme::HEADING_SIZE).strong());
    for (program, routine) in shown {
        let prescription = routine.prescription.as_ref();
        // Counted once per change of the history (the overview), not per frame.
        let today = overview
            .today_of(&program.routine_id)
            .unwrap_or_else(|| program::today(program, prescription, &[], ctx.today, ctx.zone));
        egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(routine.title.get(ctx.lang)).strong().size(16.0));
            let status = status_text(ctx, program, &today);
            let color = if today.per_day.is_some_and(|per_day| today.done >= usize::from(per_day)) {
                theme::ok_color(ui.visuals())
            } else {
                ui.visuals().text_color()
            };
            ui.label(RichText::new(status).color(color));
            if program.reminders_on && !program.reminders.is_empty() {
                let times: Vec<String> = program.reminders.iter().map(ToString::to_string).collect();
                ui.label(RichText::new(ctx.t.reminders_at.fill(&times.join(", "))).weak());
            }
            ui.horizontal_wrapped(|ui| {
                if today.running && ui.button(RichText::new(ctx.t.start).strong()).clicked() {
                    commands.push(Command::Session(SessionFlow::Prepare(Box::new(routine.clone()))));
                }
                if ui.button(ctx.t.program_settings).clicked() {
                    commands.push(Command::Program(ProgramAction::Open(program.routine_id.clone())));
                }
            });
        });
        ui.add_space(4.0);
    }
    ui.add_space(8.0);
    commands
}

/// "1 of 2 today · until 18 Dec", "Starts on 24 Nov", "Ended on 18 Dec", or "2 sessions today".
fn status_text(ctx: &UiContext, program: &Program, today: &program::Today) -> String {
    let date = |date| crate::text::day_month(date, ctx.lang);
    if ctx.today < program.start {
        return ctx.t.program_starts.fill(&date(program.start));
    }
    if let Some(end) = today.ends.filter(|end| ctx.today > *end) {
        return ctx.t.program_ended.fill(&date(end));
    }
    let done = today.done.to_string();
    let mut text = match today.per_day {
        Some(per_day) => ctx.t.program_today.fill(&done, &per_day.to_string()),
        None => count_form(today.done, ctx.t.sessions_today_one, ctx.t.sessions_today).fill(&done),
    };
    if let Some(end) = today.ends {
        text.push_str(" · ");
        text.push_str(&ctx.t.program_until.fill(&date(end)));
    }
    text
}

/// The program being set.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramState {
    /// The routine it follows.
    pub routine: Routine,
    /// The program as it is being set.
    pub draft: Program,
    /// Whether it is saved already (else Save starts it).
    pub existing: bool,
    /// The time being typed, to add.
    pub new_time: String,
    /// The typed time is not a time of day.
    pub time_invalid: bool,
}

/// The program screen.
pub fn program_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut ProgramState) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut save_clicked = false;
    let existing = state.existing;
    let mut content_commands = Vec::new();
    page_with_actions_ui(
        ui,
        ctx,
        "program",
        |ui| {
            let title = ctx.t.program_title.fill(state.routine.title.get(ctx.lang));
            ui.label(RichText::new(title).size(theme::HEADING_SIZE).strong());
            match &state.routine.prescription {
                Some(prescription) => {
                    ui.label(ctx.t.prescribed.fill(&prescription.describe(ctx.lang)));
                }
                None => {
                    ui.label(RichText::new(ctx.t.no_prescription).weak());
                }
            }
            ui.add_space(8.0);
            start_ui(ui, ctx, state);
            ui.add_space(8.0);
            reminders_ui(ui, ctx, state);
            if existing {
                ui.add_space(16.0);
                if ui.button(ctx.t.end_program).clicked() {
                    content_commands.push(Command::Program(ProgramAction::Remove(state.draft.routine_id.clone())));
                }
            }
        },
        Some(|ui: &mut egui::Ui| {
            let save = ui.button(RichText::new(if existing { ctx.t.save } else { ctx.t.start_program }).strong());
            save_clicked = save.clicked();
            if ui.button(ctx.t.cancel).clicked() {
                commands.push(Command::Nav(Nav::Cancel));
            }
        }),
    );
    // A time typed but not yet added is added with Save (or stops it, when it is not a time).
    if save_clicked && (state.new_time.trim().is_empty() || add_typed_time(state)) {
        commands.push(Command::Program(ProgramAction::Save(Box::new(state.draft.clone()))));
    }
    commands.extend(content_commands);
    commands
}

/// Adds the typed time (once); `false`, with the problem shown, when it is not a time of day.
fn add_typed_time(state: &mut ProgramState) -> bool {
    let Some(time) = ReminderTime::parse(&state.new_time) else {
        state.time_invalid = true;
        return false;
    };
    if !state.draft.reminders.contains(&time) {
        state.draft.reminders.push(time);
        state.draft.reminders.sort();
    }
    state.new_time.clear();
    state.time_invalid = false;
    true
}

/// The start day, moved a day at a time (or to today), and where it ends.
fn start_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut ProgramState) {
    let draft = &mut state.draft;
    ui.label(RichText::new(ctx.t.program_start).strong());
    ui.horizontal_wrapped(|ui| {
        let day = jiff::Span::new().days(1);
        let earlier = ui.button("−1").on_hover_text(ctx.t.day_earlier);
        earlier.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, ctx.t.day_earlier));
        ctx.focus_first(&earlier);
        if earlier.clicked()
            && let Ok(date) = draft.start.checked_sub(day)
        {
            draft.start = date;
        }
        ui.label(RichText::new(crate::text::date(draft.start, ctx.lang)).size(17.0));
        let later = ui.button("+1").on_hover_text(ctx.t.day_later);
        later.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, ctx.t.day_later));
        if later.clicked()
            && let Ok(date) = draft.start.checked_add(day)
        {
            draft.start = date;
        }
        if ui.button(ctx.t.today).clicked() {
            draft.start = ctx.today;
        }
    });
    if let Some(end) = draft.end(state.routine.prescription.as_ref()) {
        ui.label(RichText::new(ctx.t.program_until.fill(&crate::text::date(end, ctx.lang))).weak());
    }
}

/// Reminders on or off, the times (each removable), and a time to add.
fn reminders_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut ProgramState) {
    ui.label(RichText::new(ctx.t.reminders).strong());
    ui.checkbox(&mut state.draft.reminders_on, ctx.t.remind_me);
    ui.label(RichText::new(ctx.t.reminders_hint).weak());
    if !state.draft.reminders_on {
        return;
    }
    let mut remove = None;
    for (index, time) in state.draft.reminders.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(RichText::new(time.to_string()).size(17.0));
            let label = ctx.t.remove_time.fill(&time.to_string());
            let button = ui.button(ctx.t.remove);
            button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if button.clicked() {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        state.draft.reminders.remove(index);
    }
    if state.draft.reminders.len() < MAX_REMINDERS {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(ctx.t.add_time);
            let field = ui.add(egui::TextEdit::singleline(&mut state.new_time).hint_text("18:30").desired_width(80.0));
            let field = field.labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            if ui.button(ctx.t.add).clicked() || enter {
                add_typed_time(state);
            }
        });
        if state.time_invalid {
            ui.label(RichText::new(ctx.t.time_invalid).color(theme::urgent_color(ui.visuals())));
        }
    }
}
