//! The keepers' Markdown (followup.md) on the page. Raw HTML in it is shown as
//! text, never run; an HTML comment (`<!-- … -->`, as the template writes its
//! guidance) is left out; personal numbers are hidden even if `check` was skipped.

use crate::narrative::{Comments, PAGE, hidden};
use pulldown_cmark::{Event, Parser, html};
use std::ops::Range;

/// The Markdown as HTML, with its headings moved down by `shift` levels so that a
/// section's `## ` sits under the promise's own heading.
pub fn html(markdown: &str, shift: u8) -> String {
    let text = hidden(markdown);
    let mut comments = Comments::default();
    let events = Parser::new_ext(&text, PAGE).filter_map(|event| match event {
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

fn lower(level: pulldown_cmark::HeadingLevel, shift: u8) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    let n = (level as u8 + shift).min(6);
    [H1, H2, H3, H4, H5, H6][usize::from(n - 1)]
}

/// The Markdown as Markdown, for the Markdown follow-up: the same text with HTML
/// comments left out, raw HTML escaped (`\<`) so a viewer shows it as text,
/// headings moved down by `shift` levels, and personal numbers hidden.
pub fn markdown(markdown: &str, shift: usize) -> String {
    let text = hidden(markdown);
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
    // A viewer reads the result anew: a comment left out, or raw HTML shown
    // as text with its entities decoded, may join what the page kept apart.
    hidden(out.trim()).into_owned()
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
    fn numbers_split_by_markup_are_hidden_in_both_formats() {
        for written in [
            "811218<!-- -->-9876",
            "811218\\-9876",
            "811218-98&#55;6",
            "811218&#45;9876",
            "811218&ndash;9876",
            "8112**18-98**76",
            "[811218](http://x)-9876",
            "811218`-`9876",
            "８１１２１８－９８７６",
            "811218\u{ad}9876",
            "\n\n<div>\n811218&#45;9876\n</div>\n",
            "<span title=\"811218&#45;9876\">",
            "[a](http://x/811218&#45;9876)",
        ] {
            let text = format!("Samtal med {written}.\n");
            for shown in [html(&text, 0), markdown(&text, 0)] {
                let digit = decoded(&shown)
                    .chars()
                    .find(|c| crate::privacy::digit(*c).is_some());
                assert_eq!(digit, None, "{written:?}: {shown}");
            }
        }
    }

    /// `text` with its numeric character references as the characters they are.
    fn decoded(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(i) = rest.find("&#") {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            let end = rest.find(';').unwrap_or(rest.len());
            match rest[2..end].parse().ok().and_then(char::from_u32) {
                Some(c) => {
                    out.push(c);
                    rest = &rest[(end + 1).min(rest.len())..];
                }
                None => {
                    out.push_str("&#");
                    rest = &rest[2..];
                }
            }
        }
        out + rest
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
