//! "Delete these skills?", asked when someone has progress or notes on them.

use crate::session::{Action, Session};

pub fn confirm_delete_ui(ctx: &egui::Context, session: &Session, actions: &mut Vec<Action>) {
    let Some(skill_ids) = &session.confirm_delete else {
        return;
    };
    let document = &session.document;
    let with_progress = skill_ids
        .iter()
        .filter(|id| document.progress.skills.contains_key(*id))
        .count();
    let names: Vec<String> = skill_ids
        .iter()
        .filter_map(|id| document.skill(id).map(|s| format!("“{}”", s.title)))
        .collect();
    let modal = egui::Modal::new(egui::Id::unique("confirm-delete")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading(if skill_ids.len() == 1 {
            "Delete this skill?".to_owned()
        } else {
            format!("Delete {} skills?", skill_ids.len())
        });
        ui.label(names.join(", "));
        ui.add_space(6.0);
        ui.label(format!(
            "{with_progress} of them have progress or notes. They are kept in the progress file and listed under “Kept progress”; undo brings the skills back."
        ));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Delete").clicked() {
                actions.push(Action::ConfirmDelete(skill_ids.clone()));
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CancelDelete);
            }
        });
    });
    if modal.should_close() {
        actions.push(Action::CancelDelete);
    }
}
