//! "What changed in this roadmap": shown when another version of the open roadmap opens.

use egui::RichText;

use crate::session::{Action, Session};

pub fn roadmap_changes_ui(ctx: &egui::Context, session: &Session, actions: &mut Vec<Action>) {
    let Some(changes) = &session.roadmap_changes else {
        return;
    };
    let mut open = true;
    egui::Window::new("What changed in this roadmap")
        .constrain_to(crate::app::dialogs::window_area(ctx))
        .open(&mut open)
        .default_width(520.0)
        .default_pos(ctx.content_rect().center() - egui::vec2(260.0, 200.0))
        .show(ctx, |ui| {
            ui.label("Compared with the version that was open. Your progress on renamed skills moved with them; progress on removed skills is kept under “Kept progress”.");
            ui.add_space(6.0);
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                ui.label(RichText::new(changes).monospace());
            });
        });
    if !open {
        actions.push(Action::DismissRoadmapChanges);
    }
}
