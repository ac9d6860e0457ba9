//! Indicators × their values → one row per indicator and period, with a verdict.
//! Pure, like the rest of the engine. An indicator never changes a promise's
//! status; these rows are what `indicators` prints and what the follow-up draws.

use crate::amount::Amount;
use crate::model::{Agreement, Better, IndicatorValue, Verdict};
use crate::period::{self, Period, PeriodName, Span, Window};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One indicator in one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndicatorRow {
    /// The indicator's index in [`Agreement::indicators`].
    pub indicator: usize,
    /// A period of the indicator's `per`; `code()` is SPEC's label (`2019-Q1`).
    pub period: PeriodName,
    /// The whole period, also where the term cuts it: a figure is for its period.
    pub span: Span,
    pub value: Option<Amount>,
    /// The indicator's baseline, else its first value up to as-of (the same in
    /// every row of the indicator); `None` while there is neither.
    pub baseline: Option<Amount>,
    pub target: Option<Amount>,
    pub verdict: Verdict,
}

impl IndicatorRow {
    /// SPEC's label of the period: `2019-Q1`, `2019-W07`, `2019`.
    pub fn label(&self) -> String {
        self.period.code()
    }
}

/// `met` when a target is given and reached (≤ for lower, ≥ for higher), else
/// `better` when strictly better than the baseline, else `not-better`;
/// `no-value` without a value.
pub fn verdict(
    better: Better,
    value: Option<Amount>,
    baseline: Option<Amount>,
    target: Option<Amount>,
) -> Verdict {
    let Some(value) = value else {
        return Verdict::NoValue;
    };
    let reaches = |goal: Amount| match better {
        Better::Lower => value <= goal,
        Better::Higher => value >= goal,
    };
    if target.is_some_and(reaches) {
        Verdict::Met
    } else if baseline.is_some_and(|b| value != b && reaches(b)) {
        Verdict::Better
    } else {
        Verdict::NotBetter
    }
}

/// Per indicator, in the agreement's order, one row for each period of its `per`
/// that meets the term and starts on or before `as_of`, in date order. Of two
/// values for one indicator and period (the reader lets none through) the first
/// counts.
pub fn indicator_rows(
    agreement: &Agreement,
    values: &[IndicatorValue],
    as_of: NaiveDate,
) -> Vec<IndicatorRow> {
    let mut by_period: HashMap<(usize, NaiveDate), Amount> = HashMap::new();
    for v in values {
        by_period.entry((v.indicator, v.start)).or_insert(v.value);
    }
    let mut rows = Vec::new();
    for (i, x) in agreement.indicators.iter().enumerate() {
        let per = Period::Every { unit: x.per, n: 1 };
        let windows = period::windows(per, &agreement.term, as_of);
        let value_in = |w: &Window| by_period.get(&(i, w.period.start)).copied();
        let baseline = x.baseline.or_else(|| windows.iter().find_map(value_in));
        rows.extend(windows.iter().map(|w| {
            let value = value_in(w);
            IndicatorRow {
                indicator: i,
                period: w.name,
                span: w.period,
                value,
                baseline,
                target: x.target,
                verdict: verdict(x.better, value, baseline, x.target),
            }
        }));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Indicator;
    use crate::model::fixture::{agreement, d, n};
    use crate::model::{Better::*, Rule, Verdict::*};
    use crate::period::Unit;

    #[test]
    fn a_target_reached_exactly_is_met_and_a_value_equal_to_the_baseline_is_not_better() {
        let some = |k| Some(n(k));
        // (better, value, baseline, target) → verdict
        for (better, value, baseline, target, expected) in [
            (Lower, some(20), some(31), some(20), Met),
            (Lower, some(21), some(31), some(20), Better),
            (Lower, some(31), some(31), some(20), NotBetter),
            (Lower, some(32), some(31), some(20), NotBetter),
            (Higher, some(80), some(70), some(80), Met),
            (Higher, some(79), some(70), some(80), Better),
            (Higher, some(70), some(70), some(80), NotBetter),
            (Higher, some(69), some(70), None, NotBetter),
            (Higher, some(71), some(70), None, Better),
            // A target looser than the baseline: reached, though worse.
            (Lower, some(25), some(10), some(30), Met),
            (Lower, some(5), None, None, NotBetter),
            (Lower, None, some(31), some(20), NoValue),
        ] {
            assert_eq!(
                verdict(better, value, baseline, target),
                expected,
                "{better:?} {value:?} {baseline:?} {target:?}"
            );
        }
        let half = Amount::parse(b"19.5", false).ok();
        assert_eq!(verdict(Lower, half, some(31), some(20)), Met);
        assert_eq!(verdict(Higher, half, some(19), None), Better);
    }

    fn with(indicator: Indicator, start: &str, end: &str) -> Agreement {
        Agreement {
            indicators: vec![indicator],
            ..agreement(Rule::Tracked, start, end)
        }
    }

    fn quarterly(baseline: Option<i64>, target: Option<i64>) -> Indicator {
        Indicator {
            id: "buskorning".into(),
            title: "Buskörning".into(),
            per: Unit::Quarter,
            better: Lower,
            unit: None,
            baseline: baseline.map(n),
            target: target.map(n),
        }
    }

    fn value(start: &str, k: i64) -> IndicatorValue {
        IndicatorValue {
            indicator: 0,
            start: d(start),
            value: n(k),
            source: String::new(),
        }
    }

    #[test]
    fn every_period_up_to_as_of_has_a_row_and_the_first_value_is_the_baseline() {
        let a = with(quarterly(None, Some(20)), "2019-01-01", "2019-12-31");
        let values = [
            value("2019-04-01", 25),
            value("2019-07-01", 31),
            value("2019-10-01", 9),
        ];
        let rows = indicator_rows(&a, &values, d("2019-08-15"));
        let shown: Vec<(String, Option<Amount>, Option<Amount>, Verdict)> = rows
            .iter()
            .map(|r| (r.label(), r.value, r.baseline, r.verdict))
            .collect();
        // Q4 starts after as-of: no row, and its value is no one's baseline.
        assert_eq!(
            shown,
            [
                ("2019-Q1".to_string(), None, Some(n(25)), NoValue),
                ("2019-Q2".to_string(), Some(n(25)), Some(n(25)), NotBetter),
                ("2019-Q3".to_string(), Some(n(31)), Some(n(25)), NotBetter),
            ]
        );
        let given = with(quarterly(Some(31), Some(20)), "2019-01-01", "2019-12-31");
        let rows = indicator_rows(&given, &values, d("2019-12-31"));
        let verdicts: Vec<Verdict> = rows.iter().map(|r| r.verdict).collect();
        assert_eq!(verdicts, [NoValue, Better, NotBetter, Met]);
    }

    #[test]
    fn a_period_cut_by_the_term_keeps_its_own_dates() {
        let weekly = Indicator {
            per: Unit::Week,
            ..quarterly(None, None)
        };
        let a = with(weekly, "2019-01-01", "2019-01-09");
        let rows = indicator_rows(&a, &[value("2018-12-31", 3)], d("2019-12-31"));
        let spans: Vec<(String, String, String)> = rows
            .iter()
            .map(|r| (r.label(), r.span.start.to_string(), r.span.end.to_string()))
            .collect();
        assert_eq!(
            spans,
            [
                ("2019-W01".into(), "2018-12-31".into(), "2019-01-06".into()),
                ("2019-W02".into(), "2019-01-07".into(), "2019-01-13".into()),
            ]
        );
        assert_eq!(rows[0].value, Some(n(3)));
    }
}
