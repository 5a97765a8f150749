//! The settings screen: language, text size, motion, theme, sound (with the test sound), the
//! remembered safety answers, and the way to "About".
//!
//! The text size buttons sit at the top left of the page, so that as the text grows the button
//! under the pointer stays under it (zooming moves things away from the top-left corner only
//! a little there); every other control is below them.

use egui::RichText;

use super::{Command, Nav, Setting, UiContext, layout, theme};
use crate::settings::{Settings, Theme};
use crate::text::Lang;

/// What the settings screen shows besides the settings.
pub struct SettingsView<'a> {
    /// The settings as they are.
    pub settings: &'a Settings,
    /// The language the system asks for (what "follow the system" gives).
    pub system_lang: Lang,
    /// No sound device was found.
    pub no_sound: bool,
}

/// The settings screen.
pub fn settings_ui(ui: &mut egui::Ui, ctx: &UiContext, view: &SettingsView) -> Vec<Command> {
    let mut commands = Vec::new();
    layout::page_from_left_ui(ui, ctx, "settings", |ui| {
        ui.label(RichText::new(ctx.t.settings).size(theme::HEADING_SIZE).strong());
        text_size_ui(ui, ctx, view.settings, &mut commands);
        ui.add_space(8.0);
        let mut reduce_motion = view.settings.reduce_motion;
        if ui.checkbox(&mut reduce_motion, ctx.t.reduce_motion).changed() {
            commands.push(Command::Setting(Setting::ReduceMotion(reduce_motion)));
        }
        ui.label(RichText::new(ctx.t.reduce_motion_hint).weak());
        section(ui, ctx.t.language);
        let system = ctx.t.lang_system.fill(view.system_lang.native_name());
        if ui.radio(view.settings.lang.is_none(), system).clicked() {
            commands.push(Command::Setting(Setting::Lang(None)));
        }
        for lang in Lang::ALL {
            if ui.radio(view.settings.lang == Some(lang), lang.native_name()).clicked() {
                commands.push(Command::Setting(Setting::Lang(Some(lang))));
            }
        }
        section(ui, ctx.t.theme);
        for (theme, name) in
            [(Theme::System, ctx.t.theme_system), (Theme::Light, ctx.t.theme_light), (Theme::Dark, ctx.t.theme_dark)]
        {
            if ui.radio(view.settings.theme == theme, name).clicked() {
                commands.push(Command::Setting(Setting::Theme(theme)));
            }
        }
        sound_ui(ui, ctx, view, &mut commands);
        section(ui, ctx.t.reminders);
        let mut start_at_login = view.settings.start_at_login;
        if ui.checkbox(&mut start_at_login, ctx.t.start_at_login).changed() {
            commands.push(Command::Setting(Setting::StartAtLogin(start_at_login)));
        }
        section(ui, ctx.t.safety_answers);
        match &view.settings.answers {
            Some(remembered) => {
                let date =
                    crate::text::date(crate::history::local_date(remembered.given_unix_secs, ctx.zone), ctx.lang);
                ui.label(ctx.t.answers_remembered.fill(&date));
                if ui.button(ctx.t.forget_answers).clicked() {
                    commands.push(Command::Setting(Setting::ForgetAnswers));
                }
            }
            None => {
                ui.label(RichText::new(ctx.t.no_answers_remembered).weak());
            }
        }
        section(ui, ctx.t.about_title);
        if ui.button(ctx.t.about).clicked() {
            commands.push(Command::Nav(Nav::ShowAbout));
        }
    });
    commands
}

fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(14.0);
    ui.label(RichText::new(title).strong().size(17.0));
}

/// A− and A+ first, then the size: the buttons never move when the number's width changes.
fn text_size_ui(ui: &mut egui::Ui, ctx: &UiContext, settings: &Settings, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let can_shrink = (settings.text_scale_stepped(-1) - settings.text_scale).abs() > 1e-3;
        // Large buttons near the top-left corner: as the text grows from here, the button under
        // the pointer stays under it (`tests/layout.rs` checks every step from 80 % to 200 %).
        let size = egui::vec2(44.0, 32.0);
        let smaller = ui.add_enabled(can_shrink, egui::Button::new(RichText::new("A−").size(17.0)).min_size(size));
        if can_shrink {
            ctx.focus_first(&smaller);
        }
        smaller.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, smaller.enabled(), ctx.t.text_smaller));
        if smaller.on_hover_text(ctx.t.text_smaller).clicked() {
            commands.push(Command::Setting(Setting::TextScale(settings.text_scale_stepped(-1))));
        }
        let can_grow = (settings.text_scale_stepped(1) - settings.text_scale).abs() > 1e-3;
        let larger = ui.add_enabled(can_grow, egui::Button::new(RichText::new("A+").size(17.0)).min_size(size));
        if !can_shrink {
            ctx.focus_first(&larger);
        }
        larger.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, larger.enabled(), ctx.t.text_larger));
        if larger.on_hover_text(ctx.t.text_larger).clicked() {
            commands.push(Command::Setting(Setting::TextScale(settings.text_scale_stepped(1))));
        }
        let percent = (settings.text_scale * 100.0).round();
        ui.label(ctx.t.text_size_value.fill(&format!("{percent:.0}")));
    });
}

fn sound_ui(ui: &mut egui::Ui, ctx: &UiContext, view: &SettingsView, commands: &mut Vec<Command>) {
    section(ui, ctx.t.sound);
    if view.no_sound {
        ui.label(RichText::new(ctx.t.no_sound).color(theme::caution_color(ui.visuals())));
    }
    let mut sound = view.settings.sound;
    let mut changed = false;
    changed |= ui.checkbox(&mut sound.voice, ctx.t.voice).changed();
    changed |= ui.checkbox(&mut sound.chimes, ctx.t.chimes).changed();
    changed |= ui.checkbox(&mut sound.breathing_tone, ctx.t.breathing_tone).changed();
    let mut percent = (sound.volume * 100.0).round();
    let slider = ui.add(egui::Slider::new(&mut percent, 0.0..=100.0).suffix(" %").text(ctx.t.volume));
    if slider.changed() {
        sound.volume = percent / 100.0;
        changed = true;
    }
    if changed {
        commands.push(Command::Setting(Setting::Sound(sound)));
    }
    ui.add_space(4.0);
    if ui.button(ctx.t.test_sound).clicked() {
        commands.push(Command::Setting(Setting::TestSound));
    }
    ui.label(RichText::new(ctx.t.test_sound_hint).weak());
}
