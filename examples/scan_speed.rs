//! The scanner alone over a project's ledger files, best of five, on one
//! thread: plain lines split in place (as `report` reads them), the fast path
//! into records, and the exact state machine.
//!
//!     cargo run --release --example scan_speed -- DIR [plain|fast|exact]

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
    for name in ["plain", "fast", "exact"] {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let exact = name == "exact";
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
                loop {
                    if name == "plain"
                        && let Some(plain) = scanner.next_plain().expect("read")
                    {
                        fields += plain.len();
                        continue;
                    }
                    if !scanner.next_record(&mut record).expect("read") {
                        break;
                    }
                    fields += record.len();
                }
            }
            best = best.min(start.elapsed());
        }
        println!(
            "{name}: {fields} fields in {:.1} ms",
            best.as_secs_f64() * 1000.0
        );
    }
}
