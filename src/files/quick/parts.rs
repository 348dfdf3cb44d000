//! A team plan's long list of members read in pieces, one thread each: a plan holding
//! everyone's progress is tens of megabytes, nearly all of it that list.

use serde::de::DeserializeOwned;

use super::{Reader, from_str};
use crate::files::in_parts::on_threads;

/// Reads `text` as a `T`, as [`from_str`] does, with the long list in its top-level field
/// `field` read in up to `parts` pieces at once, one thread each.
///
/// The list is cut where a line starts an element as Waymark writes it (`element_start`,
/// such as `"\n        Member("`). Each piece but the last is read as elements of type `E`,
/// each followed by a comma, to the cut after it; the last is read with the rest of the
/// text, jumping from the first cut to the last. That is exactly what reading the whole
/// text would do, because the text before the first cut is checked to end by opening
/// that field's list, and each piece to hold whole elements and nothing else. `put_back`
/// puts the pieces' elements, in order, before those read with the rest. Where the text
/// cannot be cut so (a hand-made layout, a string over several lines, a broken file), it
/// is read whole.
pub fn from_str_in_parts<T, E>(
    text: &str,
    field: &str,
    element_start: &str,
    parts: usize,
    put_back: impl FnOnce(&mut T, Vec<E>),
) -> Option<T>
where
    T: DeserializeOwned,
    E: DeserializeOwned + Send,
{
    let cuts = cuts(text, field, element_start, parts);
    let [first, .., last] = cuts[..] else {
        return from_str(text); // one piece, or none
    };
    let pieces: Vec<&str> = (cuts.windows(2))
        .filter_map(|pair| text.get(*pair.first()?..*pair.get(1)?))
        .collect();
    let read_rest = || {
        let mut reader = Reader::new(text);
        reader.jump = Some((first, last));
        let value = T::deserialize(&mut reader).ok()?;
        reader.skip_whitespace();
        (reader.at == text.len() && reader.jump.is_none()).then_some(value)
    };
    let (rest, apart) = on_threads(pieces, elements::<E>, read_rest);
    // A piece not read (its thread could not be started) or not whole elements: no value.
    let apart: Option<Vec<Vec<E>>> = apart.into_iter().map(Option::flatten).collect();
    match rest.zip(apart) {
        Some((mut value, apart)) => {
            put_back(&mut value, apart.into_iter().flatten().collect());
            Some(value)
        }
        None => from_str(text),
    }
}

/// Where to cut `text` for [`from_str_in_parts`]: the start of the first element of the
/// list in `field`, then the start of an element near each `1/parts` of the text. Empty
/// when the text before the first element is not the opening of that list.
fn cuts(text: &str, field: &str, element_start: &str, parts: usize) -> Vec<usize> {
    let find = |from: usize| {
        let rest = text.as_bytes().get(from..)?;
        memchr::memmem::find(rest, element_start.as_bytes()).map(|found| from + found)
    };
    let Some(first) = find(0) else {
        return Vec::new();
    };
    if !opens_list_field(text.get(..first).unwrap_or_default(), field) {
        return Vec::new();
    }
    let mut cuts = vec![first];
    for part in 1..parts {
        let previous = cuts.last().copied().unwrap_or(first);
        let Some(cut) = find((text.len() / parts * part).max(previous + 1)) else {
            break;
        };
        cuts.push(cut);
    }
    cuts
}

/// Whether `head` ends by opening the list of `field` of the struct at the top level:
/// with `field: [`, outside any string, inside exactly that struct and that list.
fn opens_list_field(head: &str, field: &str) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0_usize, false, false);
    for byte in head.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                let Some(outer) = depth.checked_sub(1) else {
                    return false;
                };
                depth = outer;
            }
            _ => {}
        }
    }
    let before = (head.strip_suffix('['))
        .and_then(|rest| rest.trim_end().strip_suffix(':'))
        .and_then(|rest| rest.trim_end().strip_suffix(field));
    !in_string
        && depth == 2
        && before.is_some_and(|before| {
            !before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '#')
        })
}

/// Elements of a list, each followed by a comma, to the end of `text`.
fn elements<E: DeserializeOwned>(text: &str) -> Option<Vec<E>> {
    let mut reader = Reader::new(text);
    let mut read = Vec::new();
    while reader.peek().is_some() {
        read.push(E::deserialize(&mut reader).ok()?);
        reader.expect(b',').ok()?;
    }
    Some(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TeamFile;

    /// The example team's four, `times` over, as Waymark writes a team plan.
    fn big_team(times: usize) -> (TeamFile, String) {
        let mut file: TeamFile = from_str(crate::files::bundled::EXAMPLE_TEAM).unwrap();
        let four = std::mem::take(&mut file.members);
        for round in 0..times {
            for member in &four {
                let mut member = member.clone();
                member.name = format!("{} {round}", member.name);
                file.members.push(member);
            }
        }
        let text = crate::files::to_ron(&file).unwrap();
        (file, text)
    }

    fn team_in_parts(text: &str, parts: usize) -> Option<TeamFile> {
        crate::files::quick_team_in_parts(text, parts)
    }

    #[test]
    fn a_team_plan_read_in_parts_is_the_plan_read_whole() {
        let (file, text) = big_team(50);
        for parts in [2, 3, 8] {
            // Cut where asked: each piece is read on a thread of its own.
            let cuts = cuts(&text, "members", "\n        Member(", parts);
            assert_eq!(cuts.len(), parts, "{parts} parts");
            assert!(cuts.windows(2).all(|pair| pair[0] < pair[1]));
            assert_eq!(
                team_in_parts(&text, parts).as_ref(),
                Some(&file),
                "{parts} parts"
            );
        }
        // More parts than members: as many as there are.
        let (file, text) = big_team(1);
        assert_eq!(team_in_parts(&text, 50), Some(file));
    }

    #[test]
    fn a_team_plan_that_cannot_be_cut_is_read_whole() {
        let (mut file, _) = big_team(30);
        // A name over several lines, edited by hand, that looks like the start of a
        // member where a cut may land: the plan reads as RON reads it.
        for member in file.members.iter_mut().step_by(3) {
            member.name = "A|        Member(name: \"B\"),|".repeat(40);
        }
        let text = crate::files::to_ron(&file).unwrap().replace('|', "\n");
        for member in &mut file.members {
            member.name = member.name.replace('|', "\n");
        }
        assert_eq!(ron::from_str::<TeamFile>(&text).unwrap(), file);
        assert!(text.matches("\n        Member(").count() > 2 * file.members.len());
        for parts in [2, 3, 5, 8] {
            assert_eq!(
                team_in_parts(&text, parts).as_ref(),
                Some(&file),
                "{parts} parts"
            );
        }
        // Members laid out by hand, at another depth: read whole.
        let (file, text) = big_team(10);
        let moved = text.replace("\n        Member(", "\n    Member(");
        assert_eq!(team_in_parts(&moved, 4), Some(file.clone()));
        assert!(cuts(&moved, "members", "\n        Member(", 4).is_empty());
        // A member's start inside a string before the list: not a place to cut.
        let quoted = text.replacen("name: \"", "name: \"members: [\n        Member(", 1);
        assert!(cuts(&quoted, "members", "\n        Member(", 4).is_empty());
        assert_eq!(
            team_in_parts(&quoted, 4),
            ron::from_str::<TeamFile>(&quoted).ok()
        );
    }

    #[test]
    fn a_broken_team_plan_is_refused_in_parts_as_whole() {
        let (_, text) = big_team(40);
        let mut broken = Vec::new();
        // A mistake in each piece, and in the text the main thread reads.
        for at in [text.len() / 5, text.len() / 2, text.len() * 9 / 10, 40] {
            let at = (at..)
                .find(|&at| text.is_char_boundary(at) && text[at..].starts_with("name: \""))
                .unwrap();
            broken.push(format!("{}nmae{}", &text[..at], &text[at + 4..]));
        }
        // Two lists of members, a list closed early, one never closed.
        let middle = text.len() / 2 + text[text.len() / 2..].find("\n        Member(").unwrap();
        broken.push(format!(
            "{}\n    ],\n    members: [{}",
            &text[..middle],
            &text[middle..]
        ));
        broken.push(format!("{}\n    ]){}", &text[..middle], &text[middle..]));
        broken.push(text[..middle].to_owned());
        for text in &broken {
            assert!(ron::from_str::<TeamFile>(text).is_err());
            for parts in [2, 4, 8] {
                assert_eq!(team_in_parts(text, parts), None, "{parts} parts");
            }
        }
    }
}
