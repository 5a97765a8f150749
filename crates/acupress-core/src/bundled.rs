//! Content compiled into the program: the point catalogue and the bundled routines.
//!
//! Embedded so the app works offline from any folder with nothing to install. Parsing happens
//! through the same loaders as user files; a test checks every embedded file.

use crate::catalog::{Catalog, CatalogError, parse_catalog};
use crate::routine::{LoadedRoutine, Routine, RoutineError, parse_routine};

/// The catalogue file, as shipped.
pub const CATALOG_RON: &str = include_str!("../../../assets/points.ron");

/// The bundled routine files: file name and contents.
pub const ROUTINE_FILES: &[(&str, &str)] = &[
    ("low-back.ron", include_str!("../../../routines/low-back.ron")),
    ("neck-shoulders.ron", include_str!("../../../routines/neck-shoulders.ron")),
    ("headache.ron", include_str!("../../../routines/headache.ron")),
    ("stress.ron", include_str!("../../../routines/stress.ron")),
    ("sleep.ron", include_str!("../../../routines/sleep.ron")),
    ("nausea.ron", include_str!("../../../routines/nausea.ron")),
    ("sciatica.ron", include_str!("../../../routines/sciatica.ron")),
    ("stiff-neck.ron", include_str!("../../../routines/stiff-neck.ron")),
    ("shoulder.ron", include_str!("../../../routines/shoulder.ron")),
    ("elbow.ron", include_str!("../../../routines/elbow.ron")),
    ("wrist.ron", include_str!("../../../routines/wrist.ron")),
    ("knee.ron", include_str!("../../../routines/knee.ron")),
    ("jaw.ron", include_str!("../../../routines/jaw.ron")),
    ("eye-strain.ron", include_str!("../../../routines/eye-strain.ron")),
    ("sinus.ron", include_str!("../../../routines/sinus.ron")),
    ("exam-nerves.ron", include_str!("../../../routines/exam-nerves.ron")),
    ("relaxing.ron", include_str!("../../../routines/relaxing.ron")),
    ("fatigue.ron", include_str!("../../../routines/fatigue.ron")),
    ("constipation.ron", include_str!("../../../routines/constipation.ron")),
    ("period-pain.ron", include_str!("../../../routines/period-pain.ron")),
];

/// Parses the embedded catalogue.
pub fn catalog() -> Result<Catalog, CatalogError> {
    parse_catalog(CATALOG_RON.as_bytes())
}

/// A bundled routine that does not load: a defect of the build, caught by the tests.
#[derive(Debug, thiserror::Error)]
#[error("bundled routine {file} is damaged: {source}")]
pub struct BundledRoutineError {
    /// The routine's file name.
    pub file: &'static str,
    /// Why it does not load.
    #[source]
    pub source: RoutineError,
}

/// Every bundled routine, in the order above, or the first one that does not load.
pub fn valid_routines(catalog: &Catalog) -> Result<Vec<Routine>, BundledRoutineError> {
    routines(catalog)
        .into_iter()
        .map(|(file, result)| {
            result.map(|loaded| loaded.routine).map_err(|source| BundledRoutineError { file, source })
        })
        .collect()
}

/// The bundled routine with `id`, if there is one and it loads.
pub fn routine(catalog: &Catalog, id: &str) -> Option<Routine> {
    routines(catalog)
        .into_iter()
        .filter_map(|(_, result)| result.ok())
        .map(|loaded| loaded.routine)
        .find(|routine| routine.id == id)
}

/// Parses every embedded routine, in the order above.
pub fn routines(catalog: &Catalog) -> Vec<(&'static str, Result<LoadedRoutine, RoutineError>)> {
    ROUTINE_FILES.iter().map(|(name, text)| (*name, parse_routine(text.as_bytes(), catalog))).collect()
}
