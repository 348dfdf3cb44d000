//! Team insights: what nobody knows, what only one person knows, and suggested mentors.

use egui::RichText;

use super::TeamSession;
use crate::session::Action;
use crate::session::Document;

pub(super) fn insights_ui(
    ui: &mut egui::Ui,
    session: &mut TeamSession,
    document: &Document,
    actions: &mut Vec<Action>,
) {
    let found = session.insights(document);
    let suggestions: Vec<_> = (0..session.team.members.len())
        .map(|index| session.mentors(document, index))
        .collect();
    let coverage = super::what_if::report(ui.ctx(), session, document);
    let team = &session.team;
    let title = |id: &str| {
        document
            .skill(id)
            .map_or(id.to_owned(), |s| s.title.clone())
    };
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
            super::what_if::coverage_levels_ui(ui, team, coverage, document, actions);
            egui::CollapsingHeader::new(format!(
                "Nobody on the team has learned ({})",
                found.unheld.len()
            ))
            .id_salt("unheld")
            .default_open(true)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for skill_id in found.unheld.iter().take(LISTED) {
                        if ui.link(title(skill_id)).clicked() {
                            actions.push(Action::Focus(skill_id.clone()));
                        }
                    }
                });
                more_ui(ui, found.unheld.len());
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
                        for (skill_id, holder) in found.single_holder.iter().take(LISTED) {
                            if ui.link(title(skill_id)).clicked() {
                                actions.push(Action::Focus(skill_id.clone()));
                            }
                            ui.label(team.members.get(*holder).map_or("", |m| m.name.as_str()));
                            ui.end_row();
                        }
                    });
                more_ui(ui, found.single_holder.len());
            });
            egui::CollapsingHeader::new("Suggested mentors")
                .id_salt("mentors")
                .default_open(true)
                .show(ui, |ui| {
                    for (member, suggestions) in team.members.iter().zip(suggestions) {
                        ui.strong(&member.name);
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

/// How many skills each list shows; the matrix, sorted by fewest who know it, has them all.
const LISTED: usize = 200;

fn more_ui(ui: &mut egui::Ui, count: usize) {
    if count > LISTED {
        ui.label(
            RichText::new(format!(
                "and {} more: sort the matrix by “Fewest who know it” to see them all",
                count - LISTED
            ))
            .weak(),
        );
    }
}
