//! The open session, without egui: the document and what is derived from it, undo, the
//! selection, the team plan, and the policy that keeps people's work (autosave, drafts of
//! unsaved edits, the restore offer, files changed on disk).
//!
//! [`Session::apply`] is the one place where this state changes. It takes an [`Action`]
//! and the time now, and returns [`Effect`]s for the app to carry out: ask for a path,
//! move the view, close the window. [`Session::tick`] runs the timers (autosave, notices).

mod action;
mod apply;
mod bulk;
mod conflicts;
mod document;
mod effect;
mod history;
pub mod layout;
pub mod layout_stats;
pub mod navigation;
mod persistence;
mod placing;
mod roadmap_files;
pub mod scene_index;
mod selection;
mod team;
mod team_files;

use std::path::{Path, PathBuf};

pub use action::{Action, DraftChoice, ErrorReport, UnsavedChoice};
pub use document::{BrokenProgress, Document};
pub use effect::{Effect, ExportFormat, ExportJob, PathRequest, ViewRequest};
pub use history::{History, Snapshot};
pub use roadmap_files::startup_files;
pub use selection::Selection;
pub use team::{
    CanvasLens, GraphLens, MatrixLine, ProgressOf, TeamAction, TeamSession, TeamTab,
    file_stem as team_file_stem,
};

use crate::files::storage::{AppState, DataDir, Draft, RoadmapSource, TargetSettings};
use crate::files::{self, LoadError};
use crate::model::Roadmap;

/// How long after the last change progress and view are written to disk, in seconds.
pub const AUTOSAVE_DELAY_SECS: f64 = 1.0;

/// The titles of the errors a failed autosave shows; the question on quitting replaces
/// them.
pub(crate) const PROGRESS_NOT_SAVED: &str = "Your progress could not be saved";
pub(crate) const TEAM_NOT_SAVED: &str = "The team plan could not be saved";

/// How long a notice stays over the canvas, in seconds.
pub const NOTICE_SECS: f64 = 6.0;

/// A short message shown over the canvas, with the time it appeared.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub since: f64,
}

pub struct Session {
    pub data_dir: Option<DataDir>,
    /// What is remembered between runs: the open roadmap, views, theme, recent files.
    pub state: AppState,
    pub document: Document,
    pub history: History,
    pub selection: Selection,
    /// The team plan open beside the roadmap, if any.
    pub team: Option<TeamSession>,
    /// The role aimed for on this roadmap, with hours a week and a date.
    pub target_settings: TargetSettings,
    /// Errors waiting to be shown, oldest first.
    pub errors: Vec<ErrorReport>,
    pub notice: Option<Notice>,
    /// Skills waiting for the person to confirm their deletion.
    pub confirm_delete: Option<Vec<String>>,
    /// What to do once unsaved roadmap edits are saved or discarded.
    pub pending_after_unsaved: Option<Box<Action>>,
    /// Unsaved edits found at start (the last run ended without saving them), offered
    /// for restoring.
    pub draft_offer: Option<Draft>,
    /// The roadmap's file as changed on disk by someone else, with what changed, until
    /// the person reloads or keeps their version.
    pub disk_change: Option<(Roadmap, String)>,
    /// What changed, when a version of the open roadmap was opened over another one.
    pub roadmap_changes: Option<String>,
    pub show_shortcuts: bool,
    /// Whether Help → About is open.
    pub show_about: bool,
    pub show_roadmap_details: bool,
    /// The part of the scene in view, as last reported by the canvas.
    pub view_rect: Option<[f32; 4]>,
    /// Set when the person chose to quit despite unsaved roadmap edits.
    pub quit_confirmed: bool,
    /// Quitting waits: progress or the team plan could not be written, for this reason.
    pub unwritten_on_quit: Option<String>,
    autosave: persistence::Autosave,
    /// The time of the action being applied, in seconds.
    now: f64,
    effects: Vec<Effect>,
}

impl Session {
    /// Starts with the roadmap given on the command line, else the one open last time, else
    /// the bundled one. A roadmap that fails to load is reported and the bundled one opens.
    /// A team plan given (or open last time) opens with the first action applied.
    pub fn new(data_dir: Option<DataDir>, roadmap_path: Option<PathBuf>) -> Self {
        let mut errors = Vec::new();
        let state = match data_dir.as_ref().map(DataDir::load_state) {
            Some(Ok(state)) => state,
            Some(Err(error)) => {
                errors.push(report(
                    "Waymark's saved state could not be read; starting with defaults",
                    &error,
                ));
                AppState::default()
            }
            None => AppState::default(),
        };
        let is_team = |path: &PathBuf| {
            files::read_text(path)
                .is_ok_and(|text| files::detect_kind(&text) == Some(files::FileKind::Team))
        };
        let (team_path, roadmap_path) = match roadmap_path {
            Some(path) if is_team(&path) => (Some(path), None),
            other => (None, other),
        };
        let source = roadmap_path
            .map(|path| RoadmapSource::File(absolute(&path)))
            .unwrap_or_else(|| state.roadmap.clone());
        let (roadmap, source) = match Document::load_roadmap(&source) {
            Ok(roadmap) => (roadmap, source),
            Err(error) => {
                errors.push(report(
                    "The roadmap could not be opened; showing the bundled roadmap",
                    &error,
                ));
                let bundled = RoadmapSource::default();
                match Document::load_roadmap(&bundled) {
                    Ok(roadmap) => (roadmap, bundled),
                    Err(error) => {
                        errors.push(report("The bundled roadmap is broken", &error));
                        (Roadmap::new_empty("untitled", "Untitled roadmap"), bundled)
                    }
                }
            }
        };
        if data_dir.is_none() {
            errors.push(ErrorReport {
                title: "No folder to save progress in".to_owned(),
                details: "Waymark found no data folder (is HOME set?). Use File > Save progress as… to keep your progress.".to_owned(),
            });
        }
        let document = Document::open(roadmap, source, data_dir.as_ref(), &state);
        let mut session = Self {
            data_dir,
            state,
            document,
            history: History::default(),
            selection: Selection::default(),
            team: None,
            target_settings: TargetSettings::default(),
            errors,
            notice: None,
            confirm_delete: None,
            pending_after_unsaved: None,
            draft_offer: None,
            disk_change: None,
            roadmap_changes: None,
            show_shortcuts: false,
            show_about: false,
            show_roadmap_details: false,
            view_rect: None,
            quit_confirmed: false,
            unwritten_on_quit: None,
            autosave: persistence::Autosave::default(),
            now: 0.0,
            effects: Vec::new(),
        };
        session.remove_stale_temp_files();
        session.autosave.roadmap_file_stamp = session.current_file_stamp();
        session.restore_view();
        session.note_carried_over();
        match session.data_dir.as_ref().and_then(DataDir::load_draft) {
            Some(Ok(draft)) => session.draft_offer = Some(draft),
            Some(Err(error)) => session.errors.push(report(
                "Unsaved edits from the last run could not be read; the file is left as it is",
                &error,
            )),
            None => {}
        }
        let team_path =
            team_path.or_else(|| session.state.team_plan.clone().filter(|path| path.exists()));
        if let Some(path) = team_path {
            session.apply(Action::Team(TeamAction::Open(path)), 0.0);
        }
        session
    }

    /// Applies one action: the only place where the session's state changes. `now` is the
    /// time in seconds (any clock that only goes forward). Returns what the app is to do.
    pub fn apply(&mut self, action: Action, now: f64) -> Vec<Effect> {
        self.now = now;
        self.apply_action(action);
        std::mem::take(&mut self.effects)
    }

    /// Runs the timers: writes what changed once [`AUTOSAVE_DELAY_SECS`] have passed since
    /// the first unsaved change, and takes down a notice after [`NOTICE_SECS`]. Returns
    /// when to come back ([`Effect::RepaintAfter`]) if something is still waiting.
    pub fn tick(&mut self, now: f64) -> Vec<Effect> {
        self.now = now;
        if let Some(notice) = &self.notice {
            let age = now - notice.since;
            if age > NOTICE_SECS {
                self.notice = None;
            } else {
                self.effects.push(Effect::RepaintAfter(NOTICE_SECS - age));
            }
        }
        if let Some(since) = self.autosave.unsaved_since {
            let elapsed = now - since;
            if elapsed >= AUTOSAVE_DELAY_SECS {
                self.save_now();
            } else {
                self.effects
                    .push(Effect::RepaintAfter(AUTOSAVE_DELAY_SECS - elapsed));
            }
        }
        std::mem::take(&mut self.effects)
    }

    /// Removes what saves of earlier runs left behind when they were killed or failed
    /// (temporary files beside the data folder's files and the open roadmap and progress).
    fn remove_stale_temp_files(&self) {
        let mut folders: Vec<PathBuf> = Vec::new();
        if let Some(dir) = &self.data_dir {
            folders.extend([dir.root.clone(), dir.progress_folder(), dir.teams_folder()]);
        }
        let in_use = [
            self.document.source.file_path(),
            self.document.progress_path.as_deref(),
        ];
        folders.extend(
            in_use
                .into_iter()
                .flatten()
                .filter_map(|p| p.parent())
                .map(Path::to_path_buf),
        );
        folders.sort();
        folders.dedup();
        let removed: usize = folders
            .iter()
            .map(|f| files::remove_stale_temp_files(f))
            .sum();
        if removed > 0 {
            log::info!("removed {removed} temporary files left by earlier runs");
        }
    }

    /// The document and the team plan as they are now, for undo.
    pub fn snapshot(&self) -> Snapshot {
        let mut snapshot = self.document.snapshot();
        snapshot.team = self.team.as_ref().map(|session| session.team.clone());
        snapshot
    }

    /// The member of the team plan whose progress the graph shows, if any.
    pub fn lens_member(&self) -> Option<usize> {
        self.team.as_ref().and_then(TeamSession::lens_member)
    }

    /// Whether anything is still to be written to disk.
    pub fn has_unwritten_changes(&self) -> bool {
        self.autosave.unsaved_since.is_some()
    }
}

/// A load error as shown to the person, logged once.
pub(crate) fn report(title: &str, error: &LoadError) -> ErrorReport {
    log::warn!("{title}: {error}");
    ErrorReport {
        title: title.to_owned(),
        details: error.to_string(),
    }
}

pub(crate) fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}
