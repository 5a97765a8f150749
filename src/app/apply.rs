//! Applying what the screens ask for: settings, the gate and the session, the library.

use std::time::Duration;

use super::library::{ImportOutcome, PendingImport};
use super::session::{SessionController, SessionStart};
use super::{AcupressApp, ReadyState, Screen, library};
use crate::audio::play_planned;
use crate::notices::Notice;
use crate::safety::{Answer, AnswerKind, Answers, Clearance, evaluate};
use crate::settings::{RememberedAnswers, SoundSettings};
use crate::speech::{self, Recorded};
use crate::ui::editor::{EditorKind, EditorState};
use crate::ui::gate::{GateState, OutcomeState};
use crate::ui::import::{DuplicateChoice, ImportDialog};
use crate::ui::{Command, Export, Library, Nav, SessionFlow, Setting, Tab};

impl AcupressApp {
    /// Applies one command from a screen: each owner's handler matches its own commands
    /// exhaustively. Then, in one place, settings that changed are saved and passed on to the
    /// sound and the reminders (snapshot before, compare after).
    pub(super) fn apply(&mut self, command: Command, ctx: &egui::Context) {
        let settings_before = self.settings.clone();
        match command {
            Command::Nav(nav) => self.apply_nav(nav, ctx),
            Command::Chooser(chooser) => self.apply_chooser(chooser),
            Command::Setting(setting) => self.apply_setting(setting),
            Command::Session(flow) => self.apply_session(flow, ctx),
            Command::Library(library) => self.apply_library(library),
            Command::Export(export) => {
                let notices = self.apply_export(export);
                self.report_all(notices);
            }
            Command::Program(program) => self.apply_program(program),
        }
        self.settings_changed_since(&settings_before);
        ctx.request_repaint();
    }

    /// The one place where changed settings are kept and passed on: saved (unless another
    /// acupress owns the data), and handed to the sound and to the reminders.
    pub(super) fn settings_changed_since(&mut self, before: &crate::settings::Settings) {
        if self.settings == *before {
            return;
        }
        self.sync_sound_settings();
        self.sync_reminders();
        self.persist_settings();
    }

    /// Moving between screens.
    fn apply_nav(&mut self, nav: Nav, ctx: &egui::Context) {
        match nav {
            Nav::ShowTab(tab) => {
                self.tab = tab;
                self.screen = Screen::Main;
            }
            Nav::ShowAbout => self.screen = Screen::About(crate::ui::about::AboutState::default()),
            Nav::Cancel => {
                if let (Screen::Ready(_), Some(audio)) = (&self.screen, &self.audio) {
                    audio.output().silence();
                }
                self.screen = Screen::Main;
            }
            Nav::DismissNotices => self.notices.clear(),
            Nav::TryAgainToOwn => self.try_again_to_own(ctx),
            Nav::CloseRefusal => self.hand_over.refused_session = false,
        }
    }

    /// Settings: applied at once (kept and passed on by [`Self::settings_changed_since`]).
    fn apply_setting(&mut self, setting: Setting) {
        match setting {
            Setting::Lang(lang) => self.settings.lang = lang,
            Setting::Sound(sound) => self.settings.sound = sound,
            Setting::TextScale(scale) => {
                let range = crate::settings::TEXT_SCALE_RANGE;
                self.settings.text_scale = scale.clamp(*range.start(), *range.end());
            }
            Setting::ReduceMotion(reduce) => self.settings.reduce_motion = reduce,
            Setting::Theme(theme) => self.settings.theme = theme,
            Setting::ForgetAnswers => self.settings.answers = None,
            Setting::StartAtLogin(enabled) => {
                // Only the real app changes the system's login items; tests and examples run
                // without a data folder or with one of their own.
                if self.store.is_some()
                    && self.changes_login_items
                    && let Err(err) = crate::store::autostart::set_start_at_login(enabled)
                {
                    self.report(err.notice());
                } else {
                    self.settings.start_at_login = enabled;
                }
            }
            Setting::TestSound => {
                if let Some(audio) = &self.audio {
                    let planned = speech::test_sound(self.lang(), &Recorded);
                    let all_on =
                        SoundSettings { voice: true, chimes: true, breathing_tone: true, ..self.settings.sound };
                    play_planned(audio.output().as_mut(), &planned, Duration::ZERO, &all_on);
                }
            }
        }
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
            if matches!(id.question().kind, AnswerKind::YesNo { .. }) && !id.question().fresh {
                answers.set(*id, if *yes { Answer::Yes } else { Answer::No });
            }
        }
        answers
    }

    /// The gate, the start of a session, the session itself and its end.
    fn apply_session(&mut self, flow: SessionFlow, ctx: &egui::Context) {
        if self.hand_over.not_kept.is_some()
            && matches!(
                flow,
                SessionFlow::Prepare(_) | SessionFlow::QuickPress(_) | SessionFlow::Start { .. } | SessionFlow::Begin
            )
        {
            // Nothing done in this window would be kept: no session starts here.
            self.hand_over.refused_session = true;
            self.screen = Screen::Main;
            return;
        }
        match flow {
            SessionFlow::Prepare(routine) => {
                let answers = self.prefilled_answers();
                let prefilled = answers.iter().next().is_some();
                self.screen = Screen::Gate(Box::new(GateState::new(*routine, &self.catalog, answers, prefilled)));
            }
            SessionFlow::QuickPress(code) => {
                if let Some(routine) = library::quick_press(&self.catalog, &code) {
                    self.apply_session(SessionFlow::Prepare(Box::new(routine)), ctx);
                }
            }
            SessionFlow::ConfirmAnswers(answers) => {
                let Screen::Gate(gate) = &self.screen else { return };
                let routine = gate.routine.clone();
                let clearance = evaluate(&routine, &self.catalog, &answers);
                let remembered = answers
                    .iter()
                    .filter_map(|(id, answer)| match answer {
                        Answer::Yes => Some((id, true)),
                        Answer::No => Some((id, false)),
                        Answer::Points(_) => None,
                    })
                    .collect();
                self.settings.answers =
                    Some(RememberedAnswers { given_unix_secs: self.clock.wall_unix_secs(), answers: remembered });
                self.screen =
                    Screen::Outcome(Box::new(OutcomeState { routine, clearance, pain_before: None }), answers);
            }
            SessionFlow::EditAnswers => {
                if let Screen::Outcome(outcome, answers) = &self.screen {
                    let gate = GateState::new(outcome.routine.clone(), &self.catalog, answers.clone(), false);
                    self.screen = Screen::Gate(Box::new(gate));
                }
            }
            SessionFlow::Start { pain_before } => {
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
            SessionFlow::Begin => {
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
            SessionFlow::Control(session_command) => {
                if let Screen::Player(player, _) = &self.screen {
                    player.command(session_command);
                }
                self.finish_session_if_over();
            }
            SessionFlow::Finish { pain_after, activity_scores } => {
                if let Screen::End(end) = &self.screen {
                    self.history.update(end.index, |record| {
                        record.pain_after = pain_after;
                        record.activity_scores = activity_scores;
                    });
                }
                self.screen = Screen::Main;
            }
        }
    }

    /// Import, the editor and exports: the commands that read or write the person's files.
    fn apply_library(&mut self, library: Library) {
        let store = self.store.as_deref();
        let notices = match library {
            Library::ImportPick => {
                self.pick_routine_to_import();
                Vec::new()
            }
            Library::ImportFile(path) => {
                // As a handed-over file: after any safety questions or session already open.
                self.queue_import(path);
                Vec::new()
            }
            Library::ImportResolve(choice) => {
                match self.import_dialog.take() {
                    Some(ImportDialog::Duplicate { routine, text, existing_title, can_replace }) => {
                        let pending = PendingImport { routine, text, existing_title, can_replace };
                        let outcome = match choice {
                            DuplicateChoice::Replace => {
                                let replaced = pending.can_replace.then(|| pending.routine.id.clone());
                                let outcome = self.library.replace_with(pending, store);
                                if let (Some(id), ImportOutcome::Imported(_)) = (replaced, &outcome) {
                                    // Replaced by a file from outside: from now on it stays as it
                                    // came (edits make a copy). Not when saving failed: then the
                                    // person's routine is still theirs.
                                    self.settings.own_routines.retain(|own_id| *own_id != id);
                                }
                                outcome
                            }
                            DuplicateChoice::KeepBoth => self.library.keep_both(pending, store),
                        };
                        self.tab = Tab::Library;
                        self.show_import(outcome);
                    }
                    // No choice is waiting (a second click): leave the dialog as it is.
                    other => self.import_dialog = other,
                }
                Vec::new()
            }
            Library::CloseDialog => {
                self.import_dialog = None;
                Vec::new()
            }
            Library::NewRoutine => {
                let draft = self.library.new_routine();
                self.screen = Screen::Editor(Box::new(EditorState::new(draft, None, EditorKind::New)));
                Vec::new()
            }
            Library::EditRoutine(routine, original_id) => {
                let (draft, kind) = match original_id {
                    Some(_) => (*routine, EditorKind::Edit),
                    None => (self.library.copy_for_editing(&routine), EditorKind::Copy(routine.title.clone())),
                };
                self.screen = Screen::Editor(Box::new(EditorState::new(draft, original_id, kind)));
                Vec::new()
            }
            Library::SaveDraft(draft, original_id) => {
                let id = draft.id.clone();
                match self.library.save_draft(*draft, original_id.as_ref(), store) {
                    Ok(()) => {
                        // The person's own: edited in place from now on.
                        let own = &mut self.settings.own_routines;
                        own.retain(|own_id| Some(own_id) != original_id.as_ref() && *own_id != id);
                        own.push(id);
                        self.tab = Tab::Library;
                        self.screen = Screen::Main;
                        Vec::new()
                    }
                    Err(notice) => vec![notice],
                }
            }
            Library::DeleteRoutine(id) => match self.library.delete(&id, store) {
                Ok(Some(deleted)) => {
                    let was_own = self.settings.own_routines.contains(&id);
                    self.settings.own_routines.retain(|own_id| *own_id != id);
                    self.last_deleted_was_own = was_own;
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
            Library::UndoDelete => self.undo_delete(),
        };
        self.report_all(notices);
        // A routine saved, replaced, deleted or brought back: the reminders use its current
        // title and prescription, and none come for a routine that is gone.
        self.sync_reminders();
    }

    /// Puts back the routine deleted last (and, if it was the person's own, it is again).
    fn undo_delete(&mut self) -> Vec<Notice> {
        self.notices.retain(|notice| !matches!(notice, Notice::Deleted { .. }));
        let Some(deleted) = self.last_deleted.take() else { return Vec::new() };
        match self.library.restore(deleted, self.store.as_deref()) {
            Ok(restored_id) => {
                if std::mem::take(&mut self.last_deleted_was_own) {
                    self.settings.own_routines.push(restored_id);
                }
                Vec::new()
            }
            Err(notice) => vec![notice],
        }
    }

    /// Exports: a routine file, a handout, the report, the CSV.
    fn apply_export(&mut self, export: Export) -> Vec<Notice> {
        match export {
            Export::Routine(routine) => {
                let text = crate::routine::to_ron(&routine);
                self.export(super::effects::FileKind::Routine, &format!("{}.ron", routine.id), text.into_bytes())
            }
            Export::Handout(routine) => match crate::pdf::handout(&crate::pdf::HandoutInput {
                routine: &routine,
                catalog: &self.catalog,
                lang: self.lang(),
                printed: self.today(),
                adapted: None,
            }) {
                Ok(pdf) => self.export(super::effects::FileKind::Pdf, &format!("{}.pdf", routine.id), pdf),
                Err(err) => vec![Notice::NotMade(err.to_string())],
            },
            Export::Report => {
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
            Export::HistoryCsv => {
                let programs = crate::program::scheduled(&self.settings.programs, self.library.routines());
                let csv = crate::history::to_csv(&self.records(), self.lang(), &programs, &self.zone);
                self.export(super::effects::FileKind::Csv, "acupress-history.csv", csv.into_bytes())
            }
        }
    }
}
