//! The right panel while several skills are selected (shift-click, a box, "Show what it
//! needs"): how many, and what can be done to all of them at once: a status, another
//! stage, deleting them. Each is one undo step.

use egui::{RichText, ScrollArea};

use super::command::UiCommand;
use crate::app::icons;
use crate::model::{SkillKind, Status};
use crate::session::{Action, Document};

/// How many of the selected skills are listed by name before "and N more".
const LISTED: usize = 40;

pub fn selection_panel_ui(
    ui: &mut egui::Ui,
    document: &Document,
    skill_ids: &[String],
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.heading(format!("{} selected", skill_ids.len()));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            super::details::close_button_ui(ui, actions);
        });
    });
    let skills = skill_ids.iter().filter_map(|id| document.skill(id));
    let milestones = skills
        .filter(|skill| skill.kind == SkillKind::Milestone)
        .count();
    if milestones > 0 {
        ui.label(
            RichText::new(format!(
                "{milestones} of them are role milestones, which have no status."
            ))
            .weak(),
        );
    }
    ui.add_space(6.0);
    ui.strong("Mark all");
    ui.add_enabled_ui(document.is_progress_editable(), |ui| {
        let all = |status| {
            (skill_ids.iter())
                .filter(|id| {
                    document
                        .skill(id)
                        .is_some_and(|s| s.kind == SkillKind::Skill)
                })
                .all(|id| document.progress.status(id) == status)
        };
        let hover = |_: &egui::Ui, status: Status| {
            format!(
                "Mark every selected skill {}",
                status.label().to_lowercase()
            )
        };
        if let Some(status) = icons::status_choice_ui(ui, all, hover) {
            actions.push(Action::SetStatuses {
                skill_ids: skill_ids.to_vec(),
                status,
            });
        }
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.strong("Move to stage");
        egui::ComboBox::from_id_salt("move-selection-to-stage")
            .selected_text("Choose…")
            .show_ui(ui, |ui| {
                for stage in &document.roadmap.stages {
                    if ui.selectable_label(false, &stage.title).clicked() {
                        actions.push(Action::MoveToStage {
                            skill_ids: skill_ids.to_vec(),
                            stage_id: stage.id.clone(),
                        });
                    }
                }
            })
            .response
            .accessible_name("Move the selected skills to a stage");
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let delete = format!("Delete {} skills", skill_ids.len());
        if ui
            .button(delete)
            .on_hover_text(UiCommand::DeleteSelected.text_with_shortcut(ui.ctx()))
            .clicked()
        {
            actions.push(Action::DeleteSelected);
        }
        if ui
            .button("Copy")
            .on_hover_text(UiCommand::CopySkills.text_with_shortcut(ui.ctx()))
            .clicked()
        {
            ui.ctx()
                .copy_text(super::canvas::copied_skills(document, skill_ids));
        }
    });
    ui.add_space(8.0);
    ui.separator();
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for skill_id in skill_ids.iter().take(LISTED) {
                let Some(index) = document.skill_index(skill_id) else {
                    continue;
                };
                let title = document.skill_title(skill_id);
                if icons::skill_link_ui(ui, document.status_at(index), &title)
                    .on_hover_text("Select only this skill")
                    .clicked()
                {
                    actions.push(Action::Select(Some(skill_id.clone())));
                    actions.push(Action::Focus(skill_id.clone()));
                }
            }
            if skill_ids.len() > LISTED {
                ui.label(RichText::new(format!("and {} more", skill_ids.len() - LISTED)).weak());
            }
        });
}
