//! The data Waymark works with: roadmaps, one person's progress, and what follows from them.

mod checks;
mod choice;
mod conflict;
mod diff;
mod edit;
mod fork;
pub mod generate;
mod levels;
mod lookup;
mod member_levels;
mod merge;
mod merge_people;
mod merge_roadmap;
mod migrate;
mod plan;
mod progress;
mod ratings;
mod resolve;
mod resolve_team;
mod roadmap;
mod search;
mod stats;
mod team;
mod team_edit;
mod team_insights;
mod team_levels;
pub mod text;
mod three_way;
mod timeline;
mod timestamp;

pub use checks::{
    check_url, describe_cycle, find_cycle, later_stage_requirement, requirement_stages,
};
pub use choice::{ChoiceReason, GroupChoice, GroupChoices};
pub use conflict::{Conflict, Fields};
pub use diff::{DiffLine, RoadmapDiff};
pub use edit::{EditError, RoadmapEdit};
pub use fork::{UpdateError, fork, is_up_to_date, update_fork};
pub use levels::meets;
pub use merge::{Incoming, merge_progress};
pub use merge_people::{merge_progress_files, merge_team_files};
pub use merge_roadmap::{merge_roadmaps, rename_clashes, set_about_field};
pub use migrate::{Renamed, carry_over_renames, orphaned_progress, reattach};
pub use plan::{TargetPlan, projected_finish, weekly_hours_needed};
pub use progress::{
    Evidence, PROGRESS_FORMAT_VERSION, Progress, ProgressConflicts, SkillProgress, Status,
    StatusChange,
};
pub use ratings::{Assessed, CoverageRule, DEFAULT_REVIEW_INTERVAL_DAYS, Rater, Rating};
pub use resolve::{
    ConflictChoice, ConflictPlace, ConflictRow, conflict_rows, resolve_progress, resolve_roadmap,
};
pub use resolve_team::{resolve_team, team_conflict_rows};
pub use roadmap::{
    Area, Level, PickOneGroup, ROADMAP_FORMAT_VERSION, Resource, Roadmap, RoadmapConflicts, Skill,
    SkillKind, Stage, Upstream,
};
pub use search::{MatchField, SearchFilter, SearchHit, SearchIndex};
pub use stats::{ProgressSummary, StageProgress, is_met};
pub use team::{
    DEFAULT_WEEKLY_HOURS, FocusSkill, Member, MemberFile, MemberPlan, ProgressSource, RoadmapRef,
    TEAM_FORMAT_VERSION, Team, TeamConflicts, TeamFile, TeamSettings,
};
pub use team_edit::TeamEdit;
pub use team_insights::{
    MatrixFilter, MatrixSort, MemberTarget, MentorSuggestion, StatusCounts, TeamInsights, coverage,
    coverage_summary, insights, matrix_rows, member_counts, member_target, mentors,
    team_alternatives,
};
pub use team_levels::{
    Closing, CoverageNeed, CoverageReport, coverage_report, level_coverage, team_level_table,
    team_skills,
};
pub use timeline::{
    Period, TimelineEntry, TimelineGroup, entries as timeline_entries, group as timeline_groups,
};
pub use timestamp::Timestamp;
