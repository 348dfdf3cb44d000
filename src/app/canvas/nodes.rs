//! Skill nodes: a rounded box coloured by status with its icon, title and details when
//! zoomed in; a plain coloured rectangle, all in one mesh, when zoomed out.

use egui::{Color32, Pos2, Rect, Stroke};

use super::scene_painter::ScenePainter;
use crate::app::document::Document;
use crate::app::pen::Pen;
use crate::app::theme;
use crate::model::{SkillKind, Status};

#[derive(Clone, Copy)]
pub struct NodeStyle {
    pub selected: bool,
    /// Found by the search.
    pub matched: bool,
    pub related: bool,
    pub hovered: bool,
    pub dimmed: bool,
    pub show_text: bool,
    /// A milestone reached by the person whose progress is shown.
    pub reached: bool,
    /// Team coverage: how many members learned the skill, of how many.
    pub coverage: Option<(usize, usize)>,
}

/// Zoomed out, every node is a plain rectangle: one mesh for all of them instead of a
/// rounded, stroked shape each.
pub struct NodeBatch {
    mesh: egui::Mesh,
    /// Fill and border of a plain skill by status and dimming, worked out once a frame.
    plain_colors: [[Option<(Color32, Stroke)>; 2]; 4],
    /// The same in the team coverage view, by how many members learned the skill.
    coverage_colors: Vec<[Option<(Color32, Stroke)>; 2]>,
}

impl NodeBatch {
    /// A batch with room for `nodes` rectangles.
    pub fn with_capacity(nodes: usize) -> Self {
        let mut mesh = egui::Mesh::default();
        mesh.reserve_vertices(nodes * 8);
        mesh.reserve_triangles(nodes * 4);
        Self {
            mesh,
            plain_colors: Default::default(),
            coverage_colors: Vec::new(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        scene: &ScenePainter,
        document: &Document,
        index: usize,
        rect: Rect,
        status: Status,
        style: NodeStyle,
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
        let rect = scene.rect(rect);
        // At least a screen point of border, so the status colour shows around the fill.
        let border_width = border
            .width
            .max(scene.scaled(border.width))
            .min(rect.height() / 3.0);
        self.mesh.add_colored_rect(rect, border.color);
        self.mesh.add_colored_rect(rect.shrink(border_width), fill);
    }

    pub fn paint(self, scene: &ScenePainter) {
        let mut pen = scene.pen();
        pen.mesh = self.mesh;
        scene.paint_pen(&mut pen);
    }
}

/// A skill's node zoomed in: its box, status icon (or team coverage), title and details.
/// `pen` is scratch space, painted before the text.
#[allow(clippy::too_many_arguments)]
pub fn paint_node(
    scene: &ScenePainter,
    pen: &mut Pen,
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
    let (fill, border) = node_colors(document, index, status, style, visuals);
    let radius = if milestone { 22.0 } else { 6.0 };
    pen.rounded_rect(
        pen.snap(scene.rect(rect)),
        scene.scaled(radius),
        fill,
        Stroke::new(scene.scaled(border.width), border.color),
    );
    if !style.show_text {
        // Zoomed out: the node's fill carries the status; icons and dashes would be specks.
        scene.paint_pen(pen);
        return;
    }
    if skill.optional && !style.selected {
        let inner = scene.rect(rect.shrink(3.0));
        let dash = Stroke::new(
            scene.scaled(1.0),
            visuals.weak_text_color().gamma_multiply(alpha),
        );
        pen.dashed_rect(inner, dash, scene.scaled(4.0), scene.scaled(3.0));
    }

    let icon_center = Pos2::new(rect.left() + 18.0, rect.center().y);
    let icon_radius = scene.scaled(8.0);
    if milestone {
        let center = scene.pos(icon_center);
        theme::draw_milestone_icon(pen, center, icon_radius, style.reached, alpha);
    } else if style.coverage.is_none() {
        let center = scene.pos(icon_center);
        theme::draw_status_icon(pen, center, icon_radius, status, dark_mode);
    }
    scene.paint_pen(pen);
    if let Some((learned_by, members)) = style.coverage.filter(|_| !milestone) {
        scene.text(
            icon_center,
            egui::Align2::CENTER_CENTER,
            format!("{learned_by}/{members}"),
            11.0,
            visuals.strong_text_color().gamma_multiply(alpha),
        );
    }
    let text_left = rect.left() + 34.0;
    let text_width = rect.right() - text_left - 8.0;
    let title_color = visuals.strong_text_color().gamma_multiply(alpha);
    let title = scene.truncated(&skill.title, 14.0, title_color, text_width);
    scene.galley(Pos2::new(text_left, rect.top() + 6.0), title, title_color);

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
    let detail = scene.truncated(&detail, 11.5, detail_color, text_width);
    scene.galley(
        Pos2::new(text_left, rect.top() + 25.0),
        detail,
        detail_color,
    );
}

/// A node's fill and border, dimmed when something else is selected.
pub fn node_colors(
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
