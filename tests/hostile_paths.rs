//! A team plan reads and writes only files in its own folder: links out of it (`..`, an
//! absolute path, a symbolic link) are refused with their location, nothing they name is
//! opened or written, and nothing of such a file is printed. Only regular files are read:
//! a pipe or a device gives an error at once instead of a hang.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::waymark;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use waymark::files::storage::DataDir;
use waymark::model::{Status, TeamEdit};
use waymark::session::{Action, Session, TeamAction};

const PROGRESS: &str = "Progress(\n    format_version: 2,\n    roadmap_id: \"backend-developer\",\n    person: \"Outsider\",\n    skills: {\"git\": SkillProgress(status: Learned)},\n)\n";

/// A team plan on the bundled roadmap with one member whose progress is linked at `link`.
fn plan_linking(link: &str) -> String {
    format!(
        "TeamPlan(\n    format_version: 1,\n    name: \"Plan\",\n    roadmap: RoadmapRef(id: \"backend-developer\"),\n    members: [\n        Member(name: \"Ada\", progress: Held({{}})),\n        Member(name: \"Bo\", progress: Linked(\"{link}\")),\n    ],\n)\n"
    )
}

struct Folders {
    _root: tempfile::TempDir,
    plan_folder: PathBuf,
    outside: PathBuf,
    data: PathBuf,
}

/// A plan folder, a folder beside it with a valid progress file in it, and a data folder.
fn folders() -> Folders {
    let root = tempfile::tempdir().unwrap();
    let plan_folder = root.path().join("plan");
    let outside = root.path().join("outside");
    let data = root.path().join("data");
    for folder in [&plan_folder, &outside, &data] {
        std::fs::create_dir(folder).unwrap();
    }
    std::fs::write(outside.join("p.ron"), PROGRESS).unwrap();
    Folders {
        plan_folder,
        outside,
        data,
        _root: root,
    }
}

fn open_plan(data: &Path, plan: &Path) -> Session {
    let mut session = Session::new(Some(DataDir::new(data)), None);
    session.apply(Action::Team(TeamAction::Open(plan.to_owned())), 0.0);
    session
}

#[test]
fn a_team_plan_linking_out_of_its_folder_is_refused_and_the_outside_file_untouched() {
    let folders = folders();
    let plan = folders.plan_folder.join("team.ron");
    let outside_file = folders.outside.join("p.ron");
    for link in [
        "../outside/p.ron".to_owned(),
        outside_file.display().to_string(),
    ] {
        std::fs::write(&plan, plan_linking(&link)).unwrap();
        let session = open_plan(&folders.data, &plan);
        assert!(session.team.is_none(), "{link}: the plan is not opened");
        let error = &session.errors.last().expect("an error is shown").details;
        assert!(
            error.contains(&format!("{}:7:", plan.display())),
            "{link}: located at the link's line: {error}"
        );
        assert!(
            error.contains("leads out of the team plan's folder")
                || error.contains("is an absolute path"),
            "{error}"
        );
    }
    assert_eq!(std::fs::read_to_string(&outside_file).unwrap(), PROGRESS);
    assert!(
        !folders.outside.join("p.ron.bak").exists(),
        "nothing was written beside the outside file"
    );
}

#[test]
fn a_symbolic_link_out_of_the_plan_folder_is_refused() {
    let folders = folders();
    std::os::unix::fs::symlink(&folders.outside, folders.plan_folder.join("people")).unwrap();
    let plan = folders.plan_folder.join("team.ron");
    std::fs::write(&plan, plan_linking("people/p.ron")).unwrap();
    let session = open_plan(&folders.data, &plan);
    assert!(session.team.is_none());
    let error = &session.errors.last().unwrap().details;
    assert!(error.contains("symbolic link"), "{error}");
}

#[test]
fn a_roadmap_path_out_of_the_plan_folder_is_refused() {
    let folders = folders();
    let plan = folders.plan_folder.join("team.ron");
    let text = plan_linking("bo.ron").replace(
        "RoadmapRef(id: \"backend-developer\")",
        "RoadmapRef(id: \"backend-developer\", path: \"../outside/roadmap.ron\")",
    );
    std::fs::write(&plan, text).unwrap();
    let session = open_plan(&folders.data, &plan);
    assert!(session.team.is_none());
    let error = &session.errors.last().unwrap().details;
    assert!(error.contains(&format!("{}:4:", plan.display())), "{error}");
}

#[test]
fn validate_refuses_an_outside_link_without_printing_the_file() {
    let folders = folders();
    let secret = folders.outside.join("passwd");
    std::fs::write(&secret, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    std::fs::write(
        folders.plan_folder.join("team.ron"),
        plan_linking(&secret.display().to_string()),
    )
    .unwrap();
    let output = waymark(&["validate", "team.ron"], &folders.plan_folder);
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{printed}");
    assert!(printed.contains("team.ron:7:"), "{printed}");
    assert!(printed.contains("absolute path"), "{printed}");
    assert!(
        !printed.contains("root:"),
        "nothing of the file is printed: {printed}"
    );
}

#[test]
fn a_linked_file_in_the_folder_that_is_not_waymark_s_is_refused_without_printing_it() {
    let folders = folders();
    std::fs::write(
        folders.plan_folder.join("secret.txt"),
        "root:x:0:0:root:/root:/bin/bash\n",
    )
    .unwrap();
    std::fs::write(
        folders.plan_folder.join("team.ron"),
        plan_linking("secret.txt"),
    )
    .unwrap();
    let output = waymark(
        &["validate", "team.ron", "secret.txt"],
        &folders.plan_folder,
    );
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{printed}");
    assert!(printed.contains("not a Waymark file"), "{printed}");
    assert!(
        !printed.contains("root"),
        "nothing of the file is printed: {printed}"
    );
}

#[test]
fn a_member_added_from_a_file_outside_the_plan_folder_gets_a_copy_and_the_file_stays_as_it_was() {
    let folders = folders();
    let plan = folders.plan_folder.join("team.ron");
    std::fs::write(
        &plan,
        plan_linking("bo.ron").replace(
            "        Member(name: \"Bo\", progress: Linked(\"bo.ron\")),\n",
            "",
        ),
    )
    .unwrap();
    let mut session = open_plan(&folders.data, &plan);
    assert!(session.team.is_some(), "{:?}", session.errors);
    let outside_file = folders.outside.join("p.ron");
    session.apply(
        Action::Team(TeamAction::AddMemberFromFile(outside_file.clone())),
        1.0,
    );
    let team = &session.team.as_ref().unwrap().team;
    let added = team
        .members
        .iter()
        .position(|m| m.name == "Outsider")
        .unwrap();
    assert_eq!(team.members[added].linked_path, None, "held, not linked");
    assert!(session.notice.as_ref().unwrap().text.contains("copy"));
    session.apply(
        Action::Team(TeamAction::Edit {
            edit: TeamEdit::SetStatus {
                member: added,
                skill_id: "http".into(),
                status: Status::Learned,
            },
            gesture: None,
        }),
        2.0,
    );
    session.save_now();
    assert_eq!(std::fs::read_to_string(&outside_file).unwrap(), PROGRESS);
    assert!(!folders.outside.join("p.ron.bak").exists());
    // The plan holds the copy, with the new status, and opens again.
    let reopened = open_plan(&folders.data, &plan);
    let team = &reopened.team.as_ref().expect("the saved plan opens").team;
    let outsider = team.members.iter().find(|m| m.name == "Outsider").unwrap();
    assert_eq!(outsider.status("http"), Some(Status::Learned));
}

/// Runs `waymark` and gives it `limit` to finish: a hang is a failure, not a stuck test.
fn waymark_within(args: &[&str], dir: &Path, limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("waymark {args:?} did not finish within {limit:?}");
        }
        std::thread::yield_now();
    }
}

#[test]
fn a_pipe_or_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for file in [fifo.to_str().unwrap(), "/dev/zero"] {
        let output = waymark_within(&["validate", file], dir.path(), Duration::from_secs(30));
        let printed = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{file}: {printed}");
        assert!(printed.contains("not a regular file"), "{file}: {printed}");
    }
}

/// A roadmap file with the given id and one skill.
fn tiny_roadmap(id: &str) -> String {
    format!(
        "Roadmap(\n    format_version: 2,\n    id: \"{id}\",\n    title: \"Tiny\",\n    stages: [Stage(id: \"junior\", title: \"Junior\")],\n    skills: [Skill(id: \"git\", title: \"Git\", stage: \"junior\")],\n)\n"
    )
}

#[test]
fn roadmap_ids_that_differ_only_by_dot_and_underscore_keep_their_own_progress() {
    let folders = folders();
    let mut marks = Vec::new();
    for (id, status) in [("team.a", Status::Learned), ("team_a", Status::Skipped)] {
        let path = folders.plan_folder.join(format!("{id}.ron"));
        std::fs::write(&path, tiny_roadmap(id)).unwrap();
        let mut session = Session::new(Some(DataDir::new(&folders.data)), Some(path.clone()));
        assert!(session.document.broken_progress.is_none(), "{id}");
        assert!(session.document.is_progress_editable(), "{id}");
        session.apply(
            Action::SetStatus {
                skill_id: "git".into(),
                status,
            },
            0.0,
        );
        session.save_now();
        marks.push((path, status));
    }
    for (path, status) in marks {
        let session = Session::new(Some(DataDir::new(&folders.data)), Some(path));
        assert_eq!(session.document.progress.status("git"), status);
    }
}

#[test]
fn progress_saved_under_an_earlier_file_name_is_still_read() {
    let folders = folders();
    let progress_folder = folders.data.join("progress");
    std::fs::create_dir_all(&progress_folder).unwrap();
    // Earlier versions wrote `team.a` as team_a.ron.
    std::fs::write(
        progress_folder.join("team_a.ron"),
        "Progress(\n    format_version: 2,\n    roadmap_id: \"team.a\",\n    skills: {\"git\": SkillProgress(status: Learned)},\n)\n",
    )
    .unwrap();
    let path = folders.plan_folder.join("team.a.ron");
    std::fs::write(&path, tiny_roadmap("team.a")).unwrap();
    let session = Session::new(Some(DataDir::new(&folders.data)), Some(path));
    assert_eq!(session.document.progress.status("git"), Status::Learned);
}

/// Issue 33, item 1: whoever can write into a shared folder could plant a link at the
/// temporary name a save used (`NAME.PID.tmp`) and have the save overwrite what it names.
#[cfg(unix)]
#[test]
fn a_link_planted_at_the_temporary_name_of_an_export_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let roadmap = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/backend-developer.ron");
    // As the reproduction: the shell plants the link under the pid the export
    // then runs with.
    let script = format!(
        "ln -s victim out.md.$$.tmp; ln -s victim out.md.bak.$$.tmp; exec '{}' export --format md '{}' -o out.md",
        env!("CARGO_BIN_EXE_waymark"),
        roadmap.display()
    );
    for _ in 0..2 {
        let output = Command::new("sh")
            .args(["-c", &script])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        for name in std::fs::read_dir(dir.path()).unwrap() {
            let name = name.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".tmp") {
                std::fs::remove_file(dir.path().join(name)).unwrap();
            }
        }
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        std::fs::read_to_string(dir.path().join("out.md"))
            .unwrap()
            .starts_with("# ")
    );
}

/// Issue 33, item 2: a fork kept as a link (in a dotfiles repository, say) is updated where
/// the link points, and stays a link.
#[cfg(unix)]
#[test]
fn updating_a_fork_that_is_a_link_updates_the_file_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = waymark::files::bundled::BACKEND_DEVELOPER.load().unwrap();
    let fork = waymark::model::fork(&bundled, "acme", "Acme");
    let real = dir.path().join("dotfiles");
    std::fs::create_dir(&real).unwrap();
    waymark::files::save_roadmap(&real.join("acme.ron"), &fork).unwrap();
    std::os::unix::fs::symlink(real.join("acme.ron"), dir.path().join("acme.ron")).unwrap();
    let mut next = bundled.clone();
    next.skills.push(waymark::model::Skill::new(
        "service-slos",
        "Service level objectives",
        "senior",
    ));
    waymark::files::save_roadmap(&dir.path().join("next.ron"), &next).unwrap();

    let output = waymark(&["update", "acme.ron", "next.ron"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let link = std::fs::symlink_metadata(dir.path().join("acme.ron")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    let updated = waymark::files::load_roadmap(&real.join("acme.ron")).unwrap();
    assert!(
        updated.skill("service-slos").is_some(),
        "the real fork took the update"
    );
}

/// Issue 33, item 2: an export onto a pipe or a folder is refused with the reason, and
/// the pipe stays a pipe (onto a device, as root, `-o /dev/null` replaced the system's).
#[cfg(unix)]
#[test]
fn an_export_onto_a_pipe_or_a_folder_is_refused_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.md");
    assert!(
        Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success()
    );
    std::fs::create_dir(dir.path().join("folder.md")).unwrap();
    let roadmap = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/backend-developer.ron");
    for target in ["pipe.md", "folder.md"] {
        let output = waymark_within(
            &[
                "export",
                "--format",
                "md",
                roadmap.to_str().unwrap(),
                "-o",
                target,
            ],
            dir.path(),
            Duration::from_secs(20),
        );
        assert_ne!(output.status.code(), Some(0), "{target}");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains("Waymark writes only regular files"), "{said}");
    }
    use std::os::unix::fs::FileTypeExt as _;
    assert!(
        std::fs::symlink_metadata(&pipe)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

/// Issue 33, item 8: an argument that is not UTF-8 (a file name as the system has it)
/// panicked before anything ran.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_read_like_any_other() {
    use std::os::unix::ffi::OsStrExt as _;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.ron");
    let roadmap = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/backend-developer.ron");
    std::fs::copy(&roadmap, dir.path().join(name)).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .arg("validate")
        .arg(name)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(": ok"));
}

/// Issue 33, items 9 and 10: `generate` is bounded and never writes onto a pipe,
/// `git-setup` never reads one, and a refused address reaches the terminal escaped.
#[cfg(unix)]
#[test]
fn generate_and_git_setup_refuse_pipes_and_absurd_sizes_at_once_and_print_no_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let limit = Duration::from_secs(20);
    let huge = waymark_within(
        &["generate", "--skills", "1000000000", "-o", "huge.ron"],
        dir.path(),
        limit,
    );
    assert_eq!(huge.status.code(), Some(2), "{huge:?}");
    assert!(String::from_utf8_lossy(&huge.stderr).contains("--skills is at most"));
    assert!(!dir.path().join("huge.ron").exists());

    assert!(
        Command::new("mkfifo")
            .arg(dir.path().join("pipe.ron"))
            .status()
            .unwrap()
            .success()
    );
    let onto_pipe = waymark_within(
        &["generate", "--skills", "10", "-o", "pipe.ron"],
        dir.path(),
        limit,
    );
    assert_ne!(onto_pipe.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&onto_pipe.stderr).contains("Waymark writes only regular files")
    );

    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .output()
            .is_ok_and(|out| out.status.success())
    };
    if git(&["init", "-q"]) {
        assert!(
            Command::new("mkfifo")
                .arg(dir.path().join(".gitattributes"))
                .status()
                .unwrap()
                .success()
        );
        let setup = waymark_within(&["git-setup"], dir.path(), limit);
        assert_eq!(setup.status.code(), Some(2), "{setup:?}");
        assert!(String::from_utf8_lossy(&setup.stderr).contains("not a regular file"));
    }

    let escape = waymark_within(&["https://e/\u{1b}]0;X\u{7}"], dir.path(), limit);
    assert_eq!(escape.status.code(), Some(2), "{escape:?}");
    let said = String::from_utf8_lossy(&escape.stderr);
    assert!(
        !said.contains('\u{1b}') && !said.contains('\u{7}'),
        "{said:?}"
    );
    assert!(said.contains("is not a local file"), "{said}");
}

/// Runs `waymark` under a file size limit of nothing, with the signal that limit sends
/// ignored: every write fails (as on a full disk), for root too.
#[cfg(unix)]
fn waymark_on_a_full_disk(args: &[&str], dir: &Path) -> Output {
    let quoted: Vec<String> = args.iter().map(|arg| format!("'{arg}'")).collect();
    let script = format!(
        "trap '' XFSZ; ulimit -f 0; exec '{}' {}",
        env!("CARGO_BIN_EXE_waymark"),
        quoted.join(" ")
    );
    Command::new("sh")
        .args(["-c", &script])
        .current_dir(dir)
        .output()
        .unwrap()
}

/// A write that fails part way (a full disk) keeps the old file whole and leaves no
/// temporary file behind.
#[cfg(unix)]
#[test]
fn a_write_that_fails_keeps_the_old_file_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("out.md"), "old").unwrap();
    let roadmap = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/backend-developer.ron");
    let output = waymark_on_a_full_disk(
        &[
            "export",
            "--format",
            "md",
            roadmap.to_str().unwrap(),
            "-o",
            "out.md",
        ],
        dir.path(),
    );
    assert_ne!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.md")).unwrap(),
        "old"
    );
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["out.md"]);
}

/// Issue 33, item 10: what the merge driver says when it cannot write names the file, and
/// reached the terminal raw (a name may hold an escape); a failed read said "could not
/// write".
#[cfg(unix)]
#[test]
fn the_merge_driver_prints_a_file_s_name_escaped_and_a_failed_read_as_a_read() {
    let dir = tempfile::tempdir().unwrap();
    let good = "Progress(\n    format_version: 5,\n    roadmap_id: \"backend-developer\",\n    skills: {},\n)\n";
    let ours = "x\u{1b}]0;owned\u{7}.ron";
    for name in ["base.ron", "theirs.ron", ours] {
        std::fs::write(dir.path().join(name), good).unwrap();
    }
    let output = waymark_on_a_full_disk(&["merge", "base.ron", ours, "theirs.ron"], dir.path());
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("owned"), "the message names the file: {said}");
    assert!(
        !said.contains('\u{1b}') && !said.contains('\u{7}'),
        "{said:?}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(ours)).unwrap(),
        good
    );

    let output = waymark(&["merge", "base.ron", "gone.ron", "theirs.ron"], dir.path());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("could not read"), "{said}");
    assert!(!said.contains("could not write"), "{said}");
}
