//! What a reader of the follow-up sees of followup.md: per block, the text its
//! Markdown renders (entities decoded, HTML comments left out, other raw HTML
//! as text, the marks of emphasis, links and code gone), each byte traced to
//! where it is written. A personal number split by markup that vanishes on the
//! page is whole here, where the file as written does not show it.

use crate::privacy;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

/// How the page reads the keepers' Markdown.
pub const PAGE: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// The readings judged: the page's, and a plain CommonMark viewer's of the
/// Markdown follow-up (a table or `~~` may hide a number from one of them).
const READINGS: [Options; 2] = [PAGE, Options::empty()];

/// Where HTML comments are, in the raw HTML pulldown-cmark hands over piece by
/// piece (a block comment comes a line at a time).
#[derive(Default)]
pub struct Comments {
    open: bool,
}

impl Comments {
    /// Whether `raw` is (part of) a comment, to be left out.
    pub fn take(&mut self, raw: &str) -> bool {
        let comment = self.open || raw.trim_start().starts_with("<!--");
        if comment {
            self.open = !raw.contains("-->");
        }
        comment
    }
}

/// Where a piece of the text seen is written, as far as hiding a digit there
/// goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Markdown text: entities and escapes decoded.
    Text,
    /// A code span.
    Code,
    /// A line of a code block or of raw HTML: shown as written.
    Block,
}

/// A stretch of the text seen and the bytes of the file that show it: the
/// same bytes one for one (`verbatim`), or all of them for each of its bytes
/// (an entity, or text the parser changed).
struct Piece {
    at: usize,
    source: Range<usize>,
    verbatim: bool,
    kind: Kind,
}

/// The bytes of the file that write one digit a reader sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub source: Range<usize>,
    /// Whether Markdown reads a `*` put there as a mark, not as text.
    escape: bool,
}

/// The text seen, and where each of its pieces is written.
#[derive(Default)]
struct Seen {
    text: String,
    pieces: Vec<Piece>,
}

impl Seen {
    /// Appends `shown`, written in `source`: one for one where it is written
    /// as it is, or stands there whole between a code span's backticks (an
    /// entity's digits are no such thing).
    fn push(&mut self, shown: &str, source: Range<usize>, markdown: &str, kind: Kind) {
        let written = &markdown[source.clone()];
        let within = match written == shown {
            true => Some(0),
            false if kind == Kind::Code => written.find(shown),
            false => None,
        };
        let (source, verbatim) = match within {
            Some(i) if !shown.is_empty() => {
                (source.start + i..source.start + i + shown.len(), true)
            }
            _ => (source, false),
        };
        self.pieces.push(Piece {
            at: self.text.len(),
            source,
            verbatim,
            kind,
        });
        self.text.push_str(shown);
    }

    /// Where the `len` bytes seen at `at` are written.
    fn source(&self, at: usize, len: usize) -> Written {
        let k = self
            .pieces
            .partition_point(|p| p.at <= at)
            .saturating_sub(1);
        match self.pieces.get(k) {
            Some(p) if p.verbatim && p.at <= at => {
                let start = p.source.start + (at - p.at);
                Written {
                    source: start..start + len,
                    escape: p.kind == Kind::Text,
                }
            }
            // The whole of a code span, backticks and all, stands in text.
            Some(p) => Written {
                source: p.source.clone(),
                escape: p.kind != Kind::Block,
            },
            None => Written {
                source: 0..0,
                escape: false,
            },
        }
    }

    /// Where each digit of each personal number seen is written.
    fn numbers(&self) -> Vec<Vec<Written>> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(r) = privacy::personal_number(&self.text.as_bytes()[from..]) {
            let (start, end) = (from + r.start, from + r.end);
            let digits = self.text[start..end]
                .char_indices()
                .filter(|(_, c)| privacy::digit(*c).is_some())
                .map(|(i, c)| self.source(start + i, c.len_utf8()));
            found.push(digits.collect());
            from = end;
        }
        found
    }
}

/// Inline marks: text on either side of them reads as one.
fn inline(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// What a reader of `markdown`, read with `options`, sees; `nested` when it
/// is raw HTML read as text already, not to be read so again.
fn read(markdown: &str, options: Options, nested: bool) -> Seen {
    let mut seen = Seen::default();
    let mut code_block = false;
    // Seen apart from the text: where links go and their titles (shown on
    // hover), and raw HTML as a viewer of the Markdown follow-up shows it.
    let mut asides: Vec<(String, Range<usize>, Kind)> = Vec::new();
    let mut comments = Comments::default();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Text(t) if code_block => seen.push(&t, range, markdown, Kind::Block),
            Event::Text(t) => seen.push(&t, range, markdown, Kind::Text),
            Event::Code(t) => seen.push(&t, range, markdown, Kind::Code),
            Event::Html(raw) | Event::InlineHtml(raw) if nested => {
                seen.push(&raw, range, markdown, Kind::Block);
            }
            Event::Html(raw) if !comments.take(&raw) => {
                seen.push(&raw, range.clone(), markdown, Kind::Block);
                // The line, without its end: hiding it keeps the next apart.
                let line = raw.trim_end_matches(['\n', '\r']);
                let range = range.start..range.end.min(range.start + line.len());
                asides.push((as_text(line, options), range, Kind::Block));
            }
            Event::InlineHtml(raw) if !comments.take(&raw) => {
                seen.push(&raw, range.clone(), markdown, Kind::Text);
                asides.push((as_text(&raw, options), range, Kind::Text));
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::SoftBreak => seen.text.push(' '),
            Event::Start(Tag::Link {
                dest_url, title, ..
            })
            | Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                asides.push((dest_url.to_string(), range.clone(), Kind::Text));
                asides.push((title.to_string(), range, Kind::Text));
            }
            Event::Start(tag) if inline(&tag.to_end()) => {}
            Event::End(tag) if inline(&tag) => {}
            other => {
                if let Event::Start(Tag::CodeBlock(_)) | Event::End(TagEnd::CodeBlock) = other {
                    code_block = !code_block;
                }
                seen.text.push('\n');
            }
        }
    }
    for (text, range, kind) in asides {
        seen.text.push('\n');
        seen.pieces.push(Piece {
            at: seen.text.len(),
            source: range,
            verbatim: false,
            kind,
        });
        seen.text.push_str(&text);
    }
    seen
}

/// Raw HTML as a viewer of the Markdown follow-up shows it: `\<` keeps it
/// from being HTML, and its entities are decoded.
fn as_text(raw: &str, options: Options) -> String {
    read(&raw.replace('<', "\\<"), options, true).text
}

/// Where each digit of each personal number a reader sees in `markdown` is
/// written, number by number, in the order they are found.
pub fn numbers(markdown: &str) -> Vec<Vec<Written>> {
    let mut found: Vec<Vec<Written>> = Vec::new();
    for options in READINGS {
        for number in read(markdown, options, false).numbers() {
            if !found.contains(&number) {
                found.push(number);
            }
        }
    }
    found
}

/// `markdown` with what `with` makes of each digit written in `numbers` in
/// its place.
fn replaced(markdown: &str, numbers: &[Vec<Written>], with: impl Fn(&Written) -> String) -> String {
    let mut digits: Vec<&Written> = numbers.iter().flatten().collect();
    digits.sort_by_key(|d| (d.source.start, std::cmp::Reverse(d.source.end)));
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for d in digits {
        // One written inside another already replaced is gone with it.
        if d.source.start < at {
            continue;
        }
        out.push_str(&markdown[at..d.source.start]);
        out.push_str(&with(d));
        at = d.source.end;
    }
    out.push_str(&markdown[at..]);
    out
}

/// `markdown` with every personal number hidden, as a reader of the page sees
/// it and as it is written: a `*` for each digit, escaped where Markdown would
/// take it for emphasis.
pub fn hidden(markdown: &str) -> Cow<'_, str> {
    let text = unseen(Cow::Borrowed(markdown));
    // What is left is out of sight (a comment, a link's reference), or seen
    // as written once the rest is hidden.
    match privacy::mask_all(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(masked) => unseen(Cow::Owned(masked)),
    }
}

/// `text` with every number a reader sees hidden: read again until nothing
/// is found, as a hidden digit may change what the Markdown around it
/// renders. Each round hides digits written in the file, so it ends.
fn unseen(mut text: Cow<'_, str>) -> Cow<'_, str> {
    loop {
        let found = numbers(&text);
        if found.is_empty() {
            return text;
        }
        let next = replaced(&text, &found, |d| {
            if d.escape { "\\*" } else { "*" }.to_string()
        });
        if next == *text {
            // Never so: a number traced to no byte. Hide every digit.
            let all = text.chars().map(|c| match privacy::digit(c) {
                Some(_) => '*',
                None => c,
            });
            return Cow::Owned(all.collect());
        }
        text = Cow::Owned(next);
    }
}

/// `markdown` with each character that writes a digit of `numbers` (what
/// [`numbers`] found in it) replaced by `*`, its lines and their characters
/// kept: the text a diagnostic may show a line of.
pub fn shown<'a>(markdown: &'a str, numbers: &[Vec<Written>]) -> Cow<'a, str> {
    if numbers.is_empty() {
        return Cow::Borrowed(markdown);
    }
    Cow::Owned(replaced(markdown, numbers, |d| {
        markdown[d.source.clone()]
            .chars()
            .map(|c| if matches!(c, '\n' | '\r') { c } else { '*' })
            .collect()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Markdown made of markup and of the pieces of a number.
    fn markdown() -> impl Strategy<Value = String> {
        let pieces = vec![
            "811218", "8112", "18", "9876", "98", "76", "7", "-", " ", "\n", "\n\n", "<!-- -->",
            "<!--", "-->", "&#45;", "&#55;", "&ndash;", "**", "*", "_", "`", "~~", "[", "](x)",
            "](x \"", "\"", "\\", "<b>", "<div>\n", "|", "> ", "# ", "- ", "    ", "\u{ad}", "x",
        ];
        prop::collection::vec(prop::sample::select(pieces), 0..24).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn nothing_a_reader_sees_is_left_once_hidden(text in markdown()) {
            let hidden = hidden(&text);
            prop_assert!(numbers(&hidden).is_empty(), "{:?} → {:?}", text, hidden);
            prop_assert!(privacy::personal_number(hidden.as_bytes()).is_none(), "{:?}", hidden);
        }

        #[test]
        fn what_check_lets_pass_is_shown_as_written(text in markdown()) {
            let found = numbers(&text);
            let written = privacy::personal_number(text.as_bytes());
            if found.is_empty() && written.is_none() {
                prop_assert_eq!(hidden(&text), text.as_str());
            }
            prop_assert_eq!(shown(&text, &found).lines().count(), text.lines().count());
        }
    }
}
