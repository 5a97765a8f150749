//! `acupress handout` and `acupress report`: the printable documents, written whole (atomically,
//! through the store) or not at all.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{all_routines, load_plan_routine, usage_error};
use crate::catalog::Catalog;
use crate::store;
use crate::text::Lang;

/// `acupress handout`: the routine (bundled, the person's own, or a file) as a PDF, written
/// whole or not at all.
pub(super) fn handout(
    routine_arg: &str,
    lang: Lang,
    output: &Path,
    catalog: &Catalog,
    out: &mut String,
) -> Result<ExitCode> {
    let own = store::Paths::platform().map(|paths| all_routines(&paths, catalog)).unwrap_or_default();
    let routine = match own.into_iter().find(|routine| routine.id == routine_arg) {
        Some(routine) => routine,
        None => match load_plan_routine(routine_arg, catalog, out)? {
            Some(routine) => routine,
            None => return Ok(ExitCode::FAILURE),
        },
    };
    let pdf = crate::pdf::handout(&routine, catalog, lang)?;
    store::write_atomic(output, &pdf).with_context(|| format!("{}: not written", output.display()))?;
    let _ = writeln!(out, "{}", output.display());
    Ok(ExitCode::SUCCESS)
}

/// `acupress report`: the progress report for the days asked for (read-only: nothing of the
/// person's data changes), written whole or not at all.
pub(super) fn report(
    from: Option<&str>,
    to: Option<&str>,
    lang: Lang,
    output: &Path,
    catalog: &Catalog,
    out: &mut String,
) -> Result<ExitCode> {
    let parse = |text: Option<&str>, name: &str| -> Result<Option<jiff::civil::Date>, String> {
        text.map(|text| {
            text.parse::<jiff::civil::Date>()
                .map_err(|_| format!("--{name} {text}: not a date; write it as YYYY-MM-DD, for example 2026-11-21"))
        })
        .transpose()
    };
    let (from, to) = match (parse(from, "from"), parse(to, "to")) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(message), _) | (_, Err(message)) => return Ok(usage_error(&message)),
    };
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Ok(usage_error(&format!("--from {from} is after --to {to}")));
    }
    let paths = store::Paths::platform()?;
    let history = store::read_history(&paths.history_file())?;
    let settings = store::read_settings(&paths.settings_file())?;
    let routines = all_routines(&paths, catalog);
    let zone = crate::clock::system_time_zone();
    let clock = crate::clock::SystemClock::new();
    let today = crate::history::local_date(crate::clock::Clock::wall_unix_secs(&clock), &zone);
    let input = crate::pdf::ReportInput {
        records: &history.sessions,
        programs: &settings.programs,
        routines: &routines,
        catalog,
        zone: &zone,
        from,
        to,
        today,
        lang,
    };
    let pdf = crate::pdf::report(&input)?;
    store::write_atomic(output, &pdf).with_context(|| format!("{}: not written", output.display()))?;
    let _ = writeln!(out, "{}", output.display());
    Ok(ExitCode::SUCCESS)
}
