//! The warnings about a line's date that only `check` gives: after today, not a day
//! of the promise, before its stage, outside every term it could count in.

use super::{Column, Report, Rules};
use crate::error::Severity;
use crate::model::{Agreement, Promise, Rule};
use crate::period::Term;
use chrono::NaiveDate;
use std::collections::HashMap;

impl Rules<'_> {
    /// An event counts only inside the term of a promise that answers it.
    pub(super) fn event_date(&self, date: NaiveDate, event: usize, report: &mut Report<'_>) {
        let Some(terms) = self.answered_in.get(&event) else {
            return;
        };
        if terms.iter().any(|t| t.contains(date)) {
            return;
        }
        report(Severity::Warning, Column::Date, &|| {
            (
                format!(
                    "{date} is outside the term of every promise that answers this event, so it counts nowhere"
                ),
                "check the date or the promise's term".to_string(),
            )
        });
    }

    /// The warnings about the date of a line of promise `i`, `p`. A date found
    /// fine for a promise is not looked at again for the next line of it: a
    /// ledger holds runs of lines from the same day.
    pub(super) fn dates(
        &self,
        date: NaiveDate,
        today: NaiveDate,
        (i, p): (usize, &Promise),
        report: &mut Report<'_>,
    ) {
        let fine = self.fine_dates.get(i);
        if fine.is_some_and(|f| f.get() == Some(date)) {
            return;
        }
        let mut warned = false;
        if date > today {
            warned = true;
            report(Severity::Warning, Column::Date, &|| {
                (
                    format!("dated {date}, after today"),
                    "check the date; it counts once its day has come".to_string(),
                )
            });
        }
        if !p.calendar.holds(date) {
            warned = true;
            report(Severity::Warning, Column::Date, &|| {
                (
                    format!(
                        "{date} is not one of the days \"{}\" counts (its `on`, `months`, `dates` or `except`), so it counts nowhere",
                        p.id
                    ),
                    "check the date or the promise's calendar keys".to_string(),
                )
            });
        }
        if let Some(stage) = p.after
            && let Some(done) = self.completed.get(stage)
            && done.is_none_or(|d| date < d)
        {
            let named = &self.agreement.promises[stage].id;
            warned = true;
            report(Severity::Warning, Column::Date, &|| {
                let when = match done {
                    Some(d) => format!("before «{named}» was completed on {d}"),
                    None => format!("while «{named}» is not completed"),
                };
                (
                    format!("dated {when}, so it counts nowhere"),
                    format!("a stage counts from the day «{named}» is completed: check the date"),
                )
            });
        }
        // A deadline's late activity still changes its status, and a line of a
        // promise that answers events (itself or as part of one) may answer
        // after the term.
        let deadline = matches!(p.rule, Rule::Deadline(_));
        let until = self.agreement.counts_until(i);
        let inside = date >= p.term.start && until.is_none_or(|end| date <= end || deadline);
        if !inside {
            warned = true;
            report(Severity::Warning, Column::Date, &|| {
                let end = p.term.end.map_or(String::new(), |e| e.to_string());
                (
                    format!(
                        "{date} is outside the term of \"{}\" ({}..{end}), so it counts nowhere",
                        p.id, p.term.start
                    ),
                    "check the date or the promise".to_string(),
                )
            });
        }
        if let Some(fine) = fine.filter(|_| !warned) {
            fine.set(Some(date));
        }
    }
}

/// The terms of the promises that answer each event or promise, once.
pub(super) fn answered_in(agreement: &Agreement) -> HashMap<usize, Vec<Term>> {
    let mut terms: HashMap<usize, Vec<Term>> = HashMap::new();
    for p in &agreement.promises {
        if let Rule::PerEvent { source, .. } = p.rule {
            terms
                .entry(agreement.source_index(source))
                .or_default()
                .push(p.term);
        }
    }
    terms
}
