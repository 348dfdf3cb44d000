//! Long lists that show their first few entries and "and N more", which opens the rest
//! (and "Show fewer" closes them again). Whether a list is open is kept by egui for the
//! widget, like a collapsing header's state.

use egui::{Id, Ui};

/// How many of `total` entries the list with this `id_salt` shows now.
pub fn shown(ui: &Ui, id_salt: &str, total: usize, first_few: usize) -> usize {
    if is_open(ui, id_salt) {
        total
    } else {
        total.min(first_few)
    }
}

/// After the list: "and N more" to open it, or "Show fewer" to close it.
pub fn more_ui(ui: &mut Ui, id_salt: &str, total: usize, first_few: usize) {
    if total <= first_few {
        return;
    }
    let open = is_open(ui, id_salt);
    let text = if open {
        "Show fewer".to_owned()
    } else {
        format!("and {} more", total - first_few)
    };
    if ui.link(text).clicked() {
        let id = state_id(ui, id_salt);
        ui.data_mut(|data| data.insert_temp(id, !open));
    }
}

fn is_open(ui: &Ui, id_salt: &str) -> bool {
    let id = state_id(ui, id_salt);
    ui.data(|data| data.get_temp::<bool>(id)).unwrap_or(false)
}

fn state_id(ui: &Ui, id_salt: &str) -> Id {
    ui.scope_id().with(("more", id_salt))
}
