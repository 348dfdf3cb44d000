//! The left panel: progress per stage and overall, what is ready to learn next, and a
//! legend for the canvas.

use egui::RichText;

use crate::app::icons;
use crate::model::{ProgressSummary, StageProgress, Status, TargetPlan};
use crate::session::Document;
use crate::session::{Action, ProgressOf};

/// `shown` is whose progress the graph shows: yours, a member's, or the team's coverage.
pub fn overview_ui(
    ui: &mut egui::Ui,
    document: &Document,
    shown: (&ProgressOf, &ProgressSummary),
    (selected, plan): (Option<&str>, Option<&TargetPlan>),
    actions: &mut Vec<Action>,
) {
    let (whose, summary) = shown;
    {
        ui.add_space(4.0);
        ui.strong(whose.heading());
        progress_row_ui(ui, "Overall", &summary.overall, whose);
        for stage in &document.roadmap.stages {
            if let Some(progress) = summary.stage(&stage.id) {
                progress_row_ui(ui, &stage.title, progress, whose);
            }
        }
        ui.add_space(10.0);
        match whose {
            ProgressOf::Own => {
                ready_next_ui(ui, document, &document.summary, actions);
                if let Some(plan) = plan {
                    deepen_next_ui(ui, document, plan, actions);
                }
                ui.add_space(10.0);
                kept_progress_ui(ui, document, selected, actions);
            }
            ProgressOf::Member(name) => {
                ready_next_ui(ui, document, summary, actions);
                ui.label(RichText::new(format!("The graph shows {name}’s progress.")).weak());
            }
            ProgressOf::Team => {
                ui.label(
                    RichText::new(
                        "The graph shows who in the team knows each skill; alternatives the team does not need are dimmed.",
                    )
                    .weak(),
                );
            }
        }
        ui.add_space(10.0);
        legend_ui(ui);
    }
}

fn ready_next_ui(
    ui: &mut egui::Ui,
    document: &Document,
    summary: &ProgressSummary,
    actions: &mut Vec<Action>,
) {
    ui.strong(format!("Ready next ({})", summary.ready_next.len()))
        .on_hover_text("Skills not started whose prerequisites are all learned");
    if summary.ready_next.is_empty() {
        let why = if document.roadmap.skills.is_empty() {
            "No skills yet: double-click the canvas or press A to add the first."
        } else if summary.overall.learned >= summary.overall.total {
            "Nothing left: every skill that counts is learned."
        } else {
            "Nothing to start now: each skill left needs a prerequisite learned first."
        };
        ui.label(RichText::new(why).weak());
    }
    let ready = summary.ready_next.len();
    let shown = super::more::shown(ui, "ready-next", ready, READY_SHOWN);
    for skill_id in summary.ready_next.iter().take(shown) {
        let Some(skill) = document.skill(skill_id) else {
            continue;
        };
        let stage = document
            .roadmap
            .stage(&skill.stage)
            .map_or("", |s| s.title.as_str());
        if icons::skill_link_ui(ui, Status::NotStarted, &skill.title)
            .on_hover_text(format!("{stage} · {}", skill.area.label()))
            .clicked()
        {
            actions.push(Action::Focus(skill.id.clone()));
        }
    }
    super::more::more_ui(ui, "ready-next", ready, READY_SHOWN);
}

/// Skills held below the level the target role expects, in the plan's order: next to
/// deepen, beside what is ready to learn.
fn deepen_next_ui(
    ui: &mut egui::Ui,
    document: &Document,
    plan: &TargetPlan,
    actions: &mut Vec<Action>,
) {
    let deepen: Vec<&String> = (plan.gap.iter())
        .filter(|id| plan.below_level.contains(*id))
        .collect();
    if deepen.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.strong(format!("Deepen next ({})", deepen.len()))
        .on_hover_text("Skills you hold below the level your target role expects");
    let shown = super::more::shown(ui, "deepen-next", deepen.len(), READY_SHOWN);
    for skill_id in deepen.into_iter().take(shown) {
        let (Some(index), Some(expected)) =
            (document.skill_index(skill_id), plan.expected.get(skill_id))
        else {
            continue;
        };
        let title = document.skill_title(skill_id);
        let text = format!("{title}, to {}", document.roadmap.level_title(*expected));
        if icons::skill_link_ui(ui, document.status_at(index), &text)
            .on_hover_text(format!(
                "Your target role expects {}",
                document.roadmap.level_title(*expected)
            ))
            .clicked()
        {
            actions.push(Action::Focus(skill_id.clone()));
        }
    }
    let count = plan.below_level.len();
    super::more::more_ui(ui, "deepen-next", count, READY_SHOWN);
}

/// Progress kept on skills the roadmap no longer has, and a way to re-attach it.
fn kept_progress_ui(
    ui: &mut egui::Ui,
    document: &Document,
    selected: Option<&str>,
    actions: &mut Vec<Action>,
) {
    let orphaned = document.orphaned_progress();
    if !orphaned.is_empty() {
        ui.strong(format!("Kept progress ({})", orphaned.len()));
        ui.label(
                RichText::new("Progress and notes on skills this roadmap does not have. They stay in your progress file.")
                    .weak(),
            );
        // Kept progress goes onto the selected skill, if that has none of its own.
        let target = selected
            .and_then(|id| document.skill(id))
            .filter(|skill| !document.progress.skills.contains_key(&skill.id));
        for skill_id in orphaned {
            let notes = document.progress.notes(skill_id);
            let status = document.progress.status(skill_id);
            ui.horizontal(|ui| {
                icons::status_icon_ui(ui, status);
                ui.label(skill_id)
                    .on_hover_text(if notes.is_empty() { "No notes" } else { notes });
                let button = ui
                    .add_enabled(target.is_some(), egui::Button::new("Re-attach").small())
                    .accessible_name(format!("Re-attach {skill_id}"));
                let hint = match target {
                    Some(skill) => format!("Move this progress onto “{}”", skill.title),
                    None => "Select a skill without progress on the graph first".to_owned(),
                };
                if button
                    .on_hover_text(hint)
                    .on_disabled_hover_text("Select a skill without progress on the graph first")
                    .clicked()
                    && let Some(skill) = target
                {
                    actions.push(Action::ReattachProgress {
                        from: skill_id.clone(),
                        to: skill.id.clone(),
                    });
                }
            });
        }
    }
}

fn progress_row_ui(ui: &mut egui::Ui, name: &str, progress: &StageProgress, whose: &ProgressOf) {
    let mut text = format!("{} / {}", progress.learned, progress.total);
    if progress.optional_learned > 0 {
        text.push_str(&format!(" (+{} optional)", progress.optional_learned));
    }
    ui.label(name);
    let (learned, learning, to_go) = match whose {
        ProgressOf::Team => (
            "known by someone in the team",
            "being learned",
            "known by nobody",
        ),
        _ => ("learned", "learning", "to go"),
    };
    let hint = format!(
        "{} {learned}, {} {learning}, {} {to_go}",
        progress.learned,
        progress.learning,
        progress.total - progress.learned
    );
    progress_bar_ui(ui, progress.fraction(), &text).on_hover_text(hint);
}

/// How many ready skills the panel lists before "and N more".
const READY_SHOWN: usize = 12;

const BAR_HEIGHT: f32 = 14.0;

/// A progress bar whose filled part is exactly its share of the width: egui's own bar fills
/// at least a circle of its height, so nothing learned looked the same as 3 of 78.
fn progress_bar_ui(ui: &mut egui::Ui, fraction: f32, text: &str) -> egui::Response {
    let width = ui.available_width().max(96.0);
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, BAR_HEIGHT), egui::Sense::hover());
    response.widget_info(|| {
        let mut info =
            egui::WidgetInfo::labeled(egui::accesskit::Role::ProgressIndicator, true, text);
        info.value = Some((f64::from(fraction) * 100.0).floor());
        info
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let radius = egui::CornerRadius::same((BAR_HEIGHT / 2.0) as u8);
        let painter = ui.painter();
        painter.rect_filled(rect, radius, visuals.extreme_bg_color);
        if let Some(filled) = filled_part(rect, fraction) {
            // The whole rounded bar, cut at the fraction: a thin start stays thin.
            painter
                .with_clip_rect(filled.intersect(painter.clip_rect()))
                .rect_filled(rect, radius, visuals.selection.bg_fill);
        }
        let galley = painter.layout_no_wrap(
            text.to_owned(),
            egui::TextStyle::Button.resolve(ui.style()),
            visuals
                .override_text_color
                .unwrap_or(visuals.selection.stroke.color),
        );
        let at =
            rect.left_center() + egui::vec2(ui.spacing().item_spacing.x, -galley.size().y / 2.0);
        painter
            .with_clip_rect(rect)
            .galley(at, galley, egui::Color32::PLACEHOLDER);
    }
    response
}

/// The filled part of a bar: none at nothing, the whole bar at everything.
fn filled_part(bar: egui::Rect, fraction: f32) -> Option<egui::Rect> {
    let fraction = fraction.clamp(0.0, 1.0);
    (fraction > 0.0).then(|| {
        egui::Rect::from_min_size(bar.min, egui::vec2(bar.width() * fraction, bar.height()))
    })
}

fn legend_ui(ui: &mut egui::Ui) {
    egui::CollapsingHeader::new(RichText::new("Legend").strong())
        .default_open(true)
        .show(ui, |ui| {
            for status in Status::ALL {
                ui.horizontal(|ui| {
                    icons::status_icon_ui(ui, status);
                    ui.label(status.label());
                });
            }
            ui.horizontal(|ui| {
                icons::milestone_icon_ui(ui, false);
                ui.label("Role milestone");
            });
            ui.horizontal(|ui| {
                icons::milestone_icon_ui(ui, true);
                ui.label("Role milestone reached");
            });
            ui.label("Dashed border: optional skill");
            ui.label("Dashed frame: pick one of these");
            ui.label("Arrow: learn this first");
            ui.label(
                RichText::new("Skipped and optional skills do not count against progress.").weak(),
            );
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_fills_exactly_its_share() {
        let bar = egui::Rect::from_min_size(egui::pos2(10.0, 0.0), egui::vec2(200.0, BAR_HEIGHT));
        assert_eq!(filled_part(bar, 0.0), None);
        let little = filled_part(bar, 3.0 / 78.0).map(|rect| rect.width());
        assert!(
            little.is_some_and(|width| width > 7.0 && width < 8.0),
            "{little:?}"
        );
        assert_eq!(filled_part(bar, 1.0), Some(bar));
        assert_eq!(filled_part(bar, 2.0), Some(bar));
    }
}
