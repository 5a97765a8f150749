//! acupress: guided, timed acupressure self-massage.
//!
//! The crate is split into a pure core (no UI, audio, files or clock) and the edges that
//! connect it to the world. See `ARCHITECTURE.md` for the map and the rules.
//!
//! Core: [`text`], [`source`], [`catalog`], [`routine`], [`breathing`], [`safety`], [`session`],
//! [`history`].
//! Edges: [`bundled`] (embedded content), [`cli`] (command line), [`clock`] (the only clock
//! reader), [`driver`] (the session's timer thread), [`store`] (the only filesystem user),
//! [`audio`] (the only rodio user), [`ui`] and [`app`] (the desktop app), [`fuzzing`] (the
//! loaders' fuzzer, for tests and examples).

pub mod app;
pub mod audio;
pub mod breathing;
pub mod bundled;
pub mod catalog;
pub mod cli;
pub mod clock;
pub mod driver;
pub mod fuzzing;
pub mod history;
pub mod routine;
pub mod safety;
pub mod session;
pub mod source;
pub mod store;
pub mod text;
pub mod ui;
