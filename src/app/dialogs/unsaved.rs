//! "Save the changes to this roadmap?", asked before an action that would replace a
//! roadmap with unsaved edits (open another, new, quit).

use crate::session::{Action, Session, UnsavedChoice};

pub fn unsaved_roadmap_ui(ctx: &egui::Context, session: &Session, actions: &mut Vec<Action>) {
    if session.pending_after_unsaved.is_none() {
        return;
    }
    let mut choice = None;
    let modal = egui::Modal::new(egui::Id::unique("unsaved-roadmap")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading(format!(
            "Save the changes to “{}”?",
            session.document.roadmap.title
        ));
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
    if let Some(choice) = choice {
        actions.push(Action::Unsaved(choice));
    }
}
