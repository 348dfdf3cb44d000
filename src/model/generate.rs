//! Synthetic roadmaps shaped like real ones (stages, areas, about two prerequisites per
//! skill, notes on a third of them), for benchmarks, tests and trying the app at scale.

use crate::model::{Area, Progress, Resource, Roadmap, Skill, SkillKind, Status, Timestamp};

/// A small deterministic random generator (xorshift64*): the same seed, the same roadmap.
/// Tests use it too, so a failure replays from its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % n.max(1) as u64).unwrap_or(0)
    }

    /// One of `items`, or `None` when there are none.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// A roadmap of `skill_count` skills over the default stages, with a milestone ending each
/// stage, and progress on it: statuses on about half the skills, notes on a third.
pub fn generate(skill_count: usize, seed: u64) -> (Roadmap, Progress) {
    let mut rng = Rng(seed.max(1));
    let mut roadmap = Roadmap::new_empty(
        &format!("generated-{skill_count}"),
        &format!("Generated roadmap ({skill_count} skills)"),
    );
    roadmap.description = "A synthetic roadmap for benchmarks and tests.".to_owned();
    let stage_ids: Vec<String> = roadmap
        .stages
        .iter()
        .map(|stage| stage.id.clone())
        .collect();
    let stage_count = stage_ids.len();
    let milestone_count = stage_count.min(skill_count);
    let plain_count = skill_count - milestone_count;
    let per_stage = plain_count.div_ceil(stage_count.max(1)).max(1);

    let mut skills: Vec<Skill> = Vec::with_capacity(skill_count);
    for index in 0..plain_count {
        let stage_index = (index / per_stage).min(stage_count.saturating_sub(1));
        let stage = stage_ids.get(stage_index).cloned().unwrap_or_default();
        let (area, _) = Area::KNOWN
            .get(index % (Area::KNOWN.len() - 1))
            .copied()
            .unwrap_or(("fundamentals", ""));
        let mut skill = Skill::new(
            format!("skill-{index}"),
            format!("Skill {index}: {area} topic"),
            stage,
        );
        skill.area = Area(area.to_owned());
        skill.summary =
            format!("What skill {index} is about and why it matters at this stage of the path.");
        skill.resources = vec![Resource {
            title: format!("Reference for skill {index}"),
            url: format!("https://example.org/skills/{index}"),
        }];
        skill.estimate_hours = Some(u32::try_from(rng.below(40) + 2).unwrap_or(2));
        skill.optional = rng.below(10) == 0;
        // About two prerequisites, among the skills just before (keeps the graph a DAG and
        // the edges mostly local, like a real roadmap).
        if index > 0 {
            let window = index.min(40);
            let prerequisite_count = 1 + rng.below(4).min(2) + usize::from(rng.below(4) == 0);
            for _ in 0..prerequisite_count {
                let required = format!("skill-{}", index - 1 - rng.below(window));
                if !skill.requires.contains(&required) {
                    skill.requires.push(required);
                }
            }
        }
        skills.push(skill);
    }
    for (stage_index, stage_id) in stage_ids.iter().enumerate().take(milestone_count) {
        let members: Vec<String> = skills
            .iter()
            .filter(|s| &s.stage == stage_id)
            .map(|s| s.id.clone())
            .collect();
        let mut milestone = Skill::new(
            format!("milestone-{stage_id}"),
            format!("Milestone {}", stage_index + 1),
            stage_id.clone(),
        );
        milestone.kind = SkillKind::Milestone;
        milestone.area = Area("roles".to_owned());
        milestone.requires = members.iter().rev().take(6).cloned().collect();
        skills.push(milestone);
    }
    roadmap.skills = skills;

    let mut progress = Progress::new(&roadmap.id);
    progress.person = "Generated learner".to_owned();
    let at = Timestamp::parse("2026-01-15T10:00:00Z").unwrap_or(Timestamp::from_unix_secs(0));
    for skill in &roadmap.skills {
        if skill.kind == SkillKind::Milestone {
            continue;
        }
        match rng.below(6) {
            0 | 1 => {
                progress.set_status(&skill.id, Status::Learned, at);
            }
            2 => {
                progress.set_status(&skill.id, Status::Learning, at);
            }
            _ => {}
        }
        if rng.below(3) == 0 {
            progress.set_notes(
                &skill.id,
                &format!(
                    "Notes on {}: what I read, what I built, links.",
                    skill.title
                ),
                at,
            );
        }
    }
    (roadmap, progress)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files;

    #[test]
    fn generated_roadmaps_are_valid_and_the_size_asked_for() {
        for count in [1, 7, 100, 1000] {
            let (roadmap, progress) = generate(count, 42);
            assert_eq!(roadmap.skills.len(), count);
            let text = files::to_ron(&roadmap).unwrap();
            assert_eq!(
                files::parse_roadmap(&text).unwrap(),
                roadmap,
                "{count} skills"
            );
            assert_eq!(progress.roadmap_id, roadmap.id);
        }
        assert_eq!(
            generate(100, 7),
            generate(100, 7),
            "the same seed gives the same roadmap"
        );
    }

    #[test]
    fn about_two_prerequisites_per_skill_and_notes_on_a_third() {
        let (roadmap, progress) = generate(1000, 42);
        let average = roadmap.edge_count() as f32 / roadmap.skills.len() as f32;
        assert!((1.6..2.6).contains(&average), "{average}");
        let with_notes = progress
            .skills
            .values()
            .filter(|p| !p.notes.is_empty())
            .count();
        assert!((250..420).contains(&with_notes), "{with_notes}");
    }
}
