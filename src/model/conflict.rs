//! What a three-way merge could not decide, kept in the merged file itself so that it
//! stays loadable and the app can show each conflict and let the person pick.

use serde::{Deserialize, Serialize};

/// One item both sides changed in ways that do not fit together. The merged file keeps
/// one side's version of the item; this records the other side's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict<T> {
    /// The item's id (a skill id, a member's name…), or the field's name for a file's own
    /// fields (its title, …).
    pub id: String,
    /// The fields both sides changed differently: the merged file holds the kept side's
    /// values. Empty when the conflict is over the whole item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// The item as the other side has it; `None` when the other side removed it (and this
    /// side changed it, so it was kept).
    pub other: Option<T>,
}

impl<T> Conflict<T> {
    /// Whether the other side removed the item.
    pub fn is_removal(&self) -> bool {
        self.other.is_none()
    }
}

/// The fields of a record a merge goes through one by one, and the field a person picks
/// when resolving a conflict.
pub trait Fields: Clone + PartialEq {
    /// Merges `ours` and `theirs`, both from `base` (`None`: added on both sides). Returns
    /// the merged value and the names of the fields both changed differently, which keep
    /// `ours`.
    fn merge(base: Option<&Self>, ours: &Self, theirs: &Self) -> (Self, Vec<String>);
    /// Copies `field` from `other`. Returns whether there is such a field.
    fn take_field(&mut self, other: &Self, field: &str) -> bool;
    /// A field's value as a person reads it, for the conflict list.
    fn field_text(&self, field: &str) -> String;
}

/// Where a conflict list has been merged: conflicts already in either file are kept (one
/// copy of each), then the new ones.
pub fn unite<T: PartialEq + Clone>(ours: &[T], theirs: &[T], new: Vec<T>) -> Vec<T> {
    let mut all = ours.to_vec();
    for conflict in theirs.iter().chain(&new) {
        if !all.contains(conflict) {
            all.push(conflict.clone());
        }
    }
    all
}
