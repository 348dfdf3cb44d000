//! The menu bar, and the windows it opens that are not dialogs of their own: the
//! roadmap's details and stages, and the choice of notes for "Export progress".

use std::path::PathBuf;

use egui::RichText;

use super::WaymarkApp;
use super::command::UiCommand;
use crate::model::Status;
use crate::session::Action;
use crate::session::navigation::Hop;

impl WaymarkApp {
    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<UiCommand>) {
        top_menu(ui, "File", |ui| {
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
            ui.add_enabled_ui(self.session.document.roadmap.based_on.is_some(), |ui| {
                UiCommand::UpdateFork.menu_button(ui, commands);
            });
            ui.separator();
            for command in [
                UiCommand::OpenProgress,
                UiCommand::SaveProgressAs,
                UiCommand::ExportProgress,
            ] {
                command.menu_button(ui, commands);
            }
            ui.add_enabled_ui(
                !self.session.document.orphaned_progress().is_empty(),
                |ui| {
                    UiCommand::ExportKeptProgress.menu_button(ui, commands);
                },
            );
            ui.separator();
            for command in [
                UiCommand::NewTeam,
                UiCommand::OpenTeam,
                UiCommand::OpenExampleTeam,
            ] {
                command.menu_button(ui, commands);
            }
            ui.add_enabled_ui(self.session.team.is_some(), |ui| {
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
        top_menu(ui, "Edit", |ui| {
            let undo_text = self
                .session
                .history
                .undo_label()
                .map(|label| format!("Undo {label}"));
            let redo_text = self
                .session
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
            ui.add_enabled_ui(self.session.selection.primary.is_some(), |ui| {
                UiCommand::CopySkills.menu_button(ui, commands)
            });
            UiCommand::PasteSkills.menu_button(ui, commands);
            ui.separator();
            UiCommand::AddSkill.menu_button(ui, commands);
            ui.add_enabled_ui(self.session.selection.primary.is_some(), |ui| {
                UiCommand::DeleteSelected.menu_button(ui, commands)
            });
            UiCommand::TidyLayout.menu_button(ui, commands);
            ui.separator();
            UiCommand::RoadmapDetails.menu_button(ui, commands);
        });
        top_menu(ui, "View", |ui| {
            for command in [
                UiCommand::FitView,
                UiCommand::ZoomToSelection,
                UiCommand::Deselect,
                UiCommand::ShowTimeline,
                UiCommand::ShowTeam,
                UiCommand::ToggleTeamCoverage,
            ] {
                command.menu_button(ui, commands);
            }
            ui.separator();
            let mut wheel_zooms = self.session.state.wheel_zooms;
            let command = UiCommand::ToggleWheelZoom;
            if ui
                .checkbox(&mut wheel_zooms, command.text())
                .on_hover_text(command.tooltip())
                .clicked()
            {
                commands.push(command);
            }
            ui.separator();
            for command in [
                UiCommand::ToggleTheme,
                UiCommand::FollowSystemTheme,
                UiCommand::LargerText,
                UiCommand::SmallerText,
                UiCommand::ResetTextSize,
            ] {
                command.menu_button(ui, commands);
            }
        });
        top_menu(ui, "Skill", |ui| {
            ui.add_enabled_ui(
                self.session.selection.primary.is_some()
                    && self.session.document.is_progress_editable(),
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
            let levels = self.session.document.roadmap.levels.len();
            if levels > 0 {
                ui.separator();
                ui.add_enabled_ui(
                    self.session.selection.primary.is_some()
                        && self.session.document.is_progress_editable(),
                    |ui| {
                        let roadmap = &self.session.document.roadmap;
                        for rank in (1..=levels.min(4)).chain([0]) {
                            let command = UiCommand::SetLevel(rank as u8);
                            let text = match rank {
                                0 => command.text().to_owned(),
                                rank => format!("Level: {}", roadmap.level_title(rank)),
                            };
                            command.menu_button_with_text(ui, &text, commands);
                        }
                    },
                );
            }
            ui.separator();
            ui.add_enabled_ui(self.session.selection.primary.is_some(), |ui| {
                for command in [
                    UiCommand::ToggleLearned,
                    UiCommand::EditSkill,
                    UiCommand::WriteNotes,
                    UiCommand::ShowRequirements,
                    UiCommand::GoAlongArrow(Hop::Prerequisite),
                    UiCommand::GoAlongArrow(Hop::Unlocked),
                ] {
                    command.menu_button(ui, commands);
                }
            });
        });
        top_menu(ui, "Help", |ui| {
            UiCommand::CommandPalette.menu_button(ui, commands);
            UiCommand::ShowShortcuts.menu_button(ui, commands);
            UiCommand::About.menu_button(ui, commands);
            ui.separator();
            ui.label(format!("Waymark {}", env!("CARGO_PKG_VERSION")));
            if let Some(dir) = &self.session.data_dir {
                ui.label(
                    RichText::new(format!("Progress is saved in {}", dir.root.display())).weak(),
                );
            }
        });
    }

    /// The canvas's two most used buttons, at the right end of the menu bar, where they
    /// never cover a skill.
    pub(super) fn canvas_buttons_ui(ui: &mut egui::Ui, commands: &mut Vec<UiCommand>) {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            for command in [UiCommand::FitView, UiCommand::AddSkill] {
                if ui
                    .button(command.text())
                    .on_hover_text(command.text_with_shortcut(ui.ctx()))
                    .clicked()
                {
                    commands.push(command);
                }
            }
        });
    }

    /// File > Open recent: the last ten files that still exist.
    fn recent_files_menu(&mut self, ui: &mut egui::Ui) {
        let recent: Vec<PathBuf> = self
            .session
            .state
            .recent_files
            .iter()
            .filter(|path| path.exists())
            .cloned()
            .collect();
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

    pub(super) fn roadmap_details_window(&mut self, ctx: &egui::Context) {
        if !self.session.show_roadmap_details {
            return;
        }
        let mut open = true;
        egui::Window::new("Roadmap details and stages")
            .constrain_to(crate::app::dialogs::window_area(ctx))
            .open(&mut open)
            .default_width(460.0)
            .show(ctx, |ui| {
                super::roadmap_details::roadmap_details_ui(
                    ui,
                    &self.session.document,
                    &mut self.editor,
                    &mut self.actions,
                );
            });
        if !open {
            self.actions.push(Action::ShowRoadmapDetails(false));
        }
    }

    /// "Export progress": whether to include notes, then where to write the file.
    pub(super) fn export_progress_ui(&mut self, ctx: &egui::Context) {
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
            ui.label(RichText::new("Notes marked private are never included.").weak());
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
            let file_name = format!("{}-progress.ron", self.session.document.roadmap.id);
            if let Some(path) = self.pick_save_path("Export progress", file_name) {
                self.actions.push(Action::ExportProgress {
                    path,
                    include_notes,
                });
            }
        }
    }
}

/// A menu of the menu bar, marked for the automation report: its button, and the menu
/// while it is open.
fn top_menu(ui: &mut egui::Ui, title: &str, add_contents: impl FnOnce(&mut egui::Ui)) {
    let response = ui.menu_button(title, |ui| {
        add_contents(ui);
        super::automation::mark(ui.ctx(), "menu", title, ui.min_rect());
    });
    super::automation::mark(ui.ctx(), "menubutton", title, response.response.rect);
}
