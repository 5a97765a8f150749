//! The bar at the top: the main tabs and the settings that apply at any moment (language,
//! text size, reduced motion).

use egui::RichText;

use super::{Command, Tab, UiContext};
use crate::text::Lang;

/// Shows the top bar. `tab` is `None` while the gate, player or end screen is open.
pub fn top_bar_ui(ui: &mut egui::Ui, ctx: &UiContext, tab: Option<Tab>, text_scale: f32) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(ctx.t.app_title).strong().size(18.0));
            ui.add_space(12.0);
            if let Some(tab) = tab {
                if ui.selectable_label(tab == Tab::BodyMap, ctx.t.tab_body_map).clicked() {
                    commands.push(Command::ShowTab(Tab::BodyMap));
                }
                if ui.selectable_label(tab == Tab::Library, ctx.t.tab_library).clicked() {
                    commands.push(Command::ShowTab(Tab::Library));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for lang in Lang::ALL.into_iter().rev() {
                    if ui.selectable_label(ctx.lang == lang, lang.native_name()).clicked() {
                        commands.push(Command::SetLang(lang));
                    }
                }
                ui.separator();
                let mut reduce_motion = ctx.reduce_motion;
                if ui.checkbox(&mut reduce_motion, ctx.t.reduce_motion).changed() {
                    commands.push(Command::SetReduceMotion(reduce_motion));
                }
                ui.separator();
                if ui.button("A+").on_hover_text(ctx.t.text_size).clicked() {
                    commands.push(Command::SetTextScale((text_scale + 0.1).min(2.0)));
                }
                ui.label(format!("{:.0} %", text_scale * 100.0));
                if ui.button("A−").on_hover_text(ctx.t.text_size).clicked() {
                    commands.push(Command::SetTextScale((text_scale - 0.1).max(0.8)));
                }
                ui.label(RichText::new(ctx.t.text_size).weak());
            });
        });
    });
    commands
}
