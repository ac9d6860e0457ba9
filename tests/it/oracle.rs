//! Generated projects checked against an independent, day-by-day reading of SPEC.
//!
//! The oracle here shares no code with the program: it assigns every single day to
//! its period by brute force, counts period lengths by walking the calendar, and
//! applies SPEC's status table literally. Each case is a fresh project (random
//! terms, open-ended too, every period kind, promise-level start/end, deadlines,
//! tracked promises, averages, per-place quotas, sub-quotas, decimal amounts) and
//! an as-of date before, inside or after the term; `report --format csv` must agree
//! row for row.

use crate::common::{Project, Rng, oracle_cases};
use chrono::{Datelike, Duration, NaiveDate};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Per {
    Week(u32),
    Month(u32),
    Quarter,
    Tertial,
    Half,
    Year,
    Term,
}

impl Per {
    fn toml(self) -> String {
        match self {
            Per::Week(1) => "week".into(),
            Per::Week(n) => format!("{n} weeks"),
            Per::Month(1) => "month".into(),
            Per::Month(n) => format!("{n} months"),
            Per::Quarter => "quarter".into(),
            Per::Tertial => "tertial".into(),
            Per::Half => "half-year".into(),
            Per::Year => "year".into(),
            Per::Term => "term".into(),
        }
    }
    /// Nominal length, only to keep `over` at least as long as `per`.
    fn rank(self) -> u32 {
        match self {
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

#[derive(Clone, Debug)]
enum Kind {
    Rule {
        min: i64,
        per: Per,
        over: Option<Per>,
    },
    Due(NaiveDate),
    Tracked,
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
    each: Vec<String>,
    part_of: Option<usize>,
}

struct Act {
    date: NaiveDate,
    promise: usize,
    /// In hundredths.
    amount: i64,
    place: String,
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn month_index(x: NaiveDate) -> i64 {
    x.year() as i64 * 12 + x.month0() as i64
}

/// The key of the period holding `day`, for a term starting on `ts`: two days share
/// a key exactly when they are in the same period.
fn key(per: Per, ts: NaiveDate, day: NaiveDate) -> i64 {
    match per {
        Per::Week(n) => {
            let monday =
                |x: NaiveDate| x - Duration::days(x.weekday().num_days_from_monday() as i64);
            ((monday(day) - monday(ts)).num_days() / 7).div_euclid(n as i64)
        }
        Per::Month(n) => (month_index(day) - month_index(ts)).div_euclid(n as i64),
        Per::Quarter => day.year() as i64 * 4 + day.month0() as i64 / 3,
        Per::Tertial => day.year() as i64 * 3 + day.month0() as i64 / 4,
        Per::Half => day.year() as i64 * 2 + day.month0() as i64 / 6,
        Per::Year => day.year() as i64,
        Per::Term => 0,
    }
}

/// First and last day of the full period holding `day`, by walking the calendar.
fn full_period(
    per: Per,
    ts: NaiveDate,
    te: Option<NaiveDate>,
    day: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    if per == Per::Term {
        return (ts, te.unwrap());
    }
    let k = key(per, ts, day);
    let mut a = day;
    while key(per, ts, a - Duration::days(1)) == k {
        a -= Duration::days(1);
    }
    let mut b = day;
    while key(per, ts, b + Duration::days(1)) == k {
        b += Duration::days(1);
    }
    (a, b)
}

fn unit_label(per: Per, first: NaiveDate) -> String {
    match per {
        Per::Week(_) => {
            let w = first.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        Per::Month(_) => format!("{}-{:02}", first.year(), first.month()),
        Per::Quarter => format!("{}-Q{}", first.year(), first.month0() / 3 + 1),
        Per::Tertial => format!("{}-T{}", first.year(), first.month0() / 4 + 1),
        Per::Half => format!("{}-H{}", first.year(), first.month0() / 6 + 1),
        Per::Year => format!("{}", first.year()),
        Per::Term => "term".into(),
    }
}

fn label(per: Per, a: NaiveDate, b: NaiveDate) -> String {
    match per {
        Per::Week(n) | Per::Month(n) if n > 1 => {
            let unit = if matches!(per, Per::Week(_)) {
                Per::Week(1)
            } else {
                Per::Month(1)
            };
            let last_first = full_period(unit, a, None, b).0;
            format!("{}..{}", unit_label(unit, a), unit_label(unit, last_first))
        }
        _ => unit_label(per, a),
    }
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

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs().max(1)
    } else {
        gcd(b, a % b)
    }
}

/// SPEC's report, computed the slow, obvious way.
fn oracle(ps: &[P], acts: &[Act], as_of: NaiveDate) -> String {
    let mut out = String::from("promise,period,start,end,required,done,status\n");
    for (pi, p) in ps.iter().enumerate() {
        // Activities that count for p: its own and those of promises part of it.
        let counts_for = |a: &Act| {
            let mut x = Some(a.promise);
            while let Some(i) = x {
                if i == pi {
                    return true;
                }
                x = ps[i].part_of;
            }
            false
        };
        let items: Vec<Option<&String>> = if p.each.is_empty() {
            vec![None]
        } else {
            p.each.iter().map(Some).collect()
        };
        for item in items {
            let mine: Vec<&Act> = acts
                .iter()
                .filter(|a| counts_for(a) && item.is_none_or(|i| &a.place == i))
                .collect();
            let done_in = |a: NaiveDate, b: NaiveDate| -> i64 {
                mine.iter()
                    .filter(|x| x.date >= a && x.date <= b && x.date <= as_of)
                    .map(|x| x.amount)
                    .sum()
            };
            let name = match item {
                Some(i) => format!("{}:{}", p.id, i),
                None => p.id.clone(),
            };
            match &p.kind {
                Kind::Tracked => {
                    if p.start <= as_of {
                        let end = p.end.map_or(as_of, |e| e.min(as_of));
                        out += &format!(
                            "{name},term,{},{},,{},tracked\n",
                            p.start,
                            end,
                            amount_text(done_in(p.start, end))
                        );
                    }
                }
                Kind::Due(due) => {
                    if p.start <= as_of {
                        let done = done_in(p.start, *due);
                        let status = if done >= 100 {
                            "met"
                        } else if mine.iter().any(|x| x.date > *due && x.date <= as_of) {
                            "late"
                        } else if as_of > *due {
                            "overdue"
                        } else {
                            "pending"
                        };
                        out += &format!(
                            "{name},due,{},{due},1,{},{status}\n",
                            p.start,
                            amount_text(done)
                        );
                    }
                }
                Kind::Rule { min, per, over } => {
                    let window_per = over.unwrap_or(*per);
                    // Walk the term day by day; a new window begins where the key changes.
                    // An open-ended term has no end: walk to the end of as-of's period.
                    let mut day = p.start;
                    let mut windows: Vec<(NaiveDate, NaiveDate)> = Vec::new();
                    let limit = p.end.unwrap_or_else(|| {
                        full_period(window_per, p.start, None, as_of.max(p.start)).1
                    });
                    while day <= limit {
                        let k = key(window_per, p.start, day);
                        match windows.last_mut() {
                            Some(w) if key(window_per, p.start, w.0) == k => w.1 = day,
                            _ => windows.push((day, day)),
                        }
                        day += Duration::days(1);
                    }
                    for (a, b) in windows.into_iter().filter(|w| w.0 <= as_of) {
                        let (fa, fb) = full_period(window_per, p.start, p.end, a);
                        let wd = (b - a).num_days() + 1;
                        let required: i64 = match over {
                            None => {
                                let pd = (fb - fa).num_days() + 1;
                                if wd == pd {
                                    *min
                                } else {
                                    (min * wd + pd - 1) / pd
                                }
                            }
                            Some(_) => {
                                let (mut num, mut den) = (0i128, 1i128);
                                let mut x = a;
                                while x <= b {
                                    let (qa, qb) = full_period(*per, p.start, p.end, x);
                                    let qd = ((qb - qa).num_days() + 1) as i128;
                                    num = num * qd + den;
                                    den *= qd;
                                    let g = gcd(num, den);
                                    num /= g;
                                    den /= g;
                                    x += Duration::days(1);
                                }
                                let n = *min as i128 * num;
                                ((n + den - 1) / den) as i64
                            }
                        };
                        let done = done_in(a, b);
                        let status = if done >= required * 100 {
                            "met"
                        } else if b < as_of {
                            "missed"
                        } else {
                            let elapsed = (as_of - a).num_days() + 1;
                            if done >= (required * elapsed / wd) * 100 {
                                "on-track"
                            } else {
                                "behind"
                            }
                        };
                        out += &format!(
                            "{name},{},{a},{b},{required},{},{status}\n",
                            label(window_per, fa, fb),
                            amount_text(done)
                        );
                    }
                }
            }
        }
    }
    out
}

fn random_per(rng: &mut Rng, has_end: bool) -> Per {
    loop {
        let per = match rng.below(9) {
            0 => Per::Week(1),
            1 => Per::Week(2 + rng.below(3) as u32),
            2 => Per::Month(1),
            3 => Per::Month(2 + rng.below(2) as u32),
            4 => Per::Quarter,
            5 => Per::Tertial,
            6 => Per::Half,
            7 => Per::Year,
            _ => Per::Term,
        };
        if per != Per::Term || has_end {
            return per;
        }
    }
}

fn generate(seed: u64) -> (String, String, NaiveDate, String) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let start = d(2016, 1, 1) + Duration::days(rng.below(3200) as i64);
    let end = rng
        .chance(60)
        .then(|| start + Duration::days(rng.below(900) as i64));
    let horizon = end.unwrap_or(start + Duration::days(700));
    let mut toml = format!("title = \"Case {seed}\"\nstart = {start}\n");
    if let Some(e) = end {
        toml += &format!("end = {e}\n");
    }
    let mut ps: Vec<P> = Vec::new();
    for i in 0..1 + rng.below(4) as usize {
        let own_start = rng
            .chance(25)
            .then(|| start + Duration::days(rng.below(200) as i64))
            .filter(|s| end.is_none_or(|e| *s <= e));
        let p_start = own_start.unwrap_or(start);
        let own_end = rng
            .chance(25)
            .then(|| p_start + Duration::days(rng.below(400) as i64))
            .filter(|e| end.is_none_or(|ae| *e <= ae));
        let p_end = own_end.or(end);
        let kind = match rng.below(10) {
            0..=5 => {
                let per = random_per(&mut rng, p_end.is_some());
                let over = rng
                    .chance(25)
                    .then(|| random_per(&mut rng, p_end.is_some()))
                    .filter(|o| o.rank() >= per.rank());
                Kind::Rule {
                    min: 1 + rng.below(5) as i64,
                    per,
                    over,
                }
            }
            6 | 7 => Kind::Due(p_start + Duration::days(rng.below(500) as i64)),
            _ => Kind::Tracked,
        };
        let is_rule = matches!(kind, Kind::Rule { .. });
        let part_of = (i > 0 && rng.chance(20)).then(|| rng.below(i as u64) as usize);
        let each = if is_rule && part_of.is_none() && rng.chance(20) {
            vec!["Norr".to_string(), "Söder".to_string()]
        } else {
            Vec::new()
        };
        ps.push(P {
            id: format!("p{i}"),
            start: p_start,
            end: p_end,
            own_start,
            own_end,
            kind,
            unit: rng.chance(15),
            each,
            part_of,
        });
    }
    for p in &ps {
        toml += &format!(
            "\n[[promise]]\nid = \"{}\"\ntitle = \"Löfte {}\"\n",
            p.id, p.id
        );
        if let Some(s) = p.own_start {
            toml += &format!("start = {s}\n");
        }
        if let Some(e) = p.own_end {
            toml += &format!("end = {e}\n");
        }
        if p.unit {
            toml += "unit = \"timmar\"\n";
        }
        match &p.kind {
            Kind::Rule { min, per, over } => {
                toml += &format!("min = {min}\nper = \"{}\"\n", per.toml());
                if let Some(o) = over {
                    toml += &format!("over = \"{}\"\n", o.toml());
                }
            }
            Kind::Due(due) => toml += &format!("due = {due}\n"),
            Kind::Tracked => {}
        }
        if !p.each.is_empty() {
            toml += "each = [\"Norr\", \"Söder\"]\n";
        }
        if let Some(parent) = p.part_of {
            toml += &format!("part_of = \"p{parent}\"\n");
        }
    }
    let mut acts = Vec::new();
    let mut ledger = String::from("date,promise,count,by,note,place\n");
    for _ in 0..rng.below(60) {
        let promise = rng.below(ps.len() as u64) as usize;
        let span = (horizon - start).num_days() + 40;
        let date = start - Duration::days(20) + Duration::days(rng.below(span as u64) as i64);
        let (count_text, amount) = match (ps[promise].unit, rng.below(4)) {
            (_, 0) => (String::new(), 100),
            (true, _) => {
                let h = 25 * (1 + rng.below(12) as i64);
                (amount_text(h), h)
            }
            (false, _) => {
                let n = 1 + rng.below(3) as i64;
                (n.to_string(), n * 100)
            }
        };
        let place = if ps[promise].each.is_empty() {
            rng.pick(&["", "Norr", "Väst"]).to_string()
        } else {
            rng.pick(&ps[promise].each).clone()
        };
        ledger +=
            &format!("{date},p{promise},{count_text},polisen,\"Anteckning, {promise}\",{place}\n");
        acts.push(Act {
            date,
            promise,
            amount,
            place,
        });
    }
    let as_of = start - Duration::days(30)
        + Duration::days(rng.below(((horizon - start).num_days() + 120) as u64) as i64);
    let expected = oracle(&ps, &acts, as_of);
    (toml, ledger, as_of, expected)
}

#[test]
fn report_agrees_with_an_independent_reading_of_spec() {
    let cases = oracle_cases(300);
    for seed in 1..=cases {
        let (toml, ledger, as_of, expected) = generate(seed);
        let p = Project::new(&toml);
        p.ledger("all.csv", &ledger);
        let out = p.run(&["report", "--format", "csv", "--as-of", &as_of.to_string()]);
        assert_eq!(out.code, 0, "seed {seed}\n{toml}\n{}", out.stderr);
        if out.stdout != expected {
            let diff: Vec<String> = out
                .stdout
                .lines()
                .zip(expected.lines())
                .filter(|(a, b)| a != b)
                .take(5)
                .map(|(a, b)| format!("  got      {a}\n  expected {b}"))
                .collect();
            panic!(
                "seed {seed}, as of {as_of}: {} rows vs {} expected\n{}\n--- promises.toml\n{toml}\n--- ledger\n{ledger}",
                out.stdout.lines().count(),
                expected.lines().count(),
                diff.join("\n")
            );
        }
    }
}

#[test]
fn oracle_reproduces_a_worked_example() {
    // The oracle itself is checked against SPEC's example 01: W53 and a cut week 1.
    let p = P {
        id: "narvaro".into(),
        start: d(2020, 1, 1),
        end: Some(d(2021, 1, 3)),
        own_start: None,
        own_end: None,
        kind: Kind::Rule {
            min: 1,
            per: Per::Week(1),
            over: None,
        },
        unit: false,
        each: vec![],
        part_of: None,
    };
    let acts = [
        Act {
            date: d(2020, 1, 3),
            promise: 0,
            amount: 100,
            place: String::new(),
        },
        Act {
            date: d(2020, 1, 13),
            promise: 0,
            amount: 100,
            place: String::new(),
        },
        Act {
            date: d(2020, 12, 29),
            promise: 0,
            amount: 200,
            place: String::new(),
        },
    ];
    let expected = std::fs::read_to_string(
        crate::common::repo_root()
            .join("tests/fixtures/spec-examples/01-weeks-cut-by-term/expected-2021-01-03.csv"),
    )
    .unwrap();
    assert_eq!(oracle(&[p], &acts, d(2021, 1, 3)), expected);
}
