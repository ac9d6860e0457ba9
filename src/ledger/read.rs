//! Reading a ledger file as a stream of activities, with every problem located.

use super::{Activity, HEADER, Layout, parse_date};
use crate::amount::{Amount, AmountError};
use crate::encoding::Encoding;
use crate::error::{Diagnostic, Severity, suggestion};
use crate::model::{Agreement, Promise, Rule};
use crate::privacy;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// How closely lines are looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scrutiny {
    /// What the figures depend on: dates, promises, counts and places. Enough for
    /// `status`, `report` and `log`, and the fast path.
    Figures,
    /// Everything `check` reports besides: notes (personal numbers, formulas, NUL
    /// bytes), parties, encodings, dates outside the term or after `today`.
    Everything { today: NaiveDate },
}

/// What reading one file produced besides activities.
pub struct FileReport {
    pub diagnostics: Vec<Diagnostic>,
    pub lines: u64,
}

/// A problem found on one ledger line, before its text is fetched for display.
struct Issue {
    severity: Severity,
    offset: u64,
    field: Option<usize>,
    message: String,
    hint: String,
    /// Hide personal numbers when the line is shown.
    redact: bool,
}

/// The columns of one file and what the lines are checked against.
struct Columns {
    date: usize,
    promise: usize,
    count: Option<usize>,
    by: Option<usize>,
    note: Option<usize>,
    place: Option<usize>,
}

/// Streams every activity of `path` into `sink`, one record buffer reused for all
/// lines. Problems come back as diagnostics (errors and warnings); a line with an
/// error is not passed on.
pub fn read_file(
    path: &Path,
    agreement: &Agreement,
    scrutiny: Scrutiny,
    sink: &mut dyn FnMut(Activity<'_>),
) -> FileReport {
    let fail = |message: String, hint: &str| FileReport {
        diagnostics: vec![Diagnostic::error(path, message, hint)],
        lines: 0,
    };
    if path.is_dir() {
        return fail(
            "is a folder, not a ledger file".to_string(),
            "rename it so that it does not end in .csv, or move it out of ledger/",
        );
    }
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return fail(
                format!("cannot read: {e}"),
                "check that the file exists and that you may read it",
            );
        }
    };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let head = match reader.fill_buf() {
        Ok(head) => head,
        Err(e) => {
            return fail(
                format!("cannot read: {e}"),
                "check that you may read the file",
            );
        }
    };
    if head.is_empty() {
        return FileReport {
            diagnostics: Vec::new(),
            lines: 0,
        };
    }
    let layout = Layout::sniff(head);
    let encoding = Encoding::sniff(head);
    let mut issues = Vec::new();
    if encoding == Encoding::Windows1252 && scrutiny != Scrutiny::Figures {
        issues.push(Issue {
            severity: Severity::Warning,
            offset: 0,
            field: None,
            message:
                "the file is Windows-1252, not UTF-8; it is read as such, and `log` keeps it so"
                    .to_string(),
            hint: "save it as \"CSV UTF-8\" from the spreadsheet when you can".to_string(),
            redact: false,
        });
    }
    let (Some(date), Some(promise)) = (layout.column("date"), layout.column("promise")) else {
        let missing: Vec<&str> = ["date", "promise"]
            .into_iter()
            .filter(|c| layout.column(c).is_none())
            .collect();
        let text = encoding.decode(head);
        let end = text.find('\n').unwrap_or(text.len());
        let example = HEADER[..5].join(&(layout.delimiter as char).to_string());
        let d = Diagnostic::error(
            path,
            format!("the header has no `{}` column", missing.join("` or `")),
            format!("the first line must name the columns, e.g. {example}"),
        );
        return FileReport {
            diagnostics: vec![d.at(&text, 1, 0..end)],
            lines: 0,
        };
    };
    let columns = Columns {
        date,
        promise,
        count: layout.column("count"),
        by: layout.column("by"),
        note: layout.column("note"),
        place: layout.column("place"),
    };
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(layout.delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    let mut lines = 0;
    let checker = Checker {
        agreement,
        scrutiny,
        columns: &columns,
        encoding,
        comma_decimal: layout.delimiter == b';',
        ids: agreement.promises.iter().map(|p| p.id.as_bytes()).collect(),
        last_date: std::cell::Cell::new(None),
    };
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                issues.push(Issue {
                    severity: Severity::Error,
                    offset: e.position().map_or(0, |p| p.byte()),
                    field: None,
                    message: format!("cannot read this line: {e}"),
                    hint: "check the file; nothing after this line was read".to_string(),
                    redact: false,
                });
                break;
            }
        }
        lines += 1;
        let offset = record.position().map_or(0, |p| p.byte());
        let mut report = |severity, field, message: String, hint: String, redact| {
            issues.push(Issue {
                severity,
                offset,
                field,
                message,
                hint,
                redact,
            });
        };
        if let Some(activity) = checker.line(&record, &mut report) {
            let place = checker.utf8(field_of(&record, columns.place));
            let by = checker.utf8(field_of(&record, columns.by));
            let note = checker.utf8(field_of(&record, columns.note));
            sink(Activity {
                place: &place,
                by: &by,
                note: &note,
                ..activity
            });
        }
    }
    FileReport {
        diagnostics: attach_lines(path, &layout, encoding, issues),
        lines,
    }
}

type Report<'a> = dyn FnMut(Severity, Option<usize>, String, String, bool) + 'a;

/// Field `i` without surrounding spaces; empty when the line has no such field.
fn field_of(record: &csv::ByteRecord, i: Option<usize>) -> &[u8] {
    i.and_then(|i| record.get(i))
        .map_or(&b""[..], <[u8]>::trim_ascii)
}

struct Checker<'a> {
    agreement: &'a Agreement,
    scrutiny: Scrutiny,
    columns: &'a Columns,
    encoding: Encoding,
    comma_decimal: bool,
    ids: Vec<&'a [u8]>,
    /// The last date parsed: a ledger holds runs of lines from the same day.
    last_date: std::cell::Cell<Option<([u8; 10], NaiveDate)>>,
}

impl Checker<'_> {
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

    /// A field's text, for messages.
    fn text(&self, raw: &[u8]) -> String {
        self.encoding.decode(raw)
    }

    /// Checks one line; the activity (its place filled in by the caller) when the
    /// line is sound. Every problem goes to `report`.
    fn line(&self, record: &csv::ByteRecord, report: &mut Report<'_>) -> Option<Activity<'static>> {
        let c = self.columns;
        if record.iter().all(|f| f.trim_ascii().is_empty()) {
            return None;
        }
        let field = |i: Option<usize>| field_of(record, i);
        let thorough = self.scrutiny != Scrutiny::Figures;
        let mut sound = true;
        if thorough
            && self.encoding == Encoding::Utf8
            && std::str::from_utf8(record.as_slice()).is_err()
        {
            report(
                Severity::Warning,
                None,
                "this line is not UTF-8 text, unlike the rest of the file".to_string(),
                "save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet)".to_string(),
                false,
            );
        }
        if thorough && record.as_slice().contains(&0) {
            let i = record.iter().position(|f| f.contains(&0));
            report(
                Severity::Error,
                i,
                "a NUL byte in this field".to_string(),
                "remove it; the ledger is plain text".to_string(),
                false,
            );
            sound = false;
        }
        let date = match self.date(field(Some(c.date))) {
            Ok(d) => Some(d),
            Err(why) => {
                report(
                    Severity::Error,
                    Some(c.date),
                    format!("bad date: {why}"),
                    "write the date as YYYY-MM-DD, e.g. 2019-03-14".to_string(),
                    false,
                );
                None
            }
        };
        let promise = self.promise(record, field(Some(c.promise)), report);
        let p = promise.map(|i| &self.agreement.promises[i]);
        let amount = match field(c.count) {
            b"" => Some(Amount::ONE),
            raw => match check_count(raw, self.comma_decimal, p.and_then(|p| p.unit.as_deref())) {
                Ok(a) => Some(a),
                Err((message, hint)) => {
                    report(Severity::Error, c.count, message, hint, false);
                    None
                }
            },
        };
        if let Some(p) = p {
            sound &= self.place(p, record, &self.utf8(field(c.place)), report);
        }
        if let Scrutiny::Everything { today } = self.scrutiny {
            self.by(&self.utf8(field(c.by)), report);
            sound &= self.note(field(c.note), report);
            if let (Some(date), Some(p)) = (date, p) {
                self.dates(date, today, p, report);
            }
        }
        let (Some(date), Some(promise), Some(amount), true) = (date, promise, amount, sound) else {
            return None;
        };
        Some(Activity {
            date,
            promise,
            amount,
            place: b"",
            by: b"",
            note: b"",
        })
    }

    fn date(&self, raw: &[u8]) -> Result<NaiveDate, String> {
        let key = <[u8; 10]>::try_from(raw).ok();
        if let (Some(key), Some((last, date))) = (key, self.last_date.get())
            && key == last
        {
            return Ok(date);
        }
        let date = parse_date(raw)?;
        if let Some(key) = key {
            self.last_date.set(Some((key, date)));
        }
        Ok(date)
    }

    fn promise(
        &self,
        record: &csv::ByteRecord,
        id: &[u8],
        report: &mut Report<'_>,
    ) -> Option<usize> {
        // Ids are few: a linear scan over byte slices beats hashing here.
        if let Some(i) = self.ids.iter().position(|known| *known == id) {
            return Some(i);
        }
        let all = || self.agreement.ids().collect::<Vec<_>>().join(", ");
        let (message, hint) = if record.len() <= self.columns.promise {
            (
                "the line ends before its `promise` column".to_string(),
                "the line may be cut off: complete it or remove it".to_string(),
            )
        } else if id.is_empty() {
            (
                "no promise named".to_string(),
                format!("write one of: {}", all()),
            )
        } else {
            let id = self.text(id);
            let hint = suggestion(&id, self.agreement.ids(), || {
                format!("use an id from promises.toml: {}", all())
            });
            (format!("unknown promise \"{id}\""), hint)
        };
        report(
            Severity::Error,
            Some(self.columns.promise),
            message,
            hint,
            false,
        );
        None
    }

    /// A promise kept per place needs one of its places; other promises keep a
    /// place as a note.
    fn place(
        &self,
        p: &Promise,
        record: &csv::ByteRecord,
        place: &[u8],
        report: &mut Report<'_>,
    ) -> bool {
        if p.each.is_empty() || p.each.iter().any(|e| e.as_bytes() == place) {
            return true;
        }
        let places = p.each.join(", ");
        let place = String::from_utf8_lossy(place);
        if place.is_empty() {
            let at = self.columns.place.or(Some(record.len()));
            let hint = match self.columns.place {
                Some(_) => format!("name one of: {places}"),
                None => format!("add a `place` column to the header and name one of: {places}"),
            };
            report(
                Severity::Error,
                at,
                format!("\"{}\" is kept per place, but this line names none", p.id),
                hint,
                false,
            );
        } else {
            let hint = suggestion(&place, p.each.iter().map(String::as_str), || {
                format!("use one of: {places}")
            });
            report(
                Severity::Error,
                self.columns.place,
                format!(
                    "place \"{place}\" is not in the `each` list of \"{}\"",
                    p.id
                ),
                hint,
                false,
            );
        }
        false
    }

    fn by(&self, by: &[u8], report: &mut Report<'_>) {
        let parties = &self.agreement.parties;
        if by.is_empty() || parties.is_empty() || parties.iter().any(|p| p.as_bytes() == by) {
            return;
        }
        let by = String::from_utf8_lossy(by);
        let hint = suggestion(&by, parties.iter().map(String::as_str), || {
            format!("parties are: {}", parties.join(", "))
        });
        report(
            Severity::Warning,
            self.columns.by,
            format!("\"{by}\" is not one of the agreement's parties"),
            hint,
            false,
        );
    }

    /// Notes must not identify people; a formula-like note is only flagged.
    fn note(&self, note: &[u8], report: &mut Report<'_>) -> bool {
        if privacy::personal_number(note).is_some() {
            report(
                Severity::Error,
                self.columns.note,
                "the note holds what looks like a personal identity number".to_string(),
                "notes must not identify people: remove the number from the line".to_string(),
                true,
            );
            return false;
        }
        if privacy::formula_like(note) {
            report(
                Severity::Warning,
                self.columns.note,
                "the note starts with = + - or @, which a spreadsheet runs as a formula"
                    .to_string(),
                "start it with a letter or a space, or put a ' in front".to_string(),
                false,
            );
        }
        true
    }

    fn dates(&self, date: NaiveDate, today: NaiveDate, p: &Promise, report: &mut Report<'_>) {
        if date > today {
            report(
                Severity::Warning,
                Some(self.columns.date),
                format!("dated {date}, after today"),
                "check the date; it counts once its day has come".to_string(),
                false,
            );
        }
        let deadline = matches!(p.rule, Rule::Deadline(_));
        let inside =
            date >= p.term.start && p.counts_until().is_none_or(|end| date <= end || deadline);
        if !inside {
            let end = p.term.end.map_or(String::new(), |e| e.to_string());
            report(
                Severity::Warning,
                Some(self.columns.date),
                format!(
                    "{date} is outside the term of \"{}\" ({}..{end}), so it counts nowhere",
                    p.id, p.term.start
                ),
                "check the date or the promise".to_string(),
                false,
            );
        }
    }
}

/// A count must be a positive whole number, or a positive amount for a promise
/// with a unit.
fn check_count(
    raw: &[u8],
    comma_decimal: bool,
    unit: Option<&str>,
) -> Result<Amount, (String, String)> {
    let parsed = Amount::parse(raw, comma_decimal);
    // The hot path: a plain count, with no message built.
    if let Ok(a) = parsed
        && a.is_positive()
        && (unit.is_some() || a.is_whole())
    {
        return Ok(a);
    }
    let text = String::from_utf8_lossy(raw);
    let whole_hint = "write a whole number of activities, 1 or more (empty means 1)".to_string();
    match parsed {
        Ok(a) if !a.is_positive() => Err((
            format!("count {text} is not positive"),
            match unit {
                Some(u) => format!("write the amount of {u} done, more than 0"),
                None => whole_hint,
            },
        )),
        Ok(a) if unit.is_none() && !a.is_whole() => Err((
            format!("count {text} is not a whole number"),
            format!("{whole_hint}; decimals need `unit` on the promise"),
        )),
        Ok(a) => Ok(a),
        Err(AmountError::TooManyDecimals) => Err((
            format!("count {text} has more than 6 decimals"),
            "round it to at most 6 decimals".to_string(),
        )),
        Err(_) => Err((
            format!("count \"{text}\" is not a number"),
            match (unit, comma_decimal) {
                (Some(_), true) => "write an amount such as 2 or 1,5".to_string(),
                (Some(_), false) => "write an amount such as 2 or 1.5".to_string(),
                (None, _) => whole_hint,
            },
        )),
    }
}

/// Turns issues into diagnostics, reading the file once more to show each line.
fn attach_lines(
    path: &Path,
    layout: &Layout,
    encoding: Encoding,
    issues: Vec<Issue>,
) -> Vec<Diagnostic> {
    if issues.is_empty() {
        return Vec::new();
    }
    let bytes = std::fs::read(path).unwrap_or_default();
    let mut line_no = 1;
    let mut counted_to = 0usize;
    issues
        .into_iter()
        .map(|issue| {
            let start = (issue.offset as usize).min(bytes.len());
            // Issues come in file order, so lines are counted incrementally.
            if start < counted_to {
                (line_no, counted_to) = (1, 0);
            }
            line_no += bytes[counted_to..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = start;
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| start + i);
            let raw = bytes[start..end]
                .strip_prefix(b"\xef\xbb\xbf")
                .unwrap_or(&bytes[start..end]);
            let mut line = encoding.decode(raw);
            let range = issue
                .field
                .map_or(0..line.len(), |f| field_range(&line, layout.delimiter, f));
            if issue.redact {
                while let Some(r) = privacy::personal_number(line.as_bytes()) {
                    line = privacy::mask(&line, r);
                }
            }
            Diagnostic {
                severity: issue.severity,
                ..Diagnostic::error(path, issue.message, issue.hint)
            }
            .at(&line, line_no, range)
        })
        .collect()
}

/// Byte range of field `index` in one CSV line, respecting quotes; past the end
/// of the line when the line has fewer fields.
pub fn field_range(line: &str, delimiter: u8, index: usize) -> std::ops::Range<usize> {
    let mut field = 0;
    let mut start = 0;
    let mut quoted = false;
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            if field == index {
                return start..i;
            }
            field += 1;
            start = i + 1;
        }
    }
    let end = line.trim_end_matches('\r').len();
    if field == index {
        start.min(end)..end
    } else {
        end..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ranges_respect_quotes() {
        let line = "2019-01-01,\"a, b\",3";
        assert_eq!(&line[field_range(line, b',', 1)], "\"a, b\"");
        assert_eq!(&line[field_range(line, b',', 2)], "3");
        assert_eq!(field_range(line, b',', 5), line.len()..line.len());
    }
}
