//! Three-way merging by id: the pieces `waymark merge` is built from. Each takes the
//! common base and the two sides changed from it, keeps what either side changed, and
//! reports what both changed differently.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::conflict::{Conflict, Fields};

/// One value changed on either side: the side that changed it wins. Returns the value and
/// whether both changed it differently (then `ours` is kept).
pub fn pick<T: Clone + PartialEq>(base: Option<&T>, ours: &T, theirs: &T) -> (T, bool) {
    if ours == theirs || base == Some(theirs) {
        (ours.clone(), false)
    } else if base == Some(ours) {
        (theirs.clone(), false)
    } else {
        (ours.clone(), true)
    }
}

/// A list used as a set (prerequisite ids, group members, rename records): what either
/// side added is in, what either side removed is out, in `ours`' order with `theirs`'
/// additions after.
pub fn merge_set(base: Option<&[String]>, ours: &[String], theirs: &[String]) -> Vec<String> {
    let base: HashSet<&String> = base.unwrap_or_default().iter().collect();
    let in_ours: HashSet<&String> = ours.iter().collect();
    let in_theirs: HashSet<&String> = theirs.iter().collect();
    let mut merged: Vec<String> = ours
        .iter()
        .filter(|id| !base.contains(id) || in_theirs.contains(id))
        .cloned()
        .collect();
    merged.extend(
        theirs
            .iter()
            .filter(|id| !base.contains(id) && !in_ours.contains(id))
            .cloned(),
    );
    merged
}

/// A map of plain values (a rubric, a milestone's expectations), key by key. Returns the
/// merged map and whether some key was changed differently on both sides.
pub fn merge_values<V: Clone + PartialEq>(
    base: Option<&BTreeMap<String, V>>,
    ours: &BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
) -> (BTreeMap<String, V>, bool) {
    let empty = BTreeMap::new();
    let base = base.unwrap_or(&empty);
    let mut merged = BTreeMap::new();
    let mut conflicted = false;
    let keys: std::collections::BTreeSet<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    for key in keys {
        let (value, conflict) = pick(Some(&base.get(key)), &ours.get(key), &theirs.get(key));
        conflicted |= conflict;
        if let Some(value) = value {
            merged.insert(key.clone(), value.clone());
        }
    }
    (merged, conflicted)
}

/// What happened to one item across the two sides.
enum Outcome<T> {
    Keep(T),
    Drop,
    Conflicted(T, Conflict<T>),
}

fn merge_item<T: Fields>(
    id: &str,
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
) -> Outcome<T> {
    let conflict = |fields: Vec<String>, other: Option<&T>| Conflict {
        id: id.to_owned(),
        fields,
        other: other.cloned(),
    };
    match (ours, theirs) {
        (Some(ours), Some(theirs)) => {
            if ours == theirs || base == Some(theirs) {
                return Outcome::Keep(ours.clone());
            }
            if base == Some(ours) {
                return Outcome::Keep(theirs.clone());
            }
            let (merged, fields) = T::merge(base, ours, theirs);
            if fields.is_empty() {
                Outcome::Keep(merged)
            } else {
                Outcome::Conflicted(merged, conflict(fields, Some(theirs)))
            }
        }
        // Removed on one side: gone if the other left it as it was; kept, with the removal
        // recorded as the other choice, if the other changed it.
        (Some(kept), None) | (None, Some(kept)) => match base {
            None => Outcome::Keep(kept.clone()),
            Some(base) if base == kept => Outcome::Drop,
            Some(_) => Outcome::Conflicted(kept.clone(), conflict(Vec::new(), None)),
        },
        (None, None) => Outcome::Drop,
    }
}

/// An ordered list of items with ids (stages, skills, groups, levels, members). Items
/// added on either side are kept, in place; items removed on one side and untouched on the
/// other go; items on both are merged field by field. The order is `theirs`' when only
/// they reordered, else `ours`' with `theirs`' additions after the item before them. Two
/// items of one id (two members named Ann) are told apart by which of them they are, the
/// first Ann with the first Ann: none is lost to the other.
pub fn merge_list<T: Fields>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    id_of: impl Fn(&T) -> &str,
) -> (Vec<T>, Vec<Conflict<T>>) {
    let (base_keys, ours_keys, theirs_keys) = (
        occurrence_keys(base, &id_of),
        occurrence_keys(ours, &id_of),
        occurrence_keys(theirs, &id_of),
    );
    let index = |keys: &[String]| -> HashMap<String, usize> {
        (keys.iter().enumerate())
            .map(|(at, key)| (key.clone(), at))
            .collect()
    };
    let (in_base, in_ours, in_theirs) = (index(&base_keys), index(&ours_keys), index(&theirs_keys));
    let kept = |keys: &[String], keep: &HashMap<String, usize>| -> Vec<String> {
        (keys.iter())
            .filter(|key| keep.contains_key(*key))
            .cloned()
            .collect()
    };
    let ours_reordered = kept(&ours_keys, &in_base) != kept(&base_keys, &in_ours);
    let (first, second, in_first) = if ours_reordered {
        (&ours_keys, &theirs_keys, &in_ours)
    } else {
        (&theirs_keys, &ours_keys, &in_theirs)
    };
    // The sequence of keys: the leading side's, with the other's new items after the item
    // that comes before them there.
    let mut order: Vec<String> = first.clone();
    let mut placed: HashSet<String> = order.iter().cloned().collect();
    let mut previous: Option<String> = None;
    for key in second {
        if !in_first.contains_key(key) && !in_base.contains_key(key) && !placed.contains(key) {
            let at = previous
                .as_ref()
                .and_then(|before| order.iter().position(|placed| placed == before))
                .map_or(0, |position| position + 1);
            order.insert(at, key.clone());
            placed.insert(key.clone());
        }
        if placed.contains(key) {
            previous = Some(key.clone());
        }
    }
    // Items removed on the leading side that the other side changed come back too.
    for key in second {
        if !placed.contains(key) && in_base.contains_key(key) {
            order.push(key.clone());
            placed.insert(key.clone());
        }
    }
    let get = |items: &'_ [T], at: &HashMap<String, usize>, key: &str| -> Option<T> {
        at.get(key).and_then(|&i| items.get(i)).cloned()
    };
    let mut merged = Vec::new();
    let mut conflicts = Vec::new();
    for key in &order {
        let (b, o, t) = (
            get(base, &in_base, key),
            get(ours, &in_ours, key),
            get(theirs, &in_theirs, key),
        );
        let id = key.split(OCCURRENCE).next().unwrap_or(key);
        match merge_item(id, b.as_ref(), o.as_ref(), t.as_ref()) {
            Outcome::Keep(item) => merged.push(item),
            Outcome::Drop => {}
            Outcome::Conflicted(item, conflict) => {
                merged.push(item);
                conflicts.push(conflict);
            }
        }
    }
    (merged, conflicts)
}

/// Joins an id and which of the items of that id an item is, in a merge's own keys.
const OCCURRENCE: char = '\u{0}';

/// Each item's id, with `OCCURRENCE` and its number after the first of an id.
fn occurrence_keys<T>(items: &[T], id_of: impl Fn(&T) -> &str) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::default();
    (items.iter())
        .map(|item| {
            let id = id_of(item);
            let count = seen.entry(id).or_insert(0);
            *count += 1;
            if *count == 1 {
                id.to_owned()
            } else {
                format!("{id}{OCCURRENCE}{count}")
            }
        })
        .collect()
}

/// A map of records keyed by id (progress entries): like `merge_list`, without order.
pub fn merge_map<T: Fields>(
    base: &BTreeMap<String, T>,
    ours: &BTreeMap<String, T>,
    theirs: &BTreeMap<String, T>,
) -> (BTreeMap<String, T>, Vec<Conflict<T>>) {
    let mut merged = BTreeMap::new();
    let mut conflicts = Vec::new();
    let ids: std::collections::BTreeSet<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    for id in ids {
        match merge_item(id, base.get(id), ours.get(id), theirs.get(id)) {
            Outcome::Keep(item) => {
                merged.insert(id.clone(), item);
            }
            Outcome::Drop => {}
            Outcome::Conflicted(item, conflict) => {
                merged.insert(id.clone(), item);
                conflicts.push(conflict);
            }
        }
    }
    (merged, conflicts)
}

/// Implements [`Fields`] for a struct from the kinds of its fields: `pick` fields take the
/// side that changed them; `sets` are lists of ids merged as sets; `maps` are maps of plain
/// values merged key by key.
macro_rules! impl_fields {
    ($type:ty { pick: [$($pick:ident),* $(,)?], sets: [$($set:ident),* $(,)?], maps: [$($map:ident),* $(,)?] }) => {
        impl $crate::model::conflict::Fields for $type {
            fn merge(base: Option<&Self>, ours: &Self, theirs: &Self) -> (Self, Vec<String>) {
                let mut merged = ours.clone();
                let mut conflicts = Vec::new();
                $(
                    let (value, conflict) = $crate::model::three_way::pick(
                        base.map(|b| &b.$pick), &ours.$pick, &theirs.$pick);
                    merged.$pick = value;
                    if conflict {
                        conflicts.push(stringify!($pick).to_owned());
                    }
                )*
                $(
                    merged.$set = $crate::model::three_way::merge_set(
                        base.map(|b| b.$set.as_slice()), &ours.$set, &theirs.$set);
                )*
                $(
                    let (value, conflict) = $crate::model::three_way::merge_values(
                        base.map(|b| &b.$map), &ours.$map, &theirs.$map);
                    merged.$map = value;
                    if conflict {
                        conflicts.push(stringify!($map).to_owned());
                    }
                )*
                (merged, conflicts)
            }

            fn take_field(&mut self, other: &Self, field: &str) -> bool {
                match field {
                    $( stringify!($pick) => self.$pick = other.$pick.clone(), )*
                    $( stringify!($set) => self.$set = other.$set.clone(), )*
                    $( stringify!($map) => self.$map = other.$map.clone(), )*
                    _ => return false,
                }
                true
            }

            fn field_text(&self, field: &str) -> String {
                match field {
                    $( stringify!($pick) => $crate::model::three_way::shown(&self.$pick), )*
                    $( stringify!($set) => $crate::model::three_way::shown(&self.$set), )*
                    $( stringify!($map) => $crate::model::three_way::shown(&self.$map), )*
                    _ => String::new(),
                }
            }
        }
    };
}
pub(crate) use impl_fields;

/// A value as a person reads it in the conflict list: text as it is, anything else in its
/// debug form, cut short.
pub fn shown<T: std::fmt::Debug + 'static>(value: &T) -> String {
    let any: &dyn std::any::Any = value;
    let text = match any.downcast_ref::<String>() {
        Some(text) if text.is_empty() => "(empty)".to_owned(),
        Some(text) => text.clone(),
        None => format!("{value:?}"),
    };
    const MOST: usize = 160;
    match text.char_indices().nth(MOST) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct Item {
        id: String,
        title: String,
        tags: Vec<String>,
    }
    impl_fields!(Item {
        pick: [title],
        sets: [tags],
        maps: []
    });

    fn item(id: &str, title: &str) -> Item {
        Item {
            id: id.into(),
            title: title.into(),
            tags: Vec::new(),
        }
    }

    fn ids(items: &[Item]) -> Vec<&str> {
        items.iter().map(|i| i.id.as_str()).collect()
    }

    /// Issue 33, item 3: two members named Ann, and theirs adds Cy. Looked up by name
    /// (the last wins), the first Ann was replaced by the second.
    #[test]
    fn two_items_of_one_id_both_survive_a_merge() {
        let base = vec![item("ann", "first"), item("ann", "second")];
        let ours = base.clone();
        let mut theirs = base.clone();
        theirs.push(item("cy", "Cy"));
        theirs[1].title = "second, changed".into();
        let (merged, conflicts) = merge_list(&base, &ours, &theirs, |i| &i.id);
        let titles: Vec<&str> = merged.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["first", "second, changed", "Cy"]);
        assert!(conflicts.is_empty());
        // Ours changes the first, theirs the second: both changes land.
        let mut ours = base.clone();
        ours[0].title = "first, changed".into();
        let (merged, conflicts) = merge_list(&base, &ours, &theirs, |i| &i.id);
        let titles: Vec<&str> = merged.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["first, changed", "second, changed", "Cy"]);
        assert!(conflicts.is_empty());
    }

    #[test]
    fn additions_on_both_sides_land_in_place() {
        let base = vec![item("a", "A"), item("c", "C")];
        let ours = vec![item("a", "A"), item("b", "B"), item("c", "C")];
        let theirs = vec![item("a", "A"), item("c", "C"), item("d", "D")];
        let (merged, conflicts) = merge_list(&base, &ours, &theirs, |i| &i.id);
        assert_eq!(ids(&merged), ["a", "b", "c", "d"]);
        assert!(conflicts.is_empty());
    }

    #[test]
    fn a_field_changed_on_one_side_wins_and_on_both_conflicts() {
        let base = vec![item("a", "A"), item("b", "B")];
        let ours = vec![item("a", "A2"), item("b", "B2")];
        let theirs = vec![item("a", "A"), item("b", "B3")];
        let (merged, conflicts) = merge_list(&base, &ours, &theirs, |i| &i.id);
        assert_eq!(merged[0].title, "A2");
        assert_eq!(merged[1].title, "B2");
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].fields, ["title"]);
        assert_eq!(conflicts[0].other.as_ref().unwrap().title, "B3");
    }

    #[test]
    fn removal_goes_unless_the_other_side_changed_it() {
        let base = vec![item("a", "A"), item("b", "B")];
        let ours = vec![item("b", "B")];
        let theirs = vec![item("a", "A"), item("b", "B changed")];
        let (merged, conflicts) = merge_list(&base, &ours, &theirs, |i| &i.id);
        assert_eq!(ids(&merged), ["b"]);
        assert!(conflicts.is_empty());

        let ours = vec![item("a", "A")];
        let (merged, conflicts) = merge_list(&base, &ours, &theirs, |i| &i.id);
        assert_eq!(ids(&merged), ["a", "b"]);
        assert!(conflicts[0].is_removal());
    }

    #[test]
    fn sets_take_additions_and_removals_of_both() {
        let base = ["x".to_owned(), "y".to_owned()];
        let merged = merge_set(
            Some(&base),
            &["x".to_owned(), "z".to_owned()],
            &["y".to_owned(), "w".to_owned()],
        );
        assert_eq!(merged, ["z", "w"]);
    }

    #[test]
    fn their_order_is_taken_when_only_they_reordered() {
        let base = vec![item("a", "A"), item("b", "B")];
        let ours = vec![item("a", "A2"), item("b", "B")];
        let theirs = vec![item("b", "B"), item("a", "A")];
        let (merged, _) = merge_list(&base, &ours, &theirs, |i| &i.id);
        assert_eq!(ids(&merged), ["b", "a"]);
        assert_eq!(merged[1].title, "A2");
    }
}
