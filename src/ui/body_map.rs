//! The body map: a figure drawn from the SVG artwork with the catalogue's points on top.
//!
//! Each point instance is its own focusable, clickable widget with an AccessKit label
//! ("LI4 Joining Valley, left side"), so the map works with a keyboard and a screen reader.

use std::collections::BTreeSet;

use egui::{Align2, FontId, ImageSource, Pos2, Rect, Sense, Stroke, Vec2, WidgetInfo, pos2, vec2};

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
        View::SideHead => egui::include_image!("../../assets/body/side-head.svg"),
        View::Knee => egui::include_image!("../../assets/body/knee.svg"),
        View::Ear => egui::include_image!("../../assets/body/ear.svg"),
    }
}

/// The view's name.
pub fn view_name(view: View, ctx: &UiContext) -> &'static str {
    ctx.t.view_name(view)
}

/// The buttons that choose the view, in a row; returns the view chosen. Their accessible names
/// say "view" ("Back view"), so they are not mistaken for a Back button.
pub fn view_buttons_ui(ui: &mut egui::Ui, ctx: &UiContext, current: View) -> (Option<View>, Option<egui::Response>) {
    let mut chosen = None;
    let mut first = None;
    ui.horizontal_wrapped(|ui| {
        for view in View::ALL {
            let selected = current == view;
            let response = ui.selectable_label(selected, view_name(view, ctx));
            let label = ctx.t.view_button.fill(view_name(view, ctx));
            response.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, selected, &label));
            if response.clicked() {
                chosen = Some(view);
            }
            first.get_or_insert(response);
        }
    });
    (chosen, first)
}

/// The side's name ("left side").
pub fn side_name(side: Option<BodySide>, ctx: &UiContext) -> &'static str {
    ctx.t.side_name(side)
}

/// Names of the rows of a close-up view, with where each row starts (0..1 from the top).
fn row_labels(view: View, ctx: &UiContext) -> Vec<(f32, &'static str)> {
    let t = ctx.t;
    match view {
        View::Front | View::Back | View::SideHead | View::Ear => Vec::new(),
        View::Hands => vec![(0.0, t.row_palm_side), (0.5, t.row_back_of_hand)],
        View::Feet => {
            vec![(0.0, t.row_top_of_foot), (0.25, t.row_inner_side), (0.5, t.row_outer_side), (0.75, t.row_sole)]
        }
        View::Head => vec![(0.0, t.row_face), (0.5, t.row_back_of_head)],
        View::Knee => vec![(0.0, t.row_front_of_knees), (0.4, t.row_inner_side), (0.7, t.row_outer_side)],
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
    /// A group of points too close together to tell apart was clicked: show this close-up.
    pub show_view: Option<View>,
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

/// One point on one side, where it is drawn.
struct Marker<'a> {
    /// Its place in the catalogue: a group names its points in catalogue order.
    order: usize,
    point: &'a Point,
    side: Option<BodySide>,
    center: Pos2,
}

/// What is drawn for one spot: a point, or a group of points too close together to tell apart.
struct Spot<'a> {
    members: Vec<Marker<'a>>,
    center: Pos2,
    /// Half the side of its clickable square; spots' squares never overlap.
    half: f32,
}

/// The close-up that shows every one of `points`, if any.
fn close_up_for(points: &[&Point]) -> Option<View> {
    [View::Hands, View::Feet, View::Head, View::SideHead, View::Knee, View::Ear]
        .into_iter()
        .find(|view| points.iter().all(|point| point.position_on(*view).is_some()))
}

/// Groups markers whose dots would touch (when a close-up can show them apart), then sizes each
/// spot so that no two clickable squares overlap.
fn spots<'a>(markers: Vec<Marker<'a>>, radius: f32, view: View, group: bool) -> Vec<Spot<'a>> {
    let mut groups: Vec<Vec<Marker<'a>>> = Vec::new();
    let can_group = group && matches!(view, View::Front | View::Back);
    for marker in markers {
        let touches = |members: &Vec<Marker<'a>>| {
            members
                .iter()
                .any(|other| other.side == marker.side && other.center.distance(marker.center) < radius * 2.6 + 2.0)
        };
        let touching: Vec<usize> =
            if can_group { (0..groups.len()).filter(|index| touches(&groups[*index])).collect() } else { Vec::new() };
        // A marker that touches several groups joins them all into one, when one close-up shows
        // every point of them: groups never end up lying on top of each other.
        let together: Vec<&Point> =
            touching.iter().flat_map(|index| groups[*index].iter().map(|member| member.point)).collect();
        if !touching.is_empty() && close_up_for(&[together.as_slice(), &[marker.point]].concat()).is_some() {
            let mut merged = Vec::new();
            for index in touching.into_iter().rev() {
                merged.extend(groups.remove(index));
            }
            merged.push(marker);
            merged.sort_by_key(|member| member.order);
            groups.push(merged);
        } else {
            groups.push(vec![marker]);
        }
    }
    // A group's centre is its members' mean, which can land on a point that touched none of
    // them: join such neighbours too, until no two spots of one side touch.
    let center_of = |members: &[Marker<'a>]| {
        let sum = members.iter().fold(Vec2::ZERO, |sum, marker| sum + marker.center.to_vec2());
        (sum / members.len() as f32).to_pos2()
    };
    loop {
        let mut pair = None;
        'search: for first in 0..if can_group { groups.len() } else { 0 } {
            for second in first + 1..groups.len() {
                let (a, b) = (&groups[first], &groups[second]);
                let near = a[0].side == b[0].side
                    && center_of(a).distance(center_of(b)) < radius * 2.6 + 2.0
                    && (a.len() > 1 || b.len() > 1);
                if !near {
                    continue;
                }
                let points: Vec<&Point> = a.iter().chain(b.iter()).map(|member| member.point).collect();
                if close_up_for(&points).is_some() {
                    pair = Some((first, second));
                    break 'search;
                }
            }
        }
        let Some((first, second)) = pair else { break };
        let moved = groups.remove(second);
        groups[first].extend(moved);
        groups[first].sort_by_key(|member| member.order);
    }
    let centers: Vec<Pos2> = groups
        .iter()
        .map(|members| {
            let sum = members.iter().fold(Vec2::ZERO, |sum, marker| sum + marker.center.to_vec2());
            (sum / members.len() as f32).to_pos2()
        })
        .collect();
    let default_half = (radius * 1.3).max(9.0);
    groups
        .into_iter()
        .enumerate()
        .map(|(index, members)| {
            let center = centers[index];
            // The Chebyshev distance to the nearest other spot: squares of half that size never overlap.
            let nearest = centers
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .map(|(_, other)| (other.x - center.x).abs().max((other.y - center.y).abs()))
                .fold(f32::INFINITY, f32::min);
            // In a small map at large text, crowded points get small squares rather than squares
            // that overlap (each stays reachable with Tab and by name).
            let half = default_half.min(nearest / 2.0 - 0.5).max(1.0);
            Spot { members, center, half }
        })
        .collect()
}

/// Draws the map and its points.
pub fn body_map_ui(ui: &mut egui::Ui, ctx: &UiContext, options: &MapOptions) -> MapResponse {
    let mut response = MapResponse::default();
    // The side letters sit in a strip above the drawing, never on it.
    let letter_height = 16.0;
    let size = fitted_size(options.view, options.max_size - vec2(0.0, letter_height));
    let (outer, map_response) = ui.allocate_exact_size(size + vec2(0.0, letter_height), Sense::hover());
    let rect = Rect::from_min_size(outer.min + vec2(0.0, letter_height), size);
    let label = ctx.t.map_label.fill(view_name(options.view, ctx));
    map_response.widget_info(|| WidgetInfo::labeled(egui::Role::Image, true, &label));
    egui::Image::new(artwork(options.view)).paint_at(ui, rect);

    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(outer.expand(4.0));
    let radius = (rect.width() * 0.018).clamp(4.0, 11.0);
    // L on the left, as the person sees their own body.
    let letter_font = FontId::proportional(13.0);
    let text_color = visuals.weak_text_color();
    painter.text(outer.left_top(), Align2::LEFT_TOP, ctx.t.left_short, letter_font.clone(), text_color);
    painter.text(outer.right_top(), Align2::RIGHT_TOP, ctx.t.right_short, letter_font, text_color);
    // Row names only where the drawing leaves room for them.
    if rect.height() >= 320.0 {
        let row_font = FontId::proportional(13.0);
        for (top, name) in row_labels(options.view, ctx) {
            let y = rect.top() + top * rect.height() + 2.0;
            // The head fills the middle of its view: its names go to the left edge; on the hands
            // and feet the middle is free.
            let (position, align) = if options.view == View::Head {
                (pos2(rect.left(), y), Align2::LEFT_TOP)
            } else {
                (pos2(rect.center().x, y), Align2::CENTER_TOP)
            };
            painter.text(position, align, name, row_font.clone(), text_color);
        }
    }

    let mut markers: Vec<Marker> = Vec::new();
    for (order, point) in ctx.catalog.points().iter().enumerate() {
        for (side, x, y) in instances(point, options.view) {
            let center = pos2(rect.left() + x * rect.width(), rect.top() + y * rect.height());
            markers.push(Marker { order, point, side, center });
        }
    }
    let in_focus = |marker: &Marker| {
        options.focus.is_none_or(|(code, focus_side)| {
            code == &marker.point.code && (focus_side.is_none() || marker.side.is_none() || focus_side == marker.side)
        })
    };
    // The point in focus is drawn last, on top.
    markers.sort_by_key(|marker| options.focus.is_some() && in_focus(marker));
    for spot in spots(markers, radius, options.view, options.interactive) {
        if spot.members.len() > 1 {
            group_ui(ui, ctx, options, &spot, &mut response);
            continue;
        }
        let marker = &spot.members[0];
        let point = marker.point;
        let highlighted = options.highlighted.contains(&point.code);
        let color = if options.focus.is_some() {
            if in_focus(marker) { theme::highlight_color(&visuals) } else { theme::dim_color(&visuals) }
        } else if highlighted {
            theme::highlight_color(&visuals)
        } else {
            theme::point_color(&visuals)
        };
        let emphasised = (highlighted || options.focus.is_some()) && in_focus(marker);
        let mut point_radius = if emphasised { radius * 1.3 } else { radius }.min(spot.half);
        let hit_rect = Rect::from_center_size(spot.center, Vec2::splat(spot.half * 2.0));
        let mut ring = None;
        if options.interactive {
            let side_text = side_name(marker.side, ctx);
            let name = point.name.get(ctx.lang);
            let widget_label = ctx.t.point_button.fill(point.code.as_str(), name, side_text);
            let id = ui.make_persistent_id(("map-point", options.view, point.code.as_str(), marker.side));
            let point_response = ui.interact(hit_rect, id, Sense::click());
            point_response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &widget_label));
            if point_response.clicked() {
                response.clicked = Some(point.code.clone());
            }
            let details = |ui: &mut egui::Ui| {
                ui.set_max_width(320.0);
                ui.strong(format!("{} · {}", point.label(ctx.lang), side_text));
                ui.label(point.find.get(ctx.lang));
            };
            if point_response.hovered() {
                point_radius = (point_radius * 1.25).min(spot.half + 2.0);
                ring = Some(Stroke::new(2.0, visuals.widgets.hovered.fg_stroke.color));
            }
            if point_response.has_focus() {
                // The keyboard's point shows its name, as hovering does.
                ring = Some(Stroke::new(2.5, visuals.selection.stroke.color));
                point_response.show_tooltip_ui(details);
            } else {
                point_response.on_hover_ui(details);
            }
        }
        painter.circle(spot.center, point_radius, color, Stroke::new(1.5, visuals.extreme_bg_color));
        if options.selected == Some(&point.code) {
            painter.circle_stroke(spot.center, point_radius + 3.0, Stroke::new(2.5, color));
        }
        if let Some(stroke) = ring {
            painter.circle_stroke(spot.center, point_radius + 4.0, stroke);
        }
    }
    response
}

/// Points too close together to tell apart on this view: one button that opens the close-up.
fn group_ui(ui: &mut egui::Ui, ctx: &UiContext, options: &MapOptions, spot: &Spot, response: &mut MapResponse) {
    let points: Vec<&Point> = spot.members.iter().map(|marker| marker.point).collect();
    let Some(close_up) = close_up_for(&points) else { return };
    let visuals = ui.visuals().clone();
    let codes: Vec<&str> = points.iter().map(|point| point.code.as_str()).collect();
    let side = side_name(spot.members[0].side, ctx);
    let label = ctx.t.point_group_button.fill(&codes.join(", "), side, &view_name(close_up, ctx).to_lowercase());
    let hit_rect = Rect::from_center_size(spot.center, Vec2::splat(spot.half * 2.0));
    let id = ui.make_persistent_id(("map-group", options.view, codes.join(","), spot.members[0].side));
    let group_response = ui.interact(hit_rect, id, Sense::click());
    group_response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
    if group_response.clicked() {
        response.show_view = Some(close_up);
    }
    let highlighted = points.iter().any(|point| options.highlighted.contains(&point.code));
    let color = if highlighted { theme::highlight_color(&visuals) } else { theme::point_color(&visuals) };
    let drawn = spot.half;
    let painter = ui.painter();
    painter.circle(spot.center, drawn, visuals.extreme_bg_color, Stroke::new(2.0, color));
    painter.text(
        spot.center,
        Align2::CENTER_CENTER,
        points.len().to_string(),
        FontId::proportional(drawn * 1.1),
        color,
    );
    if group_response.hovered() || group_response.has_focus() {
        painter.circle_stroke(spot.center, drawn + 4.0, Stroke::new(2.5, visuals.selection.stroke.color));
    }
    let hint = |ui: &mut egui::Ui| {
        ui.set_max_width(320.0);
        ui.label(&label);
    };
    if group_response.has_focus() {
        group_response.show_tooltip_ui(hint);
    } else {
        group_response.on_hover_ui(hint);
    }
}
