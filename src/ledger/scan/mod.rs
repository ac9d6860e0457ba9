//! Splits a ledger file into records and sees it as it is: line numbers are the
//! file's physical lines whatever the line ends (LF, CRLF, CR), and every
//! structural problem (a quote left open, text after a closing quote, a record too
//! long to be real) is named instead of silently merging lines.
//!
//! Two ways to one result: `fast` splits the common line by bit masks, and
//! `field`, the state machine, reads whatever the fast path is not sure of;
//! `compare` holds them to the same records.

mod compare;
#[cfg(test)]
mod differential;
mod fast;
mod field;
mod lines;
mod mask;
#[cfg(test)]
mod tests;

pub use compare::first_difference;
use field::{FieldParser, plainly_a_record};
use lines::{LineInfo, Lines};
use std::io::{self, Read};

/// A record longer than this is refused: no real ledger line is, and a file's
/// NUL-filled tail (a crash, a sync tool) must not be held in memory.
pub const MAX_RECORD: usize = 16 << 20;

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
    /// Values that differ from their bytes in `raw` (quoted with `""` inside, or
    /// over several lines), unquoted, one after the other.
    data: Vec<u8>,
    /// Where each field's value is: most are a slice of `raw`, copied nowhere.
    fields: Vec<Span>,
    /// Fields that hold a line break inside quotes.
    multiline: Vec<usize>,
}

/// One field: its value at `start..end` of `raw` (of `data` when `in_data`),
/// and where it starts in `raw`, its opening quote included.
#[derive(Clone, Copy, Debug)]
struct Span {
    at: usize,
    start: usize,
    end: usize,
    in_data: bool,
}

impl Record {
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let s = self.fields.get(i)?;
        let text = if s.in_data { &self.data } else { &self.raw };
        text.get(s.start..s.end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Whether every field is empty or spaces (a blank line, or `;;;` from a
    /// spreadsheet's empty row).
    pub fn is_blank(&self) -> bool {
        self.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
    }

    /// A field that is `raw[start..end]` as it stands.
    fn push_raw(&mut self, at: usize, start: usize, end: usize) {
        self.fields.push(Span {
            at,
            start,
            end,
            in_data: false,
        });
    }

    /// A field whose value follows in `data`, from `start` to its current end.
    fn push_data(&mut self, at: usize, start: usize) {
        self.fields.push(Span {
            at,
            start,
            end: self.data.len(),
            in_data: true,
        });
    }

    /// Indices of the fields that hold a line break.
    pub fn multiline_fields(&self) -> &[usize] {
        &self.multiline
    }

    /// Where field `i` starts: its physical line, and the byte range of that line
    /// in `raw` (without its line end). Past the last field: the end of the record.
    pub fn locate(&self, i: Option<usize>) -> Located {
        let at = match i {
            Some(i) => self.fields.get(i).map_or(self.raw.len(), |s| s.at),
            None => 0,
        };
        locate_in(&self.raw, self.line, at)
    }

    fn clear(&mut self) {
        self.raw.clear();
        self.data.clear();
        self.fields.clear();
        self.multiline.clear();
        self.problem = None;
        self.lines = 1;
        self.eol = Eol::None;
    }
}

/// A line the fast path split in place: its fields are slices of the
/// scanner's buffer, valid until the scanner reads on.
pub struct Plain<'b> {
    bytes: &'b [u8],
    /// Where the line starts in the buffer, which is where `cuts` count from.
    base: usize,
    cuts: &'b [u32],
    /// Which pass of the scanner split the line, and the bytes of all the
    /// lines it split (their line ends between them).
    pass: u64,
    run: &'b [u8],
}

impl<'b> Plain<'b> {
    pub fn len(&self) -> usize {
        self.cuts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cuts.is_empty()
    }

    /// The line's bytes, without its line end.
    pub fn bytes(&self) -> &'b [u8] {
        self.bytes
    }

    /// The bytes of every line split along with this one, and which pass
    /// split them: the same pass, the same bytes.
    pub fn run(&self) -> (u64, &'b [u8]) {
        (self.pass, self.run)
    }

    /// Field `i`'s bytes between its quotes, and whether they must still be
    /// unquoted ([`unquote`]) to be its value: they hold `""`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<(&'b [u8], bool)> {
        let (_, value, doubled) = fast::field(self.cuts, self.bytes, self.base, i)?;
        Some((&self.bytes[value], doubled))
    }
}

/// Appends the value of a quoted field of a [`Plain`] line, given its bytes
/// between the quotes: one `"` for each `""`.
pub fn unquote(inner: &[u8], out: &mut Vec<u8>) {
    fast::unquote(inner, out);
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
    /// Split plain lines by bit masks (off only to test it against the
    /// state machine).
    fast: bool,
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
            fast: true,
        }
    }

    /// Splits every line with the exact state machine alone: the reference the
    /// fast path is tested against.
    #[doc(hidden)]
    pub fn exact(mut self) -> Self {
        self.fast = false;
        self
    }

    /// Once the header is known: lets the scanner tell a new record from a
    /// quoted note's next line.
    pub fn set_shape(&mut self, shape: Shape) {
        self.shape = Some(shape);
    }

    /// Reads the next record into `record`; `false` at the end of the stream.
    pub fn next_record(&mut self, record: &mut Record) -> io::Result<bool> {
        record.clear();
        if self.fast
            && !self.first
            && self.ahead.is_none()
            && let Some(info) = self.lines.fast_into(record, self.delimiter)?
        {
            record.line = info.number;
            record.offset = info.offset;
            record.eol = info.eol;
            return Ok(true);
        }
        self.exact_record(record)
    }

    /// Splits the next line in place when it is a plain one (the fast path's);
    /// `None` when it is for [`Scanner::next_record`].
    pub fn next_plain(&mut self) -> io::Result<Option<Plain<'_>>> {
        if !self.fast || self.first || self.ahead.is_some() {
            return Ok(None);
        }
        self.lines.plain(self.delimiter)
    }

    /// How many physical lines were read so far: where a failed read stopped.
    pub fn lines_read(&self) -> u64 {
        self.lines.read()
    }

    /// Gives back the line [`Scanner::next_plain`] returned last: the next
    /// [`Scanner::next_record`] reads it.
    pub fn rewind(&mut self) {
        self.lines.rewind();
    }

    /// Reads the next record with the state machine, line after line while a
    /// quote stays open: the first record (it may start with a byte-order mark),
    /// the line read ahead, and every line the fast path leaves.
    fn exact_record(&mut self, record: &mut Record) -> io::Result<bool> {
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
