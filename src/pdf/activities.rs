//! The report's outcome measure: the activities the patient rated (Patient-Specific Functional
//! Scale), per routine: the first rating, each later one, and the change, with what size of
//! change means something.

use super::layout::{CONTENT_WIDTH, INK, Layout, MARGIN, MUTED, PALE, line_height};
use super::report::{ReportInput, heading};
use crate::history::SessionRecord;
use crate::outcome::Ratings;
use crate::routine::RoutineId;
use crate::text::date;
use crate::texts::strings;

/// One table per routine whose activities were rated up to the report's last day. The first
/// rating is shown even when it falls before the period: the change is measured from it.
pub(super) fn activities(layout: &mut Layout, input: &ReportInput, last: jiff::civil::Date) {
    let t = strings(input.lang);
    let lang = input.lang;
    let through_last: Vec<SessionRecord> = input
        .records
        .iter()
        .filter(|record| !record.activity_scores.is_empty() && record.local_date(input.zone) <= last)
        .cloned()
        .collect();
    let mut routine_ids: Vec<&RoutineId> = Vec::new();
    for record in &through_last {
        if !routine_ids.contains(&&record.routine_id) {
            routine_ids.push(&record.routine_id);
        }
    }
    for routine_id in routine_ids {
        let ratings = Ratings::of(&through_last, routine_id, input.zone);
        let Some(title) = through_last.iter().rev().find(|record| record.routine_id == *routine_id) else { continue };
        heading(layout, &t.report_activities_title.fill(title.routine_title.get(lang)));
        layout.paragraph(t.report_activities_intro, 9.5, false, MUTED, MARGIN, CONTENT_WIDTH);
        layout.space(4.0);
        table(layout, &ratings, input);
        layout.space(4.0);
        let note = if ratings.ratings.len() < 2 { t.report_activities_once } else { t.report_activities_note };
        layout.paragraph(note, 9.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    }
}

/// Rows: each rating (date, week), then the change; columns: each activity, then the average.
fn table(layout: &mut Layout, ratings: &Ratings, input: &ReportInput) {
    let t = strings(input.lang);
    let lang = input.lang;
    let first_width = 120.0;
    let average_width = 70.0;
    let activity_width = (CONTENT_WIDTH - first_width - average_width) / ratings.activities.len().max(1) as f32;
    let mut widths = vec![first_width];
    widths.extend(std::iter::repeat_n(activity_width, ratings.activities.len()));
    widths.push(average_width);
    let mut header = vec![t.report_column_rated.to_owned()];
    header.extend(ratings.activities.iter().map(|activity| activity.get(lang).to_owned()));
    header.push(t.report_column_average.to_owned());
    row(layout, &header, &widths, true);
    let score = |value: Option<u8>| value.map_or_else(|| "–".to_owned(), |value| value.to_string());
    let one_decimal = |value: f64| crate::text::decimal(value, 1, lang);
    for rating in &ratings.ratings {
        let when = if rating.day == 0 {
            t.report_rating_start.to_owned()
        } else {
            t.report_rating_week.fill(&(rating.day / 7 + 1).to_string())
        };
        let mut cells = vec![format!("{} · {when}", date(rating.date, lang))];
        cells.extend(rating.scores.iter().map(|value| score(*value)));
        cells.push(rating.average().map_or_else(|| "–".to_owned(), one_decimal));
        row(layout, &cells, &widths, false);
    }
    if ratings.ratings.len() >= 2 {
        let signed = |value: i16| if value > 0 { format!("+{value}") } else { value.to_string() };
        let mut cells = vec![t.report_change.to_owned()];
        cells.extend(ratings.changes().into_iter().map(|change| change.map_or_else(|| "–".to_owned(), signed)));
        cells.push(ratings.average_change().map_or_else(
            || "–".to_owned(),
            |change| if change > 0.0 { format!("+{}", one_decimal(change)) } else { one_decimal(change) },
        ));
        row(layout, &cells, &widths, true);
    }
}

/// One row of the table, its cells wrapped in their columns; a row that does not fit starts a
/// new page.
fn row(layout: &mut Layout, cells: &[String], widths: &[f32], bold: bool) {
    let height = cells
        .iter()
        .zip(widths)
        .map(|(cell, width)| layout.text_height(cell, 9.0, bold, width - 6.0))
        .fold(line_height(9.0), f32::max)
        + 4.0;
    layout.ensure(height);
    let y = layout.y;
    let mut x = MARGIN;
    for (cell, width) in cells.iter().zip(widths) {
        layout.text_at(cell, 9.0, bold, INK, (x, y), width - 6.0);
        x += width;
    }
    layout.y = y + height;
    layout.line(vec![(MARGIN, layout.y - 2.0), (MARGIN + CONTENT_WIDTH, layout.y - 2.0)], 0.3, PALE);
}
