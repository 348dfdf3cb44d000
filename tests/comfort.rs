//! Themes and text size: light, dark or following the system; a larger or smaller
//! window, remembered for the next start.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::{press, start_app};
use egui::{Key, Modifiers};

fn run_from_palette(harness: &mut egui_kittest::Harness<'_, waymark::app::WaymarkApp>, name: &str) {
    press(harness, Modifiers::COMMAND, Key::K);
    harness.event(egui::Event::Text(name.to_owned()));
    harness.run();
    press(harness, Modifiers::NONE, Key::Enter);
}

#[test]
fn larger_text_is_applied_and_remembered() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    assert!((harness.ctx.zoom_factor() - 1.0).abs() < 0.001);
    run_from_palette(&mut harness, "larger text");
    run_from_palette(&mut harness, "larger text");
    let zoom = harness.ctx.zoom_factor();
    assert!((zoom - 1.2).abs() < 0.001, "{zoom}");
    drop(harness);

    let harness = start_app(data.path());
    assert!((harness.ctx.zoom_factor() - 1.2).abs() < 0.001);
}

#[test]
fn the_theme_can_follow_the_system_again_after_a_choice() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::T);
    let chosen = harness.ctx.theme();
    run_from_palette(&mut harness, "follow the system");
    assert_eq!(
        harness.ctx.options(|options| options.theme_preference),
        egui::ThemePreference::System
    );
    // The explicit choice is gone from what is saved, too (a new start leaves the theme
    // to the system, eframe's default).
    drop(harness);
    let state = waymark::storage::DataDir::new(data.path())
        .load_state()
        .unwrap();
    assert_eq!(state.dark_mode, None, "was {chosen:?}");
}
