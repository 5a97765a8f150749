// Table-driven tests are long tables, and an underflow panic in a test is simply a failure.
#![allow(clippy::too_many_lines, clippy::type_complexity, clippy::unchecked_time_subtraction)]

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;
use crate::bundled;
use crate::routine::Routine;

fn catalog() -> Catalog {
    bundled::catalog().expect("bundled catalogue")
}

fn routine(id: &str) -> Routine {
    let catalog = catalog();
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
            "nausea",
            vec![(Q::Bone, Yes), (Q::BoneFracturePoints, points(&[]))],
            expect(Adapted, true, &["CV17"]),
        ),
        (
            "bone disease: fracture site",
            "nausea",
            vec![(Q::Bone, Yes), (Q::BoneFracturePoints, points(&["ST36"]))],
            expect(Adapted, true, &["CV17", "ST36"]),
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
            vec![(Q::Skin, Yes), (Q::SkinPoints, points(&["PC6", "ST36", "CV17"]))],
            expect(BlockedNothingLeft, false, &[]),
        ),
        (
            "light replaces breath holds",
            "sleep",
            vec![(Q::Numbness, Yes)],
            Expect { outcome: Adapted, light: true, skipped: &[], holds_removed: true },
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

#[test]
fn urgent_block_gives_emergency_advice() {
    let clearance = evaluate(&routine("low-back"), &catalog(), &answers(&[(QuestionId::EmergencyBack, Answer::Yes)]));
    let Clearance::Blocked(block) = clearance else { panic!("must block") };
    assert!(block.advice().en.contains("emergency"));
    assert!(block.advice().nl.contains("112"));
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
    assert_eq!(top_level, 13);
    // Emergency questions come first.
    assert!(QUESTIONS[0].emergency && QUESTIONS[1].emergency);
    assert!(QUESTIONS[2..].iter().all(|question| !question.emergency));
    // Follow-ups come right after their parent (or a sibling).
    for (index, question) in QUESTIONS.iter().enumerate() {
        if let Some(parent) = question.parent {
            let before = &QUESTIONS[index - 1];
            assert!(before.id == parent || before.parent == Some(parent), "{}", question.id);
        }
        assert!(!question.text.en.is_empty() && !question.text.nl.is_empty());
    }
}

#[test]
fn follow_ups_are_visible_only_after_yes() {
    let mut answers = Answers::new();
    assert!(answers.visible_questions().all(|question| question.parent.is_none()));
    assert_eq!(answers.unanswered().len(), 13);
    answers.set(QuestionId::Bleeding, Answer::Yes);
    assert!(answers.unanswered().contains(&QuestionId::BleedingCleared));
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
        routine_index in 0..6usize,
        choices in proptest::collection::vec(0..3u8, QUESTIONS.len()),
        flip in 0..QUESTIONS.len(),
    ) {
        let catalog = catalog();
        let routine = bundled::valid_routines(&catalog).unwrap().swap_remove(routine_index);
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
