//! Skill nodes: a rounded box coloured by status with its icon, title and details when
//! zoomed in; a plain coloured rectangle, all in one mesh, when zoomed out.

use std::sync::Arc;

use egui::{Color32, Galley, Pos2, Rect, Stroke};

use super::palette as theme;
use super::pen::Pen;
use super::scene_painter::ScenePainter;
use crate::model::{SkillKind, Status};
use crate::session::Document;

/// The size of a skill's title and of its details line, in scene units.
pub const TITLE_SIZE: f32 = 14.0;
const DETAIL_SIZE: f32 = 11.5;
/// The size of the team's count shown in place of a skill's status icon.
const COUNT_SIZE: f32 = 11.0;
/// The height a title may take in its node when it is drawn alone.
const NODE_TEXT_ROOM: f32 = 38.0;

#[derive(Clone, Copy)]
pub struct NodeStyle {
    pub selected: bool,
    /// Found by the search.
    pub matched: bool,
    pub related: bool,
    pub hovered: bool,
    pub dimmed: bool,
    /// A milestone reached by the person whose progress is shown.
    pub reached: bool,
    /// Team coverage: how many members learned the skill, of how many.
    pub coverage: Option<(usize, usize)>,
}

/// A skill's node as the canvas paints it this frame.
#[derive(Clone, Copy)]
pub struct Node {
    /// The skill's index in the roadmap.
    pub index: usize,
    /// Where the node is, in scene units.
    pub rect: Rect,
    /// The status shown: the person's own, or a team member's.
    pub status: Status,
    /// The level held, by its place on the roadmap's scale (1 the lowest), if any.
    pub level: Option<usize>,
    pub style: NodeStyle,
}

/// Zoomed out, every node is a plain rectangle: one mesh for all of them instead of a
/// rounded, stroked shape each.
pub struct NodeBatch {
    pen: Pen,
    /// Fill and border of a plain skill by status and dimming, worked out once a frame.
    plain_colors: [[Option<(Color32, Stroke)>; 2]; 4],
    /// The same in the team coverage view, by how many members learned the skill.
    coverage_colors: Vec<[Option<(Color32, Stroke)>; 2]>,
}

impl NodeBatch {
    /// A batch with room for `nodes` rectangles.
    pub fn with_capacity(scene: &ScenePainter, nodes: usize) -> Self {
        let mut pen = scene.pen();
        pen.mesh.reserve_vertices(nodes * 8);
        pen.mesh.reserve_triangles(nodes * 4);
        Self {
            pen,
            plain_colors: Default::default(),
            coverage_colors: Vec::new(),
        }
    }

    pub fn add(
        &mut self,
        scene: &ScenePainter,
        document: &Document,
        node: Node,
        visuals: &egui::Visuals,
    ) {
        let Node {
            index,
            rect,
            status,
            style,
            ..
        } = node;
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
        self.pen.mesh.add_colored_rect(rect, border.color);
        (self.pen.mesh).add_colored_rect(rect.shrink(border_width), fill);
    }

    pub fn paint(mut self, scene: &ScenePainter) {
        scene.paint_pen(&mut self.pen);
    }
}

/// Zoomed-in nodes on their way to the screen: the boxes and icons of many nodes in one
/// mesh, their text waiting to go on top. A node that overlaps another is painted on its
/// own, in roadmap order, so that the one drawn later covers the other's text too.
pub struct NodePainter {
    pen: Pen,
    texts: Vec<(Pos2, Arc<Galley>, Color32)>,
}

impl NodePainter {
    pub fn new(scene: &ScenePainter) -> Self {
        Self {
            pen: scene.pen(),
            texts: Vec::new(),
        }
    }

    /// Paints what is waiting: the boxes, then the text.
    pub fn flush(&mut self, scene: &ScenePainter) {
        scene.paint_pen(&mut self.pen);
        for (pos, galley, color) in self.texts.drain(..) {
            scene.galley_on_screen(pos, galley, color);
        }
    }

    /// A skill's node zoomed in: its box, status icon (or team coverage), title and details.
    /// `alone` paints it at once, over everything before it.
    pub fn add(
        &mut self,
        scene: &ScenePainter,
        document: &Document,
        node: Node,
        visuals: &egui::Visuals,
        alone: bool,
    ) {
        if alone {
            self.flush(scene);
        }
        paint_node(
            scene,
            &mut self.pen,
            &mut self.texts,
            document,
            node,
            visuals,
        );
        if alone {
            self.flush(scene);
        }
    }
}

/// Draws a node's box and icon with `pen` and lays out its text into `texts`, in screen
/// points.
fn paint_node(
    scene: &ScenePainter,
    pen: &mut Pen,
    texts: &mut Vec<(Pos2, Arc<Galley>, Color32)>,
    document: &Document,
    node: Node,
    visuals: &egui::Visuals,
) {
    let Node {
        index,
        rect,
        status,
        level,
        style,
    } = node;
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
    if skill.optional && !style.selected {
        let inner = scene.rect(rect.shrink(3.0));
        let dash = Stroke::new(
            scene.scaled(1.0),
            visuals.weak_text_color().gamma_multiply(alpha),
        );
        pen.dashed_rect(inner, dash, scene.scaled(4.0), scene.scaled(3.0));
    }

    let icon_center = scene.pos(Pos2::new(rect.left() + 18.0, rect.center().y));
    let icon_radius = scene.scaled(8.0);
    if milestone {
        theme::draw_milestone_icon(pen, icon_center, icon_radius, style.reached, alpha);
    } else if let Some((learned_by, members)) = style.coverage {
        // The count in place of the icon, where it can be read.
        if let Some(size) = scene.legible_size(COUNT_SIZE, NODE_TEXT_ROOM) {
            let color = visuals.strong_text_color().gamma_multiply(alpha);
            let count = format!("{learned_by}/{members}");
            let galley = scene.truncated_on_screen(&count, size, color, 30.0);
            let pos = icon_center - galley.size() * 0.5;
            texts.push((pos, galley, color));
        }
    } else {
        theme::draw_status_icon(pen, icon_center, icon_radius, status, dark_mode);
        if let Some(level) = level {
            level_pips(
                scene,
                pen,
                rect,
                level,
                document.roadmap.levels.len(),
                visuals,
            );
        }
    }
    let text_left = rect.left() + 34.0;
    let text_width = rect.right() - text_left - 8.0;
    // Text too small to read is left out: the details line first, then the title.
    let Some(title_size) = scene.legible_size(TITLE_SIZE, NODE_TEXT_ROOM) else {
        return;
    };
    let detail_size = scene.legible_size(DETAIL_SIZE, 0.0);
    let title_color = visuals.strong_text_color().gamma_multiply(alpha);
    let title = scene.truncated_on_screen(&skill.title, title_size, title_color, text_width);
    let title_pos = if detail_size.is_some() {
        scene.pos(Pos2::new(text_left, rect.top() + 6.0))
    } else {
        let centre = scene.pos(Pos2::new(text_left, rect.center().y));
        centre - egui::Vec2::new(0.0, title.size().y / 2.0)
    };
    texts.push((title_pos, title, title_color));
    let Some(detail_size) = detail_size else {
        return;
    };

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
    if let Some(level) = level.filter(|_| !milestone && style.coverage.is_none()) {
        // The level first: cut short, the area goes before the level does.
        detail = format!("{} · {detail}", document.roadmap.level_title(level));
    }
    let detail_color = visuals.weak_text_color().gamma_multiply(alpha);
    // Room for the level's dots at the right end of the details line.
    let pips_width = if level.is_some() && !milestone && style.coverage.is_none() {
        document.roadmap.levels.len().min(8) as f32 * 9.0 + 4.0
    } else {
        0.0
    };
    let detail_width = (text_width - pips_width).max(0.0);
    let detail = scene.truncated_on_screen(&detail, detail_size, detail_color, detail_width);
    let detail_pos = scene.pos(Pos2::new(text_left, rect.top() + 25.0));
    texts.push((detail_pos, detail, detail_color));
}

/// The level held as a row of dots along the node's bottom edge, one per level of the
/// scale, filled up to the level: readable before the text is.
fn level_pips(
    scene: &ScenePainter,
    pen: &mut Pen,
    rect: Rect,
    level: usize,
    levels: usize,
    visuals: &egui::Visuals,
) {
    let filled = theme::level_color(visuals.dark_mode);
    // Rings that read on every status fill, dark or light.
    let empty = visuals.text_color().gamma_multiply(0.7);
    let spacing = 9.0;
    let right = rect.right() - 10.0;
    let y = rect.bottom() - 7.0;
    for place in 1..=levels.min(8) {
        let x = right - (levels.min(8) - place) as f32 * spacing;
        let centre = scene.pos(Pos2::new(x, y));
        let radius = scene.scaled(2.8);
        if place <= level {
            pen.circle(centre, radius, filled, Stroke::NONE);
        } else {
            let stroke = Stroke::new(scene.scaled(1.0), empty);
            pen.circle(centre, radius, Color32::TRANSPARENT, stroke);
        }
    }
}

/// Whether a node's title can be read at this zoom (else overviews label what matters).
pub fn titles_legible(scene: &ScenePainter) -> bool {
    scene.legible_size(TITLE_SIZE, NODE_TEXT_ROOM).is_some()
}

/// Marks in `out` which of `rects` overlap another of them, by a sweep along x. `order`
/// is scratch space.
pub fn overlapping(rects: &[Rect], order: &mut Vec<u32>, out: &mut Vec<bool>) {
    out.clear();
    out.resize(rects.len(), false);
    order.clear();
    order.extend(0..rects.len() as u32);
    let rect = |index: u32| rects.get(index as usize).copied().unwrap_or(Rect::NOTHING);
    order.sort_unstable_by(|&a, &b| rect(a).min.x.total_cmp(&rect(b).min.x));
    for (position, &a) in order.iter().enumerate() {
        let first = rect(a);
        for &b in order.iter().skip(position + 1) {
            let second = rect(b);
            if second.min.x >= first.max.x {
                break;
            }
            if second.min.y < first.max.y && first.min.y < second.max.y {
                for index in [a, b] {
                    if let Some(flag) = out.get_mut(index as usize) {
                        *flag = true;
                    }
                }
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use egui::Vec2;

    #[test]
    fn overlapping_nodes_are_found_and_neighbours_are_not() {
        let node = |x: f32, y: f32| Rect::from_min_size(Pos2::new(x, y), Vec2::new(200.0, 56.0));
        let rects = [
            node(0.0, 0.0),
            node(0.0, 80.0),    // below the first, apart
            node(250.0, 0.0),   // beside it, apart
            node(150.0, 100.0), // over the second
            node(200.0, -56.0), // touching the first's corner only
            node(5000.0, 0.0),
        ];
        let (mut order, mut out) = (Vec::new(), Vec::new());
        overlapping(&rects, &mut order, &mut out);
        assert_eq!(out, [false, true, false, true, false, false]);

        // Against every pair, on a crowded random field.
        let mut random = super::super::picture::test_random(3);
        let rects: Vec<Rect> = (0..300)
            .map(|_| node(random(6000.0), random(3000.0)))
            .collect();
        overlapping(&rects, &mut order, &mut out);
        for (i, a) in rects.iter().enumerate() {
            let expected = rects.iter().enumerate().any(|(j, b)| {
                i != j
                    && a.min.x < b.max.x
                    && b.min.x < a.max.x
                    && a.min.y < b.max.y
                    && b.min.y < a.max.y
            });
            assert_eq!(out[i], expected, "node {i}");
        }
        assert!(out.iter().any(|&o| o) && out.iter().any(|&o| !o));
    }
}
