//! Splits a ledger file into records and sees it as it is: line numbers are the
//! file's physical lines whatever the line ends (LF, CRLF, CR), and every
//! structural problem (a quote left open, text after a closing quote, a record too
//! long to be real) is named instead of silently merging lines.

use std::io::{self, Read};

/// A record longer than this is refused: no real ledger line is, and a file's
/// NUL-filled tail (a crash, a sync tool) must not be held in memory.
pub const MAX_RECORD: usize = 16 << 20;

const BUFFER: usize = 1 << 16;

/// How a physical line ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Eol {
    Lf,
    CrLf,
    Cr,
    /// The last line of a file without a line end.
    #[default]
    None,
}

impl Eol {
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Eol::Lf => b"\n",
            Eol::CrLf => b"\r\n",
            Eol::Cr => b"\r",
            Eol::None => b"",
        }
    }
}

/// Why a record is not a sound CSV record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A quote opened at `line`:`col` is never closed: the record runs to the end
    /// of the file, swallowing `swallowed` more lines.
    Unterminated {
        line: u64,
        col: usize,
        swallowed: u64,
    },
    /// A quote opened at `line`:`col` is still open at the end of its line, and
    /// line `next` plainly starts a new record.
    RunsIntoRecord { line: u64, col: usize, next: u64 },
    /// Something other than a delimiter or a line end follows a closing quote.
    AfterQuote { line: u64, col: usize },
    /// The record is longer than [`MAX_RECORD`]; it was skipped, not kept.
    TooLong { bytes: u64 },
}

/// One record: its fields, and where it is in the file.
#[derive(Default)]
pub struct Record {
    /// The physical line it starts on (1-based).
    pub line: u64,
    /// How many physical lines it spans (at least 1).
    pub lines: u64,
    /// Byte offset of its first byte in the file.
    pub offset: u64,
    /// Its bytes as in the file, line ends inside it included, its own line end not.
    pub raw: Vec<u8>,
    /// The line end that closed it.
    pub eol: Eol,
    pub problem: Option<Problem>,
    /// Field values, unquoted, one after the other.
    data: Vec<u8>,
    /// Field `i` is `data[ends[i-1]..ends[i]]` and starts at `raw[starts[i]]`.
    ends: Vec<usize>,
    starts: Vec<usize>,
    /// Fields that hold a line break inside quotes.
    multiline: Vec<usize>,
}

impl Record {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.data[start..end])
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Whether every field is empty or spaces (a blank line, or `;;;` from a
    /// spreadsheet's empty row).
    pub fn is_blank(&self) -> bool {
        self.data.iter().all(u8::is_ascii_whitespace)
    }

    /// Indices of the fields that hold a line break.
    pub fn multiline_fields(&self) -> &[usize] {
        &self.multiline
    }

    /// Where field `i` starts: its physical line, and the byte range of that line
    /// in `raw` (without its line end). Past the last field: the end of the record.
    pub fn locate(&self, i: Option<usize>) -> Located {
        let at = match i {
            Some(i) => self.starts.get(i).copied().unwrap_or(self.raw.len()),
            None => 0,
        };
        locate_in(&self.raw, self.line, at)
    }

    fn clear(&mut self) {
        self.raw.clear();
        self.data.clear();
        self.ends.clear();
        self.starts.clear();
        self.multiline.clear();
        self.problem = None;
        self.lines = 1;
        self.eol = Eol::None;
    }
}

/// A spot in a record, as a physical line and a column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub line: u64,
    /// The physical line's byte range in the record's `raw`.
    pub text: std::ops::Range<usize>,
    /// The spot's byte offset inside that line.
    pub at: usize,
}

/// Where the `n`th physical line (from 0) of `raw` starts; its end when it has
/// fewer lines.
pub fn line_start(raw: &[u8], n: u64) -> usize {
    let mut seen = 0;
    let mut i = 0;
    while seen < n && i < raw.len() {
        let b = raw[i];
        i += 1;
        if b == b'\n' || (b == b'\r' && raw.get(i) != Some(&b'\n')) {
            seen += 1;
        }
    }
    i
}

/// The physical line holding byte `at` of `raw`, a record starting on `first`.
pub fn locate_in(raw: &[u8], first: u64, at: usize) -> Located {
    let at = at.min(raw.len());
    let mut line = first;
    let mut start = 0;
    let mut i = 0;
    while i < at {
        match raw[i] {
            b'\n' => {
                line += 1;
                start = i + 1;
            }
            b'\r' if raw.get(i + 1) != Some(&b'\n') => {
                line += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let end = raw[start..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(raw.len(), |p| start + p);
    Located {
        line,
        text: start..end,
        at: at - start,
    }
}

/// The columns that tell a line that starts a new record from the inside of a
/// quoted note that goes on over several lines.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub columns: usize,
    pub date: usize,
    pub promise: usize,
}

/// Physical lines of a byte stream, each with its number and its line end.
struct Lines<R> {
    src: R,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
    eof: bool,
    /// Number of the next line, and the file offset of `buf[pos]`.
    next: u64,
    offset: u64,
}

struct LineInfo {
    number: u64,
    offset: u64,
    eol: Eol,
    /// Bytes of the line that did not fit under the cap and were dropped.
    dropped: u64,
}

impl<R: Read> Lines<R> {
    fn new(src: R) -> Self {
        Lines {
            src,
            buf: vec![0; BUFFER].into_boxed_slice(),
            pos: 0,
            len: 0,
            eof: false,
            next: 1,
            offset: 0,
        }
    }

    fn refill(&mut self) -> io::Result<bool> {
        if self.pos < self.len {
            return Ok(true);
        }
        if self.eof {
            return Ok(false);
        }
        loop {
            match self.src.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.pos = 0;
                    self.len = n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn advance(&mut self, n: usize) {
        self.pos += n;
        self.offset += n as u64;
    }

    /// Appends the next physical line (without its line end) to `out`, keeping
    /// `out` under `cap` bytes; `None` at the end of the stream.
    fn next_into(&mut self, out: &mut Vec<u8>, cap: usize) -> io::Result<Option<LineInfo>> {
        if !self.refill()? {
            return Ok(None);
        }
        let number = self.next;
        let offset = self.offset;
        let mut dropped = 0u64;
        loop {
            if !self.refill()? {
                self.next += 1;
                return Ok(Some(LineInfo {
                    number,
                    offset,
                    eol: Eol::None,
                    dropped,
                }));
            }
            let chunk = &self.buf[self.pos..self.len];
            let found = memchr::memchr2(b'\n', b'\r', chunk);
            let take = found.unwrap_or(chunk.len());
            let room = cap.saturating_sub(out.len()).min(take);
            out.extend_from_slice(&chunk[..room]);
            dropped += (take - room) as u64;
            let Some(i) = found else {
                self.advance(take);
                continue;
            };
            let byte = chunk[i];
            self.advance(i + 1);
            self.next += 1;
            let eol = if byte == b'\n' {
                Eol::Lf
            } else if self.refill()? && self.buf[self.pos] == b'\n' {
                self.advance(1);
                Eol::CrLf
            } else {
                Eol::Cr
            };
            return Ok(Some(LineInfo {
                number,
                offset,
                eol,
                dropped,
            }));
        }
    }
}

/// Splits a stream into records.
pub struct Scanner<R> {
    lines: Lines<R>,
    delimiter: u8,
    shape: Option<Shape>,
    /// A line read ahead that turned out to start a new record.
    ahead: Option<(Vec<u8>, LineInfo)>,
    line_buf: Vec<u8>,
    /// Skip a byte-order mark at the very start.
    first: bool,
}

impl<R: Read> Scanner<R> {
    pub fn new(src: R, delimiter: u8) -> Self {
        Scanner {
            lines: Lines::new(src),
            delimiter,
            shape: None,
            ahead: None,
            line_buf: Vec::new(),
            first: true,
        }
    }

    /// Once the header is known: lets the scanner tell a new record from a
    /// quoted note's next line.
    pub fn set_shape(&mut self, shape: Shape) {
        self.shape = Some(shape);
    }

    /// Reads the next record into `record`; `false` at the end of the stream.
    pub fn next_record(&mut self, record: &mut Record) -> io::Result<bool> {
        record.clear();
        let info = match self.ahead.take() {
            Some((bytes, info)) => {
                record.raw.extend_from_slice(&bytes);
                info
            }
            None => match self.lines.next_into(&mut record.raw, MAX_RECORD)? {
                Some(info) => info,
                None => return Ok(false),
            },
        };
        if self.first {
            self.first = false;
            if record.raw.starts_with(b"\xef\xbb\xbf") {
                record.raw.drain(..3);
            }
        }
        record.line = info.number;
        record.offset = info.offset;
        record.eol = info.eol;
        let mut dropped = info.dropped;
        let mut parser = FieldParser::default();
        parser.parse(record, 0, self.delimiter);
        while let Some(open) = parser.open_quote {
            let opened = locate_in(&record.raw, record.line, open);
            let mut next = std::mem::take(&mut self.line_buf);
            next.clear();
            let cap = MAX_RECORD.saturating_sub(record.raw.len());
            let Some(info) = self.lines.next_into(&mut next, cap)? else {
                record.problem = Some(Problem::Unterminated {
                    line: opened.line,
                    col: opened.at,
                    swallowed: record.lines - 1,
                });
                self.line_buf = next;
                break;
            };
            if self
                .shape
                .is_some_and(|s| plainly_a_record(&next, s, self.delimiter))
            {
                record.problem = Some(Problem::RunsIntoRecord {
                    line: opened.line,
                    col: opened.at,
                    next: info.number,
                });
                self.ahead = Some((next, info));
                break;
            }
            dropped += info.dropped;
            let from = record.raw.len();
            record.raw.extend_from_slice(record.eol.bytes());
            record.raw.extend_from_slice(&next);
            self.line_buf = next;
            record.eol = info.eol;
            record.lines += 1;
            parser.resume(record, from, self.delimiter);
        }
        if dropped > 0 {
            record.problem = Some(Problem::TooLong {
                bytes: record.raw.len() as u64 + dropped,
            });
        }
        if record.problem.is_none()
            && let Some(at) = parser.after_quote
        {
            let l = locate_in(&record.raw, record.line, at);
            record.problem = Some(Problem::AfterQuote {
                line: l.line,
                col: l.at,
            });
        }
        Ok(true)
    }
}

/// The quote state machine over one record's raw bytes.
#[derive(Default)]
struct FieldParser {
    /// Where the quote that is still open was opened, in `raw`.
    open_quote: Option<usize>,
    /// Where text first followed a closing quote.
    after_quote: Option<usize>,
    /// Inside a quoted field, just after a quote (closing, or the first of `""`).
    quote_seen: bool,
}

impl FieldParser {
    fn parse(&mut self, r: &mut Record, from: usize, delimiter: u8) {
        // The fast path: a line without quotes is split on the delimiter.
        if memchr::memchr(b'"', &r.raw[from..]).is_none() {
            let Record {
                raw,
                data,
                ends,
                starts,
                ..
            } = r;
            let mut start = from;
            for end in memchr::memchr_iter(delimiter, &raw[from..])
                .map(|i| from + i)
                .chain([raw.len()])
            {
                starts.push(start);
                data.extend_from_slice(&raw[start..end]);
                ends.push(data.len());
                start = end + 1;
            }
            return;
        }
        self.fields(r, from, delimiter);
    }

    /// Continues a quoted field after a line break (already in `raw` at `from`).
    fn resume(&mut self, r: &mut Record, from: usize, delimiter: u8) {
        let field = r.starts.len() - 1;
        if !r.multiline.contains(&field) {
            r.multiline.push(field);
        }
        // The line break and the next line are the inside of the open field.
        self.quoted(r, from, delimiter);
    }

    fn fields(&mut self, r: &mut Record, mut i: usize, delimiter: u8) {
        loop {
            r.starts.push(i);
            if r.raw.get(i) == Some(&b'"') {
                self.open_quote = Some(i);
                i += 1;
                if !self.quoted_from(r, &mut i, delimiter) {
                    return;
                }
            } else {
                let end = memchr::memchr(delimiter, &r.raw[i..]).map_or(r.raw.len(), |p| i + p);
                let (s, e) = (i, end);
                let (raw, data) = (&r.raw, &mut r.data);
                data.extend_from_slice(&raw[s..e]);
                r.ends.push(r.data.len());
                if end == r.raw.len() {
                    return;
                }
                i = end + 1;
            }
        }
    }

    /// Scans a quoted field from `*i`; `true` when the field ended at a delimiter
    /// (more fields follow), `false` at the end of the bytes (the record ends, or
    /// the quote is still open).
    fn quoted_from(&mut self, r: &mut Record, i: &mut usize, delimiter: u8) -> bool {
        while *i < r.raw.len() {
            let b = r.raw[*i];
            if self.quote_seen {
                self.quote_seen = false;
                if b == b'"' {
                    r.data.push(b'"');
                    *i += 1;
                    continue;
                }
                // The quote before was the closing one.
                self.open_quote = None;
                r.ends.push(r.data.len());
                if b == delimiter {
                    *i += 1;
                    return true;
                }
                self.after_quote.get_or_insert(*i);
                // Keep the rest of the field as it stands, so field counts hold.
                let end = memchr::memchr(delimiter, &r.raw[*i..]).map_or(r.raw.len(), |p| *i + p);
                let last = r.ends.len() - 1;
                let rest = r.raw[*i..end].to_vec();
                r.data.extend_from_slice(&rest);
                r.ends[last] = r.data.len();
                if end == r.raw.len() {
                    *i = end;
                    return false;
                }
                *i = end + 1;
                return true;
            }
            if b == b'"' {
                self.quote_seen = true;
                *i += 1;
                continue;
            }
            // Copy up to the next quote at once.
            let run = memchr::memchr(b'"', &r.raw[*i..]).unwrap_or(r.raw.len() - *i);
            let (raw, data) = (&r.raw, &mut r.data);
            data.extend_from_slice(&raw[*i..*i + run]);
            *i += run;
        }
        if self.quote_seen {
            // The record ends right after the closing quote.
            self.quote_seen = false;
            self.open_quote = None;
            r.ends.push(r.data.len());
        }
        false
    }

    fn quoted(&mut self, r: &mut Record, from: usize, delimiter: u8) {
        let mut i = from;
        if self.quoted_from(r, &mut i, delimiter) {
            self.fields(r, i, delimiter);
        }
    }
}

/// Whether a line, read where a quoted field goes on, is rather the start of a
/// new record: a date where the date goes, an id where the promise goes, and no
/// more fields than the header.
fn plainly_a_record(line: &[u8], shape: Shape, delimiter: u8) -> bool {
    let mut record = Record::default();
    record.clear();
    record.raw.extend_from_slice(line);
    let mut parser = FieldParser::default();
    parser.parse(&mut record, 0, delimiter);
    if parser.open_quote.is_some() || record.len() > shape.columns {
        return false;
    }
    let id_like = |f: &[u8]| {
        let f = f.trim_ascii();
        !f.is_empty()
            && f.iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
    };
    record
        .get(shape.date)
        .is_some_and(|d| super::parse_date(d).is_ok())
        && record.get(shape.promise).is_some_and(id_like)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &[u8], shape: Option<Shape>) -> Vec<(u64, Vec<String>, Option<Problem>)> {
        let mut s = Scanner::new(text, b',');
        if let Some(shape) = shape {
            s.set_shape(shape);
        }
        let mut r = Record::default();
        let mut out = Vec::new();
        while s.next_record(&mut r).unwrap() {
            let fields = r
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            out.push((r.line, fields, r.problem.clone()));
        }
        out
    }

    const SHAPE: Shape = Shape {
        columns: 5,
        date: 0,
        promise: 1,
    };

    #[test]
    fn physical_lines_whatever_the_line_ends() {
        for text in [
            &b"a,b\nc,d\n\ne,f\n"[..],
            b"a,b\r\nc,d\r\n\r\ne,f\r\n",
            b"a,b\rc,d\r\re,f\r",
            b"a,b\nc,d\r\n\re,f",
        ] {
            let got = records(text, None);
            let lines: Vec<u64> = got.iter().map(|r| r.0).collect();
            assert_eq!(lines, [1, 2, 3, 4], "{text:?}");
            assert_eq!(got[3].1, ["e", "f"]);
        }
    }

    #[test]
    fn quotes_and_escapes() {
        let got = records(b"\"a,b\",\"say \"\"hi\"\"\",c\n\"\",x\n", None);
        assert_eq!(got[0].1, ["a,b", "say \"hi\"", "c"]);
        assert_eq!(got[1].1, ["", "x"]);
        assert!(got.iter().all(|r| r.2.is_none()));
    }

    #[test]
    fn a_note_over_several_lines_is_one_record() {
        let got = records(
            b"2019-01-01,a,1,p,\"one\r\ntwo\"\r\n2019-01-02,a,,,x\r\n",
            Some(SHAPE),
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1[4], "one\r\ntwo");
        assert_eq!(got[1].0, 3);
    }

    #[test]
    fn an_open_quote_does_not_swallow_the_next_record() {
        let text = b"2019-01-01,a,1,p,\"open\n2019-01-02,a,1,p,x\n2019-01-03,a,1,p,\"closed\"\n";
        let got = records(text, Some(SHAPE));
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[0].2,
            Some(Problem::RunsIntoRecord {
                line: 1,
                col: 17,
                next: 2
            })
        );
        assert_eq!((got[1].0, got[1].2.clone()), (2, None));
        assert_eq!((got[2].0, got[2].2.clone()), (3, None));
    }

    #[test]
    fn an_open_quote_at_the_end_names_where_it_opened() {
        let got = records(b"a,b\nc,\"d\nmore\nlines\n", None);
        assert_eq!(
            got[1].2,
            Some(Problem::Unterminated {
                line: 2,
                col: 2,
                swallowed: 2
            })
        );
    }

    #[test]
    fn line_starts_whatever_the_line_ends() {
        assert_eq!(line_start(b"ab\r\ncd\ref\ngh", 0), 0);
        assert_eq!(line_start(b"ab\r\ncd\ref\ngh", 1), 4);
        assert_eq!(line_start(b"ab\r\ncd\ref\ngh", 2), 7);
        assert_eq!(line_start(b"ab\r\ncd\ref\ngh", 3), 10);
        assert_eq!(line_start(b"ab", 5), 2);
    }

    #[test]
    fn text_after_a_closing_quote() {
        let got = records(b"\"a\"b,c\n", None);
        assert_eq!(got[0].2, Some(Problem::AfterQuote { line: 1, col: 3 }));
        assert_eq!(got[0].1.len(), 2);
    }

    #[test]
    fn a_byte_order_mark_is_not_data() {
        let got = records(b"\xef\xbb\xbfdate,promise\n", None);
        assert_eq!(got[0].1, ["date", "promise"]);
    }

    #[test]
    fn locating_a_field_on_a_later_line() {
        let mut s = Scanner::new(&b"x\n1,\"a\r\nb\",c\n"[..], b',');
        let mut r = Record::default();
        s.next_record(&mut r).unwrap();
        s.next_record(&mut r).unwrap();
        let l = r.locate(Some(2));
        assert_eq!((l.line, l.at), (3, 3));
        assert_eq!(&r.raw[l.text], b"b\",c");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn field() -> impl Strategy<Value = String> {
            proptest::string::string_regex("[a-zå\",;\n\r ]{0,6}").unwrap()
        }

        proptest! {
            /// Whatever a CSV writer writes, with any terminator, reads back as
            /// the same fields, on the lines the writer put them.
            #[test]
            fn reads_what_a_csv_writer_writes(
                rows in proptest::collection::vec(proptest::collection::vec(field(), 1..5), 1..8),
                terminator in 0..3usize,
                semicolon in any::<bool>(),
            ) {
                let delimiter = if semicolon { b';' } else { b',' };
                let term = [csv::Terminator::Any(b'\n'), csv::Terminator::CRLF, csv::Terminator::Any(b'\r')][terminator];
                let mut w = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .terminator(term)
                    .flexible(true)
                    .from_writer(Vec::new());
                for row in &rows {
                    w.write_record(row).unwrap();
                }
                let bytes = w.into_inner().unwrap();
                let mut s = Scanner::new(&bytes[..], delimiter);
                let mut r = Record::default();
                let mut got = Vec::new();
                let mut next_line = 1;
                while s.next_record(&mut r).unwrap() {
                    prop_assert_eq!(r.problem.clone(), None);
                    prop_assert_eq!(r.line, next_line);
                    next_line += r.lines;
                    got.push(r.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect::<Vec<_>>());
                }
                prop_assert_eq!(got, rows);
            }

            /// Any bytes: no panic, every byte read, line numbers that add up.
            #[test]
            fn any_bytes_scan_to_the_end(
                bytes in proptest::collection::vec(prop_oneof![
                    Just(b'"'), Just(b','), Just(b'\n'), Just(b'\r'), Just(b'a'), Just(b'2'), Just(b'-'), any::<u8>()
                ], 0..200),
            ) {
                let mut s = Scanner::new(&bytes[..], b',');
                s.set_shape(SHAPE);
                let mut r = Record::default();
                let mut next_line = 1;
                let mut records = 0;
                while s.next_record(&mut r).unwrap() {
                    prop_assert!(r.line >= next_line);
                    next_line = r.line + r.lines;
                    records += 1;
                    prop_assert!(records <= bytes.len() + 1);
                    let _ = r.locate(Some(r.len()));
                }
            }
        }
    }
}
