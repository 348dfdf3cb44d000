//! Prerequisite arrows: from what is required to what requires it along the path the
//! layout routed (level lines and S-curves), drawn into one mesh, and only the stretch
//! of each that is in view.

use std::sync::Arc;

use egui::emath::TSTransform;
use egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, Vec2};

use super::palette as theme;
use super::pen::{Pen, unit};
use super::scene_painter::ScenePainter;
use crate::session::Document;
use crate::session::scene_index::{Edge, EdgeSource, Piece, cubic_point};

/// The length of an arrow's head, in scene units.
const ARROW_HEAD: f32 = 7.0;
/// The dot on a pick-one group's frame where its arrows leave.
const GROUP_PORT_RADIUS: f32 = 4.0;

/// The plain arrows as last drawn, kept while nothing they are drawn from changes. At rest
/// (the pointer moving over the team matrix, a panel scrolled) a frame of a big roadmap
/// zoomed out to fit had spent a sixth of its time drawing the same arrows again.
#[derive(Clone, Default)]
pub struct ArrowPicture {
    drawn: Option<(ArrowView, Arc<Mesh>)>,
}

impl std::fmt::Debug for ArrowPicture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Not the mesh: a big roadmap's is megabytes.
        let vertices = self.drawn.as_ref().map(|(_, mesh)| mesh.vertices.len());
        f.debug_struct("ArrowPicture")
            .field("vertices", &vertices)
            .finish()
    }
}

/// Everything the plain arrows' picture depends on.
#[derive(Clone, Copy, PartialEq)]
struct ArrowView {
    /// The scene index's build: the roadmap and its layout.
    scene: u64,
    to_screen: TSTransform,
    clip: Rect,
    pixels_per_point: f32,
    /// Its arrows are not plain.
    selected_index: Option<usize>,
    dark_mode: bool,
    detailed: bool,
}

/// Paints the arrows `visible_edges` gives (indices into the document's scene index),
/// asking for them only when it needs them. Those into and out of the selected skill are
/// emphasised and drawn last, on top. Zoomed out (`detailed` false), plain arrows are
/// straight lines a pixel wide. The plain ones are drawn again only when `picture` holds
/// them for another view.
pub fn paint_edges<'e>(
    scene: &ScenePainter,
    document: &Document,
    visible_edges: impl FnOnce() -> &'e [u32],
    (selected_index, dark_mode, detailed): (Option<usize>, bool, bool),
    picture: &mut ArrowPicture,
) {
    // The pick-one groups the selected skill belongs to: arrows from their frames are its.
    let selected_groups: Vec<usize> = selected_index
        .and_then(|index| document.roadmap.skills.get(index))
        .map(|skill| {
            (document.roadmap.pick_one_groups.iter().enumerate())
                .filter(|(_, group)| group.skills.contains(&skill.id))
                .map(|(index, _)| index)
                .collect()
        })
        .unwrap_or_default();
    let emphasised = |edge: &Edge| {
        selected_index == Some(edge.target)
            || match edge.source {
                EdgeSource::Skill(index) => selected_index == Some(index),
                EdgeSource::Group(group) => selected_groups.contains(&group),
            }
    };
    let view = ArrowView {
        scene: document.scene.generation(),
        to_screen: scene.to_screen(),
        clip: scene.clip_rect(),
        pixels_per_point: scene.pixels_per_point(),
        selected_index,
        dark_mode,
        detailed,
    };
    let kept = (picture.drawn.as_ref())
        .filter(|(drawn, _)| *drawn == view)
        .map(|(_, mesh)| Arc::clone(mesh));
    // The arrows in view are looked up only to draw from: kept plain arrows and no
    // selection need none of them.
    let visible_edges = if kept.is_none() || selected_index.is_some() {
        visible_edges()
    } else {
        &[]
    };
    let visible =
        || (visible_edges.iter()).filter_map(|&index| document.scene.edges.get(index as usize));
    let plain = kept.unwrap_or_else(|| {
        let how = (dark_mode, detailed);
        let mesh = Arc::new(plain_arrows(scene, document, visible(), &emphasised, how));
        picture.drawn = Some((view, Arc::clone(&mesh)));
        mesh
    });
    if !plain.is_empty() {
        scene.add_on_screen(Shape::Mesh(plain));
    }
    let mut pen = scene.pen();
    let mut run = Vec::new();
    let accent = Stroke::new(scene.scaled(2.8), theme::ACCENT);
    for edge in visible().filter(|edge| emphasised(edge)) {
        paint_arrow(&mut pen, scene, document.scene.path(edge), accent, &mut run);
    }
    scene.paint_pen(&mut pen);
}

/// The arrows `edges` but the `emphasised` ones in one mesh, in screen points, with the
/// ports of the pick-one groups they all leave.
fn plain_arrows<'a>(
    scene: &ScenePainter,
    document: &Document,
    edges: impl Iterator<Item = &'a Edge> + Clone,
    emphasised: &dyn Fn(&Edge) -> bool,
    (dark_mode, detailed): (bool, bool),
) -> Mesh {
    let faint = if dark_mode {
        Color32::from_gray(95)
    } else {
        Color32::from_gray(175)
    };
    let mut pen = scene.pen();
    if detailed {
        // About eight points of three vertices each for an arrow crossing the view.
        let count = edges.clone().count();
        pen.mesh.reserve_vertices(count * 24);
        pen.mesh.reserve_triangles(count * 32);
    } else {
        // A quad per stretch between two of a path's points.
        let lines: usize = (edges.clone())
            .map(|edge| document.scene.path(edge).len().saturating_sub(1))
            .sum();
        pen.mesh.reserve_vertices(lines * 4);
        pen.mesh.reserve_triangles(lines * 2);
    }
    let plain = Stroke::new(scene.scaled(1.2), faint);
    let mut run = Vec::new();
    // Where arrows leave a pick-one group's frame: marked, so they read as the group's.
    let mut ports: Vec<Pos2> = Vec::new();
    for edge in edges {
        let path = document.scene.path(edge);
        if matches!(edge.source, EdgeSource::Group(_)) && !ports.contains(&edge.from) {
            ports.push(edge.from);
        }
        if emphasised(edge) {
            continue;
        } else if detailed {
            paint_arrow(&mut pen, scene, path, plain, &mut run);
        } else {
            // Zoomed out, a route's points a pixel or two apart (its stubs) are skipped.
            let mut last: Option<Pos2> = None;
            for (i, &point) in path.iter().enumerate() {
                let point = scene.pos(point);
                match last {
                    None => last = Some(point),
                    Some(from) if i + 1 == path.len() || from.distance_sq(point) >= 9.0 => {
                        add_line(&mut pen.mesh, from, point, 0.5, faint);
                        last = Some(point);
                    }
                    Some(_) => {}
                }
            }
        }
    }
    for port in ports {
        let radius = scene.scaled(GROUP_PORT_RADIUS).max(1.5);
        pen.circle(scene.pos(port), radius, faint, Stroke::NONE);
    }
    pen.mesh
}

/// A straight line as a thin quad, in screen points.
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

/// An arrow along `path` (scene units) with its head, as far as it is in view. `run` is
/// scratch space for the points of a stretch in view.
pub fn paint_arrow(
    pen: &mut Pen,
    scene: &ScenePainter,
    path: &[Pos2],
    stroke: Stroke,
    run: &mut Vec<Pos2>,
) {
    let (Some(&to), true) = (path.last(), path.len() >= 2) else {
        return;
    };
    let clip = scene.clip_rect().expand(stroke.width + 2.0);
    run.clear();
    let mut draw = |points: &[Pos2]| pen.stroke_open(points, stroke);
    let last = path.len() - 2;
    for (i, pair) in path.windows(2).enumerate() {
        let &[start, next] = pair else {
            continue;
        };
        // The line stops where the head begins.
        let end = if i == last {
            to - Vec2::new(ARROW_HEAD, 0.0)
        } else {
            next
        };
        match Piece::between(start, end) {
            Piece::Line(a, b) => {
                let (a, b) = (scene.pos(a), scene.pos(b));
                if Rect::from_two_pos(a, b).intersects(clip) {
                    if run.last() != Some(&a) {
                        flush(run, &mut draw);
                        run.push(a);
                    }
                    run.push(b);
                } else {
                    flush(run, &mut draw);
                }
            }
            Piece::Curve(controls) => {
                curve_in_clip(scene, controls, clip, run, &mut draw);
            }
        }
    }
    flush(run, &mut draw);
    let tip = scene.pos(to);
    let head = scene.scaled(ARROW_HEAD);
    if clip.expand(head).contains(tip) {
        let end = tip - Vec2::new(head, 0.0);
        pen.fill_convex(
            &[
                tip,
                end + Vec2::new(0.0, head * 0.6),
                end + Vec2::new(0.0, -head * 0.6),
            ],
            stroke.color,
        );
    }
}

/// Draws the points gathered so far, if any, and starts again.
fn flush(run: &mut Vec<Pos2>, draw: &mut impl FnMut(&[Pos2])) {
    if run.len() >= 2 {
        draw(run);
    }
    run.clear();
}

/// A curve with level ends (scene units), flattened on screen into as few points as look
/// smooth at this zoom (egui's adaptive flattening spends far more on long arrows than a
/// few pixels of accuracy need); the stretches that meet `clip` are added to `run`, which
/// is handed to `draw` whenever the curve leaves the clip, and left open at the end so a
/// path's next piece continues it.
fn curve_in_clip(
    scene: &ScenePainter,
    controls: [Pos2; 4],
    clip: Rect,
    run: &mut Vec<Pos2>,
    draw: &mut impl FnMut(&[Pos2]),
) {
    let [from, _, _, end] = controls;
    let bend = controls[1].x - from.x;
    // Moving and scaling a Bézier curve's control points moves and scales the curve.
    let controls = controls.map(|point| scene.pos(point));
    let screen_length = scene.scaled(from.distance(end) + bend);
    // (A routed arrow's curves are short: a gap between two columns each.)
    let segments = ((screen_length / 24.0) as usize).clamp(3, 64);
    // Only the stretch of t where the curve can meet the clip needs points: for a long
    // arrow crossing the view, a small part of it. Every curve's y moves one way along
    // it (its ends' tangents are level), and a forward curve's x too.
    let (mut t_min, mut t_max) = (0.0_f32, 1.0_f32);
    let [start, .., finish] = controls;
    if (finish.y - start.y).abs() > 0.5 {
        let eased = |y: f32| ((y - start.y) / (finish.y - start.y)).clamp(0.0, 1.0);
        let t_of = |y: f32| solve_increasing(|t| t * t * (3.0 - 2.0 * t), eased(y));
        let (a, b) = (t_of(clip.min.y), t_of(clip.max.y));
        (t_min, t_max) = (a.min(b), a.max(b));
    }
    if end.x >= from.x {
        let t_of = |x: f32| solve_increasing(|t| cubic_x(&controls, t), x);
        t_min = t_min.max(t_of(clip.min.x));
        t_max = t_max.min(t_of(clip.max.x));
    }
    // Where the curve only passes near a corner of the clip, its chords may still cut
    // the corner: keep the pieces around there.
    let (t_min, t_max) = (t_min.min(t_max), t_min.max(t_max));
    let step = segments as f32;
    let first = ((t_min * step).floor() as usize).saturating_sub(1);
    let last = (((t_max * step).ceil() as usize) + 1).min(segments);
    let mut previous = cubic_point(&controls, first as f32 / segments as f32);
    if first > 0 {
        flush(run, draw);
    }
    for i in (first + 1)..=last {
        let point = cubic_point(&controls, i as f32 / segments as f32);
        if Rect::from_two_pos(previous, point).intersects(clip) {
            if run.last() != Some(&previous) {
                flush(run, draw);
                run.push(previous);
            }
            run.push(point);
        } else {
            flush(run, draw);
        }
        previous = point;
    }
    if last < segments {
        flush(run, draw);
    }
}

/// The t in 0..=1 where `f`, growing with t, reaches `target`, to within 1/256.
fn solve_increasing(f: impl Fn(f32) -> f32, target: f32) -> f32 {
    let (mut low, mut high) = (0.0_f32, 1.0_f32);
    for _ in 0..8 {
        let middle = (low + high) * 0.5;
        if f(middle) < target {
            low = middle;
        } else {
            high = middle;
        }
    }
    low
}

fn cubic_x(controls: &[Pos2; 4], t: f32) -> f32 {
    let [p0, p1, p2, p3] = *controls;
    let u = 1.0 - t;
    p0.x * (u * u * u) + p1.x * (3.0 * u * u * t) + p2.x * (3.0 * u * t * t) + p3.x * (t * t * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain arrows `picture` holds, and whether the arrows in view were asked for.
    fn paint(
        scene: &ScenePainter,
        document: &Document,
        how: (Option<usize>, bool, bool),
        picture: &mut ArrowPicture,
    ) -> (Arc<Mesh>, bool) {
        let all: Vec<u32> = (0..document.scene.edges.len() as u32).collect();
        let mut asked = false;
        paint_edges(
            scene,
            document,
            || {
                asked = true;
                &all
            },
            how,
            picture,
        );
        let (_, mesh) = picture.drawn.clone().expect("the plain arrows are kept");
        (mesh, asked)
    }

    #[test]
    fn arrows_are_drawn_again_only_when_what_they_show_changes() {
        let (roadmap, progress) = crate::model::generate::generate(200, 3);
        let document = Document::from_parts(roadmap.clone(), progress.clone());
        let zoomed_out = scene(TSTransform::new(Vec2::new(320.0, 120.0), 0.05));
        let mut picture = ArrowPicture::default();
        let fresh = |scene: &ScenePainter, document: &Document, how| {
            paint(scene, document, how, &mut ArrowPicture::default()).0
        };

        let (first, asked) = paint(&zoomed_out, &document, (None, true, false), &mut picture);
        assert!(asked && first.vertices.len() > 1000);
        // The same view again: the same picture, without looking for the arrows in view.
        let (again, asked) = paint(&zoomed_out, &document, (None, true, false), &mut picture);
        assert!(!asked && Arc::ptr_eq(&first, &again));

        // Anything it shows changed: drawn again, as a picture drawn afresh is.
        let selected = document.scene.edges.first().map(|edge| edge.target);
        let moved = scene(TSTransform::new(Vec2::new(330.0, 120.0), 0.05));
        let closer = scene(TSTransform::new(Vec2::new(320.0, 120.0), 0.5));
        let rebuilt = Document::from_parts(roadmap, progress);
        let changes: [(&ScenePainter, &Document, _); 6] = [
            (&zoomed_out, &document, (selected, true, false)),
            (&zoomed_out, &document, (None, false, false)),
            (&zoomed_out, &document, (None, true, true)),
            (&moved, &document, (None, true, false)),
            (&closer, &document, (None, true, false)),
            (&zoomed_out, &rebuilt, (None, true, false)),
        ];
        let mut last = first;
        for (scene, document, how) in changes {
            let (drawn, asked) = paint(scene, document, how, &mut picture);
            assert!(asked && !Arc::ptr_eq(&drawn, &last));
            assert_eq!(*drawn, *fresh(scene, document, how));
            last = drawn;
        }
        // The selected skill's arrows are drawn over the plain ones, not among them.
        let (plain, _) = paint(&zoomed_out, &document, (None, true, false), &mut picture);
        let (without, _) = paint(
            &zoomed_out,
            &document,
            (selected, true, false),
            &mut picture,
        );
        assert!(without.vertices.len() < plain.vertices.len());
    }

    fn scene(to_screen: TSTransform) -> ScenePainter {
        let clip = Rect::from_min_size(Pos2::new(300.0, 100.0), Vec2::new(900.0, 800.0));
        let painter =
            egui::Painter::new(egui::Context::default(), egui::LayerId::background(), clip);
        ScenePainter::new(painter, to_screen)
    }

    /// The chords of the curve from `from` to `to` drawn when the view is `clip`.
    fn chords(scene: &ScenePainter, from: Pos2, to: Pos2, clip: Rect) -> Vec<[Pos2; 2]> {
        let Piece::Curve(controls) = Piece::between(from, to) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut run = Vec::new();
        let mut draw = |run: &[Pos2]| out.extend(run.windows(2).map(|pair| [pair[0], pair[1]]));
        curve_in_clip(scene, controls, clip, &mut run, &mut draw);
        flush(&mut run, &mut draw);
        out
    }

    /// Every chord of the curve, flattened the same way, that meets `clip`.
    fn pieces_in_clip(scene: &ScenePainter, from: Pos2, to: Pos2, clip: Rect) -> Vec<[Pos2; 2]> {
        let huge = Rect::from_min_size(Pos2::new(-1e7, -1e7), Vec2::splat(2e7));
        let mut all = chords(scene, from, to, huge);
        all.retain(|[a, b]| Rect::from_two_pos(*a, *b).intersects(clip));
        all
    }

    #[test]
    fn only_the_part_of_an_arrow_in_view_is_drawn_and_all_of_it() {
        let mut random = super::super::picture::test_random(7);
        for to_screen in [
            TSTransform::IDENTITY,
            TSTransform::new(Vec2::new(-2000.0, 350.0), 0.8),
            TSTransform::new(Vec2::new(120.0, -900.0), 1.7),
        ] {
            let scene = scene(to_screen);
            let clip = scene.clip_rect();
            for _ in 0..2_000 {
                // Forward, backward and vertical arrows, far and near the view.
                let from = Pos2::new(random(6000.0) - 1500.0, random(6000.0) - 2500.0);
                let to = Pos2::new(random(6000.0) - 1500.0, random(6000.0) - 2500.0);
                let drawn = chords(&scene, from, to, clip);
                // Exactly the pieces of the whole curve that meet the view.
                let expected = pieces_in_clip(&scene, from, to, clip);
                assert_eq!(drawn, expected, "{from:?} -> {to:?}");
            }
        }
    }
}
