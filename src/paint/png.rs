//! The whole roadmap as a PNG image at a chosen scale, drawn exactly as the canvas draws
//! it: an egui pass without a window, tessellated, and the triangles filled on the CPU.

use foldhash::HashMap;

use egui::epaint::{Primitive, Vertex};
use egui::{Color32, ColorImage, Pos2, Rect, TextureId, Vec2};

use super::picture::paint_roadmap_for_export;
use super::scene_painter::ScenePainter;
use crate::session::Document;

/// The largest image side, in pixels: bigger would need gigabytes.
pub const MAX_SIDE: u32 = 16_384;

/// RGBA pixels, row by row.
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<[u8; 4]>,
}

impl Image {
    pub fn to_png(&self) -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, self.width, self.height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        let flat: Vec<u8> = self.pixels.iter().flatten().copied().collect();
        writer.write_image_data(&flat).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
        Ok(bytes)
    }
}

/// The image size for a roadmap at `scale` (pixels per scene unit), with a margin.
pub fn image_size(document: &Document, scale: f32) -> (u32, u32) {
    let area = export_area(document);
    (
        (area.width() * scale).ceil() as u32,
        (area.height() * scale).ceil() as u32,
    )
}

fn export_area(document: &Document) -> Rect {
    let [x0, y0, x1, y1] = document.layout.bounds;
    Rect::from_min_max(Pos2::new(x0, y0), Pos2::new(x1, y1)).expand(40.0)
}

/// Draws the roadmap, light theme, `scale` pixels per scene unit.
pub fn render(document: &Document, scale: f32) -> Result<Image, String> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(format!("the scale must be a positive number, not {scale}"));
    }
    let (width, height) = image_size(document, scale);
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!(
            "a {width}×{height} image is too large (at most {MAX_SIDE} pixels a side); use a smaller scale"
        ));
    }
    let area = export_area(document);
    let ctx = egui::Context::default();
    ctx.set_visuals(egui::Visuals::light());
    let mut textures: HashMap<TextureId, ColorImage> = HashMap::default();
    let mut shapes = Vec::new();
    let mut pixels_per_point = scale;
    // Fonts are ready from the second pass on.
    for _ in 0..2 {
        let mut input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, area.size())),
            ..Default::default()
        };
        input
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .native_pixels_per_point = Some(scale);
        let output = ctx.run_ui(input, |ui| {
            let layer = egui::LayerId::new(egui::Order::Background, egui::Id::unique("export"));
            let image = Rect::from_min_size(Pos2::ZERO, area.size());
            let painter = ui.ctx().layer_painter(layer).with_clip_rect(image);
            painter.rect_filled(image, 0.0, Color32::WHITE);
            // The roadmap at 1:1, moved to the image's origin.
            let to_image = egui::emath::TSTransform::from_translation(-area.min.to_vec2());
            let scene = ScenePainter::new(painter, to_image);
            paint_roadmap_for_export(&scene, document, &egui::Visuals::light());
        });
        let mut output = output;
        let deltas = std::mem::take(&mut output.textures_delta.set);
        for (id, delta) in deltas
            .into_iter()
            .flat_map(|(id, deltas)| deltas.into_iter().map(move |delta| (id, delta)))
        {
            let egui::ImageData::Color(image) = delta.image;
            match (delta.pos, textures.get_mut(&id)) {
                (Some([x, y]), Some(existing)) => {
                    for row in 0..image.size[1] {
                        for column in 0..image.size[0] {
                            let (Some(target), Some(source)) = (
                                existing
                                    .pixels
                                    .get_mut((y + row) * existing.size[0] + x + column),
                                image.pixels.get(row * image.size[0] + column),
                            ) else {
                                continue;
                            };
                            *target = *source;
                        }
                    }
                }
                _ => {
                    textures.insert(id, (*image).clone());
                }
            }
        }
        shapes = std::mem::take(&mut output.shapes);
        pixels_per_point = output.pixels_per_point;
    }
    let primitives = ctx.tessellate(shapes, pixels_per_point);
    let mut image = Image {
        width,
        height,
        pixels: vec![[255, 255, 255, 255]; width as usize * height as usize],
    };
    for primitive in primitives {
        let Primitive::Mesh(mesh) = primitive.primitive else {
            continue;
        };
        let texture = textures.get(&mesh.texture_id);
        let clip = primitive.clip_rect * pixels_per_point;
        for triangle in mesh.indices.chunks_exact(3) {
            let vertex = |i: usize| {
                triangle
                    .get(i)
                    .and_then(|&index| mesh.vertices.get(index as usize))
                    .copied()
            };
            if let (Some(a), Some(b), Some(c)) = (vertex(0), vertex(1), vertex(2)) {
                fill_triangle(&mut image, [a, b, c], pixels_per_point, clip, texture);
            }
        }
    }
    Ok(image)
}

/// Fills one triangle: each pixel whose centre is inside gets the interpolated colour times
/// the texture, blended over what is there (colours are premultiplied, as egui's are).
fn fill_triangle(
    image: &mut Image,
    vertices: [Vertex; 3],
    pixels_per_point: f32,
    clip: Rect,
    texture: Option<&ColorImage>,
) {
    let p = vertices.map(|v| (v.pos.to_vec2() * pixels_per_point).to_pos2());
    let area = (p[1] - p[0]).x * (p[2] - p[0]).y - (p[1] - p[0]).y * (p[2] - p[0]).x;
    if area.abs() < 1e-6 {
        return;
    }
    let bounds = Rect::from_points(&p).intersect(clip);
    let x_start = bounds.min.x.floor().max(0.0) as u32;
    let y_start = bounds.min.y.floor().max(0.0) as u32;
    let x_end = (bounds.max.x.ceil() as u32).min(image.width);
    let y_end = (bounds.max.y.ceil() as u32).min(image.height);
    let edge =
        |a: Pos2, b: Pos2, point: Pos2| (b - a).x * (point - a).y - (b - a).y * (point - a).x;
    for y in y_start..y_end {
        for x in x_start..x_end {
            let point = Pos2::new(x as f32 + 0.5, y as f32 + 0.5);
            let w0 = edge(p[1], p[2], point) / area;
            let w1 = edge(p[2], p[0], point) / area;
            let w2 = 1.0 - w0 - w1;
            if w0 < 0.0 || w1 < 0.0 || w2 < 0.0 {
                continue;
            }
            let weights = [w0, w1, w2];
            let mix = |channel: fn(&Vertex) -> f32| -> f32 {
                vertices
                    .iter()
                    .zip(weights)
                    .map(|(v, w)| channel(v) * w)
                    .sum()
            };
            let mut color = [
                mix(|v| f32::from(v.color.r())),
                mix(|v| f32::from(v.color.g())),
                mix(|v| f32::from(v.color.b())),
                mix(|v| f32::from(v.color.a())),
            ];
            if let Some(texture) = texture {
                let uv = Vec2::new(mix(|v| v.uv.x), mix(|v| v.uv.y));
                let tx = ((uv.x * texture.size[0] as f32) as usize).min(texture.size[0] - 1);
                let ty = ((uv.y * texture.size[1] as f32) as usize).min(texture.size[1] - 1);
                if let Some(texel) = texture.pixels.get(ty * texture.size[0] + tx) {
                    let texel = [texel.r(), texel.g(), texel.b(), texel.a()];
                    for (channel, t) in color.iter_mut().zip(texel) {
                        *channel *= f32::from(t) / 255.0;
                    }
                }
            }
            let Some(pixel) = image.pixels.get_mut((y * image.width + x) as usize) else {
                continue;
            };
            let keep = 1.0 - color[3] / 255.0;
            for (target, source) in pixel.iter_mut().zip(color) {
                *target = (source + f32::from(*target) * keep)
                    .round()
                    .clamp(0.0, 255.0) as u8;
            }
        }
    }
}
