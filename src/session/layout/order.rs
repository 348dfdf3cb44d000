//! The order of the skills and waypoints in each column of a layered layout, to cross few
//! arrows: barycentre sweeps (Sugiyama), then sifting (Matuszewski, Schönfeld and
//! Molitor), both keeping each column's stages in their bands.

use super::{at, list, put};

/// Past this many skills and waypoints, fewer ordering sweeps are made.
const LARGE: usize = 4_000;
/// How many orders to try: eight for a roadmap of a few hundred skills (each takes well
/// under a millisecond; more found no better order for the bundled roadmap), one for
/// thousands.
fn restarts(item_count: usize) -> usize {
    match item_count {
        0..=600 => 8,
        601..=LARGE => 4,
        _ => 1,
    }
}

/// Longer runs of one band in a column are not sifted.
const MAX_SIFTED_RUN: usize = 80;

/// The ordering of each column, by band first.
pub(super) struct Order<'a> {
    pub band: &'a [usize],
    pub left: &'a [Vec<usize>],
    pub right: &'a [Vec<usize>],
}

impl Order<'_> {
    /// The order that crosses least of several tries: the one given, then shuffles of it
    /// (within each band, from a fixed seed, so the layout stays the same every time),
    /// each improved by `improve`. Small roadmaps get more tries.
    pub fn reduce_crossings(&self, columns: &mut [Vec<usize>], item_count: usize) {
        let tries = restarts(item_count);
        let start = columns.to_vec();
        let mut best: Option<(usize, Vec<Vec<usize>>)> = None;
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for attempt in 0..tries {
            let mut trial = start.clone();
            if attempt > 0 {
                for column in &mut trial {
                    self.shuffle_bands(column, &mut seed);
                }
            }
            let crossings = self.improve(&mut trial, item_count);
            if best.as_ref().is_none_or(|(least, _)| crossings < *least) {
                best = Some((crossings, trial));
            }
            if best.as_ref().is_some_and(|(least, _)| *least == 0) {
                break;
            }
        }
        if let Some((_, order)) = best {
            columns.clone_from_slice(&order);
        }
    }

    /// Shuffles each band's run of a column in place.
    fn shuffle_bands(&self, column: &mut [usize], seed: &mut u64) {
        let mut start = 0;
        while let Some(&first) = column.get(start) {
            let band = at(self.band, first);
            let rest = column.get(start..).unwrap_or_default();
            let end = start + rest.partition_point(|&i| at(self.band, i) == band);
            if let Some(run) = column.get_mut(start..end) {
                for i in (1..run.len()).rev() {
                    *seed ^= *seed << 13;
                    *seed ^= *seed >> 7;
                    *seed ^= *seed << 17;
                    let j = (*seed % (i as u64 + 1)) as usize;
                    run.swap(i, j);
                }
            }
            start = end;
        }
    }

    /// Barycentre sweeps left to right and back, keeping the order that crosses least,
    /// then sifting while it crosses fewer arrows. Returns the crossings left.
    fn improve(&self, columns: &mut [Vec<usize>], item_count: usize) -> usize {
        let mut position = vec![0_usize; item_count];
        let mark = |columns: &[Vec<usize>], position: &mut [usize]| {
            for column in columns {
                for (i, &item) in column.iter().enumerate() {
                    put(position, item, i);
                }
            }
        };
        mark(columns, &mut position);
        let mut best = columns.to_vec();
        let mut best_crossings = self.crossings(columns, &position);
        let sweeps = if item_count > LARGE { 4 } else { 16 };
        for sweep in 0..sweeps {
            if best_crossings == 0 {
                break;
            }
            let down = sweep % 2 == 0;
            for step in 1..columns.len() {
                let (index, neighbours) = if down {
                    (step, self.left)
                } else {
                    (columns.len() - 1 - step, self.right)
                };
                let reference_len = columns
                    .get(if down { index - 1 } else { index + 1 })
                    .map_or(1, Vec::len)
                    .max(1) as f32;
                let Some(column) = columns.get_mut(index) else {
                    continue;
                };
                let own_len = column.len().max(1) as f32;
                let key = |item: usize| -> f32 {
                    let next_to = list(neighbours, item);
                    if next_to.is_empty() {
                        at(&position, item) as f32 / own_len
                    } else {
                        let sum: usize = next_to.iter().map(|&n| at(&position, n)).sum();
                        sum as f32 / next_to.len() as f32 / reference_len
                    }
                };
                let mut keyed: Vec<(usize, f32, usize, usize)> = column
                    .iter()
                    .map(|&item| (at(self.band, item), key(item), at(&position, item), item))
                    .collect();
                keyed.sort_by(|a, b| {
                    (a.0.cmp(&b.0))
                        .then(a.1.total_cmp(&b.1))
                        .then(a.2.cmp(&b.2))
                });
                column.clear();
                for (i, (.., item)) in keyed.into_iter().enumerate() {
                    column.push(item);
                    put(&mut position, item, i);
                }
            }
            let crossings = self.crossings(columns, &position);
            if crossings < best_crossings {
                best_crossings = crossings;
                best.clone_from_slice(columns);
            }
        }
        columns.clone_from_slice(&best);
        mark(columns, &mut position);
        let rounds = if item_count > LARGE { 1 } else { 6 };
        for _ in 0..rounds {
            let mut improved = false;
            for column in columns.iter_mut() {
                improved |= self.sift(column, &mut position);
            }
            if !improved {
                break;
            }
        }
        mark(columns, &mut position);
        self.crossings(columns, &position)
    }

    /// Sifting: each item in turn moves to the place in its band's run of `column` where
    /// it crosses least, counted against both neighbouring columns. Says whether any
    /// item moved.
    fn sift(&self, column: &mut [usize], position: &mut [usize]) -> bool {
        let mut moved = false;
        let mut start = 0;
        while let Some(&first) = column.get(start) {
            let band = at(self.band, first);
            let rest = column.get(start..).unwrap_or_default();
            let end = start + rest.partition_point(|&i| at(self.band, i) == band);
            let Some(run) = column.get_mut(start..end) else {
                break;
            };
            moved |= self.sift_run(run, start, position);
            start = end;
        }
        moved
    }

    /// Sifts one band's run of a column that starts at `start`; a long run (sifting
    /// costs the square of its length) gets one pass of swaps of neighbours instead.
    fn sift_run(&self, run: &mut [usize], start: usize, position: &mut [usize]) -> bool {
        let mut moved = false;
        if run.len() > MAX_SIFTED_RUN {
            for i in 1..run.len() {
                let (Some(&a), Some(&b)) = (run.get(i - 1), run.get(i)) else {
                    continue;
                };
                if self.pair_crossings(b, a, position) < self.pair_crossings(a, b, position) {
                    run.swap(i - 1, i);
                    put(position, a, start + i);
                    put(position, b, start + i - 1);
                    moved = true;
                }
            }
            return moved;
        }
        // Busiest first: where they go matters most.
        let mut items: Vec<usize> = run.to_vec();
        items.sort_by_key(|&i| {
            std::cmp::Reverse(list(self.left, i).len() + list(self.right, i).len())
        });
        for item in items {
            let from = at(position, item).saturating_sub(start);
            let mut others: Vec<usize> = run.iter().copied().filter(|&i| i != item).collect();
            // Crossings with the item first, then as it moves down past each other.
            let mut cost: isize = (others.iter())
                .map(|&other| self.pair_crossings(item, other, position) as isize)
                .sum();
            let (mut best, mut best_cost) = (0, cost);
            let mut current_cost = (from == 0).then_some(cost);
            for (i, &other) in others.iter().enumerate() {
                cost += self.pair_crossings(other, item, position) as isize
                    - self.pair_crossings(item, other, position) as isize;
                if i + 1 == from {
                    current_cost = Some(cost);
                }
                if cost < best_cost {
                    (best, best_cost) = (i + 1, cost);
                }
            }
            let place = if current_cost.is_some_and(|c| best_cost < c) {
                moved = true;
                best
            } else {
                from
            };
            others.insert(place.min(others.len()), item);
            for (i, (slot, placed)) in run.iter_mut().zip(others).enumerate() {
                *slot = placed;
                put(position, placed, start + i);
            }
        }
        moved
    }

    /// Crossings between arrows of `upper` (above) and `lower`, on both sides.
    fn pair_crossings(&self, upper: usize, lower: usize, position: &[usize]) -> usize {
        let mut count = 0;
        for side in [self.left, self.right] {
            for &a in list(side, upper) {
                let a = at(position, a);
                count += (list(side, lower).iter())
                    .filter(|&&b| a > at(position, b))
                    .count();
            }
        }
        count
    }

    /// All crossings between neighbouring columns: inversions of the arrows' lower ends
    /// once sorted by their upper ends (arrows sharing an end do not cross).
    fn crossings(&self, columns: &[Vec<usize>], position: &[usize]) -> usize {
        let mut total = 0;
        let mut segments: Vec<(usize, usize)> = Vec::new();
        let mut tree: Vec<usize> = Vec::new();
        for pair in columns.windows(2) {
            let [upper, lower] = pair else {
                continue;
            };
            segments.clear();
            for &item in upper {
                let from = at(position, item);
                segments.extend(
                    list(self.right, item)
                        .iter()
                        .map(|&n| (from, at(position, n))),
                );
            }
            segments.sort_unstable();
            tree.clear();
            tree.resize(lower.len() + 1, 0);
            // A Fenwick tree of the lower ends seen so far: those below each new one cross it.
            for (seen, &(_, end)) in segments.iter().enumerate() {
                let mut at_or_above = 0;
                let mut i = end + 1;
                while i > 0 {
                    at_or_above += at(&tree, i);
                    i -= i & i.wrapping_neg();
                }
                total += seen.saturating_sub(at_or_above);
                let mut i = end + 1;
                while let Some(count) = tree.get_mut(i) {
                    *count += 1;
                    i += i & i.wrapping_neg();
                }
            }
        }
        total
    }
}
