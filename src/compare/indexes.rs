//! A set of value indexes kept as runs of consecutive indexes. The values a value conflicts
//! with are, for counts, those below it and those above it: two runs, however many values a
//! claim has, where a list would grow with the square of them.

use std::ops::Range;

/// Indexes in ascending order, as half-open runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Indexes {
    runs: Vec<Range<usize>>,
    len: usize,
}

impl Indexes {
    /// Adds `index`, which must be greater than every index already in the set.
    pub fn push(&mut self, index: usize) {
        self.len += 1;
        match self.runs.last_mut() {
            Some(run) if run.end == index => run.end += 1,
            Some(run) => {
                debug_assert!(index > run.end, "indexes are pushed in ascending order");
                self.runs.push(index..index + 1);
            }
            None => self.runs.push(index..index + 1),
        }
    }

    /// How many indexes the set holds.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// True when `index` is in the set: a search over the runs.
    pub fn contains(&self, index: usize) -> bool {
        let after = self.runs.partition_point(|run| run.end <= index);
        self.runs.get(after).is_some_and(|run| run.start <= index)
    }

    /// The runs, ascending.
    pub fn runs(&self) -> &[Range<usize>] {
        &self.runs
    }

    /// Every index, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.runs.iter().flat_map(Clone::clone)
    }

    /// The `count` indexes nearest to `to`, ascending: what a listing of a long set shows.
    pub fn nearest(&self, to: usize, count: usize) -> Vec<usize> {
        if self.len <= count {
            return self.iter().collect();
        }
        // The first index at or above `to`, walked outward from on both sides.
        let split = self.iter_position(to);
        let (mut below, mut above) = (self.backward_from(split), self.forward_from(split));
        let (mut next_below, mut next_above) = (below.next(), above.next());
        let mut chosen = Vec::with_capacity(count);
        while chosen.len() < count {
            let take_below = match (next_below, next_above) {
                (Some(low), Some(high)) => to - low <= high - to,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_below {
                chosen.extend(next_below);
                next_below = below.next();
            } else {
                chosen.extend(next_above);
                next_above = above.next();
            }
        }
        chosen.sort_unstable();
        chosen
    }

    /// Where `to` falls: the run holding the first index at or above it, and that index.
    fn iter_position(&self, to: usize) -> (usize, usize) {
        let run = self.runs.partition_point(|run| run.end <= to);
        let index = self.runs.get(run).map_or(to, |r| r.start.max(to));
        (run, index)
    }

    /// The indexes below the split point, descending.
    fn backward_from(&self, (run, index): (usize, usize)) -> impl Iterator<Item = usize> + '_ {
        let first = self
            .runs
            .get(run)
            .map(|r| r.start..index)
            .into_iter()
            .flat_map(|r| r.rev());
        let rest = self.runs[..run.min(self.runs.len())]
            .iter()
            .rev()
            .flat_map(|r| r.clone().rev());
        first.chain(rest)
    }

    /// The indexes at or above the split point, ascending.
    fn forward_from(&self, (run, index): (usize, usize)) -> impl Iterator<Item = usize> + '_ {
        let first = self
            .runs
            .get(run)
            .map(|r| index..r.end)
            .into_iter()
            .flatten();
        let rest = self
            .runs
            .get(run + 1..)
            .unwrap_or_default()
            .iter()
            .flat_map(Clone::clone);
        first.chain(rest)
    }
}

impl FromIterator<usize> for Indexes {
    /// Collects ascending indexes; repeats are kept once.
    fn from_iter<I: IntoIterator<Item = usize>>(indexes: I) -> Self {
        let mut set = Indexes::default();
        for index in indexes {
            if set.runs.last().is_none_or(|run| run.end <= index) {
                set.push(index);
            }
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn all_but_one_is_two_runs() {
        let set: Indexes = (0..20_000).filter(|&i| i != 7_000).collect();
        assert_eq!(set.runs(), [0..7_000, 7_001..20_000]);
        assert_eq!(set.len(), 19_999);
        assert!(set.contains(6_999) && !set.contains(7_000) && set.contains(7_001));
        assert!(!set.contains(20_000));
        assert_eq!(set.nearest(7_000, 4), [6_998, 6_999, 7_001, 7_002]);
    }

    proptest! {
        #[test]
        fn behaves_as_the_sorted_list(
            mut list in proptest::collection::vec(0usize..200, 0..80),
            to in 0usize..220,
            count in 0usize..20,
        ) {
            list.sort_unstable();
            list.dedup();
            let set: Indexes = list.iter().copied().collect();
            prop_assert_eq!(set.iter().collect::<Vec<_>>(), list.clone());
            prop_assert_eq!(set.len(), list.len());
            for probe in 0..220 {
                prop_assert_eq!(set.contains(probe), list.binary_search(&probe).is_ok());
            }
            // The nearest: the list sorted by distance to `to`, cut.
            let mut by_distance = list.clone();
            by_distance.sort_by_key(|&i| i.abs_diff(to));
            let mut expected: Vec<usize> = by_distance.into_iter().take(count).collect();
            expected.sort_unstable();
            let nearest = set.nearest(to, count);
            prop_assert_eq!(nearest.len(), expected.len());
            // Equal distances may be broken either way: compare the distances.
            let distances = |v: &[usize]| {
                let mut d: Vec<usize> = v.iter().map(|&i| i.abs_diff(to)).collect();
                d.sort_unstable();
                d
            };
            prop_assert_eq!(distances(&nearest), distances(&expected));
            prop_assert!(nearest.iter().all(|i| list.binary_search(i).is_ok()));
        }
    }
}
