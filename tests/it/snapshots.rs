//! Snapshots of what people read, in Swedish and in English, on the shipped
//! example at a fixed as-of day. A change to any of them shows up as a diff to
//! review (`cargo insta review`, or INSTA_UPDATE=always and `git diff`).

use crate::common::{repo_root, run_in};

const AS_OF: &str = "2019-10-15";

fn output(args: &[&str]) -> String {
    let out = run_in(&repo_root(), args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

#[test]
fn status_tables() {
    insta::assert_snapshot!(
        "status_sv",
        output(&["status", "--as-of", AS_OF, "--lang", "sv"])
    );
    insta::assert_snapshot!(
        "status_en",
        output(&["status", "--as-of", AS_OF, "--lang", "en"])
    );
}

#[test]
fn report_tables() {
    let args = ["report", "--as-of", AS_OF, "--from", "2019-09-23", "--lang"];
    insta::assert_snapshot!("report_sv", output(&[&args[..], &["sv"]].concat()));
    insta::assert_snapshot!("report_en", output(&[&args[..], &["en"]].concat()));
}

#[test]
fn calendars() {
    insta::assert_snapshot!(
        "calendar_sv",
        output(&["calendar", "--as-of", AS_OF, "--lang", "sv"])
    );
    insta::assert_snapshot!(
        "calendar_en",
        output(&["calendar", "--as-of", AS_OF, "--lang", "en"])
    );
}

#[test]
fn markdown_follow_ups() {
    let args = [
        "report",
        "--format",
        "markdown",
        "--notes",
        "--as-of",
        AS_OF,
        "--promise",
        "insatser",
        "--promise",
        "foraldrar",
        "--promise",
        "sammanstallning",
        "--lang",
    ];
    insta::assert_snapshot!("followup_sv", output(&[&args[..], &["sv"]].concat()));
    insta::assert_snapshot!("followup_en", output(&[&args[..], &["en"]].concat()));
}

#[test]
fn promise_lists() {
    insta::assert_snapshot!("promises_sv", output(&["promises", "--lang", "sv"]));
    insta::assert_snapshot!("promises_en", output(&["promises", "--lang", "en"]));
}

/// The shipped example as a terminal `COLUMNS` wide shows it.
fn at_width(columns: &str, args: &[&str]) -> String {
    let out = crate::common::Test::example()
        .env("COLUMNS", columns)
        .args(args)
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Nothing is wrapped, and every line fits.
    for line in out.stdout.lines() {
        assert!(
            line.chars().count() <= columns.parse().unwrap(),
            "{columns} columns: {line:?}"
        );
    }
    out.stdout
}

#[test]
fn narrow_terminals_in_both_languages() {
    for columns in ["60", "80"] {
        for lang in ["sv", "en"] {
            let name = |what: &str| format!("{what}_{columns}_{lang}");
            let status = at_width(columns, &["status", "--as-of", AS_OF, "--lang", lang]);
            insta::assert_snapshot!(name("status"), status);
            let report = [
                "report",
                "--as-of",
                AS_OF,
                "--from",
                "2019-09-23",
                "--lang",
                lang,
            ];
            insta::assert_snapshot!(name("report"), at_width(columns, &report));
            let calendar = ["calendar", "--as-of", AS_OF, "--lang", lang];
            insta::assert_snapshot!(name("calendar"), at_width(columns, &calendar));
        }
    }
}
