//! The handout: what a clinic gives a patient with their routine. Per step the body map with
//! the point and side marked, the point's name and code, how to find it, sides, press time,
//! pressure, breathing, cautions and the therapist's note; then how to press, when to stop, how
//! often, who wrote it, and the self-care notice.

use std::sync::Arc;

use super::layout::{ACCENT, CAUTION, CONTENT_WIDTH, INK, Layout, MARGIN, MUTED, PALE, line_height};
use super::{PdfError, body_map};
use crate::catalog::{Catalog, View};
use crate::routine::{BodySide, Routine, Step, format_clock};
use crate::safety::{PRACTICE_GUIDANCE, STOP_RULES};
use crate::text::Lang;
use crate::ui::body_map::{side_name_in, view_name_in};
use crate::ui::strings::{fill, strings};

/// The width of a step's picture: a close-up, or the whole body (narrower: it is tall).
const PICTURE_WIDTH: f32 = 150.0;
const BODY_PICTURE_WIDTH: f32 = 120.0;
/// The gap between picture and text.
const GAP: f32 = 18.0;

/// The handout of `routine` in `lang`, as a PDF.
pub fn handout(routine: &Routine, catalog: &Catalog, lang: Lang) -> Result<Vec<u8>, PdfError> {
    let fonts = super::layout::Fonts::load()?;
    let t = strings(lang);
    let title = routine.title.get(lang);
    let mut layout = Layout::new(&fonts, title, &format!("acupress · {title}"), lang);
    check_glyphs(&layout, routine, catalog, lang)?;
    // Title block.
    layout.paragraph(t.handout_kicker, 10.0, true, ACCENT, MARGIN, CONTENT_WIDTH);
    layout.paragraph(title, 22.0, true, INK, MARGIN, CONTENT_WIDTH);
    layout.paragraph(&fill(t.from_author, &[("author", &routine.author)]), 10.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    layout.space(6.0);
    layout.paragraph(routine.description.get(lang), 10.5, false, INK, MARGIN, CONTENT_WIDTH);
    layout.space(4.0);
    let total = fill(t.total_time, &[("time", &format_clock(u64::from(routine.total_secs())))]);
    let mut facts = vec![total, format!("{}: {}", t.breathing, routine.breathing.name(lang))];
    if let Some(prescription) = &routine.prescription {
        facts.push(fill(t.handout_how_often, &[("how_often", &prescription.describe(lang))]));
    }
    layout.paragraph(&facts.join(" · "), 10.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    layout.space(8.0);
    stop_box(&mut layout, lang);
    layout.space(10.0);
    layout.paragraph(t.handout_steps, 14.0, true, ACCENT, MARGIN, CONTENT_WIDTH);
    layout.space(4.0);
    for (index, step) in routine.steps.iter().enumerate() {
        step_block(&mut layout, routine, catalog, lang, index, step)?;
    }
    // How to press, how often, the notice.
    layout.space(6.0);
    section(&mut layout, t.practice_title, PRACTICE_GUIDANCE.get(lang));
    if let Some(prescription) = &routine.prescription {
        let text = fill(t.handout_prescription, &[("how_often", &prescription.describe(lang))]);
        section(&mut layout, t.handout_how_often_title, &text);
    }
    let from = if is_bundled(routine) {
        t.handout_bundled.to_owned()
    } else {
        fill(t.handout_from, &[("author", &routine.author)])
    };
    section(&mut layout, t.handout_from_title, &from);
    let open = if is_bundled(routine) {
        fill(t.handout_open_bundled, &[("title", title)])
    } else {
        fill(t.handout_open_file, &[("file", &format!("{}.ron", routine.id))])
    };
    section(&mut layout, t.handout_open_title, &open);
    layout.space(8.0);
    layout.paragraph(t.disclaimer, 9.0, false, MUTED, MARGIN, CONTENT_WIDTH);
    layout.finish()
}

/// A routine that comes with acupress (no therapist wrote it).
fn is_bundled(routine: &Routine) -> bool {
    routine.author == "acupress"
}

/// Refuses to print text the font cannot show (it would print as empty boxes).
fn check_glyphs(layout: &Layout, routine: &Routine, catalog: &Catalog, lang: Lang) -> Result<(), PdfError> {
    let mut texts: Vec<&str> = vec![routine.title.get(lang), routine.description.get(lang), &routine.author];
    for step in &routine.steps {
        if let Some(note) = &step.note {
            texts.push(note.get(lang));
        }
        if let Some(point) = catalog.get(&step.point) {
            texts.push(point.name.get(lang));
            texts.push(point.find.get(lang));
        }
    }
    match texts.iter().find(|text| !layout.fonts().covers(text)) {
        Some(text) => Err(PdfError::Glyph(text.chars().take(40).collect())),
        None => Ok(()),
    }
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

fn section(layout: &mut Layout, title: &str, text: &str) {
    layout.ensure(line_height(12.0) + line_height(10.0) * 2.0);
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
    let sides: Vec<&str> = presses.iter().map(|side| side_name_in(*side, lang)).collect();
    let seconds = step.press_secs.to_string();
    let how_long = if presses.len() > 1 {
        fill(t.step_sides_each, &[("sides", &sides.join(t.then_separator)), ("seconds", &seconds)])
    } else {
        fill(t.step_side_once, &[("side", sides[0]), ("seconds", &seconds)])
    };
    let mut lines: Vec<(String, f32, bool, super::layout::Colour)> = vec![
        (heading, 12.0, true, INK),
        (how_long, 10.0, false, INK),
        (fill(t.pressure, &[("pressure", step.pressure.name(lang))]), 10.0, false, INK),
        (format!("{}: {}", t.breathing, routine.breathing_for(step).name(lang)), 10.0, false, INK),
        (t.how_to_find.to_owned(), 10.0, true, ACCENT),
        (point.find.get(lang).to_owned(), 10.0, false, INK),
    ];
    if !point.cautions.is_empty() {
        lines.push((t.cautions.to_owned(), 10.0, true, CAUTION));
        for caution in &point.cautions {
            lines.push((format!("• {}", caution.get(lang)), 10.0, false, INK));
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
    layout.text_at(view_name_in(view, lang), 8.0, false, MUTED, below, picture_width);
    // Words, line by line (a page break may come between lines).
    for (text, size, bold, colour) in &lines {
        layout.paragraph(text, *size, *bold, *colour, text_x, text_width);
    }
    if layout.page_count() == page {
        layout.y = layout.y.max(top + picture_block);
    }
    layout.space(14.0);
    layout.line(vec![(MARGIN, layout.y - 7.0), (MARGIN + CONTENT_WIDTH, layout.y - 7.0)], 0.5, PALE);
    Ok(())
}
