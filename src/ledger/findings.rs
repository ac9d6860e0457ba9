//! The diagnostics of one ledger file: located on the file's own lines, shown
//! with an excerpt that stays small however long the line, and bounded in number.

use super::FileReport;
use super::read::SHOWN_PER_FILE;
use super::scan::{Problem, Record, line_start, locate_in};
use crate::encoding::Encoding;
use crate::error::{Diagnostic, Severity};
use std::borrow::Cow;
use std::path::Path;

/// A problem that stops a file from being read.
pub(crate) type Refusal = Box<Diagnostic>;

/// The message and hint for a structural problem of a record.
pub(crate) fn structural(problem: &Problem, record: &Record) -> (String, String) {
    match problem {
        Problem::Unterminated { line, col, swallowed } => (
            format!(
                "the quote opened on line {line}, column {} is never closed, so the {swallowed} line(s) after it would be part of this one",
                col + 1
            ),
            "close the quote (\"), or remove it; a \" inside a quoted value is written \"\"".to_string(),
        ),
        Problem::RunsIntoRecord { line, col, next } => (
            format!(
                "the quote opened on line {line}, column {} is not closed before line {next}, which starts a new line of the ledger",
                col + 1
            ),
            "close the quote (\") on this line, or remove it".to_string(),
        ),
        Problem::AfterQuote { .. } => (
            "text follows a closing quote".to_string(),
            "put the whole value in quotes, and write a \" inside it as \"\"".to_string(),
        ),
        Problem::TooLong { bytes } => (
            format!(
                "this line is {bytes} bytes long{}: no ledger line is",
                if record.raw.contains(&0) { " and holds NUL bytes" } else { "" }
            ),
            "the file may be damaged (a crash or a sync tool can leave such a tail): remove the line".to_string(),
        ),
    }
}

/// What is needed to show a line of one file.
pub(crate) struct FileText<'a> {
    pub path: &'a Path,
    pub encoding: Encoding,
    pub delimiter: u8,
}

impl FileText<'_> {
    /// A field as UTF-8 bytes: as it is in a UTF-8 file (not validated: only
    /// compared), decoded from Windows-1252 when it is not plain ASCII.
    pub(crate) fn utf8<'r>(&self, raw: &'r [u8]) -> Cow<'r, [u8]> {
        match self.encoding {
            Encoding::Windows1252 if !raw.is_ascii() => {
                Cow::Owned(self.encoding.decode(raw).into_bytes())
            }
            _ => Cow::Borrowed(raw),
        }
    }

    /// A diagnostic pointing at field `field` of `record` (the whole line when
    /// `None`), with an excerpt of the physical line it is on.
    pub(crate) fn diagnostic(
        &self,
        record: &Record,
        field: Option<usize>,
        severity: Severity,
        message: String,
        hint: String,
    ) -> Diagnostic {
        let spot = match (field, &record.problem) {
            (None, Some(Problem::Unterminated { line, col, .. }))
            | (None, Some(Problem::RunsIntoRecord { line, col, .. }))
            | (None, Some(Problem::AfterQuote { line, col })) => {
                let start = line_start(&record.raw, line.saturating_sub(record.line));
                locate_in(&record.raw, record.line, start + col)
            }
            (field, _) => record.locate(field),
        };
        let line = &record.raw[spot.text.clone()];
        let width = match field {
            Some(_) => field_width(&line[spot.at.min(line.len())..], self.delimiter),
            None if record.problem.is_some() => 1,
            None => line.len(),
        };
        excerpt(
            Diagnostic {
                severity,
                ..Diagnostic::error(self.path, message, hint)
            },
            line,
            self.encoding,
            spot.line,
            spot.at..spot.at + width,
        )
    }
}

/// The length of a field's text at the start of `rest`, quotes included.
pub(super) fn field_width(rest: &[u8], delimiter: u8) -> usize {
    let mut quoted = false;
    for (i, &b) in rest.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            _ if b == delimiter && !quoted => return i,
            _ => {}
        }
    }
    rest.len()
}

/// The diagnostics of one file: the first few shown, the rest counted.
pub(crate) struct Findings {
    path: std::path::PathBuf,
    pub shown: Vec<Diagnostic>,
    pub lines: u64,
    errors: u64,
    warnings: u64,
}

impl Findings {
    pub(crate) fn new(path: &Path) -> Findings {
        Findings {
            path: path.to_path_buf(),
            shown: Vec::new(),
            lines: 0,
            errors: 0,
            warnings: 0,
        }
    }

    /// Counts a problem; whether it is to be shown.
    pub(crate) fn counts(&mut self, severity: Severity) -> bool {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.shown.len() < SHOWN_PER_FILE
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        if self.counts(d.severity) {
            self.shown.push(d);
        }
    }

    pub(crate) fn finish(mut self) -> FileReport {
        let shown = |s: Severity| self.shown.iter().filter(|d| d.severity == s).count() as u64;
        let hidden_errors = self.errors - shown(Severity::Error);
        let hidden_warnings = self.warnings - shown(Severity::Warning);
        let hidden = hidden_errors + hidden_warnings;
        if hidden > 0 {
            let severity = if hidden_errors > 0 {
                Severity::Error
            } else {
                Severity::Warning
            };
            self.shown.push(Diagnostic {
                severity,
                ..Diagnostic::error(
                    &self.path,
                    format!(
                        "{hidden} more problem(s) in this file are not shown ({hidden_errors} error(s), {hidden_warnings} warning(s))"
                    ),
                    "fix the ones shown and run `medlofte check` again",
                )
            });
        }
        FileReport {
            diagnostics: self.shown,
            lines: self.lines,
            errors: self.errors,
            warnings: self.warnings,
            stamp: None,
        }
    }
}

/// Bytes shown on each side of the spot of a long line.
const EXCERPT: usize = 80;

/// Points `d` at `range` of one physical line (bytes as in the file). A long line
/// is cut to a window around the spot, so a huge line costs no more to show than
/// a short one.
pub(super) fn excerpt(
    mut d: Diagnostic,
    line: &[u8],
    encoding: Encoding,
    line_no: u64,
    range: std::ops::Range<usize>,
) -> Diagnostic {
    let masked = crate::privacy::mask_all_bytes(line);
    let line = &masked[..];
    let at = range.start.min(line.len());
    let end = range.end.clamp(at, line.len());
    let boundary = |mut i: usize| {
        while encoding == Encoding::Utf8 && i > 0 && i < line.len() && line[i] & 0xc0 == 0x80 {
            i -= 1;
        }
        i
    };
    let chars = |bytes: &[u8]| match encoding {
        Encoding::Utf8 => bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count(),
        Encoding::Windows1252 => bytes.len(),
    };
    let from = boundary(at.saturating_sub(EXCERPT));
    let to = boundary((at + EXCERPT).min(line.len()));
    let (head, cut_before) = if from > 0 {
        ("\u{2026}", chars(&line[..from]))
    } else {
        ("", 0)
    };
    let tail = if to < line.len() { "\u{2026}" } else { "" };
    let before = encoding.decode(&line[from..at]);
    let spot = encoding.decode(&line[at..end.min(to).max(at)]);
    let after = encoding.decode(&line[end.min(to).max(at)..to]);
    let text = format!("{head}{before}{spot}{after}{tail}");
    let start = head.len() + before.len();
    let line_no = usize::try_from(line_no).unwrap_or(usize::MAX);
    d = d.at(&text, line_no, start..start + spot.len());
    // The column is the spot's in the whole line, not in the window.
    d.shift = cut_before.saturating_sub(1);
    d.col += d.shift;
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_widths_respect_quotes() {
        assert_eq!(field_width(b"\"a, b\",3", b','), 6);
        assert_eq!(field_width(b"3", b','), 1);
    }
}
