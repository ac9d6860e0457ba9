//! ledger/*.csv: the layout of a file, reading it as a stream of activities
//! (`read`), and appending one line (`append`).

mod append;
mod count;
mod csv;
pub mod entry;
mod findings;
mod header;
mod plain;
mod read;
pub mod scan;
mod text;

pub use crate::model::{Activity, Overflow};
pub use append::{Appended, Entry, append, remove_last};
pub use append::{Change, Witness};
pub use read::{FileReport, SHOWN_PER_FILE, Scrutiny, appendable, read_appended, read_file};
// How a CSV file is opened, its header judged and its problems shown, shared with
// the reader of indicators/*.csv.
pub(crate) use csv::{CsvFile, FileKind, HeaderProblem, open, open_csv};
pub(crate) use findings::{FileText, Findings, structural};
pub(crate) use header::columns_problem;
pub(crate) use read::cannot_read;

use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Columns every ledger file needs, and the ones it may have.
pub const HEADER: [&str; 6] = ["date", "promise", "count", "by", "note", "place"];

/// Parses `YYYY-MM-DD` exactly, without allocating.
pub fn parse_date(text: &[u8]) -> std::result::Result<NaiveDate, String> {
    let t = text.trim_ascii();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        t.get(r)?.iter().try_fold(0u32, |acc, b| {
            b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
        })
    };
    let shape_ok = t.len() == 10 && t[4] == b'-' && t[7] == b'-';
    match (shape_ok, digits(0..4), digits(5..7), digits(8..10)) {
        (true, Some(0), Some(_), Some(_)) => {
            Err("there is no year 0000: dates run from 0001-01-01 to 9999-12-31".to_string())
        }
        (true, Some(y), Some(m), Some(d)) => {
            NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| {
                format!(
                    "{} is not a day in the calendar",
                    String::from_utf8_lossy(t)
                )
            })
        }
        _ if t.len() > 10 && parse_date(&t[..10]).is_ok() => {
            Err("it has a time part; only the day is recorded".to_string())
        }
        _ if t.is_empty() => Err("the date is empty".to_string()),
        _ => Err(format!(
            "\"{}\" is not written YYYY-MM-DD{}",
            String::from_utf8_lossy(t),
            written_as(t)
        )),
    }
}

/// The days a date in another shape may mean, each as YYYY-MM-DD: `3/4/2026` is 3
/// April to some and March 4 to others, so both are shown and neither is taken.
fn written_as(t: &[u8]) -> String {
    let text = String::from_utf8_lossy(t);
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let number = |s: &str| s.parse::<u32>().ok().filter(|_| s.len() <= 4);
    let [a, b, c] = parts[..] else {
        return String::new();
    };
    let (Some(x), Some(y), Some(z)) = (number(a), number(b), number(c)) else {
        return String::new();
    };
    let readings = match (a.len(), c.len()) {
        (4, 1..=2) => vec![(x, y, z)],
        (1..=2, 4) => vec![(z, y, x), (z, x, y)],
        _ => Vec::new(),
    };
    let mut days: Vec<String> = readings
        .into_iter()
        .filter_map(|(y, m, d)| NaiveDate::from_ymd_opt(y as i32, m, d))
        .map(|d| d.to_string())
        .collect();
    days.dedup();
    match &days[..] {
        [] => String::new(),
        [one] => format!(" (is it {one}?)"),
        [one, other, ..] => format!(" (is it {one} or {other}?)"),
    }
}

/// How a ledger file is written, so that appending keeps it one consistent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub delimiter: u8,
    /// The header's line end, which appended lines keep (LF for a fresh file).
    pub eol: scan::Eol,
    /// Header names, in the file's order, `words::folded` (lower case, NFC), as
    /// written: English or Swedish.
    pub columns: Vec<String>,
}

impl Layout {
    pub fn fresh(with_place: bool) -> Layout {
        let n = if with_place { 6 } else { 5 };
        Layout {
            delimiter: b',',
            eol: scan::Eol::Lf,
            columns: HEADER[..n].iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Reads the layout from the start of a file: its header, parsed as the rows
    /// are, and its delimiter and line ends. Empty when there is no sound header.
    pub fn sniff(head: &[u8]) -> Layout {
        header::open_past_header(Path::new(""), head)
            .ok()
            .flatten()
            .map_or(
                Layout {
                    delimiter: b',',
                    eol: scan::Eol::Lf,
                    columns: Vec::new(),
                },
                |opened| opened.layout,
            )
    }

    /// Where the column an English name means is, whichever name the header gives
    /// it: `column("date")` finds `datum`.
    pub fn column(&self, english: &str) -> Option<usize> {
        // Also a column of another kind of file (`period` in an indicator file).
        let means = |c: &String| c == english || crate::words::column(c) == Some(english);
        self.columns.iter().position(means)
    }

    /// Whether the header names its columns in Swedish (`datum`, `löfte`, …), so
    /// that a column it lacks is suggested in Swedish.
    pub fn swedish(&self) -> bool {
        self.columns
            .iter()
            .any(|c| crate::words::is_swedish_column(c))
    }
}

/// What a name in the ledger folder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Name {
    /// A ledger file: read.
    Ledger,
    /// An editor's or the system's leftover (`.#2019.csv`, `._2019.csv`,
    /// `.~lock.2019.csv#`, Excel's owner file `~$2019.csv`, `2019.csv~`,
    /// `2019.csv.bak`): skipped, with a note in `check`.
    Leftover,
    /// Anything else: ignored.
    Other,
}

impl Name {
    pub fn of(name: &str) -> Name {
        let lower = name.to_lowercase();
        let leftover = name.starts_with('.')
            || name.starts_with("~$")
            || name.ends_with('~')
            || name.ends_with('#')
            || lower.ends_with(".bak")
            || lower.ends_with(".tmp");
        if leftover && lower.contains(".csv") {
            Name::Leftover
        } else if !leftover && lower.ends_with(".csv") {
            Name::Ledger
        } else {
            Name::Other
        }
    }
}

/// Whether a ledger file's name is a sync tool's copy of another file, whose
/// lines would count twice.
pub fn conflict_copy(name: &str) -> bool {
    let lower = name.to_lowercase();
    ["conflicted copy", "conflict", "konflikt", "in konflikt"]
        .iter()
        .any(|w| lower.contains(w))
}

/// The ledger files of a folder, sorted by name, and the leftovers skipped; none
/// when the folder is missing.
pub fn listing(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Default::default()),
        Err(e) => {
            return Err(Error::file(
                dir,
                format!("cannot list the folder: {e}"),
                "check that it is a folder you may read",
            ));
        }
    };
    let (mut files, mut skipped) = (Vec::new(), Vec::new());
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        match name.as_deref().map(Name::of) {
            Some(Name::Ledger) => files.push(path),
            Some(Name::Leftover) => skipped.push(path),
            _ => {}
        }
    }
    files.sort();
    skipped.sort();
    Ok((files, skipped))
}

/// The ledger files of a folder, sorted by name; none when it is missing.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    listing(dir).map(|(files, _)| files)
}

/// What tells that a file changed: the device and inode (replaced by a rename),
/// the size, and both times, the mtime (an edit) and the ctime (which also moves
/// when a tool puts an old mtime back). A file whose stamp is unchanged is taken
/// to hold the same bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub dev: u64,
    pub ino: u64,
    pub size: u64,
    /// Seconds and nanoseconds.
    pub mtime: (i64, i64),
    pub ctime: (i64, i64),
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// Reads at most `limit` bytes from the start of a file.
pub fn head(file: &mut impl Read, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    file.take(limit).read_to_end(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_exact() {
        assert_eq!(
            parse_date(b"2020-02-29"),
            Ok(NaiveDate::from_ymd_opt(2020, 2, 29).unwrap())
        );
        assert!(parse_date(b"2019-02-29").unwrap_err().contains("not a day"));
        assert!(parse_date(b"2019-02-30").is_err());
        assert!(parse_date(b"2019-3-1").is_err());
        assert!(
            parse_date(b"2019-03-01 10:00")
                .unwrap_err()
                .contains("time part")
        );
        assert!(
            parse_date(b"2019-03-01T10:00")
                .unwrap_err()
                .contains("time part")
        );
        assert!(parse_date(b"").is_err());
        assert!(
            parse_date(b"0000-01-01")
                .unwrap_err()
                .contains("no year 0000")
        );
        assert!(parse_date(b"0001-01-01").is_ok());
        assert!(parse_date(b"9999-12-31").is_ok());
        assert!(parse_date(b"+019-03-01").is_err());
        // Day and month are never guessed; the message shows what each would be.
        for (text, shown) in [
            (&b"3/4/2026"[..], "(is it 2026-04-03 or 2026-03-04?)"),
            (b"13/4/2026", "(is it 2026-04-13?)"),
            (b"4.4.2026", "(is it 2026-04-04?)"),
            (b"2026/4/3", "(is it 2026-04-03?)"),
        ] {
            let why = parse_date(text).unwrap_err();
            assert!(why.ends_with(shown), "{why}");
        }
        assert!(parse_date(b"3/4/26").unwrap_err().ends_with("YYYY-MM-DD"));
        assert!(
            parse_date(b"32/13/2026")
                .unwrap_err()
                .ends_with("YYYY-MM-DD")
        );
        assert_eq!(
            parse_date(b" 2019-03-01 "),
            Ok(NaiveDate::from_ymd_opt(2019, 3, 1).unwrap())
        );
    }

    #[test]
    fn leftovers_are_told_from_ledger_files() {
        for name in ["2019.csv", "2019.CSV", "gamla rader.csv"] {
            assert_eq!(Name::of(name), Name::Ledger, "{name}");
        }
        for name in [
            ".#2019.csv",
            "._2019.csv",
            ".~lock.2019.csv#",
            "~$2019.csv",
            "2019.csv~",
            "2019.csv.bak",
            ".2019.csv.swp",
        ] {
            assert_eq!(Name::of(name), Name::Leftover, "{name}");
        }
        for name in ["README.md", "2019.xlsx", "notes.txt~"] {
            assert_eq!(Name::of(name), Name::Other, "{name}");
        }
        assert!(conflict_copy("2019 (Annas conflicted copy 2019-03-14).csv"));
        assert!(conflict_copy("2019.sync-conflict-20190314-123456-ABC.csv"));
        assert!(!conflict_copy("2019.csv"));
    }

    #[test]
    fn sniffs_spreadsheet_layouts() {
        let l = Layout::sniff(b"\xef\xbb\xbfDate;Promise;Count;note\r\n2019-01-01;a;1;x\r\n");
        assert_eq!(l.delimiter, b';');
        assert_eq!(l.eol, scan::Eol::CrLf);
        assert_eq!(l.columns, ["date", "promise", "count", "note"]);
        let l = Layout::sniff("\"Löfte\";DATUM;Utförd av;Plats\r\n".as_bytes());
        assert_eq!(l.columns, ["löfte", "datum", "utförd av", "plats"]);
        assert_eq!(
            (l.column("promise"), l.column("date"), l.column("by")),
            (Some(0), Some(1), Some(2))
        );
        assert!(l.swedish());
        let l = Layout::sniff(b"promise,date\n");
        assert_eq!(
            (l.delimiter, l.eol, l.column("date")),
            (b',', scan::Eol::Lf, Some(1))
        );
    }
}
