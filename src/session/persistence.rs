//! What keeps people's work: progress and view written a moment after each change, a
//! draft of unsaved roadmap edits, the offer to restore one after a crash, and noticing
//! when the roadmap's or the team plan's file changed on disk.

use std::path::Path;

use super::{DraftChoice, ErrorReport, Session};
use crate::files;
use crate::files::storage::{Draft, RoadmapSource, ViewState};
use crate::model::{Roadmap, Timestamp};

/// The autosave timers and what the last writes wrote.
#[derive(Debug, Default)]
pub(super) struct Autosave {
    /// Time of the first change not yet written to disk.
    pub unsaved_since: Option<f64>,
    /// Whether progress changed since it was last written (the view always is).
    pub progress_changed: bool,
    /// The document revision last written to the draft: a save with no new edit (a view
    /// change) does not write the whole roadmap again.
    pub drafted_revision: Option<(String, u64)>,
    /// The draft offer was put off: its file stays until new edits replace it.
    pub draft_deferred: bool,
    /// When the roadmap's file was last read or written here, to notice someone else
    /// changing it (a git pull) when the window comes back to the front.
    pub roadmap_file_stamp: Option<std::time::SystemTime>,
    /// "Save" was chosen in the unsaved-edits question: once saved, the action goes on.
    pub continue_after_save: bool,
    /// Why the last write of progress or the team plan failed, until one succeeds.
    pub write_error: Option<String>,
    /// The person chose to quit although changes could not be written.
    pub quit_anyway: bool,
}

impl Session {
    /// Something changed that is to be written: within [`super::AUTOSAVE_DELAY_SECS`] of
    /// the first such change, [`Session::tick`] writes it.
    pub(super) fn mark_unsaved(&mut self, progress_changed: bool) {
        self.autosave.progress_changed |= progress_changed;
        if self.autosave.unsaved_since.is_none() {
            self.autosave.unsaved_since = Some(self.now);
        }
    }

    /// Writes progress (if changed), the team plan (if changed), the draft and the app
    /// state now. Called by autosave, before opening another file, and on exit.
    pub fn save_now(&mut self) {
        self.autosave.write_error = None;
        if self.autosave.progress_changed {
            match self.document.save_progress() {
                Ok(incoming) => {
                    self.autosave.progress_changed = false;
                    self.history.take_in_progress(&incoming);
                }
                Err(error) => {
                    log::error!("autosave failed: {error}");
                    self.autosave.write_error = Some(format!("Your progress: {error}"));
                    self.errors.push(ErrorReport {
                        title: super::PROGRESS_NOT_SAVED.to_owned(),
                        details: format!("{error}\nWaymark keeps it open and will try again after your next change."),
                    });
                }
            }
        }
        self.save_team();
        self.save_draft();
        self.save_state();
        self.autosave.unsaved_since = None;
    }

    /// Keeps unsaved roadmap edits in the data folder's draft, or removes the draft when
    /// there are none (saved, discarded, undone).
    fn save_draft(&mut self) {
        let Some(dir) = &self.data_dir else {
            return;
        };
        if self.draft_offer.is_some()
            || (self.autosave.draft_deferred && !self.document.is_roadmap_modified())
        {
            return; // the draft of the last run waits for the person's answer
        }
        if self.document.is_roadmap_modified() {
            let revision = Some((self.document.roadmap.id.clone(), self.document.revision()));
            if self.autosave.drafted_revision == revision {
                return;
            }
            self.autosave.drafted_revision = revision;
            let draft = Draft {
                source: self.document.source.clone(),
                saved_at: Timestamp::now(),
                roadmap: self.document.roadmap.clone(),
            };
            if let Err(error) = dir.save_draft(&draft) {
                log::warn!("could not write the draft: {error}");
            }
        } else {
            self.autosave.drafted_revision = None;
            dir.remove_draft();
        }
    }

    /// Writes what is remembered between runs: the view of this roadmap, which roadmap and
    /// team plan are open, the theme.
    pub(super) fn save_state(&mut self) {
        let view = ViewState {
            scene_rect: self.view_rect,
            selected_skill: self.selection.primary.clone(),
            target: self.target_settings.clone(),
        };
        self.state
            .views
            .insert(self.document.roadmap.id.clone(), view);
        self.state.roadmap = self.document.source.clone();
        self.state.team_plan = self.team.as_ref().and_then(|session| session.path.clone());
        if let Some(data_dir) = &self.data_dir
            && let Err(error) = data_dir.save_state(&self.state)
        {
            log::warn!("could not save the app state: {error}");
        }
    }

    pub(super) fn current_file_stamp(&self) -> Option<std::time::SystemTime> {
        let path = self.document.source.file_path()?;
        std::fs::metadata(path).and_then(|m| m.modified()).ok()
    }

    /// When the window comes back to the front: a team plan changed on disk is read again,
    /// and a roadmap file changed since it was read or saved here is offered for reloading.
    pub(super) fn check_files_on_disk(&mut self) {
        self.check_team_on_disk();
        let stamp = self.current_file_stamp();
        if stamp == self.autosave.roadmap_file_stamp {
            return;
        }
        self.autosave.roadmap_file_stamp = stamp;
        let Some(path) = self.document.source.file_path().map(Path::to_path_buf) else {
            return;
        };
        match files::load_roadmap(&path) {
            Ok(on_disk) if on_disk != *self.document.saved_roadmap() => {
                let changes =
                    crate::model::RoadmapDiff::compute(self.document.saved_roadmap(), &on_disk)
                        .to_text();
                self.disk_change = Some((on_disk, changes));
            }
            Ok(_) => {}
            Err(error) => self.show_notice(format!(
                "The roadmap file changed on disk and cannot be read now: {error}"
            )),
        }
    }

    pub(super) fn answer_draft(&mut self, choice: DraftChoice) {
        let Some(draft) = self.draft_offer.take() else {
            return;
        };
        match choice {
            DraftChoice::Restore => self.restore_draft(draft),
            DraftChoice::Discard => {
                if let Some(dir) = &self.data_dir {
                    dir.remove_draft();
                }
            }
            DraftChoice::Later => self.autosave.draft_deferred = true,
        }
    }

    /// Puts a draft's edits back on the roadmap they were made on (opening it first if
    /// another one is open), as unsaved edits that undo can take back.
    fn restore_draft(&mut self, draft: Draft) {
        if draft.source != self.document.source {
            match draft.source {
                RoadmapSource::New => {
                    let roadmap = Roadmap::new_empty(&draft.roadmap.id, &draft.roadmap.title);
                    let document = super::Document::open(
                        roadmap,
                        RoadmapSource::New,
                        self.data_dir.as_ref(),
                        &self.state,
                    );
                    self.replace_document(document);
                }
                ref source => self.open_roadmap(source.clone()),
            }
        }
        if self.document.source != draft.source {
            // The roadmap could not be opened, and said why; the draft stays.
            return;
        }
        let roadmap = draft.roadmap;
        self.change("restore unsaved edits".to_owned(), None, |document| {
            let mut snapshot = document.snapshot();
            snapshot.roadmap = roadmap;
            document.restore(snapshot);
            Ok(true)
        });
        self.save_now();
    }
}
