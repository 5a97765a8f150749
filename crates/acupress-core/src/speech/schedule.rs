//! The planner: which sound plays when, so that time-critical words are never late and voices
//! never overlap.

use std::collections::BTreeSet;
use std::time::Duration;

use super::{Chime, Prompt, PromptLengths, Sound};
use crate::breathing::BreathPhase;
use crate::routine::{BodySide, Routine};
use crate::session::{Cue, SegmentKind, TimedCue, Timeline};
use crate::text::Lang;

/// A time-critical prompt starts at most this long after its cue (in the plan it starts on it).
pub const CRITICAL_TOLERANCE: Duration = Duration::from_millis(250);
/// Silence between a time-critical prompt and the information that follows it.
const GAP_AFTER_CRITICAL: Duration = Duration::from_millis(150);
/// Silence between two pieces of information ("Next point" … "Shoulder Well" … "left side").
const GAP_BETWEEN: Duration = Duration::from_millis(100);
/// Information ends at least this long before the next time-critical prompt: a moment to put
/// the thumb on the point just named before "press now".
pub(crate) const MARGIN_BEFORE_CRITICAL: Duration = Duration::from_secs(1);
/// A breathing word ends at least this long before its phase does.
const BREATH_MARGIN: Duration = Duration::from_millis(100);
/// Silence between the parts of the get-ready announcement (no clock runs then).
const READY_GAP: Duration = Duration::from_millis(500);
/// Breathing phases spoken after each press starts (and in the closing minute); after that the
/// tone alone guides.
pub(super) const SPOKEN_BREATHS: u32 = 2;

/// How a sound may be moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    /// Starts on its cue (press, release, switch side, breathing, complete) or is not played.
    Critical,
    /// Fitted into the time there is (next point, how to find it, the closing words).
    Info,
}

/// One sound in the schedule. Times are session positions (pauses not counted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    /// The moment whose cue releases this sound: the player plays it when the session reaches
    /// this moment, `start - trigger` later.
    pub trigger: Duration,
    /// The cue this sound belongs to.
    pub deadline: Duration,
    /// When it starts.
    pub start: Duration,
    /// When it ends.
    pub end: Duration,
    /// What plays.
    pub sound: Sound,
    /// Whether it must start on its cue.
    pub urgency: Urgency,
}

impl Planned {
    /// How long after its cue it starts.
    pub fn lateness(&self) -> Duration {
        self.start.saturating_sub(self.deadline)
    }

    /// Its offset from the moment it is released.
    pub fn offset(&self) -> Duration {
        self.start.saturating_sub(self.trigger)
    }
}

/// Where the plan starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanFrom {
    /// The session's start: everything.
    Start,
    /// Resuming after a pause at this position: a brief re-announcement of where the person is,
    /// then everything after it.
    Resume(Duration),
    /// A jump (next, previous) to this step boundary: what belongs to the boundary and after.
    /// The release of the step that was left is not said.
    Jump(Duration),
}

/// The sounds of a session from `from` on, in start order.
pub fn plan(
    routine: &Routine,
    timeline: &Timeline,
    lang: Lang,
    lengths: &dyn PromptLengths,
    from: PlanFrom,
) -> Vec<Planned> {
    let mut planner = Planner::new(routine, timeline, lang, lengths);
    let after = match from {
        PlanFrom::Start => None,
        PlanFrom::Resume(position) => {
            planner.resume_announcement(position);
            Some(position)
        }
        PlanFrom::Jump(target) => {
            planner.jump_target = Some(target);
            target.checked_sub(Duration::from_nanos(1))
        }
    };
    let cues = timeline.cues_between(routine, after, timeline.total());
    for group in cues.chunk_by(|a, b| a.at == b.at) {
        planner.moment(group);
    }
    planner.out.sort_by_key(|planned| (planned.start, planned.trigger));
    planner.out
}

/// What is said before the clock starts, while the person gets ready: the stop rules, how to
/// press, the first point and how to find it, and how to begin. Times from the moment the
/// player opens; nothing here has a deadline.
pub fn ready_announcement(routine: &Routine, lang: Lang, lengths: &dyn PromptLengths) -> Vec<Planned> {
    let mut prompts = vec![Prompt::StopRule, Prompt::Guidance];
    if let Some(first) = routine.steps.first() {
        prompts.push(Prompt::FirstPoint);
        prompts.push(Prompt::PointName(first.point.clone()));
        prompts.extend(Prompt::side(first.presses()[0]));
        prompts.push(Prompt::PointFind(first.point.clone()));
    }
    prompts.push(Prompt::WhenReady);
    sequence(&prompts, lang, lengths, Duration::ZERO, READY_GAP)
}

/// The "Test sound" button: a chime and a spoken line.
pub fn test_sound(lang: Lang, lengths: &dyn PromptLengths) -> Vec<Planned> {
    let chime = Planned {
        trigger: Duration::ZERO,
        deadline: Duration::ZERO,
        start: Duration::ZERO,
        end: Chime::Press.length(),
        sound: Sound::Chime(Chime::Press),
        urgency: Urgency::Info,
    };
    let mut planned = vec![chime];
    planned.extend(sequence(&[Prompt::TestSound], lang, lengths, Duration::from_millis(700), Duration::ZERO));
    planned
}

fn sequence(
    prompts: &[Prompt],
    lang: Lang,
    lengths: &dyn PromptLengths,
    first: Duration,
    gap: Duration,
) -> Vec<Planned> {
    let mut at = first;
    let mut planned = Vec::new();
    for prompt in prompts {
        let Some(length) = lengths.length(prompt, lang) else { continue };
        planned.push(Planned {
            trigger: Duration::ZERO,
            deadline: Duration::ZERO,
            start: at,
            end: at + length,
            sound: Sound::Voice(prompt.clone(), lang),
            urgency: Urgency::Info,
        });
        at += length + gap;
    }
    planned
}

/// The steps (from 1) whose point cannot be announced in `lang` during the rest before their
/// press, with the rest the announcement would need. Empty when every announcement fits.
pub fn announcement_shortfalls(routine: &Routine, lang: Lang, lengths: &dyn PromptLengths) -> Vec<(usize, Duration)> {
    let timeline = Timeline::new(routine);
    let planned = plan(routine, &timeline, lang, lengths, PlanFrom::Start);
    let said: BTreeSet<(Duration, String)> = planned
        .iter()
        .filter_map(|planned| match &planned.sound {
            Sound::Voice(prompt, _) => Some((planned.trigger, prompt.file_stem())),
            _ => None,
        })
        .collect();
    let length = |prompt: &Prompt| lengths.length(prompt, lang).unwrap_or_default();
    let mut shortfalls = Vec::new();
    for (index, step) in routine.steps.iter().enumerate() {
        let at = timeline.step_starts()[index];
        let side = Prompt::side(step.presses()[0]);
        let name = Prompt::PointName(step.point.clone());
        let heard = std::iter::once(&name).chain(side.as_ref()).all(|prompt| said.contains(&(at, prompt.file_stem())));
        if !heard {
            // Release (after the previous step), then the name and the side, then a margin.
            let mut needed = length(&name) + MARGIN_BEFORE_CRITICAL;
            if index > 0 {
                needed += length(&Prompt::Release) + GAP_AFTER_CRITICAL;
            }
            if let Some(side) = &side {
                needed += GAP_BETWEEN + length(side);
            }
            shortfalls.push((index + 1, needed));
        }
    }
    shortfalls
}

struct Planner<'a> {
    routine: &'a Routine,
    timeline: &'a Timeline,
    lang: Lang,
    lengths: &'a dyn PromptLengths,
    out: Vec<Planned>,
    /// When the voice channel is free again.
    voice_free_at: Duration,
    /// Breathing words said since the last press (or the closing breathing) began.
    breaths_spoken: u32,
    /// Positions of the time-critical prompts, in order.
    critical_at: Vec<Duration>,
    /// A jump's target: the release that belongs to it is not said.
    jump_target: Option<Duration>,
}

impl<'a> Planner<'a> {
    fn new(routine: &'a Routine, timeline: &'a Timeline, lang: Lang, lengths: &'a dyn PromptLengths) -> Self {
        let critical_at = timeline
            .structural_cues()
            .iter()
            .filter(|timed| {
                matches!(
                    timed.cue,
                    Cue::PressStarted { .. } | Cue::Released { .. } | Cue::SideSwitch { .. } | Cue::SessionComplete
                )
            })
            .map(|timed| timed.at)
            .collect();
        Planner {
            routine,
            timeline,
            lang,
            lengths,
            out: Vec::new(),
            voice_free_at: Duration::ZERO,
            breaths_spoken: 0,
            critical_at,
            jump_target: None,
        }
    }

    fn length(&self, prompt: &Prompt) -> Option<Duration> {
        self.lengths.length(prompt, self.lang)
    }

    /// The first time-critical moment after `position` (the end of the session at the latest).
    fn next_critical_after(&self, position: Duration) -> Duration {
        let index = self.critical_at.partition_point(|&at| at <= position);
        self.critical_at.get(index).copied().unwrap_or(self.timeline.total())
    }

    fn push(
        &mut self,
        trigger: Duration,
        deadline: Duration,
        start: Duration,
        length: Duration,
        sound: Sound,
        urgency: Urgency,
    ) {
        self.out.push(Planned { trigger, deadline, start, end: start + length, sound, urgency });
    }

    /// The sounds of the cues at one moment.
    fn moment(&mut self, group: &[TimedCue]) {
        let at = group[0].at;
        let at_jump_target = self.jump_target == Some(at);
        let has = |wanted: fn(&Cue) -> bool| group.iter().any(|timed| wanted(&timed.cue));
        let switch_to = group.iter().find_map(|timed| match timed.cue {
            Cue::SideSwitch { to, .. } => Some(to),
            _ => None,
        });
        let released = has(|cue| matches!(cue, Cue::Released { .. })) && !at_jump_target;
        let pressed = has(|cue| matches!(cue, Cue::PressStarted { .. }));
        let complete = has(|cue| matches!(cue, Cue::SessionComplete));
        if pressed || has(|cue| matches!(cue, Cue::SettleStarted)) {
            self.breaths_spoken = 0;
        }

        // Chimes.
        let chime = if complete {
            Some(Chime::End)
        } else if switch_to.is_some() {
            Some(Chime::Switch)
        } else if released {
            Some(Chime::Release)
        } else if pressed {
            Some(Chime::Press)
        } else {
            None
        };
        if let Some(chime) = chime {
            self.push(at, at, at, chime.length(), Sound::Chime(chime), Urgency::Critical);
        }

        // The breathing tone, cut at the end of its segment.
        let segment_end = self.timeline.segment_at(at).map_or(self.timeline.total(), |segment| segment.end);
        let breath = group.iter().find_map(|timed| match timed.cue {
            Cue::BreathPhaseChanged { phase, phase_ms } => {
                Some((phase, (at + Duration::from_millis(phase_ms)).min(segment_end)))
            }
            _ => None,
        });
        if let Some((phase, phase_end)) = breath
            && !phase.is_hold()
        {
            let length = phase_end.saturating_sub(at);
            let tone = Sound::Tone { phase, length_ms: length.as_millis() as u64 };
            self.push(at, at, at, length, tone, Urgency::Critical);
        }

        // One time-critical voice, on the cue.
        let critical = if complete {
            Some(Prompt::Complete)
        } else if let Some(to) = switch_to {
            Some(match to {
                BodySide::Left => Prompt::SwitchLeft,
                BodySide::Right => Prompt::SwitchRight,
            })
        } else if released {
            Some(Prompt::Release)
        } else if pressed {
            Some(Prompt::Press)
        } else {
            None
        };
        if let Some(prompt) = critical {
            if let Some(length) = self.length(&prompt) {
                let start = at.max(self.voice_free_at);
                self.push(at, at, start, length, Sound::Voice(prompt, self.lang), Urgency::Critical);
                self.voice_free_at = start + length;
            }
        } else if let Some((phase, phase_end)) = breath {
            self.breathing_word(at, phase, phase_end);
        }

        // Information, fitted in after that.
        for timed in group {
            match &timed.cue {
                Cue::Rest { next_step, .. } => self.announce_step(at, *next_step, true),
                Cue::StepAnnounced { step: 0, .. } => self.announce_step(at, 0, false),
                Cue::SettleStarted => self.fit(at, &[vec![Prompt::Settle]]),
                _ => {}
            }
        }
    }

    fn breathing_word(&mut self, at: Duration, phase: BreathPhase, phase_end: Duration) {
        let prompt = match phase {
            BreathPhase::In => Prompt::BreatheIn,
            BreathPhase::Out => Prompt::BreatheOut,
            BreathPhase::HoldFull | BreathPhase::HoldEmpty => Prompt::Hold,
            BreathPhase::TopUp => return,
        };
        if self.breaths_spoken >= SPOKEN_BREATHS {
            return;
        }
        let Some(length) = self.length(&prompt) else { return };
        let start = at.max(self.voice_free_at);
        // Said only while its phase lasts, and only on time; otherwise the tone alone guides.
        if start <= at + CRITICAL_TOLERANCE && start + length + BREATH_MARGIN <= phase_end {
            self.push(at, at, start, length, Sound::Voice(prompt, self.lang), Urgency::Critical);
            self.voice_free_at = start + length;
            self.breaths_spoken += 1;
        }
    }

    /// "Next point, Shoulder Well, left side, <how to find it>", as much of it as fits.
    fn announce_step(&mut self, at: Duration, step_index: usize, say_next: bool) {
        let Some(step) = self.routine.steps.get(step_index) else { return };
        let options = announcement_options(step.point.clone(), step.presses()[0], say_next);
        self.fit(at, &options);
    }

    /// Places the first option that fits between `at` (after whatever is being said) and the
    /// next time-critical moment; places nothing when none fits.
    fn fit(&mut self, at: Duration, options: &[Vec<Prompt>]) {
        let limit = self.next_critical_after(at).saturating_sub(MARGIN_BEFORE_CRITICAL);
        let first = if self.voice_free_at > at { self.voice_free_at + GAP_AFTER_CRITICAL } else { at };
        for option in options {
            let Some(lengths) = option.iter().map(|prompt| self.length(prompt)).collect::<Option<Vec<_>>>() else {
                continue;
            };
            let spoken: Duration =
                lengths.iter().sum::<Duration>() + GAP_BETWEEN * (lengths.len().saturating_sub(1) as u32);
            if first + spoken > limit {
                continue;
            }
            let mut start = first;
            for (prompt, length) in option.iter().zip(lengths) {
                self.push(at, at, start, length, Sound::Voice(prompt.clone(), self.lang), Urgency::Info);
                start += length + GAP_BETWEEN;
            }
            self.voice_free_at = first + spoken;
            return;
        }
    }

    /// After a pause: where the person is, briefly.
    fn resume_announcement(&mut self, position: Duration) {
        self.voice_free_at = position;
        let Some(segment) = self.timeline.segment_at(position).copied() else { return };
        let point = |step: usize| self.routine.steps[step].point.clone();
        let options: Vec<Vec<Prompt>> = match segment.kind {
            SegmentKind::Press { step, side } => {
                self.breaths_spoken = 0;
                let name = Prompt::PointName(point(step));
                vec![std::iter::once(name.clone()).chain(Prompt::side(side)).collect(), vec![name]]
            }
            SegmentKind::Rest { step } => {
                announcement_options(point(step), self.routine.steps[step].presses()[0], step > 0)
            }
            SegmentKind::Switch { to, .. } => vec![Prompt::side(Some(to)).into_iter().collect()],
            SegmentKind::Settle => {
                self.breaths_spoken = 0;
                vec![vec![Prompt::Settle]]
            }
        };
        self.fit(position, &options);
    }
}

/// The ways to announce a point, longest first: "Next point, <name>, <side>, <how to find it>"
/// during a rest; at the start of the session, only the name and side (the get-ready
/// announcement said how to find it).
fn announcement_options(point: crate::catalog::PointCode, side: Option<BodySide>, say_next: bool) -> Vec<Vec<Prompt>> {
    let name = Prompt::PointName(point.clone());
    let find = Prompt::PointFind(point);
    let side = Prompt::side(side);
    let named: Vec<Prompt> = std::iter::once(name.clone()).chain(side).collect();
    let mut options = Vec::new();
    if say_next {
        let next = |rest: &[Prompt]| std::iter::once(Prompt::NextPoint).chain(rest.iter().cloned()).collect::<Vec<_>>();
        let mut full = named.clone();
        full.push(find.clone());
        options.push(next(&full));
        options.push(next(&named));
    }
    options.push(named);
    options.push(vec![name]);
    options
}
