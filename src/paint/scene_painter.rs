//! Paints the scene straight onto the screen: what the canvas draws is given in scene units
//! and put where the view shows it, text laid out at the size it appears.
//!
//! `egui::Scene` would instead move and scale every vertex of its layer at the end of the
//! frame, and copy each text's whole layout to do so, because the layout is shared with
//! egui's text cache: about a tenth of a frame at 1:1 on a big roadmap, for nothing. Text
//! laid out at its screen size is also sharp when zoomed in, where scaled glyphs blur.

use std::sync::Arc;

use egui::emath::TSTransform;
use egui::{Color32, FontId, Galley, Pos2, Rect, Shape};

use super::pen::Pen;

/// The most characters of one text the canvas lays out.
pub const MAX_LAID_OUT_CHARS: usize = 300;

/// The smallest text the canvas draws, in screen points: smaller text is left out or
/// drawn at this size where there is room for it.
pub const MIN_TEXT_SIZE: f32 = 10.0;

/// Text sizes step by this factor as the zoom changes, so that zooming does not lay out
/// and rasterise every title at every size it passes through.
const TEXT_ZOOM_STEPS_PER_DOUBLING: f32 = 16.0;

pub struct ScenePainter {
    /// Paints on screen, clipped to the canvas.
    painter: egui::Painter,
    to_screen: TSTransform,
    /// The zoom that text sizes are laid out at: the view's zoom, in steps.
    text_zoom: f32,
}

impl ScenePainter {
    pub fn new(painter: egui::Painter, to_screen: TSTransform) -> Self {
        let zoom = to_screen.scaling.max(1e-3);
        let text_zoom =
            (zoom.log2() * TEXT_ZOOM_STEPS_PER_DOUBLING).round() / TEXT_ZOOM_STEPS_PER_DOUBLING;
        Self {
            painter,
            to_screen,
            text_zoom: text_zoom.exp2(),
        }
    }

    /// The transform from scene units to screen points.
    pub fn to_screen(&self) -> TSTransform {
        self.to_screen
    }

    /// Screen points per scene unit.
    pub fn zoom(&self) -> f32 {
        self.to_screen.scaling
    }

    pub fn pixels_per_point(&self) -> f32 {
        self.painter.pixels_per_point()
    }

    /// Where a point of the scene is on screen.
    pub fn pos(&self, point: Pos2) -> Pos2 {
        self.to_screen * point
    }

    /// Where a rectangle of the scene is on screen.
    pub fn rect(&self, rect: Rect) -> Rect {
        self.to_screen * rect
    }

    /// The screen rectangle that is painted on.
    pub fn clip_rect(&self) -> Rect {
        self.painter.clip_rect()
    }

    /// The part of the scene in view.
    pub fn visible(&self) -> Rect {
        self.to_screen.inverse() * self.painter.clip_rect()
    }

    /// A pen for shapes in screen points at this painter's pixel density.
    pub fn pen(&self) -> Pen {
        Pen::new(self.pixels_per_point())
    }

    /// Paints what `pen` has drawn so far, above everything painted before.
    pub fn paint_pen(&self, pen: &mut Pen) {
        pen.paint_into(&self.painter);
    }

    /// Paints an egui shape given in scene units.
    pub fn add(&self, mut shape: Shape) {
        shape.transform(self.to_screen);
        self.painter.add(shape);
    }

    /// Paints an egui shape given in screen points.
    pub fn add_on_screen(&self, shape: Shape) {
        self.painter.add(shape);
    }

    /// The screen size for text of `size` scene units: its own size when that is
    /// legible; else the least legible size when `room` (scene units of height) holds it
    /// on screen; else None: it would be too small to read.
    pub fn legible_size(&self, size: f32, room: f32) -> Option<f32> {
        let own = size * self.text_zoom;
        if own >= MIN_TEXT_SIZE {
            Some(own)
        } else if room * self.zoom() >= MIN_TEXT_SIZE * 1.3 {
            Some(MIN_TEXT_SIZE)
        } else {
            None
        }
    }

    /// One line of `text` at `points` on screen, cut to `width` scene units.
    pub fn truncated_on_screen(
        &self,
        text: &str,
        points: f32,
        color: Color32,
        width: f32,
    ) -> Arc<Galley> {
        truncated(
            &self.painter,
            text,
            FontId::proportional(points),
            color,
            width * self.zoom(),
        )
    }

    /// A layout job laid out as given (sizes in screen points).
    pub fn layout_job(&self, job: egui::text::LayoutJob) -> Arc<Galley> {
        self.painter.layout_job(job)
    }

    /// One line of `text` in a font of `size`, cut short with "…" to fit `width` (both in
    /// scene units), laid out for the screen.
    pub fn truncated(&self, text: &str, size: f32, color: Color32, width: f32) -> Arc<Galley> {
        self.truncated_on_screen(text, size * self.text_zoom, color, width)
    }

    /// A galley from [`Self::truncated`] with its top-left corner at `pos` on screen.
    pub fn galley_on_screen(&self, pos: Pos2, galley: Arc<Galley>, color: Color32) {
        self.painter.galley(pos, galley, color);
    }

    /// The distance `length` (scene units) on screen.
    pub fn scaled(&self, length: f32) -> f32 {
        length * self.zoom()
    }
}

/// One line of `text`, cut short with "…" to fit `width` points.
pub fn truncated(
    painter: &egui::Painter,
    text: &str,
    font: FontId,
    color: Color32,
    width: f32,
) -> Arc<Galley> {
    // No line on the canvas shows more than this many characters: laying out a title of
    // megabytes (a hand-edited file, a paste) would take seconds and gigabytes per frame.
    let shown: String = text.chars().take(MAX_LAID_OUT_CHARS).collect();
    let mut job = egui::text::LayoutJob::simple_singleline(shown, font, color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(width);
    painter.layout_job(job)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::Vec2;

    fn painter_at(to_screen: TSTransform) -> ScenePainter {
        let ctx = egui::Context::default();
        let painter = egui::Painter::new(
            ctx,
            egui::LayerId::background(),
            Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0)),
        );
        ScenePainter::new(painter, to_screen)
    }

    #[test]
    fn a_huge_title_is_laid_out_only_as_far_as_a_line_can_show() {
        let ctx = egui::Context::default();
        let title = "title ".repeat(200_000);
        for _ in 0..2 {
            // Fonts are ready from the second pass on.
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let scene = ScenePainter::new(ui.painter().clone(), TSTransform::IDENTITY);
                let galley = scene.truncated(&title, 14.0, Color32::WHITE, 176.0);
                assert!(galley.job.text.chars().count() <= MAX_LAID_OUT_CHARS);
                assert!(galley.size().x <= 177.0);
            });
            output.textures_delta.clear();
        }
    }

    #[test]
    fn scene_points_land_where_the_view_shows_them() {
        let to_screen = TSTransform::new(Vec2::new(100.0, -50.0), 0.5);
        let scene = painter_at(to_screen);
        assert_eq!(scene.pos(Pos2::new(200.0, 300.0)), Pos2::new(200.0, 100.0));
        let visible = scene.visible();
        assert_eq!(visible.min, Pos2::new(-200.0, 100.0));
        assert_eq!(visible.max, Pos2::new(1400.0, 1300.0));
    }

    #[test]
    fn text_sizes_follow_the_zoom_in_small_steps() {
        for zoom in [0.3_f32, 0.77, 1.0, 1.31, 2.0] {
            let scene = painter_at(TSTransform::from_scaling(zoom));
            let ratio = scene.text_zoom / zoom;
            assert!(
                (0.97..=1.03).contains(&ratio),
                "{zoom}: {}",
                scene.text_zoom
            );
        }
        assert_eq!(painter_at(TSTransform::IDENTITY).text_zoom, 1.0);
        // Nearby zooms share a text size.
        let a = painter_at(TSTransform::from_scaling(1.001)).text_zoom;
        let b = painter_at(TSTransform::from_scaling(0.999)).text_zoom;
        assert_eq!(a, b);
    }
}
