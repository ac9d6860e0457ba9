//! `indicators`: each indicator's value per period, with its verdict. Scripts get
//! SPEC's fields with decimal points; people get words and numbers of their
//! language.

use super::table::Narrow;
use super::{Grid, Records, Rows, Tone, Value};
use crate::compliance::IndicatorRow;
use crate::i18n::Lang;
use crate::model::Agreement;

pub const INDICATOR_FIELDS: [&str; 8] = [
    "indicator",
    "period",
    "start",
    "end",
    "value",
    "baseline",
    "target",
    "verdict",
];

pub fn render(
    agreement: &Agreement,
    rows: &[IndicatorRow],
    form: Rows,
    lang: Lang,
    screen: super::table::Screen,
) -> String {
    super::emit(
        form,
        || records(agreement, rows),
        || grid(agreement, rows, lang),
        lang.words().no_indicators,
        screen,
    )
}

fn id(agreement: &Agreement, row: &IndicatorRow) -> String {
    agreement.indicators[row.indicator].id.clone()
}

pub fn records(agreement: &Agreement, rows: &[IndicatorRow]) -> Records {
    Records {
        fields: &INDICATOR_FIELDS,
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Value::Text(id(agreement, r)),
                    Value::Text(r.label()),
                    Value::Text(r.span.start.to_string()),
                    Value::Text(r.span.end.to_string()),
                    Value::maybe(r.value),
                    Value::maybe(r.baseline),
                    Value::maybe(r.target),
                    Value::Text(r.verdict.as_str().to_string()),
                ]
            })
            .collect(),
    }
}

pub fn grid(agreement: &Agreement, rows: &[IndicatorRow], lang: Lang) -> Grid {
    let w = lang.words();
    let number = |n: Option<crate::amount::Amount>| n.map_or(String::new(), |n| lang.number(n));
    Grid {
        headings: vec![
            w.indicator,
            w.period,
            w.start,
            w.end,
            w.value,
            w.baseline,
            w.target,
            w.verdict,
        ],
        status_column: 7,
        numeric: vec![false, false, false, false, true, true, true, false],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    id(agreement, r),
                    lang.period(r.period, None),
                    r.span.start.to_string(),
                    r.span.end.to_string(),
                    number(r.value),
                    number(r.baseline),
                    number(r.target),
                    lang.verdict(r.verdict).to_string(),
                ]
            })
            .collect(),
        tones: rows.iter().map(|r| Tone::of_verdict(r.verdict)).collect(),
        // Labels for words, then the dates, then the target and baseline.
        narrowing: vec![
            Narrow::Shorten(1, rows.iter().map(IndicatorRow::label).collect()),
            Narrow::Drop(3),
            Narrow::Drop(2),
            Narrow::Drop(6),
            Narrow::Drop(5),
        ],
        dropped: Vec::new(),
    }
}
