//! What [`super::Session::apply`] asks the app to do: things a session without a window
//! cannot do itself (show a file dialog, move the view, close the window) or that belong
//! to a layer above it (making an export file).

use std::path::PathBuf;

use super::action::{ExportFormat, ViewRequest};

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Ask the person for a path; the app applies the action that follows with it.
    AskPath(PathRequest),
    /// Move the canvas.
    View(ViewRequest),
    /// Another document is open: the canvas starts again, at this part of the scene
    /// (`[x_min, y_min, x_max, y_max]`) if one was remembered, else where a learner starts.
    ResetView(Option<[f32; 4]>),
    /// A skill was just added: its title field takes the keyboard.
    EditTitle,
    /// The notes and skill editors let go of what they hold (the document was replaced).
    ResetEditors,
    /// Make an export file and write it, then report with
    /// [`super::Action::ShowNotice`] or [`super::Action::ReportError`].
    Export(ExportJob),
    /// Close the window: everything is written.
    Close,
    /// Keep the window open: the person is asked first.
    CancelClose,
    /// Come back after this many seconds (an autosave or a notice is waiting).
    RepaintAfter(f64),
}

/// What a path is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathRequest {
    /// Where to save the roadmap (a bundled one is never changed in place).
    SaveRoadmapAs,
}

/// An export file to make.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportJob {
    /// The roadmap with the person's progress.
    Roadmap { format: ExportFormat, path: PathBuf },
    /// A team member's plan as Markdown.
    MemberPlan { member: usize, path: PathBuf },
    /// The team matrix as CSV.
    MatrixCsv(PathBuf),
}
