//! The hint shown while a file is dragged over the window.

use egui::RichText;

use super::UiContext;

/// Shows "drop the routine file to import it" while a file hovers over the window.
pub fn drop_overlay_ui(ui: &mut egui::Ui, ctx: &UiContext) {
    let hovering = ui.ctx().input(|input| !input.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    egui::Area::new(egui::Id::unique("drop_hint")).anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO).show(
        ui.ctx(),
        |ui| {
            egui::Frame::popup(ui.style()).inner_margin(24.0).show(ui, |ui| {
                ui.label(RichText::new(ctx.t.drop_to_import).size(22.0));
            });
        },
    );
}
