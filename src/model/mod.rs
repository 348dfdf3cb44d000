//! The data Waymark works with: roadmaps, one person's progress, and what follows from them.

mod checks;
mod choice;
mod diff;
mod edit;
pub mod generate;
mod lookup;
mod merge;
mod migrate;
mod plan;
mod progress;
mod roadmap;
mod search;
mod stats;
mod team;
mod team_edit;
mod team_insights;
pub mod text;
mod timeline;
mod timestamp;

pub use checks::{
    check_url, describe_cycle, find_cycle, later_stage_requirement, requirement_stages,
};
pub use choice::{ChoiceReason, GroupChoice, GroupChoices};
pub use diff::{DiffLine, RoadmapDiff};
pub use edit::{EditError, RoadmapEdit};
pub use merge::{Incoming, merge_progress};
pub use migrate::{Renamed, carry_over_renames, orphaned_progress, reattach};
pub use plan::{TargetPlan, projected_finish, weekly_hours_needed};
pub use progress::{PROGRESS_FORMAT_VERSION, Progress, SkillProgress, Status, StatusChange};
pub use roadmap::{
    Area, PickOneGroup, ROADMAP_FORMAT_VERSION, Resource, Roadmap, Skill, SkillKind, Stage,
};
pub use search::{MatchField, SearchFilter, SearchHit, SearchIndex};
pub use stats::{ProgressSummary, StageProgress, is_met};
pub use team::{
    DEFAULT_WEEKLY_HOURS, FocusSkill, Member, MemberFile, MemberPlan, ProgressSource, RoadmapRef,
    TEAM_FORMAT_VERSION, Team, TeamFile,
};
pub use team_edit::TeamEdit;
pub use team_insights::{
    MatrixFilter, MatrixSort, MemberTarget, MentorSuggestion, StatusCounts, TeamInsights, coverage,
    coverage_summary, insights, matrix_rows, member_counts, member_target, mentors,
    team_alternatives,
};
pub use timeline::{
    Period, TimelineEntry, TimelineGroup, entries as timeline_entries, group as timeline_groups,
};
pub use timestamp::Timestamp;
