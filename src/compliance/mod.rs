//! Windows × day sums → rows with a status. Pure: no files, no output formats.

use crate::amount::Amount;
pub use crate::model::Status;
use crate::model::{Agreement, Promise, Rule};
use crate::period::{Calendar, Period, PeriodName, Span, Window, windows};
use crate::tally::{Bucket, Sums};
use chrono::NaiveDate;

/// One promise (or place) in one window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub bucket: Bucket,
    /// `id`, or `id:place` for a promise kept per place.
    pub name: String,
    pub period: PeriodName,
    pub span: Span,
    /// `None` for a tracked promise.
    pub required: Option<Amount>,
    pub done: Amount,
    pub status: Status,
}

impl Row {
    /// SPEC's label of the window: `2019-W07`, `term`, `due`.
    pub fn label(&self) -> String {
        self.period.code()
    }

    /// What is still needed: `None` for a tracked promise.
    pub fn left(&self) -> Option<Amount> {
        self.required
            .map(|r| r.saturating_sub(self.done).max(Amount::ZERO))
    }
}

/// A promise's current standing, for `status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    pub row: Row,
    /// Days of the window after as-of (none for an open-ended tracked promise).
    pub days_left: Option<i64>,
    /// Ended windows met, and ended windows (none for a tracked promise).
    pub tally: Option<(usize, usize)>,
}

/// A window of a promise with what it requires.
struct Planned {
    name: PeriodName,
    span: Span,
    required: Option<Amount>,
}

/// The windows of `promise` that start on or before `until`, with what each requires.
fn plan(promise: &Promise, until: NaiveDate) -> Vec<Planned> {
    let term = promise.term;
    match &promise.rule {
        // One window from the term's start: to as-of for a tracked promise, to the
        // deadline for a deadline.
        Rule::Tracked | Rule::Deadline(_) => {
            if term.start > until {
                return Vec::new();
            }
            let (name, end, required) = match &promise.rule {
                Rule::Deadline(due) => (PeriodName::Due, *due, Some(Amount::ONE)),
                _ => (
                    PeriodName::Term,
                    term.end.map_or(until, |e| e.min(until)),
                    None,
                ),
            };
            vec![Planned {
                name,
                span: Span {
                    start: term.start,
                    end: end.max(term.start),
                },
                required,
            }]
        }
        Rule::AtLeast {
            min,
            per,
            over: None,
        } => windows(*per, &term, until)
            .into_iter()
            .filter_map(|w| {
                Some(Planned {
                    required: Some(prorate(*min, &w, &promise.calendar)?),
                    name: w.name,
                    span: w.span,
                })
            })
            .collect(),
        Rule::AtLeast {
            min,
            per,
            over: Some(over),
        } => windows(*over, &term, until)
            .into_iter()
            .filter(|w| promise.calendar.days_in(w.span) > 0)
            .map(|w| {
                let (num, den) = periods_in(*per, &term, w.span, &promise.calendar);
                Planned {
                    required: Some(min.mul_ratio_ceil(num, den)),
                    name: w.name,
                    span: w.span,
                }
            })
            .collect(),
    }
}

/// A window that holds every day of the promise in its period requires `min`; one
/// cut by the term its share of those days, rounded up. `None`: the window holds no
/// day of the promise, so it does not exist.
fn prorate(min: Amount, w: &Window, calendar: &Calendar) -> Option<Amount> {
    let window_days = calendar.days_in(w.span);
    let period_days = calendar.days_in(w.period);
    match window_days {
        0 => None,
        _ if window_days == period_days => Some(min),
        _ => Some(min.mul_ratio_ceil(i128::from(window_days), i128::from(period_days))),
    }
}

/// Σ overlap_days(p) / days(p) over the `per` periods p that meet `span`, as an
/// exact fraction.
fn periods_in(
    per: Period,
    term: &crate::period::Term,
    span: Span,
    calendar: &Calendar,
) -> (i128, i128) {
    let (mut num, mut den) = (0i128, 1i128);
    let mut day = span.start;
    while day <= span.end {
        let Some(p) = per.span_at(term, day) else {
            // `per = "term"` on an open-ended term is refused when the file is read.
            return (1, 1);
        };
        let overlap = Span {
            start: p.start.max(span.start),
            end: p.end.min(span.end),
        };
        let (o, d) = (
            i128::from(calendar.days_in(overlap)),
            i128::from(calendar.days_in(p)),
        );
        // A `per` period with no day of the promise adds nothing.
        if d > 0 {
            num = num * d + o * den;
            den *= d;
            let g = gcd(num, den);
            (num, den) = (num / g, den / g);
        }
        match p.end.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    (num, den)
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs().max(1)
    } else {
        gcd(b, a % b)
    }
}

/// The status of one window as of `as_of`, and what was done in it by then.
fn judge(
    promise: &Promise,
    bucket: Bucket,
    w: &Planned,
    sums: &Sums,
    as_of: NaiveDate,
) -> (Amount, Status) {
    let counted_to = w.span.end.min(as_of);
    let done = sums.between(bucket, w.span.start, counted_to);
    let status = match (&promise.rule, w.required) {
        (Rule::Tracked, _) | (_, None) => Status::Tracked,
        (Rule::Deadline(due), Some(_)) => {
            if done >= Amount::ONE {
                Status::Met
            } else if due
                .succ_opt()
                .is_some_and(|after| sums.any_between(bucket, after, as_of))
            {
                Status::Late
            } else if as_of > *due {
                Status::Overdue
            } else {
                Status::Pending
            }
        }
        (Rule::AtLeast { .. }, Some(required)) => {
            if done >= required {
                Status::Met
            } else if w.span.end < as_of {
                Status::Missed
            } else {
                // Days of the promise elapsed, as-of included, over the window's.
                let cal = &promise.calendar;
                let elapsed = cal.days_in(Span {
                    start: w.span.start,
                    end: as_of,
                });
                let days = cal.days_in(w.span).max(1);
                let pace = required.mul_ratio_floor(i128::from(elapsed), i128::from(days));
                if done >= pace {
                    Status::OnTrack
                } else {
                    Status::Behind
                }
            }
        }
    };
    (done, status)
}

fn row(promise: &Promise, bucket: Bucket, w: &Planned, done: Amount, status: Status) -> Row {
    Row {
        bucket,
        name: promise.row_name(bucket.item),
        period: w.name,
        span: w.span,
        required: w.required,
        done,
        status,
    }
}

/// Which promises to show: all, or those named (by index), in promises.toml order.
pub fn selected(agreement: &Agreement, only: &[usize]) -> Vec<usize> {
    (0..agreement.promises.len())
        .filter(|i| only.is_empty() || only.contains(i))
        .collect()
}

/// `report`: one row per promise (or place) and window, for windows that start on or
/// before `as_of` and meet `from..=to`.
pub fn report(
    agreement: &Agreement,
    sums: &Sums,
    as_of: NaiveDate,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    only: &[usize],
) -> Vec<Row> {
    let to = to.map_or(as_of, |t| t.min(as_of));
    let mut rows = Vec::new();
    for index in selected(agreement, only) {
        let promise = &agreement.promises[index];
        let planned = plan(promise, as_of);
        let shown = |w: &&Planned| w.span.start <= to && from.is_none_or(|f| w.span.end >= f);
        for item in promise.items() {
            let bucket = Bucket {
                promise: index,
                item,
            };
            for w in planned.iter().filter(shown) {
                let (done, status) = judge(promise, bucket, w, sums, as_of);
                rows.push(row(promise, bucket, w, done, status));
            }
        }
    }
    rows
}

/// `status`: one row per promise (or place): the window holding `as_of`, the last
/// one once the term has ended, or the first one, not started, before it begins.
pub fn status(
    agreement: &Agreement,
    sums: &Sums,
    as_of: NaiveDate,
    only: &[usize],
) -> Vec<Standing> {
    let mut out = Vec::new();
    for index in selected(agreement, only) {
        let promise = &agreement.promises[index];
        let planned = plan(promise, as_of);
        for item in promise.items() {
            let bucket = Bucket {
                promise: index,
                item,
            };
            out.push(match planned.last() {
                None => not_started(promise, bucket),
                Some(current) => {
                    let (done, status) = judge(promise, bucket, current, sums, as_of);
                    let row = row(promise, bucket, current, done, status);
                    let days_left = match (&promise.rule, promise.term.end) {
                        (Rule::Tracked, None) => None,
                        (Rule::Tracked, Some(end)) => Some((end - as_of).num_days().max(0)),
                        _ => Some((current.span.end - as_of).num_days().max(0)),
                    };
                    let tally = (!matches!(promise.rule, Rule::Tracked)).then(|| {
                        let ended: Vec<&Planned> =
                            planned.iter().filter(|w| w.span.end < as_of).collect();
                        let met = ended
                            .iter()
                            .filter(|w| judge(promise, bucket, w, sums, as_of).1 == Status::Met)
                            .count();
                        (met, ended.len())
                    });
                    Standing {
                        row,
                        days_left,
                        tally,
                    }
                }
            });
        }
    }
    out
}

fn not_started(promise: &Promise, bucket: Bucket) -> Standing {
    let first = plan(promise, promise.term.start);
    let w = first.first().map_or_else(
        || Planned {
            name: PeriodName::Term,
            span: Span {
                start: promise.term.start,
                end: promise.term.end.unwrap_or(promise.term.start),
            },
            required: None,
        },
        |w| Planned {
            name: w.name,
            span: w.span,
            required: w.required,
        },
    );
    let days_left = match (&promise.rule, promise.term.end) {
        (Rule::Tracked, None) => None,
        (Rule::Tracked, Some(end)) => Some((end - promise.term.start).num_days() + 1),
        _ => Some(w.span.days()),
    };
    Standing {
        row: row(promise, bucket, &w, Amount::ZERO, Status::NotStarted),
        days_left,
        tally: (!matches!(promise.rule, Rule::Tracked)).then_some((0, 0)),
    }
}

/// The windows of the given promises that hold `day`, as of `as_of`: what `log`
/// needs to read to show where a promise stands.
pub fn spans_holding(
    agreement: &Agreement,
    promises: &[usize],
    day: NaiveDate,
    as_of: NaiveDate,
) -> Vec<Span> {
    promises
        .iter()
        .flat_map(|&i| plan(&agreement.promises[i], as_of))
        .map(|w| w.span)
        .filter(|s| s.contains(day))
        .collect()
}

/// One promise (or place) across a span of days, for the calendar: every window
/// that meets the span, with its status once it has started (`None`: not yet).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub bucket: Bucket,
    pub name: String,
    pub cells: Vec<(PeriodName, Span, Option<Status>)>,
    /// For a tracked promise: what was done in the span up to as-of.
    pub done: Amount,
}

pub fn lines(
    agreement: &Agreement,
    sums: &Sums,
    as_of: NaiveDate,
    span: Span,
    only: &[usize],
) -> Vec<Line> {
    let mut out = Vec::new();
    for index in selected(agreement, only) {
        let promise = &agreement.promises[index];
        let planned = plan(promise, span.end.max(as_of));
        for item in promise.items() {
            let bucket = Bucket {
                promise: index,
                item,
            };
            let cells = planned
                .iter()
                .filter(|w| w.span.start <= span.end && w.span.end >= span.start)
                .map(|w| {
                    let status =
                        (w.span.start <= as_of).then(|| judge(promise, bucket, w, sums, as_of).1);
                    (w.name, w.span, status)
                })
                .collect();
            out.push(Line {
                bucket,
                name: promise.row_name(item),
                cells,
                done: sums.between(
                    bucket,
                    span.start.max(promise.term.start),
                    span.end.min(as_of),
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
