//! Personal data must not reach the ledger: notes about concern talks or domestic
//! violence must not name people. And a note that a spreadsheet would run as a
//! formula is flagged.

use std::borrow::Cow;
use std::ops::Range;

mod signs;

pub use signs::digit;
use signs::{Reader, Sign};

/// Where `text` holds something that looks like a Swedish personal identity number
/// or coordination number: 10 or 12 digits (`YYMMDDNNNN`, `YYYYMMDDNNNN`), with or
/// without a separator before the last four (`-`, `+`, a dash of another kind,
/// spaces, or a dash between spaces), passing the Luhn check. Digits that are part
/// of a longer run of digits do not count. The text is read as a reader sees it
/// (`signs`): full-width digits are digits, look-alike dashes and spaces are
/// separators, and characters that show nothing are read past.
pub fn personal_number(text: &[u8]) -> Option<Range<usize>> {
    // Counting digits is much cheaper than looking for a number at each one.
    if !may_hold_personal_number(text) {
        return None;
    }
    find_personal_number(text)
}

/// `false` when `text` surely holds no personal number: it has fewer than the
/// ten digits each form has (ASCII or full-width). Cheap, and enough to settle
/// nearly all free text.
pub fn may_hold_personal_number(text: &[u8]) -> bool {
    ten_digits(text)
}

/// [`personal_number`] without the count of digits first; kept out of line so
/// that the count, which settles most text, costs no more than itself.
#[inline(never)]
fn find_personal_number(text: &[u8]) -> Option<Range<usize>> {
    // Whether the last sign seen is a digit: a number starts after none.
    let mut after_digit = false;
    let mut at = 0;
    while at < text.len() {
        // Most bytes are ASCII that is no digit: past them at once.
        if text[at] < 0x80 && !text[at].is_ascii_digit() {
            after_digit = false;
            at += 1;
            continue;
        }
        let (sign, len) = signs::sign(&text[at..]);
        match sign {
            Sign::Unseen => {}
            Sign::Digit(_) if !after_digit => match number_at(text, at) {
                Ok(end) => return Some(at..end),
                // No number starts inside the run: past it.
                Err(run_end) => {
                    after_digit = true;
                    at = run_end;
                    continue;
                }
            },
            _ => after_digit = matches!(sign, Sign::Digit(_)),
        }
        at += len;
    }
    None
}

/// Whether ten bytes of `text` or more may be digits: ASCII digits, and the
/// lead bytes 0xef and above that begin a full-width digit (and the rarer
/// characters that share them), counted eight at a time.
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

/// How many of a word's bytes are ASCII digits or 0xef and above. Each byte is
/// computed on apart, its high bit set first so that no borrow crosses into
/// the next: its high bit is then set in `from_0` when the byte's low seven
/// bits are `b'0'` or more, in `past_9` when they are past `b'9'`, in `from_ef`
/// when they are 0x6f or more; a byte with its own high bit set is no ASCII
/// digit, one without it no lead.
fn digits_in(word: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES << 7;
    let high = word | HIGH;
    let from_0 = high - ONES * u64::from(b'0');
    let past_9 = high - ONES * u64::from(b'9' + 1);
    let from_ef = high - ONES * 0x6f;
    let digits = (from_0 & !past_9 & !word | from_ef & word) & HIGH;
    // The sum of the bytes (each 0 or 1) lands in the top byte.
    ((digits >> 7).wrapping_mul(ONES) >> 56) as usize
}

/// A number whose first digit is at `start`: a run of 10 or 12 digits, or of
/// 6 or 8, a separator and a run of four; `Ok` with its end if it passes
/// Luhn, else `Err` with the end of the run of digits at `start` (no number
/// starts inside it).
fn number_at(text: &[u8], start: usize) -> Result<usize, usize> {
    // Most runs are ASCII, end at ASCII, and are no date's length: settled
    // on the bytes.
    let ascii = text[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let ends = text.get(start + ascii).is_none_or(u8::is_ascii);
    if ends && !matches!(ascii, 6 | 8 | 10 | 12) {
        return Err(start + ascii);
    }
    let mut reader = Reader::new(text, start);
    let mut digits = [0; 16];
    let (n, run_end) = reader.run(&mut digits);
    let (n, end) = match n {
        10 | 12 => (n, run_end),
        6 | 8 => {
            reader.separator();
            match reader.run(&mut digits[n..]) {
                (4, end) => (n + 4, end),
                _ => return Err(run_end),
            }
        }
        _ => return Err(run_end),
    };
    let ten = &digits[n - 10..n];
    if born_on_a_day(ten) && luhn(ten) {
        Ok(end)
    } else {
        Err(run_end)
    }
}

/// Whether `YYMMDDNNNN` starts with a day someone may be born on: a month of
/// the year, and a day of a month (plus 60 in a coordination number). An
/// amount and a year (`500000 2021`), or an organisation number (its "month"
/// 20 or more), are none.
fn born_on_a_day(ten: &[u8]) -> bool {
    let month = ten[2] * 10 + ten[3];
    let day = ten[4] * 10 + ten[5];
    (1..=12).contains(&month) && ((1..=31).contains(&day) || (61..=91).contains(&day))
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

/// Bytes of any encoding with the digits of every personal number hidden, length
/// for length (a full-width digit by the full-width `＊`): a line is masked whole
/// before an excerpt is cut from it, since a number cut in half is no longer found.
pub fn mask_all_bytes(bytes: &[u8]) -> Cow<'_, [u8]> {
    let Some(mut range) = personal_number(bytes) else {
        return Cow::Borrowed(bytes);
    };
    let mut out = bytes.to_vec();
    loop {
        let mut i = range.start;
        while i < range.end {
            match out[i..] {
                [b'0'..=b'9', ..] => out[i] = b'*',
                [0xef, 0xbc, 0x90..=0x99, ..] => out[i..i + 3].copy_from_slice("＊".as_bytes()),
                _ => {}
            }
            i += 1;
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
    let shown: String = masked
        .chars()
        .map(|c| if hidden_char(c) { '\u{fffd}' } else { c })
        .collect();
    // A direction mark shows nothing, but its U+FFFD does: it may end a run
    // of digits too long to be a number where a number then shows.
    Cow::Owned(mask_all(&shown).into_owned())
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
    fn no_number_without_a_day_of_birth() {
        // Luhn passes for each, but no one is born in month 00 or 60.
        for text in [
            "100000 2020",
            "Kommunen satsade 100000 2020",
            "org.nr 556036-0793",
        ] {
            assert_eq!(personal_number(text.as_bytes()), None, "{text}");
        }
        // A coordination number's day is the day of birth plus 60.
        assert!(personal_number(b"701063-2391").is_some());
    }

    #[test]
    fn formulas_and_masking() {
        assert!(formula_like(b"=SUM(A1)"));
        assert!(formula_like(b"-2 i snitt"));
        assert!(!formula_like(b"Torget"));
        assert_eq!(mask_all("x 811218-9876 y"), "x ******-**** y");
        // Full-width digits, byte for byte.
        assert_eq!(mask_all("８１１２１８-９８７６"), "＊＊＊＊＊＊-＊＊＊＊");
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
        // Thirteen digits are no number, until a direction mark among them
        // shows as U+FFFD and leaves twelve that are.
        assert_eq!(
            for_display("198112189876\u{200e}0"),
            "************\u{fffd}0"
        );
    }

    proptest::proptest! {
        #[test]
        fn digits_are_counted_as_one_by_one(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![0u8, b'/', b'0', b'5', b'9', b':', 0x6f, 0x7f, 0x80, 0xb0, 0xb9, 0xee, 0xef, 0xf0, 0xff]),
                0..40,
            ),
        ) {
            let one_by_one = bytes.iter().filter(|&&b| b.is_ascii_digit() || b >= 0xef).count();
            proptest::prop_assert_eq!(ten_digits(&bytes), one_by_one >= 10);
        }

        #[test]
        fn counting_digits_first_finds_the_same_numbers(
            text in "[0-9 \\-+\t\u{a0}\u{202f}\u{2013}\u{2212}åx/:.\u{ad}\u{200b}\u{2010}\u{3000}\u{ff0d}\u{ff10}-\u{ff19}]{0,40}",
            number in proptest::sample::select(vec!["", "811218-9876", "198112189876", "701063 2391", "８１１２１８\u{ad}９８７６"]),
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
