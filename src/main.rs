//! The `acupress` program: the desktop app, or a command-line subcommand.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Parser;

use acupress::app::{AcupressApp, Settings};
use acupress::audio::RodioAudio;
use acupress::bundled;
use acupress::cli::{self, Cli, system_lang};
use acupress::store::{Paths, Store};

fn main() -> ExitCode {
    acupress::clock::mark_process_start();
    let args = Cli::parse();
    let result = match args.command {
        Some(command) => {
            let mut out = String::new();
            let result = cli::run(command, &mut out);
            print!("{out}");
            result
        }
        None => run_app(args.file.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("acupress: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_app(file: Option<&Path>) -> Result<ExitCode> {
    let catalog = bundled::catalog().context("the bundled point catalogue is damaged")?;
    let routines = bundled::valid_routines(&catalog)?;
    let settings = Settings { lang: system_lang(), ..Settings::default() };
    let mut app = AcupressApp::with_system_clock(catalog, routines, settings).with_audio(RodioAudio::start());
    match Paths::platform().and_then(Store::open) {
        Ok(store) => app = app.with_store(store),
        // Without a usable data folder the app still runs; it says nothing will be kept.
        Err(err) => app.add_notice(format!("{err}: settings and history will not be saved")),
    }
    if let Some(path) = file {
        // Validated first; errors are shown in the window with line and column.
        app.import_file(path);
    }
    if std::env::var_os("ACUPRESS_FRAME_STATS").is_some() {
        app.count_frames(frame_stats_printer());
    }
    if std::env::var_os("ACUPRESS_STARTUP_PROBE").is_some() {
        app.probe_startup();
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("acupress")
            .with_inner_size([1180.0, 760.0])
            .with_min_inner_size([800.0, 560.0]),
        ..Default::default()
    };
    eframe::run_native("acupress", options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|err| anyhow::anyhow!("could not open the window: {err}"))?;
    Ok(ExitCode::SUCCESS)
}

/// With `ACUPRESS_FRAME_STATS` set, prints the number of frames drawn every 10 seconds to
/// stderr: a measurement aid, off by default.
fn frame_stats_printer() -> Arc<AtomicU64> {
    let frames = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&frames);
    std::thread::spawn(move || {
        let mut last = 0;
        loop {
            std::thread::sleep(Duration::from_secs(10));
            let now = counter.load(Ordering::Relaxed);
            eprintln!("frames in the last 10 s: {}", now - last);
            last = now;
        }
    });
    frames
}
