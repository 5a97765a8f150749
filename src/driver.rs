//! Drives a session from its own timer thread, so cues keep their time whether or not the
//! window is drawn (minimised, hidden, or busy).
//!
//! The thread sleeps until the session's next deadline, ticks it with the clock's time and
//! hands the cues to the sinks (the UI's repaint request; the sound; the history record).
//! Commands from the UI are applied under the same lock, told to the sinks, and wake the
//! thread. When cues were missed (the computer slept), it pauses the session. It never draws;
//! it only times.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::clock::Clock;
use crate::routine::Routine;
use crate::safety::ClearedRoutine;
use crate::session::{RunState, Session, Status, Summary, Tick};

/// A change to a running session that was not a cue coming due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// The person paused.
    Paused,
    /// The person resumed after a pause.
    Resumed,
    /// The person moved to another step (next or previous); the status has the new position.
    Jumped,
    /// The person stopped the session.
    Stopped,
    /// The session paused itself because the computer slept past a cue.
    Interrupted,
}

/// The session as it stood when a tick or change was handed to the sinks.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// Where it is.
    pub status: Status,
    /// What was done so far.
    pub summary: Summary,
}

/// How often, at the longest, a running session is handed to the sinks between its cues (the
/// record then keeps what was pressed to within this much after a crash).
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(10);

/// Receives the cues and changes of a running session, on the thread that caused them. Every
/// method must be written out: a sink that forgot one would silently miss it.
pub trait CueSink: Send {
    /// Called with every non-empty tick, in order.
    fn deliver(&mut self, tick: &Tick, now: &Snapshot);

    /// Called after a pause, resume, jump or stop, before the cues it brings are delivered.
    fn changed(&mut self, change: Change, now: &Snapshot);

    /// Called at least every [`CHECKPOINT_EVERY`] while the session runs (also in a long press
    /// or rest with no cue in it).
    fn checkpoint(&mut self, now: &Snapshot);
}

pub use crate::session::SessionCommand;

struct Inner {
    session: Session,
    shutdown: bool,
    /// Bumped by [`SessionDriver::wake`], under the lock, so a wake is never lost.
    wakes: u64,
    /// The thread is waiting for its next deadline (or a wake) with nothing due.
    idle: bool,
}

struct Shared {
    interruptions: AtomicUsize,
    inner: Mutex<Inner>,
    /// Wakes the timer thread.
    wake: Condvar,
    /// Tells waiters the timer thread has gone idle.
    idle: Condvar,
    clock: Arc<dyn Clock>,
    sinks: Mutex<Vec<Box<dyn CueSink>>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the session half-updated in a way that
        // matters more than stopping: keep going with the data as it is.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn sinks(&self) -> MutexGuard<'_, Vec<Box<dyn CueSink>>> {
        self.sinks.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn deliver(&self, tick: &Tick, now: &Snapshot) {
        if tick.cues.is_empty() && tick.missed.is_empty() {
            return;
        }
        for sink in self.sinks().iter_mut() {
            sink.deliver(tick, now);
        }
    }

    fn changed(&self, change: Change, now: &Snapshot) {
        for sink in self.sinks().iter_mut() {
            sink.changed(change, now);
        }
    }

    fn checkpoint(&self, now: &Snapshot) {
        for sink in self.sinks().iter_mut() {
            sink.checkpoint(now);
        }
    }
}

/// A session running on its own timer thread.
pub struct SessionDriver {
    shared: Arc<Shared>,
    routine: Routine,
    thread: Option<JoinHandle<()>>,
}

impl SessionDriver {
    /// Starts `cleared` now and begins timing it.
    pub fn start(cleared: &ClearedRoutine, clock: Arc<dyn Clock>, sinks: Vec<Box<dyn CueSink>>) -> SessionDriver {
        let session = Session::start(cleared, clock.now());
        let shared = Arc::new(Shared {
            interruptions: AtomicUsize::new(0),
            inner: Mutex::new(Inner { session, shutdown: false, wakes: 0, idle: false }),
            wake: Condvar::new(),
            idle: Condvar::new(),
            clock,
            sinks: Mutex::new(sinks),
        });
        let thread_shared = Arc::clone(&shared);
        // Should no thread be available, `status` ticks instead, so the session still runs
        // while the window is drawn (and the window repaints while a session runs).
        let thread = crate::worker::start("session", move || run(&thread_shared)).ok();
        SessionDriver { shared, routine: cleared.routine().clone(), thread }
    }

    /// The routine being played.
    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    /// Applies a command at the clock's current time.
    pub fn command(&self, command: SessionCommand) {
        let now = self.shared.clock.now();
        let (tick, snapshot, change) = {
            let mut inner = self.shared.lock();
            let session = &mut inner.session;
            let was = session.state();
            let tick = match command {
                SessionCommand::TogglePause if was == RunState::Paused => session.resume(now),
                SessionCommand::TogglePause => session.pause(now),
                SessionCommand::Previous => session.previous(now),
                SessionCommand::Next => session.next(now),
                SessionCommand::Stop => session.stop(now),
            };
            let state = session.state();
            let change = match command {
                _ if was.is_finished() => None,
                SessionCommand::TogglePause if state == RunState::Paused => Some(Change::Paused),
                SessionCommand::TogglePause if state == RunState::Running => Some(Change::Resumed),
                SessionCommand::Previous | SessionCommand::Next if !state.is_finished() => Some(Change::Jumped),
                SessionCommand::Stop => Some(Change::Stopped),
                _ => None,
            };
            let snapshot = Snapshot { status: session.status(now), summary: session.summary(now) };
            inner.wakes += 1;
            self.shared.wake.notify_all();
            (tick, snapshot, change)
        };
        if let Some(change) = change {
            self.shared.changed(change, &snapshot);
        }
        self.shared.deliver(&tick, &snapshot);
    }

    /// The session as it stands now.
    pub fn status(&self) -> Status {
        let now = self.shared.clock.now();
        let mut inner = self.shared.lock();
        if self.thread.is_none() {
            let tick = inner.session.tick(now);
            let snapshot = Snapshot { status: inner.session.status(now), summary: inner.session.summary(now) };
            drop(inner);
            self.shared.deliver(&tick, &snapshot);
            return snapshot.status;
        }
        inner.session.status(now)
    }

    /// What happened so far.
    pub fn summary(&self) -> Summary {
        let now = self.shared.clock.now();
        self.shared.lock().session.summary(now)
    }

    /// How often the session was paused because the computer slept (or the program was
    /// stopped) past a cue.
    pub fn interruptions(&self) -> usize {
        self.shared.interruptions.load(Ordering::Relaxed)
    }

    /// The clock time of the next cue; `None` when paused or finished.
    pub fn next_deadline(&self) -> Option<Duration> {
        self.shared.lock().session.next_deadline()
    }

    /// Makes the timer thread look at the clock again (after a manual clock moved).
    pub fn wake(&self) {
        let mut inner = self.shared.lock();
        inner.wakes += 1;
        inner.idle = false;
        self.shared.wake.notify_all();
    }

    /// Wakes the timer thread and waits until it has handled everything due by the clock's
    /// current time and gone back to waiting; `false` if that took longer than `timeout`.
    /// For tests and simulations that move a manual clock: no polling, no sleeping.
    pub fn wait_until_caught_up(&self, timeout: Duration) -> bool {
        self.wake();
        let mut inner = self.shared.lock();
        loop {
            let now = self.shared.clock.now();
            let nothing_due = inner.session.next_deadline().is_none_or(|deadline| deadline > now);
            if (inner.idle && nothing_due) || self.thread.is_none() {
                return true;
            }
            // Each wait ends when the thread goes idle again; only a wait that times out fails.
            let (guard, result) = self.shared.idle.wait_timeout(inner, timeout).unwrap_or_else(PoisonError::into_inner);
            inner = guard;
            if result.timed_out() {
                return false;
            }
        }
    }
}

impl Drop for SessionDriver {
    fn drop(&mut self) {
        {
            let mut inner = self.shared.lock();
            inner.shutdown = true;
            self.shared.wake.notify_all();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(shared: &Shared) {
    let mut inner = shared.lock();
    let mut last_checkpoint = shared.clock.now();
    loop {
        if inner.shutdown {
            return;
        }
        inner.idle = false;
        let now = shared.clock.now();
        if let Some(deadline) = inner.session.next_deadline()
            && now > deadline + crate::session::LATE_TOLERANCE
        {
            // The computer slept (or the program was stopped) past a cue: pause just before
            // that cue, so nothing is skipped and nothing fires late; the person resumes where
            // they were.
            let tick = inner.session.pause(deadline.saturating_sub(Duration::from_nanos(1)));
            shared.interruptions.fetch_add(1, Ordering::Relaxed);
            let snapshot = Snapshot { status: inner.session.status(now), summary: inner.session.summary(now) };
            drop(inner);
            shared.deliver(&tick, &snapshot);
            shared.changed(Change::Interrupted, &snapshot);
            inner = shared.lock();
            continue;
        }
        let tick = inner.session.tick(now);
        if !tick.cues.is_empty() || !tick.missed.is_empty() {
            let snapshot = Snapshot { status: inner.session.status(now), summary: inner.session.summary(now) };
            drop(inner);
            shared.deliver(&tick, &snapshot);
            inner = shared.lock();
            continue;
        }
        let running = inner.session.status(now).state == RunState::Running;
        if !running {
            last_checkpoint = now;
        } else if now >= last_checkpoint + CHECKPOINT_EVERY {
            last_checkpoint = now;
            let snapshot = Snapshot { status: inner.session.status(now), summary: inner.session.summary(now) };
            drop(inner);
            shared.checkpoint(&snapshot);
            inner = shared.lock();
            continue;
        }
        let wakes = inner.wakes;
        let checkpoint_in = running.then(|| (last_checkpoint + CHECKPOINT_EVERY).saturating_sub(now));
        let next = match (inner.session.next_deadline().map(|deadline| deadline.saturating_sub(now)), checkpoint_in) {
            (Some(cue), Some(checkpoint)) => Some(cue.min(checkpoint)),
            (cue, checkpoint) => cue.or(checkpoint),
        };
        let wait = next.map(|next| shared.clock.to_real(next));
        if wait.is_some_and(|wait| wait.is_zero()) {
            continue;
        }
        inner.idle = true;
        shared.idle.notify_all();
        // The lock is held from the clock reading above until the wait releases it, and every
        // wake takes the lock: a wake can come before this point (then `wakes` changed and the
        // loop looks again) or during the wait (then it ends the wait), never in between.
        inner = match wait {
            None => shared
                .wake
                .wait_while(inner, |inner| inner.wakes == wakes && !inner.shutdown)
                .unwrap_or_else(PoisonError::into_inner),
            Some(wait) => {
                shared
                    .wake
                    .wait_timeout_while(inner, wait, |inner| inner.wakes == wakes && !inner.shutdown)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use crate::bundled;
    use crate::clock::{ManualClock, SystemClock};
    use crate::safety::{Answers, Clearance, evaluate};
    use crate::session::{Cue, RunState, TimedCue};

    const PATIENCE: Duration = Duration::from_secs(10);

    struct ChannelSink(mpsc::Sender<TimedCue>);

    impl CueSink for ChannelSink {
        fn deliver(&mut self, tick: &Tick, _now: &Snapshot) {
            for cue in &tick.cues {
                let _ = self.0.send(cue.clone());
            }
        }

        fn changed(&mut self, _change: Change, _now: &Snapshot) {}

        fn checkpoint(&mut self, _now: &Snapshot) {}
    }

    fn cleared() -> ClearedRoutine {
        let catalog = bundled::catalog().unwrap();
        let routine = bundled::routine(&catalog, "nausea").unwrap();
        match evaluate(&routine, &catalog, &Answers::all_no()) {
            Clearance::Cleared(cleared) => *cleared,
            Clearance::Blocked(_) => unreachable!(),
        }
    }

    /// The next cue the sink received that matches, waiting at most [`PATIENCE`].
    fn next_matching(receiver: &mpsc::Receiver<TimedCue>, wanted: impl Fn(&Cue) -> bool) -> TimedCue {
        loop {
            let timed = receiver.recv_timeout(PATIENCE).expect("the cue arrives");
            if wanted(&timed.cue) {
                return timed;
            }
        }
    }

    #[test]
    fn the_thread_fires_cues_without_anyone_drawing() {
        let (sender, receiver) = mpsc::channel();
        let driver =
            SessionDriver::start(&cleared(), Arc::new(SystemClock::new()), vec![Box::new(ChannelSink(sender))]);
        let first = receiver.recv_timeout(PATIENCE).expect("first cue arrives by itself");
        assert!(matches!(first.cue, Cue::StepAnnounced { step: 0, .. }));
        driver.command(SessionCommand::Stop);
        assert_eq!(driver.status().state, RunState::Stopped);
    }

    #[test]
    fn a_sleeping_computer_pauses_the_session() {
        let (sender, receiver) = mpsc::channel();
        let clock = ManualClock::new();
        let driver = SessionDriver::start(&cleared(), Arc::new(clock.clone()), vec![Box::new(ChannelSink(sender))]);
        assert!(driver.wait_until_caught_up(PATIENCE));
        // Two minutes pass at once.
        clock.advance(Duration::from_secs(120));
        assert!(driver.wait_until_caught_up(PATIENCE));
        let status = driver.status();
        assert_eq!(status.state, RunState::Paused);
        assert_eq!(driver.interruptions(), 1);
        let rest = Duration::from_secs(u64::from(driver.routine().rest_secs));
        assert_eq!(
            status.position,
            rest.saturating_sub(Duration::from_nanos(1)),
            "paused just before the press that was due"
        );
        clock.advance(Duration::from_secs(60));
        assert_eq!(driver.status().position, status.position, "paused: time stands still");
        // Resuming fires the press on time, as part of the session.
        driver.command(SessionCommand::TogglePause);
        clock.advance(Duration::from_millis(1));
        assert!(driver.wait_until_caught_up(PATIENCE));
        let press = next_matching(&receiver, |cue| matches!(cue, Cue::PressStarted { .. }));
        assert_eq!(press.at, rest);
    }

    #[test]
    fn a_manual_clock_moves_the_session_when_woken() {
        let (sender, receiver) = mpsc::channel();
        let clock = ManualClock::new();
        let driver = SessionDriver::start(&cleared(), Arc::new(clock.clone()), vec![Box::new(ChannelSink(sender))]);
        assert!(driver.wait_until_caught_up(PATIENCE));
        let rest_secs = u64::from(driver.routine().rest_secs);
        clock.advance(Duration::from_secs(rest_secs));
        assert!(driver.wait_until_caught_up(PATIENCE));
        let press = next_matching(&receiver, |cue| matches!(cue, Cue::PressStarted { .. }));
        assert_eq!(press.at, Duration::from_secs(rest_secs));
        driver.command(SessionCommand::TogglePause);
        assert_eq!(driver.status().state, RunState::Paused);
        clock.advance(Duration::from_secs(3600));
        assert_eq!(driver.status().position, Duration::from_secs(rest_secs), "paused time does not count");
    }

    /// Records the changes the sinks are told about.
    struct ChangeSink(mpsc::Sender<(Change, Duration)>);

    impl CueSink for ChangeSink {
        fn deliver(&mut self, _tick: &Tick, _now: &Snapshot) {}
        fn changed(&mut self, change: Change, now: &Snapshot) {
            let _ = self.0.send((change, now.status.position));
        }
        fn checkpoint(&mut self, _now: &Snapshot) {}
    }

    #[test]
    fn sinks_hear_of_every_change_before_its_cues() {
        let (sender, receiver) = mpsc::channel();
        let clock = ManualClock::new();
        let driver = SessionDriver::start(&cleared(), Arc::new(clock.clone()), vec![Box::new(ChangeSink(sender))]);
        assert!(driver.wait_until_caught_up(PATIENCE));
        // Within the first rest (a longer jump would look like a sleeping computer).
        clock.advance(Duration::from_secs(10));
        assert!(driver.wait_until_caught_up(PATIENCE));
        driver.command(SessionCommand::TogglePause);
        driver.command(SessionCommand::TogglePause);
        driver.command(SessionCommand::Next);
        driver.command(SessionCommand::Stop);
        driver.command(SessionCommand::Stop);
        let changes: Vec<(Change, Duration)> = receiver.try_iter().collect();
        let step_two = driver.status().position;
        assert_eq!(
            changes,
            vec![
                (Change::Paused, Duration::from_secs(10)),
                (Change::Resumed, Duration::from_secs(10)),
                (Change::Jumped, step_two),
                (Change::Stopped, step_two),
            ],
            "a second stop changes nothing"
        );
    }
}
