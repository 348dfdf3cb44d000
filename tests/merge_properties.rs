//! Issue 19: random pairs of edit sequences on one progress file and one team plan, merged
//! the way `waymark merge` merges them: nothing either side did is lost, the result reads
//! back, and merging with an unchanged side gives the other side exactly.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use waymark::files::{self, merge::merge_texts};
use waymark::model::generate::{Rng, generate};
use waymark::model::{Member, Progress, RoadmapRef, Status, Team, TeamFile, Timestamp};

const SKILLS: [&str; 12] = [
    "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
];

/// The moment of a side's `step`-th edit: later steps later, the two sides interleaved.
fn at(rng: &mut Rng, step: usize) -> Timestamp {
    Timestamp::from_unix_secs(1_790_000_000 + step as i64 * 3_600 + rng.below(3_000) as i64)
}

fn edited_progress(base: &Progress, seed: u64) -> Progress {
    let mut rng = Rng(seed);
    let mut progress = base.clone();
    for step in 0..20 {
        let skill = *rng.pick(&SKILLS).unwrap();
        let when = at(&mut rng, step);
        match rng.below(3) {
            0 => {
                let status = *rng.pick(&Status::ALL).unwrap();
                progress.set_status(skill, status, when);
            }
            1 => {
                progress.set_notes(skill, &format!("note {seed}-{step}"), when);
            }
            _ => {
                progress.set_level(skill, Some(["aware", "expert"][rng.below(2)]), when);
            }
        }
    }
    progress
}

#[test]
fn random_progress_edits_on_two_machines_merge_without_losing_a_mark_or_a_note() {
    let (_, mut base) = generate(12, 5);
    base.skills = base
        .skills
        .into_iter()
        .take(6)
        .map(|(_, v)| v)
        .zip(SKILLS)
        .map(|(v, k)| (k.to_owned(), v))
        .collect();
    let text = |progress: &Progress| files::to_ron(progress).unwrap();
    for seeds in [(1_u64, 2_u64), (7, 8), (30, 31), (99, 100), (2026, 12)] {
        let ours = edited_progress(&base, seeds.0);
        let theirs = edited_progress(&base, seeds.1);
        for side in [&ours, &theirs] {
            let same = merge_texts(&text(&base), &text(side), &text(&base)).unwrap();
            assert_eq!(files::parse_progress(&same.text).unwrap(), *side);
            let same = merge_texts(&text(&base), &text(&base), &text(side)).unwrap();
            assert_eq!(files::parse_progress(&same.text).unwrap(), *side);
        }
        let merged = merge_texts(&text(&base), &text(&ours), &text(&theirs)).unwrap();
        let merged = files::parse_progress(&merged.text).unwrap();
        for (side, other) in [(&ours, &theirs), (&theirs, &ours)] {
            for (id, entry) in &side.skills {
                let kept = &merged.skills[id];
                for change in &entry.history {
                    assert!(
                        kept.history.contains(change),
                        "{seeds:?}: a status change of `{id}` was lost"
                    );
                }
                assert!(
                    kept.history.windows(2).all(|w| w[0].at <= w[1].at),
                    "in time order"
                );
                if let Some(latest) = kept.history.last() {
                    assert_eq!(
                        kept.status, latest.status,
                        "{seeds:?}: `{id}` follows its latest change"
                    );
                }
                if !entry.notes.is_empty()
                    && base.skills.get(id).map(|b| &b.notes) != Some(&entry.notes)
                {
                    assert!(
                        kept.notes.contains(&entry.notes),
                        "{seeds:?}: notes on `{id}` were lost"
                    );
                }
                if other.skills.get(id) == base.skills.get(id) {
                    assert_eq!(kept, entry, "{seeds:?}: `{id}` changed on one side only");
                }
            }
        }
    }
}

fn edited_team(base: &TeamFile, seed: u64) -> TeamFile {
    let mut rng = Rng(seed);
    let mut team = Team::from_file(base.clone(), |_| Err("none".into()));
    for step in 0..12 {
        let member = rng.below(team.members.len().max(1));
        match rng.below(4) {
            0 => team
                .members
                .push(Member::new(&format!("New {seed}-{step}"), "r")),
            1 => {
                if let Some(m) = team.members.get_mut(member) {
                    m.plan.weekly_hours = rng.below(10) as f32 + 1.0;
                }
            }
            2 => {
                let skill = *rng.pick(&SKILLS).unwrap();
                let when = at(&mut rng, step);
                team.set_status(member, skill, Status::Learned, when);
            }
            _ => {
                if team.members.len() > 1 && rng.below(3) == 0 {
                    team.members.remove(member);
                }
            }
        }
    }
    team.to_file()
}

#[test]
fn random_team_plan_edits_by_two_managers_merge_keeping_every_member_and_mark() {
    let mut base_team = Team::new(
        "Platform",
        RoadmapRef {
            id: "r".into(),
            path: String::new(),
        },
    );
    for name in ["Ada", "Bo", "Cy"] {
        base_team.members.push(Member::new(name, "r"));
    }
    let base = base_team.to_file();
    let text = |team: &TeamFile| files::to_ron(team).unwrap();
    for seeds in [(1_u64, 2_u64), (5, 6), (40, 41), (2026, 3)] {
        let ours = edited_team(&base, seeds.0);
        let theirs = edited_team(&base, seeds.1);
        for side in [&ours, &theirs] {
            let same = merge_texts(&text(&base), &text(side), &text(&base)).unwrap();
            assert_eq!(files::parse_team(&same.text).unwrap(), *side);
            let same = merge_texts(&text(&base), &text(&base), &text(side)).unwrap();
            assert_eq!(files::parse_team(&same.text).unwrap(), *side);
        }
        let merged = merge_texts(&text(&base), &text(&ours), &text(&theirs)).unwrap();
        let merged = files::parse_team(&merged.text).unwrap();
        let conflicted: Vec<&str> = merged
            .conflicts
            .members
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        for (side, other) in [(&ours, &theirs), (&theirs, &ours)] {
            for member in &side.members {
                let in_base = base.members.iter().find(|m| m.name == member.name);
                let in_other = other.members.iter().find(|m| m.name == member.name);
                let changed_here = in_base != Some(member);
                if changed_here
                    && in_other == in_base
                    && !conflicted.contains(&member.name.as_str())
                {
                    let kept = merged.members.iter().find(|m| m.name == member.name);
                    assert_eq!(
                        kept,
                        Some(member),
                        "{seeds:?}: {} changed on one side only",
                        member.name
                    );
                }
            }
        }
    }
}

/// A side as a hostile or broken repository may hand it over.
fn broken(text: &str, rng: &mut Rng, roadmap_text: &str) -> String {
    match rng.below(6) {
        0 => text
            .get(..rng.below(text.len()))
            .unwrap_or_default()
            .to_owned(),
        1 => String::new(),
        2 => roadmap_text.to_owned(),
        3 => "Config(\n    volume: 11,\n)\n".to_owned(),
        4 => text.replacen("notes: \"", &format!("notes: \"{}", "n".repeat(150_000)), 1),
        _ => text.replacen("Held({", "Linked(\"../../etc/passwd\"), Held({", 1),
    }
}

/// Issue 33, item 4: whatever the sides, `waymark merge` either writes a file that
/// validates (exit 0, or 1 with conflicts recorded in it), or exits 2 and leaves OURS byte
/// for byte as it was: never conflict markers, never an emptied or unopenable file.
#[test]
fn a_merge_always_validates_or_leaves_ours_as_it_was() {
    let roadmap = waymark::files::bundled::BACKEND_DEVELOPER.load().unwrap();
    let roadmap_text = files::to_ron(&roadmap).unwrap();
    let skills: Vec<&str> = roadmap
        .skills
        .iter()
        .take(12)
        .map(|s| s.id.as_str())
        .collect();
    let mut base_team = Team::new(
        "Platform",
        RoadmapRef {
            id: roadmap.id.clone(),
            path: String::new(),
        },
    );
    for name in ["Ada", "Bo", "Ann", "Ann"] {
        base_team.members.push(Member::new(name, &roadmap.id));
    }
    let mut base_progress = Progress::new(&roadmap.id);
    base_progress.set_notes(
        skills[0],
        "Started",
        Timestamp::from_unix_secs(1_790_000_000),
    );
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(33);
    for case in 0..60 {
        let team = case % 2 == 0;
        let side = |rng: &mut Rng, seed: u64| -> String {
            if team {
                let mut edited = Team::from_file(base_team.to_file(), |_| Err("none".into()));
                for step in 0..4 {
                    let member = rng.below(edited.members.len());
                    let when = at(rng, step);
                    let skill = *rng.pick(&skills).unwrap();
                    edited.set_status(member, skill, Status::Learned, when);
                    if rng.below(3) == 0 {
                        edited
                            .members
                            .push(Member::new(&format!("M{seed}-{step}"), &roadmap.id));
                    }
                }
                files::to_ron(&edited.to_file()).unwrap()
            } else {
                let mut edited = base_progress.clone();
                for step in 0..4 {
                    let when = at(rng, step);
                    let skill = *rng.pick(&skills).unwrap();
                    edited.set_status(skill, *rng.pick(&Status::ALL).unwrap(), when);
                    edited.set_notes(skill, &format!("note {seed} {step}"), when);
                }
                files::to_ron(&edited).unwrap()
            }
        };
        let base = if team {
            files::to_ron(&base_team.to_file()).unwrap()
        } else {
            files::to_ron(&base_progress).unwrap()
        };
        let mut texts = [base, side(&mut rng, 1), side(&mut rng, 2)];
        // Most cases break base or theirs (or both); some are left whole.
        for at in [0, 2] {
            if rng.below(3) > 0 {
                texts[at] = broken(&texts[at], &mut rng, &roadmap_text);
            }
        }
        // The 150,000-character notes on both sides: each valid, too long together.
        if rng.below(6) == 0 {
            for text in &mut texts[1..] {
                *text = text.replacen("notes: \"", &format!("notes: \"{}", "n".repeat(150_000)), 1);
            }
        }
        let names = ["base.ron", "ours.ron", "theirs.ron"];
        for (name, text) in names.iter().zip(&texts) {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(["merge", "base.ron", "ours.ron", "theirs.ron"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let after = std::fs::read_to_string(dir.path().join("ours.ron")).unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0 | 1) => {
                assert!(
                    !after.contains("<<<<<<<"),
                    "case {case}: conflict markers\n{said}"
                );
                let check = std::process::Command::new(env!("CARGO_BIN_EXE_waymark"))
                    .args(["validate", "ours.ron"])
                    .current_dir(dir.path())
                    .output()
                    .unwrap();
                assert_eq!(
                    check.status.code(),
                    Some(0),
                    "case {case}: the merged file does not validate: {}\nmerge said: {said}",
                    String::from_utf8_lossy(&check.stdout)
                );
            }
            Some(2) => assert!(
                after == texts[1],
                "case {case}: OURS changed though the merge failed: {said}"
            ),
            other => panic!("case {case}: waymark merge ended with {other:?}: {said}"),
        }
    }
}
