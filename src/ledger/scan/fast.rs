//! The common lines of a buffer, split without looking at their bytes one by
//! one. One pass goes over the buffer 64 bytes at a time: the parity of the
//! quotes before each byte says what is inside quotes, and the delimiters
//! outside quotes and the line ends cut the fields. The same masks say at once
//! whether the state machine in `field` would read a line any other way: a
//! quote that opens inside a field, text after a closing quote, a line end
//! inside quotes (a value over several lines). The pass stops at the start of
//! such a line, which is left to the state machine; the next pass starts after
//! it.

use super::mask::{self, WINDOW};
use super::{Eol, Record};
use memchr::memchr;
use std::ops::Range;

/// Marks a cut whose field holds `""`; the rest of a cut is where the field ends.
pub(super) const DOUBLED: u32 = 1 << 31;
const POS: u32 = !DOUBLED;

/// Why a pass stopped where it did, at the start of a line it did not split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stop {
    /// The line is for the exact state machine.
    Exact,
    /// The line goes on past the bytes at hand (or no bytes are left).
    Rest,
}

/// The lines a pass split. `cuts` holds where each field ends, as offsets in
/// the buffer, a line's last field ending at its line end; line `k`'s cuts
/// are `cuts[ends[k]..ends[k + 1]]`.
#[derive(Default)]
pub(super) struct Split {
    pub(super) cuts: Vec<u32>,
    pub(super) ends: Vec<u32>,
}

/// What one window hands the next, each in bit 0: the byte before it is a
/// quote, a field's start follows it, it is a closing quote, it is a CR; and
/// whether the window starts inside quotes (all ones).
struct Carry {
    quote: u64,
    sep: u64,
    close: u64,
    cr: u64,
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

impl Split {
    /// How many lines the pass split.
    pub(super) fn lines(&self) -> usize {
        self.ends.len() - 1
    }

    /// Line `k`'s cuts, and where it ends in the buffer.
    pub(super) fn line(&self, k: usize) -> (Range<usize>, usize) {
        let cuts = self.ends[k] as usize..self.ends[k + 1] as usize;
        let end = self.cuts[cuts.end - 1] & POS;
        (cuts, end as usize)
    }

    /// Splits the lines of `bytes` from `from`, a line's start, on; `eof`
    /// when no more bytes follow them.
    pub(super) fn pass(&mut self, bytes: &[u8], from: usize, delimiter: u8, eof: bool) -> Stop {
        self.cuts.clear();
        self.ends.clear();
        self.ends.push(0);
        let mut c = Carry {
            quote: 0,
            sep: 1,
            close: 0,
            cr: 0,
            inside: 0,
        };
        // A pair of quotes in the field not cut yet.
        let mut pending = false;
        let mut at = from;
        while at < bytes.len() {
            let w = mask::at(bytes, at, delimiter);
            let live = below(bytes.len() - at);
            let (q, lf, cr) = (w.quote & live, w.lf & live, w.cr & live);
            let inside = prefix_xor(q) ^ c.inside;
            // The LF of a CRLF ends no line of its own.
            let crlf = lf & (cr << 1 | c.cr);
            let term = (lf | cr) & !crlf;
            let seps = w.delimiter & live & !inside | term;
            // The bytes a field may start right after.
            let starts = seps | crlf;
            let (opens, closes) = (q & inside, q & !inside);
            let bad = term & inside
                | opens & !(starts << 1 | c.sep | q << 1 | c.quote)
                | (closes << 1 | c.close) & live & !(q | seps);
            let take = match bad {
                0 => seps,
                bad => seps & below(bad.trailing_zeros() as usize),
            };
            // An opening quote right after a closing one: `""` inside quotes.
            let pairs = opens & (q << 1 | c.quote);
            pending = self.push(at, take, term & take, pairs, pending);
            if bad != 0 {
                self.drop_unfinished();
                return Stop::Exact;
            }
            c = Carry {
                quote: q >> 63,
                sep: starts >> 63,
                close: closes >> 63,
                cr: cr >> 63,
                inside: 0u64.wrapping_sub(inside >> 63),
            };
            at += WINDOW;
        }
        self.finish(bytes, from, eof, c.inside != 0, pending)
    }

    /// Pushes a window's cuts, and the ends of the lines that end in it;
    /// whether a pair of quotes is left for a field that ends in a later window.
    fn push(&mut self, at: usize, seps: u64, terms: u64, pairs: u64, pending: bool) -> bool {
        let base = self.cuts.len();
        let mut s = seps;
        while s != 0 {
            let bit = s.trailing_zeros();
            self.cuts.push((at + bit as usize) as u32);
            // A line end's cut ends its line.
            if terms >> bit & 1 != 0 {
                self.ends.push(self.cuts.len() as u32);
            }
            s &= s - 1;
        }
        match pairs != 0 || pending {
            true => self.mark_pairs(base, seps, pairs, pending),
            false => false,
        }
    }

    /// Marks with [`DOUBLED`] the cuts of a window (from `base` on) whose
    /// fields hold `""`; whether a pair is left for a field that ends in a
    /// later window.
    fn mark_pairs(&mut self, base: usize, seps: u64, mut pairs: u64, pending: bool) -> bool {
        if pending && seps != 0 {
            self.cuts[base] |= DOUBLED;
        }
        while pairs != 0 {
            let bit = pairs.trailing_zeros() as usize;
            // The field's end: the first cut after the pair.
            let after = seps & !below(bit);
            if after == 0 {
                return true;
            }
            self.cuts[base + (seps & below(bit)).count_ones() as usize] |= DOUBLED;
            pairs &= !below(after.trailing_zeros() as usize + 1);
        }
        pending && seps == 0
    }

    /// Forgets the cuts of a line not split to its end.
    fn drop_unfinished(&mut self) {
        let whole = self.ends.last().copied().unwrap_or_default();
        self.cuts.truncate(whole as usize);
    }

    /// Settles the bytes after the last line end: the file's last line when no
    /// more bytes follow, else left for more bytes to come.
    fn finish(
        &mut self,
        bytes: &[u8],
        from: usize,
        eof: bool,
        inside: bool,
        pending: bool,
    ) -> Stop {
        let rest = match self.lines() {
            0 => from,
            n => {
                let (_, end) = self.line(n - 1);
                let (eol, width) = eol_at(bytes, end);
                // A CR last may be the first half of a CRLF.
                if eol == Eol::Cr && end + 1 == bytes.len() && !eof {
                    self.ends.pop();
                    self.drop_unfinished();
                    return Stop::Rest;
                }
                end + width
            }
        };
        if !eof || rest == bytes.len() || inside {
            self.drop_unfinished();
            return if eof && inside {
                Stop::Exact
            } else {
                Stop::Rest
            };
        }
        let doubled = if pending { DOUBLED } else { 0 };
        self.cuts.push(bytes.len() as u32 | doubled);
        self.ends.push(self.cuts.len() as u32);
        Stop::Rest
    }
}

/// The line end at `end` of `bytes`, and how many bytes it takes.
pub(super) fn eol_at(bytes: &[u8], end: usize) -> (Eol, usize) {
    match (bytes.get(end), bytes.get(end + 1)) {
        (None, _) => (Eol::None, 0),
        (Some(b'\n'), _) => (Eol::Lf, 1),
        (Some(_), Some(b'\n')) => (Eol::CrLf, 2),
        (Some(_), _) => (Eol::Cr, 1),
    }
}

/// Field `i` of a line that starts at `base` of the buffer and is split by
/// `cuts`: where it starts in the line (its quote included), where its bytes
/// between the quotes are, and whether they hold `""`, which its value has as
/// one `"` ([`unquote`]).
#[inline]
pub(super) fn field(
    cuts: &[u32],
    line: &[u8],
    base: usize,
    i: usize,
) -> Option<(usize, Range<usize>, bool)> {
    let cut = *cuts.get(i)?;
    let end = ((cut & POS) as usize).wrapping_sub(base);
    let start = match i {
        0 => 0,
        i => ((cuts[i - 1] & POS) as usize + 1).wrapping_sub(base),
    };
    let raw = line.get(start..end)?;
    // The masks vouch that a quoted field closes its quote right before its end.
    let q = usize::from(raw.len() > 1 && raw[0] == b'"');
    Some((start, start + q..end - q, cut & DOUBLED != 0))
}

/// Fills `record` (cleared) with a line the fast path split, which starts at
/// `base` of the buffer.
pub(super) fn fill(record: &mut Record, line: &[u8], base: usize, cuts: &[u32]) {
    record.raw.extend_from_slice(line);
    for i in 0..cuts.len() {
        let Some((at, value, doubled)) = field(cuts, line, base, i) else {
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
