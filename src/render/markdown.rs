//! A Markdown table, for pasting into a follow-up document.

use super::{Records, human_cells, human_columns};

pub fn render(records: &Records) -> String {
    let columns = human_columns(records.fields);
    let mut out = String::new();
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(columns.iter().map(|(_, h)| h.to_string()).collect()));
    out.push_str(&line(columns.iter().map(|_| "---".to_string()).collect()));
    for row in &records.rows {
        let cells = human_cells(records, row)
            .into_iter()
            .map(|c| c.replace('|', "\\|"))
            .collect();
        out.push_str(&line(cells));
    }
    out
}
