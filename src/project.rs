//! A project folder: where it is, its promises, and its ledger read into sums.

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::Lang;
use crate::indicators::Values;
use crate::ledger::{self, Appended, Scrutiny};
use crate::model::Agreement;
use crate::period::Span;
use crate::tally::{NoteStream, Sums, Tally};
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

pub struct Project {
    pub dir: PathBuf,
    pub agreement: Agreement,
    /// What `check` warns about in promises.toml (others stay quiet about it).
    pub warnings: Vec<Diagnostic>,
    /// The language people read: `--lang`/`MEDLOFTE_LANG`, else promises.toml's
    /// `lang`, else English.
    pub lang: Lang,
    /// What the run was given: colour, today, threads.
    pub config: Config,
}

/// The ledger as read: sums for compliance, and every problem found on the way.
pub struct Ledger {
    pub sums: Sums,
    /// Every activity's note, when they were asked for, by promise, place and
    /// date (streamed: they may not all fit in memory at once).
    pub notes: Option<NoteStream>,
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    pub lines: u64,
    /// Every error and warning found, including those not shown.
    pub errors: u64,
    pub warnings: u64,
    /// Editors' and systems' leftovers in ledger/, not read.
    pub skipped: Vec<PathBuf>,
}

impl Ledger {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

impl Project {
    /// Opens the project in `dir` (or the current folder) or the nearest folder
    /// above it that holds promises.toml, and validates promises.toml.
    pub fn open(config: &Config) -> Result<Project> {
        let dir = Project::locate(config)?;
        let loaded = crate::promises::load(&Project::promises_path(Some(&dir)))?;
        let agreement = loaded.agreement;
        let lang = config.lang.or(agreement.lang).unwrap_or(Lang::En);
        Ok(Project {
            dir,
            agreement,
            warnings: loaded.warnings,
            lang,
            config: config.clone(),
        })
    }

    /// followup.md, when the keepers wrote one. Its sections may be headed by any
    /// promise or indicator id.
    pub fn narrative(&self) -> Result<Option<crate::narrative::Narrative>> {
        let a = &self.agreement;
        let promises = a.promises.iter().map(|p| p.id.as_str());
        let ids: Vec<&str> = promises
            .chain(a.indicators.iter().map(|i| i.id.as_str()))
            .collect();
        crate::narrative::load(&self.dir, &ids)
    }

    /// The project folder: `-C`/`MEDLOFTE_DIR` or the current folder, or like git
    /// the nearest folder above it with a promises.toml, so that a command run
    /// inside `ledger/` works. Given as a relative path (`..`) when it is above the
    /// current folder, so messages name files as the user can reach them.
    pub fn locate(config: &Config) -> Result<PathBuf> {
        Project::find(config.dir.as_deref())
    }

    /// `locate` from a folder given or not (the current one).
    pub fn find(dir: Option<&Path>) -> Result<PathBuf> {
        let start = dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        if !start.is_dir() {
            return Err(Error::file(
                &start,
                "no such project folder",
                "point -C/--dir or MEDLOFTE_DIR at a folder that holds promises.toml",
            ));
        }
        let Ok(absolute) = start.canonicalize() else {
            return Ok(start);
        };
        let mut up = start.clone();
        for (k, folder) in absolute.ancestors().enumerate() {
            if folder.join("promises.toml").exists() {
                return Ok(up);
            }
            up = if start == Path::new(".") {
                vec![".."; k + 1].join("/").into()
            } else {
                up.join("..")
            };
        }
        Err(Error::file(
            &Project::promises_path(dir),
            "no promises.toml here or in any folder above",
            "run `medlofte init` to start a project here, or point -C/--dir or MEDLOFTE_DIR at one",
        ))
    }

    /// promises.toml in `dir` (or the current folder), as messages should show it.
    pub fn promises_path(dir: Option<&Path>) -> PathBuf {
        match dir {
            Some(dir) if dir != Path::new(".") => dir.join("promises.toml"),
            _ => PathBuf::from("promises.toml"),
        }
    }

    /// Where `log` keeps what it appended last, for `undo`.
    fn undo_path(&self) -> PathBuf {
        self.dir.join(".medlofte").join("last-log")
    }

    /// Remembers the line `log` appended last (replacing the one before), so that
    /// `undo` can remove exactly it. Written to a temporary file and renamed, so a
    /// reader never sees half a record.
    pub fn remember_append(&self, file: &Path, line: &Appended) -> std::io::Result<()> {
        let path = self.undo_path();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let hex: String = line.bytes.iter().map(|b| format!("{b:02x}")).collect();
        // The file's name only: ledger files live in ledger/, and the project may move.
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
        std::fs::write(&tmp, format!("{name}\n{}\n{hex}\n", line.offset))?;
        std::fs::rename(&tmp, &path)
    }

    /// The lines `log` appended last, if `undo` has not removed them yet. The
    /// record is trusted for nothing: it must name a plain `.csv` file directly in
    /// ledger/, with an offset and bytes that make sense, or `undo` refuses.
    pub fn last_append(&self) -> Result<Option<(PathBuf, Appended)>> {
        let record = self.undo_path();
        let text = match std::fs::read_to_string(&record) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::file(
                    &record,
                    format!("cannot read: {e}"),
                    "nothing was removed",
                ));
            }
        };
        let bad = |why: &str| {
            Error::file(
                &record,
                format!("does not record a line of this ledger: {why}"),
                "nothing was removed; delete this file, and edit the ledger by hand if a line must go",
            )
        };
        let mut lines = text.lines();
        let name = lines.next().unwrap_or_default();
        if crate::ledger::Name::of(name) != crate::ledger::Name::Ledger
            || name.contains(['/', '\\'])
            || name.starts_with("..")
        {
            return Err(bad("the file named is not a ledger file"));
        }
        let file = self.ledger_dir().join(name);
        let offset: u64 = lines
            .next()
            .and_then(|o| o.parse().ok())
            .ok_or_else(|| bad("no offset"))?;
        let hex = lines.next().unwrap_or_default();
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| {
                hex.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect::<Option<_>>()
            .filter(|b: &Vec<u8>| !b.is_empty())
            .ok_or_else(|| bad("the line's bytes are unreadable"))?;
        match std::fs::symlink_metadata(&file) {
            Ok(m) if m.is_file() => {}
            _ => return Err(bad("the file named is not a regular file in ledger/")),
        }
        let text = String::from_utf8_lossy(&bytes)
            .trim_end_matches(['\r', '\n'])
            .to_string();
        let lines = text.lines().map(str::to_string).collect();
        Ok(Some((
            file,
            Appended {
                text,
                lines,
                offset,
                bytes,
            },
        )))
    }

    /// Forgets the last append once `undo` has removed it.
    pub fn forget_append(&self) {
        let _ = std::fs::remove_file(self.undo_path());
    }

    pub fn ledger_dir(&self) -> PathBuf {
        self.folder("ledger")
    }

    /// indicators/: the indicators' values, copied in from elsewhere.
    pub fn indicators_dir(&self) -> PathBuf {
        self.folder("indicators")
    }

    /// A folder of the project, as messages should show it.
    fn folder(&self, name: &str) -> PathBuf {
        if self.dir == Path::new(".") {
            PathBuf::from(name)
        } else {
            self.dir.join(name)
        }
    }

    /// Reads every indicator file; with `today`, as closely as `check` does.
    pub fn read_indicators(&self, today: Option<NaiveDate>) -> Result<Values> {
        crate::indicators::read_dir(&self.indicators_dir(), &self.agreement, today)
    }

    /// The indicators' values, refused (exit 2) when any line is broken.
    pub fn read_indicators_strict(&self) -> Result<Values> {
        let values = self.read_indicators(None)?;
        let errors: Vec<Diagnostic> = values
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        if errors.is_empty() {
            Ok(values)
        } else {
            Err(Error::Input(errors))
        }
    }

    /// Reads every ledger file, on as many threads as there are cores and files.
    pub fn read_ledger(&self, scrutiny: Scrutiny) -> Result<Ledger> {
        let (files, skipped) = ledger::listing(&self.ledger_dir())?;
        let mut ledger = self.read_ledger_files(scrutiny, files, false)?;
        ledger.skipped = skipped;
        Ok(ledger)
    }

    /// Reads only the files that can hold activities dated in `spans`: a file named
    /// for a year (`2019.csv`, as `log` writes them) is skipped when no span meets
    /// that year; every other file is read.
    pub fn read_ledger_within(&self, spans: &[Span]) -> Result<Ledger> {
        let files = ledger::files(&self.ledger_dir())?
            .into_iter()
            .filter(|path| {
                let year = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .filter(|s| s.len() == 4)
                    .and_then(|s| s.parse::<i32>().ok());
                year.is_none_or(|y| {
                    spans
                        .iter()
                        .any(|s| s.start.year() <= y && y <= s.end.year())
                })
            })
            .collect();
        self.read_ledger_files(Scrutiny::Figures, files, false)
    }

    fn read_ledger_files(
        &self,
        scrutiny: Scrutiny<'_>,
        files: Vec<PathBuf>,
        notes: bool,
    ) -> Result<Ledger> {
        // A thread is worth starting for a megabyte or so of ledger, not for the
        // few kilobytes of a year or two: starting it costs more than reading.
        let bytes: u64 = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        let worth = match self.config.threads_forced {
            true => usize::MAX,
            false => usize::try_from(bytes >> 20).unwrap_or(usize::MAX).max(1),
        };
        let threads = self.config.threads.min(files.len()).min(worth).max(1);
        match self.read_on(scrutiny, &files, notes, threads) {
            Some(ledger) => Ok(ledger),
            // Sums that overflow only once the threads' parts are added: read again
            // on one thread, which names the line where they do.
            None => self.read_on(scrutiny, &files, notes, 1).ok_or_else(|| {
                Error::Usage("the ledger's sums grow past what can be counted exactly".to_string())
            }),
        }
    }

    /// Reads `files` on `threads` threads; `None` when the parts' sums overflow
    /// when added together.
    fn read_on(
        &self,
        scrutiny: Scrutiny<'_>,
        files: &[PathBuf],
        notes: bool,
        threads: usize,
    ) -> Option<Ledger> {
        let agreement = &self.agreement;
        let fresh = || {
            let tally = Tally::new(agreement);
            if notes { tally.keeping_notes() } else { tally }
        };
        let read_some = |paths: &[PathBuf]| {
            let mut tally = fresh();
            let mut reports = Vec::new();
            for path in paths {
                reports.push(ledger::read_file(path, agreement, scrutiny, &mut |a| {
                    tally.add(agreement, a)
                }));
            }
            (tally, reports)
        };
        let parts: Vec<(Tally, Vec<ledger::FileReport>)> = if threads == 1 {
            vec![read_some(files)]
        } else {
            // Interleave files so that threads get similar shares of yearly files.
            let shares: Vec<Vec<PathBuf>> = (0..threads)
                .map(|t| files.iter().skip(t).step_by(threads).cloned().collect())
                .collect();
            std::thread::scope(|s| {
                let handles: Vec<_> = shares
                    .iter()
                    .map(|share| s.spawn(|| read_some(share)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        let mut parts = parts.into_iter();
        // One part is taken as it is: only adding parts together can overflow.
        let (mut tally, first) = parts.next().unwrap_or_else(|| (fresh(), Vec::new()));
        let mut ledger = Ledger {
            sums: Sums::default(),
            notes: None,
            diagnostics: Vec::new(),
            files: files.len(),
            lines: 0,
            errors: 0,
            warnings: 0,
            skipped: Vec::new(),
        };
        let mut reports = first;
        for (t, more) in parts {
            tally.merge(t).ok()?;
            reports.extend(more);
        }
        for r in reports {
            ledger.diagnostics.extend(r.diagnostics);
            ledger.lines += r.lines;
            ledger.errors += r.errors;
            ledger.warnings += r.warnings;
        }
        // Threads finish in any order; messages come in file order, and within a
        // file in the order read (a file's count of problems not shown comes last).
        ledger.diagnostics.sort_by(|a, b| a.path.cmp(&b.path));
        ledger.notes = tally.take_notes();
        ledger.sums = tally.freeze(agreement);
        Some(ledger)
    }

    /// Reads the ledger and refuses (exit 2) when any line is broken.
    /// With `notes`, every activity's note is kept too (for the follow-up).
    pub fn read_ledger_strict(&self, notes: bool) -> Result<Ledger> {
        let ledger =
            self.read_ledger_files(Scrutiny::Figures, ledger::files(&self.ledger_dir())?, notes)?;
        let errors: Vec<Diagnostic> = ledger.errors().cloned().collect();
        if errors.is_empty() {
            Ok(ledger)
        } else {
            Err(Error::Input(errors))
        }
    }

    /// Resolves `--promise` ids to indices, with "did you mean" for a typo.
    pub fn promise_indices(&self, ids: &[String]) -> Result<Vec<usize>> {
        self.indices(ids, self.agreement.promises.len())
    }

    /// Resolves the ids `log` writes: promises, and events after them.
    pub fn logged_indices(&self, ids: &[String]) -> Result<Vec<usize>> {
        self.indices(ids, usize::MAX)
    }

    fn indices(&self, ids: &[String], below: usize) -> Result<Vec<usize>> {
        let known = || self.agreement.ids().take(below);
        ids.iter()
            .map(|id| {
                known().position(|k| k == id).ok_or_else(|| {
                    let hint = if self.agreement.indicators.iter().any(|x| &x.id == id) {
                        format!("\"{id}\" is an indicator: its values go in indicators/*.csv")
                    } else {
                        crate::error::suggestion(id, known(), || {
                            format!("ids are: {}", known().collect::<Vec<_>>().join(", "))
                        })
                    };
                    Error::Usage(format!("unknown promise \"{id}\" — {hint}"))
                })
            })
            .collect()
    }
}
