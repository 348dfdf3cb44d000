//! The timeline window: every status change, newest first, by week or month, with a bar
//! per period for skills learned, limited to a date range, with the notes of each skill.

use egui::{RichText, TextEdit};

use crate::app::icons;
use crate::model::{Period, Status, TimelineGroup, Timestamp, timeline_entries, timeline_groups};
use crate::paint::palette as theme;
use crate::session::Action;
use crate::session::Document;

/// Entries listed at most (the chart counts them all).
const SHOWN: usize = 300;

#[derive(Default)]
pub struct TimelineState {
    pub open: bool,
    period: Period,
    from_text: String,
    to_text: String,
    /// The groups shown, and what they were worked out for: recomputed only when the
    /// progress, the range or the period changes, not every frame.
    groups: Vec<TimelineGroup>,
    total: usize,
    computed_for: Option<(u64, String, String, Period)>,
}

impl TimelineState {
    fn refresh(&mut self, document: &Document) {
        let key = (
            document.revision(),
            self.from_text.clone(),
            self.to_text.clone(),
            self.period,
        );
        if self.computed_for.as_ref() == Some(&key) {
            return;
        }
        let entries = timeline_entries(
            &document.progress,
            parse_date(&self.from_text),
            parse_date(&self.to_text),
        );
        self.total = entries.len();
        self.groups = timeline_groups(entries, self.period);
        self.computed_for = Some(key);
    }
}

fn parse_date(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if text.is_empty() {
        None
    } else {
        Timestamp::parse(text)
    }
}

pub fn timeline_ui(
    ctx: &egui::Context,
    document: &Document,
    state: &mut TimelineState,
    actions: &mut Vec<Action>,
) {
    if !state.open {
        return;
    }
    let mut open = true;
    let shown = egui::Window::new("Timeline")
        .constrain_to(crate::app::dialogs::window_area(ctx))
        .open(&mut open)
        .default_size([420.0, 520.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut state.period, Period::Week, "By week");
                ui.selectable_value(&mut state.period, Period::Month, "By month");
            });
            ui.horizontal_wrapped(|ui| {
                ui.label("From");
                ui.add(
                    TextEdit::singleline(&mut state.from_text)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(90.0),
                )
                .accessible_name("From date");
                ui.label("to");
                ui.add(
                    TextEdit::singleline(&mut state.to_text)
                        .hint_text("today")
                        .desired_width(90.0),
                )
                .accessible_name("To date");
                let today = Timestamp::now();
                for (label, days) in [("Last 7 days", 7), ("Last 30 days", 30)] {
                    if ui.small_button(label).clicked() {
                        state.from_text =
                            Timestamp::from_unix_secs(today.unix_secs - days * 86_400)
                                .date_string();
                        state.to_text.clear();
                    }
                }
                if ui.small_button("All").clicked() {
                    state.from_text.clear();
                    state.to_text.clear();
                }
            });
            let bad = |text: &str| !text.trim().is_empty() && parse_date(text).is_none();
            if bad(&state.from_text) || bad(&state.to_text) {
                ui.label(
                    RichText::new("Dates are written YYYY-MM-DD.")
                        .color(ui.visuals().error_fg_color),
                );
            }
            state.refresh(document);
            if state.groups.is_empty() {
                ui.label(RichText::new("No status changes in this range.").weak());
                return;
            }
            let (groups, total) = (&state.groups, state.total);
            chart_ui(ui, groups);
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let mut shown = 0;
                    for group in groups {
                        if shown >= SHOWN {
                            break;
                        }
                        ui.strong(format!("{} · {} learned", group.label, group.learned));
                        for entry in &group.entries {
                            shown += 1;
                            if shown > SHOWN {
                                break;
                            }
                            let title = document
                                .skill(&entry.skill_id)
                                .map_or(entry.skill_id.as_str(), |s| s.title.as_str());
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(entry.at.date_string()).monospace().weak());
                                icons::status_icon_ui(ui, entry.status);
                                if ui.link(title).clicked() {
                                    actions.push(Action::Focus(entry.skill_id.clone()));
                                }
                                ui.label(RichText::new(entry.status.label()).weak());
                            });
                            let notes = document.progress.notes(&entry.skill_id).trim();
                            if entry.status == Status::Learned && !notes.is_empty() {
                                let first_line = notes.lines().next().unwrap_or_default();
                                ui.label(RichText::new(format!("    {first_line}")).small().weak());
                            }
                        }
                        ui.add_space(6.0);
                    }
                    if total > SHOWN {
                        ui.label(RichText::new(format!("and {} earlier", total - SHOWN)).weak());
                    }
                });
        });
    if let Some(shown) = &shown {
        crate::app::automation::mark(ctx, "window", "timeline", shown.response.rect);
    }
    if !open {
        state.open = false;
    }
}

/// The widest a period's bar gets: one week is one slim bar, not the whole window.
const MAX_SLOT: f32 = 56.0;

/// A bar per period (oldest on the left) for skills learned, with the count above it and
/// the period below it.
fn chart_ui(ui: &mut egui::Ui, groups: &[TimelineGroup]) {
    let max = groups.iter().map(|g| g.learned).max().unwrap_or(0).max(1);
    let bars = groups.len().min(26);
    let height = 70.0;
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height + 32.0),
        egui::Sense::hover(),
    );
    let shown: Vec<&TimelineGroup> = groups.iter().take(bars).rev().collect();
    response.widget_info(|| {
        let counts: Vec<String> = (shown.iter())
            .map(|group| format!("{}: {}", group.label, group.learned))
            .collect();
        egui::WidgetInfo::labeled(
            egui::accesskit::Role::Image,
            true,
            format!("Skills learned, {}", counts.join(", ")),
        )
    });
    let painter = ui.painter_at(rect);
    let slot = bar_slot(rect.width(), bars);
    let color = theme::status_color(Status::Learned, ui.visuals().dark_mode);
    let small = egui::FontId::proportional(11.0);
    let text_color = ui.visuals().weak_text_color();
    let top = rect.top() + 14.0;
    let chart_height = height - 14.0;
    for (i, group) in shown.into_iter().enumerate() {
        let bar_height = chart_height * group.learned as f32 / max as f32;
        let x = rect.left() + i as f32 * slot;
        let bar = egui::Rect::from_min_max(
            egui::pos2(x + slot * 0.15, top + chart_height - bar_height),
            egui::pos2(x + slot * 0.85, top + chart_height),
        );
        painter.rect_filled(bar, 2.0, color);
        let centre = x + slot * 0.5;
        painter.text(
            egui::pos2(centre, bar.top() - 2.0),
            egui::Align2::CENTER_BOTTOM,
            group.learned.to_string(),
            small.clone(),
            text_color,
        );
        painter.text(
            egui::pos2(centre, top + chart_height + 3.0),
            egui::Align2::CENTER_TOP,
            short_period(&group.label),
            small.clone(),
            text_color,
        );
    }
}

/// The room each period's bar gets: the chart's width shared out, at most [`MAX_SLOT`].
fn bar_slot(width: f32, bars: usize) -> f32 {
    (width / bars.max(1) as f32).min(MAX_SLOT)
}

/// A period as a bar's label: "11-23" for the week of 2026-11-23, "Nov" for November 2026.
fn short_period(label: &str) -> String {
    match label.strip_prefix("Week of ") {
        Some(date) => date.get(5..).unwrap_or(date).to_owned(),
        None => label.chars().take(3).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_week_is_one_slim_labelled_bar() {
        assert_eq!(bar_slot(600.0, 1), MAX_SLOT);
        assert_eq!(bar_slot(600.0, 20), 30.0);
        assert_eq!(short_period("Week of 2026-11-23"), "11-23");
        assert_eq!(short_period("November 2026"), "Nov");
    }
}
