//! The rules of one ledger line, shared by the reader and `log`: what `log` writes,
//! the reader accepts, and what the reader refuses, `log` never writes.

mod dates;
mod lookup;

use super::count::check_count;
use super::{Activity, parse_date};
use crate::amount::Amount;
use crate::error::{Severity, suggestion};
use crate::model::{Agreement, Distinct, Promise};
use crate::period::Term;
use crate::privacy;
use chrono::NaiveDate;
use lookup::Lookup;
use std::cell::Cell;
use std::collections::HashMap;

/// The columns a line's values belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Date,
    Promise,
    Count,
    By,
    Note,
    Place,
    /// A column of the file's own, kept untouched.
    Other(usize),
}

impl Column {
    pub fn name(self) -> &'static str {
        match self {
            Column::Date => "date",
            Column::Promise => "promise",
            Column::Count => "count",
            Column::By => "by",
            Column::Note => "note",
            Column::Place => "place",
            Column::Other(_) => "other",
        }
    }
}

/// One line's values, trimmed; empty where the line has none.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fields<'r> {
    pub date: &'r [u8],
    pub promise: &'r [u8],
    pub count: &'r [u8],
    pub by: &'r [u8],
    pub note: &'r [u8],
    pub place: &'r [u8],
    /// The line stops before its `promise` column (cut off).
    pub cut_short: bool,
    /// The file has a `place` column.
    pub place_column: bool,
}

/// Receives each problem with a way to describe it: the text is built only for
/// problems that will be shown, so a flood of broken lines stays cheap.
pub type Report<'a> = dyn FnMut(Severity, Column, &dyn Fn() -> (String, String)) + 'a;

/// Promise ids and places looked up in constant time, however many there are.
pub struct Rules<'a> {
    pub agreement: &'a Agreement,
    /// `1,5` is one and a half (a `;` file, or `log --count`).
    pub comma_decimal: bool,
    /// Check everything `check` reports, with today's date; else only what the
    /// figures depend on.
    pub today: Option<NaiveDate>,
    /// A `by` that is not a party is an error (for `log`), not a warning.
    strict_parties: bool,
    ids: Lookup<'a>,
    places: Vec<Lookup<'a>>,
    parties: Lookup<'a>,
    /// For each event (by its line index), the terms of the promises answering it.
    answered_in: HashMap<usize, Vec<Term>>,
    /// Each promise's completion day, where known: lines waiting for it are named.
    completed: &'a [Option<NaiveDate>],
    /// The last date parsed: a ledger holds runs of lines from the same day.
    last_date: Cell<Option<([u8; 10], NaiveDate)>>,
    /// For each promise, the last date its lines were found fine on (`check`).
    fine_dates: Vec<Cell<Option<NaiveDate>>>,
}

impl<'a> Rules<'a> {
    pub fn new(agreement: &'a Agreement, comma_decimal: bool, today: Option<NaiveDate>) -> Self {
        Rules {
            agreement,
            comma_decimal,
            today,
            strict_parties: false,
            // Promises first, then events: a line's index says which it names.
            ids: Lookup::new(agreement.ids().map(str::as_bytes)),
            places: agreement
                .promises
                .iter()
                .map(|p| Lookup::new(p.places().map(str::as_bytes)))
                .collect(),
            parties: Lookup::new(agreement.parties.iter().map(String::as_bytes)),
            answered_in: dates::answered_in(agreement),
            completed: &[],
            last_date: Cell::new(None),
            fine_dates: agreement.promises.iter().map(|_| Cell::new(None)).collect(),
        }
    }

    /// Names the lines dated before the stage they wait for was completed.
    pub fn with_completions(mut self, completed: &'a [Option<NaiveDate>]) -> Self {
        self.completed = completed;
        self
    }

    /// Refuses a `by` that is not one of the agreement's parties: `log` writes
    /// only what it can vouch for, while a hand-written line is only flagged.
    pub fn refusing_strangers(mut self) -> Self {
        self.strict_parties = true;
        self
    }

    /// The index of place `place` of promise `promise`.
    pub fn place_of(&self, promise: usize, place: &[u8]) -> Option<usize> {
        self.places.get(promise)?.get(place)
    }

    /// Checks one line; the activity when nothing in it is an error.
    pub fn check(&self, f: &Fields<'_>, report: &mut Report<'_>) -> Option<Activity<'static>> {
        let date = self.date(f.date, report);
        let promise = self.promise(f, report);
        // `None` for an event: its lines have only a date and a count.
        let p = promise.and_then(|i| self.agreement.promises.get(i));
        let amount = self.count(f.count, p, report);
        let mut sound = date.is_some() && promise.is_some() && amount.is_some();
        let mut item = None;
        if let (Some(i), Some(p)) = (promise, p) {
            let place = self.place(i, date, f, report);
            sound &= place.is_some();
            item = place.flatten();
            sound &= distinct_given(p, f, report);
        }
        if let Some(today) = self.today {
            for (column, value) in [
                (Column::By, f.by),
                (Column::Note, f.note),
                (Column::Place, f.place),
            ] {
                sound &= free_text(column, column.name(), value, report);
            }
            self.party(f.by, report);
            match (date, p, promise) {
                (Some(date), Some(p), Some(i)) => self.dates(date, today, (i, p), report),
                (Some(date), None, Some(event)) => self.event_date(date, event, report),
                _ => {}
            }
        }
        Some(Activity {
            date: date?,
            promise: promise?,
            amount: amount?,
            place: b"",
            item,
            by: b"",
            note: b"",
        })
        .filter(|_| sound)
    }

    fn date(&self, raw: &[u8], report: &mut Report<'_>) -> Option<NaiveDate> {
        let key = <[u8; 10]>::try_from(raw).ok();
        if let (Some(key), Some((last, date))) = (key, self.last_date.get())
            && key == last
        {
            return Some(date);
        }
        match parse_date(raw) {
            Ok(d) => {
                if let Some(key) = key {
                    self.last_date.set(Some((key, d)));
                }
                Some(d)
            }
            Err(why) => {
                report(Severity::Error, Column::Date, &|| {
                    (
                        format!("bad date: {why}"),
                        "write the date as YYYY-MM-DD, e.g. 2019-03-14".to_string(),
                    )
                });
                None
            }
        }
    }

    fn promise(&self, f: &Fields<'_>, report: &mut Report<'_>) -> Option<usize> {
        if let Some(i) = self.ids.get(f.promise) {
            return Some(i);
        }
        let all = || self.agreement.ids().collect::<Vec<_>>().join(", ");
        report(Severity::Error, Column::Promise, &|| {
            if f.cut_short {
                (
                    "the line ends before its `promise` column".to_string(),
                    "the line may be cut off: complete it or remove it".to_string(),
                )
            } else if f.promise.is_empty() {
                (
                    "no promise named".to_string(),
                    format!("write one of: {}", all()),
                )
            } else {
                let id = String::from_utf8_lossy(f.promise);
                let indicator = self.agreement.indicators.iter().any(|x| x.id == id);
                let hint = if indicator {
                    format!(
                        "\"{id}\" is an indicator: its values go in indicators/, not in the ledger"
                    )
                } else {
                    suggestion(&id, self.agreement.ids(), || {
                        format!("use an id from promises.toml: {}", all())
                    })
                };
                (format!("unknown promise \"{id}\""), hint)
            }
        });
        None
    }

    fn count(&self, raw: &[u8], p: Option<&Promise>, report: &mut Report<'_>) -> Option<Amount> {
        if raw.is_empty() {
            return Some(Amount::ONE);
        }
        let unit = p.and_then(|p| p.unit.as_deref());
        match check_count(raw, self.comma_decimal, unit) {
            Ok(a) => Some(a),
            Err(why) => {
                report(Severity::Error, Column::Count, &|| {
                    why.describe(raw, unit, self.comma_decimal)
                });
                None
            }
        }
    }

    /// A promise kept per place needs one of its places (its index; `None` when
    /// the line names none of them); other promises keep a place as a note.
    fn place(
        &self,
        i: usize,
        date: Option<NaiveDate>,
        f: &Fields<'_>,
        report: &mut Report<'_>,
    ) -> Option<Option<usize>> {
        let p = &self.agreement.promises[i];
        if p.each.is_empty() {
            return Some(None);
        }
        if let Some(k) = self.place_of(i, f.place) {
            let item = &p.each[k];
            // A date that does not parse is reported by itself.
            if date.is_some_and(|d| !item.open_on(d, &p.term)) {
                report(Severity::Warning, Column::Place, &|| {
                    let end = item.term.end.map_or(String::new(), |e| e.to_string());
                    (
                        format!(
                            "\"{}\" is counted from {} to {end}, so this line counts nowhere",
                            item.name, item.term.start
                        ),
                        "check the date or the place's `start`/`end` in promises.toml".to_string(),
                    )
                });
            }
            return Some(Some(k));
        }
        report(Severity::Error, Column::Place, &|| {
            let places = p.places().collect::<Vec<_>>().join(", ");
            if f.place.is_empty() {
                let hint = if f.place_column {
                    format!("name one of: {places}")
                } else {
                    format!("add a `place` column to the header and name one of: {places}")
                };
                (
                    format!("\"{}\" is kept per place, but this line names none", p.id),
                    hint,
                )
            } else {
                let place = String::from_utf8_lossy(f.place);
                let hint = suggestion(&place, p.places(), || format!("use one of: {places}"));
                (
                    format!(
                        "place \"{place}\" is not in the `each` list of \"{}\"",
                        p.id
                    ),
                    hint,
                )
            }
        });
        None
    }

    fn party(&self, by: &[u8], report: &mut Report<'_>) {
        let parties = &self.agreement.parties;
        if by.is_empty() || parties.is_empty() || self.parties.get(by).is_some() {
            return;
        }
        let severity = if self.strict_parties {
            Severity::Error
        } else {
            Severity::Warning
        };
        report(severity, Column::By, &|| {
            let by = String::from_utf8_lossy(by);
            let hint = suggestion(&by, parties.iter().map(String::as_str), || {
                format!("parties are: {}", parties.join(", "))
            });
            (
                format!("\"{by}\" is not one of the agreement's parties"),
                hint,
            )
        });
    }
}

/// A `distinct` promise counts the values of its column: a line of its own
/// without one would count for nothing, silently.
fn distinct_given(p: &Promise, f: &Fields<'_>, report: &mut Report<'_>) -> bool {
    let (column, value) = match p.distinct {
        Some(Distinct::Place) => (Column::Place, f.place),
        Some(Distinct::By) => (Column::By, f.by),
        None => return true,
    };
    if !value.is_empty() {
        if std::str::from_utf8(value).is_ok() {
            return true;
        }
        // Not the same bytes as the name written right: it would count apart.
        report(Severity::Error, column, &|| {
            (
                format!(
                    "\"{}\" counts different values of `{}`, but this one is not UTF-8 text, so it would count apart from the same name written right",
                    p.id,
                    column.name()
                ),
                "save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet), or write the value again"
                    .to_string(),
            )
        });
        return false;
    }
    report(Severity::Error, column, &|| {
        (
            format!(
                "\"{}\" counts different values of `{}`, but this line has none",
                p.id,
                column.name()
            ),
            format!(
                "write the {} in the `{}` column",
                column.name(),
                column.name()
            ),
        )
    });
    false
}

/// Free text (`by`, `note`, `place`, and any column of the file's own) must not
/// identify people; text a spreadsheet would run as a formula is flagged.
/// `false` when the text is refused.
#[inline]
pub fn free_text(column: Column, name: &str, value: &[u8], report: &mut Report<'_>) -> bool {
    // Nearly all text is settled here, inline: a call per value cost more than
    // looking at it.
    if !privacy::may_hold_personal_number(value) && !privacy::formula_like(value) {
        return true;
    }
    flag_free_text(column, name, value, report)
}

/// [`free_text`] looked at closely.
fn flag_free_text(column: Column, name: &str, value: &[u8], report: &mut Report<'_>) -> bool {
    if privacy::personal_number(value).is_some() {
        report(Severity::Error, column, &|| {
            (
                format!("`{name}` holds what looks like a personal identity number"),
                "the files medlofte keeps must not identify people: remove the number".to_string(),
            )
        });
        return false;
    }
    if privacy::formula_like(value) {
        report(Severity::Warning, column, &|| {
            (
                format!("`{name}` starts with = + - or @, which a spreadsheet runs as a formula"),
                "start it with a letter or a space, or put a ' in front".to_string(),
            )
        });
    }
    true
}
