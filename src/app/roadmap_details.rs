//! Editing the roadmap itself: its title, description, author and licence, and its
//! stages (add, rename, reorder, remove when empty).

use egui::{RichText, TextEdit};

use super::skill_editor::{EditorState, required_text_ui};
use crate::model::{RoadmapEdit, Stage};
use crate::session::{Action, Document};

/// The roadmap's details (title, description, author, licence) and its stages.
pub fn roadmap_details_ui(
    ui: &mut egui::Ui,
    document: &Document,
    state: &mut EditorState,
    actions: &mut Vec<Action>,
) {
    let roadmap = &document.roadmap;
    let mut title = roadmap.title.clone();
    let mut description = roadmap.description.clone();
    let mut author = roadmap.author.clone();
    let mut license = roadmap.license.clone();
    let mut changed = None;
    egui::Grid::new("roadmap-details")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Title");
            if let (_, Some(new_title)) =
                required_text_ui(ui, state, "roadmap-title", &roadmap.title, "Title", actions)
            {
                title = new_title;
                changed = Some("title");
            }
            ui.end_row();
            for (name, value) in [("Author", &mut author), ("Licence", &mut license)] {
                ui.label(name);
                let response = ui
                    .add(TextEdit::singleline(value).desired_width(f32::INFINITY))
                    .accessible_name(name);
                if response.changed() {
                    changed = Some(name);
                }
                if response.lost_focus() {
                    actions.push(Action::EndGesture);
                }
                ui.end_row();
            }
        });
    ui.label("Description");
    let response = ui
        .add(
            TextEdit::multiline(&mut description)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .accessible_name("Description");
    if response.changed() {
        changed = Some("description");
    }
    if let Some(field) = changed {
        actions.push(Action::Edit {
            edit: RoadmapEdit::SetMetadata {
                title,
                description,
                author,
                license,
            },
            gesture: Some(format!("metadata:{field}")),
        });
    }

    ui.add_space(8.0);
    ui.strong("Stages, in order");
    let stage_count = roadmap.stages.len();
    for (index, stage) in roadmap.stages.iter().enumerate() {
        let skill_count = roadmap
            .skills
            .iter()
            .filter(|s| s.stage == stage.id)
            .count();
        ui.push_id(("stage", &stage.id), |ui| {
            ui.horizontal(|ui| {
                ui.scope(|ui| {
                    ui.set_max_width(220.0);
                    if let (_, Some(new_title)) = required_text_ui(
                        ui,
                        state,
                        &format!("stage:{}", stage.id),
                        &stage.title,
                        "Stage title",
                        actions,
                    ) {
                        actions.push(Action::Edit {
                            edit: RoadmapEdit::RenameStage {
                                stage_id: stage.id.clone(),
                                title: new_title,
                            },
                            gesture: Some(format!("stage-title:{}", stage.id)),
                        });
                    }
                });
                ui.label(RichText::new(format!("{skill_count} skills")).weak());
                let move_to = |to_index| Action::Edit {
                    edit: RoadmapEdit::MoveStage {
                        stage_id: stage.id.clone(),
                        to_index,
                    },
                    gesture: None,
                };
                if ui.add_enabled(index > 0, egui::Button::new("Up")).clicked() {
                    actions.push(move_to(index - 1));
                }
                if ui
                    .add_enabled(index + 1 < stage_count, egui::Button::new("Down"))
                    .clicked()
                {
                    actions.push(move_to(index + 1));
                }
                let remove = ui
                    .add_enabled(skill_count == 0, egui::Button::new("Remove"))
                    .on_disabled_hover_text(format!(
                        "Move its {skill_count} skills to another stage first"
                    ));
                if remove.clicked() {
                    actions.push(Action::Edit {
                        edit: RoadmapEdit::RemoveStage {
                            stage_id: stage.id.clone(),
                        },
                        gesture: None,
                    });
                }
            });
        });
    }
    if ui.button("Add stage").clicked() {
        let id = roadmap.unique_stage_id("stage");
        actions.push(Action::Edit {
            edit: RoadmapEdit::AddStage {
                stage: Stage {
                    id,
                    title: "New stage".to_owned(),
                },
                index: stage_count,
            },
            gesture: None,
        });
    }
}
