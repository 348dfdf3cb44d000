//! Checks of proficiency levels: the scale itself, the levels skills and milestones name,
//! and the levels held in progress and given in ratings.

use foldhash::{HashMap, HashSet};

use super::ids::check_id;
use super::limits::{
    MAX_LINK_CHARS, MAX_NOTES_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS, too_long, too_long_named,
};
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

/// The most levels a scale may have: every ladder we know has four to six, and each
/// level is a button in the details panel.
pub const MAX_LEVELS: usize = 10;

/// What is wrong in a rating, for a team plan's problems: its rater's name, notes or links
/// over their limits, or a link that is no web link (as a roadmap's links must be).
pub(super) fn rating_too_long(rating: &crate::model::Rating) -> Option<String> {
    let what = format!(
        "a rating of `{}`",
        crate::model::text::visible(&rating.skill_id)
    );
    too_long(
        &format!("the rater's name in {what}"),
        &rating.name,
        MAX_TITLE_CHARS,
    )
    .or_else(|| too_long(&what, &rating.notes, MAX_NOTES_CHARS))
    .or_else(|| (rating.links.iter()).find_map(|link| too_long(&what, link, MAX_LINK_CHARS)))
    .or_else(|| {
        (rating.links.iter()).find_map(|link| {
            let reason = crate::model::check_url(link).err()?;
            Some(format!(
                "{what} has a link that is not a web link ({reason}): `{}`",
                crate::model::text::visible(link)
            ))
        })
    })
}

/// Problems of a roadmap's scale, rubrics and expected levels.
pub(super) fn roadmap_level_problems(roadmap: &Roadmap, locator: &Locator) -> Vec<Problem> {
    let at = |offset: Option<usize>| offset.map_or(Location::START, |o| locator.location(o));
    let mut problems = Vec::new();
    let levels_at = locator.find_field("levels", 0).unwrap_or(0);
    if roadmap.levels.len() > MAX_LEVELS {
        problems.push(Problem::error(
            at(Some(levels_at)),
            format!(
                "the scale has {} levels; it may have up to {MAX_LEVELS}",
                roadmap.levels.len()
            ),
        ));
    }
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
        let title = too_long("a level's title", &level.title, MAX_TITLE_CHARS);
        let meaning = too_long("a level's meaning", &level.meaning, MAX_TEXT_CHARS);
        for message in title.into_iter().chain(meaning) {
            problems.push(Problem::error(level_at, message));
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
    // Built only if some milestone expects levels: most roadmaps have none.
    let graph = std::cell::OnceCell::new();
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
        for (level_id, line) in &skill.rubric {
            let what = format!("the rubric of skill `{}`", skill.id);
            if let Some(message) = too_long(&what, line, MAX_TEXT_CHARS) {
                problems.push(Problem::error(value_at("rubric", level_id), message));
            }
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
        let needed = needed_by(graph.get_or_init(|| Graph::of(roadmap)), &skill.id);
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

/// The roadmap's skills and groups by id, built once for all the milestones checked.
struct Graph<'a> {
    skills: HashMap<&'a str, &'a crate::model::Skill>,
    groups: HashMap<&'a str, &'a crate::model::PickOneGroup>,
}

impl<'a> Graph<'a> {
    fn of(roadmap: &'a Roadmap) -> Self {
        Self {
            skills: (roadmap.skills.iter())
                .map(|skill| (skill.id.as_str(), skill))
                .collect(),
            groups: (roadmap.pick_one_groups.iter())
                .map(|group| (group.id.as_str(), group))
                .collect(),
        }
    }
}

/// Every id a skill needs, through its requirements and theirs (groups give all members).
fn needed_by<'a>(graph: &Graph<'a>, skill_id: &str) -> HashSet<&'a str> {
    let Graph { skills, groups } = graph;
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

/// Levels in a progress file the roadmap's scale does not have (warnings: the entries
/// are kept as they are), and evidence over its length limits (errors, as for notes).
pub(super) fn progress_level_problems(
    progress: &Progress,
    roadmap: &Roadmap,
    locator: &Locator,
) -> Vec<Problem> {
    let skills_at = locator.find_field("skills", 0).unwrap_or(0);
    let mut problems = Vec::new();
    for (skill_id, entry) in &progress.skills {
        for item in &entry.evidence {
            let what = || format!("evidence on `{}`", crate::model::text::visible(skill_id));
            let text = too_long_named(what, &item.text, MAX_NOTES_CHARS);
            let link = too_long_named(what, &item.link, MAX_LINK_CHARS);
            // Shown as a link in the app and the exports: only web links, as everywhere.
            let not_web = (!item.link.is_empty())
                .then(|| crate::model::check_url(&item.link).err())
                .flatten()
                .map(|reason| {
                    format!(
                        "{} has a link that is not a web link ({reason}): `{}`",
                        what(),
                        crate::model::text::visible(&item.link)
                    )
                });
            for message in text.into_iter().chain(link).chain(not_web) {
                let entry_at = locator.find_string(skill_id, skills_at).unwrap_or(0);
                problems.push(Problem::error(locator.location(entry_at), message));
            }
        }
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
