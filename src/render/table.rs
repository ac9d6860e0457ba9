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

/// Where a table goes: with colour or not, and how wide it may be.
#[derive(Clone, Copy, Debug)]
pub struct Screen {
    pub color: bool,
    pub width: Option<usize>,
}

/// How a grid gets narrower, step by step, until it fits: a column's text
/// shortened (never an id, a date, a status or a number), or a column dropped.
#[derive(Clone, Debug)]
pub enum Narrow {
    /// Column `.0` takes these texts instead, row by row.
    Shorten(usize, Vec<String>),
    Drop(usize),
}

/// Free text cut to `room` characters with an ellipsis, when it is longer.
pub fn ellipsis(text: &str, room: Option<usize>) -> std::borrow::Cow<'_, str> {
    match room {
        Some(room) if text.chars().count() > room => {
            let kept: String = text.chars().take(room.saturating_sub(1)).collect();
            std::borrow::Cow::Owned(format!("{}…", kept.trim_end()))
        }
        _ => std::borrow::Cow::Borrowed(text),
    }
}

/// Columns side by side: each cell's width plus two spaces between columns.
fn width_of(grid: &Grid) -> usize {
    let cells = |i: usize| {
        let widest = grid
            .rows
            .iter()
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0);
        widest.max(grid.headings[i].chars().count())
    };
    let n = grid.headings.len();
    (0..n).map(cells).sum::<usize>() + 2 * n.saturating_sub(1)
}

/// The grid after as many of its narrowing steps as it takes to fit `width`.
/// Cells are never wrapped: what still does not fit runs past the edge whole.
pub fn fit(grid: &Grid, width: usize) -> Grid {
    let mut grid = grid.clone();
    let steps = std::mem::take(&mut grid.narrowing);
    for step in steps {
        if width_of(&grid) <= width {
            break;
        }
        match step {
            Narrow::Shorten(col, texts) => {
                for (row, text) in grid.rows.iter_mut().zip(texts) {
                    row[col] = text;
                }
            }
            Narrow::Drop(col) => {
                // Later steps name columns as the grid was built: mark, not remove.
                grid.dropped.push(col);
                for row in &mut grid.rows {
                    row[col].clear();
                }
                grid.headings[col] = "";
            }
        }
    }
    grid
}

pub fn render(grid: &Grid, screen: Screen, empty: &str) -> String {
    if grid.rows.is_empty() {
        return format!("{empty}\n");
    }
    let fitted = screen.width.map(|w| fit(grid, w));
    let grid = fitted.as_ref().unwrap_or(grid);
    let color = screen.color;
    let shown: Vec<usize> = (0..grid.headings.len())
        .filter(|i| !grid.dropped.contains(i))
        .collect();
    let mut table = Table::new();
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(shown.iter().map(|&i| Cell::new(grid.headings[i])));
    table.force_no_tty();
    if color {
        // Colour was decided once (`--color always` on a pipe too).
        table.enforce_styling();
    }
    for (row, tone) in grid.rows.iter().zip(&grid.tones) {
        let cells = shown.iter().map(|&i| {
            let cell = Cell::new(&row[i]);
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
    let last = shown.len().saturating_sub(1);
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
