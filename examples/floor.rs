//! The floor for `report`: the least program that does the same reading. One
//! `csv::ByteRecord` loop per file that sums counts per promise and month, on one
//! thread, checking nothing.
//!
//!     cargo run --release --example floor -- DIR

use std::collections::HashMap;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: floor DIR");
    let mut files: Vec<_> = std::fs::read_dir(std::path::Path::new(&dir).join("ledger"))
        .expect("ledger folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    let mut sums: HashMap<Vec<u8>, HashMap<[u8; 7], f64>> = HashMap::new();
    let mut record = csv::ByteRecord::new();
    for path in files {
        let mut reader = csv::Reader::from_path(&path).expect("open");
        while reader.read_byte_record(&mut record).expect("read") {
            let (Some(date), Some(promise), Some(count)) =
                (record.get(0), record.get(1), record.get(2))
            else {
                continue;
            };
            let Some(month) = date.get(..7).and_then(|m| <[u8; 7]>::try_from(m).ok()) else {
                continue;
            };
            let n = if count.is_empty() {
                1.0
            } else {
                std::str::from_utf8(count)
                    .ok()
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(0.0)
            };
            if let Some(months) = sums.get_mut(promise) {
                *months.entry(month).or_default() += n;
            } else {
                sums.entry(promise.to_vec()).or_default().insert(month, n);
            }
        }
    }
    let total: f64 = sums.values().flat_map(|m| m.values()).sum();
    println!(
        "{} promises, {} promise-months, total {total}",
        sums.len(),
        sums.values().map(HashMap::len).sum::<usize>()
    );
}
