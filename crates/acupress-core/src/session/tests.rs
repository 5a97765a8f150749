// Table-driven tests are long tables, and an underflow panic in a test is simply a failure.
#![allow(clippy::too_many_lines, clippy::type_complexity, clippy::unchecked_time_subtraction)]

use std::time::Duration;

use proptest::prelude::*;

use super::*;
use crate::bundled;
use crate::catalog::Catalog;
use crate::routine::{Step, StepSides};
use crate::safety::{Answers, Clearance, evaluate};

fn secs(value: u64) -> Duration {
    Duration::from_secs(value)
}

fn catalog() -> Catalog {
    bundled::catalog().expect("bundled catalogue")
}

fn step(point: &str, side: Option<StepSides>, press_secs: u32) -> Step {
    Step { point: point.into(), side, press_secs, pressure: Pressure::Medium, breathing: None, note: None }
}

/// Rest 10 s; LI4 both sides 30 s each; GV20 (midline) 40 s.
fn small_routine() -> Routine {
    let mut routine = bundled::routine(&catalog(), "low-back").unwrap();
    routine.rest_secs = 10;
    routine.breathing = BreathingPattern::SlowPaced;
    routine.steps = vec![step("LI4", Some(StepSides::Both), 30), step("GV20", None, 40)];
    routine
}

fn cleared(routine: &Routine) -> ClearedRoutine {
    match evaluate(routine, &catalog(), &Answers::all_no()) {
        Clearance::Cleared(cleared) => *cleared,
        Clearance::Blocked(block) => panic!("blocked: {block:?}"),
    }
}

/// A long routine: 14 steps of 120 s on both sides, about 61 minutes.
fn hour_routine() -> Routine {
    let mut routine = small_routine();
    routine.rest_secs = 15;
    let codes = ["LI4", "PC6", "HT7", "ST36", "KI3", "LR3", "GB20"];
    routine.steps = (0..14).map(|index| step(codes[index % codes.len()], Some(StepSides::Both), 120)).collect();
    routine
}

fn structural(cues: &[TimedCue]) -> Vec<(u64, Cue)> {
    cues.iter().filter(|timed| !timed.cue.is_breathing()).map(|timed| (timed.at.as_secs(), timed.cue.clone())).collect()
}

#[test]
fn timeline_of_a_small_routine() {
    use BodySide::{Left, Right};
    let routine = small_routine();
    let timeline = Timeline::new(&routine);
    let li4 = PointCode::from("LI4");
    let gv20 = PointCode::from("GV20");
    let medium = Pressure::Medium;
    let expected = vec![
        (0, Cue::StepAnnounced { step: 0, point: li4.clone(), side: Some(Left) }),
        (10, Cue::PressStarted { step: 0, side: Some(Left), pressure: medium, press_secs: 30 }),
        (40, Cue::Released { step: 0, side: Some(Left) }),
        (40, Cue::SideSwitch { step: 0, to: Right }),
        (45, Cue::PressStarted { step: 0, side: Some(Right), pressure: medium, press_secs: 30 }),
        (75, Cue::Released { step: 0, side: Some(Right) }),
        (75, Cue::Rest { next_step: 1, point: gv20.clone(), side: None }),
        (75, Cue::StepAnnounced { step: 1, point: gv20, side: None }),
        (85, Cue::PressStarted { step: 1, side: None, pressure: medium, press_secs: 40 }),
        (125, Cue::Released { step: 1, side: None }),
        (125, Cue::SettleStarted),
        (185, Cue::SessionComplete),
    ];
    assert_eq!(structural(timeline.structural_cues()), expected);
    assert_eq!(timeline.total(), secs(185));
    assert_eq!(u64::from(routine.total_secs()), timeline.total().as_secs(), "routine and timeline agree");
    let _ = li4;
}

#[test]
fn bundled_routines_time_as_declared() {
    let catalog = catalog();
    for (name, loaded) in bundled::routines(&catalog) {
        let routine = loaded.unwrap().routine;
        let timeline = Timeline::new(&routine);
        assert_eq!(timeline.total().as_secs(), u64::from(routine.total_secs()), "{name}");
        assert!(
            (5 * 60..=15 * 60).contains(&routine.total_secs()),
            "{name}: {} s is outside 5-15 minutes",
            routine.total_secs()
        );
    }
}

#[test]
fn breathing_cues_follow_the_pattern_within_presses() {
    let routine = small_routine();
    let mut session = Session::start(&cleared(&routine), secs(100));
    let mut cues = Vec::new();
    for tenth in 0..=300 {
        cues.extend(session.tick(secs(100) + Duration::from_millis(tenth * 100)).cues);
    }
    let breaths: Vec<(u64, BreathPhase)> = cues
        .iter()
        .filter_map(|timed| match timed.cue {
            Cue::BreathPhaseChanged { phase, .. } => Some((timed.at.as_millis() as u64, phase)),
            _ => None,
        })
        .collect();
    // Press starts at 10 s: in at 10, out at 14, in at 20, out at 24, in at 30.
    let expected = vec![
        (10_000, BreathPhase::In),
        (14_000, BreathPhase::Out),
        (20_000, BreathPhase::In),
        (24_000, BreathPhase::Out),
        (30_000, BreathPhase::In),
    ];
    assert_eq!(breaths, expected);
}

#[test]
fn late_breathing_cues_are_dropped_not_reported() {
    let routine = small_routine();
    let mut session = Session::start(&cleared(&routine), secs(100));
    let tick = session.tick(secs(100 + 30));
    let breaths: Vec<u64> =
        tick.cues.iter().filter(|timed| timed.cue.is_breathing()).map(|timed| timed.at.as_secs()).collect();
    assert_eq!(breaths, vec![30], "only the phase starting now");
    assert!(tick.missed.iter().all(|timed| !timed.cue.is_breathing()));
}

#[test]
fn ticks_fire_each_cue_once_and_on_time() {
    let routine = small_routine();
    let start = secs(1000);
    let mut session = Session::start(&cleared(&routine), start);
    let mut fired = Vec::new();
    let mut now = start;
    while session.state() == RunState::Running {
        let tick = session.tick(now);
        assert!(tick.missed.is_empty());
        for timed in tick.cues {
            assert!(
                now - start >= timed.at && now - start - timed.at < Duration::from_millis(250),
                "{timed:?} at {now:?}"
            );
            fired.push(timed);
        }
        now += Duration::from_millis(250);
    }
    assert_eq!(structural(&fired), structural(Timeline::new(&routine).structural_cues()));
    assert_eq!(session.summary(now).steps, vec![StepProgress::Done, StepProgress::Done]);
    assert_eq!(session.summary(now).practised, secs(185));
}

#[test]
fn pause_freezes_time_and_resume_loses_none() {
    let routine = small_routine();
    let mut session = Session::start(&cleared(&routine), secs(0));
    let _ = session.tick(secs(12));
    let _ = session.pause(secs(12));
    assert_eq!(session.status(secs(500)).position, secs(12));
    assert!(session.tick(secs(500)).cues.is_empty(), "nothing fires while paused");
    assert_eq!(session.next_deadline(), None);
    let _ = session.resume(secs(500));
    // The left press ends at position 40: 28 s after resuming.
    assert_eq!(session.next_deadline(), Some(secs(502)), "next breath at 14 s");
    let tick = session.tick(secs(528));
    assert!(structural(&tick.cues).contains(&(40, Cue::Released { step: 0, side: Some(BodySide::Left) })));
    assert_eq!(session.status(secs(528)).position, secs(40));
    assert_eq!(session.summary(secs(528)).practised, secs(40));
}

#[test]
fn next_and_previous_land_on_step_boundaries() {
    let routine = small_routine();
    let mut session = Session::start(&cleared(&routine), secs(0));
    let _ = session.tick(secs(20));
    // Next from the middle of step 0's first side: the switch to its other side.
    let tick = session.next(secs(20));
    assert_eq!(session.status(secs(20)).position, secs(40));
    assert!(tick.cues.iter().any(|timed| matches!(timed.cue, Cue::SideSwitch { step: 0, .. })));
    assert_eq!(session.summary(secs(20)).steps[0], StepProgress::Started, "still in the step");
    // Next again: start of step 1, which is announced; step 0 had 10 s pressed, none to its end.
    let tick = session.next(secs(20));
    assert_eq!(session.status(secs(20)).position, secs(75));
    assert!(tick.cues.iter().any(|timed| matches!(timed.cue, Cue::StepAnnounced { step: 1, .. })));
    assert_eq!(session.summary(secs(20)).steps[0], StepProgress::Partly);
    assert_eq!(session.summary(secs(20)).pressed[0], secs(10), "credit for the seconds pressed");
    // Previous, anywhere in a step: one step back.
    let _ = session.tick(secs(31));
    let _ = session.previous(secs(31));
    assert_eq!(session.status(secs(31)).position, secs(0));
    assert_eq!(session.summary(secs(31)).pressed[0], secs(10), "going back keeps the credit");
    // In the first step, Previous starts it again.
    let _ = session.tick(secs(33));
    let _ = session.previous(secs(33));
    assert_eq!(session.status(secs(33)).position, secs(0));
    // Next through the end: settle, then complete.
    let _ = session.next(secs(33));
    let _ = session.next(secs(33));
    assert_eq!(session.status(secs(33)).position, secs(125));
    // From the closing breathing, Previous goes to the last step.
    let _ = session.previous(secs(33));
    assert_eq!(session.status(secs(33)).position, secs(75));
    let _ = session.next(secs(33));
    let tick = session.next(secs(33));
    assert!(tick.cues.iter().any(|timed| timed.cue == Cue::SessionComplete));
    assert_eq!(session.state(), RunState::Completed);
}

/// Where "next" goes and what it makes of the step, from each part of a two-sided step
/// (rest 10 s; LI4 left 10–40, switch 40–45, right 45–75; GV20 from 75).
#[test]
fn next_goes_to_the_other_side_first_and_counts_what_was_pressed() {
    use StepProgress::{Done, Partly, Skipped, Started};
    let cases: &[(&str, &[u64], u64, StepProgress, u8)] = &[
        // (what, moments of "next" in seconds, position after, step 0's progress, presses done)
        ("in the rest before: skip the point", &[5], 75, Skipped, 0),
        ("during the first side: to the switch", &[20], 40, Started, 0),
        ("first side cut after 10 s, then next in the switch: partly", &[20, 21], 75, Partly, 0),
        ("during the switch, first side done: partly", &[42], 75, Partly, 1),
        ("during the second side: partly", &[50], 75, Partly, 1),
    ];
    let routine = small_routine();
    for (what, nexts, position, progress, presses) in cases {
        let mut session = Session::start(&cleared(&routine), secs(0));
        for at in *nexts {
            let _ = session.tick(secs(*at));
            let _ = session.next(secs(*at));
        }
        let at = *nexts.last().unwrap();
        assert_eq!(session.status(secs(at)).position, secs(*position), "{what}");
        let summary = session.summary(secs(at));
        assert_eq!(summary.steps[0], *progress, "{what}");
        assert_eq!(summary.presses_done[0], *presses, "{what}");
    }
    // Next, next, next … through the whole routine from the first rest: nothing was pressed, so
    // everything is skipped (the release cues where a jump lands end the parts jumped over).
    let mut session = Session::start(&cleared(&routine), secs(0));
    let _ = session.tick(secs(5));
    while session.is_live() {
        let _ = session.next(secs(5));
    }
    let summary = session.summary(secs(5));
    assert!(summary.steps.iter().all(|step| *step == Skipped), "{:?}", summary.steps);
    assert!(summary.presses_done.iter().all(|presses| *presses == 0), "{:?}", summary.presses_done);
    assert_eq!(summary.pressed_total(), secs(0));
    // First side cut short, the second pressed to its end: partly, one press done.
    let mut session = Session::start(&cleared(&routine), secs(0));
    let _ = session.tick(secs(20));
    let _ = session.next(secs(20));
    // The clock moved 20 s for 40 s of the timeline: position 76 at clock 56.
    let _ = session.tick(secs(56));
    let summary = session.summary(secs(56));
    assert_eq!((summary.steps[0], summary.presses_done[0]), (Partly, 1));
    assert_eq!(summary.steps_partly_done(), 1);
    // Both sides to their end: done.
    let mut session = Session::start(&cleared(&routine), secs(0));
    let _ = session.tick(secs(76));
    let summary = session.summary(secs(76));
    assert_eq!((summary.steps[0], summary.presses_done[0]), (Done, 2));
}

#[test]
fn stop_records_where() {
    let routine = small_routine();
    let mut session = Session::start(&cleared(&routine), secs(0));
    let _ = session.tick(secs(80));
    let _ = session.stop(secs(80));
    assert_eq!(session.state(), RunState::Stopped);
    let summary = session.summary(secs(999));
    assert_eq!(summary.stopped_at_step, Some(1));
    assert_eq!(summary.steps_done(), 1);
    assert_eq!(summary.practised, secs(80));
    assert!(session.tick(secs(1000)).cues.is_empty());
    assert!(session.next(secs(1000)).cues.is_empty(), "commands after stop do nothing");
}

#[test]
fn late_tick_reports_missed_instead_of_firing() {
    let routine = small_routine();
    let mut session = Session::start(&cleared(&routine), secs(0));
    let _ = session.tick(secs(0));
    // The laptop sleeps from 5 s to 50 s: the left press (10 s) and its release (40 s) passed.
    let tick = session.tick(secs(50));
    assert!(!tick.cues.iter().any(|timed| matches!(timed.cue, Cue::PressStarted { .. })), "no press-start fired late");
    let missed = structural(&tick.missed);
    assert!(missed.iter().any(|(at, cue)| *at == 10 && matches!(cue, Cue::PressStarted { .. })));
    assert!(missed.iter().any(|(at, cue)| *at == 45 && matches!(cue, Cue::PressStarted { .. })));
    assert!(tick.missed.iter().all(|timed| !timed.cue.is_breathing()));
}

#[test]
fn clock_going_backwards_changes_nothing() {
    let routine = small_routine();
    let mut session = Session::start(&cleared(&routine), secs(100));
    let _ = session.tick(secs(130));
    let position = session.status(secs(130)).position;
    let tick = session.tick(secs(50));
    assert!(tick.cues.is_empty() && tick.missed.is_empty());
    assert_eq!(session.status(secs(50)).position, position);
}

#[test]
fn next_deadline_points_at_the_next_cue() {
    let routine = small_routine();
    let mut session = Session::start(&cleared(&routine), secs(7));
    assert_eq!(session.next_deadline(), Some(secs(7)), "first cue at once");
    let _ = session.tick(secs(7));
    assert_eq!(session.next_deadline(), Some(secs(17)), "press start");
    let _ = session.tick(secs(17));
    assert_eq!(session.next_deadline(), Some(secs(21)), "first out-breath");
}

fn run_with_random_ticks(
    routine: &Routine,
    gaps_ms: &[u64],
    pauses: &[(usize, u64)],
) -> (Vec<(TimedCue, Duration)>, Duration, Session) {
    let start = secs(3);
    let mut session = Session::start(&cleared(routine), start);
    let mut now = start;
    let mut fired = Vec::new();
    let mut paused_total = Duration::ZERO;
    let mut index = 0;
    while session.state() == RunState::Running {
        let tick = session.tick(now);
        assert!(tick.missed.is_empty(), "ticks are frequent enough to miss nothing");
        fired.extend(tick.cues.into_iter().map(|timed| (timed, now)));
        if let Some((_, pause_ms)) = pauses.iter().find(|(at_index, _)| *at_index == index)
            && session.state() == RunState::Running
        {
            // Only a running session can pause (the tick above may just have completed it).
            let tick = session.pause(now);
            fired.extend(tick.cues.into_iter().map(|timed| (timed, now)));
            now += Duration::from_millis(*pause_ms);
            paused_total += Duration::from_millis(*pause_ms);
            let tick = session.resume(now);
            fired.extend(tick.cues.into_iter().map(|timed| (timed, now)));
        }
        now += Duration::from_millis(gaps_ms[index % gaps_ms.len()]);
        index += 1;
    }
    (fired, paused_total, session)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// A 60-minute routine ticked at random intervals: every structural cue fires once, in
    /// order, at its exact position, never early and never more than one tick late.
    #[test]
    fn no_drift_over_an_hour(gaps_ms in proptest::collection::vec(1..1900u64, 1..50)) {
        let routine = hour_routine();
        prop_assert!(routine.total_secs() >= 3600);
        let (fired, _, session) = run_with_random_ticks(&routine, &gaps_ms, &[]);
        let expected = structural(Timeline::new(&routine).structural_cues());
        let got: Vec<(u64, Cue)> = fired.iter().filter(|(timed, _)| !timed.cue.is_breathing()).map(|(timed, _)| (timed.at.as_secs(), timed.cue.clone())).collect();
        prop_assert_eq!(got, expected);
        let max_gap = Duration::from_millis(*gaps_ms.iter().max().unwrap());
        for (timed, now) in &fired {
            let due = secs(3) + timed.at;
            prop_assert!(*now >= due, "fired early: {:?}", timed);
            prop_assert!(*now - due <= max_gap, "fired late: {:?}", timed);
        }
        let announced: Vec<usize> = fired.iter().filter_map(|(timed, _)| match timed.cue { Cue::StepAnnounced { step, .. } => Some(step), _ => None }).collect();
        prop_assert_eq!(announced, (0..routine.steps.len()).collect::<Vec<_>>(), "every step once, in order");
        prop_assert_eq!(session.summary(secs(0)).practised, Timeline::new(&routine).total());
    }

    /// Pauses shift every later cue by exactly the paused time: positions never change, and
    /// the time practised equals the timeline.
    #[test]
    fn pauses_never_gain_or_lose_time(
        gaps_ms in proptest::collection::vec(50..1500u64, 1..20),
        pauses in proptest::collection::vec((0..400usize, 1..600_000u64), 0..6),
    ) {
        let routine = small_routine();
        let (fired, paused_total, session) = run_with_random_ticks(&routine, &gaps_ms, &pauses);
        let expected = structural(Timeline::new(&routine).structural_cues());
        let got: Vec<(u64, Cue)> = fired.iter().filter(|(timed, _)| !timed.cue.is_breathing()).map(|(timed, _)| (timed.at.as_secs(), timed.cue.clone())).collect();
        prop_assert_eq!(got, expected);
        let (complete, when) = fired.iter().find(|(timed, _)| timed.cue == Cue::SessionComplete).unwrap();
        let due = secs(3) + complete.at + paused_total;
        prop_assert!(*when >= due && *when - due < Duration::from_millis(1500));
        prop_assert_eq!(session.summary(*when).practised, Timeline::new(&routine).total());
    }

    /// Any mix of next, previous, pause and resume leaves the position on a step boundary
    /// right after each jump, and never panics.
    #[test]
    fn jumps_land_on_boundaries(commands in proptest::collection::vec((0..5u8, 0..40_000u64), 1..40)) {
        let routine = hour_routine();
        let timeline = Timeline::new(&routine);
        let mut boundaries: Vec<Duration> = timeline.step_starts().to_vec();
        // "Next" during a first side goes to the switch to the other side.
        boundaries.extend(
            timeline.segments().iter().filter(|segment| matches!(segment.kind, SegmentKind::Switch { .. })).map(|segment| segment.start),
        );
        boundaries.push(timeline.settle_start());
        boundaries.push(timeline.total());
        let mut session = Session::start(&cleared(&routine), secs(0));
        let mut now = secs(0);
        for (command, advance_ms) in commands {
            now += Duration::from_millis(advance_ms);
            let _ = match command {
                0 => session.next(now),
                1 => session.previous(now),
                2 => session.pause(now),
                3 => session.resume(now),
                _ => session.tick(now),
            };
            if command < 2 && session.is_live() {
                let position = session.status(now).position;
                prop_assert!(boundaries.contains(&position), "{:?} is not a boundary", position);
            }
        }
    }
}

/// A press cut short counts for the seconds it was held; the longest try counts; going back
/// never lowers it (rest 10 s; LI4 left 10–40, switch 40–45, right 45–75; GV20 rest 75–85,
/// press 85–115).
#[test]
fn a_press_cut_short_counts_for_the_seconds_pressed_and_keeps_its_best() {
    use StepProgress::{Done, Partly, Started};
    // (what, commands as (moment, 'n'ext / 'p'revious / 's'top), when to look, step 0 pressed,
    //  step 0 progress)
    let cases: &[(&str, &[(u64, char)], u64, u64, StepProgress)] = &[
        ("stopped 25 s into the left press", &[(35, 's')], 35, 25, Partly),
        (
            "held 12 s, next to the switch, then stopped in the right press after 8 s",
            &[(22, 'n'), (35, 's')],
            35,
            20,
            Partly,
        ),
        ("left side whole, right cut at 10 s by next", &[(55, 'n')], 55, 40, Partly),
        ("left cut at 5 s, back to the start, then held 20 s and stopped", &[(15, 'p'), (45, 's')], 45, 20, Partly),
        ("left whole, back again from the right side, stopped at once", &[(50, 'p'), (50, 's')], 50, 35, Partly),
        ("still pressing: counts what is held so far", &[], 32, 22, Started),
        ("both sides to their end", &[], 80, 60, Done),
    ];
    let routine = small_routine();
    for (what, commands, look, pressed, progress) in cases {
        let mut session = Session::start(&cleared(&routine), secs(0));
        for (at, command) in *commands {
            let _ = session.tick(secs(*at));
            let _ = match command {
                'n' => session.next(secs(*at)),
                'p' => session.previous(secs(*at)),
                _ => session.stop(secs(*at)),
            };
        }
        let _ = session.tick(secs(*look));
        let summary = session.summary(secs(*look));
        assert_eq!(summary.pressed[0], secs(*pressed), "{what}");
        assert_eq!(summary.steps[0], *progress, "{what}");
    }
}
