//! A temp project folder and the real binary run in it.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// One weekly promise over 2019, kept by one party: the project most tests need.
pub const WEEKLY_2019: &str = r#"title = "T"
start = 2019-01-01
end = 2019-12-31
parties = ["polisen"]

[[promise]]
id = "narvaro"
title = "Varje vecka"
min = 1
per = "week"
"#;

/// The header `log` writes to a new year file.
pub const HEADER: &str = "date,promise,count,by,note\n";

pub struct Project {
    pub dir: TempDir,
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    pub fn new(promises: &str) -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("promises.toml"), promises).expect("write promises");
        Project { dir }
    }

    /// A copy of a folder (e.g. the shipped example) in a temp dir.
    pub fn copy_of(src: &Path) -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(src, dir.path());
        Project { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn ledger(&self, name: &str, content: &str) -> &Project {
        self.ledger_bytes(name, content.as_bytes())
    }

    pub fn ledger_bytes(&self, name: &str, content: &[u8]) -> &Project {
        let dir = self.path().join("ledger");
        std::fs::create_dir_all(&dir).expect("ledger dir");
        std::fs::write(dir.join(name), content).expect("write ledger");
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_default()
    }

    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.path(), args)
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    let out = Command::cargo_bin("medlofte")
        .expect("binary")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env_remove("MEDLOFTE_DIR")
        .env("NO_COLOR", "1")
        .output()
        .expect("run medlofte");
    let o = Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!o.stderr.contains("panicked"), "panic: {}", o.stderr);
    o
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("mkdir");
    for entry in std::fs::read_dir(src).expect("read dir") {
        let entry = entry.expect("entry");
        let to = dst.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
}

/// Assertions that read as a sentence, in the manner of just's tests:
/// `p.run(&["check"]).code(2).stderr_has("2019.csv:3:7")`. Each one shows the
/// whole output when it fails.
impl Output {
    pub fn code(self, expected: i32) -> Output {
        assert_eq!(self.code, expected, "exit code\n{self}");
        self
    }

    pub fn stdout_is(self, expected: &str) -> Output {
        assert_eq!(self.stdout, expected, "stdout\n{self}");
        self
    }

    pub fn stdout_has(self, needle: &str) -> Output {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{self}"
        );
        self
    }

    pub fn stderr_has(self, needle: &str) -> Output {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{self}"
        );
        self
    }

    pub fn stdout_lacks(self, needle: &str) -> Output {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}\n{self}"
        );
        self
    }

    pub fn stderr_lacks(self, needle: &str) -> Output {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}\n{self}"
        );
        self
    }
}

impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "--- exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}
