//! The report's sessions: every session of a short period, one row each (date and time of day,
//! routine, how far it got, time, pain, what the safety questions changed and why); over a long
//! period, one row per week, then the last four weeks session by session.
//!
//! Why weeks for a long period: a therapist reading three years of twice-daily sessions needs
//! the trend (how regularly, how pain went) and every safety change, not 700 pages; the recent
//! weeks, which the next appointment is about, stay in full. Nothing safety-related is folded
//! away: each week names every reason the questions changed a session, with how often.

use jiff::tz::TimeZone;

use super::layout::{CONTENT_WIDTH, INK, Layout, MARGIN, MUTED, PALE, line_height};
use super::report::{ReportInput, heading};
use crate::history::{SessionRecord, SessionResult, monday_of};
use crate::routine::format_clock;
use crate::safety::Outcome;
use crate::text::{Lang, date, date_span};
use crate::texts::strings;

/// Up to this many sessions, or this many days, every session gets its own row.
const EVERY_SESSION_UP_TO: usize = 150;
/// The same, in days covered.
const EVERY_SESSION_UP_TO_DAYS: i64 = 56;
/// Over a long period, the weeks before the last are summed up; these last weeks stay in full.
const RECENT_WEEKS_IN_FULL: i64 = 4;

/// The sessions part of the report: rows per session, or per week over a long period.
pub(super) fn sessions(layout: &mut Layout, input: &ReportInput, records: &[&SessionRecord]) {
    let zone = input.zone;
    let (Some(first), Some(last)) = (records.first(), records.last()) else { return };
    let days =
        crate::history::day_number(last.local_date(zone)) - crate::history::day_number(first.local_date(zone)) + 1;
    if records.len() <= EVERY_SESSION_UP_TO || days <= EVERY_SESSION_UP_TO_DAYS {
        session_rows(layout, input, records, strings(input.lang).sessions);
        return;
    }
    let recent_from = monday_of(last.local_date(zone))
        .checked_sub(jiff::Span::new().days((RECENT_WEEKS_IN_FULL - 1) * 7))
        .unwrap_or(last.local_date(zone));
    let split = records.partition_point(|record| record.local_date(zone) < recent_from);
    weekly_rows(layout, input, &records[..split]);
    session_rows(layout, input, &records[split..], strings(input.lang).report_recent_sessions);
}

/// One row per week: the dates, how many sessions and how far they got, the time pressed, the
/// mean pain before and after, and what the safety questions changed (each reason, how often).
fn weekly_rows(layout: &mut Layout, input: &ReportInput, records: &[&SessionRecord]) {
    let t = strings(input.lang);
    let lang = input.lang;
    heading(layout, t.report_weeks_title);
    layout.paragraph(t.report_weeks_intro, 9.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    layout.space(3.0);
    let columns: [(f32, &str); 5] = [
        (95.0, t.report_column_week),
        (130.0, t.report_column_sessions),
        (60.0, t.report_column_pressed),
        (55.0, t.report_column_pain),
        (CONTENT_WIDTH - 340.0, t.report_column_safety),
    ];
    header_row(layout, &columns);
    let mut start = 0;
    while start < records.len() {
        let monday = monday_of(records[start].local_date(input.zone));
        let end = start + records[start..].partition_point(|record| monday_of(record.local_date(input.zone)) == monday);
        let week = &records[start..end];
        start = end;
        let sunday = monday.checked_add(jiff::Span::new().days(6)).unwrap_or(monday);
        let done = week.iter().filter(|record| record.counts()).count();
        let partly = week.iter().filter(|record| matches!(record.result(), SessionResult::Partly { .. })).count();
        let none = week.len() - done - partly;
        let mut counts = t.report_week_sessions.fill(&week.len().to_string(), &done.to_string());
        if partly + none > 0 {
            counts.push_str(&t.report_week_rest.fill(&partly.to_string(), &none.to_string()));
        }
        let pressed: u64 = week.iter().map(|record| record.pressed_secs).sum();
        let mean = |pick: fn(&SessionRecord) -> Option<u8>| {
            let values: Vec<f64> = week.iter().filter_map(|record| pick(record)).map(f64::from).collect();
            if values.is_empty() {
                "–".to_owned()
            } else {
                crate::text::decimal(values.iter().sum::<f64>() / values.len() as f64, 1, lang)
            }
        };
        let cells = [
            date_span(monday, sunday, lang) + &format!(" {}", sunday.year()),
            counts,
            format_clock(pressed),
            format!("{} → {}", mean(|record| record.pain_before), mean(|record| record.pain_after)),
            week_safety(week, input),
        ];
        row(layout, &columns, &cells);
    }
}

/// The safety changes of a week: each reason in words, with how many sessions it changed.
fn week_safety(week: &[&SessionRecord], input: &ReportInput) -> String {
    let t = strings(input.lang);
    let mut reasons: Vec<(String, usize)> = Vec::new();
    for record in week.iter().filter(|record| record.gate_outcome != Outcome::Clear) {
        for reason in safety_reasons(record, input) {
            match reasons.iter_mut().find(|(known, _)| *known == reason) {
                Some((_, count)) => *count += 1,
                None => reasons.push((reason, 1)),
            }
        }
    }
    if reasons.is_empty() {
        return t.report_gate_clear.to_owned();
    }
    let said: Vec<String> = reasons
        .into_iter()
        .map(|(reason, count)| if count > 1 { format!("{reason} ({count}×)") } else { reason })
        .collect();
    said.join(". ")
}

/// What the safety questions changed in one session and why, answer by answer ("might be
/// pregnant: light pressure only; Joining Valley (LI4) left out").
fn safety_reasons(record: &SessionRecord, input: &ReportInput) -> Vec<String> {
    let t = strings(input.lang);
    let lang = input.lang;
    let point_name = |code: &crate::catalog::PointCode| {
        input.catalog.get(code).map_or_else(|| code.to_string(), |point| point.label(lang))
    };
    if record.gate_outcome == Outcome::Clear {
        return vec![t.report_gate_clear.to_owned()];
    }
    if !record.gate_reasons.is_empty() {
        return record.gate_reasons.iter().map(|reason| reason.describe(lang, point_name)).collect();
    }
    // Kept before the reasons were: what is known.
    let mut text = t.report_gate_adapted.to_owned();
    if !record.skipped_by_gate.is_empty() {
        let names: Vec<String> = record.skipped_by_gate.iter().map(point_name).collect();
        text = format!("{text}; {}", t.report_gate_skipped.fill(&names.join(", ")));
    }
    vec![text]
}

fn header_row(layout: &mut Layout, columns: &[(f32, &str)]) {
    layout.ensure(line_height(8.5) * 3.0);
    let y = layout.y;
    let mut x = MARGIN;
    for (width, title) in columns {
        layout.text_at(title, 8.5, true, MUTED, (x, y), width - 6.0);
        x += width;
    }
    layout.y = y + line_height(8.5) + 3.0;
}

/// One row of cells; a row that does not fit starts a new page, under the header again.
fn row(layout: &mut Layout, columns: &[(f32, &str)], cells: &[String]) {
    let height = cells
        .iter()
        .zip(columns)
        .map(|(cell, (width, _))| layout.text_height(cell, 9.0, false, width - 6.0))
        .fold(0.0, f32::max)
        + 4.0;
    if height > layout.room() {
        layout.new_page();
        header_row(layout, columns);
    }
    let y = layout.y;
    let mut x = MARGIN;
    for (cell, (width, _)) in cells.iter().zip(columns) {
        layout.text_at(cell, 9.0, false, INK, (x, y), width - 6.0);
        x += width;
    }
    layout.y = y + height;
    layout.line(vec![(MARGIN, layout.y - 2.0), (MARGIN + CONTENT_WIDTH, layout.y - 2.0)], 0.3, PALE);
}

/// Every session: date and time, routine, how it went, time, pain, and what the safety
/// questions changed.
fn session_rows(layout: &mut Layout, input: &ReportInput, records: &[&SessionRecord], title: &str) {
    let t = strings(input.lang);
    let lang = input.lang;
    heading(layout, title);
    let columns: [(f32, &str); 6] = [
        (62.0, t.report_column_date),
        (110.0, t.report_column_routine),
        (95.0, t.report_column_result),
        (42.0, t.report_column_time),
        (45.0, t.report_column_pain),
        (CONTENT_WIDTH - 354.0, t.report_column_safety),
    ];
    header_row(layout, &columns);
    for record in records {
        let cells = [
            format!("{} {}", date(record.local_date(input.zone), lang), time_of_day(record, input.zone)),
            record.routine_title.get(lang).to_owned(),
            result(record, lang),
            format_clock(record.practised_secs),
            {
                let rating = |value: Option<u8>| value.map_or_else(|| "–".to_owned(), |value| value.to_string());
                format!("{} → {}", rating(record.pain_before), rating(record.pain_after))
            },
            safety_reasons(record, input).join(". "),
        ];
        row(layout, &columns, &cells);
    }
}

/// "14:05": two sessions on one day are told apart.
fn time_of_day(record: &SessionRecord, zone: &TimeZone) -> String {
    jiff::Timestamp::from_second(record.started_unix_secs)
        .map(|moment| moment.to_zoned(zone.clone()).strftime("%H:%M").to_string())
        .unwrap_or_default()
}

/// The one rule: done when every press ran to its end; otherwise partly (with the time pressed)
/// or nothing pressed, and where it stopped.
fn result(record: &SessionRecord, lang: Lang) -> String {
    let t = strings(lang);
    let result = match record.result() {
        SessionResult::Done => t.report_completed.to_owned(),
        SessionResult::Partly { pressed_secs } => t.report_partly.fill(&format_clock(pressed_secs)),
        SessionResult::NothingPressed => t.result_short_nothing.to_owned(),
    };
    match record.stopped_at_step {
        Some(step) if !record.completed => {
            let stopped = t.report_stopped_at.fill(&(step + 1).to_string(), &record.steps_total.to_string());
            format!("{result}; {stopped}")
        }
        _ => result,
    }
}
