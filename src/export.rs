//! A roadmap with someone's progress, in formats other programs open: SVG (browsers,
//! Inkscape), PNG (drawn as the canvas draws it), Markdown (a checklist for a 1:1 or a README) and JSON Canvas (`.canvas`,
//! the open format Obsidian reads). Pure functions from the model to text.

use std::fmt::Write as _;

use egui::Color32;

use crate::model::{Progress, ProgressSummary, Roadmap, SkillKind, Status};
use crate::paint::palette as theme;
use crate::session::layout::{Layout, NODE_HEIGHT, NODE_WIDTH};
use crate::session::scene_index::{Piece, SceneIndex, pieces};

pub use crate::session::ExportFormat;

impl ExportFormat {
    /// The file's bytes for a document open in the app (its layout is reused).
    pub fn render_document(
        self,
        document: &crate::session::Document,
        scale: f32,
    ) -> Result<Vec<u8>, String> {
        match self {
            Self::Png => crate::paint::png::render(document, scale)?.to_png(),
            _ => self.render(&document.roadmap, &document.progress, scale),
        }
    }

    /// The file's bytes. `scale` is pixels per canvas unit, for PNG only.
    pub fn render(
        self,
        roadmap: &Roadmap,
        progress: &Progress,
        scale: f32,
    ) -> Result<Vec<u8>, String> {
        Ok(match self {
            Self::Svg => to_svg(roadmap, progress).into_bytes(),
            Self::Png => {
                let document =
                    crate::session::Document::from_parts(roadmap.clone(), progress.clone());
                return self.render_document(&document, scale);
            }
            Self::Markdown => to_markdown(roadmap, progress).into_bytes(),
            Self::JsonCanvas => to_json_canvas(roadmap, progress).into_bytes(),
        })
    }
}

/// A colour as `#rrggbb`.
fn hex(color: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", color.r(), color.g(), color.b())
}

/// The app's light-theme status colours (colour-blind-safe), so exports look like it.
fn status_color(status: Status) -> String {
    hex(theme::status_color(status, false))
}

fn status_fill(status: Status) -> String {
    hex(theme::node_fill(status, false))
}

/// A checklist per stage: every skill with its status, effort, notes and links.
pub fn to_markdown(roadmap: &Roadmap, progress: &Progress) -> String {
    let summary = ProgressSummary::compute(roadmap, progress);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", markdown_text(&roadmap.title));
    if !roadmap.description.trim().is_empty() {
        for line in roadmap.description.trim().lines() {
            let _ = writeln!(out, "{}", markdown_line(line.trim_end()));
        }
        out.push('\n');
    }
    if !progress.person.trim().is_empty() {
        let _ = writeln!(out, "Progress of {}.", markdown_text(&progress.person));
    }
    let _ = writeln!(
        out,
        "{} of {} learned, {} in progress.\n",
        summary.overall.learned, summary.overall.total, summary.overall.learning
    );
    for stage in &roadmap.stages {
        let counts = summary
            .stage(&stage.id)
            .map(|p| format!(" ({} of {} learned)", p.learned, p.total))
            .unwrap_or_default();
        let _ = writeln!(out, "## {}{counts}\n", markdown_text(&stage.title));
        for skill in roadmap.skills.iter().filter(|s| s.stage == stage.id) {
            let status = progress.status(&skill.id);
            let mut facts = Vec::new();
            match skill.kind {
                SkillKind::Milestone => {
                    facts.push(if summary.is_met(progress, &skill.id) {
                        "milestone, reached".to_owned()
                    } else {
                        "milestone, not reached yet".to_owned()
                    });
                }
                SkillKind::Skill => facts.push(status.label().to_lowercase()),
            }
            if !skill.area.0.is_empty() {
                facts.push(markdown_text(skill.area.label()));
            }
            if let Some(hours) = skill.estimate_hours {
                facts.push(format!("{hours} h"));
            }
            if skill.optional {
                facts.push("optional".to_owned());
            }
            if let Some(group) = roadmap.group_of(&skill.id) {
                facts.push(format!("one of: {}", markdown_text(&group.title)));
            }
            let done = status == Status::Learned
                || skill.kind == SkillKind::Milestone && summary.is_met(progress, &skill.id);
            let _ = writeln!(
                out,
                "- [{}] **{}** — {}",
                if done { "x" } else { " " },
                markdown_text(&skill.title),
                facts.join(" · ")
            );
            let notes = progress.shared_notes(&skill.id).trim();
            if !notes.is_empty() {
                // Each line of the note stays a line: a backslash ends it with a hard
                // break, where Markdown would join the lines of a quote into one.
                let lines: Vec<&str> = notes.lines().map(str::trim_end).collect();
                for (index, line) in lines.iter().enumerate() {
                    let next_is_text = lines.get(index + 1).is_some_and(|next| !next.is_empty());
                    let hard_break = if !line.is_empty() && next_is_text {
                        "\\"
                    } else {
                        ""
                    };
                    let _ = writeln!(out, "  > {}{hard_break}", markdown_line(line));
                }
            }
            for resource in &skill.resources {
                let _ = writeln!(
                    out,
                    "  - [{}](<{}>)",
                    markdown_text(&resource.title),
                    markdown_url(&resource.url)
                );
            }
        }
        out.push('\n');
    }
    out
}

/// Keeps text from turning into Markdown syntax.
pub(crate) fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

/// A line of free text (a description, a note) that stays text: inline syntax escaped,
/// and nothing at its start that would make it a heading, a list item (a forged
/// checklist line), a quote or a rule.
fn markdown_line(line: &str) -> String {
    let text = markdown_text(line);
    let trimmed = text.trim_start();
    let indent = &text[..text.len() - trimmed.len()];
    let numbered = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .filter(|&end| end > 0)
        .is_some_and(|end| trimmed[end..].starts_with(['.', ')']));
    if trimmed.starts_with(['-', '+', '=', '~']) || numbered {
        format!("{indent}\\{trimmed}")
    } else {
        text
    }
}

/// A link target inside `<…>`: characters that would end it or break the line are
/// percent-encoded (links are checked when read, this holds for any input).
fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if matches!(c, '<' | '>' | '\\' | '"' | '`') || c.is_whitespace() || c.is_control() {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Text for XML: markup characters as entities, and the characters XML 1.0 does not
/// allow at all (most controls, U+FFFE, U+FFFF) as U+FFFD, so the file stays well-formed.
fn xml_text(text: &str) -> String {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || !(c.is_control() && (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}')
    };
    let text: String = text
        .chars()
        .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
        .collect();
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// Shortens `text` to about `max` characters for a node of fixed width.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
        short.push('\u{2026}');
        short
    }
}

/// Characters of a node's title that fit its width at the SVG's font size, and how many more
/// still read when squeezed a little (`textLength`); beyond that it is cut.
const TITLE_CHARS: usize = 26;
const SQUEEZED_TITLE_CHARS: usize = 36;
/// Characters of a node's second line.
const DETAIL_CHARS: usize = 34;

/// A node's title for the SVG, and the squeeze that fits a long one into the node.
fn title_line(title: &str) -> (String, String) {
    let chars = title.chars().count();
    if chars <= TITLE_CHARS {
        return (title.to_owned(), String::new());
    }
    let width = NODE_WIDTH - 24.0;
    let squeeze = format!(r#" textLength="{width}" lengthAdjust="spacingAndGlyphs""#);
    (fit(title, SQUEEZED_TITLE_CHARS), squeeze)
}

/// A node's second line: status, area and hours, the area shortened (or left out) before
/// the hours are: they are what a plan is read for.
fn detail_line(state: &str, area: Option<&str>, hours: Option<u32>, max: usize) -> String {
    let hours = hours.map(|hours| format!("{hours} h"));
    let joint = " \u{b7} ";
    let fixed: Vec<&str> = std::iter::once(state).chain(hours.as_deref()).collect();
    let fixed_chars: usize =
        fixed.iter().map(|part| part.chars().count()).sum::<usize>() + (fixed.len() - 1) * 3;
    let room = max.saturating_sub(fixed_chars + 3);
    let area = area
        .filter(|area| !area.is_empty() && room >= 4)
        .map(|area| fit(area, room));
    let mut parts = vec![state.to_owned()];
    parts.extend(area);
    parts.extend(hours);
    parts.join(joint)
}

/// The whole roadmap as a vector image, laid out as in the app, with statuses.
pub fn to_svg(roadmap: &Roadmap, progress: &Progress) -> String {
    let layout = Layout::compute(roadmap);
    let scene = SceneIndex::build(roadmap, &layout);
    let summary = ProgressSummary::compute(roadmap, progress);
    let margin = 40.0;
    let [x0, y0, x1, y1] = layout.bounds;
    let (left, top) = (x0 - margin, y0 - margin);
    let (width, height) = (x1 - x0 + 2.0 * margin, y1 - y0 + 2.0 * margin);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left} {top} {width} {height}" width="{width}" height="{height}" font-family="sans-serif">
<title>{}</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8c8c8c"/></marker></defs>
<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="#ffffff"/>"##,
        xml_text(&roadmap.title)
    );
    for (index, band) in layout.stage_bands.iter().enumerate() {
        let title = roadmap
            .stage(&band.stage_id)
            .map_or(band.stage_id.as_str(), |s| s.title.as_str());
        let counts = summary
            .stage(&band.stage_id)
            .map(|p| format!("{} of {} learned", p.learned, p.total))
            .unwrap_or_default();
        let fill = if index % 2 == 0 { "#f4f4f4" } else { "#ebebeb" };
        let _ = writeln!(
            out,
            r##"<g class="stage"><rect x="{}" y="{}" width="{}" height="{}" rx="12" fill="{fill}"/><text x="{}" y="{}" font-size="22" font-weight="bold" fill="#222">{}</text><text x="{}" y="{}" font-size="13" fill="#666">{}</text></g>"##,
            band.x_min,
            band.y_min,
            band.x_max - band.x_min,
            band.y_max - band.y_min,
            band.x_min + 20.0,
            band.y_min + 36.0,
            xml_text(title),
            band.x_min + 20.0,
            band.y_min + 58.0,
            xml_text(&counts)
        );
    }
    for (index, group) in roadmap.pick_one_groups.iter().enumerate() {
        if let Some(Some(rect)) = scene.group_rects.get(index) {
            let _ = writeln!(
                out,
                r##"<g class="group"><rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#999" stroke-dasharray="6 4"/><text x="{}" y="{}" font-size="12.5" fill="#444">{}</text></g>"##,
                rect.min.x,
                rect.min.y,
                rect.width(),
                rect.height(),
                rect.min.x + 8.0,
                rect.min.y + 17.0,
                xml_text(&group.title)
            );
        }
    }
    // Each arrow along the path the canvas draws: level lines and S-curves.
    for edge in &scene.edges {
        let path = scene.path(edge);
        let Some(start) = path.first() else {
            continue;
        };
        let mut d = format!("M{},{}", start.x, start.y);
        for piece in pieces(path) {
            match piece {
                Piece::Line(_, b) => {
                    let _ = write!(d, " L{},{}", b.x, b.y);
                }
                Piece::Curve([_, c1, c2, b]) => {
                    let _ = write!(d, " C{},{} {},{} {},{}", c1.x, c1.y, c2.x, c2.y, b.x, b.y);
                }
            }
        }
        let _ = writeln!(
            out,
            r##"<path class="edge" d="{d}" fill="none" stroke="#8c8c8c" stroke-width="1.2" marker-end="url(#arrow)"/>"##
        );
    }
    for (skill, position) in roadmap.skills.iter().zip(&layout.node_positions) {
        let status = progress.status(&skill.id);
        let [x, y] = *position;
        let milestone = skill.kind == SkillKind::Milestone;
        let reached = milestone && summary.is_met(progress, &skill.id);
        let (fill, stroke, rx, state) = if milestone {
            (
                hex(theme::milestone_fill(reached, false)),
                hex(theme::MILESTONE),
                22,
                if reached { "reached" } else { "not reached" },
            )
        } else {
            (status_fill(status), status_color(status), 6, status.label())
        };
        let area = (!milestone).then(|| skill.area.label());
        let detail = detail_line(state, area, skill.estimate_hours, DETAIL_CHARS);
        let (title, squeeze) = title_line(&skill.title);
        let dash = if skill.optional {
            r#" stroke-dasharray="5 3""#
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r##"<g class="skill" id="skill-{}"><title>{}, {}</title><rect x="{x}" y="{y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="{}"{dash}/><text x="{}" y="{}" font-size="14" fill="#111"{squeeze}>{}</text><text x="{}" y="{}" font-size="11.5" fill="#555">{}</text></g>"##,
            xml_text(&skill.id),
            xml_text(&skill.title),
            xml_text(state),
            if milestone { 2.0 } else { 1.5 },
            x + 12.0,
            y + 19.0,
            xml_text(&title),
            x + 12.0,
            y + 36.0,
            xml_text(&detail)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// How much taller a JSON Canvas card is than a node, and the layout with it.
const CARD_STRETCH: f32 = 2.0;

/// JSON Canvas 1.0: a text node per skill at its place, a group node per stage and per
/// pick-one group, an edge per prerequisite, status as colour and in the text.
pub fn to_json_canvas(roadmap: &Roadmap, progress: &Progress) -> String {
    let mut layout = Layout::compute(roadmap);
    let mut scene = SceneIndex::build(roadmap, &layout);
    // A card holds two lines and the notes, twice a node's height: the layout is
    // stretched as tall, so cards keep the gaps nodes have and stay inside their stage and
    // their group.
    for band in &mut layout.stage_bands {
        band.y_min *= CARD_STRETCH;
        band.y_max *= CARD_STRETCH;
    }
    for position in &mut layout.node_positions {
        position[1] *= CARD_STRETCH;
    }
    for rect in scene.group_rects.iter_mut().flatten() {
        *rect = emath::Rect::from_min_max(
            emath::pos2(rect.min.x, rect.min.y * CARD_STRETCH),
            emath::pos2(rect.max.x, rect.max.y * CARD_STRETCH),
        );
    }
    let summary = ProgressSummary::compute(roadmap, progress);
    let mut nodes = Vec::new();
    for band in &layout.stage_bands {
        let title = roadmap
            .stage(&band.stage_id)
            .map_or(band.stage_id.as_str(), |s| s.title.as_str());
        nodes.push(format!(
            r#"{{"id":{},"type":"group","x":{},"y":{},"width":{},"height":{},"label":{}}}"#,
            json_string(&format!("stage:{}", band.stage_id)),
            band.x_min.round(),
            band.y_min.round(),
            (band.x_max - band.x_min).round(),
            (band.y_max - band.y_min).round(),
            json_string(title)
        ));
    }
    for (index, group) in roadmap.pick_one_groups.iter().enumerate() {
        if let Some(Some(rect)) = scene.group_rects.get(index) {
            nodes.push(format!(
                r#"{{"id":{},"type":"group","x":{},"y":{},"width":{},"height":{},"label":{}}}"#,
                json_string(&group.id),
                rect.min.x.round(),
                rect.min.y.round(),
                rect.width().round(),
                rect.height().round(),
                json_string(&group.title)
            ));
        }
    }
    for (skill, position) in roadmap.skills.iter().zip(&layout.node_positions) {
        let status = progress.status(&skill.id);
        let milestone = skill.kind == SkillKind::Milestone;
        let (color, state) = if milestone {
            let reached = summary.is_met(progress, &skill.id);
            (
                hex(theme::MILESTONE),
                if reached {
                    "milestone, reached"
                } else {
                    "milestone"
                },
            )
        } else {
            (status_color(status), status.label())
        };
        let mut text = format!("**{}**\n{state}", skill.title);
        if let Some(hours) = skill.estimate_hours {
            let _ = write!(text, " \u{b7} {hours} h");
        }
        let notes = progress.shared_notes(&skill.id).trim();
        if !notes.is_empty() {
            let _ = write!(text, "\n\n{notes}");
        }
        nodes.push(format!(
            r#"{{"id":{},"type":"text","x":{},"y":{},"width":{},"height":{},"color":{},"text":{}}}"#,
            json_string(&skill.id),
            position[0].round(),
            position[1].round(),
            NODE_WIDTH,
            NODE_HEIGHT * CARD_STRETCH,
            json_string(&color),
            json_string(&text)
        ));
    }
    let edges: Vec<String> = roadmap
        .skills
        .iter()
        .flat_map(|skill| {
            skill.requires.iter().map(move |required| {
                format!(
                    r#"{{"id":{},"fromNode":{},"fromSide":"right","toNode":{},"toSide":"left","toEnd":"arrow"}}"#,
                    json_string(&format!("{required}->{}", skill.id)),
                    json_string(required),
                    json_string(&skill.id)
                )
            })
        })
        .collect();
    format!(
        "{{\n\"nodes\":[\n{}\n],\n\"edges\":[\n{}\n]\n}}\n",
        nodes.join(",\n"),
        edges.join(",\n")
    )
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
