//! The quote state machine that splits one record's bytes into fields.

use super::{Record, Shape};

/// The quote state machine over one record's raw bytes.
#[derive(Default)]
pub(super) struct FieldParser {
    /// Where the quote that is still open was opened, in `raw`.
    pub(super) open_quote: Option<usize>,
    /// Where text first followed a closing quote.
    pub(super) after_quote: Option<usize>,
    /// Where the open quoted field's value starts in `data`.
    value: usize,
    /// Inside a quoted field, just after a quote (closing, or the first of `""`).
    quote_seen: bool,
}

impl FieldParser {
    /// Continues a quoted field after a line break (already in `raw` at `from`).
    pub(super) fn resume(&mut self, r: &mut Record, from: usize, delimiter: u8) {
        // The open field is pushed once its quote closes.
        let field = r.fields.len();
        if !r.multiline.contains(&field) {
            r.multiline.push(field);
        }
        // The line break and the next line are the inside of the open field.
        self.quoted(r, from, delimiter);
    }

    /// Splits `raw` from `i` into fields: quotes are special only where a field
    /// starts.
    pub(super) fn parse(&mut self, r: &mut Record, mut i: usize, delimiter: u8) {
        loop {
            if r.raw.get(i) == Some(&b'"') {
                self.open_quote = Some(i);
                self.value = r.data.len();
                i += 1;
                if !self.quoted_from(r, &mut i, delimiter) {
                    return;
                }
            } else {
                let end = memchr::memchr(delimiter, &r.raw[i..]).map_or(r.raw.len(), |p| i + p);
                r.push_raw(i, i, end);
                if end == r.raw.len() {
                    return;
                }
                i = end + 1;
            }
        }
    }

    /// Scans a quoted field from `*i`; `true` when the field ended at a delimiter
    /// (more fields follow), `false` at the end of the bytes (the record ends, or
    /// the quote is still open).
    fn quoted_from(&mut self, r: &mut Record, i: &mut usize, delimiter: u8) -> bool {
        while *i < r.raw.len() {
            let b = r.raw[*i];
            if self.quote_seen {
                self.quote_seen = false;
                if b == b'"' {
                    r.data.push(b'"');
                    *i += 1;
                    continue;
                }
                // The quote before was the closing one.
                self.close(r);
                if b == delimiter {
                    *i += 1;
                    return true;
                }
                self.after_quote.get_or_insert(*i);
                // Keep the rest of the field as it stands, so field counts hold.
                let end = memchr::memchr(delimiter, &r.raw[*i..]).map_or(r.raw.len(), |p| *i + p);
                let (raw, data) = (&r.raw, &mut r.data);
                data.extend_from_slice(&raw[*i..end]);
                if let Some(last) = r.fields.last_mut() {
                    last.end = r.data.len();
                }
                if end == r.raw.len() {
                    *i = end;
                    return false;
                }
                *i = end + 1;
                return true;
            }
            if b == b'"' {
                self.quote_seen = true;
                *i += 1;
                continue;
            }
            // Copy up to the next quote at once.
            let run = memchr::memchr(b'"', &r.raw[*i..]).unwrap_or(r.raw.len() - *i);
            let (raw, data) = (&r.raw, &mut r.data);
            data.extend_from_slice(&raw[*i..*i + run]);
            *i += run;
        }
        if self.quote_seen {
            // The record ends right after the closing quote.
            self.quote_seen = false;
            self.close(r);
        }
        false
    }

    /// The open quoted field ends: its value is in `data`.
    fn close(&mut self, r: &mut Record) {
        if let Some(at) = self.open_quote.take() {
            r.push_data(at, self.value);
        }
    }

    fn quoted(&mut self, r: &mut Record, from: usize, delimiter: u8) {
        let mut i = from;
        if self.quoted_from(r, &mut i, delimiter) {
            self.parse(r, i, delimiter);
        }
    }
}

/// Whether a line, read where a quoted field goes on, is rather the start of a
/// new record: a date where the date goes, an id where the promise goes, no
/// more fields than the header, and no quote before the date and the id that
/// would close the field going on. Such a quote (an odd number of them up to
/// them) makes the line that field's tail, as in a note written first:
/// `kväll",2019-03-01,narvaro`.
pub(super) fn plainly_a_record(line: &[u8], shape: Shape, delimiter: u8) -> bool {
    let mut record = Record::default();
    record.clear();
    record.raw.extend_from_slice(line);
    let mut parser = FieldParser::default();
    parser.parse(&mut record, 0, delimiter);
    if parser.open_quote.is_some() || record.len() > shape.columns {
        return false;
    }
    let after = shape.date.max(shape.promise) + 1;
    let upto = record.fields.get(after).map_or(line.len(), |f| f.at);
    let quotes = line[..upto.min(line.len())]
        .iter()
        .filter(|&&b| b == b'"')
        .count();
    if quotes % 2 == 1 {
        return false;
    }
    let id_like = |f: &[u8]| {
        let f = f.trim_ascii();
        !f.is_empty()
            && f.iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
    };
    record
        .get(shape.date)
        .is_some_and(|d| crate::ledger::parse_date(d).is_ok())
        && record.get(shape.promise).is_some_and(id_like)
}
