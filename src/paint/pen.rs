//! Anti-aliased shapes written straight into one egui mesh, in screen points: rounded
//! rectangles, circles, convex polygons, lines and dashes, each with the one-pixel feathered
//! edge egui's tessellator would give it, and only as many points on a curve as look smooth
//! at its size on screen.
//!
//! The canvas draws hundreds of nodes, icons and arrows a frame. As egui shapes, each is
//! walked, flattened and tessellated on its own, curves with more points than their size
//! needs; written here, they cost a few vertices each and reach the tessellator as a handful
//! of meshes that it only copies.

use egui::emath::GuiRounding as _;
use egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, Vec2};

/// Writes shapes into a mesh. `feather` is the width of the soft edge: one physical pixel.
pub struct Pen {
    pub mesh: Mesh,
    feather: f32,
    pixels_per_point: f32,
    /// Scratch: the outward normal at each point of the path being drawn.
    normals: Vec<Vec2>,
    /// Scratch: the points of a rectangle or circle being drawn.
    points: Vec<Pos2>,
}

impl Pen {
    pub fn new(pixels_per_point: f32) -> Self {
        let pixels_per_point = pixels_per_point.max(0.01);
        Self {
            mesh: Mesh::default(),
            feather: 1.0 / pixels_per_point,
            pixels_per_point,
            normals: Vec::new(),
            points: Vec::new(),
        }
    }

    /// Hands the mesh drawn so far to `painter` as one shape, and starts a new one.
    pub fn paint_into(&mut self, painter: &egui::Painter) {
        if !self.mesh.is_empty() {
            painter.add(Shape::mesh(std::mem::take(&mut self.mesh)));
        }
    }

    /// `rect` moved to whole physical pixels, so that its edges are sharp.
    pub fn snap(&self, rect: Rect) -> Rect {
        rect.round_to_pixels(self.pixels_per_point)
    }

    /// A rectangle with rounded corners, filled, with `stroke` drawn just inside its edge.
    pub fn rounded_rect(&mut self, rect: Rect, radius: f32, fill: Color32, stroke: Stroke) {
        let radius = radius
            .min(rect.width() * 0.5)
            .min(rect.height() * 0.5)
            .max(0.0);
        let mut points = std::mem::take(&mut self.points);
        self.rounded_rect_path(rect, radius, &mut points);
        if fill != Color32::TRANSPARENT {
            self.fill_along(&points, fill);
        }
        if stroke.width > 0.0 && stroke.color != Color32::TRANSPARENT {
            // Inside the edge: the same outline moved in by half the stroke's width, which
            // for a rounded rectangle keeps every point's normal.
            let half = (stroke.width * 0.5).min(rect.width().min(rect.height()) * 0.5);
            for (point, normal) in points.iter_mut().zip(&self.normals) {
                *point -= *normal * half;
            }
            self.stroke_along(&points, stroke, true);
        }
        self.points = points;
    }

    /// A circle, filled, with `stroke` just outside its edge (as `egui::Painter::circle`).
    pub fn circle(&mut self, center: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
        let mut points = std::mem::take(&mut self.points);
        let circle = unit_circle(quarter_segments(radius, self.pixels_per_point));
        self.normals.clear();
        self.normals.extend_from_slice(circle);
        if fill != Color32::TRANSPARENT {
            points.clear();
            points.extend(circle.iter().map(|&u| center + u * radius));
            self.fill_along(&points, fill);
        }
        if stroke.width > 0.0 && stroke.color != Color32::TRANSPARENT {
            let middle = radius + stroke.width * 0.5;
            points.clear();
            points.extend(circle.iter().map(|&u| center + u * middle));
            self.stroke_along(&points, stroke, true);
        }
        self.points = points;
    }

    /// A convex polygon, filled, its points in either turning direction.
    pub fn fill_convex(&mut self, points: &[Pos2], color: Color32) {
        if points.len() < 3 || color == Color32::TRANSPARENT {
            return;
        }
        self.closed_normals(points);
        self.fill_along(points, color);
    }

    /// Fills the convex outline `points`, whose outward normals are in `self.normals`.
    fn fill_along(&mut self, points: &[Pos2], color: Color32) {
        let n = points.len();
        if n < 3 {
            return;
        }
        let half = self.feather * 0.5;
        let first = self.mesh.vertices.len() as u32;
        self.mesh.reserve_vertices(2 * n);
        self.mesh.reserve_triangles(3 * n - 2);
        for (&point, &normal) in points.iter().zip(&self.normals) {
            self.mesh.colored_vertex(point - normal * half, color);
            self.mesh
                .colored_vertex(point + normal * half, Color32::TRANSPARENT);
        }
        let n = n as u32;
        for i in 2..n {
            self.mesh
                .add_triangle(first, first + 2 * (i - 1), first + 2 * i);
        }
        for i in 0..n {
            let j = (i + 1) % n;
            let (inner_i, outer_i) = (first + 2 * i, first + 2 * i + 1);
            let (inner_j, outer_j) = (first + 2 * j, first + 2 * j + 1);
            self.mesh.add_triangle(inner_i, outer_i, outer_j);
            self.mesh.add_triangle(inner_i, outer_j, inner_j);
        }
    }

    /// The outline of a rounded rectangle into `out`, clockwise on screen from the top-left
    /// corner's arc, and its outward normals into `self.normals`.
    fn rounded_rect_path(&mut self, rect: Rect, radius: f32, out: &mut Vec<Pos2>) {
        out.clear();
        if radius * self.pixels_per_point < 0.5 {
            out.extend([
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
            ]);
            self.closed_normals(out);
            return;
        }
        let quarter = quarter_segments(radius, self.pixels_per_point);
        let circle = unit_circle(quarter);
        let corners = [
            (Pos2::new(rect.left() + radius, rect.top() + radius), 2),
            (Pos2::new(rect.right() - radius, rect.top() + radius), 3),
            (Pos2::new(rect.right() - radius, rect.bottom() - radius), 0),
            (Pos2::new(rect.left() + radius, rect.bottom() - radius), 1),
        ];
        self.normals.clear();
        for (center, start) in corners {
            for step in 0..=quarter {
                let direction = circle
                    .get((start * quarter + step) % circle.len())
                    .copied()
                    .unwrap_or(Vec2::X);
                out.push(center + direction * radius);
                self.normals.push(direction);
            }
        }
    }

    /// A closed outline through `points`, centred on them.
    pub fn stroke_closed(&mut self, points: &[Pos2], stroke: Stroke) {
        if points.len() < 3 {
            return;
        }
        self.closed_normals(points);
        self.stroke_along(points, stroke, true);
    }

    /// An open line through `points`, centred on them, its ends cut square.
    pub fn stroke_open(&mut self, points: &[Pos2], stroke: Stroke) {
        if points.len() < 2 {
            return;
        }
        self.normals.clear();
        let direction = |a: Pos2, b: Pos2| unit(b - a);
        let mut previous: Option<Vec2> = None;
        for (i, &point) in points.iter().enumerate() {
            let next = points.get(i + 1).map(|&next| direction(point, next));
            let normal = match (previous, next) {
                (Some(a), Some(b)) => miter(a.rot90(), b.rot90()),
                (Some(a), None) => a.rot90(),
                (None, Some(b)) => b.rot90(),
                (None, None) => Vec2::Y,
            };
            self.normals.push(normal);
            previous = next;
        }
        self.stroke_along(points, stroke, false);
    }

    /// A dashed outline centred on the edge of `rect`, the dashes and gaps measured along
    /// it. Each dash is a plain quad: along pixel rows and columns it needs no soft edge.
    /// Dashes under a pixel long become a solid line as faint as they would look.
    pub fn dashed_rect(&mut self, rect: Rect, stroke: Stroke, dash: f32, gap: f32) {
        if stroke.width <= 0.0 || stroke.color == Color32::TRANSPARENT || dash <= 0.0 {
            return;
        }
        let mut color = stroke.color;
        let mut width = stroke.width;
        if width < self.feather {
            color = color.gamma_multiply(width / self.feather);
            width = self.feather;
        }
        let half = width * 0.5;
        let gap = gap.max(0.0);
        let corners = [
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
        ];
        if dash < self.feather {
            let color = color.gamma_multiply(dash / (dash + gap));
            for (i, &from) in corners.iter().enumerate() {
                let to = corners.get(i + 1).copied().unwrap_or(rect.left_top());
                self.mesh
                    .add_colored_rect(Rect::from_two_pos(from, to).expand(half), color);
            }
            return;
        }
        let mut drawing = true;
        let mut left = dash; // of the current dash or gap
        for (i, &corner) in corners.iter().enumerate() {
            let to = corners.get(i + 1).copied().unwrap_or(rect.left_top());
            let mut from = corner;
            let mut length = from.distance(to);
            while length > 0.0 {
                let step = left.min(length);
                let point = from + (to - from) * (step / length);
                if drawing {
                    let across = if from.y == point.y {
                        Vec2::new(0.0, half)
                    } else {
                        Vec2::new(half, 0.0)
                    };
                    let piece = Rect::from_two_pos(from, point);
                    self.mesh.add_colored_rect(
                        Rect::from_min_max(piece.min - across, piece.max + across),
                        color,
                    );
                }
                length -= step;
                left -= step;
                from = point;
                if left <= 0.0 {
                    drawing = !drawing;
                    left = if drawing { dash } else { gap };
                }
            }
        }
    }

    /// Outward normals of a closed path, mitred at its corners.
    fn closed_normals(&mut self, points: &[Pos2]) {
        // Twice the signed area: positive when the path turns clockwise on screen (y down).
        let n = points.len();
        let mut area = 0.0;
        for (i, &a) in points.iter().enumerate() {
            let b = points.get((i + 1) % n).copied().unwrap_or(a);
            area += a.x * b.y - b.x * a.y;
        }
        let outward = |a: Pos2, b: Pos2| {
            let d = unit(b - a);
            if area >= 0.0 {
                Vec2::new(d.y, -d.x)
            } else {
                Vec2::new(-d.y, d.x)
            }
        };
        self.normals.clear();
        let (Some(&first), Some(&last)) = (points.first(), points.last()) else {
            return;
        };
        let mut previous = last;
        for (i, &point) in points.iter().enumerate() {
            let next = points.get(i + 1).copied().unwrap_or(first);
            self.normals
                .push(miter(outward(previous, point), outward(point, next)));
            previous = point;
        }
    }

    /// A stroke along `points` with `self.normals` already worked out: thin ones (up to
    /// about a pixel and a half) as a ridge of three vertices a point, fading to both sides;
    /// wider ones with a solid core and feathered edges, four vertices a point.
    fn stroke_along(&mut self, points: &[Pos2], stroke: Stroke, closed: bool) {
        let n = points.len() as u32;
        if stroke.width <= 0.0 || stroke.color == Color32::TRANSPARENT {
            return;
        }
        let feather = self.feather;
        let first = self.mesh.vertices.len() as u32;
        let segments = if closed { n } else { n - 1 };
        let transparent = Color32::TRANSPARENT;
        // Across the line at each point: offsets along the normal, and their colours.
        let profile: &[(f32, Color32)] = if stroke.width <= 1.5 * feather {
            let reach = (stroke.width + feather) * 0.5;
            // The ridge covers `reach` of width at its peak colour; scale to the stroke's.
            let color = stroke.color.gamma_multiply((stroke.width / reach).min(1.0));
            &[(reach, transparent), (0.0, color), (-reach, transparent)]
        } else {
            let core = (stroke.width - feather) * 0.5;
            let outer = (stroke.width + feather) * 0.5;
            let color = stroke.color;
            &[
                (outer, transparent),
                (core, color),
                (-core, color),
                (-outer, transparent),
            ]
        };
        let across = profile.len() as u32;
        self.mesh.reserve_vertices(profile.len() * n as usize);
        self.mesh
            .reserve_triangles(2 * (profile.len() - 1) * segments as usize);
        for (&point, &normal) in points.iter().zip(&self.normals) {
            for &(offset, color) in profile {
                self.mesh.colored_vertex(point + normal * offset, color);
            }
        }
        for i in 0..segments {
            let a = first + across * i;
            let b = first + across * ((i + 1) % n);
            for k in 0..across - 1 {
                self.mesh.add_triangle(a + k, a + k + 1, b + k);
                self.mesh.add_triangle(a + k + 1, b + k + 1, b + k);
            }
        }
    }
}

/// The normal at a corner between two edges with unit normals `a` and `b`: long enough that
/// both edges keep their width, up to four times for the sharpest corners.
fn miter(a: Vec2, b: Vec2) -> Vec2 {
    let middle = (a + b) * 0.5;
    let length_sq = middle.x * middle.x + middle.y * middle.y;
    if length_sq < 1.0 / 16.0 {
        unit(middle) * 4.0
    } else {
        middle / length_sq
    }
}

/// `v` scaled to length one, with a plain square root (`Vec2::normalized` uses `hypot`,
/// which is several times slower and guards against overflow that screen sizes never reach).
pub fn unit(v: Vec2) -> Vec2 {
    let length = (v.x * v.x + v.y * v.y).sqrt();
    if length > 0.0 { v / length } else { Vec2::X }
}

/// The most pieces a quarter circle is drawn with.
const MAX_QUARTER_SEGMENTS: usize = 16;

/// Unit vectors around a circle in `4 * quarter` steps from angle zero, worked out once.
fn unit_circle(quarter: usize) -> &'static [Vec2] {
    static CIRCLES: std::sync::OnceLock<Vec<Vec<Vec2>>> = std::sync::OnceLock::new();
    let circles = CIRCLES.get_or_init(|| {
        (0..=MAX_QUARTER_SEGMENTS)
            .map(|quarter| {
                let count = 4 * quarter.max(1);
                let step = std::f32::consts::TAU / count as f32;
                (0..count).map(|i| Vec2::angled(i as f32 * step)).collect()
            })
            .collect()
    });
    circles
        .get(quarter.min(MAX_QUARTER_SEGMENTS))
        .map_or(&[], Vec::as_slice)
}

/// How many straight pieces a quarter circle of `radius` points needs to look round: the
/// curve stays within about a fifth of a pixel of its chords.
fn quarter_segments(radius: f32, pixels_per_point: f32) -> usize {
    ((radius * pixels_per_point).max(0.0).sqrt() * 1.2)
        .ceil()
        .clamp(1.0, 16.0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered_area(mesh: &Mesh) -> f32 {
        // The area of the triangles, each weighted by the mean opacity of its corners: what
        // the mesh paints, counting a half-covered pixel as half.
        mesh.indices
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| mesh.vertices[i as usize]);
                let area = ((b.pos - a.pos).x * (c.pos - a.pos).y
                    - (b.pos - a.pos).y * (c.pos - a.pos).x)
                    .abs()
                    * 0.5;
                let alpha =
                    (a.color.a() as f32 + b.color.a() as f32 + c.color.a() as f32) / (3.0 * 255.0);
                area * alpha
            })
            .sum()
    }

    #[test]
    fn shapes_cover_the_area_they_stand_for() {
        let mut pen = Pen::new(1.0);
        let rect = Rect::from_min_size(Pos2::new(10.0, 20.0), Vec2::new(200.0, 56.0));
        pen.rounded_rect(rect, 0.0, Color32::WHITE, Stroke::NONE);
        assert!((covered_area(&pen.mesh) - 200.0 * 56.0).abs() < 1.0);

        let mut pen = Pen::new(1.0);
        pen.circle(Pos2::new(50.0, 50.0), 8.0, Color32::WHITE, Stroke::NONE);
        // Inscribed in the circle, the polygon falls a little short of its area.
        let disc = std::f32::consts::PI * 64.0;
        assert!((covered_area(&pen.mesh) - disc).abs() < disc * 0.03);

        // A ring outside the circle: its length (at its middle) times its width.
        let mut pen = Pen::new(1.0);
        let ring = Stroke::new(2.0, Color32::WHITE);
        pen.circle(Pos2::new(50.0, 50.0), 20.0, Color32::TRANSPARENT, ring);
        let expected = std::f32::consts::TAU * 21.0 * 2.0;
        assert!((covered_area(&pen.mesh) - expected).abs() < expected * 0.03);

        // A thin line, as a ridge, paints about its width along its length.
        let mut pen = Pen::new(1.0);
        let thin = Stroke::new(1.2, Color32::WHITE);
        pen.stroke_open(&[Pos2::new(0.0, 0.0), Pos2::new(100.0, 0.0)], thin);
        assert_eq!(pen.mesh.vertices.len(), 6);
        assert!((covered_area(&pen.mesh) - 110.0).abs() < 12.0);
    }

    #[test]
    fn both_turning_directions_fill_the_same() {
        let square = [
            Pos2::new(0.0, 0.0),
            Pos2::new(10.0, 0.0),
            Pos2::new(10.0, 10.0),
            Pos2::new(0.0, 10.0),
        ];
        let mut reversed = square;
        reversed.reverse();
        let mut a = Pen::new(1.0);
        a.fill_convex(&square, Color32::WHITE);
        let mut b = Pen::new(1.0);
        b.fill_convex(&reversed, Color32::WHITE);
        // The soft edge lies across the outline either way: half a pixel in, half out.
        for pen in [&a, &b] {
            assert!((covered_area(&pen.mesh) - 100.0).abs() < 0.5);
            let xs = pen.mesh.vertices.iter().map(|v| v.pos.x);
            let (min, max) = xs.fold((f32::MAX, f32::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
            assert_eq!((min, max), (-0.5, 10.5));
        }
    }

    #[test]
    fn curves_get_more_points_as_they_grow_on_screen() {
        let mut small = Pen::new(1.0);
        small.circle(Pos2::ZERO, 4.0, Color32::WHITE, Stroke::NONE);
        let mut large = Pen::new(8.0);
        large.circle(Pos2::ZERO, 4.0, Color32::WHITE, Stroke::NONE);
        let (small, large) = (small.mesh.vertices.len(), large.mesh.vertices.len());
        assert!(small >= 16 && large > small, "{small} {large}");

        // Every point of a rounded rectangle is inside it, on the corner arcs or the sides.
        let mut pen = Pen::new(1.0);
        let rect = Rect::from_min_size(Pos2::ZERO, Vec2::new(100.0, 40.0));
        let mut points = Vec::new();
        pen.rounded_rect_path(rect, 6.0, &mut points);
        assert_eq!(points.len(), pen.normals.len());
        let start = points.first().copied().unwrap();
        assert!(start.distance(Pos2::new(0.0, 6.0)) < 1e-4, "{start:?}");
        for (point, normal) in points.iter().zip(&pen.normals) {
            assert!(rect.expand(1e-3).contains(*point));
            assert!((normal.length() - 1.0).abs() < 1e-4);
            // The normal points out, away from the middle.
            assert!((*point - rect.center()).dot(*normal) > 0.0);
        }
    }

    #[test]
    fn dashes_follow_the_outline_with_gaps() {
        let mut pen = Pen::new(1.0);
        let square = Rect::from_min_size(Pos2::ZERO, Vec2::splat(70.0));
        pen.dashed_rect(square, Stroke::new(1.0, Color32::WHITE), 4.0, 3.0);
        // 280 points of outline at a 7-point period: 40 dashes of 4 (one split at a corner).
        let quads = pen.mesh.vertices.len() / 4;
        assert!((40..=44).contains(&quads), "{quads} quads");
        let painted = covered_area(&pen.mesh);
        assert!((painted - 160.0).abs() < 20.0, "{painted}");
        for vertex in &pen.mesh.vertices {
            assert!(square.expand(0.5 + 1e-3).contains(vertex.pos));
        }

        // Zoomed far out, a faint solid line of about the same ink.
        let mut pen = Pen::new(1.0);
        pen.dashed_rect(square, Stroke::new(1.0, Color32::WHITE), 0.4, 0.3);
        assert_eq!(pen.mesh.vertices.len(), 16);
        let painted = covered_area(&pen.mesh);
        assert!((painted - 160.0).abs() < 20.0, "{painted}");
    }
}
