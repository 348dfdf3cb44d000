//! Editing a roadmap: every field of a skill, the roadmap's details and its stages. Fields
//! show the model and emit edits; typing in one field is one undo step.

use foldhash::HashMap;

use egui::{ComboBox, DragValue, RichText, TextEdit};

use crate::model::check_url;
use crate::model::{Area, Resource, RoadmapEdit, Skill, SkillKind};
use crate::session::Action;
use crate::session::Document;

/// Text being typed into fields that may not be empty (titles): kept here while empty, so
/// deleting a title to retype it does not snap back. Keyed by field.
#[derive(Clone, Debug, Default)]
pub struct EditorState {
    /// Whether the details panel shows the edit form.
    pub editing: bool,
    drafts: HashMap<String, String>,
    /// Focus the title field of the selected skill on the next frame (after adding one).
    focus_title: bool,
    requirement_search: String,
    /// Where the Edit skill button was drawn this frame, for the automation report.
    pub edit_button: Option<egui::Rect>,
}

impl EditorState {
    /// Whether the title field is about to take focus: keys typed meanwhile are text.
    pub fn is_focus_pending(&self) -> bool {
        self.focus_title
    }

    pub fn start_editing_title(&mut self) {
        self.editing = true;
        self.focus_title = true;
    }
}

/// A single-line field that must not be empty. Returns the new text when it changed to
/// something usable.
pub(super) fn required_text_ui(
    ui: &mut egui::Ui,
    state: &mut EditorState,
    key: &str,
    current: &str,
    name: &str,
    actions: &mut Vec<Action>,
) -> (egui::Response, Option<String>) {
    let text = state
        .drafts
        .entry(key.to_owned())
        .or_insert_with(|| current.to_owned());
    let response = ui
        .add(TextEdit::singleline(text).desired_width(f32::INFINITY))
        .accessible_name(name);
    let mut changed = None;
    if response.changed() && !text.trim().is_empty() {
        changed = Some(text.clone());
    }
    if text.trim().is_empty() {
        ui.colored_label(ui.visuals().error_fg_color, "A title is needed");
    }
    if !response.has_focus() {
        // Not being typed in: show the model (it may have changed through undo).
        if !text.trim().is_empty() || !response.lost_focus() {
            *text = current.to_owned();
        }
        if response.lost_focus() {
            actions.push(Action::EndGesture);
        }
    }
    (response, changed)
}

/// The edit form for one skill, shown in the details panel in edit mode.
pub fn skill_editor_ui(
    ui: &mut egui::Ui,
    document: &Document,
    skill: &Skill,
    state: &mut EditorState,
    actions: &mut Vec<Action>,
) {
    let roadmap = &document.roadmap;
    let mut draft = skill.clone();
    let gesture = |field: &str| Some(crate::session::History::field_gesture(&skill.id, field));
    let mut changed_field: Option<&str> = None;

    egui::Grid::new(("skill-editor", &skill.id))
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Title");
            let (response, new_title) = required_text_ui(
                ui,
                state,
                &format!("title:{}", skill.id),
                &skill.title,
                "Title",
                actions,
            );
            if std::mem::take(&mut state.focus_title) {
                response.request_focus();
                // The field takes the keyboard from the next frame on: run it now, not
                // at the first key press, whose letter would be lost.
                ui.ctx().request_repaint();
                if let Some(mut text_state) = TextEdit::load_state(ui.ctx(), response.id) {
                    let all = egui::text::CCursorRange::two(
                        egui::text::CCursor::new(0),
                        egui::text::CCursor::new(skill.title.chars().count()),
                    );
                    text_state.cursor.set_char_range(Some(all));
                    text_state.store(ui.ctx(), response.id);
                }
            }
            if let Some(title) = new_title {
                draft.title = title;
                changed_field = Some("title");
            }
            ui.end_row();

            ui.label("Id");
            ui.label(RichText::new(&skill.id).monospace().weak())
                .on_hover_text(
                    "Progress refers to skills by id, so it stays when the title changes; a new skill's id follows its first title, until something refers to it",
                );
            ui.end_row();

            ui.label("Stage");
            ComboBox::from_id_salt(("stage", &skill.id))
                .selected_text(
                    roadmap
                        .stage(&skill.stage)
                        .map_or(skill.stage.as_str(), |s| s.title.as_str()),
                )
                .show_ui(ui, |ui| {
                    for stage in &roadmap.stages {
                        if ui
                            .selectable_label(stage.id == skill.stage, &stage.title)
                            .clicked()
                        {
                            draft.stage = stage.id.clone();
                            changed_field = Some("stage");
                        }
                    }
                })
                .response
                .accessible_name("Stage");
            ui.end_row();

            ui.label("Area");
            let mut areas: Vec<Area> = Area::KNOWN
                .iter()
                .map(|(id, _)| Area((*id).to_owned()))
                .collect();
            for other in roadmap.skills.iter().map(|s| &s.area) {
                if !areas.contains(other) && !other.0.is_empty() {
                    areas.push(other.clone());
                }
            }
            ComboBox::from_id_salt(("area", &skill.id))
                .selected_text(skill.area.label())
                .show_ui(ui, |ui| {
                    for area in areas {
                        if ui
                            .selectable_label(area == skill.area, area.label())
                            .clicked()
                        {
                            draft.area = area;
                            changed_field = Some("area");
                        }
                    }
                })
                .response
                .accessible_name("Area");
            ui.end_row();

            ui.label("Kind");
            ui.horizontal(|ui| {
                for (kind, text) in [
                    (SkillKind::Skill, "Skill"),
                    (SkillKind::Milestone, "Role milestone"),
                ] {
                    if ui.radio(skill.kind == kind, text).clicked() && skill.kind != kind {
                        draft.kind = kind;
                        changed_field = Some("kind");
                    }
                }
            });
            ui.end_row();

            ui.label("Optional");
            let mut optional = skill.optional;
            if ui
                .checkbox(&mut optional, "Nice to have; never counts against progress")
                .changed()
            {
                draft.optional = optional;
                changed_field = Some("optional");
            }
            ui.end_row();

            ui.label("Effort");
            ui.horizontal(|ui| {
                let mut has_estimate = skill.estimate_hours.is_some();
                if ui
                    .checkbox(&mut has_estimate, "")
                    .on_hover_text("Give an effort estimate")
                    .changed()
                {
                    draft.estimate_hours = has_estimate.then_some(10);
                    changed_field = Some("estimate");
                }
                if let Some(hours) = skill.estimate_hours {
                    let mut hours = hours;
                    if ui
                        .add(
                            DragValue::new(&mut hours)
                                .range(1..=10_000)
                                .suffix(" hours"),
                        )
                        .changed()
                    {
                        draft.estimate_hours = Some(hours);
                        changed_field = Some("estimate");
                    }
                }
            });
            ui.end_row();

            ui.label("Pick one of");
            let current_group = roadmap.group_of(&skill.id).map(|g| g.id.clone());
            ComboBox::from_id_salt(("group", &skill.id))
                .selected_text(
                    roadmap
                        .group_of(&skill.id)
                        .map_or("None", |g| g.title.as_str()),
                )
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(current_group.is_none(), "None")
                        .clicked()
                        && current_group.is_some()
                    {
                        actions.push(Action::Edit {
                            edit: RoadmapEdit::SetGroup {
                                skill_id: skill.id.clone(),
                                group_id: None,
                            },
                            gesture: None,
                        });
                    }
                    for group in &roadmap.pick_one_groups {
                        if ui
                            .selectable_label(
                                current_group.as_ref() == Some(&group.id),
                                &group.title,
                            )
                            .clicked()
                            && current_group.as_ref() != Some(&group.id)
                        {
                            actions.push(Action::Edit {
                                edit: RoadmapEdit::SetGroup {
                                    skill_id: skill.id.clone(),
                                    group_id: Some(group.id.clone()),
                                },
                                gesture: None,
                            });
                        }
                    }
                })
                .response
                .accessible_name("Pick one of");
            ui.end_row();
        });

    ui.add_space(6.0);
    ui.label("Summary");
    let mut summary = skill.summary.clone();
    let response = ui
        .add(
            TextEdit::multiline(&mut summary)
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .hint_text("What it is and why it matters at this stage"),
        )
        .accessible_name("Summary");
    if response.changed() {
        draft.summary = summary;
        changed_field = Some("summary");
    }
    if response.lost_focus() {
        actions.push(Action::EndGesture);
    }

    ui.add_space(6.0);
    resources_editor_ui(ui, skill, &mut draft, &mut changed_field, actions);
    ui.add_space(6.0);
    requirements_editor_ui(ui, document, skill, state, actions);

    if let Some(field) = changed_field {
        actions.push(Action::Edit {
            edit: RoadmapEdit::UpdateSkill { skill: draft },
            gesture: gesture(field),
        });
    }

    ui.add_space(10.0);
    if ui
        .button("Delete skill…")
        .on_hover_text("Progress and notes on it are kept")
        .clicked()
    {
        actions.push(Action::Select(Some(skill.id.clone())));
        actions.push(Action::DeleteSelected);
    }
}

fn resources_editor_ui(
    ui: &mut egui::Ui,
    skill: &Skill,
    draft: &mut Skill,
    changed_field: &mut Option<&'static str>,
    actions: &mut Vec<Action>,
) {
    ui.strong("Links");
    let count = skill.resources.len();
    for (index, resource) in skill.resources.iter().enumerate() {
        ui.push_id(("resource", index), |ui| {
            let mut title = resource.title.clone();
            let mut url = resource.url.clone();
            // Buttons first, from the right, then the title takes the width that is left:
            // the row never asks for more than the panel has (a guessed button width made
            // the panel grow every frame until it filled the window).
            let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
            let right_to_left = egui::Layout::right_to_left(egui::Align::Center);
            ui.allocate_ui_with_layout(row, right_to_left, |ui| {
                if ui.button("Remove").clicked() {
                    draft.resources.remove(index);
                    *changed_field = Some("resources-remove");
                }
                if ui
                    .add_enabled(index + 1 < count, egui::Button::new("Down"))
                    .on_hover_text("Move down")
                    .clicked()
                {
                    draft.resources.swap(index, index + 1);
                    *changed_field = Some("resources-order");
                }
                if ui
                    .add_enabled(index > 0, egui::Button::new("Up"))
                    .on_hover_text("Move up")
                    .clicked()
                {
                    draft.resources.swap(index, index - 1);
                    *changed_field = Some("resources-order");
                }
                let title_response = ui.add(
                    TextEdit::singleline(&mut title)
                        .hint_text("Title")
                        .desired_width(ui.available_width()),
                );
                if title_response.changed() {
                    if let Some(entry) = draft.resources.get_mut(index) {
                        entry.title = title.clone();
                    }
                    *changed_field = Some("resource-title");
                }
                if title_response.lost_focus() {
                    actions.push(Action::EndGesture);
                }
            });
            let url_response = ui.add(
                TextEdit::singleline(&mut url)
                    .hint_text("https://…")
                    .desired_width(f32::INFINITY),
            );
            if let Err(reason) = check_url(&url) {
                ui.colored_label(ui.visuals().warn_fg_color, reason);
            }
            if url_response.changed() {
                if let Some(entry) = draft.resources.get_mut(index) {
                    entry.url = url;
                }
                *changed_field = Some("resource-url");
            }
            if url_response.lost_focus() {
                actions.push(Action::EndGesture);
            }
        });
    }
    if ui.button("Add link").clicked() {
        draft.resources.push(Resource {
            title: "Documentation".to_owned(),
            url: "https://".to_owned(),
        });
        *changed_field = Some("resources-add");
    }
}

fn requirements_editor_ui(
    ui: &mut egui::Ui,
    document: &Document,
    skill: &Skill,
    state: &mut EditorState,
    actions: &mut Vec<Action>,
) {
    let roadmap = &document.roadmap;
    ui.strong("Requires");
    for required in &skill.requires {
        let title = document
            .skill(required)
            .map(|s| s.title.clone())
            .or_else(|| roadmap.group(required).map(|g| g.title.clone()))
            .unwrap_or_else(|| required.clone());
        ui.horizontal(|ui| {
            ui.label(&title);
            if ui
                .small_button("Remove")
                .on_hover_text(format!("{} no longer requires {title}", skill.title))
                .clicked()
            {
                actions.push(Action::Edit {
                    edit: RoadmapEdit::RemoveRequirement {
                        skill_id: skill.id.clone(),
                        required_id: required.clone(),
                    },
                    gesture: None,
                });
            }
        });
    }
    ui.horizontal(|ui| {
        ui.label("Add");
        ui.add(
            TextEdit::singleline(&mut state.requirement_search)
                .hint_text("Search skills to require…")
                .desired_width(f32::INFINITY),
        )
        .accessible_name("Search skills to require");
    });
    let query = state.requirement_search.trim().to_lowercase();
    if !query.is_empty() {
        let candidates = roadmap
            .skills
            .iter()
            .map(|s| (s.id.as_str(), s.title.as_str()))
            .chain(
                roadmap
                    .pick_one_groups
                    .iter()
                    .map(|g| (g.id.as_str(), g.title.as_str())),
            )
            .filter(|(id, title)| {
                *id != skill.id
                    && !skill.requires.iter().any(|r| r == id)
                    && (title.to_lowercase().contains(&query) || id.contains(&query))
            })
            .take(8);
        for (id, title) in candidates {
            if ui.button(format!("Require {title}")).clicked() {
                actions.push(Action::Edit {
                    edit: RoadmapEdit::AddRequirement {
                        skill_id: skill.id.clone(),
                        required_id: id.to_owned(),
                    },
                    gesture: None,
                });
                state.requirement_search.clear();
            }
        }
    }
}
