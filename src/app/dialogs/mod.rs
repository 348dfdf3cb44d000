//! The dialogs, banners and messages over the window. Each reads the session and pushes
//! the person's answer as an action.

mod about;
mod banners;
mod confirm_delete;
mod conflicts;
mod draft_offer;
mod errors;
mod notice;
mod roadmap_changes;
mod shortcuts;
mod unsaved;
mod unwritten;

pub use about::about_ui;
pub use banners::{broken_progress_ui, disk_change_ui, dropped_files_ui};
pub use confirm_delete::confirm_delete_ui;
pub use conflicts::conflicts_ui;
pub use draft_offer::draft_offer_ui;
pub use errors::errors_ui;
pub use notice::notice_ui;
pub use roadmap_changes::roadmap_changes_ui;
pub use shortcuts::shortcuts_ui;
pub use unsaved::unsaved_roadmap_ui;
pub use unwritten::unwritten_on_quit_ui;

/// Where windows may go: the whole window below the menu bar, which they must never cover.
pub fn window_area(ctx: &egui::Context) -> egui::Rect {
    let mut area = ctx.content_rect();
    if let Some(menu_bottom) = ctx.data(|data| data.get_temp::<f32>(menu_bottom_id())) {
        area.min.y = area.min.y.max(menu_bottom);
    }
    area
}

/// Remembers where the menu bar ends this frame, for [`window_area`].
pub fn set_menu_bottom(ctx: &egui::Context, bottom: f32) {
    ctx.data_mut(|data| data.insert_temp(menu_bottom_id(), bottom));
}

fn menu_bottom_id() -> egui::Id {
    egui::Id::unique("waymark-menu-bottom")
}
