//! Measures how late each cue fires against its deadline: the scheduling delay of the session's
//! timer thread (not audio device latency).
//!
//! Runs a bundled routine through the real `SessionDriver` and system timer. To finish in
//! seconds, the clock given to the session runs `SPEED` times faster than real time; lateness
//! is converted back to real time. This speed-up exists only in this example.
//!
//! `cargo run --release --example cue_latency [routine-id] [speed]`

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use acupress::bundled;
use acupress::clock::Clock;
use acupress::driver::{CueSink, SessionDriver};
use acupress::safety::{Answers, Clearance, evaluate};
use acupress::session::{Cue, Status, Tick};

/// A clock running `speed` times faster than real time.
struct FastClock {
    origin: Instant,
    speed: u32,
}

impl Clock for FastClock {
    fn now(&self) -> Duration {
        self.origin.elapsed() * self.speed
    }

    fn to_real(&self, duration: Duration) -> Duration {
        duration / self.speed
    }
}

struct LatencySink {
    clock: Arc<FastClock>,
    start: Duration,
    lateness: Arc<Mutex<Vec<(Duration, bool)>>>,
    done: Arc<AtomicBool>,
}

impl CueSink for LatencySink {
    fn deliver(&mut self, tick: &Tick, _status: &Status) {
        let now = self.clock.now();
        let mut lateness = self.lateness.lock().expect("not poisoned");
        for timed in &tick.cues {
            let late_fast = now.saturating_sub(self.start + timed.at);
            lateness.push((late_fast / self.clock.speed, timed.cue.is_breathing()));
            if timed.cue == Cue::SessionComplete {
                self.done.store(true, Ordering::SeqCst);
            }
        }
    }
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index]
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let routine_id = args.next().unwrap_or_else(|| "low-back".into());
    let speed: u32 = args.next().map_or(Ok(30), |arg| arg.parse())?;
    let catalog = bundled::catalog()?;
    let routine = bundled::valid_routines(&catalog)?
        .into_iter()
        .find(|routine| routine.id == routine_id)
        .ok_or_else(|| anyhow::anyhow!("no bundled routine `{routine_id}`"))?;
    let Clearance::Cleared(cleared) = evaluate(&routine, &catalog, &Answers::all_no()) else {
        anyhow::bail!("the gate blocked the routine");
    };
    let clock = Arc::new(FastClock { origin: Instant::now(), speed });
    let lateness = Arc::new(Mutex::new(Vec::new()));
    let done = Arc::new(AtomicBool::new(false));
    let start = clock.now();
    let sink =
        LatencySink { clock: Arc::clone(&clock), start, lateness: Arc::clone(&lateness), done: Arc::clone(&done) };
    let wall = Instant::now();
    let driver = SessionDriver::start(&cleared, clock, vec![Box::new(sink)]);
    while !done.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(driver);
    let lateness = lateness.lock().expect("not poisoned").clone();
    println!(
        "routine {routine_id}: {} of session time at {speed}x in {:.1} s real, {} cues",
        acupress::routine::format_clock(u64::from(routine.total_secs())),
        wall.elapsed().as_secs_f64(),
        lateness.len()
    );
    for (name, breathing) in [("structural", Some(false)), ("breathing", Some(true)), ("all", None)] {
        let mut values: Vec<Duration> = lateness
            .iter()
            .filter(|(_, is_breathing)| breathing.is_none_or(|wanted| wanted == *is_breathing))
            .map(|(late, _)| *late)
            .collect();
        values.sort();
        if values.is_empty() {
            continue;
        }
        println!(
            "{name:<11} n={:<4} p50={:>8.3} ms  p99={:>8.3} ms  max={:>8.3} ms",
            values.len(),
            percentile(&values, 0.5).as_secs_f64() * 1000.0,
            percentile(&values, 0.99).as_secs_f64() * 1000.0,
            values.last().expect("not empty").as_secs_f64() * 1000.0
        );
    }
    Ok(())
}
