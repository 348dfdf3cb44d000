//! One person's progress on a roadmap, kept apart from the roadmap itself so the roadmap
//! can change without anyone losing statuses or notes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Timestamp;
use super::conflict::Conflict;

/// The progress file format this version of Waymark writes and reads up to.
///
/// Format history: 1, the first; 2 added private notes (`notes_private`); 3 added the
/// member picked in a pick-one group (`picked`); 4 added the level held (`level`) and
/// evidence for it (`evidence`); 5 added the conflicts a merge left (`conflicts`). Older files are read and migrated in memory, and written
/// in the current format when next saved.
pub const PROGRESS_FORMAT_VERSION: u32 = 5;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    #[default]
    NotStarted,
    Learning,
    Learned,
    /// Deliberately not learning it: it no longer counts against progress.
    Skipped,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::Learning,
        Status::Learned,
        Status::Skipped,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::Learning => "Learning",
            Status::Learned => "Learned",
            Status::Skipped => "Skipped",
        }
    }

    fn is_not_started(&self) -> bool {
        *self == Status::NotStarted
    }
}

/// A status change with the moment it happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub at: Timestamp,
    pub status: Status,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillProgress {
    #[serde(default, skip_serializing_if = "Status::is_not_started")]
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// When the notes were last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes_edited_at: Option<Timestamp>,
    /// Private notes never leave: not through an export, not through a team plan.
    #[serde(default, skip_serializing_if = "is_false")]
    pub notes_private: bool,
    /// Every status change, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StatusChange>,
    /// The person picked this skill in its pick-one group: the one they mean to learn.
    #[serde(default, skip_serializing_if = "is_false")]
    pub picked: bool,
    /// The level of the roadmap's scale the person holds the skill at, by level id; `None`
    /// means "Learned" stands for the scale's learned level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// When the level was last set or cleared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_set_at: Option<Timestamp>,
    /// What shows the level held, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// Something that shows a level claim: a dated text and, if there is one, a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub at: Timestamp,
    /// The level it supports, by id; empty when it was recorded without one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub level: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub link: String,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl SkillProgress {
    /// The notes anyone but their author may read: none when they are private.
    pub fn shared_notes(&self) -> &str {
        if self.notes_private { "" } else { &self.notes }
    }
}

/// One person's statuses, notes and history on one roadmap, keyed by stable skill id.
/// Entries for ids the roadmap no longer has are kept, never dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub format_version: u32,
    pub roadmap_id: String,
    #[serde(default)]
    pub person: String,
    #[serde(default, deserialize_with = "unique_keys")]
    pub skills: BTreeMap<String, SkillProgress>,
    /// What a merge could not decide, until the person picks.
    #[serde(default, skip_serializing_if = "ProgressConflicts::is_empty")]
    pub conflicts: ProgressConflicts,
}

/// Conflicts a merge left in a progress file: `about` holds its own fields (the person's
/// name), by field name; `skills` the entries, by skill id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressConflicts {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<Conflict<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Conflict<SkillProgress>>,
}

impl ProgressConflicts {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> usize {
        self.about.len() + self.skills.len()
    }
}

/// Reads a map keyed by skill id, refusing a key that appears twice: the second entry
/// would silently replace the first, with its notes and history.
pub(crate) fn unique_keys<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    deserializer.deserialize_map(UniqueKeys {
        key: "skill",
        lost: "notes and history with it",
        value: std::marker::PhantomData,
    })
}

/// Reads a map keyed by level id (a rubric), refusing a level that appears twice.
pub(crate) fn unique_level_keys<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    deserializer.deserialize_map(UniqueKeys {
        key: "level",
        lost: "its line with it",
        value: std::marker::PhantomData,
    })
}

/// Reads what a milestone expects, keyed by skill id, refusing a skill named twice.
pub(crate) fn unique_expectations<'de, D, V>(
    deserializer: D,
) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    deserializer.deserialize_map(UniqueKeys {
        key: "skill",
        lost: "the level expected with it",
        value: std::marker::PhantomData,
    })
}

/// A map whose keys (`key` ids) may each appear once; `lost` says what a second entry
/// would take with it.
struct UniqueKeys<V> {
    key: &'static str,
    lost: &'static str,
    value: std::marker::PhantomData<V>,
}

impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for UniqueKeys<V> {
    type Value = BTreeMap<String, V>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(formatter, "a map keyed by {} id", self.key)
    }

    /// Waymark writes these maps sorted, so while the keys come in order they are kept
    /// in a list (a repeat is the key just before) and the map is built from it at once;
    /// a key out of order turns the list into the map, which then checks each key. Half
    /// the time of reading a big team plan went into looking each key up twice.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let twice = |key: &str| {
            serde::de::Error::custom(format!(
                "{} `{}` appears twice; one entry per {} (the second would replace the first, {})",
                self.key,
                super::text::visible(key),
                self.key,
                self.lost
            ))
        };
        let mut sorted: Vec<(String, V)> =
            Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        let mut out = loop {
            let Some(key) = map.next_key::<String>()? else {
                // In order and each once: the map is built from the list without a search.
                return Ok(sorted.into_iter().collect());
            };
            match sorted.last().map(|(last, _)| key.as_str().cmp(last)) {
                Some(std::cmp::Ordering::Equal) => return Err(twice(&key)),
                Some(std::cmp::Ordering::Less) => {
                    let mut out: BTreeMap<String, V> = sorted.into_iter().collect();
                    if out.contains_key(&key) {
                        return Err(twice(&key));
                    }
                    out.insert(key, map.next_value()?);
                    break out;
                }
                _ => sorted.push((key, map.next_value()?)),
            }
        };
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(twice(&key));
            }
            let value = map.next_value()?;
            out.insert(key, value);
        }
        Ok(out)
    }
}

impl Progress {
    pub fn new(roadmap_id: &str) -> Self {
        Self {
            format_version: PROGRESS_FORMAT_VERSION,
            roadmap_id: roadmap_id.to_owned(),
            person: String::new(),
            skills: BTreeMap::new(),
            conflicts: ProgressConflicts::default(),
        }
    }

    pub fn status(&self, skill_id: &str) -> Status {
        self.skills
            .get(skill_id)
            .map_or(Status::NotStarted, |entry| entry.status)
    }

    pub fn notes(&self, skill_id: &str) -> &str {
        self.skills
            .get(skill_id)
            .map_or("", |entry| entry.notes.as_str())
    }

    /// Sets a status and records the change in the history. Setting the status a skill
    /// already has changes nothing. Returns whether anything changed.
    pub fn set_status(&mut self, skill_id: &str, status: Status, at: Timestamp) -> bool {
        if self.status(skill_id) == status {
            return false;
        }
        let entry = self.skills.entry(skill_id.to_owned()).or_default();
        entry.status = status;
        entry.history.push(StatusChange { at, status });
        true
    }

    /// The notes others may read on a skill: empty when private.
    pub fn shared_notes(&self, skill_id: &str) -> &str {
        self.skills
            .get(skill_id)
            .map_or("", SkillProgress::shared_notes)
    }

    /// Whether the person picked this skill in its pick-one group.
    pub fn is_picked(&self, skill_id: &str) -> bool {
        self.skills.get(skill_id).is_some_and(|entry| entry.picked)
    }

    /// Marks a skill picked in its group or not (the caller clears the other members).
    /// Returns whether anything changed; an entry left empty is removed.
    pub fn set_picked(&mut self, skill_id: &str, picked: bool) -> bool {
        if self.is_picked(skill_id) == picked {
            return false;
        }
        let entry = self.skills.entry(skill_id.to_owned()).or_default();
        entry.picked = picked;
        if *entry == SkillProgress::default() {
            self.skills.remove(skill_id);
        }
        true
    }

    /// Marks a skill's notes private or not. Returns whether anything changed.
    pub fn set_notes_private(&mut self, skill_id: &str, private: bool) -> bool {
        if self.skills.get(skill_id).is_some_and(|e| e.notes_private) == private {
            return false;
        }
        self.skills
            .entry(skill_id.to_owned())
            .or_default()
            .notes_private = private;
        true
    }

    /// This progress as it may be shared: statuses and their history always; notes only
    /// with `include_notes`, and private notes never. Entries left empty are dropped.
    pub fn for_sharing(&self, include_notes: bool) -> Progress {
        let mut shared = self.clone();
        // What a merge left undecided is the person's own to settle, and may hold notes.
        shared.conflicts = ProgressConflicts::default();
        for entry in shared.skills.values_mut() {
            if !include_notes || entry.notes_private {
                entry.notes.clear();
                entry.notes_edited_at = None;
                entry.notes_private = false;
            }
        }
        shared
            .skills
            .retain(|_, entry| *entry != SkillProgress::default());
        shared
    }

    /// The level id set on a skill, if any.
    pub fn level(&self, skill_id: &str) -> Option<&str> {
        self.skills.get(skill_id)?.level.as_deref()
    }

    /// Sets or clears the level held on a skill. A level above nothing yet learned marks
    /// the skill learning, so that the status never says less than the level. Returns
    /// whether anything changed; an entry left empty is removed.
    pub fn set_level(&mut self, skill_id: &str, level: Option<&str>, at: Timestamp) -> bool {
        if self.level(skill_id) == level {
            return false;
        }
        if level.is_some() && self.status(skill_id) == Status::NotStarted {
            self.set_status(skill_id, Status::Learning, at);
        }
        let entry = self.skills.entry(skill_id.to_owned()).or_default();
        entry.level = level.map(str::to_owned);
        entry.level_set_at = level.map(|_| at);
        if *entry == SkillProgress::default() {
            self.skills.remove(skill_id);
        }
        true
    }

    /// Adds evidence for a skill. Returns whether anything changed (empty text is none).
    pub fn add_evidence(&mut self, skill_id: &str, evidence: Evidence) -> bool {
        if evidence.text.trim().is_empty() && evidence.link.trim().is_empty() {
            return false;
        }
        self.skills
            .entry(skill_id.to_owned())
            .or_default()
            .evidence
            .push(evidence);
        true
    }

    /// Removes the evidence at `index` on a skill. Returns whether anything changed.
    pub fn remove_evidence(&mut self, skill_id: &str, index: usize) -> bool {
        let Some(entry) = self.skills.get_mut(skill_id) else {
            return false;
        };
        if index >= entry.evidence.len() {
            return false;
        }
        entry.evidence.remove(index);
        if *entry == SkillProgress::default() {
            self.skills.remove(skill_id);
        }
        true
    }

    /// Replaces the notes of a skill. Returns whether anything changed.
    pub fn set_notes(&mut self, skill_id: &str, notes: &str, at: Timestamp) -> bool {
        if self.notes(skill_id) == notes {
            return false;
        }
        let entry = self.skills.entry(skill_id.to_owned()).or_default();
        entry.notes = notes.to_owned();
        entry.notes_edited_at = Some(at);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skills_of(keys: &[&str]) -> Result<Vec<String>, String> {
        let entries: String = keys
            .iter()
            .map(|key| format!("\"{key}\": SkillProgress(notes: \"{key}\"), "))
            .collect();
        let text = format!("Progress(format_version: 5, roadmap_id: \"r\", skills: {{{entries}}})");
        let progress: Progress = ron::from_str(&text).map_err(|e| e.to_string())?;
        for (key, entry) in &progress.skills {
            assert_eq!(&entry.notes, key, "each entry keeps its own value");
        }
        Ok(progress.skills.into_keys().collect())
    }

    #[test]
    fn skill_keys_in_any_order_are_read_and_a_key_twice_is_refused_wherever_it_is() {
        assert_eq!(skills_of(&["a", "b", "c"]).unwrap(), ["a", "b", "c"]);
        // Out of order (a hand-edited file): read all the same.
        assert_eq!(
            skills_of(&["c", "a", "b", "d"]).unwrap(),
            ["a", "b", "c", "d"]
        );
        assert_eq!(skills_of(&[]).unwrap(), Vec::<String>::new());
        for keys in [
            &["a", "a"][..],
            &["a", "b", "b"],
            &["b", "a", "b"],
            &["a", "c", "b", "a"],
            &["c", "a", "c"],
        ] {
            let error = skills_of(keys).unwrap_err();
            assert!(error.contains("appears twice"), "{keys:?}: {error}");
        }
    }

    #[test]
    fn status_changes_are_recorded_with_their_date() {
        let mut progress = Progress::new("r");
        let at = Timestamp::from_unix_secs(86_400);
        assert!(progress.set_status("git", Status::Learning, at));
        assert!(progress.set_status("git", Status::Learned, at));
        assert!(!progress.set_status("git", Status::Learned, at));
        let history = &progress.skills["git"].history;
        assert_eq!(history.len(), 2);
        assert_eq!(
            history[1],
            StatusChange {
                at,
                status: Status::Learned
            }
        );
    }

    #[test]
    fn private_notes_never_leave_and_notes_only_when_asked() {
        let at = Timestamp::from_unix_secs(0);
        let mut progress = Progress::new("r");
        progress.set_status("git", Status::Learned, at);
        progress.set_notes("git", "rebase daily", at);
        progress.set_notes("sql", "salary talk with my manager", at);
        assert!(progress.set_notes_private("sql", true));
        assert!(!progress.set_notes_private("sql", true));
        assert_eq!(progress.shared_notes("sql"), "");
        assert_eq!(progress.shared_notes("git"), "rebase daily");

        let with_notes = progress.for_sharing(true);
        assert_eq!(with_notes.notes("git"), "rebase daily");
        assert!(
            !with_notes.skills.contains_key("sql"),
            "only a private note: nothing left"
        );
        let without = progress.for_sharing(false);
        assert_eq!(without.notes("git"), "");
        assert_eq!(without.status("git"), Status::Learned);
        assert_eq!(without.skills["git"].history.len(), 1);
    }

    #[test]
    fn notes_are_dated_and_unknown_skills_read_as_not_started() {
        let mut progress = Progress::new("r");
        let at = Timestamp::from_unix_secs(3);
        assert!(progress.set_notes("sql", "read the manual", at));
        assert_eq!(progress.notes("sql"), "read the manual");
        assert_eq!(progress.skills["sql"].notes_edited_at, Some(at));
        assert_eq!(progress.status("nothing-here"), Status::NotStarted);
    }
}
