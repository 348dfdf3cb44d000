//! Speed goals from issue 7, measured: opening roadmaps of 100, 1,000 and 10,000 skills
//! (parse + validate + layout), and one canvas frame (egui run + tessellate, headless,
//! 1600×900) for the bundled roadmap and for 10,000 skills with everything in view, and
//! for 10,000 skills at 1:1 with a skill selected (its prerequisites highlighted); and
//! searching 10,000 skills with notes; a frame with the team matrix and the coverage view.
//!
//! `cargo bench --bench performance`; criterion prints the median of each.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // benchmarks fail loudly by design

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use waymark::app::{Action, WaymarkApp};
use waymark::files;
use waymark::files::storage::DataDir;
use waymark::model::{ProgressSummary, SearchFilter, SearchIndex};
use waymark::session::layout::Layout;

fn open_roadmap(c: &mut Criterion) {
    // What the app does when it opens a roadmap file with the person's progress: read,
    // parse and validate both, lay out, index the canvas, sum up progress.
    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    for skill_count in [100, 1_000, 10_000] {
        let data = tempfile::tempdir().unwrap();
        let (roadmap, progress) = waymark::model::generate::generate(skill_count, 42);
        let path = data.path().join("roadmap.ron");
        files::save_roadmap(&path, &roadmap).unwrap();
        let data_dir = DataDir::new(data.path().join("data"));
        files::save_progress(&data_dir.progress_path(&roadmap.id), &progress).unwrap();
        group.bench_function(format!("roadmap with progress/{skill_count}"), |b| {
            // Closing the roadmap (dropping it) is not part of opening it.
            b.iter_with_large_drop(|| {
                let app = WaymarkApp::new(Some(data_dir.clone()), Some(path.clone()));
                assert_eq!(app.session.document.roadmap.skills.len(), skill_count);
                app
            });
        });
    }
    group.finish();

    // Where the time of the biggest goes.
    let mut group = c.benchmark_group("open 10000, by part");
    group.sample_size(10);
    let (roadmap, progress) = waymark::model::generate::generate(10_000, 42);
    let roadmap_text = files::to_ron(&roadmap).unwrap();
    let progress_text = files::to_ron(&progress).unwrap();
    group.bench_function("roadmap parse+validate", |b| {
        b.iter(|| files::parse_roadmap(black_box(&roadmap_text)).unwrap())
    });
    group.bench_function("roadmap validate", |b| {
        b.iter(|| waymark::files::validate_roadmap(black_box(&roadmap), &roadmap_text))
    });
    group.bench_function("progress parse", |b| {
        b.iter(|| files::parse_progress(black_box(&progress_text)).unwrap())
    });
    group.bench_function("layout", |b| {
        b.iter(|| Layout::compute(black_box(&roadmap)))
    });
    group.bench_function("summary", |b| {
        b.iter(|| ProgressSummary::compute(black_box(&roadmap), black_box(&progress)))
    });
    group.finish();

    // The layered layout (issue 17's goal: 10,000 skills in 50 ms). The generated
    // roadmaps are hundreds of levels deep and get the packed layout; this one has 40
    // levels of 250 skills, each needing two of the level before.
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    let bundled = waymark::files::bundled::BACKEND_DEVELOPER.load().unwrap();
    group.bench_function("bundled", |b| {
        b.iter(|| Layout::compute(black_box(&bundled)))
    });
    let mut layered = roadmap.clone();
    let per_level = 250;
    for (index, skill) in layered.skills.iter_mut().enumerate() {
        if skill.kind == waymark::model::SkillKind::Skill {
            let level = index / per_level;
            skill.requires = if level == 0 {
                Vec::new()
            } else {
                (0..2)
                    .map(|k| {
                        format!(
                            "skill-{}",
                            (level - 1) * per_level + (index * 7 + k * 13) % per_level
                        )
                    })
                    .collect()
            };
        }
    }
    group.bench_function("10000 in 40 levels", |b| {
        b.iter(|| Layout::compute(black_box(&layered)))
    });
    group.finish();
}

/// The input of one headless frame: a 1600×900 window, no events.
fn frame_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 900.0),
        )),
        ..Default::default()
    }
}

/// A few frames, for the app to act on what was asked and the view to settle.
fn settle(ctx: &egui::Context, app: &mut WaymarkApp) {
    for _ in 0..3 {
        let _ = ctx.run_ui(frame_input(), |ui| app.ui(ui));
    }
}

/// Measures one frame of the whole window: egui's run and tessellation.
fn bench_frame(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    ctx: &egui::Context,
    app: &mut WaymarkApp,
) {
    group.bench_function(name, |b| {
        b.iter(|| {
            let output = ctx.run_ui(frame_input(), |ui| app.ui(ui));
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
        });
    });
}

/// One frame of the whole window, as eframe would run it, without a GPU.
fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(20);
    let data = tempfile::tempdir().unwrap();

    let big = data.path().join("big.ron");
    let (roadmap, progress) = waymark::model::generate::generate(10_000, 42);
    files::save_roadmap(&big, &roadmap).unwrap();
    // With progress on half the skills and notes on a third, where the app looks for it.
    let data_dir = DataDir::new(data.path());
    files::save_progress(&data_dir.progress_path(&roadmap.id), &progress).unwrap();

    // A skill in the middle of the big roadmap, with prerequisites and dependents.
    let middle = roadmap
        .skills
        .iter()
        .skip(roadmap.skills.len() / 2)
        .find(|skill| skill.requires.len() >= 2)
        .map(|skill| skill.id.clone());
    for (name, roadmap_path, selected) in [
        ("bundled, whole roadmap", None, None),
        ("10000 skills, whole roadmap", Some(big.clone()), None),
        ("10000 skills, 1:1, selected", Some(big.clone()), middle),
    ] {
        let mut app = WaymarkApp::new(Some(DataDir::new(data.path())), roadmap_path);
        let ctx = egui::Context::default();
        // Settle, then fit everything in view.
        settle(&ctx, &mut app);
        match selected {
            Some(skill_id) => {
                app.push_action(Action::Select(Some(skill_id.clone())));
                app.push_action(Action::Focus(skill_id));
            }
            None => app.push_action(Action::FitView),
        }
        settle(&ctx, &mut app);
        bench_frame(&mut group, name, &ctx, &mut app);
    }
    group.finish();
}

/// One search over 10,000 skills with notes on a third: an exact word that matches few, a
/// typo (no exact match anywhere, so every word is compared), a word in every skill, and
/// two words.
fn search(c: &mut Criterion) {
    let mut group = c.benchmark_group("search 10000");
    let (roadmap, progress) = waymark::model::generate::generate(10_000, 42);
    let index = SearchIndex::build(&roadmap, &progress);
    let statuses: Vec<_> = roadmap
        .skills
        .iter()
        .map(|skill| progress.status(&skill.id))
        .collect();
    let filter = SearchFilter::default();
    for query in ["skill 4242", "architecure", "topic", "notes security"] {
        group.bench_function(query, |b| {
            b.iter(|| index.search(&roadmap, |i| statuses[i], black_box(query), &filter))
        });
    }
    group.finish();
}

/// `count` ratings of a member's skills, by them and their manager in turn, at levels of
/// the scale: what a team that reviews levels holds.
fn ratings_for(
    roadmap: &waymark::model::Roadmap,
    count: usize,
    seed: usize,
) -> Vec<waymark::model::Rating> {
    use waymark::model::{Rater, Rating, SkillKind, Timestamp};
    let skills: Vec<&str> = (roadmap.skills.iter())
        .filter(|s| s.kind == SkillKind::Skill)
        .map(|s| s.id.as_str())
        .collect();
    let levels = roadmap.levels.len().max(1);
    (0..count)
        .map(|at| Rating {
            skill_id: skills[(seed * 7 + at * 13) % skills.len()].to_owned(),
            by: if at % 2 == 0 {
                Rater::Person
            } else {
                Rater::Manager
            },
            name: "Dana".into(),
            level: roadmap
                .levels
                .get((seed + at) % levels)
                .map_or(String::new(), |l| l.id.clone()),
            at: Timestamp::from_unix_secs(1_780_000_000 + (at as i64) * 86_400),
            notes: "Seen in the last review".into(),
            links: Vec::new(),
        })
        .collect()
}

/// Team plans at the sizes the levels issue names: 200 people on the bundled roadmap, 20
/// people on 10,000 skills (with a scale of levels), each person with ratings; and the
/// plan of 10 people on 10,000 skills the team views were first measured on.
fn team_plans(dir: &std::path::Path) -> Vec<(&'static str, std::path::PathBuf)> {
    use waymark::model::{Level, Member, RoadmapRef, Team};

    let mut plans = Vec::new();
    let (mut roadmap, _) = waymark::model::generate::generate(10_000, 42);
    roadmap.levels = ["aware", "working", "proficient", "expert"]
        .iter()
        .map(|id| Level {
            id: (*id).to_owned(),
            title: id.to_uppercase(),
            meaning: String::new(),
        })
        .collect();
    roadmap.learned_level = "proficient".into();
    files::save_roadmap(&dir.join("big.ron"), &roadmap).unwrap();
    for (name, people, ratings) in [
        ("10 people, 10000 skills", 10, 0),
        ("20 people, 10000 skills, rated", 20, 40),
    ] {
        let mut team = Team::new(
            "Big",
            RoadmapRef {
                id: roadmap.id.clone(),
                path: "big.ron".into(),
            },
        );
        for seed in 0..people {
            let (_, progress) = waymark::model::generate::generate(10_000, 100 + seed as u64);
            let mut member = Member::new(&format!("Person {seed}"), &roadmap.id);
            member.progress = Ok(progress);
            member.plan.current_role = roadmap
                .skills
                .iter()
                .find(|s| s.kind == waymark::model::SkillKind::Milestone)
                .map_or(String::new(), |s| s.id.clone());
            member.plan.target_role = roadmap
                .skills
                .iter()
                .rev()
                .find(|s| s.kind == waymark::model::SkillKind::Milestone)
                .map(|s| s.id.clone());
            member.ratings = ratings_for(&roadmap, ratings, seed);
            team.members.push(member);
        }
        let path = dir.join(format!("{people}-people.ron"));
        files::save_team(&path, &mut team).unwrap();
        plans.push((name, path));
    }

    // 200 people on the bundled roadmap: the example team's four, fifty times over.
    let bundled = files::bundled::BACKEND_DEVELOPER.load().unwrap();
    files::save_roadmap(&dir.join("backend-developer.ron"), &bundled).unwrap();
    let example = files::parse_team(files::bundled::EXAMPLE_TEAM).unwrap();
    let mut team = Team::from_file(example, |_| Err("none".into()));
    let four = std::mem::take(&mut team.members);
    for copy in 0..50 {
        for (index, member) in four.iter().enumerate() {
            let mut member = member.clone();
            member.name = format!("{} {copy}", member.name);
            member
                .ratings
                .extend(ratings_for(&bundled, 10, copy * 4 + index));
            team.members.push(member);
        }
    }
    let path = dir.join("200-people.ron");
    files::save_team(&path, &mut team).unwrap();
    plans.push(("200 people, bundled roadmap, rated", path));
    plans
}

/// Opening a team plan: reading, parsing and checking it against its roadmap, and each
/// member's progress made ready.
fn team_open(c: &mut Criterion) {
    let mut group = c.benchmark_group("open team plan");
    group.sample_size(10);
    let data = tempfile::tempdir().unwrap();
    for (name, path) in team_plans(data.path()) {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = files::parse_team(&text).unwrap();
        let roadmap = files::load_roadmap(&data.path().join(&file.roadmap.path)).unwrap();
        group.bench_function(name, |b| {
            b.iter_with_large_drop(|| files::load_team(&path, &roadmap).unwrap())
        });
    }
    group.finish();
}

/// One frame with the team window on its matrix and the graph in the coverage view: the
/// example team (4 people, bundled roadmap), and the plans of `team_plans`.
fn team(c: &mut Criterion) {
    use waymark::app::{GraphLens, TeamAction, TeamTab};

    let mut group = c.benchmark_group("team frame");
    group.sample_size(20);
    let data = tempfile::tempdir().unwrap();
    let mut plans = vec![("example team, matrix, coverage".to_owned(), None)];
    for (name, path) in team_plans(data.path()) {
        plans.push((format!("{name}, matrix, coverage"), Some(path)));
    }
    for (name, team_path) in plans {
        let name = name.as_str();
        let mut app = WaymarkApp::new(Some(DataDir::new(data.path().join(name))), None);
        app.push_action(Action::Team(match team_path {
            Some(path) => TeamAction::Open(path),
            None => TeamAction::OpenExample,
        }));
        app.push_action(Action::Team(TeamAction::SetLens(GraphLens::Coverage)));
        let ctx = egui::Context::default();
        settle(&ctx, &mut app);
        app.team_mut().unwrap().tab = TeamTab::Matrix;
        app.push_action(Action::FitView);
        settle(&ctx, &mut app);
        assert!(app.team().is_some_and(|t| t.lens == GraphLens::Coverage));
        bench_frame(&mut group, name, &ctx, &mut app);
    }
    group.finish();
}

criterion_group!(benches, open_roadmap, frame, search, team_open, team);
criterion_main!(benches);
