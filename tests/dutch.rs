//! A Dutch screen shows no English: every screen is visited in Dutch, and no text the person can
//! read (AccessKit labels and values) holds an English text of the app that differs from its
//! Dutch one. Names and codes aside: point codes, pinyin, language names, licence documents.

mod common;

use common::{ClickLabel, PATIENCE, open_tab};

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use acupress::app::AcupressApp;
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::safety::{QUESTIONS, STOP_RULES};
use acupress::settings::Settings;
use acupress::store::{Paths, Store};
use acupress::text::Lang;
use acupress::texts::strings;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable, by};

/// Every English text of the app whose Dutch differs, long enough to be recognised as words.
fn english_texts() -> BTreeSet<String> {
    let catalog = bundled::catalog().unwrap();
    let mut pairs: Vec<(String, String)> = Vec::new();
    let (en, nl) = (strings(Lang::En).all(), strings(Lang::Nl).all());
    for ((_, english), (_, dutch)) in en.iter().zip(&nl) {
        // Templates: the fixed words between the `{…}` placeholders.
        for (english, dutch) in english.split(['{', '}']).step_by(2).zip(dutch.split(['{', '}']).step_by(2)) {
            pairs.push((english.trim().to_owned(), dutch.trim().to_owned()));
        }
    }
    for question in QUESTIONS {
        pairs.push((question.text.en.to_owned(), question.text.nl.to_owned()));
    }
    pairs.push((STOP_RULES.en.to_owned(), STOP_RULES.nl.to_owned()));
    for point in catalog.points() {
        for text in [&point.name, &point.find, &point.uses].into_iter().chain(&point.cautions) {
            pairs.push((text.en.clone(), text.nl.clone()));
        }
    }
    for routine in bundled::valid_routines(&catalog).unwrap() {
        pairs.push((routine.title.en.clone(), routine.title.nl.clone()));
        pairs.push((routine.description.en.clone(), routine.description.nl.clone()));
    }
    for pattern in acupress::breathing::BreathingPattern::ALL {
        pairs.push((pattern.name(Lang::En).to_owned(), pattern.name(Lang::Nl).to_owned()));
    }
    // A single English word that is also a Dutch word ("Stop", "Begin") is no sign of English.
    let dutch_words: BTreeSet<String> = pairs
        .iter()
        .flat_map(|(_, dutch)| dutch.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase))
        .collect();
    pairs
        .into_iter()
        .filter(|(english, dutch)| english != dutch && english.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .filter(|(english, _)| english.contains(' ') || !dutch_words.contains(&english.to_lowercase()))
        .map(|(english, _)| english)
        .collect()
}

/// Whether `label` holds `english` as whole words.
fn holds(label: &str, english: &str) -> bool {
    label.match_indices(english).any(|(at, _)| {
        let before = label[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = label[at + english.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// Texts that are names, not words to translate, or documents kept in their own language (the
/// licences on the About screen). The language picker in Settings names each language in its own
/// language ("English"); anywhere else a Dutch screen says "Engels".
fn exempt(label: &str, screen: &str) -> bool {
    let names: &[&str] = if screen == "settings" { &["English", "Nederlands", "acupress"] } else { &["acupress"] };
    // A document, or a whole part of one as shown: never a short label that happens to be a
    // word in it.
    let part_of = |document: &str| screen == "about" && document.contains(label);
    names.contains(&label)
        || part_of(acupress::ui::about::LIBRARIES)
        || part_of(acupress::ui::about::DUTCH_VOICE)
        || part_of(acupress::ui::about::ENGLISH_VOICE)
        || acupress::ui::about::FONTS.iter().any(|(name, text)| *name == label || part_of(text))
        || acupress::ui::about::OWN.iter().any(|(_, text)| part_of(text))
}

struct Checker {
    english: BTreeSet<String>,
    found: Vec<String>,
    screens: usize,
}

impl Checker {
    fn look(&mut self, harness: &Harness<'static, AcupressApp>, screen: &str) {
        self.screens += 1;
        for node in harness.query_all(by().predicate(|_| true)) {
            let node = node.accesskit_node();
            // What the person types in the English field of a bilingual text is English.
            let typed = |role| {
                matches!(
                    role,
                    egui::accesskit::Role::TextInput
                        | egui::accesskit::Role::MultilineTextInput
                        | egui::accesskit::Role::TextRun
                )
            };
            if typed(node.role()) || node.parent().is_some_and(|parent| typed(parent.role())) {
                continue;
            }
            for text in [node.label(), node.value()].into_iter().flatten() {
                if text.trim().is_empty() || exempt(&text, screen) {
                    continue;
                }
                for english in &self.english {
                    if holds(&text, english) {
                        self.found.push(format!("{screen}: \"{text}\" holds \"{english}\" ({:?})", node.role()));
                    }
                }
            }
        }
    }
}

fn answer_all_no(harness: &mut Harness<'static, AcupressApp>) {
    for node in harness.get_all_by_label_contains("Nee: ") {
        node.click_accesskit();
    }
    harness.run();
}

/// The app in Dutch, with a damaged settings file (so a notice shows) in a fresh home.
fn dutch_app(dir: &std::path::Path) -> (Harness<'static, AcupressApp>, ManualClock) {
    let home = dir.join("home");
    let paths = Paths::under(&home);
    acupress::store::create_private_dir(&paths.config_dir).unwrap();
    std::fs::write(paths.settings_file(), "Settings(format: 1, lang: Some(Nl), text_scale: NaN)").unwrap();
    let clock = ManualClock::new();
    let catalog = bundled::catalog().unwrap();
    let app = AcupressApp::new(
        catalog.clone(),
        bundled::valid_routines(&catalog).unwrap(),
        Settings::default(),
        Arc::new(clock.clone()),
    )
    .with_system_lang(Lang::Nl)
    .with_store(Store::open(paths).unwrap());
    let harness = common::harness_sized(app, [1280.0, 900.0]);
    (harness, clock)
}

#[test]
fn a_dutch_screen_shows_no_english() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, clock) = dutch_app(dir.path());
    let mut checker = Checker { english: english_texts(), found: Vec::new(), screens: 0 };
    harness.run();
    checker.look(&harness, "body map with a notice");
    harness.click_label("Sluiten");
    harness.get_by_label_contains("LU7, PC6, HT7, PC7, linkerkant").click_accesskit();
    harness.run();
    checker.look(&harness, "the hands, opened from points too close together");
    harness.click_label("PC6 Binnenste doorgang, linkerkant");
    checker.look(&harness, "a point");
    harness.click_label("Sluiten");
    harness.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Klachten").click_accesskit();
    harness.run();
    checker.look(&harness, "the list of complaints");
    harness.click_label("Misselijkheid");
    checker.look(&harness, "a complaint");
    open_tab(&mut harness, "Routines");
    for preview in harness.get_all_by_label("Bekijken") {
        preview.click_accesskit();
    }
    harness.run();
    checker.look(&harness, "library with previews");
    // The gate, with follow-ups open.
    harness.get_all_by_label("Starten").next().unwrap().click_accesskit();
    harness.run();
    answer_all_no(&mut harness);
    for question in
        ["Gebruik je bloedverdunners", "Heb je nu kanker", "Ben je zwanger", "Heb je een hart- of vaatziekte"]
    {
        harness.get_by_label_contains(&format!("Ja: {question}")).click_accesskit();
        harness.run();
    }
    checker.look(&harness, "safety questions");
    harness.get_by_label_contains("Ja: Heb je op dit moment").click_accesskit();
    harness.run();
    checker.look(&harness, "urgent advice");
    // Back from the advice, and through the questions again for an adapted session.
    harness.click_label("Annuleren");
    open_tab(&mut harness, "Routines");
    harness.get_all_by_label("Starten").next().unwrap().click_accesskit();
    harness.run();
    answer_all_no(&mut harness);
    harness.get_by_label_contains("Ja: Heb je minder gevoel").click_accesskit();
    harness.run();
    harness.click_label("Antwoorden bevestigen");
    checker.look(&harness, "adapted outcome");
    harness.click_label("Sessie starten");
    checker.look(&harness, "get ready");
    harness.key_press(Key::Space);
    harness.run();
    checker.look(&harness, "player, first rest");
    for _ in 0..20 {
        clock.advance(Duration::from_secs(1));
        assert!(harness.state().catch_up_session(PATIENCE));
    }
    harness.run();
    checker.look(&harness, "player, pressing");
    harness.key_press(Key::Escape);
    harness.run();
    checker.look(&harness, "stop question");
    harness.key_press(Key::Enter);
    harness.run();
    checker.look(&harness, "end of session");
    harness.click_label("Klaar");
    open_tab(&mut harness, "Geschiedenis");
    checker.look(&harness, "history");
    look_at_editor_import_and_settings(&mut harness, &mut checker, dir.path());
    assert!(checker.screens >= 15);
    assert!(checker.found.is_empty(), "English on Dutch screens:\n{}", checker.found.join("\n"));
}

fn look_at_editor_import_and_settings(
    harness: &mut Harness<'static, AcupressApp>,
    checker: &mut Checker,
    dir: &std::path::Path,
) {
    open_tab(harness, "Routines");
    harness.click_label("Nieuwe routine");
    checker.look(harness, "editor, empty");
    harness.click_label("Achterkant");
    harness.click_label("GB21 Schouderput, linkerkant");
    checker.look(harness, "editor, a step");
    harness.click_label("Terug");
    checker.look(harness, "editor, leave without saving");
    harness.click_label("Weggaan zonder bewaren");
    // An import with problems.
    let broken = dir.join("kapot.ron");
    std::fs::write(&broken, "Routine(format: 1, id: \"x\", titel: (en: \"a\", nl: \"b\"))").unwrap();
    harness.state_mut().import_file(&broken);
    harness.run();
    checker.look(harness, "import errors");
    harness.click_label("Sluiten");
    // A routine of one's own, deleted, with its question and the notice that offers Undo.
    let own = dir.join("eigen.ron");
    std::fs::write(&own, OWN_ROUTINE).unwrap();
    harness.state_mut().import_file(&own);
    harness.run();
    checker.look(harness, "routine added, a program");
    harness.click_label("Sluiten");
    open_tab(harness, "Lichaamskaart");
    checker.look(harness, "body map with the program");
    harness.click_label("Startdag en herinneringen…");
    checker.look(harness, "program: start day and reminders");
    harness.click_label("Annuleren");
    open_tab(harness, "Geschiedenis");
    checker.look(harness, "history with the program");
    open_tab(harness, "Routines");
    harness.click_label("Eigen nek verwijderen");
    checker.look(harness, "delete question");
    harness.get_by_label("Verwijderen (Enter)").click_accesskit();
    harness.run();
    checker.look(harness, "deleted, with undo");
    open_tab(harness, "Instellingen");
    checker.look(harness, "settings");
    harness.click_label("Over acupress en licenties");
    checker.look(harness, "about");
}

const OWN_ROUTINE: &str = r#"Routine(
    format: 1,
    id: "eigen-nek",
    title: (en: "Own neck", nl: "Eigen nek"),
    description: (en: "Traditionally used for a stiff neck.", nl: "Traditioneel gebruikt bij een stijve nek."),
    author: "J. de Vries",
    complaints: [NeckShoulders],
    breathing: SlowPaced,
    rest_secs: 20,
    prescription: (sessions_per_day: 2, days_per_week: 5, weeks: 4),
    steps: [
        Step(point: "GB21", side: Both, press_secs: 60, pressure: Medium),
    ],
)
"#;
