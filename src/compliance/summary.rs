//! The follow-up's summary of one promise over the period it covers: never a last
//! window standing for the whole, never a total that adds weeks to half-years.

use super::plan::Ctx;
use super::{Row, Status, buckets, judge};
use crate::amount::Amount;
use crate::model::{Agreement, Rule};
use crate::period::{Period, PeriodName, Span, Unit};
use crate::tally::{Bucket, Sums};
use chrono::NaiveDate;

/// One promise (or place) over the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub bucket: Bucket,
    pub kind: Kind,
    /// Done over the elapsed days of the period, per week and per month; `None`
    /// when no day of the period has elapsed.
    pub average: Option<Average>,
    /// Everything done in the elapsed days of the period.
    pub total: Amount,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Windows met of the windows settled in the period ("47 av 53 veckor"), and
    /// the status of the window holding as-of (else the period's last).
    Windows {
        met: usize,
        ended: usize,
        period: Period,
        current: Option<Status>,
    },
    Deadline {
        due: NaiveDate,
        status: Option<Status>,
    },
    Tracked,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Average {
    pub per_week: Amount,
    pub per_month: Amount,
}

/// Days in an average month: a year of 365.25 days over 12.
const MONTH_QUARTER_DAYS: i128 = 1461; // 365.25 × 4
const MONTH_DENOMINATOR: i128 = 48; // 12 × 4

/// One summary per promise (and place) of `only` (all when empty), over the windows
/// that meet `from..to` (`to` at most as-of), as `report` shows them.
pub fn summaries(
    agreement: &Agreement,
    sums: &Sums,
    as_of: NaiveDate,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    only: &[usize],
) -> Vec<Summary> {
    let ctx = Ctx {
        agreement,
        sums,
        as_of,
    };
    let until = to.map_or(as_of, |t| t.min(as_of));
    let mut plans = super::Plans::default();
    buckets(agreement, only)
        .into_iter()
        .map(|(promise, bucket)| {
            let shown = super::shown(ctx, &mut plans, bucket, from, to);
            let statuses: Vec<Status> = shown.iter().map(|w| judge(ctx, bucket, w).1).collect();
            let current = shown
                .iter()
                .position(|w| w.span.contains(as_of))
                .or(shown.len().checked_sub(1))
                .map(|i| statuses[i]);
            let kind = match promise.rule {
                Rule::Tracked => Kind::Tracked,
                Rule::Deadline(due) => Kind::Deadline {
                    due,
                    status: current,
                },
                _ => {
                    let settled = shown
                        .iter()
                        .zip(&statuses)
                        .filter(|(w, _)| w.settles < as_of);
                    let (met, ended) = settled.fold((0, 0), |(met, ended), (_, s)| {
                        (met + usize::from(*s == Status::Met), ended + 1)
                    });
                    Kind::Windows {
                        met,
                        ended,
                        period: agreement.window_period(bucket.promise),
                        current,
                    }
                }
            };
            // The elapsed days of the period inside the term (of the place, if any).
            let term = bucket.item.map_or(promise.term, |i| promise.each[i].term);
            let first = from.map_or(term.start, |f| f.max(term.start));
            let last = term.end.map_or(until, |e| e.min(until));
            let total = if first <= last {
                sums.between(bucket, first, last)
            } else {
                Amount::ZERO
            };
            let days = (last - first).num_days() + 1;
            let average = (days > 0).then(|| Average {
                per_week: total.mul_ratio_hundredths(7, days as i128),
                per_month: total
                    .mul_ratio_hundredths(MONTH_QUARTER_DAYS, MONTH_DENOMINATOR * days as i128),
            });
            Summary {
                bucket,
                kind,
                average,
                total,
            }
        })
        .collect()
}

/// A tracked promise's activity month by month from `first` to `last` (each month
/// cut to them), as tracked rows: one bar for the whole term says little.
pub fn monthly(
    agreement: &Agreement,
    sums: &Sums,
    bucket: Bucket,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<Row> {
    let promise = &agreement.promises[bucket.promise];
    let mut rows = Vec::new();
    let mut month = Unit::Month.start_of(first);
    while month <= last {
        let next = Unit::Month.shift(month, 1);
        let span = Span {
            start: month.max(first),
            end: next.pred_opt().unwrap_or(next).min(last),
        };
        rows.push(Row {
            bucket,
            name: promise.row_name(bucket.item),
            period: PeriodName::Unit {
                unit: Unit::Month,
                start: month,
            },
            span,
            required: None,
            done: sums.between(bucket, span.start, span.end),
            status: Status::Tracked,
        });
        if next <= month {
            break;
        }
        month = next;
    }
    rows
}
