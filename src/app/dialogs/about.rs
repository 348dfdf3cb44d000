//! Help → About Waymark: the version, where progress is kept, the licence.

use egui::RichText;

use crate::session::{Action, Session};

pub fn about_ui(ctx: &egui::Context, session: &Session, actions: &mut Vec<Action>) {
    if !session.show_about {
        return;
    }
    let mut open = true;
    let mut close = false;
    egui::Window::new("About Waymark")
        .constrain_to(crate::app::dialogs::window_area(ctx))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading(format!("Waymark {}", env!("CARGO_PKG_VERSION")));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.add_space(6.0);
            match &session.data_dir {
                Some(dir) => {
                    let folder = dir.root.display().to_string();
                    ui.label("Your progress, drafts and settings are kept in");
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&folder).monospace());
                        if ui
                            .small_button("Copy")
                            .on_hover_text("Copy the data folder's path")
                            .clicked()
                        {
                            ui.ctx().copy_text(folder.clone());
                        }
                    });
                    ui.label(RichText::new("Set WAYMARK_DATA_DIR to use another folder.").weak());
                }
                None => {
                    ui.label(
                        "No data folder was found: save progress with File > Save progress as…",
                    );
                }
            }
            ui.add_space(6.0);
            ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
            ui.label("The bundled roadmaps are CC BY-SA 4.0.");
            ui.add_space(6.0);
            close = ui.button("Close").clicked()
                || ui.input(|input| input.key_pressed(egui::Key::Escape));
        });
    if !open || close {
        actions.push(Action::ShowAbout(false));
    }
}
