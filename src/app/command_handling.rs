//! From intent to change: commands (menus, shortcuts, the palette) become actions, file
//! dialogs ask for the paths they need, actions go to the session, and the effects it
//! returns are carried out here.

use std::path::{Path, PathBuf};

use super::command::UiCommand;
use super::{WaymarkApp, canvas::CanvasState, details, skill_editor};
use crate::model::RoadmapEdit;
use crate::session::{Action, Effect, ErrorReport, ExportJob, GraphLens, PathRequest, TeamAction};

impl WaymarkApp {
    /// Applies an action through the session and carries out what it asks for.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        let effects = self.session.apply(action, ctx.input(|input| input.time));
        self.carry_out(effects, ctx);
    }

    pub(super) fn carry_out(&mut self, effects: Vec<Effect>, ctx: &egui::Context) {
        for effect in effects {
            if !matches!(effect, Effect::RepaintAfter(_)) {
                // What the effect changes is drawn in the next frame.
                ctx.request_repaint();
            }
            match effect {
                Effect::AskPath(PathRequest::SaveRoadmapAs) => {
                    if let Some(path) = self.pick_roadmap_save_path() {
                        self.apply(Action::SaveRoadmapAs(path), ctx);
                    }
                }
                Effect::View(request) => self.canvas.request = Some(request),
                Effect::ResetView(rect) => self.reset_view(rect),
                Effect::EditTitle => self.editor.start_editing_title(),
                Effect::ResetEditors => {
                    self.notes = details::NotesEditor::default();
                    self.editor = skill_editor::EditorState::default();
                }
                Effect::Export(job) => {
                    let report = self.write_export(&job);
                    self.apply(report, ctx);
                }
                Effect::Close => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Effect::CancelClose => ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose),
                Effect::RepaintAfter(secs) => {
                    ctx.request_repaint_after(std::time::Duration::from_secs_f64(secs.max(0.0)))
                }
            }
        }
    }

    /// The canvas starts again for another document, at the remembered part of the scene.
    pub(super) fn reset_view(&mut self, rect: Option<[f32; 4]>) {
        self.canvas = CanvasState::default();
        if let Some([x_min, y_min, x_max, y_max]) = rect {
            self.canvas.scene_rect =
                egui::Rect::from_min_max(egui::pos2(x_min, y_min), egui::pos2(x_max, y_max));
            self.canvas.request = None;
        }
        self.reported_scene_rect = self.canvas.scene_rect;
    }

    /// Makes an export file and writes it; returns the notice or the error to report.
    fn write_export(&self, job: &ExportJob) -> Action {
        let document = &self.session.document;
        let (path, bytes) = match job {
            // PNG at twice the canvas's 1:1 size: sharp on high-density screens.
            ExportJob::Roadmap { format, path } => (path, format.render_document(document, 2.0)),
            ExportJob::MemberPlan { member, path } => {
                let text = self.session.team.as_ref().and_then(|session| {
                    crate::team_export::member_plan_markdown(
                        &document.roadmap,
                        &session.team,
                        *member,
                        crate::model::Timestamp::now(),
                    )
                });
                (
                    path,
                    text.map(String::into_bytes)
                        .ok_or_else(|| "no such member".to_owned()),
                )
            }
            ExportJob::PromotionPacket { member, path } => {
                let text = self.session.team.as_ref().and_then(|session| {
                    crate::team_export::promotion_packet_markdown(
                        &document.roadmap,
                        &session.team,
                        *member,
                        None,
                        crate::model::Timestamp::now(),
                    )
                });
                (
                    path,
                    text.map(String::into_bytes).ok_or_else(|| {
                        "the member has no target role, or their progress is unavailable".to_owned()
                    }),
                )
            }
            ExportJob::MatrixCsv(path) => {
                let text = self.session.team.as_ref().map(|session| {
                    crate::team_export::matrix_csv(&document.roadmap, &session.team)
                });
                (
                    path,
                    text.map(String::into_bytes)
                        .ok_or_else(|| "no team plan is open".to_owned()),
                )
            }
        };
        // An export over the roadmap's or the progress file would lose it.
        let inputs = [
            document.source.file_path(),
            document.progress_path.as_deref(),
        ];
        let bytes = match inputs
            .into_iter()
            .flatten()
            .find(|input| crate::files::same_file(input, path))
        {
            Some(_) => Err(
                "that is a file the export is made from (the roadmap or your progress); choose another name"
                    .to_owned(),
            ),
            None => bytes,
        };
        let written = bytes.and_then(|bytes| {
            crate::files::write_atomically(path, &bytes).map_err(|e| e.to_string())
        });
        match written {
            Ok(()) => Action::ShowNotice(format!("Exported to {}", path.display())),
            Err(error) => Action::ReportError(ErrorReport {
                title: "The export could not be written".to_owned(),
                details: format!("{}: {error}", path.display()),
            }),
        }
    }

    /// A native dialog for Waymark files, starting where the files in use are: the chosen
    /// progress file's folder, the roadmap's, or home.
    pub(super) fn file_dialog(&self) -> rfd::FileDialog {
        let document = &self.session.document;
        let start_dir = document
            .progress_path
            .as_deref()
            .filter(|_| {
                self.session
                    .state
                    .progress_files
                    .contains_key(&document.roadmap.id)
            })
            .or(document.source.file_path())
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
    pub(super) fn pick_save_path(
        &self,
        title: &str,
        file_name: impl Into<String>,
    ) -> Option<PathBuf> {
        self.file_dialog()
            .set_title(title)
            .set_file_name(file_name)
            .save_file()
    }

    fn pick_roadmap_save_path(&self) -> Option<PathBuf> {
        let file_name = format!("{}.ron", self.session.document.roadmap.id);
        self.pick_save_path("Save roadmap as", file_name)
    }

    /// Turns a command into actions, asking for a path first where it needs one. Commands
    /// that only change how the window looks (the search box, the palette, text size) act
    /// on it here.
    pub(super) fn run_command(&mut self, command: UiCommand, ctx: &egui::Context) {
        let selected = self.session.selection.primary.clone();
        let roadmap_id = self.session.document.roadmap.id.clone();
        let action = match command {
            UiCommand::OpenRoadmap => self
                .file_dialog()
                .set_title("Open roadmap")
                .pick_file()
                .map(Action::OpenRoadmap),
            UiCommand::OpenBundledRoadmap => Some(Action::OpenBundledRoadmap),
            UiCommand::NewTeam => self
                .pick_save_path("New team plan", "team.ron")
                .map(|path| Action::Team(TeamAction::New(path))),
            UiCommand::OpenTeam => self
                .file_dialog()
                .set_title("Open team plan")
                .pick_file()
                .map(|path| Action::Team(TeamAction::Open(path))),
            UiCommand::OpenExampleTeam => Some(Action::Team(TeamAction::OpenExample)),
            UiCommand::SaveTeamAs => self
                .session
                .team
                .as_ref()
                .and_then(|_| self.pick_save_path("Save team plan as", "team.ron"))
                .map(|path| Action::Team(TeamAction::SaveAs(path))),
            UiCommand::CloseTeam => Some(Action::Team(TeamAction::Close)),
            UiCommand::ExportProgress => {
                self.export_progress = Some(true);
                None
            }
            UiCommand::ExportKeptProgress => self
                .pick_save_path(
                    "Export kept progress",
                    format!("{roadmap_id}-kept-progress.ron"),
                )
                .map(Action::ExportKeptProgress),
            UiCommand::ShowTeam => Some(match &self.session.team {
                Some(session) => Action::Team(TeamAction::Show(!session.window_open)),
                None => Action::ShowNotice(
                    "No team plan is open: File > New team plan… or Open the example team plan"
                        .to_owned(),
                ),
            }),
            UiCommand::ToggleTeamCoverage => self.session.team.as_ref().map(|session| {
                let lens = if session.lens == GraphLens::Coverage {
                    GraphLens::Own
                } else {
                    GraphLens::Coverage
                };
                Action::Team(TeamAction::SetLens(lens))
            }),
            UiCommand::OpenProgress => self
                .file_dialog()
                .set_title("Open progress")
                .pick_file()
                .map(Action::OpenProgress),
            UiCommand::SaveProgressAs => self
                .pick_save_path("Save progress as", format!("{roadmap_id}-progress.ron"))
                .map(Action::SaveProgressAs),
            UiCommand::Quit => Some(Action::Quit),
            UiCommand::FitView => Some(Action::FitView),
            UiCommand::ZoomToSelection => selected.map(Action::Focus),
            UiCommand::Deselect => (!self.session.show_shortcuts).then_some(Action::Select(None)),
            UiCommand::SetStatus(status) => match self.session.selection.all() {
                several if several.len() > 1 => Some(Action::SetStatuses {
                    skill_ids: several,
                    status,
                }),
                _ => selected.map(|skill_id| Action::SetStatus { skill_id, status }),
            },
            UiCommand::SetLevel(rank) => selected.and_then(|skill_id| {
                let roadmap = &self.session.document.roadmap;
                let level = match rank {
                    0 => None,
                    rank => Some(roadmap.level_at(usize::from(rank))?.id.clone()),
                };
                Some(Action::SetLevel { skill_id, level })
            }),
            UiCommand::ToggleTheme => Some(Action::SetDarkMode(ctx.theme() != egui::Theme::Dark)),
            UiCommand::FollowSystemTheme => Some(Action::FollowSystemTheme),
            UiCommand::ShowTimeline => {
                self.timeline.open = true;
                None
            }
            UiCommand::LargerText | UiCommand::SmallerText | UiCommand::ResetTextSize => {
                let zoom = match command {
                    UiCommand::LargerText => ctx.zoom_factor() + 0.1,
                    UiCommand::SmallerText => ctx.zoom_factor() - 0.1,
                    _ => 1.0,
                };
                // In tenths, as egui's own zoom keys step, so steps never drift.
                ctx.set_zoom_factor((zoom.clamp(0.5, 3.0) * 10.0).round() / 10.0);
                None
            }
            UiCommand::ShowShortcuts => Some(Action::ShowShortcuts(true)),
            UiCommand::About => Some(Action::ShowAbout(true)),
            UiCommand::Undo => Some(Action::Undo),
            UiCommand::Redo => Some(Action::Redo),
            UiCommand::AddSkill => {
                let center = self.canvas.scene_rect.center();
                Some(Action::AddSkillAt {
                    x: center.x,
                    y: center.y,
                })
            }
            UiCommand::DeleteSelected => Some(Action::DeleteSelected),
            UiCommand::NewRoadmap => Some(Action::NewRoadmap),
            UiCommand::SaveRoadmap => Some(Action::SaveRoadmap),
            UiCommand::SaveRoadmapAs => self.pick_roadmap_save_path().map(Action::SaveRoadmapAs),
            UiCommand::UpdateFork => {
                let upstream = self.session.document.roadmap.based_on.as_ref();
                match upstream.map(|u| crate::files::bundled::BundledRoadmap::with_id(&u.id)) {
                    None => Some(Action::ShowNotice(
                        "This roadmap is no copy of another: there is nothing to update it from"
                            .to_owned(),
                    )),
                    Some(Some(_)) => Some(Action::UpdateFork(None)),
                    Some(None) => self
                        .file_dialog()
                        .set_title("Update from the original roadmap")
                        .pick_file()
                        .map(|path| Action::UpdateFork(Some(path))),
                }
            }
            UiCommand::TidyLayout => {
                let selected = self.session.selection.all();
                let skill_ids = if selected.len() > 1 {
                    selected
                } else {
                    let skills = &self.session.document.roadmap.skills;
                    skills.iter().map(|s| s.id.clone()).collect()
                };
                Some(Action::Edit {
                    edit: RoadmapEdit::ClearPositions { skill_ids },
                    gesture: None,
                })
            }
            UiCommand::RoadmapDetails => Some(Action::ShowRoadmapDetails(true)),
            UiCommand::Find => {
                self.search.focus_requested = true;
                None
            }
            UiCommand::CommandPalette => {
                self.palette.open();
                None
            }
            UiCommand::SelectNearby(_)
            | UiCommand::SelectNext
            | UiCommand::SelectPrevious
            | UiCommand::GoAlongArrow(_)
            | UiCommand::NextAlongArrow
            | UiCommand::PreviousAlongArrow
            | UiCommand::ToggleLearned
            | UiCommand::WriteNotes
            | UiCommand::FocusCanvas
            | UiCommand::EditSkill
            | UiCommand::ShowRequirements
            | UiCommand::CopySkills
            | UiCommand::PasteSkills => self.run_canvas_command(command, ctx),
            UiCommand::ToggleWheelZoom => {
                Some(Action::SetWheelZooms(!self.session.state.wheel_zooms))
            }
            UiCommand::Export(format) => self
                .file_dialog()
                .set_title(format.description())
                .add_filter(format.description(), &[format.extension()])
                .set_file_name(format!("{roadmap_id}.{}", format.extension()))
                .save_file()
                .map(|path| Action::Export { format, path }),
        };
        if let Some(action) = action {
            self.actions.push(action);
        }
    }
}
