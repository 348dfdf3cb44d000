//! A team plan open beside the roadmap: its members, what its window shows (the matrix,
//! insights) worked out once per change, and what the graph shows (your progress, one
//! member's, or team coverage).

use foldhash::HashMap;
use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{Document, Effect, ExportJob, Session, absolute};
use crate::model::{
    MatrixFilter, Member, MemberTarget, MentorSuggestion, ProgressSummary, Status, StatusCounts,
    Team, TeamEdit, TeamInsights, Timestamp, coverage, insights, matrix_rows, member_counts,
    member_target, mentors,
};

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
    ExportPromotionPacket {
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
    /// When the plan's file was last read or written here, to notice others' changes.
    pub(super) file_stamp: Option<std::time::SystemTime>,
    /// Counts changes, so cached views know when to recompute.
    pub revision: u64,
    /// The target date being typed per member, until it parses.
    pub date_drafts: foldhash::HashMap<String, String>,
    cache: LensCache,
    /// The matrix's coverage and rows for the current filter.
    pub matrix: MatrixCache,
    derived: Derived,
}

/// What the window shows about members, worked out once per change of the team or the
/// roadmap (and per day, for projected dates) instead of every frame.
#[derive(Default)]
struct Derived {
    key: Option<(u64, u64, i64)>,
    counts: Option<Vec<Option<StatusCounts>>>,
    insights: Option<std::rc::Rc<TeamInsights>>,
    mentors: HashMap<usize, Vec<MentorSuggestion>>,
    targets: HashMap<usize, Option<MemberTarget>>,
    /// Coverage by level, by the member whose leaving is looked at.
    coverage: HashMap<Option<usize>, std::rc::Rc<crate::model::CoverageReport>>,
}

/// What the matrix shows for the current filter, worked out once per change.
#[derive(Default)]
pub struct MatrixCache {
    key: Option<(u64, u64, MatrixFilter)>,
    /// How many members learned each skill, indexed like the roadmap's skills.
    pub coverage: Vec<usize>,
    /// The skills shown, in order.
    pub rows: Vec<usize>,
    /// The rows with stage and area headings between them.
    pub lines: Vec<MatrixLine>,
    /// The roadmap's areas by name, for the area filter, as of `areas_revision`.
    pub areas: Vec<crate::model::Area>,
    areas_revision: Option<u64>,
}

/// What the canvas needs for the current lens, recomputed only when the team, the roadmap
/// or the lens change.
#[derive(Default)]
struct LensCache {
    key: Option<(u64, u64, GraphLens)>,
    statuses: Vec<Status>,
    /// The member's level per skill (0 for none).
    levels: Vec<u8>,
    coverage: Vec<usize>,
    alternatives: Vec<bool>,
    /// The member's progress per stage, or the team's coverage as progress.
    summary: ProgressSummary,
}

/// Whose progress the panel and the stage headings show: the lens's, not always yours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgressOf {
    Own,
    Member(String),
    Team,
}

impl ProgressOf {
    /// "3 of 25 learned", "Sam: 3 of 25 learned", "20 of 25 known in the team".
    pub fn caption(&self, progress: &crate::model::StageProgress) -> String {
        let (learned, total) = (progress.learned, progress.total);
        match self {
            ProgressOf::Own => format!("{learned} of {total} learned"),
            ProgressOf::Member(name) => format!("{name}: {learned} of {total} learned"),
            ProgressOf::Team => format!("{learned} of {total} known in the team"),
        }
    }

    /// The panel's heading over the progress bars.
    pub fn heading(&self) -> String {
        match self {
            ProgressOf::Own => "Progress".to_owned(),
            ProgressOf::Member(name) => format!("Progress of {name}"),
            ProgressOf::Team => "Team coverage".to_owned(),
        }
    }
}

/// What the canvas draws for a lens other than your own progress.
pub enum CanvasLens<'a> {
    Member {
        statuses: &'a [Status],
        /// The level the team goes by per skill (0 for none).
        levels: &'a [u8],
        reached: &'a BTreeSet<String>,
        /// The member's progress, for the stage headings.
        progress: (ProgressOf, &'a ProgressSummary),
    },
    Coverage {
        learned_by: &'a [usize],
        members: usize,
        /// Alternatives the team does not need (`team_alternatives`): drawn dimmed, as
        /// no gap.
        alternatives: &'a [bool],
        /// The team's coverage as progress, for the stage headings.
        progress: (ProgressOf, &'a ProgressSummary),
    },
}

impl CanvasLens<'_> {
    /// Whose progress the lens shows, and that progress.
    pub fn progress(&self) -> (&ProgressOf, &ProgressSummary) {
        match self {
            CanvasLens::Member { progress, .. } | CanvasLens::Coverage { progress, .. } => {
                (&progress.0, progress.1)
            }
        }
    }
}

impl TeamSession {
    pub fn new(team: Team, path: Option<PathBuf>) -> Self {
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
            file_stamp: None,
            revision: 0,
            date_drafts: Default::default(),
            cache: LensCache::default(),
            matrix: MatrixCache::default(),
            derived: Derived::default(),
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
    pub fn refresh_lens(&mut self, document: &Document) {
        let key = (self.revision, document.revision(), self.lens);
        if self.cache.key == Some(key) {
            return;
        }
        self.cache.key = Some(key);
        let roadmap = &document.roadmap;
        match self.lens {
            GraphLens::Own => {}
            GraphLens::Member(index) => {
                let member = self.team.members.get(index);
                self.cache.levels = member.map_or_else(Vec::new, |m| m.team_levels(roadmap, false));
                let progress = member.and_then(Member::progress);
                self.cache.statuses = roadmap
                    .skills
                    .iter()
                    .map(|skill| progress.map_or(Status::NotStarted, |p| p.status(&skill.id)))
                    .collect();
                self.cache.summary = progress
                    .map(|p| ProgressSummary::compute(roadmap, p))
                    .unwrap_or_default();
            }
            GraphLens::Coverage => {
                self.cache.coverage = coverage(roadmap, &self.team);
                self.cache.alternatives = crate::model::team_alternatives(roadmap, &self.team);
                self.cache.summary = crate::model::coverage_summary(roadmap, &self.team);
            }
        }
    }

    /// Brings the matrix's coverage and rows up to date with the team, the roadmap and
    /// the filter.
    pub fn refresh_matrix(&mut self, document: &Document) {
        let roadmap = &document.roadmap;
        if self.matrix.areas_revision != Some(document.revision()) {
            let distinct: BTreeSet<&crate::model::Area> = roadmap
                .skills
                .iter()
                .filter(|skill| skill.kind == crate::model::SkillKind::Skill)
                .map(|skill| &skill.area)
                .collect();
            let mut areas: Vec<crate::model::Area> = distinct.into_iter().cloned().collect();
            areas.sort_by(|a, b| a.label().cmp(b.label()));
            self.matrix.areas = areas;
            self.matrix.areas_revision = Some(document.revision());
        }
        let key = (self.revision, document.revision(), self.filter.clone());
        if self.matrix.key.as_ref() == Some(&key) {
            return;
        }
        self.matrix.coverage = coverage(roadmap, &self.team);
        self.matrix.rows = matrix_rows(roadmap, &self.team, &self.matrix.coverage, &self.filter);
        let grouped = self.filter.sort == crate::model::MatrixSort::Stage;
        self.matrix.lines = matrix_lines(roadmap, &self.matrix.rows, grouped);
        self.matrix.key = Some(key);
    }

    /// Each member's statuses over the whole roadmap; `None` where progress is unavailable.
    pub fn counts(&mut self, document: &Document) -> Vec<Option<StatusCounts>> {
        let team = &self.team;
        let roadmap = &document.roadmap;
        let derived = Self::derived_of(&mut self.derived, self.revision, document);
        derived
            .counts
            .get_or_insert_with(|| {
                team.members
                    .iter()
                    .map(|member| member_counts(roadmap, member))
                    .collect()
            })
            .clone()
    }

    /// Shared, not copied: on a big roadmap the lists run to thousands of skills.
    pub fn insights(&mut self, document: &Document) -> std::rc::Rc<TeamInsights> {
        let team = &self.team;
        let derived = Self::derived_of(&mut self.derived, self.revision, document);
        derived
            .insights
            .get_or_insert_with(|| std::rc::Rc::new(insights(&document.roadmap, team)))
            .clone()
    }

    /// Coverage by level, and what changes if `leaving` (a member index) left.
    pub fn coverage_report(
        &mut self,
        document: &Document,
        leaving: Option<usize>,
    ) -> std::rc::Rc<crate::model::CoverageReport> {
        let team = &self.team;
        let derived = Self::derived_of(&mut self.derived, self.revision, document);
        derived
            .coverage
            .entry(leaving)
            .or_insert_with(|| {
                let report = crate::model::coverage_report(
                    &document.roadmap,
                    team,
                    leaving,
                    Timestamp::now(),
                );
                std::rc::Rc::new(report)
            })
            .clone()
    }

    pub fn mentors(&mut self, document: &Document, member: usize) -> Vec<MentorSuggestion> {
        let team = &self.team;
        let derived = Self::derived_of(&mut self.derived, self.revision, document);
        derived
            .mentors
            .entry(member)
            .or_insert_with(|| mentors(&document.roadmap, team, member))
            .clone()
    }

    pub fn target(&mut self, document: &Document, member: usize) -> Option<MemberTarget> {
        let team = &self.team;
        let derived = Self::derived_of(&mut self.derived, self.revision, document);
        derived
            .targets
            .entry(member)
            .or_insert_with(|| {
                team.members
                    .get(member)
                    .and_then(|m| member_target(&document.roadmap, m, Timestamp::now()))
            })
            .clone()
    }

    /// The derived data, emptied first if the team, the roadmap or the day changed.
    fn derived_of<'a>(
        derived: &'a mut Derived,
        revision: u64,
        document: &Document,
    ) -> &'a mut Derived {
        let today = Timestamp::now().unix_secs.div_euclid(86_400);
        let key = (revision, document.revision(), today);
        if derived.key != Some(key) {
            *derived = Derived {
                key: Some(key),
                ..Derived::default()
            };
        }
        derived
    }

    /// Whose progress the lens shows, and that progress; `None` for your own.
    pub fn lens_progress(&self) -> Option<(ProgressOf, &ProgressSummary)> {
        match self.lens {
            GraphLens::Own => None,
            GraphLens::Member(index) => {
                let member = self.team.members.get(index)?;
                Some((ProgressOf::Member(member.name.clone()), &self.cache.summary))
            }
            GraphLens::Coverage => Some((ProgressOf::Team, &self.cache.summary)),
        }
    }

    pub fn canvas_lens(&self) -> Option<CanvasLens<'_>> {
        let progress = self.lens_progress()?;
        match self.lens {
            GraphLens::Own => None,
            GraphLens::Member(_) => Some(CanvasLens::Member {
                statuses: &self.cache.statuses,
                levels: &self.cache.levels,
                reached: &self.cache.summary.reached,
                progress,
            }),
            GraphLens::Coverage => Some(CanvasLens::Coverage {
                learned_by: &self.cache.coverage,
                members: self.team.available().count(),
                alternatives: &self.cache.alternatives,
                progress,
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

    /// After the plan was read again: a lens on a member who is gone falls back.
    pub fn restore_selection_after_reload(&mut self) {
        if matches!(self.lens, GraphLens::Member(_)) && self.lens_member().is_none() {
            self.lens = GraphLens::Own;
        }
    }

    /// The plan file's modification time on disk now.
    pub fn stamp_on_disk(&self) -> Option<std::time::SystemTime> {
        let path = self.path.as_ref()?;
        std::fs::metadata(path).and_then(|m| m.modified()).ok()
    }

    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => format!("{} ({})", self.team.name, path.display()),
            None => format!("{} (not saved)", self.team.name),
        }
    }
}

impl Session {
    pub(super) fn apply_team(&mut self, action: TeamAction) {
        match action {
            TeamAction::New(path) => self.new_team(&absolute(&path)),
            TeamAction::Open(path) => self.open_team(&absolute(&path)),
            TeamAction::OpenExample => self.open_example_team(),
            TeamAction::SaveAs(path) => self.save_team_as(&absolute(&path)),
            TeamAction::Close => {
                self.save_team();
                self.team = None;
                self.save_state();
            }
            TeamAction::Show(show) => {
                if let Some(session) = &mut self.team {
                    session.window_open = show;
                }
            }
            TeamAction::Edit { edit, gesture } => self.change_team(edit, gesture),
            TeamAction::AddMemberFromFile(path) => self.add_member_from_file(&absolute(&path)),
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
                if self.team.is_some() {
                    self.effects
                        .push(Effect::Export(ExportJob::MemberPlan { member, path }));
                }
            }
            TeamAction::ExportPromotionPacket { member, path } => {
                if self.team.is_some() {
                    self.effects
                        .push(Effect::Export(ExportJob::PromotionPacket { member, path }));
                }
            }
            TeamAction::ExportMatrixCsv(path) => {
                if self.team.is_some() {
                    self.effects
                        .push(Effect::Export(ExportJob::MatrixCsv(path)));
                }
            }
        }
    }

    /// One undoable change to the team plan; it autosaves like progress. Undo keeps the
    /// team in the same steps as the roadmap and progress (see [`super::Snapshot`]).
    pub(super) fn change_team(&mut self, edit: TeamEdit, gesture: Option<String>) {
        let Some(label) = self.team.as_ref().map(|session| edit.label(&session.team)) else {
            return;
        };
        self.record_change(label, gesture, |session| {
            let Some(session) = &mut session.team else {
                return Ok(false);
            };
            if !session.team.apply(&edit, Timestamp::now()) {
                return Ok(false);
            }
            session.after_edit(&edit);
            Ok(true)
        });
    }
}

impl TeamSession {
    /// Keeps what the window shows in step with an edit just applied.
    pub(super) fn after_edit(&mut self, edit: &TeamEdit) {
        self.modified = true;
        self.revision += 1;
        let count = self.team.members.len();
        self.selected_member = match edit {
            TeamEdit::AddMember(_) => Some(count.saturating_sub(1)),
            TeamEdit::RemoveMember(_) => count
                .checked_sub(1)
                .map(|last| self.selected_member.unwrap_or(0).min(last)),
            _ => self.selected_member,
        };
        if let TeamEdit::RemoveMember(_) = edit {
            self.confirm_remove = None;
            self.date_drafts.clear();
            self.lens = match self.lens {
                GraphLens::Member(_) => GraphLens::Own,
                other => other,
            };
            self.cell = None;
        }
    }
}

/// One line of the team matrix: a stage heading, an area heading or a skill's row (by
/// index into the roadmap's skills).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatrixLine {
    Stage(usize),
    Area(usize),
    Skill(usize),
}

/// The matrix's lines: with `grouped`, a heading before each stage and each area in it.
fn matrix_lines(roadmap: &crate::model::Roadmap, rows: &[usize], grouped: bool) -> Vec<MatrixLine> {
    let mut lines = Vec::with_capacity(rows.len() + 16);
    let mut last_group: Option<(&str, &str)> = None;
    for &index in rows {
        let Some(skill) = roadmap.skills.get(index) else {
            continue;
        };
        let group = (skill.stage.as_str(), skill.area.0.as_str());
        if grouped && last_group.map(|(stage, _)| stage) != Some(group.0) {
            lines.push(MatrixLine::Stage(index));
        }
        if grouped && last_group != Some(group) {
            lines.push(MatrixLine::Area(index));
        }
        last_group = Some(group);
        lines.push(MatrixLine::Skill(index));
    }
    lines
}

/// A name made safe for a file name: letters, digits and dashes.
pub fn file_stem(name: &str) -> String {
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
