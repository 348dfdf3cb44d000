//! Ratings in a team plan: the level someone gives a person's skill (the person themself,
//! their manager, a mentor), when, and on what evidence; and when the team counts a skill
//! as covered.

use serde::{Deserialize, Serialize};

use super::Timestamp;

/// Ratings older than this are due for review: about six months.
pub const DEFAULT_REVIEW_INTERVAL_DAYS: u32 = 182;

/// Who gave a rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rater {
    /// The person rated their own skill.
    Person,
    Manager,
    Mentor,
}

impl Rater {
    pub const ALL: [Rater; 3] = [Rater::Person, Rater::Manager, Rater::Mentor];

    pub fn label(&self) -> &'static str {
        match self {
            Rater::Person => "Self",
            Rater::Manager => "Manager",
            Rater::Mentor => "Mentor",
        }
    }
}

/// One level given to one skill of a member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub skill_id: String,
    pub by: Rater,
    /// The rater's name; for a self rating, the member's own.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// A level id of the roadmap's scale.
    pub level: String,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
}

/// When the team counts a skill as covered: enough people holding it at a level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageRule {
    pub people: u32,
    /// A level id; empty for the scale's learned level.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub level: String,
}

impl Default for CoverageRule {
    fn default() -> Self {
        Self {
            people: 2,
            level: String::new(),
        }
    }
}

impl CoverageRule {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// A level someone holds a skill at, by place on the scale, with when it was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assessed {
    pub rank: usize,
    /// When it was given; `None` for a level that came with no date.
    pub at: Option<Timestamp>,
}

impl Assessed {
    /// Whether it is older than `interval_days` on `today`. An undated one (a skill
    /// marked learned with no date kept) has no age to judge.
    pub fn is_due(&self, today: Timestamp, interval_days: u32) -> bool {
        self.at
            .is_some_and(|at| today.unix_secs - at.unix_secs > i64::from(interval_days) * 86_400)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rating_older_than_the_interval_is_due() {
        let today = Timestamp::from_unix_secs(400 * 86_400);
        let recent = Assessed {
            rank: 1,
            at: Some(Timestamp::from_unix_secs(300 * 86_400)),
        };
        let old = Assessed {
            rank: 1,
            at: Some(Timestamp::from_unix_secs(100 * 86_400)),
        };
        assert!(!recent.is_due(today, DEFAULT_REVIEW_INTERVAL_DAYS));
        assert!(old.is_due(today, DEFAULT_REVIEW_INTERVAL_DAYS));
        assert!(!Assessed { rank: 1, at: None }.is_due(today, 182));
    }
}
