//! The history, kept in memory and written to disk by its own thread as it changes.
//!
//! A session is recorded the moment it starts and updated at every step and at its end, from
//! the session's timer thread, so a crash, a power cut or a window that is never drawn again
//! leaves it recorded where it was. Writing happens on the keeper's thread, so the timer thread
//! never waits on the disk; updates that come quickly are written together.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use super::{Store, StoreError};
use crate::history::SessionRecord;

struct State {
    /// Shared with readers (the screens' overview, the writer): a change copies the list only
    /// while someone still holds the old one.
    records: Arc<Vec<SessionRecord>>,
    /// Bumped on every change.
    version: u64,
    /// The version on disk.
    saved: u64,
    shutdown: bool,
    /// The last write that failed, for the app to report once.
    error: Option<StoreError>,
}

struct Shared {
    state: Mutex<State>,
    /// A change to write, or shutdown.
    changed: Condvar,
    /// A write finished.
    written: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The history and the thread that keeps it on disk. Cheap to share between threads.
#[derive(Clone)]
pub struct HistoryKeeper {
    shared: Arc<Shared>,
    writer: Option<Arc<Writer>>,
}

/// Stops and joins the writer thread when the last keeper handle goes, after the last write.
struct Writer {
    shared: Arc<Shared>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.shared.lock().shutdown = true;
        self.shared.changed.notify_all();
        if let Some(thread) = self.thread.lock().unwrap_or_else(PoisonError::into_inner).take() {
            let _ = thread.join();
        }
    }
}

impl HistoryKeeper {
    /// Keeps `records`, writing changes to `store` (kept in memory only without one).
    pub fn new(records: Vec<SessionRecord>, store: Option<Arc<Store>>) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State { records: Arc::new(records), version: 0, saved: 0, shutdown: false, error: None }),
            changed: Condvar::new(),
            written: Condvar::new(),
        });
        let writer = store.and_then(|store| {
            let thread_shared = Arc::clone(&shared);
            let path = store.paths().history_file();
            match crate::worker::start("history", move || write_loop(&thread_shared, &store)) {
                Ok(thread) => Some(Arc::new(Writer { shared: Arc::clone(&shared), thread: Mutex::new(Some(thread)) })),
                Err(not_started) => {
                    // Said to the person like any failed save: the history is not being kept.
                    shared.lock().error = Some(StoreError::Io { path, cause: not_started.cause });
                    None
                }
            }
        });
        Self { shared, writer }
    }

    /// The records, oldest first, as they are now (a shared snapshot: no copy).
    pub fn records(&self) -> Arc<Vec<SessionRecord>> {
        Arc::clone(&self.shared.lock().records)
    }

    /// The record at `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<SessionRecord> {
        self.shared.lock().records.get(index).cloned()
    }

    /// A number that changes whenever the records do (to redraw only then).
    pub fn version(&self) -> u64 {
        self.shared.lock().version
    }

    fn changed(&self, mut state: MutexGuard<'_, State>) {
        state.version += 1;
        drop(state);
        self.shared.changed.notify_all();
    }

    /// Adds a record and returns its index.
    pub fn push(&self, record: SessionRecord) -> usize {
        let mut state = self.shared.lock();
        let records = Arc::make_mut(&mut state.records);
        records.push(record);
        let index = records.len() - 1;
        self.changed(state);
        index
    }

    /// Changes the record at `index`.
    pub fn update(&self, index: usize, change: impl FnOnce(&mut SessionRecord)) {
        let mut state = self.shared.lock();
        if index < state.records.len() {
            if let Some(record) = Arc::make_mut(&mut state.records).get_mut(index) {
                change(record);
            }
            self.changed(state);
        }
    }

    /// Waits until every change so far is on disk; `false` after `timeout` (or without a store,
    /// `true` at once).
    pub fn flush(&self, timeout: Duration) -> bool {
        if self.writer.is_none() {
            return true;
        }
        let state = self.shared.lock();
        let (state, result) = self
            .shared
            .written
            .wait_timeout_while(state, timeout, |state| state.saved < state.version)
            .unwrap_or_else(PoisonError::into_inner);
        drop(state);
        !result.timed_out()
    }

    /// The last write that failed, once.
    pub fn take_error(&self) -> Option<StoreError> {
        self.shared.lock().error.take()
    }
}

fn write_loop(shared: &Shared, store: &Store) {
    let mut state = shared.lock();
    loop {
        while state.saved >= state.version && !state.shutdown {
            state = shared.changed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        if state.saved >= state.version && state.shutdown {
            return;
        }
        let version = state.version;
        let sessions = Arc::clone(&state.records);
        drop(state);
        let result = if store.is_read_only() { Ok(()) } else { store.save_sessions(&sessions) };
        drop(sessions);
        state = shared.lock();
        state.saved = version;
        if let Err(err) = result {
            state.error = Some(err);
        }
        shared.written.notify_all();
    }
}
