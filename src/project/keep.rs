//! `log`'s part in the cache: the entry of the file it appends to, brought up to
//! date while the file's lock is held — from the lines it wrote alone when the
//! entry matched the file before, else from the whole file — so that the next
//! `log` finds it matching and need not read the file through.

use super::Project;
use super::ledger::{name, widen};
use crate::cache::{Cache, Entry};
use crate::ledger::{self, Change, Scrutiny, Stamp, Witness};
use crate::tally::Tally;
use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// The witness of one append, for the cache.
pub struct Keeper<'p> {
    project: &'p Project,
    cache: &'p Cache,
    path: PathBuf,
    /// The entry that matched the file before the append, if one did.
    base: Option<Entry>,
}

impl Project {
    /// What `log` appends to `path` with, so that the cache stays up to date;
    /// `None` when there is no cache.
    pub fn keeper(&self, path: &Path) -> Option<Keeper<'_>> {
        Some(Keeper {
            project: self,
            cache: self.cache()?,
            path: path.to_path_buf(),
            base: None,
        })
    }
}

impl Witness for Keeper<'_> {
    fn vouches(&mut self, stamp: &Stamp) -> bool {
        self.base = self.cache.get(name(&self.path), stamp);
        self.base.is_some()
    }

    fn appended(&mut self, file: &mut File, change: &Change<'_>) {
        let entry = self.grown(file, change).or_else(|| {
            // Nothing to grow: the file read whole as this append left it. Kept at
            // once, unsettled as it is: the next writer waits for this lock.
            let read = self.project.read_one(&self.path, Scrutiny::Figures, false);
            read.entry().filter(|e| e.stamp == change.after)
        });
        if let Some(entry) = entry {
            self.cache.put(name(&self.path), &entry);
        }
    }
}

impl Keeper<'_> {
    /// The entry from before, grown by the lines just written, read as a reading
    /// of the whole file reads them: with its header, delimiter and encoding as
    /// they are now, which must be those the lines were written in.
    fn grown(&self, file: &mut File, change: &Change<'_>) -> Option<Entry> {
        let base = self.base.as_ref().filter(|b| b.stamp == change.before)?;
        if change.header {
            return None;
        }
        file.seek(SeekFrom::Start(0)).ok()?;
        let agreement = &self.project.agreement;
        let mut added = Tally::new(agreement);
        let mut dates = base.dates;
        let (report, layout) = ledger::read_appended(
            &self.path,
            &mut *file,
            change.written,
            agreement,
            &mut |a| {
                dates = Some(widen(dates, a.date));
                added.add(agreement, a)
            },
        );
        let same = layout.is_some_and(|(l, e)| &l == change.layout && e == change.encoding);
        if !report.is_clean() || !same {
            return None;
        }
        let sums = match (&base.sums, added.day_sums()) {
            (Some(before), Some(added)) => {
                let mut both = Tally::new(agreement);
                let fit = both.fits(before) && both.fits(&added);
                fit.then(|| both.add_day_sums(before))?.ok()?;
                both.add_day_sums(&added).ok()?;
                both.day_sums()
            }
            _ => None,
        };
        Some(Entry {
            stamp: change.after,
            lines: base.lines.checked_add(report.lines)?,
            dates,
            sums,
        })
    }
}
