//! However a spreadsheet or a person writes a ledger, every line is counted
//! exactly, or the reader refuses and names a line: never a different count.

use medlofte::encoding::Encoding;
use medlofte::ledger::{Scrutiny, read_file};
use proptest::prelude::*;
use std::path::Path;

const PROMISES: &str = r#"title = "T"
start = 2019-01-01
end = 2019-12-31

[[promise]]
id = "narvaro"
title = "N"
min = 1
per = "week"

[[promise]]
id = "trafik"
title = "T"
"#;

#[derive(Debug, Clone)]
struct Line {
    day: u32,
    promise: usize,
    count: u32,
    note: String,
}

#[derive(Debug, Clone)]
struct Style {
    semicolon: bool,
    quote_all: bool,
    eol: &'static str,
    bom: bool,
    windows_1252: bool,
    blank_lines: bool,
    last_eol: bool,
}

fn line() -> impl Strategy<Value = Line> {
    let note = prop_oneof![
        Just(String::new()),
        Just("Torget, kväll".to_string()),
        Just("\"Lugnt\" vid gallerian".to_string()),
        Just("Hamnen; öppet hus".to_string()),
        Just("Möte\nuppföljning".to_string()),
        Just("rad\r\nny rad".to_string()),
        "[a-zåäö ,;\"]{0,12}",
    ];
    (0..365u32, 0..2usize, 1..6u32, note).prop_map(|(day, promise, count, note)| Line {
        day,
        promise,
        count,
        note,
    })
}

fn style() -> impl Strategy<Value = Style> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(semicolon, quote_all, eol, bom, windows_1252, blank_lines, last_eol)| Style {
                semicolon,
                quote_all,
                eol,
                bom,
                windows_1252,
                blank_lines,
                last_eol,
            },
        )
}

fn field(text: &str, style: &Style) -> String {
    let delimiter = if style.semicolon { ';' } else { ',' };
    let needs = text.contains([delimiter, '"', '\n', '\r']);
    if style.quote_all || needs {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn write(lines: &[Line], style: &Style) -> Vec<u8> {
    let delimiter = if style.semicolon { ";" } else { "," };
    let row = |fields: [&str; 4]| {
        fields
            .iter()
            .map(|f| field(f, style))
            .collect::<Vec<_>>()
            .join(delimiter)
    };
    let mut rows = vec![row(["date", "promise", "count", "note"])];
    for (i, l) in lines.iter().enumerate() {
        let date = chrono::NaiveDate::from_yo_opt(2019, l.day + 1).unwrap();
        let promise = ["narvaro", "trafik"][l.promise];
        rows.push(row([
            &date.to_string(),
            promise,
            &l.count.to_string(),
            &l.note,
        ]));
        if style.blank_lines && i % 3 == 0 {
            rows.push(String::new());
        }
    }
    let mut text = rows.join(style.eol);
    if style.last_eol {
        text.push_str(style.eol);
    }
    let mut bytes = if style.windows_1252 {
        Encoding::Windows1252.encode(&text).unwrap()
    } else {
        text.into_bytes()
    };
    if style.bom && !style.windows_1252 {
        bytes.splice(0..0, *b"\xef\xbb\xbf");
    }
    bytes
}

/// Totals per promise, and whether any error was reported.
fn read(bytes: &[u8]) -> ([i64; 2], bool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2019.csv");
    std::fs::write(&path, bytes).unwrap();
    let agreement = medlofte::promises::parse(Path::new("promises.toml"), PROMISES).unwrap();
    let mut totals = [0i64; 2];
    let report = read_file(&path, &agreement, Scrutiny::Figures, &mut |a| {
        totals[a.promise] += a.amount.micros();
        Ok(())
    });
    for d in &report.diagnostics {
        assert!(
            d.render(false).contains("2019.csv"),
            "a diagnostic names its file"
        );
    }
    let refused = report.diagnostics.iter().any(|d| d.is_error());
    (totals, refused)
}

fn truth(lines: &[Line]) -> [i64; 2] {
    let mut totals = [0i64; 2];
    for l in lines {
        totals[l.promise] += i64::from(l.count) * 1_000_000;
    }
    totals
}

proptest! {
    // PROPTEST_CASES=20000 for a longer run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn every_valid_line_counts_exactly_however_it_is_written(
        lines in prop::collection::vec(line(), 0..30),
        style in style(),
    ) {
        let (totals, refused) = read(&write(&lines, &style));
        prop_assert!(!refused, "{:?}", style);
        prop_assert_eq!(totals, truth(&lines));
    }

    #[test]
    fn a_damaged_file_counts_exactly_or_names_a_line(
        lines in prop::collection::vec(line(), 1..30),
        style in style(),
        at in any::<prop::sample::Index>(),
        damage in 0..4usize,
    ) {
        let mut bytes = write(&lines, &style);
        let delimiter = if style.semicolon { b';' } else { b',' };
        let i = at.index(bytes.len());
        match damage {
            0 => {
                if let Some(q) = bytes.iter().skip(i).position(|&b| b == b'"') {
                    bytes.remove(i + q);
                }
            }
            1 => bytes.insert(i, b'"'),
            2 => bytes.insert(i, delimiter),
            _ => bytes.truncate(i),
        }
        let (totals, refused) = read(&bytes);
        let truth = truth(&lines);
        if damage == 3 {
            // A file cut short has lost lines, but never counts more than it held.
            prop_assert!(refused || (totals[0] <= truth[0] && totals[1] <= truth[1]));
        } else {
            prop_assert!(refused || totals == truth, "{:?} -> {:?} in {:?}", truth, totals, String::from_utf8_lossy(&bytes));
        }
    }
}
