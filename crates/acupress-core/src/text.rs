//! Languages and bilingual texts.
//!
//! Every text a user reads exists in English and Dutch. This module only holds the values;
//! it never decides which language the user wants (the UI and CLI do).

use serde::{Deserialize, Serialize};

/// A language the app speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lang {
    /// English: the default when the system's language is neither English nor Dutch.
    #[default]
    En,
    /// Dutch (Nederlands).
    Nl,
}

impl Lang {
    /// All languages, in display order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Nl];

    /// The two-letter code (`en`, `nl`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    /// Parses a two-letter code or a locale such as `nl_NL.UTF-8` / `nl-BE`.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let lower = locale.trim().to_ascii_lowercase();
        if lower.starts_with("nl") {
            Some(Lang::Nl)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language's own name ("English", "Nederlands").
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Nl => "Nederlands",
        }
    }
}

/// A text in English and Dutch. Both are required and non-empty in valid data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// The English text (`en:` in routine and catalogue files).
    pub en: String,
    /// The Dutch text (`nl:`), written for Dutch readers, not word for word.
    pub nl: String,
}

impl Text {
    /// Builds a text from its two translations.
    pub fn new(en: impl Into<String>, nl: impl Into<String>) -> Self {
        Self { en: en.into(), nl: nl.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Nl => &self.nl,
        }
    }

    /// The languages whose text is empty or only white space.
    pub fn missing_langs(&self) -> Vec<Lang> {
        Lang::ALL.into_iter().filter(|&lang| self.get(lang).trim().is_empty()).collect()
    }
}

impl From<String> for Text {
    /// The same words in both languages: for texts without words to translate (names, codes,
    /// numbers) or only ever read by developers.
    fn from(text: String) -> Self {
        Self { en: text.clone(), nl: text }
    }
}

impl From<&str> for Text {
    /// See `From<String>`.
    fn from(text: &str) -> Self {
        Self::from(text.to_owned())
    }
}

/// A static bilingual text, for texts compiled into the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaticText {
    /// The English text.
    pub en: &'static str,
    /// The Dutch text.
    pub nl: &'static str,
}

impl StaticText {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Nl => self.nl,
        }
    }
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_NL: [&str; 12] = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

fn month(date: jiff::civil::Date, lang: Lang) -> &'static str {
    let index = usize::try_from(date.month() - 1).unwrap_or(0).min(11);
    match lang {
        Lang::En => MONTHS_EN[index],
        Lang::Nl => MONTHS_NL[index],
    }
}

/// "21 Nov 2026" / "21 nov 2026".
pub fn date(date: jiff::civil::Date, lang: Lang) -> String {
    format!("{} {} {}", date.day(), month(date, lang), date.year())
}

/// "21 Nov" / "21 nov".
pub fn day_month(date: jiff::civil::Date, lang: Lang) -> String {
    format!("{} {}", date.day(), month(date, lang))
}

/// "Nov 2026" / "nov 2026".
pub fn month_year(date: jiff::civil::Date, lang: Lang) -> String {
    format!("{} {}", month(date, lang), date.year())
}

/// A span of days: "16–22 Nov", "30 Nov – 6 Dec", "29 Dec 2025 – 4 Jan 2026".
pub fn date_span(first: jiff::civil::Date, last: jiff::civil::Date, lang: Lang) -> String {
    if first == last {
        // One day: "6 Dec", never "6–6 Dec".
        day_month(first, lang)
    } else if first.year() != last.year() {
        format!("{} – {}", self::date(first, lang), self::date(last, lang))
    } else if first.month() != last.month() {
        format!("{} – {}", day_month(first, lang), day_month(last, lang))
    } else {
        format!("{}–{}", first.day(), day_month(last, lang))
    }
}

/// A number with `decimals` decimals: "4.5" in English, "4,5" in Dutch.
pub fn decimal(value: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{value:.decimals$}");
    match lang {
        Lang::En => text,
        Lang::Nl => text.replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_parsing() {
        let cases = [
            ("nl_NL.UTF-8", Some(Lang::Nl)),
            ("nl-BE", Some(Lang::Nl)),
            ("NL", Some(Lang::Nl)),
            ("en_GB", Some(Lang::En)),
            ("en-US", Some(Lang::En)),
            ("de_DE", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(Lang::from_locale(input), expected, "{input}");
        }
    }

    #[test]
    fn dates_and_numbers_per_language() {
        let day = |y, m, d| jiff::civil::Date::new(y, m, d).unwrap();
        assert_eq!(date(day(2026, 11, 21), Lang::En), "21 Nov 2026");
        assert_eq!(date(day(2026, 3, 2), Lang::Nl), "2 mrt 2026");
        assert_eq!(date_span(day(2026, 11, 16), day(2026, 11, 22), Lang::Nl), "16–22 nov");
        assert_eq!(date_span(day(2026, 11, 30), day(2026, 12, 6), Lang::En), "30 Nov – 6 Dec");
        assert_eq!(date_span(day(2025, 12, 29), day(2026, 1, 4), Lang::Nl), "29 dec 2025 – 4 jan 2026");
        assert_eq!(date_span(day(2026, 12, 6), day(2026, 12, 6), Lang::Nl), "6 dec", "one day is one date");
        assert_eq!(decimal(4.5, 1, Lang::Nl), "4,5");
        assert_eq!(decimal(5.0, 1, Lang::En), "5.0");
    }

    #[test]
    fn missing_langs_finds_blank_translations() {
        assert!(Text::new("a", "b").missing_langs().is_empty());
        assert_eq!(Text::new(" ", "b").missing_langs(), vec![Lang::En]);
        assert_eq!(Text::new("a", "").missing_langs(), vec![Lang::Nl]);
    }
}
