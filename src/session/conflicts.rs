//! What merges bring: settling the conflicts a merge left, each pick one undo step (in
//! the roadmap as a checked roadmap edit, in the progress through the document), and a
//! fork taking the next version of the roadmap it was made from.

use std::path::PathBuf;

use super::{Action, Session, report};
use crate::files::{self, bundled::BundledRoadmap};
use crate::model::{ConflictChoice, RoadmapDiff, RoadmapEdit, update_fork};

impl Session {
    pub(super) fn resolve_conflict(&mut self, choice: ConflictChoice) {
        if choice.place.is_team() {
            self.apply_now(Action::Team(super::TeamAction::Edit {
                edit: crate::model::TeamEdit::ResolveConflict(choice),
                gesture: None,
            }));
        } else if choice.place.is_progress() {
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

    /// Takes the original's next version (the file at `path`, or the bundled roadmap the
    /// fork was made from) into the open fork as one undo step, keeping the fork's own
    /// changes, and says what changed.
    pub(super) fn update_fork(&mut self, path: Option<PathBuf>) {
        let upstream = match &path {
            Some(path) => match files::load_roadmap(path) {
                Ok(roadmap) => roadmap,
                Err(error) => {
                    self.errors.push(report(
                        "The original roadmap could not be read; nothing was changed",
                        &error,
                    ));
                    return;
                }
            },
            None => {
                let bundled = (self.document.roadmap.based_on.as_ref())
                    .and_then(|upstream| BundledRoadmap::with_id(&upstream.id));
                match bundled {
                    Some((_, roadmap)) => roadmap,
                    None => {
                        self.show_notice("This roadmap was not made from a bundled one".to_owned());
                        return;
                    }
                }
            }
        };
        let current = &self.document.roadmap;
        if crate::model::is_up_to_date(current, &upstream) {
            self.show_notice(format!("Already up to date with “{}”", upstream.title));
            return;
        }
        let updated = match update_fork(current, &upstream) {
            Ok(updated) => updated,
            Err(error) => {
                self.show_notice(format!("Can’t update: {error}"));
                return;
            }
        };
        if updated == *current {
            self.show_notice(format!("Already up to date with “{}”", upstream.title));
            return;
        }
        let diff = RoadmapDiff::compute(current, &updated);
        let new_conflicts = updated
            .conflicts
            .len()
            .saturating_sub(current.conflicts.len());
        self.change(
            format!("take the update from “{}”", upstream.title),
            None,
            |document| {
                document.replace_roadmap(updated);
                Ok(true)
            },
        );
        self.roadmap_changes = (!diff.is_empty()).then(|| diff.to_text());
        self.show_notice(match new_conflicts {
            0 => format!("Updated from “{}”; your own changes are kept", upstream.title),
            n => format!(
                "Updated from “{}”; {n} change(s) of yours and theirs conflict: pick in the banner above",
                upstream.title
            ),
        });
        self.note_carried_over();
    }
}
