//! `acupress list`: the bundled routines, the points (one line each, or everything a physio needs
//! to read the catalogue with `--long`), the safety questions, and the complaints with their
//! routines and points, in the language asked for.

use std::fmt::Write as _;

use anyhow::Result;

use super::ListWhat;
use super::words::{CliWords, count, words};
use crate::catalog::{Catalog, Complaint, Laterality, Point};
use crate::routine::format_clock;
use crate::safety::{AnswerKind, QUESTIONS};
use crate::text::Lang;

pub(super) fn list(what: ListWhat, in_full: bool, catalog: &Catalog, lang: Lang, out: &mut String) -> Result<()> {
    let w = words(lang);
    match what {
        ListWhat::Routines => {
            for routine in crate::bundled::valid_routines(catalog)? {
                let _ = writeln!(
                    out,
                    "{:<16} {:<28} {:>6}  {}  {}: {}",
                    routine.id,
                    routine.title.get(lang),
                    format_clock(u64::from(routine.total_secs())),
                    count(routine.distinct_points().len(), w.point_one, w.points),
                    w.from,
                    routine.author
                );
            }
        }
        ListWhat::Points if in_full => {
            for point in catalog.points() {
                point_in_full(point, w, lang, out);
            }
        }
        ListWhat::Points => {
            for point in catalog.points() {
                let _ = writeln!(
                    out,
                    "{:<7} {:<11} {:<30} {}",
                    point.code,
                    point.pinyin,
                    point.name.get(lang),
                    laterality(point, w)
                );
            }
        }
        ListWhat::Complaints => {
            let routines = crate::bundled::valid_routines(catalog)?;
            for complaint in Complaint::ALL {
                let routine_ids: Vec<&str> = routines
                    .iter()
                    .filter(|routine| routine.complaints.contains(&complaint))
                    .map(|routine| routine.id.as_str())
                    .collect();
                let codes: Vec<String> = catalog
                    .points()
                    .iter()
                    .filter(|point| point.complaints.contains(&complaint))
                    .map(|point| point.code.to_string())
                    .collect();
                // The first word is what a routine file's `complaints: [...]` takes.
                let _ = writeln!(out, "{:<14} {}", format!("{complaint:?}"), complaint.name(lang));
                let _ = writeln!(out, "    {}: {}", w.complaint_routines, routine_ids.join(", "));
                let _ = writeln!(out, "    {}: {}", w.complaint_points, codes.join(", "));
            }
        }
        ListWhat::Questions => {
            for question in QUESTIONS {
                let kind = match (question.parent, question.kind) {
                    (None, _) if question.emergency => w.emergency_yes_no.to_owned(),
                    (None, _) => w.yes_no.to_owned(),
                    (Some(parent), AnswerKind::YesNo { .. }) => w.follow_up_yes_no.fill(parent.as_str()),
                    (Some(parent), AnswerKind::Points) => w.follow_up_points.fill(parent.as_str()),
                };
                let _ = writeln!(out, "{:<24} [{kind}] {}", question.id, question.text.get(lang));
            }
        }
    }
    Ok(())
}

fn laterality(point: &Point, w: &CliWords) -> &'static str {
    match point.laterality {
        Laterality::Bilateral => w.both_sides,
        Laterality::Midline => w.midline,
    }
}

/// One point, as a block a physio reads: heading, where it is shown, how to find it, what it is
/// traditionally used for, and every caution (pregnancy included).
fn point_in_full(point: &Point, w: &CliWords, lang: Lang, out: &mut String) {
    let _ = writeln!(
        out,
        "{} {} ({}: {}), {}",
        point.code,
        point.name.get(lang),
        w.pinyin,
        point.pinyin,
        laterality(point, w)
    );
    let views: Vec<&str> =
        point.views.iter().map(|position| crate::texts::strings(lang).view_name(position.view)).collect();
    let areas: Vec<&str> = point.areas.iter().map(|area| area.whereabouts(lang)).collect();
    let _ = writeln!(out, "  {}: {} ({})", w.drawn_on, views.join(", "), areas.join(", "));
    let _ = writeln!(out, "  {}: {}", w.how_to_find, point.find.get(lang));
    // The catalogue's words already begin "Traditionally used for".
    let _ = writeln!(out, "  {}", point.uses.get(lang));
    let mut cautions: Vec<&str> = point.cautions.iter().map(|caution| caution.get(lang)).collect();
    if point.avoid_in_pregnancy {
        cautions.push(w.not_in_pregnancy);
    }
    for caution in cautions {
        let _ = writeln!(out, "  {}: {caution}", w.take_care);
    }
    let _ = writeln!(out);
}
