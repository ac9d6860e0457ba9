//! The common line, split without looking at its bytes one by one. From the
//! masks of a window (64 bytes), the parity of the quotes before each byte says
//! what is inside quotes; the delimiters outside quotes and the line end cut the
//! fields. The same masks say at once whether the state machine in `field` would
//! read the line any other way: a quote that opens inside a field, text after a
//! closing quote, a line end inside quotes (a value over several lines). Such a
//! line is left to the state machine, which reads it again from its start.

use super::mask::{Mask, WINDOW};
use super::{Eol, Record};

/// What the fast path made of the bytes at hand.
pub(super) enum Fast {
    /// The line was split into the record; `used` bytes, its line end included.
    Line { used: usize, eol: Eol },
    /// The line goes on past the bytes at hand: more bytes may settle it.
    More,
    /// For the exact state machine.
    Exact,
}

/// The masked bytes from a line's start on.
pub(super) struct Marks<'a> {
    /// The bytes at hand, the line first.
    pub(super) bytes: &'a [u8],
    /// The masks of the whole buffer, and where the line starts in it.
    pub(super) masks: &'a [Mask],
    pub(super) base: usize,
}

impl Marks<'_> {
    /// The masks of the 64 bytes from byte `at` of the line, put together from
    /// the two windows they straddle.
    fn window(&self, at: usize) -> Mask {
        let (k, shift) = ((self.base + at) / WINDOW, (self.base + at) % WINDOW);
        let [a, b] = [k, k + 1].map(|k| self.masks.get(k).copied().unwrap_or_default());
        let join =
            |a: u64, b: u64| a >> shift | b.checked_shl((WINDOW - shift) as u32).unwrap_or(0);
        Mask {
            delimiter: join(a.delimiter, b.delimiter),
            quote: join(a.quote, b.quote),
            end: join(a.end, b.end),
        }
    }

    /// The first quote in `from..to` of the line.
    fn next_quote(&self, from: usize, to: usize) -> Option<usize> {
        let (mut at, to) = (self.base + from, self.base + to);
        while at < to {
            let k = at / WINDOW;
            let rest = self.masks.get(k)?.quote >> (at % WINDOW);
            if rest != 0 {
                let i = at + rest.trailing_zeros() as usize;
                return (i < to).then(|| i - self.base);
            }
            at = (k + 1) * WINDOW;
        }
        None
    }
}

/// What one window hands the next, each in bit 0: the byte before it is a
/// quote, a separator (or the line's start), a closing quote; and whether the
/// window starts inside quotes (all ones).
struct Carry {
    quote: u64,
    sep: u64,
    close: u64,
    inside: u64,
}

/// Bit `i` is the parity of the set bits up to and including `i`.
fn prefix_xor(mut x: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        x ^= x << shift;
    }
    x
}

/// The bits of the first `n` bytes.
fn below(n: usize) -> u64 {
    1u64.checked_shl(n as u32).map_or(u64::MAX, |b| b - 1)
}

/// Splits the line at the start of the masked bytes (`eof` when no more follow
/// them) into `record`, which must be cleared.
pub(super) fn line(m: &Marks<'_>, eof: bool, record: &mut Record) -> Fast {
    let n = match walk(m, eof, record) {
        Ok(n) => n,
        Err(fast) => {
            record.clear();
            return fast;
        }
    };
    let bytes = m.bytes;
    let (eol, used) = match (bytes.get(n), bytes.get(n + 1)) {
        (None, _) => (Eol::None, n),
        (Some(b'\n'), _) => (Eol::Lf, n + 1),
        (Some(_), Some(b'\n')) => (Eol::CrLf, n + 2),
        (Some(_), Some(_)) => (Eol::Cr, n + 1),
        // A CR last: an LF may follow in the next read.
        (Some(_), None) if !eof => {
            record.clear();
            return Fast::More;
        }
        (Some(_), None) => (Eol::Cr, n + 1),
    };
    record.raw.extend_from_slice(&bytes[..n]);
    Fast::Line { used, eol }
}

/// Pushes the line's fields, window by window; where it ends.
fn walk(m: &Marks<'_>, eof: bool, record: &mut Record) -> Result<usize, Fast> {
    let bytes = m.bytes;
    let mut carry = Carry {
        quote: 0,
        sep: 1,
        close: 0,
        inside: 0,
    };
    let (mut field, mut doubled) = (0, false);
    let mut at = 0;
    while at < bytes.len() {
        // Windows start where the line does, so that a short line is one
        // window, and the loop over its fields runs as often for every line.
        let w = m.window(at);
        let live = below(bytes.len() - at);
        let inside = prefix_xor(w.quote & live) ^ carry.inside;
        let first_end = w.end & live & (w.end & live).wrapping_neg();
        let region = match first_end {
            0 => live,
            end => live & (end | (end - 1)),
        };
        let q = w.quote & region;
        let seps = (w.delimiter & !inside | first_end) & region;
        let (opens, closes) = (q & inside, q & !inside);
        let bad = first_end & inside
            | opens & !(seps << 1 | carry.sep | q << 1 | carry.quote)
            | (closes << 1 | carry.close) & region & !(q | seps);
        if bad != 0 {
            return Err(Fast::Exact);
        }
        // An opening quote right after a closing one: `""` inside quotes.
        doubled |= opens & (q << 1 | carry.quote) != 0;
        let mut s = seps;
        while s != 0 {
            let p = at + s.trailing_zeros() as usize;
            push(record, bytes, field, p);
            field = p + 1;
            s &= s - 1;
        }
        if first_end != 0 {
            if doubled {
                unquote_doubled(record, m);
            }
            return Ok(at + first_end.trailing_zeros() as usize);
        }
        carry = Carry {
            quote: q >> 63,
            sep: seps >> 63,
            close: closes >> 63,
            inside: 0u64.wrapping_sub(inside >> 63),
        };
        at += WINDOW;
    }
    // No line end at hand: the last line of the file, unless more follows.
    if !eof {
        return Err(Fast::More);
    }
    if carry.inside != 0 {
        return Err(Fast::Exact);
    }
    push(record, bytes, field, bytes.len());
    if doubled {
        unquote_doubled(record, m);
    }
    Ok(bytes.len())
}

/// Pushes the field at `start..end` of the line. The masks vouch that a quoted
/// field closes its quote right before `end`.
fn push(record: &mut Record, bytes: &[u8], start: usize, end: usize) {
    // Without a branch: whether a field is quoted follows no pattern.
    let first = bytes.get(start).copied().unwrap_or_default();
    let q = usize::from(first == b'"') & usize::from(end > start + 1);
    record.push_raw(start, start + q, end - q);
}

/// Gives each quoted field that holds `""` its value with one `"` for each.
/// The masks say where the quotes are.
fn unquote_doubled(record: &mut Record, m: &Marks<'_>) {
    let Record { data, fields, .. } = record;
    for f in fields.iter_mut().filter(|f| f.start > f.at) {
        let Some(first) = m.next_quote(f.start, f.end) else {
            continue;
        };
        let start = data.len();
        let (mut from, mut q) = (f.start, first);
        loop {
            // Up to the first quote of a pair, which stands for both.
            data.extend_from_slice(m.bytes.get(from..=q).unwrap_or_default());
            from = q + 2;
            match m.next_quote(from, f.end) {
                Some(next) => q = next,
                None => break,
            }
        }
        data.extend_from_slice(m.bytes.get(from..f.end).unwrap_or_default());
        (f.start, f.end, f.in_data) = (start, data.len(), true);
    }
}
