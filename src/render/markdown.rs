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

/// The follow-up in Markdown: the same content as the HTML page, with a bar of
/// text in place of each chart.
pub fn followup(doc: &super::followup::FollowUp) -> String {
    let lang = doc.lang;
    let w = lang.words();
    let mut out = format!(
        "# {}\n\n{}, {} {}\n\n",
        escape(&doc.title),
        w.follow_up,
        w.as_of,
        lang.date(doc.as_of)
    );
    if !doc.parties.is_empty() {
        out += &format!("- **{}:** {}\n", w.parties, escape(&doc.parties.join(", ")));
    }
    out += &format!("- **{}:** {}\n\n", w.term_label, lang.term(&doc.term));
    out += &format!("## {}\n\n", w.summary);
    let counts: Vec<String> = doc
        .summary
        .iter()
        .map(|(s, n)| format!("{n} {}", lang.status(*s)))
        .collect();
    out += &format!("{}\n\n", counts.join(", "));
    out += &format!(
        "| {} | {} | {} |\n| --- | --- | --- |\n",
        w.promise, w.rule, w.status
    );
    for s in &doc.sections {
        let status = s
            .standing()
            .map_or(String::new(), |st| lang.status(st).to_string());
        out += &format!(
            "| {} | {} | {} |\n",
            escape(&s.name),
            escape(&s.rule),
            status
        );
    }
    for s in &doc.sections {
        out += &section(doc, s);
    }
    out
}

/// One promise: what it asks, who keeps it, its windows and (asked for) its notes.
fn section(doc: &super::followup::FollowUp, s: &super::followup::Section) -> String {
    let lang = doc.lang;
    let w = lang.words();
    let mut out = String::new();
    out += &format!(
        "\n## {}\n\n{}\n\n- **{}:** {}\n",
        escape(&s.name),
        escape(&s.title),
        w.rule,
        escape(&s.rule)
    );
    if !s.responsible.is_empty() {
        out += &format!(
            "- **{}:** {}\n",
            w.responsible,
            escape(&s.responsible.join(", "))
        );
    }
    out += &format!(
        "\n| {} | {} | {} | {} | {} | |\n| --- | --- | ---: | ---: | --- | --- |\n",
        w.period, w.start, w.required, w.done, w.status
    );
    for r in &s.rows {
        out += &format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            super::period_words(r, lang),
            r.span.start,
            r.required.map_or(String::new(), |q| q.to_string()),
            r.done,
            lang.status(r.status),
            bar(r)
        );
    }
    if doc.with_notes {
        out += &format!("\n### {}\n\n", w.notes);
        if s.notes.is_empty() {
            out += "–\n";
        }
        for n in &s.notes {
            let by = if n.by.is_empty() {
                String::new()
            } else {
                format!(" ({})", escape(&n.by))
            };
            out += &format!("- {}{by}, {}: {}\n", n.date, n.amount, escape(&n.text));
        }
    }
    out
}

/// Done against required as a bar of ten blocks: `███████░░░`.
fn bar(row: &crate::compliance::Row) -> String {
    let Some(required) = row.required.filter(|r| r.is_positive()) else {
        return String::new();
    };
    let filled = (row.done.micros().saturating_mul(10) / required.micros()).clamp(0, 10) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}
