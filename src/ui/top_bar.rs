//! The bar at the top: the main tabs and the settings that apply at any moment (language,
//! text size, reduced motion).

use egui::RichText;

use super::strings::fill;
use super::{Command, Tab, UiContext, theme};
use crate::settings::{Settings, Theme};
use crate::text::Lang;

/// Shows the top bar. `tab` is `None` while the gate, player or end screen is open.
pub fn top_bar_ui(
    ui: &mut egui::Ui,
    ctx: &UiContext,
    tab: Option<Tab>,
    settings: &Settings,
    no_sound: bool,
) -> Vec<Command> {
    let text_scale = settings.text_scale;
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
                if ui.selectable_label(tab == Tab::History, ctx.t.tab_history).clicked() {
                    commands.push(Command::ShowTab(Tab::History));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for lang in Lang::ALL.into_iter().rev() {
                    if ui.selectable_label(ctx.lang == lang, lang.native_name()).clicked() {
                        commands.push(Command::SetLang(lang));
                    }
                }
                ui.separator();
                settings_menu_ui(ui, ctx, settings, &mut commands);
                sound_menu_ui(ui, ctx, settings, &mut commands);
                if no_sound {
                    ui.label(RichText::new(ctx.t.no_sound_short).color(theme::caution_color(ui.visuals())))
                        .on_hover_text(ctx.t.no_sound);
                }
                ui.separator();
                let mut reduce_motion = ctx.reduce_motion;
                if ui.checkbox(&mut reduce_motion, ctx.t.reduce_motion).changed() {
                    commands.push(Command::SetReduceMotion(reduce_motion));
                }
                ui.separator();
                let larger = ui.button("A+").on_hover_text(ctx.t.text_larger);
                larger.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, ctx.t.text_larger));
                if larger.clicked() {
                    commands.push(Command::SetTextScale(settings.text_scale_stepped(1)));
                }
                ui.label(format!("{:.0} %", text_scale * 100.0));
                let smaller = ui.button("A−").on_hover_text(ctx.t.text_smaller);
                smaller.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, ctx.t.text_smaller));
                if smaller.clicked() {
                    commands.push(Command::SetTextScale(settings.text_scale_stepped(-1)));
                }
                ui.label(RichText::new(ctx.t.text_size).weak());
            });
        });
    });
    commands
}

fn settings_menu_ui(ui: &mut egui::Ui, ctx: &UiContext, settings: &Settings, commands: &mut Vec<Command>) {
    ui.menu_button(ctx.t.settings, |ui| {
        ui.label(RichText::new(ctx.t.theme).strong());
        for (theme, name) in
            [(Theme::System, ctx.t.theme_system), (Theme::Light, ctx.t.theme_light), (Theme::Dark, ctx.t.theme_dark)]
        {
            if ui.radio(settings.theme == theme, name).clicked() {
                commands.push(Command::SetTheme(theme));
            }
        }
        ui.separator();
        if ui.button(ctx.t.about).clicked() {
            commands.push(Command::ShowAbout);
        }
        ui.separator();
        if let Some(remembered) = &settings.answers {
            let date = crate::text::date(crate::history::local_date(remembered.given_unix_secs, ctx.zone), ctx.lang);
            ui.label(fill(ctx.t.answers_remembered, &[("date", &date)]));
            if ui.button(ctx.t.forget_answers).clicked() {
                commands.push(Command::ForgetAnswers);
            }
        }
    });
}

fn sound_menu_ui(ui: &mut egui::Ui, ctx: &UiContext, settings: &Settings, commands: &mut Vec<Command>) {
    ui.menu_button(ctx.t.sound, |ui| {
        let mut sound = settings.sound;
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
            commands.push(Command::SetSound(sound));
        }
        ui.separator();
        if ui.button(ctx.t.test_sound).clicked() {
            commands.push(Command::TestSound);
        }
    });
}
