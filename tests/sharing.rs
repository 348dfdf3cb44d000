//! Sharing without loss: a new version of a roadmap keeps everyone's progress (renamed
//! skills through their rename records, removed ones kept and re-attachable), the app
//! says what changed, and private notes never leave through an export.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use std::path::Path;

use egui_kittest::kittest::Queryable;
use waymark::app::{Action, WaymarkApp};
use waymark::files;
use waymark::files::storage::DataDir;
use waymark::model::{Progress, Status, Timestamp};

fn write_v1_progress(data: &Path) {
    let at = Timestamp::from_unix_secs(1_700_000_000);
    let mut progress = Progress::new("backend-developer");
    progress.set_status("git", Status::Learned, at);
    progress.set_notes("git", "rebase daily", at);
    progress.set_status("remote-work", Status::Learned, at);
    progress.set_notes("remote-work", "async stand-ups", at);
    progress.set_status("tdd", Status::Learning, at);
    files::save_progress(
        &DataDir::new(data).progress_path("backend-developer"),
        &progress,
    )
    .unwrap();
}

#[test]
fn opening_a_new_version_of_a_roadmap_keeps_every_status_and_note_and_says_what_changed() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    write_v1_progress(data.path());
    let roadmap_path = work.path().join("backend.ron");
    std::fs::write(
        &roadmap_path,
        waymark::files::bundled::BACKEND_DEVELOPER.text,
    )
    .unwrap();
    let mut harness = common::harness_with(WaymarkApp::new(
        Some(DataDir::new(data.path())),
        Some(roadmap_path.clone()),
    ));
    assert_eq!(
        harness.state().session.document.progress.status("git"),
        Status::Learned
    );

    // The author ships version 2; the person opens it.
    files::save_roadmap(&roadmap_path, &common::version_2()).unwrap();
    harness
        .state_mut()
        .push_action(Action::OpenRoadmap(roadmap_path.clone()));
    harness.run();

    let app = harness.state();
    let progress = &app.session.document.progress;
    assert_eq!(progress.status("git-fundamentals"), Status::Learned);
    assert_eq!(progress.notes("git-fundamentals"), "rebase daily");
    assert_eq!(
        progress.status("tdd"),
        Status::Learning,
        "re-staged keeps it"
    );
    assert_eq!(
        app.session.document.orphaned_progress(),
        ["remote-work".to_owned()]
    );
    assert_eq!(
        progress.notes("remote-work"),
        "async stand-ups",
        "removed is kept"
    );
    let changes = app.roadmap_changes().expect("the changes are shown");
    assert!(
        changes.contains("> `git` renamed to `git-fundamentals`"),
        "{changes}"
    );
    assert!(changes.contains("- `remote-work`"), "{changes}");
    assert!(
        changes.contains("~ `tdd`: stage mid -> senior"),
        "{changes}"
    );
    assert!(changes.contains("+ `ai-assisted-coding`"), "{changes}");
    harness.get_by_label("What changed in this roadmap");
    let notice = harness.state().notice().unwrap_or_default().to_owned();
    assert!(notice.contains("git -> git-fundamentals"), "{notice}");

    // Saved under the new id; the removed skill's entry stays in the file.
    harness.state_mut().save_now();
    let (saved, _) = files::load_progress(
        &DataDir::new(data.path()).progress_path("backend-developer"),
        None,
    )
    .unwrap();
    assert_eq!(saved.status("git-fundamentals"), Status::Learned);
    assert!(!saved.skills.contains_key("git"));
    assert_eq!(saved.status("remote-work"), Status::Learned);
}

#[test]
fn kept_progress_can_be_reattached_to_a_skill_and_undone() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    write_v1_progress(data.path());
    let roadmap_path = work.path().join("backend.ron");
    files::save_roadmap(&roadmap_path, &common::version_2()).unwrap();
    let mut harness = common::harness_with(WaymarkApp::new(
        Some(DataDir::new(data.path())),
        Some(roadmap_path),
    ));
    // Opened straight on version 2: the rename is carried over at start too.
    assert_eq!(
        harness
            .state()
            .session
            .document
            .progress
            .status("git-fundamentals"),
        Status::Learned
    );
    common::select(&mut harness, "ai-assisted-coding");
    harness.get_by_label("Re-attach remote-work").click();
    harness.run();
    let progress = &harness.state().session.document.progress;
    assert_eq!(progress.status("ai-assisted-coding"), Status::Learned);
    assert_eq!(progress.notes("ai-assisted-coding"), "async stand-ups");
    assert!(
        harness
            .state()
            .session
            .document
            .orphaned_progress()
            .is_empty()
    );

    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(
        harness.state().session.document.orphaned_progress(),
        ["remote-work".to_owned()]
    );
}

#[test]
fn private_notes_never_leave_through_an_export() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut harness = common::start_app(data.path());
    for (skill_id, notes) in [("git", "rebase daily"), ("sql", "salary talk")] {
        harness.state_mut().push_action(Action::SetStatus {
            skill_id: skill_id.into(),
            status: Status::Learned,
        });
        harness.state_mut().push_action(Action::SetNotes {
            skill_id: skill_id.into(),
            notes: notes.into(),
        });
    }
    harness.run();
    // Mark the SQL notes private, in the details panel.
    common::select(&mut harness, "sql");
    harness.get_by_label("Private").click();
    harness.run();
    assert!(harness.state().session.document.progress.skills["sql"].notes_private);

    let with_notes = out.path().join("with-notes.ron");
    let without_notes = out.path().join("without-notes.ron");
    let markdown = out.path().join("roadmap.md");
    for action in [
        Action::ExportProgress {
            path: with_notes.clone(),
            include_notes: true,
        },
        Action::ExportProgress {
            path: without_notes.clone(),
            include_notes: false,
        },
        Action::Export {
            format: waymark::export::ExportFormat::Markdown,
            path: markdown.clone(),
        },
    ] {
        harness.state_mut().push_action(action);
        harness.run();
    }
    let (shared, _) = files::load_progress(&with_notes, None).unwrap();
    assert_eq!(shared.notes("git"), "rebase daily");
    assert_eq!(shared.notes("sql"), "");
    assert_eq!(shared.status("sql"), Status::Learned);
    let text = std::fs::read_to_string(&with_notes).unwrap();
    assert!(!text.contains("salary"), "{text}");
    let (bare, _) = files::load_progress(&without_notes, None).unwrap();
    assert_eq!(bare.notes("git"), "");
    assert_eq!(bare.status("git"), Status::Learned);
    let markdown = std::fs::read_to_string(&markdown).unwrap();
    assert!(markdown.contains("rebase daily"));
    assert!(!markdown.contains("salary"));
}

/// A file dropped on the window, as the platform hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

fn drop_file(harness: &mut egui_kittest::Harness<'_, WaymarkApp>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_owned())));
    harness.step();
    harness.input_mut().dropped_files.clear();
    harness.run();
}

#[test]
fn a_dropped_file_opens_as_what_it_is_and_joins_the_recent_files() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut harness = common::start_app(data.path());

    let roadmap_path = work.path().join("renamed-on-purpose.txt");
    files::save_roadmap(&roadmap_path, &common::version_2()).unwrap();
    drop_file(&mut harness, &roadmap_path);
    assert!(
        harness
            .state()
            .session
            .document
            .skill("ai-assisted-coding")
            .is_some()
    );

    let progress_path = work.path().join("mine.ron");
    let mut progress = Progress::new("backend-developer");
    progress.set_status("sql", Status::Learned, Timestamp::from_unix_secs(0));
    files::save_progress(&progress_path, &progress).unwrap();
    drop_file(&mut harness, &progress_path);
    assert_eq!(
        harness.state().session.document.progress.status("sql"),
        Status::Learned
    );

    let team_path = work.path().join("team.ron");
    std::fs::write(
        &team_path,
        "TeamPlan(format_version: 1, name: \"Dropped\", roadmap: RoadmapRef(id: \"backend-developer\"), members: [])",
    )
    .unwrap();
    drop_file(&mut harness, &team_path);
    assert_eq!(harness.state().team().unwrap().team.name, "Dropped");

    // File > Open recent lists them newest first; a file that is gone is dropped.
    std::fs::remove_file(&progress_path).unwrap();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Open recent").hover();
    harness.run();
    harness.get_by_label("team.ron");
    harness.get_by_label("renamed-on-purpose.txt");
    assert!(harness.query_by_label("mine.ron").is_none());
    harness.get_by_label("renamed-on-purpose.txt").click();
    harness.run();

    let junk = work.path().join("notes.txt");
    std::fs::write(&junk, "just some notes").unwrap();
    drop_file(&mut harness, &junk);
    assert!(
        harness.state().errors()[0]
            .title
            .contains("not a Waymark file"),
        "{:?}",
        harness.state().errors()
    );
}

/// Adds a skill at `x` on the canvas, then saves what the autosave would a second later.
fn add_skill_and_autosave(harness: &mut egui_kittest::Harness<'_, WaymarkApp>, x: f32) {
    harness
        .state_mut()
        .push_action(Action::AddSkillAt { x, y: 40.0 });
    harness.run();
    harness.state_mut().save_now();
}

#[test]
fn unsaved_roadmap_edits_survive_a_crash_and_are_offered_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let draft = DataDir::new(data.path()).draft_path();
    let mut harness = common::start_app(data.path());
    add_skill_and_autosave(&mut harness, 40.0);
    assert!(
        harness
            .state()
            .session
            .document
            .skill("new-skill")
            .is_some()
    );
    assert!(draft.exists(), "the unsaved edit is drafted");
    drop(harness); // killed: no quit, no save dialog

    let mut harness = common::start_app(data.path());
    harness.get_by_label("Restore unsaved edits?");
    assert!(
        harness
            .state()
            .session
            .document
            .skill("new-skill")
            .is_none()
    );
    harness.get_by_label("Restore").click();
    harness.run();
    let document = &harness.state().session.document;
    assert!(document.skill("new-skill").is_some(), "the edit is back");
    assert!(document.is_roadmap_modified(), "still to be saved");
    assert!(draft.exists());
    drop(harness);

    // Put off with Escape, it is kept and offered again.
    let mut harness = common::start_app(data.path());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Restore unsaved edits?").is_none());
    harness.state_mut().save_now();
    assert!(draft.exists(), "decided later: kept");
    drop(harness);

    // Discarded, the draft goes and is not offered again.
    let mut harness = common::start_app(data.path());
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(!draft.exists());
    drop(harness);
    let harness = common::start_app(data.path());
    assert!(harness.query_by_label("Restore unsaved edits?").is_none());
}

#[test]
fn saving_or_discarding_the_edits_removes_the_draft() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let draft = DataDir::new(data.path()).draft_path();
    let mut harness = common::start_app(data.path());
    add_skill_and_autosave(&mut harness, 40.0);
    assert!(draft.exists());
    harness
        .state_mut()
        .push_action(Action::SaveRoadmapAs(work.path().join("mine.ron")));
    harness.run();
    harness.state_mut().save_now();
    assert!(!draft.exists(), "saved: nothing left to restore");

    add_skill_and_autosave(&mut harness, 400.0);
    assert!(draft.exists());
    harness.state_mut().push_action(Action::Quit);
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(!draft.exists(), "discarded at quit: no draft");
}

#[test]
fn a_roadmap_changed_on_disk_while_open_is_noticed_and_can_be_reloaded() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let roadmap_path = work.path().join("backend.ron");
    std::fs::write(
        &roadmap_path,
        waymark::files::bundled::BACKEND_DEVELOPER.text,
    )
    .unwrap();
    let mut harness = common::harness_with(WaymarkApp::new(
        Some(DataDir::new(data.path())),
        Some(roadmap_path.clone()),
    ));
    // Someone pulls a new version while the window is in the background.
    files::save_roadmap(&roadmap_path, &common::version_2()).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&roadmap_path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    harness.run();
    assert!(
        harness.query_by_label_contains("changed on disk").is_none(),
        "not until it is looked at"
    );

    harness.event(egui::Event::WindowFocused(true));
    harness.run();
    harness.get_by_label("The roadmap file changed on disk (5 changes).");
    harness.get_by_label("Reload").click();
    harness.run();
    assert!(
        harness
            .state()
            .session
            .document
            .skill("ai-assisted-coding")
            .is_some()
    );
    let changes = harness.state().roadmap_changes().unwrap();
    assert!(changes.contains("+ `ai-assisted-coding`"), "{changes}");
    assert!(harness.query_by_label_contains("changed on disk").is_none());

    // Focusing again with nothing new changes nothing.
    harness.event(egui::Event::WindowFocused(true));
    harness.run();
    assert!(harness.query_by_label_contains("changed on disk").is_none());
}
