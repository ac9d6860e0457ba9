//! End to end: the real binary on temp folders, every subcommand, every exit code.

use crate::common::{HEADER, Project, Test, run_from, run_in};
use std::path::Path;

const WEEKLY: &str = r#"
title = "Test"
start = 2019-01-01
end = 2019-12-31
parties = ["polisen", "kommunen"]

[[promise]]
id = "narvaro"
title = "Minst en gång i veckan"
min = 1
per = "week"

[[promise]]
id = "insatser"
title = "Minst två gånger per halvår"
min = 2
per = "half-year"

[[promise]]
id = "trafik"
title = "Spåras"

[[promise]]
id = "sammanstallning"
title = "Skriftlig sammanställning"
due = 2020-02-29
"#;

fn ledger() -> String {
    format!(
        "{HEADER}2019-01-02,narvaro,,polisen,Torget\n2019-02-14,insatser,1,polisen,\"Centrum, kväll\"\n2019-03-01,trafik,3,polisen,E4\n"
    )
}

fn weekly() -> Project {
    let p = Project::new(WEEKLY);
    p.ledger("2019.csv", &ledger());
    p
}

// ---- report ----------------------------------------------------------------

#[test]
fn report_csv_has_specs_fields_and_rows_in_promise_order() {
    weekly()
        .run(&["report", "--format", "csv", "--as-of", "2019-01-09"])
        .code(0)
        .stdout_is(
            "promise,period,start,end,required,done,status\n\
         narvaro,2019-W01,2019-01-01,2019-01-06,1,1,met\n\
         narvaro,2019-W02,2019-01-07,2019-01-13,1,0,on-track\n\
         insatser,2019-H1,2019-01-01,2019-06-30,2,0,on-track\n\
         trafik,term,2019-01-01,2019-01-09,,0,tracked\n\
         sammanstallning,due,2019-01-01,2020-02-29,1,0,pending\n",
        );
}

#[test]
fn report_json_has_exactly_specs_keys_with_numbers_and_null() {
    weekly().run(&[
        "report",
        "--format",
        "json",
        "--as-of",
        "2019-03-02",
        "--promise",
        "trafik",
        "--promise",
        "insatser",
    ]).code(0).stdout_is("[\n  {\"promise\": \"insatser\", \"period\": \"2019-H1\", \"start\": \"2019-01-01\", \"end\": \"2019-06-30\", \"required\": 2, \"done\": 1, \"status\": \"on-track\"},\n  \
         {\"promise\": \"trafik\", \"period\": \"term\", \"start\": \"2019-01-01\", \"end\": \"2019-03-02\", \"required\": null, \"done\": 3, \"status\": \"tracked\"}\n]\n");
}

#[test]
fn report_from_to_selects_windows_that_meet_the_range() {
    let out = weekly()
        .run(&[
            "report",
            "--format",
            "csv",
            "--as-of",
            "2019-12-31",
            "--promise",
            "narvaro",
            "--from",
            "2019-03-05",
            "--to",
            "2019-03-12",
        ])
        .code(0);
    assert_eq!(out.csv_column(1), ["2019-W10", "2019-W11"]);
}

#[test]
fn report_markdown_and_table() {
    let p = weekly();
    // status in Markdown is its table; report in Markdown is the follow-up.
    let narvaro = ["--as-of", "2019-01-09", "--promise", "narvaro"];
    p.run(&[&["status", "--format", "markdown"][..], &narvaro].concat())
        .code(0)
        .stdout_is(
            "| Promise | Period | Done | Req. | Left | Days left | Status | Met |\n\
             | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |\n\
             | narvaro | week 2 2019 | 0 | 1 | 1 | 4 | on track | 1/1 |\n",
        );
    let followup = p
        .run(&[&["report", "--format", "markdown"][..], &narvaro].concat())
        .stdout_has("| week 1 2019 | 2019-01-01 | 1 | 1 | met | ██████████ |");
    assert!(followup.stdout.starts_with("# Test\n"), "{followup}");
    // No colour when not a terminal.
    let table = p
        .run(&["report", "--as-of", "2019-01-09"])
        .code(0)
        .stdout_has("week 2 2019")
        .stdout_lacks("\u{1b}");
    assert!(
        table.stdout.starts_with("Test, as of 2019-01-09\n"),
        "{table}"
    );
}

#[test]
fn fail_on_missed_and_behind_exit_1() {
    let p = weekly();
    // By 2019-01-20, week 2 was missed.
    let args = ["report", "--format", "csv", "--as-of", "2019-01-20"];
    p.run(&args).code(0);
    p.run(&[&args[..], &["--fail-on", "missed"]].concat())
        .code(1);
    // Insatser on the last day of H1 with one of two done: behind, not yet missed.
    let args = ["status", "--as-of", "2019-06-30", "--promise", "insatser"];
    p.run(&[&args[..], &["--fail-on", "missed"]].concat())
        .code(0);
    p.run(&[&args[..], &["--fail-on", "behind"]].concat())
        .code(1);
    // A missed deadline counts as missed.
    p.run(&[
        "status",
        "--as-of",
        "2020-03-01",
        "--promise",
        "sammanstallning",
        "--fail-on",
        "missed",
    ])
    .code(1);
}

// ---- status ----------------------------------------------------------------

#[test]
fn status_csv_has_the_tally_and_days_left() {
    weekly()
        .run(&["status", "--format", "csv", "--as-of", "2019-01-16"])
        .code(0)
        .stdout_is(
            "promise,period,start,end,required,done,status,left,days_left,met,ended\n\
         narvaro,2019-W03,2019-01-14,2019-01-20,1,0,on-track,1,4,1,2\n\
         insatser,2019-H1,2019-01-01,2019-06-30,2,0,on-track,2,165,0,0\n\
         trafik,term,2019-01-01,2019-01-16,,0,tracked,,349,,\n\
         sammanstallning,due,2019-01-01,2020-02-29,1,0,pending,1,409,0,0\n",
        );
}

#[test]
fn status_before_the_term_and_after_it() {
    let before = weekly().run(&[
        "status",
        "--format",
        "csv",
        "--as-of",
        "2018-12-01",
        "--promise",
        "narvaro",
    ]);
    assert_eq!(
        before.stdout.lines().nth(1),
        Some("narvaro,2019-W01,2019-01-01,2019-01-06,1,0,not-started,1,6,0,0")
    );
    let after = weekly().run(&[
        "status",
        "--format",
        "csv",
        "--as-of",
        "2020-06-01",
        "--promise",
        "narvaro",
    ]);
    // The last window: 2020-W01 cut to two days of 2019, still requiring one.
    assert_eq!(
        after.stdout.lines().nth(1),
        Some("narvaro,2020-W01,2019-12-30,2019-12-31,1,0,missed,1,0,1,53")
    );
}

#[test]
fn status_of_the_shipped_example_fits_80_columns() {
    // The shipped example is Swedish (lang = "sv"); --lang en switches.
    let words = [
        (
            "sv",
            ["följs", "efter", "i fas", "väntar", "v. 42 2019", "37/41"],
        ),
        (
            "en",
            [
                "tracked",
                "behind",
                "on track",
                "pending",
                "week 42 2019",
                "37/41",
            ],
        ),
    ];
    for (lang, expected) in words {
        let mut out = Test::example()
            .args(["status", "--as-of", "2019-10-15", "--lang", lang])
            .run()
            .code(0);
        for line in out.stdout.lines() {
            assert!(line.chars().count() <= 80, "too wide: {line:?}");
        }
        for word in expected {
            out = out.stdout_has(word);
        }
    }
    let sv = Test::example()
        .args(["status", "--as-of", "2019-10-15"])
        .run();
    assert!(
        sv.stdout
            .starts_with("Haparanda – medborgarlöften, läget per 2019-10-15\n"),
        "{sv}"
    );
    let mut report = Test::example()
        .args(["report", "--format", "csv", "--as-of", "2019-10-15"])
        .run();
    for status in ["met", "missed", "on-track", "behind", "tracked", "pending"] {
        report = report.stdout_has(&format!(",{status}\n"));
    }
    let later = Test::example()
        .args(["report", "--format", "csv", "--as-of", "2020-03-01"])
        .args(["--promise", "sammanstallning"])
        .run();
    assert!(later.stdout.ends_with(",1,1,met\n"), "{later}");
}

// ---- check -----------------------------------------------------------------

#[test]
fn check_is_silent_when_all_is_well() {
    weekly().run(&["check"]).code(0).stdout_is("").stderr_is("");
    Test::example().args(["check"]).run().code(0).stderr_is("");
}

#[test]
fn check_lists_every_ledger_problem_with_file_line_col_and_caret() {
    Test::new(WEEKLY)
        .ledger(
            "2019.csv",
            &format!("{HEADER}2019-02-30,narvaro,1,polisen,x\n2019-03-01,narvar,1,polisen,\"a, b\"\n2019-03-01,narvaro,0,polisen,x\n2019-03-01,narvaro,tre,polisen,x\n2019-03-01,narvaro,1,polis,x\n2021-01-01,narvaro,1,polisen,x\n"),
        )
        .args(["check"])
        .run()
        .code(1)
        .stderr_has("ledger/2019.csv:2:1: error: bad date: 2019-02-30 is not a day in the calendar")
        .stderr_has("ledger/2019.csv:3:12: error: unknown promise \"narvar\" — did you mean \"narvaro\"?")
        .stderr_has("ledger/2019.csv:4:20: error: count 0 is not positive")
        .stderr_has("ledger/2019.csv:5:20: error: count \"tre\" is not a number")
        .stderr_has("ledger/2019.csv:6:22: warning: \"polis\" is not one of the agreement's parties — did you mean \"polisen\"?")
        .stderr_has("ledger/2019.csv:7:1: warning: 2021-01-01 is outside the term")
        .stderr_has("3 | 2019-03-01,narvar,1,polisen,\"a, b\"\n  |            ^^^^^^")
        .stderr_has("4 error(s), 2 warning(s)");
}

#[test]
fn check_warns_but_passes_on_warnings_only() {
    Test::new(WEEKLY)
        .ledger(
            "2019.csv",
            &format!("{HEADER}2099-01-01,narvaro,1,polisen,x\n"),
        )
        .args(["check"])
        .run()
        .code(0)
        .stderr_has("after today");
}

#[test]
fn check_lists_every_promises_problem_at_once() {
    let p = Project::new(
        r#"title = "T"
start = 2019-01-01
parties = ["polisen"]

[[promise]]
id = "a"
min = 0
per = "weekly"
responsible = ["polis"]
colour = "red"

[[promise]]
id = "a"
min = 2

[[promise]]
id = "c"
due = 2018-01-01

[[promise]]
id = "d"
min = 1
per = "term"

[[promise]]
id = "e"
min = 1
per = "week"
due = 2019-05-01
"#,
    );
    let out = p.run(&["check"]).code(1);
    let e = &out.stderr;
    for expected in [
        "promises.toml:7:7: error: `min = 0` asks for nothing",
        "promises.toml:8:7: error: `per = \"weekly\"` is not a period — did you mean \"week\"?",
        "promises.toml:9:16: error: responsible party \"polis\" is not in `parties` — did you mean \"polisen\"?",
        "promises.toml:10:1: error: unknown key `colour` in a promise",
        "promises.toml:13:6: error: duplicate promise id \"a\"",
        "promises.toml:14:7: error: `min` without `per`",
        "promises.toml:18:7: error: `due` (2018-01-01) is before the promise's start (2019-01-01)",
        "promises.toml:21:6: error: `per = \"term\"` needs a term with an end",
        "promises.toml:29:7: error: `due` together with `min`/`per`",
    ] {
        assert!(e.contains(expected), "missing {expected:?} in\n{e}");
    }
    // status refuses the same project with exit 2 and the same messages.
    p.run(&["status"])
        .code(2)
        .stderr_has("promises.toml:8:7: error");
}

#[test]
fn toml_syntax_error_is_located() {
    Test::new("title = \"T\nstart = 2019-01-01\n")
        .args(["check"])
        .run()
        .code(1)
        .stderr_has("promises.toml:1:")
        .stderr_has("not valid TOML");
}

// ---- status/report on broken input -------------------------------------------

#[test]
fn status_and_report_refuse_a_broken_ledger_with_exit_2() {
    let p = weekly();
    p.ledger(
        "2020.csv",
        &format!("{HEADER}2020-01-01,narvaro,x,polisen,\n"),
    );
    for cmd in ["status", "report"] {
        let out = p.run(&[cmd, "--as-of", "2019-05-01"]);
        assert_eq!(out.code, 2, "{cmd}");
        assert!(
            out.stderr
                .contains("ledger/2020.csv:2:20: error: count \"x\" is not a number"),
            "{}",
            out.stderr
        );
        assert_eq!(out.stdout, "");
    }
}

#[test]
fn bad_arguments_exit_2_with_a_reason() {
    let p = weekly();
    let cases: [(&[&str], &str); 5] = [
        (
            &["status", "--as-of", "2019-13-01"],
            "not a day in the calendar",
        ),
        (
            &["report", "--from", "2019-05-01", "--to", "2019-04-01"],
            "--from 2019-05-01 is after --to 2019-04-01",
        ),
        (
            &["report", "--promise", "narvar"],
            "did you mean \"narvaro\"?",
        ),
        (&["report", "--format", "xml"], "invalid value 'xml'"),
        (
            &["status", "--fail-on", "sometimes"],
            "invalid value 'sometimes'",
        ),
    ];
    for (args, message) in cases {
        let out = p.run(args);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn no_project_here_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), &["status"])
        .code(2)
        .stderr_has("promises.toml: error: no promises.toml here or in any folder above")
        .stderr_has("medlofte init");
}

#[test]
fn the_project_is_found_from_any_folder_inside_it_like_git() {
    let p = weekly();
    let deep = p.path().join("ledger").join("gamla");
    std::fs::create_dir_all(&deep).unwrap();
    let from_top = run_from(p.path(), &["report", "--format", "csv"])
        .code(0)
        .stdout;
    // From ledger/gamla/: the same figures, and messages name files from there.
    run_from(&deep, &["report", "--format", "csv"])
        .code(0)
        .stdout_is(&from_top);
    std::fs::write(
        p.path().join("ledger/bad.csv"),
        "date,promise\n2019-02-30,narvaro\n",
    )
    .unwrap();
    run_from(&deep, &["check"])
        .code(1)
        .stderr_has("../../ledger/bad.csv:2:1: error");
    // log from inside ledger/ appends to the project's own file.
    std::fs::remove_file(p.path().join("ledger/bad.csv")).unwrap();
    run_from(
        &p.path().join("ledger"),
        &["log", "narvaro", "--date", "2019-03-01"],
    )
    .code(0);
    assert!(
        p.read("ledger/2019.csv")
            .ends_with("2019-03-01,narvaro,,,\n"),
        "{}",
        p.read("ledger/2019.csv")
    );
    assert!(!p.path().join("ledger/ledger").exists());
    // -C points at a folder; from there the search goes up too.
    run_from(Path::new("/"), &["-C", &deep.to_string_lossy(), "status"]).code(0);
}

#[test]
fn medlofte_dir_environment_variable_finds_the_project() {
    let p = weekly();
    let out = assert_cmd::Command::cargo_bin("medlofte")
        .unwrap()
        .args([
            "report",
            "--format",
            "csv",
            "--as-of",
            "2019-01-01",
            "--promise",
            "narvaro",
        ])
        .env("MEDLOFTE_DIR", p.path())
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

// ---- log -------------------------------------------------------------------

#[test]
fn log_takes_a_note_that_starts_with_a_dash_and_says_a_place_is_only_a_note() {
    let p = Project::new(WEEKLY);
    p.ledger("2019.csv", "date,promise,count,by,note,place\n");
    p.run(&[
        "log",
        "narvaro",
        "--date",
        "2019-03-01",
        "--note",
        "- kort besök",
    ])
    .code(0)
    // A spreadsheet would take it for a formula: said, not refused.
    .stderr_has("spreadsheet runs as a formula");
    p.run(&[
        "log",
        "narvaro",
        "--date",
        "2019-03-02",
        "--place",
        "Torget",
    ])
    .code(0)
    .stderr_has(
        "warning: --place: \"narvaro\" is not kept per place, so the place is kept as a note only",
    );
    assert_eq!(
        p.read("ledger/2019.csv"),
        "date,promise,count,by,note,place\n2019-03-01,narvaro,,,- kort besök,\n2019-03-02,narvaro,,,,Torget\n"
    );
}

#[test]
fn log_creates_the_year_file_with_a_header_and_reports_the_standing() {
    let p = Project::new(WEEKLY);
    p.run(&[
        "log",
        "narvaro",
        "--date",
        "2019-05-14",
        "--by",
        "polisen",
        "--note",
        "Torget, kväll",
    ])
    .code(0)
    .stdout_has("narvaro: 1 of 1 in week 20 2019 — met");
    assert_eq!(
        p.read("ledger/2019.csv"),
        "date,promise,count,by,note\n2019-05-14,narvaro,,polisen,\"Torget, kväll\"\n"
    );
    p.run(&[
        "log",
        "insatser",
        "trafik",
        "--date",
        "2019-05-15",
        "--count",
        "2",
    ])
    .code(0)
    .stdout_has("insatser: 2 of 2 in H1 2019 — met")
    .stdout_has("trafik: 2 so far this term — tracked");
    assert_eq!(p.read("ledger/2019.csv").lines().count(), 4);
    p.run(&["check"]).code(0);
}

#[test]
fn log_today_is_the_default_and_yesterday_works() {
    let p = Project::new(
        &WEEKLY
            .replace("end = 2019-12-31", "")
            .replace("start = 2019-01-01", "start = 2000-01-01"),
    );
    p.run(&["log", "narvaro"]).code(0).stdout_has("this week");
    let today = chrono::Local::now().date_naive();
    let file = p.read(&format!("ledger/{}.csv", today.format("%Y")));
    assert!(file.contains(&format!("{today},narvaro")), "{file}");
    p.run(&["log", "trafik", "--date", "yesterday"]).code(0);
}

#[test]
fn log_refuses_invalid_entries_and_writes_nothing() {
    let p = weekly();
    let before = p.read("ledger/2019.csv");
    let cases: [(&[&str], &str); 6] = [
        (
            &["log", "narvar"],
            "unknown promise \"narvar\" — did you mean \"narvaro\"?",
        ),
        (&["log", "narvaro", "narvar"], "did you mean \"narvaro\"?"),
        (
            &["log", "narvaro", "--date", "2019-02-30"],
            "not a day in the calendar",
        ),
        (
            &["log", "narvaro", "--count", "0"],
            "--count: count 0 is not positive",
        ),
        (
            &["log", "narvaro", "--count", "1.5"],
            "is not a whole number",
        ),
        (
            &["log", "narvaro", "--by", "polis"],
            "did you mean \"polisen\"?",
        ),
    ];
    for (args, message) in cases {
        let out = p.run(args);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
        assert_eq!(
            p.read("ledger/2019.csv"),
            before,
            "{args:?} wrote something"
        );
    }
}

#[test]
fn log_refuses_when_promises_toml_is_broken() {
    let t = Test::new(&WEEKLY.replace("per = \"week\"", "per = \"weak\""))
        .ledger("2019.csv", &ledger())
        .args(["log", "narvaro", "--date", "2019-05-01"]);
    t.run().code(2).stderr_has("did you mean \"week\"");
    assert_eq!(t.read("ledger/2019.csv"), ledger());
}

#[test]
fn log_writes_despite_a_broken_line_elsewhere_and_names_it() {
    let p = weekly();
    // A file not named for a year is always read.
    p.ledger(
        "import.csv",
        &format!("{HEADER}2019-13-01,narvaro,1,polisen,x\n"),
    );
    p.run(&["log", "narvaro", "--date", "2019-05-01"])
        .code(0)
        .stderr_has("ledger/import.csv:2:1");
    assert!(
        p.read("ledger/2019.csv")
            .ends_with("2019-05-01,narvaro,,,\n")
    );
}

#[test]
fn log_ends_a_cut_off_last_line_first() {
    let t = Test::new(WEEKLY)
        .ledger(
            "2019.csv",
            &format!("{HEADER}2019-01-02,narvaro,1,polisen,Tor"),
        )
        .args(["log", "narvaro", "--date", "2019-01-09"]);
    t.run().code(0);
    assert_eq!(
        t.read("ledger/2019.csv"),
        format!("{HEADER}2019-01-02,narvaro,1,polisen,Tor\n2019-01-09,narvaro,,,\n")
    );
}

#[test]
fn log_keeps_a_spreadsheet_files_layout() {
    let p = weekly();
    p.ledger_bytes(
        "2019.csv",
        b"\xef\xbb\xbfPromise;Date;Note;Count;By\r\nnarvaro;2019-01-02;Torget;1;polisen\r\n",
    );
    p.run(&[
        "log",
        "narvaro",
        "--date",
        "2019-01-09",
        "--note",
        "Hamnen; kväll",
        "--by",
        "kommunen",
    ])
    .code(0);
    assert_eq!(
        p.read("ledger/2019.csv"),
        "\u{feff}Promise;Date;Note;Count;By\r\nnarvaro;2019-01-02;Torget;1;polisen\r\nnarvaro;2019-01-09;\"Hamnen; kväll\";;kommunen\r\n"
    );
    let report = p.run(&[
        "report",
        "--format",
        "csv",
        "--as-of",
        "2019-01-13",
        "--promise",
        "narvaro",
    ]);
    assert!(
        report
            .stdout
            .ends_with("2019-W02,2019-01-07,2019-01-13,1,1,met\n"),
        "{report}"
    );
}

#[test]
fn log_refuses_a_value_the_file_has_no_column_for() {
    let t = Test::new(WEEKLY)
        .ledger("2019.csv", "date,promise\n2019-01-02,narvaro\n")
        .args(["log", "narvaro", "--date", "2019-01-09", "--note", "Torget"]);
    t.run().code(2).stderr_has("the file has no `note` column");
    assert_eq!(
        t.read("ledger/2019.csv"),
        "date,promise\n2019-01-02,narvaro\n"
    );
}

// ---- help ------------------------------------------------------------------

#[test]
fn every_subcommand_has_help_with_an_example() {
    for cmd in ["log", "status", "report", "check"] {
        let out = assert_cmd::Command::cargo_bin("medlofte")
            .unwrap()
            .args([cmd, "--help"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success());
        assert!(text.contains("Examples:\n  medlofte"), "{cmd}: {text}");
    }
}

#[test]
fn one_clock_and_one_colour_decision_for_the_run() {
    let p = weekly();
    let run = |args: &[&str], envs: &[(&str, &str)]| {
        let out = assert_cmd::Command::cargo_bin("medlofte")
            .unwrap()
            .arg("-C")
            .arg(p.path())
            .args(args)
            .env_remove("NO_COLOR")
            .envs(envs.iter().copied())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // The clock is fixed by MEDLOFTE_TODAY: "yesterday" and the default --as-of follow it.
    let today = [("MEDLOFTE_TODAY", "2019-03-06")];
    let log = run(&["log", "narvaro", "--date", "yesterday"], &today);
    assert!(log.contains("2019-03-05,narvaro"), "{log}");
    let status = run(&["status", "--format", "csv"], &today);
    assert!(
        status.contains("narvaro,2019-W10,2019-03-04,2019-03-10"),
        "{status}"
    );
    // Colour: never on a pipe unless asked, and never when asked not to.
    let plain = run(&["status"], &today);
    assert!(!plain.contains('\u{1b}'), "{plain}");
    let always = run(&["status", "--color", "always"], &today);
    assert!(always.contains('\u{1b}'), "{always}");
    let never = run(&["status", "--color", "never"], &today);
    assert!(!never.contains('\u{1b}'), "{never}");
}
