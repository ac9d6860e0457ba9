//! Output formats. Scripts get `Records` (SPEC's fields, language-neutral) as CSV
//! or JSON; people get a `Grid` (headings, words and period names in their
//! language) as a terminal table or Markdown. Each is built once here, so formats
//! never disagree.

pub mod calendar;
pub mod chart;
pub mod csv;
pub mod followup;
pub mod html;
pub mod indicators;
pub mod json;
pub mod markdown;
pub mod promises;
pub mod prose;
pub mod standing;
pub mod table;
pub mod trend;

use crate::compliance::{Row, Standing, Status};
use crate::i18n::Lang;
use crate::model::Verdict;

/// How a status looks, in any medium: one classification that the terminal
/// table, the calendar and the charts each give their own colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Warning,
    Info,
    Neutral,
}

impl Tone {
    /// Every tone, in the order the page's style sheet lists them.
    pub const ALL: [Tone; 5] = [
        Tone::Good,
        Tone::Bad,
        Tone::Warning,
        Tone::Info,
        Tone::Neutral,
    ];

    /// The one palette: the terminal's colour (an SGR code; none for plain
    /// text) and the printed colour of charts and the web page.
    pub fn sgr(self) -> Option<u8> {
        match self {
            Tone::Good => Some(32),
            Tone::Bad => Some(31),
            Tone::Warning => Some(33),
            Tone::Info => Some(36),
            Tone::Neutral => None,
        }
    }

    pub fn rgb(self) -> (u8, u8, u8) {
        match self {
            Tone::Good => (46, 125, 50),
            Tone::Bad => (198, 40, 40),
            Tone::Warning => (239, 108, 0),
            Tone::Info => (21, 101, 192),
            Tone::Neutral => (97, 97, 97),
        }
    }

    /// `#rrggbb`, for CSS.
    pub fn hex(self) -> String {
        let (r, g, b) = self.rgb();
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    pub fn of(status: Status) -> Tone {
        match status {
            Status::Met => Tone::Good,
            Status::Missed | Status::Late | Status::Overdue => Tone::Bad,
            Status::Behind => Tone::Warning,
            Status::OnTrack | Status::Pending => Tone::Info,
            Status::Tracked | Status::NotStarted => Tone::Neutral,
        }
    }

    pub fn of_verdict(verdict: Verdict) -> Tone {
        match verdict {
            Verdict::Met => Tone::Good,
            Verdict::Better => Tone::Info,
            Verdict::NotBetter => Tone::Warning,
            Verdict::NoValue => Tone::Neutral,
        }
    }
}

/// One field of output for scripts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// Already formatted as a decimal number.
    Number(String),
    /// No value: empty in CSV, `null` in JSON.
    Null,
}

impl Value {
    fn number(n: impl ToString) -> Value {
        Value::Number(n.to_string())
    }

    fn maybe<T: ToString>(n: Option<T>) -> Value {
        n.map_or(Value::Null, Value::number)
    }

    pub fn text(&self) -> &str {
        match self {
            Value::Text(s) | Value::Number(s) => s,
            Value::Null => "",
        }
    }
}

/// Rows of named fields, for scripts.
pub struct Records {
    pub fields: &'static [&'static str],
    pub rows: Vec<Vec<Value>>,
}

pub const REPORT_FIELDS: [&str; 7] = [
    "promise", "period", "start", "end", "required", "done", "status",
];
pub const STATUS_FIELDS: [&str; 11] = [
    "promise",
    "period",
    "start",
    "end",
    "required",
    "done",
    "status",
    "left",
    "days_left",
    "met",
    "ended",
];

fn row_values(row: &Row) -> Vec<Value> {
    vec![
        Value::Text(row.name.clone()),
        Value::Text(row.label()),
        Value::Text(row.span.start.to_string()),
        Value::Text(row.span.end.to_string()),
        Value::maybe(row.required),
        Value::number(row.done),
        Value::Text(row.status.as_str().to_string()),
    ]
}

pub fn report_records(rows: &[Row]) -> Records {
    Records {
        fields: &REPORT_FIELDS,
        rows: rows.iter().map(row_values).collect(),
    }
}

pub fn status_records(standings: &[Standing]) -> Records {
    Records {
        fields: &STATUS_FIELDS,
        rows: standings
            .iter()
            .map(|s| {
                let mut values = row_values(&s.row);
                values.push(Value::maybe(s.row.left()));
                values.push(Value::maybe(s.days_left));
                values.push(Value::maybe(s.tally.map(|t| t.0)));
                values.push(Value::maybe(s.tally.map(|t| t.1)));
                values
            })
            .collect(),
    }
}

/// A table for people: headings, cells, which columns are numbers, and the tone
/// of each row's status (for colour).
#[derive(Clone, Debug)]
pub struct Grid {
    pub headings: Vec<&'static str>,
    /// The column that holds the status (or verdict), coloured on a terminal.
    pub status_column: usize,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    pub tones: Vec<Tone>,
    /// How it gets narrower on a narrow terminal, in order (README, "Narrow
    /// terminals"); `table::fit` applies them.
    pub narrowing: Vec<table::Narrow>,
    /// Columns a narrow terminal left out.
    pub dropped: Vec<usize>,
}

fn maybe<T: ToString>(v: Option<T>) -> String {
    v.map_or(String::new(), |v| v.to_string())
}

/// The period in as few characters as say it: SPEC's label (`2019-W42`), a
/// deadline's date.
fn short_period(row: &Row) -> String {
    match row.period {
        crate::period::PeriodName::Due => row.span.end.to_string(),
        _ => row.label(),
    }
}

/// The period of a row for people; a deadline shows its date.
pub fn period_words(row: &Row, lang: Lang) -> String {
    lang.period(row.period, Some(row.span.end))
}

pub fn report_grid(rows: &[Row], lang: Lang) -> Grid {
    let w = lang.words();
    Grid {
        headings: vec![
            w.promise, w.period, w.start, w.end, w.required, w.done, w.status,
        ],
        status_column: 6,
        numeric: vec![false, false, false, false, true, true, false],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    period_words(r, lang),
                    r.span.start.to_string(),
                    r.span.end.to_string(),
                    r.required.map_or(String::new(), |q| lang.number(q)),
                    lang.number(r.done),
                    lang.status(r.status).to_string(),
                ]
            })
            .collect(),
        tones: rows.iter().map(|r| Tone::of(r.status)).collect(),
        // SPEC's labels are shorter than words; then the dates go, end first.
        narrowing: vec![
            table::Narrow::Shorten(1, rows.iter().map(short_period).collect()),
            table::Narrow::Drop(3),
            table::Narrow::Drop(2),
        ],
        dropped: Vec::new(),
    }
}

pub fn status_grid(standings: &[Standing], lang: Lang) -> Grid {
    let w = lang.words();
    Grid {
        headings: vec![
            w.promise,
            w.period,
            w.done,
            w.required_short,
            w.left,
            w.days_left,
            w.status,
            w.windows_met,
        ],
        status_column: 6,
        numeric: vec![false, false, true, true, true, true, false, true],
        rows: standings
            .iter()
            .map(|s| {
                let r = &s.row;
                vec![
                    r.name.clone(),
                    period_words(r, lang),
                    lang.number(r.done),
                    r.required.map_or(String::new(), |q| lang.number(q)),
                    r.left().map_or(String::new(), |q| lang.number(q)),
                    maybe(s.days_left),
                    lang.status(r.status).to_string(),
                    s.tally
                        .map_or(String::new(), |(met, ended)| format!("{met}/{ended}")),
                ]
            })
            .collect(),
        tones: standings.iter().map(|s| Tone::of(s.row.status)).collect(),
        // Short labels first; then what can be worked out from the rest: what is
        // left, the days left, the tally, and last the period.
        narrowing: vec![
            table::Narrow::Shorten(1, standings.iter().map(|s| short_period(&s.row)).collect()),
            table::Narrow::Drop(4),
            table::Narrow::Drop(5),
            table::Narrow::Drop(7),
            table::Narrow::Drop(1),
        ],
        dropped: Vec::new(),
    }
}

/// What a command shows: windows (`report`) or standings (`status`).
#[derive(Clone, Copy)]
pub enum Shown<'a> {
    Report(&'a [Row]),
    Status(&'a [Standing]),
}

impl Shown<'_> {
    pub fn records(self) -> Records {
        match self {
            Shown::Report(rows) => report_records(rows),
            Shown::Status(standings) => status_records(standings),
        }
    }

    pub fn grid(self, lang: Lang) -> Grid {
        match self {
            Shown::Report(rows) => report_grid(rows, lang),
            Shown::Status(standings) => status_grid(standings, lang),
        }
    }

    pub fn statuses(self) -> Vec<Status> {
        match self {
            Shown::Report(rows) => rows.iter().map(|r| r.status).collect(),
            Shown::Status(standings) => standings.iter().map(|s| s.row.status).collect(),
        }
    }
}

/// How `status` prints. (`html` is the follow-up, which only `report` makes.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    Table,
    Csv,
    Json,
    /// A Markdown table
    Markdown,
}

/// How `report` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Csv,
    Json,
    /// The follow-up document in Markdown
    Markdown,
    /// The follow-up as one self-contained web page
    Html,
}

/// The forms rows take when printed as rows: for people or for scripts. (Also
/// how `indicators` prints.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Rows {
    Table,
    Csv,
    Json,
    /// A Markdown table
    Markdown,
}

impl From<StatusFormat> for Rows {
    fn from(format: StatusFormat) -> Rows {
        match format {
            StatusFormat::Table => Rows::Table,
            StatusFormat::Csv => Rows::Csv,
            StatusFormat::Json => Rows::Json,
            StatusFormat::Markdown => Rows::Markdown,
        }
    }
}

impl ReportFormat {
    /// The rows' form, or `None` for the follow-up document.
    pub fn rows(self) -> Option<Rows> {
        match self {
            ReportFormat::Table => Some(Rows::Table),
            ReportFormat::Csv => Some(Rows::Csv),
            ReportFormat::Json => Some(Rows::Json),
            ReportFormat::Markdown | ReportFormat::Html => None,
        }
    }
}

/// Renders what a command shows: CSV and JSON for scripts, tables for people.
pub fn render(shown: Shown<'_>, form: Rows, lang: Lang, screen: table::Screen) -> String {
    let empty = lang.words().nothing_to_show;
    emit(form, || shown.records(), || shown.grid(lang), empty, screen)
}

/// Rows in `form`, built as records for scripts or as a grid for people; a table
/// without rows says `empty`.
pub fn emit(
    form: Rows,
    records: impl FnOnce() -> Records,
    grid: impl FnOnce() -> Grid,
    empty: &str,
    screen: table::Screen,
) -> String {
    match form {
        Rows::Csv => csv::render(&records()),
        Rows::Json => json::render(&records()),
        Rows::Table => table::render(&grid(), screen, empty),
        Rows::Markdown => markdown::table(&grid()),
    }
}
