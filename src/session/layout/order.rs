//! The order of the skills and waypoints in each column of a layered layout, to cross few
//! arrows: barycentre sweeps (Sugiyama), then sifting (Matuszewski, Schönfeld and
//! Molitor), both keeping each column's stages in their bands.

use super::{at, list, put};

/// Past this many skills and waypoints, fewer ordering sweeps are made.
const LARGE: usize = 4_000;
/// How many orders to try before annealing: two for a roadmap of a few hundred skills
/// (annealing after one found the same order for the bundled roadmap as after eight),
/// one for thousands.
fn restarts(item_count: usize) -> usize {
    match item_count {
        0..=600 => 2,
        _ => 1,
    }
}

/// Annealing's moves: enough for the bundled roadmap's order to settle (its 200 items
/// take 80,000: 2.77 crossings per arrow, and 1,000,000 found none better).
const ANNEALING_STEPS_PER_ITEM: usize = 400;
const MAX_ANNEALING_STEPS: usize = 240_000;
/// And at most this many comparisons of two arrows (the bundled roadmap takes 360,000):
/// skills with hundreds of arrows cannot make a step slow.
const MAX_ANNEALING_WORK: usize = 2_000_000;
/// Annealing's starting temperature, in crossings: a move that adds 4 is taken at first
/// one time in three; it falls evenly to nothing.
const START_TEMPERATURE: f32 = 4.0;

/// Longer runs of one band in a column are not sifted.
const MAX_SIFTED_RUN: usize = 80;

/// The ordering of each column, by band first.
pub(super) struct Order<'a> {
    pub band: &'a [usize],
    /// The bands each item may stand in: its own for a skill, those between its arrow's
    /// ends for a waypoint.
    pub allowed: &'a [(usize, usize)],
    pub left: &'a [Vec<usize>],
    pub right: &'a [Vec<usize>],
    /// The arrow of each entry of `left` and `right` and where it meets the items.
    pub left_ends: &'a [Vec<End>],
    pub right_ends: &'a [Vec<End>],
}

/// Where an arrow meets two neighbouring items: its source and target as drawn (a skill,
/// or past the skills a group), and its row in the item it is listed under (`near`) and
/// in the neighbour (`far`), in half skill rows of a group (0 for a lone skill or a
/// waypoint).
#[derive(Clone, Copy, Debug)]
pub(super) struct End {
    pub ends: (u32, u32),
    pub near: usize,
    pub far: usize,
}

impl End {
    /// Whether two arrows share a source or a target: they are not seen to cross.
    fn shares_an_end(&self, other: &End) -> bool {
        self.ends.0 == other.ends.0 || self.ends.1 == other.ends.1
    }
}

/// Ports per position: more than twice the members of any group.
const PORTS: usize = 1 << 12;

/// Where an arrow meets an item, in the order of a column.
fn key(position: &[usize], item: usize, port: usize) -> usize {
    at(position, item) * PORTS + port.min(PORTS - 1)
}

/// Writes each item's place in its column into `position`.
fn mark(columns: &[Vec<usize>], position: &mut [usize]) {
    for column in columns {
        for (i, &item) in column.iter().enumerate() {
            put(position, item, i);
        }
    }
}

impl Order<'_> {
    /// The order that crosses least of several tries: the one given, then shuffles of it
    /// (within each band, from a fixed seed, so the layout stays the same every time),
    /// each improved by `improve`, then annealed. Small roadmaps get more tries. Returns
    /// each item's band, which annealing may change for a waypoint.
    pub fn reduce_crossings(&self, columns: &mut [Vec<usize>], item_count: usize) -> Vec<usize> {
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
        let mut band = self.band.to_vec();
        if item_count <= LARGE {
            let mut position = vec![0_usize; item_count];
            mark(columns, &mut position);
            let steps = (ANNEALING_STEPS_PER_ITEM * item_count).min(MAX_ANNEALING_STEPS);
            self.anneal(columns, &mut position, &mut band, steps);
        }
        band
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
        mark(columns, &mut position);
        let mut best = columns.to_vec();
        let mut best_crossings = self.crossings(columns, &position, false);
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
            let crossings = self.crossings(columns, &position, false);
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
        self.crossings(columns, &position, true)
    }

    /// Simulated annealing (after sifting has settled): swaps of neighbours in a band's
    /// run, taken when they cross fewer arrows and, while the temperature is high,
    /// sometimes when they cross more, to leave an order that no one move improves. A
    /// waypoint at the edge of its band's run may move into the next band, where its
    /// arrow may run there (between its source's band and its target's): that changes
    /// no crossing, and lets later swaps carry the arrow where it crosses fewer.
    fn anneal(
        &self,
        columns: &mut [Vec<usize>],
        position: &mut [usize],
        band: &mut [usize],
        steps: usize,
    ) {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut random = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let pairs: Vec<(usize, usize)> = (columns.iter().enumerate())
            .flat_map(|(c, column)| (1..column.len()).map(move |i| (c, i)))
            .collect();
        if pairs.is_empty() {
            return;
        }
        let allowed = |item: usize, b: usize| {
            let (lo, hi) = self.allowed.get(item).copied().unwrap_or((b, b));
            (lo..=hi).contains(&b)
        };
        let mut best = (columns.to_vec(), band.to_vec());
        let (mut current, mut least) = (0_isize, 0_isize);
        let mut work = 0_usize;
        for step in 0..steps {
            // Cooling with the steps taken or the work done, whichever is further on.
            let done = (step as f32 / steps as f32).max(work as f32 / MAX_ANNEALING_WORK as f32);
            if done >= 1.0 {
                break;
            }
            let temperature = START_TEMPERATURE * (1.0 - done) + 0.01;
            let Some(&(c, i)) = pairs.get((random() % pairs.len() as u64) as usize) else {
                continue;
            };
            let Some(column) = columns.get_mut(c) else {
                continue;
            };
            let (Some(&a), Some(&b)) = (column.get(i - 1), column.get(i)) else {
                continue;
            };
            let (band_a, band_b) = (at(band, a), at(band, b));
            if band_a != band_b {
                if random() % 2 == 0 {
                    if allowed(a, band_b) {
                        put(band, a, band_b);
                    }
                } else if allowed(b, band_a) {
                    put(band, b, band_a);
                }
                continue;
            }
            work += list(self.left, a).len() * list(self.left, b).len()
                + list(self.right, a).len() * list(self.right, b).len()
                + 1;
            let delta = self.pair_crossings(b, a, position) as isize
                - self.pair_crossings(a, b, position) as isize;
            let chance = (random() % 1_000_000) as f32 / 1_000_000.0;
            if delta <= 0 || chance < (-(delta as f32) / temperature).exp() {
                column.swap(i - 1, i);
                put(position, a, i);
                put(position, b, i - 1);
                current += delta;
                if current < least {
                    least = current;
                    best.0.clone_from_slice(columns);
                    best.1.copy_from_slice(band);
                }
            }
        }
        columns.clone_from_slice(&best.0);
        band.copy_from_slice(&best.1);
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
        for (side, ends) in [(self.left, self.left_ends), (self.right, self.right_ends)] {
            let lower_ends = list(side, lower).iter().zip(list(ends, lower));
            for (&a, end_a) in list(side, upper).iter().zip(list(ends, upper)) {
                let a = key(position, a, end_a.far);
                count += (lower_ends.clone())
                    .filter(|&(&b, end_b)| {
                        a > key(position, b, end_b.far) && !end_a.shares_an_end(end_b)
                    })
                    .count();
            }
        }
        count
    }

    /// All crossings between neighbouring columns: inversions of the arrows' lower ends
    /// once sorted by their upper ends, less (when `exact`, and not in a roadmap of
    /// thousands) those between arrows that share an end. Sweeps compare orders by the
    /// quicker count, which differs little.
    fn crossings(&self, columns: &[Vec<usize>], position: &[usize], exact: bool) -> usize {
        let mut total = 0;
        let mut segments: Vec<(usize, usize, (u32, u32))> = Vec::new();
        let mut keyed: Vec<((u32, u32), usize, usize)> = Vec::new();
        let mut run: Vec<usize> = Vec::new();
        let mut scratch: Vec<usize> = Vec::new();
        for pair in columns.windows(2) {
            let [upper, _] = pair else {
                continue;
            };
            segments.clear();
            for &item in upper {
                segments.extend(
                    (list(self.right, item).iter())
                        .zip(list(self.right_ends, item))
                        .map(|(&n, end)| {
                            let from = key(position, item, end.near);
                            (from, key(position, n, end.far), end.ends)
                        }),
                );
            }
            let mut shared = [0_usize; 3];
            // (Past `LARGE` items, pairs that share an end count too: finding them would
            // cost more than the layout of thousands of skills may take.)
            let counted = if exact && position.len() <= LARGE {
                3
            } else {
                0
            };
            for (which, count) in shared.iter_mut().enumerate().take(counted) {
                keyed.clear();
                keyed.extend(segments.iter().map(|&(from, to, (source, target))| {
                    let key = match which {
                        0 => (source, u32::MAX),
                        1 => (u32::MAX, target),
                        _ => (source, target),
                    };
                    (key, from, to)
                }));
                keyed.sort_unstable();
                for group in keyed.chunk_by(|a, b| a.0 == b.0) {
                    run.clear();
                    run.extend(group.iter().map(|&(_, _, to)| to));
                    *count += inversions(&mut run, &mut scratch);
                }
            }
            segments.sort_unstable();
            run.clear();
            run.extend(segments.iter().map(|&(_, to, _)| to));
            let all = inversions(&mut run, &mut scratch);
            total += (all + shared[2]).saturating_sub(shared[0] + shared[1]);
        }
        total
    }
}

/// Pairs out of order in `values` (a later one strictly smaller), by merge sort; leaves
/// `values` sorted.
fn inversions(values: &mut [usize], scratch: &mut Vec<usize>) -> usize {
    let mut count = 0;
    let mut width = 1;
    while width < values.len() {
        let mut start = 0;
        while start + width < values.len() {
            let middle = start + width;
            let end = (start + 2 * width).min(values.len());
            scratch.clear();
            let (mut i, mut j) = (start, middle);
            while i < middle && j < end {
                let (a, b) = (at(values, i), at(values, j));
                if a <= b {
                    scratch.push(a);
                    i += 1;
                } else {
                    scratch.push(b);
                    count += middle - i;
                    j += 1;
                }
            }
            scratch.extend(values.get(i..middle).unwrap_or_default());
            scratch.extend(values.get(j..end).unwrap_or_default());
            if let Some(slot) = values.get_mut(start..end) {
                slot.copy_from_slice(scratch);
            }
            start = end;
        }
        width *= 2;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inversions_count_pairs_out_of_order_and_not_ties() {
        let mut scratch = Vec::new();
        assert_eq!(inversions(&mut [], &mut scratch), 0);
        assert_eq!(inversions(&mut [1, 2, 2, 3], &mut scratch), 0);
        assert_eq!(inversions(&mut [3, 2, 1], &mut scratch), 3);
        let mut values = [4, 1, 3, 1, 5, 0];
        // 4>1,4>3,4>1,4>0, 1>0, 3>1,3>0, 1>0, 5>0
        assert_eq!(inversions(&mut values, &mut scratch), 9);
        assert_eq!(values, [0, 1, 1, 3, 4, 5]);
    }

    /// Two columns of two items each, with arrows a→d and b→c, which cross: counted,
    /// unless the arrows share a source or a target, which a reader does not see as
    /// a crossing.
    #[test]
    fn crossings_leave_out_arrows_that_share_an_end() {
        let band = [0; 4];
        let allowed = [(0, 0); 4];
        let left = vec![vec![], vec![], vec![1], vec![0]];
        let right = vec![vec![3], vec![2], vec![], vec![]];
        let end = |ends| End {
            ends,
            near: 0,
            far: 0,
        };
        let columns = vec![vec![0, 1], vec![2, 3]];
        let position = [0, 1, 0, 1];
        for (ends, expected) in [
            ([(10, 20), (11, 21)], 1),
            ([(10, 20), (10, 21)], 0),
            ([(10, 20), (11, 20)], 0),
        ] {
            let left_ends = vec![vec![], vec![], vec![end(ends[1])], vec![end(ends[0])]];
            let right_ends = vec![vec![end(ends[0])], vec![end(ends[1])], vec![], vec![]];
            let order = Order {
                band: &band,
                allowed: &allowed,
                left: &left,
                right: &right,
                left_ends: &left_ends,
                right_ends: &right_ends,
            };
            assert_eq!(order.crossings(&columns, &position, true), expected);
            assert_eq!(order.pair_crossings(0, 1, &position), expected);
        }
    }
}
