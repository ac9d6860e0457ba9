//! Writes a large, realistic project for benchmarks: ten years (2015–2024), yearly
//! ledger files, eight promises of mixed periods, notes with commas, quotes and åäö.
//!
//!     cargo run --release --example gen_ledger -- DIR LINES [--last-year-only] [--places N]
//!
//! With `--places N`, the promise kept per place has N places instead of two (the
//! same lines otherwise), to measure what a long `each` list costs.
//! With `--last-year-only`, only the lines dated in the last year are written: the
//! same project as a newcomer to medlofte would have it. Deterministic for a given
//! LINES, so runs compare like with like.

use std::io::{BufWriter, Write};
use std::path::Path;

const PROMISES: &str = r#"# Generated for benchmarks: ten years, eight promises of mixed periods.
title = "Benchmark – medborgarlöften"
start = 2015-01-01
end = 2024-12-31
parties = ["polisen", "kommunen", "skolan", "hälsocentralen"]

[[promise]]
id = "narvaro"
title = "Polisen finns på publika platser minst en gång i veckan"
min = 1
per = "week"

[[promise]]
id = "insatser"
title = "Operativa insatser minst två gånger per halvår"
min = 2
per = "half-year"

[[promise]]
id = "trafik"
title = "Operativa insatser mot droger i trafiken"

[[promise]]
id = "timmar"
title = "Synlig polis minst 900 timmar per år"
unit = "timmar"
min = 900
per = "year"

[[promise]]
id = "vandringar"
title = "Trygghetsvandringar minst två per kvartal"
min = 2
per = "quarter"

[[promise]]
id = "vandringar-centrum"
title = "varav en i centrum per år"
part_of = "vandringar"
min = 1
per = "year"

[[promise]]
id = "fotpatrull"
title = "Fotpatrullering minst fyra gånger i månaden per område"
min = 4
per = "month"
each = ["Råslätt", "Öxnehaga"]

[[promise]]
id = "bra-moten"
title = "Möten med BRÅ minst en gång varannan månad"
min = 1
per = "2 months"
"#;

const NOTES: [&str; 6] = [
    "Torget",
    "Resecentrum, kväll",
    "\"Lugnt\" vid gallerian",
    "Skolgården, åk 7–9",
    "Samtal med föräldrar, \"bra möte\", fika",
    "Hamnen; öppet hus",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(lines)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: gen_ledger DIR LINES [--last-year-only]");
        std::process::exit(2);
    };
    let last_year_only = args.iter().any(|a| a == "--last-year-only");
    let places: Vec<String> = match args.iter().position(|a| a == "--places") {
        Some(i) => {
            let n = args
                .get(i + 1)
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(2);
            (1..=n).map(|k| format!("Försäljningsställe {k}")).collect()
        }
        None => vec!["Råslätt".to_string(), "Öxnehaga".to_string()],
    };
    let each: Vec<String> = places.iter().map(|p| format!("\"{p}\"")).collect();
    let promises = PROMISES.replace(
        "each = [\"Råslätt\", \"Öxnehaga\"]",
        &format!("each = [{}]", each.join(", ")),
    );
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir.join("ledger")).expect("create ledger folder");
    std::fs::write(dir.join("promises.toml"), promises).expect("write promises.toml");
    let per_year = lines / 10;
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    for year in 2015..=2024 {
        if last_year_only && year != 2024 {
            // Keep the generator's sequence identical either way.
            for _ in 0..per_year * 6 {
                next();
            }
            continue;
        }
        let file =
            std::fs::File::create(dir.join(format!("ledger/{year}.csv"))).expect("create file");
        let mut out = BufWriter::new(file);
        writeln!(out, "date,promise,count,by,note,place").expect("write");
        let days = if year % 4 == 0 { 366 } else { 365 };
        for i in 0..per_year {
            // Dates rise through the year, as a ledger appended day by day does.
            let day = (i * days / per_year.max(1)) as u32;
            let date = chrono::NaiveDate::from_yo_opt(year, day + 1).expect("day");
            let (promise, count, place) = match next() % 16 {
                0..=5 => ("narvaro", String::new(), ""),
                6 => ("insatser", "1".to_string(), ""),
                7 | 8 => ("trafik", (1 + next() % 3).to_string(), ""),
                9 | 10 => ("timmar", format!("{}.{}", 1 + next() % 4, next() % 10), ""),
                11 => ("vandringar", String::new(), ""),
                12 => ("vandringar-centrum", String::new(), ""),
                13 | 14 => (
                    "fotpatrull",
                    "1".to_string(),
                    places[(next() % places.len() as u64) as usize].as_str(),
                ),
                _ => ("bra-moten", String::new(), ""),
            };
            let by = ["polisen", "kommunen", "skolan", "hälsocentralen"][(next() % 4) as usize];
            let note = NOTES[(next() % 6) as usize];
            let note = if note.contains(['"', ',', ';']) {
                format!("\"{}\"", note.replace('"', "\"\""))
            } else {
                note.to_string()
            };
            writeln!(out, "{date},{promise},{count},{by},{note},{place}").expect("write");
        }
        out.flush().expect("flush");
    }
}
