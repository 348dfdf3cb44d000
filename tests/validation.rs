//! Every kind of problem in a hand-edited file is reported as `path:line:column: message`,
//! and a bad file loads nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use std::path::PathBuf;

use waymark::files::{self, LoadError};
use waymark::model::Roadmap;

const GOOD: &str = r#"Roadmap(
    format_version: 1,
    id: "mini",
    title: "Mini",
    stages: [
        Stage(id: "junior", title: "Junior"),
        Stage(id: "mid", title: "Mid-level"),
    ],
    skills: [
        Skill(
            id: "git",
            title: "Git",
            stage: "junior",
            resources: [Resource(title: "Pro Git", url: "https://git-scm.com/book/en/v2")],
        ),
        Skill(
            id: "ci",
            title: "CI",
            stage: "mid",
            requires: ["git"],
        ),
    ],
)
"#;

/// Writes `GOOD` with one edit to a file and loads it, expecting failure.
fn load_broken(from: &str, to: &str) -> (PathBuf, String, tempfile::TempDir) {
    assert!(GOOD.contains(from), "the fixture contains {from:?}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roadmap.ron");
    std::fs::write(&path, GOOD.replacen(from, to, 1)).unwrap();
    let error = files::load_roadmap(&path).expect_err("the broken file must not load");
    assert!(matches!(error, LoadError::Invalid { .. }), "{error}");
    (path, error.to_string(), dir)
}

fn assert_reports(from: &str, to: &str, expected_line: &str) {
    let (path, report, _dir) = load_broken(from, to);
    let expected = format!("{}:{expected_line}", path.display());
    assert!(
        report.lines().any(|line| line == expected),
        "expected the line\n{expected}\nin the report\n{report}"
    );
}

#[test]
fn the_fixture_itself_is_valid() {
    let roadmap: Roadmap = files::parse_roadmap(GOOD).unwrap();
    assert_eq!(roadmap.skills.len(), 2);
}

#[test]
fn a_syntax_error_gives_line_and_column() {
    assert_reports("title: \"Git\",", "title: \"Git\"", "13:13: Expected comma");
}

#[test]
fn a_value_of_the_wrong_type_is_located() {
    assert_reports(
        "requires: [\"git\"]",
        "requires: \"git\"",
        "20:22: Expected opening `[`",
    );
}

#[test]
fn a_missing_field_is_named() {
    assert_reports(
        "            title: \"CI\",\n",
        "",
        "20:9: Unexpected missing field named `title` in `Skill`",
    );
}

#[test]
fn an_unknown_field_is_named_with_the_known_ones() {
    let (_, report, _dir) = load_broken(
        "stage: \"mid\",",
        "stage: \"mid\",\n            prerequisites: [\"git\"],",
    );
    assert!(
        report.contains(":20:13: Unexpected field named `prerequisites` in `Skill`"),
        "{report}"
    );
    assert!(
        report.contains("`requires`"),
        "the known fields are listed: {report}"
    );
}

#[test]
fn a_newer_format_version_is_refused_plainly() {
    assert_reports(
        "format_version: 1",
        "format_version: 9",
        "2:5: this file was made with format 9; this version of Waymark reads up to format 4. Update Waymark to open it",
    );
}

#[test]
fn a_duplicate_skill_id_points_at_the_second_one() {
    assert_reports(
        "id: \"ci\"",
        "id: \"git\"",
        "17:17: duplicate skill id `git`",
    );
}

#[test]
fn a_duplicate_stage_id_points_at_the_second_one() {
    assert_reports(
        "Stage(id: \"mid\"",
        "Stage(id: \"junior\"",
        "7:19: duplicate stage id `junior`",
    );
}

#[test]
fn a_prerequisite_naming_an_unknown_skill_is_located() {
    assert_reports(
        "requires: [\"git\"]",
        "requires: [\"gti\"]",
        "20:24: skill `ci` requires unknown skill or group `gti`",
    );
}

#[test]
fn a_prerequisite_cycle_is_named() {
    assert_reports(
        "stage: \"junior\",\n",
        "stage: \"junior\",\n            requires: [\"ci\"],\n",
        "11:17: prerequisites form a cycle: git -> ci -> git",
    );
}

#[test]
fn an_unknown_stage_lists_the_known_ones() {
    assert_reports(
        "stage: \"mid\",",
        "stage: \"senior\",",
        "19:20: skill `ci` is in unknown stage `senior` (stages: junior, mid)",
    );
}

#[test]
fn an_empty_title_is_refused() {
    assert_reports(
        "title: \"CI\"",
        "title: \"  \"",
        "17:17: skill `ci` has an empty title",
    );
}

#[test]
fn a_malformed_link_is_refused() {
    assert_reports(
        "https://git-scm.com/book/en/v2",
        "git-scm.com/book",
        "14:57: skill `git` has a malformed link `git-scm.com/book`: links must start with https:// or http://",
    );
}

#[test]
fn a_pick_one_group_naming_an_unknown_skill_is_located() {
    assert_reports(
        "    ],\n)\n",
        "    ],\n    pick_one_groups: [\n        PickOneGroup(id: \"vcs\", title: \"Pick one\", skills: [\"git\", \"svn\"]),\n    ],\n)\n",
        "24:68: pick-one group `vcs` names unknown skill `svn`",
    );
}

#[test]
fn every_problem_is_listed_not_only_the_first() {
    let (_, report, _dir) = load_broken(
        "stage: \"mid\",\n            requires: [\"git\"],",
        "stage: \"moon\",\n            requires: [\"nothing\"],",
    );
    assert_eq!(report.lines().count(), 2, "{report}");
}

#[test]
fn a_file_that_is_not_text_is_refused_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binary.ron");
    std::fs::write(&path, b"Roadmap(\n  \xff\xfe").unwrap();
    let report = files::load_roadmap(&path).unwrap_err().to_string();
    assert_eq!(
        report,
        format!("{}:2:3: the file is not UTF-8 text", path.display())
    );
}

#[test]
fn a_missing_file_says_so_with_its_path() {
    let path = PathBuf::from("/nonexistent/waymark/roadmap.ron");
    let report = files::load_roadmap(&path).unwrap_err().to_string();
    assert!(report.starts_with("could not read the file"), "{report}");
    assert!(
        report.ends_with("(/nonexistent/waymark/roadmap.ron)"),
        "{report}"
    );
}

#[test]
fn progress_for_unknown_skills_is_kept_and_reported() {
    let roadmap = files::parse_roadmap(GOOD).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.ron");
    let text = "Progress(\n    format_version: 1,\n    roadmap_id: \"mini\",\n    skills: {\n        \"git\": SkillProgress(status: Learned),\n        \"svn\": SkillProgress(notes: \"old notes\"),\n    },\n)\n";
    std::fs::write(&path, text).unwrap();
    let (progress, warnings) = files::load_progress(&path, Some(&roadmap)).unwrap();
    assert_eq!(progress.notes("svn"), "old notes", "kept, not dropped");
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].display_with_path(&path),
        format!(
            "{}:6:9: warning: progress for unknown skill `svn` is kept but not shown on the roadmap",
            path.display()
        )
    );
}

#[test]
fn progress_for_another_roadmap_is_refused() {
    let roadmap = files::parse_roadmap(GOOD).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.ron");
    std::fs::write(
        &path,
        "Progress(\n    format_version: 1,\n    roadmap_id: \"other\",\n)\n",
    )
    .unwrap();
    let report = files::load_progress(&path, Some(&roadmap))
        .unwrap_err()
        .to_string();
    assert_eq!(
        report,
        format!(
            "{}:3:5: this progress is for roadmap `other`, not `mini`",
            path.display()
        )
    );
}

#[test]
fn no_input_makes_the_loader_panic() {
    // Every prefix of a valid file, and some garbage, gives an error or a roadmap, never a panic.
    for end in (0..GOOD.len()).filter(|end| GOOD.is_char_boundary(*end)) {
        let _ = files::parse_roadmap(&GOOD[..end]);
        let _ = files::parse_progress(&GOOD[..end]);
    }
    for garbage in [
        "",
        "(",
        ")",
        "Roadmap(format_version: 18446744073709551616)",
        "\u{0}",
        "[[[[[[[[[[[[[[[[[[[[",
    ] {
        assert!(files::parse_roadmap(garbage).is_err());
    }
}

/// Issue 33, item 11: `validate` said "ok" and nothing else for a roadmap with warnings,
/// though the README says it prints them.
#[test]
fn validate_prints_a_roadmap_s_warnings_after_ok() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("later.ron");
    std::fs::write(
        &path,
        "Roadmap(\n    format_version: 1,\n    id: \"mini\",\n    title: \"Mini\",\n    stages: [\n        Stage(id: \"junior\", title: \"Junior\"),\n        Stage(id: \"mid\", title: \"Mid-level\"),\n    ],\n    skills: [\n        Skill(id: \"a\", title: \"A\", stage: \"junior\", requires: [\"b\"]),\n        Skill(id: \"b\", title: \"B\", stage: \"mid\"),\n    ],\n)\n",
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(["validate", "later.ron"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(said.contains("later.ron: ok"), "{said}");
    assert!(
        said.contains("later.ron:10:")
            && said.contains(
                "warning: skill `a` (stage `junior`) requires `b` from the later stage `mid`"
            ),
        "{said}"
    );
}
