//! Page layouts shared by the screens: content that scrolls, at a readable width, with a row of
//! actions that stays in view at the bottom. The content is added before the actions, so the
//! keyboard reaches them in reading order; nothing overlaps at any text size, because whatever
//! does not fit scrolls or wraps.

use egui::{Rect, UiBuilder};

use super::UiContext;

/// The widest a column of text and controls gets, in points: lines stay readable and a
/// question stays close to its answers on a wide screen.
pub const READABLE_WIDTH: f32 = 860.0;

/// Below this width (in points, after the text size) screens stack their columns.
pub const NARROW_WIDTH: f32 = 720.0;

/// Room a dialog leaves on each side of it, in points (its frame and a strip of the screen behind).
const DIALOG_MARGIN: f32 = 32.0;

/// Makes a dialog `widest` points wide at most, and never wider than the window: at large text
/// in a small window its lines wrap instead of running off both edges.
pub fn dialog_width(ui: &mut egui::Ui, widest: f32) {
    let room = ui.ctx().content_rect().width() - 2.0 * DIALOG_MARGIN;
    ui.set_max_width(widest.min(room).max(DIALOG_MARGIN));
}

/// Whether `ui` is narrow enough that side-by-side columns should stack.
pub fn is_narrow(ui: &egui::Ui) -> bool {
    ui.available_width() < NARROW_WIDTH
}

/// Content that scrolls, centred at [`READABLE_WIDTH`].
pub fn page_ui(ui: &mut egui::Ui, ctx: &UiContext, id: &str, content: impl FnOnce(&mut egui::Ui)) {
    page_with_actions_ui(ui, ctx, id, content, None::<fn(&mut egui::Ui)>);
}

/// Content that scrolls, at [`READABLE_WIDTH`] from the left edge: for a page whose controls
/// change the text size, so that they stay where they are as it changes (a centred column
/// would move sideways).
pub fn page_from_left_ui(ui: &mut egui::Ui, ctx: &UiContext, id: &str, content: impl FnOnce(&mut egui::Ui)) {
    egui::CentralPanel::default().show(ui, |ui| {
        let mut scroll = egui::ScrollArea::vertical().id_salt((id, "scroll")).auto_shrink([false, false]);
        if ctx.focus_request.is_fresh() {
            scroll = scroll.vertical_scroll_offset(0.0);
        }
        scroll.show(ui, |ui| {
            ui.set_max_width(READABLE_WIDTH);
            content(ui);
        });
    });
}

/// Content that scrolls, centred at [`READABLE_WIDTH`], above a row of actions that stays in view.
pub fn page_with_actions_ui(
    ui: &mut egui::Ui,
    ctx: &UiContext,
    id: &str,
    content: impl FnOnce(&mut egui::Ui),
    actions: Option<impl FnOnce(&mut egui::Ui)>,
) {
    egui::CentralPanel::default().show(ui, |ui| {
        let full = ui.available_rect_before_wrap();
        let height_id = ui.scope_id().with((id, "actions height"));
        let actions_height = if actions.is_some() {
            ui.data(|data| data.get_temp::<f32>(height_id))
                .unwrap_or_else(|| ui.spacing().interact_size.y + 2.0 * ui.spacing().item_spacing.y + 12.0)
        } else {
            0.0
        };
        let content_rect = Rect::from_min_max(full.min, egui::pos2(full.max.x, full.max.y - actions_height));
        let mut content_ui = ui.new_child(UiBuilder::new().id_salt((id, "content")).max_rect(content_rect));
        let mut scroll = egui::ScrollArea::vertical().id_salt((id, "scroll")).auto_shrink([false, false]);
        if ctx.focus_request.is_fresh() {
            // A screen that opens shows its top (the safety questions begin with the warning
            // signs), never where it was scrolled to when last open.
            scroll = scroll.vertical_scroll_offset(0.0);
        }
        scroll.show(&mut content_ui, |ui| readable_column_ui(ui, content));
        if let Some(actions) = actions {
            let actions_rect = Rect::from_min_max(egui::pos2(full.min.x, content_rect.max.y), full.max);
            let mut actions_ui = ui.new_child(UiBuilder::new().id_salt((id, "actions")).max_rect(actions_rect));
            actions_ui.separator();
            readable_column_ui(&mut actions_ui, |ui| {
                ui.horizontal_wrapped(actions);
            });
            actions_ui.add_space(6.0);
            let used = actions_ui.min_rect().height();
            if (used - actions_height).abs() > 0.5 {
                ui.data_mut(|data| data.insert_temp(height_id, used));
                ui.ctx().request_discard("the row of actions changed its height");
            }
        }
        ui.allocate_rect(full, egui::Sense::hover());
    });
}

/// `content` in a column no wider than [`READABLE_WIDTH`], centred in `ui`.
pub fn readable_column_ui(ui: &mut egui::Ui, content: impl FnOnce(&mut egui::Ui)) {
    let available = ui.available_width();
    let width = available.min(READABLE_WIDTH);
    let margin = ((available - width) / 2.0).max(0.0);
    ui.horizontal_top(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_width(width);
            content(ui);
        });
    });
}

/// Two columns side by side. Unlike `egui::Ui::columns` alone, text in them is laid out as
/// everywhere else: left-aligned, never stretched letter by letter to the column's width.
pub fn two_columns_ui(ui: &mut egui::Ui, left: impl FnOnce(&mut egui::Ui), right: impl FnOnce(&mut egui::Ui)) {
    ui.columns(2, |columns| {
        columns[0].vertical(left);
        columns[1].vertical(right);
    });
}
