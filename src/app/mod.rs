//! The egui app: panels around the roadmap canvas. UI code reads the [`Document`] and pushes
//! [`Action`]s; [`WaymarkApp::apply`] changes state in one place and schedules autosave.

mod action;
mod canvas;
mod command;
mod details;
mod document;
mod overview;
mod theme;

use std::path::{Path, PathBuf};

use egui::{Rect, RichText};

pub use action::Action;
pub use canvas::{CanvasState, ViewRequest};
pub use command::UiCommand;
pub use document::{BrokenProgress, Document};

use crate::files::{self, LoadError};
use crate::model::Status;
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
    window_title: String,
    /// Whether a text field had focus at the end of the last frame.
    was_typing: bool,
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
                details: "Waymark found no data folder (is HOME set?). Use File → Save progress as… to keep your progress.".to_owned(),
            });
        }
        let document = Document::open(roadmap, source, data_dir.as_ref(), &state);
        let mut app = Self {
            data_dir,
            state,
            document,
            canvas: CanvasState::default(),
            selected: None,
            notes: details::NotesEditor::default(),
            actions: Vec::new(),
            errors,
            show_shortcuts: false,
            unsaved_since: None,
            progress_changed: false,
            saved_scene_rect: Rect::NOTHING,
            applied_dark_mode: None,
            window_title: String::new(),
            was_typing: false,
        };
        app.restore_view();
        app
    }

    /// The data folder from the environment (`WAYMARK_DATA_DIR` or the platform's).
    pub fn from_environment(roadmap_path: Option<PathBuf>) -> Self {
        Self::new(DataDir::from_environment(), roadmap_path)
    }

    pub fn selected_skill(&self) -> Option<&str> {
        self.selected.as_deref()
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
            .filter(|id| self.document.roadmap.skill(id).is_some());
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
        let mut commands = command::pressed_commands(&ctx, self.was_typing);

        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menu_ui(ui, &mut commands));
        });
        if let Some(broken) = self.document.broken_progress.clone() {
            egui::Panel::top("broken-progress")
                .show(ui, |ui| self.broken_progress_ui(ui, &broken, &mut commands));
        }
        egui::Panel::left("overview")
            .resizable(true)
            .default_size(250.0)
            .min_size(190.0)
            .show(ui, |ui| {
                overview::overview_ui(ui, &self.document, &mut self.actions);
            });
        if let Some(skill_id) = self.selected.clone() {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(360.0)
                .min_size(260.0)
                .show(ui, |ui| {
                    details::details_ui(
                        ui,
                        &self.document,
                        &skill_id,
                        &mut self.notes,
                        &mut self.actions,
                    );
                });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            canvas::canvas_ui(
                ui,
                &self.document,
                &mut self.canvas,
                self.selected.as_deref(),
                &mut self.actions,
            );
            let overlay = Rect::from_min_size(
                ui.max_rect().right_top() + egui::vec2(-80.0, 10.0),
                egui::vec2(70.0, 30.0),
            );
            ui.scope_builder(egui::UiBuilder::new().max_rect(overlay), |ui| {
                if ui
                    .button("Fit")
                    .on_hover_text(UiCommand::FitView.text_with_shortcut(ui.ctx()))
                    .clicked()
                {
                    commands.push(UiCommand::FitView);
                }
            });
        });

        self.errors_ui(&ctx);
        self.shortcuts_ui(&ctx);

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
        self.was_typing = ctx.text_edit_focused();
        if ctx.input(|input| input.viewport().close_requested()) {
            self.save_now();
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<UiCommand>) {
        ui.menu_button("File", |ui| {
            for command in [
                UiCommand::OpenRoadmap,
                UiCommand::OpenBundledRoadmap,
                UiCommand::OpenProgress,
                UiCommand::SaveProgressAs,
                UiCommand::Quit,
            ] {
                command.menu_button(ui, commands);
            }
        });
        ui.menu_button("View", |ui| {
            for command in [
                UiCommand::FitView,
                UiCommand::ZoomToSelection,
                UiCommand::Deselect,
                UiCommand::ToggleTheme,
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

    fn run_command(&mut self, command: UiCommand, ctx: &egui::Context) {
        let ron_dialog = || {
            rfd::FileDialog::new()
                .add_filter("Waymark files", &["ron"])
                .add_filter("All files", &["*"])
        };
        match command {
            UiCommand::OpenRoadmap => {
                if let Some(path) = ron_dialog().set_title("Open roadmap").pick_file() {
                    self.actions.push(Action::OpenRoadmap(path));
                }
            }
            UiCommand::OpenBundledRoadmap => self.actions.push(Action::OpenBundledRoadmap),
            UiCommand::OpenProgress => {
                if let Some(path) = ron_dialog().set_title("Open progress").pick_file() {
                    self.actions.push(Action::OpenProgress(path));
                }
            }
            UiCommand::SaveProgressAs => {
                let file_name = format!("{}-progress.ron", self.document.roadmap.id);
                if let Some(path) = ron_dialog()
                    .set_title("Save progress as")
                    .set_file_name(file_name)
                    .save_file()
                {
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
                if self.errors.is_empty() && !self.show_shortcuts {
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
            UiCommand::ShowShortcuts => self.actions.push(Action::ShowShortcuts(true)),
        }
    }

    /// Applies one action: the only place where the app's state changes.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::Select(skill_id) => {
                self.selected = skill_id.filter(|id| self.document.roadmap.skill(id).is_some());
                self.mark_unsaved(ctx, false);
            }
            Action::SetStatus { skill_id, status } => {
                if self.document.set_status(&skill_id, status) {
                    self.mark_unsaved(ctx, true);
                }
            }
            Action::ToggleLearned(skill_id) => {
                let status = match self.document.progress.status(&skill_id) {
                    Status::Learned => Status::NotStarted,
                    _ => Status::Learned,
                };
                self.apply(Action::SetStatus { skill_id, status }, ctx);
            }
            Action::SetNotes { skill_id, notes } => {
                if self.document.set_notes(&skill_id, &notes) {
                    self.mark_unsaved(ctx, true);
                }
            }
            Action::Focus(skill_id) => {
                if self.document.roadmap.skill(&skill_id).is_some() {
                    self.selected = Some(skill_id.clone());
                    self.canvas.request = Some(ViewRequest::Focus(skill_id));
                    self.mark_unsaved(ctx, false);
                }
            }
            Action::FitView => self.canvas.request = Some(ViewRequest::Fit),
            Action::OpenRoadmap(path) => self.open_roadmap(RoadmapSource::File(absolute(&path))),
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
            Action::ShowShortcuts(show) => self.show_shortcuts = show,
            Action::DismissError => {
                if !self.errors.is_empty() {
                    self.errors.remove(0);
                }
            }
            Action::Quit => {
                self.save_now();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn open_roadmap(&mut self, source: RoadmapSource) {
        match Document::load_roadmap(&source) {
            Ok(roadmap) => {
                self.save_now();
                self.document =
                    Document::open(roadmap, source.clone(), self.data_dir.as_ref(), &self.state);
                self.state.roadmap = source;
                self.notes = details::NotesEditor::default();
                self.restore_view();
                self.save_state();
            }
            Err(error) => self.errors.push(report(
                "The roadmap could not be opened; nothing was changed",
                &error,
            )),
        }
    }

    fn open_progress(&mut self, path: &Path) {
        match files::load_progress(path, Some(&self.document.roadmap)) {
            Ok((progress, warnings)) => {
                self.save_now();
                self.document.adopt_progress(path, progress, warnings);
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
        self.save_state();
        self.unsaved_since = None;
    }

    fn save_state(&mut self) {
        let rect = self.canvas.scene_rect;
        let view = ViewState {
            scene_rect: (rect.is_positive() && rect.is_finite())
                .then_some([rect.min.x, rect.min.y, rect.max.x, rect.max.y]),
            selected_skill: self.selected.clone(),
        };
        self.state
            .views
            .insert(self.document.roadmap.id.clone(), view);
        self.state.roadmap = self.document.source.clone();
        if let Some(data_dir) = &self.data_dir
            && let Err(error) = data_dir.save_state(&self.state)
        {
            log::warn!("could not save the app state: {error}");
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_dark_mode != self.state.dark_mode {
            if let Some(dark_mode) = self.state.dark_mode {
                ctx.set_theme(if dark_mode {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            self.applied_dark_mode = self.state.dark_mode;
        }
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = format!("{} — Waymark", self.document.display_name());
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
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
