//! What [`super::Session::apply`] asks the app to do: things a session without a window
//! cannot do itself (show a file dialog, move the view, close the window) or that belong
//! to a layer above it (making an export file).

use std::path::PathBuf;

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
    /// `Action::ShowNotice` or `Action::ReportError`.
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
    /// A team member's promotion packet for their target role, as Markdown.
    PromotionPacket { member: usize, path: PathBuf },
    /// The team matrix as CSV.
    MatrixCsv(PathBuf),
}

/// A change of view asked for by a command; applied when the canvas knows its size.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewRequest {
    /// The whole roadmap.
    Fit,
    /// The first stage at 1:1, where a new learner starts.
    Start,
    /// Centre a skill at a readable zoom.
    Focus(String),
    /// Bring a skill into view at the current zoom, moving only if it is not in view.
    Reveal(String),
    /// Show all these skills, zooming out if they need it (never in past 1:1).
    Show(Vec<String>),
}

/// The export formats, as named on the command line. The files are made by
/// [`crate::export`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Svg,
    Png,
    Markdown,
    JsonCanvas,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Markdown,
        ExportFormat::JsonCanvas,
    ];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "md" | "markdown" => Some(Self::Markdown),
            "canvas" | "json-canvas" => Some(Self::JsonCanvas),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Markdown => "md",
            Self::JsonCanvas => "canvas",
        }
    }

    /// What the format is, for file dialogs and menus.
    pub fn description(self) -> &'static str {
        match self {
            Self::Svg => "SVG image",
            Self::Png => "PNG image",
            Self::Markdown => "Markdown checklist",
            Self::JsonCanvas => "JSON Canvas (Obsidian)",
        }
    }
}
