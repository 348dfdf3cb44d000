//! Team plan exports: one member's plan as Markdown for a 1:1, and the team matrix as CSV
//! for a spreadsheet.

use std::fmt::Write;

mod packet;
pub use packet::promotion_packet_markdown;

use crate::export::markdown_text as md;
use crate::model::{
    MatrixFilter, Roadmap, SkillKind, Status, Team, Timestamp, coverage, matrix_rows,
    member_target, mentors,
};

/// A member's plan: where they are, their target and the gap to it with dates, their
/// focus skills, and who can help with what is next.
pub fn member_plan_markdown(
    roadmap: &Roadmap,
    team: &Team,
    member_index: usize,
    today: Timestamp,
) -> Option<String> {
    let member = team.members.get(member_index)?;
    let title_of = |id: &str| md(roadmap.title_of(id));
    let mut out = String::new();
    let _ = writeln!(out, "# Growth plan: {}\n", md(&member.name));
    let _ = writeln!(
        out,
        "Team: {} · Roadmap: {}  ",
        md(&team.name),
        md(&roadmap.title)
    );
    let _ = writeln!(out, "Written {}\n", today.date_string());
    if !member.plan.current_role.is_empty() {
        let _ = writeln!(out, "- Now: {}", title_of(&member.plan.current_role));
    }
    if let Some(target) = &member.plan.target_role {
        let _ = writeln!(out, "- Aiming for: {}", title_of(target));
    }
    if let Some(date) = member.plan.target_date {
        let _ = writeln!(out, "- By: {}", date.date_string());
    }
    let _ = writeln!(
        out,
        "- Learning budget: {} h a week\n",
        member.plan.weekly_hours
    );
    let progress = match member.progress() {
        Some(progress) => progress,
        None => {
            let reason = member.progress.as_ref().err().map_or("", String::as_str);
            let _ = writeln!(out, "Progress unavailable: {}", md(reason));
            return Some(out);
        }
    };
    if let Some(target) = member_target(roadmap, member, today) {
        let counts = target.counts;
        let _ = writeln!(out, "## Towards the target\n");
        let _ = writeln!(
            out,
            "{} skills required: {} learned, {} learning, {} not started. {} h of estimated work left{}.\n",
            target.plan.required.len(),
            counts.learned,
            counts.learning,
            counts.not_started,
            target.plan.gap_hours,
            if target.plan.unestimated > 0 {
                format!(" (+{} skills without an estimate)", target.plan.unestimated)
            } else {
                String::new()
            }
        );
        if let Some(finish) = target.finish {
            let verdict = match target.realistic {
                Some(true) => " — on track for the target date".to_owned(),
                Some(false) => match target.weekly_hours_needed {
                    Some(needed) => {
                        format!(" — later than the target date; {needed:.1} h a week would make it")
                    }
                    None => " — later than the target date, which has passed".to_owned(),
                },
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "Projected finish: {}{verdict}.\n",
                finish.date_string()
            );
        }
        if !target.plan.gap.is_empty() {
            let _ = writeln!(out, "### Still to learn, in order\n");
            for skill_id in &target.plan.gap {
                let status = progress.status(skill_id);
                let hours = roadmap
                    .skill(skill_id)
                    .and_then(|skill| skill.estimate_hours)
                    .map(|hours| format!(" ({hours} h)"))
                    .unwrap_or_default();
                let mark = if status == Status::Learning {
                    " — learning"
                } else {
                    ""
                };
                let _ = writeln!(out, "1. {}{hours}{mark}", title_of(skill_id));
            }
            out.push('\n');
        }
    }
    if !member.plan.focus.is_empty() {
        let _ = writeln!(out, "## Focus\n");
        for focus in &member.plan.focus {
            let done = progress.status(&focus.skill_id) == Status::Learned;
            let _ = write!(
                out,
                "- [{}] {}",
                if done { "x" } else { " " },
                title_of(&focus.skill_id)
            );
            if let Some(due) = focus.due {
                let _ = write!(out, " — due {}", due.date_string());
            }
            if !focus.note.is_empty() {
                let _ = write!(out, ": {}", md(&focus.note));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    let suggestions = mentors(roadmap, team, member_index);
    if !suggestions.is_empty() {
        let _ = writeln!(out, "## Next skills and who can help\n");
        for suggestion in suggestions {
            let names: Vec<String> = suggestion
                .mentors
                .iter()
                .filter_map(|index| team.members.get(*index))
                .map(|mentor| md(&mentor.name))
                .collect();
            let help = if names.is_empty() {
                "nobody on the team yet".to_owned()
            } else {
                names.join(", ")
            };
            let _ = writeln!(out, "- {}: {help}", title_of(&suggestion.skill_id));
        }
    }
    Some(out)
}

/// The team matrix: one row per skill (stage, area, title, id, how many learned it), one
/// column per member with their status (and "focus" when the skill is one of theirs).
pub fn matrix_csv(roadmap: &Roadmap, team: &Team) -> String {
    let coverage = coverage(roadmap, team);
    let rows = matrix_rows(roadmap, team, &coverage, &MatrixFilter::default());
    let mut out = String::new();
    let mut header = vec![
        "Stage".to_owned(),
        "Area".to_owned(),
        "Skill".to_owned(),
        "Skill id".to_owned(),
        "Learned by".to_owned(),
    ];
    header.extend(team.members.iter().map(|member| member.name.clone()));
    push_record(&mut out, &header);
    for index in rows {
        let Some(skill) = roadmap.skills.get(index) else {
            continue;
        };
        if skill.kind != SkillKind::Skill {
            continue;
        }
        let stage = roadmap
            .stage(&skill.stage)
            .map_or(skill.stage.as_str(), |stage| stage.title.as_str());
        let mut record = vec![
            stage.to_owned(),
            skill.area.label().to_owned(),
            skill.title.clone(),
            skill.id.clone(),
            coverage.get(index).copied().unwrap_or(0).to_string(),
        ];
        for member in &team.members {
            let mut cell = match member.status(&skill.id) {
                Some(status) => status.label().to_owned(),
                None => "unavailable".to_owned(),
            };
            if member.focus(&skill.id).is_some() {
                cell.push_str(" (focus)");
            }
            record.push(cell);
        }
        push_record(&mut out, &record);
    }
    out
}

/// One CSV line (RFC 4180): fields with commas, quotes or line breaks are quoted. A field
/// a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
/// first) starts with `'`, so opening the file runs nothing.
fn push_record(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields
        .iter()
        .map(|field| {
            let field = &if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{field}")
            } else {
                field.clone()
            };
            if field.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.clone()
            }
        })
        .collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_they_must_be() {
        let mut out = String::new();
        push_record(&mut out, &["a".into(), "b,c".into(), "say \"hi\"".into()]);
        assert_eq!(out, "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
    }

    #[test]
    fn a_field_a_spreadsheet_would_run_is_kept_as_text() {
        let mut out = String::new();
        push_record(
            &mut out,
            &[
                "=HYPERLINK(\"http://x\")".into(),
                "@SUM(A1)".into(),
                "-2+3".into(),
                "ok".into(),
            ],
        );
        assert_eq!(
            out,
            "\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1),'-2+3,ok\r\n"
        );
    }

    #[test]
    fn a_member_plan_is_inert_for_any_name_or_note() {
        use crate::model::{FocusSkill, Member, RoadmapRef};
        let roadmap = crate::files::bundled::BACKEND_DEVELOPER.load().unwrap();
        let mut team = Team::new(
            "<script>alert(1)</script>",
            RoadmapRef {
                id: roadmap.id.clone(),
                path: String::new(),
            },
        );
        let mut member = Member::new("<img src=x onerror=alert(2)>", &roadmap.id);
        member.plan.focus.push(FocusSkill {
            skill_id: roadmap.skills[0].id.clone(),
            due: None,
            note: "x\n- [x] forged".into(),
        });
        team.members.push(member);
        let text = member_plan_markdown(&roadmap, &team, 0, Timestamp::now()).unwrap();
        for (at, _) in text.match_indices('<') {
            assert!(text[..at].ends_with('\\'), "an unescaped tag:\n{text}");
        }
        assert!(
            !text.lines().any(|line| line.starts_with("- [x] forged")),
            "{text}"
        );
    }
}
