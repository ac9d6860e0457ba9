//! The keys that shape a promise beyond "N per period": which of them go together
//! (SPEC's "How the keys combine"), and what they name across the file — the
//! events and promises `per_event` answers, the stage `after` waits for, the
//! parent a `percent` is a share of, and each place's own term.

use super::promise::Draft;
use super::raw::{RawEvent, RawPromise, Value};
use super::{Sink, Span, value};
use crate::error::suggestion;
use crate::model::{Event, Item, Rule, Source};
use crate::period::{Period, Span as Days, Term};
use std::collections::HashMap;

/// For a key, the keys it cannot go with, and why.
const APART: &[(&str, &[&str], &str)] = &[
    (
        "per_event",
        &[
            "min", "due", "over", "each", "unit", "distinct", "percent", "after", "on", "months",
            "dates", "except",
        ],
        "a promise that answers events requires one answer per event",
    ),
    (
        "percent",
        &[
            "min", "per", "over", "due", "each", "unit", "distinct", "after", "on", "months",
            "dates", "except", "start", "end",
        ],
        "a share has its parent's windows and is of what the parent has done",
    ),
    (
        "distinct",
        &["unit", "over", "each", "due"],
        "`distinct` counts the different places or parties in each window",
    ),
    (
        "due",
        &["on", "months", "dates", "except"],
        "a deadline (`due`) is one day",
    ),
];

/// Keys that contradict each other, each pair named once; keys that need another.
pub(super) fn combinations(sink: &mut Sink, raw: &RawPromise) {
    let given: HashMap<&str, Span> = [
        ("min", raw.min),
        ("per", raw.per),
        ("over", raw.over),
        ("due", raw.due),
        ("each", raw.each),
        ("unit", raw.unit),
        ("distinct", raw.distinct),
        ("percent", raw.percent),
        ("after", raw.after),
        ("per_event", raw.per_event),
        ("within", raw.within),
        ("part_of", raw.part_of),
        ("start", raw.start),
        ("end", raw.end),
        ("on", raw.on),
        ("months", raw.months),
        ("dates", raw.dates),
        ("except", raw.except),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v.span())))
    .collect();
    let mut named: Vec<(&str, &str)> = Vec::new();
    for (key, others, why) in APART {
        if !given.contains_key(key) {
            continue;
        }
        for other in others.iter().filter(|o| given.contains_key(*o)) {
            if named.contains(&(other, key)) {
                continue;
            }
            named.push((key, other));
            sink.err(
                given[other].clone(),
                format!("`{other}` cannot go with `{key}`"),
                format!("{why}: remove `{other}` or `{key}`"),
            );
        }
    }
    for (key, needs, hint) in [
        (
            "within",
            "per_event",
            "`within` says how soon each event is answered: add per_event = \"...\" or remove it",
        ),
        (
            "percent",
            "part_of",
            "a share is of a parent promise: add part_of = \"...\"",
        ),
    ] {
        if let (Some(span), false) = (given.get(key), given.contains_key(needs)) {
            sink.err(span.clone(), format!("`{key}` without `{needs}`"), hint);
        }
    }
}

/// `[[event]]` sections: an id and a title each.
pub(super) fn events(sink: &mut Sink, v: &Value) -> Vec<(Event, Span)> {
    let mut out = Vec::new();
    for (table, item) in super::sections(sink, v, "event", "an") {
        let raw = RawEvent::read(table, sink);
        let title = raw.title.and_then(|v| value::string(sink, v, "title"));
        match raw.id.map(|v| (value::id(sink, v), v.span())) {
            Some((Some(id), span)) => out.push((
                Event {
                    title: title.unwrap_or_else(|| id.clone()),
                    id,
                },
                span,
            )),
            Some((None, _)) => {}
            None => sink.err(
                item,
                "an event without an `id`",
                "add id = \"...\" (a-z, 0-9 and -) to it",
            ),
        }
    }
    out
}

/// Resolves `per_event`, `after`, `percent` parents, item terms and calendar
/// filters, once every promise's term and `part_of` are known.
pub(super) fn links(sink: &mut Sink, drafts: &mut [Draft], events: &[(Event, Span)]) {
    let index: HashMap<String, usize> = drafts
        .iter()
        .enumerate()
        .rev()
        .map(|(i, d)| (d.promise.id.clone(), i))
        .collect();
    let all: Vec<String> = drafts
        .iter()
        .map(|d| d.promise.id.clone())
        .chain(events.iter().map(|(e, _)| e.id.clone()))
        .collect();
    for i in 0..drafts.len() {
        per_event(sink, drafts, i, &index, events, &all);
        after(sink, drafts, i, &index, &all[..drafts.len()]);
        share(sink, drafts, i);
        items(sink, &mut drafts[i]);
        some_day(sink, &drafts[i]);
        listed_days(sink, &drafts[i]);
    }
    let stages: Vec<Option<usize>> = drafts.iter().map(|d| d.promise.after).collect();
    super::whole::cycles(sink, drafts, "after", &stages, |d| d.after.as_ref());
}

fn unknown(sink: &mut Sink, key: &str, id: &str, span: &Span, all: &[String]) {
    let hint = suggestion(id, all.iter().map(String::as_str), || {
        format!("name one of: {}", all.join(", "))
    });
    sink.err(span.clone(), format!("`{key}` names no id \"{id}\""), hint);
}

fn per_event(
    sink: &mut Sink,
    drafts: &mut [Draft],
    i: usize,
    index: &HashMap<String, usize>,
    events: &[(Event, Span)],
    all: &[String],
) {
    let Some((id, span)) = drafts[i].per_event.clone() else {
        return;
    };
    let found = match (events.iter().position(|(e, _)| e.id == id), index.get(&id)) {
        (Some(k), _) => Some(Source::Event(k)),
        (None, Some(&p)) if p == i => {
            sink.err(
                span.clone(),
                format!("\"{id}\" answers itself"),
                "name the event (or other promise) it answers",
            );
            None
        }
        (None, Some(&p)) => Some(Source::Promise(p)),
        (None, None) => {
            unknown(sink, "per_event", &id, &span, all);
            None
        }
    };
    let d = &mut drafts[i];
    if let Rule::PerEvent { source, within, .. } = &mut d.promise.rule {
        if let Some(found) = found {
            *source = found;
        }
        if within.is_none() && d.promise.term.end.is_none() {
            sink.err(
                span,
                "`per_event` without `within` on a term with no end",
                "say how soon an event is answered, e.g. within = \"7 days\", or give the term an end",
            );
        }
    }
}

/// `after` names another promise with one window; `ids` are the promises'.
fn after(
    sink: &mut Sink,
    drafts: &mut [Draft],
    i: usize,
    index: &HashMap<String, usize>,
    ids: &[String],
) {
    let Some((id, span)) = drafts[i].after.clone() else {
        return;
    };
    let Some(&p) = index.get(&id) else {
        return unknown(sink, "after", &id, &span, ids);
    };
    if p == i {
        return sink.err(
            span,
            format!("\"{id}\" comes after itself"),
            "name the promise that must be completed first",
        );
    }
    // Its lines would count for the ancestor only once the ancestor is completed,
    // which they help to complete: nothing of it would ever count.
    let mut up = drafts[i].promise.part_of;
    for _ in 0..drafts.len() {
        let Some(a) = up else { break };
        if a == p {
            return sink.err(
                span,
                format!("`after` names \"{id}\", which \"{}\" is part of", drafts[i].promise.id),
                "a stage cannot wait for a promise its own activities count for: name a promise outside its part_of chain",
            );
        }
        up = drafts[a].promise.part_of;
    }
    let named = &drafts[p].promise;
    let one_window = drafts[p].each.is_empty()
        && match named.rule {
            Rule::Deadline(_) => true,
            Rule::AtLeast { per, over, .. } => per == Period::Term && over.is_none(),
            _ => false,
        };
    if !one_window {
        sink.err(
            span,
            format!("`after` names \"{id}\", which has more than one window"),
            "a stage follows a promise done once: `due`, or `min` with per = \"term\"",
        );
    }
    drafts[i].promise.after = Some(p);
}

/// A share's parent must count whole activities in windows of its own.
fn share(sink: &mut Sink, drafts: &[Draft], i: usize) {
    let d = &drafts[i];
    let (Rule::Share { .. }, Some(parent)) = (&d.promise.rule, d.promise.part_of) else {
        return;
    };
    let p = &drafts[parent];
    let why = match p.promise.rule {
        Rule::Deadline(_) => Some("a deadline"),
        Rule::PerEvent { .. } => Some("answers to events"),
        _ if !p.each.is_empty() => Some("kept per place"),
        _ if p.promise.unit.is_some() => Some("an amount in a unit"),
        _ => None,
    };
    if let (Some(why), Some((_, span))) = (why, &d.part_of) {
        sink.err(
            span.clone(),
            format!("a `percent` of \"{}\", which is {why}", p.promise.id),
            "a share is of a parent that counts activities per period: pick another parent",
        );
    }
}

/// Each place's own term, inside the promise's.
fn items(sink: &mut Sink, d: &mut Draft) {
    let term = d.promise.term;
    let mut items = Vec::new();
    for item in &d.each {
        let own = Term {
            start: item.start.unwrap_or(term.start),
            end: item.end.or(term.end),
        };
        let outside = own.start < term.start
            || term
                .end
                .is_some_and(|e| own.start > e || own.end.is_none_or(|oe| oe > e));
        if own.end.is_some_and(|e| e < own.start) {
            sink.err(
                item.span.clone(),
                format!("\"{}\" ends before it starts", item.name),
                "correct its `start` or `end`",
            );
        } else if outside {
            sink.err(
                item.span.clone(),
                format!("the term of \"{}\" is not inside the promise's", item.name),
                "an item's own start and end may only narrow the promise's term",
            );
        }
        items.push(Item {
            name: item.name.clone(),
            term: own,
        });
    }
    d.promise.each = items;
}

/// A listed day outside the promise's term: no activity counts on it, and most
/// likely its year is wrong. It still changes a figure when its `per` period is
/// one the term cuts: it is one of that period's days, which a cut window's
/// share of the minimum is reckoned from.
fn listed_days(sink: &mut Sink, d: &Draft) {
    let term = d.promise.term;
    let per = match d.promise.rule {
        Rule::AtLeast { per, .. } => Some(per),
        _ => None,
    };
    for (key, day, span) in &d.listed {
        if term.contains(*day) {
            continue;
        }
        let cut = per
            .and_then(|per| per.span_at(&term, *day))
            .is_some_and(|p| p.end >= term.start && term.end.is_none_or(|e| p.start <= e));
        let to = term.end.map_or(String::new(), |e| e.to_string());
        sink.warn(
            span.clone(),
            format!(
                "`{key}` lists {day}, outside the promise's term {}..{to}",
                term.start
            ),
            if cut {
                "correct the year, or remove the date: no activity counts on it, yet as a day of a period the term cuts it changes what that window requires"
            } else {
                "correct the year, or remove the date: as it stands it changes nothing"
            },
        );
    }
}

/// Calendar filters must leave at least one day of a term with an end.
fn some_day(sink: &mut Sink, d: &Draft) {
    let (Some((key, span)), Some(end)) = (&d.filter, d.promise.term.end) else {
        return;
    };
    let term = Days {
        start: d.promise.term.start,
        end,
    };
    if end >= term.start && d.promise.calendar.days_in(term) == 0 {
        let written = sink.text.get(span.clone()).unwrap_or("").to_string();
        sink.err(
            span.clone(),
            format!(
                "no day of the term {}..{} is in `{key} = {written}`",
                term.start, term.end
            ),
            "check the filter against the term: as it stands the promise never has a day",
        );
    }
}
