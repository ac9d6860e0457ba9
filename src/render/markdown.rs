//! Markdown, for pasting into a document.

use super::Grid;
use super::followup::{
    FollowUp, IndicatorSection, Note, NoteForm, Section, notes_mark, write_page,
};
use super::prose;

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

/// Writes the follow-up in Markdown, the notes streamed in under each section.
pub fn write_followup(
    doc: &FollowUp,
    notes: &mut dyn Iterator<Item = Note>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let lang = doc.lang;
    let row = |n: &Note| {
        let by = if n.by.is_empty() {
            String::new()
        } else {
            format!(" ({})", escape(&n.by))
        };
        format!(
            "- {}{by}, {}: {}\n",
            n.date,
            lang.number(n.amount),
            escape(&n.text)
        )
    };
    let form = NoteForm {
        open: "",
        row: &row,
        close: "",
        none: "–\n",
    };
    write_page(&followup(doc), doc, notes, &form, out)
}

/// The follow-up in Markdown: the same content as the HTML page, with a bar of
/// text in place of each chart, for pasting into the municipality's document.
pub fn followup(doc: &FollowUp) -> String {
    let lang = doc.lang;
    let w = lang.words();
    let (from, to) = doc.covers;
    let mut out = format!(
        "# {}\n\n{} {} – {}\n\n",
        escape(&doc.title),
        w.follow_up,
        lang.date(from),
        lang.date(to)
    );
    if !doc.parties.is_empty() {
        out += &format!("- **{}:** {}\n", w.parties, escape(&doc.parties.join(", ")));
    }
    out += &format!("- **{}:** {}\n", w.term_label, lang.term(&doc.term));
    out += &format!(
        "- **{}:** {}\n\n",
        lang.capital(w.as_of),
        lang.date(doc.as_of)
    );
    if let Some(intro) = &doc.intro {
        out += &format!("{}\n\n", prose::markdown(intro, 1));
    }
    out += &format!("## {}\n\n", w.summary);
    out += &format!(
        "| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n",
        w.promise, w.outcome, w.now, w.average
    );
    for s in &doc.sections {
        let status = s.current.map_or("", |st| lang.status(st));
        out += &format!(
            "| {} | {} | {status} | {} |\n",
            escape(&s.title),
            escape(&s.outcome),
            escape(&s.rates)
        );
    }
    for (k, s) in doc.sections.iter().enumerate() {
        out += &section(doc, k, s);
    }
    if !doc.indicators.is_empty() {
        out += &format!("\n## {}\n", w.indicators);
    }
    for i in &doc.indicators {
        out += &indicator(doc, i);
    }
    out
}

/// An indicator: what it measures, the keepers' words, a value per period.
fn indicator(doc: &FollowUp, i: &IndicatorSection) -> String {
    let lang = doc.lang;
    let w = lang.words();
    let mut out = format!(
        "\n### {}\n\n{} ({})\n",
        escape(&i.title),
        escape(&i.about),
        escape(&i.id)
    );
    if let Some(text) = &i.narrative {
        let shifted = prose::markdown(text, 1);
        out += &format!("\n{shifted}\n");
    }
    out += &format!(
        "\n| {} | {} | {} |\n| --- | ---: | --- |\n",
        w.period, w.value, w.verdict
    );
    for r in &i.rows {
        out += &format!(
            "| {} | {} | {} |\n",
            r.label(),
            r.value.map_or(String::new(), |v| lang.number(v)),
            lang.verdict(r.verdict)
        );
    }
    out
}

/// One promise: what it asks, who keeps it, what it came to, the keepers' words,
/// its windows and (asked for) its notes.
fn section(doc: &FollowUp, k: usize, s: &Section) -> String {
    let lang = doc.lang;
    let w = lang.words();
    let mut out = format!(
        "\n## {}\n\n- **{}:** {}\n- **id:** {}\n",
        escape(&s.title),
        w.rule,
        escape(&s.rule),
        escape(&s.name)
    );
    if !s.responsible.is_empty() {
        out += &format!(
            "- **{}:** {}\n",
            w.responsible,
            escape(&s.responsible.join(", "))
        );
    }
    let status = s
        .current
        .map_or(String::new(), |st| format!(" · {}", lang.status(st)));
    let average = if s.average.is_empty() {
        String::new()
    } else {
        format!(" · {}", s.average)
    };
    out += &format!("\n**{}**{status}{}\n", escape(&s.outcome), escape(&average));
    if let Some(text) = &s.narrative {
        // The section's own `## ` headings sit under the promise's.
        let shifted = prose::markdown(text, 0);
        out += &format!("\n{shifted}\n");
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
            r.required.map_or(String::new(), |q| lang.number(q)),
            lang.number(r.done),
            lang.status(r.status),
            bar(r)
        );
    }
    if doc.with_notes {
        out += &format!("\n### {}\n\n{}", w.notes, notes_mark(k));
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
