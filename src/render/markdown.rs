//! Markdown, for pasting into a document.

use super::Grid;

/// A grid as a Markdown table.
pub fn table(grid: &Grid) -> String {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = line(grid.headings.iter().map(|h| h.to_string()).collect());
    out.push_str(&line(
        grid.numeric
            .iter()
            .map(|&n| if n { "---:" } else { "---" }.to_string())
            .collect(),
    ));
    for row in &grid.rows {
        out.push_str(&line(row.iter().map(|c| escape(c)).collect()));
    }
    out
}

/// Text that Markdown would otherwise read as markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\' | '#'
        ) {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}
