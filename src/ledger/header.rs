//! A ledger file's header: read like every other line, judged (the columns it
//! must and may name), and where its known columns are.

use super::csv::{CsvFile, HeaderProblem, open_csv};
use super::entry::Column;
use super::findings::{FileText, Refusal, structural};
use super::scan::{Record, Scanner, Shape};
use super::{HEADER, Layout};
use std::io::{Cursor, Read};
use std::path::Path;

/// A ledger file read up to its header: the scanner at the first line after it.
pub(super) struct Opened<'a, R> {
    pub scanner: Scanner<std::io::Chain<Cursor<Vec<u8>>, R>>,
    /// The header line, as read (for diagnostics about the file as a whole).
    pub record: Record,
    pub file: FileText<'a>,
    pub layout: Layout,
    pub columns: Columns,
}

/// Reads `src`, from the start of the ledger file `path`, up to its header.
/// `None` for a file with no header at all (empty, or only a byte-order mark).
pub(super) fn open_past_header<R: Read>(
    path: &Path,
    src: R,
) -> Result<Option<Opened<'_, R>>, Refusal> {
    let Some(CsvFile {
        mut scanner,
        record,
        file,
        layout,
    }) = open_csv(path, src, header_problem)?
    else {
        return Ok(None);
    };
    let columns = Columns::of(&layout);
    scanner.set_shape(Shape {
        columns: layout.columns.len(),
        date: columns.date,
        promise: columns.promise,
    });
    Ok(Some(Opened {
        scanner,
        record,
        file,
        layout,
        columns,
    }))
}

/// The first thing wrong with a ledger file's header line.
pub(super) fn header_problem(
    record: &Record,
    layout: &Layout,
    file: &FileText<'_>,
) -> Option<HeaderProblem> {
    columns_problem(
        record,
        layout,
        file,
        &["date", "promise"],
        &HEADER,
        &HEADER[..5],
    )
}

/// The first thing wrong with a header line that must name the `required`
/// columns and may name the `known` ones (and columns of the file's own);
/// `example` names the columns of a sound header.
pub(crate) fn columns_problem(
    record: &Record,
    layout: &Layout,
    file: &FileText<'_>,
    required: &[&str],
    known: &[&str],
    example: &[&str],
) -> Option<HeaderProblem> {
    let example = example.join(&(file.delimiter as char).to_string());
    names_problem(record, layout, &example).or_else(|| {
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| layout.column(c).is_none())
            .collect();
        if missing.is_empty() {
            return misspelt(layout, known);
        }
        // `indikator` for `indicator`: the slip, not only what it leaves missing.
        misspelt(layout, required).or(Some((
            None,
            format!("the header has no `{}` column", missing.join("` or `")),
            format!("the first line must name the columns, e.g. {example}"),
        )))
    })
}

/// What makes a header line no list of column names, whatever the file: a broken
/// line, a name over two lines, a name empty or given twice. `example` is a sound
/// header, for the hint.
fn names_problem(record: &Record, layout: &Layout, example: &str) -> Option<HeaderProblem> {
    if let Some(problem) = &record.problem {
        let (message, hint) = structural(problem, record);
        return Some((None, format!("in the header: {message}"), hint));
    }
    if let Some(&i) = record.multiline_fields().first() {
        return Some((
            Some(i),
            "a header name goes over more than one line".to_string(),
            format!("the first line must name the columns, e.g. {example}"),
        ));
    }
    let names = &layout.columns;
    if let Some(i) = names.iter().position(String::is_empty) {
        return Some((
            Some(i),
            format!("column {} of the header has no name", i + 1),
            "name the column, or remove it (and its values) from the file".to_string(),
        ));
    }
    for (i, name) in names.iter().enumerate() {
        if let Some(first) = names[..i].iter().position(|n| n == name) {
            return Some((
                Some(i),
                format!(
                    "the header names `{name}` twice (columns {} and {})",
                    first + 1,
                    i + 1
                ),
                "keep one of them; which one counts would be a guess".to_string(),
            ));
        }
    }
    None
}

/// A header name that holds a quote, or that is a near miss of a `known` column
/// the header lacks: its values would go uncounted without a word.
fn misspelt(layout: &Layout, known: &[&str]) -> Option<HeaderProblem> {
    let names = &layout.columns;
    // A delimiter typed into a name splits it in two (`co,unt`).
    for (i, pair) in names.windows(2).enumerate() {
        let joined = format!("{}{}", pair[0], pair[1]);
        if known.contains(&joined.as_str()) && layout.column(&joined).is_none() {
            return Some((
                Some(i),
                format!(
                    "the header names `{}` and `{}`: `{joined}` split in two?",
                    pair[0], pair[1]
                ),
                "remove the delimiter between them".to_string(),
            ));
        }
    }
    for (i, name) in names.iter().enumerate() {
        if name.contains('"') {
            return Some((
                Some(i),
                format!("the header name `{name}` holds a quote"),
                "a quote belongs only around a whole name: remove it".to_string(),
            ));
        }
        let absent = known.iter().copied().filter(|h| layout.column(h).is_none());
        if known.contains(&name.as_str()) {
            continue;
        }
        // Only a slip of one letter (or two swapped): a column of the file's own,
        // such as `plats`, stays its own.
        let mut absent = absent;
        if let Some(meant) = absent.find(|h| strsim::damerau_levenshtein(name, h) == 1) {
            return Some((
                Some(i),
                format!("the header names a column `{name}`, which medlofte does not know"),
                format!(
                    "did you mean `{meant}`? (columns of your own are kept, but this looks like a typo)"
                ),
            ));
        }
    }
    None
}

/// Where the known columns are in one file.
pub(super) struct Columns {
    pub(super) date: usize,
    pub(super) promise: usize,
    pub(super) count: Option<usize>,
    pub(super) by: Option<usize>,
    pub(super) note: Option<usize>,
    pub(super) place: Option<usize>,
}

impl Columns {
    pub(super) fn of(layout: &Layout) -> Columns {
        Columns {
            date: layout.column("date").unwrap_or(0),
            promise: layout.column("promise").unwrap_or(0),
            count: layout.column("count"),
            by: layout.column("by"),
            note: layout.column("note"),
            place: layout.column("place"),
        }
    }

    pub(super) fn index(&self, column: Column) -> Option<usize> {
        match column {
            Column::Date => Some(self.date),
            Column::Promise => Some(self.promise),
            Column::Count => self.count,
            Column::By => self.by,
            Column::Note => self.note,
            Column::Place => self.place,
            Column::Other(i) => Some(i),
        }
    }

    pub(super) fn column(&self, index: usize) -> Column {
        [
            Column::Date,
            Column::Promise,
            Column::Count,
            Column::By,
            Column::Note,
            Column::Place,
        ]
        .into_iter()
        .find(|c| self.index(*c) == Some(index))
        .unwrap_or(Column::Other(index))
    }

    /// A field without surrounding spaces; empty when the line has no such field.
    pub(super) fn get<'r>(&self, record: &'r Record, column: Option<Column>) -> &'r [u8] {
        column
            .and_then(|c| self.index(c))
            .and_then(|i| record.get(i))
            .map_or(&b""[..], <[u8]>::trim_ascii)
    }
}
