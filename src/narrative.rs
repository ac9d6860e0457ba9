//! followup.md, the keepers' own words: the introduction (text before the first
//! `## ` heading) and one section per promise or indicator, headed by its id.
//! Read and validated here; `render` turns the Markdown into the page.

use crate::error::{Diagnostic, Error, Result, suggestion};
use crate::privacy;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

mod seen;

pub use seen::{Comments, PAGE, hidden};

/// The file's name in the project folder.
pub const FILE: &str = "followup.md";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Narrative {
    /// Markdown before the first section.
    pub intro: String,
    /// Each section's id and its Markdown (the heading itself left out).
    pub sections: Vec<(String, String)>,
}

impl Narrative {
    /// The Markdown of the section headed `id`, if there is one.
    pub fn section(&self, id: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|(s, _)| s == id)
            .map(|(_, text)| text.as_str())
    }
}

/// Reads `dir/followup.md` when it is there; every problem at once otherwise.
/// `ids` are the promise and indicator ids a section may be headed by.
pub fn load(dir: &Path, ids: &[&str]) -> Result<Option<Narrative>> {
    let path = dir.join(FILE);
    let shown = if dir == Path::new(".") {
        Path::new(FILE).to_path_buf()
    } else {
        path.clone()
    };
    let bytes = match crate::files::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::file(
                &shown,
                format!("cannot read: {e}"),
                "check that it is a file you may read, or remove it",
            ));
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let d = Diagnostic::error(&shown, "not UTF-8 text", "save followup.md as UTF-8");
            let visible = seen::shown(&lossy, &seen::numbers(&lossy)).into_owned();
            let d = located(d, &lossy, &visible, at..at + 1);
            return Err(Error::Input(vec![d]));
        }
    };
    parse(&shown, &text, ids).map(Some).map_err(Error::Input)
}

/// Splits and validates followup.md's text; `path` is only used in messages.
pub fn parse(
    path: &Path,
    text: &str,
    ids: &[&str],
) -> std::result::Result<Narrative, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let seen = seen::numbers(text);
    let shown = seen::shown(text, &seen);
    let mut diags = personal_numbers(path, text, &seen, &shown);
    let headings = headings(text);
    let mut narrative = Narrative {
        intro: text[..headings.first().map_or(text.len(), |h| h.whole.start)].to_string(),
        sections: Vec::new(),
    };
    for (k, h) in headings.iter().enumerate() {
        let body_end = headings
            .get(k + 1)
            .map_or(text.len(), |next| next.whole.start);
        let body = text[h.whole.end.min(body_end)..body_end].to_string();
        if !ids.contains(&h.id.as_str()) {
            let hint = suggestion(&h.id, ids.iter().copied(), || {
                format!(
                    "head a section with a promise or indicator id: {}",
                    ids.join(", ")
                )
            });
            let d = Diagnostic::error(
                path,
                format!("`## {}` names no promise or indicator", h.id),
                hint,
            );
            diags.push(located(d, text, &shown, h.title.clone()));
        } else if narrative.section(&h.id).is_some() {
            let d = Diagnostic::error(
                path,
                format!("a second section for \"{}\"", h.id),
                "write everything about it under one heading",
            );
            diags.push(located(d, text, &shown, h.title.clone()));
        } else {
            narrative.sections.push((h.id.clone(), body));
        }
    }
    if diags.is_empty() {
        Ok(narrative)
    } else {
        Err(diags)
    }
}

/// A level-2 heading: the bytes of the whole heading and of its text.
struct Heading {
    id: String,
    whole: Range<usize>,
    title: Range<usize>,
}

/// The `## ` headings, as Markdown reads them (not those inside code blocks).
fn headings(text: &str) -> Vec<Heading> {
    let mut found = Vec::new();
    let mut open: Option<(Range<usize>, String, Option<Range<usize>>)> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => open = Some((range, String::new(), None)),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some((whole, id, title)) = open.take() {
                    found.push(Heading {
                        id: id.trim().to_string(),
                        title: title.unwrap_or(whole.clone()),
                        whole,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, id, title)) = &mut open {
                    id.push_str(&t);
                    let r = title.get_or_insert(range.clone());
                    r.end = range.end;
                }
            }
            _ => {}
        }
    }
    found
}

/// An error at every personal identity number in the file: as it is written,
/// and as a reader of the page sees it (digits split by a comment, an entity,
/// emphasis or a link on the page are one number), at its first digit.
fn personal_numbers(
    path: &Path,
    text: &str,
    seen: &[Vec<seen::Written>],
    shown: &str,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(r) = privacy::personal_number(&text.as_bytes()[from..]) {
        found.push(from + r.start..from + r.end);
        from = (from + r.end).max(from + 1);
    }
    for digits in seen {
        if let (Some(first), Some(last)) = (digits.first(), digits.last()) {
            found.push(first.source.start..last.source.end.max(first.source.end));
        }
    }
    found.sort_by_key(|r| (r.start, r.end));
    let mut diags = Vec::new();
    let mut end = 0;
    for at in found {
        // One error for one number, however many ways it is seen.
        if at.start < end {
            continue;
        }
        end = at.end;
        let d = Diagnostic::error(
            path,
            "what looks like a personal identity number",
            "the follow-up is public: remove the number",
        );
        diags.push(located(d, text, shown, at));
    }
    diags
}

/// `d` pointed at `range` of `text`, showing the line as `shown` has it: with
/// no digit of a number a reader of the page would see.
fn located(d: Diagnostic, text: &str, shown: &str, range: Range<usize>) -> Diagnostic {
    let mut d = d.at(text, 1, range);
    if d.line > 0 {
        let line = shown.split('\n').nth(d.line - 1).unwrap_or_default();
        d.source = Some(line.trim_end_matches('\r').to_string());
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> std::result::Result<Narrative, Vec<String>> {
        parse(Path::new("followup.md"), text, &["narvaro", "trafik"]).map_err(|ds| {
            ds.iter()
                .map(|d| format!("{}:{} {} — {}", d.line, d.col, d.message, d.hint))
                .collect()
        })
    }

    #[test]
    fn splits_the_introduction_from_one_section_per_id() {
        let n = parsed(
            "Inledning.\n\n## narvaro\n\nVi var där.\n\n### Mer\n\n## trafik ##\nKontroller.\n",
        )
        .unwrap();
        assert_eq!(n.intro, "Inledning.\n\n");
        assert_eq!(n.section("narvaro"), Some("\nVi var där.\n\n### Mer\n\n"));
        assert_eq!(n.section("trafik"), Some("Kontroller.\n"));
        assert_eq!(n.section("okand"), None);
    }

    #[test]
    fn a_heading_in_a_code_block_or_of_another_level_is_text() {
        let n = parsed("# Titel\n\n```\n## inte\n```\n## narvaro\nx\n").unwrap();
        assert_eq!(n.intro, "# Titel\n\n```\n## inte\n```\n");
        assert_eq!(n.sections.len(), 1);
    }

    #[test]
    fn a_number_split_by_markup_that_vanishes_is_found_at_its_first_digit() {
        let error = |at: &str| {
            format!(
                "{at} what looks like a personal identity number — the follow-up is public: remove the number"
            )
        };
        for (text, at) in [
            ("Samtal 811218<!-- -->-9876.\n", "1:8"),
            ("Samtal 811218\\-9876.\n", "1:8"),
            ("Samtal 811218-98&#55;6.\n", "1:8"),
            ("Samtal &#56;11218&#45;9876.\n", "1:8"),
            ("Samtal 811218&ndash;9876.\n", "1:8"),
            ("Intro.\n\n## narvaro\n\nSamtal 8112**18-98**76.\n", "5:8"),
            ("Samtal [811218](http://x)-9876.\n", "1:9"),
            ("Samtal `811218`-`9876`.\n", "1:9"),
            ("Samtal 811218-\n9876.\n", "1:8"),
            ("> Samtal 811218\u{ad}9876\n", "1:10"),
            ("[a](http://x \"811218&#45;9876\")\n", "1:1"),
        ] {
            assert_eq!(parsed(text).unwrap_err(), [error(at)], "{text:?}");
        }
        // One number, one error, however many ways it is seen.
        assert_eq!(parsed("x 811218-9876 y\n").unwrap_err(), [error("1:3")]);
    }

    #[test]
    fn ordinary_text_with_markup_is_no_number() {
        let text = "Möte 2019-03-01 kl 18–20 i `2019-W09`, tel 070-123 45 67.\n\n\
                    **1 234 567 kr** av *12 345*; [rapport](https://example.se/2019/03/01).\n\n\
                    811218<b>-</b>9876 visar taggarna, och 811218~~-~~9876 tildarna.\n";
        assert!(parsed(text).is_ok(), "{:?}", parsed(text));
    }

    #[test]
    fn a_line_shown_with_an_error_shows_no_number_a_reader_would_see() {
        let d = parse(
            Path::new("followup.md"),
            "## narvar 8112<!-- -->18&#45;9876\n",
            &["narvaro"],
        )
        .unwrap_err();
        let shown: Vec<String> = d.iter().map(|d| d.render(false)).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        for s in shown {
            assert!(!s.contains("9876") && !s.contains("18&"), "{s}");
        }
    }

    #[test]
    fn unknown_and_repeated_headings_and_personal_numbers_are_errors() {
        let errors = parsed("Intro 19121212-1212.\n## narvar\n## trafik\n## trafik\n").unwrap_err();
        assert_eq!(
            errors,
            [
                "1:7 what looks like a personal identity number — the follow-up is public: remove the number",
                "2:4 `## narvar` names no promise or indicator — did you mean \"narvaro\"?",
                "4:4 a second section for \"trafik\" — write everything about it under one heading",
            ]
        );
    }
}
