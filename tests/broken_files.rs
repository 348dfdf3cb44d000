//! Every file in tests/data/broken/ is broken in its own way (truncated, wrong types,
//! unknown fields, duplicate ids, cycles, newer formats, invalid UTF-8, empty, deeply
//! nested, …). Each must give a located error, as `file:line:column: message`, and
//! never a panic; a file too large to be a roadmap is refused before it is read.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use std::path::{Path, PathBuf};

use waymark::files::{self, LoadError};

fn broken_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    paths
}

/// Loads a file with the loader its name says, as the app would.
fn load(path: &Path) -> Result<(), LoadError> {
    let name = path.file_name().unwrap().to_string_lossy();
    let roadmap = waymark::files::bundled::BACKEND_DEVELOPER.load().unwrap();
    if name.starts_with("roadmap-") {
        files::load_roadmap(path).map(|_| ())
    } else if name.starts_with("progress-") {
        // Against a roadmap of the id most of them name, so a wrong id is caught too.
        let mut mini = roadmap.clone();
        mini.id = "mini".into();
        files::load_progress(path, Some(&mini)).map(|_| ())
    } else if name.starts_with("team-") {
        files::load_team(path, &roadmap).map(|_| ())
    } else {
        panic!("{name}: name it roadmap-, progress- or team- so the test knows its loader")
    }
}

#[test]
fn every_broken_file_gives_a_located_error_and_no_panic() {
    let paths = broken_files();
    assert!(paths.len() >= 25, "the corpus has {} files", paths.len());
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let error = match load(path) {
            Ok(()) => panic!("{name} loaded, but it is broken"),
            Err(error) => error,
        };
        let LoadError::Invalid { problems, .. } = &error else {
            panic!("{name}: not a located error: {error}");
        };
        let first = problems
            .iter()
            .find(|problem| problem.is_error())
            .unwrap_or_else(|| panic!("{name}: only warnings: {error}"));
        assert!(first.line >= 1 && first.column >= 1, "{name}: {error}");
        assert!(!first.message.trim().is_empty(), "{name}: empty message");
        let text = error.to_string();
        let located = format!("{}:{}:{}: ", path.display(), first.line, first.column);
        assert!(
            text.contains(&located),
            "{name}: `{text}` lacks `{located}`"
        );
    }
}

#[test]
fn the_messages_say_what_is_wrong_where() {
    let message = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/broken")
            .join(name);
        load(&path).unwrap_err().to_string()
    };
    let check = |name: &str, expected: &str| {
        let text = message(name);
        assert!(
            text.contains(expected),
            "{name}: `{text}` lacks `{expected}`"
        );
    };
    check(
        "roadmap-newer-format.ron",
        ":2:5: this file was made with format 99; this version of Waymark reads up to format",
    );
    check("roadmap-cycle.ron", "cycle");
    check(
        "roadmap-duplicate-skill-ids.ron",
        "duplicate skill id `git`",
    );
    check(
        "roadmap-unknown-field.ron",
        ":4:5: Unexpected field named `titel`",
    );
    check("roadmap-unknown-field.ron", "did you mean `title`?");
    check("roadmap-not-utf8.ron", "not UTF-8");
    check(
        "roadmap-replaces-existing.ron",
        "is still a skill of this roadmap",
    );
    check(
        "progress-other-roadmap.ron",
        "this progress is for roadmap `frontend-developer`",
    );
    check(
        "team-other-roadmap.ron",
        "this team plan uses roadmap `frontend-developer`",
    );
    check("team-newer-format.ron", "made with format 9");
    // Issue 33, item 12: the same rules for every link and every name.
    check(
        "progress-script-evidence-link.ron",
        ":5:9: evidence on `git` has a link that is not a web link",
    );
    check(
        "progress-huge-person.ron",
        ":4:5: the person's name is 100000 characters long",
    );
    check(
        "team-script-rating-link.ron",
        "a rating of `git` has a link that is not a web link",
    );
    check(
        "roadmap-fork-bad-upstream.ron",
        ":11:5: in the roadmap it is based on, skill `git` has a malformed link",
    );
    // Issue 33, item 5: NaN never equals itself, so every merge saw a conflict in it.
    check(
        "team-nan-weekly-hours.ron",
        ":12:19: Bo’s weekly hours are NaN: a number of hours from 0 to 168",
    );
    // Hostile files: nothing that can disguise an id or a link, no non-numbers.
    check(
        "roadmap-nan-position.ron",
        ":14:13: skill `ci` has a position that is not a number",
    );
    check(
        "roadmap-infinite-position.ron",
        ":13:13: skill `git` has a position that is not a number",
    );
    // Issue 33, item 13: finite, but adding a node's size overflowed (an SVG of -inf).
    check(
        "roadmap-huge-position.ron",
        ":13:13: skill `git` is placed at (3.4e38, -3.4e38); positions go up to 1e8 either way",
    );
    check(
        "roadmap-huge-estimate.ron",
        ":9:57: skill `git` has an estimate of 4294967295 hours; estimates go up to 10000 hours",
    );
    check(
        "roadmap-bidi-id.ron",
        ":10:19: skill id `ci\\u{202E}` holds U+202E",
    );
    check(
        "roadmap-zero-width-id.ron",
        ":10:19: skill id `g\\u{200B}it` holds U+200B",
    );
    check(
        "roadmap-decomposed-id.ron",
        ":10:19: skill id `cafe\u{301}` holds U+0301",
    );
    check(
        "roadmap-user-info-link.ron",
        ":9:98: skill `git` has a malformed link `https://user@example.org/git`: links cannot hold a user name",
    );
    check(
        "roadmap-markup-link.ron",
        "links cannot contain quotes, angle brackets or backslashes",
    );
    check(
        "roadmap-control-in-link.ron",
        "`https://example.org/a\\u{007F}b`: links cannot contain control characters",
    );
    // Text fields are bounded: a title of megabytes crashed the window.
    check(
        "roadmap-huge-title.ron",
        ":12:13: the title of skill `ci` is 3000 characters long; it may be up to 200",
    );
    // A key twice in a map would drop the first entry's notes without a word.
    check(
        "progress-duplicate-key.ron",
        ":7:10: skill `git` appears twice",
    );
    check(
        "team-duplicate-key.ron",
        ":10:18: skill `git` appears twice",
    );
    // A cycle through a pick-one group is located at a skill of it, not at 1:1.
    check(
        "roadmap-group-cycle.ron",
        ":9:19: prerequisites form a cycle: java -> lang -> testing -> java",
    );
}

#[test]
fn a_long_cycle_is_named_by_its_first_steps_and_its_length() {
    let n = 10_000;
    let mut text = String::from(
        "Roadmap(\n    format_version: 2,\n    id: \"ring\",\n    title: \"Ring\",\n    stages: [Stage(id: \"junior\", title: \"Junior\")],\n    skills: [\n",
    );
    for i in 0..n {
        let previous = (i + n - 1) % n;
        text.push_str(&format!(
            "        Skill(id: \"s{i}\", title: \"S{i}\", stage: \"junior\", requires: [\"s{previous}\"]),\n"
        ));
    }
    text.push_str("    ],\n)\n");
    let problems = files::parse_roadmap(&text).unwrap_err();
    let cycle = problems
        .iter()
        .find(|p| p.message.contains("cycle"))
        .unwrap();
    assert!(cycle.message.len() < 200, "{}", cycle.message);
    assert!(
        cycle.message.contains("10000 skills and groups in all"),
        "{}",
        cycle.message
    );
}

#[test]
fn a_byte_order_mark_is_read_past() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.ron");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/backend-developer.ron"),
    )
    .unwrap();
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let roadmap = files::load_roadmap(&path).unwrap();
    assert_eq!(roadmap.id, "backend-developer");
}

#[test]
fn a_file_too_large_to_be_a_roadmap_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // Sparse: 65 MB on paper, nothing written.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(files::MAX_FILE_BYTES + 1).unwrap();
    let text = files::load_roadmap(&path).unwrap_err().to_string();
    assert!(text.contains("Waymark reads files up to 64 MB"), "{text}");
    assert!(text.contains("huge.ron:1:1:"), "{text}");
}

#[test]
fn validate_reports_every_broken_file_and_exits_1() {
    let paths = broken_files();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_waymark"))
        .arg("validate")
        .args(&paths)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    for path in &paths {
        let lines: Vec<&str> = stdout
            .lines()
            .filter(|line| line.starts_with(&format!("{}:", path.display())))
            .collect();
        assert!(
            !lines.is_empty(),
            "{} is not reported:\n{stdout}",
            path.display()
        );
        // A progress file for a roadmap not given cannot be checked against it: the one
        // file here whose only fault is its roadmap id is reported as unchecked.
        if path.ends_with("progress-other-roadmap.ron") {
            assert!(lines[0].contains("ids were not checked"), "{}", lines[0]);
            continue;
        }
        assert!(
            lines.iter().all(|line| !line.contains(": ok")),
            "{} passed `waymark validate`:\n{}",
            path.display(),
            lines.join("\n")
        );
    }
}

/// Team plans with texts over their limits: each is refused with a located error naming
/// the text, and the file is left as it was. The recorded versions of a merge are held to
/// the same limits, since one click takes them in.
#[test]
fn a_team_plan_with_a_huge_name_note_or_recorded_version_is_refused_where_it_is() {
    let roadmap = waymark::files::bundled::BACKEND_DEVELOPER.load().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let long_name = "N".repeat(300);
    let long_notes = "x".repeat(200_001);
    let member = |name: &str, notes: &str| {
        format!(
            "Member(name: \"{name}\", progress: Held({{\"git\": SkillProgress(status: Learned, notes: \"{notes}\")}}))"
        )
    };
    let plan = |name: &str, members: &str, conflicts: &str| {
        format!(
            "TeamPlan(\n    format_version: 3,\n    name: \"{name}\",\n    roadmap: RoadmapRef(id: \"backend-developer\"),\n    members: [\n        {members},\n    ],\n{conflicts})\n"
        )
    };
    let recorded = format!(
        "    conflicts: TeamConflicts(members: [Conflict(id: \"Ada\", fields: [\"progress\"], other: Some({}))]),\n",
        member("Ada", &long_notes)
    );
    for (case, text, line, expected) in [
        (
            "member name",
            plan("Plan", &member(&long_name, "fine"), ""),
            6,
            "a member's name is 300 characters long; it may be up to 200",
        ),
        (
            "team name",
            plan(&long_name, &member("Ada", "fine"), ""),
            3,
            "the team's name is 300 characters long; it may be up to 200",
        ),
        (
            "held notes",
            plan("Plan", &member("Ada", &long_notes), ""),
            6,
            "Ada’s notes on `git` is 200001 characters long; it may be up to 200000",
        ),
        (
            "recorded version",
            plan("Plan", &member("Ada", "fine"), &recorded),
            8,
            "in the conflicts a merge recorded, Ada’s notes on `git` is 200001 characters long",
        ),
    ] {
        let path = dir.path().join(format!("{case}.ron"));
        std::fs::write(&path, &text).unwrap();
        let error = files::load_team(&path, &roadmap).unwrap_err().to_string();
        assert!(error.contains(expected), "{case}: {error}");
        assert!(
            error.contains(&format!("{}:{line}:", path.display())),
            "{case}: located at line {line}: {error}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "{case}: untouched"
        );
    }
    // At the limits, the plan opens.
    let path = dir.path().join("at the limits.ron");
    let text = plan(
        &"N".repeat(200),
        &member(&"N".repeat(200), &"x".repeat(200_000)),
        "",
    );
    std::fs::write(&path, text).unwrap();
    files::load_team(&path, &roadmap).unwrap();
}

/// Issue 33, item 7: a fork whose `based_on` is nested 20,000 deep (2.4 MB) overflowed
/// the stack of the quick reader, which had no depth limit: `validate`, `merge`, `update`
/// and the app aborted. It is refused with RON's located error, as deep lists were.
#[test]
fn a_fork_nested_thousands_deep_is_refused_not_a_crash() {
    let level = "Roadmap(format_version: 4, id: \"f\", title: \"F\", stages: [Stage(id: \"junior\", title: \"Junior\")], skills: [], based_on: Some(Upstream(id: \"up\", roadmap: ";
    let inner = "Roadmap(format_version: 4, id: \"up\", title: \"Up\", stages: [Stage(id: \"junior\", title: \"Junior\")], skills: [])";
    let depth = 20_000;
    let text = format!("{}{inner}{}\n", level.repeat(depth), ")))".repeat(depth));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep-fork.ron");
    std::fs::write(&path, text).unwrap();
    for args in [
        vec!["validate", "deep-fork.ron"],
        vec!["update", "deep-fork.ron", "deep-fork.ron"],
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        assert!(
            matches!(output.status.code(), Some(1 | 2)),
            "{args:?} ended with {:?}: {said}",
            output.status
        );
        assert!(said.contains("deep-fork.ron:1:"), "{args:?}: {said}");
        assert!(said.contains("nested too deep"), "{args:?}: {said}");
    }
}
