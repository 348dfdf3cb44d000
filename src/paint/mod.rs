//! Painting: the palette and status icons, the pen that writes anti-aliased shapes into
//! meshes, the scene painter, and the roadmap picture that both the canvas and the PNG
//! export draw. Shapes and text go through epaint; nothing here lays out widgets.

pub mod edges;
pub mod nodes;
pub mod palette;
pub mod pen;
pub mod picture;
pub mod png;
pub mod scene_painter;

pub use nodes::TITLE_SIZE;
