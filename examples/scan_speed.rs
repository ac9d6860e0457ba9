//! The scanner alone over a project's ledger files: the fast path against the
//! exact state machine, best of five, on one thread.
//!
//!     cargo run --release --example scan_speed -- DIR [fast|exact]

use medlofte::ledger::scan::{Record, Scanner};
use std::time::{Duration, Instant};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: scan_speed DIR");
    let mut files: Vec<_> = std::fs::read_dir(std::path::Path::new(&dir).join("ledger"))
        .expect("ledger folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let only = std::env::args().nth(2);
    for exact in [false, true] {
        if only.as_deref().is_some_and(|o| (o == "exact") != exact) {
            continue;
        }
        let mut best = Duration::MAX;
        let mut fields = 0;
        for _ in 0..5 {
            let start = Instant::now();
            fields = 0;
            for path in &files {
                let file = std::fs::File::open(path).expect("open");
                let scanner = Scanner::new(file, b',');
                let mut scanner = if exact { scanner.exact() } else { scanner };
                let mut record = Record::default();
                while scanner.next_record(&mut record).expect("read") {
                    fields += record.len();
                }
            }
            best = best.min(start.elapsed());
        }
        let name = if exact { "exact" } else { "fast" };
        println!(
            "{name}: {fields} fields in {:.1} ms",
            best.as_secs_f64() * 1000.0
        );
    }
}
