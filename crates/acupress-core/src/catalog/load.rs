//! Parsing and checking the catalogue text.

use std::collections::BTreeSet;

use serde::Deserialize;
use thiserror::Error;

use super::{Catalog, Laterality, Point};
use crate::source::{self, Diagnostic, Locator, PathSegment, Position, decode, diagnostic_from_ron_in};

/// The catalogue format version this program reads.
pub(super) const CATALOG_FORMAT: u32 = 1;

/// Why a catalogue could not be loaded: every problem found, with positions.
#[derive(Debug, Error)]
#[error("the point catalogue has {} problem(s); first: {}", diagnostics.len(), diagnostics.first().map(ToString::to_string).unwrap_or_default())]
pub struct CatalogError {
    /// The problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Catalog")]
struct CatalogFile {
    format: u32,
    points: Vec<Point>,
}

/// Parses and checks catalogue text: syntax, unique codes, both languages, coordinates.
pub fn parse_catalog(bytes: &[u8]) -> Result<Catalog, CatalogError> {
    let fail = |diagnostic: Diagnostic| CatalogError { diagnostics: vec![diagnostic] };
    let decoded = decode(bytes).map_err(fail)?;
    let text: &str = &decoded;
    let file: CatalogFile =
        source::ron_options().from_str(text).map_err(|err| fail(diagnostic_from_ron_in(text, &err)))?;
    // Each problem with the offset it is about; positions for all of them at once at the end
    // (linear time, however many problems).
    let mut diagnostics: Vec<(usize, Diagnostic)> = Vec::new();
    let locator = Locator::new(text);
    let at = |path: &[PathSegment]| locator.offset(path);
    if file.format != CATALOG_FORMAT {
        diagnostics.push((
            at(&[PathSegment::Field("format")]),
            Diagnostic::error(Position::START, format!("unknown catalogue format {}", file.format))
                .with_hint(format!("this version of acupress reads format {CATALOG_FORMAT}")),
        ));
    }
    let mut seen = BTreeSet::new();
    for (index, point) in file.points.iter().enumerate() {
        let field = |name: &'static str| {
            at(&[PathSegment::Field("points"), PathSegment::Index(index), PathSegment::Field(name)])
        };
        if point.code.as_str().trim().is_empty() {
            diagnostics.push((field("code"), Diagnostic::error(Position::START, "empty point code")));
        } else if !seen.insert(point.code.clone()) {
            diagnostics.push((
                field("code"),
                Diagnostic::error(Position::START, format!("point code {} is listed twice", point.code)),
            ));
        }
        for (name, text) in [("name", &point.name), ("find", &point.find), ("uses", &point.uses)] {
            for lang in text.missing_langs() {
                diagnostics.push((
                    field(name),
                    Diagnostic::error(
                        Position::START,
                        format!("{}: `{name}` has no {} text", point.code, lang.native_name()),
                    ),
                ));
            }
        }
        for caution in &point.cautions {
            if !caution.missing_langs().is_empty() {
                diagnostics.push((
                    field("cautions"),
                    Diagnostic::error(Position::START, format!("{}: a caution lacks a translation", point.code)),
                ));
            }
        }
        if point.views.is_empty() {
            diagnostics.push((
                field("views"),
                Diagnostic::error(Position::START, format!("{} appears on no view", point.code)),
            ));
        }
        if point.areas.is_empty() {
            diagnostics
                .push((field("areas"), Diagnostic::error(Position::START, format!("{} has no body area", point.code))));
        }
        let mut views_seen = BTreeSet::new();
        for position in &point.views {
            let in_range = (0.0..=1.0).contains(&position.x) && (0.0..=1.0).contains(&position.y);
            let side_ok = match point.laterality {
                Laterality::Midline => (position.x - 0.5).abs() < 1e-3,
                Laterality::Bilateral => position.x < 0.5,
            };
            if !in_range || !side_ok {
                diagnostics.push((field("views"), Diagnostic::error(Position::START, format!("{}: position on {:?} is not valid", point.code, position.view))
                        .with_hint("coordinates are 0..1; bilateral points give their left-side instance (x < 0.5), midline points x = 0.5"),
                ));
            }
            if !views_seen.insert(position.view) {
                diagnostics.push((
                    field("views"),
                    Diagnostic::error(
                        Position::START,
                        format!("{} is placed twice on {:?}", point.code, position.view),
                    ),
                ));
            }
        }
    }
    if diagnostics.is_empty() {
        return Ok(Catalog::from_points(file.points));
    }
    let offsets: Vec<usize> = diagnostics.iter().map(|(offset, _)| *offset).collect();
    let diagnostics = diagnostics
        .into_iter()
        .zip(locator.positions(&offsets))
        .map(|((_, diagnostic), position)| Diagnostic { position, ..diagnostic })
        .collect();
    Err(CatalogError { diagnostics })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE_POINT: &str = r#"Catalog(format: 1, points: [
    Point(
        code: "PC6", pinyin: "Neiguan",
        name: (en: "Inner Pass", nl: "Binnenpoort"),
        find: (en: "Three fingers above the wrist crease.", nl: "Drie vingers boven de polsplooi."),
        laterality: Bilateral,
        views: [(view: Front, x: 0.2, y: 0.5)],
        uses: (en: "Traditionally used for nausea.", nl: "Traditioneel gebruikt bij misselijkheid."),
        complaints: [Nausea],
        cautions: [],
        avoid_in_pregnancy: false,
        areas: [Arm],
    ),
])"#;

    #[test]
    fn loads_a_valid_catalogue() {
        let catalog = parse_catalog(ONE_POINT.as_bytes()).unwrap();
        assert_eq!(catalog.get_str("PC6").unwrap().pinyin, "Neiguan");
        assert!(catalog.get_str("LI4").is_none());
    }

    #[test]
    fn reports_problems_with_positions() {
        let cases = [
            (ONE_POINT.replace("x: 0.2", "x: 0.7"), "7:16", "position on Front"),
            (ONE_POINT.replace("nl: \"Binnenpoort\"", "nl: \"\""), "4:15", "no Nederlands text"),
            (ONE_POINT.replace("format: 1", "format: 9"), "1:17", "unknown catalogue format 9"),
            (ONE_POINT.replace("pinyin", "pinjin"), "3:22", "unknown field `pinjin`"),
            (ONE_POINT.replace("areas: [Arm]", "areas: [Elbow]"), "12:17", "unknown value `Elbow`"),
        ];
        for (text, position, message) in cases {
            let err = parse_catalog(text.as_bytes()).unwrap_err();
            let first = &err.diagnostics[0];
            assert!(first.message.en.contains(message), "{first}");
            assert_eq!(first.position.to_string(), position, "{first}");
        }
    }
}
