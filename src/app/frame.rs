//! One frame: the top bar, the notices, the screen shown and the import dialog, drawn from the
//! app's state; and the look (fonts, text size, theme), applied only when it changes. Drawing
//! changes nothing but the screens' own view state: what the person asks for comes back as
//! commands, applied by `apply`.

use super::{AcupressApp, Screen, apply};
use crate::audio::AudioStatus;
use crate::settings::Theme;
use crate::ui::strings::strings;
use crate::ui::{Command, Tab, UiContext};

impl AcupressApp {
    /// Draws the frame and returns what the person asked for.
    pub(super) fn draw(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let dropped: Vec<std::path::PathBuf> =
            ui.ctx().input(|input| input.raw.dropped_files.iter().map(|file| file.path().to_owned()).collect());
        let lang = self.lang();
        let records =
            if matches!((&self.screen, self.tab), (Screen::Main, Tab::History)) { self.records() } else { Vec::new() };
        let ctx = UiContext {
            catalog: &self.catalog,
            routines: self.library.routines(),
            lang,
            t: strings(lang),
            reduce_motion: self.settings.reduce_motion,
            user_routine_ids: self.library.user_ids(),
            zone: &self.zone,
        };
        let tab = matches!(self.screen, Screen::Main).then_some(self.tab);
        let no_sound = self.audio_status() == Some(AudioStatus::NoDevice);
        let mut commands = crate::ui::top_bar::top_bar_ui(ui, &ctx, tab, &self.settings, no_sound);
        commands.extend(crate::ui::notices::notices_ui(ui, &ctx, &self.notices));
        commands.extend(apply::draw_screen(
            ui,
            &ctx,
            &mut self.screen,
            self.tab,
            &mut self.home,
            &mut self.library_view,
            &records,
            self.settings.reduce_motion,
        ));
        if let Some(dialog) = &self.library.dialog {
            commands.extend(crate::ui::import::import_dialog_ui(ui, &ctx, dialog));
        }
        crate::ui::drop_overlay::drop_overlay_ui(ui, &ctx);
        commands.extend(dropped.into_iter().map(Command::ImportFile));
        commands
    }

    /// Fonts, text size and theme, applied when they change.
    pub(super) fn apply_look(&mut self, ctx: &egui::Context) {
        if self.applied.scale.is_none() {
            egui_extras::install_image_loaders(ctx);
            crate::ui::theme::install_fonts(ctx);
        }
        if self.applied.theme != Some(self.settings.theme) {
            ctx.set_theme(match self.settings.theme {
                Theme::System => egui::ThemePreference::System,
                Theme::Light => egui::ThemePreference::Light,
                Theme::Dark => egui::ThemePreference::Dark,
            });
            self.applied.theme = Some(self.settings.theme);
        }
        if self.applied.scale != Some(self.settings.text_scale) {
            ctx.set_zoom_factor(self.settings.text_scale);
            self.applied.scale = Some(self.settings.text_scale);
        }
    }
}
