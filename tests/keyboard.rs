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
