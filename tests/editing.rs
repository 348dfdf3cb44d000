//! Managers adapt a roadmap: add, edit, connect, delete and undo, through the real UI.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::{click_skill_at, drag, press, select, start_app};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use waymark::app::{Action, WaymarkApp};
use waymark::files::storage::DataDir;
use waymark::model::Status;

fn undo(harness: &mut Harness<'_, WaymarkApp>) {
    press(harness, egui::Modifiers::COMMAND, egui::Key::Z);
}

fn redo(harness: &mut Harness<'_, WaymarkApp>) {
    press(
        harness,
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
}

#[test]
fn adding_a_skill_and_typing_its_title() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let before = harness.state().session.document.roadmap.clone();

    harness
        .get_by_role_and_label(Role::Button, "Add skill")
        .click();
    harness.run();
    let new_id = harness.state().selected_skill().unwrap().to_owned();
    assert_eq!(
        harness
            .state()
            .session
            .document
            .roadmap
            .skill(&new_id)
            .unwrap()
            .title,
        "New skill"
    );
    // The title field has focus with its text selected: typing replaces it.
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .type_text("API gateways");
    harness.run();
    let added = harness
        .state()
        .session
        .document
        .roadmap
        .skill(&new_id)
        .unwrap()
        .clone();
    assert_eq!(added.title, "API gateways");
    assert_eq!(added.id, new_id, "changing the title never changes the id");
    // The letters of the title reach the app as keys too: I (learning) and A (add skill)
    // must not act while the title field has focus.
    let skill_count = harness.state().session.document.roadmap.skills.len();
    harness.key_press(egui::Key::I);
    harness.key_press(egui::Key::A);
    harness.run();
    assert_eq!(
        harness.state().session.document.roadmap.skills.len(),
        skill_count
    );
    assert_eq!(
        harness.state().session.document.progress.status(&new_id),
        Status::NotStarted,
        "letters typed are text, not shortcuts"
    );

    // Typing was one step; adding was another.
    assert_eq!(harness.state().undo_label(), Some("edit “API gateways”"));
    undo(&mut harness);
    assert_eq!(
        harness
            .state()
            .session
            .document
            .roadmap
            .skill(&new_id)
            .unwrap()
            .title,
        "New skill"
    );
    undo(&mut harness);
    assert_eq!(harness.state().session.document.roadmap, before);
    redo(&mut harness);
    redo(&mut harness);
    assert_eq!(
        harness
            .state()
            .session
            .document
            .roadmap
            .skill(&new_id)
            .unwrap()
            .title,
        "API gateways"
    );
}

#[test]
fn connecting_two_skills_from_the_details_panel() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let before = harness.state().session.document.roadmap.clone();
    select(&mut harness, "sql");
    harness
        .get_by_role_and_label(Role::Button, "Edit skill")
        .click();
    harness.run();
    harness
        .get_by_label_contains("Search skills to require")
        .focus();
    harness.run();
    harness
        .get_by_label_contains("Search skills to require")
        .type_text("command line");
    harness.run();
    harness
        .get_by_label("Require Command line and Linux basics")
        .click();
    harness.run();

    let sql = harness
        .state()
        .session
        .document
        .roadmap
        .skill("sql")
        .unwrap();
    assert_eq!(sql.requires, ["command-line"]);
    assert_eq!(
        harness.state().undo_label(),
        Some("make “Command line and Linux basics” a prerequisite of “SQL”")
    );
    undo(&mut harness);
    assert_eq!(harness.state().session.document.roadmap, before);
    redo(&mut harness);
    assert_eq!(
        harness
            .state()
            .session
            .document
            .roadmap
            .skill("sql")
            .unwrap()
            .requires,
        ["command-line"]
    );
}

#[test]
fn a_prerequisite_that_would_make_a_cycle_is_refused_with_the_cycle_named() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let before = harness.state().session.document.roadmap.clone();
    // HTTP requires "How the internet works"; making the latter require HTTP closes a loop.
    harness.state_mut().push_action(Action::Edit {
        edit: waymark::model::RoadmapEdit::AddRequirement {
            skill_id: "internet-basics".into(),
            required_id: "http".into(),
        },
        gesture: None,
    });
    harness.run();
    assert_eq!(
        harness.state().session.document.roadmap,
        before,
        "nothing changed"
    );
    let notice = harness.state().notice().unwrap().to_owned();
    assert!(notice.contains("cycle"), "{notice}");
    // Issue 16, item 11: by titles, not ids.
    assert!(
        notice.contains("“HTTP”, then “How the internet works”, then “HTTP”")
            || notice
                .contains("“How the internet works”, then “HTTP”, then “How the internet works”"),
        "{notice}"
    );
    // Issue 32, item 10: in words, every title quoted the same way, no ASCII arrows.
    assert!(
        notice.starts_with("Can’t make “HTTP” a prerequisite of “How the internet works”: "),
        "{notice}"
    );
    assert!(!notice.contains("->"), "{notice}");
    harness.get_by_label_contains("that would make a cycle");
    assert_eq!(
        harness.state().undo_label(),
        None,
        "a refused edit is no undo step"
    );
}

#[test]
fn deleting_a_skill_with_progress_asks_first_and_keeps_the_progress() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "sql");
    press(&mut harness, egui::Modifiers::NONE, egui::Key::L);
    harness.get_by_role(Role::MultilineTextInput).focus();
    harness.run();
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text("SQLBolt done");
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    let before = harness.state().session.document.roadmap.clone();

    press(&mut harness, egui::Modifiers::NONE, egui::Key::Delete);
    assert_eq!(
        harness.state().pending_delete(),
        Some(&["sql".to_owned()][..])
    );
    harness.get_by_label("Delete this skill?");
    harness
        .get_by_role_and_label(Role::Button, "Delete")
        .click();
    harness.run();

    let document = &harness.state().session.document;
    assert!(document.roadmap.skill("sql").is_none());
    assert!(
        !document
            .roadmap
            .skill("relational-databases")
            .unwrap()
            .requires
            .contains(&"sql".to_owned()),
        "edges to it go too"
    );
    assert_eq!(document.orphaned_progress(), ["sql"]);
    assert_eq!(
        document.progress.notes("sql"),
        "SQLBolt done",
        "progress is kept"
    );
    harness.get_by_label_contains("Kept progress (1)");

    undo(&mut harness);
    assert_eq!(harness.state().session.document.roadmap, before);
    assert!(
        harness
            .state()
            .session
            .document
            .orphaned_progress()
            .is_empty()
    );
    redo(&mut harness);
    assert!(
        harness
            .state()
            .session
            .document
            .roadmap
            .skill("sql")
            .is_none()
    );
}

#[test]
fn cancelling_a_delete_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "git");
    press(&mut harness, egui::Modifiers::NONE, egui::Key::L);
    let before = harness.state().session.document.roadmap.clone();
    press(&mut harness, egui::Modifiers::NONE, egui::Key::Delete);
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run();
    assert_eq!(harness.state().session.document.roadmap, before);
    assert!(harness.state().pending_delete().is_none());
}

#[test]
fn undo_takes_back_status_changes_too_and_the_menu_names_the_step() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "git");
    press(&mut harness, egui::Modifiers::NONE, egui::Key::L);
    assert_eq!(
        harness.state().undo_label(),
        Some("mark “Git fundamentals” learned")
    );
    harness.get_by_role_and_label(Role::Button, "Edit").click();
    harness.run();
    harness
        .get_by_label_contains("Undo mark “Git fundamentals” learned")
        .click();
    harness.run();
    assert_eq!(
        harness.state().session.document.progress.status("git"),
        Status::NotStarted
    );
    assert_eq!(
        harness.state().redo_label(),
        Some("mark “Git fundamentals” learned")
    );
}

#[test]
fn editing_a_bundled_roadmap_marks_it_unsaved_and_quitting_asks_first() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    harness
        .state_mut()
        .push_action(Action::AddSkillAt { x: 0.0, y: 0.0 });
    harness.run();
    assert!(harness.state().session.document.is_roadmap_modified());
    harness.state_mut().push_action(Action::Quit);
    harness.run();
    harness.get_by_label_contains("Save the changes to");
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Save the changes to")
            .is_none()
    );
    assert!(
        harness.state().session.document.is_roadmap_modified(),
        "nothing was discarded"
    );
}

#[test]
fn save_roadmap_as_makes_a_fork_with_a_new_id_that_shares_progress() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "git");
    press(&mut harness, egui::Modifiers::NONE, egui::Key::L);
    harness
        .state_mut()
        .push_action(Action::AddSkillAt { x: 0.0, y: 0.0 });
    harness.run();
    let path = data.path().join("team-roadmap.ron");
    harness
        .state_mut()
        .push_action(Action::SaveRoadmapAs(path.clone()));
    harness.run();
    let app = harness.state();
    assert_eq!(app.session.document.roadmap.id, "team-roadmap");
    assert!(!app.session.document.is_roadmap_modified());
    let saved = waymark::files::load_roadmap(&path).unwrap();
    assert_eq!(saved, app.session.document.roadmap);
    // Issue 16, item 10: saving says where.
    let notice = app.notice().unwrap_or_default();
    assert!(
        notice.starts_with("Saved") && notice.contains("team-roadmap.ron"),
        "{notice}"
    );
    assert_eq!(
        app.session.document.progress.status("git"),
        Status::Learned,
        "skill ids kept, so progress carries over"
    );
    // Issue 19: the copy is a fork of the bundled roadmap, and shares its progress file.
    let based_on = saved
        .based_on
        .as_ref()
        .expect("the copy records what it was made from");
    assert_eq!(based_on.id, "backend-developer");
    assert_eq!(saved.progress_id(), "backend-developer");
    harness.state_mut().save_now();
    let shared = DataDir::new(data.path()).progress_path("backend-developer");
    assert!(std::fs::read_to_string(shared).unwrap().contains("\"git\""));
    assert!(
        !DataDir::new(data.path())
            .progress_path("team-roadmap")
            .exists()
    );
}

#[test]
fn an_edited_roadmap_saves_loads_equal_and_a_one_field_change_is_a_one_line_diff() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("roadmap.ron");
    let mut roadmap = waymark::files::bundled::BACKEND_DEVELOPER.load().unwrap();
    waymark::files::save_roadmap(&path, &roadmap).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();

    let mut sql = roadmap.skill("sql").unwrap().clone();
    sql.title = "SQL, properly".to_owned();
    waymark::model::RoadmapEdit::UpdateSkill { skill: sql }
        .apply(&mut roadmap)
        .unwrap();
    waymark::files::save_roadmap(&path, &roadmap).unwrap();
    let after = std::fs::read_to_string(&path).unwrap();

    assert_eq!(waymark::files::load_roadmap(&path).unwrap(), roadmap);
    let before_lines: Vec<&str> = before.lines().collect();
    let after_lines: Vec<&str> = after.lines().collect();
    assert_eq!(before_lines.len(), after_lines.len());
    let changed: Vec<(&str, &str)> = before_lines
        .iter()
        .zip(&after_lines)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (*a, *b))
        .collect();
    assert_eq!(
        changed,
        [(
            "            title: \"SQL\",",
            "            title: \"SQL, properly\","
        )]
    );
}

#[test]
fn stages_can_be_added_renamed_reordered_and_removed_only_when_empty() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    harness.get_by_label("Edit").click();
    harness.run();
    harness
        .get_by_label_contains("Roadmap details and stages")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Add stage")
        .click();
    harness.run();
    let stages = |harness: &Harness<'_, WaymarkApp>| -> Vec<String> {
        harness
            .state()
            .session
            .document
            .roadmap
            .stages
            .iter()
            .map(|s| s.title.clone())
            .collect()
    };
    assert_eq!(
        stages(&harness).last().map(String::as_str),
        Some("New stage")
    );

    // A stage with skills cannot be removed: its button says why.
    let remove_junior = harness.state().session.document.roadmap.clone();
    harness.state_mut().push_action(Action::Edit {
        edit: waymark::model::RoadmapEdit::RemoveStage {
            stage_id: "junior".into(),
        },
        gesture: None,
    });
    harness.run();
    assert_eq!(harness.state().session.document.roadmap, remove_junior);
    assert!(
        harness
            .state()
            .notice()
            .unwrap()
            .contains("move them to another stage first")
    );

    // The new, empty one can; so can it move up first.
    harness
        .get_all_by_role_and_label(Role::Button, "Up")
        .last()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(stages(&harness)[4], "New stage");
    harness
        .get_all_by_role_and_label(Role::Button, "Remove")
        .nth(4)
        .unwrap()
        .click();
    harness.run();
    assert!(!stages(&harness).contains(&"New stage".to_owned()));
    undo(&mut harness);
    undo(&mut harness);
    undo(&mut harness);
    assert_eq!(stages(&harness).len(), 5);
}

#[test]
fn dragging_a_skill_moves_it_in_one_undo_step() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let before = harness.state().session.document.roadmap.clone();
    let rect = harness.state().skill_screen_rect("sql").unwrap();
    drag(
        &mut harness,
        rect.center(),
        rect.center() + egui::vec2(0.0, 150.0),
        egui::Modifiers::NONE,
    );

    let moved = harness.state().skill_screen_rect("sql").unwrap();
    assert!(
        (moved.center().y - rect.center().y - 150.0).abs() < 2.0,
        "{rect:?} -> {moved:?}"
    );
    assert!(
        harness
            .state()
            .session
            .document
            .roadmap
            .skill("sql")
            .unwrap()
            .position
            .is_some(),
        "placed by hand"
    );
    assert_eq!(harness.state().undo_label(), Some("move 1 skill"));
    undo(&mut harness);
    assert_eq!(
        harness.state().session.document.roadmap,
        before,
        "the whole drag was one step"
    );
}

#[test]
fn dragging_from_the_handle_onto_a_skill_connects_them() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "git");
    let git = harness.state().skill_screen_rect("git").unwrap();
    let sql = harness.state().skill_screen_rect("sql").unwrap();
    let zoom = harness.state().canvas().zoom();
    drag(
        &mut harness,
        git.right_center() + egui::vec2(12.0 * zoom, 0.0),
        sql.center(),
        egui::Modifiers::NONE,
    );
    assert_eq!(
        harness
            .state()
            .session
            .document
            .roadmap
            .skill("sql")
            .unwrap()
            .requires,
        ["git"]
    );
    assert_eq!(
        harness.state().undo_label(),
        Some("make “Git fundamentals” a prerequisite of “SQL”")
    );
}

#[test]
fn shift_click_selects_several_and_delete_removes_them_together() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    harness
        .get_by_label("SQL, Junior, Not started")
        .click_accesskit();
    harness.run();
    click_skill_at(
        &mut harness,
        "command-line",
        egui::PointerButton::Primary,
        egui::Modifiers::SHIFT,
    );
    let mut selected = harness.state().selected_skills();
    selected.sort();
    assert_eq!(selected, ["command-line", "sql"]);
    press(&mut harness, egui::Modifiers::NONE, egui::Key::Delete);
    let roadmap = &harness.state().session.document.roadmap;
    assert!(roadmap.skill("sql").is_none() && roadmap.skill("command-line").is_none());
    assert_eq!(harness.state().undo_label(), Some("delete 2 skills"));
}

#[test]
fn shift_dragging_a_box_on_empty_canvas_selects_what_it_touches() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let scene_before = harness.state().canvas().scene_rect;
    // The first two skills of the first column, and none of those below them.
    let document = &harness.state().session.document;
    let mut column: Vec<(f32, String)> = (document.roadmap.skills.iter().enumerate())
        .filter(|(index, _)| document.layout.node_positions[*index][0] == 0.0)
        .map(|(index, skill)| (document.layout.node_positions[index][1], skill.id.clone()))
        .collect();
    column.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (top, next) = (column[0].1.clone(), column[1].1.clone());
    let first = harness.state().skill_screen_rect(&top).unwrap();
    let second = harness.state().skill_screen_rect(&next).unwrap();
    assert!(first.bottom() < second.top());
    drag(
        &mut harness,
        first.left_top() - egui::vec2(12.0, 8.0),
        second.center(),
        egui::Modifiers::SHIFT,
    );

    let mut selected = harness.state().selected_skills();
    selected.sort();
    let mut expected = vec![top, next];
    expected.sort();
    assert_eq!(selected, expected);
    // The details panel opened, so the view is narrower, but it did not pan.
    assert_eq!(
        harness.state().canvas().scene_rect.min,
        scene_before.min,
        "a box drag does not pan"
    );
}

#[test]
fn opening_another_roadmap_starts_a_fresh_undo_history() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("team.ron");
    std::fs::write(
        &path,
        "Roadmap(\n    format_version: 1,\n    id: \"team\",\n    title: \"Team\",\n    stages: [Stage(id: \"junior\", title: \"Junior\")],\n    skills: [Skill(id: \"rust\", title: \"Rust\", stage: \"junior\")],\n)\n",
    )
    .unwrap();
    let mut harness = start_app(data.path());
    select(&mut harness, "git");
    press(&mut harness, egui::Modifiers::NONE, egui::Key::L);
    harness.state_mut().push_action(Action::OpenRoadmap(path));
    harness.run();
    assert_eq!(harness.state().session.document.roadmap.id, "team");
    assert_eq!(
        harness.state().undo_label(),
        None,
        "nothing from the other roadmap to undo here"
    );
    undo(&mut harness);
    assert_eq!(harness.state().session.document.roadmap.id, "team");
}

#[test]
fn a_skill_added_on_top_of_another_moves_to_free_space() {
    use waymark::session::layout::{NODE_HEIGHT, NODE_WIDTH};
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let document = &harness.state().session.document;
    let sql = document.layout.node_positions[document.skill_index("sql").unwrap()];
    harness.state_mut().push_action(Action::AddSkillAt {
        x: sql[0] + NODE_WIDTH / 2.0,
        y: sql[1] + NODE_HEIGHT / 2.0,
    });
    harness.run();
    let document = &harness.state().session.document;
    let new_index = document
        .skill_index(harness.state().selected_skill().unwrap())
        .unwrap();
    let [x, y] = document.layout.node_positions[new_index];
    let overlapping = document
        .layout
        .node_positions
        .iter()
        .enumerate()
        .filter(|(index, [ox, oy])| {
            *index != new_index && (ox - x).abs() < NODE_WIDTH && (oy - y).abs() < NODE_HEIGHT
        })
        .count();
    assert_eq!(overlapping, 0, "the new skill at ({x}, {y}) hides another");
    assert_eq!(x, sql[0], "it stays in the column asked for");
}

#[test]
fn a_skill_needing_one_from_a_later_stage_is_allowed_with_a_warning() {
    // Issue 16, item 11: a Junior skill could require a Mid-level one without a word.
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    harness.state_mut().push_action(Action::Edit {
        edit: waymark::model::RoadmapEdit::AddRequirement {
            skill_id: "sql".into(),
            required_id: "code-review".into(),
        },
        gesture: None,
    });
    harness.run();
    let roadmap = &harness.state().session.document.roadmap;
    assert!(
        roadmap
            .skill("sql")
            .unwrap()
            .requires
            .contains(&"code-review".to_owned())
    );
    let notice = harness.state().notice().unwrap().to_owned();
    assert!(
        notice.contains("from a later stage (Mid-level)"),
        "{notice}"
    );
    assert!(notice.contains("“SQL” (Junior)"), "{notice}");
    // And `waymark validate` warns of it, with its place in the file.
    let text = waymark::files::to_ron(roadmap).unwrap();
    let problems = waymark::files::validate_roadmap(roadmap, &text);
    let warning = problems
        .iter()
        .find(|problem| problem.message.contains("from the later stage"))
        .expect("a warning");
    assert_eq!(warning.severity, waymark::files::Severity::Warning);
    assert!(warning.line > 1);
}

#[test]
fn a_new_skills_id_follows_its_first_title_once_the_title_is_typed() {
    // Issue 16, item 11: a new skill kept the id `new-skill` after its title was typed.
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    harness
        .get_by_role_and_label(Role::Button, "Add skill")
        .click();
    harness.run();
    assert_eq!(harness.state().selected_skill(), Some("new-skill"));
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .type_text("API gateways");
    harness.run();
    // While typing, the id stays (the field keeps the keyboard).
    assert_eq!(harness.state().selected_skill(), Some("new-skill"));
    harness.key_press(egui::Key::Enter);
    harness.run();
    let roadmap = &harness.state().session.document.roadmap;
    assert!(roadmap.skill("new-skill").is_none());
    assert_eq!(roadmap.skill("api-gateways").unwrap().title, "API gateways");
    assert_eq!(harness.state().selected_skill(), Some("api-gateways"));
    // Still in the form, ready for the next field.
    harness.get_by_role_and_label(Role::TextInput, "Title");
    // Typing the title and the new id are one step.
    undo(&mut harness);
    let roadmap = &harness.state().session.document.roadmap;
    assert_eq!(roadmap.skill("new-skill").unwrap().title, "New skill");

    // Once something refers to a new skill, its id stays whatever its title becomes.
    redo(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "Add skill")
        .click();
    harness.run();
    assert_eq!(harness.state().selected_skill(), Some("new-skill"));
    harness.state_mut().push_action(Action::Edit {
        edit: waymark::model::RoadmapEdit::AddRequirement {
            skill_id: "api-gateways".into(),
            required_id: "new-skill".into(),
        },
        gesture: None,
    });
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .type_text("Reverse proxies");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let roadmap = &harness.state().session.document.roadmap;
    assert_eq!(roadmap.skill("new-skill").unwrap().title, "Reverse proxies");
    assert!(roadmap.skill("reverse-proxies").is_none());
}

#[test]
fn connecting_two_skills_moves_nothing_on_the_canvas() {
    // Issue 16, item 6: connecting two skills re-laid out the neighbourhood under the
    // pointer.
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let before_roadmap = harness.state().session.document.roadmap.clone();
    let places = |harness: &egui_kittest::Harness<'_, waymark::app::WaymarkApp>| {
        let document = &harness.state().session.document;
        (0..document.roadmap.skills.len())
            .map(|index| document.scene.node_rect(index).unwrap())
            .collect::<Vec<_>>()
    };
    let before = places(&harness);
    // Git fundamentals (first column) now needs SQL: the layout alone would move it.
    harness.state_mut().push_action(Action::Edit {
        edit: waymark::model::RoadmapEdit::AddRequirement {
            skill_id: "git".into(),
            required_id: "sql".into(),
        },
        gesture: None,
    });
    harness.run();
    let roadmap = &harness.state().session.document.roadmap;
    assert!(
        roadmap
            .skill("git")
            .unwrap()
            .requires
            .contains(&"sql".to_owned())
    );
    assert_eq!(places(&harness), before, "every skill stays where it was");
    assert!(
        roadmap.skill("git").unwrap().position.is_some(),
        "git is kept in place by hand"
    );
    // One step: undo takes back the link and the kept place together.
    undo(&mut harness);
    assert_eq!(harness.state().session.document.roadmap, before_roadmap);
}
