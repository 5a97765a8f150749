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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// The CSV columns, in order. Stable: documented in README.md; scripts depend on them.
pub const CSV_COLUMNS: [&str; 14] = [
    "started_at",
    "routine_id",
    "routine_title",
    "routine_author",
    "completed",
    "stopped_at_step",
    "practised_secs",
    "steps_total",
    "steps_done",
    "steps_skipped_by_user",
    "skipped_by_gate",
    "gate_outcome",
    "pain_before",
    "pain_after",
];

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// The history as CSV: a header row and one row per session, times in ISO-8601 UTC, lines
/// ending in CRLF (RFC 4180, opens cleanly in spreadsheets on every platform).
pub fn to_csv(records: &[SessionRecord], lang: crate::text::Lang) -> String {
    let mut csv = CSV_COLUMNS.join(",") + "\r\n";
    for record in records {
        let optional = |value: Option<u8>| value.map_or_else(String::new, |value| value.to_string());
        let row = [
            iso8601_utc(record.started_unix_secs),
            record.routine_id.clone(),
            record.routine_title.get(lang).to_owned(),
            record.routine_author.clone(),
            record.completed.to_string(),
            record.stopped_at_step.map_or_else(String::new, |step| (step + 1).to_string()),
            record.practised_secs.to_string(),
            record.steps_total.to_string(),
            record.steps_done.to_string(),
            record.steps_skipped_by_user.to_string(),
            record.skipped_by_gate.iter().map(PointCode::as_str).collect::<Vec<_>>().join(" "),
            record.gate_outcome.as_str().to_owned(),
            optional(record.pain_before),
            optional(record.pain_after),
        ];
        csv += &row.iter().map(|field| csv_field(field)).collect::<Vec<_>>().join(",");
        csv += "\r\n";
    }
    csv
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (Howard Hinnant's method).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2026-11-21T15:04:05Z`.
pub fn iso8601_utc(unix_secs: i64) -> String {
    let days = unix_secs.div_euclid(86_400);
    let secs_of_day = unix_secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs_of_day / 3600,
        (secs_of_day % 3600) / 60,
        secs_of_day % 60
    )
}

/// `2026-11-21` (UTC).
pub fn iso_date(unix_secs: i64) -> String {
    iso8601_utc(unix_secs)[..10].to_owned()
}

/// The ISO week a moment falls in, as (ISO year, week number 1..=53).
pub fn iso_week(unix_secs: i64) -> (i64, u32) {
    let days = unix_secs.div_euclid(86_400);
    // 1970-01-01 was a Thursday; ISO weekday 1 = Monday.
    let weekday = (days + 3).rem_euclid(7) + 1;
    let thursday = days - weekday + 4;
    let (year, _, _) = civil_from_days(thursday);
    let jan_first = days_from_civil(year, 1, 1);
    (year, ((thursday - jan_first) / 7 + 1) as u32)
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Sessions per ISO week, oldest week first, including weeks without sessions between the
/// first and the last.
pub fn sessions_per_week(records: &[SessionRecord]) -> Vec<((i64, u32), usize)> {
    let Some(first) = records.iter().map(|record| record.started_unix_secs).min() else { return Vec::new() };
    let last = records.iter().map(|record| record.started_unix_secs).max().unwrap_or(first);
    let mut weeks: Vec<((i64, u32), usize)> = Vec::new();
    let mut moment = first;
    while moment <= last + 7 * 86_400 {
        let week = iso_week(moment);
        if weeks.last().is_none_or(|(previous, _)| *previous != week) && iso_week(moment) <= iso_week(last) {
            weeks.push((week, 0));
        }
        moment += 86_400;
    }
    for record in records {
        let week = iso_week(record.started_unix_secs);
        if let Some((_, count)) = weeks.iter_mut().find(|(candidate, _)| *candidate == week) {
            *count += 1;
        }
    }
    weeks
}

/// One routine's sessions in brief.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutineSummary {
    /// Routine id.
    pub routine_id: String,
    /// Title.
    pub title: Text,
    /// Sessions started.
    pub sessions: usize,
    /// Sessions completed.
    pub completed: usize,
    /// Average pain before, over sessions that rated it.
    pub mean_pain_before: Option<f32>,
    /// Average pain after, over sessions that rated it.
    pub mean_pain_after: Option<f32>,
}

/// Per-routine summaries, most used first.
pub fn routine_summaries(records: &[SessionRecord]) -> Vec<RoutineSummary> {
    let mut summaries: Vec<RoutineSummary> = Vec::new();
    for record in records {
        if !summaries.iter().any(|summary| summary.routine_id == record.routine_id) {
            summaries.push(RoutineSummary {
                routine_id: record.routine_id.clone(),
                title: record.routine_title.clone(),
                sessions: 0,
                completed: 0,
                mean_pain_before: None,
                mean_pain_after: None,
            });
        }
    }
    for summary in &mut summaries {
        let mine: Vec<&SessionRecord> =
            records.iter().filter(|record| record.routine_id == summary.routine_id).collect();
        summary.sessions = mine.len();
        summary.completed = mine.iter().filter(|record| record.completed).count();
        let mean = |values: Vec<u8>| {
            (!values.is_empty())
                .then(|| values.iter().map(|value| f32::from(*value)).sum::<f32>() / values.len() as f32)
        };
        summary.mean_pain_before = mean(mine.iter().filter_map(|record| record.pain_before).collect());
        summary.mean_pain_after = mean(mine.iter().filter_map(|record| record.pain_after).collect());
    }
    summaries.sort_by(|a, b| b.sessions.cmp(&a.sessions).then_with(|| a.routine_id.cmp(&b.routine_id)));
    summaries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    fn record(id: &str, started_unix_secs: i64, pain: (Option<u8>, Option<u8>), completed: bool) -> SessionRecord {
        SessionRecord {
            routine_id: id.into(),
            routine_title: Text::new(format!("Title, \"{id}\""), format!("Titel {id}")),
            routine_author: "J. de Vries, fysiotherapeut".into(),
            started_unix_secs,
            practised_secs: 600,
            completed,
            stopped_at_step: if completed { None } else { Some(2) },
            steps_total: 6,
            steps_done: if completed { 6 } else { 2 },
            steps_skipped_by_user: 0,
            skipped_by_gate: vec!["BL23".into(), "BL25".into()],
            gate_outcome: Outcome::Adapted,
            pain_before: pain.0,
            pain_after: pain.1,
        }
    }

    #[test]
    fn iso8601_table() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_795_275_315, "2026-11-21T15:35:15Z"),
            (-1, "1969-12-31T23:59:59Z"),
        ];
        for (secs, expected) in cases {
            assert_eq!(iso8601_utc(secs), expected);
        }
    }

    #[test]
    fn iso_week_table() {
        let day = |y, m, d| days_from_civil(y, m, d) * 86_400 + 3600;
        let cases = [
            (day(2026, 11, 21), (2026, 47)),
            (day(2021, 1, 3), (2020, 53)),
            (day(2021, 1, 4), (2021, 1)),
            (day(2024, 12, 30), (2025, 1)),
        ];
        for (secs, expected) in cases {
            assert_eq!(iso_week(secs), expected, "{}", iso_date(secs));
        }
    }

    #[test]
    fn csv_golden() {
        let records = [
            record("low-back", 1_795_275_315, (Some(6), Some(3)), true),
            record("rug-nek", 1_795_361_715, (None, Some(2)), false),
        ];
        let expected = "started_at,routine_id,routine_title,routine_author,completed,stopped_at_step,practised_secs,steps_total,steps_done,steps_skipped_by_user,skipped_by_gate,gate_outcome,pain_before,pain_after\r\n\
2026-11-21T15:35:15Z,low-back,\"Title, \"\"low-back\"\"\",\"J. de Vries, fysiotherapeut\",true,,600,6,6,0,BL23 BL25,adapted,6,3\r\n\
2026-11-22T15:35:15Z,rug-nek,\"Title, \"\"rug-nek\"\"\",\"J. de Vries, fysiotherapeut\",false,3,600,6,2,0,BL23 BL25,adapted,,2\r\n";
        assert_eq!(to_csv(&records, Lang::En), expected);
    }

    #[test]
    fn weeks_and_summaries() {
        let week = 7 * 86_400;
        let start = 1_795_275_315;
        let records = [
            record("a", start, (Some(6), Some(4)), true),
            record("a", start + 3600, (Some(4), Some(2)), true),
            record("b", start + 2 * week, (None, None), false),
        ];
        let weeks = sessions_per_week(&records);
        assert_eq!(weeks.iter().map(|(_, count)| *count).collect::<Vec<_>>(), vec![2, 0, 1]);
        let summaries = routine_summaries(&records);
        assert_eq!(summaries[0].routine_id, "a");
        assert_eq!(summaries[0].mean_pain_before, Some(5.0));
        assert_eq!(summaries[0].mean_pain_after, Some(3.0));
        assert_eq!(summaries[1].completed, 0);
        assert_eq!(summaries[1].mean_pain_after, None);
        assert!(sessions_per_week(&[]).is_empty());
    }
}
