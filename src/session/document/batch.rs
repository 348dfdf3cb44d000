//! Changes to many skills at once (a selection marked or moved, a paste): applied
//! together, laid out and summed up once after all of them, as one undo step is.

use super::Document;
use crate::model::{EditError, RoadmapEdit, Skill, Status, Timestamp};

impl Document {
    /// Changes the status of several skills, summing progress up once after all of them;
    /// returns whether anything changed.
    pub fn set_statuses(&mut self, skill_ids: &[String], status: Status) -> bool {
        if !self.is_progress_editable() {
            return false;
        }
        let now = Timestamp::now();
        let mut changed = false;
        for skill_id in skill_ids {
            if self.skill(skill_id).is_some() {
                changed |= self.progress.set_status(skill_id, status, now);
            }
        }
        self.revision += 1;
        if changed {
            self.refresh_summary();
        }
        changed
    }

    /// Applies several edits as one (a paste, a move of a selection to another stage):
    /// laid out once after all of them, and nothing changed if any of them is refused.
    pub fn edit_all(&mut self, edits: &[RoadmapEdit]) -> Result<(), EditError> {
        let mut roadmap = self.roadmap.clone();
        for edit in edits {
            edit.apply(&mut roadmap)?;
        }
        self.roadmap = roadmap;
        self.roadmap_changed();
        Ok(())
    }

    /// Adds several skills at once (a paste), prerequisites among them included: each skill
    /// first, then the links, so a skill may need one pasted after it.
    pub fn add_skills(&mut self, skills: Vec<Skill>) -> Result<(), EditError> {
        let links: Vec<RoadmapEdit> = (skills.iter())
            .flat_map(|skill| {
                (skill.requires.iter()).map(|required_id| RoadmapEdit::AddRequirement {
                    skill_id: skill.id.clone(),
                    required_id: required_id.clone(),
                })
            })
            .collect();
        let additions = skills.into_iter().map(|skill| RoadmapEdit::AddSkill {
            skill: Skill {
                requires: Vec::new(),
                ..skill
            },
        });
        let edits: Vec<RoadmapEdit> = additions.chain(links).collect();
        self.edit_all(&edits)
    }
}
