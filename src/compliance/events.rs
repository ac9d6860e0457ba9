//! One answer per event: answers matched to events, earliest eligible event first,
//! and the windows events are grouped into.

use super::Status;
use super::plan::{Ctx, Planned};
use crate::amount::Amount;
use crate::model::Rule;
use crate::period::{Period, PeriodName, Span, windows};
use crate::tally::Bucket;
use chrono::{Days, NaiveDate};
use std::collections::VecDeque;

/// The events of one day, and how many of them are answered by as-of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Events {
    pub date: NaiveDate,
    pub deadline: NaiveDate,
    pub count: i64,
    pub answered: i64,
}

/// Whole units of an amount (event lines and answers count whole activities).
fn units(a: Amount) -> i64 {
    a.micros() / Amount::ONE.micros()
}

/// Matches answers to events: in date order, each answer takes the earliest-dated
/// unanswered event dated on or before it whose deadline is not before it. With
/// one `within` for all events, deadlines come in date order, so an event past its
/// deadline can leave the queue for good: one pass over the days.
pub(super) fn matched(
    events: &[(NaiveDate, Amount)],
    answers: &[(NaiveDate, Amount)],
    deadline: impl Fn(NaiveDate) -> NaiveDate,
) -> Vec<Events> {
    let mut out: Vec<Events> = events
        .iter()
        .map(|&(date, count)| Events {
            date,
            deadline: deadline(date),
            count: units(count),
            answered: 0,
        })
        .collect();
    let mut open: VecDeque<usize> = VecDeque::new();
    let mut next = 0;
    for &(day, amount) in answers {
        while next < out.len() && out[next].date <= day {
            open.push_back(next);
            next += 1;
        }
        let mut left = units(amount);
        while left > 0 {
            let Some(&front) = open.front() else { break };
            let e = &mut out[front];
            if e.deadline < day || e.answered == e.count {
                open.pop_front();
                continue;
            }
            let take = left.min(e.count - e.answered);
            e.answered += take;
            left -= take;
        }
    }
    out
}

/// The windows of a `per_event` promise, each judged: required is the events
/// dated in it, done how many of them are answered.
pub(super) fn plan(ctx: Ctx, bucket: Bucket, until: NaiveDate) -> Vec<Planned> {
    let promise = &ctx.agreement.promises[bucket.promise];
    let Rule::PerEvent {
        source,
        within,
        per,
    } = promise.rule
    else {
        return Vec::new();
    };
    let term = promise.term;
    let last_event = term.end.map_or(ctx.as_of, |e| e.min(ctx.as_of));
    let events = ctx
        .sums
        .events(ctx.agreement.source_index(source), term.start, last_event);
    let answers = ctx.sums.daily(bucket, NaiveDate::MIN, ctx.as_of);
    let by_term = term.end.unwrap_or(NaiveDate::MAX);
    let matched = matched(&events, &answers, |d| match within {
        Some(n) => d
            .checked_add_days(Days::new(u64::from(n)))
            .unwrap_or(NaiveDate::MAX),
        None => by_term,
    });
    // On a term with no end and no `per`, one window up to as-of, never settled.
    let spans: Vec<(PeriodName, Span, NaiveDate)> = match (per, term.end) {
        (Period::Term, None) if term.start <= until => {
            let span = Span {
                start: term.start,
                end: until.max(term.start),
            };
            vec![(PeriodName::Term, span, NaiveDate::MAX)]
        }
        _ => windows(per, &term, until)
            .into_iter()
            .map(|w| (w.name, w.span, w.span.end))
            .collect(),
    };
    spans
        .into_iter()
        .map(|(name, span, ends)| {
            let mine: Vec<&Events> = matched.iter().filter(|e| span.contains(e.date)).collect();
            let required: i64 = mine.iter().map(|e| e.count).sum();
            let done: i64 = mine.iter().map(|e| e.answered).sum();
            let lapsed = mine
                .iter()
                .any(|e| e.answered < e.count && e.deadline < ctx.as_of);
            let status = if done == required {
                Status::Met
            } else if lapsed && span.end < ctx.as_of {
                Status::Missed
            } else if lapsed {
                Status::Behind
            } else {
                Status::OnTrack
            };
            let settles = mine.iter().map(|e| e.deadline).fold(ends, NaiveDate::max);
            Planned {
                name,
                span,
                required: Some(Amount::from_int(required)),
                judged: Some((Amount::from_int(done), status)),
                settles,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{d, n};

    fn day(k: i64) -> NaiveDate {
        d("2019-03-01") + chrono::Duration::days(k)
    }

    /// (event day, count) and (answer day, count) → answered per event day.
    fn answered(events: &[(i64, i64)], answers: &[(i64, i64)], within: u64) -> Vec<i64> {
        let ev: Vec<_> = events.iter().map(|&(k, c)| (day(k), n(c))).collect();
        let an: Vec<_> = answers.iter().map(|&(k, c)| (day(k), n(c))).collect();
        matched(&ev, &an, |x| x + chrono::Duration::days(within as i64))
            .into_iter()
            .map(|e| e.answered)
            .collect()
    }

    #[test]
    fn answers_take_the_earliest_event_still_open() {
        // SPEC's Angered example: 2 events on the 4th, 1 on the 10th, within 1 day;
        // one repair on the 5th answers one of the 4th, one on the 11th the 10th.
        assert_eq!(answered(&[(3, 2), (9, 1)], &[(4, 1), (10, 1)], 1), [1, 1]);
        // An answer on the deadline day counts; the day after, it answers nothing.
        assert_eq!(answered(&[(0, 1)], &[(1, 1)], 1), [1]);
        assert_eq!(answered(&[(0, 1)], &[(2, 1)], 1), [0]);
        // An answer before its event answers nothing; "0 days" is the same day.
        assert_eq!(answered(&[(5, 1)], &[(4, 1)], 0), [0]);
        assert_eq!(answered(&[(5, 1)], &[(5, 1)], 0), [1]);
        // A late event does not block a later one: the expired one is skipped.
        assert_eq!(answered(&[(0, 1), (5, 1)], &[(6, 1)], 2), [0, 1]);
        // More answers than events answer nothing more; two events share a day.
        assert_eq!(answered(&[(0, 2)], &[(0, 5)], 0), [2]);
        // Earliest first: one answer on day 3 takes day 1's event, not day 2's.
        assert_eq!(answered(&[(1, 1), (2, 1)], &[(3, 1)], 7), [1, 0]);
    }
}
