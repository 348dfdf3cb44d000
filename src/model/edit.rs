//! Changes to a roadmap, each one checked before anything changes and described in words,
//! so the app can apply, name and undo them, and tests can replay random sequences of them.

use super::find_cycle;
use super::{Roadmap, Skill, Stage};

#[derive(Clone, Debug, PartialEq)]
pub enum RoadmapEdit {
    /// Appends a skill. Its id must be new.
    AddSkill {
        skill: Skill,
    },
    /// Removes skills, the prerequisite edges to them and their group memberships. Progress
    /// on them is untouched (it becomes orphaned progress, kept by the progress file).
    RemoveSkills {
        skill_ids: Vec<String>,
    },
    /// Replaces every field of a skill but its id, which never changes.
    UpdateSkill {
        skill: Skill,
    },
    /// `skill_id` requires `required_id` (a skill or a pick-one group).
    AddRequirement {
        skill_id: String,
        required_id: String,
    },
    RemoveRequirement {
        skill_id: String,
        required_id: String,
    },
    /// Places skills by hand (scene coordinates of their top-left corners).
    MoveSkills {
        moves: Vec<(String, (f32, f32))>,
    },
    /// Forgets hand-placed positions so the automatic layout places those skills again.
    ClearPositions {
        skill_ids: Vec<String>,
    },
    AddStage {
        stage: Stage,
        index: usize,
    },
    RenameStage {
        stage_id: String,
        title: String,
    },
    MoveStage {
        stage_id: String,
        to_index: usize,
    },
    /// Only an empty stage can be removed.
    RemoveStage {
        stage_id: String,
    },
    SetMetadata {
        title: String,
        description: String,
        author: String,
        license: String,
    },
    /// Puts a skill in a pick-one group (leaving any other), or takes it out with `None`.
    SetGroup {
        skill_id: String,
        group_id: Option<String>,
    },
    /// Gives a skill a new id, with the requirements and groups that name it. Progress is
    /// kept by id: the caller makes sure none refers to the old one (a skill just added).
    ChangeSkillId {
        from: String,
        to: String,
    },
    /// Settles one conflict a merge left: keeps the version in the file, or takes the
    /// other side's.
    ResolveConflict(super::ConflictChoice),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no skill `{0}`")]
    UnknownSkill(String),
    #[error("there is no skill or group `{0}`")]
    UnknownRequirement(String),
    #[error("there is no stage `{0}`")]
    UnknownStage(String),
    #[error("there is no pick-one group `{0}`")]
    UnknownGroup(String),
    #[error("the id `{0}` is already used")]
    DuplicateId(String),
    #[error("a title cannot be empty")]
    EmptyTitle,
    #[error("`{0}` already requires `{1}`")]
    DuplicateRequirement(String, String),
    #[error("a skill cannot require itself")]
    RequiresItself,
    #[error("that would make a cycle: {0}")]
    Cycle(String),
    #[error("stage `{0}` still has {1} skills: move them to another stage first")]
    StageNotEmpty(String, usize),
    #[error("there is no such conflict any more")]
    UnknownConflict,
    #[error("the other version does not fit with the rest: {0}")]
    ConflictDoesNotFit(String),
}

/// A cycle as a person reads it: by titles (a group by its title), in the order they come,
/// “A”, then “B”, then “A” (the app's fonts have no arrow).
fn cycle_by_title(roadmap: &Roadmap, cycle: &[String]) -> String {
    super::describe_cycle(cycle, ", then ", |id| {
        format!("“{}”", super::text::visible(roadmap.title_of(id)))
    })
}

/// The longest id made from a title (validation allows 100 characters).
const MAX_MADE_ID_CHARS: usize = 50;

impl RoadmapEdit {
    /// What the edit does, for menus: "Undo move 3 skills".
    pub fn label(&self, roadmap: &Roadmap) -> String {
        let title = |id: &str| roadmap.title_of(id).to_owned();
        let count = |n: usize, one: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {one}s")
            }
        };
        match self {
            RoadmapEdit::AddSkill { skill } => format!("add “{}”", skill.title),
            RoadmapEdit::RemoveSkills { skill_ids } => match skill_ids.as_slice() {
                [one] => format!("delete “{}”", title(one)),
                many => format!("delete {}", count(many.len(), "skill")),
            },
            RoadmapEdit::UpdateSkill { skill } => format!("edit “{}”", skill.title),
            RoadmapEdit::AddRequirement {
                skill_id,
                required_id,
            } => format!(
                "make “{}” a prerequisite of “{}”",
                title(required_id),
                title(skill_id)
            ),
            RoadmapEdit::RemoveRequirement {
                skill_id,
                required_id,
            } => format!(
                "remove “{}” as a prerequisite of “{}”",
                title(required_id),
                title(skill_id)
            ),
            RoadmapEdit::MoveSkills { moves } => format!("move {}", count(moves.len(), "skill")),
            RoadmapEdit::ClearPositions { .. } => "tidy layout".to_owned(),
            RoadmapEdit::AddStage { stage, .. } => format!("add stage “{}”", stage.title),
            RoadmapEdit::RenameStage { title, .. } => format!("rename stage to “{title}”"),
            RoadmapEdit::MoveStage { stage_id, .. } => format!(
                "move stage “{}”",
                roadmap
                    .stage(stage_id)
                    .map_or(stage_id.as_str(), |s| s.title.as_str())
            ),
            RoadmapEdit::RemoveStage { stage_id } => format!(
                "remove stage “{}”",
                roadmap
                    .stage(stage_id)
                    .map_or(stage_id.as_str(), |s| s.title.as_str())
            ),
            RoadmapEdit::SetMetadata { .. } => "edit roadmap details".to_owned(),
            RoadmapEdit::SetGroup { skill_id, .. } => {
                format!("change the group of “{}”", title(skill_id))
            }
            RoadmapEdit::ChangeSkillId { from, to } => {
                format!("give “{}” the id `{to}`", title(from))
            }
            RoadmapEdit::ResolveConflict(choice) if choice.take_other => {
                format!("take the other version of “{}”", title(&choice.id))
            }
            RoadmapEdit::ResolveConflict(choice) => {
                format!("keep this version of “{}”", title(&choice.id))
            }
        }
    }

    /// Applies the edit, or changes nothing and says why.
    pub fn apply(&self, roadmap: &mut Roadmap) -> Result<(), EditError> {
        match self {
            RoadmapEdit::ResolveConflict(choice) => {
                let mut resolved = roadmap.clone();
                if !super::resolve_roadmap(&mut resolved, choice) {
                    return Err(EditError::UnknownConflict);
                }
                if let Some(cycle) = super::find_cycle(&resolved) {
                    return Err(EditError::Cycle(cycle_by_title(&resolved, &cycle)));
                }
                let dangling = (resolved.skills.iter())
                    .flat_map(|skill| &skill.requires)
                    .find(|id| resolved.skill(id).is_none() && resolved.group(id).is_none());
                if let Some(id) = dangling {
                    return Err(EditError::ConflictDoesNotFit(format!(
                        "it requires `{id}`, which this roadmap does not have"
                    )));
                }
                if let Some(skill) =
                    (resolved.skills.iter()).find(|s| resolved.stage(&s.stage).is_none())
                {
                    return Err(EditError::ConflictDoesNotFit(format!(
                        "“{}” would be on a stage this roadmap does not have",
                        skill.title
                    )));
                }
                *roadmap = resolved;
            }
            RoadmapEdit::AddSkill { skill } => {
                if roadmap.skill(&skill.id).is_some() || roadmap.group(&skill.id).is_some() {
                    return Err(EditError::DuplicateId(skill.id.clone()));
                }
                check_skill(roadmap, skill)?;
                roadmap.skills.push(skill.clone());
            }
            RoadmapEdit::RemoveSkills { skill_ids } => {
                for skill_id in skill_ids {
                    known_skill(roadmap, skill_id)?;
                }
                roadmap
                    .skills
                    .retain(|skill| !skill_ids.contains(&skill.id));
                for skill in &mut roadmap.skills {
                    skill
                        .requires
                        .retain(|required| !skill_ids.contains(required));
                    // A role expects nothing of a skill that is gone.
                    skill
                        .expects
                        .retain(|expected, _| !skill_ids.contains(expected));
                }
                for group in &mut roadmap.pick_one_groups {
                    group.skills.retain(|member| !skill_ids.contains(member));
                }
                remove_small_groups(roadmap);
            }
            RoadmapEdit::UpdateSkill { skill } => {
                check_skill(roadmap, skill)?;
                let previous = std::mem::replace(skill_mut(roadmap, &skill.id)?, skill.clone());
                if previous.requires != skill.requires
                    && let Some(cycle) = find_cycle(roadmap)
                {
                    *skill_mut(roadmap, &skill.id)? = previous;
                    return Err(EditError::Cycle(cycle_by_title(roadmap, &cycle)));
                }
            }
            RoadmapEdit::AddRequirement {
                skill_id,
                required_id,
            } => {
                if roadmap.skill(required_id).is_none() && roadmap.group(required_id).is_none() {
                    return Err(EditError::UnknownRequirement(required_id.clone()));
                }
                if skill_id == required_id {
                    return Err(EditError::RequiresItself);
                }
                let skill = skill_mut(roadmap, skill_id)?;
                if skill.requires.contains(required_id) {
                    return Err(EditError::DuplicateRequirement(
                        skill_id.clone(),
                        required_id.clone(),
                    ));
                }
                skill.requires.push(required_id.clone());
                if let Some(cycle) = find_cycle(roadmap) {
                    skill_mut(roadmap, skill_id)?.requires.pop();
                    return Err(EditError::Cycle(cycle_by_title(roadmap, &cycle)));
                }
            }
            RoadmapEdit::RemoveRequirement {
                skill_id,
                required_id,
            } => {
                let requires = &mut skill_mut(roadmap, skill_id)?.requires;
                let position = requires
                    .iter()
                    .position(|r| r == required_id)
                    .ok_or_else(|| EditError::UnknownRequirement(required_id.clone()))?;
                requires.remove(position);
            }
            RoadmapEdit::MoveSkills { moves } => {
                for (skill_id, _) in moves {
                    skill_mut(roadmap, skill_id)?;
                }
                for (skill_id, position) in moves {
                    skill_mut(roadmap, skill_id)?.position = Some(*position);
                }
            }
            RoadmapEdit::ClearPositions { skill_ids } => {
                for skill in &mut roadmap.skills {
                    if skill_ids.contains(&skill.id) {
                        skill.position = None;
                    }
                }
            }
            RoadmapEdit::AddStage { stage, index } => {
                if roadmap.stage(&stage.id).is_some() {
                    return Err(EditError::DuplicateId(stage.id.clone()));
                }
                if stage.title.trim().is_empty() {
                    return Err(EditError::EmptyTitle);
                }
                roadmap
                    .stages
                    .insert((*index).min(roadmap.stages.len()), stage.clone());
            }
            RoadmapEdit::RenameStage { stage_id, title } => {
                if title.trim().is_empty() {
                    return Err(EditError::EmptyTitle);
                }
                let index = known_stage(roadmap, stage_id)?;
                if let Some(stage) = roadmap.stages.get_mut(index) {
                    stage.title = title.clone();
                }
            }
            RoadmapEdit::MoveStage { stage_id, to_index } => {
                let index = known_stage(roadmap, stage_id)?;
                let stage = roadmap.stages.remove(index);
                roadmap
                    .stages
                    .insert((*to_index).min(roadmap.stages.len()), stage);
            }
            RoadmapEdit::RemoveStage { stage_id } => {
                let index = known_stage(roadmap, stage_id)?;
                let skill_count = roadmap
                    .skills
                    .iter()
                    .filter(|s| &s.stage == stage_id)
                    .count();
                if skill_count > 0 {
                    let title = roadmap
                        .stages
                        .get(index)
                        .map_or(stage_id.as_str(), |s| s.title.as_str());
                    return Err(EditError::StageNotEmpty(title.to_owned(), skill_count));
                }
                roadmap.stages.remove(index);
            }
            RoadmapEdit::SetMetadata {
                title,
                description,
                author,
                license,
            } => {
                if title.trim().is_empty() {
                    return Err(EditError::EmptyTitle);
                }
                roadmap.title = title.clone();
                roadmap.description = description.clone();
                roadmap.author = author.clone();
                roadmap.license = license.clone();
            }
            RoadmapEdit::SetGroup { skill_id, group_id } => {
                known_skill(roadmap, skill_id)?;
                if let Some(group_id) = group_id
                    && roadmap.group(group_id).is_none()
                {
                    return Err(EditError::UnknownGroup(group_id.clone()));
                }
                let before = roadmap.pick_one_groups.clone();
                for group in &mut roadmap.pick_one_groups {
                    group.skills.retain(|member| member != skill_id);
                    if Some(&group.id) == group_id.as_ref() {
                        group.skills.push(skill_id.clone());
                    }
                }
                if let Some(cycle) = find_cycle(roadmap) {
                    roadmap.pick_one_groups = before;
                    return Err(EditError::Cycle(cycle_by_title(roadmap, &cycle)));
                }
            }
            RoadmapEdit::ChangeSkillId { from, to } => {
                known_skill(roadmap, from)?;
                if from == to {
                    return Ok(());
                }
                if roadmap.skill(to).is_some() || roadmap.group(to).is_some() {
                    return Err(EditError::DuplicateId(to.clone()));
                }
                skill_mut(roadmap, from)?.id = to.clone();
                let rename = |id: &mut String| {
                    if id == from {
                        *id = to.clone();
                    }
                };
                for skill in &mut roadmap.skills {
                    skill.requires.iter_mut().for_each(rename);
                }
                for group in &mut roadmap.pick_one_groups {
                    group.skills.iter_mut().for_each(rename);
                }
            }
        }
        Ok(())
    }
}

fn known_skill(roadmap: &Roadmap, skill_id: &str) -> Result<(), EditError> {
    roadmap
        .skill(skill_id)
        .map(|_| ())
        .ok_or_else(|| EditError::UnknownSkill(skill_id.to_owned()))
}

fn skill_mut<'a>(roadmap: &'a mut Roadmap, skill_id: &str) -> Result<&'a mut Skill, EditError> {
    roadmap
        .skills
        .iter_mut()
        .find(|skill| skill.id == skill_id)
        .ok_or_else(|| EditError::UnknownSkill(skill_id.to_owned()))
}

fn known_stage(roadmap: &Roadmap, stage_id: &str) -> Result<usize, EditError> {
    roadmap
        .stages
        .iter()
        .position(|stage| stage.id == stage_id)
        .ok_or_else(|| EditError::UnknownStage(stage_id.to_owned()))
}

/// The checks a skill's own fields must pass.
fn check_skill(roadmap: &Roadmap, skill: &Skill) -> Result<(), EditError> {
    if skill.title.trim().is_empty() {
        return Err(EditError::EmptyTitle);
    }
    if roadmap.stage(&skill.stage).is_none() {
        return Err(EditError::UnknownStage(skill.stage.clone()));
    }
    for required in &skill.requires {
        if required == &skill.id {
            return Err(EditError::RequiresItself);
        }
        if roadmap.skill(required).is_none() && roadmap.group(required).is_none() {
            return Err(EditError::UnknownRequirement(required.clone()));
        }
    }
    Ok(())
}

/// A pick-one group left with fewer than two skills is no choice any more: it goes, and
/// skills that required it require its last member instead.
fn remove_small_groups(roadmap: &mut Roadmap) {
    let small: Vec<(String, Option<String>)> = roadmap
        .pick_one_groups
        .iter()
        .filter(|group| group.skills.len() < 2)
        .map(|group| (group.id.clone(), group.skills.first().cloned()))
        .collect();
    for (group_id, last_member) in &small {
        for skill in &mut roadmap.skills {
            let Some(position) = skill.requires.iter().position(|r| r == group_id) else {
                continue;
            };
            match last_member {
                Some(member) if member != &skill.id && !skill.requires.contains(member) => {
                    if let Some(required) = skill.requires.get_mut(position) {
                        *required = member.clone();
                    }
                }
                _ => {
                    skill.requires.remove(position);
                }
            }
        }
    }
    roadmap
        .pick_one_groups
        .retain(|group| group.skills.len() >= 2);
}

impl Roadmap {
    /// A stage id not used yet: `base`, or `base-2`, `base-3`…
    pub fn unique_stage_id(&self, base: &str) -> String {
        if self.stage(base).is_none() {
            return base.to_owned();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.stage(id).is_none())
            .unwrap_or_else(|| base.to_owned())
    }

    /// A new skill id made from a title ("API gateways" -> "api-gateways"), numbered if taken.
    pub fn unique_skill_id(&self, title: &str) -> String {
        let mut base: String = title
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        // A long title gives an id of its first words: ids stay short enough to read and
        // well inside the limit validation sets.
        if base.chars().count() > MAX_MADE_ID_CHARS {
            base = base.chars().take(MAX_MADE_ID_CHARS).collect();
            base.truncate(base.trim_end_matches('-').len());
        }
        if base.is_empty() {
            base = "skill".to_owned();
        }
        let taken = |id: &str| self.skill(id).is_some() || self.group(id).is_some();
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_made_from_a_title_is_short_plain_and_new() {
        let mut roadmap = Roadmap::new_empty("r", "R");
        assert_eq!(roadmap.unique_skill_id("API gateways"), "api-gateways");
        let long = "Designing event driven systems with queues ".repeat(5);
        let id = roadmap.unique_skill_id(&long);
        assert!(id.chars().count() <= MAX_MADE_ID_CHARS, "{id}");
        assert!(
            !id.ends_with('-') && id.starts_with("designing-event-driven"),
            "{id}"
        );
        roadmap.skills.push(Skill::new(id.clone(), "x", "junior"));
        assert_eq!(roadmap.unique_skill_id(&long), format!("{id}-2"));
        assert_eq!(roadmap.unique_skill_id("!!!"), "skill");
    }
}
