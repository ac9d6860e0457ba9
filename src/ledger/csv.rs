//! A CSV file as a person or a spreadsheet saved it, opened up to its header: a
//! regular file, its encoding and delimiter sniffed, its header parsed like every
//! other line and judged by the caller. The ledger and the indicator files are
//! both read this way.

use super::Layout;
use super::findings::{FileText, Refusal};
use super::scan::{Record, Scanner};
use crate::encoding::Encoding;
use crate::error::{Diagnostic, Severity};
use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

/// The start of a file its encoding and delimiter are sniffed from.
pub(crate) const HEAD: u64 = 1 << 16;

/// A CSV file read up to its header, whatever columns it is to have.
pub(crate) struct CsvFile<'a, R> {
    pub scanner: Scanner<std::io::Chain<Cursor<Vec<u8>>, R>>,
    pub record: Record,
    pub file: FileText<'a>,
    pub layout: Layout,
}

/// What is wrong with a header line, if anything: the field, what, how to fix it.
pub(crate) type HeaderCheck = fn(&Record, &Layout, &FileText<'_>) -> Option<HeaderProblem>;
pub(crate) type HeaderProblem = (Option<usize>, String, String);

/// Reads `src`, from the start of the CSV file `path`, up to its header, which
/// `check` judges: its encoding and delimiter sniffed as a spreadsheet may have
/// saved it. `None` for a file with no header at all.
pub(crate) fn open_csv<R: Read>(
    path: &Path,
    mut src: R,
    check: HeaderCheck,
) -> Result<Option<CsvFile<'_, R>>, Refusal> {
    let head = super::head(&mut src, HEAD).map_err(|e| {
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
    let Some(layout) = header(&mut scanner, &mut record, &file, check)? else {
        return Ok(None);
    };
    Ok(Some(CsvFile {
        scanner,
        record,
        file,
        layout,
    }))
}

/// A kind of CSV file medlofte reads, as its messages name it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FileKind {
    /// `ledger file`, `indicator file`.
    pub noun: &'static str,
    /// The folder that holds them: `ledger/`.
    pub folder: &'static str,
}

pub(crate) const LEDGER_FILE: FileKind = FileKind {
    noun: "ledger file",
    folder: "ledger/",
};

/// Opens a CSV file of `kind`, refusing what is not a regular file without
/// opening it (a FIFO would block every command for ever).
pub(crate) fn open(path: &Path, kind: FileKind) -> Result<File, Refusal> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Diagnostic::error(
            path,
            format!("cannot read: {e}"),
            "check that the file exists and that you may read it",
        )
    })?;
    let FileKind { noun, folder } = kind;
    let name = path.file_name().map(|n| n.to_string_lossy());
    if name.is_some_and(|n| super::conflict_copy(&n)) {
        return Err(Box::new(Diagnostic::error(
            path,
            format!(
                "looks like a sync tool's conflict copy of another {noun}; its lines would count twice"
            ),
            "move the lines that are missing from the original into it, then remove this copy",
        )));
    }
    if meta.is_dir() {
        return Err(Box::new(Diagnostic::error(
            path,
            format!("is a folder, not a {noun}"),
            format!("rename it so that it does not end in .csv, or move it out of {folder}"),
        )));
    }
    if !meta.is_file() {
        return Err(Box::new(Diagnostic::error(
            path,
            "is not a regular file (a pipe, socket or device), so it is not read",
            format!("move it out of {folder}; {noun}s are plain CSV files"),
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
    // A head shorter than asked for is the whole file.
    Ok(Encoding::sniff(head, (head.len() as u64) < HEAD))
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
fn header<R: Read>(
    scanner: &mut Scanner<R>,
    record: &mut Record,
    file: &FileText<'_>,
    check: HeaderCheck,
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
    match check(record, &layout, file) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_counted_outside_quotes() {
        assert_eq!(sniff_delimiter(b"date;promise;\"a, b, c\"\n"), b';');
        assert_eq!(sniff_delimiter(b"date,promise,\"a; b; c\"\n"), b',');
    }

    #[test]
    fn utf16_is_recognised() {
        assert!(is_utf16(b"\xff\xfed\x00a\x00"));
        assert!(is_utf16(b"d\x00a\x00t\x00e\x00"));
        assert!(!is_utf16(b"date,promise\n"));
        assert!(!is_utf16(b"d"));
    }
}
