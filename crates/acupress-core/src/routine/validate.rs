//! Checks a parsed routine against the rules and the catalogue.
//!
//! Returns problems with a path into the document, so the loader can point at the line and
//! column, and the editor can show them next to the field. Every problem is said twice, in
//! English and Dutch: as it reads next to a file (naming the file's fields, like a compiler), and
//! plainly, for someone filling in a form who never sees the file.

use super::{
    LONG_ROUTINE_SECS, MAX_PRESS_SECS, MAX_REST_SECS, MAX_STEPS, MIN_PRESS_SECS, MIN_REST_SECS, ROUTINE_FORMAT,
    Routine, format_clock,
};
use crate::catalog::{Catalog, Laterality};
use crate::source::{PathSegment, Severity, nearest};
use crate::speech::{Recorded, announcement_shortfalls};
use crate::text::{Lang, Text};

/// One problem with a routine, located by its path in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: for example `steps[2].press_secs`.
    pub path: Vec<PathSegment>,
    /// Error (refused) or warning.
    pub severity: Severity,
    /// What is wrong, as said next to the file.
    pub message: Text,
    /// How to fix it in the file.
    pub hint: Option<Text>,
    /// What is wrong, in plain words for the editor (no file syntax).
    pub plain: Text,
    /// The character a problem is about, when it is one (the position then points at it).
    pub character: Option<char>,
}

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, severity: Severity, path: Vec<PathSegment>, message: Text, hint: Option<Text>, plain: Text) {
        self.0.push(Problem { path, severity, message, hint, plain, character: None });
    }

    fn error(&mut self, path: Vec<PathSegment>, message: Text, hint: Option<Text>, plain: Text) {
        self.push(Severity::Error, path, message, hint, plain);
    }
}

fn text(en: impl Into<String>, nl: impl Into<String>) -> Text {
    Text::new(en, nl)
}

use PathSegment::{Field, Index};

mod characters;
pub use characters::check_characters;

/// Every rule a routine must follow. An empty result means the routine is valid.
pub fn validate(routine: &Routine, catalog: &Catalog) -> Vec<Problem> {
    let mut problems = Problems(Vec::new());
    if routine.format != ROUTINE_FORMAT {
        problems.error(
            vec![Field("format")],
            text(
                format!("unknown format version {}", routine.format),
                format!("onbekende formaatversie {}", routine.format),
            ),
            Some(text(
                format!("this version of acupress reads format {ROUTINE_FORMAT}"),
                format!("deze versie van acupress leest formaat {ROUTINE_FORMAT}"),
            )),
            text(
                "The file format is not one this acupress reads.",
                "Dit bestandsformaat kan deze acupress niet lezen.",
            ),
        );
    }
    check_id(&routine.id, &mut problems);
    check_text(&routine.title, TextField::Title, &[Field("title")], &mut problems);
    check_text(&routine.description, TextField::Description, &[Field("description")], &mut problems);
    check_contact(routine, &mut problems);
    if let Some(based_on) = &routine.based_on {
        check_text(based_on, TextField::BasedOn, &[Field("based_on")], &mut problems);
    }
    check_activities(routine, &mut problems);
    if routine.author.trim().is_empty() {
        problems.error(
            vec![Field("author")],
            text("`author` is empty", "`author` is leeg"),
            Some(text(
                "write who made the routine, for example \"J. de Vries, fysiotherapeut\"",
                "schrijf wie de routine maakte, bijvoorbeeld \"J. de Vries, fysiotherapeut\"",
            )),
            text(
                "Fill in who made the routine, for example \"J. de Vries, physiotherapist\".",
                "Vul in wie de routine maakte, bijvoorbeeld \"J. de Vries, fysiotherapeut\".",
            ),
        );
    }
    if !(MIN_REST_SECS..=MAX_REST_SECS).contains(&routine.rest_secs) {
        let rest = routine.rest_secs;
        problems.error(
            vec![Field("rest_secs")],
            text(
                format!("`rest_secs` is {rest}, outside {MIN_REST_SECS}..={MAX_REST_SECS}"),
                format!("`rest_secs` is {rest}, buiten {MIN_REST_SECS}..={MAX_REST_SECS}"),
            ),
            Some(text(
                "the rest before each step is the time to find the next point",
                "de rust voor elke stap is de tijd om het volgende punt te vinden",
            )),
            text(
                format!("The rest is {rest} s; it must be {MIN_REST_SECS} to {MAX_REST_SECS} s."),
                format!("De rust is {rest} s; die moet {MIN_REST_SECS} tot {MAX_REST_SECS} s zijn."),
            ),
        );
    }
    if routine.steps.is_empty() {
        problems.error(
            vec![Field("steps")],
            text("the routine has no steps", "de routine heeft geen stappen"),
            Some(text(
                "add at least one `Step(point: …, press_secs: …, pressure: …)`",
                "voeg minstens één `Step(point: …, press_secs: …, pressure: …)` toe",
            )),
            text("Add a step: click a point on the map.", "Voeg een stap toe: klik op een punt op de kaart."),
        );
    }
    if routine.steps.len() > MAX_STEPS {
        let count = routine.steps.len();
        problems.error(
            vec![Field("steps")],
            text(
                format!("the routine has {count} steps, more than {MAX_STEPS}"),
                format!("de routine heeft {count} stappen, meer dan {MAX_STEPS}"),
            ),
            Some(text("split it into two routines", "verdeel haar over twee routines")),
            text(
                format!("There are {count} steps; at most {MAX_STEPS} fit in one routine."),
                format!("Er zijn {count} stappen; er passen er hoogstens {MAX_STEPS} in één routine."),
            ),
        );
    }
    for (index, step) in routine.steps.iter().enumerate() {
        check_step(index, step, catalog, &mut problems);
    }
    if problems.0.iter().all(|problem| problem.severity != Severity::Error) {
        check_announcements(routine, &mut problems);
    }
    check_prescription(routine, &mut problems);
    check_length(routine, &mut problems);
    check_default_breathing(routine, &mut problems);
    problems.0
}

/// The contact line printed on the handout: one short line.
fn check_contact(routine: &Routine, problems: &mut Problems) {
    if let Some(contact) = &routine.contact
        && (contact.trim().is_empty() || contact.chars().count() > MAX_CONTACT_CHARS || contact.contains('\n'))
    {
        problems.error(
            vec![Field("contact")],
            text(
                format!("`contact` must be one line of 1 to {MAX_CONTACT_CHARS} characters"),
                format!("`contact` moet één regel van 1 tot {MAX_CONTACT_CHARS} tekens zijn"),
            ),
            Some(text(
                "for example \"Praktijk De Vries, 020 123 4567\", or leave the field out",
                "bijvoorbeeld \"Praktijk De Vries, 020 123 4567\", of laat het veld weg",
            )),
            text(
                format!("The contact line must be one line of at most {MAX_CONTACT_CHARS} characters."),
                format!("De contactregel moet één regel van hoogstens {MAX_CONTACT_CHARS} tekens zijn."),
            ),
        );
    }
}

/// The activities the patient rates (PSFS): few, each in both languages.
fn check_activities(routine: &Routine, problems: &mut Problems) {
    if let Some(prescription) = &routine.prescription {
        let activities = &prescription.activities;
        if activities.len() > super::MAX_ACTIVITIES {
            let count = activities.len();
            let max = super::MAX_ACTIVITIES;
            problems.error(
                vec![Field("prescription"), Field("activities")],
                text(format!("{count} activities; at most {max}"), format!("{count} activiteiten; hoogstens {max}")),
                Some(text(
                    "choose the activities that matter most to the patient",
                    "kies de activiteiten die voor de patiënt het belangrijkst zijn",
                )),
                text(
                    format!("At most {max} activities can be rated; there are {count}."),
                    format!("Er kunnen hoogstens {max} activiteiten worden beoordeeld; er zijn er {count}."),
                ),
            );
        }
        for (index, activity) in activities.iter().enumerate() {
            check_text(
                activity,
                TextField::Activity(index + 1),
                &[Field("prescription"), Field("activities"), Index(index)],
                problems,
            );
        }
    }
}

/// A prescription's numbers must be ones a home program can follow.
fn check_prescription(routine: &Routine, problems: &mut Problems) {
    let Some(prescription) = &routine.prescription else { return };
    let fields = [
        (
            "sessions_per_day",
            prescription.sessions_per_day,
            super::SESSIONS_PER_DAY,
            ("sessions a day", "sessies per dag"),
        ),
        ("days_per_week", prescription.days_per_week, super::DAYS_PER_WEEK, ("days a week", "dagen per week")),
        ("weeks", prescription.weeks, super::PRESCRIPTION_WEEKS, ("weeks", "weken")),
    ];
    for (field, value, range, (name_en, name_nl)) in fields {
        if range.contains(&value) {
            continue;
        }
        let (low, high) = (range.start(), range.end());
        problems.error(
            vec![Field("prescription"), Field(field)],
            text(
                format!("`prescription.{field}` is {value}, outside {low}..={high}"),
                format!("`prescription.{field}` is {value}, buiten {low}..={high}"),
            ),
            Some(text(
                format!("{name_en}: write a whole number from {low} to {high}"),
                format!("{name_nl}: schrijf een heel getal van {low} tot en met {high}"),
            )),
            text(
                format!("The prescription's {name_en} must be {low} to {high}; it is {value}."),
                format!("Het aantal {name_nl} in het voorschrift moet {low} tot en met {high} zijn; het is {value}."),
            ),
        );
    }
}

/// Warns when the routine's default breathing holds the breath (4-7-8, box): every step would
/// hold it, which can make people light-headed; the format's notes advise it per step only.
fn check_default_breathing(routine: &Routine, problems: &mut Problems) {
    if routine.breathing.has_holds() {
        let name_en = routine.breathing.name(crate::text::Lang::En);
        let name_nl = routine.breathing.name(crate::text::Lang::Nl);
        problems.push(
            Severity::Warning,
            vec![Field("breathing")],
            text(
                format!("the default breathing is {name_en}, which holds the breath at every step"),
                format!("de standaardademhaling is {name_nl}, waarbij de adem bij elke stap wordt vastgehouden"),
            ),
            Some(text(
                "use `breathing: SlowPaced` for the routine, and a pattern with holds only on the step that needs it",
                "gebruik `breathing: SlowPaced` voor de routine, en een patroon met vasthouden alleen bij de stap die het nodig heeft",
            )),
            text(
                format!("The breathing for every step is {name_en}, with breath holds: better only on one step."),
                format!("De ademhaling bij elke stap is {name_nl}, met vasthouden: beter alleen bij één stap."),
            ),
        );
    }
}

/// Warns when the whole session runs longer than is usual for self-massage.
fn check_length(routine: &Routine, problems: &mut Problems) {
    let total_secs = routine.total_secs();
    if total_secs > LONG_ROUTINE_SECS {
        let total = format_clock(u64::from(total_secs));
        problems.push(
            Severity::Warning,
            vec![Field("steps")],
            text(
                format!("the session takes {total}, longer than 30 minutes"),
                format!("de sessie duurt {total}, langer dan 30 minuten"),
            ),
            Some(text(
                "5 to 15 minutes is usual for self-massage",
                "5 tot 15 minuten is gebruikelijk voor zelfmassage",
            )),
            text(
                format!("The session takes {total}: longer than 30 minutes (5 to 15 is usual)."),
                format!("De sessie duurt {total}: langer dan 30 minuten (5 tot 15 is gebruikelijk)."),
            ),
        );
    }
}

fn check_step(index: usize, step: &super::Step, catalog: &Catalog, problems: &mut Problems) {
    let path = |field: &'static str| vec![Field("steps"), Index(index), Field(field)];
    let n = index + 1;
    let code = step.point.as_str();
    match catalog.get(&step.point) {
        None => {
            // A name or older code for a point says which point it is; a near miss says which
            // point it would be and where, so a typo never slips into another point unnoticed.
            let described = |point: &crate::catalog::Point, lang: crate::text::Lang| {
                let place = point.areas.first().map_or("", |area| area.whereabouts(lang));
                format!("`{}` {}, {place}", point.code, point.name.get(lang))
            };
            let hint = if let Some(point) = catalog.known_as(code) {
                text(
                    format!("`{code}` is {}: write \"{}\"", described(point, crate::text::Lang::En), point.code),
                    format!("`{code}` is {}: schrijf \"{}\"", described(point, crate::text::Lang::Nl), point.code),
                )
            } else if let Some(best) = nearest(code, catalog.codes()).and_then(|best| catalog.get_str(best)) {
                text(
                    format!(
                        "did you mean {}? `acupress list points --long` shows every point",
                        described(best, crate::text::Lang::En)
                    ),
                    format!(
                        "bedoel je {}? `acupress list points --long` toont elk punt",
                        described(best, crate::text::Lang::Nl)
                    ),
                )
            } else {
                text("`acupress list points` shows every code", "`acupress list points` toont elke code")
            };
            problems.error(
                path("point"),
                text(
                    format!("step {n}: unknown point code `{code}`"),
                    format!("stap {n}: onbekende puntcode `{code}`"),
                ),
                Some(hint),
                text(format!("Step {n}: there is no point {code}."), format!("Stap {n}: er is geen punt {code}.")),
            );
        }
        Some(point) => match (point.laterality, step.side) {
            (Laterality::Midline, Some(side)) => problems.error(
                path("side"),
                text(
                    format!("step {n}: {code} is a midline point but has `side: {side:?}`"),
                    format!("stap {n}: {code} ligt op de middenlijn maar heeft `side: {side:?}`"),
                ),
                Some(text("remove `side` for midline points", "laat `side` weg bij punten op de middenlijn")),
                text(
                    format!("Step {n}: {code} lies on the midline and has no side."),
                    format!("Stap {n}: {code} ligt op de middenlijn en heeft geen kant."),
                ),
            ),
            (Laterality::Bilateral, None) => problems.error(
                vec![Field("steps"), Index(index)],
                text(
                    format!("step {n}: {code} is on both sides of the body but the step has no `side`"),
                    format!("stap {n}: {code} zit aan beide kanten van het lichaam maar de stap heeft geen `side`"),
                ),
                Some(text(
                    "add `side: Left`, `side: Right` or `side: Both`",
                    "voeg `side: Left`, `side: Right` of `side: Both` toe",
                )),
                text(
                    format!("Step {n}: choose the side (left, right or both)."),
                    format!("Stap {n}: kies de kant (links, rechts of beide)."),
                ),
            ),
            _ => {}
        },
    }
    if !(MIN_PRESS_SECS..=MAX_PRESS_SECS).contains(&step.press_secs) {
        let secs = step.press_secs;
        problems.error(
            path("press_secs"),
            text(
                format!("step {n}: `press_secs` is {secs}, outside {MIN_PRESS_SECS}..={MAX_PRESS_SECS}"),
                format!("stap {n}: `press_secs` is {secs}, buiten {MIN_PRESS_SECS}..={MAX_PRESS_SECS}"),
            ),
            Some(text(
                "press each point between 30 seconds and 2 minutes",
                "druk elk punt tussen 30 seconden en 2 minuten",
            )),
            text(
                format!("Step {n}: the press is {secs} s; it must be 30 to 120 s."),
                format!("Stap {n}: het drukken duurt {secs} s; dat moet 30 tot 120 s zijn."),
            ),
        );
    }
    if let Some(note) = &step.note {
        check_text(note, TextField::Note(n), &path("note"), problems);
        check_note_breathing(n, note, &path("note"), problems);
    }
}

/// Phrases that tell the person to hold their breath, in lowercase.
const BREATH_HOLD_PHRASES: [&str; 8] = [
    "hold your breath",
    "holding your breath",
    "breath hold",
    "hold for",
    "adem vast",
    "adem in vast",
    "vasthouden",
    "houd je adem",
];

/// Warns when a note tells the person to hold their breath: the gate replaces breath holds for
/// some people (light pressure, lung disease), and a note cannot follow; the `breathing` field can.
fn check_note_breathing(n: usize, note: &Text, path: &[PathSegment], problems: &mut Problems) {
    let speaks_of_holds = [&note.en, &note.nl].into_iter().any(|text| {
        let lower = text.to_lowercase();
        BREATH_HOLD_PHRASES.iter().any(|phrase| lower.contains(phrase))
    });
    if !speaks_of_holds {
        return;
    }
    problems.push(
        Severity::Warning,
        path.to_vec(),
        text(
            format!("step {n}: the note tells the person to hold their breath"),
            format!("stap {n}: de notitie zegt dat je je adem moet vasthouden"),
        ),
        Some(text(
            "the safety gate replaces breath holds for some people; set `breathing` on the step instead, the player shows it as adapted",
            "de veiligheidscheck vervangt adempauzes bij sommige mensen; zet `breathing` bij de stap, de speler toont die zoals aangepast",
        )),
        text(
            format!("Step {n}: the note speaks of holding the breath; choose the breathing for the step instead, the safety questions may change it."),
            format!("Stap {n}: de notitie heeft het over de adem vasthouden; kies liever de ademhaling voor de stap, de veiligheidsvragen kunnen die aanpassen."),
        ),
    );
}

/// Warns when a rest is too short to say which point comes next before its press starts.
fn check_announcements(routine: &Routine, problems: &mut Problems) {
    for lang in Lang::ALL {
        let shortfalls = announcement_shortfalls(routine, lang, &Recorded);
        let Some(needed) = shortfalls.iter().map(|(_, needed)| *needed).max() else { continue };
        let steps: Vec<String> = shortfalls.iter().map(|(step, _)| step.to_string()).collect();
        let steps = steps.join(", ");
        let (language_en, language_nl) = match lang {
            Lang::En => ("English", "het Engels"),
            Lang::Nl => ("Dutch", "het Nederlands"),
        };
        let needed_secs = needed.as_secs_f64().ceil() as u32;
        let rest = routine.rest_secs;
        let seconds = needed.as_secs_f64();
        problems.push(
            Severity::Warning,
            vec![Field("rest_secs")],
            text(
                format!("a rest of {rest} s is too short to say the next point in {language_en} before its press (step {steps})"),
                format!("een rust van {rest} s is te kort om het volgende punt in {language_nl} te noemen voor het drukken (stap {steps})"),
            ),
            Some(text(
                format!("make `rest_secs` at least {needed_secs}: the release and the point's name take {seconds:.1} s"),
                format!(
                    "maak `rest_secs` minstens {needed_secs}: het loslaten en de naam van het punt duren {} s",
                    crate::text::decimal(seconds, 1, Lang::Nl)
                ),
            )),
            text(
                format!("A rest of {rest} s is too short to name the next point in {language_en} (step {steps}): make it at least {needed_secs} s."),
                format!("Een rust van {rest} s is te kort om het volgende punt in {language_nl} te noemen (stap {steps}): maak haar minstens {needed_secs} s."),
            ),
        );
    }
}

/// The longest contact line (it is printed on one line of the handout).
const MAX_CONTACT_CHARS: usize = 120;

fn check_id(id: &str, problems: &mut Problems) {
    let valid = !id.is_empty()
        && id.len() <= super::MAX_ID_CHARS
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if !valid {
        problems.error(
            vec![Field("id")],
            text(format!("`id` \"{id}\" is not valid"), format!("`id` \"{id}\" is niet geldig")),
            Some(text(
                "use lowercase letters, digits and `-`, for example \"low-back-jan\"",
                "gebruik kleine letters, cijfers en `-`, bijvoorbeeld \"onderrug-jan\"",
            )),
            text(
                "The id may only hold lowercase letters, digits and dashes, for example \"low-back-jan\".",
                "Het id mag alleen kleine letters, cijfers en streepjes bevatten, bijvoorbeeld \"onderrug-jan\".",
            ),
        );
    }
}

/// Which text of a routine.
#[derive(Clone, Copy)]
enum TextField {
    Title,
    Description,
    BasedOn,
    /// An activity of the prescription (from 1).
    Activity(usize),
    /// The note of a step (from 1).
    Note(usize),
}

impl TextField {
    fn file_name(self) -> &'static str {
        match self {
            TextField::Title => "title",
            TextField::Description => "description",
            TextField::BasedOn => "based_on",
            TextField::Activity(_) => "activities",
            TextField::Note(_) => "note",
        }
    }

    fn plain(self) -> (String, String) {
        match self {
            TextField::Title => ("The title".into(), "De titel".into()),
            TextField::Description => ("The description".into(), "De beschrijving".into()),
            TextField::BasedOn => ("“Based on”".into(), "„Gebaseerd op”".into()),
            TextField::Activity(number) => (format!("Activity {number}"), format!("Activiteit {number}")),
            TextField::Note(step) => (format!("Step {step}: the note"), format!("Stap {step}: de notitie")),
        }
    }
}

fn check_text(value: &Text, field: TextField, path: &[PathSegment], problems: &mut Problems) {
    for lang in value.missing_langs() {
        let (code, en_language, nl_language) = match lang {
            Lang::En => ("en", "English", "Engelse"),
            Lang::Nl => ("nl", "Dutch", "Nederlandse"),
        };
        let name = field.file_name();
        let (plain_en, plain_nl) = field.plain();
        let (plain_language_en, plain_language_nl) = match lang {
            Lang::En => ("English", "Engels"),
            Lang::Nl => ("Dutch", "Nederlands"),
        };
        problems.error(
            path.to_vec(),
            text(format!("`{name}` has no {en_language} text"), format!("`{name}` heeft geen {nl_language} tekst")),
            Some(text(
                format!("fill in `{code}: \"…\"` in `{name}`; every text needs English (en) and Dutch (nl)"),
                format!("vul `{code}: \"…\"` in bij `{name}`; elke tekst heeft Engels (en) en Nederlands (nl) nodig"),
            )),
            text(
                format!("{plain_en} has no {plain_language_en} text yet."),
                format!("{plain_nl} heeft nog geen tekst in het {plain_language_nl}."),
            ),
        );
    }
}
