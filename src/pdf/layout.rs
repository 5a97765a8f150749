//! A small page layout for A4 handouts and reports: text wrapped on measured widths, drawn
//! pages kept as lists of drawing operations, then rendered with krilla in one pass (so each
//! page can say "page 2 of 5").
//!
//! Linear in the text: each word is measured once; a word longer than a line is broken.

use std::sync::Arc;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::text::{Font, TextDirection};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::PdfError;

/// A4 in points.
pub(super) const PAGE_WIDTH: f32 = 595.0;
/// A4 in points.
pub(super) const PAGE_HEIGHT: f32 = 842.0;
/// The margin on every side.
pub(super) const MARGIN: f32 = 50.0;
/// Room kept at the bottom for the footer.
const FOOTER: f32 = 28.0;
/// The width text may use.
pub(super) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
/// The documents' regular font (Inter), for checking which characters can be printed.
pub const REGULAR_FONT: &[u8] = REGULAR;
static BOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-SemiBold.otf");

/// The two weights of the document font, for drawing and for measuring.
pub(super) struct Fonts {
    regular: (Font, rustybuzz::Face<'static>),
    bold: (Font, rustybuzz::Face<'static>),
}

impl Fonts {
    /// Inter Regular and `SemiBold`, shipped with the program.
    pub(super) fn load() -> Result<Self, PdfError> {
        let load = |bytes: &'static [u8]| {
            let font = Font::new(bytes.into(), 0).ok_or(PdfError::Font)?;
            let face = rustybuzz::Face::from_slice(bytes, 0).ok_or(PdfError::Font)?;
            Ok::<_, PdfError>((font, face))
        };
        Ok(Self { regular: load(REGULAR)?, bold: load(BOLD)? })
    }

    fn pick(&self, bold: bool) -> &(Font, rustybuzz::Face<'static>) {
        if bold { &self.bold } else { &self.regular }
    }

    /// The width of `text` at `size`, shaped as krilla shapes it.
    pub(super) fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = &self.pick(bold).1;
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|position| position.x_advance).sum();
        units as f32 / face.units_per_em() as f32 * size
    }

    /// Whether every character of `text` has a glyph (no invisible boxes in print).
    pub(super) fn covers(&self, text: &str) -> bool {
        text.chars().filter(|c| !c.is_whitespace()).all(|c| self.has_glyph(c))
    }

    fn has_glyph(&self, c: char) -> bool {
        c.is_whitespace() || self.regular.1.glyph_index(c).is_some()
    }

    /// `text` with every character the font cannot show replaced by `?`: printed text is never
    /// dropped or an empty box. (Routines cannot hold such characters, the check refuses them;
    /// an old or hand-edited history file can.)
    pub(super) fn printable<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if text.chars().all(|c| self.has_glyph(c)) {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(text.chars().map(|c| if self.has_glyph(c) { c } else { '?' }).collect())
        }
    }
}

/// A colour, as red, green, blue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Colour(pub u8, pub u8, pub u8);

/// Dark text.
pub(super) const INK: Colour = Colour(0x22, 0x27, 0x2b);
/// Quieter text.
pub(super) const MUTED: Colour = Colour(0x5c, 0x66, 0x6e);
/// Headings and rules.
pub(super) const ACCENT: Colour = Colour(0x1f, 0x6f, 0x78);
/// Cautions and stop rules.
pub(super) const CAUTION: Colour = Colour(0xa3, 0x4a, 0x00);
/// Marked points.
pub(super) const MARK: Colour = Colour(0xe0, 0x6c, 0x00);
/// Light fills.
pub(super) const PALE: Colour = Colour(0xee, 0xf3, 0xf4);

fn paint(colour: Colour) -> krilla::paint::Paint {
    rgb::Color::new(colour.0, colour.1, colour.2).into()
}

/// One drawing operation on a page.
enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, colour: Colour, text: String },
    Rect { x: f32, y: f32, width: f32, height: f32, fill: Option<Colour>, stroke: Option<Colour> },
    Line { points: Vec<(f32, f32)>, width: f32, colour: Colour },
    Circle { x: f32, y: f32, radius: f32, fill: Colour, stroke: Option<Colour> },
    Svg { tree: Arc<usvg::Tree>, x: f32, y: f32, width: f32, height: f32, clip: (f32, f32) },
}

/// Pages being laid out: a cursor that moves down, and a new page when something does not fit.
pub(super) struct Layout<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Op>>,
    /// Where the next thing goes, from the page's top.
    pub y: f32,
    footer: String,
    lang: String,
    title: String,
}

impl<'a> Layout<'a> {
    /// An empty document titled `title`, with `footer` at the bottom of each page.
    pub(super) fn new(fonts: &'a Fonts, title: &str, footer: &str, lang: crate::text::Lang) -> Self {
        let lang = match lang {
            crate::text::Lang::En => "en",
            crate::text::Lang::Nl => "nl",
        };
        Self {
            fonts,
            pages: vec![Vec::new()],
            y: MARGIN,
            footer: footer.to_owned(),
            lang: lang.to_owned(),
            title: title.to_owned(),
        }
    }

    /// The fonts, for measuring.
    pub(super) fn fonts(&self) -> &Fonts {
        self.fonts
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a layout always has a page")
    }

    /// How many pages there are so far.
    pub(super) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Room left on this page.
    pub(super) fn room(&self) -> f32 {
        PAGE_HEIGHT - MARGIN - FOOTER - self.y
    }

    /// Starts a new page.
    pub(super) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Makes sure `height` fits on this page (a new page when it does not, unless the page is
    /// still empty: something taller than a page is drawn anyway and cut).
    pub(super) fn ensure(&mut self, height: f32) {
        if height > self.room() && self.y > MARGIN + 1.0 {
            self.new_page();
        }
    }

    /// Moves the cursor down.
    pub(super) fn space(&mut self, height: f32) {
        self.y += height;
    }

    /// `text` broken into lines no wider than `width` (a word longer than a line is broken).
    pub(super) fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let text = self.fonts.printable(text);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let space = self.fonts.width(" ", size, bold);
            let mut line = String::new();
            let mut line_width = 0.0;
            for word in paragraph.split_whitespace() {
                let mut word_width = self.fonts.width(word, size, bold);
                if word_width > width {
                    // Break an overlong word at characters.
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                    }
                    let mut piece = String::new();
                    for c in word.chars() {
                        piece.push(c);
                        if self.fonts.width(&piece, size, bold) > width && piece.chars().count() > 1 {
                            piece.pop();
                            lines.push(std::mem::take(&mut piece));
                            piece.push(c);
                        }
                    }
                    line_width = self.fonts.width(&piece, size, bold);
                    line = piece;
                    continue;
                }
                let needed = if line.is_empty() { word_width } else { line_width + space + word_width };
                if needed > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                    word_width = self.fonts.width(word, size, bold);
                }
                if !line.is_empty() {
                    line.push(' ');
                    line_width += space;
                }
                line.push_str(word);
                line_width += word_width;
            }
            lines.push(line);
        }
        lines
    }

    /// The height `text` takes when wrapped to `width`.
    pub(super) fn text_height(&self, text: &str, size: f32, bold: bool, width: f32) -> f32 {
        self.wrap(text, size, bold, width).len() as f32 * line_height(size)
    }

    /// Draws `text` wrapped to `width` from (`x`, cursor), moving the cursor below it; lines that
    /// do not fit go on to the next page.
    pub(super) fn paragraph(&mut self, text: &str, size: f32, bold: bool, colour: Colour, x: f32, width: f32) {
        for line in self.wrap(text, size, bold, width) {
            self.ensure(line_height(size));
            let baseline = self.y + size;
            self.ops().push(Op::Text { x, y: baseline, size, bold, colour, text: line });
            self.y += line_height(size);
        }
    }

    /// Draws `text` wrapped to `width` at (`x`, `y`) without moving the cursor; returns its height.
    pub(super) fn text_at(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        colour: Colour,
        (x, y): (f32, f32),
        width: f32,
    ) -> f32 {
        let lines = self.wrap(text, size, bold, width);
        let height = lines.len() as f32 * line_height(size);
        for (index, line) in lines.into_iter().enumerate() {
            let baseline = y + index as f32 * line_height(size) + size;
            self.ops().push(Op::Text { x, y: baseline, size, bold, colour, text: line });
        }
        height
    }

    /// A rectangle.
    pub(super) fn rect(
        &mut self,
        (x, y): (f32, f32),
        (width, height): (f32, f32),
        fill: Option<Colour>,
        stroke: Option<Colour>,
    ) {
        self.ops().push(Op::Rect { x, y, width, height, fill, stroke });
    }

    /// A line through `points`.
    pub(super) fn line(&mut self, points: Vec<(f32, f32)>, width: f32, colour: Colour) {
        self.ops().push(Op::Line { points, width, colour });
    }

    /// A filled circle.
    pub(super) fn circle(&mut self, (x, y): (f32, f32), radius: f32, fill: Colour, stroke: Option<Colour>) {
        self.ops().push(Op::Circle { x, y, radius, fill, stroke });
    }

    /// The SVG `tree` scaled to `width`, showing only the band `clip` (fractions of its height,
    /// top and bottom) at (`x`, `y`).
    pub(super) fn svg(&mut self, tree: Arc<usvg::Tree>, (x, y): (f32, f32), width: f32, clip: (f32, f32)) {
        let size = tree.size();
        let height = width * size.height() / size.width();
        self.ops().push(Op::Svg { tree, x, y, width, height, clip });
    }

    /// Renders every page into a PDF.
    pub(super) fn finish(self) -> Result<Vec<u8>, PdfError> {
        let mut document = Document::new();
        document.set_metadata(
            krilla::metadata::Metadata::new()
                .title(self.title.clone())
                .language(self.lang.clone())
                .creator(format!("acupress {}", env!("CARGO_PKG_VERSION"))),
        );
        let total = self.pages.len();
        for (index, ops) in self.pages.iter().enumerate() {
            let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or(PdfError::Layout)?;
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            for op in ops {
                draw(&mut surface, self.fonts, op);
            }
            // The footer wraps (a long title takes two lines) and never runs off the page: a
            // third line would be cut, so the second ends with an ellipsis instead.
            let footer = format!("{} · {}/{}", self.footer, index + 1, total);
            let mut lines = self.wrap(&footer, 8.0, false, CONTENT_WIDTH);
            if lines.len() > 2 {
                let page = format!(" … {}/{}", index + 1, total);
                let mut second = lines[1].clone();
                while !second.is_empty() && self.fonts.width(&format!("{second}{page}"), 8.0, false) > CONTENT_WIDTH {
                    second.pop();
                }
                lines.truncate(1);
                lines.push(format!("{}{page}", second.trim_end()));
            }
            let first_y = PAGE_HEIGHT - MARGIN + 8.0 - line_height(8.0) * (lines.len() as f32 - 1.0);
            for (row, text) in lines.into_iter().enumerate() {
                draw(
                    &mut surface,
                    self.fonts,
                    &Op::Text {
                        x: MARGIN,
                        y: first_y + line_height(8.0) * row as f32,
                        size: 8.0,
                        bold: false,
                        colour: MUTED,
                        text,
                    },
                );
            }
            surface.finish();
            page.finish();
        }
        document.finish().map_err(|err| PdfError::Render(format!("{err:?}")))
    }
}

/// The distance between two baselines.
pub(super) fn line_height(size: f32) -> f32 {
    size * 1.35
}

fn fill(colour: Colour) -> Fill {
    Fill { paint: paint(colour), opacity: NormalizedF32::ONE, rule: FillRule::NonZero }
}

fn stroke(colour: Colour, width: f32) -> Stroke {
    Stroke { paint: paint(colour), width, ..Stroke::default() }
}

fn draw(surface: &mut krilla::surface::Surface<'_>, fonts: &Fonts, op: &Op) {
    match op {
        Op::Text { x, y, size, bold, colour, text } => {
            surface.set_fill(Some(fill(*colour)));
            surface.set_stroke(None);
            let font = fonts.pick(*bold).0.clone();
            surface.draw_text(Point::from_xy(*x, *y), font, *size, text, false, TextDirection::Auto);
        }
        Op::Rect { x, y, width, height, fill: inside, stroke: edge } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) else { return };
            let mut builder = PathBuilder::new();
            builder.push_rect(rect);
            let Some(path) = builder.finish() else { return };
            surface.set_fill(inside.map(fill));
            surface.set_stroke(edge.map(|colour| stroke(colour, 0.8)));
            surface.draw_path(&path);
        }
        Op::Line { points, width, colour } => {
            let mut builder = PathBuilder::new();
            for (index, (x, y)) in points.iter().enumerate() {
                if index == 0 { builder.move_to(*x, *y) } else { builder.line_to(*x, *y) }
            }
            let Some(path) = builder.finish() else { return };
            surface.set_fill(None);
            surface.set_stroke(Some(stroke(*colour, *width)));
            surface.draw_path(&path);
        }
        Op::Circle { x, y, radius, fill: inside, stroke: edge } => {
            let Some(path) = circle(*x, *y, *radius) else { return };
            surface.set_fill(Some(fill(*inside)));
            surface.set_stroke(edge.map(|colour| stroke(colour, 1.2)));
            surface.draw_path(&path);
        }
        Op::Svg { tree, x, y, width, height, clip: (top, bottom) } => {
            let Some(size) = Size::from_wh(*width, *height) else { return };
            let shown = Rect::from_xywh(*x, *y, *width, (bottom - top) * height);
            let Some(shown) = shown else { return };
            let mut builder = PathBuilder::new();
            builder.push_rect(shown);
            let Some(clip) = builder.finish() else { return };
            surface.push_clip_path(&clip, &FillRule::NonZero);
            surface.push_transform(&Transform::from_translate(*x, *y - top * height));
            let _ = surface.draw_svg(tree, size, SvgSettings::default());
            surface.pop();
            surface.pop();
        }
    }
}

/// A circle as four cubic curves.
fn circle(x: f32, y: f32, radius: f32) -> Option<krilla::geom::Path> {
    const K: f32 = 0.552_284_8;
    let r = radius;
    let mut builder = PathBuilder::new();
    builder.move_to(x + r, y);
    builder.cubic_to(x + r, y + K * r, x + K * r, y + r, x, y + r);
    builder.cubic_to(x - K * r, y + r, x - r, y + K * r, x - r, y);
    builder.cubic_to(x - r, y - K * r, x - K * r, y - r, x, y - r);
    builder.cubic_to(x + K * r, y - r, x + r, y - K * r, x + r, y);
    builder.close();
    builder.finish()
}
