//! Reaching and marking skills with the keyboard alone: arrows move to the nearest skill
//! that way, Tab and Shift+Tab go through the roadmap in reading order, letters set the
//! status. Every skill on the canvas is named for screen readers "title, stage, status".

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::{press, start_app};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use waymark::model::Status;

fn centre_x(harness: &egui_kittest::Harness<'_, waymark::app::WaymarkApp>, id: &str) -> f32 {
    harness.state().skill_screen_rect(id).unwrap().center().x
}

#[test]
fn tab_and_arrows_reach_a_skill_and_letters_mark_it_without_the_pointer() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    assert_eq!(harness.state().selected_skill(), None);

    // Tab starts at the first skill in reading order: the top-left of the first stage.
    press(&mut harness, Modifiers::NONE, Key::Tab);
    let first = harness.state().selected_skill().unwrap().to_owned();
    let document = &harness.state().session.document;
    let top_left = (document.roadmap.skills.iter().enumerate())
        .filter(|(_, skill)| skill.stage == "junior")
        .map(|(index, skill)| (document.layout.node_positions[index], &skill.id))
        .min_by(|(a, _), (b, _)| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])))
        .map(|(_, id)| id.clone())
        .unwrap();
    assert_eq!(first, top_left);

    // Down stays in the column; Right moves to a skill further right.
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    let below = harness.state().selected_skill().unwrap().to_owned();
    assert_ne!(below, first);
    assert!((centre_x(&harness, &below) - centre_x(&harness, &first)).abs() < 1.0);
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    let right = harness.state().selected_skill().unwrap().to_owned();
    assert!(centre_x(&harness, &right) > centre_x(&harness, &below));

    // Mark it learned with L; a screen reader hears the new status.
    press(&mut harness, Modifiers::NONE, Key::L);
    assert_eq!(
        harness.state().session.document.progress.status(&right),
        Status::Learned
    );
    let title = harness
        .state()
        .session
        .document
        .roadmap
        .skill(&right)
        .unwrap()
        .title
        .clone();
    harness.get_by_label(&format!("{title}, Junior, Learned"));

    // Shift+Tab goes back in reading order; Tab then returns.
    press(&mut harness, Modifiers::SHIFT, Key::Tab);
    let previous = harness.state().selected_skill().unwrap().to_owned();
    assert_ne!(previous, right);
    press(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(harness.state().selected_skill(), Some(right.as_str()));
}

#[test]
fn moving_past_the_view_scrolls_the_canvas_to_the_new_skill() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    press(&mut harness, Modifiers::NONE, Key::Tab);
    for _ in 0..12 {
        press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    }
    let selected = harness.state().selected_skill().unwrap().to_owned();
    let canvas = harness.state().canvas().canvas_rect;
    let node = harness.state().skill_screen_rect(&selected).unwrap();
    assert!(
        canvas.contains_rect(node),
        "{selected} at {node:?} in {canvas:?}"
    );
}

#[test]
fn arrows_move_on_from_a_skill_clicked_with_the_pointer() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    common::click_skill_at(
        &mut harness,
        "git",
        egui::PointerButton::Primary,
        Modifiers::NONE,
    );
    assert_eq!(harness.state().selected_skill(), Some("git"));
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    let right = harness.state().selected_skill().unwrap().to_owned();
    assert_ne!(right, "git");
    assert!(centre_x(&harness, &right) > centre_x(&harness, "git"));
}

#[test]
fn alt_and_the_arrows_follow_the_arrows_and_say_where_they_landed() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    common::select(&mut harness, "web-servers");
    // Back along an arrow: the first of its two prerequisites in reading order.
    press(&mut harness, Modifiers::ALT, Key::ArrowLeft);
    let first = harness.state().selected_skill().unwrap().to_owned();
    assert!(
        ["http", "command-line"].contains(&first.as_str()),
        "{first}"
    );
    harness.get_by_label_contains("prerequisite 1 of 2 of “Web servers”");
    // The other one, then round to the first again.
    press(&mut harness, Modifiers::ALT, Key::ArrowDown);
    let second = harness.state().selected_skill().unwrap().to_owned();
    assert!(["http", "command-line"].contains(&second.as_str()));
    assert_ne!(first, second);
    harness.get_by_label_contains("prerequisite 2 of 2 of “Web servers”");
    press(&mut harness, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(harness.state().selected_skill(), Some(first.as_str()));
    press(&mut harness, Modifiers::ALT, Key::ArrowUp);
    assert_eq!(harness.state().selected_skill(), Some(second.as_str()));

    // From HTTP, back once more to what it needs, then on to what that unlocks.
    common::select(&mut harness, "http");
    press(&mut harness, Modifiers::ALT, Key::ArrowLeft);
    assert_eq!(harness.state().selected_skill(), Some("internet-basics"));
    press(&mut harness, Modifiers::ALT, Key::ArrowRight);
    assert_eq!(harness.state().selected_skill(), Some("http"));
    harness.get_by_label_contains(
        "HTTP, Junior, Not started; 1 of 1 skills “How the internet works” unlocks",
    );
    // Nothing before the first skill: said, and the selection stays.
    common::select(&mut harness, "internet-basics");
    press(&mut harness, Modifiers::ALT, Key::ArrowLeft);
    assert_eq!(harness.state().selected_skill(), Some("internet-basics"));
    assert!(
        harness
            .state()
            .notice()
            .unwrap()
            .contains("needs nothing before it")
    );
}

#[test]
fn enter_goes_into_the_notes_and_f6_gives_the_keyboard_back_to_the_canvas() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    common::select(&mut harness, "sql");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.event(egui::Event::Text("joins and indexes".into()));
    harness.run();
    let document = &harness.state().session.document;
    assert_eq!(document.progress.notes("sql"), "joins and indexes");
    assert_eq!(
        document.progress.status("sql"),
        Status::NotStarted,
        "the letters went into the notes, not to the status keys"
    );
    // F6: the canvas has the keys again, and says so.
    press(&mut harness, Modifiers::NONE, Key::F6);
    harness.get_by_label("Canvas: SQL, Junior, Not started");
    press(&mut harness, Modifiers::NONE, Key::L);
    assert_eq!(
        harness.state().session.document.progress.status("sql"),
        Status::Learned
    );

    // With several selected, Enter keeps the one in front and goes into its notes (the
    // panel of several has none); the keyboard is not left waiting for a later selection.
    harness
        .state_mut()
        .push_action(waymark::app::Action::SelectMany(vec![
            "git".into(),
            "sql".into(),
        ]));
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.run();
    assert_eq!(harness.state().selected_skills(), ["git"]);
    harness.event(egui::Event::Text("!".into()));
    harness.run();
    assert_eq!(harness.state().session.document.progress.notes("git"), "!");
}

#[test]
fn every_canvas_key_is_in_the_shortcuts_window_and_the_palette() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    press(&mut harness, Modifiers::NONE, Key::F1);
    for text in [
        "Go to a prerequisite",
        "Go to what it unlocks",
        "Next prerequisite or unlocked skill",
        "Write notes",
        "Back to the canvas",
        "Toggle learned",
        "Drag the background",
        "Ctrl+wheel, pinch",
        "A menu for the skill or the canvas",
    ] {
        assert!(
            harness.query_all_by_label_contains(text).next().is_some(),
            "F1 lists {text}"
        );
    }
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::COMMAND, Key::K);
    harness.event(egui::Event::Text("prerequisite".into()));
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("Go to a prerequisite")
            .next()
            .is_some()
    );
}
