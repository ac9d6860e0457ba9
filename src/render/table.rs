//! A table for the terminal, fitted to its width, coloured by status.

use super::{Records, human_cells, human_columns};
use crate::compliance::Status;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table};

pub fn render(records: &Records, color: bool) -> String {
    let columns = human_columns(records.fields);
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
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
    if records.rows.is_empty() {
        return "Nothing to show: no window starts on or before the as-of day.\n".to_string();
    }
    format!("{table}\n")
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
