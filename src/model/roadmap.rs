//! A roadmap: ordered stages, skills, prerequisite edges and "pick one of" groups.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::conflict::Conflict;

/// The roadmap file format this version of Waymark writes and reads up to.
///
/// Format history: 1, the first; 2 added rename records (`replaces` on a skill); 3 added
/// proficiency levels (`levels`, `learned_level`, a skill's `rubric`, a milestone's
/// `expects`); 4 added what a fork is based on (`based_on`) and the conflicts a merge left
/// (`conflicts`). Files of an older format are read and migrated in memory; they are written
/// in the current format only when saved.
pub const ROADMAP_FORMAT_VERSION: u32 = 4;

/// A shared, hand-editable description of a career path. It holds no editor state
/// (selection, zoom): those belong to the person viewing it, not to the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    pub format_version: u32,
    /// Stable id; progress files refer to the roadmap by it.
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub license: String,
    /// The proficiency scale, lowest first. Without one a skill is learned or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    /// The level that "Learned" stands for when a person gave no level; empty means the
    /// scale's highest.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub learned_level: String,
    /// Stages in the order a person goes through them.
    pub stages: Vec<Stage>,
    pub skills: Vec<Skill>,
    /// Groups of alternatives of which a person needs only one (e.g. one server language).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pick_one_groups: Vec<PickOneGroup>,
    /// For a copy adapted from another roadmap: that roadmap as the copy started from it,
    /// the base when it takes the next version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<Upstream>,
    /// What a merge could not decide, until a person picks.
    #[serde(default, skip_serializing_if = "RoadmapConflicts::is_empty")]
    pub conflicts: RoadmapConflicts,
}

/// The roadmap a fork was made from, as the fork last took it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Upstream {
    /// The upstream roadmap's id. Progress on it and on the fork is one and the same.
    pub id: String,
    /// The upstream's content at that moment, exactly (its own `based_on` and conflicts
    /// left out).
    pub roadmap: Box<Roadmap>,
}

/// Conflicts a merge left in a roadmap, by kind of item. `about` holds the roadmap's own
/// fields (title, description, author, license, learned level), by field name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapConflicts {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<Conflict<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Conflict<Level>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Conflict<Stage>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Conflict<Skill>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Conflict<PickOneGroup>>,
}

impl RoadmapConflicts {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many items are in conflict.
    pub fn len(&self) -> usize {
        self.about.len()
            + self.levels.len()
            + self.stages.len()
            + self.skills.len()
            + self.groups.len()
    }
}

/// One step of a roadmap's proficiency scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub title: String,
    /// What holding a skill at this level means, in one line.
    #[serde(default)]
    pub meaning: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub title: String,
}

/// Whether a node is something to learn or a role checkpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SkillKind {
    #[default]
    Skill,
    /// A role checkpoint such as "Senior back end developer": reached when its
    /// prerequisites are learned, never counted as a skill to learn.
    Milestone,
}

impl SkillKind {
    fn is_skill(&self) -> bool {
        *self == SkillKind::Skill
    }
}

/// The field of work a skill belongs to. Known areas get a readable name; a roadmap may
/// use its own (company-specific) areas too.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Area(pub String);

impl Area {
    /// Known areas with their display names, in the order they are listed.
    pub const KNOWN: [(&'static str, &'static str); 16] = [
        ("fundamentals", "Fundamentals"),
        ("languages", "Languages"),
        ("version-control", "Version control"),
        ("databases", "Databases"),
        ("frameworks", "Frameworks"),
        ("apis", "APIs"),
        ("servers-cloud", "Servers & cloud"),
        ("security", "Security"),
        ("performance", "Performance"),
        ("testing-debugging", "Testing & debugging"),
        ("code-quality", "Code quality"),
        ("collaboration", "Collaboration"),
        ("growth", "Growth & learning"),
        ("leadership", "Leadership"),
        ("architecture", "Architecture"),
        ("roles", "Roles"),
    ];

    /// A human name for the area: the known display name, or the id itself.
    pub fn label(&self) -> &str {
        if self.0.is_empty() {
            return "No area";
        }
        Self::KNOWN
            .iter()
            .find(|(id, _)| *id == self.0)
            .map_or(self.0.as_str(), |(_, label)| label)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    /// Stable id: never derived from the title, never changes when the title does.
    pub id: String,
    pub title: String,
    /// What the skill is and why it matters at its stage, in one to three sentences.
    #[serde(default)]
    pub summary: String,
    /// The id of the stage the skill belongs to.
    pub stage: String,
    #[serde(default)]
    pub area: Area,
    #[serde(default, skip_serializing_if = "SkillKind::is_skill")]
    pub kind: SkillKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate_hours: Option<u32>,
    /// Optional skills are nice to have: they never count against progress.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// Ids of skills or pick-one groups that should come before this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// Where the skill sits on the canvas, when someone placed it by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<(f32, f32)>,
    /// Ids this skill had in earlier versions of the roadmap (a rename record, oldest
    /// first): progress kept under them moves to this skill when a newer version opens.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// What each level means for this skill in particular, by level id.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::progress::unique_level_keys"
    )]
    pub rubric: BTreeMap<String, String>,
    /// For a milestone: the level it needs, by skill id, where "Learned" is not enough
    /// (or more than needed). Skills it needs that are not listed need "Learned".
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::progress::unique_expectations"
    )]
    pub expects: BTreeMap<String, String>,
}

impl Skill {
    /// A skill with just an id, a title and a stage; everything else empty.
    pub fn new(id: impl Into<String>, title: impl Into<String>, stage: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            summary: String::new(),
            stage: stage.into(),
            area: Area::default(),
            kind: SkillKind::Skill,
            resources: Vec::new(),
            estimate_hours: None,
            optional: false,
            requires: Vec::new(),
            position: None,
            replaces: Vec::new(),
            rubric: BTreeMap::new(),
            expects: BTreeMap::new(),
        }
    }

    /// The same skill requiring these skill or group ids.
    pub fn requiring(mut self, required_ids: &[&str]) -> Self {
        self.requires = required_ids.iter().map(|id| (*id).to_owned()).collect();
        self
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub title: String,
    pub url: String,
}

/// Alternatives of which one is enough: learning any member satisfies the group, and a
/// skill may require the group instead of a particular member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PickOneGroup {
    pub id: String,
    pub title: String,
    pub skills: Vec<String>,
}

impl Roadmap {
    /// An empty roadmap with the default stages, ready to be filled in.
    pub fn new_empty(id: &str, title: &str) -> Self {
        let stage = |id: &str, title: &str| Stage {
            id: id.to_owned(),
            title: title.to_owned(),
        };
        Self {
            format_version: ROADMAP_FORMAT_VERSION,
            id: id.to_owned(),
            title: title.to_owned(),
            description: String::new(),
            author: String::new(),
            license: String::new(),
            stages: vec![
                stage("junior", "Junior"),
                stage("mid", "Mid-level"),
                stage("senior", "Senior"),
                stage("lead", "Lead back end developer"),
                stage("architect", "Back end architect"),
            ],
            skills: Vec::new(),
            pick_one_groups: Vec::new(),
            levels: Vec::new(),
            learned_level: String::new(),
            based_on: None,
            conflicts: RoadmapConflicts::default(),
        }
    }

    /// The id progress on this roadmap is kept under: a fork's upstream's, so that
    /// progress on either shows on both.
    pub fn progress_id(&self) -> &str {
        self.based_on
            .as_ref()
            .map_or(&self.id, |upstream| &upstream.id)
    }

    pub fn skill(&self, skill_id: &str) -> Option<&Skill> {
        self.skills.iter().find(|skill| skill.id == skill_id)
    }

    /// What to call an id: a skill's or milestone's title, else a pick-one group's, else a
    /// stage's, else the id.
    pub fn title_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.skill(id)
            .map(|skill| skill.title.as_str())
            .or_else(|| self.group(id).map(|group| group.title.as_str()))
            .or_else(|| self.stage(id).map(|stage| stage.title.as_str()))
            .unwrap_or(id)
    }

    pub fn stage(&self, stage_id: &str) -> Option<&Stage> {
        self.stages.iter().find(|stage| stage.id == stage_id)
    }

    pub fn stage_index(&self, stage_id: &str) -> Option<usize> {
        self.stages.iter().position(|stage| stage.id == stage_id)
    }

    pub fn group(&self, group_id: &str) -> Option<&PickOneGroup> {
        self.pick_one_groups
            .iter()
            .find(|group| group.id == group_id)
    }

    /// The pick-one group a skill belongs to, if any.
    pub fn group_of(&self, skill_id: &str) -> Option<&PickOneGroup> {
        self.pick_one_groups
            .iter()
            .find(|group| group.skills.iter().any(|member| member == skill_id))
    }

    /// Skills that name `skill_id` (or a group containing it) among their requirements.
    pub fn dependents_of<'a>(&'a self, skill_id: &'a str) -> impl Iterator<Item = &'a Skill> + 'a {
        let group_id = self.group_of(skill_id).map(|group| group.id.as_str());
        self.skills.iter().filter(move |skill| {
            skill
                .requires
                .iter()
                .any(|required| required == skill_id || Some(required.as_str()) == group_id)
        })
    }

    /// The number of prerequisite edges, counting an edge to a group once.
    pub fn edge_count(&self) -> usize {
        self.skills.iter().map(|skill| skill.requires.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skill(id: &str, requires: &[&str]) -> Skill {
        Skill::new(id, id, "junior").requiring(requires)
    }

    #[test]
    fn dependents_include_skills_requiring_the_group() {
        let mut roadmap = Roadmap::new_empty("r", "R");
        roadmap.skills = vec![
            skill("java", &[]),
            skill("go", &[]),
            skill("spring", &["java"]),
            skill("testing", &["lang"]),
        ];
        roadmap.pick_one_groups.push(PickOneGroup {
            id: "lang".to_owned(),
            title: "Pick a language".to_owned(),
            skills: vec!["java".to_owned(), "go".to_owned()],
        });
        let dependents: Vec<&str> = roadmap
            .dependents_of("java")
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(dependents, ["spring", "testing"]);
        assert_eq!(roadmap.edge_count(), 2);
    }

    #[test]
    fn known_areas_have_labels_and_unknown_ones_show_their_id() {
        assert_eq!(Area("apis".to_owned()).label(), "APIs");
        assert_eq!(Area("mainframes".to_owned()).label(), "mainframes");
    }
}
