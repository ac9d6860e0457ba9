//! The engine alone, table-driven: a promise, a few activities, an as-of day, and
//! the rows SPEC says they make. Each expected figure is worked out in its comment.

use super::*;
use crate::model::Activity;
use crate::model::fixture::{agreement, d, n};
use crate::period::Period;
use crate::tally::Tally;

fn sums(a: &Agreement, activities: &[(&str, i64)]) -> Sums {
    let mut tally = Tally::new(a);
    for &(date, count) in activities {
        let activity = Activity {
            date: d(date),
            promise: 0,
            amount: n(count),
            place: b"",
            item: None,
            by: b"",
            note: b"",
        };
        assert!(tally.add(a, activity).is_ok());
    }
    tally.freeze(a)
}

/// `report`'s rows as `(label, required, done, status)`.
fn rows(
    a: &Agreement,
    activities: &[(&str, i64)],
    as_of: &str,
) -> Vec<(String, Option<i64>, i64, Status)> {
    let s = sums(a, activities);
    report(a, &s, d(as_of), None, None, &[])
        .into_iter()
        .map(|r| {
            let whole = |x: Amount| x.micros() / 1_000_000;
            (r.label(), r.required.map(whole), whole(r.done), r.status)
        })
        .collect()
}

fn at_least(min: i64, per: &str) -> Rule {
    Rule::AtLeast {
        min: n(min),
        per: Period::parse(per).unwrap(),
        over: None,
    }
}

#[test]
fn weekly_windows_cut_by_the_term_are_prorated_and_judged_at_their_pace() {
    let a = agreement(at_least(1, "week"), "2019-01-01", "2019-12-31");
    // W01 is Mon 2018-12-31..Sun 01-06; the term keeps 6 of its 7 days: ceil(6/7) = 1.
    // W02 01-07..01-13 as of Wed 01-09: 3 of 7 days elapsed, pace floor(3/7) = 0.
    assert_eq!(
        rows(&a, &[("2019-01-02", 1)], "2019-01-09"),
        [
            ("2019-W01".into(), Some(1), 1, Status::Met),
            ("2019-W02".into(), Some(1), 0, Status::OnTrack),
        ]
    );
    // As of 01-14 W02 has ended with nothing: missed; W03 has begun.
    let r = rows(&a, &[("2019-01-02", 1)], "2019-01-14");
    assert_eq!(r[1].3, Status::Missed);
    assert_eq!((r[2].0.as_str(), r[2].3), ("2019-W03", Status::OnTrack));
}

#[test]
fn the_pace_is_the_share_of_the_window_elapsed_rounded_down() {
    // Half-year 1 of 2019: 181 days. As of 05-31, 151 days elapsed:
    // floor(2 × 151 / 181) = 1, so one activity is on track and none is behind.
    let a = agreement(at_least(2, "half-year"), "2019-01-01", "2019-12-31");
    let one = rows(&a, &[("2019-02-01", 1)], "2019-05-31");
    assert_eq!(one, [("2019-H1".into(), Some(2), 1, Status::OnTrack)]);
    assert_eq!(rows(&a, &[], "2019-05-31")[0].3, Status::Behind);
    // As of 01-31, 31 days: floor(2 × 31 / 181) = 0: nothing is yet behind.
    assert_eq!(rows(&a, &[], "2019-01-31")[0].3, Status::OnTrack);
}

#[test]
fn a_deadline_is_pending_then_met_late_or_overdue() {
    let a = agreement(Rule::Deadline(d("2019-06-30")), "2019-01-01", "2019-12-31");
    for (activities, as_of, status) in [
        (&[][..], "2019-06-30", Status::Pending),
        (&[][..], "2019-07-01", Status::Overdue),
        (&[("2019-06-30", 1)][..], "2019-06-30", Status::Met),
        (&[("2019-07-05", 1)][..], "2019-07-04", Status::Overdue),
        (&[("2019-07-05", 1)][..], "2019-07-10", Status::Late),
    ] {
        let r = rows(&a, activities, as_of);
        assert_eq!(r.len(), 1);
        assert_eq!(
            (r[0].0.as_str(), r[0].3),
            ("due", status),
            "{activities:?} {as_of}"
        );
    }
}

#[test]
fn a_tracked_promise_counts_and_is_never_missed() {
    let a = agreement(Rule::Tracked, "2019-01-01", "2019-12-31");
    let r = rows(&a, &[("2019-03-01", 2), ("2019-04-01", 3)], "2019-12-31");
    assert_eq!(r, [("term".into(), None, 5, Status::Tracked)]);
}

#[test]
fn an_average_over_a_year_requires_the_share_of_its_months() {
    // 1 per month over the year, term from 03-15: March holds 17 of its 31 days,
    // then 9 whole months: ceil(1 × (9 + 17/31)) = 10.
    let rule = Rule::AtLeast {
        min: n(1),
        per: Period::parse("month").unwrap(),
        over: Some(Period::parse("year").unwrap()),
    };
    let a = agreement(rule, "2019-03-15", "2019-12-31");
    let r = rows(&a, &[("2019-04-01", 10)], "2019-12-31");
    assert_eq!(r, [("2019".into(), Some(10), 10, Status::Met)]);
}

#[test]
fn activities_count_in_the_window_of_their_day_and_not_after_as_of() {
    let a = agreement(at_least(2, "month"), "2019-01-01", "2019-12-31");
    // The 01-31 activity is January's, the 02-01 one February's; as of 02-01 the
    // 02-02 activity is not yet done.
    let r = rows(
        &a,
        &[("2019-01-31", 1), ("2019-02-01", 1), ("2019-02-02", 1)],
        "2019-02-01",
    );
    assert_eq!(
        r,
        [
            ("2019-01".into(), Some(2), 1, Status::Missed),
            ("2019-02".into(), Some(2), 1, Status::OnTrack),
        ]
    );
}

#[test]
fn places_planned_once_get_the_windows_of_their_own_terms() {
    use crate::model::Item;
    use crate::period::Term;
    let mut a = agreement(at_least(4, "month"), "2019-01-01", "2019-12-31");
    let own = Term {
        start: d("2019-03-15"),
        end: Some(d("2019-08-10")),
    };
    let term = a.term;
    a.promises[0].each = [("A", term), ("B", term), ("C", own), ("D", term)]
        .map(|(name, term)| Item {
            name: name.into(),
            term,
        })
        .into();
    let s = sums(&a, &[]);
    let ctx = Ctx {
        agreement: &a,
        sums: &s,
        as_of: d("2019-12-31"),
    };
    let mut plans = Plans::default();
    let seen = |w: Vec<Planned>| -> Vec<_> { w.iter().map(|w| (w.span, w.required)).collect() };
    for item in 0..4 {
        let bucket = Bucket {
            promise: 0,
            item: Some(item),
        };
        let until = d("2019-12-31");
        assert_eq!(
            seen(plans.plan(ctx, bucket, until)),
            seen(plan(ctx, bucket, until))
        );
    }
}
