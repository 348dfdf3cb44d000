//! What follows from a roadmap and a person's progress: progress per stage, which
//! requirements are met, which skills are ready to learn next.

use std::collections::BTreeSet;

use super::choice::GroupChoices;
use super::lookup::Lookup;
use super::{Progress, Roadmap, SkillKind, Status};

/// Counts for one stage. A pick-one group counts as one item; optional skills, skipped
/// skills and milestones do not count against progress.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageProgress {
    pub stage_id: String,
    pub learned: usize,
    pub learning: usize,
    /// Items that count: required skills and pick-one groups, less skipped ones.
    pub total: usize,
    /// Optional skills learned on top.
    pub optional_learned: usize,
}

impl StageProgress {
    /// The share learned; nothing to count (an empty stage) is none, not all of it.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            self.learned as f32 / self.total as f32
        }
    }

    pub(super) fn add(&mut self, other: &StageProgress) {
        self.learned += other.learned;
        self.learning += other.learning;
        self.total += other.total;
        self.optional_learned += other.optional_learned;
    }
}

/// Progress per stage and overall, and the skills ready to learn next.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgressSummary {
    pub stages: Vec<StageProgress>,
    pub overall: StageProgress,
    /// Skills not started whose requirements are all learned, in roadmap order.
    pub ready_next: Vec<String>,
    /// The milestones reached and the pick-one groups done, by id.
    pub reached: BTreeSet<String>,
    /// The member taken for the person in each pick-one group.
    pub choices: GroupChoices,
}

impl ProgressSummary {
    pub fn compute(roadmap: &Roadmap, progress: &Progress) -> Self {
        let lookup = Lookup::new(roadmap);
        let mut stages: Vec<StageProgress> = roadmap
            .stages
            .iter()
            .map(|stage| StageProgress {
                stage_id: stage.id.clone(),
                ..StageProgress::default()
            })
            .collect();

        for skill in &roadmap.skills {
            if skill.kind == SkillKind::Milestone || lookup.group_of(&skill.id).is_some() {
                continue;
            }
            let Some(stage) = roadmap
                .stage_index(&skill.stage)
                .and_then(|i| stages.get_mut(i))
            else {
                continue;
            };
            match (progress.status(&skill.id), skill.optional) {
                (Status::Learned, true) => stage.optional_learned += 1,
                (_, true) | (Status::Skipped, false) => {}
                (status, false) => {
                    stage.total += 1;
                    stage.learned += usize::from(status == Status::Learned);
                    stage.learning += usize::from(status == Status::Learning);
                }
            }
        }

        for group in &roadmap.pick_one_groups {
            let stage_id = group
                .skills
                .first()
                .and_then(|member| roadmap.skill(member))
                .map(|s| s.stage.as_str());
            let Some(stage) = stage_id
                .and_then(|id| roadmap.stage_index(id))
                .and_then(|i| stages.get_mut(i))
            else {
                continue;
            };
            let statuses: Vec<Status> = group
                .skills
                .iter()
                .map(|member| progress.status(member))
                .collect();
            if statuses.iter().all(|status| *status == Status::Skipped) {
                continue;
            }
            stage.total += 1;
            if statuses.contains(&Status::Learned) {
                stage.learned += 1;
            } else if statuses.contains(&Status::Learning) {
                stage.learning += 1;
            }
        }

        let mut overall = StageProgress::default();
        for stage in &stages {
            overall.add(stage);
        }

        let choices = GroupChoices::resolve_with(&lookup, roadmap, progress);
        let ready_next = roadmap
            .skills
            .iter()
            .filter(|skill| skill.kind == SkillKind::Skill)
            .filter(|skill| progress.status(&skill.id) == Status::NotStarted)
            // Of a pick-one group, only the member chosen for the person (none once the
            // group is met): the others are alternatives they need not learn.
            .filter(|skill| {
                lookup.group_of(&skill.id).is_none_or(|group| {
                    choices.member(&group.id) == Some(skill.id.as_str())
                        && !lookup.is_met(progress, &group.id)
                })
            })
            .filter(|skill| {
                skill
                    .requires
                    .iter()
                    .all(|required| lookup.is_met(progress, required))
            })
            .map(|skill| skill.id.clone())
            .collect();

        let reached = roadmap
            .skills
            .iter()
            .filter(|skill| skill.kind == SkillKind::Milestone)
            .map(|skill| skill.id.as_str())
            .chain(
                roadmap
                    .pick_one_groups
                    .iter()
                    .map(|group| group.id.as_str()),
            )
            .filter(|id| lookup.is_met(progress, id))
            .map(str::to_owned)
            .collect();

        Self {
            stages,
            overall,
            ready_next,
            reached,
            choices,
        }
    }

    /// Whether a requirement (a skill, milestone or group id) is met, without looking
    /// through the roadmap: what `is_met` says, as of the last computation.
    pub fn is_met(&self, progress: &Progress, required_id: &str) -> bool {
        self.reached.contains(required_id) || progress.status(required_id) == Status::Learned
    }

    pub fn stage(&self, stage_id: &str) -> Option<&StageProgress> {
        self.stages.iter().find(|stage| stage.stage_id == stage_id)
    }
}

/// Whether a requirement (a skill id or a pick-one group id) is learned. A group is met
/// when any member is learned; a milestone when all its own requirements are met.
pub fn is_met(roadmap: &Roadmap, progress: &Progress, required_id: &str) -> bool {
    Lookup::new(roadmap).is_met(progress, required_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PickOneGroup, Skill, Timestamp};

    fn skill(id: &str, stage: &str, requires: &[&str]) -> Skill {
        Skill::new(id, id, stage).requiring(requires)
    }

    fn roadmap() -> Roadmap {
        let mut roadmap = Roadmap::new_empty("r", "R");
        let mut rust = skill("rust", "junior", &[]);
        rust.optional = true;
        let mut milestone = skill("junior-dev", "junior", &["lang", "git"]);
        milestone.kind = SkillKind::Milestone;
        roadmap.skills = vec![
            skill("java", "junior", &[]),
            skill("python", "junior", &[]),
            skill("git", "junior", &[]),
            rust,
            milestone,
            skill("testing", "mid", &["lang"]),
            skill("ci", "mid", &["git", "testing"]),
        ];
        roadmap.pick_one_groups.push(PickOneGroup {
            id: "lang".to_owned(),
            title: "Pick one language".to_owned(),
            skills: vec!["java".to_owned(), "python".to_owned()],
        });
        roadmap
    }

    #[test]
    fn a_pick_one_group_counts_once_and_optional_skills_not_at_all() {
        let roadmap = roadmap();
        let mut progress = Progress::new("r");
        let at = Timestamp::from_unix_secs(0);
        let summary = ProgressSummary::compute(&roadmap, &progress);
        assert_eq!(
            summary.stage("junior").map(|s| (s.learned, s.total)),
            Some((0, 2))
        );

        progress.set_status("python", Status::Learned, at);
        progress.set_status("rust", Status::Learned, at);
        let summary = ProgressSummary::compute(&roadmap, &progress);
        let junior = summary.stage("junior").cloned().unwrap_or_default();
        assert_eq!(
            (junior.learned, junior.total, junior.optional_learned),
            (1, 2, 1)
        );
        assert_eq!((summary.overall.learned, summary.overall.total), (1, 4));
    }

    #[test]
    fn skipped_skills_leave_the_total() {
        let roadmap = roadmap();
        let mut progress = Progress::new("r");
        progress.set_status("git", Status::Skipped, Timestamp::from_unix_secs(0));
        let summary = ProgressSummary::compute(&roadmap, &progress);
        assert_eq!(summary.stage("junior").map(|s| s.total), Some(1));
    }

    #[test]
    fn ready_next_needs_every_requirement_learned_and_drops_satisfied_alternatives() {
        let roadmap = roadmap();
        let mut progress = Progress::new("r");
        let at = Timestamp::from_unix_secs(0);
        let ready = |progress: &Progress| ProgressSummary::compute(&roadmap, progress).ready_next;
        // Of the two languages, only the one taken for the person (the first, neither
        // having an estimate).
        assert_eq!(ready(&progress), ["java", "git", "rust"]);

        progress.set_status("java", Status::Learned, at);
        assert_eq!(ready(&progress), ["git", "rust", "testing"]);

        progress.set_status("testing", Status::Learned, at);
        assert!(!ready(&progress).contains(&"ci".to_owned()));
        progress.set_status("git", Status::Learned, at);
        assert!(ready(&progress).contains(&"ci".to_owned()));
        assert!(is_met(&roadmap, &progress, "junior-dev"));
    }
}
