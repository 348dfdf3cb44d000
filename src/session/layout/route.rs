//! Arrows around skills placed anywhere: where a skill was moved by hand, the layered
//! routes no longer hold, so each arrow that would pass through a skill is routed again,
//! orthogonally, through the free space between the skills near it (a shortest path with
//! few bends on the grid of lines along the skills' sides, as orthogonal connector
//! routers do).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use emath::{Pos2, Rect, Vec2};

use foldhash::HashMap;

use super::{EdgeSource, GROUP_MARGIN, GROUP_TITLE_SPACE, node_rect, pieces, segment_meets};
use crate::model::Roadmap;

/// How far a routed arrow keeps from a skill.
const CLEARANCE: f32 = 8.0;
/// The lines of the grid run this far beyond a skill's sides.
const LANE: f32 = 14.0;
/// What a bend costs, in scene units of length: few bends read better than a short path.
const BEND: f32 = 80.0;
/// How far around its ends an arrow may go to get past what is in the way.
const DETOUR: f32 = 400.0;
/// Past this many skills near an arrow, it is left straight: the search would be slow.
const MAX_OBSTACLES: usize = 400;

/// Past this many skills, arrows are not checked: hand-placed skills in a roadmap of
/// thousands keep straight arrows.
const MAX_CHECKED_SKILLS: usize = 3_000;
/// At most this many arrows are routed again in one layout, and at most this much
/// searching (grid points times skills in the way, summed) is spent on them: skills
/// heaped anywhere by hand, or packed columns of a thousand skills, cannot make a layout
/// take more than some tens of milliseconds (40,000,000 took half a second for a
/// generated roadmap of 1,000 skills; connecting three skills in the bundled one, which
/// pins most of them, needs over 1,000,000).
const MAX_REROUTED: usize = 800;
const MAX_SEARCH: usize = 4_000_000;
/// Chords per curve when checking an arrow against skills.
const CHECK_CHORDS: usize = 16;

/// Routes again every arrow whose path (a layered route, or straight from end to end)
/// passes through a skill it does not connect, as skills now stand.
pub(super) fn repair(
    roadmap: &Roadmap,
    positions: &[[f32; 2]],
    routes: &mut HashMap<(EdgeSource, usize), Vec<Pos2>>,
) {
    if roadmap.skills.len() > MAX_CHECKED_SKILLS {
        return;
    }
    let rects: Vec<Rect> = positions.iter().map(|&p| node_rect(p)).collect();
    let index_of: HashMap<&str, usize> = (roadmap.skills.iter().enumerate())
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let cells = Cells::of(&rects);
    let mut budget = MAX_REROUTED;
    let mut search = MAX_SEARCH;
    let mut chord_points = Vec::new();
    for (target, skill) in roadmap.skills.iter().enumerate() {
        let Some(target_rect) = rects.get(target) else {
            continue;
        };
        for required in &skill.requires {
            let group =
                (roadmap.pick_one_groups.iter().enumerate()).find(|(_, g)| &g.id == required);
            let (source, from, allowed) = if let Some((group_index, group)) = group {
                let members: Vec<usize> = (group.skills.iter())
                    .filter_map(|m| index_of.get(m.as_str()).copied())
                    .collect();
                let Some(from) = group_port(&members, &rects) else {
                    continue;
                };
                (EdgeSource::Group(group_index), from, members)
            } else if let Some(&source) = index_of.get(required.as_str())
                && let Some(rect) = rects.get(source)
            {
                (EdgeSource::Skill(source), rect.right_center(), vec![source])
            } else {
                continue;
            };
            let to = target_rect.left_center();
            let key = (source, target);
            let direct = [from, to];
            let path = routes.get(&key).map_or(&direct[..], Vec::as_slice);
            let blocked = pieces(path).any(|piece| {
                chord_points.clear();
                piece.points(CHECK_CHORDS, &mut chord_points);
                chord_points.windows(2).any(|pair| {
                    let &[a, b] = pair else {
                        return false;
                    };
                    cells.near(Rect::from_two_pos(a, b)).any(|skill| {
                        skill != target
                            && !allowed.contains(&skill)
                            && rects
                                .get(skill)
                                .is_some_and(|rect| segment_meets(a, b, rect.shrink(0.5)))
                    })
                })
            });
            if !blocked {
                if matches!(source, EdgeSource::Group(_)) && !routes.contains_key(&key) {
                    // Straight, but from the group's port rather than its middle.
                    routes.insert(key, direct.to_vec());
                }
                continue;
            }
            if budget == 0 {
                return;
            }
            budget -= 1;
            if let Some(path) = around(from, to, &rects, &mut search) {
                routes.insert(key, path);
            }
        }
    }
}

/// Where arrows leave a pick-one group's frame: its right border, in the gap between the
/// two members nearest its middle (level with a member, an arrow would seem to come from
/// it), or beside its title when it has one member.
pub fn group_port(members: &[usize], rects: &[Rect]) -> Option<Pos2> {
    let mut shown: Vec<Rect> = members
        .iter()
        .filter_map(|&m| rects.get(m).copied())
        .collect();
    shown.sort_by(|a, b| a.min.y.total_cmp(&b.min.y));
    let frame = shown.iter().copied().reduce(|a, b| a.union(b))?;
    let x = frame.max.x + GROUP_MARGIN;
    let middle = shown.len() / 2;
    let y = match (
        middle.checked_sub(1).and_then(|i| shown.get(i)),
        shown.get(middle),
    ) {
        (Some(above), Some(below)) if below.min.y > above.max.y => {
            (above.max.y + below.min.y) / 2.0
        }
        _ => frame.min.y - GROUP_TITLE_SPACE / 2.0,
    };
    Some(Pos2::new(x, y))
}

/// Skills filed by the cells of a coarse grid they cover.
struct Cells {
    cells: HashMap<(i32, i32), Vec<usize>>,
}

impl Cells {
    const SIZE: f32 = 512.0;

    fn cell(point: Pos2) -> (i32, i32) {
        (
            (point.x / Self::SIZE).floor() as i32,
            (point.y / Self::SIZE).floor() as i32,
        )
    }

    fn of(rects: &[Rect]) -> Self {
        let mut cells: HashMap<(i32, i32), Vec<usize>> = HashMap::default();
        for (index, rect) in rects.iter().enumerate() {
            let (a, b) = (Self::cell(rect.min), Self::cell(rect.max));
            for x in a.0..=b.0.min(a.0 + 4) {
                for y in a.1..=b.1.min(a.1 + 4) {
                    cells.entry((x, y)).or_default().push(index);
                }
            }
        }
        Self { cells }
    }

    /// The skills filed in the cells `area` covers (a skill may come more than once).
    fn near(&self, area: Rect) -> impl Iterator<Item = usize> + '_ {
        let (a, b) = (Self::cell(area.min), Self::cell(area.max));
        let (b0, b1) = (b.0.min(a.0 + 64), b.1.min(a.1 + 64));
        (a.0..=b0)
            .flat_map(move |x| (a.1..=b1).map(move |y| (x, y)))
            .filter_map(|cell| self.cells.get(&cell))
            .flatten()
            .copied()
    }
}

/// A path from `from` (leaving rightwards) to `to` (arriving rightwards) that keeps
/// `CLEARANCE` from every rectangle of `near`, or None when there is none within reach.
/// The path starts and ends with a level stub, so the arrow leaves and enters its ends
/// as a laid-out one does. The search's size is taken from `search`; None when it would
/// need more than is left.
pub(super) fn around(from: Pos2, to: Pos2, near: &[Rect], search: &mut usize) -> Option<Vec<Pos2>> {
    let start = from + Vec2::new(GROUP_MARGIN, 0.0);
    let end = to - Vec2::new(GROUP_MARGIN, 0.0);
    let region = Rect::from_two_pos(start, end).expand(DETOUR);
    let obstacles: Vec<Rect> = (near.iter())
        .map(|rect| rect.expand(CLEARANCE))
        .filter(|rect| rect.intersects(region))
        .collect();
    if obstacles.len() > MAX_OBSTACLES
        || obstacles
            .iter()
            .any(|o| inside(*o, start) || inside(*o, end))
    {
        return None;
    }
    let mut xs = vec![start.x, end.x, region.min.x, region.max.x];
    let mut ys = vec![start.y, end.y, region.min.y, region.max.y];
    for o in &obstacles {
        xs.extend([o.min.x - LANE + CLEARANCE, o.max.x + LANE - CLEARANCE]);
        ys.extend([o.min.y - LANE + CLEARANCE, o.max.y + LANE - CLEARANCE]);
    }
    for lines in [&mut xs, &mut ys] {
        lines.retain(|v| v.is_finite());
        lines.sort_by(f32::total_cmp);
        lines.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    }
    let size = (xs.len() * ys.len()).saturating_mul(obstacles.len().max(1));
    *search = search.checked_sub(size)?;
    let grid = Grid {
        xs: &xs,
        ys: &ys,
        obstacles: &obstacles,
    };
    let path = grid.shortest(start, end)?;
    let mut points = vec![from];
    points.extend(path);
    points.push(to);
    Some(simplified(points))
}

fn inside(rect: Rect, point: Pos2) -> bool {
    rect.min.x < point.x && point.x < rect.max.x && rect.min.y < point.y && point.y < rect.max.y
}

/// Drops points in the middle of a straight run.
fn simplified(points: Vec<Pos2>) -> Vec<Pos2> {
    let mut out: Vec<Pos2> = Vec::with_capacity(points.len());
    for point in points {
        if out.last().is_some_and(|last| last.distance(point) < 0.01) {
            continue;
        }
        if let [.., a, b] = out.as_slice() {
            let level = (a.y - b.y).abs() < 0.01 && (b.y - point.y).abs() < 0.01;
            let upright = (a.x - b.x).abs() < 0.01 && (b.x - point.x).abs() < 0.01;
            if level || upright {
                out.pop();
            }
        }
        out.push(point);
    }
    out
}

/// The grid of lines through the ends and along every obstacle's sides.
struct Grid<'a> {
    xs: &'a [f32],
    ys: &'a [f32],
    obstacles: &'a [Rect],
}

impl Grid<'_> {
    fn point(&self, i: usize, j: usize) -> Option<Pos2> {
        Some(Pos2::new(*self.xs.get(i)?, *self.ys.get(j)?))
    }

    /// Whether the straight run between two grid points crosses no obstacle.
    fn clear(&self, a: Pos2, b: Pos2) -> bool {
        let run = Rect::from_two_pos(a, b);
        !self.obstacles.iter().any(|o| {
            run.min.x < o.max.x && o.min.x < run.max.x && run.min.y < o.max.y && o.min.y < run.max.y
                || inside(*o, a)
                || inside(*o, b)
        })
    }

    /// Dijkstra over (grid point, last direction), a bend costing `BEND`; the path must
    /// leave `start` and reach `end` level.
    fn shortest(&self, start: Pos2, end: Pos2) -> Option<Vec<Pos2>> {
        let find = |lines: &[f32], v: f32| lines.iter().position(|l| (l - v).abs() < 0.5);
        let (si, sj) = (find(self.xs, start.x)?, find(self.ys, start.y)?);
        let (ei, ej) = (find(self.xs, end.x)?, find(self.ys, end.y)?);
        let (width, height) = (self.xs.len(), self.ys.len());
        // State: (i, j, level?) as one index.
        let state = |i: usize, j: usize, level: bool| (j * width + i) * 2 + usize::from(level);
        let count = width * height * 2;
        let mut cost = vec![f32::INFINITY; count];
        let mut from: Vec<usize> = vec![usize::MAX; count];
        let mut queue = BinaryHeap::new();
        let first = state(si, sj, true);
        *cost.get_mut(first)? = 0.0;
        queue.push((Reverse(Ordered(0.0)), si, sj, true));
        let mut reached = None;
        while let Some((Reverse(Ordered(so_far)), i, j, level)) = queue.pop() {
            let here = state(i, j, level);
            if so_far > cost.get(here).copied().unwrap_or(f32::INFINITY) {
                continue;
            }
            if (i, j) == (ei, ej) && level {
                reached = Some(here);
                break;
            }
            let point = self.point(i, j)?;
            let steps: [(isize, isize, bool); 4] =
                [(1, 0, true), (-1, 0, true), (0, 1, false), (0, -1, false)];
            for (di, dj, goes_level) in steps {
                let (Some(ni), Some(nj)) = (i.checked_add_signed(di), j.checked_add_signed(dj))
                else {
                    continue;
                };
                let Some(next) = self.point(ni, nj) else {
                    continue;
                };
                if !self.clear(point, next) {
                    continue;
                }
                let turn = if goes_level == level { 0.0 } else { BEND };
                let total = so_far + point.distance(next) + turn;
                let there = state(ni, nj, goes_level);
                if total < cost.get(there).copied().unwrap_or(0.0) {
                    *cost.get_mut(there)? = total;
                    *from.get_mut(there)? = here;
                    queue.push((Reverse(Ordered(total)), ni, nj, goes_level));
                }
            }
        }
        let mut at = reached?;
        let mut path = Vec::new();
        loop {
            let cell = at / 2;
            path.push(self.point(cell % width, cell / width)?);
            let previous = from.get(at).copied()?;
            if previous == usize::MAX {
                break;
            }
            at = previous;
        }
        path.reverse();
        Some(path)
    }
}

/// An f32 that orders (costs are never NaN).
#[derive(Clone, Copy, PartialEq)]
struct Ordered(f32);

impl Eq for Ordered {}

impl PartialOrd for Ordered {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ordered {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arrow_goes_around_a_skill_in_its_way() {
        let block = Rect::from_min_size(Pos2::new(100.0, -30.0), Vec2::new(220.0, 60.0));
        let mut search = MAX_SEARCH;
        let path = around(
            Pos2::new(0.0, 0.0),
            Pos2::new(500.0, 0.0),
            &[block],
            &mut search,
        );
        let path = path.unwrap();
        assert_eq!(path.first(), Some(&Pos2::new(0.0, 0.0)));
        assert_eq!(path.last(), Some(&Pos2::new(500.0, 0.0)));
        for pair in path.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(
                a.x == b.x || a.y == b.y,
                "{a:?} {b:?} is not level or upright"
            );
            let run = Rect::from_two_pos(a, b);
            assert!(!run.intersects(block), "{a:?} -> {b:?} crosses the skill");
        }
        // Around it, with two bends each way and no more.
        assert_eq!(path.len(), 6, "{path:?}");
        // With no search left, it is left straight.
        let mut none_left = 10;
        assert_eq!(
            around(
                Pos2::new(0.0, 0.0),
                Pos2::new(500.0, 0.0),
                &[block],
                &mut none_left
            ),
            None
        );
    }

    #[test]
    fn an_arrow_back_to_the_left_loops_round_its_ends() {
        let source = Rect::from_min_size(Pos2::new(300.0, 0.0), Vec2::new(220.0, 44.0));
        let target = Rect::from_min_size(Pos2::new(0.0, 0.0), Vec2::new(220.0, 44.0));
        let ends = (source.right_center(), target.left_center());
        let mut search = MAX_SEARCH;
        let path = around(ends.0, ends.1, &[source, target], &mut search).unwrap();
        for pair in path.windows(2) {
            let run = Rect::from_two_pos(pair[0], pair[1]);
            assert!(!run.intersects(source.shrink(1.0)) && !run.intersects(target.shrink(1.0)));
        }
    }
}
