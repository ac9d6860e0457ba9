//! One raw value into its type, or an error that says what was expected. The
//! values said in words, English or Swedish (periods, `within`, weekdays), are in
//! `period`.

mod period;

pub(super) use period::{aliases, period, weekdays, within};

use super::raw::{RawItem, Value};
use super::{Sink, Span};
use crate::amount::Amount;
use crate::error::did_you_mean;
use crate::model::Distinct;
use chrono::NaiveDate;
use toml::de::DeValue;

/// A key as given: absent, present but unusable (already reported), or its value.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Field<T> {
    Absent,
    Broken,
    Given(T, Span),
}

impl<T> Field<T> {
    /// Reads `value` with `typed` when the key is there.
    pub fn read(value: Option<&Value>, typed: impl FnOnce(&Value) -> Option<T>) -> Field<T> {
        match value {
            None => Field::Absent,
            Some(v) => typed(v).map_or(Field::Broken, |t| Field::Given(t, v.span())),
        }
    }

    pub fn given(&self) -> Option<(&T, &Span)> {
        match self {
            Field::Given(t, span) => Some((t, span)),
            _ => None,
        }
    }

    pub fn value(&self) -> Option<&T> {
        self.given().map(|(t, _)| t)
    }
}

/// A string that may be shown to anyone: no personal number, no control character.
pub(super) fn string(sink: &mut Sink, value: &Value, key: &str) -> Option<String> {
    match value.get_ref() {
        DeValue::String(s) if crate::privacy::personal_number(s.as_bytes()).is_some() => {
            sink.err(
                value.span(),
                format!("`{key}` holds what looks like a personal identity number"),
                "promises.toml is shown to everyone: remove the number",
            );
            None
        }
        DeValue::String(s) if s.chars().any(crate::privacy::hidden_char) => {
            sink.err(
                value.span(),
                format!("`{key}` holds a control character"),
                "remove it: it would reach the terminal as it is (an escape sequence, say)",
            );
            None
        }
        DeValue::String(s) => Some(s.to_string()),
        other => {
            sink.err(
                value.span(),
                format!("`{key}` must be a string, not {}", other.type_str()),
                format!("put the value in quotes: {key} = \"...\""),
            );
            None
        }
    }
}

/// A list of strings, each with its own span; unusable items are reported and left out.
pub(super) fn strings(sink: &mut Sink, value: &Value, key: &str) -> Vec<(String, Span)> {
    match value.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|item| string(sink, item, key).map(|s| (s, item.span())))
            .collect(),
        other => {
            sink.err(
                value.span(),
                format!(
                    "`{key}` must be a list of strings, not {}",
                    other.type_str()
                ),
                format!("write {key} = [\"a\", \"b\"]"),
            );
            Vec::new()
        }
    }
}

/// A TOML date (or a quoted YYYY-MM-DD) without a time.
pub(super) fn date(sink: &mut Sink, value: &Value, key: &str) -> Option<NaiveDate> {
    let hint = format!("write a date such as {key} = 2019-01-01");
    let (message, hint) = match value.get_ref() {
        DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                let (y, m, d) = (i32::from(d.year), u32::from(d.month), u32::from(d.day));
                match NaiveDate::from_ymd_opt(y, m, d) {
                    Some(date) => return Some(date),
                    None => (format!("`{key}`: no such day"), hint),
                }
            }
            _ => (
                format!("`{key}` has a time part"),
                format!("{hint}, without a time"),
            ),
        },
        DeValue::String(s) => match crate::ledger::parse_date(s.as_bytes()) {
            Ok(d) => return Some(d),
            Err(why) => (format!("`{key}` is not a date: {why}"), hint),
        },
        other => (
            format!("`{key}` must be a date, not {}", other.type_str()),
            hint,
        ),
    };
    sink.err(value.span(), message, hint);
    None
}

/// `min`: a decimal number with at most six decimals.
pub(super) fn amount(sink: &mut Sink, value: &Value, key: &str) -> Option<Amount> {
    let text = match value.get_ref() {
        DeValue::Integer(i) if i.radix() == 10 => i.as_str().replace('_', ""),
        DeValue::Float(f) => f.as_str().replace('_', ""),
        other => {
            sink.err(
                value.span(),
                format!("`{key}` must be a number, not {}", other.type_str()),
                format!("write a number such as {key} = 2"),
            );
            return None;
        }
    };
    let parsed = Amount::parse(text.as_bytes(), false).ok();
    if parsed.is_none() {
        sink.err(
            value.span(),
            format!("`{key} = {text}` is not a usable number"),
            "write a plain number with at most 6 decimals",
        );
    }
    parsed
}

/// A non-empty list; each item read with `item`, those it refuses left out.
fn list<T: PartialEq>(
    sink: &mut Sink,
    value: &Value,
    key: &str,
    example: &str,
    mut item: impl FnMut(&mut Sink, &Value) -> Option<T>,
) -> Option<Vec<(T, Span)>> {
    let DeValue::Array(items) = value.get_ref() else {
        sink.err(
            value.span(),
            format!("`{key}` must be a list, not {}", value.get_ref().type_str()),
            format!("write {key} = {example}"),
        );
        return None;
    };
    if items.is_empty() {
        sink.err(
            value.span(),
            format!("`{key}` is empty"),
            format!("list what counts, e.g. {key} = {example}, or remove the line"),
        );
        return None;
    }
    let typed: Vec<(T, Span)> = items
        .iter()
        .filter_map(|i| item(sink, i).map(|t| (t, i.span())))
        .collect();
    for (k, (t, span)) in typed.iter().enumerate() {
        if typed[..k].iter().any(|(earlier, _)| earlier == t) {
            let written = sink.text.get(span.clone()).unwrap_or("").to_string();
            sink.warn(
                span.clone(),
                format!("`{key}` lists {written} twice"),
                "remove the repeated entry; it changes nothing",
            );
        }
    }
    Some(typed)
}

/// `distinct`: the column whose different values count.
pub(super) fn distinct(sink: &mut Sink, value: &Value) -> Option<Distinct> {
    let text = string(sink, value, "distinct")?;
    match text.as_str() {
        "place" => Some(Distinct::Place),
        "by" => Some(Distinct::By),
        _ => {
            let hint = match did_you_mean(&text, ["place", "by", "plats", "av"]) {
                Some("plats") => "did you mean \"place\"?".to_string(),
                Some("av") => "did you mean \"by\"?".to_string(),
                Some(word) => format!("did you mean \"{word}\"?"),
                None => {
                    "write distinct = \"place\" (different places) or \"by\" (different parties)"
                        .into()
                }
            };
            sink.err(
                value.span(),
                format!("`distinct = \"{text}\"` is not a column it can count"),
                hint,
            );
            None
        }
    }
}

/// `percent`: a share, more than 0 and at most 100.
pub(super) fn percent(sink: &mut Sink, value: &Value) -> Option<Amount> {
    let p = amount(sink, value, "percent")?;
    if !p.is_positive() || p > Amount::from_int(100) {
        sink.err(
            value.span(),
            format!("`percent = {p}` is not a share"),
            "write a percentage above 0 and at most 100, e.g. percent = 20",
        );
        return None;
    }
    Some(p)
}

/// One place of an `each` list as written: a string, or `{ item, start, end }`.
pub(super) struct ItemDraft {
    pub name: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub span: Span,
}

/// `each`: places, each a string or an inline table with its own term.
pub(super) fn items(sink: &mut Sink, value: &Value) -> Vec<ItemDraft> {
    let DeValue::Array(items) = value.get_ref() else {
        sink.err(
            value.span(),
            format!("`each` must be a list, not {}", value.get_ref().type_str()),
            "write each = [\"Centrum\", { item = \"Kiosken\", start = 2018-03-01 }]",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let span = item.span();
        let DeValue::Table(table) = item.get_ref() else {
            if let Some(name) = string(sink, item, "each") {
                out.push(ItemDraft {
                    name,
                    start: None,
                    end: None,
                    span,
                });
            }
            continue;
        };
        let raw = RawItem::read(table, sink);
        let name = raw.item.and_then(|v| string(sink, v, "item"));
        let start = raw.start.and_then(|v| date(sink, v, "start"));
        let end = raw.end.and_then(|v| date(sink, v, "end"));
        match name {
            Some(name) => out.push(ItemDraft {
                name,
                start,
                end,
                span,
            }),
            None if raw.item.is_none() => sink.err(
                span,
                "an `each` item without `item`",
                "name the place: { item = \"Kiosken\", start = 2018-03-01 }",
            ),
            None => {}
        }
    }
    out
}

/// `months`: month numbers 1–12.
pub(super) fn months(sink: &mut Sink, value: &Value) -> Option<[bool; 12]> {
    let numbers = list(sink, value, "months", "[6, 7, 8]", |sink, item| {
        let month = match item.get_ref() {
            DeValue::Integer(i) => i
                .as_str()
                .parse::<usize>()
                .ok()
                .filter(|m| (1..=12).contains(m)),
            _ => None,
        };
        if month.is_none() {
            sink.err(
                item.span(),
                "`months` holds months 1–12",
                "write e.g. months = [6, 7, 8] for June to August",
            );
        }
        month
    })?;
    let mut months = [false; 12];
    for (m, _) in numbers {
        months[m - 1] = true;
    }
    Some(months)
}

/// `dates`/`except`: days as written, each with its span (for warnings about the term).
pub(super) fn dates(sink: &mut Sink, value: &Value, key: &str) -> Option<Vec<(NaiveDate, Span)>> {
    list(sink, value, key, "[2016-12-24]", |sink, item| {
        date(sink, item, key)
    })
}

/// An id: `[a-z0-9-]+`. A wrong one is still returned, so later checks can use it.
pub(super) fn id(sink: &mut Sink, value: &Value) -> Option<String> {
    let id = string(sink, value, "id")?;
    if let Some(fixed) = id_fix(&id) {
        sink.err(
            value.span(),
            format!("id \"{id}\" may only hold a-z, 0-9 and -"),
            format!("write it as \"{fixed}\""),
        );
    }
    Some(id)
}

/// The id written the allowed way, when it is not already.
fn id_fix(id: &str) -> Option<String> {
    let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
    if !id.is_empty() && id.bytes().all(allowed) {
        return None;
    }
    let fixed: String = id
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        })
        .collect();
    Some(if fixed.is_empty() {
        "my-promise".to_string()
    } else {
        fixed
    })
}

#[cfg(test)]
mod tests;
