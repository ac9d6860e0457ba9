use crate::cli::CalendarArgs;
use crate::compliance;
use crate::error::{Error, Outcome, Result};
use crate::period::Span;
use crate::project::Project;
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
    let only = project.promise_indices(&args.promises)?;
    let ledger = super::read_ledger(project, false)?;
    let span = Span {
        start: first,
        end: last,
    };
    let lines = compliance::lines(&project.agreement, &ledger.sums, args.as_of, span, &only);
    super::out(&calendar::draw(
        &project.agreement,
        project.lang,
        &lines,
        year,
        args.as_of,
        project.config.color_out,
    ))?;
    Ok(Outcome::Success)
}
