//! Waymark as a desktop opens it: files a file manager passes (paths or `file://` URIs,
//! several at once), and Help → About with the version and the data folder.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use egui_kittest::kittest::Queryable;
use waymark::app::WaymarkApp;
use waymark::cli::{Command, parse_args};
use waymark::files::{self, storage::DataDir, storage::RoadmapSource};
use waymark::model::{Progress, Roadmap, Skill, Status, Timestamp};

/// What `waymark ARGS…` would open, as the binary's main reads it.
fn files_of(args: &[&str]) -> Vec<std::path::PathBuf> {
    match parse_args(args.iter().map(|a| (*a).to_owned())) {
        Ok(Command::Run { files }) => files,
        other => panic!("not a run: {other:?}"),
    }
}

#[test]
fn a_file_uri_from_the_desktop_opens_that_roadmap_and_the_progress_given_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("My roadmaps");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("acme plan.ron");
    let mut roadmap = Roadmap::new_empty("acme", "Acme plan");
    roadmap.skills.push(Skill::new("git", "Git", "junior"));
    files::save_roadmap(&path, &roadmap).unwrap();
    let mut progress = Progress::new("acme");
    progress.set_status(
        "git",
        Status::Learned,
        Timestamp::from_unix_secs(1_790_000_000),
    );
    let progress_path = folder.join("ada.ron");
    files::save_progress(&progress_path, &progress).unwrap();

    let uri = format!("file://{}", path.display()).replace(' ', "%20");
    let progress_uri = format!("file://{}", progress_path.display()).replace(' ', "%20");
    // A file manager may pass the progress file first: the roadmap still opens first.
    let files = files_of(&[&progress_uri, &uri]);
    assert_eq!(files, [progress_path.clone(), path.clone()]);

    let data = tempfile::tempdir().unwrap();
    let harness = common::harness_with(WaymarkApp::with_files(
        Some(DataDir::new(data.path())),
        files,
    ));
    let document = &harness.state().session.document;
    assert_eq!(document.source, RoadmapSource::File(path));
    assert_eq!(document.roadmap.title, "Acme plan");
    assert_eq!(
        document.progress_path.as_deref(),
        Some(progress_path.as_path())
    );
    assert_eq!(document.progress.status("git"), Status::Learned);
    assert!(harness.state().session.errors.is_empty());
}

#[test]
fn a_uri_that_is_no_local_file_is_refused_plainly() {
    let refused = parse_args(["https://example.com/roadmap.ron".to_owned()]).unwrap_err();
    assert!(refused.contains("not a local file"), "{refused}");
}

#[test]
fn about_shows_the_version_and_where_progress_is_kept() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = common::start_app(data.path());
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("About Waymark…").click();
    harness.run();
    harness.get_by_label(&format!("Waymark {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label(&data.path().display().to_string());
    harness.get_by_label("Close").click();
    harness.run();
    assert!(!harness.state().session.show_about);
}
