//! SPEC's worked examples: `report --format csv --as-of D` prints the expected file
//! byte for byte.

use crate::common::{repo_root, run_in};

#[test]
fn every_worked_example_matches_byte_for_byte() {
    let root = repo_root().join("tests/fixtures/spec-examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let as_of = std::fs::read_to_string(dir.join("as_of")).unwrap();
        for date in as_of.split_whitespace() {
            let expected =
                std::fs::read_to_string(dir.join(format!("expected-{date}.csv"))).unwrap();
            let out = run_in(&dir, &["report", "--format", "csv", "--as-of", date]);
            assert_eq!(out.code, 0, "{}: {}", dir.display(), out.stderr);
            assert_eq!(out.stdout, expected, "{} as of {date}", dir.display());
            checked += 1;
        }
    }
    assert_eq!(checked, 12, "all twelve worked examples were found");
}
