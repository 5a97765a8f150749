//! The history: how often sessions were done, and whether pain went down.

use egui::RichText;
use egui_plot::{Bar, BarChart, Legend, Line, Plot, Points};

use super::strings::{count_form, fill};
use super::{Command, UiContext, theme};
use crate::history::{SessionRecord, routine_summaries, sessions_per_week};
use crate::routine::format_clock;

/// The history screen.
pub fn history_ui(ui: &mut egui::Ui, ctx: &UiContext, records: &[SessionRecord]) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::CentralPanel::default().show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(ctx.t.history_title).size(theme::HEADING_SIZE).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.add_enabled(!records.is_empty(), egui::Button::new(ctx.t.export_csv)).clicked() {
                    commands.push(Command::ExportHistoryCsv);
                }
            });
        });
        if records.is_empty() {
            ui.label(RichText::new(ctx.t.no_sessions_yet).weak());
            return;
        }
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            charts_ui(ui, ctx, records);
            ui.add_space(10.0);
            ui.label(RichText::new(ctx.t.per_routine).strong());
            egui::Grid::new("per_routine").striped(true).num_columns(4).show(ui, |ui| {
                for summary in routine_summaries(records) {
                    ui.label(summary.title.get(ctx.lang));
                    ui.label(fill(
                        count_form(summary.sessions, ctx.t.sessions_count_one, ctx.t.sessions_count),
                        &[("count", &summary.sessions.to_string()), ("done", &summary.completed.to_string())],
                    ));
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
            egui::Grid::new("sessions").striped(true).num_columns(5).show(ui, |ui| {
                for record in records.iter().rev() {
                    ui.label(crate::text::date(record.local_date(ctx.zone), ctx.lang));
                    ui.label(record.routine_title.get(ctx.lang));
                    ui.label(if record.completed { ctx.t.end_completed_title } else { ctx.t.end_stopped_title });
                    ui.label(format_clock(record.practised_secs));
                    let rating = |value: Option<u8>| value.map_or_else(|| "–".to_owned(), |value| value.to_string());
                    ui.label(format!("{} {} → {}", ctx.t.pain, rating(record.pain_before), rating(record.pain_after)));
                    ui.end_row();
                }
            });
        });
    });
    commands
}

/// Sessions per week, and pain before and after over time.
fn charts_ui(ui: &mut egui::Ui, ctx: &UiContext, records: &[SessionRecord]) {
    let plot_height = (ui.available_height() * 0.3).clamp(140.0, 240.0);
    let bar_color = theme::point_color(ui.visuals());
    ui.columns(2, |columns| {
        columns[0].label(RichText::new(ctx.t.sessions_per_week).strong());
        let weeks = sessions_per_week(records, ctx.zone);
        let labels: Vec<String> =
            weeks.iter().map(|week| crate::text::date_span(week.monday, week.sunday(), ctx.lang)).collect();
        let bars: Vec<Bar> = weeks
            .iter()
            .zip(&labels)
            .enumerate()
            .map(|(index, (week, label))| Bar::new(index as f64, week.sessions as f64).name(label).width(0.7))
            .collect();
        Plot::new("sessions_per_week")
            .height(plot_height)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .include_y(0.0)
            .x_axis_formatter(move |mark, _| {
                let index = mark.value.round();
                if (mark.value - index).abs() < 1e-6 && index >= 0.0 {
                    labels.get(index as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .show(&mut columns[0], |plot| {
                plot.bar_chart(BarChart::new(ctx.t.sessions, bars).color(bar_color));
            });
        columns[1].label(RichText::new(ctx.t.pain_trend).strong());
        let first = records.iter().map(|record| record.started_unix_secs).min().unwrap_or(0);
        let day = |record: &SessionRecord| (record.started_unix_secs - first) as f64 / 86_400.0;
        let before: Vec<[f64; 2]> =
            records.iter().filter_map(|record| record.pain_before.map(|pain| [day(record), f64::from(pain)])).collect();
        let after: Vec<[f64; 2]> =
            records.iter().filter_map(|record| record.pain_after.map(|pain| [day(record), f64::from(pain)])).collect();
        let visuals = columns[1].visuals().clone();
        Plot::new("pain_trend")
            .height(plot_height)
            .legend(Legend::default())
            .include_y(0.0)
            .include_y(10.0)
            .x_axis_label(ctx.t.days)
            .y_axis_label(ctx.t.pain)
            .allow_drag(false)
            .allow_scroll(false)
            .show(&mut columns[1], |plot| {
                let before_color = theme::highlight_color(&visuals);
                let after_color = theme::point_color(&visuals);
                plot.line(Line::new(ctx.t.pain_before, before.clone()).color(before_color));
                plot.points(Points::new(ctx.t.pain_before, before).radius(4.0).color(before_color));
                plot.line(Line::new(ctx.t.pain_after, after.clone()).color(after_color));
                plot.points(Points::new(ctx.t.pain_after, after).radius(4.0).color(after_color));
            });
    });
}
