//! What the command line says, in English and Dutch: its own messages, and the store's and the
//! documents' errors in the person's language (the store's `Display` is English, for logs).

use std::io;
use std::path::Path;

use crate::store::{FileProblem, OutputRefused, ReadError, ReadOnlyError, StoreError};
use crate::text::{Lang, Text};
use crate::texts::with;

/// The command line's own words. Placeholders in `{braces}` are filled with
/// [`crate::texts::fill`].
pub(super) struct CliWords {
    /// `check`: "{file}: ok: {title} ({id}), {steps}, {time}".
    pub(super) check_ok: with::FileTitleIdStepsTime,
    pub(super) step_one: with::Count,
    pub(super) steps: with::Count,
    pub(super) point_one: with::Count,
    pub(super) points: with::Count,
    pub(super) from: &'static str,
    pub(super) both_sides: &'static str,
    pub(super) midline: &'static str,
    pub(super) emergency_yes_no: &'static str,
    pub(super) yes_no: &'static str,
    pub(super) follow_up_yes_no: with::Parent,
    pub(super) follow_up_points: with::Parent,
    /// `list points --long`: the labels.
    pub(super) pinyin: &'static str,
    pub(super) drawn_on: &'static str,
    pub(super) how_to_find: &'static str,
    pub(super) take_care: &'static str,
    pub(super) not_in_pregnancy: &'static str,
    pub(super) pain: &'static str,
    /// `list complaints`: "routines: …", "points: …".
    pub(super) complaint_routines: &'static str,
    pub(super) complaint_points: &'static str,
    pub(super) no_routine: with::RoutineIds,
    pub(super) not_a_date: with::NameText,
    pub(super) from_after_to: with::FromTo,
    pub(super) answered_twice: with::Id,
    pub(super) unknown_yes_no: with::IdValid,
    pub(super) points_form: with::Entry,
    pub(super) unknown_point_question: with::IdValid,
    pub(super) not_in_routine: with::CodeIdValid,
    pub(super) not_a_point_code: with::CodeIdValid,
    pub(super) follow_up_needs: with::QuestionParent,
    pub(super) settings_warning: with::Error,
    pub(super) catalogue_damaged: &'static str,
    pub(super) cannot_write_output: &'static str,
    pub(super) cannot_write_document: &'static str,
    pub(super) not_written: &'static str,
}

const EN: CliWords = CliWords {
    check_ok: with::FileTitleIdStepsTime::new("{file}: ok: {title} ({id}), {steps}, {time}"),
    step_one: with::Count::new("{count} step"),
    steps: with::Count::new("{count} steps"),
    point_one: with::Count::new("{count} point"),
    points: with::Count::new("{count} points"),
    from: "from",
    both_sides: "both sides",
    midline: "midline",
    emergency_yes_no: "emergency, yes/no",
    yes_no: "yes/no",
    follow_up_yes_no: with::Parent::new("follow-up of {parent}, yes/no"),
    follow_up_points: with::Parent::new("follow-up of {parent}, choose points"),
    pinyin: "Pinyin",
    drawn_on: "Shown on",
    how_to_find: "How to find it",
    take_care: "Take care",
    not_in_pregnancy: "Leave it out in pregnancy.",
    pain: "pain",
    complaint_routines: "routines",
    complaint_points: "points",
    no_routine: with::RoutineIds::new("{routine}: no bundled routine with this id and no such file (bundled: {ids})"),
    not_a_date: with::NameText::new("--{name} {text}: not a date; write it as YYYY-MM-DD, for example 2026-11-21"),
    from_after_to: with::FromTo::new("--from {from} is after --to {to}"),
    answered_twice: with::Id::new("`{id}` is answered twice; give each question once"),
    unknown_yes_no: with::IdValid::new(
        "unknown yes/no question `{id}`; valid: {valid} (see `acupress list questions`)",
    ),
    points_form: with::Entry::new(
        "`--points {entry}` needs the form QUESTION_ID=CODES, for example skin_points=LI4,GB20",
    ),
    unknown_point_question: with::IdValid::new("unknown point question `{id}`; valid: {valid}"),
    not_in_routine: with::CodeIdValid::new(
        "`{code}` in `--points {id}` is not in this routine; this routine's points: {valid}",
    ),
    not_a_point_code: with::CodeIdValid::new(
        "`{code}` in `--points {id}` is not a point code; this routine's points: {valid}",
    ),
    follow_up_needs: with::QuestionParent::new("`{question}` is a follow-up of `{parent}`: add `--yes {parent}`"),
    settings_warning: with::Error::new("warning: {error}; going on without the programs in it"),
    catalogue_damaged: "the bundled point catalogue is damaged",
    cannot_write_output: "cannot write the output",
    cannot_write_document: "cannot write the document to standard output",
    not_written: "not written",
};

const NL: CliWords = CliWords {
    check_ok: with::FileTitleIdStepsTime::new("{file}: in orde: {title} ({id}), {steps}, {time}"),
    step_one: with::Count::new("{count} stap"),
    steps: with::Count::new("{count} stappen"),
    point_one: with::Count::new("{count} punt"),
    points: with::Count::new("{count} punten"),
    from: "van",
    both_sides: "beide kanten",
    midline: "middenlijn",
    emergency_yes_no: "noodgeval, ja/nee",
    yes_no: "ja/nee",
    follow_up_yes_no: with::Parent::new("vervolg op {parent}, ja/nee"),
    follow_up_points: with::Parent::new("vervolg op {parent}, punten kiezen"),
    pinyin: "Pinyin",
    drawn_on: "Te zien op",
    how_to_find: "Zo vind je het",
    take_care: "Let op",
    not_in_pregnancy: "Laat het weg bij zwangerschap.",
    pain: "pijn",
    complaint_routines: "routines",
    complaint_points: "punten",
    no_routine: with::RoutineIds::new(
        "{routine}: geen meegeleverde routine met deze id en geen bestand met deze naam (meegeleverd: {ids})",
    ),
    not_a_date: with::NameText::new("--{name} {text}: geen datum; schrijf die als JJJJ-MM-DD, bijvoorbeeld 2026-11-21"),
    from_after_to: with::FromTo::new("--from {from} ligt na --to {to}"),
    answered_twice: with::Id::new("`{id}` is twee keer beantwoord; geef elke vraag één keer"),
    unknown_yes_no: with::IdValid::new(
        "onbekende ja/nee-vraag `{id}`; geldig: {valid} (zie `acupress list questions`)",
    ),
    points_form: with::Entry::new(
        "`--points {entry}` moet de vorm VRAAG_ID=CODES hebben, bijvoorbeeld skin_points=LI4,GB20",
    ),
    unknown_point_question: with::IdValid::new("onbekende puntenvraag `{id}`; geldig: {valid}"),
    not_in_routine: with::CodeIdValid::new(
        "`{code}` in `--points {id}` zit niet in deze routine; de punten van deze routine: {valid}",
    ),
    not_a_point_code: with::CodeIdValid::new(
        "`{code}` in `--points {id}` is geen puntcode; de punten van deze routine: {valid}",
    ),
    follow_up_needs: with::QuestionParent::new(
        "`{question}` is een vervolgvraag op `{parent}`: voeg `--yes {parent}` toe",
    ),
    settings_warning: with::Error::new("waarschuwing: {error}; verder zonder de programma's daarin"),
    catalogue_damaged: "de meegeleverde puntencatalogus is beschadigd",
    cannot_write_output: "de uitvoer kan niet worden geschreven",
    cannot_write_document: "het document kan niet naar de standaarduitvoer worden geschreven",
    not_written: "niet geschreven",
};

/// The command line's words in `lang`.
pub(super) fn words(lang: Lang) -> &'static CliWords {
    match lang {
        Lang::En => &EN,
        Lang::Nl => &NL,
    }
}

/// "1 step", "3 stappen".
pub(super) fn count(count: usize, one: with::Count, many: with::Count) -> String {
    (if count == 1 { one } else { many }).fill(&count.to_string())
}

/// A message the command line adds to an error (as anyhow context), said in both languages so
/// the edge can say it in the person's.
#[derive(Debug)]
pub struct Said(pub Text);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.en)
    }
}

impl std::error::Error for Said {}

/// Context in both languages, from a field of [`CliWords`].
pub(super) fn said(pick: fn(&CliWords) -> &'static str) -> Said {
    Said(Text::new(pick(&EN), pick(&NL)))
}

/// An error in `lang`: each link of the chain the command line knows is said in that language
/// (the store's and the documents' errors, the command line's own context); what it does not
/// know (a defect) is said as it is.
pub fn error_text(err: &anyhow::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return format!("{err:#}");
    }
    let parts: Vec<String> = err.chain().map(|cause| cause_text(cause, lang)).collect();
    parts.join(": ")
}

fn cause_text(cause: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    if let Some(said) = cause.downcast_ref::<Said>() {
        return said.0.get(lang).to_owned();
    }
    if let Some(err) = cause.downcast_ref::<StoreError>() {
        return store_error(err, lang);
    }
    if let Some(err) = cause.downcast_ref::<ReadError>() {
        return read_error(err, lang);
    }
    if let Some(err) = cause.downcast_ref::<ReadOnlyError>() {
        return match err {
            ReadOnlyError::Read(read) => read_error(read, lang),
            ReadOnlyError::Unusable { path, problem } => format!("{}: {}", path.display(), file_problem(problem, lang)),
        };
    }
    if let Some(err) = cause.downcast_ref::<OutputRefused>() {
        return output_refused(err, lang);
    }
    if let Some(err) = cause.downcast_ref::<io::Error>() {
        return reason(err, lang);
    }
    cause.to_string()
}

/// The operating system's reason in plain words, in `lang`.
pub(super) fn reason(err: &io::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return crate::store::plain_reason(err);
    }
    match err.kind() {
        io::ErrorKind::PermissionDenied => "geen toestemming".to_owned(),
        io::ErrorKind::NotFound => "bestand of map bestaat niet".to_owned(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "de schijf is vol".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "de schijf is alleen-lezen".to_owned(),
        io::ErrorKind::IsADirectory => "het is een map".to_owned(),
        io::ErrorKind::NotADirectory => "een deel van het pad is geen map".to_owned(),
        _ => format!("het systeem weigerde ({})", crate::store::plain_reason(err)),
    }
}

fn shown(path: &Path) -> std::path::Display<'_> {
    path.display()
}

/// A store error in `lang`.
pub(super) fn store_error(err: &StoreError, lang: Lang) -> String {
    if lang == Lang::En {
        return err.to_string();
    }
    match err {
        StoreError::Io { path, cause } => format!("{}: {}", shown(path), reason(cause, lang)),
        StoreError::NotAFile(path) => {
            format!("{}: geen bestand (een map, apparaat of pipe), dus acupress schrijft daar niet", shown(path))
        }
        StoreError::ReadOnlyFile(path) => {
            format!("{}: het bestand is alleen-lezen, dus acupress vervangt het niet", shown(path))
        }
        StoreError::NoHome => {
            "er is geen map voor instellingen en geschiedenis gevonden (is HOME ingesteld?)".to_owned()
        }
        StoreError::ReadOnly => "acupress is al open; dit venster kan je gegevens alleen lezen".to_owned(),
        StoreError::Protected(path) => format!(
            "{}: niet bewaard, omdat het bestand bij het starten van acupress niet kon worden gelezen",
            shown(path)
        ),
    }
}

/// A read error in `lang`.
pub(super) fn read_error(err: &ReadError, lang: Lang) -> String {
    if lang == Lang::En {
        return err.to_string();
    }
    match err {
        ReadError::Io { path, cause } => {
            format!("{}: het bestand kan niet worden gelezen: {}", shown(path), reason(cause, lang))
        }
        ReadError::NotRegular { path } => {
            format!("{}: geen gewoon bestand (een map, pipe of apparaat); acupress leest alleen bestanden", shown(path))
        }
    }
}

fn file_problem(problem: &FileProblem, lang: Lang) -> String {
    match (problem, lang) {
        (FileProblem::Newer, Lang::Nl) => {
            "geschreven door een nieuwere acupress; werk acupress bij om het te lezen".to_owned()
        }
        (FileProblem::Damaged { detail }, Lang::Nl) => {
            format!("beschadigd ({detail}); de app legt het apart als die opent")
        }
        (FileProblem::NotRegular, Lang::Nl) => "geen gewoon bestand".to_owned(),
        (FileProblem::Unreadable { kind, .. }, Lang::Nl) => reason(&io::Error::from(*kind), lang),
        (FileProblem::NameMismatch { id } | FileProblem::DuplicateId { id }, Lang::Nl) => format!("bevat \"{id}\""),
        (_, Lang::En) => crate::store::describe_problem(problem),
    }
}

/// Why a document is not written where `-o` says, in `lang`.
pub(super) fn output_refused(err: &OutputRefused, lang: Lang) -> String {
    if lang == Lang::En {
        return err.to_string();
    }
    match err {
        OutputRefused::IsTheInput(path) => {
            format!("{}: dit is de routine die wordt afgedrukt; schrijf de pdf naar een andere naam", shown(path))
        }
        OutputRefused::NotAPdf(path) => format!(
            "{}: het bestand bestaat en is geen pdf, dus acupress schrijft er niet overheen (kies een andere naam, of haal dat bestand eerst weg)",
            shown(path)
        ),
        OutputRefused::Folder(path) => {
            format!("{}: dit is een map; geef de naam van de pdf die moet worden geschreven", shown(path))
        }
        OutputRefused::NotAFile { path, kind } => {
            let kind = match *kind {
                "pipe" => "pipe",
                "socket" => "socket",
                _ => "apparaat",
            };
            format!(
                "{}: dit is een {kind}, geen bestand; acupress schrijft een pdf alleen naar een nieuw bestand of over een pdf (voor de standaarduitvoer: -o -)",
                shown(path)
            )
        }
        OutputRefused::Unreadable { path, cause } => {
            format!("{}: kan niet worden nagekeken: {}", shown(path), reason(cause, lang))
        }
    }
}
