//! Colours and sizes shared by the screens, chosen for calm and for contrast in light and
//! dark mode.

use egui::{Color32, Visuals};

/// A point on the map, not highlighted.
pub fn point_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(94, 200, 190) } else { Color32::from_rgb(0, 121, 107) }
}

/// A point that matches the chosen complaint, or the point being pressed.
pub fn highlight_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(255, 176, 92) } else { Color32::from_rgb(201, 92, 0) }
}

/// A point that is present but not the one in focus (dimmed).
pub fn dim_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_gray(110) } else { Color32::from_gray(165) }
}

/// Urgent warnings.
pub fn urgent_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(255, 120, 110) } else { Color32::from_rgb(178, 24, 24) }
}

/// Cautions that block until a professional looks.
pub fn caution_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(255, 200, 90) } else { Color32::from_rgb(150, 90, 0) }
}

/// Good news.
pub fn ok_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(120, 210, 140) } else { Color32::from_rgb(30, 120, 50) }
}

/// A soft background for a callout in `color`.
pub fn callout_fill(color: Color32, visuals: &Visuals) -> Color32 {
    let alpha = if visuals.dark_mode { 40 } else { 28 };
    Color32::from_rgba_unmultiplied(color.r(), color.g(), color.b(), alpha)
}

/// Adds egui's bundled monospace font as a fallback for the proportional one, so the few
/// symbols the screens use (arrows, ●, ○, ▶, ↷) are always drawn.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(proportional) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        proportional.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Size of the big countdown.
pub const COUNTDOWN_SIZE: f32 = 72.0;
/// Size of headings on the main screens.
pub const HEADING_SIZE: f32 = 22.0;
