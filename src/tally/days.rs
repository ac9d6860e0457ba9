//! One bucket's sum per day: a sorted list while lines fall on few of its days,
//! an array over its span once they fill it.

use super::store::Series;
use crate::amount::Amount;
use std::collections::BTreeMap;

/// A bucket's days with their sums. Both forms give the same sums; which one a
/// bucket has depends only on how its days spread.
#[derive(Debug, Clone)]
pub(super) enum Days {
    /// (day, sum) in day order: a promise kept for 300 places has lines on few
    /// days of each place, and an array per place would mostly hold zeros.
    Sparse(Vec<(i32, Amount)>),
    /// Dense from `start`, so a bucket costs the days it spans, not the days
    /// since the agreement began; a day too far from them in `far`.
    Dense {
        start: i32,
        days: Vec<Amount>,
        far: BTreeMap<i32, Amount>,
    },
}

/// The most days one bucket keeps dense: forty years, far more than any term.
const DENSE_SPAN: i64 = 40 * 366;

/// A list this short stays sparse: it costs less than a month of array.
const SPARSE_MIN: usize = 32;

/// A list this long turns dense whatever its span: a line dated out of order
/// would move all the days after it. (Short in tests, to turn lists with far
/// days dense.)
const SPARSE_MAX: usize = if cfg!(test) { 64 } else { 4096 };

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

/// Whether a sorted list would cost no more as an array (8 bytes a day against
/// 16 a listed day), or has grown too long to insert into.
fn worth_dense(list: &[(i32, Amount)]) -> bool {
    let (Some(first), Some(last)) = (list.first(), list.last()) else {
        return false;
    };
    let span = i64::from(last.0) - i64::from(first.0) + 1;
    list.len() >= SPARSE_MIN && (list.len() > SPARSE_MAX || 2 * list.len() as i64 >= span)
}

/// The array of a sorted list: dense around its middle day, the days too far
/// from it in `far`.
fn dense_of(list: &[(i32, Amount)]) -> Days {
    let mid = i64::from(list[list.len() / 2].0);
    let near = |d: i32| (i64::from(d) - mid).abs() < DENSE_SPAN / 2;
    let (mut start, mut end) = (i32::MAX, i32::MIN);
    for &(d, _) in list.iter().filter(|(d, _)| near(*d)) {
        (start, end) = (start.min(d), end.max(d));
    }
    // The middle day is near itself, so `start <= end`.
    let len = (i64::from(end) - i64::from(start) + 1) as usize;
    let mut days = Vec::with_capacity(len + 31);
    days.resize(len, Amount::ZERO);
    let mut far = BTreeMap::new();
    for &(d, a) in list {
        if near(d) {
            days[(d - start) as usize] = a;
        } else {
            far.insert(d, a);
        }
    }
    Days::Dense { start, days, far }
}

impl Days {
    pub(super) fn new() -> Days {
        Days::Sparse(Vec::new())
    }

    /// Adds `amount` on `day`, saturating (the caller refuses totals that overflow).
    pub(super) fn add(&mut self, day: i32, amount: Amount) {
        match self {
            Days::Sparse(list) => {
                // Ledgers are written day by day: the last day, or one after it.
                match list.last_mut() {
                    Some((d, a)) if *d == day => *a = a.saturating_add(amount),
                    Some((d, _)) if *d > day => {
                        match list.binary_search_by_key(&day, |(d, _)| *d) {
                            Ok(i) => list[i].1 = list[i].1.saturating_add(amount),
                            Err(i) => {
                                list.insert(i, (day, amount));
                                self.densify_if_worth();
                            }
                        }
                    }
                    _ => {
                        list.push((day, amount));
                        self.densify_if_worth();
                    }
                }
            }
            Days::Dense { start, days, far } => add_dense(start, days, far, day, amount),
        }
    }

    fn densify_if_worth(&mut self) {
        if let Days::Sparse(list) = self
            && worth_dense(list)
        {
            *self = dense_of(list);
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        matches!(self, Days::Sparse(list) if list.is_empty())
    }

    /// Each day with something on it, in order, with its sum.
    pub(super) fn each_day(&self) -> Vec<(i32, Amount)> {
        match self {
            Days::Sparse(list) => list
                .iter()
                .filter(|(_, a)| *a != Amount::ZERO)
                .copied()
                .collect(),
            Days::Dense { start, days, far } => {
                // Far days lie before or after the dense ones.
                let before = far.range(..*start).map(|(d, a)| (*d, *a));
                let dense = days
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| **a != Amount::ZERO)
                    .map(|(i, a)| (*start + i as i32, *a));
                let after = far.range(*start..).map(|(d, a)| (*d, *a));
                before.chain(dense).chain(after).collect()
            }
        }
    }

    /// Folds `other`'s days from `from` on into these.
    pub(super) fn absorb(&mut self, mut other: Days, from: i32) {
        if from == i32::MIN {
            // Whole: the larger keeps its memory and takes the smaller's days.
            if self.is_empty() || (matches!(self, Days::Sparse(_)) && !other.is_sparse()) {
                std::mem::swap(self, &mut other);
            }
            if other.is_empty() {
                return;
            }
        }
        match (&mut *self, other) {
            (Days::Sparse(mine), Days::Sparse(theirs)) => {
                *mine = merged(std::mem::take(mine), theirs, from);
                self.densify_if_worth();
            }
            (_, other) => {
                for (d, a) in other.each_day().into_iter().filter(|(d, _)| *d >= from) {
                    self.add(d, a);
                }
            }
        }
    }

    fn is_sparse(&self) -> bool {
        matches!(self, Days::Sparse(_))
    }

    /// Running totals, summed in the memory that holds the days.
    pub(super) fn series(self) -> Series {
        let mut running = Amount::ZERO;
        match self {
            Days::Dense {
                start,
                mut days,
                far,
            } if far.is_empty() => {
                for a in &mut days {
                    running = running.saturating_add(*a);
                    *a = running;
                }
                Series::Dense {
                    start,
                    running: days,
                }
            }
            Days::Sparse(list) => Series::Running(
                list.into_iter()
                    .filter(|(_, a)| *a != Amount::ZERO)
                    .map(|(d, a)| {
                        running = running.saturating_add(a);
                        (d, running)
                    })
                    .collect(),
            ),
            dense => Series::Running(
                dense
                    .each_day()
                    .into_iter()
                    .map(|(d, a)| {
                        running = running.saturating_add(a);
                        (d, running)
                    })
                    .collect(),
            ),
        }
    }
}

fn add_dense(
    start: &mut i32,
    days: &mut Vec<Amount>,
    far: &mut BTreeMap<i32, Amount>,
    day: i32,
    amount: Amount,
) {
    let Some(i) = dense_index(*start, days, day) else {
        let sum = far.entry(day).or_default();
        *sum = sum.saturating_add(amount);
        return;
    };
    if days.is_empty() {
        *start = day;
        days.push(Amount::ZERO);
    } else if day < *start {
        let gap = (*start - day) as usize;
        days.splice(0..0, std::iter::repeat_n(Amount::ZERO, gap));
        *start = day;
    } else if i >= days.len() {
        // Grown by a month at a time, not doubled: a ledger appended day by day
        // would leave half of it unused.
        if i >= days.capacity() {
            days.reserve_exact(i + 1 - days.len() + 31);
        }
        days.resize(i + 1, Amount::ZERO);
    }
    let i = (day - *start) as usize;
    days[i] = days[i].saturating_add(amount);
}

/// Two sorted lists as one, `theirs` from `from` on, a day on both summed.
fn merged(
    mut mine: Vec<(i32, Amount)>,
    theirs: Vec<(i32, Amount)>,
    from: i32,
) -> Vec<(i32, Amount)> {
    let mut theirs = theirs.into_iter().filter(|(d, _)| *d >= from).peekable();
    // Files of consecutive years: theirs all come after mine.
    if let (Some(last), Some(first)) = (mine.last(), theirs.peek())
        && last.0 < first.0
    {
        mine.extend(theirs);
        return mine;
    }
    let mut out = Vec::with_capacity(mine.len() + theirs.size_hint().1.unwrap_or(0));
    for (d, a) in mine {
        while let Some(&(t, b)) = theirs.peek()
            && t < d
        {
            out.push((t, b));
            theirs.next();
        }
        let same = theirs
            .next_if(|(t, _)| *t == d)
            .map_or(Amount::ZERO, |(_, b)| b);
        out.push((d, a.saturating_add(same)));
    }
    out.extend(theirs);
    out
}

#[cfg(test)]
mod tests;
