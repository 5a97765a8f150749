//! The pure core of acupress: what a session is, independent of any screen, speaker, disk or
//! clock.
//!
//! Everything here takes bytes and times as arguments and returns values. The compiler keeps it
//! that way: this crate depends on no UI, audio, filesystem-path or clock crate (see
//! `ARCHITECTURE.md`). It never reads files, plays sound or asks the time.
//!
//! Modules: [`text`] (bilingual strings), [`source`] (reading user-editable RON with positions),
//! [`catalog`] (points), [`routine`] (routines and their validation), [`breathing`] (patterns),
//! [`safety`] (the gate), [`session`] (the session engine), [`history`] (session records), [`speech`] (what is heard and when),
//! [`bundled`] (the catalogue and routines compiled in).

pub mod breathing;
pub mod bundled;
pub mod catalog;
pub mod history;
pub mod outcome;
pub mod overview;
pub mod program;
pub mod routine;
pub mod safety;
pub mod session;
pub mod source;
pub mod speech;
pub mod text;
