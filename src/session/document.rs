//! The open roadmap with the person's progress on it, and what is derived from both.
//! No egui here: the app's UI reads a `Document` and changes it only through actions.

mod batch;
mod conflicts;
mod levels;

use foldhash::HashMap;
use std::path::{Path, PathBuf};

use super::history::Snapshot;
use crate::files::storage::{AppState, DataDir, RoadmapSource};
use crate::files::{self, LoadError, SaveError};
use crate::model::{
    EditError, Progress, ProgressSummary, Roadmap, RoadmapEdit, SearchFilter, SearchHit,
    SearchIndex, Status, Timestamp,
};
use crate::session::layout::Layout;
use crate::session::scene_index::SceneIndex;

/// Why progress cannot be saved right now. While set, statuses and notes are read-only,
/// so nothing typed can be lost, and the file on disk is left exactly as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenProgress {
    pub path: PathBuf,
    pub message: String,
}

pub struct Document {
    pub roadmap: Roadmap,
    pub source: RoadmapSource,
    pub progress: Progress,
    /// Where progress autosaves: the data folder's file for this roadmap, or a file the
    /// person chose with "Open progress…" or "Save progress as…".
    pub progress_path: Option<PathBuf>,
    pub broken_progress: Option<BrokenProgress>,
    pub layout: Layout,
    pub summary: ProgressSummary,
    /// Where skills and arrows are on the canvas, for drawing only what is in view.
    pub scene: SceneIndex,
    /// The roadmap as last loaded or saved, to tell whether it has unsaved edits.
    saved_roadmap: Roadmap,
    /// Whether `roadmap` differs from `saved_roadmap`, updated when either changes.
    roadmap_modified: bool,
    /// The search index, rebuilt on the first search after the text it holds changed.
    search_index: SearchIndex,
    search_stale: bool,
    /// Counts changes to the roadmap or progress, so views can tell when to recompute.
    revision: u64,
    /// Each skill's status, indexed like `roadmap.skills`, updated with the summary.
    statuses: Vec<Status>,
    /// Skill ids with progress that the roadmap does not have, updated with the summary.
    orphaned: Vec<String>,
    /// Where each skill id is in `roadmap.skills` (and so in the layout).
    skill_indices: HashMap<String, usize>,
    /// Progress this roadmap's rename records moved to new ids when it was opened; the
    /// app tells the person and saves the moved progress.
    pub carried_over: Vec<crate::model::Renamed>,
    /// The progress file as this window last read or wrote it: the base for merging what
    /// another window wrote to it since.
    progress_on_disk: Progress,
    /// The progress file's modification time and size after this window last read or
    /// wrote it: while they are the same, nobody else wrote it and it is not read again.
    progress_file_stamp: Option<(std::time::SystemTime, u64)>,
}

/// A file's modification time and size, to notice another writer cheaply.
fn file_stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

impl Document {
    /// Opens a roadmap with the progress stored for it.
    pub fn open(
        roadmap: Roadmap,
        source: RoadmapSource,
        data_dir: Option<&DataDir>,
        state: &AppState,
    ) -> Self {
        let progress_id = roadmap.progress_id().to_owned();
        let progress_path = state
            .progress_files
            .get(&progress_id)
            .cloned()
            .or_else(|| data_dir.map(|dir| dir.progress_path(&progress_id)));
        // What is drawn is worked out on one core while the progress file is read on the
        // other: a big roadmap opens in about half the time.
        let (drawn, loaded) = std::thread::scope(|scope| {
            let drawing = scope.spawn(|| {
                let layout = Layout::compute(&roadmap);
                let scene = SceneIndex::build(&roadmap, &layout);
                (layout, scene, roadmap.clone(), skill_indices(&roadmap))
            });
            let loaded = progress_path
                .as_ref()
                .filter(|path| path.exists())
                .map(|path| (path.clone(), files::load_progress(path, Some(&roadmap))));
            let drawn = drawing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (drawn, loaded)
        });
        let (layout, scene, saved_roadmap, skill_indices) = drawn;
        let mut document = Self {
            scene,
            layout,
            summary: ProgressSummary::default(),
            progress: Progress::new(&progress_id),
            progress_path: progress_path.clone(),
            broken_progress: None,
            saved_roadmap,
            roadmap_modified: false,
            orphaned: Vec::new(),
            statuses: Vec::new(),
            search_index: SearchIndex::default(),
            search_stale: true,
            revision: 0,
            skill_indices,
            carried_over: Vec::new(),
            progress_on_disk: Progress::new(&progress_id),
            progress_file_stamp: None,
            roadmap,
            source,
        };
        if let Some((path, result)) = loaded {
            match result {
                // Progress for unknown skills is kept; `orphaned_progress` lists it.
                Ok((mut progress, _unknown_skills)) => {
                    document.progress_on_disk = progress.clone();
                    document.progress_file_stamp = file_stamp(&path);
                    document.carried_over =
                        crate::model::carry_over_renames(&document.roadmap, &mut progress);
                    document.progress = progress;
                }
                Err(error) => {
                    document.broken_progress = Some(BrokenProgress {
                        path,
                        message: error.to_string(),
                    });
                }
            }
        }
        document.refresh_summary();
        document
    }

    /// A roadmap with given progress, not tied to any file (for exports).
    pub fn from_parts(roadmap: Roadmap, progress: Progress) -> Self {
        let mut document = Self::open(roadmap, RoadmapSource::New, None, &AppState::default());
        document.progress = progress;
        document.search_stale = true;
        document.refresh_summary();
        document
    }

    /// Loads a roadmap from where it came from.
    pub fn load_roadmap(source: &RoadmapSource) -> Result<Roadmap, LoadError> {
        source.load()
    }

    pub fn is_progress_editable(&self) -> bool {
        self.broken_progress.is_none()
    }

    /// Changes a status; returns whether anything changed.
    pub fn set_status(&mut self, skill_id: &str, status: Status) -> bool {
        if !self.is_progress_editable() || self.skill(skill_id).is_none() {
            return false;
        }
        let changed = self.progress.set_status(skill_id, status, Timestamp::now());
        self.revision += 1;
        if changed {
            self.refresh_summary();
        }
        changed
    }

    pub fn set_notes(&mut self, skill_id: &str, notes: &str) -> bool {
        if !self.is_progress_editable() {
            return false;
        }
        let changed = self.progress.set_notes(skill_id, notes, Timestamp::now());
        if changed {
            self.revision += 1;
            self.search_stale = true;
        }
        changed
    }

    /// Picks `skill_id` as the member of `group_id` the person means to learn (the others
    /// lose their pick), or with `None` leaves the choice to Waymark again.
    pub fn pick_alternative(&mut self, group_id: &str, skill_id: Option<&str>) -> bool {
        if !self.is_progress_editable() {
            return false;
        }
        let Some(group) = self.roadmap.group(group_id) else {
            return false;
        };
        if skill_id.is_some_and(|id| !group.skills.iter().any(|member| member == id)) {
            return false;
        }
        let mut changed = false;
        for member in &group.skills {
            changed |= self
                .progress
                .set_picked(member, Some(member.as_str()) == skill_id);
        }
        if changed {
            self.revision += 1;
            self.refresh_summary();
        }
        changed
    }

    pub fn set_notes_private(&mut self, skill_id: &str, private: bool) -> bool {
        if !self.is_progress_editable() {
            return false;
        }
        let changed = self.progress.set_notes_private(skill_id, private);
        if changed {
            self.revision += 1;
        }
        changed
    }

    /// Writes progress to its file. Does nothing (successfully) while progress is broken:
    /// the broken file must not be overwritten. When another window (or Waymark on another
    /// machine, through a shared folder) wrote the file since this one last read or wrote
    /// it, both are merged first (see [`crate::model::merge_progress`]), so neither loses a
    /// mark; returns what came from the other side.
    pub fn save_progress(&mut self) -> Result<Vec<crate::model::Incoming>, SaveError> {
        let (Some(path), None) = (self.progress_path.clone(), &self.broken_progress) else {
            return Ok(Vec::new());
        };
        let stamp = file_stamp(&path);
        let written_elsewhere = stamp.is_some() && stamp != self.progress_file_stamp;
        let on_disk = written_elsewhere
            .then(|| files::load_progress(&path, Some(&self.roadmap)).ok())
            .flatten()
            .map(|(progress, _warnings)| progress);
        let mut incoming = Vec::new();
        if let Some(theirs) = on_disk.filter(|theirs| *theirs != self.progress_on_disk) {
            let (merged, taken) =
                crate::model::merge_progress(&self.progress_on_disk, &self.progress, &theirs);
            if merged != self.progress {
                self.progress = merged;
                self.search_stale = true;
                self.refresh_summary();
            }
            incoming = taken;
        }
        files::save_progress(&path, &self.progress)?;
        self.progress_on_disk = self.progress.clone();
        self.progress_file_stamp = file_stamp(&path);
        Ok(incoming)
    }

    /// Progress was just written to `path` ("Save progress as…"); it autosaves there now.
    pub fn progress_written_to(&mut self, path: &Path) {
        self.progress_path = Some(path.to_owned());
        self.broken_progress = None;
        self.progress_on_disk = self.progress.clone();
        self.progress_file_stamp = file_stamp(path);
    }

    /// Uses a progress file from now on (after "Open progress…").
    pub fn adopt_progress(&mut self, path: &Path, mut progress: Progress) {
        self.search_stale = true;
        self.progress_on_disk = progress.clone();
        self.progress_file_stamp = file_stamp(path);
        self.carried_over = crate::model::carry_over_renames(&self.roadmap, &mut progress);
        self.progress = progress;
        self.progress_path = Some(path.to_owned());
        self.broken_progress = None;
        self.refresh_summary();
    }

    /// Moves kept progress from a skill id the roadmap no longer has onto one of its
    /// skills without progress. Returns whether it moved.
    pub fn reattach(&mut self, from: &str, to: &str) -> bool {
        if !self.is_progress_editable() || self.skill(to).is_none() || self.skill(from).is_some() {
            return false;
        }
        let moved = crate::model::reattach(&mut self.progress, from, to);
        if moved {
            self.revision += 1;
            self.search_stale = true;
            self.refresh_summary();
        }
        moved
    }

    /// Renames the broken progress file aside (keeping every byte) and starts fresh.
    /// Returns where the broken file now is.
    pub fn set_broken_progress_aside(&mut self) -> std::io::Result<PathBuf> {
        let Some(broken) = self.broken_progress.take() else {
            return Err(std::io::Error::other("the progress file is not broken"));
        };
        let mut aside_name = broken.path.file_stem().unwrap_or_default().to_os_string();
        aside_name.push(format!(".broken-{}.ron", Timestamp::now().unix_secs));
        let aside = broken.path.with_file_name(aside_name);
        if let Err(error) = std::fs::rename(&broken.path, &aside) {
            self.broken_progress = Some(broken);
            return Err(error);
        }
        self.progress = Progress::new(&self.roadmap.id);
        self.search_stale = true;
        self.refresh_summary();
        Ok(aside)
    }

    /// Applies a roadmap edit; on success layout and progress follow.
    pub fn edit(&mut self, edit: &RoadmapEdit) -> Result<(), EditError> {
        edit.apply(&mut self.roadmap)?;
        self.roadmap_changed();
        Ok(())
    }

    /// Applies an edit that changes the links (connecting two skills), keeping every skill
    /// where it is on the canvas: the ones the automatic layout would move are placed by
    /// hand where they were, so nothing moves under the pointer. "Tidy layout" lays them
    /// out again.
    pub fn edit_keeping_places(&mut self, edit: &RoadmapEdit) -> Result<(), EditError> {
        let places: Vec<(String, (f32, f32))> = self
            .roadmap
            .skills
            .iter()
            .enumerate()
            .filter(|(_, skill)| skill.position.is_none())
            .filter_map(|(index, skill)| {
                self.scene
                    .node_rect(index)
                    .map(|rect| (skill.id.clone(), (rect.min.x, rect.min.y)))
            })
            .collect();
        self.edit(edit)?;
        let moved: Vec<(String, (f32, f32))> = places
            .into_iter()
            .filter(|(id, (x, y))| {
                self.skill_index(id)
                    .and_then(|index| self.scene.node_rect(index))
                    .is_some_and(|rect| {
                        (rect.min.x - x).abs() > 0.001 || (rect.min.y - y).abs() > 0.001
                    })
            })
            .collect();
        if !moved.is_empty() {
            self.edit(&RoadmapEdit::MoveSkills { moves: moved })?;
        }
        Ok(())
    }

    fn roadmap_changed(&mut self) {
        self.search_stale = true;
        self.roadmap_modified = self.roadmap != self.saved_roadmap;
        self.skill_indices = skill_indices(&self.roadmap);
        self.layout = Layout::compute(&self.roadmap);
        self.scene = SceneIndex::build(&self.roadmap, &self.layout);
        self.refresh_summary();
    }

    /// Makes the roadmap a fork of itself under a new id (before "Save as"): it records
    /// what it was made from, and keeps sharing progress with it.
    pub fn make_fork(&mut self, new_id: &str) {
        self.roadmap = crate::model::fork(&self.roadmap, new_id, &self.roadmap.title);
        self.roadmap_modified = self.roadmap != self.saved_roadmap;
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            roadmap: self.roadmap.clone(),
            progress: self.progress.clone(),
            team: None,
        }
    }

    /// Puts back a snapshot (undo, redo).
    pub fn restore(&mut self, snapshot: Snapshot) {
        self.search_stale = true;
        let roadmap_differs = snapshot.roadmap != self.roadmap;
        self.roadmap = snapshot.roadmap;
        self.progress = snapshot.progress;
        if roadmap_differs {
            self.roadmap_changed();
        } else {
            self.refresh_summary();
        }
    }

    /// Whether the roadmap has edits not saved to its file.
    pub fn is_roadmap_modified(&self) -> bool {
        self.roadmap_modified
    }

    /// Skill ids with progress that the roadmap does not have (after a skill was deleted,
    /// or the roadmap changed). Kept in the progress file, listed for the person.
    pub fn orphaned_progress(&self) -> &[String] {
        &self.orphaned
    }

    /// Saves the roadmap to a file, which becomes where it lives from now on.
    /// Drops the roadmap edits not saved: the roadmap is as last loaded or saved again.
    pub fn discard_roadmap_edits(&mut self) {
        if self.roadmap_modified {
            self.roadmap = self.saved_roadmap.clone();
            self.roadmap_changed();
        }
    }

    /// The roadmap as last loaded or saved.
    pub fn saved_roadmap(&self) -> &Roadmap {
        &self.saved_roadmap
    }

    pub fn save_roadmap_as(&mut self, path: &Path) -> Result<(), SaveError> {
        files::save_roadmap(path, &self.roadmap)?;
        self.source = RoadmapSource::File(path.to_owned());
        self.saved_roadmap = self.roadmap.clone();
        self.roadmap_modified = false;
        Ok(())
    }

    pub fn refresh_summary(&mut self) {
        self.revision += 1;
        self.summary = ProgressSummary::compute(&self.roadmap, &self.progress);
        self.statuses = self.fresh_statuses();
        self.orphaned = self
            .progress
            .skills
            .keys()
            .filter(|skill_id| !self.skill_indices.contains_key(*skill_id))
            .cloned()
            .collect();
    }

    /// Whether everything derived from the roadmap and progress (layout, canvas index,
    /// summary, id lookup) equals a fresh computation: the caches are never stale.
    pub fn derived_data_is_fresh(&self) -> bool {
        let layout = Layout::compute(&self.roadmap);
        let scene = SceneIndex::build(&self.roadmap, &layout);
        self.layout == layout
            && self.scene == scene
            && self.summary == ProgressSummary::compute(&self.roadmap, &self.progress)
            && self.statuses == self.fresh_statuses()
            && (self.search_stale
                || self.search_index == SearchIndex::build(&self.roadmap, &self.progress))
            && self.roadmap_modified == (self.roadmap != self.saved_roadmap)
            && self.orphaned
                == self
                    .progress
                    .skills
                    .keys()
                    .filter(|id| self.roadmap.skill(id).is_none())
                    .cloned()
                    .collect::<Vec<_>>()
            && self.skill_indices == skill_indices(&self.roadmap)
    }

    fn fresh_statuses(&self) -> Vec<Status> {
        self.roadmap
            .skills
            .iter()
            .map(|skill| self.progress.status(&skill.id))
            .collect()
    }

    /// The status of the skill at `index` in `roadmap.skills`.
    pub fn status_at(&self, index: usize) -> Status {
        self.statuses
            .get(index)
            .copied()
            .unwrap_or(Status::NotStarted)
    }

    /// Counts changes to the roadmap or progress.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Skills matching a query and filter, best first.
    pub fn search(&mut self, query: &str, filter: &SearchFilter) -> Vec<SearchHit> {
        if self.search_stale {
            self.search_index = SearchIndex::build(&self.roadmap, &self.progress);
            self.search_stale = false;
        }
        let statuses = &self.statuses;
        self.search_index.search(
            &self.roadmap,
            |index| statuses.get(index).copied().unwrap_or_default(),
            query,
            filter,
        )
    }

    /// The text a search hit matched, with context.
    pub fn search_snippet(&self, hit: &SearchHit) -> String {
        self.search_index.snippet(hit)
    }

    /// A skill by id, without a scan of the roadmap.
    /// A skill's title for messages and undo labels; empty for an unknown id.
    pub fn skill_title(&self, skill_id: &str) -> String {
        self.skill(skill_id)
            .map(|skill| skill.title.clone())
            .unwrap_or_default()
    }

    pub fn skill(&self, skill_id: &str) -> Option<&crate::model::Skill> {
        self.skill_index(skill_id)
            .and_then(|index| self.roadmap.skills.get(index))
    }

    /// Whether a requirement (skill, milestone or pick-one group) is met.
    pub fn is_met(&self, required_id: &str) -> bool {
        self.summary.is_met(&self.progress, required_id)
    }

    /// The index of a skill in `roadmap.skills` (and so in the layout).
    pub fn skill_index(&self, skill_id: &str) -> Option<usize> {
        self.skill_indices.get(skill_id).copied()
    }

    /// Skill `index` and where its node is on the canvas.
    pub fn skill_at_index(&self, index: usize) -> Option<(&crate::model::Skill, emath::Rect)> {
        Some((
            self.roadmap.skills.get(index)?,
            self.scene.node_rect(index)?,
        ))
    }

    /// A short name for the window title: the file name or the bundled roadmap's title.
    pub fn display_name(&self) -> String {
        match &self.source {
            RoadmapSource::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            RoadmapSource::Bundled(_) => format!("{} (bundled)", self.roadmap.title),
            RoadmapSource::New => format!("{} (not saved)", self.roadmap.title),
        }
    }
}

fn skill_indices(roadmap: &Roadmap) -> HashMap<String, usize> {
    roadmap
        .skills
        .iter()
        .enumerate()
        .map(|(index, skill)| (skill.id.clone(), index))
        .collect()
}
