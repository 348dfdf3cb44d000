//! The app driven like a person drives it: widgets found by their visible label, clicks and
//! keys, then assertions on the model and on files in a temporary data folder.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use common::{click_skill_at, harness_with, start_app};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use waymark::app::{Action, WaymarkApp};
use waymark::files::storage::DataDir;
use waymark::model::Status;

/// Clicks a not-started junior skill on the canvas by its accessible name.
fn click_skill(harness: &mut Harness<'_, WaymarkApp>, title: &str) {
    harness
        .get_by_label(&format!("{title}, Junior, Not started"))
        .click_accesskit();
    harness.run();
}

/// Right-clicks a skill where the canvas draws it and picks an entry of its menu ("Mark
/// learned", "Mark not started").
fn mark_from_the_menu(harness: &mut Harness<'_, WaymarkApp>, skill_id: &str, entry: &str) {
    click_skill_at(
        harness,
        skill_id,
        egui::PointerButton::Secondary,
        egui::Modifiers::NONE,
    );
    harness
        .get_by(|node| {
            node.role() == Role::Button && node.label().is_some_and(|l| l.starts_with(entry))
        })
        .click();
    harness.run();
}

/// Lets more than the autosave delay pass in the app's clock.
fn wait_for_autosave(harness: &mut Harness<'_, WaymarkApp>) {
    harness.run_steps(8);
}

#[test]
fn selecting_a_skill_by_its_label_shows_its_details() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    click_skill(&mut harness, "Git fundamentals");
    assert_eq!(harness.state().selected_skill(), Some("git"));
    // The details panel shows the summary and a link to the Git book.
    harness.get_by_label_contains("Commits, the staging area, branches");
    harness.get_by_label("Pro Git book");
}

#[test]
fn every_skill_on_the_canvas_is_named_with_title_stage_and_status() {
    let data = tempfile::tempdir().unwrap();
    let harness = start_app(data.path());
    harness.get_by_label("How the internet works, Junior, Not started");
    harness.get_by_label("Java, Junior, Not started");
}

#[test]
fn marking_a_skill_learned_updates_stage_progress() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let junior_before = harness
        .state()
        .session
        .document
        .summary
        .stage("junior")
        .unwrap()
        .clone();
    assert_eq!(junior_before.learned, 0);
    let bar_label = |learned: usize| format!("{learned} / {}", junior_before.total);
    let bars_before = harness.query_all_by_label(&bar_label(1)).count();

    click_skill(&mut harness, "Git fundamentals");
    harness.key_press(egui::Key::L);
    harness.run();

    let document = &harness.state().session.document;
    assert_eq!(document.progress.status("git"), Status::Learned);
    assert_eq!(document.summary.stage("junior").unwrap().learned, 1);
    assert_eq!(document.summary.overall.learned, 1);
    assert_eq!(
        harness.query_all_by_label(&bar_label(1)).count(),
        bars_before + 1,
        "the junior bar reads 1 / total"
    );
    harness.get_by_label("Git fundamentals, Junior, Learned");
}

#[test]
fn status_buttons_in_the_details_panel_set_every_status() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    click_skill(&mut harness, "SQL");
    for status in [
        Status::Learning,
        Status::Skipped,
        Status::Learned,
        Status::NotStarted,
    ] {
        harness
            .get_by_role_and_label(Role::Button, status.label())
            .click();
        harness.run();
        assert_eq!(
            harness.state().session.document.progress.status("sql"),
            status
        );
    }
    let history = &harness.state().session.document.progress.skills["sql"].history;
    assert_eq!(history.len(), 4, "every change is in the dated history");
}

#[test]
fn the_menu_of_a_right_click_marks_a_skill_learned_and_back() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    mark_from_the_menu(&mut harness, "sql", "Mark learned");
    assert_eq!(
        harness.state().session.document.progress.status("sql"),
        Status::Learned
    );
    harness.get_by_label("SQL, Junior, Learned");
    mark_from_the_menu(&mut harness, "sql", "Mark not started");
    assert_eq!(
        harness.state().session.document.progress.status("sql"),
        Status::NotStarted
    );
}

#[test]
fn typing_a_note_keeps_it_in_the_model() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    click_skill(&mut harness, "Git fundamentals");
    let notes = harness.get_by_role(Role::MultilineTextInput);
    notes.focus();
    harness.run();
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text("Read chapters 1-3 of Pro Git");
    harness.run();
    assert_eq!(
        harness.state().session.document.progress.notes("git"),
        "Read chapters 1-3 of Pro Git"
    );
    // A keyboard sends shortcut letters as keys too: while typing they must not act.
    for key in [egui::Key::L, egui::Key::S, egui::Key::F] {
        harness.key_press(key);
    }
    harness.run();
    assert_eq!(
        harness.state().session.document.progress.status("git"),
        Status::NotStarted
    );
}

#[test]
fn the_ready_next_list_follows_learned_prerequisites() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    let ready = |harness: &Harness<'_, WaymarkApp>| {
        harness.state().session.document.summary.ready_next.clone()
    };
    assert!(ready(&harness).contains(&"git".to_owned()));
    assert!(!ready(&harness).contains(&"git-collaboration".to_owned()));
    assert!(
        harness
            .query_by_label("Collaborative version control")
            .is_none()
    );

    click_skill(&mut harness, "Git fundamentals");
    harness.key_press(egui::Key::L);
    harness.key_press(egui::Key::Escape);
    harness.run();

    assert!(!ready(&harness).contains(&"git".to_owned()));
    assert!(ready(&harness).contains(&"git-collaboration".to_owned()));
    // Shown as a link in the ready-next list; clicking it selects the skill.
    harness
        .get_by_label("Collaborative version control")
        .click();
    harness.run();
    assert_eq!(harness.state().selected_skill(), Some("git-collaboration"));
}

#[test]
fn autosave_then_restart_restores_statuses_notes_and_selection() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut harness = start_app(data.path());
        click_skill(&mut harness, "SQL");
        harness.key_press(egui::Key::I);
        harness.run();
        harness.get_by_role(Role::MultilineTextInput).focus();
        harness.run();
        harness
            .get_by_role(Role::MultilineTextInput)
            .type_text("SQLBolt exercises");
        harness.run();
        wait_for_autosave(&mut harness);
        assert!(
            DataDir::new(data.path())
                .progress_path("backend-developer")
                .exists(),
            "autosaved without quitting"
        );
    }
    let harness = start_app(data.path());
    let app = harness.state();
    assert_eq!(
        app.session.document.progress.status("sql"),
        Status::Learning
    );
    assert_eq!(
        app.session.document.progress.notes("sql"),
        "SQLBolt exercises"
    );
    assert_eq!(app.selected_skill(), Some("sql"));
}

#[test]
fn a_corrupt_progress_file_is_reported_and_not_overwritten() {
    let data = tempfile::tempdir().unwrap();
    let progress_path = DataDir::new(data.path()).progress_path("backend-developer");
    std::fs::create_dir_all(progress_path.parent().unwrap()).unwrap();
    let corrupt = "Progress(\n    format_version: 1,\n    roadmap_id: \"backend-developer\",\n    skills: {\"git\": SkillProgress(status: Mastered)},\n)\n";
    std::fs::write(&progress_path, corrupt).unwrap();

    let mut harness = start_app(data.path());
    let broken = harness
        .state()
        .session
        .document
        .broken_progress
        .clone()
        .expect("the broken file is reported");
    assert!(
        broken
            .message
            .contains(&format!("{}:4:", progress_path.display())),
        "{}",
        broken.message
    );
    harness.get_by_label_contains("Your progress file could not be read");

    // Changes are refused rather than lost, and nothing overwrites the file.
    click_skill(&mut harness, "Git fundamentals");
    harness.key_press(egui::Key::L);
    harness.run();
    wait_for_autosave(&mut harness);
    drop(harness);
    assert_eq!(std::fs::read_to_string(&progress_path).unwrap(), corrupt);

    // Setting it aside keeps every byte under another name and unlocks progress.
    let mut harness = start_app(data.path());
    harness
        .get_by_label("Set the broken file aside and start fresh")
        .click();
    harness.run();
    assert!(harness.state().session.document.broken_progress.is_none());
    let aside: Vec<_> = std::fs::read_dir(progress_path.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().contains(".broken-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read_to_string(&aside[0]).unwrap(), corrupt);
}

#[test]
fn opening_a_bad_roadmap_shows_the_located_error_and_keeps_the_current_one() {
    let data = tempfile::tempdir().unwrap();
    let bad = data.path().join("bad.ron");
    std::fs::write(&bad, "Roadmap(\n    format_version: 1,\n    id: \"x\",\n    title: \"X\",\n    stages: [],\n    skills: [Skill(id: \"a\", title: \"A\", stage: \"nowhere\")],\n)\n").unwrap();
    let mut harness = start_app(data.path());
    harness
        .state_mut()
        .push_action(Action::OpenRoadmap(bad.clone()));
    harness.run();
    let app = harness.state();
    assert_eq!(app.session.document.roadmap.id, "backend-developer");
    let error = &app.errors()[0];
    assert!(
        error.details.contains(&format!("{}:6:", bad.display())),
        "{}",
        error.details
    );
    assert!(
        error.details.contains("unknown stage `nowhere`"),
        "{}",
        error.details
    );
    harness.get_by_label_contains("unknown stage `nowhere`");
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().errors().is_empty());
}

#[test]
fn a_roadmap_given_on_the_command_line_opens_and_is_remembered() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("team.ron");
    std::fs::write(
        &path,
        "Roadmap(\n    format_version: 1,\n    id: \"team\",\n    title: \"Team roadmap\",\n    stages: [Stage(id: \"junior\", title: \"Junior\")],\n    skills: [Skill(id: \"rust\", title: \"Rust\", stage: \"junior\")],\n)\n",
    )
    .unwrap();
    {
        let mut harness = harness_with(WaymarkApp::new(
            Some(DataDir::new(data.path())),
            Some(path.clone()),
        ));
        assert_eq!(harness.state().session.document.roadmap.id, "team");
        mark_from_the_menu(&mut harness, "rust", "Mark learned");
        harness.state_mut().save_now();
    }
    let harness = start_app(data.path());
    assert_eq!(
        harness.state().session.document.roadmap.id,
        "team",
        "the roadmap open last time opens again"
    );
    assert_eq!(
        harness.state().session.document.progress.status("rust"),
        Status::Learned
    );
}

#[test]
fn progress_saved_as_a_file_can_be_opened_again() {
    let data = tempfile::tempdir().unwrap();
    let shared = data.path().join("my-progress.ron");
    let mut harness = start_app(data.path());
    mark_from_the_menu(&mut harness, "sql", "Mark learned");
    harness
        .state_mut()
        .push_action(Action::SaveProgressAs(shared.clone()));
    harness.run();
    assert!(
        std::fs::read_to_string(&shared)
            .unwrap()
            .contains("\"sql\"")
    );

    mark_from_the_menu(&mut harness, "sql", "Mark not started");
    assert_eq!(
        harness.state().session.document.progress.status("sql"),
        Status::NotStarted
    );
    // Someone else's copy of the file says "learning".
    std::fs::write(
        &shared,
        "Progress(\n    format_version: 1,\n    roadmap_id: \"backend-developer\",\n    skills: {\"sql\": SkillProgress(status: Learning)},\n)\n",
    )
    .unwrap();
    harness
        .state_mut()
        .push_action(Action::OpenProgress(shared));
    harness.run();
    assert_eq!(
        harness.state().session.document.progress.status("sql"),
        Status::Learning
    );
}

#[test]
fn escape_in_the_notes_leaves_the_field_but_keeps_the_skill_selected() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    click_skill(&mut harness, "Git fundamentals");
    harness.get_by_role(Role::MultilineTextInput).focus();
    harness.run();
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text("notes");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(
        harness.state().selected_skill(),
        Some("git"),
        "the first Escape only leaves the field"
    );
    harness.key_press(egui::Key::L);
    harness.run();
    assert_eq!(
        harness.state().session.document.progress.status("git"),
        Status::Learned,
        "keys work again after leaving the field"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected_skill(), None);
}

#[test]
fn the_first_view_is_readable_and_fit_shows_every_skill() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    assert!(
        (harness.state().canvas().zoom() - 1.0).abs() < 1e-3,
        "titles at 1:1 on first start"
    );

    harness.key_press(egui::Key::F);
    harness.run();
    let app = harness.state();
    let canvas = app.canvas().canvas_rect;
    assert!(
        app.canvas().zoom() < 0.5,
        "the whole roadmap is wider than the window"
    );
    for skill in &app.session.document.roadmap.skills {
        let rect = app.skill_screen_rect(&skill.id).unwrap();
        assert!(
            canvas.expand(1.0).contains_rect(rect),
            "`{}` at {rect:?} is outside {canvas:?}",
            skill.id
        );
    }
}

#[test]
fn the_fit_button_and_the_view_menu_fit_too() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    harness.get_by_role_and_label(Role::Button, "Fit").click();
    harness.run();
    assert!(harness.state().canvas().zoom() < 0.5);
}

#[test]
fn closing_the_details_panel_leaves_the_graph_where_it_was() {
    // Issue 16, item 6: after closing the details panel the Junior stage started halfway
    // down the canvas.
    let data = tempfile::tempdir().unwrap();
    let mut harness = common::start_app(data.path());
    let at = |harness: &egui_kittest::Harness<'_, waymark::app::WaymarkApp>| {
        harness
            .state()
            .skill_screen_rect("internet-basics")
            .unwrap()
            .min
    };
    let start = at(&harness);
    for how in ["click", "search"] {
        if how == "click" {
            common::click_skill_at(
                &mut harness,
                "http",
                egui::PointerButton::Primary,
                egui::Modifiers::NONE,
            );
        } else {
            common::select(&mut harness, "http");
        }
        assert_eq!(harness.state().selected_skill(), Some("http"));
        let opened = at(&harness);
        harness
            .get_by_role_and_label(egui::accesskit::Role::Button, "Close")
            .click();
        harness.run();
        harness.run();
        assert_eq!(harness.state().selected_skill(), None);
        let closed = at(&harness);
        assert!(
            (closed.y - opened.y).abs() < 1.0 && (closed.x - opened.x).abs() < 1.0,
            "{how}: open {opened:?}, closed {closed:?} (at the start {start:?})"
        );
    }
}

/// Issue 17: at Fit in a 1280×800 window, every stage's title and progress and every
/// role milestone can be read whole, at 12 points or more, even where a stage's band is
/// narrower than its heading: for your own progress, and for the team's in its
/// coverage view (whose captions are longer).
#[test]
fn at_fit_in_the_default_window_every_heading_and_milestone_reads_whole() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(64)
        .build_ui_state(
            |ui, app: &mut WaymarkApp| app.ui(ui),
            WaymarkApp::new(Some(DataDir::new(data.path())), None),
        );
    harness.run();
    harness.key_press(egui::Key::F);
    harness.run();
    headings_read_whole(&harness, " learned");

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open the example team plan").click();
    harness.run();
    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::G);
    assert_eq!(
        harness.state().team().unwrap().lens,
        waymark::app::GraphLens::Coverage
    );
    harness.key_press(egui::Key::F);
    harness.run();
    headings_read_whole(&harness, " known in the team");
}

fn headings_read_whole(harness: &Harness<'_, WaymarkApp>, caption_end: &str) {
    let canvas = harness.state().canvas().canvas_rect;
    let texts: Vec<(String, bool, f32, egui::Rect)> = harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Text(text) if canvas.contains(text.pos) => {
                let least = (text.galley.job.sections.iter())
                    .map(|s| s.format.font_id.size)
                    .fold(f32::MAX, f32::min);
                let rect = text.galley.rect.translate(text.pos.to_vec2());
                Some((
                    text.galley.job.text.clone(),
                    text.galley.elided,
                    least,
                    rect,
                ))
            }
            _ => None,
        })
        .collect();
    let roadmap = &harness.state().session.document.roadmap;
    for stage in &roadmap.stages {
        // One line: the title, then the progress.
        let heading = &stage.title;
        let shown = (texts.iter())
            .find(|(text, ..)| text.starts_with(heading.as_str()) && text.ends_with(caption_end));
        let Some((_, elided, size, rect)) = shown else {
            panic!("no heading {heading:?}…{caption_end:?} among {texts:#?}");
        };
        assert!(
            !elided && *size >= 12.0,
            "{heading:?}: elided {elided}, {size} pt"
        );
        assert!(canvas.contains_rect(*rect), "{heading:?} at {rect:?}");
    }
    for milestone in
        (roadmap.skills.iter()).filter(|s| s.kind == waymark::model::SkillKind::Milestone)
    {
        let shown = texts.iter().find(|(text, ..)| *text == milestone.title);
        let Some((_, elided, size, rect)) = shown else {
            panic!("no label {:?}", milestone.title);
        };
        assert!(!elided && *size >= 12.0, "{}: {size} pt", milestone.title);
        assert!(
            canvas.contains_rect(*rect),
            "{} at {rect:?}",
            milestone.title
        );
    }
}

/// Issue 32, item 7: the empty roadmap of Ctrl+N shows no bar as complete, and says how to
/// start.
#[test]
fn an_empty_roadmap_shows_empty_bars_and_how_to_add_the_first_skill() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    common::press(&mut harness, egui::Modifiers::COMMAND, egui::Key::N);
    let bars: Vec<f64> = harness
        .query_all_by_label("0 / 0")
        .map(|bar| {
            egui_kittest::kittest::NodeT::accesskit_node(&bar)
                .numeric_value()
                .unwrap()
        })
        .collect();
    assert!(bars.len() >= 6, "{bars:?}");
    assert!(bars.iter().all(|value| *value == 0.0), "{bars:?}");
    harness.get_by_label_contains("No skills yet: double-click the canvas or press A");
    assert!(
        harness
            .query_by_label_contains("learn a prerequisite first")
            .is_none()
    );
}

/// Issue 32, item 10: where a search matched is written at a size that can be read.
#[test]
fn search_results_show_where_they_matched_in_readable_text() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_app(data.path());
    harness.state_mut().push_action(Action::SetNotes {
        skill_id: "git".into(),
        notes: "rebase often".into(),
    });
    harness.run();
    harness.get_by_label("Search skills and notes").click();
    harness.run();
    harness.event(egui::Event::Text("rebase often".into()));
    harness.run();
    // One line of text: egui's "small" size was 9 points, 10 high.
    let snippet = harness.get_by_label_contains("notes: ");
    assert!(
        snippet.rect().height() >= 13.0,
        "{:?} is too small to read",
        snippet.rect()
    );
}
