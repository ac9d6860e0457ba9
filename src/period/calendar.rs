//! The days of a promise: the weekdays, months and dates it counts, and the dates
//! it never counts. Without filters every day is a day of the promise.

use super::Span;
use chrono::{Datelike, NaiveDate};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    /// Monday first; `None`: every weekday.
    pub on: Option<[bool; 7]>,
    /// January first; `None`: every month.
    pub months: Option<[bool; 12]>,
    /// Only these days (sorted); `None`: every day.
    pub dates: Option<Vec<NaiveDate>>,
    /// Never these days (sorted).
    pub except: Vec<NaiveDate>,
}

impl Calendar {
    /// Whether no filter is set, so every day counts.
    pub fn is_every_day(&self) -> bool {
        self.on.is_none() && self.months.is_none() && self.dates.is_none() && self.except.is_empty()
    }

    /// Whether `d` is a day of the promise (its term aside).
    pub fn holds(&self, d: NaiveDate) -> bool {
        self.on
            .is_none_or(|on| on[d.weekday().num_days_from_monday() as usize])
            && self.months.is_none_or(|m| m[d.month0() as usize])
            && self
                .dates
                .as_ref()
                .is_none_or(|ds| ds.binary_search(&d).is_ok())
            && self.except.binary_search(&d).is_err()
    }

    /// How many days of `span` are days of the promise.
    pub fn days_in(&self, span: Span) -> i64 {
        if span.end < span.start {
            return 0;
        }
        if self.is_every_day() {
            return span.days();
        }
        if let Some(dates) = &self.dates {
            return dates
                .iter()
                .filter(|d| span.contains(**d) && self.holds(**d))
                .count() as i64;
        }
        span.start
            .iter_days()
            .take_while(|d| *d <= span.end)
            .filter(|d| self.holds(*d))
            .count() as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn span(a: &str, b: &str) -> Span {
        Span {
            start: d(a),
            end: d(b),
        }
    }

    #[test]
    fn every_day_without_filters() {
        let c = Calendar::default();
        assert!(c.holds(d("2016-02-29")));
        // 2016 is a leap year: 366 days.
        assert_eq!(c.days_in(span("2016-01-01", "2016-12-31")), 366);
        assert_eq!(c.days_in(span("2016-01-02", "2016-01-01")), 0);
    }

    #[test]
    fn weekends_of_mora_september_2016() {
        // SPEC: September 2016 holds 8 weekend days, 3, 4, 10, 11, 17, 18, 24, 25;
        // as of the 12th, 4 of them have come.
        let mut weekend = [false; 7];
        (weekend[5], weekend[6]) = (true, true);
        let c = Calendar {
            on: Some(weekend),
            ..Calendar::default()
        };
        assert_eq!(c.days_in(span("2016-09-01", "2016-09-30")), 8);
        assert_eq!(c.days_in(span("2016-09-02", "2016-09-12")), 4);
        assert!(!c.holds(d("2016-09-13")));
        // December has 9 weekend days; without 24 and 25, 7 remain:
        // 3, 4, 10, 11, 17, 18, 31.
        let c = Calendar {
            except: vec![d("2016-12-24"), d("2016-12-25")],
            ..c
        };
        assert_eq!(c.days_in(span("2016-12-01", "2016-12-31")), 7);
    }

    #[test]
    fn months_and_dates_and_a_thursday_that_is_excepted() {
        let mut summer = [false; 12];
        summer[5..8].fill(true);
        let c = Calendar {
            months: Some(summer),
            ..Calendar::default()
        };
        assert_eq!(c.days_in(span("2021-01-01", "2021-12-31")), 30 + 31 + 31);
        assert_eq!(c.days_in(span("2021-01-01", "2021-05-01")), 0);
        let holidays = Calendar {
            dates: Some(vec![d("2016-11-05"), d("2016-12-24"), d("2016-12-31")]),
            except: vec![d("2016-12-31")],
            ..Calendar::default()
        };
        assert_eq!(holidays.days_in(span("2016-11-01", "2016-12-31")), 2);
        let mut thursday = [false; 7];
        thursday[3] = true;
        // Week 21 of 2017: its Thursday, 2017-05-25 (Ascension), is excepted.
        let c = Calendar {
            on: Some(thursday),
            except: vec![d("2017-05-25")],
            ..Calendar::default()
        };
        assert_eq!(c.days_in(span("2017-05-22", "2017-05-28")), 0);
        assert_eq!(c.days_in(span("2017-05-29", "2017-06-04")), 1);
    }
}
