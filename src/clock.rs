//! The one place that reads the time.
//!
//! Everything else receives time as an argument: a monotonic `Duration` since the clock's
//! origin for timing, and the wall-clock moment (seconds since 1970, UTC) for dating records,
//! both from the [`Clock`] the program was given; the person's time zone comes from here too.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use jiff::tz::TimeZone;

/// A clock: monotonic time for timing, wall time for dates.
pub trait Clock: Send + Sync {
    /// Time since the clock's origin. Never goes backwards.
    fn now(&self) -> Duration;

    /// The wall-clock moment, in seconds since 1970-01-01 UTC.
    fn wall_unix_secs(&self) -> i64;

    /// How long to really wait for `duration` of this clock to pass: `duration` for a clock that
    /// runs at real speed; a sped-up clock (measurements only) waits less. (No default: each
    /// clock says how it runs.)
    fn to_real(&self, duration: Duration) -> Duration;
}

/// The system's clocks.
#[derive(Debug)]
pub struct SystemClock {
    origin: Instant,
}

impl SystemClock {
    /// A clock whose origin is now.
    #[allow(clippy::disallowed_methods, reason = "this module is the one place that reads the time")]
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

    #[allow(clippy::disallowed_methods, reason = "this module is the one place that reads the time")]
    fn wall_unix_secs(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| i64::try_from(since.as_secs()).unwrap_or(i64::MAX))
    }

    /// It runs at real speed.
    fn to_real(&self, duration: Duration) -> Duration {
        duration
    }
}

/// A clock that only moves when told to: for tests and simulations. Its wall clock starts at
/// a fixed moment and moves with it.
#[derive(Debug, Clone)]
pub struct ManualClock {
    now_micros: Arc<AtomicU64>,
    wall_start_unix_secs: i64,
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl ManualClock {
    /// Saturday 21 November 2026, 12:00 UTC: the default wall-clock start.
    pub const DEFAULT_WALL_START: i64 = 1_795_262_400;

    /// A clock at zero, whose wall clock reads [`Self::DEFAULT_WALL_START`].
    pub fn new() -> Self {
        Self::starting_at(Self::DEFAULT_WALL_START)
    }

    /// A clock at zero whose wall clock reads `unix_secs`.
    pub fn starting_at(unix_secs: i64) -> Self {
        Self { now_micros: Arc::default(), wall_start_unix_secs: unix_secs }
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

    fn wall_unix_secs(&self) -> i64 {
        self.wall_start_unix_secs + i64::try_from(self.now().as_secs()).unwrap_or(i64::MAX / 2)
    }

    /// Real time does not move this clock: whoever moves it wakes the waiting timer thread
    /// (`SessionDriver::wait_until_caught_up`), so waiting is until then.
    fn to_real(&self, _duration: Duration) -> Duration {
        Duration::from_secs(3600)
    }
}

/// The person's time zone, as the system says (UTC when it cannot tell).
pub fn system_time_zone() -> TimeZone {
    TimeZone::system()
}
