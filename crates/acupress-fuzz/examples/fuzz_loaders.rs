//! Fuzzes the routine and catalogue loaders for a number of seconds (default 60).
//!
//! `cargo run --release -p acupress-fuzz --example fuzz_loaders -- 600 [seed]`

#![allow(clippy::disallowed_methods, reason = "a test tool that keeps to its own time budget; not part of the program")]

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|arg| arg.parse().ok()).unwrap_or(60);
    let seed: u64 = args.next().and_then(|arg| arg.parse().ok()).unwrap_or(0x00AC_0DE5);
    let started = std::time::Instant::now();
    let report = acupress_fuzz::run(seed, std::time::Duration::from_secs(seconds), u64::MAX);
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "{} executions in {elapsed:.0} s ({:.0}/s), {} accepted routines, slowest input {:.2} ms, {} findings",
        report.executions,
        report.executions as f64 / elapsed,
        report.accepted,
        report.slowest.as_secs_f64() * 1000.0,
        report.findings.len()
    );
    for finding in report.findings.iter().take(20) {
        println!("FINDING {finding}");
    }
    if !report.findings.is_empty() {
        std::process::exit(1);
    }
}
