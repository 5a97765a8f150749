//! What the person hears, and exactly when: the sound schedule of a session.
//!
//! A person with eyes closed follows the session by ear, so every sound has a moment. The
//! [`plan`] function turns a routine's timeline into a list of [`Planned`] sounds — chimes,
//! breathing tones and spoken prompts — each with the cue it belongs to (`deadline`), when it
//! starts and when it ends, using the real lengths of the recordings. Time-critical prompts
//! (press, release, switch side, breathing, complete) start on their cue; informational ones
//! (next point, how to find it) are fitted into the time there is, shortened or left out, and
//! never delay a time-critical one. Voices never overlap.
//!
//! Pure: it never plays, decodes or waits. The audio module plays what this decides, and
//! `acupress plan --sound` prints it.

mod prompts;
mod schedule;

use std::time::Duration;

use crate::breathing::BreathPhase;
use crate::text::Lang;

pub use prompts::{Prompt, first_sentence};
pub use schedule::{
    CRITICAL_TOLERANCE, PlanFrom, Planned, Urgency, announcement_shortfalls, plan, ready_announcement, test_sound,
};

/// The table the build script writes from the recordings.
mod recorded {
    #![allow(clippy::unreadable_literal)] // generated numbers
    include!(concat!(env!("OUT_DIR"), "/recorded_prompts.rs"));
}
use recorded::RECORDED;

/// A bell-like sound marking a moment of the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Chime {
    /// Start pressing.
    Press,
    /// Let go (the end of a press).
    Release,
    /// Let go and move to the other side.
    Switch,
    /// The session is over.
    End,
}

impl Chime {
    /// How long the chime rings, fade-out included.
    pub fn length(self) -> Duration {
        match self {
            Chime::Press | Chime::Release => Duration::from_millis(1600),
            Chime::Switch => Duration::from_millis(1300),
            Chime::End => Duration::from_millis(2600),
        }
    }

    /// Its name in `plan --sound`.
    pub fn name(self) -> &'static str {
        match self {
            Chime::Press => "press",
            Chime::Release => "release",
            Chime::Switch => "switch",
            Chime::End => "end",
        }
    }
}

/// Something to play.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sound {
    /// A chime.
    Chime(Chime),
    /// The breathing tone for one phase: rising for in, falling for out. Holds have no tone.
    Tone {
        /// The phase.
        phase: BreathPhase,
        /// How long it sounds (the phase, cut at the end of its segment).
        length_ms: u64,
    },
    /// A spoken prompt in a language.
    Voice(Prompt, Lang),
}

/// The three kinds of sound, each of which the person can switch off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SoundKind {
    /// Spoken prompts.
    Voice,
    /// Chimes: the short tones that mark moments of the session, beside the voice.
    Chime,
    /// The breathing tone.
    Tone,
}

impl SoundKind {
    /// `voice`, `chime` or `tone`.
    pub fn as_str(self) -> &'static str {
        match self {
            SoundKind::Voice => "voice",
            SoundKind::Chime => "chime",
            SoundKind::Tone => "tone",
        }
    }
}

impl Sound {
    /// Which kind of sound it is.
    pub fn kind(&self) -> SoundKind {
        match self {
            Sound::Chime(_) => SoundKind::Chime,
            Sound::Tone { .. } => SoundKind::Tone,
            Sound::Voice(..) => SoundKind::Voice,
        }
    }

    /// Its name in `plan --sound`: the recording's file stem for a voice, the chime's name, or
    /// the breathing phase of a tone.
    pub fn name(&self) -> String {
        match self {
            Sound::Chime(chime) => chime.name().to_owned(),
            Sound::Tone { phase, .. } => phase_name(*phase).to_owned(),
            Sound::Voice(prompt, _) => prompt.file_stem(),
        }
    }
}

/// The breathing phase's short name (`in`, `top-up`, `out`, `hold`).
pub fn phase_name(phase: BreathPhase) -> &'static str {
    match phase {
        BreathPhase::In => "in",
        BreathPhase::TopUp => "top-up",
        BreathPhase::Out => "out",
        BreathPhase::HoldFull | BreathPhase::HoldEmpty => "hold",
    }
}

/// How long each spoken prompt lasts.
pub trait PromptLengths {
    /// The length of `prompt`'s recording in `lang`; `None` when there is none.
    fn length(&self, prompt: &Prompt, lang: Lang) -> Option<Duration>;
}

/// One recording that ships with acupress, as measured when the program was built.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Recording {
    /// Language code (`en`, `nl`).
    lang: &'static str,
    /// File stem (`press`, `point-LI4-name`).
    stem: &'static str,
    /// Length in samples.
    samples: u64,
    /// Samples per second.
    sample_rate: u32,
    /// What it says (its `TITLE` tag).
    text: &'static str,
}

/// The recordings that ship with acupress, as measured when the program was built.
#[derive(Clone, Copy, Debug, Default)]
pub struct Recorded;

impl Recorded {
    fn find(prompt: &Prompt, lang: Lang) -> Option<&'static Recording> {
        let stem = prompt.file_stem();
        // The table is sorted by language, then stem (build/recorded_prompts.rs).
        let index = RECORDED
            .binary_search_by(|recording| (recording.lang, recording.stem).cmp(&(lang.code(), stem.as_str())))
            .ok()?;
        RECORDED.get(index)
    }

    /// The text the recording says (its `TITLE` tag), to compare with [`Prompt::text`].
    pub fn recorded_text(prompt: &Prompt, lang: Lang) -> Option<&'static str> {
        Self::find(prompt, lang).map(|recording| recording.text)
    }

    /// The number of samples and the sample rate of the recording.
    pub fn samples(prompt: &Prompt, lang: Lang) -> Option<(u64, u32)> {
        Self::find(prompt, lang).map(|recording| (recording.samples, recording.sample_rate))
    }

    /// Every recording: (language code, file stem).
    pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
        RECORDED.iter().map(|recording| (recording.lang, recording.stem))
    }
}

impl PromptLengths for Recorded {
    fn length(&self, prompt: &Prompt, lang: Lang) -> Option<Duration> {
        let (samples, rate) = Self::samples(prompt, lang)?;
        (rate > 0).then(|| Duration::from_nanos(samples.saturating_mul(1_000_000_000) / u64::from(rate)))
    }
}

#[cfg(test)]
mod tests;
