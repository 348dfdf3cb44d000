//! The team plan window: its header (name, what the graph shows, tabs) around the members,
//! matrix and insights tabs; the remove-member dialog; the coverage legend. Edits go out
//! as actions.

use egui::{RichText, Sense, TextEdit, Vec2};

use super::intents::{TeamDialog, team_edit};
use super::{GraphLens, TeamAction, TeamSession, TeamTab};
use crate::model::TeamEdit;
use crate::paint::palette as theme;
use crate::session::Action;
use crate::session::Document;

pub fn team_window(
    ctx: &egui::Context,
    session: &mut TeamSession,
    document: &Document,
    selected_skill: Option<&str>,
    actions: &mut Vec<Action>,
) -> Option<TeamDialog> {
    let mut dialog = None;
    confirm_remove_ui(ctx, session, actions);
    if !session.window_open {
        return None;
    }
    let mut open = true;
    let shown = egui::Window::new(format!("Team plan: {}", session.team.name))
        .constrain_to(crate::app::dialogs::window_area(ctx))
        .id(egui::Id::unique("team-window"))
        .open(&mut open)
        .default_size([760.0, 560.0])
        .default_pos(ctx.content_rect().center() - Vec2::new(380.0, 260.0))
        .show(ctx, |ui| {
            header_ui(ui, session, actions);
            ui.separator();
            match session.tab {
                TeamTab::Members => super::members::members_ui(
                    ui,
                    session,
                    document,
                    selected_skill,
                    actions,
                    &mut dialog,
                ),
                TeamTab::Matrix => {
                    super::matrix::matrix_ui(ui, session, document, actions, &mut dialog)
                }
                TeamTab::Insights => super::insights::insights_ui(ui, session, document, actions),
            }
        });
    if let Some(shown) = &shown {
        crate::app::automation::mark(ctx, "window", "team", shown.response.rect);
    }
    if !open {
        actions.push(Action::Team(TeamAction::Show(false)));
    }
    dialog
}

fn header_ui(ui: &mut egui::Ui, session: &mut TeamSession, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.label("Team name");
        let mut name = session.team.name.clone();
        let response = ui.add(
            TextEdit::singleline(&mut name)
                .char_limit(crate::files::validate::MAX_TITLE_CHARS)
                .desired_width(180.0)
                .id_salt("team-name"),
        );
        let response = response.accessible_name("Team name");
        if response.changed() {
            actions.push(team_edit(TeamEdit::Rename(name), Some("team-name")));
        }
        if response.lost_focus() {
            actions.push(Action::EndGesture);
        }
        ui.separator();
        ui.label("Graph shows");
        let lens_text = |lens: GraphLens| match lens {
            GraphLens::Own => "Your progress".to_owned(),
            GraphLens::Member(index) => session.team.members.get(index).map_or_else(
                || "A member".to_owned(),
                |m| format!("{}’s progress", m.name),
            ),
            GraphLens::Coverage => "Team coverage".to_owned(),
        };
        egui::ComboBox::from_id_salt("graph-lens")
            .selected_text(lens_text(session.lens))
            .show_ui(ui, |ui| {
                let mut lenses = vec![GraphLens::Own];
                lenses.extend((0..session.team.members.len()).map(GraphLens::Member));
                lenses.push(GraphLens::Coverage);
                for lens in lenses {
                    if ui
                        .selectable_label(session.lens == lens, lens_text(lens))
                        .clicked()
                    {
                        actions.push(Action::Team(TeamAction::SetLens(lens)));
                    }
                }
            })
            .response
            .accessible_name("Progress shown on the graph");
        if session.modified {
            ui.label(RichText::new("saving…").weak());
        }
    });
    ui.horizontal(|ui| {
        for (tab, text) in [
            (TeamTab::Members, "Members"),
            (TeamTab::Matrix, "Matrix"),
            (TeamTab::Insights, "Insights"),
        ] {
            let response = ui.selectable_value(&mut session.tab, tab, text);
            crate::app::automation::mark(ui.ctx(), "tab", text, response.rect);
        }
        if let Some(path) = &session.path {
            ui.label(RichText::new(path.display().to_string()).weak().small());
        }
    });
}

fn confirm_remove_ui(ctx: &egui::Context, session: &TeamSession, actions: &mut Vec<Action>) {
    let Some(index) = session.confirm_remove else {
        return;
    };
    let Some(member) = session.team.members.get(index) else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("confirm-remove-member")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(format!("Remove {} from the team plan?", member.name));
        let detail = match &member.linked_path {
            Some(path) => {
                format!("Their progress file ({path}) is not touched. Undo brings them back.")
            }
            None => {
                "Their progress kept in this plan goes with them. Undo brings them back.".to_owned()
            }
        };
        ui.label(detail);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Remove").clicked() {
                actions.push(team_edit(TeamEdit::RemoveMember(index), None));
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::Team(TeamAction::CancelRemoveMember));
            }
        });
    });
    if modal.should_close() {
        actions.push(Action::Team(TeamAction::CancelRemoveMember));
    }
}

/// The legend of the coverage view, over the canvas's bottom-left corner.
pub fn coverage_legend(ctx: &egui::Context, canvas: egui::Rect, members: usize) {
    egui::Area::new(egui::Id::unique("coverage-legend"))
        .order(egui::Order::Foreground)
        .fixed_pos(canvas.left_bottom() + Vec2::new(10.0, -10.0))
        .pivot(egui::Align2::LEFT_BOTTOM)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.strong("Team coverage: members who learned the skill");
                let dark_mode = ui.visuals().dark_mode;
                ui.horizontal(|ui| {
                    // One box a count, laid out as one strip: a team of dozens has as
                    // many boxes, and this is drawn every frame over the graph.
                    let gap = ui.spacing().item_spacing.x;
                    let (box_size, counts) = (Vec2::new(34.0, 20.0), members + 1);
                    let strip = Vec2::new(counts as f32 * (box_size.x + gap) - gap, box_size.y);
                    let (strip, _) = ui.allocate_exact_size(strip, Sense::hover());
                    let font = egui::FontId::proportional(12.0);
                    let text_color = ui.visuals().strong_text_color();
                    for learned_by in 0..counts {
                        let left = strip.left() + learned_by as f32 * (box_size.x + gap);
                        let rect =
                            egui::Rect::from_min_size(egui::pos2(left, strip.top()), box_size);
                        ui.painter().rect(
                            rect,
                            4.0,
                            theme::coverage_fill(learned_by, members, dark_mode),
                            egui::Stroke::new(
                                1.0,
                                theme::coverage_border(learned_by, members, dark_mode),
                            ),
                            egui::StrokeKind::Inside,
                        );
                        ui.painter().text(
                            rect.center(),
                            egui::Align2::CENTER_CENTER,
                            learned_by,
                            font.clone(),
                            text_color,
                        );
                    }
                    ui.label(format!("of {members}"));
                });
            });
        });
}
