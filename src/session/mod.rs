//! The open session, without egui: the document and what is derived from it, undo, the
//! selection, the team plan, and the policy that keeps people's work (autosave, drafts of
//! unsaved edits, the restore offer, files changed on disk).
//!
//! [`Session::apply`] is the one place where this state changes. It takes an [`Action`]
//! and the time now, and returns [`Effect`]s for the app to carry out: ask for a path,
//! move the view, close the window. [`Session::tick`] runs the timers (autosave, notices).

mod action;
mod document;
mod effect;
mod history;
pub mod layout;
pub mod navigation;
mod persistence;
pub mod scene_index;
mod selection;
mod team;
mod team_files;

use std::path::{Path, PathBuf};

pub use action::{Action, DraftChoice, ErrorReport, UnsavedChoice};
pub use document::{BrokenProgress, Document};
pub use effect::{Effect, ExportFormat, ExportJob, PathRequest, ViewRequest};
pub use history::{History, Snapshot};
pub use selection::Selection;
pub use team::{
    CanvasLens, GraphLens, MatrixLine, TeamAction, TeamSession, TeamTab,
    file_stem as team_file_stem,
};

use crate::files::storage::{AppState, DataDir, Draft, RoadmapSource, TargetSettings};
use crate::files::{self, LoadError};
use crate::model::{EditError, Roadmap, RoadmapEdit, Skill, Status, Timestamp};

/// How long after the last change progress and view are written to disk, in seconds.
pub const AUTOSAVE_DELAY_SECS: f64 = 1.0;

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
    pub show_roadmap_details: bool,
    /// The part of the scene in view, as last reported by the canvas.
    pub view_rect: Option<[f32; 4]>,
    /// Set when the person chose to quit despite unsaved roadmap edits.
    pub quit_confirmed: bool,
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
            show_roadmap_details: false,
            view_rect: None,
            quit_confirmed: false,
            autosave: persistence::Autosave::default(),
            now: 0.0,
            effects: Vec::new(),
        };
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

    fn apply_action(&mut self, action: Action) {
        match action {
            Action::OpenRoadmap(_)
            | Action::OpenBundledRoadmap
            | Action::NewRoadmap
            | Action::Quit => self.after_unsaved_roadmap(action),
            other => self.apply_now(other),
        }
    }

    fn apply_now(&mut self, action: Action) {
        match action {
            Action::Select(skill_id) => {
                let skill_id = skill_id.filter(|id| self.document.skill(id).is_some());
                self.selection.select(skill_id);
                self.mark_unsaved(false);
            }
            Action::ToggleSelected(skill_id) => self.selection.toggle(skill_id),
            Action::SelectMany(skill_ids) => self.selection.select_many(skill_ids),
            Action::SetStatus { skill_id, status } => match self.lens_member() {
                // The graph shows a team member: the status is theirs.
                Some(member) => self.change_team(
                    crate::model::TeamEdit::SetStatus {
                        member,
                        skill_id,
                        status,
                    },
                    None,
                ),
                None => {
                    let title = self.document.skill_title(&skill_id);
                    let label = format!("mark “{title}” {}", status.label().to_lowercase());
                    self.change(label, None, |document| {
                        Ok(document.set_status(&skill_id, status))
                    });
                }
            },
            Action::ToggleLearned(skill_id) => {
                let member_status = self.team.as_ref().and_then(|session| {
                    let member = session.team.members.get(session.lens_member()?)?;
                    member.status(&skill_id)
                });
                let current =
                    member_status.unwrap_or_else(|| self.document.progress.status(&skill_id));
                let status = match current {
                    Status::Learned => Status::NotStarted,
                    _ => Status::Learned,
                };
                self.apply_action(Action::SetStatus { skill_id, status });
            }
            Action::SetNotes { skill_id, notes } => {
                let title = self.document.skill_title(&skill_id);
                let gesture = Some(format!("notes:{skill_id}"));
                self.change(
                    format!("edit the notes on “{title}”"),
                    gesture,
                    |document| Ok(document.set_notes(&skill_id, &notes)),
                );
            }
            Action::Focus(skill_id) => {
                if self.document.skill(&skill_id).is_some() {
                    self.selection.primary = Some(skill_id.clone());
                    self.effects
                        .push(Effect::View(ViewRequest::Focus(skill_id)));
                    self.mark_unsaved(false);
                }
            }
            Action::FitView => self.effects.push(Effect::View(ViewRequest::Fit)),
            Action::Export { format, path } => self
                .effects
                .push(Effect::Export(ExportJob::Roadmap { format, path })),
            Action::OpenRoadmap(path) => self.open_roadmap(RoadmapSource::File(absolute(&path))),
            Action::OpenFile(path) => self.open_file(&absolute(&path)),
            Action::OpenBundledRoadmap => self.open_roadmap(RoadmapSource::default()),
            Action::OpenProgress(path) => self.open_progress(&absolute(&path)),
            Action::SaveProgressAs(path) => self.save_progress_as(&absolute(&path)),
            Action::SetBrokenProgressAside => match self.document.set_broken_progress_aside() {
                Ok(aside) => {
                    log::info!("set the broken progress file aside as {}", aside.display())
                }
                Err(error) => self.errors.push(ErrorReport {
                    title: "The broken progress file could not be set aside".to_owned(),
                    details: error.to_string(),
                }),
            },
            Action::SetDarkMode(dark_mode) => {
                self.state.dark_mode = Some(dark_mode);
                self.mark_unsaved(false);
            }
            Action::FollowSystemTheme => {
                self.state.dark_mode = None;
                self.mark_unsaved(false);
            }
            Action::SetUiScale(scale) => {
                self.state.ui_scale = Some(scale);
                self.save_state();
            }
            Action::ShowShortcuts(show) => self.show_shortcuts = show,
            Action::DismissError => {
                if !self.errors.is_empty() {
                    self.errors.remove(0);
                }
            }
            Action::Quit => {
                self.save_now();
                self.quit_confirmed = true;
                self.effects.push(Effect::Close);
            }
            Action::CloseRequested => {
                if self.document.is_roadmap_modified() && !self.quit_confirmed {
                    self.effects.push(Effect::CancelClose);
                    self.pending_after_unsaved = Some(Box::new(Action::Quit));
                } else {
                    self.save_now();
                }
            }
            Action::Edit { edit, gesture } => {
                let label = edit.label(&self.document.roadmap);
                self.change(label, gesture, |document| {
                    document.edit(&edit).map(|()| true)
                });
                self.selection.retain_existing(&self.document);
            }
            Action::EndGesture => self.history.end_gesture(),
            Action::Undo | Action::Redo => {
                let now = self.snapshot();
                let restored = if action == Action::Undo {
                    self.history.undo(now)
                } else {
                    self.history.redo(now)
                };
                if let Some(mut snapshot) = restored {
                    if let (Some(session), Some(team)) = (&mut self.team, snapshot.team.take()) {
                        session.restore(team);
                    }
                    self.document.restore(snapshot);
                    self.effects.push(Effect::ResetEditors);
                    self.selection.retain_existing(&self.document);
                    self.mark_unsaved(true);
                }
            }
            Action::AddSkillAt { x, y } => self.add_skill_at(x, y),
            Action::DeleteSelected => {
                let skill_ids = self.selection.all();
                if skill_ids.is_empty() {
                    return;
                }
                let has_progress = skill_ids
                    .iter()
                    .any(|id| self.document.progress.skills.contains_key(id));
                if has_progress {
                    self.confirm_delete = Some(skill_ids);
                } else {
                    self.apply_now(Action::ConfirmDelete(skill_ids));
                }
            }
            Action::ConfirmDelete(skill_ids) => {
                self.confirm_delete = None;
                self.apply_now(Action::Edit {
                    edit: RoadmapEdit::RemoveSkills { skill_ids },
                    gesture: None,
                });
            }
            Action::CancelDelete => self.confirm_delete = None,
            Action::SaveRoadmap => match self.document.source.file_path().map(Path::to_path_buf) {
                Some(path) => self.save_roadmap_to(&path),
                // A bundled roadmap is never changed in place: ask where the copy goes.
                None => self
                    .effects
                    .push(Effect::AskPath(PathRequest::SaveRoadmapAs)),
            },
            Action::SaveRoadmapAs(path) => {
                let path = absolute(&path);
                let is_new_file = self.document.source.file_path() != Some(path.as_path());
                if is_new_file {
                    self.give_new_roadmap_id(&path);
                }
                self.save_roadmap_to(&path);
            }
            Action::NewRoadmap => {
                self.save_now();
                let roadmap = Roadmap::new_empty(
                    &format!("roadmap-{}", Timestamp::now().unix_secs),
                    "Untitled roadmap",
                );
                self.replace_document(Document::open(
                    roadmap,
                    RoadmapSource::New,
                    self.data_dir.as_ref(),
                    &self.state,
                ));
            }
            Action::ShowRoadmapDetails(show) => self.show_roadmap_details = show,
            Action::Team(action) => self.apply_team(action),
            Action::SetNotesPrivate { skill_id, private } => {
                let label = if private {
                    "make the notes private"
                } else {
                    "make the notes shareable"
                };
                self.change(label.to_owned(), None, |document| {
                    Ok(document.set_notes_private(&skill_id, private))
                });
            }
            Action::ReattachProgress { from, to } => {
                let title = self.document.skill_title(&to);
                self.change(
                    format!("re-attach the progress on “{from}” to “{title}”"),
                    None,
                    |document| Ok(document.reattach(&from, &to)),
                );
            }
            Action::ExportKeptProgress(path) => {
                let mut kept = self.document.progress.clone();
                let orphaned: foldhash::HashSet<&String> =
                    self.document.orphaned_progress().iter().collect();
                kept.skills.retain(|id, _| orphaned.contains(id));
                self.write_progress_export(&path, &kept.for_sharing(true));
            }
            Action::ExportProgress {
                path,
                include_notes,
            } => {
                let shared = self.document.progress.for_sharing(include_notes);
                self.write_progress_export(&path, &shared);
            }
            Action::ViewMoved(rect) => {
                if self.view_rect != Some(rect) {
                    self.view_rect = Some(rect);
                    self.mark_unsaved(false);
                }
            }
            Action::SetTargetSettings(settings) => {
                if settings != self.target_settings {
                    self.target_settings = settings;
                    self.save_state();
                }
            }
            Action::Unsaved(choice) => self.answer_unsaved(choice),
            Action::Draft(choice) => self.answer_draft(choice),
            Action::WindowFocused => self.check_files_on_disk(),
            Action::ReloadFromDisk => {
                let source = self.document.source.clone();
                // The edits are replaced only if the file opens; their draft goes with the
                // next save after that.
                self.open_roadmap(source);
            }
            Action::KeepMine => self.disk_change = None,
            Action::ShowNotice(text) => self.show_notice(text),
            Action::ReportError(error) => self.errors.push(error),
            Action::DismissRoadmapChanges => self.roadmap_changes = None,
        }
    }

    /// Runs `action` now, or first asks to save unsaved roadmap edits.
    fn after_unsaved_roadmap(&mut self, action: Action) {
        if self.document.is_roadmap_modified() {
            self.pending_after_unsaved = Some(Box::new(action));
        } else {
            self.apply_now(action);
        }
    }

    fn answer_unsaved(&mut self, choice: UnsavedChoice) {
        if self.pending_after_unsaved.is_none() {
            return;
        }
        match choice {
            UnsavedChoice::Save => {
                self.autosave.continue_after_save = true;
                self.apply_now(Action::SaveRoadmap);
                self.continue_after_save();
            }
            UnsavedChoice::Discard => {
                if let Some(action) = self.pending_after_unsaved.take() {
                    // The edits go, and with them their draft at the next save.
                    self.document.discard_roadmap_edits();
                    self.apply_after_unsaved(*action);
                }
            }
            UnsavedChoice::Cancel => {
                self.pending_after_unsaved = None;
                self.autosave.continue_after_save = false;
            }
        }
    }

    /// After "Save" in the unsaved-edits question: once the roadmap is saved (perhaps after
    /// asking where), the action that asked goes on.
    fn continue_after_save(&mut self) {
        if self.autosave.continue_after_save && !self.document.is_roadmap_modified() {
            self.autosave.continue_after_save = false;
            if let Some(action) = self.pending_after_unsaved.take() {
                self.apply_after_unsaved(*action);
            }
        }
    }

    fn apply_after_unsaved(&mut self, action: Action) {
        if action == Action::Quit {
            self.quit_confirmed = true;
        }
        self.apply_now(action);
    }

    /// Runs a change to the document as one undo step (or part of the gesture's step).
    fn change(
        &mut self,
        label: String,
        gesture: Option<String>,
        change: impl FnOnce(&mut Document) -> Result<bool, EditError>,
    ) {
        let before = self.snapshot();
        match change(&mut self.document) {
            // An edit that changes nothing (a stage moved to where it is) is no undo step.
            Ok(true) if self.snapshot() != before => {
                self.history.record(label, before, gesture);
                self.mark_unsaved(true);
            }
            Ok(_) => {}
            Err(error) => self.show_notice(format!("Can’t {label}: {error}")),
        }
    }

    fn show_notice(&mut self, text: String) {
        log::info!("{text}");
        self.notice = Some(Notice {
            text,
            since: self.now,
        });
    }

    fn add_skill_at(&mut self, x: f32, y: f32) {
        let roadmap = &self.document.roadmap;
        // The stage whose column is under the point, else the nearest one.
        let stage_id = self
            .document
            .layout
            .stage_bands
            .iter()
            .min_by(|a, b| {
                let distance = |band: &&layout::StageBand| {
                    if (band.x_min..=band.x_max).contains(&x) {
                        0.0
                    } else {
                        (band.x_min - x).abs().min((band.x_max - x).abs())
                    }
                };
                distance(a).total_cmp(&distance(b))
            })
            .map(|band| band.stage_id.clone())
            .or_else(|| roadmap.stages.first().map(|stage| stage.id.clone()));
        let Some(stage_id) = stage_id else {
            self.show_notice("Add a stage first: Edit > Roadmap details and stages…".to_owned());
            return;
        };
        let title = "New skill";
        let position =
            self.free_position_near(x - layout::NODE_WIDTH / 2.0, y - layout::NODE_HEIGHT / 2.0);
        let skill = Skill {
            position: Some(position),
            ..Skill::new(
                self.document.roadmap.unique_skill_id(title),
                title,
                stage_id,
            )
        };
        let skill_id = skill.id.clone();
        self.apply_now(Action::Edit {
            edit: RoadmapEdit::AddSkill { skill },
            gesture: None,
        });
        if self.document.skill(&skill_id).is_some() {
            self.selection.select(Some(skill_id));
            self.effects.push(Effect::EditTitle);
        }
    }

    /// The first place at or below (x, y) where a new node overlaps none, so an added skill
    /// never hides another.
    fn free_position_near(&self, x: f32, y: f32) -> (f32, f32) {
        use layout::{NODE_HEIGHT, NODE_WIDTH};
        let step = NODE_HEIGHT + 12.0;
        let overlaps = |top: f32| {
            self.document
                .layout
                .node_positions
                .iter()
                .any(|[other_x, other_y]| {
                    (other_x - x).abs() < NODE_WIDTH + 8.0
                        && (other_y - top).abs() < NODE_HEIGHT + 8.0
                })
        };
        let free_top = (0..500)
            .map(|row| y + row as f32 * step)
            .find(|top| !overlaps(*top));
        (x, free_top.unwrap_or(y))
    }

    fn save_roadmap_to(&mut self, path: &Path) {
        match self.document.save_roadmap_as(path) {
            Ok(()) => {
                self.autosave.roadmap_file_stamp = self.current_file_stamp();
                self.disk_change = None;
                self.show_notice(format!("Saved {}", path.display()));
                self.save_state();
                self.continue_after_save();
            }
            Err(error) => self.errors.push(ErrorReport {
                title: "The roadmap could not be saved".to_owned(),
                details: error.to_string(),
            }),
        }
    }

    /// A roadmap saved to a new file becomes a roadmap of its own: a new id made from the
    /// file name. Skill ids stay, so progress carries over to the new id.
    fn give_new_roadmap_id(&mut self, path: &Path) {
        let stem = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut new_id = Roadmap::new_empty("", "").unique_skill_id(&stem);
        if new_id == self.document.roadmap.id {
            new_id = format!("{new_id}-{}", Timestamp::now().unix_secs);
        }
        self.save_now();
        self.document.set_roadmap_id(&new_id);
        self.document.progress_path = self
            .state
            .progress_files
            .get(&new_id)
            .cloned()
            .or_else(|| self.data_dir.as_ref().map(|dir| dir.progress_path(&new_id)));
        self.autosave.progress_changed = true;
    }

    /// Puts another document in place of the open one: undo steps, editors and the view
    /// belong to the document they were made in.
    fn replace_document(&mut self, document: Document) {
        self.document = document;
        self.history.clear();
        self.effects.push(Effect::ResetEditors);
        self.restore_view();
        // A team plan belongs to one roadmap: opening another one closes it.
        if self
            .team
            .as_ref()
            .is_some_and(|session| session.team.roadmap.id != self.document.roadmap.id)
        {
            self.save_team();
            if let Some(session) = self.team.take() {
                self.show_notice(format!(
                    "Closed the team plan “{}”: it is for another roadmap",
                    session.team.name
                ));
            }
        }
    }

    /// The selection, target and view remembered for the open roadmap.
    fn restore_view(&mut self) {
        let view = self
            .state
            .views
            .get(&self.document.roadmap.id)
            .cloned()
            .unwrap_or_default();
        let selected = view
            .selected_skill
            .filter(|id| self.document.skill(id).is_some());
        self.selection.select(selected);
        self.target_settings = view.target;
        self.view_rect = view.scene_rect.filter(|[x_min, y_min, x_max, y_max]| {
            [x_min, y_min, x_max, y_max].iter().all(|v| v.is_finite())
                && x_max > x_min
                && y_max > y_min
        });
        self.effects.push(Effect::ResetView(self.view_rect));
    }

    fn open_roadmap(&mut self, source: RoadmapSource) {
        match Document::load_roadmap(&source) {
            Ok(roadmap) => {
                // Another version of the same roadmap: say what changed.
                self.roadmap_changes = (roadmap.id == self.document.roadmap.id
                    && roadmap != self.document.roadmap)
                    .then(|| crate::model::RoadmapDiff::compute(&self.document.roadmap, &roadmap))
                    .filter(|diff| !diff.is_empty())
                    .map(|diff| diff.to_text());
                self.save_now();
                let document =
                    Document::open(roadmap, source.clone(), self.data_dir.as_ref(), &self.state);
                if let RoadmapSource::File(path) = &source {
                    self.state.remember_recent(path);
                }
                self.disk_change = None;
                self.state.roadmap = source;
                self.replace_document(document);
                self.autosave.roadmap_file_stamp = self.current_file_stamp();
                self.note_carried_over();
                self.save_state();
            }
            Err(error) => self.errors.push(report(
                "The roadmap could not be opened; nothing was changed",
                &error,
            )),
        }
    }

    /// After opening a roadmap or progress: progress moved to renamed skills is saved
    /// and the person told what moved.
    fn note_carried_over(&mut self) {
        let moved = std::mem::take(&mut self.document.carried_over);
        if moved.is_empty() {
            return;
        }
        let list: Vec<String> = moved
            .iter()
            .take(5)
            .map(|renamed| format!("{} -> {}", renamed.from, renamed.to))
            .collect();
        let more = if moved.len() > 5 {
            format!(" and {} more", moved.len() - 5)
        } else {
            String::new()
        };
        self.show_notice(format!(
            "This version of the roadmap renamed {} skills; your progress moved with them: {}{more}",
            moved.len(),
            list.join(", ")
        ));
        self.mark_unsaved(true);
    }

    fn write_progress_export(&mut self, path: &Path, progress: &crate::model::Progress) {
        match files::save_progress(path, progress) {
            Ok(()) => self.show_notice(format!(
                "Exported progress on {} skills to {}",
                progress.skills.len(),
                path.display()
            )),
            Err(error) => self.errors.push(ErrorReport {
                title: "The progress could not be exported".to_owned(),
                details: error.to_string(),
            }),
        }
    }

    /// Opens a file as what its content says it is.
    fn open_file(&mut self, path: &Path) {
        let kind = files::read_text(path).map(|text| files::detect_kind(&text));
        match kind {
            Ok(Some(files::FileKind::Roadmap)) => {
                self.apply_action(Action::OpenRoadmap(path.to_owned()));
            }
            Ok(Some(files::FileKind::Progress)) => self.open_progress(path),
            Ok(Some(files::FileKind::Team)) => {
                self.apply_action(Action::Team(TeamAction::Open(path.to_owned())));
            }
            Ok(None) => self.errors.push(ErrorReport {
                title: "That is not a Waymark file; nothing was changed".to_owned(),
                details: format!(
                    "{}:1:1: expected a roadmap (`Roadmap(`), progress (`Progress(`) or team plan (`TeamPlan(`)",
                    path.display()
                ),
            }),
            Err(error) => {
                self.state.recent_files.retain(|recent| recent != path);
                self.errors.push(report(
                    "The file could not be opened; nothing was changed",
                    &error,
                ));
            }
        }
    }

    fn open_progress(&mut self, path: &Path) {
        match files::load_progress(path, Some(&self.document.roadmap)) {
            Ok((progress, _unknown_skills)) => {
                self.save_now();
                self.document.adopt_progress(path, progress);
                self.state.remember_recent(path);
                self.note_carried_over();
                self.history.clear();
                self.effects.push(Effect::ResetEditors);
                self.state
                    .progress_files
                    .insert(self.document.roadmap.id.clone(), path.to_owned());
                self.save_state();
            }
            Err(error) => self.errors.push(report(
                "The progress file could not be opened; nothing was changed",
                &error,
            )),
        }
    }

    fn save_progress_as(&mut self, path: &Path) {
        match files::save_progress(path, &self.document.progress) {
            Ok(()) => {
                self.document.progress_path = Some(path.to_owned());
                self.document.broken_progress = None;
                self.state
                    .progress_files
                    .insert(self.document.roadmap.id.clone(), path.to_owned());
                self.save_state();
            }
            Err(error) => self.errors.push(ErrorReport {
                title: "Progress could not be saved there".to_owned(),
                details: error.to_string(),
            }),
        }
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
