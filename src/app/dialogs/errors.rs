//! The oldest error not yet dismissed, with its located details and a Copy button.

use egui::RichText;

use crate::session::{Action, Session};

pub fn errors_ui(ctx: &egui::Context, session: &Session, actions: &mut Vec<Action>) {
    let Some(error) = session.errors.first() else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("error-dialog")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading(&error.title);
        ui.add_space(6.0);
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                ui.label(RichText::new(&error.details).monospace());
            });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Copy").clicked() {
                ui.ctx()
                    .copy_text(format!("{}\n{}", error.title, error.details));
            }
            if ui.button("OK").clicked() {
                actions.push(Action::DismissError);
            }
        });
    });
    if modal.should_close() {
        actions.push(Action::DismissError);
    }
}
