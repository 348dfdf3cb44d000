//! Settling the conflicts a merge left, each pick one undo step: in the roadmap as a
//! checked roadmap edit, in the progress through the document.

use super::{Action, Session};
use crate::model::{ConflictChoice, RoadmapEdit};

impl Session {
    pub(super) fn resolve_conflict(&mut self, choice: ConflictChoice) {
        if choice.place.is_progress() {
            let label = RoadmapEdit::ResolveConflict(choice.clone()).label(&self.document.roadmap);
            self.change(label, None, |document| {
                Ok(document.resolve_progress_conflict(&choice))
            });
        } else {
            self.apply_now(Action::Edit {
                edit: RoadmapEdit::ResolveConflict(choice),
                gesture: None,
            });
        }
    }
}
