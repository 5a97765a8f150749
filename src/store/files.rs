//! The app's own files: settings and history, as versioned RON.

use serde::{Deserialize, Serialize};

use crate::history::SessionRecord;
use crate::text::Lang;

/// Version of the settings and history files this program writes.
pub const FILE_FORMAT: u32 = 1;

/// Light, dark, or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Safety answers remembered to prefill the next gate, with the date they were given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAnswers {
    /// When they were given (seconds since 1970, UTC).
    pub given_unix_secs: i64,
    /// Question id and answer (true = yes).
    pub answers: Vec<(String, bool)>,
}

/// Everything the settings file holds. (Its on/off switches are independent settings, not a
/// state machine, hence the bools.)
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredSettings {
    /// File format version.
    pub format: u32,
    /// Chosen language; `None` follows the system.
    pub lang: Option<Lang>,
    /// Text (zoom) scale.
    pub text_scale: f32,
    /// Reduce motion.
    pub reduce_motion: bool,
    /// Theme.
    pub theme: Theme,
    /// Volume 0..1.
    pub volume: f32,
    /// Spoken prompts.
    pub voice: bool,
    /// Chimes.
    pub chimes: bool,
    /// Breathing tone.
    pub breathing_tone: bool,
    /// The last safety answers.
    pub answers: Option<StoredAnswers>,
}

impl Default for StoredSettings {
    fn default() -> Self {
        Self {
            format: FILE_FORMAT,
            lang: None,
            text_scale: 1.0,
            reduce_motion: false,
            theme: Theme::System,
            volume: 0.8,
            voice: true,
            chimes: true,
            breathing_tone: true,
            answers: None,
        }
    }
}

/// Every session recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// File format version.
    pub format: u32,
    /// The sessions, oldest first.
    pub sessions: Vec<SessionRecord>,
}

impl Default for History {
    fn default() -> Self {
        Self { format: FILE_FORMAT, sessions: Vec::new() }
    }
}

fn check_format(format: u32) -> Result<(), String> {
    if format > FILE_FORMAT {
        Err(format!("written by a newer acupress (format {format}); this version reads format {FILE_FORMAT}"))
    } else {
        Ok(())
    }
}

fn parse<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, String> {
    let text = std::str::from_utf8(bytes).map_err(|err| format!("not UTF-8 text: {err}"))?;
    crate::source::ron_options()
        .from_str(text)
        .map_err(|err| format!("{}:{}: {}", err.span.start.line, err.span.start.col, err.code))
}

fn write<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    // Serialising these plain structs cannot fail.
    ron::ser::to_string_pretty(value, config).unwrap_or_default() + "\n"
}

/// Parses the settings file.
pub fn parse_settings(bytes: &[u8]) -> Result<StoredSettings, String> {
    let settings: StoredSettings = parse(bytes)?;
    check_format(settings.format)?;
    Ok(settings)
}

/// The settings file's text.
pub fn write_settings(settings: &StoredSettings) -> String {
    write(settings)
}

/// Parses the history file.
pub fn parse_history(bytes: &[u8]) -> Result<History, String> {
    let history: History = parse(bytes)?;
    check_format(history.format)?;
    Ok(history)
}

/// The history file's text.
pub fn write_history(history: &History) -> String {
    write(history)
}
