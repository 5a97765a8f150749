//! Checks a parsed routine against the rules and the catalogue.
//!
//! Returns problems with a path into the document, so the loader can point at the line and
//! column, and the editor can show the same messages next to the field.

use super::{
    LONG_ROUTINE_SECS, MAX_PRESS_SECS, MAX_REST_SECS, MAX_STEPS, MIN_PRESS_SECS, MIN_REST_SECS, ROUTINE_FORMAT,
    Routine, format_clock,
};
use crate::catalog::{Catalog, Laterality};
use crate::source::{PathSegment, Severity, nearest};
use crate::speech::{Recorded, announcement_shortfalls};
use crate::text::Text;

/// One problem with a routine, located by its path in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: for example `steps[2].press_secs`.
    pub path: Vec<PathSegment>,
    /// Error (refused) or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

struct Problems(Vec<Problem>);

impl Problems {
    fn error(&mut self, path: Vec<PathSegment>, message: String, hint: Option<String>) {
        self.0.push(Problem { path, severity: Severity::Error, message, hint });
    }
}

use PathSegment::{Field, Index};

/// Every rule a routine must follow. An empty result means the routine is valid.
pub fn validate(routine: &Routine, catalog: &Catalog) -> Vec<Problem> {
    let mut problems = Problems(Vec::new());
    if routine.format != ROUTINE_FORMAT {
        problems.error(
            vec![Field("format")],
            format!("unknown format version {}", routine.format),
            Some(format!("this version of acupress reads format {ROUTINE_FORMAT}")),
        );
    }
    check_id(&routine.id, &mut problems);
    check_text(&routine.title, "title", &[Field("title")], &mut problems);
    check_text(&routine.description, "description", &[Field("description")], &mut problems);
    if routine.author.trim().is_empty() {
        problems.error(
            vec![Field("author")],
            "`author` is empty".into(),
            Some("write who made the routine, for example \"J. de Vries, fysiotherapeut\"".into()),
        );
    }
    if !(MIN_REST_SECS..=MAX_REST_SECS).contains(&routine.rest_secs) {
        problems.error(
            vec![Field("rest_secs")],
            format!("`rest_secs` is {}, outside {MIN_REST_SECS}..={MAX_REST_SECS}", routine.rest_secs),
            Some("the rest before each step is the time to find the next point".into()),
        );
    }
    if routine.steps.is_empty() {
        problems.error(
            vec![Field("steps")],
            "the routine has no steps".into(),
            Some("add at least one `Step(point: …, press_secs: …, pressure: …)`".into()),
        );
    }
    if routine.steps.len() > MAX_STEPS {
        problems.error(
            vec![Field("steps")],
            format!("the routine has {} steps, more than {MAX_STEPS}", routine.steps.len()),
            Some("split it into two routines".into()),
        );
    }
    for (index, step) in routine.steps.iter().enumerate() {
        let path = |field: &'static str| vec![Field("steps"), Index(index), Field(field)];
        let step_no = index + 1;
        match catalog.get(&step.point) {
            None => {
                let hint = nearest(step.point.as_str(), catalog.codes())
                    .map(|code| format!("did you mean `{code}`? `acupress list points` shows every code"))
                    .or_else(|| Some("`acupress list points` shows every code".into()));
                problems.error(path("point"), format!("step {step_no}: unknown point code `{}`", step.point), hint);
            }
            Some(point) => match (point.laterality, step.side) {
                (Laterality::Midline, Some(side)) => problems.error(
                    vec![Field("steps"), Index(index), Field("side")],
                    format!("step {step_no}: {} is a midline point but has `side: {side:?}`", point.code),
                    Some("remove `side` for midline points".into()),
                ),
                (Laterality::Bilateral, None) => problems.error(
                    vec![Field("steps"), Index(index)],
                    format!("step {step_no}: {} is on both sides of the body but the step has no `side`", point.code),
                    Some("add `side: Left`, `side: Right` or `side: Both`".into()),
                ),
                _ => {}
            },
        }
        if !(MIN_PRESS_SECS..=MAX_PRESS_SECS).contains(&step.press_secs) {
            problems.error(
                path("press_secs"),
                format!(
                    "step {step_no}: `press_secs` is {}, outside {MIN_PRESS_SECS}..={MAX_PRESS_SECS}",
                    step.press_secs
                ),
                Some("press each point between 30 seconds and 2 minutes".into()),
            );
        }
        if let Some(note) = &step.note {
            check_text(note, "note", &path("note"), &mut problems);
        }
    }
    if problems.0.iter().all(|problem| problem.severity != Severity::Error) {
        check_announcements(routine, &mut problems);
    }
    let total_secs = routine.total_secs();
    if total_secs > LONG_ROUTINE_SECS {
        problems.0.push(Problem {
            path: vec![Field("steps")],
            severity: Severity::Warning,
            message: format!("the session takes {}, longer than 30 minutes", format_clock(u64::from(total_secs))),
            hint: Some("5 to 15 minutes is usual for self-massage".into()),
        });
    }
    problems.0
}

/// Warns when a rest is too short to say which point comes next before its press starts.
fn check_announcements(routine: &Routine, problems: &mut Problems) {
    for lang in crate::text::Lang::ALL {
        let shortfalls = announcement_shortfalls(routine, lang, &Recorded);
        let Some(needed) = shortfalls.iter().map(|(_, needed)| *needed).max() else { continue };
        let steps: Vec<String> = shortfalls.iter().map(|(step, _)| step.to_string()).collect();
        let language = match lang {
            crate::text::Lang::En => "English",
            crate::text::Lang::Nl => "Dutch",
        };
        let needed_secs = needed.as_secs_f64().ceil() as u32;
        problems.0.push(Problem {
            path: vec![Field("rest_secs")],
            severity: Severity::Warning,
            message: format!(
                "a rest of {} s is too short to say the next point in {language} before its press (step {})",
                routine.rest_secs,
                steps.join(", ")
            ),
            hint: Some(format!(
                "make `rest_secs` at least {needed_secs}: the release and the point's name take {:.1} s",
                needed.as_secs_f64()
            )),
        });
    }
}

fn check_id(id: &str, problems: &mut Problems) {
    let valid = !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if !valid {
        problems.error(
            vec![Field("id")],
            format!("`id` \"{id}\" is not valid"),
            Some("use lowercase letters, digits and `-`, for example \"low-back-jan\"".into()),
        );
    }
}

fn check_text(text: &Text, name: &str, path: &[PathSegment], problems: &mut Problems) {
    for lang in text.missing_langs() {
        let (field, language) = match lang {
            crate::text::Lang::En => ("en", "English"),
            crate::text::Lang::Nl => ("nl", "Dutch"),
        };
        problems.error(
            path.to_vec(),
            format!("`{name}` has no {language} text"),
            Some(format!("fill in `{field}: \"…\"` in `{name}`; every text needs English (en) and Dutch (nl)")),
        );
    }
}
