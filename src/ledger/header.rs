//! What a ledger file is before its lines are read: a regular file, its encoding
//! and delimiter, and its header, parsed like every other line.

use super::entry::Column;
use super::findings::{FileText, Refusal, structural};
use super::scan::{Record, Scanner, Shape};
use super::{HEADER, Layout};
use crate::encoding::Encoding;
use crate::error::{Diagnostic, Severity};
use std::fs::File;
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
    mut src: R,
) -> Result<Option<Opened<'_, R>>, Refusal> {
    let head = super::head(&mut src, 1 << 16).map_err(|e| {
        Diagnostic::error(
            path,
            format!("cannot read: {e}"),
            "check that you may read the file",
        )
    })?;
    if head.is_empty() || head == b"\xef\xbb\xbf" {
        return Ok(None);
    }
    let encoding = sniff_encoding(path, &head)?;
    let delimiter = sniff_delimiter(&head);
    let mut scanner = Scanner::new(Cursor::new(head).chain(src), delimiter);
    let mut record = Record::default();
    let file = FileText {
        path,
        encoding,
        delimiter,
    };
    let Some(layout) = header(&mut scanner, &mut record, &file)? else {
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

/// Opens a ledger file, refusing what is not a regular file without opening it
/// (a FIFO would block every command for ever).
pub(super) fn open(path: &Path) -> Result<File, Refusal> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Diagnostic::error(
            path,
            format!("cannot read: {e}"),
            "check that the file exists and that you may read it",
        )
    })?;
    let name = path.file_name().map(|n| n.to_string_lossy());
    if name.is_some_and(|n| super::conflict_copy(&n)) {
        return Err(Box::new(Diagnostic::error(
            path,
            "looks like a sync tool's conflict copy of another ledger file; its lines would count twice",
            "move the lines that are missing from the original into it, then remove this copy",
        )));
    }
    if meta.is_dir() {
        return Err(Box::new(Diagnostic::error(
            path,
            "is a folder, not a ledger file",
            "rename it so that it does not end in .csv, or move it out of ledger/",
        )));
    }
    if !meta.is_file() {
        return Err(Box::new(Diagnostic::error(
            path,
            "is not a regular file (a pipe, socket or device), so it is not read",
            "move it out of ledger/; ledger files are plain CSV files",
        )));
    }
    Ok(File::open(path).map_err(|e| {
        Diagnostic::error(
            path,
            format!("cannot read: {e}"),
            "check that the file exists and that you may read it",
        )
    })?)
}

/// The file's encoding; UTF-16 (a spreadsheet's "Unicode text") is named and refused.
pub(super) fn sniff_encoding(path: &Path, head: &[u8]) -> Result<Encoding, Refusal> {
    if is_utf16(head) {
        return Err(Box::new(Diagnostic::error(
            path,
            "the file is UTF-16 text (a spreadsheet's \"Unicode text\"), which medlofte does not read",
            "save it from the spreadsheet as \"CSV UTF-8 (comma delimited)\"",
        )));
    }
    Ok(Encoding::sniff(head))
}

/// A UTF-16 byte-order mark, or ASCII text with every other byte NUL.
pub fn is_utf16(head: &[u8]) -> bool {
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        return true;
    }
    let pairs = head.chunks_exact(2).take(32);
    let n = pairs.len();
    let (even, odd) = pairs.fold((0, 0), |(e, o), c| {
        (e + usize::from(c[0] == 0), o + usize::from(c[1] == 0))
    });
    n >= 2 && (even == n || odd == n)
}

/// `;` when the first line holds more of them than commas, outside quotes.
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let (mut semi, mut comma, mut quoted) = (0, 0, false);
    for &b in head.iter().take_while(|&&b| b != b'\n' && b != b'\r') {
        match b {
            b'"' => quoted = !quoted,
            b';' if !quoted => semi += 1,
            b',' if !quoted => comma += 1,
            _ => {}
        }
    }
    if semi > comma { b';' } else { b',' }
}

/// Reads the header (the first line that is not blank) into a layout, or says
/// what is wrong with it. `None` for a file with no header at all.
pub(super) fn header<R: Read>(
    scanner: &mut Scanner<R>,
    record: &mut Record,
    file: &FileText<'_>,
) -> Result<Option<Layout>, Refusal> {
    loop {
        match scanner.next_record(record) {
            Ok(true) if record.is_blank() && record.problem.is_none() => {}
            Ok(true) => break,
            Ok(false) => return Ok(None),
            Err(e) => {
                return Err(Box::new(Diagnostic::error(
                    file.path,
                    format!("cannot read: {e}"),
                    "check that you may read the file",
                )));
            }
        }
    }
    let layout = Layout {
        delimiter: file.delimiter,
        eol: match record.eol {
            super::scan::Eol::None => super::scan::Eol::Lf,
            eol => eol,
        },
        columns: record
            .iter()
            .map(|f| crate::words::folded(&file.encoding.decode(f)))
            .collect(),
    };
    let problem = header_problem(record, &layout, file);
    match problem {
        Some((field, message, hint)) => Err(Box::new(file.diagnostic(
            record,
            field,
            Severity::Error,
            message,
            hint,
        ))),
        None => Ok(Some(layout)),
    }
}

/// The first thing wrong with a header line: where, what, and how to fix it.
pub(super) fn header_problem(
    record: &Record,
    layout: &Layout,
    file: &FileText<'_>,
) -> Option<(Option<usize>, String, String)> {
    let example = HEADER[..5].join(&(file.delimiter as char).to_string());
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
    let missing: Vec<&str> = ["date", "promise"]
        .into_iter()
        .filter(|c| layout.column(c).is_none())
        .collect();
    if !missing.is_empty() {
        let swedish: Vec<&str> = HEADER[..5]
            .iter()
            .filter_map(|c| crate::words::swedish_column(c))
            .collect();
        let delimiter = (file.delimiter as char).to_string();
        return Some((
            None,
            format!("the header has no `{}` column", missing.join("` or `")),
            format!(
                "the first line must name the columns, e.g. {example} (or in Swedish {})",
                swedish.join(&delimiter)
            ),
        ));
    }
    misspelt(layout)
}

/// A header name that holds a quote, or that is a near miss of a known column
/// the header lacks: its values would go uncounted without a word.
pub(super) fn misspelt(layout: &Layout) -> Option<(Option<usize>, String, String)> {
    let names = &layout.columns;
    // A delimiter typed into a name splits it in two (`co,unt`).
    for (i, pair) in names.windows(2).enumerate() {
        let joined = format!("{}{}", pair[0], pair[1]);
        if crate::words::column(&joined).is_some_and(|c| layout.column(c).is_none()) {
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
        if crate::words::column(name).is_some() {
            continue;
        }
        // Only a slip of one letter (or two swapped) from a name of a column the
        // header lacks: a column of the file's own, such as `tid`, stays its own.
        // Not from the two letters of `av`: `år` is a column of its own.
        let mut absent = crate::words::column_names()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_counted_outside_quotes() {
        assert_eq!(sniff_delimiter(b"date;promise;\"a, b, c\"\n"), b';');
        assert_eq!(sniff_delimiter(b"date,promise,\"a; b; c\"\n"), b',');
    }

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

    #[test]
    fn utf16_is_recognised() {
        assert!(is_utf16(b"\xff\xfed\x00a\x00"));
        assert!(is_utf16(b"d\x00a\x00t\x00e\x00"));
        assert!(!is_utf16(b"date,promise\n"));
        assert!(!is_utf16(b"d"));
    }
}
