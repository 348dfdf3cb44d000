//! Random sequences of edits through the session's one place for changes, with no egui:
//! the roadmap stays valid after every step, autosave writes what changed within its
//! interval and nothing else, a draft exists exactly while roadmap edits are unsaved, and
//! undo gives back every step, team plan changes among them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use std::path::Path;

use waymark::files;
use waymark::files::storage::DataDir;
use waymark::files::validate_roadmap;
use waymark::model::TeamEdit;
use waymark::model::generate::Rng;
use waymark::model::{Area, Roadmap, RoadmapEdit, Skill, SkillKind, Stage, Status};
use waymark::session::{AUTOSAVE_DELAY_SECS, Action, Session, TeamAction};

fn random_action(rng: &mut Rng, roadmap: &Roadmap, step: usize) -> Action {
    let skill_ids: Vec<String> = roadmap.skills.iter().map(|s| s.id.clone()).collect();
    let stage_ids: Vec<String> = roadmap.stages.iter().map(|s| s.id.clone()).collect();
    let any_skill = |rng: &mut Rng| rng.pick(&skill_ids).cloned().unwrap_or_default();
    let edit = match rng.below(14) {
        0 | 1 => {
            let stage = rng.pick(&stage_ids).cloned().unwrap_or_default();
            let requires = if rng.below(2) == 0 {
                vec![any_skill(rng)]
            } else {
                Vec::new()
            };
            RoadmapEdit::AddSkill {
                skill: Skill {
                    id: format!("random-{step}"),
                    title: format!("Random skill {step}"),
                    summary: "Made by the property test.".into(),
                    stage,
                    area: Area("testing-debugging".into()),
                    kind: if rng.below(8) == 0 {
                        SkillKind::Milestone
                    } else {
                        SkillKind::Skill
                    },
                    resources: Vec::new(),
                    estimate_hours: Some(rng.below(40) as u32 + 1),
                    optional: rng.below(3) == 0,
                    requires,
                    position: Some((rng.below(3000) as f32, rng.below(1500) as f32)),
                    replaces: Vec::new(),
                    ..Skill::new("", "", "")
                },
            }
        }
        2 => RoadmapEdit::RemoveSkills {
            skill_ids: vec![any_skill(rng), any_skill(rng)],
        },
        3 | 4 => {
            let mut skill = roadmap.skill(&any_skill(rng)).cloned().unwrap();
            match rng.below(4) {
                0 => skill.title = format!("{} (renamed {step})", skill.title),
                1 => skill.stage = rng.pick(&stage_ids).cloned().unwrap_or_default(),
                2 => skill.optional = !skill.optional,
                _ => skill.summary.push_str(" More."),
            }
            RoadmapEdit::UpdateSkill { skill }
        }
        5 | 6 => RoadmapEdit::AddRequirement {
            skill_id: any_skill(rng),
            required_id: any_skill(rng),
        },
        7 => {
            let skill = roadmap.skill(&any_skill(rng)).cloned().unwrap();
            match rng.pick(&skill.requires) {
                Some(required) => RoadmapEdit::RemoveRequirement {
                    skill_id: skill.id.clone(),
                    required_id: required.clone(),
                },
                None => RoadmapEdit::ClearPositions {
                    skill_ids: vec![skill.id],
                },
            }
        }
        8 => RoadmapEdit::MoveSkills {
            moves: vec![(
                any_skill(rng),
                (rng.below(2000) as f32, rng.below(900) as f32),
            )],
        },
        9 => RoadmapEdit::AddStage {
            stage: Stage {
                id: format!("stage-{step}"),
                title: format!("Stage {step}"),
            },
            index: rng.below(stage_ids.len() + 1),
        },
        10 => RoadmapEdit::MoveStage {
            stage_id: rng.pick(&stage_ids).cloned().unwrap_or_default(),
            to_index: rng.below(stage_ids.len()),
        },
        11 => RoadmapEdit::RemoveStage {
            stage_id: rng.pick(&stage_ids).cloned().unwrap_or_default(),
        },
        12 => {
            let group_ids: Vec<Option<String>> = roadmap
                .pick_one_groups
                .iter()
                .map(|g| Some(g.id.clone()))
                .chain([None])
                .collect();
            RoadmapEdit::SetGroup {
                skill_id: any_skill(rng),
                group_id: rng.pick(&group_ids).cloned().flatten(),
            }
        }
        _ => {
            return Action::SetStatus {
                skill_id: any_skill(rng),
                status: *rng.pick(&Status::ALL).unwrap(),
            };
        }
    };
    Action::Edit {
        edit,
        gesture: None,
    }
}

/// When a file was last written, if it exists.
fn written_at(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[test]
fn random_edits_keep_the_roadmap_valid_and_undo_all_the_way_back() {
    for seed in [1_u64, 42, 2026] {
        let data = tempfile::tempdir().unwrap();
        let data_dir = DataDir::new(data.path());
        // No egui here: the session alone, with time passed in.
        let mut session = Session::new(Some(data_dir.clone()), None);
        let progress_path = session.document.progress_path.clone().unwrap();
        let state_path = data_dir.state_path();
        let mut now = 0.0;
        session.tick(now + AUTOSAVE_DELAY_SECS);
        let original = session.document.snapshot();
        let mut rng = Rng(seed);
        let mut applied = 0;
        for step in 0..60 {
            now += AUTOSAVE_DELAY_SECS * 1.5;
            let before = session.document.snapshot();
            let written_before = (written_at(&progress_path), written_at(&state_path));
            let action = random_action(&mut rng, &session.document.roadmap, step);
            session.apply(action.clone(), now);
            let changed = session.document.snapshot() != before;
            if changed {
                applied += 1;
                assert!(
                    session.has_unwritten_changes(),
                    "seed {seed}, step {step}: a change waits to be written"
                );
            }
            assert!(
                session.document.derived_data_is_fresh(),
                "seed {seed}, step {step}, {action:?}: the cached layout, canvas index and \
                 summary equal a fresh computation"
            );
            let text = files::to_ron(&session.document.roadmap).unwrap();
            let errors: Vec<_> = validate_roadmap(&session.document.roadmap, &text)
                .into_iter()
                .filter(|p| p.is_error())
                .collect();
            assert!(
                errors.is_empty(),
                "seed {seed}, step {step}, {action:?} left the roadmap invalid: {errors:?}"
            );
            let reparsed = files::parse_roadmap(&text)
                .unwrap_or_else(|problems| panic!("seed {seed}, step {step}: {problems:?}"));
            assert_eq!(
                reparsed, session.document.roadmap,
                "seed {seed}, step {step}: the saved text reads back the same"
            );

            // Autosave: not before the interval, by its end; nothing when nothing changed.
            session.tick(now + AUTOSAVE_DELAY_SECS * 0.5);
            if changed {
                assert!(
                    session.has_unwritten_changes(),
                    "seed {seed}, step {step}: too early"
                );
            }
            session.tick(now + AUTOSAVE_DELAY_SECS);
            assert!(
                !session.has_unwritten_changes(),
                "seed {seed}, step {step}: written within the autosave interval"
            );
            if changed {
                if !session.document.progress.skills.is_empty() {
                    let (on_disk, _) =
                        files::load_progress(&progress_path, Some(&session.document.roadmap))
                            .unwrap();
                    assert_eq!(
                        on_disk.skills, session.document.progress.skills,
                        "seed {seed}, step {step}: the progress on disk is the progress open"
                    );
                }
            } else {
                assert_eq!(
                    (written_at(&progress_path), written_at(&state_path)),
                    written_before,
                    "seed {seed}, step {step}, {action:?}: nothing changed, nothing written"
                );
            }
            assert_eq!(
                data_dir.draft_path().exists(),
                session.document.is_roadmap_modified(),
                "seed {seed}, step {step}: a draft exists exactly while roadmap edits are unsaved"
            );
            if let Some(Ok(draft)) = data_dir.load_draft() {
                assert_eq!(
                    draft.roadmap, session.document.roadmap,
                    "the draft is up to date"
                );
            }
        }
        assert!(
            applied > 20,
            "seed {seed}: only {applied} edits went through; the generator is too timid"
        );
        for _ in 0..applied {
            now += 0.1;
            session.apply(Action::Undo, now);
            assert!(
                session.document.derived_data_is_fresh(),
                "seed {seed}: fresh after undo"
            );
        }
        assert_eq!(
            session.document.snapshot(),
            original,
            "seed {seed}: undoing every step gives back the original"
        );
        assert_eq!(session.history.undo_label(), None);
        session.tick(now + AUTOSAVE_DELAY_SECS);
        assert!(
            !data_dir.draft_path().exists(),
            "seed {seed}: undone all the way back, no edits are unsaved and the draft is gone"
        );
    }
}

/// A random change to the example team plan.
fn random_team_edit(rng: &mut Rng, session: &Session, step: usize) -> Action {
    let team = &session.team.as_ref().unwrap().team;
    let member = rng.below(team.members.len().max(1));
    let skill_ids: Vec<String> = session
        .document
        .roadmap
        .skills
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let edit = match rng.below(5) {
        0 => TeamEdit::Rename(format!("Team {step}")),
        1 => TeamEdit::SetName {
            member,
            name: format!("Person {step}"),
        },
        2 => TeamEdit::SetWeeklyHours {
            member,
            hours: rng.below(20) as f32 + 1.0,
        },
        _ => TeamEdit::SetStatus {
            member,
            skill_id: rng.pick(&skill_ids).cloned().unwrap(),
            status: *rng.pick(&Status::ALL).unwrap(),
        },
    };
    Action::Team(TeamAction::Edit {
        edit,
        gesture: None,
    })
}

#[test]
fn team_and_roadmap_changes_undo_and_redo_in_any_interleaving() {
    for seed in [3_u64, 17, 99] {
        let data = tempfile::tempdir().unwrap();
        let mut session = Session::new(Some(DataDir::new(data.path())), None);
        session.apply(Action::Team(TeamAction::OpenExample), 0.0);
        assert!(session.team.is_some(), "the example team opens");
        let mut rng = Rng(seed);
        // What the roadmap, progress and team are after each step that changed something.
        let mut states = vec![session.snapshot()];
        let mut now = 0.0;
        for step in 0..40 {
            now += 0.5;
            let action = if rng.below(2) == 0 {
                random_team_edit(&mut rng, &session, step)
            } else {
                random_action(&mut rng, &session.document.roadmap, step)
            };
            session.apply(action, now);
            if session.snapshot() != *states.last().unwrap() {
                states.push(session.snapshot());
            }
        }
        assert!(
            states.len() > 20,
            "seed {seed}: {} steps changed something",
            states.len()
        );
        let team_steps = states
            .windows(2)
            .filter(|pair| pair[0].team != pair[1].team)
            .count();
        assert!(team_steps > 5, "seed {seed}: {team_steps} team changes");
        for expected in states.iter().rev().skip(1) {
            session.apply(Action::Undo, now);
            assert_eq!(
                session.snapshot(),
                *expected,
                "seed {seed}: undo restores each step"
            );
        }
        for expected in states.iter().skip(1) {
            session.apply(Action::Redo, now);
            assert_eq!(
                session.snapshot(),
                *expected,
                "seed {seed}: redo restores each step"
            );
        }
    }
}

/// The roadmap after `steps` random edits from the bundled one, made in a session of its own.
fn edited_roadmap(seed: u64, steps: usize) -> Roadmap {
    let data = tempfile::tempdir().unwrap();
    let mut session = Session::new(Some(DataDir::new(data.path())), None);
    let mut rng = Rng(seed);
    for step in 0..steps {
        let action = random_action(
            &mut rng,
            &session.document.roadmap,
            step + seed as usize * 1000,
        );
        session.apply(action, step as f64);
    }
    session.document.roadmap.clone()
}

/// Issue 19: for random pairs of edit sequences on a common base, `waymark merge` gives a
/// valid roadmap holding every change that did not conflict, and merging with an unchanged
/// side gives the other side exactly.
#[test]
fn random_edit_pairs_merge_into_a_valid_roadmap_keeping_every_change() {
    use waymark::files::merge::merge_texts;
    let base = files::bundled::BACKEND_DEVELOPER.load().unwrap();
    let text = |roadmap: &Roadmap| files::to_ron(roadmap).unwrap();
    for (ours_seed, theirs_seed) in [(3_u64, 4_u64), (11, 12), (2026, 7), (90, 91)] {
        let ours = edited_roadmap(ours_seed, 30);
        let theirs = edited_roadmap(theirs_seed, 30);
        for side in [&ours, &theirs] {
            let same = merge_texts(&text(&base), &text(side), &text(&base)).unwrap();
            assert_eq!(files::parse_roadmap(&same.text).unwrap(), *side);
            assert_eq!(same.conflicts, 0);
            let same = merge_texts(&text(&base), &text(&base), &text(side)).unwrap();
            assert_eq!(files::parse_roadmap(&same.text).unwrap(), *side);
        }
        let merged = merge_texts(&text(&base), &text(&ours), &text(&theirs))
            .unwrap_or_else(|error| panic!("seeds {ours_seed}/{theirs_seed}: {error}"));
        let merged = files::parse_roadmap(&merged.text).expect("the merged roadmap is valid");
        let conflicted: Vec<&str> = merged
            .conflicts
            .skills
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        for (side, other) in [(&ours, &theirs), (&theirs, &ours)] {
            for skill in &side.skills {
                let in_base = base.skill(&skill.id);
                let untouched_there = other.skill(&skill.id) == in_base;
                if in_base == Some(skill)
                    || !untouched_there
                    || conflicted.contains(&skill.id.as_str())
                {
                    continue;
                }
                // Changed or added on one side only: in the merge as that side has it (a
                // requirement on a skill the other side removed is all that may go).
                let kept = merged.skill(&skill.id).unwrap_or_else(|| {
                    panic!("seeds {ours_seed}/{theirs_seed}: `{}` was lost", skill.id)
                });
                let mut expected = skill.clone();
                expected.requires.retain(|id| kept.requires.contains(id));
                assert_eq!(*kept, expected, "seeds {ours_seed}/{theirs_seed}");
            }
            for skill in &base.skills {
                let removed_here = side.skill(&skill.id).is_none();
                if removed_here && other.skill(&skill.id) == Some(skill) {
                    assert!(
                        merged.skill(&skill.id).is_none(),
                        "`{}` stays removed",
                        skill.id
                    );
                }
            }
        }
    }
}
