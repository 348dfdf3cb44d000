//! One frame of the window: the menu bar and banners, the overview on the left, the
//! details on the right, the canvas in the middle, the dialogs over them; then what the
//! frame asked for is applied.

use egui::RichText;

use super::command;
use super::{
    WaymarkApp, canvas, details, dialogs, overview, palette, search, selection_panel, target, team,
};
use crate::session::{Action, TeamSession};

impl WaymarkApp {
    /// The whole window, one frame. `eframe::App::ui` calls this; tests call it directly.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        super::automation::begin_frame(&ctx, self.automation.is_enabled());
        self.apply_theme(&ctx);
        self.notes.rect = None;
        let mut commands = command::pressed_commands(&ctx, self.was_typing);
        self.clipboard_events(&ctx);

        let menu = egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                self.menu_ui(ui, &mut commands);
                Self::canvas_buttons_ui(ui, &mut commands);
            });
        });
        dialogs::set_menu_bottom(&ctx, menu.response.rect.max.y);
        super::automation::mark(&ctx, "panel", "menu", menu.response.rect);
        if ctx.input(|input| {
            input
                .events
                .iter()
                .any(|event| matches!(event, egui::Event::WindowFocused(true)))
        }) {
            self.apply(Action::WindowFocused, &ctx);
        }
        dialogs::disk_change_ui(ui, &self.session, &mut self.actions);
        dialogs::conflicts_ui(ui, &self.session, &mut self.actions);
        if let Some(broken) = &self.session.document.broken_progress {
            egui::Panel::top("broken-progress").show(ui, |ui| {
                dialogs::broken_progress_ui(ui, broken, &mut self.actions, &mut commands)
            });
        }
        self.side_panels_ui(ui);
        self.canvas_area_ui(ui);

        dialogs::notice_ui(&ctx, &self.session, self.canvas.canvas_rect);
        self.restore_button = dialogs::draft_offer_ui(&ctx, &self.session, &mut self.actions);
        dialogs::dropped_files_ui(&ctx, &mut self.actions);
        self.export_progress_ui(&ctx);
        dialogs::roadmap_changes_ui(&ctx, &self.session, &mut self.actions);
        dialogs::errors_ui(&ctx, &self.session, &mut self.actions);
        dialogs::shortcuts_ui(&ctx, &self.session, &mut self.actions);
        dialogs::about_ui(&ctx, &self.session, &mut self.actions);
        palette::palette_ui(&ctx, &mut self.palette, &mut commands);
        super::timeline::timeline_ui(
            &ctx,
            &self.session.document,
            &mut self.timeline,
            &mut self.actions,
        );
        dialogs::confirm_delete_ui(&ctx, &self.session, &mut self.actions);
        dialogs::unsaved_roadmap_ui(&ctx, &self.session, &mut self.actions);
        dialogs::unwritten_on_quit_ui(&ctx, &self.session, &mut self.actions, &mut commands);
        self.roadmap_details_window(&ctx);
        self.team_ui(&ctx);

        for command in commands {
            self.run_command(command, &ctx);
        }
        self.report_view_moved(&ctx);
        if !self.actions.is_empty() {
            // What the actions changed is drawn in the next frame.
            ctx.request_repaint();
        }
        for action in std::mem::take(&mut self.actions) {
            self.apply(action, &ctx);
        }
        let effects = self.session.tick(ctx.input(|input| input.time));
        self.carry_out(effects, &ctx);
        self.update_window_title(&ctx);
        self.was_typing = ctx.text_edit_focused() || self.editor.is_focus_pending();
        self.typing_frames = if self.was_typing {
            self.typing_frames.saturating_add(1)
        } else {
            0
        };
        if self.automation.is_enabled() {
            self.write_automation_report(&ctx);
        }
        if ctx.input(|input| input.viewport().close_requested()) {
            self.apply(Action::CloseRequested, &ctx);
        }
    }

    /// The overview (search, target, progress) on the left; the selected skill's details
    /// on the right.
    fn side_panels_ui(&mut self, ui: &mut egui::Ui) {
        self.search.refresh(&mut self.session.document);
        self.target
            .refresh(&self.session.document, &self.session.target_settings);
        if let Some(team_session) = &mut self.session.team {
            team_session.refresh_lens(&self.session.document);
        }
        let session = &self.session;
        let own = crate::session::ProgressOf::Own;
        let shown = session
            .team
            .as_ref()
            .and_then(TeamSession::lens_progress)
            .unwrap_or((own, &session.document.summary));
        // Panels never take more than their share, whatever their content asks for: the
        // canvas keeps most of the window.
        let window_width = ui.available_width();
        egui::Panel::left("overview")
            .resizable(true)
            .default_size(250.0)
            .min_size(190.0)
            .max_size((window_width * 0.3).max(190.0))
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.heading(&session.document.roadmap.title);
                ui.add_space(2.0);
                let before = (self.search.query.clone(), self.search.filter.clone());
                let searching =
                    search::search_ui(ui, &session.document, &mut self.search, &mut self.actions);
                if before != (self.search.query.clone(), self.search.filter.clone()) {
                    // The results follow next frame.
                    ui.ctx().request_repaint();
                }
                if !searching {
                    // One scroll for the whole panel: a long plan to a target role leaves
                    // progress, ready next and the legend in reach below it.
                    egui::ScrollArea::vertical()
                        .id_salt("overview")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            ui.add_space(6.0);
                            let mut settings = session.target_settings.clone();
                            if target::target_ui(
                                ui,
                                &session.document,
                                &mut settings,
                                &mut self.target,
                                &mut self.actions,
                            ) {
                                self.actions.push(Action::SetTargetSettings(settings));
                            }
                            ui.add_space(6.0);
                            overview::overview_ui(
                                ui,
                                &session.document,
                                (&shown.0, shown.1),
                                (session.selection.primary.as_deref(), self.target.plan()),
                                &mut self.actions,
                            );
                        });
                }
            });
        self.details_rect = None;
        self.editor.edit_button = None;
        if let Some(skill_id) = &session.selection.primary {
            let panel = egui::Panel::right("details")
                .resizable(true)
                .default_size(360.0)
                .min_size(260.0)
                .max_size((window_width * 0.45).max(260.0))
                .show(ui, |ui| {
                    if let Some(team_session) = &session.team
                        && let Some(member) = team_session.lens_member()
                    {
                        ui.add_space(4.0);
                        team::member_skill_ui(
                            ui,
                            team_session,
                            member,
                            skill_id,
                            &session.document,
                            &mut self.actions,
                        );
                        ui.label(RichText::new("Your own progress on this skill:").weak());
                    }
                    if session.selection.extra.is_empty() {
                        details::details_ui(
                            ui,
                            &session.document,
                            skill_id,
                            &mut self.notes,
                            &mut self.editor,
                            &mut self.actions,
                        );
                    } else {
                        let selected = session.selection.all();
                        let document = &session.document;
                        selection_panel::selection_panel_ui(
                            ui,
                            document,
                            &selected,
                            &mut self.actions,
                        );
                    }
                });
            self.details_rect = Some(panel.response.rect);
        }
    }

    /// The canvas, between the side panels.
    fn canvas_area_ui(&mut self, ui: &mut egui::Ui) {
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let selection = self.session.selection.all();
            if let Some(team_session) = &mut self.session.team {
                team_session.refresh_lens(&self.session.document);
            }
            let lens = self
                .session
                .team
                .as_ref()
                .and_then(TeamSession::canvas_lens);
            self.canvas.wheel_zooms = self.session.state.wheel_zooms;
            canvas::canvas_ui(
                ui,
                &self.session.document,
                &mut self.canvas,
                &selection,
                self.search.highlight().or(self.target.highlight()),
                lens.as_ref(),
                &mut self.actions,
            );
        });
    }

    /// Tells the session where the view is once a pan or zoom has come to rest, so it is
    /// remembered for the next start.
    fn report_view_moved(&mut self, ctx: &egui::Context) {
        let rect = self.canvas.scene_rect;
        if rect != self.reported_scene_rect
            && rect.is_positive()
            && rect.is_finite()
            && !ctx.input(|input| input.pointer.any_down())
        {
            self.reported_scene_rect = rect;
            self.actions.push(Action::ViewMoved([
                rect.min.x, rect.min.y, rect.max.x, rect.max.y,
            ]));
        }
    }

    /// Light or dark, and the size of everything, as the session says; a size changed with
    /// egui's own Ctrl and + / - / 0 is told to the session to be remembered.
    fn apply_theme(&mut self, ctx: &egui::Context) {
        let dark_mode = self.session.state.dark_mode;
        if self.applied_dark_mode != dark_mode {
            match dark_mode {
                Some(true) => ctx.set_theme(egui::Theme::Dark),
                Some(false) => ctx.set_theme(egui::Theme::Light),
                None => ctx.set_theme(egui::ThemePreference::System),
            }
            self.applied_dark_mode = dark_mode;
        }
        match self.session.state.ui_scale {
            Some(scale) if !self.ui_scale_applied => {
                ctx.set_zoom_factor(scale);
                self.ui_scale_applied = true;
            }
            _ => {
                self.ui_scale_applied = true;
                let zoom = ctx.zoom_factor();
                let current = self.session.state.ui_scale.unwrap_or(1.0);
                if (zoom - current).abs() > 0.001 {
                    self.actions.push(Action::SetUiScale(zoom));
                }
            }
        }
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let document = &self.session.document;
        let marker = if document.is_roadmap_modified() {
            "• "
        } else {
            ""
        };
        let title = format!("{marker}{} — Waymark", document.display_name());
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    fn write_automation_report(&mut self, ctx: &egui::Context) {
        let notes_length = self.notes.rect.map(|rect| {
            let length = self
                .session
                .document
                .progress
                .notes(&self.notes.skill_id)
                .chars()
                .count();
            (rect, length)
        });
        let canvas = super::automation::CanvasFacts {
            canvas_rect: self.canvas.canvas_rect,
            to_screen: self.canvas.scene_to_screen(),
            announcement: self.canvas.announcement.as_deref(),
        };
        let mut report = super::automation::report_text(
            &self.session,
            canvas,
            notes_length,
            self.typing_frames >= 2,
            self.restore_button,
            ctx.content_rect(),
        );
        if let Some(rect) = self.editor.edit_button {
            super::automation::point_line(&mut report, "button", "edit-skill", rect, "");
        }
        if let Some(rect) = self.details_rect {
            super::automation::rect_line(&mut report, "panel", "details", rect);
        }
        super::automation::rect_line(&mut report, "panel", "canvas", self.canvas.canvas_rect);
        super::automation::marked_lines(ctx, &mut report);
        self.automation.update(report);
    }
}
