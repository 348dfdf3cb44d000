//! A team plan open beside the roadmap: its members, the window with the matrix and
//! insights, and what the graph shows (your progress, one member's, or team coverage).

mod insights;
mod matrix;
mod members;
mod window;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use matrix::member_skill_ui;
pub use window::{TeamDialog, coverage_legend, team_window};

use super::{Action, ErrorReport, WaymarkApp, absolute, report};
use crate::files;
use crate::model::{
    MatrixFilter, Member, ProgressSummary, RoadmapRef, Status, Team, TeamEdit, Timestamp, coverage,
    matrix_rows,
};
use crate::storage::RoadmapSource;

/// What the graph's colours show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GraphLens {
    /// Your own progress.
    #[default]
    Own,
    /// One team member's progress, by index.
    Member(usize),
    /// How many members learned each skill.
    Coverage,
}

/// What the team window is showing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TeamTab {
    #[default]
    Members,
    Matrix,
    Insights,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TeamAction {
    /// Start a team plan on the open roadmap, saved at this path.
    New(PathBuf),
    Open(PathBuf),
    OpenExample,
    SaveAs(PathBuf),
    Close,
    Show(bool),
    Edit {
        edit: TeamEdit,
        gesture: Option<String>,
    },
    /// Add the person whose progress file this is, linked to the file.
    AddMemberFromFile(PathBuf),
    /// Ask before removing a member.
    AskRemoveMember(usize),
    CancelRemoveMember,
    SetLens(GraphLens),
    ExportMemberPlan {
        member: usize,
        path: PathBuf,
    },
    ExportMatrixCsv(PathBuf),
}

/// The open team plan and the state of its window.
pub struct TeamSession {
    pub team: Team,
    /// Where it is saved; every change autosaves there.
    pub path: Option<PathBuf>,
    pub window_open: bool,
    pub tab: TeamTab,
    pub selected_member: Option<usize>,
    pub lens: GraphLens,
    pub filter: MatrixFilter,
    /// The matrix cell last clicked: member and skill.
    pub cell: Option<(usize, String)>,
    pub confirm_remove: Option<usize>,
    /// Unsaved changes since the last write.
    pub modified: bool,
    /// Counts changes, so cached views know when to recompute.
    pub revision: u64,
    /// The target date being typed per member, until it parses.
    pub date_drafts: std::collections::HashMap<String, String>,
    cache: LensCache,
    /// The matrix's coverage and rows for the current filter.
    pub(super) matrix: MatrixCache,
}

#[derive(Default)]
pub(super) struct MatrixCache {
    key: Option<(u64, u64, MatrixFilter)>,
    pub coverage: Vec<usize>,
    pub rows: Vec<usize>,
}

/// What the canvas needs for the current lens, recomputed only when the team, the roadmap
/// or the lens change.
#[derive(Default)]
struct LensCache {
    key: Option<(u64, u64, GraphLens)>,
    statuses: Vec<Status>,
    reached: BTreeSet<String>,
    coverage: Vec<usize>,
}

/// What the canvas draws for a lens other than your own progress.
pub enum CanvasLens<'a> {
    Member {
        statuses: &'a [Status],
        reached: &'a BTreeSet<String>,
    },
    Coverage {
        learned_by: &'a [usize],
        members: usize,
    },
}

impl TeamSession {
    fn new(team: Team, path: Option<PathBuf>) -> Self {
        Self {
            selected_member: (!team.members.is_empty()).then_some(0),
            team,
            path,
            window_open: true,
            tab: TeamTab::default(),
            lens: GraphLens::default(),
            filter: MatrixFilter::default(),
            cell: None,
            confirm_remove: None,
            modified: false,
            revision: 0,
            date_drafts: Default::default(),
            cache: LensCache::default(),
            matrix: MatrixCache::default(),
        }
    }

    /// The member whose progress the graph shows, if any.
    pub fn lens_member(&self) -> Option<usize> {
        match self.lens {
            GraphLens::Member(index) if index < self.team.members.len() => Some(index),
            _ => None,
        }
    }

    /// Brings the lens data up to date with the team and the roadmap.
    pub fn refresh_lens(&mut self, document: &super::Document) {
        let key = (self.revision, document.revision(), self.lens);
        if self.cache.key == Some(key) {
            return;
        }
        self.cache.key = Some(key);
        let roadmap = &document.roadmap;
        match self.lens {
            GraphLens::Own => {}
            GraphLens::Member(index) => {
                let progress = self.team.members.get(index).and_then(Member::progress);
                self.cache.statuses = roadmap
                    .skills
                    .iter()
                    .map(|skill| progress.map_or(Status::NotStarted, |p| p.status(&skill.id)))
                    .collect();
                self.cache.reached = progress
                    .map(|p| ProgressSummary::compute(roadmap, p).reached)
                    .unwrap_or_default();
            }
            GraphLens::Coverage => self.cache.coverage = coverage(roadmap, &self.team),
        }
    }

    /// Brings the matrix's coverage and rows up to date with the team, the roadmap and
    /// the filter.
    pub(super) fn refresh_matrix(&mut self, document: &super::Document) {
        let key = (self.revision, document.revision(), self.filter.clone());
        if self.matrix.key.as_ref() == Some(&key) {
            return;
        }
        let roadmap = &document.roadmap;
        self.matrix.coverage = coverage(roadmap, &self.team);
        self.matrix.rows = matrix_rows(roadmap, &self.team, &self.matrix.coverage, &self.filter);
        self.matrix.key = Some(key);
    }

    pub fn canvas_lens(&self) -> Option<CanvasLens<'_>> {
        match self.lens {
            GraphLens::Own => None,
            GraphLens::Member(_) => Some(CanvasLens::Member {
                statuses: &self.cache.statuses,
                reached: &self.cache.reached,
            }),
            GraphLens::Coverage => Some(CanvasLens::Coverage {
                learned_by: &self.cache.coverage,
                members: self.team.available().count(),
            }),
        }
    }

    /// Puts back the team as it was (undo, redo). Linked progress that changes is written
    /// back to its file with the next save.
    pub fn restore(&mut self, mut team: Team) {
        for (index, member) in team.members.iter_mut().enumerate() {
            let current = self.team.members.get(index);
            member.linked_changed = member.linked_path.is_some()
                && current.is_none_or(|c| c.linked_changed || c.progress != member.progress);
        }
        self.team = team;
        self.modified = true;
        self.revision += 1;
        let count = self.team.members.len();
        self.selected_member = self
            .selected_member
            .and_then(|index| count.checked_sub(1).map(|last| index.min(last)));
        if self.lens_member().is_none() && matches!(self.lens, GraphLens::Member(_)) {
            self.lens = GraphLens::Own;
        }
        self.cell = None;
        self.confirm_remove = None;
        self.date_drafts.clear();
    }

    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => format!("{} ({})", self.team.name, path.display()),
            None => format!("{} (not saved)", self.team.name),
        }
    }
}

impl WaymarkApp {
    pub(super) fn apply_team(&mut self, action: TeamAction, ctx: &egui::Context) {
        match action {
            TeamAction::New(path) => self.new_team(&absolute(&path), ctx),
            TeamAction::Open(path) => self.open_team(&absolute(&path), ctx),
            TeamAction::OpenExample => self.open_example_team(ctx),
            TeamAction::SaveAs(path) => self.save_team_as(&absolute(&path), ctx),
            TeamAction::Close => {
                self.save_team();
                self.team = None;
            }
            TeamAction::Show(show) => {
                if let Some(session) = &mut self.team {
                    session.window_open = show;
                }
            }
            TeamAction::Edit { edit, gesture } => self.change_team(edit, gesture, ctx),
            TeamAction::AddMemberFromFile(path) => self.add_member_from_file(&absolute(&path), ctx),
            TeamAction::AskRemoveMember(member) => {
                if let Some(session) = &mut self.team {
                    session.confirm_remove = Some(member);
                }
            }
            TeamAction::CancelRemoveMember => {
                if let Some(session) = &mut self.team {
                    session.confirm_remove = None;
                }
            }
            TeamAction::SetLens(lens) => {
                if let Some(session) = &mut self.team {
                    session.lens = lens;
                }
            }
            TeamAction::ExportMemberPlan { member, path } => {
                let Some(session) = &self.team else { return };
                let text = crate::team_export::member_plan_markdown(
                    &self.document.roadmap,
                    &session.team,
                    member,
                    Timestamp::now(),
                );
                if let Some(text) = text {
                    self.write_export(&path, text.as_bytes(), ctx);
                }
            }
            TeamAction::ExportMatrixCsv(path) => {
                let Some(session) = &self.team else { return };
                let text = crate::team_export::matrix_csv(&self.document.roadmap, &session.team);
                self.write_export(&path, text.as_bytes(), ctx);
            }
        }
    }

    /// The team window, the lens legend or banner, and the file dialogs they ask for.
    pub(super) fn team_ui(&mut self, ctx: &egui::Context) {
        // A team plan belongs to one roadmap: opening another one closes it.
        if self
            .team
            .as_ref()
            .is_some_and(|session| session.team.roadmap.id != self.document.roadmap.id)
        {
            self.save_team();
            if let Some(session) = self.team.take() {
                self.show_notice(
                    format!(
                        "Closed the team plan “{}”: it is for another roadmap",
                        session.team.name
                    ),
                    ctx,
                );
            }
        }
        let Some(session) = &mut self.team else {
            return;
        };
        let dialog = team_window(
            ctx,
            session,
            &self.document,
            self.selected.as_deref(),
            &mut self.actions,
        );
        let canvas = self.canvas.canvas_rect;
        match session.lens {
            GraphLens::Coverage => coverage_legend(ctx, canvas, session.team.available().count()),
            GraphLens::Member(index) => {
                if let Some(member) = session.team.members.get(index) {
                    let name = member.name.clone();
                    egui::Area::new(egui::Id::unique("lens-banner"))
                        .order(egui::Order::Foreground)
                        .fixed_pos(canvas.left_bottom() + egui::vec2(10.0, -10.0))
                        .pivot(egui::Align2::LEFT_BOTTOM)
                        .show(ctx, |ui| {
                            egui::Frame::popup(ui.style()).show(ui, |ui| {
                                ui.horizontal(|ui| {
                                    ui.strong(format!("The graph shows {name}’s progress"));
                                    if ui.button("Back to yours").clicked() {
                                        self.actions.push(Action::Team(TeamAction::SetLens(
                                            GraphLens::Own,
                                        )));
                                    }
                                });
                            });
                        });
                }
            }
            GraphLens::Own => {}
        }
        let team_name = session.team.name.clone();
        let member_name = |index: usize| {
            self.team
                .as_ref()
                .and_then(|s| s.team.members.get(index))
                .map(|m| m.name.clone())
                .unwrap_or_default()
        };
        let action = match dialog {
            None => None,
            Some(TeamDialog::AddMemberFromFile) => self
                .file_dialog()
                .set_title("Add a member from their progress file")
                .pick_file()
                .map(TeamAction::AddMemberFromFile),
            Some(TeamDialog::ExportMemberPlan(member)) => self
                .file_dialog()
                .set_title("Export the plan as Markdown")
                .add_filter("Markdown", &["md"])
                .set_file_name(format!("{}-plan.md", file_stem(&member_name(member))))
                .save_file()
                .map(|path| TeamAction::ExportMemberPlan { member, path }),
            Some(TeamDialog::ExportMatrixCsv) => self
                .file_dialog()
                .set_title("Export the team matrix as CSV")
                .add_filter("CSV", &["csv"])
                .set_file_name(format!("{}-matrix.csv", file_stem(&team_name)))
                .save_file()
                .map(TeamAction::ExportMatrixCsv),
        };
        if let Some(action) = action {
            self.actions.push(Action::Team(action));
        }
    }

    fn write_export(&mut self, path: &Path, bytes: &[u8], ctx: &egui::Context) {
        match files::write_atomically(path, bytes) {
            Ok(()) => self.show_notice(format!("Exported to {}", path.display()), ctx),
            Err(error) => self.errors.push(ErrorReport {
                title: "The export could not be written".to_owned(),
                details: format!("{error} ({})", path.display()),
            }),
        }
    }

    /// One undoable change to the team plan; it autosaves like progress.
    fn change_team(&mut self, edit: TeamEdit, gesture: Option<String>, ctx: &egui::Context) {
        let before = self.snapshot();
        let Some(session) = &mut self.team else {
            return;
        };
        let label = edit.label(&session.team);
        if !session.team.apply(&edit, Timestamp::now()) {
            return;
        }
        session.modified = true;
        session.revision += 1;
        let count = session.team.members.len();
        session.selected_member = match edit {
            TeamEdit::AddMember(_) => Some(count.saturating_sub(1)),
            TeamEdit::RemoveMember(_) => count
                .checked_sub(1)
                .map(|last| session.selected_member.unwrap_or(0).min(last)),
            _ => session.selected_member,
        };
        if let TeamEdit::RemoveMember(_) = edit {
            session.confirm_remove = None;
            session.date_drafts.clear();
            session.lens = match session.lens {
                GraphLens::Member(_) => GraphLens::Own,
                other => other,
            };
            session.cell = None;
        }
        self.history.record(label, before, gesture);
        self.mark_unsaved(ctx, false);
    }

    /// Writes the team plan (and linked progress changed here) if it has a file and
    /// changes. Called with the progress autosave.
    pub(super) fn save_team(&mut self) {
        let Some(session) = &mut self.team else {
            return;
        };
        let Some(path) = session.path.clone().filter(|_| session.modified) else {
            return;
        };
        match files::save_team(&path, &mut session.team) {
            Ok(()) => session.modified = false,
            Err(error) => {
                log::error!("team plan autosave failed: {error}");
                self.errors.push(ErrorReport {
                    title: "The team plan could not be saved".to_owned(),
                    details: format!(
                        "{error}\nWaymark keeps it open and will try again after your next change."
                    ),
                });
            }
        }
    }

    fn new_team(&mut self, path: &Path, ctx: &egui::Context) {
        let roadmap_path = match &self.document.source {
            RoadmapSource::File(roadmap_path) => {
                let folder = path.parent().unwrap_or(Path::new(""));
                files::relative_path(folder, roadmap_path)
            }
            RoadmapSource::Bundled(_) => String::new(),
            RoadmapSource::New => {
                self.show_notice(
                    "Save the roadmap first: a team plan refers to its file".to_owned(),
                    ctx,
                );
                return;
            }
        };
        self.save_team();
        let team = Team::new(
            "New team",
            RoadmapRef {
                id: self.document.roadmap.id.clone(),
                path: roadmap_path,
            },
        );
        let mut session = TeamSession::new(team, Some(path.to_owned()));
        session.modified = true;
        self.team = Some(session);
        self.save_team();
    }

    fn open_team(&mut self, path: &Path, ctx: &egui::Context) {
        let text = match files::read_text(path) {
            Ok(text) => text,
            Err(error) => {
                self.errors.push(report(
                    "The team plan could not be opened; nothing was changed",
                    &error,
                ));
                return;
            }
        };
        let file = match files::parse_team(&text) {
            Ok(file) => file,
            Err(problems) => {
                let error = files::LoadError::Invalid {
                    path: path.to_owned(),
                    problems,
                };
                self.errors.push(report(
                    "The team plan could not be opened; nothing was changed",
                    &error,
                ));
                return;
            }
        };
        if file.roadmap.id != self.document.roadmap.id {
            // Open the plan's roadmap first: its file beside the plan, else a bundled one.
            let source = match files::team_roadmap_path(path, &file) {
                Some(roadmap_path) => RoadmapSource::File(roadmap_path),
                None => match crate::bundled::ALL.iter().find(|bundled| {
                    bundled
                        .load()
                        .is_ok_and(|roadmap| roadmap.id == file.roadmap.id)
                }) {
                    Some(bundled) => RoadmapSource::Bundled(bundled.name.to_owned()),
                    None => {
                        self.errors.push(ErrorReport {
                            title: "The team plan's roadmap could not be found".to_owned(),
                            details: format!(
                                "It uses roadmap `{}` and names no file for it. Open that roadmap first, then the team plan. ({})",
                                file.roadmap.id,
                                path.display()
                            ),
                        });
                        return;
                    }
                },
            };
            if self.document.is_roadmap_modified() {
                self.pending_after_unsaved =
                    Some(Box::new(Action::Team(TeamAction::Open(path.to_owned()))));
                return;
            }
            self.open_roadmap(source);
            if self.document.roadmap.id != file.roadmap.id {
                return; // the roadmap failed to open and said why
            }
        }
        let problems = files::validate_team(&file, &self.document.roadmap, &text);
        if problems.iter().any(files::Problem::is_error) {
            let error = files::LoadError::Invalid {
                path: path.to_owned(),
                problems,
            };
            self.errors.push(report(
                "The team plan could not be opened; nothing was changed",
                &error,
            ));
            return;
        }
        self.save_team();
        let team = files::team_from_file(path, file, &self.document.roadmap);
        let unavailable: Vec<String> = team
            .members
            .iter()
            .filter_map(|m| {
                m.progress
                    .as_ref()
                    .err()
                    .map(|why| format!("{}: {why}", m.name))
            })
            .collect();
        self.team = Some(TeamSession::new(team, Some(path.to_owned())));
        if !unavailable.is_empty() {
            self.show_notice(
                format!(
                    "Opened the team plan; progress unavailable for {}",
                    unavailable.join("; ")
                ),
                ctx,
            );
        } else if !problems.is_empty() {
            self.show_notice(
                format!(
                    "Opened the team plan with {} warnings: {}",
                    problems.len(),
                    problems
                        .first()
                        .map(|p| p.display_with_path(path))
                        .unwrap_or_default()
                ),
                ctx,
            );
        }
    }

    /// Opens the person's own copy of the example team plan, made in the data folder the
    /// first time, so it autosaves like any plan and the shipped one stays as it is.
    fn open_example_team(&mut self, ctx: &egui::Context) {
        let Some(dir) = &self.data_dir else {
            self.show_notice(
                "There is no data folder to keep a copy of the example in".to_owned(),
                ctx,
            );
            return;
        };
        let path = dir.root.join("teams").join("example-team.ron");
        if !path.exists()
            && let Err(error) =
                files::write_atomically(&path, crate::bundled::EXAMPLE_TEAM.as_bytes())
        {
            self.errors.push(ErrorReport {
                title: "The example team plan could not be copied".to_owned(),
                details: format!("{error} ({})", path.display()),
            });
            return;
        }
        self.open_team(&path, ctx);
    }

    fn save_team_as(&mut self, path: &Path, ctx: &egui::Context) {
        let Some(session) = &mut self.team else {
            return;
        };
        // Links are relative to the plan's folder: rewrite them for the new one.
        let old_folder = session
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let new_folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        for member in &mut session.team.members {
            if let Some(linked) = &mut member.linked_path {
                *linked = files::relative_path(&new_folder, &old_folder.join(&*linked));
            }
        }
        if !session.team.roadmap.path.is_empty() {
            let roadmap_file = old_folder.join(&session.team.roadmap.path);
            session.team.roadmap.path = files::relative_path(&new_folder, &roadmap_file);
        }
        session.path = Some(path.to_owned());
        session.modified = true;
        self.save_team();
        self.show_notice(format!("Team plan saved as {}", path.display()), ctx);
    }

    fn add_member_from_file(&mut self, path: &Path, ctx: &egui::Context) {
        let Some(session) = &self.team else {
            return;
        };
        match files::load_progress(path, Some(&self.document.roadmap)) {
            Ok((progress, warnings)) => {
                let name = if progress.person.trim().is_empty() {
                    path.file_stem()
                        .map(|stem| stem.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "New member".to_owned())
                } else {
                    progress.person.clone()
                };
                let folder = session
                    .path
                    .as_deref()
                    .and_then(Path::parent)
                    .map(Path::to_path_buf);
                let linked = match folder {
                    Some(folder) => files::relative_path(&folder, path),
                    None => path.to_string_lossy().into_owned(),
                };
                let mut member = Member::new(&name, &self.document.roadmap.id);
                member.linked_path = Some(linked);
                member.progress = Ok(progress);
                self.change_team(TeamEdit::AddMember(Box::new(member)), None, ctx);
                let mut text = format!("Added {name}, linked to {}", path.display());
                if !warnings.is_empty() {
                    text.push_str(&format!(
                        "; {} unknown skill ids kept (not on this roadmap)",
                        warnings.len()
                    ));
                }
                self.show_notice(text, ctx);
            }
            Err(error) => self.errors.push(report(
                "That progress file could not be added; nothing was changed",
                &error,
            )),
        }
    }
}

/// A name made safe for a file name: letters, digits and dashes.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    match stem.trim_matches('-') {
        "" => "team".to_owned(),
        stem => stem.to_owned(),
    }
}
