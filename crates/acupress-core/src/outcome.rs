//! The outcome measure: the Patient-Specific Functional Scale (PSFS; Stratford, Gill, Westaway
//! and Binkley, Physiotherapy Canada 1995;47(4):258–263).
//!
//! The therapist names up to three everyday activities the complaint makes hard (in the
//! routine's prescription). The patient rates each from 0 (unable to do it) to 10 (able to do it
//! as well as before the problem): after the first session of the routine, then once a week,
//! each time offered after a session. The ratings are kept with that session's record, together
//! with the activity's words, so a later edit of the routine never changes what was rated.
//! The report shows the first rating, each later one, and the change.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::history::SessionRecord;
use crate::routine::{Routine, RoutineId};
use crate::text::Text;

/// The highest score: able to do the activity as well as before the problem.
pub const MAX_ACTIVITY_SCORE: u8 = 10;

/// Days between two ratings: once a week.
pub const RATING_INTERVAL_DAYS: i64 = 7;

/// The smallest change in the average score that is more than measurement error (minimal
/// detectable change at 90 % confidence, from the scale's form; Stratford et al. 1995).
pub const DETECTABLE_CHANGE_AVERAGE: u8 = 2;

/// The same for the score of one activity.
pub const DETECTABLE_CHANGE_SINGLE: u8 = 3;

/// One activity as rated: its words when rated and the score, 0..=[`MAX_ACTIVITY_SCORE`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ActivityScore {
    /// The activity, in both languages, as the routine named it then.
    pub activity: Text,
    /// 0 = unable to do it; 10 = as well as before the problem.
    pub score: u8,
}

/// Whether a session of `routine` ending on `today` should offer the rating: the routine names
/// activities, and they were never rated for it, or last rated [`RATING_INTERVAL_DAYS`] or more
/// days ago.
pub fn rating_due(records: &[SessionRecord], routine: &Routine, today: Date, zone: &TimeZone) -> bool {
    let Some(prescription) = &routine.prescription else { return false };
    if prescription.activities.is_empty() {
        return false;
    }
    let last = records
        .iter()
        .rev()
        .find(|record| record.routine_id == routine.id && !record.activity_scores.is_empty())
        .map(|record| record.local_date(zone));
    last.is_none_or(|last| days_between(last, today) >= RATING_INTERVAL_DAYS)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
fn days_between(from: Date, to: Date) -> i64 {
    crate::history::day_number(to) - crate::history::day_number(from)
}

/// One rating: the day and each activity's score, in the routine's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Rating {
    /// The local date of the session it came with.
    pub date: Date,
    /// Days since the first rating (0 for the first).
    pub day: i64,
    /// The scores, one per activity of [`Ratings::activities`]; `None` when that activity was
    /// not rated this time (the routine's activities changed).
    pub scores: Vec<Option<u8>>,
}

impl Rating {
    /// The mean of the scores given, `None` when none were.
    pub fn average(&self) -> Option<f64> {
        let given: Vec<f64> = self.scores.iter().flatten().map(|score| f64::from(*score)).collect();
        (!given.is_empty()).then(|| given.iter().sum::<f64>() / given.len() as f64)
    }
}

/// Every rating of one routine, oldest first, by activity.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Ratings {
    /// The activities, in the order first rated (an activity renamed later is a new one).
    pub activities: Vec<Text>,
    /// The ratings, oldest first.
    pub ratings: Vec<Rating>,
}

impl Ratings {
    /// Gathers the ratings of `routine_id` from `records` (in any order), one pass.
    pub fn of(records: &[SessionRecord], routine_id: &RoutineId, zone: &TimeZone) -> Self {
        let mut rated: Vec<&SessionRecord> = records
            .iter()
            .filter(|record| record.routine_id == *routine_id && !record.activity_scores.is_empty())
            .collect();
        rated.sort_by_key(|record| record.started_unix_secs);
        let mut ratings = Ratings::default();
        let first_date = rated.first().map(|record| record.local_date(zone));
        for record in rated {
            let mut scores = vec![None; ratings.activities.len()];
            for given in &record.activity_scores {
                let column = if let Some(column) = ratings.activities.iter().position(|known| *known == given.activity)
                {
                    column
                } else {
                    // A new activity: a new column, empty in the earlier ratings.
                    ratings.activities.push(given.activity.clone());
                    for earlier in &mut ratings.ratings {
                        earlier.scores.push(None);
                    }
                    scores.push(None);
                    ratings.activities.len() - 1
                };
                scores[column] = Some(given.score);
            }
            let date = record.local_date(zone);
            let day = first_date.map_or(0, |first| days_between(first, date));
            ratings.ratings.push(Rating { date, day, scores });
        }
        ratings
    }

    /// The change of each activity from its first score to its last (`None` when it was rated
    /// fewer than twice).
    pub fn changes(&self) -> Vec<Option<i16>> {
        (0..self.activities.len())
            .map(|column| {
                let mut given = self.ratings.iter().filter_map(|rating| rating.scores[column]);
                let first = given.next()?;
                let last = given.next_back()?;
                Some(i16::from(last) - i16::from(first))
            })
            .collect()
    }

    /// The change in the average from the first rating to the last (`None` with fewer than two).
    pub fn average_change(&self) -> Option<f64> {
        let (first, last) = (self.ratings.first()?, self.ratings.last()?);
        if self.ratings.len() < 2 {
            return None;
        }
        Some(last.average()? - first.average()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finished session of `routine_id` at `started_unix_secs`, not rated.
    fn record_at(routine_id: &str, started_unix_secs: i64) -> SessionRecord {
        crate::history::done_session(routine_id, started_unix_secs)
    }

    fn scored(record: SessionRecord, scores: &[(&str, u8)]) -> SessionRecord {
        SessionRecord {
            activity_scores: scores
                .iter()
                .map(|(activity, score)| ActivityScore { activity: Text::new(*activity, *activity), score: *score })
                .collect(),
            ..record
        }
    }

    fn routine_with(activities: &[&str]) -> Routine {
        let catalog = crate::bundled::catalog().unwrap();
        let mut routine = crate::bundled::valid_routines(&catalog).unwrap().remove(0);
        routine.id = "back".into();
        routine.prescription = Some(crate::routine::Prescription {
            sessions_per_day: 1,
            days_per_week: 7,
            weeks: 4,
            activities: activities.iter().map(|activity| Text::new(*activity, *activity)).collect(),
        });
        routine
    }

    const DAY: i64 = 86_400;
    const START: i64 = 1_796_000_000;

    #[test]
    fn the_rating_is_offered_at_the_start_and_then_once_a_week() {
        let zone = TimeZone::UTC;
        let routine = routine_with(&["walking"]);
        let date = |secs: i64| crate::history::local_date(secs, &zone);
        let rated = scored(record_at("back", START), &[("walking", 3)]);
        let other_routine = scored(record_at("neck", START + 5 * DAY), &[("walking", 3)]);
        let cases: Vec<(&str, Vec<SessionRecord>, &Routine, i64, bool)> = vec![
            ("never rated: the start", vec![], &routine, START, true),
            ("sessions without a rating do not count", vec![record_at("back", START)], &routine, START, true),
            ("rated today", vec![rated.clone()], &routine, START, false),
            ("six days later", vec![rated.clone()], &routine, START + 6 * DAY, false),
            ("seven days later", vec![rated.clone()], &routine, START + 7 * DAY, true),
            (
                "another routine's rating does not count",
                vec![rated.clone(), other_routine],
                &routine,
                START + 7 * DAY,
                true,
            ),
        ];
        for (what, records, routine, now, expected) in cases {
            assert_eq!(rating_due(&records, routine, date(now), &zone), expected, "{what}");
        }
        let no_activities = routine_with(&[]);
        assert!(!rating_due(&[], &no_activities, date(START), &zone), "no activities named: nothing to rate");
        let mut no_prescription = routine_with(&[]);
        no_prescription.prescription = None;
        assert!(!rating_due(&[], &no_prescription, date(START), &zone), "no prescription");
    }

    #[test]
    fn ratings_line_up_by_activity_and_show_the_change() {
        let zone = TimeZone::UTC;
        let records = vec![
            scored(record_at("back", START + 14 * DAY), &[("walking", 7), ("socks", 5)]),
            record_at("back", START + 8 * DAY),
            scored(record_at("back", START), &[("walking", 3), ("socks", 4)]),
            scored(record_at("back", START + 7 * DAY), &[("walking", 5), ("socks", 4), ("cycling", 2)]),
            scored(record_at("neck", START + 7 * DAY), &[("walking", 10)]),
        ];
        let ratings = Ratings::of(&records, &"back".into(), &zone);
        let names: Vec<&str> = ratings.activities.iter().map(|activity| activity.en.as_str()).collect();
        assert_eq!(names, ["walking", "socks", "cycling"]);
        let rows: Vec<(i64, Vec<Option<u8>>)> =
            ratings.ratings.iter().map(|rating| (rating.day, rating.scores.clone())).collect();
        assert_eq!(
            rows,
            [
                (0, vec![Some(3), Some(4), None]),
                (7, vec![Some(5), Some(4), Some(2)]),
                (14, vec![Some(7), Some(5), None]),
            ]
        );
        assert_eq!(ratings.changes(), [Some(4), Some(1), None]);
        assert_eq!(ratings.ratings[0].average(), Some(3.5));
        assert_eq!(ratings.average_change(), Some(2.5));
        assert_eq!(
            Ratings::of(&records[..1], &"back".into(), &zone).average_change(),
            None,
            "one rating: no change yet"
        );
    }
}
