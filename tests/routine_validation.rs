//! Every validation rule of the routine format, with the position it reports.

// Table-driven tests are long tables, and an underflow panic in a test is simply a failure.
#![allow(clippy::too_many_lines, clippy::type_complexity, clippy::unchecked_time_subtraction)]

use acupress::bundled;
use acupress::routine::parse_routine;
use acupress::source::{self, Severity};

const VALID: &str = r#"// A test routine
Routine(
    format: 1,
    id: "test-routine",
    title: (en: "Test", nl: "Test"),
    description: (en: "For tests.", nl: "Voor tests."),
    author: "Tester",
    complaints: [Headache],
    breathing: SlowPaced,
    rest_secs: 15,
    steps: [
        Step(point: "LI4", side: Both, press_secs: 60, pressure: Medium),
        Step(point: "GV20", press_secs: 45, pressure: Light, breathing: Coherent,
             note: (en: "Gently.", nl: "Zacht.")),
    ],
)
"#;

/// (description, edit to VALID, expected "line:column", text the message must contain, text the hint must contain)
fn cases() -> Vec<(&'static str, Box<dyn Fn(&str) -> String>, &'static str, &'static str, &'static str)> {
    fn replace(from: &'static str, to: &'static str) -> Box<dyn Fn(&str) -> String> {
        Box::new(move |text: &str| {
            assert!(text.contains(from), "test edit does not apply: {from}");
            text.replacen(from, to, 1)
        })
    }
    vec![
        (
            "press too short",
            replace("press_secs: 60", "press_secs: 29"),
            "12:52",
            "`press_secs` is 29, outside 30..=120",
            "30 seconds",
        ),
        ("press too long", replace("press_secs: 45", "press_secs: 121"), "13:41", "`press_secs` is 121", "2 minutes"),
        (
            "unknown point, near",
            replace("\"LI4\"", "\"LI44\""),
            "12:21",
            "unknown point code `LI44`",
            "did you mean `LI4`",
        ),
        (
            "unknown point, lower case",
            replace("\"LI4\"", "\"li4\""),
            "12:21",
            "unknown point code `li4`",
            "`li4` is `LI4` Joining Valley, on the hand: write \"LI4\"",
        ),
        (
            "unknown point, far",
            replace("\"LI4\"", "\"ZZ99\""),
            "12:21",
            "unknown point code `ZZ99`",
            "acupress list points",
        ),
        (
            "side on a midline point",
            replace("point: \"GV20\",", "point: \"GV20\", side: Left,"),
            "13:35",
            "GV20 is a midline point",
            "remove `side`",
        ),
        ("no side on a bilateral point", replace("side: Both, ", ""), "12:9", "no `side`", "side: Both"),
        (
            "unknown field",
            replace("pressure: Medium", "presure: Medium"),
            "12:56",
            "unknown field `presure` in a step",
            "did you mean `pressure`",
        ),
        (
            "unknown field lists allowed",
            replace("rest_secs: 15", "rest: 15"),
            "10:5",
            "unknown field `rest`",
            "allowed fields: format, id, title",
        ),
        ("missing Dutch", replace("nl: \"Test\"", "nl: \"\""), "5:12", "`title` has no Dutch text", "nl"),
        ("missing English note", replace("en: \"Gently.\"", "en: \" \""), "14:20", "`note` has no English text", "en"),
        (
            "missing nl field",
            replace(", nl: \"Voor tests.\"", ""),
            "6:35",
            "the Dutch text (`nl`) is missing",
            "every text needs both languages",
        ),
        (
            "empty steps",
            Box::new(|text: &str| {
                let start = text.find("steps: [").unwrap() + "steps: [".len();
                let end = text.find("    ],").unwrap();
                format!("{}{}", &text[..start], &text[end..])
            }),
            "11:12",
            "the routine has no steps",
            "add at least one",
        ),
        ("unknown format", replace("format: 1", "format: 2"), "3:13", "unknown format version 2", "reads format 1"),
        (
            "syntax: missing comma",
            replace("author: \"Tester\",", "author: \"Tester\""),
            "8:5",
            "expected a comma",
            "separate",
        ),
        (
            "syntax: unclosed text",
            replace("author: \"Tester\",", "author: \"Tester,"),
            "12:22",
            "expected a comma",
            "the text that starts at 7:13 runs over several lines",
        ),
        (
            "unknown pressure",
            replace("pressure: Medium", "pressure: Hard"),
            "12:66",
            "unknown value `Hard`",
            "Light, Medium, Firm",
        ),
        (
            "unknown breathing",
            replace("breathing: SlowPaced", "breathing: Slow"),
            "9:16",
            "unknown value `Slow`",
            "SlowPaced",
        ),
        (
            "bad id",
            replace("\"test-routine\"", "\"Test Routine\""),
            "4:9",
            "`id` \"Test Routine\" is not valid",
            "lowercase",
        ),
        (
            "rest too short",
            replace("rest_secs: 15", "rest_secs: 2"),
            "10:16",
            "`rest_secs` is 2",
            "find the next point",
        ),
        ("empty author", replace("\"Tester\"", "\"\""), "7:13", "`author` is empty", "who made"),
    ]
}

#[test]
fn each_rule_reports_position_message_and_hint() {
    let catalog = bundled::catalog().unwrap();
    assert!(parse_routine(VALID.as_bytes(), &catalog).is_ok(), "the base case is valid");
    for (name, edit, position, message, hint) in cases() {
        let text = edit(VALID);
        let err = parse_routine(text.as_bytes(), &catalog).expect_err(name);
        let first = err.diagnostics.iter().find(|diagnostic| diagnostic.severity == Severity::Error).expect(name);
        assert_eq!(first.position.to_string(), position, "{name}: {first}");
        assert!(first.message.en.contains(message), "{name}: {first}");
        assert!(first.hint.as_ref().map_or("", |hint| hint.en.as_str()).contains(hint), "{name}: {first}");
    }
}

#[test]
fn several_errors_are_all_reported_in_file_order() {
    let catalog = bundled::catalog().unwrap();
    let text = VALID
        .replace("press_secs: 60", "press_secs: 500")
        .replace("\"GV20\"", "\"GV21\"")
        .replace("rest_secs: 15", "rest_secs: 0");
    let err = parse_routine(text.as_bytes(), &catalog).unwrap_err();
    let positions: Vec<String> = err.diagnostics.iter().map(|diagnostic| diagnostic.position.to_string()).collect();
    assert_eq!(positions, vec!["10:16", "12:52", "13:21"]);
}

#[test]
fn bad_files_are_refused_without_panic() {
    let catalog = bundled::catalog().unwrap();
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (Vec::new(), "1:1", "empty"),
        (b"\n\n   \n".to_vec(), "1:1", "empty"),
        (b"Routine(\n  id: \"caf\xe9\",".to_vec(), "2:11", "not valid UTF-8"),
        (vec![b'/'; 1024 * 1024 + 1], "1:1", "larger than the 1 MiB limit"),
        (b"Routine(".to_vec(), "1:8", "ends in the middle"),
        (b"[1, 2, 3]".to_vec(), "1:1", ""),
        (b"Recipe(format: 1)".to_vec(), "1:1", "expected `Routine"),
    ];
    // Found by the fuzzer: an unclosed block comment over multi-byte characters panicked.
    for input in ["/*// Stress \u{2014} bundled routine (acupress)\n//", "Routine(/* \u{3a3} \u{d7}", "/*\u{e9}"] {
        let err = parse_routine(input.as_bytes(), &catalog).unwrap_err();
        assert!(err.diagnostics[0].position.line >= 1);
    }
    for (bytes, position, message) in cases {
        let err = parse_routine(&bytes, &catalog).unwrap_err();
        assert_eq!(err.diagnostics[0].position.to_string(), position, "{}", err.diagnostics[0]);
        assert!(err.diagnostics[0].message.en.contains(message), "{}", err.diagnostics[0]);
    }
}

#[test]
fn windows_line_endings_and_bom_are_fine() {
    let catalog = bundled::catalog().unwrap();
    let text = format!("\u{feff}{}", VALID.replace('\n', "\r\n"));
    assert!(parse_routine(text.as_bytes(), &catalog).is_ok());
    let broken = text.replace("press_secs: 60", "press_secs: 10");
    let err = parse_routine(broken.as_bytes(), &catalog).unwrap_err();
    assert_eq!(err.diagnostics[0].position.to_string(), "12:52");
}

#[test]
fn long_routines_get_a_warning_not_an_error() {
    let catalog = bundled::catalog().unwrap();
    let step = "        Step(point: \"LI4\", side: Both, press_secs: 120, pressure: Medium),\n";
    let many = step.repeat(8);
    let text = VALID.replace("    ],\n)", &format!("{many}    ],\n)"));
    let loaded = parse_routine(text.as_bytes(), &catalog).unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    assert!(loaded.warnings[0].message.en.contains("longer than 30 minutes"));
}

#[test]
fn a_routine_the_desktop_would_not_recognise_gets_a_warning() {
    let catalog = bundled::catalog().unwrap();
    // Just under the 4 KiB the desktop reads: recognised, no warning.
    let comment = "// A note from the therapist about this patient, written at length.\n";
    let fits = format!("{}{VALID}", comment.repeat(4000 / comment.len() - 2));
    assert!(parse_routine(fits.as_bytes(), &catalog).unwrap().warnings.is_empty());
    // A long letter above the routine: still valid, but a double-click would not open it.
    let letter = format!("{}{VALID}", comment.repeat(80));
    let loaded = parse_routine(letter.as_bytes(), &catalog).unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(loaded.warnings[0].message.en.contains("a double-click will not open it in acupress"));
    assert_eq!(loaded.warnings[0].position.to_string(), "82:1", "at `Routine(`");
    assert!(loaded.warnings[0].hint.as_ref().unwrap().nl.contains("4000 tekens"));
}

#[test]
fn a_note_that_speaks_of_holding_the_breath_gets_a_warning() {
    let catalog = bundled::catalog().unwrap();
    for (note, warned) in [
        ("(en: \"Breathe in, hold for 7, out for 8.\", nl: \"In, 7 tellen vasthouden, uit.\")", true),
        ("(en: \"Gently.\", nl: \"Houd je adem even in.\")", true),
        ("(en: \"Keep breathing slowly.\", nl: \"Adem rustig door.\")", false),
        ("(en: \"Hold your breath a moment.\", nl: \"Zacht.\")", true),
        ("(en: \"Gently.\", nl: \"Zet je adem vast.\")", true),
    ] {
        let text = VALID.replace("(en: \"Gently.\", nl: \"Zacht.\")", note);
        assert_ne!(text, VALID, "the test's note is in the file");
        let loaded = parse_routine(text.as_bytes(), &catalog).unwrap();
        let warnings: Vec<String> = loaded.warnings.iter().map(|warning| warning.message.en.clone()).collect();
        assert_eq!(
            warnings.iter().any(|message| message.contains("hold their breath")),
            warned,
            "{note}: {warnings:?}"
        );
    }
}

#[test]
fn every_bundled_routine_is_valid_and_uses_both_sides() {
    let catalog = bundled::catalog().unwrap();
    let routines = bundled::routines(&catalog);
    assert!(routines.len() >= 6);
    for (name, result) in routines {
        let loaded = result.unwrap_or_else(|err| panic!("{name}: {err}"));
        assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
        let routine = loaded.routine;
        assert_eq!(format!("{}.ron", routine.id), name, "file name matches id");
        assert_eq!(routine.author, "acupress");
        for step in &routine.steps {
            let point = catalog.get(&step.point).unwrap();
            if point.laterality == acupress::catalog::Laterality::Bilateral {
                assert_eq!(step.side, Some(acupress::routine::StepSides::Both), "{name}: {} on both sides", step.point);
            }
        }
        assert!(!routine.breathing.has_holds(), "{name}: a routine's default breathing has no holds");
    }
}

#[test]
fn bundled_catalogue_has_the_required_points() {
    let catalog = bundled::catalog().unwrap();
    for code in [
        "LI4", "LU7", "PC6", "HT7", "TE5", "SI3", "ST36", "SP6", "KI3", "BL60", "KI1", "LR3", "BL40", "BL57", "GB30",
        "BL23", "BL25", "GB21", "GB20", "GV20", "EX-HN3", "EX-HN5", "CV17", "CV6", "ST25",
    ] {
        let point = catalog.get_str(code).unwrap_or_else(|| panic!("{code} missing"));
        assert!(point.uses.en.starts_with("Traditionally used for"), "{code}: {}", point.uses.en);
        assert!(point.uses.nl.starts_with("Traditioneel gebruikt bij"), "{code}: {}", point.uses.nl);
        for word in ["cure", "heals", "treats"] {
            assert!(!point.uses.en.to_lowercase().contains(word), "{code} claims to {word}");
        }
    }
    let pregnancy: Vec<&str> =
        catalog.points().iter().filter(|point| point.avoid_in_pregnancy).map(|point| point.code.as_str()).collect();
    for code in ["LI4", "SP6", "GB21", "BL60", "LR3", "BL23", "BL25", "GB30", "CV6", "ST25"] {
        assert!(pregnancy.contains(&code), "{code} must be avoided in pregnancy");
    }
    assert!(!pregnancy.contains(&"PC6"));
}

#[test]
fn every_example_in_the_therapist_docs_is_valid() {
    let catalog = bundled::catalog().unwrap();
    let docs = include_str!("../routines/README.md");
    let examples: Vec<&str> = docs.split("```ron\n").skip(1).map(|rest| rest.split("```").next().unwrap()).collect();
    assert!(!examples.is_empty());
    for example in examples.iter().filter(|example| example.contains("Routine(")) {
        if let Err(err) = parse_routine(example.as_bytes(), &catalog) {
            panic!("example in routines/README.md is invalid:\n{err}\n{example}");
        }
    }
}

/// Inputs of up to 1 MiB shaped to make position-finding slow: one long line with the problem at
/// its end, thousands of bad steps, deep nesting, many multi-line texts. Checking stays linear
/// (`BENCHMARKS.md` has the release figures, under 1 s each); the bound here only catches a
/// return of quadratic work, which took over a minute on such input.
#[test]
#[allow(
    clippy::disallowed_methods,
    reason = "a hang guard: quadratic work on 1 MiB would take hours, so a 20 s bound never trips on a slow machine"
)]
fn hostile_mebibyte_inputs_are_checked_in_linear_time() {
    let catalog = bundled::catalog().unwrap();
    let head = r#"Routine(format: 1, id: "big", title: (en: "B", nl: "B"), description: (en: "B", nl: "B"), author: "T", complaints: [], breathing: SlowPaced, rest_secs: 15, steps: ["#;
    let fill_to = |unit: &str, tail: &str| {
        let count = (source::MAX_FILE_BYTES - head.len() - tail.len()) / unit.len();
        format!("{head}{}{tail}", unit.repeat(count))
    };
    let cases = [
        (
            "one line, broken at its end",
            fill_to(r#"Step(point: "LI4", side: Both, press_secs: 60, pressure: Medium), "#, "] "),
        ),
        ("thousands of bad steps", fill_to("Step(point: \"XX1\", press_secs: 999, pressure: Medium),\n", "])")),
        ("an unclosed text", format!("{head}Step(point: \"{}", "a".repeat(source::MAX_FILE_BYTES - head.len() - 20))),
        ("deep nesting", format!("{head}{}", "[".repeat(source::MAX_FILE_BYTES - head.len()))),
        (
            "many multi-line texts",
            fill_to(
                "Step(point: \"LI4\", side: Both, press_secs: 60, pressure: Medium, note: (en: \"a\nb\", nl: \"c\nd\")),",
                "] x",
            ),
        ),
    ];
    for (name, text) in cases {
        assert!(text.len() <= source::MAX_FILE_BYTES, "{name}: {} bytes", text.len());
        let started = std::time::Instant::now();
        let result = parse_routine(text.as_bytes(), &catalog);
        let took = started.elapsed();
        let error = result.expect_err(name);
        assert!(!error.diagnostics.is_empty(), "{name}");
        for diagnostic in &error.diagnostics {
            assert!(diagnostic.position.line >= 1 && diagnostic.position.column >= 1, "{name}: {diagnostic}");
        }
        assert!(took < std::time::Duration::from_secs(20), "{name}: {took:?}");
        eprintln!("{name}: {took:?}, {} problems", error.diagnostics.len());
    }
}

/// VALID with a prescription line after `rest_secs` (line 11, the field at column 5).
fn with_prescription(prescription: &str) -> String {
    VALID.replace("    rest_secs: 15,\n", &format!("    rest_secs: 15,\n    prescription: {prescription},\n"))
}

#[test]
fn a_prescription_is_optional_checked_and_written_back() {
    let catalog = bundled::catalog().unwrap();
    // Without one, as before; with one, kept and written back.
    assert_eq!(parse_routine(VALID.as_bytes(), &catalog).unwrap().routine.prescription, None);
    let text = with_prescription("(sessions_per_day: 2, days_per_week: 5, weeks: 4)");
    let routine = parse_routine(text.as_bytes(), &catalog).unwrap().routine;
    let prescription = routine.prescription.clone().unwrap();
    assert_eq!((prescription.sessions_per_day, prescription.days_per_week, prescription.weeks), (2, 5, 4));
    assert_eq!(prescription.sessions_per_week(), 10);
    let again = parse_routine(acupress::routine::to_ron(&routine).as_bytes(), &catalog).unwrap().routine;
    assert_eq!(again, routine);
    // (prescription, "line:column", message, hint)
    let cases = [
        (
            "(sessions_per_day: 0, days_per_week: 5, weeks: 4)",
            "11:38",
            "`prescription.sessions_per_day` is 0, outside 1..=4",
            "sessions a day",
        ),
        (
            "(sessions_per_day: 5, days_per_week: 5, weeks: 4)",
            "11:38",
            "`prescription.sessions_per_day` is 5",
            "from 1 to 4",
        ),
        (
            "(sessions_per_day: 2, days_per_week: 0, weeks: 4)",
            "11:56",
            "`prescription.days_per_week` is 0, outside 1..=7",
            "days a week",
        ),
        (
            "(sessions_per_day: 2, days_per_week: 8, weeks: 4)",
            "11:56",
            "`prescription.days_per_week` is 8",
            "from 1 to 7",
        ),
        (
            "(sessions_per_day: 2, days_per_week: 5, weeks: 0)",
            "11:66",
            "`prescription.weeks` is 0, outside 1..=52",
            "weeks",
        ),
        ("(sessions_per_day: 2, days_per_week: 5, weeks: 53)", "11:66", "`prescription.weeks` is 53", "from 1 to 52"),
        ("(sessions_per_day: 2, days_per_week: 5)", "11:57", "missing field `weeks`", "add `weeks"),
        (
            "(sessions_per_day: 2, days_per_week: 5, weeks: 4, hours: 1)",
            "11:69",
            "unknown field `hours`",
            "allowed fields",
        ),
        ("(sessions_per_day: -1, days_per_week: 5, weeks: 4)", "11:39", "out of range", "small whole number"),
        ("(sessions_per_day: two, days_per_week: 5, weeks: 4)", "11:37", "whole number", "2 (sessions a day)"),
    ];
    for (prescription, position, message, hint) in cases {
        let text = with_prescription(prescription);
        let err = parse_routine(text.as_bytes(), &catalog).expect_err(prescription);
        let first = &err.diagnostics[0];
        assert_eq!(first.position.to_string(), position, "{prescription}: {first}");
        assert!(first.message.en.contains(message), "{prescription}: {first}");
        assert!(first.hint.as_ref().map_or("", |hint| hint.en.as_str()).contains(hint), "{prescription}: {first}");
    }
}

/// A physiotherapist's first drafts, each with the message it must get: where (step, field),
/// what in plain words (never a type name), and a hint that fits the mistake.
#[test]
fn a_physios_draft_mistakes_each_get_a_message_they_can_act_on() {
    let catalog = bundled::catalog().unwrap();
    // (what, edit to VALID, "line:column", message contains, hint contains, message must not contain)
    let cases: [(&str, (&str, &str), &str, &str, &str, &str); 12] = [
        (
            "a note without its Dutch text",
            ("note: (en: \"Gently.\", nl: \"Zacht.\")", "note: (en: \"Gently.\")"),
            "14:34",
            "step 2, `note`: the Dutch text (`nl`) is missing",
            "every text needs both languages",
            "Text",
        ),
        (
            "a decimal press time",
            ("press_secs: 60", "press_secs: 60.0"),
            "12:54",
            "step 1",
            "without a decimal point",
            "",
        ),
        (
            "a quote inside a note",
            ("(en: \"Gently.\"", "(en: \"Press \"gently\" now.\""),
            "14:33",
            "step 2",
            "a `\"` inside a text ends it",
            "",
        ),
        (
            "curly quotes from a word processor",
            ("(en: \"Gently.\"", "(en: “Gently.”"),
            "14:24",
            "step 2",
            "curly quotes",
            "",
        ),
        (
            "a code that is a near miss",
            ("\"LI4\"", "\"KI33\""),
            "12:21",
            "unknown point code `KI33`",
            "did you mean `KI3` Great Stream, at the ankle?",
            "",
        ),
        (
            "a point by its Chinese name",
            ("\"LI4\"", "\"Yintang\""),
            "12:21",
            "unknown point code `Yintang`",
            "`Yintang` is `EX-HN3` Hall of Impression, on the head: write \"EX-HN3\"",
            "",
        ),
        ("Taiyang", ("\"LI4\"", "\"taiyang\""), "12:21", "`taiyang`", "is `EX-HN5`", ""),
        ("an old Liver code", ("\"LI4\"", "\"LV3\""), "12:21", "`LV3`", "`LV3` is `LR3` Great Rushing", ""),
        ("an old Triple Energizer code", ("\"LI4\"", "\"SJ5\""), "12:21", "`SJ5`", "`SJ5` is `TE5` Outer Pass", ""),
        (
            "4-7-8 for the whole routine",
            ("breathing: SlowPaced", "breathing: FourSevenEight"),
            "9:16",
            "holds the breath at every step",
            "only on the step that needs it",
            "",
        ),
        (
            "an emoji in the title",
            ("title: (en: \"Test\"", "title: (en: \"Test 🙂\""),
            "5:23",
            "The title (English) has the character 🙂 (U+1F642), which acupress cannot show or print",
            "no emoji",
            "",
        ),
        (
            "a title in Chinese",
            ("nl: \"Test\"),", "nl: \"测试\"),"),
            "5:30",
            "The title (Dutch) has the character 测",
            "no emoji or other scripts",
            "",
        ),
    ];
    for (what, (from, to), position, message, hint, never) in cases {
        assert!(VALID.contains(from), "{what}: the edit applies");
        let text = VALID.replacen(from, to, 1);
        let diagnostics = match acupress::text_rule::parse_routine(text.as_bytes(), &catalog) {
            Ok(loaded) => loaded.warnings,
            Err(err) => err.diagnostics,
        };
        let found = diagnostics
            .iter()
            .find(|diagnostic| diagnostic.message.en.contains(message))
            .unwrap_or_else(|| panic!("{what}: no message with {message:?} in {diagnostics:?}"));
        assert_eq!(found.position.to_string(), position, "{what}: {found:?}");
        let found_hint = found.hint.as_ref().map(|hint| hint.en.clone()).unwrap_or_default();
        assert!(found_hint.contains(hint), "{what}: hint {found_hint:?} lacks {hint:?}");
        if !never.is_empty() {
            assert!(!found.message.en.contains(never) && !found_hint.contains(never), "{what}: {found:?}");
        }
        assert!(
            !found.message.nl.is_empty() && found.hint.as_ref().is_some_and(|hint| !hint.nl.is_empty()),
            "{what}: Dutch too"
        );
    }
}
