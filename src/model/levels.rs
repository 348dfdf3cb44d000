//! Proficiency levels: a roadmap's scale, the level a person holds a skill at, and the
//! level a role expects. Levels are compared by their place on the scale (1 is the
//! lowest), so a roadmap names them as it likes.

use super::{Roadmap, SkillProgress, Status};

impl Roadmap {
    /// The place of a level on the scale, 1 for the lowest; `None` for an unknown id.
    pub fn level_rank(&self, level_id: &str) -> Option<usize> {
        self.levels
            .iter()
            .position(|level| level.id == level_id)
            .map(|index| index + 1)
    }

    /// The level at a place on the scale (1 for the lowest).
    pub fn level_at(&self, rank: usize) -> Option<&super::Level> {
        self.levels.get(rank.checked_sub(1)?)
    }

    /// The title of a level by its place, or an empty text.
    pub fn level_title(&self, rank: usize) -> &str {
        self.level_at(rank).map_or("", |level| level.title.as_str())
    }

    /// The place of the level "Learned" stands for; `None` without a scale.
    pub fn learned_rank(&self) -> Option<usize> {
        if self.levels.is_empty() {
            return None;
        }
        self.level_rank(&self.learned_level)
            .or(Some(self.levels.len()))
    }

    /// The level someone holds a skill at, by place: the level they gave, else the
    /// learned level when the skill is learned. `None` without a scale or a level.
    pub fn held_rank(&self, entry: Option<&SkillProgress>) -> Option<usize> {
        let entry = entry?;
        if entry.status == Status::Skipped {
            return None;
        }
        match entry.level.as_deref().and_then(|id| self.level_rank(id)) {
            Some(rank) => Some(rank),
            None if entry.status == Status::Learned => self.learned_rank(),
            None => None,
        }
    }

    /// The place of a level named in the file (a level id), or the learned level for an
    /// empty one.
    pub fn rank_or_learned(&self, level_id: &str) -> Option<usize> {
        if level_id.is_empty() {
            self.learned_rank()
        } else {
            self.level_rank(level_id)
        }
    }
}

/// Whether a skill held at `held` (by place) meets a requirement: at the `expected`
/// level when the role names one, else learned (the status alone, as without levels).
pub fn meets(entry: Option<&SkillProgress>, held: Option<usize>, expected: Option<usize>) -> bool {
    match expected {
        Some(expected) => held.is_some_and(|held| held >= expected),
        None => entry.is_some_and(|entry| entry.status == Status::Learned),
    }
}

/// A roadmap with the bundled scale (Aware, Working, Proficient, Expert), learned at
/// Proficient, for tests.
#[cfg(test)]
pub(super) fn scaled() -> Roadmap {
    let mut roadmap = Roadmap::new_empty("r", "R");
    roadmap.levels = ["aware", "working", "proficient", "expert"]
        .iter()
        .map(|id| super::Level {
            id: (*id).to_owned(),
            title: id.to_uppercase(),
            meaning: String::new(),
        })
        .collect();
    roadmap.learned_level = "proficient".to_owned();
    roadmap
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Progress, Timestamp};

    #[test]
    fn learned_without_a_level_holds_the_learned_level_and_a_given_level_wins() {
        let roadmap = scaled();
        let at = Timestamp::from_unix_secs(0);
        let mut progress = Progress::new("r");
        progress.set_status("git", Status::Learned, at);
        assert_eq!(roadmap.held_rank(progress.skills.get("git")), Some(3));
        progress.set_level("git", Some("expert"), at);
        assert_eq!(roadmap.held_rank(progress.skills.get("git")), Some(4));
        progress.set_level("sql", Some("aware"), at);
        assert_eq!(progress.status("sql"), Status::Learning, "a level is begun");
        assert_eq!(roadmap.held_rank(progress.skills.get("sql")), Some(1));
        assert_eq!(roadmap.held_rank(progress.skills.get("none")), None);

        let plain = Roadmap::new_empty("r", "R");
        assert_eq!(plain.held_rank(progress.skills.get("git")), None);
        assert_eq!(plain.learned_rank(), None);
    }

    #[test]
    fn an_expected_level_is_met_only_at_or_above_it_and_no_expectation_means_learned() {
        let roadmap = scaled();
        let at = Timestamp::from_unix_secs(0);
        let mut progress = Progress::new("r");
        progress.set_status("git", Status::Learned, at);
        let entry = progress.skills.get("git");
        let held = roadmap.held_rank(entry);
        assert!(meets(entry, held, None));
        assert!(meets(entry, held, Some(3)));
        assert!(
            !meets(entry, held, Some(4)),
            "learned is proficient, not expert"
        );
        progress.set_level("sql", Some("working"), at);
        let entry = progress.skills.get("sql");
        assert!(meets(entry, roadmap.held_rank(entry), Some(2)));
        assert!(
            !meets(entry, roadmap.held_rank(entry), None),
            "still learning"
        );
    }

    #[test]
    fn an_empty_learned_level_is_the_highest() {
        let mut roadmap = scaled();
        roadmap.learned_level.clear();
        assert_eq!(roadmap.learned_rank(), Some(4));
    }
}
