//! The command line as a therapist or script uses it: real process, real files, exit codes.

// Table-driven tests are long tables, and an underflow panic in a test is simply a failure.
#![allow(clippy::too_many_lines, clippy::type_complexity, clippy::unchecked_time_subtraction)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs acupress in an English locale (a test asks for Dutch with `--lang nl`, or sets `LANG`).
fn acupress(args: &[&str]) -> Output {
    acupress_in("C", args)
}

fn acupress_in(locale: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_acupress"))
        .args(args)
        .env_remove("LANGUAGE")
        .env_remove("LC_MESSAGES")
        .env("LC_ALL", locale)
        .env("LANG", locale)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run acupress")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn check_accepts_every_bundled_routine() {
    let files: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("routines"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .map(|path| path.display().to_string())
        .collect();
    assert!(files.len() >= 6);
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let output = acupress(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output).lines().filter(|line| line.contains(": ok: ")).count(), files.len());
}

#[test]
fn check_reports_file_line_column_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ron");
    let bad = dir.path().join("bad.ron");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("routines/nausea.ron")).unwrap();
    std::fs::write(&good, &text).unwrap();
    let broken = text.replacen("press_secs: ", "press_secs: 1", 1).replacen("\"ST36\"", "\"ST63\"", 1);
    std::fs::write(&bad, broken).unwrap();
    let output = acupress(&["check", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    let bad_lines: Vec<&str> = out.lines().filter(|line| line.starts_with(bad.to_str().unwrap())).collect();
    assert_eq!(bad_lines.len(), 2, "{out}");
    for line in bad_lines {
        let rest = &line[bad.to_str().unwrap().len()..];
        let mut parts = rest.splitn(4, ':');
        assert_eq!(parts.next(), Some(""));
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "line number in {line}");
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "column in {line}");
    }
    assert!(out.contains("did you mean `ST36`"), "{out}");
    assert!(out.contains(&format!("{}: ok", good.display())));
}

#[test]
fn check_missing_file_fails_clearly() {
    let output = acupress(&["check", "no-such-file.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("no-such-file.ron: cannot read the file"));
}

#[test]
fn lists_start_with_code_or_id() {
    let routines = stdout(&acupress(&["list", "routines"]));
    let ids: Vec<&str> = routines.lines().map(|line| line.split_whitespace().next().unwrap()).collect();
    for id in ["low-back", "neck-shoulders", "headache", "stress", "sleep", "nausea"] {
        assert!(ids.contains(&id), "{id} in {routines}");
    }
    let points = stdout(&acupress(&["list", "points"]));
    assert!(points.lines().count() >= 25);
    assert!(points.lines().any(|line| line.starts_with("EX-HN3 ")));
    let questions = stdout(&acupress(&["list", "questions"]));
    for id in ["emergency_back", "advised_against", "bleeding_cleared", "skin_points"] {
        assert!(questions.lines().any(|line| line.split_whitespace().next() == Some(id)), "{id}");
    }
}

#[test]
fn plan_prints_the_timeline() {
    let output = acupress(&["plan", "low-back", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    assert!(out.contains("safety gate: all clear"), "{out}");
    let first_row = out.lines().find(|line| line.trim_start().starts_with("0:00")).unwrap();
    assert!(first_row.contains("announce") && first_row.contains("BL23") && first_row.contains("left"), "{first_row}");
    assert!(out.lines().any(|line| line.contains("press") && line.contains("Slow breathing")));
    assert!(out.contains("total: 13:30"), "{out}");
}

#[test]
fn plan_in_dutch() {
    let out = stdout(&acupress(&["plan", "nausea", "--lang", "nl"]));
    assert!(out.contains("Misselijkheid"), "{out}");
    assert!(out.contains("links") && out.contains("rechts"));
    // Every label is Dutch: the headings, the cues, the total, the gate's decision.
    assert!(out.contains("veiligheidsvragen: akkoord"), "{out}");
    assert!(
        out.lines().any(|line| line.split_whitespace().collect::<Vec<_>>()
            == ["tijd", "moment", "punt", "kant", "druk", "ademhaling"]),
        "{out}"
    );
    assert!(out.lines().any(|line| line.contains(" drukken ") && line.contains("Rustig ademen")), "{out}");
    assert!(out.contains("totaal: ") && out.contains(" stappen)"), "{out}");
    let adapted = stdout(&acupress(&["plan", "low-back", "--yes", "pregnant", "--lang", "nl"]));
    assert!(adapted.contains("veiligheidsvragen: aangepast") && adapted.contains("overgeslagen BL23: "), "{adapted}");
    assert!(adapted.contains("alleen lichte druk: "), "{adapted}");
    let sound = stdout(&acupress(&["plan", "nausea", "--sound", "--lang", "nl"]));
    assert!(sound.contains("# sessie: ") && sound.contains(" stem ") && sound.contains(" klank "), "{sound}");
    // The sound's file name (the last column) is a code, like a point code.
    let sound_without_names: String = sound
        .lines()
        .map(|line| if line.starts_with('#') { line } else { line.rsplit_once(' ').map_or(line, |(rest, _)| rest) })
        .collect::<Vec<_>>()
        .join("\n");
    for english in ["safety", "gate", "total", "press", "announce", "release", "voice", "chime", "deadline", "steps"] {
        for text in [&out, &adapted, &sound_without_names] {
            let has_word = text.split(|c: char| !c.is_alphanumeric()).any(|word| word == english);
            assert!(!has_word, "English {english:?} in: {text}");
        }
    }
}

#[test]
fn plan_adapts_for_pregnancy() {
    let output = acupress(&["plan", "low-back", "--yes", "pregnant", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    assert!(out.contains("safety gate: adapted"));
    let skipped: Vec<&str> = out.lines().filter(|line| line.starts_with("skipped ")).collect();
    assert_eq!(skipped.len(), 4, "{out}");
    assert!(skipped.iter().any(|line| line.starts_with("skipped BL23")));
    assert!(
        !out.lines().any(|line| line.contains(" press ") && line.contains("BL23")),
        "skipped points are not in the timeline"
    );
    assert!(out.contains("light pressure only"));
}

#[test]
fn plan_blocks_with_exit_3() {
    for (question, outcome) in [
        ("emergency_back", "blocked: get medical help now"),
        ("injury", "blocked: see a doctor or physiotherapist first"),
        ("skin", "blocked: no point of this routine is left"),
    ] {
        let output = acupress(&["plan", "headache", "--yes", question, "--lang", "en"]);
        assert_eq!(output.status.code(), Some(3), "{question}");
        let out = stdout(&output);
        assert!(out.contains(&format!("safety gate: {outcome}")), "{out}");
        assert!(!out.contains("blocked-"), "words, not codes: {out}");
        assert!(!out.contains("total:"), "no timeline when blocked");
    }
    let output = acupress(&["plan", "headache", "--yes", "skin", "--points", "skin_points=LI4", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).lines().any(|line| line.starts_with("skipped LI4")));
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn plan_rejects_unknown_input() {
    let output = acupress(&["plan", "headache", "--yes", "pregnent"]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(stderr(&output).contains("unknown yes/no question `pregnent`"), "{}", stderr(&output));
    assert!(stderr(&output).contains("pregnant"), "names what is valid");
    let output = acupress(&["plan", "no-such-routine"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("no bundled routine"));
}

/// The gate on the command line is strict: a typo never makes it less careful.
#[test]
fn plan_refuses_answers_it_cannot_use() {
    // (arguments, what the message says)
    let cases: &[(&[&str], &str)] = &[
        (&["--yes", "skin", "--points", "skin_points=XX9"], "`XX9` in `--points skin_points` is not a point code"),
        (&["--yes", "skin", "--points", "skin_points=ST36"], "`ST36` in `--points skin_points` is not in this routine"),
        (&["--yes", "skin", "--points", "skin_points"], "needs the form QUESTION_ID=CODES"),
        (&["--points", "skin_points=LI4"], "`skin_points` is a follow-up of `skin`: add `--yes skin`"),
        (&["--yes", "bleeding_cleared"], "`bleeding_cleared` is a follow-up of `bleeding`"),
        (&["--yes", "skin", "--yes", "skin"], "`skin` is answered twice"),
        (
            &["--yes", "skin", "--points", "skin_points=LI4", "--points", "skin_points=GB20"],
            "`skin_points` is answered twice",
        ),
        (&["--yes", "skin", "--points", "bogus=LI4"], "unknown point question `bogus`"),
    ];
    for (args, message) in cases {
        let mut all = vec!["plan", "headache", "--lang", "en"];
        all.extend_from_slice(args);
        let output = acupress(&all);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stdout(&output));
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
        assert!(!stdout(&output).contains("safety gate: clear"), "{args:?}");
    }
    // Codes match whatever their case.
    let output = acupress(&["plan", "headache", "--lang", "en", "--yes", "skin", "--points", "skin_points=li4"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).lines().any(|line| line.starts_with("skipped LI4")));
}

#[cfg(unix)]
#[test]
fn a_pipe_or_folder_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("routine.ron");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // With nobody writing to the pipe, reading it would wait forever: it must be refused.
    for args in [
        vec!["check", fifo.to_str().unwrap()],
        vec!["plan", fifo.to_str().unwrap()],
        vec!["check", dir.path().to_str().unwrap()],
    ] {
        let output = acupress(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(stdout(&output).contains("not a regular file"), "{args:?}: {}", stdout(&output));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn output_to_a_full_disk_is_an_error_and_a_closed_pipe_ends_quietly() {
    let full = Command::new(env!("CARGO_BIN_EXE_acupress"))
        .args(["list", "points"])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(full.status.code(), Some(1));
    assert!(stderr(&full).contains("cannot write the output"), "{}", stderr(&full));
    assert!(!stderr(&full).contains("panicked"));
    // A reader that stops at once: the output ends quietly.
    let mut child = Command::new(env!("CARGO_BIN_EXE_acupress"))
        .args(["plan", "low-back", "--sound"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.code() == Some(0), "{:?}: {}", output.status, stderr(&output));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn plan_reads_a_file() {
    let output = acupress(&["plan", "routines/stress.ron", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("total: "));
}

fn run_in_home(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_acupress"))
        .args(args)
        .env("HOME", home)
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .unwrap()
}

const ONE_SESSION: &str = r#"History(format: 1, sessions: [
    SessionRecord(routine_id: "low-back", routine_title: (en: "Low back", nl: "Onderrug"), routine_author: "acupress",
        started_unix_secs: 1795275315, practised_secs: 810, completed: true, stopped_at_step: None, steps_total: 6,
        steps_done: 6, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, pain_before: Some(5), pain_after: Some(3)),
])"#;

#[test]
fn history_csv_prints_a_header_and_one_row_per_session() {
    let home = tempfile::tempdir().unwrap();
    let empty = run_in_home(home.path(), &["history", "--csv"]);
    assert_eq!(empty.status.code(), Some(0));
    let header = String::from_utf8_lossy(&empty.stdout).into_owned();
    assert_eq!(header.lines().count(), 1);
    assert!(header.starts_with("started_at,routine_id,routine_title,"));
    let paths = acupress::store::Paths::platform_for_home(home.path());
    assert!(!paths.data_dir.exists(), "a read-only command creates no folders");
    // A history file as the app writes it.
    std::fs::create_dir_all(&paths.data_dir).unwrap();
    std::fs::write(paths.history_file(), ONE_SESSION).unwrap();
    let output = run_in_home(home.path(), &["history", "--csv"]);
    let csv = String::from_utf8_lossy(&output.stdout).into_owned();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows[1].starts_with("2026-11-21T15:35:15Z,low-back,"), "{}", rows[1]);
    assert!(
        rows[1].ends_with(",clear,5,3,,,0,done"),
        "no program: the two program columns stay empty; a record written before pressed time was kept says 0: {}",
        rows[1]
    );
}

/// `history` only reads: a history it cannot use is an error, and it stays exactly where and
/// as it was (an older acupress must not lose a newer one's history).
#[test]
fn history_never_moves_or_changes_a_file_it_cannot_read() {
    let cases = [
        ("newer", ONE_SESSION.replace("format: 1", "format: 7"), "written by a newer acupress"),
        ("damaged", ONE_SESSION.replace("steps_total: 6,", "steps_total: 6"), "damaged"),
        ("a date in milliseconds", ONE_SESSION.replace("1795275315", "1795275315000"), "not in 2000–2100"),
    ];
    for (name, text, reason) in cases {
        let home = tempfile::tempdir().unwrap();
        let paths = acupress::store::Paths::platform_for_home(home.path());
        std::fs::create_dir_all(&paths.data_dir).unwrap();
        std::fs::write(paths.history_file(), &text).unwrap();
        for args in [&["history", "--csv"][..], &["history"][..]] {
            let output = run_in_home(home.path(), args);
            assert_eq!(output.status.code(), Some(1), "{name} {args:?}");
            assert!(stderr(&output).contains(reason), "{name}: {}", stderr(&output));
            assert!(String::from_utf8_lossy(&output.stdout).is_empty(), "{name}: no half output");
        }
        assert_eq!(std::fs::read_to_string(paths.history_file()).unwrap(), text, "{name}: untouched");
        let names: Vec<String> = std::fs::read_dir(&paths.data_dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["history.ron".to_owned()], "{name}: nothing moved or added");
    }
}

/// Every command speaks Dutch when asked, or when the system is Dutch: its output, its errors,
/// its help and its usage errors, with no English left in them.
#[test]
fn every_command_speaks_dutch_when_asked_or_when_the_system_is_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("concept.ron");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("routines/nausea.ron")).unwrap();
    std::fs::write(&bad, text.replacen("\"ST36\"", "\"ST63\"", 1)).unwrap();
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("routines/nausea.ron");
    let missing = dir.path().join("weg.ron");
    let bad_arg = bad.to_str().unwrap();
    let good_arg = good.to_str().unwrap();
    let missing_arg = missing.to_str().unwrap();
    let pdf = dir.path().join("x.pdf");
    let pdf_arg = pdf.to_str().unwrap();
    // (arguments, locale, text expected on stdout or stderr, English that must not show)
    let cases: Vec<(Vec<&str>, &str, &str, &[&str])> = vec![
        (
            vec!["check", good_arg, "--lang", "nl"],
            "C",
            ": in orde: Misselijkheid (nausea), 3 stappen, ",
            &["ok:", "steps"],
        ),
        (vec!["check", good_arg], "nl_NL.UTF-8", ": in orde: Misselijkheid", &["ok:"]),
        (vec!["check", bad_arg, "--lang", "nl"], "C", "onbekende puntcode `ST63`", &["unknown", "hint"]),
        (
            vec!["check", missing_arg, "--lang", "nl"],
            "C",
            "het bestand kan niet worden gelezen: bestand of map bestaat niet",
            &["cannot", "no such"],
        ),
        (vec!["list", "routines", "--lang", "nl"], "C", "Misselijkheid", &["points", "from:"]),
        (
            vec!["list", "points", "--lang", "nl"],
            "C",
            "LI4     Hegu        Samenkomend dal",
            &["both sides", "midline"],
        ),
        (vec!["list", "questions", "--lang", "nl"], "C", "[noodgeval, ja/nee]", &["[emergency", "follow-up", "yes/no"]),
        (
            vec!["plan", "nausea", "--yes", "bogus", "--lang", "nl"],
            "C",
            "onbekende ja/nee-vraag `bogus`",
            &["unknown", "valid:"],
        ),
        (vec!["plan", "bestaat-niet", "--lang", "nl"], "C", "geen meegeleverde routine met deze id", &["no bundled"]),
        (
            vec!["report", "--from", "gisteren", "-o", pdf_arg, "--lang", "nl"],
            "C",
            "geen datum; schrijf die als JJJJ-MM-DD",
            &["not a date"],
        ),
        (
            vec!["handout", "nausea", "-o", dir.path().to_str().unwrap(), "--lang", "nl"],
            "C",
            "dit is een map",
            &["folder"],
        ),
        (
            vec!["list", "pints", "--lang", "nl"],
            "C",
            "ongeldige waarde 'pints' voor '<WAT>'",
            &["invalid", "Usage", "error"],
        ),
        (vec!["list", "--lang", "nl"], "C", "dit ontbreekt: <WAT>", &["required", "Usage", "error"]),
        (
            vec!["--help", "--lang", "nl"],
            "C",
            "Gebruik: acupress [OPTIES] [BESTAND] [OPDRACHT]",
            &["Usage", "Options", "Print"],
        ),
        (
            vec!["handout", "--help"],
            "nl_NL.UTF-8",
            "Schrijf de handout van een routine",
            &["Usage", "Options", "Write"],
        ),
    ];
    for (args, locale, expected, english) in cases {
        let output = acupress_in(locale, &args);
        let said = format!("{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
        assert!(said.contains(expected), "{args:?}: {expected:?} in {said}");
        for word in english {
            assert!(!said.contains(word), "{args:?}: English {word:?} in {said}");
        }
    }
}

/// `list points --long`: everything a physio needs to read the catalogue, in either language.
#[test]
fn the_catalogue_reads_in_full_with_list_points_long() {
    let english = stdout(&acupress(&["list", "points", "--long"]));
    let li4 = english.split("\n\n").find(|block| block.starts_with("LI4 ")).expect("LI4's block");
    for expected in [
        "LI4 Joining Valley (Pinyin: Hegu), both sides",
        "Shown on: Back, Hands (on the hand)",
        "How to find it: On the back of your hand",
        "Traditionally used for headache",
        "Take care: Leave it out in pregnancy.",
    ] {
        assert!(li4.contains(expected), "{expected:?} in {li4}");
    }
    let dutch = stdout(&acupress(&["list", "points", "--long", "--lang", "nl"]));
    let li4 = dutch.split("\n\n").find(|block| block.starts_with("LI4 ")).expect("LI4's block");
    for expected in [
        "Samenkomend dal",
        "Te zien op: Achterkant, Handen (op de hand)",
        "Zo vind je het: Op je handrug",
        "Traditioneel gebruikt bij",
        "Let op: Laat het weg bij zwangerschap.",
    ] {
        assert!(li4.contains(expected), "{expected:?} in {li4}");
    }
    let catalog = acupress::bundled::catalog().unwrap();
    assert_eq!(english.split("\n\n").filter(|block| !block.trim().is_empty()).count(), catalog.points().len());
    for point in catalog.points() {
        for caution in &point.cautions {
            assert!(english.contains(&caution.en), "{}: caution {}", point.code, caution.en);
        }
    }
}

/// `list complaints`: the word a routine file takes, the bundled routines and the points, for
/// every complaint, in the person's language.
#[test]
fn list_complaints_names_each_complaints_routines_and_points() {
    let english = stdout(&acupress(&["list", "complaints"]));
    let knee = english.split("\nKnee ").nth(1).expect("the Knee complaint");
    assert!(knee.starts_with("          Knee\n"), "{knee}");
    assert!(knee.contains("routines: knee"), "{knee}");
    assert!(knee.contains("points: ST36,") && knee.contains("EX-LE4"), "{knee}");
    for complaint in acupress::catalog::Complaint::ALL {
        assert!(english.lines().any(|line| line.starts_with(&format!("{complaint:?} "))), "{complaint:?}");
    }
    let dutch = stdout(&acupress(&["list", "complaints", "--lang", "nl"]));
    assert!(dutch.contains("PeriodPain     Menstruatiepijn\n    routines: period-pain\n    punten:"), "{dutch}");
}
