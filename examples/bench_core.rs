//! Core benchmarks: loading and validating, the session engine.
//!
//! `cargo run --release --example bench_core`
//!
//! Prints the median (and min) of repeated runs for: loading the catalogue and every bundled
//! routine; validating 1,000 routine files; one session tick; a 60-minute routine ticked every
//! millisecond; every bundled routine's handout in both languages and a year's progress report. A plain harness on `std::time::Instant`, so the benchmark needs no extra crate.

#![allow(
    clippy::disallowed_methods,
    reason = "a measurement tool: it times the program from outside, against real time"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use acupress::bundled;
use acupress::routine::{Step, StepSides, parse_routine, to_ron};
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
            routine.id = format!("{}-{index}", routine.id).into();
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
            side: Some(StepSides::Both),
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
    bench_documents(&catalog)
}

/// The printed documents: each bundled routine's handout in both languages, and a progress report
/// over a year of two sessions a day.
fn bench_documents(catalog: &acupress::catalog::Catalog) -> anyhow::Result<()> {
    for routine in bundled::valid_routines(catalog)? {
        for lang in acupress::text::Lang::ALL {
            measure(&format!("handout {} ({lang:?})", routine.id), 10, || {
                acupress::pdf::handout(&acupress::pdf::HandoutInput {
                    routine: &routine,
                    catalog,
                    lang,
                    printed: jiff::civil::date(2026, 12, 6),
                    adapted: None,
                })
                .expect("a handout")
                .len()
            });
        }
    }
    let zone = jiff::tz::TimeZone::UTC;
    let low_back = bundled::routine(catalog, "low-back").expect("a bundled routine");
    let records: Vec<acupress::history::SessionRecord> = (0..730)
        .map(|index| acupress::history::SessionRecord {
            routine_id: "low-back".into(),
            routine_title: low_back.title.clone(),
            routine_author: "acupress".into(),
            started_unix_secs: 1_763_726_400 + i64::from(index) * 43_200,
            practised_secs: 810,
            pressed_secs: 810,
            completed: index % 7 != 0,
            stopped_at_step: (index % 7 == 0).then_some(2),
            steps_total: 6,
            steps_done: if index % 7 == 0 { 2 } else { 6 },
            steps_skipped_by_user: 0,
            skipped_by_gate: Vec::new(),
            gate_outcome: acupress::safety::Outcome::Clear,
            gate_reasons: Vec::new(),
            pain_before: Some(u8::try_from(index % 8).unwrap_or(0)),
            pain_after: Some(u8::try_from(index % 5).unwrap_or(0)),
            activity_scores: Vec::new(),
        })
        .collect();
    let mut with_prescription = low_back.clone();
    with_prescription.prescription = Some(acupress::routine::Prescription {
        sessions_per_day: 2,
        days_per_week: 7,
        weeks: 52,
        activities: Vec::new(),
    });
    let programs = [acupress::program::Program::for_routine(&with_prescription, jiff::civil::date(2025, 11, 21))];
    let routines = [with_prescription];
    let input = acupress::pdf::ReportInput {
        records: &records,
        programs: &programs,
        routines: &routines,
        catalog,
        zone: &zone,
        from: None,
        to: None,
        today: jiff::civil::date(2026, 11, 21),
        lang: acupress::text::Lang::Nl,
    };
    measure("progress report, a year of 730 sessions", 5, || acupress::pdf::report(&input).expect("a report").len());
    Ok(())
}
