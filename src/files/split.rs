//! Parsing a big file on two cores: the one long list in it (a roadmap's skills, a
//! progress file's skills) is cut in two between elements and each half parsed on its own
//! thread. Only a shortcut: anything unusual (comments, raw strings, extensions, a parse
//! error) gives `None`, and the caller parses the whole text as written, so errors always
//! point into the file as it is.

use serde::de::DeserializeOwned;

/// Files smaller than this are parsed in one go: a thread costs more than it saves.
pub const SPLIT_MIN_BYTES: usize = 256 * 1024;

/// Where the list that is the value of top-level field `field` is: the byte offsets of its
/// opening and closing brackets, and of the commas between its elements.
struct ListPlace {
    open: usize,
    close: usize,
    commas: Vec<usize>,
}

/// Finds the list of `field` (`[...]` or `{...}`) at the top level of a struct. Strings are
/// skipped; comments, raw strings, character literals and `#![...]` extensions give `None`.
fn find_list(text: &str, field: &str) -> Option<ListPlace> {
    let bytes = text.as_bytes();
    let mut depth = 0_usize;
    let mut index = 0;
    // The identifier last seen at depth 1, and whether a `:` followed it.
    let mut last_word: Option<(usize, usize)> = None;
    let mut after_colon = false;
    let mut list: Option<ListPlace> = None;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'"' => {
                index += 1;
                loop {
                    // Straight to the next quote or backslash.
                    index += bytes
                        .get(index..)?
                        .iter()
                        .position(|b| *b == b'"' || *b == b'\\')?;
                    match bytes.get(index)? {
                        b'\\' => index += 2,
                        _ => break,
                    }
                }
            }
            b' ' | b'\n' | b'\t' | b'\r' => {
                index += bytes
                    .get(index..)?
                    .iter()
                    .position(|b| !matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
                    .unwrap_or(bytes.len() - index);
                continue;
            }
            b'/' | b'\'' | b'#' => return None,
            b'r' if matches!(bytes.get(index + 1), Some(b'#' | b'"')) => return None,
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth == 2
                    && after_colon
                    && byte != b'('
                    && list.is_none()
                    && last_word.and_then(|(s, e)| text.get(s..e)) == Some(field)
                {
                    list = Some(ListPlace {
                        open: index,
                        close: 0,
                        commas: Vec::new(),
                    });
                }
                after_colon = false;
            }
            b')' | b']' | b'}' => {
                if depth == 2
                    && let Some(place) = list.as_mut()
                    && place.close == 0
                {
                    place.close = index;
                    return list;
                }
                depth = depth.checked_sub(1)?;
            }
            b',' => {
                if depth == 2
                    && let Some(place) = list.as_mut()
                {
                    place.commas.push(index);
                }
                after_colon = false;
            }
            b':' => after_colon = depth == 1,
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let start = index;
                while bytes
                    .get(index + 1)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
                {
                    index += 1;
                }
                if depth == 1 {
                    last_word = Some((start, index + 1));
                    after_colon = false;
                }
            }
            _ => {}
        }
        index += 1;
    }
    None
}

/// Parses `text` (a struct whose field `field` is a long list or map of `Item`s) as two
/// halves of that list on two threads plus the rest, and puts them together with `join`.
pub fn parse_split<T, Items>(
    text: &str,
    field: &str,
    join: impl FnOnce(T, Items, Items) -> T,
) -> Option<T>
where
    T: DeserializeOwned,
    Items: DeserializeOwned + Send,
{
    if text.len() < SPLIT_MIN_BYTES {
        return None;
    }
    let place = find_list(text, field)?;
    let (open_char, close_char) = (
        text.get(place.open..=place.open)?,
        text.get(place.close..=place.close)?,
    );
    let middle = (place.open + place.close) / 2;
    let split = *place
        .commas
        .iter()
        .min_by_key(|comma| comma.abs_diff(middle))?;
    let first = format!(
        "{open_char}{}{close_char}",
        text.get(place.open + 1..split)?
    );
    let second = format!(
        "{open_char}{}{close_char}",
        text.get(split + 1..place.close)?
    );
    let rest = format!(
        "{}{open_char}{close_char}{}",
        text.get(..place.open)?,
        text.get(place.close + 1..)?
    );
    std::thread::scope(|scope| {
        let second = scope.spawn(move || ron::from_str::<Items>(&second).ok());
        let first = ron::from_str::<Items>(&first).ok();
        let rest = ron::from_str::<T>(&rest).ok();
        let second = second.join().ok().flatten();
        Some(join(rest?, first?, second?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::to_ron;
    use crate::model::{Progress, Roadmap, Skill, SkillProgress};
    use std::collections::BTreeMap;

    #[test]
    fn a_big_roadmap_and_progress_parse_the_same_in_halves() {
        let (roadmap, progress) = crate::generate::generate(3_000, 5);
        let text = to_ron(&roadmap).unwrap();
        let halves = parse_split(&text, "skills", |mut r: Roadmap, a: Vec<Skill>, b| {
            r.skills = a;
            r.skills.extend(b);
            r
        });
        assert_eq!(halves.as_ref(), Some(&roadmap));
        let text = to_ron(&progress).unwrap();
        let halves = parse_split(
            &text,
            "skills",
            |mut p: Progress, a: BTreeMap<String, SkillProgress>, b| {
                p.skills = a;
                p.skills.extend(b);
                p
            },
        );
        assert_eq!(halves.as_ref(), Some(&progress));
    }

    #[test]
    fn the_list_is_found_only_at_the_top_level_and_outside_strings() {
        let text = r#"Roadmap(title: "skills: [1, 2]", stages: [Stage(skills: [9])], skills: [A(x: [1, 2]), B(), C()], z: 1)"#;
        let place = find_list(text, "skills").unwrap();
        assert_eq!(&text[place.open..=place.close], "[A(x: [1, 2]), B(), C()]");
        assert_eq!(place.commas.len(), 2);
        assert!(find_list("Roadmap(// note\n skills: [])", "skills").is_none());
        assert!(find_list("#![enable(implicit_some)]\nRoadmap(skills: [])", "skills").is_none());
    }
}
