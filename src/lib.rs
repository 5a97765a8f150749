//! acupress: guided, timed acupressure self-massage.
//!
//! The pure core (catalogue, routines, safety gate, session engine, breathing, history) lives in
//! the `acupress-core` crate and is re-exported here under the same module names. This crate holds
//! the edges that connect it to the world. See `ARCHITECTURE.md` for the map and the rules.
//!
//! Edges: [`cli`] (command line), [`clock`] (the only clock reader), [`settings`] (the
//! person's settings), [`notices`] (what the app tells the person, as values), [`driver`] (the
//! session's timer thread), [`store`] (the only filesystem user), [`audio`] (the only rodio
//! user), [`ui`] (the screens: they read state and return commands) and [`app`] (the shell that
//! applies them). The loaders' fuzzer is a separate, unshipped crate (`crates/acupress-fuzz`).

pub use acupress_core::{
    breathing, bundled, catalog, history, outcome, overview, program, routine, safety, session, source, speech, text,
};

/// The application id: the Wayland app id and X11 window class, and the name of the desktop
/// entry, the `AppStream` metadata and the icon (`packaging/linux/`).
pub const APP_ID: &str = "io.github.acupress.Acupress";

pub mod app;
pub mod audio;
pub mod cli;
pub mod clock;
pub mod driver;
pub mod instance;
pub mod notices;
pub mod notify;
pub mod pdf;
pub mod reminders;
pub mod settings;
pub mod store;
pub mod text_rule;
pub mod texts;
pub mod ui;
pub mod worker;
