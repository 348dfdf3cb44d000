//! The roadmap picture: stage columns, pick-one group frames, arrows and nodes, painted
//! in scene units through a [`ScenePainter`]. The canvas paints the part in view; the PNG
//! export paints all of it.

use egui::{Align2, CornerRadius, Pos2, Rect, Shape, Stroke, Vec2};

use super::edges::paint_edges;
use super::nodes::{Node, NodePainter, NodeStyle, overlapping};
use super::scene_painter::ScenePainter;
use crate::session::Document;

/// Below this zoom, text is left out: it would be too small to read.
pub const TEXT_MIN_ZOOM: f32 = 0.3;

/// The whole roadmap, as for an image: stages, groups, every arrow and node, placed by
/// `scene` (at 1:1, moved to the image's origin).
pub fn paint_roadmap_for_export(
    scene: &ScenePainter,
    document: &Document,
    visuals: &egui::Visuals,
) {
    let [x0, y0, x1, y1] = document.layout.bounds;
    let bounds = Rect::from_min_max(Pos2::new(x0, y0), Pos2::new(x1, y1));
    let own = crate::session::ProgressOf::Own;
    let _ = paint_stages(scene, document, (&own, &document.summary), bounds, visuals);
    paint_groups(scene, document, true, visuals);
    let all_edges: Vec<u32> = (0..document.scene.edges.len() as u32).collect();
    paint_edges(scene, document, &all_edges, None, visuals.dark_mode, true);
    let rects: Vec<Rect> = (0..document.roadmap.skills.len())
        .map(|index| document.scene.node_rect(index).unwrap_or(Rect::NOTHING))
        .collect();
    let mut overlaps = Vec::new();
    overlapping(&rects, &mut Vec::new(), &mut overlaps);
    let mut nodes = NodePainter::new(scene);
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
            reached: (document.roadmap.skills.get(index)).is_some_and(|s| document.is_met(&s.id)),
            coverage: None,
        };
        let node = Node {
            index,
            rect,
            status: document.status_at(index),
            style,
        };
        let alone = overlaps.get(index).copied().unwrap_or(true);
        nodes.add(scene, document, node, visuals, alone);
    }
    nodes.flush(scene);
}

/// Paints the stage columns, each with its title and the progress shown (yours, a
/// member's or the team's); returns the names to show above them when zoomed out.
pub fn paint_stages(
    scene: &ScenePainter,
    document: &Document,
    (whose, summary): (&crate::session::ProgressOf, &crate::model::ProgressSummary),
    bounds: Rect,
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
        scene.add(Shape::rect_filled(rect, CornerRadius::same(12), fill));
        let title = document
            .roadmap
            .stage(&band.stage_id)
            .map_or(band.stage_id.as_str(), |s| s.title.as_str());
        let counts = summary
            .stage(&band.stage_id)
            .map(|progress| whose.caption(progress))
            .unwrap_or_default();
        if scene.zoom() >= TEXT_MIN_ZOOM {
            scene.text(
                rect.left_top() + Vec2::new(20.0, 14.0),
                Align2::LEFT_TOP,
                title.to_owned(),
                22.0,
                visuals.strong_text_color(),
            );
            scene.text(
                rect.left_top() + Vec2::new(20.0, 44.0),
                Align2::LEFT_TOP,
                counts,
                13.0,
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

pub fn paint_groups(
    scene: &ScenePainter,
    document: &Document,
    show_text: bool,
    visuals: &egui::Visuals,
) {
    let mut pen = scene.pen();
    let stroke = Stroke::new(
        scene.scaled(1.5),
        visuals.weak_text_color().gamma_multiply(0.7),
    );
    let mut labels = Vec::new();
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
        let frame = scene.rect(rect);
        if !frame.expand(stroke.width).intersects(scene.clip_rect()) {
            continue;
        }
        pen.dashed_rect(frame, stroke, scene.scaled(6.0), scene.scaled(4.0));
        if show_text {
            let done = document.is_met(&group.id);
            let text = if done {
                format!("{} (done)", group.title)
            } else {
                group.title.clone()
            };
            labels.push((rect.left_top() + Vec2::new(8.0, 5.0), text));
        }
    }
    scene.paint_pen(&mut pen);
    for (position, text) in labels {
        scene.text(position, Align2::LEFT_TOP, text, 12.5, visuals.text_color());
    }
}

/// A repeatable stream of numbers in `0..range`, for tests of the fast paths.
#[cfg(test)]
pub(crate) fn test_random(mut seed: u64) -> impl FnMut(f32) -> f32 {
    move |range: f32| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 40) as f32 / (1u64 << 24) as f32 * range
    }
}
