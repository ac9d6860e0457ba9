//! A ledger file's header: read like every other line, judged (the columns it
//! must and may name), and where its known columns are.

use super::csv::{CsvFile, HeaderProblem, open_csv};
use super::entry::Column;
use super::findings::{FileText, Refusal, structural};
use super::scan::{Record, Scanner, Shape};
use super::{HEADER, Layout};
use crate::model::Agreement;
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

/// First words of the names people give the column of what was done.
const COUNT_WORDS: [&str; 13] = [
    "count", "antal", "amount", "quantity", "qty", "hours", "timmar", "minuter", "belopp", "mängd",
    "summa", "total", "totalt",
];

/// Words that may follow, and leave it the count: a unit (`antal st`,
/// `count (h)`), times (`antal gånger`), a total (`timmar totalt`). Not what is
/// counted otherwise: `antal deltagare` and `summa kr` are columns of one's own.
const COUNT_QUALIFIERS: [&str; 17] = [
    "st",
    "styck",
    "stycken",
    "pcs",
    "h",
    "tim",
    "timmar",
    "hours",
    "min",
    "minuter",
    "gånger",
    "ggr",
    "tillfällen",
    "times",
    "totalt",
    "total",
    "antal",
];

impl<R> Opened<'_, R> {
    /// `check`'s word on a file that is not UTF-8.
    pub(super) fn not_utf8(&self) -> crate::error::Diagnostic {
        self.file.diagnostic(
            &self.record,
            None,
            crate::error::Severity::Warning,
            "the file is Windows-1252, not UTF-8; it is read as such, and `log` keeps it so"
                .to_string(),
            "save it as \"CSV UTF-8\" from the spreadsheet when you can".to_string(),
        )
    }

    /// A header with no `count` column but one named like it (a promise's unit,
    /// `timmar`, `amount`, `antal st`): read as a column of the file's own, its
    /// values would count for nothing and every line as 1, so the file is refused.
    pub(super) fn count_elsewhere(&self, agreement: &Agreement) -> Option<Refusal> {
        if self.columns.count.is_some() {
            return None;
        }
        let units: Vec<(String, &str)> = agreement
            .promises
            .iter()
            .filter_map(|p| Some((crate::words::folded(p.unit.as_deref()?), p.id.as_str())))
            .collect();
        // A promise's unit as the whole name, or a word of the count and then
        // only qualifiers of it.
        let counted = |n: &str| {
            let own = |w: &str| units.iter().any(|(u, _)| u == w);
            let words: Vec<&str> = n
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let Some((first, rest)) = words.split_first() else {
                return false;
            };
            // A unit of several words, alone or after the count's word, and
            // with qualifiers after it (`besökta platser (st)`).
            let unit_at = |from: usize| {
                (from + 1..=words.len()).any(|to| {
                    own(&words[from..to].join(" "))
                        && words[to..].iter().all(|w| COUNT_QUALIFIERS.contains(w))
                })
            };
            own(n)
                || unit_at(0)
                || COUNT_WORDS.contains(first)
                    && (rest.iter().all(|w| COUNT_QUALIFIERS.contains(w) || own(w)) || unit_at(1))
        };
        let (i, name) = self
            .layout
            .columns
            .iter()
            .enumerate()
            .find(|(_, n)| counted(n))?;
        let whose = match units.iter().find(|(u, _)| u == name) {
            Some((_, id)) => format!(", the unit of \"{id}\""),
            None => String::new(),
        };
        Some(Box::new(self.file.diagnostic(
            &self.record,
            Some(i),
            crate::error::Severity::Error,
            format!(
                "the header has no `count` column but names `{name}`{whose}: its values would not be counted, and every line would count as 1"
            ),
            "rename the column `count` (or `antal`); if it is not what was done, give it another name"
                .to_string(),
        )))
    }
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
    scanner.set_shape(shape(&layout, &columns));
    Ok(Some(Opened {
        scanner,
        record,
        file,
        layout,
        columns,
    }))
}

/// What the reader reads a ledger file from: one type for a whole file and for
/// lines just appended, so that the hot loop is compiled once, as it is timed.
pub(super) type Source<'a> = Box<dyn Read + 'a>;

impl Opened<'_, Source<'_>> {
    /// Goes on with `bytes` in place of the rest of the file (lines appended to
    /// it), split as the file's own lines are.
    pub fn rescan(&mut self, bytes: Vec<u8>) {
        let rest: Source<'_> = Box::new(std::io::empty());
        let mut scanner = Scanner::new(Cursor::new(bytes).chain(rest), self.file.delimiter);
        scanner.set_shape(shape(&self.layout, &self.columns));
        self.scanner = scanner;
    }
}

/// What tells a new record from a quoted note's next line in a file of `layout`.
fn shape(layout: &Layout, columns: &Columns) -> Shape {
    Shape {
        columns: layout.columns.len(),
        date: columns.date,
        promise: columns.promise,
    }
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
    required: &[&'static str],
    known: &[&'static str],
    example_columns: &[&str],
) -> Option<HeaderProblem> {
    let example = example_columns.join(&(file.delimiter as char).to_string());
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
        // The ledger's columns have Swedish names too: show them as well.
        let swedish: Option<Vec<&str>> = example_columns
            .iter()
            .map(|c| crate::words::swedish_column(c))
            .collect();
        let hint = match swedish {
            Some(sv) => format!(
                "the first line must name the columns, e.g. {example} (or in Swedish {})",
                sv.join(&(file.delimiter as char).to_string())
            ),
            None => format!("the first line must name the columns, e.g. {example}"),
        };
        misspelt(layout, required).or(Some((
            None,
            format!("the header has no `{}` column", missing.join("` or `")),
            hint,
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
        // `date` and `datum` are one column named twice.
        let meaning = crate::words::column(name);
        let same =
            |n: &String| n == name || meaning.is_some() && crate::words::column(n) == meaning;
        if let Some(first) = names[..i].iter().position(same) {
            let (a, b) = (first + 1, i + 1);
            let message = match (&names[first], meaning) {
                (n, _) if n == name => {
                    format!("the header names `{name}` twice (columns {a} and {b})")
                }
                (n, m) => format!(
                    "the header names `{n}` and `{name}` (columns {a} and {b}), which both mean `{}`",
                    m.unwrap_or_default()
                ),
            };
            let hint = "keep one of them; which one counts would be a guess".to_string();
            return Some((Some(i), message, hint));
        }
    }
    None
}

/// The `known` column a header name means: its own name, or a Swedish one.
fn meaning(known: &[&'static str], name: &str) -> Option<&'static str> {
    let english = crate::words::column(name).unwrap_or(name);
    known.iter().copied().find(|k| *k == english)
}

/// A header name that holds a quote, or that is a near miss of a `known` column
/// the header lacks: its values would go uncounted without a word.
fn misspelt(layout: &Layout, known: &[&'static str]) -> Option<HeaderProblem> {
    let names = &layout.columns;
    // A delimiter typed into a name splits it in two (`co,unt`).
    for (i, pair) in names.windows(2).enumerate() {
        let joined = format!("{}{}", pair[0], pair[1]);
        if meaning(known, &joined).is_some_and(|c| layout.column(c).is_none()) {
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
        if meaning(known, name).is_some() {
            continue;
        }
        // Only a slip of one letter (or two swapped) from a name of a column the
        // header lacks: a column of the file's own, such as `tid`, stays its own.
        // Not from the two letters of `av`: `år` is a column of its own.
        let mut absent = crate::words::column_names()
            .chain(known.iter().map(|k| (*k, *k)))
            .filter(|(_, meant)| known.contains(meant))
            .filter(|(n, meant)| n.len() > 2 || n == meant)
            .filter(|(_, meant)| layout.column(meant).is_none());
        if let Some((meant, _)) = absent.find(|(n, _)| strsim::damerau_levenshtein(name, n) == 1) {
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
    /// The file's own columns, in order: found once, not on every line.
    pub(super) others: Vec<usize>,
}

impl Columns {
    pub(super) fn of(layout: &Layout) -> Columns {
        let mut columns = Columns {
            date: layout.column("date").unwrap_or(0),
            promise: layout.column("promise").unwrap_or(0),
            count: layout.column("count"),
            by: layout.column("by"),
            note: layout.column("note"),
            place: layout.column("place"),
            others: Vec::new(),
        };
        columns.others = (0..layout.columns.len())
            .filter(|&i| matches!(columns.column(i), Column::Other(_)))
            .collect();
        columns
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn swedish_names_are_the_same_columns() {
        let problem = |text: &str| match open_past_header(Path::new("x.csv"), text.as_bytes()) {
            Err(d) => format!("{} — {}", d.message, d.hint),
            Ok(_) => String::new(),
        };
        assert_eq!(
            problem("Datum;LÖFTE;antal;Utförd av;kommentar;plats\r\n"),
            ""
        );
        assert_eq!(problem("\"datum\", lo\u{308}fte ,anteckning\n"), "");
        for (header, says) in [
            (
                "date,promise,datum\n",
                "`date` and `datum` (columns 1 and 3), which both mean `date`",
            ),
            (
                "datum,löfte,av,utförd av\n",
                "`av` and `utförd av` (columns 3 and 4), which both mean `by`",
            ),
            (
                "datum,löfte,datum\n",
                "names `datum` twice (columns 1 and 3)",
            ),
            ("datum,löfte,antl\n", "did you mean `antal`?"),
            (
                "datum,anteckning\n",
                "in Swedish datum,löfte,antal,av,anteckning",
            ),
        ] {
            assert!(
                problem(header).contains(says),
                "{header}: {}",
                problem(header)
            );
        }
        // Two letters from `av` is a column of its own, not a slip.
        assert_eq!(problem("datum,löfte,år,tid\n"), "");
    }
}
