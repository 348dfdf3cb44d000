//! When progress cannot be written (a read-only folder, a full disk), quitting does not
//! lose it without asking: the person can save it elsewhere, quit anyway, or stay.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use egui_kittest::kittest::Queryable;
use waymark::files::storage::DataDir;
use waymark::model::Status;
use waymark::session::{AUTOSAVE_DELAY_SECS, Action, Effect, Session};

/// A data folder where progress cannot be written: `progress` is a file, not a folder.
/// (Tests run as root here, for whom a read-only folder is still writable.)
fn unwritable_data_folder() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("progress"), "in the way").unwrap();
    data
}

fn mark_learned(session: &mut Session) {
    session.apply(
        Action::SetStatus {
            skill_id: "http".into(),
            status: Status::Learned,
        },
        0.0,
    );
    session.tick(AUTOSAVE_DELAY_SECS);
}

#[test]
fn quitting_with_progress_that_could_not_be_written_asks_and_saving_elsewhere_quits() {
    let data = unwritable_data_folder();
    let mut session = Session::new(Some(DataDir::new(data.path())), None);
    mark_learned(&mut session);
    assert!(
        !session.errors.is_empty(),
        "the failed autosave is reported"
    );
    let effects = session.apply(Action::Quit, 2.0);
    assert!(
        !effects.contains(&Effect::Close),
        "no quitting yet: {effects:?}"
    );
    assert!(session.unwritten_on_quit.is_some(), "the person is asked");
    // The window's close button asks too.
    let effects = session.apply(Action::CloseRequested, 2.5);
    assert!(effects.contains(&Effect::CancelClose));
    let elsewhere = tempfile::tempdir().unwrap();
    let path = elsewhere.path().join("my-progress.ron");
    let effects = session.apply(Action::SaveProgressAs(path.clone()), 3.0);
    assert!(
        effects.contains(&Effect::Close),
        "saved, so it quits: {effects:?}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("\"http\"") && text.contains("Learned"),
        "{text}"
    );
}

#[test]
fn the_person_can_stay_or_quit_without_saving() {
    let data = unwritable_data_folder();
    let mut session = Session::new(Some(DataDir::new(data.path())), None);
    mark_learned(&mut session);
    session.apply(Action::Quit, 2.0);
    session.apply(Action::CancelQuit, 2.1);
    assert!(session.unwritten_on_quit.is_none());
    assert_eq!(
        session.document.progress.status("http"),
        Status::Learned,
        "still open"
    );
    session.apply(Action::Quit, 2.2);
    let effects = session.apply(Action::QuitWithoutSaving, 2.3);
    assert!(effects.contains(&Effect::Close));
}

#[test]
fn ctrl_q_after_a_failed_autosave_shows_the_question_in_the_window() {
    let data = unwritable_data_folder();
    let mut harness = common::start_app(data.path());
    harness.state_mut().push_action(Action::SetStatus {
        skill_id: "http".into(),
        status: Status::Learned,
    });
    harness.run();
    harness.state_mut().save_now();
    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Q);
    harness.get_by_label("Your latest changes could not be saved");
    harness.get_by_label("Quit without saving");
    assert!(harness.state().session.unwritten_on_quit.is_some());
}

fn set(session: &mut Session, skill_id: &str, status: Status, now: f64) {
    session.apply(
        Action::SetStatus {
            skill_id: skill_id.into(),
            status,
        },
        now,
    );
}

#[test]
fn two_windows_on_one_data_folder_lose_no_mark() {
    let data = tempfile::tempdir().unwrap();
    let mut first = Session::new(Some(DataDir::new(data.path())), None);
    let mut second = Session::new(Some(DataDir::new(data.path())), None);
    set(&mut first, "http", Status::Learned, 1.0);
    first.tick(1.0 + AUTOSAVE_DELAY_SECS);
    set(&mut second, "sql", Status::Learning, 2.0);
    second.tick(2.0 + AUTOSAVE_DELAY_SECS);
    // The second window took the first one's mark on saving.
    assert_eq!(second.document.progress.status("http"), Status::Learned);
    set(&mut first, "git", Status::Skipped, 3.0);
    first.save_now();
    second.save_now();
    let path = first.document.progress_path.clone().unwrap();
    let (on_disk, _) = waymark::files::load_progress(&path, None).unwrap();
    assert_eq!(on_disk.status("http"), Status::Learned);
    assert_eq!(on_disk.status("sql"), Status::Learning);
    assert_eq!(on_disk.status("git"), Status::Skipped);
    // Undo in the second window takes back its own mark, not the first window's.
    second.apply(Action::Undo, 4.0);
    second.save_now();
    let (on_disk, _) = waymark::files::load_progress(&path, None).unwrap();
    assert_eq!(on_disk.status("sql"), Status::NotStarted);
    assert_eq!(on_disk.status("http"), Status::Learned);
    assert_eq!(on_disk.status("git"), Status::Skipped);
}

#[test]
fn saving_progress_elsewhere_says_where_it_went() {
    let data = tempfile::tempdir().unwrap();
    let mut session = Session::new(Some(DataDir::new(data.path())), None);
    let path = data.path().join("shared").join("me.ron");
    session.apply(Action::SaveProgressAs(path.clone()), 1.0);
    let notice = &session.notice.as_ref().expect("a confirmation").text;
    assert!(notice.contains(&path.display().to_string()), "{notice}");
    assert!(path.exists());
}
