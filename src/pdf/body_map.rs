//! The body-map pictures for print: the app's own SVG artwork, with the step's point marked on
//! each side it is pressed, cut to the band of a close-up that shows it.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::catalog::{Laterality, Point, View};
use crate::routine::BodySide;

use super::PdfError;

fn source(view: View) -> &'static str {
    match view {
        View::Front => include_str!("../../assets/body/front.svg"),
        View::Back => include_str!("../../assets/body/back.svg"),
        View::Hands => include_str!("../../assets/body/hands.svg"),
        View::Feet => include_str!("../../assets/body/feet.svg"),
        View::Head => include_str!("../../assets/body/head.svg"),
        View::SideHead => include_str!("../../assets/body/side-head.svg"),
        View::Knee => include_str!("../../assets/body/knee.svg"),
        View::Ear => include_str!("../../assets/body/ear.svg"),
    }
}

/// The part of a view (top and bottom, as fractions of its height) that holds a point at `y`:
/// a close-up's row, or the half of the whole figure the point is in.
pub(super) fn band(view: View, y: f32) -> (f32, f32) {
    let rows: &[f32] = match view {
        // The whole figure is tall: the half with the point (head to hips, or hips to feet).
        View::Front | View::Back => return if y < 0.5 { (0.0, 0.56) } else { (0.44, 1.0) },
        View::Hands | View::Head => &[0.0, 0.5, 1.0],
        View::Feet => &[0.0, 0.25, 0.5, 0.75, 1.0],
        View::Knee => &[0.0, 0.4, 0.7, 1.0],
        // Square close-ups: the whole picture.
        View::SideHead | View::Ear => &[0.0, 1.0],
    };
    rows.windows(2).find(|row| y >= row[0] && y < row[1]).map_or((0.0, 1.0), |row| (row[0], row[1]))
}

/// The view's artwork with `point` marked on each side in `presses` (a ring on the first side,
/// a dot on the rest: which side first is in the text).
pub(super) fn marked(view: View, point: &Point, presses: &[Option<BodySide>]) -> Result<Arc<usvg::Tree>, PdfError> {
    let svg = source(view);
    let (width, height) = view_box(svg).ok_or(PdfError::Layout)?;
    let position = point.position_on(view).ok_or(PdfError::Layout)?;
    let radius = width * 0.028;
    let mut marks = String::new();
    for side in presses {
        let instance = match (point.laterality, side) {
            (Laterality::Bilateral, Some(BodySide::Right)) => position.mirrored(),
            _ => position,
        };
        let (x, y) = (instance.x * width, instance.y * height);
        let _ = write!(
            marks,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"#e06c00\" fill-opacity=\"0.25\"/><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\" fill=\"#e06c00\" stroke=\"#ffffff\" stroke-width=\"{:.1}\"/>",
            radius * 2.2,
            radius * 0.25
        );
    }
    let end = svg.rfind("</svg>").ok_or(PdfError::Layout)?;
    let text = format!("{}{marks}{}", &svg[..end], &svg[end..]);
    let tree =
        usvg::Tree::from_str(&text, &usvg::Options::default()).map_err(|err| PdfError::Render(err.to_string()))?;
    Ok(Arc::new(tree))
}

/// The width and height of an SVG's `viewBox`.
fn view_box(svg: &str) -> Option<(f32, f32)> {
    let start = svg.find("viewBox=\"")? + "viewBox=\"".len();
    let end = start + svg[start..].find('"')?;
    let numbers: Vec<f32> = svg[start..end].split_whitespace().filter_map(|number| number.parse().ok()).collect();
    match numbers.as_slice() {
        [_, _, width, height] => Some((*width, *height)),
        _ => None,
    }
}
