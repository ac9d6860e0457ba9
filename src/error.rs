//! One error type that knows its exit code, and diagnostics that point at a file,
//! line and column with the offending line and a caret under the spot.

use crate::privacy::for_display;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem in a file: where, what, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line; 0 when the problem is the file as a whole.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    /// The offending line, when there is one to show.
    pub source: Option<String>,
    /// How many characters the caret underlines (at least 1).
    pub width: usize,
    /// Characters of the line left out before `source` shows it, less the one
    /// `…` that stands for them (0 when the whole line is shown).
    pub shift: usize,
    pub message: String,
    pub hint: String,
}

impl Diagnostic {
    pub fn error(path: &Path, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_path_buf(),
            line: 0,
            col: 0,
            source: None,
            width: 1,
            shift: 0,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn warning(path: &Path, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message, hint)
        }
    }

    /// Points the diagnostic at `byte_range` of `text` (the whole file or one line
    /// starting at line `first_line`).
    pub fn at(mut self, text: &str, first_line: usize, byte_range: std::ops::Range<usize>) -> Self {
        let start = floor_char_boundary(text, byte_range.start.min(text.len()));
        let end = floor_char_boundary(text, byte_range.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        self.line = first_line + text[..start].matches('\n').count();
        self.col = text[line_start..start].chars().count() + 1;
        let shown_end = end.min(line_start + line_text.len()).max(start);
        self.width = text[start..shown_end].chars().count().max(1);
        self.source = Some(line_text.to_string());
        self
    }

    /// `file:line:col`, or the file alone when the problem is the whole file's.
    pub fn place(&self) -> String {
        let path = crate::privacy::path_for_display(&self.path);
        match self.line {
            0 => path,
            line => format!("{path}:{line}:{}", self.col),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: error: what — how to fix`, then the line with a caret.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Everything shown may hold text from a user's file: no personal number
        // and no control character leaves through a diagnostic.
        let place = self.place();
        let title = if self.hint.is_empty() {
            for_display(&self.message).into_owned()
        } else {
            format!(
                "{} — {}",
                for_display(&self.message),
                for_display(&self.hint)
            )
        };
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let name = format!("{place}: {kind}");
        let level = level.with_name(Some(name.as_str()));
        let padded;
        let source = self.source.as_deref().map(for_display);
        let report = match &source {
            Some(source) if self.line > 0 => {
                let caret = self.col.saturating_sub(1 + self.shift);
                let start = char_to_byte(source, caret);
                let end = char_to_byte(source, caret + self.width);
                // annotate-snippets needs something to point at even past the end.
                let shown: &str = if start >= source.len() {
                    padded = format!("{source} ");
                    &padded
                } else {
                    source
                };
                let end = end.max(start + 1).min(shown.len());
                vec![
                    level.primary_title(title).element(
                        Snippet::source(shown)
                            .line_start(self.line)
                            .annotation(AnnotationKind::Primary.span(start..end)),
                    ),
                ]
            }
            _ => vec![annotate_snippets::Group::with_title(
                level.primary_title(title),
            )],
        };
        renderer.render(&report).to_string()
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// How a command that ran to its end came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: `--fail-on` found what it was asked about, or `check` an error.
    AskedToFail,
}

impl Outcome {
    pub fn failing_if(fail: bool) -> Outcome {
        if fail {
            Outcome::AskedToFail
        } else {
            Outcome::Success
        }
    }

    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::AskedToFail => 1,
        }
    }
}

/// Everything that stops a command, with the exit code it maps to.
#[derive(Debug)]
pub enum Error {
    /// Bad arguments: exit 2.
    Usage(String),
    /// Bad input files: exit 2, every problem listed.
    Input(Vec<Diagnostic>),
    /// Reading or writing failed where no line of a file is to blame: exit 2.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Whoever read our output went away (`medlofte report | head`): stop quietly.
    BrokenPipe,
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::BrokenPipe => 0,
            _ => 2,
        }
    }

    pub fn file(path: &Path, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Input(vec![Diagnostic::error(path, message, hint)])
    }

    pub fn render(&self, color: bool) -> String {
        match self {
            // Each line on its own: a message of several lines keeps its breaks.
            Error::Usage(message) => format!(
                "error: {}",
                message
                    .lines()
                    .map(for_display)
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            Error::Io { path, source } => format!(
                "error: {}: {source}",
                crate::privacy::path_for_display(path)
            ),
            Error::Input(diagnostics) => diagnostics
                .iter()
                .map(|d| d.render(color))
                .collect::<Vec<_>>()
                .join("\n\n"),
            Error::BrokenPipe => String::new(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The closest candidate to `word`, for "did you mean": an edit distance small
/// enough to be a typo, or the same word in another case.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1) + 1 && *d < c.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The hint for a word that names nothing: `did you mean "x"?` for a near miss,
/// else `otherwise()` (typically the list of what it may name).
pub fn suggestion<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: impl FnOnce() -> String,
) -> String {
    match did_you_mean(word, candidates) {
        Some(c) => format!("did you mean \"{c}\"?"),
        None => otherwise(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_col_and_caret() {
        let text = "date,promise\n2019-02-30,narvaro\n";
        let d = Diagnostic::error(
            Path::new("ledger/2019.csv"),
            "no such day 2019-02-30",
            "use a real date",
        )
        .at(text, 1, 13..23);
        assert_eq!((d.line, d.col, d.width), (2, 1, 10));
        let out = d.render(false);
        assert!(
            out.starts_with("ledger/2019.csv:2:1: error: no such day 2019-02-30 — use a real date"),
            "{out}"
        );
        assert!(out.contains("2019-02-30,narvaro"), "{out}");
        assert!(out.contains("^^^^^^^^^^"), "{out}");
    }

    #[test]
    fn never_shows_a_personal_number_or_a_control_character() {
        let line = "2019-03-01,narvaro,1,811218-9876,\u{1b}[2J";
        let d = Diagnostic::error(
            Path::new("ledger/\u{1b}.csv"),
            "bad 811218-9876",
            "hint 811218 9876",
        )
        .at(line, 2, 31..32);
        let out = d.render(false);
        assert!(!out.contains("9876"), "{out}");
        assert!(!out.contains('\u{1b}'), "{out}");
        let usage = Error::Usage("--by 811218-9876 \u{1b}".to_string()).render(false);
        assert!(
            !usage.contains("9876") && !usage.contains('\u{1b}'),
            "{usage}"
        );
    }

    #[test]
    fn caret_past_the_end_of_a_line() {
        let d = Diagnostic::error(Path::new("p.toml"), "m", "h").at("abc", 1, 3..3);
        assert_eq!((d.line, d.col), (1, 4));
        assert!(d.render(false).contains('^'));
    }

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["narvaro", "insatser", "trafik"];
        assert_eq!(did_you_mean("narvar", ids), Some("narvaro"));
        assert_eq!(did_you_mean("Narvaro", ids), Some("narvaro"));
        assert_eq!(did_you_mean("insater", ids), Some("insatser"));
        assert_eq!(did_you_mean("zzzzzz", ids), None);
        assert_eq!(did_you_mean("weekly", ["week", "month"]), Some("week"));
    }
}
