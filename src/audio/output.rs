//! Playing sounds: the rodio output on its own thread, and a recording output for tests.
//!
//! The rodio thread owns the device. It opens it when the first sound comes, and when that
//! fails (no device) or the device goes away mid-session, it drops sounds and tries again at
//! most every [`RETRY_INTERVAL`], so sound comes back when a device returns.

use std::num::NonZero;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use thiserror::Error;

use super::synth::{SYNTH_RATE, chime_samples, tone_samples};
use super::{Sound, prompt_ogg};
use crate::clock::Clock;

/// How often a missing device is looked for again.
pub const RETRY_INTERVAL: Duration = Duration::from_secs(3);

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
    /// Plays `sounds` in order (voices one after the other; chimes and tones at once) at
    /// `volume` (0..1). Never blocks for long and never fails: sound is optional.
    fn play(&mut self, sounds: Vec<Sound>, volume: f32);
}

/// Decodes a recorded prompt, as a check that it exists and is valid.
pub fn decode_prompt(sound: &Sound) -> Result<rodio::Decoder<std::io::Cursor<&'static [u8]>>, AudioError> {
    let Sound::Voice(prompt, lang) = sound else {
        return Err(AudioError::MissingPrompt(format!("{sound:?}")));
    };
    let bytes = prompt_ogg(prompt, *lang)
        .ok_or_else(|| AudioError::MissingPrompt(format!("{}/{}", lang.code(), prompt.file_stem())))?;
    rodio::Decoder::new(std::io::Cursor::new(bytes))
        .map_err(|err| AudioError::Decode { stem: prompt.file_stem(), reason: err.to_string() })
}

/// Opens the system's default output; `lost` is set when the device fails later.
pub fn open_default_output(lost: Arc<AtomicBool>) -> Result<rodio::MixerDeviceSink, AudioError> {
    let builder = rodio::DeviceSinkBuilder::from_default_device()
        .map_err(|err| AudioError::NoDevice(err.to_string()))?
        .with_error_callback(move |_err| lost.store(true, Ordering::Relaxed));
    let mut sink = builder.open_sink_or_fallback().map_err(|err| AudioError::NoDevice(err.to_string()))?;
    sink.log_on_drop(false);
    Ok(sink)
}

/// How the output thread opens a device (replaceable in tests).
pub type Opener = Box<dyn Fn(Arc<AtomicBool>) -> Result<rodio::MixerDeviceSink, AudioError> + Send>;

enum Message {
    Play(Vec<Sound>, f32),
    /// Open the device now (a session is starting), so "no sound" is known before the first cue.
    Prepare,
    Shutdown,
}

/// The rodio output: a thread that owns the device. Cloning the handle is cheap.
pub struct RodioAudio {
    sender: mpsc::Sender<Message>,
    status: Arc<AtomicU8>,
    thread: Option<JoinHandle<()>>,
}

/// A handle that sends sounds to the output thread; give one to each session.
#[derive(Clone)]
pub struct AudioHandle {
    sender: mpsc::Sender<Message>,
}

impl AudioHandle {
    /// Opens the device ahead of the first sound.
    pub fn prepare(&self) {
        let _ = self.sender.send(Message::Prepare);
    }
}

impl AudioOutput for AudioHandle {
    fn play(&mut self, sounds: Vec<Sound>, volume: f32) {
        // If the output thread is gone, sound is simply off.
        let _ = self.sender.send(Message::Play(sounds, volume));
    }
}

const STATUS_IDLE: u8 = 0;
const STATUS_PLAYING: u8 = 1;
const STATUS_NO_DEVICE: u8 = 2;

impl RodioAudio {
    /// Starts the output thread with the system's default device.
    pub fn start() -> Self {
        Self::start_with(Box::new(open_default_output))
    }

    /// Starts the output thread with a custom way to open the device.
    pub fn start_with(opener: Opener) -> Self {
        Self::start_with_retry(opener, RETRY_INTERVAL)
    }

    /// Like [`Self::start_with`], looking for a missing device every `retry`.
    pub fn start_with_retry(opener: Opener, retry: Duration) -> Self {
        let (sender, receiver) = mpsc::channel();
        let status = Arc::new(AtomicU8::new(STATUS_IDLE));
        let thread_status = Arc::clone(&status);
        let thread = std::thread::Builder::new()
            .name("acupress-audio".into())
            .spawn(move || output_thread(&receiver, &opener, &thread_status, retry))
            .ok();
        if thread.is_none() {
            status.store(STATUS_NO_DEVICE, Ordering::Relaxed);
        }
        Self { sender, status, thread }
    }

    /// A handle to send sounds with.
    pub fn handle(&self) -> AudioHandle {
        AudioHandle { sender: self.sender.clone() }
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
    sink: rodio::MixerDeviceSink,
    voices: rodio::Player,
    lost: Arc<AtomicBool>,
}

fn output_thread(receiver: &mpsc::Receiver<Message>, opener: &Opener, status: &AtomicU8, retry: Duration) {
    let mut device: Option<Device> = None;
    let mut last_attempt: Option<Instant> = None;
    loop {
        let message = receiver.recv_timeout(retry);
        if device.as_ref().is_some_and(|device| device.lost.load(Ordering::Relaxed)) {
            device = None;
            status.store(STATUS_NO_DEVICE, Ordering::Relaxed);
        }
        let (sounds, volume) = match message {
            Ok(Message::Play(sounds, volume)) => (sounds, volume),
            Ok(Message::Prepare) => {
                if device.is_none() {
                    try_open(opener, &mut device, &mut last_attempt, status, retry);
                }
                continue;
            }
            Ok(Message::Shutdown) | Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {
                // Look for a device that came back, but only once one was missed.
                if device.is_none() && status.load(Ordering::Relaxed) == STATUS_NO_DEVICE {
                    try_open(opener, &mut device, &mut last_attempt, status, retry);
                }
                continue;
            }
        };
        if device.is_none() {
            try_open(opener, &mut device, &mut last_attempt, status, retry);
        }
        if let Some(device) = &device {
            play_on(device, sounds, volume);
        }
    }
}

fn try_open(
    opener: &Opener,
    device: &mut Option<Device>,
    last_attempt: &mut Option<Instant>,
    status: &AtomicU8,
    retry: Duration,
) {
    if last_attempt.is_some_and(|last| last.elapsed() < retry) {
        return;
    }
    *last_attempt = Some(Instant::now());
    let lost = Arc::new(AtomicBool::new(false));
    match opener(Arc::clone(&lost)) {
        Ok(sink) => {
            let voices = rodio::Player::connect_new(sink.mixer());
            *device = Some(Device { sink, voices, lost });
            status.store(STATUS_PLAYING, Ordering::Relaxed);
        }
        Err(_) => status.store(STATUS_NO_DEVICE, Ordering::Relaxed),
    }
}

fn play_on(device: &Device, sounds: Vec<Sound>, volume: f32) {
    let volume = volume.clamp(0.0, 1.0);
    let mono = NonZero::new(1).expect("one channel");
    let rate = NonZero::new(SYNTH_RATE).expect("a rate");
    for sound in sounds {
        match &sound {
            Sound::Chime(chime) => {
                let buffer = rodio::buffer::SamplesBuffer::new(mono, rate, chime_samples(*chime));
                device.sink.mixer().add(rodio::Source::amplify(buffer, volume));
            }
            Sound::Tone { phase, length_ms } => {
                let samples = tone_samples(*phase, *length_ms);
                if !samples.is_empty() {
                    let buffer = rodio::buffer::SamplesBuffer::new(mono, rate, samples);
                    device.sink.mixer().add(rodio::Source::amplify(buffer, volume));
                }
            }
            Sound::Voice(..) => {
                // A missing or damaged recording is a build error caught by the tests; at run
                // time it is skipped rather than stopping the session.
                if let Ok(decoder) = decode_prompt(&sound) {
                    device.voices.append(rodio::Source::amplify(decoder, volume));
                }
            }
        }
    }
}

/// Records what would be played and when, for tests.
#[derive(Clone)]
pub struct RecordingOutput {
    clock: Arc<dyn Clock>,
    played: Arc<Mutex<Vec<(Duration, Sound)>>>,
}

impl RecordingOutput {
    /// Records with times from `clock`.
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self { clock, played: Arc::default() }
    }

    /// Everything played so far, with the clock time.
    pub fn played(&self) -> Vec<(Duration, Sound)> {
        self.played.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl AudioOutput for RecordingOutput {
    fn play(&mut self, sounds: Vec<Sound>, _volume: f32) {
        let now = self.clock.now();
        self.played.lock().unwrap_or_else(PoisonError::into_inner).extend(sounds.into_iter().map(|sound| (now, sound)));
    }
}
