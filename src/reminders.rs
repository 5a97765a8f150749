//! Reminders for the home programs: a thread that looks at the wall clock at each reminder time
//! (and at least every half minute, since a computer that sleeps does not wake its timers) and
//! shows a desktop notification; acting on it asks the window to open that routine's safety
//! questions. Reminders missed while the computer slept are shown once, never as a burst.
//!
//! Times come from the injected clock, decisions from `program` (pure); it shows nothing itself
//! but goes through a [`Notifier`].

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::clock::Clock;
use crate::notify::Notifier;
use crate::program::{self, Program, ReminderNotice};
use crate::routine::Routine;
use crate::routine::RoutineId;
use crate::store::HistoryKeeper;
use crate::text::Lang;
use crate::texts::strings;

/// The longest the thread sleeps before it looks at the wall clock again.
pub const LOOK_EVERY: Duration = Duration::from_secs(30);

struct State {
    programs: Vec<Program>,
    /// The routines the programs follow (for their titles and prescriptions).
    routines: Vec<Routine>,
    lang: Lang,
    /// Reminders up to this moment have been dealt with.
    checked_until: Option<Timestamp>,
    /// Routines whose notification the person acted on, for the window to open.
    clicked: Vec<RoutineId>,
    /// The window, to wake when a notification is acted on.
    window: Option<egui::Context>,
    wakes: u64,
    shutdown: bool,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The reminders: what they watch, and (with [`Reminders::start`]) the thread that shows them.
#[derive(Clone)]
pub struct Reminders {
    shared: Arc<Shared>,
    clock: Arc<dyn Clock>,
    zone: TimeZone,
    history: HistoryKeeper,
    notifier: Arc<dyn Notifier>,
    thread: Option<Arc<Thread>>,
}

/// Stops and joins the thread when the last handle goes.
struct Thread {
    shared: Arc<Shared>,
    handle: Mutex<Option<JoinHandle<()>>>,
}

impl Drop for Thread {
    fn drop(&mut self) {
        self.shared.lock().shutdown = true;
        self.shared.wake.notify_all();
        if let Some(handle) = self.handle.lock().unwrap_or_else(PoisonError::into_inner).take() {
            let _ = handle.join();
        }
    }
}

impl Reminders {
    /// Reminders that are looked at only when [`Reminders::check`] is called (for tests and
    /// simulations on a manual clock).
    pub fn new(clock: Arc<dyn Clock>, zone: TimeZone, history: HistoryKeeper, notifier: Arc<dyn Notifier>) -> Self {
        let state = State {
            programs: Vec::new(),
            routines: Vec::new(),
            lang: Lang::En,
            checked_until: None,
            clicked: Vec::new(),
            window: None,
            wakes: 0,
            shutdown: false,
        };
        let shared = Arc::new(Shared { state: Mutex::new(state), wake: Condvar::new() });
        Self { shared, clock, zone, history, notifier, thread: None }
    }

    /// The same, with a thread that checks at every reminder time; the error when the system
    /// would not start one (the reminders are then off, and the person is told).
    pub fn start(mut self) -> Result<Self, crate::worker::NotStarted> {
        let worker = self.clone();
        let handle = crate::worker::start("reminders", move || worker.run())?;
        self.thread = Some(Arc::new(Thread { shared: Arc::clone(&self.shared), handle: Mutex::new(Some(handle)) }));
        Ok(self)
    }

    /// What to watch: the programs, their routines, and the language to remind in.
    pub fn watch(&self, programs: &[Program], routines: &[Routine], lang: Lang) {
        let mut state = self.shared.lock();
        // A program whose routine is gone (deleted) reminds of nothing.
        state.programs = programs
            .iter()
            .filter(|program| routines.iter().any(|routine| routine.id == program.routine_id))
            .cloned()
            .collect();
        state.routines = routines
            .iter()
            .filter(|routine| programs.iter().any(|program| program.routine_id == routine.id))
            .cloned()
            .collect();
        state.lang = lang;
        state.wakes += 1;
        drop(state);
        self.shared.wake.notify_all();
    }

    /// The window to bring forward when a notification is acted on.
    pub fn set_window(&self, window: &egui::Context) {
        self.shared.lock().window = Some(window.clone());
    }

    /// The routines whose notification was acted on since the last call, oldest first.
    pub fn take_clicked(&self) -> Vec<RoutineId> {
        std::mem::take(&mut self.shared.lock().clicked)
    }

    /// Looks at the clock now: shows what came due since the last look (missed ones once), and
    /// returns it. The first look only sets the starting point: nothing from before acupress
    /// started is shown.
    pub fn check(&self) -> Option<ReminderNotice> {
        let now = Timestamp::from_second(self.clock.wall_unix_secs()).ok()?;
        let (notice, lang, titles) = {
            let mut state = self.shared.lock();
            let Some(after) = state.checked_until else {
                state.checked_until = Some(now);
                return None;
            };
            // A clock set back never brings back reminders already shown.
            if now <= after {
                return None;
            }
            state.checked_until = Some(now);
            let scheduled = program::scheduled(&state.programs, &state.routines);
            let records = self.history.records();
            let due = program::due_between(&scheduled, &records, after, now, &self.zone);
            let notice = program::notice_for(&due, now)?;
            let titles: Vec<(RoutineId, String)> = notice_routines(&notice)
                .iter()
                .map(|id| {
                    let title = state
                        .routines
                        .iter()
                        .find(|routine| &routine.id == id)
                        .map_or_else(|| id.to_string(), |routine| routine.title.get(state.lang).to_owned());
                    (id.clone(), title)
                })
                .collect();
            (notice, state.lang, titles)
        };
        self.notify(&notice, lang, &titles);
        Some(notice)
    }

    fn notify(&self, notice: &ReminderNotice, lang: Lang, titles: &[(RoutineId, String)]) {
        let t = strings(lang);
        let names: Vec<&str> = titles.iter().map(|(_, title)| title.as_str()).collect();
        let names = names.join(", ");
        let (title, body) = match notice {
            ReminderNotice::Now(_) => (t.reminder_title.fill(&names), t.reminder_body.to_owned()),
            ReminderNotice::Missed(_) => (t.reminder_missed_title.to_owned(), t.reminder_missed_body.fill(&names)),
        };
        let first = titles.first().map(|(id, _)| id.clone());
        let shared = Arc::clone(&self.shared);
        self.notifier.show(
            &title,
            &body,
            t.reminder_action,
            Box::new(move || {
                let mut state = shared.lock();
                state.clicked.extend(first);
                if let Some(window) = state.window.clone() {
                    drop(state);
                    window.send_viewport_cmd(egui::ViewportCommand::Visible(true));
                    window.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
                    window.send_viewport_cmd(egui::ViewportCommand::Focus);
                    window.request_repaint();
                }
            }),
        );
    }

    /// The thread: check, then sleep until the next reminder (at most [`LOOK_EVERY`]).
    fn run(&self) {
        loop {
            let _ = self.check();
            let mut state = self.shared.lock();
            if state.shutdown {
                return;
            }
            let now = Timestamp::from_second(self.clock.wall_unix_secs()).unwrap_or(Timestamp::UNIX_EPOCH);
            let scheduled = program::scheduled(&state.programs, &state.routines);
            let until_next = program::next_after(&scheduled, now, &self.zone)
                .map_or(LOOK_EVERY, |next| {
                    Duration::from_secs(u64::try_from(next.as_second() - now.as_second()).unwrap_or(0))
                })
                .min(LOOK_EVERY);
            let wait = self.clock.to_real(until_next).min(LOOK_EVERY);
            let wakes = state.wakes;
            let (guard, _) = self
                .shared
                .wake
                .wait_timeout_while(state, wait, |state| !state.shutdown && state.wakes == wakes)
                .unwrap_or_else(PoisonError::into_inner);
            state = guard;
            if state.shutdown {
                return;
            }
        }
    }
}

fn notice_routines(notice: &ReminderNotice) -> &[RoutineId] {
    match notice {
        ReminderNotice::Now(ids) | ReminderNotice::Missed(ids) => ids,
    }
}
