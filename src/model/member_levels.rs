//! The levels a team member holds: their own view, their manager's rating, which counts
//! for the team, and where the two disagree.

use super::Roadmap;
use super::ratings::{Assessed, Rater, Rating};
use super::team::Member;

impl Member {
    /// The latest rating of a skill by one kind of rater.
    pub fn latest_rating(&self, skill_id: &str, by: Rater) -> Option<&Rating> {
        self.ratings
            .iter()
            .filter(|rating| rating.skill_id == skill_id && rating.by == by)
            .max_by_key(|rating| rating.at)
    }

    /// The level from one kind of rater, on the roadmap's scale.
    pub fn rated(&self, roadmap: &Roadmap, skill_id: &str, by: Rater) -> Option<Assessed> {
        let rating = self.latest_rating(skill_id, by)?;
        Some(Assessed {
            rank: roadmap.level_rank(&rating.level)?,
            at: Some(rating.at),
        })
    }

    /// The person's own view of their level: their latest self rating, else the level
    /// their progress holds (a learned skill holds the learned level).
    pub fn self_level(&self, roadmap: &Roadmap, skill_id: &str) -> Option<Assessed> {
        if let Some(rated) = self.rated(roadmap, skill_id, Rater::Person) {
            return Some(rated);
        }
        let entry = self.progress()?.skills.get(skill_id);
        let rank = roadmap.held_rank(entry)?;
        let at = entry.and_then(|entry| {
            entry
                .level_set_at
                .or_else(|| entry.history.last().map(|change| change.at))
        });
        Some(Assessed { rank, at })
    }

    /// The level ratings give: the manager's latest, else the person's own latest. The
    /// one rule of which rating counts; the levels below add what the progress holds.
    pub fn rating_rank(&self, roadmap: &Roadmap, skill_id: &str) -> Option<usize> {
        self.rated(roadmap, skill_id, Rater::Manager)
            .or_else(|| self.rated(roadmap, skill_id, Rater::Person))
            .map(|assessed| assessed.rank)
    }

    /// The level the team goes by: a rating (`rating_rank`), else what the progress holds
    /// (a learned skill holds the learned level).
    pub fn held_level(&self, roadmap: &Roadmap, skill_id: &str) -> Option<usize> {
        self.rating_rank(roadmap, skill_id)
            .or_else(|| roadmap.held_rank(self.progress()?.skills.get(skill_id)))
    }

    /// The level given to the skill by a rating or set in the progress, as the canvas and
    /// the matrix name it: a skill learned with no level given names none.
    pub fn given_level(&self, roadmap: &Roadmap, skill_id: &str) -> Option<usize> {
        self.rating_rank(roadmap, skill_id).or_else(|| {
            let entry = self.progress()?.skills.get(skill_id)?;
            roadmap.level_rank(entry.level.as_deref()?)
        })
    }

    /// Where the person's and the manager's levels differ by more than one step.
    pub fn ratings_disagree(&self, roadmap: &Roadmap, skill_id: &str) -> bool {
        match (
            self.self_level(roadmap, skill_id),
            self.rated(roadmap, skill_id, Rater::Manager),
        ) {
            (Some(own), Some(manager)) => own.rank.abs_diff(manager.rank) > 1,
            _ => false,
        }
    }

    /// The level the team goes by for every skill of the roadmap, in its order (0 for
    /// none): `held_level` for each (`given_level` without `learned_counts`), with the
    /// ratings read once instead of once per skill. With `learned_counts`
    /// false a skill learned without a level given shows none (as the canvas draws it).
    pub fn team_levels(&self, roadmap: &Roadmap, learned_counts: bool) -> Vec<u8> {
        let mut latest: foldhash::HashMap<(&str, Rater), &Rating> = foldhash::HashMap::default();
        for rating in &self.ratings {
            let slot = latest
                .entry((rating.skill_id.as_str(), rating.by))
                .or_insert(rating);
            if rating.at >= slot.at {
                *slot = rating;
            }
        }
        let rank_of = |skill_id: &str, by: Rater| {
            latest
                .get(&(skill_id, by))
                .and_then(|rating| roadmap.level_rank(&rating.level))
        };
        let progress = self.progress();
        roadmap
            .skills
            .iter()
            .map(|skill| {
                let rank = rank_of(&skill.id, Rater::Manager)
                    .or_else(|| rank_of(&skill.id, Rater::Person))
                    .or_else(|| {
                        let entry = progress?.skills.get(&skill.id);
                        if learned_counts {
                            roadmap.held_rank(entry)
                        } else {
                            roadmap.level_rank(entry?.level.as_deref()?)
                        }
                    });
                rank.map_or(0, |rank| u8::try_from(rank).unwrap_or(u8::MAX))
            })
            .collect()
    }

    /// Skill ids with a rating, in the order first rated.
    pub fn rated_skills(&self) -> Vec<&str> {
        let mut seen = Vec::new();
        for rating in &self.ratings {
            if !seen.contains(&rating.skill_id.as_str()) {
                seen.push(rating.skill_id.as_str());
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levels::scaled;
    use crate::model::{Status, Timestamp};

    fn rating(skill_id: &str, by: Rater, level: &str, day: i64) -> Rating {
        Rating {
            skill_id: skill_id.to_owned(),
            by,
            name: String::new(),
            level: level.to_owned(),
            at: Timestamp::from_unix_secs(day * 86_400),
            notes: String::new(),
            links: Vec::new(),
        }
    }

    #[test]
    fn the_manager_s_latest_rating_wins_and_a_gap_of_two_levels_is_a_disagreement() {
        let roadmap = scaled();
        let mut member = Member::new("Ada", "r");
        if let Ok(progress) = member.progress.as_mut() {
            progress.set_status("sql", Status::Learned, Timestamp::from_unix_secs(0));
        }
        assert_eq!(member.held_level(&roadmap, "sql"), Some(3), "learned");
        member.ratings = vec![
            rating("sql", Rater::Manager, "expert", 10),
            rating("sql", Rater::Manager, "aware", 20),
            rating("sql", Rater::Mentor, "expert", 30),
        ];
        assert_eq!(member.held_level(&roadmap, "sql"), Some(1));
        assert!(
            member.ratings_disagree(&roadmap, "sql"),
            "proficient vs aware"
        );
        member
            .ratings
            .push(rating("sql", Rater::Person, "working", 40));
        assert!(
            !member.ratings_disagree(&roadmap, "sql"),
            "working vs aware"
        );
        assert_eq!(member.rated_skills(), ["sql"]);
    }
}
