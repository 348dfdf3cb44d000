//! Three-way merge of roadmaps, by id: what `waymark merge` does for a roadmap file, and
//! what taking a new upstream version into a fork does.

use std::collections::HashMap;

use super::conflict::{Conflict, Fields, unite};
use super::three_way::{impl_fields, merge_list, pick};
use super::{Level, PickOneGroup, ROADMAP_FORMAT_VERSION, Roadmap, RoadmapConflicts, Skill, Stage};

impl_fields!(Skill {
    pick: [
        title,
        summary,
        stage,
        area,
        kind,
        resources,
        estimate_hours,
        optional,
        position
    ],
    sets: [requires, replaces],
    maps: [rubric, expects]
});
impl_fields!(Stage {
    pick: [title],
    sets: [],
    maps: []
});
impl_fields!(Level {
    pick: [title, meaning],
    sets: [],
    maps: []
});
impl_fields!(PickOneGroup {
    pick: [title],
    sets: [skills],
    maps: []
});

impl Fields for String {
    fn merge(_base: Option<&Self>, ours: &Self, _theirs: &Self) -> (Self, Vec<String>) {
        (ours.clone(), vec![String::new()])
    }

    fn take_field(&mut self, other: &Self, _field: &str) -> bool {
        other.clone_into(self);
        true
    }

    fn field_text(&self, _field: &str) -> String {
        super::three_way::shown(self)
    }
}

/// The roadmap's own fields that merge one by one, by name.
const ABOUT: [&str; 5] = ["title", "description", "author", "license", "learned_level"];

fn about_field<'a>(roadmap: &'a Roadmap, name: &str) -> Option<&'a String> {
    match name {
        "title" => Some(&roadmap.title),
        "description" => Some(&roadmap.description),
        "author" => Some(&roadmap.author),
        "license" => Some(&roadmap.license),
        "learned_level" => Some(&roadmap.learned_level),
        _ => None,
    }
}

/// Sets one of the roadmap's own fields by name. Returns whether there is such a field.
pub fn set_about_field(roadmap: &mut Roadmap, name: &str, value: &str) -> bool {
    let field = match name {
        "title" => &mut roadmap.title,
        "description" => &mut roadmap.description,
        "author" => &mut roadmap.author,
        "license" => &mut roadmap.license,
        "learned_level" => &mut roadmap.learned_level,
        _ => return false,
    };
    value.clone_into(field);
    true
}

/// The renames one side made from `base`: a skill whose rename record (`replaces`) names a
/// skill of the base that this side no longer has. Old id to new id.
fn renames(base: &Roadmap, side: &Roadmap) -> Vec<(String, String)> {
    let in_side: std::collections::HashSet<&str> =
        side.skills.iter().map(|s| s.id.as_str()).collect();
    let mut found = Vec::new();
    for skill in &side.skills {
        if base.skill(&skill.id).is_some() {
            continue;
        }
        for old_id in &skill.replaces {
            if base.skill(old_id).is_some() && !in_side.contains(old_id.as_str()) {
                found.push((old_id.clone(), skill.id.clone()));
            }
        }
    }
    found
}

/// Skills both sides renamed, each to an id of its own: old id, ours' new id, theirs'.
/// The merge keeps ours' and records theirs' in the skill's `replaces`, so progress kept
/// under either new id lands on it; the merge driver says so.
pub fn rename_clashes(base: &Roadmap, ours: &Roadmap, theirs: &Roadmap) -> Vec<[String; 3]> {
    let our_renames: HashMap<String, String> = renames(base, ours).into_iter().collect();
    renames(base, theirs)
        .into_iter()
        .filter_map(|(old, their_new)| {
            let our_new = our_renames.get(&old)?;
            (our_new != &their_new).then(|| [old, our_new.clone(), their_new])
        })
        .collect()
}

/// Gives skills new ids in `roadmap`, with every requirement, group and expectation that
/// names them, as a rename on the other side did.
fn rename(roadmap: &mut Roadmap, renames: &HashMap<String, String>) {
    let renamed = |id: &mut String| {
        if let Some(new_id) = renames.get(id.as_str()) {
            new_id.clone_into(id);
        }
    };
    for skill in &mut roadmap.skills {
        renamed(&mut skill.id);
        skill.requires.iter_mut().for_each(renamed);
        skill.expects = std::mem::take(&mut skill.expects)
            .into_iter()
            .map(|(mut id, level)| {
                renamed(&mut id);
                (id, level)
            })
            .collect();
    }
    for group in &mut roadmap.pick_one_groups {
        group.skills.iter_mut().for_each(renamed);
    }
}

/// Merges `ours` and `theirs`, both changed from `base`. Skills, stages, groups and levels
/// added on either side are kept; a field changed on one side takes that change; a skill
/// renamed on one side (through `replaces`) and edited on the other is both. What both
/// changed differently keeps `ours` and is recorded in the result's `conflicts`, along
/// with conflicts either side already had.
pub fn merge_roadmaps(base: &Roadmap, ours: &Roadmap, theirs: &Roadmap) -> Roadmap {
    // Bring every side to the same ids first: a rename on one side renames the base and
    // the other side too, so the skill merges as one.
    let our_renames = renames(base, ours);
    let their_renames: Vec<(String, String)> = renames(base, theirs)
        .into_iter()
        .filter(|(old, _)| !our_renames.iter().any(|(ours_old, _)| ours_old == old))
        .collect();
    let (mut base, mut ours, mut theirs) = (base.clone(), ours.clone(), theirs.clone());
    let ours_map: HashMap<String, String> = our_renames.iter().cloned().collect();
    let theirs_map: HashMap<String, String> = their_renames.iter().cloned().collect();
    // Both sides renamed the same skill differently: theirs follows ours' new id.
    let both: HashMap<String, String> = renames(&base, &theirs)
        .into_iter()
        .filter_map(|(old, their_new)| {
            let our_new = ours_map.get(&old)?;
            (our_new != &their_new).then(|| (their_new, our_new.clone()))
        })
        .collect();
    rename(&mut base, &ours_map);
    rename(&mut base, &theirs_map);
    rename(&mut theirs, &ours_map);
    rename(&mut theirs, &both);
    rename(&mut ours, &theirs_map);

    let mut merged = ours.clone();
    merged.format_version = ROADMAP_FORMAT_VERSION;
    let mut about = Vec::new();
    for name in ABOUT {
        let (Some(b), Some(o), Some(t)) = (
            about_field(&base, name),
            about_field(&ours, name),
            about_field(&theirs, name),
        ) else {
            continue;
        };
        let (value, conflict) = pick(Some(b), o, t);
        set_about_field(&mut merged, name, &value);
        if conflict {
            about.push(Conflict {
                id: name.to_owned(),
                fields: Vec::new(),
                other: Some(t.clone()),
            });
        }
    }
    let (id, id_conflict) = pick(Some(&base.id), &ours.id, &theirs.id);
    merged.id = id;
    if id_conflict {
        about.push(Conflict {
            id: "id".to_owned(),
            fields: Vec::new(),
            other: Some(theirs.id.clone()),
        });
    }
    merged.based_on = pick(Some(&base.based_on), &ours.based_on, &theirs.based_on).0;

    let (levels, level_conflicts) =
        merge_list(&base.levels, &ours.levels, &theirs.levels, |l| &l.id);
    let (stages, stage_conflicts) =
        merge_list(&base.stages, &ours.stages, &theirs.stages, |s| &s.id);
    let (skills, skill_conflicts) =
        merge_list(&base.skills, &ours.skills, &theirs.skills, |s| &s.id);
    let (groups, group_conflicts) = merge_list(
        &base.pick_one_groups,
        &ours.pick_one_groups,
        &theirs.pick_one_groups,
        |g| &g.id,
    );
    merged.levels = levels;
    merged.stages = stages;
    merged.skills = skills;
    merged.pick_one_groups = groups;
    let mut skill_conflicts = skill_conflicts;
    repair(
        &mut merged,
        [&ours, &theirs, &base],
        &theirs,
        &mut skill_conflicts,
    );
    // Renamed on both sides: ours' id stays, and theirs' joins the rename record, so
    // progress already kept under it is not orphaned.
    for (their_new, our_new) in &both {
        if let Some(skill) = merged.skills.iter_mut().find(|s| &s.id == our_new)
            && !skill.replaces.contains(their_new)
        {
            skill.replaces.push(their_new.clone());
        }
    }
    let (ours_had, theirs_had) = (&ours.conflicts, &theirs.conflicts);
    merged.conflicts = RoadmapConflicts {
        about: unite(&ours_had.about, &theirs_had.about, about),
        levels: unite(&ours_had.levels, &theirs_had.levels, level_conflicts),
        stages: unite(&ours_had.stages, &theirs_had.stages, stage_conflicts),
        skills: unite(&ours_had.skills, &theirs_had.skills, skill_conflicts),
        groups: unite(&ours_had.groups, &theirs_had.groups, group_conflicts),
    };
    merged
}

/// Mends what the two sides' changes break together: a requirement or group member whose
/// skill the other side removed goes; a stage the other side removed comes back while
/// skills are on it; a prerequisite cycle made of both sides' edges loses an edge of
/// `theirs`, recorded as a conflict on that skill.
fn repair(
    merged: &mut Roadmap,
    sides: [&Roadmap; 3],
    theirs: &Roadmap,
    conflicts: &mut Vec<Conflict<Skill>>,
) {
    let skill_ids: std::collections::HashSet<String> =
        merged.skills.iter().map(|s| s.id.clone()).collect();
    let group_ids: std::collections::HashSet<String> = merged
        .pick_one_groups
        .iter()
        .map(|g| g.id.clone())
        .collect();
    for skill in &mut merged.skills {
        skill
            .requires
            .retain(|id| skill_ids.contains(id) || group_ids.contains(id));
        skill.expects.retain(|id, _| skill_ids.contains(id));
    }
    for group in &mut merged.pick_one_groups {
        group.skills.retain(|id| skill_ids.contains(id));
    }
    let needed: Vec<String> = (merged.skills.iter())
        .map(|skill| skill.stage.clone())
        .filter(|stage| merged.stage(stage).is_none())
        .collect();
    for stage_id in needed {
        if merged.stage(&stage_id).is_some() {
            continue;
        }
        if let Some(stage) = sides.iter().find_map(|side| side.stage(&stage_id)) {
            merged.stages.push(stage.clone());
        }
    }
    let ours = sides[0];
    while let Some(cycle) = super::find_cycle(merged) {
        // The cycle's edges as (skill, what it requires), whichever way it is listed.
        let requires = |from: &str, to: &String| {
            merged
                .skill(from)
                .is_some_and(|skill| skill.requires.contains(to))
        };
        let edges: Vec<(&String, &String)> = (cycle.iter().zip(cycle.iter().skip(1)))
            .filter_map(|(a, b)| {
                if requires(a, b) {
                    Some((a, b))
                } else if requires(b, a) {
                    Some((b, a))
                } else {
                    None
                }
            })
            .collect();
        let theirs_edge = edges.iter().find(|(from, to)| {
            ours.skill(from)
                .is_none_or(|skill| !skill.requires.contains(to))
        });
        let Some((from, to)) = theirs_edge.or(edges.first()) else {
            break;
        };
        let (from, to) = ((*from).clone(), (*to).clone());
        if let Some(skill) = merged.skills.iter_mut().find(|skill| skill.id == from) {
            skill.requires.retain(|id| *id != to);
        }
        if let Some(their_skill) = theirs.skill(&from) {
            conflicts.retain(|conflict| conflict.id != from);
            conflicts.push(Conflict {
                id: from,
                fields: vec!["requires".to_owned()],
                other: Some(their_skill.clone()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Roadmap {
        let mut roadmap = Roadmap::new_empty("r", "Roadmap");
        roadmap.skills = vec![
            Skill::new("git", "Git", "junior"),
            Skill::new("sql", "SQL", "junior").requiring(&["git"]),
            Skill::new("http", "HTTP", "junior"),
        ];
        roadmap
    }

    #[test]
    fn changes_in_different_places_all_land() {
        let base = base();
        let mut ours = base.clone();
        ours.title = "Our roadmap".into();
        ours.skills.push(Skill::new("docker", "Docker", "mid"));
        let mut theirs = base.clone();
        theirs.skills[1].estimate_hours = Some(12);
        theirs.skills.retain(|s| s.id != "http");
        let merged = merge_roadmaps(&base, &ours, &theirs);
        assert_eq!(merged.title, "Our roadmap");
        assert_eq!(merged.skill("sql").unwrap().estimate_hours, Some(12));
        assert!(merged.skill("http").is_none());
        assert!(merged.skill("docker").is_some());
        assert!(merged.conflicts.is_empty());
    }

    /// Issue 33, item 6: both renamed one skill, each their own way. The merge took ours'
    /// silently, and progress kept under theirs' new id was orphaned.
    #[test]
    fn a_skill_renamed_on_both_sides_keeps_ours_and_records_theirs() {
        let base = base();
        let mut ours = base.clone();
        ours.skills[1].id = "databases".into();
        ours.skills[1].replaces = vec!["sql".into()];
        let mut theirs = base.clone();
        theirs.skills[1].id = "query-languages".into();
        theirs.skills[1].replaces = vec!["sql".into()];
        let merged = merge_roadmaps(&base, &ours, &theirs);
        assert!(merged.skill("query-languages").is_none());
        let skill = merged.skill("databases").unwrap();
        assert_eq!(skill.replaces, ["sql", "query-languages"]);
        assert_eq!(
            rename_clashes(&base, &ours, &theirs),
            [[
                "sql".to_owned(),
                "databases".to_owned(),
                "query-languages".to_owned()
            ]]
        );
        // Progress kept under theirs' id follows the skill.
        let mut progress = crate::model::Progress::new(&merged.id);
        progress.set_status(
            "query-languages",
            crate::model::Status::Learned,
            crate::model::Timestamp::from_unix_secs(1_790_000_000),
        );
        crate::model::carry_over_renames(&merged, &mut progress);
        assert_eq!(progress.status("databases"), crate::model::Status::Learned);
    }

    #[test]
    fn a_rename_on_one_side_and_an_edit_on_the_other_make_both() {
        let base = base();
        let mut ours = base.clone();
        ours.skills[1].id = "databases".into();
        ours.skills[1].replaces = vec!["sql".into()];
        let mut theirs = base.clone();
        theirs.skills[1].summary = "Query relational data.".into();
        theirs.skills[2].requires = vec!["sql".into()];
        let merged = merge_roadmaps(&base, &ours, &theirs);
        let skill = merged.skill("databases").unwrap();
        assert_eq!(skill.summary, "Query relational data.");
        assert_eq!(skill.replaces, ["sql"]);
        assert!(merged.skill("sql").is_none());
        assert_eq!(merged.skill("http").unwrap().requires, ["databases"]);
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn the_same_field_changed_differently_keeps_ours_and_records_theirs() {
        let base = base();
        let mut ours = base.clone();
        ours.skills[0].title = "Git basics".into();
        ours.description = "Ours".into();
        let mut theirs = base.clone();
        theirs.skills[0].title = "Version control with Git".into();
        theirs.description = "Theirs".into();
        let merged = merge_roadmaps(&base, &ours, &theirs);
        assert_eq!(merged.skill("git").unwrap().title, "Git basics");
        assert_eq!(merged.conflicts.len(), 2);
        let conflict = &merged.conflicts.skills[0];
        assert_eq!(
            (conflict.id.as_str(), conflict.fields.as_slice()),
            ("git", &["title".to_owned()][..])
        );
        assert_eq!(merged.conflicts.about[0].other.as_deref(), Some("Theirs"));
    }

    #[test]
    fn what_the_two_sides_break_together_is_mended() {
        let base = base();
        let mut ours = base.clone();
        ours.skills.retain(|s| s.id != "http");
        let mut theirs = base.clone();
        theirs.skills[0].summary = "Commits".into();
        theirs
            .skills
            .push(Skill::new("rest", "REST", "junior").requiring(&["http"]));
        let merged = merge_roadmaps(&base, &ours, &theirs);
        assert!(merged.skill("rest").unwrap().requires.is_empty());
        assert!(super::super::find_cycle(&merged).is_none());
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        ours.skills[0].requires = vec!["http".into()];
        theirs.skills[2].requires = vec!["sql".into()];
        let merged = merge_roadmaps(&base, &ours, &theirs);
        assert_eq!(
            super::super::find_cycle(&merged),
            None,
            "{:?}",
            merged.skills
        );
        assert_eq!(merged.skill("git").unwrap().requires, ["http"]);
        assert_eq!(merged.conflicts.skills[0].id, "http");
    }

    #[test]
    fn merging_with_an_unchanged_side_gives_the_other_side() {
        let base = base();
        let mut changed = base.clone();
        changed.skills.swap(0, 2);
        changed.skills[0].title = "Web".into();
        assert_eq!(merge_roadmaps(&base, &changed, &base), changed);
        assert_eq!(merge_roadmaps(&base, &base, &changed), changed);
    }
}
