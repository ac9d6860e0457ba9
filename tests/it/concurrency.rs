//! Many writers at once, and writers killed mid-burst: no line lost, none torn.

use crate::common::Project;
use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::time::Duration;

const PROMISES: &str = r#"title = "T"
start = 2019-01-01
end = 2019-12-31

[[promise]]
id = "narvaro"
title = "Varje vecka"
min = 1
per = "week"
"#;

fn log_cmd(dir: &std::path::Path, note: &str) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("medlofte"));
    cmd.arg("-C")
        .arg(dir)
        .args(["log", "narvaro", "--date", "2019-05-01", "--note", note]);
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Every line but the header, checked to be one whole `log` line.
fn ledger_notes(p: &Project) -> Vec<String> {
    let text = p.read("ledger/2019.csv");
    assert!(text.ends_with('\n'), "the file ends with a whole line");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("date,promise,count,by,note"));
    lines
        .map(|line| {
            let note = line
                .strip_prefix("2019-05-01,narvaro,,,")
                .unwrap_or_else(|| panic!("torn or interleaved line: {line:?}"));
            assert!(
                note.starts_with('w') && !note.contains(','),
                "torn line: {line:?}"
            );
            note.to_string()
        })
        .collect()
}

#[test]
fn sixteen_writers_two_hundred_appends_each() {
    let p = Project::new(PROMISES);
    let dir = p.path().to_path_buf();
    std::thread::scope(|s| {
        for w in 0..16 {
            let dir = &dir;
            s.spawn(move || {
                for i in 0..200 {
                    let out = log_cmd(dir, &format!("w{w}-{i}")).output().unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            });
        }
    });
    let notes = ledger_notes(&p);
    assert_eq!(notes.len(), 3200);
    let distinct: HashSet<&String> = notes.iter().collect();
    assert_eq!(distinct.len(), 3200, "every append exactly once");
    let check = p.run(&["check"]);
    assert_eq!((check.code, check.stderr.as_str()), (0, ""));
    same_without_cache(&p);
}

/// What the writers left in the cache gives the figures a reading of the files
/// gives.
fn same_without_cache(p: &Project) {
    for args in [
        &["status", "--as-of", "2019-05-01", "--format", "csv"][..],
        &["report", "--as-of", "2019-12-31", "--format", "csv"],
    ] {
        let cached = p.run(args);
        let read = crate::common::run_env(p.path(), args, &[("MEDLOFTE_NO_CACHE", "1")]);
        assert_eq!(
            (cached.code, &cached.stdout),
            (read.code, &read.stdout),
            "{args:?}"
        );
        assert_eq!(cached.stderr, read.stderr);
    }
}

#[test]
fn writers_killed_mid_burst_lose_no_reported_line() {
    let p = Project::new(PROMISES);
    let dir = p.path().to_path_buf();
    let mut reported = Vec::new();
    let mut killed = 0;
    for round in 0..25 {
        let mut children: Vec<(String, std::process::Child)> = (0..12)
            .map(|i| {
                let note = format!("w{round}-{i}");
                let child = log_cmd(&dir, &note)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                (note, child)
            })
            .collect();
        // Let some finish, then kill every other one wherever it is.
        std::thread::sleep(Duration::from_millis(2 + (round % 5) as u64));
        for (i, (_, child)) in children.iter_mut().enumerate() {
            if i % 2 == 0 && child.kill().is_ok() {
                killed += 1;
            }
        }
        for (note, child) in children {
            let out = child.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            if out.status.success() && stdout.contains("logged in") {
                reported.push(note);
            }
        }
    }
    assert!(killed > 0);
    assert!(!reported.is_empty());
    let notes: HashSet<String> = ledger_notes(&p).into_iter().collect();
    for note in &reported {
        assert!(notes.contains(note), "reported line {note} is missing");
    }
    assert_eq!(p.run(&["check"]).code, 0);
    same_without_cache(&p);
}
