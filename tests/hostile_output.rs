//! What Waymark prints and writes cannot be turned against the person reading it: text
//! from a file with terminal escapes, carriage returns or bidi overrides is printed with
//! them made visible, and an export never replaces a file it is made from.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use std::path::Path;
use std::process::{Command, Output};

fn waymark(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// A one-skill roadmap whose second skill's title is `title` (and id `id`).
fn roadmap(id: &str, title: &str) -> String {
    format!(
        "Roadmap(\n    format_version: 2,\n    id: \"mini\",\n    title: \"Mini\",\n    stages: [Stage(id: \"junior\", title: \"Junior\")],\n    skills: [\n        Skill(id: \"git\", title: \"Git\", stage: \"junior\"),\n        Skill(id: \"{id}\", title: \"{title}\", stage: \"junior\"),\n    ],\n)\n"
    )
}

/// Whether a report could rewrite what a terminal shows: an escape, a carriage return,
/// a bell, or a direction override.
fn could_forge(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{1b}' | '\r' | '\u{7}' | '\u{9b}' | '\u{202E}'))
}

#[test]
fn validate_prints_control_characters_made_visible() {
    let dir = tempfile::tempdir().unwrap();
    // An empty id makes validate name the skill by its title.
    let forged = "\\u{1b}[2K\\rroadmap.ron: ok\\u{7}\\u{1b}]52;c;cm0gLXJmIH4=\\u{7}";
    std::fs::write(dir.path().join("roadmap.ron"), roadmap("", forged)).unwrap();
    let output = waymark(&["validate", "roadmap.ron"], dir.path());
    let printed = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{printed}");
    assert!(
        !could_forge(&printed),
        "raw control characters reach the terminal: {printed:?}"
    );
    assert!(
        printed.contains("\\u{001B}[2K\\u{000D}roadmap.ron: ok"),
        "{printed}"
    );
    assert_eq!(
        printed.lines().count(),
        1,
        "one problem, one line: {printed}"
    );
}

#[test]
fn diff_prints_control_characters_made_visible() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.ron"), roadmap("ci", "CI")).unwrap();
    std::fs::write(
        dir.path().join("new.ron"),
        roadmap(
            "ci",
            "CI\\r  - `git` \\u{201c}Git\\u{201d} (junior)\\u{1b}[8m hidden",
        ),
    )
    .unwrap();
    let output = waymark(&["diff", "old.ron", "new.ron"], dir.path());
    let printed = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{printed}");
    assert!(!could_forge(&printed), "{printed:?}");
    assert!(printed.contains("\\u{000D}"), "{printed}");
    assert!(
        !printed.lines().any(|line| line.starts_with("  - `git`")),
        "no forged line: {printed}"
    );
}

#[test]
fn an_export_over_its_own_roadmap_or_progress_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = roadmap("ci", "CI");
    std::fs::write(dir.path().join("mini.ron"), &text).unwrap();
    let progress = "Progress(\n    format_version: 2,\n    roadmap_id: \"mini\",\n    skills: {\"git\": SkillProgress(status: Learned)},\n)\n";
    std::fs::write(dir.path().join("me.ron"), progress).unwrap();
    for (output, what) in [("mini.ron", "roadmap"), ("./me.ron", "progress file")] {
        let result = waymark(
            &[
                "export",
                "--format",
                "svg",
                "mini.ron",
                "--progress",
                "me.ron",
                "-o",
                output,
            ],
            dir.path(),
        );
        let said = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{output}: {said}");
        assert!(
            said.contains(&format!("is the {what} being exported")),
            "{said}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mini.ron")).unwrap(),
        text
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("me.ron")).unwrap(),
        progress
    );
    // A hard link to the roadmap is the roadmap too.
    std::fs::hard_link(dir.path().join("mini.ron"), dir.path().join("link.ron")).unwrap();
    let result = waymark(
        &["export", "--format", "md", "mini.ron", "-o", "link.ron"],
        dir.path(),
    );
    assert_eq!(result.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mini.ron")).unwrap(),
        text
    );
}
