//! Keeping progress across roadmap versions: progress kept under a skill's old id moves to
//! the skill that now `replaces` it; progress on skills that are gone stays in the file as
//! orphaned progress (listed, re-attachable, exportable), never dropped.

use foldhash::HashSet;

use super::{Progress, Roadmap};

/// Progress moved from a skill's old id to its new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    pub from: String,
    pub to: String,
}

/// Moves progress kept under old ids to the skills that replace them, where the new id
/// has no progress of its own yet (otherwise the old entry stays, orphaned, so nothing
/// is lost). Returns what moved.
pub fn carry_over_renames(roadmap: &Roadmap, progress: &mut Progress) -> Vec<Renamed> {
    let current: HashSet<&str> = roadmap.skills.iter().map(|s| s.id.as_str()).collect();
    let mut moved = Vec::new();
    for skill in roadmap.skills.iter().filter(|s| !s.replaces.is_empty()) {
        // The newest old id with progress wins: authors list old ids oldest first.
        for old_id in skill.replaces.iter().rev() {
            if current.contains(old_id.as_str()) || progress.skills.contains_key(&skill.id) {
                continue;
            }
            if let Some(entry) = progress.skills.remove(old_id) {
                progress.skills.insert(skill.id.clone(), entry);
                moved.push(Renamed {
                    from: old_id.clone(),
                    to: skill.id.clone(),
                });
            }
        }
    }
    moved
}

/// Skill ids with progress that the roadmap does not have, in id order.
pub fn orphaned_progress(roadmap: &Roadmap, progress: &Progress) -> Vec<String> {
    let current: HashSet<&str> = roadmap.skills.iter().map(|s| s.id.as_str()).collect();
    progress
        .skills
        .keys()
        .filter(|id| !current.contains(id.as_str()))
        .cloned()
        .collect()
}

/// Moves orphaned progress onto a skill of the roadmap that has none yet. Returns whether
/// it moved.
pub fn reattach(progress: &mut Progress, from: &str, to: &str) -> bool {
    if from == to || progress.skills.contains_key(to) {
        return false;
    }
    match progress.skills.remove(from) {
        Some(entry) => {
            progress.skills.insert(to.to_owned(), entry);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Skill, Status, Timestamp};

    /// v1: git, sql, docker (junior), k8s (senior); the empty roadmap has those stages.
    fn v1() -> Roadmap {
        let mut roadmap = Roadmap::new_empty("r", "R");
        roadmap.skills = vec![
            Skill::new("git", "Git", "junior"),
            Skill::new("sql", "SQL", "junior"),
            Skill::new("docker", "Docker", "junior"),
            Skill::new("k8s", "Kubernetes", "senior"),
        ];
        roadmap
    }

    /// v2: git kept; sql renamed to relational-sql; docker re-staged to senior; k8s
    /// removed; observability new.
    fn v2() -> Roadmap {
        let mut roadmap = v1();
        let mut renamed = Skill::new("relational-sql", "Relational SQL", "junior");
        renamed.replaces = vec!["sql".into()];
        roadmap.skills = vec![
            Skill::new("git", "Git", "junior"),
            renamed,
            Skill::new("docker", "Docker", "senior"),
            Skill::new("observability", "Observability", "senior"),
        ];
        roadmap
    }

    #[test]
    fn progress_on_v1_survives_v2_with_a_renamed_removed_restaged_and_new_skill() {
        let at = Timestamp::from_unix_secs(86_400);
        let mut progress = Progress::new("r");
        for (id, status, notes) in [
            ("git", Status::Learned, "daily"),
            ("sql", Status::Learned, "joins, window functions"),
            ("docker", Status::Learning, "compose files"),
            ("k8s", Status::Skipped, "not for us yet"),
        ] {
            progress.set_status(id, status, at);
            progress.set_notes(id, notes, at);
        }
        let before = progress.clone();

        let moved = carry_over_renames(&v2(), &mut progress);
        assert_eq!(
            moved,
            vec![Renamed {
                from: "sql".into(),
                to: "relational-sql".into()
            }]
        );
        // Every status and note is accounted for: unchanged, moved, or kept orphaned.
        assert_eq!(progress.skills["git"], before.skills["git"]);
        assert_eq!(progress.skills["relational-sql"], before.skills["sql"]);
        assert_eq!(
            progress.skills["docker"], before.skills["docker"],
            "re-staged keeps it"
        );
        assert_eq!(
            progress.skills["k8s"], before.skills["k8s"],
            "removed is kept"
        );
        assert!(
            !progress.skills.contains_key("observability"),
            "new starts empty"
        );
        assert_eq!(progress.skills.len(), before.skills.len());
        assert_eq!(orphaned_progress(&v2(), &progress), vec!["k8s".to_owned()]);

        // Opening v2 again moves nothing more.
        assert!(carry_over_renames(&v2(), &mut progress).is_empty());
    }

    #[test]
    fn an_old_id_never_overwrites_progress_on_the_new_one() {
        let at = Timestamp::from_unix_secs(0);
        let mut progress = Progress::new("r");
        progress.set_status("sql", Status::Learned, at);
        progress.set_status("relational-sql", Status::Learning, at);
        assert!(carry_over_renames(&v2(), &mut progress).is_empty());
        assert_eq!(progress.status("relational-sql"), Status::Learning);
        assert_eq!(orphaned_progress(&v2(), &progress), vec!["sql".to_owned()]);
    }

    #[test]
    fn orphaned_progress_can_be_reattached_to_a_skill_without_progress() {
        let at = Timestamp::from_unix_secs(0);
        let mut progress = Progress::new("r");
        progress.set_status("k8s", Status::Learned, at);
        progress.set_status("git", Status::Learned, at);
        assert!(!reattach(&mut progress, "k8s", "git"), "git has its own");
        assert!(reattach(&mut progress, "k8s", "observability"));
        assert_eq!(progress.status("observability"), Status::Learned);
        assert!(!progress.skills.contains_key("k8s"));
    }
}
