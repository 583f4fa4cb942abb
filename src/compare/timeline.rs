//! The values of one claim in time: a later toll revises an earlier one, values that stand at
//! the same time and cannot both hold conflict, and a part (one town, one day) conflicts with
//! no whole.

use std::cmp::Ordering;

use crate::extract::{Figure, Scope};

/// How many earlier values a value looks back over for those it revises: a value that overlaps
/// it ("أكثر من 300") does not hide the toll before it, and the links stay linear in number.
const REVISION_REACH: usize = 8;

/// When a value was said, as far as the texts tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum When {
    /// Dated: seconds to order by, and whether a part of the day or "earlier"/"later" orders
    /// it inside its day.
    Dated { seconds: i64, ordered_in_day: bool },
    /// Undated, but ordered inside one report: -1 earlier ("في بيان سابق"), 0, 1 later.
    InReport { report: usize, rank: i8 },
    /// Nothing tells.
    Unknown,
}

/// Counts published less than this apart, with no word ordering them, stand at the same time:
/// two outlets' tolls of one morning dispute each other; a toll of the evening revises one of
/// the morning.
const SAME_TIME: i64 = 6 * 3600;

impl When {
    /// When `figure` of report `report` was said.
    pub(super) fn of(figure: &Figure, report: usize) -> When {
        let cue = figure.time.cue;
        match figure.moment {
            Some(moment) => When::Dated {
                seconds: moment.seconds,
                ordered_in_day: cue.hour.is_some() || cue.earlier || cue.later,
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
    /// not make it new. A value said in two undated reports has no time.
    pub(super) fn first(self, other: When) -> When {
        match (self, other) {
            (When::Dated { seconds: a, .. }, When::Dated { seconds: b, .. }) => {
                if b < a {
                    other
                } else {
                    self
                }
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

    /// Which of two times comes first, when the texts separate them: [`SAME_TIME`] or more
    /// apart, an hour or an "earlier" within one day, or an "earlier" inside one undated
    /// report. `None`: they
    /// stand at the same time, as far as anyone can tell.
    pub(super) fn order(self, other: When) -> Option<Ordering> {
        match (self, other) {
            (
                When::Dated {
                    seconds: a,
                    ordered_in_day: x,
                },
                When::Dated {
                    seconds: b,
                    ordered_in_day: y,
                },
            ) => {
                let apart = a.abs_diff(b) >= SAME_TIME.unsigned_abs();
                (a != b && (apart || x || y)).then(|| a.cmp(&b))
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

/// What the timeline needs of one value.
pub(super) struct Timed {
    pub low: f64,
    pub high: f64,
    pub when: When,
    /// A part of the whole (one town, one day): never conflicts with the whole.
    pub part: bool,
    /// Said to correct an earlier count.
    pub correction: bool,
    /// A count of those in a state now (in hospital, missing): it falls as people leave it.
    pub state: bool,
    /// The source chains behind it (source and relays), sorted.
    pub chains: Vec<(String, Vec<String>)>,
}

impl Timed {
    fn disjoint(&self, other: &Timed) -> bool {
        self.high < other.low || other.high < self.low
    }

    /// True when `self`, later than `earlier`, replaces it: a higher count, or a lower one the
    /// text calls a correction, that comes from the same source chain, or that counts those
    /// still in a state (in hospital, missing).
    fn may_revise(&self, earlier: &Timed) -> bool {
        // Overlapping, a later count refines an earlier one it does not fall below ("أكثر من
        // ألفي" then 5,300), not one it only stays within (3,000 so far, then 100 today).
        let lower = self.high < earlier.low || self.low < earlier.low;
        !lower
            || self.correction
            || self.state
            || self
                .chains
                .iter()
                .any(|chain| earlier.chains.binary_search(chain).is_ok())
    }

    /// True when two values cannot both stand: disjoint, neither a part of the other's whole,
    /// and either at the same time or the later one lower with nothing saying it corrects.
    fn conflicts(&self, other: &Timed) -> bool {
        if !self.disjoint(other) || self.part != other.part {
            return false;
        }
        match self.when.order(other.when) {
            None => true,
            Some(Ordering::Less) => !other.may_revise(self),
            Some(_) => !self.may_revise(other),
        }
    }
}

/// The timeline of a claim's values.
pub(super) struct Timeline {
    /// For each value, the values it cannot stand with.
    pub conflicts_with: Vec<Vec<usize>>,
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
                    && !b.part
                    && !a.part
                    && b.may_revise(a)
            });
        revises[later].extend(earlier);
        revises[later].sort_unstable();
    }
    let latest = order
        .iter()
        .rev()
        .find(|&&v| matches!(values[v].when, When::Dated { .. }) && !values[v].part)
        .copied();
    let conflicts_with = (0..values.len())
        .map(|v| {
            (0..values.len())
                .filter(|&other| values[v].conflicts(&values[other]))
                .collect()
        })
        .collect();
    Timeline {
        conflicts_with,
        revises,
        latest,
    }
}

/// True when a figure counts a part of the whole (one town, one day).
pub(super) fn is_part(figure: &Figure) -> bool {
    figure.scope == Some(Scope::Part)
}
