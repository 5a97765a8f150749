//! The program's days, weeks and reminders, table-driven, on fixed dates in Amsterdam.

#![allow(clippy::type_complexity)] // test tables

use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;

use super::*;
use crate::history::SessionRecord;
use crate::routine::Prescription;

fn amsterdam() -> TimeZone {
    TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
}

/// `date` at `hour:minute` in Amsterdam.
fn at(day: Date, hour: i8, minute: i8) -> Timestamp {
    amsterdam().to_timestamp(day.at(hour, minute, 0, 0)).unwrap()
}

fn session(routine_id: &str, started: Timestamp, completed: bool) -> SessionRecord {
    SessionRecord {
        practised_secs: 600,
        pressed_secs: 600,
        completed,
        stopped_at_step: if completed { None } else { Some(1) },
        steps_total: 4,
        steps_done: if completed { 4 } else { 1 },
        ..crate::history::done_session(routine_id, started.as_second())
    }
}

const TWICE_DAILY: Prescription =
    Prescription { sessions_per_day: 2, days_per_week: 5, weeks: 4, activities: Vec::new() };

fn program() -> Program {
    Program {
        routine_id: "low-back".into(),
        start: date(2026, 11, 21),
        reminders_on: true,
        reminders: vec![ReminderTime(9 * 60), ReminderTime(18 * 60)],
    }
}

#[test]
fn reminder_times_parse_and_print() {
    let cases = [
        ("09:00", Some("09:00")),
        ("9:05", Some("09:05")),
        (" 18:30 ", Some("18:30")),
        ("23:59", Some("23:59")),
        ("24:00", None),
        ("12:60", None),
        ("12:5", None),
        ("noon", None),
        ("", None),
        ("-1:00", None),
    ];
    for (text, printed) in cases {
        assert_eq!(ReminderTime::parse(text).map(|time| time.to_string()).as_deref(), printed, "{text:?}");
    }
    assert_eq!(default_reminders(2), vec![ReminderTime(540), ReminderTime(1080)]);
    assert_eq!(default_reminders(4).len(), 4);
}

#[test]
fn a_program_runs_from_its_start_for_its_weeks() {
    let program = program();
    assert_eq!(program.end(Some(&TWICE_DAILY)), Some(date(2026, 12, 18)));
    assert_eq!(program.end(None), None, "no prescription, no end");
    // (day, runs, week)
    let cases = [
        (date(2026, 11, 20), false, None),
        (date(2026, 11, 21), true, Some(1)),
        (date(2026, 11, 27), true, Some(1)),
        (date(2026, 11, 28), true, Some(2)),
        (date(2026, 12, 18), true, Some(4)),
        (date(2026, 12, 19), false, None),
    ];
    for (day, runs, week) in cases {
        assert_eq!(program.runs_on(day, Some(&TWICE_DAILY)), runs, "{day}");
        assert_eq!(program.week_of(day, Some(&TWICE_DAILY)), week, "{day}");
    }
}

#[test]
fn today_counts_completed_sessions_of_that_routine_on_the_local_day() {
    let program = program();
    let day = date(2026, 11, 23);
    let records = [
        session("low-back", at(day, 8, 0), true),
        session("low-back", at(day, 12, 0), false),
        session("neck-shoulders", at(day, 13, 0), true),
        // 23:30 the evening before, in Amsterdam: not today.
        session("low-back", at(date(2026, 11, 22), 23, 30), true),
    ];
    let state = today(&program, Some(&TWICE_DAILY), &records, day, &amsterdam());
    assert_eq!(state, Today { done: 1, per_day: Some(2), ends: Some(date(2026, 12, 18)), running: true });
}

#[test]
fn adherence_counts_each_program_week_against_the_prescription() {
    let program = program();
    let mut records = Vec::new();
    for (day, count) in [(date(2026, 11, 21), 2), (date(2026, 11, 24), 1), (date(2026, 11, 29), 2)] {
        for index in 0..count {
            records.push(session("low-back", at(day, 9 + index, 0), true));
        }
    }
    records.push(session("low-back", at(date(2026, 11, 25), 9, 0), false));
    records.push(session("low-back", at(date(2026, 11, 20), 9, 0), true));
    let weeks = adherence(&program, Some(&TWICE_DAILY), &records, date(2026, 12, 1), &amsterdam());
    let summary: Vec<(u32, String, usize, u32)> =
        weeks.iter().map(|week| (week.number, week.first.to_string(), week.done, week.prescribed)).collect();
    assert_eq!(summary, vec![(1, "2026-11-21".to_owned(), 3, 10), (2, "2026-11-28".to_owned(), 2, 10)]);
    assert!(adherence(&program, None, &records, date(2026, 12, 1), &amsterdam()).is_empty());
    // Never more weeks than prescribed, however late it is.
    assert_eq!(adherence(&program, Some(&TWICE_DAILY), &records, date(2027, 6, 1), &amsterdam()).len(), 4);
}

#[test]
fn reminders_fall_due_at_their_times_while_the_program_runs_and_work_is_left() {
    let program = program();
    let scheduled = [Scheduled { program: &program, prescription: Some(&TWICE_DAILY) }];
    let zone = amsterdam();
    let day = date(2026, 11, 23);
    // (after, until, sessions already done that day, expected due times)
    let done_morning = vec![session("low-back", at(day, 8, 0), true)];
    let done_both = vec![session("low-back", at(day, 8, 0), true), session("low-back", at(day, 8, 30), true)];
    let cases: Vec<(&str, Timestamp, Timestamp, Vec<SessionRecord>, Vec<Timestamp>)> = vec![
        ("the morning one", at(day, 8, 59), at(day, 9, 0), Vec::new(), vec![at(day, 9, 0)]),
        ("not before its time", at(day, 8, 0), at(day, 8, 59), Vec::new(), vec![]),
        ("not twice", at(day, 9, 0), at(day, 9, 30), Vec::new(), vec![]),
        ("a whole day", at(day, 0, 0), at(day, 23, 59), Vec::new(), vec![at(day, 9, 0), at(day, 18, 0)]),
        ("one done: still reminded", at(day, 17, 0), at(day, 18, 0), done_morning, vec![at(day, 18, 0)]),
        ("the day's sessions done: quiet", at(day, 17, 0), at(day, 18, 0), done_both, vec![]),
        ("before the start", at(date(2026, 11, 20), 0, 0), at(date(2026, 11, 20), 23, 0), Vec::new(), vec![]),
        ("after the end", at(date(2026, 12, 19), 0, 0), at(date(2026, 12, 19), 23, 0), Vec::new(), vec![]),
        (
            "the last day",
            at(date(2026, 12, 18), 17, 0),
            at(date(2026, 12, 18), 18, 0),
            Vec::new(),
            vec![at(date(2026, 12, 18), 18, 0)],
        ),
    ];
    for (what, after, until, records, expected) in cases {
        let due: Vec<Timestamp> = due_between(&scheduled, &records, after, until, &zone).iter().map(|r| r.at).collect();
        assert_eq!(due, expected, "{what}");
    }
    // Reminders off: nothing.
    let off = Program { reminders_on: false, ..program.clone() };
    let quiet = [Scheduled { program: &off, prescription: Some(&TWICE_DAILY) }];
    assert!(due_between(&quiet, &[], at(day, 0, 0), at(day, 23, 0), &zone).is_empty());
    // The next one to wait for.
    assert_eq!(next_after(&scheduled, at(day, 9, 0), &zone), Some(at(day, 18, 0)));
    assert_eq!(next_after(&scheduled, at(day, 18, 0), &zone), Some(at(date(2026, 11, 24), 9, 0)));
    assert_eq!(next_after(&scheduled, at(date(2026, 12, 18), 18, 0), &zone), None, "the program has ended");
    assert_eq!(next_after(&scheduled, at(date(2026, 11, 1), 12, 0), &zone), None, "more than a week before the start");
    assert_eq!(next_after(&scheduled, at(date(2026, 11, 20), 12, 0), &zone), Some(at(date(2026, 11, 21), 9, 0)));
}

#[test]
fn reminders_missed_while_asleep_make_one_notice() {
    let program = program();
    let scheduled = [Scheduled { program: &program, prescription: Some(&TWICE_DAILY) }];
    let zone = amsterdam();
    let day = date(2026, 11, 23);
    // Asleep from 8:00 until the next day at 10:00: three reminders passed.
    let due = due_between(&scheduled, &[], at(day, 8, 0), at(date(2026, 11, 24), 10, 0), &zone);
    assert_eq!(due.len(), 3);
    assert_eq!(notice_for(&due, at(date(2026, 11, 24), 10, 0)), Some(ReminderNotice::Missed(vec!["low-back".into()])));
    // On time (within two minutes): shown as now.
    let due = due_between(&scheduled, &[], at(day, 8, 59), at(day, 9, 1), &zone);
    assert_eq!(notice_for(&due, at(day, 9, 1)), Some(ReminderNotice::Now(vec!["low-back".into()])));
    assert_eq!(notice_for(&[], at(day, 9, 1)), None);
}

#[test]
fn a_program_checks_its_reminder_times() {
    let mut program = program();
    assert!(program.check().is_ok());
    program.reminders.push(ReminderTime(24 * 60));
    assert!(program.check().is_err());
    program.reminders = vec![ReminderTime(60); MAX_REMINDERS + 1];
    assert!(program.check().is_err());
}
