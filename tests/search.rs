//! Finding skills as a person does: Ctrl+F, type, arrows and Enter; filters; the canvas
//! highlighting what was found.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::{press, start_app};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use waymark::model::Status;

fn type_text(harness: &mut egui_kittest::Harness<'_, waymark::app::WaymarkApp>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
}

#[test]
fn ctrl_f_then_typing_then_enter_selects_and_centres_the_best_match() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    press(&mut harness, Modifiers::COMMAND, Key::F);
    // A typo: one letter missing.
    type_text(&mut harness, "cachng");
    assert_eq!(harness.state().search_results().first(), Some(&"caching"));
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().selected_skill(), Some("caching"));
    // Centred: the node sits in the middle of the canvas.
    let canvas = harness.state().canvas().canvas_rect;
    let node = harness.state().skill_screen_rect("caching").unwrap();
    assert!(
        (node.center() - canvas.center()).length() < 2.0,
        "{node:?} centred in {canvas:?}"
    );
    // Typing in the search box never set a status with the letters typed.
    assert_eq!(
        harness.state().session.document.progress.status("caching"),
        Status::NotStarted
    );
}

#[test]
fn arrow_keys_choose_which_result_enter_opens() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    press(&mut harness, Modifiers::COMMAND, Key::F);
    type_text(&mut harness, "http");
    let results: Vec<String> = harness
        .state()
        .search_results()
        .iter()
        .map(|id| id.to_string())
        .collect();
    assert!(results.len() >= 3, "{results:?}");
    assert_eq!(results[0], "http", "the exact title first");
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::ArrowUp);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().selected_skill(), Some(results[1].as_str()));
}

#[test]
fn notes_are_searched_and_shown_with_the_matched_text() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    harness
        .state_mut()
        .push_action(waymark::app::Action::SetNotes {
            skill_id: "git".into(),
            notes: "Practised interactive rebase on the side project.".into(),
        });
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::F);
    type_text(&mut harness, "rebase");
    assert_eq!(harness.state().search_results(), ["git"]);
    harness.get_by_label_contains("notes: Practised interactive rebase");
    // Clicking the result opens the skill.
    harness.get_by_label("Git fundamentals").click();
    harness.run();
    assert_eq!(harness.state().selected_skill(), Some("git"));
}

#[test]
fn a_status_filter_lists_and_highlights_only_those_skills() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    for skill_id in ["git", "sql"] {
        harness
            .state_mut()
            .push_action(waymark::app::Action::SetStatus {
                skill_id: skill_id.into(),
                status: Status::Learned,
            });
    }
    harness.run();
    harness.get_by_label("Filter by status").click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Learned")
        .click();
    harness.run();
    let mut results = harness.state().search_results();
    results.sort_unstable();
    assert_eq!(results, ["git", "sql"]);
    harness.get_by_label("2 skills");
    let mut outlined = harness.state().highlighted_skills();
    outlined.sort_unstable();
    assert_eq!(
        outlined,
        ["git", "sql"],
        "the canvas outlines what was found"
    );
    harness.get_by_label("Clear").click();
    harness.run();
    assert!(harness.state().search_results().is_empty());
    assert!(harness.state().highlighted_skills().is_empty());
}

#[test]
fn escape_in_the_search_box_clears_the_search() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    press(&mut harness, Modifiers::COMMAND, Key::F);
    type_text(&mut harness, "sql");
    assert!(!harness.state().search_results().is_empty());
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().search_results().is_empty());
    // The overview is back.
    harness.get_by_label("Legend");
}

#[test]
fn the_command_palette_runs_a_command_by_name() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    common::select(&mut harness, "git");
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    assert!(harness.state().is_palette_open());
    // Every command is listed with its shortcut.
    harness.get_by_label("Save roadmap as…");
    type_text(&mut harness, "mark learn");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(!harness.state().is_palette_open());
    assert_eq!(
        harness.state().session.document.progress.status("git"),
        Status::Learned
    );
    // Ctrl+K opens it too; Escape closes it and runs nothing.
    press(&mut harness, Modifiers::COMMAND, Key::K);
    assert!(harness.state().is_palette_open());
    type_text(&mut harness, "not started");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().is_palette_open());
    assert_eq!(
        harness.state().session.document.progress.status("git"),
        Status::Learned
    );
}

#[test]
fn the_search_box_has_a_name_a_screen_reader_can_read() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = common::start_app(data.path());
    // Found by its name and role, as a screen reader finds it; focused that way, it takes
    // the typing.
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Search skills and notes")
        .focus();
    harness.run();
    type_text(&mut harness, "kubernetes");
    assert!(harness.state().search_results().contains(&"kubernetes"));
}

#[test]
fn a_typo_at_the_beginning_of_a_word_still_finds_the_skill() {
    // Issue 16, item 15: "postgers" and "postgrs" found nothing in the bundled roadmap.
    for typo in ["postgers", "postgrs"] {
        let data = tempfile::tempdir().unwrap();
        let mut harness = start_app(data.path());
        press(&mut harness, Modifiers::COMMAND, Key::F);
        type_text(&mut harness, typo);
        assert_eq!(
            harness.state().search_results().first(),
            Some(&"postgresql"),
            "{typo}"
        );
    }
}

#[test]
fn a_search_leaves_the_left_panel_as_wide_as_it_was() {
    // Issue 16, item 6: the panel widened for good after a search (228 to 327 points),
    // which moved the "Aiming for" box away from where the person was about to click.
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let width = common::left_panel_width;
    let before = width(&harness);
    let aiming = harness.get_by_label("Target role").rect();
    for query in ["caching", "a", "postgresql replication", "notes"] {
        press(&mut harness, Modifiers::COMMAND, Key::F);
        type_text(&mut harness, query);
        harness.run();
        assert!(
            (width(&harness) - before).abs() < 1.0,
            "while searching {query:?}: {} against {before}",
            width(&harness)
        );
        press(&mut harness, Modifiers::NONE, Key::Escape);
        harness.run();
    }
    assert!(
        (width(&harness) - before).abs() < 1.0,
        "{} against {before}",
        width(&harness)
    );
    assert_eq!(harness.get_by_label("Target role").rect(), aiming);
}
