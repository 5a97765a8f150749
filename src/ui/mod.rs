//! The desktop screens. One file per screen; functions taking `&mut egui::Ui` end in `_ui`.
//!
//! Screens read state through [`UiContext`] and return [`Command`]s; the app applies them once
//! per frame. Nothing here touches files, plays sound or reads the clock.

pub mod about;
pub mod body_map;
pub mod drop_overlay;
pub mod editor;
pub mod end;
pub mod gate;
pub mod history;
pub mod home;
pub mod import;
pub mod library;
pub mod notices;
pub mod player;
pub mod ready;
pub mod strings;
pub mod theme;
pub mod top_bar;

use crate::catalog::{Catalog, Complaint, PointCode};
use crate::history::PainRating;
use crate::routine::Routine;
use crate::safety::Answers;
use crate::session::SessionCommand;
use crate::text::Lang;

pub use strings::Strings;

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
    pub user_routine_ids: &'a [String],
    /// The person's time zone, for every date and week shown.
    pub zone: &'a jiff::tz::TimeZone,
}

impl UiContext<'_> {
    /// The routines that press `code`.
    pub fn routines_with_point<'b>(&'b self, code: &'b PointCode) -> impl Iterator<Item = &'b Routine> + 'b {
        self.routines.iter().filter(move |routine| routine.steps.iter().any(|step| &step.point == code))
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
}

/// What a screen asks the app to do.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum Command {
    /// Show a main tab.
    ShowTab(Tab),
    /// Change the language.
    SetLang(Lang),
    /// Change the text (zoom) scale.
    SetTextScale(f32),
    /// Turn reduced motion on or off.
    SetReduceMotion(bool),
    /// Change what is heard.
    SetSound(crate::settings::SoundSettings),
    /// Ask the safety questions for this routine.
    Prepare(Box<Routine>),
    /// A one-point routine for this point, through the gate.
    QuickPress(PointCode),
    /// The answers are confirmed: evaluate them.
    ConfirmAnswers(Answers),
    /// Back from the outcome to the questions.
    EditAnswers,
    /// Leave the gate or the end screen for the main screens.
    Cancel,
    /// Hide the notices about the user's files.
    DismissNotices,
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
    EditRoutine(Box<Routine>, Option<String>),
    /// Save the editor's draft into the library (replacing the routine it was, if any).
    SaveDraft(Box<Routine>, Option<String>),
    /// Write a routine to a file the user chooses.
    ExportRoutine(Box<Routine>),
    /// Write the history as CSV to a file the user chooses.
    ExportHistoryCsv,
    /// Light, dark or system theme.
    SetTheme(crate::settings::Theme),
    /// Forget the remembered safety answers.
    ForgetAnswers,
    /// Start the cleared session.
    StartSession {
        /// Pain before, if rated.
        pain_before: PainRating,
    },
    /// Show who made acupress and the licences of all it ships.
    ShowAbout,
    /// The person is ready: start the clock.
    BeginSession,
    /// Play a chime and a spoken line, to check the sound.
    TestSound,
    /// Pause, skip, go back or stop.
    Session(SessionCommand),
    /// Close the end screen, keeping the record.
    FinishSession {
        /// Pain after, if rated.
        pain_after: PainRating,
    },
}

/// `m:ss` for whole seconds, rounding up so a countdown shows 0:01 until it is over.
pub fn countdown_text(remaining: std::time::Duration) -> String {
    let secs = remaining.as_millis().div_ceil(1000) as u64;
    crate::routine::format_clock(secs)
}
