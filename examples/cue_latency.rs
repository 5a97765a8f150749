//! Measures, over a whole bundled routine at real speed:
//!
//! 1. how late each cue fires against its deadline (the session timer thread's scheduling
//!    delay), and
//! 2. from cue to sound: how long after its planned moment each sound's first sample enters the
//!    mix, through the real session sound, output thread and mix.
//!
//! The output thread plays into a virtual device that pulls the mix in 10 ms periods at real
//! time, as a sound card does (`--device` uses the system's default device instead, e.g. an
//! ALSA `null` device). An optional speed factor runs the session clock faster (lateness is
//! converted back to real time); figures for the record are taken at 1x.
//!
//! `cargo run --release --example cue_latency [routine-id] [speed] [--device]`

#![allow(
    clippy::disallowed_methods,
    reason = "a measurement tool: it times the program from outside, against real time"
)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use acupress::audio::mix::{FirstSampleProbe, MixOutput};
use acupress::audio::output::{OutputConfig, OutputDevice, open_default_output};
use acupress::audio::{RodioAudio, SessionSound, SharedSoundSettings, Sound, SoundSettings};
use acupress::bundled;
use acupress::clock::Clock;
use acupress::driver::{Change, CueSink, SessionDriver, Snapshot};
use acupress::safety::{Answers, Clearance, evaluate};
use acupress::session::{Cue, Tick, Timeline};
use acupress::speech::{self, PlanFrom, Recorded, Urgency};
use acupress::text::Lang;

/// The system clock, optionally running `speed` times faster.
struct ExampleClock {
    origin: Instant,
    speed: u32,
}

impl Clock for ExampleClock {
    fn now(&self) -> Duration {
        self.origin.elapsed() * self.speed
    }

    fn wall_unix_secs(&self) -> i64 {
        acupress::clock::SystemClock::new().wall_unix_secs()
    }

    fn to_real(&self, duration: Duration) -> Duration {
        duration / self.speed
    }
}

struct LatencySink {
    clock: Arc<ExampleClock>,
    start: Duration,
    lateness: Arc<Mutex<Vec<(Duration, bool)>>>,
    done: Arc<AtomicBool>,
}

impl CueSink for LatencySink {
    fn deliver(&mut self, tick: &Tick, _now: &Snapshot) {
        let now = self.clock.now();
        let mut lateness = self.lateness.lock().expect("not poisoned");
        for timed in &tick.cues {
            let late = now.saturating_sub(self.start + timed.at);
            lateness.push((late / self.clock.speed, timed.cue.is_breathing()));
            if timed.cue == Cue::SessionComplete {
                self.done.store(true, Ordering::SeqCst);
            }
        }
    }

    fn changed(&mut self, _change: Change, _now: &Snapshot) {}

    fn checkpoint(&mut self, _now: &Snapshot) {}
}

/// A sound card that pulls the mix in 10 ms periods, in real time.
struct VirtualDevice;

impl OutputDevice for VirtualDevice {
    fn sample_rate(&self) -> u32 {
        48_000
    }

    fn attach(&mut self, mut output: MixOutput) {
        std::thread::spawn(move || {
            let period = Duration::from_millis(10);
            let mut next = Instant::now();
            loop {
                for _ in 0..480 {
                    let _ = output.next();
                }
                next += period;
                std::thread::sleep(next.saturating_duration_since(Instant::now()));
            }
        });
    }
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index]
}

fn report(name: &str, mut values: Vec<Duration>) {
    values.sort();
    if values.is_empty() {
        return;
    }
    println!(
        "{name:<24} n={:<4} p50={:>8.3} ms  p99={:>8.3} ms  max={:>8.3} ms",
        values.len(),
        percentile(&values, 0.5).as_secs_f64() * 1000.0,
        percentile(&values, 0.99).as_secs_f64() * 1000.0,
        values.last().expect("not empty").as_secs_f64() * 1000.0
    );
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let real_device = args.iter().any(|arg| arg == "--device");
    let mut positional = args.iter().filter(|arg| !arg.starts_with("--"));
    let routine_id = positional.next().cloned().unwrap_or_else(|| "nausea".into());
    let speed: u32 = positional.next().map_or(Ok(1), |arg| arg.parse())?;
    let catalog = bundled::catalog()?;
    let routine =
        bundled::routine(&catalog, &routine_id).ok_or_else(|| anyhow::anyhow!("no bundled routine `{routine_id}`"))?;
    let Clearance::Cleared(cleared) = evaluate(&routine, &catalog, &Answers::all_no()) else {
        anyhow::bail!("the gate blocked the routine");
    };
    let clock = Arc::new(ExampleClock { origin: Instant::now(), speed });
    let probed: Arc<Mutex<Vec<(Sound, Duration)>>> = Arc::default();
    let probe: FirstSampleProbe = {
        let (probed, clock) = (Arc::clone(&probed), Arc::clone(&clock));
        Arc::new(move |sound: &Sound| probed.lock().expect("not poisoned").push((sound.clone(), clock.now())))
    };
    let opener: acupress::audio::output::Opener = if real_device {
        Box::new(open_default_output)
    } else {
        Box::new(|_lost| Ok(Box::new(VirtualDevice) as Box<dyn OutputDevice>))
    };
    let audio = RodioAudio::start_with(OutputConfig {
        opener,
        clock: Arc::clone(&clock) as Arc<dyn Clock>,
        retry: acupress::audio::output::RETRY_INTERVAL,
        poll: acupress::audio::output::POLL_INTERVAL,
        probe: Some(probe),
    });
    acupress::audio::Speaker::prepare(&audio);
    let lateness = Arc::new(Mutex::new(Vec::new()));
    let done = Arc::new(AtomicBool::new(false));
    let lang = Lang::Nl;
    // Built exactly as the app builds it: through the speaker, as a boxed output.
    let sound =
        SessionSound::for_speaker(routine.clone(), SharedSoundSettings::new(SoundSettings::default(), lang), &audio);
    let start = clock.now();
    let sink =
        LatencySink { clock: Arc::clone(&clock), start, lateness: Arc::clone(&lateness), done: Arc::clone(&done) };
    let wall = Instant::now();
    let driver =
        SessionDriver::start(&cleared, Arc::clone(&clock) as Arc<dyn Clock>, vec![Box::new(sink), Box::new(sound)]);
    while !done.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_millis(500));
    drop(driver);
    let lateness = lateness.lock().expect("not poisoned").clone();
    println!(
        "routine {routine_id}: {} of session time at {speed}x in {:.1} s real, {} cues",
        acupress::routine::format_clock(u64::from(routine.total_secs())),
        wall.elapsed().as_secs_f64(),
        lateness.len()
    );
    println!("timer thread: cue lateness against its deadline");
    report("  structural", lateness.iter().filter(|(_, breathing)| !breathing).map(|(late, _)| *late).collect());
    report("  breathing", lateness.iter().filter(|(_, breathing)| *breathing).map(|(late, _)| *late).collect());
    report("  all", lateness.iter().map(|(late, _)| *late).collect());
    // Cue to sound: each sound's first sample against its planned start (the session ran
    // without pauses, so planned session time + start = planned clock time).
    let plan = speech::plan(cleared.routine(), &Timeline::new(cleared.routine()), lang, &Recorded, PlanFrom::Start);
    let mut probed = probed.lock().expect("not poisoned").clone();
    let mut to_sound = Vec::new();
    let mut critical = Vec::new();
    for planned in &plan {
        let expected = start + planned.start;
        let Some(index) = probed.iter().position(|(sound, _)| *sound == planned.sound) else { continue };
        let (_, at) = probed.remove(index);
        let late = at.saturating_sub(expected) / speed;
        to_sound.push(late);
        if planned.urgency == Urgency::Critical && matches!(planned.sound, Sound::Voice(..)) {
            critical.push(late);
        }
    }
    println!(
        "cue to sound: first sample in the mix against the planned start ({} sounds matched of {})",
        to_sound.len(),
        plan.len()
    );
    report("  every sound", to_sound);
    report("  time-critical voices", critical);
    Ok(())
}
