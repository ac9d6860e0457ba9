//! The cache of ledger sums (.medlofte/cache/) never changes a figure: whatever
//! is done to a ledger file or to the cache, every command prints exactly what it
//! prints with the cache turned off (MEDLOFTE_NO_CACHE=1).

use crate::common::Project;

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const PROMISES: &str = r#"title = "T"
start = 2019-01-01
end = 2020-12-31
parties = ["polisen", "kommunen"]

[[promise]]
id = "narvaro"
title = "Varje vecka"
min = 1
per = "week"

[[promise]]
id = "trafik"
title = "Följs"

[[promise]]
id = "timmar"
title = "Timmar"
unit = "timmar"
min = 10
per = "quarter"

[[promise]]
id = "rapport"
title = "Rapport"
due = 2019-06-30

[[promise]]
id = "patrull"
title = "Per plats"
min = 2
per = "month"
each = ["Torget", "Råslätt"]
"#;

const Y2019: &str = "date,promise,count,by,note,place
2019-01-02,narvaro,1,polisen,a,
2019-01-09,narvaro,2,polisen,b,
2019-02-11,trafik,3,kommunen,c,
2019-03-05,timmar,2.5,polisen,d,
2019-03-06,patrull,1,polisen,e,Torget
2019-03-07,patrull,1,polisen,f,Råslätt
2019-07-01,rapport,1,kommunen,late,
2019-12-30,narvaro,1,polisen,g,
";

const Y2020: &str = "date,promise,count,by,note,place
2020-01-06,narvaro,1,polisen,a,
2020-02-03,timmar,4.25,polisen,b,
2020-03-02,patrull,2,polisen,c,Torget
";

/// The commands whose output is compared, as of the end of the term.
const VIEWS: &[&[&str]] = &[
    &["status", "--as-of", "2020-12-31", "--format", "csv"],
    &["status", "--as-of", "2019-06-01"],
    &["report", "--as-of", "2020-12-31", "--format", "csv"],
    &[
        "report",
        "--as-of",
        "2020-12-31",
        "--from",
        "2019-01-01",
        "--to",
        "2019-12-31",
        "--format",
        "csv",
    ],
    &[
        "report",
        "--as-of",
        "2020-12-31",
        "--from",
        "2020-01-01",
        "--format",
        "json",
    ],
    &["report", "--as-of", "2020-12-31", "--format", "markdown"],
    &["calendar", "--year", "2019", "--as-of", "2020-12-31"],
    &["calendar", "--year", "2020", "--as-of", "2020-06-15"],
    &[
        "report",
        "--as-of",
        "2020-12-31",
        "--from",
        "2019-05-01",
        "--format",
        "html",
    ],
    &["check"],
];

fn medlofte(dir: &Path, cached: bool, args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("medlofte"));
    cmd.arg("-C")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env("MEDLOFTE_TODAY", "2020-12-31")
        .env_remove("COLUMNS")
        .env_remove("MEDLOFTE_DIR");
    if cached {
        cmd.env_remove("MEDLOFTE_NO_CACHE");
    } else {
        cmd.env("MEDLOFTE_NO_CACHE", "1");
    }
    let out = cmd.output().expect("run medlofte");
    // Messages name files by the folder they are in: the same name for any copy.
    let folder = dir.display().to_string();
    let text = |b: &[u8]| String::from_utf8_lossy(b).replace(&folder, "<dir>");
    assert!(
        !text(&out.stderr).contains("panicked"),
        "{}",
        text(&out.stderr)
    );
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

/// Every view, with the cache (twice: the second run reads what the first kept)
/// and without it, says the same.
fn agree(dir: &Path, after: &str) {
    for args in VIEWS {
        let first = medlofte(dir, true, args);
        let second = medlofte(dir, true, args);
        let truth = medlofte(dir, false, args);
        assert_eq!(first, truth, "after {after}: {args:?} with the cache");
        assert_eq!(
            second, truth,
            "after {after}: {args:?} with the cache, again"
        );
    }
}

/// `log`, with the cache and on a copy without it: the same line written and the
/// same standing shown.
fn log_agrees(p: &Project, args: &[&str]) {
    let copy = Project::copy_of(p.path());
    let _ = std::fs::remove_dir_all(copy.path().join(".medlofte"));
    let with = medlofte(p.path(), true, args);
    let without = medlofte(copy.path(), false, args);
    assert_eq!(with, without, "log {args:?}");
    for file in ["ledger/2019.csv", "ledger/2020.csv"] {
        assert_eq!(p.read(file), copy.read(file), "{file} after log {args:?}");
    }
}

fn entries(p: &Project) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(p.path().join(".medlofte/cache")) {
        Ok(dir) => dir.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => Vec::new(),
    }
}

/// A reader keeps what it read only of a file that has not changed for a
/// moment (on a coarse clock a change within the same tick keeps the stamp).
fn settle() {
    std::thread::sleep(Duration::from_millis(1100));
}

/// Changes `count` bytes in the middle of a file in place: the same size, the
/// same inode.
fn overwrite(path: &Path, find: &str, with: &str) {
    assert_eq!(find.len(), with.len());
    let text = std::fs::read_to_string(path).unwrap();
    let at = text.find(find).expect("text to change") as u64;
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(at)).unwrap();
    f.write_all(with.as_bytes()).unwrap();
}

#[test]
fn hand_edits_never_change_a_figure() {
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", Y2019).ledger("2020.csv", Y2020);
    settle();
    agree(p.path(), "the first reading");
    assert_eq!(entries(&p).len(), 2, "both files kept");
    let ledger = p.path().join("ledger/2019.csv");

    log_agrees(
        &p,
        &["log", "narvaro", "--date", "2019-03-04", "--note", "x"],
    );
    agree(p.path(), "log");
    // Medlofte's own write may share a coarse clock's tick with an edit made at
    // once; a person's edit comes later.
    std::thread::sleep(Duration::from_millis(50));

    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&ledger)
        .unwrap();
    f.write_all(b"2019-03-05,timmar,7,polisen,by hand,\n")
        .unwrap();
    drop(f);
    agree(p.path(), "a line appended by hand");

    overwrite(&ledger, "2019-01-09,narvaro,2", "2019-01-09,narvaro,5");
    agree(p.path(), "a count changed in the middle, the size kept");
    settle();
    agree(p.path(), "the changed file settled");
    overwrite(&ledger, "2019-02-11,trafik,3", "2019-02-11,trafik,9");
    agree(p.path(), "a count changed again, once it was kept");

    log_agrees(
        &p,
        &["log", "trafik", "--date", "2019-02-12", "--count", "2"],
    );
    let text = std::fs::read_to_string(&ledger).unwrap();
    let cut = text.find("2019-12-30").unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&ledger)
        .unwrap()
        .set_len(cut as u64)
        .unwrap();
    agree(p.path(), "the file truncated");

    let replaced = p.path().join("ledger/.2019.csv.tmp");
    std::fs::write(
        &replaced,
        text.replace("polisen,a,", "polisen,A,")
            .replace("2.5", "3.5"),
    )
    .unwrap();
    std::fs::rename(&replaced, &ledger).unwrap();
    agree(p.path(), "the file replaced by a rename");

    settle();
    agree(p.path(), "the replaced file settled");
    let before = std::fs::read(&ledger).unwrap();
    let edited = String::from_utf8(before)
        .unwrap()
        .replace("timmar,7,", "timmar,8,");
    std::fs::write(&ledger, edited).unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&ledger)
        .unwrap()
        .set_modified(old)
        .unwrap();
    agree(p.path(), "an edit with the mtime set back to 2001");

    // A sync tool that writes in place and puts the old mtime back (rsync
    // --inplace -t): the same size, inode and mtime; only the ctime tells.
    settle();
    agree(p.path(), "the edit settled");
    let mtime = std::fs::metadata(&ledger).unwrap().modified().unwrap();
    overwrite(&ledger, "2019-01-02,narvaro,1", "2019-01-02,narvaro,4");
    let file = std::fs::File::options().write(true).open(&ledger).unwrap();
    file.set_modified(mtime).unwrap();
    drop(file);
    assert_eq!(
        std::fs::metadata(&ledger).unwrap().modified().unwrap(),
        mtime
    );
    agree(p.path(), "an edit in place with its mtime put back");

    std::fs::remove_dir_all(p.path().join(".medlofte/cache")).unwrap();
    agree(p.path(), "the cache deleted");

    settle();
    agree(p.path(), "everything settled");
    for (i, entry) in entries(&p).iter().enumerate() {
        let bytes = std::fs::read(entry).unwrap();
        let damaged = match i % 3 {
            0 => bytes[..bytes.len() / 2].to_vec(),
            1 => bytes.iter().map(|b| b ^ 0x20).collect(),
            _ => b"not a cache entry at all".to_vec(),
        };
        std::fs::write(entry, damaged).unwrap();
    }
    agree(p.path(), "every entry damaged");
    log_agrees(
        &p,
        &[
            "log",
            "patrull",
            "--date",
            "2019-03-08",
            "--place",
            "Råslätt",
        ],
    );
    agree(p.path(), "log after the damage");
}

#[test]
fn log_after_log_keeps_the_entry_it_grew() {
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", Y2019).ledger("2020.csv", Y2020);
    for (i, promise) in ["narvaro", "timmar", "patrull", "trafik", "rapport"]
        .iter()
        .enumerate()
    {
        let date = format!("2019-04-0{}", i + 1);
        let mut args = vec!["log", promise, "--date", &date, "--count", "2"];
        if *promise == "patrull" {
            args.extend(["--place", "Torget"]);
        }
        log_agrees(&p, &args);
    }
    // A cut-off last line (a crash, an editor): `log` ends it first.
    let ledger = p.path().join("ledger/2019.csv");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&ledger)
        .unwrap();
    f.write_all(b"2019-04-09,narvaro,1,polisen,cut off,")
        .unwrap();
    drop(f);
    log_agrees(&p, &["log", "narvaro", "--date", "2019-04-10"]);
    log_agrees(&p, &["log", "narvaro", "--date", "2020-04-10"]);
    agree(p.path(), "logs one after the other");
    // Cut off inside a character: the file stays UTF-8 (its "Råslätt" is UTF-8),
    // and once a line end follows, that line is one that is not UTF-8 text.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&ledger)
        .unwrap();
    f.write_all(b"2019-04-11,narvaro,1,polisen,caf\xc3")
        .unwrap();
    drop(f);
    settle();
    agree(p.path(), "a line cut off inside a character");
    let log = ["log", "narvaro", "--date", "2019-04-12"];
    log_agrees(&p, &log);
    let (code, _, said) = medlofte(p.path(), true, &["status"]);
    assert_eq!(code, 0, "{said}");
    let (_, _, said) = medlofte(p.path(), true, &["check"]);
    assert!(said.contains("this line is not UTF-8 text"), "{said}");
    agree(p.path(), "a log after a line cut inside a character");
}

#[test]
fn a_broken_line_is_named_as_without_the_cache() {
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", Y2019).ledger("2020.csv", Y2020);
    settle();
    agree(p.path(), "a clean ledger");
    let ledger = p.path().join("ledger/2020.csv");
    // The same size, so only the stamp's times tell.
    overwrite(&ledger, "2020-02-03,timmar", "2020-02-03,timmer");
    agree(p.path(), "a promise misspelt in place");
    let status = medlofte(p.path(), true, &["status"]);
    assert_eq!(status.0, 2, "{}", status.2);
    assert!(status.2.contains("ledger/2020.csv:3:12"), "{}", status.2);
    settle();
    agree(p.path(), "the broken file settled");
    let standing = medlofte(p.path(), true, &["log", "timmar", "--date", "2020-02-04"]);
    assert!(
        standing.2.contains("ledger/2020.csv:3:12 is broken"),
        "{}",
        standing.2
    );
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&ledger)
        .unwrap();
    f.write_all(b"2020-02-05,narvaro,\"open quote\n").unwrap();
    drop(f);
    let refused = medlofte(p.path(), true, &["log", "narvaro", "--date", "2020-02-06"]);
    assert_eq!(refused.0, 2, "a quote left open is refused\n{}", refused.2);
    agree(p.path(), "a quote left open at the end");
}

#[test]
fn a_line_pasted_into_another_years_file_still_counts() {
    let p = Project::new(PROMISES);
    let pasted = format!("{Y2020}2019-05-06,trafik,40,kommunen,pasted,\n");
    p.ledger("2019.csv", Y2019).ledger("2020.csv", &pasted);
    for round in ["cold", "warm"] {
        let report = medlofte(
            p.path(),
            true,
            &[
                "report",
                "--as-of",
                "2020-12-31",
                "--from",
                "2019-01-01",
                "--to",
                "2019-12-31",
                "--format",
                "csv",
            ],
        );
        assert!(
            report
                .1
                .contains("trafik,term,2019-01-01,2020-12-31,,43,tracked"),
            "{round}: {}",
            report.1
        );
        let calendar = medlofte(
            p.path(),
            true,
            &["calendar", "--year", "2019", "--as-of", "2019-12-31"],
        );
        let truth = medlofte(
            p.path(),
            false,
            &["calendar", "--year", "2019", "--as-of", "2019-12-31"],
        );
        assert_eq!(calendar, truth, "{round}");
        assert!(
            calendar.1.contains("43"),
            "{round}: the pasted line counts\n{}",
            calendar.1
        );
        settle();
    }
    agree(p.path(), "a 2019 line in 2020.csv");
    // `log` of a 2019 day reads 2020.csv too while the cache cannot show that
    // none of its lines is from 2019 — here one is.
    let copy = Project::copy_of(p.path());
    let _ = std::fs::remove_dir_all(copy.path().join(".medlofte"));
    let log = ["log", "trafik", "--date", "2019-05-07"];
    let standing = medlofte(copy.path(), true, &log);
    assert!(standing.1.contains("44"), "{}", standing.1);
    assert_eq!(medlofte(p.path(), true, &log), standing);
}

#[test]
fn linked_promises_read_the_same_with_the_cache() {
    let fixtures = crate::common::repo_root().join("tests/fixtures/shapes");
    let projects: Vec<Project> = [
        "pajala-etapper",
        "raslatt-procent",
        "angered-belysning",
        "medborgarmoten",
        "forsaljningsstallen",
        "helgfri-torsdag",
    ]
    .iter()
    .map(|name| Project::copy_of(&fixtures.join(name)))
    .collect();
    settle();
    let mut checked = 0;
    for p in &projects {
        let text = std::fs::read_to_string(p.path().join("promises.toml")).unwrap();
        for args in [
            &["status", "--format", "csv"][..],
            &["report", "--format", "csv"],
            &[
                "report",
                "--from",
                "2019-06-01",
                "--to",
                "2019-06-30",
                "--format",
                "csv",
            ],
        ] {
            let first = medlofte(p.path(), true, args);
            let second = medlofte(p.path(), true, args);
            let truth = medlofte(p.path(), false, args);
            assert_eq!((&first, &second), (&truth, &truth), "{args:?}\n{text}");
        }
        // An entry that matches is not written again, even when the file it
        // stands for must be read.
        let written = |p: &Project| -> Vec<std::time::SystemTime> {
            let modified = |e: &std::path::PathBuf| std::fs::metadata(e).unwrap().modified();
            entries(p).iter().map(|e| modified(e).unwrap()).collect()
        };
        let before = written(p);
        // A file with a warning (a line outside its place's term) is not kept.
        if before.is_empty() {
            continue;
        }
        checked += 1;
        medlofte(p.path(), true, &["status"]);
        assert_eq!(written(p), before, "{text}");
    }
    assert!(checked >= 3, "entries kept in {checked} projects");
}

#[test]
fn a_cache_folder_that_is_not_one_is_no_reason_to_stop() {
    let p = Project::new(PROMISES);
    p.ledger("2019.csv", Y2019).ledger("2020.csv", Y2020);
    settle();
    agree(p.path(), "a clean ledger");
    let names = entries(&p);
    assert_eq!(names.len(), 2);
    // Each entry's place taken by a folder, a FIFO that would block whoever
    // opened it, and a link elsewhere.
    std::fs::remove_file(&names[0]).unwrap();
    std::fs::create_dir(&names[0]).unwrap();
    std::fs::remove_file(&names[1]).unwrap();
    let fifo = Command::new("mkfifo").arg(&names[1]).status();
    if !fifo.is_ok_and(|s| s.success()) {
        std::os::unix::fs::symlink("/dev/zero", &names[1]).unwrap();
    }
    agree(p.path(), "entries that are not files");
    log_agrees(&p, &["log", "narvaro", "--date", "2019-05-06"]);
    // .medlofte itself a plain file: nothing can be kept, everything is read.
    std::fs::remove_dir_all(p.path().join(".medlofte")).unwrap();
    std::fs::write(p.path().join(".medlofte"), "not a folder").unwrap();
    agree(p.path(), ".medlofte a plain file");
    let logged = medlofte(p.path(), true, &["log", "narvaro", "--date", "2019-05-07"]);
    assert_eq!(logged.0, 0, "{}", logged.2);
}

/// A stage and a share over several files: a file of lines that wait for no
/// stage is kept as sums, one holding a line that waits is read each time.
#[test]
fn stages_and_shares_over_several_files() {
    let p = Project::new(
        r#"title = "T"
start = 2019-01-01
end = 2020-12-31

[[promise]]
id = "kartlaggning"
title = "Kartläggningar"
min = 3
per = "term"

[[promise]]
id = "dialog"
title = "Därefter en dialog"
min = 1
per = "year"
after = "kartlaggning"

[[promise]]
id = "brott"
title = "Narkotikabrott"
min = 10
per = "half-year"

[[promise]]
id = "forstagang"
title = "Varav förstagångsanvändare"
part_of = "brott"
percent = 20
"#,
    );
    p.ledger(
        "2019.csv",
        "date,promise,count\n2019-02-01,kartlaggning,1\n2019-03-01,brott,8\n2019-04-01,forstagang,1\n2019-09-01,kartlaggning,1\n",
    )
    .ledger(
        "2020.csv",
        "date,promise,count\n2020-01-10,dialog,1\n2020-02-01,kartlaggning,1\n2020-03-01,dialog,1\n2020-05-01,brott,5\n",
    );
    settle();
    agree(p.path(), "a stage and a share");
    for (promise, date) in [
        ("kartlaggning", "2019-10-01"),
        ("dialog", "2019-11-01"),
        ("forstagang", "2020-06-01"),
        ("dialog", "2020-08-01"),
    ] {
        log_agrees(&p, &["log", promise, "--date", date]);
    }
    agree(p.path(), "logs of a stage and a share");
}
