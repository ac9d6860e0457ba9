//! One `[[promise]]` on its own: its values typed, its rule, its `each` list.

use super::raw::RawPromise;
use super::value::{self, Field};
use super::{Sink, Span};
use crate::amount::Amount;
use crate::model::{Promise, Rule, Source};
use crate::period::{Calendar, Period, Term};
use chrono::NaiveDate;

/// A promise as written, with the spans the checks across promises point at.
pub(super) struct Draft {
    pub promise: Promise,
    pub part_of: Option<(String, Span)>,
    pub id_span: Span,
    pub start: Field<NaiveDate>,
    pub end: Field<NaiveDate>,
    pub due_span: Span,
    pub responsible: Vec<(String, Span)>,
    pub each: Vec<value::ItemDraft>,
    /// `per_event` and `after` as written, resolved across promises.
    pub per_event: Option<(String, Span)>,
    pub after: Option<(String, Span)>,
    /// The first calendar filter, for "no day of the term is in …".
    pub filter: Option<(&'static str, Span)>,
    /// `dates` and `except` as written, for "outside the term".
    pub listed: Vec<(&'static str, NaiveDate, Span)>,
}

/// The rule's keys, typed.
struct RuleKeys {
    min: Field<Amount>,
    per: Field<Period>,
    over: Field<Period>,
    due: Field<NaiveDate>,
    unit: Option<String>,
}

pub(super) fn draft(sink: &mut Sink, raw: &RawPromise, span: Span) -> Option<Draft> {
    let id = Field::read(raw.id, |v| value::id(sink, v));
    let title = raw.title.and_then(|v| value::string(sink, v, "title"));
    if let Some(v) = raw.note {
        value::string(sink, v, "note");
    }
    let responsible = raw
        .responsible
        .map_or_else(Vec::new, |v| value::strings(sink, v, "responsible"));
    let keys = rule_keys(sink, raw);
    let start = Field::read(raw.start, |v| value::date(sink, v, "start"));
    let end = Field::read(raw.end, |v| value::date(sink, v, "end"));
    let part_of = Field::read(raw.part_of, |v| value::string(sink, v, "part_of"));
    let each = raw.each.map(|v| (value::items(sink, v), v.span()));
    let (calendar, listed) = calendar(sink, raw);
    let distinct = raw.distinct.and_then(|v| value::distinct(sink, v));
    let percent = raw.percent.and_then(|v| value::percent(sink, v));
    let within = raw.within.and_then(|v| value::within(sink, v));
    let per_event = Field::read(raw.per_event, |v| value::string(sink, v, "per_event"));
    let after = Field::read(raw.after, |v| value::string(sink, v, "after"));
    super::shapes::combinations(sink, raw);
    let Field::Given(id, id_span) = id else {
        sink.err(
            span.start..span.start + 9,
            "a promise without an `id`",
            "add id = \"...\" (a-z, 0-9 and -) to it",
        );
        return None;
    };
    let rule = shaped_rule(sink, raw, &keys, percent, within, &per_event);
    over(sink, &keys);
    let part_of = part_of.given().map(|(p, s)| (p.clone(), s.clone()));
    if let Some((items, span)) = &each {
        let names: Vec<(String, Span)> = items
            .iter()
            .map(|i| (i.name.clone(), i.span.clone()))
            .collect();
        each_list(
            sink,
            &names,
            span.clone(),
            part_of.as_ref().map(|(_, s)| s.clone()),
        );
    }
    Some(Draft {
        promise: Promise {
            title: title.unwrap_or_else(|| id.clone()),
            id,
            responsible: responsible.iter().map(|(r, _)| r.clone()).collect(),
            term: Term {
                start: NaiveDate::MIN,
                end: None,
            },
            rule: rule.unwrap_or(Rule::Tracked),
            unit: keys.unit,
            part_of: None,
            calendar,
            // Each item's term is set with the promise's.
            each: Vec::new(),
            distinct,
            after: None,
            aliases: value::aliases(raw),
        },
        part_of,
        id_span,
        start,
        end,
        due_span: keys.due.given().map_or(0..0, |(_, s)| s.clone()),
        responsible,
        each: each.map_or_else(Vec::new, |(items, _)| items),
        per_event: per_event.given().map(|(p, s)| (p.clone(), s.clone())),
        after: after.given().map(|(p, s)| (p.clone(), s.clone())),
        filter: first_filter(raw),
        listed,
    })
}

/// The first calendar filter the promise has, and where it is.
fn first_filter(raw: &RawPromise) -> Option<(&'static str, Span)> {
    [
        ("on", raw.on),
        ("months", raw.months),
        ("dates", raw.dates),
        ("except", raw.except),
    ]
    .into_iter()
    .find_map(|(k, v)| v.map(|v| (k, v.span())))
}

/// A share, answers to events, or the rule of `min`/`per`/`due`.
fn shaped_rule(
    sink: &mut Sink,
    raw: &RawPromise,
    keys: &RuleKeys,
    percent: Option<Amount>,
    within: Option<u32>,
    per_event: &Field<String>,
) -> Option<Rule> {
    match (percent, per_event) {
        (Some(percent), _) => Some(Rule::Share { percent }),
        // The source is resolved once every id is known.
        (_, Field::Given(..)) => Some(Rule::PerEvent {
            source: Source::Event(usize::MAX),
            within,
            per: keys.per.value().copied().unwrap_or(Period::Term),
        }),
        _ if raw.percent.is_some() || raw.per_event.is_some() => None,
        _ => rule(sink, keys),
    }
}

/// `on`, `months`, `dates`, `except`: the days the promise counts, and the listed
/// days with where they are written.
fn calendar(sink: &mut Sink, raw: &RawPromise) -> (Calendar, Vec<(&'static str, NaiveDate, Span)>) {
    let dates = raw.dates.and_then(|v| value::dates(sink, v, "dates"));
    let except = raw.except.and_then(|v| value::dates(sink, v, "except"));
    let days = |list: &Option<Vec<(NaiveDate, Span)>>| -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = list.iter().flatten().map(|(d, _)| *d).collect();
        days.sort_unstable();
        days.dedup();
        days
    };
    let calendar = Calendar {
        on: raw.on.and_then(|v| value::weekdays(sink, v)),
        months: raw.months.and_then(|v| value::months(sink, v)),
        dates: dates.as_ref().map(|_| days(&dates)),
        except: days(&except),
    };
    let listed = [("dates", dates), ("except", except)]
        .into_iter()
        .flat_map(|(key, list)| list.into_iter().flatten().map(move |(d, s)| (key, d, s)))
        .collect();
    (calendar, listed)
}

fn rule_keys(sink: &mut Sink, raw: &RawPromise) -> RuleKeys {
    RuleKeys {
        min: Field::read(raw.min, |v| value::amount(sink, v, "min")),
        per: Field::read(raw.per, |v| value::period(sink, v, "per")),
        over: Field::read(raw.over, |v| value::period(sink, v, "over")),
        due: Field::read(raw.due, |v| value::date(sink, v, "due")),
        unit: raw.unit.and_then(|v| unit(sink, v)),
    }
}

/// `unit`: a name, not empty (a promise's amounts, an indicator's values).
pub(super) fn unit(sink: &mut Sink, v: &super::raw::Value) -> Option<String> {
    let unit = value::string(sink, v, "unit")?;
    if unit.is_empty() {
        sink.err(
            v.span(),
            "`unit` is empty",
            "name the unit, e.g. unit = \"timmar\", or remove the line",
        );
    }
    Some(unit)
}

/// A deadline, a rule, or tracked; `None` when the keys contradict each other.
/// A promise with a broken `min` or `per` must not silently become tracked.
fn rule(sink: &mut Sink, k: &RuleKeys) -> Option<Rule> {
    if let Some((m, span)) = k.min.given() {
        if !m.is_positive() {
            sink.err(
                span.clone(),
                format!("`min = {m}` asks for nothing"),
                "write at least 1, or remove min/per to track the promise without a rule",
            );
        } else if k.unit.is_none() && !m.is_whole() {
            sink.err(
                span.clone(),
                format!("`min = {m}` is not a whole number of activities"),
                "write a whole number, or add `unit = \"...\"` to count amounts such as hours",
            );
        }
    }
    let rule_keys = k.min != Field::Absent || k.per != Field::Absent;
    match (&k.min, &k.per, &k.due) {
        (_, _, Field::Given(_, dspan)) if rule_keys => {
            sink.err(
                dspan.clone(),
                "`due` together with `min`/`per`",
                "a promise is either a deadline (`due`) or a rule (`min` per period): keep one",
            );
            None
        }
        (_, _, Field::Given(d, _)) => Some(Rule::Deadline(*d)),
        (Field::Given(m, _), Field::Given(p, _), _) => Some(Rule::AtLeast {
            min: *m,
            per: *p,
            over: k.over.value().copied(),
        }),
        (Field::Given(_, span), Field::Absent, _) => {
            sink.err(
                span.clone(),
                "`min` without `per`",
                "add per = \"week\" (or month, quarter, tertial, half-year, year, term)",
            );
            None
        }
        (Field::Absent, Field::Given(_, span), _) => {
            sink.err(
                span.clone(),
                "`per` without `min`",
                "add min = N, the least number of activities per period",
            );
            None
        }
        (Field::Absent, Field::Absent, Field::Absent) => Some(Rule::Tracked),
        _ => None,
    }
}

/// `over` needs a rule to average, over a period at least as long as `per`.
fn over(sink: &mut Sink, k: &RuleKeys) {
    let Some((o, span)) = k.over.given() else {
        return;
    };
    match &k.per {
        Field::Absent => sink.err(
            span.clone(),
            "`over` without `min`/`per`",
            "an average needs min = N and per = \"...\" too",
        ),
        Field::Given(p, _) if o.nominal_days() < p.nominal_days() => sink.err(
            span.clone(),
            format!("`over = \"{o}\"` is shorter than `per = \"{p}\"`"),
            "the average is taken over a longer period: make `over` at least as long as `per`",
        ),
        _ => {}
    }
}

/// `each`: places listed once, none empty, and not on a `part_of` promise.
fn each_list(sink: &mut Sink, items: &[(String, Span)], span: Span, part_of: Option<Span>) {
    if items.is_empty() {
        sink.err(
            span,
            "`each` is empty",
            "list the places, e.g. each = [\"Centrum\", \"Hamnen\"], or remove it",
        );
    }
    let mut listed = std::collections::HashSet::new();
    for (item, ispan) in items {
        if !listed.insert(item.as_str()) {
            sink.err(
                ispan.clone(),
                format!("\"{item}\" is listed twice in `each`"),
                "list every place once",
            );
        }
        if item.trim().is_empty() {
            sink.err(
                ispan.clone(),
                "an empty place in `each`",
                "name the place, or remove the empty entry",
            );
        }
    }
    if let Some(pspan) = part_of {
        sink.err(
            pspan,
            "`each` and `part_of` on the same promise",
            "count per place on the parent promise, or drop `each` here",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::promises::raw::RawPromise;
    use crate::promises::reported;

    /// The rule of a promise table, and what was reported on the way.
    fn rule_of(text: &str) -> (Option<Rule>, Vec<String>) {
        reported(text, |sink, table| {
            let raw = RawPromise::read(table, sink);
            let keys = rule_keys(sink, &raw);
            let rule = rule(sink, &keys);
            over(sink, &keys);
            rule
        })
    }

    #[test]
    fn the_keys_make_a_deadline_a_rule_or_tracked() {
        let day = NaiveDate::from_ymd_opt(2020, 2, 29).unwrap();
        assert_eq!(rule_of("due = 2020-02-29").0, Some(Rule::Deadline(day)));
        assert_eq!(rule_of("").0, Some(Rule::Tracked));
        let (rule, messages) = rule_of("min = 2\nper = \"month\"\nover = \"year\"");
        assert!(messages.is_empty(), "{messages:?}");
        let Some(Rule::AtLeast { min, per, over }) = rule else {
            panic!("not a rule: {rule:?}");
        };
        assert_eq!(
            (min.to_string(), per.to_string()),
            ("2".into(), "month".into())
        );
        assert_eq!(over.map(|o| o.to_string()).as_deref(), Some("year"));
    }

    #[test]
    fn contradictions_and_halves_are_refused_never_tracked() {
        for (text, message) in [
            (
                "min = 1\nper = \"week\"\ndue = 2019-06-01",
                "`due` together with `min`/`per`",
            ),
            (
                "min = \"x\"\ndue = 2019-06-01",
                "`due` together with `min`/`per`",
            ),
            ("min = 1", "`min` without `per`"),
            ("per = \"week\"", "`per` without `min`"),
            ("min = 0\nper = \"week\"", "`min = 0` asks for nothing"),
            (
                "min = 1.5\nper = \"week\"",
                "`min = 1.5` is not a whole number",
            ),
            (
                "min = 1\nper = \"year\"\nover = \"week\"",
                "`over = \"week\"` is shorter",
            ),
            ("over = \"year\"", "`over` without `min`/`per`"),
        ] {
            let (_, messages) = rule_of(text);
            assert!(
                messages.iter().any(|m| m.starts_with(message)),
                "{text}: {messages:?}"
            );
        }
        // A broken half is reported once, and the promise is not tracked instead.
        let (rule, messages) = rule_of("min = 1\nper = \"weekly\"");
        assert_eq!((rule, messages.len()), (None, 1));
        assert_eq!(
            rule_of("min = 1.5\nper = \"week\"\nunit = \"timmar\"")
                .1
                .len(),
            0
        );
    }

    #[test]
    fn an_each_list_names_each_place_once_and_not_with_part_of() {
        let (_, messages) = reported("", |sink, _| {
            let items = [("A", 0..1), ("A", 2..3), (" ", 4..5)].map(|(s, r)| (s.to_string(), r));
            each_list(sink, &items, 0..5, Some(6..7));
            each_list(sink, &[], 0..1, None);
        });
        let firsts: Vec<&str> = messages
            .iter()
            .map(|m| m.split(" — ").next().unwrap())
            .collect();
        assert_eq!(
            firsts,
            [
                "\"A\" is listed twice in `each`",
                "an empty place in `each`",
                "`each` and `part_of` on the same promise",
                "`each` is empty",
            ]
        );
    }
}
