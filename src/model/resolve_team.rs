//! Settling the conflicts a merge left in a team plan: its own fields and its members.

use super::conflict::Fields;
use super::resolve::{ConflictChoice, ConflictPlace, ConflictRow, rows_of, settle_fields};
use super::{Member, MemberFile, Progress, ProgressSource, Team, TeamFile, TeamSettings};

/// A member as the file form has it, to compare and copy fields with the other side's.
fn member_file(team: &Team, name: &str) -> Option<MemberFile> {
    team.members
        .iter()
        .find(|m| m.name == name)
        .map(Member::to_file)
}

/// Every conflict left in a team plan, one row per field.
pub fn team_conflict_rows(team: &Team) -> Vec<ConflictRow> {
    let mut rows = Vec::new();
    let settings = team.settings();
    for conflict in &team.conflicts.settings {
        let Some(other) = &conflict.other else {
            continue;
        };
        for field in &conflict.fields {
            rows.push(ConflictRow {
                choice_place: ConflictPlace::TeamSettings,
                id: conflict.id.clone(),
                field: Some(field.clone()),
                what: format!("The team plan’s {}", field.replace('_', " ")),
                kept: settings.field_text(field),
                other: other.field_text(field),
            });
        }
    }
    rows_of(
        ConflictPlace::Member,
        "Member",
        &team.conflicts.members,
        |name| member_file(team, name),
        str::to_owned,
        &mut rows,
    );
    rows
}

/// Copies `fields` of `other` into the member named `name` (adding it when it is not in
/// the plan). Linked progress is read when the plan next opens.
fn take_member_fields(team: &mut Team, name: &str, other: &MemberFile, fields: &[String]) {
    let Some(at) = team.members.iter().position(|m| m.name == name) else {
        let file = TeamFile {
            members: vec![other.clone()],
            ..team.to_file()
        };
        let added = Team::from_file(file, |_| {
            Err("linked progress is read when the plan is opened again".to_owned())
        });
        team.members.extend(added.members);
        return;
    };
    let roadmap_id = team.roadmap.id.clone();
    let Some(member) = team.members.get_mut(at) else {
        return;
    };
    for field in fields {
        match field.as_str() {
            "current_role" => member.plan.current_role.clone_from(&other.current_role),
            "target_role" => member.plan.target_role.clone_from(&other.target_role),
            "target_date" => member.plan.target_date = other.target_date,
            "weekly_hours" => member.plan.weekly_hours = other.weekly_hours,
            "focus" => member.plan.focus.clone_from(&other.focus),
            "progress" => match &other.progress {
                ProgressSource::Held(skills) => {
                    let mut progress = Progress::new(&roadmap_id);
                    progress.person.clone_from(&member.name);
                    progress.skills.clone_from(skills);
                    member.progress = Ok(progress);
                    member.linked_path = None;
                }
                ProgressSource::Linked(path) => {
                    member.linked_path = Some(path.clone());
                    member.progress =
                        Err("linked progress is read when the plan is opened again".to_owned());
                }
            },
            _ => {}
        }
    }
}

/// Settles a pick in a team plan's conflicts. Returns whether there was such a conflict.
pub fn resolve_team(team: &mut Team, choice: &ConflictChoice) -> bool {
    match choice.place {
        ConflictPlace::TeamSettings => {
            let Some(at) = team
                .conflicts
                .settings
                .iter()
                .position(|c| c.id == choice.id)
            else {
                return false;
            };
            let conflict = team.conflicts.settings.get(at).cloned();
            if let (true, Some(Some(other))) =
                (choice.take_other, conflict.as_ref().map(|c| &c.other))
            {
                let fields = choice.field.clone().map_or_else(
                    || {
                        conflict
                            .as_ref()
                            .map(|c| c.fields.clone())
                            .unwrap_or_default()
                    },
                    |field| vec![field],
                );
                let mut settings: TeamSettings = team.settings();
                for field in &fields {
                    settings.take_field(other, field);
                }
                team.name = settings.name;
                team.roadmap = settings.roadmap;
                team.review_interval_days = settings.review_interval_days;
                team.coverage = settings.coverage;
            }
            settle_fields(&mut team.conflicts.settings, at, choice.field.as_deref());
            true
        }
        ConflictPlace::Member => {
            let Some(at) = team
                .conflicts
                .members
                .iter()
                .position(|c| c.id == choice.id)
            else {
                return false;
            };
            let Some(conflict) = team.conflicts.members.get(at).cloned() else {
                return false;
            };
            if choice.take_other {
                match &conflict.other {
                    None => team.members.retain(|m| m.name != choice.id),
                    Some(other) => {
                        let fields = choice
                            .field
                            .clone()
                            .map_or_else(|| conflict.fields.clone(), |field| vec![field]);
                        take_member_fields(team, &choice.id, other, &fields);
                    }
                }
            }
            settle_fields(&mut team.conflicts.members, at, choice.field.as_deref());
            true
        }
        _ => false,
    }
}
