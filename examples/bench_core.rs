//! Core benchmarks: loading and validating, the session engine.
//!
//! `cargo run --release --example bench_core`
//!
//! Prints the median (and min) of repeated runs for: loading the catalogue and every bundled
//! routine; validating 1,000 routine files; one session tick; a 60-minute routine ticked every
//! millisecond. A plain harness on `std::time::Instant`, so the benchmark needs no extra crate.

#![allow(
    clippy::disallowed_methods,
    reason = "a measurement tool: it times the program from outside, against real time"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use acupress::bundled;
use acupress::routine::{Side, Step, parse_routine, to_ron};
use acupress::safety::{Answers, Clearance, evaluate};
use acupress::session::Session;

fn measure(name: &str, runs: usize, mut work: impl FnMut() -> usize) {
    let mut times = Vec::with_capacity(runs);
    let mut per_run_items = 1;
    for _ in 0..runs {
        let start = Instant::now();
        per_run_items = black_box(work()).max(1);
        times.push(start.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    let per_item = median / u32::try_from(per_run_items).unwrap_or(u32::MAX);
    println!(
        "{name:<46} median {:>10.3} ms  min {:>10.3} ms  ({per_run_items} items, {:>9.3} µs each)",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        per_item.as_secs_f64() * 1e6
    );
}

fn main() -> anyhow::Result<()> {
    let catalog = bundled::catalog()?;
    measure("load catalogue + 6 bundled routines", 50, || {
        let catalog = bundled::catalog().expect("bundled catalogue");
        bundled::routines(&catalog).len() + 1
    });

    // 1,000 different routine files: bundled routines with varied press times and sides.
    let base = bundled::valid_routines(&catalog)?;
    let files: Vec<String> = (0..1000)
        .map(|index| {
            let mut routine = base[index % base.len()].clone();
            routine.id = format!("{}-{index}", routine.id);
            for (step_index, step) in routine.steps.iter_mut().enumerate() {
                step.press_secs = 30 + u32::try_from((index + step_index) % 91).unwrap_or(0);
            }
            to_ron(&routine)
        })
        .collect();
    measure("validate 1,000 routine files", 10, || {
        files.iter().filter(|text| parse_routine(text.as_bytes(), &catalog).is_ok()).count()
    });

    // 1 MiB inputs shaped to make finding positions slow (the same shapes as the regression
    // test in tests/routine_validation.rs): each is checked in one pass.
    let head = r#"Routine(format: 1, id: "big", title: (en: "B", nl: "B"), description: (en: "B", nl: "B"), author: "T", complaints: [], breathing: SlowPaced, rest_secs: 15, steps: ["#;
    let fill_to = |unit: &str, tail: &str| {
        let count = (acupress::source::MAX_FILE_BYTES - head.len() - tail.len()) / unit.len();
        format!("{head}{}{tail}", unit.repeat(count))
    };
    let hostile = [
        (
            "1 MiB: one line, broken at its end",
            fill_to(r#"Step(point: "LI4", side: Both, press_secs: 60, pressure: Medium), "#, "] "),
        ),
        (
            "1 MiB: 19,000 bad steps (38,000 problems)",
            fill_to("Step(point: \"XX1\", press_secs: 999, pressure: Medium),\n", "])"),
        ),
        (
            "1 MiB: many multi-line texts",
            fill_to(
                "Step(point: \"LI4\", side: Both, press_secs: 60, pressure: Medium, note: (en: \"a\nb\", nl: \"c\nd\")),",
                "] x",
            ),
        ),
    ];
    for (name, text) in &hostile {
        measure(name, 5, || usize::from(parse_routine(text.as_bytes(), &catalog).is_err()));
    }

    // A 60-minute routine: 14 steps of 2 x 120 s on both sides.
    let mut long = base[0].clone();
    long.rest_secs = 15;
    long.steps = (0..14)
        .map(|index| Step {
            point: ["LI4", "PC6", "HT7", "ST36", "KI3", "LR3", "GB20"][index % 7].into(),
            side: Some(Side::Both),
            press_secs: 120,
            pressure: acupress::routine::Pressure::Medium,
            breathing: None,
            note: None,
        })
        .collect();
    let Clearance::Cleared(cleared) = evaluate(&long, &catalog, &Answers::all_no()) else {
        anyhow::bail!("the gate blocked the benchmark routine");
    };
    let total = Duration::from_secs(u64::from(long.total_secs()));
    println!("(benchmark routine: {} s)", total.as_secs());
    measure("one tick (mid-session, nothing due)", 20, || {
        let mut session = Session::start(&cleared, Duration::ZERO);
        let _ = session.tick(Duration::from_millis(30_500));
        let ticks = 100_000;
        for offset in 0..ticks {
            // Within one breathing phase: the common case of a tick with nothing due.
            let _ = black_box(session.tick(Duration::from_millis(30_500) + Duration::from_nanos(offset)));
        }
        ticks as usize
    });
    measure("60-minute routine ticked every 1 ms", 3, || {
        let mut session = Session::start(&cleared, Duration::ZERO);
        let mut cues = 0;
        let mut now = Duration::ZERO;
        while now <= total {
            cues += session.tick(now).cues.len();
            now += Duration::from_millis(1);
        }
        assert!(cues > 0);
        (total.as_millis()) as usize
    });
    Ok(())
}
