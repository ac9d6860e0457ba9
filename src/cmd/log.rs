use crate::cli::LogArgs;
use crate::compliance;
use crate::error::{Error, Outcome, Result, Severity};
use crate::ledger::entry::{Column, Fields, Rules};
use crate::ledger::{self, Entry};
use crate::model::{Distinct, Rule};
use crate::period::Span;
use crate::privacy::for_display;
use crate::project::{Need, Project};

/// Validates everything, appends one line per promise, then shows where each stands.
pub fn run(project: &Project, args: &LogArgs) -> Result<Outcome> {
    let written = project.logged_indices(&args.promises)?;
    let (entries, warnings) = entries(project, args, &written)?;
    warnings.iter().for_each(|w| super::err(w));
    let path = project
        .ledger_dir()
        .join(format!("{}.csv", args.date.format("%Y")));
    let with_place = project
        .agreement
        .promises
        .iter()
        .any(|p| !p.each.is_empty() || p.distinct == Some(Distinct::Place));
    // All lines in one write under one lock, so that `undo` takes them back together;
    // the cache learns of them under that lock.
    let mut keeper = project.keeper(&path);
    let witness = keeper.as_mut().map(|k| k as &mut dyn ledger::Witness);
    let lines = ledger::append(&path, &entries, &project.agreement, with_place, witness)?;
    if let Err(e) = project.remember_append(&path, &lines) {
        super::err(&format!(
            "warning: the lines were written, but `undo` will not find them: {e}"
        ));
    }
    for line in &lines.lines {
        super::out(&format!(
            "{} {}: {}\n",
            project.lang.logged_in(),
            crate::privacy::path_for_display(&path),
            for_display(line)
        ))?;
    }
    standing(project, args, &written)
}

/// One line per promise, checked by the reader's own rules; nothing at all when
/// any of them is refused. The warnings come back to be shown once all is well.
fn entries(
    project: &Project,
    args: &LogArgs,
    indices: &[usize],
) -> Result<(Vec<Entry>, Vec<String>)> {
    let agreement = &project.agreement;
    let rules = Rules::new(agreement, true, Some(project.config.today)).refusing_strangers();
    let date = args.date.to_string();
    let (mut entries, mut refused, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    for &i in indices {
        let id = agreement.ids().nth(i).unwrap_or_default();
        let fields = Fields {
            date: date.as_bytes(),
            promise: id.as_bytes(),
            count: args.count.as_deref().unwrap_or("").trim().as_bytes(),
            by: args.by.as_deref().unwrap_or("").as_bytes(),
            note: args.note.as_deref().unwrap_or("").as_bytes(),
            place: args.place.as_deref().unwrap_or("").as_bytes(),
            cut_short: false,
            place_column: true,
        };
        let activity = rules.check(&fields, &mut |severity, column, describe| {
            let (message, hint) = describe();
            let text = format!("{}: {message} — {hint}", flag(column));
            match severity {
                Severity::Error => refused.push(text),
                Severity::Warning => {
                    warnings.push(for_display(&format!("warning: {text}")).into_owned())
                }
            }
        });
        // SPEC keeps a place on a promise without places as a note: say so, since
        // whoever typed it expected it to count.
        let p = agreement.promises.get(i);
        if args.place.is_some()
            && p.is_some_and(|p| p.each.is_empty() && p.distinct != Some(Distinct::Place))
        {
            warnings.push(format!(
                "warning: --place: \"{id}\" is not kept per place, so the place is kept as a note only — leave --place out, or use --note"
            ));
        }
        if let Some(activity) = activity {
            entries.push(Entry {
                date: Some(activity.date),
                promise: id.to_string(),
                count: args.count.as_ref().map(|_| activity.amount),
                by: args.by.clone(),
                note: args.note.clone(),
                place: args.place.clone(),
            });
        }
    }
    if !refused.is_empty() {
        refused.push("Nothing was written.".to_string());
        return Err(Error::Usage(refused.join("\n")));
    }
    Ok((entries, warnings))
}

/// Where each promise stands now, in the window of the logged day; nothing when
/// a broken line elsewhere would make the figure wrong.
fn standing(project: &Project, args: &LogArgs, written: &[usize]) -> Result<Outcome> {
    let agreement = &project.agreement;
    // A logged event shows the promises that answer it.
    let written: Vec<usize> = (0..agreement.promises.len())
        .filter(|&i| {
            written.contains(&i)
                || matches!(agreement.promises[i].rule, Rule::PerEvent { source, .. }
                    if written.contains(&agreement.source_index(source)))
        })
        .collect();
    let written = &written[..];
    let as_of = project.config.today.max(args.date);
    let day = Span {
        start: args.date,
        end: args.date,
    };
    let spans = compliance::spans_needed(agreement, written, as_of, as_of, day);
    let ledger = project.read_ledger_for(Need::Within(&spans))?;
    if let Some(d) = ledger.errors().next() {
        super::err(&for_display(&format!(
            "warning: the line was written, but {} is broken, so where the promise stands is not shown: {} — run medlofte check",
            d.place(),
            d.message
        )));
        return Ok(Outcome::Success);
    }
    let rows = compliance::report(
        agreement,
        &ledger.sums,
        as_of,
        Some(args.date),
        Some(args.date),
        written,
    );
    for row in rows.iter().filter(|r| {
        let p = &agreement.promises[r.bucket.promise];
        r.bucket
            .item
            .is_none_or(|item| Some(p.each[item].name.as_str()) == args.place.as_deref())
    }) {
        super::out(&format!(
            "{}\n",
            crate::render::standing::standing(
                project.lang,
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
