//! What the History and home screens show about the sessions, computed once per change of the
//! history (the shell keeps it until the history's version, the day or the programs change), so
//! a frame never walks years of sessions.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::history::{
    RoutineSummary, SessionRecord, Week, day_number, local_day_number, routine_summaries, sessions_per_week_through,
};
use crate::program::{ProgramWeek, Scheduled, Today, adherence, today};
use crate::routine::RoutineId;

/// Above this many days from the first session to today, the pain chart shows each week's mean
/// rather than each day's: at most about 520 points for ten years, readable and quick to draw.
pub const DAILY_POINTS_UP_TO_DAYS: f64 = 180.0;

/// Everything the History and home screens show, from one pass over the sessions.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Overview {
    /// How many sessions there are.
    pub sessions: usize,
    /// Sessions per week, up to this week, at least four weeks.
    pub weeks: Vec<Week>,
    /// Pain before: (day on the calendar of local days, mean pain), one point per day, or per
    /// week over a long span ([`DAILY_POINTS_UP_TO_DAYS`]).
    pub pain_before: Vec<[f64; 2]>,
    /// Pain after, the same way.
    pub pain_after: Vec<[f64; 2]>,
    /// The pain chart's first day: the first session's, or a week before today.
    pub chart_start: f64,
    /// Per routine, most used first.
    pub routines: Vec<RoutineSummary>,
    /// Per program (in the order given), its weeks against the prescription.
    pub adherence: Vec<(RoutineId, Vec<ProgramWeek>)>,
    /// Per program (in the order given), what is due today.
    pub today: Vec<(RoutineId, Today)>,
}

impl Overview {
    /// The overview of `records` on `today` in `zone`, for `programs`. Linear in the records
    /// (and in the weeks and programs).
    pub fn of(records: &[SessionRecord], programs: &[Scheduled<'_>], on: Date, zone: &TimeZone) -> Self {
        let today_number = day_number(on) as f64;
        let days: Vec<f64> = records.iter().map(|record| local_day_number(record.started_unix_secs, zone)).collect();
        let first = days.iter().copied().fold(today_number, f64::min).floor();
        let chart_start = first.min(today_number - 6.0);
        let bucket = if today_number + 1.0 - chart_start > DAILY_POINTS_UP_TO_DAYS { 7.0 } else { 1.0 };
        let series = |rating: fn(&SessionRecord) -> Option<u8>| {
            mean_per_bucket(records.iter().zip(&days).filter_map(|(record, day)| Some((*day, rating(record)?))), bucket)
        };
        Overview {
            sessions: records.len(),
            weeks: sessions_per_week_through(records, zone, on, 4),
            pain_before: series(|record| record.pain_before),
            pain_after: series(|record| record.pain_after),
            chart_start,
            routines: routine_summaries(records),
            adherence: programs
                .iter()
                .map(|scheduled| {
                    let weeks = adherence(scheduled.program, scheduled.prescription, records, on, zone);
                    (scheduled.program.routine_id.clone(), weeks)
                })
                .collect(),
            today: programs
                .iter()
                .map(|scheduled| {
                    let due = today(scheduled.program, scheduled.prescription, records, on, zone);
                    (scheduled.program.routine_id.clone(), due)
                })
                .collect(),
        }
    }

    /// Today's state of the program of `routine_id`.
    pub fn today_of(&self, routine_id: &RoutineId) -> Option<Today> {
        self.today.iter().find(|(id, _)| id == routine_id).map(|(_, today)| *today)
    }

    /// The weeks of the program of `routine_id`.
    pub fn adherence_of(&self, routine_id: &RoutineId) -> &[ProgramWeek] {
        self.adherence.iter().find(|(id, _)| id == routine_id).map_or(&[], |(_, weeks)| weeks)
    }
}

/// The mean of the values in each bucket of `size` days, at the bucket's middle (a day's point
/// at the day's middle), oldest first.
pub fn mean_per_bucket(values: impl Iterator<Item = (f64, u8)>, size: f64) -> Vec<[f64; 2]> {
    let mut sums: std::collections::BTreeMap<i64, (f64, u32)> = std::collections::BTreeMap::new();
    for (day, value) in values {
        let entry = sums.entry((day / size).floor() as i64).or_default();
        entry.0 += f64::from(value);
        entry.1 += 1;
    }
    sums.into_iter().map(|(bucket, (sum, count))| [(bucket as f64 + 0.5) * size, sum / f64::from(count)]).collect()
}

/// A mark on an axis of dates and how to label it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateMark {
    /// A day ("21 Nov").
    Day(Date),
    /// The first of a month ("Nov 2026").
    Month(Date),
    /// The first of January ("2026").
    Year(Date),
}

impl DateMark {
    /// The day it marks.
    pub fn date(self) -> Date {
        match self {
            DateMark::Day(date) | DateMark::Month(date) | DateMark::Year(date) => date,
        }
    }

    /// Its label: "21 Nov", "Nov 2026" or "2026".
    pub fn label(self, lang: crate::text::Lang) -> String {
        match self {
            DateMark::Day(date) => crate::text::day_month(date, lang),
            DateMark::Month(date) => crate::text::month_year(date, lang),
            DateMark::Year(date) => date.year().to_string(),
        }
    }
}

/// Marks for an axis of dates from `first` to `last`, at most about `most` of them, on days a
/// reader expects: every day or few days for a short span, the first of every month or few
/// months for a year or two, the first of January every year or few years beyond. Readable
/// from one day to ten years and more.
pub fn date_marks(first: Date, last: Date, most: usize) -> Vec<DateMark> {
    let most = most.max(2);
    let days = (day_number(last) - day_number(first)).max(0) + 1;
    let most_i64 = i64::try_from(most).unwrap_or(i64::MAX);
    if days <= most_i64 * 14 {
        let step = [1, 2, 7, 14].into_iter().find(|step| days / step < most_i64).unwrap_or(14);
        return (0..days)
            .step_by(usize::try_from(step).unwrap_or(1))
            .filter_map(|offset| first.checked_add(jiff::Span::new().days(offset)).ok())
            .map(DateMark::Day)
            .collect();
    }
    let months = i64::from(last.year() - first.year()) * 12 + i64::from(last.month() - first.month()) + 1;
    if let Some(step) = [1, 2, 3, 6].into_iter().find(|step| months / step < most_i64) {
        let mut marks = Vec::new();
        let mut month = Date::new(first.year(), first.month(), 1).unwrap_or(first);
        while month <= last {
            if month >= first && i64::from(month.month() - 1) % step == 0 {
                marks.push(DateMark::Month(month));
            }
            match month.checked_add(jiff::Span::new().months(1)) {
                Ok(next) => month = next,
                Err(_) => break,
            }
        }
        return marks;
    }
    let years = i64::from(last.year() - first.year()) + 1;
    let step = [1, 2, 5, 10, 20, 50].into_iter().find(|step| years / step < most_i64).unwrap_or(100);
    (first.year()..=last.year())
        .filter(|year| i64::from(*year) % step == 0)
        .filter_map(|year| Date::new(year, 1, 1).ok())
        .filter(|date| *date >= first)
        .map(DateMark::Year)
        .collect()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn date_marks_read_from_one_day_to_ten_years() {
        let cases: Vec<(Date, Date, usize, usize, &str)> = vec![
            (date(2026, 12, 6), date(2026, 12, 6), 8, 1, "Day"),
            (date(2026, 11, 30), date(2026, 12, 6), 8, 7, "Day"),
            (date(2026, 11, 1), date(2026, 12, 6), 8, 6, "Day"),
            (date(2026, 1, 1), date(2026, 12, 31), 8, 6, "Month"),
            (date(2024, 3, 5), date(2026, 12, 6), 8, 5, "Month"),
            (date(2016, 12, 7), date(2026, 12, 6), 8, 5, "Year"),
            (date(2016, 12, 7), date(2026, 12, 6), 12, 10, "Year"),
        ];
        for (first, last, most, expected, kind) in cases {
            let marks = date_marks(first, last, most);
            assert_eq!(marks.len(), expected, "{first}..{last}: {marks:?}");
            assert!(marks.len() <= most, "{first}..{last}: at most {most}");
            for mark in &marks {
                assert!(format!("{mark:?}").starts_with(kind), "{first}..{last}: {mark:?}");
                assert!(first <= mark.date() && mark.date() <= last, "{mark:?} inside the span");
            }
        }
        // Months are firsts of the month; years are firsts of January.
        assert!(date_marks(date(2024, 3, 5), date(2026, 12, 6), 8).iter().all(|mark| mark.date().day() == 1));
    }

    #[test]
    fn a_long_history_is_charted_by_the_week() {
        let zone = TimeZone::UTC;
        let make = |day: i64, pain: u8| SessionRecord {
            pain_before: Some(pain),
            ..crate::history::done_session("back", 1_600_000_000 + day * 86_400)
        };
        let short: Vec<SessionRecord> = (0..30).flat_map(|day| [make(day, 4), make(day, 6)]).collect();
        let today = crate::history::local_date(short.last().unwrap().started_unix_secs, &zone);
        let overview = Overview::of(&short, &[], today, &zone);
        assert_eq!(overview.pain_before.len(), 30, "one point a day: the day's mean");
        assert!(overview.pain_before.iter().all(|[_, pain]| (*pain - 5.0).abs() < 1e-9));
        assert_eq!(overview.sessions, 60);
        let long: Vec<SessionRecord> = (0..3650).map(|day| make(day, 5)).collect();
        let today = crate::history::local_date(long.last().unwrap().started_unix_secs, &zone);
        let overview = Overview::of(&long, &[], today, &zone);
        assert!((521..=523).contains(&overview.pain_before.len()), "{}", overview.pain_before.len());
        assert!(overview.pain_after.is_empty());
    }
}
