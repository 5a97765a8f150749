//! The session engine: a cleared routine played out against time.
//!
//! A state machine with no clock of its own: every call takes `now`, a monotonic time from the
//! caller's clock. Cue deadlines come from a fixed timeline computed once from the routine,
//! anchored to the start instant and shifted only by pauses and by jumps to step boundaries.
//! It never sleeps, draws or plays sound: it says what is due, and callers act on it.

mod timeline;

use std::time::Duration;

use crate::breathing::{BreathPhase, BreathingPattern, PhaseAt};
use crate::catalog::PointCode;
use crate::routine::{BodySide, Pressure, Routine};
use crate::safety::ClearedRoutine;

pub use timeline::{Segment, SegmentKind, Timeline};

/// Cues due more than this late are reported as missed instead of fired.
pub const LATE_TOLERANCE: Duration = Duration::from_secs(2);

/// What the person can do to a running session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionCommand {
    /// Pause, or resume when paused.
    TogglePause,
    /// Back one step: to the start of the step before this one (the first step starts again).
    Previous,
    /// Skip to the next step.
    Next,
    /// End the session now.
    Stop,
}

/// Something the person should be told at a moment of the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cue {
    /// A step begins: find this point (the rest before the press).
    StepAnnounced {
        /// Step index from 0.
        step: usize,
        /// The point.
        point: PointCode,
        /// The first side to press; `None` for a midline point.
        side: Option<BodySide>,
    },
    /// Press now.
    PressStarted {
        /// Step index.
        step: usize,
        /// The side; `None` for a midline point.
        side: Option<BodySide>,
        /// How hard.
        pressure: Pressure,
        /// Length of this press.
        press_secs: u32,
    },
    /// The breathing pacer enters a new phase.
    BreathPhaseChanged {
        /// The phase.
        phase: BreathPhase,
        /// Its length in milliseconds.
        phase_ms: u64,
    },
    /// Let go of the point.
    Released {
        /// Step index.
        step: usize,
        /// The side released.
        side: Option<BodySide>,
    },
    /// Move to the other side of a `Both` step.
    SideSwitch {
        /// Step index.
        step: usize,
        /// The side to press next.
        to: BodySide,
    },
    /// Rest; the next point is announced.
    Rest {
        /// The step that comes next.
        next_step: usize,
        /// Its point.
        point: PointCode,
        /// Its first side.
        side: Option<BodySide>,
    },
    /// The closing minute of quiet breathing starts.
    SettleStarted,
    /// The whole session is done.
    SessionComplete,
}

impl Cue {
    /// Breathing cues are many and only the current one matters; others are structural.
    pub fn is_breathing(&self) -> bool {
        matches!(self, Cue::BreathPhaseChanged { .. })
    }
}

/// A cue with its place on the session timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimedCue {
    /// Position on the timeline (session time, excluding pauses).
    pub at: Duration,
    /// The cue.
    pub cue: Cue,
}

/// What a call to the engine produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct Tick {
    /// Cues due now, in order.
    pub cues: Vec<TimedCue>,
    /// Structural cues whose moment passed more than [`LATE_TOLERANCE`] ago (for example while
    /// the laptop slept): reported, never fired as if they were now.
    pub missed: Vec<TimedCue>,
}

impl Tick {
    fn merge(&mut self, other: Tick) {
        self.cues.extend(other.cues);
        self.missed.extend(other.missed);
    }
}

/// Whether the session is going.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    /// Time runs.
    Running,
    /// Time stands still.
    Paused,
    /// Reached the end.
    Completed,
    /// Stopped by the person.
    Stopped,
}

impl RunState {
    /// Completed or stopped.
    pub fn is_finished(self) -> bool {
        matches!(self, RunState::Completed | RunState::Stopped)
    }
}

/// How far a step got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepProgress {
    /// Not reached yet.
    Pending,
    /// Started, not finished.
    Started,
    /// Every press of the step finished.
    Done,
    /// Over, with some pressing done but not every press to its end (cut short with "next" or
    /// "stop"): it counts for the seconds pressed.
    Partly,
    /// Jumped over with "next" before anything was pressed.
    Skipped,
}

/// The session as the UI shows it at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// Running, paused or finished.
    pub state: RunState,
    /// Position on the timeline.
    pub position: Duration,
    /// Length of the timeline.
    pub total: Duration,
    /// The current segment (none when finished).
    pub segment: Option<Segment>,
    /// Time left in the current segment.
    pub segment_remaining: Duration,
    /// Breathing pattern and phase while pressing or settling.
    pub breath: Option<(BreathingPattern, PhaseAt)>,
}

impl Status {
    /// Time left in the whole session.
    pub fn remaining(&self) -> Duration {
        self.total.saturating_sub(self.position)
    }
}

/// What happened, for the end screen and the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Completed or stopped.
    pub state: RunState,
    /// Time actually spent in the session (not paused, not jumped over).
    pub practised: Duration,
    /// Progress per step.
    pub steps: Vec<StepProgress>,
    /// Presses that ran to their end, per step (a step on both sides has two).
    pub presses_done: Vec<u8>,
    /// Time pressed per step: each press counts for as long as it was held (the whole press when
    /// it ran to its end), the longest of its tries; going back never lowers it.
    pub pressed: Vec<Duration>,
    /// Where it stopped: the step index, if stopped early.
    pub stopped_at_step: Option<usize>,
}

impl Summary {
    /// Steps finished.
    pub fn steps_done(&self) -> usize {
        self.steps.iter().filter(|progress| **progress == StepProgress::Done).count()
    }

    /// Steps skipped with "next".
    pub fn steps_skipped(&self) -> usize {
        self.steps.iter().filter(|progress| **progress == StepProgress::Skipped).count()
    }

    /// Steps over with only some of their presses finished.
    pub fn steps_partly_done(&self) -> usize {
        self.steps.iter().filter(|progress| **progress == StepProgress::Partly).count()
    }

    /// Time pressed in the whole session.
    pub fn pressed_total(&self) -> Duration {
        self.pressed.iter().sum()
    }
}

/// A running session. Built only from a [`ClearedRoutine`].
#[derive(Clone, Debug)]
pub struct Session {
    routine: Routine,
    timeline: Timeline,
    /// Clock time at which `anchor_position` was the position.
    anchor_clock: Duration,
    /// Timeline position at `anchor_clock`.
    anchor_position: Duration,
    state: RunState,
    /// Cues at positions up to and including this have been handled. `None`: nothing yet.
    handled_until: Option<Duration>,
    /// Last clock time seen; earlier times are treated as this (clock never goes back).
    last_now: Duration,
    practised: Duration,
    progress: Vec<StepProgress>,
    /// Per step, one bit per press (side) that ran to its end.
    presses_done: Vec<u8>,
    /// Per step and press (side), the longest time it was held.
    press_credit: Vec<[Duration; 2]>,
    /// Where the last jump landed: a release cue there ends the part jumped over (or one
    /// already counted, when jumping back), never a press that ran to its end.
    jumped_to: Option<Duration>,
    stopped_at_step: Option<usize>,
}

impl Session {
    /// Starts a session at clock time `now`. The first cues are returned by the first `tick`.
    pub fn start(cleared: &ClearedRoutine, now: Duration) -> Session {
        let routine = cleared.routine().clone();
        let timeline = Timeline::new(&routine);
        let progress = vec![StepProgress::Pending; routine.steps.len()];
        let presses_done = vec![0; routine.steps.len()];
        let press_credit = vec![[Duration::ZERO; 2]; routine.steps.len()];
        Session {
            routine,
            timeline,
            anchor_clock: now,
            anchor_position: Duration::ZERO,
            state: RunState::Running,
            handled_until: None,
            last_now: now,
            practised: Duration::ZERO,
            progress,
            presses_done,
            press_credit,
            jumped_to: None,
            stopped_at_step: None,
        }
    }

    /// The routine being played (as adapted by the gate).
    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    /// The timeline.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Running, paused or finished.
    pub fn state(&self) -> RunState {
        self.state
    }

    fn clamp_now(&mut self, now: Duration) -> Duration {
        // A clock that goes backwards must not rewind the session.
        self.last_now = self.last_now.max(now);
        self.last_now
    }

    /// Timeline position at clock time `now`.
    pub fn position(&self, now: Duration) -> Duration {
        let now = now.max(self.last_now);
        match self.state {
            RunState::Running => {
                (self.anchor_position + now.saturating_sub(self.anchor_clock)).min(self.timeline.total())
            }
            _ => self.anchor_position,
        }
    }

    /// Re-anchors at `now`, adding the time since the last anchor to the practised time.
    fn reanchor(&mut self, now: Duration, position: Duration) {
        if self.state == RunState::Running {
            let current = self.position(now);
            self.practised += current.saturating_sub(self.anchor_position);
        }
        self.anchor_clock = now;
        self.anchor_position = position;
    }

    /// Cues due since the last call. Call it whenever a deadline passes (see [`Self::next_deadline`]).
    pub fn tick(&mut self, now: Duration) -> Tick {
        let now = self.clamp_now(now);
        if self.state != RunState::Running {
            return Tick::default();
        }
        let position = self.position(now);
        let tick = self.collect(position);
        if position >= self.timeline.total() {
            self.reanchor(now, self.timeline.total());
            self.state = RunState::Completed;
        }
        tick
    }

    /// Gathers cues in `(handled_until, position]`, splitting on-time from missed.
    fn collect(&mut self, position: Duration) -> Tick {
        let mut tick = Tick::default();
        let from = self.handled_until;
        if from.is_some_and(|from| from >= position) {
            return tick;
        }
        for timed in self.timeline.cues_between(&self.routine, from, position) {
            let at_jump = self.jumped_to == Some(timed.at);
            if !(at_jump && matches!(timed.cue, Cue::Released { .. })) {
                self.track_progress(&timed.cue);
            }
            let late = position.saturating_sub(timed.at);
            if late <= LATE_TOLERANCE {
                tick.cues.push(timed);
            } else if !timed.cue.is_breathing() {
                tick.missed.push(timed);
            }
        }
        self.handled_until = Some(position);
        tick
    }

    fn track_progress(&mut self, cue: &Cue) {
        match *cue {
            // Reached (again, after going back): being done now, unless done before.
            Cue::StepAnnounced { step, .. } if self.progress[step] != StepProgress::Done => {
                self.progress[step] = StepProgress::Started;
            }
            Cue::Released { step, side } => {
                // A release cue comes only for a press that ran to its end (see `jumped_to`).
                let presses = self.routine.steps[step].presses();
                if let Some(index) = presses.iter().position(|press| *press == side) {
                    self.presses_done[step] |= 1 << index;
                    let whole = Duration::from_secs(u64::from(self.routine.steps[step].press_secs));
                    self.press_credit[step][index] = self.press_credit[step][index].max(whole);
                }
                let last_side = presses.last().copied().flatten();
                if side == last_side && self.progress[step] != StepProgress::Done {
                    let all = self.presses_done[step].count_ones() as usize >= presses.len();
                    self.progress[step] = if all { StepProgress::Done } else { StepProgress::Partly };
                }
            }
            _ => {}
        }
    }

    /// The press held at `position`, if any: (step, which press of the step, time held).
    fn press_at(&self, position: Duration) -> Option<(usize, usize, Duration)> {
        let segment = self.timeline.segment_at(position)?;
        let SegmentKind::Press { step, side } = segment.kind else { return None };
        let index = self.routine.steps[step].presses().iter().position(|press| *press == side)?;
        Some((step, index, position.saturating_sub(segment.start).min(segment.end.saturating_sub(segment.start))))
    }

    /// Counts the press being held at `position` for the time it was held (before a jump, a
    /// pause or a stop cuts it short); a longer earlier try stays.
    fn credit_press_at(&mut self, position: Duration) {
        if let Some((step, index, held)) = self.press_at(position) {
            self.press_credit[step][index] = self.press_credit[step][index].max(held);
        }
    }

    /// Whether anything of `step` was pressed.
    fn pressed_some(&self, step: usize) -> bool {
        self.press_credit[step].iter().any(|held| !held.is_zero())
    }

    /// Pauses. Cues due up to `now` are returned first.
    pub fn pause(&mut self, now: Duration) -> Tick {
        let tick = self.tick(now);
        if self.state == RunState::Running {
            let now = self.last_now;
            let position = self.position(now);
            self.credit_press_at(position);
            self.reanchor(now, position);
            self.state = RunState::Paused;
        }
        tick
    }

    /// Resumes after a pause; no time is lost or gained.
    pub fn resume(&mut self, now: Duration) -> Tick {
        let now = self.clamp_now(now);
        if self.state == RunState::Paused {
            self.anchor_clock = now;
            self.state = RunState::Running;
        }
        self.tick(now)
    }

    /// Jumps to the start of the next step (or the closing breathing after the last step, or the
    /// end after that). The step being left counts as skipped unless it was done.
    pub fn next(&mut self, now: Duration) -> Tick {
        let mut tick = self.tick(now);
        if !self.is_live() {
            return tick;
        }
        let now = self.last_now;
        let position = self.position(now);
        self.credit_press_at(position);
        let target = self.timeline.next_target(position);
        // Leaving the step (not only going to its other side): it is over, done or not.
        if let Some(current) = self.timeline.step_at(position)
            && self.timeline.step_at(target) != Some(current)
            && self.progress[current] != StepProgress::Done
        {
            self.progress[current] =
                if self.pressed_some(current) { StepProgress::Partly } else { StepProgress::Skipped };
        }
        tick.merge(self.jump(now, target));
        tick
    }

    /// Goes back one step: to the start of the step before the current one (from the closing
    /// breathing, to the last step; in the first step, to its start). What was pressed keeps its
    /// credit: doing a step again can only add to it.
    pub fn previous(&mut self, now: Duration) -> Tick {
        let mut tick = self.tick(now);
        if !self.is_live() {
            return tick;
        }
        let now = self.last_now;
        let position = self.position(now);
        self.credit_press_at(position);
        if let Some(current) = self.timeline.step_at(position)
            && self.progress[current] == StepProgress::Started
        {
            self.progress[current] =
                if self.pressed_some(current) { StepProgress::Partly } else { StepProgress::Pending };
        }
        let target = self.timeline.previous_step_start(position);
        tick.merge(self.jump(now, target));
        tick
    }

    fn jump(&mut self, now: Duration, target: Duration) -> Tick {
        self.reanchor(now, target);
        self.jumped_to = Some(target);
        // Cues exactly at the target fire again (the boundary's announcement).
        self.handled_until = target.checked_sub(Duration::from_nanos(1));
        if self.state == RunState::Running { self.tick(now) } else { Tick::default() }
    }

    /// Stops the session for good.
    pub fn stop(&mut self, now: Duration) -> Tick {
        let tick = self.tick(now);
        if self.is_live() {
            let now = self.last_now;
            let position = self.position(now);
            self.credit_press_at(position);
            self.stopped_at_step = self.timeline.step_at(position);
            if let Some(step) = self.stopped_at_step
                && self.progress[step] == StepProgress::Started
                && self.pressed_some(step)
            {
                self.progress[step] = StepProgress::Partly;
            }
            self.reanchor(now, position);
            self.state = RunState::Stopped;
        }
        tick
    }

    /// Whether the session can still change (running or paused).
    pub fn is_live(&self) -> bool {
        matches!(self.state, RunState::Running | RunState::Paused)
    }

    /// The clock time of the next cue, for the timer that drives `tick`. `None` when paused
    /// or finished.
    pub fn next_deadline(&self) -> Option<Duration> {
        if self.state != RunState::Running {
            return None;
        }
        // Cues after what was handled: when a tick is overdue this lies in the past, and the
        // caller ticks at once.
        let next_position = match self.handled_until {
            None => Duration::ZERO,
            Some(handled) => self.timeline.next_cue_after(&self.routine, handled)?,
        };
        Some(self.anchor_clock + next_position.saturating_sub(self.anchor_position))
    }

    /// The session as it stands at `now`.
    pub fn status(&self, now: Duration) -> Status {
        let position = self.position(now);
        let finished = !self.is_live();
        let segment = if finished { None } else { self.timeline.segment_at(position).copied() };
        let segment_remaining = segment.as_ref().map_or(Duration::ZERO, |segment| segment.end.saturating_sub(position));
        let breath = segment.as_ref().and_then(|segment| {
            let pattern = self.timeline.breathing_in(&self.routine, segment)?;
            Some((pattern, pattern.phase_at(position.saturating_sub(segment.start))))
        });
        Status { state: self.state, position, total: self.timeline.total(), segment, segment_remaining, breath }
    }

    /// What happened so far.
    pub fn summary(&self, now: Duration) -> Summary {
        let mut practised = self.practised;
        if self.state == RunState::Running {
            practised += self.position(now).saturating_sub(self.anchor_position);
        }
        // The press being held now counts for the time held so far.
        let mut credit = self.press_credit.clone();
        if self.state == RunState::Running
            && let Some((step, index, held)) = self.press_at(self.position(now))
        {
            credit[step][index] = credit[step][index].max(held);
        }
        Summary {
            state: self.state,
            practised,
            steps: self.progress.clone(),
            presses_done: self.presses_done.iter().map(|bits| bits.count_ones() as u8).collect(),
            pressed: credit.iter().map(|held| held.iter().sum()).collect(),
            stopped_at_step: self.stopped_at_step,
        }
    }
}

#[cfg(test)]
mod tests;
