//! The validated agreement: what each promise asks for, over which term.

use crate::amount::Amount;
use crate::lang::Lang;
use crate::period::{Calendar, Period, Term, Unit};
use chrono::NaiveDate;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    pub title: String,
    pub term: Term,
    pub parties: Vec<String>,
    pub promises: Vec<Promise>,
    /// Things promises answer but do not control (`[[event]]`). In the ledger's id
    /// space an event's index comes after the promises': `promises.len() + k`.
    pub events: Vec<Event>,
    /// Outcome statistics copied in from elsewhere (`[[indicator]]`); their ids
    /// are apart from the ledger's: no ledger line names one.
    pub indicators: Vec<Indicator>,
    /// The language people read, when promises.toml names one.
    pub lang: Option<Lang>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Promise {
    pub id: String,
    pub title: String,
    pub responsible: Vec<String>,
    /// The agreement's term, narrowed by the promise's own `start`/`end`.
    pub term: Term,
    pub rule: Rule,
    /// `count` is an amount in this unit (decimals allowed) when set.
    pub unit: Option<String>,
    /// Index of the promise whose activities this one's also count for.
    pub part_of: Option<usize>,
    /// The rule holds for each of these places on its own.
    pub each: Vec<Item>,
    /// The days it counts (`on`, `months`, `dates`, `except`).
    pub calendar: Calendar,
    /// Done is the number of different values of this column.
    pub distinct: Option<Distinct>,
    /// Index of the promise whose completion day this one's activities wait for.
    pub after: Option<usize>,
    /// The keys whose values are written in Swedish, for `medlofte promises`.
    pub aliases: Vec<Alias>,
}

/// A value promises.toml gives in Swedish, beside the English it stands for:
/// `per = "vecka"` is `week`.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    pub key: &'static str,
    /// The value as written in the file: `"vecka"`, `["lör", "sön"]`.
    pub written: String,
    /// What it stands for in English: `week`, `sat, sun`.
    pub english: String,
}

/// One place of an `each` list, with the part of the promise's term it is open.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub name: String,
    pub term: Term,
}

/// Something promises answer: a request, a fault report, a meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub title: String,
}

/// An outcome statistic the keepers copy in from elsewhere (reported crimes per
/// quarter, the yearly safety survey). It never changes a promise's status.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub title: String,
    /// The calendar period it is measured in (never a day, a group or the term).
    pub per: Unit,
    pub better: Better,
    pub unit: Option<String>,
    /// The value before the term, when given; else its first value stands in.
    pub baseline: Option<Amount>,
    pub target: Option<Amount>,
}

/// Which way an indicator improves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    Lower,
    Higher,
}

/// One value of an indicator, from a line of indicators/*.csv.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorValue {
    /// The indicator's index in [`Agreement::indicators`].
    pub indicator: usize,
    /// The first day of its period (a period of the indicator's `per`).
    pub start: NaiveDate,
    pub value: Amount,
    /// Where the figure comes from, as written, with personal numbers masked.
    pub source: String,
}

/// Where an indicator stands in one period: the words of SPEC's `verdict` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// A target is given, and the value reaches it.
    Met,
    /// Strictly better than the baseline.
    Better,
    NotBetter,
    /// No value for the period.
    NoValue,
}

impl Verdict {
    /// The word scripts see in CSV and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::Better => "better",
            Verdict::NotBetter => "not-better",
            Verdict::NoValue => "no-value",
        }
    }
}

/// The column whose different values a `distinct` promise counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Distinct {
    Place,
    By,
}

impl Distinct {
    /// The ledger column it reads.
    pub fn column(self) -> &'static str {
        match self {
            Distinct::Place => "place",
            Distinct::By => "by",
        }
    }
}

/// What a `per_event` promise answers: an `[[event]]`, or another promise's lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Event(usize),
    Promise(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// No rule: activities are counted, never missed.
    Tracked,
    /// Done once, on or before this date.
    Deadline(NaiveDate),
    /// At least `min` per `per`, or on average per `per` over each `over` period.
    AtLeast {
        min: Amount,
        per: Period,
        over: Option<Period>,
    },
    /// A share of what the `part_of` parent has done, in the parent's windows.
    Share { percent: Amount },
    /// One answer per event of `source`, each within `within` days (else by the
    /// term's end), events grouped into `per` windows.
    PerEvent {
        source: Source,
        within: Option<u32>,
        per: Period,
    },
}

impl Agreement {
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.promises.iter().position(|p| p.id == id)
    }

    /// Promise ids, then event ids: every id a ledger line may name.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.promises
            .iter()
            .map(|p| p.id.as_str())
            .chain(self.events.iter().map(|e| e.id.as_str()))
    }

    /// The index a ledger line naming `source` carries.
    pub fn source_index(&self, source: Source) -> usize {
        match source {
            Source::Promise(i) => i,
            Source::Event(k) => self.promises.len() + k,
        }
    }

    /// The kind of period a promise's windows are: `over` for an average, the
    /// parent's for a share, `term` for a deadline or a tracked promise.
    pub fn window_period(&self, index: usize) -> Period {
        let mut p = index;
        for _ in 0..=self.promises.len() {
            match (&self.promises[p].rule, self.promises[p].part_of) {
                (Rule::AtLeast { per, over, .. }, _) => return over.unwrap_or(*per),
                (Rule::PerEvent { per, .. }, _) => return *per,
                (Rule::Share { .. }, Some(parent)) => p = parent,
                _ => break,
            }
        }
        Period::Term
    }

    /// The last day a line of promise `i` can count (`None`: no end): its own
    /// ([`Promise::counts_until`]), or later when it is, or is part of, a
    /// promise that answers events, whose answers may come after the term.
    pub fn counts_until(&self, i: usize) -> Option<NaiveDate> {
        self.with_ancestors(i)
            .filter(|&a| a == i || matches!(self.promises[a].rule, Rule::PerEvent { .. }))
            // An open term counts for ever.
            .map(|a| self.promises[a].counts_until().unwrap_or(NaiveDate::MAX))
            .max()
            .filter(|&d| d != NaiveDate::MAX)
    }

    /// The promise and every promise it is (transitively) part of.
    pub fn with_ancestors(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let mut next = Some(index);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let current = next?;
            steps += 1;
            // Cycles are rejected when the file is read; the bound is a safety net.
            next = self.promises[current]
                .part_of
                .filter(|_| steps <= self.promises.len());
            Some(current)
        })
    }
}

impl Item {
    /// Whether the place counts `day`: a day inside the promise's term but outside
    /// the place's own counts nowhere (days outside the promise's term are in no
    /// window anyway).
    pub fn open_on(&self, day: NaiveDate, promise_term: &Term) -> bool {
        self.term.contains(day) || !promise_term.contains(day)
    }
}

impl Promise {
    /// `fotpatrull:Råslätt` for one place of an `each` promise, else the id.
    pub fn row_name(&self, item: Option<usize>) -> String {
        match item {
            Some(i) => format!("{}:{}", self.id, self.each[i].name),
            None => self.id.clone(),
        }
    }

    /// The names of its `each` places, in the list's order.
    pub fn places(&self) -> impl Iterator<Item = &str> {
        self.each.iter().map(|e| e.name.as_str())
    }

    /// The items rows are made for: each place, or the promise as a whole.
    pub fn items(&self) -> Vec<Option<usize>> {
        if self.each.is_empty() {
            vec![None]
        } else {
            (0..self.each.len()).map(Some).collect()
        }
    }

    /// The last day that can count: the term's end, the deadline when later, or
    /// for an answer the last deadline of an event of the term's last day.
    pub fn counts_until(&self) -> Option<NaiveDate> {
        match (&self.rule, self.term.end) {
            (Rule::Deadline(due), Some(end)) => Some((*due).max(end)),
            (
                Rule::PerEvent {
                    within: Some(days), ..
                },
                Some(end),
            ) => Some(end + chrono::Days::new(u64::from(*days))),
            (_, end) => end,
        }
    }
}

/// Where a promise stands in one window: the words of SPEC's `status` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Met,
    Missed,
    OnTrack,
    Behind,
    Tracked,
    Late,
    Overdue,
    Pending,
    NotStarted,
}

impl Status {
    /// The word scripts see in CSV and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "missed",
            Status::OnTrack => "on-track",
            Status::Behind => "behind",
            Status::Tracked => "tracked",
            Status::Late => "late",
            Status::Overdue => "overdue",
            Status::Pending => "pending",
            Status::NotStarted => "not-started",
        }
    }

    /// Whether `--fail-on missed` fails on it: the promise was broken.
    pub fn is_missed(self) -> bool {
        matches!(self, Status::Missed | Status::Late | Status::Overdue)
    }

    /// Whether `--fail-on behind` fails on it: broken, or falling behind.
    pub fn is_behind_or_worse(self) -> bool {
        self.is_missed() || self == Status::Behind
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One activity as read from a ledger line: what the sums are made of.
#[derive(Debug, Clone, Copy)]
pub struct Activity<'r> {
    pub date: NaiveDate,
    /// A promise's index, or an event's after them (see [`Agreement::events`]).
    pub promise: usize,
    pub amount: Amount,
    /// The `place` column as UTF-8 (validated against the promise's `each` list).
    pub place: &'r [u8],
    /// Where `place` is in the promise's `each` list (`None` for a promise without
    /// one): the rules look it up anyway, and the tally need not again.
    pub item: Option<usize>,
    /// The `by` and `note` columns as UTF-8, for the follow-up's notes.
    pub by: &'r [u8],
    pub note: &'r [u8],
}

/// Why the sums cannot take an activity: the promise (or event, indexed as in
/// [`Activity::promise`]) whose sum would overflow.
pub struct Overflow(pub usize);

/// Small agreements for the engine's unit tests.
#[cfg(test)]
pub mod fixture {
    use super::*;
    use crate::period::Term;

    pub fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub fn n(k: i64) -> Amount {
        Amount::from_int(k)
    }

    /// A promise `id` with `rule` over `term`, and nothing else set.
    pub fn promise(id: &str, rule: Rule, term: Term) -> Promise {
        Promise {
            id: id.into(),
            title: id.into(),
            responsible: Vec::new(),
            term,
            rule,
            unit: None,
            part_of: None,
            each: Vec::new(),
            calendar: Calendar::default(),
            distinct: None,
            after: None,
            aliases: Vec::new(),
        }
    }

    /// One promise `p` with `rule` over `start..=end`, the agreement's term too.
    pub fn agreement(rule: Rule, start: &str, end: &str) -> Agreement {
        let term = Term {
            start: d(start),
            end: Some(d(end)),
        };
        Agreement {
            title: "T".into(),
            term,
            parties: Vec::new(),
            promises: vec![promise("p", rule, term)],
            events: Vec::new(),
            indicators: Vec::new(),
            lang: None,
        }
    }
}
