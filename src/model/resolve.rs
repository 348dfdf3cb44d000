//! Settling what a merge left undecided: the list a person sees, and their pick for each
//! conflict (keep the version in the file, or take the other side's).

use std::collections::BTreeMap;

use super::conflict::{Conflict, Fields};
use super::merge_roadmap::set_about_field;
use super::{Progress, Roadmap, SkillProgress};

/// Which list of conflicts one is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictPlace {
    /// The roadmap's own fields.
    About,
    Level,
    Stage,
    Skill,
    Group,
    /// The progress file's own fields (the person's name).
    Person,
    /// A skill's progress entry.
    Entry,
    /// A team plan's own fields.
    TeamSettings,
    /// A member of a team plan, by name.
    Member,
}

impl ConflictPlace {
    /// Whether the conflict is in the progress file rather than the roadmap.
    pub fn is_progress(&self) -> bool {
        matches!(self, ConflictPlace::Person | ConflictPlace::Entry)
    }

    /// Whether the conflict is in the open team plan.
    pub fn is_team(&self) -> bool {
        matches!(self, ConflictPlace::TeamSettings | ConflictPlace::Member)
    }
}

/// A person's pick for one conflict, or one field of it.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictChoice {
    pub place: ConflictPlace,
    pub id: String,
    /// The field; `None` for the whole conflict (every field, or the item itself).
    pub field: Option<String>,
    /// Take the other side's version; else keep the one in the file.
    pub take_other: bool,
}

/// One line of the conflict list.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictRow {
    pub choice_place: ConflictPlace,
    pub id: String,
    pub field: Option<String>,
    /// What is in conflict, as a person reads it: "Skill “SQL”, title".
    pub what: String,
    /// The value kept in the file, and the other side's ("removed" when it removed it).
    pub kept: String,
    pub other: String,
}

/// The rows of one list of conflicts: one per field both sides changed, or one for the
/// whole item when a side removed it.
pub(super) fn rows_of<T: Fields>(
    place: ConflictPlace,
    noun: &str,
    conflicts: &[Conflict<T>],
    current: impl Fn(&str) -> Option<T>,
    title: impl Fn(&str) -> String,
    rows: &mut Vec<ConflictRow>,
) {
    for conflict in conflicts {
        let kept = current(&conflict.id);
        let what = format!("{noun} “{}”", title(&conflict.id));
        match &conflict.other {
            Some(other) if !conflict.fields.is_empty() => {
                for field in &conflict.fields {
                    rows.push(ConflictRow {
                        choice_place: place,
                        id: conflict.id.clone(),
                        field: Some(field.clone()),
                        what: format!("{what}, {}", field.replace('_', " ")),
                        kept: kept
                            .as_ref()
                            .map_or_else(|| "removed".to_owned(), |k| k.field_text(field)),
                        other: other.field_text(field),
                    });
                }
            }
            other => rows.push(ConflictRow {
                choice_place: place,
                id: conflict.id.clone(),
                field: None,
                what,
                kept: if kept.is_some() {
                    "kept, changed"
                } else {
                    "removed"
                }
                .to_owned(),
                other: if other.is_some() {
                    "changed"
                } else {
                    "removed"
                }
                .to_owned(),
            }),
        }
    }
}

/// Every conflict a merge left in a roadmap and a progress file, one row per field.
pub fn conflict_rows(roadmap: &Roadmap, progress: &Progress) -> Vec<ConflictRow> {
    let mut rows = Vec::new();
    let conflicts = &roadmap.conflicts;
    for conflict in &conflicts.about {
        let kept = match conflict.id.as_str() {
            "title" => &roadmap.title,
            "description" => &roadmap.description,
            "author" => &roadmap.author,
            "license" => &roadmap.license,
            "learned_level" => &roadmap.learned_level,
            _ => &roadmap.id,
        };
        rows.push(ConflictRow {
            choice_place: ConflictPlace::About,
            id: conflict.id.clone(),
            field: None,
            what: format!("The roadmap’s {}", conflict.id.replace('_', " ")),
            kept: super::three_way::shown(kept),
            other: conflict
                .other
                .as_ref()
                .map_or_else(String::new, super::three_way::shown),
        });
    }
    let title = |id: &str| roadmap.title_of(id).to_owned();
    rows_of(
        ConflictPlace::Level,
        "Level",
        &conflicts.levels,
        |id| roadmap.levels.iter().find(|l| l.id == id).cloned(),
        |id| id.to_owned(),
        &mut rows,
    );
    rows_of(
        ConflictPlace::Stage,
        "Stage",
        &conflicts.stages,
        |id| roadmap.stage(id).cloned(),
        title,
        &mut rows,
    );
    rows_of(
        ConflictPlace::Skill,
        "Skill",
        &conflicts.skills,
        |id| roadmap.skill(id).cloned(),
        title,
        &mut rows,
    );
    rows_of(
        ConflictPlace::Group,
        "Group",
        &conflicts.groups,
        |id| roadmap.group(id).cloned(),
        title,
        &mut rows,
    );
    for conflict in &progress.conflicts.about {
        rows.push(ConflictRow {
            choice_place: ConflictPlace::Person,
            id: conflict.id.clone(),
            field: None,
            what: format!("Your progress: {}", conflict.id.replace('_', " ")),
            kept: super::three_way::shown(if conflict.id == "person" {
                &progress.person
            } else {
                &progress.roadmap_id
            }),
            other: conflict
                .other
                .as_ref()
                .map_or_else(String::new, super::three_way::shown),
        });
    }
    rows_of(
        ConflictPlace::Entry,
        "Your progress on",
        &progress.conflicts.skills,
        |id| progress.skills.get(id).cloned(),
        title,
        &mut rows,
    );
    rows
}

/// The item with the conflict's id once the other version is taken (`None`: gone), from
/// what it is now (`None`: not there).
fn taken<T: Fields>(current: Option<&T>, conflict: &Conflict<T>, field: Option<&str>) -> Option<T> {
    let other = conflict.other.as_ref()?;
    let Some(current) = current else {
        return Some(other.clone());
    };
    let mut item = current.clone();
    match field {
        Some(field) => {
            item.take_field(other, field);
        }
        None if conflict.fields.is_empty() => item = other.clone(),
        None => {
            for field in &conflict.fields {
                item.take_field(other, field);
            }
        }
    }
    Some(item)
}

/// Marks a pick made: the field (or the whole conflict) is settled, and a conflict with
/// nothing left to settle goes.
pub(super) fn settle_fields<T>(conflicts: &mut Vec<Conflict<T>>, at: usize, field: Option<&str>) {
    if let Some(conflict) = conflicts.get_mut(at) {
        match field {
            Some(field) => conflict.fields.retain(|f| f != field),
            None => conflict.fields.clear(),
        }
        if conflict.fields.is_empty() {
            conflicts.remove(at);
        }
    }
}

/// Settles one pick in a list of items with ids. Returns whether there was such a
/// conflict.
fn settle_list<T: Fields>(
    items: &mut Vec<T>,
    conflicts: &mut Vec<Conflict<T>>,
    choice: &ConflictChoice,
    id_of: impl Fn(&T) -> &str,
) -> bool {
    let Some(at) = conflicts.iter().position(|c| c.id == choice.id) else {
        return false;
    };
    let field = choice.field.as_deref();
    if choice.take_other
        && let Some(conflict) = conflicts.get(at)
    {
        let position = items.iter().position(|item| id_of(item) == choice.id);
        let current = position.and_then(|position| items.get(position));
        match (taken(current, conflict, field), position) {
            (Some(item), Some(position)) => {
                if let Some(slot) = items.get_mut(position) {
                    *slot = item;
                }
            }
            (Some(item), None) => items.push(item),
            (None, Some(position)) => {
                items.remove(position);
            }
            (None, None) => {}
        }
    }
    settle_fields(conflicts, at, field);
    true
}

/// Settles one pick in a map of entries by id (progress). Returns whether there was such
/// a conflict.
fn settle_map<T: Fields>(
    items: &mut BTreeMap<String, T>,
    conflicts: &mut Vec<Conflict<T>>,
    choice: &ConflictChoice,
) -> bool {
    let Some(at) = conflicts.iter().position(|c| c.id == choice.id) else {
        return false;
    };
    let field = choice.field.as_deref();
    if choice.take_other
        && let Some(conflict) = conflicts.get(at)
    {
        match taken(items.get(&choice.id), conflict, field) {
            Some(entry) => items.insert(choice.id.clone(), entry),
            None => items.remove(&choice.id),
        };
    }
    settle_fields(conflicts, at, field);
    true
}

fn settle_about(
    conflicts: &mut Vec<Conflict<String>>,
    choice: &ConflictChoice,
    mut set: impl FnMut(&str, &str),
) -> bool {
    let Some(at) = conflicts.iter().position(|c| c.id == choice.id) else {
        return false;
    };
    let conflict = conflicts.remove(at);
    if let (true, Some(other)) = (choice.take_other, &conflict.other) {
        set(&conflict.id, other);
    }
    true
}

/// Settles a pick in a roadmap's conflicts. Returns whether there was such a conflict.
pub fn resolve_roadmap(roadmap: &mut Roadmap, choice: &ConflictChoice) -> bool {
    let mut conflicts = std::mem::take(&mut roadmap.conflicts);
    let found = match choice.place {
        ConflictPlace::About => settle_about(&mut conflicts.about, choice, |name, value| {
            if name == "id" {
                value.clone_into(&mut roadmap.id);
            } else {
                set_about_field(roadmap, name, value);
            }
        }),
        ConflictPlace::Level => {
            settle_list(&mut roadmap.levels, &mut conflicts.levels, choice, |l| {
                &l.id
            })
        }
        ConflictPlace::Stage => {
            settle_list(&mut roadmap.stages, &mut conflicts.stages, choice, |s| {
                &s.id
            })
        }
        ConflictPlace::Skill => {
            settle_list(&mut roadmap.skills, &mut conflicts.skills, choice, |s| {
                &s.id
            })
        }
        ConflictPlace::Group => settle_list(
            &mut roadmap.pick_one_groups,
            &mut conflicts.groups,
            choice,
            |g| &g.id,
        ),
        _ => false,
    };
    roadmap.conflicts = conflicts;
    found
}

/// Settles a pick in a progress file's conflicts. Returns whether there was such a
/// conflict.
pub fn resolve_progress(progress: &mut Progress, choice: &ConflictChoice) -> bool {
    let mut conflicts = std::mem::take(&mut progress.conflicts);
    let found = match choice.place {
        ConflictPlace::Person => settle_about(&mut conflicts.about, choice, |name, value| {
            if name == "person" {
                value.clone_into(&mut progress.person);
            }
        }),
        ConflictPlace::Entry => {
            settle_map::<SkillProgress>(&mut progress.skills, &mut conflicts.skills, choice)
        }
        _ => false,
    };
    progress.conflicts = conflicts;
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pick_in_progress_takes_the_field_and_settles_the_conflict() {
        let mut progress = Progress::new("r");
        progress
            .skills
            .insert("sql".into(), SkillProgress::default());
        let other = SkillProgress {
            picked: true,
            notes: "not taken with the pick".into(),
            ..SkillProgress::default()
        };
        progress.conflicts.skills.push(Conflict {
            id: "sql".into(),
            fields: vec!["picked".into()],
            other: Some(other),
        });
        let rows = conflict_rows(&Roadmap::new_empty("r", "R"), &progress);
        assert_eq!((rows.len(), rows[0].other.as_str()), (1, "picked"));
        let choice = ConflictChoice {
            place: ConflictPlace::Entry,
            id: "sql".into(),
            field: Some("picked".into()),
            take_other: true,
        };
        assert!(resolve_progress(&mut progress, &choice));
        assert!(progress.skills["sql"].picked);
        assert!(progress.skills["sql"].notes.is_empty());
        assert!(progress.conflicts.is_empty());
        assert!(!resolve_progress(&mut progress, &choice), "settled once");
    }
}
