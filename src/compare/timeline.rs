//! The values of one claim in time: a later toll revises an earlier one, values that stand at
//! the same time and cannot both hold conflict, and a part (one town, one day) conflicts with
//! no whole.

use std::cmp::Ordering;

use super::indexes::Indexes;
use crate::extract::{DAY, Figure, Scope};

/// How many earlier values a value looks back over for those it revises: a value that overlaps
/// it ("أكثر من 300") does not hide the toll before it, and the links stay linear in number.
const REVISION_REACH: usize = 8;

/// When a value was said, as far as the texts tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum When {
    /// Dated: seconds to order by, whether a part of the day is named (صباح، مساء), and
    /// whether "earlier"/"later" places it against its report's own count.
    Dated {
        seconds: i64,
        hour_named: bool,
        /// The hour is known: named, or the publication's.
        hour_known: bool,
        relative: bool,
        /// The text says the count rose to it: hours after another count of its day, it is
        /// the later one.
        rose: bool,
        /// Said to be the newest count ("آخر حصيلة"): [`LATEST_APART`] after another count of
        /// its day, it is the later one.
        latest: bool,
        /// A first count ("حصيلة أولية"): hours before another count of its day, it is the
        /// earlier one.
        preliminary: bool,
        /// The report that says it: "earlier"/"later" order it against that report's counts.
        report: usize,
    },
    /// Undated, but ordered inside one report: -1 earlier ("في بيان سابق"), 0, 1 later.
    InReport { report: usize, rank: i8 },
    /// Nothing tells.
    Unknown,
}

/// How far above its bound a dated count given as "at least N" or "more than N" is read
/// against another count of its time: news gives such a count as its estimate, so "more than
/// 850" and "about 900" agree, while "more than 100" and "more than 200" of one day differ.
const OPEN_REACH: f64 = 0.15;

/// A count of one day that calls itself the newest ("حسب آخر بيان") this long after another
/// follows it: the morning's 12 and the evening's "17, according to the latest statement".
const LATEST_APART: i64 = 3 * 3600;

/// Counts of two days less than this apart, with no word ordering them, stand at the same time
/// (a toll of late evening and another of just after midnight dispute each other); counts of
/// one day this far apart are in order when the later one says the toll rose (the morning's
/// 233 and the evening's "rose to 288").
const SAME_TIME: i64 = 6 * 3600;

impl When {
    /// When `figure` of report `report` was said.
    pub(super) fn of(figure: &Figure, report: usize) -> When {
        let cue = figure.time.cue;
        match figure.moment {
            Some(moment) => When::Dated {
                seconds: moment.seconds,
                hour_named: cue.hour.is_some(),
                hour_known: moment.hour_known,
                relative: cue.earlier || cue.later,
                rose: figure.time.rose,
                latest: cue.latest,
                preliminary: figure.preliminary == Some(true),
                report,
            },
            None => When::InReport {
                report,
                rank: if cue.earlier {
                    -1
                } else if cue.later {
                    1
                } else {
                    0
                },
            },
        }
    }

    /// The first of two times a value was said: a later report that recalls an old toll does
    /// not make it new. Of one day, a known hour is preferred to a day alone. A value said in
    /// two undated reports has no time.
    pub(super) fn first(self, other: When) -> When {
        match (self, other) {
            (
                When::Dated {
                    seconds: a,
                    hour_known: a_known,
                    ..
                },
                When::Dated {
                    seconds: b,
                    hour_known: b_known,
                    ..
                },
            ) => {
                let earlier = if a.div_euclid(DAY) == b.div_euclid(DAY) && a_known != b_known {
                    !a_known
                } else {
                    b < a
                };
                if earlier { other } else { self }
            }
            (dated @ When::Dated { .. }, _) | (_, dated @ When::Dated { .. }) => dated,
            (When::InReport { report: a, rank: x }, When::InReport { report: b, rank: y })
                if a == b =>
            {
                When::InReport {
                    report: a,
                    rank: x.min(y),
                }
            }
            _ => When::Unknown,
        }
    }

    /// Which of two times comes first, when the texts separate them:
    /// - an "earlier" or "later" against a count of its own report or of another day;
    /// - two counts of one day [`SAME_TIME`] apart whose parts of the day are both named
    ///   (صباح، مساء), whose later one says the toll rose or whose earlier one is a first count
    ///   ("حصيلة أولية"); a newest count ("آخر حصيلة") [`LATEST_APART`] after another;
    /// - two days, when both hours are known [`SAME_TIME`] or more apart;
    /// - an "earlier" inside one undated report.
    ///
    /// `None`: they stand at the same time, as far as anyone can tell: the same day, as
    /// casualty recorders count.
    pub(super) fn order(self, other: When) -> Option<Ordering> {
        match (self, other) {
            (
                When::Dated {
                    seconds: a,
                    hour_named: a_hour,
                    hour_known: a_known,
                    relative: a_relative,
                    rose: a_rose,
                    latest: a_latest,
                    preliminary: a_first,
                    report: a_report,
                },
                When::Dated {
                    seconds: b,
                    hour_named: b_hour,
                    hour_known: b_known,
                    relative: b_relative,
                    rose: b_rose,
                    latest: b_latest,
                    preliminary: b_first,
                    report: b_report,
                },
            ) => {
                let same_day = a.div_euclid(DAY) == b.div_euclid(DAY);
                let (later_rose, later_latest, earlier_first) = if a < b {
                    (b_rose, b_latest, a_first)
                } else {
                    (a_rose, a_latest, b_first)
                };
                let latest_apart = later_latest
                    && a_known
                    && b_known
                    && a.abs_diff(b) >= LATEST_APART.unsigned_abs();
                let hours_apart = a_known && b_known && a.abs_diff(b) >= SAME_TIME.unsigned_abs();
                let separated = if (a_relative || b_relative) && (a_report == b_report || !same_day)
                {
                    true
                } else if same_day {
                    latest_apart
                        || (hours_apart && ((a_hour && b_hour) || later_rose || earlier_first))
                } else {
                    hours_apart || !(a_known && b_known)
                };
                (a != b && separated).then(|| a.cmp(&b))
            }
            (When::InReport { report: a, rank: x }, When::InReport { report: b, rank: y })
                if a == b && x != y =>
            {
                Some(x.cmp(&y))
            }
            _ => None,
        }
    }

    /// A key to sort values of one sequence by: dated first, then each report's own order.
    fn sort_key(self) -> Option<(u8, usize, i64)> {
        match self {
            When::Dated { seconds, .. } => Some((0, 0, seconds)),
            When::InReport { report, rank } => Some((1, report, i64::from(rank))),
            When::Unknown => None,
        }
    }
}

/// How the count of a claim moves over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Course {
    /// What has happened so far (killed, injured): it only grows, unless corrected.
    Grows,
    /// Those in a state now (in hospital, missing): it falls as people leave it.
    State,
    /// What was so at one moment of the event (on board, inside the hall): no later count
    /// revises it; a different one disputes it.
    Fixed,
}

/// What the timeline needs of one value.
pub(super) struct Timed {
    pub low: f64,
    pub high: f64,
    pub when: When,
    /// A part of the whole (one town, one day): never conflicts with the whole.
    pub part: bool,
    /// The places its mentions name, sorted.
    pub places: Vec<String>,
    /// Said to correct an earlier count.
    pub correction: bool,
    /// How the count moves over time.
    pub course: Course,
    /// Said to be the whole so far ("حصيلة"، "بلغ"، "ارتفع إلى").
    pub cumulative: bool,
    /// The source chains behind it (source and relays), sorted.
    pub chains: Vec<(String, Vec<String>)>,
}

impl Timed {
    fn disjoint(&self, other: &Timed) -> bool {
        self.high < other.low || other.high < self.low
    }

    /// The highest this count stands for when it is one estimate of a moment another count
    /// also estimates: an open upper end ("أكثر من 850") reaches [`OPEN_REACH`] above its
    /// bound.
    fn estimate_high(&self) -> f64 {
        if self.high.is_infinite() && self.low.is_finite() && self.low > 0.0 {
            self.low * (1.0 + OPEN_REACH)
        } else {
            self.high
        }
    }

    /// True when two dated counts' estimates cannot both hold: "at least 23" and "at least
    /// 27" of one night are two estimates that differ; undated, they are floors that agree.
    fn estimates_disjoint(&self, other: &Timed) -> bool {
        self.estimate_high() < other.low || other.estimate_high() < self.low
    }

    /// True when `self`, later than `earlier`, replaces it: a higher count, or a lower one the
    /// text calls a correction, that comes from the same source chain, or that counts those
    /// still in a state (in hospital, missing).
    fn may_revise(&self, earlier: &Timed) -> bool {
        if self.course == Course::Fixed {
            return false;
        }
        // Overlapping, a later count refines an earlier one it does not fall below ("أكثر من
        // ألفي" then 5,300), not one it only stays within (3,000 so far, then 100 today).
        let lower = self.high < earlier.low || self.low < earlier.low;
        !lower
            || self.correction
            || self.course == Course::State
            || self
                .chains
                .iter()
                .any(|chain| earlier.chains.binary_search(chain).is_ok())
    }

    /// True when one may revise the other: both wholes, or both parts of the same named place
    /// ("في درنة وحدها" on Monday and on Tuesday).
    fn comparable_whole(&self, other: &Timed) -> bool {
        match (self.part, other.part) {
            (false, false) => true,
            (true, true) => !self.places.is_empty() && self.places == other.places,
            _ => false,
        }
    }

    /// True when `self` replaces a lower count `other` that no date places against it (one of
    /// them is dated, the other not): the text says it is the whole so far, risen or
    /// corrected, and it grows. Among undated reports alone, disputes stay disputes.
    fn follows_unplaced(&self, other: &Timed) -> bool {
        let dated = |when: When| matches!(when, When::Dated { .. });
        dated(self.when) != dated(other.when)
            && self.course == Course::Grows
            && self.comparable_whole(other)
            && (self.cumulative || self.correction || other.cumulative)
            && self.low >= other.low
            && self.high > other.high
    }

    /// True when two values cannot both stand: disjoint, neither a part of the other's whole,
    /// and either at the same time or the later one lower with nothing saying it corrects.
    fn conflicts(&self, other: &Timed) -> bool {
        let dated = |when: When| matches!(when, When::Dated { .. });
        let disjoint = if dated(self.when) && dated(other.when) {
            self.estimates_disjoint(other)
        } else {
            self.disjoint(other)
        };
        if !disjoint || self.part != other.part {
            return false;
        }
        match self.when.order(other.when) {
            _ if self.course == Course::Fixed => true,
            None => !self.follows_unplaced(other) && !other.follows_unplaced(self),
            Some(Ordering::Less) => !other.may_revise(self),
            Some(_) => !self.may_revise(other),
        }
    }
}

/// The timeline of a claim's values.
pub(super) struct Timeline {
    /// For each value, the values it cannot stand with.
    pub conflicts_with: Vec<Indexes>,
    /// For each value, the earlier values it replaces.
    pub revises: Vec<Vec<usize>>,
    /// The newest value of the dated sequence.
    pub latest: Option<usize>,
}

/// Orders and links `values`: each revises the earlier values among the
/// [`REVISION_REACH`] before it in its sequence, when it may (the ones before those through
/// them); conflicts are found pair by pair.
pub(super) fn timeline(values: &[Timed]) -> Timeline {
    let mut order: Vec<usize> = (0..values.len())
        .filter(|&v| values[v].when.sort_key().is_some())
        .collect();
    order.sort_by_key(|&v| values[v].when.sort_key());
    let mut revises = vec![Vec::new(); values.len()];
    for (at, &later) in order.iter().enumerate() {
        let earlier = order[at.saturating_sub(REVISION_REACH)..at]
            .iter()
            .copied()
            .filter(|&earlier| {
                let (a, b) = (&values[earlier], &values[later]);
                // A later count replaces an earlier one it may also overlap: "أكثر من ألفي"
                // on Monday, 5,300 on Tuesday.
                a.when.order(b.when) == Some(Ordering::Less)
                    && a.comparable_whole(b)
                    && b.may_revise(a)
            });
        revises[later].extend(earlier);
    }
    // Counts no date places: each looks over the values just below it.
    let mut by_value: Vec<usize> = (0..values.len()).collect();
    by_value.sort_by(|&a, &b| {
        values[a]
            .low
            .total_cmp(&values[b].low)
            .then(values[a].high.total_cmp(&values[b].high))
    });
    for (at, &higher) in by_value.iter().enumerate() {
        for &lower in &by_value[at.saturating_sub(REVISION_REACH)..at] {
            if values[higher].follows_unplaced(&values[lower]) {
                revises[higher].push(lower);
            }
        }
    }
    for list in &mut revises {
        list.sort_unstable();
        list.dedup();
    }
    let latest = order
        .iter()
        .rev()
        .find(|&&v| matches!(values[v].when, When::Dated { .. }) && !values[v].part)
        .copied();
    let conflicts_with = conflicts_among(values);
    Timeline {
        conflicts_with,
        revises,
        latest,
    }
}

/// How many values on each side, in order of count, a value is held against for conflicts: a
/// claim of up to this many and one values is checked pair by pair, and a flood of distinct
/// counts (20,000 reports of one toll, each its own) costs this much per value, not every pair.
pub(super) const CONFLICT_REACH: usize = 256;

/// For each value of `values` (sorted by count), the values within [`CONFLICT_REACH`] of it
/// it cannot stand with, as runs: all the others, or most, are two.
fn conflicts_among(values: &[Timed]) -> Vec<Indexes> {
    (0..values.len())
        .map(|v| {
            let reach =
                v.saturating_sub(CONFLICT_REACH)..(v + CONFLICT_REACH + 1).min(values.len());
            reach
                .filter(|&other| other != v && values[v].conflicts(&values[other]))
                .collect()
        })
        .collect()
}

/// True when a figure counts a part of the whole (one town, one day).
pub(super) fn is_part(figure: &Figure) -> bool {
    figure.scope == Some(Scope::Part)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values of mixed times, sizes, sources and courses, from a fixed seed.
    fn mixed(count: usize, seed: u64, course: Course) -> Vec<Timed> {
        let mut state = seed;
        let mut next = move |modulo: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % modulo
        };
        (0..count)
            .map(|_| {
                let low = next(400) as f64;
                let high = if next(4) == 0 {
                    f64::INFINITY
                } else {
                    low + next(20) as f64
                };
                let when = match next(6) {
                    0 => When::Unknown,
                    1 => When::InReport {
                        report: next(3) as usize,
                        rank: next(3) as i8 - 1,
                    },
                    _ => When::Dated {
                        seconds: 1_700_000_000 + next(10 * DAY as u64) as i64,
                        hour_named: next(2) == 0,
                        hour_known: next(3) != 0,
                        relative: next(8) == 0,
                        rose: next(3) == 0,
                        latest: next(4) == 0,
                        preliminary: next(4) == 0,
                        report: next(3) as usize,
                    },
                };
                Timed {
                    low,
                    high,
                    when,
                    part: next(10) == 0,
                    places: Vec::new(),
                    correction: next(10) == 0,
                    course,
                    cumulative: next(2) == 0,
                    chains: vec![(format!("source {}", next(4)), Vec::new())],
                }
            })
            .collect()
    }

    /// `count` mixed values, sorted by count as a claim holds them.
    fn sorted(count: usize, seed: u64, course: Course) -> Vec<Timed> {
        let mut values = mixed(count, seed, course);
        values.sort_by(|a, b| a.low.total_cmp(&b.low).then(a.high.total_cmp(&b.high)));
        values
    }

    fn every_pair(values: &[Timed]) -> Vec<Vec<usize>> {
        (0..values.len())
            .map(|v| {
                (0..values.len())
                    .filter(|&other| other != v && values[v].conflicts(&values[other]))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_claim_within_reach_is_checked_pair_by_pair() {
        for (seed, course) in [
            (1, Course::Grows),
            (2, Course::Grows),
            (3, Course::State),
            (4, Course::Fixed),
            (5, Course::Grows),
        ] {
            let values = sorted(CONFLICT_REACH + 1, seed, course);
            let found: Vec<Vec<usize>> = conflicts_among(&values)
                .iter()
                .map(|set| set.iter().collect())
                .collect();
            assert_eq!(found, every_pair(&values), "seed {seed}");
        }
    }

    #[test]
    fn a_flood_of_values_is_checked_within_reach() {
        let values = sorted(3 * CONFLICT_REACH, 6, Course::Grows);
        let pairs = every_pair(&values);
        for (v, set) in conflicts_among(&values).iter().enumerate() {
            let near: Vec<usize> = pairs[v]
                .iter()
                .copied()
                .filter(|other| other.abs_diff(v) <= CONFLICT_REACH)
                .collect();
            assert_eq!(set.iter().collect::<Vec<_>>(), near, "value {v}");
        }
    }
}
