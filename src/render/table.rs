//! A table for the terminal, fitted to its width, coloured by status.

use super::{Records, human_cells, human_columns};
use crate::compliance::Status;
use comfy_table::{
    Cell, CellAlignment, Color, ContentArrangement, ContentLineStyle, LineStyle, Table, TableStyle,
};

/// Rules above and below the header only: light, and narrow enough for 80 columns.
const STYLE: TableStyle = TableStyle::new()
    .content_lines(ContentLineStyle::none().junction(' '))
    .header_lines(ContentLineStyle::none().junction(' '))
    .header_separator(LineStyle::none().fill('─').junction(' '));

pub fn render(records: &Records, color: bool) -> String {
    let columns = human_columns(records.fields);
    let mut table = Table::new();
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(columns.iter().map(|(_, h)| Cell::new(h)));
    if !color {
        // Without colour, still fit the terminal when there is one.
        let width = table.width();
        table.force_no_tty();
        if let Some(width) = width {
            table.set_width(width);
        }
    }
    for (row, status) in records.rows.iter().zip(&records.statuses) {
        let cells = human_cells(records, row)
            .into_iter()
            .zip(&columns)
            .map(|(text, (i, _))| {
                let numeric = matches!(
                    records.fields[*i],
                    "required" | "done" | "left" | "days_left" | "met"
                );
                let cell = Cell::new(text);
                let cell = if numeric {
                    cell.set_alignment(CellAlignment::Right)
                } else {
                    cell
                };
                match (records.fields[*i], color) {
                    ("status", true) => cell.fg(status_color(*status)),
                    _ => cell,
                }
            });
        table.add_row(cells);
    }
    for column in table.column_iter_mut() {
        column.set_padding((0, 1));
    }
    if records.rows.is_empty() {
        return "Nothing to show: no window starts on or before the as-of day.\n".to_string();
    }
    // Padding leaves spaces at line ends; they only get in the way when pasted.
    let mut out: String = table
        .to_string()
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    if out.is_empty() {
        out.push('\n');
    }
    out
}

fn status_color(status: Status) -> Color {
    match status {
        Status::Met => Color::Green,
        Status::Missed | Status::Late | Status::Overdue => Color::Red,
        Status::Behind => Color::Yellow,
        Status::OnTrack | Status::Pending => Color::Cyan,
        Status::Tracked | Status::NotStarted => Color::Reset,
    }
}
