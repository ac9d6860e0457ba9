//! Personal data must not reach the ledger: notes about concern talks or domestic
//! violence must not name people. And a note that a spreadsheet would run as a
//! formula is flagged.

use std::borrow::Cow;
use std::ops::Range;

/// Where `text` holds something that looks like a Swedish personal identity number
/// or coordination number: 10 or 12 digits (`YYMMDDNNNN`, `YYYYMMDDNNNN`), with or
/// without a separator before the last four (`-`, `+`, a dash of another kind,
/// spaces, or a dash between spaces), passing the Luhn check. Digits that are part
/// of a longer run of digits do not count.
pub fn personal_number(text: &[u8]) -> Option<Range<usize>> {
    // Counting digits is much cheaper than looking for a number at each one.
    if !may_hold_personal_number(text) {
        return None;
    }
    find_personal_number(text)
}

/// `false` when `text` surely holds no personal number: it has fewer than the
/// ten digits each form has. Cheap, and enough to settle nearly all free text.
pub fn may_hold_personal_number(text: &[u8]) -> bool {
    ten_digits(text)
}

/// [`personal_number`] without the count of digits first; kept out of line so
/// that the count, which settles most text, costs no more than itself.
#[inline(never)]
fn find_personal_number(text: &[u8]) -> Option<Range<usize>> {
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

/// Whether ten bytes of `text` or more are ASCII digits, counted eight at a time.
fn ten_digits(text: &[u8]) -> bool {
    if text.len() < 10 {
        return false;
    }
    let word_at = |at: usize| u64::from_le_bytes(text[at..at + 8].try_into().unwrap_or_default());
    let (mut n, mut at) = (0, 0);
    while at + 8 <= text.len() {
        n += digits_in(word_at(at));
        if n >= 10 {
            return true;
        }
        at += 8;
    }
    let rest = text.len() - at;
    // The last eight bytes, without those already counted (the low ones).
    rest > 0 && n + digits_in(word_at(text.len() - 8) >> (8 * (8 - rest))) >= 10
}

/// How many of a word's bytes are ASCII digits. Each byte is computed on apart
/// (no carry or borrow crosses into the next): its high bit is set in `from_0`
/// when the byte's low seven bits are `b'0'` or more, in `past_9` when they are
/// past `b'9'`; a byte with its own high bit set is no digit.
fn digits_in(word: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES << 7;
    let from_0 = (word | HIGH) - ONES * u64::from(b'0');
    let past_9 = (word & !HIGH) + ONES * u64::from(0x7f - b'9');
    let digits = (from_0 & !past_9 & !word & HIGH) >> 7;
    // The sum of the bytes (each 0 or 1) lands in the top byte.
    (digits.wrapping_mul(ONES) >> 56) as usize
}

/// Dashes people and word processors put between the date and the last four.
const DASHES: [&str; 6] = ["-", "+", "\u{2013}", "\u{2014}", "\u{2212}", "\u{2011}"];
/// Spaces, the no-break ones included.
const SPACES: [&str; 4] = [" ", "\t", "\u{a0}", "\u{202f}"];

/// The length of a separator at the start of `text`: up to three spaces with at
/// most one dash among them.
fn separator(text: &[u8]) -> usize {
    let mut at = 0;
    let mut spaces = 0;
    let mut dash = false;
    loop {
        let rest = &text[at..];
        if let Some(s) = SPACES.iter().find(|s| rest.starts_with(s.as_bytes())) {
            if spaces == 3 {
                return at;
            }
            spaces += 1;
            at += s.len();
        } else if let Some(d) = DASHES.iter().find(|d| rest.starts_with(d.as_bytes())) {
            if dash {
                return at;
            }
            dash = true;
            at += d.len();
        } else {
            return at;
        }
    }
}

/// A number starting at `start` with `date_len` digits, an optional separator and
/// four more digits, not followed by a digit; its end if it passes Luhn.
fn match_at(text: &[u8], start: usize, date_len: usize) -> Option<usize> {
    let digits = |from: usize, n: usize| {
        text.get(from..from + n)
            .filter(|s| s.iter().all(u8::is_ascii_digit))
    };
    let date = digits(start, date_len)?;
    let at = start + date_len;
    let sep = separator(&text[at..]);
    // Try with the separator, and without it when it is only spaces that would
    // otherwise end the match too early.
    for at in [at + sep, at] {
        let Some(serial) = digits(at, 4) else {
            continue;
        };
        let end = at + 4;
        if text.get(end).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let ten: Vec<u8> = date[date_len - 6..]
            .iter()
            .chain(serial)
            .map(|d| d - b'0')
            .collect();
        if luhn(&ten) {
            return Some(end);
        }
    }
    None
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

/// The text with the digits of every personal number hidden.
pub fn mask_all(text: &str) -> Cow<'_, str> {
    match mask_all_bytes(text.as_bytes()) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        // Only ASCII digits became `*`: still UTF-8.
        Cow::Owned(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

/// Bytes of any encoding with the (ASCII) digits of every personal number hidden,
/// length for length: a line is masked whole before an excerpt is cut from it,
/// since a number cut in half is no longer found.
pub fn mask_all_bytes(bytes: &[u8]) -> Cow<'_, [u8]> {
    let Some(mut range) = personal_number(bytes) else {
        return Cow::Borrowed(bytes);
    };
    let mut out = bytes.to_vec();
    loop {
        for b in &mut out[range] {
            if b.is_ascii_digit() {
                *b = b'*';
            }
        }
        match personal_number(&out) {
            Some(next) => range = next,
            None => return Cow::Owned(out),
        }
    }
}

/// Text from a user's file, fit to be shown: personal numbers hidden, and every
/// control or direction-changing character (an escape sequence would reach the
/// terminal) replaced one for one by U+FFFD, so columns stay where they were.
pub fn for_display(text: &str) -> Cow<'_, str> {
    let masked = mask_all(text);
    if !masked.chars().any(hidden_char) {
        return masked;
    }
    Cow::Owned(
        masked
            .chars()
            .map(|c| if hidden_char(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

/// A path as it may be shown: a file or folder name is text someone wrote.
pub fn path_for_display(path: &std::path::Path) -> String {
    for_display(&path.display().to_string()).into_owned()
}

/// Characters that must not reach a terminal as they are.
pub fn hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
            "811218 9876",
            "19811218 9876",
            "811218\u{2013}9876",
            "811218 - 9876",
            "811218 \u{2013} 9876",
            "811218\u{a0}9876",
            "Samtal: 19811218-9876.",
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
            "070-123 45 67",
            "811218 - - 9876",
            "2019-03-14 1234",
        ] {
            assert!(personal_number(text.as_bytes()).is_none(), "{text}");
        }
    }

    #[test]
    fn formulas_and_masking() {
        assert!(formula_like(b"=SUM(A1)"));
        assert!(formula_like(b"-2 i snitt"));
        assert!(!formula_like(b"Torget"));
        assert_eq!(mask_all("x 811218-9876 y"), "x ******-**** y");
        assert_eq!(
            &mask_all_bytes(b"x\xe9 811218-9876 \xff")[..],
            b"x\xe9 ******-**** \xff"
        );
    }

    #[test]
    fn masks_every_number_and_every_control_character() {
        assert_eq!(
            mask_all("a 811218-9876 b 701063 2391"),
            "a ******-**** b ****** ****"
        );
        assert_eq!(
            for_display("x\u{1b}[31my\u{202e}"),
            "x\u{fffd}[31my\u{fffd}"
        );
        assert!(matches!(for_display("plain"), Cow::Borrowed(_)));
    }

    proptest::proptest! {
        #[test]
        fn digits_are_counted_as_one_by_one(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![0u8, b'/', b'0', b'5', b'9', b':', 0x7f, 0x80, 0xb0, 0xb9, 0xff]),
                0..40,
            ),
        ) {
            let one_by_one = bytes.iter().filter(|b| b.is_ascii_digit()).count();
            proptest::prop_assert_eq!(ten_digits(&bytes), one_by_one >= 10);
        }

        #[test]
        fn counting_digits_first_finds_the_same_numbers(
            text in "[0-9 \\-+\t\u{a0}\u{202f}\u{2013}\u{2212}åx/:.]{0,40}",
            number in proptest::sample::select(vec!["", "811218-9876", "198112189876", "701063 2391"]),
            at in 0usize..40,
        ) {
            let mut text = text;
            let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            text.insert_str(at, number);
            let bytes = text.as_bytes();
            proptest::prop_assert_eq!(personal_number(bytes), find_personal_number(bytes));
        }

        #[test]
        fn shown_text_keeps_its_width_and_hides_numbers(
            before in "\\PC{0,8}",
            after in "\\PC{0,8}",
            sep in proptest::sample::select(vec!["", "-", "+", " ", "\u{2013}", " - ", "\u{a0}"]),
            raw in "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f} a]{0,10}",
        ) {
            let text = format!("{before} 811218{sep}9876 {after}{raw}");
            let shown = for_display(&text);
            proptest::prop_assert_eq!(shown.chars().count(), text.chars().count());
            proptest::prop_assert!(!shown.contains("9876"), "{}", shown);
            proptest::prop_assert!(!shown.chars().any(hidden_char));
        }
    }
}
