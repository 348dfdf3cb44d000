//! "Your changes could not be saved": asked when quitting while progress or the team plan
//! could not be written (a read-only folder, a full disk), so they are not lost unasked.

use egui::RichText;

use crate::app::UiCommand;
use crate::session::{Action, Session};

pub fn unwritten_on_quit_ui(
    ctx: &egui::Context,
    session: &Session,
    actions: &mut Vec<Action>,
    commands: &mut Vec<UiCommand>,
) {
    let Some(reason) = &session.unwritten_on_quit else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("unwritten-on-quit")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Your latest changes could not be saved");
        ui.label("Quitting now would lose them. Save your progress somewhere else (another folder, another disk), or quit without saving.");
        ui.add_space(6.0);
        ui.label(RichText::new(reason).monospace());
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(UiCommand::SaveProgressAs.text()).clicked() {
                commands.push(UiCommand::SaveProgressAs);
            }
            if ui.button("Quit without saving").clicked() {
                actions.push(Action::QuitWithoutSaving);
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CancelQuit);
            }
        });
    });
    if modal.should_close() {
        actions.push(Action::CancelQuit);
    }
}
