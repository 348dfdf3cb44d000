//! What the UI asks for. Panels push actions during the frame; the app applies them in
//! one place at the end of it, where autosave and (later) undo hang off.

use std::path::PathBuf;

use crate::model::{RoadmapEdit, Status};

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
    /// Write the roadmap with progress in another format.
    Export {
        format: crate::export::ExportFormat,
        path: PathBuf,
    },
    OpenRoadmap(PathBuf),
    /// Open whatever the file is (roadmap, progress or team plan), from its content: a
    /// dropped file, a recent one.
    OpenFile(PathBuf),
    OpenBundledRoadmap,
    OpenProgress(PathBuf),
    SaveProgressAs(PathBuf),
    SetBrokenProgressAside,
    SetDarkMode(bool),
    /// Light or dark as the desktop is set.
    FollowSystemTheme,
    /// A change to the roadmap. Changes with the same gesture key, while that gesture
    /// goes on, are one undo step (a drag, typing in one field).
    Edit {
        edit: RoadmapEdit,
        gesture: Option<String>,
    },
    /// The current gesture ended (a drag was released, a field lost focus).
    EndGesture,
    Undo,
    Redo,
    /// Add a skill at a scene position, in the stage under it, and start editing its title.
    AddSkillAt {
        x: f32,
        y: f32,
    },
    /// Add to or take from the selection (shift-click).
    ToggleSelected(String),
    /// Select exactly these skills (box selection).
    SelectMany(Vec<String>),
    /// Delete the selected skills, asking first when someone has progress on them.
    DeleteSelected,
    /// Delete without asking (the person confirmed).
    ConfirmDelete(Vec<String>),
    CancelDelete,
    SaveRoadmap,
    SaveRoadmapAs(PathBuf),
    NewRoadmap,
    ShowRoadmapDetails(bool),
    ShowShortcuts(bool),
    DismissError,
    Quit,
    SetNotesPrivate {
        skill_id: String,
        private: bool,
    },
    /// Move kept progress from an id the roadmap no longer has onto one of its skills.
    ReattachProgress {
        from: String,
        to: String,
    },
    /// Write a progress file with only the kept progress (on skills the roadmap lacks).
    ExportKeptProgress(PathBuf),
    /// Write your progress to a file to share, with or without notes. Private notes
    /// never leave.
    ExportProgress {
        path: PathBuf,
        include_notes: bool,
    },
    /// Anything to do with the open team plan.
    Team(super::team::TeamAction),
}
