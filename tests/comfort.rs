//! Themes and text size: light, dark or following the system; a larger or smaller
//! window, remembered for the next start.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::{press, start_app};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

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
    let saved_dark_mode = || {
        waymark::files::storage::DataDir::new(data.path())
            .load_state()
            .unwrap()
            .dark_mode
    };
    let mut harness = start_app(data.path());
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::T);
    harness.state_mut().save_now();
    assert!(saved_dark_mode().is_some(), "the explicit choice is saved");

    run_from_palette(&mut harness, "follow the system");
    assert_eq!(
        harness.ctx.options(|options| options.theme_preference),
        egui::ThemePreference::System
    );
    harness.state_mut().save_now();
    assert_eq!(saved_dark_mode(), None, "and forgotten again");
}

#[test]
fn the_timeline_lists_status_changes_by_period_and_date_range() {
    use egui_kittest::kittest::Queryable;
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    for (skill_id, status) in [
        ("git", waymark::model::Status::Learning),
        ("git", waymark::model::Status::Learned),
        ("sql", waymark::model::Status::Learned),
    ] {
        harness
            .state_mut()
            .push_action(waymark::app::Action::SetStatus {
                skill_id: skill_id.into(),
                status,
            });
        harness.run();
    }
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    assert!(harness.state().is_timeline_open());
    harness.get_by_label_contains("· 2 learned");
    // Issue 32, item 10: the chart says what each bar is.
    harness.get_by(|node| {
        node.label().is_some_and(|label| {
            label.starts_with("Skills learned, Week of ") && label.ends_with(": 2")
        })
    });
    assert_eq!(harness.query_all_by_label("Git fundamentals").count(), 2);

    harness.get_by_label("By month").click();
    harness.run();
    harness.get_by_label_contains("· 2 learned");

    // From tomorrow on: nothing yet.
    let tomorrow = waymark::model::Timestamp::from_unix_secs(
        waymark::model::Timestamp::now().unix_secs + 86_400,
    );
    harness.get_by_label("From date").click();
    harness.run();
    harness.event(egui::Event::Text(tomorrow.date_string()));
    harness.run();
    harness.get_by_label("No status changes in this range.");
    harness.get_by_label("All").click();
    harness.run();
    harness.get_by_label_contains("· 2 learned");
}

#[test]
fn the_timeline_and_the_shortcuts_open_below_the_menu_bar() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = common::start_app(data.path());
    let menu_bottom = harness.get_by_label("File").rect().max.y;
    common::press(&mut harness, egui::Modifiers::NONE, egui::Key::F1);
    // The window's title is the topmost of the texts that say so (a row names the
    // command too).
    let shortcuts = harness
        .query_all_by_label("Keyboard shortcuts")
        .map(|node| node.rect())
        .min_by(|a, b| a.min.y.total_cmp(&b.min.y))
        .unwrap();
    assert!(
        shortcuts.min.y >= menu_bottom,
        "the shortcuts window's title at {shortcuts:?} covers the menu bar (to {menu_bottom})"
    );
    common::press(&mut harness, egui::Modifiers::NONE, egui::Key::Escape);
    common::press(
        &mut harness,
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::H,
    );
    let timeline = harness.get_by_label("Timeline").rect();
    assert!(
        timeline.min.y >= menu_bottom,
        "{timeline:?} against {menu_bottom}"
    );
}

#[test]
fn ctrl_plus_minus_and_zero_change_the_size_once_per_press_and_are_listed() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let zoom = |harness: &egui_kittest::Harness<'_, waymark::app::WaymarkApp>| {
        (harness.ctx.zoom_factor() * 100.0).round() / 100.0
    };
    press(&mut harness, Modifiers::COMMAND, Key::Plus);
    assert_eq!(
        zoom(&harness),
        1.1,
        "one step, not one by egui and one by Waymark"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Equals);
    assert_eq!(zoom(&harness), 1.2);
    press(&mut harness, Modifiers::COMMAND, Key::Minus);
    assert_eq!(zoom(&harness), 1.1);
    press(&mut harness, Modifiers::COMMAND, Key::Num0);
    assert_eq!(zoom(&harness), 1.0);

    // Issue 16, item 7: F1 listed neither, and the View menu showed no shortcut for them.
    press(&mut harness, Modifiers::NONE, Key::F1);
    let ctrl = harness
        .ctx
        .format_shortcut(&egui::KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus));
    harness.get_by_label_contains(&ctrl);
    harness.get_by_label("Larger text");
    harness.get_by_label("Smaller text");
    harness.get_by_label("Normal text size");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness.get_by_label("View").click();
    harness.run();
    let larger: Vec<String> = harness
        .query_all_by_label_contains("Larger text")
        .map(|node| format!("{node:?}"))
        .collect();
    assert!(
        larger.iter().any(|node| node.contains(&ctrl)),
        "the View menu shows the shortcut: {larger:#?}"
    );
}
