//! What the person reads when the gate blocks or asks for care: urgent advice, what to do
//! instead of starting, the practice guidance and the stop rules. Texts only, in both languages;
//! it decides nothing.

use super::{Answers, QUESTIONS, QuestionId};
use crate::text::StaticText;

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

/// What to do when the warning sign `question` is present (the same words the gate shows).
pub fn advice_for_emergency(question: QuestionId) -> StaticText {
    advice_for(question)
}

/// The advice for a block caused by `question`.
pub(super) fn advice_for(question: QuestionId) -> StaticText {
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
