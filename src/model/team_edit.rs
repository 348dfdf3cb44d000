//! Changes a manager makes to a team plan, each one checked, applied in one place and
//! named for the undo menu.

use super::team::{FocusSkill, Member, Team};
use super::{CoverageRule, Rating, Status, Timestamp};

#[derive(Clone, Debug, PartialEq)]
pub enum TeamEdit {
    Rename(String),
    AddMember(Box<Member>),
    RemoveMember(usize),
    SetName {
        member: usize,
        name: String,
    },
    /// A milestone or stage id; empty for none.
    SetCurrentRole {
        member: usize,
        role: String,
    },
    SetTarget {
        member: usize,
        target: Option<String>,
    },
    SetTargetDate {
        member: usize,
        date: Option<Timestamp>,
    },
    SetWeeklyHours {
        member: usize,
        hours: f32,
    },
    SetStatus {
        member: usize,
        skill_id: String,
        status: Status,
    },
    /// Adds a focus skill, or replaces the one with the same skill id.
    SetFocus {
        member: usize,
        focus: FocusSkill,
    },
    RemoveFocus {
        member: usize,
        skill_id: String,
    },
    /// The level a member holds a skill at in their progress (their own view).
    SetLevel {
        member: usize,
        skill_id: String,
        level: Option<String>,
    },
    /// Records a rating (the person's, their manager's or a mentor's).
    Rate {
        member: usize,
        rating: Rating,
    },
    RemoveRating {
        member: usize,
        index: usize,
    },
    SetCoverage(CoverageRule),
    SetReviewInterval(u32),
    /// Settles one conflict a merge left in the plan.
    ResolveConflict(super::ConflictChoice),
}

impl TeamEdit {
    /// What the edit does, for "Undo …".
    pub fn label(&self, team: &Team) -> String {
        let name = |member: &usize| {
            team.members
                .get(*member)
                .map_or("a member", |m| m.name.as_str())
                .to_owned()
        };
        match self {
            TeamEdit::Rename(_) => "rename the team".to_owned(),
            TeamEdit::AddMember(member) => format!("add {}", member.name),
            TeamEdit::RemoveMember(member) => format!("remove {}", name(member)),
            TeamEdit::SetName { member, .. } => format!("rename {}", name(member)),
            TeamEdit::SetCurrentRole { member, .. } => format!("set {}’s role", name(member)),
            TeamEdit::SetTarget { member, .. } => format!("set {}’s target role", name(member)),
            TeamEdit::SetTargetDate { member, .. } => {
                format!("set {}’s target date", name(member))
            }
            TeamEdit::SetWeeklyHours { member, .. } => {
                format!("set {}’s weekly hours", name(member))
            }
            TeamEdit::SetStatus { member, status, .. } => format!(
                "mark a skill {} for {}",
                status.label().to_lowercase(),
                name(member)
            ),
            TeamEdit::SetFocus { member, .. } => format!("change {}’s focus", name(member)),
            TeamEdit::RemoveFocus { member, .. } => format!("change {}’s focus", name(member)),
            TeamEdit::SetLevel { member, .. } => format!("set a level for {}", name(member)),
            TeamEdit::Rate { member, rating } => {
                format!("rate {}’s skill ({})", name(member), rating.by.label())
            }
            TeamEdit::RemoveRating { member, .. } => {
                format!("remove a rating of {}", name(member))
            }
            TeamEdit::SetCoverage(_) => "change the coverage rule".to_owned(),
            TeamEdit::SetReviewInterval(_) => "change the review interval".to_owned(),
            TeamEdit::ResolveConflict(choice) if choice.take_other => {
                format!("take the other version of {}", conflict_subject(&choice.id))
            }
            TeamEdit::ResolveConflict(choice) => {
                format!("keep this version of {}", conflict_subject(&choice.id))
            }
        }
    }
}

fn conflict_subject(id: &str) -> String {
    if id.is_empty() {
        "the team plan".to_owned()
    } else {
        id.to_owned()
    }
}

impl Team {
    /// Applies an edit. Returns whether anything changed: an edit naming a member that
    /// does not exist, or setting what is already set, changes nothing.
    pub fn apply(&mut self, edit: &TeamEdit, at: Timestamp) -> bool {
        if let TeamEdit::Rename(name) = edit {
            return replace(&mut self.name, name.clone());
        }
        if let TeamEdit::AddMember(member) = edit {
            self.members.push(Member::clone(member));
            return true;
        }
        if let TeamEdit::ResolveConflict(choice) = edit {
            return super::resolve_team(self, choice);
        }
        if let TeamEdit::RemoveMember(member) = edit {
            return *member < self.members.len() && {
                self.members.remove(*member);
                true
            };
        }
        if let TeamEdit::SetStatus {
            member,
            skill_id,
            status,
        } = edit
        {
            return self.set_status(*member, skill_id, *status, at);
        }
        if let TeamEdit::SetCoverage(rule) = edit {
            return rule.people > 0 && replace(&mut self.coverage, rule.clone());
        }
        if let TeamEdit::SetReviewInterval(days) = edit {
            return *days > 0 && replace(&mut self.review_interval_days, *days);
        }
        if let TeamEdit::SetLevel {
            member,
            skill_id,
            level,
        } = edit
        {
            let Some(member) = self.members.get_mut(*member) else {
                return false;
            };
            let Ok(progress) = member.progress.as_mut() else {
                return false;
            };
            let changed = progress.set_level(skill_id, level.as_deref(), at);
            member.linked_changed |= changed && member.linked_path.is_some();
            return changed;
        }
        let member_index = match edit {
            TeamEdit::SetName { member, .. }
            | TeamEdit::SetCurrentRole { member, .. }
            | TeamEdit::SetTarget { member, .. }
            | TeamEdit::SetTargetDate { member, .. }
            | TeamEdit::SetWeeklyHours { member, .. }
            | TeamEdit::SetFocus { member, .. }
            | TeamEdit::RemoveFocus { member, .. }
            | TeamEdit::Rate { member, .. }
            | TeamEdit::RemoveRating { member, .. } => *member,
            _ => return false,
        };
        let Some(member) = self.members.get_mut(member_index) else {
            return false;
        };
        let plan = &mut member.plan;
        match edit {
            TeamEdit::SetName { name, .. } => replace(&mut member.name, name.clone()),
            TeamEdit::SetCurrentRole { role, .. } => replace(&mut plan.current_role, role.clone()),
            TeamEdit::SetTarget { target, .. } => replace(&mut plan.target_role, target.clone()),
            TeamEdit::SetTargetDate { date, .. } => replace(&mut plan.target_date, *date),
            TeamEdit::SetWeeklyHours { hours, .. } => {
                hours.is_finite() && *hours >= 0.0 && replace(&mut plan.weekly_hours, *hours)
            }
            TeamEdit::SetFocus { focus, .. } => {
                match plan.focus.iter_mut().find(|f| f.skill_id == focus.skill_id) {
                    Some(existing) => replace(existing, focus.clone()),
                    None => {
                        plan.focus.push(focus.clone());
                        true
                    }
                }
            }
            TeamEdit::RemoveFocus { skill_id, .. } => {
                let before = plan.focus.len();
                plan.focus.retain(|f| f.skill_id != *skill_id);
                plan.focus.len() != before
            }
            TeamEdit::Rate { rating, .. } => {
                member.ratings.push(rating.clone());
                true
            }
            TeamEdit::RemoveRating { index, .. } => {
                *index < member.ratings.len() && {
                    member.ratings.remove(*index);
                    true
                }
            }
            _ => false,
        }
    }
}

/// Sets `slot` to `value`; returns whether it was different.
fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoadmapRef;

    #[test]
    fn edits_change_only_what_they_name_and_report_no_op() {
        let mut team = Team::new("T", RoadmapRef::default());
        let at = Timestamp::from_unix_secs(0);
        assert!(team.apply(&TeamEdit::AddMember(Box::new(Member::new("Ada", "r"))), at));
        let target = TeamEdit::SetTarget {
            member: 0,
            target: Some("senior".into()),
        };
        assert!(team.apply(&target, at));
        assert!(!team.apply(&target, at), "setting it again changes nothing");
        let focus = FocusSkill {
            skill_id: "git".into(),
            due: None,
            note: "pair with Bo".into(),
        };
        assert!(team.apply(
            &TeamEdit::SetFocus {
                member: 0,
                focus: focus.clone()
            },
            at
        ));
        assert_eq!(team.members[0].plan.focus, vec![focus]);
        assert!(!team.apply(
            &TeamEdit::SetWeeklyHours {
                member: 0,
                hours: f32::NAN
            },
            at
        ));
        assert!(!team.apply(&TeamEdit::RemoveMember(3), at));
        assert_eq!(
            TeamEdit::RemoveMember(0).label(&team),
            "remove Ada".to_owned()
        );
        assert!(team.apply(&TeamEdit::RemoveMember(0), at));
        assert!(team.members.is_empty());
    }
}
