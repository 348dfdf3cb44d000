//! The details panel of the selected skill: what it is, why it matters, links, status,
//! notes and history.

use egui::{RichText, ScrollArea, TextEdit};

use super::command::UiCommand;
use super::skill_editor::{EditorState, skill_editor_ui};
use crate::app::icons;
use crate::model::SkillKind;
use crate::model::check_url;
use crate::paint::palette as theme;
use crate::session::Action;
use crate::session::Document;

/// The notes being edited, kept apart from the model so typing is applied as actions.
#[derive(Clone, Debug, Default)]
pub struct NotesEditor {
    pub skill_id: String,
    pub text: String,
    /// Where the notes field was drawn this frame, if it was.
    pub rect: Option<egui::Rect>,
    /// Evidence being written, not yet added.
    pub evidence_text: String,
    pub evidence_link: String,
    /// The keyboard goes into the notes field when it is next drawn (Enter on the canvas).
    pub focus_requested: bool,
}

pub fn details_ui(
    ui: &mut egui::Ui,
    document: &Document,
    skill_id: &str,
    notes: &mut NotesEditor,
    editor: &mut EditorState,
    actions: &mut Vec<Action>,
) {
    let roadmap = &document.roadmap;
    let Some(skill) = document.skill(skill_id) else {
        ui.label("This skill is not in the roadmap any more.");
        return;
    };
    if notes.skill_id != skill.id {
        *notes = NotesEditor {
            skill_id: skill.id.clone(),
            text: document.progress.notes(&skill.id).to_owned(),
            focus_requested: notes.focus_requested,
            ..NotesEditor::default()
        };
    }

    ui.horizontal(|ui| {
        ui.heading(&skill.title);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            close_button_ui(ui, actions);
            let edit = ui
                .selectable_label(editor.editing, "Edit skill")
                .on_hover_text("Edit this skill: title, summary, stage, links, prerequisites…");
            editor.edit_button = Some(edit.rect);
            if edit.clicked() {
                editor.editing = !editor.editing;
            }
        });
    });
    if editor.editing {
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                skill_editor_ui(ui, document, skill, editor, actions);
            });
        return;
    }
    let stage = roadmap
        .stage(&skill.stage)
        .map_or(skill.stage.as_str(), |s| s.title.as_str());
    let mut facts = vec![stage.to_owned(), skill.area.label().to_owned()];
    if skill.kind == SkillKind::Milestone {
        facts.push("role milestone".to_owned());
    }
    if skill.optional {
        facts.push("optional".to_owned());
    }
    if let Some(hours) = skill.estimate_hours {
        facts.push(format!("about {hours} hours"));
    }
    ui.label(RichText::new(facts.join(" · ")).weak());
    if let Some(group) = roadmap.group_of(&skill.id) {
        alternative_ui(ui, document, group, &skill.id, actions);
    }
    ui.add_space(6.0);

    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if !skill.summary.is_empty() {
                ui.label(&skill.summary);
                ui.add_space(8.0);
            }

            if skill.kind == SkillKind::Milestone {
                milestone_status_ui(ui, document, &skill.requires);
            } else {
                status_ui(ui, document, &skill.id, actions);
                ui.add_space(8.0);
                super::details_levels::level_ui(ui, document, skill, actions);
            }
            ui.add_space(8.0);

            if !skill.resources.is_empty() {
                ui.strong("Learn it");
                for resource in &skill.resources {
                    match check_url(&resource.url) {
                        Ok(()) => {
                            ui.hyperlink_to(&resource.title, &resource.url)
                                .on_hover_text(&resource.url);
                        }
                        Err(reason) => {
                            ui.label(RichText::new(&resource.title).weak())
                                .on_hover_text(format!("Not opened: {reason} ({})", resource.url));
                        }
                    }
                }
                ui.add_space(8.0);
            }

            requirement_list_ui(ui, document, &skill.requires, actions);
            let dependents: Vec<(String, String)> = document
                .skill_index(&skill.id)
                .and_then(|index| document.scene.dependents.get(index))
                .into_iter()
                .flatten()
                .filter_map(|&index| roadmap.skills.get(index))
                .map(|s| (s.id.clone(), s.title.clone()))
                .collect();
            if !dependents.is_empty() {
                ui.strong("Unlocks");
                for (dependent_id, title) in dependents {
                    skill_link_ui(ui, document, &dependent_id, &title, actions);
                }
                ui.add_space(8.0);
            }

            if skill.kind == SkillKind::Skill {
                notes_ui(ui, document, notes, actions);
                if !roadmap.levels.is_empty() {
                    let draft = (&mut notes.evidence_text, &mut notes.evidence_link);
                    let skill_id = notes.skill_id.clone();
                    super::details_levels::evidence_ui(ui, document, &skill_id, draft, actions);
                }
                history_ui(ui, document, &skill.id);
            }
        });
}

/// The panel's Close: clears the selection, as Escape does.
pub(super) fn close_button_ui(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    if ui
        .button("Close")
        .on_hover_text(UiCommand::Deselect.text_with_shortcut(ui.ctx()))
        .clicked()
    {
        actions.push(Action::Select(None));
    }
}

fn status_ui(ui: &mut egui::Ui, document: &Document, skill_id: &str, actions: &mut Vec<Action>) {
    let current = document.progress.status(skill_id);
    ui.strong("Status");
    ui.add_enabled_ui(document.is_progress_editable(), |ui| {
        let hover = |ui: &egui::Ui, status| {
            let command = UiCommand::SetStatus(status);
            let text = command.text_with_shortcut(ui.ctx());
            format!("{text} — {}", command.tooltip())
        };
        let clicked = icons::status_choice_ui(ui, |status| status == current, hover);
        if let Some(status) = clicked.filter(|status| *status != current) {
            actions.push(Action::SetStatus {
                skill_id: skill_id.to_owned(),
                status,
            });
        }
    });
}

fn milestone_status_ui(ui: &mut egui::Ui, document: &Document, requires: &[String]) {
    let met = requires.iter().filter(|r| document.is_met(r)).count();
    ui.strong("Milestone");
    if met == requires.len() {
        ui.label(RichText::new("Reached: every requirement is learned.").color(theme::MILESTONE));
    } else {
        ui.label(format!("{met} of {} requirements learned.", requires.len()));
    }
}

fn requirement_list_ui(
    ui: &mut egui::Ui,
    document: &Document,
    requires: &[String],
    actions: &mut Vec<Action>,
) {
    if requires.is_empty() {
        return;
    }
    ui.strong("Requires");
    for required in requires {
        if let Some(group) = document.roadmap.group(required) {
            let done = document.is_met(&group.id);
            ui.label(format!(
                "{}{}",
                group.title,
                if done { " (done)" } else { "" }
            ));
            ui.indent(("group", &group.id), |ui| {
                for member in &group.skills {
                    let title = document
                        .skill(member)
                        .map_or(member.as_str(), |s| s.title.as_str());
                    skill_link_ui(ui, document, member, title, actions);
                }
            });
        } else {
            let title = document
                .skill(required)
                .map_or(required.as_str(), |s| s.title.as_str());
            skill_link_ui(ui, document, required, title, actions);
        }
    }
    ui.add_space(8.0);
}

fn skill_link_ui(
    ui: &mut egui::Ui,
    document: &Document,
    skill_id: &str,
    title: &str,
    actions: &mut Vec<Action>,
) {
    let status = document.progress.status(skill_id);
    if icons::skill_link_ui(ui, status, title)
        .on_hover_text("Show this skill")
        .clicked()
    {
        actions.push(Action::Focus(skill_id.to_owned()));
    }
}

fn notes_ui(
    ui: &mut egui::Ui,
    document: &Document,
    notes: &mut NotesEditor,
    actions: &mut Vec<Action>,
) {
    let editable = document.is_progress_editable();
    let mut private = document
        .progress
        .skills
        .get(&notes.skill_id)
        .is_some_and(|p| p.notes_private);
    ui.horizontal(|ui| {
        ui.strong("Notes");
        if let Some(edited) = document
            .progress
            .skills
            .get(&notes.skill_id)
            .and_then(|p| p.notes_edited_at)
        {
            ui.label(RichText::new(format!("edited {}", edited.date_string())).weak());
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .add_enabled(editable, egui::Checkbox::new(&mut private, "Private"))
                .on_hover_text("Private notes never leave: not in exports, not in a team plan")
                .changed()
            {
                actions.push(Action::SetNotesPrivate {
                    skill_id: notes.skill_id.clone(),
                    private,
                });
            }
        });
    });
    let response = ui.add_enabled(
        editable,
        TextEdit::multiline(&mut notes.text)
            // Longer notes would make the progress file refuse to open.
            .char_limit(crate::files::validate::MAX_NOTES_CHARS)
            .hint_text("What you studied, evidence, links…")
            .desired_rows(6)
            .desired_width(f32::INFINITY),
    );
    let title = document.skill_title(&notes.skill_id);
    let response = response
        .accessible_name(format!("Notes on {title}"))
        .on_hover_text("Notes save automatically");
    if std::mem::take(&mut notes.focus_requested) {
        response.request_focus();
        response.scroll_to_me(None);
    }
    notes.rect = Some(response.rect);
    if response.changed() {
        actions.push(Action::SetNotes {
            skill_id: notes.skill_id.clone(),
            notes: notes.text.clone(),
        });
    }
    ui.add_space(8.0);
}

fn history_ui(ui: &mut egui::Ui, document: &Document, skill_id: &str) {
    let Some(entry) = document.progress.skills.get(skill_id) else {
        return;
    };
    if entry.history.is_empty() {
        return;
    }
    ui.strong("History");
    for change in entry.history.iter().rev() {
        ui.horizontal(|ui| {
            ui.label(RichText::new(change.at.date_string()).monospace().weak());
            icons::status_icon_ui(ui, change.status);
            ui.label(change.status.label());
        });
    }
}

/// A member of a pick-one group: which member the plan takes for the person and why, and
/// a way to pick this one instead (or to leave the choice to Waymark again).
fn alternative_ui(
    ui: &mut egui::Ui,
    document: &Document,
    group: &crate::model::PickOneGroup,
    skill_id: &str,
    actions: &mut Vec<Action>,
) {
    use crate::model::ChoiceReason;
    ui.label(format!(
        "One of: {} — learning any one of them is enough.",
        group.title
    ));
    let choice = document.summary.choices.get(&group.id);
    let editable = document.is_progress_editable();
    ui.horizontal_wrapped(|ui| {
        match choice {
            Some(choice) if choice.member == skill_id => {
                ui.label(format!("Your plan takes this one ({}).", choice.reason.label()));
                if choice.reason == ChoiceReason::Picked
                    && ui
                        .add_enabled(editable, egui::Button::new("Let Waymark choose").small())
                        .on_hover_text("Take the one learned, being learned, fitting your other choices or the fewest hours")
                        .clicked()
                {
                    actions.push(Action::PickAlternative {
                        group_id: group.id.clone(),
                        skill_id: None,
                    });
                }
            }
            Some(choice) => {
                ui.label(format!(
                    "Your plan takes {} ({}).",
                    document.skill_title(&choice.member),
                    choice.reason.label()
                ));
                let can_pick = editable
                    && choice.reason != ChoiceReason::Learned
                    && document.progress.status(skill_id) != crate::model::Status::Skipped;
                if ui
                    .add_enabled(can_pick, egui::Button::new("Pick this one instead").small())
                    .on_disabled_hover_text(if choice.reason == ChoiceReason::Learned {
                        "The group is met: you learned another of them"
                    } else {
                        "A skipped skill cannot be picked"
                    })
                    .clicked()
                {
                    actions.push(Action::PickAlternative {
                        group_id: group.id.clone(),
                        skill_id: Some(skill_id.to_owned()),
                    });
                }
            }
            None => {
                ui.label(RichText::new("Every one of them is skipped.").weak());
            }
        }
    });
}
