//! Writes a routine as RON that reads well by hand and loads back to the same routine.

use std::fmt::Write as _;

use super::{Routine, Step};
use crate::text::Text;

fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn text(value: &Text) -> String {
    format!("(en: {}, nl: {})", quoted(&value.en), quoted(&value.nl))
}

fn step(step: &Step) -> String {
    let mut out = format!("Step(point: {}", quoted(step.point.as_str()));
    if let Some(side) = step.side {
        let _ = write!(out, ", side: {side:?}");
    }
    let _ = write!(out, ", press_secs: {}, pressure: {:?}", step.press_secs, step.pressure);
    if let Some(breathing) = step.breathing {
        let _ = write!(out, ", breathing: {breathing:?}");
    }
    if let Some(note) = &step.note {
        let _ = write!(out, ",\n            note: {}", text(note));
    }
    out.push(')');
    out
}

/// The routine as a RON file, with a comment saying what it is and how long it takes.
pub fn to_ron(routine: &Routine) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// {} — acupress routine by {}",
        routine.title.en.replace('\n', " "),
        routine.author.replace('\n', " ")
    );
    let _ = writeln!(
        out,
        "// Session length: {} (check with `acupress check`).",
        super::format_clock(u64::from(routine.total_secs()))
    );
    let _ = writeln!(out, "Routine(");
    let _ = writeln!(out, "    format: {},", routine.format);
    let _ = writeln!(out, "    id: {},", quoted(&routine.id));
    let _ = writeln!(out, "    title: {},", text(&routine.title));
    let _ = writeln!(out, "    description: {},", text(&routine.description));
    let _ = writeln!(out, "    author: {},", quoted(&routine.author));
    if let Some(contact) = &routine.contact {
        let _ = writeln!(out, "    contact: {},", quoted(contact));
    }
    if let Some(based_on) = &routine.based_on {
        let _ = writeln!(out, "    based_on: {},", text(based_on));
    }
    let complaints: Vec<String> = routine.complaints.iter().map(|complaint| format!("{complaint:?}")).collect();
    let _ = writeln!(out, "    complaints: [{}],", complaints.join(", "));
    let _ = writeln!(out, "    breathing: {:?},", routine.breathing);
    let _ = writeln!(out, "    rest_secs: {},", routine.rest_secs);
    if let Some(prescription) = &routine.prescription {
        let activities = if prescription.activities.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = prescription.activities.iter().map(text).collect();
            format!(",\n        activities: [{}]", list.join(", "))
        };
        let _ = writeln!(
            out,
            "    prescription: (sessions_per_day: {}, days_per_week: {}, weeks: {}{activities}),",
            prescription.sessions_per_day, prescription.days_per_week, prescription.weeks
        );
    }
    let _ = writeln!(out, "    steps: [");
    for item in &routine.steps {
        let _ = writeln!(out, "        {},", step(item));
    }
    let _ = writeln!(out, "    ],");
    let _ = writeln!(out, ")");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;
    use crate::routine::parse_routine;

    #[test]
    fn every_bundled_routine_round_trips() {
        let catalog = bundled::catalog().unwrap();
        for (name, loaded) in bundled::routines(&catalog) {
            let routine = loaded.unwrap().routine;
            let written = to_ron(&routine);
            let again = parse_routine(written.as_bytes(), &catalog)
                .unwrap_or_else(|err| panic!("{name}: {err}\n{written}"))
                .routine;
            assert_eq!(again, routine, "{name}");
            assert_eq!(to_ron(&again), written, "{name}: writing is stable");
        }
    }

    #[test]
    fn awkward_text_survives() {
        let catalog = bundled::catalog().unwrap();
        let mut routine = bundled::routine(&catalog, "low-back").unwrap();
        routine.title = Text::new("Quotes \" and \\ back\\slash", "Regel\nerbij\tmet tab — é");
        routine.author = "J. \"Jan\" de Vries // not a comment".into();
        let again = parse_routine(to_ron(&routine).as_bytes(), &catalog).unwrap().routine;
        assert_eq!(again, routine);
    }
}
