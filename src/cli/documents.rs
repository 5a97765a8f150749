//! `acupress handout` and `acupress report`: the printable documents, written whole (atomically,
//! through the store) or not at all.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use super::words::{output_refused, said, words};
use super::{all_routines, load_plan_routine, usage_error};
use crate::catalog::Catalog;
use crate::store;
use crate::text::Lang;

/// What `acupress handout` was asked.
pub(super) struct HandoutRequest<'a> {
    pub(super) routine_arg: &'a str,
    pub(super) lang: Lang,
    /// Answers, as for `plan`: when any is given, the handout is printed as adapted.
    pub(super) yes: &'a [String],
    pub(super) points: &'a [String],
    pub(super) output: &'a Path,
}

/// `acupress handout`: the routine (bundled, the person's own, or a file) as a PDF, written
/// whole or not at all; with answers, as the safety questions adapt it for that person (a
/// blocked routine prints nothing and exits 3, as `plan` does).
pub(super) fn handout(request: &HandoutRequest, catalog: &Catalog, out: &mut String) -> Result<ExitCode> {
    let HandoutRequest { routine_arg, lang, yes, points, output } = *request;
    let own = store::Paths::platform().map(|paths| all_routines(&paths, catalog)).unwrap_or_default();
    let routine = match own.into_iter().find(|routine| routine.id == routine_arg) {
        Some(routine) => routine,
        None => match load_plan_routine(routine_arg, catalog, lang, out)? {
            Some(routine) => routine,
            None => return Ok(ExitCode::FAILURE),
        },
    };
    // The routine file itself is never written over, whatever it is called.
    let input = Path::new(routine_arg);
    let today = {
        let clock = crate::clock::SystemClock::new();
        crate::history::local_date(crate::clock::Clock::wall_unix_secs(&clock), &crate::clock::system_time_zone())
    };
    let adapted = if yes.is_empty() && points.is_empty() {
        None
    } else {
        match super::plan::gate(&routine, yes, points, lang, catalog, out) {
            Ok(cleared) => Some(cleared),
            Err(code) => return Ok(code),
        }
    };
    let printed = adapted.as_ref().map_or(&routine, |cleared| cleared.routine());
    let pdf = crate::pdf::handout(&crate::pdf::HandoutInput {
        routine: printed,
        catalog,
        lang,
        printed: today,
        adapted: adapted.as_ref().map(crate::safety::ClearedRoutine::adaptations),
    })?;
    write_document(output, &[input], &pdf, lang, out)
}

/// Writes a document where `-o` says: `-` is standard output; otherwise a new file, or over a
/// PDF made before, atomically. Anything else there (the input, another file, a folder, a
/// device, a pipe, a socket, also through a link) is refused with nothing touched.
fn write_document(output: &Path, inputs: &[&Path], pdf: &[u8], lang: Lang, out: &mut String) -> Result<ExitCode> {
    if output == Path::new("-") {
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(pdf).and_then(|()| stdout.flush()) {
            // A reader that went away (`| head`) ends it quietly, as for text.
            Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(anyhow::Error::new(err).context(said(|w| w.cannot_write_document)))
            }
            _ => Ok(ExitCode::SUCCESS),
        };
    }
    if let Err(refused) = store::check_document_output(output, inputs) {
        super::say_on_stderr(&output_refused(&refused, lang));
        return Ok(ExitCode::FAILURE);
    }
    store::write_atomic(output, pdf).context(said(|w| w.not_written))?;
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
    let w = words(lang);
    let parse = |text: Option<&str>, name: &str| -> Result<Option<jiff::civil::Date>, String> {
        text.map(|text| text.parse::<jiff::civil::Date>().map_err(|_| w.not_a_date.fill(name, text))).transpose()
    };
    let (from, to) = match (parse(from, "from"), parse(to, "to")) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(message), _) | (_, Err(message)) => return Ok(usage_error(&message)),
    };
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Ok(usage_error(&w.from_after_to.fill(&from.to_string(), &to.to_string())));
    }
    let paths = store::Paths::platform()?;
    let history = store::read_history(&paths.history_file())?;
    let settings = super::settings_or_defaults(&paths, lang);
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
    // The person's own files are never written over, whatever -o says.
    let own = [paths.history_file(), paths.settings_file()];
    write_document(output, &[own[0].as_path(), own[1].as_path()], &pdf, lang, out)
}
