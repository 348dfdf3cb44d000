//! The canvas's fast paths against plain references: on a generated roadmap, the skills the
//! canvas puts on screen (each a widget named "title, stage, status" for screen readers)
//! are exactly the skills whose node meets the visible canvas, at every zoom.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use std::collections::BTreeSet;

use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use waymark::app::{Action, WaymarkApp};
use waymark::files;
use waymark::files::storage::DataDir;

/// Titles of the skills the canvas shows as widgets.
fn skills_on_screen(harness: &Harness<'_, WaymarkApp>) -> BTreeSet<String> {
    let titles: BTreeSet<String> = harness
        .state()
        .session
        .document
        .roadmap
        .skills
        .iter()
        .map(|skill| skill.title.clone())
        .collect();
    harness
        .query_all(By::new().role(egui::accesskit::Role::Button))
        .filter_map(|node| node.accesskit_node().label())
        .filter_map(|label| label.split(", ").next().map(str::to_owned))
        .filter(|title| titles.contains(title))
        .collect()
}

/// Titles of the skills whose node meets the canvas, worked out from positions alone.
fn skills_in_view(app: &WaymarkApp) -> BTreeSet<String> {
    let canvas = app.canvas().canvas_rect;
    app.session
        .document
        .roadmap
        .skills
        .iter()
        .filter(|skill| {
            app.skill_screen_rect(&skill.id)
                .is_some_and(|rect| rect.intersects(canvas))
        })
        .map(|skill| skill.title.clone())
        .collect()
}

#[test]
fn the_canvas_shows_exactly_the_skills_in_view_at_every_zoom() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("generated.ron");
    let (roadmap, progress) = waymark::model::generate::generate(1_500, 11);
    files::save_roadmap(&path, &roadmap).unwrap();
    let data_dir = DataDir::new(data.path().join("data"));
    files::save_progress(&data_dir.progress_path(&roadmap.id), &progress).unwrap();
    let mut harness = common::harness_with(WaymarkApp::new(Some(data_dir), Some(path)));

    let mut views: Vec<Action> = vec![Action::FitView];
    for index in (0..roadmap.skills.len()).step_by(53) {
        views.push(Action::Focus(roadmap.skills[index].id.clone()));
    }
    let mut checked = 0;
    for view in views {
        let label = format!("{view:?}");
        harness.state_mut().push_action(view);
        harness.run();
        let expected = skills_in_view(harness.state());
        let shown = skills_on_screen(&harness);
        assert!(!expected.is_empty(), "{label}: something is in view");
        let missing: Vec<_> = expected.difference(&shown).take(5).collect();
        let extra: Vec<_> = shown.difference(&expected).take(5).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{label} (zoom {}): {} in view, {} shown; missing {missing:?}, not in view {extra:?}",
            harness.state().canvas().zoom(),
            expected.len(),
            shown.len()
        );
        checked += expected.len();
    }
    // Fit shows the whole roadmap, zoomed out past the text level of detail.
    assert!(
        checked > roadmap.skills.len(),
        "the views covered the roadmap"
    );
}

/// Zoomed in, each skill in view has its title painted once, where its node is on screen
/// and laid out at its size on screen (sharp, not a small layout scaled up).
#[test]
fn titles_are_laid_out_at_their_size_on_screen() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = common::harness_with(WaymarkApp::new(Some(DataDir::new(data.path())), None));
    let canvas = harness.state().canvas().canvas_rect;
    harness.event(egui::Event::PointerMoved(canvas.center()));
    harness.event(egui::Event::Zoom(1.6));
    harness.run();
    let zoom = harness.state().canvas().zoom();
    assert!(zoom > 1.3, "zoomed in: {zoom}");

    let app = harness.state();
    let titles: Vec<(String, egui::Pos2, f32)> = harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            // Not the side panels' lists, which name skills too.
            egui::Shape::Text(text) if canvas.contains(text.pos) => {
                let size = text.galley.job.sections.first()?.format.font_id.size;
                Some((text.galley.job.text.clone(), text.pos, size))
            }
            _ => None,
        })
        .collect();
    let mut checked = 0;
    for skill in &app.session.document.roadmap.skills {
        let Some(node) = app.skill_screen_rect(&skill.id) else {
            continue;
        };
        if !canvas.contains_rect(node) {
            continue;
        }
        let painted: Vec<_> = titles
            .iter()
            .filter(|(text, ..)| *text == skill.title)
            .collect();
        assert_eq!(painted.len(), 1, "{} painted once", skill.title);
        let (_, pos, size) = painted[0];
        let expected = node.min + egui::vec2(34.0, 6.0) * zoom;
        assert!(
            pos.distance(expected) <= 1.0,
            "{}: at {pos:?}, node at {node:?}",
            skill.title
        );
        let ratio = size / (14.0 * zoom);
        assert!(
            (0.96..=1.04).contains(&ratio),
            "{}: {size} pt at zoom {zoom}",
            skill.title
        );
        checked += 1;
    }
    assert!(checked >= 3, "{checked} titles checked");
}
