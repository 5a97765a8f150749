//! The gate's rules: from the answers and the routine's points to a [`Clearance`]. Most
//! restrictive wins; it never loosens an outcome because of an added yes (property-tested).

use std::collections::BTreeSet;

use super::{Adaptations, Answers, Block, Clearance, ClearedRoutine, Outcome, QuestionId, Reason, SkippedPoint};
use crate::breathing::BreathingPattern;
use crate::catalog::{Area, Catalog, PointCode};
use crate::routine::{Pressure, Routine};
use crate::text::{StaticText, Text};

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

/// A condition with a risk follow-up and its "cleared" follow-up: without the condition,
/// nothing; at risk and not cleared, a doctor first; otherwise light pressure. Returns whether
/// the session may go on (so the caller can skip the condition's points).
fn light_unless_at_risk(
    context: &Context,
    found: &mut Findings,
    [condition, risk, cleared]: [QuestionId; 3],
    see_doctor: Reason,
    light: Reason,
) -> bool {
    let answers = context.answers;
    if !answers.is_yes(condition) {
        return false;
    }
    if answers.yes_or_cautious(risk) && !answers.yes_or_cautious(cleared) {
        found.see_doctor.push(see_doctor);
        return false;
    }
    found.light.push(light);
    true
}

/// Cancer now or in the past.
fn cancer(context: &Context, found: &mut Findings) {
    use QuestionId as Q;
    let allowed = light_unless_at_risk(
        context,
        found,
        [Q::Cancer, Q::CancerNewBackPain, Q::CancerBackChecked],
        reason(
            Q::CancerNewBackPain,
            "New back pain after cancer should be checked by your doctor before you treat it yourself.",
            "Nieuwe rugpijn na kanker moet eerst door je arts worden bekeken voordat je die zelf behandelt.",
        ),
        reason(
            Q::Cancer,
            "With cancer, now or in the past, use light pressure only.",
            "Bij kanker, nu of in het verleden: alleen lichte druk.",
        ),
    );
    if !allowed {
        return;
    }
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
    let allowed = light_unless_at_risk(
        context,
        found,
        [Q::Pregnant, Q::PregnancyRisk, Q::PregnancyCleared],
        reason(
            Q::PregnancyRisk,
            "In the first 12 weeks, in a high-risk pregnancy or with complications, ask your midwife or doctor first.",
            "In de eerste 12 weken, bij een risicozwangerschap of bij complicaties vraag je het eerst aan je verloskundige of arts.",
        ),
        reason(
            Q::Pregnant,
            "During pregnancy, use light pressure only.",
            "Tijdens de zwangerschap alleen lichte druk.",
        ),
    );
    if !allowed {
        return;
    }
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
