//! Files made the way spreadsheets, editors, sync tools and tired people make them.
//! Each one is counted right or refused by file, line and column, with the line
//! shown, nothing written, and no panic.

use crate::common::{HEADER, Project};
use std::collections::BTreeMap;
use std::path::Path;

use crate::common::WEEKLY_2019 as PROMISES;

struct Case {
    name: &'static str,
    /// The ledger file's name and bytes.
    file: (&'static str, Vec<u8>),
    /// `status` exits 2, `check` 1 when the file is refused; both 0 when it is
    /// read, and then `report` shows `done` activities in 2019-W09.
    refused: bool,
    /// Where, `file:line:col` (or the file alone), and words in the message.
    at: &'static str,
    says: &'static [&'static str],
    done: u32,
}

fn refused(
    name: &'static str,
    bytes: impl Into<Vec<u8>>,
    at: &'static str,
    says: &'static [&'static str],
) -> Case {
    Case {
        name,
        file: ("2019.csv", bytes.into()),
        refused: true,
        at,
        says,
        done: 0,
    }
}

fn read(name: &'static str, file: &'static str, bytes: impl Into<Vec<u8>>, done: u32) -> Case {
    Case {
        name,
        file: (file, bytes.into()),
        refused: false,
        at: "",
        says: &[],
        done,
    }
}

fn lines(body: &str) -> String {
    format!("{HEADER}{body}")
}

fn cases() -> Vec<Case> {
    vec![
        refused(
            "quote opened and never closed, good lines after it",
            lines(
                "2019-02-25,narvaro,1,polisen,\"open\n2019-02-26,narvaro,1,polisen,x\n2019-02-27,narvaro,1,polisen,y\n",
            ),
            "ledger/2019.csv:2:30",
            &[
                "quote opened on line 2, column 30 is not closed before line 3",
                "\"open",
            ],
        ),
        refused(
            "quote opened in by",
            lines("2019-02-25,narvaro,1,\"polisen,x\n2019-02-26,narvaro,1,polisen,y\n"),
            "ledger/2019.csv:2:22",
            &["not closed before line 3"],
        ),
        refused(
            "quote closed by a later line's quoted note",
            lines(
                "2019-02-25,narvaro,1,polisen,\"open\n2019-02-26,narvaro,1,polisen,x\n2019-02-27,narvaro,1,polisen,\"closed\"\n",
            ),
            "ledger/2019.csv:2:30",
            &["not closed before line 3"],
        ),
        refused(
            "quote running to the end of the file",
            lines(
                "2019-02-25,narvaro,1,polisen,x\n2019-02-26,narvaro,1,polisen,\"open\nmore\ntext\n",
            ),
            "ledger/2019.csv:3:30",
            &["never closed", "2 line(s) after it"],
        ),
        refused(
            "text after a closing quote",
            lines("2019-02-25,narvaro,1,polisen,\"Torget\" kväll\n"),
            "ledger/2019.csv:2:38",
            &["text follows a closing quote"],
        ),
        refused(
            "line break inside a quoted by",
            lines("2019-02-25,narvaro,1,\"pol\nisen\",x\n"),
            "ledger/2019.csv:2:22",
            &["`by` value goes over more than one line"],
        ),
        refused(
            "decimal comma in a comma file",
            lines("2019-02-25,narvaro,1,5,polisen,x\n"),
            "ledger/2019.csv:2:",
            &["6 fields, but the header names 5 columns", "quotes"],
        ),
        refused(
            "duplicate column",
            "date,promise,count,date\n2019-02-25,narvaro,1,2019-02-26\n",
            "ledger/2019.csv:1:20",
            &["names `date` twice (columns 1 and 4)"],
        ),
        refused(
            "a misspelt count column",
            "date,promise,cuont\n2019-02-25,narvaro,2\n",
            "ledger/2019.csv:1:14",
            &["`cuont`", "did you mean `count`"],
        ),
        refused(
            "a delimiter inside a header name",
            "date,promise,co,unt\n2019-02-25,narvaro,2,\n",
            "ledger/2019.csv:1:14",
            &["`count` split in two"],
        ),
        refused(
            "a quote inside a header name",
            "date,promise,c\"ount\n2019-02-25,narvaro,2\n",
            "ledger/2019.csv:1:14",
            &["holds a quote"],
        ),
        refused(
            "empty header cell",
            "date,promise,,note\n2019-02-25,narvaro,1,x\n",
            "ledger/2019.csv:1:14",
            &["column 3 of the header has no name"],
        ),
        refused(
            "CRLF line numbers after blank lines",
            "date,promise,count\r\n\r\n2019-02-25,narvaro,1\r\n\r\n2019-02-26,narvaroo,1\r\n",
            "ledger/2019.csv:5:12",
            &["unknown promise \"narvaroo\"", "2019-02-26,narvaroo,1"],
        ),
        refused(
            "CR-only line numbers and the note column found",
            "date,promise,count,note\r2019-02-25,narvaro,1,ok\r2019-02-26,narvaro,1,=x\r2019-02-27,narvaro,x,ok\r",
            "ledger/2019.csv:4:20",
            &["count \"x\" is not a number", "2019-02-27,narvaro,x,ok"],
        ),
        refused(
            "a count too large to hold",
            lines("2019-02-25,narvaro,99999999999999999999,polisen,x\n"),
            "ledger/2019.csv:2:20",
            &["too large"],
        ),
        refused(
            "counts whose sum overflows",
            lines(
                "2019-02-25,narvaro,9000000000000,polisen,x\n2019-02-26,narvaro,9000000000000,polisen,x\n",
            ),
            "ledger/2019.csv:3:20",
            &["grows past what can be counted exactly"],
        ),
        refused(
            "year 0000",
            lines("0000-01-01,narvaro,1,polisen,x\n"),
            "ledger/2019.csv:2:1",
            &["no year 0000"],
        ),
        refused(
            "UTF-16 with a byte-order mark",
            utf16(&lines("2019-02-25,narvaro,1,polisen,x\n"), true),
            "ledger/2019.csv: error",
            &["UTF-16", "CSV UTF-8"],
        ),
        refused(
            "UTF-16 without a byte-order mark",
            utf16(&lines("2019-02-25,narvaro,1,polisen,x\n"), false),
            "ledger/2019.csv: error",
            &["UTF-16"],
        ),
        Case {
            name: "a sync tool's conflict copy",
            file: (
                "2019 (Annas conflicted copy 2019-03-14).csv",
                lines("2019-02-25,narvaro,1,polisen,x\n").into_bytes(),
            ),
            refused: true,
            at: "ledger/2019 (Annas conflicted copy 2019-03-14).csv: error",
            says: &["conflict copy", "count twice"],
            done: 0,
        },
        read(
            "a quoted header cell with a comma",
            "2019.csv",
            "date,\"plats, detalj\",promise,count\n2019-02-25,\"a, b\",narvaro,2\n",
            2,
        ),
        read(
            "a note over several lines",
            "2019.csv",
            lines(
                "2019-02-25,narvaro,1,polisen,\"Möte\n2019-02-26 uppföljning\"\n2019-02-26,narvaro,2,polisen,x\n",
            ),
            3,
        ),
        read(
            "a column of the file's own near a known name",
            "2019.csv",
            "date,promise,count,plats\n2019-02-25,narvaro,2,Torget\n",
            2,
        ),
        read("only a byte-order mark", "2019.csv", "\u{feff}", 0),
        read(
            "a spreadsheet's empty rows",
            "2019.csv",
            "date;promise;count\r\n2019-02-25;narvaro;1\r\n;;\r\n",
            1,
        ),
        read(
            "an editor's backup",
            "2019.csv~",
            lines("2019-02-25,narvaro,1,polisen,x\n"),
            0,
        ),
        read(
            "an editor's lock file",
            ".~lock.2019.csv#",
            ",anna,host,25.02.2019 10:00,file:///x;\n",
            0,
        ),
        read(
            "macOS metadata",
            "._2019.csv",
            b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X".to_vec(),
            0,
        ),
    ]
}

/// The report of 2019-W09, the week every case's lines fall in.
fn week_9(p: &Project) -> crate::common::Output {
    p.run(&[
        "report",
        "--as-of",
        "2019-03-01",
        "--format",
        "csv",
        "--from",
        "2019-02-25",
    ])
}

fn utf16(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xff, 0xfe] } else { Vec::new() };
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir.join("ledger")).unwrap().flatten() {
        out.insert(
            e.file_name().to_string_lossy().into_owned(),
            std::fs::read(e.path()).unwrap_or_default(),
        );
    }
    out
}

#[test]
fn every_hostile_file_is_counted_right_or_refused_by_line() {
    let mut failures = Vec::new();
    for case in cases() {
        let p = Project::new(PROMISES);
        p.ledger_bytes(case.file.0, &case.file.1);
        let before = snapshot(p.path());
        let status = p.run(&["status", "--as-of", "2019-03-01"]);
        let check = p.run(&["check"]);
        let report = week_9(&p);
        let mut wrong = Vec::new();
        if case.refused {
            if status.code != 2 || check.code != 1 || report.code != 2 {
                wrong.push(format!(
                    "exit codes status {} check {} report {}",
                    status.code, check.code, report.code
                ));
            }
            for text in [&status.stderr, &check.stderr] {
                if !text.contains(case.at) {
                    wrong.push(format!("no {:?}", case.at));
                }
                for word in case.says {
                    if !text.contains(word) {
                        wrong.push(format!("no {word:?}"));
                    }
                }
            }
        } else {
            let row = format!("narvaro,2019-W09,2019-02-25,2019-03-03,1,{},", case.done);
            if status.code != 0 || report.code != 0 || !report.stdout.contains(&row) {
                wrong.push(format!("expected {row}: {}", report.stdout));
            }
            if check.code != 0 {
                wrong.push(format!("check exit {}", check.code));
            }
            let leftover = case.file.0.starts_with('.') || case.file.0.ends_with('~');
            if leftover && !check.stderr.contains("note: skipped") {
                wrong.push("check names no skipped file".to_string());
            }
        }
        if snapshot(p.path()) != before {
            wrong.push("a ledger file changed".to_string());
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{}: {}\n{}",
                case.name,
                wrong.join(", "),
                check.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_fifo_is_refused_without_hanging() {
    let p = Project::new(PROMISES);
    std::fs::create_dir_all(p.path().join("ledger")).unwrap();
    let fifo = p.path().join("ledger/x.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        return; // no mkfifo here
    }
    // Were the FIFO opened, the command would block for ever: the test would hang.
    for args in [&["status"][..], &["check"], &["report"]] {
        let out = p.run(args);
        assert!(out.code != 0, "{args:?}");
        assert!(
            out.stderr
                .contains("ledger/x.csv: error: is not a regular file"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn a_fifo_in_place_of_the_promises_the_follow_up_or_the_undo_record_is_refused() {
    let mkfifo = |path: &Path| {
        std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success())
    };
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", &lines(""));
    if !mkfifo(&p.path().join("followup.md")) {
        return; // no mkfifo here
    }
    // Were a FIFO opened, the command would block for ever: the test would hang.
    let not_regular = "followup.md: error: cannot read: it is not a regular file";
    let check = p.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(check.stderr.contains(not_regular), "{}", check.stderr);
    let report = p.run(&["report", "--format", "markdown"]);
    assert_eq!(report.code, 2, "{}", report.stderr);
    assert!(report.stderr.contains(not_regular), "{}", report.stderr);
    std::fs::create_dir_all(p.path().join(".medlofte")).unwrap();
    assert!(mkfifo(&p.path().join(".medlofte/last-log")));
    let undo = p.run(&["undo", "--yes"]);
    assert_eq!(undo.code, 2, "{}", undo.stderr);
    assert!(
        undo.stderr
            .contains("last-log: error: cannot read: it is not a regular file"),
        "{}",
        undo.stderr
    );
    std::fs::remove_file(p.path().join("promises.toml")).unwrap();
    assert!(mkfifo(&p.path().join("promises.toml")));
    for args in [&["status"][..], &["check"], &["log", "narvaro"]] {
        let out = p.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("promises.toml: error: cannot read: it is not a regular file"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn log_refuses_a_file_that_would_swallow_its_line() {
    let p = Project::new(PROMISES);
    p.ledger(
        "2019.csv",
        &lines("2019-02-25,narvaro,1,polisen,\"open\nmore text\n"),
    );
    let before = snapshot(p.path());
    let out = p.run(&["log", "narvaro", "--date", "2019-02-26"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("ledger/2019.csv:2:30"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing was written"), "{}", out.stderr);
    assert_eq!(snapshot(p.path()), before);
}

/// `log narvaro --date 2019-02-26` turns ledger/2019.csv from `before` into `after`.
fn log_turns(before: &str, after: &str) -> Project {
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", before);
    let out = p.run(&["log", "narvaro", "--date", "2019-02-26"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(p.read("ledger/2019.csv"), after);
    p
}

#[test]
fn log_into_a_file_of_only_a_byte_order_mark() {
    log_turns(
        "\u{feff}",
        "\u{feff}date,promise,count,by,note\n2019-02-26,narvaro,,,\n",
    );
    log_turns(
        "\u{feff}date,promise\n",
        "\u{feff}date,promise\n2019-02-26,narvaro\n",
    );
}

/// A crash's NUL-filled tail and a ledger a third broken: a bounded report, in
/// bounded memory.
#[test]
fn floods_are_bounded() {
    let p = Project::new(PROMISES);
    let mut tail = lines("2019-02-25,narvaro,1,polisen,x\n").into_bytes();
    tail.extend(std::iter::repeat_n(0u8, 32 << 20));
    p.ledger_bytes("2019.csv", &tail);
    let broken: String = (0..200_000)
        .map(|i| {
            if i % 3 == 0 {
                "2019-02-26,narvaroo,1,polisen,x\n"
            } else {
                "2019-02-26,narvaro,1,polisen,x\n"
            }
        })
        .collect();
    p.ledger("broken.csv", &lines(&broken));
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.len() < 64 << 10, "{} bytes", out.stderr.len());
    assert!(
        out.stderr.contains(
            "ledger/2019.csv:3:1: error: this line is 33554432 bytes long and holds NUL bytes"
        ),
        "{}",
        &out.stderr[..out.stderr.len().min(2000)]
    );
    assert!(
        out.stderr
            .contains("ledger/broken.csv: error: 66647 more problem(s) in this file are not shown"),
        "{}",
        &out.stderr[out.stderr.len().saturating_sub(3000)..]
    );
    assert!(
        out.stderr.contains("66668 error(s)"),
        "{}",
        &out.stderr[out.stderr.len().saturating_sub(300)..]
    );
    // Peak memory, measured where GNU time is installed.
    if Path::new("/usr/bin/time").exists() {
        for args in [&["check"][..], &["status"], &["report", "--format", "csv"]] {
            let out = std::process::Command::new("/usr/bin/time")
                .args(["-f", "%M"])
                .arg(assert_cmd::cargo::cargo_bin("medlofte"))
                .arg("-C")
                .arg(p.path())
                .args(args)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            let kib: u64 = err.lines().last().unwrap_or("").trim().parse().unwrap_or(0);
            assert!(kib > 0 && kib < 64 << 10, "{args:?}: peak {kib} KiB");
        }
    }
}

#[test]
fn log_keeps_the_line_ends_of_an_old_mac_file() {
    let p = log_turns(
        "date,promise,count\r2019-02-25,narvaro,1\r",
        "date,promise,count\r2019-02-25,narvaro,1\r2019-02-26,narvaro,\r",
    );
    let report = week_9(&p);
    assert!(
        report
            .stdout
            .contains("narvaro,2019-W09,2019-02-25,2019-03-03,1,2,met"),
        "{}",
        report.stdout
    );
}

#[test]
fn log_names_a_broken_file_without_a_line_of_zero() {
    let p = Project::new(PROMISES);
    std::fs::create_dir_all(p.path().join("ledger/d.csv")).unwrap();
    p.run(&["log", "narvaro", "--date", "2019-03-01"])
        .code(0)
        .stderr_has("ledger/d.csv is broken, so where the promise stands is not shown: is a folder")
        .stderr_lacks(":0:0");
}

#[test]
fn an_office_owner_file_beside_a_ledger_file_is_skipped() {
    // Excel leaves `~$2019.csv` while 2019.csv is open in it.
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", &lines("2019-03-01,narvaro,1,polisen,\n"));
    p.ledger("~$2019.csv", "\u{0}\u{5}Anna\u{0}");
    p.run(&["check"])
        .code(0)
        .stderr_has("ledger/~$2019.csv: an editor's or the system's leftover");
    p.run(&["status", "--as-of", "2019-03-01"]).code(0);
}
