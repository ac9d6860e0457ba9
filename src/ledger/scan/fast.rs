//! The common line, split without looking at its bytes one by one. From the
//! masks of a window (64 bytes), the parity of the quotes before each byte says
//! what is inside quotes; the delimiters outside quotes and the line end cut the
//! fields. The same masks say at once whether the state machine in `field` would
//! read the line any other way: a quote that opens inside a field, text after a
//! closing quote, a line end inside quotes (a value over several lines). Such a
//! line is left to the state machine, which reads it again from its start.

use super::mask::{Mask, WINDOW};
use super::{Eol, Record};
use memchr::memchr;
use std::ops::Range;

/// A line the fast path split: `len` bytes and its line end, `used` bytes in all.
pub(super) struct Line {
    pub(super) len: usize,
    pub(super) used: usize,
    pub(super) eol: Eol,
}

/// What the fast path made of the bytes at hand.
pub(super) enum Fast {
    /// The line was split: its fields end where the cuts say.
    Line(Line),
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
/// them): `cuts` gets where each field ends.
pub(super) fn line(m: &Marks<'_>, eof: bool, cuts: &mut Vec<u32>) -> Fast {
    cuts.clear();
    let n = match walk(m, eof, cuts) {
        Ok(found) => found,
        Err(fast) => return fast,
    };
    let bytes = m.bytes;
    let (eol, used) = match (bytes.get(n), bytes.get(n + 1)) {
        (None, _) => (Eol::None, n),
        (Some(b'\n'), _) => (Eol::Lf, n + 1),
        (Some(_), Some(b'\n')) => (Eol::CrLf, n + 2),
        (Some(_), Some(_)) => (Eol::Cr, n + 1),
        // A CR last: an LF may follow in the next read.
        (Some(_), None) if !eof => return Fast::More,
        (Some(_), None) => (Eol::Cr, n + 1),
    };
    Fast::Line(Line { len: n, used, eol })
}

/// Marks a cut whose field holds `""`; the rest of a cut is where the field ends.
pub(super) const DOUBLED: u32 = 1 << 31;

/// Field `i` of a line split by `cuts`: where it starts (its quote included),
/// where its bytes between the quotes are, and whether they hold `""`, which
/// its value has as one `"` ([`unquote`]).
#[inline]
pub(super) fn field(cuts: &[u32], line: &[u8], i: usize) -> Option<(usize, Range<usize>, bool)> {
    let cut = *cuts.get(i)?;
    let end = (cut & !DOUBLED) as usize;
    let start = match i {
        0 => 0,
        i => (cuts[i - 1] & !DOUBLED) as usize + 1,
    };
    let raw = line.get(start..end)?;
    // The masks vouch that a quoted field closes its quote right before its end.
    let q = usize::from(raw.len() > 1 && raw[0] == b'"');
    Some((start, start + q..end - q, cut & DOUBLED != 0))
}

/// Fills `record` (cleared) with a line the fast path split.
pub(super) fn fill(record: &mut Record, line: &[u8], cuts: &[u32]) {
    record.raw.extend_from_slice(line);
    for i in 0..cuts.len() {
        let Some((at, value, doubled)) = field(cuts, line, i) else {
            continue;
        };
        if doubled {
            let from = record.data.len();
            unquote(&line[value], &mut record.data);
            record.push_data(at, from);
        } else {
            record.push_raw(at, value.start, value.end);
        }
    }
}

/// Appends the value of a quoted field, given its bytes between the quotes,
/// where the fast path vouched that quotes come in pairs: one `"` for each `""`.
pub(super) fn unquote(mut inner: &[u8], out: &mut Vec<u8>) {
    while let Some(q) = memchr(b'"', inner) {
        out.extend_from_slice(&inner[..=q]);
        inner = inner.get(q + 2..).unwrap_or_default();
    }
    out.extend_from_slice(inner);
}

/// Pushes the line's fields, window by window; where it ends.
fn walk(m: &Marks<'_>, eof: bool, cuts: &mut Vec<u32>) -> Result<usize, Fast> {
    let bytes = m.bytes;
    let mut carry = Carry {
        quote: 0,
        sep: 1,
        close: 0,
        inside: 0,
    };
    // A pair of quotes in the field not cut yet.
    let mut pending = false;
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
        let pairs = opens & (q << 1 | carry.quote);
        if pairs == 0 && !pending {
            let mut s = seps;
            while s != 0 {
                cuts.push((at + s.trailing_zeros() as usize) as u32);
                s &= s - 1;
            }
        } else {
            pending = cut_marking_pairs(cuts, at, seps, pairs, pending);
        }
        if first_end != 0 {
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
    cuts.push(bytes.len() as u32 | u32::from(pending) << 31);
    Ok(bytes.len())
}

/// Pushes the cuts of a window whose fields hold `""`, each marked with
/// [`DOUBLED`] where it does; whether a pair is left for a field that ends
/// in a later window.
fn cut_marking_pairs(
    cuts: &mut Vec<u32>,
    at: usize,
    seps: u64,
    mut pairs: u64,
    pending: bool,
) -> bool {
    let mut pending = pending;
    let mut s = seps;
    while s != 0 {
        let bit = s.trailing_zeros() as usize;
        let before = below(bit);
        let marked = pending || pairs & before != 0;
        (pairs, pending) = (pairs & !before, false);
        cuts.push((at + bit) as u32 | u32::from(marked) << 31);
        s &= s - 1;
    }
    pending || pairs != 0
}
