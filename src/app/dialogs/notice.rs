//! A short message over the bottom of the canvas (a refused edit, a saved file); the
//! session takes it down after a few seconds.

use crate::session::Session;

pub fn notice_ui(ctx: &egui::Context, session: &Session, canvas: egui::Rect) {
    let Some(notice) = &session.notice else {
        return;
    };
    egui::Area::new(egui::Id::unique("notice"))
        .fixed_pos(canvas.center_bottom() - egui::vec2(0.0, 60.0))
        .pivot(egui::Align2::CENTER_BOTTOM)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(canvas.width() * 0.8);
                ui.label(&notice.text);
            });
        });
}
