//! What the UI asks for. Panels push actions during the frame; the app hands them to
//! [`super::Session::apply`] at the end of it, the one place where state changes, and
//! where undo, dirty-tracking and autosave hang off.

use std::path::PathBuf;

use super::effect::ExportFormat;
use super::team::TeamAction;
use crate::files::storage::TargetSettings;
use crate::model::{ConflictChoice, RoadmapEdit, Status};

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Select(Option<String>),
    /// Settles a conflict a merge left in the roadmap or the progress.
    ResolveConflict(ConflictChoice),
    /// Takes the next version of the roadmap a fork was made from (a file, or `None` for
    /// the bundled roadmap of that id) into the open fork.
    UpdateFork(Option<PathBuf>),
    SetStatus {
        skill_id: String,
        status: Status,
    },
    /// Hold a skill at a level of the roadmap's scale (a level id), or forget the level.
    SetLevel {
        skill_id: String,
        level: Option<String>,
    },
    /// Record evidence for the level held on a skill.
    AddEvidence {
        skill_id: String,
        evidence: crate::model::Evidence,
    },
    RemoveEvidence {
        skill_id: String,
        index: usize,
    },
    /// One status for several skills (a selection), as one undo step.
    SetStatuses {
        skill_ids: Vec<String>,
        status: Status,
    },
    /// Learned ↔ not started (the Space key).
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
        format: ExportFormat,
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
    /// Select a skill with everything it needs (its prerequisites and theirs) and show
    /// them all.
    SelectRequirements(String),
    /// Select a skill and open its edit form.
    EditSkill(String),
    /// Move skills to another stage, as one undo step; the layout places them there.
    MoveToStage {
        skill_ids: Vec<String>,
        stage_id: String,
    },
    /// Add the skills copied on the clipboard (their text) around a scene point.
    PasteSkills {
        text: String,
        x: f32,
        y: f32,
    },
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
    ShowAbout(bool),
    DismissError,
    Quit,
    SetNotesPrivate {
        skill_id: String,
        private: bool,
    },
    /// Pick the member of a pick-one group the person means to learn; `None` leaves the
    /// choice to Waymark's rule again.
    PickAlternative {
        group_id: String,
        skill_id: Option<String>,
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
    Team(TeamAction),
    /// The person panned or zoomed the canvas to show this part of the scene
    /// (`[x_min, y_min, x_max, y_max]`), remembered for the next start.
    ViewMoved([f32; 4]),
    /// The role aimed for, hours a week and target date changed.
    SetTargetSettings(TargetSettings),
    /// The size of everything in the window changed (Ctrl and + / - / 0).
    SetUiScale(f32),
    /// Whether a plain mouse wheel zooms the canvas (else it pans), remembered.
    SetWheelZooms(bool),
    /// The answer to "Save the changes?" asked before an action that replaces the roadmap.
    Unsaved(UnsavedChoice),
    /// The answer to the offer to restore unsaved edits from the last run.
    Draft(DraftChoice),
    /// The window came back to the front: look whether files changed on disk.
    WindowFocused,
    /// Read the roadmap again as it is on disk now, replacing unsaved edits.
    ReloadFromDisk,
    /// Keep the roadmap as it is here, though its file changed on disk.
    KeepMine,
    /// The window is asked to close (its close button, the desktop).
    CloseRequested,
    /// A message over the canvas (an export written).
    ShowNotice(String),
    /// An error for the person, shown until dismissed.
    ReportError(ErrorReport),
    /// The "What changed in this roadmap" window was closed.
    DismissRoadmapChanges,
    /// Quit although progress or the team plan could not be written: those changes go.
    QuitWithoutSaving,
    /// Stay, after being told that progress could not be written.
    CancelQuit,
}

/// What the person said to "Save the changes to this roadmap?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    Discard,
    Cancel,
}

/// What the person said to "Restore unsaved edits?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftChoice {
    Restore,
    Discard,
    /// Decide later: the draft stays for the next start, until new edits replace it.
    Later,
}

/// An error shown to the person in a dialog until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorReport {
    pub title: String,
    pub details: String,
}
