//! Windows × day sums → rows with a status. Pure: no files, no output formats.

mod events;
mod indicators;
mod plan;
mod summary;

pub use summary::{Average, Kind, Summary, monthly, summaries};

use crate::amount::Amount;
pub use crate::model::Status;
use crate::model::{Agreement, Promise, Rule};
use crate::period::{PeriodName, Span};
use crate::tally::{Bucket, Sums};
use chrono::NaiveDate;
pub use indicators::{IndicatorRow, indicator_rows, verdict};
use plan::{Ctx, Planned, Plans, plan};

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

/// The status of one window as of `as_of`, and what was done in it by then.
fn judge(ctx: Ctx, bucket: Bucket, w: &Planned) -> (Amount, Status) {
    if let Some(judged) = w.judged {
        return judged;
    }
    let (sums, as_of) = (ctx.sums, ctx.as_of);
    let promise = &ctx.agreement.promises[bucket.promise];
    let counted_to = w.span.end.min(as_of);
    let done = sums.between(bucket, w.span.start, counted_to);
    let status = match (&promise.rule, w.required) {
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
        // Shares and events are judged while planned; the rest is tracked.
        _ => Status::Tracked,
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

/// The rows' buckets of the selected promises: each place of an `each` promise,
/// else the promise itself, in promises.toml order.
fn buckets<'a>(agreement: &'a Agreement, only: &[usize]) -> Vec<(&'a Promise, Bucket)> {
    selected(agreement, only)
        .into_iter()
        .flat_map(|index| {
            let promise = &agreement.promises[index];
            promise.items().into_iter().map(move |item| {
                let bucket = Bucket {
                    promise: index,
                    item,
                };
                (promise, bucket)
            })
        })
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
    let ctx = Ctx {
        agreement,
        sums,
        as_of,
    };
    let mut rows = Vec::new();
    let mut plans = Plans::default();
    for (promise, bucket) in buckets(agreement, only) {
        for w in &shown(ctx, &mut plans, bucket, from, to) {
            let (done, status) = judge(ctx, bucket, w);
            rows.push(row(promise, bucket, w, done, status));
        }
    }
    rows
}

/// The windows `report` shows: those that start on or before `to` (at most
/// as-of) and end on or after `from`.
fn shown(
    ctx: Ctx,
    plans: &mut Plans,
    bucket: Bucket,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Vec<Planned> {
    let to = to.map_or(ctx.as_of, |t| t.min(ctx.as_of));
    let mut windows = plans.plan(ctx, bucket, ctx.as_of);
    windows.retain(|w| w.span.start <= to && from.is_none_or(|f| w.span.end >= f));
    windows
}

/// `status`: one row per promise (or place): the window holding `as_of`, the last
/// one once the term has ended, or the first one, not started, before it begins.
pub fn status(
    agreement: &Agreement,
    sums: &Sums,
    as_of: NaiveDate,
    only: &[usize],
) -> Vec<Standing> {
    let ctx = Ctx {
        agreement,
        sums,
        as_of,
    };
    let mut out = Vec::new();
    let mut plans = Plans::default();
    for (promise, bucket) in buckets(agreement, only) {
        let mut planned = plans.plan(ctx, bucket, as_of);
        // A period begun, cut by a place's own later start, is still to come.
        planned.retain(|w| w.span.start <= as_of);
        out.push(match planned.last() {
            None => not_started(ctx, bucket),
            Some(current) => {
                let (done, status) = judge(ctx, bucket, current);
                let row = row(promise, bucket, current, done, status);
                let days_left = match (&promise.rule, plan::term_of(promise, bucket).end) {
                    (Rule::Tracked, None) => None,
                    (Rule::Tracked, Some(end)) => Some((end - as_of).num_days().max(0)),
                    _ => Some((current.span.end - as_of).num_days().max(0)),
                };
                let tally = (!matches!(promise.rule, Rule::Tracked)).then(|| {
                    // Settled windows only: ended, and no event still answerable.
                    let ended: Vec<&Planned> =
                        planned.iter().filter(|w| w.settles < as_of).collect();
                    let met = ended
                        .iter()
                        .filter(|w| judge(ctx, bucket, w).1 == Status::Met)
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
    out
}

/// Before the first window: the first one, not started. A place's own term is
/// its term; the first window may come well after the term's start (a summer
/// promise, a list of dates), so the whole term is planned when its start holds
/// none.
fn not_started(ctx: Ctx, bucket: Bucket) -> Standing {
    let promise = &ctx.agreement.promises[bucket.promise];
    let term = plan::term_of(promise, bucket);
    let first = |until: NaiveDate| plan(ctx, bucket, until).into_iter().next();
    let horizon = term.end.unwrap_or(crate::period::LAST_DAY);
    let w = first(term.start).or_else(|| first(horizon));
    let w = w.unwrap_or_else(|| Planned {
        name: PeriodName::Term,
        span: Span {
            start: term.start,
            end: term.end.unwrap_or(term.start),
        },
        required: None,
        judged: None,
        settles: NaiveDate::MAX,
    });
    let days_left = match (&promise.rule, term.end) {
        (Rule::Tracked, None) => None,
        (Rule::Tracked, Some(end)) => Some((end - term.start).num_days() + 1),
        _ => Some(w.span.days()),
    };
    Standing {
        row: row(promise, bucket, &w, Amount::ZERO, Status::NotStarted),
        days_left,
        tally: (!matches!(promise.rule, Rule::Tracked)).then_some((0, 0)),
    }
}

/// The days whose lines can change what is shown of `promises` in their windows
/// that meet `span`, planned up to `horizon`, as of `as_of`: those windows, the
/// days after a deadline up to as-of (where a late activity is), and `span`
/// itself (a tracked promise's total over it). Every day when a stage, a share
/// or an event links lines of any date to a figure.
pub fn spans_needed(
    agreement: &Agreement,
    promises: &[usize],
    as_of: NaiveDate,
    horizon: NaiveDate,
    span: Span,
) -> Vec<Span> {
    let linked = agreement
        .promises
        .iter()
        .any(|p| p.after.is_some() || matches!(p.rule, Rule::Share { .. } | Rule::PerEvent { .. }));
    if linked {
        return vec![Span {
            start: NaiveDate::MIN,
            end: NaiveDate::MAX,
        }];
    }
    let sums = Sums::default();
    let ctx = Ctx {
        agreement,
        sums: &sums,
        as_of,
    };
    let mut needed: Vec<Span> = (span.start <= span.end)
        .then_some(span)
        .into_iter()
        .collect();
    for &i in promises.iter().filter(|&&i| i < agreement.promises.len()) {
        let p = &agreement.promises[i];
        if let Rule::Deadline(due) = p.rule
            && let Some(late) = due.succ_opt().filter(|&d| d <= as_of)
        {
            needed.push(Span {
                start: late,
                end: as_of,
            });
        }
        for item in p.items() {
            let windows = plan(ctx, Bucket { promise: i, item }, horizon);
            needed.extend(
                windows
                    .into_iter()
                    .map(|w| w.span)
                    .filter(|w| w.start <= span.end && w.end >= span.start),
            );
        }
    }
    needed
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
    let ctx = Ctx {
        agreement,
        sums,
        as_of,
    };
    let mut out = Vec::new();
    let mut plans = Plans::default();
    for (promise, bucket) in buckets(agreement, only) {
        let cells = plans
            .plan(ctx, bucket, span.end.max(as_of))
            .iter()
            .filter(|w| w.span.start <= span.end && w.span.end >= span.start)
            .map(|w| {
                let status = (w.span.start <= as_of).then(|| judge(ctx, bucket, w).1);
                (w.name, w.span, status)
            })
            .collect();
        out.push(Line {
            bucket,
            name: promise.row_name(bucket.item),
            cells,
            done: sums.between(
                bucket,
                span.start.max(promise.term.start),
                span.end.min(as_of),
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests;
