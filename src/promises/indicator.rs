//! `[[indicator]]` sections: outcome statistics copied in from elsewhere, each
//! measured per calendar period, with the way it improves and, optionally, where
//! it started and where it should go.

use super::raw::{RawIndicator, Value};
use super::{Sink, Span, value};
use crate::error::did_you_mean;
use crate::model::{Better, Indicator};
use crate::period::{Period, PeriodError, Unit};

/// The period words an indicator may be measured in.
const KINDS: [&str; 6] = ["week", "month", "quarter", "tertial", "half-year", "year"];

/// Every `[[indicator]]` section that has an id, with the span of its id.
pub(super) fn indicators(sink: &mut Sink, v: &Value) -> Vec<(Indicator, Span)> {
    let mut out = Vec::new();
    for (table, span) in super::sections(sink, v, "indicator", "an") {
        let raw = RawIndicator::read(table, sink);
        out.extend(indicator(sink, &raw, span));
    }
    out
}

fn indicator(sink: &mut Sink, raw: &RawIndicator, span: Span) -> Option<(Indicator, Span)> {
    let id = raw
        .id
        .and_then(|v| value::id(sink, v).map(|id| (id, v.span())));
    let title = raw.title.and_then(|v| value::string(sink, v, "title"));
    let per = raw.per.and_then(|v| per(sink, v));
    let better = raw.better.and_then(|v| better(sink, v));
    let unit = raw.unit.and_then(|v| super::promise::unit(sink, v));
    let baseline = raw
        .baseline
        .and_then(|v| value::amount(sink, v, "baseline"));
    let target = raw.target.and_then(|v| value::amount(sink, v, "target"));
    for (key, given, hint) in [
        ("id", raw.id, "add id = \"...\" (a-z, 0-9 and -) to it"),
        (
            "title",
            raw.title,
            "add title = \"...\": what is measured, as the follow-up shows it",
        ),
        (
            "per",
            raw.per,
            "add the period its figures are for, e.g. per = \"quarter\"",
        ),
        (
            "better",
            raw.better,
            "add better = \"lower\" (fewer is better: reported crimes) or \"higher\" (more is: a share who feel safe)",
        ),
    ] {
        if given.is_none() {
            sink.err(
                span.start..span.start + "[[indicator]]".len(),
                format!("an indicator without `{key}`"),
                hint,
            );
        }
    }
    let (id, id_span) = id?;
    // A `per` or `better` missing or broken has been reported, so the agreement is
    // refused: the stand-ins below never reach a figure, and the id still takes
    // part in the check for ids used twice.
    let indicator = Indicator {
        title: title.unwrap_or_else(|| id.clone()),
        id,
        per: per.unwrap_or(Unit::Year),
        better: better.unwrap_or(Better::Lower),
        unit,
        baseline,
        target,
    };
    Some((indicator, id_span))
}

/// `per`: one calendar period, as a statistic is counted (not a day, a group of
/// periods or the whole term).
fn per(sink: &mut Sink, v: &Value) -> Option<Unit> {
    let text = value::string(sink, v, "per")?;
    let kinds = KINDS.join(", ");
    let hint = match Period::parse(&text) {
        Ok(Period::Every { unit, n: 1 }) if unit != Unit::Day => return Some(unit),
        Ok(Period::Term) => format!(
            "an indicator has one figure per calendar period, not one for the whole term: use {kinds}"
        ),
        Ok(Period::Every {
            unit: Unit::Day,
            n: 1,
        }) => {
            format!("an indicator is not counted per day: use {kinds}")
        }
        Ok(Period::Every { .. })
        | Err(PeriodError::NoMultiples(_) | PeriodError::ZeroCount | PeriodError::OneDay) => {
            format!("an indicator has one figure per period, not per group of periods: use {kinds}")
        }
        Err(PeriodError::Unknown) => {
            // "quarterly", "months": the word under the ending is the likely one.
            let guess = text.trim().to_lowercase();
            let guess = guess.trim_end_matches("ly").trim_end_matches('s');
            match did_you_mean(guess, KINDS).or_else(|| did_you_mean(&text, KINDS)) {
                Some(kind) => format!("did you mean \"{kind}\"? ({kinds})"),
                None => format!("use one of: {kinds}"),
            }
        }
    };
    sink.err(
        v.span(),
        format!("`per = \"{text}\"` is not a period an indicator is measured in"),
        hint,
    );
    None
}

/// `better`: `lower` or `higher`.
fn better(sink: &mut Sink, v: &Value) -> Option<Better> {
    let text = value::string(sink, v, "better")?;
    match text.trim() {
        "lower" => return Some(Better::Lower),
        "higher" => return Some(Better::Higher),
        _ => {}
    }
    // Other words for the same two directions, Swedish ones among them.
    const WORDS: [(&str, &str); 8] = [
        ("lower", "lower"),
        ("higher", "higher"),
        ("lägre", "lower"),
        ("högre", "higher"),
        ("less", "lower"),
        ("fewer", "lower"),
        ("more", "higher"),
        ("greater", "higher"),
    ];
    let near = did_you_mean(text.trim(), WORDS.iter().map(|(w, _)| *w));
    let hint = match WORDS.iter().find(|(w, _)| Some(*w) == near) {
        Some((_, meant)) => format!("did you mean \"{meant}\"?"),
        None => "write better = \"lower\" (fewer is better) or better = \"higher\"".to_string(),
    };
    sink.err(
        v.span(),
        format!("`better = \"{text}\"` says neither lower nor higher"),
        hint,
    );
    None
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use crate::model::{Agreement, Better};
    use crate::period::Unit;
    use std::path::Path;

    const TOP: &str = "start = 2019-01-01\nend = 2019-12-31\n[[promise]]\nid = \"narvaro\"\n";

    fn checked(indicators: &str) -> Result<Agreement, Vec<String>> {
        let text = format!("{TOP}{indicators}");
        crate::promises::parse(Path::new("p.toml"), &text).map_err(|e| match e {
            Error::Input(d) => d
                .into_iter()
                .map(|d| format!("{}:{} {} — {}", d.line, d.col, d.message, d.hint))
                .collect(),
            other => vec![other.to_string()],
        })
    }

    #[test]
    fn an_indicator_is_read_with_its_optional_keys() {
        let a = checked(
            "[[indicator]]\nid = \"buskorning\"\ntitle = \"Buskörning\"\nper = \"quarter\"\n\
             better = \"lower\"\nunit = \"anmälningar\"\nbaseline = 31\ntarget = 20.5\n\
             [[indicator]]\nid = \"trygghet\"\ntitle = \"Trygghet\"\nper = \"year\"\nbetter = \"higher\"\n",
        )
        .unwrap();
        let [b, t] = &a.indicators[..] else {
            panic!("{:?}", a.indicators)
        };
        assert_eq!((b.per, b.better), (Unit::Quarter, Better::Lower));
        assert_eq!(b.unit.as_deref(), Some("anmälningar"));
        assert_eq!(
            (
                b.baseline.unwrap().to_string(),
                b.target.unwrap().to_string()
            ),
            ("31".to_string(), "20.5".to_string())
        );
        assert_eq!(
            (t.per, t.better, t.baseline),
            (Unit::Year, Better::Higher, None)
        );
    }

    #[test]
    fn each_problem_is_named_where_it_is() {
        let section = |keys: &str| format!("[[indicator]]\nid = \"x\"\ntitle = \"X\"\n{keys}\n");
        for (keys, expected) in [
            (
                "per = \"term\"\nbetter = \"lower\"",
                "8:7 `per = \"term\"` is not a period an indicator is measured in — an indicator has one figure per calendar period, not one for the whole term",
            ),
            (
                "per = \"2 months\"\nbetter = \"lower\"",
                "8:7 `per = \"2 months\"` is not a period an indicator is measured in — an indicator has one figure per period, not per group",
            ),
            (
                "per = \"day\"\nbetter = \"lower\"",
                "8:7 `per = \"day\"` is not",
            ),
            (
                "per = \"quarterly\"\nbetter = \"lower\"",
                "8:7 `per = \"quarterly\"` is not a period an indicator is measured in — did you mean \"quarter\"?",
            ),
            (
                "per = \"year\"\nbetter = \"lägre\"",
                "9:10 `better = \"lägre\"` says neither lower nor higher — did you mean \"lower\"?",
            ),
            (
                "per = \"year\"\nbetter = \"lower\"\ntarge = 3",
                "10:1 unknown key `targe` in an indicator — did you mean \"target\"?",
            ),
            (
                "per = \"year\"",
                "5:1 an indicator without `better` — add better = \"lower\"",
            ),
            (
                "per = \"year\"\nbetter = \"lower\"\nbaseline = \"31\"",
                "10:12 `baseline` must be a number, not string",
            ),
        ] {
            let errors = checked(&section(keys)).unwrap_err();
            assert!(
                errors.iter().any(|e| e.starts_with(expected)),
                "{keys}: {errors:?}"
            );
        }
    }

    #[test]
    fn promises_events_and_indicators_share_one_set_of_ids() {
        let errors = checked(
            "[[event]]\nid = \"e\"\n\
             [[indicator]]\nid = \"narvaro\"\ntitle = \"N\"\nper = \"year\"\nbetter = \"lower\"\n\
             [[indicator]]\nid = \"e\"\ntitle = \"E\"\nper = \"year\"\nbetter = \"lower\"\n",
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [
                "8:6 id \"narvaro\" is used twice — promises, events and indicators share one set of ids: give each its own",
                "13:6 id \"e\" is used twice — promises, events and indicators share one set of ids: give each its own",
            ]
        );
    }
}
