//! One promise's standing in a sentence, as `log` shows it after writing.

use crate::compliance::Row;
use crate::i18n::Lang;
use crate::model::{Promise, Rule};
use crate::period::PeriodName;

/// Where a promise stands after `log`: `narvaro: 1 of 1 this week (week 20
/// 2019) — met`, `narvaro: 1 av 1 denna vecka (v. 20 2019) — uppfyllt`.
pub fn standing(lang: Lang, promise: &Promise, row: &Row, current: bool) -> String {
    let status = lang.status(row.status);
    let period = lang.period(row.period, Some(row.span.end));
    let (of, so_far) = match lang {
        Lang::Sv => ("av", "hittills under perioden"),
        Lang::En => ("of", "so far this term"),
    };
    match (&promise.rule, row.required) {
        (Rule::AtLeast { .. } | Rule::Share { .. } | Rule::PerEvent { .. }, Some(required)) => {
            let unit = promise
                .unit
                .as_ref()
                .map_or(String::new(), |u| format!(" {u}"));
            let when = match (row.period, current, lang) {
                (PeriodName::Unit { unit, .. }, true, _) => {
                    format!("{} ({period})", lang.this_period(unit))
                }
                (PeriodName::Term, _, Lang::Sv) => "under perioden".to_string(),
                (PeriodName::Term, _, Lang::En) => "over the term".to_string(),
                (_, _, Lang::Sv) => format!("under {period}"),
                (_, _, Lang::En) => format!("in {period}"),
            };
            format!(
                "{}: {} {of} {}{unit} {when} — {status}",
                row.name,
                lang.number(row.done),
                lang.number(required)
            )
        }
        (Rule::Deadline(due), _) => format!(
            "{}: {} {of} 1, {} {due} — {status}",
            row.name,
            row.done,
            lang.words().due
        ),
        _ => format!(
            "{}: {} {so_far} — {status}",
            row.name,
            lang.quantity(row.done, promise.unit.as_deref())
        ),
    }
}
