//! Printable documents: a routine's handout and the progress report, as A4 PDFs with the
//! body-map artwork as vectors and an embedded font (Inter) that has every glyph Dutch needs.
//!
//! Returns bytes; writing them (atomically) is the store's. Never touches the disk or the clock.

mod activities;
mod body_map;
mod handout;
mod layout;
mod report;
mod sessions;

pub use handout::{HandoutInput, handout};
pub use layout::REGULAR_FONT;
pub use report::{ReportInput, report};

/// Whether the documents' font has a glyph for every character of `text`.
pub fn font_covers(text: &str) -> bool {
    layout::Fonts::load().is_ok_and(|fonts| fonts.covers(text))
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The embedded font did not load (a build defect).
    #[error("the embedded font could not be read")]
    Font,
    /// A step names a point the catalogue does not have.
    #[error("unknown point {0}")]
    UnknownPoint(String),
    /// A page could not be laid out (a build defect).
    #[error("the page could not be laid out")]
    Layout,
    /// The PDF could not be written.
    #[error("the PDF could not be made: {0}")]
    Render(String),
}
