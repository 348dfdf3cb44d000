//! Dragging on the canvas: moving skills, connecting one to another with the handle, and
//! selecting with a box. Each drag is one undo step.

use egui::{Pos2, Rect, Sense, Stroke, Vec2, WidgetInfo};

use super::{CanvasGesture, CanvasState};
use crate::paint::palette as theme;
use crate::paint::scene_painter::ScenePainter;
use crate::session::scene_index::node_rect;
use crate::session::{Action, Document};

/// Dragging a skill moves it, with the rest of the selection if it is selected. The whole
/// drag is one undo step.
pub(super) fn move_gesture(
    state: &mut CanvasState,
    document: &Document,
    selection: &[String],
    skill_id: &str,
    response: &egui::Response,
    actions: &mut Vec<Action>,
) {
    if response.drag_started_by(egui::PointerButton::Primary) {
        let skill_ids = if selection.iter().any(|id| id == skill_id) {
            selection.to_vec()
        } else {
            actions.push(Action::Select(Some(skill_id.to_owned())));
            vec![skill_id.to_owned()]
        };
        state.gesture_count += 1;
        state.gesture = Some(CanvasGesture::Move {
            skill_ids,
            key: format!("drag:{}", state.gesture_count),
        });
    }
    let Some(CanvasGesture::Move { skill_ids, key }) = &state.gesture else {
        return;
    };
    if !skill_ids.iter().any(|id| id == skill_id) {
        return;
    }
    let delta = response.drag_delta();
    if response.dragged()
        && delta != Vec2::ZERO
        && skill_ids.first().is_some_and(|first| first == skill_id)
    {
        let moves = skill_ids
            .iter()
            .filter_map(|id| {
                let position = document
                    .skill_index(id)
                    .and_then(|i| document.layout.node_positions.get(i))?;
                Some((id.clone(), (position[0] + delta.x, position[1] + delta.y)))
            })
            .collect();
        actions.push(Action::Edit {
            edit: crate::model::RoadmapEdit::MoveSkills { moves },
            gesture: Some(key.clone()),
        });
    }
    if response.drag_stopped() {
        state.gesture = None;
        actions.push(Action::EndGesture);
    }
}

/// The handle on the selected skill: drag it onto another skill to make the selected skill
/// one of that skill's prerequisites.
pub(super) fn connect_handle_ui(
    ui: &mut egui::Ui,
    scene: &ScenePainter,
    state: &mut CanvasState,
    (document, skill_id, pointer_in_scene): (&Document, &str, Option<Pos2>),
    actions: &mut Vec<Action>,
) {
    let Some(position) = document
        .skill_index(skill_id)
        .and_then(|i| document.layout.node_positions.get(i))
    else {
        return;
    };
    let center = node_rect(*position).right_center() + Vec2::new(12.0, 0.0);
    let handle = Rect::from_center_size(center, Vec2::splat(16.0));
    let response = ui.interact(handle, ui.scope_id().with("connect-handle"), Sense::drag());
    response.widget_info(|| {
        WidgetInfo::labeled(
            egui::Role::Button,
            true,
            "Connect: drag onto the skill that needs this one",
        )
    });
    let response = response.on_hover_text("Drag onto a skill to make this skill its prerequisite");
    let active = response.hovered() || response.dragged();
    let mut pen = scene.pen();
    pen.circle(
        scene.pos(center),
        scene.scaled(if active { 7.0 } else { 5.5 }),
        theme::ACCENT,
        Stroke::new(scene.scaled(1.5), ui.visuals().strong_text_color()),
    );
    if response.drag_started() {
        state.gesture = Some(CanvasGesture::Connect {
            from_skill_id: skill_id.to_owned(),
        });
    }
    if let (Some(CanvasGesture::Connect { from_skill_id }), Some(pointer)) =
        (&state.gesture, pointer_in_scene)
        && from_skill_id == skill_id
    {
        if response.dragged() {
            let stroke = Stroke::new(scene.scaled(2.5), theme::ACCENT);
            crate::paint::edges::paint_arrow(
                &mut pen,
                scene,
                &[center, pointer],
                stroke,
                &mut Vec::new(),
            );
        }
        if response.drag_stopped() {
            let target = document
                .scene
                .skill_at(pointer)
                .and_then(|index| document.roadmap.skills.get(index))
                .map(|skill| skill.id.clone());
            if let Some(target) = target.filter(|target| target != skill_id) {
                actions.push(Action::Edit {
                    edit: crate::model::RoadmapEdit::AddRequirement {
                        skill_id: target,
                        required_id: skill_id.to_owned(),
                    },
                    gesture: None,
                });
            }
            state.gesture = None;
        }
    }
    scene.paint_pen(&mut pen);
}

/// Shift-drag on empty canvas: a box that selects every skill it touches. The drag is the
/// background's (which does not pan while Shift is held); the box is drawn by the canvas
/// from the gesture.
pub(super) fn box_select(
    ui: &egui::Ui,
    document: &Document,
    state: &mut CanvasState,
    background: &egui::Response,
    shift_held: bool,
    actions: &mut Vec<Action>,
) {
    let screen_to_scene = state.scene_to_screen().inverse();
    if background.drag_started_by(egui::PointerButton::Primary)
        && shift_held
        && let Some(origin) = ui.input(|input| input.pointer.press_origin())
    {
        state.gesture = Some(CanvasGesture::BoxSelect {
            start_in_scene: screen_to_scene * origin,
        });
    }
    let Some(CanvasGesture::BoxSelect { start_in_scene }) = state.gesture else {
        return;
    };
    let released = background.drag_stopped() || !ui.input(|input| input.pointer.any_down());
    let pointer = ui.input(|input| input.pointer.latest_pos());
    if let (true, Some(pointer)) = (released, pointer) {
        let selection_box = Rect::from_two_pos(start_in_scene, screen_to_scene * pointer);
        let mut touched = Vec::new();
        document.scene.skills_in(selection_box, &mut touched);
        let skill_ids = touched
            .iter()
            .filter_map(|&index| document.roadmap.skills.get(index as usize))
            .map(|skill| skill.id.clone())
            .collect();
        actions.push(Action::SelectMany(skill_ids));
    }
    if released {
        state.gesture = None;
    }
}
