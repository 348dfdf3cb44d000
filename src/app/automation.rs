//! A plain-text report of what is on screen, for end-to-end tests that drive the real
//! window with xdotool: where each skill and the notes field are, what is selected, and any
//! error shown. Written only when `WAYMARK_AUTOMATION_REPORT` names a file, and only when
//! it changes.

use std::fmt::Write as _;
use std::path::PathBuf;

use egui::Rect;

/// Names the file the report goes to.
pub const REPORT_ENV: &str = "WAYMARK_AUTOMATION_REPORT";

#[derive(Debug, Default)]
pub struct AutomationReport {
    path: Option<PathBuf>,
    last_written: String,
}

impl AutomationReport {
    pub fn from_environment() -> Self {
        Self {
            path: std::env::var_os(REPORT_ENV)
                .filter(|path| !path.is_empty())
                .map(PathBuf::from),
            last_written: String::new(),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.path.is_some()
    }

    /// Writes the report if it differs from the last one. Lines are tab-separated:
    /// `skill ID X Y STATUS` (screen points of the centre), `notes X Y`, `selected ID`,
    /// `error TITLE`.
    pub fn update(&mut self, report: String) {
        let Some(path) = &self.path else { return };
        if report == self.last_written {
            return;
        }
        if let Err(error) = crate::files::write_atomically(path, report.as_bytes()) {
            log::warn!("could not write the automation report: {error}");
        }
        self.last_written = report;
    }
}

/// Formats one line for a widget's centre.
pub fn point_line(report: &mut String, kind: &str, name: &str, rect: Rect, extra: &str) {
    let center = rect.center();
    let _ = writeln!(
        report,
        "{kind}\t{name}\t{:.0}\t{:.0}\t{extra}",
        center.x, center.y
    );
}

/// Formats one line for an area: `KIND NAME LEFT TOP RIGHT BOTTOM` in screen points.
pub fn rect_line(report: &mut String, kind: &str, name: &str, rect: Rect) {
    let _ = writeln!(
        report,
        "{kind}\t{name}\t{:.0}\t{:.0}\t{:.0}\t{:.0}",
        rect.min.x, rect.min.y, rect.max.x, rect.max.y
    );
}

/// What the report needs of the canvas: where it is, how the scene is shown on it, and
/// what screen readers were last told.
pub struct CanvasFacts<'a> {
    pub canvas_rect: Rect,
    pub to_screen: egui::emath::TSTransform,
    pub announcement: Option<&'a str>,
}

/// The report for this frame: the selection, errors shown, the notes field (with the
/// length of the note, which tells a test when its typing has arrived), whether the roadmap
/// has unsaved edits, whether a text field has had the keyboard a whole frame, the restore
/// button, and every skill whose centre is in the window (`covered` for those under a
/// panel, off the canvas).
pub fn report_text(
    session: &crate::session::Session,
    canvas: CanvasFacts<'_>,
    notes: Option<(Rect, usize)>,
    typing: bool,
    restore_button: Option<Rect>,
    window: Rect,
) -> String {
    let mut report = String::new();
    if let Some(selected) = &session.selection.primary {
        let _ = writeln!(report, "selected\t{selected}");
    }
    let selected = session.selection.extra.len() + usize::from(session.selection.primary.is_some());
    if selected > 1 {
        let _ = writeln!(report, "selection\t{selected}");
    }
    if let Some(announcement) = canvas.announcement {
        let _ = writeln!(report, "announced\t{announcement}");
    }
    if let Some(notice) = &session.notice {
        let _ = writeln!(report, "notice\t{}", notice.text.replace('\n', " "));
    }
    for error in &session.errors {
        let _ = writeln!(
            report,
            "error\t{}\t{}",
            error.title,
            error.details.replace('\n', " | ")
        );
    }
    if let Some((rect, length)) = notes {
        point_line(&mut report, "notes", "notes", rect, &length.to_string());
    }
    let document = &session.document;
    let roadmap_state = if document.is_roadmap_modified() {
        "modified"
    } else {
        "saved"
    };
    let _ = writeln!(report, "roadmap\t{roadmap_state}");
    if typing {
        report.push_str("typing\n");
    }
    if session.unwritten_on_quit.is_some() {
        report.push_str("asking\tunwritten\n"); // quitting waits: changes could not be written
    }
    if let Some((member, skill_id)) = session.team.as_ref().and_then(|team| team.cell.as_ref()) {
        let _ = writeln!(report, "open\tcell\t{member}:{skill_id}");
    }
    if let (Some(_), Some(rect)) = (&session.draft_offer, restore_button) {
        point_line(&mut report, "button", "restore", rect, "");
    }
    // Skills a panel hides are listed too, so a test can follow every skill as the view
    // pans, and named once more as covered, so it does not click them.
    let visible = canvas.canvas_rect;
    let mut covered = String::new();
    for skill in &document.roadmap.skills {
        if let Some(rect) = (document.skill_index(&skill.id))
            .and_then(|index| document.layout.node_positions.get(index))
            .map(|position| canvas.to_screen * crate::session::scene_index::node_rect(*position))
            .filter(|rect| window.contains(rect.center()))
        {
            let status = document.progress.status(&skill.id);
            point_line(&mut report, "skill", &skill.id, rect, status.label());
            if !visible.contains(rect.center()) {
                let _ = writeln!(covered, "covered\t{}", skill.id);
            }
        }
    }
    report.push_str(&covered);
    // Each stage's band on screen, to tell which stage a point is in.
    let to_screen = canvas.to_screen;
    for band in &document.layout.stage_bands {
        let rect = Rect::from_min_max(
            egui::pos2(band.x_min, band.y_min),
            egui::pos2(band.x_max, band.y_max),
        );
        rect_line(&mut report, "band", &band.stage_id, to_screen * rect);
    }
    report
}

/// Where widgets deep in the window (a team matrix cell, a tab, a dialog) were drawn this
/// frame, for the report: they are marked where they are drawn, only while automation is
/// on.
#[derive(Clone, Default)]
struct Marks {
    enabled: bool,
    lines: Vec<(String, String, Rect)>,
}

fn marks_id() -> egui::Id {
    egui::Id::unique("waymark-automation-marks")
}

/// Starts a frame's marks (none kept when automation is off).
pub fn begin_frame(ctx: &egui::Context, enabled: bool) {
    ctx.data_mut(|data| {
        data.insert_temp(
            marks_id(),
            Marks {
                enabled,
                lines: Vec::new(),
            },
        )
    });
}

/// Marks a widget's place for the report as `KIND NAME LEFT TOP RIGHT BOTTOM`. The name
/// is written out only while automation is on: a frame marks every matrix cell in view.
pub fn mark(ctx: &egui::Context, kind: &str, name: impl std::fmt::Display, rect: Rect) {
    ctx.data_mut(|data| {
        let marks = data.get_temp_mut_or_default::<Marks>(marks_id());
        if marks.enabled {
            marks.lines.push((kind.to_owned(), name.to_string(), rect));
        }
    });
}

/// This frame's marks, as report lines, and whether any popup (a menu, a context menu, a
/// drop-down) is open, and which widget has the keyboard.
pub fn marked_lines(ctx: &egui::Context, report: &mut String) {
    if egui::Popup::is_any_open(ctx) {
        report.push_str("popup\topen\n");
    }
    if ctx.text_edit_focused() {
        report.push_str("focus\ttext\n");
    }
    let marks = ctx.data(|data| data.get_temp::<Marks>(marks_id()).unwrap_or_default());
    for (kind, name, rect) in &marks.lines {
        rect_line(report, kind, name, *rect);
    }
}
