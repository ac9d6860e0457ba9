//! The rules of one line of an indicator file: a sound record, an indicator of
//! the agreement, a period of its kind inside the term, a number.

use crate::amount::{Amount, AmountError};
use crate::error::{Severity, suggestion};
use crate::ledger::entry::{Column, free_text};
use crate::ledger::scan::Record;
use crate::ledger::{FileText, Layout, structural};
use crate::model::{Agreement, Indicator, IndicatorValue};
use crate::period::{LabelError, Unit};
use crate::privacy;
use chrono::NaiveDate;

/// The columns a line's problems are shown at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Col {
    Period,
    Indicator,
    Value,
    Source,
    /// A column of the file's own.
    Other(usize),
    /// The line as a whole.
    Line,
}

/// Receives each problem with a way to describe it, built only when shown.
pub(super) type Report<'a> = dyn FnMut(Severity, Col, &dyn Fn() -> (String, String)) + 'a;

/// Where the columns are in one file.
pub(super) struct Columns {
    period: usize,
    indicator: usize,
    value: usize,
    source: Option<usize>,
}

/// One line's values, without surrounding spaces.
pub(super) struct Fields<'r> {
    period: &'r [u8],
    indicator: &'r [u8],
    value: &'r [u8],
    /// `source` and the file's own columns, as UTF-8, each with its column and
    /// its name in the header.
    text: Vec<(Col, String, Vec<u8>)>,
}

impl Columns {
    pub(super) fn of(layout: &Layout) -> Columns {
        Columns {
            period: layout.column("period").unwrap_or(0),
            indicator: layout.column("indicator").unwrap_or(0),
            value: layout.column("value").unwrap_or(0),
            source: layout.column("source"),
        }
    }

    pub(super) fn index(&self, col: Col) -> Option<usize> {
        match col {
            Col::Period => Some(self.period),
            Col::Indicator => Some(self.indicator),
            Col::Value => Some(self.value),
            Col::Source => self.source,
            Col::Other(i) => Some(i),
            Col::Line => None,
        }
    }

    pub(super) fn fields<'r>(
        &self,
        record: &'r Record,
        file: &FileText<'_>,
        names: &[String],
    ) -> Fields<'r> {
        let get = |i: usize| record.get(i).map_or(&b""[..], <[u8]>::trim_ascii);
        let text = (0..record.len())
            .filter(|&i| ![self.period, self.indicator, self.value].contains(&i))
            .map(|i| {
                let col = if self.source == Some(i) {
                    Col::Source
                } else {
                    Col::Other(i)
                };
                let name = names.get(i).cloned().unwrap_or_default();
                (col, name, file.utf8(get(i)).into_owned())
            })
            .collect();
        Fields {
            period: get(self.period),
            indicator: get(self.indicator),
            value: get(self.value),
            text,
        }
    }
}

/// Whether a record is a sound line of a file with `columns` columns: no broken
/// quote, no more fields than the header, no line break but in free text.
pub(super) fn sound(
    record: &Record,
    columns: &Columns,
    header: usize,
    report: &mut Report<'_>,
) -> bool {
    if let Some(problem) = &record.problem {
        report(Severity::Error, Col::Line, &|| structural(problem, record));
        return false;
    }
    if record.len() > header {
        let n = record.len();
        report(Severity::Error, Col::Other(header), &|| {
            (
                format!("this line has {n} fields, but the header names {header} columns"),
                "a decimal comma in a file separated by commas? Write 1.5, or put the value in quotes"
                    .to_string(),
            )
        });
        return false;
    }
    let mut sound = true;
    for (col, name) in [
        (Col::Period, "period"),
        (Col::Indicator, "indicator"),
        (Col::Value, "value"),
    ] {
        if columns
            .index(col)
            .is_some_and(|i| record.multiline_fields().contains(&i))
        {
            report(Severity::Error, col, &|| {
                (
                    format!("the `{name}` value goes over more than one line"),
                    "a quote may be missing: only free text such as a source may hold line breaks"
                        .to_string(),
                )
            });
            sound = false;
        }
    }
    sound
}

/// What every line is checked against.
pub(super) struct Rules<'a> {
    pub agreement: &'a Agreement,
    /// `check`'s today: free text is looked at, and periods not yet begun named.
    pub today: Option<NaiveDate>,
}

impl<'a> Rules<'a> {
    pub(super) fn new(agreement: &'a Agreement, today: Option<NaiveDate>) -> Self {
        Rules { agreement, today }
    }

    /// The line's value, or `None` when something in it is an error (reported).
    pub(super) fn check(
        &self,
        f: &Fields<'_>,
        comma_decimal: bool,
        report: &mut Report<'_>,
    ) -> Option<IndicatorValue> {
        let indicator = self.indicator(f.indicator, report);
        let i = indicator.map(|i| &self.agreement.indicators[i]);
        let start = self.period(f.period, i, report);
        let value = number(f.value, comma_decimal, report);
        let mut sound = true;
        if self.today.is_some() {
            // The ledger's rules for free text: no personal number, no formula.
            for (col, name, text) in &f.text {
                sound &= free_text(Column::Other(0), name, text, &mut |s, _, d| {
                    report(s, *col, d)
                });
            }
        }
        let source = f
            .text
            .iter()
            .find(|(col, ..)| *col == Col::Source)
            .map(|(.., text)| privacy::mask_all(&String::from_utf8_lossy(text)).into_owned());
        Some(IndicatorValue {
            indicator: indicator?,
            start: start?,
            value: value?,
            source: source.unwrap_or_default(),
        })
        .filter(|_| sound)
    }

    fn indicator(&self, raw: &[u8], report: &mut Report<'_>) -> Option<usize> {
        let a = self.agreement;
        let id = String::from_utf8_lossy(raw);
        if let Some(i) = a.indicators.iter().position(|x| x.id == id) {
            return Some(i);
        }
        report(Severity::Error, Col::Indicator, &|| {
            let ids = || a.indicators.iter().map(|x| x.id.as_str());
            let hint = if a.ids().any(|x| x == id) {
                format!("\"{id}\" is a promise or an event: its lines go in ledger/, not here")
            } else if a.indicators.is_empty() {
                "promises.toml has no [[indicator]] sections: add one for each statistic you copy in"
                    .to_string()
            } else {
                suggestion(&id, ids(), || {
                    format!(
                        "name an [[indicator]] of promises.toml: {}",
                        ids().collect::<Vec<_>>().join(", ")
                    )
                })
            };
            if id.is_empty() {
                ("the line names no indicator".to_string(), hint)
            } else {
                (format!("unknown indicator \"{id}\""), hint)
            }
        });
        None
    }

    /// The first day of the period the line names: a period of the indicator's
    /// kind (when the indicator is known) that meets the agreement's term.
    fn period(
        &self,
        raw: &[u8],
        indicator: Option<&Indicator>,
        report: &mut Report<'_>,
    ) -> Option<NaiveDate> {
        let text = String::from_utf8_lossy(raw);
        let (unit, start) = match Unit::parse_label(&text) {
            Ok(found) => found,
            Err(why) => {
                let near = self.agreement.term.start;
                report(Severity::Error, Col::Period, &|| {
                    unreadable(&text, why, indicator, near)
                });
                return None;
            }
        };
        let x = indicator?;
        if unit != x.per {
            report(Severity::Error, Col::Period, &|| {
                (
                    format!(
                        "{text} is a {}, but \"{}\" is counted per {}",
                        unit.name(),
                        x.id,
                        x.per.name()
                    ),
                    format!(
                        "write the {} the figure is for, e.g. {}",
                        x.per.name(),
                        example(x.per, start)
                    ),
                )
            });
            return None;
        }
        let end = x.per.shift(start, 1).pred_opt().unwrap_or(start);
        let term = self.agreement.term;
        if end < term.start || term.end.is_some_and(|e| start > e) {
            report(Severity::Error, Col::Period, &|| {
                let to = term.end.map_or(String::new(), |e| e.to_string());
                (
                    format!(
                        "{} is outside the agreement's term {}..{to}",
                        x.per.label(start),
                        term.start
                    ),
                    "check the year: values are kept for the periods of the term".to_string(),
                )
            });
            return None;
        }
        if let Some(today) = self.today.filter(|t| start > *t) {
            report(Severity::Warning, Col::Period, &|| {
                (
                    format!(
                        "{} has not begun yet (today is {today})",
                        x.per.label(start)
                    ),
                    "check the year: a figure is for a period that has begun".to_string(),
                )
            });
        }
        Some(start)
    }
}

/// A period label of the kind `unit`, for a hint: the one that holds `near`.
fn example(unit: Unit, near: NaiveDate) -> String {
    unit.label(unit.start_of(near))
}

/// What is wrong with a period that is no label, and how to write it.
fn unreadable(
    text: &str,
    why: LabelError,
    indicator: Option<&Indicator>,
    near: NaiveDate,
) -> (String, String) {
    let message = match why {
        _ if text.is_empty() => "the line has no period".to_string(),
        LabelError::NoSuch(unit) => format!("there is no {} \"{text}\"", unit.name()),
        LabelError::Unknown => format!("\"{text}\" is not a period"),
    };
    let hint = match indicator {
        Some(x) => format!(
            "\"{}\" is counted per {}: write its period as report does, e.g. {}",
            x.id,
            x.per.name(),
            example(x.per, near)
        ),
        None => {
            "write the period as report does: 2019-Q1, 2019-03, 2019-W07, 2019-T1, 2019-H1 or 2019"
                .to_string()
        }
    };
    (message, hint)
}

/// The line's value: a decimal number, with a decimal comma in a `;` file.
fn number(raw: &[u8], comma_decimal: bool, report: &mut Report<'_>) -> Option<Amount> {
    let why = match Amount::parse(raw, comma_decimal) {
        Ok(value) => return Some(value),
        Err(why) => why,
    };
    report(Severity::Error, Col::Value, &|| {
        let text = String::from_utf8_lossy(raw);
        let plain = if comma_decimal {
            "12 or 12,5"
        } else {
            "12 or 12.5"
        };
        match why {
            AmountError::Empty => (
                "the line has no value".to_string(),
                format!(
                    "write the figure for the period, e.g. {plain}; a period without a figure needs no line"
                ),
            ),
            AmountError::TooManyDecimals => (
                format!("value {text} has more than 6 decimals"),
                "round it to at most 6 decimals".to_string(),
            ),
            AmountError::TooLarge => (
                format!("value {text} is too large to be kept exactly"),
                "check the number".to_string(),
            ),
            AmountError::NotANumber if !comma_decimal && text.contains(',') => (
                format!("value \"{text}\" is not a number"),
                "write a decimal point (1.5): a decimal comma is read only in a file separated by ;"
                    .to_string(),
            ),
            AmountError::NotANumber => (
                format!("value \"{text}\" is not a number"),
                format!(
                    "write a plain number such as {plain}: no spaces, no % or unit (the unit belongs in promises.toml)"
                ),
            ),
        }
    });
    None
}
