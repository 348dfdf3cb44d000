//! Checks of proficiency levels: the scale itself, the levels skills and milestones name,
//! and the levels held in progress and given in ratings.

use foldhash::{HashMap, HashSet};

use super::ids::check_id;
use super::{Location, Locator, Problem};
use crate::model::{Progress, Roadmap, SkillKind};

/// "the scale: aware, working, proficient, expert", or that there is none.
fn known_levels(roadmap: &Roadmap) -> String {
    if roadmap.levels.is_empty() {
        return "the roadmap declares no levels".to_owned();
    }
    let ids: Vec<&str> = roadmap.levels.iter().map(|l| l.id.as_str()).collect();
    format!("levels: {}", ids.join(", "))
}

/// What is wrong with a level id named in a file, if anything.
pub(super) fn unknown_level(roadmap: &Roadmap, level_id: &str) -> Option<String> {
    if roadmap.level_rank(level_id).is_some() {
        return None;
    }
    if roadmap.levels.is_empty() {
        return Some(format!(
            "level `{}` is named, but {}",
            crate::model::text::visible(level_id),
            known_levels(roadmap)
        ));
    }
    Some(format!(
        "`{}` is not on the roadmap's scale ({}): a level above or beside the scale means nothing",
        crate::model::text::visible(level_id),
        known_levels(roadmap)
    ))
}

/// Problems of a roadmap's scale, rubrics and expected levels.
pub(super) fn roadmap_level_problems(roadmap: &Roadmap, locator: &Locator) -> Vec<Problem> {
    let at = |offset: Option<usize>| offset.map_or(Location::START, |o| locator.location(o));
    let mut problems = Vec::new();
    let levels_at = locator.find_field("levels", 0).unwrap_or(0);
    let mut seen = HashSet::default();
    for level in &roadmap.levels {
        let level_at = at(locator.find_string(&level.id, levels_at));
        if let Err(reason) = check_id(&level.id) {
            problems.push(Problem::error(level_at, format!("level id {reason}")));
        } else if !seen.insert(level.id.as_str()) {
            problems.push(Problem::error(
                level_at,
                format!("level `{}` is on the scale twice", level.id),
            ));
        }
        if level.title.trim().is_empty() {
            problems.push(Problem::error(
                level_at,
                format!("level `{}` has an empty title", level.id),
            ));
        }
    }
    if !roadmap.learned_level.is_empty()
        && let Some(message) = unknown_level(roadmap, &roadmap.learned_level)
    {
        let field = locator.find_field("learned_level", 0);
        problems.push(Problem::error(
            at(field.and_then(|f| locator.find_string(&roadmap.learned_level, f))),
            format!("the learned level: {message}"),
        ));
    }

    let kinds: HashMap<&str, SkillKind> = roadmap
        .skills
        .iter()
        .map(|skill| (skill.id.as_str(), skill.kind))
        .collect();
    let skills_at = locator.find_field("skills", 0).unwrap_or(0);
    let mut cursor = skills_at;
    for skill in &roadmap.skills {
        if skill.rubric.is_empty() && skill.expects.is_empty() {
            continue;
        }
        let skill_at = locator.find_string(&skill.id, cursor).unwrap_or(cursor);
        cursor = skill_at;
        let value_at = |field: &str, value: &str| {
            at(locator
                .find_field(field, skill_at)
                .and_then(|f| locator.find_string(value, f))
                .or(Some(skill_at)))
        };
        for level_id in skill.rubric.keys() {
            if let Some(message) = unknown_level(roadmap, level_id) {
                problems.push(Problem::error(
                    value_at("rubric", level_id),
                    format!("the rubric of skill `{}`: {message}", skill.id),
                ));
            }
        }
        if skill.expects.is_empty() {
            continue;
        }
        if skill.kind != SkillKind::Milestone {
            problems.push(Problem::warning(
                at(locator.find_field("expects", skill_at)),
                format!(
                    "skill `{}` expects levels, which are ignored: only a milestone (a role) expects levels",
                    skill.id
                ),
            ));
            continue;
        }
        let needed = needed_by(roadmap, &skill.id);
        for (skill_id, level_id) in &skill.expects {
            if !kinds.contains_key(skill_id.as_str()) {
                problems.push(Problem::error(
                    value_at("expects", skill_id),
                    format!(
                        "milestone `{}` expects a level of unknown skill `{}`",
                        skill.id,
                        crate::model::text::visible(skill_id)
                    ),
                ));
            } else if !needed.contains(skill_id.as_str()) {
                problems.push(Problem::warning(
                    value_at("expects", skill_id),
                    format!(
                        "milestone `{}` expects a level of `{skill_id}`, which it does not need (add it to `requires`, or to a skill it requires)",
                        skill.id
                    ),
                ));
            }
            if let Some(message) = unknown_level(roadmap, level_id) {
                problems.push(Problem::error(
                    value_at("expects", level_id),
                    format!("milestone `{}` expects `{skill_id}`: {message}", skill.id),
                ));
            }
        }
    }
    problems
}

/// Every id a skill needs, through its requirements and theirs (groups give all members).
fn needed_by<'a>(roadmap: &'a Roadmap, skill_id: &str) -> HashSet<&'a str> {
    let skills: HashMap<&str, &crate::model::Skill> = roadmap
        .skills
        .iter()
        .map(|skill| (skill.id.as_str(), skill))
        .collect();
    let groups: HashMap<&str, &crate::model::PickOneGroup> = roadmap
        .pick_one_groups
        .iter()
        .map(|group| (group.id.as_str(), group))
        .collect();
    let mut needed = HashSet::default();
    let mut stack: Vec<&str> = skills
        .get(skill_id)
        .map(|skill| skill.requires.iter().map(String::as_str).collect())
        .unwrap_or_default();
    while let Some(id) = stack.pop() {
        if let Some(group) = groups.get(id) {
            stack.extend(group.skills.iter().map(String::as_str));
            continue;
        }
        if let Some(skill) = skills.get(id)
            && needed.insert(skill.id.as_str())
        {
            stack.extend(skill.requires.iter().map(String::as_str));
        }
    }
    needed
}

/// Levels in a progress file the roadmap's scale does not have: warnings, since the
/// entries are kept as they are.
pub(super) fn progress_level_problems(
    progress: &Progress,
    roadmap: &Roadmap,
    locator: &Locator,
) -> Vec<Problem> {
    let skills_at = locator.find_field("skills", 0).unwrap_or(0);
    let mut problems = Vec::new();
    for (skill_id, entry) in &progress.skills {
        let named = entry.level.iter().chain(
            entry
                .evidence
                .iter()
                .map(|e| &e.level)
                .filter(|l| !l.is_empty()),
        );
        for level_id in named {
            if let Some(message) = unknown_level(roadmap, level_id) {
                let entry_at = locator.find_string(skill_id, skills_at).unwrap_or(0);
                let level_at = locator.find_string(level_id, entry_at).unwrap_or(entry_at);
                problems.push(Problem::warning(
                    locator.location(level_at),
                    format!(
                        "the level held on `{}` is kept but not counted: {message}",
                        crate::model::text::visible(skill_id)
                    ),
                ));
            }
        }
    }
    problems
}
