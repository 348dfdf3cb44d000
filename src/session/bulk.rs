//! What is done to several skills at once: a status for a whole selection, a move to
//! another stage, and selecting everything a skill needs. Each is one undo step.

use std::collections::BTreeSet;

use super::{Effect, Session, ViewRequest};
use crate::model::{RoadmapEdit, Status, TeamEdit, Timestamp};

impl Session {
    /// Gives every one of the skills a status (milestones have none): the person's own, or
    /// the member's the graph shows.
    pub(super) fn set_statuses(&mut self, skill_ids: &[String], status: Status) {
        let skill_ids: Vec<String> = (skill_ids.iter())
            .filter(|id| {
                self.document
                    .skill(id)
                    .is_some_and(|skill| skill.kind == crate::model::SkillKind::Skill)
            })
            .cloned()
            .collect();
        let label = match skill_ids.as_slice() {
            [] => return,
            [one] => format!(
                "mark “{}” {}",
                self.document.skill_title(one),
                status.label().to_lowercase()
            ),
            many => format!(
                "mark {} skills {}",
                many.len(),
                status.label().to_lowercase()
            ),
        };
        let member = self.lens_member();
        self.record_change(label, None, |session| match (member, &mut session.team) {
            (Some(member), Some(team_session)) => {
                let mut changed = false;
                for skill_id in skill_ids {
                    let edit = TeamEdit::SetStatus {
                        member,
                        skill_id,
                        status,
                    };
                    if team_session.team.apply(&edit, Timestamp::now()) {
                        team_session.after_edit(&edit);
                        changed = true;
                    }
                }
                Ok(changed)
            }
            _ => Ok(session.document.set_statuses(&skill_ids, status)),
        });
    }

    /// Puts the skills in another stage; the automatic layout places them there (a place
    /// set by hand belonged to the old stage).
    pub(super) fn move_to_stage(&mut self, skill_ids: &[String], stage_id: &str) {
        let Some(stage) = self.document.roadmap.stage(stage_id) else {
            return;
        };
        let moving: Vec<crate::model::Skill> = (skill_ids.iter())
            .filter_map(|id| self.document.skill(id))
            .filter(|skill| skill.stage != stage_id)
            .map(|skill| crate::model::Skill {
                stage: stage_id.to_owned(),
                position: None,
                ..skill.clone()
            })
            .collect();
        let label = match moving.as_slice() {
            [] => return,
            [one] => format!("move “{}” to {}", one.title, stage.title),
            many => format!("move {} skills to {}", many.len(), stage.title),
        };
        let edits: Vec<RoadmapEdit> = (moving.into_iter())
            .map(|skill| RoadmapEdit::UpdateSkill { skill })
            .collect();
        self.record_change(label, None, |session| {
            session.document.edit_all(&edits).map(|()| true)
        });
    }

    /// Selects a skill with everything it needs, its prerequisites and theirs (a pick-one
    /// group's members among them), and has the view show them.
    pub(super) fn select_requirements(&mut self, skill_id: &str) {
        let Some(start) = self.document.skill_index(skill_id) else {
            return;
        };
        let requirements = &self.document.scene.requirements;
        let mut seen: BTreeSet<usize> = BTreeSet::new();
        let mut to_visit = vec![start];
        while let Some(index) = to_visit.pop() {
            for &required in requirements.get(index).into_iter().flatten() {
                if required != start && seen.insert(required) {
                    to_visit.push(required);
                }
            }
        }
        let skills = &self.document.roadmap.skills;
        let ids: Vec<String> = std::iter::once(start)
            .chain(seen)
            .filter_map(|index| skills.get(index))
            .map(|skill| skill.id.clone())
            .collect();
        if ids.len() == 1 {
            let title = self.document.skill_title(skill_id);
            self.show_notice(format!("“{title}” needs nothing before it"));
        }
        self.effects
            .push(Effect::View(ViewRequest::Show(ids.clone())));
        self.selection.select_many(ids);
    }
}
