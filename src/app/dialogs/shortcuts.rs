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
                        for (gesture, what) in mouse_gestures(session.state.wheel_zooms) {
                            ui.label(RichText::new(gesture).monospace());
                            ui.label(what);
                            ui.end_row();
                        }
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

/// What the mouse does on the canvas, as F1 lists it (the README says the same).
pub fn mouse_gestures(wheel_zooms: bool) -> [(&'static str, &'static str); 10] {
    let wheel = if wheel_zooms {
        "Zoom around the pointer (View > Mouse wheel zooms)"
    } else {
        "Pan (Shift: sideways); View > Mouse wheel zooms to zoom instead"
    };
    [
        ("Drag the background", "Pan, with the left or middle button"),
        ("Wheel, two fingers", wheel),
        ("Ctrl+wheel, pinch", "Zoom around the pointer"),
        ("Click a skill", "Select it and show its details"),
        (
            "Shift+click",
            "Add a skill to the selection, or take it out",
        ),
        ("Shift+drag", "Select the skills in a box"),
        ("Drag a skill", "Move it (with the rest of the selection)"),
        (
            "Drag the ● handle",
            "Onto another skill: make the selected skill its prerequisite",
        ),
        ("Double-click", "On empty canvas: add a skill there"),
        ("Right-click", "A menu for the skill or the canvas"),
    ]
}
