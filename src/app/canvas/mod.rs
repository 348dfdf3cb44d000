//! The roadmap graph: stages as columns, skills as nodes, prerequisites as arrows, inside an
//! `egui::Scene` for pan and zoom. Reads the document, emits actions.

use foldhash::HashSet;

use egui::containers::DragPanButtons;
use egui::{PointerButton, Pos2, Rect, Scene, Sense, Stroke, Vec2, WidgetInfo};

use crate::model::{SkillKind, Status};
use crate::paint::edges::{ArrowPicture, paint_edges};
use crate::paint::nodes::{Node, NodeBatch, NodePainter, NodeStyle, overlapping};
use crate::paint::palette as theme;
use crate::paint::picture::{
    TEXT_MIN_ZOOM, paint_groups, paint_milestone_labels, paint_stage_headings, paint_stages,
};
use crate::paint::scene_painter::ScenePainter;
use crate::session::scene_index::node_rect;
use crate::session::{Action, CanvasLens, Document, ViewRequest};

mod background;
mod context_menu;
mod gestures;
mod view;

use background::{announcement_ui, background_clicks, empty_roadmap_hint_ui};
use context_menu::ContextTarget;
pub(crate) use context_menu::copied_skills;
use gestures::{box_select, connect_handle_ui, move_gesture};
use view::view_for;

/// How far out and in the canvas zooms.
const ZOOM_RANGE: egui::Rangef = egui::Rangef {
    min: 0.02,
    max: 2.0,
};

/// What a drag on the canvas is doing.
#[derive(Clone, Debug, PartialEq)]
enum CanvasGesture {
    /// Moving these skills; the key makes the whole drag one undo step.
    Move { skill_ids: Vec<String>, key: String },
    /// Dragging from a skill's handle to connect it as a prerequisite of another.
    Connect { from_skill_id: String },
    /// Shift-dragging a box on empty canvas to select what it touches.
    BoxSelect { start_in_scene: Pos2 },
}

/// The canvas's own state: the visible part of the scene.
#[derive(Clone, Debug)]
pub struct CanvasState {
    /// A gesture in progress on the canvas.
    gesture: Option<CanvasGesture>,
    /// Counts gestures, to give each drag its own undo step.
    gesture_count: u64,
    pub scene_rect: Rect,
    pub request: Option<ViewRequest>,
    /// Where the canvas was on screen last frame.
    pub canvas_rect: Rect,
    /// A point of the scene to keep in the middle when the canvas changes size (the details
    /// panel opening beside it): the skill just focused. Used for the one change of size
    /// that follows the focus; later ones (the panel closing) keep the top-left corner, so
    /// the graph does not jump under the pointer.
    keep_centred: Option<(Pos2, u64)>,
    /// Scratch lists of what is in view, kept to avoid allocating each frame.
    visible_skills: Vec<u32>,
    visible_edges: Vec<u32>,
    /// Scratch for finding the visible nodes that overlap one another.
    visible_rects: Vec<Rect>,
    sweep_order: Vec<u32>,
    overlaps: Vec<bool>,
    /// The plain arrows as last drawn.
    arrows: ArrowPicture,
    /// Whether a plain mouse wheel zooms (else it pans; Ctrl and the wheel always zoom).
    pub wheel_zooms: bool,
    /// What the open context menu is for.
    context: Option<ContextTarget>,
    /// Where skills asked for from the context menu's "Paste" go, in the scene, and the
    /// frame it was asked in: the clipboard's text arrives a frame or two later, or never
    /// when the clipboard holds no text.
    pub paste_at: Option<(Pos2, u64)>,
    /// What a screen reader is told after the keyboard moved the selection: where it
    /// landed and how.
    pub announcement: Option<String>,
    /// How the keyboard last went along an arrow, for the next and previous of its ends.
    pub trail: Option<crate::session::navigation::ArrowTrail>,
}

impl Default for CanvasState {
    fn default() -> Self {
        Self {
            gesture: None,
            gesture_count: 0,
            scene_rect: Rect::NOTHING,
            request: Some(ViewRequest::Start),
            canvas_rect: Rect::NOTHING,
            keep_centred: None,
            visible_skills: Vec::new(),
            visible_edges: Vec::new(),
            visible_rects: Vec::new(),
            sweep_order: Vec::new(),
            overlaps: Vec::new(),
            arrows: ArrowPicture::default(),
            wheel_zooms: false,
            context: None,
            paste_at: None,
            announcement: None,
            trail: None,
        }
    }
}

impl CanvasState {
    /// The transform from scene to screen coordinates, as `egui::Scene` computes it.
    pub fn scene_to_screen(&self) -> egui::emath::TSTransform {
        let scale = (self.canvas_rect.size() / self.scene_rect.size()).min_elem();
        let mut scale = ZOOM_RANGE.clamp(scale);
        if !scale.is_finite() || scale <= 0.0 {
            scale = 1.0;
        }
        egui::emath::TSTransform::from_translation(
            self.canvas_rect.center().to_vec2() - scale * self.scene_rect.center().to_vec2(),
        ) * egui::emath::TSTransform::from_scaling(scale)
    }

    /// Whether the right-click menu is open.
    pub fn is_context_menu_open(&self) -> bool {
        self.context.is_some()
    }

    /// The zoom factor: screen points per scene unit.
    pub fn zoom(&self) -> f32 {
        self.scene_to_screen().scaling
    }

    /// Where a skill's node is on screen, for tests and automation that click it.
    pub fn skill_screen_rect(&self, document: &Document, skill_id: &str) -> Option<Rect> {
        let position = document
            .skill_index(skill_id)
            .and_then(|index| document.layout.node_positions.get(index))?;
        Some(self.scene_to_screen() * node_rect(*position))
    }
}

/// Shows the graph and pushes what the person did onto `actions`.
/// How many frames after a focus a change of the canvas's size (the details panel
/// opening) still keeps the focused skill in the middle.
const KEEP_CENTRED_FRAMES: u64 = 3;

pub fn canvas_ui(
    ui: &mut egui::Ui,
    document: &Document,
    state: &mut CanvasState,
    selection: &[String],
    search_matches: Option<&[bool]>,
    lens: Option<&CanvasLens>,
    actions: &mut Vec<Action>,
) {
    let selected = selection.first().map(String::as_str);
    let canvas_rect = ui.available_rect_before_wrap();
    let bounds = Rect::from_min_max(
        Pos2::new(document.layout.bounds[0], document.layout.bounds[1]),
        Pos2::new(document.layout.bounds[2], document.layout.bounds[3]),
    );
    if state.canvas_rect.is_positive()
        && state.scene_rect.is_positive()
        && state.canvas_rect.size() != canvas_rect.size()
    {
        // A panel opened or the window resized: keep the zoom and the top-left corner
        // (or the skill just focused in the middle) instead of squeezing the same part of
        // the roadmap into less room.
        let visible_before = state.scene_to_screen().inverse() * state.canvas_rect;
        let zoom = state.zoom();
        let frame = ui.ctx().cumulative_frame_nr();
        state.scene_rect = match state.keep_centred.take() {
            Some((centre, since)) if frame.saturating_sub(since) <= KEEP_CENTRED_FRAMES => {
                Rect::from_center_size(centre, canvas_rect.size() / zoom)
            }
            _ => Rect::from_min_size(visible_before.min, canvas_rect.size() / zoom),
        };
    }
    state.canvas_rect = canvas_rect;
    if let Some(request) = state.request.take() {
        state.keep_centred = match &request {
            ViewRequest::Focus(skill_id) => document
                .skill_index(skill_id)
                .and_then(|index| document.scene.node_rect(index))
                .map(|rect| (rect.center(), ui.ctx().cumulative_frame_nr())),
            _ => None,
        };
        state.scene_rect = view_for(
            request,
            document,
            bounds,
            canvas_rect.size(),
            state.scene_rect,
        );
    }
    let shift_held = ui.input(|input| input.modifiers.shift);
    let screen_to_scene = state.scene_to_screen().inverse();
    let pointer_in_scene = ui
        .input(|input| input.pointer.latest_pos())
        .map(|pos| screen_to_scene * pos);

    let mut scene_rect = state.scene_rect;
    // The background pans with the left or the middle button; with Shift held, the left
    // button draws a selection box instead.
    let box_selecting = matches!(state.gesture, Some(CanvasGesture::BoxSelect { .. }));
    let pan_buttons = if shift_held || box_selecting {
        DragPanButtons::MIDDLE
    } else {
        DragPanButtons::PRIMARY | DragPanButtons::MIDDLE
    };
    let selection_box = match (&state.gesture, pointer_in_scene) {
        (Some(CanvasGesture::BoxSelect { start_in_scene }), Some(pointer)) => {
            Some(Rect::from_two_pos(*start_in_scene, pointer))
        }
        _ => None,
    };
    // A node dragged with the middle button pans too (scene units).
    let mut node_pan = Vec2::ZERO;
    let mut context_opened: Option<ContextTarget> = None;
    // Everything is painted on the canvas's own layer in screen space (see
    // `ScenePainter`); the scene's layer only takes the clicks and drags.
    let screen_painter = ui
        .painter()
        .with_clip_rect(canvas_rect.intersect(ui.clip_rect()));
    // The canvas paints its own background in the theme's panel colour: the central panel
    // has no frame, and what shows through it otherwise is the window's clear colour,
    // which eframe makes near-black whatever the theme.
    screen_painter.rect_filled(canvas_rect, 0.0, ui.visuals().panel_fill);
    let response = Scene::new()
        .zoom_range(ZOOM_RANGE)
        .scroll_zooms(state.wheel_zooms)
        .drag_pan_buttons(pan_buttons)
        .sense(Sense::click_and_drag())
        .show(ui, &mut scene_rect, |ui| {
            // The view as the scene has just moved it for this frame's input.
            let to_screen = ui
                .ctx()
                .layer_transform_to_global(ui.layer_id())
                .unwrap_or_default();
            let scene = ScenePainter::new(screen_painter, to_screen);
            let visible = scene.visible();
            let zoom = scene.zoom();
            let dark_mode = ui.visuals().dark_mode;
            let show_text = zoom >= TEXT_MIN_ZOOM;
            let own = crate::session::ProgressOf::Own;
            let progress = lens.map_or((&own, &document.summary), CanvasLens::progress);
            paint_stages(&scene, document, ui.visuals());

            let selected_index = selected.and_then(|id| document.skill_index(id));
            let related = selected_index
                .map(|index| related_skills(document, index))
                .unwrap_or_default();
            let is_match = |index: usize| {
                search_matches.is_some_and(|m| m.get(index).copied().unwrap_or(false))
            };
            // A search dims what it did not find; a selection what is not connected to it.
            // Team coverage dims the alternatives the team does not need.
            // Skills selected with the primary one are never dimmed.
            let also_selected: HashSet<usize> = (selection.iter().skip(1))
                .filter_map(|id| document.skill_index(id))
                .collect();
            let is_dimmed = |index: usize| {
                search_matches.is_some_and(|_| !is_match(index))
                    || selected_index.is_some_and(|s| {
                        s != index && !related.contains(&index) && !also_selected.contains(&index)
                    })
                    || matches!(lens, Some(CanvasLens::Coverage { alternatives, .. })
                        if alternatives.get(index).copied().unwrap_or(false))
            };

            // Whether a milestone is reached by the progress shown (yours or a member's).
            let is_reached = |skill_id: &str| match lens {
                Some(CanvasLens::Member { reached, .. }) => reached.contains(skill_id),
                _ => document.is_met(skill_id),
            };
            paint_groups(&scene, document, show_text, ui.visuals());
            let visible_edges = &mut state.visible_edges;
            let edges_in_view = move || {
                let edges = { visible_edges }; // moved: the slice outlives the call
                document.scene.edges_in(visible, edges);
                &edges[..]
            };
            let how = (selected_index, dark_mode, show_text);
            paint_edges(&scene, document, edges_in_view, how, &mut state.arrows);

            // Every visible skill is a widget when zoomed in, or when a screen reader is
            // listening; zoomed out, only the one under the pointer and the ones being
            // dragged are, so a frame does not register thousands of widgets.
            let accessible = ui.ctx().has_accesskit_node(ui.unique_id());
            let hit = pointer_in_scene
                .filter(|pointer| visible.contains(*pointer))
                .and_then(|pointer| document.scene.skill_at(pointer));
            let dragged: &[String] = match &state.gesture {
                Some(CanvasGesture::Move { skill_ids, .. }) => skill_ids,
                _ => &[],
            };
            let dragged: Vec<usize> = dragged
                .iter()
                .filter_map(|id| document.skill_index(id))
                .collect();
            let mut visible_skills = std::mem::take(&mut state.visible_skills);
            document.scene.skills_in(visible, &mut visible_skills);
            let mut batch =
                NodeBatch::with_capacity(&scene, if show_text { 0 } else { visible_skills.len() });
            let mut nodes = NodePainter::new(&scene);
            if show_text {
                // Nodes placed over one another by hand are painted one at a time.
                state.visible_rects.clear();
                state
                    .visible_rects
                    .extend((visible_skills.iter()).map(|&index| {
                        let rect = document.scene.node_rect(index as usize);
                        rect.unwrap_or(Rect::NOTHING)
                    }));
                let (rects, order) = (&state.visible_rects, &mut state.sweep_order);
                overlapping(rects, order, &mut state.overlaps);
            }
            for (position, &index) in visible_skills.iter().enumerate() {
                let index = index as usize;
                let Some((skill, rect)) = document.skill_at_index(index) else {
                    continue;
                };
                let (status, level) = match lens {
                    Some(CanvasLens::Member {
                        statuses, levels, ..
                    }) => (
                        statuses.get(index).copied().unwrap_or_default(),
                        levels
                            .get(index)
                            .map(|&level| usize::from(level))
                            .filter(|&level| level > 0),
                    ),
                    _ => (document.status_at(index), document.level_at(index)),
                };
                let milestone = skill.kind == SkillKind::Milestone;
                let reached = milestone && is_reached(&skill.id);
                let coverage = match lens {
                    Some(CanvasLens::Coverage {
                        learned_by,
                        members,
                        ..
                    }) if !milestone => {
                        Some((learned_by.get(index).copied().unwrap_or(0), *members))
                    }
                    _ => None,
                };
                let mut hovered = false;
                if show_text || accessible || hit == Some(index) || dragged.contains(&index) {
                    let level_title = level.map(|rank| document.roadmap.level_title(rank));
                    let response = node_widget(
                        ui,
                        document,
                        index,
                        rect,
                        (status, level_title),
                        reached,
                        coverage,
                    );
                    if response.clicked() {
                        if ui.input(|input| input.modifiers.shift) {
                            actions.push(Action::ToggleSelected(skill.id.clone()));
                        } else {
                            actions.push(Action::Select(Some(skill.id.clone())));
                        }
                    }
                    move_gesture(state, document, selection, &skill.id, &response, actions);
                    if response.dragged_by(PointerButton::Middle) {
                        node_pan += response.drag_delta();
                    }
                    if response.secondary_clicked() {
                        context_opened = Some(ContextTarget::Skill(skill.id.clone()));
                    }
                    hovered = response.hovered();
                    if hovered && show_text {
                        response.on_hover_text(hover_text(&skill.summary));
                    }
                }
                let style = NodeStyle {
                    selected: selected_index == Some(index) || also_selected.contains(&index),
                    matched: is_match(index),
                    related: related.contains(&index),
                    hovered,
                    dimmed: is_dimmed(index),
                    reached,
                    coverage,
                };
                let node = Node {
                    index,
                    rect,
                    status,
                    level: level.filter(|_| coverage.is_none()),
                    style,
                };
                if show_text {
                    let alone = state.overlaps.get(position).copied().unwrap_or(true);
                    let visuals = ui.visuals();
                    nodes.add(&scene, document, node, visuals, alone);
                } else {
                    batch.add(&scene, document, node, ui.visuals());
                }
            }
            state.visible_skills = visible_skills;
            nodes.flush(&scene);
            batch.paint(&scene);
            // Headings after the skills: zoomed far out they lie over the bands' tops.
            paint_stage_headings(&scene, document, progress, ui.visuals());
            let visible = &state.visible_skills;
            paint_milestone_labels(&scene, document, visible, is_reached, ui.visuals());
            if let Some(skill_id) = selected {
                let handle = (document, skill_id, pointer_in_scene);
                connect_handle_ui(ui, &scene, state, handle, actions);
            }
            if let Some(selection_box) = selection_box {
                let mut pen = scene.pen();
                pen.rounded_rect(
                    scene.rect(selection_box),
                    2.0,
                    theme::ACCENT.gamma_multiply(0.12),
                    Stroke::new(1.0, theme::ACCENT),
                );
                scene.paint_pen(&mut pen);
            }
        });
    if node_pan != Vec2::ZERO {
        scene_rect = scene_rect.translate(-node_pan);
    }
    if scene_rect != state.scene_rect {
        state.keep_centred = None; // the person moved the view
    }
    state.scene_rect = scene_rect;
    let background = &response.response;
    if (background.dragged() && !box_selecting && !shift_held) || node_pan != Vec2::ZERO {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
    }
    box_select(ui, document, state, background, shift_held, actions);
    background_clicks(document, background, pointer_in_scene, shift_held, actions);
    if background.secondary_clicked()
        && let Some(pointer) = pointer_in_scene
    {
        context_opened = Some(match document.scene.skill_at(pointer) {
            Some(index) => match document.roadmap.skills.get(index) {
                Some(skill) => ContextTarget::Skill(skill.id.clone()),
                None => ContextTarget::Background(pointer),
            },
            None => ContextTarget::Background(pointer),
        });
    }
    // The statuses the graph shows: yours, or the member's the team lens shows.
    let status_of = |skill_id: &str| match lens {
        Some(CanvasLens::Member { statuses, .. }) => document
            .skill_index(skill_id)
            .and_then(|index| statuses.get(index).copied())
            .unwrap_or_default(),
        _ => document.progress.status(skill_id),
    };
    context_menu::context_menu_ui(
        ui,
        background,
        document,
        state,
        (selection, context_opened),
        &status_of,
        actions,
    );
    announcement_ui(ui, canvas_rect, state.announcement.as_deref());
    if document.roadmap.skills.is_empty() {
        empty_roadmap_hint_ui(ui, canvas_rect);
    }
}

/// The interactive part of a skill's node, named for screen readers as
/// "title, stage, status" (in the team coverage view, "learned by N of M team members").
fn node_widget(
    ui: &mut egui::Ui,
    document: &Document,
    index: usize,
    rect: Rect,
    (status, level): (Status, Option<&str>),
    reached: bool,
    coverage: Option<(usize, usize)>,
) -> egui::Response {
    let Some(skill) = document.roadmap.skills.get(index) else {
        return ui.interact(
            rect,
            ui.scope_id().with(("skill-node", index)),
            Sense::hover(),
        );
    };
    let response = ui.interact(
        rect,
        ui.scope_id().with(("skill-node", &skill.id)),
        Sense::click_and_drag(),
    );
    response.widget_info(|| {
        let stage_title = document
            .roadmap
            .stage(&skill.stage)
            .map_or(skill.stage.as_str(), |s| s.title.as_str());
        let label = match (skill.kind, coverage) {
            (SkillKind::Skill, Some((learned_by, members))) => format!(
                "{}, {stage_title}, learned by {learned_by} of {members} team members",
                skill.title
            ),
            (SkillKind::Skill, None) => match level {
                Some(level) => format!(
                    "{}, {stage_title}, {}, {level}",
                    skill.title,
                    status.label()
                ),
                None => format!("{}, {stage_title}, {}", skill.title, status.label()),
            },
            (SkillKind::Milestone, _) => {
                let reached = if reached { "reached" } else { "not reached" };
                format!("{}, {stage_title}, milestone, {reached}", skill.title)
            }
        };
        WidgetInfo::labeled(egui::Role::Button, true, &label)
    });
    response
}

fn hover_text(summary: &str) -> String {
    // A tooltip shows the start of a long summary; the details panel has all of it.
    let mut shown: String = summary.chars().take(600).collect();
    if shown.len() < summary.len() {
        shown.push('…');
    }
    format!("{shown}\n\nClick for details · right-click for a menu")
}

/// Skills directly connected to `index`: its requirements (groups stand for their members)
/// and the skills that require it.
fn related_skills(document: &Document, index: usize) -> HashSet<usize> {
    let scene = &document.scene;
    scene
        .requirements
        .get(index)
        .into_iter()
        .chain(scene.dependents.get(index))
        .flatten()
        .copied()
        .collect()
}
