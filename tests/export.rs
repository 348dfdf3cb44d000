//! Exports others can open: SVG parses as XML with every skill, Markdown has every stage
//! and status, JSON Canvas parses as JSON with a node per skill and an edge per
//! prerequisite; and `waymark export` writes them from the command line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use std::collections::HashSet;
use std::process::Command;

use waymark::export::{ExportFormat, to_json_canvas, to_markdown, to_svg};
use waymark::files;
use waymark::model::{Progress, Roadmap, Status, Timestamp};

fn bundled_with_progress() -> (Roadmap, Progress) {
    let roadmap = waymark::bundled::BACKEND_DEVELOPER.load().unwrap();
    let mut progress = Progress::new(&roadmap.id);
    let now = Timestamp::now();
    progress.set_status("git", Status::Learned, now);
    progress.set_status("sql", Status::Learning, now);
    progress.set_status("lang-php", Status::Skipped, now);
    progress.set_notes("git", "Rebase <carefully> & often", now);
    (roadmap, progress)
}

#[test]
fn svg_parses_as_xml_and_names_every_skill_with_its_status() {
    let (roadmap, progress) = bundled_with_progress();
    let svg = to_svg(&roadmap, &progress);
    let document = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let titles: HashSet<String> = root
        .descendants()
        .filter(|node| node.has_tag_name("title"))
        .filter_map(|node| node.text().map(str::to_owned))
        .collect();
    for skill in &roadmap.skills {
        assert!(
            titles
                .iter()
                .any(|t| t.starts_with(&format!("{}, ", skill.title))),
            "{} in the SVG",
            skill.title
        );
    }
    assert!(titles.contains("Git fundamentals, Learned"));
    assert!(titles.contains("SQL, Learning"));
    let paths = root
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("class") == Some("edge"))
        .count();
    assert_eq!(paths, roadmap.edge_count(), "an arrow per prerequisite");
}

#[test]
fn markdown_has_every_stage_heading_every_status_notes_and_links() {
    let (roadmap, progress) = bundled_with_progress();
    let markdown = to_markdown(&roadmap, &progress);
    for stage in &roadmap.stages {
        assert!(
            markdown.contains(&format!("\n## {}", stage.title)),
            "heading for {}",
            stage.title
        );
    }
    assert!(markdown.contains("- [x] **Git fundamentals** — learned"));
    assert!(markdown.contains("- [ ] **SQL** — learning"));
    assert!(markdown.contains("- [ ] **PHP** — skipped"));
    assert!(markdown.contains("— not started"));
    // Notes are the person's own Markdown: kept as written.
    assert!(markdown.contains("  > Rebase <carefully> & often"));
    let first_link = &roadmap.skills[0].resources[0];
    assert!(markdown.contains(&format!("]({}", "<")) && markdown.contains(&first_link.url));
    assert_eq!(
        markdown
            .lines()
            .filter(|line| line.starts_with("- ["))
            .count(),
        roadmap.skills.len(),
        "one line per skill"
    );
}

#[test]
fn json_canvas_has_a_node_per_skill_and_an_edge_per_prerequisite() {
    let (roadmap, progress) = bundled_with_progress();
    let text = to_json_canvas(&roadmap, &progress);
    let canvas: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let nodes = canvas["nodes"].as_array().unwrap();
    let edges = canvas["edges"].as_array().unwrap();
    let text_nodes: Vec<_> = nodes.iter().filter(|n| n["type"] == "text").collect();
    assert_eq!(text_nodes.len(), roadmap.skills.len());
    assert_eq!(edges.len(), roadmap.edge_count());
    let ids: HashSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    for edge in edges {
        assert!(ids.contains(edge["fromNode"].as_str().unwrap()), "{edge}");
        assert!(ids.contains(edge["toNode"].as_str().unwrap()), "{edge}");
    }
    let git = text_nodes.iter().find(|n| n["id"] == "git").unwrap();
    assert_eq!(git["color"], "#009e73", "learned is green");
    assert!(git["text"].as_str().unwrap().contains("Learned"));
    for node in nodes {
        for field in ["x", "y", "width", "height"] {
            assert!(node[field].is_number(), "{field} of {node}");
        }
    }
}

#[test]
fn waymark_export_writes_each_format_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (roadmap, progress) = bundled_with_progress();
    let roadmap_path = dir.path().join("backend.ron");
    let progress_path = dir.path().join("me.ron");
    files::save_roadmap(&roadmap_path, &roadmap).unwrap();
    files::save_progress(&progress_path, &progress).unwrap();
    for format in ExportFormat::ALL {
        let output = dir.path().join(format!("out.{}", format.extension()));
        let result = Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(["export", "--format", format.extension()])
            .arg(&roadmap_path)
            .arg("--progress")
            .arg(&progress_path)
            .arg("-o")
            .arg(&output)
            .output()
            .unwrap();
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        let written = std::fs::read_to_string(&output).unwrap();
        assert_eq!(written, format.render(&roadmap, &progress));
    }
    let bad = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(["export", "--format", "pdf", "x.ron", "-o", "x.pdf"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown format `pdf`"));
}

#[test]
fn the_app_exports_what_is_open_with_the_progress_made() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = egui::Context::default();
    let mut app = waymark::app::WaymarkApp::new(
        Some(waymark::storage::DataDir::new(dir.path().join("data"))),
        None,
    );
    app.apply(
        waymark::app::Action::SetStatus {
            skill_id: "git".into(),
            status: Status::Learned,
        },
        &ctx,
    );
    let path = dir.path().join("plan.md");
    app.apply(
        waymark::app::Action::Export {
            format: ExportFormat::Markdown,
            path: path.clone(),
        },
        &ctx,
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("- [x] **Git fundamentals** — learned"));
    // Where no file can be (under a file): an error is shown, nothing panics.
    let missing = path.join("plan.svg");
    app.apply(
        waymark::app::Action::Export {
            format: ExportFormat::Svg,
            path: missing.clone(),
        },
        &ctx,
    );
    assert!(!missing.exists());
    let titles: Vec<&str> = app.errors().iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["The export could not be written"]);
}
