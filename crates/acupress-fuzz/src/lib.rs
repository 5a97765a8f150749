//! A small mutation fuzzer for the loaders of `acupress-core`, shared by
//! `examples/fuzz_loaders.rs` (long runs) and `tests/quick.rs` (a short, deterministic run in
//! CI). A test tool: the app does not depend on it, so it never ships.
//!
//! Pure and deterministic for a given seed: it generates inputs and checks the loaders'
//! promises (no panic, no hang, errors inside the file, accepted routines round-trip).

#![allow(clippy::disallowed_methods, reason = "a test tool that keeps to its own time budget; not part of the program")]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use acupress_core::bundled;
use acupress_core::catalog::{Catalog, parse_catalog};
use acupress_core::routine::{parse_routine, to_ron};
use acupress_core::source::Diagnostic;

/// Tokens that make mutations reach deep into the grammar.
const DICTIONARY: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\\"",
    "\\u{1F600}",
    "r#\"",
    "\"#",
    "//",
    "/*",
    "*/",
    "\n",
    "\r\n",
    "\t",
    "Some(",
    "None",
    "Routine(",
    "Step(",
    "Catalog(",
    "Point(",
    "format",
    "id",
    "title",
    "steps",
    "side",
    "press_secs",
    "pressure",
    "breathing",
    "note",
    "rest_secs",
    "point",
    "en",
    "nl",
    "Left",
    "Right",
    "Both",
    "Light",
    "Firm",
    "Box",
    "FourSevenEight",
    "Bilateral",
    "Midline",
    "LI4",
    "GV20",
    "EX-HN3",
    "0",
    "1",
    "30",
    "120",
    "121",
    "-1",
    "4294967295",
    "18446744073709551616",
    "1e400",
    "NaN",
    "0x1F",
    "true",
    "'a'",
    "b\"x\"",
    "#![enable(implicit_some)]",
    "é",
    "\u{feff}",
];

/// Single bytes that matter to the grammar.
const INTERESTING: [u8; 14] = [b'"', b'(', b')', b'[', b']', b',', b':', b'/', b'*', b'\n', b'9', 0xFF, 0xC3, 0];

/// A tiny deterministic random number generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `bound` (at least 1).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound.max(1) as u64) as usize
    }
}

/// One mutation of `input` (possibly spliced with `other`).
pub fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let at = rng.below(bytes.len() + 1);
        match rng.below(8) {
            0 if !bytes.is_empty() => {
                let index = at.min(bytes.len() - 1);
                bytes[index] ^= 1 << rng.below(8);
            }
            1 if !bytes.is_empty() => {
                let index = at.min(bytes.len() - 1);
                bytes[index] = INTERESTING[rng.below(INTERESTING.len())];
            }
            2 | 3 => {
                let token = DICTIONARY[rng.below(DICTIONARY.len())];
                bytes.splice(at..at, token.bytes());
            }
            4 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            5 => {
                let end = (at + rng.below(60)).min(bytes.len());
                let copy: Vec<u8> = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            6 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + rng.below(200)).min(other.len());
                bytes.splice(at..at, other[from..end].iter().copied());
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

/// Random bytes, mostly printable.
pub fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    const PRINTABLE: &[u8] = b" ()[]{},:\"abcdefghijklmnopqrstuvwxyz0123456789_-.\n";
    let length = rng.below(300);
    (0..length)
        .map(|_| if rng.below(10) == 0 { (rng.next_u64() & 0xFF) as u8 } else { PRINTABLE[rng.below(PRINTABLE.len())] })
        .collect()
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    /// Inputs tried.
    pub executions: u64,
    /// Routines accepted.
    pub accepted: u64,
    /// Broken promises, with the input that broke them (first 200 bytes, escaped).
    pub findings: Vec<String>,
    /// The slowest input.
    pub slowest: Duration,
}

fn check_positions(kind: &str, input: &[u8], diagnostics: &[Diagnostic], report: &mut Report) {
    let text = String::from_utf8_lossy(input);
    let lines = text.split('\n').count();
    for diagnostic in diagnostics {
        let position = diagnostic.position;
        if position.line == 0 || position.column == 0 || position.line > lines + 1 {
            report
                .findings
                .push(format!("{kind}: position {position} outside the file ({lines} lines): {}", escape(input)));
        }
    }
}

fn escape(input: &[u8]) -> String {
    String::from_utf8_lossy(&input[..input.len().min(200)]).escape_debug().to_string()
}

/// Runs one input through both loaders and checks every promise.
pub fn check_one(input: &[u8], catalog: &Catalog, report: &mut Report) {
    report.executions += 1;
    let started = Instant::now();
    let routine = catch_unwind(AssertUnwindSafe(|| parse_routine(input, catalog)));
    let catalog_result = catch_unwind(AssertUnwindSafe(|| parse_catalog(input)));
    let elapsed = started.elapsed();
    report.slowest = report.slowest.max(elapsed);
    if elapsed > Duration::from_secs(1) {
        report.findings.push(format!("slow: {elapsed:?}: {}", escape(input)));
    }
    match routine {
        Err(_) => report.findings.push(format!("parse_routine panicked: {}", escape(input))),
        Ok(Err(err)) => check_positions("routine", input, &err.diagnostics, report),
        Ok(Ok(loaded)) => {
            report.accepted += 1;
            let written = to_ron(&loaded.routine);
            match parse_routine(written.as_bytes(), catalog) {
                Ok(again) if again.routine == loaded.routine => {}
                _ => report.findings.push(format!("accepted routine does not round-trip: {}", escape(input))),
            }
        }
    }
    match catalog_result {
        Err(_) => report.findings.push(format!("parse_catalog panicked: {}", escape(input))),
        Ok(Err(err)) => check_positions("catalog", input, &err.diagnostics, report),
        Ok(Ok(_)) => {}
    }
}

/// Fuzzes until `budget` is spent or `max_executions` inputs were tried.
pub fn run(seed: u64, budget: Duration, max_executions: u64) -> Report {
    let catalog = bundled::catalog().unwrap_or_default();
    let mut corpus: Vec<Vec<u8>> = bundled::ROUTINE_FILES.iter().map(|(_, text)| text.as_bytes().to_vec()).collect();
    corpus.push(bundled::CATALOG_RON.as_bytes().to_vec());
    let mut rng = Rng::new(seed);
    let mut report = Report::default();
    let started = Instant::now();
    while started.elapsed() < budget && report.executions < max_executions {
        let input = if rng.below(8) == 0 {
            random_bytes(&mut rng)
        } else {
            let base = &corpus[rng.below(corpus.len())];
            let other = &corpus[rng.below(corpus.len())];
            mutate(&mut rng, base, other)
        };
        let findings_before = report.findings.len();
        check_one(&input, &catalog, &mut report);
        // Accepted variants join the corpus (bounded), so mutations build on each other.
        if report.accepted > 0 && report.findings.len() == findings_before && corpus.len() < 64 && rng.below(50) == 0 {
            corpus.push(input);
        }
    }
    report
}
