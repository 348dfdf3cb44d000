//! The promotion packet: for one member and their target role, each skill the role
//! expects with the level it needs, the member's own and their manager's levels with
//! dates, the evidence, and what is still missing with its hours. Notes are not in it,
//! so private notes never are.

use std::fmt::Write;

use crate::export::markdown_text as md;
use crate::model::{Member, Rater, Roadmap, SkillKind, Status, Team, Timestamp, member_target};

/// The packet for a member towards `target_role` (their own target when `None`); `None`
/// when there is no such member or role, or their progress is unavailable.
pub fn promotion_packet_markdown(
    roadmap: &Roadmap,
    team: &Team,
    member_index: usize,
    target_role: Option<&str>,
    today: Timestamp,
) -> Option<String> {
    let member = team.members.get(member_index)?;
    let target_id = target_role.or(member.plan.target_role.as_deref())?;
    let target_skill = roadmap.skill(target_id)?;
    if target_skill.kind != SkillKind::Milestone {
        return None;
    }
    let mut aimed = member.clone();
    aimed.plan.target_role = Some(target_id.to_owned());
    let target = member_target(roadmap, &aimed, today)?;
    let plan = &target.plan;
    let progress = member.progress()?;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Promotion packet: {} for {}\n",
        md(&member.name),
        md(&target_skill.title)
    );
    let _ = writeln!(
        out,
        "Team: {} · Roadmap: {} · Written {}  ",
        md(&team.name),
        md(&roadmap.title),
        today.date_string()
    );
    if !member.plan.current_role.is_empty() {
        let _ = writeln!(
            out,
            "Now: {}  ",
            md(roadmap.title_of(&member.plan.current_role))
        );
    }
    let _ = writeln!(
        out,
        "Ratings older than {} days are marked due.\n",
        team.review_interval_days
    );
    if !roadmap.levels.is_empty() {
        let _ = writeln!(out, "## Levels\n");
        for level in &roadmap.levels {
            let _ = writeln!(out, "- **{}**: {}", md(&level.title), md(&level.meaning));
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## What the role expects\n");
    let _ = writeln!(out, "| Skill | Needed | Self | Manager | Met |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    let level_text = |rank: usize| md(roadmap.level_title(rank));
    for skill_id in &plan.required {
        let title = md(roadmap.title_of(skill_id));
        let expected = plan.expected.get(skill_id).copied();
        let needed = match (expected, roadmap.learned_rank()) {
            (Some(rank), _) => level_text(rank),
            (None, Some(rank)) => format!("{} (learned)", level_text(rank)),
            (None, None) => "learned".to_owned(),
        };
        let assessed = |assessed: Option<crate::model::Assessed>| match assessed {
            Some(assessed) => {
                let mut text = level_text(assessed.rank);
                if let Some(at) = assessed.at {
                    text.push_str(&format!(", {}", at.date_string()));
                }
                if assessed.is_due(today, team.review_interval_days) {
                    text.push_str(" (due)");
                }
                text
            }
            None => status_word(progress.status(skill_id)).to_owned(),
        };
        let own = assessed(member.self_level(roadmap, skill_id));
        let manager = match member.rated(roadmap, skill_id, Rater::Manager) {
            Some(rated) => assessed(Some(rated)),
            None => "—".to_owned(),
        };
        let met = if plan.gap.contains(skill_id) {
            "no"
        } else {
            "yes"
        };
        let _ = writeln!(out, "| {title} | {needed} | {own} | {manager} | {met} |");
    }
    let _ = writeln!(out);

    evidence_section(&mut out, roadmap, member, &plan.required);

    let _ = writeln!(out, "## Still missing\n");
    if plan.gap.is_empty() {
        let _ = writeln!(
            out,
            "Nothing: every skill the role expects is held at its level."
        );
    } else {
        for skill_id in &plan.gap {
            let skill = roadmap.skill(skill_id);
            let hours = skill
                .and_then(|s| s.estimate_hours)
                .map_or("no estimate".to_owned(), |h| format!("{h} h"));
            let why = match plan.expected.get(skill_id) {
                Some(rank) if plan.below_level.contains(skill_id) => {
                    format!("held below {}", level_text(*rank))
                }
                Some(rank) => format!(
                    "{}, needs {}",
                    status_word(progress.status(skill_id)),
                    level_text(*rank)
                ),
                None => status_word(progress.status(skill_id)).to_owned(),
            };
            let _ = writeln!(
                out,
                "- {} — {why} · {hours}",
                md(roadmap.title_of(skill_id))
            );
        }
        let _ = write!(out, "\n{} skills, {} h", plan.gap.len(), plan.gap_hours);
        if plan.unestimated > 0 {
            let _ = write!(out, " (+{} without an estimate)", plan.unestimated);
        }
        if let Some(finish) = target.finish {
            let _ = write!(
                out,
                "; at {} h a week, done by {}",
                member.plan.weekly_hours,
                finish.date_string()
            );
        }
        let _ = writeln!(out, ".");
    }
    Some(out)
}

/// Evidence per skill: what the person recorded, and what raters wrote with their rating.
fn evidence_section(out: &mut String, roadmap: &Roadmap, member: &Member, skills: &[String]) {
    let Some(progress) = member.progress() else {
        return;
    };
    let _ = writeln!(out, "## Evidence\n");
    let mut any = false;
    for skill_id in skills {
        let recorded = progress
            .skills
            .get(skill_id)
            .map(|entry| entry.evidence.as_slice())
            .unwrap_or_default();
        let mut ratings: Vec<_> = member
            .ratings
            .iter()
            .filter(|r| &r.skill_id == skill_id && (!r.notes.is_empty() || !r.links.is_empty()))
            .collect();
        ratings.sort_by_key(|r| r.at);
        if recorded.is_empty() && ratings.is_empty() {
            continue;
        }
        any = true;
        let _ = writeln!(out, "### {}\n", md(roadmap.title_of(skill_id)));
        for item in recorded {
            let level = roadmap
                .level_rank(&item.level)
                .map_or(String::new(), |rank| {
                    format!(" · {}", md(roadmap.level_title(rank)))
                });
            let _ = write!(
                out,
                "- {}{level}: {}",
                item.at.date_string(),
                md(&item.text)
            );
            link(out, &item.link);
            let _ = writeln!(out);
        }
        for rating in ratings {
            let level = roadmap
                .level_rank(&rating.level)
                .map_or(md(&rating.level), |rank| md(roadmap.level_title(rank)));
            let who = if rating.name.is_empty() {
                rating.by.label().to_owned()
            } else {
                format!(
                    "{} ({})",
                    md(&rating.name),
                    rating.by.label().to_lowercase()
                )
            };
            let _ = write!(
                out,
                "- {}, rated {level} by {who}: {}",
                rating.at.date_string(),
                md(&rating.notes)
            );
            for url in &rating.links {
                link(out, url);
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(out);
    }
    if !any {
        let _ = writeln!(out, "No evidence recorded yet.\n");
    }
}

/// A link as Markdown makes it clickable, only if it is one Waymark would open itself
/// (`check_url`: http or https, nothing hidden); any other is written as text.
fn link(out: &mut String, url: &str) {
    if url.is_empty() {
        return;
    }
    match crate::model::check_url(url) {
        Ok(()) => {
            let _ = write!(out, " <{url}>");
        }
        Err(_) => {
            let _ = write!(out, " (link not kept: {})", md(url));
        }
    }
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "not started",
        Status::Learning => "learning",
        Status::Learned => "learned",
        Status::Skipped => "skipped",
    }
}
