//! Which skills are selected: the one in the details panel, and those selected with it
//! (shift-click, box selection).

use std::collections::BTreeSet;

use super::Document;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// The skill the details panel shows.
    pub primary: Option<String>,
    /// Skills selected together with `primary`.
    pub extra: BTreeSet<String>,
}

impl Selection {
    /// Follows a skill whose id changed.
    pub fn rename(&mut self, from: &str, to: &str) {
        if self.primary.as_deref() == Some(from) {
            self.primary = Some(to.to_owned());
        }
        if self.extra.remove(from) {
            self.extra.insert(to.to_owned());
        }
    }

    /// Exactly this skill, or nothing.
    pub fn select(&mut self, skill_id: Option<String>) {
        self.primary = skill_id;
        self.extra.clear();
    }

    /// Adds a skill to the selection, or takes it out (shift-click).
    pub fn toggle(&mut self, skill_id: String) {
        if self.primary.as_ref() == Some(&skill_id) {
            self.primary = self.extra.pop_first();
        } else if !self.extra.remove(&skill_id)
            && let Some(previous) = self.primary.replace(skill_id)
        {
            self.extra.insert(previous);
        }
    }

    /// Exactly these skills, the first one in the details panel.
    pub fn select_many(&mut self, skill_ids: Vec<String>) {
        let mut skill_ids = skill_ids.into_iter();
        self.primary = skill_ids.next();
        self.extra = skill_ids.collect();
    }

    /// Every selected skill, the primary one first.
    pub fn all(&self) -> Vec<String> {
        self.primary
            .iter()
            .cloned()
            .chain(self.extra.iter().cloned())
            .collect()
    }

    /// Drops skills the roadmap no longer has (after an edit, undo or redo).
    pub fn retain_existing(&mut self, document: &Document) {
        self.primary = self
            .primary
            .take()
            .filter(|id| document.skill(id).is_some());
        self.extra.retain(|id| document.skill(id).is_some());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_click_adds_and_removes() {
        let mut selection = Selection::default();
        selection.select(Some("a".into()));
        selection.toggle("b".into());
        assert_eq!(selection.all(), ["b", "a"]);
        selection.toggle("b".into());
        assert_eq!(selection.all(), ["a"]);
        selection.toggle("a".into());
        assert!(selection.all().is_empty());
    }
}
