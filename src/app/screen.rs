//! Which screen is shown, and what was last applied to the egui context.

use crate::safety::Answers;
use crate::settings::Theme;
use crate::ui::editor::EditorState;
use crate::ui::end::EndState;
use crate::ui::gate::{GateState, OutcomeState};

use super::session::SessionController;

/// Before the clock starts: the stop rules, how to press and the first point are shown and
/// spoken, and the person begins when ready.
#[derive(Clone)]
pub(super) struct ReadyState {
    pub(super) cleared: crate::safety::ClearedRoutine,
    pub(super) pain_before: crate::history::PainRating,
}

/// The screen shown.
pub(super) enum Screen {
    Main,
    Gate(Box<GateState>),
    Outcome(Box<OutcomeState>, Answers),
    Ready(Box<ReadyState>),
    Player(Box<SessionController>, crate::ui::player::PlayerUiState),
    End(Box<EndState>),
    Editor(Box<EditorState>),
    About(crate::ui::about::AboutState),
    Program(Box<crate::ui::program::ProgramState>),
}

/// What was last applied to the egui context, so it is applied again only on a change.
#[derive(Default)]
pub(super) struct Applied {
    pub(super) scale: Option<f32>,
    pub(super) theme: Option<Theme>,
}
