//! The written follow-up, as plain data: the agreement, the period it covers, the
//! keepers' introduction, and each promise with its summary in words, its narrative,
//! its windows and its notes. `html` and `markdown` render it.

use crate::amount::Amount;
use crate::compliance::{IndicatorRow, Kind, Row, Status, Summary};
use crate::i18n::Lang;
use crate::model::{Agreement, Rule};
use crate::narrative::Narrative;
use crate::period::Term;
use crate::tally::Bucket;
pub use crate::tally::Note;
use chrono::NaiveDate;

pub struct FollowUp {
    pub lang: Lang,
    pub title: String,
    pub parties: Vec<String>,
    pub term: Term,
    pub as_of: NaiveDate,
    /// The period the follow-up covers: `--from` (else the term's start) to `--to`
    /// (else as-of).
    pub covers: (NaiveDate, NaiveDate),
    /// The keepers' introduction (Markdown), from followup.md.
    pub intro: Option<String>,
    pub sections: Vec<Section>,
    pub indicators: Vec<IndicatorSection>,
    /// Whether notes were asked for (an empty list then still gets its heading).
    pub with_notes: bool,
}

/// One promise, or one place of a promise kept per place.
pub struct Section {
    /// `id`, or `id:place`.
    pub name: String,
    /// The promise's title, and the place's name after a dash.
    pub title: String,
    pub rule: String,
    pub responsible: Vec<String>,
    pub tracked: bool,
    pub deadline: bool,
    /// "47 av 53 veckor uppfyllda", "senast …", "12 totalt".
    pub outcome: String,
    /// The status of the window holding as-of (else the period's last).
    pub current: Option<Status>,
    /// "i snitt 1,2 per vecka, 5,2 per månad" (empty for a deadline).
    pub average: String,
    /// The same without "i snitt", for the summary's column of averages.
    pub rates: String,
    /// The chart's axes: the windows' kind ("Veckor") and what is counted.
    pub x_axis: String,
    pub y_axis: String,
    /// The keepers' section on this promise (Markdown), under its first place.
    pub narrative: Option<String>,
    pub rows: Vec<Row>,
    /// The chart's bars: the windows, or a tracked promise's months.
    pub chart: Vec<Row>,
    pub bucket: Bucket,
    /// The days whose notes are shown: those of every window shown, also before
    /// `--from` in a window that straddles it.
    pub notes_from: NaiveDate,
    pub notes_to: NaiveDate,
}

/// One indicator: its periods in the follow-up's period, and the keepers' words.
pub struct IndicatorSection {
    pub id: String,
    pub title: String,
    /// "lägre är bättre · utgångsläge 31 · mål 20 anmälningar".
    pub about: String,
    pub unit: String,
    pub x_axis: String,
    pub rows: Vec<IndicatorRow>,
    pub narrative: Option<String>,
}

/// What the follow-up is made of, besides the agreement.
pub struct Parts {
    pub rows: Vec<Row>,
    pub summaries: Vec<Summary>,
    /// Tracked promises' activity per month, for their charts.
    pub months: Vec<Row>,
    /// Whether the notes were asked for (they are streamed into the page).
    pub with_notes: bool,
    pub narrative: Option<Narrative>,
    /// Every indicator's rows up to as-of; those of the period covered are shown.
    pub indicators: Vec<IndicatorRow>,
    pub covers: (NaiveDate, NaiveDate),
    pub as_of: NaiveDate,
}

pub fn build(agreement: &Agreement, parts: Parts, lang: Lang) -> FollowUp {
    let with_notes = parts.with_notes;
    let mut rows = parts.rows;
    let mut months = parts.months;
    let narrative = parts.narrative.unwrap_or_default();
    let mut sections = Vec::new();
    let mut told: Vec<usize> = Vec::new();
    for s in &parts.summaries {
        let bucket = s.bucket;
        let p = &agreement.promises[bucket.promise];
        let (mine, rest): (Vec<Row>, Vec<Row>) = rows.into_iter().partition(|r| r.bucket == bucket);
        rows = rest;
        let (by_month, rest): (Vec<Row>, Vec<Row>) =
            months.into_iter().partition(|r| r.bucket == bucket);
        months = rest;
        let (first, last) = match (mine.first(), mine.last()) {
            (Some(f), Some(l)) => (f.span.start, l.span.end.min(parts.as_of)),
            _ => (NaiveDate::MAX, NaiveDate::MIN),
        };
        let first_told = !told.contains(&bucket.promise);
        told.push(bucket.promise);
        let monthly = !by_month.is_empty();
        let chart = if monthly { by_month } else { mine.clone() };
        let mut section = section(agreement, s, lang, chart, monthly);
        section.narrative = narrative
            .section(&p.id)
            .filter(|_| first_told)
            .map(str::to_string);
        section.rows = mine;
        (section.notes_from, section.notes_to) = (first, last);
        sections.push(section);
    }
    let indicators =
        indicator_sections(agreement, parts.indicators, &narrative, parts.covers, lang);
    FollowUp {
        lang,
        indicators,
        title: agreement.title.clone(),
        parties: agreement.parties.clone(),
        term: agreement.term,
        as_of: parts.as_of,
        covers: parts.covers,
        intro: Some(narrative.intro).filter(|t| !t.trim().is_empty()),
        sections,
        with_notes,
    }
}

/// One promise (or place) in words: its title, rule, outcome and chart (its
/// windows, or its months when `monthly`), before its windows, notes and
/// narrative are added.
fn section(
    agreement: &Agreement,
    s: &Summary,
    lang: Lang,
    chart: Vec<Row>,
    monthly: bool,
) -> Section {
    let bucket = s.bucket;
    let p = &agreement.promises[bucket.promise];
    let item = bucket.item.map(|i| p.each[i].name.as_str());
    let unit = p.unit.as_deref();
    let kind = if monthly {
        crate::period::Period::Every {
            unit: crate::period::Unit::Month,
            n: 1,
        }
    } else {
        agreement.window_period(bucket.promise)
    };
    let rates = |f: fn(Lang, Amount, Amount, Option<&str>) -> String| match (&s.kind, s.average) {
        (Kind::Deadline { .. }, _) | (_, None) => String::new(),
        (_, Some(a)) => f(lang, a.per_week, a.per_month, unit),
    };
    Section {
        name: item.map_or_else(|| p.id.clone(), |i| format!("{}:{i}", p.id)),
        title: item.map_or_else(|| p.title.clone(), |i| format!("{} – {i}", p.title)),
        rule: lang.full_rule(agreement, p),
        responsible: p.responsible.clone(),
        tracked: matches!(p.rule, Rule::Tracked),
        deadline: matches!(p.rule, Rule::Deadline(_)),
        outcome: outcome(s, lang, unit),
        current: current(s),
        average: rates(Lang::average),
        rates: rates(Lang::rates),
        x_axis: lang.capital(lang.windows(kind)),
        y_axis: match (unit, p.distinct) {
            (Some(unit), _) => lang.capital(unit),
            (None, Some(d)) => lang.capital(lang.distinct_values(d)),
            (None, None) => lang.words().amount.to_string(),
        },
        narrative: None,
        chart,
        rows: Vec::new(),
        bucket,
        notes_from: NaiveDate::MAX,
        notes_to: NaiveDate::MIN,
    }
}

fn outcome(s: &Summary, lang: Lang, unit: Option<&str>) -> String {
    match s.kind {
        Kind::Windows {
            met, ended, period, ..
        } => lang.windows_met(met, ended, period),
        Kind::Deadline { due, .. } => lang.by_date(due),
        Kind::Tracked => lang.in_all(s.total, unit),
    }
}

fn current(s: &Summary) -> Option<Status> {
    match s.kind {
        Kind::Windows { current, .. } => current,
        Kind::Deadline { status, .. } => status,
        Kind::Tracked => None,
    }
}

fn indicator_sections(
    agreement: &Agreement,
    rows: Vec<IndicatorRow>,
    narrative: &Narrative,
    (from, to): (NaiveDate, NaiveDate),
    lang: Lang,
) -> Vec<IndicatorSection> {
    agreement
        .indicators
        .iter()
        .enumerate()
        // Only indicators the follow-up was given rows of (none under --promise).
        .filter(|(k, _)| rows.iter().any(|r| r.indicator == *k))
        .map(|(k, ind)| {
            let mine: Vec<IndicatorRow> = rows
                .iter()
                .filter(|r| r.indicator == k && r.span.end >= from && r.span.start <= to)
                .cloned()
                .collect();
            let unit = ind.unit.as_deref();
            let first = mine.first().or(rows.iter().find(|r| r.indicator == k));
            let mut about = vec![lang.better(ind.better).to_string()];
            if let Some(b) = first.and_then(|r| r.baseline) {
                about.push(format!(
                    "{} {}",
                    lang.words().baseline.to_lowercase(),
                    lang.quantity(b, unit)
                ));
            }
            if let Some(t) = ind.target {
                about.push(format!(
                    "{} {}",
                    lang.words().target.to_lowercase(),
                    lang.quantity(t, unit)
                ));
            }
            IndicatorSection {
                id: ind.id.clone(),
                title: ind.title.clone(),
                about: about.join(" · "),
                unit: unit.map_or_else(|| lang.words().value.to_string(), |u| lang.capital(u)),
                x_axis: lang.capital(lang.windows(crate::period::Period::Every {
                    unit: ind.per,
                    n: 1,
                })),
                rows: mine,
                narrative: narrative.section(&ind.id).map(str::to_string),
            }
        })
        .collect()
}

/// Where a section's notes go in a rendered page: the page is written around them,
/// and the notes, which may be millions, are streamed in from the ledger's run.
pub fn notes_mark(section: usize) -> String {
    format!("\u{1}medlofte-notes-{section}\u{1}")
}

/// How notes look in one output format.
pub struct NoteForm<'a> {
    pub open: &'a str,
    pub row: &'a dyn Fn(&Note) -> String,
    pub close: &'a str,
    pub none: &'a str,
}

/// Writes `page`, putting each section's notes, taken in order from `notes`
/// (sorted by promise, place and date), where its mark is.
pub fn write_page(
    page: &str,
    doc: &FollowUp,
    notes: &mut dyn Iterator<Item = Note>,
    form: &NoteForm<'_>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut notes = notes.peekable();
    let mut rest = page;
    for (k, s) in doc.sections.iter().enumerate() {
        let mark = notes_mark(k);
        let Some((before, after)) = rest.split_once(&mark) else {
            continue;
        };
        out.write_all(before.as_bytes())?;
        rest = after;
        let here = (s.bucket.promise, s.bucket.item);
        // Notes of earlier buckets, or before this section's first window, are
        // not shown (a promise left out, a window before the period).
        while notes
            .next_if(|n| (n.bucket.promise, n.bucket.item, n.date) < (here.0, here.1, s.notes_from))
            .is_some()
        {}
        let mut shown = 0;
        while let Some(n) =
            notes.next_if(|n| (n.bucket.promise, n.bucket.item) == here && n.date <= s.notes_to)
        {
            if shown == 0 {
                out.write_all(form.open.as_bytes())?;
            }
            out.write_all((form.row)(&n).as_bytes())?;
            shown += 1;
        }
        out.write_all(if shown == 0 { form.none } else { form.close }.as_bytes())?;
    }
    out.write_all(rest.as_bytes())
}
