//! The desktop screens. One file per screen; functions taking `&mut egui::Ui` end in `_ui`.
//!
//! Screens read state through [`UiContext`] and return [`Command`]s; the app applies them once
//! per frame. Nothing here touches files, plays sound or reads the clock.

pub mod about;
pub mod body_map;
pub mod drop_overlay;
pub mod editor;
pub mod end;
pub mod file_chooser;
pub mod gate;
pub mod history;
pub mod home;
pub mod import;
pub mod layout;
pub mod library;
pub mod notices;
pub mod player;
pub mod program;
pub mod ready;
pub mod settings;
pub mod theme;
pub mod top_bar;

use crate::catalog::{Catalog, Complaint, PointCode};
use crate::history::PainRating;
use crate::routine::{Routine, RoutineId};
use crate::safety::Answers;
use crate::session::SessionCommand;
use crate::text::Lang;

pub use crate::texts::Strings;
pub use layout::{page_ui, page_with_actions_ui};

/// How many frames a screen that has just opened tries to give its first control the focus.
pub const FOCUS_TRIES: u8 = 10;

/// A screen has just opened and its first control should take the keyboard focus.
#[derive(Debug, Default)]
pub struct FocusRequest {
    /// Frames left to try (0: nothing to do).
    tries: std::cell::Cell<u8>,
    /// A focus that may be taken over: the previous screen's, or the one this request gave.
    stale: std::cell::Cell<Option<egui::Id>>,
    /// The screen opened this frame: it starts scrolled to the top.
    fresh: std::cell::Cell<bool>,
    /// The pass in which a control was given the focus: within one pass the first control to
    /// ask keeps it (the content comes before the row of actions).
    given_in_pass: std::cell::Cell<Option<u64>>,
}

impl FocusRequest {
    /// A screen opened while `focused` had the focus.
    pub fn open(&self, focused: Option<egui::Id>) {
        self.tries.set(FOCUS_TRIES);
        self.stale.set(focused);
        self.fresh.set(true);
    }

    /// The frame is drawn: the screen is no longer new.
    pub fn drawn(&self) {
        self.fresh.set(false);
    }

    /// Whether the screen opened this frame (it shows its top, not where it was scrolled to
    /// when it was last open).
    pub fn is_fresh(&self) -> bool {
        self.fresh.get()
    }
}

/// Adds `add` in a region whose widgets keep their identity (and so their accessibility node)
/// whatever comes and goes around it. egui numbers widgets in the order they are added; a widget
/// shown only sometimes renumbers every one after it, and a screen reader then sees them all
/// replaced (and loses its place). `key` must be unique in the frame.
pub fn stable_region<R>(
    ui: &mut egui::Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    ui.scope_builder(egui::UiBuilder::new().scope_id(egui::Id::unique(key)), add).inner
}

/// Marks `response` as a live region: a screen reader that follows them (Orca from 45.2, NVDA,
/// Voice Over) says it when it appears or changes, wherever the focus is. Orca 43 does not, so
/// what must be heard at once also takes the focus (an alert dialog, the outcome's heading) or
/// changes the description of the control in focus (the session's parts).
pub fn announce(response: &egui::Response, politeness: egui::accesskit::Live) {
    response.ctx.accesskit_node_builder(response.id, |node| node.set_live(politeness));
}

/// Gives `response` the keyboard focus in the frame its dialog opens (the first frame it is
/// shown after a frame without it), so a screen reader says the dialog's name and what has the
/// focus; later frames leave the focus where the person puts it.
pub fn focus_when_opened(response: &egui::Response) {
    let ctx = &response.ctx;
    let pass = ctx.cumulative_pass_nr();
    let key = response.id.with("shown_in_pass");
    let last: Option<u64> = ctx.data_mut(|data| {
        let last = data.get_temp(key);
        data.insert_temp(key, pass);
        last
    });
    let shown_just_before = last.is_some_and(|last| last + 1 >= pass);
    if !shown_just_before {
        response.request_focus();
    }
}

/// What every screen may read.
pub struct UiContext<'a> {
    /// All points.
    pub catalog: &'a Catalog,
    /// The routines in the library.
    pub routines: &'a [Routine],
    /// The language to show.
    pub lang: Lang,
    /// The texts in that language.
    pub t: &'static Strings,
    /// Keep movement to a minimum.
    pub reduce_motion: bool,
    /// Ids of the routines the user imported or made (editable, replaceable).
    pub user_routine_ids: &'a [RoutineId],
    /// Ids of the routines the person made or copied (edited in place; the others are copied).
    pub own_routine_ids: &'a [RoutineId],
    /// The person's time zone, for every date and week shown.
    pub zone: &'a jiff::tz::TimeZone,
    /// Today in that zone.
    pub today: jiff::civil::Date,
    /// The person's home programs.
    pub programs: &'a [crate::program::Program],
    /// Set when a screen opens: its first control takes the keyboard focus (see
    /// [`UiContext::focus_first`]).
    pub focus_request: &'a FocusRequest,
}

impl UiContext<'_> {
    /// The routines that press `code`.
    pub fn routines_with_point<'b>(&'b self, code: &'b PointCode) -> impl Iterator<Item = &'b Routine> + 'b {
        self.routines.iter().filter(move |routine| routine.steps.iter().any(|step| &step.point == code))
    }

    /// Gives `response` the keyboard focus if the screen has just opened: each screen calls
    /// this on the first control of its main content, so focus starts there, not in the top bar.
    pub fn focus_first(&self, response: &egui::Response) {
        let request = self.focus_request;
        let tries = request.tries.get();
        if tries == 0 {
            return;
        }
        let pass = response.ctx.cumulative_pass_nr();
        if request.given_in_pass.get() == Some(pass) && request.stale.get() != Some(response.id) {
            return;
        }
        if response.has_focus() {
            request.tries.set(0);
            return;
        }
        let focused = response.ctx.memory(egui::Memory::focused);
        if focused.is_none() || focused == request.stale.get() {
            // Nothing has the focus, or only what the screen before had (or what this screen
            // had a frame ago, laid out anew): give it to the first control, and ask again next
            // frame in case a widget new this frame cannot take it yet.
            response.request_focus();
            request.stale.set(Some(response.id));
            request.given_in_pass.set(Some(pass));
            request.tries.set(tries - 1);
            response.ctx.request_repaint();
        } else {
            // The person has put the focus somewhere themselves: leave it there.
            request.tries.set(0);
        }
    }

    /// The routines meant for `complaint`.
    pub fn routines_for(&self, complaint: Complaint) -> impl Iterator<Item = &Routine> + '_ {
        self.routines.iter().filter(move |routine| routine.complaints.contains(&complaint))
    }
}

/// Which main tab is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// The body map.
    BodyMap,
    /// The routine library.
    Library,
    /// Sessions done, adherence and pain trend.
    History,
    /// Language, text size, motion, theme, sound, remembered answers.
    Settings,
}

/// What a screen asks the app to do, by the part of the app that does it. Each owner's commands
/// are their own enum and every handler matches its enum exhaustively, so a command put under
/// the wrong owner does not compile:
///
/// ```compile_fail
/// use acupress::ui::{Command, Library, Tab};
/// // Showing a tab is the navigation's, not the library's.
/// let command = Command::Library(Library::ShowTab(Tab::History));
/// ```
///
/// ```
/// use acupress::ui::{Command, Nav, Tab};
/// let command = Command::Nav(Nav::ShowTab(Tab::History));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum Command {
    /// Moving between screens and closing what is open.
    Nav(Nav),
    /// The app's own file chooser.
    Chooser(Chooser),
    /// Settings: kept, and pushed to sound and reminders, in one place after the command.
    Setting(Setting),
    /// From the safety questions to the end of a session.
    Session(SessionFlow),
    /// The person's routines: import, editor, delete and undo.
    Library(Library),
    /// Files written where the person chooses: routine, handout, report, CSV.
    Export(Export),
    /// A routine's home program.
    Program(ProgramAction),
}

/// Moving between screens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Nav {
    /// Show a main tab.
    ShowTab(Tab),
    /// Show who made acupress and the licences of all it ships.
    ShowAbout,
    /// Leave the gate, the editor, the program or the end screen for the main screens.
    Cancel,
    /// Hide the notices about the user's files.
    DismissNotices,
    /// Try again to own the data, or hand over to the acupress that owns it.
    TryAgainToOwn,
    /// Close the dialog that said a session cannot start in this window.
    CloseRefusal,
}

/// The app's own file chooser (where the system has none).
#[derive(Clone, Debug, PartialEq)]
pub enum Chooser {
    /// Show this folder.
    Go(std::path::PathBuf),
    /// Open, or save to, this file.
    Choose(std::path::PathBuf),
    /// The person confirmed replacing this existing file.
    Replace(std::path::PathBuf),
    /// Do not replace the existing file; choose another name.
    Keep,
    /// Open or Save with no name typed.
    NoName,
    /// Close without choosing.
    Cancel,
}

/// A change to the settings, or the sound check.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Setting {
    /// Choose the language; `None` follows the system.
    Lang(Option<Lang>),
    /// Change the text (zoom) scale; kept within `settings::TEXT_SCALE_RANGE`.
    TextScale(f32),
    /// Turn reduced motion on or off.
    ReduceMotion(bool),
    /// Change what is heard.
    Sound(crate::settings::SoundSettings),
    /// Light, dark or system theme.
    Theme(crate::settings::Theme),
    /// Forget the remembered safety answers.
    ForgetAnswers,
    /// Start acupress at login (minimised), or not.
    StartAtLogin(bool),
    /// Play a chime and a spoken line, to check the sound.
    TestSound,
}

/// From the safety questions to the end of a session.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionFlow {
    /// Ask the safety questions for this routine.
    Prepare(Box<Routine>),
    /// A one-point routine for this point, through the gate.
    QuickPress(PointCode),
    /// The answers are confirmed: evaluate them.
    ConfirmAnswers(Answers),
    /// Back from the outcome to the questions.
    EditAnswers,
    /// Start the cleared session (the get-ready screen).
    Start {
        /// Pain before, if rated.
        pain_before: PainRating,
    },
    /// The person is ready: start the clock.
    Begin,
    /// Pause, skip, go back or stop.
    Control(SessionCommand),
    /// Close the end screen, keeping the record.
    Finish {
        /// Pain after, if rated.
        pain_after: PainRating,
        /// The activities rated (PSFS), when offered and rated; empty otherwise.
        activity_scores: Vec<crate::outcome::ActivityScore>,
    },
}

/// The person's routines.
#[derive(Clone, Debug, PartialEq)]
pub enum Library {
    /// Choose a routine file to import (file dialog).
    ImportPick,
    /// Import this routine file.
    ImportFile(std::path::PathBuf),
    /// Resolve an id that is already taken.
    ImportResolve(import::DuplicateChoice),
    /// Close the import dialog.
    CloseDialog,
    /// Start a new routine in the editor.
    NewRoutine,
    /// Edit a routine; `Some(id)` edits that library routine in place, `None` edits a copy.
    EditRoutine(Box<Routine>, Option<RoutineId>),
    /// Save the editor's draft into the library (replacing the routine it was, if any).
    SaveDraft(Box<Routine>, Option<RoutineId>),
    /// Move one of the person's routines to the trash (after they confirmed).
    DeleteRoutine(RoutineId),
    /// Put back the routine deleted last.
    UndoDelete,
}

/// A file written where the person chooses.
#[derive(Clone, Debug, PartialEq)]
pub enum Export {
    /// A routine, as a routine file.
    Routine(Box<Routine>),
    /// A routine's handout (PDF).
    Handout(Box<Routine>),
    /// The progress report (PDF).
    Report,
    /// The history as CSV.
    HistoryCsv,
}

/// A routine's home program.
#[derive(Clone, Debug, PartialEq)]
pub enum ProgramAction {
    /// Open the program screen for this routine (its program, or a new one).
    Open(RoutineId),
    /// Keep this program (new or changed).
    Save(Box<crate::program::Program>),
    /// End the program of this routine.
    Remove(RoutineId),
}

/// `m:ss` for whole seconds, rounding up so a countdown shows 0:01 until it is over.
pub fn countdown_text(remaining: std::time::Duration) -> String {
    let secs = remaining.as_millis().div_ceil(1000) as u64;
    crate::routine::format_clock(secs)
}
