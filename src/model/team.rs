//! A team growth plan: several people on one roadmap, each with a current and a target
//! role, a weekly learning budget, focus skills picked by their manager, and their
//! progress, held in the plan or linked to the person's own progress file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::conflict::Conflict;
use super::ratings::{CoverageRule, DEFAULT_REVIEW_INTERVAL_DAYS, Rating};
use super::{Progress, SkillProgress, Status, Timestamp};

/// The team plan format this version of Waymark writes and reads up to.
///
/// Format history: 1, the first; 2 added ratings (`ratings` on a member), the review
/// interval and the coverage rule; 3 added the conflicts a merge left (`conflicts`). Older plans are read as they are and written in the
/// current format when saved.
pub const TEAM_FORMAT_VERSION: u32 = 3;

/// A new member's weekly learning budget until the manager sets one.
pub const DEFAULT_WEEKLY_HOURS: f32 = 4.0;

/// The team plan as it is written to disk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "TeamPlan", deny_unknown_fields)]
pub struct TeamFile {
    pub format_version: u32,
    pub name: String,
    pub roadmap: RoadmapRef,
    /// Ratings older than this many days are due for review.
    #[serde(
        default = "default_review_interval_days",
        skip_serializing_if = "is_default_review_interval"
    )]
    pub review_interval_days: u32,
    /// When a skill counts as covered by the team.
    #[serde(default, skip_serializing_if = "CoverageRule::is_default")]
    pub coverage: CoverageRule,
    #[serde(default)]
    pub members: Vec<MemberFile>,
    /// What a merge could not decide, until the manager picks.
    #[serde(default, skip_serializing_if = "TeamConflicts::is_empty")]
    pub conflicts: TeamConflicts,
}

/// A team plan's own fields, as one record for merging.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamSettings {
    pub name: String,
    pub roadmap: RoadmapRef,
    pub review_interval_days: u32,
    pub coverage: CoverageRule,
}

/// Conflicts a merge left in a team plan: in its own fields (`settings`, one record at
/// most, id empty) and in members, by name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamConflicts {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<Conflict<TeamSettings>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Conflict<MemberFile>>,
}

impl TeamConflicts {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> usize {
        self.settings.len() + self.members.len()
    }
}

fn default_review_interval_days() -> u32 {
    DEFAULT_REVIEW_INTERVAL_DAYS
}

fn is_default_review_interval(days: &u32) -> bool {
    *days == DEFAULT_REVIEW_INTERVAL_DAYS
}

/// Which roadmap a team plan uses: its id, and where its file is relative to the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapRef {
    pub id: String,
    /// Relative to the team plan's folder, with `/` between folders; empty for a roadmap
    /// built into Waymark.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Member", deny_unknown_fields)]
pub struct MemberFile {
    pub name: String,
    /// A milestone or stage id: where the person is now.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub current_role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_date: Option<Timestamp>,
    #[serde(default = "default_weekly_hours")]
    pub weekly_hours: f32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<FocusSkill>,
    /// Levels given to the person's skills, by themselves and others, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<Rating>,
    pub progress: ProgressSource,
}

/// What a manager sets for one person.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberPlan {
    /// A milestone or stage id: where the person is now.
    pub current_role: String,
    /// The milestone the person is aiming for.
    pub target_role: Option<String>,
    pub target_date: Option<Timestamp>,
    pub weekly_hours: f32,
    /// Skills to work on next, in the manager's order.
    pub focus: Vec<FocusSkill>,
}

impl Default for MemberPlan {
    fn default() -> Self {
        Self {
            current_role: String::new(),
            target_role: None,
            target_date: None,
            weekly_hours: DEFAULT_WEEKLY_HOURS,
            focus: Vec::new(),
        }
    }
}

fn default_weekly_hours() -> f32 {
    DEFAULT_WEEKLY_HOURS
}

/// A skill a manager asked someone to focus on, with when and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocusSkill {
    pub skill_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Where a member's progress lives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProgressSource {
    /// In the team plan itself, keyed by skill id.
    Held(
        #[serde(deserialize_with = "super::progress::unique_keys")] BTreeMap<String, SkillProgress>,
    ),
    /// In the person's own progress file, relative to the team plan's folder.
    Linked(String),
}

/// A team plan open in the app: the file's content with each member's progress resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    pub name: String,
    pub roadmap: RoadmapRef,
    pub review_interval_days: u32,
    pub coverage: CoverageRule,
    pub members: Vec<Member>,
    pub conflicts: TeamConflicts,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub name: String,
    pub plan: MemberPlan,
    /// `None` when held in the team plan; else the linked file, relative to the plan.
    pub linked_path: Option<String>,
    /// The person's progress, or why it could not be read (a linked file missing or
    /// broken). The plan opens either way.
    pub progress: Result<Progress, String>,
    /// Whether linked progress was changed here and must be written back to its file.
    pub linked_changed: bool,
    /// Levels given to the person's skills, oldest first.
    pub ratings: Vec<Rating>,
}

impl Member {
    /// A member whose progress is held in the team plan.
    pub fn new(name: &str, roadmap_id: &str) -> Self {
        let mut progress = Progress::new(roadmap_id);
        progress.person = name.to_owned();
        Self {
            name: name.to_owned(),
            plan: MemberPlan::default(),
            linked_path: None,
            progress: Ok(progress),
            linked_changed: false,
            ratings: Vec::new(),
        }
    }

    pub fn progress(&self) -> Option<&Progress> {
        self.progress.as_ref().ok()
    }

    pub fn status(&self, skill_id: &str) -> Option<Status> {
        self.progress().map(|progress| progress.status(skill_id))
    }

    /// The member as the plan's file holds them: linked progress by its path only.
    pub fn to_file(&self) -> MemberFile {
        MemberFile {
            name: self.name.clone(),
            current_role: self.plan.current_role.clone(),
            target_role: self.plan.target_role.clone(),
            target_date: self.plan.target_date,
            weekly_hours: self.plan.weekly_hours,
            focus: self.plan.focus.clone(),
            ratings: self.ratings.clone(),
            progress: match (&self.linked_path, &self.progress) {
                (Some(path), _) => ProgressSource::Linked(path.clone()),
                (None, Ok(progress)) => ProgressSource::Held(progress.skills.clone()),
                (None, Err(_)) => ProgressSource::Held(BTreeMap::new()),
            },
        }
    }

    pub fn focus(&self, skill_id: &str) -> Option<&FocusSkill> {
        self.plan
            .focus
            .iter()
            .find(|focus| focus.skill_id == skill_id)
    }
}

impl Team {
    pub fn new(name: &str, roadmap: RoadmapRef) -> Self {
        Self {
            name: name.to_owned(),
            roadmap,
            review_interval_days: DEFAULT_REVIEW_INTERVAL_DAYS,
            coverage: CoverageRule::default(),
            members: Vec::new(),
            conflicts: TeamConflicts::default(),
        }
    }

    /// The file form. Linked members keep only their path: their progress is written to
    /// its own file.
    pub fn to_file(&self) -> TeamFile {
        let members = self.members.iter().map(Member::to_file).collect();
        TeamFile {
            format_version: TEAM_FORMAT_VERSION,
            name: self.name.clone(),
            roadmap: self.roadmap.clone(),
            review_interval_days: self.review_interval_days,
            coverage: self.coverage.clone(),
            members,
            conflicts: self.conflicts.clone(),
        }
    }

    /// The open form, with linked progress read by `read_linked` (given the relative path).
    pub fn from_file(
        file: TeamFile,
        mut read_linked: impl FnMut(&str) -> Result<Progress, String>,
    ) -> Self {
        let roadmap_id = file.roadmap.id.clone();
        let members = file
            .members
            .into_iter()
            .map(|member| {
                let (linked_path, progress) = match member.progress {
                    ProgressSource::Held(skills) => {
                        let mut progress = Progress::new(&roadmap_id);
                        progress.person = member.name.clone();
                        progress.skills = skills;
                        (None, Ok(progress))
                    }
                    ProgressSource::Linked(path) => {
                        let progress = read_linked(&path);
                        (Some(path), progress)
                    }
                };
                Member {
                    name: member.name,
                    plan: MemberPlan {
                        current_role: member.current_role,
                        target_role: member.target_role,
                        target_date: member.target_date,
                        weekly_hours: member.weekly_hours,
                        focus: member.focus,
                    },
                    linked_path,
                    progress,
                    linked_changed: false,
                    ratings: member.ratings,
                }
            })
            .collect();
        Self {
            name: file.name,
            roadmap: file.roadmap,
            review_interval_days: file.review_interval_days,
            coverage: file.coverage,
            members,
            conflicts: file.conflicts,
        }
    }

    /// The plan's own fields as one record.
    pub fn settings(&self) -> TeamSettings {
        TeamSettings {
            name: self.name.clone(),
            roadmap: self.roadmap.clone(),
            review_interval_days: self.review_interval_days,
            coverage: self.coverage.clone(),
        }
    }

    /// Members whose progress could be read, with their index.
    pub fn available(&self) -> impl Iterator<Item = (usize, &Progress)> {
        self.members
            .iter()
            .enumerate()
            .filter_map(|(index, member)| member.progress().map(|progress| (index, progress)))
    }

    /// Sets a member's status on a skill. Returns whether anything changed; unavailable
    /// progress is never changed.
    pub fn set_status(
        &mut self,
        member_index: usize,
        skill_id: &str,
        status: Status,
        at: Timestamp,
    ) -> bool {
        let Some(member) = self.members.get_mut(member_index) else {
            return false;
        };
        let Ok(progress) = member.progress.as_mut() else {
            return false;
        };
        let changed = progress.set_status(skill_id, status, at);
        member.linked_changed |= changed && member.linked_path.is_some();
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_and_linked_members_survive_the_file_form() {
        let mut team = Team::new(
            "Platform",
            RoadmapRef {
                id: "r".into(),
                path: "r.ron".into(),
            },
        );
        team.members.push(Member::new("Ada", "r"));
        assert!(team.set_status(0, "git", Status::Learned, Timestamp::from_unix_secs(0)));
        let mut linked = Member::new("Bo", "r");
        linked.linked_path = Some("bo.ron".into());
        team.members.push(linked.clone());

        let file = team.to_file();
        assert_eq!(
            file.members[1].progress,
            ProgressSource::Linked("bo.ron".into())
        );
        let reopened = Team::from_file(file, |path| {
            assert_eq!(path, "bo.ron");
            linked.progress.clone()
        });
        assert_eq!(reopened, team);
    }

    #[test]
    fn unavailable_progress_is_never_changed() {
        let mut team = Team::new("T", RoadmapRef::default());
        let mut member = Member::new("Cy", "r");
        member.progress = Err("the file is missing".into());
        team.members.push(member);
        assert!(!team.set_status(0, "git", Status::Learned, Timestamp::from_unix_secs(0)));
        assert_eq!(team.available().count(), 0);
    }
}
