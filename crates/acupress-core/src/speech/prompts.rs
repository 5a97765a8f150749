//! The spoken prompts: which exist, their recording's file stem, and the words each one says.
//!
//! The texts here are the single source of what the voice says: the recordings in
//! `assets/audio/<lang>/` are generated from them (`cargo run --example audio_prompts` prints
//! them for `assets/audio/generate.py`), and a test fails when a text changed but its recording
//! was not made again.

use crate::catalog::{Catalog, PointCode};
use crate::routine::BodySide;
use crate::safety::{PRACTICE_GUIDANCE_SPOKEN, STOP_RULES};
use crate::text::{Lang, StaticText};

/// One spoken prompt.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Prompt {
    /// "Press now".
    Press,
    /// "Release slowly".
    Release,
    /// "Let go, and switch to the left side".
    SwitchLeft,
    /// "Let go, and switch to the right side".
    SwitchRight,
    /// "Breathe in".
    BreatheIn,
    /// "Breathe out".
    BreatheOut,
    /// "Hold your breath".
    Hold,
    /// "Next point".
    NextPoint,
    /// "First point".
    FirstPoint,
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
    /// How to press: build up slowly, never painful, let go slowly.
    Guidance,
    /// "When you have found the point, press the space bar to begin."
    WhenReady,
    /// The line the "Test sound" button plays.
    TestSound,
    /// A point's name.
    PointName(PointCode),
    /// A short line on how to find a point.
    PointFind(PointCode),
}

/// What the fixed prompts say.
const PRESS: StaticText = StaticText { en: "Press now", nl: "Druk nu" };
const RELEASE: StaticText = StaticText { en: "Release slowly", nl: "Laat langzaam los" };
const SWITCH_LEFT: StaticText =
    StaticText { en: "Let go, and switch to the left side", nl: "Laat los, en wissel naar de linkerkant" };
const SWITCH_RIGHT: StaticText =
    StaticText { en: "Let go, and switch to the right side", nl: "Laat los, en wissel naar de rechterkant" };
const BREATHE_IN: StaticText = StaticText { en: "Breathe in", nl: "Adem in" };
const BREATHE_OUT: StaticText = StaticText { en: "Breathe out", nl: "Adem uit" };
const HOLD: StaticText = StaticText { en: "Hold your breath", nl: "Houd je adem vast" };
const NEXT_POINT: StaticText = StaticText { en: "Next point", nl: "Volgend punt" };
const FIRST_POINT: StaticText = StaticText { en: "First point", nl: "Eerste punt" };
const LEFT_SIDE: StaticText = StaticText { en: "Left side", nl: "Linkerkant" };
const RIGHT_SIDE: StaticText = StaticText { en: "Right side", nl: "Rechterkant" };
const SETTLE: StaticText = StaticText { en: "Now breathe quietly for a minute", nl: "Adem nu een minuut rustig door" };
const COMPLETE: StaticText = StaticText { en: "Session complete", nl: "De sessie is klaar" };
const WHEN_READY: StaticText = StaticText {
    en: "When you have found the point, press the space bar to begin.",
    nl: "Heb je het punt gevonden? Druk dan op de spatiebalk om te beginnen.",
};
const TEST_SOUND: StaticText = StaticText { en: "This is how acupress sounds.", nl: "Zo klinkt acupress." };

impl Prompt {
    /// The prompts that are the same for every routine.
    pub const GENERAL: [Prompt; 17] = [
        Prompt::Press,
        Prompt::Release,
        Prompt::SwitchLeft,
        Prompt::SwitchRight,
        Prompt::BreatheIn,
        Prompt::BreatheOut,
        Prompt::Hold,
        Prompt::NextPoint,
        Prompt::FirstPoint,
        Prompt::LeftSide,
        Prompt::RightSide,
        Prompt::Settle,
        Prompt::Complete,
        Prompt::StopRule,
        Prompt::Guidance,
        Prompt::WhenReady,
        Prompt::TestSound,
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

    /// "Left side" or "Right side"; nothing for a midline point.
    pub fn side(side: Option<BodySide>) -> Option<Prompt> {
        match side? {
            BodySide::Left => Some(Prompt::LeftSide),
            BodySide::Right => Some(Prompt::RightSide),
        }
    }

    /// The file stem of the recording (`press`, `point-LI4-name`); the file is
    /// `assets/audio/<lang>/<stem>.ogg`.
    pub fn file_stem(&self) -> String {
        let fixed = match self {
            Prompt::Press => "press",
            Prompt::Release => "release",
            Prompt::SwitchLeft => "switch-left",
            Prompt::SwitchRight => "switch-right",
            Prompt::BreatheIn => "breathe-in",
            Prompt::BreatheOut => "breathe-out",
            Prompt::Hold => "hold",
            Prompt::NextPoint => "next-point",
            Prompt::FirstPoint => "first-point",
            Prompt::LeftSide => "left-side",
            Prompt::RightSide => "right-side",
            Prompt::Settle => "settle",
            Prompt::Complete => "complete",
            Prompt::StopRule => "stop-rule",
            Prompt::Guidance => "guidance",
            Prompt::WhenReady => "when-ready",
            Prompt::TestSound => "test-sound",
            Prompt::PointName(code) => return format!("point-{code}-name"),
            Prompt::PointFind(code) => return format!("point-{code}-find"),
        };
        fixed.to_owned()
    }

    /// What the prompt says in `lang`; `None` for a point the catalogue does not have.
    pub fn text(&self, catalog: &Catalog, lang: Lang) -> Option<String> {
        let fixed = match self {
            Prompt::Press => PRESS,
            Prompt::Release => RELEASE,
            Prompt::SwitchLeft => SWITCH_LEFT,
            Prompt::SwitchRight => SWITCH_RIGHT,
            Prompt::BreatheIn => BREATHE_IN,
            Prompt::BreatheOut => BREATHE_OUT,
            Prompt::Hold => HOLD,
            Prompt::NextPoint => NEXT_POINT,
            Prompt::FirstPoint => FIRST_POINT,
            Prompt::LeftSide => LEFT_SIDE,
            Prompt::RightSide => RIGHT_SIDE,
            Prompt::Settle => SETTLE,
            Prompt::Complete => COMPLETE,
            Prompt::StopRule => STOP_RULES,
            Prompt::Guidance => PRACTICE_GUIDANCE_SPOKEN,
            Prompt::WhenReady => WHEN_READY,
            Prompt::TestSound => TEST_SOUND,
            Prompt::PointName(code) => return catalog.get(code).map(|point| point.name.get(lang).to_owned()),
            Prompt::PointFind(code) => return catalog.get(code).map(|point| first_sentence(point.find.get(lang))),
        };
        Some(fixed.get(lang).to_owned())
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
    fn every_prompt_has_text_in_both_languages_and_a_unique_stem() {
        let catalog = crate::bundled::catalog().unwrap();
        let prompts = Prompt::all(&catalog);
        assert_eq!(prompts.len(), Prompt::GENERAL.len() + 2 * catalog.points().len());
        let mut stems = std::collections::BTreeSet::new();
        for prompt in &prompts {
            assert!(stems.insert(prompt.file_stem()), "{prompt:?}: stem used twice");
            for lang in Lang::ALL {
                let text = prompt.text(&catalog, lang).unwrap();
                assert!(!text.trim().is_empty(), "{prompt:?} {lang:?}");
            }
        }
    }
}
