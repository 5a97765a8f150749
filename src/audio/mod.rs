//! Sound: spoken prompts, chimes and the breathing tone.
//!
//! The only module that knows rodio. Cues from the session become [`Sound`]s (`cues`), which an
//! [`output::AudioOutput`] plays: the rodio output on its own thread, or a recording output in
//! tests. Without an audio device nothing breaks: sounds are dropped, the app says "no sound",
//! and the output tries the device again from time to time.

mod assets;
pub mod cues;
pub mod output;
pub mod prompts;
pub mod synth;

use std::sync::{Arc, Mutex, PoisonError};

use crate::breathing::BreathPhase;
use crate::driver::CueSink;
use crate::routine::Routine;
use crate::session::{Status, Tick};
use crate::text::Lang;

pub use assets::prompt_ogg;
pub use cues::CueSounds;
pub use output::{AudioError, AudioOutput, AudioStatus, RodioAudio};
pub use prompts::Prompt;

/// A bell-like sound marking a moment of the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Chime {
    /// Start pressing.
    Press,
    /// Let go.
    Release,
    /// Move to the other side.
    Switch,
    /// Rest before the next point.
    Rest,
    /// The session is over.
    End,
}

/// Something to play.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sound {
    /// A chime.
    Chime(Chime),
    /// The breathing tone for one phase: rising for in, falling for out, silent on holds.
    Tone {
        /// The phase.
        phase: BreathPhase,
        /// Its length.
        length_ms: u64,
    },
    /// A spoken prompt in a language.
    Voice(Prompt, Lang),
}

/// What the person wants to hear.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SoundSettings {
    /// 0 (silent) to 1 (full).
    pub volume: f32,
    /// Spoken prompts.
    pub voice: bool,
    /// Chimes.
    pub chimes: bool,
    /// The breathing tone.
    pub breathing_tone: bool,
}

impl Default for SoundSettings {
    fn default() -> Self {
        Self { volume: 0.8, voice: true, chimes: true, breathing_tone: true }
    }
}

/// Settings shared between the app (which changes them) and the session's sound (which reads
/// them for every cue), so a change applies at once, mid-session.
#[derive(Clone, Debug, Default)]
pub struct SharedSoundSettings(Arc<Mutex<(SoundSettings, Lang)>>);

impl SharedSoundSettings {
    /// Shared settings with these values.
    pub fn new(settings: SoundSettings, lang: Lang) -> Self {
        Self(Arc::new(Mutex::new((settings, lang))))
    }

    /// Replaces the values.
    pub fn set(&self, settings: SoundSettings, lang: Lang) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = (settings, lang);
    }

    /// The current values.
    pub fn get(&self) -> (SoundSettings, Lang) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Turns a session's cues into sounds and plays them; runs on the session driver's thread.
pub struct SessionSound<O: AudioOutput> {
    routine: Routine,
    mapper: CueSounds,
    settings: SharedSoundSettings,
    output: O,
}

impl<O: AudioOutput> SessionSound<O> {
    /// Sound for a session of `routine`.
    pub fn new(routine: Routine, settings: SharedSoundSettings, output: O) -> Self {
        Self { routine, mapper: CueSounds::default(), settings, output }
    }
}

impl<O: AudioOutput + Send> CueSink for SessionSound<O> {
    fn deliver(&mut self, tick: &Tick, _status: &Status) {
        let (settings, lang) = self.settings.get();
        let mut sounds = Vec::new();
        // Missed cues stay silent: sound that comes late misleads more than silence.
        for timed in &tick.cues {
            sounds.extend(self.mapper.sounds_for(&timed.cue, &self.routine, &settings, lang));
        }
        if !sounds.is_empty() {
            self.output.play(sounds, settings.volume);
        }
    }
}
