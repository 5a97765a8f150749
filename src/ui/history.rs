//! The history: how often sessions were done, and whether pain went down.

use egui::RichText;
use egui_plot::{Bar, BarChart, GridMark, HoverPosition, Line, Plot, Points};

use super::{Command, Export, UiContext, layout, theme};
use crate::history::{SessionRecord, date_of_day_number, day_number};
use crate::overview::Overview;
use crate::routine::format_clock;
use crate::texts::count_form;

/// The history screen: the charts, each program's weeks and the per-routine summaries from the
/// overview (computed once per change), then every session, newest first. Only the rows in view
/// are laid out (and exist for a screen reader), so years of sessions cost what a screenful does.
pub fn history_ui(ui: &mut egui::Ui, ctx: &UiContext, records: &[SessionRecord], overview: &Overview) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::CentralPanel::default().show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(ctx.t.history_title).size(theme::HEADING_SIZE).strong());
            ui.add_space(12.0);
            let report = ui.button(ctx.t.progress_report);
            ctx.focus_first(&report);
            if report.clicked() {
                commands.push(Command::Export(Export::Report));
            }
            if ui.add_enabled(!records.is_empty(), egui::Button::new(ctx.t.export_csv)).clicked() {
                commands.push(Command::Export(Export::HistoryCsv));
            }
        });
        if records.is_empty() {
            ui.label(RichText::new(ctx.t.no_sessions_yet).weak());
            return;
        }
        // Tables wider than a small window scroll sideways rather than overlap.
        egui::ScrollArea::both().auto_shrink([false, false]).show_viewport(ui, |ui, viewport| {
            let content_top = ui.min_rect().top();
            charts_ui(ui, ctx, overview);
            adherence_ui(ui, ctx, overview);
            ui.add_space(10.0);
            ui.label(RichText::new(ctx.t.per_routine).strong());
            egui::Grid::new("per_routine").striped(true).num_columns(4).show(ui, |ui| {
                for summary in &overview.routines {
                    ui.label(summary.title.get(ctx.lang));
                    ui.label(
                        count_form(summary.sessions, ctx.t.sessions_count_one, ctx.t.sessions_count)
                            .fill(&summary.sessions.to_string(), &summary.completed.to_string()),
                    );
                    let mean = |value: Option<f32>| {
                        value
                            .map_or_else(|| "–".to_owned(), |value| crate::text::decimal(f64::from(value), 1, ctx.lang))
                    };
                    ui.label(format!("{} → {}", mean(summary.mean_pain_before), mean(summary.mean_pain_after)));
                    ui.label(RichText::new(ctx.t.mean_pain).weak());
                    ui.end_row();
                }
            });
            ui.add_space(10.0);
            ui.label(RichText::new(ctx.t.sessions).strong());
            let rows_top = ui.cursor().top() - content_top;
            session_rows_ui(ui, ctx, records, &visible_rows(viewport, rows_top, row_height(ui), records.len()));
        });
    });
    commands
}

/// The height of one session row: one line of text and the spacing under it.
fn row_height(ui: &egui::Ui) -> f32 {
    ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y
}

/// Which rows of `count` rows of `height`, starting `rows_top` into the content, fall inside
/// `viewport` (in content coordinates), with the height of the rows above and below them.
pub fn visible_rows(viewport: egui::Rect, rows_top: f32, height: f32, count: usize) -> VisibleRows {
    let height = height.max(1.0);
    let first = (((viewport.min.y - rows_top) / height).floor().max(0.0) as usize).min(count);
    let last = ((((viewport.max.y - rows_top) / height).ceil().max(0.0) as usize) + 1).clamp(first, count);
    VisibleRows { range: first..last, height, count }
}

/// The rows to lay out, and how many there are in all.
#[derive(Clone, Debug, PartialEq)]
pub struct VisibleRows {
    /// Row indices to lay out (newest first: row 0 is the last record).
    pub range: std::ops::Range<usize>,
    /// One row's height.
    pub height: f32,
    /// Every row.
    pub count: usize,
}

/// The session rows in view, with space for those above and below, so the scroll bar and the
/// scrolling are as for the whole list. Columns have fixed widths (from the text size), so
/// rows line up while scrolling.
fn session_rows_ui(ui: &mut egui::Ui, ctx: &UiContext, records: &[SessionRecord], rows: &VisibleRows) {
    let char_width = ui.text_style_height(&egui::TextStyle::Body) * 0.55;
    let widths = [12.0, 24.0, 15.0, 20.0, 12.0].map(|chars: f32| chars * char_width);
    ui.add_space(rows.range.start as f32 * rows.height);
    let rating = |value: Option<u8>| value.map_or_else(|| "–".to_owned(), |value| value.to_string());
    for row in rows.range.clone() {
        let Some(record) = records.len().checked_sub(row + 1).and_then(|index| records.get(index)) else { break };
        let result = match record.result() {
            crate::history::SessionResult::Done => ctx.t.result_short_done,
            crate::history::SessionResult::Partly { .. } => ctx.t.result_short_partly,
            crate::history::SessionResult::NothingPressed => ctx.t.result_short_nothing,
        };
        // The time in the session, and the time the points were pressed (a press cut short
        // counts for its seconds).
        let pressed = ctx.t.pressed_time.fill(&format_clock(record.pressed_secs));
        let cells = [
            crate::text::date(record.local_date(ctx.zone), ctx.lang),
            record.routine_title.get(ctx.lang).to_owned(),
            result.to_owned(),
            format!("{} · {pressed}", format_clock(record.practised_secs)),
            format!("{} {} → {}", ctx.t.pain, rating(record.pain_before), rating(record.pain_after)),
        ];
        ui.horizontal(|ui| {
            ui.set_height(rows.height - ui.spacing().item_spacing.y);
            for (cell, width) in cells.iter().zip(widths) {
                ui.add_sized([width, rows.height - ui.spacing().item_spacing.y], egui::Label::new(cell).truncate());
            }
        });
    }
    ui.add_space(rows.count.saturating_sub(rows.range.end) as f32 * rows.height);
}

/// Each program's weeks: sessions done against the prescription.
fn adherence_ui(ui: &mut egui::Ui, ctx: &UiContext, overview: &Overview) {
    for scheduled in crate::program::scheduled(ctx.programs, ctx.routines) {
        let Some(prescription) = scheduled.prescription else { continue };
        let Some(routine) = ctx.routines.iter().find(|routine| routine.id == scheduled.program.routine_id) else {
            continue;
        };
        let weeks = overview.adherence_of(&scheduled.program.routine_id);
        ui.add_space(10.0);
        let title = ctx.t.program_title.fill(routine.title.get(ctx.lang));
        ui.label(RichText::new(title).strong());
        ui.label(RichText::new(ctx.t.prescribed.fill(&prescription.describe(ctx.lang))).weak());
        if weeks.is_empty() {
            let start = crate::text::date(scheduled.program.start, ctx.lang);
            ui.label(RichText::new(ctx.t.program_starts.fill(&start)).weak());
            continue;
        }
        egui::Grid::new(("adherence", &routine.id)).num_columns(3).striped(true).show(ui, |ui| {
            for week in weeks {
                let span = crate::text::date_span(week.first, week.last, ctx.lang);
                ui.label(ctx.t.program_week.fill(&week.number.to_string(), &span));
                let fraction = (week.done as f32 / week.prescribed.max(1) as f32).min(1.0);
                let text = ctx.t.done_of.fill(&week.done.to_string(), &week.prescribed.to_string());
                ui.add(egui::ProgressBar::new(fraction).desired_width(180.0).text(&text));
                ui.label(if week.last >= ctx.today {
                    RichText::new(ctx.t.week_so_far).weak()
                } else {
                    RichText::new("")
                });
                ui.end_row();
            }
        });
    }
}

/// Grid marks at whole numbers, every `step`, inside `bounds` (days, or weeks).
fn whole_marks(bounds: (f64, f64), step: f64) -> Vec<GridMark> {
    let first = (bounds.0 / step).ceil() as i64;
    let last = (bounds.1 / step).floor() as i64;
    (first..=last).map(|n| GridMark { value: n as f64 * step, step_size: step }).collect()
}

/// Sessions per week, and pain before and after over time, both on axes of dates.
fn charts_ui(ui: &mut egui::Ui, ctx: &UiContext, overview: &Overview) {
    let plot_height = (ui.available_height() * 0.3).clamp(160.0, 260.0);
    let narrow = layout::is_narrow(ui);
    let weeks_chart = |ui: &mut egui::Ui| weeks_chart_ui(ui, ctx, &overview.weeks, plot_height);
    let pain_chart = |ui: &mut egui::Ui| pain_chart_ui(ui, ctx, overview, plot_height);
    if narrow {
        weeks_chart(ui);
        ui.add_space(8.0);
        pain_chart(ui);
    } else {
        layout::two_columns_ui(ui, weeks_chart, pain_chart);
    }
}

/// Sessions per week, weeks named by their dates, up to this week.
fn weeks_chart_ui(ui: &mut egui::Ui, ctx: &UiContext, weeks: &[crate::history::Week], plot_height: f32) {
    {
        ui.label(RichText::new(ctx.t.sessions_per_week).strong());
        let labels: Vec<String> =
            weeks.iter().map(|week| crate::text::date_span(week.monday, week.sunday(), ctx.lang)).collect();
        let bar_color = theme::point_color(ui.visuals());
        let bars: Vec<Bar> = weeks
            .iter()
            .zip(&labels)
            .enumerate()
            .map(|(index, (week, label))| Bar::new(index as f64, week.sessions as f64).name(label).width(0.7))
            .collect();
        let most_sessions = weeks.iter().map(|week| week.sessions).max().unwrap_or(0).max(3) as f64;
        let count = weeks.len() as f64;
        // Fewer labels on a narrow chart: a week's dates take room.
        let most_labels = f64::from((ui.available_width() / 110.0).max(1.0));
        Plot::new("sessions_per_week")
            .height(plot_height)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .include_x(-0.6)
            .include_x(count - 0.4)
            .include_y(0.0)
            .include_y(most_sessions + 0.5)
            .x_grid_spacer(move |input| {
                let step = [1.0, 2.0, 4.0, 8.0, 13.0, 26.0, 52.0]
                    .into_iter()
                    .find(|step| count / step <= most_labels)
                    .unwrap_or(52.0);
                whole_marks(input.bounds, step)
            })
            .y_grid_spacer(|input| {
                whole_marks(input.bounds, crate::history::mark_step(input.bounds.1 - input.bounds.0, 6.0))
            })
            .x_axis_formatter(move |mark, _| {
                let index = mark.value.round();
                if index >= 0.0 { labels.get(index as usize).cloned().unwrap_or_default() } else { String::new() }
            })
            .y_axis_formatter(|mark, _| format!("{:.0}", mark.value))
            .show(ui, |plot| {
                plot.bar_chart(BarChart::new(ctx.t.sessions, bars).color(bar_color));
            });
    }
}

/// Pain before and after each session, on an axis of dates up to today.
fn pain_chart_ui(ui: &mut egui::Ui, ctx: &UiContext, overview: &Overview, plot_height: f32) {
    {
        ui.label(RichText::new(ctx.t.pain_trend).strong());
        let before = overview.pain_before.clone();
        let after = overview.pain_after.clone();
        // From the first session's day to today, at least a week; marks on days, months or
        // years as the span asks (readable from one day to ten years).
        let today = day_number(ctx.today) as f64;
        let start = overview.chart_start;
        let most_labels = ((ui.available_width() / 80.0).max(2.0)) as usize;
        let marks = crate::overview::date_marks(date_of_day_number(start as i64), ctx.today, most_labels);
        let mark_days: Vec<(f64, String)> =
            marks.iter().map(|mark| (day_number(mark.date()) as f64, mark.label(ctx.lang))).collect();
        let labels = mark_days.clone();
        let visuals = ui.visuals().clone();
        let lang = ctx.lang;
        Plot::new("pain_trend")
            .height(plot_height)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .include_x(start)
            .include_x(today + 1.0)
            .include_y(0.0)
            .include_y(10.0)
            .x_grid_spacer(move |_| mark_days.iter().map(|(day, _)| GridMark { value: *day, step_size: 1.0 }).collect())
            .y_grid_spacer(|input| whole_marks(input.bounds, 2.0))
            .x_axis_formatter(move |mark, _| {
                labels
                    .iter()
                    .find(|(day, _)| (*day - mark.value).abs() < 0.5)
                    .map(|(_, label)| label.clone())
                    .unwrap_or_default()
            })
            .y_axis_formatter(|mark, _| format!("{:.0}", mark.value))
            .y_axis_label(ctx.t.pain)
            .label_formatter(move |hover| {
                let (name, position) = match hover {
                    HoverPosition::NearDataPoint { plot_name, position, .. } => (*plot_name, *position),
                    HoverPosition::Elsewhere { position } => ("", *position),
                };
                let date = crate::text::date(date_of_day_number(position.x.floor() as i64), lang);
                Some(format!("{name} {date}: {:.0}", position.y).trim_start().to_owned())
            })
            .show(ui, |plot| {
                let before_color = theme::highlight_color(&visuals);
                let after_color = theme::point_color(&visuals);
                plot.line(Line::new(ctx.t.pain_before, before.clone()).color(before_color));
                plot.points(Points::new(ctx.t.pain_before, before).radius(4.0).color(before_color));
                plot.line(Line::new(ctx.t.pain_after, after.clone()).color(after_color));
                plot.points(Points::new(ctx.t.pain_after, after).radius(4.0).color(after_color));
            });
        // The legend under the chart, never over today's values.
        ui.horizontal_wrapped(|ui| {
            for (name, color) in [
                (ctx.t.pain_before, theme::highlight_color(&visuals)),
                (ctx.t.pain_after, theme::point_color(&visuals)),
            ] {
                ui.label(RichText::new("●").color(color));
                ui.label(name);
                ui.add_space(12.0);
            }
        });
    }
}
