//! The one place that reads the time.
//!
//! Everything else receives time as an argument: a monotonic `Duration` since this clock's
//! origin for timing, and Unix seconds for the wall-clock date stored in the history.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A monotonic clock.
pub trait Clock: Send + Sync {
    /// Time since the clock's origin. Never goes backwards.
    fn now(&self) -> Duration;

    /// How long to really wait for `duration` of this clock to pass. The same for any clock
    /// that runs at real speed; a sped-up clock (benchmarks only) waits less.
    fn to_real(&self, duration: Duration) -> Duration {
        duration
    }
}

/// The system's monotonic clock.
#[derive(Debug)]
pub struct SystemClock {
    origin: Instant,
}

impl SystemClock {
    /// A clock whose origin is now.
    pub fn new() -> Self {
        Self { origin: Instant::now() }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }
}

/// A clock that only moves when told to: for tests and simulations.
#[derive(Debug, Default, Clone)]
pub struct ManualClock {
    now_micros: Arc<AtomicU64>,
}

impl ManualClock {
    /// A clock at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        self.now_micros.fetch_add(by.as_micros() as u64, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        Duration::from_micros(self.now_micros.load(Ordering::SeqCst))
    }
}

static PROCESS_START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Notes the moment the process started (call first thing in `main`).
pub fn mark_process_start() {
    let _ = PROCESS_START.get_or_init(Instant::now);
}

/// Time since [`mark_process_start`] (for the start-up measurement).
pub fn since_process_start() -> Duration {
    PROCESS_START.get_or_init(Instant::now).elapsed()
}

/// Seconds since 1970-01-01 UTC, for dating history records.
pub fn unix_now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| i64::try_from(since.as_secs()).unwrap_or(i64::MAX))
}
