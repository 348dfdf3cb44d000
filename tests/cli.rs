//! `waymark validate` and `waymark --help`, run as a person runs them in a terminal.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::waymark;
use std::path::Path;
use std::process::Output;

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const ROADMAP: &str = "Roadmap(\n    format_version: 1,\n    id: \"mini\",\n    title: \"Mini\",\n    stages: [Stage(id: \"junior\", title: \"Junior\")],\n    skills: [\n        Skill(id: \"git\", title: \"Git\", stage: \"junior\"),\n        Skill(id: \"ci\", title: \"CI\", stage: \"junior\", requires: [\"git\"]),\n    ],\n)\n";

#[test]
fn validating_good_files_prints_ok_with_counts_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mini.ron"), ROADMAP).unwrap();
    std::fs::write(
        dir.path().join("me.ron"),
        "Progress(\n    format_version: 1,\n    roadmap_id: \"mini\",\n    skills: {\"git\": SkillProgress(status: Learned)},\n)\n",
    )
    .unwrap();
    let output = waymark(&["validate", "mini.ron", "me.ron"], dir.path());
    assert_eq!(
        stdout(&output),
        "mini.ron: ok — 2 skills, 1 stages, 1 prerequisites\nme.ron: ok — progress on `mini` for 1 skills (checked against its roadmap)\n"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn the_bundled_roadmap_file_validates() {
    let roadmaps = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps");
    let output = waymark(&["validate", "backend-developer.ron"], &roadmaps);
    assert!(
        stdout(&output).starts_with("backend-developer.ron: ok — "),
        "{}",
        stdout(&output)
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn validating_a_bad_file_prints_each_problem_located_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mini.ron"), ROADMAP).unwrap();
    std::fs::write(
        dir.path().join("bad.ron"),
        ROADMAP.replace("[\"git\"]", "[\"gti\", \"ci\"]"),
    )
    .unwrap();
    let output = waymark(
        &["validate", "mini.ron", "bad.ron", "missing.ron"],
        dir.path(),
    );
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "mini.ron: ok — 2 skills, 1 stages, 1 prerequisites"
    );
    assert_eq!(
        lines[1],
        "bad.ron:8:66: skill `ci` requires unknown skill or group `gti`"
    );
    assert_eq!(lines[2], "bad.ron:8:73: skill `ci` requires itself");
    assert!(
        lines[3].starts_with("could not read the file") && lines[3].ends_with("(missing.ron)"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_file_that_is_neither_roadmap_nor_progress_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    let output = waymark(&["validate", "notes.txt"], dir.path());
    assert_eq!(
        stdout(&output),
        "notes.txt:1:1: not a Waymark roadmap, progress or team plan file (expected `Roadmap(`, `Progress(` or `TeamPlan(`)\n"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn help_explains_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let output = waymark(&["--help"], dir.path());
    let text = stdout(&output);
    assert!(text.contains("waymark validate FILE..."), "{text}");
    assert!(text.contains("WAYMARK_DATA_DIR"), "{text}");
    assert_eq!(output.status.code(), Some(0));
    let output = waymark(&["--frobnicate"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown option `--frobnicate`"));
}

#[test]
fn validating_a_team_plan_checks_its_roadmap_and_linked_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mini.ron"), ROADMAP).unwrap();
    std::fs::write(
        dir.path().join("team.ron"),
        "TeamPlan(\n    format_version: 1,\n    name: \"Core\",\n    roadmap: RoadmapRef(id: \"mini\", path: \"mini.ron\"),\n    members: [\n        Member(name: \"Ada\", target_role: Some(\"git\"), progress: Held({\"git\": SkillProgress(status: Learned)})),\n        Member(name: \"Bo\", progress: Linked(\"bo.ron\")),\n    ],\n)\n",
    )
    .unwrap();
    let output = waymark(&["validate", "team.ron"], dir.path());
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("team.ron:6:")
            && lines[0].contains("the target role `git` is not a milestone"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("team.ron: Bo: progress unavailable:")
            && lines[1].contains("bo.ron is missing"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));

    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps");
    let output = waymark(&["validate", "example-team.ron"], &example);
    assert_eq!(
        stdout(&output),
        "example-team.ron: ok — team “Platform team”, 4 members on `backend-developer`\n"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn diff_lists_what_changed_between_two_versions_of_the_bundled_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("v1.ron"),
        waymark::files::bundled::BACKEND_DEVELOPER.text,
    )
    .unwrap();
    waymark::files::save_roadmap(&dir.path().join("v2.ron"), &common::version_2()).unwrap();
    let output = waymark(&["diff", "v1.ron", "v2.ron"], dir.path());
    let expected = [
        "--- v1.ron",
        "+++ v2.ron",
        "Skills:",
        "  -> `git` renamed to `git-fundamentals`",
        "  ~ `tdd`: stage mid -> senior",
        "  + `ai-assisted-coding` “AI-assisted coding” (mid)",
        "  - `remote-work` “Remote work practices” (junior)",
        "",
        "Prerequisites:",
        "  + `git-fundamentals` before `ai-assisted-coding`",
        "",
        "5 changes.",
        "",
    ]
    .join("\n");
    assert_eq!(stdout(&output), expected);
    assert_eq!(output.status.code(), Some(1), "they differ");

    let same = waymark(&["diff", "v1.ron", "v1.ron"], dir.path());
    assert_eq!(stdout(&same), "--- v1.ron\n+++ v1.ron\nNo differences.\n");
    assert_eq!(same.status.code(), Some(0));
    let missing = waymark(&["diff", "v1.ron", "nope.ron"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_copy_of_the_example_team_plan_elsewhere_validates_against_the_bundled_roadmap() {
    // As the app opens it: the file it names is not beside the copy, so the bundled
    // roadmap with its id is used.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("team.ron"),
        waymark::files::bundled::EXAMPLE_TEAM,
    )
    .unwrap();
    let output = waymark(&["validate", "team.ron"], dir.path());
    assert_eq!(
        stdout(&output),
        "team.ron: ok — team “Platform team”, 4 members on `backend-developer`\n"
    );
    assert_eq!(output.status.code(), Some(0));
}
