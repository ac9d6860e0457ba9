//! Per-promise, per-day sums: all that compliance needs from the ledger. Its size
//! grows with the days that have activities, never with the number of lines.

use crate::amount::Amount;
use crate::ledger::Activity;
use crate::model::Agreement;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A bucket is one promise, or one place of an `each` promise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bucket {
    pub promise: usize,
    pub item: Option<usize>,
}

/// Sums while reading.
#[derive(Debug, Default)]
pub struct Tally {
    days: HashMap<(Bucket, NaiveDate), Amount>,
}

impl Tally {
    /// Adds an activity to its promise and to every promise it is part of.
    pub fn add(&mut self, agreement: &Agreement, activity: Activity<'_>) {
        for promise in agreement.with_ancestors(activity.promise) {
            let each = &agreement.promises[promise].each;
            let item = if each.is_empty() {
                None
            } else {
                match each.iter().position(|e| e.as_bytes() == activity.place) {
                    Some(i) => Some(i),
                    None => continue, // a child's line that names none of the parent's places
                }
            };
            let sum = self
                .days
                .entry((Bucket { promise, item }, activity.date))
                .or_default();
            *sum = sum.saturating_add(activity.amount);
        }
    }

    /// Folds another tally (from another file or thread) into this one.
    pub fn merge(&mut self, other: Tally) {
        for (key, amount) in other.days {
            let sum = self.days.entry(key).or_default();
            *sum = sum.saturating_add(amount);
        }
    }

    /// Sorts the sums per bucket for range queries.
    pub fn freeze(self) -> Sums {
        let mut per: HashMap<Bucket, Vec<(NaiveDate, Amount)>> = HashMap::new();
        for ((bucket, date), amount) in self.days {
            per.entry(bucket).or_default().push((date, amount));
        }
        let buckets = per
            .into_iter()
            .map(|(bucket, mut days)| {
                days.sort_unstable_by_key(|(d, _)| *d);
                let mut running = Amount::ZERO;
                let series = days
                    .into_iter()
                    .map(|(d, a)| {
                        running = running.saturating_add(a);
                        (d, running)
                    })
                    .collect();
                (bucket, series)
            })
            .collect();
        Sums { buckets }
    }
}

/// Day sums per bucket, as running totals, ready for range queries.
#[derive(Debug, Default)]
pub struct Sums {
    buckets: HashMap<Bucket, Vec<(NaiveDate, Amount)>>,
}

impl Sums {
    /// The total from `from` to `to`, both inclusive.
    pub fn between(&self, bucket: Bucket, from: NaiveDate, to: NaiveDate) -> Amount {
        if from > to {
            return Amount::ZERO;
        }
        let Some(series) = self.buckets.get(&bucket) else {
            return Amount::ZERO;
        };
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

    /// Whether any activity is dated from `from` to `to`.
    pub fn any_between(&self, bucket: Bucket, from: NaiveDate, to: NaiveDate) -> bool {
        self.between(bucket, from, to).is_positive()
    }
}
