//! Reading a ledger file as a stream of activities, with every problem located.
//! Nothing is counted from a line that is not sound, and every line that is not
//! counted is named.

use super::entry::{Column, Fields, Rules, free_text};
use super::scan::{Problem, Record, Scanner, Shape, line_start, locate_in};
use super::{Activity, HEADER, Layout, Overflow};
use crate::encoding::Encoding;
use crate::error::{Diagnostic, Severity};
use crate::model::Agreement;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// How closely lines are looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scrutiny {
    /// What the figures depend on: structure, dates, promises, counts and places.
    /// Enough for `status`, `report` and `log`, and the fast path.
    Figures,
    /// Everything `check` reports besides: free text (personal numbers, formulas,
    /// NUL bytes), parties, encodings, dates outside the term or after `today`.
    Everything { today: NaiveDate },
}

/// Problems shown per file; the rest are counted. A file that is broken on every
/// line (a crash's NUL-filled tail, a file of another kind) must not flood the
/// terminal or fill memory.
pub const SHOWN_PER_FILE: usize = 20;

/// What reading one file produced besides activities.
pub struct FileReport {
    /// At most [`SHOWN_PER_FILE`] problems, then one that counts the rest.
    pub diagnostics: Vec<Diagnostic>,
    /// Lines holding an activity (blank lines and the header aside).
    pub lines: u64,
    /// Every error and warning found, shown or not.
    pub errors: u64,
    pub warnings: u64,
}

/// A problem that stops a file from being read.
type Refusal = Box<Diagnostic>;

/// Streams every activity of `path` into `sink`, one record buffer reused for all
/// lines. Problems come back as diagnostics (errors and warnings); a line with an
/// error is not passed on.
pub fn read_file(
    path: &Path,
    agreement: &Agreement,
    scrutiny: Scrutiny,
    sink: &mut dyn FnMut(Activity<'_>) -> Result<(), Overflow>,
) -> FileReport {
    let mut found = Findings::new(path);
    if let Err(d) = read_into(path, agreement, scrutiny, sink, &mut found) {
        found.push(*d);
    }
    found.finish()
}

fn read_into(
    path: &Path,
    agreement: &Agreement,
    scrutiny: Scrutiny,
    sink: &mut dyn FnMut(Activity<'_>) -> Result<(), Overflow>,
    found: &mut Findings,
) -> Result<(), Refusal> {
    let mut file = open(path)?;
    let head = super::head(&mut file, 1 << 16).map_err(|e| {
        Diagnostic::error(
            path,
            format!("cannot read: {e}"),
            "check that you may read the file",
        )
    })?;
    if head.is_empty() || head == b"\xef\xbb\xbf" {
        return Ok(());
    }
    let encoding = sniff_encoding(path, &head)?;
    let delimiter = sniff_delimiter(&head);
    let mut scanner = Scanner::new(std::io::Cursor::new(head).chain(file), delimiter);
    let mut record = Record::default();
    let file = FileText {
        path,
        encoding,
        delimiter,
    };
    let Some(layout) = header(&mut scanner, &mut record, &file)? else {
        return Ok(());
    };
    if encoding == Encoding::Windows1252 && scrutiny != Scrutiny::Figures {
        found.push(
            file.diagnostic(
                &record,
                None,
                Severity::Warning,
                "the file is Windows-1252, not UTF-8; it is read as such, and `log` keeps it so"
                    .to_string(),
                "save it as \"CSV UTF-8\" from the spreadsheet when you can".to_string(),
            ),
        );
    }
    let columns = Columns::of(&layout);
    scanner.set_shape(Shape {
        columns: layout.columns.len(),
        date: columns.date,
        promise: columns.promise,
    });
    let today = match scrutiny {
        Scrutiny::Figures => None,
        Scrutiny::Everything { today } => Some(today),
    };
    let rules = Rules::new(agreement, delimiter == b';', today);
    loop {
        match scanner.next_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => {
                let d = Diagnostic::error(
                    path,
                    format!("cannot read after line {}: {e}", record.line),
                    "check the file and the disk; nothing after that line was read",
                );
                return Err(Box::new(d));
            }
        }
        if record.is_blank() && record.problem.is_none() {
            continue;
        }
        found.lines += 1;
        let mut line = LineCheck {
            file: &file,
            names: &layout.columns,
            record: &record,
            columns: &columns,
            found,
        };
        if !line.structure(layout.columns.len()) {
            continue;
        }
        if let Some(activity) = line.activity(&rules) {
            let (place, by, note) = (
                file.utf8(columns.get(&record, Some(Column::Place))),
                file.utf8(columns.get(&record, Some(Column::By))),
                file.utf8(columns.get(&record, Some(Column::Note))),
            );
            let activity = Activity {
                place: &place,
                by: &by,
                note: &note,
                ..activity
            };
            if let Err(Overflow(p)) = sink(activity) {
                let id = &agreement.promises[p].id;
                line.report(Severity::Error, Some(Column::Count), &|| {
                    (
                        format!("with this line, the sum of \"{id}\" grows past what can be counted exactly"),
                        "check the counts: no real ledger holds that many".to_string(),
                    )
                });
            }
        }
    }
}

/// Whether a line can be appended to the ledger file open in `file` (read from its
/// start): refused when its header is broken, when it is UTF-16, or when its last
/// line leaves a quote open, which would make the new line part of it.
pub fn appendable(path: &Path, file: &mut (impl Read + std::io::Seek)) -> Result<(), Refusal> {
    let io = |e: std::io::Error| {
        Diagnostic::error(
            path,
            format!("cannot read: {e}"),
            "nothing was written; check that you may read the file",
        )
    };
    file.seek(std::io::SeekFrom::Start(0)).map_err(io)?;
    let head = super::head(file, 1 << 16).map_err(io)?;
    if head.is_empty() || head == b"\xef\xbb\xbf" {
        return Ok(());
    }
    let encoding = sniff_encoding(path, &head)?;
    let delimiter = sniff_delimiter(&head);
    file.seek(std::io::SeekFrom::Start(0)).map_err(io)?;
    let mut scanner = Scanner::new(std::io::BufReader::new(&mut *file), delimiter);
    let mut record = Record::default();
    let text = FileText {
        path,
        encoding,
        delimiter,
    };
    let Some(layout) = header(&mut scanner, &mut record, &text)? else {
        return Ok(());
    };
    let columns = Columns::of(&layout);
    scanner.set_shape(Shape {
        columns: layout.columns.len(),
        date: columns.date,
        promise: columns.promise,
    });
    let mut last_open = None;
    while scanner.next_record(&mut record).map_err(io)? {
        last_open = match record.problem {
            Some(Problem::Unterminated { .. }) => Some(text.diagnostic(
                &record,
                None,
                Severity::Error,
                "a quote on this line is never closed, so a line appended now would become part of it".to_string(),
                "nothing was written; close or remove the quote, then log again".to_string(),
            )),
            _ => None,
        };
    }
    match last_open {
        Some(d) => Err(Box::new(d)),
        None => Ok(()),
    }
}

/// Opens a ledger file, refusing what is not a regular file without opening it
/// (a FIFO would block every command for ever).
fn open(path: &Path) -> Result<File, Refusal> {
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
fn sniff_encoding(path: &Path, head: &[u8]) -> Result<Encoding, Refusal> {
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
fn header<R: Read>(
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
            .map(|f| file.encoding.decode(f).trim().to_lowercase())
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
fn header_problem(
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
    let missing: Vec<&str> = ["date", "promise"]
        .into_iter()
        .filter(|c| layout.column(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Some((
            None,
            format!("the header has no `{}` column", missing.join("` or `")),
            format!("the first line must name the columns, e.g. {example}"),
        ));
    }
    misspelt(layout)
}

/// A header name that holds a quote, or that is a near miss of a known column
/// the header lacks: its values would go uncounted without a word.
fn misspelt(layout: &Layout) -> Option<(Option<usize>, String, String)> {
    let names = &layout.columns;
    for (i, name) in names.iter().enumerate() {
        if name.contains('"') {
            return Some((
                Some(i),
                format!("the header name `{name}` holds a quote"),
                "a quote belongs only around a whole name: remove it".to_string(),
            ));
        }
        let absent = super::HEADER
            .iter()
            .copied()
            .filter(|h| layout.column(h).is_none());
        if super::HEADER.contains(&name.as_str()) {
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

/// The message and hint for a structural problem of a record.
fn structural(problem: &Problem, record: &Record) -> (String, String) {
    match problem {
        Problem::Unterminated { line, col, swallowed } => (
            format!(
                "the quote opened on line {line}, column {} is never closed, so the {swallowed} line(s) after it would be part of this one",
                col + 1
            ),
            "close the quote (\"), or remove it; a \" inside a quoted value is written \"\"".to_string(),
        ),
        Problem::RunsIntoRecord { line, col, next } => (
            format!(
                "the quote opened on line {line}, column {} is not closed before line {next}, which starts a new line of the ledger",
                col + 1
            ),
            "close the quote (\") on this line, or remove it".to_string(),
        ),
        Problem::AfterQuote { .. } => (
            "text follows a closing quote".to_string(),
            "put the whole value in quotes, and write a \" inside it as \"\"".to_string(),
        ),
        Problem::TooLong { bytes } => (
            format!(
                "this line is {bytes} bytes long{}: no ledger line is",
                if record.raw.contains(&0) { " and holds NUL bytes" } else { "" }
            ),
            "the file may be damaged (a crash or a sync tool can leave such a tail): remove the line".to_string(),
        ),
    }
}

/// Where the known columns are in one file.
struct Columns {
    date: usize,
    promise: usize,
    count: Option<usize>,
    by: Option<usize>,
    note: Option<usize>,
    place: Option<usize>,
}

impl Columns {
    fn of(layout: &Layout) -> Columns {
        Columns {
            date: layout.column("date").unwrap_or(0),
            promise: layout.column("promise").unwrap_or(0),
            count: layout.column("count"),
            by: layout.column("by"),
            note: layout.column("note"),
            place: layout.column("place"),
        }
    }

    fn index(&self, column: Column) -> Option<usize> {
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

    fn column(&self, index: usize) -> Column {
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
    fn get<'r>(&self, record: &'r Record, column: Option<Column>) -> &'r [u8] {
        column
            .and_then(|c| self.index(c))
            .and_then(|i| record.get(i))
            .map_or(&b""[..], <[u8]>::trim_ascii)
    }
}

/// What is needed to show a line of one file.
struct FileText<'a> {
    path: &'a Path,
    encoding: Encoding,
    delimiter: u8,
}

impl FileText<'_> {
    /// A field as UTF-8 bytes: as it is in a UTF-8 file (not validated: only
    /// compared), decoded from Windows-1252 when it is not plain ASCII.
    fn utf8<'r>(&self, raw: &'r [u8]) -> Cow<'r, [u8]> {
        match self.encoding {
            Encoding::Windows1252 if !raw.is_ascii() => {
                Cow::Owned(self.encoding.decode(raw).into_bytes())
            }
            _ => Cow::Borrowed(raw),
        }
    }

    /// A diagnostic pointing at field `field` of `record` (the whole line when
    /// `None`), with an excerpt of the physical line it is on.
    fn diagnostic(
        &self,
        record: &Record,
        field: Option<usize>,
        severity: Severity,
        message: String,
        hint: String,
    ) -> Diagnostic {
        let spot = match (field, &record.problem) {
            (None, Some(Problem::Unterminated { line, col, .. }))
            | (None, Some(Problem::RunsIntoRecord { line, col, .. }))
            | (None, Some(Problem::AfterQuote { line, col })) => {
                let start = line_start(&record.raw, line.saturating_sub(record.line));
                locate_in(&record.raw, record.line, start + col)
            }
            (field, _) => record.locate(field),
        };
        let line = &record.raw[spot.text.clone()];
        let width = match field {
            Some(_) => field_width(&line[spot.at.min(line.len())..], self.delimiter),
            None if record.problem.is_some() => 1,
            None => line.len(),
        };
        excerpt(
            Diagnostic {
                severity,
                ..Diagnostic::error(self.path, message, hint)
            },
            line,
            self.encoding,
            spot.line,
            spot.at..spot.at + width,
        )
    }
}

/// The length of a field's text at the start of `rest`, quotes included.
fn field_width(rest: &[u8], delimiter: u8) -> usize {
    let mut quoted = false;
    for (i, &b) in rest.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            _ if b == delimiter && !quoted => return i,
            _ => {}
        }
    }
    rest.len()
}

/// The checks of one record.
struct LineCheck<'a> {
    file: &'a FileText<'a>,
    /// The header's names.
    names: &'a [String],
    record: &'a Record,
    columns: &'a Columns,
    found: &'a mut Findings,
}

impl LineCheck<'_> {
    fn report(
        &mut self,
        severity: Severity,
        column: Option<Column>,
        describe: &dyn Fn() -> (String, String),
    ) {
        let field = column.and_then(|c| self.columns.index(c));
        // A field the line does not reach is shown at the end of the line.
        let field = field.map(|i| i.min(self.record.len()));
        if self.found.counts(severity) {
            let (message, hint) = describe();
            let d = self
                .file
                .diagnostic(self.record, field, severity, message, hint);
            self.found.shown.push(d);
        }
    }

    /// Whether the line is a sound CSV record of the file's shape.
    fn structure(&mut self, columns: usize) -> bool {
        let record = self.record;
        if let Some(problem) = &record.problem {
            self.report(Severity::Error, None, &|| structural(problem, record));
            return false;
        }
        if record.len() > columns {
            let n = record.len();
            self.report(Severity::Error, Some(Column::Other(columns)), &|| {
                (
                    format!("this line has {n} fields, but the header names {columns} columns"),
                    "a delimiter inside a value? Put the value in quotes (\"1,5\"), or use a decimal point".to_string(),
                )
            });
            return false;
        }
        let mut sound = true;
        for &i in record.multiline_fields() {
            let column = self.columns.column(i);
            if matches!(column, Column::Note | Column::Other(_)) {
                continue;
            }
            self.report(Severity::Error, Some(column), &|| {
                (
                    format!("the `{}` value goes over more than one line", column.name()),
                    "a quote may be missing: only a note may hold line breaks".to_string(),
                )
            });
            sound = false;
        }
        sound
    }

    /// Checks the line's values; the activity when nothing in it is an error.
    fn activity(&mut self, rules: &Rules<'_>) -> Option<Activity<'static>> {
        let (record, c) = (self.record, self.columns);
        let thorough = rules.today.is_some();
        let mut sound = true;
        if thorough {
            sound &= self.text();
        }
        let fields = Fields {
            date: c.get(record, Some(Column::Date)),
            promise: c.get(record, Some(Column::Promise)),
            count: c.get(record, Some(Column::Count)),
            by: &self.file.utf8(c.get(record, Some(Column::By))),
            note: &self.file.utf8(c.get(record, Some(Column::Note))),
            place: &self.file.utf8(c.get(record, Some(Column::Place))),
            cut_short: record.len() <= c.promise,
            place_column: c.place.is_some(),
        };
        let activity = rules.check(&fields, &mut |severity, column, describe| {
            self.report(severity, Some(column), describe)
        });
        activity.filter(|_| sound)
    }

    /// `check` only: NUL bytes, text that is not UTF-8, and free text in the
    /// file's own columns.
    fn text(&mut self) -> bool {
        let record = self.record;
        let mut sound = true;
        if let Some(i) = record.iter().position(|f| f.contains(&0)) {
            let column = self.columns.column(i);
            self.report(Severity::Error, Some(column), &|| {
                (
                    "a NUL byte in this field".to_string(),
                    "remove it; the ledger is plain text".to_string(),
                )
            });
            sound = false;
        }
        if self.file.encoding == Encoding::Utf8 && std::str::from_utf8(&record.raw).is_err() {
            self.report(Severity::Warning, None, &|| {
                (
                    "this line is not UTF-8 text, unlike the rest of the file".to_string(),
                    "save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet)".to_string(),
                )
            });
        }
        for i in 0..record.len() {
            if let Column::Other(i) = self.columns.column(i) {
                let value = self.file.utf8(record.get(i).unwrap_or_default());
                let name = self.names.get(i).map_or("", String::as_str);
                sound &= free_text(Column::Other(i), name, &value, &mut |s, c, d| {
                    self.report(s, Some(c), d)
                });
            }
        }
        sound
    }
}

/// The diagnostics of one file: the first few shown, the rest counted.
struct Findings {
    path: std::path::PathBuf,
    shown: Vec<Diagnostic>,
    lines: u64,
    errors: u64,
    warnings: u64,
}

impl Findings {
    fn new(path: &Path) -> Findings {
        Findings {
            path: path.to_path_buf(),
            shown: Vec::new(),
            lines: 0,
            errors: 0,
            warnings: 0,
        }
    }

    /// Counts a problem; whether it is to be shown.
    fn counts(&mut self, severity: Severity) -> bool {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.shown.len() < SHOWN_PER_FILE
    }

    fn push(&mut self, d: Diagnostic) {
        if self.counts(d.severity) {
            self.shown.push(d);
        }
    }

    fn finish(mut self) -> FileReport {
        let shown = |s: Severity| self.shown.iter().filter(|d| d.severity == s).count() as u64;
        let hidden_errors = self.errors - shown(Severity::Error);
        let hidden_warnings = self.warnings - shown(Severity::Warning);
        let hidden = hidden_errors + hidden_warnings;
        if hidden > 0 {
            let severity = if hidden_errors > 0 {
                Severity::Error
            } else {
                Severity::Warning
            };
            self.shown.push(Diagnostic {
                severity,
                ..Diagnostic::error(
                    &self.path,
                    format!(
                        "{hidden} more problem(s) in this file are not shown ({hidden_errors} error(s), {hidden_warnings} warning(s))"
                    ),
                    "fix the ones shown and run `medlofte check` again",
                )
            });
        }
        FileReport {
            diagnostics: self.shown,
            lines: self.lines,
            errors: self.errors,
            warnings: self.warnings,
        }
    }
}

/// Bytes shown on each side of the spot of a long line.
const EXCERPT: usize = 80;

/// Points `d` at `range` of one physical line (bytes as in the file). A long line
/// is cut to a window around the spot, so a huge line costs no more to show than
/// a short one.
fn excerpt(
    mut d: Diagnostic,
    line: &[u8],
    encoding: Encoding,
    line_no: u64,
    range: std::ops::Range<usize>,
) -> Diagnostic {
    let at = range.start.min(line.len());
    let end = range.end.clamp(at, line.len());
    let boundary = |mut i: usize| {
        while encoding == Encoding::Utf8 && i > 0 && i < line.len() && line[i] & 0xc0 == 0x80 {
            i -= 1;
        }
        i
    };
    let chars = |bytes: &[u8]| match encoding {
        Encoding::Utf8 => bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count(),
        Encoding::Windows1252 => bytes.len(),
    };
    let from = boundary(at.saturating_sub(EXCERPT));
    let to = boundary((at + EXCERPT).min(line.len()));
    let (head, cut_before) = if from > 0 {
        ("\u{2026}", chars(&line[..from]))
    } else {
        ("", 0)
    };
    let tail = if to < line.len() { "\u{2026}" } else { "" };
    let before = encoding.decode(&line[from..at]);
    let spot = encoding.decode(&line[at..end.min(to).max(at)]);
    let after = encoding.decode(&line[end.min(to).max(at)..to]);
    let text = format!("{head}{before}{spot}{after}{tail}");
    let start = head.len() + before.len();
    let line_no = usize::try_from(line_no).unwrap_or(usize::MAX);
    d = d.at(&text, line_no, start..start + spot.len());
    // The column is the spot's in the whole line, not in the window.
    d.shift = cut_before.saturating_sub(1);
    d.col += d.shift;
    d
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

    #[test]
    fn field_widths_respect_quotes() {
        assert_eq!(field_width(b"\"a, b\",3", b','), 6);
        assert_eq!(field_width(b"3", b','), 1);
    }
}
