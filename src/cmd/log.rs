use crate::cli::LogArgs;
use crate::compliance;
use crate::error::{Error, Outcome, Result, Severity};
use crate::ledger::entry::{Column, Fields, Rules};
use crate::ledger::{self, Entry};
use crate::project::Project;

/// Validates everything, appends one line per promise, then shows where each stands.
pub fn run(project: &Project, args: &LogArgs) -> Result<Outcome> {
    let agreement = &project.agreement;
    let indices = project.promise_indices(&args.promises)?;
    let rules = Rules::new(agreement, true, Some(project.config.today)).refusing_strangers();
    let date = args.date.to_string();
    let mut entries = Vec::new();
    for &i in &indices {
        let promise = &agreement.promises[i];
        let fields = Fields {
            date: date.as_bytes(),
            promise: promise.id.as_bytes(),
            count: args.count.as_deref().unwrap_or("").trim().as_bytes(),
            by: args.by.as_deref().unwrap_or("").as_bytes(),
            note: args.note.as_deref().unwrap_or("").as_bytes(),
            place: args.place.as_deref().unwrap_or("").as_bytes(),
            cut_short: false,
            place_column: true,
        };
        let (mut refused, mut warnings) = (Vec::new(), Vec::new());
        let activity = rules.check(&fields, &mut |severity, column, describe| {
            let (message, hint) = describe();
            let text = format!("{}: {message} — {hint}", flag(column));
            match severity {
                Severity::Error => refused.push(text),
                Severity::Warning => warnings.push(format!("warning: {text}")),
            }
        });
        if let (Some(activity), true) = (activity, refused.is_empty()) {
            warnings.iter().for_each(|w| super::err(w));
            entries.push((
                i,
                Entry {
                    date: Some(activity.date),
                    promise: promise.id.clone(),
                    count: args.count.as_ref().map(|_| activity.amount),
                    by: args.by.clone(),
                    note: args.note.clone(),
                    place: args.place.clone(),
                },
            ));
        } else {
            refused.push("Nothing was written.".to_string());
            return Err(Error::Usage(refused.join("\n")));
        }
    }
    let path = project
        .ledger_dir()
        .join(format!("{}.csv", args.date.format("%Y")));
    let with_place = agreement.promises.iter().any(|p| !p.each.is_empty());
    let written: Vec<usize> = entries.iter().map(|(i, _)| *i).collect();
    let entries: Vec<Entry> = entries.into_iter().map(|(_, e)| e).collect();
    // All lines in one write under one lock, so that `undo` takes them back together.
    let lines = ledger::append(&path, &entries, with_place)?;
    if let Err(e) = project.remember_append(&path, &lines) {
        super::err(&format!(
            "warning: the lines were written, but `undo` will not find them: {e}"
        ));
    }
    for line in &lines.lines {
        super::out(&format!(
            "{} {}: {}\n",
            project.lang.logged_in(),
            path.display(),
            crate::privacy::for_display(line)
        ))?;
    }
    // Where each promise stands now, in the window of the logged day.
    let as_of = project.config.today.max(args.date);
    let spans = compliance::spans_holding(agreement, &written, args.date, as_of);
    let ledger = project.read_ledger_within(&spans)?;
    if let Some(d) = ledger.errors().next() {
        // A standing computed without a broken line would be a wrong figure.
        super::err(&format!(
            "warning: the line was written, but {}:{}:{} is broken, so where the promise stands is not shown: {} — run medlofte check",
            d.path.display(),
            d.line,
            d.col,
            d.message
        ));
        return Ok(Outcome::Success);
    }
    let rows = compliance::report(
        agreement,
        &ledger.sums,
        as_of,
        Some(args.date),
        Some(args.date),
        &written,
    );
    for row in rows.iter().filter(|r| {
        let p = &agreement.promises[r.bucket.promise];
        r.bucket
            .item
            .is_none_or(|item| Some(p.each[item].as_str()) == args.place.as_deref())
    }) {
        super::out(&format!(
            "{}\n",
            project.lang.standing(
                &agreement.promises[row.bucket.promise],
                row,
                row.span.contains(as_of)
            )
        ))?;
    }
    Ok(Outcome::Success)
}

/// The option a value of `log` came from, for messages.
fn flag(column: Column) -> &'static str {
    match column {
        Column::Date => "--date",
        Column::Promise => "promise",
        Column::Count => "--count",
        Column::By => "--by",
        Column::Note => "--note",
        Column::Place | Column::Other(_) => "--place",
    }
}
