//! The body map: a figure drawn from the SVG artwork with the catalogue's points on top.
//!
//! Each point instance is its own focusable, clickable widget with an AccessKit label
//! ("LI4 Joining Valley, left side"), so the map works with a keyboard and a screen reader.

use std::collections::BTreeSet;

use egui::{Align2, FontId, ImageSource, Rect, Sense, Stroke, Vec2, WidgetInfo, pos2, vec2};

use super::strings::fill;
use super::{UiContext, theme};
use crate::catalog::{Laterality, Point, PointCode, View};
use crate::routine::BodySide;

/// The artwork of a view.
pub fn artwork(view: View) -> ImageSource<'static> {
    match view {
        View::Front => egui::include_image!("../../assets/body/front.svg"),
        View::Back => egui::include_image!("../../assets/body/back.svg"),
        View::Hands => egui::include_image!("../../assets/body/hands.svg"),
        View::Feet => egui::include_image!("../../assets/body/feet.svg"),
        View::Head => egui::include_image!("../../assets/body/head.svg"),
    }
}

/// The view's name.
pub fn view_name(view: View, ctx: &UiContext) -> &'static str {
    match view {
        View::Front => ctx.t.view_front,
        View::Back => ctx.t.view_back,
        View::Hands => ctx.t.view_hands,
        View::Feet => ctx.t.view_feet,
        View::Head => ctx.t.view_head,
    }
}

/// The side's name ("left side").
pub fn side_name(side: Option<BodySide>, ctx: &UiContext) -> &'static str {
    match side {
        Some(BodySide::Left) => ctx.t.left_side,
        Some(BodySide::Right) => ctx.t.right_side,
        None => ctx.t.midline,
    }
}

/// Names of the rows of a close-up view, with where each row starts (0..1 from the top).
fn row_labels(view: View, ctx: &UiContext) -> Vec<(f32, &'static str)> {
    let t = ctx.t;
    match view {
        View::Front | View::Back => Vec::new(),
        View::Hands => vec![(0.0, t.row_palm_side), (0.5, t.row_back_of_hand)],
        View::Feet => {
            vec![(0.0, t.row_top_of_foot), (0.25, t.row_inner_side), (0.5, t.row_outer_side), (0.75, t.row_sole)]
        }
        View::Head => vec![(0.0, t.row_face), (0.5, t.row_back_of_head)],
    }
}

/// What to draw and how.
pub struct MapOptions<'a> {
    /// Which view.
    pub view: View,
    /// Points drawn highlighted (a complaint filter).
    pub highlighted: &'a BTreeSet<PointCode>,
    /// The selected point (ringed).
    pub selected: Option<&'a PointCode>,
    /// In the player: only this point and side are bright, the rest dimmed.
    pub focus: Option<(&'a PointCode, Option<BodySide>)>,
    /// Whether points can be clicked and focused.
    pub interactive: bool,
    /// Largest size to use.
    pub max_size: Vec2,
}

/// What happened on the map.
#[derive(Default)]
pub struct MapResponse {
    /// A point that was clicked (or activated with the keyboard).
    pub clicked: Option<PointCode>,
}

/// The largest rect with the view's aspect ratio that fits in `available`.
pub fn fitted_size(view: View, available: Vec2) -> Vec2 {
    let aspect = view.aspect_ratio();
    let width = available.x.min(available.y * aspect).max(1.0);
    vec2(width, width / aspect)
}

fn instances(point: &Point, view: View) -> Vec<(Option<BodySide>, f32, f32)> {
    let Some(position) = point.position_on(view) else { return Vec::new() };
    match point.laterality {
        Laterality::Midline => vec![(None, position.x, position.y)],
        Laterality::Bilateral => {
            let mirrored = position.mirrored();
            vec![(Some(BodySide::Left), position.x, position.y), (Some(BodySide::Right), mirrored.x, mirrored.y)]
        }
    }
}

/// Draws the map and its points.
pub fn body_map_ui(ui: &mut egui::Ui, ctx: &UiContext, options: &MapOptions) -> MapResponse {
    let mut response = MapResponse::default();
    let size = fitted_size(options.view, options.max_size);
    let (rect, map_response) = ui.allocate_exact_size(size, Sense::hover());
    let label = fill(ctx.t.map_label, &[("view", view_name(options.view, ctx))]);
    map_response.widget_info(|| WidgetInfo::labeled(egui::Role::Image, true, &label));
    egui::Image::new(artwork(options.view)).paint_at(ui, rect);

    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(rect.expand(4.0));
    let radius = (rect.width() * 0.018).clamp(5.0, 11.0);
    // Side labels at the top corners: L on the left, as the user sees their own body.
    let label_font = FontId::proportional((radius * 1.8).clamp(12.0, 18.0));
    let text_color = visuals.weak_text_color();
    painter.text(rect.left_top() + vec2(4.0, 2.0), Align2::LEFT_TOP, ctx.t.left_short, label_font.clone(), text_color);
    painter.text(rect.right_top() + vec2(-4.0, 2.0), Align2::RIGHT_TOP, ctx.t.right_short, label_font, text_color);

    let row_font = FontId::proportional((rect.height() * 0.022).clamp(11.0, 15.0));
    for (top, name) in row_labels(options.view, ctx) {
        let position = pos2(rect.center().x, rect.top() + top * rect.height() + 2.0);
        painter.text(position, Align2::CENTER_TOP, name, row_font.clone(), text_color);
    }

    for point in ctx.catalog.points() {
        for (side, x, y) in instances(point, options.view) {
            let center = pos2(rect.left() + x * rect.width(), rect.top() + y * rect.height());
            let highlighted = options.highlighted.contains(&point.code);
            let in_focus = options.focus.is_none_or(|(code, focus_side)| {
                code == &point.code && (focus_side.is_none() || side.is_none() || focus_side == side)
            });
            let is_selected = options.selected == Some(&point.code);
            let color = if options.focus.is_some() {
                if in_focus { theme::highlight_color(&visuals) } else { theme::dim_color(&visuals) }
            } else if highlighted {
                theme::highlight_color(&visuals)
            } else {
                theme::point_color(&visuals)
            };
            let point_radius = if (highlighted || options.focus.is_some()) && in_focus { radius * 1.3 } else { radius };
            let hit_rect = Rect::from_center_size(center, Vec2::splat((point_radius * 2.6).max(18.0)));
            let side_text = side_name(side, ctx);
            let name = point.name.get(ctx.lang);
            let widget_label =
                fill(ctx.t.point_button, &[("code", point.code.as_str()), ("name", name), ("side", side_text)]);
            let mut ring = None;
            if options.interactive {
                let id = ui.make_persistent_id(("map-point", options.view, point.code.as_str(), side));
                let point_response = ui.interact(hit_rect, id, Sense::click());
                point_response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &widget_label));
                if point_response.clicked() {
                    response.clicked = Some(point.code.clone());
                }
                if point_response.has_focus() {
                    ring = Some(Stroke::new(2.5, visuals.selection.stroke.color));
                }
                point_response.on_hover_ui(|ui| {
                    ui.set_max_width(320.0);
                    ui.strong(format!("{} · {}", point.label(ctx.lang), side_text));
                    ui.label(point.find.get(ctx.lang));
                });
            }
            painter.circle(center, point_radius, color, Stroke::new(1.5, visuals.extreme_bg_color));
            if is_selected {
                painter.circle_stroke(center, point_radius + 4.0, Stroke::new(2.5, color));
            }
            if let Some(stroke) = ring {
                painter.circle_stroke(center, point_radius + 6.0, stroke);
            }
        }
    }
    response
}
