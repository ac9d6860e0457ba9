//! Windows-1252, the encoding Swedish Excel may save "CSV" in. Read so that a
//! spreadsheet-saved ledger works, and written back so that the file stays one
//! consistent file.

/// The text encoding of a ledger file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

/// Bytes 0x80..=0x9F in Windows-1252; the rest of the upper half is Latin-1.
/// Five bytes are undefined there and decode to the replacement character.
const HIGH: [char; 32] = [
    '€', '\u{fffd}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{fffd}', 'Ž',
    '\u{fffd}', '\u{fffd}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{fffd}',
    'ž', 'Ÿ',
];

impl Encoding {
    /// UTF-8 unless the start of the file holds bytes that are not UTF-8 (a sequence
    /// cut by the end of `head` does not count, unless `head` is the `whole` file),
    /// and more of them than letters written in UTF-8. A UTF-8 file with a stray byte (a value pasted from
    /// another program) stays UTF-8: read as Windows-1252, its "Råslätt" would
    /// become another name, "RÃ¥slÃ¤tt", and count apart in silence. Only what
    /// Swedish text is written with counts as a letter (U+00C0–U+00FF, dashes and
    /// quotes): in Windows-1252 an upper-case letter and a dash or quote make
    /// other UTF-8 pairs by chance ("Å–" is C5 96), never these.
    pub fn sniff(head: &[u8], whole: bool) -> Encoding {
        match std::str::from_utf8(head) {
            Ok(_) => Encoding::Utf8,
            // Cut by the end of a head that is not the whole file: more follows.
            Err(e) if e.error_len().is_none() && !whole => Encoding::Utf8,
            Err(_) => {
                let swedish = |c: &char| matches!(c, '\u{c0}'..='\u{ff}' | '\u{2010}'..='\u{2027}');
                let (mut letters, mut strays) = (0usize, 0usize);
                for chunk in head.utf8_chunks() {
                    letters += chunk.valid().chars().filter(swedish).count();
                    strays += usize::from(!chunk.invalid().is_empty());
                }
                match letters >= strays {
                    true => Encoding::Utf8,
                    false => Encoding::Windows1252,
                }
            }
        }
    }

    /// Text from bytes; invalid UTF-8 becomes the replacement character.
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Windows1252 => bytes.iter().map(|&b| decode_byte(b)).collect(),
        }
    }

    /// Bytes for text, or the first character the encoding cannot hold.
    pub fn encode(self, text: &str) -> Result<Vec<u8>, char> {
        match self {
            Encoding::Utf8 => Ok(text.as_bytes().to_vec()),
            Encoding::Windows1252 => text.chars().map(encode_char).collect(),
        }
    }
}

fn decode_byte(b: u8) -> char {
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

fn encode_char(c: char) -> Result<u8, char> {
    match u32::from(c) {
        0..=0x7f | 0xa0..=0xff => Ok(c as u8),
        _ => HIGH
            .iter()
            .position(|&h| h == c && h != '\u{fffd}')
            .map(|i| 0x80 + i as u8)
            .ok_or(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_text_round_trips() {
        let text = "Råslätt, Öxnehaga – “möte” 5 €";
        let bytes = Encoding::Windows1252.encode(text).unwrap();
        assert_eq!(bytes.len(), text.chars().count());
        assert_eq!(Encoding::Windows1252.decode(&bytes), text);
        assert_eq!(Encoding::sniff(&bytes, true), Encoding::Windows1252);
        assert_eq!(Encoding::sniff(text.as_bytes(), true), Encoding::Utf8);
    }

    #[test]
    fn a_utf8_file_with_a_stray_byte_stays_utf8() {
        // Letters in UTF-8 and one Windows-1252 "é": the file is UTF-8.
        assert_eq!(
            Encoding::sniff(b"R\xc3\xa5sl\xc3\xa4tt\nCaf\xe9\n", true),
            Encoding::Utf8
        );
        // Only single bytes above ASCII: Windows-1252 through and through.
        assert_eq!(
            Encoding::sniff(b"R\xe5sl\xe4tt\nCaf\xe9\n", true),
            Encoding::Windows1252
        );
        // Windows-1252 where "Å”" happens to be a UTF-8 pair (C5 94): the
        // letters that are not UTF-8 outnumber it.
        assert_eq!(
            Encoding::sniff(
                b"L\xf6fte\nM\xf6te med \x94BR\xc5\x94\nP\xe5 torget\n",
                true
            ),
            Encoding::Windows1252
        );
        // A tie of one chance pair ("Å–", C5 96) and one "ö": Windows-1252.
        assert_eq!(
            Encoding::sniff(b"BR\xc5\x96m\xf6te\n", true),
            Encoding::Windows1252
        );
        // A tie of one "ö" in UTF-8 and one stray "é": UTF-8.
        assert_eq!(
            Encoding::sniff(b"l\xc3\xb6fte\nCaf\xe9\n", true),
            Encoding::Utf8
        );
    }

    #[test]
    fn sniff_ignores_a_sequence_cut_at_the_end() {
        let text = "abc å".as_bytes();
        assert_eq!(
            Encoding::sniff(&text[..text.len() - 1], false),
            Encoding::Utf8
        );
        // A whole file that ends in a Windows-1252 "å" (no line end) is not cut.
        assert_eq!(
            Encoding::sniff(b"P\xe5 torget;p\xe5", true),
            Encoding::Windows1252
        );
    }

    #[test]
    fn what_windows_1252_cannot_hold_is_refused() {
        assert_eq!(Encoding::Windows1252.encode("ok ✓"), Err('✓'));
        assert_eq!(Encoding::Windows1252.encode("\u{fffd}"), Err('\u{fffd}'));
    }

    #[test]
    fn every_byte_decodes() {
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(Encoding::Windows1252.decode(&all).chars().count(), 256);
    }
}
