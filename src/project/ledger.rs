//! The ledger read into sums, on as many threads as there are cores and files: a
//! file's sums come from the cache while it is unchanged, and a command that needs
//! only some days leaves out the files the cache shows to hold none of them.

use super::Project;
use crate::cache::{self, Cache, Entry};
use crate::error::{Diagnostic, Error, Result};
use crate::ledger::{self, FileReport, Scrutiny};
use crate::period::Span;
use crate::tally::{NoteStream, Sums, Tally};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The ledger as read: sums for compliance, and every problem found on the way.
pub struct Ledger {
    pub sums: Sums,
    /// Every activity's note, when they were asked for, by promise, place and
    /// date (streamed: they may not all fit in memory).
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

    /// Nothing read yet of `files` files.
    fn of(files: usize) -> Ledger {
        Ledger {
            sums: Sums::default(),
            notes: None,
            diagnostics: Vec::new(),
            files,
            lines: 0,
            errors: 0,
            warnings: 0,
            skipped: Vec::new(),
        }
    }

    fn add(&mut self, report: FileReport) {
        self.diagnostics.extend(report.diagnostics);
        self.lines += report.lines;
        self.errors += report.errors;
        self.warnings += report.warnings;
    }
}

/// What a command needs of the ledger.
#[derive(Clone, Copy, Debug)]
pub enum Need<'a> {
    /// The figures of every line.
    Figures,
    /// The figures and the note of every line (the follow-up's `--notes`); notes
    /// are never cached, so every file is read.
    Notes,
    /// The figures of the lines dated in these spans: a file whose cached first
    /// and last dates show it holds none of them is left out.
    Within(&'a [Span]),
}

impl Need<'_> {
    /// Whether a file whose lines run from `dates.0` to `dates.1` may matter.
    fn meets(self, dates: Option<(NaiveDate, NaiveDate)>) -> bool {
        match self {
            Need::Within(spans) => dates.is_some_and(|(first, last)| {
                spans.iter().any(|s| s.start <= last && first <= s.end)
            }),
            Need::Figures | Need::Notes => true,
        }
    }
}

/// One file read: its sums, what reading it said, the first and last date of its
/// lines.
pub(super) struct FileRead {
    pub tally: Tally,
    pub report: FileReport,
    pub dates: Option<(NaiveDate, NaiveDate)>,
}

impl FileRead {
    /// What the cache may keep of it: only what a file read whole without a single
    /// problem gave, and only when it did not change while it was read.
    pub fn entry(&self) -> Option<Entry> {
        let stamp = self.report.stamp.filter(|_| self.report.is_clean())?;
        Some(Entry {
            stamp,
            lines: self.report.lines,
            dates: self.dates,
            sums: self.tally.day_sums(),
        })
    }
}

/// What one thread read: the sum of its files' tallies, and per file what reading
/// it said and what the cache may keep of it.
struct Part {
    tally: Tally,
    files: Vec<(PathBuf, FileReport, Option<Entry>)>,
    /// Whether adding its files' tallies together overflowed.
    overflow: bool,
}

/// `dates` widened to hold `day`.
pub(super) fn widen(
    dates: Option<(NaiveDate, NaiveDate)>,
    day: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    dates.map_or((day, day), |(first, last)| (first.min(day), last.max(day)))
}

impl Project {
    /// Reads every ledger file as closely as `scrutiny` asks (`check`), never
    /// from the cache.
    pub fn read_ledger(&self, scrutiny: Scrutiny) -> Result<Ledger> {
        let (files, skipped) = ledger::listing(&self.ledger_dir())?;
        let mut ledger = self.read_files(scrutiny, &files, Need::Figures, None);
        ledger.skipped = skipped;
        Ok(ledger)
    }

    /// The figures `need` asks for; broken lines are in the ledger's diagnostics.
    pub fn read_ledger_for(&self, need: Need<'_>) -> Result<Ledger> {
        let files = ledger::files(&self.ledger_dir())?;
        let cache = match need {
            Need::Notes => None,
            Need::Figures | Need::Within(_) => self.cache(),
        };
        let scrutiny = match need {
            Need::Notes => Scrutiny::Notes,
            Need::Figures | Need::Within(_) => Scrutiny::Figures,
        };
        Ok(self.read_files(scrutiny, &files, need, cache))
    }

    /// The figures `need` asks for, refused (exit 2) when any line read is broken.
    pub fn read_ledger_strict(&self, need: Need<'_>) -> Result<Ledger> {
        let ledger = self.read_ledger_for(need)?;
        let errors: Vec<Diagnostic> = ledger.errors().cloned().collect();
        if errors.is_empty() {
            Ok(ledger)
        } else {
            Err(Error::Input(errors))
        }
    }

    /// Reads `files`, those the cache knows from it, the others on as many
    /// threads as there are cores and files (keeping what they gave).
    fn read_files(
        &self,
        scrutiny: Scrutiny<'_>,
        files: &[PathBuf],
        need: Need<'_>,
        cache: Option<&Cache>,
    ) -> Ledger {
        let notes = matches!(need, Need::Notes);
        let mut ledger = Ledger::of(files.len());
        let mut tally = self.tally(notes);
        let mut unread = Vec::new();
        // Files whose entry matches but cannot stand in for them: read, not kept again.
        let mut known = std::collections::HashSet::new();
        for path in files {
            let Some(entry) = cache.and_then(|c| c.get(name(path), &stamp_of(path)?)) else {
                unread.push(path.clone());
                continue;
            };
            if !need.meets(entry.dates) {
                continue;
            }
            match entry.sums.filter(|sums| tally.fits(sums)) {
                Some(sums) if tally.add_day_sums(&sums).is_ok() => ledger.lines += entry.lines,
                Some(_) => return self.read_streaming(scrutiny, files, notes),
                None => {
                    known.insert(path);
                    unread.push(path.clone());
                }
            }
        }
        // A thread is worth starting for a megabyte or so of ledger, not for the
        // few kilobytes of a year or two: starting it costs more than reading.
        let bytes: u64 = unread
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        let worth = match self.config.threads_forced {
            true => usize::MAX,
            false => usize::try_from(bytes >> 20).unwrap_or(usize::MAX).max(1),
        };
        let threads = self.config.threads.min(unread.len()).min(worth).max(1);
        for part in self.read_on(scrutiny, &unread, notes, threads, cache.is_some()) {
            for (path, report, entry) in part.files {
                if let (Some(c), Some(entry)) = (cache, entry)
                    && cache::settled(&entry.stamp)
                    && !known.contains(&path)
                {
                    c.put(name(&path), &entry);
                }
                ledger.add(report);
            }
            if part.overflow || tally.merge(part.tally).is_err() {
                return self.read_streaming(scrutiny, files, notes);
            }
        }
        self.finish(ledger, tally)
    }

    /// Reads `files` on `threads` threads, each file into a tally of its own
    /// (what the cache may keep of it taken, when `keep`), added to its thread's.
    fn read_on(
        &self,
        scrutiny: Scrutiny<'_>,
        files: &[PathBuf],
        notes: bool,
        threads: usize,
        keep: bool,
    ) -> Vec<Part> {
        let read_some = |paths: &[PathBuf]| {
            let mut part = Part {
                tally: self.tally(notes),
                files: Vec::new(),
                overflow: false,
            };
            for path in paths {
                let read = self.read_one(path, scrutiny, notes);
                let entry = if keep { read.entry() } else { None };
                part.overflow |= part.tally.merge(read.tally).is_err();
                part.files.push((path.clone(), read.report, entry));
            }
            part
        };
        if threads <= 1 {
            return vec![read_some(files)];
        }
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
    }

    /// Reads one file into a tally of its own.
    pub(super) fn read_one(&self, path: &Path, scrutiny: Scrutiny<'_>, notes: bool) -> FileRead {
        let agreement = &self.agreement;
        let mut tally = self.tally(notes);
        let mut dates = None;
        let report = ledger::read_file(path, agreement, scrutiny, &mut |a| {
            dates = Some(widen(dates, a.date));
            tally.add(agreement, a)
        });
        FileRead {
            tally,
            report,
            dates,
        }
    }

    /// Sums that overflow only once files are added together: every file read
    /// again into one tally, which names the line where they do.
    fn read_streaming(&self, scrutiny: Scrutiny<'_>, files: &[PathBuf], notes: bool) -> Ledger {
        let agreement = &self.agreement;
        let mut tally = self.tally(notes);
        let mut ledger = Ledger::of(files.len());
        for path in files {
            ledger.add(ledger::read_file(path, agreement, scrutiny, &mut |a| {
                tally.add(agreement, a)
            }));
        }
        self.finish(ledger, tally)
    }

    fn finish(&self, mut ledger: Ledger, mut tally: Tally) -> Ledger {
        // Threads finish in any order; messages come in file order, and within a
        // file in the order read (a file's count of problems not shown comes last).
        ledger.diagnostics.sort_by(|a, b| a.path.cmp(&b.path));
        ledger.notes = tally.take_notes();
        ledger.sums = tally.freeze(&self.agreement);
        ledger
    }

    fn tally(&self, notes: bool) -> Tally {
        let tally = Tally::new(&self.agreement);
        if notes { tally.keeping_notes() } else { tally }
    }
}

/// A ledger file's name, which the cache keeps its entry under.
pub(super) fn name(path: &Path) -> &std::ffi::OsStr {
    path.file_name().unwrap_or(path.as_os_str())
}

/// The stamp of the file `path` names now.
fn stamp_of(path: &Path) -> Option<ledger::Stamp> {
    std::fs::metadata(path).ok().map(|m| ledger::Stamp::of(&m))
}
