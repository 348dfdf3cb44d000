//! The layout of roadmaps too deep for a column per level: stages as columns from left to
//! right, skills in a stage in sub-columns by how deep they sit in that stage's
//! prerequisites, deep chains sharing columns so a stage of thousands stays roughly square.

use foldhash::HashMap;

use super::{GROUP_TITLE_SPACE, NODE_HEIGHT, NODE_WIDTH, STAGE_HEADER_HEIGHT, StageBand};
use crate::model::{Roadmap, SkillKind};

const COLUMN_GAP: f32 = 70.0;
const ROW_GAP: f32 = 18.0;
const STAGE_GAP: f32 = 110.0;
/// Room below a pick-one group's last member (its frame's margin and a gap).
const GROUP_END_SPACE: f32 = 12.0;
/// Columns taller than this many skills wrap into the next column (more in big stages).
const MAX_ROWS: usize = 10;
/// How far a stage's background reaches beyond its skills.
const BAND_MARGIN: f32 = 30.0;

/// Every skill's top-left corner and the stage bands.
pub(super) fn compute(roadmap: &Roadmap) -> (Vec<[f32; 2]>, Vec<StageBand>) {
    let index_of: HashMap<&str, usize> = roadmap
        .skills
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // Requirements resolved to skill indices once (a group stands for its members).
    let requirements: Vec<Vec<usize>> = roadmap
        .skills
        .iter()
        .map(|skill| {
            skill
                .requires
                .iter()
                .flat_map(|required| match roadmap.group(required) {
                    Some(group) => group
                        .skills
                        .iter()
                        .filter_map(|m| index_of.get(m.as_str()).copied())
                        .collect(),
                    None => index_of
                        .get(required.as_str())
                        .copied()
                        .into_iter()
                        .collect::<Vec<_>>(),
                })
                .collect()
        })
        .collect();
    let requirement_indices = |skill_index: usize| -> &[usize] {
        requirements
            .get(skill_index)
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    let stage_of: Vec<Option<usize>> = roadmap
        .skills
        .iter()
        .map(|skill| roadmap.stage_index(&skill.stage))
        .collect();

    let mut node_positions = vec![[0.0, 0.0]; roadmap.skills.len()];
    let mut stage_bands = Vec::with_capacity(roadmap.stages.len());
    let mut stage_x = 0.0;
    // Heights assigned so far, to order later columns by where their prerequisites are.
    let mut placed_y: HashMap<usize, f32> = HashMap::default();

    for (stage_index, stage) in roadmap.stages.iter().enumerate() {
        let members: Vec<usize> = (0..roadmap.skills.len())
            .filter(|i| stage_of.get(*i) == Some(&Some(stage_index)))
            .collect();
        let in_stage = |index: &usize| stage_of.get(*index) == Some(&Some(stage_index));

        // Depth within the stage: the longest chain of same-stage prerequisites, in
        // topological order (Kahn). Skills on a cycle, which validation reports, stay at 0.
        let mut depth: HashMap<usize, usize> = members.iter().map(|m| (*m, 0)).collect();
        let mut waiting_on: HashMap<usize, usize> = HashMap::default();
        let mut dependents: HashMap<usize, Vec<usize>> = HashMap::default();
        for &member in &members {
            for &required in requirement_indices(member)
                .iter()
                .filter(|r| in_stage(r) && **r != member)
            {
                *waiting_on.entry(member).or_default() += 1;
                dependents.entry(required).or_default().push(member);
            }
        }
        let mut ready: Vec<usize> = members
            .iter()
            .copied()
            .filter(|m| !waiting_on.contains_key(m))
            .collect();
        while let Some(done) = ready.pop() {
            let done_depth = depth.get(&done).copied().unwrap_or(0);
            for &dependent in dependents.get(&done).map(Vec::as_slice).unwrap_or_default() {
                let entry = depth.entry(dependent).or_default();
                *entry = (*entry).max(done_depth + 1);
                if let Some(count) = waiting_on.get_mut(&dependent) {
                    *count -= 1;
                    if *count == 0 {
                        ready.push(dependent);
                    }
                }
            }
        }
        let skill_depth_max = members
            .iter()
            .filter(|i| {
                roadmap
                    .skills
                    .get(**i)
                    .is_some_and(|s| s.kind == SkillKind::Skill)
            })
            .map(|i| depth.get(i).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        // Milestones close their stage: they go in a column of their own at the end.
        for &member in &members {
            if roadmap
                .skills
                .get(member)
                .is_some_and(|s| s.kind == SkillKind::Milestone)
            {
                depth.insert(member, skill_depth_max + 1);
            }
        }
        let depth_count = depth.values().copied().max().map_or(1, |d| d + 1);
        let mut by_depth: Vec<Vec<usize>> = vec![Vec::new(); depth_count];
        for &member in &members {
            if let Some(bucket) = by_depth.get_mut(depth.get(&member).copied().unwrap_or(0)) {
                bucket.push(member);
            }
        }

        // Each depth gets one column, or several when it is taller than `max_rows`. Big
        // stages get taller columns, so a stage of thousands stays roughly square.
        // (A node is about 4.7 times wider than the row it takes.)
        let max_rows = if members.len() > 100 {
            MAX_ROWS.max(((members.len() as f32).sqrt() * 2.2).ceil() as usize)
        } else {
            MAX_ROWS
        };
        // Deep chains (generated or merged roadmaps) would make a column per level:
        // there, levels share columns, filling each before starting the next.
        let pack_levels = depth_count > 8;
        let mut column_heights: Vec<f32> = Vec::new();
        let mut y = STAGE_HEADER_HEIGHT;
        let mut rows = 0;
        for depth_level in 0..depth_count {
            let mut column_members = by_depth.get(depth_level).cloned().unwrap_or_default();
            if column_members.is_empty() {
                continue;
            }
            // Order by the average row of prerequisites already placed, keeping pick-one
            // groups together and otherwise the file's order.
            let sort_key = |index: usize| -> f32 {
                let rows: Vec<f32> = requirement_indices(index)
                    .iter()
                    .filter_map(|r| placed_y.get(r).copied())
                    .collect();
                if rows.is_empty() {
                    f32::MAX
                } else {
                    rows.iter().sum::<f32>() / rows.len() as f32
                }
            };
            let group_rank = |index: usize| -> usize {
                roadmap
                    .skills
                    .get(index)
                    .and_then(|s| roadmap.group_of(&s.id))
                    .and_then(|g| g.skills.first())
                    .and_then(|first| index_of.get(first.as_str()).copied())
                    .unwrap_or(index)
            };
            let mut keyed: Vec<(f32, usize, usize)> = column_members
                .iter()
                .map(|&i| (sort_key(group_rank(i)).min(sort_key(i)), group_rank(i), i))
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            // Members of one group share a key so they stay adjacent.
            let mut group_key: HashMap<usize, f32> = HashMap::default();
            for (key, group, _) in &keyed {
                group_key.entry(*group).or_insert(*key);
            }
            keyed.sort_by(|a, b| {
                let ka = group_key.get(&a.1).copied().unwrap_or(a.0);
                let kb = group_key.get(&b.1).copied().unwrap_or(b.0);
                ka.total_cmp(&kb).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
            });
            column_members = keyed.into_iter().map(|(_, _, i)| i).collect();
            // Rows top to bottom, with room above each pick-one group for its title.
            let last_level = depth_level + 1 == depth_count;
            if !pack_levels || column_heights.is_empty() || last_level {
                column_heights.push(STAGE_HEADER_HEIGHT);
                y = STAGE_HEADER_HEIGHT;
                rows = 0;
            }
            let mut previous_group = None;
            for index in column_members {
                let group = roadmap
                    .skills
                    .get(index)
                    .and_then(|s| roadmap.group_of(&s.id))
                    .map(|g| g.id.as_str());
                let inside_group = group.is_some() && group == previous_group;
                if rows >= max_rows && !inside_group {
                    column_heights.push(STAGE_HEADER_HEIGHT);
                    y = STAGE_HEADER_HEIGHT;
                    rows = 0;
                    previous_group = None;
                }
                if group != previous_group {
                    if group.is_some() {
                        y += GROUP_TITLE_SPACE;
                    }
                    if previous_group.is_some() {
                        y += GROUP_END_SPACE;
                    }
                }
                previous_group = group;
                placed_y.insert(index, y);
                let column = column_heights.len().saturating_sub(1);
                if let Some(position) = node_positions.get_mut(index) {
                    *position = [stage_x + column as f32 * (NODE_WIDTH + COLUMN_GAP), y];
                }
                y += NODE_HEIGHT + ROW_GAP;
                rows += 1;
                if let Some(height) = column_heights.last_mut() {
                    *height = y;
                }
            }
        }
        // Centre the milestone column vertically against the tallest column.
        let tallest = column_heights.iter().copied().fold(0.0, f32::max);
        let milestone_bottom = column_heights.last().copied().unwrap_or(0.0);
        for &member in &members {
            let is_milestone = roadmap
                .skills
                .get(member)
                .is_some_and(|s| s.kind == SkillKind::Milestone);
            if is_milestone && let Some(position) = node_positions.get_mut(member) {
                position[1] += ((tallest - milestone_bottom) / 2.0).max(0.0);
            }
        }

        let column_count = column_heights.len().max(1);
        let x_max = stage_x + column_count as f32 * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP;
        stage_bands.push(StageBand {
            stage_id: stage.id.clone(),
            x_min: stage_x - BAND_MARGIN,
            x_max: x_max + BAND_MARGIN,
            y_min: -10.0,
            y_max: 0.0,
        });
        stage_x = x_max + STAGE_GAP;
    }

    // Every band reaches from the top to below the lowest skill of all.
    let bottom = node_positions
        .iter()
        .map(|[_, y]| y + NODE_HEIGHT)
        .fold(STAGE_HEADER_HEIGHT, f32::max);
    for band in &mut stage_bands {
        band.y_max = bottom + BAND_MARGIN;
    }
    (node_positions, stage_bands)
}
