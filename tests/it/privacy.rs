//! No personal identity number leaves the ledger: not through any command, in any
//! format, whichever column it hides in and whatever else is wrong with its line.

use crate::common::{Project, Test, run_env, run_from};

use crate::common::WEEKLY_2019 as PROMISES;

/// The ways people write Skatteverket's test number 811218-9876.
const WRITTEN: [&str; 7] = [
    "811218-9876",
    "19811218-9876",
    "8112189876",
    "811218 9876",
    "811218\u{2013}9876",
    "19811218 9876",
    "811218 - 9876",
];

fn leaks(text: &str) -> bool {
    text.contains("9876") || text.contains("811218")
}

fn every_output(p: &Project) -> Vec<(String, String)> {
    let runs: [&[&str]; 9] = [
        &["check"],
        &["status", "--as-of", "2019-03-10"],
        &["report", "--as-of", "2019-03-10"],
        &["report", "--as-of", "2019-03-10", "--format", "csv"],
        &["report", "--as-of", "2019-03-10", "--format", "json"],
        &[
            "report",
            "--as-of",
            "2019-03-10",
            "--format",
            "markdown",
            "--notes",
        ],
        &[
            "report",
            "--as-of",
            "2019-03-10",
            "--format",
            "html",
            "--notes",
        ],
        &["calendar", "--as-of", "2019-03-10"],
        &["promises"],
    ];
    runs.iter()
        .map(|args| {
            let out = p.run(args);
            (format!("{args:?}"), format!("{}{}", out.stdout, out.stderr))
        })
        .collect()
}

#[test]
fn a_number_in_any_column_is_an_error_in_check_and_never_shown() {
    for written in WRITTEN {
        for (column, line) in [
            (
                "note",
                format!("2019-03-01,narvaro,1,polisen,Samtal {written},"),
            ),
            ("by", format!("2019-03-01,narvaro,1,{written},ok,")),
            (
                "place",
                format!("2019-03-01,narvaro,1,polisen,ok,{written}"),
            ),
            (
                "extra",
                format!("2019-03-01,narvaro,1,polisen,ok,,{written}"),
            ),
            // Another error on the same line must not show it either.
            (
                "bad date",
                format!("2019-02-30,narvaro,1,polisen,{written},"),
            ),
            (
                "unknown promise",
                format!("2019-03-01,{written},1,polisen,ok,"),
            ),
        ] {
            let p = Project::new(PROMISES);
            p.ledger(
                "2019.csv",
                &format!("date,promise,count,by,note,place,extra\n{line}\n"),
            );
            let check = p.run(&["check"]);
            assert_eq!(check.code, 1, "{column} {written}: {}", check.stderr);
            assert!(
                check.stderr.contains("ledger/2019.csv:2:"),
                "{column} {written}: {}",
                check.stderr
            );
            for (args, text) in every_output(&p) {
                assert!(!leaks(&text), "{column} {written} {args}: {text}");
            }
        }
    }
}

#[test]
fn log_refuses_a_number_in_any_value_writes_nothing_and_echoes_nothing() {
    for written in WRITTEN {
        for flag in ["--by", "--note", "--place"] {
            let p = Project::new(PROMISES);
            p.ledger("2019.csv", "date,promise,count,by,note,place\n");
            let before = p.read("ledger/2019.csv");
            let out = p.run(&["log", "narvaro", "--date", "2019-03-01", flag, written]);
            assert_eq!(out.code, 2, "{flag} {written}: {}", out.stderr);
            assert!(
                out.stderr.contains("personal identity number"),
                "{}",
                out.stderr
            );
            assert!(!leaks(&out.stdout) && !leaks(&out.stderr), "{}", out.stderr);
            assert_eq!(p.read("ledger/2019.csv"), before);
        }
    }
    let p = Project::new(PROMISES);
    let out = p.run(&["status", "--promise", "811218-9876"]);
    assert_eq!(out.code, 2);
    assert!(!leaks(&out.stderr), "{}", out.stderr);
}

#[test]
fn a_number_or_an_escape_in_promises_toml_is_refused_without_echo() {
    let p = Project::new(&PROMISES.replace("Varje vecka", "Samtal med 811218-9876"));
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("promises.toml:8:"), "{}", out.stderr);
    assert!(!leaks(&out.stderr), "{}", out.stderr);
    let p = Project::new(&PROMISES.replace("Varje vecka", "R\\u001b[2Jensa"));
    p.run(&["check"])
        .code(1)
        .stderr_has("control character")
        .stderr_lacks("\u{1b}");
}

#[test]
fn escape_sequences_from_the_ledger_never_reach_the_terminal() {
    let p = Project::new(PROMISES);
    p.ledger(
        "2019.csv",
        "date,promise,count,by,note,place\n2019-03-01,narv\u{1b}[2Jaro,1,polisen,ok,\n2019-03-02,narvaro,1,pol\u{1b}]0;x\u{7}isen,\"note \u{1b}[31m\",\n",
    );
    for (args, text) in every_output(&p) {
        assert!(!text.contains('\u{1b}'), "{args}: {text}");
    }
}

#[test]
fn closed_output_streams_end_quietly() {
    let p = Project::new(PROMISES);
    let broken: String = (0..5000)
        .map(|i| format!("2019-03-01,narvaroo{i},1,polisen,x,\n"))
        .collect();
    p.ledger(
        "2019.csv",
        &format!("date,promise,count,by,note,place\n{broken}"),
    );
    for args in [&["check"][..], &["status"], &["report", "--format", "csv"]] {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("medlofte"))
            .arg("-C")
            .arg(p.path())
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("run");
        assert!(matches!(out.code(), Some(1 | 2)), "{args:?}: {out:?}");
        // stderr closed outright
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("\"$0\" -C \"$1\" {} 2>&- >&-", args.join(" ")))
            .arg(assert_cmd::cargo::cargo_bin("medlofte"))
            .arg(p.path())
            .status()
            .expect("run");
        assert!(
            matches!(out.code(), Some(1 | 2)),
            "{args:?} closed: {out:?}"
        );
    }
}

#[test]
fn a_number_with_an_en_dash_in_a_windows_1252_file_is_found() {
    let text = "date;promise;count;by;note\r\n2019-03-01;narvaro;1;polisen;Samtal 811218\u{2013}9876 på Torget\r\n";
    let bytes = medlofte::encoding::Encoding::Windows1252
        .encode(text)
        .unwrap();
    let check = Test::new(PROMISES)
        .file("ledger/2019.csv", bytes)
        .args(["check"])
        .run()
        .code(1)
        .stderr_has("ledger/2019.csv:2:");
    assert!(!leaks(&check.stderr), "{}", check.stderr);
}

#[test]
fn an_excerpt_cut_through_a_number_shows_none_of_its_digits() {
    // An excerpt shows a window of the line around the spot: whatever length of
    // text stands between them, the window's edge may fall anywhere inside the
    // number, before or after the spot, and not one digit of it may show.
    let grams: Vec<String> = "19811218-9876"
        .as_bytes()
        .windows(3)
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    for pad in 0..80 {
        let x = "x".repeat(pad);
        for line in [
            format!("2019-13-05,narvaro,2,polisen,{x} 19811218-9876\n"),
            format!("19811218-9876 {x},narvaro,2,polisen,ok\n"),
        ] {
            let p = Project::new(PROMISES);
            p.ledger("2019.csv", &format!("date,promise,count,by,note\n{line}"));
            let out = p.run(&["check"]);
            assert_eq!(out.code, 1, "{}", out.stderr);
            // The excerpt lines (the file's path is a temporary name of any letters).
            let shown: Vec<&str> = out.stderr.lines().filter(|l| l.contains(" | ")).collect();
            assert!(!shown.is_empty(), "{}", out.stderr);
            for g in &grams {
                assert!(
                    shown.iter().all(|l| !l.contains(g.as_str())),
                    "{g} in:\n{}",
                    out.stderr
                );
            }
        }
    }
}

#[test]
fn a_number_on_the_command_line_is_masked_in_every_usage_error() {
    // clap quotes the value it refuses, whichever argument it came in.
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", "date,promise,count\n");
    for number in ["811218-9876", "19811218-9876"] {
        let runs: [Vec<&str>; 9] = [
            vec!["report", "--as-of", number],
            vec!["report", "--from", number],
            vec!["log", "narvaro", "--date", number],
            vec!["report", "--format", number],
            vec!["status", "--fail-on", number],
            vec!["calendar", "--year", number],
            vec![number],
            vec!["undo", number],
            vec!["completions", number],
        ];
        for args in &runs {
            let out = p.run(args);
            assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
            assert!(out.stderr.contains("error"), "{args:?}: {}", out.stderr);
            assert!(
                !leaks(&out.stderr) && !leaks(&out.stdout),
                "{args:?}: {}",
                out.stderr
            );
        }
        let lang = run_env(p.path(), &["status"], &[("MEDLOFTE_LANG", number)]);
        assert_eq!(lang.code, 2, "{}", lang.stderr);
        assert!(!leaks(&lang.stderr), "{}", lang.stderr);
    }
}

#[test]
fn a_clock_that_cannot_be_read_is_refused_not_replaced_by_the_real_one() {
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", "date,promise,count\n");
    for bad in ["2019-1-5", "2019-02-30", "idag", "811218-9876"] {
        let out = run_env(p.path(), &["status"], &[("MEDLOFTE_TODAY", bad)]);
        assert_eq!(out.code, 2, "{bad}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{bad}: {}", out.stdout);
        assert!(
            out.stderr.contains("MEDLOFTE_TODAY"),
            "{bad}: {}",
            out.stderr
        );
        assert!(!leaks(&out.stderr), "{}", out.stderr);
    }
    // Empty is unset.
    let out = run_env(p.path(), &["status"], &[("MEDLOFTE_TODAY", "")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Help and the version answer whatever it says.
    for args in [&["--help"][..], &["--version"]] {
        let out = run_env(p.path(), args, &[("MEDLOFTE_TODAY", "idag")]);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
}

#[test]
fn names_of_files_and_folders_are_masked_wherever_they_are_shown() {
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", "date,promise,count\n");
    // An editor's leftover, skipped with a note.
    p.ledger(".#19811218-9876.csv", "");
    let check = p.run(&["check"]);
    assert!(check.stderr.contains("skipped"), "{}", check.stderr);
    assert!(!leaks(&check.stderr), "{}", check.stderr);
    // A folder made for a project, and man pages written into one.
    let init = run_from(p.path(), &["init", "811218-9876"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(
        !leaks(&init.stdout) && !leaks(&init.stderr),
        "{}",
        init.stdout
    );
    let man = run_from(p.path(), &["man", "--dir", "pages/811218-9876"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(man.stdout.contains("pages/"), "{}", man.stdout);
    assert!(!leaks(&man.stdout) && !leaks(&man.stderr), "{}", man.stdout);
}

/// The number as a reader sees it, written with characters that look like the
/// separators and digits people use, or that show nothing at all.
const LOOK_ALIKE: [&str; 15] = [
    "811218\u{ad}9876",
    "811218\u{2010}9876",
    "811218\u{200b}9876",
    "8112\u{200d}18-9876",
    "811218\u{2060}9876",
    "\u{feff}811218-98\u{200c}76",
    "811218\u{2009}9876",
    "811218\u{2007}9876",
    "811218\u{202f}-\u{202f}9876",
    "811218\u{3000}9876",
    "811218\u{2015}9876",
    "811218\u{2212}9876",
    "811218\u{fe63}9876",
    "811218\u{ff0d}9876",
    "\u{ff18}\u{ff11}\u{ff11}\u{ff12}\u{ff11}\u{ff18}-\u{ff19}\u{ff18}\u{ff17}\u{ff16}",
];

/// `text` as a reader sees it: what shows nothing left out, full-width digits
/// as the digits they are.
fn as_read(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
            )
        })
        .map(|c| match c {
            '\u{ff10}'..='\u{ff19}' => char::from_u32(u32::from(c) - 0xff10 + 0x30).unwrap_or(c),
            c => c,
        })
        .collect()
}

#[test]
fn a_number_behind_look_alike_or_unseen_characters_is_refused_and_never_shown() {
    for written in LOOK_ALIKE {
        let p = Project::new(PROMISES);
        p.ledger("2019.csv", "date,promise,count,by,note,place\n");
        let before = p.read("ledger/2019.csv");
        let note = format!("Samtal {written}");
        let out = p.run(&["log", "narvaro", "--date", "2019-03-01", "--note", &note]);
        assert_eq!(out.code, 2, "{written:?}: {out}");
        assert!(out.stderr.contains("personal identity number"), "{out}");
        assert!(!leaks(&as_read(&format!("{out}"))), "{written:?}: {out}");
        assert_eq!(p.read("ledger/2019.csv"), before, "{written:?}");
        p.ledger(
            "2019.csv",
            &format!("date,promise,count,by,note,place\n2019-03-01,narvaro,1,polisen,{note},\n"),
        );
        let check = p.run(&["check"]);
        assert_eq!(check.code, 1, "{written:?}: {}", check.stderr);
        assert!(
            check.stderr.contains("ledger/2019.csv:2:"),
            "{}",
            check.stderr
        );
        for (args, text) in every_output(&p) {
            assert!(!leaks(&as_read(&text)), "{written:?} {args}: {text}");
        }
    }
}

#[test]
fn a_look_alike_number_in_promises_toml_or_followup_md_is_refused() {
    for written in [LOOK_ALIKE[0], LOOK_ALIKE[4], LOOK_ALIKE[14]] {
        let p = Project::new(&PROMISES.replace("Varje vecka", &format!("Samtal {written}")));
        let out = p.run(&["check"]);
        assert_eq!(out.code, 1, "{written:?}: {}", out.stderr);
        assert!(out.stderr.contains("promises.toml:8:"), "{}", out.stderr);
        assert!(!leaks(&as_read(&out.stderr)), "{}", out.stderr);
        let out = Test::new(PROMISES)
            .file("followup.md", format!("## narvaro\n\nSamtal {written}.\n"))
            .args(["check"])
            .run()
            .code(1)
            .stderr_has("followup.md:3:8: error: what looks like a personal identity number");
        assert!(!leaks(&as_read(&out.stderr)), "{}", out.stderr);
    }
}

/// followup.md's number with its digits split by markup that the page does
/// not show, and the column its first digit is written at.
const SPLIT_BY_MARKUP: [(&str, usize); 9] = [
    ("811218<!-- -->-9876", 12),
    ("811218\\-9876", 12),
    ("811218-98&#55;6", 12),
    ("811218&#45;9876", 12),
    ("811218&ndash;9876", 12),
    ("8112**18-98**76", 12),
    ("[811218](https://example.se)-9876", 13),
    ("811218`-`9876", 12),
    ("`811218`<!-- -->`-9876`", 13),
];

/// What a browser shows of `html`: tags left out, character references as the
/// characters they stand for.
fn page_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else { break };
            rest = &rest[end + 1..];
            continue;
        }
        let name: String = rest[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
            .collect();
        let number = name
            .strip_prefix('#')
            .and_then(|n| match n.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => n.parse().ok(),
            });
        let shown = match (name.as_str(), number.and_then(char::from_u32)) {
            (_, Some(c)) => Some(c),
            ("ndash", _) => Some('\u{2013}'),
            ("amp", _) => Some('&'),
            ("lt", _) => Some('<'),
            ("gt", _) => Some('>'),
            ("quot", _) => Some('"'),
            _ => None,
        };
        match shown.filter(|_| rest[1 + name.len()..].starts_with(';')) {
            Some(c) => {
                out.push(c);
                rest = &rest[name.len() + 2..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out + rest
}

#[test]
fn a_number_split_by_markup_in_followup_md_is_an_error_and_never_shown() {
    for (written, col) in SPLIT_BY_MARKUP {
        let test = Test::new(PROMISES).file(
            "followup.md",
            format!("Inledning.\n\n## narvaro\n\nSamtal med {written}.\n"),
        );
        let check = test.run_args(["check"]).code(1).stderr_has(&format!(
            "followup.md:5:{col}: error: what looks like a personal identity number"
        ));
        assert!(!leaks(&check.stderr), "{written}: {check}");
        for format in ["html", "markdown"] {
            let out = test.run_args(["report", "--as-of", "2019-03-10", "--format", format]);
            let shown = format!("{}{}", page_text(&out.stdout), out.stderr);
            assert!(!leaks(&shown), "{written} {format}: {out}");
        }
    }
}

#[test]
fn hard_wrapped_prose_with_an_amount_and_a_year_is_no_number() {
    // The page shows the line break as a space: "100000 2020" passes Luhn, but
    // no one is born in month 00.
    Test::new(PROMISES)
        .file(
            "followup.md",
            "Inledning.\n\n## narvaro\n\nKommunen satsade 100000\n2020 och lika mycket året efter.\n",
        )
        .args(["check"])
        .run()
        .code(0);
}
