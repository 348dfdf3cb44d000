//! The road to a target role: every skill a milestone needs (its prerequisites, and theirs),
//! what is still to learn in an order that can be learned, the effort left, and when it
//! will be done at a weekly learning budget.

use foldhash::{HashMap, HashSet};

use super::choice::{GroupChoice, GroupChoices};
use super::lookup::Lookup;
use super::{Progress, Roadmap, Status, Timestamp};

/// What a target needs, worked out from the roadmap and someone's progress.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetPlan {
    pub target_id: String,
    /// Every skill the target needs, prerequisites before what needs them. A pick-one
    /// group contributes the member `GroupChoices` takes for the person. Optional and
    /// skipped skills are not needed.
    pub required: Vec<String>,
    /// The groups the target needs, with the member taken for each and why, in the
    /// roadmap's order of groups.
    pub choices: Vec<(String, GroupChoice)>,
    /// The required skills not learned yet, or held below the level the target expects,
    /// in the same learnable order.
    pub gap: Vec<String>,
    /// The level each skill must be held at, by its place on the scale, where the target
    /// or a milestone on the way names one.
    pub expected: HashMap<String, usize>,
    /// Gap skills the person holds, but below the level expected.
    pub below_level: HashSet<String>,
    /// Estimated hours for the gap, from the skills that have an estimate.
    pub gap_hours: u32,
    /// Gap skills without an estimate (the hours leave them out).
    pub unestimated: usize,
}

impl TargetPlan {
    pub fn compute(roadmap: &Roadmap, progress: &Progress, target_id: &str) -> Option<Self> {
        // Ids looked up through maps: a roadmap may have 10,000 skills.
        let lookup = Lookup::new(roadmap);
        let target = lookup.skill(target_id)?;
        let choices = GroupChoices::resolve_with(&lookup, roadmap, progress);
        let mut walk = Walk {
            roadmap,
            lookup: &lookup,
            progress,
            choices: &choices,
            visited: HashSet::default(),
            needed: Vec::new(),
            groups: Vec::new(),
            expected: HashMap::default(),
        };
        walk.expect(target);
        for requirement in &target.requires {
            walk.visit(requirement);
        }
        let Walk {
            needed,
            mut groups,
            expected,
            ..
        } = walk;
        // The groups in the roadmap's order, as they are listed to the person.
        groups.sort_by_key(|(group_id, _)| {
            roadmap
                .pick_one_groups
                .iter()
                .position(|group| group.id == *group_id)
        });
        let required = learnable_order(roadmap, &lookup, needed);
        let mut below_level = HashSet::default();
        let gap: Vec<String> = required
            .iter()
            .filter(|id| {
                let entry = progress.skills.get(id.as_str());
                let held = roadmap.held_rank(entry);
                let met = super::levels::meets(entry, held, expected.get(id.as_str()).copied());
                if !met && held.is_some() {
                    below_level.insert((*id).clone());
                }
                !met
            })
            .cloned()
            .collect();
        let (gap_hours, unestimated) =
            gap.iter()
                .filter_map(|id| lookup.skill(id))
                .fold((0, 0), |(hours, missing), skill| {
                    match skill.estimate_hours {
                        Some(estimate) => (u32::saturating_add(hours, estimate), missing),
                        None => (hours, missing + 1),
                    }
                });
        Some(Self {
            target_id: target_id.to_owned(),
            required,
            choices: groups,
            gap,
            expected,
            below_level,
            gap_hours,
            unestimated,
        })
    }

    /// When the gap is learned at `weekly_hours` a week from `start`; `None` with no
    /// budget. Done already gives `start`.
    pub fn projected_finish(&self, start: Timestamp, weekly_hours: f32) -> Option<Timestamp> {
        projected_finish(start, self.gap_hours, weekly_hours)
    }
}

/// The skills in an order where each comes after what it needs (through a group, after
/// the member chosen), earlier stages and the roadmap's own order first where free.
fn learnable_order(roadmap: &Roadmap, lookup: &Lookup, skills: Vec<String>) -> Vec<String> {
    use foldhash::HashMap;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;

    let position = roadmap.indices_by_id();
    let chosen: HashSet<&str> = skills.iter().map(String::as_str).collect();
    let key = |id: &str| {
        let skill = lookup.skill(id);
        let stage = skill
            .and_then(|s| roadmap.stage_index(&s.stage))
            .unwrap_or(usize::MAX);
        (stage, position.get(id).copied().unwrap_or(usize::MAX))
    };
    // What each chosen skill waits for, among the chosen.
    let mut waiting: HashMap<&str, usize> = HashMap::default();
    let mut unlocks: HashMap<&str, Vec<&str>> = HashMap::default();
    for id in &chosen {
        let requires = lookup
            .skill(id)
            .map(|s| s.requires.as_slice())
            .unwrap_or_default();
        let mut count = 0;
        for required in requires {
            let members: Vec<&str> = match lookup.group(required) {
                Some(group) => group.skills.iter().map(String::as_str).collect(),
                None => vec![required.as_str()],
            };
            for member in members.into_iter().filter(|m| chosen.contains(m)) {
                count += 1;
                unlocks.entry(member).or_default().push(id);
            }
        }
        waiting.insert(id, count);
    }
    let mut ready: BinaryHeap<Reverse<((usize, usize), &str)>> = waiting
        .iter()
        .filter(|(_, count)| **count == 0)
        .map(|(id, _)| Reverse((key(id), *id)))
        .collect();
    let mut order = Vec::with_capacity(skills.len());
    while let Some(Reverse((_, id))) = ready.pop() {
        order.push(id.to_owned());
        for next in unlocks.get(id).map(Vec::as_slice).unwrap_or_default() {
            if let Some(count) = waiting.get_mut(next) {
                *count -= 1;
                if *count == 0 {
                    ready.push(Reverse((key(next), next)));
                }
            }
        }
    }
    if order.len() < skills.len() {
        // A cycle (which validation reports): keep the depth-first order.
        return skills;
    }
    order
}

/// `start` plus the days `hours` take at `weekly_hours` a week, rounded up to whole days.
pub fn projected_finish(start: Timestamp, hours: u32, weekly_hours: f32) -> Option<Timestamp> {
    if !(weekly_hours > 0.0 && weekly_hours.is_finite()) {
        return None;
    }
    let days = (f64::from(hours) / f64::from(weekly_hours) * 7.0).ceil() as i64;
    Some(Timestamp::from_unix_secs(start.unix_secs + days * 86_400))
}

/// Hours a week that learn `hours` between `today` and `target`; `None` when the target
/// is not in the future.
pub fn weekly_hours_needed(hours: u32, today: Timestamp, target: Timestamp) -> Option<f64> {
    let weeks = (target.unix_secs - today.unix_secs) as f64 / (7.0 * 86_400.0);
    (weeks > 0.0).then(|| f64::from(hours) / weeks)
}

/// The walk from a target through what it needs.
struct Walk<'a> {
    roadmap: &'a Roadmap,
    lookup: &'a Lookup<'a>,
    progress: &'a Progress,
    choices: &'a GroupChoices,
    visited: HashSet<String>,
    /// The skills needed, prerequisites first.
    needed: Vec<String>,
    /// The groups met on the way, with their choice.
    groups: Vec<(String, GroupChoice)>,
    /// The highest level a milestone on the way expects, by skill id.
    expected: HashMap<String, usize>,
}

impl Walk<'_> {
    /// Takes in the levels a milestone expects (levels the scale lacks are ignored, and
    /// reported by validation).
    fn expect(&mut self, milestone: &super::Skill) {
        for (skill_id, level_id) in &milestone.expects {
            if let Some(rank) = self.roadmap.level_rank(level_id) {
                let entry = self.expected.entry(skill_id.clone()).or_insert(rank);
                *entry = (*entry).max(rank);
            }
        }
    }

    /// Adds `id` (a skill, milestone or pick-one group) and what it needs, prerequisites
    /// first. A group adds the member chosen for it; a member of a group needed directly
    /// counts as that group's choice only when it is the one chosen.
    fn visit(&mut self, id: &str) {
        if !self.visited.insert(id.to_owned()) {
            return;
        }
        if let Some(group) = self.lookup.group(id) {
            if let Some(choice) = self.choices.get(&group.id) {
                self.groups.push((group.id.clone(), choice.clone()));
                let member = choice.member.clone();
                self.visit(&member);
            }
            return;
        }
        let Some(skill) = self.lookup.skill(id) else {
            return;
        };
        if skill.optional || self.progress.status(id) == Status::Skipped {
            return;
        }
        if skill.kind == super::SkillKind::Milestone {
            self.expect(skill);
        }
        for requirement in &skill.requires {
            self.visit(requirement);
        }
        if skill.kind == super::SkillKind::Skill {
            self.needed.push(id.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PickOneGroup, Skill, SkillKind, Stage};

    fn roadmap() -> Roadmap {
        let mut roadmap = Roadmap::new_empty("plan", "Plan");
        roadmap.stages = vec![Stage {
            id: "s".into(),
            title: "S".into(),
        }];
        let hours = |mut skill: Skill, h: u32| {
            skill.estimate_hours = Some(h);
            skill
        };
        let mut extra = hours(Skill::new("extra", "Extra", "s"), 50);
        extra.optional = true;
        let mut target = Skill::new("target", "Target", "s").requiring(&["api", "extra", "db"]);
        target.kind = SkillKind::Milestone;
        roadmap.skills = vec![
            hours(Skill::new("basics", "Basics", "s"), 10),
            hours(Skill::new("java", "Java", "s").requiring(&["basics"]), 80),
            hours(
                Skill::new("python", "Python", "s").requiring(&["basics"]),
                60,
            ),
            hours(Skill::new("api", "API", "s").requiring(&["language"]), 20),
            Skill::new("db", "Databases", "s").requiring(&["basics"]),
            extra,
            target,
        ];
        roadmap.pick_one_groups = vec![PickOneGroup {
            id: "language".into(),
            title: "A language".into(),
            skills: vec!["java".into(), "python".into()],
        }];
        roadmap
    }

    #[test]
    fn huge_estimates_add_up_to_at_most_the_largest_number_not_around_it() {
        let mut roadmap = roadmap();
        for skill in &mut roadmap.skills {
            skill.estimate_hours = skill.estimate_hours.map(|_| u32::MAX);
        }
        let plan = TargetPlan::compute(&roadmap, &Progress::new("plan"), "target").unwrap();
        assert_eq!(plan.gap_hours, u32::MAX);
    }

    #[test]
    fn the_gap_is_the_transitive_prerequisites_in_a_learnable_order() {
        let roadmap = roadmap();
        let mut progress = Progress::new("plan");
        let plan = TargetPlan::compute(&roadmap, &progress, "target").unwrap();
        // A fresh start takes the cheaper alternative (Python, 60 h), not the first listed.
        assert_eq!(plan.required, ["basics", "python", "api", "db"]);
        assert_eq!(plan.gap, plan.required);
        assert_eq!(plan.gap_hours, 10 + 60 + 20);
        assert_eq!(plan.unestimated, 1, "databases has no estimate");
        assert_eq!(plan.choices.len(), 1);
        assert_eq!(
            plan.choices[0].1.reason,
            crate::model::ChoiceReason::Cheapest
        );

        // Learning Java makes it the group's choice; learned skills leave the gap.
        let now = Timestamp::now();
        progress.set_status("java", Status::Learning, now);
        progress.set_status("basics", Status::Learned, now);
        let plan = TargetPlan::compute(&roadmap, &progress, "target").unwrap();
        assert_eq!(plan.required, ["basics", "java", "api", "db"]);
        assert_eq!(plan.gap, ["java", "api", "db"]);
        assert_eq!(plan.gap_hours, 80 + 20);
        // Every skill comes after its prerequisites.
        for (at, id) in plan.required.iter().enumerate() {
            for needed in &roadmap.skill(id).unwrap().requires {
                if let Some(before) = plan.required.iter().position(|r| r == needed) {
                    assert!(before < at, "{needed} before {id}");
                }
            }
        }
    }

    #[test]
    fn projected_dates_follow_the_weekly_budget() {
        let start = Timestamp::parse("2026-01-01").unwrap();
        let finish = projected_finish(start, 100, 10.0).unwrap();
        assert_eq!(finish.date_string(), "2026-03-12", "10 weeks later");
        let finish = projected_finish(start, 5, 10.0).unwrap();
        assert_eq!(
            finish.date_string(),
            "2026-01-05",
            "half a week, rounded up to days"
        );
        assert_eq!(projected_finish(start, 0, 5.0), Some(start));
        assert_eq!(projected_finish(start, 10, 0.0), None);
    }
}
