// Table-driven tests are long tables, and an underflow panic in a test is simply a failure.
#![allow(clippy::too_many_lines, clippy::type_complexity, clippy::unchecked_time_subtraction)]

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;
use crate::bundled;
use crate::routine::{Pressure, Routine};

fn catalog() -> Catalog {
    bundled::catalog().expect("bundled catalogue")
}

fn routine(id: &str) -> Routine {
    let catalog = catalog();
    if id == "holds-test" {
        // Box breathing, with holds, which no bundled routine uses by default.
        let mut routine = routine("stress");
        routine.breathing = crate::breathing::BreathingPattern::Box;
        return routine;
    }
    if id == "digestion-test" {
        // The belly points, which no bundled routine uses.
        let mut routine = routine("nausea");
        routine.steps[0].point = "CV6".into();
        routine.steps[0].side = None;
        routine.steps[1].point = "ST25".into();
        return routine;
    }
    bundled::routines(&catalog)
        .into_iter()
        .map(|(_, result)| result.expect("bundled routine").routine)
        .find(|routine| routine.id == id)
        .expect("routine exists")
}

fn points(codes: &[&str]) -> Answer {
    Answer::Points(codes.iter().map(|code| PointCode::from(*code)).collect())
}

/// Answers: all top-level questions no, then the given ones.
fn answers(given: &[(QuestionId, Answer)]) -> Answers {
    let mut answers = Answers::all_no();
    for (id, answer) in given {
        answers.set(*id, answer.clone());
    }
    answers
}

struct Expect {
    outcome: Outcome,
    light: bool,
    skipped: &'static [&'static str],
    holds_removed: bool,
}

const fn expect(outcome: Outcome, light: bool, skipped: &'static [&'static str]) -> Expect {
    Expect { outcome, light, skipped, holds_removed: false }
}

#[test]
fn gate_rules() {
    use Answer::{No, Yes};
    use Outcome::{Adapted, BlockedNothingLeft, BlockedSeeDoctor, BlockedUrgent, Clear};
    use QuestionId as Q;
    let cases: Vec<(&str, &str, Vec<(QuestionId, Answer)>, Expect)> = vec![
        ("all no", "low-back", vec![], expect(Clear, false, &[])),
        ("cauda equina", "low-back", vec![(Q::EmergencyBack, Yes)], expect(BlockedUrgent, false, &[])),
        ("stroke signs", "headache", vec![(Q::EmergencyGeneral, Yes)], expect(BlockedUrgent, false, &[])),
        (
            "urgent beats doctor",
            "low-back",
            vec![(Q::Injury, Yes), (Q::EmergencyGeneral, Yes)],
            expect(BlockedUrgent, false, &[]),
        ),
        (
            "urgent beats skip",
            "headache",
            vec![(Q::Skin, Yes), (Q::SkinPoints, points(&["LI4"])), (Q::EmergencyBack, Yes)],
            expect(BlockedUrgent, false, &[]),
        ),
        ("injury", "low-back", vec![(Q::Injury, Yes)], expect(BlockedSeeDoctor, false, &[])),
        ("systemic", "sleep", vec![(Q::Systemic, Yes)], expect(BlockedSeeDoctor, false, &[])),
        ("clot", "low-back", vec![(Q::Clot, Yes)], expect(BlockedSeeDoctor, false, &[])),
        (
            "cancer, new back pain",
            "low-back",
            vec![(Q::Cancer, Yes), (Q::CancerNewBackPain, Yes)],
            expect(BlockedSeeDoctor, false, &[]),
        ),
        ("cancer, back pain unanswered", "low-back", vec![(Q::Cancer, Yes)], expect(BlockedSeeDoctor, false, &[])),
        (
            "cancer, old pain, treated area",
            "low-back",
            vec![(Q::Cancer, Yes), (Q::CancerNewBackPain, No), (Q::CancerTreatedPoints, points(&["GB30"]))],
            expect(Adapted, true, &["GB30"]),
        ),
        (
            "bleeding, not cleared",
            "stress",
            vec![(Q::Bleeding, Yes), (Q::BleedingCleared, No)],
            expect(BlockedSeeDoctor, false, &[]),
        ),
        ("bleeding, clearance unanswered", "stress", vec![(Q::Bleeding, Yes)], expect(BlockedSeeDoctor, false, &[])),
        (
            "bleeding, cleared",
            "stress",
            vec![(Q::Bleeding, Yes), (Q::BleedingCleared, Yes)],
            expect(Adapted, true, &[]),
        ),
        ("heart, not cleared", "nausea", vec![(Q::Cardiovascular, Yes)], expect(BlockedSeeDoctor, false, &[])),
        (
            "heart, cleared",
            "nausea",
            vec![(Q::Cardiovascular, Yes), (Q::CardiovascularCleared, Yes)],
            expect(Adapted, true, &[]),
        ),
        ("pregnant, risk unanswered", "nausea", vec![(Q::Pregnant, Yes)], expect(BlockedSeeDoctor, false, &[])),
        (
            "pregnant, first trimester",
            "nausea",
            vec![(Q::Pregnant, Yes), (Q::PregnancyRisk, Yes)],
            expect(BlockedSeeDoctor, false, &[]),
        ),
        (
            "pregnant, later, low back",
            "low-back",
            vec![(Q::Pregnant, Yes), (Q::PregnancyRisk, No)],
            expect(Adapted, true, &["BL23", "BL25", "GB30", "BL60"]),
        ),
        (
            "pregnant, later, nausea keeps PC6",
            "nausea",
            vec![(Q::Pregnant, Yes), (Q::PregnancyRisk, No)],
            expect(Adapted, true, &[]),
        ),
        (
            "bone disease: beside spine skipped",
            "low-back",
            vec![(Q::Bone, Yes), (Q::BoneFracturePoints, points(&[]))],
            expect(Adapted, true, &["BL23", "BL25"]),
        ),
        (
            "bone disease: breastbone skipped",
            "stress",
            vec![(Q::Bone, Yes), (Q::BoneFracturePoints, points(&[]))],
            expect(Adapted, true, &["CV17"]),
        ),
        (
            "bone disease: fracture site",
            "nausea",
            vec![(Q::Bone, Yes), (Q::BoneFracturePoints, points(&["ST36"]))],
            expect(Adapted, true, &["ST36"]),
        ),
        (
            "skin at one point",
            "headache",
            vec![(Q::Skin, Yes), (Q::SkinPoints, points(&["LI4"]))],
            expect(Adapted, false, &["LI4"]),
        ),
        ("skin, points unanswered: cautious", "headache", vec![(Q::Skin, Yes)], expect(BlockedNothingLeft, false, &[])),
        (
            "skin, point not in routine ignored",
            "headache",
            vec![(Q::Skin, Yes), (Q::SkinPoints, points(&["BL57"]))],
            expect(Clear, false, &[]),
        ),
        ("numbness", "low-back", vec![(Q::Numbness, Yes)], expect(Adapted, true, &[])),
        (
            "advised against, unsure where",
            "low-back",
            vec![(Q::AdvisedAgainst, Yes)],
            expect(BlockedSeeDoctor, false, &[]),
        ),
        (
            "advised against some points",
            "neck-shoulders",
            vec![
                (Q::AdvisedAgainst, Yes),
                (Q::AdvisedAgainstAll, No),
                (Q::AdvisedAgainstPoints, points(&["GB20", "GB21"])),
            ],
            expect(Adapted, false, &["GB20", "GB21"]),
        ),
        (
            "light and skip combine",
            "headache",
            vec![(Q::Numbness, Yes), (Q::Skin, Yes), (Q::SkinPoints, points(&["GB20"]))],
            expect(Adapted, true, &["GB20"]),
        ),
        (
            "every point skipped",
            "nausea",
            vec![(Q::Skin, Yes), (Q::SkinPoints, points(&["PC6", "ST36"]))],
            expect(BlockedNothingLeft, false, &[]),
        ),
        (
            "light replaces breath holds",
            "holds-test",
            vec![(Q::Numbness, Yes)],
            Expect { outcome: Adapted, light: true, skipped: &[], holds_removed: true },
        ),
        (
            "lung disease: holds go, nothing else",
            "holds-test",
            vec![(Q::Lung, Yes)],
            Expect { outcome: Adapted, light: false, skipped: &[], holds_removed: true },
        ),
        ("lung disease, no holds in the routine: clear", "low-back", vec![(Q::Lung, Yes)], expect(Clear, false, &[])),
        (
            "aneurysm: belly points skipped, after a doctor's clearance",
            "digestion-test",
            vec![(Q::Cardiovascular, Yes), (Q::CardiovascularCleared, Yes), (Q::Aneurysm, Yes)],
            expect(Adapted, true, &["CV6", "ST25"]),
        ),
        (
            "aneurysm unanswered counts as yes",
            "digestion-test",
            vec![(Q::Cardiovascular, Yes), (Q::CardiovascularCleared, Yes)],
            expect(Adapted, true, &["CV6", "ST25"]),
        ),
        (
            "no aneurysm: belly points stay, light",
            "digestion-test",
            vec![(Q::Cardiovascular, Yes), (Q::CardiovascularCleared, Yes), (Q::Aneurysm, No)],
            expect(Adapted, true, &[]),
        ),
        ("belly surgery or hernia", "digestion-test", vec![(Q::Belly, Yes)], expect(Adapted, false, &["CV6", "ST25"])),
        ("artificial hip", "low-back", vec![(Q::HipReplacement, Yes)], expect(Adapted, false, &["GB30"])),
        (
            "injury checked by a doctor: light",
            "low-back",
            vec![(Q::Injury, Yes), (Q::InjuryChecked, Yes)],
            expect(Adapted, true, &[]),
        ),
        (
            "injury not checked",
            "low-back",
            vec![(Q::Injury, Yes), (Q::InjuryChecked, No)],
            expect(BlockedSeeDoctor, false, &[]),
        ),
        (
            "complaints looked into: light",
            "sleep",
            vec![(Q::Systemic, Yes), (Q::SystemicChecked, Yes)],
            expect(Adapted, true, &[]),
        ),
        (
            "new back pain after cancer, checked: as without it",
            "low-back",
            vec![
                (Q::Cancer, Yes),
                (Q::CancerNewBackPain, Yes),
                (Q::CancerBackChecked, Yes),
                (Q::CancerTreatedPoints, points(&["GB30"])),
            ],
            expect(Adapted, true, &["GB30"]),
        ),
        (
            "risky pregnancy cleared by the midwife: as an uncomplicated one",
            "low-back",
            vec![(Q::Pregnant, Yes), (Q::PregnancyRisk, Yes), (Q::PregnancyCleared, Yes)],
            expect(Adapted, true, &["BL23", "BL25", "GB30", "BL60"]),
        ),
        (
            "risky pregnancy, clearance unanswered",
            "low-back",
            vec![(Q::Pregnant, Yes), (Q::PregnancyRisk, Yes)],
            expect(BlockedSeeDoctor, false, &[]),
        ),
    ];
    let catalog = catalog();
    for (name, routine_id, given, expected) in cases {
        let routine = routine(routine_id);
        let clearance = evaluate(&routine, &catalog, &answers(&given));
        assert_eq!(clearance.outcome(), expected.outcome, "{name}");
        match clearance {
            Clearance::Blocked(block) => {
                assert!(!block.reasons.is_empty(), "{name}: a block always says why");
            }
            Clearance::Cleared(cleared) => {
                let adaptations = cleared.adaptations();
                assert_eq!(!adaptations.light_only.is_empty(), expected.light, "{name}: light");
                let skipped: BTreeSet<&str> =
                    adaptations.skipped.iter().map(|skipped| skipped.point.as_str()).collect();
                assert_eq!(skipped, expected.skipped.iter().copied().collect(), "{name}: skipped");
                assert_eq!(!adaptations.holds_removed.is_empty(), expected.holds_removed, "{name}: holds");
                let adapted = cleared.routine();
                for step in &adapted.steps {
                    assert!(!skipped.contains(step.point.as_str()), "{name}: {} still in the routine", step.point);
                    if expected.light {
                        assert_eq!(step.pressure, Pressure::Light, "{name}");
                        assert!(!adapted.breathing_for(step).has_holds(), "{name}: holds with light pressure");
                    }
                }
                let kept = routine.steps.iter().filter(|step| !skipped.contains(step.point.as_str())).count();
                assert_eq!(adapted.steps.len(), kept, "{name}: only skipped points removed");
            }
        }
    }
}

/// The advice says what to do for what was answered: 112 now for heart or stroke signs, a
/// doctor now for the back's nerve signs, and who to ask where no "cleared" answer exists.
#[test]
fn each_block_gives_its_own_advice() {
    use QuestionId as Q;
    // (routine, answers, words the English advice has, words the Dutch advice has, words neither may have)
    let cases: Vec<(&str, Vec<(QuestionId, Answer)>, &[&str], &[&str], &[&str])> = vec![
        (
            "headache",
            vec![(Q::EmergencyGeneral, Answer::Yes)],
            &["Call 112"],
            &["Bel nu 112"],
            &["out-of-hours", "huisartsenpost"],
        ),
        (
            "low-back",
            vec![(Q::EmergencyBack, Answer::Yes)],
            &["now, not tomorrow"],
            &["meteen", "huisartsenpost"],
            &["today"],
        ),
        (
            "low-back",
            vec![(Q::Injury, Answer::Yes)],
            &["fracture has been ruled out", "a physiotherapist can write a routine"],
            &["botbreuk uitgesloten"],
            &[],
        ),
        (
            "low-back",
            vec![(Q::Clot, Answer::Yes)],
            &["call your doctor today"],
            &["trombose"],
            &["answer the questions again"],
        ),
        (
            "low-back",
            vec![(Q::Pregnant, Answer::Yes), (Q::PregnancyRisk, Answer::Yes)],
            &["midwife"],
            &["verloskundige"],
            &[],
        ),
        (
            "low-back",
            vec![(Q::AdvisedAgainst, Answer::Yes)],
            &["which points you may use"],
            &["welke punten je mag gebruiken"],
            &[],
        ),
        ("stress", vec![(Q::Bleeding, Answer::Yes)], &["answer the questions again"], &["opnieuw"], &[]),
    ];
    let catalog = catalog();
    for (routine_id, given, en, nl, never) in cases {
        let Clearance::Blocked(block) = evaluate(&routine(routine_id), &catalog, &answers(&given)) else {
            panic!("{given:?} must block");
        };
        let advice = block.advice();
        let english: String = advice.iter().map(|text| text.en).collect::<Vec<_>>().join(" ");
        let dutch: String = advice.iter().map(|text| text.nl).collect::<Vec<_>>().join(" ");
        for words in en {
            assert!(english.contains(words), "{given:?}: {english}");
        }
        for words in nl {
            assert!(dutch.contains(words), "{given:?}: {dutch}");
        }
        for words in never {
            assert!(!english.contains(words) && !dutch.contains(words), "{given:?}: {english} / {dutch}");
        }
    }
    // Both emergencies at once: 112 first.
    let both = answers(&[(Q::EmergencyBack, Answer::Yes), (Q::EmergencyGeneral, Answer::Yes)]);
    let Clearance::Blocked(block) = evaluate(&routine("low-back"), &catalog, &both) else { panic!() };
    assert_eq!(block.advice().len(), 2);
    assert!(block.advice().iter().any(|text| text.en.contains("Call 112")));
}

#[test]
fn emergency_and_cleared_questions_are_asked_fresh_every_time() {
    let fresh: BTreeSet<&str> =
        QUESTIONS.iter().filter(|question| question.fresh).map(|question| question.id.as_str()).collect();
    let expected: BTreeSet<&str> = [
        "emergency_back",
        "emergency_general",
        "injury_checked",
        "systemic_checked",
        "cancer_back_checked",
        "bleeding_cleared",
        "cardiovascular_cleared",
        "pregnancy_cleared",
    ]
    .into_iter()
    .collect();
    assert_eq!(fresh, expected);
}

#[test]
fn hip_and_belly_questions_are_asked_only_when_the_routine_presses_there() {
    let catalog = catalog();
    let answers = Answers::new();
    let asked = |routine_id: &str| -> Vec<QuestionId> {
        let areas = routine_areas(&routine(routine_id), &catalog);
        answers.visible_questions(&areas).map(|question| question.id).collect()
    };
    assert!(asked("low-back").contains(&QuestionId::HipReplacement));
    assert!(!asked("low-back").contains(&QuestionId::Belly));
    assert!(asked("digestion-test").contains(&QuestionId::Belly));
    assert!(!asked("headache").contains(&QuestionId::HipReplacement));
}

#[test]
fn question_ids_are_stable_and_unique() {
    let ids: Vec<&str> = QUESTIONS.iter().map(|question| question.id.as_str()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len());
    for required in [
        "emergency_back",
        "emergency_general",
        "injury",
        "systemic",
        "cancer",
        "clot",
        "bleeding",
        "cardiovascular",
        "pregnant",
        "bone",
        "skin",
        "numbness",
        "advised_against",
    ] {
        let id = QuestionId::parse(required).unwrap_or_else(|| panic!("{required} missing"));
        assert!(id.question().parent.is_none(), "{required} is a top-level question");
    }
    let top_level = QUESTIONS.iter().filter(|question| question.parent.is_none()).count();
    assert_eq!(top_level, 16);
    // Emergency questions come first.
    assert!(QUESTIONS[0].emergency && QUESTIONS[1].emergency);
    assert!(QUESTIONS[2..].iter().all(|question| !question.emergency));
    // Follow-ups come right after their parent, or after another question below it.
    let below = |mut id: QuestionId, ancestor: QuestionId| loop {
        if id == ancestor {
            return true;
        }
        match id.question().parent {
            Some(parent) => id = parent,
            None => return false,
        }
    };
    for (index, question) in QUESTIONS.iter().enumerate() {
        if let Some(parent) = question.parent {
            assert!(below(QUESTIONS[index - 1].id, parent), "{}", question.id);
        }
        assert!(!question.text.en.is_empty() && !question.text.nl.is_empty());
    }
}

#[test]
fn follow_ups_are_visible_only_after_yes() {
    let areas = routine_areas(&routine("stress"), &catalog());
    let mut answers = Answers::new();
    assert!(answers.visible_questions(&areas).all(|question| question.parent.is_none()));
    assert_eq!(answers.unanswered(&areas).len(), 14, "no hip or belly point in this routine");
    answers.set(QuestionId::Bleeding, Answer::Yes);
    assert!(answers.unanswered(&areas).contains(&QuestionId::BleedingCleared));
    // A follow-up of a follow-up only below a yes all the way up.
    answers.set(QuestionId::PregnancyRisk, Answer::Yes);
    assert!(!answers.unanswered(&areas).contains(&QuestionId::PregnancyCleared), "pregnant is not answered yes");
    answers.set(QuestionId::Pregnant, Answer::Yes);
    assert!(answers.unanswered(&areas).contains(&QuestionId::PregnancyCleared));
    answers.set(QuestionId::Pregnant, Answer::No);
    answers.clear_follow_ups(QuestionId::Pregnant);
    assert!(answers.get(QuestionId::PregnancyRisk).is_none());
}

fn cautious_answer(question: &Question, routine: &Routine) -> Answer {
    match question.kind {
        AnswerKind::YesNo { cautious: true } => Answer::Yes,
        AnswerKind::YesNo { cautious: false } => Answer::No,
        AnswerKind::Points => Answer::Points(routine.steps.iter().map(|step| step.point.clone()).collect()),
    }
}

fn relaxed_answer(question: &Question) -> Answer {
    match question.kind {
        AnswerKind::YesNo { cautious } => {
            if cautious {
                Answer::No
            } else {
                Answer::Yes
            }
        }
        AnswerKind::Points => Answer::Points(BTreeSet::new()),
    }
}

fn summary(clearance: &Clearance) -> (Outcome, bool, BTreeSet<PointCode>) {
    match clearance {
        Clearance::Blocked(block) => (block.outcome, true, BTreeSet::new()),
        Clearance::Cleared(cleared) => (
            cleared.outcome(),
            !cleared.adaptations().light_only.is_empty(),
            cleared.adaptations().skipped.iter().map(|skipped| skipped.point.clone()).collect(),
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Making any one answer more cautious never makes the outcome less restrictive: the
    /// outcome does not drop, light pressure stays, and no skipped point comes back.
    #[test]
    fn more_caution_is_never_less_restrictive(
        routine_id in proptest::sample::select(&["low-back", "neck-shoulders", "headache", "stress", "sleep", "nausea"][..]),
        choices in proptest::collection::vec(0..3u8, QUESTIONS.len()),
        flip in 0..QUESTIONS.len(),
    ) {
        let catalog = catalog();
        let routine = bundled::routine(&catalog, routine_id).unwrap();
        let mut base = Answers::new();
        for (question, choice) in QUESTIONS.iter().zip(&choices) {
            match choice {
                0 => {}
                1 => base.set(question.id, relaxed_answer(question)),
                _ => base.set(question.id, cautious_answer(question, &routine)),
            }
        }
        let question = &QUESTIONS[flip];
        let mut more_cautious = base.clone();
        more_cautious.set(question.id, cautious_answer(question, &routine));
        let before = summary(&evaluate(&routine, &catalog, &base));
        let after = summary(&evaluate(&routine, &catalog, &more_cautious));
        prop_assert!(after.0 >= before.0, "{:?} -> {:?} flipping {}", before.0, after.0, question.id);
        if after.0 == Outcome::Adapted && before.0 >= Outcome::Adapted {
            prop_assert!(after.1 || !before.1, "light pressure was dropped");
            prop_assert!(after.2.is_superset(&before.2), "a skipped point came back");
        }
    }
}
