//! Per-promise, per-day sums: all that compliance needs from the ledger. Its size
//! grows with the span of days that have activities, never with the number of lines.

use crate::amount::Amount;
use crate::model::{Activity, Agreement, Distinct, Overflow, Rule};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeSet, HashMap};
use store::Store;
use unicode_normalization::UnicodeNormalization;

mod days;
mod notes;
pub use notes::{NoteStream, Notes};
mod store;
mod sums;
pub use sums::Sums;

/// A bucket is one promise, or one place of an `each` promise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bucket {
    pub promise: usize,
    pub item: Option<usize>,
}

/// Sums while reading: one store per bucket (the hot path is an index and an
/// add), the lines that wait for a stage's completion kept apart until it is
/// known, and the raw lines of what `per_event` promises answer.
#[derive(Debug, Default)]
pub struct Tally {
    /// First bucket index of each promise; an `each` promise has one per place.
    first: Vec<usize>,
    base: i32,
    stores: Vec<Store>,
    /// Contributions that passed a promise with `after` on their way up, keyed by
    /// (the line's own promise, bucket): the line's path up to the bucket is fixed
    /// by its promise, and so are the stages it waits for.
    gated: HashMap<(usize, usize), Store>,
    /// Event lines, and the lines of promises named by `per_event`, as they stand.
    sources: HashMap<usize, Store>,
    /// The activities' notes, kept only when the follow-up asks for them.
    notes: Option<Notes>,
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

/// The promise of bucket `b`, given each promise's first bucket.
fn promise_of(first: &[usize], b: usize) -> usize {
    first.partition_point(|&f| f <= b).saturating_sub(1)
}

/// The value a `distinct` promise counts: NFC, without surrounding spaces.
fn distinct_value(activity: &Activity<'_>, column: Option<Distinct>) -> String {
    let raw = match column {
        Some(Distinct::Place) => activity.place,
        Some(Distinct::By) => activity.by,
        None => return String::new(),
    };
    String::from_utf8_lossy(raw).trim().nfc().collect()
}

impl Tally {
    pub fn new(agreement: &Agreement) -> Tally {
        let mut first = Vec::with_capacity(agreement.promises.len());
        let mut stores = Vec::new();
        for p in &agreement.promises {
            first.push(stores.len());
            for _ in 0..p.each.len().max(1) {
                stores.push(Store::new(p.distinct.is_some()));
            }
        }
        let sources = agreement
            .promises
            .iter()
            .filter_map(|p| match p.rule {
                Rule::PerEvent { source, .. } => Some(agreement.source_index(source)),
                _ => None,
            })
            .map(|s| (s, Store::new(false)))
            .collect();
        Tally {
            first,
            base: agreement.term.start.num_days_from_ce(),
            stores,
            gated: HashMap::new(),
            sources,
            notes: None,
        }
    }

    /// Keeps every activity's note too (for `report --notes`).
    pub fn keeping_notes(mut self) -> Tally {
        self.notes = Some(Notes::default());
        self
    }

    fn index(&self, bucket: Bucket) -> usize {
        self.first[bucket.promise] + bucket.item.unwrap_or(0)
    }

    /// Adds an activity to its promise and to every promise it is part of; refuses
    /// one that would make a sum overflow.
    pub fn add(&mut self, agreement: &Agreement, activity: Activity<'_>) -> Result<(), Overflow> {
        let day = activity.date.num_days_from_ce() - self.base;
        let origin = activity.promise;
        if !self.sources.is_empty() {
            self.add_to_sources(agreement, activity, day)?;
        }
        if origin >= agreement.promises.len() {
            return Ok(()); // an event line: it only counts as an event
        }
        if let Some(notes) = &mut self.notes {
            let shown =
                |b: &[u8]| crate::privacy::for_display(&String::from_utf8_lossy(b)).into_owned();
            notes.push(Note {
                bucket: Bucket {
                    promise: origin,
                    item: activity.item,
                },
                date: activity.date,
                amount: activity.amount,
                by: shown(activity.by),
                text: shown(activity.note),
            });
        }
        let mut waits = false;
        for promise in agreement.with_ancestors(origin) {
            let p = &agreement.promises[promise];
            // A day that is not one of this promise's counts neither here nor above.
            if !p.calendar.holds(activity.date) {
                break;
            }
            waits |= p.after.is_some();
            let item = if p.each.is_empty() {
                None
            } else {
                let found = match promise == origin {
                    true => activity.item,
                    false => p
                        .each
                        .iter()
                        .position(|e| e.name.as_bytes() == activity.place),
                };
                match found {
                    Some(i) if p.each[i].open_on(activity.date, &p.term) => Some(i),
                    Some(_) => break, // outside its place's own term: counts nowhere
                    None => continue, // a child's line that names none of the parent's places
                }
            };
            let b = self.index(Bucket { promise, item });
            let value = distinct_value(&activity, p.distinct);
            let store = if waits {
                self.gated
                    .entry((origin, b))
                    .or_insert_with(|| Store::new(p.distinct.is_some()))
            } else {
                &mut self.stores[b]
            };
            store
                .add(day, activity.amount, &value)
                .ok_or(Overflow(promise))?;
        }
        Ok(())
    }

    /// Event lines, and lines under a promise that `per_event` names, as they stand.
    fn add_to_sources(
        &mut self,
        agreement: &Agreement,
        activity: Activity<'_>,
        day: i32,
    ) -> Result<(), Overflow> {
        let n = agreement.promises.len();
        let mut add = |id: usize| match self.sources.get_mut(&id) {
            Some(store) => store.add(day, activity.amount, "").ok_or(Overflow(id)),
            None => Ok(()),
        };
        if activity.promise >= n {
            return add(activity.promise);
        }
        for id in agreement.with_ancestors(activity.promise) {
            add(id)?;
        }
        Ok(())
    }

    /// Folds another tally (from another file or thread) into this one; refuses
    /// when a sum would overflow.
    pub fn merge(&mut self, other: Tally) -> Result<(), Overflow> {
        if let (Some(mine), Some(theirs)) = (&mut self.notes, other.notes) {
            mine.merge(theirs);
        }
        for (b, store) in other.stores.into_iter().enumerate() {
            let p = promise_of(&self.first, b);
            self.stores[b].absorb(store, i32::MIN).ok_or(Overflow(p))?;
        }
        for ((origin, b), store) in other.gated {
            let p = promise_of(&self.first, b);
            match self.gated.get_mut(&(origin, b)) {
                Some(mine) => mine.absorb(store, i32::MIN).ok_or(Overflow(p))?,
                None => drop(self.gated.insert((origin, b), store)),
            }
        }
        for (id, store) in other.sources {
            if let Some(mine) = self.sources.get_mut(&id) {
                mine.absorb(store, i32::MIN).ok_or(Overflow(id))?;
            }
        }
        Ok(())
    }

    /// Each bucket's sum per day, days counted from the common era: everything
    /// this tally holds, or `None` when it holds more than sums (a `distinct`
    /// promise's values, lines waiting for a stage, event lines, notes).
    pub fn day_sums(&self) -> Option<DaySums> {
        if self.notes.is_some() || !self.gated.is_empty() || !self.sources.is_empty() {
            return None;
        }
        let shifted = |(d, a): (i32, Amount)| Some((d.checked_add(self.base)?, a));
        self.stores
            .iter()
            .map(|store| match store {
                Store::Sum { .. } => store.each_day().into_iter().map(shifted).collect(),
                Store::Distinct(_) => None,
            })
            .collect()
    }

    /// Whether `sums` are for this tally's buckets: as many, and none for a
    /// `distinct` promise (whose values sums cannot stand for).
    pub fn fits(&self, sums: &[Vec<(i32, Amount)>]) -> bool {
        sums.len() == self.stores.len()
            && self
                .stores
                .iter()
                .zip(sums)
                .all(|(store, days)| matches!(store, Store::Sum { .. }) || days.is_empty())
    }

    /// Adds sums that [`Tally::fits`], as [`Tally::day_sums`] gives them; refuses
    /// them when a sum would overflow (and then part of them may be in).
    pub fn add_day_sums(&mut self, sums: &[Vec<(i32, Amount)>]) -> Result<(), Overflow> {
        for (b, days) in sums.iter().enumerate().take(self.stores.len()) {
            let overflow = || Overflow(promise_of(&self.first, b));
            for &(day, amount) in days {
                let day = day.checked_sub(self.base).ok_or_else(overflow)?;
                self.stores[b].add(day, amount, "").ok_or_else(overflow)?;
            }
        }
        Ok(())
    }

    /// The kept notes, by promise, place and date, streamed from wherever they are.
    pub fn take_notes(&mut self) -> Option<NoteStream> {
        self.notes.take().map(Notes::into_stream)
    }

    /// Running totals per bucket, ready for range queries. Stages are settled
    /// here: a stage's completion day is known once every line that can count for
    /// its predecessor is in, and only then are the lines waiting for it added.
    pub fn freeze(mut self, agreement: &Agreement) -> Sums {
        let mut completed: HashMap<usize, Option<i32>> = HashMap::new();
        let mut waiting: Vec<((usize, usize), Store)> =
            std::mem::take(&mut self.gated).into_iter().collect();
        // Deterministic order, so merged tallies freeze alike.
        waiting.sort_by_key(|(k, _)| *k);
        let predecessors: BTreeSet<usize> =
            agreement.promises.iter().filter_map(|p| p.after).collect();
        loop {
            let mut progress = false;
            for &pred in &predecessors {
                let pending = waiting
                    .iter()
                    .any(|((_, b), _)| promise_of(&self.first, *b) == pred);
                if !completed.contains_key(&pred) && !pending {
                    completed.insert(pred, self.completion(agreement, pred));
                    progress = true;
                }
            }
            let mut still = Vec::new();
            for ((origin, b), store) in waiting {
                let target = promise_of(&self.first, b);
                let stages: Vec<Option<&Option<i32>>> = agreement
                    .with_ancestors(origin)
                    .take_while(|&p| p != target)
                    .chain([target])
                    .filter_map(|p| agreement.promises[p].after)
                    .map(|pred| completed.get(&pred))
                    .collect();
                if stages.iter().any(Option::is_none) {
                    still.push(((origin, b), store));
                    continue;
                }
                progress = true;
                // Counted from the latest completion on its way; nowhere while
                // one of them is not completed.
                let cutoff = stages
                    .into_iter()
                    .flatten()
                    .try_fold(i32::MIN, |latest, day| day.map(|d| latest.max(d)));
                if let Some(from) = cutoff {
                    // The totals were checked when the lines were added.
                    let _ = self.stores[b].absorb(store, from);
                }
            }
            waiting = still;
            if !progress {
                break;
            }
        }
        let base = self.base;
        let mut look_alike = Vec::new();
        let mut buckets = Vec::with_capacity(self.stores.len());
        for (b, store) in self.stores.into_iter().enumerate() {
            let promise = promise_of(&self.first, b);
            look_alike.extend(store.look_alike().into_iter().map(|g| (promise, g)));
            buckets.push(store.series());
        }
        let sources = self
            .sources
            .into_iter()
            .map(|(id, s)| (id, s.series()))
            .collect();
        let completed = (0..agreement.promises.len())
            .map(|p| {
                let day = (*completed.get(&p)?)?;
                NaiveDate::from_num_days_from_ce_opt(base + day)
            })
            .collect();
        Sums {
            base,
            promises: sums::places(&self.first, agreement),
            buckets,
            sources,
            completed,
            look_alike,
        }
    }

    /// The day a one-window promise was completed: its done from the term's start
    /// reaches what it requires (for a deadline, late days included).
    fn completion(&self, agreement: &Agreement, pred: usize) -> Option<i32> {
        let p = &agreement.promises[pred];
        let from = p.term.start.num_days_from_ce() - self.base;
        let (to, required) = match p.rule {
            Rule::Deadline(_) => (i32::MAX, Amount::ONE),
            Rule::AtLeast { min, .. } => (
                p.term
                    .end
                    .map_or(i32::MAX, |e| e.num_days_from_ce() - self.base),
                min,
            ),
            _ => return None,
        };
        self.stores[self.first[pred]].reaching(from, to, required)
    }
}

/// Per bucket (in the tally's order: promises, an `each` promise's places one
/// after the other), each day's sum, by day from the common era, in date order.
pub type DaySums = Vec<Vec<(i32, Amount)>>;

#[cfg(test)]
mod tests;
