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
        medlofte::ledger::Scrutiny::Everything {
            today: date(7000),
            completed: &[],
        },
        &mut |_| {
            n += 1;
            Ok(())
        },
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
            prop_assert_ne!(pair[0].name.code(), pair[1].name.code());
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

/// Reads `ledger` for the agreement in `toml` and reports as of `as_of`.
fn report_of(toml: &str, ledger: &str, as_of: NaiveDate) -> Vec<medlofte::compliance::Row> {
    let agreement = medlofte::promises::parse(Path::new("p.toml"), toml).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.csv");
    std::fs::write(&path, ledger).unwrap();
    let mut tally = medlofte::tally::Tally::new(&agreement);
    let report = medlofte::ledger::read_file(
        &path,
        &agreement,
        medlofte::ledger::Scrutiny::Figures,
        &mut |a| tally.add(&agreement, a),
    );
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    medlofte::compliance::report(
        &agreement,
        &tally.freeze(&agreement),
        as_of,
        None,
        None,
        &[],
    )
}

const PARTS: &str = r#"title = "T"
start = 2021-01-01
end = 2021-12-31

[[promise]]
id = "vandringar"
min = 5
per = "quarter"

[[promise]]
id = "centrum"
part_of = "vandringar"
min = 1
per = "quarter"

[[promise]]
id = "centrum-natt"
part_of = "centrum"
min = 1
per = "quarter"

[[promise]]
id = "hamnen"
part_of = "vandringar"
min = 1
per = "quarter"

[[promise]]
id = "fot"
min = 3
per = "month"
each = ["Norr", "Söder", "Väster"]
"#;

fn activity() -> impl Strategy<Value = (i64, usize, u32, usize)> {
    (0i64..400, 0usize..5, 1u32..4, 0usize..3)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A parent's done is its own activities plus its children's done, window by
    /// window, through chains; a child outside a parent's places counts nowhere.
    #[test]
    fn part_of_counts_are_the_sum_of_their_parts(acts in prop::collection::vec(activity(), 0..60), as_of in 0i64..400) {
        let ids = ["vandringar", "centrum", "centrum-natt", "hamnen", "fot"];
        let places = ["Norr", "Söder", "Väster"];
        let day0 = NaiveDate::from_ymd_opt(2020, 12, 1).unwrap();
        let mut ledger = String::from("date,promise,count,place\n");
        for (day, p, n, place) in &acts {
            let place = if *p == 4 { places[*place] } else { "" };
            ledger += &format!("{},{},{n},{place}\n", day0 + Duration::days(*day), ids[*p]);
        }
        let as_of = day0 + Duration::days(as_of);
        let rows = report_of(PARTS, &ledger, as_of);
        let done = |name: &str, label: &str| rows.iter().find(|r| r.name == name && r.label() == label).map(|r| r.done.micros());
        let own = |id: usize, label: &str| {
            let w = rows.iter().find(|r| r.label() == label).unwrap().span;
            acts.iter()
                .filter(|(d, p, _, _)| *p == id && w.contains(day0 + Duration::days(*d)) && day0 + Duration::days(*d) <= as_of)
                .map(|(_, _, n, _)| i64::from(*n) * 1_000_000)
                .sum::<i64>()
        };
        for label in rows.iter().filter(|r| r.name == "vandringar").map(|r| r.label()) {
            let (v, c, cn, h) = (done("vandringar", &label), done("centrum", &label), done("centrum-natt", &label), done("hamnen", &label));
            prop_assert_eq!(c, Some(own(1, &label) + cn.unwrap()));
            prop_assert_eq!(v, Some(own(0, &label) + c.unwrap() + h.unwrap()));
        }
    }

    /// The rows of a promise kept per place add up to all its activities.
    #[test]
    fn each_rows_add_up_to_the_activities_logged(acts in prop::collection::vec(activity(), 0..60)) {
        let places = ["Norr", "Söder", "Väster"];
        let day0 = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
        let mut ledger = String::from("date,promise,count,place\n");
        let mut total = 0i64;
        for (day, _, n, place) in &acts {
            let day = day % 365;
            ledger += &format!("{},fot,{n},{}\n", day0 + Duration::days(day), places[*place]);
            total += i64::from(*n);
        }
        let rows = report_of(PARTS, &ledger, NaiveDate::from_ymd_opt(2021, 12, 31).unwrap());
        let fot: Vec<_> = rows.iter().filter(|r| r.name.starts_with("fot:")).collect();
        prop_assert_eq!(fot.len(), 36, "12 months for each of three places");
        prop_assert_eq!(fot.iter().map(|r| r.done.micros()).sum::<i64>(), total * 1_000_000);
        for (i, place) in places.iter().enumerate() {
            let logged: i64 = acts.iter().filter(|a| a.3 == i).map(|a| i64::from(a.2)).sum();
            let rows: i64 = fot.iter().filter(|r| r.name == format!("fot:{place}")).map(|r| r.done.micros()).sum();
            prop_assert_eq!(rows, logged * 1_000_000);
        }
    }
}
