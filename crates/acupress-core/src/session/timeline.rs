//! The fixed timeline of a routine: segments, step boundaries and the cues at each moment.
//!
//! Computed once when a session starts; positions are exact multiples of whole seconds (and
//! breathing phases of whole milliseconds) from the session start, so nothing can drift.

use std::time::Duration;

use super::{Cue, TimedCue};
use crate::breathing::BreathingPattern;
use crate::routine::{BodySide, Routine, SETTLE_SECS, SWITCH_SECS};

/// What happens during a stretch of the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentKind {
    /// Rest before a step: find the point (the first one is the preparation).
    Rest {
        /// The step that comes next.
        step: usize,
    },
    /// Pressing a point.
    Press {
        /// Step index.
        step: usize,
        /// Side pressed; `None` for midline points.
        side: Option<BodySide>,
    },
    /// Moving to the other side.
    Switch {
        /// Step index.
        step: usize,
        /// Side that comes next.
        to: BodySide,
    },
    /// Closing quiet breathing.
    Settle,
}

impl SegmentKind {
    /// The step this segment belongs to; `None` for the closing breathing.
    pub fn step(self) -> Option<usize> {
        match self {
            SegmentKind::Rest { step } | SegmentKind::Press { step, .. } | SegmentKind::Switch { step, .. } => {
                Some(step)
            }
            SegmentKind::Settle => None,
        }
    }
}

/// A stretch of the session from `start` (inclusive) to `end` (exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// What happens.
    pub kind: SegmentKind,
    /// Position where it starts.
    pub start: Duration,
    /// Position where it ends.
    pub end: Duration,
}

impl Segment {
    /// Its length.
    pub fn length(&self) -> Duration {
        self.end.saturating_sub(self.start)
    }
}

/// The whole session laid out in time.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    segments: Vec<Segment>,
    step_starts: Vec<Duration>,
    settle_start: Duration,
    total: Duration,
    structural: Vec<TimedCue>,
}

fn secs(value: u32) -> Duration {
    Duration::from_secs(u64::from(value))
}

impl Timeline {
    /// Lays out `routine`.
    pub fn new(routine: &Routine) -> Timeline {
        let mut segments = Vec::new();
        let mut step_starts = Vec::new();
        let mut structural = Vec::new();
        let mut position = Duration::ZERO;
        let push = |segments: &mut Vec<Segment>, kind, length: Duration, position: &mut Duration| {
            segments.push(Segment { kind, start: *position, end: *position + length });
            *position += length;
        };
        for (step_index, step) in routine.steps.iter().enumerate() {
            let presses = step.presses();
            step_starts.push(position);
            if step_index > 0 {
                structural.push(TimedCue {
                    at: position,
                    cue: Cue::Rest { next_step: step_index, point: step.point.clone(), side: presses[0] },
                });
            }
            structural.push(TimedCue {
                at: position,
                cue: Cue::StepAnnounced { step: step_index, point: step.point.clone(), side: presses[0] },
            });
            push(&mut segments, SegmentKind::Rest { step: step_index }, secs(routine.rest_secs), &mut position);
            for (press_index, side) in presses.iter().copied().enumerate() {
                if press_index > 0 {
                    let to = side.unwrap_or(BodySide::Right);
                    structural.push(TimedCue { at: position, cue: Cue::SideSwitch { step: step_index, to } });
                    push(&mut segments, SegmentKind::Switch { step: step_index, to }, secs(SWITCH_SECS), &mut position);
                }
                structural.push(TimedCue {
                    at: position,
                    cue: Cue::PressStarted {
                        step: step_index,
                        side,
                        pressure: step.pressure,
                        press_secs: step.press_secs,
                    },
                });
                push(
                    &mut segments,
                    SegmentKind::Press { step: step_index, side },
                    secs(step.press_secs),
                    &mut position,
                );
                structural.push(TimedCue { at: position, cue: Cue::Released { step: step_index, side } });
            }
        }
        let settle_start = position;
        structural.push(TimedCue { at: position, cue: Cue::SettleStarted });
        push(&mut segments, SegmentKind::Settle, secs(SETTLE_SECS), &mut position);
        structural.push(TimedCue { at: position, cue: Cue::SessionComplete });
        Timeline { segments, step_starts, settle_start, total: position, structural }
    }

    /// Length of the session.
    pub fn total(&self) -> Duration {
        self.total
    }

    /// All segments in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Where each step starts (the start of its rest).
    pub fn step_starts(&self) -> &[Duration] {
        &self.step_starts
    }

    /// Where the closing breathing starts.
    pub fn settle_start(&self) -> Duration {
        self.settle_start
    }

    /// The cues at fixed moments (everything but breathing phases), in order.
    pub fn structural_cues(&self) -> &[TimedCue] {
        &self.structural
    }

    /// The segment at `position` (the last one at the very end).
    pub fn segment_at(&self, position: Duration) -> Option<&Segment> {
        let index = self.segments.partition_point(|segment| segment.end <= position);
        self.segments.get(index).or_else(|| self.segments.last())
    }

    /// The step at `position`; `None` in the closing breathing.
    pub fn step_at(&self, position: Duration) -> Option<usize> {
        self.segment_at(position).and_then(|segment| segment.kind.step())
    }

    fn boundaries(&self) -> impl Iterator<Item = Duration> + '_ {
        self.step_starts.iter().copied().chain([self.settle_start, self.total])
    }

    /// The first step boundary after `position` (the end of the session at the latest).
    pub fn next_boundary(&self, position: Duration) -> Duration {
        self.boundaries().find(|&boundary| boundary > position).unwrap_or(self.total)
    }

    /// Where "next" goes from `position`: during the first side of a two-sided step, to the
    /// switch to the other side; otherwise to the next step boundary.
    pub fn next_target(&self, position: Duration) -> Duration {
        let index = self.segments.partition_point(|segment| segment.end <= position);
        if let Some(Segment { kind: SegmentKind::Press { step, .. }, .. }) = self.segments.get(index)
            && let Some(switch) = self.segments.get(index + 1)
            && matches!(switch.kind, SegmentKind::Switch { step: switch_step, .. } if switch_step == *step)
        {
            return switch.start;
        }
        self.next_boundary(position)
    }

    /// Where "previous" goes from `position`: the start of the step before the current one
    /// (the closing breathing counts as one past the last step; in the first step, its start).
    pub fn previous_step_start(&self, position: Duration) -> Duration {
        let current = self.step_starts.iter().rposition(|&start| start <= position).unwrap_or(0);
        let in_settle = position >= self.settle_start && !self.step_starts.is_empty();
        let target = if in_settle { self.step_starts.len() - 1 } else { current.saturating_sub(1) };
        self.step_starts.get(target).copied().unwrap_or(Duration::ZERO)
    }

    /// The breathing pattern followed during `segment`, if the pacer runs then.
    pub fn breathing_in(&self, routine: &Routine, segment: &Segment) -> Option<BreathingPattern> {
        match segment.kind {
            SegmentKind::Press { step, .. } => Some(routine.breathing_for(&routine.steps[step])),
            SegmentKind::Settle => Some(BreathingPattern::SlowPaced),
            SegmentKind::Rest { .. } | SegmentKind::Switch { .. } => None,
        }
    }

    /// Every cue with `from < at <= to` (or `at <= to` when `from` is `None`), in order.
    /// At equal positions structural cues come before the breathing phase.
    pub fn cues_between(&self, routine: &Routine, from: Option<Duration>, to: Duration) -> Vec<TimedCue> {
        let after = |at: Duration| from.is_none_or(|from| at > from);
        let first = from.map_or(0, |from| self.structural.partition_point(|timed| timed.at <= from));
        let mut cues: Vec<TimedCue> = self.structural[first..]
            .iter()
            .take_while(|timed| timed.at <= to)
            .filter(|timed| after(timed.at))
            .cloned()
            .collect();
        let mut breathing = Vec::new();
        let start_index = from.map_or(0, |from| self.segments.partition_point(|segment| segment.end <= from));
        for segment in self.segments[start_index..].iter().take_while(|segment| segment.start <= to) {
            let Some(pattern) = self.breathing_in(routine, segment) else { continue };
            if after(segment.start) {
                let (phase, phase_ms) = pattern.phases()[0];
                breathing.push(TimedCue { at: segment.start, cue: Cue::BreathPhaseChanged { phase, phase_ms } });
            }
            let lower = from.map_or(Duration::ZERO, |from| from.max(segment.start).saturating_sub(segment.start));
            let upper = to.min(segment.end).saturating_sub(segment.start);
            for (offset, phase) in pattern.phase_starts_between(lower, upper) {
                if offset < segment.length() {
                    let phase_ms = pattern.phases()[pattern.phase_at(offset).phase_index].1;
                    breathing.push(TimedCue {
                        at: segment.start + offset,
                        cue: Cue::BreathPhaseChanged { phase, phase_ms },
                    });
                }
            }
        }
        cues.extend(breathing);
        // Stable: structural cues keep their order and precede breathing at the same moment.
        cues.sort_by_key(|timed| (timed.at, timed.cue.is_breathing()));
        cues
    }

    /// The position of the first cue strictly after `position`.
    pub fn next_cue_after(&self, routine: &Routine, position: Duration) -> Option<Duration> {
        let structural =
            self.structural.get(self.structural.partition_point(|timed| timed.at <= position)).map(|timed| timed.at);
        let breathing = self.segment_at(position).filter(|segment| position < segment.end).and_then(|segment| {
            let pattern = self.breathing_in(routine, segment)?;
            let phase = pattern.phase_at(position.saturating_sub(segment.start));
            let next = segment.start + phase.started_at + Duration::from_millis(pattern.phases()[phase.phase_index].1);
            (next < segment.end).then_some(next)
        });
        match (structural, breathing) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}
