//! The command line: `check`, `list`, `plan` for therapists, scripts and tests.
//!
//! An edge module: it parses arguments, reads files through `store` (read-only: no command
//! creates, moves or changes a file), calls the core and prints. Exit codes: 0 fine, 1 invalid
//! input or a file that cannot be read, 2 usage error (with what is valid), 3 blocked by the
//! safety gate. Output to a closed pipe ends quietly; a full disk is an error (exit 1).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};

use crate::bundled;
use crate::catalog::Catalog;
use crate::routine::{LoadedRoutine, Routine, format_clock};
use crate::source::Severity;
use crate::store;
use crate::text::Lang;
use crate::text_rule::parse_routine;

pub mod args;
mod documents;
mod list;
mod plan;
mod words;

use documents::{HandoutRequest, handout, report};
use plan::{PlanRequest, plan};
pub use words::{Said, error_text};
use words::{count, read_error, said, words};

/// Exit code when the safety gate blocks the routine.
pub const EXIT_BLOCKED: u8 = 3;
/// Exit code for a usage error (an unknown question or point code, a repeated answer, …).
pub const EXIT_USAGE: u8 = 2;

/// Guided, timed acupressure self-massage.
#[derive(Debug, Parser)]
#[command(name = "acupress", version, about, long_about = None)]
pub struct Cli {
    /// A routine file to import and open (starts the app).
    pub file: Option<PathBuf>,
    /// Start the window minimised (as at login, so reminders come).
    #[arg(long, alias = "minimized")]
    pub minimised: bool,
    /// Language of everything said and printed (default: the system's language).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
    /// What to do; without one, the app starts.
    #[command(subcommand)]
    pub command: Option<Subcommand>,
}

/// What the command line can do: the first word after `acupress`.
#[derive(Debug, clap::Subcommand)]
pub enum Subcommand {
    /// Validate routine files: prints `file:line:column: message` per problem.
    Check {
        /// Routine files (.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List what is installed.
    List {
        /// What to list.
        what: ListWhat,
        /// Everything about each point: names, where it is shown, how to find it, what it is
        /// traditionally used for, and its cautions.
        #[arg(long)]
        long: bool,
    },
    /// Print the session history.
    History {
        /// As CSV (header row, one row per session, ISO-8601 times), for a spreadsheet or
        /// the physiotherapist.
        #[arg(long)]
        csv: bool,
    },
    /// Run the safety gate and print the session timeline without starting it.
    Plan {
        /// A bundled routine id (see `acupress list routines`) or a routine file.
        routine: String,
        /// A question answered yes (repeatable); every other yes/no question counts as no.
        #[arg(long = "yes", value_name = "QUESTION_ID")]
        yes: Vec<String>,
        /// Points chosen for a point question, e.g. `skin_points=LI4,GB20` (repeatable). A point
        /// question left out counts as every point of the routine (the cautious answer).
        #[arg(long = "points", value_name = "QUESTION_ID=CODES")]
        points: Vec<String>,
        /// Print every sound as it will play instead of the cues: `deadline start end kind
        /// name`, in seconds from the session start (the get-ready announcement first, in
        /// seconds from when the player opens).
        #[arg(long)]
        sound: bool,
    },
    /// Write a routine's handout (A4 PDF): each step with its picture, how to find the point,
    /// sides, time, pressure, breathing and note; the stop rules and the prescription.
    Handout {
        /// A bundled routine id, one of your own routines' ids, or a routine file.
        routine: String,
        /// Print it as adapted for one person: a question answered yes (repeatable; as for
        /// `plan`). With any of these, every other yes/no question counts as no, and the handout
        /// leaves out what the answers leave out and says why.
        #[arg(long = "yes", value_name = "QUESTION_ID")]
        yes: Vec<String>,
        /// Points chosen for a point question, as for `plan` (repeatable).
        #[arg(long = "points", value_name = "QUESTION_ID=CODES")]
        points: Vec<String>,
        /// Where to write the PDF: a new file, or over a PDF made before (`-` for standard
        /// output); anything else there is refused.
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Write the progress report (A4 PDF): each program's weeks against its prescription, pain
    /// before and after, and every session.
    Report {
        /// First day to include, as YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day to include, as YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Where to write the PDF: a new file, or over a PDF made before (`-` for standard
        /// output); anything else there is refused.
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
}

/// What `acupress list` shows.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ListWhat {
    /// Bundled routines.
    Routines,
    /// Catalogue points.
    Points,
    /// Safety questions and follow-ups.
    Questions,
    /// Complaints: the name a routine file uses, the bundled routines and the points for each.
    Complaints,
}

/// `--lang` values.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    /// English texts and messages.
    En,
    /// Dutch texts and messages.
    Nl,
}

impl From<LangArg> for Lang {
    fn from(value: LangArg) -> Lang {
        match value {
            LangArg::En => Lang::En,
            LangArg::Nl => Lang::Nl,
        }
    }
}

/// The language of the system, English when unknown.
pub fn system_lang() -> Lang {
    sys_locale::get_locale().and_then(|locale| Lang::from_locale(&locale)).unwrap_or(Lang::En)
}

/// The language asked for with `--lang`, else the system's.
pub fn lang_of(arg: Option<LangArg>) -> Lang {
    arg.map_or_else(system_lang, Lang::from)
}

/// Runs a subcommand in `lang`, writing to `out`.
pub fn run(command: Subcommand, lang: Lang, out: &mut String) -> Result<ExitCode> {
    let catalog = bundled::catalog().context(said(|w| w.catalogue_damaged))?;
    match command {
        Subcommand::Check { files } => Ok(check(&files, &catalog, lang, out)),
        Subcommand::List { what, long } => {
            list::list(what, long, &catalog, lang, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Subcommand::History { csv } => history(csv, lang, out),
        Subcommand::Handout { routine, yes, points, output } => handout(
            &HandoutRequest { routine_arg: &routine, lang, yes: &yes, points: &points, output: &output },
            &catalog,
            out,
        ),
        Subcommand::Report { from, to, output } => report(from.as_deref(), to.as_deref(), lang, &output, &catalog, out),
        Subcommand::Plan { routine, yes, points, sound } => {
            plan(&PlanRequest { routine_arg: &routine, lang, yes: &yes, points: &points, sound }, &catalog, out)
        }
    }
}

/// The settings, for the programs in them. The history does not depend on them: a settings file
/// that cannot be used is said on standard error, and the command goes on without programs.
pub(super) fn settings_or_defaults(paths: &store::Paths, lang: Lang) -> crate::settings::Settings {
    store::read_settings(&paths.settings_file()).unwrap_or_else(|err| {
        let error = error_text(&anyhow::Error::new(err), lang);
        say_on_stderr(&words(lang).settings_warning.fill(&error));
        crate::settings::Settings::default()
    })
}

fn history(csv: bool, lang: Lang, out: &mut String) -> Result<ExitCode> {
    // Read-only: no folder is made and nothing is moved; a file that cannot be used is an error.
    let paths = store::Paths::platform()?;
    let history = store::read_history(&paths.history_file())?;
    let zone = crate::clock::system_time_zone();
    if csv {
        let settings = settings_or_defaults(&paths, lang);
        let routines = all_routines(&paths, &bundled::catalog()?);
        let programs = crate::program::scheduled(&settings.programs, &routines);
        out.push_str(&crate::history::to_csv(&history.sessions, lang, &programs, &zone));
    } else {
        for record in &history.sessions {
            let rating = |value: Option<u8>| value.map_or_else(|| "-".to_owned(), |value| value.to_string());
            let local = jiff::Timestamp::from_second(record.started_unix_secs)
                .map(|moment| moment.to_zoned(zone.clone()).strftime("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            let t = crate::texts::strings(lang);
            let result = match record.result() {
                crate::history::SessionResult::Done => t.result_short_done,
                crate::history::SessionResult::Partly { .. } => t.result_short_partly,
                crate::history::SessionResult::NothingPressed => t.result_short_nothing,
            };
            let _ = writeln!(
                out,
                "{local}  {:<20} {:<16} {:>6}  {} {} -> {}",
                record.routine_id,
                result,
                format_clock(record.practised_secs),
                words(lang).pain,
                rating(record.pain_before),
                rating(record.pain_after)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the command's output. A reader that went away (`| head`) ends it quietly; any other
/// failure, such as a full disk, is an error.
pub fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(anyhow::Error::new(err).context(said(|w| w.cannot_write_output))),
    }
}

/// Says a message on standard error, after `acupress: ` (best effort: it may be closed).
pub(super) fn say_on_stderr(message: &str) {
    let _ = writeln!(std::io::stderr(), "acupress: {message}");
}

/// A usage error: said on standard error, exit code 2.
pub(super) fn usage_error(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "acupress: {message}");
    ExitCode::from(EXIT_USAGE)
}

fn check(files: &[PathBuf], catalog: &Catalog, lang: Lang, out: &mut String) -> ExitCode {
    let w = words(lang);
    let mut all_valid = true;
    for path in files {
        let shown = path.display().to_string();
        let bytes = match store::read_user_file(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                all_valid = false;
                let _ = writeln!(out, "{}", read_error(&err, lang));
                continue;
            }
        };
        match parse_routine(&bytes, catalog) {
            Ok(LoadedRoutine { routine, warnings }) => {
                for warning in &warnings {
                    let _ = writeln!(out, "{}", warning.display_with_file_in(&shown, lang));
                }
                let line = w.check_ok.fill(
                    &shown,
                    routine.title.get(lang),
                    &routine.id,
                    &count(routine.steps.len(), w.step_one, w.steps),
                    &format_clock(u64::from(routine.total_secs())),
                );
                let _ = writeln!(out, "{line}");
            }
            Err(err) => {
                all_valid = false;
                for diagnostic in &err.diagnostics {
                    let _ = writeln!(out, "{}", diagnostic.display_with_file_in(&shown, lang));
                }
            }
        }
    }
    if all_valid { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn bundled_routines(catalog: &Catalog) -> Result<Vec<Routine>> {
    Ok(bundled::valid_routines(catalog)?)
}

pub(super) fn load_plan_routine(
    routine: &str,
    catalog: &Catalog,
    lang: Lang,
    out: &mut String,
) -> Result<Option<Routine>> {
    if let Some(found) = bundled_routines(catalog)?.into_iter().find(|candidate| candidate.id == routine) {
        return Ok(Some(found));
    }
    let bytes = match store::read_user_file(Path::new(routine)) {
        Ok(bytes) => bytes,
        Err(store::ReadError::Io { cause, .. }) if cause.kind() == std::io::ErrorKind::NotFound => {
            let ids: Vec<String> =
                bundled_routines(catalog)?.into_iter().map(|routine| routine.id.to_string()).collect();
            let _ = writeln!(out, "{}", words(lang).no_routine.fill(routine, &ids.join(", ")));
            return Ok(None);
        }
        Err(err) => {
            let _ = writeln!(out, "{}", read_error(&err, lang));
            return Ok(None);
        }
    };
    match parse_routine(&bytes, catalog) {
        Ok(loaded) => Ok(Some(loaded.routine)),
        Err(err) => {
            for diagnostic in err.diagnostics.iter().filter(|diagnostic| diagnostic.severity == Severity::Error) {
                let _ = writeln!(out, "{}", diagnostic.display_with_file_in(routine, lang));
            }
            Ok(None)
        }
    }
}

/// The bundled routines and the person's own that load (read-only: nothing on disk changes).
pub(super) fn all_routines(paths: &store::Paths, catalog: &Catalog) -> Vec<Routine> {
    let mut routines = bundled::valid_routines(catalog).unwrap_or_default();
    for (_, bytes) in store::read_routine_files(&paths.routines_dir()) {
        if let Ok(loaded) = parse_routine(&bytes, catalog) {
            routines.push(loaded.routine);
        }
    }
    routines
}
