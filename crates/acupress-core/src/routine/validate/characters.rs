//! The character rule: every text a person reads must be drawable with the fonts acupress ships.

use super::{PathSegment, Problem, Problems, Routine, Text, text};
use PathSegment::{Field, Index};

/// One text of a routine a person reads: where it is in the file, what it says, and its name in
/// plain words (English, Dutch).
struct RoutineText {
    path: Vec<PathSegment>,
    value: String,
    name: (String, String),
}

/// Every text of a routine a person reads or that is printed.
fn routine_texts(routine: &Routine) -> Vec<RoutineText> {
    let mut texts = Vec::new();
    let mut both = |path: Vec<PathSegment>, value: &Text, (en, nl): (String, String)| {
        for (code, text, en_lang, nl_lang) in
            [("en", &value.en, "English", "Engels"), ("nl", &value.nl, "Dutch", "Nederlands")]
        {
            let mut path = path.clone();
            path.push(Field(code));
            texts.push(RoutineText {
                path,
                value: text.clone(),
                name: (format!("{en} ({en_lang})"), format!("{nl} ({nl_lang})")),
            });
        }
    };
    both(vec![Field("title")], &routine.title, ("The title".into(), "De titel".into()));
    both(vec![Field("description")], &routine.description, ("The description".into(), "De beschrijving".into()));
    if let Some(based_on) = &routine.based_on {
        both(vec![Field("based_on")], based_on, ("“Based on”".into(), "„Gebaseerd op”".into()));
    }
    if let Some(prescription) = &routine.prescription {
        for (index, activity) in prescription.activities.iter().enumerate() {
            let number = index + 1;
            both(
                vec![Field("prescription"), Field("activities"), Index(index)],
                activity,
                (format!("Activity {number}"), format!("Activiteit {number}")),
            );
        }
    }
    for (index, step) in routine.steps.iter().enumerate() {
        if let Some(note) = &step.note {
            let number = index + 1;
            both(
                vec![Field("steps"), Index(index), Field("note")],
                note,
                (format!("Step {number}: the note"), format!("Stap {number}: de notitie")),
            );
        }
    }
    texts.push(RoutineText {
        path: vec![Field("author")],
        value: routine.author.clone(),
        name: ("The author".into(), "De auteur".into()),
    });
    if let Some(contact) = &routine.contact {
        texts.push(RoutineText {
            path: vec![Field("contact")],
            value: contact.clone(),
            name: ("The contact line".into(), "De contactregel".into()),
        });
    }
    texts
}

/// The characters acupress cannot show on screen or print (no glyph in the fonts it ships, as
/// `drawable` says; the shell knows the fonts): one error per text, at its first such character
/// ([`Problem::character`] holds it, so the position can point at it).
pub fn check_characters(routine: &Routine, drawable: &dyn Fn(char) -> bool) -> Vec<Problem> {
    let mut problems = Problems::default();
    for item in routine_texts(routine) {
        let Some(bad) = item.value.chars().find(|c| !c.is_whitespace() && !drawable(*c)) else { continue };
        let code = format!("U+{:04X}", u32::from(bad));
        let (name_en, name_nl) = &item.name;
        problems.error(
            item.path.clone(),
            text(
                format!("{name_en} has the character {bad} ({code}), which acupress cannot show or print"),
                format!("{name_nl} bevat het teken {bad} ({code}), dat acupress niet kan tonen of afdrukken"),
            ),
            Some(text(
                "write it with letters, digits and the usual punctuation (no emoji or other scripts)",
                "schrijf het met letters, cijfers en gewone leestekens (geen emoji of ander schrift)",
            )),
            text(
                format!("{name_en} has a character acupress cannot show or print: {bad}. Leave it out."),
                format!("{name_nl} bevat een teken dat acupress niet kan tonen of afdrukken: {bad}. Laat het weg."),
            ),
        );
        if let Some(last) = problems.0.last_mut() {
            last.character = Some(bad);
        }
    }
    problems.0
}
