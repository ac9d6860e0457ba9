//! A catalogue of broken inputs. Each one must exit with the right code, name the
//! file, line and column (or the argument), say what to do, write nothing, and
//! never panic.

use crate::common::Project;
use std::collections::BTreeMap;
use std::path::Path;

const GOOD: &str = r#"title = "T"
start = 2019-01-01
end = 2019-12-31
parties = ["polisen", "kommunen"]

[[promise]]
id = "narvaro"
title = "Varje vecka"
min = 1
per = "week"

[[promise]]
id = "fot"
title = "Per område"
min = 2
per = "quarter"
each = ["Råslätt", "Öxnehaga"]
"#;

const HEADER: &str = "date,promise,count,by,note,place\n";

struct Case {
    name: &'static str,
    promises: Option<String>,
    ledger: Option<Vec<u8>>,
    args: &'static [&'static str],
    code: i32,
    /// Where: `file:line:col`, or the argument named.
    at: &'static str,
    /// What is wrong and what to do, as words in the message.
    says: &'static [&'static str],
}

fn toml_case(
    name: &'static str,
    text: &str,
    at: &'static str,
    says: &'static [&'static str],
) -> Case {
    Case {
        name,
        promises: Some(text.to_string()),
        ledger: None,
        args: &["check"],
        code: 1,
        at,
        says,
    }
}

fn promise(extra: &str) -> String {
    format!(
        "title = \"T\"\nstart = 2019-01-01\nend = 2019-12-31\nparties = [\"polisen\"]\n\n[[promise]]\nid = \"a\"\n{extra}"
    )
}

fn ledger_case(
    name: &'static str,
    lines: &str,
    at: &'static str,
    says: &'static [&'static str],
) -> Case {
    Case {
        name,
        promises: None,
        ledger: Some(format!("{HEADER}{lines}").into_bytes()),
        args: &["check"],
        code: 1,
        at,
        says,
    }
}

fn usage(name: &'static str, args: &'static [&'static str], says: &'static [&'static str]) -> Case {
    Case {
        name,
        promises: None,
        ledger: None,
        args,
        code: 2,
        at: "error:",
        says,
    }
}

fn cases() -> Vec<Case> {
    vec![
        // promises.toml
        Case {
            name: "missing promises.toml",
            promises: Some(String::new()),
            ledger: None,
            args: &["status"],
            code: 2,
            at: "promises.toml: error:",
            says: &[
                "no promises.toml here or in any folder above",
                "medlofte init",
                "-C/--dir",
            ],
        },
        toml_case(
            "empty promises.toml",
            "",
            "promises.toml:1:1",
            &["no `start`", "start = 2019-01-01"],
        ),
        toml_case(
            "toml syntax",
            "title = \"T\nstart = 2019-01-01\n",
            "promises.toml:1:",
            &["not valid TOML", "fix the syntax"],
        ),
        toml_case(
            "start is text",
            "title = \"T\"\nstart = \"soon\"\n[[promise]]\nid = \"a\"\n",
            "promises.toml:2:9",
            &["`start` is not a date", "2019-01-01"],
        ),
        toml_case(
            "start has a time",
            "title = \"T\"\nstart = 2019-01-01T10:00:00\n[[promise]]\nid = \"a\"\n",
            "promises.toml:2:9",
            &["time part", "without a time"],
        ),
        toml_case(
            "unknown top key",
            "titel = \"T\"\nstart = 2019-01-01\n[[promise]]\nid = \"a\"\n",
            "promises.toml:1:1",
            &["unknown key `titel`", "did you mean \"title\""],
        ),
        toml_case(
            "promise is not a table",
            "title = \"T\"\nstart = 2019-01-01\npromise = \"x\"\n",
            "promises.toml:3:11",
            &["list of tables", "[[promise]]"],
        ),
        toml_case(
            "no promises",
            "title = \"T\"\nstart = 2019-01-01\n",
            "promises.toml:",
            &["no promises", "[[promise]]"],
        ),
        toml_case(
            "end before start",
            "title = \"T\"\nstart = 2019-01-01\nend = 2018-12-31\n[[promise]]\nid = \"a\"\n",
            "promises.toml:3:7",
            &["ends (2018-12-31) before it starts", "swap"],
        ),
        toml_case(
            "min is text",
            &promise("min = \"two\"\nper = \"week\"\n"),
            "promises.toml:8:7",
            &["`min` must be a number", "min = 2"],
        ),
        toml_case(
            "unknown promise key",
            &promise("mni = 2\nper = \"week\"\n"),
            "promises.toml:8:1",
            &["unknown key `mni`", "did you mean \"min\""],
        ),
        toml_case(
            "duplicate ids",
            &format!("{}\n[[promise]]\nid = \"a\"\n", promise("")),
            "promises.toml:10:6",
            &["duplicate promise id \"a\"", "its own id"],
        ),
        toml_case(
            "weekly",
            &promise("min = 1\nper = \"weekly\"\n"),
            "promises.toml:9:7",
            &["is not a period", "did you mean \"week\""],
        ),
        toml_case(
            "min = 0",
            &promise("min = 0\nper = \"week\"\n"),
            "promises.toml:8:7",
            &["asks for nothing", "at least 1"],
        ),
        toml_case(
            "min negative",
            &promise("min = -1\nper = \"week\"\n"),
            "promises.toml:8:7",
            &["asks for nothing", "at least 1"],
        ),
        toml_case(
            "min decimal without unit",
            &promise("min = 1.5\nper = \"week\"\n"),
            "promises.toml:8:7",
            &["not a whole number", "unit"],
        ),
        toml_case(
            "min without per",
            &promise("min = 2\n"),
            "promises.toml:8:7",
            &["`min` without `per`", "per = \"week\""],
        ),
        toml_case(
            "per without min",
            &promise("per = \"month\"\n"),
            "promises.toml:8:7",
            &["`per` without `min`", "min = N"],
        ),
        toml_case(
            "due with a rule",
            &promise("min = 1\nper = \"week\"\ndue = 2019-06-01\n"),
            "promises.toml:10:7",
            &["`due` together with `min`/`per`", "keep one"],
        ),
        toml_case(
            "due before start",
            &promise("due = 2018-06-01\n"),
            "promises.toml:8:7",
            &["before the promise's start", "inside or after the term"],
        ),
        toml_case(
            "term without end",
            "title = \"T\"\nstart = 2019-01-01\n[[promise]]\nid = \"a\"\nmin = 2\nper = \"term\"\n",
            "promises.toml:4:6",
            &["needs a term with an end", "add `end`"],
        ),
        toml_case(
            "responsible not a party",
            &promise("responsible = [\"polis\"]\n"),
            "promises.toml:8:16",
            &["not in `parties`", "did you mean \"polisen\""],
        ),
        toml_case(
            "bad id",
            "title = \"T\"\nstart = 2019-01-01\n[[promise]]\nid = \"Närvaro Torget\"\n",
            "promises.toml:4:6",
            &["may only hold a-z, 0-9 and -", "narvaro-torget"],
        ),
        toml_case(
            "no id",
            "title = \"T\"\nstart = 2019-01-01\n[[promise]]\ntitle = \"x\"\n",
            "promises.toml:3:1",
            &["without an `id`", "add id ="],
        ),
        toml_case(
            "promise starts before the agreement",
            &promise("start = 2018-01-01\n"),
            "promises.toml:8:9",
            &["before the agreement", "only narrow"],
        ),
        toml_case(
            "part_of unknown",
            &format!(
                "{}\n[[promise]]\nid = \"vandringar\"\n\n[[promise]]\nid = \"b\"\npart_of = \"vandring\"\n",
                promise("")
            ),
            "promises.toml:14:11",
            &[
                "names no promise \"vandring\"",
                "did you mean \"vandringar\"",
            ],
        ),
        toml_case(
            "part_of cycle",
            &format!(
                "{}part_of = \"b\"\n\n[[promise]]\nid = \"b\"\npart_of = \"a\"\n",
                promise("")
            ),
            "promises.toml:8:11",
            &["goes round in a circle: a → b → a", "remove `part_of`"],
        ),
        toml_case(
            "empty each",
            &promise("min = 1\nper = \"week\"\neach = []\n"),
            "promises.toml:10:8",
            &["`each` is empty", "list the places"],
        ),
        toml_case(
            "each with part_of",
            &format!(
                "{}\n[[promise]]\nid = \"b\"\nmin = 1\nper = \"week\"\neach = [\"X\"]\npart_of = \"a\"\n",
                promise("")
            ),
            "promises.toml:14:11",
            &["`each` and `part_of`", "drop `each`"],
        ),
        toml_case(
            "over shorter than per",
            &promise("min = 1\nper = \"month\"\nover = \"week\"\n"),
            "promises.toml:10:8",
            &["shorter than `per", "at least as long"],
        ),
        toml_case(
            "zero weeks",
            &promise("min = 1\nper = \"0 weeks\"\n"),
            "promises.toml:9:7",
            &["is not a period", "1 or more"],
        ),
        toml_case(
            "NUL byte",
            "title = \"T\0\"\nstart = 2019-01-01\n",
            "promises.toml:1:11",
            &["NUL byte", "remove it"],
        ),
        // ledger
        ledger_case(
            "no such day",
            "2019-02-30,narvaro,1,polisen,x,\n",
            "ledger/2019.csv:2:1",
            &["2019-02-30 is not a day in the calendar", "YYYY-MM-DD"],
        ),
        ledger_case(
            "date with a time",
            "2019-03-01 10:00,narvaro,1,polisen,x,\n",
            "ledger/2019.csv:2:1",
            &["time part", "YYYY-MM-DD"],
        ),
        ledger_case(
            "date in another shape",
            "1/3/2019,narvaro,1,polisen,x,\n",
            "ledger/2019.csv:2:1",
            &["is not written YYYY-MM-DD", "e.g. 2019-03-14"],
        ),
        ledger_case(
            "unknown promise",
            "2019-03-01,narvar,1,polisen,x,\n",
            "ledger/2019.csv:2:12",
            &["unknown promise \"narvar\"", "did you mean \"narvaro\""],
        ),
        ledger_case(
            "negative count",
            "2019-03-01,narvaro,-2,polisen,x,\n",
            "ledger/2019.csv:2:20",
            &["count -2 is not positive", "1 or more"],
        ),
        ledger_case(
            "zero count",
            "2019-03-01,narvaro,0,polisen,x,\n",
            "ledger/2019.csv:2:20",
            &["count 0 is not positive", "1 or more"],
        ),
        ledger_case(
            "text count",
            "2019-03-01,narvaro,två,polisen,x,\n",
            "ledger/2019.csv:2:20",
            &["count \"två\" is not a number", "whole number"],
        ),
        ledger_case(
            "decimal count without unit",
            "2019-03-01,narvaro,1.5,polisen,x,\n",
            "ledger/2019.csv:2:20",
            &["not a whole number", "`unit`"],
        ),
        ledger_case(
            "cut-off line",
            "2019-03-01,narvaro,1,polisen,x,\n2019-03-0",
            "ledger/2019.csv:3:1",
            &["bad date", "YYYY-MM-DD"],
        ),
        ledger_case(
            "line ends early",
            "2019-03-01\n",
            "ledger/2019.csv:2:11",
            &["ends before its `promise` column", "cut off"],
        ),
        ledger_case(
            "NUL byte in a note",
            "2019-03-01,narvaro,1,polisen,a\0b,\n",
            "ledger/2019.csv:2:30",
            &["NUL byte", "remove it"],
        ),
        ledger_case(
            "place not in each",
            "2019-03-01,fot,1,polisen,x,Rasltt\n",
            "ledger/2019.csv:2:28",
            &[
                "place \"Rasltt\" is not in the `each` list",
                "did you mean \"Råslätt\"",
            ],
        ),
        ledger_case(
            "no place for an each promise",
            "2019-03-01,fot,1,polisen,x,\n",
            "ledger/2019.csv:2:",
            &["kept per place", "Råslätt, Öxnehaga"],
        ),
        ledger_case(
            "personal number in a note",
            "2019-03-01,narvaro,1,polisen,Orossamtal 811218-9876,\n",
            "ledger/2019.csv:2:30",
            &["personal identity number", "must not identify people"],
        ),
        Case {
            name: "header without date",
            promises: None,
            // `datum` is the Swedish `date` (SPEC, "Swedish input"); `dag` is no column.
            ledger: Some(b"dag,promise\n2019-03-01,narvaro\n".to_vec()),
            args: &["check"],
            code: 1,
            at: "ledger/2019.csv:1:1",
            says: &["no `date` column", "first line must name the columns"],
        },
        Case {
            name: "header without promise",
            promises: None,
            ledger: Some(b"date;tid\n2019-03-01;narvaro\n".to_vec()),
            args: &["check"],
            code: 1,
            at: "ledger/2019.csv:1:1",
            says: &["no `promise` column", "date;promise", "datum;löfte"],
        },
        Case {
            // `lofte` is a slip for the Swedish `löfte`: said so, at the name.
            name: "header with a Swedish name misspelt",
            promises: None,
            ledger: Some(b"date;lofte\n2019-03-01;narvaro\n".to_vec()),
            args: &["check"],
            code: 1,
            at: "ledger/2019.csv:1:6",
            says: &["`lofte`", "did you mean `löfte`?"],
        },
        Case {
            name: "status on a broken ledger",
            promises: None,
            ledger: Some(format!("{HEADER}2019-03-01,narvaro,x,polisen,,\n").into_bytes()),
            args: &["status"],
            code: 2,
            at: "ledger/2019.csv:2:20",
            says: &["is not a number", "whole number"],
        },
        // arguments
        usage(
            "bad --as-of",
            &["status", "--as-of", "2019-02-30"],
            &[
                "--as-of",
                "not a day in the calendar",
                "YYYY-MM-DD, today or yesterday",
            ],
        ),
        usage(
            "--as-of in another shape",
            &["report", "--as-of", "31/12/2019"],
            &["--as-of", "YYYY-MM-DD"],
        ),
        usage(
            "--from after --to",
            &["report", "--from", "2019-06-01", "--to", "2019-05-01"],
            &["--from 2019-06-01 is after --to 2019-05-01", "swap them"],
        ),
        usage(
            "unknown --promise",
            &["status", "--promise", "narvaroo"],
            &["unknown promise \"narvaroo\"", "did you mean \"narvaro\""],
        ),
        usage(
            "log unknown promise",
            &["log", "Narvaro"],
            &["unknown promise \"Narvaro\"", "did you mean \"narvaro\""],
        ),
        usage(
            "log negative count",
            &["log", "narvaro", "--count=-1"],
            &[
                "--count: count -1 is not positive",
                "1 or more",
                "Nothing was written",
            ],
        ),
        usage(
            "log bad date",
            &["log", "narvaro", "--date", "2019-13-01"],
            &["--date", "not a day in the calendar"],
        ),
        usage(
            "log personal number",
            &[
                "log",
                "narvaro",
                "--date",
                "2019-03-01",
                "--note",
                "Samtal 19811218-9876",
            ],
            &["personal identity number", "Nothing was written"],
        ),
        usage(
            "log without place",
            &["log", "fot", "--date", "2019-03-01"],
            &["kept per place", "--place"],
        ),
        usage(
            "log unknown place",
            &["log", "fot", "--date", "2019-03-01", "--place", "Oxnehaga"],
            &[
                "--place: place \"Oxnehaga\" is not in the `each` list of \"fot\"",
                "did you mean \"Öxnehaga\"",
            ],
        ),
        usage(
            "log unknown party",
            &["log", "narvaro", "--date", "2019-03-01", "--by", "Polisen"],
            &[
                "--by: \"Polisen\" is not one of the agreement's parties",
                "did you mean \"polisen\"",
            ],
        ),
        usage(
            "bad --format",
            &["report", "--format", "html5"],
            &["invalid value 'html5'", "possible values"],
        ),
    ]
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for sub in ["", "ledger"] {
        if let Ok(entries) = std::fs::read_dir(dir.join(sub)) {
            for e in entries.flatten() {
                if e.path().is_file() {
                    out.insert(
                        e.path().display().to_string(),
                        std::fs::read(e.path()).unwrap(),
                    );
                }
            }
        }
    }
    out
}

#[test]
fn every_broken_input_is_named_and_nothing_is_written() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let p = Project::new(case.promises.as_deref().unwrap_or(GOOD));
        if case.promises.as_deref() == Some("") && case.code == 2 {
            std::fs::remove_file(p.path().join("promises.toml")).unwrap();
        }
        if let Some(ledger) = &case.ledger {
            p.ledger_bytes("2019.csv", ledger);
        }
        let before = snapshot(p.path());
        let out = p.run(case.args);
        let message = out.stderr.replace(&format!("{}/", p.path().display()), "");
        let mut problems = Vec::new();
        if out.code != case.code {
            problems.push(format!("exit {} (expected {})", out.code, case.code));
        }
        if !message.contains(case.at) {
            problems.push(format!("no {:?}", case.at));
        }
        for word in case.says {
            if !message.contains(word) {
                problems.push(format!("no {word:?}"));
            }
        }
        if case.name == "personal number in a note" && message.contains("9876") {
            problems.push("echoed the number".to_string());
        }
        if snapshot(p.path()) != before {
            problems.push("files changed".to_string());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n{}",
                case.name,
                problems.join(", "),
                message
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn a_promises_file_that_is_a_folder() {
    let p = Project::new(GOOD);
    std::fs::remove_file(p.path().join("promises.toml")).unwrap();
    std::fs::create_dir(p.path().join("promises.toml")).unwrap();
    p.run(&["status"])
        .code(2)
        .stderr_has("promises.toml: error: is a folder, not a file");
}

#[test]
fn a_folder_named_like_a_ledger_file() {
    let p = Project::new(GOOD);
    std::fs::create_dir_all(p.path().join("ledger/x.csv")).unwrap();
    p.run(&["check"])
        .code(1)
        .stderr_has("ledger/x.csv: error: is a folder, not a ledger file");
    // log writes to 2019.csv.
    p.run(&["log", "narvaro", "--date", "2019-03-01"]).code(0);
}

#[test]
fn a_missing_ledger_folder() {
    let p = Project::new(GOOD);
    p.run(&["report", "--as-of", "2019-01-08", "--format", "csv"])
        .code(0)
        .stderr_has("no activities")
        .stdout_has("narvaro,2019-W02,2019-01-07,2019-01-13,1,0,on-track");
    p.run(&["log", "narvaro", "--date", "2019-03-01"]).code(0);
    assert_eq!(
        p.read("ledger/2019.csv"),
        "date,promise,count,by,note,place\n2019-03-01,narvaro,,,,\n"
    );
}

#[test]
fn an_unreadable_ledger_file() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new(GOOD);
    p.ledger(
        "2019.csv",
        &format!("{HEADER}2019-03-01,narvaro,1,polisen,x,\n"),
    );
    let path = p.path().join("ledger/2019.csv");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        return; // running as root: permissions do not stop reading
    }
    p.run(&["status"])
        .code(2)
        .stderr_has("ledger/2019.csv: error: cannot read");
}

#[test]
fn a_full_disk_fails_cleanly() {
    let p = Project::new(GOOD);
    std::fs::create_dir_all(p.path().join("ledger")).unwrap();
    std::os::unix::fs::symlink("/dev/full", p.path().join("ledger/2019.csv")).unwrap();
    p.run(&["log", "narvaro", "--date", "2019-03-01"])
        .code(2)
        .stderr_has("ledger/2019.csv: error: cannot write")
        .stderr_has("nothing was written");
}

#[test]
fn a_ten_megabyte_note_simply_works() {
    let p = Project::new(GOOD);
    let note = "Lång anteckning, med kommatecken och \"citat\". ".repeat(220_000);
    assert!(note.len() > 10_000_000);
    p.ledger(
        "2019.csv",
        &format!(
            "{HEADER}2019-03-01,narvaro,1,polisen,\"{}\",\n2019-03-02,narvaro,1,polisen,kort,\n",
            note.replace('"', "\"\"")
        ),
    );
    p.run(&[
        "report",
        "--format",
        "csv",
        "--as-of",
        "2019-03-03",
        "--promise",
        "narvaro",
    ])
    .code(0)
    .stdout_has("narvaro,2019-W09,2019-02-25,2019-03-03,1,2,met");
    // Only the code: a failure's whole output could hold the ten-megabyte note.
    assert_eq!(p.run(&["check"]).code, 0);
    p.run(&["log", "narvaro", "--date", "2019-03-04"]).code(0);
}

#[test]
fn a_note_over_two_lines_reads_whichever_column_it_is_in() {
    // The note's last line, read alone, has a date and an id in their places;
    // the quote that closes the note before them says it is the note's tail.
    let p = Project::new(GOOD);
    for ledger in [
        "note,date,promise\n\"Torget\nkväll\",2019-03-01,narvaro\n",
        "count,note,promise,date\n1,\"a\nb,c\",narvaro,2019-03-01\n",
    ] {
        p.ledger("2019.csv", ledger);
        p.run(&["report", "--format", "csv", "--as-of", "2019-03-03"])
            .code(0)
            .stdout_has("narvaro,2019-W09,2019-02-25,2019-03-03,1,1,met\n");
    }
    // A diary in a note, every field quoted as a spreadsheet exports it: a line
    // of it starts with a date and a word, but has more fields than the header.
    p.ledger(
        "2019.csv",
        "\"date\",\"promise\",\"count\",\"note\"\r\n\"2019-03-01\",\"narvaro\",\"1\",\"Dagbok:\r\n2019-03-02, lugnt, inga incidenter, tre ungdomar, pratade med dem\r\nslut\"\r\n",
    );
    p.run(&["report", "--format", "csv", "--as-of", "2019-03-03"])
        .code(0)
        .stdout_has("narvaro,2019-W09,2019-02-25,2019-03-03,1,1,met\n");
    // Every field quoted, a quote left open: the next line is still a record.
    p.ledger(
        "2019.csv",
        "date,promise,count,by,note\n\"2019-03-01\",\"narvaro\",\"1\",\"\",\"Torget\n\"2019-03-02\",\"narvaro\",\"1\",\"\",\"x\"\n",
    );
    let out = p.run(&["report", "--format", "csv"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("is not closed before line 3"),
        "{}",
        out.stderr
    );
}
