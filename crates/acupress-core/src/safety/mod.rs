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

/// Advice for heart attack or stroke warning signs (`emergency_general`).
pub const URGENT_ADVICE_CALL_112: StaticText = StaticText {
    en: "Do not start. Call 112 (or your local emergency number) now. Do not drive yourself to hospital, and note the time your symptoms started.",
    nl: "Begin niet. Bel nu 112. Rijd niet zelf naar het ziekenhuis, en onthoud hoe laat de klachten begonnen.",
};

/// Advice for back pain with nerve warning signs (`emergency_back`).
pub const URGENT_ADVICE_BACK: StaticText = StaticText {
    en: "Do not start. This needs a doctor now, not tomorrow: call your doctor straight away, or the out-of-hours doctor service in the evening, at night or at the weekend. If you cannot reach a doctor quickly, go to the emergency department.",
    nl: "Begin niet. Dit moet meteen worden bekeken, niet pas morgen: bel nu je huisarts, of 's avonds, 's nachts en in het weekend de huisartsenpost.",
};

/// What to do now when an emergency question is answered yes, at once, before any other
/// answer: one advice per emergency answered yes (empty when none is).
pub fn urgent_advice(answers: &Answers) -> Vec<StaticText> {
    QUESTIONS
        .iter()
        .filter(|question| question.emergency && answers.is_yes(question.id))
        .map(|question| advice_for(question.id))
        .collect()
}

/// The advice for a block caused by `question`.
fn advice_for(question: QuestionId) -> StaticText {
    use QuestionId as Q;
    match question {
        Q::EmergencyGeneral => URGENT_ADVICE_CALL_112,
        Q::EmergencyBack => URGENT_ADVICE_BACK,
        Q::Injury | Q::InjuryChecked => INJURY_ADVICE,
        Q::Systemic | Q::SystemicChecked => SYSTEMIC_ADVICE,
        Q::Clot => CLOT_ADVICE,
        Q::Pregnant | Q::PregnancyRisk | Q::PregnancyCleared => PREGNANCY_ADVICE,
        Q::CancerNewBackPain | Q::CancerBackChecked => CANCER_BACK_ADVICE,
        Q::AdvisedAgainst | Q::AdvisedAgainstAll => ADVISED_AGAINST_ADVICE,
        _ => DOCTOR_ADVICE,
    }
}

/// After a fall, accident or blow.
pub const INJURY_ADVICE: StaticText = StaticText {
    en: "Do not start. Have the pain checked by your doctor first. If a fracture has been ruled out, answer the questions again and say so at the follow-up question. Ask which points are safe for you; a physiotherapist can write a routine for you.",
    nl: "Begin niet. Laat de pijn eerst nakijken door je huisarts. Is een botbreuk uitgesloten, beantwoord de vragen dan opnieuw en zeg dat bij de vervolgvraag. Vraag welke punten voor jou veilig zijn; een fysiotherapeut kan een routine voor je maken.",
};

/// Fever, weight loss, constant pain.
pub const SYSTEMIC_ADVICE: StaticText = StaticText {
    en: "Do not start. See your doctor about these complaints first. When your doctor has looked into them and says self-acupressure is safe, answer the questions again and say so at the follow-up question. Ask which points are safe for you; a physiotherapist can write a routine for you.",
    nl: "Begin niet. Ga eerst met deze klachten naar je huisarts. Heeft je huisarts ernaar gekeken en zegt die dat acupressuur bij jezelf veilig is, beantwoord de vragen dan opnieuw en zeg dat bij de vervolgvraag. Vraag welke punten voor jou veilig zijn; een fysiotherapeut kan een routine voor je maken.",
};

/// A clot, or a swollen, warm, painful calf.
pub const CLOT_ADVICE: StaticText = StaticText {
    en: "Do not start. If your calf is swollen, warm or painful, call your doctor today. If you are being treated for a clot, ask your doctor when pressure is safe again and which points you may use.",
    nl: "Begin niet. Is je kuit dik, warm of pijnlijk, bel dan vandaag nog je huisarts. Word je al behandeld voor trombose, vraag je arts dan wanneer druk weer veilig is en welke punten je mag gebruiken.",
};

/// A pregnancy in its first weeks, at risk or with complications.
pub const PREGNANCY_ADVICE: StaticText = StaticText {
    en: "Do not start yet. Ask your midwife or doctor whether gentle acupressure is safe for you and which points you may use. When they have said it is, answer the questions again and say so at the follow-up question; a physiotherapist can write a routine for you.",
    nl: "Begin nog niet. Vraag je verloskundige of arts of zachte acupressuur voor jou veilig is en welke punten je mag gebruiken. Zeggen zij dat het kan, beantwoord de vragen dan opnieuw en zeg dat bij de vervolgvraag; een fysiotherapeut kan een routine voor je maken.",
};

/// New back pain after cancer.
pub const CANCER_BACK_ADVICE: StaticText = StaticText {
    en: "Do not start. Have this back pain checked by your doctor first. When your doctor says self-acupressure is safe, answer the questions again and say so at the follow-up question. Ask which points are safe for you; a physiotherapist (ideally one who specialises in cancer care) can write a routine for you.",
    nl: "Begin niet. Laat deze rugpijn eerst nakijken door je arts. Zegt je arts dat acupressuur bij jezelf veilig is, beantwoord de vragen dan opnieuw en zeg dat bij de vervolgvraag. Vraag welke punten voor jou veilig zijn; een fysiotherapeut (het liefst een oncologiefysiotherapeut) kan een routine voor je maken.",
};

/// Told to avoid pressure, unsure where.
pub const ADVISED_AGAINST_ADVICE: StaticText = StaticText {
    en: "Do not start. Ask your doctor or physiotherapist which points you may use; a physiotherapist can write a routine for you with only those points. Then answer the questions again: say you were told to avoid pressure in some places, and choose the points to avoid.",
    nl: "Begin niet. Vraag je arts of fysiotherapeut welke punten je mag gebruiken; een fysiotherapeut kan een routine voor je maken met alleen die punten. Beantwoord daarna de vragen opnieuw: zeg dat je op sommige plekken geen druk mag geven, en kies de punten die je moet vermijden.",
};

/// Advice when a professional should look first (the conditions with a "cleared it" question).
pub const DOCTOR_ADVICE: StaticText = StaticText {
    en: "Do not start yet. Ask your doctor or physiotherapist whether self-acupressure is safe for you. When they have said it is, answer the questions again and choose Yes at the follow-up question.",
    nl: "Begin nog niet. Vraag je huisarts of fysiotherapeut of acupressuur bij jezelf voor jou veilig is. Zeggen zij dat het kan, beantwoord de vragen dan opnieuw en kies bij de vervolgvraag Ja.",
};

/// Advice when every point was removed.
pub const NOTHING_LEFT_ADVICE: StaticText = StaticText {
    en: "With your answers, no point of this routine is left. Choose another routine, or ask a physiotherapist for one that suits you.",
    nl: "Na je antwoorden blijft er van deze routine geen punt over. Kies een andere routine, of vraag een fysiotherapeut om een routine die bij je past.",
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
    en: "Stop at once if you feel dizzy, sick or sicker, or if you feel sharp or increasing pain, tingling that spreads, or a racing heart. Sit or lie down and breathe normally.",
    nl: "Stop meteen als je duizelig, misselijk of misselijker wordt, of als je scherpe of toenemende pijn, tintelingen die zich uitbreiden of hartkloppingen krijgt. Ga zitten of liggen en adem gewoon door.",
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
    hip_and_belly(&context, &mut found);
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
            "Back pain with numbness around your buttocks and genitals, bladder or bowel changes or weakness in both legs can mean pressure on the nerves at the base of the spine. This needs a doctor straight away.",
            "Rugpijn met een doof gevoel rond je billen en geslachtsdelen, veranderingen bij plassen of ontlasting, of zwakte in allebei je benen kan betekenen dat de zenuwen onderaan je rug bekneld raken. Dit moet meteen door een arts worden bekeken.",
        ));
    }
    if answers.is_yes(Q::EmergencyGeneral) {
        found.urgent.push(reason(
            Q::EmergencyGeneral,
            "These can be warning signs of a heart attack or a stroke.",
            "Dit kunnen alarmsignalen zijn van een hartaanval of een beroerte.",
        ));
    }
    if answers.is_yes(Q::Clot) {
        found.see_doctor.push(reason(
            Q::Clot,
            "With a blood clot, or a calf that is swollen, warm or painful, pressure could loosen a clot.",
            "Bij trombose, of een kuit die dik, warm of pijnlijk is, kan druk een stolsel losmaken.",
        ));
    }
}

/// Cancer now or in the past.
fn cancer(context: &Context, found: &mut Findings) {
    use QuestionId as Q;
    let answers = context.answers;
    if !answers.is_yes(Q::Cancer) {
        return;
    }
    if answers.yes_or_cautious(Q::CancerNewBackPain) && !answers.yes_or_cautious(Q::CancerBackChecked) {
        found.see_doctor.push(reason(
            Q::CancerNewBackPain,
            "New back pain after cancer should be checked by your doctor before you treat it yourself.",
            "Nieuwe rugpijn na kanker moet eerst door je arts worden bekeken voordat je die zelf behandelt.",
        ));
        return;
    }
    found.light.push(reason(
        Q::Cancer,
        "With cancer, now or in the past, use light pressure only.",
        "Bij kanker, nu of in het verleden: alleen lichte druk.",
    ));
    let why = reason(
        Q::CancerTreatedPoints,
        "Lies in an area treated for cancer.",
        "Ligt in een gebied dat voor kanker is behandeld.",
    );
    context.skip_chosen(Q::CancerTreatedPoints, &why, found);
}

/// Conditions that need a professional's clearance, then light pressure.
fn needs_clearance(context: &Context, found: &mut Findings) {
    use QuestionId as Q;
    // (condition, its "a doctor has cleared it" follow-up, light-pressure reason, see-a-doctor reason)
    let rules = [
        (
            Q::Injury,
            Q::InjuryChecked,
            StaticText {
                en: "After a fall, accident or blow, use light pressure only, even when a fracture has been ruled out.",
                nl: "Na een val, ongeluk of klap alleen lichte druk, ook als een botbreuk is uitgesloten.",
            },
            StaticText {
                en: "Pain after a fall, accident or blow can come from a fracture, which should be checked first.",
                nl: "Pijn na een val, ongeluk of klap kan door een botbreuk komen; laat dat eerst nakijken.",
            },
        ),
        (
            Q::Systemic,
            Q::SystemicChecked,
            StaticText {
                en: "While these complaints last, use light pressure only.",
                nl: "Zolang deze klachten er zijn: alleen lichte druk.",
            },
            StaticText {
                en: "Fever, weight loss without trying, or constant pain at night or at rest can be signs of an infection or another illness that needs a doctor.",
                nl: "Koorts, ongewild afvallen of pijn die er altijd is en erger wordt 's nachts of als je rust, kan wijzen op een ontsteking of een andere ziekte waar een arts naar moet kijken.",
            },
        ),
        (
            Q::Bleeding,
            Q::BleedingCleared,
            StaticText {
                en: "With blood thinners or a bleeding disorder, use light pressure only: you bruise more easily.",
                nl: "Bij bloedverdunners of een stollingsstoornis alleen lichte druk: je krijgt sneller blauwe plekken.",
            },
            StaticText {
                en: "With blood thinners or a bleeding disorder, ask your doctor first whether self-acupressure is safe for you.",
                nl: "Gebruik je bloedverdunners of heb je een stollingsstoornis, vraag dan eerst aan je arts of acupressuur bij jezelf veilig is.",
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
                nl: "Heb je een hart- of vaatziekte, hoge bloeddruk of diabetes, vraag dan eerst aan je arts of acupressuur bij jezelf veilig is.",
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
    if context.answers.is_yes(Q::Cardiovascular) && context.answers.yes_or_cautious(Q::Aneurysm) {
        let why = reason(
            Q::Aneurysm,
            "Lies on the belly: deep pressure there is not safe with an aneurysm.",
            "Ligt op de buik: diep drukken is daar niet veilig bij een aneurysma.",
        );
        for point in context.points_in(Area::Abdomen) {
            found.skip(&point, &why);
        }
    }
}

/// Pregnancy: a doctor first in risky cases, otherwise light pressure without the traditionally avoided points.
fn pregnancy(context: &Context, found: &mut Findings) {
    use QuestionId as Q;
    let answers = context.answers;
    if !answers.is_yes(Q::Pregnant) {
        return;
    }
    if answers.yes_or_cautious(Q::PregnancyRisk) && !answers.yes_or_cautious(Q::PregnancyCleared) {
        found.see_doctor.push(reason(
            Q::PregnancyRisk,
            "In the first 12 weeks, in a high-risk pregnancy or with complications, ask your midwife or doctor first.",
            "In de eerste 12 weken, bij een risicozwangerschap of bij complicaties vraag je het eerst aan je verloskundige of arts.",
        ));
        return;
    }
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

/// An artificial hip, belly surgery or a hernia: the points there are left out.
fn hip_and_belly(context: &Context, found: &mut Findings) {
    use QuestionId as Q;
    let rules = [
        (
            Q::HipReplacement,
            Area::Buttock,
            "Lies close to the hip joint: skipped with an artificial hip.",
            "Ligt dicht bij het heupgewricht: overgeslagen bij een kunstheup.",
        ),
        (
            Q::Belly,
            Area::Abdomen,
            "Lies on the belly: skipped after an operation on your belly or with a hernia.",
            "Ligt op de buik: overgeslagen als je aan je buik bent geopereerd of een breuk in je buikwand hebt.",
        ),
    ];
    for (question, area, en, nl) in rules {
        if context.answers.is_yes(question) {
            let why = reason(question, en, nl);
            for point in context.points_in(area) {
                found.skip(&point, &why);
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
                "You were told to avoid pressure, and it is not clear where pressing is safe.",
                "Je moet druk vermijden en het is niet duidelijk waar drukken veilig is.",
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
    let lung = answers.is_yes(QuestionId::Lung);
    let holds_removed = if (light || lung) && uses_holds {
        if adapted.breathing.has_holds() {
            adapted.breathing = BreathingPattern::SlowPaced;
        }
        for step in &mut adapted.steps {
            if step.breathing.is_some_and(BreathingPattern::has_holds) {
                step.breathing = Some(BreathingPattern::SlowPaced);
            }
        }
        let mut reasons = Vec::new();
        if lung {
            reasons.push(reason(
                QuestionId::Lung,
                "With a lung disease, holding your breath can make you short of breath, so slow breathing without holds is used instead. Nothing else changes.",
                "Met een longziekte kun je benauwd worden van je adem inhouden. Daarom adem je rustig, zonder je adem in te houden. Verder verandert er niets.",
            ));
        }
        if let Some(first) = found.light.first() {
            reasons.push(reason(
                first.question,
                "Holding your breath can make you light-headed, which is best avoided with your answers: slow breathing without holds is used instead.",
                "Van je adem inhouden kun je licht in je hoofd worden, en dat kun je bij jouw antwoorden beter vermijden. Daarom adem je rustig, zonder je adem in te houden.",
            ));
        }
        reasons
    } else {
        Vec::new()
    };
    let adaptations = Adaptations { light_only: found.light, skipped: found.skipped, holds_removed };
    Clearance::Cleared(Box::new(ClearedRoutine { routine: adapted, adaptations, answers: answers.clone() }))
}

#[cfg(test)]
mod tests;
