//! The person's settings: one type, used while the app runs and saved as it is (versioned RON,
//! written by `store`). Defaults live here and nowhere else.
//!
//! Pure values with their checks; reading and writing the file belongs to `store`.

use serde::{Deserialize, Serialize};

use crate::safety::QuestionId;
use crate::text::Lang;

/// The settings file format this program reads and writes.
pub const SETTINGS_FORMAT: u32 = 1;
/// The smallest and largest text size (zoom factor).
pub const TEXT_SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.8..=2.0;
/// The step of the text size buttons.
pub const TEXT_SCALE_STEP: f32 = 0.1;
/// Remembered dates must lie in 2000..=2100 (seconds since 1970).
pub const DATE_RANGE_UNIX_SECS: std::ops::RangeInclusive<i64> = 946_684_800..=4_102_444_800;

/// Light, dark, or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light background, dark text.
    Light,
    /// Dark background, light text.
    Dark,
}

/// What the person wants to hear. (The switches are independent settings, hence the bools.)
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SoundSettings {
    /// 0 (silent) to 1 (full).
    pub volume: f32,
    /// Spoken prompts.
    pub voice: bool,
    /// Chimes: the short tones that mark moments of the session, beside the voice.
    pub chimes: bool,
    /// The breathing tone.
    pub breathing_tone: bool,
}

impl Default for SoundSettings {
    fn default() -> Self {
        Self { volume: 0.8, voice: true, chimes: true, breathing_tone: true }
    }
}

impl SoundSettings {
    /// Whether this kind of sound is switched on.
    pub fn allows(&self, kind: crate::speech::SoundKind) -> bool {
        match kind {
            crate::speech::SoundKind::Voice => self.voice,
            crate::speech::SoundKind::Chime => self.chimes,
            crate::speech::SoundKind::Tone => self.breathing_tone,
        }
    }
}

/// Yes/no safety answers kept to prefill the next gate, with the moment they were given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedAnswers {
    /// When they were given (seconds since 1970, UTC).
    pub given_unix_secs: i64,
    /// Question and answer (true = yes). An id this version does not know (a question since
    /// removed) is dropped on reading, so it never makes the settings unreadable.
    #[serde(deserialize_with = "known_answers")]
    pub answers: Vec<(QuestionId, bool)>,
}

/// The remembered answers whose question this version knows.
fn known_answers<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<(QuestionId, bool)>, D::Error> {
    let stored = Vec::<(String, bool)>::deserialize(deserializer)?;
    Ok(stored.into_iter().filter_map(|(id, yes)| QuestionId::parse(&id).map(|id| (id, yes))).collect())
}

/// Everything the person can set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// File format version.
    pub format: u32,
    /// Chosen language; `None` follows the system.
    pub lang: Option<Lang>,
    /// Text (zoom) size, within [`TEXT_SCALE_RANGE`].
    pub text_scale: f32,
    /// Keep the pacer still and repaint rarely.
    pub reduce_motion: bool,
    /// Light, dark or as the system.
    pub theme: Theme,
    /// Voice, chimes, breathing tone and volume.
    pub sound: SoundSettings,
    /// The last safety answers, when the person lets acupress remember them.
    pub answers: Option<RememberedAnswers>,
    /// The routines followed as home programs, with their start days and reminder times.
    pub programs: Vec<crate::program::Program>,
    /// Start acupress, minimised, when the person logs in (so reminders come).
    pub start_at_login: bool,
    /// The ids of the routines the person made or copied in the editor: only these are edited
    /// in place. Any other routine in their library (a therapist's file, imported) stays as it
    /// came; editing it makes the person's own copy.
    pub own_routines: Vec<crate::routine::RoutineId>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            format: SETTINGS_FORMAT,
            lang: None,
            text_scale: 1.0,
            reduce_motion: false,
            theme: Theme::System,
            sound: SoundSettings::default(),
            answers: None,
            programs: Vec::new(),
            start_at_login: false,
            own_routines: Vec::new(),
        }
    }
}

impl Settings {
    /// Every number in range: a file that fails this is damaged, never used.
    pub fn check(&self) -> Result<(), String> {
        if self.format > SETTINGS_FORMAT {
            return Err(format!("written by a newer acupress (format {})", self.format));
        }
        if !self.text_scale.is_finite() || !TEXT_SCALE_RANGE.contains(&self.text_scale) {
            return Err(format!("text_scale {} is outside {:?}", self.text_scale, TEXT_SCALE_RANGE));
        }
        if !self.sound.volume.is_finite() || !(0.0..=1.0).contains(&self.sound.volume) {
            return Err(format!("volume {} is outside 0..=1", self.sound.volume));
        }
        if let Some(answers) = &self.answers
            && !DATE_RANGE_UNIX_SECS.contains(&answers.given_unix_secs)
        {
            return Err(format!("the answers' date {} is not in 2000–2100", answers.given_unix_secs));
        }
        for program in &self.programs {
            program.check()?;
        }
        Ok(())
    }

    /// The language to show: the chosen one, or the system's.
    pub fn lang_or(&self, system: Lang) -> Lang {
        self.lang.unwrap_or(system)
    }

    /// One step larger or smaller text, kept in range and on whole steps.
    #[must_use]
    pub fn text_scale_stepped(&self, steps: i32) -> f32 {
        let stepped = ((self.text_scale / TEXT_SCALE_STEP).round() + steps as f32) * TEXT_SCALE_STEP;
        stepped.clamp(*TEXT_SCALE_RANGE.start(), *TEXT_SCALE_RANGE.end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_out_of_range_make_the_settings_damaged() {
        let cases: [(&str, Settings, bool); 9] = [
            ("defaults", Settings::default(), true),
            ("largest text", Settings { text_scale: 2.0, ..Settings::default() }, true),
            ("NaN text", Settings { text_scale: f32::NAN, ..Settings::default() }, false),
            ("huge text", Settings { text_scale: 40.0, ..Settings::default() }, false),
            (
                "infinite volume",
                Settings {
                    sound: SoundSettings { volume: f32::INFINITY, ..SoundSettings::default() },
                    ..Settings::default()
                },
                false,
            ),
            (
                "negative volume",
                Settings { sound: SoundSettings { volume: -0.1, ..SoundSettings::default() }, ..Settings::default() },
                false,
            ),
            (
                "answers in milliseconds",
                Settings {
                    answers: Some(RememberedAnswers { given_unix_secs: 1_795_275_315_000, answers: Vec::new() }),
                    ..Settings::default()
                },
                false,
            ),
            ("newer format", Settings { format: 9, ..Settings::default() }, false),
            (
                "a reminder at 25:00",
                Settings {
                    programs: vec![crate::program::Program {
                        routine_id: "low-back".into(),
                        start: jiff::civil::date(2026, 11, 21),
                        reminders_on: true,
                        reminders: vec![crate::program::ReminderTime(25 * 60)],
                    }],
                    ..Settings::default()
                },
                false,
            ),
        ];
        for (name, settings, valid) in cases {
            assert_eq!(settings.check().is_ok(), valid, "{name}");
        }
    }

    #[test]
    fn remembered_answers_are_stored_by_text_id_and_unknown_ids_are_dropped() {
        let remembered = RememberedAnswers {
            given_unix_secs: 1,
            answers: vec![(QuestionId::Pregnant, true), (QuestionId::Clot, false)],
        };
        let stored = ron::to_string(&remembered).unwrap();
        assert!(stored.contains("\"pregnant\"") && stored.contains("\"clot\""), "{stored}");
        assert_eq!(ron::from_str::<RememberedAnswers>(&stored).unwrap(), remembered);

        let from_another_version = r#"(given_unix_secs: 1, answers: [("pregnant", true), ("a_question_since_removed", true), ("clot", false)])"#;
        assert_eq!(ron::from_str::<RememberedAnswers>(from_another_version).unwrap(), remembered);
    }

    #[test]
    fn text_size_steps_stay_in_range() {
        let at = |text_scale| Settings { text_scale, ..Settings::default() };
        assert!((at(1.0).text_scale_stepped(1) - 1.1).abs() < 1e-6);
        assert!((at(2.0).text_scale_stepped(1) - 2.0).abs() < 1e-6);
        assert!((at(0.8).text_scale_stepped(-1) - 0.8).abs() < 1e-6);
    }
}
