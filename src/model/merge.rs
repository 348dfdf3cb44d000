//! Two windows on one progress file: a three-way merge of what this window has, what the
//! file holds now (written by another window), and what this window last read or wrote,
//! so that neither loses a mark or a note.

use super::{Progress, SkillProgress, Timestamp};

/// What came from the other side for one skill: its entry now (`None`: it removed it).
pub type Incoming = (String, Option<SkillProgress>);

/// Merges `ours` with `theirs`, both changed from `base`. A skill changed on one side only
/// takes that change; one changed on both keeps every status change of both (in time
/// order, the status being the latest) and the notes edited last. Returns the merged
/// progress and what it took from `theirs` (to be taken into undo steps too).
pub fn merge_progress(
    base: &Progress,
    ours: &Progress,
    theirs: &Progress,
) -> (Progress, Vec<Incoming>) {
    let mut merged = ours.clone();
    let mut incoming = Vec::new();
    if ours.person == base.person {
        merged.person = theirs.person.clone();
    }
    let ids: std::collections::BTreeSet<&String> = base
        .skills
        .keys()
        .chain(ours.skills.keys())
        .chain(theirs.skills.keys())
        .collect();
    for id in ids {
        let (base_entry, our_entry, their_entry) = (
            base.skills.get(id),
            ours.skills.get(id),
            theirs.skills.get(id),
        );
        if their_entry == base_entry || their_entry == our_entry {
            continue; // nothing new from them
        }
        let entry = if our_entry == base_entry {
            their_entry.cloned()
        } else {
            // Changed on both sides: keep both.
            match (our_entry, their_entry) {
                (Some(ours), Some(theirs)) => Some(merge_entry(ours, theirs)),
                // One side removed it (undo of a first mark), the other changed it: keep it.
                (Some(entry), None) | (None, Some(entry)) => Some(entry.clone()),
                (None, None) => None,
            }
        };
        match &entry {
            Some(entry) => merged.skills.insert(id.clone(), entry.clone()),
            None => merged.skills.remove(id),
        };
        incoming.push((id.clone(), entry));
    }
    (merged, incoming)
}

fn last_change(entry: &SkillProgress) -> Option<Timestamp> {
    entry.history.last().map(|change| change.at)
}

fn merge_entry(ours: &SkillProgress, theirs: &SkillProgress) -> SkillProgress {
    let mut history = ours.history.clone();
    for change in &theirs.history {
        if !history.contains(change) {
            history.push(change.clone());
        }
    }
    history.sort_by_key(|change| change.at);
    let status = if last_change(theirs) > last_change(ours) {
        theirs.status
    } else {
        ours.status
    };
    let notes_from = if theirs.notes_edited_at > ours.notes_edited_at {
        theirs
    } else {
        ours
    };
    let level_from = if theirs.level_set_at > ours.level_set_at {
        theirs
    } else {
        ours
    };
    let mut evidence = ours.evidence.clone();
    for item in &theirs.evidence {
        if !evidence.contains(item) {
            evidence.push(item.clone());
        }
    }
    evidence.sort_by_key(|item| item.at);
    SkillProgress {
        status,
        notes: notes_from.notes.clone(),
        notes_edited_at: notes_from.notes_edited_at,
        notes_private: notes_from.notes_private,
        history,
        // This window's pick (two picks in one group are read as the first listed).
        picked: ours.picked,
        level: level_from.level.clone(),
        level_set_at: level_from.level_set_at,
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_unix_secs(secs)
    }

    #[test]
    fn marks_made_in_two_windows_are_both_kept() {
        let base = Progress::new("r");
        let mut ours = base.clone();
        ours.set_status("git", Status::Learned, at(10));
        let mut theirs = base.clone();
        theirs.set_status("sql", Status::Learning, at(11));
        let (merged, incoming) = merge_progress(&base, &ours, &theirs);
        assert_eq!(merged.status("git"), Status::Learned);
        assert_eq!(merged.status("sql"), Status::Learning);
        assert_eq!(incoming.len(), 1);
    }

    #[test]
    fn the_same_skill_changed_in_both_keeps_both_histories_and_the_latest_status() {
        let mut base = Progress::new("r");
        base.set_status("git", Status::Learning, at(1));
        let mut ours = base.clone();
        ours.set_status("git", Status::Learned, at(20));
        ours.set_notes("git", "mine", at(20));
        let mut theirs = base.clone();
        theirs.set_status("git", Status::Skipped, at(10));
        theirs.set_notes("git", "theirs, later", at(30));
        let (merged, _) = merge_progress(&base, &ours, &theirs);
        let entry = &merged.skills["git"];
        assert_eq!(entry.status, Status::Learned);
        assert_eq!(entry.history.len(), 3);
        assert_eq!(entry.notes, "theirs, later");
    }

    #[test]
    fn what_only_we_changed_stays_ours() {
        let mut base = Progress::new("r");
        base.set_status("git", Status::Learned, at(1));
        let mut ours = base.clone();
        ours.skills.remove("git");
        let (merged, incoming) = merge_progress(&base, &ours, &base);
        assert_eq!(merged.status("git"), Status::NotStarted);
        assert!(incoming.is_empty());
    }
}
