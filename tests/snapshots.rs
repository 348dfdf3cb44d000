//! Pictures of what people see, compared with the ones committed under tests/snapshots/.
//! Rendered by egui's wgpu renderer on the CPU (Mesa's lavapipe). Where no renderer can
//! start, the tests say so loudly and skip, except when `CI=true`: then they fail.
//!
//! After an intended change of look: `UPDATE_SNAPSHOTS=1 cargo test --test snapshots`, look
//! at the new PNGs, and commit them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions, try_image_snapshot_options};
use waymark::app::{Action, WaymarkApp};
use waymark::files::storage::DataDir;

/// The harness puts an empty margin of this many points around the app (a real window has
/// none); it is made that much bigger, so the app gets the real default size, 1280 × 800.
const HARNESS_MARGIN: f32 = 8.0;
const WINDOW: egui::Vec2 = egui::vec2(1280.0, 800.0);

fn rendering_harness(app: WaymarkApp, theme: egui::Theme) -> Harness<'static, WaymarkApp> {
    let mut harness = Harness::builder()
        .with_size(WINDOW + egui::Vec2::splat(2.0 * HARNESS_MARGIN))
        .with_theme(theme)
        .with_max_steps(64)
        .wgpu()
        .build_ui_state(
            |ui, app: &mut WaymarkApp| {
                // The harness fills the app's area with the panel colour, which the real window
                // does not: there, what the app leaves unpainted shows eframe's clear colour
                // (near-black by default, so the old light-theme snapshot showed a light canvas
                // while the real window's was black). Paint what the window clears to first.
                let [r, g, b, _] = eframe::App::clear_color(app, ui.visuals())
                    .map(|channel| (channel.clamp(0.0, 1.0) * 255.0).round() as u8);
                ui.painter()
                    .rect_filled(ui.max_rect(), 0.0, egui::Color32::from_rgb(r, g, b));
                app.ui(ui);
            },
            app,
        );
    harness.run();
    harness
}

/// Renders the window, crops it to `region` (in points) and compares it with the committed
/// snapshot. Returns false when no renderer is available outside CI (skipped, said loudly).
fn snapshot(harness: &mut Harness<'_, WaymarkApp>, name: &str, region: egui::Rect) -> bool {
    let image = match harness.render() {
        Ok(image) => image,
        Err(error) => {
            let message = format!(
                "snapshot `{name}` needs a wgpu renderer (Mesa lavapipe: apt-get install mesa-vulkan-drivers): {error}"
            );
            if std::env::var("CI").is_ok_and(|ci| ci == "true") {
                panic!("{message}");
            }
            eprintln!("\n*** SKIPPED: {message} ***\n");
            return false;
        }
    };
    let scale = image.width() as f32 / (WINDOW.x + 2.0 * HARNESS_MARGIN);
    let cropped = image::imageops::crop_imm(
        &image,
        (region.min.x * scale) as u32,
        (region.min.y * scale) as u32,
        (region.width() * scale) as u32,
        (region.height() * scale) as u32,
    )
    .to_image();
    // Text is anti-aliased on the CPU the same way each run; allow a sprinkle of pixels.
    let options = SnapshotOptions::new().threshold(0.6).max_failed_pixels(40);
    if let Err(error) = try_image_snapshot_options(&cropped, name, &options) {
        panic!("{error}");
    }
    true
}

/// A region in the app's own coordinates (as in the real window).
fn app_region(x: f32, y: f32, width: f32, height: f32) -> egui::Rect {
    region(x, y, width, height).translate(egui::Vec2::splat(HARNESS_MARGIN))
}

fn region(x: f32, y: f32, width: f32, height: f32) -> egui::Rect {
    egui::Rect::from_min_size(egui::pos2(x, y), egui::vec2(width, height))
}

fn app_on(data: &std::path::Path) -> WaymarkApp {
    WaymarkApp::new(Some(DataDir::new(data)), None)
}

#[test]
fn the_bundled_roadmap_at_the_default_view_in_dark_and_light() {
    for (theme, name) in [
        (egui::Theme::Dark, "roadmap_dark"),
        (egui::Theme::Light, "roadmap_light"),
    ] {
        let data = tempfile::tempdir().unwrap();
        let mut harness = rendering_harness(app_on(data.path()), theme);
        if !snapshot(&mut harness, name, app_region(0.0, 0.0, 900.0, 520.0)) {
            return;
        }
    }
}

#[test]
fn the_details_panel_of_a_learned_skill_with_notes() {
    let data = tempfile::tempdir().unwrap();
    // Progress with fixed dates, so the picture is the same every day.
    let progress = DataDir::new(data.path()).progress_path("backend-developer");
    std::fs::create_dir_all(progress.parent().unwrap()).unwrap();
    std::fs::write(
        &progress,
        r#"Progress(
    format_version: 1,
    roadmap_id: "backend-developer",
    skills: {
        "git": SkillProgress(
            status: Learned,
            notes: "Read Pro Git chapters 1-3.\nPractised rebasing on a toy repo.",
            notes_edited_at: Some("2026-01-15T10:00:00Z"),
            history: [
                StatusChange(at: "2026-01-08T09:00:00Z", status: Learning),
                StatusChange(at: "2026-01-15T10:00:00Z", status: Learned),
            ],
        ),
    },
)
"#,
    )
    .unwrap();
    let mut harness = rendering_harness(app_on(data.path()), egui::Theme::Dark);
    harness.state_mut().push_action(Action::Focus("git".into()));
    harness.run();
    harness.get_by_label_contains("edited 2026-01-15");
    let panel = harness.get_by_role_and_label(Role::Button, "Close").rect();
    snapshot(
        &mut harness,
        "details_panel",
        region(panel.right() - 400.0, 20.0, 400.0, 560.0),
    );
}

#[test]
fn a_bad_roadmap_shows_its_located_error() {
    let data = tempfile::tempdir().unwrap();
    let bad = data.path().join("bad.ron");
    std::fs::write(&bad, "Roadmap(\n    format_version: 1,\n    id: \"x\",\n    title: \"X\",\n    stages: [],\n    skills: [Skill(id: \"a\", title: \"A\", stage: \"nowhere\")],\n)\n").unwrap();
    let mut harness = rendering_harness(app_on(data.path()), egui::Theme::Dark);
    // A fixed name in the message, so the picture does not depend on the temp folder.
    let fixed = std::path::PathBuf::from("/tmp/waymark-snapshot-bad.ron");
    std::fs::copy(&bad, &fixed).unwrap();
    harness
        .state_mut()
        .push_action(Action::OpenRoadmap(fixed.clone()));
    harness.run();
    let _ = std::fs::remove_file(&fixed);
    let heading = harness.get_by_label_contains("could not be opened").rect();
    let ok = harness.get_by_role_and_label(Role::Button, "OK").rect();
    snapshot(
        &mut harness,
        "bad_roadmap_error",
        region(
            heading.left() - 24.0,
            heading.top() - 24.0,
            680.0,
            ok.bottom() - heading.top() + 48.0,
        ),
    );
}

#[test]
fn the_team_matrix_of_the_example_team() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = rendering_harness(app_on(data.path()), egui::Theme::Light);
    harness
        .state_mut()
        .push_action(Action::Team(waymark::app::TeamAction::OpenExample));
    harness.run();
    harness.get_by_label("Matrix").click();
    harness.run();
    // The window opens centred over the canvas (760 × 560 points); the crop starts below
    // its header, which shows the data folder's path (a different one each run).
    snapshot(
        &mut harness,
        "team_matrix",
        app_region(260.0, 235.0, 760.0, 465.0),
    );
}
