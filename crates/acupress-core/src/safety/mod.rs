//! The safety gate: contra-indication questions, and the decision whether a routine may run.
//!
//! `evaluate` is the only way to obtain a [`ClearedRoutine`], and a session can only be built
//! from one: no routine runs without the gate. Pure: no UI, storage or clock.

mod questions;

use std::collections::{BTreeMap, BTreeSet};

use crate::breathing::BreathingPattern;
use crate::catalog::{Area, Catalog, PointCode};
use crate::routine::{Pressure, Routine};
use crate::text::{StaticText, Text};

pub use questions::{AnswerKind, QUESTIONS, Question, QuestionId};

/// An answer to one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
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

    /// The questions to show: top-level ones, and follow-ups whose parent is answered yes.
    pub fn visible_questions(&self) -> impl Iterator<Item = &'static Question> + '_ {
        QUESTIONS.iter().filter(|question| question.parent.is_none_or(|parent| self.is_yes(parent)))
    }

    /// Visible questions still without an answer.
    pub fn unanswered(&self) -> Vec<QuestionId> {
        self.visible_questions()
            .filter(|question| self.get(question.id).is_none())
            .map(|question| question.id)
            .collect()
    }

    /// All answers, in question order.
    pub fn iter(&self) -> impl Iterator<Item = (QuestionId, &Answer)> {
        self.values.iter().map(|(id, answer)| (*id, answer))
    }
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
    /// What to do now.
    pub fn advice(&self) -> StaticText {
        match self.outcome {
            Outcome::BlockedUrgent => URGENT_ADVICE,
            Outcome::BlockedSeeDoctor => DOCTOR_ADVICE,
            _ => NOTHING_LEFT_ADVICE,
        }
    }
}

/// A point removed by the gate, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedPoint {
    /// The point.
    pub point: PointCode,
    /// Why.
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

/// Advice when the gate finds warning signs.
pub const URGENT_ADVICE: StaticText = StaticText {
    en: "Do not start. Get medical help now: call your local emergency number (112 in Europe), or your doctor's out-of-hours service.",
    nl: "Begin niet. Zoek nu medische hulp: bel 112, of de huisartsenpost als het niet levensbedreigend is.",
};

/// Advice when a professional should look first.
pub const DOCTOR_ADVICE: StaticText = StaticText {
    en: "Do not start yet. Ask your doctor or physiotherapist whether self-acupressure is safe for you. When they have cleared it, answer the questions again.",
    nl: "Begin nog niet. Vraag je huisarts of fysiotherapeut of acupressuur op jezelf veilig is voor jou. Als zij het goed vinden, beantwoord je de vragen opnieuw.",
};

/// Advice when every point was removed.
pub const NOTHING_LEFT_ADVICE: StaticText = StaticText {
    en: "Every point of this routine had to be left out. Choose another routine, or ask your physiotherapist for one that suits you.",
    nl: "Alle punten van deze oefening moesten worden overgeslagen. Kies een andere oefening, of vraag je fysiotherapeut om een oefening die bij je past.",
};

/// How to press, shown before the first press of every session (content-facts: build up over
/// 10–30 s, never painful, release slowly; not straight after a meal, alcohol or exercise).
pub const PRACTICE_GUIDANCE: StaticText = StaticText {
    en: "Build up the pressure slowly over the first 10 to 30 seconds, to the level shown for each point: light is gentle contact, medium is firm but comfortable, firm is deep but never painful. Hold it steady, and let go slowly at the end. Do not start straight after a heavy meal, alcohol or hard exercise.",
    nl: "Bouw de druk in de eerste 10 tot 30 seconden langzaam op, tot de sterkte die bij elk punt staat: licht is zachte aanraking, matig is stevig maar prettig, stevig is diep maar nooit pijnlijk. Houd de druk rustig vast en laat aan het eind langzaam los. Begin niet vlak na een zware maaltijd, na alcohol of na zware inspanning.",
};

/// The spoken form of [`PRACTICE_GUIDANCE`], said before the first press. It names no pressure
/// level, so it is also right when the gate makes every step light.
pub const PRACTICE_GUIDANCE_SPOKEN: StaticText = StaticText {
    en: "Build up the pressure slowly, never until it hurts, and let go slowly at the end.",
    nl: "Bouw de druk langzaam op, nooit tot het pijn doet, en laat aan het eind langzaam los.",
};

/// The stop rules, shown during every session.
pub const STOP_RULES: StaticText = StaticText {
    en: "Stop at once if you feel dizzy, sick, sharp or increasing pain, tingling that spreads, or a racing heart. Sit or lie down and breathe normally.",
    nl: "Stop meteen als je duizelig of misselijk wordt, scherpe of toenemende pijn voelt, tintelingen die zich uitbreiden, of hartkloppingen. Ga zitten of liggen en adem rustig door.",
};

fn reason(question: QuestionId, en: &str, nl: &str) -> Reason {
    Reason { question, text: Text::new(en, nl) }
}

#[derive(Default)]
struct Findings {
    urgent: Vec<Reason>,
    see_doctor: Vec<Reason>,
    light: Vec<Reason>,
    skipped: Vec<SkippedPoint>,
}

impl Findings {
    fn skip(&mut self, point: &PointCode, why: &Reason) {
        if !self.skipped.iter().any(|skipped| &skipped.point == point) {
            self.skipped.push(SkippedPoint { point: point.clone(), reason: why.clone() });
        }
    }
}

/// What the rules look at: the routine's points and the answers.
struct Context<'a> {
    catalog: &'a Catalog,
    answers: &'a Answers,
    routine_points: BTreeSet<PointCode>,
}

impl Context<'_> {
    fn points_in(&self, area: Area) -> Vec<PointCode> {
        self.routine_points
            .iter()
            .filter(|code| self.catalog.get(code).is_some_and(|point| point.is_in(area)))
            .cloned()
            .collect()
    }

    fn skip_chosen(&self, question: QuestionId, why: &Reason, found: &mut Findings) {
        for point in self.answers.points_or_all(question, &self.routine_points) {
            found.skip(&point, why);
        }
    }
}

/// Decides whether `routine` may run given `answers`. Most restrictive wins; light pressure
/// and skipped points combine.
pub fn evaluate(routine: &Routine, catalog: &Catalog, answers: &Answers) -> Clearance {
    let context =
        Context { catalog, answers, routine_points: routine.steps.iter().map(|step| step.point.clone()).collect() };
    let mut found = Findings::default();
    warning_signs(&context, &mut found);
    cancer(&context, &mut found);
    needs_clearance(&context, &mut found);
    pregnancy(&context, &mut found);
    bone_skin_and_advice(&context, &mut found);

    if !found.urgent.is_empty() {
        let mut reasons = found.urgent;
        reasons.extend(found.see_doctor);
        return Clearance::Blocked(Block { outcome: Outcome::BlockedUrgent, reasons });
    }
    if !found.see_doctor.is_empty() {
        return Clearance::Blocked(Block { outcome: Outcome::BlockedSeeDoctor, reasons: found.see_doctor });
    }
    adapt(routine, answers, found)
}

/// Emergency questions, and the ones that always need a doctor first.
fn warning_signs(context: &Context, found: &mut Findings) {
    use QuestionId as Q;
    let answers = context.answers;
    if answers.is_yes(Q::EmergencyBack) {
        found.urgent.push(reason(
            Q::EmergencyBack,
            "Back pain with numbness in the saddle area, bladder or bowel changes or weakness in both legs can mean pressure on the nerves at the base of the spine. This needs a doctor today.",
            "Rugpijn met een doof gevoel in het zitvlak, veranderingen bij plassen of ontlasting, of zwakte in beide benen kan betekenen dat de zenuwen onderaan de rug bekneld raken. Dit moet vandaag door een arts worden bekeken.",
        ));
    }
    if answers.is_yes(Q::EmergencyGeneral) {
        found.urgent.push(reason(
            Q::EmergencyGeneral,
            "These can be warning signs of a heart attack or a stroke.",
            "Dit kunnen alarmsignalen zijn van een hartaanval of een beroerte.",
        ));
    }
    if answers.is_yes(Q::Injury) {
        found.see_doctor.push(reason(
            Q::Injury,
            "Pain after a fall, accident or blow can come from a fracture, which should be checked first.",
            "Pijn na een val, ongeluk of klap kan door een botbreuk komen; laat dat eerst nakijken.",
        ));
    }
    if answers.is_yes(Q::Systemic) {
        found.see_doctor.push(reason(
            Q::Systemic,
            "Fever, weight loss without trying, or constant pain at night or at rest can be signs of an infection or another illness that needs a doctor.",
            "Koorts, ongewild afvallen of constante pijn 's nachts of in rust kunnen wijzen op een ontsteking of een andere ziekte waar een arts naar moet kijken.",
        ));
    }
    if answers.is_yes(Q::Clot) {
        found.see_doctor.push(reason(
            Q::Clot,
            "With a blood clot, or a calf that is swollen, warm or painful, pressure could loosen a clot. See a doctor first.",
            "Bij een bloedstolsel, of een kuit die gezwollen, warm of pijnlijk is, kan druk een stolsel losmaken. Ga eerst naar een arts.",
        ));
    }
}

/// Cancer now or in the past.
fn cancer(context: &Context, found: &mut Findings) {
    use QuestionId as Q;
    let answers = context.answers;
    if answers.is_yes(Q::Cancer) {
        if answers.yes_or_cautious(Q::CancerNewBackPain) {
            found.see_doctor.push(reason(
                Q::CancerNewBackPain,
                "New back pain after cancer should be checked by your doctor before you treat it yourself.",
                "Nieuwe rugpijn na kanker moet eerst door je arts worden bekeken voordat je die zelf behandelt.",
            ));
        } else {
            found.light.push(reason(
                Q::Cancer,
                "After cancer, use light pressure only.",
                "Na kanker alleen lichte druk gebruiken.",
            ));
            let why = reason(
                Q::CancerTreatedPoints,
                "Lies in an area treated for cancer.",
                "Ligt in een gebied dat voor kanker is behandeld.",
            );
            context.skip_chosen(Q::CancerTreatedPoints, &why, found);
        }
    }
}

/// Conditions that need a professional's clearance, then light pressure.
fn needs_clearance(context: &Context, found: &mut Findings) {
    use QuestionId as Q;
    // (condition, its "a doctor has cleared it" follow-up, light-pressure reason, see-a-doctor reason)
    let rules = [
        (
            Q::Bleeding,
            Q::BleedingCleared,
            StaticText {
                en: "With blood thinners or a bleeding disorder, use light pressure only: you bruise more easily.",
                nl: "Met bloedverdunners of een stollingsstoornis alleen lichte druk: je krijgt sneller blauwe plekken.",
            },
            StaticText {
                en: "With blood thinners or a bleeding disorder, ask your doctor first whether self-acupressure is safe for you.",
                nl: "Met bloedverdunners of een stollingsstoornis vraag je eerst aan je arts of acupressuur op jezelf veilig is.",
            },
        ),
        (
            Q::Cardiovascular,
            Q::CardiovascularCleared,
            StaticText {
                en: "With heart or vessel disease or diabetes, use light pressure only, and especially gently on the feet.",
                nl: "Bij hart- of vaatziekte of diabetes alleen lichte druk, en extra zacht op de voeten.",
            },
            StaticText {
                en: "With heart or vessel disease, high blood pressure or diabetes, ask your doctor first whether self-acupressure is safe for you.",
                nl: "Bij hart- of vaatziekte, hoge bloeddruk of diabetes vraag je eerst aan je arts of acupressuur op jezelf veilig is.",
            },
        ),
    ];
    for (condition, cleared, light, see_doctor) in rules {
        if !context.answers.is_yes(condition) {
            continue;
        }
        if context.answers.yes_or_cautious(cleared) {
            found.light.push(reason(condition, light.en, light.nl));
        } else {
            found.see_doctor.push(reason(cleared, see_doctor.en, see_doctor.nl));
        }
    }
}

/// Pregnancy: a doctor first in risky cases, otherwise light pressure without the traditionally avoided points.
fn pregnancy(context: &Context, found: &mut Findings) {
    use QuestionId as Q;
    let answers = context.answers;
    if answers.is_yes(Q::Pregnant) {
        if answers.yes_or_cautious(Q::PregnancyRisk) {
            found.see_doctor.push(reason(
                Q::PregnancyRisk,
                "In the first 12 weeks, in a high-risk pregnancy or with complications, ask your midwife or doctor first.",
                "In de eerste 12 weken, bij een risicozwangerschap of bij complicaties vraag je het eerst aan je verloskundige of arts.",
            ));
        } else {
            found.light.push(reason(
                Q::Pregnant,
                "During pregnancy, use light pressure only.",
                "Tijdens de zwangerschap alleen lichte druk.",
            ));
            let why = reason(
                Q::Pregnant,
                "Traditionally avoided during pregnancy.",
                "Wordt traditioneel vermeden tijdens de zwangerschap.",
            );
            for point in context
                .routine_points
                .iter()
                .filter(|code| context.catalog.get(code).is_some_and(|point| point.avoid_in_pregnancy))
            {
                found.skip(point, &why);
            }
        }
    }
}

/// Bone disease, skin problems, numbness and professional advice.
fn bone_skin_and_advice(context: &Context, found: &mut Findings) {
    use QuestionId as Q;
    let answers = context.answers;
    if answers.is_yes(Q::Bone) {
        found.light.push(reason(
            Q::Bone,
            "With bone disease, use light pressure only: deep pressure can strain the bones.",
            "Bij een botziekte alleen lichte druk: diepe druk kan de botten belasten.",
        ));
        let why = reason(
            Q::Bone,
            "Lies on or beside the spine or breastbone: skipped with bone disease.",
            "Ligt op of naast de wervelkolom of het borstbeen: overgeslagen bij een botziekte.",
        );
        for point in context.points_in(Area::BesideSpine).iter().chain(&context.points_in(Area::Breastbone)) {
            found.skip(point, &why);
        }
        let why = reason(
            Q::BoneFracturePoints,
            "Lies near a fracture that has not healed.",
            "Ligt bij een botbreuk die nog niet genezen is.",
        );
        context.skip_chosen(Q::BoneFracturePoints, &why, found);
    }
    if answers.is_yes(Q::Skin) {
        let why = reason(
            Q::SkinPoints,
            "The skin at this point is damaged, swollen or inflamed.",
            "De huid op dit punt is beschadigd, gezwollen of ontstoken.",
        );
        context.skip_chosen(Q::SkinPoints, &why, found);
    }
    if answers.is_yes(Q::Numbness) {
        found.light.push(reason(
            Q::Numbness,
            "Where feeling is reduced you cannot feel when pressure becomes too much: light pressure only.",
            "Waar je minder gevoel hebt, merk je niet wanneer de druk te veel wordt: alleen lichte druk.",
        ));
    }
    if answers.is_yes(Q::AdvisedAgainst) {
        if answers.yes_or_cautious(Q::AdvisedAgainstAll) {
            found.see_doctor.push(reason(
                Q::AdvisedAgainstAll,
                "You were told to avoid pressure, and it is not clear where it is safe. Ask your doctor or physiotherapist which points you may use.",
                "Je moest druk vermijden en het is niet duidelijk waar het veilig is. Vraag je arts of fysiotherapeut welke punten je mag gebruiken.",
            ));
        } else {
            let why = reason(
                Q::AdvisedAgainstPoints,
                "A doctor or physiotherapist advised against pressure here.",
                "Een arts of fysiotherapeut heeft afgeraden hier te drukken.",
            );
            context.skip_chosen(Q::AdvisedAgainstPoints, &why, found);
        }
    }
}

fn adapt(routine: &Routine, answers: &Answers, found: Findings) -> Clearance {
    let mut adapted = routine.clone();
    adapted.steps.retain(|step| !found.skipped.iter().any(|skipped| skipped.point == step.point));
    if adapted.steps.is_empty() {
        let reasons = found.skipped.into_iter().map(|skipped| skipped.reason).fold(Vec::new(), |mut unique, reason| {
            if !unique.contains(&reason) {
                unique.push(reason);
            }
            unique
        });
        return Clearance::Blocked(Block { outcome: Outcome::BlockedNothingLeft, reasons });
    }
    let light = !found.light.is_empty();
    if light {
        for step in &mut adapted.steps {
            step.pressure = Pressure::Light;
        }
    }
    let uses_holds = adapted.breathing.has_holds()
        || adapted.steps.iter().any(|step| step.breathing.is_some_and(BreathingPattern::has_holds));
    let holds_removed = if light && uses_holds {
        if adapted.breathing.has_holds() {
            adapted.breathing = BreathingPattern::SlowPaced;
        }
        for step in &mut adapted.steps {
            if step.breathing.is_some_and(BreathingPattern::has_holds) {
                step.breathing = Some(BreathingPattern::SlowPaced);
            }
        }
        vec![reason(
            found.light[0].question,
            "Breath holds are replaced by slow breathing while pressure must stay light.",
            "Adem vasthouden is vervangen door rustig ademen, omdat de druk licht moet blijven.",
        )]
    } else {
        Vec::new()
    };
    let adaptations = Adaptations { light_only: found.light, skipped: found.skipped, holds_removed };
    Clearance::Cleared(Box::new(ClearedRoutine { routine: adapted, adaptations, answers: answers.clone() }))
}

#[cfg(test)]
mod tests;
