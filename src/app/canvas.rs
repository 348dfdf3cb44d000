//! The roadmap graph: stages as columns, skills as nodes, prerequisites as arrows, inside an
//! `egui::Scene` for pan and zoom. Reads the document, emits actions.

use foldhash::HashSet;

use egui::{
    Align2, Color32, CornerRadius, FontId, Pos2, Rect, Scene, Sense, Shape, Stroke, StrokeKind,
    Vec2, WidgetInfo,
};

use super::action::Action;
use super::document::Document;
use super::team::CanvasLens;
use super::theme;
use crate::model::{SkillKind, Status};
use crate::scene_index::{EdgeSource, node_rect};

/// Below this zoom, text is not drawn: it would be unreadable anyway.
const TEXT_MIN_ZOOM: f32 = 0.3;

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

/// A change of view asked for by a command; applied when the canvas knows its size.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewRequest {
    /// The whole roadmap.
    Fit,
    /// The first stage at 1:1, where a new learner starts.
    Start,
    /// Centre a skill at a readable zoom.
    Focus(String),
    /// Bring a skill into view at the current zoom, moving only if it is not in view.
    Reveal(String),
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
    /// A point of the scene to keep in the middle when the canvas changes size (a panel
    /// opening beside it): the skill just focused, until the person pans or zooms.
    keep_centred: Option<Pos2>,
    /// Scratch lists of what is in view, kept to avoid allocating each frame.
    visible_skills: Vec<u32>,
    visible_edges: Vec<u32>,
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
        state.scene_rect = match state.keep_centred {
            Some(centre) => Rect::from_center_size(centre, canvas_rect.size() / zoom),
            None => Rect::from_min_size(visible_before.min, canvas_rect.size() / zoom),
        };
    }
    state.canvas_rect = canvas_rect;
    if let Some(request) = state.request.take() {
        state.keep_centred = match &request {
            ViewRequest::Focus(skill_id) => document
                .skill_index(skill_id)
                .and_then(|index| document.scene.node_rect(index))
                .map(|rect| rect.center()),
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
    let zoom = state.zoom();
    let shift_held = ui.input(|input| input.modifiers.shift);
    let screen_to_scene = state.scene_to_screen().inverse();
    let pointer_in_scene = ui
        .input(|input| input.pointer.latest_pos())
        .map(|pos| screen_to_scene * pos);

    let mut scene_rect = state.scene_rect;
    let mut stage_labels = Vec::new();
    // With Shift held, dragging empty canvas draws a selection box instead of panning.
    let scene_sense =
        if shift_held || matches!(state.gesture, Some(CanvasGesture::BoxSelect { .. })) {
            Sense::click()
        } else {
            Sense::click_and_drag()
        };
    let response = Scene::new()
        .zoom_range(ZOOM_RANGE)
        .scroll_zooms(true)
        .sense(scene_sense)
        .show(ui, &mut scene_rect, |ui| {
            box_select_ui(ui, document, state, pointer_in_scene, shift_held, actions);
            let painter = ui.painter().clone();
            let visible = ui.clip_rect();
            let dark_mode = ui.visuals().dark_mode;
            let show_text = zoom >= TEXT_MIN_ZOOM;
            stage_labels = paint_stages(&painter, document, bounds, zoom, ui.visuals());

            let selected_index = selected.and_then(|id| document.skill_index(id));
            let related = selected_index
                .map(|index| related_skills(document, index))
                .unwrap_or_default();
            let is_match = |index: usize| {
                search_matches.is_some_and(|m| m.get(index).copied().unwrap_or(false))
            };
            // A search dims what it did not find; a selection what is not connected to it.
            let is_dimmed = |index: usize| {
                search_matches.is_some_and(|_| !is_match(index))
                    || selected_index.is_some_and(|s| s != index && !related.contains(&index))
            };

            paint_groups(&painter, document, show_text, ui.visuals());
            let mut visible_edges = std::mem::take(&mut state.visible_edges);
            document.scene.edges_in(visible, &mut visible_edges);
            paint_edges(
                &painter,
                document,
                &visible_edges,
                selected_index,
                zoom,
                dark_mode,
                show_text,
            );
            state.visible_edges = visible_edges;

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
            let mut batch = NodeBatch::default();
            if !show_text {
                batch.mesh.reserve_vertices(visible_skills.len() * 8);
                batch.mesh.reserve_triangles(visible_skills.len() * 4);
            }
            for &index in &visible_skills {
                let index = index as usize;
                let (Some(skill), Some(rect)) = (
                    document.roadmap.skills.get(index),
                    document.scene.node_rect(index),
                ) else {
                    continue;
                };
                let status = match lens {
                    Some(CanvasLens::Member { statuses, .. }) => {
                        statuses.get(index).copied().unwrap_or_default()
                    }
                    _ => document.status_at(index),
                };
                let milestone = skill.kind == SkillKind::Milestone;
                let reached = milestone
                    && match lens {
                        Some(CanvasLens::Member { reached, .. }) => reached.contains(&skill.id),
                        _ => document.is_met(&skill.id),
                    };
                let coverage = match lens {
                    Some(CanvasLens::Coverage {
                        learned_by,
                        members,
                    }) if !milestone => {
                        Some((learned_by.get(index).copied().unwrap_or(0), *members))
                    }
                    _ => None,
                };
                let mut hovered = false;
                if show_text || accessible || hit == Some(index) || dragged.contains(&index) {
                    let response =
                        node_widget(ui, document, index, rect, status, reached, coverage);
                    if response.clicked() {
                        if ui.input(|input| input.modifiers.shift) {
                            actions.push(Action::ToggleSelected(skill.id.clone()));
                        } else {
                            actions.push(Action::Select(Some(skill.id.clone())));
                        }
                    }
                    move_gesture(state, document, selection, &skill.id, &response, actions);
                    if response.secondary_clicked() && skill.kind == SkillKind::Skill {
                        actions.push(Action::Select(Some(skill.id.clone())));
                        actions.push(Action::ToggleLearned(skill.id.clone()));
                    }
                    hovered = response.hovered();
                    if hovered && show_text {
                        response.on_hover_text(hover_text(&skill.summary));
                    }
                }
                let style = NodeStyle {
                    selected: selected_index == Some(index) || selection.contains(&skill.id),
                    matched: is_match(index),
                    related: related.contains(&index),
                    hovered,
                    dimmed: is_dimmed(index),
                    show_text,
                    reached,
                    coverage,
                };
                if show_text {
                    paint_node(&painter, document, index, rect, status, style, ui.visuals());
                } else {
                    batch.add(document, index, rect, status, style, zoom, ui.visuals());
                }
            }
            state.visible_skills = visible_skills;
            batch.paint(&painter);
            if let Some(skill_id) = selected {
                connect_handle_ui(ui, document, state, skill_id, pointer_in_scene, actions);
            }
        });
    if scene_rect != state.scene_rect {
        state.keep_centred = None; // the person moved the view
    }
    state.scene_rect = scene_rect;
    paint_stage_labels(ui, state, stage_labels);
    // Zoomed out, a node only becomes a widget once the pointer rests on it; a click that
    // arrives with the pointer (a quick click, a touch) lands on the background instead.
    let background = &response.response;
    let node_under_pointer = pointer_in_scene
        .filter(|_| background.clicked() || background.secondary_clicked())
        .and_then(|pointer| document.scene.skill_at(pointer))
        .and_then(|index| document.roadmap.skills.get(index));
    if let Some(skill) = node_under_pointer {
        if background.secondary_clicked() {
            if skill.kind == SkillKind::Skill {
                actions.push(Action::Select(Some(skill.id.clone())));
                actions.push(Action::ToggleLearned(skill.id.clone()));
            }
        } else if shift_held {
            actions.push(Action::ToggleSelected(skill.id.clone()));
        } else {
            actions.push(Action::Select(Some(skill.id.clone())));
        }
    } else if response.response.double_clicked()
        && let Some(pointer) = pointer_in_scene
    {
        actions.push(Action::AddSkillAt {
            x: pointer.x,
            y: pointer.y,
        });
    } else if response.response.clicked() && !shift_held {
        actions.push(Action::Select(None));
    }
}

/// The interactive part of a skill's node, named for screen readers as
/// "title, stage, status" (in the team coverage view, "learned by N of M team members").
fn node_widget(
    ui: &mut egui::Ui,
    document: &Document,
    index: usize,
    rect: Rect,
    status: Status,
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
            (SkillKind::Skill, None) => {
                format!("{}, {stage_title}, {}", skill.title, status.label())
            }
            (SkillKind::Milestone, _) => {
                let reached = if reached { "reached" } else { "not reached" };
                format!("{}, {stage_title}, milestone, {reached}", skill.title)
            }
        };
        WidgetInfo::labeled(egui::Role::Button, true, &label)
    });
    response
}

/// Zoomed out, every node is a plain rectangle: one mesh for all of them instead of a
/// rounded, stroked shape each.
#[derive(Default)]
struct NodeBatch {
    mesh: egui::Mesh,
    /// Fill and border of a plain skill by status and dimming, worked out once a frame.
    plain_colors: [[Option<(Color32, Stroke)>; 2]; 4],
    /// The same in the team coverage view, by how many members learned the skill.
    coverage_colors: Vec<[Option<(Color32, Stroke)>; 2]>,
}

impl NodeBatch {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        document: &Document,
        index: usize,
        rect: Rect,
        status: Status,
        style: NodeStyle,
        zoom: f32,
        visuals: &egui::Visuals,
    ) {
        let plain = !style.selected
            && !style.matched
            && !style.related
            && !style.hovered
            && document
                .roadmap
                .skills
                .get(index)
                .is_some_and(|skill| skill.kind == SkillKind::Skill);
        let (fill, border) = if plain {
            let row = match style.coverage {
                Some((learned_by, _)) => {
                    if self.coverage_colors.len() <= learned_by {
                        self.coverage_colors.resize(learned_by + 1, [None; 2]);
                    }
                    self.coverage_colors.get_mut(learned_by)
                }
                None => Status::ALL
                    .iter()
                    .position(|s| *s == status)
                    .and_then(|i| self.plain_colors.get_mut(i)),
            };
            let slot = row.and_then(|row| row.get_mut(usize::from(style.dimmed)));
            match slot {
                Some(Some(colors)) => *colors,
                Some(slot) => {
                    let colors = node_colors(document, index, status, style, visuals);
                    *slot = Some(colors);
                    colors
                }
                None => node_colors(document, index, status, style, visuals),
            }
        } else {
            node_colors(document, index, status, style, visuals)
        };
        // At least a screen pixel of border, so the status colour shows around the fill.
        let border_width = (border.width / zoom.max(0.01))
            .max(border.width)
            .min(rect.height() / 3.0);
        self.mesh.add_colored_rect(rect, border.color);
        self.mesh.add_colored_rect(rect.shrink(border_width), fill);
    }

    fn paint(self, painter: &egui::Painter) {
        if !self.mesh.is_empty() {
            painter.add(Shape::mesh(self.mesh));
        }
    }
}

/// Dragging a skill moves it, with the rest of the selection if it is selected. The whole
/// drag is one undo step.
fn move_gesture(
    state: &mut CanvasState,
    document: &Document,
    selection: &[String],
    skill_id: &str,
    response: &egui::Response,
    actions: &mut Vec<Action>,
) {
    if response.drag_started() {
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
fn connect_handle_ui(
    ui: &mut egui::Ui,
    document: &Document,
    state: &mut CanvasState,
    skill_id: &str,
    pointer_in_scene: Option<Pos2>,
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
    let painter = ui.painter();
    let active = response.hovered() || response.dragged();
    painter.circle(
        center,
        if active { 7.0 } else { 5.5 },
        theme::ACCENT,
        Stroke::new(1.5, ui.visuals().strong_text_color()),
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
            paint_arrow(painter, center, pointer, Stroke::new(2.5, theme::ACCENT));
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
}

/// Shift-drag on empty canvas: a box that selects every skill it touches.
fn box_select_ui(
    ui: &mut egui::Ui,
    document: &Document,
    state: &mut CanvasState,
    pointer_in_scene: Option<Pos2>,
    shift_held: bool,
    actions: &mut Vec<Action>,
) {
    let background = ui.interact(
        ui.clip_rect(),
        ui.scope_id().with("box-select"),
        Sense::drag(),
    );
    if background.drag_started()
        && shift_held
        && let Some(start_in_scene) = pointer_in_scene
    {
        state.gesture = Some(CanvasGesture::BoxSelect { start_in_scene });
    }
    let Some(CanvasGesture::BoxSelect { start_in_scene }) = state.gesture else {
        return;
    };
    let Some(pointer) = pointer_in_scene else {
        return;
    };
    let selection_box = Rect::from_two_pos(start_in_scene, pointer);
    ui.painter().rect(
        selection_box,
        CornerRadius::same(2),
        theme::ACCENT.gamma_multiply(0.12),
        Stroke::new(1.0, theme::ACCENT),
        StrokeKind::Inside,
    );
    if background.drag_stopped() || !ui.input(|input| input.pointer.any_down()) {
        let mut touched = Vec::new();
        document.scene.skills_in(selection_box, &mut touched);
        let skill_ids = touched
            .iter()
            .filter_map(|&index| document.roadmap.skills.get(index as usize))
            .map(|skill| skill.id.clone())
            .collect();
        actions.push(Action::SelectMany(skill_ids));
        state.gesture = None;
    }
}

fn hover_text(summary: &str) -> String {
    format!("{summary}\n\nClick for details · right-click toggles learned")
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

fn view_for(
    request: ViewRequest,
    document: &Document,
    bounds: Rect,
    canvas_size: Vec2,
    current: Rect,
) -> Rect {
    match request {
        // Room above for the stage names drawn there when zoomed out.
        ViewRequest::Fit => {
            // A margin of some screen pixels whatever the zoom, more above for stage names.
            let zoom = (canvas_size / bounds.size()).min_elem();
            let pixel = if zoom.is_finite() && zoom > 0.0 {
                1.0 / zoom
            } else {
                1.0
            };
            Rect::from_min_max(
                bounds.min - Vec2::new((16.0 * pixel).max(40.0), (40.0 * pixel).max(140.0)),
                bounds.max + Vec2::splat((16.0 * pixel).max(40.0)),
            )
        }
        ViewRequest::Start => Rect::from_min_size(bounds.min - Vec2::new(30.0, 10.0), canvas_size),
        ViewRequest::Reveal(skill_id) => {
            let Some(rect) = document
                .skill_index(&skill_id)
                .and_then(|index| document.scene.node_rect(index))
            else {
                return current;
            };
            if current.shrink(20.0).contains_rect(rect) {
                current
            } else {
                Rect::from_center_size(rect.center(), current.size())
            }
        }
        ViewRequest::Focus(skill_id) => {
            let Some(position) = document
                .skill_index(&skill_id)
                .and_then(|i| document.layout.node_positions.get(i))
            else {
                return current;
            };
            // Readable: 1:1, or closer if the person had zoomed in further.
            let current_zoom = (canvas_size / current.size()).min_elem();
            let zoom = if current_zoom.is_finite() && current_zoom > 1.0 {
                current_zoom.min(ZOOM_RANGE.max)
            } else {
                1.0
            };
            Rect::from_center_size(node_rect(*position).center(), canvas_size / zoom)
        }
    }
}

/// The whole roadmap at 1:1, as for an image: stages, groups, every arrow and node, in
/// the painter's coordinates (scene units).
pub(crate) fn paint_roadmap_for_export(
    painter: &egui::Painter,
    document: &Document,
    visuals: &egui::Visuals,
) {
    let [x0, y0, x1, y1] = document.layout.bounds;
    let bounds = Rect::from_min_max(Pos2::new(x0, y0), Pos2::new(x1, y1));
    let _ = paint_stages(painter, document, bounds, 1.0, visuals);
    paint_groups(painter, document, true, visuals);
    let all_edges: Vec<u32> = (0..document.scene.edges.len() as u32).collect();
    paint_edges(
        painter,
        document,
        &all_edges,
        None,
        1.0,
        visuals.dark_mode,
        true,
    );
    for index in 0..document.roadmap.skills.len() {
        let Some(rect) = document.scene.node_rect(index) else {
            continue;
        };
        let style = NodeStyle {
            selected: false,
            matched: false,
            related: false,
            hovered: false,
            dimmed: false,
            show_text: true,
            reached: (document.roadmap.skills.get(index)).is_some_and(|s| document.is_met(&s.id)),
            coverage: None,
        };
        paint_node(
            painter,
            document,
            index,
            rect,
            document.status_at(index),
            style,
            visuals,
        );
    }
}

/// Paints the stage columns; returns the names to show above them when zoomed out.
fn paint_stages(
    painter: &egui::Painter,
    document: &Document,
    bounds: Rect,
    zoom: f32,
    visuals: &egui::Visuals,
) -> Vec<(Rect, String)> {
    let mut labels = Vec::new();
    for (band_index, band) in document.layout.stage_bands.iter().enumerate() {
        let rect = Rect::from_min_max(
            Pos2::new(band.x_min - 30.0, bounds.min.y - 10.0),
            Pos2::new(band.x_max + 30.0, bounds.max.y + 30.0),
        );
        let fill = if band_index % 2 == 0 {
            visuals.faint_bg_color
        } else {
            visuals.extreme_bg_color.gamma_multiply(0.5)
        };
        painter.rect_filled(rect, CornerRadius::same(12), fill);
        let title = document
            .roadmap
            .stage(&band.stage_id)
            .map_or(band.stage_id.as_str(), |s| s.title.as_str());
        let counts = document
            .summary
            .stage(&band.stage_id)
            .map(|p| format!("{} of {} learned", p.learned, p.total))
            .unwrap_or_default();
        if zoom >= TEXT_MIN_ZOOM {
            painter.text(
                rect.left_top() + Vec2::new(20.0, 14.0),
                Align2::LEFT_TOP,
                title,
                FontId::proportional(22.0),
                visuals.strong_text_color(),
            );
            painter.text(
                rect.left_top() + Vec2::new(20.0, 44.0),
                Align2::LEFT_TOP,
                counts,
                FontId::proportional(13.0),
                visuals.weak_text_color(),
            );
        } else {
            // Zoomed out: the stage name stays readable above its column. Drawn on screen
            // after the scene: text scaled down from a huge font would fill the font atlas.
            labels.push((rect, format!("{title} · {counts}")));
        }
    }
    labels
}

/// Stage names above their columns when zoomed out, in screen space at a readable size.
fn paint_stage_labels(ui: &egui::Ui, state: &CanvasState, labels: Vec<(Rect, String)>) {
    let to_screen = state.scene_to_screen();
    let painter = ui.painter().with_clip_rect(state.canvas_rect);
    let color = ui.visuals().strong_text_color();
    for (rect, text) in labels {
        let rect = to_screen * rect;
        let galley = truncated(
            &painter,
            &text,
            FontId::proportional(15.0),
            color,
            rect.width().max(40.0),
        );
        let position = Pos2::new(rect.left(), rect.top() - galley.size().y - 6.0);
        painter.galley(position, galley, color);
    }
}

fn paint_groups(
    painter: &egui::Painter,
    document: &Document,
    show_text: bool,
    visuals: &egui::Visuals,
) {
    for (group_index, group) in document.roadmap.pick_one_groups.iter().enumerate() {
        let Some(rect) = document
            .scene
            .group_rects
            .get(group_index)
            .copied()
            .flatten()
        else {
            continue;
        };
        let stroke = Stroke::new(1.5, visuals.weak_text_color().gamma_multiply(0.7));
        painter.add(Shape::dashed_line(
            &[
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
                rect.left_top(),
            ],
            stroke,
            6.0,
            4.0,
        ));
        if show_text {
            let done = document.is_met(&group.id);
            let text = if done {
                format!("{} (done)", group.title)
            } else {
                group.title.clone()
            };
            painter.text(
                rect.left_top() + Vec2::new(8.0, 5.0),
                Align2::LEFT_TOP,
                text,
                FontId::proportional(12.5),
                visuals.text_color(),
            );
        }
    }
}

fn paint_edges(
    painter: &egui::Painter,
    document: &Document,
    visible_edges: &[u32],
    selected_index: Option<usize>,
    zoom: f32,
    dark_mode: bool,
    detailed: bool,
) {
    let faint = if dark_mode {
        Color32::from_gray(95)
    } else {
        Color32::from_gray(175)
    };
    let source_is_selected = |source: EdgeSource| match (source, selected_index) {
        (EdgeSource::Skill(index), Some(selected)) => index == selected,
        (EdgeSource::Group(group), Some(selected)) => document
            .roadmap
            .pick_one_groups
            .get(group)
            .zip(document.roadmap.skills.get(selected))
            .is_some_and(|(group, skill)| group.skills.contains(&skill.id)),
        (_, None) => false,
    };
    // Zoomed out, all plain arrows are straight lines in one mesh, a screen pixel wide.
    let mut lines = egui::Mesh::default();
    if detailed {
        // About eight points of four vertices each for an arrow crossing the view.
        lines.reserve_vertices(visible_edges.len() * 32);
        lines.reserve_triangles(visible_edges.len() * 48);
    } else {
        lines.reserve_vertices(visible_edges.len() * 4);
        lines.reserve_triangles(visible_edges.len() * 2);
    }
    let half_width = 0.5 / zoom.max(0.01);
    let clip = painter.clip_rect();
    let mut emphasised = Vec::new();
    for edge in visible_edges
        .iter()
        .filter_map(|&index| document.scene.edges.get(index as usize))
    {
        if source_is_selected(edge.source) || selected_index == Some(edge.target) {
            emphasised.push((edge.from, edge.to));
        } else if detailed {
            // Zoomed in, plain arrows are curves, feathered by hand into the same mesh:
            // hundreds of long arrows cross the view of a big roadmap.
            let stroke = Stroke::new(1.2, faint);
            arrow_curve(edge.from, edge.to, zoom, clip.expand(4.0), |run| {
                add_polyline(&mut lines, run, stroke, zoom);
            });
            if clip.expand(10.0).contains(edge.to) {
                paint_arrow_head(painter, edge.to, stroke.color);
            }
        } else {
            add_line(&mut lines, edge.from, edge.to, half_width, faint);
        }
    }
    if !lines.is_empty() {
        painter.add(Shape::mesh(lines));
    }
    // Emphasised edges last, so they are drawn on top.
    for (from, to) in emphasised {
        paint_arrow(painter, from, to, Stroke::new(2.8, theme::ACCENT));
    }
}

/// A straight line as a thin quad.
fn add_line(mesh: &mut egui::Mesh, from: Pos2, to: Pos2, half_width: f32, color: Color32) {
    let along = to - from;
    if along.x.abs() + along.y.abs() <= f32::EPSILON {
        return;
    }
    let across = unit(along).rot90() * half_width;
    let first = mesh.vertices.len() as u32;
    for point in [from - across, from + across, to + across, to - across] {
        mesh.colored_vertex(point, color);
    }
    mesh.add_triangle(first, first + 1, first + 2);
    mesh.add_triangle(first, first + 2, first + 3);
}

const ARROW_HEAD: f32 = 7.0;

/// An arrow from `from` to `to`: a horizontal S-curve with a head. Only the part of the
/// curve near the painter's clip rectangle is drawn.
fn paint_arrow(painter: &egui::Painter, from: Pos2, to: Pos2, stroke: Stroke) {
    let zoom = painter
        .ctx()
        .layer_transform_to_global(painter.layer_id())
        .map_or(1.0, |transform| transform.scaling);
    let clip = painter.clip_rect().expand(stroke.width + 2.0);
    arrow_curve(from, to, zoom, clip, |run| {
        painter.add(Shape::line(run.to_vec(), stroke));
    });
    if clip.expand(ARROW_HEAD).contains(to) {
        paint_arrow_head(painter, to, stroke.color);
    }
}

fn paint_arrow_head(painter: &egui::Painter, to: Pos2, color: Color32) {
    let end = to - Vec2::new(ARROW_HEAD, 0.0);
    painter.add(Shape::convex_polygon(
        vec![
            to,
            end + Vec2::new(0.0, -ARROW_HEAD * 0.6),
            end + Vec2::new(0.0, ARROW_HEAD * 0.6),
        ],
        color,
        Stroke::NONE,
    ));
}

/// The curve of an arrow, flattened into as few points as look smooth at this zoom (egui's
/// adaptive flattening spends far more on long arrows than a few pixels of accuracy need),
/// handed to `draw` as runs of points that meet `clip`.
fn arrow_curve(from: Pos2, to: Pos2, zoom: f32, clip: Rect, mut draw: impl FnMut(&[Pos2])) {
    let end = to - Vec2::new(ARROW_HEAD, 0.0);
    let bend = ((end.x - from.x).abs() * 0.5).max(40.0);
    let controls = [
        from,
        from + Vec2::new(bend, 0.0),
        end - Vec2::new(bend, 0.0),
        end,
    ];
    let screen_length = (from.distance(end) + bend) * zoom;
    let segments = ((screen_length / 24.0) as usize).clamp(6, 64);
    // A forward arrow's x grows with t: only the stretch of t over the clip's x range
    // needs points, which for a long arrow crossing the view is a small part of it.
    let (first, last) = if end.x >= from.x {
        let t_at = |x: f32| {
            let (mut low, mut high) = (0.0_f32, 1.0_f32);
            for _ in 0..8 {
                let middle = (low + high) * 0.5;
                if cubic_x(&controls, middle) < x {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            low
        };
        let step = segments as f32;
        (
            ((t_at(clip.min.x) * step).floor() as usize).saturating_sub(1),
            (((t_at(clip.max.x) * step).ceil() as usize) + 1).min(segments),
        )
    } else {
        (0, segments)
    };
    let mut run: Vec<Pos2> = Vec::new();
    let mut previous = cubic_point(&controls, first as f32 / segments as f32);
    for i in (first + 1)..=last {
        let point = cubic_point(&controls, i as f32 / segments as f32);
        if Rect::from_two_pos(previous, point).intersects(clip) {
            if run.is_empty() {
                run.push(previous);
            }
            run.push(point);
        } else if !run.is_empty() {
            draw(&run);
            run.clear();
        }
        previous = point;
    }
    if !run.is_empty() {
        draw(&run);
    }
}

/// A polyline as triangles with a one-pixel feathered edge, as egui's tessellator would
/// make it, for adding many lines to one mesh.
fn add_polyline(mesh: &mut egui::Mesh, points: &[Pos2], stroke: Stroke, zoom: f32) {
    if points.len() < 2 {
        return;
    }
    let feather = 1.0 / zoom.max(0.01);
    let core = ((stroke.width - feather) * 0.5).max(0.0);
    let outer = (stroke.width + feather) * 0.5;
    let direction = |a: Pos2, b: Pos2| unit(b - a);
    let first = mesh.vertices.len() as u32;
    let mut previous_direction: Option<Vec2> = None;
    for (i, &point) in points.iter().enumerate() {
        let next_direction = points.get(i + 1).map(|&next| direction(point, next));
        let along = match (previous_direction, next_direction) {
            (Some(a), Some(b)) => unit(a + b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => Vec2::X,
        };
        let normal = along.rot90();
        mesh.colored_vertex(point - normal * outer, Color32::TRANSPARENT);
        mesh.colored_vertex(point - normal * core, stroke.color);
        mesh.colored_vertex(point + normal * core, stroke.color);
        mesh.colored_vertex(point + normal * outer, Color32::TRANSPARENT);
        previous_direction = next_direction;
    }
    for segment in 0..(points.len() as u32 - 1) {
        let a = first + segment * 4;
        let b = a + 4;
        for k in 0..3 {
            mesh.add_triangle(a + k, a + k + 1, b + k);
            mesh.add_triangle(a + k + 1, b + k + 1, b + k);
        }
    }
}

fn cubic_x(controls: &[Pos2; 4], t: f32) -> f32 {
    let [p0, p1, p2, p3] = *controls;
    let u = 1.0 - t;
    p0.x * (u * u * u) + p1.x * (3.0 * u * u * t) + p2.x * (3.0 * u * t * t) + p3.x * (t * t * t)
}

/// `v` scaled to length one, with a plain square root (`Vec2::normalized` uses `hypot`,
/// which is several times slower and guards against overflow that canvas sizes never reach).
fn unit(v: Vec2) -> Vec2 {
    let length = (v.x * v.x + v.y * v.y).sqrt();
    if length > 0.0 { v / length } else { Vec2::X }
}

fn cubic_point(controls: &[Pos2; 4], t: f32) -> Pos2 {
    let [p0, p1, p2, p3] = *controls;
    let u = 1.0 - t;
    let position = p0.to_vec2() * (u * u * u)
        + p1.to_vec2() * (3.0 * u * u * t)
        + p2.to_vec2() * (3.0 * u * t * t)
        + p3.to_vec2() * (t * t * t);
    position.to_pos2()
}

#[derive(Clone, Copy)]
struct NodeStyle {
    selected: bool,
    /// Found by the search.
    matched: bool,
    related: bool,
    hovered: bool,
    dimmed: bool,
    show_text: bool,
    /// A milestone reached by the person whose progress is shown.
    reached: bool,
    /// Team coverage: how many members learned the skill, of how many.
    coverage: Option<(usize, usize)>,
}

fn paint_node(
    painter: &egui::Painter,
    document: &Document,
    index: usize,
    rect: Rect,
    status: Status,
    style: NodeStyle,
    visuals: &egui::Visuals,
) {
    let Some(skill) = document.roadmap.skills.get(index) else {
        return;
    };
    let dark_mode = visuals.dark_mode;
    let alpha = if style.dimmed { 0.4 } else { 1.0 };
    let milestone = skill.kind == SkillKind::Milestone;
    let reached = style.reached;
    let (fill, border) = node_colors(document, index, status, style, visuals);
    let radius = if milestone {
        CornerRadius::same(22)
    } else {
        CornerRadius::same(6)
    };
    painter.rect(rect, radius, fill, border, StrokeKind::Inside);
    if !style.show_text {
        // Zoomed out: the node's fill carries the status; icons and dashes would be specks.
        return;
    }
    if skill.optional && !style.selected {
        let inner = rect.shrink(3.0);
        let dash = Stroke::new(1.0, visuals.weak_text_color().gamma_multiply(alpha));
        painter.add(Shape::dashed_line(
            &[
                inner.left_top(),
                inner.right_top(),
                inner.right_bottom(),
                inner.left_bottom(),
                inner.left_top(),
            ],
            dash,
            4.0,
            3.0,
        ));
    }

    let icon_center = Pos2::new(rect.left() + 18.0, rect.center().y);
    if milestone {
        theme::paint_milestone_icon(painter, icon_center, 8.0, reached, alpha);
    } else if let Some((learned_by, members)) = style.coverage {
        painter.text(
            icon_center,
            egui::Align2::CENTER_CENTER,
            format!("{learned_by}/{members}"),
            FontId::proportional(11.0),
            visuals.strong_text_color().gamma_multiply(alpha),
        );
    } else {
        theme::paint_status_icon(painter, icon_center, 8.0, status, dark_mode);
    }
    let text_left = rect.left() + 34.0;
    let text_width = rect.right() - text_left - 8.0;
    let title_color = visuals.strong_text_color().gamma_multiply(alpha);
    let title = truncated(
        painter,
        &skill.title,
        FontId::proportional(14.0),
        title_color,
        text_width,
    );
    painter.galley(Pos2::new(text_left, rect.top() + 6.0), title, title_color);

    let mut detail = if milestone {
        "Role milestone".to_owned()
    } else {
        skill.area.label().to_owned()
    };
    if skill.optional {
        detail.push_str(" · optional");
    }
    if let Some(hours) = skill.estimate_hours {
        detail.push_str(&format!(" · {hours} h"));
    }
    let detail_color = visuals.weak_text_color().gamma_multiply(alpha);
    let detail = truncated(
        painter,
        &detail,
        FontId::proportional(11.5),
        detail_color,
        text_width,
    );
    painter.galley(
        Pos2::new(text_left, rect.top() + 25.0),
        detail,
        detail_color,
    );
}

/// A node's fill and border, dimmed when something else is selected.
fn node_colors(
    document: &Document,
    index: usize,
    status: Status,
    style: NodeStyle,
    visuals: &egui::Visuals,
) -> (Color32, Stroke) {
    let Some(skill) = document.roadmap.skills.get(index) else {
        return (Color32::TRANSPARENT, Stroke::NONE);
    };
    let dark_mode = visuals.dark_mode;
    let alpha = if style.dimmed { 0.4 } else { 1.0 };
    let milestone = skill.kind == SkillKind::Milestone;
    let reached = style.reached;
    let fill = if milestone {
        theme::milestone_fill(reached, dark_mode)
    } else if let Some((learned_by, members)) = style.coverage {
        theme::coverage_fill(learned_by, members, dark_mode)
    } else {
        theme::node_fill(status, dark_mode)
    };
    let border = if style.selected {
        Stroke::new(3.0, theme::ACCENT)
    } else if style.matched {
        Stroke::new(3.0, theme::search_match(dark_mode))
    } else if style.related {
        Stroke::new(2.0, theme::ACCENT.gamma_multiply(0.8))
    } else if milestone {
        Stroke::new(2.0, theme::MILESTONE)
    } else if style.hovered {
        Stroke::new(1.5, visuals.strong_text_color())
    } else if let Some((learned_by, members)) = style.coverage {
        Stroke::new(1.0, theme::coverage_border(learned_by, members, dark_mode))
    } else {
        Stroke::new(1.0, theme::status_color(status, dark_mode))
    };
    (
        fill.gamma_multiply(alpha),
        Stroke::new(border.width, border.color.gamma_multiply(alpha)),
    )
}

fn truncated(
    painter: &egui::Painter,
    text: &str,
    font: FontId,
    color: Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_owned(), font, color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(width);
    painter.layout_job(job)
}
