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

/// The report for this frame: the selection, errors shown, the notes field (with the
/// length of the note, which tells a test when its typing has arrived), whether the roadmap
/// has unsaved edits, whether a text field has had the keyboard a whole frame, the restore
/// button, and every skill whose centre is on the canvas.
pub fn report_text(
    session: &crate::session::Session,
    canvas: &super::CanvasState,
    notes: Option<(Rect, usize)>,
    typing: bool,
    restore_button: Option<Rect>,
) -> String {
    let mut report = String::new();
    if let Some(selected) = &session.selection.primary {
        let _ = writeln!(report, "selected\t{selected}");
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
    if let (Some(_), Some(rect)) = (&session.draft_offer, restore_button) {
        point_line(&mut report, "button", "restore", rect, "");
    }
    let visible = canvas.canvas_rect;
    for skill in &document.roadmap.skills {
        if let Some(rect) = canvas
            .skill_screen_rect(document, &skill.id)
            .filter(|rect| visible.contains(rect.center()))
        {
            let status = document.progress.status(&skill.id);
            point_line(&mut report, "skill", &skill.id, rect, status.label());
        }
    }
    report
}
