//! Where a view request (Fit, focus a skill, show a set of skills) takes the canvas.

use egui::{Rect, Vec2};

use crate::session::scene_index::node_rect;
use crate::session::{Document, ViewRequest};

use super::ZOOM_RANGE;

pub(super) fn view_for(
    request: ViewRequest,
    document: &Document,
    bounds: Rect,
    canvas_size: Vec2,
    current: Rect,
) -> Rect {
    match request {
        // Room above for the stage names drawn there when zoomed out.
        ViewRequest::Fit => crate::session::layout_stats::fit_view(bounds, canvas_size),
        ViewRequest::Start => Rect::from_min_size(bounds.min - Vec2::new(30.0, 10.0), canvas_size),
        ViewRequest::Reveal(skill_id) => {
            let Some(rect) = document
                .skill_index(&skill_id)
                .and_then(|index| document.scene.node_rect(index))
            else {
                return current;
            };
            if current.shrink(20.0).contains_rect(rect) {
                current
            } else {
                Rect::from_center_size(rect.center(), current.size())
            }
        }
        ViewRequest::Show(skill_ids) => {
            let shown = (skill_ids.iter())
                .filter_map(|id| document.skill_index(id))
                .filter_map(|index| document.scene.node_rect(index))
                .reduce(|a, b| a.union(b));
            let Some(shown) = shown else {
                return current;
            };
            let view = crate::session::layout_stats::fit_view(shown, canvas_size);
            // Never closer than 1:1 (a single skill would fill the canvas), nor further
            // out than the view already was if it showed them all.
            if current.shrink(20.0).contains_rect(shown) {
                current
            } else if view.width() < canvas_size.x && view.height() < canvas_size.y {
                Rect::from_center_size(shown.center(), canvas_size)
            } else {
                view
            }
        }
        ViewRequest::Focus(skill_id) => {
            let Some(position) = document
                .skill_index(&skill_id)
                .and_then(|i| document.layout.node_positions.get(i))
            else {
                return current;
            };
            // Readable: 1:1, or closer if the person had zoomed in further.
            let current_zoom = (canvas_size / current.size()).min_elem();
            let zoom = if current_zoom.is_finite() && current_zoom > 1.0 {
                current_zoom.min(ZOOM_RANGE.max)
            } else {
                1.0
            };
            Rect::from_center_size(node_rect(*position).center(), canvas_size / zoom)
        }
    }
}
