//! The fast path against the exact state machine on bytes chosen to break it,
//! and against the `csv` crate on what a CSV writer writes.

use super::{Record, Scanner, Shape, first_difference};
use proptest::prelude::*;

const SHAPE: Shape = Shape {
    columns: 6,
    date: 0,
    promise: 1,
};

/// Hundreds of cases per plain `cargo test`, thousands in release mode;
/// PROPTEST_CASES sets another number.
fn cases() -> u32 {
    let default = if cfg!(debug_assertions) { 400 } else { 5000 };
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

/// Pieces of ledger-like text: every byte the scanner treats apart, text that
/// looks like the start of a record, multi-byte UTF-8, and runs long enough to
/// outreach the fast path.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::sample::select(&b"\",;\n\r"[..]).prop_map(|b| vec![b]),
        2 => Just(b"\"\"".to_vec()),
        2 => Just(b"\r\n".to_vec()),
        2 => "[a-z0-9 -]{1,8}".prop_map(String::into_bytes),
        1 => Just(b"2019-03-04,narvaro,".to_vec()),
        1 => Just("åäö – Öxnehaga".as_bytes().to_vec()),
        1 => Just(b"\0".to_vec()),
        1 => (1..200usize).prop_map(|n| vec![b'x'; n]),
        1 => any::<u8>().prop_map(|b| vec![b]),
    ]
}

fn ledgerish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece(), 0..80).prop_map(|p| p.concat())
}

fn step() -> impl Strategy<Value = usize> {
    prop_oneof![1..8usize, 8..300usize, Just(usize::MAX)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Any bytes: the same records, fields, line numbers and problems, however
    /// the reads fall.
    #[test]
    fn the_fast_path_reads_as_the_state_machine(
        bytes in ledgerish(),
        semicolon in any::<bool>(),
        shaped in any::<bool>(),
        step in step(),
    ) {
        let delimiter = if semicolon { b';' } else { b',' };
        let shape = shaped.then_some(SHAPE);
        let diff = first_difference(&bytes, delimiter, shape, step);
        prop_assert!(diff.is_none(), "{:?}\n{}", String::from_utf8_lossy(&bytes), diff.unwrap_or_default());
    }

    /// What a CSV writer writes, the `csv` crate and the scanner read alike.
    #[test]
    fn the_fast_path_reads_as_the_csv_crate(
        rows in prop::collection::vec(
            prop::collection::vec("[a-zå\",;\n\r x]{0,12}|x{60,140}", 1..7), 1..20),
        terminator in 0..3usize,
        semicolon in any::<bool>(),
        quote_all in any::<bool>(),
        step in step(),
    ) {
        let delimiter = if semicolon { b';' } else { b',' };
        let term = [csv::Terminator::Any(b'\n'), csv::Terminator::CRLF, csv::Terminator::Any(b'\r')][terminator];
        let style = if quote_all { csv::QuoteStyle::Always } else { csv::QuoteStyle::Necessary };
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(term)
            .quote_style(style)
            .flexible(true)
            .from_writer(Vec::new());
        for row in &rows {
            w.write_record(row).unwrap();
        }
        let bytes = w.into_inner().unwrap();
        let mut theirs = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(&bytes[..]);
        let want: Vec<Vec<Vec<u8>>> = theirs
            .byte_records()
            .map(|r| r.unwrap().iter().map(<[u8]>::to_vec).collect())
            .collect();
        let mut ours = Scanner::new(&bytes[..], delimiter);
        let mut r = Record::default();
        let mut got = Vec::new();
        while ours.next_record(&mut r).unwrap() {
            prop_assert_eq!(&r.problem, &None);
            got.push(r.iter().map(<[u8]>::to_vec).collect::<Vec<_>>());
        }
        prop_assert_eq!(got, want);
        prop_assert!(first_difference(&bytes, delimiter, None, step).is_none());
    }
}

#[test]
fn lines_cut_by_a_read_are_whole_again() {
    let text = b"a,\"b\"\"c\",d\r\n\"e\",f\rg;h\n\"open\nx\n";
    for step in 1..text.len() + 1 {
        for delimiter in [b',', b';'] {
            let diff = first_difference(text, delimiter, Some(SHAPE), step);
            assert!(diff.is_none(), "step {step}: {}", diff.unwrap_or_default());
        }
    }
}
