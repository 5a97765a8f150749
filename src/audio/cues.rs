//! Which sounds a cue makes. Pure: no playing, no clock.

use super::{Chime, Prompt, Sound, SoundSettings};
use crate::breathing::BreathPhase;
use crate::routine::{BodySide, Routine};
use crate::session::Cue;
use crate::text::Lang;

/// Breath phases spoken after each press start; after that only the tone guides.
pub const SPOKEN_BREATHS_PER_PRESS: u32 = 2;

/// Maps cues to sounds. Remembers how many breaths were spoken since the last press began.
#[derive(Clone, Debug, Default)]
pub struct CueSounds {
    breaths_spoken: u32,
}

fn side_prompt(side: Option<BodySide>) -> Option<Prompt> {
    match side {
        Some(BodySide::Left) => Some(Prompt::LeftSide),
        Some(BodySide::Right) => Some(Prompt::RightSide),
        None => None,
    }
}

impl CueSounds {
    /// The sounds for `cue`, filtered by what the person wants to hear, in playing order.
    pub fn sounds_for(&mut self, cue: &Cue, _routine: &Routine, settings: &SoundSettings, lang: Lang) -> Vec<Sound> {
        let mut chimes = Vec::new();
        let mut prompts = Vec::new();
        let mut tone = None;
        match cue {
            Cue::StepAnnounced { step, point, side } => {
                if *step == 0 {
                    prompts.push(Prompt::StopRule);
                }
                prompts.push(Prompt::PointName(point.clone()));
                prompts.extend(side_prompt(*side));
                prompts.push(Prompt::PointFind(point.clone()));
            }
            Cue::Rest { .. } => {
                chimes.push(Chime::Rest);
                prompts.push(Prompt::Rest);
                prompts.push(Prompt::NextPoint);
            }
            Cue::PressStarted { .. } => {
                self.breaths_spoken = 0;
                chimes.push(Chime::Press);
                prompts.push(Prompt::Press);
            }
            Cue::BreathPhaseChanged { phase, phase_ms } => {
                tone = Some(Sound::Tone { phase: *phase, length_ms: *phase_ms });
                let spoken = match phase {
                    BreathPhase::In => Some(Prompt::BreatheIn),
                    BreathPhase::Out => Some(Prompt::BreatheOut),
                    BreathPhase::HoldFull | BreathPhase::HoldEmpty => Some(Prompt::Hold),
                    BreathPhase::TopUp => None,
                };
                if let Some(prompt) = spoken
                    && self.breaths_spoken < SPOKEN_BREATHS_PER_PRESS
                {
                    self.breaths_spoken += 1;
                    prompts.push(prompt);
                }
            }
            Cue::Released { .. } => {
                chimes.push(Chime::Release);
                prompts.push(Prompt::Release);
            }
            Cue::SideSwitch { to, .. } => {
                chimes.push(Chime::Switch);
                prompts.push(match to {
                    BodySide::Left => Prompt::SwitchLeft,
                    BodySide::Right => Prompt::SwitchRight,
                });
            }
            Cue::SettleStarted => {
                // Quiet breathing after the last release: breathing prompts start again.
                self.breaths_spoken = 0;
                prompts.push(Prompt::Settle);
            }
            Cue::SessionComplete => {
                chimes.push(Chime::End);
                prompts.push(Prompt::Complete);
            }
        }
        let mut sounds = Vec::new();
        if settings.chimes {
            sounds.extend(chimes.into_iter().map(Sound::Chime));
        }
        if settings.breathing_tone {
            sounds.extend(tone);
        }
        if settings.voice {
            sounds.extend(prompts.into_iter().map(|prompt| Sound::Voice(prompt, lang)));
        }
        sounds
    }
}
