//! The canvas as people expect a graph canvas to work (issue 32): the background pans with
//! the left or middle button, Ctrl and the wheel zoom around the pointer, clicks and
//! double-clicks on empty canvas clear the selection and add a skill, right-click opens a
//! menu, several selected skills can be marked, moved and deleted together, and skills copy
//! and paste between roadmaps.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::{drag_with, press, select, start_app};
use egui::accesskit::Role;
use egui::{Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use waymark::app::{Action, WaymarkApp};
use waymark::model::Status;

type App = Harness<'static, WaymarkApp>;

/// A point of the canvas on screen with no skill, group or arrow end near it, close to its
/// middle.
fn empty_canvas_point(harness: &App) -> Pos2 {
    let canvas = harness.state().canvas().canvas_rect;
    let document = &harness.state().session.document;
    let to_scene = harness.state().canvas().scene_to_screen().inverse();
    let mut candidates: Vec<Pos2> = (0..200)
        .flat_map(|row| (0..200).map(move |column| (row, column)))
        .map(|(row, column)| {
            canvas.min + Vec2::new(column as f32 * 8.0 + 60.0, row as f32 * 8.0 + 120.0)
        })
        .filter(|point| canvas.shrink(60.0).contains(*point))
        .collect();
    candidates
        .sort_by(|a, b| (a.distance(canvas.center())).total_cmp(&b.distance(canvas.center())));
    candidates
        .into_iter()
        .find(|point| {
            let clear = |offset: Vec2| {
                let near = to_scene * (*point + offset);
                document.scene.skill_at(near).is_none()
                    && !document
                        .scene
                        .group_rects
                        .iter()
                        .flatten()
                        .any(|r| r.contains(near))
            };
            [-60.0, 0.0, 60.0].into_iter().all(|dx| {
                [-40.0, 0.0, 40.0]
                    .into_iter()
                    .all(|dy| clear(Vec2::new(dx, dy)))
            })
        })
        .expect("some empty canvas")
}

/// A click (or several, as a double-click) at a point, without resting the pointer there
/// first: the press arrives with the pointer, as from a quick hand or a touch screen. The
/// events go in one frame (the harness's frames are a quarter second apart, longer than a
/// double-click takes).
fn click_at(harness: &mut App, button: PointerButton, at: Pos2, clicks: usize) {
    for _ in 0..clicks {
        for pressed in [true, false] {
            harness.input_mut().events.push(egui::Event::PointerButton {
                pos: at,
                button,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
    }
    harness.step();
    harness.run();
}

/// The entry of an open menu whose text starts with `text` (its shortcut follows).
fn menu_item<'a>(harness: &'a App, text: &'a str) -> egui_kittest::Node<'a> {
    harness.get_by(move |node| {
        node.role() == Role::Button && node.label().is_some_and(|label| label.starts_with(text))
    })
}

fn wheel(harness: &mut App, at: Pos2, delta: Vec2, modifiers: Modifiers) {
    harness.hover_at(at);
    harness.run();
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers,
    });
    // egui spreads a wheel step over a few frames.
    harness.run_steps(30);
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
}

fn screen_of(harness: &App, skill_id: &str) -> Pos2 {
    harness
        .state()
        .skill_screen_rect(skill_id)
        .unwrap()
        .center()
}

#[test]
fn dragging_the_background_with_the_left_or_middle_button_moves_every_skill_by_the_drag() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    for (button, by) in [
        (PointerButton::Primary, Vec2::new(-150.0, -90.0)),
        (PointerButton::Middle, Vec2::new(120.0, 70.0)),
    ] {
        let from = empty_canvas_point(&harness);
        let before: Vec<Pos2> = ["internet-basics", "http", "git"]
            .map(|id| screen_of(&harness, id))
            .to_vec();
        drag_with(&mut harness, button, from, from + by, Modifiers::NONE);
        for (id, before) in ["internet-basics", "http", "git"].into_iter().zip(before) {
            let moved = screen_of(&harness, id) - before;
            assert!(
                (moved - by).length() < 2.0,
                "{button:?}: {id} moved by {moved:?}, the drag was {by:?}"
            );
        }
        assert_eq!(
            harness.state().selected_skill(),
            None,
            "a pan selects nothing"
        );
        assert_eq!(harness.state().undo_label(), None, "a pan moves no skill");
    }
}

#[test]
fn zoomed_in_the_mouse_alone_still_pans() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let at = empty_canvas_point(&harness);
    wheel(&mut harness, at, Vec2::new(0.0, 120.0), Modifiers::COMMAND);
    let zoom = harness.state().canvas().zoom();
    assert!(zoom > 1.05, "Ctrl and the wheel zoomed in: {zoom}");
    let from = empty_canvas_point(&harness);
    let before = screen_of(&harness, "http");
    drag_with(
        &mut harness,
        PointerButton::Primary,
        from,
        from + Vec2::new(80.0, 40.0),
        Modifiers::NONE,
    );
    let moved = screen_of(&harness, "http") - before;
    assert!((moved - Vec2::new(80.0, 40.0)).length() < 2.0, "{moved:?}");
}

#[test]
fn ctrl_and_the_wheel_zoom_around_the_pointer_and_the_plain_wheel_pans_unless_set_to_zoom() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let at = empty_canvas_point(&harness);
    let to_scene = |harness: &App| harness.state().canvas().scene_to_screen().inverse();
    let under_pointer = to_scene(&harness) * at;
    let zoom = harness.state().canvas().zoom();
    wheel(&mut harness, at, Vec2::new(0.0, 100.0), Modifiers::COMMAND);
    let zoomed = harness.state().canvas().zoom();
    assert!(zoomed > zoom * 1.05, "zoomed in: {zoom} -> {zoomed}");
    let still = to_scene(&harness) * at;
    assert!(
        still.distance(under_pointer) < 1.0,
        "the point under the pointer stays under it: {under_pointer:?} -> {still:?}"
    );

    // The plain wheel pans, at the same zoom.
    let before = screen_of(&harness, "http");
    wheel(&mut harness, at, Vec2::new(0.0, -60.0), Modifiers::NONE);
    assert!((harness.state().canvas().zoom() - zoomed).abs() < 1e-4);
    let moved = screen_of(&harness, "http") - before;
    assert!(
        moved.y < -30.0 && moved.x.abs() < 1.0,
        "the wheel pans: {moved:?}"
    );

    // View > Mouse wheel zooms: the same wheel zooms instead, and it is remembered.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Mouse wheel zooms").click();
    harness.run();
    assert!(harness.state().session.state.wheel_zooms);
    let zoom = harness.state().canvas().zoom();
    wheel(&mut harness, at, Vec2::new(0.0, -60.0), Modifiers::NONE);
    assert!(
        harness.state().canvas().zoom() < zoom * 0.95,
        "the wheel zooms out"
    );
}

#[test]
fn a_double_click_on_empty_canvas_adds_a_skill_in_the_stage_under_it() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let at = empty_canvas_point(&harness);
    let scene_point = harness.state().canvas().scene_to_screen().inverse() * at;
    let stage = harness
        .state()
        .session
        .document
        .layout
        .stage_near([scene_point.x, scene_point.y])
        .unwrap()
        .stage_id
        .clone();
    let skills = harness.state().session.document.roadmap.skills.len();
    click_at(&mut harness, PointerButton::Primary, at, 2);
    let document = &harness.state().session.document;
    assert_eq!(document.roadmap.skills.len(), skills + 1);
    let added = document.roadmap.skills.last().unwrap();
    assert_eq!(added.stage, stage);
    assert_eq!(harness.state().selected_skill(), Some(added.id.as_str()));

    // And on the empty roadmap of Ctrl+N, which says how to start.
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    press(&mut harness, Modifiers::COMMAND, egui::Key::N);
    harness.get_by_label_contains("Double-click inside a stage to add a skill there");
    harness.get_by_label_contains("No skills yet: double-click the canvas or press A");
    let at = harness.state().canvas().canvas_rect.center();
    click_at(&mut harness, PointerButton::Primary, at, 2);
    assert_eq!(harness.state().session.document.roadmap.skills.len(), 1);
}

#[test]
fn a_click_on_empty_canvas_clears_the_selection() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "git");
    let at = empty_canvas_point(&harness);
    click_at(&mut harness, PointerButton::Primary, at, 1);
    assert_eq!(harness.state().selected_skill(), None);
}

#[test]
fn at_fit_the_first_click_on_a_skill_selects_it() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    press(&mut harness, Modifiers::NONE, egui::Key::F);
    assert!(harness.state().canvas().zoom() < 0.6, "zoomed out to fit");
    let at = screen_of(&harness, "http");
    click_at(&mut harness, PointerButton::Primary, at, 1);
    assert_eq!(harness.state().selected_skill(), Some("http"));
}

#[test]
fn right_click_opens_a_menu_and_changes_no_status() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let at = screen_of(&harness, "sql");
    click_at(&mut harness, PointerButton::Secondary, at, 1);
    let document = &harness.state().session.document;
    assert_eq!(document.progress.status("sql"), Status::NotStarted);
    assert!(harness.state().is_context_menu_open());
    assert_eq!(harness.state().selected_skill(), Some("sql"));
    // The menu marks, and closes.
    menu_item(&harness, "Mark learning").click();
    harness.run();
    let document = &harness.state().session.document;
    assert_eq!(document.progress.status("sql"), Status::Learning);
    assert!(!harness.state().is_context_menu_open());

    // On a learned skill, zoomed out at Fit, right-click still un-learns nothing.
    select(&mut harness, "git");
    press(&mut harness, Modifiers::NONE, egui::Key::L);
    press(&mut harness, Modifiers::NONE, egui::Key::F);
    let at = screen_of(&harness, "git");
    click_at(&mut harness, PointerButton::Secondary, at, 1);
    assert_eq!(
        harness.state().session.document.progress.status("git"),
        Status::Learned
    );
    menu_item(&harness, "Show what it needs");
    menu_item(&harness, "Copy id");
    // Escape closes the menu and keeps the selection.
    press(&mut harness, Modifiers::NONE, egui::Key::Escape);
    assert!(!harness.state().is_context_menu_open());
    assert_eq!(harness.state().selected_skill(), Some("git"));
    // Space is the quick toggle the right button was.
    press(&mut harness, Modifiers::NONE, egui::Key::Space);
    assert_eq!(
        harness.state().session.document.progress.status("git"),
        Status::NotStarted
    );
}

#[test]
fn the_background_menu_adds_a_skill_where_it_was_opened_and_fits() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let at = empty_canvas_point(&harness);
    let scene_point = harness.state().canvas().scene_to_screen().inverse() * at;
    click_at(&mut harness, PointerButton::Secondary, at, 1);
    assert!(harness.state().is_context_menu_open());
    menu_item(&harness, "Add skill here").click();
    harness.run();
    let document = &harness.state().session.document;
    let added = document.roadmap.skills.last().unwrap();
    assert_eq!(added.title, "New skill");
    let rect = document
        .scene
        .node_rect(document.roadmap.skills.len() - 1)
        .unwrap();
    // Where it was opened, or as near as it fits without covering a skill (the columns
    // there leave no room between them).
    let others = (0..document.roadmap.skills.len() - 1).filter_map(|i| document.scene.node_rect(i));
    assert!(others.into_iter().all(|other| !other.intersects(rect)));
    assert!(
        rect.center().distance(scene_point) < 300.0,
        "added near where the menu was opened: {rect:?} for {scene_point:?}"
    );
    press(&mut harness, Modifiers::NONE, egui::Key::Escape);
    let at = empty_canvas_point(&harness);
    click_at(&mut harness, PointerButton::Secondary, at, 1);
    harness.get_by_label("Fit").click();
    harness.run();
    assert!(
        harness.state().canvas().zoom() < 0.6,
        "the whole roadmap shows"
    );
}

#[test]
fn a_skill_added_at_the_foot_of_a_stage_stays_in_that_stage() {
    use waymark::session::layout::NODE_HEIGHT;
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let junior = harness
        .state()
        .session
        .document
        .layout
        .stage_bands
        .iter()
        .find(|band| band.stage_id == "junior")
        .unwrap()
        .clone();
    // On the lowest Junior skill, at the foot of the band: the free spot below it is
    // under the next stage's heading.
    let document = &harness.state().session.document;
    let lowest = (0..document.roadmap.skills.len())
        .filter(|&index| document.roadmap.skills[index].stage == "junior")
        .filter_map(|index| document.scene.node_rect(index))
        .max_by(|a, b| a.bottom().total_cmp(&b.bottom()))
        .unwrap();
    assert!(
        junior.y_max - lowest.bottom() < NODE_HEIGHT,
        "the lowest skill is at the foot"
    );
    let middle = lowest.center();
    harness.state_mut().push_action(Action::AddSkillAt {
        x: middle.x,
        y: middle.y,
    });
    harness.run();
    let document = &harness.state().session.document;
    let index = document.roadmap.skills.len() - 1;
    assert_eq!(document.roadmap.skills[index].stage, "junior");
    let rect = document.scene.node_rect(index).unwrap();
    let band = document
        .layout
        .stage_bands
        .iter()
        .find(|band| band.stage_id == "junior")
        .unwrap();
    assert!(
        rect.top() >= band.y_min && rect.bottom() <= band.y_max,
        "the new Junior skill {rect:?} is inside the Junior band {}..{}",
        band.y_min,
        band.y_max
    );
    let overlaps = (0..index)
        .filter_map(|other| document.scene.node_rect(other))
        .any(|other| other.intersects(rect));
    assert!(!overlaps, "it hides no other skill");
}

#[test]
fn a_box_of_several_skills_can_be_marked_moved_and_deleted_together() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let skill_ids: Vec<String> = ["java", "lang-python", "lang-ruby", "lang-php", "sql"]
        .into_iter()
        .filter(|id| harness.state().session.document.skill(id).is_some())
        .map(str::to_owned)
        .collect();
    harness
        .state_mut()
        .push_action(Action::SelectMany(skill_ids.clone()));
    harness.run();
    let count = skill_ids.len();
    harness.get_by_label(&format!("{count} selected"));

    harness
        .get_by_role_and_label(Role::Button, "Learned")
        .click();
    harness.run();
    for id in &skill_ids {
        assert_eq!(
            harness.state().session.document.progress.status(id),
            Status::Learned,
            "{id}"
        );
    }
    assert_eq!(
        harness.state().undo_label(),
        Some(format!("mark {count} skills learned").as_str()),
        "one undo step"
    );

    harness
        .get_by_label("Move the selected skills to a stage")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Mid-level")
        .click();
    harness.run();
    for id in &skill_ids {
        assert_eq!(
            harness.state().session.document.skill(id).unwrap().stage,
            "mid",
            "{id}"
        );
    }
    harness
        .get_by_label(&format!("Delete {count} skills"))
        .click();
    harness.run();
    // They have progress: the deletion is confirmed first.
    harness.get_by_label("Delete").click();
    harness.run();
    for id in &skill_ids {
        assert!(harness.state().session.document.skill(id).is_none(), "{id}");
    }
}

#[test]
fn show_what_it_needs_selects_every_prerequisite_on_the_way() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "web-servers");
    harness
        .state_mut()
        .push_action(Action::SelectRequirements("web-servers".into()));
    harness.run();
    let mut selected = harness.state().selected_skills();
    selected.sort();
    assert_eq!(
        selected,
        ["command-line", "http", "internet-basics", "web-servers"]
    );
    assert_eq!(harness.state().selected_skill(), Some("web-servers"));
}

#[test]
fn copied_skills_paste_into_another_roadmap_with_their_links_and_as_one_undo_step() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    harness.state_mut().push_action(Action::SelectMany(vec![
        "internet-basics".into(),
        "http".into(),
    ]));
    harness.run();
    harness.event(egui::Event::Copy);
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("Ctrl+C copied text");
    assert!(copied.contains("id: \"http\""), "{copied}");
    harness.run();

    // Into an empty roadmap, under the pointer.
    press(&mut harness, Modifiers::COMMAND, egui::Key::N);
    let at = harness.state().canvas().canvas_rect.center();
    harness.hover_at(at);
    harness.run();
    harness.event(egui::Event::Paste(copied.clone()));
    harness.run();
    let document = &harness.state().session.document;
    assert_eq!(document.roadmap.skills.len(), 2);
    let http = document.skill("http").unwrap();
    assert_eq!(http.requires, ["internet-basics"], "the link came along");
    assert_eq!(harness.state().undo_label(), Some("paste 2 skills"));
    // Pasted again: new ids, nothing overlapping.
    harness.event(egui::Event::Paste(copied));
    harness.run();
    let document = &harness.state().session.document;
    assert_eq!(document.roadmap.skills.len(), 4);
    assert_eq!(
        document.skill("http-2").unwrap().requires,
        ["internet-basics-2"]
    );
    let rects: Vec<_> = (0..4)
        .map(|i| document.scene.node_rect(i).unwrap())
        .collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
        }
    }
    // Text that is no skills pastes nothing and says so.
    harness.event(egui::Event::Paste("Kubernetes".into()));
    harness.run();
    assert_eq!(harness.state().session.document.roadmap.skills.len(), 4);
    assert!(harness.state().notice().unwrap().contains("no skills"));
}

#[test]
fn a_menu_opens_at_the_first_click_after_another_was_closed_with_escape() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "git");
    harness.get_by_label("File").click();
    harness.run();
    menu_item(&harness, "Open roadmap…");
    press(&mut harness, Modifiers::NONE, egui::Key::Escape);
    assert!(
        harness.query_by_label("Open roadmap…").is_none(),
        "File closed"
    );
    assert_eq!(
        harness.state().selected_skill(),
        Some("git"),
        "Escape closed the menu, not the selection"
    );
    harness.get_by_label("Skill").click();
    harness.run();
    menu_item(&harness, "Mark learned");
}

#[test]
fn a_middle_drag_that_starts_on_a_skill_pans_and_moves_no_skill() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let from = screen_of(&harness, "http");
    let before = screen_of(&harness, "git");
    let by = Vec2::new(-90.0, 60.0);
    drag_with(
        &mut harness,
        PointerButton::Middle,
        from,
        from + by,
        Modifiers::NONE,
    );
    let moved = screen_of(&harness, "git") - before;
    assert!((moved - by).length() < 2.0, "{moved:?}");
    assert_eq!(harness.state().undo_label(), None, "no skill was moved");
}

#[test]
fn a_paste_asked_for_from_the_menu_into_an_empty_clipboard_is_forgotten() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let text = waymark::files::clipboard::skills_to_text(&[waymark::model::Skill::new(
        "pasted", "Pasted", "junior",
    )]);
    let at = empty_canvas_point(&harness);
    click_at(&mut harness, PointerButton::Secondary, at, 1);
    menu_item(&harness, "Paste skills here").click();
    harness.run();
    // No text came (the clipboard was empty); frames pass.
    harness.run_steps(20);
    // Much later, Ctrl+V with the pointer at the left of the first stage, far from where
    // the menu was.
    let band = &harness.state().session.document.layout.stage_bands[0];
    let band_on_screen = harness.state().canvas().scene_to_screen()
        * egui::Rect::from_min_max(
            egui::pos2(band.x_min, band.y_min),
            egui::pos2(band.x_max, band.y_max),
        );
    let pointer = band_on_screen.left_top() + Vec2::new(120.0, 260.0);
    assert!(pointer.distance(at) > 400.0, "{pointer:?} {at:?}");
    harness.hover_at(pointer);
    harness.run();
    harness.event(egui::Event::Paste(text));
    harness.run();
    let document = &harness.state().session.document;
    let index = document.skill_index("pasted").expect("pasted");
    let placed =
        harness.state().canvas().scene_to_screen() * document.scene.node_rect(index).unwrap();
    assert!(
        placed.center().distance(pointer) < placed.center().distance(at),
        "pasted at {placed:?}, nearer the menu's point {at:?} than the pointer {pointer:?}"
    );
}
