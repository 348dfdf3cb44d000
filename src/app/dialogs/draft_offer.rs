//! "Restore unsaved edits?", offered at start when the last run ended without saving
//! them. Enter restores; Escape decides later (the draft is kept).

use egui::RichText;

use crate::session::{Action, DraftChoice, Session};

/// Returns where the Restore button is, for the automation report.
pub fn draft_offer_ui(
    ctx: &egui::Context,
    session: &Session,
    actions: &mut Vec<Action>,
) -> Option<egui::Rect> {
    let draft = session.draft_offer.as_ref()?;
    let mut choice = None;
    let mut restore_button = None;
    let modal = egui::Modal::new(egui::Id::unique("restore-draft")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Restore unsaved edits?");
        ui.label(format!(
            "Edits to “{}” made on {} were not saved when Waymark last closed.",
            draft.roadmap.title,
            draft.saved_at.date_string()
        ));
        ui.add_space(6.0);
        ui.label(
            RichText::new("Enter restores them; Escape decides later (they are kept).").weak(),
        );
        ui.horizontal(|ui| {
            let restore = ui.button("Restore");
            restore_button = Some(restore.rect);
            if restore.clicked() {
                choice = Some(DraftChoice::Restore);
            }
            if ui.button("Discard").clicked() {
                choice = Some(DraftChoice::Discard);
            }
        });
    });
    if ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::Enter)) {
        choice = Some(DraftChoice::Restore); // the default
    }
    if modal.should_close() && choice.is_none() {
        choice = Some(DraftChoice::Later);
    }
    if let Some(choice) = choice {
        actions.push(Action::Draft(choice));
    }
    restore_button
}
