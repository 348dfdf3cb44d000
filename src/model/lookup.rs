//! The roadmap's skills and groups by id, built once per computation so that checks in
//! loops over a whole roadmap (10,000 skills) are not linear scans.

use foldhash::HashMap;

use super::{PickOneGroup, Progress, Roadmap, Skill, SkillKind, Status};

impl Roadmap {
    /// Each skill's index in `skills`, by id, for loops over a whole roadmap.
    pub fn indices_by_id(&self) -> HashMap<&str, usize> {
        self.skills
            .iter()
            .enumerate()
            .map(|(index, skill)| (skill.id.as_str(), index))
            .collect()
    }
}

/// The roadmap's skills and groups by id, for lookups in loops over the whole roadmap.
pub(super) struct Lookup<'a> {
    skills: HashMap<&'a str, &'a Skill>,
    groups: HashMap<&'a str, &'a PickOneGroup>,
    group_of: HashMap<&'a str, &'a PickOneGroup>,
}

impl<'a> Lookup<'a> {
    pub(super) fn new(roadmap: &'a Roadmap) -> Self {
        Self {
            skills: roadmap
                .skills
                .iter()
                .map(|skill| (skill.id.as_str(), skill))
                .collect(),
            groups: roadmap
                .pick_one_groups
                .iter()
                .map(|group| (group.id.as_str(), group))
                .collect(),
            group_of: roadmap
                .pick_one_groups
                .iter()
                .flat_map(|group| {
                    group
                        .skills
                        .iter()
                        .map(move |member| (member.as_str(), group))
                })
                .collect(),
        }
    }

    pub(super) fn skill(&self, skill_id: &str) -> Option<&'a Skill> {
        self.skills.get(skill_id).copied()
    }

    pub(super) fn group(&self, group_id: &str) -> Option<&'a PickOneGroup> {
        self.groups.get(group_id).copied()
    }

    /// The group a skill is a member of.
    pub(super) fn group_of(&self, skill_id: &str) -> Option<&'a PickOneGroup> {
        self.group_of.get(skill_id).copied()
    }

    pub(super) fn is_met(&self, progress: &Progress, required_id: &str) -> bool {
        self.is_met_within(progress, required_id, self.skills.len() + 1)
    }

    fn is_met_within(&self, progress: &Progress, required_id: &str, depth_left: usize) -> bool {
        if depth_left == 0 {
            return false; // only reachable through a cycle, which validation reports
        }
        if let Some(group) = self.groups.get(required_id) {
            return group
                .skills
                .iter()
                .any(|member| progress.status(member) == Status::Learned);
        }
        match self.skills.get(required_id) {
            Some(skill) if skill.kind == SkillKind::Milestone => skill
                .requires
                .iter()
                .all(|inner| self.is_met_within(progress, inner, depth_left - 1)),
            Some(_) => progress.status(required_id) == Status::Learned,
            None => false,
        }
    }
}
