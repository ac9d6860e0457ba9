//! Output formats. Each one renders the same plain data: named fields per row,
//! defined once here so that CSV, JSON, Markdown and tables never disagree.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;

use crate::cli::Format;
use crate::compliance::{Row, Standing, Status};

/// One field of output.
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

/// Rows of named fields, plus the status of each row for colouring.
pub struct Records {
    pub fields: &'static [&'static str],
    pub rows: Vec<Vec<Value>>,
    pub statuses: Vec<Status>,
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
        statuses: rows.iter().map(|r| r.status).collect(),
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
        statuses: standings.iter().map(|s| s.row.status).collect(),
    }
}

/// The columns a person reads in a table, by field name, with their headings.
pub fn human_columns(fields: &[&str]) -> Vec<(usize, &'static str)> {
    let wanted: &[(&str, &'static str)] = if fields.len() == STATUS_FIELDS.len() {
        &[
            ("promise", "Promise"),
            ("period", "Period"),
            ("done", "Done"),
            ("required", "Req."),
            ("left", "Left"),
            ("days_left", "Days left"),
            ("status", "Status"),
            ("met", "Met"),
        ]
    } else {
        &[
            ("promise", "Promise"),
            ("period", "Period"),
            ("start", "Start"),
            ("end", "End"),
            ("required", "Required"),
            ("done", "Done"),
            ("status", "Status"),
        ]
    };
    wanted
        .iter()
        .filter_map(|(name, heading)| fields.iter().position(|f| f == name).map(|i| (i, *heading)))
        .collect()
}

/// A person's view of one row: the met tally reads `3/4`.
pub fn human_cells(records: &Records, row: &[Value]) -> Vec<String> {
    let columns = human_columns(records.fields);
    let met = records.fields.iter().position(|f| *f == "met");
    let ended = records.fields.iter().position(|f| *f == "ended");
    columns
        .iter()
        .map(|(i, _)| match (Some(*i) == met, ended) {
            (true, Some(e)) if row[*i] != Value::Null => {
                format!("{}/{}", row[*i].text(), row[e].text())
            }
            _ => row[*i].text().to_string(),
        })
        .collect()
}

/// Renders records in `format`; `color` only affects tables.
pub fn render(records: &Records, format: Format, color: bool) -> String {
    match format {
        Format::Table => table::render(records, color),
        Format::Csv => csv::render(records),
        Format::Json => json::render(records),
        Format::Markdown => markdown::render(records),
    }
}
