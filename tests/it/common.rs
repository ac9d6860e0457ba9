//! A temp project folder and the real binary run in it, step by step (`Project`)
//! or as one chain (`Test`).

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
    finish(command(dir).args(args))
}

/// `run_in` with these variables set.
pub fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = command(dir);
    for (key, value) in env {
        cmd.env(key, value);
    }
    finish(cmd.args(args))
}

/// The binary run from inside `cwd`, with no `-C`: how a person in a terminal runs it.
pub fn run_from(cwd: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("medlofte").expect("binary");
    cmd.current_dir(cwd)
        .env_remove("MEDLOFTE_DIR")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    finish(cmd.args(args))
}

/// The binary pointed at `dir`, as every helper here runs it: no colour, and no
/// MEDLOFTE_DIR from the environment of whoever runs the tests.
fn command(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("medlofte").expect("binary");
    cmd.arg("-C")
        .arg(dir)
        .env_remove("MEDLOFTE_DIR")
        .env_remove("COLUMNS")
        // Small test projects would be read on one thread; two keep the merging
        // of the threads' parts under test.
        .env("MEDLOFTE_THREADS", "2")
        .env("NO_COLOR", "1");
    cmd
}

fn finish(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run medlofte");
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

/// One end-to-end case built up in a chain, in the manner of just's tests:
///
/// ```text
/// Test::new(WEEKLY_2019)
///     .ledger("2019.csv", "date,promise\n2019-13-01,narvaro\n")
///     .args(["check"])
///     .run()
///     .code(1)
///     .stderr_has("ledger/2019.csv:2:1");
/// ```
///
/// The project lives as long as the `Test`, so it can be read after the run.
pub struct Test {
    project: Project,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

impl Test {
    /// A temp project holding `promises` as its promises.toml.
    pub fn new(promises: &str) -> Test {
        Test::of(Project::new(promises))
    }

    /// A temp copy of the shipped example: the repository's promises.toml, ledger/
    /// and indicators/.
    pub fn example() -> Test {
        let root = repo_root();
        let promises = std::fs::read_to_string(root.join("promises.toml")).expect("example");
        let project = Project::new(&promises);
        for folder in ["ledger", "indicators"] {
            copy_dir(&root.join(folder), &project.path().join(folder));
        }
        Test::of(project)
    }

    fn of(project: Project) -> Test {
        Test {
            project,
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    pub fn ledger(self, name: &str, text: &str) -> Test {
        self.project.ledger(name, text);
        self
    }

    /// Any file, by its path in the project; its folders are made as needed.
    pub fn file(self, rel: &str, bytes: impl AsRef<[u8]>) -> Test {
        let path = self.project.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write file");
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    pub fn args<S: AsRef<str>>(mut self, args: impl IntoIterator<Item = S>) -> Test {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_string()));
        self
    }

    /// Runs the binary as `run_in` does, with this case's arguments and environment.
    pub fn run(&self) -> Output {
        let mut cmd = command(self.project.path());
        cmd.args(&self.args).envs(self.env.clone());
        finish(&mut cmd)
    }

    /// Runs with these arguments added, leaving the case as it is for another run.
    pub fn run_args<S: AsRef<str>>(&self, args: impl IntoIterator<Item = S>) -> Output {
        let mut cmd = command(self.project.path());
        cmd.args(&self.args)
            .args(args.into_iter().map(|a| a.as_ref().to_string()))
            .envs(self.env.clone());
        finish(&mut cmd)
    }

    pub fn read(&self, rel: &str) -> String {
        self.project.read(rel)
    }
}

/// Assertions that read as a sentence, in the manner of just's tests:
/// `p.run(&["check"]).code(2).stderr_has("2019.csv:3:7")`. Each one shows the
/// whole output when it fails.
impl Output {
    /// Field `n` of each CSV line of stdout after the header (plain fields only).
    pub fn csv_column(&self, n: usize) -> Vec<&str> {
        self.stdout
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(n).unwrap_or(""))
            .collect()
    }

    pub fn code(self, expected: i32) -> Output {
        assert_eq!(self.code, expected, "exit code\n{self}");
        self
    }

    pub fn stdout_is(self, expected: &str) -> Output {
        assert_eq!(self.stdout, expected, "stdout\n{self}");
        self
    }

    pub fn stderr_is(self, expected: &str) -> Output {
        assert_eq!(self.stderr, expected, "stderr\n{self}");
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

/// A small deterministic generator (xorshift64*), so failures of generated cases
/// reproduce from their seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn days(&mut self, n: i64) -> chrono::Duration {
        chrono::Duration::days(self.below(n.max(1) as u64) as i64)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Generated cases per test: `MEDLOFTE_ORACLE_CASES`, else `default`.
pub fn oracle_cases(default: u64) -> u64 {
    std::env::var("MEDLOFTE_ORACLE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
