//! Per-promise, per-day sums: all that compliance needs from the ledger. Its size
//! grows with the span of days that have activities, never with the number of lines.

use crate::amount::Amount;
use crate::model::Agreement;
use crate::model::{Activity, Overflow};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// A bucket is one promise, or one place of an `each` promise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bucket {
    pub promise: usize,
    pub item: Option<usize>,
}

/// Sums while reading: one dense array of days per bucket from the agreement's
/// start (the hot path is an index and an add), and a map for the rare day before it.
#[derive(Debug, Default)]
pub struct Tally {
    /// First bucket index of each promise; an `each` promise has one per place.
    first: Vec<usize>,
    /// Whether each promise is kept per place.
    per_place: Vec<bool>,
    base: i32,
    days: Vec<Vec<Amount>>,
    /// Each bucket's total, kept to refuse a sum that would overflow: when the
    /// total fits, so does every running total.
    totals: Vec<Amount>,
    early: HashMap<(usize, i32), Amount>,
    /// The activities' notes, kept only when the follow-up asks for them.
    notes: Option<Vec<Note>>,
}

/// An activity's note as the follow-up shows it (personal numbers hidden).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub bucket: Bucket,
    pub date: NaiveDate,
    pub amount: Amount,
    pub by: String,
    pub text: String,
}

impl Tally {
    pub fn new(agreement: &Agreement) -> Tally {
        let mut first = Vec::with_capacity(agreement.promises.len());
        let mut n = 0;
        for p in &agreement.promises {
            first.push(n);
            n += p.each.len().max(1);
        }
        Tally {
            first,
            per_place: agreement
                .promises
                .iter()
                .map(|p| !p.each.is_empty())
                .collect(),
            base: agreement.term.start.num_days_from_ce(),
            days: vec![Vec::new(); n],
            totals: vec![Amount::ZERO; n],
            early: HashMap::new(),
            notes: None,
        }
    }

    /// Keeps every activity's note too (for `report --notes`).
    pub fn keeping_notes(mut self) -> Tally {
        self.notes = Some(Vec::new());
        self
    }

    fn index(&self, bucket: Bucket) -> usize {
        self.first[bucket.promise] + bucket.item.unwrap_or(0)
    }

    /// Adds an activity to its promise and to every promise it is part of; refuses
    /// one that would make a sum overflow.
    pub fn add(&mut self, agreement: &Agreement, activity: Activity<'_>) -> Result<(), Overflow> {
        if let Some(notes) = &mut self.notes {
            let each = &agreement.promises[activity.promise].each;
            let shown =
                |b: &[u8]| crate::privacy::for_display(&String::from_utf8_lossy(b)).into_owned();
            let text = shown(activity.note);
            notes.push(Note {
                bucket: Bucket {
                    promise: activity.promise,
                    item: each.iter().position(|e| e.as_bytes() == activity.place),
                },
                date: activity.date,
                amount: activity.amount,
                by: shown(activity.by),
                text,
            });
        }
        let day = activity.date.num_days_from_ce() - self.base;
        for promise in agreement.with_ancestors(activity.promise) {
            // A day that is not one of this promise's counts neither here nor above.
            if !agreement.promises[promise].calendar.holds(activity.date) {
                break;
            }
            let each = &agreement.promises[promise].each;
            let item = if each.is_empty() {
                None
            } else {
                match each.iter().position(|e| e.as_bytes() == activity.place) {
                    Some(i) => Some(i),
                    None => continue, // a child's line that names none of the parent's places
                }
            };
            let b = self.index(Bucket { promise, item });
            self.put(b, day, activity.amount).ok_or(Overflow(promise))?;
        }
        Ok(())
    }

    /// Adds to one bucket's day; `None` when its total would overflow.
    fn put(&mut self, b: usize, day: i32, amount: Amount) -> Option<()> {
        self.totals[b] = self.totals[b].checked_add(amount)?;
        match usize::try_from(day) {
            Ok(d) => {
                let days = &mut self.days[b];
                if d >= days.len() {
                    days.resize(d + 1, Amount::ZERO);
                }
                days[d] = days[d].saturating_add(amount);
            }
            Err(_) => {
                let sum = self.early.entry((b, day)).or_default();
                *sum = sum.saturating_add(amount);
            }
        }
        Some(())
    }

    fn promise_of(&self, b: usize) -> usize {
        self.first.partition_point(|&f| f <= b) - 1
    }

    /// Folds another tally (from another file or thread) into this one; refuses
    /// when a sum would overflow.
    pub fn merge(&mut self, other: Tally) -> Result<(), Overflow> {
        if let (Some(mine), Some(theirs)) = (&mut self.notes, other.notes) {
            mine.extend(theirs);
        }
        for (b, days) in other.days.into_iter().enumerate() {
            for (d, amount) in days.into_iter().enumerate() {
                if amount != Amount::ZERO {
                    self.put(b, d as i32, amount)
                        .ok_or(Overflow(self.promise_of(b)))?;
                }
            }
        }
        for ((b, day), amount) in other.early {
            self.put(b, day, amount)
                .ok_or(Overflow(self.promise_of(b)))?;
        }
        Ok(())
    }

    /// The kept notes, in date order.
    pub fn take_notes(&mut self) -> Vec<Note> {
        let mut notes = self.notes.take().unwrap_or_default();
        notes.sort_by_key(|n| (n.bucket.promise, n.bucket.item, n.date));
        notes
    }

    /// Running totals per bucket, ready for range queries.
    pub fn freeze(self) -> Sums {
        let mut buckets = HashMap::new();
        for (promise, &first) in self.first.iter().enumerate() {
            let end = self
                .first
                .get(promise + 1)
                .copied()
                .unwrap_or(self.days.len());
            for b in first..end {
                let item = self.per_place[promise].then_some(b - first);
                let mut days: Vec<(i32, Amount)> = self
                    .early
                    .iter()
                    .filter(|((eb, _), _)| *eb == b)
                    .map(|((_, d), a)| (*d, *a))
                    .collect();
                days.sort_unstable_by_key(|(d, _)| *d);
                days.extend(
                    self.days[b]
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| **a != Amount::ZERO)
                        .map(|(d, a)| (d as i32, *a)),
                );
                let mut running = Amount::ZERO;
                let series = days
                    .into_iter()
                    .filter_map(|(d, a)| {
                        running = running.saturating_add(a);
                        NaiveDate::from_num_days_from_ce_opt(self.base + d)
                            .map(|date| (date, running))
                    })
                    .collect();
                buckets.insert(Bucket { promise, item }, series);
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rule;
    use crate::model::fixture::{agreement, d, n};

    fn activity(date: &str, promise: usize, count: i64, place: &'static [u8]) -> Activity<'static> {
        Activity {
            date: d(date),
            promise,
            amount: n(count),
            place,
            by: b"",
            note: b"",
        }
    }

    /// A parent, a child `part_of` it, and a promise kept per place.
    fn family() -> Agreement {
        let mut a = agreement(Rule::Tracked, "2019-01-01", "2019-12-31");
        let mut child = a.promises[0].clone();
        child.part_of = Some(0);
        let mut places = a.promises[0].clone();
        places.each = vec!["Torget".into(), "Hamnen".into()];
        a.promises.extend([child, places]);
        a
    }

    #[test]
    fn sums_between_any_two_days_including_days_before_the_agreement() {
        let a = family();
        let mut t = Tally::new(&a);
        for (date, count) in [("2018-12-30", 1), ("2019-01-01", 2), ("2019-03-01", 4)] {
            assert!(t.add(&a, activity(date, 0, count, b"")).is_ok());
        }
        let s = t.freeze();
        let p = Bucket {
            promise: 0,
            item: None,
        };
        for (from, to, total) in [
            ("2018-01-01", "2019-12-31", 7),
            ("2018-12-30", "2018-12-30", 1),
            ("2018-12-31", "2019-02-28", 2),
            ("2019-01-02", "2019-03-01", 4),
            ("2019-03-02", "2019-12-31", 0),
            ("2019-03-01", "2019-01-01", 0),
        ] {
            assert_eq!(s.between(p, d(from), d(to)), n(total), "{from}..{to}");
        }
    }

    #[test]
    fn a_child_counts_for_its_parent_and_a_place_for_its_own_bucket() {
        let a = family();
        let mut t = Tally::new(&a);
        assert!(t.add(&a, activity("2019-02-01", 1, 3, b"")).is_ok());
        assert!(t.add(&a, activity("2019-02-01", 2, 5, b"Hamnen")).is_ok());
        let s = t.freeze();
        let all =
            |promise, item| s.between(Bucket { promise, item }, d("2019-01-01"), d("2019-12-31"));
        assert_eq!(
            [all(0, None), all(1, None), all(2, Some(0)), all(2, Some(1))],
            [n(3), n(3), n(0), n(5)]
        );
    }

    #[test]
    fn merged_tallies_sum_as_one_and_an_overflow_names_its_promise() {
        let a = family();
        let (mut one, mut left, mut right) = (Tally::new(&a), Tally::new(&a), Tally::new(&a));
        for (i, date) in ["2018-06-01", "2019-01-05", "2019-01-05", "2019-07-01"]
            .iter()
            .enumerate()
        {
            let act = activity(date, 1, i as i64 + 1, b"");
            assert!(one.add(&a, act).is_ok());
            let half = if i % 2 == 0 { &mut left } else { &mut right };
            assert!(half.add(&a, act).is_ok());
        }
        assert!(left.merge(right).is_ok());
        let (one, merged) = (one.freeze(), left.freeze());
        for promise in [0, 1] {
            let b = Bucket {
                promise,
                item: None,
            };
            assert_eq!(merged.between(b, d("2018-01-01"), d("2019-12-31")), n(10));
            assert_eq!(merged.buckets.get(&b), one.buckets.get(&b));
        }
        let mut full = Tally::new(&a);
        assert!(
            full.add(
                &a,
                Activity {
                    amount: Amount::from_micros(i64::MAX),
                    ..activity("2019-01-01", 0, 0, b"")
                }
            )
            .is_ok()
        );
        let refused = full.add(&a, activity("2019-01-02", 1, 1, b""));
        assert!(
            matches!(refused, Err(Overflow(0))),
            "the parent's sum overflows"
        );
    }
}
