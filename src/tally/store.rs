//! One bucket's days, while reading (`Store`) and frozen for range queries (`Series`).

use crate::amount::Amount;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One bucket's days: sums, or for a `distinct` promise the days each value was seen.
#[derive(Debug, Clone)]
pub(super) enum Store {
    Sum {
        /// Dense from the agreement's start; the rare day before it in `early`.
        days: Vec<Amount>,
        early: BTreeMap<i32, Amount>,
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
                days: Vec::new(),
                early: BTreeMap::new(),
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
            Store::Sum { days, early, total } => {
                *total = total.checked_add(amount)?;
                match usize::try_from(day) {
                    Ok(d) => {
                        if d >= days.len() {
                            days.resize(d + 1, Amount::ZERO);
                        }
                        days[d] = days[d].saturating_add(amount);
                    }
                    Err(_) => {
                        let sum = early.entry(day).or_default();
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
            Store::Sum { days, early, .. } => early
                .iter()
                .map(|(d, a)| (*d, *a))
                .chain(
                    days.iter()
                        .enumerate()
                        .filter(|(_, a)| **a != Amount::ZERO)
                        .map(|(d, a)| (d as i32, *a)),
                )
                .collect(),
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
