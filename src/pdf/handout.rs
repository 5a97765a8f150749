//! The handout: what a clinic gives a patient with their routine. Per step the body map with
//! the point and side marked, the point's name and code, how to find it, sides, press time,
//! pressure, breathing, cautions and the therapist's note; then how to press, when to stop, how
//! often, who wrote it, and the self-care notice.

use std::sync::Arc;

use super::layout::{ACCENT, CAUTION, CONTENT_WIDTH, INK, Layout, MARGIN, MUTED, PALE, line_height};
use super::{PdfError, body_map};
use crate::catalog::{Catalog, View};
use crate::routine::{BodySide, Routine, Step, format_clock};
use crate::safety::{Adaptations, PRACTICE_GUIDANCE, STOP_RULES};
use crate::text::Lang;
use crate::texts::strings;

/// The width of a step's picture: a close-up, or the whole body (narrower: it is tall).
const PICTURE_WIDTH: f32 = 150.0;
const BODY_PICTURE_WIDTH: f32 = 120.0;
/// The gap between picture and text.
const GAP: f32 = 18.0;

/// What a handout is made from.
pub struct HandoutInput<'a> {
    /// The routine to print: as written, or as the safety questions adapted it.
    pub routine: &'a Routine,
    /// The points.
    pub catalog: &'a Catalog,
    /// The language.
    pub lang: Lang,
    /// The day it is printed (said on the handout).
    pub printed: jiff::civil::Date,
    /// What the safety questions changed, when the handout is printed as adapted for one person
    /// (the routine is then the adapted one: skipped points left out, light pressure).
    pub adapted: Option<&'a Adaptations>,
}

/// The handout, as a PDF.
pub fn handout(input: &HandoutInput) -> Result<Vec<u8>, PdfError> {
    let HandoutInput { routine, catalog, lang, printed, adapted } = *input;
    let fonts = super::layout::Fonts::load()?;
    let t = strings(lang);
    let title = routine.title.get(lang);
    let footer = match adapted {
        Some(_) => format!("acupress · {title} · {}", t.handout_adapted_kicker),
        None => format!("acupress · {title}"),
    };
    let mut layout = Layout::new(&fonts, title, &footer, lang);
    // Title block.
    let kicker = if adapted.is_some() { t.handout_adapted_kicker } else { t.handout_kicker };
    layout.paragraph(kicker, 10.0, true, if adapted.is_some() { CAUTION } else { ACCENT }, MARGIN, CONTENT_WIDTH);
    layout.paragraph(title, 22.0, true, INK, MARGIN, CONTENT_WIDTH);
    layout.paragraph(&t.from_author.fill(&routine.author), 10.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    if let Some(contact) = &routine.contact {
        layout.paragraph(&t.handout_contact.fill(contact), 10.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    }
    layout.paragraph(
        &t.handout_printed_on.fill(&crate::text::date(printed, lang)),
        9.0,
        false,
        MUTED,
        MARGIN,
        CONTENT_WIDTH,
    );
    layout.space(6.0);
    layout.paragraph(routine.description.get(lang), 10.5, false, INK, MARGIN, CONTENT_WIDTH);
    layout.space(4.0);
    let total = t.total_time.fill(&format_clock(u64::from(routine.total_secs())));
    let mut facts = vec![total, format!("{}: {}", t.breathing, routine.breathing.name(lang))];
    if let Some(prescription) = &routine.prescription {
        facts.push(t.handout_how_often.fill(&prescription.describe(lang)));
    }
    layout.paragraph(&facts.join(" · "), 10.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    layout.space(8.0);
    if let Some(adaptations) = adapted {
        adapted_box(&mut layout, adaptations, catalog, lang);
        layout.space(8.0);
    }
    stop_box(&mut layout, lang);
    layout.space(10.0);
    // The steps' heading stays with the first step (never alone at a page's foot).
    layout.ensure(line_height(14.0) + line_height(9.0) * 2.0 + 200.0);
    layout.paragraph(t.handout_steps, 14.0, true, ACCENT, MARGIN, CONTENT_WIDTH);
    layout.paragraph(t.side_note, 9.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    layout.space(4.0);
    for (index, step) in routine.steps.iter().enumerate() {
        step_block(&mut layout, routine, catalog, lang, index, step)?;
    }
    // When to get help, how to press, how often, who wrote it and how to open it; the notice
    // stays with the last of them (never a page with only the notice).
    layout.space(6.0);
    red_flags(&mut layout, lang);
    section(&mut layout, t.practice_title, PRACTICE_GUIDANCE.get(lang), 0.0);
    if let Some(prescription) = &routine.prescription {
        let mut text = t.handout_prescription.fill(&prescription.describe(lang));
        if !prescription.activities.is_empty() {
            let names: Vec<&str> = prescription.activities.iter().map(|activity| activity.get(lang)).collect();
            text = format!("{text}\n{}", t.handout_activities.fill(&names.join("; ")));
        }
        section(&mut layout, t.handout_how_often_title, &text, 0.0);
    }
    let from = if is_bundled(routine) { t.handout_bundled.to_owned() } else { t.handout_from.fill(&routine.author) };
    let from = match &routine.contact {
        Some(contact) => format!("{from} {}", t.handout_contact.fill(contact)),
        None => from,
    };
    section(&mut layout, t.handout_from_title, &from, 0.0);
    let open = if is_bundled(routine) {
        t.handout_open_bundled.fill(title)
    } else {
        t.handout_open_file.fill(&format!("{}.ron", routine.id))
    };
    let notice_height = layout.text_height(t.disclaimer, 9.0, false, CONTENT_WIDTH) + 8.0;
    section(&mut layout, t.handout_open_title, &open, notice_height);
    layout.paragraph(t.disclaimer, 9.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    layout.finish()
}

/// What the safety questions changed, boxed at the top of a handout printed as adapted.
fn adapted_box(layout: &mut Layout, adaptations: &Adaptations, catalog: &Catalog, lang: Lang) {
    let t = strings(lang);
    let mut lines: Vec<String> = Vec::new();
    if !adaptations.light_only.is_empty() {
        let reasons: Vec<&str> = adaptations.light_only.iter().map(|reason| reason.text.get(lang)).collect();
        lines.push(format!("{}: {}", t.light_only, reasons.join(" ")));
    }
    for skipped in &adaptations.skipped {
        let name = catalog.get(&skipped.point).map_or_else(|| skipped.point.to_string(), |point| point.label(lang));
        lines.push(t.handout_left_out.fill(&name, skipped.reason.text.get(lang)));
    }
    for reason in &adaptations.holds_removed {
        lines.push(format!("{}: {}", t.breathing_changed, reason.text.get(lang)));
    }
    let inner = CONTENT_WIDTH - 20.0;
    let text_height: f32 = lines.iter().map(|line| layout.text_height(&format!("• {line}"), 10.0, false, inner)).sum();
    let height =
        line_height(11.0) + layout.text_height(t.handout_adapted_intro, 10.0, false, inner) + text_height + 18.0;
    layout.ensure(height);
    let top = layout.y;
    layout.rect((MARGIN, top), (CONTENT_WIDTH, height), Some(PALE), Some(CAUTION));
    layout.text_at(t.handout_adapted_title, 11.0, true, CAUTION, (MARGIN + 10.0, top + 8.0), inner);
    layout.y = top + 8.0 + line_height(11.0);
    layout.paragraph(t.handout_adapted_intro, 10.0, false, INK, MARGIN + 10.0, inner);
    for line in &lines {
        layout.paragraph(&format!("• {line}"), 10.0, false, INK, MARGIN + 10.0, inner);
    }
    layout.y = top + height;
}

/// When to stop and get help, in the safety questions' own words: the warning signs with what
/// to do (112, the doctor or the out-of-hours doctor service), and when to call the doctor.
fn red_flags(layout: &mut Layout, lang: Lang) {
    let t = strings(lang);
    let mut lines: Vec<(String, bool)> = vec![(t.handout_red_flags_intro.to_owned(), false)];
    for question in crate::safety::QUESTIONS.iter().filter(|question| question.emergency) {
        lines.push((question.text.get(lang).to_owned(), false));
        lines.push((crate::safety::advice_for_emergency(question.id).get(lang).to_owned(), true));
    }
    lines.push((t.handout_call_doctor.to_owned(), false));
    let height = line_height(12.0)
        + lines.iter().map(|(line, bold)| layout.text_height(line, 10.0, *bold, CONTENT_WIDTH)).sum::<f32>()
        + 10.0;
    layout.ensure(height);
    layout.paragraph(t.handout_red_flags_title, 12.0, true, CAUTION, MARGIN, CONTENT_WIDTH);
    for (line, bold) in &lines {
        layout.paragraph(line, 10.0, *bold, INK, MARGIN, CONTENT_WIDTH);
    }
    layout.space(8.0);
}

/// A routine that comes with acupress (no therapist wrote it).
fn is_bundled(routine: &Routine) -> bool {
    routine.author == "acupress"
}

/// The stop rules, boxed, near the top: they matter before the first press.
fn stop_box(layout: &mut Layout, lang: Lang) {
    let t = strings(lang);
    let text = STOP_RULES.get(lang);
    let inner = CONTENT_WIDTH - 20.0;
    let height = line_height(11.0) + layout.text_height(text, 10.0, false, inner) + 16.0;
    layout.ensure(height);
    let top = layout.y;
    layout.rect((MARGIN, top), (CONTENT_WIDTH, height), Some(PALE), Some(CAUTION));
    layout.text_at(t.handout_stop_title, 11.0, true, CAUTION, (MARGIN + 10.0, top + 8.0), inner);
    layout.text_at(text, 10.0, false, INK, (MARGIN + 10.0, top + 8.0 + line_height(11.0)), inner);
    layout.y = top + height;
}

/// A heading and its text, kept on one page (with `and_after` more room for what must stay with
/// it: the notice after the last section).
fn section(layout: &mut Layout, title: &str, text: &str, and_after: f32) {
    layout.ensure(line_height(12.0) + layout.text_height(text, 10.0, false, CONTENT_WIDTH) + 8.0 + and_after);
    layout.paragraph(title, 12.0, true, ACCENT, MARGIN, CONTENT_WIDTH);
    layout.paragraph(text, 10.0, false, INK, MARGIN, CONTENT_WIDTH);
    layout.space(8.0);
}

/// One step: the picture on the left, the words on the right, kept on one page.
fn step_block(
    layout: &mut Layout,
    routine: &Routine,
    catalog: &Catalog,
    lang: Lang,
    index: usize,
    step: &Step,
) -> Result<(), PdfError> {
    let t = strings(lang);
    let point = catalog.get(&step.point).ok_or_else(|| PdfError::UnknownPoint(step.point.to_string()))?;
    let text_x = MARGIN + PICTURE_WIDTH + GAP;
    let text_width = CONTENT_WIDTH - PICTURE_WIDTH - GAP;
    // The words, measured first so the block stays together.
    let heading = format!("{}. {} ({} · {})", index + 1, point.name.get(lang), point.code, point.pinyin);
    let presses: Vec<Option<BodySide>> = step.presses();
    let sides: Vec<&str> = presses.iter().map(|side| strings(lang).side_name(*side)).collect();
    let seconds = step.press_secs.to_string();
    let how_long = if presses.len() > 1 {
        t.step_sides_each.fill(&sides.join(t.then_separator), &seconds)
    } else {
        t.step_side_once.fill(sides[0], &seconds)
    };
    let mut lines: Vec<(String, f32, bool, super::layout::Colour)> = vec![
        (heading, 12.0, true, INK),
        (how_long, 10.0, false, INK),
        (t.pressure.fill(step.pressure.name(lang)), 10.0, false, INK),
        (format!("{}: {}", t.breathing, routine.breathing_for(step).name(lang)), 10.0, false, INK),
        (t.how_to_find.to_owned(), 10.0, true, ACCENT),
        (point.find.get(lang).to_owned(), 10.0, false, INK),
    ];
    // Every caution of the point, the one about pregnancy included: the same as on screen.
    let mut cautions: Vec<String> = point.cautions.iter().map(|caution| caution.get(lang).to_owned()).collect();
    if point.avoid_in_pregnancy {
        cautions.push(t.handout_pregnancy_caution.to_owned());
    }
    if !cautions.is_empty() {
        lines.push((t.cautions.to_owned(), 10.0, true, CAUTION));
        for caution in cautions {
            lines.push((format!("• {caution}"), 10.0, false, INK));
        }
    }
    if let Some(note) = &step.note {
        let label = if is_bundled(routine) { t.note } else { t.handout_note };
        lines.push((label.to_owned(), 10.0, true, ACCENT));
        lines.push((note.get(lang).to_owned(), 10.0, false, INK));
    }
    // The picture: the close-up when there is one (only the band with the point), else the body.
    let view = View::ALL.into_iter().rev().find(|view| point.position_on(*view).is_some()).unwrap_or(View::Front);
    let position = point.position_on(view).ok_or(PdfError::Layout)?;
    let band = body_map::band(view, position.y);
    let tree = body_map::marked(view, point, &presses)?;
    let size = tree.size();
    let picture_width = if matches!(view, View::Front | View::Back) { BODY_PICTURE_WIDTH } else { PICTURE_WIDTH };
    let picture_left = MARGIN + (PICTURE_WIDTH - picture_width) / 2.0;
    let picture_height = picture_width * size.height() / size.width() * (band.1 - band.0);
    let label_height = line_height(8.0);
    let picture_block = picture_height + label_height * 2.0;
    // The picture and the start of the words stay together; long words may go on overleaf.
    let first_lines = lines
        .iter()
        .take(4)
        .map(|(text, size, bold, _)| layout.text_height(text, *size, *bold, text_width))
        .sum::<f32>();
    layout.ensure(picture_block.max(first_lines) + 14.0);
    let top = layout.y;
    let page = layout.page_count();
    // Picture, with L and R above it and the view's name below.
    layout.text_at(t.left_short, 8.0, true, MUTED, (picture_left, top), 20.0);
    let right_width = layout.fonts().width(t.right_short, 8.0, true);
    layout.text_at(t.right_short, 8.0, true, MUTED, (picture_left + picture_width - right_width, top), 20.0);
    layout.svg(Arc::clone(&tree), (picture_left, top + label_height), picture_width, band);
    let below = (picture_left, top + label_height + picture_height + 2.0);
    layout.text_at(strings(lang).view_name(view), 8.0, false, MUTED, below, picture_width);
    // Words, line by line (a page break may come between lines).
    for (index, (text, size, bold, colour)) in lines.iter().enumerate() {
        // Each line stays whole (a caution is never split over two pages), and a label stays
        // with the line under it (never alone at a page's foot).
        let mut height = layout.text_height(text, *size, *bold, text_width);
        if *bold
            && index > 0
            && let Some((next, next_size, next_bold, _)) = lines.get(index + 1)
        {
            height += layout.text_height(next, *next_size, *next_bold, text_width);
        }
        layout.ensure(height);
        layout.paragraph(text, *size, *bold, *colour, text_x, text_width);
    }
    if layout.page_count() == page {
        layout.y = layout.y.max(top + picture_block);
    }
    layout.space(14.0);
    layout.line(vec![(MARGIN, layout.y - 7.0), (MARGIN + CONTENT_WIDTH, layout.y - 7.0)], 0.5, PALE);
    Ok(())
}
