//! One rule for text: a character acupress cannot show on screen or print (no glyph in the
//! window's fonts, Ubuntu Light with Hack as its fallback, or in Inter, the documents' font) is
//! refused where a routine comes in (`check`, import, the library, the editor), with the file,
//! line and column of that character. The handout and the report then never fail on, or drop,
//! a text.

use crate::catalog::Catalog;
use crate::routine::{LoadedRoutine, Problem, Routine, RoutineError};

/// The fonts' character coverage (the faces are parsed when made: make one per check).
pub struct Coverage {
    window: Vec<rustybuzz::ttf_parser::Face<'static>>,
    print: Option<rustybuzz::ttf_parser::Face<'static>>,
}

impl Coverage {
    /// The fonts acupress ships (a font that does not parse covers nothing: every character is
    /// then refused rather than printed as boxes).
    pub fn load() -> Coverage {
        let face = |bytes: &'static [u8]| rustybuzz::ttf_parser::Face::parse(bytes, 0).ok();
        Coverage {
            window: [epaint_default_fonts::UBUNTU_LIGHT, epaint_default_fonts::HACK_REGULAR]
                .into_iter()
                .filter_map(face)
                .collect(),
            print: face(crate::pdf::REGULAR_FONT),
        }
    }

    /// Whether `c` can be shown in the window and printed (white space always can).
    pub fn drawable(&self, c: char) -> bool {
        c.is_whitespace()
            || (self.window.iter().any(|face| face.glyph_index(c).is_some())
                && self.print.as_ref().is_some_and(|face| face.glyph_index(c).is_some()))
    }
}

/// Parses and checks a routine file as acupress reads every routine that comes in: every rule,
/// characters included.
pub fn parse_routine(bytes: &[u8], catalog: &Catalog) -> Result<LoadedRoutine, RoutineError> {
    let coverage = Coverage::load();
    crate::routine::parse_routine_drawable(bytes, catalog, &|c| coverage.drawable(c))
}

/// Every rule on a routine being edited, characters included (for the editor's live check).
pub fn validate(routine: &Routine, catalog: &Catalog) -> Vec<Problem> {
    let coverage = Coverage::load();
    let mut problems = crate::routine::validate(routine, catalog);
    problems.extend(crate::routine::check_characters(routine, &|c| coverage.drawable(c)));
    problems
}
