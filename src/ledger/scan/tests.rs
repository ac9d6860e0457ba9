//! The scanner on every line end, quote and size it must survive.

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
