use super::*;
use crate::model::fixture::{agreement, d, n};
use crate::model::{Item, Rule};

fn activity(date: &str, promise: usize, count: i64, place: &'static [u8]) -> Activity<'static> {
    Activity {
        date: d(date),
        promise,
        amount: n(count),
        place,
        // As the rules find it in `family`'s places.
        item: [&b"Torget"[..], b"Hamnen"].iter().position(|p| *p == place),
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
    places.each = ["Torget", "Hamnen"]
        .map(|name| Item {
            name: name.into(),
            term: a.term,
        })
        .into();
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
    let s = t.freeze(&a);
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
    let s = t.freeze(&a);
    let all = |promise, item| s.between(Bucket { promise, item }, d("2019-01-01"), d("2019-12-31"));
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
    let (one, merged) = (one.freeze(&a), left.freeze(&a));
    for promise in [0, 1] {
        let b = Bucket {
            promise,
            item: None,
        };
        assert_eq!(merged.between(b, d("2018-01-01"), d("2019-12-31")), n(10));
        assert_eq!(merged.series(b), one.series(b));
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

#[test]
fn an_overflow_of_merged_event_lines_names_the_event() {
    use crate::model::{Event, Source};
    let mut a = agreement(
        Rule::PerEvent {
            source: Source::Event(0),
            within: None,
            per: crate::period::Period::Term,
        },
        "2019-01-01",
        "2019-12-31",
    );
    a.events.push(Event {
        id: "e".into(),
        title: "E".into(),
    });
    let event = a.promises.len();
    let (mut left, mut right) = (Tally::new(&a), Tally::new(&a));
    let huge = Activity {
        amount: Amount::from_micros(i64::MAX),
        ..activity("2019-01-01", event, 0, b"")
    };
    assert!(left.add(&a, huge).is_ok());
    assert!(right.add(&a, huge).is_ok());
    assert!(matches!(left.merge(right), Err(Overflow(i)) if i == event));
}
