//! Personal data must not reach the ledger: notes about concern talks or domestic
//! violence must not name people. And a note that a spreadsheet would run as a
//! formula is flagged.

use std::ops::Range;

/// Where `text` holds something that looks like a Swedish personal identity number
/// or coordination number: 10 or 12 digits (`YYMMDDNNNN`, `YYYYMMDDNNNN`), with or
/// without `-`/`+` before the last four, passing the Luhn check. Digits that are
/// part of a longer run of digits do not count.
pub fn personal_number(text: &[u8]) -> Option<Range<usize>> {
    let mut i = 0;
    while i < text.len() {
        if !text[i].is_ascii_digit() || (i > 0 && text[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        for date_len in [6, 8] {
            if let Some(end) = match_at(text, i, date_len) {
                return Some(i..end);
            }
        }
        i += 1;
    }
    None
}

/// A number starting at `start` with `date_len` digits, an optional separator and
/// four more digits, not followed by a digit; its end if it passes Luhn.
fn match_at(text: &[u8], start: usize, date_len: usize) -> Option<usize> {
    let digits = |from: usize, n: usize| {
        text.get(from..from + n)
            .filter(|s| s.iter().all(u8::is_ascii_digit))
    };
    let date = digits(start, date_len)?;
    let mut at = start + date_len;
    if matches!(text.get(at), Some(b'-' | b'+')) {
        at += 1;
    }
    let serial = digits(at, 4)?;
    let end = at + 4;
    if text.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let ten: Vec<u8> = date[date_len - 6..]
        .iter()
        .chain(serial)
        .map(|d| d - b'0')
        .collect();
    luhn(&ten).then_some(end)
}

fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let v = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Whether a spreadsheet would take the note for a formula.
pub fn formula_like(note: &[u8]) -> bool {
    matches!(note.first(), Some(b'=' | b'+' | b'-' | b'@'))
}

/// The text with every digit of `range` hidden, to show a line without echoing the
/// number in it.
pub fn mask(text: &str, range: Range<usize>) -> String {
    text.char_indices()
        .map(|(i, c)| {
            if range.contains(&i) && c.is_ascii_digit() {
                '*'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_identity_and_coordination_numbers() {
        // Skatteverket's published test numbers.
        for text in [
            "811218-9876",
            "8112189876",
            "19811218-9876",
            "198112189876",
            "811218+9876",
            "Samtal med 701063-2391 idag",
        ] {
            assert!(personal_number(text.as_bytes()).is_some(), "{text}");
        }
        let r = personal_number(b"Samtal med 701063-2391 idag").unwrap();
        assert_eq!(r, 11..22);
    }

    #[test]
    fn leaves_other_numbers_alone() {
        for text in [
            "811218-9875",
            "Ärende 5000-1234",
            "12345",
            "tel 08-123 456 78",
            "2019-03-14",
            "1234567890123",
            "Vecka 12, 14 deltagare",
        ] {
            assert!(personal_number(text.as_bytes()).is_none(), "{text}");
        }
    }

    #[test]
    fn formulas_and_masking() {
        assert!(formula_like(b"=SUM(A1)"));
        assert!(formula_like(b"-2 i snitt"));
        assert!(!formula_like(b"Torget"));
        assert_eq!(mask("x 811218-9876 y", 2..13), "x ******-**** y");
    }
}
