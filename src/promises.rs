//! promises.toml → a validated [`Agreement`], with every problem found at once.

use crate::amount::Amount;
use crate::error::{Diagnostic, Error, Result, did_you_mean, suggestion};
use crate::i18n::Lang;
use crate::model::{Agreement, Promise, Rule};
use crate::period::{PERIOD_WORDS, Period, PeriodError, Term};
use chrono::NaiveDate;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

const TOP_KEYS: [&str; 6] = ["title", "start", "end", "parties", "lang", "promise"];
const PROMISE_KEYS: [&str; 13] = [
    "id",
    "title",
    "responsible",
    "min",
    "per",
    "due",
    "start",
    "end",
    "unit",
    "over",
    "part_of",
    "each",
    "note",
];

/// Reads and validates `path`. Errors are returned all together; warnings are none.
pub fn load(path: &Path) -> Result<Agreement> {
    let bytes = match std::fs::read(path) {
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
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            return Err(Error::Input(vec![
                Diagnostic::error(path, "not UTF-8 text", "save promises.toml as UTF-8").at(
                    &lossy,
                    1,
                    at..at + 1,
                ),
            ]));
        }
    };
    parse(path, &text)
}

/// Parses promises.toml text; `path` is only used in messages.
pub fn parse(path: &Path, text: &str) -> Result<Agreement> {
    let mut ctx = Ctx {
        path,
        text,
        diags: Vec::new(),
    };
    if text.contains('\0') {
        let at = text.find('\0').unwrap_or(0);
        ctx.err(
            at..at + 1,
            "NUL byte in the file",
            "remove it; promises.toml is plain text",
        );
        return Err(Error::Input(ctx.diags));
    }
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().replace('\n', " ");
            ctx.err(
                span,
                format!("not valid TOML: {message}"),
                "fix the syntax (see https://toml.io); strings need quotes, dates are written 2019-01-01",
            );
            return Err(Error::Input(ctx.diags));
        }
    };
    let agreement = ctx.agreement(root.get_ref(), root.span());
    ctx.diags.sort_by_key(|d| (d.line, d.col));
    match agreement {
        Some(a) if ctx.diags.is_empty() => Ok(a),
        _ => Err(Error::Input(ctx.diags)),
    }
}

struct Ctx<'a> {
    path: &'a Path,
    text: &'a str,
    diags: Vec<Diagnostic>,
}

type Value<'i> = Spanned<DeValue<'i>>;

/// A promise's fields as written, before the cross-promise checks.
struct Draft {
    promise: Promise,
    part_of: Option<(String, Range<usize>)>,
    id_span: Range<usize>,
    start: Option<(NaiveDate, Range<usize>)>,
    end: Option<(NaiveDate, Range<usize>)>,
    due_span: Range<usize>,
    responsible: Vec<(String, Range<usize>)>,
}

impl<'a> Ctx<'a> {
    fn err(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(self.path, message, hint).at(self.text, 1, span);
        self.diags.push(d);
    }

    fn agreement(&mut self, root: &DeTable<'_>, root_span: Range<usize>) -> Option<Agreement> {
        let mut title = String::new();
        let mut start = None;
        let mut end = None;
        let mut parties: Vec<(String, Range<usize>)> = Vec::new();
        let mut lang = None;
        let mut drafts = Vec::new();
        let mut promise_seen = false;
        for (key, value) in root {
            match key.get_ref().as_ref() {
                "title" => title = self.string(value, "title").unwrap_or_default(),
                "start" => start = self.date(value, "start"),
                "end" => end = self.date(value, "end").map(|d| (d, value.span())),
                "parties" => parties = self.strings(value, "parties"),
                "lang" => {
                    lang = self.string(value, "lang").and_then(|code| {
                        let parsed = Lang::parse(&code);
                        if parsed.is_none() {
                            self.err(
                                value.span(),
                                format!("`lang = \"{code}\"` is not a language medlofte speaks"),
                                "write lang = \"sv\" (svenska) or lang = \"en\" (English)",
                            );
                        }
                        parsed
                    })
                }
                "promise" => {
                    promise_seen = true;
                    match value.get_ref() {
                        DeValue::Array(items) => {
                            for item in items {
                                match item.get_ref() {
                                    DeValue::Table(table) => {
                                        drafts.push(self.promise(table, item.span()))
                                    }
                                    _ => self.err(
                                        item.span(),
                                        "a promise must be a table",
                                        "write each promise as a [[promise]] section",
                                    ),
                                }
                            }
                        }
                        _ => self.err(
                            value.span(),
                            "`promise` must be a list of tables",
                            "write each promise as a [[promise]] section",
                        ),
                    }
                }
                other => self.unknown_key(key.span(), other, &TOP_KEYS, "the agreement"),
            }
        }
        if !promise_seen {
            self.err(
                root_span.end..root_span.end,
                "no promises",
                "add at least one [[promise]] section with an id and a title",
            );
        }
        let Some(start) = start else {
            if !self.diags.iter().any(|d| d.message.contains("`start`")) {
                self.err(
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
            self.err(
                span.clone(),
                format!("the agreement ends ({end}) before it starts ({start})"),
                "swap `start` and `end`, or correct one of them",
            );
        }
        let drafts: Vec<Draft> = drafts.into_iter().flatten().collect();
        let party_names: Vec<&str> = parties.iter().map(|(p, _)| p.as_str()).collect();
        let promises = self.resolve(drafts, term, &party_names);
        Some(Agreement {
            title,
            term,
            parties: parties.into_iter().map(|(p, _)| p).collect(),
            promises,
            lang,
        })
    }

    /// Checks that need the whole list: ids, parties, terms, part_of chains.
    fn resolve(&mut self, mut drafts: Vec<Draft>, term: Term, parties: &[&str]) -> Vec<Promise> {
        let mut seen = std::collections::HashSet::new();
        for d in &drafts {
            let id = d.promise.id.clone();
            if !seen.insert(id.clone()) {
                let span = d.id_span.clone();
                self.err(
                    span,
                    format!("duplicate promise id \"{id}\""),
                    "give every promise its own id",
                );
            }
        }
        let ids: Vec<String> = drafts.iter().map(|d| d.promise.id.clone()).collect();
        // The first promise of an id, as a scan would find it.
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, id) in ids.iter().enumerate() {
            index.entry(id.as_str()).or_insert(i);
        }
        let party_set: std::collections::HashSet<&str> = parties.iter().copied().collect();
        for d in &mut drafts {
            if !parties.is_empty() {
                for (party, span) in &d.responsible {
                    if !party_set.contains(party.as_str()) {
                        let hint = match did_you_mean(party, parties.iter().copied()) {
                            Some(p) => format!("did you mean \"{p}\"? (or add it to `parties`)"),
                            None => format!("add it to `parties` ({})", parties.join(", ")),
                        };
                        self.err(
                            span.clone(),
                            format!("responsible party \"{party}\" is not in `parties`"),
                            hint,
                        );
                    }
                }
            }
            d.promise.term = term;
            if let Some((s, span)) = &d.start {
                if *s < term.start {
                    self.err(
                        span.clone(),
                        format!(
                            "the promise starts ({s}) before the agreement ({})",
                            term.start
                        ),
                        "a promise's own start may only narrow the agreement's term",
                    );
                }
                if let Some(end) = term.end
                    && *s > end
                {
                    self.err(
                        span.clone(),
                        format!("the promise starts ({s}) after the agreement ends ({end})"),
                        "a promise's own start must fall inside the agreement's term",
                    );
                }
                d.promise.term.start = (*s).max(term.start);
            }
            if let Some((e, span)) = &d.end {
                if term.end.is_some_and(|te| *e > te) {
                    self.err(
                        span.clone(),
                        format!(
                            "the promise ends ({e}) after the agreement ({})",
                            term.end.unwrap_or(*e)
                        ),
                        "a promise's own end may only narrow the agreement's term",
                    );
                }
                if *e < d.promise.term.start {
                    self.err(
                        span.clone(),
                        format!(
                            "the promise ends ({e}) before it starts ({})",
                            d.promise.term.start
                        ),
                        "correct its `start` or `end`",
                    );
                }
                d.promise.term.end = Some(term.end.map_or(*e, |te| te.min(*e)));
            }
            match &d.promise.rule {
                Rule::Deadline(due) if *due < d.promise.term.start => {
                    let span = d.due_span.clone();
                    self.err(
                        span,
                        format!(
                            "`due` ({due}) is before the promise's start ({})",
                            d.promise.term.start
                        ),
                        "a deadline must fall inside or after the term",
                    );
                }
                Rule::AtLeast { per, over, .. }
                    if d.promise.term.end.is_none()
                        && (*per == Period::Term || *over == Some(Period::Term)) =>
                {
                    let span = d.id_span.clone();
                    self.err(
                        span,
                        "`per = \"term\"` needs a term with an end",
                        "add `end` to the agreement or to this promise, or use a calendar period",
                    );
                }
                _ => {}
            }
            if let Some((parent, span)) = &d.part_of {
                match index.get(parent.as_str()).copied() {
                    Some(i) => d.promise.part_of = Some(i),
                    None => {
                        let hint = suggestion(parent, ids.iter().map(String::as_str), || {
                            "name the id of another promise in this file".to_string()
                        });
                        self.err(
                            span.clone(),
                            format!("`part_of` names no promise \"{parent}\""),
                            hint,
                        );
                    }
                }
            }
        }
        self.cycles(&drafts);
        drafts.into_iter().map(|d| d.promise).collect()
    }

    /// `part_of` must not loop back on itself: every promise on a circle is named,
    /// each with the circle from itself. Each promise is walked once.
    fn cycles(&mut self, drafts: &[Draft]) {
        const NEW: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let mut state = vec![NEW; drafts.len()];
        let mut at_path = vec![usize::MAX; drafts.len()];
        for start in 0..drafts.len() {
            let mut path = Vec::new();
            let mut next = Some(start);
            while let Some(n) = next.filter(|&n| state[n] == NEW) {
                state[n] = ON_PATH;
                at_path[n] = path.len();
                path.push(n);
                next = drafts[n].promise.part_of;
            }
            if let Some(n) = next.filter(|&n| state[n] == ON_PATH) {
                let circle = &path[at_path[n]..];
                for (k, &member) in circle.iter().enumerate() {
                    let names: Vec<&str> = circle[k..]
                        .iter()
                        .chain(&circle[..k])
                        .chain([&member])
                        .map(|&c| drafts[c].promise.id.as_str())
                        .collect();
                    let d = &drafts[member];
                    let span = d
                        .part_of
                        .as_ref()
                        .map_or(d.id_span.clone(), |(_, s)| s.clone());
                    self.err(
                        span,
                        format!("`part_of` goes round in a circle: {}", names.join(" → ")),
                        "remove `part_of` from one of these promises",
                    );
                }
            }
            for n in path {
                state[n] = DONE;
            }
        }
    }

    fn promise(&mut self, table: &DeTable<'_>, span: Range<usize>) -> Option<Draft> {
        let mut id = None;
        let mut title = None;
        let mut responsible = Vec::new();
        let mut min: Option<(Amount, Range<usize>)> = None;
        let mut per: Option<(Period, Range<usize>)> = None;
        let mut over: Option<(Period, Range<usize>)> = None;
        let mut due = None;
        let mut start = None;
        let mut end = None;
        let mut unit = None;
        let mut part_of = None;
        let mut each: Vec<(String, Range<usize>)> = Vec::new();
        let mut each_span = None;
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "id" => {
                    if let Some(s) = self.string(value, "id") {
                        if s.is_empty()
                            || !s
                                .bytes()
                                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                        {
                            let fixed: String = s
                                .to_lowercase()
                                .chars()
                                .map(|c| match c {
                                    'å' | 'ä' => 'a',
                                    'ö' => 'o',
                                    c if c.is_ascii_alphanumeric() => c,
                                    _ => '-',
                                })
                                .collect();
                            self.err(
                                value.span(),
                                format!("id \"{s}\" may only hold a-z, 0-9 and -"),
                                format!(
                                    "write it as \"{}\"",
                                    if fixed.is_empty() {
                                        "my-promise"
                                    } else {
                                        &fixed
                                    }
                                ),
                            );
                        }
                        id = Some((s, value.span()));
                    }
                }
                "title" => title = self.string(value, "title"),
                "note" => {
                    self.string(value, "note");
                }
                "responsible" => responsible = self.strings(value, "responsible"),
                "min" => min = self.amount(value).map(|a| (a, value.span())),
                "per" => per = self.period(value, "per").map(|p| (p, value.span())),
                "over" => over = self.period(value, "over").map(|p| (p, value.span())),
                "due" => due = self.date(value, "due").map(|d| (d, value.span())),
                "start" => start = self.date(value, "start").map(|d| (d, value.span())),
                "end" => end = self.date(value, "end").map(|d| (d, value.span())),
                "unit" => {
                    unit = self.string(value, "unit");
                    if unit.as_deref() == Some("") {
                        self.err(
                            value.span(),
                            "`unit` is empty",
                            "name the unit, e.g. unit = \"timmar\", or remove the line",
                        );
                    }
                }
                "part_of" => part_of = self.string(value, "part_of").map(|s| (s, value.span())),
                "each" => {
                    each = self.strings(value, "each");
                    each_span = Some(value.span());
                }
                other => self.unknown_key(key.span(), other, &PROMISE_KEYS, "a promise"),
            }
        }
        let header = span.start..span.start + 9;
        let Some((id, id_span)) = id else {
            self.err(
                header,
                "a promise without an `id`",
                "add id = \"...\" (a-z, 0-9 and -) to it",
            );
            return None;
        };
        // A promise with a broken `min` or `per` must not silently become tracked.
        let min_broken = table.get("min").is_some() && min.is_none();
        let per_broken = table.get("per").is_some() && per.is_none();
        if let Some((m, span)) = &min {
            if !m.is_positive() {
                self.err(
                    span.clone(),
                    format!("`min = {m}` asks for nothing"),
                    "write at least 1, or remove min/per to track the promise without a rule",
                );
            } else if unit.is_none() && !m.is_whole() {
                self.err(
                    span.clone(),
                    format!("`min = {m}` is not a whole number of activities"),
                    "write a whole number, or add `unit = \"...\"` to count amounts such as hours",
                );
            }
        }
        let rule = match (&min, &per, &due) {
            (_, _, Some((_, dspan))) if min.is_some() || per.is_some() => {
                self.err(
                    dspan.clone(),
                    "`due` together with `min`/`per`",
                    "a promise is either a deadline (`due`) or a rule (`min` per period): keep one",
                );
                None
            }
            (_, _, Some((d, _))) => Some(Rule::Deadline(*d)),
            (Some((m, _)), Some((p, _)), None) => Some(Rule::AtLeast {
                min: *m,
                per: *p,
                over: over.as_ref().map(|(o, _)| *o),
            }),
            (Some((_, span)), None, None) if !per_broken => {
                self.err(
                    span.clone(),
                    "`min` without `per`",
                    "add per = \"week\" (or month, quarter, tertial, half-year, year, term)",
                );
                None
            }
            (None, Some((_, span)), None) if !min_broken => {
                self.err(
                    span.clone(),
                    "`per` without `min`",
                    "add min = N, the least number of activities per period",
                );
                None
            }
            (None, None, None) if !min_broken && !per_broken => Some(Rule::Tracked),
            _ => None,
        };
        if let Some((o, ospan)) = &over {
            match &per {
                None if !per_broken => self.err(ospan.clone(), "`over` without `min`/`per`", "an average needs min = N and per = \"...\" too"),
                Some((p, _)) if o.nominal_days() < p.nominal_days() => self.err(
                    ospan.clone(),
                    format!("`over = \"{o}\"` is shorter than `per = \"{p}\"`"),
                    "the average is taken over a longer period: make `over` at least as long as `per`",
                ),
                _ => {}
            }
        }
        if let Some(span) = each_span.clone() {
            if each.is_empty() {
                self.err(
                    span.clone(),
                    "`each` is empty",
                    "list the places, e.g. each = [\"Centrum\", \"Hamnen\"], or remove it",
                );
            }
            let mut listed = std::collections::HashSet::new();
            for (item, ispan) in each.iter() {
                if !listed.insert(item.as_str()) {
                    self.err(
                        ispan.clone(),
                        format!("\"{item}\" is listed twice in `each`"),
                        "list every place once",
                    );
                }
                if item.trim().is_empty() {
                    self.err(
                        ispan.clone(),
                        "an empty place in `each`",
                        "name the place, or remove the empty entry",
                    );
                }
            }
            if let Some((_, pspan)) = &part_of {
                self.err(
                    pspan.clone(),
                    "`each` and `part_of` on the same promise",
                    "count per place on the parent promise, or drop `each` here",
                );
            }
        }
        Some(Draft {
            promise: Promise {
                title: title.unwrap_or_else(|| id.clone()),
                id,
                responsible: responsible.iter().map(|(r, _)| r.clone()).collect(),
                term: Term {
                    start: NaiveDate::MIN,
                    end: None,
                },
                rule: rule.unwrap_or(Rule::Tracked),
                unit,
                part_of: None,
                each: each.into_iter().map(|(e, _)| e).collect(),
            },
            part_of,
            id_span,
            start,
            end,
            due_span: due.map_or(0..0, |(_, s)| s),
            responsible,
        })
    }

    fn unknown_key(&mut self, span: Range<usize>, key: &str, known: &[&str], what: &str) {
        let hint = suggestion(key, known.iter().copied(), || {
            format!("{what} may have: {}", known.join(", "))
        });
        self.err(span, format!("unknown key `{key}` in {what}"), hint);
    }

    fn string(&mut self, value: &Value<'_>, key: &str) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) if crate::privacy::personal_number(s.as_bytes()).is_some() => {
                self.err(
                    value.span(),
                    format!("`{key}` holds what looks like a personal identity number"),
                    "promises.toml is shown to everyone: remove the number",
                );
                None
            }
            DeValue::String(s) if s.chars().any(crate::privacy::hidden_char) => {
                self.err(
                    value.span(),
                    format!("`{key}` holds a control character"),
                    "remove it: it would reach the terminal as it is (an escape sequence, say)",
                );
                None
            }
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.err(
                    value.span(),
                    format!("`{key}` must be a string, not {}", other.type_str()),
                    format!("put the value in quotes: {key} = \"...\""),
                );
                None
            }
        }
    }

    fn strings(&mut self, value: &Value<'_>, key: &str) -> Vec<(String, Range<usize>)> {
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| self.string(item, key).map(|s| (s, item.span())))
                .collect(),
            other => {
                self.err(
                    value.span(),
                    format!(
                        "`{key}` must be a list of strings, not {}",
                        other.type_str()
                    ),
                    format!("write {key} = [\"a\", \"b\"]"),
                );
                Vec::new()
            }
        }
    }

    fn date(&mut self, value: &Value<'_>, key: &str) -> Option<NaiveDate> {
        let hint = format!("write a date such as {key} = 2019-01-01");
        match value.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    let date = NaiveDate::from_ymd_opt(
                        i32::from(d.year),
                        u32::from(d.month),
                        u32::from(d.day),
                    );
                    if date.is_none() {
                        self.err(value.span(), format!("`{key}`: no such day"), hint);
                    }
                    date
                }
                _ => {
                    self.err(
                        value.span(),
                        format!("`{key}` has a time part"),
                        format!("{hint}, without a time"),
                    );
                    None
                }
            },
            DeValue::String(s) => match crate::ledger::parse_date(s.as_bytes()) {
                Ok(d) => Some(d),
                Err(why) => {
                    self.err(value.span(), format!("`{key}` is not a date: {why}"), hint);
                    None
                }
            },
            other => {
                self.err(
                    value.span(),
                    format!("`{key}` must be a date, not {}", other.type_str()),
                    hint,
                );
                None
            }
        }
    }

    fn amount(&mut self, value: &Value<'_>) -> Option<Amount> {
        let hint = "write a number such as min = 2";
        let text = match value.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => i.as_str().replace('_', ""),
            DeValue::Float(f) => f.as_str().replace('_', ""),
            other => {
                self.err(
                    value.span(),
                    format!("`min` must be a number, not {}", other.type_str()),
                    hint,
                );
                return None;
            }
        };
        match Amount::parse(text.as_bytes(), false) {
            Ok(a) => Some(a),
            Err(_) => {
                self.err(
                    value.span(),
                    format!("`min = {text}` is not a usable number"),
                    "write a plain number with at most 6 decimals",
                );
                None
            }
        }
    }

    fn period(&mut self, value: &Value<'_>, key: &str) -> Option<Period> {
        let text = self.string(value, key)?;
        match Period::parse(&text) {
            Ok(p) => Some(p),
            Err(e) => {
                let hint = match e {
                    PeriodError::ZeroCount => {
                        "the count must be 1 or more, e.g. \"2 months\"".to_string()
                    }
                    PeriodError::NoMultiples(u) => format!(
                        "only weeks and months come in multiples: use \"{}\" or \"N months\"",
                        u.name()
                    ),
                    PeriodError::Unknown => {
                        let guess = text.trim().to_lowercase();
                        let guess = guess.trim_end_matches("ly").trim_end_matches('s');
                        let near = did_you_mean(guess, PERIOD_WORDS)
                            .or_else(|| did_you_mean(&text, PERIOD_WORDS));
                        match near {
                            Some(w) => {
                                format!("did you mean \"{w}\"? ({})", PERIOD_WORDS.join(", "))
                            }
                            None => format!("use one of: {}", PERIOD_WORDS.join(", ")),
                        }
                    }
                };
                self.err(
                    value.span(),
                    format!("`{key} = \"{text}\"` is not a period"),
                    hint,
                );
                None
            }
        }
    }
}
