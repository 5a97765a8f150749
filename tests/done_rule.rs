//! One rule for what counts as done, on every screen and in every export: a session whose every
//! step was skipped with Next ran "to the end" but pressed nothing, so it counts nowhere (end
//! screen, home screen, history, CSV, report). And the outcome measure that comes with a
//! therapist's program: the activities are offered for rating after the first session, not
//! again the same week, kept with the session and printed in the report.

// One walk through a program, screen by screen, is long by nature.
#![allow(clippy::too_many_lines)]

mod common;

use common::{ClickLabel, PATIENCE, answer_no_and_begin};

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use acupress::app::AcupressApp;
use acupress::bundled;
use acupress::clock::ManualClock;
use acupress::history::SessionResult;
use acupress::settings::Settings;
use acupress::store::{Paths, Store};
use acupress::text::Lang;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Twice a day for two weeks, with two activities to rate.
fn prescribed() -> String {
    common::rk_back(
        r#"rest_secs: 10,
    prescription: (
        sessions_per_day: 2, days_per_week: 5, weeks: 2,
        activities: [
            (en: "Putting on socks", nl: "Sokken aantrekken"),
            (en: "Walking 30 minutes", nl: "30 minuten wandelen"),
        ],
    ),
    steps: [
        Step(point: "GV20", press_secs: 30, pressure: Light),
    ],"#,
    )
}

fn app(home: &Path, clock: &ManualClock) -> Harness<'static, AcupressApp> {
    let catalog = bundled::catalog().unwrap();
    let routines = bundled::valid_routines(&catalog).unwrap();
    let app = AcupressApp::new(catalog, routines, Settings::default(), Arc::new(clock.clone()))
        .with_time_zone(common::amsterdam())
        .with_store(Store::open(Paths::under(home)).unwrap());
    common::harness_sized(app, [1280.0, 1000.0])
}

/// From the home screen's program card: the questions, all "No", then start and begin.
fn start_from_program(harness: &mut Harness<'static, AcupressApp>) {
    harness.state_mut().show_tab(acupress::ui::Tab::BodyMap);
    harness.run();
    harness.click_label("Start");
    answer_no_and_begin(harness);
}

fn pass_time(harness: &mut Harness<'static, AcupressApp>, clock: &ManualClock, secs: u64) {
    for _ in 0..secs {
        clock.advance(Duration::from_secs(1));
        assert!(harness.state().catch_up_session(PATIENCE), "the timer thread keeps up");
    }
    harness.run();
}

#[test]
fn a_session_skipped_through_counts_nowhere_and_the_activities_are_rated_once_a_week() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new();
    let mut harness = app(&dir.path().join("home"), &clock);
    harness.run();
    let file = dir.path().join("rk-back.ron");
    std::fs::write(&file, prescribed()).unwrap();
    harness.state_mut().import_file(&file);
    harness.run();
    harness.click_label("Close");

    // Every step skipped with Next (→): the session runs to its end with nothing pressed.
    start_from_program(&mut harness);
    for _ in 0..6 {
        if !harness.state().in_session() {
            break;
        }
        harness.key_press(Key::ArrowRight);
        harness.run();
        assert!(harness.state().catch_up_session(PATIENCE));
        harness.run();
    }
    assert!(!harness.state().in_session(), "Next through every step ends the session");
    // The end screen: not "complete", and why it does not count.
    assert!(harness.query_all_by_label_contains("Session complete").next().is_none());
    assert!(harness.query_all_by_label_contains("Session over").next().is_some());
    assert!(harness.query_all_by_label_contains("No point was pressed, so it does not count").next().is_some());
    // The first session of the program offers the activities.
    assert!(harness.query_by_label("How well can you do these activities today?").is_some());
    harness.click_label("Putting on socks: 3");
    harness.click_label("Walking 30 minutes: 6");
    harness.click_label("Done");

    // The home screen: nothing done today.
    harness.state_mut().show_tab(acupress::ui::Tab::BodyMap);
    harness.run();
    assert!(
        harness.query_all_by_label_contains("0 of 2 today").next().is_some(),
        "a session with nothing pressed never counts"
    );

    // A whole session: counts, and the activities are not asked again this week.
    start_from_program(&mut harness);
    pass_time(&mut harness, &clock, 10 + 30 + 60);
    assert!(!harness.state().in_session());
    assert!(harness.query_all_by_label_contains("Session complete").next().is_some());
    assert!(harness.query_by_label("How well can you do these activities today?").is_none(), "rated today already");
    harness.click_label("Done");
    harness.state_mut().show_tab(acupress::ui::Tab::BodyMap);
    harness.run();
    assert!(harness.query_all_by_label_contains("1 of 2 today").next().is_some());

    // The history screen tells the two apart.
    harness.state_mut().show_tab(acupress::ui::Tab::History);
    harness.run();
    assert!(harness.query_all_by_label_contains("nothing pressed").next().is_some());

    let records = harness.state().records();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].result(), SessionResult::NothingPressed);
    assert_eq!(records[1].result(), SessionResult::Done);
    let scores: Vec<(&str, u8)> =
        records[0].activity_scores.iter().map(|given| (given.activity.en.as_str(), given.score)).collect();
    assert_eq!(scores, [("Putting on socks", 3), ("Walking 30 minutes", 6)]);
    assert!(records[1].activity_scores.is_empty());

    // A week later the rating is offered again.
    clock.advance(Duration::from_secs(7 * 86_400));
    start_from_program(&mut harness);
    pass_time(&mut harness, &clock, 10 + 30 + 60);
    assert!(harness.query_by_label("How well can you do these activities today?").is_some(), "a week later");
    harness.click_label("Putting on socks: 6");
    harness.click_label("Walking 30 minutes: 7");
    harness.click_label("Done");
    let records = harness.state().records();

    // The CSV: `completed` is the rule, `result` says how far it got.
    let csv = acupress::history::to_csv(&records, Lang::En, &[], &common::amsterdam());
    let rows: Vec<Vec<String>> = csv.lines().map(fields).collect();
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|column| column == name).unwrap();
    let first = &rows[1];
    assert_eq!(first[column("completed")], "false");
    assert_eq!(first[column("result")], "nothing_pressed");
    let second = &rows[2];
    assert_eq!(second[column("completed")], "true");
    assert_eq!(second[column("result")], "done");

    // The report: the rule, each session's result, and the activities from start to week 2.
    let catalog = bundled::catalog().unwrap();
    let routine = acupress::routine::parse_routine(prescribed().as_bytes(), &catalog).unwrap().routine;
    let settings = harness.state().settings().clone();
    for (lang, expected) in [
        (
            Lang::En,
            [
                "nothing pressed",
                "Daily activities: Back for R.K.",
                "Putting on socks",
                "start 3 6 4.5",
                "week 2 6 7 6.5",
                "Change +3 +1 +2.0",
                "only done sessions count",
            ],
        ),
        (
            Lang::Nl,
            [
                "niets ingedrukt",
                "Dagelijkse activiteiten: Rug voor R.K.",
                "Sokken aantrekken",
                "begin 3 6 4,5",
                "week 2 6 7 6,5",
                "Verandering +3 +1 +2,0",
                "alleen gedane sessies tellen",
            ],
        ),
    ] {
        let pdf = acupress::pdf::report(&acupress::pdf::ReportInput {
            records: &records,
            programs: &settings.programs,
            routines: std::slice::from_ref(&routine),
            catalog: &catalog,
            zone: &common::amsterdam(),
            from: None,
            to: None,
            today: records[2].local_date(&common::amsterdam()),
            lang,
        })
        .unwrap();
        let document = lopdf::Document::load_mem(&pdf).unwrap();
        let pages: Vec<u32> = document.get_pages().keys().copied().collect();
        let text = document.extract_text(&pages).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in expected {
            assert!(text.contains(needle), "{lang:?} report: {needle:?} in {text}");
        }
    }
}

/// The fields of one CSV line (quoted fields may hold commas and doubled quotes).
fn fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}
