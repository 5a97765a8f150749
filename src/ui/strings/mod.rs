//! Every fixed text of the app, one file per language.
//!
//! [`Strings`] has one field per text, so a missing translation does not compile. Texts with
//! `{name}` placeholders are filled with [`fill`].

mod en;
mod nl;

use crate::text::Lang;

/// The texts of one language.
#[allow(missing_docs)] // Each field's name is its documentation; en.rs shows the English text.
pub struct Strings {
    pub app_title: &'static str,
    pub tab_body_map: &'static str,
    pub tab_library: &'static str,
    pub language: &'static str,
    pub text_size: &'static str,
    pub reduce_motion: &'static str,
    pub settings: &'static str,
    pub view_front: &'static str,
    pub view_back: &'static str,
    pub view_hands: &'static str,
    pub view_feet: &'static str,
    pub view_head: &'static str,
    pub row_palm_side: &'static str,
    pub row_back_of_hand: &'static str,
    pub row_top_of_foot: &'static str,
    pub row_inner_side: &'static str,
    pub row_outer_side: &'static str,
    pub row_sole: &'static str,
    pub row_face: &'static str,
    pub row_back_of_head: &'static str,
    pub map_label: &'static str,
    pub side_note: &'static str,
    pub left_short: &'static str,
    pub right_short: &'static str,
    pub left_side: &'static str,
    pub right_side: &'static str,
    pub midline: &'static str,
    pub point_button: &'static str,
    pub complaints: &'static str,
    pub all_complaints: &'static str,
    pub home_intro_title: &'static str,
    pub home_intro: &'static str,
    pub routines_for: &'static str,
    pub how_to_find: &'static str,
    pub traditional_use: &'static str,
    pub cautions: &'static str,
    pub avoid_in_pregnancy: &'static str,
    pub used_in_routines: &'static str,
    pub no_routines_use_point: &'static str,
    pub quick_press: &'static str,
    pub quick_press_hint: &'static str,
    pub quick_press_title: &'static str,
    pub close: &'static str,
    pub start: &'static str,
    pub preview: &'static str,
    pub library_title: &'static str,
    pub search: &'static str,
    pub minutes_points: &'static str,
    pub from_author: &'static str,
    pub no_routines_found: &'static str,
    pub plan_title: &'static str,
    pub gate_title: &'static str,
    pub gate_intro: &'static str,
    pub gate_prefilled: &'static str,
    pub gate_emergency_heading: &'static str,
    pub gate_other_heading: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub none_of_these: &'static str,
    pub unanswered_left: &'static str,
    pub confirm_answers: &'static str,
    pub back: &'static str,
    pub outcome_urgent_title: &'static str,
    pub outcome_doctor_title: &'static str,
    pub outcome_nothing_left_title: &'static str,
    pub outcome_adapted_title: &'static str,
    pub outcome_clear_title: &'static str,
    pub outcome_clear_text: &'static str,
    pub why: &'static str,
    pub what_to_do: &'static str,
    pub light_only: &'static str,
    pub skipped_points: &'static str,
    pub breathing_changed: &'static str,
    pub change_answers: &'static str,
    pub back_to_map: &'static str,
    pub pain_before_question: &'static str,
    pub pain_after_question: &'static str,
    pub pain_scale_hint: &'static str,
    pub pain_value: &'static str,
    pub skip_rating: &'static str,
    pub not_rated: &'static str,
    pub start_session: &'static str,
    pub session_steps: &'static str,
    pub total_time: &'static str,
    pub step_of: &'static str,
    pub time_left: &'static str,
    pub phase_prepare: &'static str,
    pub phase_rest: &'static str,
    pub phase_press: &'static str,
    pub phase_press_side: &'static str,
    pub phase_switch: &'static str,
    pub phase_settle: &'static str,
    pub next_point: &'static str,
    pub pressure: &'static str,
    pub breathe: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub stop: &'static str,
    pub paused: &'static str,
    pub missed_notice: &'static str,
    pub step_done: &'static str,
    pub step_skipped: &'static str,
    pub step_current: &'static str,
    pub end_completed_title: &'static str,
    pub end_stopped_title: &'static str,
    pub time_done: &'static str,
    pub steps_done: &'static str,
    pub steps_skipped: &'static str,
    pub points_skipped_by_gate: &'static str,
    pub done: &'static str,
    pub disclaimer: &'static str,
    pub gate_needed_for: &'static str,
}

/// The texts for `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &en::EN,
        Lang::Nl => &nl::NL,
    }
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}
