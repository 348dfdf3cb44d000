//! The team window (members, matrix, insights) and what the graph shows of the team: the
//! member lens banner and the coverage legend. The team plan itself is the session's.

mod insights;
mod intents;
mod matrix;
mod members;
mod ratings;
mod what_if;
mod window;

pub use intents::TeamDialog;
pub use matrix::member_skill_ui;
pub use window::{coverage_legend, team_window};

use crate::session::Action;
use crate::session::team_file_stem as file_stem;
pub(super) use crate::session::{GraphLens, TeamAction, TeamSession, TeamTab};

use super::WaymarkApp;

impl WaymarkApp {
    /// The team window, the lens legend or banner, and the file dialogs they ask for.
    pub(super) fn team_ui(&mut self, ctx: &egui::Context) {
        let canvas = self.canvas.canvas_rect;
        let selected = self.session.selection.primary.clone();
        let Some(session) = &mut self.session.team else {
            return;
        };
        let dialog = team_window(
            ctx,
            session,
            &self.session.document,
            selected.as_deref(),
            &mut self.actions,
        );
        match session.lens {
            GraphLens::Coverage => coverage_legend(ctx, canvas, session.team.available().count()),
            GraphLens::Member(index) => {
                if let Some(member) = session.team.members.get(index) {
                    let name = member.name.clone();
                    egui::Area::new(egui::Id::unique("lens-banner"))
                        .order(egui::Order::Foreground)
                        .fixed_pos(canvas.left_bottom() + egui::vec2(10.0, -10.0))
                        .pivot(egui::Align2::LEFT_BOTTOM)
                        .show(ctx, |ui| {
                            egui::Frame::popup(ui.style()).show(ui, |ui| {
                                ui.horizontal(|ui| {
                                    ui.strong(format!("The graph shows {name}’s progress"));
                                    if ui.button("Back to yours").clicked() {
                                        self.actions.push(Action::Team(TeamAction::SetLens(
                                            GraphLens::Own,
                                        )));
                                    }
                                });
                            });
                        });
                }
            }
            GraphLens::Own => {}
        }
        let team_name = session.team.name.clone();
        let member_name = |index: usize| {
            session
                .team
                .members
                .get(index)
                .map(|m| m.name.clone())
                .unwrap_or_default()
        };
        let action = match dialog {
            None => None,
            Some(TeamDialog::AddMemberFromFile) => self
                .file_dialog()
                .set_title("Add a member from their progress file")
                .pick_file()
                .map(TeamAction::AddMemberFromFile),
            Some(TeamDialog::ExportMemberPlan(member)) => {
                let file_name = format!("{}-plan.md", file_stem(&member_name(member)));
                self.file_dialog()
                    .set_title("Export the plan as Markdown")
                    .add_filter("Markdown", &["md"])
                    .set_file_name(file_name)
                    .save_file()
                    .map(|path| TeamAction::ExportMemberPlan { member, path })
            }
            Some(TeamDialog::ExportPromotionPacket(member)) => {
                let file_name = format!("{}-promotion-packet.md", file_stem(&member_name(member)));
                self.file_dialog()
                    .set_title("Export the promotion packet as Markdown")
                    .add_filter("Markdown", &["md"])
                    .set_file_name(file_name)
                    .save_file()
                    .map(|path| TeamAction::ExportPromotionPacket { member, path })
            }
            Some(TeamDialog::ExportMatrixCsv) => self
                .file_dialog()
                .set_title("Export the team matrix as CSV")
                .add_filter("CSV", &["csv"])
                .set_file_name(format!("{}-matrix.csv", file_stem(&team_name)))
                .save_file()
                .map(TeamAction::ExportMatrixCsv),
        };
        if let Some(action) = action {
            self.actions.push(Action::Team(action));
        }
    }
}
