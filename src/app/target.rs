//! "Aiming for": pick a role milestone, and the left panel lists what is still to learn
//! for it in a learnable order, with the hours left and the date it will be done at a
//! weekly budget; the canvas outlines the skills on the way.

use egui::{RichText, TextEdit};

use crate::app::icons;
use crate::files::storage::TargetSettings;
use crate::model::{SkillKind, Status, TargetPlan, Timestamp};
use crate::paint::palette as theme;
use crate::session::Action;
use crate::session::Document;

/// Gap skills listed at most.
const SHOWN: usize = 15;

#[derive(Default)]
pub struct TargetState {
    plan: Option<TargetPlan>,
    /// Whether each skill (by index) is on the way to the target, for the canvas.
    on_the_way: Vec<bool>,
    computed_for: Option<(Option<String>, u64)>,
    /// The target date as typed, checked before it is kept.
    date_text: Option<String>,
}

impl TargetState {
    /// Works the plan out again if the target or the document changed.
    pub fn refresh(&mut self, document: &Document, settings: &TargetSettings) {
        let key = (settings.milestone.clone(), document.revision());
        if self.computed_for.as_ref() == Some(&key) {
            return;
        }
        self.plan = settings.milestone.as_deref().and_then(|milestone| {
            TargetPlan::compute(&document.roadmap, &document.progress, milestone)
        });
        self.on_the_way.clear();
        self.on_the_way.resize(document.roadmap.skills.len(), false);
        if let Some(plan) = &self.plan {
            for id in plan.required.iter().chain([&plan.target_id]) {
                if let Some(slot) = document
                    .skill_index(id)
                    .and_then(|index| self.on_the_way.get_mut(index))
                {
                    *slot = true;
                }
            }
        }
        self.computed_for = Some(key);
    }

    /// The skills on the way to the target, by index, while one is chosen.
    pub fn highlight(&self) -> Option<&[bool]> {
        self.plan.as_ref().map(|_| self.on_the_way.as_slice())
    }

    pub fn plan(&self) -> Option<&TargetPlan> {
        self.plan.as_ref()
    }
}

/// The target section. Returns whether the settings changed (to be saved).
pub fn target_ui(
    ui: &mut egui::Ui,
    document: &Document,
    settings: &mut TargetSettings,
    state: &mut TargetState,
    actions: &mut Vec<Action>,
) -> bool {
    let mut changed = false;
    ui.strong("Aiming for");
    let current = settings
        .milestone
        .as_deref()
        .and_then(|id| document.skill(id))
        .map_or("No target role", |skill| skill.title.as_str());
    egui::ComboBox::from_id_salt("target-role")
        .selected_text(current)
        .width(ui.available_width() - 8.0)
        .show_ui(ui, |ui| {
            changed |= ui
                .selectable_value(&mut settings.milestone, None, "No target role")
                .changed();
            // Listed only while open: a big roadmap has many skills to look through.
            for skill in document
                .roadmap
                .skills
                .iter()
                .filter(|skill| skill.kind == SkillKind::Milestone)
            {
                changed |= ui
                    .selectable_value(
                        &mut settings.milestone,
                        Some(skill.id.clone()),
                        skill.title.as_str(),
                    )
                    .changed();
            }
        })
        .response
        .accessible_name("Target role")
        .on_hover_text("A role milestone: its prerequisites are outlined on the graph");
    if state.plan.is_none() {
        return changed;
    }

    ui.horizontal(|ui| {
        ui.label("Hours a week");
        changed |= ui
            .add(
                egui::DragValue::new(&mut settings.weekly_hours)
                    .range(0.5..=80.0)
                    .speed(0.5),
            )
            .accessible_name("Hours a week")
            .changed();
    });
    ui.horizontal(|ui| {
        ui.label("By");
        let text = state
            .date_text
            .get_or_insert_with(|| settings.target_date.clone().unwrap_or_default());
        let response = ui.add(
            TextEdit::singleline(text)
                .hint_text("YYYY-MM-DD")
                .desired_width(96.0),
        );
        let response = response.accessible_name("Target date");
        if response.changed() {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                settings.target_date = None;
                changed = true;
            } else if Timestamp::parse(trimmed).is_some() {
                settings.target_date = Some(trimmed.to_owned());
                changed = true;
            }
        }
        if !text.trim().is_empty() && Timestamp::parse(text.trim()).is_none() {
            ui.label(RichText::new("not a date").color(ui.visuals().error_fg_color));
        }
    });

    let Some(plan) = state.plan.as_ref() else {
        return changed;
    };
    if plan.gap.is_empty() {
        ui.label(RichText::new("Everything it needs is learned.").color(theme::MILESTONE));
        return changed;
    }
    let mut effort = format!("{} skills to go, {} h", plan.gap.len(), plan.gap_hours);
    if plan.unestimated > 0 {
        effort.push_str(&format!(" (+{} without an estimate)", plan.unestimated));
    }
    if !plan.below_level.is_empty() {
        effort.push_str(&format!(
            "; {} of them held below the level expected",
            plan.below_level.len()
        ));
    }
    ui.label(effort);
    let today = Timestamp::now();
    if let Some(finish) = plan.projected_finish(today, settings.weekly_hours) {
        ui.label(format!(
            "At {} h a week: done by {}",
            settings.weekly_hours,
            finish.date_string()
        ));
        if let Some(target) = settings.target_date.as_deref().and_then(Timestamp::parse) {
            if finish <= target {
                ui.label(
                    RichText::new("On track for the target date.")
                        .color(theme::status_color(Status::Learned, ui.visuals().dark_mode)),
                );
            } else {
                let weeks_late = (finish.unix_secs - target.unix_secs) as f64 / (7.0 * 86_400.0);
                let needed = crate::model::weekly_hours_needed(plan.gap_hours, today, target);
                let mut text = format!("About {:.0} weeks late", weeks_late.ceil());
                if let Some(needed) = needed {
                    text.push_str(&format!("; {needed:.1} h a week would make it"));
                }
                ui.label(RichText::new(text).color(theme::status_color(
                    Status::Learning,
                    ui.visuals().dark_mode,
                )));
            }
        }
    }
    // Which alternative the plan assumed in each pick-one group; clicking one opens it,
    // where the details panel lets the person pick another.
    for (group_id, choice) in &plan.choices {
        if choice.reason == crate::model::ChoiceReason::Learned {
            continue;
        }
        let group = document.roadmap.title_of(group_id);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{group}:")).weak());
            if ui
                .link(document.skill_title(&choice.member))
                .on_hover_text("Open it to pick another of the group")
                .clicked()
            {
                actions.push(Action::Focus(choice.member.clone()));
            }
            ui.label(RichText::new(format!("({})", choice.reason.label())).weak());
        });
    }
    let shown = super::more::shown(ui, "target-gap", plan.gap.len(), SHOWN);
    let mut list = |ui: &mut egui::Ui| {
        for id in plan.gap.iter().take(shown) {
            let Some(index) = document.skill_index(id) else {
                continue;
            };
            let Some(skill) = document.roadmap.skills.get(index) else {
                continue;
            };
            let mut label = match skill.estimate_hours {
                Some(hours) => format!("{} ({hours} h)", skill.title),
                None => skill.title.clone(),
            };
            // Held, but below what the role expects: say from which level to which.
            if plan.below_level.contains(id)
                && let Some(expected) = plan.expected.get(id)
            {
                let roadmap = &document.roadmap;
                let entry = document.progress.skills.get(id);
                let held = roadmap.held_rank(entry).unwrap_or_default();
                label = format!(
                    "{label} · {}, needs {}",
                    roadmap.level_title(held),
                    roadmap.level_title(*expected)
                );
            }
            if icons::skill_link_wrapping_ui(ui, document.status_at(index), &label).clicked() {
                actions.push(Action::Focus(skill.id.clone()));
            }
        }
    };
    if shown > SHOWN {
        // The whole gap scrolls in a box of its own, so the panel below stays in reach.
        egui::ScrollArea::vertical()
            .id_salt("target-gap")
            .max_height(320.0)
            .show(ui, list);
    } else {
        list(ui);
    }
    super::more::more_ui(ui, "target-gap", plan.gap.len(), SHOWN);
    changed
}
