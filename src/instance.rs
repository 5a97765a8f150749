//! One acupress per person: the first start owns a private local channel, and a second start
//! hands what it was asked (a routine file, minimised or not) to it and exits.
//!
//! The channel is a local socket through `interprocess`: a Unix socket in a folder only the user
//! can enter (`$XDG_RUNTIME_DIR/acupress` on Linux, the user's cache folder elsewhere on Unix),
//! a named pipe carrying the user's name on Windows (its default access list lets only the
//! owner write). Who owns the channel is decided by a lock file next to it, which the operating
//! system releases when a process ends however it ends: the owner replaces a socket left behind
//! by a crash, so a stale channel never blocks a start, and no one else ever removes it.
//!
//! A request is one line, `acupress/1 ` and the request in RON, at most [`MAX_REQUEST_BYTES`];
//! anything else is refused. The owner answers `ok` as soon as the request is queued, before the
//! window handles it; a second start that gets no answer within its patience says so, and never
//! becomes a second writer (the data's own lock in `store` holds that line too).
//!
//! The command-line subcommands never come here: only the desktop app calls [`claim`].

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use interprocess::local_socket::prelude::*;
use interprocess::local_socket::{ConnectOptions, ListenerOptions, Name};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::clock::Clock;

/// The longest request line accepted, newline included.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024;

/// How long a second start waits for the running acupress to answer.
pub const PATIENCE: Duration = Duration::from_secs(2);

/// The first word of every request line: the protocol and its version.
const MAGIC: &str = "acupress/1";

/// How long the owner waits for a connected client to send its line.
const READ_TIMEOUT: Duration = Duration::from_secs(1);

/// What a start was asked to do, handed to the acupress that runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// A routine file to import (absolute: the running acupress has another working folder).
    pub file: Option<PathBuf>,
    /// Started minimised (at login, for reminders): the running window stays where it is.
    pub minimised: bool,
}

impl Request {
    /// The request of a start with these arguments; a relative file is made absolute against
    /// the current folder, because the running acupress resolves it elsewhere.
    pub fn from_args(file: Option<&Path>, minimised: bool) -> Request {
        let file = file.map(|file| std::path::absolute(file).unwrap_or_else(|_| file.to_owned()));
        Request { file, minimised }
    }

    /// The one line sent over the channel.
    fn to_line(&self) -> Result<String, InstanceError> {
        let body = ron::to_string(self).map_err(|_| InstanceError::NotSendable)?;
        Ok(format!("{MAGIC} {body}\n"))
    }

    /// Reads and checks one request line: the protocol word, well-formed RON with only the
    /// known fields, and an absolute file path.
    fn parse_line(line: &str) -> Option<Request> {
        let body = line.strip_suffix('\n')?.strip_prefix(MAGIC)?.strip_prefix(' ')?;
        let request: Request = ron::from_str(body).ok()?;
        match &request.file {
            Some(file) if !file.is_absolute() => None,
            _ => Some(request),
        }
    }
}

/// Why the channel could not be used.
#[derive(Debug, Error)]
pub enum InstanceError {
    /// The channel's folder, lock or socket could not be made or used.
    #[error("the channel to a running acupress could not be opened: {0}")]
    Io(#[from] io::Error),
    /// The request cannot be written as text (a file name that is not valid Unicode).
    #[error("the file name cannot be passed to the running acupress")]
    NotSendable,
    /// Another acupress owns the channel but did not answer in time.
    #[error("acupress is already open but does not answer")]
    NoAnswer,
    /// The running acupress refused the request.
    #[error("the running acupress refused the request")]
    Refused,
}

/// The outcome of a start.
#[derive(Debug)]
pub enum Claim {
    /// This process is the one acupress: it owns the channel and serves it.
    Owner(Owner),
    /// The running acupress took the request: this start is done.
    HandedOver,
    /// Another acupress owns the channel but did not take the request.
    NoAnswer,
}

/// The channel, owned by the running acupress; the lock is held for as long as this lives.
#[derive(Debug)]
pub struct Owner {
    listener: interprocess::local_socket::Listener,
    /// Held, never read: the operating system releases it when the process ends.
    _lock: crate::store::HeldLock,
    name: Name<'static>,
}

/// Where the channel lives for this user: `$XDG_RUNTIME_DIR/acupress` (Linux), the cache
/// folder (other Unix systems, or Linux without a runtime folder), the local data folder
/// (Windows, for the lock; the pipe has a name of its own).
pub fn platform_dir() -> Result<PathBuf, InstanceError> {
    let dirs = directories::ProjectDirs::from("", "", "acupress")
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no home folder"))?;
    #[cfg(unix)]
    let dir = dirs.runtime_dir().unwrap_or_else(|| dirs.cache_dir()).to_path_buf();
    #[cfg(not(unix))]
    let dir = dirs.data_local_dir().to_path_buf();
    Ok(dir)
}

/// Becomes the one acupress, or hands `request` to the one that runs. `dir` holds the lock and
/// (on Unix) the socket; it is made private to the user. `patience` bounds the wait for an
/// answer (an owner that is still starting has that long to open its channel).
pub fn claim(dir: &Path, request: &Request, patience: Duration, clock: &dyn Clock) -> Result<Claim, InstanceError> {
    // The channel must be the user's alone: a folder others can enter is not used.
    if let crate::store::Folder::Existing { open_to_others: true, .. } = crate::store::create_private_dir(dir)? {
        return Err(InstanceError::Io(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("{} is open to other users", dir.display()),
        )));
    }
    let lock = crate::store::try_lock(&dir.join("instance.lock"))?;
    let name = channel_name(dir)?;
    match lock {
        Some(lock) => {
            // The lock is ours, so any socket left at the name is a crashed owner's: replace it.
            let options = ListenerOptions::new().name(name.clone()).reclaim_name(true);
            #[cfg(unix)]
            let options = options.try_overwrite(true).max_spin_time(Duration::from_millis(250));
            let listener = options.create_sync()?;
            Ok(Claim::Owner(Owner { listener, _lock: lock, name }))
        }
        None => match hand_over(&name, request, patience, clock) {
            Ok(()) => Ok(Claim::HandedOver),
            Err(InstanceError::NoAnswer) => Ok(Claim::NoAnswer),
            Err(err) => Err(err),
        },
    }
}

/// The channel's name: a socket file in `dir` on Unix, a pipe named after the user on Windows.
fn channel_name(dir: &Path) -> io::Result<Name<'static>> {
    #[cfg(unix)]
    {
        use interprocess::local_socket::GenericFilePath;
        dir.join("acupress.sock").to_fs_name::<GenericFilePath>().map(Name::into_owned)
    }
    #[cfg(not(unix))]
    {
        use interprocess::local_socket::GenericNamespaced;
        let _ = dir;
        let user: String = std::env::var("USERNAME")
            .unwrap_or_default()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        format!("acupress-{user}").to_ns_name::<GenericNamespaced>().map(Name::into_owned)
    }
}

/// Sends `request` to the owner of `name` and waits for its answer, all within `patience`.
fn hand_over(
    name: &Name<'static>,
    request: &Request,
    patience: Duration,
    clock: &dyn Clock,
) -> Result<(), InstanceError> {
    let line = request.to_line()?;
    let deadline = clock.now() + patience;
    let remaining = || deadline.saturating_sub(clock.now()).max(Duration::from_millis(1));
    let stream = loop {
        let wait = remaining();
        match ConnectOptions::new()
            .name(name.clone())
            .wait_mode(interprocess::ConnectWaitMode::Timeout(wait))
            .connect_sync()
        {
            Ok(stream) => break stream,
            // The owner may still be opening its channel: try again until the patience ends.
            Err(_) if clock.now() < deadline => std::thread::sleep(Duration::from_millis(25).min(remaining())),
            Err(_) => return Err(InstanceError::NoAnswer),
        }
    };
    let timeouts = stream.set_send_timeout(Some(remaining())).and_then(|()| stream.set_recv_timeout(Some(remaining())));
    if timeouts.is_err() {
        return Err(InstanceError::NoAnswer);
    }
    let mut writer = &stream;
    if writer.write_all(line.as_bytes()).and_then(|()| writer.flush()).is_err() {
        return Err(InstanceError::NoAnswer);
    }
    let mut answer = String::new();
    match BufReader::new(&stream).take(16).read_line(&mut answer) {
        Ok(_) if answer == "ok\n" => Ok(()),
        Ok(0) | Err(_) => Err(InstanceError::NoAnswer),
        Ok(_) => Err(InstanceError::Refused),
    }
}

/// Serves the channel on its own thread until dropped.
pub struct Serving {
    stop: Arc<AtomicBool>,
    name: Name<'static>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Serving {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Serving").finish_non_exhaustive()
    }
}

impl Owner {
    /// Answers requests on a thread of its own: each valid one is passed to `deliver` (which
    /// must not block: queue it and wake the window) after it is acknowledged.
    pub fn serve(self, deliver: impl Fn(Request) + Send + 'static) -> Result<Serving, InstanceError> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let Owner { listener, _lock: lock, name } = self;
        let thread = std::thread::Builder::new().name("acupress-instance".into()).spawn(move || {
            // The lock lives as long as the thread that answers for it.
            let _lock = lock;
            for connection in listener.incoming() {
                if stopping.load(Ordering::Acquire) {
                    return;
                }
                let Ok(stream) = connection else { continue };
                if let Some(request) = answer(&stream) {
                    deliver(request);
                }
            }
        })?;
        Ok(Serving { stop, name, thread: Some(thread) })
    }
}

/// Reads one request from `stream` and answers it: `ok` when it is valid, `refused` otherwise.
fn answer(stream: &interprocess::local_socket::Stream) -> Option<Request> {
    let _ = stream.set_recv_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_send_timeout(Some(READ_TIMEOUT));
    let mut bytes = Vec::new();
    // One byte more than allowed tells an oversized request from one that just fits.
    let read = BufReader::new(stream).take(MAX_REQUEST_BYTES as u64 + 1).read_until(b'\n', &mut bytes);
    let request = match read {
        Ok(_) if bytes.len() <= MAX_REQUEST_BYTES => std::str::from_utf8(&bytes).ok().and_then(Request::parse_line),
        _ => None,
    };
    let mut writer = stream;
    let reply: &[u8] = if request.is_some() { b"ok\n" } else { b"refused\n" };
    let _ = writer.write_all(reply).and_then(|()| writer.flush());
    request
}

impl Drop for Serving {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        // Wake the thread from its wait for a connection; it sees the flag and ends.
        let woken = ConnectOptions::new()
            .name(self.name.clone())
            .wait_mode(interprocess::ConnectWaitMode::Timeout(Duration::from_millis(200)))
            .connect_sync();
        if let (Ok(_), Some(thread)) = (woken, self.thread.take()) {
            let _ = thread.join();
        }
    }
}
