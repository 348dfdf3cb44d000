//! The dialogs, banners and messages over the window. Each reads the session and pushes
//! the person's answer as an action.

mod banners;
mod confirm_delete;
mod draft_offer;
mod errors;
mod notice;
mod roadmap_changes;
mod shortcuts;
mod unsaved;
mod unwritten;

pub use banners::{broken_progress_ui, disk_change_ui, dropped_files_ui};
pub use confirm_delete::confirm_delete_ui;
pub use draft_offer::draft_offer_ui;
pub use errors::errors_ui;
pub use notice::notice_ui;
pub use roadmap_changes::roadmap_changes_ui;
pub use shortcuts::shortcuts_ui;
pub use unsaved::unsaved_roadmap_ui;
pub use unwritten::unwritten_on_quit_ui;
