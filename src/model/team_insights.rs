//! What follows from a team plan: who knows what (the matrix), what nobody or only one
//! person knows, how far each person is from their target role, and who can mentor whom.

use super::choice::GroupChoices;
use super::team::{Member, Team};
use super::{ProgressSummary, Roadmap, SkillKind, Status, TargetPlan, Timestamp};

/// How many members have learned each skill, indexed like `roadmap.skills`. Members whose
/// progress could not be read count as not knowing anything.
pub fn coverage(roadmap: &Roadmap, team: &Team) -> Vec<usize> {
    roadmap
        .skills
        .iter()
        .map(|skill| {
            team.available()
                .filter(|(_, progress)| progress.status(&skill.id) == Status::Learned)
                .count()
        })
        .collect()
}

/// How many skills (milestones aside) one person has in each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub learned: usize,
    pub learning: usize,
    pub skipped: usize,
    pub not_started: usize,
}

impl StatusCounts {
    pub fn add(&mut self, status: Status) {
        match status {
            Status::Learned => self.learned += 1,
            Status::Learning => self.learning += 1,
            Status::Skipped => self.skipped += 1,
            Status::NotStarted => self.not_started += 1,
        }
    }
}

pub fn member_counts(roadmap: &Roadmap, member: &Member) -> Option<StatusCounts> {
    let progress = member.progress()?;
    let mut counts = StatusCounts::default();
    for skill in roadmap.skills.iter().filter(|s| s.kind == SkillKind::Skill) {
        counts.add(progress.status(&skill.id));
    }
    Some(counts)
}

/// Knowledge the team lacks or holds in one head.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamInsights {
    /// Skills no member has learned, in roadmap order.
    pub unheld: Vec<String>,
    /// Skills exactly one member has learned, with that member's index: if they leave,
    /// the team loses it.
    pub single_holder: Vec<(String, usize)>,
}

/// For each skill (indexed like `roadmap.skills`), whether it is an alternative the team
/// does not need: a member of a pick-one group other than the team's choice. The team's
/// choice is the member most of its people learned (the first listed among equals), or,
/// when nobody learned any, the one a fresh start would take (`GroupChoices`).
pub fn team_alternatives(roadmap: &Roadmap, team: &Team) -> Vec<bool> {
    let counts = coverage(roadmap, team);
    let index = roadmap.indices_by_id();
    let fresh = GroupChoices::resolve(roadmap, &super::Progress::new(&roadmap.id));
    let mut other = vec![false; roadmap.skills.len()];
    for group in &roadmap.pick_one_groups {
        let members: Vec<(&str, usize)> = group
            .skills
            .iter()
            .filter_map(|id| index.get(id.as_str()).map(|at| (id.as_str(), *at)))
            .collect();
        let most = members
            .iter()
            .map(|(_, at)| counts.get(*at).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        let chosen = if most > 0 {
            members
                .iter()
                .find(|(_, at)| counts.get(*at).copied().unwrap_or(0) == most)
                .map(|(id, _)| *id)
        } else {
            fresh.member(&group.id)
        };
        for (id, at) in &members {
            if Some(*id) != chosen
                && let Some(flag) = other.get_mut(*at)
            {
                *flag = true;
            }
        }
    }
    other
}

/// The team's coverage as progress per stage: an item is "learned" when someone in the
/// team learned it, "learning" when someone is learning it; alternatives the team does not
/// need are left out, and a pick-one group counts once, as the team's choice.
pub fn coverage_summary(roadmap: &Roadmap, team: &Team) -> ProgressSummary {
    let alternatives = team_alternatives(roadmap, team);
    let mut summary = ProgressSummary {
        stages: roadmap
            .stages
            .iter()
            .map(|stage| super::StageProgress {
                stage_id: stage.id.clone(),
                ..super::StageProgress::default()
            })
            .collect(),
        ..ProgressSummary::default()
    };
    for (at, skill) in roadmap.skills.iter().enumerate() {
        if skill.kind != SkillKind::Skill
            || skill.optional
            || alternatives.get(at).copied().unwrap_or(false)
        {
            continue;
        }
        let Some(stage) = roadmap
            .stage_index(&skill.stage)
            .and_then(|index| summary.stages.get_mut(index))
        else {
            continue;
        };
        let same = alternatives_of(roadmap, &skill.id);
        let someone = |status: Status| {
            team.available()
                .any(|(_, progress)| holds(progress, &same, status))
        };
        stage.total += 1;
        if someone(Status::Learned) {
            stage.learned += 1;
        } else if someone(Status::Learning) {
            stage.learning += 1;
        }
    }
    let mut overall = super::StageProgress::default();
    for stage in &summary.stages {
        overall.add(stage);
    }
    summary.overall = overall;
    summary
}

/// The skills that count as this one for the team: the members of its pick-one group (one
/// server language is as good as another), or just itself.
fn alternatives_of<'a>(roadmap: &'a Roadmap, skill_id: &'a str) -> Vec<&'a str> {
    match roadmap.group_of(skill_id) {
        Some(group) => group.skills.iter().map(String::as_str).collect(),
        None => vec![skill_id],
    }
}

/// Whether a person has one of `skills` in `status`.
fn holds(progress: &super::Progress, skills: &[&str], status: Status) -> bool {
    skills.iter().any(|id| progress.status(id) == status)
}

/// What nobody or only one person knows. A pick-one group is known by whoever learned any
/// of its members and is reported once, as the team's choice: the other alternatives are
/// no gap (one server language is enough).
pub fn insights(roadmap: &Roadmap, team: &Team) -> TeamInsights {
    let mut result = TeamInsights::default();
    let alternatives = team_alternatives(roadmap, team);
    for (at, skill) in roadmap.skills.iter().enumerate() {
        if skill.kind != SkillKind::Skill || alternatives.get(at).copied().unwrap_or(false) {
            continue;
        }
        let same = alternatives_of(roadmap, &skill.id);
        let mut holders = team
            .available()
            .filter(|(_, progress)| holds(progress, &same, Status::Learned))
            .map(|(index, _)| index);
        match (holders.next(), holders.next()) {
            (None, _) => result.unheld.push(skill.id.clone()),
            (Some(only), None) => result.single_holder.push((skill.id.clone(), only)),
            _ => {}
        }
    }
    result
}

/// One person's way to their target role.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberTarget {
    pub plan: TargetPlan,
    /// Of the skills the target requires.
    pub counts: StatusCounts,
    /// When the gap is learned at the member's weekly budget, from `today`.
    pub finish: Option<Timestamp>,
    /// Whether `finish` is on or before the target date; `None` without a date or budget.
    pub realistic: Option<bool>,
    /// Hours a week that would learn the gap by the target date, if it is in the future.
    pub weekly_hours_needed: Option<f64>,
}

pub fn member_target(roadmap: &Roadmap, member: &Member, today: Timestamp) -> Option<MemberTarget> {
    // The levels the team goes by: a manager's rating counts over the person's own.
    let progress = member.rated_progress(roadmap)?;
    let progress = progress.as_ref();
    let target_id = member.plan.target_role.as_deref()?;
    let plan = TargetPlan::compute(roadmap, progress, target_id)?;
    let mut counts = StatusCounts::default();
    for skill_id in &plan.required {
        counts.add(progress.status(skill_id));
    }
    let finish = plan.projected_finish(today, member.plan.weekly_hours);
    let target_date = member.plan.target_date;
    let realistic = finish.zip(target_date).map(|(finish, due)| finish <= due);
    let weekly_hours_needed =
        target_date.and_then(|due| super::plan::weekly_hours_needed(plan.gap_hours, today, due));
    Some(MemberTarget {
        plan,
        counts,
        finish,
        realistic,
        weekly_hours_needed,
    })
}

/// A skill someone should learn next and the teammates who have learned it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentorSuggestion {
    pub skill_id: String,
    pub mentors: Vec<usize>,
}

/// How many next skills are suggested per person.
pub const NEXT_SKILLS: usize = 5;

/// A member's next skills: their focus skills not yet learned, then what their target
/// still needs and can be worked on now (being learned, or with all it needs learned;
/// with no target, any such skill), each with who on the
/// team has learned it.
pub fn mentors(roadmap: &Roadmap, team: &Team, member_index: usize) -> Vec<MentorSuggestion> {
    let Some(member) = team.members.get(member_index) else {
        return Vec::new();
    };
    let Some(progress) = member.progress() else {
        return Vec::new();
    };
    let summary = ProgressSummary::compute(roadmap, progress);
    // What can be worked on now: what is being learned, and what has all it needs.
    let ready: foldhash::HashSet<&str> = summary.ready_next.iter().map(String::as_str).collect();
    let can_work_on = |id: &str| ready.contains(id) || progress.status(id) == Status::Learning;
    let target_next: Vec<String> = match member
        .plan
        .target_role
        .as_deref()
        .and_then(|target| TargetPlan::compute(roadmap, progress, target))
    {
        Some(plan) => plan.gap.into_iter().filter(|id| can_work_on(id)).collect(),
        None => roadmap
            .skills
            .iter()
            .filter(|skill| can_work_on(&skill.id))
            .map(|skill| skill.id.clone())
            .collect(),
    };
    let mut next: Vec<String> = Vec::new();
    let focus = member.plan.focus.iter().map(|focus| &focus.skill_id);
    for skill_id in focus.chain(target_next.iter()) {
        if next.len() == NEXT_SKILLS {
            break;
        }
        if progress.status(skill_id) != Status::Learned
            && roadmap.skill(skill_id).is_some()
            && !next.contains(skill_id)
        {
            next.push(skill_id.clone());
        }
    }
    next.into_iter()
        .map(|skill_id| {
            let mentors = team
                .available()
                .filter(|(index, progress)| {
                    *index != member_index && progress.status(&skill_id) == Status::Learned
                })
                .map(|(index, _)| index)
                .collect();
            MentorSuggestion { skill_id, mentors }
        })
        .collect()
}

/// How the matrix orders its rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MatrixSort {
    /// Stage, then area, then the roadmap's order.
    #[default]
    Stage,
    Title,
    /// Fewest members who learned it first: where the team is thin.
    Coverage,
}

impl MatrixSort {
    pub const ALL: [MatrixSort; 3] = [MatrixSort::Stage, MatrixSort::Title, MatrixSort::Coverage];

    pub fn label(&self) -> &'static str {
        match self {
            MatrixSort::Stage => "Stage and area",
            MatrixSort::Title => "Title",
            MatrixSort::Coverage => "Fewest who know it",
        }
    }
}

/// Which skills the matrix shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixFilter {
    pub stage: Option<String>,
    pub area: Option<String>,
    /// Skills where at least one member has this status.
    pub status: Option<Status>,
    pub sort: MatrixSort,
}

/// The matrix's rows: indices into `roadmap.skills` (milestones left out), filtered and
/// sorted.
pub fn matrix_rows(
    roadmap: &Roadmap,
    team: &Team,
    coverage: &[usize],
    filter: &MatrixFilter,
) -> Vec<usize> {
    let mut rows: Vec<usize> = roadmap
        .skills
        .iter()
        .enumerate()
        .filter(|(_, skill)| skill.kind == SkillKind::Skill)
        .filter(|(_, skill)| {
            filter
                .stage
                .as_ref()
                .is_none_or(|stage| *stage == skill.stage)
        })
        .filter(|(_, skill)| {
            filter
                .area
                .as_ref()
                .is_none_or(|area| *area == skill.area.0)
        })
        .filter(|(_, skill)| {
            filter.status.is_none_or(|wanted| {
                team.available()
                    .any(|(_, progress)| progress.status(&skill.id) == wanted)
            })
        })
        .map(|(index, _)| index)
        .collect();
    let stage_of = |index: usize| {
        roadmap
            .skills
            .get(index)
            .and_then(|skill| roadmap.stage_index(&skill.stage))
            .unwrap_or(usize::MAX)
    };
    let area_of = |index: usize| roadmap.skills.get(index).map(|skill| skill.area.0.as_str());
    match filter.sort {
        MatrixSort::Stage => rows.sort_by_key(|&index| (stage_of(index), area_of(index), index)),
        MatrixSort::Title => rows.sort_by_key(|&index| {
            roadmap
                .skills
                .get(index)
                .map(|skill| skill.title.to_lowercase())
        }),
        MatrixSort::Coverage => rows.sort_by_key(|&index| {
            (
                coverage.get(index).copied().unwrap_or(0),
                stage_of(index),
                index,
            )
        }),
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Skill;
    use crate::model::team::{Member, RoadmapRef};

    /// Junior: a, b, c (c needs a and b). Senior: d needs c; milestone `senior` needs d.
    fn roadmap() -> Roadmap {
        // The empty roadmap comes with the junior and senior stages.
        let mut roadmap = Roadmap::new_empty("r", "R");
        let mut skills = vec![
            Skill::new("a", "Alpha", "junior"),
            Skill::new("b", "Bravo", "junior"),
            Skill::new("c", "Charlie", "junior").requiring(&["a", "b"]),
            Skill::new("d", "Delta", "senior").requiring(&["c"]),
            Skill::new("senior", "Senior", "senior").requiring(&["d"]),
        ];
        skills[0].estimate_hours = Some(10);
        skills[1].estimate_hours = Some(20);
        skills[2].estimate_hours = Some(30);
        skills[3].estimate_hours = Some(40);
        skills[4].kind = SkillKind::Milestone;
        roadmap.skills = skills;
        roadmap
    }

    fn member(name: &str, learned: &[&str], learning: &[&str]) -> Member {
        let mut member = Member::new(name, "r");
        if let Ok(progress) = member.progress.as_mut() {
            let at = Timestamp::from_unix_secs(0);
            for id in learned {
                progress.set_status(id, Status::Learned, at);
            }
            for id in learning {
                progress.set_status(id, Status::Learning, at);
            }
        }
        member
    }

    /// Ada knows a, b, c; Bo knows a and learns b; Cy's file is missing.
    fn team() -> Team {
        let mut team = Team::new("T", RoadmapRef::default());
        team.members.push(member("Ada", &["a", "b", "c"], &[]));
        team.members.push(member("Bo", &["a"], &["b"]));
        let mut missing = member("Cy", &["d"], &[]);
        missing.progress = Err("missing".into());
        team.members.push(missing);
        team
    }

    #[test]
    fn coverage_and_member_counts_come_from_readable_progress() {
        let roadmap = roadmap();
        let team = team();
        assert_eq!(coverage(&roadmap, &team), vec![2, 1, 1, 0, 0]);
        assert_eq!(
            member_counts(&roadmap, &team.members[1]),
            Some(StatusCounts {
                learned: 1,
                learning: 1,
                skipped: 0,
                not_started: 2
            })
        );
        assert_eq!(member_counts(&roadmap, &team.members[2]), None);
    }

    #[test]
    fn unheld_and_single_holder_skills() {
        let insights = insights(&roadmap(), &team());
        assert_eq!(insights.unheld, vec!["d".to_owned()]);
        assert_eq!(
            insights.single_holder,
            vec![("b".to_owned(), 0), ("c".to_owned(), 0)]
        );
    }

    #[test]
    fn alternatives_of_a_group_the_team_knows_are_no_gap() {
        // Issue 16, item 14: Ruby, PHP and Laravel were reported as team gaps.
        let mut roadmap = roadmap();
        for (id, hours) in [("java", 80), ("python", 60), ("ruby", 60)] {
            let mut skill = Skill::new(id, id, "junior");
            skill.estimate_hours = Some(hours);
            roadmap.skills.push(skill);
        }
        roadmap.pick_one_groups.push(crate::model::PickOneGroup {
            id: "language".into(),
            title: "Language".into(),
            skills: vec!["java".into(), "python".into(), "ruby".into()],
        });
        let mut team = team();
        let at = Timestamp::from_unix_secs(0);
        for member in &mut team.members[..2] {
            if let Ok(progress) = member.progress.as_mut() {
                progress.set_status("java", Status::Learned, at);
            }
        }
        let found = insights(&roadmap, &team);
        assert_eq!(
            found.unheld,
            vec!["d".to_owned()],
            "neither python nor ruby"
        );
        assert!(!found.single_holder.iter().any(|(id, _)| id == "java"));

        // Only Ada knows a language, and it is Ruby: the group is held by one person.
        for member in &mut team.members[..2] {
            if let Ok(progress) = member.progress.as_mut() {
                progress.set_status("java", Status::NotStarted, at);
            }
        }
        if let Ok(progress) = team.members[0].progress.as_mut() {
            progress.set_status("ruby", Status::Learned, at);
        }
        let found = insights(&roadmap, &team);
        assert!(found.single_holder.contains(&("ruby".to_owned(), 0)));
        assert!(!found.unheld.iter().any(|id| id == "java" || id == "python"));

        // Nobody knows one: the gap is the one a fresh start takes (Python, the cheapest).
        if let Ok(progress) = team.members[0].progress.as_mut() {
            progress.set_status("ruby", Status::NotStarted, at);
        }
        let found = insights(&roadmap, &team);
        let languages: Vec<&String> = found
            .unheld
            .iter()
            .filter(|id| ["java", "python", "ruby"].contains(&id.as_str()))
            .collect();
        assert_eq!(languages, ["python"]);
    }

    #[test]
    fn the_gap_to_a_target_is_in_learning_order_with_a_verdict_on_the_date() {
        let roadmap = roadmap();
        let mut bo = member("Bo", &["a"], &["b"]);
        bo.plan.target_role = Some("senior".into());
        bo.plan.weekly_hours = 10.0;
        let today = Timestamp::from_unix_secs(0);
        // 90 h at 10 h a week: 63 days.
        bo.plan.target_date = Some(Timestamp::from_unix_secs(70 * 86_400));
        let target = member_target(&roadmap, &bo, today).unwrap();
        assert_eq!(target.plan.gap, vec!["b", "c", "d"]);
        assert_eq!(target.plan.gap_hours, 90);
        assert_eq!(
            target.counts,
            StatusCounts {
                learned: 1,
                learning: 1,
                skipped: 0,
                not_started: 2
            }
        );
        assert_eq!(target.finish, Some(Timestamp::from_unix_secs(63 * 86_400)));
        assert_eq!(target.realistic, Some(true));
        bo.plan.target_date = Some(Timestamp::from_unix_secs(35 * 86_400));
        let late = member_target(&roadmap, &bo, today).unwrap();
        assert_eq!(late.realistic, Some(false));
        assert_eq!(late.weekly_hours_needed, Some(18.0));
    }

    #[test]
    fn mentors_are_teammates_who_learned_the_next_skills() {
        let roadmap = roadmap();
        let mut team = team();
        team.members[1].plan.target_role = Some("senior".into());
        let suggestions = mentors(&roadmap, &team, 1);
        // Bo's next: b (ready; c waits for b). Ada learned b; Cy is unreadable.
        assert_eq!(
            suggestions,
            vec![MentorSuggestion {
                skill_id: "b".into(),
                mentors: vec![0]
            }]
        );
        // A focus skill comes first even when it is not ready yet.
        team.members[1].plan.focus.push(crate::model::FocusSkill {
            skill_id: "c".into(),
            due: None,
            note: String::new(),
        });
        let ids: Vec<String> = mentors(&roadmap, &team, 1)
            .into_iter()
            .map(|s| s.skill_id)
            .collect();
        assert_eq!(ids, vec!["c", "b"]);
    }

    #[test]
    fn matrix_rows_filter_and_sort() {
        let roadmap = roadmap();
        let team = team();
        let coverage = coverage(&roadmap, &team);
        let all = MatrixFilter::default();
        assert_eq!(
            matrix_rows(&roadmap, &team, &coverage, &all),
            vec![0, 1, 2, 3]
        );
        let junior_learning = MatrixFilter {
            stage: Some("junior".into()),
            status: Some(Status::Learning),
            ..MatrixFilter::default()
        };
        assert_eq!(
            matrix_rows(&roadmap, &team, &coverage, &junior_learning),
            vec![1]
        );
        let thin_first = MatrixFilter {
            sort: MatrixSort::Coverage,
            ..MatrixFilter::default()
        };
        assert_eq!(
            matrix_rows(&roadmap, &team, &coverage, &thin_first),
            vec![3, 1, 2, 0]
        );
    }
}
