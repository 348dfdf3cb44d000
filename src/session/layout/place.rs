//! The heights of a layered layout's skills and waypoints, band by band: as near to the
//! rows of what they connect to as their order and spacing allow.

use super::{at, list, put};

/// Sets the tops of one band's items, column by column, as near to the rows of what they
/// connect to as their order and spacing allow.
pub(super) struct Placer<'a> {
    pub band: usize,
    pub item_band: &'a [usize],
    /// Each item's height and half the least gap around it.
    pub geometry: &'a [(f32, f32)],
    pub left: &'a [Vec<usize>],
    pub right: &'a [Vec<usize>],
    /// Items from this index on are waypoints.
    pub waypoint_from: usize,
}

impl Placer<'_> {
    /// An item's height and half the least gap around it.
    fn size(&self, item: usize) -> (f32, f32) {
        at(self.geometry, item)
    }

    /// Returns the band's lowest point, or None when it has no items.
    pub fn place(&self, columns: &[Vec<usize>], first_row: f32, top: &mut [f32]) -> Option<f32> {
        let band_of = |item: usize| self.item_band.get(item).copied().unwrap_or(usize::MAX);
        let runs: Vec<&[usize]> = columns
            .iter()
            .map(|column| {
                let start = column.partition_point(|&i| band_of(i) < self.band);
                let end = column.partition_point(|&i| band_of(i) <= self.band);
                column.get(start..end).unwrap_or_default()
            })
            .collect();
        if runs.iter().all(|run| run.is_empty()) {
            return None;
        }
        for run in &runs {
            let mut y = first_row;
            for (i, &item) in run.iter().enumerate() {
                let (height, margin) = self.size(item);
                if i > 0 {
                    y += margin;
                }
                put(top, item, y);
                y += height + margin;
            }
        }
        let centre = |item: usize, top: &[f32]| at(top, item) + self.size(item).0 / 2.0;
        let mut desired = Vec::new();
        for pass in 0..8 {
            let forward = pass % 2 == 0;
            let order: Box<dyn Iterator<Item = &&[usize]>> = if forward {
                Box::new(runs.iter())
            } else {
                Box::new(runs.iter().rev())
            };
            for run in order {
                desired.clear();
                for &item in *run {
                    let neighbours = (list(self.left, item).iter())
                        .chain(list(self.right, item))
                        .filter(|&&n| band_of(n) == self.band);
                    let (mut sum, mut count) = (0.0, 0.0);
                    for &n in neighbours {
                        sum += centre(n, top);
                        count += 1.0;
                    }
                    let weight = if item >= self.waypoint_from { 4.0 } else { 1.0 };
                    let height = self.size(item).0;
                    desired.push(if count > 0.0 {
                        (sum / count - height / 2.0, weight)
                    } else {
                        (at(top, item), 0.05)
                    });
                }
                self.settle(run, &desired, first_row, top);
            }
        }
        runs.iter()
            .flat_map(|run| run.iter())
            .map(|&item| at(top, item) + self.size(item).0)
            .reduce(f32::max)
    }

    /// The tops nearest (least weighted squares) to `desired` that keep the run's order and
    /// gaps and start no higher than `first_row`: isotonic regression by pooling adjacent
    /// violators, on tops less each item's least offset from the first.
    fn settle(&self, run: &[usize], desired: &[(f32, f32)], first_row: f32, top: &mut [f32]) {
        let mut offsets = Vec::with_capacity(run.len());
        let mut offset = 0.0;
        let mut previous: Option<usize> = None;
        for &item in run {
            if let Some(previous) = previous {
                let (height, margin) = self.size(previous);
                offset += height + margin + self.size(item).1;
            }
            offsets.push(offset);
            previous = Some(item);
        }
        // Pools of (total weight, weighted sum, length).
        let mut pools: Vec<(f32, f32, usize)> = Vec::with_capacity(run.len());
        for (&(want, weight), &offset) in desired.iter().zip(&offsets) {
            let mut pool = (weight, weight * (want - offset), 1);
            while let Some(&before) = pools.last() {
                if before.1 / before.0 <= pool.1 / pool.0 {
                    break;
                }
                pools.pop();
                pool = (before.0 + pool.0, before.1 + pool.1, before.2 + pool.2);
            }
            pools.push(pool);
        }
        let mut placed = run.iter().zip(&offsets);
        for (weight, sum, length) in pools {
            let value = (sum / weight).max(first_row);
            for (&item, &offset) in placed.by_ref().take(length) {
                put(top, item, value + offset);
            }
        }
    }
}
