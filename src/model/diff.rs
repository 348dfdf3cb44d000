//! What changed between two versions of a roadmap: stages, skills (added, removed, renamed
//! through a rename record, changed) and prerequisites, written to read well in a code
//! review and in the app.

use foldhash::HashMap;
use std::collections::BTreeSet;
use std::fmt::Write;

use super::{Roadmap, Skill};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoadmapDiff {
    pub lines: Vec<DiffLine>,
}

/// One difference, in the order they are listed: stages, skills, prerequisites.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffLine {
    StageAdded {
        id: String,
        title: String,
    },
    StageRemoved {
        id: String,
        title: String,
    },
    StageRenamed {
        id: String,
        from: String,
        to: String,
    },
    StagesReordered {
        order: Vec<String>,
    },
    SkillAdded {
        id: String,
        title: String,
        stage: String,
    },
    SkillRemoved {
        id: String,
        title: String,
        stage: String,
    },
    SkillRenamed {
        from: String,
        to: String,
    },
    SkillChanged {
        id: String,
        changes: Vec<String>,
    },
    PrerequisiteAdded {
        required: String,
        skill: String,
    },
    PrerequisiteRemoved {
        required: String,
        skill: String,
    },
    /// The proficiency scale changed: its levels as "id “Title”", lowest first.
    ScaleChanged {
        from: Vec<String>,
        to: Vec<String>,
    },
    /// The level "Learned" stands for changed.
    LearnedLevelChanged {
        from: String,
        to: String,
    },
    /// A milestone expects another level of a skill (`None`: learned is enough).
    ExpectationChanged {
        milestone: String,
        skill: String,
        from: Option<String>,
        to: Option<String>,
    },
}

impl RoadmapDiff {
    pub fn compute(old: &Roadmap, new: &Roadmap) -> Self {
        let mut lines = Vec::new();
        stage_lines(old, new, &mut lines);

        let old_skills: HashMap<&str, &Skill> =
            old.skills.iter().map(|s| (s.id.as_str(), s)).collect();
        let new_ids: BTreeSet<&str> = new.skills.iter().map(|s| s.id.as_str()).collect();
        // Old id -> new id, through the new version's rename records.
        let mut renamed_to: HashMap<&str, &str> = HashMap::default();
        for skill in &new.skills {
            for old_id in &skill.replaces {
                if old_skills.contains_key(old_id.as_str()) && !new_ids.contains(old_id.as_str()) {
                    renamed_to.insert(old_id, &skill.id);
                }
            }
        }
        let counterpart = |new_skill: &Skill| -> Option<&Skill> {
            old_skills.get(new_skill.id.as_str()).copied().or_else(|| {
                new_skill
                    .replaces
                    .iter()
                    .rev()
                    .find(|old_id| renamed_to.get(old_id.as_str()) == Some(&new_skill.id.as_str()))
                    .and_then(|old_id| old_skills.get(old_id.as_str()).copied())
            })
        };

        for skill in &new.skills {
            match counterpart(skill) {
                None => lines.push(DiffLine::SkillAdded {
                    id: skill.id.clone(),
                    title: skill.title.clone(),
                    stage: skill.stage.clone(),
                }),
                Some(before) => {
                    if before.id != skill.id {
                        lines.push(DiffLine::SkillRenamed {
                            from: before.id.clone(),
                            to: skill.id.clone(),
                        });
                    }
                    let changes = skill_changes(before, skill);
                    if !changes.is_empty() {
                        lines.push(DiffLine::SkillChanged {
                            id: skill.id.clone(),
                            changes,
                        });
                    }
                }
            }
        }
        for skill in &old.skills {
            if !new_ids.contains(skill.id.as_str()) && !renamed_to.contains_key(skill.id.as_str()) {
                lines.push(DiffLine::SkillRemoved {
                    id: skill.id.clone(),
                    title: skill.title.clone(),
                    stage: skill.stage.clone(),
                });
            }
        }

        // Prerequisites, with old ids read as their new names so a rename is no change.
        let as_new = |id: &str| renamed_to.get(id).copied().unwrap_or(id).to_owned();
        let old_edges: BTreeSet<(String, String)> = old
            .skills
            .iter()
            .flat_map(|s| s.requires.iter().map(move |r| (as_new(r), as_new(&s.id))))
            .collect();
        let new_edges: BTreeSet<(String, String)> = new
            .skills
            .iter()
            .flat_map(|s| s.requires.iter().map(move |r| (r.clone(), s.id.clone())))
            .collect();
        for (required, skill) in new_edges.difference(&old_edges) {
            lines.push(DiffLine::PrerequisiteAdded {
                required: required.clone(),
                skill: skill.clone(),
            });
        }
        for (required, skill) in old_edges.difference(&new_edges) {
            lines.push(DiffLine::PrerequisiteRemoved {
                required: required.clone(),
                skill: skill.clone(),
            });
        }
        level_lines(old, new, &as_new, &mut lines);
        Self { lines }
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The differences as text, a section per kind, one line per difference.
    pub fn to_text(&self) -> String {
        if self.lines.is_empty() {
            return "No differences.\n".to_owned();
        }
        let mut out = String::new();
        let mut section = "";
        for line in &self.lines {
            let heading = match line {
                DiffLine::StageAdded { .. }
                | DiffLine::StageRemoved { .. }
                | DiffLine::StageRenamed { .. }
                | DiffLine::StagesReordered { .. } => "Stages",
                DiffLine::PrerequisiteAdded { .. } | DiffLine::PrerequisiteRemoved { .. } => {
                    "Prerequisites"
                }
                DiffLine::ScaleChanged { .. }
                | DiffLine::LearnedLevelChanged { .. }
                | DiffLine::ExpectationChanged { .. } => "Levels",
                _ => "Skills",
            };
            if heading != section {
                if !section.is_empty() {
                    out.push('\n');
                }
                let _ = writeln!(out, "{heading}:");
                section = heading;
            }
            let text = match line {
                DiffLine::StageAdded { id, title } => format!("  + stage `{id}` “{title}”"),
                DiffLine::StageRemoved { id, title } => {
                    format!("  - stage `{id}` “{title}”")
                }
                DiffLine::StageRenamed { id, from, to } => {
                    format!("  ~ stage `{id}`: title “{from}” -> “{to}”")
                }
                DiffLine::StagesReordered { order } => {
                    format!("  ~ stage order: {}", order.join(", "))
                }
                DiffLine::SkillAdded { id, title, stage } => {
                    format!("  + `{id}` “{title}” ({stage})")
                }
                DiffLine::SkillRemoved { id, title, stage } => {
                    format!("  - `{id}` “{title}” ({stage})")
                }
                DiffLine::SkillRenamed { from, to } => {
                    format!("  -> `{from}` renamed to `{to}`")
                }
                DiffLine::SkillChanged { id, changes } => {
                    format!("  ~ `{id}`: {}", changes.join("; "))
                }
                DiffLine::PrerequisiteAdded { required, skill } => {
                    format!("  + `{required}` before `{skill}`")
                }
                DiffLine::PrerequisiteRemoved { required, skill } => {
                    format!("  - `{required}` before `{skill}`")
                }
                DiffLine::ScaleChanged { from, to } => {
                    let list = |levels: &[String]| {
                        if levels.is_empty() {
                            "none".to_owned()
                        } else {
                            levels.join(", ")
                        }
                    };
                    format!("  ~ scale: {} -> {}", list(from), list(to))
                }
                DiffLine::LearnedLevelChanged { from, to } => {
                    let or_highest = |id: &str| {
                        if id.is_empty() {
                            "the highest".to_owned()
                        } else {
                            format!("`{id}`")
                        }
                    };
                    format!(
                        "  ~ “Learned” means {} -> {}",
                        or_highest(from),
                        or_highest(to)
                    )
                }
                DiffLine::ExpectationChanged {
                    milestone,
                    skill,
                    from,
                    to,
                } => {
                    let level = |l: &Option<String>| {
                        l.as_ref()
                            .map_or("learned".to_owned(), |id| format!("`{id}`"))
                    };
                    format!(
                        "  ~ `{milestone}` expects `{skill}` at {} -> {}",
                        level(from),
                        level(to)
                    )
                }
            };
            // One line each, whatever the titles hold.
            out.push_str(&super::text::visible(&text));
            out.push('\n');
        }
        let count = self.lines.len();
        let _ = writeln!(
            out,
            "\n{count} {}.",
            if count == 1 { "change" } else { "changes" }
        );
        out
    }
}

/// Changes to the scale, the learned level and what milestones expect, with old skill ids
/// read as their new names.
fn level_lines(
    old: &Roadmap,
    new: &Roadmap,
    as_new: &dyn Fn(&str) -> String,
    lines: &mut Vec<DiffLine>,
) {
    let scale = |roadmap: &Roadmap| -> Vec<String> {
        roadmap
            .levels
            .iter()
            .map(|level| format!("{} “{}”", level.id, level.title))
            .collect()
    };
    let (from, to) = (scale(old), scale(new));
    if from != to {
        lines.push(DiffLine::ScaleChanged { from, to });
    }
    if old.learned_level != new.learned_level {
        lines.push(DiffLine::LearnedLevelChanged {
            from: old.learned_level.clone(),
            to: new.learned_level.clone(),
        });
    }
    let expectations = |roadmap: &Roadmap, rename: bool| {
        roadmap
            .skills
            .iter()
            .flat_map(|milestone| {
                milestone.expects.iter().map(move |(skill, level)| {
                    let (milestone, skill) = if rename {
                        (as_new(&milestone.id), as_new(skill))
                    } else {
                        (milestone.id.clone(), skill.clone())
                    };
                    ((milestone, skill), level.clone())
                })
            })
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (before, after) = (expectations(old, true), expectations(new, false));
    let keys: BTreeSet<&(String, String)> = before.keys().chain(after.keys()).collect();
    for key in keys {
        let (from, to) = (before.get(key), after.get(key));
        if from != to {
            lines.push(DiffLine::ExpectationChanged {
                milestone: key.0.clone(),
                skill: key.1.clone(),
                from: from.cloned(),
                to: to.cloned(),
            });
        }
    }
}

fn stage_lines(old: &Roadmap, new: &Roadmap, lines: &mut Vec<DiffLine>) {
    for stage in &new.stages {
        match old.stage(&stage.id) {
            None => lines.push(DiffLine::StageAdded {
                id: stage.id.clone(),
                title: stage.title.clone(),
            }),
            Some(before) if before.title != stage.title => lines.push(DiffLine::StageRenamed {
                id: stage.id.clone(),
                from: before.title.clone(),
                to: stage.title.clone(),
            }),
            Some(_) => {}
        }
    }
    for stage in &old.stages {
        if new.stage(&stage.id).is_none() {
            lines.push(DiffLine::StageRemoved {
                id: stage.id.clone(),
                title: stage.title.clone(),
            });
        }
    }
    let kept_order = |roadmap: &Roadmap, other: &Roadmap| -> Vec<String> {
        roadmap
            .stages
            .iter()
            .filter(|s| other.stage(&s.id).is_some())
            .map(|s| s.id.clone())
            .collect()
    };
    let new_order = kept_order(new, old);
    if kept_order(old, new) != new_order {
        lines.push(DiffLine::StagesReordered { order: new_order });
    }
}

/// What changed in one skill, field by field (prerequisites are listed on their own).
fn skill_changes(old: &Skill, new: &Skill) -> Vec<String> {
    let mut changes = Vec::new();
    if old.title != new.title {
        changes.push(format!("title “{}” -> “{}”", old.title, new.title));
    }
    if old.stage != new.stage {
        changes.push(format!("stage {} -> {}", old.stage, new.stage));
    }
    if old.area != new.area {
        changes.push(format!("area {} -> {}", old.area.0, new.area.0));
    }
    if old.kind != new.kind {
        changes.push(format!("kind {:?} -> {:?}", old.kind, new.kind));
    }
    if old.optional != new.optional {
        changes.push(if new.optional {
            "now optional".to_owned()
        } else {
            "no longer optional".to_owned()
        });
    }
    if old.estimate_hours != new.estimate_hours {
        let hours = |h: Option<u32>| h.map_or("none".to_owned(), |h| format!("{h} h"));
        changes.push(format!(
            "estimate {} -> {}",
            hours(old.estimate_hours),
            hours(new.estimate_hours)
        ));
    }
    if old.summary != new.summary {
        changes.push("summary reworded".to_owned());
    }
    if old.rubric != new.rubric {
        changes.push("rubric reworded".to_owned());
    }
    if old.resources != new.resources {
        changes.push(format!(
            "links {} -> {}",
            old.resources.len(),
            new.resources.len()
        ));
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rename_is_not_an_add_and_a_remove_and_its_prerequisites_follow() {
        let mut old = Roadmap::new_empty("r", "R");
        old.skills = vec![
            Skill::new("git", "Git", "junior"),
            Skill::new("sql", "SQL", "junior"),
            Skill::new("orm", "ORM", "mid").requiring(&["sql"]),
        ];
        let mut new = old.clone();
        new.skills[1].id = "relational-sql".into();
        new.skills[1].replaces = vec!["sql".into()];
        new.skills[2].requires = vec!["relational-sql".into(), "git".into()];
        let diff = RoadmapDiff::compute(&old, &new);
        assert_eq!(
            diff.lines,
            vec![
                DiffLine::SkillRenamed {
                    from: "sql".into(),
                    to: "relational-sql".into()
                },
                DiffLine::PrerequisiteAdded {
                    required: "git".into(),
                    skill: "orm".into()
                },
            ]
        );
        assert!(RoadmapDiff::compute(&old, &old).is_empty());
        assert_eq!(
            RoadmapDiff::compute(&old, &old).to_text(),
            "No differences.\n"
        );
    }
}
