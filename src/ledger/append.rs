//! Appending one line to a ledger file: locked, one write, synced, and never
//! touching what is already there.

use super::scan::Eol;
use super::{Layout, Stamp};
use crate::amount::Amount;
use crate::encoding::Encoding;
use crate::error::{Error, Result};
use crate::model::Agreement;
use chrono::NaiveDate;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// A new ledger line, before it is fitted to a file's layout.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub date: Option<NaiveDate>,
    pub promise: String,
    pub count: Option<Amount>,
    pub by: Option<String>,
    pub note: Option<String>,
    pub place: Option<String>,
}

/// The lines `log` appended in one write: enough for `undo` to find them again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    /// The lines as text, without their line ends.
    pub text: String,
    /// Each entry's line as text, for the echo.
    pub lines: Vec<String>,
    /// Where the first line starts in the file.
    pub offset: u64,
    /// The lines' bytes, line ends included, as written.
    pub bytes: Vec<u8>,
}

/// What the caller keeps of ledger files (medlofte's cache), asked and told while
/// the file's lock is held, so that the next writer to take the lock finds it
/// up to date.
pub trait Witness {
    /// Whether a file of this stamp was read whole without a single problem: then
    /// no quote is left open at its end, and it need not be read through to know.
    fn vouches(&mut self, stamp: &Stamp) -> bool;
    /// The locked file went from `change.before` to `change.after`, synced.
    fn appended(&mut self, file: &mut File, change: &Change<'_>);
}

/// One append, as a [`Witness`] is told of it.
pub struct Change<'a> {
    pub before: Stamp,
    pub after: Stamp,
    /// Every byte written: a header, a line end that ends a cut-off last line, the
    /// new lines.
    pub written: &'a [u8],
    /// Whether a header was written first (the file had none).
    pub header: bool,
    /// The layout and encoding the lines were written in.
    pub layout: &'a Layout,
    pub encoding: Encoding,
}

/// Appends `entries` to `path` (creating it, and its folder, with a header) under
/// an exclusive lock, as one write, synced to disk before returning. Keeps the
/// file's delimiter, line ends, column order and encoding. A failed write is cut
/// back off, so the file is left as it was. `witness` is asked and told under the
/// lock.
pub fn append(
    path: &Path,
    entries: &[Entry],
    agreement: &Agreement,
    with_place: bool,
    mut witness: Option<&mut dyn Witness>,
) -> Result<Appended> {
    let failed = |what: &str, e: std::io::Error| failed_to_write(path, what, e);
    make_room(path)?;
    let (mut file, locked) = open_locked(
        path,
        std::fs::OpenOptions::new()
            .read(true)
            .append(true)
            .create(true),
    )
    .map_err(|e| failed("cannot open for appending", e))?;
    // Everything below runs under the lock: no other `log` can append in between.
    let (len, before) = (locked.len(), Stamp::of(&locked));
    let found = match (len, locked.is_file()) {
        (0, _) | (_, false) => None,
        _ => {
            let vouched = witness.as_mut().is_some_and(|w| w.vouches(&before));
            super::appendable(path, &mut file, agreement, vouched)
                .map_err(|d| Error::Input(vec![*d]))?
        }
    };
    let (layout, encoding, mut out) = match &found {
        Some((layout, encoding)) => (layout.clone(), *encoding, Vec::new()),
        // No header yet (a new file, or only a byte-order mark): one comes first.
        None => {
            let layout = Layout::fresh(with_place);
            let header = format!("{}\n", layout.columns.join(","));
            (layout, Encoding::Utf8, header.into_bytes())
        }
    };
    // A cut-off last line is ended first, so the new lines always stand alone; a
    // byte-order mark alone is the start of the header's line, not a line.
    let only_bom = found.is_none() && len == 3;
    if len > 0 && !only_bom {
        let last = last_byte(&mut file).map_err(|e| failed("cannot read", e))?;
        if !matches!(last, b'\n' | b'\r') {
            out.splice(0..0, layout.eol.bytes().iter().copied());
        }
    }
    let offset = len + out.len() as u64;
    let (lines, texts) = encode_lines(path, &layout, encoding, entries)?;
    out.extend_from_slice(&lines);
    if let Err(e) = file.write_all(&out).and_then(|()| file.sync_data()) {
        // A partial line must not stay behind (a full disk, say).
        let _ = file.set_len(len);
        return Err(failed("cannot write", e));
    }
    if let (Some(w), Ok(now)) = (witness, file.metadata()) {
        let change = Change {
            before,
            after: Stamp::of(&now),
            written: &out,
            header: found.is_none(),
            layout: &layout,
            encoding,
        };
        w.appended(&mut file, &change);
    }
    Ok(Appended {
        text: encoding
            .decode(&lines)
            .trim_end_matches(['\r', '\n'])
            .to_string(),
        lines: texts,
        offset,
        bytes: lines,
    })
}

fn failed_to_write(path: &Path, what: &str, e: std::io::Error) -> Error {
    Error::file(
        path,
        format!("{what}: {e}"),
        "nothing was written; check the folder's permissions and the free disk space",
    )
}

/// The ledger folder made if missing, and `path` not a folder.
fn make_room(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| failed_to_write(path, "cannot create the ledger folder", e))?;
    }
    if path.is_dir() {
        return Err(Error::file(
            path,
            "is a folder, not a ledger file",
            "nothing was written; move the folder out of ledger/",
        ));
    }
    Ok(())
}

/// The entries' lines, one after the other, and each as text for the echo.
fn encode_lines(
    path: &Path,
    layout: &Layout,
    encoding: Encoding,
    entries: &[Entry],
) -> Result<(Vec<u8>, Vec<String>)> {
    let mut lines = Vec::new();
    let mut texts = Vec::new();
    for entry in entries {
        let line = encode_line(path, layout, encoding, entry)?;
        texts.push(
            encoding
                .decode(&line)
                .trim_end_matches(['\r', '\n'])
                .to_string(),
        );
        lines.extend(line);
    }
    Ok((lines, texts))
}

/// How long a file that keeps being replaced while `log` waits for its lock is
/// opened again before `log` gives up.
const REOPENING: std::time::Duration = std::time::Duration::from_secs(10);

/// Opens `path`, takes the exclusive lock every writer takes, and tells what it
/// locked.
/// After taking the lock, `path` must still name the locked file: a sync tool or an
/// editor that replaced the file by renaming another over it leaves the lock on a
/// file nobody reads, so the new one is opened instead.
fn open_locked(
    path: &Path,
    options: &std::fs::OpenOptions,
) -> std::io::Result<(File, std::fs::Metadata)> {
    use std::os::unix::fs::MetadataExt;
    let start = std::time::Instant::now();
    while start.elapsed() < REOPENING {
        let file = options.open(path)?;
        wait_for_lock(path, &file)?;
        let locked = file.metadata()?;
        match std::fs::metadata(path) {
            Ok(now) if now.dev() == locked.dev() && now.ino() == locked.ino() => {
                return Ok((file, locked));
            }
            _ => continue,
        }
    }
    Err(std::io::Error::other(format!(
        "the file was replaced again and again for {} s while waiting for its lock; is a sync tool rewriting it?",
        REOPENING.as_secs()
    )))
}

/// Takes the lock, saying so on standard error when another program has held it
/// for longer than a second.
fn wait_for_lock(path: &Path, file: &File) -> std::io::Result<()> {
    let start = std::time::Instant::now();
    let mut said = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        if !said && start.elapsed() > std::time::Duration::from_secs(1) {
            said = true;
            let _ = writeln!(
                std::io::stderr(),
                "waiting for {}: another program holds its lock (another medlofte log, or a sync tool)…",
                crate::privacy::for_display(&path.display().to_string())
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

fn last_byte(file: &mut File) -> std::io::Result<u8> {
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0])
}

/// The entry as one CSV line in the file's layout and encoding.
fn encode_line(path: &Path, layout: &Layout, encoding: Encoding, entry: &Entry) -> Result<Vec<u8>> {
    let fields = layout_fields(path, layout, entry)?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(layout.delimiter)
        .terminator(match layout.eol {
            Eol::CrLf => csv::Terminator::CRLF,
            Eol::Cr => csv::Terminator::Any(b'\r'),
            _ => csv::Terminator::Any(b'\n'),
        })
        .from_writer(Vec::new());
    let cannot = |e: String| {
        Error::file(
            path,
            format!("cannot write the line: {e}"),
            "nothing was written",
        )
    };
    writer
        .write_record(&fields)
        .map_err(|e| cannot(e.to_string()))?;
    let line = writer.into_inner().map_err(|e| cannot(e.to_string()))?;
    let text = String::from_utf8_lossy(&line);
    encoding.encode(&text).map_err(|c| {
        Error::file(
            path,
            format!("the file is Windows-1252, which cannot hold the character '{c}'"),
            "nothing was written; leave the character out, or save the file as UTF-8",
        )
    })
}

/// The entry's values in the file's column order; refuses values the file has no
/// column for rather than dropping them.
fn layout_fields(path: &Path, layout: &Layout, entry: &Entry) -> Result<Vec<String>> {
    let decimal_comma = layout.delimiter == b';';
    let count = entry.count.map(|c| {
        let text = c.to_string();
        if decimal_comma {
            text.replace('.', ",")
        } else {
            text
        }
    });
    let values: [(&str, Option<String>); 6] = [
        ("date", entry.date.map(|d| d.to_string())),
        ("promise", Some(entry.promise.clone())),
        ("count", count),
        ("by", entry.by.clone()),
        ("note", entry.note.clone()),
        ("place", entry.place.clone()),
    ];
    for (name, value) in &values {
        if value.as_deref().is_some_and(|v| !v.is_empty()) && layout.column(name).is_none() {
            let delimiter = layout.delimiter as char;
            // A Swedish header gets its missing column in Swedish too.
            let add = match crate::words::swedish_column(name) {
                Some(sv) if layout.swedish() => sv,
                _ => name,
            };
            return Err(Error::file(
                path,
                format!("the file has no `{name}` column"),
                format!(
                    "nothing was written; add {delimiter}{add} to the end of its header line, or leave the value out"
                ),
            ));
        }
    }
    // Each column by what it means, so `datum` gets the date.
    Ok(layout
        .columns
        .iter()
        .map(|column| {
            let english = crate::words::column(column);
            values
                .iter()
                .find(|(name, _)| Some(*name) == english)
                .and_then(|(_, v)| v.clone())
                .unwrap_or_default()
        })
        .collect())
}

/// Removes `line` from the end of `path`, under the same lock `append` takes, but
/// only if it is still exactly the file's last line. Returns whether it was.
pub fn remove_last(path: &Path, line: &Appended) -> Result<bool> {
    let failed = |what: &str, e: std::io::Error| {
        Error::file(path, format!("{what}: {e}"), "nothing was removed")
    };
    let (mut file, locked) = open_locked(path, std::fs::OpenOptions::new().read(true).write(true))
        .map_err(|e| failed("cannot open", e))?;
    let len = locked.len();
    if line.offset.checked_add(line.bytes.len() as u64) != Some(len) {
        return Ok(false);
    }
    let mut tail = vec![0u8; line.bytes.len()];
    file.seek(SeekFrom::Start(line.offset))
        .map_err(|e| failed("cannot read", e))?;
    file.read_exact(&mut tail)
        .map_err(|e| failed("cannot read", e))?;
    if tail != line.bytes {
        return Ok(false);
    }
    file.set_len(line.offset)
        .map_err(|e| failed("cannot shorten the file", e))?;
    file.sync_data()
        .map_err(|e| failed("cannot flush to disk", e))?;
    Ok(true)
}
