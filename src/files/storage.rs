//! Where Waymark keeps a person's own data: autosaved progress per roadmap and the app's
//! state (which roadmap was open, the view). Shared roadmap files never hold any of this.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::{self, LoadError, SaveError};

/// Overrides the data directory; tests and portable installs use it.
pub const DATA_DIR_ENV: &str = "WAYMARK_DATA_DIR";

/// The folder with a person's progress and app state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    pub root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// `$WAYMARK_DATA_DIR`, or the platform's data folder (`~/.local/share/waymark` on
    /// Linux).
    pub fn from_environment() -> Option<Self> {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|dir| !dir.is_empty()) {
            return Some(Self::new(dir));
        }
        dirs::data_dir().map(|dir| Self::new(dir.join("waymark")))
    }

    /// The autosaved progress for a roadmap id. Each id has a file of its own: letters,
    /// digits, `-` and `_` stand as they are, anything else (`.`, letters beyond ASCII) as
    /// `~` and its UTF-8 bytes in hex, so `team.a` and `team_a` never share a file. A file
    /// written by an earlier Waymark under the old name (where both were `team_a`) is still
    /// read when it holds this roadmap's progress.
    pub fn progress_path(&self, roadmap_id: &str) -> PathBuf {
        let folder = self.progress_folder();
        let path = folder.join(format!("{}.ron", progress_file_stem(roadmap_id)));
        if path.exists() || !roadmap_id.chars().any(|c| !is_plain_file_char(c)) {
            return path;
        }
        let old_stem: String = roadmap_id
            .chars()
            .map(|c| if is_plain_file_char(c) { c } else { '_' })
            .collect();
        let old_path = folder.join(format!("{old_stem}.ron"));
        let holds_this_roadmap = files::read_text(&old_path)
            .ok()
            .and_then(|text| files::parse_progress(&text).ok())
            .is_some_and(|progress| progress.roadmap_id == roadmap_id);
        if holds_this_roadmap { old_path } else { path }
    }

    /// Where the autosaved progress files are.
    pub fn progress_folder(&self) -> PathBuf {
        self.root.join("progress")
    }

    /// Where the person's copies of team plans (the example's) are.
    pub fn teams_folder(&self) -> PathBuf {
        self.root.join("teams")
    }

    /// Where unsaved roadmap edits are kept until saved or discarded.
    pub fn draft_path(&self) -> PathBuf {
        self.root.join("draft.ron")
    }

    /// The draft left by the last run, if any: edits not saved when Waymark last closed
    /// (or was killed).
    pub fn load_draft(&self) -> Option<Result<Draft, LoadError>> {
        let path = self.draft_path();
        if !path.exists() {
            return None;
        }
        Some(files::read_ron_file(&path))
    }

    pub fn save_draft(&self, draft: &Draft) -> Result<(), SaveError> {
        let path = self.draft_path();
        let text = files::to_ron(draft)?;
        files::write_atomically(&path, text.as_bytes())
            .map_err(|source| SaveError::Io { path, source })
    }

    pub fn remove_draft(&self) {
        let path = self.draft_path();
        if path.exists()
            && let Err(error) = std::fs::remove_file(&path)
        {
            log::warn!("could not remove the draft {}: {error}", path.display());
        }
    }

    pub fn state_path(&self) -> PathBuf {
        self.root.join("state.ron")
    }

    /// The saved app state; a missing file is a first start. A broken one is an error the
    /// app reports (it then starts with defaults and does not overwrite the broken file
    /// until the person changes something).
    pub fn load_state(&self) -> Result<AppState, LoadError> {
        let path = self.state_path();
        if !path.exists() {
            return Ok(AppState::default());
        }
        files::read_ron_file(&path)
    }

    pub fn save_state(&self, state: &AppState) -> Result<(), SaveError> {
        let path = self.state_path();
        let text = files::to_ron(state)?;
        files::write_atomically(&path, text.as_bytes())
            .map_err(|source| SaveError::Io { path, source })
    }
}

/// Roadmap edits not saved yet, written with every autosave so that a crash loses none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Where the roadmap came from, so a restore puts the edits back on the right one.
    pub source: RoadmapSource,
    pub saved_at: crate::model::Timestamp,
    pub roadmap: crate::model::Roadmap,
}

fn is_plain_file_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// A roadmap id as a file name that no other id has (see [`DataDir::progress_path`]).
fn progress_file_stem(roadmap_id: &str) -> String {
    let mut stem = String::with_capacity(roadmap_id.len());
    for c in roadmap_id.chars() {
        if is_plain_file_char(c) {
            stem.push(c);
        } else {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                stem.push_str(&format!("~{byte:02X}"));
            }
        }
    }
    stem
}

/// Which roadmap is open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoadmapSource {
    /// One built into the app, by name.
    Bundled(String),
    /// A file the person opened.
    File(PathBuf),
    /// A roadmap started with "New roadmap" and not saved yet.
    New,
}

impl Default for RoadmapSource {
    fn default() -> Self {
        RoadmapSource::Bundled(crate::files::bundled::BACKEND_DEVELOPER.name.to_owned())
    }
}

impl RoadmapSource {
    /// Loads the roadmap from where it is.
    pub fn load(&self) -> Result<crate::model::Roadmap, LoadError> {
        let invalid = |path: PathBuf, message: String| LoadError::Invalid {
            path,
            problems: vec![files::Problem::error(files::Location::START, message)],
        };
        match self {
            RoadmapSource::File(path) => files::load_roadmap(path),
            RoadmapSource::New => Err(invalid(
                PathBuf::from("untitled"),
                "the new roadmap was never saved".to_owned(),
            )),
            RoadmapSource::Bundled(name) => {
                let bundled =
                    crate::files::bundled::BundledRoadmap::find(name).ok_or_else(|| {
                        invalid(
                            PathBuf::from(name),
                            format!("there is no bundled roadmap called `{name}`"),
                        )
                    })?;
                bundled.load().map_err(|problems| LoadError::Invalid {
                    path: PathBuf::from(format!("{}.ron (bundled)", bundled.name)),
                    problems,
                })
            }
        }
    }

    /// Where a team plan's roadmap is: the file the plan names (relative to the plan), if
    /// it is there, else a bundled roadmap with the plan's roadmap id. (A copy of the
    /// example plan elsewhere does not have the bundled roadmap's file beside it.)
    pub fn of_team_plan(team_path: &Path, file: &crate::model::TeamFile) -> Option<Self> {
        let named = files::team_roadmap_path(team_path, file).filter(|named| named.exists());
        match named {
            Some(path) => Some(RoadmapSource::File(path)),
            None => crate::files::bundled::BundledRoadmap::with_id(&file.roadmap.id)
                .map(|(bundled, _)| RoadmapSource::Bundled(bundled.name.to_owned())),
        }
    }

    pub fn file_path(&self) -> Option<&Path> {
        match self {
            RoadmapSource::File(path) => Some(path),
            RoadmapSource::Bundled(_) | RoadmapSource::New => None,
        }
    }
}

/// What the canvas showed for one roadmap: the visible rectangle in scene coordinates
/// (`[x_min, y_min, x_max, y_max]`) and the selected skill.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewState {
    pub scene_rect: Option<[f32; 4]>,
    pub selected_skill: Option<String>,
    /// The role the person is aiming for on this roadmap.
    pub target: TargetSettings,
}

/// A target role (a milestone), the hours a week the person can learn, and the date they
/// want to get there by (`YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetSettings {
    pub milestone: Option<String>,
    pub weekly_hours: f32,
    pub target_date: Option<String>,
}

impl Default for TargetSettings {
    fn default() -> Self {
        Self {
            milestone: None,
            weekly_hours: 5.0,
            target_date: None,
        }
    }
}

/// The app's own state between runs. Everything defaults, so older or partial state files
/// still load.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppState {
    pub roadmap: RoadmapSource,
    /// A progress file the person chose for a roadmap id, instead of the autosaved one.
    pub progress_files: BTreeMap<String, PathBuf>,
    pub views: BTreeMap<String, ViewState>,
    /// `None`: follow the system.
    pub dark_mode: Option<bool>,
    /// The size of everything in the window (egui's zoom factor); `None` is 1.
    pub ui_scale: Option<f32>,
    /// The team plan open last time, reopened at start.
    pub team_plan: Option<PathBuf>,
    /// Files opened lately (roadmaps, progress, team plans), newest first.
    pub recent_files: Vec<PathBuf>,
    /// Whether a plain mouse wheel zooms the canvas; by default it pans, as in most
    /// diagram tools, and Ctrl with the wheel zooms.
    pub wheel_zooms: bool,
}

/// How many files File > Open recent lists.
pub const RECENT_FILES: usize = 10;

impl AppState {
    /// Puts a file first in the recent list, once, keeping the newest ten.
    pub fn remember_recent(&mut self, path: &Path) {
        self.recent_files.retain(|recent| recent != path);
        self.recent_files.insert(0, path.to_owned());
        self.recent_files.truncate(RECENT_FILES);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_paths_are_safe_file_names() {
        let data = DataDir::new("/data");
        assert_eq!(
            data.progress_path("backend-developer"),
            Path::new("/data/progress/backend-developer.ron")
        );
        // Safe, and no two ids share a name.
        assert_eq!(
            data.progress_path("../etc/passwd"),
            Path::new("/data/progress/~2E~2E~2Fetc~2Fpasswd.ron")
        );
        assert_ne!(data.progress_path("team.a"), data.progress_path("team_a"));
        assert_eq!(
            data.progress_path("café"),
            Path::new("/data/progress/caf~C3~A9.ron")
        );
    }

    #[test]
    fn state_round_trips_through_the_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        assert_eq!(data.load_state().unwrap(), AppState::default());
        let mut state = AppState::default();
        state.views.insert(
            "r".into(),
            ViewState {
                scene_rect: Some([0.0, 1.0, 2.0, 3.0]),
                selected_skill: Some("git".into()),
                target: TargetSettings {
                    milestone: Some("senior-dev".into()),
                    weekly_hours: 6.5,
                    target_date: Some("2027-06-30".into()),
                },
            },
        );
        data.save_state(&state).unwrap();
        assert_eq!(data.load_state().unwrap(), state);
    }
}
