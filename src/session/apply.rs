//! What each action does: the body of [`Session::apply`].

use std::path::Path;

use super::{
    Action, Document, Effect, ErrorReport, ExportJob, Notice, PathRequest, Session, UnsavedChoice,
    ViewRequest, absolute,
};
use crate::files::storage::RoadmapSource;
use crate::model::{EditError, Roadmap, RoadmapEdit, Status, Timestamp};

impl Session {
    pub(super) fn apply_action(&mut self, action: Action) {
        match action {
            Action::OpenRoadmap(_)
            | Action::OpenBundledRoadmap
            | Action::NewRoadmap
            | Action::Quit => self.after_unsaved_roadmap(action),
            other => self.apply_now(other),
        }
    }

    pub(super) fn apply_now(&mut self, action: Action) {
        match action {
            Action::Select(skill_id) => {
                let skill_id = skill_id.filter(|id| self.document.skill(id).is_some());
                self.selection.select(skill_id);
                self.mark_unsaved(false);
            }
            Action::ToggleSelected(skill_id) => self.selection.toggle(skill_id),
            Action::SelectMany(skill_ids) => self.selection.select_many(skill_ids),
            Action::SelectRequirements(skill_id) => self.select_requirements(&skill_id),
            Action::EditSkill(skill_id) => {
                if self.document.skill(&skill_id).is_some() {
                    self.selection.select(Some(skill_id));
                    self.effects.push(Effect::EditTitle);
                }
            }
            Action::SetStatuses { skill_ids, status } => self.set_statuses(&skill_ids, status),
            Action::MoveToStage {
                skill_ids,
                stage_id,
            } => self.move_to_stage(&skill_ids, &stage_id),
            Action::PasteSkills { text, x, y } => self.paste_skills(&text, x, y),
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
            Action::SetLevel { skill_id, level } => match self.lens_member() {
                Some(member) => self.change_team(
                    crate::model::TeamEdit::SetLevel {
                        member,
                        skill_id,
                        level,
                    },
                    None,
                ),
                None => {
                    let title = self.document.skill_title(&skill_id);
                    let label = match level.as_deref().and_then(|id| {
                        let rank = self.document.roadmap.level_rank(id)?;
                        Some(self.document.roadmap.level_title(rank).to_owned())
                    }) {
                        Some(level) => format!("hold “{title}” at {level}"),
                        None => format!("forget the level of “{title}”"),
                    };
                    self.change(label, None, |document| {
                        Ok(document.set_level(&skill_id, level.as_deref()))
                    });
                }
            },
            Action::AddEvidence { skill_id, evidence } => {
                let title = self.document.skill_title(&skill_id);
                self.change(format!("add evidence to “{title}”"), None, |document| {
                    Ok(document.add_evidence(&skill_id, evidence))
                });
            }
            Action::RemoveEvidence { skill_id, index } => {
                let title = self.document.skill_title(&skill_id);
                self.change(
                    format!("remove evidence from “{title}”"),
                    None,
                    |document| Ok(document.remove_evidence(&skill_id, index)),
                );
            }
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
            Action::SetWheelZooms(zooms) => {
                self.state.wheel_zooms = zooms;
                self.save_state();
            }
            Action::SetUiScale(scale) => {
                self.state.ui_scale = Some(scale);
                self.save_state();
            }
            Action::ShowShortcuts(show) => self.show_shortcuts = show,
            Action::ShowAbout(show) => self.show_about = show,
            Action::DismissError => {
                if !self.errors.is_empty() {
                    self.errors.remove(0);
                }
            }
            Action::Quit => {
                self.save_now();
                if self.quit_blocked_by_unwritten() {
                    return;
                }
                self.quit_confirmed = true;
                self.effects.push(Effect::Close);
            }
            Action::CloseRequested => {
                if self.document.is_roadmap_modified() && !self.quit_confirmed {
                    self.effects.push(Effect::CancelClose);
                    self.pending_after_unsaved = Some(Box::new(Action::Quit));
                } else {
                    self.save_now();
                    self.quit_blocked_by_unwritten();
                }
            }
            Action::QuitWithoutSaving => {
                self.autosave.quit_anyway = true;
                self.unwritten_on_quit = None;
                self.apply_now(Action::Quit);
            }
            Action::CancelQuit => {
                self.unwritten_on_quit = None;
                self.quit_confirmed = false;
            }
            Action::Edit { edit, gesture } => {
                let label = edit.label(&self.document.roadmap);
                let revision = self.document.revision();
                let keep_places = matches!(
                    edit,
                    RoadmapEdit::AddRequirement { .. } | RoadmapEdit::RemoveRequirement { .. }
                );
                self.change(label, gesture, |document| {
                    if keep_places {
                        document.edit_keeping_places(&edit)
                    } else {
                        document.edit(&edit)
                    }
                    .map(|()| true)
                });
                self.selection.retain_existing(&self.document);
                if self.document.revision() != revision
                    && let RoadmapEdit::AddRequirement {
                        skill_id,
                        required_id,
                    } = &edit
                {
                    self.warn_of_later_stage(skill_id, required_id);
                }
            }
            Action::EndGesture => {
                self.adopt_title_id();
                self.history.end_gesture();
            }
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
            Action::ResolveConflict(choice) => self.resolve_conflict(choice),
            Action::UpdateFork(path) => self.update_fork(path),
            Action::PickAlternative { group_id, skill_id } => {
                let roadmap = &self.document.roadmap;
                let group = roadmap.title_of(&group_id);
                let label = match &skill_id {
                    Some(id) => format!("pick “{}” in “{group}”", roadmap.title_of(id)),
                    None => format!("leave the choice in “{group}” to Waymark"),
                };
                self.change(label, None, |document| {
                    Ok(document.pick_alternative(&group_id, skill_id.as_deref()))
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

    /// Whether quitting must wait because progress or the team plan could not be written:
    /// the window stays open and the person is asked (save elsewhere, quit anyway, stay).
    fn quit_blocked_by_unwritten(&mut self) -> bool {
        let Some(reason) = self.autosave.write_error.clone() else {
            return false;
        };
        if self.autosave.quit_anyway {
            return false;
        }
        self.unwritten_on_quit = Some(reason);
        // The question says it all: the autosave error it follows needs no second dialog.
        self.errors.retain(|error| {
            error.title != super::PROGRESS_NOT_SAVED && error.title != super::TEAM_NOT_SAVED
        });
        self.effects.push(Effect::CancelClose);
        true
    }

    /// Runs `action` now, or first asks to save unsaved roadmap edits.
    pub(super) fn after_unsaved_roadmap(&mut self, action: Action) {
        if self.document.is_roadmap_modified() {
            self.pending_after_unsaved = Some(Box::new(action));
        } else {
            self.apply_now(action);
        }
    }

    pub(super) fn answer_unsaved(&mut self, choice: UnsavedChoice) {
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
    pub(super) fn continue_after_save(&mut self) {
        if self.autosave.continue_after_save && !self.document.is_roadmap_modified() {
            self.autosave.continue_after_save = false;
            if let Some(action) = self.pending_after_unsaved.take() {
                self.apply_after_unsaved(*action);
            }
        }
    }

    pub(super) fn apply_after_unsaved(&mut self, action: Action) {
        if action == Action::Quit {
            self.quit_confirmed = true;
        }
        self.apply_now(action);
    }

    /// Runs a change to the document as one undo step (or part of the gesture's step).
    pub(super) fn change(
        &mut self,
        label: String,
        gesture: Option<String>,
        change: impl FnOnce(&mut Document) -> Result<bool, EditError>,
    ) {
        self.record_change(label, gesture, |session| change(&mut session.document));
    }

    /// The one place where undo steps are recorded: runs a change to the roadmap, the
    /// progress or the team plan as one undo step (or part of the gesture's step). An edit
    /// that changes nothing (a stage moved to where it is) is no step; a refused one says
    /// why.
    pub(super) fn record_change(
        &mut self,
        label: String,
        gesture: Option<String>,
        change: impl FnOnce(&mut Session) -> Result<bool, EditError>,
    ) {
        let before = self.snapshot();
        match change(self) {
            Ok(true) if self.snapshot() != before => {
                let progress_changed = self.document.progress != before.progress;
                self.history.record(label, before, gesture);
                self.mark_unsaved(progress_changed);
            }
            Ok(_) => {}
            Err(error) => self.show_notice(format!("Can’t {label}: {error}")),
        }
    }

    /// When the person has just typed the first title of a skill they added, and nothing
    /// refers to it yet, its placeholder id (`new-skill`) follows the title, as part of the
    /// same undo step. Done when the title field is left, not while typing in it.
    fn adopt_title_id(&mut self) {
        let Some(gesture) = self.history.open_gesture().map(str::to_owned) else {
            return;
        };
        let Some(from) = super::History::field_of_gesture(&gesture, "title") else {
            return;
        };
        let placeholder = is_placeholder_id(from);
        let roadmap = &self.document.roadmap;
        let Some(skill) = roadmap.skill(from) else {
            return;
        };
        let referred = roadmap
            .skills
            .iter()
            .any(|other| other.requires.iter().any(|id| id == from))
            || roadmap.group_of(from).is_some()
            || self.document.progress.skills.contains_key(from);
        if !placeholder || referred || skill.title == NEW_SKILL_TITLE {
            return;
        }
        let to = roadmap.unique_skill_id(&skill.title);
        if crate::files::validate::check_id(&to).is_err() {
            return;
        }
        let from = from.to_owned();
        let edit = RoadmapEdit::ChangeSkillId {
            from: from.clone(),
            to: to.clone(),
        };
        let label = edit.label(&self.document.roadmap);
        self.change(label, Some(gesture), |document| {
            document.edit(&edit).map(|()| true)
        });
        if self.document.roadmap.skill(&to).is_some() {
            self.selection.rename(&from, &to);
        }
    }

    /// Says so when a skill now needs something from a later stage: allowed (a roadmap
    /// may mean it), but the arrow runs backwards and the stage can't be finished in order.
    fn warn_of_later_stage(&mut self, skill_id: &str, required_id: &str) {
        let roadmap = &self.document.roadmap;
        let Some(skill) = roadmap.skill(skill_id) else {
            return;
        };
        let stages = crate::model::requirement_stages(roadmap);
        let Some(later) =
            crate::model::later_stage_requirement(roadmap, &stages, skill, required_id)
        else {
            return;
        };
        let stage_title = |id: &str| {
            roadmap
                .stage(id)
                .map_or(id.to_owned(), |stage| stage.title.clone())
        };
        let required = roadmap.title_of(required_id);
        let text = format!(
            "Note: “{}” ({}) now needs “{required}” from a later stage ({}), so {} can't be finished in order. Undo (Ctrl+Z) if that was not meant.",
            skill.title,
            stage_title(&skill.stage),
            stage_title(later),
            stage_title(&skill.stage)
        );
        self.show_notice(text);
    }

    pub(super) fn show_notice(&mut self, text: String) {
        log::info!("{text}");
        self.notice = Some(Notice {
            text,
            since: self.now,
        });
    }
}

/// The title a skill gets when added, before the person types its own.
pub(super) const NEW_SKILL_TITLE: &str = "New skill";

/// Whether an id is the one a new skill got from its placeholder title (`new-skill`,
/// `new-skill-2`, …).
fn is_placeholder_id(id: &str) -> bool {
    id == "new-skill"
        || id
            .strip_prefix("new-skill-")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}
