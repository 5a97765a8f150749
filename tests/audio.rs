//! What the person hears and when, through the same code the app plays with: the real session
//! driver on a manual clock, the session's sound, and a recording output; the mix rendered
//! offline; the device coming and going.

// Table-driven tests are long tables, and an underflow panic in a test is simply a failure.
#![allow(clippy::too_many_lines, clippy::unchecked_time_subtraction)]

mod common;

use common::PATIENCE;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use acupress::audio::mix::{CEILING, Mix, MixOutput, SILENCE_FADE, SynthCache};
use acupress::audio::output::{
    AudioOutput, OutputConfig, OutputDevice, OutputEvent as Event, RecordingOutput, decode_prompt,
};
use acupress::audio::{
    AudioError, AudioStatus, Chime, Prompt, RodioAudio, SessionSound, SharedSoundSettings, Sound, SoundKind,
    SoundSettings,
};
use acupress::breathing::BreathPhase;
use acupress::bundled;
use acupress::clock::{Clock, ManualClock};
use acupress::driver::{SessionCommand, SessionDriver};
use acupress::routine::Routine;
use acupress::safety::{Answers, Clearance, ClearedRoutine, evaluate};
use acupress::session::{SegmentKind, Timeline};
use acupress::speech::{self, CRITICAL_TOLERANCE, PlanFrom, PromptLengths as _, Recorded, Urgency};
use acupress::text::Lang;

fn routines() -> Vec<Routine> {
    bundled::valid_routines(&bundled::catalog().unwrap()).unwrap()
}

fn cleared(routine: &Routine) -> ClearedRoutine {
    match evaluate(routine, &bundled::catalog().unwrap(), &Answers::all_no()) {
        Clearance::Cleared(cleared) => *cleared,
        Clearance::Blocked(block) => panic!("blocked: {block:?}"),
    }
}

fn length(sound: &Sound) -> Duration {
    match sound {
        Sound::Voice(prompt, lang) => Recorded.length(prompt, *lang).expect("recorded"),
        Sound::Chime(chime) => chime.length(),
        Sound::Tone { length_ms, .. } => Duration::from_millis(*length_ms),
    }
}

/// A session on a manual clock through the real driver, the session's sound and a recording.
struct Run {
    clock: ManualClock,
    driver: SessionDriver,
    recording: RecordingOutput,
}

impl Run {
    fn start(routine: &Routine, lang: Lang) -> Run {
        let clock = ManualClock::new();
        let recording = RecordingOutput::new(Arc::new(clock.clone()));
        let settings = SharedSoundSettings::new(SoundSettings::default(), lang);
        let sound = SessionSound::for_speaker(routine.clone(), settings, &recording);
        let driver = SessionDriver::start(&cleared(routine), Arc::new(clock.clone()), vec![Box::new(sound)]);
        assert!(driver.wait_until_caught_up(PATIENCE));
        Run { clock, driver, recording }
    }

    /// Moves the clock from deadline to deadline until `until` (or the end).
    fn run_until(&self, until: Duration) {
        while let Some(deadline) = self.driver.next_deadline() {
            let target = deadline.min(until);
            if target > self.clock.now() {
                self.clock.advance(target - self.clock.now());
            }
            assert!(self.driver.wait_until_caught_up(PATIENCE));
            if target == until {
                break;
            }
        }
    }

    /// The sounds that were (or will be) heard: those asked for, less what a later silence cut
    /// off before it began. Each with its start and its end (cut short by a silence).
    fn heard(&self) -> Vec<(Duration, Duration, Sound)> {
        let events = self.recording.events();
        let mut heard = Vec::new();
        for (index, event) in events.iter().enumerate() {
            let Event::Play { at, sound } = event else { continue };
            let silenced = events[index + 1..].iter().find_map(|later| match later {
                Event::Silence { at } => Some(*at),
                Event::Play { .. } | Event::Warm { .. } => None,
            });
            let mut end = *at + length(sound);
            if let Some(silenced) = silenced {
                if silenced <= *at {
                    continue;
                }
                end = end.min(silenced);
            }
            heard.push((*at, end, sound.clone()));
        }
        heard
    }
}

#[test]
fn every_bundled_routine_plays_its_plan_on_time_in_both_languages() {
    for routine in routines() {
        let timeline = Timeline::new(&routine);
        for lang in Lang::ALL {
            let context = format!("{} ({})", routine.id, lang.code());
            let run = Run::start(&routine, lang);
            run.run_until(timeline.total() + Duration::from_secs(10));
            assert!(run.driver.next_deadline().is_none(), "{context}: finished");
            // Exactly the plan, at exactly its times.
            let mut played: Vec<(Duration, String)> =
                run.recording.played().into_iter().map(|(at, sound)| (at, format!("{sound:?}"))).collect();
            let mut planned: Vec<(Duration, String)> =
                speech::plan(&routine, &timeline, lang, &Recorded, PlanFrom::Start)
                    .into_iter()
                    .map(|planned| (planned.start, format!("{:?}", planned.sound)))
                    .collect();
            played.sort();
            planned.sort();
            assert_eq!(played, planned, "{context}");
            // Time-critical prompts on their cue; no two voices at once.
            let plan = speech::plan(&routine, &timeline, lang, &Recorded, PlanFrom::Start);
            for planned in plan.iter().filter(|planned| planned.urgency == Urgency::Critical) {
                assert!(planned.lateness() <= CRITICAL_TOLERANCE, "{context}: {planned:?}");
            }
            let mut voices: Vec<(Duration, Duration, Sound)> =
                run.heard().into_iter().filter(|(_, _, sound)| sound.kind() == SoundKind::Voice).collect();
            voices.sort_by_key(|(start, ..)| *start);
            for pair in voices.windows(2) {
                assert!(pair[1].0 >= pair[0].1, "{context}: voices overlap: {pair:?}");
            }
        }
    }
}

#[test]
fn stop_silences_everything_and_nothing_plays_after_it() {
    for routine in routines() {
        let timeline = Timeline::new(&routine);
        for lang in Lang::ALL {
            let context = format!("{} ({})", routine.id, lang.code());
            let run = Run::start(&routine, lang);
            // In the middle of the first press, while its words are still coming.
            let stop_at = timeline.step_starts()[0]
                + Duration::from_secs(u64::from(routine.rest_secs))
                + Duration::from_millis(4_300);
            run.run_until(stop_at);
            run.driver.command(SessionCommand::Stop);
            run.clock.advance(Duration::from_secs(600));
            assert!(run.driver.wait_until_caught_up(PATIENCE));
            let events = run.recording.events();
            assert_eq!(events.last(), Some(&Event::Silence { at: stop_at }), "{context}: stop silences at once");
            let after: Vec<_> = run.heard().into_iter().filter(|(start, ..)| *start > stop_at).collect();
            assert!(after.is_empty(), "{context}: plays after stop: {after:?}");
            assert!(run.heard().iter().all(|(_, end, _)| *end <= stop_at), "{context}: a sound goes on after stop");
        }
    }
}

#[test]
fn next_during_a_find_line_cuts_it_and_never_speaks_of_the_step_left() {
    for routine in routines() {
        let timeline = Timeline::new(&routine);
        for lang in Lang::ALL {
            let context = format!("{} ({})", routine.id, lang.code());
            let plan = speech::plan(&routine, &timeline, lang, &Recorded, PlanFrom::Start);
            // The longest information said during a rest (step 2 or later): a "how to find it"
            // line where one fits.
            let Some(find) = plan
                .iter()
                .filter(|planned| planned.urgency == Urgency::Info && planned.start > Duration::from_secs(1))
                .filter(|planned| {
                    matches!(
                        timeline.segment_at(planned.start).map(|segment| segment.kind),
                        Some(SegmentKind::Rest { .. })
                    )
                })
                .max_by_key(|planned| planned.end - planned.start)
            else {
                panic!("{context}: nothing said in a rest");
            };
            let Some(SegmentKind::Rest { step }) = timeline.segment_at(find.start).map(|segment| segment.kind) else {
                panic!("{context}: the find line is not in a rest");
            };
            let left = &routine.steps[step].point;
            let run = Run::start(&routine, lang);
            run.run_until(find.start + Duration::from_millis(400));
            let next_at = run.clock.now();
            assert!(next_at < find.end, "{context}: the find line is still playing");
            run.driver.command(SessionCommand::Next);
            run.run_until(next_at + Duration::from_secs(90));
            let heard = run.heard();
            let find_heard =
                heard.iter().find(|(start, _, sound)| *start == find.start && *sound == find.sound).unwrap();
            assert_eq!(find_heard.1, next_at, "{context}: the find line is cut at once");
            for (start, _, sound) in heard.iter().filter(|(start, ..)| *start >= next_at) {
                let about_left = matches!(sound, Sound::Voice(speech::Prompt::PointName(code) | speech::Prompt::PointFind(code), _) if code == left)
                    && routine.steps.get(step + 1).is_none_or(|next| &next.point != left);
                assert!(!about_left, "{context}: {sound:?} at {start:?} speaks of the step that was left");
            }
        }
    }
}

#[test]
fn pause_silences_and_resume_says_where_you_are() {
    let routine = bundled::routine(&bundled::catalog().unwrap(), "neck-shoulders").unwrap();
    let press = Duration::from_secs(u64::from(routine.rest_secs));
    let run = Run::start(&routine, Lang::Nl);
    let pause_at = press + Duration::from_millis(7_500);
    run.run_until(pause_at);
    run.driver.command(SessionCommand::TogglePause);
    run.clock.advance(Duration::from_secs(30));
    run.driver.command(SessionCommand::TogglePause);
    let resumed_at = pause_at + Duration::from_secs(30);
    let events = run.recording.events();
    assert!(events.contains(&Event::Silence { at: pause_at }), "pause silences");
    let first = &routine.steps[0];
    let said_on_resume: Vec<Sound> = run
        .recording
        .played()
        .into_iter()
        .filter(|(at, _)| *at >= resumed_at && *at < resumed_at + Duration::from_secs(3))
        .map(|(_, sound)| sound)
        .collect();
    assert_eq!(
        said_on_resume,
        vec![
            Sound::Voice(Prompt::PointName(first.point.clone()), Lang::Nl),
            Sound::Voice(Prompt::side(first.presses()[0]).unwrap(), Lang::Nl)
        ],
        "a brief re-announcement"
    );
}

/// Pulls `duration` of samples from the mix.
fn render(output: &mut MixOutput, rate: u32, duration: Duration) -> Vec<f32> {
    let count = (duration.as_secs_f64() * f64::from(rate)) as usize;
    output.by_ref().take(count).collect()
}

fn peak(samples: &[f32]) -> f32 {
    samples.iter().fold(0.0f32, |max, sample| max.max(sample.abs()))
}

#[test]
fn the_mix_never_goes_above_minus_one_dbfs() {
    let rate = 48_000;
    let (mix, mut output) = Mix::new(rate, None);
    // The loudest moment of a session: press chime, "press now" and the breathing tone at
    // once, plus a second chime and voice on top, at full volume.
    let sounds = vec![
        (Duration::ZERO, Sound::Chime(Chime::Press)),
        (Duration::ZERO, Sound::Voice(Prompt::Press, Lang::Nl)),
        (Duration::ZERO, Sound::Tone { phase: BreathPhase::In, length_ms: 4_000 }),
        (Duration::from_millis(20), Sound::Chime(Chime::End)),
        (Duration::from_millis(40), Sound::Voice(Prompt::StopRule, Lang::En)),
    ];
    mix.play(&sounds, 1.0);
    let samples = render(&mut output, rate, Duration::from_secs(4));
    let loudest = peak(&samples);
    assert!(loudest <= CEILING, "peak {loudest} over -1 dBFS");
    assert!(loudest > 0.5, "the limiter does not just mute: {loudest}");
}

#[test]
fn silence_cuts_playing_and_waiting_sounds_within_a_few_milliseconds() {
    let rate = 48_000;
    let (mix, mut output) = Mix::new(rate, None);
    mix.play(
        &[
            (Duration::ZERO, Sound::Voice(Prompt::StopRule, Lang::Nl)),
            (Duration::from_secs(1), Sound::Chime(Chime::Press)),
        ],
        1.0,
    );
    let playing = render(&mut output, rate, Duration::from_millis(500));
    assert!(peak(&playing) > 0.1, "the voice plays: {}", peak(&playing));
    mix.silence();
    let fade = render(&mut output, rate, SILENCE_FADE + Duration::from_millis(2));
    assert!(peak(&fade) <= peak(&playing), "a fade, not a jump");
    let after = render(&mut output, rate, Duration::from_secs(2));
    assert!(peak(&after) == 0.0, "silent after the fade, and the waiting chime never plays");
    // New sounds play again.
    mix.play(&[(Duration::ZERO, Sound::Chime(Chime::Release))], 1.0);
    assert!(peak(&render(&mut output, rate, Duration::from_millis(300))) > 0.1);
}

/// The first sample of `samples` above a whisper, as a time from the start.
fn first_sound(samples: &[f32], rate: u32) -> Option<Duration> {
    let index = samples.iter().position(|sample| sample.abs() > 1e-4)?;
    Some(Duration::from_secs_f64(index as f64 / f64::from(rate)))
}

#[test]
fn time_spent_on_the_way_to_the_mix_comes_off_each_sounds_offset() {
    let rate = 48_000;
    let (mix, mut output) = Mix::new(rate, None);
    // Asked for 100 ms from the request; the request reached the mix 30 ms after it was made.
    mix.play_since(&[(Duration::from_millis(100), Sound::Chime(Chime::Press))], 1.0, &|| Duration::from_millis(30));
    let starts = first_sound(&render(&mut output, rate, Duration::from_millis(300)), rate).expect("the chime plays");
    // (The limiter's look-ahead of 1.5 ms delays the whole mix alike.)
    assert!(starts.abs_diff(Duration::from_millis(70)) <= Duration::from_millis(2), "starts at {starts:?}");
    // Later than its moment already: it starts at once rather than never.
    mix.silence();
    let _ = render(&mut output, rate, Duration::from_millis(20));
    mix.play_since(&[(Duration::from_millis(10), Sound::Chime(Chime::Press))], 1.0, &|| Duration::from_millis(30));
    let starts = first_sound(&render(&mut output, rate, Duration::from_millis(300)), rate).expect("the chime plays");
    assert!(starts <= Duration::from_millis(2), "starts at {starts:?}");
}

#[test]
fn chimes_and_tones_are_made_once_ahead_of_their_cues() {
    let cache = SynthCache::default();
    let tone = Sound::Tone { phase: BreathPhase::Out, length_ms: 6_000 };
    cache.warm(&[tone.clone(), Sound::Chime(Chime::Press)]);
    let first = cache.samples(&tone).expect("a tone has samples");
    let again = cache.samples(&tone).expect("a tone has samples");
    assert!(Arc::ptr_eq(&first, &again), "made once, then shared");
    assert_eq!(first.len(), 6 * 44_100);
    assert!(cache.samples(&Sound::Voice(Prompt::Press, Lang::En)).is_none(), "voices are decoded, not made");
}

/// Integrated loudness (ITU-R BS.1770-4: K-weighting, 400 ms blocks, absolute and relative
/// gates) of mono samples, in LUFS.
fn loudness(samples: &[f32], rate: u32) -> f64 {
    let fs = f64::from(rate);
    // Stage 1: the head's high shelf; stage 2: the RLB high-pass (coefficients for any rate).
    let shelf = {
        let (f0, gain_db, q) = (1_681.974_450_955_533, 3.999_843_853_973_347, 0.707_175_236_955_419_6);
        let k = (std::f64::consts::PI * f0 / fs).tan();
        let vh = 10f64.powf(gain_db / 20.0);
        let vb = vh.powf(0.499_666_774_154_541_6);
        let a0 = 1.0 + k / q + k * k;
        (
            [(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0],
            [2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0],
        )
    };
    let high_pass = {
        let (f0, q) = (38.135_470_876_024_44, 0.500_327_037_323_877_3);
        let k = (std::f64::consts::PI * f0 / fs).tan();
        let a0 = 1.0 + k / q + k * k;
        ([1.0, -2.0, 1.0], [2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0])
    };
    let filter = |input: Vec<f64>, (b, a): ([f64; 3], [f64; 2])| -> Vec<f64> {
        let (mut x1, mut x2, mut y1, mut y2) = (0.0, 0.0, 0.0, 0.0);
        input
            .into_iter()
            .map(|x| {
                let y = b[0] * x + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2;
                (x2, x1, y2, y1) = (x1, x, y1, y);
                y
            })
            .collect()
    };
    let weighted = filter(filter(samples.iter().map(|s| f64::from(*s)).collect(), shelf), high_pass);
    let block = (0.4 * fs) as usize;
    let step = block / 4;
    let powers: Vec<f64> = (0..=(weighted.len().saturating_sub(block) / step))
        .map(|index| {
            weighted[index * step..(index * step + block).min(weighted.len())].iter().map(|y| y * y).sum::<f64>()
                / block as f64
        })
        .collect();
    let lufs = |power: f64| -0.691 + 10.0 * power.log10();
    let above = |gate: f64| -> Vec<f64> { powers.iter().copied().filter(|power| lufs(*power) > gate).collect() };
    let absolute = above(-70.0);
    let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
    let relative_gate = lufs(mean(&absolute)) - 10.0;
    lufs(mean(&above(relative_gate)))
}

fn decoded(sound: &Sound) -> (Vec<f32>, u32) {
    let decoder = decode_prompt(sound).unwrap();
    let rate = rodio::Source::sample_rate(&decoder).get();
    (decoder.collect(), rate)
}

#[test]
fn the_breathing_tone_sits_at_least_6_db_under_the_voice_and_reaches_small_speakers() {
    use acupress::audio::synth::{SYNTH_RATE, tone_samples};
    // The loudness measure agrees with the generator's (ffmpeg ebur128: -20 LUFS per file).
    let (voice, voice_rate) = decoded(&Sound::Voice(Prompt::StopRule, Lang::En));
    let voice_lufs = loudness(&voice, voice_rate);
    assert!((voice_lufs + 20.0).abs() < 0.7, "voice measured at {voice_lufs:.1} LUFS");
    let mut breath = tone_samples(BreathPhase::In, 4_000);
    breath.extend(tone_samples(BreathPhase::Out, 6_000));
    let tone_lufs = loudness(&breath, SYNTH_RATE);
    assert!(tone_lufs <= voice_lufs - 6.0, "tone {tone_lufs:.1} LUFS, voice {voice_lufs:.1} LUFS");
    assert!(tone_lufs >= voice_lufs - 18.0, "tone {tone_lufs:.1} LUFS is too faint to follow");
    // Its lowest pitch is above the ~300 Hz where small laptop speakers fall away.
    let quarter = &breath[breath.len() - breath.len() / 6..breath.len() - breath.len() / 12];
    let crossings = quarter.windows(2).filter(|pair| pair[0] <= 0.0 && pair[1] > 0.0).count();
    let lowest_hz = crossings as f64 / (quarter.len() as f64 / f64::from(SYNTH_RATE));
    assert!(lowest_hz >= 350.0, "the tone's fundamental goes down to {lowest_hz:.0} Hz");
}

#[test]
fn every_recording_plays_exactly_its_planned_length() {
    let catalog = bundled::catalog().unwrap();
    for lang in Lang::ALL {
        for prompt in Prompt::all(&catalog) {
            let context = format!("{}/{}", lang.code(), prompt.file_stem());
            let sound = Sound::Voice(prompt.clone(), lang);
            let (played, rate) = decoded(&sound);
            let (planned_samples, planned_rate) = Recorded::samples(&prompt, lang).expect("in the build table");
            assert_eq!(rate, planned_rate, "{context}");
            assert_eq!(played.len() as u64, planned_samples, "{context}: played length");
            // The file really holds that much: the raw decoder gives it all, plus at most the
            // padding of one last Vorbis block.
            let bytes = acupress::audio::prompt_ogg(&prompt, lang).unwrap();
            let raw = rodio::Decoder::new(std::io::Cursor::new(bytes)).unwrap().count() as u64;
            assert!(
                (planned_samples..=planned_samples + 2048).contains(&raw),
                "{context}: {raw} decoded, {planned_samples} planned"
            );
        }
    }
}

/// A device that hands its mix to the test.
struct TestDevice(mpsc::Sender<MixOutput>);

impl OutputDevice for TestDevice {
    fn sample_rate(&self) -> u32 {
        48_000
    }

    fn attach(&mut self, output: MixOutput) {
        let _ = self.0.send(output);
    }
}

#[test]
fn sound_comes_back_within_3_s_of_the_device_returning() {
    let clock = ManualClock::new();
    let present = Arc::new(AtomicBool::new(false));
    let attempts = Arc::new(AtomicUsize::new(0));
    let (attached, on_attach) = mpsc::channel();
    let (tried, on_try) = mpsc::channel();
    let opener = {
        let (present, attempts) = (Arc::clone(&present), Arc::clone(&attempts));
        move |_lost| -> Result<Box<dyn OutputDevice>, AudioError> {
            attempts.fetch_add(1, Ordering::SeqCst);
            let plugged_in = present.load(Ordering::SeqCst);
            let _ = tried.send(());
            if plugged_in {
                Ok(Box::new(TestDevice(attached.clone())))
            } else {
                Err(AudioError::NoDevice("unplugged".into()))
            }
        }
    };
    let audio = RodioAudio::start_with(OutputConfig {
        opener: Box::new(opener),
        clock: Arc::new(clock.clone()),
        retry: Duration::from_millis(2_500),
        poll: Duration::from_millis(5),
        probe: None,
    });
    audio.handle().play(vec![(Duration::ZERO, Sound::Chime(Chime::Press))], 1.0);
    on_try.recv_timeout(PATIENCE).expect("it tries the device");
    // Not before the retry interval, however often sound is asked for.
    audio.handle().play(vec![(Duration::ZERO, Sound::Chime(Chime::Press))], 1.0);
    clock.advance(Duration::from_secs(1));
    // The device is plugged back in; 2.5 s after the failed attempt the thread tries again.
    present.store(true, Ordering::SeqCst);
    let returned = clock.now();
    clock.advance(Duration::from_millis(1_500));
    let mut output = on_attach.recv_timeout(PATIENCE).expect("the device is opened again");
    assert!(clock.now() - returned <= Duration::from_secs(3));
    assert_eq!(attempts.load(Ordering::SeqCst), 2, "one failed attempt, then the one that worked");
    assert_eq!(audio.status(), AudioStatus::Playing);
    audio.handle().play(vec![(Duration::ZERO, Sound::Chime(Chime::Press))], 1.0);
    // The chime reaches the returned device.
    let heard = (0..2_000).any(|_| peak(&output.by_ref().take(48).collect::<Vec<_>>()) > 0.05);
    assert!(heard, "the chime plays on the returned device");
}

#[test]
fn without_a_device_the_output_says_so_and_keeps_trying() {
    let clock = ManualClock::new();
    let (tried, on_try) = mpsc::channel();
    let audio = RodioAudio::start_with(OutputConfig {
        opener: Box::new(move |_lost| {
            let _ = tried.send(());
            Err(AudioError::NoDevice("test: no device".into()))
        }),
        clock: Arc::new(clock.clone()),
        retry: Duration::from_millis(2_500),
        poll: Duration::from_millis(5),
        probe: None,
    });
    assert_eq!(audio.status(), AudioStatus::Idle);
    audio.handle().play(vec![(Duration::ZERO, Sound::Chime(Chime::Press))], 1.0);
    for _ in 0..3 {
        on_try.recv_timeout(PATIENCE).expect("looks for the device again");
        clock.advance(Duration::from_millis(2_500));
    }
    assert_eq!(audio.status(), AudioStatus::NoDevice);
    // Playing more is harmless.
    audio.handle().play(vec![(Duration::ZERO, Sound::Voice(Prompt::Press, Lang::En))], 1.0);
}

#[test]
fn opening_the_real_device_never_panics() {
    let lost = Arc::new(AtomicBool::new(false));
    match acupress::audio::output::open_default_output(lost) {
        Ok(_speakers) => {}
        Err(AudioError::NoDevice(reason)) => assert!(!reason.is_empty()),
        Err(other) => panic!("unexpected error: {other}"),
    }
}

#[test]
fn each_kind_of_sound_can_be_switched_off() {
    let routine = bundled::routine(&bundled::catalog().unwrap(), "nausea").unwrap();
    for off in [SoundKind::Voice, SoundKind::Chime, SoundKind::Tone] {
        let clock = ManualClock::new();
        let recording = RecordingOutput::new(Arc::new(clock.clone()));
        let mut settings = SoundSettings::default();
        match off {
            SoundKind::Voice => settings.voice = false,
            SoundKind::Chime => settings.chimes = false,
            SoundKind::Tone => settings.breathing_tone = false,
        }
        let sound =
            SessionSound::for_speaker(routine.clone(), SharedSoundSettings::new(settings, Lang::En), &recording);
        let driver = SessionDriver::start(&cleared(&routine), Arc::new(clock.clone()), vec![Box::new(sound)]);
        let run = Run { clock, driver, recording };
        assert!(run.driver.wait_until_caught_up(PATIENCE));
        run.run_until(Duration::from_secs(120));
        let kinds: Vec<SoundKind> = run.recording.played().iter().map(|(_, sound)| sound.kind()).collect();
        for kind in [SoundKind::Voice, SoundKind::Chime, SoundKind::Tone] {
            assert_eq!(kinds.contains(&kind), kind != off, "{off:?} off: {kind:?}");
        }
    }
}

#[test]
fn missed_cues_stay_silent() {
    let routine = bundled::routine(&bundled::catalog().unwrap(), "nausea").unwrap();
    let run = Run::start(&routine, Lang::En);
    let before = run.recording.played().len();
    // The laptop sleeps for a minute; the driver pauses the session just before the press.
    run.clock.advance(Duration::from_secs(60));
    assert!(run.driver.wait_until_caught_up(PATIENCE));
    assert!(
        run.recording.played()[before..]
            .iter()
            .all(|(_, sound)| !matches!(sound, Sound::Chime(Chime::Press) | Sound::Voice(Prompt::Press, _))),
        "no press prompt for a press that is long gone"
    );
    assert_eq!(run.recording.events().last(), Some(&Event::Silence { at: Duration::from_secs(60) }));
}

#[test]
fn the_recording_output_stamps_each_sound_with_its_start() {
    let clock = ManualClock::new();
    let mut recording = RecordingOutput::new(Arc::new(clock.clone()));
    clock.advance(Duration::from_secs(5));
    recording.play(vec![(Duration::from_millis(1_500), Sound::Chime(Chime::End))], 0.5);
    assert_eq!(recording.played(), vec![(Duration::from_millis(6_500), Sound::Chime(Chime::End))]);
}
