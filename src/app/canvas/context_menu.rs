//! Right-click on the canvas: a menu for the skill under the pointer (for the whole
//! selection, when that skill is one of several selected), or for the empty canvas where
//! it was opened. Each entry names its shortcut, so the menu teaches the keys.

use egui::containers::SetOpenCommand;
use egui::{Popup, Pos2, RichText};

use super::CanvasState;
use crate::app::command::UiCommand;
use crate::model::{SkillKind, Status};
use crate::session::{Action, Document};

/// What the context menu was opened on.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ContextTarget {
    Skill(String),
    /// Empty canvas, at this point of the scene.
    Background(Pos2),
}

/// Opens the menu for `opened` (a right-click this frame), shows it while it is open and
/// pushes what is chosen.
pub(super) fn context_menu_ui(
    ui: &mut egui::Ui,
    background: &egui::Response,
    document: &Document,
    state: &mut CanvasState,
    (selection, opened): (&[String], Option<ContextTarget>),
    status_of: &dyn Fn(&str) -> Status,
    actions: &mut Vec<Action>,
) {
    let menu_id = ui.scope_id().with("canvas-context-menu");
    let opening = opened.is_some();
    if let Some(target) = opened {
        // Right-click selects what it is on, as in file managers, unless it is part of
        // the selection already (the menu then acts on all of it).
        if let ContextTarget::Skill(skill_id) = &target
            && !selection.contains(skill_id)
        {
            actions.push(Action::Select(Some(skill_id.clone())));
        }
        state.context = Some(target);
    }
    let Some(target) = state.context.clone() else {
        return;
    };
    let shown = Popup::context_menu(background)
        .id(menu_id)
        .open_memory(opening.then_some(SetOpenCommand::Bool(true)))
        .show(|ui| match &target {
            ContextTarget::Skill(skill_id) => {
                let targets: Vec<String> = if selection.len() > 1 && selection.contains(skill_id) {
                    selection.to_vec()
                } else {
                    vec![skill_id.clone()]
                };
                skill_menu_ui(ui, document, skill_id, &targets, status_of, actions);
            }
            ContextTarget::Background(point) => {
                background_menu_ui(ui, *point, state, actions);
            }
        });
    match shown {
        Some(shown) => {
            let name = match &target {
                ContextTarget::Skill(skill_id) => format!("skill:{skill_id}"),
                ContextTarget::Background(_) => "canvas".to_owned(),
            };
            crate::app::automation::mark(ui.ctx(), "menu", name, shown.response.rect);
        }
        None => state.context = None,
    }
}

/// One entry of the menu, with its shortcut at the right; marked for the automation report
/// by its text.
fn item(ui: &mut egui::Ui, text: &str, command: Option<UiCommand>, selected: bool) -> bool {
    item_with_hint(
        ui,
        text,
        command
            .and_then(UiCommand::shortcut)
            .map(|shortcut| ui.ctx().format_shortcut(&shortcut)),
        selected,
    )
}

/// An entry with what else does the same at its right ("Double-click").
fn item_with_hint(ui: &mut egui::Ui, text: &str, hint: Option<String>, selected: bool) -> bool {
    let mut button = egui::Button::selectable(selected, text);
    if let Some(hint) = hint {
        button = button.shortcut_text(hint);
    }
    let response = ui.add(button);
    crate::app::automation::mark(ui.ctx(), "menuitem", text, response.rect);
    response.clicked()
}

fn skill_menu_ui(
    ui: &mut egui::Ui,
    document: &Document,
    skill_id: &str,
    targets: &[String],
    status_of: &dyn Fn(&str) -> Status,
    actions: &mut Vec<Action>,
) {
    let Some(skill) = document.skill(skill_id) else {
        ui.close();
        return;
    };
    let heading = match targets.len() {
        1 => skill.title.clone(),
        many => format!("{many} selected skills"),
    };
    ui.label(RichText::new(heading).strong());
    ui.separator();
    let single = targets.len() == 1;
    if (skill.kind == SkillKind::Skill || !single) && document.is_progress_editable() {
        for status in [
            Status::Learned,
            Status::Learning,
            Status::Skipped,
            Status::NotStarted,
        ] {
            let command = UiCommand::SetStatus(status);
            let current = targets.iter().all(|id| status_of(id) == status);
            if item(ui, command.text(), Some(command), current) {
                actions.push(Action::SetStatuses {
                    skill_ids: targets.to_vec(),
                    status,
                });
            }
        }
        if single && !document.roadmap.levels.is_empty() {
            ui.menu_button("Level", |ui| level_menu_ui(ui, document, skill_id, actions));
        }
        ui.separator();
    }
    if single && item(ui, "Edit skill…", Some(UiCommand::EditSkill), false) {
        actions.push(Action::EditSkill(skill_id.to_owned()));
    }
    if single
        && item(
            ui,
            UiCommand::ShowRequirements.text(),
            Some(UiCommand::ShowRequirements),
            false,
        )
    {
        actions.push(Action::SelectRequirements(skill_id.to_owned()));
    }
    if single && item(ui, "Copy id", None, false) {
        ui.ctx().copy_text(skill_id.to_owned());
    }
    let copy_text = if single {
        "Copy skill".to_owned()
    } else {
        format!("Copy {} skills", targets.len())
    };
    if item(ui, &copy_text, Some(UiCommand::CopySkills), false) {
        ui.ctx().copy_text(copied_skills(document, targets));
    }
    ui.separator();
    let delete_text = if single {
        "Delete skill".to_owned()
    } else {
        format!("Delete {} skills", targets.len())
    };
    if item(ui, &delete_text, Some(UiCommand::DeleteSelected), false) {
        actions.push(Action::SelectMany(targets.to_vec()));
        actions.push(Action::DeleteSelected);
    }
}

fn level_menu_ui(
    ui: &mut egui::Ui,
    document: &Document,
    skill_id: &str,
    actions: &mut Vec<Action>,
) {
    let roadmap = &document.roadmap;
    let held = document
        .skill_index(skill_id)
        .and_then(|index| document.level_at(index));
    for (rank, level) in roadmap.levels.iter().enumerate() {
        let rank = rank + 1;
        let command = (rank <= 4).then_some(UiCommand::SetLevel(rank as u8));
        if item(ui, &level.title, command, held == Some(rank)) {
            actions.push(Action::SetLevel {
                skill_id: skill_id.to_owned(),
                level: Some(level.id.clone()),
            });
        }
    }
    if item(ui, "Clear level", Some(UiCommand::SetLevel(0)), false) {
        actions.push(Action::SetLevel {
            skill_id: skill_id.to_owned(),
            level: None,
        });
    }
}

fn background_menu_ui(
    ui: &mut egui::Ui,
    point: Pos2,
    state: &mut CanvasState,
    actions: &mut Vec<Action>,
) {
    if item_with_hint(ui, "Add skill here", Some("Double-click".to_owned()), false) {
        actions.push(Action::AddSkillAt {
            x: point.x,
            y: point.y,
        });
    }
    if item(ui, "Paste skills here", Some(UiCommand::PasteSkills), false) {
        // The clipboard's text arrives as a paste event, next frame.
        state.paste_at = Some((point, ui.ctx().cumulative_frame_nr()));
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::RequestPaste);
    }
    ui.separator();
    if item(
        ui,
        UiCommand::FitView.text(),
        Some(UiCommand::FitView),
        false,
    ) {
        actions.push(Action::FitView);
    }
}

/// The skills as RON for the clipboard, each at the place it has on the canvas now, so a
/// paste keeps their arrangement.
pub(crate) fn copied_skills(document: &Document, skill_ids: &[String]) -> String {
    let skills: Vec<crate::model::Skill> = (skill_ids.iter())
        .filter_map(|id| {
            let index = document.skill_index(id)?;
            let skill = document.roadmap.skills.get(index)?;
            let position = document.layout.node_positions.get(index)?;
            Some(crate::model::Skill {
                position: Some((position[0], position[1])),
                ..skill.clone()
            })
        })
        .collect();
    crate::files::clipboard::skills_to_text(&skills)
}
