//! Random sequences of edits, through the app's one place for changes: the roadmap stays
//! valid after every step, and as many undos give back exactly the original document.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use waymark::app::{Action, WaymarkApp};
use waymark::files;
use waymark::files::storage::DataDir;
use waymark::files::validate_roadmap;
use waymark::model::generate::Rng;
use waymark::model::{Area, Roadmap, RoadmapEdit, Skill, SkillKind, Stage, Status};

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

#[test]
fn random_edits_keep_the_roadmap_valid_and_undo_all_the_way_back() {
    let ctx = egui::Context::default();
    for seed in [1_u64, 42, 2026] {
        let data = tempfile::tempdir().unwrap();
        let mut app = WaymarkApp::new(Some(DataDir::new(data.path())), None);
        let original = app.session.document.snapshot();
        let mut rng = Rng(seed);
        let mut applied = 0;
        for step in 0..60 {
            let before = app.session.document.snapshot();
            let action = random_action(&mut rng, &app.session.document.roadmap, step);
            app.apply(action.clone(), &ctx);
            if app.session.document.snapshot() != before {
                applied += 1;
            }
            assert!(
                app.session.document.derived_data_is_fresh(),
                "seed {seed}, step {step}, {action:?}: the cached layout, canvas index and \
                 summary equal a fresh computation"
            );
            let text = files::to_ron(&app.session.document.roadmap).unwrap();
            let errors: Vec<_> = validate_roadmap(&app.session.document.roadmap, &text)
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
                reparsed, app.session.document.roadmap,
                "seed {seed}, step {step}: the saved text reads back the same"
            );
        }
        assert!(
            applied > 20,
            "seed {seed}: only {applied} edits went through; the generator is too timid"
        );
        for _ in 0..applied {
            app.apply(Action::Undo, &ctx);
            assert!(
                app.session.document.derived_data_is_fresh(),
                "seed {seed}: fresh after undo"
            );
        }
        assert_eq!(
            app.session.document.snapshot(),
            original,
            "seed {seed}: undoing every step gives back the original"
        );
        assert_eq!(app.undo_label(), None);
    }
}
