//! Property tests: no input makes a reader panic, and every window of every period
//! kind tiles the term with no gap and no overlap.

use chrono::{Duration, NaiveDate};
use medlofte::amount::Amount;
use medlofte::period::{Period, Term, Unit, windows};
use proptest::prelude::*;
use std::path::Path;

const PROMISES: &str = r#"title = "T"
start = 2019-01-01
end = 2019-12-31
parties = ["polisen"]

[[promise]]
id = "a"
min = 1
per = "week"

[[promise]]
id = "b"
unit = "timmar"
min = 2
per = "month"
each = ["X", "Y"]
"#;

fn date(days: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Duration::days(days)
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        Just(Period::Term),
        (0usize..6, 1u32..5).prop_map(|(u, n)| {
            let unit = Unit::ALL[u];
            let n = if matches!(unit, Unit::Week | Unit::Month) {
                n
            } else {
                1
            };
            Period::Every { unit, n }
        }),
    ]
}

/// Lines that look like ledger lines, with every kind of damage mixed in.
fn ledger_text() -> impl Strategy<Value = Vec<u8>> {
    let field = prop_oneof![
        Just("2019-03-01".to_string()),
        Just("a".to_string()),
        Just("b".to_string()),
        Just("X".to_string()),
        Just("1,5".to_string()),
        Just("\"q\"\"uoted, \n text\"".to_string()),
        "[0-9;,.\\-+: \"]{0,12}",
        any::<String>(),
    ];
    let line = prop::collection::vec(field, 0..8).prop_map(|f| f.join(","));
    (
        prop::collection::vec(line, 0..20),
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 0..20),
    )
        .prop_map(|(lines, crlf, noise)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text =
                format!("date,promise,count,by,note,place{end}{}", lines.join(end)).into_bytes();
            text.extend(noise);
            text
        })
}

fn read(bytes: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.csv");
    std::fs::write(&path, bytes).unwrap();
    let agreement = medlofte::promises::parse(Path::new("promises.toml"), PROMISES).unwrap();
    let mut n = 0;
    let report = medlofte::ledger::read_file(
        &path,
        &agreement,
        medlofte::ledger::Scrutiny::Everything { today: date(7000) },
        &mut |_| n += 1,
    );
    for d in &report.diagnostics {
        let text = d.render(false);
        assert!(text.contains("x.csv"), "{text}");
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn promises_parser_never_panics(text in any::<String>()) {
        let _ = medlofte::promises::parse(Path::new("p.toml"), &text);
    }

    #[test]
    fn promises_parser_never_panics_on_near_misses(extra in "[a-z_]{1,8} = (\"[a-z0-9 ]{0,10}\"|-?[0-9]{1,3}(\\.[0-9])?|20[0-9]{2}-[01][0-9]-[0-3][0-9]|\\[\\]|true)") {
        let text = format!("{PROMISES}{extra}\n");
        if let Err(e) = medlofte::promises::parse(Path::new("p.toml"), &text) {
            prop_assert!(e.to_string().contains("p.toml:"), "{}", e);
        }
    }

    #[test]
    fn ledger_reader_never_panics(bytes in ledger_text()) {
        read(&bytes);
    }

    #[test]
    fn ledger_reader_never_panics_on_raw_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        read(&bytes);
    }

    #[test]
    fn amounts_parse_or_refuse_and_round_trip(text in "[-+]?[0-9]{0,14}([.,][0-9]{0,8})?") {
        if let Ok(a) = Amount::parse(text.as_bytes(), true) {
            prop_assert_eq!(Amount::parse(a.to_string().as_bytes(), false), Ok(a));
        }
    }

    #[test]
    fn dates_parse_or_refuse(bytes in prop::collection::vec(any::<u8>(), 0..16)) {
        let _ = medlofte::ledger::parse_date(&bytes);
        let _ = medlofte::privacy::personal_number(&bytes);
    }

    #[test]
    fn windows_tile_the_term(per in period(), start in 0i64..12000, len in prop::option::of(0i64..1200), until_after in 0i64..1500) {
        let term = Term { start: date(start), end: len.map(|l| date(start + l)) };
        prop_assume!(per != Period::Term || term.end.is_some());
        let until = date(start + until_after);
        let ws = windows(per, &term, until);
        prop_assert!(!ws.is_empty());
        prop_assert_eq!(ws[0].span.start, term.start);
        for pair in ws.windows(2) {
            prop_assert_eq!(pair[1].span.start, pair[0].span.end + Duration::days(1), "gap or overlap");
            prop_assert_ne!(&pair[0].label, &pair[1].label);
        }
        for w in &ws {
            prop_assert!(w.span.start <= w.span.end);
            prop_assert!(w.period.start <= w.span.start && w.span.end <= w.period.end);
            prop_assert!(w.span.start <= until);
            prop_assert!(term.contains(w.span.start) && term.contains(w.span.end));
        }
        let last = ws.last().unwrap();
        match term.end {
            // The windows reach the end of the term, or past `until`.
            Some(end) if until >= end => prop_assert_eq!(last.span.end, end),
            _ => prop_assert!(last.span.end >= until),
        }
    }
}
