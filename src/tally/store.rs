//! One bucket's days, while reading (`Store`) and frozen for range queries (`Series`).

use super::days::Days;
use crate::amount::Amount;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One bucket's days: sums, or for a `distinct` promise the days each value was seen.
#[derive(Debug, Clone)]
pub(super) enum Store {
    Sum {
        days: Days,
        /// Kept to refuse a sum that would overflow: when the total fits, so does
        /// every running total.
        total: Amount,
    },
    Distinct(HashMap<String, BTreeSet<i32>>),
}

impl Store {
    pub(super) fn new(distinct: bool) -> Store {
        if distinct {
            Store::Distinct(HashMap::new())
        } else {
            Store::Sum {
                days: Days::new(),
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
            Store::Sum { days, total } => {
                *total = total.checked_add(amount)?;
                days.add(day, amount);
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
            Store::Sum { days, .. } => days.each_day(),
            Store::Distinct(_) => Vec::new(),
        }
    }

    /// Folds `other`'s days from `from` on into this store.
    pub(super) fn absorb(&mut self, other: Store, from: i32) -> Option<()> {
        match (self, other) {
            (
                Store::Sum { days, total },
                Store::Sum {
                    days: theirs,
                    total: all,
                },
            ) => {
                let taken = if from == i32::MIN {
                    all
                } else {
                    theirs
                        .each_day()
                        .into_iter()
                        .filter(|(d, _)| *d >= from)
                        .try_fold(Amount::ZERO, |sum, (_, a)| sum.checked_add(a))?
                };
                *total = total.checked_add(taken)?;
                days.absorb(theirs, from);
            }
            (mine, other @ Store::Sum { .. }) => {
                for (d, a) in other.each_day().into_iter().filter(|(d, _)| *d >= from) {
                    mine.add(d, a, "")?;
                }
            }
            (mine, Store::Distinct(values)) => {
                for (value, days) in values {
                    for d in days.into_iter().filter(|d| *d >= from) {
                        mine.add(d, Amount::ONE, &value)?;
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

    pub(super) fn series(self) -> Series {
        match self {
            Store::Sum { days, .. } => days.series(),
            Store::Distinct(values) => Series::Distinct(
                values
                    .into_values()
                    .map(|days| days.into_iter().collect())
                    .collect(),
            ),
        }
    }
}

/// A bucket's days, by day from the agreement's start: running totals, or the
/// days each different value was seen.
#[derive(Debug, PartialEq)]
pub(super) enum Series {
    /// Running totals on the days with something on them, in order.
    Running(Vec<(i32, Amount)>),
    /// Running totals on every day from `start`.
    Dense {
        start: i32,
        running: Vec<Amount>,
    },
    Distinct(Vec<Vec<i32>>),
}

impl Series {
    /// What was done before `day`.
    fn total_before(&self, day: i64) -> Amount {
        let n = match self {
            Series::Running(series) => series.partition_point(|(d, _)| i64::from(*d) < day),
            Series::Dense { start, running } => {
                (day - i64::from(*start)).clamp(0, running.len() as i64) as usize
            }
            Series::Distinct(_) => return Amount::ZERO,
        };
        match (self, n) {
            (_, 0) => Amount::ZERO,
            (Series::Running(series), n) => series[n - 1].1,
            (Series::Dense { running, .. }, n) => running[n - 1],
            (Series::Distinct(_), _) => Amount::ZERO,
        }
    }

    pub(super) fn between(&self, from: i32, to: i32) -> Amount {
        if from > to {
            return Amount::ZERO;
        }
        match self {
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
            _ => self
                .total_before(i64::from(to) + 1)
                .saturating_sub(self.total_before(i64::from(from))),
        }
    }

    /// Each day's sum from `from` to `to`, in order, for the days with something on them.
    pub(super) fn daily(&self, from: i32, to: i32) -> Vec<(i32, Amount)> {
        let days: Box<dyn Iterator<Item = (i32, Amount)>> = match self {
            Series::Running(series) => Box::new(series.iter().copied()),
            Series::Dense { start, running } => Box::new(
                running
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (*start + i as i32, *a)),
            ),
            Series::Distinct(_) => return Vec::new(),
        };
        let mut before = Amount::ZERO;
        let mut out = Vec::new();
        for (d, running) in days.take_while(|(d, _)| *d <= to) {
            if d >= from && running != before {
                out.push((d, running.saturating_sub(before)));
            }
            before = running;
        }
        out
    }
}
