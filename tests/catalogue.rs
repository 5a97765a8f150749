//! The catalogue a physiotherapist builds with, as tables: every point complete in both
//! languages and drawn inside its artwork's body outline, every complaint with its points and a
//! bundled routine, every caution handled by the gate or shown with its step (the table in
//! routines/README.md), and the sources in one place.

use acupress::bundled;
use acupress::catalog::{Complaint, Laterality, Point, View};
use acupress::text::Lang;

/// The artwork of `view` exactly as the body map loads it, rendered at its own size.
fn rendered(view: View) -> resvg::tiny_skia::Pixmap {
    let egui::ImageSource::Bytes { bytes, .. } = acupress::ui::body_map::artwork(view) else {
        panic!("{view:?}: the artwork is embedded as bytes");
    };
    let tree = usvg::Tree::from_data(&bytes, &usvg::Options::default()).expect("artwork that parses");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
}

/// Whether the drawing is opaque at and right around (x, y), fractions of the view: the spot is
/// on the body (points on an edge, such as SI3, sit on its outline), not beside the figure.
fn on_the_body(pixmap: &resvg::tiny_skia::Pixmap, x: f32, y: f32) -> bool {
    let (cx, cy) = ((x * pixmap.width() as f32) as i64, (y * pixmap.height() as f32) as i64);
    (-1..=1).all(|dy| {
        (-1..=1).all(|dx| {
            let (px, py) = (cx + dx, cy + dy);
            px >= 0 && py >= 0 && pixmap.pixel(px as u32, py as u32).is_some_and(|pixel| pixel.alpha() == 255)
        })
    })
}

#[test]
fn every_point_is_drawn_on_the_body_in_every_view_that_shows_it() {
    let catalog = bundled::catalog().unwrap();
    let mut off = Vec::new();
    for view in View::ALL {
        let pixmap = rendered(view);
        for point in catalog.points() {
            let Some(position) = point.position_on(view) else { continue };
            let mut spots = vec![position];
            if point.laterality == Laterality::Bilateral {
                spots.push(position.mirrored());
            }
            for spot in spots {
                if !on_the_body(&pixmap, spot.x, spot.y) {
                    off.push(format!("{} on {view:?} at ({:.3}, {:.3})", point.code, spot.x, spot.y));
                }
            }
        }
    }
    assert!(off.is_empty(), "points beside the figure:\n{}", off.join("\n"));
}

#[test]
fn the_catalogue_is_complete_in_both_languages() {
    let catalog = bundled::catalog().unwrap();
    assert!(catalog.points().len() >= 75, "{} points", catalog.points().len());
    for point in catalog.points() {
        let code = &point.code;
        assert!(!point.views.is_empty(), "{code}: on no view");
        assert!(!point.pinyin.trim().is_empty(), "{code}: no pinyin");
        for (what, text) in [("name", &point.name), ("find", &point.find), ("uses", &point.uses)] {
            let (en, nl) = (text.get(Lang::En), text.get(Lang::Nl));
            assert!(!en.trim().is_empty() && !nl.trim().is_empty(), "{code}: {what} missing in a language");
            if what != "name" {
                assert_ne!(en, nl, "{code}: {what} not translated");
            }
        }
        // Self-care, never a cure.
        assert!(point.uses.get(Lang::En).starts_with("Traditionally used"), "{code}: {}", point.uses.get(Lang::En));
        assert!(point.uses.get(Lang::Nl).starts_with("Traditioneel gebruikt"), "{code}: {}", point.uses.get(Lang::Nl));
        for caution in &point.cautions {
            assert!(!caution.get(Lang::En).is_empty() && !caution.get(Lang::Nl).is_empty(), "{code}: caution");
        }
        // A location a person can follow: finger widths or a landmark, in a few sentences.
        assert!(point.find.get(Lang::En).len() >= 60, "{code}: find text too short to follow");
    }
}

#[test]
fn every_complaint_has_points_and_a_bundled_routine() {
    let catalog = bundled::catalog().unwrap();
    let routines = bundled::valid_routines(&catalog).unwrap();
    assert!(routines.len() >= 20, "{} routines", routines.len());
    assert!(Complaint::FILTERS.len() >= 16);
    for complaint in Complaint::FILTERS {
        let points = catalog.points().iter().filter(|point| point.complaints.contains(&complaint)).count();
        let with = routines.iter().filter(|routine| routine.complaints.contains(&complaint)).count();
        assert!(points >= 2, "{complaint:?}: {points} points");
        assert!(with >= 1, "{complaint:?}: no bundled routine");
        assert_ne!(complaint.name(Lang::En), "");
        assert_ne!(complaint.name(Lang::Nl), "");
    }
    // Every view, the new close-ups too, shows points.
    for view in View::ALL {
        assert!(catalog.on_view(view).next().is_some(), "{view:?} shows no point");
    }
}

/// The point codes of the first column of the caution table in routines/README.md.
fn caution_table_codes() -> Vec<String> {
    let docs = include_str!("../routines/README.md");
    let start = docs.find("### How each caution in the point catalogue is handled").expect("the caution table");
    let end = start + docs[start..].find("\n## ").unwrap();
    docs[start..end]
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| Point"))
        .filter_map(|line| line.split('|').nth(1))
        .flat_map(|cell| cell.split([',', ';']).map(|code| code.trim().to_owned()).collect::<Vec<_>>())
        .collect()
}

#[test]
fn every_caution_is_in_the_table_of_how_it_is_handled() {
    let catalog = bundled::catalog().unwrap();
    let handled = caution_table_codes();
    let missing: Vec<&str> = catalog
        .points()
        .iter()
        .filter(|point| !point.cautions.is_empty() || point.avoid_in_pregnancy)
        .map(|point: &Point| point.code.as_str())
        .filter(|code| !handled.iter().any(|known| known == code))
        .collect();
    assert!(missing.is_empty(), "cautions not in routines/README.md § 9: {missing:?}");
}

#[test]
fn every_point_and_routine_has_its_sources() {
    let sources = include_str!("../SOURCES.md");
    let catalog = bundled::catalog().unwrap();
    for point in catalog.points() {
        let row = format!("| {} {} |", point.code, point.pinyin);
        let row_alone = format!("| {} ", point.code);
        assert!(
            sources.contains(&row) || sources.lines().any(|line| line.starts_with(&row_alone)),
            "{} has no row in SOURCES.md",
            point.code
        );
    }
    for routine in bundled::valid_routines(&catalog).unwrap() {
        let named = format!("`{}`", routine.id);
        let first_six = ["low-back", "neck-shoulders", "headache", "stress", "sleep", "nausea"];
        assert!(
            sources.contains(&named) || first_six.contains(&routine.id.as_str()),
            "routine {} has no row in SOURCES.md",
            routine.id
        );
    }
}
