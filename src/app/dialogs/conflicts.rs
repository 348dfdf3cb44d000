//! The banner listing what a merge left undecided in the open roadmap and progress, with
//! a pick for each: keep the version in the file, or take the other side's.

use egui::RichText;

use crate::model::{ConflictChoice, ConflictRow};
use crate::session::{Action, Session};

/// The conflicts banner; nothing when there are none.
pub fn conflicts_ui(ui: &mut egui::Ui, session: &Session, actions: &mut Vec<Action>) {
    let mut rows = session.document.conflict_rows();
    if let Some(team) = &session.team {
        rows.extend(crate::model::team_conflict_rows(&team.team));
    }
    if rows.is_empty() {
        return;
    }
    egui::Panel::top("merge-conflicts").show(ui, |ui| {
        ui.add_space(4.0);
        ui.strong(format!(
            "A merge left {} in this roadmap, your progress or the team plan. The file keeps one version of each; pick the one you want.",
            if rows.len() == 1 {
                "1 conflict".to_owned()
            } else {
                format!("{} conflicts", rows.len())
            }
        ));
        egui::ScrollArea::vertical()
            .max_height(180.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                egui::Grid::new("merge-conflict-rows")
                    .num_columns(4)
                    .spacing([12.0, 4.0])
                    .striped(true)
                    .show(ui, |ui| {
                        for row in &rows {
                            row_ui(ui, row, actions);
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(4.0);
    });
}

fn row_ui(ui: &mut egui::Ui, row: &ConflictRow, actions: &mut Vec<Action>) {
    let choice = |take_other| ConflictChoice {
        place: row.choice_place,
        id: row.id.clone(),
        field: row.field.clone(),
        take_other,
    };
    ui.label(&row.what);
    ui.label(RichText::new(format!("In the file: {}", row.kept)).weak())
        .on_hover_text(&row.kept);
    ui.label(format!("Other version: {}", row.other))
        .on_hover_text(&row.other);
    ui.horizontal(|ui| {
        if ui
            .button("Keep this")
            .on_hover_text(format!("Keep what the file has for {}", row.what))
            .clicked()
        {
            actions.push(Action::ResolveConflict(choice(false)));
        }
        if ui
            .button("Take other")
            .on_hover_text(format!("Take the other version of {}", row.what))
            .clicked()
        {
            actions.push(Action::ResolveConflict(choice(true)));
        }
    });
}
