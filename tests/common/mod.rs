//! What the UI tests share: starting the app on a data folder, and pointer gestures at the
//! places the canvas reports.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // not every test uses every helper

use std::path::Path;

use egui_kittest::Harness;
use waymark::app::{Action, WaymarkApp};
use waymark::files::storage::DataDir;

/// Runs the `waymark` binary in `dir`, as a person runs it in a terminal.
pub fn waymark(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// The app on a data folder, one frame in, at a desktop size.
pub fn start_app(data_dir: &Path) -> Harness<'static, WaymarkApp> {
    harness_with(WaymarkApp::new(Some(DataDir::new(data_dir)), None))
}

pub fn harness_with(app: WaymarkApp) -> Harness<'static, WaymarkApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        // Enough frames for dialogs to fade in and autosave timers to settle.
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut WaymarkApp| app.ui(ui), app);
    harness.run();
    harness
}

pub fn press(harness: &mut Harness<'_, WaymarkApp>, modifiers: egui::Modifiers, key: egui::Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// Selects a skill and centres it, as clicking it in a list does.
pub fn select(harness: &mut Harness<'_, WaymarkApp>, skill_id: &str) {
    harness
        .state_mut()
        .push_action(Action::Focus(skill_id.to_owned()));
    harness.run();
}

/// Clicks a skill on the canvas where it is drawn, with a button and modifiers.
pub fn click_skill_at(
    harness: &mut Harness<'_, WaymarkApp>,
    skill_id: &str,
    button: egui::PointerButton,
    modifiers: egui::Modifiers,
) {
    let center = harness
        .state()
        .skill_screen_rect(skill_id)
        .expect("the skill is on the canvas")
        .center();
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.hover_at(center);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: center,
            button,
            pressed,
            modifiers,
        });
    }
    harness.run();
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run();
}

/// Drags with the primary button from one screen point to another in small moves.
pub fn drag(
    harness: &mut Harness<'_, WaymarkApp>,
    from: egui::Pos2,
    to: egui::Pos2,
    modifiers: egui::Modifiers,
) {
    drag_with(harness, egui::PointerButton::Primary, from, to, modifiers);
}

/// Drags with `button` from one screen point to another in small moves, one event a frame.
pub fn drag_with(
    harness: &mut Harness<'_, WaymarkApp>,
    button: egui::PointerButton,
    from: egui::Pos2,
    to: egui::Pos2,
    modifiers: egui::Modifiers,
) {
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.hover_at(from);
    harness.run();
    harness.event(egui::Event::PointerButton {
        pos: from,
        button,
        pressed: true,
        modifiers,
    });
    harness.step();
    for step in 1..=10 {
        harness.event(egui::Event::PointerMoved(
            from + (to - from) * (step as f32 / 10.0),
        ));
        harness.step();
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button,
        pressed: false,
        modifiers,
    });
    harness.run();
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run();
}

/// The bundled roadmap, version 2: `git` renamed to `git-fundamentals` (with its rename
/// record), `remote-work` removed, `tdd` moved to the senior stage, a new mid-level skill.
pub fn version_2() -> waymark::model::Roadmap {
    let mut roadmap = waymark::files::bundled::BACKEND_DEVELOPER.load().unwrap();
    for skill in &mut roadmap.skills {
        if skill.id == "git" {
            skill.id = "git-fundamentals".into();
            skill.replaces = vec!["git".into()];
        }
        for required in &mut skill.requires {
            if required == "git" {
                *required = "git-fundamentals".into();
            }
        }
        if skill.id == "tdd" {
            skill.stage = "senior".into();
        }
    }
    roadmap.skills.retain(|skill| skill.id != "remote-work");
    let mut new = waymark::model::Skill::new("ai-assisted-coding", "AI-assisted coding", "mid");
    new.requires = vec!["git-fundamentals".into()];
    roadmap.skills.push(new);
    roadmap
}

/// How wide the left panel's content is now (its search box spans it).
pub fn left_panel_width(harness: &Harness<'_, WaymarkApp>) -> f32 {
    use egui_kittest::kittest::Queryable;
    harness
        .get_by_label("Search skills and notes")
        .rect()
        .width()
}
