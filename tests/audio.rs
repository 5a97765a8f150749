//! Which sound plays for which cue and when; every recording exists; no device is no problem.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use acupress::audio::output::{AudioOutput, RecordingOutput, decode_prompt, open_default_output};
use acupress::audio::{
    AudioError, AudioStatus, Chime, Prompt, RodioAudio, SessionSound, SharedSoundSettings, Sound, SoundSettings,
};
use acupress::breathing::{BreathPhase, BreathingPattern};
use acupress::bundled;
use acupress::clock::{Clock, ManualClock};
use acupress::driver::CueSink as _;
use acupress::routine::{Pressure, Routine, Side, Step};
use acupress::safety::{Answers, Clearance, evaluate};
use acupress::session::Session;
use acupress::text::Lang;

fn routine() -> Routine {
    let catalog = bundled::catalog().unwrap();
    let mut routine = bundled::valid_routines(&catalog).unwrap().swap_remove(0);
    routine.rest_secs = 10;
    routine.breathing = BreathingPattern::SlowPaced;
    let step = |point: &str, side, press_secs| Step {
        point: point.into(),
        side,
        press_secs,
        pressure: Pressure::Medium,
        breathing: None,
        note: None,
    };
    routine.steps = vec![step("LI4", Some(Side::Both), 30), step("GV20", None, 30)];
    routine
}

/// Plays a session on a manual clock, ticking every 250 ms, and returns what was played.
fn play(settings: SoundSettings, lang: Lang, until_secs: u64) -> Vec<(u64, Sound)> {
    let catalog = bundled::catalog().unwrap();
    let routine = routine();
    let Clearance::Cleared(cleared) = evaluate(&routine, &catalog, &Answers::all_no()) else { panic!() };
    let clock = ManualClock::new();
    let output = RecordingOutput::new(Arc::new(clock.clone()));
    let mut sound = SessionSound::new(routine.clone(), SharedSoundSettings::new(settings, lang), output.clone());
    let mut session = Session::start(&cleared, clock.now());
    while clock.now() <= Duration::from_secs(until_secs) {
        let now = clock.now();
        let tick = session.tick(now);
        sound.deliver(&tick, &session.status(now));
        clock.advance(Duration::from_millis(250));
    }
    output.played().into_iter().map(|(at, sound)| (at.as_millis() as u64, sound)).collect()
}

fn at(played: &[(u64, Sound)], millis: u64) -> Vec<Sound> {
    played.iter().filter(|(at, _)| *at == millis).map(|(_, sound)| sound.clone()).collect()
}

#[test]
fn each_cue_plays_its_sounds_on_time() {
    use Lang::En;
    let played = play(SoundSettings::default(), En, 80);
    let li4 = || "LI4".into();
    assert_eq!(
        at(&played, 0),
        vec![
            Sound::Voice(Prompt::StopRule, En),
            Sound::Voice(Prompt::PointName(li4()), En),
            Sound::Voice(Prompt::LeftSide, En),
            Sound::Voice(Prompt::PointFind(li4()), En),
        ],
        "start: stop rule, then the first point and how to find it"
    );
    assert_eq!(
        at(&played, 10_000),
        vec![
            Sound::Chime(Chime::Press),
            Sound::Voice(Prompt::Press, En),
            Sound::Tone { phase: BreathPhase::In, length_ms: 4000 },
            Sound::Voice(Prompt::BreatheIn, En),
        ]
    );
    assert_eq!(
        at(&played, 14_000),
        vec![Sound::Tone { phase: BreathPhase::Out, length_ms: 6000 }, Sound::Voice(Prompt::BreatheOut, En)]
    );
    assert_eq!(
        at(&played, 20_000),
        vec![Sound::Tone { phase: BreathPhase::In, length_ms: 4000 }],
        "after one cycle only the tone"
    );
    assert_eq!(
        at(&played, 40_000),
        vec![
            Sound::Chime(Chime::Release),
            Sound::Voice(Prompt::Release, En),
            Sound::Chime(Chime::Switch),
            Sound::Voice(Prompt::SwitchRight, En)
        ]
    );
    let rest = at(&played, 75_000);
    assert!(rest.contains(&Sound::Chime(Chime::Rest)) && rest.contains(&Sound::Voice(Prompt::NextPoint, En)));
    assert!(
        rest.contains(&Sound::Voice(Prompt::PointName("GV20".into()), En)),
        "the next point is announced during the rest"
    );
    assert!(!rest.contains(&Sound::Voice(Prompt::LeftSide, En)), "no side for a midline point");
    // Nothing between cues.
    assert!(
        played.iter().all(|(at, _)| [
            0, 10_000, 14_000, 20_000, 24_000, 30_000, 34_000, 40_000, 45_000, 49_000, 55_000, 59_000, 65_000, 69_000,
            75_000
        ]
        .contains(at)),
        "{played:?}"
    );
}

#[test]
fn the_end_chimes_and_speaks_in_dutch() {
    let played = play(SoundSettings::default(), Lang::Nl, 200);
    let end = at(&played, 175_000);
    assert_eq!(end, vec![Sound::Chime(Chime::End), Sound::Voice(Prompt::Complete, Lang::Nl)]);
    assert!(played.iter().all(|(_, sound)| !matches!(sound, Sound::Voice(_, Lang::En))));
}

#[test]
fn each_kind_of_sound_can_be_switched_off() {
    let cases = [
        (SoundSettings { voice: false, ..SoundSettings::default() }, "voice"),
        (SoundSettings { chimes: false, ..SoundSettings::default() }, "chimes"),
        (SoundSettings { breathing_tone: false, ..SoundSettings::default() }, "tone"),
    ];
    for (settings, off) in cases {
        let played = play(settings, Lang::En, 80);
        let kinds = |wanted: &str| {
            played.iter().any(|(_, sound)| match sound {
                Sound::Voice(..) => wanted == "voice",
                Sound::Chime(_) => wanted == "chimes",
                Sound::Tone { .. } => wanted == "tone",
            })
        };
        for kind in ["voice", "chimes", "tone"] {
            assert_eq!(kinds(kind), kind != off, "{off} off: {kind}");
        }
    }
}

#[test]
fn missed_cues_stay_silent() {
    let catalog = bundled::catalog().unwrap();
    let routine = routine();
    let Clearance::Cleared(cleared) = evaluate(&routine, &catalog, &Answers::all_no()) else { panic!() };
    let clock = ManualClock::new();
    let output = RecordingOutput::new(Arc::new(clock.clone()));
    let mut sound =
        SessionSound::new(routine, SharedSoundSettings::new(SoundSettings::default(), Lang::En), output.clone());
    let mut session = Session::start(&cleared, Duration::ZERO);
    let tick = session.tick(Duration::ZERO);
    sound.deliver(&tick, &session.status(Duration::ZERO));
    let before = output.played().len();
    // The laptop sleeps for a minute.
    clock.advance(Duration::from_secs(60));
    let tick = session.tick(clock.now());
    assert!(!tick.missed.is_empty());
    sound.deliver(&tick, &session.status(clock.now()));
    assert!(
        output.played()[before..]
            .iter()
            .all(|(_, sound)| !matches!(sound, Sound::Chime(Chime::Press) | Sound::Voice(Prompt::Press, _))),
        "no press prompt for a press that is long gone"
    );
}

#[test]
fn every_prompt_is_recorded_and_decodes() {
    let catalog = bundled::catalog().unwrap();
    for lang in Lang::ALL {
        for prompt in Prompt::all(&catalog) {
            let sound = Sound::Voice(prompt.clone(), lang);
            let decoder =
                decode_prompt(&sound).unwrap_or_else(|err| panic!("{}/{}: {err}", lang.code(), prompt.file_stem()));
            let samples = rodio::Source::sample_rate(&decoder).get();
            let length = decoder.count() as f64 / f64::from(samples);
            assert!(length > 0.3 && length < 25.0, "{}/{}: {length} s", lang.code(), prompt.file_stem());
        }
    }
}

#[test]
fn without_a_device_the_output_says_so_and_keeps_trying() {
    let attempts = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&attempts);
    let audio = RodioAudio::start_with_retry(
        Box::new(move |_lost| {
            counter.fetch_add(1, Ordering::SeqCst);
            Err(AudioError::NoDevice("test: no device".into()))
        }),
        Duration::from_millis(40),
    );
    assert_eq!(audio.status(), AudioStatus::Idle);
    audio.handle().play(vec![Sound::Chime(Chime::Press)], 1.0);
    for _ in 0..100 {
        if audio.status() == AudioStatus::NoDevice && attempts.load(Ordering::SeqCst) >= 3 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(audio.status(), AudioStatus::NoDevice);
    assert!(attempts.load(Ordering::SeqCst) >= 3, "looks for the device again");
    // Playing more is harmless.
    audio.handle().play(vec![Sound::Voice(Prompt::Press, Lang::En)], 1.0);
}

#[test]
fn opening_the_real_device_never_panics() {
    let lost = Arc::new(std::sync::atomic::AtomicBool::new(false));
    match open_default_output(lost) {
        Ok(_sink) => {}
        Err(AudioError::NoDevice(reason)) => assert!(!reason.is_empty()),
        Err(other) => panic!("unexpected error: {other}"),
    }
}
