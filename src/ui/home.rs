//! The home screen: the body map with complaint filters and a side panel for the chosen point.

use std::collections::BTreeSet;

use egui::RichText;

use super::body_map::{MapOptions, body_map_ui, view_buttons_ui};
use super::library::routine_card_ui;
use super::{Command, SessionFlow, UiContext, layout, theme};
use crate::catalog::{Complaint, Laterality, PointCode, View};
use crate::overview::Overview;
use crate::routine::format_clock;

/// What the home screen remembers between frames.
#[derive(Clone, Debug, PartialEq)]
pub struct HomeState {
    /// The view shown.
    pub view: View,
    /// The point whose details are shown.
    pub selected: Option<PointCode>,
    /// The complaint filter.
    pub filter: Option<Complaint>,
}

impl Default for HomeState {
    fn default() -> Self {
        Self { view: View::Front, selected: None, filter: None }
    }
}

/// The home screen. Wide: the map with the point's details beside it; narrow: one column.
pub fn home_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut HomeState, overview: &Overview) -> Vec<Command> {
    let mut commands = Vec::new();
    if layout::is_narrow(ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                let map_height = (ui.available_height() * 0.9).max(260.0);
                map_column_ui(ui, ctx, state, map_height);
                ui.separator();
                side_panel_ui(ui, ctx, state, overview, &mut commands);
            });
        });
        return commands;
    }
    let side_width = (ui.available_width() * 0.36).clamp(280.0, 460.0);
    egui::Panel::right("home_side").resizable(false).exact_size(side_width).show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.add_space(8.0);
            side_panel_ui(ui, ctx, state, overview, &mut commands);
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let height = ui.available_height();
        map_column_ui(ui, ctx, state, height);
    });
    commands
}

/// The views, the complaint filters and the map, the map filling what is left of `height`.
fn map_column_ui(ui: &mut egui::Ui, ctx: &UiContext, state: &mut HomeState, height: f32) {
    let top = ui.cursor().top();
    let (chosen, first) = view_buttons_ui(ui, ctx, state.view);
    if let Some(first) = first {
        ctx.focus_first(&first);
    }
    if let Some(view) = chosen {
        state.view = view;
    }
    // Nineteen complaints: a list that opens, so the map keeps its room at any text size.
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(RichText::new(ctx.t.complaints).weak());
        let shown = state.filter.map_or(ctx.t.all_complaints, |complaint| complaint.name(ctx.lang));
        let mut choice = state.filter;
        egui::ComboBox::from_id_salt("complaint_filter")
            .selected_text(shown)
            .height(f32::INFINITY)
            .show_ui(ui, |ui| {
                let mut chosen = ui.selectable_value(&mut choice, None, ctx.t.all_complaints).clicked();
                for complaint in Complaint::FILTERS {
                    chosen |= ui.selectable_value(&mut choice, Some(complaint), complaint.name(ctx.lang)).clicked();
                }
                // Chosen by keyboard or a screen reader's action as well as by the pointer: close.
                if chosen {
                    ui.close();
                }
            })
            .response
            .labelled_by(label.id);
        if choice != state.filter {
            state.filter = choice;
            state.selected = None;
            if let Some(view) = choice.and_then(|complaint| best_view_for(ctx, complaint, state.view)) {
                state.view = view;
            }
        }
    });
    ui.add_space(4.0);
    let highlighted: BTreeSet<PointCode> = state.filter.map_or_else(BTreeSet::new, |complaint| {
        ctx.catalog
            .points()
            .iter()
            .filter(|point| point.complaints.contains(&complaint))
            .map(|point| point.code.clone())
            .collect()
    });
    let note_height = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + 12.0;
    let used = ui.cursor().top() - top;
    let max_size = egui::vec2(ui.available_width(), (height - used - note_height).max(200.0));
    ui.vertical_centered(|ui| {
        let options = MapOptions {
            view: state.view,
            highlighted: &highlighted,
            selected: state.selected.as_ref(),
            focus: None,
            interactive: true,
            max_size,
        };
        let response = body_map_ui(ui, ctx, &options);
        if let Some(clicked) = response.clicked {
            state.selected = Some(clicked);
        }
        if let Some(view) = response.show_view {
            state.view = view;
        }
        ui.add(egui::Label::new(RichText::new(ctx.t.side_note).weak()).wrap());
    });
}

/// The view to show for a complaint: the one that shows the most of its points (the current
/// one when it shows as many as any other).
fn best_view_for(ctx: &UiContext, complaint: Complaint, current: View) -> Option<View> {
    let count =
        |view: View| ctx.catalog.on_view(view).filter(|(point, _)| point.complaints.contains(&complaint)).count();
    let best = View::ALL.into_iter().map(count).max()?;
    if count(current) == best {
        return Some(current);
    }
    View::ALL.into_iter().find(|view| count(*view) == best)
}

fn side_panel_ui(
    ui: &mut egui::Ui,
    ctx: &UiContext,
    state: &mut HomeState,
    overview: &Overview,
    commands: &mut Vec<Command>,
) {
    if let Some(point) = state.selected.as_ref().and_then(|code| ctx.catalog.get(code)) {
        ui.horizontal(|ui| {
            ui.label(RichText::new(point.name.get(ctx.lang)).size(theme::HEADING_SIZE).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(ctx.t.close).clicked() {
                    state.selected = None;
                }
            });
        });
        ui.label(RichText::new(format!("{} · {}", point.code, point.pinyin)).weak());
        ui.add_space(8.0);
        ui.label(RichText::new(ctx.t.how_to_find).strong());
        ui.label(point.find.get(ctx.lang));
        ui.add_space(6.0);
        ui.label(RichText::new(ctx.t.traditional_use).strong());
        ui.label(point.uses.get(ctx.lang));
        if !point.cautions.is_empty() || point.avoid_in_pregnancy {
            ui.add_space(6.0);
            ui.label(RichText::new(ctx.t.cautions).strong().color(theme::caution_color(ui.visuals())));
            for caution in &point.cautions {
                ui.label(format!("• {}", caution.get(ctx.lang)));
            }
            if point.avoid_in_pregnancy {
                ui.label(format!("• {}", ctx.t.avoid_in_pregnancy));
            }
        }
        ui.add_space(10.0);
        if ui.button(RichText::new(ctx.t.quick_press).strong()).clicked() {
            commands.push(Command::Session(SessionFlow::QuickPress(point.code.clone())));
        }
        let total = crate::routine::quick_press(point, crate::text::Text::default()).total_secs();
        let hint = match point.laterality {
            Laterality::Bilateral => ctx.t.quick_press_hint_both,
            Laterality::Midline => ctx.t.quick_press_hint_midline,
        };
        ui.label(RichText::new(hint.fill(&format_clock(u64::from(total)))).weak());
        ui.add_space(10.0);
        ui.label(RichText::new(ctx.t.used_in_routines).strong());
        let mut any = false;
        for routine in ctx.routines_with_point(&point.code) {
            any = true;
            if let Some(command) = routine_card_ui(ui, ctx, routine, None) {
                commands.push(command);
            }
        }
        if !any {
            ui.label(RichText::new(ctx.t.no_routines_use_point).weak());
        }
    } else if let Some(complaint) = state.filter {
        commands.extend(super::program::programs_ui(ui, ctx, ctx.programs, overview));
        ui.label(RichText::new(ctx.t.routines_for.fill(complaint.name(ctx.lang))).size(theme::HEADING_SIZE).strong());
        ui.add_space(6.0);
        for routine in ctx.routines_for(complaint) {
            if let Some(command) = routine_card_ui(ui, ctx, routine, None) {
                commands.push(command);
            }
        }
    } else {
        commands.extend(super::program::programs_ui(ui, ctx, ctx.programs, overview));
        ui.label(RichText::new(ctx.t.home_intro_title).size(theme::HEADING_SIZE).strong());
        ui.add_space(6.0);
        ui.label(ctx.t.home_intro);
        ui.add_space(12.0);
        ui.label(RichText::new(ctx.t.disclaimer).weak());
    }
}
