//! Sound: spoken prompts, chimes and the breathing tone.
//!
//! The only module that knows rodio. What plays when is decided in the core
//! ([`acupress_core::speech`]); this module plays it: [`SessionSound`] is the session driver's
//! sink that releases each planned sound when its moment comes and silences everything on
//! pause, jump and stop; [`output`] holds the rodio output on its own thread and a recording
//! output for tests; [`mix`] the mix with its limiter; [`synth`] the chimes and the tone.
//! Without an audio device nothing breaks: sounds are dropped, the app says "no sound", and the
//! output tries the device again from time to time.

/// Implements `rodio::Source` for a wrapper `$wrapper<S>` around a source in its field `inner`:
/// channels and rate come from `inner`; `follows_inner` also takes the span and total length
/// from it, `open_ended` reports neither (the wrapper may end earlier or the source changes).
macro_rules! wrapper_source {
    ($wrapper:ident, follows_inner) => {
        wrapper_source!(@impl $wrapper, |inner| inner.current_span_len(), |inner| inner.total_duration());
    };
    ($wrapper:ident, open_ended) => {
        wrapper_source!(@impl $wrapper, |_inner| None, |_inner| None);
    };
    (@impl $wrapper:ident, |$span_inner:ident| $span:expr, |$total_inner:ident| $total:expr) => {
        impl<S: rodio::Source> rodio::Source for $wrapper<S> {
            fn current_span_len(&self) -> Option<usize> {
                let $span_inner = &self.inner;
                $span
            }
            fn channels(&self) -> rodio::ChannelCount {
                self.inner.channels()
            }
            fn sample_rate(&self) -> rodio::SampleRate {
                self.inner.sample_rate()
            }
            fn total_duration(&self) -> Option<std::time::Duration> {
                let $total_inner = &self.inner;
                $total
            }
        }
    };
}

mod assets;
pub mod mix;
pub mod output;
pub mod synth;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::driver::{Change, CueSink, Snapshot};
use crate::routine::Routine;
use crate::session::{Tick, Timeline};
use crate::speech::{self, PlanFrom, Planned, Recorded};
use crate::text::Lang;

pub use crate::settings::SoundSettings;
pub use assets::prompt_ogg;
pub use output::{AudioError, AudioHandle, AudioOutput, AudioStatus, RodioAudio, Speaker, decode_prompt};
pub use speech::{Chime, Prompt, Sound, SoundKind};

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

/// Plays `planned` sounds now, each `start - from` later, leaving out the kinds switched off.
pub fn play_planned(output: &mut dyn AudioOutput, planned: &[Planned], from: Duration, settings: &SoundSettings) {
    let sounds: Vec<(Duration, Sound)> = planned
        .iter()
        .filter(|planned| settings.allows(planned.sound.kind()))
        .map(|planned| (planned.start.saturating_sub(from), planned.sound.clone()))
        .collect();
    if !sounds.is_empty() {
        output.play(sounds, settings.volume);
    }
}

/// The sound of one session: plays the session's schedule as its cues come due; runs on the
/// session driver's thread.
pub struct SessionSound<O: AudioOutput> {
    routine: Routine,
    timeline: Timeline,
    settings: SharedSoundSettings,
    output: O,
    lang: Lang,
    /// The schedule from the last start, resume or jump on, by moment and then start.
    plan: Vec<Planned>,
    /// Sounds before this index were played or passed over.
    next: usize,
}

impl SessionSound<Box<dyn AudioOutput>> {
    /// Sound for a session of `routine` (as adapted by the gate), played through `speaker`: the
    /// one way a session's sound is built, by the app, the examples that measure it, and the
    /// tests alike.
    pub fn for_speaker(routine: Routine, settings: SharedSoundSettings, speaker: &dyn Speaker) -> Self {
        Self::new(routine, settings, speaker.output())
    }
}

impl<O: AudioOutput> SessionSound<O> {
    fn new(routine: Routine, settings: SharedSoundSettings, output: O) -> Self {
        let timeline = Timeline::new(&routine);
        let lang = settings.get().1;
        let mut sound = Self { routine, timeline, settings, output, lang, plan: Vec::new(), next: 0 };
        sound.replan(PlanFrom::Start);
        sound
    }

    /// Asks the output to make the plan's chimes and tones now, so no cue waits for them.
    fn warm(&mut self) {
        let mut synthesised: Vec<Sound> = Vec::new();
        for planned in &self.plan {
            if !matches!(planned.sound, Sound::Voice(..)) && !synthesised.contains(&planned.sound) {
                synthesised.push(planned.sound.clone());
            }
        }
        self.output.warm(synthesised);
    }

    /// Silences whatever is still playing (the get-ready announcement when the clock starts).
    pub fn silence_now(&mut self) {
        self.output.silence();
    }

    fn replan(&mut self, from: PlanFrom) {
        let mut plan = speech::plan(&self.routine, &self.timeline, self.lang, &Recorded, from);
        plan.sort_by_key(|planned| (planned.trigger, planned.start));
        self.plan = plan;
        self.next = 0;
        self.warm();
    }

    /// Passes over the sounds released at or before `moment` without playing them.
    fn pass_over(&mut self, moment: Duration) {
        while self.plan.get(self.next).is_some_and(|planned| planned.trigger <= moment) {
            self.next += 1;
        }
    }

    /// Plays the sounds released at `moment`, timed from `position` (where the session is now),
    /// passing over any released earlier that were not played (missed while asleep).
    fn release(&mut self, moment: Duration, position: Duration, settings: SoundSettings) {
        while self.plan.get(self.next).is_some_and(|planned| planned.trigger < moment) {
            self.next += 1;
        }
        let first = self.next;
        while self.plan.get(self.next).is_some_and(|planned| planned.trigger == moment) {
            self.next += 1;
        }
        let due = &self.plan[first..self.next];
        play_planned(&mut self.output, due, position, &settings);
    }
}

impl<O: AudioOutput> CueSink for SessionSound<O> {
    fn deliver(&mut self, tick: &Tick, now: &Snapshot) {
        let status = &now.status;
        let (settings, lang) = self.settings.get();
        if lang != self.lang {
            self.lang = lang;
            self.replan(PlanFrom::Resume(status.position));
            // Only what follows: no re-announcement for a change of language.
            self.pass_over(status.position);
        }
        // Missed cues stay silent: sound that comes late misleads more than silence.
        let mut moments: Vec<Duration> = tick.cues.iter().map(|timed| timed.at).collect();
        moments.dedup();
        for moment in moments {
            self.release(moment, status.position, settings);
        }
    }

    fn changed(&mut self, change: Change, now: &Snapshot) {
        let status = &now.status;
        self.output.silence();
        match change {
            Change::Resumed => {
                let (settings, lang) = self.settings.get();
                self.lang = lang;
                self.replan(PlanFrom::Resume(status.position));
                self.release(status.position, status.position, settings);
            }
            Change::Jumped => {
                self.lang = self.settings.get().1;
                self.replan(PlanFrom::Jump(status.position));
            }
            Change::Paused | Change::Stopped | Change::Interrupted => {}
        }
    }

    /// What is heard is planned from the cues and changes; a checkpoint changes nothing.
    fn checkpoint(&mut self, _now: &Snapshot) {}
}
