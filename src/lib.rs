//! Waymark: a desktop career-path planner.
//!
//! The model, file I/O, validation and layout are plain Rust (no egui) so they can be
//! tested alone and reused by the command line; the egui app lives in [`app`].

pub mod app;
pub mod bundled;
pub mod cli;
pub mod export;
pub mod files;
pub mod generate;
pub mod layout;
pub mod model;
pub mod scene_index;
pub mod storage;
pub mod team_export;
pub mod validate;
