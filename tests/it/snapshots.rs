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
