//! The left panel: progress per stage and overall, what is ready to learn next, and a
//! legend for the canvas.

use egui::{ProgressBar, RichText, ScrollArea};

use crate::app::icons;
use crate::model::{StageProgress, Status};
use crate::session::Action;
use crate::session::Document;

pub fn overview_ui(
    ui: &mut egui::Ui,
    document: &Document,
    selected: Option<&str>,
    actions: &mut Vec<Action>,
) {
    ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.add_space(4.0);
        ui.strong("Progress");
        progress_row_ui(ui, "Overall", &document.summary.overall);
        for stage in &document.roadmap.stages {
            if let Some(progress) = document.summary.stage(&stage.id) {
                progress_row_ui(ui, &stage.title, progress);
            }
        }
        ui.add_space(10.0);

        ui.strong(format!("Ready next ({})", document.summary.ready_next.len()))
            .on_hover_text("Skills not started whose prerequisites are all learned");
        if document.summary.ready_next.is_empty() {
            ui.label(RichText::new("Nothing: learn a prerequisite first.").weak());
        }
        let shown = 12;
        for skill_id in document.summary.ready_next.iter().take(shown) {
            let Some(skill) = document.skill(skill_id) else { continue };
            let stage = document.roadmap.stage(&skill.stage).map_or("", |s| s.title.as_str());
            ui.horizontal(|ui| {
                icons::status_icon_ui(ui, Status::NotStarted);
                if ui.link(&skill.title).on_hover_text(format!("{stage} · {}", skill.area.label())).clicked() {
                    actions.push(Action::Focus(skill.id.clone()));
                }
            });
        }
        if document.summary.ready_next.len() > shown {
            ui.label(RichText::new(format!("and {} more", document.summary.ready_next.len() - shown)).weak());
        }
        ui.add_space(10.0);

        let orphaned = document.orphaned_progress();
        if !orphaned.is_empty() {
            ui.strong(format!("Kept progress ({})", orphaned.len()));
            ui.label(
                RichText::new("Progress and notes on skills this roadmap does not have. They stay in your progress file.")
                    .weak(),
            );
            // Kept progress goes onto the selected skill, if that has none of its own.
            let target = selected
                .and_then(|id| document.skill(id))
                .filter(|skill| !document.progress.skills.contains_key(&skill.id));
            for skill_id in orphaned {
                let notes = document.progress.notes(skill_id);
                let status = document.progress.status(skill_id);
                ui.horizontal(|ui| {
                    icons::status_icon_ui(ui, status);
                    ui.label(skill_id).on_hover_text(if notes.is_empty() { "No notes" } else { notes });
                    let button = ui
                        .add_enabled(target.is_some(), egui::Button::new("Re-attach").small())
                        .accessible_name(format!("Re-attach {skill_id}"));
                    let hint = match target {
                        Some(skill) => format!("Move this progress onto “{}”", skill.title),
                        None => "Select a skill without progress on the graph first".to_owned(),
                    };
                    if button.on_hover_text(hint).on_disabled_hover_text("Select a skill without progress on the graph first").clicked()
                        && let Some(skill) = target
                    {
                        actions.push(Action::ReattachProgress {
                            from: skill_id.clone(),
                            to: skill.id.clone(),
                        });
                    }
                });
            }
            ui.add_space(10.0);
        }

        legend_ui(ui);
    });
}

fn progress_row_ui(ui: &mut egui::Ui, name: &str, progress: &StageProgress) {
    let mut text = format!("{} / {}", progress.learned, progress.total);
    if progress.optional_learned > 0 {
        text.push_str(&format!(" (+{} optional)", progress.optional_learned));
    }
    ui.label(name);
    ui.add(
        ProgressBar::new(progress.fraction())
            .text(text)
            .desired_height(14.0),
    )
    .on_hover_text(format!(
        "{} learned, {} learning, {} to go",
        progress.learned,
        progress.learning,
        progress.total - progress.learned
    ));
}

fn legend_ui(ui: &mut egui::Ui) {
    egui::CollapsingHeader::new(RichText::new("Legend").strong())
        .default_open(true)
        .show(ui, |ui| {
            for status in Status::ALL {
                ui.horizontal(|ui| {
                    icons::status_icon_ui(ui, status);
                    ui.label(status.label());
                });
            }
            ui.horizontal(|ui| {
                icons::milestone_icon_ui(ui, false);
                ui.label("Role milestone");
            });
            ui.horizontal(|ui| {
                icons::milestone_icon_ui(ui, true);
                ui.label("Role milestone reached");
            });
            ui.label("Dashed border: optional skill");
            ui.label("Dashed frame: pick one of these");
            ui.label("Arrow: learn this first");
            ui.label(
                RichText::new("Skipped and optional skills do not count against progress.").weak(),
            );
        });
}
