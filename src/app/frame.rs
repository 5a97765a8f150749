//! One frame: the top bar, the notices, the screen shown and the import dialog, drawn from the
//! app's state; and the look (fonts, text size, theme), applied only when it changes. Drawing
//! changes nothing but the screens' own view state: what the person asks for comes back as
//! commands, applied by `apply`.

use super::{AcupressApp, Screen};
use crate::audio::AudioStatus;
use crate::settings::Theme;
use crate::texts::strings;
use crate::ui::player::PlayerView;
use crate::ui::settings::SettingsView;
use crate::ui::{Command, Library, Tab, UiContext};

/// See [`AcupressApp::screen_key`].
pub(super) type ScreenKey = (std::mem::Discriminant<Screen>, Option<Tab>);

impl AcupressApp {
    /// Draws the frame and returns what the person asked for.
    pub(super) fn draw(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let dropped: Vec<std::path::PathBuf> =
            ui.ctx().input(|input| input.raw.dropped_files.iter().map(|file| file.path().to_owned()).collect());
        let lang = self.lang();
        let no_sound = self.audio_status() == Some(AudioStatus::NoDevice);
        // The app's own voice says the session's cues only with a device and the voice on.
        let voice_speaks = self.audio_status() == Some(AudioStatus::Playing) && self.settings.sound.voice;
        let today = self.today();
        // History shows the sessions; the body map only counts today's for the programs.
        let shows_records = match (&self.screen, self.tab) {
            (Screen::Main, Tab::History) => true,
            (Screen::Main, Tab::BodyMap) => !self.settings.programs.is_empty(),
            _ => false,
        };
        let (records, overview) =
            if shows_records { self.overview() } else { (std::sync::Arc::default(), std::sync::Arc::default()) };
        let opened = self.screen_key();
        if self.shown != Some(opened) {
            // A screen has just opened: its first control takes the focus.
            self.shown = Some(opened);
            self.focus_request.open(ui.ctx().memory(egui::Memory::focused));
        }
        let ctx = UiContext {
            catalog: &self.catalog,
            routines: self.library.routines(),
            lang,
            t: strings(lang),
            reduce_motion: self.settings.reduce_motion,
            user_routine_ids: self.library.user_ids(),
            own_routine_ids: &self.settings.own_routines,
            zone: &self.zone,
            today,
            programs: &self.settings.programs,
            focus_request: &self.focus_request,
        };
        let tab = matches!(self.screen, Screen::Main).then_some(self.tab);
        let mut commands = crate::ui::top_bar::top_bar_ui(ui, &ctx, tab, no_sound);
        if let Some(reason) = self.hand_over.not_kept {
            let reason = match reason {
                super::NotKept::OtherOwner => crate::ui::notices::NotKeptView::OtherOwner,
                super::NotKept::NoAnswer => crate::ui::notices::NotKeptView::NoAnswer,
            };
            commands.extend(crate::ui::notices::not_kept_ui(ui, &ctx, reason, self.hand_over.refused_session));
        }
        commands.extend(crate::ui::notices::notices_ui(ui, &ctx, &self.notices));
        let reduce_motion = self.settings.reduce_motion;
        commands.extend(match &mut self.screen {
            Screen::Main => match self.tab {
                Tab::BodyMap => crate::ui::home::home_ui(ui, &ctx, &mut self.home, &overview),
                Tab::Library => crate::ui::library::library_ui(ui, &ctx, &mut self.library_view),
                Tab::History => crate::ui::history::history_ui(ui, &ctx, &records, &overview),
                Tab::Settings => {
                    let view = SettingsView { settings: &self.settings, system_lang: self.system_lang, no_sound };
                    crate::ui::settings::settings_ui(ui, &ctx, &view)
                }
            },
            Screen::Editor(editor) => crate::ui::editor::editor_ui(ui, &ctx, editor),
            Screen::Gate(gate) => crate::ui::gate::questions_ui(ui, &ctx, gate),
            Screen::Outcome(outcome, _) => crate::ui::gate::outcome_ui(ui, &ctx, outcome),
            Screen::Ready(ready) => crate::ui::ready::ready_ui(ui, &ctx, ready.cleared.routine()),
            Screen::About(about) => crate::ui::about::about_ui(ui, &ctx, about),
            Screen::Program(program) => crate::ui::program::program_ui(ui, &ctx, program),
            Screen::Player(player, player_ui) => {
                let status = player.status();
                let summary = player.summary();
                let view = PlayerView {
                    status: &status,
                    routine: player.routine(),
                    progress: &summary.steps,
                    missed: player.missed(),
                    interruptions: player.interruptions(),
                    voice_speaks,
                };
                let commands = crate::ui::player::player_ui(ui, &ctx, &view, player_ui);
                if status.state == crate::session::RunState::Running {
                    ui.ctx().request_repaint_after(super::next_repaint(&status, reduce_motion));
                }
                commands
            }
            Screen::End(end) => crate::ui::end::end_ui(ui, &ctx, end),
        });
        if let Some(dialog) = &self.import_dialog {
            commands.extend(crate::ui::import::import_dialog_ui(ui, &ctx, dialog));
        }
        if let Some((chooser, _)) = &mut self.chooser {
            commands.extend(crate::ui::file_chooser::file_chooser_ui(ui, &ctx, chooser));
        }
        crate::ui::drop_overlay::drop_overlay_ui(ui, &ctx);
        self.focus_request.drawn();
        commands.extend(dropped.into_iter().map(|path| Command::Library(Library::ImportFile(path))));
        commands
    }

    /// Which screen (or main tab) is shown, to notice when another one opens: the kind of
    /// screen, whatever it holds, and the tab on the main screen.
    fn screen_key(&self) -> ScreenKey {
        let tab = matches!(self.screen, Screen::Main).then_some(self.tab);
        (std::mem::discriminant(&self.screen), tab)
    }

    /// Fonts, text size and theme, applied when they change.
    pub(super) fn apply_look(&mut self, ctx: &egui::Context) {
        if self.applied.scale.is_none() {
            egui_extras::install_image_loaders(ctx);
            crate::ui::theme::install_fonts(ctx);
            crate::ui::theme::install_style(ctx);
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
