//! The overview of the history that History and the home screen draw from: computed once when
//! the history, the day or the programs change, never per frame (years of sessions stay
//! instant).

use std::sync::Arc;

use jiff::civil::Date;

use super::AcupressApp;
use crate::history::SessionRecord;
use crate::overview::Overview;
use crate::program::Program;
use crate::routine::Prescription;

/// What the overview was computed from.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    version: u64,
    today: Date,
    programs: Vec<(Program, Option<Prescription>)>,
}

/// The last overview and what it was computed from.
#[derive(Default)]
pub(super) struct OverviewCache {
    key: Option<Key>,
    records: Arc<Vec<SessionRecord>>,
    overview: Arc<Overview>,
    /// How many times it was computed (for tests: once per change, not per frame).
    computed: u64,
}

impl AcupressApp {
    /// The sessions and their overview, as of now: computed again only when the history's
    /// version, the day or the programs changed since the last call.
    pub(super) fn overview(&mut self) -> (Arc<Vec<SessionRecord>>, Arc<Overview>) {
        let today = self.today();
        let scheduled = crate::program::scheduled(&self.settings.programs, self.library.routines());
        let programs: Vec<(Program, Option<Prescription>)> =
            scheduled.iter().map(|scheduled| (scheduled.program.clone(), scheduled.prescription.cloned())).collect();
        // The version first: a change after it makes the next call compute again.
        let key = Key { version: self.history.version(), today, programs };
        let cache = &mut self.overview;
        if cache.key.as_ref() != Some(&key) {
            let records = self.history.records();
            cache.overview = Arc::new(Overview::of(&records, &scheduled, today, &self.zone));
            cache.records = records;
            cache.key = Some(key);
            cache.computed += 1;
        }
        (Arc::clone(&cache.records), Arc::clone(&cache.overview))
    }

    /// How many times the overview was computed so far.
    pub fn overview_computations(&self) -> u64 {
        self.overview.computed
    }
}
