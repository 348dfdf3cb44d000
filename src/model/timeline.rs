//! The dated history of someone's status changes across a roadmap, newest first, grouped
//! by week or month and limited to a date range ("since my last review").

use super::{Progress, Status, Timestamp};

/// How changes are grouped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Period {
    #[default]
    Week,
    Month,
}

/// One status change of one skill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineEntry {
    pub at: Timestamp,
    pub skill_id: String,
    pub status: Status,
}

/// The changes in one week or month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineGroup {
    /// "Week of 2026-11-23" or "November 2026".
    pub label: String,
    pub entries: Vec<TimelineEntry>,
    /// Skills marked learned in this period.
    pub learned: usize,
}

const DAY: i64 = 86_400;

/// Every change from `from` (inclusive) to `to` (the whole day of `to` included), newest
/// first; `None` leaves that end open.
pub fn entries(
    progress: &Progress,
    from: Option<Timestamp>,
    to: Option<Timestamp>,
) -> Vec<TimelineEntry> {
    let end = to.map(|to| to.unix_secs.div_euclid(DAY) * DAY + DAY);
    let mut entries: Vec<TimelineEntry> = progress
        .skills
        .iter()
        .flat_map(|(skill_id, entry)| {
            entry.history.iter().map(move |change| TimelineEntry {
                at: change.at,
                skill_id: skill_id.clone(),
                status: change.status,
            })
        })
        .filter(|entry| from.is_none_or(|from| entry.at >= from))
        .filter(|entry| end.is_none_or(|end| entry.at.unix_secs < end))
        .collect();
    entries.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.skill_id.cmp(&b.skill_id)));
    entries
}

/// The first day of the period `at` falls in: a Monday, or the first of the month.
fn period_start(at: Timestamp, period: Period) -> Timestamp {
    let days = at.unix_secs.div_euclid(DAY);
    match period {
        // 1970-01-01 was a Thursday: Monday is 3 days before it.
        Period::Week => Timestamp::from_unix_secs((days - (days + 3).rem_euclid(7)) * DAY),
        Period::Month => {
            let date = at.date_string();
            let first = format!("{}-01", date.get(..7).unwrap_or("1970-01"));
            Timestamp::parse(&first).unwrap_or(at)
        }
    }
}

fn period_label(start: Timestamp, period: Period) -> String {
    match period {
        Period::Week => format!("Week of {}", start.date_string()),
        Period::Month => {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let date = start.date_string();
            let month: usize = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
            let year = date.get(..4).unwrap_or_default();
            format!("{} {year}", MONTHS.get(month - 1).unwrap_or(&""))
        }
    }
}

/// `entries` (newest first) in groups by period, newest period first.
pub fn group(entries: Vec<TimelineEntry>, period: Period) -> Vec<TimelineGroup> {
    let mut groups: Vec<(Timestamp, TimelineGroup)> = Vec::new();
    for entry in entries {
        let start = period_start(entry.at, period);
        let learned = usize::from(entry.status == Status::Learned);
        match groups.last_mut() {
            Some((last, group)) if *last == start => {
                group.learned += learned;
                group.entries.push(entry);
            }
            _ => groups.push((
                start,
                TimelineGroup {
                    label: period_label(start, period),
                    entries: vec![entry],
                    learned,
                },
            )),
        }
    }
    groups.into_iter().map(|(_, group)| group).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn progress() -> Progress {
        let mut progress = Progress::new("r");
        progress.set_status("git", Status::Learning, at("2026-10-30T09:00:00Z"));
        progress.set_status("git", Status::Learned, at("2026-11-02T09:00:00Z"));
        progress.set_status("sql", Status::Learned, at("2026-11-08T20:00:00Z"));
        progress.set_status("http", Status::Learned, at("2026-11-09T08:00:00Z"));
        progress
    }

    #[test]
    fn entries_are_newest_first_and_limited_to_the_range() {
        let all = entries(&progress(), None, None);
        let order: Vec<&str> = all.iter().map(|e| e.skill_id.as_str()).collect();
        assert_eq!(order, ["http", "sql", "git", "git"]);
        let since = entries(&progress(), Some(at("2026-11-02")), Some(at("2026-11-08")));
        let order: Vec<(&str, Status)> = since
            .iter()
            .map(|e| (e.skill_id.as_str(), e.status))
            .collect();
        assert_eq!(
            order,
            [("sql", Status::Learned), ("git", Status::Learned)],
            "the whole last day counts"
        );
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        let weeks = group(entries(&progress(), None, None), Period::Week);
        let labels: Vec<&str> = weeks.iter().map(|g| g.label.as_str()).collect();
        // 2026-11-09 is a Monday; 2026-11-02 too; 2026-10-30 a Friday.
        assert_eq!(
            labels,
            [
                "Week of 2026-11-09",
                "Week of 2026-11-02",
                "Week of 2026-10-26"
            ]
        );
        assert_eq!(weeks[1].learned, 2, "git and sql");
        let months = group(entries(&progress(), None, None), Period::Month);
        let labels: Vec<(&str, usize)> = months
            .iter()
            .map(|g| (g.label.as_str(), g.learned))
            .collect();
        assert_eq!(labels, [("November 2026", 3), ("October 2026", 0)]);
    }
}
