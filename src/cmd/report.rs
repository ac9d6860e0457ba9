use crate::cli::ReportArgs;
use crate::compliance;
use crate::error::{Error, Outcome, Result};
use crate::period::Span;
use crate::project::{Ledger, Need, Project};
use crate::render::{ReportFormat, Shown, followup, html, markdown};
use chrono::NaiveDate;

pub fn run(project: &Project, args: &ReportArgs) -> Result<Outcome> {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        return Err(Error::Usage(format!(
            "--from {from} is after --to {to} — swap them"
        )));
    }
    let rows_form = args.format.rows();
    if args.notes && rows_form.is_some() {
        return Err(Error::Usage(
            "--notes goes with --format html or --format markdown, the follow-up".to_string(),
        ));
    }
    let only = project.promise_indices(&args.view.promises)?;
    let as_of = args.view.as_of;
    // Rows show the windows that meet --from..--to, and need only the lines that
    // can count in them; the follow-up's figures run over the whole period.
    let spans = rows_form.map(|_| {
        let span = Span {
            start: args.from.unwrap_or(NaiveDate::MIN),
            end: args.to.map_or(as_of, |t| t.min(as_of)),
        };
        let shown = compliance::selected(&project.agreement, &only);
        compliance::spans_needed(&project.agreement, &shown, as_of, as_of, span)
    });
    let need = match &spans {
        Some(spans) => Need::Within(spans),
        None if args.notes => Need::Notes,
        None => Need::Figures,
    };
    let ledger = super::read_ledger(project, need)?;
    let rows = compliance::report(
        &project.agreement,
        &ledger.sums,
        args.view.as_of,
        args.from,
        args.to,
        &only,
    );
    match rows_form {
        Some(form) => super::show(project, &args.view, form, Shown::Report(&rows)),
        None => follow_up(project, args, ledger, rows, &only),
    }
}

/// The written follow-up of the rows' promises over --from..--to.
fn follow_up(
    project: &Project,
    args: &ReportArgs,
    mut ledger: Ledger,
    rows: Vec<compliance::Row>,
    only: &[usize],
) -> Result<Outcome> {
    let as_of = args.view.as_of;
    let statuses: Vec<_> = rows.iter().map(|r| r.status).collect();
    let agreement = &project.agreement;
    let to = args.to.map_or(as_of, |t| t.min(as_of));
    let from = args.from.unwrap_or(agreement.term.start);
    let summaries = compliance::summaries(agreement, &ledger.sums, as_of, args.from, args.to, only);
    // A tracked promise's chart: its activity month by month over its window shown.
    let months = summaries
        .iter()
        .filter(|s| matches!(s.kind, compliance::Kind::Tracked))
        .filter_map(|s| rows.iter().find(|r| r.bucket == s.bucket))
        .flat_map(|r| {
            compliance::monthly(agreement, &ledger.sums, r.bucket, r.span.start, r.span.end)
        })
        .collect();
    let parts = followup::Parts {
        summaries,
        months,
        rows,
        with_notes: args.notes,
        narrative: project.narrative()?,
        // A follow-up of chosen promises is about them alone.
        indicators: if only.is_empty() {
            let values = project.read_indicators_strict()?.values;
            compliance::indicator_rows(agreement, &values, as_of)
        } else {
            Vec::new()
        },
        covers: (from, to),
        as_of,
    };
    let doc = followup::build(agreement, parts, project.lang);
    // Each section takes its own notes from the stream, in order.
    let mut notes = ledger.notes.take().into_iter().flatten();
    super::out_with(|out| match args.format {
        ReportFormat::Html => html::write(&doc, &mut notes, out),
        _ => markdown::write_followup(&doc, &mut notes, out),
    })?;
    Ok(super::fail_code(&args.view, statuses))
}
