//! The checks across promises: unique ids, known parties, terms inside the
//! agreement's, `part_of` naming a promise and never going round in a circle.

use super::promise::Draft;
use super::value::Field;
use super::{Sink, Span};
use crate::error::{did_you_mean, suggestion};
use crate::model::{Promise, Rule};
use crate::period::{Period, Term};
use std::collections::{HashMap, HashSet};

pub(super) fn resolve(
    sink: &mut Sink,
    mut drafts: Vec<Draft>,
    term: Term,
    parties: &[(String, Span)],
    events: &[(crate::model::Event, Span)],
) -> Vec<Promise> {
    unique_ids(sink, &drafts);
    let names: Vec<&str> = parties.iter().map(|(p, _)| p.as_str()).collect();
    for d in &mut drafts {
        known_parties(sink, d, &names);
        d.promise.term = own_term(sink, d, term);
        rule_fits_term(sink, d);
    }
    part_of(sink, &mut drafts, events);
    let parents: Vec<Option<usize>> = drafts.iter().map(|d| d.promise.part_of).collect();
    cycles(sink, &drafts, "part_of", &parents, |d| d.part_of.as_ref());
    super::shapes::links(sink, &mut drafts, events);
    drafts.into_iter().map(|d| d.promise).collect()
}

fn unique_ids(sink: &mut Sink, drafts: &[Draft]) {
    let mut seen = HashSet::new();
    for d in drafts {
        let id = &d.promise.id;
        if !seen.insert(id) {
            sink.err(
                d.id_span.clone(),
                format!("duplicate promise id \"{id}\""),
                "give every promise its own id",
            );
        }
    }
}

/// Ids of events and indicators (`others`, as written) that a promise or an
/// earlier one of them already has: all share one set of ids.
pub(super) fn shared_ids<'a>(
    sink: &mut Sink,
    drafts: &'a [Draft],
    others: impl IntoIterator<Item = (&'a str, &'a Span)>,
) {
    let mut seen: Vec<&str> = drafts.iter().map(|d| d.promise.id.as_str()).collect();
    for (id, span) in others {
        if seen.contains(&id) {
            sink.err(
                span.clone(),
                format!("id \"{id}\" is used twice"),
                "promises, events and indicators share one set of ids: give each its own",
            );
        }
        seen.push(id);
    }
}

/// With `parties` listed, every `responsible` must be one of them.
fn known_parties(sink: &mut Sink, d: &Draft, parties: &[&str]) {
    if parties.is_empty() {
        return;
    }
    for (party, span) in &d.responsible {
        if !parties.contains(&party.as_str()) {
            let hint = match did_you_mean(party, parties.iter().copied()) {
                Some(p) => format!("did you mean \"{p}\"? (or add it to `parties`)"),
                None => format!("add it to `parties` ({})", parties.join(", ")),
            };
            sink.err(
                span.clone(),
                format!("responsible party \"{party}\" is not in `parties`"),
                hint,
            );
        }
    }
}

/// The agreement's term, narrowed by the promise's own `start`/`end`.
fn own_term(sink: &mut Sink, d: &Draft, term: Term) -> Term {
    let mut own = term;
    if let Field::Given(s, span) = &d.start {
        if *s < term.start {
            sink.err(
                span.clone(),
                format!(
                    "the promise starts ({s}) before the agreement ({})",
                    term.start
                ),
                "a promise's own start may only narrow the agreement's term",
            );
        }
        if let Some(end) = term.end
            && *s > end
        {
            sink.err(
                span.clone(),
                format!("the promise starts ({s}) after the agreement ends ({end})"),
                "a promise's own start must fall inside the agreement's term",
            );
        }
        own.start = (*s).max(term.start);
    }
    if let Field::Given(e, span) = &d.end {
        if let Some(te) = term.end
            && *e > te
        {
            sink.err(
                span.clone(),
                format!("the promise ends ({e}) after the agreement ({te})"),
                "a promise's own end may only narrow the agreement's term",
            );
        }
        if *e < own.start {
            sink.err(
                span.clone(),
                format!("the promise ends ({e}) before it starts ({})", own.start),
                "correct its `start` or `end`",
            );
        }
        own.end = Some(term.end.map_or(*e, |te| te.min(*e)));
    }
    own
}

/// A deadline inside or after the term; `per = "term"` only on a term with an end.
fn rule_fits_term(sink: &mut Sink, d: &Draft) {
    let p = &d.promise;
    match &p.rule {
        Rule::Deadline(due) if *due < p.term.start => sink.err(
            d.due_span.clone(),
            format!(
                "`due` ({due}) is before the promise's start ({})",
                p.term.start
            ),
            "a deadline must fall inside or after the term",
        ),
        Rule::AtLeast { per, over, .. }
            if p.term.end.is_none() && (*per == Period::Term || *over == Some(Period::Term)) =>
        {
            sink.err(
                d.id_span.clone(),
                "`per = \"term\"` needs a term with an end",
                "add `end` to the agreement or to this promise, or use a calendar period",
            )
        }
        _ => {}
    }
}

/// `part_of` names the first promise of that id.
fn part_of(sink: &mut Sink, drafts: &mut [Draft], events: &[(crate::model::Event, Span)]) {
    let ids: Vec<String> = drafts.iter().map(|d| d.promise.id.clone()).collect();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, d) in drafts.iter().enumerate() {
        index.entry(d.promise.id.clone()).or_insert(i);
    }
    for d in drafts.iter_mut() {
        let Some((parent, span)) = &d.part_of else {
            continue;
        };
        match index.get(parent) {
            Some(&i) => d.promise.part_of = Some(i),
            None if events.iter().any(|(e, _)| &e.id == parent) => sink.err(
                span.clone(),
                format!("`part_of` names the event \"{parent}\""),
                "a promise is part of another promise; to answer an event, write per_event = \"...\"",
            ),
            None => {
                let hint = suggestion(parent, ids.iter().map(String::as_str), || {
                    "name the id of another promise in this file".to_string()
                });
                sink.err(
                    span.clone(),
                    format!("`part_of` names no promise \"{parent}\""),
                    hint,
                );
            }
        }
    }
}

/// `key` (`part_of`, `after`) must not loop back on itself: every promise on a
/// circle of `links` is named, each with the circle from itself, at its `key`.
/// Each promise is walked once.
pub(super) fn cycles(
    sink: &mut Sink,
    drafts: &[Draft],
    key: &str,
    links: &[Option<usize>],
    written: impl Fn(&Draft) -> Option<&(String, Span)>,
) {
    for circle in circles(links) {
        for (k, &member) in circle.iter().enumerate() {
            let names: Vec<&str> = circle[k..]
                .iter()
                .chain(&circle[..k])
                .chain([&member])
                .map(|&c| drafts[c].promise.id.as_str())
                .collect();
            let d = &drafts[member];
            let span = written(d).map_or(d.id_span.clone(), |(_, s)| s.clone());
            sink.err(
                span,
                format!("`{key}` goes round in a circle: {}", names.join(" → ")),
                format!("remove `{key}` from one of these promises"),
            );
        }
    }
}

/// Every circle of `links` (each promise's next one), each as its members in order.
fn circles(links: &[Option<usize>]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath(usize),
        Done,
    }
    let mut state = vec![State::New; links.len()];
    let mut found = Vec::new();
    for start in 0..links.len() {
        let mut path = Vec::new();
        let mut next = Some(start);
        while let Some(n) = next.filter(|&n| state[n] == State::New) {
            state[n] = State::OnPath(path.len());
            path.push(n);
            next = links[n];
        }
        if let Some(State::OnPath(at)) = next.map(|n| state[n]) {
            found.push(path[at..].to_vec());
        }
        for n in path {
            state[n] = State::Done;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Agreement;
    use std::path::Path;

    fn promise(id: &str, part_of: Option<usize>) -> Promise {
        let term = Term {
            start: chrono::NaiveDate::MIN,
            end: None,
        };
        Promise {
            part_of,
            ..crate::model::fixture::promise(id, Rule::Tracked, term)
        }
    }

    #[test]
    fn circles_are_found_once_each_with_their_members_in_order() {
        let ps = [
            promise("a", Some(0)),
            promise("b", Some(2)),
            promise("c", Some(3)),
            promise("d", Some(1)),
            promise("e", Some(1)),
            promise("f", None),
        ];
        let links: Vec<Option<usize>> = ps.iter().map(|p| p.part_of).collect();
        assert_eq!(circles(&links), [vec![0], vec![1, 2, 3]]);
        assert!(circles(&links[5..]).is_empty());
    }

    fn checked(promises: &str) -> std::result::Result<Agreement, Vec<String>> {
        let text =
            format!("start = 2019-01-01\nend = 2019-12-31\nparties = [\"polisen\"]\n{promises}");
        crate::promises::parse(Path::new("p.toml"), &text).map_err(|e| match e {
            crate::error::Error::Input(d) => d.into_iter().map(|d| d.message).collect(),
            other => vec![other.to_string()],
        })
    }

    #[test]
    fn a_promise_term_narrows_the_agreement_and_may_not_leave_it() {
        let a = checked("[[promise]]\nid = \"a\"\nstart = 2019-03-01").unwrap();
        assert_eq!(a.promises[0].term.start.to_string(), "2019-03-01");
        assert_eq!(a.promises[0].term.end.unwrap().to_string(), "2019-12-31");
        for (keys, message) in [
            (
                "start = 2018-12-31",
                "the promise starts (2018-12-31) before the agreement",
            ),
            (
                "start = 2020-01-01",
                "the promise starts (2020-01-01) after the agreement ends",
            ),
            (
                "end = 2020-01-01",
                "the promise ends (2020-01-01) after the agreement",
            ),
            (
                "start = 2019-05-01\nend = 2019-04-30",
                "the promise ends (2019-04-30) before it starts",
            ),
            (
                "start = 2019-05-01\ndue = 2019-04-30",
                "`due` (2019-04-30) is before the promise's start",
            ),
        ] {
            let errors = checked(&format!("[[promise]]\nid = \"a\"\n{keys}")).unwrap_err();
            assert!(
                errors.iter().any(|e| e.starts_with(message)),
                "{keys}: {errors:?}"
            );
        }
    }

    #[test]
    fn ids_parties_and_parents_must_be_known_and_unique() {
        let errors = checked(
            "[[promise]]\nid = \"a\"\nresponsible = [\"polisn\"]\n\
             [[promise]]\nid = \"a\"\n[[promise]]\nid = \"b\"\npart_of = \"aa\"",
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [
                "responsible party \"polisn\" is not in `parties`",
                "duplicate promise id \"a\"",
                "`part_of` names no promise \"aa\"",
            ]
        );
        let a =
            checked("[[promise]]\nid = \"a\"\n[[promise]]\nid = \"b\"\npart_of = \"a\"").unwrap();
        assert_eq!(a.promises[1].part_of, Some(0));
    }
}
