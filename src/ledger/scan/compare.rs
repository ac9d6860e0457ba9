//! The fast path held to the exact state machine: both read the same bytes,
//! and every record must come out the same in all that a reader can see. The
//! differential tests and the fuzz target call this.

use super::{Eol, Located, Problem, Record, Scanner, Shape};
use std::io::{self, Read};

/// Hands out at most `step` bytes per read, so that reads end everywhere: in a
/// line, between a CR and its LF, right after a quote.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.step.max(1).min(out.len()).min(self.bytes.len());
        let (now, later) = self.bytes.split_at(n);
        out[..n].copy_from_slice(now);
        self.bytes = later;
        Ok(n)
    }
}

/// Everything a reader can see of a record.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    line: u64,
    lines: u64,
    offset: u64,
    raw: Vec<u8>,
    eol: Eol,
    problem: Option<Problem>,
    fields: Vec<Vec<u8>>,
    starts: Vec<Located>,
    multiline: Vec<usize>,
}

fn seen(r: &Record) -> Seen {
    Seen {
        line: r.line,
        lines: r.lines,
        offset: r.offset,
        raw: r.raw.clone(),
        eol: r.eol,
        problem: r.problem.clone(),
        fields: r.iter().map(<[u8]>::to_vec).collect(),
        starts: (0..=r.len()).map(|i| r.locate(Some(i))).collect(),
        multiline: r.multiline_fields().to_vec(),
    }
}

/// The first record on which the scanner, reading `bytes` at most `step` bytes
/// at a time, differs from the exact state machine; `None` when they agree on
/// every record.
#[doc(hidden)]
pub fn first_difference(
    bytes: &[u8],
    delimiter: u8,
    shape: Option<Shape>,
    step: usize,
) -> Option<String> {
    let mut fast = Scanner::new(Trickle { bytes, step }, delimiter);
    let mut exact = Scanner::new(bytes, delimiter).exact();
    if let Some(shape) = shape {
        fast.set_shape(shape);
        exact.set_shape(shape);
    }
    let (mut a, mut b) = (Record::default(), Record::default());
    loop {
        let got = fast.next_record(&mut a).map_err(|e| e.to_string());
        let want = exact.next_record(&mut b).map_err(|e| e.to_string());
        let got = got.map(|more| more.then(|| seen(&a)));
        let want = want.map(|more| more.then(|| seen(&b)));
        if got != want {
            return Some(format!("fast: {got:?}\nexact: {want:?}"));
        }
        if !matches!(got, Ok(Some(_))) {
            return None;
        }
    }
}
