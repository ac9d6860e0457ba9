//! The common line, split without looking at its bytes one by one: the bytes
//! that matter (delimiter, quote, CR, LF) become a bit mask, 64 bytes at a time,
//! and the walk goes from one set bit to the next. What this cannot settle alone
//! (a quote still open at the line end, text after a closing quote) it leaves to
//! the exact state machine in `field`, which reads the same line again.

use super::{Eol, Record};

const WINDOW: usize = 64;

/// What the fast path made of the bytes at hand.
pub(super) enum Fast {
    /// The line was split into the record; `used` bytes, its line end included.
    Line { used: usize, eol: Eol },
    /// The line goes on past the bytes at hand: more bytes may settle it.
    More,
    /// For the exact state machine.
    Exact,
}

/// Bit `i` is set where byte `i` is a delimiter, a quote, a CR or an LF. The
/// bytes become 0 or 1 in a loop the compiler turns into vector compares, then
/// eight at a time become bits by one multiplication.
fn window(bytes: &[u8; WINDOW], delimiter: u8) -> u64 {
    let mut flags = [0u8; WINDOW];
    for (f, &b) in flags.iter_mut().zip(bytes) {
        *f = u8::from(b == delimiter || b == b'"' || b == b'\n' || b == b'\r');
    }
    let (eights, _) = flags.as_chunks::<8>();
    eights.iter().enumerate().fold(0, |m, (k, e)| {
        // Byte j (0 or 1) of the word lands on bit 56 + j of the product.
        let bits = u64::from_le_bytes(*e).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        m | bits << (8 * k)
    })
}

/// Marks `bytes` into `out`, a mask per 64 bytes: once per read, in a loop
/// that keeps the vector units busy, rather than once per line, where each
/// line would wait for its own mask.
pub(super) fn mark(bytes: &[u8], delimiter: u8, out: &mut Vec<u64>) {
    out.clear();
    let (whole, rest) = bytes.as_chunks::<WINDOW>();
    out.extend(whole.iter().map(|w| window(w, delimiter)));
    if !rest.is_empty() {
        let mut last = [0u8; WINDOW];
        last[..rest.len()].copy_from_slice(rest);
        out.push(window(&last, delimiter));
    }
}

/// The marked bytes from a line's start on.
pub(super) struct Marks<'a> {
    /// The bytes at hand, the line first.
    pub(super) bytes: &'a [u8],
    /// The masks of the whole buffer, and where the line starts in it.
    pub(super) masks: &'a [u64],
    pub(super) base: usize,
    pub(super) delimiter: u8,
}

impl Marks<'_> {
    /// The first marked byte at `from` or after, and what it is.
    fn next(&self, from: usize) -> Option<(usize, u8)> {
        let mut at = self.base + from;
        while at < self.base + self.bytes.len() {
            let k = at / WINDOW;
            let rest = self.masks.get(k)? >> (at % WINDOW);
            if rest != 0 {
                let i = at + rest.trailing_zeros() as usize - self.base;
                return self.bytes.get(i).map(|&b| (i, b));
            }
            at = (k + 1) * WINDOW;
        }
        None
    }
}

/// Splits the line at the start of the marked bytes (`eof` when no more follow
/// them) into `record`, which must be cleared.
pub(super) fn line(marks: &Marks<'_>, eof: bool, record: &mut Record) -> Fast {
    let bytes = marks.bytes;
    let outcome = fields(marks, record);
    let n = match outcome {
        Walk::End(n) => n,
        Walk::Out if eof => bytes.len(),
        Walk::Out => return undo(record, Fast::More),
        Walk::Exact => return undo(record, Fast::Exact),
    };
    let (eol, used) = match (bytes.get(n), bytes.get(n + 1)) {
        (None, _) => (Eol::None, n),
        (Some(b'\n'), _) => (Eol::Lf, n + 1),
        (Some(_), Some(b'\n')) => (Eol::CrLf, n + 2),
        (Some(_), Some(_)) => (Eol::Cr, n + 1),
        // A CR last: an LF may follow in the next read.
        (Some(_), None) if !eof => return undo(record, Fast::More),
        (Some(_), None) => (Eol::Cr, n + 1),
    };
    record.raw.extend_from_slice(&bytes[..n]);
    Fast::Line { used, eol }
}

fn undo(record: &mut Record, fast: Fast) -> Fast {
    record.clear();
    fast
}

/// How the walk over a line's fields ended.
enum Walk {
    /// At the line end at this byte.
    End(usize),
    /// At the end of the bytes at hand, with no quote open.
    Out,
    Exact,
}

/// Splits fields as the state machine does, up to the line end.
fn fields(marks: &Marks<'_>, record: &mut Record) -> Walk {
    let (bytes, delimiter) = (marks.bytes, marks.delimiter);
    let mut i = 0;
    loop {
        if bytes.get(i) == Some(&b'"') {
            let close = match closing_quote(marks, record, i) {
                Ok(close) => close,
                Err(walk) => return walk,
            };
            match bytes.get(close + 1) {
                None => return Walk::Out,
                Some(b'\n' | b'\r') => return Walk::End(close + 1),
                Some(&b) if b == delimiter => i = close + 2,
                // Text after a closing quote.
                Some(_) => return Walk::Exact,
            }
            continue;
        }
        // A quote inside an unquoted field is only text.
        let mut from = i;
        loop {
            let Some((p, b)) = marks.next(from) else {
                record.push_raw(i, i, bytes.len());
                return Walk::Out;
            };
            if b == b'"' {
                from = p + 1;
                continue;
            }
            record.push_raw(i, i, p);
            if b != delimiter {
                return Walk::End(p);
            }
            i = p + 1;
            break;
        }
    }
}

/// Finds the quote that closes the field opened at `open` and pushes the field;
/// the walk's end when the quote is still open at the line end.
fn closing_quote(marks: &Marks<'_>, record: &mut Record, open: usize) -> Result<usize, Walk> {
    let bytes = marks.bytes;
    let (mut from, mut doubled) = (open + 1, false);
    let close = loop {
        match marks.next(from) {
            // Over several lines, or maybe: for the state machine.
            None => return Err(Walk::Exact),
            Some((_, b'\n' | b'\r')) => return Err(Walk::Exact),
            Some((q, b'"')) if bytes.get(q + 1) == Some(&b'"') => {
                doubled = true;
                from = q + 2;
            }
            Some((q, b'"')) => break q,
            Some((p, _)) => from = p + 1,
        }
    };
    let inside = &bytes[open + 1..close];
    if doubled {
        let start = record.data.len();
        unquote(inside, &mut record.data);
        record.push_data(open, start);
    } else {
        record.push_raw(open, open + 1, close);
    }
    Ok(close)
}

/// Appends a quoted value's inside to `out`, each `""` as one `"`.
fn unquote(inside: &[u8], out: &mut Vec<u8>) {
    let mut rest = inside;
    while let Some(q) = memchr::memchr(b'"', rest) {
        let (head, tail) = rest.split_at(q + 1);
        out.extend_from_slice(head);
        rest = tail.get(1..).unwrap_or_default();
    }
    out.extend_from_slice(rest);
}
