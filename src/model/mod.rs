//! The data Waymark works with: roadmaps, one person's progress, and what follows from them.

mod edit;
mod plan;
mod progress;
mod roadmap;
mod search;
mod stats;
mod timestamp;

pub use edit::{EditError, RoadmapEdit};
pub use plan::{TargetPlan, projected_finish};
pub use progress::{PROGRESS_FORMAT_VERSION, Progress, SkillProgress, Status, StatusChange};
pub use roadmap::{
    Area, PickOneGroup, ROADMAP_FORMAT_VERSION, Resource, Roadmap, Skill, SkillKind, Stage,
};
pub use search::{MatchField, SearchFilter, SearchHit, SearchIndex};
pub use stats::{ProgressSummary, StageProgress, is_met};
pub use timestamp::Timestamp;
