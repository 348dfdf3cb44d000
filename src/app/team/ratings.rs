//! A member's levels and ratings: the person's own level beside their manager's, where
//! the two differ by more than a level, which ratings are due for review, and a form to
//! record a rating of the skill selected on the canvas.

use egui::{RichText, TextEdit};

use super::intents::team_edit;
use crate::model::{Member, Rater, Rating, TeamEdit, Timestamp, check_url};
use crate::session::{Action, Document};

/// A rating being written, kept in egui's memory per member until it is added.
#[derive(Clone, Debug, Default)]
struct RatingDraft {
    by: Option<Rater>,
    name: String,
    level: String,
    notes: String,
    link: String,
}

pub(super) fn ratings_ui(
    ui: &mut egui::Ui,
    (member, index, review_interval_days): (&Member, usize, u32),
    document: &Document,
    selected_skill: Option<&str>,
    actions: &mut Vec<Action>,
) {
    let roadmap = &document.roadmap;
    if roadmap.levels.is_empty() {
        return;
    }
    let today = Timestamp::now();
    ui.strong("Levels: self and manager");
    let mut skills: Vec<&str> = member.rated_skills();
    if let Some(selected) = selected_skill.filter(|id| {
        roadmap
            .skill(id)
            .is_some_and(|s| s.kind == crate::model::SkillKind::Skill)
    }) && !skills.contains(&selected)
    {
        skills.push(selected);
    }
    if skills.is_empty() {
        ui.label(RichText::new("No ratings yet. Select a skill on the graph to rate it.").weak());
    }
    let warn = ui.visuals().warn_fg_color;
    let mut due = 0;
    egui::Grid::new(("member-ratings", index))
        .num_columns(4)
        .striped(true)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Skill").weak());
            ui.label(RichText::new("Self").weak());
            ui.label(RichText::new("Manager").weak());
            ui.label("");
            ui.end_row();
            for skill_id in &skills {
                let own = member.self_level(roadmap, skill_id);
                let manager = member.rated(roadmap, skill_id, Rater::Manager);
                let differ = member.ratings_disagree(roadmap, skill_id);
                let title = document.skill_title(skill_id);
                let title = if differ {
                    RichText::new(title).color(warn).strong()
                } else {
                    RichText::new(title)
                };
                // Every rating of the skill, mentors' too, on hover.
                let all: Vec<String> = member
                    .ratings
                    .iter()
                    .filter(|rating| rating.skill_id == *skill_id)
                    .map(|rating| {
                        let level = roadmap
                            .level_rank(&rating.level)
                            .map_or(rating.level.as_str(), |rank| roadmap.level_title(rank));
                        let mut line = format!(
                            "{} {} ({}): {level}",
                            rating.at.date_string(),
                            rating.name,
                            rating.by.label()
                        );
                        if !rating.notes.is_empty() {
                            line.push_str(&format!(" — {}", rating.notes));
                        }
                        line
                    })
                    .collect();
                let hover = if all.is_empty() {
                    "Not rated yet".to_owned()
                } else {
                    all.join("\n")
                };
                if ui.link(title).on_hover_text(hover).clicked() {
                    actions.push(Action::Focus((*skill_id).to_owned()));
                }
                for assessed in [own, manager] {
                    match assessed {
                        Some(assessed) => {
                            let mut text = roadmap.level_title(assessed.rank).to_owned();
                            if let Some(at) = assessed.at {
                                text.push_str(&format!(" · {}", at.date_string()));
                            }
                            let is_due = assessed.is_due(today, review_interval_days);
                            if is_due {
                                due += 1;
                                ui.label(RichText::new(format!("{text} · due")).color(warn))
                                    .on_hover_text(format!(
                                        "Older than the review interval ({review_interval_days} days): time to rate it again"
                                    ));
                            } else {
                                ui.label(text);
                            }
                        }
                        None => {
                            ui.label(RichText::new("—").weak());
                        }
                    }
                }
                if differ {
                    let gap = own
                        .zip(manager)
                        .map_or(0, |(own, manager)| own.rank.abs_diff(manager.rank));
                    ui.label(RichText::new(format!("differ by {gap} levels")).color(warn))
                        .on_hover_text("Self and manager see this skill more than a level apart: worth a conversation");
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
    if due > 0 {
        let ratings = if due == 1 { "rating" } else { "ratings" };
        ui.label(RichText::new(format!("{due} {ratings} due for review")).color(warn));
    }
    if let Some(skill_id) = selected_skill.filter(|id| document.skill(id).is_some()) {
        rating_form_ui(ui, member, index, document, skill_id, actions);
    }
    ui.add_space(6.0);
}

fn rating_form_ui(
    ui: &mut egui::Ui,
    member: &Member,
    index: usize,
    document: &Document,
    skill_id: &str,
    actions: &mut Vec<Action>,
) {
    let roadmap = &document.roadmap;
    let id = egui::Id::unique(("rating-draft", index));
    let mut draft: RatingDraft = ui.data(|data| data.get_temp(id)).unwrap_or_default();
    ui.label(format!("Rate {}", document.skill_title(skill_id)));
    ui.horizontal_wrapped(|ui| {
        for rater in Rater::ALL {
            if ui
                .selectable_label(draft.by == Some(rater), rater.label())
                .accessible_name(format!("Rated by {}", rater.label().to_lowercase()))
                .clicked()
            {
                draft.by = Some(rater);
                if rater == Rater::Person {
                    draft.name = member.name.clone();
                } else if draft.name == member.name {
                    draft.name.clear();
                }
            }
        }
    });
    let name_label = ui.label(RichText::new("Rated by").small().weak());
    ui.add(
        TextEdit::singleline(&mut draft.name)
            .char_limit(crate::files::validate::MAX_TITLE_CHARS)
            .hint_text("Their name")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(name_label.id);
    ui.horizontal_wrapped(|ui| {
        for level in &roadmap.levels {
            let mut hover = level.meaning.clone();
            if let Some(line) = document
                .skill(skill_id)
                .and_then(|s| s.rubric.get(&level.id))
            {
                hover = format!("{hover}\n\nFor this skill: {line}");
            }
            if ui
                .selectable_label(draft.level == level.id, &level.title)
                .accessible_name(format!("Rating level {}", level.title))
                .on_hover_text(hover)
                .clicked()
            {
                draft.level = level.id.clone();
            }
        }
    });
    let notes_label = ui.label(RichText::new("Rating notes").small().weak());
    ui.add(
        TextEdit::singleline(&mut draft.notes)
            .char_limit(crate::files::validate::MAX_NOTES_CHARS)
            .hint_text("What it is based on")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(notes_label.id);
    let link_label = ui.label(RichText::new("Rating link").small().weak());
    ui.add(
        TextEdit::singleline(&mut draft.link)
            .char_limit(crate::files::MAX_LINK_CHARS)
            .hint_text("https://… (optional)")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(link_label.id);
    let link_ok = draft.link.trim().is_empty() || check_url(draft.link.trim()).is_ok();
    let ready = draft.by.is_some() && !draft.level.is_empty() && link_ok;
    let button = ui
        .add_enabled(ready, egui::Button::new("Add rating"))
        .on_disabled_hover_text(if link_ok {
            "Choose who rates and the level"
        } else {
            "The link is not usable"
        });
    if button.clicked()
        && let Some(by) = draft.by
    {
        let links = (!draft.link.trim().is_empty())
            .then(|| draft.link.trim().to_owned())
            .into_iter()
            .collect();
        actions.push(team_edit(
            TeamEdit::Rate {
                member: index,
                rating: Rating {
                    skill_id: skill_id.to_owned(),
                    by,
                    name: draft.name.trim().to_owned(),
                    level: draft.level.clone(),
                    at: Timestamp::now(),
                    notes: draft.notes.trim().to_owned(),
                    links,
                },
            },
            None,
        ));
        draft = RatingDraft::default();
    }
    ui.data_mut(|data| data.insert_temp(id, draft));
}
