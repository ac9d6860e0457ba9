//! One bucket's days, while reading (`Store`) and frozen for range queries (`Series`).

use crate::amount::Amount;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One bucket's days: sums, or for a `distinct` promise the days each value was seen.
#[derive(Debug, Clone)]
pub(super) enum Store {
    Sum {
        /// Dense from the first day seen (`start`), so a bucket costs the days it
        /// spans, not the days since the agreement began (a file of one year under
        /// a promise kept for 300 places); a day too far from them in `far`.
        start: i32,
        days: Vec<Amount>,
        far: BTreeMap<i32, Amount>,
        /// Kept to refuse a sum that would overflow: when the total fits, so does
        /// every running total.
        total: Amount,
    },
    Distinct(HashMap<String, BTreeSet<i32>>),
}

/// The most days one bucket keeps dense: forty years, far more than any term.
const DENSE_SPAN: i64 = 40 * 366;

/// Where `day` goes in a dense store starting at `start` (`Some` also when the
/// store must first grow to hold it), or `None` when it would stretch the store
/// past [`DENSE_SPAN`] (a date typed centuries off).
fn dense_index(start: i32, days: &[Amount], day: i32) -> Option<usize> {
    if days.is_empty() {
        return Some(0);
    }
    let end = i64::from(start) + days.len() as i64;
    let (lo, hi) = (
        i64::from(day).min(i64::from(start)),
        i64::from(day).max(end - 1),
    );
    if hi - lo >= DENSE_SPAN {
        return None;
    }
    Some((i64::from(day) - i64::from(start)).max(0) as usize)
}

impl Store {
    pub(super) fn new(distinct: bool) -> Store {
        if distinct {
            Store::Distinct(HashMap::new())
        } else {
            Store::Sum {
                start: 0,
                days: Vec::new(),
                far: BTreeMap::new(),
                total: Amount::ZERO,
            }
        }
    }

    /// Groups of two or more values that differ only in case or spacing, each
    /// sorted: counted apart as SPEC says, and most likely one place written twice.
    pub(super) fn look_alike(&self) -> Vec<Vec<String>> {
        let Store::Distinct(values) = self else {
            return Vec::new();
        };
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for value in values.keys() {
            let folded: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            groups.entry(folded).or_default().push(value.clone());
        }
        groups
            .into_values()
            .filter(|g| g.len() > 1)
            .map(|mut g| {
                g.sort();
                g
            })
            .collect()
    }

    /// Adds `amount` (or for a distinct store, the value) on `day`; `None` when
    /// the total would overflow.
    pub(super) fn add(&mut self, day: i32, amount: Amount, value: &str) -> Option<()> {
        match self {
            Store::Sum {
                start,
                days,
                far,
                total,
            } => {
                *total = total.checked_add(amount)?;
                match dense_index(*start, days, day) {
                    Some(i) => {
                        if days.is_empty() {
                            *start = day;
                            days.push(Amount::ZERO);
                        } else if day < *start {
                            let gap = (*start - day) as usize;
                            days.splice(0..0, std::iter::repeat_n(Amount::ZERO, gap));
                            *start = day;
                        } else if i >= days.len() {
                            // Grown by a month at a time, not doubled: a ledger
                            // appended day by day would leave half of it unused.
                            if i >= days.capacity() {
                                days.reserve_exact(i + 1 - days.len() + 31);
                            }
                            days.resize(i + 1, Amount::ZERO);
                        }
                        let i = (day - *start) as usize;
                        days[i] = days[i].saturating_add(amount);
                    }
                    None => {
                        let sum = far.entry(day).or_default();
                        *sum = sum.saturating_add(amount);
                    }
                }
            }
            Store::Distinct(values) => {
                if !value.is_empty() {
                    values.entry(value.to_owned()).or_default().insert(day);
                }
            }
        }
        Some(())
    }

    /// Each day with something on it, in order, with its sum (for a distinct
    /// store, the values first seen that day).
    pub(super) fn each_day(&self) -> Vec<(i32, Amount)> {
        match self {
            Store::Sum {
                start, days, far, ..
            } => {
                let dense = days
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| **a != Amount::ZERO)
                    .map(|(i, a)| (*start + i as i32, *a));
                let mut all: Vec<(i32, Amount)> = far.iter().map(|(d, a)| (*d, *a)).collect();
                all.extend(dense);
                // Far days lie before or after the dense ones: one sort puts them in place.
                all.sort_by_key(|(d, _)| *d);
                all
            }
            Store::Distinct(_) => Vec::new(),
        }
    }

    /// Folds `other`'s days from `from` on into this store.
    pub(super) fn absorb(&mut self, other: Store, from: i32) -> Option<()> {
        match other {
            Store::Sum { .. } => {
                for (d, a) in other.each_day().into_iter().filter(|(d, _)| *d >= from) {
                    self.add(d, a, "")?;
                }
            }
            Store::Distinct(values) => {
                for (value, days) in values {
                    for d in days.into_iter().filter(|d| *d >= from) {
                        self.add(d, Amount::ONE, &value)?;
                    }
                }
            }
        }
        Some(())
    }

    /// The first day in `from..=to` by which what was done from `from` on
    /// reaches `required` (different values, for a distinct store).
    pub(super) fn reaching(&self, from: i32, to: i32, required: Amount) -> Option<i32> {
        match self {
            Store::Sum { .. } => {
                let mut sum = Amount::ZERO;
                self.each_day()
                    .into_iter()
                    .filter(|(d, _)| (from..=to).contains(d))
                    .find(|(_, a)| {
                        sum = sum.saturating_add(*a);
                        sum >= required
                    })
                    .map(|(d, _)| d)
            }
            Store::Distinct(values) => {
                let mut firsts: Vec<i32> = values
                    .values()
                    .filter_map(|days| days.range(from..=to).next().copied())
                    .collect();
                firsts.sort_unstable();
                // Different values are whole: `distinct` goes with no `unit`.
                let n = required.micros() / Amount::ONE.micros();
                let k = usize::try_from(n.max(1)).ok()?;
                firsts.get(k - 1).copied()
            }
        }
    }

    pub(super) fn series(self, base: i32) -> Series {
        let date = |d: i32| NaiveDate::from_num_days_from_ce_opt(base + d);
        match self {
            Store::Sum { .. } => {
                let mut running = Amount::ZERO;
                Series::Running(
                    self.each_day()
                        .into_iter()
                        .filter_map(|(d, a)| {
                            running = running.saturating_add(a);
                            Some((date(d)?, running))
                        })
                        .collect(),
                )
            }
            Store::Distinct(values) => Series::Distinct(
                values
                    .into_values()
                    .map(|days| days.into_iter().filter_map(date).collect())
                    .collect(),
            ),
        }
    }
}

/// A bucket's days: running totals, or the days each different value was seen.
#[derive(Debug, PartialEq)]
pub(super) enum Series {
    Running(Vec<(NaiveDate, Amount)>),
    Distinct(Vec<Vec<NaiveDate>>),
}

impl Series {
    pub(super) fn between(&self, from: NaiveDate, to: NaiveDate) -> Amount {
        if from > to {
            return Amount::ZERO;
        }
        match self {
            Series::Running(series) => {
                let total_before = |day: NaiveDate| {
                    let n = series.partition_point(|(d, _)| *d < day);
                    if n == 0 {
                        Amount::ZERO
                    } else {
                        series[n - 1].1
                    }
                };
                let through_to = match to.succ_opt() {
                    Some(next) => total_before(next),
                    None => series.last().map_or(Amount::ZERO, |(_, a)| *a),
                };
                through_to.saturating_sub(total_before(from))
            }
            Series::Distinct(values) => {
                let seen = values
                    .iter()
                    .filter(|days| {
                        let i = days.partition_point(|d| *d < from);
                        days.get(i).is_some_and(|d| *d <= to)
                    })
                    .count();
                Amount::from_int(seen as i64)
            }
        }
    }

    /// Each day's sum from `from` to `to`, in date order.
    pub(super) fn daily(&self, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, Amount)> {
        let Series::Running(series) = self else {
            return Vec::new();
        };
        let mut before = Amount::ZERO;
        let mut out = Vec::new();
        for (d, running) in series {
            if *d >= from && *d <= to {
                out.push((*d, running.saturating_sub(before)));
            }
            before = *running;
        }
        out
    }
}
