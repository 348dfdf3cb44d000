//! The conflicts a merge left in the open roadmap and progress, listed and settled through
//! the document like any other change.

use super::Document;
use crate::model::{ConflictChoice, ConflictRow, conflict_rows, resolve_progress};

impl Document {
    /// Every conflict left in the roadmap and the progress, one row per field.
    pub fn conflict_rows(&self) -> Vec<ConflictRow> {
        if self.roadmap.conflicts.is_empty() && self.progress.conflicts.is_empty() {
            return Vec::new();
        }
        conflict_rows(&self.roadmap, &self.progress)
    }

    /// Settles a conflict in the progress. Returns whether anything changed.
    pub fn resolve_progress_conflict(&mut self, choice: &ConflictChoice) -> bool {
        if !self.is_progress_editable() {
            return false;
        }
        let changed = resolve_progress(&mut self.progress, choice);
        if changed {
            self.revision += 1;
            self.refresh_summary();
        }
        changed
    }
}

impl Document {
    /// Puts another version of the same roadmap in place (a fork's update), with the
    /// progress kept under renamed skills moved to their new ids.
    pub fn replace_roadmap(&mut self, roadmap: crate::model::Roadmap) {
        self.roadmap = roadmap;
        if self.is_progress_editable() {
            let moved = crate::model::carry_over_renames(&self.roadmap, &mut self.progress);
            self.carried_over.extend(moved);
        }
        self.revision += 1;
        self.roadmap_changed();
    }
}
