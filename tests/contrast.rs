//! Every text at least 4.5:1 against its background, in both themes (WCAG 2.2 AA), computed
//! from the colours the app installs.

use acupress::ui::theme::{adjust_visuals, contrast_ratio, text_on_backgrounds};

#[test]
fn every_text_colour_reaches_four_and_a_half_to_one_in_both_themes() {
    let mut failures = Vec::new();
    for (theme, mut visuals) in [("dark", egui::Visuals::dark()), ("light", egui::Visuals::light())] {
        adjust_visuals(&mut visuals);
        let pairs = text_on_backgrounds(&visuals);
        assert!(pairs.len() > 60, "the check covers the app's colours");
        for (what, text, background) in pairs {
            let ratio = contrast_ratio(text, background);
            if ratio < 4.5 {
                failures.push(format!("{theme}: {what}: {ratio:.2}:1 ({text:?} on {background:?})"));
            }
        }
    }
    assert!(failures.is_empty(), "below 4.5:1:\n{}", failures.join("\n"));
}

#[test]
fn the_check_itself_finds_egui_s_own_grey_too_faint() {
    // egui's default secondary text is about 2.7:1 in the dark theme: the check must see it.
    let visuals = egui::Visuals::dark();
    let ratio = contrast_ratio(visuals.weak_text_color(), visuals.panel_fill);
    assert!(ratio < 3.0, "{ratio}");
    assert!((contrast_ratio(egui::Color32::BLACK, egui::Color32::WHITE) - 21.0).abs() < 0.01);
}
