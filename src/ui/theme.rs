//! Colours and sizes shared by the screens, chosen for calm and for contrast in light and
//! dark mode.

use egui::{Color32, Visuals};

/// A point on the map, not highlighted.
pub fn point_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(94, 200, 190) } else { Color32::from_rgb(0, 121, 107) }
}

/// A point that matches the chosen complaint, or the point being pressed (also the side to
/// press, as text).
pub fn highlight_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(255, 176, 92) } else { Color32::from_rgb(168, 72, 0) }
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
    if visuals.dark_mode { Color32::from_rgb(255, 200, 90) } else { Color32::from_rgb(128, 74, 0) }
}

/// Good news.
pub fn ok_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(120, 210, 140) } else { Color32::from_rgb(24, 104, 44) }
}

/// Applies acupress's look to egui's light and dark styles: every colour text is drawn in reaches
/// 4.5:1 against the backgrounds it is drawn on (WCAG AA; egui's own grey for secondary text,
/// links, warnings and errors do not), and scroll bars take a lane of their own instead of
/// floating over the text.
pub fn install_style(ctx: &egui::Context) {
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        ctx.style_mut_of(theme, |style| {
            adjust_visuals(&mut style.visuals);
            style.spacing.scroll = egui::style::ScrollStyle::solid();
        });
    }
}

/// The colour changes of [`install_style`] for one theme.
pub fn adjust_visuals(visuals: &mut Visuals) {
    if visuals.dark_mode {
        visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(190);
        visuals.weak_text_color = Some(Color32::from_gray(165));
        visuals.error_fg_color = Color32::from_rgb(255, 130, 120);
        visuals.warn_fg_color = Color32::from_rgb(255, 170, 60);
    } else {
        visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(40);
        visuals.weak_text_color = Some(Color32::from_gray(95));
        visuals.hyperlink_color = Color32::from_rgb(0, 88, 170);
        visuals.warn_fg_color = Color32::from_rgb(150, 80, 0);
        visuals.error_fg_color = Color32::from_rgb(178, 24, 24);
    }
}

/// The contrast ratio of two colours as WCAG 2.2 defines it (1 to 21), from their relative
/// luminance in sRGB.
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    fn luminance(color: Color32) -> f32 {
        let linear = |channel: u8| {
            let c = f32::from(channel) / 255.0;
            if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * linear(color.r()) + 0.7152 * linear(color.g()) + 0.0722 * linear(color.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `over` (with its alpha) drawn on the opaque `under`, as egui blends: premultiplied colours,
/// mixed in sRGB values.
pub fn blend(over: Color32, under: Color32) -> Color32 {
    let alpha = f32::from(over.a()) / 255.0;
    // `Color32` holds premultiplied values: `over.r()` is already red × alpha.
    let mix = |top: u8, bottom: u8| (f32::from(top) + f32::from(bottom) * (1.0 - alpha)).round().min(255.0) as u8;
    Color32::from_rgb(mix(over.r(), under.r()), mix(over.g(), under.g()), mix(over.b(), under.b()))
}

/// Every text colour the screens use with every background it is drawn on, named, for the
/// contrast check (`tests/contrast.rs`): body, secondary and strong text on the window, the
/// text fields and the callouts; the warning, urgent, good-news and side colours; button text on
/// buttons; links; selected text.
pub fn text_on_backgrounds(visuals: &Visuals) -> Vec<(String, Color32, Color32)> {
    let panel = visuals.panel_fill;
    let text = visuals.text_color();
    let weak = visuals.weak_text_color();
    let mut backgrounds = vec![
        ("the window".to_owned(), panel),
        ("a dialog".to_owned(), visuals.window_fill),
        ("a text field".to_owned(), visuals.extreme_bg_color),
        ("a striped row".to_owned(), blend(visuals.faint_bg_color, panel)),
    ];
    for (name, color) in
        [("urgent", urgent_color(visuals)), ("caution", caution_color(visuals)), ("ok", ok_color(visuals))]
    {
        backgrounds.push((format!("the {name} callout"), blend(callout_fill(color, visuals), panel)));
    }
    let mut pairs = Vec::new();
    for (background, fill) in &backgrounds {
        for (name, color) in [
            ("text", text),
            ("secondary text", weak),
            ("strong text", visuals.strong_text_color()),
            ("urgent text", urgent_color(visuals)),
            ("caution text", caution_color(visuals)),
            ("good-news text", ok_color(visuals)),
            ("the side to press", highlight_color(visuals)),
            ("a link", visuals.hyperlink_color),
            ("a warning", visuals.warn_fg_color),
            ("an error", visuals.error_fg_color),
        ] {
            pairs.push((format!("{name} on {background}"), color, *fill));
        }
    }
    for (state, widget) in [
        ("a button", &visuals.widgets.inactive),
        ("a hovered button", &visuals.widgets.hovered),
        ("a pressed button", &visuals.widgets.active),
    ] {
        pairs.push((format!("text on {state}"), widget.fg_stroke.color, blend(widget.weak_bg_fill, panel)));
        pairs.push((format!("text on {state} (filled)"), widget.fg_stroke.color, blend(widget.bg_fill, panel)));
    }
    pairs.push(("selected text".to_owned(), visuals.selection.stroke.color, visuals.selection.bg_fill));
    pairs
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
