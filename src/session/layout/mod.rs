//! Where each skill goes on the canvas, and the path of each prerequisite arrow. Pure: the
//! same roadmap always gives the same layout, so it is computed once per roadmap change.
//!
//! A roadmap is laid out in layers (`layered`): each stage is a band across the canvas,
//! the bands stacked from the first stage to the last, and inside them skills stand in
//! columns by how many prerequisites lead to them, ordered to cross few arrows. Arrows
//! are routed through the gaps between skills, never through one. Roadmaps too deep for
//! columns (thousands of levels, as generated ones) are packed instead (`packed`).
//! Skills with a saved position keep it.

mod layered;
mod order;
mod packed;
mod place;
mod route;

use emath::{Pos2, Rect, Vec2};
use foldhash::HashMap;

use crate::model::Roadmap;

pub const NODE_WIDTH: f32 = 220.0;
pub const NODE_HEIGHT: f32 = 44.0;
/// Room at the top of a stage's band for its heading.
pub const STAGE_HEADER_HEIGHT: f32 = 100.0;
/// Room above a pick-one group's first member for the group's title, and the frame's
/// margin around its members on the other sides.
pub const GROUP_TITLE_SPACE: f32 = 26.0;
pub const GROUP_MARGIN: f32 = 10.0;

pub use route::group_port;

/// A node's rectangle from its top-left corner.
pub fn node_rect(position: [f32; 2]) -> Rect {
    Rect::from_min_size(
        Pos2::new(position[0], position[1]),
        Vec2::new(NODE_WIDTH, NODE_HEIGHT),
    )
}

/// The value at `i`, or the default where there is none. The layout's indices are in
/// range by construction; these keep a mistake from panicking mid-frame.
fn at<T: Copy + Default>(values: &[T], i: usize) -> T {
    values.get(i).copied().unwrap_or_default()
}

/// The list at `i`, or an empty one.
fn list<T>(lists: &[Vec<T>], i: usize) -> &[T] {
    lists.get(i).map_or(&[], Vec::as_slice)
}

/// Sets the value at `i`, where there is one.
fn put<T>(values: &mut [T], i: usize, value: T) {
    if let Some(slot) = values.get_mut(i) {
        *slot = value;
    }
}

/// Where an arrow starts: a skill, or the frame around a pick-one group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeSource {
    Skill(usize),
    Group(usize),
}

/// A piece of an arrow's path between two of its points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Piece {
    Line(Pos2, Pos2),
    /// A cubic Bézier curve with level ends: its control points.
    Curve([Pos2; 4]),
}

impl Piece {
    /// Level and forward, or upright: a straight line; otherwise an S-curve with level
    /// ends, which stays inside the box of its ends when they are at least 80 units
    /// apart across.
    pub fn between(from: Pos2, to: Pos2) -> Self {
        let level = (from.y - to.y).abs() < 0.01 && to.x >= from.x;
        let upright = (from.x - to.x).abs() < 0.01;
        if level || upright {
            Self::Line(from, to)
        } else {
            let bend = ((to.x - from.x).abs() * 0.5).max(40.0);
            Self::Curve([
                from,
                from + Vec2::new(bend, 0.0),
                to - Vec2::new(bend, 0.0),
                to,
            ])
        }
    }

    /// Points along the piece, `segments` chords for a curve, the first point included.
    pub fn points(&self, segments: usize, out: &mut Vec<Pos2>) {
        match *self {
            Self::Line(a, b) => out.extend([a, b]),
            Self::Curve(controls) => {
                let segments = segments.max(1);
                out.extend(
                    (0..=segments).map(|i| cubic_point(&controls, i as f32 / segments as f32)),
                );
            }
        }
    }
}

/// The pieces of a path through `points`.
pub fn pieces(points: &[Pos2]) -> impl Iterator<Item = Piece> + '_ {
    (points.iter().zip(points.iter().skip(1))).map(|(&a, &b)| Piece::between(a, b))
}

pub fn cubic_point(controls: &[Pos2; 4], t: f32) -> Pos2 {
    let [p0, p1, p2, p3] = *controls;
    let u = 1.0 - t;
    let position = p0.to_vec2() * (u * u * u)
        + p1.to_vec2() * (3.0 * u * u * t)
        + p2.to_vec2() * (3.0 * u * t * t)
        + p3.to_vec2() * (t * t * t);
    position.to_pos2()
}

/// Whether the segment from `a` to `b` meets the inside of `rect` (Liang–Barsky).
pub fn segment_meets(a: Pos2, b: Pos2, rect: Rect) -> bool {
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (p, q) in [
        (-d.x, a.x - rect.min.x),
        (d.x, rect.max.x - a.x),
        (-d.y, a.y - rect.min.y),
        (d.y, rect.max.y - a.y),
    ] {
        if p.abs() < f32::EPSILON {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// A stage's band on the canvas: its background, with its heading at the top.
#[derive(Clone, Debug, PartialEq)]
pub struct StageBand {
    pub stage_id: String,
    pub x_min: f32,
    pub x_max: f32,
    pub y_min: f32,
    pub y_max: f32,
}

impl StageBand {
    pub fn contains(&self, [x, y]: [f32; 2]) -> bool {
        (self.x_min..=self.x_max).contains(&x) && (self.y_min..=self.y_max).contains(&y)
    }

    /// How far a point is from the band (0 inside it).
    pub fn distance_to(&self, [x, y]: [f32; 2]) -> f32 {
        let dx = (self.x_min - x).max(x - self.x_max).max(0.0);
        let dy = (self.y_min - y).max(y - self.y_max).max(0.0);
        dx.hypot(dy)
    }
}

/// The top-left corner of every skill, indexed like `roadmap.skills`, the stage bands and
/// the routed arrows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub node_positions: Vec<[f32; 2]>,
    pub stage_bands: Vec<StageBand>,
    /// The bounding box of everything, `[x_min, y_min, x_max, y_max]`.
    pub bounds: [f32; 4],
    /// The path of each arrow the layout routed, keyed by its source and the index of the
    /// skill that requires it: points in order, each pair joined as `Piece::between`
    /// says. Arrows not here (unrouted and in nobody's way, or in a roadmap too big to
    /// reroute) go straight from end to end.
    pub routes: HashMap<(EdgeSource, usize), Vec<Pos2>>,
}

impl Layout {
    /// Lays out a roadmap. Skills with a saved position keep it.
    pub fn compute(roadmap: &Roadmap) -> Self {
        let (mut node_positions, stage_bands, mut routes) = match layered::compute(roadmap) {
            Some(layered) => (layered.node_positions, layered.stage_bands, layered.routes),
            None => {
                let (positions, bands) = packed::compute(roadmap);
                (positions, bands, HashMap::default())
            }
        };

        let mut placed_by_hand = vec![false; roadmap.skills.len()];
        for ((skill, position), by_hand) in roadmap
            .skills
            .iter()
            .zip(node_positions.iter_mut())
            .zip(placed_by_hand.iter_mut())
        {
            if let Some((x, y)) = skill.position {
                *position = [x, y];
                *by_hand = true;
            }
        }
        if placed_by_hand.contains(&true) {
            // A route was made for where the layout put a skill, not where a person did.
            let by_hand: foldhash::HashSet<&str> = (roadmap.skills.iter())
                .filter(|skill| skill.position.is_some())
                .map(|skill| skill.id.as_str())
                .collect();
            let group_by_hand: Vec<bool> = (roadmap.pick_one_groups.iter())
                .map(|group| group.skills.iter().any(|m| by_hand.contains(m.as_str())))
                .collect();
            routes.retain(|(source, target), _| {
                let source_by_hand = match source {
                    EdgeSource::Skill(index) => placed_by_hand.get(*index) == Some(&true),
                    EdgeSource::Group(group) => group_by_hand.get(*group) == Some(&true),
                };
                !source_by_hand && placed_by_hand.get(*target) != Some(&true)
            });
        }

        // Arrows the layout could not route (to or from a hand-placed skill, on a cycle,
        // from a group split across stages, in packed columns) and any a hand-placed
        // skill now stands in the way of go round what is in their way.
        route::repair(roadmap, &node_positions, &mut routes);

        let mut bounds = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        for [x, y] in &node_positions {
            bounds = [
                bounds[0].min(*x),
                bounds[1].min(*y),
                bounds[2].max(x + NODE_WIDTH),
                bounds[3].max(y + NODE_HEIGHT),
            ];
        }
        for band in &stage_bands {
            bounds = [
                bounds[0].min(band.x_min),
                bounds[1].min(band.y_min),
                bounds[2].max(band.x_max),
                bounds[3].max(band.y_max),
            ];
        }
        for point in routes.values().flatten() {
            bounds = [
                bounds[0].min(point.x),
                bounds[1].min(point.y),
                bounds[2].max(point.x),
                bounds[3].max(point.y),
            ];
        }
        if bounds[0] > bounds[2] {
            bounds = [0.0, 0.0, NODE_WIDTH, NODE_HEIGHT];
        }
        Self {
            node_positions,
            stage_bands,
            bounds,
            routes,
        }
    }

    /// The band of the stage under a point, else the nearest one.
    pub fn stage_near(&self, point: [f32; 2]) -> Option<&StageBand> {
        (self.stage_bands.iter())
            .min_by(|a, b| (a.distance_to(point)).total_cmp(&b.distance_to(point)))
    }
}
