//! Three-way merge of progress files and team plans, by id: what `waymark merge` does when
//! one person's progress was changed on two machines, or two managers changed one plan.

use std::collections::BTreeMap;

use super::conflict::{Conflict, Fields, unite};
use super::three_way::{impl_fields, merge_list, merge_map, pick, shown};
use super::{
    MemberFile, PROGRESS_FORMAT_VERSION, Progress, ProgressConflicts, ProgressSource,
    SkillProgress, TEAM_FORMAT_VERSION, TeamConflicts, TeamFile, TeamSettings,
};

/// Two versions of one note text, both kept: ours first.
fn both_notes(ours: &str, theirs: &str) -> String {
    match (ours.trim().is_empty(), theirs.trim().is_empty()) {
        (true, _) => theirs.to_owned(),
        (_, true) => ours.to_owned(),
        _ => format!("{ours}\n\n{theirs}"),
    }
}

/// Items of two lists, each once, in time order (history, evidence, ratings).
fn united<T: Clone + PartialEq, K: Ord>(ours: &[T], theirs: &[T], at: impl Fn(&T) -> K) -> Vec<T> {
    let mut all = ours.to_vec();
    for item in theirs {
        if !all.contains(item) {
            all.push(item.clone());
        }
    }
    all.sort_by_key(|item| at(item));
    all
}

impl Fields for SkillProgress {
    /// Every status change of both sides, in time order, the status following the latest;
    /// notes edited on both keep both texts; the level set last wins; evidence of both.
    fn merge(base: Option<&Self>, ours: &Self, theirs: &Self) -> (Self, Vec<String>) {
        let mut merged = ours.clone();
        let mut conflicts = Vec::new();
        merged.history = united(&ours.history, &theirs.history, |change| change.at);
        let (status, status_conflict) = pick(base.map(|b| &b.status), &ours.status, &theirs.status);
        // Both sides marked it: the status is what the latest mark of either says.
        let both_marked =
            base.is_none_or(|b| b.history != ours.history && b.history != theirs.history);
        merged.status = match merged.history.last() {
            Some(latest) if status_conflict || both_marked => latest.status,
            _ => status,
        };
        if status_conflict && merged.history.is_empty() {
            conflicts.push("status".to_owned());
        }
        let (notes, notes_conflict) = pick(base.map(|b| &b.notes), &ours.notes, &theirs.notes);
        merged.notes = if notes_conflict {
            both_notes(&ours.notes, &theirs.notes)
        } else {
            notes
        };
        merged.notes_edited_at = ours.notes_edited_at.max(theirs.notes_edited_at);
        // Private on either side stays private: a merge never makes a note shareable.
        let (private, private_conflict) = pick(
            base.map(|b| &b.notes_private),
            &ours.notes_private,
            &theirs.notes_private,
        );
        merged.notes_private =
            private || private_conflict || (notes_conflict && theirs.notes_private);
        let (picked, picked_conflict) = pick(base.map(|b| &b.picked), &ours.picked, &theirs.picked);
        merged.picked = picked;
        if picked_conflict {
            conflicts.push("picked".to_owned());
        }
        let latest_level = if theirs.level_set_at > ours.level_set_at {
            theirs
        } else {
            ours
        };
        let (level, level_conflict) = pick(base.map(|b| &b.level), &ours.level, &theirs.level);
        (merged.level, merged.level_set_at) = if level_conflict {
            (latest_level.level.clone(), latest_level.level_set_at)
        } else {
            (level, ours.level_set_at.max(theirs.level_set_at))
        };
        merged.evidence = united(&ours.evidence, &theirs.evidence, |evidence| evidence.at);
        (merged, conflicts)
    }

    fn take_field(&mut self, other: &Self, field: &str) -> bool {
        match field {
            "status" => self.status = other.status,
            "picked" => self.picked = other.picked,
            _ => return false,
        }
        true
    }

    fn field_text(&self, field: &str) -> String {
        match field {
            "status" => self.status.label().to_owned(),
            "picked" => if self.picked { "picked" } else { "not picked" }.to_owned(),
            _ => String::new(),
        }
    }
}

/// Merges two versions of one person's progress, both changed from `base`. Never loses a
/// mark, a note or evidence; only the person's name, a pick in a group, or a status
/// changed by hand without history can conflict.
pub fn merge_progress_files(base: &Progress, ours: &Progress, theirs: &Progress) -> Progress {
    let mut merged = ours.clone();
    merged.format_version = PROGRESS_FORMAT_VERSION;
    let mut about = Vec::new();
    for (name, b, o, t) in [
        ("person", &base.person, &ours.person, &theirs.person),
        (
            "roadmap_id",
            &base.roadmap_id,
            &ours.roadmap_id,
            &theirs.roadmap_id,
        ),
    ] {
        let (value, conflict) = pick(Some(b), o, t);
        if conflict {
            about.push(Conflict {
                id: name.to_owned(),
                fields: Vec::new(),
                other: Some(t.clone()),
            });
        }
        match name {
            "person" => merged.person = value,
            _ => merged.roadmap_id = value,
        }
    }
    let (skills, skill_conflicts) = merge_map(&base.skills, &ours.skills, &theirs.skills);
    merged.skills = skills;
    merged.conflicts = ProgressConflicts {
        about: unite(&ours.conflicts.about, &theirs.conflicts.about, about),
        skills: unite(
            &ours.conflicts.skills,
            &theirs.conflicts.skills,
            skill_conflicts,
        ),
    };
    merged
}

impl_fields!(TeamSettings {
    pick: [name, roadmap, review_interval_days, coverage],
    sets: [],
    maps: []
});

impl Fields for MemberFile {
    fn merge(base: Option<&Self>, ours: &Self, theirs: &Self) -> (Self, Vec<String>) {
        let mut merged = ours.clone();
        let mut conflicts = Vec::new();
        macro_rules! picked {
            ($($field:ident),*) => {$(
                let (value, conflict) = pick(base.map(|b| &b.$field), &ours.$field, &theirs.$field);
                merged.$field = value;
                if conflict {
                    conflicts.push(stringify!($field).to_owned());
                }
            )*};
        }
        picked!(current_role, target_role, target_date, weekly_hours, focus);
        merged.ratings = united(&ours.ratings, &theirs.ratings, |rating| rating.at);
        let empty = BTreeMap::new();
        match (base.map(|b| &b.progress), &ours.progress, &theirs.progress) {
            (base, ProgressSource::Held(o), ProgressSource::Held(t)) => {
                let b = match base {
                    Some(ProgressSource::Held(b)) => b,
                    _ => &empty,
                };
                let (skills, entry_conflicts) = merge_map(b, o, t);
                merged.progress = ProgressSource::Held(skills);
                if !entry_conflicts.is_empty() {
                    conflicts.push("progress".to_owned());
                }
            }
            (base, o, t) => {
                let (value, conflict) = pick(base, o, t);
                merged.progress = value;
                if conflict {
                    conflicts.push("progress".to_owned());
                }
            }
        }
        (merged, conflicts)
    }

    fn take_field(&mut self, other: &Self, field: &str) -> bool {
        match field {
            "current_role" => self.current_role = other.current_role.clone(),
            "target_role" => self.target_role = other.target_role.clone(),
            "target_date" => self.target_date = other.target_date,
            "weekly_hours" => self.weekly_hours = other.weekly_hours,
            "focus" => self.focus = other.focus.clone(),
            "progress" => self.progress = other.progress.clone(),
            _ => return false,
        }
        true
    }

    fn field_text(&self, field: &str) -> String {
        match field {
            "current_role" => shown(&self.current_role),
            "target_role" => shown(&self.target_role),
            "target_date" => self
                .target_date
                .map_or("none".to_owned(), |at| at.date_string()),
            "weekly_hours" => format!("{} h a week", self.weekly_hours),
            "focus" => (self.focus.iter().map(|f| f.skill_id.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
            "progress" => match &self.progress {
                ProgressSource::Held(skills) => format!("{} skills with progress", skills.len()),
                ProgressSource::Linked(path) => format!("linked to {path}"),
            },
            _ => String::new(),
        }
    }
}

fn settings_of(file: &TeamFile) -> TeamSettings {
    TeamSettings {
        name: file.name.clone(),
        roadmap: file.roadmap.clone(),
        review_interval_days: file.review_interval_days,
        coverage: file.coverage.clone(),
    }
}

/// Merges two versions of a team plan, both changed from `base`: members added on either
/// side are kept, each member merged field by field, ratings of both kept, and held
/// progress merged as progress files are.
pub fn merge_team_files(base: &TeamFile, ours: &TeamFile, theirs: &TeamFile) -> TeamFile {
    let (b, o, t) = (settings_of(base), settings_of(ours), settings_of(theirs));
    let (settings, fields) = if o == t || b == t {
        (o.clone(), Vec::new())
    } else if b == o {
        (t.clone(), Vec::new())
    } else {
        TeamSettings::merge(Some(&b), &o, &t)
    };
    let settings_conflicts: Vec<Conflict<TeamSettings>> = (!fields.is_empty())
        .then(|| Conflict {
            id: String::new(),
            fields,
            other: Some(t),
        })
        .into_iter()
        .collect();
    let (members, member_conflicts) =
        merge_list(&base.members, &ours.members, &theirs.members, |m| &m.name);
    TeamFile {
        format_version: TEAM_FORMAT_VERSION,
        name: settings.name,
        roadmap: settings.roadmap,
        review_interval_days: settings.review_interval_days,
        coverage: settings.coverage,
        members,
        conflicts: TeamConflicts {
            settings: unite(
                &ours.conflicts.settings,
                &theirs.conflicts.settings,
                settings_conflicts,
            ),
            members: unite(
                &ours.conflicts.members,
                &theirs.conflicts.members,
                member_conflicts,
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Status, StatusChange, Timestamp};

    fn at(day: i64) -> Timestamp {
        Timestamp::from_unix_secs(1_780_000_000 + day * 86_400)
    }

    fn marked(status: Status, day: i64) -> SkillProgress {
        SkillProgress {
            status,
            history: vec![StatusChange {
                at: at(day),
                status,
            }],
            ..SkillProgress::default()
        }
    }

    #[test]
    fn histories_unite_the_status_follows_the_latest_and_notes_keep_both() {
        let mut base = Progress::new("r");
        base.skills
            .insert("sql".into(), marked(Status::Learning, 0));
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let entry = ours.skills.get_mut("sql").unwrap();
        entry.history.push(StatusChange {
            at: at(2),
            status: Status::Learned,
        });
        entry.status = Status::Learned;
        entry.notes = "Joins".into();
        let entry = theirs.skills.get_mut("sql").unwrap();
        entry.history.push(StatusChange {
            at: at(3),
            status: Status::Skipped,
        });
        entry.status = Status::Skipped;
        entry.notes = "Indexes".into();
        theirs
            .skills
            .insert("git".into(), marked(Status::Learned, 1));

        let merged = merge_progress_files(&base, &ours, &theirs);
        let sql = &merged.skills["sql"];
        assert_eq!(sql.history.len(), 3);
        assert_eq!(sql.status, Status::Skipped);
        assert_eq!(sql.notes, "Joins\n\nIndexes");
        assert_eq!(merged.skills["git"].status, Status::Learned);
        assert!(merged.conflicts.is_empty());
        assert_eq!(merge_progress_files(&base, &base, &theirs), theirs);
    }
}
