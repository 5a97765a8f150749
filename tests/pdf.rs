//! The handout and the progress report, read back with a PDF parser: pages, and the text a
//! patient needs (every point's name, the stop rules, the prescription, the weeks). Bad input
//! gives a clear error and no file. And the report from the History screen, through a file
//! dialog.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use acupress::app::AcupressApp;
use acupress::app::effects::ScriptedDialogs;
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::history::{GateReason, SessionRecord};
use acupress::program::Program;
use acupress::routine::parse_routine;
use acupress::safety::Outcome;
use acupress::settings::Settings;
use acupress::store::{Paths, Store};
use acupress::text::{Lang, Text};
use egui_kittest::kittest::Queryable;

/// The PDF's text, whitespace folded, and its number of pages.
fn read(pdf: &[u8]) -> (String, usize) {
    let document = lopdf::Document::load_mem(pdf).expect("a PDF that a parser reads");
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    let text = document.extract_text(&pages).expect("text that can be extracted");
    (text.split_whitespace().collect::<Vec<_>>().join(" "), pages.len())
}

/// The handout as printed today for everyone (not adapted).
fn handout(routine: &acupress::routine::Routine, catalog: &acupress::catalog::Catalog, lang: Lang) -> Vec<u8> {
    acupress::pdf::handout(&acupress::pdf::HandoutInput {
        routine,
        catalog,
        lang,
        printed: jiff::civil::date(2026, 12, 6),
        adapted: None,
    })
    .unwrap()
}

fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_bundled_routine_has_a_handout_in_both_languages_with_every_point() {
    let catalog = bundled::catalog().unwrap();
    for routine in bundled::valid_routines(&catalog).unwrap() {
        for lang in Lang::ALL {
            let pdf = handout(&routine, &catalog, lang);
            let (text, pages) = read(&pdf);
            assert!((1..=8).contains(&pages), "{} {lang:?}: {pages} pages", routine.id);
            assert!(text.contains(&folded(routine.title.get(lang))), "{} {lang:?}: the title", routine.id);
            for step in &routine.steps {
                let point = catalog.get(&step.point).unwrap();
                assert!(text.contains(&folded(point.name.get(lang))), "{} {lang:?}: {}", routine.id, step.point);
                assert!(text.contains(step.point.as_str()), "{} {lang:?}: the code {}", routine.id, step.point);
            }
            let stop_rules = folded(acupress::safety::STOP_RULES.get(lang));
            let first_words: String = stop_rules.split(' ').take(6).collect::<Vec<_>>().join(" ");
            assert!(text.contains(&first_words), "{} {lang:?}: the stop rules", routine.id);
            assert!(text.contains(&folded(acupress::texts::strings(lang).disclaimer)), "the self-care notice");
            // Every caution of every printed point beside its step, pregnancy included.
            for step in &routine.steps {
                let point = catalog.get(&step.point).unwrap();
                for caution in &point.cautions {
                    assert!(
                        text.contains(&folded(caution.get(lang))),
                        "{} {lang:?}: a caution of {}",
                        routine.id,
                        point.code
                    );
                }
                if point.avoid_in_pregnancy {
                    let pregnancy = folded(acupress::texts::strings(lang).handout_pregnancy_caution);
                    assert!(text.contains(&pregnancy), "{} {lang:?}: {} in pregnancy", routine.id, point.code);
                }
            }
            // When to call 112 or the doctor, in the gate's own words; the L/R rule; the date.
            for advice in [acupress::safety::URGENT_ADVICE_CALL_112, acupress::safety::URGENT_ADVICE_BACK] {
                assert!(text.contains(&folded(advice.get(lang))), "{} {lang:?}: red flags", routine.id);
            }
            assert!(text.contains(&folded(acupress::texts::strings(lang).side_note)), "the L/R rule");
            assert!(text.contains(if lang == Lang::En { "6 Dec 2026" } else { "6 dec 2026" }), "the print date");
        }
    }
}

fn prescribed() -> String {
    common::rk_back(
        r#"rest_secs: 15,
    prescription: (sessions_per_day: 2, days_per_week: 5, weeks: 4),
    steps: [
        Step(point: "BL23", side: Both, press_secs: 60, pressure: Medium,
             note: (en: "Hands on your waist, thumbs backwards.", nl: "Handen in je zij, duimen naar achteren.")),
        Step(point: "KI3", side: Left, press_secs: 45, pressure: Light),
    ],"#,
    )
}

#[test]
fn a_therapists_handout_prints_the_prescription_the_note_and_the_author() {
    let catalog = bundled::catalog().unwrap();
    let routine = parse_routine(prescribed().as_bytes(), &catalog).unwrap().routine;
    let (text, _) = read(&handout(&routine, &catalog, Lang::Nl));
    for expected in [
        "Rug voor R.K.",
        "2× per dag, 5 dagen per week, 4 weken lang",
        "Handen in je zij, duimen naar achteren.",
        "J. de Vries, fysiotherapeut",
        "linkerkant, dan rechterkant · elk 60 s",
        "Druk: licht",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
}

fn session(started_unix_secs: i64, completed: bool, pain: (u8, u8)) -> SessionRecord {
    SessionRecord {
        routine_id: "rk-back".into(),
        routine_title: Text::new("Back for R.K.", "Rug voor R.K."),
        routine_author: "J. de Vries, fysiotherapeut".into(),
        started_unix_secs,
        practised_secs: 320,
        pressed_secs: 320,
        completed,
        stopped_at_step: if completed { None } else { Some(1) },
        steps_total: 2,
        steps_done: if completed { 2 } else { 1 },
        steps_skipped_by_user: 0,
        skipped_by_gate: if completed { Vec::new() } else { vec!["KI3".into()] },
        gate_outcome: if completed { Outcome::Clear } else { Outcome::Adapted },
        gate_reasons: if completed {
            Vec::new()
        } else {
            vec![GateReason {
                question: "pregnant".into(),
                light_only: true,
                skipped: vec!["KI3".into()],
                holds_removed: false,
            }]
        },
        pain_before: Some(pain.0),
        pain_after: Some(pain.1),
        activity_scores: Vec::new(),
    }
}

#[test]
fn the_report_shows_weeks_against_the_prescription_pain_and_every_session() {
    let catalog = bundled::catalog().unwrap();
    let routine = parse_routine(prescribed().as_bytes(), &catalog).unwrap().routine;
    let zone = jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
    // Program from Monday 9 November; sessions on the 9th (two), the 10th, the 17th (stopped).
    let day = 86_400;
    let monday = 1_794_211_200; // 2026-11-09 09:00 in Amsterdam
    let records = vec![
        session(monday, true, (6, 4)),
        session(monday + 9 * 3600, true, (5, 3)),
        session(monday + day, true, (5, 4)),
        session(monday + 8 * day, false, (4, 4)),
    ];
    let program = Program {
        routine_id: "rk-back".into(),
        start: jiff::civil::date(2026, 11, 9),
        reminders_on: true,
        reminders: Vec::new(),
    };
    let programs = [program];
    let routines = [routine];
    let input = acupress::pdf::ReportInput {
        records: &records,
        programs: &programs,
        routines: &routines,
        catalog: &catalog,
        zone: &zone,
        from: None,
        to: None,
        today: jiff::civil::date(2026, 11, 21),
        lang: Lang::En,
    };
    let (text, pages) = read(&acupress::pdf::report(&input).unwrap());
    assert_eq!(pages, 1, "{text}");
    for expected in [
        "Progress report",
        "4 sessions, 3 done",
        "Your program: Back for R.K.",
        "Week 1 (9–15 Nov) 3 of 10",
        "Week 2 (16–22 Nov) 0 of 10 (so far)",
        "Pain before and after",
        "stopped at step 2 of 2",
        // Which answer changed what, in plain words.
        "might be pregnant: light pressure only; Great Stream (KI3) left out",
        // Two sessions on one day, told apart by their time.
        "9 Nov 2026 09:00",
        "9 Nov 2026 18:00",
        "a session is done when every point was pressed to the end",
        "all clear",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    // From the middle of week 1 to the first day of week 2: week 1 counts whole (its first day's
    // two sessions too), week 2 only up to the period's end, and says so.
    let part = acupress::pdf::ReportInput {
        from: Some(jiff::civil::date(2026, 11, 10)),
        to: Some(jiff::civil::date(2026, 11, 16)),
        ..input
    };
    let (text, _) = read(&acupress::pdf::report(&part).unwrap());
    assert!(text.contains("Week 1 (9–15 Nov) 3 of 10"), "{text}");
    assert!(text.contains("Week 2 (16–22 Nov) 0 of 10 (so far)"), "{text}");
    // A period without sessions: one page that says so.
    let empty = acupress::pdf::ReportInput {
        from: Some(jiff::civil::date(2026, 10, 1)),
        to: Some(jiff::civil::date(2026, 10, 31)),
        ..input
    };
    let (text, pages) = read(&acupress::pdf::report(&empty).unwrap());
    assert_eq!(pages, 1);
    assert!(text.contains("No sessions in this period."), "{text}");
}

fn acupress(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_acupress"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .output()
        .unwrap()
}

#[test]
fn the_command_line_writes_whole_files_or_none_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let out = dir.path().join("low-back.pdf");
    let ok = acupress(&home, &["handout", "low-back", "--lang", "nl", "-o", out.to_str().unwrap()]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(read(&std::fs::read(&out).unwrap()).0.contains("Onderrug"));
    // (arguments, exit code, words in the message, file that must not appear)
    let missing = dir.path().join("none.pdf");
    let nowhere = dir.path().join("no such folder/x.pdf");
    let cases: Vec<(Vec<&str>, i32, &str, &Path)> = vec![
        (vec!["handout", "low-bak", "-o", missing.to_str().unwrap()], 1, "no bundled routine with this id", &missing),
        (vec!["handout", "low-back", "-o", nowhere.to_str().unwrap()], 1, "not written", &nowhere),
        (
            vec!["report", "--from", "21-11-2026", "-o", missing.to_str().unwrap()],
            2,
            "not a date; write it as YYYY-MM-DD",
            &missing,
        ),
        (vec!["report", "--to", "2026-02-30", "-o", missing.to_str().unwrap()], 2, "not a date", &missing),
        (
            vec!["report", "--from", "2026-12-01", "--to", "2026-11-01", "-o", missing.to_str().unwrap()],
            2,
            "is after",
            &missing,
        ),
    ];
    for (args, code, message, file) in cases {
        let output = acupress(&home, &args);
        let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert_eq!(output.status.code(), Some(code), "{args:?}: {said}");
        assert!(said.contains(message), "{args:?}: {said}");
        assert!(!file.exists(), "{args:?}: no file, not even part of one");
    }
    // An empty history: a one-page report.
    let report = dir.path().join("report.pdf");
    let output = acupress(&home, &["report", "--lang", "en", "-o", report.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (text, pages) = read(&std::fs::read(&report).unwrap());
    assert_eq!(pages, 1);
    assert!(text.contains("No sessions in this period."));
}

#[test]
fn the_history_screen_writes_the_report_where_the_person_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("for my physio.pdf");
    let catalog = bundled::catalog().unwrap();
    let app = AcupressApp::new(
        catalog.clone(),
        bundled::valid_routines(&catalog).unwrap(),
        Settings::default(),
        Arc::new(ManualClock::new()),
    )
    .with_store(Store::open(Paths::under(&dir.path().join("home"))).unwrap())
    .with_dialogs(ScriptedDialogs::new([Some(target.clone())]));
    let mut harness = common::harness_sized(app, [1280.0, 900.0]);
    harness.run();
    harness.state_mut().show_tab(acupress::ui::Tab::History);
    harness.run();
    harness.get_by_label("Progress report (PDF)…").click_accesskit();
    harness.run();
    let (text, _) = read(&std::fs::read(&target).expect("the report is written"));
    assert!(text.contains("Progress report"));
    assert!(harness.query_by_label_contains("for my physio.pdf").is_some(), "the person is told where it went");
}

#[test]
fn a_report_over_a_long_period_sums_up_weeks_and_keeps_every_safety_change() {
    let catalog = bundled::catalog().unwrap();
    let routine = parse_routine(prescribed().as_bytes(), &catalog).unwrap().routine;
    let zone = jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
    let day = 86_400;
    let monday = 1_794_211_200; // 2026-11-09 09:00 in Amsterdam
    // A year at three a day; in the year's second week, two sessions were adapted for pregnancy.
    let records: Vec<SessionRecord> = (0..365 * 3)
        .map(|index| {
            let started = monday + (index / 3) * day + (index % 3) * 4 * 3600;
            let adapted = (21..23).contains(&index);
            session(started, !adapted, (6, 4))
        })
        .collect();
    let routines = [routine];
    let input = acupress::pdf::ReportInput {
        records: &records,
        programs: &[],
        routines: &routines,
        catalog: &catalog,
        zone: &zone,
        from: None,
        to: None,
        today: jiff::civil::date(2027, 11, 9),
        lang: Lang::En,
    };
    let (text, pages) = read(&acupress::pdf::report(&input).unwrap());
    // Weeks, not a thousand rows: the pages stay few enough to read.
    assert!(pages <= 12, "{pages} pages");
    for expected in [
        "Week by week",
        "9–15 Nov 2026 21, 21 done",
        "16–22 Nov 2026 21, 19 done; 2 partly, 0 nothing pressed",
        // The safety change is named in its week, with how often.
        "might be pregnant: light pressure only; Great Stream (KI3) left out (2×)",
        "The last four weeks, session by session",
        "8 Nov 2027 13:00",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    // Every session of the last four weeks has its own row; older ones are not listed one by one.
    assert!(!text.contains("10 Nov 2026 09:00"), "{text}");
    let dutch = acupress::pdf::ReportInput { lang: Lang::Nl, ..input };
    let (text, _) = read(&acupress::pdf::report(&dutch).unwrap());
    for expected in ["Week voor week", "21, 19 gedaan; 2 gedeeltelijk, 0 niets ingedrukt", "(2×)"] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
}
