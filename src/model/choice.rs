//! Which member of each "pick one of" group a person is taken to go for: one rule, used by
//! the plan to a target role, ready next, team gaps, insights, coverage and mentors.
//!
//! A group is met by the member the person learned; else the one they picked; else the one
//! they are learning; else one that fits the choices already made (a framework whose
//! language they chose, never one that needs a skipped skill); else the cheapest by
//! estimate, counting what it needs that is not learned yet, the first listed among
//! equals. A skipped member is never chosen. Groups are chosen prerequisites first, so a
//! framework group sees the language group's choice.

use foldhash::{HashMap, HashSet};

use super::lookup::Lookup;
use super::{PickOneGroup, Progress, Roadmap, Status};

/// Why a member was taken for its group, as the details panel says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChoiceReason {
    Learned,
    Picked,
    Learning,
    /// It needs what was chosen in another group (the others need something else).
    FitsChoices,
    /// The fewest hours to learn, with what it needs.
    Cheapest,
}

impl ChoiceReason {
    pub fn label(self) -> &'static str {
        match self {
            ChoiceReason::Learned => "learned",
            ChoiceReason::Picked => "your pick",
            ChoiceReason::Learning => "being learned",
            ChoiceReason::FitsChoices => "fits your other choices",
            ChoiceReason::Cheapest => "the fewest hours",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupChoice {
    pub member: String,
    pub reason: ChoiceReason,
}

/// The member chosen in every group that has one not skipped, by group id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupChoices {
    by_group: HashMap<String, GroupChoice>,
}

impl GroupChoices {
    pub fn resolve(roadmap: &Roadmap, progress: &Progress) -> Self {
        Self::resolve_with(&Lookup::new(roadmap), roadmap, progress)
    }

    pub(super) fn resolve_with(lookup: &Lookup, roadmap: &Roadmap, progress: &Progress) -> Self {
        let mut choices = Self::default();
        for group in groups_prerequisites_first(lookup, roadmap) {
            if let Some(choice) = choose(lookup, progress, group, &choices) {
                choices.by_group.insert(group.id.clone(), choice);
            }
        }
        choices
    }

    pub fn get(&self, group_id: &str) -> Option<&GroupChoice> {
        self.by_group.get(group_id)
    }

    /// The member taken for a group; `None` when every member is skipped.
    pub fn member(&self, group_id: &str) -> Option<&str> {
        self.get(group_id).map(|choice| choice.member.as_str())
    }
}

/// The groups in an order where a group comes after the groups its members need.
fn groups_prerequisites_first<'a>(
    lookup: &Lookup<'a>,
    roadmap: &'a Roadmap,
) -> Vec<&'a PickOneGroup> {
    let needs: Vec<HashSet<&str>> = roadmap
        .pick_one_groups
        .iter()
        .map(|group| groups_needed(lookup, group))
        .collect();
    let mut done: HashSet<&str> = HashSet::default();
    let mut order = Vec::with_capacity(roadmap.pick_one_groups.len());
    while order.len() < roadmap.pick_one_groups.len() {
        let next = roadmap
            .pick_one_groups
            .iter()
            .zip(&needs)
            .find(|(group, needs)| {
                !done.contains(group.id.as_str())
                    && needs
                        .iter()
                        .all(|needed| *needed == group.id || done.contains(needed))
            })
            .map(|(group, _)| group)
            // A cycle among groups (validation reports it): the first left, in file order.
            .or_else(|| {
                roadmap
                    .pick_one_groups
                    .iter()
                    .find(|group| !done.contains(group.id.as_str()))
            });
        let Some(group) = next else { break };
        done.insert(group.id.as_str());
        order.push(group);
    }
    order
}

/// The groups that any member of `group` needs, through any depth of prerequisites.
fn groups_needed<'a>(lookup: &Lookup<'a>, group: &'a PickOneGroup) -> HashSet<&'a str> {
    let mut found = HashSet::default();
    let mut seen: HashSet<&str> = HashSet::default();
    let mut stack: Vec<&str> = group.skills.iter().map(String::as_str).collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(needed) = lookup.group(id) {
            found.insert(needed.id.as_str());
            stack.extend(needed.skills.iter().map(String::as_str));
            continue;
        }
        if let Some(skill) = lookup.skill(id) {
            if let Some(own) = lookup.group_of(id)
                && own.id != group.id
            {
                found.insert(own.id.as_str());
            }
            stack.extend(skill.requires.iter().map(String::as_str));
        }
    }
    found
}

fn choose(
    lookup: &Lookup,
    progress: &Progress,
    group: &PickOneGroup,
    made: &GroupChoices,
) -> Option<GroupChoice> {
    let members: Vec<&str> = group
        .skills
        .iter()
        .map(String::as_str)
        .filter(|member| lookup.skill(member).is_some())
        .collect();
    let with_status = |status: Status| {
        members
            .iter()
            .find(|member| progress.status(member) == status)
    };
    let found = |member: &&str, reason| GroupChoice {
        member: (*member).to_owned(),
        reason,
    };
    if let Some(member) = with_status(Status::Learned) {
        return Some(found(member, ChoiceReason::Learned));
    }
    let open: Vec<&str> = members
        .iter()
        .copied()
        .filter(|member| progress.status(member) != Status::Skipped)
        .collect();
    if let Some(member) = open.iter().find(|member| progress.is_picked(member)) {
        return Some(found(member, ChoiceReason::Picked));
    }
    if let Some(member) = with_status(Status::Learning) {
        return Some(found(member, ChoiceReason::Learning));
    }
    let fitting: Vec<(&str, Cost)> = open
        .iter()
        .filter_map(|member| Some((*member, cost(lookup, progress, member, made)?)))
        .collect();
    // Members that contradict a choice or need a skipped skill go only when all do: then
    // the first listed.
    let (member, cost) = fitting
        .iter()
        .min_by_key(|(_, cost)| cost.hours)
        .copied()
        .or_else(|| open.first().map(|member| (*member, Cost::default())))?;
    let reason = if cost.uses_a_choice && fitting.len() < open.len() {
        ChoiceReason::FitsChoices
    } else {
        ChoiceReason::Cheapest
    };
    Some(found(&member, reason))
}

#[derive(Clone, Copy, Debug, Default)]
struct Cost {
    /// The member's hours and those of what it needs that is not learned yet.
    hours: u64,
    /// Whether it builds on a member chosen in another group.
    uses_a_choice: bool,
}

/// What going for `member` costs; `None` when it needs a skipped skill or another member
/// of a group already decided.
fn cost(lookup: &Lookup, progress: &Progress, member: &str, made: &GroupChoices) -> Option<Cost> {
    let mut cost = Cost::default();
    let mut seen: HashSet<&str> = HashSet::default();
    let mut stack = vec![member];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(group) = lookup.group(id) {
            // A group needed: through its choice, which is counted where it is chosen.
            if made.member(&group.id).is_some() {
                cost.uses_a_choice = true;
            }
            continue;
        }
        let Some(skill) = lookup.skill(id) else {
            continue;
        };
        if id != member {
            match progress.status(id) {
                Status::Learned => continue,
                Status::Skipped => return None,
                _ => {}
            }
            if let Some(group) = lookup.group_of(id)
                && let Some(chosen) = made.member(&group.id)
            {
                if chosen != id {
                    return None;
                }
                cost.uses_a_choice = true;
                continue;
            }
        }
        if skill.kind == super::SkillKind::Skill && !skill.optional {
            cost.hours += u64::from(skill.estimate_hours.unwrap_or(0));
        }
        stack.extend(skill.requires.iter().map(String::as_str));
    }
    Some(cost)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Skill, Stage, Timestamp};

    /// Two languages (Java 80 h, Python 60 h) and a framework for each (40 h).
    fn roadmap() -> Roadmap {
        let mut roadmap = Roadmap::new_empty("choice", "Choice");
        roadmap.stages = vec![Stage {
            id: "s".into(),
            title: "S".into(),
        }];
        let skill = |id: &str, hours: u32, requires: &[&str]| {
            let mut skill = Skill::new(id, id, "s").requiring(requires);
            skill.estimate_hours = Some(hours);
            skill
        };
        roadmap.skills = vec![
            skill("http", 5, &[]),
            skill("spring", 40, &["java", "http"]),
            skill("django", 40, &["python", "http"]),
            skill("java", 80, &[]),
            skill("python", 60, &[]),
        ];
        // The framework group first in the file: it must still be chosen after the language.
        roadmap.pick_one_groups = vec![
            PickOneGroup {
                id: "framework".into(),
                title: "Framework".into(),
                skills: vec!["spring".into(), "django".into()],
            },
            PickOneGroup {
                id: "language".into(),
                title: "Language".into(),
                skills: vec!["java".into(), "python".into()],
            },
        ];
        roadmap
    }

    fn chosen(progress: &Progress) -> (String, ChoiceReason, String, ChoiceReason) {
        let choices = GroupChoices::resolve(&roadmap(), progress);
        let language = choices.get("language").unwrap().clone();
        let framework = choices.get("framework").unwrap().clone();
        (
            language.member,
            language.reason,
            framework.member,
            framework.reason,
        )
    }

    #[test]
    fn a_fresh_start_takes_the_cheapest_and_what_fits_it() {
        let progress = Progress::new("choice");
        assert_eq!(
            chosen(&progress),
            (
                "python".into(),
                ChoiceReason::Cheapest,
                "django".into(),
                ChoiceReason::FitsChoices
            )
        );
    }

    #[test]
    fn learned_then_picked_then_learning_win_and_skipped_never_does() {
        let at = Timestamp::from_unix_secs(0);
        let mut progress = Progress::new("choice");
        progress.set_status("python", Status::Skipped, at);
        let (language, _, framework, _) = chosen(&progress);
        assert_eq!((language.as_str(), framework.as_str()), ("java", "spring"));

        let mut progress = Progress::new("choice");
        progress.set_status("java", Status::Learning, at);
        assert_eq!(chosen(&progress).0, "java");
        assert_eq!(chosen(&progress).1, ChoiceReason::Learning);
        progress.set_picked("python", true);
        assert_eq!(chosen(&progress).0, "python");
        assert_eq!(chosen(&progress).1, ChoiceReason::Picked);
        assert_eq!(chosen(&progress).2, "django");
        progress.set_status("java", Status::Learned, at);
        assert_eq!(chosen(&progress).0, "java");
        assert_eq!(chosen(&progress).1, ChoiceReason::Learned);
        assert_eq!(chosen(&progress).2, "spring");
    }

    #[test]
    fn picks_a_file_should_not_hold_change_nothing_they_should_not() {
        // Hand-edited or merged from two windows: a pick outside any group, two picks in
        // one group, a pick on a skipped member.
        let at = Timestamp::from_unix_secs(0);
        let mut progress = Progress::new("choice");
        progress.set_picked("http", true);
        assert_eq!(
            chosen(&progress).0,
            "python",
            "a pick outside a group is ignored"
        );
        progress.set_picked("python", true);
        progress.set_picked("java", true);
        assert_eq!(
            chosen(&progress).0,
            "java",
            "of two picks, the first listed"
        );
        progress.set_status("java", Status::Skipped, at);
        assert_eq!(
            chosen(&progress).0,
            "python",
            "a skipped pick is never taken"
        );
    }
}
