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
    let roadmap = waymark::files::bundled::BACKEND_DEVELOPER.load().unwrap();
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
    // Notes are quoted as text: what looks like markup in them (a tag, a checklist line)
    // is escaped, so it reads as written and cannot forge a line of the plan.
    assert!(markdown.contains("  > Rebase \\<carefully\\> & often"));
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
            .args(["export", "--format", format.extension(), "--scale", "0.5"])
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
        let written = std::fs::read(&output).unwrap();
        assert_eq!(written, format.render(&roadmap, &progress, 0.5).unwrap());
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
        Some(waymark::files::storage::DataDir::new(
            dir.path().join("data"),
        )),
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
    // Issue 16, item 10: the person is told where it went.
    let notice = app.notice().unwrap_or_default().to_owned();
    assert!(
        notice.contains("Exported to") && notice.contains("plan.md"),
        "{notice}"
    );
    let png_path = dir.path().join("plan.png");
    app.apply(
        waymark::app::Action::Export {
            format: ExportFormat::Png,
            path: png_path.clone(),
        },
        &ctx,
    );
    let png = image::open(&png_path).unwrap();
    let (width, height) = waymark::paint::png::image_size(&app.session.document, 2.0);
    assert_eq!(
        (png.width(), png.height()),
        (width, height),
        "twice the 1:1 size"
    );
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

#[test]
fn png_decodes_at_the_requested_size_and_shows_the_statuses() {
    let (roadmap, progress) = bundled_with_progress();
    let document = waymark::session::Document::from_parts(roadmap.clone(), progress.clone());
    let mut at_1 = None;
    for scale in [0.5, 1.0] {
        let bytes = ExportFormat::Png
            .render(&roadmap, &progress, scale)
            .unwrap();
        let image = image::load_from_memory(&bytes).unwrap().to_rgba8();
        at_1 = Some(image.clone());
        let (width, height) = waymark::paint::png::image_size(&document, scale);
        assert_eq!(
            (image.width(), image.height()),
            (width, height),
            "scale {scale}"
        );
        let [x0, y0, x1, _] = document.layout.bounds;
        assert_eq!(width, ((x1 - x0 + 80.0) * scale).ceil() as u32);
        assert!(y0 <= 0.0);
    }
    // At 1:1, the learned skill's node is filled with the learned colour somewhere, the
    // not-started ones are not.
    let image = at_1.unwrap();
    let [x0, y0, ..] = document.layout.bounds;
    let node = |id: &str| {
        let index = roadmap.skills.iter().position(|s| s.id == id).unwrap();
        let [x, y] = document.layout.node_positions[index];
        ((x - x0 + 40.0) as u32, (y - y0 + 40.0) as u32)
    };
    let green_in = |(left, top): (u32, u32)| {
        (0..220)
            .flat_map(|dx| (0..44).map(move |dy| (left + dx, top + dy)))
            .filter(|&(x, y)| {
                let [r, g, b, _] = image.get_pixel(x, y).0.map(i32::from);
                g > r + 30 && g > b + 10
            })
            .count()
    };
    assert!(green_in(node("git")) > 300, "the learned node is green");
    assert!(
        green_in(node("internet-basics")) < 50,
        "a not-started node is not"
    );
    // Text is drawn: the node has dark pixels where its title is.
    let (left, top) = node("git");
    let dark = (34..200)
        .flat_map(|dx| (4..24).map(move |dy| (left + dx, top + dy)))
        .filter(|&(x, y)| image.get_pixel(x, y).0[0] < 90)
        .count();
    assert!(dark > 40, "the title is written ({dark} dark pixels)");
}

#[test]
fn an_absurd_png_scale_is_refused_with_a_message() {
    let (roadmap, progress) = bundled_with_progress();
    let error = ExportFormat::Png
        .render(&roadmap, &progress, 100.0)
        .unwrap_err();
    assert!(error.contains("too large"), "{error}");
    assert!(ExportFormat::Png.render(&roadmap, &progress, 0.0).is_err());
}

/// Issue 32, item 11: the picture has the stage bands the canvas and the SVG draw.
#[test]
fn the_png_draws_the_stage_bands() {
    let (roadmap, progress) = bundled_with_progress();
    let document = waymark::session::Document::from_parts(roadmap.clone(), progress.clone());
    let bytes = ExportFormat::Png.render(&roadmap, &progress, 1.0).unwrap();
    let image = image::load_from_memory(&bytes).unwrap().to_rgba8();
    let [x0, y0, ..] = document.layout.bounds;
    let band = &document.layout.stage_bands[0];
    // Inside the first band, a little below its top-left corner, where no skill is.
    let inside = image.get_pixel(
        (band.x_min - x0 + 40.0 + 8.0) as u32,
        (band.y_max - y0 + 40.0 - 8.0) as u32,
    );
    let outside = image.get_pixel(5, 5);
    assert_eq!(outside.0, [255, 255, 255, 255], "the margin is white");
    assert!(
        inside.0[0] < 250,
        "the band is shaded, not white: {:?}",
        inside.0
    );
}

/// left, top, right, bottom
type Bounds = (f64, f64, f64, f64);

/// Issue 32, item 11: cards as tall as their text, as far apart as nodes, inside their
/// stage and their pick-one group.
#[test]
fn json_canvas_cards_overlap_none_and_stay_inside_their_stage_and_group() {
    let (roadmap, progress) = bundled_with_progress();
    let canvas: serde_json::Value =
        serde_json::from_str(&to_json_canvas(&roadmap, &progress)).unwrap();
    let rect = |node: &serde_json::Value| {
        let number = |key: &str| node[key].as_f64().unwrap();
        (
            number("x"),
            number("y"),
            number("x") + number("width"),
            number("y") + number("height"),
        )
    };
    let nodes = canvas["nodes"].as_array().unwrap();
    let cards: Vec<(&str, Bounds)> = nodes
        .iter()
        .filter(|node| node["type"] == "text")
        .map(|node| (node["id"].as_str().unwrap(), rect(node)))
        .collect();
    let overlapping: Vec<(&str, &str)> = cards
        .iter()
        .enumerate()
        .flat_map(|(i, (a, ra))| {
            cards[i + 1..].iter().filter_map(move |(b, rb)| {
                (ra.0 < rb.2 && rb.0 < ra.2 && ra.1 < rb.3 && rb.1 < ra.3).then_some((*a, *b))
            })
        })
        .collect();
    assert!(overlapping.is_empty(), "overlapping cards: {overlapping:?}");
    let inside = |inner: Bounds, outer: Bounds| {
        inner.0 >= outer.0 - 0.5
            && inner.1 >= outer.1 - 0.5
            && inner.2 <= outer.2 + 0.5
            && inner.3 <= outer.3 + 0.5
    };
    let group_rect = |id: &str| {
        nodes
            .iter()
            .find(|node| node["id"] == id)
            .map(&rect)
            .unwrap()
    };
    for skill in &roadmap.skills {
        let card = cards.iter().find(|(id, _)| *id == skill.id).unwrap().1;
        let stage = group_rect(&format!("stage:{}", skill.stage));
        assert!(inside(card, stage), "{} sticks out of its stage", skill.id);
        if let Some(group) = roadmap.group_of(&skill.id) {
            assert!(
                inside(card, group_rect(&group.id)),
                "{} sticks out of {}",
                skill.id,
                group.id
            );
        }
    }
}

/// Issue 32, item 11: a note of several lines keeps them.
#[test]
fn markdown_keeps_each_line_of_a_note() {
    let (roadmap, mut progress) = bundled_with_progress();
    progress.set_notes(
        "sql",
        "Joins\nIndexes and plans\n\nNext: window functions",
        Timestamp::now(),
    );
    let markdown = to_markdown(&roadmap, &progress);
    assert!(
        markdown.contains("  > Joins\\\n  > Indexes and plans\n  > \n  > Next: window functions\n"),
        "{markdown}"
    );
}

/// Issue 32, item 10: the SVG squeezes a long title rather than cut it early, and never
/// loses the hours for the area.
#[test]
fn svg_nodes_keep_long_titles_and_the_hours() {
    let (mut roadmap, progress) = bundled_with_progress();
    let skill = roadmap.skills.iter_mut().find(|s| s.id == "http").unwrap();
    skill.title = "Hypertext transfer protocol, methods".to_owned();
    skill.area = waymark::model::Area("Application programming interfaces".to_owned());
    skill.estimate_hours = Some(8);
    let svg = to_svg(&roadmap, &progress);
    let node = svg
        .lines()
        .find(|line| line.contains("id=\"skill-http\""))
        .unwrap();
    assert!(
        node.contains(">Hypertext transfer protocol, methods</text>"),
        "{node}"
    );
    assert!(node.contains("textLength="), "{node}");
    assert!(node.contains(" · 8 h</text>"), "{node}");
}
