//! The session controller: one running session with its timer thread and everything that
//! listens to it — the window's repaints, the sound, and the record in the history.
//!
//! The record is written from the driver's own events: when the session starts, at every step,
//! at every pause, at least every ten seconds in between, and when it ends or is stopped, so a
//! crash or a window that is never drawn again leaves it recorded where it was. Nothing here
//! waits for a frame.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::audio::{SessionSound, SharedSoundSettings, Speaker};
use crate::clock::Clock;
use crate::driver::{Change, CueSink, SessionCommand, SessionDriver, Snapshot};
use crate::history::{PainRating, SessionRecord};
use crate::routine::Routine;
use crate::safety::ClearedRoutine;
use crate::session::{RunState, Status, Summary, Tick};
use crate::store::HistoryKeeper;

/// Asks the window to redraw when something in the session changed, from the driver's thread.
struct RepaintSink {
    ctx: egui::Context,
    missed: Arc<AtomicUsize>,
}

impl CueSink for RepaintSink {
    fn deliver(&mut self, tick: &Tick, _now: &Snapshot) {
        self.missed.fetch_add(tick.missed.len(), Ordering::Relaxed);
        // Breathing phases are drawn by the scheduled repaints; structural cues (a new step,
        // the end) are shown at once.
        if !tick.missed.is_empty() || tick.cues.iter().any(|timed| !timed.cue.is_breathing()) {
            self.ctx.request_repaint();
        }
    }

    fn changed(&mut self, _change: Change, _now: &Snapshot) {
        self.ctx.request_repaint();
    }

    /// The window follows the clock by its own scheduled repaints.
    fn checkpoint(&mut self, _now: &Snapshot) {}
}

/// Keeps the session's record in the history up to date.
struct RecordSink {
    history: HistoryKeeper,
    index: usize,
}

impl RecordSink {
    fn update(&self, now: &Snapshot) {
        let current_step = now.status.segment.and_then(|segment| segment.kind.step());
        self.history.update(self.index, |record| record.update(&now.summary, current_step));
    }
}

impl CueSink for RecordSink {
    fn deliver(&mut self, tick: &Tick, now: &Snapshot) {
        // Each step's start and end, and the session's end; breathing changes nothing.
        if tick.cues.iter().chain(&tick.missed).any(|timed| !timed.cue.is_breathing()) {
            self.update(now);
        }
    }

    fn changed(&mut self, _change: Change, now: &Snapshot) {
        self.update(now);
    }

    /// Within a long press or rest: what was pressed so far is kept, so a crash loses at most
    /// [`crate::driver::CHECKPOINT_EVERY`].
    fn checkpoint(&mut self, now: &Snapshot) {
        self.update(now);
    }
}

/// What the controller needs to start a session.
pub struct SessionStart<'a> {
    /// The routine as the gate cleared it.
    pub cleared: ClearedRoutine,
    /// Pain before, if rated.
    pub pain_before: PainRating,
    /// The clock the session runs on.
    pub clock: Arc<dyn Clock>,
    /// Where the record goes.
    pub history: &'a HistoryKeeper,
    /// Where the sound goes, if anywhere.
    pub audio: Option<&'a dyn Speaker>,
    /// What the person wants to hear.
    pub sound_settings: SharedSoundSettings,
    /// The window, to redraw when the session changes.
    pub repaint: egui::Context,
}

/// A session being played.
pub struct SessionController {
    driver: SessionDriver,
    history: HistoryKeeper,
    index: usize,
    missed: Arc<AtomicUsize>,
}

impl SessionController {
    /// Starts the session now: it is recorded at once, then timed on its own thread.
    pub fn start(start: SessionStart) -> Self {
        let SessionStart { cleared, pain_before, clock, history, audio, sound_settings, repaint } = start;
        let first = Summary {
            state: RunState::Running,
            practised: Duration::ZERO,
            steps: vec![crate::session::StepProgress::Pending; cleared.routine().steps.len()],
            presses_done: vec![0; cleared.routine().steps.len()],
            pressed: vec![Duration::ZERO; cleared.routine().steps.len()],
            stopped_at_step: None,
        };
        let mut record = SessionRecord::new(&cleared, &first, clock.wall_unix_secs(), pain_before, None);
        record.update(&first, Some(0));
        let index = history.push(record);
        let missed = Arc::new(AtomicUsize::new(0));
        let mut sinks: Vec<Box<dyn CueSink>> = vec![
            Box::new(RepaintSink { ctx: repaint, missed: Arc::clone(&missed) }),
            Box::new(RecordSink { history: history.clone(), index }),
        ];
        if let Some(audio) = audio {
            let mut sound = SessionSound::for_speaker(cleared.routine().clone(), sound_settings, audio);
            // Whatever the get-ready announcement still says stops: the clock starts now.
            sound.silence_now();
            sinks.push(Box::new(sound));
        }
        let driver = SessionDriver::start(&cleared, clock, sinks);
        Self { driver, history: history.clone(), index, missed }
    }

    /// The session as it stands.
    pub fn status(&self) -> Status {
        self.driver.status()
    }

    /// What was done so far.
    pub fn summary(&self) -> Summary {
        self.driver.summary()
    }

    /// The routine being played (as the gate adapted it).
    pub fn routine(&self) -> &Routine {
        self.driver.routine()
    }

    /// Cues missed while the computer slept.
    pub fn missed(&self) -> usize {
        self.missed.load(Ordering::Relaxed)
    }

    /// Times the session paused itself because the computer slept.
    pub fn interruptions(&self) -> usize {
        self.driver.interruptions()
    }

    /// Pause, resume, move or stop.
    pub fn command(&self, command: SessionCommand) {
        self.driver.command(command);
    }

    /// See [`SessionDriver::wait_until_caught_up`].
    pub fn wait_until_caught_up(&self, timeout: Duration) -> bool {
        self.driver.wait_until_caught_up(timeout)
    }

    /// The record of this session, once it has ended (completed or stopped).
    pub fn finished_record(&self) -> Option<SessionRecord> {
        if !self.status().state.is_finished() {
            return None;
        }
        self.history.get(self.index)
    }

    /// Where the record is in the history.
    pub fn record_index(&self) -> usize {
        self.index
    }
}
