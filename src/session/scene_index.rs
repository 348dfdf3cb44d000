//! Where skills and prerequisite arrows are on the canvas, indexed so that a frame only
//! looks at what is in view. Built once per roadmap change, from the roadmap and its layout;
//! the canvas asks it which skills and arrows meet the visible rectangle.
//!
//! The index is a uniform grid. A skill is filed under the cell of its top-left corner (a
//! node is smaller than a cell, so a query widened by one node size finds it). An arrow is
//! filed under every cell its bounding box covers and reported only from the first cell the
//! box and the query share, so no arrow comes back twice; arrows that would cover many
//! cells are kept apart in a short list checked one by one.

use foldhash::HashMap;

use emath::{Pos2, Rect, Vec2};

use crate::model::Roadmap;
pub use crate::session::layout::{EdgeSource, Piece, cubic_point, node_rect, pieces};
use crate::session::layout::{
    GROUP_MARGIN, GROUP_TITLE_SPACE, Layout, NODE_HEIGHT, NODE_WIDTH, group_port,
};

/// The side of a grid cell, in scene units: a few nodes across.
const CELL_SIZE: f32 = 1024.0;
/// Arrows whose box covers more cells than this are checked one by one instead.
const MAX_EDGE_CELLS: i64 = 16;
/// How far an arrow's curve may bulge out of the box between its ends.
pub const EDGE_MARGIN: f32 = 60.0;

/// One prerequisite arrow: from what is required to the skill that requires it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    pub source: EdgeSource,
    /// The index of the skill that requires the source.
    pub target: usize,
    pub from: Pos2,
    pub to: Pos2,
    /// Where its path is in `SceneIndex::path_points`: from `from` to `to` through the
    /// layout's waypoints, or just those two when it was not routed.
    path: (u32, u32),
}

type Cell = (i32, i32);

#[derive(Clone, Debug, PartialEq)]
pub struct SceneIndex {
    /// Which build this is, for pictures kept from earlier frames.
    generation: Generation,
    pub edges: Vec<Edge>,
    /// The points of every arrow's path, one after another (see `Edge::path`).
    path_points: Vec<Pos2>,
    /// The frame around each pick-one group's members, indexed like `pick_one_groups`.
    pub group_rects: Vec<Option<Rect>>,
    /// For each skill, the skills that require it directly (or through its group).
    pub dependents: Vec<Vec<usize>>,
    /// For each skill, the skills it requires (a group stands for its members).
    pub requirements: Vec<Vec<usize>>,
    node_rects: Vec<Rect>,
    /// Each arrow's box and the first cell it is filed under.
    edge_bounds: Vec<Rect>,
    edge_first_cells: Vec<Cell>,
    /// A box around every node and arrow: a view holding it sees everything.
    extent: Rect,
    node_cells: HashMap<Cell, Vec<u32>>,
    edge_cells: HashMap<Cell, Vec<u32>>,
    long_edges: Vec<u32>,
}

/// Which build of a scene index this is, unique in the process: a picture of the scene
/// kept from an earlier frame is right while the index it was drawn from has the same
/// generation. Not part of what the index holds, so indices that hold the same compare
/// equal whatever their generations.
#[derive(Clone, Copy, Debug)]
pub struct Generation(u64);

impl Generation {
    fn next() -> Self {
        static BUILT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Self(BUILT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

impl PartialEq for Generation {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

fn cell_of(point: Pos2) -> Cell {
    // Saturating float-to-int casts: far-off hand positions land in the edge cells.
    (
        (point.x / CELL_SIZE).floor() as i32,
        (point.y / CELL_SIZE).floor() as i32,
    )
}

impl SceneIndex {
    pub fn build(roadmap: &Roadmap, layout: &Layout) -> Self {
        let index_of: HashMap<&str, usize> = roadmap
            .skills
            .iter()
            .enumerate()
            .map(|(index, skill)| (skill.id.as_str(), index))
            .collect();
        let node_rects: Vec<Rect> = layout
            .node_positions
            .iter()
            .map(|position| node_rect(*position))
            .collect();
        let group_rects: Vec<Option<Rect>> = roadmap
            .pick_one_groups
            .iter()
            .map(|group| {
                group
                    .skills
                    .iter()
                    .filter_map(|member| index_of.get(member.as_str()))
                    .filter_map(|&index| node_rects.get(index))
                    .copied()
                    .reduce(|a, b| a.union(b))
                    .map(|rect| {
                        Rect::from_min_max(
                            rect.min - Vec2::new(GROUP_MARGIN, GROUP_TITLE_SPACE),
                            rect.max + Vec2::splat(GROUP_MARGIN),
                        )
                    })
            })
            .collect();
        // Where an arrow from a group leaves it, when the layout did not route it.
        let group_ports: Vec<Option<Pos2>> = (roadmap.pick_one_groups.iter())
            .map(|group| {
                let members: Vec<usize> = (group.skills.iter())
                    .filter_map(|member| index_of.get(member.as_str()).copied())
                    .collect();
                group_port(&members, &node_rects)
            })
            .collect();
        let group_index: HashMap<&str, usize> = roadmap
            .pick_one_groups
            .iter()
            .enumerate()
            .map(|(index, group)| (group.id.as_str(), index))
            .collect();

        let mut edges = Vec::new();
        let mut path_points = Vec::new();
        let mut dependents = vec![Vec::new(); roadmap.skills.len()];
        let mut requirements = vec![Vec::new(); roadmap.skills.len()];
        for (target, skill) in roadmap.skills.iter().enumerate() {
            let Some(target_rect) = node_rects.get(target) else {
                continue;
            };
            for required in &skill.requires {
                let (source, source_rect) = if let Some(&group) = group_index.get(required.as_str())
                {
                    let members = roadmap
                        .pick_one_groups
                        .get(group)
                        .map(|g| g.skills.as_slice())
                        .unwrap_or_default();
                    for member in members {
                        if let Some(&member) = index_of.get(member.as_str()) {
                            if let Some(list) = requirements.get_mut(target) {
                                push_unique(list, member);
                            }
                            if let Some(list) = dependents.get_mut(member) {
                                push_unique(list, target);
                            }
                        }
                    }
                    let Some(rect) = group_rects.get(group).copied().flatten() else {
                        continue;
                    };
                    (EdgeSource::Group(group), rect)
                } else if let Some(&source) = index_of.get(required.as_str()) {
                    if let Some(list) = requirements.get_mut(target) {
                        push_unique(list, source);
                    }
                    if let Some(list) = dependents.get_mut(source) {
                        push_unique(list, target);
                    }
                    let Some(rect) = node_rects.get(source).copied() else {
                        continue;
                    };
                    (EdgeSource::Skill(source), rect)
                } else {
                    continue;
                };
                let start = path_points.len() as u32;
                let route = layout.routes.get(&(source, target)).map(Vec::as_slice);
                let (from, to) = match route {
                    Some(route @ [first, .., last]) => {
                        path_points.extend_from_slice(route);
                        (*first, *last)
                    }
                    _ => {
                        let from = match source {
                            EdgeSource::Group(group) => group_ports.get(group).copied().flatten(),
                            EdgeSource::Skill(_) => None,
                        };
                        let from = from.unwrap_or(source_rect.right_center());
                        let ends = (from, target_rect.left_center());
                        path_points.extend([ends.0, ends.1]);
                        ends
                    }
                };
                edges.push(Edge {
                    source,
                    target,
                    from,
                    to,
                    path: (start, path_points.len() as u32),
                });
            }
        }

        let mut node_cells: HashMap<Cell, Vec<u32>> = HashMap::default();
        for (index, rect) in node_rects.iter().enumerate() {
            node_cells
                .entry(cell_of(rect.min))
                .or_default()
                .push(index as u32);
        }
        let edge_bounds: Vec<Rect> = (edges.iter())
            .map(|edge| edge_bounds(edge, &path_points))
            .collect();
        let edge_first_cells: Vec<Cell> = edge_bounds.iter().map(|b| cell_of(b.min)).collect();
        let extent = node_rects
            .iter()
            .chain(&edge_bounds)
            .fold(Rect::NOTHING, |extent, rect| extent.union(*rect));
        let mut edge_cells: HashMap<Cell, Vec<u32>> = HashMap::default();
        let mut long_edges = Vec::new();
        for (index, bounds) in edge_bounds.iter().enumerate() {
            let (min, max) = (cell_of(bounds.min), cell_of(bounds.max));
            let covered = (i64::from(max.0) - i64::from(min.0) + 1)
                * (i64::from(max.1) - i64::from(min.1) + 1);
            if covered > MAX_EDGE_CELLS {
                long_edges.push(index as u32);
                continue;
            }
            for x in min.0..=max.0 {
                for y in min.1..=max.1 {
                    edge_cells.entry((x, y)).or_default().push(index as u32);
                }
            }
        }
        Self {
            generation: Generation::next(),
            edges,
            path_points,
            group_rects,
            dependents,
            requirements,
            node_rects,
            edge_bounds,
            edge_first_cells,
            extent,
            node_cells,
            edge_cells,
            long_edges,
        }
    }

    /// Which build of the index this is: another build, even of the same roadmap, has
    /// another.
    pub fn generation(&self) -> u64 {
        self.generation.0
    }

    /// Whether `view` shows most of the roadmap: then one pass over everything is cheaper
    /// than walking cells.
    fn covers_most(&self, view: Rect) -> bool {
        let shown = view.intersect(self.extent);
        shown.is_positive() && shown.area() * 2.0 >= self.extent.area()
    }

    /// The points of an arrow's path, from where it starts to the tip of its head.
    pub fn path(&self, edge: &Edge) -> &[Pos2] {
        let (start, end) = edge.path;
        self.path_points
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// A box that holds the whole arrow, curve and head.
    pub fn edge_bounds(&self, edge: &Edge) -> Rect {
        edge_bounds(edge, &self.path_points)
    }

    /// The rectangle of skill `index`.
    pub fn node_rect(&self, index: usize) -> Option<Rect> {
        self.node_rects.get(index).copied()
    }

    /// The topmost skill whose node holds `point` (the last drawn: the highest index).
    pub fn skill_at(&self, point: Pos2) -> Option<usize> {
        let min = cell_of(point - Vec2::new(NODE_WIDTH, NODE_HEIGHT));
        let mut found = None;
        visit_cells(&self.node_cells, min, cell_of(point), |_, indices| {
            for &index in indices {
                let index = index as usize;
                if self
                    .node_rects
                    .get(index)
                    .is_some_and(|r| r.contains(point))
                    && found.is_none_or(|f| index > f)
                {
                    found = Some(index);
                }
            }
        });
        found
    }

    /// Fills `out` with the indices of the skills whose node meets `view`, in roadmap order.
    pub fn skills_in(&self, view: Rect, out: &mut Vec<u32>) {
        out.clear();
        if !view.is_positive() {
            return;
        }
        let meets_view = |index: &u32| {
            self.node_rects
                .get(*index as usize)
                .is_some_and(|rect| rect.intersects(view))
        };
        if self.covers_most(view) {
            out.extend((0..self.node_rects.len() as u32).filter(meets_view));
            return;
        }
        // A node is filed under its top-left corner, so look one node size up and left.
        let min = cell_of(view.min - Vec2::new(NODE_WIDTH, NODE_HEIGHT));
        visit_cells(&self.node_cells, min, cell_of(view.max), |_, indices| {
            out.extend(indices.iter().copied().filter(meets_view));
        });
        out.sort_unstable();
    }

    /// Fills `out` with the indices (into `edges`) of the arrows whose box meets `view`,
    /// in no particular order.
    pub fn edges_in(&self, view: Rect, out: &mut Vec<u32>) {
        out.clear();
        if !view.is_positive() {
            return;
        }
        let meets_view = |index: u32| {
            self.edge_bounds
                .get(index as usize)
                .is_some_and(|bounds| bounds.intersects(view))
        };
        if self.covers_most(view) {
            out.extend((0..self.edges.len() as u32).filter(|&index| meets_view(index)));
            return;
        }
        let min = cell_of(view.min);
        visit_cells(&self.edge_cells, min, cell_of(view.max), |cell, indices| {
            for &index in indices {
                let Some(first) = self.edge_first_cells.get(index as usize) else {
                    continue;
                };
                // Report each arrow once: from the first cell it shares with the view.
                if (first.0.max(min.0), first.1.max(min.1)) == cell && meets_view(index) {
                    out.push(index);
                }
            }
        });
        out.extend(
            self.long_edges
                .iter()
                .copied()
                .filter(|&index| meets_view(index)),
        );
    }
}

/// Calls `visit` for each filled cell from `min` to `max` (inclusive). Walks the range when
/// it is smaller than the grid, else the grid: a far-zoomed view costs no more than the grid.
fn visit_cells<'a>(
    cells: &'a HashMap<Cell, Vec<u32>>,
    min: Cell,
    max: Cell,
    mut visit: impl FnMut(Cell, &'a [u32]),
) {
    let width = i64::from(max.0) - i64::from(min.0) + 1;
    let height = i64::from(max.1) - i64::from(min.1) + 1;
    if width <= 0 || height <= 0 {
        return;
    }
    if width.saturating_mul(height) > cells.len() as i64 {
        for (cell, indices) in cells {
            if (min.0..=max.0).contains(&cell.0) && (min.1..=max.1).contains(&cell.1) {
                visit(*cell, indices);
            }
        }
    } else {
        for x in min.0..=max.0 {
            for y in min.1..=max.1 {
                if let Some(indices) = cells.get(&(x, y)) {
                    visit((x, y), indices);
                }
            }
        }
    }
}

/// A box around an arrow: a routed one stays in the box of its points (its curves span at
/// least 80 units across); a direct one may bulge out of the box of its ends.
fn edge_bounds(edge: &Edge, path_points: &[Pos2]) -> Rect {
    let points = path_points
        .get(edge.path.0 as usize..edge.path.1 as usize)
        .unwrap_or_default();
    let margin = if points.len() > 2 { 10.0 } else { EDGE_MARGIN };
    Rect::from_points(points).expand(margin)
}

fn push_unique(list: &mut Vec<usize>, value: usize) {
    if !list.contains(&value) {
        list.push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Rng, generate};

    /// The answers of the grid equal looking at everything, for views of every size.
    #[test]
    fn queries_match_a_scan_of_everything() {
        let (mut roadmap, _) = generate(2_000, 7);
        // Some hand-placed skills far off and at negative positions.
        for (i, skill) in roadmap.skills.iter_mut().enumerate().step_by(97) {
            skill.position = Some((-50_000.0 + i as f32 * 13.0, 90_000.0 - i as f32 * 7.0));
        }
        let layout = Layout::compute(&roadmap);
        let index = SceneIndex::build(&roadmap, &layout);
        let [x0, y0, x1, y1] = layout.bounds;
        let everything = Rect::from_min_max(Pos2::new(-1e7, -1e7), Pos2::new(1e7, 1e7));
        let (mut all_skills, mut all_edges) = (Vec::new(), Vec::new());
        index.skills_in(everything, &mut all_skills);
        index.edges_in(everything, &mut all_edges);
        assert_eq!(all_skills.len(), roadmap.skills.len());
        assert_eq!(all_edges.len(), index.edges.len());
        // Views that start inside a node, so it crosses their top-left corner, whatever cell
        // the node is filed under.
        for (i, position) in layout.node_positions.iter().enumerate() {
            let corner = node_rect(*position).max - Vec2::splat(5.0);
            index.skills_in(
                Rect::from_min_size(corner, Vec2::splat(300.0)),
                &mut all_skills,
            );
            assert!(all_skills.contains(&(i as u32)), "skill {i} at its corner");
        }
        let mut rng = Rng(99);
        let (mut skills, mut edges) = (Vec::new(), Vec::new());
        for _ in 0..300 {
            let span = |lo: f32, hi: f32, rng: &mut Rng| {
                lo - 2_000.0 + (rng.below(1_000) as f32 / 1_000.0) * (hi - lo + 4_000.0)
            };
            let a = Pos2::new(span(x0, x1, &mut rng), span(y0, y1, &mut rng));
            let size = Vec2::new(
                50.0 + rng.below(40_000) as f32,
                50.0 + rng.below(25_000) as f32,
            );
            let view = Rect::from_min_size(a, size);
            index.skills_in(view, &mut skills);
            let expected: Vec<u32> = (0..layout.node_positions.len() as u32)
                .filter(|&i| node_rect(layout.node_positions[i as usize]).intersects(view))
                .collect();
            assert_eq!(skills, expected, "skills in {view:?}");
            index.edges_in(view, &mut edges);
            edges.sort_unstable();
            let expected: Vec<u32> = (0..index.edges.len() as u32)
                .filter(|&i| index.edge_bounds(&index.edges[i as usize]).intersects(view))
                .collect();
            assert_eq!(edges, expected, "edges in {view:?}");

            let point = view.center();
            let expected = (0..layout.node_positions.len())
                .rev()
                .find(|&i| node_rect(layout.node_positions[i]).contains(point));
            assert_eq!(index.skill_at(point), expected);
        }
    }

    #[test]
    fn edges_follow_requirements_and_groups() {
        let roadmap = crate::files::bundled::BACKEND_DEVELOPER
            .load()
            .expect("the bundled roadmap loads");
        let layout = Layout::compute(&roadmap);
        let index = SceneIndex::build(&roadmap, &layout);
        assert_eq!(index.edges.len(), roadmap.edge_count());
        for (i, skill) in roadmap.skills.iter().enumerate() {
            let dependents: Vec<&str> = index.dependents[i]
                .iter()
                .map(|&d| roadmap.skills[d].id.as_str())
                .collect();
            let mut expected: Vec<&str> = roadmap
                .dependents_of(&skill.id)
                .map(|s| s.id.as_str())
                .collect();
            let mut sorted = dependents.clone();
            sorted.sort_unstable();
            expected.sort_unstable();
            assert_eq!(sorted, expected, "dependents of {}", skill.id);
        }
    }
}
