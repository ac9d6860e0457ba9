//! The notes the follow-up shows, kept in bounded memory: a buffer that, when
//! full, is sorted and written to a temporary file (a run); at the end the runs
//! are merged into one stream in the order the follow-up shows them (promise,
//! place, date). A million notes take the memory of the buffer, not of all.

use super::{Bucket, Note};
use crate::amount::Amount;
use chrono::NaiveDate;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Notes held in memory before a run is written: a few MiB of short notes.
const BUFFER: usize = 20_000;
/// Runs kept before they are merged into one.
const RUNS_OPEN: usize = 32;

type Key = (usize, Option<usize>, NaiveDate);

fn key(n: &Note) -> Key {
    (n.bucket.promise, n.bucket.item, n.date)
}

/// Notes as they are read, in memory up to a bound and on disk beyond it.
#[derive(Debug, Default)]
pub struct Notes {
    buffer: Vec<Note>,
    runs: Vec<Run>,
    /// Set when a run could not be written: the notes then stay in memory, since
    /// a follow-up with every note is worth more than the memory.
    unbounded: bool,
}

impl Notes {
    pub fn push(&mut self, note: Note) {
        self.buffer.push(note);
        if self.buffer.len() >= BUFFER && !self.unbounded {
            self.spill();
        }
    }

    fn spill(&mut self) {
        self.buffer.sort_by_key(key);
        match Run::write(self.buffer.iter().cloned()) {
            Ok(run) => {
                self.runs.push(run);
                self.buffer.clear();
            }
            Err(_) => self.unbounded = true,
        }
        self.compact();
    }

    /// Merges runs when there are many: each holds a file open and a read buffer,
    /// and a system allows a process only so many open files.
    fn compact(&mut self) {
        if self.runs.len() < RUNS_OPEN {
            return;
        }
        // The newest half: runs of one size merge together, so a note is written
        // again only a few times however many there are (older runs are larger).
        let runs = self.runs.split_off(RUNS_OPEN / 2);
        let merged = NoteStream::of(runs.into_iter().map(Source::Run).collect());
        match Run::write(merged) {
            Ok(run) => self.runs.push(run),
            Err(_) => self.unbounded = true,
        }
    }

    /// Takes in the notes of another part (another thread's files).
    pub fn merge(&mut self, other: Notes) {
        self.runs.extend(other.runs);
        self.compact();
        self.unbounded |= other.unbounded;
        for note in other.buffer {
            self.push(note);
        }
    }

    /// Every note, in (promise, place, date) order; notes of one date keep the
    /// order they were read in.
    pub fn into_stream(mut self) -> NoteStream {
        self.buffer.sort_by_key(key);
        let mut sources: Vec<Source> = self.runs.into_iter().map(Source::Run).collect();
        sources.push(Source::Memory(self.buffer.into_iter()));
        NoteStream::of(sources)
    }
}

/// The notes in order, read from the runs as they are needed.
pub struct NoteStream {
    heap: BinaryHeap<Reverse<(Key, usize, Entry)>>,
    sources: Vec<Source>,
}

/// A note in the heap, compared by its key and then by the source it came from,
/// so that notes of one date come in read order.
#[derive(Debug)]
struct Entry(Note);

impl PartialEq for Entry {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

enum Source {
    Run(Run),
    Memory(std::vec::IntoIter<Note>),
}

impl NoteStream {
    fn of(sources: Vec<Source>) -> NoteStream {
        let mut stream = NoteStream {
            heap: BinaryHeap::new(),
            sources,
        };
        for i in 0..stream.sources.len() {
            stream.refill(i);
        }
        stream
    }

    fn refill(&mut self, i: usize) {
        let next = match &mut self.sources[i] {
            Source::Run(run) => run.next(),
            Source::Memory(notes) => notes.next(),
        };
        if let Some(note) = next {
            self.heap.push(Reverse((key(&note), i, Entry(note))));
        }
    }
}

impl Iterator for NoteStream {
    type Item = Note;

    fn next(&mut self) -> Option<Note> {
        let Reverse((_, i, Entry(note))) = self.heap.pop()?;
        self.refill(i);
        Some(note)
    }
}

/// A sorted run of notes in a temporary file, removed when dropped.
#[derive(Debug)]
struct Run {
    path: PathBuf,
    reader: Option<BufReader<File>>,
}

static RUNS: AtomicUsize = AtomicUsize::new(0);

impl Run {
    fn write(notes: impl IntoIterator<Item = Note>) -> std::io::Result<Run> {
        let n = RUNS.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("medlofte-notes-{}-{n}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .read(true)
            .create_new(true)
            .open(&path)?;
        // Made before writing, so that a failed write still removes the file.
        let mut run = Run { path, reader: None };
        let mut out = BufWriter::new(file);
        for note in notes {
            encode(&note, &mut out)?;
        }
        out.flush()?;
        run.reader = Some(BufReader::new(File::open(&run.path)?));
        Ok(run)
    }

    fn next(&mut self) -> Option<Note> {
        // A run that cannot be read back ends there; it was written by this run.
        let note = self.reader.as_mut().and_then(|r| decode(r).ok().flatten());
        if note.is_none() {
            self.reader = None;
        }
        note
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn encode(n: &Note, out: &mut impl Write) -> std::io::Result<()> {
    let item = n.bucket.item.map_or(u64::MAX, |i| i as u64);
    out.write_all(&(n.bucket.promise as u64).to_le_bytes())?;
    out.write_all(&item.to_le_bytes())?;
    out.write_all(&chrono::Datelike::num_days_from_ce(&n.date).to_le_bytes())?;
    out.write_all(&n.amount.micros().to_le_bytes())?;
    for text in [&n.by, &n.text] {
        out.write_all(&(text.len() as u64).to_le_bytes())?;
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// The next note, `None` at the end of the run.
fn decode(r: &mut impl Read) -> std::io::Result<Option<Note>> {
    let mut word = [0u8; 8];
    match r.read_exact(&mut word) {
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        other => other?,
    }
    let promise = u64::from_le_bytes(word) as usize;
    r.read_exact(&mut word)?;
    let item = Some(u64::from_le_bytes(word)).filter(|&i| i != u64::MAX);
    let mut day = [0u8; 4];
    r.read_exact(&mut day)?;
    let date = NaiveDate::from_num_days_from_ce_opt(i32::from_le_bytes(day))
        .ok_or(std::io::ErrorKind::InvalidData)?;
    r.read_exact(&mut word)?;
    let amount = Amount::from_micros(i64::from_le_bytes(word));
    let mut text = || -> std::io::Result<String> {
        r.read_exact(&mut word)?;
        let mut bytes = vec![0; u64::from_le_bytes(word) as usize];
        r.read_exact(&mut bytes)?;
        String::from_utf8(bytes).map_err(|_| std::io::ErrorKind::InvalidData.into())
    };
    let (by, text) = (text()?, text()?);
    Ok(Some(Note {
        bucket: Bucket {
            promise,
            item: item.map(|i| i as usize),
        },
        date,
        amount,
        by,
        text,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(promise: usize, day: u32, text: &str) -> Note {
        Note {
            bucket: Bucket {
                promise,
                item: (promise == 1).then_some(day as usize % 2),
            },
            date: NaiveDate::from_ymd_opt(2019, 1, day).unwrap(),
            amount: Amount::from_micros(1_500_000),
            by: "polisen".into(),
            text: text.into(),
        }
    }

    #[test]
    fn many_notes_come_back_in_order_through_runs_on_disk() {
        let mut a = Notes::default();
        let mut b = Notes::default();
        let mut all = Vec::new();
        for i in 0..(BUFFER * (RUNS_OPEN + 3) + 17) {
            let n = note(i % 3, (i * 7 % 31 + 1) as u32, &format!("nr {i} – å"));
            all.push(n.clone());
            if i % 2 == 0 { a.push(n) } else { b.push(n) }
        }
        assert!(!a.runs.is_empty(), "the buffer spilled");
        assert!(a.runs.len() < RUNS_OPEN, "runs were merged");
        a.merge(b);
        let streamed: Vec<Note> = a.into_stream().collect();
        all.sort_by_key(key);
        assert_eq!(streamed.len(), all.len());
        // Same notes in the same key order (within a key, read order may differ).
        let keys = |v: &[Note]| v.iter().map(key).collect::<Vec<_>>();
        assert_eq!(keys(&streamed), keys(&all));
        let mut texts: Vec<&str> = streamed.iter().map(|n| n.text.as_str()).collect();
        let mut expected: Vec<&str> = all.iter().map(|n| n.text.as_str()).collect();
        texts.sort_unstable();
        expected.sort_unstable();
        assert_eq!(texts, expected);
    }
}
