//! How long the texts in a team plan may be: the team's and members' names, the notes and
//! evidence held for each person, focus notes, and the same in the versions a merge
//! recorded under `conflicts` (one click takes those in). A name of megabytes would be
//! laid out in the member list on every frame; the app's fields stop at these limits.

use super::limits::{MAX_LINK_CHARS, MAX_NOTES_CHARS, MAX_TITLE_CHARS, too_long, too_long_named};
use super::{Location, Locator, Problem};
use crate::model::text::visible;
use crate::model::{MemberFile, ProgressSource, TeamFile};

/// Errors for each text over its limit, located at its member (or at `conflicts`).
pub(super) fn team_limit_problems(file: &TeamFile, locator: &Locator) -> Vec<Problem> {
    let at = |offset: Option<usize>| offset.map_or(Location::START, |o| locator.location(o));
    let mut problems = Vec::new();
    if let Some(message) = too_long("the team's name", &file.name, MAX_TITLE_CHARS) {
        problems.push(Problem::error(at(locator.find_field("name", 0)), message));
    }
    let mut member_at = 0;
    for member in &file.members {
        let reasons = member_reasons(member);
        if reasons.is_empty() {
            continue;
        }
        member_at = locator
            .find_string(&member.name, member_at)
            .unwrap_or(member_at);
        problems.extend(
            reasons
                .into_iter()
                .map(|reason| Problem::error(at(Some(member_at)), reason)),
        );
    }
    let conflicts = &file.conflicts;
    let recorded: Vec<String> = (conflicts.settings.iter())
        .filter_map(|c| c.other.as_ref())
        .filter_map(|settings| too_long("a recorded team name", &settings.name, MAX_TITLE_CHARS))
        .chain(
            (conflicts.members.iter())
                .filter_map(|c| c.other.as_ref())
                .flat_map(member_reasons),
        )
        .collect();
    if !recorded.is_empty() {
        let conflicts_at = at(locator.find_field("conflicts", 0));
        problems.extend(recorded.into_iter().map(|reason| {
            Problem::error(
                conflicts_at,
                format!("in the conflicts a merge recorded, {reason}"),
            )
        }));
    }
    problems
}

/// The most hours a week a person can learn.
const HOURS_IN_A_WEEK: f32 = 168.0;

/// What is too long (or not a number) in one member: the name, focus notes, held notes and evidence.
fn member_reasons(member: &MemberFile) -> Vec<String> {
    let short: String = member.name.chars().take(40).collect();
    let name = visible(&short);
    let mut reasons: Vec<String> = too_long("a member's name", &member.name, MAX_TITLE_CHARS)
        .into_iter()
        .collect();
    // NaN is never equal to itself (every merge saw a conflict in it); a week has 168 hours.
    let hours = member.weekly_hours;
    if !(hours.is_finite() && (0.0..=HOURS_IN_A_WEEK).contains(&hours)) {
        reasons.push(format!(
            "{name}’s weekly hours are {hours}: a number of hours from 0 to {HOURS_IN_A_WEEK}"
        ));
    }
    for focus in &member.focus {
        let what = || format!("{name}’s focus note on `{}`", visible(&focus.skill_id));
        reasons.extend(too_long_named(what, &focus.note, MAX_NOTES_CHARS));
    }
    if let ProgressSource::Held(skills) = &member.progress {
        for (skill_id, entry) in skills {
            let notes = || format!("{name}’s notes on `{}`", visible(skill_id));
            reasons.extend(too_long_named(notes, &entry.notes, MAX_NOTES_CHARS));
            for item in &entry.evidence {
                let what = || format!("{name}’s evidence on `{}`", visible(skill_id));
                reasons.extend(too_long_named(what, &item.text, MAX_NOTES_CHARS));
                reasons.extend(too_long_named(what, &item.link, MAX_LINK_CHARS));
            }
        }
    }
    reasons
}
