//! Session records: what a person did, for the end screen now and the history later.
//!
//! Pure values built from a session; storing them belongs to `store`. Days and weeks are the
//! person's own: every function that groups by date takes the time zone as an argument (the
//! caller reads the system's); the CSV export stays in UTC.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::catalog::PointCode;
use crate::outcome::{ActivityScore, MAX_ACTIVITY_SCORE};
use crate::routine::RoutineId;
use crate::safety::{ClearedRoutine, Outcome};
use crate::session::{RunState, Summary};
use crate::text::Text;

/// One answer that changed the routine, and what it changed: for the therapist's report.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GateReason {
    /// The question's id (as `acupress list questions` prints it). Kept as text, not a
    /// `QuestionId`: a history outlives versions, and a session answered under a question later
    /// reworded or removed must still load and show what was asked.
    pub question: String,
    /// Every press was made light.
    pub light_only: bool,
    /// The points it left out.
    pub skipped: Vec<PointCode>,
    /// Breath holds were replaced by slow breathing.
    pub holds_removed: bool,
}

impl GateReason {
    /// The answers that changed `cleared`, each with what it changed, in question order.
    pub fn of(cleared: &ClearedRoutine) -> Vec<GateReason> {
        fn entry(reasons: &mut Vec<GateReason>, question: crate::safety::QuestionId) -> &mut GateReason {
            let id = question.as_str();
            let index = reasons.iter().position(|reason| reason.question == id).unwrap_or_else(|| {
                reasons.push(GateReason {
                    question: id.to_owned(),
                    light_only: false,
                    skipped: Vec::new(),
                    holds_removed: false,
                });
                reasons.len() - 1
            });
            &mut reasons[index]
        }
        let adaptations = cleared.adaptations();
        let mut reasons: Vec<GateReason> = Vec::new();
        for reason in &adaptations.light_only {
            entry(&mut reasons, reason.question).light_only = true;
        }
        for skipped in &adaptations.skipped {
            entry(&mut reasons, skipped.reason.question).skipped.push(skipped.point.clone());
        }
        for reason in &adaptations.holds_removed {
            entry(&mut reasons, reason.question).holds_removed = true;
        }
        reasons
    }

    /// "might be pregnant: light pressure only; LI4, SP6 left out" (point names as `name` gives
    /// them; an id from a newer acupress is shown as it is).
    pub fn describe(&self, lang: crate::text::Lang, name: impl Fn(&PointCode) -> String) -> String {
        let answer = crate::safety::QuestionId::parse(&self.question)
            .map_or_else(|| self.question.clone(), |question| question.answered_yes().get(lang).to_owned());
        let mut changes = Vec::new();
        if self.light_only {
            changes.push(match lang {
                crate::text::Lang::En => "light pressure only".to_owned(),
                crate::text::Lang::Nl => "alleen lichte druk".to_owned(),
            });
        }
        if !self.skipped.is_empty() {
            let points: Vec<String> = self.skipped.iter().map(&name).collect();
            changes.push(match lang {
                crate::text::Lang::En => format!("{} left out", points.join(", ")),
                crate::text::Lang::Nl => format!("{} overgeslagen", points.join(", ")),
            });
        }
        if self.holds_removed {
            changes.push(match lang {
                crate::text::Lang::En => "no breath holds".to_owned(),
                crate::text::Lang::Nl => "de adem niet vasthouden".to_owned(),
            });
        }
        format!("{answer}: {}", changes.join("; "))
    }
}

/// A pain rating from 0 (none) to 10 (worst imaginable); `None` when skipped.
pub type PainRating = Option<u8>;

/// One session, as it will appear in the history.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SessionRecord {
    /// Routine id.
    pub routine_id: RoutineId,
    /// Routine title.
    pub routine_title: Text,
    /// Who wrote the routine.
    pub routine_author: String,
    /// When it started, in seconds since 1970 (UTC).
    pub started_unix_secs: i64,
    /// Time spent in the session (no pauses).
    pub practised_secs: u64,
    /// Time the points were pressed: every press for as long as it was held (a press cut short
    /// counts for its seconds). Absent in records written before it was kept.
    #[serde(default)]
    pub pressed_secs: u64,
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
    /// What the safety questions changed, question by question (empty in records kept before
    /// this was, and when nothing changed).
    #[serde(default)]
    pub gate_reasons: Vec<GateReason>,
    /// Pain before.
    pub pain_before: PainRating,
    /// Pain after.
    pub pain_after: PainRating,
    /// The patient's ratings of the prescription's activities, when given with this session
    /// (see [`crate::outcome`]); empty when not rated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity_scores: Vec<ActivityScore>,
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
            pressed_secs: summary.pressed_total().as_secs(),
            completed: summary.state == RunState::Completed,
            stopped_at_step: summary.stopped_at_step,
            steps_total: summary.steps.len(),
            steps_done: summary.steps_done(),
            steps_skipped_by_user: summary.steps_skipped(),
            skipped_by_gate: cleared.adaptations().skipped.iter().map(|skipped| skipped.point.clone()).collect(),
            gate_outcome: cleared.outcome(),
            gate_reasons: GateReason::of(cleared),
            pain_before,
            pain_after,
            activity_scores: Vec::new(),
        }
    }
}

/// How far a session went, by the one rule every screen, export, report and reminder uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionResult {
    /// Every press of every step ran to its end: it counts towards a prescription.
    Done,
    /// Some pressing was done, not all of it: it shows with its pressed time and does not
    /// count towards a prescription.
    Partly {
        /// Seconds the points were pressed (0 in records kept before pressed time was).
        pressed_secs: u64,
    },
    /// No point was pressed (every step skipped, or stopped in the first rest): it never counts.
    NothingPressed,
}

impl SessionResult {
    /// The word for the CSV's `result` column.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionResult::Done => "done",
            SessionResult::Partly { .. } => "partly",
            SessionResult::NothingPressed => "nothing_pressed",
        }
    }
}

impl SessionRecord {
    /// How far the session went. Done means every press of every step (after the safety
    /// questions) ran to its end; a session that reached its end by skipping is not done.
    pub fn result(&self) -> SessionResult {
        if self.steps_total > 0 && self.steps_done >= self.steps_total {
            SessionResult::Done
        } else if self.pressed_secs > 0 || self.steps_done > 0 {
            SessionResult::Partly { pressed_secs: self.pressed_secs }
        } else {
            SessionResult::NothingPressed
        }
    }

    /// Whether it counts towards a prescription (see [`SessionResult::Done`]).
    pub fn counts(&self) -> bool {
        self.result() == SessionResult::Done
    }
}

/// Session dates must lie in 2000..=2100 (seconds since 1970).
pub const DATE_RANGE_UNIX_SECS: std::ops::RangeInclusive<i64> = 946_684_800..=4_102_444_800;
/// No session lasts longer than a day.
const MAX_PRACTISED_SECS: u64 = 24 * 3600;
/// No routine has more steps than this (the format allows 60; kept generous for later formats).
const MAX_STEPS: usize = 10_000;

impl SessionRecord {
    /// Brings the record up to date with the session's `summary`. While the session runs,
    /// `current_step` is kept as the step it stopped at, so a record left behind by a crash or a
    /// power cut reads as stopped where it was.
    pub fn update(&mut self, summary: &Summary, current_step: Option<usize>) {
        self.practised_secs = summary.practised.as_secs();
        self.pressed_secs = summary.pressed_total().as_secs();
        self.completed = summary.state == RunState::Completed;
        self.stopped_at_step = match summary.state {
            RunState::Completed => None,
            RunState::Stopped => summary.stopped_at_step,
            RunState::Running | RunState::Paused => current_step,
        };
        self.steps_done = summary.steps_done();
        self.steps_skipped_by_user = summary.steps_skipped();
    }

    /// Every number in range: a history holding a record that fails this is damaged, never
    /// shown (a date in milliseconds would otherwise make a calendar of millions of weeks).
    pub fn check(&self) -> Result<(), String> {
        if !DATE_RANGE_UNIX_SECS.contains(&self.started_unix_secs) {
            return Err(format!("a session dated {} (seconds since 1970) is not in 2000–2100", self.started_unix_secs));
        }
        if self.practised_secs > MAX_PRACTISED_SECS || self.pressed_secs > MAX_PRACTISED_SECS {
            return Err(format!("a session of {} s is longer than a day", self.practised_secs));
        }
        if self.steps_total > MAX_STEPS || self.steps_done.saturating_add(self.steps_skipped_by_user) > self.steps_total
        {
            return Err(format!(
                "a session counts {} done and {} skipped of {} steps",
                self.steps_done, self.steps_skipped_by_user, self.steps_total
            ));
        }
        if self.stopped_at_step.is_some_and(|step| step >= self.steps_total) {
            return Err("a session stopped at a step it does not have".into());
        }
        for pain in [self.pain_before, self.pain_after].into_iter().flatten() {
            if pain > 10 {
                return Err(format!("a pain rating of {pain} is not on the 0–10 scale"));
            }
        }
        if self.activity_scores.len() > crate::routine::MAX_ACTIVITIES {
            return Err(format!("a session rates {} activities", self.activity_scores.len()));
        }
        if let Some(bad) = self.activity_scores.iter().find(|given| given.score > MAX_ACTIVITY_SCORE) {
            return Err(format!("an activity rated {}, not on the 0–10 scale", bad.score));
        }
        Ok(())
    }

    /// The day the session started, in `zone`.
    pub fn local_date(&self, zone: &TimeZone) -> Date {
        local_date(self.started_unix_secs, zone)
    }
}

/// The date of `unix_secs` in `zone` (1970-01-01 for a moment jiff cannot represent).
pub fn local_date(unix_secs: i64, zone: &TimeZone) -> Date {
    Timestamp::from_second(unix_secs)
        .map_or(Date::constant(1970, 1, 1), |timestamp| timestamp.to_zoned(zone.clone()).date())
}

/// Where `unix_secs` falls on a calendar of local days: the number of days from 1970-01-01 to
/// its date in `zone`, plus the fraction of that day gone by (for a time axis in dates).
pub fn local_day_number(unix_secs: i64, zone: &TimeZone) -> f64 {
    let Ok(timestamp) = Timestamp::from_second(unix_secs) else { return 0.0 };
    let zoned = timestamp.to_zoned(zone.clone());
    let time = zoned.time();
    let seconds_into_day = f64::from(time.hour()) * 3600.0 + f64::from(time.minute()) * 60.0 + f64::from(time.second());
    day_number(zoned.date()) as f64 + seconds_into_day / 86_400.0
}

/// Days from 1970-01-01 to `date`.
pub fn day_number(date: Date) -> i64 {
    date.since(Date::constant(1970, 1, 1)).map_or(0, |span| i64::from(span.get_days()))
}

/// A step between date marks on an axis (1, 2, 7, 14, 30, … days) that leaves about `most`
/// marks on `span` days (a year or more: one a year).
pub fn mark_step(span: f64, most: f64) -> f64 {
    [1.0, 2.0, 7.0, 14.0, 30.0, 61.0, 91.0, 182.0, 365.0].into_iter().find(|step| span / step <= most).unwrap_or(365.0)
}

/// The date `days` days after 1970-01-01 (the inverse of [`day_number`]).
pub fn date_of_day_number(days: i64) -> Date {
    Date::constant(1970, 1, 1).checked_add(jiff::Span::new().days(days)).unwrap_or(Date::constant(1970, 1, 1))
}

/// The CSV columns, in order. Stable: documented in README.md; scripts depend on them. New
/// columns only ever come at the end.
pub const CSV_COLUMNS: [&str; 18] = [
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
    "program_week",
    "prescribed_per_week",
    "pressed_secs",
    "result",
];

fn csv_field(value: &str) -> String {
    // OWASP's rule against formula injection: a cell that a spreadsheet would read as a formula
    // (starting with = + - @, a tab or a carriage return) gets a leading apostrophe and quotes.
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        return format!("\"'{}\"", value.replace('"', "\"\""));
    }
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// The history as CSV: a header row and one row per session, times in ISO-8601 UTC, lines
/// ending in CRLF (RFC 4180, opens cleanly in spreadsheets on every platform). A session of a
/// routine followed as a program (`programs`) gets its program week and the sessions prescribed
/// per week; others leave those two cells empty.
pub fn to_csv(
    records: &[SessionRecord],
    lang: crate::text::Lang,
    programs: &[crate::program::Scheduled<'_>],
    zone: &TimeZone,
) -> String {
    let mut csv = CSV_COLUMNS.join(",") + "\r\n";
    for record in records {
        let optional = |value: Option<u8>| value.map_or_else(String::new, |value| value.to_string());
        let program = programs.iter().find(|scheduled| scheduled.program.routine_id == record.routine_id);
        let week = program.and_then(|scheduled| {
            let week = scheduled.program.week_of(record.local_date(zone), scheduled.prescription)?;
            Some((week, scheduled.prescription?.sessions_per_week()))
        });
        let row = [
            iso8601_utc(record.started_unix_secs),
            record.routine_id.to_string(),
            record.routine_title.get(lang).to_owned(),
            record.routine_author.clone(),
            record.counts().to_string(),
            record.stopped_at_step.map_or_else(String::new, |step| (step + 1).to_string()),
            record.practised_secs.to_string(),
            record.steps_total.to_string(),
            record.steps_done.to_string(),
            record.steps_skipped_by_user.to_string(),
            record.skipped_by_gate.iter().map(PointCode::as_str).collect::<Vec<_>>().join(" "),
            record.gate_outcome.as_str().to_owned(),
            optional(record.pain_before),
            optional(record.pain_after),
            week.map_or_else(String::new, |(week, _)| week.to_string()),
            week.map_or_else(String::new, |(_, prescribed)| prescribed.to_string()),
            record.pressed_secs.to_string(),
            record.result().as_str().to_owned(),
        ];
        csv += &row.iter().map(|field| csv_field(field)).collect::<Vec<_>>().join(",");
        csv += "\r\n";
    }
    csv
}

/// `2026-11-21T15:04:05Z` (UTC, for the CSV export).
pub fn iso8601_utc(unix_secs: i64) -> String {
    Timestamp::from_second(unix_secs)
        .map_or_else(|_| String::new(), |timestamp| timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// One week of sessions: its Monday (in the person's time zone) and how many sessions started
/// in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Week {
    /// The Monday the week starts on.
    pub monday: Date,
    /// Sessions started that week.
    pub sessions: usize,
}

impl Week {
    /// The Sunday it ends on.
    pub fn sunday(&self) -> Date {
        self.monday.checked_add(jiff::Span::new().days(6)).unwrap_or(self.monday)
    }
}

/// The Monday of the week `date` falls in.
pub fn monday_of(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::Span::new().days(back)).unwrap_or(date)
}

/// Sessions per week in `zone`, oldest week first, including the weeks without sessions between
/// the first and the last. Linear in the records and the weeks spanned.
pub fn sessions_per_week(records: &[SessionRecord], zone: &TimeZone) -> Vec<Week> {
    let mondays: Vec<Date> = records.iter().map(|record| monday_of(record.local_date(zone))).collect();
    let (Some(first), Some(last)) = (mondays.iter().min().copied(), mondays.iter().max().copied()) else {
        return Vec::new();
    };
    weeks_between(&mondays, first, last)
}

/// Like [`sessions_per_week`], running up to the week of `today` and covering at least
/// `at_least` weeks (earlier empty weeks are added), so that a chart of one session still
/// shows where it stands.
pub fn sessions_per_week_through(
    records: &[SessionRecord],
    zone: &TimeZone,
    today: Date,
    at_least: usize,
) -> Vec<Week> {
    let mondays: Vec<Date> = records.iter().map(|record| monday_of(record.local_date(zone))).collect();
    let this_week = monday_of(today);
    let last = mondays.iter().max().copied().map_or(this_week, |last| last.max(this_week));
    let back = i64::try_from(at_least.saturating_sub(1)).unwrap_or(0) * 7;
    let earliest = last.checked_sub(jiff::Span::new().days(back)).unwrap_or(last);
    let first = mondays.iter().min().copied().map_or(earliest, |first| first.min(earliest));
    weeks_between(&mondays, first, last)
}

/// Every week from `first` to `last` (Mondays), with how many of `mondays` fall in each.
fn weeks_between(mondays: &[Date], first: Date, last: Date) -> Vec<Week> {
    let mut counts = std::collections::BTreeMap::new();
    for monday in mondays {
        *counts.entry(*monday).or_insert(0) += 1;
    }
    let mut weeks = Vec::new();
    let mut monday = first;
    while monday <= last {
        weeks.push(Week { monday, sessions: counts.get(&monday).copied().unwrap_or(0) });
        match monday.checked_add(jiff::Span::new().days(7)) {
            Ok(next) => monday = next,
            Err(_) => break,
        }
    }
    weeks
}

/// One routine's sessions in brief.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutineSummary {
    /// Routine id.
    pub routine_id: RoutineId,
    /// The routine's title as it was when the sessions were done.
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
        summary.completed = mine.iter().filter(|record| record.counts()).count();
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

/// A done session of `routine_id` at `started_unix_secs`: two steps pressed to the end, all
/// clear, not rated. The core's tests build their histories from it.
#[cfg(test)]
pub(crate) fn done_session(routine_id: &str, started_unix_secs: i64) -> SessionRecord {
    SessionRecord {
        routine_id: routine_id.into(),
        routine_title: Text::new("Low back", "Onderrug"),
        routine_author: "J. de Vries".into(),
        started_unix_secs,
        practised_secs: 300,
        pressed_secs: 240,
        completed: true,
        stopped_at_step: None,
        steps_total: 2,
        steps_done: 2,
        steps_skipped_by_user: 0,
        skipped_by_gate: Vec::new(),
        gate_outcome: Outcome::Clear,
        gate_reasons: Vec::new(),
        pain_before: None,
        pain_after: None,
        activity_scores: Vec::new(),
    }
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
            pressed_secs: 480,
            completed,
            stopped_at_step: if completed { None } else { Some(2) },
            steps_total: 6,
            steps_done: if completed { 6 } else { 2 },
            steps_skipped_by_user: 0,
            skipped_by_gate: vec!["BL23".into(), "BL25".into()],
            gate_outcome: Outcome::Adapted,
            gate_reasons: Vec::new(),
            pain_before: pain.0,
            pain_after: pain.1,
            activity_scores: Vec::new(),
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

    /// Amsterdam: CET in winter, CEST in summer.
    fn amsterdam() -> TimeZone {
        TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    #[test]
    fn days_and_weeks_are_local() {
        // (moment, its day in Amsterdam, the Monday of its week there)
        let cases = [
            // Monday 23 Nov 2026, 00:30 in Amsterdam is still Sunday 22 Nov in UTC.
            ("2026-11-22T23:30:00Z", "2026-11-23", "2026-11-23"),
            ("2026-11-22T22:59:59Z", "2026-11-22", "2026-11-16"),
            // Summer time: 1 Jul 2026, 00:30 in Amsterdam is 22:30 UTC the day before.
            ("2026-06-30T22:30:00Z", "2026-07-01", "2026-06-29"),
            // ISO weeks across the new year: Sunday 3 Jan 2021, Monday 4 Jan 2021.
            ("2021-01-03T12:00:00Z", "2021-01-03", "2020-12-28"),
            ("2021-01-04T12:00:00Z", "2021-01-04", "2021-01-04"),
        ];
        for (moment, day, monday) in cases {
            let secs = moment.parse::<Timestamp>().unwrap().as_second();
            let date = local_date(secs, &amsterdam());
            assert_eq!(date.to_string(), day, "{moment}");
            assert_eq!(monday_of(date).to_string(), monday, "{moment}");
        }
    }

    #[test]
    fn records_with_numbers_out_of_range_are_refused() {
        let good = record("a", 1_795_275_315, (Some(6), Some(3)), true);
        let cases: [(&str, SessionRecord, bool); 8] = [
            ("good", good.clone(), true),
            ("in milliseconds", SessionRecord { started_unix_secs: 1_795_275_315_000, ..good.clone() }, false),
            ("before 2000", SessionRecord { started_unix_secs: 0, ..good.clone() }, false),
            ("two days long", SessionRecord { practised_secs: 2 * 86_400, ..good.clone() }, false),
            ("more done than there are", SessionRecord { steps_done: 7, ..good.clone() }, false),
            ("stopped after the last step", SessionRecord { stopped_at_step: Some(6), ..good.clone() }, false),
            ("pain 11", SessionRecord { pain_after: Some(11), ..good.clone() }, false),
            ("no ratings", SessionRecord { pain_before: None, pain_after: None, ..good }, true),
        ];
        for (name, record, valid) in cases {
            assert_eq!(record.check().is_ok(), valid, "{name}");
        }
    }

    #[test]
    fn csv_cells_that_would_be_formulas_are_neutralised() {
        let mut hostile = record("a", 1_795_275_315, (None, None), true);
        hostile.routine_title = Text::new("=HYPERLINK(\"http://x\",\"click\")", "=x");
        hostile.routine_author = "+31 6 1234".into();
        hostile.routine_id = "-a".into();
        let csv = to_csv(&[hostile], Lang::En, &[], &TimeZone::UTC);
        let row = csv.lines().nth(1).unwrap();
        assert!(
            row.starts_with(
                "2026-11-21T15:35:15Z,\"'-a\",\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",\"'+31 6 1234\","
            ),
            "{row}"
        );
        for (cell, expected) in [("@SUM(A1)", "\"'@SUM(A1)\""), ("\tx", "\"'\tx\""), ("plain", "plain"), ("a-b", "a-b")]
        {
            assert_eq!(csv_field(cell), expected);
        }
    }

    /// The one rule for what counts: every press of every step to its end.
    #[test]
    fn a_session_counts_only_when_every_press_ran_to_its_end() {
        let base = record("low-back", 1_795_275_315, (None, None), true);
        let cases = [
            (
                "every step done",
                SessionRecord { steps_done: 6, pressed_secs: 780, ..base.clone() },
                SessionResult::Done,
            ),
            (
                "reached the end by skipping every step",
                SessionRecord { steps_done: 0, steps_skipped_by_user: 6, pressed_secs: 0, ..base.clone() },
                SessionResult::NothingPressed,
            ),
            (
                "stopped after 35 s of pressing",
                SessionRecord { completed: false, steps_done: 0, pressed_secs: 35, ..base.clone() },
                SessionResult::Partly { pressed_secs: 35 },
            ),
            (
                "reached the end with one step skipped",
                SessionRecord { steps_done: 5, steps_skipped_by_user: 1, pressed_secs: 650, ..base.clone() },
                SessionResult::Partly { pressed_secs: 650 },
            ),
            (
                "kept before pressed time was: two steps done",
                SessionRecord { completed: false, steps_done: 2, pressed_secs: 0, ..base.clone() },
                SessionResult::Partly { pressed_secs: 0 },
            ),
            (
                "a routine the gate emptied",
                SessionRecord { steps_total: 0, steps_done: 0, pressed_secs: 0, ..base.clone() },
                SessionResult::NothingPressed,
            ),
        ];
        for (what, record, expected) in cases {
            assert_eq!(record.result(), expected, "{what}");
            assert_eq!(record.counts(), expected == SessionResult::Done, "{what}");
        }
    }

    #[test]
    fn csv_golden() {
        let records = [
            record("low-back", 1_795_275_315, (Some(6), Some(3)), true),
            record("rug-nek", 1_795_361_715, (None, Some(2)), false),
        ];
        // low-back is followed as a program since 2026-11-14: 21 November is in its second week.
        let program = crate::program::Program {
            routine_id: "low-back".into(),
            start: jiff::civil::date(2026, 11, 14),
            reminders_on: false,
            reminders: Vec::new(),
        };
        let prescription =
            crate::routine::Prescription { sessions_per_day: 2, days_per_week: 5, weeks: 4, activities: Vec::new() };
        let programs = [crate::program::Scheduled { program: &program, prescription: Some(&prescription) }];
        let expected = "started_at,routine_id,routine_title,routine_author,completed,stopped_at_step,practised_secs,steps_total,steps_done,steps_skipped_by_user,skipped_by_gate,gate_outcome,pain_before,pain_after,program_week,prescribed_per_week,pressed_secs,result\r\n\
2026-11-21T15:35:15Z,low-back,\"Title, \"\"low-back\"\"\",\"J. de Vries, fysiotherapeut\",true,,600,6,6,0,BL23 BL25,adapted,6,3,2,10,480,done\r\n\
2026-11-22T15:35:15Z,rug-nek,\"Title, \"\"rug-nek\"\"\",\"J. de Vries, fysiotherapeut\",false,3,600,6,2,0,BL23 BL25,adapted,,2,,,480,partly\r\n";
        assert_eq!(to_csv(&records, Lang::En, &programs, &amsterdam()), expected);
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
        let weeks = sessions_per_week(&records, &amsterdam());
        assert_eq!(weeks.iter().map(|week| week.sessions).collect::<Vec<_>>(), vec![2, 0, 1]);
        assert_eq!(weeks[0].monday.to_string(), "2026-11-16");
        assert_eq!(weeks[0].sunday().to_string(), "2026-11-22");
        let summaries = routine_summaries(&records);
        assert_eq!(summaries[0].routine_id, "a");
        assert_eq!(summaries[0].mean_pain_before, Some(5.0));
        assert_eq!(summaries[0].mean_pain_after, Some(3.0));
        assert_eq!(summaries[1].completed, 0);
        assert_eq!(summaries[1].mean_pain_after, None);
        assert!(sessions_per_week(&[], &amsterdam()).is_empty());
        // Through today's week, at least four weeks: one session still has its place in time.
        let today = jiff::civil::date(2026, 12, 9);
        let weeks = sessions_per_week_through(&records[..1], &amsterdam(), today, 4);
        let mondays: Vec<String> = weeks.iter().map(|week| week.monday.to_string()).collect();
        assert_eq!(mondays, ["2026-11-16", "2026-11-23", "2026-11-30", "2026-12-07"]);
        assert_eq!(weeks.iter().map(|week| week.sessions).collect::<Vec<_>>(), vec![1, 0, 0, 0]);
        let weeks = sessions_per_week_through(&[], &amsterdam(), today, 4);
        assert_eq!((weeks.len(), weeks[3].monday.to_string()), (4, "2026-12-07".to_owned()));
        assert!(weeks.iter().all(|week| week.sessions == 0));
    }

    #[test]
    fn local_day_numbers_follow_the_local_calendar() {
        // 2026-11-21 15:35:15 UTC is 16:35:15 in Amsterdam.
        let day = local_day_number(1_795_275_315, &amsterdam());
        assert_eq!(date_of_day_number(day.floor() as i64).to_string(), "2026-11-21");
        assert!((day.fract() - (16.0 * 3600.0 + 35.0 * 60.0 + 15.0) / 86_400.0).abs() < 1e-9);
        // 23:30 UTC is already the next day in Amsterdam.
        let late = 1_795_275_315 + 8 * 3600 - 5 * 60 - 15;
        assert_eq!(date_of_day_number(local_day_number(late, &amsterdam()).floor() as i64).to_string(), "2026-11-22");
        assert_eq!(day_number(jiff::civil::date(2026, 11, 21)), day.floor() as i64);
    }
}
