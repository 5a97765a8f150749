//! The progress report a patient brings to the next appointment: per program, each week's
//! sessions against the prescription; pain before and after on an axis of dates; every session
//! (where one stopped early, what the safety questions changed). An empty period gives one page
//! that says so.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::PdfError;
use super::layout::{ACCENT, CONTENT_WIDTH, Colour, INK, Layout, MARGIN, MARK, MUTED, PALE, line_height};
use crate::catalog::Catalog;
use crate::history::{SessionRecord, date_of_day_number, local_day_number};
use crate::program::{self, Program};
use crate::routine::{Routine, format_clock};
use crate::text::{Lang, date, date_span};
use crate::texts::{count_form, strings};

/// The line of pain after a session.
const AFTER: Colour = Colour(0x1f, 0x6f, 0x78);

/// What a report is made from.
pub struct ReportInput<'a> {
    /// Every session recorded.
    pub records: &'a [SessionRecord],
    /// The person's programs.
    pub programs: &'a [Program],
    /// The routines (for titles and prescriptions).
    pub routines: &'a [Routine],
    /// The points (for names of skipped points).
    pub catalog: &'a Catalog,
    /// The person's time zone.
    pub zone: &'a TimeZone,
    /// The first day to report (inclusive), if any.
    pub from: Option<Date>,
    /// The last day to report (inclusive), if any.
    pub to: Option<Date>,
    /// The day the report is made: weeks up to it count as so far.
    pub today: Date,
    /// The language.
    pub lang: Lang,
}

/// The report, as a PDF.
pub fn report(input: &ReportInput) -> Result<Vec<u8>, PdfError> {
    let fonts = super::layout::Fonts::load()?;
    let t = strings(input.lang);
    let lang = input.lang;
    let mut layout = Layout::new(&fonts, t.report_title, &format!("acupress · {}", t.report_title), lang);
    let last = input.to.unwrap_or(input.today);
    let records: Vec<&SessionRecord> = input
        .records
        .iter()
        .filter(|record| {
            let day = record.local_date(input.zone);
            input.from.is_none_or(|from| day >= from) && day <= last
        })
        .collect();
    // Oldest first (a history is kept in that order, so this costs one pass).
    let mut records = records;
    records.sort_by_key(|record| record.started_unix_secs);
    layout.paragraph("acupress", 10.0, true, ACCENT, MARGIN, CONTENT_WIDTH);
    layout.paragraph(t.report_title, 22.0, true, INK, MARGIN, CONTENT_WIDTH);
    let first = input.from.or_else(|| records.iter().map(|record| record.local_date(input.zone)).min());
    let period = match first {
        // A span across years names both years already ("29 Dec 2025 – 4 Jan 2026").
        Some(first) if first.year() != last.year() => date_span(first, last, lang),
        Some(first) => t.report_period.fill(&date_span(first, last, lang), &last.year().to_string()),
        None => t.report_until.fill(&date(last, lang)),
    };
    layout.paragraph(&period, 11.0, false, INK, MARGIN, CONTENT_WIDTH);
    layout.paragraph(&t.report_made_on.fill(&date(input.today, lang)), 9.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    layout.space(10.0);
    if records.is_empty() {
        layout.paragraph(t.report_empty, 13.0, true, INK, MARGIN, CONTENT_WIDTH);
        layout.paragraph(t.report_empty_hint, 10.0, false, MUTED, MARGIN, CONTENT_WIDTH);
        layout.space(12.0);
        layout.paragraph(t.disclaimer, 9.0, false, MUTED, MARGIN, CONTENT_WIDTH);
        return layout.finish();
    }
    summary(&mut layout, &records, lang);
    programs(&mut layout, input);
    super::activities::activities(&mut layout, input, last.min(input.today));
    pain_chart(&mut layout, &records, input.zone, lang);
    super::sessions::sessions(&mut layout, input, &records);
    layout.space(10.0);
    layout.paragraph(t.report_done_rule, 9.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    layout.space(4.0);
    layout.paragraph(t.disclaimer, 9.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    layout.finish()
}

/// A section heading, kept with what follows it.
pub(super) fn heading(layout: &mut Layout, text: &str) {
    layout.ensure(line_height(14.0) + 40.0);
    layout.space(6.0);
    layout.paragraph(text, 14.0, true, ACCENT, MARGIN, CONTENT_WIDTH);
    layout.space(2.0);
}

/// "9 sessions, 7 completed, 1:24:30 in all".
fn summary(layout: &mut Layout, records: &[&SessionRecord], lang: Lang) {
    let t = strings(lang);
    let completed = records.iter().filter(|record| record.counts()).count();
    let seconds: u64 = records.iter().map(|record| record.practised_secs).sum();
    let text = count_form(records.len(), t.report_summary_one, t.report_summary).fill(
        &records.len().to_string(),
        &completed.to_string(),
        &format_clock(seconds),
    );
    layout.paragraph(&text, 11.0, false, INK, MARGIN, CONTENT_WIDTH);
}

/// Per program: the prescription, then each week's sessions against it, with a bar. A week is
/// shown whole when it starts before `from` (all its sessions count); the week holding the
/// period's last day counts up to that day and says "so far".
fn programs(layout: &mut Layout, input: &ReportInput) {
    let t = strings(input.lang);
    let last = input.to.unwrap_or(input.today).min(input.today);
    // The sessions up to the last day: a prefix of a history kept oldest first (no copy); a
    // history out of order (a clock set back) is filtered instead.
    let sorted = input.records.windows(2).all(|pair| pair[0].started_unix_secs <= pair[1].started_unix_secs);
    let through_last: std::borrow::Cow<'_, [SessionRecord]> = if sorted {
        let upto = input.records.partition_point(|record| record.local_date(input.zone) <= last);
        std::borrow::Cow::Borrowed(&input.records[..upto])
    } else {
        input.records.iter().filter(|record| record.local_date(input.zone) <= last).cloned().collect()
    };
    for scheduled in program::scheduled(input.programs, input.routines) {
        let Some(prescription) = scheduled.prescription else { continue };
        let Some(routine) = input.routines.iter().find(|routine| routine.id == scheduled.program.routine_id) else {
            continue;
        };
        let weeks: Vec<program::ProgramWeek> =
            program::adherence(scheduled.program, Some(prescription), &through_last, last, input.zone)
                .into_iter()
                .filter(|week| input.from.is_none_or(|from| week.last >= from))
                .collect();
        heading(layout, &t.program_title.fill(routine.title.get(input.lang)));
        let end = scheduled.program.end(Some(prescription)).unwrap_or(scheduled.program.start);
        let span = date_span(scheduled.program.start, end, input.lang);
        let text = format!("{} ({span})", t.prescribed.fill(&prescription.describe(input.lang)));
        layout.paragraph(&text, 10.0, false, MUTED, MARGIN, CONTENT_WIDTH);
        layout.space(4.0);
        if weeks.is_empty() {
            layout.paragraph(t.report_no_weeks, 10.0, false, INK, MARGIN, CONTENT_WIDTH);
            continue;
        }
        let row = line_height(10.0) + 4.0;
        for week in weeks {
            layout.ensure(row);
            let y = layout.y;
            let label = t.program_week.fill(&week.number.to_string(), &date_span(week.first, week.last, input.lang));
            layout.text_at(&label, 10.0, false, INK, (MARGIN, y), 170.0);
            let bar_x = MARGIN + 180.0;
            let bar_width = 200.0;
            let fraction = (week.done as f32 / week.prescribed.max(1) as f32).min(1.0);
            layout.rect((bar_x, y + 2.0), (bar_width, 10.0), Some(PALE), None);
            if fraction > 0.0 {
                layout.rect((bar_x, y + 2.0), (bar_width * fraction, 10.0), Some(AFTER), None);
            }
            let mut done = t.done_of.fill(&week.done.to_string(), &week.prescribed.to_string());
            if week.last > last || week.last >= input.today {
                done = format!("{done} ({})", t.week_so_far);
            }
            layout.text_at(&done, 10.0, false, INK, (bar_x + bar_width + 10.0, y), CONTENT_WIDTH - 390.0);
            layout.y = y + row;
        }
    }
}

/// Pain before and after, on an axis of dates (at least a week wide): each day's mean, or each
/// week's over a long period, so three years draw as quickly as a month; the marks fall on days,
/// months or years as the span asks.
fn pain_chart(layout: &mut Layout, records: &[&SessionRecord], zone: &TimeZone, lang: Lang) {
    let t = strings(lang);
    let days: Vec<f64> = records.iter().map(|record| local_day_number(record.started_unix_secs, zone)).collect();
    heading(layout, t.pain_trend);
    if records.iter().all(|record| record.pain_before.is_none() && record.pain_after.is_none()) {
        layout.paragraph(t.report_no_pain, 10.0, false, MUTED, MARGIN, CONTENT_WIDTH);
        return;
    }
    let first_day = days.iter().map(|day| day.floor()).fold(f64::INFINITY, f64::min);
    let last_day = days.iter().map(|day| day.floor()).fold(f64::NEG_INFINITY, f64::max);
    let start = first_day.min(last_day - 6.0);
    let span = last_day + 1.0 - start;
    let bucket = if span > crate::overview::DAILY_POINTS_UP_TO_DAYS { 7.0 } else { 1.0 };
    let series = |pick: fn(&SessionRecord) -> Option<u8>| {
        crate::overview::mean_per_bucket(
            records.iter().zip(&days).filter_map(|(record, day)| Some((*day, pick(record)?))),
            bucket,
        )
    };
    let before = series(|record| record.pain_before);
    let after = series(|record| record.pain_after);
    let (chart_height, left) = (170.0, MARGIN + 24.0);
    let width = CONTENT_WIDTH - 24.0;
    layout.ensure(chart_height + 50.0);
    let top = layout.y + 6.0;
    let x_of = |day: f64| left + ((day - start) / span) as f32 * width;
    let y_of = |pain: f64| top + chart_height * (1.0 - pain as f32 / 10.0);
    for pain in (0..=10).step_by(2) {
        let y = y_of(f64::from(pain));
        layout.line(vec![(left, y), (left + width, y)], 0.4, PALE);
        layout.text_at(&pain.to_string(), 8.0, false, MUTED, (MARGIN, y - 5.0), 20.0);
    }
    let marks = crate::overview::date_marks(date_of_day_number(start as i64), date_of_day_number(last_day as i64), 8);
    for mark in marks {
        let x = x_of(crate::history::day_number(mark.date()) as f64);
        layout.line(vec![(x, top), (x, top + chart_height)], 0.4, PALE);
        let label = mark.label(lang);
        layout.text_at(&label, 8.0, false, MUTED, (x - 12.0, top + chart_height + 3.0), 60.0);
    }
    layout.rect((left, top), (width, chart_height), None, Some(MUTED));
    for (points, colour) in [(&before, MARK), (&after, AFTER)] {
        let path: Vec<(f32, f32)> = points.iter().map(|[day, pain]| (x_of(*day), y_of(*pain))).collect();
        if path.len() > 1 {
            layout.line(path.clone(), 1.5, colour);
        }
        // Dots only where they can be told apart.
        if path.len() <= 120 {
            for point in path {
                layout.circle(point, 2.6, colour, None);
            }
        }
    }
    // Legend.
    let legend_y = top + chart_height + 18.0;
    layout.circle((left + 4.0, legend_y + 5.0), 3.0, MARK, None);
    layout.text_at(t.pain_before, 9.0, false, INK, (left + 12.0, legend_y), 80.0);
    layout.circle((left + 94.0, legend_y + 5.0), 3.0, AFTER, None);
    layout.text_at(t.pain_after, 9.0, false, INK, (left + 102.0, legend_y), 80.0);
    layout.text_at(t.pain_scale_hint, 8.0, false, MUTED, (left + 190.0, legend_y + 1.0), width - 190.0);
    layout.y = legend_y + line_height(9.0) + 6.0;
}
