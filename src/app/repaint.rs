//! When the window must be drawn again during a session: never while nothing changes, and
//! during a session only as often as the display needs.

use std::time::Duration;

use crate::session::Status;

/// Repaint interval while the breathing pacer moves: 20 per second is smooth for a shape that
/// changes over seconds, and well under the 30 per second ceiling.
pub const ANIMATED_REPAINT: Duration = Duration::from_millis(50);
/// Lands a scheduled repaint just after the second boundary it waits for.
const BOUNDARY_MARGIN: Duration = Duration::from_millis(3);

/// When the next repaint is needed during a running session.
pub fn next_repaint(status: &Status, reduce_motion: bool) -> Duration {
    if !reduce_motion {
        return ANIMATED_REPAINT;
    }
    // Countdowns show whole seconds, rounded up: they change when the time left crosses a
    // whole second.
    let to_next_second = |remaining: Duration| {
        let fraction = Duration::from_nanos((remaining.as_nanos() % 1_000_000_000) as u64);
        if fraction.is_zero() { Duration::from_secs(1) } else { fraction }
    };
    let mut wait = to_next_second(status.segment_remaining);
    if let Some((_, phase)) = status.breath {
        wait = wait.min(to_next_second(phase.remaining));
    }
    wait + BOUNDARY_MARGIN
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;
    use crate::safety::{Answers, Clearance, evaluate};
    use crate::session::Session;

    /// Simulates the repaints a running session schedules and returns them per second.
    fn repaints_per_second(breathing: crate::breathing::BreathingPattern, reduce_motion: bool) -> f64 {
        let catalog = bundled::catalog().unwrap();
        let mut routine = bundled::routine(&catalog, "stress").unwrap();
        routine.breathing = breathing;
        for step in &mut routine.steps {
            step.breathing = None;
        }
        let Clearance::Cleared(cleared) = evaluate(&routine, &catalog, &Answers::all_no()) else { panic!() };
        let session = Session::start(&cleared, Duration::ZERO);
        let span = Duration::from_secs(120);
        let mut now = Duration::ZERO;
        let mut frames = 0u32;
        while now < span {
            now += next_repaint(&session.status(now), reduce_motion);
            frames += 1;
        }
        f64::from(frames) / span.as_secs_f64()
    }

    #[test]
    fn reduced_motion_repaints_at_most_twice_a_second() {
        for pattern in crate::breathing::BreathingPattern::ALL {
            let rate = repaints_per_second(pattern, true);
            assert!(rate <= 2.0, "{pattern:?}: {rate} per second");
            assert!(rate >= 0.9, "{pattern:?}: the countdown must still move every second ({rate})");
        }
    }

    #[test]
    fn animation_stays_at_or_under_thirty_per_second() {
        let rate = repaints_per_second(crate::breathing::BreathingPattern::SlowPaced, false);
        assert!((19.0..=30.0).contains(&rate), "{rate}");
    }
}
