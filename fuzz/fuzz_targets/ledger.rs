#![no_main]
//! Ledger reader: any bytes after a valid header, never a panic; every diagnostic
//! names the file.

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

const PROMISES: &str = r#"title = "T"
start = 2019-01-01
end = 2019-12-31
parties = ["polisen"]

[[promise]]
id = "a"
min = 1
per = "week"

[[promise]]
id = "b"
unit = "timmar"
min = 2
per = "2 months"
each = ["X", "Y"]

[[promise]]
id = "c"
part_of = "a"
"#;

fuzz_target!(|data: &[u8]| {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().unwrap());
    let path = dir.path().join("x.csv");
    let mut bytes = b"date,promise,count,by,note,place\n".to_vec();
    bytes.extend_from_slice(data);
    std::fs::write(&path, &bytes).unwrap();
    let agreement = medlofte::promises::parse(Path::new("p.toml"), PROMISES).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let report = medlofte::ledger::read_file(&path, &agreement, medlofte::ledger::Scrutiny::Everything { today, completed: &[] }, &mut |_| Ok(()));
    for d in report.diagnostics {
        assert!(d.render(false).contains("x.csv"));
    }
});
