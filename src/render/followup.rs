//! The written follow-up, as plain data: the agreement, each promise with its rule
//! in words, its windows, its notes, and a summary. `html` and `markdown` render it.

use crate::compliance::{Row, Status};
use crate::i18n::Lang;
use crate::model::{Agreement, Rule};
use crate::period::Term;
pub use crate::tally::Note;
use chrono::NaiveDate;

pub struct FollowUp {
    pub lang: Lang,
    pub title: String,
    pub parties: Vec<String>,
    pub term: Term,
    pub as_of: NaiveDate,
    pub sections: Vec<Section>,
    /// How many windows ended up in each status, in a fixed order.
    pub summary: Vec<(Status, usize)>,
    /// Whether notes were asked for (an empty list then still gets its heading).
    pub with_notes: bool,
}

/// One promise, or one place of a promise kept per place.
pub struct Section {
    pub name: String,
    pub title: String,
    pub rule: String,
    pub responsible: Vec<String>,
    pub tracked: bool,
    pub rows: Vec<Row>,
    pub notes: Vec<Note>,
}

impl Section {
    /// The latest window's status: where the promise stands at the end of the report.
    pub fn standing(&self) -> Option<Status> {
        self.rows.last().map(|r| r.status)
    }
}

/// The statuses a summary counts, in the order it shows them.
const SUMMARY_ORDER: [Status; 8] = [
    Status::Met,
    Status::Missed,
    Status::OnTrack,
    Status::Behind,
    Status::Pending,
    Status::Late,
    Status::Overdue,
    Status::Tracked,
];

pub fn build(
    agreement: &Agreement,
    rows: Vec<Row>,
    notes: Option<Vec<Note>>,
    as_of: NaiveDate,
    lang: Lang,
) -> FollowUp {
    let summary = SUMMARY_ORDER
        .iter()
        .map(|&s| (s, rows.iter().filter(|r| r.status == s).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let with_notes = notes.is_some();
    let mut notes = notes.unwrap_or_default();
    let mut sections: Vec<Section> = Vec::new();
    for row in rows {
        match sections.last_mut() {
            Some(section) if section.rows.last().is_some_and(|r| r.bucket == row.bucket) => {
                section.rows.push(row)
            }
            _ => {
                let p = &agreement.promises[row.bucket.promise];
                let bucket = row.bucket;
                let (mine, rest): (Vec<Note>, Vec<Note>) =
                    notes.into_iter().partition(|n| n.bucket == bucket);
                notes = rest;
                sections.push(Section {
                    name: row.name.clone(),
                    title: p.title.clone(),
                    rule: lang.full_rule(agreement, p),
                    responsible: p.responsible.clone(),
                    tracked: matches!(p.rule, Rule::Tracked),
                    rows: vec![row],
                    notes: mine,
                });
            }
        }
    }
    FollowUp {
        lang,
        title: agreement.title.clone(),
        parties: agreement.parties.clone(),
        term: agreement.term,
        as_of,
        sections,
        summary,
        with_notes,
    }
}
