//! Every fixed text of the app, one file per language: what the screens, the documents (handout,
//! report), the notifications and the command line's shared words say. Its own module, so the
//! PDFs and the reminders do not depend on the UI.
//!
//! [`Strings`] has one field per text, so a missing translation does not compile. A text with
//! `{name}` placeholders has a type from [`with`] named after them, checked when the program is
//! built and filled through a function whose parameters are those placeholders: a misspelt or
//! missing placeholder does not compile. A text without placeholders is a plain `&'static str`,
//! and the build checks it has no `{`.

mod en;
mod nl;
pub mod with;

use crate::text::Lang;

/// Declares [`Strings`] with one field per text (a `&'static str`, or the [`with`] type of a
/// text with placeholders), [`Strings::all`], and the build-time check that no plain text has a
/// placeholder.
macro_rules! strings {
    ($($field:ident $(: $template:ty)?),* $(,)?) => {
        /// The texts of one language.
        #[allow(missing_docs)] // Each field's name is its documentation; en.rs shows the English text.
        pub struct Strings {
            $(pub $field: text_type!($($template)?),)*
        }

        impl Strings {
            /// Every text with its field name (for checks such as "no English on a Dutch screen").
            pub fn all(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), AsText::as_text(&self.$field)),)*]
            }

            /// Fails the build if a plain text has a `{` (it would show as typed).
            const fn check_plain_texts(&self) {
                $(check_plain!($field, self.$field $(, $template)?);)*
            }
        }
    };
}

/// A field's type: `&'static str` unless a template type is given.
macro_rules! text_type {
    () => { &'static str };
    ($template:ty) => { $template };
}

/// Asserts a plain text has no placeholder; a template checks itself in its `new`.
macro_rules! check_plain {
    ($field:ident, $text:expr) => {
        assert!(
            with::has_no_placeholder($text),
            concat!(
                "the plain text `",
                stringify!($field),
                "` has a placeholder in braces: give it a type from `with`"
            )
        )
    };
    ($field:ident, $text:expr, $template:ty) => {};
}

const _: () = en::EN.check_plain_texts();
const _: () = nl::NL.check_plain_texts();

/// A text of any kind, as written.
pub trait AsText {
    /// The text with its placeholders unfilled.
    fn as_text(&self) -> &'static str;
}

impl AsText for &'static str {
    fn as_text(&self) -> &'static str {
        self
    }
}

strings! {
    app_title,
    tab_body_map,
    tab_library,
    text_size,
    reduce_motion,
    settings,
    view_front,
    view_back,
    view_hands,
    view_feet,
    view_head,
    view_side_head,
    view_knee,
    view_ear,
    row_palm_side,
    row_back_of_hand,
    row_top_of_foot,
    row_inner_side,
    row_outer_side,
    row_sole,
    row_face,
    row_back_of_head,
    row_front_of_knees,
    map_label: with::View,
    side_note,
    left_short,
    right_short,
    left_side,
    right_side,
    midline,
    point_button: with::CodeNameSide,
    complaints,
    all_complaints,
    home_intro_title,
    home_intro,
    routines_for: with::Complaint,
    how_to_find,
    traditional_use,
    cautions,
    avoid_in_pregnancy,
    used_in_routines,
    no_routines_use_point,
    quick_press,
    quick_press_hint_both: with::Time,
    quick_press_hint_midline: with::Time,
    quick_press_title: with::Name,
    close,
    start,
    preview,
    library_title,
    search,
    minutes_points: with::MinutesPoints,
    minutes_points_one: with::MinutesPoints,
    from_author: with::Author,
    no_routines_found,
    plan_title,
    gate_title,
    gate_intro,
    gate_prefilled,
    gate_emergency_heading,
    gate_other_heading,
    yes,
    no,
    none_of_these,
    unanswered_left: with::Count,
    questions_left_one: with::Count,
    questions_left: with::Count,
    urgent_stop_here,
    urgent_back_to_questions,
    confirm_answers,
    back,
    outcome_urgent_title,
    outcome_doctor_title,
    outcome_nothing_left_title,
    outcome_adapted_title,
    outcome_clear_title,
    outcome_clear_text,
    why,
    what_to_do,
    light_only,
    skipped_points,
    breathing_changed,
    change_answers,
    pain_before_question,
    pain_after_question,
    activities_title,
    activities_why,
    activities_scale_hint,
    activity_value: with::ActivityValue,
    pain_scale_hint,
    pain_value: with::Value,
    skip_rating,
    start_session,
    session_steps,
    total_time: with::Time,
    step_of: with::CurrentTotal,
    time_left: with::Time,
    key_space,
    time_left_spoken: with::PartSession,
    time_key_hint,
    part_lasts: with::Seconds,
    phase_prepare,
    phase_rest,
    phase_press,
    phase_press_side: with::Side,
    phase_switch: with::Side,
    phase_settle,
    next_point: with::Point,
    pressure: with::Pressure,
    breathe: with::Phase,
    pause,
    resume,
    previous,
    next,
    stop,
    paused,
    missed_notice: with::Count,
    missed_notice_one: with::Count,
    step_done,
    step_skipped,
    step_current,
    end_completed_title,
    end_stopped_title,
    end_over_title,
    result_done,
    result_partly: with::Time,
    result_nothing_pressed,
    result_short_done,
    result_short_partly,
    result_short_nothing,
    time_done: with::Time,
    steps_done: with::DoneTotal,
    steps_skipped: with::Count,
    points_skipped_by_gate: with::Points,
    done,
    disclaimer,
    gate_needed_for: with::Routine,
    sound,
    voice,
    chimes,
    breathing_tone,
    volume,
    no_sound,
    no_sound_short,
    read_only_notice,
    not_kept_other_owner,
    not_kept_no_answer,
    handed_over,
    chooser_open_routine,
    chooser_save_routine,
    chooser_save_pdf,
    chooser_save_csv,
    chooser_folder: with::Folder,
    chooser_up,
    chooser_entry_folder: with::Name,
    chooser_empty,
    chooser_not_listed: with::Count,
    chooser_file_name,
    chooser_name_or_path,
    chooser_open,
    chooser_save,
    chooser_replace_question: with::File,
    chooser_replace,
    chooser_folder_unreadable: with::Folder,
    chooser_no_such_file: with::File,
    chooser_no_name,
    place_home,
    place_documents,
    place_downloads,
    place_desktop,
    try_again,
    session_not_started,
    dismiss,
    slept_notice,
    side,
    pressure_label,
    tab_history,
    save,
    export,
    editor_add_hint,
    editor_title,
    routine_id,
    author,
    contact,
    contact_hint,
    routine_title,
    description,
    breathing,
    rest_between,
    remove,
    move_up,
    move_down,
    press_time,
    own_breathing,
    note,
    check_title,
    check_ok,
    history_title,
    export_csv,
    no_sessions_yet,
    sessions_per_week,
    sessions,
    pain_trend,
    days,
    pain,
    pain_before,
    pain_after,
    per_routine,
    sessions_count: with::CountDone,
    sessions_count_one: with::CountDone,
    mean_pain,
    import,
    new_routine,
    edit,
    duplicate_edit,
    import_errors_title,
    import_nothing_imported: with::File,
    duplicate_title,
    duplicate_text: with::ExistingNew,
    replace,
    keep_both,
    cancel,
    imported_title,
    imported_text: with::TitleAuthor,
    theme,
    theme_system,
    theme_light,
    theme_dark,
    forget_answers,
    answers_remembered: with::Date,
    drop_to_import,
    saved_to: with::Path,
    id_taken: with::Id,
    your_routine,
    text_larger,
    text_smaller,
    ready_title,
    ready_intro,
    practice_title,
    first_point: with::Point,
    begin,
    begin_hint,
    test_sound,
    about,
    description_hint,
    notice_unreadable: with::FileReason,
    notice_not_regular: with::File,
    notice_damaged: with::File,
    notice_newer: with::File,
    notice_name_mismatch: with::FileId,
    notice_duplicate_id: with::FileId,
    notice_kept_as: with::File,
    notice_left_untouched,
    notice_routine_invalid: with::FileLine,
    notice_not_saved: with::FileReason,
    reason_permission,
    reason_disk_full,
    reason_not_found,
    reason_read_only_disk,
    reason_other,
    reason_protected,
    reason_read_only_file,
    no_data_folder,
    data_folder_other_owner: with::FolderUid,
    data_folder_refused: with::FolderReason,
    folder_open_to_others: with::FolderMode,
    import_unreadable: with::File,
    import_not_regular: with::File,
    new_routine_title,
    about_title,
    about_text,
    about_voices,
    about_fonts,
    about_libraries,
    about_own_licence,
    settle_note,
    confirm_stop_title,
    confirm_stop_text,
    confirm_stop,
    go_on,
    step_partly,
    step_sides_each: with::SidesSeconds,
    step_side_once: with::SideSeconds,
    then_separator,
    pain_before_title,
    pain_not_rated,
    pain_of_ten: with::Value,
    what_was_done,
    steps_partly_one: with::Count,
    steps_partly: with::Count,
    step_partly_of: with::DoneTotal,
    step_pressed_of: with::PressedWhole,
    pressed_time: with::Time,
    step_not_reached,
    reduce_motion_hint,
    language,
    lang_system: with::Lang,
    safety_answers,
    no_answers_remembered,
    text_size_value: with::Percent,
    test_sound_hint,
    point_group_button: with::PointsSideView,
    delete_title: with::Title,
    delete_text,
    delete_confirm,
    keep_it,
    delete,
    delete_named: with::Title,
    deleted_notice: with::Title,
    deleted_in_trash: with::Folder,
    undo,
    save_blocked_one: with::Count,
    save_blocked: with::Count,
    unsaved_title,
    unsaved_text,
    unsaved_text_invalid,
    leave_without_saving,
    keep_editing,
    editor_title_new,
    editor_title_copy: with::Title,
    based_on: with::Original,
    editor_copy_note: with::Title,
    based_on_text: with::TitleAuthor,
    duplicate_bundled_text: with::ExistingNew,
    add_separately,
    view_button: with::View,
    program_started_title,
    program_note: with::SpanHowOften,
    reminders_at: with::Times,
    your_program,
    program_settings,
    program_starts: with::Date,
    program_ended: with::Date,
    program_today: with::DoneTotal,
    sessions_today_one: with::Count,
    sessions_today: with::Count,
    program_until: with::Date,
    program_title: with::Routine,
    prescribed: with::HowOften,
    no_prescription,
    end_program,
    start_program,
    program_start,
    day_earlier,
    day_later,
    today,
    reminders,
    remind_me,
    reminders_hint,
    remove_time: with::Time,
    add_time,
    add,
    time_invalid,
    reminder_title: with::Routine,
    reminder_body,
    reminder_action,
    reminder_missed_title,
    reminder_missed_body: with::Routines,
    program_button,
    remind_button,
    start_at_login,
    has_prescription,
    field_in_english,
    field_in_dutch,
    per_day,
    days_a_week,
    weeks_label,
    prescription_hint,
    progress_report,
    program_week: with::NumberSpan,
    done_of: with::DoneTotal,
    week_so_far,
    handout,
    handout_kicker,
    handout_adapted_kicker,
    handout_adapted_title,
    handout_adapted_intro,
    handout_left_out: with::PointWhy,
    handout_contact: with::Contact,
    handout_printed_on: with::Date,
    handout_red_flags_title,
    handout_red_flags_intro,
    handout_call_doctor,
    handout_pregnancy_caution,
    handout_how_often: with::HowOften,
    handout_steps,
    handout_note,
    handout_stop_title,
    handout_how_often_title,
    handout_prescription: with::HowOften,
    handout_activities: with::Activities,
    handout_from_title,
    handout_from: with::Author,
    report_title,
    report_period: with::SpanYear,
    report_until: with::Date,
    report_made_on: with::Date,
    report_empty,
    report_empty_hint,
    report_summary_one: with::CountCompletedTime,
    report_summary: with::CountCompletedTime,
    report_done_rule,
    report_activities_title: with::Routine,
    report_activities_intro,
    report_column_rated,
    report_column_average,
    report_rating_start,
    report_rating_week: with::Number,
    report_change,
    report_activities_note,
    report_activities_once,
    report_no_weeks,
    report_no_pain,
    report_recent_sessions,
    report_weeks_title,
    report_weeks_intro,
    report_column_week,
    report_column_sessions,
    report_column_pressed,
    report_week_sessions: with::CountDone,
    report_week_rest: with::PartlyNone,
    report_column_date,
    report_column_routine,
    report_column_result,
    report_column_time,
    report_column_pain,
    report_column_safety,
    report_completed,
    report_stopped_at: with::StepTotal,
    report_gate_clear,
    report_gate_adapted,
    report_gate_skipped: with::Points,
    report_partly: with::Time,
    report_saved,
    not_made,
    reminders_off,
    handout_bundled,
    handout_open_title,
    handout_open_file: with::File,
    handout_open_bundled: with::Title,
}

impl Strings {
    /// A body-map view's name ("Back", "Ears"), on the screen, the handout and `list points`.
    pub fn view_name(&self, view: crate::catalog::View) -> &'static str {
        use crate::catalog::View;
        match view {
            View::Front => self.view_front,
            View::Back => self.view_back,
            View::Hands => self.view_hands,
            View::Feet => self.view_feet,
            View::Head => self.view_head,
            View::SideHead => self.view_side_head,
            View::Knee => self.view_knee,
            View::Ear => self.view_ear,
        }
    }

    /// A press's side ("left side"), or "midline" for a point on the midline (`None`).
    pub fn side_name(&self, side: Option<crate::routine::BodySide>) -> &'static str {
        use crate::routine::BodySide;
        match side {
            Some(BodySide::Left) => self.left_side,
            Some(BodySide::Right) => self.right_side,
            None => self.midline,
        }
    }
}

/// The texts for `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &en::EN,
        Lang::Nl => &nl::NL,
    }
}

/// The form for `count`: `one` for exactly one, `other` for any other number (0 included), as
/// in both English and Dutch ("1 point", "0 points"; "1 punt", "0 punten").
pub fn count_form<T>(count: usize, one: T, other: T) -> T {
    if count == 1 { one } else { other }
}

/// Replaces each `{name}` in `template` with its value, in one pass (a value that itself holds
/// `{…}`, such as a file name, is left as it is). Only the [`with`] types call it, with every
/// placeholder of the template.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = String::with_capacity(template.len() + values.iter().map(|(_, value)| value.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let filled = after
            .split_once('}')
            .and_then(|(name, tail)| values.iter().find(|(given, _)| *given == name).map(|(_, value)| (*value, tail)));
        if let Some((value, tail)) = filled {
            text.push_str(value);
            rest = tail;
        } else {
            text.push('{');
            rest = after;
        }
    }
    text.push_str(rest);
    text
}

#[cfg(test)]
mod tests {
    use super::with::{Count, FileReason};

    #[test]
    fn fill_replaces_each_placeholder_once_and_leaves_values_alone() {
        assert_eq!(FileReason::new("{file}: {reason}").fill("a{reason}.ron", "gone"), "a{reason}.ron: gone");
        assert_eq!(FileReason::new("{reason} ({file}, {file})").fill("x", "y"), "y (x, x)");
        assert_eq!(Count::new("{count} steps").fill("3"), "3 steps");
    }
}
