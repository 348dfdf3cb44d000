//! Rules about a roadmap that hold whatever file it came from: no prerequisite cycles,
//! links that are web links. The editor refuses edits that break them; the file
//! validator reports them with a location.

use foldhash::HashMap;

use super::{Roadmap, Skill};

/// Only web links are allowed: they are what the details panel opens in a browser.
pub fn check_url(url: &str) -> Result<(), &'static str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("links must start with https:// or http://")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || !host.contains('.') && !host.starts_with("localhost") {
        return Err("the link has no host name");
    }
    if url.chars().any(|c| c.is_control()) {
        return Err("links cannot contain control characters");
    }
    if url.chars().any(super::text::is_disguising) {
        return Err("links cannot contain invisible or direction-changing characters");
    }
    if url.chars().any(char::is_whitespace) {
        return Err("links cannot contain spaces");
    }
    if url
        .chars()
        .any(|c| matches!(c, '"' | '<' | '>' | '`' | '\\'))
    {
        return Err("links cannot contain quotes, angle brackets or backslashes");
    }
    if host.contains('@') {
        return Err("links cannot hold a user name before the host (user@host)");
    }
    Ok(())
}

/// The stage (by index) of everything a skill can require: a skill's own stage, and for a
/// pick-one group the earliest of its members'. Built once for checks over a whole roadmap.
pub fn requirement_stages(roadmap: &Roadmap) -> HashMap<&str, usize> {
    let mut stages: HashMap<&str, usize> = roadmap
        .skills
        .iter()
        .filter_map(|skill| Some((skill.id.as_str(), roadmap.stage_index(&skill.stage)?)))
        .collect();
    for group in &roadmap.pick_one_groups {
        if let Some(earliest) = group
            .skills
            .iter()
            .filter_map(|id| stages.get(id.as_str()).copied())
            .min()
        {
            stages.insert(group.id.as_str(), earliest);
        }
    }
    stages
}

/// The later stage a requirement is in, when `skill` needs something from a stage after
/// its own (a Junior skill needing a Mid-level one): allowed, but the arrow runs backwards
/// and the stage can't be finished in order. `stages` is [`requirement_stages`].
pub fn later_stage_requirement<'a>(
    roadmap: &'a Roadmap,
    stages: &HashMap<&str, usize>,
    skill: &Skill,
    required_id: &str,
) -> Option<&'a str> {
    let own = roadmap.stage_index(&skill.stage)?;
    let required = *stages.get(required_id)?;
    (required > own)
        .then(|| roadmap.stages.get(required).map(|stage| stage.id.as_str()))
        .flatten()
}

/// A cycle as `a -> b -> a` (each before the next), each step named by `name` and joined
/// by `joint`, or its first steps and how long it is when it is long. Validation names ids
/// joined by ` -> ` (for any terminal); the app names titles in words.
pub fn describe_cycle(cycle: &[String], joint: &str, name: impl Fn(&str) -> String) -> String {
    const SHOWN: usize = 6;
    let named: Vec<String> = cycle.iter().map(|id| name(id)).collect();
    if named.len() <= SHOWN + 2 {
        return named.join(joint);
    }
    format!(
        "{}{joint}… ({} skills and groups in all, back to {})",
        named.get(..SHOWN).unwrap_or_default().join(joint),
        named.len() - 1,
        named.first().map(String::as_str).unwrap_or_default()
    )
}

/// A prerequisite cycle as a list of ids that starts and ends with the same id, if there is
/// one. Skills point at what they require; a group points at its members.
pub fn find_cycle(roadmap: &Roadmap) -> Option<Vec<String>> {
    let mut edges: HashMap<&str, Vec<&str>> = HashMap::default();
    for skill in &roadmap.skills {
        edges
            .entry(&skill.id)
            .or_default()
            // A skill requiring itself is reported on its own, not as a cycle.
            .extend(
                skill
                    .requires
                    .iter()
                    .map(String::as_str)
                    .filter(|required| *required != skill.id),
            );
    }
    for group in &roadmap.pick_one_groups {
        edges
            .entry(&group.id)
            .or_default()
            .extend(group.skills.iter().map(String::as_str));
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::default();
    let mut roots: Vec<&str> = roadmap.skills.iter().map(|s| s.id.as_str()).collect();
    roots.extend(roadmap.pick_one_groups.iter().map(|g| g.id.as_str()));

    for root in roots {
        if marks.contains_key(root) {
            continue;
        }
        // Iterative depth-first search: (node, index of the next edge to follow).
        let mut stack: Vec<(&str, usize)> = vec![(root, 0)];
        marks.insert(root, Mark::Visiting);
        while let Some((node, next_edge)) = stack.last_mut() {
            let node_edges = edges.get(*node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&target) = node_edges.get(*next_edge) {
                *next_edge += 1;
                match marks.get(target) {
                    Some(Mark::Visiting) => {
                        let start = stack.iter().position(|(id, _)| *id == target).unwrap_or(0);
                        let mut cycle: Vec<String> = stack
                            .iter()
                            .skip(start)
                            .map(|(id, _)| (*id).to_owned())
                            .collect();
                        cycle.push(target.to_owned());
                        // Show it in reading order: prerequisite first.
                        cycle.reverse();
                        return Some(cycle);
                    }
                    Some(Mark::Done) => {}
                    None => {
                        marks.insert(target, Mark::Visiting);
                        stack.push((target, 0));
                    }
                }
            } else {
                marks.insert(node, Mark::Done);
                stack.pop();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PickOneGroup, Skill};

    fn skill(id: &str, requires: &[&str]) -> Skill {
        Skill::new(id, id, "junior").requiring(requires)
    }

    #[test]
    fn finds_a_cycle_and_names_it_in_order() {
        let mut roadmap = Roadmap::new_empty("r", "R");
        roadmap.skills = vec![
            skill("a", &["c"]),
            skill("b", &["a"]),
            skill("c", &["b"]),
            skill("d", &[]),
        ];
        let cycle = find_cycle(&roadmap).unwrap();
        assert_eq!(cycle.first(), cycle.last());
        assert_eq!(cycle.len(), 4);
        roadmap.skills[0].requires.clear();
        assert_eq!(find_cycle(&roadmap), None);
    }

    #[test]
    fn a_cycle_through_a_group_is_found() {
        let mut roadmap = Roadmap::new_empty("r", "R");
        roadmap.skills = vec![
            skill("java", &["testing"]),
            skill("go", &[]),
            skill("testing", &["lang"]),
        ];
        roadmap.pick_one_groups.push(PickOneGroup {
            id: "lang".to_owned(),
            title: "Pick".to_owned(),
            skills: vec!["java".to_owned(), "go".to_owned()],
        });
        assert_eq!(
            find_cycle(&roadmap).unwrap().join(" -> "),
            "java -> lang -> testing -> java"
        );
    }

    #[test]
    fn urls_must_be_web_links_with_a_host() {
        assert!(check_url("https://www.postgresql.org/docs/").is_ok());
        assert!(check_url("ftp://example.org").is_err());
        assert!(check_url("https://").is_err());
        assert!(check_url("https://exa mple.org").is_err());
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(
            check_url("https://example.org/a\u{7f}b")
                .unwrap_err()
                .contains("control")
        );
        assert!(
            check_url("https://user@example.org/")
                .unwrap_err()
                .contains("user")
        );
        assert!(check_url("https://example.org/\"><script>").is_err());
        assert!(check_url("https://exa\u{200b}mple.org/").is_err());
        assert!(check_url("https://example.org/search?q=a@b").is_ok());
    }
}
