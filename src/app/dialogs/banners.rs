//! Banners across the top of the window (the roadmap file changed on disk, a progress
//! file that cannot be read) and the hint shown while files are dragged over it.

use egui::RichText;

use crate::app::UiCommand;
use crate::session::{Action, BrokenProgress, Session};

/// The banner offering to reload a roadmap changed on disk.
pub fn disk_change_ui(ui: &mut egui::Ui, session: &Session, actions: &mut Vec<Action>) {
    let Some((_, changes)) = &session.disk_change else {
        return;
    };
    let count = changes
        .lines()
        .filter(|line| line.starts_with("  "))
        .count();
    let modified = session.document.is_roadmap_modified();
    egui::Panel::top("disk-change").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!(
                "The roadmap file changed on disk ({count} changes)."
            ));
            if modified {
                ui.label("Reloading replaces your unsaved edits.");
            }
            if ui.button("Reload").clicked() {
                actions.push(Action::ReloadFromDisk);
            }
            if ui.button("Keep mine").clicked() {
                actions.push(Action::KeepMine);
            }
        });
        ui.add_space(4.0);
    });
}

pub fn broken_progress_ui(
    ui: &mut egui::Ui,
    broken: &BrokenProgress,
    actions: &mut Vec<Action>,
    commands: &mut Vec<UiCommand>,
) {
    ui.add_space(4.0);
    ui.colored_label(ui.visuals().error_fg_color, "Your progress file could not be read. Waymark will not change it, so statuses and notes are read-only for now.");
    ui.label(RichText::new(&broken.message).monospace());
    ui.horizontal(|ui| {
        if ui
            .button("Set the broken file aside and start fresh")
            .on_hover_text("Renames the file (nothing is deleted) and starts with empty progress")
            .clicked()
        {
            actions.push(Action::SetBrokenProgressAside);
        }
        UiCommand::OpenProgress.menu_button(ui, commands);
    });
    ui.add_space(4.0);
}

/// Files dropped on the window open as what they are; while they hover, say so.
pub fn dropped_files_ui(ctx: &egui::Context, actions: &mut Vec<Action>) {
    let (hovering, dropped) = ctx.input(|input| {
        (
            !input.raw.hovered_files.is_empty(),
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .filter(|path| !path.as_os_str().is_empty())
                .collect::<Vec<_>>(),
        )
    });
    for path in dropped {
        actions.push(Action::OpenFile(path));
    }
    if hovering {
        let screen = ctx.content_rect();
        egui::Area::new(egui::Id::unique("drop-target"))
            .order(egui::Order::Foreground)
            .fixed_pos(screen.center())
            .pivot(egui::Align2::CENTER_CENTER)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.heading("Drop to open: a roadmap, a progress file or a team plan");
                });
            });
    }
}
