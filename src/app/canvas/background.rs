//! The canvas's background: clicks and double-clicks that land on no node, the hint an
//! empty roadmap shows, and the line screen readers hear when the keyboard moves.

use egui::{Pos2, Rect, Sense, Vec2, WidgetInfo};

use crate::session::{Action, Document};

/// Clicks on the canvas that no node took: zoomed out, a node only becomes a widget once
/// the pointer rests on it, so a click that arrives with the pointer (a quick click, a
/// touch) lands here and selects the skill under it. On empty canvas a click clears the
/// selection and a double-click adds a skill there.
pub(super) fn background_clicks(
    document: &Document,
    background: &egui::Response,
    pointer_in_scene: Option<Pos2>,
    shift_held: bool,
    actions: &mut Vec<Action>,
) {
    let Some(pointer) = pointer_in_scene else {
        return;
    };
    let node_under_pointer =
        (document.scene.skill_at(pointer)).and_then(|index| document.roadmap.skills.get(index));
    if let Some(skill) = node_under_pointer {
        if background.clicked() {
            if shift_held {
                actions.push(Action::ToggleSelected(skill.id.clone()));
            } else {
                actions.push(Action::Select(Some(skill.id.clone())));
            }
        }
    } else if background.double_clicked() {
        actions.push(Action::AddSkillAt {
            x: pointer.x,
            y: pointer.y,
        });
    } else if background.clicked() && !shift_held {
        actions.push(Action::Select(None));
    }
}

/// A line for screen readers, read out when it changes (a live region): where the
/// keyboard just took the selection. Nothing is drawn.
pub(super) fn announcement_ui(ui: &mut egui::Ui, canvas_rect: Rect, text: Option<&str>) {
    let Some(text) = text else {
        return;
    };
    let id = ui.scope_id().with("canvas-announcement");
    let rect = Rect::from_min_size(canvas_rect.left_bottom(), Vec2::ZERO);
    let response = ui.interact(rect, id, Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, text));
    ui.ctx().accesskit_node_builder(id, |node| {
        node.set_live(egui::accesskit::Live::Polite);
    });
}

/// What to do on an empty canvas: said where the first skill would go.
pub(super) fn empty_roadmap_hint_ui(ui: &mut egui::Ui, canvas_rect: Rect) {
    let text = "No skills yet\n\nDouble-click inside a stage to add a skill there,\nor press A to add one in the middle of the view.";
    let mut job = egui::text::LayoutJob::simple(
        text.to_owned(),
        egui::TextStyle::Body.resolve(ui.style()),
        ui.visuals().weak_text_color(),
        canvas_rect.width() * 0.8,
    );
    job.halign = egui::Align::Center;
    let galley = ui.painter().layout_job(job);
    // A centred galley is laid out around x = 0.
    let at = canvas_rect.center() - egui::vec2(0.0, galley.size().y / 2.0);
    let response = ui.interact(
        Rect::from_center_size(canvas_rect.center(), galley.size()),
        ui.scope_id().with("empty-roadmap-hint"),
        Sense::hover(),
    );
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, text));
    ui.painter()
        .galley(at, galley, ui.visuals().weak_text_color());
}
