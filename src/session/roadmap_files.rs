//! Opening and saving: roadmaps (a new id when saved to a new file), progress files, what
//! a dropped file is, and the view remembered for each roadmap.

use std::path::Path;

use super::{Action, Document, Effect, ErrorReport, Session, TeamAction, report};
use crate::files;
use crate::files::storage::RoadmapSource;
use crate::model::{Roadmap, Timestamp};

impl Session {
    pub(super) fn save_roadmap_to(&mut self, path: &Path) {
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

    /// A roadmap saved to a new file becomes a fork of the one it was: a new id made from
    /// the file name, a record of what it was made from, and the same progress.
    pub(super) fn give_new_roadmap_id(&mut self, path: &Path) {
        let stem = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut new_id = Roadmap::new_empty("", "").unique_skill_id(&stem);
        if new_id == self.document.roadmap.id {
            new_id = format!("{new_id}-{}", Timestamp::now().unix_secs);
        }
        self.save_now();
        // The copy is a fork: it records what it was made from so that it can take that
        // roadmap's next versions, and shares its progress, which stays where it is.
        self.document.make_fork(&new_id);
    }

    /// Puts another document in place of the open one: undo steps, editors and the view
    /// belong to the document they were made in.
    pub(super) fn replace_document(&mut self, document: Document) {
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
    pub(super) fn restore_view(&mut self) {
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

    pub(super) fn open_roadmap(&mut self, source: RoadmapSource) {
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
    pub(super) fn note_carried_over(&mut self) {
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

    pub(super) fn write_progress_export(&mut self, path: &Path, progress: &crate::model::Progress) {
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
    pub(super) fn open_file(&mut self, path: &Path) {
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

    pub(super) fn open_progress(&mut self, path: &Path) {
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

    pub(super) fn save_progress_as(&mut self, path: &Path) {
        match files::save_progress(path, &self.document.progress) {
            Ok(()) => {
                self.document.progress_written_to(path);
                self.state
                    .progress_files
                    .insert(self.document.roadmap.id.clone(), path.to_owned());
                self.autosave.progress_changed = false;
                self.show_notice(format!(
                    "Saved your progress to {}; it autosaves there from now on",
                    path.display()
                ));
                self.save_state();
                // Saved elsewhere while quitting was waiting on it: quit now, if nothing
                // else is left unwritten.
                if self.unwritten_on_quit.take().is_some() {
                    self.apply_action(Action::Quit);
                }
            }
            Err(error) => self.errors.push(ErrorReport {
                title: "Progress could not be saved there".to_owned(),
                details: error.to_string(),
            }),
        }
    }
}

/// Of the files the app starts with, the one to open first (the first roadmap, else the
/// first team plan) and the rest, to open after it in order.
pub fn startup_files(
    files: Vec<std::path::PathBuf>,
) -> (Option<std::path::PathBuf>, Vec<std::path::PathBuf>) {
    // Each file read once, here, for what it holds.
    let kinds: Vec<Option<files::FileKind>> = (files.iter())
        .map(|path| {
            files::read_text(path)
                .ok()
                .and_then(|text| files::detect_kind(&text))
        })
        .collect();
    let first_of = |wanted: Option<files::FileKind>| kinds.iter().position(|k| *k == wanted);
    let first = first_of(Some(files::FileKind::Roadmap))
        .or_else(|| first_of(Some(files::FileKind::Team)))
        // A file that is no Waymark file (or cannot be read) is reported as the roadmap
        // that could not be opened.
        .or_else(|| first_of(None));
    let mut rest = files;
    let first = first.map(|at| rest.remove(at));
    (first, rest)
}
