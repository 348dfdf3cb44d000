//! The team plan window: members with their targets and focus, the team matrix, and
//! insights (gaps, single holders, mentors). Edits go out as actions.

use egui::{Color32, RichText, Sense, TextEdit, Vec2, WidgetInfo};

use super::{GraphLens, TeamAction, TeamSession, TeamTab};
use crate::app::action::Action;
use crate::app::document::Document;
use crate::app::theme;
use crate::model::{
    FocusSkill, MatrixSort, Member, SkillKind, Status, TeamEdit, Timestamp, coverage, insights,
    matrix_rows, member_counts, member_target, mentors,
};

/// A file dialog the window asks the app to show (dialogs block, so the app runs them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamDialog {
    AddMemberFromFile,
    ExportMemberPlan(usize),
    ExportMatrixCsv,
}

/// How many gap skills the member view lists before "and N more".
const GAP_SHOWN: usize = 8;

pub fn team_window(
    ctx: &egui::Context,
    session: &mut TeamSession,
    document: &Document,
    selected_skill: Option<&str>,
    actions: &mut Vec<Action>,
) -> Option<TeamDialog> {
    let mut dialog = None;
    confirm_remove_ui(ctx, session, actions);
    if !session.window_open {
        return None;
    }
    let mut open = true;
    egui::Window::new(format!("Team plan: {}", session.team.name))
        .id(egui::Id::unique("team-window"))
        .open(&mut open)
        .default_size([760.0, 560.0])
        .default_pos(ctx.content_rect().center() - Vec2::new(380.0, 260.0))
        .show(ctx, |ui| {
            header_ui(ui, session, actions);
            ui.separator();
            match session.tab {
                TeamTab::Members => {
                    members_ui(ui, session, document, selected_skill, actions, &mut dialog)
                }
                TeamTab::Matrix => matrix_ui(ui, session, document, actions, &mut dialog),
                TeamTab::Insights => insights_ui(ui, session, document, actions),
            }
        });
    if !open {
        actions.push(Action::Team(TeamAction::Show(false)));
    }
    dialog
}

fn header_ui(ui: &mut egui::Ui, session: &mut TeamSession, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.label("Team name");
        let mut name = session.team.name.clone();
        let response = ui.add(
            TextEdit::singleline(&mut name)
                .desired_width(180.0)
                .id_salt("team-name"),
        );
        let response = response.accessible_name("Team name");
        if response.changed() {
            actions.push(team_edit(TeamEdit::Rename(name), Some("team-name")));
        }
        if response.lost_focus() {
            actions.push(Action::EndGesture);
        }
        ui.separator();
        ui.label("Graph shows");
        let lens_text = |lens: GraphLens| match lens {
            GraphLens::Own => "Your progress".to_owned(),
            GraphLens::Member(index) => session.team.members.get(index).map_or_else(
                || "A member".to_owned(),
                |m| format!("{}’s progress", m.name),
            ),
            GraphLens::Coverage => "Team coverage".to_owned(),
        };
        egui::ComboBox::from_id_salt("graph-lens")
            .selected_text(lens_text(session.lens))
            .show_ui(ui, |ui| {
                let mut lenses = vec![GraphLens::Own];
                lenses.extend((0..session.team.members.len()).map(GraphLens::Member));
                lenses.push(GraphLens::Coverage);
                for lens in lenses {
                    if ui
                        .selectable_label(session.lens == lens, lens_text(lens))
                        .clicked()
                    {
                        actions.push(Action::Team(TeamAction::SetLens(lens)));
                    }
                }
            })
            .response
            .accessible_name("Progress shown on the graph");
        if session.modified {
            ui.label(RichText::new("saving…").weak());
        }
    });
    ui.horizontal(|ui| {
        for (tab, text) in [
            (TeamTab::Members, "Members"),
            (TeamTab::Matrix, "Matrix"),
            (TeamTab::Insights, "Insights"),
        ] {
            ui.selectable_value(&mut session.tab, tab, text);
        }
        if let Some(path) = &session.path {
            ui.label(RichText::new(path.display().to_string()).weak().small());
        }
    });
}

fn team_edit(edit: TeamEdit, gesture: Option<&str>) -> Action {
    Action::Team(TeamAction::Edit {
        edit,
        gesture: gesture.map(str::to_owned),
    })
}

fn members_ui(
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
                    for (index, member) in session.team.members.iter().enumerate() {
                        let summary = match member_counts(&document.roadmap, member) {
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
    let Some(member) = session.team.members.get(index).cloned() else {
        return;
    };
    let title_of = |id: &str| {
        roadmap
            .skill(id)
            .map(|skill| skill.title.clone())
            .or_else(|| roadmap.stage(id).map(|stage| stage.title.clone()))
            .unwrap_or_else(|| id.to_owned())
    };
    egui::Grid::new("member-fields")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("Name");
            let mut name = member.name.clone();
            let response = ui
                .add(TextEdit::singleline(&mut name).id_salt(("member-name", index)))
                .accessible_name("Member name");
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
            let current = member.plan.current_role.clone();
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
            let target = member.plan.target_role.clone();
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
            let date = member.plan.target_date;
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
    let Some(member) = session.team.members.get(index) else {
        return;
    };
    if let Some(counts) = member_counts(roadmap, member) {
        ui.label(format!(
            "On the whole roadmap: {} learned, {} learning, {} not started",
            counts.learned, counts.learning, counts.not_started
        ));
    }
    ui.add_space(6.0);
    target_ui(ui, member, index, document, actions);
    ui.add_space(6.0);
    focus_ui(ui, session, index, document, selected_skill, actions);
    ui.add_space(6.0);
    let Some(member) = session.team.members.get(index) else {
        return;
    };
    ui.strong("Next skills and who can help");
    let suggestions = mentors(roadmap, &session.team, index);
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
        if ui.button("Remove member…").clicked() {
            actions.push(Action::Team(TeamAction::AskRemoveMember(index)));
        }
    });
}

fn target_ui(
    ui: &mut egui::Ui,
    member: &Member,
    index: usize,
    document: &Document,
    actions: &mut Vec<Action>,
) {
    let roadmap = &document.roadmap;
    let Some(target) = member_target(roadmap, member, Timestamp::now()) else {
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
    for skill_id in target.plan.gap.iter().take(GAP_SHOWN) {
        let Some(skill) = roadmap.skill(skill_id) else {
            continue;
        };
        ui.horizontal(|ui| {
            theme::status_icon_ui(ui, member.status(skill_id).unwrap_or_default());
            let label = match skill.estimate_hours {
                Some(hours) => format!("{} ({hours} h)", skill.title),
                None => skill.title.clone(),
            };
            if ui.link(label).clicked() {
                actions.push(Action::Team(TeamAction::SetLens(GraphLens::Member(index))));
                actions.push(Action::Focus(skill_id.clone()));
            }
        });
    }
    if target.plan.gap.len() > GAP_SHOWN {
        ui.label(RichText::new(format!("and {} more", target.plan.gap.len() - GAP_SHOWN)).weak());
    }
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
            theme::status_icon_ui(ui, status);
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

fn matrix_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    document: &Document,
    actions: &mut Vec<Action>,
    dialog: &mut Option<TeamDialog>,
) {
    let roadmap = &document.roadmap;
    filters_ui(ui, session, document, dialog);
    let coverage = coverage(roadmap, &session.team);
    let rows = matrix_rows(roadmap, &session.team, &coverage, &session.filter);
    cell_details_ui(ui, session, document, actions);
    ui.separator();
    if session.team.members.is_empty() {
        ui.label("No members yet: add them on the Members tab.");
        return;
    }
    let members = session.team.members.len();
    let dark_mode = ui.visuals().dark_mode;
    egui::ScrollArea::both()
        .id_salt("team-matrix")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("matrix-grid")
                .striped(true)
                .spacing([6.0, 2.0])
                .show(ui, |ui| {
                    ui.strong(format!("{} skills", rows.len()));
                    ui.strong("Known by");
                    for member in &session.team.members {
                        let learned = member_counts(roadmap, member)
                            .map_or_else(|| "?".to_owned(), |c| c.learned.to_string());
                        ui.strong(format!("{}\n{learned}", member.name));
                    }
                    ui.end_row();
                    let mut last_stage: Option<&str> = None;
                    for &index in &rows {
                        let Some(skill) = roadmap.skills.get(index) else {
                            continue;
                        };
                        if session.filter.sort == MatrixSort::Stage
                            && last_stage != Some(skill.stage.as_str())
                        {
                            last_stage = Some(skill.stage.as_str());
                            let title = roadmap
                                .stage(&skill.stage)
                                .map_or(skill.stage.as_str(), |s| s.title.as_str());
                            ui.label(RichText::new(title).heading().size(15.0));
                            ui.end_row();
                        }
                        let label = format!("{} · {}", skill.title, skill.area.label());
                        if ui.link(label).on_hover_text(&skill.summary).clicked() {
                            actions.push(Action::Focus(skill.id.clone()));
                        }
                        let known = coverage.get(index).copied().unwrap_or(0);
                        let known_text = RichText::new(format!("{known}/{members}"));
                        ui.label(if known == 0 {
                            known_text.color(theme::COVERAGE_GAP)
                        } else {
                            known_text
                        });
                        for (member_index, member) in session.team.members.iter().enumerate() {
                            let selected = session
                                .cell
                                .as_ref()
                                .is_some_and(|(m, id)| *m == member_index && *id == skill.id);
                            let response =
                                cell_ui(ui, member, &skill.id, &skill.title, selected, dark_mode);
                            if response.clicked() {
                                session.cell = Some((member_index, skill.id.clone()));
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}

fn filters_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    document: &Document,
    dialog: &mut Option<TeamDialog>,
) {
    let roadmap = &document.roadmap;
    ui.horizontal_wrapped(|ui| {
        let filter = &mut session.filter;
        ui.label("Stage");
        let stage_text = filter
            .stage
            .as_deref()
            .and_then(|id| roadmap.stage(id))
            .map_or("All", |s| s.title.as_str())
            .to_owned();
        egui::ComboBox::from_id_salt("matrix-stage")
            .selected_text(stage_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.stage, None, "All");
                for stage in &roadmap.stages {
                    ui.selectable_value(&mut filter.stage, Some(stage.id.clone()), &stage.title);
                }
            })
            .response
            .accessible_name("Matrix stage");
        ui.label("Area");
        let mut areas: Vec<&crate::model::Area> = roadmap
            .skills
            .iter()
            .filter(|s| s.kind == SkillKind::Skill)
            .map(|s| &s.area)
            .collect();
        areas.sort_by_key(|a| a.label().to_owned());
        areas.dedup();
        let area_text = filter.area.as_deref().map_or("All".to_owned(), |id| {
            crate::model::Area(id.to_owned()).label().to_owned()
        });
        egui::ComboBox::from_id_salt("matrix-area")
            .selected_text(area_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.area, None, "All");
                for area in areas {
                    ui.selectable_value(&mut filter.area, Some(area.0.clone()), area.label());
                }
            })
            .response
            .accessible_name("Matrix area");
        ui.label("Status");
        egui::ComboBox::from_id_salt("matrix-status")
            .selected_text(filter.status.map_or("Any", |s| s.label()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.status, None, "Any");
                for status in Status::ALL {
                    ui.selectable_value(&mut filter.status, Some(status), status.label())
                        .on_hover_text("Skills where someone has this status");
                }
            })
            .response
            .accessible_name("Matrix status");
        ui.label("Sort by");
        egui::ComboBox::from_id_salt("matrix-sort")
            .selected_text(filter.sort.label())
            .show_ui(ui, |ui| {
                for sort in MatrixSort::ALL {
                    ui.selectable_value(&mut filter.sort, sort, sort.label());
                }
            })
            .response
            .accessible_name("Matrix sort");
        if ui.button("Export CSV…").clicked() {
            *dialog = Some(TeamDialog::ExportMatrixCsv);
        }
    });
}

/// One matrix cell: the member's status as icon and colour, a ring when it is one of
/// their focus skills; named for screen readers.
fn cell_ui(
    ui: &mut egui::Ui,
    member: &Member,
    skill_id: &str,
    skill_title: &str,
    selected: bool,
    dark_mode: bool,
) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::new(44.0, 22.0), Sense::click());
    let status = member.status(skill_id);
    let focus = member.focus(skill_id).is_some();
    let name = match status {
        Some(status) => format!(
            "{}, {skill_title}: {}{}",
            member.name,
            status.label(),
            if focus { ", focus" } else { "" }
        ),
        None => format!("{}, {skill_title}: progress unavailable", member.name),
    };
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &name));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        let fill = match status {
            Some(status) => theme::node_fill(status, dark_mode),
            None => Color32::TRANSPARENT,
        };
        painter.rect_filled(rect.shrink(1.0), 4.0, fill);
        if selected || response.hovered() {
            painter.rect_stroke(
                rect.shrink(1.0),
                4.0,
                egui::Stroke::new(2.0, theme::ACCENT),
                egui::StrokeKind::Inside,
            );
        }
        match status {
            Some(status) => {
                theme::paint_status_icon(painter, rect.center(), 7.0, status, dark_mode);
                if focus {
                    painter.circle_stroke(
                        rect.center(),
                        10.0,
                        egui::Stroke::new(1.5, theme::ACCENT),
                    );
                }
            }
            None => {
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    "?",
                    egui::FontId::proportional(13.0),
                    ui.visuals().weak_text_color(),
                );
            }
        }
    }
    response.on_hover_text(name)
}

/// The clicked cell: the member's status on the skill (changeable), their note, and the
/// focus the manager set.
fn cell_details_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    document: &Document,
    actions: &mut Vec<Action>,
) {
    let Some((member_index, skill_id)) = session.cell.clone() else {
        ui.label(RichText::new("Click a cell to see the note and change the status.").weak());
        return;
    };
    if !member_skill_ui(ui, session, member_index, &skill_id, document, actions) {
        session.cell = None;
    }
}

/// One member's status on a skill with buttons to change it, their note and the focus set
/// for it. Returns false when the member or the skill is gone.
pub fn member_skill_ui(
    ui: &mut egui::Ui,
    session: &TeamSession,
    member_index: usize,
    skill_id: &str,
    document: &Document,
    actions: &mut Vec<Action>,
) -> bool {
    let (Some(member), Some(skill)) = (
        session.team.members.get(member_index),
        document.skill(skill_id),
    ) else {
        return false;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!("{} · {}", member.name, skill.title));
            let Some(current) = member.status(skill_id) else {
                ui.label("progress unavailable");
                return;
            };
            if skill.kind == SkillKind::Milestone {
                return;
            }
            for status in Status::ALL {
                if ui
                    .selectable_label(current == status, status.label())
                    .clicked()
                    && current != status
                {
                    actions.push(team_edit(
                        TeamEdit::SetStatus {
                            member: member_index,
                            skill_id: skill_id.to_owned(),
                            status,
                        },
                        None,
                    ));
                }
            }
        });
        let notes = member.progress().map_or("", |p| p.notes(skill_id));
        if notes.is_empty() {
            ui.label(RichText::new("No notes on this skill.").weak());
        } else {
            ui.label(notes);
        }
        if let Some(focus) = member.focus(skill_id) {
            let due = focus
                .due
                .map(|d| format!(", due {}", d.date_string()))
                .unwrap_or_default();
            ui.label(format!("Focus skill{due}. {}", focus.note));
        }
    });
    true
}

fn insights_ui(
    ui: &mut egui::Ui,
    session: &TeamSession,
    document: &Document,
    actions: &mut Vec<Action>,
) {
    let roadmap = &document.roadmap;
    let team = &session.team;
    let found = insights(roadmap, team);
    let title = |id: &str| roadmap.skill(id).map_or(id.to_owned(), |s| s.title.clone());
    egui::ScrollArea::vertical()
        .id_salt("team-insights")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let unavailable = team.members.iter().filter(|m| m.progress.is_err()).count();
            if unavailable > 0 {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("{unavailable} members’ progress is unavailable and not counted."),
                );
            }
            egui::CollapsingHeader::new(format!(
                "Nobody on the team has learned ({})",
                found.unheld.len()
            ))
            .id_salt("unheld")
            .default_open(true)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for skill_id in &found.unheld {
                        if ui.link(title(skill_id)).clicked() {
                            actions.push(Action::Focus(skill_id.clone()));
                        }
                    }
                });
            });
            egui::CollapsingHeader::new(format!(
                "Only one person knows: a risk if they leave ({})",
                found.single_holder.len()
            ))
            .id_salt("single-holder")
            .default_open(true)
            .show(ui, |ui| {
                egui::Grid::new("single-holders")
                    .striped(true)
                    .show(ui, |ui| {
                        for (skill_id, holder) in &found.single_holder {
                            if ui.link(title(skill_id)).clicked() {
                                actions.push(Action::Focus(skill_id.clone()));
                            }
                            ui.label(team.members.get(*holder).map_or("", |m| m.name.as_str()));
                            ui.end_row();
                        }
                    });
            });
            egui::CollapsingHeader::new("Suggested mentors")
                .id_salt("mentors")
                .default_open(true)
                .show(ui, |ui| {
                    for (index, member) in team.members.iter().enumerate() {
                        ui.strong(&member.name);
                        let suggestions = mentors(roadmap, team, index);
                        if suggestions.is_empty() {
                            ui.label(RichText::new("nothing ready next").weak());
                        }
                        for suggestion in suggestions {
                            let names: Vec<&str> = suggestion
                                .mentors
                                .iter()
                                .filter_map(|m| team.members.get(*m))
                                .map(|m| m.name.as_str())
                                .collect();
                            let who = if names.is_empty() {
                                "nobody on the team yet".to_owned()
                            } else {
                                names.join(", ")
                            };
                            ui.label(format!("{}: {who}", title(&suggestion.skill_id)));
                        }
                        ui.add_space(4.0);
                    }
                });
        });
}

fn confirm_remove_ui(ctx: &egui::Context, session: &TeamSession, actions: &mut Vec<Action>) {
    let Some(index) = session.confirm_remove else {
        return;
    };
    let Some(member) = session.team.members.get(index) else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("confirm-remove-member")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(format!("Remove {} from the team plan?", member.name));
        let detail = match &member.linked_path {
            Some(path) => {
                format!("Their progress file ({path}) is not touched. Undo brings them back.")
            }
            None => {
                "Their progress kept in this plan goes with them. Undo brings them back.".to_owned()
            }
        };
        ui.label(detail);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Remove").clicked() {
                actions.push(team_edit(TeamEdit::RemoveMember(index), None));
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::Team(TeamAction::CancelRemoveMember));
            }
        });
    });
    if modal.should_close() {
        actions.push(Action::Team(TeamAction::CancelRemoveMember));
    }
}

/// The legend of the coverage view, over the canvas's bottom-left corner.
pub fn coverage_legend(ctx: &egui::Context, canvas: egui::Rect, members: usize) {
    egui::Area::new(egui::Id::unique("coverage-legend"))
        .order(egui::Order::Foreground)
        .fixed_pos(canvas.left_bottom() + Vec2::new(10.0, -10.0))
        .pivot(egui::Align2::LEFT_BOTTOM)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.strong("Team coverage: members who learned the skill");
                let dark_mode = ui.visuals().dark_mode;
                ui.horizontal(|ui| {
                    for learned_by in 0..=members {
                        let (rect, _) =
                            ui.allocate_exact_size(Vec2::new(34.0, 20.0), Sense::hover());
                        ui.painter().rect(
                            rect,
                            4.0,
                            theme::coverage_fill(learned_by, members, dark_mode),
                            egui::Stroke::new(
                                1.0,
                                theme::coverage_border(learned_by, members, dark_mode),
                            ),
                            egui::StrokeKind::Inside,
                        );
                        ui.painter().text(
                            rect.center(),
                            egui::Align2::CENTER_CENTER,
                            learned_by.to_string(),
                            egui::FontId::proportional(12.0),
                            ui.visuals().strong_text_color(),
                        );
                    }
                    ui.label(format!("of {members}"));
                });
            });
        });
}
