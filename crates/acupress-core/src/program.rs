//! The patient's home program: a routine done from a start day, as often as its prescription
//! asks, with reminder times. What is due today, when the program ends, how each program week
//! went against the prescription, and which reminders fall due when.
//!
//! Pure: today's date, the moments and the time zone come in as arguments; it never reads the
//! clock and never shows a notification (the app's `reminders` does).

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};

use crate::history::SessionRecord;
use crate::routine::{Prescription, Routine, RoutineId};

/// Most reminder times a program may have.
pub const MAX_REMINDERS: usize = 8;
/// A reminder later than this was missed (the computer slept): it is
/// not shown as if it were on time.
pub const REMINDER_TOLERANCE_SECS: i64 = 120;

/// A time of day, in minutes after midnight (0..1440), local.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReminderTime(pub u16);

impl ReminderTime {
    /// `hour:minute`, if both are in range.
    pub fn new(hour: u16, minute: u16) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(Self(hour * 60 + minute))
    }

    /// "09:30".
    pub fn parse(text: &str) -> Option<Self> {
        let (hour, minute) = text.trim().split_once(':')?;
        if minute.len() != 2 || hour.is_empty() || hour.len() > 2 {
            return None;
        }
        Self::new(hour.parse().ok()?, minute.parse().ok()?)
    }

    /// The hour, 0..24.
    pub fn hour(self) -> u16 {
        self.0 / 60
    }

    /// The minute, 0..60.
    pub fn minute(self) -> u16 {
        self.0 % 60
    }

    /// Whether it is a real time of day.
    pub fn is_valid(self) -> bool {
        self.0 < 24 * 60
    }

    fn time(self) -> Time {
        Time::constant(i8::try_from(self.hour()).unwrap_or(0), i8::try_from(self.minute()).unwrap_or(0), 0, 0)
    }
}

impl std::fmt::Display for ReminderTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

/// Reminder times that suit `sessions_per_day`, spread over the waking day.
pub fn default_reminders(sessions_per_day: u8) -> Vec<ReminderTime> {
    let hours: &[u16] = match sessions_per_day {
        0 | 1 => &[9],
        2 => &[9, 18],
        3 => &[9, 13, 19],
        _ => &[8, 12, 16, 20],
    };
    hours.iter().map(|hour| ReminderTime(hour * 60)).collect()
}

/// One routine followed as a home program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Program {
    /// The routine.
    pub routine_id: RoutineId,
    /// The first day, local (the day it was imported, unless the person changed it).
    pub start: Date,
    /// Whether reminders are shown.
    pub reminders_on: bool,
    /// When to remind, local times of day, sorted.
    pub reminders: Vec<ReminderTime>,
}

impl Program {
    /// A program for `routine` starting `start`: with a prescription, reminders on at times that
    /// suit it; without, reminders off (the person may switch them on).
    pub fn for_routine(routine: &Routine, start: Date) -> Self {
        let prescription = routine.prescription.as_ref();
        Self {
            routine_id: routine.id.clone(),
            start,
            reminders_on: prescription.is_some(),
            reminders: default_reminders(prescription.map_or(1, |prescription| prescription.sessions_per_day)),
        }
    }

    /// The checks a settings file must pass (times of day, no more than [`MAX_REMINDERS`]).
    pub fn check(&self) -> Result<(), String> {
        if self.reminders.len() > MAX_REMINDERS {
            return Err(format!(
                "{}: {} reminder times, at most {MAX_REMINDERS}",
                self.routine_id,
                self.reminders.len()
            ));
        }
        if let Some(bad) = self.reminders.iter().find(|time| !time.is_valid()) {
            return Err(format!("{}: reminder time {} is not a time of day", self.routine_id, bad.0));
        }
        Ok(())
    }

    /// The last day of the program (`None`: no prescription, so no end).
    pub fn end(&self, prescription: Option<&Prescription>) -> Option<Date> {
        let days = i64::from(prescription?.weeks) * 7 - 1;
        self.start.checked_add(Span::new().days(days)).ok()
    }

    /// Whether `date` falls within the program.
    pub fn runs_on(&self, date: Date, prescription: Option<&Prescription>) -> bool {
        date >= self.start && self.end(prescription).is_none_or(|end| date <= end)
    }

    /// The program week `date` falls in (1 from the start day), if it falls in the program.
    pub fn week_of(&self, date: Date, prescription: Option<&Prescription>) -> Option<u32> {
        if !self.runs_on(date, prescription) {
            return None;
        }
        let days = self.start.until(date).ok()?.get_days();
        u32::try_from(days / 7 + 1).ok()
    }
}

/// Sessions of `routine_id` done on `date` in `zone` (every press to its end: see
/// [`SessionRecord::counts`]).
pub fn sessions_on(records: &[SessionRecord], routine_id: &RoutineId, date: Date, zone: &TimeZone) -> usize {
    records
        .iter()
        .filter(|record| record.routine_id == *routine_id && record.counts() && record.local_date(zone) == date)
        .count()
}

/// What is due today for one program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Today {
    /// Sessions done today.
    pub done: usize,
    /// Sessions asked for on a practice day (`None` without a prescription).
    pub per_day: Option<u8>,
    /// The last day (`None` without a prescription).
    pub ends: Option<Date>,
    /// Whether today is within the program.
    pub running: bool,
}

/// Today's state of `program`.
pub fn today(
    program: &Program,
    prescription: Option<&Prescription>,
    records: &[SessionRecord],
    today: Date,
    zone: &TimeZone,
) -> Today {
    Today {
        done: sessions_on(records, &program.routine_id, today, zone),
        per_day: prescription.map(|prescription| prescription.sessions_per_day),
        ends: program.end(prescription),
        running: program.runs_on(today, prescription),
    }
}

/// One week of a program, against its prescription.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgramWeek {
    /// 1 for the week that starts on the program's first day.
    pub number: u32,
    /// Its first day.
    pub first: Date,
    /// Its last day.
    pub last: Date,
    /// Sessions done in it (see [`SessionRecord::counts`]).
    pub done: usize,
    /// Sessions the prescription asks for in a week.
    pub prescribed: u32,
}

/// The program's weeks so far (up to and including the week of `today`, at most its length),
/// each with sessions done against the prescription. Empty without a prescription.
pub fn adherence(
    program: &Program,
    prescription: Option<&Prescription>,
    records: &[SessionRecord],
    today: Date,
    zone: &TimeZone,
) -> Vec<ProgramWeek> {
    let Some(prescription) = prescription else { return Vec::new() };
    let mut weeks: Vec<ProgramWeek> = Vec::new();
    for number in 1..=u32::from(prescription.weeks) {
        let first = program.start.checked_add(Span::new().days(i64::from(number - 1) * 7)).unwrap_or(program.start);
        if first > today {
            break;
        }
        let last = first.checked_add(Span::new().days(6)).unwrap_or(first);
        weeks.push(ProgramWeek { number, first, last, done: 0, prescribed: prescription.sessions_per_week() });
    }
    for record in records.iter().filter(|record| record.routine_id == program.routine_id && record.counts()) {
        let date = record.local_date(zone);
        if let Some(week) = weeks.iter_mut().find(|week| week.first <= date && date <= week.last) {
            week.done += 1;
        }
    }
    weeks
}

/// A reminder that has come due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueReminder {
    /// The routine to do.
    pub routine_id: RoutineId,
    /// When it was due.
    pub at: Timestamp,
}

/// What to show for the reminders that came due between two looks at the clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReminderNotice {
    /// On time: one notification for these routines.
    Now(Vec<RoutineId>),
    /// Missed (the computer slept): shown once, however many were missed.
    Missed(Vec<RoutineId>),
}

/// A program with what the reminders need to know about its routine.
#[derive(Clone, Debug)]
pub struct Scheduled<'a> {
    /// The program.
    pub program: &'a Program,
    /// Its routine's prescription.
    pub prescription: Option<&'a Prescription>,
}

/// Each program with its routine's prescription (none when the routine is not there any more).
pub fn scheduled<'a>(programs: &'a [Program], routines: &'a [Routine]) -> Vec<Scheduled<'a>> {
    programs
        .iter()
        .map(|program| Scheduled {
            program,
            prescription: routines
                .iter()
                .find(|routine| routine.id == program.routine_id)
                .and_then(|routine| routine.prescription.as_ref()),
        })
        .collect()
}

fn local_timestamp(date: Date, time: ReminderTime, zone: &TimeZone) -> Option<Timestamp> {
    let datetime = DateTime::from_parts(date, time.time());
    zone.to_ambiguous_timestamp(datetime).compatible().ok()
}

/// Every reminder due in `(after, until]`: at each reminder time on each day the program runs,
/// unless that day's sessions are done already. Linear in the days spanned (capped at 8 days:
/// older ones are long missed and make one notice at most).
pub fn due_between(
    programs: &[Scheduled<'_>],
    records: &[SessionRecord],
    after: Timestamp,
    until: Timestamp,
    zone: &TimeZone,
) -> Vec<DueReminder> {
    let mut due = Vec::new();
    if until <= after {
        return due;
    }
    let last_day = until.to_zoned(zone.clone()).date();
    let first_day =
        after.to_zoned(zone.clone()).date().max(last_day.checked_sub(Span::new().days(7)).unwrap_or(last_day));
    for scheduled in programs.iter().filter(|scheduled| scheduled.program.reminders_on) {
        let program = scheduled.program;
        let mut day = first_day;
        while day <= last_day {
            if program.runs_on(day, scheduled.prescription) {
                let per_day = scheduled.prescription.map_or(usize::MAX, |p| usize::from(p.sessions_per_day));
                let done_that_day = sessions_on(records, &program.routine_id, day, zone) >= per_day;
                for time in &program.reminders {
                    if let Some(at) = local_timestamp(day, *time, zone)
                        && at > after
                        && at <= until
                        && !done_that_day
                    {
                        due.push(DueReminder { routine_id: program.routine_id.clone(), at });
                    }
                }
            }
            let Ok(next) = day.checked_add(Span::new().days(1)) else { break };
            day = next;
        }
    }
    due.sort_by_key(|reminder| reminder.at);
    due
}

/// The earliest reminder time after `after` (at most 8 days ahead), for a timer to sleep until.
pub fn next_after(programs: &[Scheduled<'_>], after: Timestamp, zone: &TimeZone) -> Option<Timestamp> {
    let today = after.to_zoned(zone.clone()).date();
    let mut best: Option<Timestamp> = None;
    for scheduled in programs.iter().filter(|scheduled| scheduled.program.reminders_on) {
        for offset in 0..8 {
            let Ok(day) = today.checked_add(Span::new().days(offset)) else { break };
            if !scheduled.program.runs_on(day, scheduled.prescription) {
                continue;
            }
            let first = scheduled
                .program
                .reminders
                .iter()
                .filter_map(|time| local_timestamp(day, *time, zone))
                .filter(|at| *at > after)
                .min();
            if let Some(first) = first {
                best = Some(best.map_or(first, |best| best.min(first)));
                break;
            }
        }
    }
    best
}

/// What to show, at `now`, for the reminders that came due: those on time together in one
/// notification; any missed (due longer than [`REMINDER_TOLERANCE_SECS`] ago) in one notice,
/// never as a burst.
pub fn notice_for(due: &[DueReminder], now: Timestamp) -> Option<ReminderNotice> {
    let routines = |late: bool| {
        let mut ids: Vec<RoutineId> = Vec::new();
        for reminder in due {
            let is_late = now.as_second() - reminder.at.as_second() > REMINDER_TOLERANCE_SECS;
            if is_late == late && !ids.contains(&reminder.routine_id) {
                ids.push(reminder.routine_id.clone());
            }
        }
        ids
    };
    let on_time = routines(false);
    let missed = routines(true);
    if !missed.is_empty() {
        // One notice: on-time reminders at the same moment join the missed ones.
        let extra: Vec<RoutineId> = on_time.into_iter().filter(|id| !missed.contains(id)).collect();
        let mut all = missed;
        all.extend(extra);
        return Some(ReminderNotice::Missed(all));
    }
    (!on_time.is_empty()).then_some(ReminderNotice::Now(on_time))
}

#[cfg(test)]
mod tests;
