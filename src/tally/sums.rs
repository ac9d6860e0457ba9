//! The frozen tally: each bucket's running totals, for range queries.

use super::Bucket;
use super::store::Series;
use crate::amount::Amount;
use crate::model::Agreement;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// Day sums per bucket, ready for range queries.
#[derive(Debug, Default)]
pub struct Sums {
    /// The day the series count from, from the common era.
    pub(super) base: i32,
    /// Per promise, its first bucket and its number of places (none without `each`).
    pub(super) promises: Vec<(usize, usize)>,
    /// In the tally's order: indexed, as a line's bucket is looked up per window.
    pub(super) buckets: Vec<Series>,
    /// By the index a ledger line carries: events, and promises `per_event` names.
    pub(super) sources: HashMap<usize, Series>,
    /// Each promise's completion day, for those a stage waits for.
    pub(super) completed: Vec<Option<NaiveDate>>,
    /// Values of a `distinct` promise that differ only in case or spacing.
    pub(super) look_alike: Vec<(usize, Vec<String>)>,
}

/// Per promise, its first bucket and its number of places.
pub(super) fn places(first: &[usize], agreement: &Agreement) -> Vec<(usize, usize)> {
    (first.iter().zip(&agreement.promises))
        .map(|(first, p)| (*first, p.each.len()))
        .collect()
}

impl Sums {
    /// A bucket's series; `None` for a bucket the agreement does not have.
    pub(super) fn series(&self, bucket: Bucket) -> Option<&Series> {
        let &(first, places) = self.promises.get(bucket.promise)?;
        let i = match bucket.item {
            None if places == 0 => 0,
            Some(i) if i < places => i,
            _ => return None,
        };
        self.buckets.get(first + i)
    }

    fn day(&self, date: NaiveDate) -> i32 {
        date.num_days_from_ce() - self.base
    }

    fn dated(&self, days: Vec<(i32, Amount)>) -> Vec<(NaiveDate, Amount)> {
        let date = |d: i32| NaiveDate::from_num_days_from_ce_opt(self.base.checked_add(d)?);
        days.into_iter()
            .filter_map(|(d, a)| Some((date(d)?, a)))
            .collect()
    }

    /// What was done from `from` to `to`, both inclusive: the sum, or for a
    /// `distinct` promise the number of different values.
    pub fn between(&self, bucket: Bucket, from: NaiveDate, to: NaiveDate) -> Amount {
        self.series(bucket)
            .map_or(Amount::ZERO, |s| s.between(self.day(from), self.day(to)))
    }

    /// Whether any activity is dated from `from` to `to`.
    pub fn any_between(&self, bucket: Bucket, from: NaiveDate, to: NaiveDate) -> bool {
        self.between(bucket, from, to).is_positive()
    }

    /// Per `distinct` promise, values that differ only in case or spacing.
    pub fn look_alike(&self) -> &[(usize, Vec<String>)] {
        &self.look_alike
    }

    /// The day each promise was completed, for those a stage waits for.
    pub fn completed(&self) -> &[Option<NaiveDate>] {
        &self.completed
    }

    /// A bucket's sum per day from `from` to `to`.
    pub fn daily(
        &self,
        bucket: Bucket,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<(NaiveDate, Amount)> {
        self.series(bucket).map_or_else(Vec::new, |s| {
            self.dated(s.daily(self.day(from), self.day(to)))
        })
    }

    /// Events per day from `from` to `to`: the lines naming `source` (an index as
    /// in [`Activity::promise`]) and the promises under it, as they stand.
    pub fn events(
        &self,
        source: usize,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<(NaiveDate, Amount)> {
        self.sources.get(&source).map_or_else(Vec::new, |s| {
            self.dated(s.daily(self.day(from), self.day(to)))
        })
    }
}
