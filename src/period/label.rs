//! Period labels read back: the text `Unit::label` writes (`2019-W07`, `2019-03`,
//! `2019-Q1`, `2019-T1`, `2019-H1`, `2019`, and a day `2019-03-14`), so that figures
//! copied in per period name their period as `report` does.

use super::Unit;
use chrono::{NaiveDate, Weekday};

/// Why a text names no period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelError {
    /// Shaped like a label of this unit, but no such period: `2019-Q5`, `2019-W54`.
    NoSuch(Unit),
    /// Not shaped like any label.
    Unknown,
}

impl Unit {
    /// The unit and first day of the period `text` names, whatever its kind. The
    /// letter of `W`, `Q`, `T` and `H` may be lower case.
    pub fn parse_label(text: &str) -> Result<(Unit, NaiveDate), LabelError> {
        let text = text.trim().to_ascii_uppercase();
        let number = |s: &str| {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let (Some(year), rest) = (
            text.get(..4).and_then(number).filter(|&y| y > 0),
            text.get(4..).unwrap_or(""),
        ) else {
            return Err(LabelError::Unknown);
        };
        let y = year as i32;
        let first_month = |unit: Unit, k: u32, months: u32| {
            let count = 12 / months;
            if (1..=count).contains(&k) {
                NaiveDate::from_ymd_opt(y, (k - 1) * months + 1, 1)
                    .map(|d| (unit, d))
                    .ok_or(LabelError::NoSuch(unit))
            } else {
                Err(LabelError::NoSuch(unit))
            }
        };
        let Some(rest) = rest.strip_prefix('-') else {
            return match rest {
                "" => Ok((
                    Unit::Year,
                    NaiveDate::from_ymd_opt(y, 1, 1).ok_or(LabelError::Unknown)?,
                )),
                _ => Err(LabelError::Unknown),
            };
        };
        let (letter, digits) = rest.split_at(rest.chars().next().map_or(0, char::len_utf8));
        match (letter, number(digits)) {
            ("W", Some(w)) if digits.len() == 2 => NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)
                .map(|d| (Unit::Week, d))
                .ok_or(LabelError::NoSuch(Unit::Week)),
            ("Q", Some(k)) if digits.len() == 1 => first_month(Unit::Quarter, k, 3),
            ("T", Some(k)) if digits.len() == 1 => first_month(Unit::Tertial, k, 4),
            ("H", Some(k)) if digits.len() == 1 => first_month(Unit::HalfYear, k, 6),
            _ => month_or_day(y, rest),
        }
    }
}

/// `03` or `03-14` after the year.
fn month_or_day(y: i32, rest: &str) -> Result<(Unit, NaiveDate), LabelError> {
    let two = |s: Option<&str>| {
        s.filter(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
    };
    let mut parts = rest.split('-');
    match (
        two(parts.next()),
        parts.next().map(|d| two(Some(d))),
        parts.next(),
    ) {
        (Some(m), None, None) => NaiveDate::from_ymd_opt(y, m, 1)
            .map(|d| (Unit::Month, d))
            .ok_or(LabelError::NoSuch(Unit::Month)),
        (Some(m), Some(Some(d)), None) => NaiveDate::from_ymd_opt(y, m, d)
            .map(|d| (Unit::Day, d))
            .ok_or(LabelError::NoSuch(Unit::Day)),
        _ => Err(LabelError::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_label_reads_back_as_the_period_it_names() {
        for (unit, start) in [
            (Unit::Week, "2019-02-11"),
            (Unit::Week, "2018-12-31"),
            (Unit::Week, "2020-12-28"),
            (Unit::Month, "2019-03-01"),
            (Unit::Quarter, "2019-10-01"),
            (Unit::Tertial, "2019-05-01"),
            (Unit::HalfYear, "2019-07-01"),
            (Unit::Year, "2019-01-01"),
            (Unit::Day, "2016-12-24"),
        ] {
            let label = unit.label(d(start));
            assert_eq!(Unit::parse_label(&label), Ok((unit, d(start))), "{label}");
        }
        assert_eq!(
            Unit::parse_label(" 2019-q1 "),
            Ok((Unit::Quarter, d("2019-01-01")))
        );
    }

    #[test]
    fn periods_that_do_not_exist_are_told_from_text_that_is_no_label() {
        for (text, unit) in [
            ("2019-Q5", Unit::Quarter),
            ("2019-Q0", Unit::Quarter),
            ("2019-T4", Unit::Tertial),
            ("2019-H3", Unit::HalfYear),
            ("2019-W53", Unit::Week),
            ("2019-13", Unit::Month),
            ("2019-02-30", Unit::Day),
        ] {
            assert_eq!(
                Unit::parse_label(text),
                Err(LabelError::NoSuch(unit)),
                "{text}"
            );
        }
        for text in [
            "",
            "19-Q1",
            "2019Q1",
            "2019-Q",
            "2019-Q12",
            "2019-3",
            "0000",
            "2019-W7",
            "Q1 2019",
            "2019-03-1",
            "2019-03-14-1",
            "2019-ä",
        ] {
            assert_eq!(Unit::parse_label(text), Err(LabelError::Unknown), "{text}");
        }
        assert!(Unit::parse_label("2020-W53").is_ok());
    }
}
