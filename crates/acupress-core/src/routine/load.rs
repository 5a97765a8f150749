//! Parsing routine text into a [`Routine`], with every problem located in the file.

use serde::Deserialize;
use thiserror::Error;

use super::{ROUTINE_FORMAT, Routine, validate};
use crate::catalog::Catalog;
use crate::source::{self, Diagnostic, Locator, PathSegment, Severity, decode, diagnostic_from_ron_in, locate};
use crate::text::Text;

/// Why a routine file was refused: every problem found (at least one error).
#[derive(Debug, Error, PartialEq)]
#[error("{}", diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct RoutineError {
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A routine that passed validation, with any warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedRoutine {
    /// The routine.
    pub routine: Routine,
    /// Things worth a second look that do not make the file invalid.
    pub warnings: Vec<Diagnostic>,
}

#[derive(Deserialize)]
struct FormatProbe {
    format: Option<u32>,
}

/// Parses and validates routine file contents against the catalogue, and refuses characters
/// that `drawable` says acupress cannot show or print (the shell knows the fonts: use its
/// `text_rule::parse_routine`); the position points at the character itself.
pub fn parse_routine_drawable(
    bytes: &[u8],
    catalog: &Catalog,
    drawable: &dyn Fn(char) -> bool,
) -> Result<LoadedRoutine, RoutineError> {
    parse_with(bytes, catalog, Some(drawable))
}

/// Parses and validates routine file contents against the catalogue (every rule but the one
/// about characters the fonts lack, which needs the fonts: see [`parse_routine_drawable`]).
pub fn parse_routine(bytes: &[u8], catalog: &Catalog) -> Result<LoadedRoutine, RoutineError> {
    parse_with(bytes, catalog, None)
}

fn parse_with(
    bytes: &[u8],
    catalog: &Catalog,
    drawable: Option<&dyn Fn(char) -> bool>,
) -> Result<LoadedRoutine, RoutineError> {
    let fail = |diagnostic: Diagnostic| RoutineError { diagnostics: vec![diagnostic] };
    let decoded = decode(bytes).map_err(fail)?;
    let text: &str = &decoded;
    let options = source::ron_options();
    // A newer format may have fields this version does not know: say so before anything else.
    if let Ok(FormatProbe { format: Some(format) }) = options.from_str::<FormatProbe>(text)
        && format != ROUTINE_FORMAT
    {
        return Err(fail(
            Diagnostic::error(
                locate(text, &[PathSegment::Field("format")]),
                Text::new(format!("unknown format version {format}"), format!("onbekende formaatversie {format}")),
            )
            .with_hint(Text::new(
                format!("this version of acupress reads format {ROUTINE_FORMAT}; update acupress or ask for a format {ROUTINE_FORMAT} file"),
                format!("deze versie van acupress leest formaat {ROUTINE_FORMAT}; werk acupress bij of vraag om een bestand in formaat {ROUTINE_FORMAT}"),
            )),
        ));
    }
    let routine: Routine = options.from_str(text).map_err(|err| fail(diagnostic_from_ron_in(text, &err)))?;
    let mut problems = validate(&routine, catalog);
    if let Some(drawable) = drawable {
        problems.extend(super::validate::check_characters(&routine, drawable));
    }
    let locator = Locator::new(text);
    let offsets: Vec<usize> = problems
        .iter()
        .map(|problem| {
            let field = locator.offset(&problem.path);
            // A character problem points at the character, inside its text.
            problem
                .character
                .and_then(|bad| text.get(field..).and_then(|rest| rest.find(bad)).map(|at| field + at))
                .unwrap_or(field)
        })
        .collect();
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .zip(locator.positions(&offsets))
        .map(|(problem, position)| Diagnostic {
            position,
            severity: problem.severity,
            message: problem.message,
            hint: problem.hint,
        })
        .collect();
    if let Some(warning) = file_type_warning(text, &locator) {
        diagnostics.push(warning);
    }
    diagnostics.sort_by_key(|diagnostic| diagnostic.position);
    if diagnostics.iter().any(|diagnostic| diagnostic.severity == Severity::Error) {
        Err(RoutineError { diagnostics })
    } else {
        Ok(LoadedRoutine { routine, warnings: diagnostics })
    }
}

/// How far into a file the desktop looks to recognise an acupress routine (shared-mime-info
/// reads the first 4096 bytes; `packaging/linux/*.mime.xml` asks for `Routine(` and `format:`).
pub(super) const RECOGNISED_WITHIN_BYTES: usize = 4096;

/// A warning when `Routine(` or `format:` comes later than the desktop looks: the file is a
/// valid routine, but a double-click will not open it in acupress.
fn file_type_warning(text: &str, locator: &Locator) -> Option<Diagnostic> {
    let head_end = (0..=RECOGNISED_WITHIN_BYTES.min(text.len())).rev().find(|end| text.is_char_boundary(*end))?;
    let head = &text[..head_end];
    if head.contains("Routine(") && head.contains("format:") {
        return None;
    }
    let offset = text.find("Routine(").unwrap_or(0);
    let position = locator.positions(&[offset]).into_iter().next()?;
    Some(
        Diagnostic::warning(
            position,
            Text::new(
                "`Routine(` starts too far into the file for the desktop to recognise it: a double-click will not open it in acupress",
                "`Routine(` begint te ver in het bestand om het bureaublad het te laten herkennen: met dubbelklikken opent het niet in acupress",
            ),
        )
        .with_hint(Text::new(
            "keep the comments above `Routine(` under about 4000 characters, or move them below it",
            "houd het commentaar boven `Routine(` korter dan ongeveer 4000 tekens, of zet het eronder",
        )),
    )
}
