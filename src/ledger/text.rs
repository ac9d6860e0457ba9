//! What `check` asks of a line's bytes as a whole (a NUL among them? UTF-8?),
//! in one pass that steps over plain ASCII eight bytes at a time: most lines
//! are mostly ASCII.

/// What one pass over a line's bytes found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Bytes {
    /// Some byte is NUL.
    pub nul: bool,
    /// The bytes are UTF-8 text.
    pub utf8: bool,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES << 7;

/// Looks at every byte of `raw` once.
pub(super) fn look(raw: &[u8]) -> Bytes {
    let mut at = 0;
    let mut nul = false;
    loop {
        at += plain_prefix(&raw[at..]);
        match raw.get(at) {
            None => return Bytes { nul, utf8: true },
            Some(0) => {
                nul = true;
                at += 1;
            }
            Some(&lead) => match char_at(raw, at, lead) {
                Some(width) => at += width,
                None => {
                    let nul = nul || raw[at..].contains(&0);
                    return Bytes { nul, utf8: false };
                }
            },
        }
    }
}

/// How many bytes at the start of `text` are plain ASCII (neither NUL nor 0x80
/// and above).
fn plain_prefix(text: &[u8]) -> usize {
    let word_at = |at: usize| u64::from_le_bytes(text[at..at + 8].try_into().unwrap_or_default());
    let mut at = 0;
    while at + 8 <= text.len() {
        if let Some(first) = first_not_plain(word_at(at)) {
            return at + first;
        }
        at += 8;
    }
    if text.len() >= 8 {
        // The last eight bytes: those before `at` are plain already.
        let last = text.len() - 8;
        return first_not_plain(word_at(last)).map_or(text.len(), |first| last + first);
    }
    text[at..]
        .iter()
        .position(|&b| b == 0 || !b.is_ascii())
        .map_or(text.len(), |first| at + first)
}

/// The first byte of `word` (read little-endian) that is NUL or 0x80 and
/// above. A byte's high bit is set in `(word - ONES) | word` when it is 0x80 and
/// above or when it is NUL and borrows; a borrow only reaches the bytes above,
/// so the lowest high bit is exact.
fn first_not_plain(word: u64) -> Option<usize> {
    let found = (word.wrapping_sub(ONES) | word) & HIGH;
    (found != 0).then(|| found.trailing_zeros() as usize / 8)
}

/// The width of the UTF-8 character that `lead` starts at `raw[at]`, when it is
/// one. Text is UTF-8 exactly when it splits into such characters from its
/// start, and the lead byte alone says how long each must be.
fn char_at(raw: &[u8], at: usize, lead: u8) -> Option<usize> {
    // The well-formed sequences of the Unicode standard (table 3-7): the second
    // byte's range rules out overlong forms, surrogates and what lies past
    // U+10FFFF; the bytes after it are any continuation byte.
    let (width, second) = match lead {
        0xc2..=0xdf => (2, 0x80..=0xbf),
        0xe0 => (3, 0xa0..=0xbf),
        0xe1..=0xec | 0xee..=0xef => (3, 0x80..=0xbf),
        0xed => (3, 0x80..=0x9f),
        0xf0 => (4, 0x90..=0xbf),
        0xf1..=0xf3 => (4, 0x80..=0xbf),
        0xf4 => (4, 0x80..=0x8f),
        _ => return None,
    };
    let rest = raw.get(at + 1..at + width)?;
    let continued = rest[1..].iter().all(|&b| b & 0xc0 == 0x80);
    (second.contains(&rest[0]) && continued).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_by_one(raw: &[u8]) -> Bytes {
        Bytes {
            nul: raw.contains(&0),
            utf8: std::str::from_utf8(raw).is_ok(),
        }
    }

    #[test]
    fn finds_nul_and_broken_text_anywhere() {
        for raw in [
            &b""[..],
            b"2019-03-14,narvaro,,polisen,Torget,",
            "2019-03-14,narvaro,,hälsocentralen,\"Skolgården, åk 7–9\",Råslätt".as_bytes(),
            b"2019-03-14,narvaro,\0,polisen",
            b"2019-03-14,narvaro,,polisen,\xe5,Torget",
            b"\xe5\0",
            b"Torget \xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\xc0\xaf",
            b"\xe2\x80",
            b"12345678\x80",
        ] {
            assert_eq!(look(raw), one_by_one(raw), "{}", raw.escape_ascii());
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_looking_one_by_one_on_any_bytes(
            raw in proptest::collection::vec(proptest::num::u8::ANY, 0..40),
        ) {
            proptest::prop_assert_eq!(look(&raw), one_by_one(&raw));
        }

        #[test]
        fn agrees_with_looking_one_by_one_on_mostly_text(
            text in "[a-z0-9 ,\\x00åäö–\\u{10348}\\u{feff}]{0,40}",
            cut in 0usize..48,
            stray in proptest::sample::select(vec![0x80u8, 0xc3, 0xe2, 0xed, 0xf0, 0xf4, 0xff, b'a']),
        ) {
            let mut raw = text.into_bytes();
            let cut = cut.min(raw.len());
            // A byte out of place, or a character cut short.
            raw.insert(cut, stray);
            proptest::prop_assert_eq!(look(&raw), one_by_one(&raw));
            raw.remove(cut);
            raw.truncate(cut);
            proptest::prop_assert_eq!(look(&raw), one_by_one(&raw));
        }
    }
}
