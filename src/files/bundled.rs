//! Roadmaps built into the binary, so the app shows one at first start with no files.

use crate::files::{Problem, parse_roadmap};
use crate::model::Roadmap;

/// A roadmap shipped inside Waymark: a name to remember it by and its RON text.
pub struct BundledRoadmap {
    pub name: &'static str,
    pub text: &'static str,
}

pub const BACKEND_DEVELOPER: BundledRoadmap = BundledRoadmap {
    name: "backend-developer",
    text: include_str!("../../roadmaps/backend-developer.ron"),
};

pub const ALL: [BundledRoadmap; 1] = [BACKEND_DEVELOPER];

impl BundledRoadmap {
    pub fn find(name: &str) -> Option<&'static BundledRoadmap> {
        ALL.iter().find(|bundled| bundled.name == name)
    }

    pub fn load(&self) -> Result<Roadmap, Vec<Problem>> {
        parse_roadmap(self.text)
    }

    /// The bundled roadmap with this roadmap id, loaded, if there is one.
    pub fn with_id(roadmap_id: &str) -> Option<(&'static BundledRoadmap, Roadmap)> {
        ALL.iter().find_map(|bundled| {
            bundled
                .load()
                .ok()
                .filter(|roadmap| roadmap.id == roadmap_id)
                .map(|roadmap| (bundled, roadmap))
        })
    }
}

/// The example team plan, opened from File > Open example team plan: four people at
/// different levels on the back end roadmap.
pub const EXAMPLE_TEAM: &str = include_str!("../../roadmaps/example-team.ron");
