//! What a reader sees in a line of text where a number may be: digits (the
//! full-width ones too), spaces and dashes of every look, and characters that
//! show nothing, which a number hidden behind them would still show through.

use unicode_normalization::char::is_combining_mark;

/// What a reader makes of one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sign {
    Digit(u8),
    Space,
    /// A dash of any kind, or `+` (the separator of people past a hundred).
    Dash,
    /// Shows nothing, or only marks the character before it: read past.
    Unseen,
    Other,
}

/// The value of a character a reader takes for a digit.
pub fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{ff10}'..='\u{ff19}' => Some((u32::from(c) - 0xff10) as u8),
        _ => None,
    }
}

fn sign_of(c: char) -> Sign {
    if let Some(d) = digit(c) {
        return Sign::Digit(d);
    }
    match c {
        ' ' | '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            Sign::Space
        }
        '-' | '+' | '\u{2010}'..='\u{2015}' | '\u{2212}' => Sign::Dash,
        '\u{fe58}' | '\u{fe62}' | '\u{fe63}' | '\u{ff0b}' | '\u{ff0d}' => Sign::Dash,
        // The soft hyphen shows only where a line breaks; joiners, direction
        // marks, variation selectors and tags not at all.
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' => Sign::Unseen,
        '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}' => Sign::Unseen,
        '\u{feff}' | '\u{e0000}'..='\u{e0fff}' => Sign::Unseen,
        c if is_combining_mark(c) => Sign::Unseen,
        _ => Sign::Other,
    }
}

/// The sign at the start of `text` (not empty) and its length in bytes; a
/// byte that begins no UTF-8 character is one sign of its own.
pub(super) fn sign(text: &[u8]) -> (Sign, usize) {
    let len = match text[0] {
        b'0'..=b'9' => return (Sign::Digit(text[0] - b'0'), 1),
        b' ' | b'\t' => return (Sign::Space, 1),
        b'-' | b'+' => return (Sign::Dash, 1),
        0..0x80 => return (Sign::Other, 1),
        // Up to U+02FF, where åäö are: a no-break space, a soft hyphen, or
        // a letter, without decoding and looking up.
        lead @ 0xc2..=0xcb => {
            return match (lead, text.get(1)) {
                (0xc2, Some(0xa0)) => (Sign::Space, 2),
                (0xc2, Some(0xad)) => (Sign::Unseen, 2),
                (_, Some(b)) if b & 0xc0 == 0x80 => (Sign::Other, 2),
                _ => (Sign::Other, 1),
            };
        }
        0xcc..=0xdf => 2,
        // The en and em dashes people write, without decoding.
        0xe2 if matches!(text.get(1..3), Some([0x80, 0x93 | 0x94])) => return (Sign::Dash, 3),
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return (Sign::Other, 1),
    };
    match text.get(..len).and_then(decode) {
        Some(c) => (sign_of(c), len),
        None => (Sign::Other, 1),
    }
}

/// The character `bytes` encode in UTF-8, all of them; quicker than the
/// standard library's check of a whole string for the one character.
fn decode(bytes: &[u8]) -> Option<char> {
    let tail = |b: &u8| (b & 0xc0 == 0x80).then_some(u32::from(b & 0x3f));
    let c = match bytes {
        [a, b] => (u32::from(a & 0x1f) << 6) | tail(b)?,
        [a, b, c] => (u32::from(a & 0x0f) << 12) | (tail(b)? << 6) | tail(c)?,
        _ => return std::str::from_utf8(bytes).ok()?.chars().next(),
    };
    // Too long a form of a shorter character is no character.
    let shortest = if bytes.len() == 2 { 0x80 } else { 0x800 };
    char::from_u32(c).filter(|_| c >= shortest)
}

/// Reads a text sign by sign, past the ones that show nothing.
#[derive(Clone, Copy)]
pub(super) struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a [u8], at: usize) -> Self {
        Reader { text, at }
    }

    /// The digits of the run ahead into `into`, and how many there are,
    /// counted up to one more than `into` holds; and where the last one ends.
    pub fn run(&mut self, into: &mut [u8]) -> (usize, usize) {
        let (mut n, mut end) = (0, self.at);
        while n <= into.len() {
            let mut ahead = *self;
            let d = match self.text.get(self.at) {
                // An ASCII digit, the most common, read as it is.
                Some(&b @ b'0'..=b'9') => {
                    ahead.at += 1;
                    b - b'0'
                }
                _ => match ahead.next() {
                    Some((Sign::Digit(d), _)) => d,
                    _ => break,
                },
            };
            if let Some(slot) = into.get_mut(n) {
                *slot = d;
            }
            n += 1;
            *self = ahead;
            end = self.at;
        }
        (n, end)
    }

    /// Reads past the separator ahead: up to three spaces with at most one
    /// dash among them.
    pub fn separator(&mut self) {
        let (mut spaces, mut dash) = (0, false);
        loop {
            let mut ahead = *self;
            match ahead.next() {
                Some((Sign::Space, _)) if spaces < 3 => spaces += 1,
                Some((Sign::Dash, _)) if !dash => dash = true,
                _ => return,
            }
            *self = ahead;
        }
    }
}

impl Iterator for Reader<'_> {
    /// A sign a reader sees, and where it starts.
    type Item = (Sign, usize);

    fn next(&mut self) -> Option<(Sign, usize)> {
        while self.at < self.text.len() {
            let at = self.at;
            let (sign, len) = sign(&self.text[at..]);
            self.at += len;
            if sign != Sign::Unseen {
                return Some((sign, at));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::{for_display, may_hold_personal_number, personal_number};
    use proptest::prelude::*;

    const DASHES: [&str; 14] = [
        "-", "+", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}",
        "\u{2212}", "\u{fe58}", "\u{fe62}", "\u{fe63}", "\u{ff0b}", "\u{ff0d}",
    ];
    const SPACES: [&str; 9] = [
        " ", "\t", "\u{a0}", "\u{2007}", "\u{2009}", "\u{200a}", "\u{202f}", "\u{205f}", "\u{3000}",
    ];
    const UNSEEN: [&str; 11] = [
        "\u{ad}",
        "\u{200b}",
        "\u{200c}",
        "\u{200d}",
        "\u{200e}",
        "\u{2060}",
        "\u{2066}",
        "\u{feff}",
        "\u{fe0f}",
        "\u{301}",
        "\u{e0041}",
    ];

    fn found(text: &str) -> bool {
        personal_number(text.as_bytes()).is_some()
    }

    #[test]
    fn look_alike_separators_and_unseen_characters_hide_no_number() {
        for d in DASHES {
            assert!(found(&format!("Samtal 811218{d}9876")), "{d:?}");
            assert!(found(&format!("811218 {d} 9876")), "{d:?}");
        }
        for s in SPACES {
            assert!(found(&format!("811218{s}9876")), "{s:?}");
            assert!(found(&format!("19811218{s}-{s}9876")), "{s:?}");
        }
        for u in UNSEEN {
            for text in [
                format!("811218{u}9876"),
                format!("8{u}11218-98{u}76"),
                format!("811218-{u}9876"),
                format!("811218 {u}\u{2010} 9876"),
            ] {
                let r = personal_number(text.as_bytes()).expect(&text);
                assert_eq!((r.start, &text[r.end - 1..]), (0, "6"), "{text:?}");
            }
        }
        for text in [
            "８１１２１８－９８７６",
            "811218-９８７６",
            "１９８１１２１８９８７６",
        ] {
            assert!(found(text), "{text}");
            assert!(!for_display(text).chars().any(|c| super::digit(c).is_some()));
        }
    }

    #[test]
    fn ordinary_text_stays_allowed_with_any_separator() {
        for d in DASHES {
            for text in [
                format!("2019{d}03{d}01"),
                format!("2019{d}03{d}14 1234"),
                format!("tel 08{d}123 456 78"),
                format!("070{d}123 45 67"),
                format!("Ärende 5000{d}1234"),
                format!("811218{d}9875"),
                format!("811218 {d} {d} 9876"),
            ] {
                assert!(!found(&text), "{text:?}");
            }
        }
        for s in SPACES {
            for text in [
                format!("1{s}234{s}567{s}890 kr"),
                format!("12{s}345{s}678{s}901"),
                format!("811218{s}{s}{s}{s}9876"),
                format!("Vecka 12,{s}14 deltagare"),
            ] {
                assert!(!found(&text), "{text:?}");
            }
        }
        // A longer run of digits is no number, however it is joined.
        for u in UNSEEN {
            assert!(!found(&format!("1234{u}8112189876")), "{u:?}");
            assert!(!found(&format!("811218{u}98765")), "{u:?}");
        }
    }

    /// `text` written as a reader would see the same: digits full-width, dashes
    /// and spaces of other looks, characters that show nothing put in, each
    /// chosen by `looks`.
    fn lookalike(text: &str, looks: &[usize]) -> String {
        let mut out = String::new();
        for (k, c) in text.chars().enumerate() {
            let pick = looks[k % looks.len()];
            match c {
                '0'..='9' if pick.is_multiple_of(2) => {
                    out.push(char::from_u32(0xff10 + u32::from(c as u8 - b'0')).unwrap_or(c));
                }
                '-' | '+' => out.push_str(DASHES[pick % DASHES.len()]),
                ' ' => out.push_str(SPACES[pick % SPACES.len()]),
                c => out.push(c),
            }
            if pick.is_multiple_of(3) {
                out.push_str(UNSEEN[pick % UNSEEN.len()]);
            }
        }
        out
    }

    proptest! {
        #[test]
        fn a_reader_sees_the_same_number_through_look_alikes(
            text in "[0-9 \\-+x.]{0,30}",
            number in prop::sample::select(vec!["", "811218-9876", "198112189876", "701063 2391", "811218 - 9876"]),
            at in 0usize..30,
            looks in prop::collection::vec(0usize..1000, 1..40),
        ) {
            let mut text = text;
            text.insert_str(at.min(text.len()), number);
            let seen = lookalike(&text, &looks);
            prop_assert_eq!(found(&seen), found(&text), "{:?}", seen);
            // The count of digits first settles no text that holds one.
            prop_assert!(!found(&seen) || may_hold_personal_number(seen.as_bytes()));
            let shown = for_display(&seen);
            prop_assert!(!found(&shown), "{:?}", shown);
            prop_assert_eq!(shown.chars().count(), seen.chars().count());
        }
    }
}
