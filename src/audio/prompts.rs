//! The spoken prompts: which exist, and the text each one says in each language.
//!
//! The texts come from the app's string tables and the point catalogue, so the recordings say
//! exactly what the screen shows; `examples/audio_prompts.rs` prints them for the generation
//! script in `assets/audio/`. Pure: no sound, no files.

use crate::catalog::{Catalog, PointCode};
use crate::safety::STOP_RULES;
use crate::text::Lang;
use crate::ui::strings::strings;

/// One spoken prompt.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Prompt {
    /// "Press now".
    Press,
    /// "Release slowly".
    Release,
    /// "Switch to the left side".
    SwitchLeft,
    /// "Switch to the right side".
    SwitchRight,
    /// "Breathe in".
    BreatheIn,
    /// "Breathe out".
    BreatheOut,
    /// "Hold your breath".
    Hold,
    /// "Rest".
    Rest,
    /// "Next point".
    NextPoint,
    /// "Left side".
    LeftSide,
    /// "Right side".
    RightSide,
    /// The closing minute of quiet breathing.
    Settle,
    /// "Session complete".
    Complete,
    /// The stop rules.
    StopRule,
    /// A point's name.
    PointName(PointCode),
    /// A short line on how to find a point.
    PointFind(PointCode),
}

impl Prompt {
    /// The prompts that are the same for every routine.
    pub const GENERAL: [Prompt; 14] = [
        Prompt::Press,
        Prompt::Release,
        Prompt::SwitchLeft,
        Prompt::SwitchRight,
        Prompt::BreatheIn,
        Prompt::BreatheOut,
        Prompt::Hold,
        Prompt::Rest,
        Prompt::NextPoint,
        Prompt::LeftSide,
        Prompt::RightSide,
        Prompt::Settle,
        Prompt::Complete,
        Prompt::StopRule,
    ];

    /// Every prompt: the general ones and two per catalogue point.
    pub fn all(catalog: &Catalog) -> Vec<Prompt> {
        let mut prompts = Prompt::GENERAL.to_vec();
        for point in catalog.points() {
            prompts.push(Prompt::PointName(point.code.clone()));
            prompts.push(Prompt::PointFind(point.code.clone()));
        }
        prompts
    }

    /// The file stem of the recording (`press`, `point-LI4-name`); the file is
    /// `assets/audio/<lang>/<stem>.ogg`.
    pub fn file_stem(&self) -> String {
        match self {
            Prompt::Press => "press".into(),
            Prompt::Release => "release".into(),
            Prompt::SwitchLeft => "switch-left".into(),
            Prompt::SwitchRight => "switch-right".into(),
            Prompt::BreatheIn => "breathe-in".into(),
            Prompt::BreatheOut => "breathe-out".into(),
            Prompt::Hold => "hold".into(),
            Prompt::Rest => "rest".into(),
            Prompt::NextPoint => "next-point".into(),
            Prompt::LeftSide => "left-side".into(),
            Prompt::RightSide => "right-side".into(),
            Prompt::Settle => "settle".into(),
            Prompt::Complete => "complete".into(),
            Prompt::StopRule => "stop-rule".into(),
            Prompt::PointName(code) => format!("point-{code}-name"),
            Prompt::PointFind(code) => format!("point-{code}-find"),
        }
    }

    /// What the prompt says in `lang`; `None` for a point the catalogue does not have.
    pub fn text(&self, catalog: &Catalog, lang: Lang) -> Option<String> {
        let t = strings(lang);
        let fixed = match self {
            Prompt::Press => t.say_press,
            Prompt::Release => t.say_release,
            Prompt::SwitchLeft => t.say_switch_left,
            Prompt::SwitchRight => t.say_switch_right,
            Prompt::BreatheIn => t.say_breathe_in,
            Prompt::BreatheOut => t.say_breathe_out,
            Prompt::Hold => t.say_hold,
            Prompt::Rest => t.say_rest,
            Prompt::NextPoint => t.say_next_point,
            Prompt::LeftSide => t.say_left_side,
            Prompt::RightSide => t.say_right_side,
            Prompt::Settle => t.say_settle,
            Prompt::Complete => t.say_complete,
            Prompt::StopRule => STOP_RULES.get(lang),
            Prompt::PointName(code) => return catalog.get(code).map(|point| point.name.get(lang).to_owned()),
            Prompt::PointFind(code) => return catalog.get(code).map(|point| first_sentence(point.find.get(lang))),
        };
        Some(fixed.to_owned())
    }
}

/// The short "how to find it" line that is spoken: the first sentence, and the second too
/// when the first is too short to guide anyone ("Make a loose fist.").
pub fn first_sentence(text: &str) -> String {
    let sentence_end = |from: usize| {
        text[from..]
            .char_indices()
            .find(|&(index, c)| matches!(c, '.' | '!' | '?') && text[from + index + 1..].starts_with(' '))
            .map_or(text.len(), |(index, _)| from + index + 1)
    };
    let first = sentence_end(0);
    let end = if text[..first].chars().count() < 40 && first < text.len() { sentence_end(first + 1) } else { first };
    text[..end].trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_table() {
        let cases = [
            ("One. Two. Three.", "One. Two."),
            ("No full stop", "No full stop"),
            (
                "It lies about 1.5 cun away from the wrist crease. More.",
                "It lies about 1.5 cun away from the wrist crease.",
            ),
            ("Ends here.", "Ends here."),
            (
                "Make a loose fist. A crease appears on the edge. More.",
                "Make a loose fist. A crease appears on the edge.",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(first_sentence(input), expected);
        }
    }

    #[test]
    fn every_prompt_has_text_in_both_languages() {
        let catalog = crate::bundled::catalog().unwrap();
        let prompts = Prompt::all(&catalog);
        assert_eq!(prompts.len(), 14 + 2 * catalog.points().len());
        for prompt in &prompts {
            for lang in Lang::ALL {
                let text = prompt.text(&catalog, lang).unwrap();
                assert!(!text.trim().is_empty(), "{prompt:?} {lang:?}");
            }
        }
    }
}
