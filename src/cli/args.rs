//! Reading the command line in the person's language: `--help` and every usage error in Dutch
//! when the language is Dutch (`--lang nl`, or a Dutch system), as the rest of acupress is.
//! clap says its own words in English only, so for Dutch the help's texts and headings are
//! replaced, and usage errors are said from clap's facts (what was wrong, what is valid).

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, CommandFactory, FromArgMatches};

use super::{Cli, LangArg, lang_of};
use crate::text::Lang;

/// The Dutch texts of the help: (subcommand, or "" for acupress itself; argument id, or "" for
/// the command's own description; text).
const DUTCH_HELP: &[(&str, &str, &str)] = &[
    ("", "", "Begeleide, getimede acupressuur-zelfmassage."),
    ("", "file", "Een routinebestand om te importeren en te openen (start de app)."),
    ("", "minimised", "Start het venster geminimaliseerd (zoals bij het inloggen, zodat herinneringen komen)."),
    (
        "",
        "lang",
        "Taal van alles wat wordt gezegd en afgedrukt: en (Engels) of nl (Nederlands); standaard de taal van het systeem.",
    ),
    ("check", "", "Controleer routinebestanden: per probleem `bestand:regel:kolom: melding`."),
    ("check", "files", "Routinebestanden (.ron)."),
    ("list", "", "Toon wat er is meegeleverd."),
    (
        "list",
        "what",
        "Wat te tonen: routines (de meegeleverde routines), points (de punten van de catalogus), questions (de veiligheidsvragen en hun vervolgvragen) of complaints (de klachten, met hun routines en punten).",
    ),
    (
        "list",
        "long",
        "Alles over elk punt: namen, waar het te zien is, hoe je het vindt, waarvoor het traditioneel wordt gebruikt en waar je op moet letten.",
    ),
    ("history", "", "Toon de geschiedenis van je sessies."),
    (
        "history",
        "csv",
        "Als CSV (een kopregel, een regel per sessie, tijden in ISO 8601), voor een spreadsheet of de fysiotherapeut.",
    ),
    ("plan", "", "Stel de veiligheidsvragen en toon het verloop van de sessie, zonder die te starten."),
    ("plan", "routine", "De id van een meegeleverde routine (zie `acupress list routines`) of een routinebestand."),
    ("plan", "yes", "Een vraag met het antwoord ja (herhaalbaar); elke andere ja/nee-vraag telt als nee."),
    (
        "plan",
        "points",
        "Gekozen punten bij een puntenvraag, bijvoorbeeld `skin_points=LI4,GB20` (herhaalbaar). Een weggelaten puntenvraag telt als alle punten van de routine (het voorzichtige antwoord).",
    ),
    (
        "plan",
        "sound",
        "Toon elk geluid zoals het zal klinken in plaats van de momenten: `uiterlijk begin einde soort naam`, in seconden vanaf de start van de sessie.",
    ),
    (
        "handout",
        "",
        "Schrijf de handout van een routine (A4-pdf): elke stap met afbeelding, hoe je het punt vindt, kanten, tijd, druk, ademhaling en notitie; de stopregels, de waarschuwingen en het voorschrift.",
    ),
    ("handout", "routine", "De id van een meegeleverde routine of van een eigen routine, of een routinebestand."),
    (
        "handout",
        "yes",
        "Druk haar af zoals aangepast voor één persoon: een vraag met het antwoord ja (herhaalbaar; zoals bij `plan`).",
    ),
    ("handout", "points", "Gekozen punten bij een puntenvraag, zoals bij `plan` (herhaalbaar)."),
    (
        "handout",
        "output",
        "Waar de pdf komt: een nieuw bestand, of over een eerder gemaakte pdf (`-` voor de standaarduitvoer); al het andere wordt geweigerd.",
    ),
    (
        "report",
        "",
        "Schrijf het voortgangsverslag (A4-pdf): per programma de weken tegen het voorschrift, de activiteiten, pijn voor en na, en elke sessie.",
    ),
    ("report", "from", "Eerste dag, als JJJJ-MM-DD."),
    ("report", "to", "Laatste dag, als JJJJ-MM-DD (standaard: vandaag)."),
    (
        "report",
        "output",
        "Waar de pdf komt: een nieuw bestand, of over een eerder gemaakte pdf (`-` voor de standaarduitvoer); al het andere wordt geweigerd.",
    ),
];

/// The Dutch placeholders for the values arguments take.
const DUTCH_VALUE_NAMES: &[(&str, &str)] = &[
    ("file", "BESTAND"),
    ("files", "BESTANDEN"),
    ("what", "WAT"),
    ("lang", "TAAL"),
    ("yes", "VRAAG_ID"),
    ("points", "VRAAG_ID=CODES"),
    ("output", "BESTAND.pdf"),
    ("from", "DATUM"),
    ("to", "DATUM"),
];

/// The words clap puts in a usage line itself, in Dutch.
fn dutch_usage_words(text: &str) -> String {
    text.replace("[OPTIONS]", "[OPTIES]").replace("[COMMAND]", "[OPDRACHT]")
}

/// The language asked for on the command line before it is parsed (`--lang nl`, `--lang=nl`),
/// else the system's: the help and usage errors are said in it.
fn lang_in_args(args: &[std::ffi::OsString]) -> Lang {
    let mut asked = None;
    let mut words = args.iter().filter_map(|arg| arg.to_str());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("nl") => asked = Some(LangArg::Nl),
            Some("en") => asked = Some(LangArg::En),
            _ => {}
        }
    }
    lang_of(asked)
}

/// The command line's grammar with its words in `lang`.
fn command_in(lang: Lang) -> clap::Command {
    let command = Cli::command();
    if lang == Lang::En {
        return command;
    }
    let template = "{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}";
    let dutch = |command: clap::Command, name: &str| {
        let mut command = command
            .help_template(template)
            .subcommand_help_heading("Opdrachten")
            .disable_help_flag(true)
            .arg(clap::Arg::new("help").short('h').long("help").action(ArgAction::Help).help("Toon deze hulp."));
        for (_, id, text) in DUTCH_HELP.iter().filter(|(command, _, _)| *command == name) {
            if id.is_empty() {
                command = command.about(*text);
            } else {
                command = command.mut_arg(*id, |arg| arg.help(*text));
            }
        }
        command.mut_args(|arg| {
            let heading = if arg.is_positional() { "Argumenten" } else { "Opties" };
            let id = arg.get_id().as_str().to_owned();
            let mut arg = arg.help_heading(heading);
            if let Some((_, name)) = DUTCH_VALUE_NAMES.iter().find(|(arg_id, _)| *arg_id == id) {
                arg = arg.value_name(*name);
            }
            // The values are named in the Dutch help text (clap would list them in English).
            if matches!(id.as_str(), "lang" | "what") {
                arg = arg.hide_possible_values(true);
            }
            arg
        })
    };
    let mut command = dutch(command, "").disable_version_flag(true).disable_help_subcommand(true).arg(
        clap::Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Toon de versie.")
            .help_heading("Opties"),
    );
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| dutch(sub, &name));
    }
    command
}

/// Parses the command line; help and version are printed (exit 0) and usage errors said in the
/// person's language (exit 2) here.
pub fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    parse_from(&args)
}

fn parse_from(args: &[std::ffi::OsString]) -> Result<Cli, ExitCode> {
    let lang = lang_in_args(args);
    let mut command = command_in(lang);
    let result = command.try_get_matches_from_mut(args).and_then(|matches| Cli::from_arg_matches(&matches));
    result.map_err(|err| {
        let code = ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        if lang == Lang::En || err.kind() == ErrorKind::DisplayVersion {
            // Help and version go to standard output; clap's English errors to standard error.
            let _ = err.print();
        } else if err.kind() == ErrorKind::DisplayHelp {
            let help = dutch_usage_words(&err.render().to_string());
            let _ = writeln!(std::io::stdout(), "{}", help.trim_end());
        } else {
            // The usage of the subcommand asked for, if one was.
            let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
            let asked =
                args.iter().skip(1).filter_map(|arg| arg.to_str()).find(|arg| names.iter().any(|name| name == arg));
            let usage_of = match asked.and_then(|name| command.find_subcommand_mut(name)) {
                Some(sub) => sub,
                None => &mut command,
            };
            let _ = writeln!(std::io::stderr(), "{}", dutch_error(&err, usage_of));
        }
        code
    })
}

/// A usage error in Dutch, from what clap found: what was wrong, what would be valid, the usage.
fn dutch_error(err: &clap::Error, command: &mut clap::Command) -> String {
    let text = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::String(value)) => value.clone(),
        Some(ContextValue::Strings(values)) => values.join(", "),
        Some(ContextValue::StyledStr(value)) => value.to_string(),
        Some(ContextValue::StyledStrs(values)) => values.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
        Some(ContextValue::Number(number)) => number.to_string(),
        _ => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let mut message = match err.kind() {
        ErrorKind::UnknownArgument => format!("onbekende optie '{arg}'"),
        ErrorKind::InvalidSubcommand => format!("onbekende opdracht '{}'", text(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue => {
            let value = text(ContextKind::InvalidValue);
            if value.is_empty() {
                format!("'{arg}' heeft een waarde nodig")
            } else {
                format!("ongeldige waarde '{value}' voor '{arg}'")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("dit ontbreekt: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "welke opdracht? Kies er een uit de lijst hieronder".to_owned()
        }
        ErrorKind::ArgumentConflict => format!("'{arg}' kan niet samen met '{}'", text(ContextKind::PriorArg)),
        ErrorKind::NoEquals => format!("'{arg}' heeft een = nodig, bijvoorbeeld {arg}=WAARDE"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("te veel of te weinig waarden voor '{arg}'")
        }
        ErrorKind::InvalidUtf8 => "een argument is geen geldige tekst (UTF-8)".to_owned(),
        _ => "deze opdracht klopt niet".to_owned(),
    };
    let valid = text(ContextKind::ValidValue);
    if !valid.is_empty() {
        let _ = write!(message, "; mogelijk: {valid}");
    }
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
        .into_iter()
        .map(text)
        .find(|suggestion| !suggestion.is_empty());
    if let Some(suggested) = suggested {
        let _ = write!(message, " (bedoel je '{suggested}'?)");
    }
    let usage = dutch_usage_words(&command.render_usage().to_string());
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    format!("fout: {message}\n\nGebruik: {usage}\n\nMeer hulp: acupress --help")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<std::ffi::OsString> {
        std::iter::once("acupress").chain(words.iter().copied()).map(Into::into).collect()
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        assert_eq!(lang_in_args(&args(&["list", "points", "--lang", "nl"])), Lang::Nl);
        assert_eq!(lang_in_args(&args(&["--lang=nl", "list", "points"])), Lang::Nl);
        assert_eq!(lang_in_args(&args(&["--lang=en", "list", "points"])), Lang::En);
    }

    #[test]
    fn the_dutch_help_has_no_english_words_of_clap() {
        let mut command = command_in(Lang::Nl);
        let help = dutch_usage_words(&command.render_help().to_string());
        for english in [
            "Usage",
            "Options",
            "Commands",
            "Print help",
            "Print version",
            "Arguments",
            "OPTIONS",
            "Possible",
            "English",
        ] {
            assert!(!help.contains(english), "{english} in {help}");
        }
        assert!(help.contains("Gebruik:") && help.contains("Opdrachten") && help.contains("Toon deze hulp."), "{help}");
        for name in ["check", "list", "history", "plan", "handout", "report"] {
            let help = dutch_usage_words(&command.find_subcommand_mut(name).unwrap().render_help().to_string());
            for english in ["Usage", "Options", "Print help", "Arguments", "OPTIONS", "Possible", "English", "FILE"] {
                assert!(!help.contains(english), "{name}: {english} in {help}");
            }
            // Every argument has its Dutch text.
            for arg in command.find_subcommand(name).unwrap().get_arguments() {
                let id = arg.get_id().as_str();
                let known = DUTCH_HELP.iter().any(|(command, arg_id, _)| {
                    (*command == name || (command.is_empty() && id == "lang")) && *arg_id == id
                });
                assert!(known || id == "help", "{name} --{id} has no Dutch help");
            }
        }
    }
}
