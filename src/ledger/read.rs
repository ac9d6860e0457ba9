//! Reading a ledger file as a stream of activities, with every problem located.
//! Nothing is counted from a line that is not sound, and every line that is not
//! counted is named.

use super::csv::{HEAD, LEDGER_FILE, open};
use super::entry::{Column, Fields, Rules, free_text};
use super::findings::{FileText, Findings, Refusal, structural};
use super::header::{Columns, Opened, Source, open_past_header};
use super::plain::{Lane, Quick};
use super::scan::{Problem, Record};
use super::text;
use super::{Activity, Layout, Overflow, Stamp};
use crate::encoding::Encoding;
use crate::error::{Diagnostic, Severity};
use crate::model::Agreement;
use chrono::NaiveDate;
use std::io::Read;
use std::path::Path;

/// How closely lines are looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scrutiny<'a> {
    /// What the figures depend on: structure, dates, promises, counts and places.
    /// Enough for `status`, `report` and `log`, and the fast path. Activities
    /// come without their notes, which nothing counts.
    Figures,
    /// The figures, and each activity's note (`report --notes`).
    Notes,
    /// Everything `check` reports besides: free text (personal numbers, formulas,
    /// NUL bytes), parties, encodings, dates outside the term or after `today`.
    /// With `completed` (each promise's completion day, where known), lines that
    /// wait for a stage are named too.
    Everything {
        today: NaiveDate,
        completed: &'a [Option<NaiveDate>],
    },
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
    /// The file's stamp, when it was the same before and after the reading: the
    /// bytes read are the bytes of that stamp.
    pub stamp: Option<Stamp>,
}

impl FileReport {
    /// Whether reading found nothing at all to say.
    pub fn is_clean(&self) -> bool {
        self.errors == 0 && self.warnings == 0 && self.diagnostics.is_empty()
    }
}

/// Streams every activity of `path` into `sink`, one record buffer for all lines.
/// Problems come back as diagnostics; a line with an error is not passed on.
pub fn read_file(
    path: &Path,
    agreement: &Agreement,
    scrutiny: Scrutiny<'_>,
    sink: &mut dyn FnMut(Activity<'_>) -> Result<(), Overflow>,
) -> FileReport {
    read_with(path, agreement, scrutiny, true, sink)
}

/// [`read_file`], plain lines read in place (`lane`) or every line as a record:
/// the two must come to the same.
pub(super) fn read_with(
    path: &Path,
    agreement: &Agreement,
    scrutiny: Scrutiny<'_>,
    lane: bool,
    sink: &mut dyn FnMut(Activity<'_>) -> Result<(), Overflow>,
) -> FileReport {
    let mut found = Findings::new(path);
    let mut stamp = None;
    match open(path, LEDGER_FILE) {
        Err(d) => found.push(*d),
        Ok(file) => {
            let before = file.metadata().map(|m| Stamp::of(&m));
            let source: Source<'_> = Box::new(&file);
            let read = open_past_header(path, source).and_then(|opened| match opened {
                Some(mut opened) => {
                    read_records(&mut opened, agreement, scrutiny, lane, sink, &mut found)
                }
                None => Ok(()),
            });
            if let Err(d) = read {
                found.push(*d);
            }
            let after = file.metadata().map(|m| Stamp::of(&m));
            stamp = before.ok().filter(|b| after.ok().as_ref() == Some(b));
        }
    }
    let mut report = found.finish();
    report.stamp = stamp;
    report
}

/// Streams the activities of `written`, lines just appended to the ledger file
/// `path` whose start `head` reads, as a reading of the whole file would see them:
/// with the file's own header, delimiter and encoding, which come back too.
/// `written` must start where a line starts.
pub fn read_appended(
    path: &Path,
    mut start: impl Read,
    written: &[u8],
    agreement: &Agreement,
    sink: &mut dyn FnMut(Activity<'_>) -> Result<(), Overflow>,
) -> (FileReport, Option<(Layout, Encoding)>) {
    let mut found = Findings::new(path);
    let mut layout = None;
    // As much as a whole reading sniffs the encoding from: the header must lie in it.
    let head = match super::head(&mut start, HEAD) {
        Ok(head) => head,
        Err(e) => {
            found.push(cannot_read(path, 0, e));
            return (found.finish(), None);
        }
    };
    let source: Source<'_> = Box::new(&head[..]);
    match open_past_header(path, source) {
        Err(d) => found.push(*d),
        Ok(None) => {}
        Ok(Some(mut opened)) => {
            opened.rescan(written.to_vec());
            layout = Some((opened.layout.clone(), opened.file.encoding));
            let read = read_records(
                &mut opened,
                agreement,
                Scrutiny::Figures,
                true,
                sink,
                &mut found,
            );
            if let Err(d) = read {
                found.push(*d);
            }
        }
    }
    (found.finish(), layout)
}

/// Checks and streams every record after the header.
fn read_records(
    opened: &mut Opened<'_, Source<'_>>,
    agreement: &Agreement,
    scrutiny: Scrutiny<'_>,
    lane: bool,
    sink: &mut dyn FnMut(Activity<'_>) -> Result<(), Overflow>,
    found: &mut Findings,
) -> Result<(), Refusal> {
    let path = opened.file.path;
    let (today, completed) = match scrutiny {
        Scrutiny::Figures | Scrutiny::Notes => (None, &[][..]),
        Scrutiny::Everything { today, completed } => (Some(today), completed),
    };
    if opened.file.encoding == Encoding::Windows1252 && today.is_some() {
        found.push(opened.not_utf8());
    }
    opened.count_elsewhere(agreement).map_or(Ok(()), Err)?;
    let rules =
        Rules::new(agreement, opened.file.delimiter == b';', today).with_completions(completed);
    let Opened {
        scanner,
        record,
        file,
        layout,
        columns,
    } = opened;
    let width = layout.columns.len();
    let notes = scrutiny == Scrutiny::Notes;
    let mut lane = Lane::of(lane, &rules, file, columns, width, notes);
    loop {
        let mut overflow = None;
        if let Some(lane) = &mut lane {
            let quick = lane
                .next(scanner, sink)
                .map_err(|e| cannot_read(path, scanner.lines_read(), e))?;
            match quick {
                Quick::Counted => {
                    found.lines += 1;
                    continue;
                }
                Quick::Record => {}
                Quick::Overflow(p) => overflow = Some(p),
            }
        }
        let more = scanner.next_record(record);
        if !more.map_err(|e| cannot_read(path, scanner.lines_read(), e))? {
            return Ok(());
        }
        if record.is_blank() && record.problem.is_none() {
            continue;
        }
        found.lines += 1;
        let mut line = LineCheck {
            file,
            names: &layout.columns,
            record,
            columns,
            found,
        };
        match overflow {
            // Counted already, up to the sum that would overflow.
            Some(p) => line.overflowed(agreement, p),
            None if line.structure(width) => line.count(&rules, agreement, notes, sink),
            None => {}
        }
    }
}

/// A file that stopped being readable part of the way.
pub(crate) fn cannot_read(path: &Path, after: u64, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        path,
        format!("cannot read after line {after}: {e}"),
        "check the file and the disk; nothing after that line was read",
    )
}

/// The layout and encoding new lines must follow in the ledger file `file`, or
/// `None` when it has no header yet (empty, a byte-order mark, blank lines).
/// Refused when the reader would refuse its header, or when its last line leaves
/// a quote open (a new line would be part of it): not looked for in a `vouched` file.
pub fn appendable(
    path: &Path,
    file: &mut (impl Read + std::io::Seek),
    agreement: &Agreement,
    vouched: bool,
) -> Result<Option<(Layout, Encoding)>, Refusal> {
    file.seek(std::io::SeekFrom::Start(0))
        .map_err(|e| cannot_read(path, 0, e))?;
    let Some(mut opened) = open_past_header(path, &mut *file)? else {
        return Ok(None);
    };
    opened.count_elsewhere(agreement).map_or(Ok(()), Err)?;
    let record = &mut opened.record;
    let mut last_open = None;
    while !vouched
        && opened
            .scanner
            .next_record(record)
            .map_err(|e| cannot_read(path, record.line, e))?
    {
        last_open = match record.problem {
            Some(Problem::Unterminated { .. }) => Some(opened.file.diagnostic(
                record,
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
        None => Ok(Some((opened.layout, opened.file.encoding))),
    }
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

    /// Passes the line's activity to `sink` when the line is sound; a sum that
    /// would overflow is an error on this line.
    fn count(
        &mut self,
        rules: &Rules<'_>,
        agreement: &Agreement,
        notes: bool,
        sink: &mut dyn FnMut(Activity<'_>) -> Result<(), Overflow>,
    ) {
        let (file, record, columns) = (self.file, self.record, self.columns);
        let text = |c| file.utf8(columns.get(record, Some(c)));
        let (place, by) = (text(Column::Place), text(Column::By));
        // Only `check` looks at a note, and only `--notes` shows it.
        let note = match notes || rules.today.is_some() {
            true => text(Column::Note),
            false => Default::default(),
        };
        let Some(activity) = self.activity(rules, [&place, &by, &note]) else {
            return;
        };
        let activity = Activity {
            place: &place,
            by: &by,
            note: if notes { &note } else { b"" },
            ..activity
        };
        if let Err(Overflow(p)) = sink(activity) {
            self.overflowed(agreement, p);
        }
    }

    /// The sum of promise `p` would overflow with this line.
    fn overflowed(&mut self, agreement: &Agreement, p: usize) {
        let id = agreement.ids().nth(p).unwrap_or("?");
        self.report(Severity::Error, Some(Column::Count), &|| {
            (
                format!(
                    "with this line, the sum of \"{id}\" grows past what can be counted exactly"
                ),
                "check the counts: no real ledger holds that many".to_string(),
            )
        });
    }

    /// Checks the line's values (`place`, `by` and `note` already as UTF-8); the
    /// activity when nothing in it is an error.
    fn activity(
        &mut self,
        rules: &Rules<'_>,
        [place, by, note]: [&[u8]; 3],
    ) -> Option<Activity<'static>> {
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
            by,
            note,
            place,
            cut_short: record.len() <= c.promise,
            place_column: c.place.is_some(),
        };
        let activity = rules.check(&fields, &mut |severity, column, describe| {
            self.report(severity, Some(column), describe)
        });
        activity.filter(|_| sound)
    }

    /// `check` only: NUL bytes, text that is not UTF-8, and free text in the
    /// file's own columns. Out of line, so that it weighs nothing on the loop
    /// of the commands that do not ask for it.
    #[inline(never)]
    fn text(&mut self) -> bool {
        let record = self.record;
        let mut sound = true;
        let bytes = text::look(&record.raw);
        // A field's bytes are bytes of the line (unquoting adds none): fields
        // are looked at only when the line holds a NUL.
        let nul = bytes
            .nul
            .then(|| record.iter().position(|f| f.contains(&0)));
        if let Some(i) = nul.flatten() {
            let column = self.columns.column(i);
            self.report(Severity::Error, Some(column), &|| {
                (
                    "a NUL byte in this field".to_string(),
                    "remove it; the ledger is plain text".to_string(),
                )
            });
            sound = false;
        }
        if self.file.encoding == Encoding::Utf8 && !bytes.utf8 {
            self.report(Severity::Warning, None, &|| {
                (
                    "this line is not UTF-8 text, unlike the rest of the file".to_string(),
                    "save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet)".to_string(),
                )
            });
        }
        let others = self.columns.others.iter();
        for &i in others.take_while(|&&i| i < record.len()) {
            let value = self.file.utf8(record.get(i).unwrap_or_default());
            let name = self.names.get(i).map_or("", String::as_str);
            sound &= free_text(Column::Other(i), name, &value, &mut |s, c, d| {
                self.report(s, Some(c), d)
            });
        }
        sound
    }
}
