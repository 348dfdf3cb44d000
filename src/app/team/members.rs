//! The members tab: each person's role, target, date and budget, the gap to the target,
//! focus skills with due dates and notes, and who can help with what is next.

use egui::{RichText, TextEdit};

use super::intents::{TeamDialog, team_edit};
use super::{GraphLens, TeamAction, TeamSession};
use crate::app::icons;
use crate::files::validate::{MAX_NOTES_CHARS, MAX_TITLE_CHARS};
use crate::model::{FocusSkill, Member, MemberTarget, SkillKind, Status, TeamEdit, Timestamp};
use crate::paint::palette as theme;
use crate::session::Action;
use crate::session::Document;

/// How many gap skills the member view lists before "and N more".
const GAP_SHOWN: usize = 8;

pub(super) fn members_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    document: &Document,
    selected_skill: Option<&str>,
    actions: &mut Vec<Action>,
    dialog: &mut Option<TeamDialog>,
) {
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(190.0);
            egui::ScrollArea::vertical()
                .id_salt("member-list")
                .max_height(ui.available_height() - 70.0)
                .show(ui, |ui| {
                    let counts = session.counts(document);
                    for (index, member) in session.team.members.iter().enumerate() {
                        let summary = match counts.get(index).copied().flatten() {
                            Some(counts) => format!("{} learned", counts.learned),
                            None => "progress unavailable".to_owned(),
                        };
                        let text = format!("{}\n{summary}", member.name);
                        if ui
                            .selectable_label(session.selected_member == Some(index), text)
                            .clicked()
                        {
                            session.selected_member = Some(index);
                        }
                    }
                });
            ui.add_space(4.0);
            if ui.button("Add member").clicked() {
                let name = format!("Member {}", session.team.members.len() + 1);
                let member = Member::new(&name, &document.roadmap.id);
                actions.push(team_edit(TeamEdit::AddMember(Box::new(member)), None));
            }
            if ui
                .button("Add member from progress file…")
                .on_hover_text(
                    "Link a progress file someone shared: the plan reads it each time it opens",
                )
                .clicked()
            {
                *dialog = Some(TeamDialog::AddMemberFromFile);
            }
        });
        ui.separator();
        ui.vertical(|ui| {
            let Some(index) = session
                .selected_member
                .filter(|index| *index < session.team.members.len())
            else {
                ui.label("Add a member to plan their growth.");
                return;
            };
            egui::ScrollArea::vertical()
                .id_salt("member-details")
                .show(ui, |ui| {
                    member_ui(
                        ui,
                        session,
                        index,
                        document,
                        selected_skill,
                        actions,
                        dialog,
                    );
                });
        });
    });
}

#[allow(clippy::too_many_arguments)]
fn member_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    index: usize,
    document: &Document,
    selected_skill: Option<&str>,
    actions: &mut Vec<Action>,
    dialog: &mut Option<TeamDialog>,
) {
    let roadmap = &document.roadmap;
    // The fields drawn before the date field (which needs the session); not the member's
    // progress, which may hold thousands of entries.
    let Some((name, plan)) = session
        .team
        .members
        .get(index)
        .map(|member| (member.name.clone(), member.plan.clone()))
    else {
        return;
    };
    let title_of = |id: &str| roadmap.title_of(id).to_owned();
    egui::Grid::new("member-fields")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("Name");
            let mut name = name.clone();
            let field = TextEdit::singleline(&mut name).char_limit(MAX_TITLE_CHARS);
            let response = ui.add(field.id_salt(("member-name", index)));
            let response = response.accessible_name("Member name");
            if response.changed() {
                actions.push(team_edit(
                    TeamEdit::SetName {
                        member: index,
                        name,
                    },
                    Some(&format!("member-name:{index}")),
                ));
            }
            if response.lost_focus() {
                actions.push(Action::EndGesture);
            }
            ui.end_row();

            ui.label("Now");
            let current = plan.current_role.clone();
            let current_text = if current.is_empty() {
                "Not set".to_owned()
            } else {
                title_of(&current)
            };
            egui::ComboBox::from_id_salt(("current-role", index))
                .selected_text(current_text)
                .show_ui(ui, |ui| {
                    let mut roles: Vec<(String, String)> = vec![(String::new(), "Not set".into())];
                    for stage in &roadmap.stages {
                        roles.push((stage.id.clone(), format!("{} (stage)", stage.title)));
                    }
                    for skill in roadmap
                        .skills
                        .iter()
                        .filter(|s| s.kind == SkillKind::Milestone)
                    {
                        roles.push((skill.id.clone(), skill.title.clone()));
                    }
                    for (role, text) in roles {
                        if ui.selectable_label(current == role, text).clicked() {
                            actions.push(team_edit(
                                TeamEdit::SetCurrentRole {
                                    member: index,
                                    role,
                                },
                                None,
                            ));
                        }
                    }
                })
                .response
                .accessible_name("Member current role");
            ui.end_row();

            ui.label("Aiming for");
            let target = plan.target_role.clone();
            egui::ComboBox::from_id_salt(("target-role", index))
                .selected_text(
                    target
                        .as_deref()
                        .map_or_else(|| "No target".to_owned(), title_of),
                )
                .show_ui(ui, |ui| {
                    if ui.selectable_label(target.is_none(), "No target").clicked() {
                        actions.push(team_edit(
                            TeamEdit::SetTarget {
                                member: index,
                                target: None,
                            },
                            None,
                        ));
                    }
                    for skill in roadmap
                        .skills
                        .iter()
                        .filter(|s| s.kind == SkillKind::Milestone)
                    {
                        if ui
                            .selectable_label(target.as_deref() == Some(&skill.id), &skill.title)
                            .clicked()
                        {
                            actions.push(team_edit(
                                TeamEdit::SetTarget {
                                    member: index,
                                    target: Some(skill.id.clone()),
                                },
                                None,
                            ));
                        }
                    }
                })
                .response
                .accessible_name("Member target role");
            ui.end_row();

            ui.label("Target date");
            let date = plan.target_date;
            if let Some(date) = date_field_ui(
                ui,
                session,
                &format!("target:{index}"),
                "Member target date",
                date,
            ) {
                actions.push(team_edit(
                    TeamEdit::SetTargetDate {
                        member: index,
                        date,
                    },
                    None,
                ));
            }
            ui.end_row();

            let Some(member) = session.team.members.get(index) else {
                return;
            };
            ui.label("Hours a week");
            let mut hours = member.plan.weekly_hours;
            let response = ui.add(
                egui::DragValue::new(&mut hours)
                    .range(0.0..=80.0)
                    .speed(0.25)
                    .suffix(" h"),
            );
            let response = response.accessible_name("Member hours a week");
            if response.changed() {
                actions.push(team_edit(
                    TeamEdit::SetWeeklyHours {
                        member: index,
                        hours,
                    },
                    Some(&format!("hours:{index}")),
                ));
            }
            if response.drag_stopped() || response.lost_focus() {
                actions.push(Action::EndGesture);
            }
            ui.end_row();

            ui.label("Progress");
            match (&member.linked_path, &member.progress) {
                (_, Err(reason)) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("Progress unavailable: {reason}"),
                    );
                }
                (Some(path), Ok(_)) => {
                    ui.label(format!("Linked to {path}"));
                }
                (None, Ok(_)) => {
                    ui.label("Kept in this team plan");
                }
            }
            ui.end_row();
        });
    let counts = session.counts(document).get(index).copied().flatten();
    let target = session.target(document, index);
    let Some(member) = session.team.members.get(index) else {
        return;
    };
    if let Some(counts) = counts {
        ui.label(format!(
            "On the whole roadmap: {} learned, {} learning, {} not started",
            counts.learned, counts.learning, counts.not_started
        ));
    }
    ui.add_space(6.0);
    target_ui(ui, member, target, index, document, actions);
    ui.add_space(6.0);
    focus_ui(ui, session, index, document, selected_skill, actions);
    ui.add_space(6.0);
    if let Some(member) = session.team.members.get(index) {
        let interval = session.team.review_interval_days;
        let rated = (member, index, interval);
        super::ratings::ratings_ui(ui, rated, document, selected_skill, actions);
    }
    let suggestions = session.mentors(document, index);
    let Some(member) = session.team.members.get(index) else {
        return;
    };
    ui.strong("Next skills and who can help");
    if suggestions.is_empty() {
        ui.label(RichText::new("Nothing ready to learn next.").weak());
    }
    for suggestion in suggestions {
        let names: Vec<&str> = suggestion
            .mentors
            .iter()
            .filter_map(|m| session.team.members.get(*m))
            .map(|m| m.name.as_str())
            .collect();
        ui.horizontal(|ui| {
            if ui.link(title_of(&suggestion.skill_id)).clicked() {
                actions.push(Action::Focus(suggestion.skill_id.clone()));
            }
            if names.is_empty() {
                ui.label(RichText::new("nobody on the team yet").weak());
            } else {
                ui.label(format!("ask {}", names.join(", ")));
            }
        });
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .button("Show on the graph")
            .on_hover_text(format!("Colour the graph by {}’s progress", member.name))
            .clicked()
        {
            actions.push(Action::Team(TeamAction::SetLens(GraphLens::Member(index))));
        }
        if ui.button("Export plan as Markdown…").clicked() {
            *dialog = Some(TeamDialog::ExportMemberPlan(index));
        }
        let has_target = member.plan.target_role.is_some();
        if ui
            .add_enabled(has_target, egui::Button::new("Export promotion packet…"))
            .on_hover_text("For the target role: each skill it expects, the level needed, self and manager levels with dates, the evidence, and what is missing. Notes are left out")
            .on_disabled_hover_text("Set a target role first")
            .clicked()
        {
            *dialog = Some(TeamDialog::ExportPromotionPacket(index));
        }
        if ui.button("Remove member…").clicked() {
            actions.push(Action::Team(TeamAction::AskRemoveMember(index)));
        }
    });
}

fn target_ui(
    ui: &mut egui::Ui,
    member: &Member,
    target: Option<MemberTarget>,
    index: usize,
    document: &Document,
    actions: &mut Vec<Action>,
) {
    let Some(target) = target else {
        if member.plan.target_role.is_none() {
            ui.label(RichText::new("Choose a target role to see the gap to it.").weak());
        }
        return;
    };
    let dark_mode = ui.visuals().dark_mode;
    ui.strong("Towards the target");
    let counts = target.counts;
    ui.label(format!(
        "{} skills required: {} learned, {} learning, {} not started",
        target.plan.required.len(),
        counts.learned,
        counts.learning,
        counts.not_started
    ));
    let mut gap = format!(
        "Gap: {} skills, {} h",
        target.plan.gap.len(),
        target.plan.gap_hours
    );
    if target.plan.unestimated > 0 {
        gap.push_str(&format!(
            " (+{} without an estimate)",
            target.plan.unestimated
        ));
    }
    if !target.plan.below_level.is_empty() {
        gap.push_str(&format!(
            "; {} held below the level expected",
            target.plan.below_level.len()
        ));
    }
    ui.label(gap);
    if let Some(finish) = target.finish {
        ui.label(format!(
            "At {} h a week: done by {}",
            member.plan.weekly_hours,
            finish.date_string()
        ));
    }
    match target.realistic {
        Some(true) => {
            ui.colored_label(
                theme::status_color(Status::Learned, dark_mode),
                "Realistic: on track for the target date",
            );
        }
        Some(false) => {
            let text = match target.weekly_hours_needed {
                Some(needed) => {
                    format!("Not realistic by the target date: it needs {needed:.1} h a week")
                }
                None => "Not realistic: the target date has passed".to_owned(),
            };
            ui.colored_label(theme::status_color(Status::Learning, dark_mode), text);
        }
        None => {}
    }
    let gap = target.plan.gap.len();
    let shown = crate::app::more::shown(ui, "member-gap", gap, GAP_SHOWN);
    for skill_id in target.plan.gap.iter().take(shown) {
        let Some(skill) = document.skill(skill_id) else {
            continue;
        };
        let mut label = match skill.estimate_hours {
            Some(hours) => format!("{} ({hours} h)", skill.title),
            None => skill.title.clone(),
        };
        // Held, but below the level the role expects (the manager's rating counts).
        if target.plan.below_level.contains(skill_id)
            && let Some(expected) = target.plan.expected.get(skill_id)
        {
            let roadmap = &document.roadmap;
            let held = member.held_level(roadmap, skill_id).unwrap_or_default();
            label = format!(
                "{label} · {}, needs {}",
                roadmap.level_title(held),
                roadmap.level_title(*expected)
            );
        }
        let status = member.status(skill_id).unwrap_or_default();
        if icons::skill_link_ui(ui, status, &label).clicked() {
            actions.push(Action::Team(TeamAction::SetLens(GraphLens::Member(index))));
            actions.push(Action::Focus(skill_id.clone()));
        }
    }
    crate::app::more::more_ui(ui, "member-gap", gap, GAP_SHOWN);
}

fn focus_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    index: usize,
    document: &Document,
    selected_skill: Option<&str>,
    actions: &mut Vec<Action>,
) {
    let Some(member) = session.team.members.get(index) else {
        return;
    };
    ui.strong("Focus skills");
    let focus = member.plan.focus.clone();
    let member_status = |id: &str| member.status(id).unwrap_or_default();
    let statuses: Vec<Status> = focus.iter().map(|f| member_status(&f.skill_id)).collect();
    if focus.is_empty() {
        ui.label(RichText::new("None yet: select a skill on the graph and add it here.").weak());
    }
    for (item, status) in focus.iter().zip(statuses) {
        let title = document
            .skill(&item.skill_id)
            .map_or(item.skill_id.clone(), |skill| skill.title.clone());
        ui.horizontal(|ui| {
            icons::status_icon_ui(ui, status);
            if ui.link(&title).clicked() {
                actions.push(Action::Focus(item.skill_id.clone()));
            }
            ui.label("due");
            let key = format!("due:{index}:{}", item.skill_id);
            if let Some(due) =
                date_field_ui(ui, session, &key, &format!("Due date of {title}"), item.due)
            {
                actions.push(team_edit(
                    TeamEdit::SetFocus {
                        member: index,
                        focus: FocusSkill {
                            due,
                            ..item.clone()
                        },
                    },
                    None,
                ));
            }
            if ui
                .small_button("Remove")
                .accessible_name(format!("Take {title} off the focus"))
                .on_hover_text("Take it off the focus list")
                .clicked()
            {
                actions.push(team_edit(
                    TeamEdit::RemoveFocus {
                        member: index,
                        skill_id: item.skill_id.clone(),
                    },
                    None,
                ));
            }
        });
        let mut note = item.note.clone();
        let response = ui.add(
            TextEdit::singleline(&mut note)
                .hint_text("Note: why, how, with whom")
                .char_limit(MAX_NOTES_CHARS)
                .desired_width(f32::INFINITY)
                .id_salt(("focus-note", index, &item.skill_id)),
        );
        let response = response.accessible_name(format!("Focus note on {title}"));
        if response.changed() {
            actions.push(team_edit(
                TeamEdit::SetFocus {
                    member: index,
                    focus: FocusSkill {
                        note,
                        ..item.clone()
                    },
                },
                Some(&format!("focus-note:{index}:{}", item.skill_id)),
            ));
        }
        if response.lost_focus() {
            actions.push(Action::EndGesture);
        }
    }
    let addable = selected_skill
        .filter(|id| {
            document
                .skill(id)
                .is_some_and(|s| s.kind == SkillKind::Skill)
        })
        .filter(|id| !focus.iter().any(|f| f.skill_id == *id));
    let text = match addable.and_then(|id| document.skill(id)) {
        Some(skill) => format!("Add “{}” to the focus", skill.title),
        None => "Add the selected skill to the focus".to_owned(),
    };
    if ui
        .add_enabled(addable.is_some(), egui::Button::new(text))
        .on_disabled_hover_text("Select a skill on the graph first")
        .clicked()
        && let Some(skill_id) = addable
    {
        actions.push(team_edit(
            TeamEdit::SetFocus {
                member: index,
                focus: FocusSkill {
                    skill_id: skill_id.to_owned(),
                    due: None,
                    note: String::new(),
                },
            },
            None,
        ));
    }
}

/// A `YYYY-MM-DD` field. Returns the new date when the text changes to a valid date or to
/// nothing (no date); a half-typed date stays in the field, marked, until it parses.
fn date_field_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    key: &str,
    name: &str,
    date: Option<Timestamp>,
) -> Option<Option<Timestamp>> {
    let stored = date.map(|d| d.date_string()).unwrap_or_default();
    let draft = session
        .date_drafts
        .entry(key.to_owned())
        .or_insert_with(|| stored.clone());
    let response = ui.add(
        TextEdit::singleline(draft)
            .hint_text("YYYY-MM-DD")
            .desired_width(90.0)
            .id_salt(("date", key)),
    );
    let response = response.accessible_name(name);
    let text = draft.trim().to_owned();
    let parsed = Timestamp::parse(&text);
    let valid = text.is_empty() || parsed.is_some();
    if !valid {
        ui.colored_label(ui.visuals().error_fg_color, "use YYYY-MM-DD");
    }
    if !response.has_focus() && text != stored && valid {
        // Typed elsewhere, or undone: the field follows the model once it is left.
        if response.lost_focus() {
            return Some(parsed);
        }
        session.date_drafts.insert(key.to_owned(), stored);
        return None;
    }
    if response.changed() && valid && text != stored {
        return Some(parsed);
    }
    None
}
