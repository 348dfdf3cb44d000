//! The roadmap picture: stage bands, pick-one group frames, arrows and nodes, painted
//! in scene units through a [`ScenePainter`]. The canvas paints the part in view; the PNG
//! export paints all of it.

use egui::{CornerRadius, Pos2, Rect, Shape, Stroke, Vec2};

use super::edges::{ArrowPicture, paint_edges};
use super::nodes::{Node, NodePainter, NodeStyle, overlapping};
use super::scene_painter::ScenePainter;
use crate::session::Document;

/// From this zoom on, skills are painted whole (box, icon, text as far as it can be
/// read, see `ScenePainter::legible_size`) and are widgets; below it, plain boxes.
pub const TEXT_MIN_ZOOM: f32 = 0.3;
/// The height a group's title may take above its first member.
const GROUP_TITLE_ROOM: f32 = 20.0;

/// The whole roadmap, as for an image: stages, groups, every arrow and node, placed by
/// `scene` (at 1:1, moved to the image's origin).
pub fn paint_roadmap_for_export(
    scene: &ScenePainter,
    document: &Document,
    visuals: &egui::Visuals,
) {
    let own = crate::session::ProgressOf::Own;
    paint_stages(scene, document, visuals);
    paint_groups(scene, document, true, visuals);
    let all_edges: Vec<u32> = (0..document.scene.edges.len() as u32).collect();
    let mut arrows = ArrowPicture::default();
    let how = (None, visuals.dark_mode, true);
    paint_edges(scene, document, || &all_edges, how, &mut arrows);
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
            level: document.level_at(index),
            style,
        };
        let alone = overlaps.get(index).copied().unwrap_or(true);
        nodes.add(scene, document, node, visuals, alone);
    }
    nodes.flush(scene);
    paint_stage_headings(scene, document, (&own, &document.summary), visuals);
    let all_skills: Vec<u32> = (0..document.roadmap.skills.len() as u32).collect();
    paint_milestone_labels(
        scene,
        document,
        &all_skills,
        |id| document.is_met(id),
        visuals,
    );
}

/// Paints the stage bands' backgrounds; their headings go on top of the arrows and
/// skills, through `paint_stage_headings`.
pub fn paint_stages(scene: &ScenePainter, document: &Document, visuals: &egui::Visuals) {
    let clip = scene.clip_rect();
    for (band_index, band) in document.layout.stage_bands.iter().enumerate() {
        let rect = band_rect(band);
        if scene.rect(rect).intersects(clip) {
            scene.add(Shape::rect_filled(
                rect,
                CornerRadius::same(12),
                band_fill(band_index, visuals),
            ));
        }
    }
}

fn band_rect(band: &crate::session::layout::StageBand) -> Rect {
    Rect::from_min_max(
        Pos2::new(band.x_min, band.y_min),
        Pos2::new(band.x_max, band.y_max),
    )
}

/// A stage's band: a shade darker than what is behind it in the light theme (a white PNG
/// included: egui's "faint" colour there is a lighter white, which vanished), a shade
/// lighter in the dark one; every other band a little more.
fn band_fill(band_index: usize, visuals: &egui::Visuals) -> egui::Color32 {
    let even = band_index.is_multiple_of(2);
    match (visuals.dark_mode, even) {
        (true, true) => visuals.faint_bg_color,
        (true, false) => visuals.extreme_bg_color.gamma_multiply(0.5),
        (false, true) => egui::Color32::from_black_alpha(12),
        (false, false) => egui::Color32::from_black_alpha(20),
    }
}

/// Each stage's title and the progress shown (yours, a member's or the team's) in its
/// band's heading. Zoomed out, the heading keeps a size that can be read, on one line
/// where two do not fit, so every stage's name and progress show at Fit.
pub fn paint_stage_headings(
    scene: &ScenePainter,
    document: &Document,
    (whose, summary): (&crate::session::ProgressOf, &crate::model::ProgressSummary),
    visuals: &egui::Visuals,
) {
    let clip = scene.clip_rect();
    for (band_index, band) in document.layout.stage_bands.iter().enumerate() {
        let rect = band_rect(band);
        if !scene.rect(rect).intersects(clip) {
            continue;
        }
        let title = document
            .roadmap
            .stage(&band.stage_id)
            .map_or(band.stage_id.as_str(), |s| s.title.as_str());
        let counts = summary
            .stage(&band.stage_id)
            .map(|progress| whose.caption(progress))
            .unwrap_or_default();
        let plate = visuals.panel_fill.blend(band_fill(band_index, visuals));
        let room = heading_room(&document.layout.stage_bands, band_index);
        paint_stage_heading(scene, (rect, room), (title, &counts), plate, visuals);
    }
}

/// How far left and right (scene units) a band's heading may reach when zoomed out,
/// where the band is narrower than its one-line heading: to the next band beside its
/// header on either side, or as far as the canvas goes when none is there.
fn heading_room(bands: &[crate::session::layout::StageBand], index: usize) -> (f32, f32) {
    let Some(band) = bands.get(index) else {
        return (0.0, 0.0);
    };
    let header = band.y_min..band.y_min + crate::session::layout::STAGE_HEADER_HEIGHT;
    let beside = (bands.iter().enumerate())
        .filter(|&(i, other)| i != index && other.y_min < header.end && header.start < other.y_max);
    let right = (beside.clone())
        .filter(|(_, other)| other.x_min >= band.x_max - 1.0)
        .map(|(_, other)| other.x_min)
        .fold(f32::INFINITY, f32::min);
    let left = beside
        .filter(|(_, other)| other.x_max <= band.x_min + 1.0)
        .map(|(_, other)| other.x_max)
        .fold(f32::NEG_INFINITY, f32::max);
    (left.min(band.x_min), right.max(band.x_max))
}

/// A stage's title and progress in the heading of its band (`band`, scene units): at
/// their own sizes on two lines when they can be read so, else at sizes that can, on one
/// line; zoomed out so far that the heading is too low for that line, over the top of
/// the band, whose skills are then specks.
fn paint_stage_heading(
    scene: &ScenePainter,
    (band, room): (Rect, (f32, f32)),
    (title, counts): (&str, &str),
    plate: egui::Color32,
    visuals: &egui::Visuals,
) {
    // Text goes on a plate of the band's colour (opaque), so arrows passing the heading
    // do not run through it.
    let on_plate = |pos: Pos2, galley: std::sync::Arc<egui::Galley>, color| {
        let back = Rect::from_min_size(pos, galley.size()).expand2(Vec2::new(6.0, 2.0));
        scene.add_on_screen(Shape::rect_filled(back, CornerRadius::same(4), plate));
        scene.galley_on_screen(pos, galley, color);
    };
    let zoom = scene.zoom();
    let header = Rect::from_min_size(
        band.min,
        Vec2::new(band.width(), crate::session::layout::STAGE_HEADER_HEIGHT),
    );
    let sizes = HeadingSizes::at(zoom);
    let on_screen = if sizes.in_header {
        scene.rect(header)
    } else {
        let band = scene.rect(band);
        if band.height() < sizes.title * 1.4 {
            return;
        }
        Rect::from_min_size(band.min, Vec2::new(band.width(), sizes.title * 1.4))
    };
    let (strong, weak) = (visuals.strong_text_color(), visuals.weak_text_color());
    let width = header.width() - 40.0;
    if sizes.two_lines {
        let left = header.left() + 20.0;
        let title = scene.truncated(title, 22.0, strong, width);
        on_plate(
            scene.pos(Pos2::new(left, header.top() + 14.0)),
            title,
            strong,
        );
        let counts = scene.truncated(counts, 13.0, weak, width);
        on_plate(
            scene.pos(Pos2::new(left, header.top() + 44.0)),
            counts,
            weak,
        );
        return;
    }
    // One line: the title, then the progress, each at a size that can be read.
    let (title_size, caption_size) = (sizes.title, sizes.caption);
    let mut job = egui::text::LayoutJob::default();
    let shown: String = title
        .chars()
        .take(super::scene_painter::MAX_LAID_OUT_CHARS)
        .collect();
    job.append(
        &shown,
        0.0,
        egui::TextFormat::simple(egui::FontId::proportional(title_size), strong),
    );
    job.append(
        counts,
        caption_size * 0.8,
        egui::TextFormat::simple(egui::FontId::proportional(caption_size), weak),
    );
    let pad = (20.0 * zoom).max(6.0);
    // Past a narrow band's edge where nothing else stands, so that the line reads whole:
    // rightwards first, then, where the canvas ends, leftwards.
    let clip = scene.clip_rect();
    let right = (scene.pos(Pos2::new(room.1, band.top())).x).min(clip.right());
    let left = (scene.pos(Pos2::new(room.0, band.top())).x).max(clip.left());
    let right = right.max(on_screen.right());
    let left = left.min(on_screen.left());
    job.wrap = egui::text::TextWrapping::truncate_at_width((right - left - 2.0 * pad).max(20.0));
    job.halign = egui::Align::LEFT;
    let galley = scene.layout_job(job);
    let pos = Pos2::new(
        (on_screen.left() + pad)
            .min(right - pad - galley.size().x)
            .max(left + pad),
        on_screen.center().y - galley.size().y / 2.0,
    );
    on_plate(pos, galley, strong);
}

/// The sizes (screen points) of a stage's heading at a zoom: the title and progress at
/// their own sizes on two lines (as at 1:1), or on one line at sizes that can be read,
/// in the band's heading while that line fits its height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeadingSizes {
    pub title: f32,
    pub caption: f32,
    pub two_lines: bool,
    pub in_header: bool,
}

impl HeadingSizes {
    pub fn at(zoom: f32) -> Self {
        if 22.0 * zoom >= STAGE_TITLE_MIN && 13.0 * zoom >= STAGE_CAPTION_MIN {
            return Self {
                title: 22.0 * zoom,
                caption: 13.0 * zoom,
                two_lines: true,
                in_header: true,
            };
        }
        let title = (22.0 * zoom).max(STAGE_TITLE_MIN);
        let caption = (13.0 * zoom).max(STAGE_CAPTION_MIN);
        let height = crate::session::layout::STAGE_HEADER_HEIGHT * zoom;
        Self {
            title,
            caption,
            two_lines: false,
            in_header: height >= title * 1.25,
        }
    }
}

/// The least sizes of a stage's title and progress, in screen points.
pub const STAGE_TITLE_MIN: f32 = 15.0;
pub const STAGE_CAPTION_MIN: f32 = 12.0;
/// The size of a milestone's name in an overview, in screen points.
pub const MILESTONE_LABEL_SIZE: f32 = 12.5;

/// Zoomed out, where skills' titles cannot be read, each milestone in `indices` gets its
/// name on a label over its node, at a size that can, saying whether it is reached by the
/// progress shown (`is_reached`): the roles stay readable at Fit.
pub fn paint_milestone_labels(
    scene: &ScenePainter,
    document: &Document,
    indices: &[u32],
    is_reached: impl Fn(&str) -> bool,
    visuals: &egui::Visuals,
) {
    if super::nodes::titles_legible(scene) {
        return;
    }
    let mut pen = scene.pen();
    let mut texts = Vec::new();
    for &index in indices {
        let index = index as usize;
        let Some((skill, rect)) = document.skill_at_index(index) else {
            continue;
        };
        if skill.kind != crate::model::SkillKind::Milestone {
            continue;
        }
        let reached = is_reached(&skill.id);
        let color = visuals.strong_text_color();
        let text = if reached {
            format!("{} (reached)", skill.title)
        } else {
            skill.title.clone()
        };
        let galley = scene.truncated_on_screen(
            &text,
            MILESTONE_LABEL_SIZE,
            color,
            260.0 / scene.zoom().max(1e-3),
        );
        let centre = scene.pos(rect.center());
        let label = Rect::from_center_size(centre, galley.size() + Vec2::new(14.0, 6.0));
        // Kept inside the canvas: the last milestone sits at the roadmap's right edge,
        // and at Fit half of its label would be cut off there.
        let label = label.translate(inside(label, scene.clip_rect().shrink(4.0)));
        let fill = super::palette::milestone_fill(reached, visuals.dark_mode);
        pen.rounded_rect(
            label,
            label.height() / 2.0,
            fill,
            Stroke::new(1.5, super::palette::MILESTONE),
        );
        texts.push((label.center() - galley.size() / 2.0, galley, color));
    }
    scene.paint_pen(&mut pen);
    for (pos, galley, color) in texts {
        scene.galley_on_screen(pos, galley, color);
    }
}

/// How far to move `rect` to bring it inside `room` (as far as it fits).
fn inside(rect: Rect, room: Rect) -> Vec2 {
    let shift = |low: f32, high: f32, room_low: f32, room_high: f32| {
        if high > room_high {
            (room_high - high).max(room_low - low)
        } else if low < room_low {
            room_low - low
        } else {
            0.0
        }
    };
    Vec2::new(
        shift(rect.left(), rect.right(), room.left(), room.right()),
        shift(rect.top(), rect.bottom(), room.top(), room.bottom()),
    )
}

pub fn paint_groups(
    scene: &ScenePainter,
    document: &Document,
    show_text: bool,
    visuals: &egui::Visuals,
) {
    let mut pen = scene.pen();
    let stroke = Stroke::new(
        scene.scaled(1.5).max(1.0),
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
        // Dashes of a few pixels at least: zoomed out, finer ones are a grey line anyway.
        let (dash, gap) = (scene.scaled(6.0).max(4.0), scene.scaled(4.0).max(3.0));
        pen.dashed_rect(frame, stroke, dash, gap);
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
    let Some(size) = scene.legible_size(12.5, GROUP_TITLE_ROOM) else {
        return;
    };
    for (position, text) in labels {
        let color = visuals.text_color();
        let galley = scene.truncated_on_screen(&text, size, color, 400.0);
        scene.galley_on_screen(scene.pos(position), galley, color);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_at_the_edge_is_moved_inside_the_canvas() {
        let canvas = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(800.0, 600.0));
        // Half past the right edge, as the last milestone's label at Fit.
        let label = Rect::from_center_size(Pos2::new(790.0, 300.0), Vec2::new(120.0, 20.0));
        let moved = label.translate(inside(label, canvas));
        assert!(canvas.contains_rect(moved), "{moved:?}");
        assert_eq!(moved.height(), label.height());
        // Inside already: left alone.
        let inner = Rect::from_center_size(Pos2::new(400.0, 300.0), Vec2::new(120.0, 20.0));
        assert_eq!(inside(inner, canvas), Vec2::ZERO);
    }
}
