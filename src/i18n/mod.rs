//! Swedish and English for everything people read: table headings, statuses,
//! period names, rules in words, the follow-up. CSV and JSON stay language-neutral
//! (SPEC's field names and status words); messages about broken input stay English.

use crate::amount::Amount;
use crate::model::Status;
use crate::model::{Agreement, Promise, Rule};
use crate::period::{Period, PeriodName, Term, Unit};
use chrono::{Datelike, NaiveDate};

pub use crate::lang::Lang;
pub use words::Words;
use words::{EN, SV};

mod followup;
mod indicators;
mod shapes;
mod words;

impl Lang {
    /// The fixed words of this language.
    pub fn words(self) -> &'static Words {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }

    pub fn status(self, status: Status) -> &'static str {
        let w = self.words();
        match status {
            Status::Met => w.met,
            Status::Missed => w.missed,
            Status::OnTrack => w.on_track,
            Status::Behind => w.behind,
            Status::Tracked => w.tracked,
            Status::Late => w.late,
            Status::Overdue => w.overdue,
            Status::Pending => w.pending,
            Status::NotStarted => w.not_started,
        }
    }

    /// A period for people: `v. 7 2019`, `tertial 1 2019`, `halvår 2 2019`;
    /// `week 7 2019`, `March 2019`, `Q1 2019`.
    pub fn period(self, name: PeriodName, due: Option<NaiveDate>) -> String {
        match name {
            PeriodName::Unit { unit, start } => self.unit_name(unit, start, true),
            PeriodName::Group { unit, first, last } => {
                let a = self.unit_name(
                    unit,
                    first,
                    first.year() != last.year() || unit == Unit::Week,
                );
                let b = self.unit_name(unit, last, true);
                let b = match (unit, self) {
                    (Unit::Week, Lang::Sv) if first.iso_week().year() == last.iso_week().year() => {
                        b.trim_start_matches("v. ").to_string()
                    }
                    (Unit::Week, Lang::En) if first.iso_week().year() == last.iso_week().year() => {
                        b.trim_start_matches("week ").to_string()
                    }
                    _ => b,
                };
                let a = if unit == Unit::Week && first.iso_week().year() == last.iso_week().year() {
                    a.rsplit_once(' ').map_or(a.clone(), |(x, _)| x.to_string())
                } else {
                    a
                };
                format!("{a}–{b}")
            }
            PeriodName::Term => self.words().term.to_string(),
            PeriodName::Due => due.map_or(self.words().due.to_string(), |d| d.to_string()),
        }
    }

    fn unit_name(self, unit: Unit, start: NaiveDate, with_year: bool) -> String {
        let y = start.year();
        let year = |s: String| if with_year { format!("{s} {y}") } else { s };
        match (unit, self) {
            // A day is its date, whatever the language: `2016-12-24`.
            (Unit::Day, _) => self.date(start),
            (Unit::Week, Lang::Sv) => {
                let w = start.iso_week();
                format!("v. {} {}", w.week(), w.year())
            }
            (Unit::Week, Lang::En) => {
                let w = start.iso_week();
                format!("week {} {}", w.week(), w.year())
            }
            (Unit::Month, _) => year(self.month(start.month0()).to_string()),
            (Unit::Quarter, Lang::Sv) => format!("kvartal {} {y}", start.month0() / 3 + 1),
            (Unit::Quarter, Lang::En) => format!("Q{} {y}", start.month0() / 3 + 1),
            (Unit::Tertial, _) => format!("tertial {} {y}", start.month0() / 4 + 1),
            (Unit::HalfYear, Lang::Sv) => format!("halvår {} {y}", start.month0() / 6 + 1),
            (Unit::HalfYear, Lang::En) => format!("H{} {y}", start.month0() / 6 + 1),
            (Unit::Year, _) => y.to_string(),
        }
    }

    pub fn month(self, month0: u32) -> &'static str {
        const SV: [&str; 12] = [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let i = month0.min(11) as usize;
        match self {
            Lang::Sv => SV[i],
            Lang::En => EN[i],
        }
    }

    /// A date for people: `15 oktober 2019`, `15 October 2019`.
    pub fn date(self, d: NaiveDate) -> String {
        format!("{} {} {}", d.day(), self.month(d.month0()), d.year())
    }

    /// What a promise asks for: `minst 2 gånger per halvår`, `at least 2 times per
    /// half-year`.
    pub fn rule(self, promise: &Promise) -> String {
        self.rule_in(None, promise)
    }

    /// The rule, with the names it refers to when the agreement is at hand.
    fn rule_in(self, agreement: Option<&Agreement>, promise: &Promise) -> String {
        let w = self.words();
        let mut text = match &promise.rule {
            Rule::Share { percent } => self.share(agreement, promise, *percent),
            Rule::PerEvent {
                source,
                within,
                per,
            } => self.per_event(agreement, *source, *within, *per),
            Rule::AtLeast { min, per, over } if promise.distinct.is_some() => {
                let _ = over;
                self.distinct(*min, promise.distinct, self.per(*per))
            }
            Rule::Tracked => w.tracked_rule.to_string(),
            Rule::Deadline(due) => format!("{} {due}", w.done_by),
            Rule::AtLeast { min, per, over } => {
                let amount = match &promise.unit {
                    Some(unit) => self.quantity(*min, Some(unit)),
                    None => self.times(*min),
                };
                let per = self.per(*per);
                match over {
                    None => format!("{} {amount} {per}", w.at_least),
                    Some(o) => {
                        format!("{} {amount} {per} {}", w.at_least, self.on_average_over(*o))
                    }
                }
            }
        };
        text += &self.calendar_words(&promise.calendar);
        if !promise.each.is_empty() {
            text = format!("{text}, {} {}", w.for_each_place, self.items(promise));
        }
        if let (Some(a), Some(stage)) = (agreement, promise.after) {
            text += &self.after(&a.promises[stage].id);
        }
        text
    }

    /// The rule in words, and what it is part of.
    pub fn full_rule(self, agreement: &Agreement, p: &Promise) -> String {
        match p.part_of {
            // A share names its parent already.
            Some(_) if matches!(p.rule, Rule::Share { .. }) => self.rule_in(Some(agreement), p),
            Some(parent) => format!(
                "{} ({} {})",
                self.rule_in(Some(agreement), p),
                self.words().part_of,
                agreement.promises[parent].id
            ),
            None => self.rule_in(Some(agreement), p),
        }
    }

    /// `2019-01-01 – 2019-12-31`, or `2021-03-15 – (tills vidare)`.
    pub fn term(self, term: &Term) -> String {
        match term.end {
            Some(end) => format!("{} – {end}", term.start),
            None => format!("{} – ({})", term.start, self.words().open_ended),
        }
    }

    pub(crate) fn times(self, n: Amount) -> String {
        match (self, n == Amount::ONE) {
            (Lang::Sv, true) => "1 gång".to_string(),
            (Lang::Sv, false) => format!("{} gånger", self.number(n)),
            (Lang::En, true) => "once".to_string(),
            (Lang::En, false) => format!("{n} times"),
        }
    }

    /// `per halvår`, `varannan månad`, `var 3:e vecka`, `under perioden`.
    pub(crate) fn per(self, per: Period) -> String {
        match (per, self) {
            (Period::Term, Lang::Sv) => "under perioden".to_string(),
            (Period::Term, Lang::En) => "over the term".to_string(),
            (Period::Every { unit, n: 1 }, Lang::Sv) => format!("per {}", sv_noun(unit)),
            (Period::Every { unit, n: 1 }, Lang::En) => format!("per {}", unit.name()),
            (Period::Every { unit, n: 2 }, Lang::Sv) => format!("varannan {}", sv_noun(unit)),
            (Period::Every { unit, n }, Lang::Sv) => format!("var {n}:e {}", sv_noun(unit)),
            (Period::Every { unit, n }, Lang::En) => format!("every {n} {}s", unit.name()),
        }
    }

    fn on_average_over(self, over: Period) -> String {
        match (over, self) {
            (Period::Term, Lang::Sv) => "i snitt under perioden".to_string(),
            (Period::Term, Lang::En) => "on average over the term".to_string(),
            (Period::Every { unit, n: 1 }, Lang::Sv) => {
                format!("i snitt över {}", sv_definite(unit))
            }
            (Period::Every { unit, n: 1 }, Lang::En) => {
                format!("on average over each {}", unit.name())
            }
            (Period::Every { unit, n }, Lang::Sv) => {
                format!("i snitt över var {n}:e {}", sv_noun(unit))
            }
            (Period::Every { unit, n }, Lang::En) => {
                format!("on average over every {n} {}s", unit.name())
            }
        }
    }
}

impl Lang {
    /// `undo`'s question and answers.
    pub fn undo_words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Lang::Sv => ("Ta bort raden? [j/N] ", "Borttagen.", "Inget togs bort."),
            Lang::En => ("Remove this line? [y/N] ", "Removed.", "Nothing removed."),
        }
    }

    /// `logged in ledger/2019.csv: ...`
    pub fn logged_in(self) -> &'static str {
        match self {
            Lang::Sv => "sparat i",
            Lang::En => "logged in",
        }
    }
}

impl Lang {
    /// `denna vecka`, `this week`.
    pub fn this_period(self, unit: Unit) -> String {
        match self {
            Lang::Sv => sv_this(unit).to_string(),
            Lang::En if unit == Unit::Day => "today".to_string(),
            Lang::En => format!("this {}", unit.name()),
        }
    }
}

fn sv_this(unit: Unit) -> &'static str {
    match unit {
        Unit::Day => "i dag",
        Unit::Week => "denna vecka",
        Unit::Month => "denna månad",
        Unit::Quarter => "detta kvartal",
        Unit::Tertial => "detta tertial",
        Unit::HalfYear => "detta halvår",
        Unit::Year => "detta år",
    }
}

fn sv_noun(unit: Unit) -> &'static str {
    match unit {
        Unit::Day => "dag",
        Unit::Week => "vecka",
        Unit::Month => "månad",
        Unit::Quarter => "kvartal",
        Unit::Tertial => "tertial",
        Unit::HalfYear => "halvår",
        Unit::Year => "år",
    }
}

fn sv_definite(unit: Unit) -> &'static str {
    match unit {
        Unit::Day => "dagen",
        Unit::Week => "veckan",
        Unit::Month => "månaden",
        Unit::Quarter => "kvartalet",
        Unit::Tertial => "tertialet",
        Unit::HalfYear => "halvåret",
        Unit::Year => "året",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::Period;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn period_names_in_both_languages() {
        let w7 = PeriodName::Unit {
            unit: Unit::Week,
            start: d("2019-02-11"),
        };
        assert_eq!(Lang::Sv.period(w7, None), "v. 7 2019");
        assert_eq!(Lang::En.period(w7, None), "week 7 2019");
        let t1 = PeriodName::Unit {
            unit: Unit::Tertial,
            start: d("2019-01-01"),
        };
        assert_eq!(Lang::Sv.period(t1, None), "tertial 1 2019");
        let h2 = PeriodName::Unit {
            unit: Unit::HalfYear,
            start: d("2019-07-01"),
        };
        assert_eq!(Lang::Sv.period(h2, None), "halvår 2 2019");
        assert_eq!(Lang::En.period(h2, None), "H2 2019");
        let mar = PeriodName::Unit {
            unit: Unit::Month,
            start: d("2019-03-01"),
        };
        assert_eq!(Lang::Sv.period(mar, None), "mars 2019");
        let jf = PeriodName::Group {
            unit: Unit::Month,
            first: d("2019-01-01"),
            last: d("2019-02-01"),
        };
        assert_eq!(Lang::Sv.period(jf, None), "januari–februari 2019");
        let nj = PeriodName::Group {
            unit: Unit::Month,
            first: d("2022-11-01"),
            last: d("2023-01-01"),
        };
        assert_eq!(Lang::En.period(nj, None), "November 2022–January 2023");
        let ww = PeriodName::Group {
            unit: Unit::Week,
            first: d("2019-01-07"),
            last: d("2019-01-14"),
        };
        assert_eq!(Lang::Sv.period(ww, None), "v. 2–3 2019");
        let wy = PeriodName::Group {
            unit: Unit::Week,
            first: d("2020-12-28"),
            last: d("2021-01-04"),
        };
        assert_eq!(Lang::En.period(wy, None), "week 53 2020–week 1 2021");
        assert_eq!(
            Lang::Sv.period(PeriodName::Due, Some(d("2020-02-29"))),
            "2020-02-29"
        );
    }

    #[test]
    fn rules_in_words() {
        let term = crate::period::Term {
            start: d("2019-01-01"),
            end: None,
        };
        let promise = |rule, unit: Option<&str>| Promise {
            unit: unit.map(str::to_string),
            ..crate::model::fixture::promise("x", rule, term)
        };
        let every = |unit, n| Period::Every { unit, n };
        let two_per_half = promise(
            Rule::AtLeast {
                min: Amount::from_int(2),
                per: every(Unit::HalfYear, 1),
                over: None,
            },
            None,
        );
        assert_eq!(Lang::Sv.rule(&two_per_half), "minst 2 gånger per halvår");
        assert_eq!(
            Lang::En.rule(&two_per_half),
            "at least 2 times per half-year"
        );
        let avg = promise(
            Rule::AtLeast {
                min: Amount::ONE,
                per: every(Unit::Month, 1),
                over: Some(every(Unit::Year, 1)),
            },
            None,
        );
        assert_eq!(
            Lang::Sv.rule(&avg),
            "minst 1 gång per månad i snitt över året"
        );
        let bimonthly = promise(
            Rule::AtLeast {
                min: Amount::ONE,
                per: every(Unit::Month, 2),
                over: None,
            },
            None,
        );
        assert_eq!(Lang::Sv.rule(&bimonthly), "minst 1 gång varannan månad");
        let hours = promise(
            Rule::AtLeast {
                min: Amount::from_int(900),
                per: every(Unit::Year, 1),
                over: None,
            },
            Some("timmar"),
        );
        assert_eq!(Lang::Sv.rule(&hours), "minst 900 timmar per år");
        assert_eq!(
            Lang::Sv.rule(&promise(Rule::Deadline(d("2020-02-29")), None)),
            "klart senast 2020-02-29"
        );
    }
}
