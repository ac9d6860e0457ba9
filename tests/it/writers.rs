//! Writers that cannot lose a line: several lines logged at once are taken back at
//! once; `undo` trusts nothing it did not write itself; a file replaced by rename
//! while `log` waits is not written to in its old place; a held lock is waited for
//! out loud.

use crate::common::{HEADER, Project};
use std::collections::BTreeMap;
use std::process::Command;
use std::time::Duration;

const PROMISES: &str = r#"title = "T"
start = 2019-01-01
end = 2019-12-31

[[promise]]
id = "narvaro"
title = "Varje vecka"
min = 1
per = "week"

[[promise]]
id = "trafik"
title = "Trafik"
"#;

fn every_file(dir: &std::path::Path) -> BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for sub in ["", "ledger"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap().flatten() {
            if e.path().is_file() {
                out.insert(e.path(), std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

#[test]
fn lines_logged_together_are_undone_together() {
    let p = Project::new(PROMISES);
    p.ledger(
        "2019.csv",
        &format!("{HEADER}2019-01-02,narvaro,,,Torget\n"),
    );
    let before = p.read("ledger/2019.csv");
    let log = p.run(&["log", "narvaro", "trafik", "--date", "2019-03-01"]);
    assert_eq!(log.code, 0, "{}", log.stderr);
    assert_eq!(
        p.read("ledger/2019.csv"),
        format!("{before}2019-03-01,narvaro,,,\n2019-03-01,trafik,,,\n")
    );
    assert_eq!(
        log.stdout.matches("ledger/2019.csv: 2019-03-01,").count(),
        2
    );
    let undo = p.run(&["undo", "--yes"]);
    assert_eq!(undo.code, 0, "{}", undo.stderr);
    assert_eq!(p.read("ledger/2019.csv"), before);
}

#[test]
fn undo_trusts_nothing_in_its_record() {
    let p = Project::new(PROMISES);
    p.ledger(
        "2019.csv",
        &format!("{HEADER}2019-01-02,narvaro,,,Torget\n"),
    );
    std::fs::write(p.path().join("other.txt"), "keep me\n").unwrap();
    std::os::unix::fs::symlink(p.path().join("other.txt"), p.path().join("ledger/link.csv"))
        .unwrap();
    let log = p.run(&["log", "narvaro", "--date", "2019-03-01"]);
    assert_eq!(log.code, 0, "{}", log.stderr);
    let record = p.path().join(".medlofte/last-log");
    let good = std::fs::read_to_string(&record).unwrap();
    let mut parts = good.lines();
    let (_, offset, hex) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let promises = std::fs::read(p.path().join("promises.toml")).unwrap();
    let tail_of_promises: String = promises[promises.len() - 10..]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let cases = [
        format!(
            "../promises.toml\n{}\n{tail_of_promises}\n",
            promises.len() - 10
        ),
        format!("{}\n0\n{hex}\n", p.path().join("promises.toml").display()),
        format!("link.csv\n0\n{hex}\n"),
        format!("2019.csv\n{}\n{hex}\n", offset.parse::<u64>().unwrap() + 1),
        format!("2019.csv\n18446744073709551615\n{hex}\n"),
        format!("2019.csv\n{offset}\n{}\n", hex.replace("30", "31")),
        format!("2019.csv\n{offset}\nzz\n"),
        format!("2019.csv\n{offset}\n{}\n", &hex[..hex.len() - 1]),
        "\n\n\n".to_string(),
    ];
    for case in cases {
        std::fs::write(&record, &case).unwrap();
        let before = every_file(p.path());
        let undo = p.run(&["undo", "--yes"]);
        assert_eq!(undo.code, 2, "{case:?}: {}", undo.stderr);
        assert_eq!(every_file(p.path()), before, "{case:?} changed a file");
    }
    std::fs::write(&record, good).unwrap();
    assert_eq!(p.run(&["undo", "--yes"]).code, 0);
}

fn log(dir: &std::path::Path, note: &str) -> std::process::Output {
    Command::new(assert_cmd::cargo::cargo_bin("medlofte"))
        .arg("-C")
        .arg(dir)
        .args(["log", "narvaro", "--date", "2019-05-01", "--note", note])
        .output()
        .unwrap()
}

/// A sync tool that takes the lock, writes a copy and renames it over the file, as
/// some sync tools and editors do, over and over while `log` runs.
#[test]
fn no_acknowledged_line_is_lost_to_a_file_replaced_by_rename() {
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", HEADER);
    let dir = p.path().to_path_buf();
    let path = dir.join("ledger/2019.csv");
    let stop = std::sync::atomic::AtomicBool::new(false);
    let acknowledged = std::thread::scope(|s| {
        s.spawn(|| {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let file = std::fs::File::open(&path).unwrap();
                file.lock().unwrap();
                let bytes = std::fs::read(&path).unwrap();
                let tmp = dir.join(format!("ledger/.sync-{n}.tmp"));
                std::fs::write(&tmp, bytes).unwrap();
                std::thread::sleep(Duration::from_millis(2));
                std::fs::rename(&tmp, &path).unwrap();
                drop(file);
                std::thread::sleep(Duration::from_millis(3));
                n += 1;
            }
        });
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let dir = &dir;
                s.spawn(move || {
                    (0..25)
                        .filter_map(|i| {
                            let note = format!("w{w}-{i}");
                            let out = log(dir, &note);
                            if !out.status.success() {
                                eprintln!("{note}: {}", String::from_utf8_lossy(&out.stderr));
                            }
                            out.status.success().then_some(note)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let done: Vec<String> = writers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        done
    });
    let text = p.read("ledger/2019.csv");
    for note in &acknowledged {
        assert_eq!(
            text.matches(&format!(",{note}\n")).count(),
            1,
            "{note} was acknowledged but is not in the file once"
        );
    }
    assert!(
        acknowledged.len() >= 90,
        "{} of 100 written",
        acknowledged.len()
    );
    assert_eq!(p.run(&["check"]).code, 0);
}

#[test]
fn a_held_lock_is_waited_for_out_loud() {
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", HEADER);
    let file = std::fs::File::open(p.path().join("ledger/2019.csv")).unwrap();
    file.lock().unwrap();
    let dir = p.path().to_path_buf();
    let child = std::thread::spawn(move || log(&dir, "waited"));
    std::thread::sleep(Duration::from_millis(1500));
    drop(file);
    let out = child.join().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("waiting for"), "{stderr}");
    assert!(stderr.contains("holds its lock"), "{stderr}");
    assert!(p.read("ledger/2019.csv").ends_with(",waited\n"));
}
