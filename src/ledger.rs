//! ledger/*.csv: reading as a stream of activities, and appending one line.

use crate::amount::{Amount, AmountError};
use crate::error::{Diagnostic, Error, Result, Severity, suggestion};
use crate::model::{Agreement, Rule};
use chrono::NaiveDate;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Columns every ledger file needs, and the ones it may have.
pub const HEADER: [&str; 6] = ["date", "promise", "count", "by", "note", "place"];

/// One ledger line, as the reader hands it on.
#[derive(Debug, Clone, Copy)]
pub struct Activity<'r> {
    pub date: NaiveDate,
    pub promise: usize,
    pub amount: Amount,
    /// The `place` column, raw (validated against the promise's `each` list).
    pub place: &'r [u8],
}

/// Parses `YYYY-MM-DD` exactly, without allocating.
pub fn parse_date(text: &[u8]) -> std::result::Result<NaiveDate, String> {
    let t = text.trim_ascii();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        t.get(r)?.iter().try_fold(0u32, |acc, b| {
            b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
        })
    };
    let shape_ok = t.len() == 10 && t[4] == b'-' && t[7] == b'-';
    match (shape_ok, digits(0..4), digits(5..7), digits(8..10)) {
        (true, Some(y), Some(m), Some(d)) => {
            NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| {
                format!(
                    "{} is not a day in the calendar",
                    String::from_utf8_lossy(t)
                )
            })
        }
        _ if t.len() > 10 && parse_date(&t[..10]).is_ok() => {
            Err("it has a time part; only the day is recorded".to_string())
        }
        _ if t.is_empty() => Err("the date is empty".to_string()),
        _ => Err(format!(
            "\"{}\" is not written YYYY-MM-DD",
            String::from_utf8_lossy(t)
        )),
    }
}

/// How a ledger file is written, so that appending keeps it one consistent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub delimiter: u8,
    pub crlf: bool,
    /// Lower-cased header names, in the file's order.
    pub columns: Vec<String>,
}

impl Layout {
    pub fn fresh(with_place: bool) -> Layout {
        let n = if with_place { 6 } else { 5 };
        Layout {
            delimiter: b',',
            crlf: false,
            columns: HEADER[..n].iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Reads the layout from the start of a file (its first line).
    pub fn sniff(head: &[u8]) -> Layout {
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let line_end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
        let line = &head[..line_end];
        let crlf = line.last() == Some(&b'\r');
        let count = |c: u8| line.iter().filter(|&&b| b == c).count();
        let delimiter = if count(b';') > count(b',') {
            b';'
        } else {
            b','
        };
        let columns = line
            .trim_ascii_end()
            .split(|&b| b == delimiter)
            .map(|f| {
                String::from_utf8_lossy(f)
                    .trim()
                    .trim_matches('"')
                    .trim()
                    .to_lowercase()
            })
            .collect();
        Layout {
            delimiter,
            crlf,
            columns,
        }
    }

    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

/// A problem found on one ledger line, before its text is fetched for display.
struct Issue {
    severity: Severity,
    offset: u64,
    field: Option<usize>,
    message: String,
    hint: String,
}

/// What reading one file produced besides activities.
pub struct FileReport {
    pub diagnostics: Vec<Diagnostic>,
    pub lines: u64,
}

/// Streams every activity of `path` into `sink`, one record buffer reused for all
/// lines. Problems are returned as diagnostics (errors and warnings); lines with
/// errors are not passed on.
pub fn read_file(
    path: &Path,
    agreement: &Agreement,
    today: NaiveDate,
    sink: &mut dyn FnMut(Activity<'_>),
) -> FileReport {
    let fail = |message: String, hint: &str| FileReport {
        diagnostics: vec![Diagnostic::error(path, message, hint)],
        lines: 0,
    };
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
        Err(e) if e.raw_os_error() == Some(21) => {
            return fail(
                "is a folder, not a ledger file".to_string(),
                "rename it so it does not end in .csv, or move it out of ledger/",
            );
        }
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
    let comma_decimal = layout.delimiter == b';';
    let (Some(c_date), Some(c_promise)) = (layout.column("date"), layout.column("promise")) else {
        let missing: Vec<&str> = ["date", "promise"]
            .into_iter()
            .filter(|c| layout.column(c).is_none())
            .collect();
        let text = String::from_utf8_lossy(head).into_owned();
        let end = text.find('\n').unwrap_or(text.len());
        return FileReport {
            diagnostics: vec![
                Diagnostic::error(
                    path,
                    format!("the header has no `{}` column", missing.join("` or `")),
                    format!(
                        "the first line must name the columns, e.g. {}",
                        HEADER[..5].join(&(layout.delimiter as char).to_string())
                    ),
                )
                .at(&text, 1, 0..end),
            ],
            lines: 0,
        };
    };
    let c_count = layout.column("count");
    let c_place = layout.column("place");
    let c_by = layout.column("by");
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(layout.delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    let mut issues = Vec::new();
    let mut lines = 0;
    // Ids are few: a linear scan over byte slices beats hashing here.
    let ids: Vec<&[u8]> = agreement.promises.iter().map(|p| p.id.as_bytes()).collect();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let offset = e.position().map_or(0, |p| p.byte());
                issues.push(Issue {
                    severity: Severity::Error,
                    offset,
                    field: None,
                    message: format!("cannot read this line: {e}"),
                    hint: "check its quotes: a quote opened in a field must be closed".to_string(),
                });
                if e.is_io_error() {
                    break;
                }
                continue;
            }
        }
        lines += 1;
        let offset = record.position().map_or(0, |p| p.byte());
        let mut issue = |severity, field, message: String, hint: String| {
            issues.push(Issue {
                severity,
                offset,
                field,
                message,
                hint,
            });
        };
        if record.iter().all(|f| f.trim_ascii().is_empty()) {
            continue;
        }
        let field = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map_or(&b""[..], <[u8]>::trim_ascii)
        };
        let date = match parse_date(field(Some(c_date))) {
            Ok(d) => Some(d),
            Err(why) => {
                issue(
                    Severity::Error,
                    Some(c_date),
                    format!("bad date: {why}"),
                    "write the date as YYYY-MM-DD, e.g. 2019-03-14".to_string(),
                );
                None
            }
        };
        let id = field(Some(c_promise));
        let promise = match ids.iter().position(|known| *known == id) {
            Some(p) => Some(p),
            None => {
                let id = String::from_utf8_lossy(id);
                let (message, hint) = if record.len() <= c_promise {
                    (
                        "the line ends before its `promise` column".to_string(),
                        "the line may be cut off: complete it or remove it".to_string(),
                    )
                } else if id.is_empty() {
                    (
                        "no promise named".to_string(),
                        format!(
                            "write one of: {}",
                            agreement.ids().collect::<Vec<_>>().join(", ")
                        ),
                    )
                } else {
                    let s = suggestion(&id, agreement.ids());
                    (
                        format!("unknown promise \"{id}\""),
                        if s.is_empty() {
                            format!(
                                "use an id from promises.toml: {}",
                                agreement.ids().collect::<Vec<_>>().join(", ")
                            )
                        } else {
                            s
                        },
                    )
                };
                issue(Severity::Error, Some(c_promise), message, hint);
                None
            }
        };
        let unit = promise.and_then(|p| agreement.promises[p].unit.as_deref());
        let raw_count = field(c_count);
        let amount = if raw_count.is_empty() {
            Some(Amount::ONE)
        } else {
            match check_count(raw_count, comma_decimal, unit) {
                Ok(a) => Some(a),
                Err((message, hint)) => {
                    issue(Severity::Error, c_count, message, hint);
                    None
                }
            }
        };
        let place = field(c_place);
        if let Some(p) = promise {
            let each = &agreement.promises[p].each;
            if !each.is_empty() {
                let name = String::from_utf8_lossy(place);
                if place.is_empty() {
                    let hint = format!("add a `place` column and name one of: {}", each.join(", "));
                    issue(
                        Severity::Error,
                        c_place.or(Some(record.len())),
                        format!(
                            "promise \"{}\" is kept per place, but this line names none",
                            agreement.promises[p].id
                        ),
                        hint,
                    );
                } else if !each.iter().any(|e| e.as_bytes() == place) {
                    let s = suggestion(&name, each.iter().map(String::as_str));
                    let hint = if s.is_empty() {
                        format!("use one of: {}", each.join(", "))
                    } else {
                        s
                    };
                    issue(
                        Severity::Error,
                        c_place,
                        format!(
                            "place \"{name}\" is not in the `each` list of \"{}\"",
                            agreement.promises[p].id
                        ),
                        hint,
                    );
                }
            }
        }
        if let Some(c_by) = c_by
            && !agreement.parties.is_empty()
        {
            let by = field(Some(c_by));
            if !by.is_empty() && !agreement.parties.iter().any(|party| party.as_bytes() == by) {
                let by = String::from_utf8_lossy(by);
                let s = suggestion(&by, agreement.parties.iter().map(String::as_str));
                let hint = if s.is_empty() {
                    format!("parties are: {}", agreement.parties.join(", "))
                } else {
                    s
                };
                issue(
                    Severity::Warning,
                    Some(c_by),
                    format!("\"{by}\" is not one of the agreement's parties"),
                    hint,
                );
            }
        }
        let (Some(date), Some(promise), Some(amount)) = (date, promise, amount) else {
            continue;
        };
        if date > today {
            issue(
                Severity::Warning,
                Some(c_date),
                format!("dated {date}, after today"),
                "check the date; it counts only once its day has come".to_string(),
            );
        }
        let p = &agreement.promises[promise];
        let inside = date >= p.term.start
            && p.counts_until()
                .is_none_or(|end| date <= end || matches!(p.rule, Rule::Deadline(_)));
        if !inside {
            issue(
                Severity::Warning,
                Some(c_date),
                format!(
                    "{date} is outside the term of \"{}\" ({}..{}), so it counts nowhere",
                    p.id,
                    p.term.start,
                    p.term.end.map_or(String::new(), |e| e.to_string())
                ),
                "check the date or the promise".to_string(),
            );
        }
        if !agreement.promises[promise].each.is_empty()
            && !agreement.promises[promise]
                .each
                .iter()
                .any(|e| e.as_bytes() == place)
        {
            continue;
        }
        sink(Activity {
            date,
            promise,
            amount,
            place,
        });
    }
    FileReport {
        diagnostics: attach_lines(path, &layout, issues),
        lines,
    }
}

/// A count must be a positive whole number, or a positive amount for a promise
/// with a unit.
fn check_count(
    raw: &[u8],
    comma_decimal: bool,
    unit: Option<&str>,
) -> std::result::Result<Amount, (String, String)> {
    let text = String::from_utf8_lossy(raw);
    let whole_hint = "write a whole number of activities, 1 or more (empty means 1)".to_string();
    match Amount::parse(raw, comma_decimal) {
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
fn attach_lines(path: &Path, layout: &Layout, issues: Vec<Issue>) -> Vec<Diagnostic> {
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
            // Issues come in file order, so line numbers are counted incrementally.
            if start >= counted_to {
                line_no += bytes[counted_to..start]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
            } else {
                line_no = 1 + bytes[..start].iter().filter(|&&b| b == b'\n').count();
            }
            counted_to = start;
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| start + i);
            let line = String::from_utf8_lossy(&bytes[start..end]).into_owned();
            let line = line
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(line);
            let range = issue
                .field
                .map_or(0..line.len(), |f| field_range(&line, layout.delimiter, f));
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
    let bytes = line.as_bytes();
    let mut field = 0;
    let mut start = 0;
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate() {
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

/// The `*.csv` files of a ledger folder, sorted by name; none when it is missing.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Error::file(
                dir,
                format!("cannot list the ledger folder: {e}"),
                "check that it is a folder you may read",
            ));
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads at most `limit` bytes from the start of a file.
pub fn head(file: &mut File, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    file.take(limit).read_to_end(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_exact() {
        assert_eq!(
            parse_date(b"2020-02-29"),
            Ok(NaiveDate::from_ymd_opt(2020, 2, 29).unwrap())
        );
        assert!(parse_date(b"2019-02-29").unwrap_err().contains("not a day"));
        assert!(parse_date(b"2019-02-30").is_err());
        assert!(parse_date(b"2019-3-1").is_err());
        assert!(
            parse_date(b"2019-03-01 10:00")
                .unwrap_err()
                .contains("time part")
        );
        assert!(
            parse_date(b"2019-03-01T10:00")
                .unwrap_err()
                .contains("time part")
        );
        assert!(parse_date(b"").is_err());
        assert!(parse_date(b"+019-03-01").is_err());
        assert_eq!(
            parse_date(b" 2019-03-01 "),
            Ok(NaiveDate::from_ymd_opt(2019, 3, 1).unwrap())
        );
    }

    #[test]
    fn sniffs_spreadsheet_layouts() {
        let l = Layout::sniff(b"\xef\xbb\xbfDate;Promise;Count;note\r\n2019-01-01;a;1;x\r\n");
        assert_eq!(l.delimiter, b';');
        assert!(l.crlf);
        assert_eq!(l.columns, ["date", "promise", "count", "note"]);
        let l = Layout::sniff(b"promise,date\n");
        assert_eq!(
            (l.delimiter, l.crlf, l.column("date")),
            (b',', false, Some(1))
        );
    }

    #[test]
    fn field_ranges_respect_quotes() {
        let line = "2019-01-01,\"a, b\",3";
        assert_eq!(&line[field_range(line, b',', 1)], "\"a, b\"");
        assert_eq!(&line[field_range(line, b',', 2)], "3");
        assert_eq!(field_range(line, b',', 5), line.len()..line.len());
    }
}

/// A new ledger line, before it is fitted to a file's layout.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub date: Option<NaiveDate>,
    pub promise: String,
    pub count: Option<Amount>,
    pub by: Option<String>,
    pub note: Option<String>,
    pub place: Option<String>,
}

/// Appends `entry` to `path` (creating it, and its folder, with a header) under an
/// exclusive lock, as one write, synced to disk before returning. Keeps the file's
/// delimiter, line ends and column order; never touches earlier lines. Returns the
/// line as written (without its line end).
pub fn append(path: &Path, entry: &Entry, with_place: bool) -> Result<String> {
    use std::io::{Seek, SeekFrom, Write};
    let io_err = |what: &str, e: std::io::Error| {
        Error::file(
            path,
            format!("{what}: {e}"),
            "nothing was written; check the folder's permissions and free disk space",
        )
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_err("cannot create the ledger folder", e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(|e| io_err("cannot open for appending", e))?;
    file.lock().map_err(|e| io_err("cannot lock", e))?;
    let len = file.metadata().map_err(|e| io_err("cannot read", e))?.len();
    let (layout, mut out) = if len == 0 {
        let layout = Layout::fresh(with_place);
        let header = layout.columns.join(",");
        (layout, format!("{header}\n").into_bytes())
    } else {
        let head = head(&mut file, 1 << 16).map_err(|e| io_err("cannot read", e))?;
        let layout = Layout::sniff(&head);
        file.seek(SeekFrom::End(-1))
            .map_err(|e| io_err("cannot read", e))?;
        let mut last = [0u8; 1];
        file.read_exact(&mut last)
            .map_err(|e| io_err("cannot read", e))?;
        // A cut-off last line is ended first, so the new line always stands alone.
        let prefix = if last[0] == b'\n' {
            ""
        } else if layout.crlf {
            "\r\n"
        } else {
            "\n"
        };
        (layout, prefix.as_bytes().to_vec())
    };
    let fields = layout_fields(path, &layout, entry)?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(layout.delimiter)
        .terminator(if layout.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    writer.write_record(&fields).map_err(|e| {
        Error::file(
            path,
            format!("cannot encode the line: {e}"),
            "nothing was written",
        )
    })?;
    let line = writer.into_inner().map_err(|e| {
        Error::file(
            path,
            format!("cannot encode the line: {e}"),
            "nothing was written",
        )
    })?;
    out.extend_from_slice(&line);
    file.write_all(&out)
        .map_err(|e| io_err("cannot write", e))?;
    file.sync_data()
        .map_err(|e| io_err("cannot flush to disk", e))?;
    let text = String::from_utf8_lossy(&line);
    Ok(text.trim_end_matches(['\r', '\n']).to_string())
}

/// The entry's values in the file's column order; refuses values the file has no
/// column for rather than dropping them.
fn layout_fields(path: &Path, layout: &Layout, entry: &Entry) -> Result<Vec<String>> {
    let decimal_comma = layout.delimiter == b';';
    let count = entry.count.map(|c| {
        let text = c.to_string();
        if decimal_comma {
            text.replace('.', ",")
        } else {
            text
        }
    });
    let values: [(&str, Option<String>); 6] = [
        ("date", entry.date.map(|d| d.to_string())),
        ("promise", Some(entry.promise.clone())),
        ("count", count),
        ("by", entry.by.clone()),
        ("note", entry.note.clone()),
        ("place", entry.place.clone()),
    ];
    for (name, value) in &values {
        if value.as_deref().is_some_and(|v| !v.is_empty()) && layout.column(name).is_none() {
            let delimiter = layout.delimiter as char;
            return Err(Error::file(
                path,
                format!("the file has no `{name}` column"),
                format!(
                    "nothing was written; add {delimiter}{name} to the end of its header line, or leave the value out"
                ),
            ));
        }
    }
    Ok(layout
        .columns
        .iter()
        .map(|column| {
            values
                .iter()
                .find(|(name, _)| name == column)
                .and_then(|(_, v)| v.clone())
                .unwrap_or_default()
        })
        .collect())
}
