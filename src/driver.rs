//! Drives a session from its own timer thread, so cues keep their time whether or not the
//! window is drawn (minimised, hidden, or busy).
//!
//! The thread sleeps until the session's next deadline, ticks it with the clock's time and
//! hands the cues to the sinks (the UI's repaint request; the audio player). Commands from the
//! UI are applied under the same lock and wake the thread. When cues were missed (the computer
//! slept), it pauses the session. It never draws; it only times.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use crate::clock::Clock;
use crate::routine::Routine;
use crate::safety::ClearedRoutine;
use crate::session::{Session, Status, Summary, Tick};

/// Receives the cues of a running session, on the driver's thread.
pub trait CueSink: Send {
    /// Called with every non-empty tick, in order.
    fn deliver(&mut self, tick: &Tick, status: &Status);

    /// Called when the session was paused because the computer slept past a cue.
    fn interrupted(&mut self) {}
}

/// What the person can do to a running session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionCommand {
    /// Pause, or resume when paused.
    TogglePause,
    /// Back to the start of this step, or the step before.
    Previous,
    /// Skip to the next step.
    Next,
    /// End the session now.
    Stop,
}

struct Inner {
    session: Session,
    shutdown: bool,
}

struct Shared {
    interruptions: std::sync::atomic::AtomicUsize,
    inner: Mutex<Inner>,
    wake: Condvar,
    clock: Arc<dyn Clock>,
    sinks: Mutex<Vec<Box<dyn CueSink>>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the session half-updated in a way that
        // matters more than stopping: keep going with the data as it is.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn deliver(&self, tick: &Tick, status: &Status) {
        if tick.cues.is_empty() && tick.missed.is_empty() {
            return;
        }
        let mut sinks = self.sinks.lock().unwrap_or_else(PoisonError::into_inner);
        for sink in sinks.iter_mut() {
            sink.deliver(tick, status);
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
            interruptions: std::sync::atomic::AtomicUsize::new(0),
            inner: Mutex::new(Inner { session, shutdown: false }),
            wake: Condvar::new(),
            clock,
            sinks: Mutex::new(sinks),
        });
        let thread_shared = Arc::clone(&shared);
        let thread =
            std::thread::Builder::new().name("acupress-session".into()).spawn(move || run(&thread_shared)).ok();
        // Should no thread be available, `status` ticks instead, so the session still runs
        // while the window is drawn.
        SessionDriver { shared, routine: cleared.routine().clone(), thread }
    }

    /// The routine being played.
    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    /// Applies a command at the clock's current time.
    pub fn command(&self, command: SessionCommand) {
        let now = self.shared.clock.now();
        let (tick, status) = {
            let mut inner = self.shared.lock();
            let session = &mut inner.session;
            let tick = match command {
                SessionCommand::TogglePause if session.state() == crate::session::RunState::Paused => {
                    session.resume(now)
                }
                SessionCommand::TogglePause => session.pause(now),
                SessionCommand::Previous => session.previous(now),
                SessionCommand::Next => session.next(now),
                SessionCommand::Stop => session.stop(now),
            };
            (tick, session.status(now))
        };
        self.shared.deliver(&tick, &status);
        self.shared.wake.notify_all();
    }

    /// The session as it stands now.
    pub fn status(&self) -> Status {
        let now = self.shared.clock.now();
        let mut inner = self.shared.lock();
        if self.thread.is_none() {
            let tick = inner.session.tick(now);
            let status = inner.session.status(now);
            drop(inner);
            self.shared.deliver(&tick, &status);
            return status;
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
        self.shared.interruptions.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether every cue due by now has been handled (the timer thread is not behind).
    pub fn is_caught_up(&self) -> bool {
        let now = self.shared.clock.now();
        self.shared.lock().session.next_deadline().is_none_or(|deadline| deadline > now)
    }

    /// Makes the timer thread look at the clock again (after a manual clock moved).
    pub fn wake(&self) {
        self.shared.wake.notify_all();
    }
}

impl Drop for SessionDriver {
    fn drop(&mut self) {
        self.shared.lock().shutdown = true;
        self.shared.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(shared: &Shared) {
    let mut inner = shared.lock();
    loop {
        if inner.shutdown {
            return;
        }
        let now = shared.clock.now();
        if let Some(deadline) = inner.session.next_deadline()
            && now > deadline + crate::session::LATE_TOLERANCE
        {
            // The computer slept (or the program was stopped) past a cue: pause just before
            // that cue, so nothing is skipped and nothing fires late; the person resumes where
            // they were.
            let tick = inner.session.pause(deadline.saturating_sub(std::time::Duration::from_nanos(1)));
            shared.interruptions.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let status = inner.session.status(now);
            drop(inner);
            shared.deliver(&tick, &status);
            for sink in shared.sinks.lock().unwrap_or_else(PoisonError::into_inner).iter_mut() {
                sink.interrupted();
            }
            inner = shared.lock();
            continue;
        }
        let tick = inner.session.tick(now);
        if !tick.cues.is_empty() || !tick.missed.is_empty() {
            let status = inner.session.status(now);
            drop(inner);
            shared.deliver(&tick, &status);
            inner = shared.lock();
            continue;
        }
        inner = match inner.session.next_deadline() {
            None => shared.wake.wait(inner).unwrap_or_else(PoisonError::into_inner),
            Some(deadline) => {
                let wait = shared.clock.to_real(deadline.saturating_sub(shared.clock.now()));
                if wait.is_zero() {
                    continue;
                }
                shared.wake.wait_timeout(inner, wait).unwrap_or_else(PoisonError::into_inner).0
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

    struct ChannelSink(mpsc::Sender<TimedCue>);

    impl CueSink for ChannelSink {
        fn deliver(&mut self, tick: &Tick, _status: &Status) {
            for cue in &tick.cues {
                let _ = self.0.send(cue.clone());
            }
        }
    }

    fn cleared() -> ClearedRoutine {
        let catalog = bundled::catalog().unwrap();
        let routine = bundled::valid_routines(&catalog).unwrap().swap_remove(5);
        match evaluate(&routine, &catalog, &Answers::all_no()) {
            Clearance::Cleared(cleared) => *cleared,
            Clearance::Blocked(_) => unreachable!(),
        }
    }

    #[test]
    fn the_thread_fires_cues_without_anyone_drawing() {
        let (sender, receiver) = mpsc::channel();
        let driver =
            SessionDriver::start(&cleared(), Arc::new(SystemClock::new()), vec![Box::new(ChannelSink(sender))]);
        let first = receiver.recv_timeout(Duration::from_secs(2)).expect("first cue arrives by itself");
        assert!(matches!(first.cue, Cue::StepAnnounced { step: 0, .. }));
        driver.command(SessionCommand::Stop);
        assert_eq!(driver.status().state, RunState::Stopped);
    }

    #[test]
    fn a_sleeping_computer_pauses_the_session() {
        let (sender, receiver) = mpsc::channel();
        let clock = ManualClock::new();
        let driver = SessionDriver::start(&cleared(), Arc::new(clock.clone()), vec![Box::new(ChannelSink(sender))]);
        let _ = receiver.recv_timeout(Duration::from_secs(2)).unwrap();
        // Two minutes pass at once.
        clock.advance(Duration::from_secs(120));
        driver.wake();
        for _ in 0..200 {
            if driver.status().state == RunState::Paused {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
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
        driver.wake();
        let press = receiver.iter().find(|timed| matches!(timed.cue, Cue::PressStarted { .. })).unwrap();
        assert_eq!(press.at, rest);
    }

    #[test]
    fn a_manual_clock_moves_the_session_when_woken() {
        let (sender, receiver) = mpsc::channel();
        let clock = ManualClock::new();
        let driver = SessionDriver::start(&cleared(), Arc::new(clock.clone()), vec![Box::new(ChannelSink(sender))]);
        let _ = receiver.recv_timeout(Duration::from_secs(2)).unwrap();
        let rest_secs = u64::from(driver.routine().rest_secs);
        clock.advance(Duration::from_secs(rest_secs));
        driver.wake();
        let press = receiver.iter().find(|timed| matches!(timed.cue, Cue::PressStarted { .. })).unwrap();
        assert_eq!(press.at, Duration::from_secs(rest_secs));
        driver.command(SessionCommand::TogglePause);
        assert_eq!(driver.status().state, RunState::Paused);
        clock.advance(Duration::from_secs(3600));
        assert_eq!(driver.status().position, Duration::from_secs(rest_secs), "paused time does not count");
    }
}
