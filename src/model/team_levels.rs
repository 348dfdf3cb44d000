//! Team coverage by level: a skill is covered when enough people hold it at the level the
//! plan asks for (by default two at the learned level); what is under-covered now, what
//! would be if one person left, and the shortest way to close each gap.

use std::borrow::Cow;

use super::team::{Member, Team};
use super::{Progress, Roadmap, SkillKind, TargetPlan, Timestamp};

/// The rule as places on the scale: how many people, at which level (`None` without a
/// scale: learned is enough).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoverageNeed {
    pub people: usize,
    pub rank: Option<usize>,
}

impl CoverageNeed {
    pub fn of(roadmap: &Roadmap, team: &Team) -> Self {
        let rank = roadmap
            .rank_or_learned(&team.coverage.level)
            .or_else(|| roadmap.learned_rank());
        Self {
            people: team.coverage.people.max(1) as usize,
            rank,
        }
    }
}

/// Every member's level per skill, in roadmap order (0: not held), or `None` where their
/// progress is unavailable. Without a scale a learned skill counts as level 1.
pub fn team_level_table(roadmap: &Roadmap, team: &Team) -> Vec<Option<Vec<u8>>> {
    team.members
        .iter()
        .map(|member| {
            let progress = member.progress()?;
            if roadmap.levels.is_empty() {
                return Some(
                    roadmap
                        .skills
                        .iter()
                        .map(|skill| u8::from(progress.status(&skill.id) == super::Status::Learned))
                        .collect(),
                );
            }
            Some(member.team_levels(roadmap, true))
        })
        .collect()
}

/// How many members hold each skill at the needed level, in roadmap order.
pub fn level_coverage(table: &[Option<Vec<u8>>], need: CoverageNeed, skills: usize) -> Vec<usize> {
    let needed = need.rank.unwrap_or(1);
    let mut counts = vec![0; skills];
    for levels in table.iter().flatten() {
        for (count, level) in counts.iter_mut().zip(levels) {
            if usize::from(*level) >= needed {
                *count += 1;
            }
        }
    }
    counts
}

/// The skills the team works with: what its members' current roles need (milestones'
/// prerequisites, and theirs), in roadmap order. Without roles, every skill that is not
/// optional.
pub fn team_skills(roadmap: &Roadmap, team: &Team) -> Vec<bool> {
    let index = roadmap.indices_by_id();
    let mut used = vec![false; roadmap.skills.len()];
    let empty = Progress::new(&roadmap.id);
    let mut roles: Vec<&str> = team
        .members
        .iter()
        .map(|member| member.plan.current_role.as_str())
        .filter(|role| {
            roadmap
                .skill(role)
                .is_some_and(|s| s.kind == SkillKind::Milestone)
        })
        .collect();
    roles.sort_unstable();
    roles.dedup();
    if roles.is_empty() {
        for (flag, skill) in used.iter_mut().zip(&roadmap.skills) {
            *flag = skill.kind == SkillKind::Skill && !skill.optional;
        }
        return used;
    }
    for role in roles {
        let Some(plan) = TargetPlan::compute(roadmap, &empty, role) else {
            continue;
        };
        for skill_id in &plan.required {
            if let Some(flag) = index
                .get(skill_id.as_str())
                .and_then(|at| used.get_mut(*at))
            {
                *flag = true;
            }
        }
    }
    used
}

/// One way to close a coverage gap: who learns what, and by when.
#[derive(Clone, Debug, PartialEq)]
pub struct Closing {
    pub skill_id: String,
    /// The member who gets there soonest.
    pub member: usize,
    /// What they learn or deepen, prerequisites first, the skill last.
    pub skills: Vec<String>,
    pub hours: u32,
    /// At their weekly pace from today; `None` with no weekly budget.
    pub by: Option<Timestamp>,
}

/// What the team's coverage looks like now and without one person.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CoverageReport {
    /// Skills the team works with that fewer people hold at the level than the rule asks,
    /// with how many do.
    pub under_covered: Vec<(String, usize)>,
    /// Skills that are covered now and would not be if this member left.
    pub if_leaves: Vec<(String, usize)>,
    /// For each skill of `if_leaves`, the shortest way to cover it again.
    pub closings: Vec<Closing>,
}

/// The coverage report, with what-if for `leaving` (a member index), on `today`.
pub fn coverage_report(
    roadmap: &Roadmap,
    team: &Team,
    leaving: Option<usize>,
    today: Timestamp,
) -> CoverageReport {
    let need = CoverageNeed::of(roadmap, team);
    let table = team_level_table(roadmap, team);
    let counts = level_coverage(&table, need, roadmap.skills.len());
    let used = team_skills(roadmap, team);
    let needed = need.rank.unwrap_or(1);
    let mut report = CoverageReport::default();
    for ((skill, count), used) in roadmap.skills.iter().zip(&counts).zip(&used) {
        if *used && *count < need.people {
            report.under_covered.push((skill.id.clone(), *count));
        }
    }
    let Some(leaving) = leaving else {
        return report;
    };
    let Some(Some(levels)) = table.get(leaving) else {
        return report;
    };
    for (at, ((skill, count), used)) in roadmap.skills.iter().zip(&counts).zip(&used).enumerate() {
        let holds = levels
            .get(at)
            .is_some_and(|level| usize::from(*level) >= needed);
        if *used && holds && *count == need.people {
            report.if_leaves.push((skill.id.clone(), count - 1));
        }
    }
    // Each member's progress with the levels the team goes by, made once for all skills.
    let rated: Vec<Option<Cow<'_, Progress>>> = (team.members.iter())
        .map(|member| member.rated_progress(roadmap))
        .collect();
    for (skill_id, _) in &report.if_leaves {
        let closing = (team.members.iter().zip(&rated).enumerate())
            .filter(|(index, _)| *index != leaving)
            .filter_map(|(index, (member, progress))| {
                let progress = progress.as_deref()?;
                let (skills, hours) = way_to(roadmap, progress, skill_id, need.rank)?;
                Some((index, member, skills, hours))
            })
            .min_by(|a, b| {
                let weeks = |hours: u32, member: &Member| {
                    let pace = member.plan.weekly_hours;
                    if pace > 0.0 {
                        hours as f32 / pace
                    } else {
                        f32::INFINITY
                    }
                };
                weeks(a.3, a.1)
                    .total_cmp(&weeks(b.3, b.1))
                    .then(a.0.cmp(&b.0))
            });
        if let Some((member_index, member, skills, hours)) = closing {
            report.closings.push(Closing {
                skill_id: skill_id.clone(),
                member: member_index,
                skills,
                hours,
                by: super::projected_finish(today, hours, member.plan.weekly_hours),
            });
        }
    }
    report
}

/// What someone with `progress` still needs to hold `skill_id` at `rank`: the skills
/// (prerequisites not learned, then the skill itself) and their hours. `None` when they
/// already do.
fn way_to(
    roadmap: &Roadmap,
    progress: &Progress,
    skill_id: &str,
    rank: Option<usize>,
) -> Option<(Vec<String>, u32)> {
    let skill = roadmap.skill(skill_id)?;
    let entry = progress.skills.get(skill_id);
    let held = roadmap.held_rank(entry);
    if super::meets(entry, held, rank) {
        return None;
    }
    let plan = TargetPlan::compute(roadmap, progress, skill_id)?;
    let mut skills = plan.gap;
    skills.push(skill_id.to_owned());
    let hours = plan
        .gap_hours
        .saturating_add(skill.estimate_hours.unwrap_or(0));
    Some((skills, hours))
}

impl Member {
    /// The member's progress with the levels the team goes by: a manager's rating, else
    /// the person's own, over the level in the progress. Borrowed when nobody rated.
    pub fn rated_progress(&self, roadmap: &Roadmap) -> Option<Cow<'_, Progress>> {
        let progress = self.progress()?;
        if self.ratings.is_empty() {
            return Some(Cow::Borrowed(progress));
        }
        let mut rated = progress.clone();
        for skill_id in self.rated_skills() {
            let level = self
                .rating_rank(roadmap, skill_id)
                .and_then(|rank| roadmap.level_at(rank));
            if let Some(level) = level {
                let entry = rated.skills.entry(skill_id.to_owned()).or_default();
                entry.level = Some(level.id.clone());
                if entry.status == super::Status::NotStarted {
                    entry.status = super::Status::Learning;
                }
            }
        }
        Some(Cow::Owned(rated))
    }
}
