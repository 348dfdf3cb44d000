//! The level part of the details panel: the scale with what each level means for this
//! skill, the level held (keys 1–4), and the evidence for it.

use egui::{RichText, TextEdit};

use super::command::UiCommand;
use crate::model::{Evidence, Skill, Status, Timestamp, check_url};
use crate::paint::palette as theme;
use crate::session::{Action, Document};

/// The level picker and what the level held means. Nothing without a scale.
pub fn level_ui(ui: &mut egui::Ui, document: &Document, skill: &Skill, actions: &mut Vec<Action>) {
    let roadmap = &document.roadmap;
    if roadmap.levels.is_empty() {
        return;
    }
    let entry = document.progress.skills.get(&skill.id);
    let given = entry.and_then(|entry| entry.level.as_deref());
    let held = roadmap.held_rank(entry);
    ui.horizontal(|ui| {
        ui.strong("Level");
        match (given, held) {
            (None, Some(rank)) => {
                ui.label(
                    RichText::new(format!("learned counts as {}", roadmap.level_title(rank)))
                        .weak(),
                );
            }
            (Some(_), _) => {
                if let Some(at) = entry.and_then(|entry| entry.level_set_at) {
                    ui.label(RichText::new(format!("set {}", at.date_string())).weak());
                }
            }
            (None, None) => {}
        }
    });
    ui.add_enabled_ui(document.is_progress_editable(), |ui| {
        ui.horizontal_wrapped(|ui| {
            for (place, level) in roadmap.levels.iter().enumerate() {
                let rank = place + 1;
                let selected = given == Some(level.id.as_str());
                let mut hover = level.meaning.clone();
                if let Some(line) = skill.rubric.get(&level.id) {
                    hover = format!("{hover}\n\nFor this skill: {line}");
                }
                if let Some(command) = u8::try_from(rank).ok().map(UiCommand::SetLevel)
                    && rank <= 4
                {
                    hover = format!("{hover}\n\n{}", command.text_with_shortcut(ui.ctx()));
                }
                let text = if held == Some(rank) && !selected {
                    // Held through "Learned": shown, but not as a level given.
                    RichText::new(&level.title).color(theme::level_color(ui.visuals().dark_mode))
                } else {
                    RichText::new(&level.title)
                };
                if ui
                    .selectable_label(selected, text)
                    .on_hover_text(hover.trim())
                    .clicked()
                {
                    let level = (!selected).then(|| level.id.clone());
                    actions.push(Action::SetLevel {
                        skill_id: skill.id.clone(),
                        level,
                    });
                }
            }
        });
    });
    // The same room whatever the level, so that marking a skill moves nothing below
    // (the notes field stays under the pointer): two descriptions of up to two lines.
    let room = 4.0 * ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    ui.vertical(|ui| {
        ui.set_min_height(room);
        match held {
            Some(rank) => describe_level(ui, document, skill, rank, ""),
            None => {
                ui.label(RichText::new("No level yet.").weak());
            }
        }
        let next = held.map_or(1, |rank| rank + 1);
        if next <= roadmap.levels.len() && document.progress.status(&skill.id) != Status::Skipped {
            describe_level(ui, document, skill, next, "Next: ");
        }
    });
    ui.add_space(8.0);
}

/// "Proficient — You do it on your own…", with the skill's own rubric line if it has one.
fn describe_level(ui: &mut egui::Ui, document: &Document, skill: &Skill, rank: usize, lead: &str) {
    let roadmap = &document.roadmap;
    let Some(level) = roadmap.level_at(rank) else {
        return;
    };
    let line = skill
        .rubric
        .get(&level.id)
        .unwrap_or(&level.meaning)
        .as_str();
    let text = format!("{lead}{} — {line}", level.title);
    let text = if lead.is_empty() {
        RichText::new(text)
    } else {
        RichText::new(text).weak()
    };
    ui.label(text);
}

/// The evidence recorded for a skill, and a way to add some: a text (the notes, if the
/// person wants) and a link, dated now, for the level held.
pub fn evidence_ui(
    ui: &mut egui::Ui,
    document: &Document,
    skill_id: &str,
    (evidence_text, evidence_link): (&mut String, &mut String),
    actions: &mut Vec<Action>,
) {
    let roadmap = &document.roadmap;
    let skill_id = skill_id.to_owned();
    let entry = document.progress.skills.get(&skill_id);
    let evidence = entry
        .map(|entry| entry.evidence.as_slice())
        .unwrap_or_default();
    let editable = document.is_progress_editable();
    ui.strong(format!("Evidence ({})", evidence.len()));
    for (index, item) in evidence.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(item.at.date_string()).monospace().weak());
            if let Some(rank) = roadmap.level_rank(&item.level) {
                ui.label(RichText::new(roadmap.level_title(rank)).strong());
            }
            ui.label(&item.text);
            if !item.link.is_empty() {
                match check_url(&item.link) {
                    Ok(()) => {
                        ui.hyperlink_to("link", &item.link)
                            .on_hover_text(&item.link);
                    }
                    Err(reason) => {
                        ui.label(RichText::new(&item.link).weak())
                            .on_hover_text(format!("Not opened: {reason}"));
                    }
                }
            }
            if ui
                .add_enabled(editable, egui::Button::new("Remove").small())
                .on_hover_text("Remove this evidence (Undo brings it back)")
                .clicked()
            {
                actions.push(Action::RemoveEvidence {
                    skill_id: skill_id.clone(),
                    index,
                });
            }
        });
    }
    ui.add_enabled_ui(editable, |ui| {
        // Labelled for screen readers (and tests); the hint says what to write.
        let text_label = ui.label(RichText::new("Evidence text").small().weak());
        ui.add(
            TextEdit::singleline(&mut *evidence_text)
                .char_limit(crate::files::validate::MAX_NOTES_CHARS)
                .hint_text("What shows it: a project, a review, a talk")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(text_label.id);
        let link_label = ui.label(RichText::new("Link (optional)").small().weak());
        ui.add(
            TextEdit::singleline(&mut *evidence_link)
                .char_limit(crate::files::MAX_LINK_CHARS)
                .hint_text("https://…")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(link_label.id);
        let private = entry.is_some_and(|entry| entry.notes_private);
        let level = entry
            .and_then(|entry| entry.level.clone())
            .or_else(|| {
                let rank = roadmap.held_rank(entry)?;
                Some(roadmap.level_at(rank)?.id.clone())
            })
            .unwrap_or_default();
        let link_problem = (!evidence_link.trim().is_empty())
            .then(|| check_url(evidence_link.trim()).err())
            .flatten();
        ui.horizontal(|ui| {
            let has_notes = !document.progress.notes(&skill_id).trim().is_empty();
            if ui
                .add_enabled(has_notes && !private, egui::Button::new("Use my notes"))
                .on_hover_text("Take the notes above as the evidence's text")
                .on_disabled_hover_text(if private {
                    "Private notes stay private: make them shared to use them as evidence"
                } else {
                    "There are no notes on this skill yet"
                })
                .clicked()
            {
                *evidence_text = document.progress.notes(&skill_id).to_owned();
            }
            let ready = !evidence_text.trim().is_empty() && link_problem.is_none();
            let level_title = roadmap
                .level_rank(&level)
                .map(|rank| roadmap.level_title(rank).to_owned());
            let hover = match &level_title {
                Some(title) => format!("Record it, dated today, as evidence for {title}"),
                None => "Record it, dated today".to_owned(),
            };
            if ui
                .add_enabled(ready, egui::Button::new("Add evidence"))
                .on_hover_text(hover)
                .clicked()
            {
                actions.push(Action::AddEvidence {
                    skill_id: skill_id.clone(),
                    evidence: Evidence {
                        at: Timestamp::now(),
                        level,
                        text: evidence_text.trim().to_owned(),
                        link: evidence_link.trim().to_owned(),
                    },
                });
                evidence_text.clear();
                evidence_link.clear();
            }
        });
        if let Some(problem) = link_problem {
            ui.label(RichText::new(format!("The link is not usable: {problem}")).weak());
        }
    });
    ui.add_space(8.0);
}
