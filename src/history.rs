//! Session records: what a person did, for the end screen now and the history later.
//!
//! Pure values built from a finished session; storing them belongs to `store`.

use crate::catalog::PointCode;
use crate::safety::{ClearedRoutine, Outcome};
use crate::session::{RunState, Summary};
use crate::text::Text;

/// A pain rating from 0 (none) to 10 (worst imaginable); `None` when skipped.
pub type PainRating = Option<u8>;

/// One session, as it will appear in the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRecord {
    /// Routine id.
    pub routine_id: String,
    /// Routine title.
    pub routine_title: Text,
    /// Who wrote the routine.
    pub routine_author: String,
    /// When it started, in seconds since 1970 (UTC).
    pub started_unix_secs: i64,
    /// Time spent in the session (no pauses).
    pub practised_secs: u64,
    /// Whether it ran to the end.
    pub completed: bool,
    /// Where it was stopped: step index from 0; `None` when completed or in the closing breathing.
    pub stopped_at_step: Option<usize>,
    /// Steps in the session (after the gate).
    pub steps_total: usize,
    /// Steps finished.
    pub steps_done: usize,
    /// Steps skipped by the person.
    pub steps_skipped_by_user: usize,
    /// Points the gate removed.
    pub skipped_by_gate: Vec<PointCode>,
    /// The gate's decision.
    pub gate_outcome: Outcome,
    /// Pain before.
    pub pain_before: PainRating,
    /// Pain after.
    pub pain_after: PainRating,
}

impl SessionRecord {
    /// Builds the record of a session that ended (or is ending) with `summary`.
    pub fn new(
        cleared: &ClearedRoutine,
        summary: &Summary,
        started_unix_secs: i64,
        pain_before: PainRating,
        pain_after: PainRating,
    ) -> Self {
        let routine = cleared.routine();
        SessionRecord {
            routine_id: routine.id.clone(),
            routine_title: routine.title.clone(),
            routine_author: routine.author.clone(),
            started_unix_secs,
            practised_secs: summary.practised.as_secs(),
            completed: summary.state == RunState::Completed,
            stopped_at_step: summary.stopped_at_step,
            steps_total: summary.steps.len(),
            steps_done: summary.steps_done(),
            steps_skipped_by_user: summary.steps_skipped(),
            skipped_by_gate: cleared.adaptations().skipped.iter().map(|skipped| skipped.point.clone()).collect(),
            gate_outcome: cleared.outcome(),
            pain_before,
            pain_after,
        }
    }
}
