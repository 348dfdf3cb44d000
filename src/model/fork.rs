//! Forks: a copy of a roadmap adapted by its owner (a company's own skills, a stage
//! renamed) that keeps taking the upstream roadmap's next versions without losing its own
//! changes, and shares progress with it.

use super::merge_roadmap::merge_roadmaps;
use super::{Roadmap, RoadmapConflicts, Upstream};

/// The upstream as a fork records it: exactly its content, without what a merge left in
/// it (the fork's own conflicts are the fork's to show).
fn upstream_of(roadmap: &Roadmap) -> Upstream {
    let mut content = roadmap.clone();
    content.conflicts = RoadmapConflicts::default();
    Upstream {
        id: roadmap.id.clone(),
        roadmap: Box::new(content),
    }
}

/// A copy of `upstream` to adapt, under a new id and title, that records what it was
/// made from.
pub fn fork(upstream: &Roadmap, fork_id: &str, title: &str) -> Roadmap {
    let mut fork = upstream.clone();
    fork.id = fork_id.to_owned();
    fork.title = title.to_owned();
    fork.conflicts = RoadmapConflicts::default();
    fork.based_on = Some(upstream_of(upstream));
    fork
}

/// Whether the fork already took exactly this version of its upstream (the format it was
/// written in aside).
pub fn is_up_to_date(fork: &Roadmap, upstream: &Roadmap) -> bool {
    fork.based_on.as_ref().is_some_and(|based_on| {
        let mut recorded = (*based_on.roadmap).clone();
        recorded.format_version = upstream.format_version;
        recorded == upstream_of(upstream).roadmap.as_ref().clone()
    })
}

/// Why a roadmap cannot take an update.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum UpdateError {
    #[error("“{0}” is not a fork: it records no roadmap it was based on")]
    NotAFork(String),
    #[error("“{fork}” is based on the roadmap `{based_on}`, not on `{given}`")]
    OtherUpstream {
        fork: String,
        based_on: String,
        given: String,
    },
}

/// Takes `new_upstream` into `fork`: a three-way merge with the upstream version the fork
/// last took as the base, so the fork's own changes stay and the upstream's arrive. The
/// result records `new_upstream` as its base; conflicts are in its `conflicts`.
pub fn update_fork(fork: &Roadmap, new_upstream: &Roadmap) -> Result<Roadmap, UpdateError> {
    let based_on = fork
        .based_on
        .as_ref()
        .ok_or_else(|| UpdateError::NotAFork(fork.title.clone()))?;
    if based_on.id != new_upstream.id {
        return Err(UpdateError::OtherUpstream {
            fork: fork.title.clone(),
            based_on: based_on.id.clone(),
            given: new_upstream.id.clone(),
        });
    }
    // The fork's id and title are its own, whatever the upstream did with its own.
    let mut theirs = new_upstream.clone();
    theirs.id.clone_from(&fork.id);
    theirs.based_on = fork.based_on.clone();
    let mut base = (*based_on.roadmap).clone();
    base.id.clone_from(&fork.id);
    base.based_on = fork.based_on.clone();
    let mut merged = merge_roadmaps(&base, fork, &theirs);
    merged.based_on = Some(upstream_of(new_upstream));
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Skill, Stage};

    #[test]
    fn a_fork_keeps_its_changes_and_takes_the_upstreams() {
        let mut upstream = Roadmap::new_empty("backend", "Back end");
        upstream.skills = vec![
            Skill::new("sql", "SQL", "junior"),
            Skill::new("git", "Git", "junior"),
        ];
        let mut fork = fork(&upstream, "acme", "Acme back end");
        fork.skills
            .push(Skill::new("acme-deploy", "Deploying at Acme", "mid"));
        fork.stages[0] = Stage {
            id: "junior".into(),
            title: "Associate".into(),
        };
        let mut next = upstream.clone();
        next.skills[0].id = "databases".into();
        next.skills[0].replaces = vec!["sql".into()];
        next.skills.retain(|s| s.id != "git");
        next.skills.push(Skill::new("docker", "Docker", "mid"));

        let updated = update_fork(&fork, &next).unwrap();
        let ids: Vec<&str> = updated.skills.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["databases", "acme-deploy", "docker"]);
        assert_eq!(updated.stages[0].title, "Associate");
        assert_eq!(
            (updated.id.as_str(), updated.title.as_str()),
            ("acme", "Acme back end")
        );
        assert_eq!(
            updated.based_on.as_ref().unwrap().roadmap.skills,
            next.skills
        );
        assert!(updated.conflicts.is_empty());
        assert_eq!(updated.progress_id(), "backend");
        assert!(matches!(
            update_fork(&upstream, &next),
            Err(UpdateError::NotAFork(_))
        ));
    }
}
