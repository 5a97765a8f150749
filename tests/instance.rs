//! One acupress per person: a second start hands its request to the running one and is done; a
//! stale channel never blocks a start; a running acupress that does not answer is reported,
//! never joined; requests are bounded and checked.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use acupress::clock::SystemClock;
use acupress::instance::{self, Claim, MAX_REQUEST_BYTES, Request, Serving};

/// Long enough for a loaded machine, short enough that a test of "no answer" stays quick.
const PATIENCE: Duration = Duration::from_millis(1500);

/// The channel's folder for a test: made by acupress itself (private), inside a temporary one.
fn run_dir(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("run")
}

fn claim(dir: &Path, request: &Request) -> Claim {
    instance::claim(dir, request, PATIENCE, &SystemClock::new()).expect("the channel opens")
}

/// The first acupress: owns the channel, and passes what it is handed to `received`.
fn first(dir: &Path) -> (Serving, mpsc::Receiver<Request>) {
    let Claim::Owner(owner) = claim(dir, &Request::from_args(None, false)) else {
        panic!("the first start owns the channel")
    };
    let (sender, received) = mpsc::channel();
    let serving = owner
        .serve(move |request| {
            let _ = sender.send(request);
        })
        .unwrap();
    (serving, received)
}

fn routine_file(dir: &Path) -> PathBuf {
    let file = dir.join("rug-jan.ron");
    std::fs::write(&file, "Routine()").unwrap();
    file
}

#[test]
fn a_second_start_hands_its_file_to_the_first_and_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let (_serving, received) = first(&run_dir(&dir));
    let file = routine_file(dir.path());
    let second = claim(&run_dir(&dir), &Request::from_args(Some(&file), false));
    assert!(matches!(second, Claim::HandedOver), "the second start is done: {second:?}");
    let request = received.recv_timeout(Duration::from_secs(5)).unwrap();
    assert_eq!(request, Request { file: Some(file), minimised: false });
}

#[test]
fn a_second_start_without_a_file_brings_the_first_forward_or_leaves_it_minimised() {
    let dir = tempfile::tempdir().unwrap();
    let (_serving, received) = first(&run_dir(&dir));
    for minimised in [false, true] {
        assert!(matches!(claim(&run_dir(&dir), &Request::from_args(None, minimised)), Claim::HandedOver));
        let request = received.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(request, Request { file: None, minimised });
    }
}

#[test]
fn a_relative_file_is_handed_over_as_an_absolute_one() {
    let request = Request::from_args(Some(Path::new("rug-jan.ron")), false);
    let file = request.file.unwrap();
    assert!(file.is_absolute());
    assert_eq!(file, std::env::current_dir().unwrap().join("rug-jan.ron"));
}

#[test]
fn when_the_first_closes_the_next_start_owns_the_channel() {
    let dir = tempfile::tempdir().unwrap();
    let (serving, _received) = first(&run_dir(&dir));
    drop(serving);
    assert!(matches!(claim(&run_dir(&dir), &Request::from_args(None, false)), Claim::Owner(_)));
}

#[cfg(unix)]
#[test]
fn a_channel_left_behind_by_a_crash_never_blocks_a_start() {
    use std::os::unix::net::UnixListener;
    let dir = tempfile::tempdir().unwrap();
    acupress::store::create_private_dir(&run_dir(&dir)).unwrap();
    // A crashed acupress leaves its socket file (nobody listens) and an unlocked lock file.
    let socket = run_dir(&dir).join("acupress.sock");
    drop(UnixListener::bind(&socket).unwrap());
    assert!(socket.exists(), "the stale socket is there");
    std::fs::write(run_dir(&dir).join("instance.lock"), "").unwrap();
    let (_serving, received) = first(&run_dir(&dir));
    // The new owner really answers on the channel it took over.
    assert!(matches!(claim(&run_dir(&dir), &Request::from_args(None, false)), Claim::HandedOver));
    assert!(received.recv_timeout(Duration::from_secs(5)).is_ok());
}

#[cfg(unix)]
#[test]
fn a_running_acupress_that_does_not_answer_is_reported_and_not_joined() {
    use std::os::unix::net::UnixListener;
    let dir = tempfile::tempdir().unwrap();
    acupress::store::create_private_dir(&run_dir(&dir)).unwrap();
    // A hung first acupress: it holds the lock and its socket takes connections (the system's
    // backlog), but it never reads or answers.
    let lock = std::fs::File::create(run_dir(&dir).join("instance.lock")).unwrap();
    lock.try_lock().unwrap();
    let _hung = UnixListener::bind(run_dir(&dir).join("acupress.sock")).unwrap();
    let outcome = claim(&run_dir(&dir), &Request::from_args(None, false));
    assert!(matches!(outcome, Claim::NoAnswer), "{outcome:?}");
    // It is not taken over either: the hung one still owns the channel.
    assert!(run_dir(&dir).join("acupress.sock").exists());
}

#[cfg(unix)]
#[test]
fn an_oversized_or_malformed_request_is_refused_and_the_channel_goes_on() {
    use std::io::{Read, Write};
    use std::os::unix::net::UnixStream;
    let dir = tempfile::tempdir().unwrap();
    let (_serving, received) = first(&run_dir(&dir));
    let oversized = format!("acupress/1 (file: Some(\"/{}\"), minimised: false)\n", "a".repeat(MAX_REQUEST_BYTES));
    let cases = [
        oversized.as_str(),
        "acupress/1 (file: Some(\"relative.ron\"), minimised: false)\n",
        "acupress/1 (file: None, minimised: false, run: \"rm\")\n",
        "acupress/2 (file: None, minimised: false)\n",
        "(file: None, minimised: false)\n",
        "acupress/1 \u{fffd}\n",
        "acupress/1 (file: None, minimised: false)",
    ];
    for case in cases {
        let mut stream = UnixStream::connect(run_dir(&dir).join("acupress.sock")).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        // The owner may stop reading an oversized request and answer at once.
        let _ = stream.write_all(case.as_bytes());
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        assert_eq!(answer, "refused\n", "for {:?}", &case[..case.len().min(60)]);
    }
    assert!(received.try_recv().is_err(), "nothing refused reaches the window");
    // A valid request still gets through.
    assert!(matches!(claim(&run_dir(&dir), &Request::from_args(None, true)), Claim::HandedOver));
    assert_eq!(received.recv_timeout(Duration::from_secs(5)).unwrap(), Request { file: None, minimised: true });
}

#[cfg(unix)]
#[test]
fn the_channel_folder_is_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("run");
    let (_serving, _received) = first(&run);
    let mode = std::fs::metadata(&run).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}

#[cfg(unix)]
#[test]
fn a_channel_folder_others_can_enter_is_not_used() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(run_dir(&dir)).unwrap();
    std::fs::set_permissions(run_dir(&dir), std::fs::Permissions::from_mode(0o755)).unwrap();
    let refused = instance::claim(&run_dir(&dir), &Request::from_args(None, false), PATIENCE, &SystemClock::new());
    assert!(refused.is_err(), "no channel in a folder others can enter");
    assert!(!run_dir(&dir).join("acupress.sock").exists());
    let mode = std::fs::metadata(run_dir(&dir)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o755, "and the folder is left as it was");
}
