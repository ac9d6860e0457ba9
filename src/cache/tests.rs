use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn entry() -> Entry {
    let n = |date: NaiveDate| date.num_days_from_ce();
    Entry {
        stamp: Stamp {
            dev: 2049,
            ino: 1234,
            size: 5_852_576,
            mtime: (1_700_000_000, 123_456_789),
            ctime: (1_700_000_001, 5),
        },
        lines: 100_000,
        dates: Some((day(2024, 1, 1), day(2024, 12, 31))),
        sums: Some(vec![
            vec![
                (n(day(2024, 1, 1)), Amount::from_int(3)),
                (n(day(2024, 1, 2)), Amount::from_micros(1_500_000)),
                (n(day(2024, 3, 1)), Amount::from_int(1)),
            ],
            Vec::new(),
            // A line dated long before the common era still round-trips.
            vec![(n(NaiveDate::MIN), Amount::from_int(2))],
        ]),
    }
}

#[test]
fn an_entry_reads_back_as_written() {
    let e = entry();
    let bytes = encode(&e, 7, b"2024.csv");
    assert_eq!(decode(&bytes, 7, b"2024.csv"), Some(e.clone()));
    let bare = Entry {
        dates: None,
        sums: None,
        ..e
    };
    assert_eq!(
        decode(&encode(&bare, 7, b"2024.csv"), 7, b"2024.csv"),
        Some(bare)
    );
}

#[test]
fn another_agreement_build_or_file_is_not_trusted() {
    let bytes = encode(&entry(), 7, b"2024.csv");
    assert_eq!(decode(&bytes, 8, b"2024.csv"), None);
    assert_eq!(decode(&bytes, 7, b"2023.csv"), None);
}

#[test]
fn a_cut_short_or_damaged_entry_is_not_trusted() {
    let bytes = encode(&entry(), 7, b"2024.csv");
    for n in 0..bytes.len() {
        assert_eq!(decode(&bytes[..n], 7, b"2024.csv"), None, "cut at {n}");
    }
    for i in 0..bytes.len() {
        for bit in [0x01, 0x80] {
            let mut damaged = bytes.clone();
            damaged[i] ^= bit;
            assert_eq!(decode(&damaged, 7, b"2024.csv"), None, "byte {i}");
        }
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(decode(&longer, 7, b"2024.csv"), None);
}

/// An entry whose checksum is right but whose values make no sense: written on
/// purpose, or by another program.
fn forged(body: &[u8]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&checksum(body).to_le_bytes());
    out.extend_from_slice(body);
    out
}

fn body_with_sums(sums: &[u8]) -> Vec<u8> {
    let e = Entry {
        sums: None,
        ..entry()
    };
    let bytes = encode(&e, 7, b"x.csv");
    let mut body = bytes[16..bytes.len() - 1].to_vec();
    body.push(1);
    body.extend_from_slice(sums);
    body
}

#[test]
fn values_that_make_no_sense_are_not_trusted() {
    let sound = forged(&body_with_sums(&[1, 2, 2, 1, 2, 1]));
    let sums = decode(&sound, 7, b"x.csv").and_then(|e| e.sums);
    assert_eq!(
        sums,
        Some(vec![vec![
            (1, Amount::from_micros(1)),
            (2, Amount::from_micros(1))
        ]])
    );
    for (why, sums) in [
        ("days that do not rise", &[1u8, 2, 4, 1, 0, 1][..]),
        ("a zero sum", &[1, 1, 2, 0]),
        (
            "a count of buckets past the bytes",
            &[0xff, 0xff, 0xff, 0xff, 0x0f],
        ),
        (
            "a count of days past the bytes",
            &[1, 0xff, 0xff, 0xff, 0x7f, 2, 1],
        ),
        (
            "a day past the calendar",
            &[1, 1, 0xfe, 0xff, 0xff, 0xff, 0x0f, 1],
        ),
        (
            "a varint never ending",
            &[
                1, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
            ],
        ),
        ("a varint written long", &[1, 1, 0x82, 0x00, 1]),
        (
            "a sum past what an amount holds",
            &[
                1, 1, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
            ],
        ),
    ] {
        assert_eq!(
            decode(&forged(&body_with_sums(sums)), 7, b"x.csv"),
            None,
            "{why}"
        );
    }
    let mut dates = body_with_sums(&[0]);
    let at = dates.len() - 11;
    assert_eq!(dates[at], 1, "the dates' flag");
    dates[at] = 2;
    assert_eq!(
        decode(&forged(&dates), 7, b"x.csv"),
        None,
        "a flag neither 0 nor 1"
    );
}

#[test]
fn the_checksum_is_stable() {
    // Entries written by one build must read in another of the same version:
    // the checksum may never depend on the platform or the run.
    assert_eq!(checksum(b""), 0xaf63_bd4c_8601_b7df);
    assert_ne!(checksum(b"2019.csv"), checksum(b"2019.csw"));
    assert_ne!(checksum(b"a"), checksum(b"a\0"));
}

#[test]
fn a_file_changed_just_now_is_not_settled() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let at = |s: i64| Stamp {
        mtime: (s, 0),
        ctime: (s, 0),
        ..entry().stamp
    };
    assert!(settled(&at(now - 5)));
    assert!(!settled(&at(now)));
    assert!(!settled(&at(now + 60)), "a time in the future");
    let touched_back = Stamp {
        mtime: (now - 3600, 0),
        ctime: (now, 0),
        ..entry().stamp
    };
    assert!(!settled(&touched_back), "an old mtime put back just now");
}

proptest::proptest! {
    /// Any bytes behind a right checksum (so that the parser, not the checksum,
    /// meets them) are an entry or none, never a panic or a huge allocation.
    #[test]
    fn any_bytes_are_an_entry_or_none(body in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = decode(&forged(&body), 7, b"x.csv");
        let mut sound = body_with_sums(&[]);
        sound.extend_from_slice(&body);
        let _ = decode(&forged(&sound), 7, b"x.csv");
    }
}
