//! Calendar periods and the windows they cut from a term. Pure date arithmetic.
//!
//! A period is a calendar unit (ISO week, month, quarter, tertial, half-year, year),
//! optionally taken `n` at a time ("2 months"), or the whole term. Groups of `n` start
//! with the unit that holds the term's start. A *window* is a period intersected
//! with the term.

mod calendar;
mod label;
#[cfg(test)]
mod tests;

pub use calendar::Calendar;
pub use label::LabelError;

use chrono::{Datelike, Days, Months, NaiveDate};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Tertial,
    HalfYear,
    Year,
}

impl Unit {
    pub const ALL: [Unit; 7] = [
        Unit::Day,
        Unit::Week,
        Unit::Month,
        Unit::Quarter,
        Unit::Tertial,
        Unit::HalfYear,
        Unit::Year,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Tertial => "tertial",
            Unit::HalfYear => "half-year",
            Unit::Year => "year",
        }
    }

    /// Months per unit, or `None` for the day and the week (counted in days).
    fn months(self) -> Option<u32> {
        match self {
            Unit::Day | Unit::Week => None,
            Unit::Month => Some(1),
            Unit::Quarter => Some(3),
            Unit::Tertial => Some(4),
            Unit::HalfYear => Some(6),
            Unit::Year => Some(12),
        }
    }

    /// The first day of the unit that holds `d`.
    pub fn start_of(self, d: NaiveDate) -> NaiveDate {
        match self.months() {
            None if self == Unit::Day => d,
            None => d - Days::new(u64::from(d.weekday().num_days_from_monday())),
            Some(m) => {
                let month0 = (d.month0() / m) * m;
                NaiveDate::from_ymd_opt(d.year(), month0 + 1, 1).unwrap_or(d)
            }
        }
    }

    /// `start` moved by `k` units (`start` must be a unit start). Saturates at the
    /// ends of chrono's calendar rather than panicking.
    pub fn shift(self, start: NaiveDate, k: i64) -> NaiveDate {
        let moved = match self.months() {
            None => start.checked_add_signed(chrono::Duration::days(self.days() * k)),
            Some(m) => {
                let months = u32::try_from(k.unsigned_abs().saturating_mul(u64::from(m)))
                    .unwrap_or(u32::MAX);
                if k >= 0 {
                    start.checked_add_months(Months::new(months))
                } else {
                    start.checked_sub_months(Months::new(months))
                }
            }
        };
        moved.unwrap_or(if k >= 0 {
            NaiveDate::MAX
        } else {
            NaiveDate::MIN
        })
    }

    /// Whole units from the unit holding `a` to the unit holding `b` (may be negative).
    pub fn units_between(self, a: NaiveDate, b: NaiveDate) -> i64 {
        match self.months() {
            None => (self.start_of(b) - self.start_of(a))
                .num_days()
                .div_euclid(self.days()),
            Some(m) => {
                // Units are aligned to the year (12 is a multiple of every `m`).
                let index = |d: NaiveDate| {
                    (i64::from(d.year()) * 12 + i64::from(d.month0())).div_euclid(i64::from(m))
                };
                index(b) - index(a)
            }
        }
    }

    /// The label of the unit starting at `start`: `2019-W07` (ISO year), `2019-03`,
    /// `2019-Q1`, `2019-T1`, `2019-H1`, `2019`.
    pub fn label(self, start: NaiveDate) -> String {
        let y = start.year();
        match self {
            Unit::Day => start.format("%Y-%m-%d").to_string(),
            Unit::Week => {
                let w = start.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Unit::Month => format!("{y:04}-{:02}", start.month()),
            Unit::Quarter => format!("{y:04}-Q{}", start.month0() / 3 + 1),
            Unit::Tertial => format!("{y:04}-T{}", start.month0() / 4 + 1),
            Unit::HalfYear => format!("{y:04}-H{}", start.month0() / 6 + 1),
            Unit::Year => format!("{y:04}"),
        }
    }

    /// Rough length in days, to compare periods (`over` may not be shorter than `per`).
    fn nominal_days(self) -> f64 {
        match self.months() {
            None => self.days() as f64,
            Some(m) => f64::from(m) * 365.25 / 12.0,
        }
    }

    /// Days per unit, for the units counted in days.
    fn days(self) -> i64 {
        if self == Unit::Day { 1 } else { 7 }
    }
}

/// How often a rule repeats: `n` calendar units at a time, or the whole term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Every { unit: Unit, n: u32 },
    Term,
}

/// The word list a `per`/`over` value is checked against, for "did you mean".
pub const PERIOD_WORDS: [&str; 11] = [
    "day",
    "week",
    "month",
    "quarter",
    "tertial",
    "half-year",
    "year",
    "term",
    "N days",
    "N weeks",
    "N months",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodError {
    /// Not a period word at all.
    Unknown,
    /// `0 weeks`.
    ZeroCount,
    /// `2 quarters`: only days, weeks and months come in multiples.
    NoMultiples(Unit),
    /// `1 days`: one day is written `day`.
    OneDay,
}

impl Period {
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let text = text.trim();
        let single = |word: &str| Unit::ALL.into_iter().find(|u| u.name() == word);
        if text == "term" {
            return Ok(Period::Term);
        }
        if let Some(unit) = single(text) {
            return Ok(Period::Every { unit, n: 1 });
        }
        let Some((count, word)) = text.split_once(' ') else {
            return Err(PeriodError::Unknown);
        };
        let word = word.trim();
        let unit = match word {
            "day" | "days" => Unit::Day,
            "week" | "weeks" => Unit::Week,
            "month" | "months" => Unit::Month,
            _ => {
                let singular = word.strip_suffix('s').unwrap_or(word);
                return match single(singular) {
                    Some(unit) if count.trim().parse::<u32>().is_ok() => {
                        Err(PeriodError::NoMultiples(unit))
                    }
                    _ => Err(PeriodError::Unknown),
                };
            }
        };
        match count.trim().parse::<u32>() {
            Ok(0) => Err(PeriodError::ZeroCount),
            Ok(1) if unit == Unit::Day => Err(PeriodError::OneDay),
            Ok(n) => Ok(Period::Every { unit, n }),
            Err(_) => Err(PeriodError::Unknown),
        }
    }

    /// Rough length in days; the term is longer than everything.
    pub fn nominal_days(self) -> f64 {
        match self {
            Period::Every { unit, n } => unit.nominal_days() * f64::from(n),
            Period::Term => f64::INFINITY,
        }
    }

    /// The full (unclipped) period of this kind that holds `d`, for a term starting
    /// at `term.start`. `None` for `Term` on an open-ended term.
    pub fn span_at(self, term: &Term, d: NaiveDate) -> Option<Span> {
        match self {
            Period::Term => term.end.map(|end| Span {
                start: term.start,
                end,
            }),
            Period::Every { unit, n } => {
                let first = unit.start_of(term.start);
                let k = unit.units_between(first, d).div_euclid(i64::from(n));
                Some(self.nth(first, k))
            }
        }
    }

    /// The group `k` after the one starting at `first` (units only).
    fn nth(self, first: NaiveDate, k: i64) -> Span {
        let Period::Every { unit, n } = self else {
            unreachable!("nth is only called on calendar periods")
        };
        let n = i64::from(n);
        let start = unit.shift(first, k * n);
        let next = unit.shift(first, (k + 1) * n);
        Span {
            start,
            end: next.pred_opt().unwrap_or(next),
        }
    }

    /// The name of a full period of this kind.
    pub fn name(self, span: Span) -> PeriodName {
        match self {
            Period::Term => PeriodName::Term,
            Period::Every { unit, n: 1 } => PeriodName::Unit {
                unit,
                start: span.start,
            },
            Period::Every { unit, .. } => PeriodName::Group {
                unit,
                first: span.start,
                last: unit.start_of(span.end),
            },
        }
    }
}

/// What a window is called: a calendar unit, a group of units, the whole term, or
/// a deadline's single window. Rendered as SPEC's label (`code`) for scripts, and in
/// words for people (see `i18n`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodName {
    Unit {
        unit: Unit,
        start: NaiveDate,
    },
    /// Units `first..last` (both unit starts).
    Group {
        unit: Unit,
        first: NaiveDate,
        last: NaiveDate,
    },
    Term,
    Due,
}

impl PeriodName {
    /// SPEC's label: `2019-W07`, `2019-01..2019-02`, `term`, `due`.
    pub fn code(self) -> String {
        match self {
            PeriodName::Unit { unit, start } => unit.label(start),
            PeriodName::Group { unit, first, last } => {
                format!("{}..{}", unit.label(first), unit.label(last))
            }
            PeriodName::Term => "term".to_string(),
            PeriodName::Due => "due".to_string(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Term => f.write_str("term"),
            Period::Every { unit, n: 1 } => f.write_str(unit.name()),
            Period::Every { unit, n } => write!(f, "{n} {}s", unit.name()),
        }
    }
}

/// An inclusive range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Span {
    pub fn days(self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// Days shared with `other`; zero when they do not meet.
    pub fn overlap_days(self, other: Span) -> i64 {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        if start > end {
            0
        } else {
            (end - start).num_days() + 1
        }
    }
}

/// A promise's term: from `start`, to `end` inclusive when it has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

impl Term {
    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.start && self.end.is_none_or(|end| d <= end)
    }
}

/// One window: the period it comes from, cut to the term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    pub name: PeriodName,
    /// The window's own days (the period intersected with the term).
    pub span: Span,
    /// The whole period, for prorating a window cut by the term.
    pub period: Span,
}

/// The last day medlofte reads or writes: an open-ended term ends here, so that no
/// window reaches a year of five digits.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// The windows of `period` over `term`, in date order, those starting on or before
/// `until` (an open-ended term has no last window).
pub fn windows(period: Period, term: &Term, until: NaiveDate) -> Vec<Window> {
    let last_day = term.end.map_or(until, |end| end.min(until));
    let mut out = Vec::new();
    if term.start > last_day {
        return out;
    }
    match period {
        Period::Term => {
            let end = term.end.unwrap_or(until);
            let span = Span {
                start: term.start,
                end,
            };
            out.push(Window {
                name: PeriodName::Term,
                span,
                period: span,
            });
        }
        Period::Every { unit, .. } => {
            let first = unit.start_of(term.start);
            let mut k = 0;
            loop {
                let full = period.nth(first, k);
                if full.start > last_day || full.start == NaiveDate::MAX {
                    break;
                }
                let span = Span {
                    start: full.start.max(term.start),
                    end: full.end.min(term.end.unwrap_or(LAST_DAY)),
                };
                out.push(Window {
                    name: period.name(full),
                    span,
                    period: full,
                });
                if full.end >= LAST_DAY {
                    break;
                }
                k += 1;
            }
        }
    }
    out
}
