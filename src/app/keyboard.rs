//! The canvas from the keyboard alone: moving the selection (on screen, in reading order,
//! or along the arrows), toggling learned, into the notes and back, copy and paste. Where
//! the selection lands is said to screen readers.

use super::WaymarkApp;
use super::command::UiCommand;
use crate::session::navigation::{self, ArrowTrail, Hop};
use crate::session::{Action, ViewRequest};

impl WaymarkApp {
    /// Runs a command of the canvas's keys; returns the action it asks for, if any.
    pub(super) fn run_canvas_command(
        &mut self,
        command: UiCommand,
        ctx: &egui::Context,
    ) -> Option<Action> {
        let document = &self.session.document;
        let selected = self.session.selection.primary.clone();
        let from = selected.as_deref().and_then(|id| document.skill_index(id));
        match command {
            UiCommand::SelectNearby(direction) => {
                let to = match from {
                    Some(from) => navigation::neighbour(document, from, direction),
                    None => navigation::step(document, None, true),
                };
                self.select_and_reveal(to, None);
                None
            }
            UiCommand::SelectNext | UiCommand::SelectPrevious => {
                let forward = command == UiCommand::SelectNext;
                self.select_and_reveal(navigation::step(document, from, forward), None);
                None
            }
            UiCommand::GoAlongArrow(hop) => {
                let Some(from) = from else {
                    return Some(nothing_selected());
                };
                match ArrowTrail::start(document, from, hop) {
                    Some(trail) => {
                        let to = trail.current();
                        self.select_and_reveal(to, Some(trail));
                        None
                    }
                    None => {
                        let title = document.roadmap.skills.get(from).map(|s| s.title.clone());
                        let what = match hop {
                            Hop::Prerequisite => "needs nothing before it",
                            Hop::Unlocked => "opens the way to nothing after it",
                        };
                        let text = format!("“{}” {what}", title.unwrap_or_default());
                        self.canvas.announcement = Some(text.clone());
                        Some(Action::ShowNotice(text))
                    }
                }
            }
            UiCommand::NextAlongArrow | UiCommand::PreviousAlongArrow => {
                let trail = (self.canvas.trail.clone())
                    .filter(|trail| from.is_some() && trail.current() == from);
                let Some(mut trail) = trail else {
                    let text = "Follow an arrow first: Alt+Left to a prerequisite, Alt+Right to what a skill unlocks";
                    return Some(Action::ShowNotice(text.to_owned()));
                };
                let to = trail.turn(command == UiCommand::NextAlongArrow);
                self.select_and_reveal(to, Some(trail));
                None
            }
            UiCommand::ToggleLearned => selected.map(Action::ToggleLearned),
            UiCommand::WriteNotes => {
                let is_skill = from
                    .and_then(|index| document.roadmap.skills.get(index))
                    .is_some_and(|skill| skill.kind == crate::model::SkillKind::Skill);
                if is_skill {
                    self.editor.editing = false;
                    self.notes.focus_requested = true;
                    ctx.request_repaint();
                    // The notes are in the details of one skill: with several selected,
                    // the one in front is kept (else the request would wait for a later
                    // selection, and take the keyboard then).
                    (!self.session.selection.extra.is_empty()).then_some(Action::Select(selected))
                } else if from.is_some() {
                    Some(Action::ShowNotice(
                        "A role milestone has no notes: select a skill".to_owned(),
                    ))
                } else {
                    Some(nothing_selected())
                }
            }
            UiCommand::FocusCanvas => {
                ctx.memory_mut(|memory| {
                    if let Some(focused) = memory.focused() {
                        memory.surrender_focus(focused);
                    }
                });
                self.canvas.announcement = Some(match from {
                    Some(index) => format!("Canvas: {}", self.spoken_skill(index)),
                    None => "Canvas: no skill selected".to_owned(),
                });
                None
            }
            UiCommand::EditSkill => selected.map(Action::EditSkill),
            UiCommand::ShowRequirements => selected.map(Action::SelectRequirements),
            UiCommand::CopySkills => {
                let skill_ids = self.session.selection.all();
                if skill_ids.is_empty() {
                    return Some(nothing_selected());
                }
                ctx.copy_text(super::canvas::copied_skills(document, &skill_ids));
                let text = match skill_ids.len() {
                    1 => "Copied the skill: paste it with Ctrl+V".to_owned(),
                    many => format!("Copied {many} skills: paste them with Ctrl+V"),
                };
                Some(Action::ShowNotice(text))
            }
            UiCommand::PasteSkills => {
                ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
                None
            }
            _ => None,
        }
    }

    /// Skills pasted (Ctrl+V, or the paste the context menu asked for) go where the menu
    /// was opened, else under the pointer if it is on the canvas, else in the middle of
    /// the view. Copy (Ctrl+C) copies the selected skills. A text field that has the
    /// keyboard takes both for itself.
    pub(super) fn clipboard_events(&mut self, ctx: &egui::Context) {
        // A menu's paste asked for long ago (the clipboard held no text) is forgotten, so a
        // later Ctrl+V does not land where that menu was.
        let frame = ctx.cumulative_frame_nr();
        let asked_at = (self.canvas.paste_at.take())
            .filter(|(_, asked)| frame.saturating_sub(*asked) <= PASTE_WAIT_FRAMES);
        // A text field takes copy and paste for itself; so does a dialog or a menu (a
        // label's selected text is copied there).
        let dialog_open = ctx.memory(|memory| memory.top_modal_layer().is_some())
            || egui::Popup::is_any_open(ctx);
        if self.was_typing || ctx.text_edit_focused() || dialog_open {
            return;
        }
        self.canvas.paste_at = asked_at;
        let events: Vec<egui::Event> = ctx.input(|input| {
            (input.events.iter())
                .filter(|event| matches!(event, egui::Event::Copy | egui::Event::Paste(_)))
                .cloned()
                .collect()
        });
        for event in events {
            match event {
                // Nothing selected: the copy was of something else (text shown somewhere).
                egui::Event::Copy if self.session.selection.primary.is_some() => {
                    self.run_command(UiCommand::CopySkills, ctx);
                }
                egui::Event::Paste(text) => {
                    let pointer = ctx
                        .pointer_latest_pos()
                        .filter(|pos| self.canvas.canvas_rect.contains(*pos))
                        .map(|pos| self.canvas.scene_to_screen().inverse() * pos);
                    let at = (self.canvas.paste_at.take().map(|(point, _)| point))
                        .or(pointer)
                        .unwrap_or(self.canvas.scene_rect.center());
                    self.actions.push(Action::PasteSkills {
                        text,
                        x: at.x,
                        y: at.y,
                    });
                }
                _ => {}
            }
        }
    }

    /// Selects a skill (by index), brings the canvas to it if it is out of view, and says
    /// where the selection is for screen readers; `trail` is how it got there along the
    /// arrows, kept for the next and previous of them.
    pub(super) fn select_and_reveal(&mut self, index: Option<usize>, trail: Option<ArrowTrail>) {
        let Some(index) = index else {
            return;
        };
        let Some(skill_id) =
            (self.session.document.roadmap.skills.get(index)).map(|skill| skill.id.clone())
        else {
            return;
        };
        let mut spoken = self.spoken_skill(index);
        if let Some(trail) = &trail {
            let document = &self.session.document;
            let from = (document.roadmap.skills.get(trail.from)).map_or("", |s| s.title.as_str());
            let (at, of) = (trail.at + 1, trail.choices.len());
            spoken.push_str(&match trail.hop {
                Hop::Prerequisite => format!("; prerequisite {at} of {of} of “{from}”"),
                Hop::Unlocked => format!("; {at} of {of} skills “{from}” unlocks"),
            });
        }
        self.canvas.announcement = Some(spoken);
        self.canvas.trail = trail;
        self.actions.push(Action::Select(Some(skill_id.clone())));
        self.canvas.request = Some(ViewRequest::Reveal(skill_id));
    }

    /// A skill as a screen reader names it on the canvas: "title, stage, status".
    fn spoken_skill(&self, index: usize) -> String {
        let document = &self.session.document;
        let Some(skill) = document.roadmap.skills.get(index) else {
            return String::new();
        };
        let stage = (document.roadmap.stage(&skill.stage))
            .map_or(skill.stage.as_str(), |s| s.title.as_str());
        match skill.kind {
            crate::model::SkillKind::Skill => format!(
                "{}, {stage}, {}",
                skill.title,
                document.status_at(index).label()
            ),
            crate::model::SkillKind::Milestone => format!("{}, {stage}, milestone", skill.title),
        }
    }
}

/// How many frames after a menu's "Paste skills" the clipboard's text may still arrive.
const PASTE_WAIT_FRAMES: u64 = 10;

fn nothing_selected() -> Action {
    Action::ShowNotice("Select a skill first: click one, or press Tab".to_owned())
}
