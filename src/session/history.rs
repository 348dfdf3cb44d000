//! Undo and redo for everything a person changes: roadmap edits, statuses and notes.
//!
//! Each step keeps the document as it was before the change. Changes that belong to one
//! gesture (a drag, a burst of typing in one field) share a gesture key and merge into one
//! step, so one undo takes back the whole gesture.

use crate::model::{Progress, Roadmap, Team};

/// What undo restores.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub roadmap: Roadmap,
    pub progress: Progress,
    /// The open team plan, if there is one.
    pub team: Option<Team>,
}

#[derive(Clone, Debug)]
struct Step {
    label: String,
    before: Snapshot,
    gesture: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The gesture still going on; a change with the same key joins the last step.
    open_gesture: Option<String>,
}

/// Older steps are dropped beyond this many.
const MAX_STEPS: usize = 200;

impl History {
    /// Records a change about to happen. `before` is the document now; `gesture`, if given,
    /// merges this change with the previous one while the same gesture goes on.
    pub fn record(&mut self, label: String, before: Snapshot, gesture: Option<String>) {
        self.redo.clear();
        let continues = gesture.is_some()
            && gesture == self.open_gesture
            && self.undo.last().is_some_and(|step| step.gesture == gesture);
        if continues {
            if let Some(step) = self.undo.last_mut() {
                step.label = label;
            }
            return;
        }
        self.open_gesture = gesture.clone();
        self.undo.push(Step {
            label,
            before,
            gesture,
        });
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// The gesture key of typing into one field of a skill's edit form: one undo step.
    pub fn field_gesture(skill_id: &str, field: &str) -> String {
        format!("edit:{skill_id}:{field}")
    }

    /// The skill whose `field` the gesture `key` is typing into, if it is such a gesture.
    pub fn field_of_gesture<'a>(key: &'a str, field: &str) -> Option<&'a str> {
        key.strip_prefix("edit:")?
            .strip_suffix(field)?
            .strip_suffix(':')
    }

    /// The gesture still going on, if any.
    pub fn open_gesture(&self) -> Option<&str> {
        self.open_gesture.as_deref()
    }

    /// Ends the current gesture: the next change starts a new step.
    pub fn end_gesture(&mut self) {
        self.open_gesture = None;
    }

    /// Takes back the last step: returns what to restore, given the document now.
    pub fn undo(&mut self, now: Snapshot) -> Option<Snapshot> {
        let step = self.undo.pop()?;
        self.open_gesture = None;
        self.redo.push(Step {
            label: step.label,
            before: now,
            gesture: None,
        });
        Some(step.before)
    }

    pub fn redo(&mut self, now: Snapshot) -> Option<Snapshot> {
        let step = self.redo.pop()?;
        self.open_gesture = None;
        self.undo.push(Step {
            label: step.label,
            before: now,
            gesture: None,
        });
        Some(step.before)
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// Takes changes made elsewhere (another window's marks, merged in on save) into every
    /// step, so that undo takes back only what was done here.
    pub fn take_in_progress(&mut self, incoming: &[crate::model::Incoming]) {
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            for (skill_id, entry) in incoming {
                match entry {
                    Some(entry) => step
                        .before
                        .progress
                        .skills
                        .insert(skill_id.clone(), entry.clone()),
                    None => step.before.progress.skills.remove(skill_id),
                };
            }
        }
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(title: &str) -> Snapshot {
        Snapshot {
            roadmap: Roadmap::new_empty("r", title),
            progress: Progress::new("r"),
            team: None,
        }
    }

    #[test]
    fn a_field_gesture_names_its_skill_and_field() {
        let key = History::field_gesture("new-skill", "title");
        assert_eq!(History::field_of_gesture(&key, "title"), Some("new-skill"));
        assert_eq!(History::field_of_gesture(&key, "summary"), None);
        assert_eq!(History::field_of_gesture("move:new-skill", "title"), None);
    }

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut history = History::default();
        history.record("rename to B".into(), snapshot("A"), None);
        history.record("rename to C".into(), snapshot("B"), None);
        assert_eq!(history.undo_label(), Some("rename to C"));
        assert_eq!(history.undo(snapshot("C")), Some(snapshot("B")));
        assert_eq!(history.redo_label(), Some("rename to C"));
        assert_eq!(history.undo(snapshot("B")), Some(snapshot("A")));
        assert_eq!(history.undo(snapshot("A")), None);
        assert_eq!(history.redo(snapshot("A")), Some(snapshot("B")));
        assert_eq!(history.redo(snapshot("B")), Some(snapshot("C")));
    }

    #[test]
    fn one_gesture_is_one_step() {
        let mut history = History::default();
        history.record("type".into(), snapshot("A"), Some("notes:git".into()));
        history.record("type".into(), snapshot("Ab"), Some("notes:git".into()));
        history.record("type".into(), snapshot("Abc"), Some("notes:git".into()));
        history.end_gesture();
        history.record("type".into(), snapshot("Abcd"), Some("notes:git".into()));
        assert_eq!(history.undo(snapshot("Abcde")), Some(snapshot("Abcd")));
        assert_eq!(history.undo(snapshot("Abcd")), Some(snapshot("A")));
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut history = History::default();
        history.record("one".into(), snapshot("A"), None);
        history.undo(snapshot("B"));
        history.record("two".into(), snapshot("A"), None);
        assert_eq!(history.redo_label(), None);
    }
}
