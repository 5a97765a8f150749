//! The mix every sound goes through: scheduled sources that can all be silenced at once, and a
//! look-ahead limiter so the sum never exceeds [`CEILING`].
//!
//! Works with or without a device: the output thread adds the mix's [`MixOutput`] to the
//! device's mixer; tests pull samples from it directly (offline rendering).

use std::collections::{HashMap, VecDeque};
use std::num::NonZero;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rodio::Source;
use rodio::mixer::{Mixer, MixerSource};

use super::synth::{SYNTH_RATE, chime_samples, tone_samples};
use super::{Chime, Sound, decode_prompt};
use crate::breathing::BreathPhase;

/// The mix never goes above this level: -1 dBFS.
pub const CEILING: f32 = 0.891;
/// How far ahead the limiter looks, so it can lower the gain smoothly before a peak arrives.
const LOOKAHEAD: Duration = Duration::from_micros(1500);
/// How fast the limiter's gain recovers after a peak.
const RELEASE: Duration = Duration::from_millis(120);
/// How long a silenced sound takes to fade out (no click).
pub const SILENCE_FADE: Duration = Duration::from_millis(6);

/// Called with each sound when its first sample enters the mix (for measuring latency).
pub type FirstSampleProbe = Arc<dyn Fn(&Sound) + Send + Sync>;

/// Where sounds are added. Cheap to clone.
#[derive(Clone)]
pub struct Mix {
    mixer: Mixer,
    generation: Arc<AtomicU64>,
    probe: Option<FirstSampleProbe>,
    synth: SynthCache,
}

/// Chimes and breathing tones, synthesised once and then shared. Synthesising a six-second tone
/// takes milliseconds, too long to do when its cue comes: the session's sounds are made ahead
/// ([`SynthCache::warm`]) and a cue only starts them.
#[derive(Clone, Default)]
pub struct SynthCache(Arc<Mutex<HashMap<SynthKey, Arc<[f32]>>>>);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum SynthKey {
    Chime(Chime),
    Tone(BreathPhase, u64),
}

impl SynthCache {
    /// At most this many different sounds are kept (a session has a handful; resuming mid-phase
    /// adds one shortened tone each time).
    const MAX_ENTRIES: usize = 16;

    /// The samples of a chime or tone (made now if not made before); `None` for a voice.
    pub fn samples(&self, sound: &Sound) -> Option<Arc<[f32]>> {
        let key = match sound {
            Sound::Chime(chime) => SynthKey::Chime(*chime),
            Sound::Tone { phase, length_ms } => SynthKey::Tone(*phase, *length_ms),
            Sound::Voice(..) => return None,
        };
        let mut made = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(samples) = made.get(&key) {
            return Some(Arc::clone(samples));
        }
        let samples: Arc<[f32]> = match key {
            SynthKey::Chime(chime) => chime_samples(chime).into(),
            SynthKey::Tone(phase, length_ms) => tone_samples(phase, length_ms).into(),
        };
        if made.len() >= Self::MAX_ENTRIES {
            made.clear();
        }
        made.insert(key, Arc::clone(&samples));
        Some(samples)
    }

    /// Makes every chime and tone among `sounds` now, ahead of their cues.
    pub fn warm(&self, sounds: &[Sound]) {
        for sound in sounds {
            let _ = self.samples(sound);
        }
    }
}

/// The mixed, limited samples (mono). Never ends while its [`Mix`] exists.
pub type MixOutput = Limiter<MixerSource>;

impl Mix {
    /// A new mono mix at `sample_rate`.
    pub fn new(sample_rate: u32, probe: Option<FirstSampleProbe>) -> (Mix, MixOutput) {
        Self::with_synth(sample_rate, probe, SynthCache::default())
    }

    /// A new mono mix at `sample_rate` that takes its chimes and tones from `synth`.
    pub fn with_synth(sample_rate: u32, probe: Option<FirstSampleProbe>, synth: SynthCache) -> (Mix, MixOutput) {
        let rate = NonZero::new(sample_rate.max(1)).unwrap_or(NonZero::<u32>::MIN);
        let (mixer, source) = rodio::mixer::mixer(NonZero::<u16>::MIN, rate);
        // An empty mixer ends; silence that never ends keeps it (and the device) going.
        mixer.add(rodio::source::Zero::new(NonZero::<u16>::MIN, rate));
        let output = Limiter::new(source, CEILING);
        (Mix { mixer, generation: Arc::new(AtomicU64::new(0)), probe, synth }, output)
    }

    /// Plays each sound `offset` from now, at `volume` (0..1).
    pub fn play(&self, sounds: &[(Duration, Sound)], volume: f32) {
        self.play_since(sounds, volume, &|| Duration::ZERO);
    }

    /// Plays each sound `offset` after the moment the request was made, `elapsed()` ago: the
    /// time taken to get here (and to decode the sounds before it) comes off each offset, so a
    /// sound starts on its moment however long the way to the mix took, as long as it was
    /// shorter than the offset. The soonest sounds are added first.
    pub fn play_since(&self, sounds: &[(Duration, Sound)], volume: f32, elapsed: &dyn Fn() -> Duration) {
        let volume = volume.clamp(0.0, 1.0);
        let generation = self.generation.load(Ordering::SeqCst);
        let mut soonest_first: Vec<&(Duration, Sound)> = sounds.iter().collect();
        soonest_first.sort_by_key(|(offset, _)| *offset);
        for (offset, sound) in soonest_first {
            if let Some(samples) = self.synth.samples(sound) {
                // A tone cut to nothing (its segment already over) has no samples.
                if !samples.is_empty() {
                    let source = SharedSamples { samples, position: 0 };
                    self.add(offset.saturating_sub(elapsed()), sound, source, volume, generation);
                }
            } else if let Ok(decoder) = decode_prompt(sound) {
                // A missing or damaged recording is a build defect the tests catch; at run time
                // it is skipped rather than stopping the session.
                self.add(offset.saturating_sub(elapsed()), sound, decoder, volume, generation);
            }
        }
    }

    fn add<S: Source + Send + 'static>(
        &self,
        offset: Duration,
        sound: &Sound,
        source: S,
        volume: f32,
        generation: u64,
    ) {
        let probe = self.probe.clone().map(|probe| {
            let sound = sound.clone();
            Box::new(move || probe(&sound)) as Box<dyn FnOnce() + Send>
        });
        let source = FirstSample { inner: source.amplify(volume), probe }.delay(offset);
        self.mixer.add(Cancellable::new(source, Arc::clone(&self.generation), generation));
    }

    /// Fades out and ends every sound playing or waiting to play, within [`SILENCE_FADE`].
    pub fn silence(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }
}

/// Synthesised mono samples at [`SYNTH_RATE`], shared with the cache (nothing copied).
struct SharedSamples {
    samples: Arc<[f32]>,
    position: usize,
}

impl Iterator for SharedSamples {
    type Item = rodio::Sample;

    fn next(&mut self) -> Option<rodio::Sample> {
        let sample = self.samples.get(self.position).copied();
        self.position += 1;
        sample
    }
}

impl Source for SharedSamples {
    fn current_span_len(&self) -> Option<usize> {
        None
    }

    fn channels(&self) -> rodio::ChannelCount {
        NonZero::<u16>::MIN
    }

    fn sample_rate(&self) -> rodio::SampleRate {
        NonZero::new(SYNTH_RATE).unwrap_or(NonZero::<u32>::MIN)
    }

    fn total_duration(&self) -> Option<Duration> {
        Some(Duration::from_secs_f64(self.samples.len() as f64 / f64::from(SYNTH_RATE)))
    }
}

/// Calls its probe when the first sample is taken.
struct FirstSample<S> {
    inner: S,
    probe: Option<Box<dyn FnOnce() + Send>>,
}

impl<S: Source> Iterator for FirstSample<S> {
    type Item = rodio::Sample;

    fn next(&mut self) -> Option<rodio::Sample> {
        let sample = self.inner.next();
        if sample.is_some()
            && let Some(probe) = self.probe.take()
        {
            probe();
        }
        sample
    }
}

wrapper_source!(FirstSample, follows_inner);

/// Ends (after a short fade) as soon as the mix's generation moves on.
struct Cancellable<S> {
    inner: S,
    generation: Arc<AtomicU64>,
    mine: u64,
    /// Samples left in the fade-out, once cancelled.
    fading: Option<u32>,
    fade_len: u32,
}

impl<S: Source> Cancellable<S> {
    fn new(inner: S, generation: Arc<AtomicU64>, mine: u64) -> Self {
        let frames = inner.sample_rate().get() as f32 * SILENCE_FADE.as_secs_f32();
        let fade_len = (frames as u32).max(1) * u32::from(inner.channels().get());
        Self { inner, generation, mine, fading: None, fade_len }
    }
}

impl<S: Source> Iterator for Cancellable<S> {
    type Item = rodio::Sample;

    fn next(&mut self) -> Option<rodio::Sample> {
        if self.fading.is_none() && self.generation.load(Ordering::Relaxed) != self.mine {
            self.fading = Some(self.fade_len);
        }
        let sample = self.inner.next()?;
        match &mut self.fading {
            None => Some(sample),
            Some(0) => None,
            Some(left) => {
                *left -= 1;
                Some(sample * *left as f32 / self.fade_len as f32)
            }
        }
    }
}

wrapper_source!(Cancellable, follows_inner);

/// A look-ahead peak limiter for a mono source: the gain ramps down before a peak arrives, so
/// no sample leaves above the ceiling, and recovers slowly after it.
pub struct Limiter<S> {
    inner: S,
    ceiling: f32,
    /// The samples waiting to leave, oldest first (the look-ahead window).
    window: VecDeque<f32>,
    lookahead: usize,
    gain: f32,
    release_step: f32,
    ended: bool,
}

impl<S: Source> Limiter<S> {
    /// Limits `inner` (mono) to `ceiling`.
    pub fn new(inner: S, ceiling: f32) -> Self {
        let rate = inner.sample_rate().get() as f32;
        let lookahead = ((rate * LOOKAHEAD.as_secs_f32()) as usize).max(1);
        let release_step = 1.0 / (rate * RELEASE.as_secs_f32()).max(1.0);
        Self {
            inner,
            ceiling,
            window: VecDeque::with_capacity(lookahead + 1),
            lookahead,
            gain: 1.0,
            release_step,
            ended: false,
        }
    }

    /// The gain the coming window allows: each sample's own limit, relaxed linearly the further
    /// ahead it lies, so the gain reaches it exactly when that sample leaves.
    fn allowed_gain(&self) -> f32 {
        let mut allowed = 1.0f32;
        for (ahead, sample) in self.window.iter().enumerate() {
            let magnitude = sample.abs();
            if magnitude > self.ceiling {
                let limit = self.ceiling / magnitude;
                let relaxed = limit + (1.0 - limit) * ahead as f32 / self.lookahead as f32;
                allowed = allowed.min(relaxed);
            }
        }
        allowed
    }
}

impl<S: Source> Iterator for Limiter<S> {
    type Item = rodio::Sample;

    fn next(&mut self) -> Option<rodio::Sample> {
        while !self.ended && self.window.len() <= self.lookahead {
            match self.inner.next() {
                Some(sample) => self.window.push_back(if sample.is_finite() { sample } else { 0.0 }),
                None => self.ended = true,
            }
        }
        let allowed = self.allowed_gain();
        self.gain = (self.gain + self.release_step).min(allowed);
        let sample = self.window.pop_front()?;
        // The clamp never acts when the gain did its work; it guards the promise regardless.
        Some((sample * self.gain).clamp(-self.ceiling, self.ceiling))
    }
}

// Open-ended: the mix it limits never ends.
wrapper_source!(Limiter, open_ended);
