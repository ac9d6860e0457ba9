//! .medlofte/cache/: what reading each ledger file gave — its sums per bucket and
//! day, its number of lines, its first and last date — so that a command need not
//! read a file again while it is unchanged. An entry is trusted only for the exact
//! stamp it was made for (device, inode, size, mtime and ctime), under the same
//! agreement and the same build of medlofte; anything else, and any entry that is
//! damaged, cut short or not one at all, is as if there were none: the file is
//! read. Entries are written whole to a temporary file and renamed into place, so
//! no reader sees half of one. Nothing in them names a person: dates and sums only.

use crate::amount::Amount;
use crate::ledger::Stamp;
use crate::model::Agreement;
use crate::tally::DaySums;
use chrono::{Datelike, NaiveDate};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// The cache of one project, for one agreement and one build of the program.
pub struct Cache {
    dir: PathBuf,
    /// Tells entries made under another agreement or by another build apart.
    identity: u64,
}

/// What reading one ledger file gave, at one stamp.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub stamp: Stamp,
    pub lines: u64,
    /// The first and last date of its lines; `None` when it has none.
    pub dates: Option<(NaiveDate, NaiveDate)>,
    /// Its sums, when sums are all that reading it gave (see `Tally::day_sums`).
    pub sums: Option<DaySums>,
}

/// The start of every entry: what it is, and the layout's version.
const MAGIC: &[u8; 8] = b"mlcache1";

/// An entry larger than this is not read: no ledger's sums come near it.
const LARGEST: u64 = 256 << 20;

/// A file changed less than this long ago may change again within the same tick
/// of a coarse file-system clock and keep its stamp: what a reader saw of it is
/// not kept yet.
const SETTLING: std::time::Duration = std::time::Duration::from_secs(1);

impl Cache {
    /// The cache under `project`/.medlofte/cache for `agreement`; `None` when the
    /// program cannot tell its own build, which an entry must match.
    pub fn new(project: &Path, agreement: &Agreement) -> Option<Cache> {
        let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        // The build by its binary's stamp too: a rebuild may read differently under
        // the same version number.
        let build = Stamp::of(&exe);
        let who = format!("{}\n{build:?}\n{agreement:?}", env!("CARGO_PKG_VERSION"));
        Some(Cache {
            dir: project.join(".medlofte").join("cache"),
            identity: checksum(who.as_bytes()),
        })
    }

    /// The entry of the ledger file named `name`, if one was made for exactly
    /// `stamp` under this agreement and build.
    pub fn get(&self, name: &std::ffi::OsStr, stamp: &Stamp) -> Option<Entry> {
        let path = self.path_of(name);
        // Never open what is not a plain file (a FIFO would block for ever).
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > LARGEST {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        decode(&bytes, self.identity, name.as_bytes()).filter(|e| e.stamp == *stamp)
    }

    /// Keeps `entry` for the ledger file named `name`, replacing any other. A cache
    /// that cannot be written is no reason to stop: the file is read next time.
    pub fn put(&self, name: &std::ffi::OsStr, entry: &Entry) {
        let bytes = encode(entry, self.identity, name.as_bytes());
        let path = self.path_of(name);
        let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
        let written = std::fs::create_dir_all(&self.dir)
            .and_then(|()| {
                let _ = std::fs::remove_file(&tmp);
                let mut f = std::fs::File::options()
                    .write(true)
                    .create_new(true)
                    .open(&tmp)?;
                f.write_all(&bytes)
            })
            .and_then(|()| std::fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// One file per ledger file, named by a checksum of its name (which any
    /// bytes may make up); the name itself is kept inside and checked.
    fn path_of(&self, name: &std::ffi::OsStr) -> PathBuf {
        self.dir
            .join(format!("{:016x}.sums", checksum(name.as_bytes())))
    }
}

/// Whether a file of `stamp` last changed long enough ago that a change now would
/// give it another stamp, even on a file system whose clock is coarse.
pub fn settled(stamp: &Stamp) -> bool {
    let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) else {
        return false;
    };
    let now = i128::try_from(now.as_nanos()).unwrap_or(i128::MAX);
    let nanos = |(s, ns): (i64, i64)| i128::from(s) * 1_000_000_000 + i128::from(ns);
    let latest = nanos(stamp.mtime).max(nanos(stamp.ctime));
    latest < now - SETTLING.as_nanos() as i128
}

/// A 64-bit checksum (FNV-1a over 8-byte words, then the length): stable across
/// builds and platforms, unlike std's hasher, and fast enough to check every
/// entry read. It catches damage, not forgery; a forged entry can only lie about
/// sums of a file the user owns.
pub fn checksum(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(PRIME);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME);
    }
    (h ^ bytes.len() as u64).wrapping_mul(PRIME)
}

fn encode(entry: &Entry, identity: u64, name: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    let mut put = |b: &[u8]| body.extend_from_slice(b);
    put(&identity.to_le_bytes());
    put(&(name.len() as u64).to_le_bytes());
    put(name);
    let s = &entry.stamp;
    for n in [s.dev, s.ino, s.size] {
        put(&n.to_le_bytes());
    }
    for n in [s.mtime.0, s.mtime.1, s.ctime.0, s.ctime.1] {
        put(&n.to_le_bytes());
    }
    put(&entry.lines.to_le_bytes());
    match entry.dates {
        None => put(&[0]),
        Some((first, last)) => {
            put(&[1]);
            put(&first.num_days_from_ce().to_le_bytes());
            put(&last.num_days_from_ce().to_le_bytes());
        }
    }
    match &entry.sums {
        None => put(&[0]),
        Some(buckets) => {
            put(&[1]);
            varint(&mut body, buckets.len() as u64);
            for days in buckets {
                varint(&mut body, days.len() as u64);
                // Days rise, mostly one by one: each as its step from the one
                // before (the first from day 0, zigzagged, for dates before it).
                let mut before = 0i64;
                for (day, amount) in days {
                    let step = i64::from(*day) - before;
                    varint(&mut body, ((step << 1) ^ (step >> 63)) as u64);
                    varint(&mut body, amount.micros() as u64);
                    before = i64::from(*day);
                }
            }
        }
    }
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&checksum(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// `n` in 7-bit groups, low first, the high bit set on all but the last.
fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The entry in `bytes`, if they are a whole, undamaged entry for `name` made
/// under `identity`, whose every value makes sense; `None` for anything else.
fn decode(bytes: &[u8], identity: u64, name: &[u8]) -> Option<Entry> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (sum, body) = rest.split_at_checked(8)?;
    if u64::from_le_bytes(sum.try_into().ok()?) != checksum(body) {
        return None;
    }
    let mut r = Reader(body);
    if r.u64()? != identity {
        return None;
    }
    let length = usize::try_from(r.u64()?).ok()?;
    if r.bytes(length)? != name {
        return None;
    }
    let stamp = Stamp {
        dev: r.u64()?,
        ino: r.u64()?,
        size: r.u64()?,
        mtime: (r.i64()?, r.i64()?),
        ctime: (r.i64()?, r.i64()?),
    };
    let lines = r.u64()?;
    let dates = match r.flag()? {
        false => None,
        true => Some((r.date()?, r.date()?)).filter(|(a, b)| a <= b),
    };
    let sums = match r.flag()? {
        false => None,
        true => Some(r.sums()?),
    };
    r.0.is_empty().then_some(Entry {
        stamp,
        lines,
        dates,
        sums,
    })
}

/// Reads values off the front of an entry's bytes; `None` past their end.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    fn i64(&mut self) -> Option<i64> {
        self.array().map(i64::from_le_bytes)
    }

    fn i32(&mut self) -> Option<i32> {
        self.array().map(i32::from_le_bytes)
    }

    fn flag(&mut self) -> Option<bool> {
        match self.array::<1>()? {
            [0] => Some(false),
            [1] => Some(true),
            _ => None,
        }
    }

    fn date(&mut self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.i32()?)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let [b] = self.array::<1>()?;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                // The shortest form only: one number, one way to write it.
                return (shift == 0 || b != 0).then_some(n);
            }
        }
        None
    }

    /// Per bucket, days in strictly rising order, each a real date with a
    /// positive sum.
    fn sums(&mut self) -> Option<DaySums> {
        // Every day number in this range is a date, and no other is.
        let dates = NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce();
        let buckets = usize::try_from(self.varint()?).ok()?;
        // Each count takes a byte at least: never allocate past the bytes.
        let mut out = Vec::with_capacity(buckets.min(self.0.len()));
        for _ in 0..buckets {
            let n = usize::try_from(self.varint()?).ok()?;
            let mut days: Vec<(i32, Amount)> = Vec::with_capacity(n.min(self.0.len() / 2));
            let mut before = 0i64;
            for _ in 0..n {
                let zigzag = self.varint()?;
                let step = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
                let day = i32::try_from(before.checked_add(step)?).ok()?;
                let micros = i64::try_from(self.varint()?).ok()?;
                let rising = days.is_empty() || step > 0;
                if !rising || micros <= 0 || !dates.contains(&day) {
                    return None;
                }
                days.push((day, Amount::from_micros(micros)));
                before = i64::from(day);
            }
            out.push(days);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests;
