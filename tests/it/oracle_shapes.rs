//! Generated projects for the promises that follow events and the calendar, checked
//! against an independent, day-by-day reading of SPEC ("Promises that follow events
//! and the calendar", with "Periods", "Compliance, as of a date" and "Richer
//! promises").
//!
//! Like `oracle.rs`, this shares no code with the program: every day is put in its
//! period by walking the calendar, every filter is tested day by day, events are
//! matched to answers one unit at a time, and Unicode normalisation is a table of the
//! spellings the generator writes. Each shape has its own test, so a shape that is
//! not built yet can wait behind `#[ignore]`; `all_shapes_agree` mixes them all. A
//! case must pass `check` (warnings allowed), `report --format csv` must agree row
//! for row, and `status --format csv` on the tally (`met,ended`) and, where a window
//! holds as-of, on that window and what is still needed. A disagreement is shrunk
//! (ledger lines, then promises nobody names) before it is shown.
//! `MEDLOFTE_ORACLE_CASES` sets the number of cases per test.

use crate::common::{Project, Rng, oracle_cases as cases};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::{HashMap, HashSet};

const ONE: Duration = Duration::days(1);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Every day from `a` to `b`, both included (none when `a > b`).
fn days(a: NaiveDate, b: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    a.iter_days().take_while(move |x| *x <= b)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Per {
    Day(u32),
    Week(u32),
    Month(u32),
    Quarter,
    Tertial,
    Half,
    Year,
    Term,
}

impl Per {
    fn toml(self, swedish: bool) -> String {
        let (one, many, sv_one, sv_many) = match self {
            Per::Day(_) => ("day", "days", "dag", "dagar"),
            Per::Week(_) => ("week", "weeks", "vecka", "veckor"),
            Per::Month(_) => ("month", "months", "månad", "månader"),
            Per::Quarter => ("quarter", "", "kvartal", ""),
            Per::Tertial => ("tertial", "", "tertial", ""),
            Per::Half => ("half-year", "", "halvår", ""),
            Per::Year => ("year", "", "år", ""),
            Per::Term => ("term", "", "hela perioden", ""),
        };
        let (one, many) = if swedish {
            (sv_one, sv_many)
        } else {
            (one, many)
        };
        match self {
            Per::Day(n) | Per::Week(n) | Per::Month(n) if n > 1 => format!("{n} {many}"),
            _ => one.into(),
        }
    }
    /// Nominal length, only to keep `over` at least as long as `per`.
    fn rank(self) -> u32 {
        match self {
            Per::Day(n) => n,
            Per::Week(n) => 7 * n,
            Per::Month(n) => 30 * n,
            Per::Quarter => 90,
            Per::Tertial => 120,
            Per::Half => 180,
            Per::Year => 365,
            Per::Term => 100_000,
        }
    }
}

fn month_index(x: NaiveDate) -> i64 {
    x.year() as i64 * 12 + x.month0() as i64
}

/// The key of the period holding `day`, for a term starting on `ts`: two days share
/// a key exactly when they are in the same period.
fn key(per: Per, ts: NaiveDate, day: NaiveDate) -> i64 {
    let monday = |x: NaiveDate| x - Duration::days(x.weekday().num_days_from_monday() as i64);
    match per {
        Per::Day(n) => (day - ts).num_days().div_euclid(n as i64),
        Per::Week(n) => ((monday(day) - monday(ts)).num_days() / 7).div_euclid(n as i64),
        Per::Month(n) => (month_index(day) - month_index(ts)).div_euclid(n as i64),
        Per::Quarter => day.year() as i64 * 4 + day.month0() as i64 / 3,
        Per::Tertial => day.year() as i64 * 3 + day.month0() as i64 / 4,
        Per::Half => day.year() as i64 * 2 + day.month0() as i64 / 6,
        Per::Year => day.year() as i64,
        Per::Term => 0,
    }
}

fn unit_label(per: Per, day: NaiveDate) -> String {
    match per {
        Per::Week(_) => {
            let w = day.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        Per::Month(_) => format!("{}-{:02}", day.year(), day.month()),
        Per::Quarter => format!("{}-Q{}", day.year(), day.month0() / 3 + 1),
        Per::Tertial => format!("{}-T{}", day.year(), day.month0() / 4 + 1),
        Per::Half => format!("{}-H{}", day.year(), day.month0() / 6 + 1),
        Per::Year => format!("{}", day.year()),
        Per::Term => "term".into(),
        Per::Day(_) => day.to_string(),
    }
}

/// The label of the whole period `fa..fb` (a window cut by the term keeps it).
fn label(per: Per, fa: NaiveDate, fb: NaiveDate) -> String {
    match per {
        Per::Day(n) | Per::Week(n) | Per::Month(n) if n > 1 => {
            format!("{}..{}", unit_label(per, fa), unit_label(per, fb))
        }
        _ => unit_label(per, fa),
    }
}

/// The calendar keys of one promise; a key that is absent lets every day through.
#[derive(Clone, Debug, Default)]
struct Filter {
    on: Option<Vec<Weekday>>,
    months: Option<Vec<u32>>,
    dates: Option<Vec<NaiveDate>>,
    except: Option<Vec<NaiveDate>>,
}

impl Filter {
    fn passes(&self, x: NaiveDate) -> bool {
        self.on.as_ref().is_none_or(|v| v.contains(&x.weekday()))
            && self.months.as_ref().is_none_or(|v| v.contains(&x.month()))
            && self.dates.as_ref().is_none_or(|v| v.contains(&x))
            && !self.except.as_ref().is_some_and(|v| v.contains(&x))
    }
    fn is_empty(&self) -> bool {
        self.on.is_none() && self.months.is_none() && self.dates.is_none() && self.except.is_none()
    }
    fn count(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        days(a, b).filter(|x| self.passes(*x)).count() as i64
    }
}

/// The periods of one kind for a term starting on `ts`, each with its first and last
/// day and the number of its days that pass the filter (the term aside).
struct Periods<'a> {
    per: Per,
    ts: NaiveDate,
    te: Option<NaiveDate>,
    filter: &'a Filter,
    cache: HashMap<i64, (NaiveDate, NaiveDate, i64)>,
}

impl<'a> Periods<'a> {
    fn new(per: Per, ts: NaiveDate, te: Option<NaiveDate>, filter: &'a Filter) -> Periods<'a> {
        Periods {
            per,
            ts,
            te,
            filter,
            cache: HashMap::new(),
        }
    }

    fn of(&mut self, day: NaiveDate) -> (NaiveDate, NaiveDate, i64) {
        let k = key(self.per, self.ts, day);
        if let Some(v) = self.cache.get(&k) {
            return *v;
        }
        let (a, b) = if self.per == Per::Term {
            (self.ts, self.te.expect("per = \"term\" has an end"))
        } else {
            let mut a = day;
            while key(self.per, self.ts, a - ONE) == k {
                a -= ONE;
            }
            let mut b = day;
            while key(self.per, self.ts, b + ONE) == k {
                b += ONE;
            }
            (a, b)
        };
        let v = (a, b, self.filter.count(a, b));
        self.cache.insert(k, v);
        v
    }
}

/// A window: the period `fa..fb` cut to `a..b`, holding `days` days of the promise.
struct Win {
    a: NaiveDate,
    b: NaiveDate,
    fa: NaiveDate,
    fb: NaiveDate,
    days: i64,
}

/// The windows of `lo..hi` (open-ended: up to the end of as-of's period) that hold a
/// day of the promise and do not start after as-of.
fn windows(per: &mut Periods, lo: NaiveDate, hi: Option<NaiveDate>, as_of: NaiveDate) -> Vec<Win> {
    let limit = hi.unwrap_or_else(|| per.of(as_of.max(lo)).1);
    let mut out: Vec<Win> = Vec::new();
    for x in days(lo, limit) {
        let (fa, fb, _) = per.of(x);
        match out.last_mut() {
            Some(w) if w.fa == fa => w.b = x,
            _ => out.push(Win {
                a: x,
                b: x,
                fa,
                fb,
                days: 0,
            }),
        }
        if per.filter.passes(x) {
            out.last_mut().unwrap().days += 1;
        }
    }
    out.retain(|w| w.days > 0 && w.a <= as_of);
    out
}

/// What a ledger line names, and what a `per_event` promise answers.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Id {
    Event(usize),
    Promise(usize),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Col {
    Place,
    By,
}

#[derive(Clone, Debug)]
enum Kind {
    Rule {
        min: i64,
        per: Per,
        over: Option<Per>,
    },
    Due(NaiveDate),
    Tracked,
    /// Tenths of a percent of the parent's done.
    Percent(i64),
    Event {
        source: Id,
        /// (N, in weeks)
        within: Option<(i64, bool)>,
        per: Option<Per>,
    },
}

#[derive(Clone, Debug)]
struct Item {
    name: String,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

#[derive(Clone, Debug)]
struct P {
    id: String,
    start: NaiveDate,
    end: Option<NaiveDate>,
    own_start: Option<NaiveDate>,
    own_end: Option<NaiveDate>,
    kind: Kind,
    unit: bool,
    each: Vec<Item>,
    part_of: Option<usize>,
    filter: Filter,
    /// Swedish weekday tokens in `on`, and `N day`/`N week` in `within`.
    swedish: bool,
    /// Swedish words in `per` and `over`.
    swedish_per: bool,
    distinct: Option<Col>,
    after: Option<usize>,
}

impl P {
    fn bare(id: &str, start: NaiveDate, end: Option<NaiveDate>, kind: Kind) -> P {
        P {
            id: id.into(),
            start,
            end,
            own_start: None,
            own_end: None,
            kind,
            unit: false,
            each: Vec::new(),
            part_of: None,
            filter: Filter::default(),
            swedish: false,
            swedish_per: false,
            distinct: None,
            after: None,
        }
    }
}

#[derive(Clone, Debug)]
struct Act {
    date: NaiveDate,
    target: Id,
    count: String,
    /// In hundredths.
    amount: i64,
    place: String,
    by: String,
}

impl Act {
    fn new(date: NaiveDate, target: Id, n: i64) -> Act {
        Act {
            date,
            target,
            count: n.to_string(),
            amount: n * 100,
            place: String::new(),
            by: "polisen".into(),
        }
    }
}

#[derive(Clone, Debug)]
struct Case {
    seed: u64,
    start: NaiveDate,
    end: Option<NaiveDate>,
    events: Vec<String>,
    ps: Vec<P>,
    acts: Vec<Act>,
    as_of: NaiveDate,
}

/// The spellings the generator writes for `distinct`, each with the value it has
/// after NFC and trimming. Case stays: "torget" is another place than "Torget".
const PLACES: &[(&str, &str)] = &[
    ("Torget", "Torget"),
    (" Torget", "Torget"),
    ("Torget  ", "Torget"),
    ("torget", "torget"),
    ("Caf\u{e9}", "Caf\u{e9}"),
    ("Cafe\u{301}", "Caf\u{e9}"),
    ("Hj\u{e4}llbo", "Hj\u{e4}llbo"),
    ("Hja\u{308}llbo ", "Hj\u{e4}llbo"),
    ("\u{c4}ngen", "\u{c4}ngen"),
    ("A\u{308}ngen", "\u{c4}ngen"),
    ("Skolan", "Skolan"),
    ("Stora torget", "Stora torget"),
    // Only surrounding spaces are trimmed.
    ("Stora  torget", "Stora  torget"),
    // The Ångström sign is canonically Å; a ligature is not "fi" (that is NFKC).
    ("\u{212b}by", "\u{c5}by"),
    ("A\u{30a}by", "\u{c5}by"),
    ("\u{c5}by", "\u{c5}by"),
    ("\u{e5}by", "\u{e5}by"),
    ("Tra\u{fb01}k", "Tra\u{fb01}k"),
    ("Trafik", "Trafik"),
    // Marks in either order compose the same way.
    ("a\u{301}\u{323}x", "\u{1ea1}\u{301}x"),
    ("a\u{323}\u{301}x", "\u{1ea1}\u{301}x"),
];

const PARTIES: &[(&str, &str)] = &[
    ("polisen", "polisen"),
    ("Polisen", "Polisen"),
    (" polisen ", "polisen"),
    ("kommunen", "kommunen"),
    ("h\u{e4}lsocentralen", "h\u{e4}lsocentralen"),
    ("ha\u{308}lsocentralen", "h\u{e4}lsocentralen"),
    ("skolan", "skolan"),
];

fn canonical(table: &[(&str, &str)], value: &str) -> String {
    table
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, c)| c.to_string())
        .unwrap_or_else(|| value.to_string())
}

fn amount_text(hundredths: i64) -> String {
    if hundredths % 100 == 0 {
        format!("{}", hundredths / 100)
    } else if hundredths % 10 == 0 {
        format!("{}.{}", hundredths / 100, (hundredths % 100) / 10)
    } else {
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    }
}

fn ceil_div(n: i128, m: i128) -> i64 {
    ((n + m - 1).div_euclid(m)) as i64
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs().max(1)
    } else {
        gcd(b, a % b)
    }
}

/// `c` itself, then its `part_of` parents up to the top.
fn chain(ps: &[P], c: usize) -> Vec<usize> {
    let mut out = vec![c];
    while let Some(p) = ps[*out.last().unwrap()].part_of {
        out.push(p);
    }
    out
}

/// The rows of `report`, and per promise (or item) with a rule the tally of
/// `status`: (windows met, windows ended), settled windows for events.
#[derive(Default)]
struct Out {
    text: String,
    tally: std::collections::BTreeMap<String, (u32, u32)>,
    /// The last row of each name with a required count: its dates, its report
    /// line and what is still needed (`left`).
    last: std::collections::BTreeMap<String, (NaiveDate, NaiveDate, String, String)>,
}

impl Out {
    fn row(
        &mut self,
        name: &str,
        period: &str,
        a: NaiveDate,
        b: NaiveDate,
        fig: &str,
        status: &str,
    ) {
        let line = format!("{name},{period},{a},{b},{fig},{status}");
        self.text += &line;
        self.text += "\n";
        self.last.remove(name);
    }

    /// The row just written has a rule: `left` is what is still needed.
    fn left(&mut self, name: &str, a: NaiveDate, b: NaiveDate, required: i64, done: i64) {
        let line = self.text.lines().last().unwrap().to_string();
        let left = amount_text((required * 100 - done).max(0));
        self.last.insert(name.to_string(), (a, b, line, left));
    }

    fn count(&mut self, name: &str, ended: bool, met: bool) {
        let t = self.tally.entry(name.to_string()).or_default();
        if ended {
            t.1 += 1;
            t.0 += u32::from(met);
        }
    }
}

/// SPEC's figures, computed the slow, obvious way.
struct Oracle<'a> {
    c: &'a Case,
    /// The completion day of each promise named in an `after`.
    done_on: Vec<Option<NaiveDate>>,
}

impl Oracle<'_> {
    /// Whether a line counts for promise `pi`: it names `pi` or a promise below it,
    /// and its date passes the calendar and the stage of every promise on the way up.
    fn counts_for(&self, a: &Act, pi: usize) -> bool {
        let Id::Promise(c) = a.target else {
            return false;
        };
        for q in chain(&self.c.ps, c) {
            let p = &self.c.ps[q];
            if !p.filter.passes(a.date) {
                return false;
            }
            if let Some(t) = p.after
                && self.done_on[t].is_none_or(|day| a.date < day)
            {
                return false;
            }
            if q == pi {
                return true;
            }
        }
        false
    }

    /// Done for `pi` (one item of it) over `a..b` up to as-of, in hundredths.
    fn done(&self, pi: usize, item: Option<&Item>, a: NaiveDate, b: NaiveDate) -> i64 {
        let lines = self.c.acts.iter().filter(|x| {
            x.date >= a
                && x.date <= b
                && x.date <= self.c.as_of
                && self.counts_for(x, pi)
                && item.is_none_or(|i| x.place == i.name)
        });
        match self.c.ps[pi].distinct {
            None => lines.map(|x| x.amount).sum(),
            Some(col) => {
                let values: HashSet<String> = lines
                    .map(|x| match col {
                        Col::Place => canonical(PLACES, &x.place),
                        Col::By => canonical(PARTIES, &x.by),
                    })
                    .filter(|v| !v.trim().is_empty())
                    .collect();
                values.len() as i64 * 100
            }
        }
    }

    /// The first day on or before as-of on which the promise's done reaches its
    /// required count (a one-window rule, or a deadline with its late lines too).
    fn completion(&self, i: usize) -> Option<NaiveDate> {
        let p = &self.c.ps[i];
        let (need, last) = match p.kind {
            Kind::Rule { min, .. } => (min * 100, p.end.unwrap().min(self.c.as_of)),
            Kind::Due(_) => (100, self.c.as_of),
            _ => return None,
        };
        days(p.start, last).find(|x| self.done(i, None, p.start, *x) >= need)
    }

    fn tracked_window(&self, pi: usize) -> Option<(String, NaiveDate, NaiveDate)> {
        let p = &self.c.ps[pi];
        let b = p.end.map_or(self.c.as_of, |e| e.min(self.c.as_of));
        // The window is the term (which `check` makes hold a day of the promise),
        // shown up to as-of: it is there before its first day of the promise too,
        // as a year with `months = [6, 7, 8]` is in May.
        (p.start <= self.c.as_of).then(|| ("term".into(), p.start, b))
    }

    /// The windows of a promise without items, for a `percent` child.
    fn plain_windows(&self, pi: usize) -> Vec<(String, NaiveDate, NaiveDate)> {
        let p = &self.c.ps[pi];
        match p.kind {
            Kind::Rule { per, over, .. } => {
                let wp = over.unwrap_or(per);
                let mut periods = Periods::new(wp, p.start, p.end, &p.filter);
                windows(&mut periods, p.start, p.end, self.c.as_of)
                    .into_iter()
                    .map(|w| (label(wp, w.fa, w.fb), w.a, w.b))
                    .collect()
            }
            Kind::Tracked => self.tracked_window(pi).into_iter().collect(),
            Kind::Percent(_) => self.plain_windows(p.part_of.unwrap()),
            _ => unreachable!("no percent child under {}", p.id),
        }
    }

    fn report(&self) -> Out {
        let mut out = Out {
            text: "promise,period,start,end,required,done,status\n".into(),
            ..Out::default()
        };
        for (pi, p) in self.c.ps.iter().enumerate() {
            match &p.kind {
                Kind::Tracked => {
                    if let Some((l, a, b)) = self.tracked_window(pi) {
                        let done = amount_text(self.done(pi, None, a, b));
                        out.row(&p.id, &l, a, b, &format!(",{done}"), "tracked");
                    }
                }
                Kind::Due(due) => self.due_row(pi, *due, &mut out),
                Kind::Rule { .. } if p.each.is_empty() => self.rule_rows(pi, None, &mut out),
                Kind::Rule { .. } => {
                    for item in &p.each {
                        self.rule_rows(pi, Some(item), &mut out);
                    }
                }
                Kind::Percent(tenths) => self.percent_rows(pi, *tenths, &mut out),
                Kind::Event { .. } => self.event_rows(pi, &mut out),
            }
        }
        out
    }

    fn due_row(&self, pi: usize, due: NaiveDate, out: &mut Out) {
        let p = &self.c.ps[pi];
        let as_of = self.c.as_of;
        if p.start > as_of {
            return;
        }
        let done = self.done(pi, None, p.start, due);
        let late = self
            .c
            .acts
            .iter()
            .any(|x| x.date > due && x.date <= as_of && self.counts_for(x, pi));
        let status = if done >= 100 {
            "met"
        } else if late {
            "late"
        } else if as_of > due {
            "overdue"
        } else {
            "pending"
        };
        out.row(
            &p.id,
            "due",
            p.start,
            due,
            &format!("1,{}", amount_text(done)),
            status,
        );
    }

    fn rule_rows(&self, pi: usize, item: Option<&Item>, out: &mut Out) {
        let p = &self.c.ps[pi];
        let as_of = self.c.as_of;
        let Kind::Rule { min, per, over } = p.kind else {
            unreachable!()
        };
        let wp = over.unwrap_or(per);
        let lo = item.and_then(|i| i.start).unwrap_or(p.start).max(p.start);
        let hi = item.and_then(|i| i.end).or(p.end);
        let name = item.map_or(p.id.clone(), |i| format!("{}:{}", p.id, i.name));
        out.count(&name, false, false);
        let mut whole = Periods::new(wp, p.start, p.end, &p.filter);
        let mut parts = Periods::new(per, p.start, p.end, &p.filter);
        for w in windows(&mut whole, lo, hi, as_of) {
            let required = match over {
                None => {
                    let pd = whole.of(w.a).2;
                    if w.days == pd {
                        min
                    } else {
                        ceil_div((min * w.days) as i128, pd as i128)
                    }
                }
                Some(_) => {
                    let (mut num, mut den) = (0i128, 1i128);
                    for x in days(w.a, w.b).filter(|x| p.filter.passes(*x)) {
                        let pd = parts.of(x).2 as i128;
                        num = num * pd + den;
                        den *= pd;
                        let g = gcd(num, den);
                        num /= g;
                        den /= g;
                    }
                    ceil_div(min as i128 * num, den)
                }
            };
            let done = self.done(pi, item, w.a, w.b);
            let status = if done >= required * 100 {
                "met"
            } else if w.b < as_of {
                "missed"
            } else {
                let elapsed = p.filter.count(w.a, w.b.min(as_of));
                if done >= (required * elapsed / w.days) * 100 {
                    "on-track"
                } else {
                    "behind"
                }
            };
            let fig = format!("{required},{}", amount_text(done));
            out.row(&name, &label(wp, w.fa, w.fb), w.a, w.b, &fig, status);
            out.left(&name, w.a, w.b, required, done);
            out.count(&name, w.b < as_of, status == "met");
        }
    }

    fn percent_rows(&self, pi: usize, tenths: i64, out: &mut Out) {
        let p = &self.c.ps[pi];
        let parent = p.part_of.unwrap();
        out.count(&p.id, false, false);
        for (l, a, b) in self.plain_windows(parent) {
            let parent_done = self.done(parent, None, a, b);
            let required = ceil_div(tenths as i128 * parent_done as i128, 100_000);
            let done = self.done(pi, None, a, b);
            let status = if done >= required * 100 {
                "met"
            } else if b < self.c.as_of {
                "missed"
            } else {
                "behind"
            };
            out.row(
                &p.id,
                &l,
                a,
                b,
                &format!("{required},{}", amount_text(done)),
                status,
            );
            out.left(&p.id, a, b, required, done);
            out.count(&p.id, b < self.c.as_of, status == "met");
        }
    }

    /// Whether a line is an event for promise `pi` (its date aside).
    fn is_event(&self, a: &Act, pi: usize) -> bool {
        let Kind::Event { source, .. } = self.c.ps[pi].kind else {
            return false;
        };
        match (source, a.target) {
            (Id::Event(k), Id::Event(j)) => k == j,
            (Id::Promise(x), Id::Promise(c)) => chain(&self.c.ps, c).contains(&x),
            _ => false,
        }
    }

    fn event_rows(&self, pi: usize, out: &mut Out) {
        let p = &self.c.ps[pi];
        let as_of = self.c.as_of;
        let Kind::Event { within, per, .. } = p.kind else {
            unreachable!()
        };
        let in_term = |x: NaiveDate| x >= p.start && p.end.is_none_or(|e| x <= e);
        // One entry per unit: (date, deadline, answered).
        let mut events: Vec<(NaiveDate, NaiveDate, bool)> = Vec::new();
        let mut answers: Vec<NaiveDate> = Vec::new();
        for a in self.c.acts.iter().filter(|a| a.date <= as_of) {
            let units = a.amount / 100;
            if self.is_event(a, pi) && in_term(a.date) {
                let deadline = match within {
                    Some((n, weeks)) => a.date + Duration::days(if weeks { 7 * n } else { n }),
                    None => p.end.unwrap(),
                };
                events.extend((0..units).map(|_| (a.date, deadline, false)));
            }
            if self.counts_for(a, pi) {
                answers.extend((0..units).map(|_| a.date));
            }
        }
        events.sort();
        answers.sort();
        for t in answers {
            if let Some(e) = events.iter_mut().find(|e| !e.2 && e.0 <= t && e.1 >= t) {
                e.2 = true;
            }
        }
        let wins: Vec<(String, NaiveDate, NaiveDate)> = match per {
            None if p.start > as_of => Vec::new(),
            None => vec![("term".into(), p.start, p.end.unwrap_or(as_of))],
            Some(per) => {
                let none = Filter::default();
                let mut periods = Periods::new(per, p.start, p.end, &none);
                windows(&mut periods, p.start, p.end, as_of)
                    .into_iter()
                    .map(|w| (label(per, w.fa, w.fb), w.a, w.b))
                    .collect()
            }
        };
        out.count(&p.id, false, false);
        for (l, a, b) in wins {
            let mine: Vec<_> = events.iter().filter(|e| e.0 >= a && e.0 <= b).collect();
            let done = mine.iter().filter(|e| e.2).count();
            let status = if done == mine.len() {
                "met"
            } else if mine.iter().any(|e| !e.2 && e.1 < as_of) {
                if b < as_of { "missed" } else { "behind" }
            } else {
                "on-track"
            };
            out.row(&p.id, &l, a, b, &format!("{},{done}", mine.len()), status);
            out.left(&p.id, a, b, mine.len() as i64, done as i64 * 100);
            // Settled: the window and every deadline of its events are past.
            let settled = b < as_of && mine.iter().all(|e| e.1 < as_of);
            out.count(&p.id, settled, status == "met");
        }
    }
}

fn oracle(c: &Case) -> String {
    oracle_out(c).text
}

fn oracle_out(c: &Case) -> Out {
    let mut o = Oracle {
        c,
        done_on: vec![None; c.ps.len()],
    };
    // Stages in file order: a promise only waits on an earlier one.
    let named: HashSet<usize> = c.ps.iter().filter_map(|p| p.after).collect();
    for i in 0..c.ps.len() {
        if named.contains(&i) {
            o.done_on[i] = o.completion(i);
        }
    }
    o.report()
}

// ---------------------------------------------------------------- the files

fn list<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    format!("[{}]", items.iter().map(f).collect::<Vec<_>>().join(", "))
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const VECKODAGAR: [&str; 7] = ["mån", "tis", "ons", "tor", "fre", "lör", "sön"];

fn promise_toml(c: &Case, p: &P) -> String {
    let mut t = format!(
        "\n[[promise]]\nid = \"{}\"\ntitle = \"Löfte {}\"\n",
        p.id, p.id
    );
    if let Some(s) = p.own_start {
        t += &format!("start = {s}\n");
    }
    if let Some(e) = p.own_end {
        t += &format!("end = {e}\n");
    }
    if p.unit {
        t += "unit = \"timmar\"\n";
    }
    match &p.kind {
        Kind::Rule { min, per, over } => {
            t += &format!("min = {min}\nper = \"{}\"\n", per.toml(p.swedish_per));
            if let Some(o) = over {
                t += &format!("over = \"{}\"\n", o.toml(p.swedish_per));
            }
        }
        Kind::Due(due) => t += &format!("due = {due}\n"),
        Kind::Tracked => {}
        Kind::Percent(tenths) if tenths % 10 == 0 => t += &format!("percent = {}\n", tenths / 10),
        Kind::Percent(tenths) => t += &format!("percent = {}.{}\n", tenths / 10, tenths % 10),
        Kind::Event {
            source,
            within,
            per,
        } => {
            let name = match source {
                Id::Event(k) => c.events[*k].clone(),
                Id::Promise(x) => c.ps[*x].id.clone(),
            };
            t += &format!("per_event = \"{name}\"\n");
            if let Some((n, weeks)) = within {
                let word = match (weeks, p.swedish) {
                    (false, false) => "days",
                    (false, true) => "day",
                    (true, false) => "weeks",
                    (true, true) => "week",
                };
                t += &format!("within = \"{n} {word}\"\n");
            }
            if let Some(per) = per {
                t += &format!("per = \"{}\"\n", per.toml(p.swedish_per));
            }
        }
    }
    if !p.each.is_empty() {
        let items = list(&p.each, |i| match (i.start, i.end) {
            (None, None) => format!("\"{}\"", i.name),
            (s, e) => {
                let mut x = format!("{{ item = \"{}\"", i.name);
                if let Some(s) = s {
                    x += &format!(", start = {s}");
                }
                if let Some(e) = e {
                    x += &format!(", end = {e}");
                }
                x + " }"
            }
        });
        t += &format!("each = {items}\n");
    }
    if let Some(parent) = p.part_of {
        t += &format!("part_of = \"{}\"\n", c.ps[parent].id);
    }
    let f = &p.filter;
    if let Some(on) = &f.on {
        let names = if p.swedish { VECKODAGAR } else { WEEKDAYS };
        t += &format!(
            "on = {}\n",
            list(on, |w| format!(
                "\"{}\"",
                names[w.num_days_from_monday() as usize]
            ))
        );
    }
    if let Some(m) = &f.months {
        t += &format!("months = {}\n", list(m, |m| m.to_string()));
    }
    if let Some(x) = &f.dates {
        t += &format!("dates = {}\n", list(x, |x| x.to_string()));
    }
    if let Some(x) = &f.except {
        t += &format!("except = {}\n", list(x, |x| x.to_string()));
    }
    match p.distinct {
        Some(Col::Place) => t += "distinct = \"place\"\n",
        Some(Col::By) => t += "distinct = \"by\"\n",
        None => {}
    }
    if let Some(a) = p.after {
        t += &format!("after = \"{}\"\n", c.ps[a].id);
    }
    t
}

fn toml_text(c: &Case) -> String {
    let mut t = format!(
        "# case {}\ntitle = \"Generated\"\nstart = {}\n",
        c.seed, c.start
    );
    if let Some(e) = c.end {
        t += &format!("end = {e}\n");
    }
    for p in &c.ps {
        t += &promise_toml(c, p);
    }
    for e in &c.events {
        t += &format!("\n[[event]]\nid = \"{e}\"\ntitle = \"Händelse {e}\"\n");
    }
    t
}

fn ledger_text(c: &Case) -> String {
    let mut t = String::from("date,promise,count,by,note,place\n");
    for a in &c.acts {
        let name = match a.target {
            Id::Event(k) => &c.events[k],
            Id::Promise(i) => &c.ps[i].id,
        };
        t += &format!(
            "{},{name},{},{},Anteckning,{}\n",
            a.date, a.count, a.by, a.place
        );
    }
    t
}

// ---------------------------------------------------------------- the generator

/// The shapes a test generates, beside the ones SPEC had before (rules, deadlines,
/// tracked promises, `over`, `each`, `part_of`, `unit`).
#[derive(Clone, Copy, Default)]
struct Shapes {
    calendar: bool,
    distinct: bool,
    percent: bool,
    after: bool,
    each_terms: bool,
    events: bool,
    /// `per = "dag"`, `"vecka"`, `"N dagar"` … beside the English words.
    swedish_per: bool,
}

const ALL: Shapes = Shapes {
    calendar: true,
    distinct: true,
    percent: true,
    after: true,
    each_terms: true,
    events: true,
    swedish_per: false,
};

fn random_per(rng: &mut Rng, has_end: bool, calendar: bool) -> Per {
    loop {
        let per = match rng.below(if calendar { 12 } else { 9 }) {
            0 => Per::Week(1),
            1 => Per::Week(2 + rng.below(3) as u32),
            2 => Per::Month(1),
            3 => Per::Month(2 + rng.below(2) as u32),
            4 => Per::Quarter,
            5 => Per::Tertial,
            6 => Per::Half,
            7 => Per::Year,
            8 => Per::Term,
            9 | 10 => Per::Day(1),
            _ => Per::Day(2 + rng.below(9) as u32),
        };
        if per != Per::Term || has_end {
            return per;
        }
    }
}

/// Calendar keys that leave at least one day in `lo..hi`.
fn random_filter(rng: &mut Rng, lo: NaiveDate, hi: NaiveDate) -> Filter {
    let span = (hi - lo).num_days() + 1;
    let some_dates = |rng: &mut Rng, n: u64, pad: i64| {
        let mut v: Vec<NaiveDate> = (0..n)
            .map(|_| lo - Duration::days(pad) + rng.days(span + 2 * pad))
            .collect();
        v.sort();
        v.dedup();
        v
    };
    loop {
        let mut f = Filter::default();
        if rng.chance(50) {
            let weekdays = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu];
            let mut on: Vec<Weekday> = (0..1 + rng.below(4))
                .map(|_| *rng.pick(&weekdays))
                .collect();
            for (w, p) in [(Weekday::Sat, 60), (Weekday::Sun, 60), (Weekday::Fri, 30)] {
                if rng.chance(p) {
                    on.push(w);
                }
            }
            on.sort_by_key(|w| w.num_days_from_monday());
            on.dedup();
            f.on = Some(on);
        }
        if rng.chance(35) {
            let mut m: Vec<u32> = (0..1 + rng.below(5))
                .map(|_| 1 + rng.below(12) as u32)
                .collect();
            m.sort();
            m.dedup();
            f.months = Some(m);
        }
        if rng.chance(20) {
            let n = 1 + rng.below(8);
            f.dates = Some(some_dates(rng, n, 10));
        }
        if rng.chance(30) {
            let n = 1 + rng.below(4);
            f.except = Some(some_dates(rng, n, 5));
        }
        if !f.is_empty() && f.count(lo, hi) > 0 {
            return f;
        }
    }
}

fn random_items(rng: &mut Rng, terms: bool, p: &P, horizon: NaiveDate) -> Vec<Item> {
    let hi = p.end.unwrap_or(horizon);
    let span = (hi - p.start).num_days() + 1;
    let mut items = Vec::new();
    for name in ["Norr", "Söder", "Väst", "Östra torget"] {
        if items.len() >= 2 && rng.chance(50) {
            break;
        }
        let mut item = Item {
            name: name.into(),
            start: None,
            end: None,
        };
        if terms && rng.chance(60) {
            item.start = rng.chance(60).then(|| p.start + rng.days(span));
            let from = item.start.unwrap_or(p.start);
            if rng.chance(50) || item.start.is_none() {
                item.end = Some(from + rng.days((hi - from).num_days() + 1));
            }
        }
        items.push(item);
    }
    items
}

/// Percent tenths: the round shares found in published promises, or any.
fn random_percent(rng: &mut Rng) -> i64 {
    let any = 1 + rng.below(1000) as i64;
    *rng.pick(&[200, 250, 500, 1000, 125, 333, any])
}

/// Whether `anc` is `c` or above it.
fn under(ps: &[P], c: usize, anc: usize) -> bool {
    chain(ps, c).contains(&anc)
}

fn new_promise(rng: &mut Rng, sh: Shapes, ps: &[P], start: NaiveDate, end: Option<NaiveDate>) -> P {
    let i = ps.len();
    let horizon = end.unwrap_or(start + Duration::days(700));
    let percent_parents: Vec<usize> = (0..i)
        .filter(|&j| {
            let q = &ps[j];
            q.each.is_empty()
                && !q.unit
                && matches!(q.kind, Kind::Rule { .. } | Kind::Tracked | Kind::Percent(_))
        })
        .collect();
    let roll = rng.below(100);
    let percent = sh.percent && !percent_parents.is_empty() && roll < 30;
    let event = !percent && sh.events && roll >= 75;
    let own_start = (!percent && rng.chance(25))
        .then(|| start + rng.days(200))
        .filter(|s| end.is_none_or(|e| *s <= e));
    let p_start = own_start.unwrap_or(start);
    let own_end = (!percent && rng.chance(25))
        .then(|| p_start + rng.days(400))
        .filter(|e| end.is_none_or(|ae| *e <= ae));
    let p_end = own_end.or(end);
    let kind = if percent {
        Kind::Percent(random_percent(rng))
    } else if event {
        let within = (p_end.is_none() || rng.chance(75)).then(|| {
            let weeks = rng.chance(25);
            (rng.below(if weeks { 3 } else { 5 }) as i64, weeks)
        });
        Kind::Event {
            source: Id::Event(0),
            within,
            per: rng
                .chance(50)
                .then(|| random_per(rng, p_end.is_some(), sh.calendar)),
        }
    } else {
        match rng.below(10) {
            0..=5 => {
                let mut per = random_per(rng, p_end.is_some(), sh.calendar);
                if sh.after && p_end.is_some() && rng.chance(30) {
                    per = Per::Term;
                }
                let over = rng
                    .chance(20)
                    .then(|| random_per(rng, p_end.is_some(), sh.calendar))
                    .filter(|o| o.rank() >= per.rank());
                Kind::Rule {
                    min: 1 + rng.below(5) as i64,
                    per,
                    over,
                }
            }
            6 | 7 => {
                let reach = if rng.chance(30) { 40 } else { 500 };
                Kind::Due(p_start + rng.days(reach))
            }
            _ => Kind::Tracked,
        }
    };
    let mut p = P::bare(&format!("p{i}"), p_start, p_end, kind);
    p.own_start = own_start;
    p.own_end = own_end;
    p.swedish = rng.chance(10);
    p.swedish_per = sh.swedish_per && rng.chance(25);
    if percent {
        p.part_of = Some(*rng.pick(&percent_parents));
    } else if !event && i > 0 && rng.chance(25) {
        let parents: Vec<usize> = (0..i).filter(|&j| ps[j].each.is_empty()).collect();
        if !parents.is_empty() {
            p.part_of = Some(*rng.pick(&parents));
        }
    }
    let rule = matches!(p.kind, Kind::Rule { .. });
    let plain = rule || matches!(p.kind, Kind::Tracked);
    if sh.calendar && plain && rng.chance(35) {
        p.filter = random_filter(rng, p_start, p_end.unwrap_or(horizon));
    }
    let no_over = !matches!(p.kind, Kind::Rule { over: Some(_), .. });
    if sh.distinct && plain && no_over && rng.chance(35) {
        p.distinct = Some(if rng.chance(50) { Col::Place } else { Col::By });
    }
    let under_event = p.part_of.is_some_and(|x| {
        chain(ps, x)
            .iter()
            .any(|&q| matches!(ps[q].kind, Kind::Event { .. }))
    });
    p.unit = !percent
        && !event
        && p.distinct.is_none()
        && !under_event
        && !matches!(p.kind, Kind::Event { .. })
        && rng.chance(10);
    if rule && p.part_of.is_none() && p.distinct.is_none() && rng.chance(20) {
        p.each = random_items(rng, sh.each_terms, &p, horizon);
    }
    if sh.after && !percent && !event && rng.chance(50) {
        p.after = pick_stage(rng, ps, &p);
    }
    p
}

/// A promise `p` may wait on: one window, none of the excluded keys, not above `p`,
/// nothing below it waiting on a stage, and nothing above `p` named by a stage.
fn pick_stage(rng: &mut Rng, ps: &[P], p: &P) -> Option<usize> {
    let named: HashSet<usize> = ps.iter().filter_map(|q| q.after).collect();
    let above: Vec<usize> = p.part_of.map_or(Vec::new(), |x| chain(ps, x));
    if above.iter().any(|a| named.contains(a)) {
        return None;
    }
    let options: Vec<usize> = (0..ps.len())
        .filter(|&j| {
            let q = &ps[j];
            let one_window = matches!(q.kind, Kind::Due(_))
                || matches!(
                    q.kind,
                    Kind::Rule {
                        per: Per::Term,
                        over: None,
                        ..
                    }
                );
            one_window
                && q.each.is_empty()
                && !q.unit
                && !above.contains(&j)
                && !(0..ps.len()).any(|k| k != j && under(ps, k, j) && ps[k].after.is_some())
        })
        .collect();
    (!options.is_empty()).then(|| *rng.pick(&options))
}

fn random_act(rng: &mut Rng, ps: &[P], target: Id, date: NaiveDate) -> Act {
    let mut a = Act::new(date, target, 1);
    let Id::Promise(c) = target else {
        a.count = rng.pick(&["", "1", "2", "3"]).to_string();
        a.amount = a.count.parse::<i64>().unwrap_or(1) * 100;
        return a;
    };
    let up = chain(ps, c);
    match (ps[c].unit, rng.below(4)) {
        (_, 0) => a.count = String::new(),
        (true, _) => {
            a.amount = 25 * (1 + rng.below(12) as i64);
            a.count = amount_text(a.amount);
        }
        (false, _) => {
            let n = 1 + rng.below(3) as i64;
            a.count = n.to_string();
            a.amount = n * 100;
        }
    }
    a.place = if !ps[c].each.is_empty() {
        rng.pick(&ps[c].each).name.clone()
    } else if up.iter().any(|&q| ps[q].distinct == Some(Col::Place)) {
        rng.pick(PLACES).0.to_string()
    } else {
        rng.pick(&["", "Norr", "Väst"]).to_string()
    };
    if up.iter().any(|&q| ps[q].distinct == Some(Col::By)) {
        a.by = rng.pick(PARTIES).0.to_string();
    }
    a
}

fn generate(seed: u64, sh: Shapes) -> Case {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let start = d(2016, 1, 1) + rng.days(3200);
    let end = rng.chance(60).then(|| {
        let long = rng.chance(50);
        start + rng.days(if long { 900 } else { 120 })
    });
    let horizon = end.unwrap_or(start + Duration::days(700));
    let events: Vec<String> = if sh.events {
        (0..1 + rng.below(2)).map(|k| format!("e{k}")).collect()
    } else {
        Vec::new()
    };
    let mut ps: Vec<P> = Vec::new();
    for _ in 0..1 + rng.below(5) {
        let p = new_promise(&mut rng, sh, &ps, start, end);
        ps.push(p);
    }
    // What each per_event promise answers: an event, or a promise outside its own
    // family whose lines are whole numbers.
    for e in 0..ps.len() {
        if !matches!(ps[e].kind, Kind::Event { .. }) {
            continue;
        }
        let whole = |x: usize| (0..ps.len()).all(|k| !under(&ps, k, x) || !ps[k].unit);
        let promises: Vec<usize> = (0..ps.len())
            .filter(|&x| x != e && !under(&ps, x, e) && whole(x))
            .collect();
        let source = if promises.is_empty() || rng.chance(65) {
            Id::Event(rng.below(events.len() as u64) as usize)
        } else {
            Id::Promise(*rng.pick(&promises))
        };
        if let Kind::Event { source: s, .. } = &mut ps[e].kind {
            *s = source;
        }
    }
    let mut targets: Vec<Id> = (0..ps.len()).map(Id::Promise).collect();
    targets.extend((0..events.len()).flat_map(|k| [Id::Event(k), Id::Event(k)]));
    let span = (horizon - start).num_days() + 40;
    let as_of = start - Duration::days(30) + rng.days((horizon - start).num_days() + 120);
    let mut acts: Vec<Act> = Vec::new();
    for _ in 0..rng.below(100) {
        let target = *rng.pick(&targets);
        // Many lines fall in the weeks before as-of, where the pace is judged.
        let date = if rng.chance(40) {
            as_of - Duration::days(40) + rng.days(44)
        } else {
            start - Duration::days(20) + rng.days(span)
        };
        acts.push(random_act(&mut rng, &ps, target, date));
    }
    // Stages: some early lines, so that a stage is often completed.
    for (j, q) in ps.iter().enumerate() {
        if ps.iter().any(|p| p.after == Some(j)) && rng.chance(70) {
            for _ in 0..1 + rng.below(4) {
                let reach = if rng.chance(50) { 20 } else { 200 };
                let date = q.start + rng.days(reach);
                acts.push(random_act(&mut rng, &ps, Id::Promise(j), date));
            }
        }
    }
    let mut case = Case {
        seed,
        start,
        end,
        events,
        ps,
        acts,
        as_of,
    };
    add_answers(&mut rng, &mut case);
    case
}

/// Answers near the events, some in time and some late, from the promise or a
/// promise below it.
fn add_answers(rng: &mut Rng, case: &mut Case) {
    let o = Oracle {
        c: case,
        done_on: Vec::new(),
    };
    let mut answers = Vec::new();
    for (e, p) in case.ps.iter().enumerate() {
        let Kind::Event { within, .. } = p.kind else {
            continue;
        };
        let reach = within.map_or(15, |(n, weeks)| if weeks { 7 * n } else { n });
        let family: Vec<usize> = (0..case.ps.len())
            .filter(|&k| under(&case.ps, k, e) && case.ps[k].filter.is_empty())
            .collect();
        for a in case.acts.iter().filter(|a| o.is_event(a, e)) {
            if rng.chance(70) {
                let who = if rng.chance(80) {
                    e
                } else {
                    *rng.pick(&family)
                };
                let date = a.date + rng.days(reach + 3);
                let n = 1 + rng.below(a.amount as u64 / 100 + 1) as i64;
                let mut answer = random_act(rng, &case.ps, Id::Promise(who), date);
                answer.count = n.to_string();
                answer.amount = n * 100;
                answers.push(answer);
            }
        }
    }
    case.acts.extend(answers);
}

// ---------------------------------------------------------------- running

/// How the program let a case down.
#[derive(PartialEq)]
enum Failure {
    Check,
    Report,
    Status,
}

fn try_case(c: &Case) -> Option<(Failure, String)> {
    let toml = toml_text(c);
    let ledger = ledger_text(c);
    let p = Project::new(&toml);
    p.ledger("all.csv", &ledger);
    let check = p.run(&["check"]);
    if check.code != 0 {
        return Some((
            Failure::Check,
            format!("check exits {}\n{}", check.code, check.stderr),
        ));
    }
    let out = p.run(&["report", "--format", "csv", "--as-of", &c.as_of.to_string()]);
    let full = oracle_out(c);
    let expected = full.text.clone();
    if out.code != 0 {
        return Some((
            Failure::Report,
            format!("report exits {}\n{}", out.code, out.stderr),
        ));
    }
    if out.stdout == expected {
        return status_differs(&p, c, &full).map(|why| (Failure::Status, why));
    }
    let got: Vec<&str> = out.stdout.lines().collect();
    let want: Vec<&str> = expected.lines().collect();
    let mut diff = String::new();
    for l in &got {
        if !want.contains(l) {
            diff += &format!("  got      {l}\n");
        }
    }
    for l in &want {
        if !got.contains(l) {
            diff += &format!("  expected {l}\n");
        }
    }
    if diff.is_empty() {
        diff = "  (same rows, another order)\n".into();
    }
    Some((Failure::Report, diff))
}

/// Compares `status` with the oracle, for promises with a rule: the tally
/// `met,ended`, and the window holding as-of with what is still needed.
fn status_differs(p: &Project, c: &Case, full: &Out) -> Option<String> {
    let out = p.run(&["status", "--format", "csv", "--as-of", &c.as_of.to_string()]);
    if out.code != 0 {
        return Some(format!("status exits {}\n{}", out.code, out.stderr));
    }
    let mut why = String::new();
    for line in out.stdout.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (name, got) = (f[0], format!("{},{}", f[9], f[10]));
        if let Some((met, ended)) = full.tally.get(name) {
            let want = format!("{met},{ended}");
            if got != want {
                why += &format!("  status {line}\n  expected met,ended {want}\n");
            }
        }
        if let Some((a, b, row, left)) = full.last.get(name)
            && *a <= c.as_of
            && c.as_of <= *b
        {
            let got = format!("{},{}", f[..7].join(","), f[7]);
            let want = format!("{row},{left}");
            if got != want {
                why += &format!("  status   {line}\n  expected {want},..\n");
            }
        }
    }
    (!why.is_empty()).then_some(why)
}

/// The case with promise `i` (named by no other) and its lines taken out.
fn without_promise(c: &Case, i: usize) -> Case {
    let mut c = c.clone();
    let shift = |x: usize| if x > i { x - 1 } else { x };
    c.ps.remove(i);
    c.acts.retain(|a| a.target != Id::Promise(i));
    for a in &mut c.acts {
        if let Id::Promise(x) = a.target {
            a.target = Id::Promise(shift(x));
        }
    }
    for p in &mut c.ps {
        p.part_of = p.part_of.map(shift);
        p.after = p.after.map(shift);
        if let Kind::Event {
            source: Id::Promise(x),
            ..
        } = &mut p.kind
        {
            *x = shift(*x);
        }
    }
    c
}

fn named(c: &Case, i: usize) -> bool {
    c.ps.iter().any(|p| {
        p.part_of == Some(i)
            || p.after == Some(i)
            || matches!(p.kind, Kind::Event { source: Id::Promise(x), .. } if x == i)
    })
}

/// Takes out lines and unnamed promises as long as the case still fails the same way.
fn shrink(mut c: Case, how: &Failure) -> Case {
    let same = |c: &Case| try_case(c).is_some_and(|(f, _)| f == *how);
    loop {
        let before = (c.acts.len(), c.ps.len());
        for k in (0..c.acts.len()).rev() {
            let mut t = c.clone();
            t.acts.remove(k);
            if same(&t) {
                c = t;
            }
        }
        for i in (0..c.ps.len()).rev() {
            if c.ps.len() > 1 && !named(&c, i) {
                let t = without_promise(&c, i);
                if same(&t) {
                    c = t;
                }
            }
        }
        if (c.acts.len(), c.ps.len()) == before {
            return c;
        }
    }
}

/// Runs the cases of one test; `salt` keeps each test's projects its own.
fn agree(salt: u64, shapes: Shapes, default: u64) {
    for n in 1..=cases(default) {
        let seed = salt << 32 | n;
        let case = generate(seed, shapes);
        if let Some((how, _)) = try_case(&case) {
            let small = shrink(case, &how);
            let (_, why) = try_case(&small).unwrap();
            let expected = oracle(&small);
            let expected = if expected.lines().count() > 30 {
                "(over 30 rows)".into()
            } else {
                expected
            };
            panic!(
                "seed {seed}, as of {}:\n{why}\n--- promises.toml\n{}\n--- ledger/all.csv\n{}\n--- expected\n{expected}",
                small.as_of,
                toml_text(&small),
                ledger_text(&small),
            );
        }
    }
}

#[test]
fn calendar_shapes_agree() {
    let only = Shapes {
        calendar: true,
        ..Shapes::default()
    };
    agree(1, only, 200);
}

#[test]
fn distinct_agrees() {
    let only = Shapes {
        calendar: true,
        distinct: true,
        ..Shapes::default()
    };
    agree(2, only, 200);
}

#[test]
fn percent_agrees() {
    let only = Shapes {
        calendar: true,
        percent: true,
        ..Shapes::default()
    };
    agree(3, only, 200);
}

#[test]
fn after_agrees() {
    let only = Shapes {
        calendar: true,
        after: true,
        ..Shapes::default()
    };
    agree(4, only, 200);
}

#[test]
fn each_terms_agree() {
    let only = Shapes {
        calendar: true,
        each_terms: true,
        ..Shapes::default()
    };
    agree(5, only, 150);
}

#[test]
fn events_agree() {
    let only = Shapes {
        calendar: true,
        events: true,
        ..Shapes::default()
    };
    agree(6, only, 200);
}

#[test]
fn swedish_period_words_agree() {
    let only = Shapes {
        calendar: true,
        swedish_per: true,
        ..Shapes::default()
    };
    agree(8, only, 100);
}

#[test]
fn all_shapes_agree() {
    agree(7, ALL, 300);
}

// ---------------------------------------------------------------- the oracle itself

fn case(
    start: NaiveDate,
    end: Option<NaiveDate>,
    ps: Vec<P>,
    acts: Vec<Act>,
    as_of: NaiveDate,
) -> Case {
    Case {
        seed: 0,
        start,
        end,
        events: vec!["felanmalan".into()],
        ps,
        acts,
        as_of,
    }
}

#[test]
fn oracle_reproduces_spec_examples() {
    // Angered: felanmälan 03-04 (count 2) and 03-10, repairs 03-05 and 03-11,
    // within one day, per quarter: as of 03-12 required 3, done 2, behind; missed
    // once the quarter has ended.
    let (s, e) = (d(2019, 1, 1), Some(d(2019, 12, 31)));
    let rep = P::bare(
        "rep",
        s,
        e,
        Kind::Event {
            source: Id::Event(0),
            within: Some((1, false)),
            per: Some(Per::Quarter),
        },
    );
    let acts = vec![
        Act::new(d(2019, 3, 4), Id::Event(0), 2),
        Act::new(d(2019, 3, 10), Id::Event(0), 1),
        Act::new(d(2019, 3, 5), Id::Promise(0), 1),
        Act::new(d(2019, 3, 11), Id::Promise(0), 1),
    ];
    let c = case(s, e, vec![rep], acts, d(2019, 3, 12));
    assert_eq!(
        oracle(&c),
        "promise,period,start,end,required,done,status\n\
         rep,2019-Q1,2019-01-01,2019-03-31,3,2,behind\n"
    );
    let later = Case {
        as_of: d(2019, 4, 2),
        ..c
    };
    assert!(oracle(&later).contains("rep,2019-Q1,2019-01-01,2019-03-31,3,2,missed\n"));

    // Mora: weekends, one a month, from 2016-09-02: September asks 1 and is
    // on-track with nothing done as of 09-12 (4 of 8 weekend days elapsed).
    let (s, e) = (d(2016, 9, 2), Some(d(2016, 12, 31)));
    let mut mora = P::bare(
        "faltarbetare-helg",
        s,
        e,
        Kind::Rule {
            min: 1,
            per: Per::Month(1),
            over: None,
        },
    );
    mora.filter.on = Some(vec![Weekday::Sat, Weekday::Sun]);
    let c = case(s, e, vec![mora], vec![], d(2016, 9, 12));
    assert_eq!(
        oracle(&c),
        "promise,period,start,end,required,done,status\n\
         faltarbetare-helg,2016-09,2016-09-02,2016-09-30,1,0,on-track\n"
    );

    // Halmstad: summer months, per year: on-track as of May, no day elapsed.
    let (s, e) = (d(2021, 1, 1), Some(d(2022, 12, 31)));
    let mut summer = P::bare(
        "lilla-torg",
        s,
        e,
        Kind::Rule {
            min: 1,
            per: Per::Year,
            over: None,
        },
    );
    summer.filter.months = Some(vec![6, 7, 8]);
    let c = case(s, e, vec![summer], vec![], d(2021, 5, 1));
    assert_eq!(
        oracle(&c),
        "promise,period,start,end,required,done,status\n\
         lilla-torg,2021,2021-01-01,2021-12-31,1,0,on-track\n"
    );

    // Råslätt: 60 offences found, 10 of them first-time users, 20 %: required 12.
    let (s, e) = (d(2021, 1, 1), Some(d(2021, 12, 31)));
    let parent = P::bare(
        "narkotikabrott",
        s,
        e,
        Kind::Rule {
            min: 52,
            per: Per::Year,
            over: None,
        },
    );
    let mut child = P::bare("forstagang", s, e, Kind::Percent(200));
    child.part_of = Some(0);
    let acts = vec![
        Act::new(d(2021, 5, 1), Id::Promise(0), 50),
        Act::new(d(2021, 6, 1), Id::Promise(1), 10),
    ];
    let c = case(s, e, vec![parent, child], acts, d(2022, 1, 10));
    assert_eq!(
        oracle(&c),
        "promise,period,start,end,required,done,status\n\
         narkotikabrott,2021,2021-01-01,2021-12-31,52,60,met\n\
         forstagang,2021,2021-01-01,2021-12-31,12,10,missed\n"
    );
}

#[test]
fn oracle_waits_for_a_stage_and_cuts_items_by_their_terms() {
    // kartlaggning needs two parties (polisen 02-01, kommunen 03-10): completed on
    // 03-10. dialog's line of 03-01 counts nowhere, its line of 03-10 counts.
    let (s, e) = (d(2019, 1, 1), Some(d(2019, 12, 31)));
    let mut kart = P::bare(
        "kartlaggning",
        s,
        e,
        Kind::Rule {
            min: 2,
            per: Per::Term,
            over: None,
        },
    );
    kart.distinct = Some(Col::By);
    let mut dialog = P::bare(
        "dialog",
        s,
        e,
        Kind::Rule {
            min: 2,
            per: Per::Term,
            over: None,
        },
    );
    dialog.after = Some(0);
    let by = |date, who: &str, target| {
        let mut a = Act::new(date, target, 1);
        a.by = who.into();
        a
    };
    let acts = vec![
        by(d(2019, 2, 1), "polisen", Id::Promise(0)),
        by(d(2019, 2, 5), " polisen ", Id::Promise(0)),
        by(d(2019, 3, 10), "kommunen", Id::Promise(0)),
        by(d(2019, 3, 1), "polisen", Id::Promise(1)),
        by(d(2019, 3, 10), "polisen", Id::Promise(1)),
    ];
    let c = case(s, e, vec![kart, dialog], acts, d(2019, 6, 30));
    assert_eq!(
        oracle(&c),
        "promise,period,start,end,required,done,status\n\
         kartlaggning,term,2019-01-01,2019-12-31,2,2,met\n\
         dialog,term,2019-01-01,2019-12-31,2,1,on-track\n"
    );

    // Tobakshörnan opens 2018-03-01: its 2018 window is cut to 306 of 365 days,
    // ceil(2 × 306 / 365) = 2; the kiosk's line before it opened counts nowhere.
    let (s, e) = (d(2017, 1, 1), Some(d(2018, 12, 31)));
    let mut kiosk = P::bare(
        "tillsyn",
        s,
        e,
        Kind::Rule {
            min: 2,
            per: Per::Year,
            over: None,
        },
    );
    kiosk.each = vec![
        Item {
            name: "Kiosken".into(),
            start: None,
            end: None,
        },
        Item {
            name: "Tobakshörnan".into(),
            start: Some(d(2018, 3, 1)),
            end: None,
        },
    ];
    let at = |date, place: &str| {
        let mut a = Act::new(date, Id::Promise(0), 1);
        a.place = place.into();
        a
    };
    let acts = vec![
        at(d(2017, 5, 1), "Kiosken"),
        at(d(2018, 2, 1), "Tobakshörnan"),
        at(d(2018, 4, 1), "Tobakshörnan"),
    ];
    let c = case(s, e, vec![kiosk], acts, d(2019, 1, 5));
    assert_eq!(
        oracle(&c),
        "promise,period,start,end,required,done,status\n\
         tillsyn:Kiosken,2017,2017-01-01,2017-12-31,2,1,missed\n\
         tillsyn:Kiosken,2018,2018-01-01,2018-12-31,2,0,missed\n\
         tillsyn:Tobakshörnan,2018,2018-03-01,2018-12-31,2,1,missed\n"
    );
}
