use crate::cli::CalendarArgs;
use crate::compliance;
use crate::error::{Error, Outcome, Result};
use crate::period::Span;
use crate::project::{Need, Project};
use crate::render::calendar;
use chrono::{Datelike, NaiveDate};

/// One line per promise, one cell per window across the year, with a legend.
pub fn run(project: &Project, args: &CalendarArgs) -> Result<Outcome> {
    let year = args.year.unwrap_or(args.as_of.year());
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(Error::Usage(format!(
            "--year {year} is outside the calendar — write a year such as 2019"
        )));
    };
    let term = project.agreement.term;
    let last_year = term.end.map(|e| e.year());
    if year < term.start.year() || last_year.is_some_and(|y| year > y) {
        let years = match last_year {
            Some(y) if y == term.start.year() => format!("choose {y}"),
            Some(y) => format!("choose a year from {} to {y}", term.start.year()),
            None => format!("choose {} or a later year", term.start.year()),
        };
        return Err(Error::Usage(format!(
            "--year {year} is outside the agreement's term ({}..{}) — {years}",
            term.start,
            term.end.map_or(String::new(), |e| e.to_string()),
        )));
    }
    let only = project.promise_indices(&args.promises)?;
    let span = Span {
        start: first,
        end: last,
    };
    let agreement = &project.agreement;
    let shown = compliance::selected(agreement, &only);
    let spans = compliance::spans_needed(agreement, &shown, args.as_of, last.max(args.as_of), span);
    let ledger = super::read_ledger(project, Need::Within(&spans))?;
    let lines = compliance::lines(&project.agreement, &ledger.sums, args.as_of, span, &only);
    super::out(&calendar::draw(
        &project.agreement,
        project.lang,
        &lines,
        year,
        args.as_of,
        super::screen(project),
    ))?;
    Ok(Outcome::Success)
}
