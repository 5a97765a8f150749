//! Routines: the ordered steps a session follows, as written in `routines/*.ron`.
//!
//! The model, loading from RON text with positions, and validation against the catalogue.
//! Pure: the caller provides the bytes; nothing here reads files or the clock.

mod load;
mod validate;
mod write;

use serde::{Deserialize, Serialize};

use crate::breathing::BreathingPattern;
use crate::catalog::{Complaint, PointCode};
use crate::text::{Lang, Text};

pub use load::{LoadedRoutine, RoutineError, parse_routine, parse_routine_drawable};
pub use validate::{Problem, check_characters, validate};
pub use write::to_ron;

/// A routine's stable id (`low-back`): lowercase letters, digits and `-`, at most
/// [`MAX_ID_CHARS`] (checked by [`validate`]). It names the routine's file, links sessions and
/// programs to it, and stays the same when the title changes. Stored as plain text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RoutineId(String);

impl RoutineId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RoutineId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&self.0)
    }
}

impl From<&str> for RoutineId {
    fn from(id: &str) -> Self {
        Self(id.to_owned())
    }
}

impl From<String> for RoutineId {
    fn from(id: String) -> Self {
        Self(id)
    }
}

impl std::borrow::Borrow<str> for RoutineId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// Read as text wherever text is wanted (a file name, a message); making one from text is
/// always explicit (`RoutineId::from`).
impl std::ops::Deref for RoutineId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for RoutineId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for RoutineId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RoutineId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for RoutineId {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

impl PartialEq<RoutineId> for &str {
    fn eq(&self, other: &RoutineId) -> bool {
        *self == other.0
    }
}

impl PartialEq<RoutineId> for String {
    fn eq(&self, other: &RoutineId) -> bool {
        *self == other.0
    }
}

/// The longest routine id (ASCII: as many bytes as characters).
pub const MAX_ID_CHARS: usize = 64;

/// `id` numbered `n` (`low-back-2`), shortened where needed so the result is still a valid id
/// of at most [`MAX_ID_CHARS`]: a file acupress writes must load again.
pub fn numbered_id(id: &RoutineId, n: usize) -> RoutineId {
    let id = id.as_str();
    let suffix = format!("-{n}");
    let room = MAX_ID_CHARS.saturating_sub(suffix.len());
    let end = (0..=room.min(id.len())).rev().find(|end| id.is_char_boundary(*end)).unwrap_or(0);
    RoutineId(format!("{}{suffix}", &id[..end]))
}

/// The routine file format version this program reads and writes.
pub const ROUTINE_FORMAT: u32 = 1;
/// Shortest press a routine may ask for.
pub const MIN_PRESS_SECS: u32 = 30;
/// Longest press a routine may ask for.
pub const MAX_PRESS_SECS: u32 = 120;
/// Shortest rest between steps (time to find the next point).
pub const MIN_REST_SECS: u32 = 5;
/// Longest rest between steps.
pub const MAX_REST_SECS: u32 = 60;
/// The pause between the two sides of a `Both` step.
pub const SWITCH_SECS: u32 = 5;
/// Quiet breathing at the end of every session.
pub const SETTLE_SECS: u32 = 60;
/// Routines longer than this get a warning.
pub const LONG_ROUTINE_SECS: u32 = 30 * 60;
/// Most steps a routine may have.
pub const MAX_STEPS: usize = 60;
/// Sessions a day a prescription may ask for.
pub const SESSIONS_PER_DAY: std::ops::RangeInclusive<u8> = 1..=4;
/// Days a week a prescription may ask for.
pub const DAYS_PER_WEEK: std::ops::RangeInclusive<u8> = 1..=7;
/// Weeks a prescription may run.
pub const PRESCRIPTION_WEEKS: std::ops::RangeInclusive<u8> = 1..=52;

/// How often a therapist asks for the routine to be done: the home program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Prescription")]
pub struct Prescription {
    /// Sessions on each practice day, within [`SESSIONS_PER_DAY`].
    pub sessions_per_day: u8,
    /// Practice days in each week, within [`DAYS_PER_WEEK`].
    pub days_per_week: u8,
    /// How many weeks, within [`PRESCRIPTION_WEEKS`].
    pub weeks: u8,
    /// Up to [`MAX_ACTIVITIES`] everyday activities the complaint makes hard ("putting on
    /// socks"), which the patient rates 0–10 at the start and once a week (the
    /// Patient-Specific Functional Scale); the report shows how they change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Text>,
}

/// The most activities a prescription names (the Patient-Specific Functional Scale uses three
/// to five; three keeps the weekly rating short).
pub const MAX_ACTIVITIES: usize = 3;

impl Prescription {
    /// Sessions asked for in one full week.
    pub fn sessions_per_week(&self) -> u32 {
        u32::from(self.sessions_per_day) * u32::from(self.days_per_week)
    }

    /// "2× a day, 5 days a week, for 4 weeks" (with the right plurals).
    pub fn describe(&self, lang: Lang) -> String {
        let (day, week) = (self.sessions_per_day, self.days_per_week);
        let weeks = self.weeks;
        match lang {
            Lang::En => {
                let days = if week == 1 { "1 day a week".to_owned() } else { format!("{week} days a week") };
                let span = if weeks == 1 { "for 1 week".to_owned() } else { format!("for {weeks} weeks") };
                let times = if day == 1 { "once a day".to_owned() } else { format!("{day}× a day") };
                format!("{times}, {days}, {span}")
            }
            Lang::Nl => {
                let days = if week == 1 { "1 dag per week".to_owned() } else { format!("{week} dagen per week") };
                let span = if weeks == 1 { "1 week lang".to_owned() } else { format!("{weeks} weken lang") };
                let times = if day == 1 { "1× per dag".to_owned() } else { format!("{day}× per dag") };
                format!("{times}, {days}, {span}")
            }
        }
    }
}

/// Which sides a routine step presses (`side: Both` in a routine file), for a point that has a
/// left and a right ([`crate::catalog::Laterality::Bilateral`]); a midline point's step has none.
/// Each press of the step is then on one [`BodySide`], or on none (`Option<BodySide>`) for a
/// midline point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename = "Side")]
pub enum StepSides {
    /// The left side only.
    Left,
    /// The right side only.
    Right,
    /// Left, then right: each a full press.
    Both,
}

impl StepSides {
    /// The single sides this step presses, in order.
    pub fn sequence(self) -> &'static [BodySide] {
        match self {
            StepSides::Left => &[BodySide::Left],
            StepSides::Right => &[BodySide::Right],
            StepSides::Both => &[BodySide::Left, BodySide::Right],
        }
    }
}

/// One side of the body, as pressed at one moment; `None` where one is expected means a
/// midline point, pressed once. A step's choice is [`StepSides`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BodySide {
    /// The person's own left.
    Left,
    /// The person's own right.
    Right,
}

impl BodySide {
    /// "left" / "links".
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (BodySide::Left, Lang::En) => "left",
            (BodySide::Right, Lang::En) => "right",
            (BodySide::Left, Lang::Nl) => "links",
            (BodySide::Right, Lang::Nl) => "rechts",
        }
    }
}

/// How hard to press.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Pressure {
    /// Gentle contact.
    Light,
    /// Firm but comfortable.
    Medium,
    /// Deep, never painful.
    Firm,
}

impl Pressure {
    /// The level's name.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Pressure::Light, Lang::En) => "light",
            (Pressure::Medium, Lang::En) => "medium",
            (Pressure::Firm, Lang::En) => "firm",
            (Pressure::Light, Lang::Nl) => "licht",
            (Pressure::Medium, Lang::Nl) => "matig",
            (Pressure::Firm, Lang::Nl) => "stevig",
        }
    }
}

/// One point to press, on one or both sides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Step")]
pub struct Step {
    /// Catalogue code.
    pub point: PointCode,
    /// Left, right or both; absent for midline points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<StepSides>,
    /// Length of each press, 30..=120.
    pub press_secs: u32,
    /// How hard.
    pub pressure: Pressure,
    /// Overrides the routine's breathing pattern for this step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breathing: Option<BreathingPattern>,
    /// A tip shown (and read) with the step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl Step {
    /// The sides pressed, in order; one `None` entry for a midline point.
    pub fn presses(&self) -> Vec<Option<BodySide>> {
        match self.side {
            Some(side) => side.sequence().iter().copied().map(Some).collect(),
            None => vec![None],
        }
    }

    /// Seconds this step takes, without the rest before it.
    pub fn active_secs(&self) -> u32 {
        let presses = self.presses().len() as u32;
        presses * self.press_secs + (presses - 1) * SWITCH_SECS
    }
}

/// A complete routine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Routine")]
pub struct Routine {
    /// File format version (1).
    pub format: u32,
    /// Stable id: lowercase letters, digits and `-`.
    pub id: RoutineId,
    /// The title shown in the library, the player, the handout and reminders.
    pub title: Text,
    /// What it is for, who it is for, and the position to take.
    pub description: Text,
    /// Who wrote it ("acupress" for bundled routines).
    pub author: String,
    /// Complaints it is meant for.
    pub complaints: Vec<Complaint>,
    /// Default breathing pattern.
    pub breathing: BreathingPattern,
    /// Rest before each step, 5..=60.
    pub rest_secs: u32,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// How often to do it, when a therapist prescribes it (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prescription: Option<Prescription>,
    /// How to reach who wrote it ("Praktijk De Vries, 020 123 4567"), printed on the handout
    /// (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// The routine this one was copied from ("“Back for Jan” by J. de Vries"), when it is a
    /// person's own copy of another's: the original stays as it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<Text>,
}

impl Routine {
    /// Session length in seconds: rests, presses, side switches and the closing quiet breathing.
    pub fn total_secs(&self) -> u32 {
        self.steps.iter().map(|step| self.rest_secs + step.active_secs()).sum::<u32>() + SETTLE_SECS
    }

    /// The breathing pattern used during `step`.
    pub fn breathing_for(&self, step: &Step) -> BreathingPattern {
        step.breathing.unwrap_or(self.breathing)
    }

    /// Distinct points, in first-use order.
    pub fn distinct_points(&self) -> Vec<&PointCode> {
        let mut seen = Vec::new();
        for step in &self.steps {
            if !seen.contains(&&step.point) {
                seen.push(&step.point);
            }
        }
        seen
    }
}

/// Length of each side's press in a quick press.
pub const QUICK_PRESS_SECS: u32 = 60;
/// The rest before a quick press: time to find the point.
pub const QUICK_PRESS_REST_SECS: u32 = 10;

/// A one-point routine for `point` (both sides for a bilateral point, a minute each), titled
/// `title`: the quick press offered on the body map, through the gate like any other routine.
pub fn quick_press(point: &crate::catalog::Point, title: Text) -> Routine {
    let side = match point.laterality {
        crate::catalog::Laterality::Bilateral => Some(StepSides::Both),
        crate::catalog::Laterality::Midline => None,
    };
    // A point with a caution gets gentle pressure from the start.
    let pressure = if point.cautions.is_empty() { Pressure::Medium } else { Pressure::Light };
    Routine {
        format: ROUTINE_FORMAT,
        id: RoutineId(format!("quick-{}", point.code.as_str().to_lowercase())),
        title,
        description: point.uses.clone(),
        author: "acupress".into(),
        complaints: point.complaints.clone(),
        breathing: BreathingPattern::SlowPaced,
        rest_secs: QUICK_PRESS_REST_SECS,
        steps: vec![Step {
            point: point.code.clone(),
            side,
            press_secs: QUICK_PRESS_SECS,
            pressure,
            breathing: None,
            note: None,
        }],
        prescription: None,
        contact: None,
        based_on: None,
    }
}

/// `m:ss` (or `h:mm:ss`) for a number of seconds.
pub fn format_clock(total_secs: u64) -> String {
    let hours = total_secs / 3600;
    let minutes = (total_secs % 3600) / 60;
    let seconds = total_secs % 60;
    if hours > 0 { format!("{hours}:{minutes:02}:{seconds:02}") } else { format!("{minutes}:{seconds:02}") }
}
