//! The other side's versions a merge recorded under `conflicts` may be taken into the file
//! with one click, so they are held to the same limits as what they would replace: ids,
//! text lengths, links.

use super::ids::check_id;
use super::limits::{MAX_LINK_CHARS, MAX_NOTES_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS, too_long};
use super::{Location, Locator, Problem};
use crate::model::{Progress, Roadmap, check_url};

/// Problems with the recorded other versions in a roadmap, located at its `conflicts`.
pub fn roadmap_conflict_problems(roadmap: &Roadmap, source: &str) -> Vec<Problem> {
    let conflicts = &roadmap.conflicts;
    if conflicts.is_empty() {
        return Vec::new();
    }
    let mut reasons: Vec<String> = Vec::new();
    let mut text = |what: &str, value: &str, limit: usize| {
        reasons.extend(too_long(what, value, limit));
    };
    for other in conflicts.about.iter().filter_map(|c| c.other.as_ref()) {
        text("a recorded roadmap field", other, MAX_TEXT_CHARS);
    }
    for other in conflicts.stages.iter().filter_map(|c| c.other.as_ref()) {
        text("a recorded stage title", &other.title, MAX_TITLE_CHARS);
    }
    for other in conflicts.levels.iter().filter_map(|c| c.other.as_ref()) {
        text("a recorded level title", &other.title, MAX_TITLE_CHARS);
        text("a recorded level meaning", &other.meaning, MAX_TEXT_CHARS);
    }
    for other in conflicts.groups.iter().filter_map(|c| c.other.as_ref()) {
        text("a recorded group title", &other.title, MAX_TITLE_CHARS);
    }
    for other in conflicts.skills.iter().filter_map(|c| c.other.as_ref()) {
        text("a recorded skill title", &other.title, MAX_TITLE_CHARS);
        text("a recorded skill summary", &other.summary, MAX_TEXT_CHARS);
        for line in other.rubric.values() {
            text("a recorded rubric line", line, MAX_TEXT_CHARS);
        }
        for resource in &other.resources {
            text("a recorded link title", &resource.title, MAX_TITLE_CHARS);
            text("a recorded link", &resource.url, MAX_LINK_CHARS);
        }
    }
    let ids = (conflicts.stages.iter().map(|c| &c.id))
        .chain(conflicts.skills.iter().map(|c| &c.id))
        .chain(conflicts.groups.iter().map(|c| &c.id))
        .chain(conflicts.levels.iter().map(|c| &c.id));
    for id in ids {
        if let Err(reason) = check_id(id) {
            reasons.push(format!("a recorded conflict's id {reason}"));
        }
    }
    for resource in
        (conflicts.skills.iter().filter_map(|c| c.other.as_ref())).flat_map(|s| &s.resources)
    {
        if let Err(reason) = check_url(&resource.url) {
            reasons.push(format!("a recorded link {reason}"));
        }
    }
    located(source, reasons)
}

/// Problems with the recorded other versions in a progress file.
pub fn progress_conflict_problems(progress: &Progress, source: &str) -> Vec<Problem> {
    let mut reasons = Vec::new();
    for other in progress
        .conflicts
        .skills
        .iter()
        .filter_map(|c| c.other.as_ref())
    {
        reasons.extend(too_long("recorded notes", &other.notes, MAX_NOTES_CHARS));
    }
    for other in progress
        .conflicts
        .about
        .iter()
        .filter_map(|c| c.other.as_ref())
    {
        reasons.extend(too_long("a recorded name", other, MAX_TITLE_CHARS));
    }
    located(source, reasons)
}

fn located(source: &str, reasons: Vec<String>) -> Vec<Problem> {
    let locator = Locator::new(source);
    let at = locator
        .find_field("conflicts", 0)
        .map_or(Location::START, |offset| locator.location(offset));
    reasons
        .into_iter()
        .map(|reason| Problem::error(at, format!("in the conflicts a merge recorded, {reason}")))
        .collect()
}
