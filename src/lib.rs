//! Waymark: a desktop career-path planner.
//!
//! Layers, each using only those below it:
//!
//! - [`model`]: roadmaps, progress, teams, edits, stats, search, plans.
//! - [`files`]: RON in and out, located problems, atomic writes, validation, the data
//!   folder, bundled roadmaps.
//! - [`session`]: the open document and what is derived from it, undo, selection, the
//!   actions and the autosave policy. No egui.
//! - [`paint`]: palette, icons, pen and the roadmap picture (canvas and PNG).
//! - [`export`], [`team_export`], [`cli`]: files for other programs, the command line.
//! - [`app`]: the eframe app.

pub mod app;
pub mod cli;
pub mod export;
pub mod files;
pub mod model;
pub mod paint;
pub mod session;
pub mod team_export;
