//! The bar at the top: navigation only — the main tabs, left to right in reading order, and a
//! "no sound" sign when there is no audio device. It wraps onto a second line rather than
//! letting anything overlap. Settings have their own screen.

use egui::RichText;

use super::{Command, Nav, Tab, UiContext, theme};

/// Shows the top bar. `tab` is `None` while the gate, player or end screen is open: then only
/// the title shows, so nothing can take the person away mid-flow by accident.
pub fn top_bar_ui(ui: &mut egui::Ui, ctx: &UiContext, tab: Option<Tab>, no_sound: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.add_space(2.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(ctx.t.app_title).strong().size(18.0));
            ui.add_space(12.0);
            if let Some(tab) = tab {
                for (this, name) in [
                    (Tab::BodyMap, ctx.t.tab_body_map),
                    (Tab::Library, ctx.t.tab_library),
                    (Tab::History, ctx.t.tab_history),
                    (Tab::Settings, ctx.t.settings),
                ] {
                    let response = ui.selectable_label(tab == this, name);
                    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Tab, true, tab == this, name));
                    if response.clicked() {
                        commands.push(Command::Nav(Nav::ShowTab(this)));
                    }
                }
            }
            if no_sound {
                ui.add_space(12.0);
                let no_sound = ui
                    .label(RichText::new(ctx.t.no_sound_short).color(theme::caution_color(ui.visuals())))
                    .on_hover_text(ctx.t.no_sound);
                super::announce(&no_sound, egui::accesskit::Live::Polite);
            }
        });
        ui.add_space(2.0);
    });
    commands
}
