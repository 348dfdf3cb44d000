//! How well a layout reads, measured on the arrows as drawn: its size and shape, the zoom
//! at which all of it fits a window, how many pairs of arrows cross, and which arrows pass
//! through a skill they neither start nor end at (`waymark layout-stats`).

use emath::{Pos2, Rect, Vec2};
use foldhash::{HashMap, HashSet};

use crate::model::Roadmap;
use crate::session::layout::{Layout, segment_meets};
use crate::session::scene_index::{EdgeSource, SceneIndex, pieces};

/// The canvas of a 1280×800 window with the left panel open at its default width, as the
/// automation report of the real window gives it (250 to 1280 across, 25 to 800 down).
pub const DEFAULT_CANVAS: Vec2 = Vec2::new(1030.0, 775.0);
/// Chords per curve when measuring: finer than any zoom draws it.
const CURVE_CHORDS: usize = 32;

/// The view that shows everything in `bounds` on a canvas of `canvas_size` points, with a
/// margin of some screen points whatever the zoom, more above for the stage names.
pub fn fit_view(bounds: Rect, canvas_size: Vec2) -> Rect {
    let zoom = (canvas_size / bounds.size()).min_elem();
    let pixel = if zoom.is_finite() && zoom > 0.0 {
        1.0 / zoom
    } else {
        1.0
    };
    Rect::from_min_max(
        bounds.min - Vec2::new((16.0 * pixel).max(40.0), (16.0 * pixel).max(40.0)),
        bounds.max + Vec2::splat((16.0 * pixel).max(40.0)),
    )
}

/// The zoom (screen points per scene unit) at which `view` fills a canvas.
pub fn zoom_to_show(view: Rect, canvas_size: Vec2) -> f32 {
    (canvas_size / view.size()).min_elem()
}

#[derive(Clone, Debug, PartialEq)]
pub struct LayoutStats {
    pub skills: usize,
    /// Prerequisite links, a group's counted once per member.
    pub links: usize,
    /// Arrows drawn: a group's dependents get one arrow from its frame.
    pub arrows: usize,
    pub width: f32,
    pub height: f32,
    /// Zoom at Fit on `DEFAULT_CANVAS`.
    pub fit_zoom: f32,
    /// Pairs of drawn arrows that cross, not counting pairs that share an end.
    pub crossings: usize,
    /// Arrows that pass through a skill they neither start nor end at, each with that
    /// skill: (from, to, through), as titles.
    pub through: Vec<(String, String, String)>,
    /// Arrows that pass through at least one skill they do not connect.
    pub arrows_through: usize,
}

impl LayoutStats {
    pub fn measure(roadmap: &Roadmap, layout: &Layout, scene: &SceneIndex) -> Self {
        let polylines: Vec<Vec<Pos2>> = scene
            .edges
            .iter()
            .map(|edge| {
                let mut points = Vec::new();
                for piece in pieces(scene.path(edge)) {
                    if !points.is_empty() {
                        points.pop();
                    }
                    piece.points(CURVE_CHORDS, &mut points);
                }
                points
            })
            .collect();
        let index_of: HashMap<&str, usize> = (roadmap.skills.iter().enumerate())
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let title = |index: usize| {
            roadmap
                .skills
                .get(index)
                .map_or_else(String::new, |s| s.title.clone())
        };
        let mut through = Vec::new();
        let mut arrows_through = 0;
        let mut found = Vec::new();
        for (edge, line) in scene.edges.iter().zip(&polylines) {
            // The skills an arrow may touch: its ends, and all of a source group.
            let mut allowed = vec![edge.target];
            let from = match edge.source {
                EdgeSource::Skill(skill) => {
                    allowed.push(skill);
                    title(skill)
                }
                EdgeSource::Group(group) => {
                    let group = roadmap.pick_one_groups.get(group);
                    let members = group.map(|g| g.skills.as_slice()).unwrap_or_default();
                    allowed.extend(members.iter().filter_map(|m| index_of.get(m.as_str())));
                    group.map_or_else(String::new, |g| g.title.clone())
                }
            };
            let mut passed: Vec<usize> = Vec::new();
            for pair in line.windows(2) {
                let &[a, b] = pair else {
                    continue;
                };
                scene.skills_in(Rect::from_two_pos(a, b).expand(1.0), &mut found);
                for &skill in &found {
                    let skill = skill as usize;
                    if allowed.contains(&skill) || passed.contains(&skill) {
                        continue;
                    }
                    if (scene.node_rect(skill))
                        .is_some_and(|rect| segment_meets(a, b, rect.shrink(0.5)))
                    {
                        passed.push(skill);
                    }
                }
            }
            arrows_through += usize::from(!passed.is_empty());
            for skill in passed {
                through.push((from.clone(), title(edge.target), title(skill)));
            }
        }
        let [x0, y0, x1, y1] = layout.bounds;
        let bounds = Rect::from_min_max(Pos2::new(x0, y0), Pos2::new(x1, y1));
        Self {
            skills: roadmap.skills.len(),
            links: (roadmap.skills.iter())
                .flat_map(|skill| &skill.requires)
                .map(|required| roadmap.group(required).map_or(1, |g| g.skills.len()))
                .sum(),
            arrows: scene.edges.len(),
            width: x1 - x0,
            height: y1 - y0,
            fit_zoom: zoom_to_show(fit_view(bounds, DEFAULT_CANVAS), DEFAULT_CANVAS),
            crossings: crossings(scene, &polylines),
            through,
            arrows_through,
        }
    }

    pub fn aspect(&self) -> f32 {
        self.width / self.height.max(1.0)
    }

    pub fn crossings_per_arrow(&self) -> f32 {
        self.crossings as f32 / self.arrows.max(1) as f32
    }
}

/// Pairs of arrows whose lines cross, leaving out pairs with the same source or target.
/// Chords are filed in a grid so only near ones are compared.
fn crossings(scene: &SceneIndex, polylines: &[Vec<Pos2>]) -> usize {
    const CELL: f32 = 256.0;
    let cell = |p: Pos2| ((p.x / CELL).floor() as i32, (p.y / CELL).floor() as i32);
    let mut grid: HashMap<(i32, i32), Vec<(u32, u32)>> = HashMap::default();
    for (arrow, line) in polylines.iter().enumerate() {
        for (chord, pair) in line.windows(2).enumerate() {
            let &[p, q] = pair else {
                continue;
            };
            let (a, b) = (cell(p.min(q)), cell(p.max(q)));
            for x in a.0..=b.0 {
                for y in a.1..=b.1 {
                    grid.entry((x, y))
                        .or_default()
                        .push((arrow as u32, chord as u32));
                }
            }
        }
    }
    let chord = |arrow: u32, index: u32| -> Option<(Pos2, Pos2)> {
        let line = polylines.get(arrow as usize)?;
        Some((*line.get(index as usize)?, *line.get(index as usize + 1)?))
    };
    let mut crossing: HashSet<(u32, u32)> = HashSet::default();
    for chords in grid.values() {
        for (i, &(a, ca)) in chords.iter().enumerate() {
            for &(b, cb) in chords.get(i + 1..).unwrap_or_default() {
                let pair = (a.min(b), a.max(b));
                if a == b || crossing.contains(&pair) {
                    continue;
                }
                let (Some(ea), Some(eb)) =
                    (scene.edges.get(a as usize), scene.edges.get(b as usize))
                else {
                    continue;
                };
                if ea.source == eb.source || ea.target == eb.target {
                    continue;
                }
                if let (Some((p, q)), Some((r, s))) = (chord(a, ca), chord(b, cb))
                    && segments_cross(p, q, r, s)
                {
                    crossing.insert(pair);
                }
            }
        }
    }
    crossing.len()
}

fn cross(o: Pos2, a: Pos2, b: Pos2) -> f32 {
    (a - o).x * (b - o).y - (a - o).y * (b - o).x
}

/// Whether two segments cross at a point inside both (touching ends do not count).
fn segments_cross(p: Pos2, q: Pos2, r: Pos2, s: Pos2) -> bool {
    let (d1, d2) = (cross(r, s, p), cross(r, s, q));
    let (d3, d4) = (cross(p, q, r), cross(p, q, s));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_meets_a_box_it_crosses_and_not_one_it_passes() {
        let rect = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(10.0, 10.0));
        assert!(segment_meets(
            Pos2::new(-5.0, 5.0),
            Pos2::new(15.0, 5.0),
            rect
        ));
        assert!(segment_meets(
            Pos2::new(5.0, 5.0),
            Pos2::new(6.0, 6.0),
            rect
        ));
        assert!(!segment_meets(
            Pos2::new(-5.0, 12.0),
            Pos2::new(15.0, 12.0),
            rect
        ));
        assert!(!segment_meets(
            Pos2::new(-5.0, 0.0),
            Pos2::new(0.0, -5.0),
            rect
        ));
        assert!(segments_cross(
            Pos2::new(0.0, 0.0),
            Pos2::new(2.0, 2.0),
            Pos2::new(0.0, 2.0),
            Pos2::new(2.0, 0.0)
        ));
        assert!(!segments_cross(
            Pos2::new(0.0, 0.0),
            Pos2::new(2.0, 2.0),
            Pos2::new(2.0, 2.0),
            Pos2::new(3.0, 0.0)
        ));
    }
}
