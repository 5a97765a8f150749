//! acupress: guided, timed acupressure self-massage.
//!
//! The crate is split into a pure core (no UI, audio, files or clock) and the edges that
//! connect it to the world. See `ARCHITECTURE.md` for the map and the rules.
//!
//! Core: [`text`], [`catalog`], [`routine`], [`breathing`], [`safety`], [`session`].
//! Edges: [`bundled`] (embedded content), [`cli`] (command line).

pub mod breathing;
pub mod bundled;
pub mod catalog;
pub mod cli;
pub mod routine;
pub mod safety;
pub mod session;
pub mod source;
pub mod store;
pub mod text;
