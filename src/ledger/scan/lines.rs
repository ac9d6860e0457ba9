//! Physical lines of a byte stream, read through one buffer.

use super::fast::{self, Split, Stop};
use super::{Eol, Plain, Record};
use std::io::{self, Read};
use std::ops::Range;

const BUFFER: usize = 1 << 16;

/// Physical lines of a byte stream, each with its number and its line end.
pub(super) struct Lines<R> {
    src: R,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
    eof: bool,
    /// Number of the next line, and the file offset of `buf[pos]`.
    next: u64,
    offset: u64,
    /// The lines the fast path split from `buf[pos]` on, while the buffer
    /// has not moved: `cursor` is the one at `pos`, and `stop` says why the
    /// pass stopped after the last.
    split: Split,
    cursor: Option<usize>,
    stop: Stop,
    /// How many passes split the buffer so far, and where the lines of the
    /// last one lie: a [`Plain`] line hands both out, so that what is asked of
    /// every line may be asked once of them all.
    passes: u64,
    run: Range<usize>,
    /// Where the line [`Lines::plain`] returned last started (position, number,
    /// offset, cursor), while it may be given back.
    last: Option<(usize, u64, u64, usize)>,
}

/// A line the fast path split: it starts at `start` of the buffer, its
/// fields end where `cuts` of the split say, and it is `len` bytes and its
/// line end, `used` bytes in all.
struct Line {
    start: usize,
    cuts: Range<usize>,
    len: usize,
    used: usize,
    eol: Eol,
}

pub(super) struct LineInfo {
    pub(super) number: u64,
    pub(super) offset: u64,
    pub(super) eol: Eol,
    /// Bytes of the line that did not fit under the cap and were dropped.
    pub(super) dropped: u64,
}

impl<R: Read> Lines<R> {
    pub(super) fn new(src: R) -> Self {
        Lines {
            src,
            buf: vec![0; BUFFER].into_boxed_slice(),
            pos: 0,
            len: 0,
            eof: false,
            next: 1,
            offset: 0,
            split: Split::default(),
            cursor: None,
            stop: Stop::Rest,
            passes: 0,
            run: 0..0,
            last: None,
        }
    }

    fn refill(&mut self) -> io::Result<bool> {
        self.last = None;
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
                    self.cursor = None;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Reads the next line straight into `record` when the fast path can split
    /// it; `None` leaves everything as it was, for the exact path.
    pub(super) fn fast_into(
        &mut self,
        record: &mut Record,
        delimiter: u8,
    ) -> io::Result<Option<LineInfo>> {
        let Some(line) = self.split(delimiter)? else {
            return Ok(None);
        };
        let bytes = &self.buf[line.start..line.start + line.len];
        fast::fill(
            record,
            bytes,
            line.start,
            &self.split.cuts[line.cuts.clone()],
        );
        Ok(Some(self.take(&line)))
    }

    /// Splits the next line in place when the fast path can: its bytes and
    /// where its fields end stay in the buffer until the next call, and
    /// [`Lines::rewind`] gives the line back. `None` leaves everything as it was.
    pub(super) fn plain(&mut self, delimiter: u8) -> io::Result<Option<Plain<'_>>> {
        let Some(line) = self.split(delimiter)? else {
            return Ok(None);
        };
        let cursor = self.cursor.unwrap_or_default();
        self.last = Some((line.start, self.next, self.offset, cursor));
        self.take(&line);
        Ok(Some(Plain {
            bytes: &self.buf[line.start..line.start + line.len],
            base: line.start,
            cuts: &self.split.cuts[line.cuts],
            pass: self.passes,
            run: &self.buf[self.run.clone()],
        }))
    }

    /// Gives back the line [`Lines::plain`] returned last, for the exact path
    /// to read again; nothing has moved the buffer since.
    pub(super) fn rewind(&mut self) {
        if let Some((pos, next, offset, cursor)) = self.last.take() {
            (self.pos, self.next, self.offset) = (pos, next, offset);
            self.cursor = Some(cursor);
        }
    }

    /// The next line as the fast path split it, splitting the bytes from
    /// `pos` on when nothing split is at hand, and topping the buffer up once
    /// when a line runs past it.
    fn split(&mut self, delimiter: u8) -> io::Result<Option<Line>> {
        self.last = None;
        let mut topped_up = false;
        loop {
            match self.cursor {
                Some(k) if k < self.split.lines() => return Ok(Some(self.line(k))),
                Some(_) if self.stop == Stop::Exact || topped_up => return Ok(None),
                _ if self.pos == self.len && self.eof => return Ok(None),
                Some(_) => {
                    self.top_up()?;
                    topped_up = true;
                }
                None if self.pos == self.len => {
                    self.top_up()?;
                    topped_up = true;
                }
                None => {}
            }
            let bytes = &self.buf[..self.len];
            self.stop = self.split.pass(bytes, self.pos, delimiter, self.eof);
            self.cursor = Some(0);
            self.passes += 1;
            let n = self.split.lines();
            self.run = self.pos..if n > 0 {
                self.split.line(n - 1).1
            } else {
                self.pos
            };
        }
    }

    /// Line `k` of the split, which starts at `pos`.
    fn line(&self, k: usize) -> Line {
        let (cuts, end) = self.split.line(k);
        let (eol, n) = fast::eol_at(&self.buf[..self.len], end);
        let len = end - self.pos;
        Line {
            start: self.pos,
            cuts,
            len,
            used: len + n,
            eol,
        }
    }

    /// Moves past a line the fast path split.
    fn take(&mut self, line: &Line) -> LineInfo {
        let info = LineInfo {
            number: self.next,
            offset: self.offset,
            eol: line.eol,
            dropped: 0,
        };
        self.advance(line.used);
        self.next += 1;
        self.cursor = self.cursor.map(|k| k + 1);
        info
    }

    /// Moves the bytes at hand to the front and reads more after them, so that a
    /// line cut by the end of one read is whole again.
    fn top_up(&mut self) -> io::Result<()> {
        self.last = None;
        self.cursor = None;
        self.buf.copy_within(self.pos..self.len, 0);
        self.len -= self.pos;
        self.pos = 0;
        while self.len < self.buf.len() && !self.eof {
            match self.src.read(&mut self.buf[self.len..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// How many physical lines were read so far.
    pub(super) fn read(&self) -> u64 {
        self.next - 1
    }

    fn advance(&mut self, n: usize) {
        self.pos += n;
        self.offset += n as u64;
    }

    /// Appends the next physical line (without its line end) to `out`, keeping
    /// `out` under `cap` bytes; `None` at the end of the stream.
    pub(super) fn next_into(
        &mut self,
        out: &mut Vec<u8>,
        cap: usize,
    ) -> io::Result<Option<LineInfo>> {
        // The state machine moves `pos` past what was split.
        self.cursor = None;
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
