//! Waymark files shared through git: a repository set up with `waymark git-setup`, two
//! branches changing the same roadmap, progress file and team plan, and `git merge`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use std::path::Path;
use std::process::Command;

use common::waymark;
use egui_kittest::kittest::Queryable;
use waymark::files::{self, bundled};
use waymark::model::{Member, Progress, Roadmap, Status, Team, TeamFile, Timestamp};

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) {
    let output = git(dir, args);
    assert!(
        output.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn commit_all(dir: &Path, message: &str) {
    git_ok(dir, &["add", "-A"]);
    git_ok(dir, &["commit", "-q", "-m", message]);
}

fn at(day: i64) -> Timestamp {
    Timestamp::from_unix_secs(1_790_000_000 + day * 86_400)
}

/// The app on its own data folder, opened with the roadmap at `path`.
fn app_with(
    data: &Path,
    path: impl Into<std::path::PathBuf>,
) -> egui_kittest::Harness<'static, waymark::app::WaymarkApp> {
    common::harness_with(waymark::app::WaymarkApp::new(
        Some(waymark::files::storage::DataDir::new(data)),
        Some(path.into()),
    ))
}

fn roadmap(dir: &Path) -> Roadmap {
    files::load_roadmap(&dir.join("roadmap.ron")).unwrap()
}

fn progress(dir: &Path) -> Progress {
    files::load_progress(&dir.join("me.ron"), None).unwrap().0
}

fn team(dir: &Path) -> TeamFile {
    files::parse_team(&std::fs::read_to_string(dir.join("team.ron")).unwrap()).unwrap()
}

fn write(dir: &Path, roadmap: &Roadmap, progress: &Progress, team: &TeamFile) {
    files::save_roadmap(&dir.join("roadmap.ron"), roadmap).unwrap();
    files::save_progress(&dir.join("me.ron"), progress).unwrap();
    std::fs::write(dir.join("team.ron"), files::to_ron(team).unwrap()).unwrap();
}

/// A repository with the bundled roadmap, a progress file and a team plan committed on
/// `main`, set up by `waymark git-setup`.
fn repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git_ok(dir, &["init", "-q", "-b", "main"]);
    let setup = waymark(&["git-setup"], dir);
    let said = String::from_utf8_lossy(&setup.stdout).into_owned();
    assert_eq!(
        setup.status.code(),
        Some(0),
        "{said}{}",
        String::from_utf8_lossy(&setup.stderr)
    );
    assert!(said.contains("added `*.ron merge=waymark`"), "{said}");
    assert!(said.contains("merge.waymark.driver"), "{said}");
    let again = waymark(&["git-setup", "."], dir);
    assert!(String::from_utf8_lossy(&again.stdout).contains("already has"));
    let attributes = std::fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert_eq!(attributes.matches("merge=waymark").count(), 1);

    let roadmap = bundled::BACKEND_DEVELOPER.load().unwrap();
    let mut progress = Progress::new(&roadmap.id);
    progress.person = "Ada".into();
    progress.set_status("git-basics", Status::Learning, at(0));
    let mut team = Team::new(
        "Platform",
        waymark::model::RoadmapRef {
            id: roadmap.id.clone(),
            path: "roadmap.ron".into(),
        },
    );
    team.members.push(Member::new("Ada", &roadmap.id));
    team.members.push(Member::new("Bo", &roadmap.id));
    write(dir, &roadmap, &progress, &team.to_file());
    commit_all(dir, "start");
    repo
}

#[test]
fn two_branches_changing_the_same_files_in_different_places_merge_clean() {
    let repo = repository();
    let dir = repo.path();
    let first_skill = roadmap(dir).skills[0].id.clone();
    let last_skill = roadmap(dir).skills.last().unwrap().id.clone();

    git_ok(dir, &["checkout", "-q", "-b", "ours"]);
    let (mut r, mut p, mut t) = (roadmap(dir), progress(dir), team(dir));
    r.skills[0].title = "Our title".into();
    p.set_status("git-basics", Status::Learned, at(2));
    p.set_notes("git-basics", "Rebase practice", at(2));
    t.members[0].weekly_hours = 6.0;
    write(dir, &r, &p, &t);
    commit_all(dir, "ours");

    git_ok(dir, &["checkout", "-q", "main"]);
    git_ok(dir, &["checkout", "-q", "-b", "theirs"]);
    let (mut r, mut p, mut t) = (roadmap(dir), progress(dir), team(dir));
    r.skills.last_mut().unwrap().summary = "Their summary.".into();
    let mut added = waymark::model::Skill::new("acme-deploy", "Deploying at Acme", &r.stages[0].id);
    added.estimate_hours = Some(3);
    r.skills.push(added);
    p.set_status("sql", Status::Learning, at(1));
    p.set_notes("git-basics", "Branches", at(3));
    t.members[1].weekly_hours = 2.0;
    t.members.push(
        files::parse_team(
            &files::to_ron(&{
                let mut extra = Team::new("x", t.roadmap.clone());
                extra.members.push(Member::new("Cy", &r.id));
                extra.to_file()
            })
            .unwrap(),
        )
        .unwrap()
        .members
        .remove(0),
    );
    write(dir, &r, &p, &t);
    commit_all(dir, "theirs");

    git_ok(dir, &["checkout", "-q", "ours"]);
    git_ok(dir, &["merge", "-q", "--no-edit", "theirs"]);

    let (r, p, t) = (roadmap(dir), progress(dir), team(dir));
    assert_eq!(r.skill(&first_skill).unwrap().title, "Our title");
    assert_eq!(r.skill(&last_skill).unwrap().summary, "Their summary.");
    assert!(r.skill("acme-deploy").is_some());
    assert!(r.conflicts.is_empty());
    let entry = &p.skills["git-basics"];
    assert_eq!(entry.status, Status::Learned);
    assert_eq!(entry.history.len(), 2);
    assert_eq!(entry.notes, "Rebase practice\n\nBranches");
    assert_eq!(p.status("sql"), Status::Learning);
    assert!(p.conflicts.is_empty());
    let hours: Vec<(&str, f32)> = t
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.weekly_hours))
        .collect();
    assert_eq!(hours, [("Ada", 6.0), ("Bo", 2.0), ("Cy", 4.0)]);
    assert!(t.conflicts.is_empty());
    files::load_team(&dir.join("team.ron"), &r).unwrap();
}

/// A repository where `ours` and `theirs` changed the first skill's title differently and
/// `theirs` also changed the second skill's summary, with `git merge theirs` run on `ours`.
fn conflicted_merge() -> (tempfile::TempDir, std::process::Output) {
    let repo = repository();
    let dir = repo.path();
    git_ok(dir, &["checkout", "-q", "-b", "ours"]);
    let mut r = roadmap(dir);
    r.skills[0].title = "Our title".into();
    files::save_roadmap(&dir.join("roadmap.ron"), &r).unwrap();
    commit_all(dir, "ours");
    git_ok(dir, &["checkout", "-q", "main"]);
    git_ok(dir, &["checkout", "-q", "-b", "theirs"]);
    let mut r = roadmap(dir);
    r.skills[0].title = "Their title".into();
    r.skills[1].summary = "Also theirs.".into();
    files::save_roadmap(&dir.join("roadmap.ron"), &r).unwrap();
    commit_all(dir, "theirs");
    git_ok(dir, &["checkout", "-q", "ours"]);
    let merge = git(dir, &["merge", "--no-edit", "theirs"]);
    (repo, merge)
}

#[test]
fn the_same_field_changed_on_both_branches_stops_the_merge_with_a_file_that_loads() {
    let (repo, merge) = conflicted_merge();
    let dir = repo.path();
    assert!(!merge.status.success(), "the merge stops for the conflict");
    let text = std::fs::read_to_string(dir.join("roadmap.ron")).unwrap();
    assert!(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"));
    let merged = roadmap(dir);
    assert_eq!(merged.skills[0].title, "Our title");
    assert_eq!(merged.skills[1].summary, "Also theirs.");
    assert_eq!(merged.conflicts.skills.len(), 1);
    let conflict = &merged.conflicts.skills[0];
    assert_eq!(conflict.fields, ["title"]);
    assert_eq!(conflict.other.as_ref().unwrap().title, "Their title");
    let status = String::from_utf8_lossy(&git(dir, &["status", "--short"]).stdout).into_owned();
    assert!(status.contains("UU roadmap.ron"), "{status}");
}

#[test]
fn files_that_are_not_waymarks_merge_by_lines_and_bad_ones_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    std::fs::write(path("base"), "(a: 1, b: 2)\n").unwrap();
    std::fs::write(path("ours"), "(a: 1, b: 2)\n").unwrap();
    std::fs::write(path("theirs"), "(a: 1, b: 3)\n").unwrap();
    let output = waymark(&["merge", "base", "ours", "theirs"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(path("ours")).unwrap(),
        "(a: 1, b: 3)\n"
    );

    let good = files::to_ron(&Progress::new("r")).unwrap();
    std::fs::write(path("base"), &good).unwrap();
    std::fs::write(path("ours"), &good).unwrap();
    std::fs::write(
        path("theirs"),
        "Progress(format_version: 5, roadmap_id: \"r\", skills: {",
    )
    .unwrap();
    let output = waymark(&["merge", "base", "ours", "theirs"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("theirs version is not a valid progress")
    );
    assert_eq!(std::fs::read_to_string(path("ours")).unwrap(), good);
}

#[test]
fn the_app_shows_a_merge_conflict_and_takes_the_other_version_with_undo() {
    let (repo, _) = conflicted_merge();
    let path = repo.path().join("roadmap.ron");
    let first = roadmap(repo.path()).skills[0].id.clone();
    let data = tempfile::tempdir().unwrap();
    let mut harness = app_with(data.path(), path.clone());
    harness.run();
    harness.get_by_label_contains("A merge left 1 conflict");
    harness.get_by_label("Other version: Their title");
    harness.get_by_label("Take other").click();
    harness.run();
    let title = |h: &egui_kittest::Harness<'_, waymark::app::WaymarkApp>| {
        h.state()
            .session
            .document
            .roadmap
            .skill(&first)
            .unwrap()
            .title
            .clone()
    };
    assert_eq!(title(&harness), "Their title");
    assert!(
        harness
            .state()
            .session
            .document
            .roadmap
            .conflicts
            .is_empty()
    );
    assert!(harness.query_by_label_contains("A merge left").is_none());

    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(title(&harness), "Our title");
    harness.get_by_label("Keep this").click();
    harness.run();
    assert_eq!(title(&harness), "Our title");
    assert!(
        harness
            .state()
            .session
            .document
            .roadmap
            .conflicts
            .is_empty()
    );
    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::S);
    let saved = roadmap(repo.path());
    assert!(saved.conflicts.is_empty());
    assert_eq!(saved.skills[0].title, "Our title");
}

/// A company's fork of the bundled roadmap (three skills of its own, a stage renamed) takes
/// an updated bundled roadmap (a skill renamed through `replaces`, one added, one removed)
/// with `waymark update`, keeping all its own changes and all progress.
#[test]
fn a_fork_of_the_bundled_roadmap_takes_an_update_and_keeps_its_changes_and_progress() {
    use waymark::model::{Skill, carry_over_renames, fork};
    let dir = tempfile::tempdir().unwrap();
    let bundled = bundled::BACKEND_DEVELOPER.load().unwrap();
    let mut company = fork(&bundled, "acme-backend", "Acme back end");
    for (id, title) in [
        ("acme-deploy", "Deploying at Acme"),
        ("acme-oncall", "Acme on-call"),
        ("acme-review", "Acme code review"),
    ] {
        company
            .skills
            .push(Skill::new(id, title, &company.stages[1].id));
    }
    company.stages[0].title = "Associate engineer".into();
    files::save_roadmap(&dir.path().join("acme.ron"), &company).unwrap();

    let (renamed, removed) = (bundled.skills[2].id.clone(), bundled.skills[3].id.clone());
    let mut next = bundled.clone();
    next.skills[2].id = format!("{renamed}-v2");
    next.skills[2].replaces = vec![renamed.clone()];
    for skill in &mut next.skills {
        for id in skill.requires.iter_mut().filter(|id| **id == renamed) {
            id.clone_from(&format!("{renamed}-v2"));
        }
        skill.requires.retain(|id| *id != removed);
        skill.expects.remove(&removed);
    }
    for group in &mut next.pick_one_groups {
        for id in group.skills.iter_mut().filter(|id| **id == renamed) {
            id.clone_from(&format!("{renamed}-v2"));
        }
        group.skills.retain(|id| *id != removed);
    }
    next.skills.retain(|s| s.id != removed);
    next.skills.push(Skill::new(
        "service-slos",
        "Service level objectives",
        &next.stages[2].id,
    ));
    files::save_roadmap(&dir.path().join("next.ron"), &next).unwrap();

    let mut progress = Progress::new(&bundled.id);
    progress.set_status(&renamed, Status::Learned, at(0));
    progress.set_status("acme-deploy", Status::Learning, at(1));

    let output = waymark(&["update", "acme.ron", "next.ron"], dir.path());
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("Service level objectives"), "{said}");
    let updated = files::load_roadmap(&dir.path().join("acme.ron")).unwrap();
    for id in ["acme-deploy", "acme-oncall", "acme-review", "service-slos"] {
        assert!(updated.skill(id).is_some(), "{id}");
    }
    assert!(updated.skill(&removed).is_none());
    assert!(updated.skill(&renamed).is_none());
    assert_eq!(updated.stages[0].title, "Associate engineer");
    assert_eq!(
        (updated.id.as_str(), updated.title.as_str()),
        ("acme-backend", "Acme back end")
    );
    assert_eq!(
        updated.based_on.as_ref().unwrap().roadmap.skills,
        next.skills
    );
    assert!(updated.conflicts.is_empty());
    // Progress is the upstream's, and follows the rename.
    assert_eq!(updated.progress_id(), bundled.id);
    let text = files::to_ron(&progress).unwrap();
    let errors: Vec<_> = files::validate_progress(&progress, &updated, &text)
        .into_iter()
        .filter(|p| p.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    carry_over_renames(&updated, &mut progress);
    assert_eq!(progress.status(&format!("{renamed}-v2")), Status::Learned);
    assert_eq!(progress.status("acme-deploy"), Status::Learning);

    let same = waymark(&["update", "acme.ron", "next.ron"], dir.path());
    assert!(String::from_utf8_lossy(&same.stdout).contains("already up to date"));
    assert_eq!(same.status.code(), Some(0));
    let again = waymark(&["update", "next.ron", "acme.ron"], dir.path());
    assert_eq!(
        again.status.code(),
        Some(2),
        "a roadmap that is no fork cannot take an update"
    );
}

/// In the app: Save as... makes a fork of a roadmap file, the original changes, and
/// File -> Update from the original takes its changes in as one undo step, keeping the
/// fork's own and the progress.
#[test]
fn a_fork_made_in_the_app_takes_the_originals_update_with_undo() {
    use waymark::model::Skill;
    use waymark::session::Action;
    let dir = tempfile::tempdir().unwrap();
    let original_path = dir.path().join("original.ron");
    let mut original = Roadmap::new_empty("original", "Original");
    original.skills = vec![
        Skill::new("git", "Git", "junior"),
        Skill::new("sql", "SQL", "junior"),
    ];
    files::save_roadmap(&original_path, &original).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut harness = app_with(data.path(), original_path.clone());
    harness.run();
    common::select(&mut harness, "git");
    common::press(&mut harness, egui::Modifiers::NONE, egui::Key::L);
    let fork_path = dir.path().join("acme.ron");
    harness
        .state_mut()
        .push_action(Action::SaveRoadmapAs(fork_path.clone()));
    harness.run();
    harness.state_mut().push_action(Action::Edit {
        edit: waymark::model::RoadmapEdit::AddSkill {
            skill: Skill::new("acme-deploy", "Deploying at Acme", "mid"),
        },
        gesture: None,
    });
    harness.run();

    original.skills[1].title = "Relational databases".into();
    original.skills.push(Skill::new("docker", "Docker", "mid"));
    files::save_roadmap(&original_path, &original).unwrap();

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Update from the original…");
    harness.key_press(egui::Key::Escape);
    harness
        .state_mut()
        .push_action(Action::UpdateFork(Some(original_path.clone())));
    harness.run();
    let document = &harness.state().session.document;
    assert_eq!(
        document.roadmap.skill("sql").unwrap().title,
        "Relational databases"
    );
    assert!(document.roadmap.skill("docker").is_some());
    assert!(document.roadmap.skill("acme-deploy").is_some());
    assert_eq!(document.roadmap.id, "acme");
    assert_eq!(document.progress.status("git"), Status::Learned);
    assert!(
        harness
            .state()
            .notice()
            .unwrap_or_default()
            .contains("Updated from “Original”")
    );

    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    let document = &harness.state().session.document;
    assert_eq!(document.roadmap.skill("sql").unwrap().title, "SQL");
    assert!(document.roadmap.skill("docker").is_none());
    assert!(document.roadmap.skill("acme-deploy").is_some());
}

/// Two managers give one person different weekly hours on two branches: `git merge`
/// stops, the plan still opens, and the app shows the conflict and settles it, with undo.
#[test]
fn a_team_plan_conflict_shows_in_the_app_and_is_settled_with_undo() {
    use waymark::session::{Action, TeamAction};
    let repo = repository();
    let dir = repo.path();
    for (branch, hours) in [("ours", 6.0), ("theirs", 2.0)] {
        git_ok(dir, &["checkout", "-q", "main"]);
        git_ok(dir, &["checkout", "-q", "-b", branch]);
        let mut t = team(dir);
        t.members[0].weekly_hours = hours;
        std::fs::write(dir.join("team.ron"), files::to_ron(&t).unwrap()).unwrap();
        commit_all(dir, branch);
    }
    git_ok(dir, &["checkout", "-q", "ours"]);
    assert!(!git(dir, &["merge", "--no-edit", "theirs"]).status.success());
    let merged = team(dir);
    assert_eq!(merged.members[0].weekly_hours, 6.0);
    assert_eq!(merged.conflicts.members[0].fields, ["weekly_hours"]);

    let data = tempfile::tempdir().unwrap();
    let mut harness = app_with(data.path(), dir.join("roadmap.ron"));
    harness
        .state_mut()
        .push_action(Action::Team(TeamAction::Open(dir.join("team.ron"))));
    harness.run();
    harness.get_by_label("Member “Ada”, weekly hours");
    harness.get_by_label("Other version: 2 h a week");
    harness.get_by_label("Take other").click();
    harness.run();
    let hours = |h: &egui_kittest::Harness<'_, waymark::app::WaymarkApp>| {
        h.state().team().unwrap().team.members[0].plan.weekly_hours
    };
    assert_eq!(hours(&harness), 2.0);
    assert!(harness.state().team().unwrap().team.conflicts.is_empty());
    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(hours(&harness), 6.0);
    assert_eq!(harness.state().team().unwrap().team.conflicts.len(), 1);
}

/// A hostile file cannot smuggle a huge title or a script link in through the versions a
/// merge records: they are held to the same limits, since one click takes them in.
#[test]
fn recorded_conflicts_are_held_to_the_limits_of_what_they_would_replace() {
    let mut roadmap = bundled::BACKEND_DEVELOPER.load().unwrap();
    let mut other = roadmap.skills[0].clone();
    other.title = "x".repeat(5_000);
    other.resources = vec![waymark::model::Resource {
        title: "Run me".into(),
        url: "javascript:alert(1)".into(),
    }];
    roadmap.conflicts.skills.push(waymark::model::Conflict {
        id: other.id.clone(),
        fields: vec!["title".into()],
        other: Some(other),
    });
    let problems = files::parse_roadmap(&files::to_ron(&roadmap).unwrap()).unwrap_err();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        text.iter().any(|p| p.contains(
            "in the conflicts a merge recorded, a recorded skill title is 5000 characters"
        )),
        "{text:?}"
    );
    assert!(
        text.iter().any(|p| p.contains("a recorded link")),
        "{text:?}"
    );
}
