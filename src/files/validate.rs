//! Checks that a roadmap or progress file makes sense beyond its syntax: unique ids,
//! known references, no prerequisite cycles, usable links.

use foldhash::{HashMap, HashSet};
use std::cell::OnceCell;

pub use super::ids::{MAX_ID_CHARS, check_id};
pub use super::limits::{MAX_LINK_CHARS, MAX_NOTES_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use super::limits::{too_long, too_long_named};
use super::{Location, Locator, Problem};
use crate::model::{Progress, Roadmap};
use crate::model::{check_url, find_cycle};

/// Everything wrong with a roadmap. `source` is the file's text, used to point at lines.
pub fn validate_roadmap(roadmap: &Roadmap, source: &str) -> Vec<Problem> {
    let locator = Locator::new(source);
    let at =
        |offset: Option<usize>| offset.map_or(Location::START, |offset| locator.location(offset));
    let mut problems = Vec::new();

    if roadmap.id.trim().is_empty() {
        problems.push(Problem::error(
            at(locator.find_field("id", 0)),
            "the roadmap id is empty",
        ));
    } else if let Err(reason) = check_id(&roadmap.id) {
        problems.push(Problem::error(
            at(locator.find_field("id", 0)),
            format!("the roadmap id {reason}"),
        ));
    }
    if roadmap.title.trim().is_empty() {
        problems.push(Problem::error(
            at(locator.find_field("title", 0)),
            "the roadmap title is empty",
        ));
    }

    for (field, text, limit) in [
        ("title", &roadmap.title, MAX_TITLE_CHARS),
        ("description", &roadmap.description, MAX_TEXT_CHARS),
        ("author", &roadmap.author, MAX_TEXT_CHARS),
        ("license", &roadmap.license, MAX_TEXT_CHARS),
    ] {
        if let Some(message) = too_long(&format!("the roadmap's {field}"), text, limit) {
            problems.push(Problem::error(at(locator.find_field(field, 0)), message));
        }
    }

    // Stages.
    let stages_offset = locator.find_field("stages", 0).unwrap_or(0);
    let mut cursor = stages_offset;
    let mut stage_ids = HashSet::default();
    for stage in &roadmap.stages {
        let offset = locator.find_string(&stage.id, cursor);
        cursor = offset.map_or(cursor, |offset| offset + 1);
        if !stage_ids.insert(stage.id.as_str()) {
            problems.push(Problem::error(
                at(offset),
                format!("duplicate stage id `{}`", stage.id),
            ));
        }
        if let Err(reason) = check_id(&stage.id) {
            problems.push(Problem::error(at(offset), format!("stage id {reason}")));
        }
        if let Some(message) = too_long(
            &format!("the title of stage `{}`", stage.id),
            &stage.title,
            MAX_TITLE_CHARS,
        ) {
            problems.push(Problem::error(at(offset), message));
        }
        if stage.title.trim().is_empty() {
            problems.push(Problem::error(
                at(offset),
                format!("stage `{}` has an empty title", stage.id),
            ));
        }
    }

    // Skills: where each one's id is in the text, in order, to place its problems. Worked
    // out only when there is a problem to place: a valid file costs no searching.
    let skill_places = OnceCell::new();
    let skill_places = || {
        skill_places.get_or_init(|| {
            let skills_offset = locator.find_field("skills", cursor).unwrap_or(cursor);
            let mut skill_cursor = skills_offset;
            let mut offsets = Vec::with_capacity(roadmap.skills.len());
            for skill in &roadmap.skills {
                let offset = locator
                    .find_field("id", skill_cursor)
                    .and_then(|field| locator.find_string(&skill.id, field));
                skill_cursor = offset.map_or(skill_cursor, |offset| offset + 1);
                offsets.push(offset);
            }
            let groups_offset = locator
                .find_field("pick_one_groups", skill_cursor)
                .unwrap_or(skill_cursor);
            SkillPlaces {
                skills_offset,
                offsets,
                groups_offset,
            }
        })
    };
    let skill_offset = |index: usize| skill_places().offsets.get(index).copied().flatten();

    let mut skill_ids: HashSet<&str> = HashSet::default();
    for (index, skill) in roadmap.skills.iter().enumerate() {
        if skill.id.trim().is_empty() {
            problems.push(Problem::error(
                at(skill_offset(index)),
                format!("skill `{}` has an empty id", skill.title),
            ));
        }
        if !skill_ids.insert(skill.id.as_str()) {
            problems.push(Problem::error(
                at(skill_offset(index)),
                format!("duplicate skill id `{}`", skill.id),
            ));
        }
        if !skill.id.trim().is_empty()
            && let Err(reason) = check_id(&skill.id)
        {
            problems.push(Problem::error(
                at(skill_offset(index)),
                format!("skill id {reason}"),
            ));
        }
    }
    let group_ids: HashSet<&str> = roadmap
        .pick_one_groups
        .iter()
        .map(|g| g.id.as_str())
        .collect();

    let mut replaced_by: HashMap<&str, &str> = HashMap::default();
    let stages = crate::model::requirement_stages(roadmap);
    for (index, skill) in roadmap.skills.iter().enumerate() {
        let skill_start = || skill_offset(index).unwrap_or(skill_places().skills_offset);
        let within = |value: &str| {
            at(locator
                .find_string(value, skill_start())
                .or(skill_offset(index)))
        };
        if skill.title.trim().is_empty() {
            problems.push(Problem::error(
                at(skill_offset(index)),
                format!("skill `{}` has an empty title", skill.id),
            ));
        }
        let field_at = |field: &str| {
            at(locator
                .find_field(field, skill_start())
                .filter(|offset| skill_offset(index + 1).is_none_or(|next| *offset < next))
                .or(skill_offset(index)))
        };
        if let Some((x, y)) = skill.position
            && !(x.is_finite() && y.is_finite())
        {
            problems.push(Problem::error(
                field_at("position"),
                format!(
                    "skill `{}` has a position that is not a number ({x}, {y})",
                    skill.id
                ),
            ));
        } else if let Some((x, y)) = skill.position
            && (x.abs() > MAX_POSITION || y.abs() > MAX_POSITION)
        {
            // Far enough for any canvas; further, adding a node's size overflows to
            // infinity (an SVG path of -inf).
            problems.push(Problem::error(
                field_at("position"),
                format!(
                    "skill `{}` is placed at ({x:e}, {y:e}); positions go up to {MAX_POSITION:e} either way",
                    skill.id
                ),
            ));
        }
        for (field, text, limit) in [
            ("title", &skill.title, MAX_TITLE_CHARS),
            ("summary", &skill.summary, MAX_TEXT_CHARS),
            ("area", &skill.area.0, MAX_TITLE_CHARS),
        ] {
            let what = format!("the {field} of skill `{}`", skill.id);
            if let Some(message) = too_long(&what, text, limit) {
                problems.push(Problem::error(field_at(field), message));
            }
        }
        for resource in &skill.resources {
            let what = format!("a link title of skill `{}`", skill.id);
            let too_long_title = too_long(&what, &resource.title, MAX_TITLE_CHARS);
            let what = format!("a link of skill `{}`", skill.id);
            for message in
                too_long_title
                    .into_iter()
                    .chain(too_long(&what, &resource.url, MAX_LINK_CHARS))
            {
                problems.push(Problem::error(field_at("resources"), message));
            }
        }
        if let Some(hours) = skill.estimate_hours.filter(|h| *h > MAX_ESTIMATE_HOURS) {
            problems.push(Problem::error(
                field_at("estimate_hours"),
                format!(
                    "skill `{}` has an estimate of {hours} hours; estimates go up to {MAX_ESTIMATE_HOURS} hours",
                    skill.id
                ),
            ));
        }
        if !stage_ids.contains(skill.stage.as_str()) {
            problems.push(Problem::error(
                within(&skill.stage),
                format!(
                    "skill `{}` is in unknown stage `{}` ({})",
                    skill.id,
                    skill.stage,
                    known_stages(roadmap)
                ),
            ));
        }
        for old_id in &skill.replaces {
            let old_at = || {
                locate_after_field(&locator, "replaces", old_id, skill_start())
                    .map_or_else(|| within(old_id), |offset| locator.location(offset))
            };
            if skill_ids.contains(old_id.as_str()) {
                problems.push(Problem::error(
                    old_at(),
                    format!(
                        "skill `{}` replaces `{old_id}`, but `{old_id}` is still a skill of this roadmap",
                        skill.id
                    ),
                ));
            } else if let Some(other) = replaced_by.insert(old_id, &skill.id) {
                problems.push(Problem::error(
                    old_at(),
                    format!(
                        "`{old_id}` is replaced by both `{other}` and `{}`",
                        skill.id
                    ),
                ));
            }
        }
        for required in &skill.requires {
            let required_at = || {
                locate_after_field(&locator, "requires", required, skill_start())
                    .map_or_else(|| within(required), |offset| locator.location(offset))
            };
            if required == &skill.id {
                problems.push(Problem::error(
                    required_at(),
                    format!("skill `{}` requires itself", skill.id),
                ));
            } else if !skill_ids.contains(required.as_str())
                && !group_ids.contains(required.as_str())
            {
                problems.push(Problem::error(
                    required_at(),
                    format!(
                        "skill `{}` requires unknown skill or group `{required}`",
                        skill.id
                    ),
                ));
            } else if let Some(later) =
                crate::model::later_stage_requirement(roadmap, &stages, skill, required)
            {
                problems.push(Problem::warning(
                    required_at(),
                    format!(
                        "skill `{}` (stage `{}`) requires `{required}` from the later stage `{later}`: its arrow runs backwards, and the stage can't be finished in order",
                        skill.id, skill.stage
                    ),
                ));
            }
        }
        for resource in &skill.resources {
            if let Err(reason) = check_url(&resource.url) {
                problems.push(Problem::error(
                    within(&resource.url),
                    format!(
                        "skill `{}` has a malformed link `{}`: {reason}",
                        skill.id, resource.url
                    ),
                ));
            }
        }
    }

    // Pick-one groups.
    let mut member_of: HashMap<&str, &str> = HashMap::default();
    let group_places = OnceCell::new();
    let group_offset = |index: usize| {
        group_places
            .get_or_init(|| {
                let mut group_cursor = skill_places().groups_offset;
                roadmap
                    .pick_one_groups
                    .iter()
                    .map(|group| {
                        let offset = locator.find_string(&group.id, group_cursor);
                        group_cursor = offset.map_or(group_cursor, |offset| offset + 1);
                        offset
                    })
                    .collect::<Vec<_>>()
            })
            .get(index)
            .copied()
            .flatten()
    };
    for (index, group) in roadmap.pick_one_groups.iter().enumerate() {
        let member_at = |member: &str| {
            let group_start = group_offset(index).unwrap_or(skill_places().groups_offset);
            at(locator
                .find_string(member, group_start)
                .or(group_offset(index)))
        };
        if skill_ids.contains(group.id.as_str()) {
            problems.push(Problem::error(
                at(group_offset(index)),
                format!("group id `{}` is also a skill id", group.id),
            ));
        }
        if let Err(reason) = check_id(&group.id) {
            problems.push(Problem::error(
                at(group_offset(index)),
                format!("group id {reason}"),
            ));
        }
        let what = format!("the title of group `{}`", group.id);
        if let Some(message) = too_long(&what, &group.title, MAX_TITLE_CHARS) {
            problems.push(Problem::error(at(group_offset(index)), message));
        }
        if group.skills.len() < 2 {
            problems.push(Problem::error(
                at(group_offset(index)),
                format!("pick-one group `{}` needs at least two skills", group.id),
            ));
        }
        for member in &group.skills {
            if !skill_ids.contains(member.as_str()) {
                problems.push(Problem::error(
                    member_at(member),
                    format!(
                        "pick-one group `{}` names unknown skill `{member}`",
                        group.id
                    ),
                ));
            } else if let Some(other) = member_of.insert(member.as_str(), group.id.as_str()) {
                problems.push(Problem::error(
                    member_at(member),
                    format!(
                        "skill `{member}` is in two pick-one groups, `{other}` and `{}`",
                        group.id
                    ),
                ));
            }
        }
    }

    // With duplicate ids the graph is ambiguous; those are reported above.
    let has_duplicates = skill_ids.len() != roadmap.skills.len();
    if let Some(cycle) = find_cycle(roadmap).filter(|_| !has_duplicates) {
        let first = cycle.first().map(String::as_str).unwrap_or_default();
        let offset = match roadmap.skills.iter().position(|skill| skill.id == first) {
            Some(index) => skill_offset(index),
            // The cycle starts at a pick-one group.
            None => roadmap
                .pick_one_groups
                .iter()
                .position(|group| group.id == first)
                .and_then(group_offset),
        };
        problems.push(Problem::error(
            at(offset),
            format!(
                "prerequisites form a cycle: {}",
                crate::model::describe_cycle(&cycle, " -> ", str::to_owned)
            ),
        ));
    }

    problems.extend(super::validate_levels::roadmap_level_problems(
        roadmap, &locator,
    ));
    // A fork's copy of its upstream is taken in by "Update from the original": it keeps
    // to the same rules, its problems placed at `based_on`.
    if let Some(upstream) = &roadmap.based_on {
        let based_on_at = at(locator.find_field("based_on", 0));
        problems.extend(
            validate_roadmap(&upstream.roadmap, "")
                .into_iter()
                .filter(Problem::is_error)
                .map(|problem| {
                    Problem::error(
                        based_on_at,
                        format!("in the roadmap it is based on, {}", problem.message),
                    )
                }),
        );
    }
    problems.sort_by_key(|problem| (problem.line, problem.column));
    problems
}

/// The longest estimate a skill may have: more than five years of full-time work.
pub const MAX_ESTIMATE_HOURS: u32 = 10_000;

/// The furthest a skill may be placed from the origin, either way, in canvas units: a
/// hundred times the widest generated roadmap.
pub const MAX_POSITION: f32 = 100_000_000.0;

/// Where the skills are in a roadmap's text: the `skills` field, each skill's id, and the
/// `pick_one_groups` field after them.
struct SkillPlaces {
    skills_offset: usize,
    offsets: Vec<Option<usize>>,
    groups_offset: usize,
}

/// "stages: junior, mid", or a plain word when there are none.
fn known_stages(roadmap: &Roadmap) -> String {
    if roadmap.stages.is_empty() {
        return "the roadmap has no stages".to_owned();
    }
    let ids: Vec<&str> = roadmap.stages.iter().map(|s| s.id.as_str()).collect();
    format!("stages: {}", ids.join(", "))
}

fn locate_after_field(locator: &Locator, field: &str, value: &str, from: usize) -> Option<usize> {
    let field_offset = locator.find_field(field, from)?;
    locator.find_string(value, field_offset)
}

/// Problems of a progress file against the roadmap it belongs to. Progress for ids the
/// roadmap does not have is a warning: it is kept, never dropped.
pub fn validate_progress(progress: &Progress, roadmap: &Roadmap, source: &str) -> Vec<Problem> {
    let locator = Locator::new(source);
    let at =
        |offset: Option<usize>| offset.map_or(Location::START, |offset| locator.location(offset));
    let mut problems = Vec::new();
    // A fork shares its upstream's progress.
    if progress.roadmap_id != roadmap.id && progress.roadmap_id != roadmap.progress_id() {
        problems.push(Problem::error(
            at(locator.find_field("roadmap_id", 0)),
            format!(
                "this progress is for roadmap `{}`, not `{}`",
                progress.roadmap_id, roadmap.id
            ),
        ));
    }
    if let Some(message) = too_long(
        "the person's name",
        &progress.person,
        super::limits::MAX_TITLE_CHARS,
    ) {
        problems.push(Problem::error(at(locator.find_field("person", 0)), message));
    }
    let skills_offset = locator.find_field("skills", 0).unwrap_or(0);
    for (skill_id, entry) in &progress.skills {
        let what = || format!("the notes on `{}`", crate::model::text::visible(skill_id));
        if let Some(message) = too_long_named(what, &entry.notes, MAX_NOTES_CHARS) {
            problems.push(Problem::error(
                at(locator.find_string(skill_id, skills_offset)),
                message,
            ));
        }
    }
    let known: foldhash::HashSet<&str> = roadmap
        .skills
        .iter()
        .map(|skill| skill.id.as_str())
        .collect();
    for skill_id in progress.skills.keys() {
        if !known.contains(skill_id.as_str()) {
            problems.push(Problem::warning(
                at(locator.find_string(skill_id, skills_offset)),
                format!(
                    "progress for unknown skill `{skill_id}` is kept but not shown on the roadmap"
                ),
            ));
        }
    }
    problems.extend(super::validate_levels::progress_level_problems(
        progress, roadmap, &locator,
    ));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Resource, Skill};

    fn skill(id: &str, requires: &[&str]) -> Skill {
        Skill::new(id, id, "junior").requiring(requires)
    }

    #[test]
    fn unknown_progress_ids_are_warnings() {
        let mut roadmap = Roadmap::new_empty("r", "R");
        roadmap.skills = vec![skill("a", &[])];
        roadmap.skills[0].resources.push(Resource {
            title: "t".into(),
            url: "https://a.org".into(),
        });
        let mut progress = Progress::new("r");
        progress
            .skills
            .insert("gone".to_owned(), Default::default());
        let problems = validate_progress(&progress, &roadmap, "");
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].is_error());
    }
}
