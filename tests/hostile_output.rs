//! What Waymark prints and writes cannot be turned against the person reading it: text
//! from a file with terminal escapes, carriage returns or bidi overrides is printed with
//! them made visible, and an export never replaces a file it is made from.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::waymark;

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

/// A roadmap whose every free text tries to become markup, with a note that does too.
fn hostile_roadmap() -> (waymark::model::Roadmap, waymark::model::Progress) {
    use waymark::model::{Area, Progress, Resource, Status, Timestamp};
    let mut roadmap = waymark::files::bundled::BACKEND_DEVELOPER.load().unwrap();
    roadmap.description =
        "<script>alert(1)</script>\n- [x] **Forged skill** — learned\n# Heading".into();
    let skill = &mut roadmap.skills[0];
    skill.title = "Title\u{1}\u{1f}\u{fffe}\u{ffff} <b>bold</b>".into();
    skill.area = Area("<img src=x onerror=alert(1)>".into());
    skill.resources.push(Resource {
        title: "Docs".into(),
        url: "https://example.org/\"><script>alert(2)</script>".into(),
    });
    let skill_id = skill.id.clone();
    roadmap.pick_one_groups[0].title = "<iframe src=x>".into();
    let mut progress = Progress::new(&roadmap.id);
    progress.set_status(&skill_id, Status::Learning, Timestamp::now());
    progress.set_notes(
        &skill_id,
        "- [x] **Another forged skill**\n1. numbered\n<script>alert(3)</script>",
        Timestamp::now(),
    );
    (roadmap, progress)
}

#[test]
fn the_markdown_export_is_inert_for_any_text() {
    let (roadmap, progress) = hostile_roadmap();
    let markdown = waymark::export::to_markdown(&roadmap, &progress);
    // A tag is live only where its `<` is not escaped with a backslash.
    for live in ["<script", "<img", "<iframe", "<b>", "\"><"] {
        let unescaped = markdown
            .match_indices(live)
            .any(|(at, _)| !markdown[..at].ends_with('\\'));
        assert!(!unescaped, "`{live}` comes through:\n{markdown}");
    }
    // Checklist lines are the roadmap's skills, one each, none forged.
    let checklist: Vec<&str> = markdown
        .lines()
        .filter(|line| {
            let line = line.trim_start_matches([' ', '>']).trim_start();
            line.starts_with("- [x]") || line.starts_with("- [ ]")
        })
        .collect();
    assert_eq!(checklist.len(), roadmap.skills.len(), "{markdown}");
    assert!(!markdown.lines().any(|line| line.starts_with("# Heading")));
}

#[test]
fn the_svg_export_is_well_formed_xml_for_any_title() {
    let (roadmap, progress) = hostile_roadmap();
    let svg = waymark::export::to_svg(&roadmap, &progress);
    let document = roxmltree::Document::parse(&svg).unwrap_or_else(|error| panic!("{error}"));
    assert!(!document.descendants().any(|node| node.has_tag_name("b")));
    assert!(!svg.contains("<script"));
}

#[test]
fn the_json_canvas_export_is_valid_json_for_any_text() {
    let (roadmap, progress) = hostile_roadmap();
    let canvas = waymark::export::to_json_canvas(&roadmap, &progress);
    let value: serde_json::Value = serde_json::from_str(&canvas).unwrap();
    assert!(value["nodes"].as_array().unwrap().len() > roadmap.skills.len());
}
