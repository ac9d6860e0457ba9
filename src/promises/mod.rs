//! promises.toml → a validated [`Agreement`], with every problem found at once.
//!
//! The file is read in three steps, each with one job: `raw` sorts each table's
//! keys into a struct (unknown keys are errors with "did you mean"), `value`
//! turns each value into its type, and the validators (`promise`, `whole`) check
//! what the values mean alone and together. Every step reports into one
//! [`Sink`] and carries on, so the user sees all problems in one run.

mod indicator;
mod promise;
mod raw;
mod shapes;
mod value;
mod whole;

use crate::error::{Diagnostic, Error, Result, suggestion};
use crate::lang::Lang;
use crate::model::Agreement;
use crate::period::Term;
use raw::{RawAgreement, Value};
use std::ops::Range;
use std::path::Path;
use toml::de::{DeTable, DeValue};

/// A byte range of promises.toml.
type Span = Range<usize>;

/// Reads and validates `path`: the agreement and the warnings about it, or every
/// problem (errors and warnings) when there is an error.
pub fn load(path: &Path) -> Result<Loaded> {
    let bytes = match crate::files::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::file(
                path,
                "no promises file here",
                "run medlofte in a project folder, point -C/--dir or MEDLOFTE_DIR at one, or create promises.toml",
            ));
        }
        Err(_) if path.is_dir() => {
            return Err(Error::file(
                path,
                "is a folder, not a file",
                "promises.toml must be a TOML file; move the folder away",
            ));
        }
        Err(e) => {
            return Err(Error::file(
                path,
                format!("cannot read: {e}"),
                "check that the file exists and that you may read it",
            ));
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => parse_all(path, &text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Err(Error::Input(vec![
                Diagnostic::error(path, "not UTF-8 text", "save promises.toml as UTF-8").at(
                    &lossy,
                    1,
                    at..at + 1,
                ),
            ]))
        }
    }
}

/// A valid agreement and what `check` should still warn about.
#[derive(Debug)]
pub struct Loaded {
    pub agreement: Agreement,
    pub warnings: Vec<Diagnostic>,
}

/// Parses promises.toml text; `path` is only used in messages. Warnings are dropped.
pub fn parse(path: &Path, text: &str) -> Result<Agreement> {
    parse_all(path, text).map(|loaded| loaded.agreement)
}

/// Parses promises.toml text, keeping the warnings.
pub fn parse_all(path: &Path, text: &str) -> Result<Loaded> {
    let mut sink = Sink {
        path,
        text,
        diags: Vec::new(),
    };
    let agreement = document(&mut sink, text);
    let mut diags = sink.diags;
    diags.sort_by_key(|d| (d.line, d.col));
    match agreement {
        Some(agreement) if !diags.iter().any(Diagnostic::is_error) => Ok(Loaded {
            agreement,
            warnings: diags,
        }),
        _ => Err(Error::Input(diags)),
    }
}

/// The whole file: syntax first, then the agreement it describes.
fn document(sink: &mut Sink, text: &str) -> Option<Agreement> {
    if let Some(at) = text.find('\0') {
        sink.err(
            at..at + 1,
            "NUL byte in the file",
            "remove it; promises.toml is plain text",
        );
        return None;
    }
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let message = e.message().trim().replace('\n', " ");
            sink.err(
                e.span().unwrap_or(0..0),
                format!("not valid TOML: {message}"),
                "fix the syntax (see https://toml.io); strings need quotes, dates are written 2019-01-01",
            );
            return None;
        }
    };
    let raw = RawAgreement::read(root.get_ref(), sink);
    agreement(sink, &raw, root.span())
}

/// The agreement's own keys, then each promise, then the checks across promises.
fn agreement(sink: &mut Sink, raw: &RawAgreement, root: Span) -> Option<Agreement> {
    let title = raw.title.and_then(|v| value::string(sink, v, "title"));
    let start = raw.start.and_then(|v| value::date(sink, v, "start"));
    let end = raw
        .end
        .and_then(|v| value::date(sink, v, "end").map(|d| (d, v.span())));
    let parties = raw
        .parties
        .map_or_else(Vec::new, |v| value::strings(sink, v, "parties"));
    let lang = raw.lang.and_then(|v| language(sink, v));
    let drafts = match raw.promise {
        Some(v) => promise_tables(sink, v),
        None => {
            sink.err(
                root.end..root.end,
                "no promises",
                "add at least one [[promise]] section with an id and a title",
            );
            Vec::new()
        }
    };
    let Some(start) = start else {
        // A `start` that is there but broken has had its error already.
        if raw.start.is_none() {
            sink.err(
                0..0,
                "the agreement has no `start`",
                "add the first day of its term at the top, e.g. start = 2019-01-01",
            );
        }
        return None;
    };
    let term = Term {
        start,
        end: end.as_ref().map(|(d, _)| *d),
    };
    if let Some((end, span)) = &end
        && *end < start
    {
        sink.err(
            span.clone(),
            format!("the agreement ends ({end}) before it starts ({start})"),
            "swap `start` and `end`, or correct one of them",
        );
    }
    let events = raw.event.map_or_else(Vec::new, |v| shapes::events(sink, v));
    let indicators = raw
        .indicator
        .map_or_else(Vec::new, |v| indicator::indicators(sink, v));
    let others = events.iter().map(|(e, span)| (e.id.as_str(), span));
    let others = others.chain(indicators.iter().map(|(i, span)| (i.id.as_str(), span)));
    whole::shared_ids(sink, &drafts, others);
    let promises = whole::resolve(sink, drafts, term, &parties, &events);
    Some(Agreement {
        title: title.unwrap_or_default(),
        term,
        parties: parties.into_iter().map(|(p, _)| p).collect(),
        promises,
        events: events.into_iter().map(|(e, _)| e).collect(),
        indicators: indicators.into_iter().map(|(i, _)| i).collect(),
        lang,
    })
}

fn language(sink: &mut Sink, v: &Value) -> Option<Lang> {
    let code = value::string(sink, v, "lang")?;
    let parsed = Lang::parse(&code);
    if parsed.is_none() {
        sink.err(
            v.span(),
            format!("`lang = \"{code}\"` is not a language medlofte speaks"),
            "write lang = \"sv\" (svenska) or lang = \"en\" (English)",
        );
    }
    parsed
}

/// `[[promise]]` sections, each read on its own.
fn promise_tables(sink: &mut Sink, v: &Value) -> Vec<promise::Draft> {
    let mut drafts = Vec::new();
    for (table, span) in sections(sink, v, "promise", "a") {
        let raw = raw::RawPromise::read(table, sink);
        drafts.extend(promise::draft(sink, &raw, span));
    }
    drafts
}

/// The tables of a `[[key]]` list, each with its span; anything else is reported.
fn sections<'v, 'i>(
    sink: &mut Sink,
    v: &'v Value<'i>,
    key: &str,
    article: &str,
) -> Vec<(&'v DeTable<'i>, Span)> {
    let hint = format!("write each {key} as {article} [[{key}]] section");
    let DeValue::Array(items) = v.get_ref() else {
        sink.err(v.span(), format!("`{key}` must be a list of tables"), hint);
        return Vec::new();
    };
    let mut tables = Vec::new();
    for item in items {
        match item.get_ref() {
            DeValue::Table(table) => tables.push((table, item.span())),
            _ => sink.err(
                item.span(),
                format!("{article} {key} must be a table"),
                hint.clone(),
            ),
        }
    }
    tables
}

/// Where every step reports: all problems are collected, none stops the reading.
struct Sink<'a> {
    path: &'a Path,
    text: &'a str,
    diags: Vec<Diagnostic>,
}

impl Sink<'_> {
    fn err(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(self.path, message, hint).at(self.text, 1, span);
        self.diags.push(d);
    }

    fn warn(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::warning(self.path, message, hint).at(self.text, 1, span);
        self.diags.push(d);
    }

    fn unknown_key(&mut self, span: Span, key: &str, known: &[&str], what: &str) {
        let hint = suggestion(key, known.iter().copied(), || {
            format!("{what} may have: {}", known.join(", "))
        });
        self.err(span, format!("unknown key `{key}` in {what}"), hint);
    }
}

/// Runs `f` on the top table of `text`; returns what it reported, as "message — hint".
#[cfg(test)]
fn reported<T>(text: &str, f: impl FnOnce(&mut Sink, &DeTable) -> T) -> (T, Vec<String>) {
    let root = DeTable::parse(text).expect("test TOML parses");
    let mut sink = Sink {
        path: Path::new("p.toml"),
        text,
        diags: Vec::new(),
    };
    let out = f(&mut sink, root.get_ref());
    let messages = sink
        .diags
        .into_iter()
        .map(|d| format!("{} — {}", d.message, d.hint))
        .collect();
    (out, messages)
}
