//! The egui app: panels around the roadmap canvas. UI code reads the session and pushes
//! [`Action`]s; at the end of the frame they go to [`Session::apply`], the one place where
//! state changes, and the app carries out the [`Effect`]s it returns.

mod automation;
mod canvas;
mod command;
mod command_handling;
mod details;
mod details_levels;
mod dialogs;
mod frame;
mod icons;
mod keyboard;
mod menus;
mod more;
mod overview;
mod palette;
mod roadmap_details;
mod search;
mod selection_panel;
mod skill_editor;
mod target;
mod team;
mod timeline;

use std::path::PathBuf;

use egui::Rect;

pub use crate::session::{
    Action, BrokenProgress, Document, Effect, ErrorReport, GraphLens, History, Session, Snapshot,
    TeamAction, TeamSession, TeamTab, ViewRequest,
};
pub use canvas::CanvasState;
pub use command::UiCommand;

use crate::files::storage::DataDir;

pub struct WaymarkApp {
    /// Everything that is not how the window looks: the document, undo, the team plan,
    /// what is to be saved.
    pub session: Session,
    canvas: CanvasState,
    search: search::SearchState,
    palette: palette::Palette,
    target: target::TargetState,
    timeline: timeline::TimelineState,
    notes: details::NotesEditor,
    editor: skill_editor::EditorState,
    /// What the UI asked for this frame, applied at its end.
    actions: Vec<Action>,
    /// The "Export progress" dialog, when open: whether to include notes.
    export_progress: Option<bool>,
    /// The theme last set on the context, to set it again only when it changes.
    applied_dark_mode: Option<bool>,
    ui_scale_applied: bool,
    window_title: String,
    /// Whether a text field had focus at the end of the last frame.
    was_typing: bool,
    /// Frames in a row that ended with a text field holding the keyboard.
    typing_frames: u32,
    /// The part of the scene last reported to the session, to tell it when the view moves.
    reported_scene_rect: Rect,
    /// Where the draft offer's Restore button was drawn, for the automation report.
    restore_button: Option<Rect>,
    /// Where the details panel is, for the automation report.
    details_rect: Option<Rect>,
    automation: automation::AutomationReport,
}

impl WaymarkApp {
    /// Starts with the roadmap given on the command line, else the one open last time, else
    /// the bundled one (see [`Session::new`]).
    pub fn new(data_dir: Option<DataDir>, roadmap_path: Option<PathBuf>) -> Self {
        let mut app = Self {
            session: Session::new(data_dir, roadmap_path),
            canvas: CanvasState::default(),
            search: search::SearchState::default(),
            palette: palette::Palette::default(),
            target: target::TargetState::default(),
            timeline: timeline::TimelineState::default(),
            notes: details::NotesEditor::default(),
            editor: skill_editor::EditorState::default(),
            actions: Vec::new(),
            export_progress: None,
            applied_dark_mode: None,
            ui_scale_applied: false,
            window_title: String::new(),
            was_typing: false,
            typing_frames: 0,
            reported_scene_rect: Rect::NOTHING,
            restore_button: None,
            details_rect: None,
            automation: automation::AutomationReport::from_environment(),
        };
        app.reset_view(app.session.view_rect);
        app
    }

    /// The data folder from the environment (`WAYMARK_DATA_DIR` or the platform's).
    pub fn from_environment(files: Vec<PathBuf>) -> Self {
        Self::with_files(DataDir::from_environment(), files)
    }

    /// The app started with files a desktop or the command line gave: the first roadmap
    /// (or team plan) opens as the app starts, the rest as if dropped on the window, in
    /// order.
    pub fn with_files(data_dir: Option<DataDir>, files: Vec<PathBuf>) -> Self {
        let (first, rest) = crate::session::startup_files(files);
        let mut app = Self::new(data_dir, first);
        for path in rest {
            app.push_action(Action::OpenFile(path));
        }
        app
    }

    pub fn document(&self) -> &Document {
        &self.session.document
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
        self.session
            .document
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
            .filter_map(|hit| self.session.document.roadmap.skills.get(hit.skill_index))
            .map(|skill| skill.id.as_str())
            .collect()
    }

    pub fn selected_skill(&self) -> Option<&str> {
        self.session.selection.primary.as_deref()
    }

    /// Every selected skill: the one in the details panel and those selected with it.
    pub fn selected_skills(&self) -> Vec<String> {
        self.session.selection.all()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.session.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.session.history.redo_label()
    }

    /// The message shown over the canvas, if any (a refused edit, a saved file).
    pub fn notice(&self) -> Option<&str> {
        self.session
            .notice
            .as_ref()
            .map(|notice| notice.text.as_str())
    }

    /// Skills waiting for a delete confirmation.
    pub fn pending_delete(&self) -> Option<&[String]> {
        self.session.confirm_delete.as_deref()
    }

    pub fn errors(&self) -> &[ErrorReport] {
        &self.session.errors
    }

    /// What changed when another version of the open roadmap was opened, as text.
    pub fn roadmap_changes(&self) -> Option<&str> {
        self.session.roadmap_changes.as_deref()
    }

    pub fn canvas(&self) -> &CanvasState {
        &self.canvas
    }

    /// Whether the canvas's right-click menu is open.
    pub fn is_context_menu_open(&self) -> bool {
        self.canvas.is_context_menu_open()
    }

    /// Where a skill is drawn on screen right now.
    pub fn skill_screen_rect(&self, skill_id: &str) -> Option<Rect> {
        self.canvas
            .skill_screen_rect(&self.session.document, skill_id)
    }

    /// The open team plan, if any.
    pub fn team(&self) -> Option<&TeamSession> {
        self.session.team.as_ref()
    }

    /// The open team plan's window state (tab, filters), for benchmarks and tests.
    pub fn team_mut(&mut self) -> Option<&mut TeamSession> {
        self.session.team.as_mut()
    }

    /// Queues an action as if the UI had emitted it; it is applied at the end of the next frame.
    pub fn push_action(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Writes everything that is waiting to be written, now.
    pub fn save_now(&mut self) {
        self.session.save_now();
    }
}

impl eframe::App for WaymarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        WaymarkApp::ui(self, ui);
    }

    /// Behind everything, the theme's panel colour (eframe's default is near-black in
    /// either theme).
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.session.save_now();
    }
}

/// The name the desktop knows the window by (Wayland's app id, X11's class): the desktop
/// entry is `APP_ID.desktop`, so the menu's icon and name go with the running window.
pub const APP_ID: &str = "waymark";

/// Opens the window. `roadmap_path` is a roadmap file given on the command line.
pub fn run_native(files: Vec<PathBuf>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Waymark")
        .with_app_id(APP_ID)
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
        Box::new(move |_creation_context| Ok(Box::new(WaymarkApp::from_environment(files)))),
    )
}
