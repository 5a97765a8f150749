//! The safety questions, their follow-ups and their texts.
//!
//! Only data: ids, wording in both languages, what kind of answer each takes and which answer
//! is the cautious one. The rules that act on the answers live in `evaluate`.

use crate::catalog::Area;
use crate::text::StaticText;

/// A stable id for every question and follow-up. The string form (`emergency_back`) is used on
/// the command line and in stored answers, so it never changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuestionId {
    /// Back pain with cauda equina signs.
    EmergencyBack,
    /// Heart attack or stroke warning signs right now.
    EmergencyGeneral,
    /// Pain after a fall, accident or blow.
    Injury,
    /// Follow-up: a doctor has checked the pain and ruled out a fracture.
    InjuryChecked,
    /// Fever, weight loss, night pain.
    Systemic,
    /// Follow-up: a doctor has looked into these complaints and cleared self-acupressure.
    SystemicChecked,
    /// Cancer now or in the past.
    Cancer,
    /// Follow-up: back pain that is new since the cancer.
    CancerNewBackPain,
    /// Follow-up of the new back pain: a doctor has checked it and cleared self-acupressure.
    CancerBackChecked,
    /// Follow-up: points over treated areas.
    CancerTreatedPoints,
    /// A blood clot or a swollen, warm, painful calf.
    Clot,
    /// Blood thinners or a bleeding disorder.
    Bleeding,
    /// Follow-up: a doctor has cleared self-acupressure.
    BleedingCleared,
    /// Heart or vessel disease, high blood pressure, diabetes.
    Cardiovascular,
    /// Follow-up: a doctor has cleared self-acupressure.
    CardiovascularCleared,
    /// Follow-up: an aneurysm, known or suspected.
    Aneurysm,
    /// A lung disease such as COPD or asthma.
    Lung,
    /// Pregnant, or could be.
    Pregnant,
    /// Follow-up: first trimester, high risk or complications.
    PregnancyRisk,
    /// Follow-up of the risk: a midwife or doctor has cleared gentle acupressure.
    PregnancyCleared,
    /// Bone disease or an unhealed fracture.
    Bone,
    /// Follow-up: points near a fracture.
    BoneFracturePoints,
    /// Skin problem at a point.
    Skin,
    /// Follow-up: which points.
    SkinPoints,
    /// Numbness where you will press.
    Numbness,
    /// An artificial hip (asked when the routine presses near the hip).
    HipReplacement,
    /// Belly surgery or a hernia (asked when the routine presses on the belly).
    Belly,
    /// Told by a professional to avoid pressure.
    AdvisedAgainst,
    /// Follow-up: avoid pressure everywhere, or unsure where.
    AdvisedAgainstAll,
    /// Follow-up: which points to avoid.
    AdvisedAgainstPoints,
}

/// What kind of answer a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerKind {
    /// Yes or no.
    YesNo {
        /// The answer that leads to the more careful outcome; an unanswered follow-up counts as this.
        cautious: bool,
    },
    /// A choice among the routine's points (possibly none).
    Points,
}

/// One question of the gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    /// Stable id.
    pub id: QuestionId,
    /// Shown only when this question was answered yes.
    pub parent: Option<QuestionId>,
    /// Yes/no or a choice of points.
    pub kind: AnswerKind,
    /// An emergency question: asked first, and a yes blocks with urgent advice.
    pub emergency: bool,
    /// Asked fresh every time, never filled in from last time: the emergency questions and
    /// every "has a professional cleared it" follow-up.
    pub fresh: bool,
    /// Asked only when the routine presses a point in this area.
    pub only_for: Option<Area>,
    /// The question in plain words.
    pub text: StaticText,
}

const fn yes_no(id: QuestionId, emergency: bool, en: &'static str, nl: &'static str) -> Question {
    Question {
        id,
        parent: None,
        kind: AnswerKind::YesNo { cautious: true },
        emergency,
        fresh: emergency,
        only_for: None,
        text: StaticText { en, nl },
    }
}

/// A yes/no question asked only when the routine presses a point in `area`.
const fn for_area(id: QuestionId, area: Area, en: &'static str, nl: &'static str) -> Question {
    Question { only_for: Some(area), ..yes_no(id, false, en, nl) }
}

/// A follow-up "has a professional cleared it": unanswered counts as not cleared, and it is
/// asked fresh every time.
const fn cleared(id: QuestionId, parent: QuestionId, en: &'static str, nl: &'static str) -> Question {
    Question { fresh: true, ..follow_up(id, parent, AnswerKind::YesNo { cautious: false }, en, nl) }
}

const fn follow_up(
    id: QuestionId,
    parent: QuestionId,
    kind: AnswerKind,
    en: &'static str,
    nl: &'static str,
) -> Question {
    Question {
        id,
        parent: Some(parent),
        kind,
        emergency: false,
        fresh: false,
        only_for: None,
        text: StaticText { en, nl },
    }
}

use QuestionId as Q;

/// Every question in the order the gate asks them: emergency questions first, each follow-up
/// right after its parent.
pub const QUESTIONS: &[Question] = &[
    yes_no(
        Q::EmergencyBack,
        true,
        "Do you have back pain together with numbness around your genitals, buttocks or inner thighs, new trouble holding or passing urine or stool, or weakness or numbness in both legs?",
        "Heb je rugpijn en daarbij een doof gevoel rond je geslachtsdelen, billen of aan de binnenkant van je dijen, sinds kort moeite met plassen of met het ophouden van je plas of ontlasting, of zwakte of een doof gevoel in allebei je benen?",
    ),
    yes_no(
        Q::EmergencyGeneral,
        true,
        "Right now, do you have chest pain, sudden severe shortness of breath, a sudden headache worse than any before, a drooping face, sudden weakness in an arm or leg, or trouble speaking?",
        "Heb je op dit moment pijn op de borst, plotseling ernstige kortademigheid, plotseling de ergste hoofdpijn die je ooit hebt gehad, een scheve mond, een arm of been dat ineens krachteloos is, of moeite met praten?",
    ),
    yes_no(
        Q::Injury,
        false,
        "Did the pain start after a fall, accident or blow, or after a small fall while you have osteoporosis or take steroid tablets long-term?",
        "Is de pijn begonnen na een val, ongeluk of klap, of na een kleine val terwijl je botontkalking hebt of langdurig prednison of andere corticosteroïden slikt?",
    ),
    cleared(
        Q::InjuryChecked,
        Q::Injury,
        "Has a doctor checked this pain and ruled out a fracture?",
        "Heeft een arts deze pijn nagekeken en een botbreuk uitgesloten?",
    ),
    yes_no(
        Q::Systemic,
        false,
        "Do you have a fever or feel generally unwell, have you lost weight without trying, or is the pain constant and worse at night or at rest?",
        "Heb je koorts of voel je je ziek, ben je afgevallen zonder dat je dat wilde, of is de pijn er altijd en erger 's nachts of als je rust?",
    ),
    cleared(
        Q::SystemicChecked,
        Q::Systemic,
        "Has a doctor looked into these complaints and said self-acupressure is safe for you?",
        "Heeft een arts naar deze klachten gekeken en gezegd dat acupressuur bij jezelf veilig is?",
    ),
    yes_no(
        Q::Cancer,
        false,
        "Do you have cancer now, or have you had cancer in the past?",
        "Heb je nu kanker, of heb je in het verleden kanker gehad?",
    ),
    follow_up(
        Q::CancerNewBackPain,
        Q::Cancer,
        AnswerKind::YesNo { cautious: true },
        "Is your back pain new, or different from before, since you were diagnosed with cancer?",
        "Is je rugpijn nieuw of anders dan vroeger sinds je kanker kreeg?",
    ),
    cleared(
        Q::CancerBackChecked,
        Q::CancerNewBackPain,
        "Has your doctor checked this back pain and said self-acupressure is safe for you?",
        "Heeft je arts deze rugpijn nagekeken en gezegd dat acupressuur bij jezelf veilig is?",
    ),
    follow_up(
        Q::CancerTreatedPoints,
        Q::Cancer,
        AnswerKind::Points,
        "Which of these points lie in an area that was operated on or irradiated, or where lymph nodes were removed?",
        "Welke van deze punten liggen in een gebied dat geopereerd of bestraald is, of waar lymfeklieren zijn weggehaald?",
    ),
    yes_no(
        Q::Clot,
        false,
        "Do you have a blood clot now or did you have one recently, or is one of your calves swollen, warm or painful?",
        "Heb je nu trombose of een ander bloedstolsel, of had je dat kort geleden, of is een van je kuiten dik, warm of pijnlijk?",
    ),
    yes_no(
        Q::Bleeding,
        false,
        "Do you take blood thinners, or do you have a bleeding or clotting disorder or a low platelet count?",
        "Gebruik je bloedverdunners, of heb je een bloedings- of stollingsstoornis of te weinig bloedplaatjes?",
    ),
    cleared(
        Q::BleedingCleared,
        Q::Bleeding,
        "Has your doctor or physiotherapist told you that gentle self-acupressure is safe for you?",
        "Heeft je arts of fysiotherapeut gezegd dat zachte acupressuur bij jezelf voor jou veilig is?",
    ),
    yes_no(
        Q::Cardiovascular,
        false,
        "Do you have heart or blood vessel disease (including a past stroke, TIA or an aneurysm), high blood pressure that is not under control, or diabetes?",
        "Heb je een hart- of vaatziekte (ook een eerdere beroerte, TIA of aneurysma), hoge bloeddruk die niet goed is ingesteld, of diabetes?",
    ),
    cleared(
        Q::CardiovascularCleared,
        Q::Cardiovascular,
        "Has your doctor or physiotherapist told you that gentle self-acupressure is safe for you?",
        "Heeft je arts of fysiotherapeut gezegd dat zachte acupressuur bij jezelf voor jou veilig is?",
    ),
    follow_up(
        Q::Aneurysm,
        Q::Cardiovascular,
        AnswerKind::YesNo { cautious: true },
        "Do you have an aneurysm (a widened artery), or has a doctor said you might?",
        "Heb je een aneurysma (een verwijde slagader), of heeft een arts gezegd dat je er misschien een hebt?",
    ),
    yes_no(
        Q::Lung,
        false,
        "Do you have a lung disease, such as COPD or asthma?",
        "Heb je een longziekte, zoals COPD of astma?",
    ),
    yes_no(Q::Pregnant, false, "Are you pregnant, or could you be?", "Ben je zwanger, of zou je het kunnen zijn?"),
    follow_up(
        Q::PregnancyRisk,
        Q::Pregnant,
        AnswerKind::YesNo { cautious: true },
        "Are you in the first 12 weeks, is your pregnancy high-risk or are there complications, or are you not sure?",
        "Ben je in de eerste 12 weken, is je zwangerschap een risicozwangerschap of zijn er complicaties, of weet je het niet zeker?",
    ),
    cleared(
        Q::PregnancyCleared,
        Q::PregnancyRisk,
        "Has your midwife or doctor said that gentle acupressure is safe for you?",
        "Heeft je verloskundige of arts gezegd dat zachte acupressuur voor jou veilig is?",
    ),
    yes_no(
        Q::Bone,
        false,
        "Do you have osteoporosis or another bone disease, or a fracture that has not healed yet?",
        "Heb je botontkalking (osteoporose) of een andere botziekte, of een botbreuk die nog niet genezen is?",
    ),
    follow_up(
        Q::BoneFracturePoints,
        Q::Bone,
        AnswerKind::Points,
        "Which of these points lie on or near a fracture that has not healed?",
        "Welke van deze punten liggen op of bij een botbreuk die nog niet genezen is?",
    ),
    yes_no(
        Q::Skin,
        false,
        "Is there an open wound, rash, infection, burn, bruise, swelling, varicose vein or fresh scar at one of the points of this routine?",
        "Zit er een open wond, uitslag, ontsteking, brandwond, blauwe plek, zwelling, spatader of vers litteken op een van de punten van deze routine?",
    ),
    follow_up(Q::SkinPoints, Q::Skin, AnswerKind::Points, "At which points?", "Op welke punten?"),
    yes_no(
        Q::Numbness,
        false,
        "Is the feeling reduced where you will press (for example from neuropathy, MS or after a stroke)?",
        "Heb je minder gevoel op de plekken waar je gaat drukken (bijvoorbeeld door neuropathie, MS of na een beroerte)?",
    ),
    for_area(
        Q::HipReplacement,
        Area::Buttock,
        "Do you have an artificial hip (a hip replacement)?",
        "Heb je een kunstheup (heupprothese)?",
    ),
    for_area(
        Q::Belly,
        Area::Abdomen,
        "Have you had an operation on your belly, or do you have a hernia (a bulge at your navel, in your groin or in a scar)?",
        "Ben je aan je buik geopereerd, of heb je een breuk in je buikwand (zoals een navelbreuk, liesbreuk of littekenbreuk)?",
    ),
    yes_no(
        Q::AdvisedAgainst,
        false,
        "Has a doctor or physiotherapist told you to avoid pressure on some part of your body?",
        "Heeft een arts of fysiotherapeut gezegd dat je ergens op je lichaam geen druk mag geven?",
    ),
    follow_up(
        Q::AdvisedAgainstAll,
        Q::AdvisedAgainst,
        AnswerKind::YesNo { cautious: true },
        "Were you told to avoid pressure everywhere, or are you unsure which areas?",
        "Moet je overal druk vermijden, of weet je niet precies waar?",
    ),
    follow_up(
        Q::AdvisedAgainstPoints,
        Q::AdvisedAgainst,
        AnswerKind::Points,
        "Which of these points lie in an area you were told to avoid?",
        "Welke van deze punten liggen in een gebied waar je geen druk mag geven?",
    ),
];

impl QuestionId {
    /// The stable text id (`emergency_back`).
    pub fn as_str(self) -> &'static str {
        match self {
            Q::EmergencyBack => "emergency_back",
            Q::EmergencyGeneral => "emergency_general",
            Q::Injury => "injury",
            Q::InjuryChecked => "injury_checked",
            Q::Systemic => "systemic",
            Q::SystemicChecked => "systemic_checked",
            Q::Cancer => "cancer",
            Q::CancerNewBackPain => "cancer_new_back_pain",
            Q::CancerBackChecked => "cancer_back_checked",
            Q::CancerTreatedPoints => "cancer_treated_points",
            Q::Clot => "clot",
            Q::Bleeding => "bleeding",
            Q::BleedingCleared => "bleeding_cleared",
            Q::Cardiovascular => "cardiovascular",
            Q::CardiovascularCleared => "cardiovascular_cleared",
            Q::Aneurysm => "aneurysm",
            Q::Lung => "lung",
            Q::Pregnant => "pregnant",
            Q::PregnancyRisk => "pregnancy_risk",
            Q::PregnancyCleared => "pregnancy_cleared",
            Q::Bone => "bone",
            Q::BoneFracturePoints => "bone_fracture_points",
            Q::Skin => "skin",
            Q::SkinPoints => "skin_points",
            Q::Numbness => "numbness",
            Q::HipReplacement => "hip_replacement",
            Q::Belly => "belly",
            Q::AdvisedAgainst => "advised_against",
            Q::AdvisedAgainstAll => "advised_against_all",
            Q::AdvisedAgainstPoints => "advised_against_points",
        }
    }

    /// Parses a text id.
    pub fn parse(id: &str) -> Option<QuestionId> {
        QUESTIONS.iter().map(|question| question.id).find(|candidate| candidate.as_str() == id)
    }

    /// The question's definition.
    pub fn question(self) -> &'static Question {
        QUESTIONS.iter().find(|question| question.id == self).expect("every id has a question")
    }
}

impl std::fmt::Display for QuestionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Stored as its text id (`"pregnant"`), never as a variant name, so renaming a variant keeps
/// what people saved.
impl serde::Serialize for QuestionId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for QuestionId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        QuestionId::parse(&id).ok_or_else(|| serde::de::Error::custom(format!("there is no safety question `{id}`")))
    }
}

impl QuestionId {
    /// What a yes to this question says about the person, in plain words, for the therapist
    /// reading a report ("might be pregnant"). A cleared follow-up says what was cleared.
    pub fn answered_yes(self) -> crate::text::StaticText {
        use QuestionId as Q;
        let (en, nl) = match self {
            Q::EmergencyBack => (
                "had back pain with numbness or bladder or bowel trouble",
                "had rugpijn met een doof gevoel of problemen met plassen of ontlasting",
            ),
            Q::EmergencyGeneral => {
                ("had warning signs of a heart attack or stroke", "had alarmsignalen van een hartaanval of beroerte")
            }
            Q::Injury => ("has pain after a fall, accident or blow", "heeft pijn na een val, ongeluk of klap"),
            Q::InjuryChecked => {
                ("had the pain after a fall checked by a doctor", "liet de pijn na een val nakijken door een arts")
            }
            Q::Systemic => {
                ("has fever, weight loss or pain at night", "heeft koorts, gewichtsverlies of pijn 's nachts")
            }
            Q::SystemicChecked => (
                "had fever, weight loss or night pain looked into by a doctor",
                "liet koorts, gewichtsverlies of nachtpijn onderzoeken door een arts",
            ),
            Q::Cancer => ("has or had cancer", "heeft of had kanker"),
            Q::CancerNewBackPain => {
                ("has back pain that is new since the cancer", "heeft rugpijn die nieuw is sinds de kanker")
            }
            Q::CancerBackChecked => {
                ("had the new back pain checked by a doctor", "liet de nieuwe rugpijn nakijken door een arts")
            }
            Q::CancerTreatedPoints => ("has points over treated areas", "heeft punten boven behandelde gebieden"),
            Q::Clot => ("has or may have a blood clot", "heeft of heeft mogelijk een bloedstolsel"),
            Q::Bleeding => (
                "takes blood thinners or has a bleeding disorder",
                "gebruikt bloedverdunners of heeft een stollingsstoornis",
            ),
            Q::BleedingCleared => (
                "was cleared for self-acupressure while on blood thinners",
                "kreeg toestemming voor zelf-acupressuur bij bloedverdunners",
            ),
            Q::Cardiovascular => (
                "has heart or vessel disease, high blood pressure or diabetes",
                "heeft een hart- of vaatziekte, hoge bloeddruk of diabetes",
            ),
            Q::CardiovascularCleared => (
                "was cleared for self-acupressure with heart or vessel disease",
                "kreeg toestemming voor zelf-acupressuur bij een hart- of vaatziekte",
            ),
            Q::Aneurysm => ("has or may have an aneurysm", "heeft of heeft mogelijk een aneurysma"),
            Q::Lung => ("has a lung disease such as COPD or asthma", "heeft een longziekte zoals COPD of astma"),
            Q::Pregnant => ("might be pregnant", "is mogelijk zwanger"),
            Q::PregnancyRisk => (
                "is in the first 12 weeks, high-risk, or unsure",
                "is in de eerste 12 weken, heeft een risicozwangerschap, of weet het niet zeker",
            ),
            Q::PregnancyCleared => (
                "was cleared by a midwife or doctor for gentle acupressure",
                "kreeg van verloskundige of arts toestemming voor zachte acupressuur",
            ),
            Q::Bone => ("has a bone disease or an unhealed fracture", "heeft een botziekte of een niet-genezen breuk"),
            Q::BoneFracturePoints => ("has points near a fracture", "heeft punten vlak bij een breuk"),
            Q::Skin => ("has a skin problem at a point", "heeft een huidprobleem op een punt"),
            Q::SkinPoints => ("has a skin problem at some points", "heeft een huidprobleem op sommige punten"),
            Q::Numbness => ("has numbness where they will press", "heeft een doof gevoel waar gedrukt wordt"),
            Q::HipReplacement => ("has an artificial hip", "heeft een kunstheup"),
            Q::Belly => ("had belly surgery or has a hernia", "had een buikoperatie of heeft een breuk in de buikwand"),
            Q::AdvisedAgainst => (
                "was advised against pressure by a professional",
                "kreeg van een zorgverlener het advies geen druk te geven",
            ),
            Q::AdvisedAgainstAll => (
                "was advised against pressure everywhere, or is unsure where",
                "kreeg het advies nergens druk te geven, of weet niet waar",
            ),
            Q::AdvisedAgainstPoints => {
                ("was advised to avoid some points", "kreeg het advies sommige punten te vermijden")
            }
        };
        crate::text::StaticText { en, nl }
    }
}
