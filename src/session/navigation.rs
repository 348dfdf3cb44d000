//! Moving between skills with the keyboard alone: arrows go to the nearest skill in that
//! direction on the canvas, Tab and Shift+Tab through the roadmap in reading order (stage
//! by stage, column by column, top to bottom).

use super::document::Document;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

fn centre(document: &Document, index: usize) -> Option<(f32, f32)> {
    document
        .scene
        .node_rect(index)
        .map(|rect| (rect.center().x, rect.center().y))
}

/// The skill nearest to `from` in `direction`: mostly along it, a little across counts
/// double, so Right keeps to the same row when it can.
pub fn neighbour(document: &Document, from: usize, direction: Direction) -> Option<usize> {
    let (x, y) = centre(document, from)?;
    (0..document.roadmap.skills.len())
        .filter(|&index| index != from)
        .filter_map(|index| {
            let (cx, cy) = centre(document, index)?;
            let (along, across) = match direction {
                Direction::Right => (cx - x, cy - y),
                Direction::Left => (x - cx, cy - y),
                Direction::Down => (cy - y, cx - x),
                Direction::Up => (y - cy, cx - x),
            };
            // Ahead, and within 45° of straight ahead.
            (along > 1.0 && across.abs() <= along).then_some((along + 2.0 * across.abs(), index))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, index)| index)
}

/// Every skill in reading order: stage by stage, then left to right, then top to bottom.
pub fn reading_order(document: &Document) -> Vec<usize> {
    let mut order: Vec<(usize, i64, i64, usize)> = document
        .roadmap
        .skills
        .iter()
        .enumerate()
        .filter_map(|(index, skill)| {
            let (x, y) = centre(document, index)?;
            let stage = document
                .roadmap
                .stage_index(&skill.stage)
                .unwrap_or(usize::MAX);
            Some((stage, x.round() as i64, y.round() as i64, index))
        })
        .collect();
    order.sort_unstable();
    order.into_iter().map(|(.., index)| index).collect()
}

/// The skill after (or before) `from` in reading order; the first (or last) when nothing
/// is selected; wraps around at the ends.
pub fn step(document: &Document, from: Option<usize>, forward: bool) -> Option<usize> {
    let order = reading_order(document);
    let position = from.and_then(|from| order.iter().position(|&index| index == from));
    let next = match (position, forward) {
        (None, true) => 0,
        (None, false) => order.len().checked_sub(1)?,
        (Some(at), true) => (at + 1) % order.len(),
        (Some(at), false) => (at + order.len() - 1) % order.len(),
    };
    order.get(next).copied()
}

/// Which way along the arrows: back to what a skill needs, or on to what it opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hop {
    Prerequisite,
    Unlocked,
}

/// The skills one arrow away from `from` (its prerequisites, a group standing for its
/// members, or the skills it unlocks), in reading order.
pub fn along_arrows(document: &Document, from: usize, hop: Hop) -> Vec<usize> {
    let scene = &document.scene;
    let neighbours = match hop {
        Hop::Prerequisite => scene.requirements.get(from),
        Hop::Unlocked => scene.dependents.get(from),
    };
    let mut found: Vec<usize> = neighbours.into_iter().flatten().copied().collect();
    found.sort_unstable();
    found.dedup();
    let order = reading_order(document);
    let mut rank = vec![usize::MAX; document.roadmap.skills.len()];
    for (position, &index) in order.iter().enumerate() {
        if let Some(slot) = rank.get_mut(index) {
            *slot = position;
        }
    }
    found.sort_by_key(|&index| rank.get(index).copied().unwrap_or(usize::MAX));
    found
}

/// Where the keyboard last went along an arrow: from which skill, which way, and which of
/// the skills one arrow away it is on, so the next and previous of them can be reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArrowTrail {
    pub from: usize,
    pub hop: Hop,
    pub choices: Vec<usize>,
    pub at: usize,
}

impl ArrowTrail {
    /// Follows an arrow from `from`: to the first skill one arrow away, if there is one.
    pub fn start(document: &Document, from: usize, hop: Hop) -> Option<Self> {
        let choices = along_arrows(document, from, hop);
        (!choices.is_empty()).then_some(Self {
            from,
            hop,
            choices,
            at: 0,
        })
    }

    /// The skill the trail is on.
    pub fn current(&self) -> Option<usize> {
        self.choices.get(self.at).copied()
    }

    /// The next (or previous) of the skills the arrow could have led to, wrapping round.
    pub fn turn(&mut self, forward: bool) -> Option<usize> {
        let count = self.choices.len();
        if count == 0 {
            return None;
        }
        self.at = if forward {
            (self.at + 1) % count
        } else {
            (self.at + count - 1) % count
        };
        self.current()
    }
}
