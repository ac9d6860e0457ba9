//! A table for the terminal, fitted to its width, coloured by status.

use super::{Grid, Tone};
use comfy_table::{
    Cell, CellAlignment, Color, ContentArrangement, ContentLineStyle, LineStyle, Table, TableStyle,
};

/// Rules above and below the header only: light, and narrow enough for 80 columns.
const STYLE: TableStyle = TableStyle::new()
    .content_lines(ContentLineStyle::none().junction(' '))
    .header_lines(ContentLineStyle::none().junction(' '))
    .header_separator(LineStyle::none().fill('─').junction(' '));

pub fn render(grid: &Grid, color: bool, empty: &str) -> String {
    if grid.rows.is_empty() {
        return format!("{empty}\n");
    }
    let mut table = Table::new();
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(grid.headings.iter().map(Cell::new));
    if !color {
        // Without colour, still fit the terminal when there is one.
        let width = table.width();
        table.force_no_tty();
        if let Some(width) = width {
            table.set_width(width);
        }
    } else {
        // Colour was decided once (`--color always` on a pipe too).
        table.enforce_styling();
    }
    for (row, tone) in grid.rows.iter().zip(&grid.tones) {
        let cells = row.iter().enumerate().map(|(i, text)| {
            let cell = Cell::new(text);
            let cell = if grid.numeric[i] {
                cell.set_alignment(CellAlignment::Right)
            } else {
                cell
            };
            if color && i == grid.status_column {
                cell.fg(color_of(*tone))
            } else {
                cell
            }
        });
        table.add_row(cells);
    }
    let last = grid.headings.len().saturating_sub(1);
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, u16::from(i < last)));
    }
    // Padding leaves spaces at line ends; they only get in the way when pasted.
    table
        .to_string()
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect()
}

/// The palette's terminal colour, as comfy-table names it.
fn color_of(tone: Tone) -> Color {
    match tone.sgr() {
        Some(31) => Color::Red,
        Some(32) => Color::Green,
        Some(33) => Color::Yellow,
        Some(36) => Color::Cyan,
        _ => Color::Reset,
    }
}
