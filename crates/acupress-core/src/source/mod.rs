//! Reading user-editable RON files: size and encoding checks, positions, and clear messages.
//!
//! Shared by the catalogue and routine loaders. Turns raw bytes into text, turns ron's errors
//! into `line:column: message (hint)` diagnostics, and finds the position of a value by its
//! path (`steps[2].press_secs`) so that checks made after parsing still point at the right
//! place. It never touches the filesystem: callers hand it bytes.

use std::fmt;

use ron::extensions::Extensions;

use crate::text::{Lang, Text};

mod locate;

use locate::multi_line_text_before;
pub use locate::{Locator, PathSegment, locate, positions_of_offsets};

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// A 1-based line and column (in characters) in a source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Position {
    /// The start of a file.
    pub const START: Position = Position { line: 1, column: 1 };
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The file is rejected.
    Error,
    /// The file is accepted, but something deserves a second look.
    Warning,
}

/// One problem found in a source file, with its position and an optional hint, in English
/// (the command line's language, like a compiler's) and Dutch (for the Dutch screens).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub position: Position,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence without a trailing period.
    pub message: Text,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<Text>,
}

impl Diagnostic {
    /// An error at `position`.
    pub fn error(position: Position, message: impl Into<Text>) -> Self {
        Self { position, severity: Severity::Error, message: message.into(), hint: None }
    }

    /// A warning at `position`.
    pub fn warning(position: Position, message: impl Into<Text>) -> Self {
        Self { position, severity: Severity::Warning, message: message.into(), hint: None }
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a hint when there is one.
    #[must_use]
    pub fn with_optional_hint(mut self, hint: Option<Text>) -> Self {
        self.hint = hint;
        self
    }

    /// Formats as `file:line:column: message (hint: …)`, the form editors understand.
    pub fn display_with_file<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        Shown { file: Some(file), diagnostic: self, lang: Lang::En }
    }

    /// Formats as `line:column: message (hint: …)` in `lang`.
    pub fn display_in(&self, lang: Lang) -> impl fmt::Display + '_ {
        Shown { file: None, diagnostic: self, lang }
    }

    /// Formats as `file:line:column: message (hint: …)` in `lang`.
    pub fn display_with_file_in<'a>(&'a self, file: &'a str, lang: Lang) -> impl fmt::Display + 'a {
        Shown { file: Some(file), diagnostic: self, lang }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.display_in(Lang::En))
    }
}

struct Shown<'a> {
    file: Option<&'a str>,
    diagnostic: &'a Diagnostic,
    lang: Lang,
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let diagnostic = self.diagnostic;
        if let Some(file) = self.file {
            write!(f, "{file}:")?;
        }
        let (warning, hint_word) = match self.lang {
            Lang::En => ("warning", "hint"),
            Lang::Nl => ("let op", "tip"),
        };
        if diagnostic.severity == Severity::Warning {
            write!(f, "{}: {warning}: {}", diagnostic.position, diagnostic.message.get(self.lang))?;
        } else {
            write!(f, "{}: {}", diagnostic.position, diagnostic.message.get(self.lang))?;
        }
        if let Some(hint) = &diagnostic.hint {
            write!(f, " ({hint_word}: {})", hint.get(self.lang))?;
        }
        Ok(())
    }
}

/// Checks size and encoding and returns the text without a byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            Position::START,
            Text::new(
                format!("the file is {} bytes, larger than the 1 MiB limit", bytes.len()),
                format!("het bestand is {} bytes, groter dan de grens van 1 MiB", bytes.len()),
            ),
        )
        .with_hint(Text::new(
            "a routine is a few kilobytes; is this the right file?",
            "een routine is een paar kilobytes; is dit het goede bestand?",
        )));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            // The valid prefix is UTF-8 by definition.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            return Err(Diagnostic::error(
                position_at_end_of(prefix),
                Text::new("the file is not valid UTF-8 text", "het bestand is geen geldige UTF-8-tekst"),
            )
            .with_hint(Text::new(
                "save the file as UTF-8 in your editor",
                "sla het bestand op als UTF-8 in je teksteditor",
            )));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Position::START, Text::new("the file is empty", "het bestand is leeg"))
            .with_hint(Text::new(
                "see routines/README.md for a complete example",
                "zie routines/README.md voor een volledig voorbeeld",
            )));
    }
    Ok(with_line_feeds(text))
}

/// The text with old Mac line ends (a carriage return not followed by a line feed) read as line
/// feeds, so lines and columns count as the person's editor shows them. The same number of
/// bytes: every offset stays where it was. Windows line ends (CR LF) are left as they are.
fn with_line_feeds(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |at: usize| bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut fixed = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            fixed.push('\n');
        } else {
            fixed.push(c);
        }
    }
    std::borrow::Cow::Owned(fixed)
}

/// The ron options every acupress file is read with: `Some(...)` may be left out.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// The position just after `text`.
pub fn position_at_end_of(text: &str) -> Position {
    let line = 1 + text.matches('\n').count();
    let last_line = text.rsplit('\n').next().unwrap_or("");
    Position { line, column: 1 + last_line.trim_end_matches('\r').chars().count() }
}

/// The position of the byte offset `offset` in `text`.
pub fn position_of_offset(text: &str, offset: usize) -> Position {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    position_at_end_of(&text[..end])
}

/// Turns a ron parse error into a diagnostic with a plain message and, where possible, a hint.
pub fn diagnostic_from_ron(err: &ron::error::SpannedError) -> Diagnostic {
    let position = Position { line: err.span.start.line.max(1), column: err.span.start.col.max(1) };
    let (message, hint) = field_error(&err.code).unwrap_or_else(|| syntax_error(&err.code));
    Diagnostic::error(position, message).with_optional_hint(hint)
}

/// A field or value the routine format does not have, or lacks: said with the field's name and
/// where it is in words (never a type name).
fn field_error(code: &ron::error::Error) -> Option<(Text, Option<Text>)> {
    use ron::error::Error as E;
    let both = |en: String, nl: String| Text::new(en, nl);
    let where_en = |outer: &Option<String>| in_outer_words(outer.as_deref(), Lang::En);
    let where_nl = |outer: &Option<String>| in_outer_words(outer.as_deref(), Lang::Nl);
    Some(match code {
        E::NoSuchStructField { expected, found, outer } => (
            both(
                format!("unknown field `{found}`{}", where_en(outer)),
                format!("onbekend veld `{found}`{}", where_nl(outer)),
            ),
            Some(suggestion(found, expected, ("allowed fields", "toegestane velden"))),
        ),
        // A text without one of its languages.
        E::MissingStructField { field, outer }
            if outer.as_deref() == Some("Text") && matches!(&**field, "en" | "nl") =>
        {
            let (en_language, nl_language) =
                if *field == "en" { ("English", "Engelse") } else { ("Dutch", "Nederlandse") };
            (
                both(
                    format!("the {en_language} text (`{field}`) is missing"),
                    format!("de {nl_language} tekst (`{field}`) ontbreekt"),
                ),
                Some(both(
                    format!("every text needs both languages: add `{field}: \"…\"` inside the brackets"),
                    format!("elke tekst heeft beide talen nodig: voeg `{field}: \"…\"` toe tussen de haakjes"),
                )),
            )
        }
        E::MissingStructField { field, outer } => (
            both(
                format!("missing field `{field}`{}", where_en(outer)),
                format!("het veld `{field}` ontbreekt{}", where_nl(outer)),
            ),
            Some(both(
                format!("add `{field}: …` (see routines/README.md)"),
                format!("voeg `{field}: …` toe (zie routines/README.md)"),
            )),
        ),
        E::DuplicateStructField { field, outer } => (
            both(
                format!("field `{field}` is given twice{}", where_en(outer)),
                format!("het veld `{field}` staat er twee keer{}", where_nl(outer)),
            ),
            Some(Text::new("keep one of them", "laat er één staan")),
        ),
        E::NoSuchEnumVariant { expected, found, outer } => (
            both(
                format!("unknown value `{found}`{}", where_en(outer)),
                format!("onbekende waarde `{found}`{}", where_nl(outer)),
            ),
            Some(suggestion(found, expected, ("expected one of", "verwacht een van"))),
        ),
        E::ExpectedDifferentStructName { expected, found } => (
            both(
                format!("expected `{expected}(…)`, found `{found}(…)`"),
                format!("verwacht `{expected}(…)`, gevonden `{found}(…)`"),
            ),
            Some(both(
                format!("write `{expected}(` here or leave the name out"),
                format!("schrijf hier `{expected}(` of laat de naam weg"),
            )),
        ),
        _ => return None,
    })
}

/// A mistake in the file's punctuation or numbers.
fn syntax_error(code: &ron::error::Error) -> (Text, Option<Text>) {
    use ron::error::Error as E;
    match code {
        E::Eof => (
            Text::new("the file ends in the middle of a value", "het bestand houdt midden in een waarde op"),
            Some(Text::new(
                "check that every `(`, `[` and `\"` is closed",
                "kijk of elke `(`, `[` en `\"` gesloten is",
            )),
        ),
        E::ExpectedComma => (
            Text::new("expected a comma", "hier hoort een komma"),
            Some(Text::new("separate fields and list items with `,`", "scheid velden en lijstonderdelen met `,`")),
        ),
        E::ExpectedStringEnd => (
            Text::new("a text is not closed", "een tekst is niet afgesloten"),
            Some(Text::new(
                "end the text with `\"`; write `\\\"` for a quote inside a text",
                "sluit de tekst af met `\"`; schrijf `\\\"` voor een aanhalingsteken in een tekst",
            )),
        ),
        E::ExpectedString => (
            Text::new("expected a text in double quotes", "hier hoort een tekst tussen dubbele aanhalingstekens"),
            Some(Text::new("for example: \"LI4\"", "bijvoorbeeld: \"LI4\"")),
        ),
        E::ExpectedInteger => (
            Text::new("expected a whole number", "hier hoort een heel getal"),
            Some(Text::new(
                "write a whole number without quotes, for example 60 (seconds) or 2 (sessions a day)",
                "schrijf een heel getal zonder aanhalingstekens, bijvoorbeeld 60 (seconden) of 2 (sessies per dag)",
            )),
        ),
        E::IntegerOutOfBounds => (
            Text::new("this number is out of range here", "dit getal valt hier buiten het bereik"),
            Some(Text::new(
                "use a small whole number without a sign, for example 2",
                "gebruik een klein heel getal zonder teken, bijvoorbeeld 2",
            )),
        ),
        E::TrailingCharacters => (
            Text::new(
                "unexpected text after the end of the file's value",
                "onverwachte tekst na het einde van de inhoud",
            ),
            Some(Text::new("everything must be inside the outer `(…)`", "alles moet binnen de buitenste `(…)` staan")),
        ),
        E::UnclosedBlockComment => (
            Text::new("a `/*` comment is not closed", "een `/*`-opmerking is niet afgesloten"),
            Some(Text::new("end it with `*/`", "sluit haar af met `*/`")),
        ),
        E::Message(message) => (Text::new(message.clone(), format!("fout in het bestand: {message}")), None),
        other => (Text::new(other.to_string(), format!("fout in het bestand: {other}")), None),
    }
}

/// " in a step", " in the routine": where a field is missing, in words (never a type name).
fn in_outer_words(outer: Option<&str>, lang: Lang) -> String {
    let Some(outer) = outer else { return String::new() };
    let words = match (outer, lang) {
        ("Step", Lang::En) => "a step",
        ("Step", Lang::Nl) => "een stap",
        ("Routine", Lang::En) => "the routine",
        ("Routine", Lang::Nl) => "de routine",
        ("Prescription", Lang::En) => "the prescription",
        ("Prescription", Lang::Nl) => "het voorschrift",
        ("Text", Lang::En) => "a text",
        ("Text", Lang::Nl) => "een tekst",
        (_, Lang::En) => "this part",
        (_, Lang::Nl) => "dit deel",
    };
    // " in" is the same word in both languages.
    format!(" in {words}")
}

/// A better hint for a few mistakes that RON reports only as the symptom ("expected a
/// comma"), read from the text at the error: a decimal number where whole seconds belong, a
/// quote inside a text that ends it, curly quotes from a word processor.
fn hint_from_text(src: &str, offset: usize) -> Option<Text> {
    let at = src.get(offset..)?.trim_start();
    let before = src.get(..offset)?.trim_end();
    let next = at.chars().next()?;
    if matches!(next, '“' | '”' | '„' | '‘' | '’' | '‚' | '«' | '»') || before.ends_with(['“', '”', '„', '‘', '’'])
    {
        return Some(Text::new(
            "these are curly quotes (as a word processor makes them): put a text between straight double quotes `\"`; save the file as plain text",
            "dit zijn krulaanhalingstekens (zoals een tekstverwerker ze maakt): zet een tekst tussen rechte dubbele aanhalingstekens `\"`; sla het bestand op als platte tekst",
        ));
    }
    if next == '.'
        && at[1..].starts_with(|c: char| c.is_ascii_digit())
        && before.ends_with(|c: char| c.is_ascii_digit())
    {
        return Some(Text::new(
            "write a whole number without a decimal point, for example `60` (seconds), not `60.0`",
            "schrijf een heel getal zonder komma of punt, bijvoorbeeld `60` (seconden), niet `60.0`",
        ));
    }
    // A quote that ends a text early leaves the rest of the text on the same line; a missing comma
    // after a text is followed by the next field on a new line.
    let same_line = !src[before.len()..offset].contains('\n');
    if before.ends_with('"') && same_line && (next.is_alphanumeric() || next == '"') {
        return Some(Text::new(
            "a `\"` inside a text ends it: write `\\\"` for a quote inside a text, or use ‘single’ quotes",
            "een `\"` in een tekst sluit die tekst af: schrijf `\\\"` voor een aanhalingsteken in een tekst, of gebruik ‘enkele’ aanhalingstekens",
        ));
    }
    None
}

/// "did you mean `best`? {list}: a, b, c", or only the list when nothing is close.
fn suggestion(found: &str, expected: &[&str], (list_en, list_nl): (&str, &str)) -> Text {
    let all = expected.join(", ");
    match nearest(found, expected.iter().copied()) {
        Some(best) => Text::new(
            format!("did you mean `{best}`? {list_en}: {all}"),
            format!("bedoel je `{best}`? {list_nl}: {all}"),
        ),
        None => Text::new(format!("{list_en}: {all}"), format!("{list_nl}: {all}")),
    }
}

/// Like [`diagnostic_from_ron`], and when the error follows a text that runs over several
/// lines (usually a missing closing quote), points the hint at where that text starts.
pub fn diagnostic_from_ron_in(src: &str, err: &ron::error::SpannedError) -> Diagnostic {
    let mut diagnostic = diagnostic_from_ron(err);
    let offset = locate::offset_of_position(src, diagnostic.position);
    if let Some(hint) = hint_from_text(src, offset) {
        diagnostic.hint = Some(hint);
    }
    // Which step and field, in words: "step 3, note: the Dutch text is missing".
    if let Some((step, field)) = Locator::new(src).step_at(offset) {
        let n = step + 1;
        let (en, nl) = match field {
            Some(field) => (format!("step {n}, `{field}`: "), format!("stap {n}, `{field}`: ")),
            None => (format!("step {n}: "), format!("stap {n}: ")),
        };
        diagnostic.message =
            Text::new(format!("{en}{}", diagnostic.message.en), format!("{nl}{}", diagnostic.message.nl));
    }
    if let Some(start) = multi_line_text_before(src, diagnostic.position) {
        let en = format!("the text that starts at {start} runs over several lines: is its closing `\"` missing?");
        let nl = format!("de tekst die begint op {start} loopt over meerdere regels: ontbreekt de afsluitende `\"`?");
        diagnostic.hint = Some(match diagnostic.hint.take() {
            Some(existing) => Text::new(format!("{en}; {}", existing.en), format!("{nl}; {}", existing.nl)),
            None => Text::new(en, nl),
        });
    }
    diagnostic
}

/// Words longer than this get no "did you mean" suggestion.
const NEAREST_MAX_CHARS: usize = 64;

/// The candidate closest to `word` (case-insensitive match, or edit distance at most 2).
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // A suggestion helps for a typo, not for a paragraph; this also keeps the work small.
    if word.chars().count() > NEAREST_MAX_CHARS {
        return None;
    }
    let word_lower = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = if candidate.to_lowercase() == word_lower {
            0
        } else {
            edit_distance(&word_lower, &candidate.to_lowercase())
        };
        if distance <= 2.max(word.chars().count() / 4) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Edit distance counting a swap of two neighbouring characters as one edit (ST63 → ST36).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in table.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in table[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[i - 1][j] + 1).min(table[i][j - 1] + 1).min(table[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[i - 2][j - 2] + 1);
            }
            table[i][j] = best;
        }
    }
    table[a.len()][b.len()]
}

#[cfg(test)]
#[allow(clippy::type_complexity)] // test tables
mod tests {
    use super::PathSegment::{Field, Index};
    use super::*;

    const DOC: &str = "// header (with a paren\nRoutine(\n    id: \"a(b\",\n    /* steps: nope */\n    steps: [\n        Step(point: \"LI4\", press_secs: 10),\n        Step(point: \"GV20\", note: Some((en: \"x\", nl: \"y\")), press_secs: 200),\n    ],\n)\n";

    #[test]
    fn locate_follows_paths() {
        let cases: &[(&[PathSegment], (usize, usize))] = &[
            (&[], (2, 1)),
            (&[Field("id")], (3, 9)),
            (&[Field("steps")], (5, 12)),
            (&[Field("steps"), Index(0)], (6, 9)),
            (&[Field("steps"), Index(0), Field("press_secs")], (6, 40)),
            (&[Field("steps"), Index(1), Field("press_secs")], (7, 73)),
            (&[Field("steps"), Index(1), Field("note"), Field("nl")], (7, 54)),
            // Absent field: the enclosing value.
            (&[Field("steps"), Index(0), Field("side")], (6, 9)),
            // Out of range index: the list.
            (&[Field("steps"), Index(5)], (5, 12)),
        ];
        for (path, (line, column)) in cases {
            assert_eq!(locate(DOC, path), Position { line: *line, column: *column }, "{path:?}");
        }
    }

    #[test]
    fn locate_never_panics_on_garbage() {
        for doc in
            ["", "(", "[[[", "Routine(steps: [\"", "/* open", "/* Σ × — open", "/*é*/ (", "r#\"x", "(a: ", "é(ü: [1,"]
        {
            let _ = locate(doc, &[Field("steps"), Index(3), Field("x")]);
        }
    }

    #[test]
    fn decode_rejects_bad_files() {
        let cases: &[(&[u8], Option<(usize, usize, &str)>)] = &[
            (b"", Some((1, 1, "empty"))),
            (b"  \n\t", Some((1, 1, "empty"))),
            (b"Routine(\n  id: \"\xff\"", Some((2, 8, "UTF-8"))),
            (b"\xef\xbb\xbfRoutine()", None),
        ];
        for (bytes, expected) in cases {
            match (decode(bytes), expected) {
                (Ok(text), None) => assert!(!text.starts_with('\u{feff}')),
                (Err(diagnostic), Some((line, column, needle))) => {
                    assert_eq!(diagnostic.position, Position { line: *line, column: *column });
                    assert!(diagnostic.message.en.contains(needle), "{diagnostic}");
                }
                (result, expected) => panic!("{result:?} vs {expected:?}"),
            }
        }
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        assert!(decode(&big).unwrap_err().message.en.contains("1 MiB"));
    }

    #[test]
    fn nearest_suggests_close_names() {
        let codes = ["LI4", "LU7", "GB20", "GB21", "EX-HN3", "press_secs"];
        let cases = [
            ("li4", Some("LI4")),
            ("GB22", Some("GB20")),
            ("EXHN3", Some("EX-HN3")),
            ("press_sec", Some("press_secs")),
            ("XYZ999", None),
            ("GB02", Some("GB20")),
        ];
        for (word, expected) in cases {
            assert_eq!(nearest(word, codes), expected, "{word}");
        }
    }

    #[test]
    fn windows_line_endings_count_columns_without_cr() {
        assert_eq!(position_of_offset("ab\r\ncd", 5), Position { line: 2, column: 2 });
    }
}
