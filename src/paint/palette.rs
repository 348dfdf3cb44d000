//! How statuses look: a colour-blind-safe palette (Okabe–Ito) and an icon per status, so
//! status never depends on colour alone.

use egui::{Color32, Painter, Pos2, Stroke, Vec2};

use super::pen::Pen;

use crate::model::Status;

pub fn status_color(status: Status, dark_mode: bool) -> Color32 {
    match (status, dark_mode) {
        (Status::Learned, _) => Color32::from_rgb(0, 158, 115),
        (Status::Learning, _) => Color32::from_rgb(230, 159, 0),
        (Status::Skipped, true) => Color32::from_gray(110),
        (Status::Skipped, false) => Color32::from_gray(150),
        (Status::NotStarted, true) => Color32::from_gray(170),
        (Status::NotStarted, false) => Color32::from_gray(120),
    }
}

/// The dots that show a level held: the accent blue, darker on a light canvas.
pub fn level_color(dark_mode: bool) -> Color32 {
    if dark_mode {
        ACCENT
    } else {
        Color32::from_rgb(0, 114, 178)
    }
}

/// The fill of a node with this status.
pub fn node_fill(status: Status, dark_mode: bool) -> Color32 {
    let base = if dark_mode {
        Color32::from_gray(38)
    } else {
        Color32::from_gray(250)
    };
    match status {
        Status::NotStarted => base,
        Status::Skipped => {
            if dark_mode {
                Color32::from_gray(30)
            } else {
                Color32::from_gray(232)
            }
        }
        other => base.lerp_to_gamma(
            status_color(other, dark_mode),
            if dark_mode { 0.35 } else { 0.22 },
        ),
    }
}

/// The fill of a role milestone, stronger once reached.
pub fn milestone_fill(reached: bool, dark_mode: bool) -> Color32 {
    let base = if dark_mode {
        Color32::from_gray(38)
    } else {
        Color32::from_gray(250)
    };
    base.lerp_to_gamma(MILESTONE, if reached { 0.55 } else { 0.2 })
}

/// The fill of a skill in the team coverage view: vermilion where nobody knows it (a gap),
/// then from pale to full bluish green as more of the team learned it.
pub fn coverage_fill(learned_by: usize, members: usize, dark_mode: bool) -> Color32 {
    let base = if dark_mode {
        Color32::from_gray(38)
    } else {
        Color32::from_gray(250)
    };
    if learned_by == 0 || members == 0 {
        return base.lerp_to_gamma(COVERAGE_GAP, if dark_mode { 0.35 } else { 0.25 });
    }
    let share = learned_by as f32 / members as f32;
    base.lerp_to_gamma(
        status_color(Status::Learned, dark_mode),
        0.15 + share * if dark_mode { 0.55 } else { 0.6 },
    )
}

pub fn coverage_border(learned_by: usize, members: usize, dark_mode: bool) -> Color32 {
    if learned_by == 0 || members == 0 {
        COVERAGE_GAP
    } else {
        status_color(Status::Learned, dark_mode)
    }
}

/// Skills nobody on the team knows (Okabe–Ito vermilion).
pub const COVERAGE_GAP: Color32 = Color32::from_rgb(213, 94, 0);

/// The border of skills a search found: yellow on dark, vermilion on light (Okabe-Ito).
pub fn search_match(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(240, 228, 66)
    } else {
        Color32::from_rgb(213, 94, 0)
    }
}

pub const ACCENT: Color32 = Color32::from_rgb(86, 180, 233);
pub const MILESTONE: Color32 = Color32::from_rgb(204, 121, 167);

/// Paints the status icon centred at `center`: an empty ring (not started), a half-filled
/// ring (learning), a filled disc with a tick (learned), a ring with a slash (skipped).
pub fn paint_status_icon(
    painter: &Painter,
    center: Pos2,
    radius: f32,
    status: Status,
    dark_mode: bool,
) {
    let mut pen = Pen::new(painter.pixels_per_point());
    draw_status_icon(&mut pen, center, radius, status, dark_mode);
    pen.paint_into(painter);
}

/// The status icon (see [`paint_status_icon`]) drawn with `pen`, in screen points.
pub fn draw_status_icon(pen: &mut Pen, center: Pos2, radius: f32, status: Status, dark_mode: bool) {
    let color = status_color(status, dark_mode);
    let stroke = Stroke::new((radius * 0.22).max(1.0), color);
    let at = |x: f32, y: f32| center + radius * Vec2::new(x, y);
    match status {
        Status::NotStarted => {
            pen.circle(center, radius, Color32::TRANSPARENT, stroke);
        }
        Status::Learning => {
            // Left half filled.
            let steps = 8;
            let half: Vec<Pos2> = (0..=steps)
                .map(|step| {
                    let angle = std::f32::consts::FRAC_PI_2
                        + std::f32::consts::PI * step as f32 / steps as f32;
                    center + radius * Vec2::angled(angle)
                })
                .collect();
            pen.fill_convex(&half, color);
            pen.circle(center, radius, Color32::TRANSPARENT, stroke);
        }
        Status::Learned => {
            pen.circle(center, radius, color, Stroke::NONE);
            let tick = Stroke::new((radius * 0.3).max(1.5), Color32::WHITE);
            pen.stroke_open(&[at(-0.5, 0.0), at(-0.12, 0.4), at(0.5, -0.4)], tick);
        }
        Status::Skipped => {
            pen.circle(center, radius, Color32::TRANSPARENT, stroke);
            pen.stroke_open(&[at(-0.7, 0.7), at(0.7, -0.7)], stroke);
        }
    }
}

/// Paints the milestone diamond: filled once the milestone is reached.
pub fn paint_milestone_icon(painter: &Painter, center: Pos2, size: f32, reached: bool, alpha: f32) {
    let mut pen = Pen::new(painter.pixels_per_point());
    draw_milestone_icon(&mut pen, center, size, reached, alpha);
    pen.paint_into(painter);
}

/// The milestone diamond (see [`paint_milestone_icon`]) drawn with `pen`, in screen points.
pub fn draw_milestone_icon(pen: &mut Pen, center: Pos2, size: f32, reached: bool, alpha: f32) {
    let diamond = [
        center + Vec2::new(0.0, -size),
        center + Vec2::new(size, 0.0),
        center + Vec2::new(0.0, size),
        center + Vec2::new(-size, 0.0),
    ];
    let color = MILESTONE.gamma_multiply(alpha);
    if reached {
        pen.fill_convex(&diamond, color);
    }
    pen.stroke_closed(&diamond, Stroke::new(size * 0.25, color));
}
