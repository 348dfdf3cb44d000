//! Coverage by level in the insights tab: the plan's rule (how many people at which
//! level), what the team holds too thinly, and what one person leaving would leave
//! uncovered, with the shortest way to cover it again.

use egui::RichText;

use super::TeamSession;
use super::intents::team_edit;
use std::rc::Rc;

use crate::model::{CoverageReport, CoverageRule, Team, TeamEdit};
use crate::session::{Action, Document};

/// How many under-covered skills are listed before "and N more".
const LISTED: usize = 40;

/// Where the person picked for "if someone leaves" is kept between frames.
fn leaving_id() -> egui::Id {
    egui::Id::unique("team-insights-leaving-member")
}

/// The coverage report for the person picked as leaving, if any.
pub(super) fn report(
    ctx: &egui::Context,
    session: &mut TeamSession,
    document: &Document,
) -> (Option<usize>, Rc<CoverageReport>) {
    let leaving: Option<usize> = ctx
        .data(|data| data.get_temp(leaving_id()))
        .flatten()
        .filter(|index| *index < session.team.members.len());
    (leaving, session.coverage_report(document, leaving))
}

pub(super) fn coverage_levels_ui(
    ui: &mut egui::Ui,
    team: &Team,
    (mut leaving, report): (Option<usize>, Rc<CoverageReport>),
    document: &Document,
    actions: &mut Vec<Action>,
) {
    let roadmap = &document.roadmap;
    let rule = team.coverage.clone();
    let need = crate::model::CoverageNeed::of(roadmap, team);
    let level_title = need
        .rank
        .map_or("learned", |rank| roadmap.level_title(rank));
    egui::CollapsingHeader::new(format!(
        "Held by fewer than {} at {level_title} ({})",
        need.people,
        report.under_covered.len()
    ))
    .id_salt("under-covered")
    .default_open(true)
    .show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label("Covered when");
            let mut people = rule.people.max(1);
            let response = ui
                .add(egui::DragValue::new(&mut people).range(1..=50))
                .on_hover_text("How many people must hold a skill");
            if response.changed() {
                actions.push(team_edit(
                    TeamEdit::SetCoverage(CoverageRule {
                        people,
                        ..rule.clone()
                    }),
                    Some("coverage-people"),
                ));
            }
            if response.drag_stopped() || response.lost_focus() {
                actions.push(Action::EndGesture);
            }
            ui.label("people hold it at");
            if !roadmap.levels.is_empty() {
                egui::ComboBox::from_id_salt("coverage-level")
                    .selected_text(level_title)
                    .show_ui(ui, |ui| {
                        for level in &roadmap.levels {
                            let selected = need.rank == roadmap.level_rank(&level.id);
                            if ui.selectable_label(selected, &level.title).clicked() && !selected {
                                actions.push(team_edit(
                                    TeamEdit::SetCoverage(CoverageRule {
                                        level: level.id.clone(),
                                        ..rule.clone()
                                    }),
                                    None,
                                ));
                            }
                        }
                    })
                    .response
                    .accessible_name("Coverage level");
            }
        });
        skill_counts_ui(ui, document, &report.under_covered, actions);
    });

    egui::CollapsingHeader::new("If someone leaves")
        .id_salt("what-if")
        .default_open(true)
        .show(ui, |ui| {
            let name_of = |index: usize| team.members.get(index).map_or("", |m| m.name.as_str());
            ui.horizontal(|ui| {
                ui.label("If");
                egui::ComboBox::from_id_salt("leaving")
                    .selected_text(leaving.map_or("nobody", name_of))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut leaving, None, "nobody");
                        for (index, member) in team.members.iter().enumerate() {
                            ui.selectable_value(&mut leaving, Some(index), &member.name);
                        }
                    })
                    .response
                    .accessible_name("Leaving member");
                ui.label("left");
            });
            let Some(who) = leaving else {
                ui.label(RichText::new("Pick a person to see what the team would lose.").weak());
                return;
            };
            if report.if_leaves.is_empty() {
                ui.label(format!(
                    "Nothing would drop below the rule if {} left.",
                    name_of(who)
                ));
                return;
            }
            ui.label(format!(
                "{} skills would be held by fewer than {} at {level_title}:",
                report.if_leaves.len(),
                need.people
            ));
            egui::Grid::new("closings")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    for (skill_id, _) in report.if_leaves.iter().take(LISTED) {
                        if ui.link(document.skill_title(skill_id)).clicked() {
                            actions.push(Action::Focus(skill_id.clone()));
                        }
                        match report.closings.iter().find(|c| &c.skill_id == skill_id) {
                            Some(closing) => {
                                let count = closing.skills.len();
                                let mut text = format!(
                                    "{}: {count} {}, {} h",
                                    name_of(closing.member),
                                    if count == 1 { "skill" } else { "skills" },
                                    closing.hours
                                );
                                if let Some(by) = closing.by {
                                    text.push_str(&format!(", by {}", by.date_string()));
                                }
                                let steps: Vec<String> = closing
                                    .skills
                                    .iter()
                                    .map(|id| document.skill_title(id).to_owned())
                                    .collect();
                                ui.label(text).on_hover_text(format!(
                                    "Soonest at their weekly pace: {}",
                                    steps.join(", then ")
                                ));
                            }
                            None => {
                                ui.label(RichText::new("nobody left on the team can").weak());
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    ui.data_mut(|data| data.insert_temp(leaving_id(), leaving));
}

fn skill_counts_ui(
    ui: &mut egui::Ui,
    document: &Document,
    skills: &[(String, usize)],
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        for (skill_id, count) in skills.iter().take(LISTED) {
            let text = format!("{} ({count})", document.skill_title(skill_id));
            if ui.link(text).clicked() {
                actions.push(Action::Focus(skill_id.clone()));
            }
        }
    });
    if skills.len() > LISTED {
        ui.label(RichText::new(format!("and {} more", skills.len() - LISTED)).weak());
    }
}
