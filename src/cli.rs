//! The command line: `check`, `list`, `plan` for therapists, scripts and tests.
//!
//! An edge module: it parses arguments, reads files through `store` (read-only: no command
//! creates, moves or changes a file), calls the core and prints. Exit codes: 0 fine, 1 invalid
//! input or a file that cannot be read, 2 usage error (with what is valid), 3 blocked by the
//! safety gate. Output to a closed pipe ends quietly; a full disk is an error (exit 1).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;
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
use crate::speech::{self, PlanFrom, Planned, Recorded, SoundKind};
use crate::store;
use crate::text::Lang;

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
        /// Print every sound as it will play instead of the cues: `deadline start end kind
        /// name`, in seconds from the session start (the get-ready announcement first, in
        /// seconds from when the player opens).
        #[arg(long)]
        sound: bool,
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
        Command::Plan { routine, lang, yes, points, sound } => {
            let lang = lang.map_or_else(system_lang, Lang::from);
            plan(&PlanRequest { routine_arg: &routine, lang, yes: &yes, points: &points, sound }, &catalog, out)
        }
    }
}

fn history(csv: bool, out: &mut String) -> Result<ExitCode> {
    // Read-only: no folder is made and nothing is moved; a file that cannot be used is an error.
    let paths = store::Paths::platform()?;
    let history = store::read_history(&paths.history_file())?;
    if csv {
        out.push_str(&crate::history::to_csv(&history.sessions, system_lang()));
    } else {
        let zone = crate::clock::system_time_zone();
        for record in &history.sessions {
            let rating = |value: Option<u8>| value.map_or_else(|| "-".to_owned(), |value| value.to_string());
            let local = jiff::Timestamp::from_second(record.started_unix_secs)
                .map(|moment| moment.to_zoned(zone.clone()).strftime("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{local}  {:<20} {:<9} {:>6}  pain {} -> {}",
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

/// Writes the command's output. A reader that went away (`| head`) ends it quietly; any other
/// failure, such as a full disk, is an error.
pub fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(anyhow::Error::new(err).context("cannot write the output")),
    }
}

/// A usage error: said on standard error, exit code 2.
fn usage_error(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "acupress: {message}");
    ExitCode::from(EXIT_USAGE)
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
        Err(store::ReadError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            let ids: Vec<String> = bundled_routines(catalog)?.into_iter().map(|routine| routine.id).collect();
            let _ = writeln!(
                out,
                "{routine}: no bundled routine with this id and no such file (bundled: {})",
                ids.join(", ")
            );
            return Ok(None);
        }
        Err(err) => {
            let _ = writeln!(out, "{err}");
            return Ok(None);
        }
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

/// The answers given on the command line: `--yes` for yes/no questions (every other counts as
/// no) and `--points` for point choices (one left out counts as every point, the cautious
/// answer). Strict: an unknown question or point code, a follow-up without its question, or a
/// question given twice is a usage error naming what is valid.
fn parse_answers(yes: &[String], points: &[String], routine: &Routine, catalog: &Catalog) -> Result<Answers, String> {
    let mut answers = Answers::new();
    for question in QUESTIONS.iter().filter(|question| matches!(question.kind, AnswerKind::YesNo { .. })) {
        answers.set(question.id, Answer::No);
    }
    let ids_of = |wanted: fn(AnswerKind) -> bool| {
        QUESTIONS
            .iter()
            .filter(|question| wanted(question.kind))
            .map(|question| question.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut given = BTreeSet::new();
    let mut once = |id: QuestionId| {
        if given.insert(id) { Ok(()) } else { Err(format!("`{id}` is answered twice; give each question once")) }
    };
    let mut said_yes = BTreeSet::new();
    for id in yes {
        let Some(question) =
            QuestionId::parse(id).filter(|question| matches!(question.question().kind, AnswerKind::YesNo { .. }))
        else {
            return Err(format!(
                "unknown yes/no question `{id}`; valid: {} (see `acupress list questions`)",
                ids_of(|kind| matches!(kind, AnswerKind::YesNo { .. }))
            ));
        };
        once(question)?;
        said_yes.insert(question);
        answers.set(question, Answer::Yes);
    }
    let routine_points: Vec<&PointCode> = routine.distinct_points();
    let valid_points = routine_points.iter().map(|code| code.as_str()).collect::<Vec<_>>().join(", ");
    for entry in points {
        let Some((id, codes)) = entry.split_once('=') else {
            return Err(format!(
                "`--points {entry}` needs the form QUESTION_ID=CODES, for example skin_points=LI4,GB20"
            ));
        };
        let Some(question) = QuestionId::parse(id).filter(|question| question.question().kind == AnswerKind::Points)
        else {
            return Err(format!("unknown point question `{id}`; valid: {}", ids_of(|kind| kind == AnswerKind::Points)));
        };
        once(question)?;
        let mut chosen = BTreeSet::new();
        for code in codes.split(',').map(str::trim).filter(|code| !code.is_empty()) {
            let Some(found) = routine_points.iter().find(|candidate| candidate.as_str().eq_ignore_ascii_case(code))
            else {
                let known = catalog.codes().any(|known| known.eq_ignore_ascii_case(code));
                let why = if known { "is not in this routine" } else { "is not a point code" };
                return Err(format!("`{code}` in `--points {id}` {why}; this routine's points: {valid_points}"));
            };
            chosen.insert((*found).clone());
        }
        answers.set(question, Answer::Points(chosen));
    }
    for question in &given {
        if let Some(parent) = question.question().parent
            && !said_yes.contains(&parent)
        {
            return Err(format!("`{question}` is a follow-up of `{parent}`: add `--yes {parent}`"));
        }
    }
    Ok(answers)
}

/// The words of `acupress plan`'s output, in the language asked for with `--lang`.
struct PlanWords {
    lang: Lang,
    from: &'static str,
    gate: &'static str,
    light_only: &'static str,
    skipped: &'static str,
    breathing_changed: &'static str,
    /// Column headings: time, cue, point, side, pressure, breathing.
    columns: [&'static str; 6],
    announce: &'static str,
    press: &'static str,
    release: &'static str,
    switch: &'static str,
    settle: &'static str,
    complete: &'static str,
    total: &'static str,
    step_one: &'static str,
    step_many: &'static str,
    ready_heading: &'static str,
    session_heading: &'static str,
    sound_columns: &'static str,
    voice: &'static str,
    chime: &'static str,
    tone: &'static str,
}

const PLAN_WORDS_EN: PlanWords = PlanWords {
    lang: Lang::En,
    from: "from",
    gate: "safety gate",
    light_only: "light pressure only",
    skipped: "skipped",
    breathing_changed: "breathing changed",
    columns: ["time", "cue", "point", "side", "pressure", "breathing"],
    announce: "announce",
    press: "press",
    release: "release",
    switch: "switch",
    settle: "settle",
    complete: "complete",
    total: "total",
    step_one: "step",
    step_many: "steps",
    ready_heading: "# get ready: before the clock starts; seconds from when the player opens",
    session_heading: "# session: seconds from the start of the session",
    sound_columns: "# deadline     start       end kind  name",
    voice: "voice",
    chime: "chime",
    tone: "tone",
};

const PLAN_WORDS_NL: PlanWords = PlanWords {
    lang: Lang::Nl,
    from: "van",
    gate: "veiligheidsvragen",
    light_only: "alleen lichte druk",
    skipped: "overgeslagen",
    breathing_changed: "ademhaling aangepast",
    columns: ["tijd", "moment", "punt", "kant", "druk", "ademhaling"],
    announce: "noemen",
    press: "drukken",
    release: "loslaten",
    switch: "wisselen",
    settle: "nagenieten",
    complete: "klaar",
    total: "totaal",
    step_one: "stap",
    step_many: "stappen",
    ready_heading: "# voorbereiden: voordat de klok loopt; seconden vanaf het openen van de speler",
    session_heading: "# sessie: seconden vanaf de start van de sessie",
    sound_columns: "# uiterlijk    begin      einde soort naam",
    voice: "stem",
    chime: "klank",
    tone: "toon",
};

impl PlanWords {
    fn of(lang: Lang) -> &'static PlanWords {
        match lang {
            Lang::En => &PLAN_WORDS_EN,
            Lang::Nl => &PLAN_WORDS_NL,
        }
    }

    /// The gate's decision in words; the stable code (`blocked-urgent`) in English.
    fn outcome(&self, outcome: Outcome) -> &'static str {
        if self.lang == Lang::En {
            return outcome.as_str();
        }
        match outcome {
            Outcome::Clear => "akkoord",
            Outcome::Adapted => "aangepast",
            Outcome::BlockedNothingLeft => "geblokkeerd, er blijft geen punt over",
            Outcome::BlockedSeeDoctor => "geblokkeerd, eerst naar een arts",
            Outcome::BlockedUrgent => "geblokkeerd, zoek nu hulp",
        }
    }

    fn sound_kind(&self, kind: SoundKind) -> &'static str {
        match kind {
            SoundKind::Voice => self.voice,
            SoundKind::Chime => self.chime,
            SoundKind::Tone => self.tone,
        }
    }
}

/// What `acupress plan` was asked.
struct PlanRequest<'a> {
    routine_arg: &'a str,
    lang: Lang,
    yes: &'a [String],
    points: &'a [String],
    sound: bool,
}

fn plan(request: &PlanRequest, catalog: &Catalog, out: &mut String) -> Result<ExitCode> {
    let lang = request.lang;
    let Some(routine) = load_plan_routine(request.routine_arg, catalog, out)? else { return Ok(ExitCode::FAILURE) };
    let answers = match parse_answers(request.yes, request.points, &routine, catalog) {
        Ok(answers) => answers,
        Err(message) => return Ok(usage_error(&message)),
    };
    let words = PlanWords::of(lang);
    let _ = writeln!(out, "{} ({}), {}: {}", routine.title.get(lang), routine.id, words.from, routine.author);
    let clearance = evaluate(&routine, catalog, &answers);
    let _ = writeln!(out, "{}: {}", words.gate, words.outcome(clearance.outcome()));
    let cleared = match clearance {
        Clearance::Blocked(block) => {
            for reason in &block.reasons {
                let _ = writeln!(out, "  {}: {}", reason.question, reason.text.get(lang));
            }
            for advice in block.advice() {
                let _ = writeln!(out, "{}", advice.get(lang));
            }
            return Ok(ExitCode::from(EXIT_BLOCKED));
        }
        Clearance::Cleared(cleared) => *cleared,
    };
    let adaptations = cleared.adaptations();
    for reason in &adaptations.light_only {
        let _ = writeln!(out, "{}: {}", words.light_only, reason.text.get(lang));
    }
    for skipped in &adaptations.skipped {
        let _ = writeln!(out, "{} {}: {}", words.skipped, skipped.point, skipped.reason.text.get(lang));
    }
    for reason in &adaptations.holds_removed {
        let _ = writeln!(out, "{}: {}", words.breathing_changed, reason.text.get(lang));
    }
    if request.sound {
        write_sounds(cleared.routine(), lang, out);
    } else {
        write_timeline(cleared.routine(), catalog, lang, out);
    }
    debug_assert!(cleared.outcome() <= Outcome::Adapted);
    Ok(ExitCode::SUCCESS)
}

/// Every sound as it will play, computed by the same planner the app plays with.
fn write_sounds(routine: &Routine, lang: Lang, out: &mut String) {
    let words = PlanWords::of(lang);
    let row = |planned: &Planned, out: &mut String| {
        let secs = |at: std::time::Duration| at.as_secs_f64();
        let _ = writeln!(
            out,
            "{:9.3} {:9.3} {:9.3} {:<5} {}",
            secs(planned.deadline),
            secs(planned.start),
            secs(planned.end),
            words.sound_kind(planned.sound.kind()),
            planned.sound.name()
        );
    };
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", words.ready_heading);
    let _ = writeln!(out, "{}", words.sound_columns);
    for planned in speech::ready_announcement(routine, lang, &Recorded) {
        row(&planned, out);
    }
    let _ = writeln!(out, "{}", words.session_heading);
    let _ = writeln!(out, "{}", words.sound_columns);
    let timeline = Timeline::new(routine);
    for planned in speech::plan(routine, &timeline, lang, &Recorded, PlanFrom::Start) {
        row(&planned, out);
    }
}

fn write_timeline(routine: &Routine, catalog: &Catalog, lang: Lang, out: &mut String) {
    let words = PlanWords::of(lang);
    let timeline = Timeline::new(routine);
    let _ = writeln!(out);
    let [time, cue, point, side, pressure, breathing] = words.columns;
    let _ = writeln!(out, "{time:>7}  {cue:<10} {point:<34} {side:<7} {pressure:<8} {breathing}");
    let point_label = |code: &PointCode| {
        catalog.get(code).map_or_else(|| code.to_string(), |point| format!("{} {}", point.code, point.name.get(lang)))
    };
    for timed in timeline.structural_cues() {
        let time = format_clock(timed.at.as_secs());
        let (cue, step, side, pressure) = match &timed.cue {
            Cue::StepAnnounced { step, side, .. } => (words.announce, Some(*step), *side, None),
            Cue::PressStarted { step, side, pressure, .. } => (words.press, Some(*step), *side, Some(*pressure)),
            Cue::Released { step, side } => (words.release, Some(*step), *side, None),
            Cue::SideSwitch { step, to } => (words.switch, Some(*step), Some(*to), None),
            Cue::SettleStarted => (words.settle, None, None, None),
            Cue::SessionComplete => (words.complete, None, None, None),
            Cue::Rest { .. } | Cue::BreathPhaseChanged { .. } => continue,
        };
        let step_ref = step.map(|index| &routine.steps[index]);
        let point = step_ref.map_or_else(String::new, |step| point_label(&step.point));
        let side = side.map_or("", |side| side.name(lang));
        let pressure = pressure.map_or("", |pressure| pressure.name(lang));
        let breathing = match (&timed.cue, step_ref) {
            (Cue::PressStarted { .. }, Some(step)) => routine.breathing_for(step).name(lang),
            (Cue::SettleStarted, _) => crate::breathing::BreathingPattern::SlowPaced.name(lang),
            _ => "",
        };
        let _ = writeln!(out, "{time:>7}  {cue:<10} {point:<34} {side:<7} {pressure:<8} {breathing}");
    }
    let _ = writeln!(out);
    let steps = routine.steps.len();
    let step_word = if steps == 1 { words.step_one } else { words.step_many };
    let _ = writeln!(out, "{}: {} ({steps} {step_word})", words.total, format_clock(timeline.total().as_secs()));
}
