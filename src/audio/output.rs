//! Playing sounds: the rodio output on its own thread, and a recording output for tests.
//!
//! The rodio thread owns the device and a [`Mix`]. It opens the device when the first sound
//! comes; when that fails (no device) or the device is lost mid-session, it drops sounds and
//! tries again every [`RETRY_INTERVAL`] (by the injected clock, checked every
//! [`POLL_INTERVAL`]), so sound comes back within 3 s of a device returning. Only fatal stream errors count as a lost device; an
//! underrun or a rerouted stream does not.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use rodio::CpalErrorKind;
use thiserror::Error;

use super::mix::{FirstSampleProbe, Mix, MixOutput, SynthCache};
use super::{Sound, prompt_ogg};
use crate::clock::Clock;
use crate::speech;

/// A missing device is looked for again this long after the last attempt...
pub const RETRY_INTERVAL: Duration = Duration::from_millis(2500);
/// ...checked this often, so sound comes back within 3 s of a device returning.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// Why sound cannot be played.
#[derive(Debug, Error)]
pub enum AudioError {
    /// There is no audio output device, or it could not be opened.
    #[error("no audio device: {0}")]
    NoDevice(String),
    /// A recorded prompt is missing from the program.
    #[error("no recording for prompt `{0}`")]
    MissingPrompt(String),
    /// A recorded prompt could not be decoded.
    #[error("cannot decode prompt `{stem}`: {reason}")]
    Decode {
        /// Which prompt.
        stem: String,
        /// The decoder's reason.
        reason: String,
    },
}

/// Whether sound is reaching the speakers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AudioStatus {
    /// Nothing has been played yet.
    Idle,
    /// A device is open.
    Playing,
    /// No device: the app shows "no sound"; the session goes on with visual cues.
    NoDevice,
}

/// Something that plays sounds.
pub trait AudioOutput: Send {
    /// Plays each sound `offset` from now, at `volume` (0..1). Never blocks for long and never
    /// fails: sound is optional.
    fn play(&mut self, sounds: Vec<(Duration, Sound)>, volume: f32);

    /// Stops everything playing or waiting to play, at once.
    fn silence(&mut self);

    /// Gets these sounds ready ahead of their cues (synthesises chimes and tones), so a cue only
    /// has to start them. (No default: an output that forgot to forward it would make every
    /// chime on its cue, late.)
    fn warm(&mut self, sounds: Vec<Sound>);
}

/// A decoded prompt, ending exactly where the file says it ends.
pub type PromptSource = EndAt<rodio::Decoder<std::io::Cursor<&'static [u8]>>>;

/// Decodes a recorded prompt. It plays exactly the length the speech planner counts with: the
/// Vorbis stream's own end (its last granule position), not the padding of its last block.
pub fn decode_prompt(sound: &Sound) -> Result<PromptSource, AudioError> {
    let Sound::Voice(prompt, lang) = sound else {
        return Err(AudioError::MissingPrompt(format!("{sound:?}")));
    };
    let missing = || AudioError::MissingPrompt(format!("{}/{}", lang.code(), prompt.file_stem()));
    let bytes = prompt_ogg(prompt, *lang).ok_or_else(missing)?;
    let (samples, _) = speech::Recorded::samples(prompt, *lang).ok_or_else(missing)?;
    let decoder = rodio::Decoder::new(std::io::Cursor::new(bytes))
        .map_err(|err| AudioError::Decode { stem: prompt.file_stem(), reason: err.to_string() })?;
    let channels = u64::from(rodio::Source::channels(&decoder).get());
    Ok(EndAt { inner: decoder, left: samples * channels })
}

/// A source cut off after a number of samples.
pub struct EndAt<S> {
    inner: S,
    left: u64,
}

impl<S: rodio::Source> Iterator for EndAt<S> {
    type Item = rodio::Sample;

    fn next(&mut self) -> Option<rodio::Sample> {
        self.left = self.left.checked_sub(1)?;
        self.inner.next()
    }
}

// Our recordings never change their channels or rate midway; and the decoder's own answer
// before its first packet (0) would make a mixer drop the source at once: no span, no length.
wrapper_source!(EndAt, open_ended);

/// Whether a stream error means the device is gone (the stream must be opened again). Buffer
/// under- and overruns, a rerouted default device, a refused real-time priority and a briefly
/// busy device are glitches at most: the stream goes on.
pub fn is_fatal(kind: CpalErrorKind) -> bool {
    !matches!(
        kind,
        CpalErrorKind::Xrun | CpalErrorKind::DeviceChanged | CpalErrorKind::RealtimeDenied | CpalErrorKind::DeviceBusy
    )
}

/// An open output device that plays a mix.
pub trait OutputDevice: Send {
    /// The device's sample rate (the mix is made at this rate).
    fn sample_rate(&self) -> u32;
    /// Plays `output` until the device is dropped.
    fn attach(&mut self, output: MixOutput);
}

/// The system's device, through rodio.
struct RodioDevice(rodio::MixerDeviceSink);

impl OutputDevice for RodioDevice {
    fn sample_rate(&self) -> u32 {
        self.0.config().sample_rate().get()
    }

    fn attach(&mut self, output: MixOutput) {
        self.0.mixer().add(output);
    }
}

/// Opens the system's default output; `lost` is set when the device fails for good later.
pub fn open_default_output(lost: Arc<AtomicBool>) -> Result<Box<dyn OutputDevice>, AudioError> {
    let builder = rodio::DeviceSinkBuilder::from_default_device()
        .map_err(|err| AudioError::NoDevice(err.to_string()))?
        .with_error_callback(move |err: rodio::CpalError| {
            if is_fatal(err.kind()) {
                lost.store(true, Ordering::Relaxed);
            }
        });
    let mut sink = builder.open_sink_or_fallback().map_err(|err| AudioError::NoDevice(err.to_string()))?;
    sink.log_on_drop(false);
    Ok(Box::new(RodioDevice(sink)))
}

/// How the output thread opens a device (replaceable in tests): given the flag to set when
/// the device is lost later.
pub type Opener = Box<dyn Fn(Arc<AtomicBool>) -> Result<Box<dyn OutputDevice>, AudioError> + Send>;

enum Message {
    /// Sounds, each to start its offset after `sent_at` (clock time), at a volume.
    Play {
        sounds: Vec<(Duration, Sound)>,
        volume: f32,
        sent_at: Duration,
    },
    Silence,
    /// Synthesise these ahead of their cues.
    Warm(Vec<Sound>),
    /// Open the device now (a session is starting), so "no sound" is known before the first cue.
    Prepare,
    Shutdown,
}

/// The rodio output: a thread that owns the device.
pub struct RodioAudio {
    sender: mpsc::Sender<Message>,
    clock: Arc<dyn Clock>,
    status: Arc<AtomicU8>,
    thread: Option<JoinHandle<()>>,
}

/// A handle that sends sounds to the output thread; give one to each session. Cheap to clone.
#[derive(Clone)]
pub struct AudioHandle {
    sender: mpsc::Sender<Message>,
    clock: Arc<dyn Clock>,
}

impl AudioHandle {
    /// Opens the device ahead of the first sound.
    pub fn prepare(&self) {
        let _ = self.sender.send(Message::Prepare);
    }
}

impl AudioOutput for AudioHandle {
    fn play(&mut self, sounds: Vec<(Duration, Sound)>, volume: f32) {
        // If the output thread is gone, sound is simply off.
        let _ = self.sender.send(Message::Play { sounds, volume, sent_at: self.clock.now() });
    }

    fn silence(&mut self) {
        let _ = self.sender.send(Message::Silence);
    }

    fn warm(&mut self, sounds: Vec<Sound>) {
        let _ = self.sender.send(Message::Warm(sounds));
    }
}

const STATUS_IDLE: u8 = 0;
const STATUS_PLAYING: u8 = 1;
const STATUS_NO_DEVICE: u8 = 2;

/// How the output thread is set up.
pub struct OutputConfig {
    /// Opens the device.
    pub opener: Opener,
    /// Reads the time (for the retry interval).
    pub clock: Arc<dyn Clock>,
    /// How long after a failed attempt the device is tried again (clock time).
    pub retry: Duration,
    /// How often the thread looks whether it is time to try (real time).
    pub poll: Duration,
    /// Told when each sound's first sample enters the mix (latency measurement).
    pub probe: Option<FirstSampleProbe>,
}

impl OutputConfig {
    /// The system's default device, retried every [`RETRY_INTERVAL`].
    pub fn system(clock: Arc<dyn Clock>) -> Self {
        Self { opener: Box::new(open_default_output), clock, retry: RETRY_INTERVAL, poll: POLL_INTERVAL, probe: None }
    }
}

impl RodioAudio {
    /// Starts the output thread with the system's default device.
    pub fn start(clock: Arc<dyn Clock>) -> Self {
        Self::start_with(OutputConfig::system(clock))
    }

    /// Starts the output thread as configured.
    pub fn start_with(config: OutputConfig) -> Self {
        let (sender, receiver) = mpsc::channel();
        let clock = Arc::clone(&config.clock);
        let status = Arc::new(AtomicU8::new(STATUS_IDLE));
        let thread_status = Arc::clone(&status);
        let thread = std::thread::Builder::new()
            .name("acupress-audio".into())
            .spawn(move || OutputThread::new(config, thread_status).run(&receiver))
            .ok();
        if thread.is_none() {
            status.store(STATUS_NO_DEVICE, Ordering::Relaxed);
        }
        Self { sender, clock, status, thread }
    }

    /// A handle to send sounds with.
    pub fn handle(&self) -> AudioHandle {
        AudioHandle { sender: self.sender.clone(), clock: Arc::clone(&self.clock) }
    }

    /// Whether sound reaches a device.
    pub fn status(&self) -> AudioStatus {
        match self.status.load(Ordering::Relaxed) {
            STATUS_PLAYING => AudioStatus::Playing,
            STATUS_NO_DEVICE => AudioStatus::NoDevice,
            _ => AudioStatus::Idle,
        }
    }
}

impl Drop for RodioAudio {
    fn drop(&mut self) {
        let _ = self.sender.send(Message::Shutdown);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

struct Device {
    // Dropping the speakers closes the stream; they live as long as the mix plays into them.
    _speakers: Box<dyn OutputDevice>,
    mix: Mix,
    lost: Arc<AtomicBool>,
}

struct OutputThread {
    config: OutputConfig,
    status: Arc<AtomicU8>,
    device: Option<Device>,
    last_attempt: Option<Duration>,
    /// Kept across devices: a device that comes back finds the session's sounds made.
    synth: SynthCache,
}

impl OutputThread {
    fn new(config: OutputConfig, status: Arc<AtomicU8>) -> Self {
        Self { config, status, device: None, last_attempt: None, synth: SynthCache::default() }
    }

    fn run(mut self, receiver: &mpsc::Receiver<Message>) {
        // Sounds to make ahead, one at a time between messages, so a sound asked for now never
        // waits behind a whole session's worth of synthesis.
        let mut to_warm: VecDeque<Sound> = VecDeque::new();
        loop {
            let wait = if to_warm.is_empty() { self.config.poll } else { Duration::ZERO };
            let message = receiver.recv_timeout(wait);
            if self.device.as_ref().is_some_and(|device| device.lost.load(Ordering::Relaxed)) {
                self.device = None;
                self.status.store(STATUS_NO_DEVICE, Ordering::Relaxed);
            }
            match message {
                Ok(Message::Play { sounds, volume, sent_at }) => {
                    self.open_if_needed();
                    if let Some(device) = &self.device {
                        let clock = &self.config.clock;
                        device.mix.play_since(&sounds, volume, &|| clock.now().saturating_sub(sent_at));
                    }
                }
                // Without a device nothing will play: nothing to make.
                Ok(Message::Warm(sounds)) if self.device.is_some() => to_warm.extend(sounds),
                Ok(Message::Warm(_)) => {}
                Ok(Message::Silence) => {
                    if let Some(device) = &self.device {
                        device.mix.silence();
                    }
                }
                Ok(Message::Prepare) => self.open_if_needed(),
                Ok(Message::Shutdown) | Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => {
                    if let Some(sound) = to_warm.pop_front() {
                        self.synth.warm(std::slice::from_ref(&sound));
                    } else if self.status.load(Ordering::Relaxed) == STATUS_NO_DEVICE {
                        // Look for a device that came back, but only once one was missed.
                        self.open_if_needed();
                    }
                }
            }
        }
    }

    fn open_if_needed(&mut self) {
        if self.device.is_some() {
            return;
        }
        let now = self.config.clock.now();
        if self.last_attempt.is_some_and(|last| now.saturating_sub(last) < self.config.retry) {
            return;
        }
        self.last_attempt = Some(now);
        let lost = Arc::new(AtomicBool::new(false));
        match (self.config.opener)(Arc::clone(&lost)) {
            Ok(mut speakers) => {
                let (mix, output) =
                    Mix::with_synth(speakers.sample_rate(), self.config.probe.clone(), self.synth.clone());
                self.status.store(STATUS_PLAYING, Ordering::Relaxed);
                speakers.attach(output);
                self.device = Some(Device { _speakers: speakers, mix, lost });
            }
            Err(_) => self.status.store(STATUS_NO_DEVICE, Ordering::Relaxed),
        }
    }
}

/// Where the app's sounds go, and whether they reach a device: the rodio output, or a
/// recording in tests.
pub trait Speaker: Send {
    /// A new handle to play through.
    fn output(&self) -> Box<dyn AudioOutput>;
    /// Whether sound reaches a device.
    fn status(&self) -> AudioStatus;
    /// Opens the device ahead of the first sound, so "no sound" shows before a session starts.
    fn prepare(&self);
}

impl Speaker for RodioAudio {
    fn prepare(&self) {
        self.handle().prepare();
    }

    fn output(&self) -> Box<dyn AudioOutput> {
        Box::new(self.handle())
    }

    fn status(&self) -> AudioStatus {
        RodioAudio::status(self)
    }
}

impl AudioOutput for Box<dyn AudioOutput> {
    fn play(&mut self, sounds: Vec<(Duration, Sound)>, volume: f32) {
        self.as_mut().play(sounds, volume);
    }

    fn silence(&mut self) {
        self.as_mut().silence();
    }

    fn warm(&mut self, sounds: Vec<Sound>) {
        self.as_mut().warm(sounds);
    }
}

/// One thing the recording output was asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputEvent {
    /// A sound, to start at clock time `at`.
    Play {
        /// Clock time at which the sound starts (the call's time plus its offset).
        at: Duration,
        /// The sound that was asked for.
        sound: Sound,
    },
    /// Everything was silenced at clock time `at`.
    Silence {
        /// Clock time at which everything was silenced.
        at: Duration,
    },
    /// These sounds were to be made ready ahead of their cues, at clock time `at`.
    Warm {
        /// Clock time of the request.
        at: Duration,
        /// The chimes and tones made ahead of their cues.
        sounds: Vec<Sound>,
    },
}

/// Records what would be played and when, for tests.
#[derive(Clone)]
pub struct RecordingOutput {
    clock: Arc<dyn Clock>,
    events: Arc<Mutex<Vec<OutputEvent>>>,
}

impl RecordingOutput {
    /// Records with times from `clock`.
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self { clock, events: Arc::default() }
    }

    /// Everything asked so far, in order.
    pub fn events(&self) -> Vec<OutputEvent> {
        self.events.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The sounds that were to play, with their start times, ignoring silences.
    pub fn played(&self) -> Vec<(Duration, Sound)> {
        self.events()
            .into_iter()
            .filter_map(|event| match event {
                OutputEvent::Play { at, sound } => Some((at, sound)),
                OutputEvent::Silence { .. } | OutputEvent::Warm { .. } => None,
            })
            .collect()
    }
}

impl Speaker for RecordingOutput {
    fn output(&self) -> Box<dyn AudioOutput> {
        Box::new(self.clone())
    }

    fn prepare(&self) {
        // Nothing to open: a recording is always ready.
    }

    fn status(&self) -> AudioStatus {
        AudioStatus::Playing
    }
}

impl AudioOutput for RecordingOutput {
    fn play(&mut self, sounds: Vec<(Duration, Sound)>, _volume: f32) {
        let now = self.clock.now();
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(sounds.into_iter().map(|(offset, sound)| OutputEvent::Play { at: now + offset, sound }));
    }

    fn silence(&mut self) {
        let at = self.clock.now();
        self.events.lock().unwrap_or_else(PoisonError::into_inner).push(OutputEvent::Silence { at });
    }

    fn warm(&mut self, sounds: Vec<Sound>) {
        let at = self.clock.now();
        self.events.lock().unwrap_or_else(PoisonError::into_inner).push(OutputEvent::Warm { at, sounds });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_fatal_stream_errors_lose_the_device() {
        let cases = [
            (CpalErrorKind::Xrun, false),
            (CpalErrorKind::DeviceChanged, false),
            (CpalErrorKind::RealtimeDenied, false),
            (CpalErrorKind::DeviceBusy, false),
            (CpalErrorKind::DeviceNotAvailable, true),
            (CpalErrorKind::HostUnavailable, true),
            (CpalErrorKind::StreamInvalidated, true),
            (CpalErrorKind::BackendError, true),
            (CpalErrorKind::Other, true),
        ];
        for (kind, fatal) in cases {
            assert_eq!(is_fatal(kind), fatal, "{kind:?}");
        }
    }
}
