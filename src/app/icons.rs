//! Status and milestone icons as widgets of their own, for lists and legends; painted by
//! [`crate::paint::palette`].

use egui::Vec2;

use crate::model::Status;
use crate::paint::palette::{paint_milestone_icon, paint_status_icon};

/// A status icon as a widget of its own, for lists and the legend.
pub fn status_icon_ui(ui: &mut egui::Ui, status: Status) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(size), egui::Sense::hover());
    paint_status_icon(
        ui.painter(),
        rect.center(),
        size * 0.4,
        status,
        ui.visuals().dark_mode,
    );
    response
}

/// A skill in a list: its status icon, then its name as a link (the link's response is
/// returned). A long name is cut to the panel, never widening it: a row wider than its
/// panel widened the panel for good, moving what was under the pointer.
pub fn skill_link_ui(ui: &mut egui::Ui, status: Status, text: &str) -> egui::Response {
    ui.horizontal(|ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        status_icon_ui(ui, status);
        ui.link(text)
    })
    .inner
}

/// A link to a skill whose text wraps onto more lines instead of being cut: for lists
/// where the end of the line matters (the hours in a plan).
pub fn skill_link_wrapping_ui(ui: &mut egui::Ui, status: Status, text: &str) -> egui::Response {
    ui.horizontal_top(|ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        status_icon_ui(ui, status);
        ui.link(text)
    })
    .inner
}

/// A row of the four statuses, each with its icon, `chosen` marking the selected ones;
/// returns the one clicked. `hover` says what a click on each does.
pub fn status_choice_ui(
    ui: &mut egui::Ui,
    chosen: impl Fn(Status) -> bool,
    hover: impl Fn(&egui::Ui, Status) -> String,
) -> Option<Status> {
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        for status in [
            Status::NotStarted,
            Status::Learning,
            Status::Learned,
            Status::Skipped,
        ] {
            let response = ui
                .horizontal(|ui| {
                    status_icon_ui(ui, status);
                    ui.selectable_label(chosen(status), status.label())
                })
                .inner;
            let text = hover(ui, status);
            if response.on_hover_text(text).clicked() {
                clicked = Some(status);
            }
        }
    });
    clicked
}

/// The milestone diamond as a widget of its own, for the legend.
pub fn milestone_icon_ui(ui: &mut egui::Ui, reached: bool) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(size), egui::Sense::hover());
    paint_milestone_icon(ui.painter(), rect.center(), size * 0.4, reached, 1.0);
    response
}
