//! The safety gate: contra-indication questions, and the decision whether a routine may run.
//!
//! `evaluate` is the only way to obtain a [`ClearedRoutine`], and a session can only be built
//! from one: no routine runs without the gate. Pure: no UI, storage or clock.

mod advice;
mod questions;
mod rules;

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::{Area, Catalog, PointCode};
use crate::routine::Routine;
use crate::text::{StaticText, Text};

use advice::advice_for;
pub use advice::*;
pub use questions::{AnswerKind, QUESTIONS, Question, QuestionId};
pub use rules::evaluate;

/// An answer to one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Yes: the condition applies.
    Yes,
    /// No: it does not apply.
    No,
    /// The points chosen (possibly none) for a point-choice follow-up.
    Points(BTreeSet<PointCode>),
}

/// The answers given so far. A question without an entry is unanswered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    values: BTreeMap<QuestionId, Answer>,
}

impl Answers {
    /// No answers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every top-level question answered no; follow-ups left unanswered.
    pub fn all_no() -> Self {
        let mut answers = Self::new();
        for question in QUESTIONS.iter().filter(|question| question.parent.is_none()) {
            answers.set(question.id, Answer::No);
        }
        answers
    }

    /// Records an answer.
    pub fn set(&mut self, id: QuestionId, answer: Answer) {
        self.values.insert(id, answer);
    }

    /// Removes an answer.
    pub fn clear(&mut self, id: QuestionId) {
        self.values.remove(&id);
    }

    /// The answer to `id`, if given.
    pub fn get(&self, id: QuestionId) -> Option<&Answer> {
        self.values.get(&id)
    }

    /// Whether `id` was answered yes.
    pub fn is_yes(&self, id: QuestionId) -> bool {
        self.get(id) == Some(&Answer::Yes)
    }

    /// A yes/no follow-up, with an unanswered one counting as its cautious answer.
    fn yes_or_cautious(&self, id: QuestionId) -> bool {
        match (self.get(id), id.question().kind) {
            (Some(Answer::Yes), _) => true,
            (Some(Answer::No), _) => false,
            (_, AnswerKind::YesNo { cautious }) => cautious,
            (_, AnswerKind::Points) => true,
        }
    }

    /// Chosen points for a point-choice follow-up, limited to `routine_points`. Unanswered
    /// counts as the cautious answer: every point.
    fn points_or_all(&self, id: QuestionId, routine_points: &BTreeSet<PointCode>) -> BTreeSet<PointCode> {
        match self.get(id) {
            Some(Answer::Points(points)) => points.intersection(routine_points).cloned().collect(),
            _ => routine_points.clone(),
        }
    }

    /// Whether `question` is asked for a routine pressing points in `areas`: it concerns the
    /// routine, and every question above it was answered yes.
    fn asks(&self, question: &Question, areas: &BTreeSet<Area>) -> bool {
        question.only_for.is_none_or(|area| areas.contains(&area))
            && question.parent.is_none_or(|parent| self.is_yes(parent) && self.asks(parent.question(), areas))
    }

    /// The questions to show for a routine pressing points in `areas` (see
    /// [`routine_areas`]): top-level ones that concern it, and follow-ups whose question above
    /// was answered yes.
    pub fn visible_questions<'a>(&'a self, areas: &'a BTreeSet<Area>) -> impl Iterator<Item = &'static Question> + 'a {
        QUESTIONS.iter().filter(move |question| self.asks(question, areas))
    }

    /// Visible questions still without an answer.
    pub fn unanswered(&self, areas: &BTreeSet<Area>) -> Vec<QuestionId> {
        self.visible_questions(areas)
            .filter(|question| self.get(question.id).is_none())
            .map(|question| question.id)
            .collect()
    }

    /// Removes the answers to every follow-up below `id` (after it was answered no).
    pub fn clear_follow_ups(&mut self, id: QuestionId) {
        for follow_up in QUESTIONS.iter().filter(|question| question.parent == Some(id)) {
            self.clear(follow_up.id);
            self.clear_follow_ups(follow_up.id);
        }
    }

    /// All answers, in question order.
    pub fn iter(&self) -> impl Iterator<Item = (QuestionId, &Answer)> {
        self.values.iter().map(|(id, answer)| (*id, answer))
    }
}

/// The body areas of a routine's points, which decide the questions that concern it.
pub fn routine_areas(routine: &Routine, catalog: &Catalog) -> BTreeSet<Area> {
    routine
        .steps
        .iter()
        .filter_map(|step| catalog.get(&step.point))
        .flat_map(|point| point.areas.iter().copied())
        .collect()
}

/// Why the gate decided something, tied to the question that caused it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// The question whose answer led here.
    pub question: QuestionId,
    /// Explanation in plain words.
    pub text: Text,
}

/// How restrictive an outcome is; ordered from least to most restrictive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    /// All clear.
    Clear,
    /// May run with changes.
    Adapted,
    /// Every step was removed.
    BlockedNothingLeft,
    /// Needs a doctor's or physiotherapist's clearance first.
    BlockedSeeDoctor,
    /// Needs urgent medical help now.
    BlockedUrgent,
}

impl Outcome {
    /// Stable lowercase name for the command line and history.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Clear => "clear",
            Outcome::Adapted => "adapted",
            Outcome::BlockedNothingLeft => "blocked-nothing-left",
            Outcome::BlockedSeeDoctor => "blocked-see-a-doctor",
            Outcome::BlockedUrgent => "blocked-urgent",
        }
    }
}

/// A blocking decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// How serious.
    pub outcome: Outcome,
    /// Every reason found, most serious first.
    pub reasons: Vec<Reason>,
}

impl Block {
    /// What to do now: the advice of each question that blocked, most serious first, each
    /// once.
    pub fn advice(&self) -> Vec<StaticText> {
        if self.outcome == Outcome::BlockedNothingLeft {
            return vec![NOTHING_LEFT_ADVICE];
        }
        let mut advice: Vec<StaticText> = Vec::new();
        for reason in &self.reasons {
            let text = advice_for(reason.question);
            if !advice.contains(&text) {
                advice.push(text);
            }
        }
        advice
    }
}

/// A point removed by the gate, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedPoint {
    /// The point.
    pub point: PointCode,
    /// Why, in both languages, for the person to read.
    pub reason: Reason,
}

/// What the gate changed in a routine.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adaptations {
    /// Reasons for light pressure only; empty when pressure is unchanged.
    pub light_only: Vec<Reason>,
    /// Points removed, each once, with the first reason found.
    pub skipped: Vec<SkippedPoint>,
    /// Why breathing holds were replaced by slow breathing; empty when unchanged.
    pub holds_removed: Vec<Reason>,
}

impl Adaptations {
    /// Whether anything changed.
    pub fn is_empty(&self) -> bool {
        self.light_only.is_empty() && self.skipped.is_empty() && self.holds_removed.is_empty()
    }
}

/// A routine the gate allowed, possibly adapted. Only [`evaluate`] makes one, and a
/// session can only be built from one.
///
/// There is no public constructor, so code outside this module cannot make one without
/// the gate (this example must fail to compile with "field is private", E0451):
///
/// ```compile_fail,E0451
/// use acupress_core::safety::{Adaptations, Answers, ClearedRoutine};
/// fn forge(routine: acupress_core::routine::Routine) -> ClearedRoutine {
///     ClearedRoutine { routine, adaptations: Adaptations::default(), answers: Answers::new() }
/// }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ClearedRoutine {
    routine: Routine,
    adaptations: Adaptations,
    answers: Answers,
}

impl ClearedRoutine {
    /// The routine as it will run (with the gate's changes applied).
    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    /// What the gate changed.
    pub fn adaptations(&self) -> &Adaptations {
        &self.adaptations
    }

    /// The answers this clearance was given for.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// `Clear` or `Adapted`.
    pub fn outcome(&self) -> Outcome {
        if self.adaptations.is_empty() { Outcome::Clear } else { Outcome::Adapted }
    }
}

/// The gate's decision.
#[derive(Clone, Debug, PartialEq)]
pub enum Clearance {
    /// The routine may not run.
    Blocked(Block),
    /// The routine may run as given in the cleared routine.
    Cleared(Box<ClearedRoutine>),
}

impl Clearance {
    /// How restrictive the decision is.
    pub fn outcome(&self) -> Outcome {
        match self {
            Clearance::Blocked(block) => block.outcome,
            Clearance::Cleared(cleared) => cleared.outcome(),
        }
    }
}

#[cfg(test)]
mod tests;
