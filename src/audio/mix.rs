//! The mix every sound goes through: scheduled sources that can all be silenced at once, and a
//! look-ahead limiter so the sum never exceeds [`CEILING`].
//!
//! Works with or without a device: the output thread adds the mix's [`MixOutput`] to the
//! device's mixer; tests pull samples from it directly (offline rendering).

use std::collections::VecDeque;
use std::num::NonZero;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rodio::Source;
use rodio::mixer::{Mixer, MixerSource};

use super::synth::{SYNTH_RATE, chime_samples, tone_samples};
use super::{Sound, decode_prompt};

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
}

/// The mixed, limited samples (mono). Never ends while its [`Mix`] exists.
pub type MixOutput = Limiter<MixerSource>;

impl Mix {
    /// A new mono mix at `sample_rate`.
    pub fn new(sample_rate: u32, probe: Option<FirstSampleProbe>) -> (Mix, MixOutput) {
        let rate = NonZero::new(sample_rate.max(1)).unwrap_or(NonZero::<u32>::MIN);
        let (mixer, source) = rodio::mixer::mixer(NonZero::<u16>::MIN, rate);
        // An empty mixer ends; silence that never ends keeps it (and the device) going.
        mixer.add(rodio::source::Zero::new(NonZero::<u16>::MIN, rate));
        let output = Limiter::new(source, CEILING);
        (Mix { mixer, generation: Arc::new(AtomicU64::new(0)), probe }, output)
    }

    /// Plays each sound `offset` from now, at `volume` (0..1).
    pub fn play(&self, sounds: &[(Duration, Sound)], volume: f32) {
        let volume = volume.clamp(0.0, 1.0);
        let generation = self.generation.load(Ordering::SeqCst);
        for (offset, sound) in sounds {
            match sound {
                Sound::Chime(chime) => self.add(offset, sound, buffer(chime_samples(*chime)), volume, generation),
                Sound::Tone { phase, length_ms } => {
                    let samples = tone_samples(*phase, *length_ms);
                    if !samples.is_empty() {
                        self.add(offset, sound, buffer(samples), volume, generation);
                    }
                }
                // A missing or damaged recording is a build defect the tests catch; at run time
                // it is skipped rather than stopping the session.
                Sound::Voice(..) => {
                    if let Ok(decoder) = decode_prompt(sound) {
                        self.add(offset, sound, decoder, volume, generation);
                    }
                }
            }
        }
    }

    fn add<S: Source + Send + 'static>(
        &self,
        offset: &Duration,
        sound: &Sound,
        source: S,
        volume: f32,
        generation: u64,
    ) {
        let probe = self.probe.clone().map(|probe| {
            let sound = sound.clone();
            Box::new(move || probe(&sound)) as Box<dyn FnOnce() + Send>
        });
        let source = FirstSample { inner: source.amplify(volume), probe }.delay(*offset);
        self.mixer.add(Cancellable::new(source, Arc::clone(&self.generation), generation));
    }

    /// Fades out and ends every sound playing or waiting to play, within [`SILENCE_FADE`].
    pub fn silence(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }
}

fn buffer(samples: Vec<f32>) -> rodio::buffer::SamplesBuffer {
    let rate = NonZero::new(SYNTH_RATE).unwrap_or(NonZero::<u32>::MIN);
    rodio::buffer::SamplesBuffer::new(NonZero::<u16>::MIN, rate, samples)
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
