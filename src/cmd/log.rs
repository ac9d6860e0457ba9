use crate::amount::Amount;
use crate::cli::{LogArgs, today};
use crate::compliance;
use crate::error::{Error, Result, suggestion};
use crate::ledger::{self, Entry};
use crate::model::{Promise, Rule};
use crate::project::Project;

/// Validates everything, appends one line per promise, then shows where each stands.
pub fn run(project: &Project, args: &LogArgs) -> Result<u8> {
    let agreement = &project.agreement;
    let indices = project.promise_indices(&args.promises)?;
    let count = args.count.as_deref().map(parse_count).transpose()?;
    if let Some(by) = &args.by
        && !agreement.parties.is_empty()
        && !agreement.parties.contains(by)
    {
        let hint = suggestion(by, agreement.parties.iter().map(String::as_str), || {
            format!("parties are: {}", agreement.parties.join(", "))
        });
        return Err(Error::Usage(format!(
            "--by \"{by}\" is not a party of the agreement — {hint}"
        )));
    }
    if let Some(note) = &args.note {
        if crate::privacy::personal_number(note.as_bytes()).is_some() {
            return Err(Error::Usage(
                "--note holds what looks like a personal identity number — notes must not identify people; remove it. Nothing was written.".to_string(),
            ));
        }
        if crate::privacy::formula_like(note.as_bytes()) {
            eprintln!(
                "warning: the note starts with = + - or @, which a spreadsheet runs as a formula"
            );
        }
    }
    let mut entries = Vec::new();
    for &i in &indices {
        let promise = &agreement.promises[i];
        check_entry(promise, count, args.place.as_deref())?;
        entries.push((
            i,
            Entry {
                date: Some(args.date),
                promise: promise.id.clone(),
                count,
                by: args.by.clone(),
                note: args.note.clone(),
                place: args.place.clone(),
            },
        ));
    }
    let path = project
        .ledger_dir()
        .join(format!("{}.csv", args.date.format("%Y")));
    let with_place = agreement.promises.iter().any(|p| !p.each.is_empty());
    let mut written = Vec::new();
    for (i, entry) in &entries {
        let line = ledger::append(&path, entry, with_place)?;
        if let Err(e) = project.remember_append(&path, &line) {
            eprintln!("warning: the line was written, but `undo` will not find it: {e}");
        }
        written.push(*i);
        super::out(&format!(
            "{} {}: {}\n",
            project.lang.logged_in(),
            path.display(),
            line.text
        ))?;
    }
    let p0 = &agreement.promises[written[0]];
    if !p0.term.contains(args.date) && !matches!(p0.rule, Rule::Deadline(_)) {
        eprintln!(
            "warning: {} is outside the term of \"{}\", so it counts nowhere",
            args.date, p0.id
        );
    }
    // Where each promise stands now, in the window of the logged day.
    let as_of = today().max(args.date);
    let spans = compliance::spans_holding(agreement, &written, args.date, as_of);
    let ledger = project.read_ledger_within(&spans)?;
    for d in ledger.errors() {
        eprintln!(
            "warning: {}:{}:{}: {} (the new line was written; run medlofte check)",
            d.path.display(),
            d.line,
            d.col,
            d.message
        );
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
    Ok(0)
}

/// `--count`: a positive number; a decimal point or comma for amounts.
fn parse_count(text: &str) -> Result<Amount> {
    match Amount::parse(text.trim().as_bytes(), true) {
        Ok(a) if a.is_positive() => Ok(a),
        _ => Err(Error::Usage(format!(
            "--count {text} is not a positive number — write e.g. --count 2, or --count 1.5 for a promise with a unit"
        ))),
    }
}

fn check_entry(promise: &Promise, count: Option<Amount>, place: Option<&str>) -> Result<()> {
    if let Some(c) = count
        && promise.unit.is_none()
        && !c.is_whole()
    {
        return Err(Error::Usage(format!(
            "--count {c} is not a whole number, and \"{}\" counts activities — write a whole number, or add `unit` to the promise",
            promise.id
        )));
    }
    if promise.each.is_empty() {
        return Ok(());
    }
    let places = promise.each.join(", ");
    match place {
        None => Err(Error::Usage(format!(
            "\"{}\" is kept per place — add --place, one of: {places}",
            promise.id
        ))),
        Some(p) if !promise.each.iter().any(|e| e == p) => {
            let hint = suggestion(p, promise.each.iter().map(String::as_str), || {
                format!("places are: {places}")
            });
            Err(Error::Usage(format!(
                "--place \"{p}\" is not a place of \"{}\" — {hint}",
                promise.id
            )))
        }
        Some(_) => Ok(()),
    }
}
