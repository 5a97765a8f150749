//! `acupress plan`: the safety gate on answers given as arguments, then the session's timeline
//! or every sound as it will play, in the language asked for.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;

use super::words::words;
use super::{EXIT_BLOCKED, load_plan_routine, usage_error};
use crate::catalog::{Catalog, PointCode};
use crate::routine::{Routine, format_clock};
use crate::safety::{Answer, AnswerKind, Answers, Clearance, Outcome, QUESTIONS, QuestionId, evaluate};
use crate::session::{Cue, Timeline};
use crate::speech::{self, PlanFrom, Planned, Recorded, SoundKind};
use crate::text::Lang;

/// The answers given on the command line: `--yes` for yes/no questions (every other counts as
/// no) and `--points` for point choices (one left out counts as every point, the cautious
/// answer). Strict: an unknown question or point code, a follow-up without its question, or a
/// question given twice is a usage error naming what is valid.
fn parse_answers(
    yes: &[String],
    points: &[String],
    routine: &Routine,
    catalog: &Catalog,
    lang: Lang,
) -> Result<Answers, String> {
    let w = words(lang);
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
        if given.insert(id) { Ok(()) } else { Err(w.answered_twice.fill(id.as_str())) }
    };
    let mut said_yes = BTreeSet::new();
    for id in yes {
        let Some(question) =
            QuestionId::parse(id).filter(|question| matches!(question.question().kind, AnswerKind::YesNo { .. }))
        else {
            let valid = ids_of(|kind| matches!(kind, AnswerKind::YesNo { .. }));
            return Err(w.unknown_yes_no.fill(id, &valid));
        };
        once(question)?;
        said_yes.insert(question);
        answers.set(question, Answer::Yes);
    }
    let routine_points: Vec<&PointCode> = routine.distinct_points();
    let valid_points = routine_points.iter().map(|code| code.as_str()).collect::<Vec<_>>().join(", ");
    for entry in points {
        let Some((id, codes)) = entry.split_once('=') else {
            return Err(w.points_form.fill(entry));
        };
        let Some(question) = QuestionId::parse(id).filter(|question| question.question().kind == AnswerKind::Points)
        else {
            let valid = ids_of(|kind| kind == AnswerKind::Points);
            return Err(w.unknown_point_question.fill(id, &valid));
        };
        once(question)?;
        let mut chosen = BTreeSet::new();
        for code in codes.split(',').map(str::trim).filter(|code| !code.is_empty()) {
            let Some(found) = routine_points.iter().find(|candidate| candidate.as_str().eq_ignore_ascii_case(code))
            else {
                let known = catalog.codes().any(|known| known.eq_ignore_ascii_case(code));
                let message = if known { w.not_in_routine } else { w.not_a_point_code };
                return Err(message.fill(code, id, &valid_points));
            };
            chosen.insert((*found).clone());
        }
        answers.set(question, Answer::Points(chosen));
    }
    for question in &given {
        if let Some(parent) = question.question().parent
            && !said_yes.contains(&parent)
        {
            return Err(w.follow_up_needs.fill(question.as_str(), parent.as_str()));
        }
    }
    Ok(answers)
}

/// The words of `acupress plan`'s output, in the language asked for with `--lang`.
struct PlanWords {
    lang: Lang,
    from: &'static str,
    prescription: &'static str,
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
    prescription: "prescription",
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
    prescription: "voorschrift",
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

    /// The gate's decision in words (never a code).
    fn outcome(&self, outcome: Outcome) -> &'static str {
        match (self.lang, outcome) {
            (Lang::En, Outcome::Clear) => "all clear",
            (Lang::En, Outcome::Adapted) => "adapted",
            (Lang::En, Outcome::BlockedNothingLeft) => "blocked: no point of this routine is left",
            (Lang::En, Outcome::BlockedSeeDoctor) => "blocked: see a doctor or physiotherapist first",
            (Lang::En, Outcome::BlockedUrgent) => "blocked: get medical help now",
            (Lang::Nl, Outcome::Clear) => "akkoord",
            (Lang::Nl, Outcome::Adapted) => "aangepast",
            (Lang::Nl, Outcome::BlockedNothingLeft) => "geblokkeerd: er blijft geen punt van deze routine over",
            (Lang::Nl, Outcome::BlockedSeeDoctor) => "geblokkeerd: eerst naar een arts of fysiotherapeut",
            (Lang::Nl, Outcome::BlockedUrgent) => "geblokkeerd: zoek nu medische hulp",
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

/// The gate on answers given as arguments, for a document: the cleared routine, or the exit
/// code after saying why it is blocked (3) or what was wrong with the answers (2).
pub(super) fn gate(
    routine: &Routine,
    yes: &[String],
    points: &[String],
    lang: Lang,
    catalog: &Catalog,
    out: &mut String,
) -> Result<crate::safety::ClearedRoutine, ExitCode> {
    let answers = parse_answers(yes, points, routine, catalog, lang).map_err(|message| usage_error(&message))?;
    match evaluate(routine, catalog, &answers) {
        Clearance::Cleared(cleared) => Ok(*cleared),
        Clearance::Blocked(block) => {
            let words = PlanWords::of(lang);
            let _ = writeln!(out, "{}: {}", words.gate, words.outcome(block.outcome));
            write_block(&block, lang, out);
            Err(ExitCode::from(EXIT_BLOCKED))
        }
    }
}

/// Why the gate blocked, each answer in words, then the advice that goes with it.
fn write_block(block: &crate::safety::Block, lang: Lang, out: &mut String) {
    for reason in &block.reasons {
        let answer = reason.question.answered_yes();
        let _ = writeln!(out, "  {} ({}): {}", answer.get(lang), reason.question, reason.text.get(lang));
    }
    for advice in block.advice() {
        let _ = writeln!(out, "{}", advice.get(lang));
    }
}

/// What `acupress plan` was asked.
pub(super) struct PlanRequest<'a> {
    pub(super) routine_arg: &'a str,
    pub(super) lang: Lang,
    pub(super) yes: &'a [String],
    pub(super) points: &'a [String],
    pub(super) sound: bool,
}

pub(super) fn plan(request: &PlanRequest, catalog: &Catalog, out: &mut String) -> Result<ExitCode> {
    let lang = request.lang;
    let Some(routine) = load_plan_routine(request.routine_arg, catalog, lang, out)? else {
        return Ok(ExitCode::FAILURE);
    };
    let answers = match parse_answers(request.yes, request.points, &routine, catalog, lang) {
        Ok(answers) => answers,
        Err(message) => return Ok(usage_error(&message)),
    };
    let words = PlanWords::of(lang);
    let _ = writeln!(out, "{} ({}), {}: {}", routine.title.get(lang), routine.id, words.from, routine.author);
    if let Some(prescription) = &routine.prescription {
        let _ = writeln!(out, "{}: {}", words.prescription, prescription.describe(lang));
    }
    let clearance = evaluate(&routine, catalog, &answers);
    let _ = writeln!(out, "{}: {}", words.gate, words.outcome(clearance.outcome()));
    let cleared = match clearance {
        Clearance::Blocked(block) => {
            write_block(&block, lang, out);
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
