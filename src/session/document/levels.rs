//! The person's levels and evidence, edited through the document like their statuses.

use super::Document;
use crate::model::{Evidence, Timestamp};

impl Document {
    /// Holds a skill at a level of the scale (a level id), or forgets the level. A level
    /// the scale lacks changes nothing.
    pub fn set_level(&mut self, skill_id: &str, level: Option<&str>) -> bool {
        if !self.is_progress_editable()
            || self.skill(skill_id).is_none()
            || level.is_some_and(|id| self.roadmap.level_rank(id).is_none())
        {
            return false;
        }
        let changed = self.progress.set_level(skill_id, level, Timestamp::now());
        if changed {
            self.revision += 1;
            self.refresh_summary();
        }
        changed
    }

    pub fn add_evidence(&mut self, skill_id: &str, evidence: Evidence) -> bool {
        if !self.is_progress_editable() || self.skill(skill_id).is_none() {
            return false;
        }
        let changed = self.progress.add_evidence(skill_id, evidence);
        if changed {
            self.revision += 1;
        }
        changed
    }

    pub fn remove_evidence(&mut self, skill_id: &str, index: usize) -> bool {
        if !self.is_progress_editable() {
            return false;
        }
        let changed = self.progress.remove_evidence(skill_id, index);
        if changed {
            self.revision += 1;
        }
        changed
    }

    /// The level given to the skill at `index` in `roadmap.skills`, by its place on the
    /// scale: what the node shows. A skill learned without a level shows none, as before
    /// levels (it holds the learned level all the same).
    pub fn level_at(&self, index: usize) -> Option<usize> {
        let skill = self.roadmap.skills.get(index)?;
        let level = self.progress.skills.get(&skill.id)?.level.as_deref()?;
        self.roadmap.level_rank(level)
    }
}
