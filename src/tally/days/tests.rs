use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn a(micros: i64) -> Amount {
    Amount::from_micros(micros)
}

/// Days that start dense, as every bucket did before the sparse list.
fn dense() -> Days {
    Days::Dense {
        start: 0,
        days: Vec::new(),
        far: BTreeMap::new(),
    }
}

fn model(adds: &[(i32, i64)]) -> Vec<(i32, Amount)> {
    let mut sums: BTreeMap<i32, Amount> = BTreeMap::new();
    for &(d, n) in adds {
        let s = sums.entry(d).or_default();
        *s = s.saturating_add(a(n));
    }
    sums.into_iter()
        .filter(|(_, s)| *s != Amount::ZERO)
        .collect()
}

fn filled(mut days: Days, adds: &[(i32, i64)]) -> Days {
    for &(d, n) in adds {
        days.add(d, a(n));
    }
    days
}

/// A day typed centuries off, or at the very ends of what a day can be.
fn far() -> impl Strategy<Value = i32> {
    prop_oneof![
        Just(i32::MIN),
        Just(i32::MAX),
        -2_000_000..-1_000_000i32,
        1_000_000..2_000_000i32,
    ]
}

/// Days of one of a few shapes: filling a span (turns dense), spread out and
/// out of order (stays a list), clustered with one far off, and all mixed.
fn adds() -> impl Strategy<Value = Vec<(i32, i64)>> {
    (0..4usize).prop_flat_map(|shape| {
        let day = match shape {
            0 => (0..150i32).boxed(),
            1 => (-40..2000i32).boxed(),
            2 => prop_oneof![30 => 0..100i32, 1 => far()].boxed(),
            _ => {
                prop_oneof![8 => 0..400i32, 2 => -40..40i32, 1 => 3000..3100i32, 1 => far()].boxed()
            }
        };
        // Whole and fractional counts, as `unit` promises have them.
        prop::collection::vec((day, 1..5_000_000i64), 0..300)
    })
}

/// Every sum between two days, as the running totals of a series give it.
fn between(model: &[(i32, Amount)], from: i32, to: i32) -> Amount {
    model
        .iter()
        .filter(|(d, _)| (from..=to).contains(d))
        .fold(Amount::ZERO, |s, (_, x)| s.saturating_add(*x))
}

proptest! {
    #[test]
    fn sparse_and_dense_sum_alike(adds in adds()) {
        let want = model(&adds);
        prop_assert_eq!(filled(Days::new(), &adds).each_day(), want.clone());
        prop_assert_eq!(filled(dense(), &adds).each_day(), want);
    }

    #[test]
    fn absorbing_sums_alike(
        mine in adds(),
        theirs in adds(),
        from in prop_oneof![Just(i32::MIN), -50..500i32, far()],
        their_dense: bool,
        my_dense: bool,
    ) {
        let start = |d: bool| if d { dense() } else { Days::new() };
        let mut days = filled(start(my_dense), &mine);
        days.absorb(filled(start(their_dense), &theirs), from);
        let taken: Vec<(i32, i64)> = theirs.iter().copied().filter(|(d, _)| *d >= from).collect();
        prop_assert_eq!(days.each_day(), model(&[mine, taken].concat()));
    }

    #[test]
    fn series_sum_every_span_alike(adds in adds(), spans in prop::collection::vec((-50..2100i32, -50..2100i32), 1..20)) {
        let want = model(&adds);
        for days in [filled(Days::new(), &adds), filled(dense(), &adds)] {
            let series = days.series();
            for &(from, to) in &spans {
                prop_assert_eq!(series.between(from, to), between(&want, from, to));
                let daily: Vec<(i32, Amount)> = want
                    .iter()
                    .copied()
                    .filter(|(d, _)| (from..=to).contains(d))
                    .collect();
                prop_assert_eq!(series.daily(from, to), daily);
            }
        }
    }
}

#[test]
fn few_days_stay_listed_and_a_filled_span_turns_dense() {
    let few = filled(Days::new(), &[(5, 1), (300, 1), (3, 2)]);
    assert!(matches!(few, Days::Sparse(ref l) if l.len() == 3));
    let every: Vec<(i32, i64)> = (0..100).map(|d| (d, 1)).collect();
    assert!(matches!(filled(Days::new(), &every), Days::Dense { .. }));
    // A year of lines on one day a week of each of 300 places stays listed.
    let weekly: Vec<(i32, i64)> = (0..52).map(|w| (w * 7, 1)).collect();
    assert!(matches!(filled(Days::new(), &weekly), Days::Sparse(_)));
}

#[test]
fn a_day_typed_centuries_off_keeps_the_rest_dense() {
    let mut adds: Vec<(i32, i64)> = vec![(-1_000_000, 3)];
    adds.extend((0..SPARSE_MAX as i32 + 1).map(|d| (d * 3, 1)));
    let days = filled(Days::new(), &adds);
    let Days::Dense { far, .. } = &days else {
        panic!("a long list turns dense");
    };
    assert_eq!(far.len(), 1);
    assert_eq!(days.each_day(), model(&adds));
}
