//! The list of keyboard shortcuts (F1), from the command table.

use egui::RichText;

use crate::app::UiCommand;
use crate::session::{Action, Session};

pub fn shortcuts_ui(ctx: &egui::Context, session: &Session, actions: &mut Vec<Action>) {
    if !session.show_shortcuts {
        return;
    }
    let mut open = true;
    let shown = egui::Window::new("Keyboard shortcuts")
        .constrain_to(crate::app::dialogs::window_area(ctx))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            // The list is longer than a small window is tall: it scrolls inside the window
            // rather than running off the screen.
            let room = crate::app::dialogs::window_area(ctx).height() - 100.0;
            let room = room.max(120.0);
            egui::ScrollArea::vertical()
                .max_height(room)
                .min_scrolled_height(room)
                .show(ui, |ui| {
                    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                        for command in UiCommand::all() {
                            let shortcuts: Vec<String> = command
                                .shortcuts()
                                .iter()
                                .map(|shortcut| ctx.format_shortcut(shortcut))
                                .collect();
                            if !shortcuts.is_empty() {
                                ui.label(RichText::new(shortcuts.join(", ")).monospace());
                                ui.label(command.text());
                                ui.end_row();
                            }
                        }
                        ui.label(RichText::new("Right-click").monospace());
                        ui.label("Toggle learned on a skill");
                        ui.end_row();
                        ui.label(RichText::new("Drag / wheel").monospace());
                        ui.label("Pan / zoom the roadmap");
                        ui.end_row();
                    });
                });
        });
    if let Some(shown) = &shown {
        crate::app::automation::mark(ctx, "window", "shortcuts", shown.response.rect);
    }
    if !open {
        actions.push(Action::ShowShortcuts(false));
    }
}
