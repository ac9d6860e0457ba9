//! What `check` asks of a line's bytes as a whole (a NUL among them? UTF-8?),
//! in one pass: sixteen bytes at a time while the characters are those of
//! Swedish text, else ASCII eight bytes at a time and other characters one by
//! one.

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

/// Looks at every byte of `raw`: sixteen at a time while the characters are
/// those of Swedish text (ASCII, letters of two bytes, `–` and `€` of
/// three), else one at a time.
pub(super) fn look(raw: &[u8]) -> Bytes {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if let Some(found) = swedish_text(raw) {
        return found;
    }
    one_pass(raw)
}

/// What [`look`] finds when every character of `raw` is ASCII, two bytes
/// long, or three bytes long with a lead byte from 0xe1 to 0xef but 0xed
/// (`–`, `€`); `None` when some byte says otherwise. Per sixteen bytes, with
/// SSE2: the continuation bytes (0x80 to 0xbf) must be exactly the one after
/// each two-byte lead (0xc2 to 0xdf) and the two after each three-byte lead,
/// and the leads and continuations all the bytes 0x80 and above.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn swedish_text(raw: &[u8]) -> Option<Bytes> {
    let (chunks, rest) = raw.as_chunks::<16>();
    let mut step = Sixteen::default();
    for chunk in chunks {
        step.next(chunk, 0);
    }
    // The last sixteen bytes, of which the first `seen` were looked at; a
    // short text padded with spaces.
    let (last, seen) = match raw.last_chunk::<16>() {
        Some(last) if !rest.is_empty() => (*last, 16 - rest.len()),
        _ => {
            let mut last = [b' '; 16];
            last[..rest.len()].copy_from_slice(rest);
            (last, 0)
        }
    };
    step.next(&last, seen);
    // A lead byte last is a character cut short.
    (step.fits && step.carry == 0).then_some(Bytes {
        nul: step.nul != 0,
        utf8: true,
    })
}

/// The state of [`swedish_text`] between steps: whether every character so
/// far is ASCII or two bytes long, NULs seen, and whether the byte before the
/// next is a lead byte. Each step looks at all its bytes: a branch on what
/// they hold would be mispredicted about once a line.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
struct Sixteen {
    fits: bool,
    nul: u32,
    carry: u32,
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
impl Default for Sixteen {
    fn default() -> Self {
        Sixteen {
            fits: true,
            nul: 0,
            carry: 0,
        }
    }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
impl Sixteen {
    /// Looks at the bytes of `chunk` from `seen` on.
    #[inline]
    fn next(&mut self, chunk: &[u8; 16], seen: usize) {
        use safe_arch::{cmp_eq_mask_i8_m128i as eq, cmp_gt_mask_i8_m128i as gt};
        use safe_arch::{cmp_lt_mask_i8_m128i as lt, load_unaligned_m128i, move_mask_i8_m128i};
        use safe_arch::{m128i, set_splat_i8_m128i as splat};
        let bits = |v: m128i| move_mask_i8_m128i(v) as u32 >> seen;
        let v = load_unaligned_m128i(chunk);
        let high = bits(v);
        self.nul |= bits(eq(v, splat(0)));
        // As signed bytes: continuations are -128 to -65, two-byte leads -62
        // to -33, and the three-byte leads taken here -31 to -17 but for -19
        // (0xed, whose second byte has a range of its own).
        let conts = bits(lt(v, splat(-64)));
        let twos = bits(gt(v, splat(-63)) & lt(v, splat(-32)));
        let threes = bits(gt(v, splat(-32)) & lt(v, splat(-16))) & !bits(eq(v, splat(-19)));
        // The continuation bytes the leads call for, those past this step's
        // bytes included.
        let called = twos << 1 | threes << 1 | threes << 2 | self.carry;
        let width = 16 - seen;
        let fits = high == twos | threes | conts && conts == called & !(!0 << width);
        self.fits &= fits;
        self.carry = called >> width;
    }
}

/// Looks at every byte of `raw` once, ASCII eight bytes at a time.
fn one_pass(raw: &[u8]) -> Bytes {
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
            proptest::prop_assert_eq!(one_pass(&raw), one_by_one(&raw));
        }

        /// Runs of two- and three-byte characters across the sixteen-byte
        /// steps, broken here and there.
        #[test]
        fn agrees_with_looking_one_by_one_on_swedish_text(
            text in "[a-zåäöÅÄÖé ,\\x00–€\u{e000}\u{fffd}\u{800}\u{d7ff}\u{10348}]{0,70}",
            at in 0usize..160,
            stray in proptest::sample::select(
                vec![0x80u8, 0xa0, 0xbf, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xff],
            ),
        ) {
            let mut raw = text.into_bytes();
            proptest::prop_assert_eq!(look(&raw), one_by_one(&raw));
            let at = at.min(raw.len());
            raw.insert(at, stray);
            proptest::prop_assert_eq!(look(&raw), one_by_one(&raw));
            raw.truncate(at);
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
            proptest::prop_assert_eq!(one_pass(&raw), one_by_one(&raw));
            raw.remove(cut);
            raw.truncate(cut);
            proptest::prop_assert_eq!(look(&raw), one_by_one(&raw));
        }
    }
}
