//! The `acupress` program: the desktop app, or a command-line subcommand.
//!
//! Exit codes: 0 fine, 1 invalid input or a file that cannot be read or written, 2 a usage
//! error (unknown option, question or point code), 3 the safety gate blocks the routine.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};

use acupress::app::{AcupressApp, Inbox, NotKept, Ownership, Retried};
use acupress::audio::RodioAudio;
use acupress::bundled;
use acupress::cli;
use acupress::clock::{Clock, SystemClock, system_time_zone};
use acupress::instance::{self, Claim, Request};
use acupress::notify::DesktopNotifier;
use acupress::settings::Settings;
use acupress::store::{Paths, Store};
use acupress::text::{Lang, Text};
use acupress::texts::strings;

fn main() -> ExitCode {
    // The program's one clock; its origin is the start of the process.
    let clock: Arc<dyn Clock> = Arc::new(SystemClock::new());
    // Help and version go to standard output with 0; usage errors to standard error with 2,
    // in the person's language.
    let args = match cli::args::parse() {
        Ok(args) => args,
        Err(code) => return code,
    };
    let lang = cli::lang_of(args.lang);
    let result = match args.command {
        Some(command) => {
            let mut out = String::new();
            let result = cli::run(command, lang, &mut out);
            match cli::write_stdout(&out) {
                Ok(()) => result,
                Err(err) => Err(err),
            }
        }
        None => run_app(args.file.as_deref(), args.minimised, lang, clock),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // Best effort: standard error may be closed too.
            let _ = writeln!(std::io::stderr(), "acupress: {}", cli::error_text(&err, lang));
            ExitCode::FAILURE
        }
    }
}

fn run_app(file: Option<&Path>, minimised: bool, lang: Lang, clock: Arc<dyn Clock>) -> Result<ExitCode> {
    let said = |en: &str, nl: &str| cli::Said(Text::new(en, nl));
    // One acupress per person: a second start hands its request to the running one.
    let request = Request::from_args(file, minimised);
    let mut owner = None;
    let mut no_answer = false;
    match instance::platform_dir().and_then(|dir| instance::claim(&dir, &request, instance::PATIENCE, clock.as_ref())) {
        Ok(Claim::HandedOver) => {
            let _ = writeln!(std::io::stdout(), "{}", strings(lang).handed_over);
            return Ok(ExitCode::SUCCESS);
        }
        Ok(Claim::Owner(claimed)) => owner = Some(claimed),
        Ok(Claim::NoAnswer) => no_answer = true,
        // Without the channel the data's own lock still keeps a second window from writing.
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "acupress: {}", cli::error_text(&anyhow::Error::new(err), lang));
        }
    }
    let catalog = bundled::catalog()
        .context(said("the bundled point catalogue is damaged", "de meegeleverde puntencatalogus is beschadigd"))?;
    let routines = bundled::valid_routines(&catalog)?;
    let mut app = AcupressApp::new(catalog, routines, Settings::default(), Arc::clone(&clock))
        .with_system_lang(lang)
        .with_time_zone(system_time_zone())
        .with_audio(RodioAudio::start(Arc::clone(&clock)));
    match Paths::platform().and_then(Store::open) {
        Ok(store) => app = app.with_store(store).changing_login_items(),
        // Without a usable data folder the app still runs; it says whose the folder is, or why
        // it cannot be used, and that nothing will be kept.
        Err(err) => app.report(err.open_notice()),
    }
    if no_answer {
        app = app.not_kept(NotKept::NoAnswer);
    }
    app = app.with_reminders(Arc::new(DesktopNotifier), true);
    let owns_data = app.is_not_kept().is_none();
    match owner {
        // Only the window that keeps the data takes requests; one that only reads lets go of
        // the channel, so the next start does not hand a file to a window that cannot keep it.
        Some(owner) if owns_data => match owner.serve({
            let inbox = app.inbox();
            move |request| inbox.deliver(request)
        }) {
            Ok(serving) => app = app.serving(serving),
            Err(err) => {
                let _ = writeln!(std::io::stderr(), "acupress: {}", cli::error_text(&anyhow::Error::new(err), lang));
            }
        },
        _ => {}
    }
    app = app.with_ownership(PlatformOwnership {
        request: Request { file: request.file.clone(), minimised: false },
        clock: Arc::clone(&clock),
    });
    if let Some(path) = file
        && owns_data
    {
        // Validated first; problems are shown in the window with line and column.
        app.import_file(path);
    }
    let icon = eframe::icon_data::from_png_bytes(APP_ICON)
        .context(said("the bundled icon is damaged", "het meegeleverde pictogram is beschadigd"))?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("acupress")
            .with_app_id(APP_ID)
            .with_icon(icon)
            .with_inner_size([1180.0, 760.0])
            .with_min_inner_size([800.0, 560.0]),
        ..Default::default()
    };
    let measured = Measured::from_env(app, clock, minimised);
    eframe::run_native("acupress", options, Box::new(|_cc| Ok(Box::new(measured)))).map_err(|err| {
        anyhow::anyhow!("{err}").context(said("could not open the window", "het venster kon niet worden geopend"))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The application id: the Wayland app id and X11 window class, the desktop entry's and the
/// `AppStream` file's name, and the icon's name, so the desktop ties the window to its entry.
const APP_ID: &str = acupress::APP_ID;

/// The window's icon (the same artwork as the installed icons).
const APP_ICON: &[u8] = include_bytes!("../packaging/linux/icons/hicolor/256x256/apps/io.github.acupress.Acupress.png");

/// "Try again" in a window whose work would not be kept: hand over to the acupress that runs,
/// or become the one acupress (the channel and the data) if it has gone.
struct PlatformOwnership {
    /// What this start was asked: the file goes along (or is imported here on taking over).
    request: Request,
    clock: Arc<dyn Clock>,
}

impl Ownership for PlatformOwnership {
    fn try_again(&mut self, inbox: &Inbox) -> Retried {
        let claimed = instance::platform_dir()
            .and_then(|dir| instance::claim(&dir, &self.request, instance::PATIENCE, self.clock.as_ref()));
        let owner = match claimed {
            Ok(Claim::HandedOver) => return Retried::HandedOver,
            Ok(Claim::NoAnswer) => return Retried::Still(NotKept::NoAnswer),
            Ok(Claim::Owner(owner)) => Some(owner),
            Err(_) => None,
        };
        match Paths::platform().and_then(Store::open) {
            Ok(store) if !store.is_read_only() => {
                let serving = owner.and_then(|owner| {
                    let deliver_to = inbox.clone();
                    owner.serve(move |request| deliver_to.deliver(request)).ok()
                });
                // The file this start was asked to open is opened here now.
                if self.request.file.is_some() {
                    inbox.deliver(self.request.clone());
                }
                Retried::Owner(store, serving)
            }
            _ => Retried::Still(NotKept::OtherOwner),
        }
    }
}

/// The app with the measurement aids `benches/measure_app.sh` uses, off unless asked for:
/// `ACUPRESS_FRAME_STATS` prints the frames drawn every 10 s to standard error;
/// `ACUPRESS_STARTUP_PROBE` prints the time to the first frame and closes the window.
struct Measured {
    app: AcupressApp,
    frames: Option<Arc<FrameStats>>,
    /// The clock (whose origin is the process start) and whether the first frame was drawn.
    startup: Option<(Arc<dyn Clock>, bool)>,
    /// Minimise the window after its first frame (started at login).
    minimise: bool,
}

impl Measured {
    fn from_env(app: AcupressApp, clock: Arc<dyn Clock>, minimise: bool) -> Self {
        let frames = std::env::var_os("ACUPRESS_FRAME_STATS").is_some().then(frame_stats_printer);
        let startup = std::env::var_os("ACUPRESS_STARTUP_PROBE").is_some().then_some((clock, false));
        Self { app, frames, startup, minimise }
    }
}

impl eframe::App for Measured {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.app.logic(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if let Some(frames) = &self.frames {
            frames.count.fetch_add(1, Ordering::Relaxed);
            // The CPU time of the previous frame, all of it (layout, the accessibility tree,
            // tessellation), in microseconds.
            if let Some(cpu) = frame.info().cpu_usage {
                let micros = (f64::from(cpu) * 1e6) as u64;
                frames.cpu_micros.fetch_add(micros, Ordering::Relaxed);
                frames.max_cpu_micros.fetch_max(micros, Ordering::Relaxed);
            }
        }
        self.app.ui(ui, frame);
        if std::mem::take(&mut self.minimise) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Minimized(true));
        }
        if let Some((clock, drawn)) = &mut self.startup {
            // The first frame is on screen once the second one is asked for.
            if *drawn {
                let _ = writeln!(std::io::stdout(), "first frame after {:.1} ms", clock.now().as_secs_f64() * 1000.0);
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                self.startup = None;
            } else {
                *drawn = true;
                ui.ctx().request_repaint();
            }
        }
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        self.app.on_exit(gl);
    }
}

/// Frames drawn, and the CPU time they took.
#[derive(Default)]
struct FrameStats {
    count: AtomicU64,
    cpu_micros: AtomicU64,
    max_cpu_micros: AtomicU64,
}

/// Counts frames, printing the count of each 10 seconds to standard error, and on the next
/// line the mean and the longest frame's CPU time.
fn frame_stats_printer() -> Arc<FrameStats> {
    let frames = Arc::new(FrameStats::default());
    let stats = Arc::clone(&frames);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(10));
            let count = stats.count.swap(0, Ordering::Relaxed);
            let cpu = stats.cpu_micros.swap(0, Ordering::Relaxed);
            let max = stats.max_cpu_micros.swap(0, Ordering::Relaxed);
            let mean = if count == 0 { 0.0 } else { cpu as f64 / count as f64 / 1000.0 };
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "frames in the last 10 s: {count}");
            let _ = writeln!(err, "frame cpu in the last 10 s: mean {mean:.2} ms, max {:.2} ms", max as f64 / 1000.0);
        }
    });
    frames
}
