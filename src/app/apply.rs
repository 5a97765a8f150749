//! Applying what the screens ask for: settings, the gate and the session, the library.

use std::time::Duration;

use super::session::{SessionController, SessionStart};
use super::{AcupressApp, ReadyState, Screen, library};
use crate::audio::play_planned;
use crate::notices::Notice;
use crate::safety::{Answer, AnswerKind, Answers, Clearance, QuestionId, evaluate};
use crate::settings::{RememberedAnswers, SoundSettings};
use crate::speech::{self, Recorded};
use crate::ui::editor::{EditorKind, EditorState};
use crate::ui::gate::{GateState, OutcomeState};
use crate::ui::{Command, Tab};

impl AcupressApp {
    /// Applies one command from a screen.
    pub(super) fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::ShowTab(tab) => {
                self.tab = tab;
                self.screen = Screen::Main;
            }
            Command::ShowAbout => self.screen = Screen::About(crate::ui::about::AboutState::default()),
            Command::Cancel => {
                if let (Screen::Ready(_), Some(audio)) = (&self.screen, &self.audio) {
                    audio.output().silence();
                }
                self.screen = Screen::Main;
            }
            Command::DismissNotices => self.notices.clear(),
            Command::TryAgainToOwn => self.try_again_to_own(ctx),
            Command::ChooserGo(_)
            | Command::ChooserChoose(_)
            | Command::ChooserReplace(_)
            | Command::ChooserKeep
            | Command::ChooserNoName
            | Command::ChooserCancel => self.apply_chooser(command),
            Command::CloseRefusal => self.hand_over.refused_session = false,
            Command::SetLang(_)
            | Command::SetTextScale(_)
            | Command::SetReduceMotion(_)
            | Command::SetSound(_)
            | Command::SetTheme(_)
            | Command::ForgetAnswers
            | Command::SetStartAtLogin(_)
            | Command::TestSound => self.apply_setting(&command),
            Command::Prepare(_)
            | Command::QuickPress(_)
            | Command::ConfirmAnswers(_)
            | Command::EditAnswers
            | Command::StartSession { .. }
            | Command::BeginSession
            | Command::Session(_)
            | Command::FinishSession { .. } => self.apply_session(command, ctx),
            Command::ImportPick
            | Command::ImportFile(_)
            | Command::ImportResolve(_)
            | Command::CloseDialog
            | Command::NewRoutine
            | Command::EditRoutine(..)
            | Command::SaveDraft(..)
            | Command::ExportRoutine(_)
            | Command::DeleteRoutine(_)
            | Command::UndoDelete
            | Command::ExportHandout(_)
            | Command::ExportReport
            | Command::ExportHistoryCsv => self.apply_library(command),
            Command::OpenProgram(_) | Command::SaveProgram(_) | Command::RemoveProgram(_) => {
                self.apply_program(command);
            }
        }
        ctx.request_repaint();
    }

    /// Settings: applied at once and saved.
    fn apply_setting(&mut self, command: &Command) {
        match *command {
            Command::SetLang(lang) => self.settings.lang = lang,
            Command::SetSound(sound) => self.settings.sound = sound,
            Command::SetTextScale(scale) => self.settings.text_scale = scale.clamp(0.8, 2.0),
            Command::SetReduceMotion(reduce) => self.settings.reduce_motion = reduce,
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::ForgetAnswers => self.settings.answers = None,
            Command::SetStartAtLogin(enabled) => {
                // Only the real app changes the system's login items; tests and examples run
                // without a data folder or with one of their own.
                if self.store.is_some()
                    && self.changes_login_items
                    && let Err(err) = crate::store::autostart::set_start_at_login(enabled)
                {
                    self.report(err.notice());
                    return;
                }
                self.settings.start_at_login = enabled;
            }
            Command::TestSound => {
                if let Some(audio) = &self.audio {
                    let planned = speech::test_sound(self.lang(), &Recorded);
                    let all_on =
                        SoundSettings { voice: true, chimes: true, breathing_tone: true, ..self.settings.sound };
                    play_planned(audio.output().as_mut(), &planned, Duration::ZERO, &all_on);
                }
                return;
            }
            _ => return,
        }
        self.sync_sound_settings();
        self.sync_reminders();
        self.persist_settings();
    }

    pub(super) fn persist_settings(&mut self) {
        let Some(store) = &self.store else { return };
        if store.is_read_only() {
            return;
        }
        if let Err(err) = store.save_settings(&self.settings) {
            self.report(err.notice());
        }
    }

    /// The yes/no answers remembered from last time.
    fn prefilled_answers(&self) -> Answers {
        let mut answers = Answers::new();
        for (id, yes) in self.settings.answers.iter().flat_map(|remembered| &remembered.answers) {
            // Warning signs and "has a professional cleared it" are asked fresh every time.
            if let Some(id) = QuestionId::parse(id)
                && matches!(id.question().kind, AnswerKind::YesNo { .. })
                && !id.question().fresh
            {
                answers.set(id, if *yes { Answer::Yes } else { Answer::No });
            }
        }
        answers
    }

    /// The gate, the start of a session, the session itself and its end.
    fn apply_session(&mut self, command: Command, ctx: &egui::Context) {
        if self.hand_over.not_kept.is_some()
            && matches!(
                command,
                Command::Prepare(_) | Command::QuickPress(_) | Command::StartSession { .. } | Command::BeginSession
            )
        {
            // Nothing done in this window would be kept: no session starts here.
            self.hand_over.refused_session = true;
            self.screen = Screen::Main;
            return;
        }
        match command {
            Command::Prepare(routine) => {
                let answers = self.prefilled_answers();
                let prefilled = answers.iter().next().is_some();
                self.screen = Screen::Gate(Box::new(GateState::new(*routine, &self.catalog, answers, prefilled)));
            }
            Command::QuickPress(code) => {
                if let Some(routine) = library::quick_press(&self.catalog, &code) {
                    self.apply_session(Command::Prepare(Box::new(routine)), ctx);
                }
            }
            Command::ConfirmAnswers(answers) => {
                let Screen::Gate(gate) = &self.screen else { return };
                let routine = gate.routine.clone();
                let clearance = evaluate(&routine, &self.catalog, &answers);
                let remembered = answers
                    .iter()
                    .filter_map(|(id, answer)| match answer {
                        Answer::Yes => Some((id.as_str().to_owned(), true)),
                        Answer::No => Some((id.as_str().to_owned(), false)),
                        Answer::Points(_) => None,
                    })
                    .collect();
                self.settings.answers =
                    Some(RememberedAnswers { given_unix_secs: self.clock.wall_unix_secs(), answers: remembered });
                self.persist_settings();
                self.screen =
                    Screen::Outcome(Box::new(OutcomeState { routine, clearance, pain_before: None }), answers);
            }
            Command::EditAnswers => {
                if let Screen::Outcome(outcome, answers) = &self.screen {
                    let gate = GateState::new(outcome.routine.clone(), &self.catalog, answers.clone(), false);
                    self.screen = Screen::Gate(Box::new(gate));
                }
            }
            Command::StartSession { pain_before } => {
                let Screen::Outcome(outcome, _) = &self.screen else { return };
                let Clearance::Cleared(cleared) = &outcome.clearance else { return };
                let cleared = (**cleared).clone();
                if let Some(audio) = &self.audio {
                    audio.prepare();
                    let announcement = speech::ready_announcement(cleared.routine(), self.lang(), &Recorded);
                    play_planned(audio.output().as_mut(), &announcement, Duration::ZERO, &self.settings.sound);
                }
                self.screen = Screen::Ready(Box::new(ReadyState { cleared, pain_before }));
            }
            Command::BeginSession => {
                let Screen::Ready(ready) = &self.screen else { return };
                let ReadyState { cleared, pain_before } = (**ready).clone();
                let controller = SessionController::start(SessionStart {
                    cleared,
                    pain_before,
                    clock: std::sync::Arc::clone(&self.clock),
                    history: &self.history,
                    audio: self.audio.as_deref(),
                    sound_settings: self.sound_settings.clone(),
                    repaint: ctx.clone(),
                });
                self.screen = Screen::Player(Box::new(controller), crate::ui::player::PlayerUiState::default());
            }
            Command::Session(session_command) => {
                if let Screen::Player(player, _) = &self.screen {
                    player.command(session_command);
                }
                self.finish_session_if_over();
            }
            Command::FinishSession { pain_after, activity_scores } => {
                if let Screen::End(end) = &self.screen {
                    self.history.update(end.index, |record| {
                        record.pain_after = pain_after;
                        record.activity_scores = activity_scores;
                    });
                }
                self.screen = Screen::Main;
            }
            _ => {}
        }
    }

    /// Import, the editor and exports: the commands that read or write the person's files.
    fn apply_library(&mut self, command: Command) {
        let store = self.store.as_deref();
        let mut settings_changed = false;
        let notices = match command {
            Command::ImportPick => {
                self.pick_routine_to_import();
                Vec::new()
            }
            Command::ImportFile(path) => {
                // As a handed-over file: after any safety questions or session already open.
                self.queue_import(path);
                Vec::new()
            }
            Command::ImportResolve(choice) => {
                if choice == crate::ui::import::DuplicateChoice::Replace
                    && let Some(crate::ui::import::ImportDialog::Duplicate { routine, .. }) = &self.library.dialog
                {
                    // Replaced by a file from outside: from now on it stays as it came.
                    let id = routine.id.clone();
                    if self.settings.own_routines.contains(&id) {
                        self.settings.own_routines.retain(|own_id| *own_id != id);
                        settings_changed = true;
                    }
                }
                let notices = self.library.resolve(choice, store);
                self.tab = Tab::Library;
                self.start_program_for_import();
                notices
            }
            Command::CloseDialog => {
                self.library.dialog = None;
                Vec::new()
            }
            Command::NewRoutine => {
                let draft = self.library.new_routine();
                self.screen = Screen::Editor(Box::new(EditorState::new(draft, None, EditorKind::New)));
                Vec::new()
            }
            Command::EditRoutine(routine, original_id) => {
                let (draft, kind) = match original_id {
                    Some(_) => (*routine, EditorKind::Edit),
                    None => (self.library.copy_for_editing(&routine), EditorKind::Copy(routine.title.clone())),
                };
                self.screen = Screen::Editor(Box::new(EditorState::new(draft, original_id, kind)));
                Vec::new()
            }
            Command::SaveDraft(draft, original_id) => {
                let id = draft.id.clone();
                match self.library.save_draft(*draft, original_id.as_deref(), store) {
                    Ok(()) => {
                        // The person's own: edited in place from now on.
                        let own = &mut self.settings.own_routines;
                        own.retain(|own_id| Some(own_id) != original_id.as_ref() && *own_id != id);
                        own.push(id);
                        settings_changed = true;
                        self.tab = Tab::Library;
                        self.screen = Screen::Main;
                        Vec::new()
                    }
                    Err(notice) => vec![notice],
                }
            }
            Command::DeleteRoutine(id) => match self.library.delete(&id, store) {
                Ok(Some(deleted)) => {
                    let was_own = self.settings.own_routines.contains(&id);
                    self.settings.own_routines.retain(|own_id| *own_id != id);
                    self.last_deleted_was_own = was_own;
                    settings_changed = true;
                    let folder =
                        deleted.trashed.as_ref().and_then(|path| path.parent()).map(std::path::Path::to_path_buf);
                    let notice = Notice::Deleted { title: deleted.routine.title.clone(), folder };
                    self.notices.retain(|notice| !matches!(notice, Notice::Deleted { .. }));
                    self.last_deleted = Some(deleted);
                    vec![notice]
                }
                Ok(None) => Vec::new(),
                Err(notice) => vec![notice],
            },
            Command::UndoDelete => self.undo_delete(&mut settings_changed),
            Command::ExportRoutine(_)
            | Command::ExportHandout(_)
            | Command::ExportReport
            | Command::ExportHistoryCsv => self.apply_export(command),
            _ => Vec::new(),
        };
        if settings_changed {
            self.persist_settings();
        }
        self.report_all(notices);
        // A routine saved, replaced, deleted or brought back: the reminders use its current
        // title and prescription, and none come for a routine that is gone.
        self.sync_reminders();
    }

    /// Puts back the routine deleted last (and, if it was the person's own, it is again).
    fn undo_delete(&mut self, settings_changed: &mut bool) -> Vec<Notice> {
        self.notices.retain(|notice| !matches!(notice, Notice::Deleted { .. }));
        let Some(deleted) = self.last_deleted.take() else { return Vec::new() };
        match self.library.restore(deleted, self.store.as_deref()) {
            Ok(restored_id) => {
                if std::mem::take(&mut self.last_deleted_was_own) {
                    self.settings.own_routines.push(restored_id);
                    *settings_changed = true;
                }
                Vec::new()
            }
            Err(notice) => vec![notice],
        }
    }

    /// Exports: a routine file, a handout, the report, the CSV.
    fn apply_export(&mut self, command: Command) -> Vec<Notice> {
        match command {
            Command::ExportRoutine(routine) => {
                let text = crate::routine::to_ron(&routine);
                self.export(super::effects::FileKind::Routine, &format!("{}.ron", routine.id), text.into_bytes())
            }
            Command::ExportHandout(routine) => match crate::pdf::handout(&crate::pdf::HandoutInput {
                routine: &routine,
                catalog: &self.catalog,
                lang: self.lang(),
                printed: self.today(),
                adapted: None,
            }) {
                Ok(pdf) => self.export(super::effects::FileKind::Pdf, &format!("{}.pdf", routine.id), pdf),
                Err(err) => vec![Notice::NotMade(err.to_string())],
            },
            Command::ExportReport => {
                let records = self.records();
                let input = crate::pdf::ReportInput {
                    records: &records,
                    programs: &self.settings.programs,
                    routines: self.library.routines(),
                    catalog: &self.catalog,
                    zone: &self.zone,
                    from: None,
                    to: None,
                    today: self.today(),
                    lang: self.lang(),
                };
                match crate::pdf::report(&input) {
                    Ok(pdf) => {
                        let name = format!("acupress-{}.pdf", self.today());
                        self.export(super::effects::FileKind::Pdf, &name, pdf)
                    }
                    Err(err) => vec![Notice::NotMade(err.to_string())],
                }
            }
            Command::ExportHistoryCsv => {
                let programs = crate::program::scheduled(&self.settings.programs, self.library.routines());
                let csv = crate::history::to_csv(&self.records(), self.lang(), &programs, &self.zone);
                self.export(super::effects::FileKind::Csv, "acupress-history.csv", csv.into_bytes())
            }
            _ => Vec::new(),
        }
    }
}
