// Table-driven tests are long tables, and an underflow panic in a test is simply a failure.
#![allow(clippy::too_many_lines, clippy::unchecked_time_subtraction)]

use std::collections::BTreeMap;
use std::time::Duration;

use super::schedule::MARGIN_BEFORE_CRITICAL;
use super::*;
use crate::breathing::BreathingPattern;
use crate::bundled;
use crate::catalog::Catalog;
use crate::routine::{Pressure, Routine, Step, StepSides};
use crate::session::Timeline;

fn ms(value: u64) -> Duration {
    Duration::from_millis(value)
}

fn secs(value: u64) -> Duration {
    Duration::from_secs(value)
}

fn catalog() -> Catalog {
    bundled::catalog().unwrap()
}

/// Every prompt lasts `default`, except those given.
struct Lengths {
    default: Duration,
    special: BTreeMap<String, Duration>,
}

impl Lengths {
    fn new(default: Duration, special: &[(&str, Duration)]) -> Self {
        Self { default, special: special.iter().map(|(stem, length)| ((*stem).to_owned(), *length)).collect() }
    }
}

impl PromptLengths for Lengths {
    fn length(&self, prompt: &Prompt, _lang: Lang) -> Option<Duration> {
        Some(self.special.get(&prompt.file_stem()).copied().unwrap_or(self.default))
    }
}

fn step(point: &str, side: Option<StepSides>, press_secs: u32) -> Step {
    Step { point: point.into(), side, press_secs, pressure: Pressure::Medium, breathing: None, note: None }
}

/// Rest `rest_secs`; LI4 both sides 30 s; GV20 (midline) 40 s.
fn small_routine(rest_secs: u32) -> Routine {
    let mut routine = bundled::routine(&catalog(), "headache").unwrap();
    routine.rest_secs = rest_secs;
    routine.breathing = BreathingPattern::SlowPaced;
    routine.steps = vec![step("LI4", Some(StepSides::Both), 30), step("GV20", None, 40)];
    routine
}

fn voices(planned: &[Planned]) -> Vec<(u64, String)> {
    planned
        .iter()
        .filter(|planned| planned.sound.kind() == SoundKind::Voice)
        .map(|planned| (planned.start.as_millis() as u64, planned.sound.name()))
        .collect()
}

fn plan_small(rest_secs: u32, lengths: &Lengths, from: PlanFrom) -> Vec<Planned> {
    let routine = small_routine(rest_secs);
    let timeline = Timeline::new(&routine);
    plan(&routine, &timeline, Lang::En, lengths, from)
}

#[test]
fn a_small_routine_sounds_as_designed() {
    // Every prompt 1 s, the find lines 3 s.
    let lengths = Lengths::new(secs(1), &[("point-LI4-find", secs(3)), ("point-GV20-find", secs(3))]);
    let planned = plan_small(15, &lengths, PlanFrom::Start);
    let expected: Vec<(u64, &str)> = vec![
        (0, "point-LI4-name"),
        (1_100, "left-side"),
        // Press at 15 s; the first breath (in) is left to the tone; out at 19 s, in at 25 s.
        (15_000, "press"),
        (19_000, "breathe-out"),
        (25_000, "breathe-in"),
        (45_000, "switch-right"),
        (50_000, "press"),
        (54_000, "breathe-out"),
        (60_000, "breathe-in"),
        // Release at 80 s, then the whole announcement fits in the 15 s rest.
        (80_000, "release"),
        (81_150, "next-point"),
        (82_250, "point-GV20-name"),
        (83_350, "point-GV20-find"),
        (95_000, "press"),
        (99_000, "breathe-out"),
        (105_000, "breathe-in"),
        // The closing minute: release, then the settle words; its first breath is left to the tone.
        (135_000, "release"),
        (136_150, "settle"),
        (139_000, "breathe-out"),
        (145_000, "breathe-in"),
        (195_000, "complete"),
    ];
    let expected: Vec<(u64, String)> = expected.into_iter().map(|(at, name)| (at, name.to_owned())).collect();
    assert_eq!(voices(&planned), expected);
    let chimes: Vec<(u64, String)> = planned
        .iter()
        .filter(|planned| planned.sound.kind() == SoundKind::Chime)
        .map(|planned| (planned.start.as_millis() as u64, planned.sound.name()))
        .collect();
    let chimes: Vec<(u64, &str)> = chimes.iter().map(|(at, name)| (*at, name.as_str())).collect();
    assert_eq!(
        chimes,
        vec![
            (15_000, "press"),
            (45_000, "switch"),
            (50_000, "press"),
            (80_000, "release"),
            (95_000, "press"),
            (135_000, "release"),
            (195_000, "end")
        ]
    );
}

#[test]
fn the_announcement_shrinks_to_fit_the_rest() {
    // (rest, find line, name, expected words after the release)
    let cases: &[(u32, u64, u64, &[&str])] = &[
        (15, 3_000, 1_000, &["next-point", "point-GV20-name", "point-GV20-find"]),
        (6, 3_000, 1_000, &["next-point", "point-GV20-name"]),
        (5, 3_000, 2_000, &["point-GV20-name"]),
        (5, 3_000, 3_600, &[]),
    ];
    for (rest, find_ms, name_ms, expected) in cases {
        let lengths = Lengths::new(secs(1), &[("point-GV20-find", ms(*find_ms)), ("point-GV20-name", ms(*name_ms))]);
        let planned = plan_small(*rest, &lengths, PlanFrom::Start);
        let release_at = u64::from(*rest) * 1000 + 30_000 + 5_000 + 30_000;
        let press_at = release_at + u64::from(*rest) * 1000;
        let said: Vec<String> = voices(&planned)
            .into_iter()
            .filter(|(at, _)| *at > release_at && *at < press_at)
            .map(|(_, name)| name)
            .collect();
        assert_eq!(said, *expected, "rest {rest}, find {find_ms}, name {name_ms}");
        for voice in planned.iter().filter(|planned| planned.urgency == Urgency::Info) {
            assert!(
                voice.end <= ms(press_at) - MARGIN_BEFORE_CRITICAL || voice.start > ms(press_at),
                "rest {rest}: {voice:?} runs into the press"
            );
        }
    }
}

#[test]
fn breathing_words_only_while_their_phase_lasts() {
    // A hold word longer than the hold, and an "out" word that fits.
    let mut routine = small_routine(15);
    routine.steps = vec![step("GV20", None, 60)];
    routine.breathing = BreathingPattern::FourSevenEight;
    let timeline = Timeline::new(&routine);
    let cases = [(ms(6950), false), (ms(6800), true)];
    for (hold_length, spoken) in cases {
        let lengths = Lengths::new(ms(800), &[("hold", hold_length)]);
        let planned = plan(&routine, &timeline, Lang::En, &lengths, PlanFrom::Start);
        let hold_said = voices(&planned).iter().any(|(_, name)| name == "hold");
        assert_eq!(hold_said, spoken, "hold word {hold_length:?} in a 7 s hold");
    }
}

#[test]
fn tones_stop_with_their_segment() {
    // 45 s presses with a 10 s cycle: the last "out" starts at 44 s and would run 5 s into the
    // rest; it is cut at the release.
    let mut routine = small_routine(15);
    routine.steps = vec![step("GV20", None, 45)];
    let timeline = Timeline::new(&routine);
    let planned = plan(&routine, &timeline, Lang::En, &Lengths::new(secs(1), &[]), PlanFrom::Start);
    let release = secs(15 + 45);
    for tone in planned.iter().filter(|planned| planned.sound.kind() == SoundKind::Tone) {
        let segment = timeline.segment_at(tone.start).unwrap();
        assert!(tone.end <= segment.end, "{tone:?} outlasts its segment");
        if tone.start == secs(59) {
            assert_eq!(tone.end, release);
            assert_eq!(tone.sound, Sound::Tone { phase: BreathPhase::Out, length_ms: 1000 });
        }
    }
}

#[test]
fn a_jump_says_nothing_of_the_step_left_and_a_resume_says_where_you_are() {
    let lengths = Lengths::new(secs(1), &[]);
    // Next from the first press to step 2 at 80 s: no "release", straight to the announcement.
    let jumped = plan_small(15, &lengths, PlanFrom::Jump(secs(80)));
    let first: Vec<(u64, String)> = voices(&jumped).into_iter().take(3).collect();
    assert_eq!(
        first,
        vec![(80_000, "next-point".into()), (81_100, "point-GV20-name".into()), (82_200, "point-GV20-find".into())]
    );
    assert!(jumped.iter().all(|planned| planned.start >= secs(80)));
    assert!(!jumped.iter().any(|planned| planned.sound == Sound::Chime(Chime::Release) && planned.start == secs(80)));
    // Resume in the middle of the right-side press of LI4: "Joining Valley, right side".
    let resumed = plan_small(15, &lengths, PlanFrom::Resume(secs(57)));
    let first: Vec<(u64, String)> = voices(&resumed).into_iter().take(3).collect();
    assert_eq!(
        first,
        vec![(57_000, "point-LI4-name".into()), (58_100, "right-side".into()), (60_000, "breathe-in".into())]
    );
    assert!(resumed.iter().all(|planned| planned.start >= secs(57)));
}

#[test]
fn the_get_ready_announcement_names_the_first_point() {
    let routine = small_routine(15);
    let planned = ready_announcement(&routine, Lang::Nl, &Lengths::new(secs(2), &[]));
    let names: Vec<String> = planned.iter().map(|planned| planned.sound.name()).collect();
    assert_eq!(
        names,
        ["stop-rule", "guidance", "first-point", "point-LI4-name", "left-side", "point-LI4-find", "when-ready"]
    );
    for pair in planned.windows(2) {
        assert!(pair[1].start >= pair[0].end, "no overlap: {pair:?}");
    }
}

/// The promises, for every bundled routine in both languages, with the real recordings.
#[test]
fn every_bundled_routine_is_guided_on_time_in_both_languages() {
    let catalog = catalog();
    for routine in bundled::valid_routines(&catalog).unwrap() {
        let timeline = Timeline::new(&routine);
        for lang in Lang::ALL {
            let context = format!("{} ({})", routine.id, lang.code());
            let planned = plan(&routine, &timeline, lang, &Recorded, PlanFrom::Start);
            let mut voices: Vec<&Planned> =
                planned.iter().filter(|planned| planned.sound.kind() == SoundKind::Voice).collect();
            voices.sort_by_key(|planned| planned.start);
            for pair in voices.windows(2) {
                assert!(pair[1].start >= pair[0].end, "{context}: voices overlap: {pair:?}");
            }
            for voice in &voices {
                if voice.urgency == Urgency::Critical {
                    assert!(voice.lateness() <= CRITICAL_TOLERANCE, "{context}: late: {voice:?}");
                }
                assert!(voice.end <= timeline.total() + secs(2), "{context}: after the end: {voice:?}");
            }
            // Every press is announced: its point's name (and side) before it, during its rest
            // (or, for the first, in the get-ready announcement and again at the start).
            for (index, step) in routine.steps.iter().enumerate() {
                let rest = timeline.step_starts()[index];
                let press = rest + secs(u64::from(routine.rest_secs));
                let name = Sound::Voice(Prompt::PointName(step.point.clone()), lang);
                assert!(
                    voices.iter().any(|voice| voice.sound == name && voice.start >= rest && voice.end <= press),
                    "{context}: step {} is not announced before its press",
                    index + 1
                );
                if let Some(side) = Prompt::side(step.presses()[0]) {
                    let side = Sound::Voice(side, lang);
                    assert!(
                        voices.iter().any(|voice| voice.sound == side && voice.start >= rest && voice.end <= press),
                        "{context}: step {}'s side is not said",
                        index + 1
                    );
                }
            }
            // Breathing words are said within their phase and match it.
            for voice in &voices {
                let Sound::Voice(prompt, _) = &voice.sound else { continue };
                let wanted = match prompt {
                    Prompt::BreatheIn => BreathPhase::In,
                    Prompt::BreatheOut => BreathPhase::Out,
                    Prompt::Hold => BreathPhase::HoldFull,
                    _ => continue,
                };
                let phase_at = |position: Duration| {
                    let segment = timeline.segment_at(position)?;
                    let pattern = timeline.breathing_in(&routine, segment)?;
                    Some(pattern.phase_at(position - segment.start).phase)
                };
                for at in [voice.start, voice.end - ms(1)] {
                    let phase = phase_at(at).unwrap_or_else(|| panic!("{context}: {voice:?} outside breathing"));
                    let same = phase == wanted || (wanted.is_hold() && phase.is_hold());
                    assert!(same, "{context}: {voice:?} is said during {phase:?}");
                }
            }
            assert!(announcement_shortfalls(&routine, lang, &Recorded).is_empty(), "{context}");
            let ready = ready_announcement(&routine, lang, &Recorded);
            assert_eq!(ready.len(), 6 + usize::from(routine.steps[0].side.is_some()), "{context}: {ready:?}");
        }
    }
}

#[test]
fn a_rest_too_short_to_announce_is_found() {
    let mut routine = small_routine(5);
    routine.steps = vec![step("LI4", Some(StepSides::Both), 30), step("SP6", Some(StepSides::Both), 30)];
    let shortfalls = announcement_shortfalls(&routine, Lang::Nl, &Lengths::new(ms(2500), &[]));
    // Step 1: name 2.5 + gap 0.1 + side 2.5 + margin 1.0. Step 2: the release 2.5 and a gap
    // of 0.15 come first.
    assert_eq!(shortfalls, vec![(1, ms(6100)), (2, ms(8750))]);
    assert!(announcement_shortfalls(&small_routine(15), Lang::Nl, &Lengths::new(ms(2500), &[])).is_empty());
}

/// A text changed but its recording was not made again: this fails until
/// `assets/audio/generate.py` has been run.
#[test]
fn every_recording_says_the_current_text() {
    let catalog = catalog();
    let mut stale = Vec::new();
    for lang in Lang::ALL {
        for prompt in Prompt::all(&catalog) {
            let text = prompt.text(&catalog, lang).unwrap();
            match Recorded::recorded_text(&prompt, lang) {
                None => stale.push(format!("{}/{}: not recorded", lang.code(), prompt.file_stem())),
                Some(recorded) if recorded != text => {
                    stale.push(format!(
                        "{}/{}: says \"{recorded}\", the app says \"{text}\"",
                        lang.code(),
                        prompt.file_stem()
                    ));
                }
                Some(_) => {}
            }
        }
    }
    let expected: usize = Lang::ALL.len() * Prompt::all(&catalog).len();
    assert_eq!(Recorded::all().count(), expected, "a recording no prompt uses (run assets/audio/generate.py)");
    assert!(stale.is_empty(), "recordings to regenerate with assets/audio/generate.py:\n{}", stale.join("\n"));
}

#[test]
fn the_recordings_table_is_sorted_for_lookup() {
    // `Recorded` finds prompts by binary search; `every_recording_says_the_current_text` then finds each one.
    let all: Vec<(&str, &str)> = Recorded::all().collect();
    assert!(all.len() > 100);
    assert!(all.windows(2).all(|pair| pair[0] < pair[1]), "RECORDED must be sorted by language, then stem");
}
