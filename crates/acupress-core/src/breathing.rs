//! Breathing patterns and the pacer's phase at any moment.
//!
//! Pure timing: given a pattern and a time offset, which phase (in / hold / out / hold) are we
//! in and how far through it. Never reads the clock; the session passes offsets in.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::text::{Lang, StaticText};

/// A breathing pattern a routine or step can ask for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BreathingPattern {
    /// In 4 s, out 6 s: six breaths a minute. The default; no holds.
    #[default]
    SlowPaced,
    /// In 5.5 s, out 5.5 s. No holds.
    Coherent,
    /// In 4 s, hold 7 s, out 8 s. Has a hold; can make people light-headed.
    FourSevenEight,
    /// In, hold, out, hold: 4 s each.
    Box,
    /// Two short inhales and a long exhale. No holds.
    CyclicSigh,
}

/// What the lungs are doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BreathPhase {
    /// Breathe in.
    In,
    /// A second, short inhale on top of the first (cyclic sigh).
    TopUp,
    /// Hold with full lungs.
    HoldFull,
    /// Breathe out.
    Out,
    /// Hold with empty lungs.
    HoldEmpty,
}

impl BreathPhase {
    /// Whether this phase is a breath hold.
    pub fn is_hold(self) -> bool {
        matches!(self, BreathPhase::HoldFull | BreathPhase::HoldEmpty)
    }

    /// The word the pacer shows.
    pub fn label(self, lang: Lang) -> &'static str {
        let text = match self {
            BreathPhase::In => StaticText { en: "in", nl: "in" },
            BreathPhase::TopUp => StaticText { en: "in a little more", nl: "nog iets in" },
            BreathPhase::HoldFull | BreathPhase::HoldEmpty => StaticText { en: "hold", nl: "vasthouden" },
            BreathPhase::Out => StaticText { en: "out", nl: "uit" },
        };
        text.get(lang)
    }

    /// How full the lungs are at `progress` (0..1) through this phase: 0 empty, 1 full.
    /// The pacer's shape follows this value.
    pub fn fullness(self, progress: f32, pattern: BreathingPattern) -> f32 {
        let progress = progress.clamp(0.0, 1.0);
        // Ease in and out so the shape moves like a breath, not a ramp.
        let eased = 0.5 - 0.5 * (std::f32::consts::PI * progress).cos();
        let after_first_in = if pattern == BreathingPattern::CyclicSigh { 0.8 } else { 1.0 };
        match self {
            BreathPhase::In => eased * after_first_in,
            BreathPhase::TopUp => after_first_in + (1.0 - after_first_in) * eased,
            BreathPhase::HoldFull => 1.0,
            BreathPhase::Out => 1.0 - eased,
            BreathPhase::HoldEmpty => 0.0,
        }
    }
}

/// Where in its pattern a breath is at some moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PhaseAt {
    /// The phase.
    pub phase: BreathPhase,
    /// Index of the phase within the cycle.
    pub phase_index: usize,
    /// Which cycle, from 0.
    pub cycle: u64,
    /// 0..1 through the phase.
    pub progress: f32,
    /// Time left in the phase.
    pub remaining: Duration,
    /// Offset at which this phase started.
    pub started_at: Duration,
}

impl BreathingPattern {
    /// All patterns.
    pub const ALL: [BreathingPattern; 5] = [
        BreathingPattern::SlowPaced,
        BreathingPattern::Coherent,
        BreathingPattern::FourSevenEight,
        BreathingPattern::Box,
        BreathingPattern::CyclicSigh,
    ];

    /// The phases of one cycle with their lengths in milliseconds.
    pub fn phases(self) -> &'static [(BreathPhase, u64)] {
        use BreathPhase::{HoldEmpty, HoldFull, In, Out, TopUp};
        match self {
            BreathingPattern::SlowPaced => &[(In, 4000), (Out, 6000)],
            BreathingPattern::Coherent => &[(In, 5500), (Out, 5500)],
            BreathingPattern::FourSevenEight => &[(In, 4000), (HoldFull, 7000), (Out, 8000)],
            BreathingPattern::Box => &[(In, 4000), (HoldFull, 4000), (Out, 4000), (HoldEmpty, 4000)],
            BreathingPattern::CyclicSigh => &[(In, 2500), (TopUp, 1000), (Out, 5500)],
        }
    }

    /// Length of one cycle.
    pub fn cycle(self) -> Duration {
        Duration::from_millis(self.phases().iter().map(|(_, ms)| ms).sum())
    }

    /// Whether the pattern asks the user to hold their breath (opt-in only; the gate may replace it).
    pub fn has_holds(self) -> bool {
        self.phases().iter().any(|(phase, _)| phase.is_hold())
    }

    /// The phase at `offset` from the start of the pattern.
    pub fn phase_at(self, offset: Duration) -> PhaseAt {
        let cycle_ms = self.cycle().as_millis() as u64;
        let offset_ms = offset.as_millis() as u64;
        let cycle = offset_ms / cycle_ms;
        let mut within_ms = offset_ms % cycle_ms;
        let mut phase_start_ms = cycle * cycle_ms;
        for (phase_index, &(phase, length_ms)) in self.phases().iter().enumerate() {
            if within_ms < length_ms {
                // Sub-millisecond precision for smooth drawing.
                let within = offset.saturating_sub(Duration::from_millis(phase_start_ms));
                let progress = (within.as_secs_f64() / (length_ms as f64 / 1000.0)) as f32;
                return PhaseAt {
                    phase,
                    phase_index,
                    cycle,
                    progress: progress.clamp(0.0, 1.0),
                    remaining: Duration::from_millis(phase_start_ms + length_ms).saturating_sub(offset),
                    started_at: Duration::from_millis(phase_start_ms),
                };
            }
            within_ms -= length_ms;
            phase_start_ms += length_ms;
        }
        unreachable!("within_ms < cycle_ms always lands in a phase")
    }

    /// The offsets in `(after, until]` at which a phase starts, with that phase.
    pub fn phase_starts_between(self, after: Duration, until: Duration) -> Vec<(Duration, BreathPhase)> {
        let mut starts = Vec::new();
        if until <= after {
            return starts;
        }
        let mut current = self.phase_at(after);
        let mut next_start = current.started_at + Duration::from_millis(self.phases()[current.phase_index].1);
        while next_start <= until {
            current = self.phase_at(next_start);
            starts.push((next_start, current.phase));
            next_start += Duration::from_millis(self.phases()[current.phase_index].1);
        }
        starts
    }

    /// The pattern's name.
    pub fn name(self, lang: Lang) -> &'static str {
        let text = match self {
            BreathingPattern::SlowPaced => {
                StaticText { en: "Slow breathing (in 4, out 6)", nl: "Rustig ademen (4 in, 6 uit)" }
            }
            BreathingPattern::Coherent => {
                StaticText { en: "Coherent breathing (5.5 in, 5.5 out)", nl: "Coherente ademhaling (5,5 in, 5,5 uit)" }
            }
            BreathingPattern::FourSevenEight => StaticText {
                en: "4-7-8 breathing (in 4, hold 7, out 8)",
                nl: "4-7-8-ademhaling (4 in, 7 vasthouden, 8 uit)",
            },
            BreathingPattern::Box => StaticText { en: "Box breathing (4-4-4-4)", nl: "Boxademhaling (4-4-4-4)" },
            BreathingPattern::CyclicSigh => StaticText {
                en: "Cyclic sigh (in, in a little more, long out)",
                nl: "Zuchtademhaling (in, nog iets in, lang uit)",
            },
        };
        text.get(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::BreathPhase::{HoldEmpty, HoldFull, In, Out, TopUp};
    use super::*;

    fn ms(value: u64) -> Duration {
        Duration::from_millis(value)
    }

    #[test]
    fn phase_at_table() {
        let cases = [
            (BreathingPattern::SlowPaced, 0, In, 0.0),
            (BreathingPattern::SlowPaced, 2000, In, 0.5),
            (BreathingPattern::SlowPaced, 4000, Out, 0.0),
            (BreathingPattern::SlowPaced, 7000, Out, 0.5),
            (BreathingPattern::SlowPaced, 10_000, In, 0.0),
            (BreathingPattern::Coherent, 5500, Out, 0.0),
            (BreathingPattern::FourSevenEight, 4000, HoldFull, 0.0),
            (BreathingPattern::FourSevenEight, 11_000, Out, 0.0),
            (BreathingPattern::FourSevenEight, 19_000 * 3 + 1000, In, 0.25),
            (BreathingPattern::Box, 12_000, HoldEmpty, 0.0),
            (BreathingPattern::Box, 14_000, HoldEmpty, 0.5),
            (BreathingPattern::CyclicSigh, 2500, TopUp, 0.0),
            (BreathingPattern::CyclicSigh, 3500, Out, 0.0),
        ];
        for (pattern, offset_ms, phase, progress) in cases {
            let at = pattern.phase_at(ms(offset_ms));
            assert_eq!(at.phase, phase, "{pattern:?} at {offset_ms}");
            assert!((at.progress - progress).abs() < 1e-3, "{pattern:?} at {offset_ms}: {}", at.progress);
        }
    }

    #[test]
    fn holds_are_marked() {
        let with_holds: Vec<_> = BreathingPattern::ALL.into_iter().filter(|p| p.has_holds()).collect();
        assert_eq!(with_holds, vec![BreathingPattern::FourSevenEight, BreathingPattern::Box]);
    }

    #[test]
    fn cycle_lengths() {
        let cases = [
            (BreathingPattern::SlowPaced, 10_000),
            (BreathingPattern::Coherent, 11_000),
            (BreathingPattern::FourSevenEight, 19_000),
            (BreathingPattern::Box, 16_000),
            (BreathingPattern::CyclicSigh, 9_000),
        ];
        for (pattern, cycle_ms) in cases {
            assert_eq!(pattern.cycle(), ms(cycle_ms), "{pattern:?}");
        }
    }

    #[test]
    fn phase_starts_between_lists_each_boundary_once() {
        let starts = BreathingPattern::SlowPaced.phase_starts_between(ms(0), ms(20_000));
        assert_eq!(starts, vec![(ms(4000), Out), (ms(10_000), In), (ms(14_000), Out), (ms(20_000), In)]);
        // Split the same span at arbitrary points: same boundaries, none twice.
        let mut split = Vec::new();
        for (a, b) in [(0, 3999), (3999, 4000), (4000, 12_345), (12_345, 20_000)] {
            split.extend(BreathingPattern::SlowPaced.phase_starts_between(ms(a), ms(b)));
        }
        assert_eq!(split, starts);
        assert!(BreathingPattern::Box.phase_starts_between(ms(5), ms(5)).is_empty());
    }

    #[test]
    fn fullness_rises_on_in_and_falls_on_out() {
        let pattern = BreathingPattern::SlowPaced;
        assert!(In.fullness(0.0, pattern) < In.fullness(0.5, pattern));
        assert!(In.fullness(0.5, pattern) < In.fullness(1.0, pattern));
        assert!(Out.fullness(0.2, pattern) > Out.fullness(0.8, pattern));
        assert!((HoldFull.fullness(0.3, pattern) - 1.0).abs() < f32::EPSILON);
    }
}
