//! The command line: `check`, `list`, `plan` for therapists, scripts and tests.
//!
//! An edge module: it parses arguments, reads files through `store`, calls the core and
//! prints. Exit codes: 0 fine, 1 invalid input, 2 usage error, 3 blocked by the safety gate.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::bundled;
use crate::catalog::{Catalog, Laterality, PointCode};
use crate::routine::{LoadedRoutine, Routine, format_clock, parse_routine};
use crate::safety::{Answer, AnswerKind, Answers, Clearance, Outcome, QUESTIONS, QuestionId, evaluate};
use crate::session::{Cue, Timeline};
use crate::source::Severity;
use crate::store;
use crate::text::Lang;

/// Exit code when the safety gate blocks the routine.
pub const EXIT_BLOCKED: u8 = 3;

/// Guided, timed acupressure self-massage.
#[derive(Debug, Parser)]
#[command(name = "acupress", version, about, long_about = None)]
pub struct Cli {
    /// A routine file to import and open (starts the app).
    pub file: Option<PathBuf>,
    /// What to do; without one, the app starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
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
        /// Language of the names and texts.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// A question answered yes (repeatable); every other yes/no question counts as no.
        #[arg(long = "yes", value_name = "QUESTION_ID")]
        yes: Vec<String>,
        /// Points chosen for a point question, e.g. `skin_points=LI4,GB20` (repeatable). A point
        /// question left out counts as every point of the routine (the cautious answer).
        #[arg(long = "points", value_name = "QUESTION_ID=CODES")]
        points: Vec<String>,
    },
}

/// Lists.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ListWhat {
    /// Bundled routines.
    Routines,
    /// Catalogue points.
    Points,
    /// Safety questions and follow-ups.
    Questions,
}

/// `--lang` values.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Dutch.
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

/// Runs a subcommand, writing to `out`.
pub fn run(command: Command, out: &mut String) -> Result<ExitCode> {
    let catalog = bundled::catalog().context("the bundled point catalogue is damaged")?;
    match command {
        Command::Check { files } => Ok(check(&files, &catalog, out)),
        Command::List { what } => {
            list(what, &catalog, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::History { csv } => history(csv, out),
        Command::Plan { routine, lang, yes, points } => {
            let lang = lang.map_or_else(system_lang, Lang::from);
            plan(&routine, lang, &yes, &points, &catalog, out)
        }
    }
}

fn history(csv: bool, out: &mut String) -> Result<ExitCode> {
    let store = store::Store::open(store::Paths::platform()?)?;
    let (history, notice) = store.load_history(crate::clock::unix_now_secs());
    if let Some(notice) = notice {
        eprintln!("acupress: {notice}");
    }
    let lang = system_lang();
    if csv {
        out.push_str(&crate::history::to_csv(&history.sessions, lang));
    } else {
        for record in &history.sessions {
            let rating = |value: Option<u8>| value.map_or_else(|| "-".to_owned(), |value| value.to_string());
            let _ = writeln!(
                out,
                "{}  {:<20} {:<9} {:>6}  pain {} -> {}",
                crate::history::iso8601_utc(record.started_unix_secs),
                record.routine_id,
                if record.completed { "completed" } else { "stopped" },
                format_clock(record.practised_secs),
                rating(record.pain_before),
                rating(record.pain_after)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check(files: &[PathBuf], catalog: &Catalog, out: &mut String) -> ExitCode {
    let mut all_valid = true;
    for path in files {
        let shown = path.display().to_string();
        let bytes = match store::read_user_file(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                all_valid = false;
                let _ = writeln!(out, "{err}");
                continue;
            }
        };
        match parse_routine(&bytes, catalog) {
            Ok(LoadedRoutine { routine, warnings }) => {
                for warning in &warnings {
                    let _ = writeln!(out, "{}", warning.display_with_file(&shown));
                }
                let _ = writeln!(
                    out,
                    "{shown}: ok: {} ({}), {} steps, {}",
                    routine.title.en,
                    routine.id,
                    routine.steps.len(),
                    format_clock(u64::from(routine.total_secs()))
                );
            }
            Err(err) => {
                all_valid = false;
                for diagnostic in &err.diagnostics {
                    let _ = writeln!(out, "{}", diagnostic.display_with_file(&shown));
                }
            }
        }
    }
    if all_valid { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn bundled_routines(catalog: &Catalog) -> Result<Vec<Routine>> {
    Ok(bundled::valid_routines(catalog)?)
}

fn list(what: ListWhat, catalog: &Catalog, out: &mut String) -> Result<()> {
    match what {
        ListWhat::Routines => {
            for routine in bundled_routines(catalog)? {
                let _ = writeln!(
                    out,
                    "{:<16} {:<22} {:>6}  {} points  from: {}",
                    routine.id,
                    routine.title.en,
                    format_clock(u64::from(routine.total_secs())),
                    routine.distinct_points().len(),
                    routine.author
                );
            }
        }
        ListWhat::Points => {
            for point in catalog.points() {
                let laterality = match point.laterality {
                    Laterality::Bilateral => "both sides",
                    Laterality::Midline => "midline",
                };
                let _ = writeln!(out, "{:<7} {:<11} {:<26} {}", point.code, point.pinyin, point.name.en, laterality);
            }
        }
        ListWhat::Questions => {
            for question in QUESTIONS {
                let kind = match (question.parent, question.kind) {
                    (None, _) if question.emergency => "emergency, yes/no".to_owned(),
                    (None, _) => "yes/no".to_owned(),
                    (Some(parent), AnswerKind::YesNo { .. }) => format!("follow-up of {parent}, yes/no"),
                    (Some(parent), AnswerKind::Points) => format!("follow-up of {parent}, choose points"),
                };
                let _ = writeln!(out, "{:<24} [{kind}] {}", question.id, question.text.en);
            }
        }
    }
    Ok(())
}

fn load_plan_routine(routine: &str, catalog: &Catalog, out: &mut String) -> Result<Option<Routine>> {
    if let Some(found) = bundled_routines(catalog)?.into_iter().find(|candidate| candidate.id == routine) {
        return Ok(Some(found));
    }
    let bytes = match store::read_user_file(Path::new(routine)) {
        Ok(bytes) => bytes,
        Err(err) if err.source.kind() == std::io::ErrorKind::NotFound => {
            let ids: Vec<String> = bundled_routines(catalog)?.into_iter().map(|routine| routine.id).collect();
            let _ = writeln!(
                out,
                "{routine}: no bundled routine with this id and no such file (bundled: {})",
                ids.join(", ")
            );
            return Ok(None);
        }
        Err(err) => return Err(err.into()),
    };
    match parse_routine(&bytes, catalog) {
        Ok(loaded) => Ok(Some(loaded.routine)),
        Err(err) => {
            for diagnostic in err.diagnostics.iter().filter(|diagnostic| diagnostic.severity == Severity::Error) {
                let _ = writeln!(out, "{}", diagnostic.display_with_file(routine));
            }
            Ok(None)
        }
    }
}

fn parse_answers(yes: &[String], points: &[String], out: &mut String) -> Option<Answers> {
    // "All others no": every yes/no question and follow-up. Point choices not given stay
    // unanswered, which the gate treats as the cautious answer (every point).
    let mut answers = Answers::new();
    for question in QUESTIONS.iter().filter(|question| matches!(question.kind, AnswerKind::YesNo { .. })) {
        answers.set(question.id, Answer::No);
    }
    let mut valid = true;
    let mut unknown = |id: &str, out: &mut String| {
        valid = false;
        let _ = writeln!(out, "unknown question id `{id}` (see `acupress list questions`)");
    };
    for id in yes {
        match QuestionId::parse(id) {
            Some(question) if matches!(question.question().kind, AnswerKind::YesNo { .. }) => {
                answers.set(question, Answer::Yes);
            }
            _ => unknown(id, out),
        }
    }
    for entry in points {
        let (id, codes) = entry.split_once('=').unwrap_or((entry, ""));
        match QuestionId::parse(id) {
            Some(question) if question.question().kind == AnswerKind::Points => {
                let chosen: BTreeSet<PointCode> =
                    codes.split(',').map(str::trim).filter(|code| !code.is_empty()).map(PointCode::from).collect();
                answers.set(question, Answer::Points(chosen));
            }
            _ => unknown(id, out),
        }
    }
    valid.then_some(answers)
}

fn plan(
    routine_arg: &str,
    lang: Lang,
    yes: &[String],
    points: &[String],
    catalog: &Catalog,
    out: &mut String,
) -> Result<ExitCode> {
    let Some(answers) = parse_answers(yes, points, out) else { return Ok(ExitCode::FAILURE) };
    let Some(routine) = load_plan_routine(routine_arg, catalog, out)? else { return Ok(ExitCode::FAILURE) };
    let _ = writeln!(out, "{} ({}), from: {}", routine.title.get(lang), routine.id, routine.author);
    let clearance = evaluate(&routine, catalog, &answers);
    let _ = writeln!(out, "safety gate: {}", clearance.outcome().as_str());
    let cleared = match clearance {
        Clearance::Blocked(block) => {
            for reason in &block.reasons {
                let _ = writeln!(out, "  {}: {}", reason.question, reason.text.get(lang));
            }
            let _ = writeln!(out, "{}", block.advice().get(lang));
            return Ok(ExitCode::from(EXIT_BLOCKED));
        }
        Clearance::Cleared(cleared) => *cleared,
    };
    let adaptations = cleared.adaptations();
    for reason in &adaptations.light_only {
        let _ = writeln!(out, "light pressure only: {}", reason.text.get(lang));
    }
    for skipped in &adaptations.skipped {
        let _ = writeln!(out, "skipped {}: {}", skipped.point, skipped.reason.text.get(lang));
    }
    for reason in &adaptations.holds_removed {
        let _ = writeln!(out, "breathing changed: {}", reason.text.get(lang));
    }
    write_timeline(cleared.routine(), catalog, lang, out);
    debug_assert!(cleared.outcome() <= Outcome::Adapted);
    Ok(ExitCode::SUCCESS)
}

fn write_timeline(routine: &Routine, catalog: &Catalog, lang: Lang, out: &mut String) {
    let timeline = Timeline::new(routine);
    let _ = writeln!(out);
    let _ = writeln!(out, "{:>7}  {:<9} {:<34} {:<7} {:<8} breathing", "time", "cue", "point", "side", "pressure");
    let point_label = |code: &PointCode| {
        catalog.get(code).map_or_else(|| code.to_string(), |point| format!("{} {}", point.code, point.name.get(lang)))
    };
    for timed in timeline.structural_cues() {
        let time = format_clock(timed.at.as_secs());
        let (cue, step, side, pressure) = match &timed.cue {
            Cue::StepAnnounced { step, side, .. } => ("announce", Some(*step), *side, None),
            Cue::PressStarted { step, side, pressure, .. } => ("press", Some(*step), *side, Some(*pressure)),
            Cue::Released { step, side } => ("release", Some(*step), *side, None),
            Cue::SideSwitch { step, to } => ("switch", Some(*step), Some(*to), None),
            Cue::SettleStarted => ("settle", None, None, None),
            Cue::SessionComplete => ("complete", None, None, None),
            Cue::Rest { .. } | Cue::BreathPhaseChanged { .. } => continue,
        };
        let step_ref = step.map(|index| &routine.steps[index]);
        let point = step_ref.map_or_else(String::new, |step| point_label(&step.point));
        let side = side.map_or("", |side| side.name(lang));
        let pressure = pressure.map_or("", |pressure| pressure.name(lang));
        let breathing = match (&timed.cue, step_ref) {
            (Cue::PressStarted { .. }, Some(step)) => routine.breathing_for(step).short_name(),
            (Cue::SettleStarted, _) => crate::breathing::BreathingPattern::SlowPaced.short_name(),
            _ => "",
        };
        let _ = writeln!(out, "{time:>7}  {cue:<9} {point:<34} {side:<7} {pressure:<8} {breathing}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "total: {} ({} steps)", format_clock(timeline.total().as_secs()), routine.steps.len());
}
