//! indicators/*.csv: the values of the agreement's indicators, copied in from
//! elsewhere, one per indicator and period. Files are opened and split as the
//! ledger's are (spreadsheet layouts, physical line numbers, bounded and located
//! problems); `line` holds the rules of one line. A value that is not taken is
//! always named.

mod line;

use crate::encoding::Encoding;
use crate::error::{Diagnostic, Result, Severity};
use crate::ledger::{self, CsvFile, FileKind, FileReport, FileText, Findings};
use crate::model::{Agreement, IndicatorValue};
use chrono::NaiveDate;
use line::{Col, Columns, Rules};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The columns of an indicator file; the first three are required.
pub const HEADER: [&str; 4] = ["period", "indicator", "value", "source"];

const KIND: FileKind = FileKind {
    noun: "indicator file",
    folder: "indicators/",
};

/// Every indicator file read: the values taken, and what was wrong.
#[derive(Debug, Default)]
pub struct Values {
    /// In file order, then line order; at most one per indicator and period.
    pub values: Vec<IndicatorValue>,
    /// At most [`ledger::SHOWN_PER_FILE`] per file, then one that counts the rest.
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    /// Lines holding a value (blank lines and headers aside).
    pub lines: u64,
    /// Every error and warning found, shown or not.
    pub errors: u64,
    pub warnings: u64,
    /// Editors' and systems' leftovers in the folder, not read.
    pub skipped: Vec<PathBuf>,
}

/// Where the first value of an indicator and period was read.
type Seen = HashMap<(usize, NaiveDate), (PathBuf, u64)>;

/// Reads every `*.csv` of `dir` in name order; none when the folder is missing.
/// With `today`, also what only `check` looks at: free text, the encoding, and
/// periods that have not begun.
pub fn read_dir(dir: &Path, agreement: &Agreement, today: Option<NaiveDate>) -> Result<Values> {
    let (files, skipped) = ledger::listing(dir)?;
    let mut out = Values {
        files: files.len(),
        skipped,
        ..Values::default()
    };
    let rules = Rules::new(agreement, today);
    let mut seen = Seen::new();
    for path in &files {
        let mut found = Findings::new(path);
        if let Err(d) = read_file(path, &rules, &mut seen, &mut out.values, &mut found) {
            found.push(*d);
        }
        let FileReport {
            diagnostics,
            lines,
            errors,
            warnings,
            ..
        } = found.finish();
        out.diagnostics.extend(diagnostics);
        out.lines += lines;
        out.errors += errors;
        out.warnings += warnings;
    }
    Ok(out)
}

fn read_file(
    path: &Path,
    rules: &Rules<'_>,
    seen: &mut Seen,
    values: &mut Vec<IndicatorValue>,
    found: &mut Findings,
) -> std::result::Result<(), Box<Diagnostic>> {
    let file = ledger::open(path, KIND)?;
    let Some(mut csv) = ledger::open_csv(path, file, header_problem)? else {
        return Ok(());
    };
    if csv.file.encoding == Encoding::Windows1252 && rules.today.is_some() {
        found.push(csv.file.diagnostic(
            &csv.record,
            None,
            Severity::Warning,
            "the file is Windows-1252, not UTF-8; it is read as such".to_string(),
            "save it as \"CSV UTF-8\" from the spreadsheet when you can".to_string(),
        ));
    }
    let columns = Columns::of(&csv.layout);
    let CsvFile {
        scanner,
        record,
        file,
        layout,
    } = &mut csv;
    let comma_decimal = file.delimiter == b';';
    while scanner
        .next_record(record)
        .map_err(|e| ledger::cannot_read(path, record.line, e))?
    {
        if record.is_blank() && record.problem.is_none() {
            continue;
        }
        found.lines += 1;
        let mut report = |severity, col: Col, describe: &dyn Fn() -> (String, String)| {
            let field = columns.index(col).map(|i| i.min(record.len()));
            if found.counts(severity) {
                let (message, hint) = describe();
                let d = file.diagnostic(record, field, severity, message, hint);
                found.shown.push(d);
            }
        };
        if !line::sound(record, &columns, layout.columns.len(), &mut report) {
            continue;
        }
        let fields = columns.fields(record, file, &layout.columns);
        let Some(value) = rules.check(&fields, comma_decimal, &mut report) else {
            continue;
        };
        match seen.get(&(value.indicator, value.start)) {
            Some((first, at)) => report(Severity::Error, Col::Period, &|| {
                twice(rules.agreement, &value, path, first, *at)
            }),
            None => {
                seen.insert(
                    (value.indicator, value.start),
                    (path.to_path_buf(), record.line),
                );
                values.push(value);
            }
        }
    }
    Ok(())
}

/// A second value for one indicator and period: where the first one is.
fn twice(
    agreement: &Agreement,
    value: &IndicatorValue,
    path: &Path,
    first: &Path,
    line: u64,
) -> (String, String) {
    let indicator = &agreement.indicators[value.indicator];
    let label = indicator.per.label(value.start);
    let at = if first == path {
        format!("line {line}")
    } else {
        format!("{}, line {line}", first.display())
    };
    (
        format!(
            "a second value for \"{}\" in {label}; the first is on {at}",
            indicator.id
        ),
        "keep one value per indicator and period: remove or correct one of the lines".to_string(),
    )
}

/// The first thing wrong with an indicator file's header line.
fn header_problem(
    record: &ledger::scan::Record,
    layout: &ledger::Layout,
    file: &FileText<'_>,
) -> Option<ledger::HeaderProblem> {
    ledger::columns_problem(record, layout, file, &HEADER[..3], &HEADER, &HEADER)
}
