//! A layered layout, after Sugiyama and Graphviz's dot: every skill gets a layer (a column)
//! after all its prerequisites; an arrow that spans several layers gets a waypoint in each
//! layer between, so it has its own slot there and passes no skill; layers are ordered by
//! barycentre sweeps and sifting to cross few arrows; heights are set so that arrows
//! run as level as the order allows.
//!
//! Stages are bands stacked top to bottom in the roadmap's order; a layer's skills are kept
//! in their stage's band. Two stages that both follow a third (as the lead and architect
//! tracks both follow senior) take the same columns after it, each in its band, so the
//! alternatives read as two branches. A pick-one group's members stand together in one
//! layer and move as one.

use emath::{Pos2, Rect};
use foldhash::HashMap;

use super::order::{End, Order};
use super::place::Placer;
use super::{
    EdgeSource, GROUP_MARGIN, GROUP_TITLE_SPACE, NODE_HEIGHT, NODE_WIDTH, STAGE_HEADER_HEIGHT,
    StageBand,
};
use super::{at, group_port, list, node_rect, put};
use crate::model::{Roadmap, SkillKind};

/// The gap between two columns, where arrows change rows: wide enough for their bends to
/// read, and to give the whole roadmap about the shape of a window.
const COLUMN_GAP: f32 = 150.0;
/// The gap between two members of a pick-one group.
const ROW_GAP: f32 = 18.0;
/// Half the least room between a skill and what stands above or below it in its column.
const NODE_MARGIN: f32 = 9.0;
/// Half the least room between two arrows passing the same column.
const WAYPOINT_MARGIN: f32 = 6.0;
/// How far a stage's background reaches beyond its skills, and the room between bands.
const BAND_MARGIN: f32 = 24.0;
const BAND_GAP: f32 = 26.0;
/// How many of a stage's skills (or groups) a layer takes from earlier layers, moved on
/// to stand by what needs them. On the bundled roadmap: unbounded, a stage's skills pile
/// up before its milestone (0.77 : 1, 2.75 crossings per arrow); 1, arrows run long
/// (3.24); 7, 0.98 : 1 and 2.77.
const LAYER_ROOM: usize = 7;
/// Deeper roadmaps would be a strip of columns: they are packed instead.
const MAX_LAYERS: usize = 64;

pub(super) struct Layered {
    pub node_positions: Vec<[f32; 2]>,
    pub stage_bands: Vec<StageBand>,
    pub routes: HashMap<(EdgeSource, usize), Vec<Pos2>>,
}

/// What is laid out as one box: a skill, or a pick-one group's members together.
struct Unit {
    members: Vec<usize>,
    group: Option<usize>,
    band: usize,
    milestone: bool,
}

/// A prerequisite arrow between two units.
struct Link {
    from: usize,
    to: usize,
    source: EdgeSource,
    target: usize,
    /// False where the arrow is drawn from a split group's frame: it orders, not routes.
    routed: bool,
}

/// The column x of a layer.
fn layer_x(layer: usize) -> f32 {
    layer as f32 * (NODE_WIDTH + COLUMN_GAP)
}

pub(super) fn compute(roadmap: &Roadmap) -> Option<Layered> {
    let index_of: HashMap<&str, usize> = (roadmap.skills.iter().enumerate())
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let band_of_skill = |index: usize| {
        (roadmap.skills.get(index))
            .and_then(|s| roadmap.stage_index(&s.stage))
            .unwrap_or(roadmap.stages.len())
    };

    // Units: each pick-one group whose members share a stage, then every other skill.
    let mut unit_of = vec![usize::MAX; roadmap.skills.len()];
    let mut units: Vec<Unit> = Vec::new();
    let mut group_unit: Vec<Option<usize>> = vec![None; roadmap.pick_one_groups.len()];
    for (group_index, group) in roadmap.pick_one_groups.iter().enumerate() {
        let mut members: Vec<usize> = Vec::new();
        for member in &group.skills {
            if let Some(&index) = index_of.get(member.as_str())
                && unit_of.get(index) == Some(&usize::MAX)
                && !members.contains(&index)
            {
                members.push(index);
            }
        }
        let Some(&first) = members.first() else {
            continue;
        };
        let band = band_of_skill(first);
        if members.len() != group.skills.len() || members.iter().any(|&m| band_of_skill(m) != band)
        {
            continue;
        }
        for &member in &members {
            put(&mut unit_of, member, units.len());
        }
        put(&mut group_unit, group_index, Some(units.len()));
        units.push(Unit {
            members,
            group: Some(group_index),
            band,
            milestone: false,
        });
    }
    for (index, skill) in roadmap.skills.iter().enumerate() {
        if unit_of.get(index) == Some(&usize::MAX) {
            put(&mut unit_of, index, units.len());
            units.push(Unit {
                members: vec![index],
                group: None,
                band: band_of_skill(index),
                milestone: skill.kind == SkillKind::Milestone,
            });
        }
    }

    let mut links = Vec::new();
    for (target, skill) in roadmap.skills.iter().enumerate() {
        let to = at(&unit_of, target);
        for required in &skill.requires {
            if let Some(group_index) = roadmap
                .pick_one_groups
                .iter()
                .position(|g| &g.id == required)
            {
                match group_unit.get(group_index).copied().flatten() {
                    Some(from) if from != to => links.push(Link {
                        from,
                        to,
                        source: EdgeSource::Group(group_index),
                        target,
                        routed: true,
                    }),
                    Some(_) => {}
                    None => {
                        let members = (roadmap.pick_one_groups.get(group_index))
                            .map(|g| g.skills.as_slice())
                            .unwrap_or_default();
                        for &member in members.iter().filter_map(|m| index_of.get(m.as_str())) {
                            links.push(Link {
                                from: at(&unit_of, member),
                                to,
                                source: EdgeSource::Group(group_index),
                                target,
                                routed: false,
                            });
                        }
                    }
                }
            } else if let Some(&source) = index_of.get(required.as_str())
                && at(&unit_of, source) != to
            {
                links.push(Link {
                    from: at(&unit_of, source),
                    to,
                    source: EdgeSource::Skill(source),
                    target,
                    routed: true,
                });
            }
        }
    }

    let layers = assign_layers(&units, &links);
    let layer_count = layers.iter().max().map_or(1, |l| l + 1);
    if layer_count > MAX_LAYERS {
        return None;
    }
    let band_count = roadmap.stages.len() + 1;

    // The layers each band's own units stand in, to keep an arrow's waypoints in a band
    // that has skills there: it runs in its source's band until its target's begins.
    let mut band_layers = vec![(usize::MAX, 0); band_count];
    for (unit, &layer) in units.iter().zip(&layers) {
        if let Some(range) = band_layers.get_mut(unit.band) {
            *range = (range.0.min(layer), range.1.max(layer));
        }
    }

    // Items: the units, then one waypoint per arrow per layer it passes.
    let mut item_layer: Vec<usize> = layers.clone();
    let mut item_band: Vec<usize> = units.iter().map(|u| u.band).collect();
    let mut item_allowed: Vec<(usize, usize)> = units.iter().map(|u| (u.band, u.band)).collect();
    let mut chains: Vec<Option<Vec<usize>>> = Vec::with_capacity(links.len());
    for link in &links {
        let (start, end) = (at(&layers, link.from), at(&layers, link.to));
        if end <= start {
            chains.push(None);
            continue;
        }
        let band_of = |unit: usize| units.get(unit).map_or(0, |u| u.band);
        let (from_band, to_band) = (band_of(link.from), band_of(link.to));
        let mut chain = vec![link.from];
        for layer in start + 1..end {
            // The band nearest the target's, on the way from the source's, that has
            // skills in this layer.
            let has_layer = |band: usize| {
                (band_layers.get(band)).is_some_and(|&(lo, hi)| (lo..=hi).contains(&layer))
            };
            let (lo, hi) = (from_band.min(to_band), from_band.max(to_band));
            let band = (lo..=hi)
                .filter(|&band| has_layer(band))
                .min_by_key(|&band| band.abs_diff(to_band))
                .unwrap_or(from_band);
            chain.push(item_layer.len());
            item_layer.push(layer);
            item_band.push(band);
            item_allowed.push((lo, hi));
        }
        chain.push(link.to);
        chains.push(Some(chain));
    }
    let item_count = item_layer.len();
    let mut left: Vec<Vec<usize>> = vec![Vec::new(); item_count];
    let mut right: Vec<Vec<usize>> = vec![Vec::new(); item_count];
    // Beside each neighbour, the arrow that leads there and where it meets either item
    // (a group's member, or its port), to count only the crossings that a reader sees.
    let mut left_ends: Vec<Vec<End>> = vec![Vec::new(); item_count];
    let mut right_ends: Vec<Vec<End>> = vec![Vec::new(); item_count];
    // Twice the row of a skill in its unit; a group's arrows leave from its middle.
    let port = |unit: usize, end: Option<usize>| {
        let members = units.get(unit).map_or(&[][..], |u| u.members.as_slice());
        match end {
            _ if members.len() < 2 => 0,
            Some(skill) => 2 * members.iter().position(|&m| m == skill).unwrap_or(0),
            None => members.len() - 1,
        }
    };
    for (chain, link) in chains.iter().zip(&links) {
        let Some(chain) = chain else {
            continue;
        };
        let from = match link.source {
            EdgeSource::Skill(skill) => skill,
            EdgeSource::Group(group) => roadmap.skills.len() + group,
        };
        let ends = (from as u32, link.target as u32);
        let last = chain.len().saturating_sub(2);
        for (step, pair) in chain.windows(2).enumerate() {
            let &[a, b] = pair else {
                continue;
            };
            let out = if step == 0 {
                let skill = match link.source {
                    EdgeSource::Skill(skill) => Some(skill),
                    EdgeSource::Group(_) => None,
                };
                port(a, skill)
            } else {
                0
            };
            let into = if step == last {
                port(b, Some(link.target))
            } else {
                0
            };
            if let (Some(list), Some(arrows)) = (right.get_mut(a), right_ends.get_mut(a)) {
                list.push(b);
                arrows.push(End {
                    ends,
                    near: out,
                    far: into,
                });
            }
            if let (Some(list), Some(arrows)) = (left.get_mut(b), left_ends.get_mut(b)) {
                list.push(a);
                arrows.push(End {
                    ends,
                    near: into,
                    far: out,
                });
            }
        }
    }

    // The first order: by band, then the file's order (a waypoint by its arrow's source).
    let mut first_key: Vec<f32> = units
        .iter()
        .map(|u| u.members.first().copied().unwrap_or(0) as f32)
        .collect();
    first_key.resize(item_count, 0.0);
    for chain in chains.iter().flatten() {
        let source_key = chain.first().map_or(0.0, |&source| at(&first_key, source));
        for &waypoint in waypoints(chain) {
            put(&mut first_key, waypoint, source_key + 0.5);
        }
    }
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (item, &layer) in item_layer.iter().enumerate() {
        if let Some(column) = columns.get_mut(layer) {
            column.push(item);
        }
    }
    for column in &mut columns {
        column.sort_by(|&a, &b| {
            (at(&item_band, a).cmp(&at(&item_band, b)))
                .then(at(&first_key, a).total_cmp(&at(&first_key, b)))
        });
    }
    let order = Order {
        band: &item_band,
        allowed: &item_allowed,
        left: &left,
        right: &right,
        left_ends: &left_ends,
        right_ends: &right_ends,
    };
    let item_band = order.reduce_crossings(&mut columns, item_count);

    // Heights, band by band.
    let geometry: Vec<(f32, f32)> = (0..item_count)
        .map(|item| match units.get(item) {
            Some(unit) if unit.group.is_some() => {
                let n = unit.members.len() as f32;
                let height = GROUP_TITLE_SPACE
                    + n * NODE_HEIGHT
                    + (n - 1.0).max(0.0) * ROW_GAP
                    + GROUP_MARGIN;
                (height, NODE_MARGIN)
            }
            Some(_) => (NODE_HEIGHT, NODE_MARGIN),
            None => (0.0, WAYPOINT_MARGIN),
        })
        .collect();
    let mut top = vec![0.0_f32; item_count];
    let mut stage_bands = Vec::with_capacity(roadmap.stages.len());
    let mut cursor = 0.0_f32;
    for band in 0..band_count {
        let first_row = cursor + STAGE_HEADER_HEIGHT;
        let placer = Placer {
            band,
            item_band: &item_band,
            geometry: &geometry,
            left: &left,
            right: &right,
            waypoint_from: units.len(),
        };
        let bottom = placer.place(&columns, first_row, &mut top);
        let Some(stage) = roadmap.stages.get(band) else {
            continue;
        };
        let (lo, hi) = band_layers.get(band).copied().unwrap_or((usize::MAX, 0));
        let (x_min, x_max) = if lo == usize::MAX {
            (0.0, NODE_WIDTH)
        } else {
            (layer_x(lo), layer_x(hi) + NODE_WIDTH)
        };
        let bottom = bottom.unwrap_or(first_row + NODE_HEIGHT);
        stage_bands.push(StageBand {
            stage_id: stage.id.clone(),
            x_min: x_min - BAND_MARGIN,
            x_max: x_max + BAND_MARGIN,
            y_min: cursor,
            y_max: bottom + BAND_MARGIN,
        });
        cursor = bottom + BAND_MARGIN + BAND_GAP;
    }

    let mut node_positions = vec![[0.0, 0.0]; roadmap.skills.len()];
    for (unit_index, unit) in units.iter().enumerate() {
        let x = layer_x(at(&layers, unit_index));
        let mut y = at(&top, unit_index);
        if unit.group.is_some() {
            y += GROUP_TITLE_SPACE;
        }
        for &member in &unit.members {
            if let Some(position) = node_positions.get_mut(member) {
                *position = [x, y];
            }
            y += NODE_HEIGHT + ROW_GAP;
        }
    }

    let rects: Vec<Rect> = node_positions.iter().map(|&p| node_rect(p)).collect();
    let mut routes = HashMap::default();
    for (link, chain) in links.iter().zip(&chains) {
        let Some(chain) = chain.as_ref().filter(|_| link.routed) else {
            continue;
        };
        let centre =
            |skill: usize| node_positions.get(skill).map_or(0.0, |p| p[1]) + NODE_HEIGHT / 2.0;
        let mut points = Vec::with_capacity(chain.len() * 2 + 2);
        let x = layer_x(at(&layers, link.from)) + NODE_WIDTH;
        match link.source {
            EdgeSource::Group(_) => {
                let members = units
                    .get(link.from)
                    .map_or(&[][..], |u| u.members.as_slice());
                let Some(port) = group_port(members, &rects) else {
                    continue;
                };
                points.push(port);
            }
            EdgeSource::Skill(source) => {
                points.push(Pos2::new(x, centre(source)));
                points.push(Pos2::new(x + GROUP_MARGIN, centre(source)));
            }
        }
        for &waypoint in waypoints(chain) {
            let (x, y) = (layer_x(at(&item_layer, waypoint)), at(&top, waypoint));
            points.push(Pos2::new(x - GROUP_MARGIN, y));
            points.push(Pos2::new(x + NODE_WIDTH + GROUP_MARGIN, y));
        }
        let x = layer_x(at(&layers, link.to));
        points.push(Pos2::new(x - GROUP_MARGIN, centre(link.target)));
        points.push(Pos2::new(x, centre(link.target)));
        routes.insert((link.source, link.target), points);
    }
    Some(Layered {
        node_positions,
        stage_bands,
        routes,
    })
}

/// The waypoints of a chain: all but its ends.
fn waypoints(chain: &[usize]) -> &[usize] {
    chain
        .get(1..chain.len().saturating_sub(1))
        .unwrap_or_default()
}

/// Each unit's layer: one after its latest prerequisite, and a stage's milestone after the
/// rest of its stage. Then a unit waits, where its stage has room, until the layer before
/// its first dependent, so it stands beside what it is for. Units on a cycle (which the
/// checks report) get a layer after what they need outside it.
fn assign_layers(units: &[Unit], links: &[Link]) -> Vec<usize> {
    let mut real: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    for link in links {
        if let Some(next) = real.get_mut(link.from)
            && !next.contains(&link.to)
        {
            next.push(link.to);
        }
    }
    let mut closing = real.clone();
    let mut milestone_of_band: HashMap<usize, Vec<usize>> = HashMap::default();
    for (index, unit) in units.iter().enumerate() {
        if unit.milestone {
            milestone_of_band.entry(unit.band).or_default().push(index);
        }
    }
    for (unit, next) in units.iter().zip(closing.iter_mut()) {
        if unit.milestone {
            continue;
        }
        for &milestone in milestone_of_band.get(&unit.band).into_iter().flatten() {
            if !next.contains(&milestone) {
                next.push(milestone);
            }
        }
    }
    let (order, complete) = topological(&closing);
    let (successors, order) = if complete {
        (closing, order)
    } else {
        let (order, _) = topological(&real);
        (real, order)
    };
    let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    for (from, next) in successors.iter().enumerate() {
        for &to in next {
            if let Some(before) = predecessors.get_mut(to) {
                before.push(from);
            }
        }
    }
    let mut layers = vec![0_usize; units.len()];
    let mut done = vec![false; units.len()];
    for &unit in &order {
        let layer = (list(&predecessors, unit).iter())
            .filter(|&&p| at(&done, p))
            .map(|&p| at(&layers, p) + 1)
            .max()
            .unwrap_or(0);
        put(&mut layers, unit, layer);
        put(&mut done, unit, true);
    }
    // Then, last first, each unit moves on towards what needs it, as far as the layer
    // before its first dependent, while its stage has room in that layer: its arrows get
    // shorter and cross fewer others, and a skill needed late no longer waits at the
    // start. The room keeps a stage from piling all its skills into one tall column.
    let mut load: HashMap<(usize, usize), usize> = HashMap::default();
    for (unit, &layer) in units.iter().zip(&layers) {
        *load.entry((unit.band, layer)).or_default() += 1;
    }
    for &unit in order.iter().rev() {
        let Some(band) = units.get(unit).filter(|u| !u.milestone).map(|u| u.band) else {
            continue;
        };
        let Some(first) = (list(&successors, unit).iter())
            .map(|&s| at(&layers, s))
            .min()
        else {
            continue;
        };
        let own = at(&layers, unit);
        let mut layer = own.max(first.saturating_sub(1));
        while layer > own && load.get(&(band, layer)).is_some_and(|&n| n >= LAYER_ROOM) {
            layer -= 1;
        }
        if layer != own {
            if let Some(count) = load.get_mut(&(band, own)) {
                *count = count.saturating_sub(1);
            }
            *load.entry((band, layer)).or_default() += 1;
            put(&mut layers, unit, layer);
        }
    }
    let lowest = layers.iter().copied().min().unwrap_or(0);
    for layer in &mut layers {
        *layer -= lowest;
    }
    layers
}

/// Kahn's order, smallest index first among the ready; units on a cycle come last, in
/// index order. Says whether there was no cycle.
fn topological(successors: &[Vec<usize>]) -> (Vec<usize>, bool) {
    let mut waiting = vec![0_usize; successors.len()];
    for next in successors {
        for &to in next {
            if let Some(count) = waiting.get_mut(to) {
                *count += 1;
            }
        }
    }
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<usize>> = (waiting.iter())
        .enumerate()
        .filter(|(_, count)| **count == 0)
        .map(|(unit, _)| std::cmp::Reverse(unit))
        .collect();
    let mut order = Vec::with_capacity(successors.len());
    let mut placed = vec![false; successors.len()];
    while let Some(std::cmp::Reverse(unit)) = ready.pop() {
        order.push(unit);
        put(&mut placed, unit, true);
        for &next in list(successors, unit) {
            if let Some(count) = waiting.get_mut(next) {
                *count -= 1;
                if *count == 0 {
                    ready.push(std::cmp::Reverse(next));
                }
            }
        }
    }
    let complete = order.len() == successors.len();
    order.extend((0..successors.len()).filter(|&u| !at(&placed, u)));
    (order, complete)
}
