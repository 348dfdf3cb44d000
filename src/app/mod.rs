//! The egui app: panels around the roadmap canvas. UI code reads the [`Document`] and pushes
//! [`Action`]s; [`WaymarkApp::apply`] changes state in one place and schedules autosave.

mod action;
mod automation;
mod canvas;
mod command;
mod details;
mod document;
mod history;
mod navigation;
mod overview;
mod palette;
mod pen;
pub mod png;
mod search;
mod skill_editor;
mod target;
mod team;
pub(crate) mod theme;
mod timeline;

use std::path::{Path, PathBuf};

use egui::{Rect, RichText};

pub use action::Action;
pub use canvas::{CanvasState, ViewRequest};
pub use command::UiCommand;
pub use document::{BrokenProgress, Document};
pub use history::{History, Snapshot};
pub use team::{GraphLens, TeamAction, TeamSession, TeamTab};

use crate::files::{self, LoadError};
use std::collections::BTreeSet;

use crate::model::{EditError, Roadmap, RoadmapEdit, Skill, Status, Timestamp};
use crate::storage::{AppState, DataDir, RoadmapSource, ViewState};

/// How long after the last change progress and view are written to disk.
pub const AUTOSAVE_DELAY_SECS: f64 = 1.0;

/// An error shown to the person in a dialog until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorReport {
    pub title: String,
    pub details: String,
}

pub struct WaymarkApp {
    data_dir: Option<DataDir>,
    state: AppState,
    pub document: Document,
    canvas: CanvasState,
    search: search::SearchState,
    palette: palette::Palette,
    target: target::TargetState,
    timeline: timeline::TimelineState,
    target_settings: crate::storage::TargetSettings,
    selected: Option<String>,
    notes: details::NotesEditor,
    actions: Vec<Action>,
    /// Errors waiting to be shown, oldest first.
    errors: Vec<ErrorReport>,
    show_shortcuts: bool,
    /// egui time of the first change not yet written to disk.
    unsaved_since: Option<f64>,
    progress_changed: bool,
    saved_scene_rect: Rect,
    applied_dark_mode: Option<bool>,
    ui_scale_applied: bool,
    window_title: String,
    /// Whether a text field had focus at the end of the last frame.
    was_typing: bool,
    /// Skills selected together with `selected` (shift-click, box selection).
    extra_selection: BTreeSet<String>,
    history: History,
    editor: skill_editor::EditorState,
    /// Skills waiting for the person to confirm their deletion.
    confirm_delete: Option<Vec<String>>,
    /// What to do once unsaved roadmap edits are saved or discarded.
    pending_after_unsaved: Option<Box<Action>>,
    show_roadmap_details: bool,
    /// A short message shown over the canvas, with the egui time it appeared.
    notice: Option<(String, f64)>,
    /// Set when the person chose to quit despite unsaved roadmap edits.
    quit_confirmed: bool,
    automation: automation::AutomationReport,
    /// The team plan open beside the roadmap, if any.
    team: Option<team::TeamSession>,
    /// When the roadmap's file was last read or written here, to notice someone else
    /// changing it (a git pull) when the window comes back to the front.
    roadmap_file_stamp: Option<std::time::SystemTime>,
    /// The roadmap's file as changed on disk by someone else, with what changed, until
    /// the person reloads or keeps their version.
    disk_change: Option<(Roadmap, String)>,
    /// Unsaved edits found at start (the last run ended without saving them), offered
    /// for restoring.
    draft_offer: Option<crate::storage::Draft>,
    /// The document revision last written to the draft: a save with no new edit (a view
    /// change) does not write the whole roadmap again.
    drafted_revision: Option<(String, u64)>,
    /// The draft offer was put off (Escape): its file stays until new edits replace it.
    draft_deferred: bool,
    /// Frames in a row that ended with a text field holding the keyboard.
    typing_frames: u32,
    /// Where the draft offer's Restore button was drawn, for the automation report.
    restore_button: Option<Rect>,
    /// What changed, when a version of the open roadmap was opened over another one.
    roadmap_changes: Option<String>,
    /// The "Export progress" dialog, when open: whether to include notes.
    export_progress: Option<bool>,
    /// A message for the person from before the first frame (progress carried over to
    /// renamed skills), shown once the window runs.
    pending_notice: Option<String>,
}

impl WaymarkApp {
    /// Starts with the roadmap given on the command line, else the one open last time, else
    /// the bundled one. A roadmap that fails to load is reported and the bundled one opens.
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
        // A team plan given on the command line opens after the first frame, with its
        // roadmap.
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
                        (
                            crate::model::Roadmap::new_empty("untitled", "Untitled roadmap"),
                            bundled,
                        )
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
        let mut app = Self {
            data_dir,
            state,
            document,
            canvas: CanvasState::default(),
            search: search::SearchState::default(),
            palette: palette::Palette::default(),
            target: target::TargetState::default(),
            timeline: timeline::TimelineState::default(),
            target_settings: crate::storage::TargetSettings::default(),
            selected: None,
            notes: details::NotesEditor::default(),
            actions: Vec::new(),
            errors,
            show_shortcuts: false,
            unsaved_since: None,
            progress_changed: false,
            saved_scene_rect: Rect::NOTHING,
            applied_dark_mode: None,
            ui_scale_applied: false,
            window_title: String::new(),
            was_typing: false,
            extra_selection: BTreeSet::new(),
            history: History::default(),
            editor: skill_editor::EditorState::default(),
            confirm_delete: None,
            pending_after_unsaved: None,
            show_roadmap_details: false,
            notice: None,
            quit_confirmed: false,
            automation: automation::AutomationReport::from_environment(),
            team: None,
            export_progress: None,
            pending_notice: None,
            roadmap_changes: None,
            draft_offer: None,
            restore_button: None,
            typing_frames: 0,
            draft_deferred: false,
            drafted_revision: None,
            roadmap_file_stamp: None,
            disk_change: None,
        };
        app.roadmap_file_stamp = app.current_file_stamp();
        app.restore_view();
        app.note_carried_over();
        match app.data_dir.as_ref().and_then(DataDir::load_draft) {
            Some(Ok(draft)) => app.draft_offer = Some(draft),
            Some(Err(error)) => app.errors.push(report(
                "Unsaved edits from the last run could not be read; the file is left as it is",
                &error,
            )),
            None => {}
        }
        // A team plan on the command line, else the one open last time (if it is still
        // there), opens after the first frame.
        let team_path =
            team_path.or_else(|| app.state.team_plan.clone().filter(|path| path.exists()));
        if let Some(path) = team_path {
            app.actions.push(Action::Team(TeamAction::Open(path)));
        }
        app
    }

    /// The data folder from the environment (`WAYMARK_DATA_DIR` or the platform's).
    pub fn from_environment(roadmap_path: Option<PathBuf>) -> Self {
        Self::new(DataDir::from_environment(), roadmap_path)
    }

    /// The skills still to learn for the chosen target role, in learnable order.
    pub fn target_gap(&self) -> Option<&[String]> {
        self.target.plan().map(|plan| plan.gap.as_slice())
    }

    pub fn is_timeline_open(&self) -> bool {
        self.timeline.open
    }

    pub fn is_palette_open(&self) -> bool {
        self.palette.is_open()
    }

    /// The skills the canvas outlines: what the search found, else the way to the target.
    pub fn highlighted_skills(&self) -> Vec<&str> {
        let Some(highlight) = self.search.highlight().or(self.target.highlight()) else {
            return Vec::new();
        };
        self.document
            .roadmap
            .skills
            .iter()
            .zip(highlight)
            .filter(|(_, outlined)| **outlined)
            .map(|(skill, _)| skill.id.as_str())
            .collect()
    }

    /// The ids of the skills the current search found, best first.
    pub fn search_results(&self) -> Vec<&str> {
        self.search
            .hits()
            .iter()
            .filter_map(|hit| self.document.roadmap.skills.get(hit.skill_index))
            .map(|skill| skill.id.as_str())
            .collect()
    }

    pub fn selected_skill(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    /// Every selected skill: the one in the details panel and those selected with it.
    pub fn selected_skills(&self) -> Vec<String> {
        self.selected
            .iter()
            .cloned()
            .chain(self.extra_selection.iter().cloned())
            .collect()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// The message shown over the canvas, if any (a refused edit, a saved file).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|(text, _)| text.as_str())
    }

    /// Skills waiting for a delete confirmation.
    pub fn pending_delete(&self) -> Option<&[String]> {
        self.confirm_delete.as_deref()
    }

    pub fn errors(&self) -> &[ErrorReport] {
        &self.errors
    }

    pub fn canvas(&self) -> &CanvasState {
        &self.canvas
    }

    /// Where a skill is drawn on screen right now.
    pub fn skill_screen_rect(&self, skill_id: &str) -> Option<Rect> {
        self.canvas.skill_screen_rect(&self.document, skill_id)
    }

    /// Queues an action as if the UI had emitted it; it is applied at the end of the next frame.
    pub fn push_action(&mut self, action: Action) {
        self.actions.push(action);
    }

    fn restore_view(&mut self) {
        let view = self
            .state
            .views
            .get(&self.document.roadmap.id)
            .cloned()
            .unwrap_or_default();
        self.selected = view
            .selected_skill
            .filter(|id| self.document.skill(id).is_some());
        self.target_settings = view.target;
        self.target = target::TargetState::default();
        self.canvas = CanvasState::default();
        if let Some([x_min, y_min, x_max, y_max]) = view.scene_rect {
            let rect = Rect::from_min_max(egui::pos2(x_min, y_min), egui::pos2(x_max, y_max));
            if rect.is_positive() && rect.is_finite() {
                self.canvas.scene_rect = rect;
                self.canvas.request = None;
            }
        }
        self.saved_scene_rect = self.canvas.scene_rect;
    }

    /// The whole window, one frame. `eframe::App::ui` calls this; tests call it directly.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.notes.rect = None;
        let mut commands = command::pressed_commands(&ctx, self.was_typing);

        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menu_ui(ui, &mut commands));
        });
        self.check_file_on_disk(&ctx);
        self.disk_change_ui(ui);
        if let Some(broken) = self.document.broken_progress.clone() {
            egui::Panel::top("broken-progress")
                .show(ui, |ui| self.broken_progress_ui(ui, &broken, &mut commands));
        }
        self.search.refresh(&mut self.document);
        self.target.refresh(&self.document, &self.target_settings);
        let mut target_changed = false;
        egui::Panel::left("overview")
            .resizable(true)
            .default_size(250.0)
            .min_size(190.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.heading(&self.document.roadmap.title);
                ui.add_space(2.0);
                let before = (self.search.query.clone(), self.search.filter.clone());
                let searching =
                    search::search_ui(ui, &self.document, &mut self.search, &mut self.actions);
                if before != (self.search.query.clone(), self.search.filter.clone()) {
                    // The results follow next frame.
                    ui.ctx().request_repaint();
                }
                if !searching {
                    ui.add_space(6.0);
                    target_changed = target::target_ui(
                        ui,
                        &self.document,
                        &mut self.target_settings,
                        &mut self.target,
                        &mut self.actions,
                    );
                    ui.add_space(6.0);
                    overview::overview_ui(
                        ui,
                        &self.document,
                        self.selected.as_deref(),
                        &mut self.actions,
                    );
                }
            });
        if target_changed {
            self.target.refresh(&self.document, &self.target_settings);
            self.save_state();
            ctx.request_repaint();
        }
        if let Some(skill_id) = self.selected.clone() {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(360.0)
                .min_size(260.0)
                .show(ui, |ui| {
                    if let Some(session) = &self.team
                        && let Some(member) = session.lens_member()
                    {
                        ui.add_space(4.0);
                        team::member_skill_ui(
                            ui,
                            session,
                            member,
                            &skill_id,
                            &self.document,
                            &mut self.actions,
                        );
                        ui.label(RichText::new("Your own progress on this skill:").weak());
                    }
                    details::details_ui(
                        ui,
                        &self.document,
                        &skill_id,
                        &mut self.notes,
                        &mut self.editor,
                        &mut self.actions,
                    );
                });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let selection = self.selected_skills();
            if let Some(session) = &mut self.team {
                session.refresh_lens(&self.document);
            }
            let lens = self.team.as_ref().and_then(TeamSession::canvas_lens);
            canvas::canvas_ui(
                ui,
                &self.document,
                &mut self.canvas,
                &selection,
                self.search.highlight().or(self.target.highlight()),
                lens.as_ref(),
                &mut self.actions,
            );
            // Over the canvas, which takes every click on its own layer below.
            egui::Area::new(egui::Id::unique("canvas-toolbar"))
                .order(egui::Order::Foreground)
                .fixed_pos(ui.max_rect().right_top() + egui::vec2(-10.0, 10.0))
                .pivot(egui::Align2::RIGHT_TOP)
                .show(ui.ctx(), |ui| {
                    ui.horizontal(|ui| {
                        for command in [UiCommand::AddSkill, UiCommand::FitView] {
                            if ui
                                .button(command.text())
                                .on_hover_text(command.text_with_shortcut(ui.ctx()))
                                .clicked()
                            {
                                commands.push(command);
                            }
                        }
                    });
                });
        });

        if let Some(text) = self.pending_notice.take() {
            self.show_notice(text, &ctx);
            self.mark_unsaved(&ctx, false);
        }
        self.notice_ui(&ctx);
        self.draft_offer_ui(&ctx);
        self.dropped_files_ui(&ctx);
        self.export_progress_ui(&ctx);
        self.roadmap_changes_ui(&ctx);
        self.errors_ui(&ctx);
        self.shortcuts_ui(&ctx);
        palette::palette_ui(&ctx, &mut self.palette, &mut commands);
        timeline::timeline_ui(&ctx, &self.document, &mut self.timeline, &mut self.actions);
        self.confirm_delete_ui(&ctx);
        self.unsaved_roadmap_ui(&ctx);
        self.roadmap_details_window(&ctx);
        self.team_ui(&ctx);

        for command in commands {
            self.run_command(command, &ctx);
        }
        if !self.actions.is_empty() {
            // What the actions changed is drawn in the next frame.
            ctx.request_repaint();
        }
        for action in std::mem::take(&mut self.actions) {
            self.apply(action, &ctx);
        }
        self.autosave_tick(&ctx);
        self.update_window_title(&ctx);
        self.was_typing = ctx.text_edit_focused() || self.editor.is_focus_pending();
        self.typing_frames = if self.was_typing {
            self.typing_frames.saturating_add(1)
        } else {
            0
        };
        if self.automation.is_enabled() {
            self.write_automation_report();
        }
        if ctx.input(|input| input.viewport().close_requested()) {
            if self.document.is_roadmap_modified() && !self.quit_confirmed {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.pending_after_unsaved = Some(Box::new(Action::Quit));
            } else {
                self.save_now();
            }
        }
    }

    fn write_automation_report(&mut self) {
        let mut report = String::new();
        if let Some(selected) = &self.selected {
            report.push_str(&format!("selected\t{selected}\n"));
        }
        for error in &self.errors {
            report.push_str(&format!(
                "error\t{}\t{}\n",
                error.title,
                error.details.replace('\n', " | ")
            ));
        }
        if let Some(rect) = self.notes.rect {
            // The length of the note in the model tells a test when its typing has arrived.
            let length = self
                .document
                .progress
                .notes(&self.notes.skill_id)
                .chars()
                .count();
            automation::point_line(&mut report, "notes", "notes", rect, &length.to_string());
        }
        let roadmap_state = if self.document.is_roadmap_modified() {
            "modified"
        } else {
            "saved"
        };
        report.push_str(&format!("roadmap\t{roadmap_state}\n"));
        if self.typing_frames >= 2 {
            report.push_str("typing\n"); // a text field has had the keyboard a whole frame
        }
        if let (Some(_), Some(rect)) = (&self.draft_offer, self.restore_button) {
            automation::point_line(&mut report, "button", "restore", rect, "");
        }
        let visible = self.canvas.canvas_rect;
        for skill in &self.document.roadmap.skills {
            if let Some(rect) = self
                .skill_screen_rect(&skill.id)
                .filter(|rect| visible.contains(rect.center()))
            {
                let status = self.document.progress.status(&skill.id);
                automation::point_line(&mut report, "skill", &skill.id, rect, status.label());
            }
        }
        self.automation.update(report);
    }

    fn notice_ui(&mut self, ctx: &egui::Context) {
        const NOTICE_SECS: f64 = 6.0;
        let Some((text, since)) = self.notice.clone() else {
            return;
        };
        let age = ctx.input(|input| input.time) - since;
        if age > NOTICE_SECS {
            self.notice = None;
            return;
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(NOTICE_SECS - age));
        let canvas = self.canvas.canvas_rect;
        egui::Area::new(egui::Id::unique("notice"))
            .fixed_pos(canvas.center_bottom() - egui::vec2(0.0, 60.0))
            .pivot(egui::Align2::CENTER_BOTTOM)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(canvas.width() * 0.8);
                    ui.label(&text);
                });
            });
    }

    fn roadmap_changes_ui(&mut self, ctx: &egui::Context) {
        let Some(changes) = &self.roadmap_changes else {
            return;
        };
        let mut open = true;
        egui::Window::new("What changed in this roadmap")
            .open(&mut open)
            .default_width(520.0)
            .default_pos(ctx.content_rect().center() - egui::vec2(260.0, 200.0))
            .show(ctx, |ui| {
                ui.label("Compared with the version that was open. Your progress on renamed skills moved with them; progress on removed skills is kept under “Kept progress”.");
                ui.add_space(6.0);
                egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                    ui.label(RichText::new(changes).monospace());
                });
            });
        if !open {
            self.roadmap_changes = None;
        }
    }

    /// What changed when another version of the open roadmap was opened, as text.
    pub fn roadmap_changes(&self) -> Option<&str> {
        self.roadmap_changes.as_deref()
    }

    fn export_progress_ui(&mut self, ctx: &egui::Context) {
        let Some(mut include_notes) = self.export_progress else {
            return;
        };
        let mut export = false;
        let mut cancel = false;
        let modal = egui::Modal::new(egui::Id::unique("export-progress")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("Export progress");
            ui.label("The file has your status on every skill, with the dates they changed, for the same roadmap: a manager or a team plan can read it.");
            ui.add_space(6.0);
            ui.checkbox(&mut include_notes, "Include my notes");
            ui.label(
                RichText::new("Notes marked private are never included.").weak(),
            );
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                export = ui.button("Export…").clicked();
                cancel = ui.button("Cancel").clicked();
            });
        });
        self.export_progress = Some(include_notes);
        if modal.should_close() || cancel {
            self.export_progress = None;
        } else if export {
            self.export_progress = None;
            let file_name = format!("{}-progress.ron", self.document.roadmap.id);
            if let Some(path) = self.pick_save_path("Export progress", file_name) {
                self.actions.push(Action::ExportProgress {
                    path,
                    include_notes,
                });
            }
        }
    }

    fn confirm_delete_ui(&mut self, ctx: &egui::Context) {
        let Some(skill_ids) = self.confirm_delete.clone() else {
            return;
        };
        let with_progress = skill_ids
            .iter()
            .filter(|id| self.document.progress.skills.contains_key(*id))
            .count();
        let names: Vec<String> = skill_ids
            .iter()
            .filter_map(|id| self.document.skill(id).map(|s| format!("“{}”", s.title)))
            .collect();
        let modal = egui::Modal::new(egui::Id::unique("confirm-delete")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading(if skill_ids.len() == 1 { "Delete this skill?".to_owned() } else { format!("Delete {} skills?", skill_ids.len()) });
            ui.label(names.join(", "));
            ui.add_space(6.0);
            ui.label(format!(
                "{with_progress} of them have progress or notes. They are kept in the progress file and listed under “Kept progress”; undo brings the skills back."
            ));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Delete").clicked() {
                    self.actions.push(Action::ConfirmDelete(skill_ids.clone()));
                }
                if ui.button("Cancel").clicked() {
                    self.actions.push(Action::CancelDelete);
                }
            });
        });
        if modal.should_close() {
            self.actions.push(Action::CancelDelete);
        }
    }

    fn unsaved_roadmap_ui(&mut self, ctx: &egui::Context) {
        if self.pending_after_unsaved.is_none() {
            return;
        }
        let mut choice = None;
        let modal = egui::Modal::new(egui::Id::unique("unsaved-roadmap")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading(format!("Save the changes to “{}”?", self.document.roadmap.title));
            ui.label("The roadmap has edits that are not saved. Your progress and notes are saved either way.");
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(UnsavedChoice::Save);
                }
                if ui.button("Discard").clicked() {
                    choice = Some(UnsavedChoice::Discard);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(UnsavedChoice::Cancel);
                }
            });
        });
        if modal.should_close() && choice.is_none() {
            choice = Some(UnsavedChoice::Cancel);
        }
        match choice {
            Some(UnsavedChoice::Save) => {
                self.apply_now(Action::SaveRoadmap, ctx);
                if !self.document.is_roadmap_modified()
                    && let Some(action) = self.pending_after_unsaved.take()
                {
                    self.apply_after_unsaved(*action, ctx);
                }
            }
            Some(UnsavedChoice::Discard) => {
                if let Some(action) = self.pending_after_unsaved.take() {
                    // The edits go, and with them their draft at the next save.
                    self.document.discard_roadmap_edits();
                    self.apply_after_unsaved(*action, ctx);
                }
            }
            Some(UnsavedChoice::Cancel) => self.pending_after_unsaved = None,
            None => {}
        }
    }

    fn apply_after_unsaved(&mut self, action: Action, ctx: &egui::Context) {
        if action == Action::Quit {
            self.quit_confirmed = true;
        }
        self.apply_now(action, ctx);
        ctx.request_repaint();
    }

    fn roadmap_details_window(&mut self, ctx: &egui::Context) {
        if !self.show_roadmap_details {
            return;
        }
        let mut open = true;
        egui::Window::new("Roadmap details and stages")
            .open(&mut open)
            .default_width(460.0)
            .show(ctx, |ui| {
                skill_editor::roadmap_details_ui(
                    ui,
                    &self.document,
                    &mut self.editor,
                    &mut self.actions,
                );
            });
        if !open {
            self.actions.push(Action::ShowRoadmapDetails(false));
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<UiCommand>) {
        ui.menu_button("File", |ui| {
            for command in [
                UiCommand::NewRoadmap,
                UiCommand::OpenRoadmap,
                UiCommand::OpenBundledRoadmap,
            ] {
                command.menu_button(ui, commands);
            }
            self.recent_files_menu(ui);
            ui.separator();
            for command in [UiCommand::SaveRoadmap, UiCommand::SaveRoadmapAs] {
                command.menu_button(ui, commands);
            }
            ui.separator();
            for command in [
                UiCommand::OpenProgress,
                UiCommand::SaveProgressAs,
                UiCommand::ExportProgress,
            ] {
                command.menu_button(ui, commands);
            }
            ui.add_enabled_ui(!self.document.orphaned_progress().is_empty(), |ui| {
                UiCommand::ExportKeptProgress.menu_button(ui, commands);
            });
            ui.separator();
            for command in [
                UiCommand::NewTeam,
                UiCommand::OpenTeam,
                UiCommand::OpenExampleTeam,
            ] {
                command.menu_button(ui, commands);
            }
            ui.add_enabled_ui(self.team.is_some(), |ui| {
                for command in [UiCommand::SaveTeamAs, UiCommand::CloseTeam] {
                    command.menu_button(ui, commands);
                }
            });
            ui.separator();
            ui.menu_button("Export", |ui| {
                for format in crate::export::ExportFormat::ALL {
                    UiCommand::Export(format).menu_button(ui, commands);
                }
            });
            ui.separator();
            UiCommand::Quit.menu_button(ui, commands);
        });
        ui.menu_button("Edit", |ui| {
            let undo_text = self
                .history
                .undo_label()
                .map(|label| format!("Undo {label}"));
            let redo_text = self
                .history
                .redo_label()
                .map(|label| format!("Redo {label}"));
            for (command, text) in [(UiCommand::Undo, undo_text), (UiCommand::Redo, redo_text)] {
                ui.add_enabled_ui(text.is_some(), |ui| {
                    command.menu_button_with_text(
                        ui,
                        text.as_deref().unwrap_or(command.text()),
                        commands,
                    );
                });
            }
            ui.separator();
            UiCommand::Find.menu_button(ui, commands);
            ui.separator();
            UiCommand::AddSkill.menu_button(ui, commands);
            ui.add_enabled_ui(self.selected.is_some(), |ui| {
                UiCommand::DeleteSelected.menu_button(ui, commands)
            });
            UiCommand::TidyLayout.menu_button(ui, commands);
            ui.separator();
            UiCommand::RoadmapDetails.menu_button(ui, commands);
        });
        ui.menu_button("View", |ui| {
            for command in [
                UiCommand::FitView,
                UiCommand::ZoomToSelection,
                UiCommand::Deselect,
                UiCommand::ShowTimeline,
                UiCommand::ShowTeam,
                UiCommand::ToggleTeamCoverage,
                UiCommand::ToggleTheme,
                UiCommand::FollowSystemTheme,
                UiCommand::LargerText,
                UiCommand::SmallerText,
                UiCommand::ResetTextSize,
            ] {
                command.menu_button(ui, commands);
            }
        });
        ui.menu_button("Skill", |ui| {
            ui.add_enabled_ui(
                self.selected.is_some() && self.document.is_progress_editable(),
                |ui| {
                    for status in [
                        Status::Learned,
                        Status::Learning,
                        Status::Skipped,
                        Status::NotStarted,
                    ] {
                        UiCommand::SetStatus(status).menu_button(ui, commands);
                    }
                },
            );
        });
        ui.menu_button("Help", |ui| {
            UiCommand::CommandPalette.menu_button(ui, commands);
            UiCommand::ShowShortcuts.menu_button(ui, commands);
            ui.separator();
            ui.label(format!("Waymark {}", env!("CARGO_PKG_VERSION")));
            if let Some(dir) = &self.data_dir {
                ui.label(
                    RichText::new(format!("Progress is saved in {}", dir.root.display())).weak(),
                );
            }
        });
    }

    /// File > Open recent: the last ten files that still exist.
    fn recent_files_menu(&mut self, ui: &mut egui::Ui) {
        self.state.recent_files.retain(|path| path.exists());
        let recent = self.state.recent_files.clone();
        ui.add_enabled_ui(!recent.is_empty(), |ui| {
            ui.menu_button("Open recent", |ui| {
                for path in recent {
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .button(name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        self.actions.push(Action::OpenFile(path));
                    }
                }
            });
        });
    }

    /// Files dropped on the window open as what they are; while they hover, say so.
    fn dropped_files_ui(&mut self, ctx: &egui::Context) {
        let (hovering, dropped) = ctx.input(|input| {
            (
                !input.raw.hovered_files.is_empty(),
                input
                    .raw
                    .dropped_files
                    .iter()
                    .map(|file| file.path().to_path_buf())
                    .filter(|path| !path.as_os_str().is_empty())
                    .collect::<Vec<_>>(),
            )
        });
        for path in dropped {
            self.actions.push(Action::OpenFile(path));
        }
        if hovering {
            let screen = ctx.content_rect();
            egui::Area::new(egui::Id::unique("drop-target"))
                .order(egui::Order::Foreground)
                .fixed_pos(screen.center())
                .pivot(egui::Align2::CENTER_CENTER)
                .show(ctx, |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.heading("Drop to open: a roadmap, a progress file or a team plan");
                    });
                });
        }
    }

    fn broken_progress_ui(
        &mut self,
        ui: &mut egui::Ui,
        broken: &BrokenProgress,
        commands: &mut Vec<UiCommand>,
    ) {
        ui.add_space(4.0);
        ui.colored_label(ui.visuals().error_fg_color, "Your progress file could not be read. Waymark will not change it, so statuses and notes are read-only for now.");
        ui.label(RichText::new(&broken.message).monospace());
        ui.horizontal(|ui| {
            if ui
                .button("Set the broken file aside and start fresh")
                .on_hover_text(
                    "Renames the file (nothing is deleted) and starts with empty progress",
                )
                .clicked()
            {
                self.actions.push(Action::SetBrokenProgressAside);
            }
            UiCommand::OpenProgress.menu_button(ui, commands);
        });
        ui.add_space(4.0);
    }

    fn errors_ui(&mut self, ctx: &egui::Context) {
        let Some(error) = self.errors.first().cloned() else {
            return;
        };
        let modal = egui::Modal::new(egui::Id::unique("error-dialog")).show(ctx, |ui| {
            ui.set_max_width(640.0);
            ui.heading(&error.title);
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    ui.label(RichText::new(&error.details).monospace());
                });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Copy").clicked() {
                    ui.ctx()
                        .copy_text(format!("{}\n{}", error.title, error.details));
                }
                if ui.button("OK").clicked() {
                    self.actions.push(Action::DismissError);
                }
            });
        });
        if modal.should_close() {
            self.actions.push(Action::DismissError);
        }
    }

    fn shortcuts_ui(&mut self, ctx: &egui::Context) {
        if !self.show_shortcuts {
            return;
        }
        let mut open = true;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for command in UiCommand::ALL {
                        if let Some(shortcut) = command.shortcut() {
                            ui.label(RichText::new(ctx.format_shortcut(&shortcut)).monospace());
                            ui.label(command.text());
                            ui.end_row();
                        }
                    }
                    ui.label(RichText::new("Right-click").monospace());
                    ui.label("Toggle learned on a skill");
                    ui.end_row();
                    ui.label(RichText::new("Drag / wheel").monospace());
                    ui.label("Pan / zoom the roadmap");
                    ui.end_row();
                });
            });
        if !open {
            self.actions.push(Action::ShowShortcuts(false));
        }
    }

    /// A native dialog for Waymark files, starting where the files in use are: the chosen
    /// progress file's folder, the roadmap's, or home.
    fn file_dialog(&self) -> rfd::FileDialog {
        let start_dir = self
            .document
            .progress_path
            .as_deref()
            .filter(|_| {
                self.state
                    .progress_files
                    .contains_key(&self.document.roadmap.id)
            })
            .or(self.document.source.file_path())
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(dirs::home_dir);
        let dialog = rfd::FileDialog::new()
            .add_filter("Waymark files", &["ron"])
            .add_filter("All files", &["*"]);
        match start_dir {
            Some(dir) => dialog.set_directory(dir),
            None => dialog,
        }
    }

    /// Asks where to save a file, starting with a suggested name.
    fn pick_save_path(&self, title: &str, file_name: impl Into<String>) -> Option<PathBuf> {
        self.file_dialog()
            .set_title(title)
            .set_file_name(file_name)
            .save_file()
    }

    fn run_command(&mut self, command: UiCommand, ctx: &egui::Context) {
        match command {
            UiCommand::OpenRoadmap => {
                if let Some(path) = self.file_dialog().set_title("Open roadmap").pick_file() {
                    self.actions.push(Action::OpenRoadmap(path));
                }
            }
            UiCommand::OpenBundledRoadmap => self.actions.push(Action::OpenBundledRoadmap),
            UiCommand::NewTeam => {
                if let Some(path) = self.pick_save_path("New team plan", "team.ron") {
                    self.actions.push(Action::Team(TeamAction::New(path)));
                }
            }
            UiCommand::OpenTeam => {
                if let Some(path) = self.file_dialog().set_title("Open team plan").pick_file() {
                    self.actions.push(Action::Team(TeamAction::Open(path)));
                }
            }
            UiCommand::OpenExampleTeam => self.actions.push(Action::Team(TeamAction::OpenExample)),
            UiCommand::SaveTeamAs => {
                if self.team.is_some()
                    && let Some(path) = self.pick_save_path("Save team plan as", "team.ron")
                {
                    self.actions.push(Action::Team(TeamAction::SaveAs(path)));
                }
            }
            UiCommand::CloseTeam => self.actions.push(Action::Team(TeamAction::Close)),
            UiCommand::ExportProgress => self.export_progress = Some(true),
            UiCommand::ExportKeptProgress => {
                let file_name = format!("{}-kept-progress.ron", self.document.roadmap.id);
                if let Some(path) = self.pick_save_path("Export kept progress", file_name) {
                    self.actions.push(Action::ExportKeptProgress(path));
                }
            }
            UiCommand::ShowTeam => match &self.team {
                Some(session) => self
                    .actions
                    .push(Action::Team(TeamAction::Show(!session.window_open))),
                None => self.show_notice(
                    "No team plan is open: File > New team plan… or Open the example team plan"
                        .to_owned(),
                    ctx,
                ),
            },
            UiCommand::ToggleTeamCoverage => {
                if let Some(session) = &self.team {
                    let lens = if session.lens == GraphLens::Coverage {
                        GraphLens::Own
                    } else {
                        GraphLens::Coverage
                    };
                    self.actions.push(Action::Team(TeamAction::SetLens(lens)));
                }
            }
            UiCommand::OpenProgress => {
                if let Some(path) = self.file_dialog().set_title("Open progress").pick_file() {
                    self.actions.push(Action::OpenProgress(path));
                }
            }
            UiCommand::SaveProgressAs => {
                let file_name = format!("{}-progress.ron", self.document.roadmap.id);
                if let Some(path) = self.pick_save_path("Save progress as", file_name) {
                    self.actions.push(Action::SaveProgressAs(path));
                }
            }
            UiCommand::Quit => self.actions.push(Action::Quit),
            UiCommand::FitView => self.actions.push(Action::FitView),
            UiCommand::ZoomToSelection => {
                if let Some(skill_id) = self.selected.clone() {
                    self.actions.push(Action::Focus(skill_id));
                }
            }
            UiCommand::Deselect => {
                if !self.show_shortcuts {
                    self.actions.push(Action::Select(None));
                }
            }
            UiCommand::SetStatus(status) => {
                if let Some(skill_id) = self.selected.clone() {
                    self.actions.push(Action::SetStatus { skill_id, status });
                }
            }
            UiCommand::ToggleTheme => self
                .actions
                .push(Action::SetDarkMode(ctx.theme() != egui::Theme::Dark)),
            UiCommand::FollowSystemTheme => self.actions.push(Action::FollowSystemTheme),
            UiCommand::ShowTimeline => self.timeline.open = true,
            UiCommand::LargerText | UiCommand::SmallerText | UiCommand::ResetTextSize => {
                let zoom = match command {
                    UiCommand::LargerText => ctx.zoom_factor() + 0.1,
                    UiCommand::SmallerText => ctx.zoom_factor() - 0.1,
                    _ => 1.0,
                };
                ctx.set_zoom_factor(zoom.clamp(0.5, 3.0));
            }
            UiCommand::ShowShortcuts => self.actions.push(Action::ShowShortcuts(true)),
            UiCommand::Undo => self.actions.push(Action::Undo),
            UiCommand::Redo => self.actions.push(Action::Redo),
            UiCommand::AddSkill => {
                let center = self.canvas.scene_rect.center();
                self.actions.push(Action::AddSkillAt {
                    x: center.x,
                    y: center.y,
                });
            }
            UiCommand::DeleteSelected => self.actions.push(Action::DeleteSelected),
            UiCommand::NewRoadmap => self.actions.push(Action::NewRoadmap),
            UiCommand::SaveRoadmap => self.actions.push(Action::SaveRoadmap),
            UiCommand::SaveRoadmapAs => {
                if let Some(path) = self.pick_roadmap_save_path() {
                    self.actions.push(Action::SaveRoadmapAs(path));
                }
            }
            UiCommand::TidyLayout => {
                let selected = self.selected_skills();
                let skill_ids = if selected.len() > 1 {
                    selected
                } else {
                    self.document
                        .roadmap
                        .skills
                        .iter()
                        .map(|s| s.id.clone())
                        .collect()
                };
                self.actions.push(Action::Edit {
                    edit: RoadmapEdit::ClearPositions { skill_ids },
                    gesture: None,
                });
            }
            UiCommand::RoadmapDetails => self.actions.push(Action::ShowRoadmapDetails(true)),
            UiCommand::Find => self.search.focus_requested = true,
            UiCommand::CommandPalette => self.palette.open(),
            UiCommand::SelectNearby(direction) => {
                let from = self
                    .selected
                    .as_deref()
                    .and_then(|id| self.document.skill_index(id));
                let to = match from {
                    Some(from) => navigation::neighbour(&self.document, from, direction),
                    None => navigation::step(&self.document, None, true),
                };
                self.select_and_reveal(to);
            }
            UiCommand::SelectNext | UiCommand::SelectPrevious => {
                let from = self
                    .selected
                    .as_deref()
                    .and_then(|id| self.document.skill_index(id));
                let forward = command == UiCommand::SelectNext;
                self.select_and_reveal(navigation::step(&self.document, from, forward));
            }
            UiCommand::Export(format) => {
                let file_name = format!("{}.{}", self.document.roadmap.id, format.extension());
                if let Some(path) = self
                    .file_dialog()
                    .set_title(format.description())
                    .add_filter(format.description(), &[format.extension()])
                    .set_file_name(file_name)
                    .save_file()
                {
                    self.actions.push(Action::Export { format, path });
                }
            }
        }
    }

    fn add_skill_at(&mut self, x: f32, y: f32, ctx: &egui::Context) {
        let roadmap = &self.document.roadmap;
        // The stage whose column is under the point, else the nearest one.
        let stage_id = self
            .document
            .layout
            .stage_bands
            .iter()
            .min_by(|a, b| {
                let distance = |band: &&crate::layout::StageBand| {
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
            self.show_notice(
                "Add a stage first: Edit > Roadmap details and stages…".to_owned(),
                ctx,
            );
            return;
        };
        let title = "New skill";
        let position = self.free_position_near(
            x - crate::layout::NODE_WIDTH / 2.0,
            y - crate::layout::NODE_HEIGHT / 2.0,
        );
        let roadmap = &self.document.roadmap;
        let skill = Skill {
            position: Some(position),
            ..Skill::new(roadmap.unique_skill_id(title), title, stage_id)
        };
        let skill_id = skill.id.clone();
        self.apply_now(
            Action::Edit {
                edit: RoadmapEdit::AddSkill { skill },
                gesture: None,
            },
            ctx,
        );
        if self.document.skill(&skill_id).is_some() {
            self.selected = Some(skill_id);
            self.extra_selection.clear();
            self.editor.start_editing_title();
        }
    }

    /// The first place at or below (x, y) where a new node overlaps none, so an added skill
    /// never hides another.
    fn free_position_near(&self, x: f32, y: f32) -> (f32, f32) {
        use crate::layout::{NODE_HEIGHT, NODE_WIDTH};
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

    fn save_roadmap_as(&mut self, path: &Path, ctx: &egui::Context) {
        match self.document.save_roadmap_as(path) {
            Ok(()) => {
                self.roadmap_file_stamp = self.current_file_stamp();
                self.disk_change = None;
                self.show_notice(format!("Saved {}", path.display()), ctx);
                self.save_state();
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
        self.progress_changed = true;
    }

    fn pick_roadmap_save_path(&self) -> Option<PathBuf> {
        let file_name = format!("{}.ron", self.document.roadmap.id);
        self.pick_save_path("Save roadmap as", file_name)
    }

    /// Runs a change to the document as one undo step (or part of the gesture's step).
    fn change(
        &mut self,
        label: String,
        gesture: Option<String>,
        ctx: &egui::Context,
        change: impl FnOnce(&mut Document) -> Result<bool, EditError>,
    ) {
        let before = self.snapshot();
        match change(&mut self.document) {
            // An edit that changes nothing (a stage moved to where it is) is no undo step.
            Ok(true) if self.snapshot() != before => {
                self.history.record(label, before, gesture);
                self.mark_unsaved(ctx, true);
            }
            Ok(_) => {}
            Err(error) => self.show_notice(format!("Can’t {label}: {error}"), ctx),
        }
    }

    fn show_notice(&mut self, text: String, ctx: &egui::Context) {
        log::info!("{text}");
        self.notice = Some((text, ctx.input(|input| input.time)));
    }

    /// Runs `action` now, or first asks to save unsaved roadmap edits.
    fn after_unsaved_roadmap(&mut self, action: Action, ctx: &egui::Context) {
        if self.document.is_roadmap_modified() {
            self.pending_after_unsaved = Some(Box::new(action));
        } else {
            self.apply_now(action, ctx);
        }
    }

    /// The document and the team plan as they are now, for undo.
    fn snapshot(&self) -> Snapshot {
        let mut snapshot = self.document.snapshot();
        snapshot.team = self.team.as_ref().map(|session| session.team.clone());
        snapshot
    }

    /// The open team plan, if any.
    pub fn team(&self) -> Option<&TeamSession> {
        self.team.as_ref()
    }

    /// The open team plan's window state (tab, filters), for benchmarks and tests.
    pub fn team_mut(&mut self) -> Option<&mut TeamSession> {
        self.team.as_mut()
    }

    /// Applies one action: the only place where the app's state changes.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::OpenRoadmap(_)
            | Action::OpenBundledRoadmap
            | Action::NewRoadmap
            | Action::Quit => {
                self.after_unsaved_roadmap(action, ctx);
            }
            other => self.apply_now(other, ctx),
        }
    }

    fn apply_now(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::Select(skill_id) => {
                self.selected = skill_id.filter(|id| self.document.skill(id).is_some());
                self.extra_selection.clear();
                self.mark_unsaved(ctx, false);
            }
            Action::ToggleSelected(skill_id) => {
                if self.selected.as_ref() == Some(&skill_id) {
                    self.selected = self.extra_selection.pop_first();
                } else if !self.extra_selection.remove(&skill_id)
                    && let Some(previous) = self.selected.replace(skill_id)
                {
                    self.extra_selection.insert(previous);
                }
            }
            Action::SelectMany(skill_ids) => {
                let mut skill_ids = skill_ids.into_iter();
                self.selected = skill_ids.next();
                self.extra_selection = skill_ids.collect();
            }
            Action::SetStatus { skill_id, status }
                if let Some(member) = self.team.as_ref().and_then(TeamSession::lens_member) =>
            {
                // The graph shows a team member: the status is theirs.
                let edit = crate::model::TeamEdit::SetStatus {
                    member,
                    skill_id,
                    status,
                };
                self.apply_team(
                    TeamAction::Edit {
                        edit,
                        gesture: None,
                    },
                    ctx,
                );
            }
            Action::SetStatus { skill_id, status } => {
                let title = self.document.skill_title(&skill_id);
                let label = format!("mark “{title}” {}", status.label().to_lowercase());
                self.change(label, None, ctx, |document| {
                    Ok(document.set_status(&skill_id, status))
                });
            }
            Action::ToggleLearned(skill_id) => {
                let lens_member = self.team.as_ref().and_then(|session| {
                    let member = session.team.members.get(session.lens_member()?)?;
                    member.status(&skill_id)
                });
                let current =
                    lens_member.unwrap_or_else(|| self.document.progress.status(&skill_id));
                let status = match current {
                    Status::Learned => Status::NotStarted,
                    _ => Status::Learned,
                };
                self.apply(Action::SetStatus { skill_id, status }, ctx);
            }
            Action::SetNotes { skill_id, notes } => {
                let title = self.document.skill_title(&skill_id);
                let gesture = Some(format!("notes:{skill_id}"));
                self.change(
                    format!("edit the notes on “{title}”"),
                    gesture,
                    ctx,
                    |document| Ok(document.set_notes(&skill_id, &notes)),
                );
            }
            Action::Focus(skill_id) => {
                if self.document.skill(&skill_id).is_some() {
                    self.selected = Some(skill_id.clone());
                    self.canvas.request = Some(ViewRequest::Focus(skill_id));
                    self.mark_unsaved(ctx, false);
                }
            }
            Action::FitView => self.canvas.request = Some(ViewRequest::Fit),
            Action::Export { format, path } => {
                // PNG at twice the canvas's 1:1 size: sharp on high-density screens.
                let written = format
                    .render_document(&self.document, 2.0)
                    .and_then(|bytes| {
                        files::write_atomically(&path, &bytes).map_err(|e| e.to_string())
                    });
                match written {
                    Ok(()) => self.show_notice(format!("Exported to {}", path.display()), ctx),
                    Err(error) => self.errors.push(ErrorReport {
                        title: "The export could not be written".to_owned(),
                        details: format!("{}: {error}", path.display()),
                    }),
                }
            }
            Action::OpenRoadmap(path) => self.open_roadmap(RoadmapSource::File(absolute(&path))),
            Action::OpenFile(path) => self.open_file(&absolute(&path), ctx),
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
                self.mark_unsaved(ctx, false);
            }
            Action::FollowSystemTheme => {
                self.state.dark_mode = None;
                self.mark_unsaved(ctx, false);
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
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Action::Edit { edit, gesture } => {
                let label = edit.label(&self.document.roadmap);
                self.change(label, gesture, ctx, |document| {
                    document.edit(&edit).map(|()| true)
                });
                self.selected = self
                    .selected
                    .take()
                    .filter(|id| self.document.skill(id).is_some());
                self.extra_selection
                    .retain(|id| self.document.skill(id).is_some());
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
                    self.notes = details::NotesEditor::default();
                    self.editor = skill_editor::EditorState::default();
                    self.selected = self
                        .selected
                        .take()
                        .filter(|id| self.document.skill(id).is_some());
                    self.extra_selection
                        .retain(|id| self.document.skill(id).is_some());
                    self.mark_unsaved(ctx, true);
                }
            }
            Action::AddSkillAt { x, y } => self.add_skill_at(x, y, ctx),
            Action::DeleteSelected => {
                let skill_ids = self.selected_skills();
                if skill_ids.is_empty() {
                    return;
                }
                let has_progress = skill_ids
                    .iter()
                    .any(|id| self.document.progress.skills.contains_key(id));
                if has_progress {
                    self.confirm_delete = Some(skill_ids);
                } else {
                    self.apply_now(Action::ConfirmDelete(skill_ids), ctx);
                }
            }
            Action::ConfirmDelete(skill_ids) => {
                self.confirm_delete = None;
                self.apply_now(
                    Action::Edit {
                        edit: RoadmapEdit::RemoveSkills { skill_ids },
                        gesture: None,
                    },
                    ctx,
                );
            }
            Action::CancelDelete => self.confirm_delete = None,
            Action::SaveRoadmap => match self.document.source.file_path().map(Path::to_path_buf) {
                Some(path) => self.save_roadmap_as(&path, ctx),
                // A bundled roadmap is never changed in place: ask where the copy goes.
                None => {
                    if let Some(path) = self.pick_roadmap_save_path() {
                        self.apply_now(Action::SaveRoadmapAs(path), ctx);
                    }
                }
            },
            Action::SaveRoadmapAs(path) => {
                let path = absolute(&path);
                let is_new_file = self.document.source.file_path() != Some(path.as_path());
                if is_new_file {
                    self.give_new_roadmap_id(&path);
                }
                self.save_roadmap_as(&path, ctx);
            }
            Action::NewRoadmap => {
                self.save_now();
                let roadmap = Roadmap::new_empty(
                    &format!("roadmap-{}", Timestamp::now().unix_secs),
                    "Untitled roadmap",
                );
                self.document = Document::open(
                    roadmap,
                    RoadmapSource::New,
                    self.data_dir.as_ref(),
                    &self.state,
                );
                self.history.clear();
                self.notes = details::NotesEditor::default();
                self.restore_view();
            }
            Action::ShowRoadmapDetails(show) => self.show_roadmap_details = show,
            Action::Team(action) => self.apply_team(action, ctx),
            Action::SetNotesPrivate { skill_id, private } => {
                let label = if private {
                    "make the notes private"
                } else {
                    "make the notes shareable"
                };
                self.change(label.to_owned(), None, ctx, |document| {
                    Ok(document.set_notes_private(&skill_id, private))
                });
            }
            Action::ReattachProgress { from, to } => {
                let title = self.document.skill_title(&to);
                self.change(
                    format!("re-attach the progress on “{from}” to “{title}”"),
                    None,
                    ctx,
                    |document| Ok(document.reattach(&from, &to)),
                );
            }
            Action::ExportKeptProgress(path) => {
                let mut kept = self.document.progress.clone();
                let orphaned: foldhash::HashSet<&String> =
                    self.document.orphaned_progress().iter().collect();
                kept.skills.retain(|id, _| orphaned.contains(id));
                self.write_progress_export(&path, &kept.for_sharing(true), ctx);
            }
            Action::ExportProgress {
                path,
                include_notes,
            } => {
                let shared = self.document.progress.for_sharing(include_notes);
                self.write_progress_export(&path, &shared, ctx);
            }
        }
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
                self.document =
                    Document::open(roadmap, source.clone(), self.data_dir.as_ref(), &self.state);
                if let RoadmapSource::File(path) = &source {
                    self.state.remember_recent(path);
                }
                self.disk_change = None;
                self.state.roadmap = source;
                self.roadmap_file_stamp = self.current_file_stamp();
                self.note_carried_over();
                // Undo steps belong to the document they were made in.
                self.history.clear();
                self.notes = details::NotesEditor::default();
                self.editor = skill_editor::EditorState::default();
                self.restore_view();
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
        self.progress_changed = true;
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
        self.pending_notice = Some(format!(
            "This version of the roadmap renamed {} skills; your progress moved with them: {}{more}",
            moved.len(),
            list.join(", ")
        ));
    }

    fn write_progress_export(
        &mut self,
        path: &Path,
        progress: &crate::model::Progress,
        ctx: &egui::Context,
    ) {
        match files::save_progress(path, progress) {
            Ok(()) => self.show_notice(
                format!(
                    "Exported progress on {} skills to {}",
                    progress.skills.len(),
                    path.display()
                ),
                ctx,
            ),
            Err(error) => self.errors.push(ErrorReport {
                title: "The progress could not be exported".to_owned(),
                details: error.to_string(),
            }),
        }
    }

    /// Opens a file as what its content says it is.
    fn open_file(&mut self, path: &Path, ctx: &egui::Context) {
        let kind = files::read_text(path).map(|text| files::detect_kind(&text));
        match kind {
            Ok(Some(files::FileKind::Roadmap)) => {
                self.apply(Action::OpenRoadmap(path.to_owned()), ctx);
            }
            Ok(Some(files::FileKind::Progress)) => self.open_progress(path),
            Ok(Some(files::FileKind::Team)) => {
                self.apply(Action::Team(TeamAction::Open(path.to_owned())), ctx);
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
                self.errors.push(report("The file could not be opened; nothing was changed", &error));
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
                self.notes = details::NotesEditor::default();
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

    /// Selects a skill (by index) and scrolls the canvas to it if it is out of view.
    fn select_and_reveal(&mut self, index: Option<usize>) {
        let Some(skill_id) = index
            .and_then(|index| self.document.roadmap.skills.get(index))
            .map(|skill| skill.id.clone())
        else {
            return;
        };
        self.actions.push(Action::Select(Some(skill_id.clone())));
        self.canvas.request = Some(ViewRequest::Reveal(skill_id));
    }

    fn mark_unsaved(&mut self, ctx: &egui::Context, progress_changed: bool) {
        self.progress_changed |= progress_changed;
        if self.unsaved_since.is_none() {
            self.unsaved_since = Some(ctx.input(|input| input.time));
        }
    }

    fn autosave_tick(&mut self, ctx: &egui::Context) {
        if self.canvas.scene_rect != self.saved_scene_rect
            && !ctx.input(|input| input.pointer.any_down())
        {
            self.saved_scene_rect = self.canvas.scene_rect;
            self.mark_unsaved(ctx, false);
        }
        let Some(since) = self.unsaved_since else {
            return;
        };
        let elapsed = ctx.input(|input| input.time) - since;
        if elapsed >= AUTOSAVE_DELAY_SECS {
            self.save_now();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                AUTOSAVE_DELAY_SECS - elapsed,
            ));
        }
    }

    /// Writes progress (if changed) and the app state now. Called by autosave, before
    /// opening another file, and on exit.
    pub fn save_now(&mut self) {
        if self.progress_changed {
            match self.document.save_progress() {
                Ok(()) => self.progress_changed = false,
                Err(error) => {
                    log::error!("autosave failed: {error}");
                    self.errors.push(ErrorReport {
                        title: "Your progress could not be saved".to_owned(),
                        details: format!("{error}\nWaymark keeps it open and will try again after your next change."),
                    });
                }
            }
        }
        self.save_team();
        self.save_draft();
        self.save_state();
        self.unsaved_since = None;
    }

    /// Keeps unsaved roadmap edits in the data folder's draft, or removes the draft when
    /// there are none (saved, discarded, undone).
    fn save_draft(&mut self) {
        let Some(dir) = &self.data_dir else {
            return;
        };
        if self.draft_offer.is_some()
            || (self.draft_deferred && !self.document.is_roadmap_modified())
        {
            return; // the draft of the last run waits for the person's answer
        }
        if self.document.is_roadmap_modified() {
            let revision = Some((self.document.roadmap.id.clone(), self.document.revision()));
            if self.drafted_revision == revision {
                return;
            }
            self.drafted_revision = revision;
            let draft = crate::storage::Draft {
                source: self.document.source.clone(),
                saved_at: Timestamp::now(),
                roadmap: self.document.roadmap.clone(),
            };
            if let Err(error) = dir.save_draft(&draft) {
                log::warn!("could not write the draft: {error}");
            }
        } else {
            self.drafted_revision = None;
            dir.remove_draft();
        }
    }

    fn current_file_stamp(&self) -> Option<std::time::SystemTime> {
        let path = self.document.source.file_path()?;
        std::fs::metadata(path).and_then(|m| m.modified()).ok()
    }

    /// When the window comes back to the front, looks whether the roadmap's file changed
    /// on disk since it was read or saved here; if so, offers to reload it.
    fn check_file_on_disk(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|input| {
            input
                .events
                .iter()
                .any(|event| matches!(event, egui::Event::WindowFocused(true)))
        });
        if !focused {
            return;
        }
        self.check_team_on_disk(ctx);
        let stamp = self.current_file_stamp();
        if stamp == self.roadmap_file_stamp {
            return;
        }
        self.roadmap_file_stamp = stamp;
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
            Err(error) => self.show_notice(
                format!("The roadmap file changed on disk and cannot be read now: {error}"),
                ctx,
            ),
        }
    }

    /// The banner offering to reload a roadmap changed on disk.
    fn disk_change_ui(&mut self, ui: &mut egui::Ui) {
        let Some((_, changes)) = &self.disk_change else {
            return;
        };
        let count = changes
            .lines()
            .filter(|line| line.starts_with("  "))
            .count();
        let modified = self.document.is_roadmap_modified();
        let mut reload = false;
        let mut keep = false;
        egui::Panel::top("disk-change").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!(
                    "The roadmap file changed on disk ({count} changes)."
                ));
                if modified {
                    ui.label("Reloading replaces your unsaved edits.");
                }
                reload = ui.button("Reload").clicked();
                keep = ui.button("Keep mine").clicked();
            });
            ui.add_space(4.0);
        });
        if reload {
            let source = self.document.source.clone();
            // The edits are replaced only if the file opens; their draft goes with the
            // next save after that.
            self.open_roadmap(source);
        } else if keep {
            self.disk_change = None;
        }
    }

    /// The offer to restore unsaved edits from the last run.
    fn draft_offer_ui(&mut self, ctx: &egui::Context) {
        let Some(draft) = &self.draft_offer else {
            return;
        };
        let mut choice = None;
        let mut restore_button = None;
        let modal = egui::Modal::new(egui::Id::unique("restore-draft")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("Restore unsaved edits?");
            ui.label(format!(
                "Edits to “{}” made on {} were not saved when Waymark last closed.",
                draft.roadmap.title,
                draft.saved_at.date_string()
            ));
            ui.add_space(6.0);
            ui.label(
                RichText::new("Enter restores them; Escape decides later (they are kept).").weak(),
            );
            ui.horizontal(|ui| {
                let restore = ui.button("Restore");
                restore_button = Some(restore.rect);
                if restore.clicked() {
                    choice = Some(true);
                }
                if ui.button("Discard").clicked() {
                    choice = Some(false);
                }
            });
        });
        self.restore_button = restore_button;
        if ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::Enter)) {
            choice = Some(true); // Restore is the default
        }
        if modal.should_close() && choice.is_none() {
            self.defer_draft_offer();
            return;
        }
        match choice {
            Some(true) => {
                if let Some(draft) = self.draft_offer.take() {
                    self.restore_draft(draft, ctx);
                }
            }
            Some(false) => {
                self.draft_offer = None;
                if let Some(dir) = &self.data_dir {
                    dir.remove_draft();
                }
            }
            None => {}
        }
    }

    /// Escape or a click outside the offer: decide later. The draft stays for the next
    /// start (until new edits replace it).
    fn defer_draft_offer(&mut self) {
        self.draft_offer = None;
        self.draft_deferred = true;
    }

    /// Puts a draft's edits back on the roadmap they were made on (opening it first if
    /// another one is open), as unsaved edits that undo can take back.
    fn restore_draft(&mut self, draft: crate::storage::Draft, ctx: &egui::Context) {
        if draft.source != self.document.source {
            match draft.source {
                RoadmapSource::New => {
                    let roadmap = Roadmap::new_empty(&draft.roadmap.id, &draft.roadmap.title);
                    self.document = Document::open(
                        roadmap,
                        RoadmapSource::New,
                        self.data_dir.as_ref(),
                        &self.state,
                    );
                    self.history.clear();
                    self.restore_view();
                }
                ref source => self.open_roadmap(source.clone()),
            }
        }
        if self.document.source != draft.source {
            return; // the roadmap could not be opened, and said why; the draft stays
        }
        let roadmap = draft.roadmap;
        self.change("restore unsaved edits".to_owned(), None, ctx, |document| {
            let mut snapshot = document.snapshot();
            snapshot.roadmap = roadmap;
            document.restore(snapshot);
            Ok(true)
        });
        self.save_now();
    }

    fn save_state(&mut self) {
        let rect = self.canvas.scene_rect;
        let view = ViewState {
            scene_rect: (rect.is_positive() && rect.is_finite())
                .then_some([rect.min.x, rect.min.y, rect.max.x, rect.max.y]),
            selected_skill: self.selected.clone(),
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

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_dark_mode != self.state.dark_mode {
            match self.state.dark_mode {
                Some(true) => ctx.set_theme(egui::Theme::Dark),
                Some(false) => ctx.set_theme(egui::Theme::Light),
                None => ctx.set_theme(egui::ThemePreference::System),
            }
            self.applied_dark_mode = self.state.dark_mode;
        }
        // The text size: restored on start, remembered when changed (by the menu or by
        // egui's own Ctrl and + / - / 0).
        match self.state.ui_scale {
            Some(scale) if !self.ui_scale_applied => {
                ctx.set_zoom_factor(scale);
                self.ui_scale_applied = true;
            }
            _ => {
                self.ui_scale_applied = true;
                let zoom = ctx.zoom_factor();
                let current = self.state.ui_scale.unwrap_or(1.0);
                if (zoom - current).abs() > 0.001 {
                    self.state.ui_scale = Some(zoom);
                    self.save_state();
                }
            }
        }
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let marker = if self.document.is_roadmap_modified() {
            "• "
        } else {
            ""
        };
        let title = format!("{marker}{} — Waymark", self.document.display_name());
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnsavedChoice {
    Save,
    Discard,
    Cancel,
}

fn report(title: &str, error: &LoadError) -> ErrorReport {
    log::warn!("{title}: {error}");
    ErrorReport {
        title: title.to_owned(),
        details: error.to_string(),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

impl eframe::App for WaymarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        WaymarkApp::ui(self, ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_now();
    }
}

/// Opens the window. `roadmap_path` is a roadmap file given on the command line.
pub fn run_native(roadmap_path: Option<PathBuf>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Waymark")
        .with_app_id("waymark")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0]);
    match eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(error) => log::warn!("the app icon could not be decoded: {error}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "Waymark",
        options,
        Box::new(move |_creation_context| Ok(Box::new(WaymarkApp::from_environment(roadmap_path)))),
    )
}
