//! What the UI asks for. Panels push actions during the frame; the app applies them in
//! one place at the end of it, where autosave and (later) undo hang off.

use std::path::PathBuf;

use crate::model::Status;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Select(Option<String>),
    SetStatus {
        skill_id: String,
        status: Status,
    },
    /// Right-click on a node: learned ↔ not started.
    ToggleLearned(String),
    SetNotes {
        skill_id: String,
        notes: String,
    },
    /// Select a skill and centre the canvas on it.
    Focus(String),
    FitView,
    OpenRoadmap(PathBuf),
    OpenBundledRoadmap,
    OpenProgress(PathBuf),
    SaveProgressAs(PathBuf),
    SetBrokenProgressAside,
    SetDarkMode(bool),
    ShowShortcuts(bool),
    DismissError,
    Quit,
}
