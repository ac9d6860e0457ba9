//! followup.md, the keepers' own words: the introduction (text before the first
//! `## ` heading) and one section per promise or indicator, headed by its id.
//! Read and validated here; `render` turns the Markdown into the page.

use crate::error::{Diagnostic, Error, Result, suggestion};
use crate::privacy;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

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
    let text =
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let d = Diagnostic::error(&shown, "not UTF-8 text", "save followup.md as UTF-8")
                    .at(&lossy, 1, at..at + 1);
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
    let mut diags = personal_numbers(path, text);
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
            diags.push(
                Diagnostic::error(
                    path,
                    format!("`## {}` names no promise or indicator", h.id),
                    hint,
                )
                .at(text, 1, h.title.clone()),
            );
        } else if narrative.section(&h.id).is_some() {
            diags.push(
                Diagnostic::error(
                    path,
                    format!("a second section for \"{}\"", h.id),
                    "write everything about it under one heading",
                )
                .at(text, 1, h.title.clone()),
            );
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

/// An error at every personal identity number in the file.
fn personal_numbers(path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut from = 0;
    while let Some(r) = privacy::personal_number(&text.as_bytes()[from..]) {
        let at = from + r.start..from + r.end;
        diags.push(
            Diagnostic::error(
                path,
                "what looks like a personal identity number",
                "the follow-up is public: remove the number",
            )
            .at(text, 1, at.clone()),
        );
        from = at.end.max(from + 1);
    }
    diags
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
