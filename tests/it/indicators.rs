//! Indicators (SPEC, "The written follow-up"): `[[indicator]]` in promises.toml,
//! values in indicators/*.csv, `medlofte indicators` in every format, and what
//! `check` and the reading commands refuse, each at its file, line and column.

use crate::common::{Test, WEEKLY_2019};
use medlofte::model::Agreement;
use proptest::prelude::*;
use std::path::Path;

/// Two indicators: moped offences per quarter (lower is better, no baseline: the
/// first value stands in) and a yearly survey share (higher, with a baseline).
const INDICATORS: &str = r#"
[[indicator]]
id = "buskorning"
title = "Anmälningar om buskörning med moped"
per = "quarter"
better = "lower"
unit = "anmälningar"
target = 20

[[indicator]]
id = "trygghet"
title = "Andel trygga i centrum"
per = "year"
better = "higher"
baseline = 64
target = 75
"#;

const HEADER: &str = "period,indicator,value,source\n";

/// Q1 has no value, so Q2's 31 is the baseline (not better than itself); Q3's 24
/// is better than 31; Q4's 20 reaches the target exactly: met. The survey's 64.5
/// is better than the baseline 64 but short of 75.
const VALUES: &str = "2019-Q2,buskorning,31,BRÅ (påhittat)\n\
                      2019-Q3,buskorning,24,BRÅ (påhittat)\n\
                      2019-Q4,buskorning,20,BRÅ (påhittat)\n\
                      2019,trygghet,64.5,enkät (påhittat)\n";

fn project() -> Test {
    Test::new(&format!("{WEEKLY_2019}{INDICATORS}"))
}

fn with_values(values: &str) -> Test {
    project().file("indicators/2019.csv", format!("{HEADER}{values}"))
}

const CSV: &str = "indicator,period,start,end,value,baseline,target,verdict\n\
                   buskorning,2019-Q1,2019-01-01,2019-03-31,,31,20,no-value\n\
                   buskorning,2019-Q2,2019-04-01,2019-06-30,31,31,20,not-better\n\
                   buskorning,2019-Q3,2019-07-01,2019-09-30,24,31,20,better\n\
                   buskorning,2019-Q4,2019-10-01,2019-12-31,20,31,20,met\n\
                   trygghet,2019,2019-01-01,2019-12-31,64.5,64,75,better\n";

#[test]
fn csv_has_spec_fields_every_verdict_and_the_first_value_as_baseline() {
    with_values(VALUES)
        .args(["indicators", "--format", "csv", "--as-of", "2019-12-31"])
        .run()
        .code(0)
        .stderr_is("")
        .stdout_is(CSV);
}

#[test]
fn only_periods_begun_by_as_of_are_shown_and_later_values_are_no_baseline() {
    // As of 2019-05-02, Q1 and Q2 have begun; Q2's 31 is the first value.
    with_values(VALUES)
        .args(["indicators", "--format", "csv", "--as-of", "2019-05-02"])
        .run()
        .code(0)
        .stdout_is(
            "indicator,period,start,end,value,baseline,target,verdict\n\
             buskorning,2019-Q1,2019-01-01,2019-03-31,,31,20,no-value\n\
             buskorning,2019-Q2,2019-04-01,2019-06-30,31,31,20,not-better\n\
             trygghet,2019,2019-01-01,2019-12-31,64.5,64,75,better\n",
        );
    // Before Q2 has begun there is no value, so no baseline either.
    with_values(VALUES)
        .args(["indicators", "--format", "csv", "--as-of", "2019-03-31"])
        .run()
        .code(0)
        .stdout_has("buskorning,2019-Q1,2019-01-01,2019-03-31,,,20,no-value\n");
}

#[test]
fn json_has_numbers_and_nulls() {
    with_values(VALUES)
        .args(["indicators", "--format", "json", "--as-of", "2019-12-31"])
        .run()
        .code(0)
        .stdout_has(
            "[\n  {\"indicator\": \"buskorning\", \"period\": \"2019-Q1\", \"start\": \"2019-01-01\", \
             \"end\": \"2019-03-31\", \"value\": null, \"baseline\": 31, \"target\": 20, \
             \"verdict\": \"no-value\"},\n",
        )
        .stdout_has(
            "{\"indicator\": \"trygghet\", \"period\": \"2019\", \"start\": \"2019-01-01\", \
             \"end\": \"2019-12-31\", \"value\": 64.5, \"baseline\": 64, \"target\": 75, \
             \"verdict\": \"better\"}\n]\n",
        );
}

#[test]
fn tables_and_markdown_follow_the_language() {
    let t = with_values(VALUES);
    t.run_args(["indicators", "--as-of", "2019-12-31", "--lang", "sv"])
        .code(0)
        .stdout_is(
            "T, läget per 2019-12-31\n\n\
             Indikator   Period          Från        Till        Värde  Utgångsläge  Mål  Bedömning\n\
             ─────────── ─────────────── ─────────── ─────────── ────── ──────────── ──── ───────────\n\
             buskorning  kvartal 1 2019  2019-01-01  2019-03-31                  31   20  inget värde\n\
             buskorning  kvartal 2 2019  2019-04-01  2019-06-30     31           31   20  inte bättre\n\
             buskorning  kvartal 3 2019  2019-07-01  2019-09-30     24           31   20  bättre\n\
             buskorning  kvartal 4 2019  2019-10-01  2019-12-31     20           31   20  uppnått\n\
             trygghet    2019            2019-01-01  2019-12-31   64,5           64   75  bättre\n",
        );
    t.run_args(["indicators", "--as-of", "2019-12-31", "--lang", "en"])
        .code(0)
        .stdout_has(
            "Indicator   Period   Start       End         Value  Baseline  Target  Verdict\n",
        )
        .stdout_has(
            "buskorning  Q1 2019  2019-01-01  2019-03-31               31      20  no value\n",
        )
        .stdout_has(
            "buskorning  Q2 2019  2019-04-01  2019-06-30     31        31      20  not better\n",
        )
        .stdout_has(
            "trygghet    2019     2019-01-01  2019-12-31   64.5        64      75  better\n",
        );
    t.run_args(["indicators", "--as-of", "2019-12-31", "--format", "markdown", "--lang", "sv"])
        .code(0)
        .stdout_is(
            "| Indikator | Period | Från | Till | Värde | Utgångsläge | Mål | Bedömning |\n\
             | --- | --- | --- | --- | ---: | ---: | ---: | --- |\n\
             | buskorning | kvartal 1 2019 | 2019-01-01 | 2019-03-31 |  | 31 | 20 | inget värde |\n\
             | buskorning | kvartal 2 2019 | 2019-04-01 | 2019-06-30 | 31 | 31 | 20 | inte bättre |\n\
             | buskorning | kvartal 3 2019 | 2019-07-01 | 2019-09-30 | 24 | 31 | 20 | bättre |\n\
             | buskorning | kvartal 4 2019 | 2019-10-01 | 2019-12-31 | 20 | 31 | 20 | uppnått |\n\
             | trygghet | 2019 | 2019-01-01 | 2019-12-31 | 64,5 | 64 | 75 | bättre |\n",
        );
    t.run_args(["indicators", "--format", "html"])
        .code(2)
        .stderr_has("--format html is the follow-up: use it with `medlofte report`");
}

#[test]
fn higher_is_met_at_the_target_and_not_better_at_the_baseline() {
    // The survey reaches 75 exactly: met. Lower: 31 equal to its own baseline.
    with_values("2019,trygghet,75,enkät\n")
        .args(["indicators", "--format", "csv", "--as-of", "2019-12-31"])
        .run()
        .code(0)
        .stdout_has("trygghet,2019,2019-01-01,2019-12-31,75,64,75,met\n");
    with_values("2019,trygghet,64,enkät\n")
        .args(["indicators", "--format", "csv", "--as-of", "2019-12-31"])
        .run()
        .code(0)
        .stdout_has("trygghet,2019,2019-01-01,2019-12-31,64,64,75,not-better\n");
}

#[test]
fn without_values_or_indicators_there_is_still_an_answer() {
    // No indicators/ folder: every period has no value.
    project()
        .args(["indicators", "--format", "csv", "--as-of", "2019-02-01"])
        .run()
        .code(0)
        .stdout_is(
            "indicator,period,start,end,value,baseline,target,verdict\n\
             buskorning,2019-Q1,2019-01-01,2019-03-31,,,20,no-value\n\
             trygghet,2019,2019-01-01,2019-12-31,,64,75,no-value\n",
        );
    let none = Test::new(WEEKLY_2019);
    none.run_args(["indicators", "--format", "csv"])
        .code(0)
        .stdout_is("indicator,period,start,end,value,baseline,target,verdict\n");
    none.run_args(["indicators", "--lang", "en"])
        .code(0)
        .stdout_has("No indicators to show");
}

#[test]
fn an_open_ended_term_has_periods_up_to_as_of() {
    let open = WEEKLY_2019.replace("end = 2019-12-31\n", "");
    Test::new(&format!("{open}{INDICATORS}"))
        .file(
            "indicators/x.csv",
            format!("{HEADER}2021-Q1,buskorning,7,x\n"),
        )
        .args(["indicators", "--format", "csv", "--as-of", "2021-01-01"])
        .run()
        .code(0)
        .stdout_has("buskorning,2020-Q4,2020-10-01,2020-12-31,,7,20,no-value\n")
        .stdout_has("buskorning,2021-Q1,2021-01-01,2021-03-31,7,7,20,met\n")
        .stdout_has("trygghet,2021,2021-01-01,2021-12-31,,64,75,no-value\n")
        .stdout_lacks("2021-Q2");
}

#[test]
fn spreadsheet_files_read_as_plain_ones() {
    // Byte-order mark, CRLF, `;` with decimal commas, another column order and
    // case, a column of the file's own.
    let excel = "\u{feff}Källa;Value;Indicator;Period;Egen\r\n\
                 BRÅ;31;buskorning;2019-Q2;x\r\n\
                 BRÅ;24;buskorning;2019-Q3;x\r\n\
                 \r\n\
                 BRÅ;20,0;buskorning;2019-q4;x\r\n\
                 enkät;64,5;trygghet;2019;x\r\n";
    project()
        .file("indicators/excel.csv", excel)
        .args(["indicators", "--format", "csv", "--as-of", "2019-12-31"])
        .run()
        .code(0)
        .stdout_is(CSV);
    // Split over two files, one with CR line ends: the same figures.
    let (first, second) = VALUES.split_at(VALUES.find("2019-Q4").unwrap());
    project()
        .file(
            "indicators/a.csv",
            format!("{HEADER}{first}").replace('\n', "\r"),
        )
        .file("indicators/b.csv", format!("{HEADER}{second}"))
        .args(["indicators", "--format", "csv", "--as-of", "2019-12-31"])
        .run()
        .code(0)
        .stdout_is(CSV);
}

/// `check` names each problem at its line and column, all of them at once, and
/// exits 1; `indicators` refuses the same file with exit 2.
#[test]
fn every_broken_line_is_named_with_what_to_write() {
    let t = with_values(
        "2019-Q2,buskorning,31,x\n\
         2019-Q3,buskornig,24,x\n\
         2019-03,buskorning,5,x\n\
         2019-Q5,buskorning,5,x\n\
         2020-Q1,buskorning,5,x\n\
         2019-Q2,buskorning,30,x\n\
         2019-Q4,buskorning,12%,x\n\
         2019,trygghet,\"64,5\",x\n\
         2019-Q4,buskorning,,x\n\
         2019,narvaro,3,x\n\
         Q3 2019,buskorning,3,x\n",
    );
    let out = t.run_args(["check"]).code(1);
    for expected in [
        "indicators/2019.csv:3:9: error: unknown indicator \"buskornig\" — did you mean \"buskorning\"?",
        "indicators/2019.csv:4:1: error: 2019-03 is a month, but \"buskorning\" is counted per quarter — write the quarter the figure is for, e.g. 2019-Q1",
        "indicators/2019.csv:5:1: error: there is no quarter \"2019-Q5\" — \"buskorning\" is counted per quarter: write its period as report does, e.g. 2019-Q1",
        "indicators/2019.csv:6:1: error: 2020-Q1 is outside the agreement's term 2019-01-01..2019-12-31",
        "indicators/2019.csv:7:1: error: a second value for \"buskorning\" in 2019-Q2; the first is on line 2",
        "indicators/2019.csv:8:20: error: value \"12%\" is not a number — write a plain number such as 12 or 12.5",
        "indicators/2019.csv:9:15: error: value \"64,5\" is not a number — write a decimal point (1.5): a decimal comma is read only in a file separated by ;",
        "indicators/2019.csv:10:20: error: the line has no value",
        "indicators/2019.csv:11:6: error: unknown indicator \"narvaro\" — \"narvaro\" is a promise or an event: its lines go in ledger/, not here",
        "indicators/2019.csv:12:1: error: \"Q3 2019\" is not a period — \"buskorning\" is counted per quarter",
        "10 error(s), 0 warning(s) in promises.toml and 0 ledger file(s), 0 line(s); 1 indicator file(s), 11 line(s)",
    ] {
        assert!(out.stderr.contains(expected), "lacks {expected:?}\n{out}");
    }
    t.run_args(["indicators"])
        .code(2)
        .stderr_has("indicators/2019.csv:3:9: error: unknown indicator \"buskornig\"")
        .stdout_is("");
}

#[test]
fn a_second_value_in_another_file_names_that_file() {
    project()
        .file(
            "indicators/a.csv",
            format!("{HEADER}2019-Q2,buskorning,31,x\n"),
        )
        .file(
            "indicators/b.csv",
            format!("{HEADER}\n2019-Q2,buskorning,30,x\n"),
        )
        .args(["check"])
        .run()
        .code(1)
        .stderr_has(
            "/b.csv:3:1: error: a second value for \"buskorning\" in 2019-Q2; the first is on ",
        )
        .stderr_has("a.csv, line 2 — keep one value per indicator and period");
}

#[test]
fn the_header_and_the_shape_of_a_line_are_checked_as_in_the_ledger() {
    for (file, expected) in [
        (
            "period,indicator,source\n2019,trygghet,x\n",
            "x.csv:1:1: error: the header has no `value` column — the first line must name the columns, e.g. period,indicator,value,source",
        ),
        (
            "period,indikator,value\n2019,trygghet,3\n",
            "x.csv:1:8: error: the header names a column `indikator`, which medlofte does not know — did you mean `indicator`?",
        ),
        (
            "period,indicator,value\n2019,trygghet,64,5\n",
            "x.csv:2:18: error: this line has 4 fields, but the header names 3 columns",
        ),
        (
            "period,indicator,value\n2019,\"trygghet,3\n2019,trygghet,4\n",
            "x.csv:2:6: error: the quote opened on line 2, column 6 is never closed",
        ),
    ] {
        project()
            .file("indicators/x.csv", file)
            .args(["check"])
            .run()
            .code(1)
            .stderr_has(expected);
    }
}

#[test]
fn check_warns_about_periods_that_have_not_begun_and_formulas() {
    with_values("2019-Q4,buskorning,3,=SUM(A1)\n")
        .env("MEDLOFTE_TODAY", "2019-08-01")
        .args(["check"])
        .run()
        .code(0)
        .stderr_has(
            "indicators/2019.csv:2:1: warning: 2019-Q4 has not begun yet (today is 2019-08-01)",
        )
        .stderr_has("indicators/2019.csv:2:22: warning: `source` starts with = + - or @");
}

#[test]
fn a_personal_number_in_a_source_is_never_printed() {
    // The Luhn-valid number is an error in check, masked in its excerpt; on a line
    // with another error it is masked too; no format of `indicators` shows it.
    let t = with_values(
        "2019-Q2,buskorning,31,samtal med 811218-9876\n\
         2019-Q3,buskornig,24,811218-9876\n",
    );
    t.run_args(["check"])
        .code(1)
        .stderr_has("indicators/2019.csv:2:23: error: `source` holds what looks like a personal identity number")
        .stderr_has("******-****")
        .stderr_lacks("9876");
    t.run_args(["indicators"]).code(2).stderr_lacks("9876");
    let fixed = with_values("2019-Q2,buskorning,31,samtal med 811218-9876\n");
    for format in ["table", "csv", "json", "markdown"] {
        fixed
            .run_args(["indicators", "--format", format, "--as-of", "2019-12-31"])
            .code(0)
            .stdout_lacks("9876")
            .stderr_lacks("9876");
    }
}

#[test]
fn promises_toml_names_each_indicator_problem_where_it_is() {
    let broken = "\n[[indicator]]\nid = \"narvaro\"\ntitle = \"N\"\nper = \"quarterly\"\nbetter = \"lower\"\n\
                  \n[[indicator]]\nid = \"b\"\ntitle = \"B\"\nper = \"term\"\nbetter = \"högre\"\nbasline = 3\n";
    let t = Test::new(&format!("{WEEKLY_2019}{broken}"));
    t.run_args(["check"])
        .code(1)
        .stderr_has("promises.toml:13:6: error: id \"narvaro\" is used twice — promises, events and indicators share one set of ids")
        .stderr_has("promises.toml:15:7: error: `per = \"quarterly\"` is not a period an indicator is measured in — did you mean \"quarter\"?")
        .stderr_has("promises.toml:21:7: error: `per = \"term\"` is not a period an indicator is measured in — an indicator has one figure per calendar period")
        .stderr_has("promises.toml:22:10: error: `better = \"högre\"` says neither lower nor higher — did you mean \"higher\"?")
        .stderr_has("promises.toml:23:1: error: unknown key `basline` in an indicator — did you mean \"baseline\"?");
    t.run_args(["indicators"])
        .code(2)
        .stderr_has("promises.toml:13:6: error: id \"narvaro\" is used twice");
}

#[test]
fn an_indicator_id_in_the_ledger_says_where_its_values_go() {
    let t = project().ledger("2019.csv", "date,promise\n2019-03-01,buskorning\n");
    t.run_args(["check"])
        .code(1)
        .stderr_has("ledger/2019.csv:2:12: error: unknown promise \"buskorning\" — \"buskorning\" is an indicator: its values go in indicators/");
    project()
        .args(["log", "buskorning", "--date", "2019-03-01"])
        .run()
        .code(2)
        .stderr_has("\"buskorning\" is an indicator: its values go in indicators/*.csv");
}

#[test]
fn the_shipped_example_has_indicators_and_checks_clean() {
    Test::example()
        .args(["indicators", "--format", "csv", "--as-of", "2019-12-31"])
        .run()
        .code(0)
        .stdout_is(
            "indicator,period,start,end,value,baseline,target,verdict\n\
             buskorning,2019-Q1,2019-01-01,2019-03-31,31,31,20,not-better\n\
             buskorning,2019-Q2,2019-04-01,2019-06-30,24,31,20,better\n\
             buskorning,2019-Q3,2019-07-01,2019-09-30,19,31,20,met\n\
             buskorning,2019-Q4,2019-10-01,2019-12-31,26,31,20,better\n\
             trygghet,2019,2019-01-01,2019-12-31,68.5,64,75,better\n",
        );
    let source = std::fs::read_to_string(crate::common::repo_root().join("indicators/2019.csv"))
        .expect("the example's values");
    assert!(
        source
            .lines()
            .skip(1)
            .all(|l| l.ends_with(",påhittade siffror (exempel)")),
        "every figure of the example is marked as invented:\n{source}"
    );
}

/// Reads `bytes` as the only indicator file of a two-indicator agreement, as
/// `check` and as `indicators` do, and renders the rows in every form.
fn read_any(bytes: &[u8]) {
    static AGREEMENT: std::sync::OnceLock<Agreement> = std::sync::OnceLock::new();
    let agreement = AGREEMENT.get_or_init(|| {
        medlofte::promises::parse(Path::new("p.toml"), &format!("{WEEKLY_2019}{INDICATORS}"))
            .expect("the agreement")
    });
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("x.csv"), bytes).expect("write");
    let today = chrono::NaiveDate::from_ymd_opt(2019, 6, 1);
    for today in [None, today] {
        let read = medlofte::indicators::read_dir(dir.path(), agreement, today).expect("a folder");
        for d in &read.diagnostics {
            assert!(d.render(false).contains("x.csv"), "{}", d.render(false));
        }
        let as_of = chrono::NaiveDate::from_ymd_opt(2019, 12, 31).expect("a day");
        let rows = medlofte::compliance::indicator_rows(agreement, &read.values, as_of);
        for form in [
            medlofte::render::Rows::Table,
            medlofte::render::Rows::Csv,
            medlofte::render::Rows::Json,
            medlofte::render::Rows::Markdown,
        ] {
            medlofte::render::indicators::render(
                agreement,
                &rows,
                form,
                medlofte::i18n::Lang::Sv,
                medlofte::render::table::Screen {
                    color: false,
                    width: None,
                },
            );
        }
    }
}

fn near_lines() -> impl Strategy<Value = Vec<u8>> {
    let field = prop_oneof![
        Just("2019-Q1".to_string()),
        Just("2019".to_string()),
        Just("2019-W53".to_string()),
        Just("buskorning".to_string()),
        Just("trygghet".to_string()),
        Just("\"1,5\"".to_string()),
        Just("811218-9876".to_string()),
        "[-0-9.,;\"QWTH ]{0,8}",
    ];
    let line = prop::collection::vec(field, 0..6).prop_map(|f| f.join(","));
    (
        prop::collection::vec(line, 0..12),
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 0..16),
    )
        .prop_map(|(lines, crlf, noise)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = format!("{}{end}{}", HEADER.trim_end(), lines.join(end)).into_bytes();
            text.extend(noise);
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_in_an_indicator_file_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        read_any(&bytes);
    }

    #[test]
    fn near_miss_lines_never_panic(bytes in near_lines()) {
        read_any(&bytes);
    }
}
