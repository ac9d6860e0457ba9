//! The keepers' Markdown (followup.md) on the page. Raw HTML in it is shown as
//! text, never run; an HTML comment (`<!-- … -->`, as the template writes its
//! guidance) is left out; personal numbers are hidden even if `check` was skipped.

use crate::privacy::mask_all;
use pulldown_cmark::{Event, Options, Parser, html};
use std::ops::Range;

/// The Markdown as HTML, with its headings moved down by `shift` levels so that a
/// section's `## ` sits under the promise's own heading.
pub fn html(markdown: &str, shift: u8) -> String {
    let text = mask_all(markdown);
    let mut comments = Comments::default();
    let events = Parser::new_ext(
        &text,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => {
            (!comments.take(&raw)).then_some(Event::Text(raw))
        }
        Event::Start(pulldown_cmark::Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(pulldown_cmark::Tag::Heading {
            level: lower(level, shift),
            id,
            classes,
            attrs,
        })),
        Event::End(pulldown_cmark::TagEnd::Heading(level)) => Some(Event::End(
            pulldown_cmark::TagEnd::Heading(lower(level, shift)),
        )),
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// Where HTML comments are, in the raw HTML pulldown-cmark hands over piece by
/// piece (a block comment comes a line at a time).
#[derive(Default)]
struct Comments {
    open: bool,
}

impl Comments {
    /// Whether `raw` is (part of) a comment, to be left out.
    fn take(&mut self, raw: &str) -> bool {
        let comment = self.open || raw.trim_start().starts_with("<!--");
        if comment {
            self.open = !raw.contains("-->");
        }
        comment
    }
}

fn lower(level: pulldown_cmark::HeadingLevel, shift: u8) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    let n = (level as u8 + shift).min(6);
    [H1, H2, H3, H4, H5, H6][usize::from(n - 1)]
}

/// The Markdown as Markdown, for the Markdown follow-up: the same text with HTML
/// comments left out, raw HTML escaped (`\<`) so a viewer shows it as text,
/// headings moved down by `shift` levels, and personal numbers hidden.
pub fn markdown(markdown: &str, shift: usize) -> String {
    let text = mask_all(markdown);
    // Each edit replaces a range of the text: raw HTML escaped or left out, or a
    // heading's opening `#`s (an empty range) given `shift` more.
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut comments = Comments::default();
    for (event, range) in Parser::new(&text).into_offset_iter() {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let shown = if comments.take(&raw) {
                    String::new()
                } else {
                    raw.replace('<', "\\<")
                };
                edits.push((range, shown));
            }
            Event::Start(pulldown_cmark::Tag::Heading { .. })
                if text[range.clone()].starts_with('#') =>
            {
                edits.push((range.start..range.start, "#".repeat(shift)));
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, shown) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&shown);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text_and_comments_are_left_out() {
        let page = html(
            "<!-- skriv här -->\nVi <b>var</b> där.\n\n<script>alert(1)</script>\n",
            0,
        );
        assert!(!page.contains("skriv här"), "{page}");
        assert!(!page.contains("<script>"), "{page}");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
        assert!(page.contains("Vi &lt;b&gt;var&lt;/b&gt; där."), "{page}");
    }

    #[test]
    fn headings_move_down_and_numbers_are_hidden() {
        let page = html("## Mer\n\nRing 19121212-1212.\n", 1);
        assert!(page.contains("<h3>Mer</h3>"), "{page}");
        assert!(page.contains("********-****"), "{page}");
        assert_eq!(
            lower(pulldown_cmark::HeadingLevel::H6, 2),
            pulldown_cmark::HeadingLevel::H6
        );
    }

    #[test]
    fn markdown_keeps_the_text_and_escapes_raw_html() {
        let md = markdown("<!--\nguidance\n-->\nVi <b>var</b> där, *ofta*.\n", 0);
        assert_eq!(md, "Vi \\<b>var\\</b> där, *ofta*.");
        // Headings move down; a `#` in a code block is no heading.
        let md = markdown("### Mer\n\n```\n# kod\n```\n", 1);
        assert_eq!(md, "#### Mer\n\n```\n# kod\n```");
    }
}
