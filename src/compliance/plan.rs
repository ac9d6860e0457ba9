//! A promise's windows and what each requires: the calendar periods cut by the
//! term (and a place's own term), filtered days, averages, shares and events.

use super::{Status, events};
use crate::amount::Amount;
use crate::model::{Agreement, Promise, Rule};
use crate::period::{Calendar, Period, PeriodName, Span, Term, Window, windows};
use crate::tally::{Bucket, Sums};
use chrono::NaiveDate;

/// A window of a promise with what it requires.
#[derive(Clone)]
pub(super) struct Planned {
    pub name: PeriodName,
    pub span: Span,
    pub required: Option<Amount>,
    /// Done and status, where the plan had to work them out (events, shares).
    pub judged: Option<(Amount, Status)>,
    /// From the day after this one the window's figures are final: it has ended,
    /// and every event in it is past its deadline.
    pub settles: NaiveDate,
}

impl Planned {
    fn new(name: PeriodName, span: Span, required: Option<Amount>) -> Planned {
        Planned {
            name,
            span,
            required,
            judged: None,
            settles: span.end,
        }
    }
}

/// What planning reads: the agreement, the sums, and the day the figures are for.
#[derive(Clone, Copy)]
pub(super) struct Ctx<'a> {
    pub agreement: &'a Agreement,
    pub sums: &'a Sums,
    pub as_of: NaiveDate,
}

/// The windows of one bucket that start on or before `until`, with what each
/// requires.
pub(super) fn plan(ctx: Ctx, bucket: Bucket, until: NaiveDate) -> Vec<Planned> {
    let promise = &ctx.agreement.promises[bucket.promise];
    // A place with a term of its own has the promise's windows cut by it.
    let term = term_of(promise, bucket);
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
            let span = Span {
                start: term.start,
                end: end.max(term.start),
            };
            vec![Planned::new(name, span, required)]
        }
        Rule::AtLeast { min, per, over } => {
            let cal = &promise.calendar;
            let kind = over.unwrap_or(*per);
            windows(kind, &promise.term, until)
                .into_iter()
                .filter_map(|w| cut(w, &term))
                .filter_map(|w| {
                    let required = match over {
                        None => prorate(*min, &w, cal)?,
                        Some(_) if cal.days_in(w.span) == 0 => return None,
                        Some(_) => {
                            let (num, den) = periods_in(*per, &promise.term, w.span, cal);
                            min.mul_ratio_ceil(num, den)
                        }
                    };
                    Some(Planned::new(w.name, w.span, Some(required)))
                })
                .collect()
        }
        Rule::Share { percent } => share(ctx, bucket, *percent, until),
        Rule::PerEvent { .. } => events::plan(ctx, bucket, until),
    }
}

/// The windows of a promise's places, planned once for places alike: what a
/// window requires depends on the promise and the place's term, not on what was
/// done (but for shares and events), and most places share the promise's term.
#[derive(Default)]
pub(super) struct Plans {
    last: Option<(usize, Term, NaiveDate, Vec<Planned>)>,
}

impl Plans {
    pub(super) fn plan(&mut self, ctx: Ctx, bucket: Bucket, until: NaiveDate) -> Vec<Planned> {
        let promise = &ctx.agreement.promises[bucket.promise];
        if matches!(promise.rule, Rule::Share { .. } | Rule::PerEvent { .. }) {
            return plan(ctx, bucket, until);
        }
        let term = term_of(promise, bucket);
        let key = (bucket.promise, term, until);
        match &self.last {
            Some((p, t, u, windows)) if (*p, *t, *u) == key => windows.clone(),
            _ => {
                let windows = plan(ctx, bucket, until);
                self.last = Some((key.0, key.1, key.2, windows.clone()));
                windows
            }
        }
    }
}

/// A bucket's term: a place's own, else its promise's.
pub(super) fn term_of(promise: &Promise, bucket: Bucket) -> Term {
    bucket.item.map_or(promise.term, |i| promise.each[i].term)
}

/// A window cut by a place's own term; `None` when they do not meet.
fn cut(w: Window, term: &Term) -> Option<Window> {
    let span = Span {
        start: w.span.start.max(term.start),
        end: term.end.map_or(w.span.end, |e| w.span.end.min(e)),
    };
    (span.start <= span.end).then_some(Window { span, ..w })
}

/// A share of the parent: its windows, each requiring `percent` of what the
/// parent has done in it, rounded up; judged on what is done so far (no pace).
fn share(ctx: Ctx, bucket: Bucket, percent: Amount, until: NaiveDate) -> Vec<Planned> {
    let Some(parent) = ctx.agreement.promises[bucket.promise].part_of else {
        return Vec::new();
    };
    let parent = Bucket {
        promise: parent,
        item: None,
    };
    plan(ctx, parent, until)
        .into_iter()
        .map(|w| {
            let (parent_done, _) = super::judge(ctx, parent, &w);
            // percent × parent_done / 100, exactly, up to a whole activity.
            let num = i128::from(parent_done.micros()) * i128::from(percent.micros());
            let den = 100 * i128::from(Amount::ONE.micros()) * i128::from(Amount::ONE.micros());
            let whole = i64::try_from((num + den - 1) / den).unwrap_or(i64::MAX);
            let required = Amount::from_int(whole);
            let counted_to = w.span.end.min(ctx.as_of);
            let done = ctx.sums.between(bucket, w.span.start, counted_to);
            let status = if done >= required {
                Status::Met
            } else if w.span.end < ctx.as_of {
                Status::Missed
            } else {
                Status::Behind
            };
            Planned {
                required: Some(required),
                judged: Some((done, status)),
                ..Planned::new(w.name, w.span, None)
            }
        })
        .collect()
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
fn periods_in(per: Period, term: &Term, span: Span, calendar: &Calendar) -> (i128, i128) {
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
