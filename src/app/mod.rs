//! The egui app.
use std::path::PathBuf;

pub fn run_native(_roadmap: Option<PathBuf>) -> eframe::Result {
    Ok(())
}
