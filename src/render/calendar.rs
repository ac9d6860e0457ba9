//! The calendar: one line per promise, one glyph per window across the year.

use super::Tone;
use crate::compliance::{Line, Status};
use crate::i18n::Lang;
use crate::model::{Agreement, Rule};
use chrono::NaiveDate;

/// Columns a year is drawn across: one per ISO week at most.
const YEAR_WIDTH: usize = 53;

/// The calendar as text; colour only adds to glyphs that read without it.
pub fn draw(
    agreement: &Agreement,
    lang: Lang,
    lines: &[Line],
    year: i32,
    as_of: NaiveDate,
    color: bool,
) -> String {
    let w = lang.words();
    let width = lines
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    // The year stands apart from the title, which may hold years of its own.
    let mut out = format!(
        "{}: {} {year}, {} {as_of}\n\n",
        agreement.title, w.calendar, w.as_of
    );
    out += &format!("{:width$} {}\n", "", ruler(lang));
    for line in lines {
        let promise = &agreement.promises[line.bucket.promise];
        let body = match &promise.rule {
            Rule::Tracked => match &promise.unit {
                Some(unit) => format!("{}: {} {unit}", w.tracked, lang.number(line.done)),
                None => format!("{}: {} {}", w.tracked, lang.number(line.done), w.activities),
            },
            Rule::Deadline(due) => {
                let status = line
                    .cells
                    .first()
                    .and_then(|c| c.2)
                    .unwrap_or(Status::Pending);
                format!(
                    "{} {due}: {}",
                    w.due,
                    paint(lang.status(status), status, color)
                )
            }
            Rule::AtLeast { .. } | Rule::Share { .. } | Rule::PerEvent { .. } => {
                cells(line, as_of, color)
            }
        };
        out += &format!("{:width$} {body}\n", line.name);
    }
    out += &format!(
        "\n{}: {} {}  {} {}  {} {}  {} {}\n",
        w.legend,
        glyph(Some(Status::Met), false, color),
        w.met,
        glyph(Some(Status::Missed), false, color),
        w.missed,
        glyph(Some(Status::OnTrack), true, color),
        w.current,
        glyph(None, false, color),
        w.not_yet
    );
    out
}

/// A promise's windows, spread over the year: one glyph per window, then room up to
/// its share of the year's width; the tally of ended windows met at the end.
fn cells(line: &Line, as_of: NaiveDate, color: bool) -> String {
    let n = line.cells.len().max(1);
    let step = (YEAR_WIDTH / n).max(1);
    let mut text = String::new();
    for (_, span, status) in &line.cells {
        let current = span.contains(as_of);
        text += &glyph(*status, current, color);
        text += &" ".repeat(step - 1);
    }
    let ended: Vec<_> = line.cells.iter().filter(|c| c.1.end < as_of).collect();
    let met = ended.iter().filter(|c| c.2 == Some(Status::Met)).count();
    let pad = (YEAR_WIDTH + 1).saturating_sub(step * n);
    format!("{text}{}{met}/{}", " ".repeat(pad), ended.len())
}

/// `■` met, `✗` missed, `▸` the current window not yet met, `·` not yet begun.
fn glyph(status: Option<Status>, current: bool, color: bool) -> String {
    let (g, s) = match status {
        Some(Status::Met) => ("■", Status::Met),
        Some(s) if current => ("▸", s),
        Some(s) if s.is_missed() => ("✗", s),
        Some(s) => ("▸", s),
        None => ("·", Status::NotStarted),
    };
    paint(g, s, color)
}

fn paint(text: &str, status: Status, color: bool) -> String {
    // Neutral glyphs (not begun) are dimmed: a glyph must still be seen.
    let code = Tone::of(status).sgr().unwrap_or(2);
    if color {
        format!("\u{1b}[{code}m{text}\u{1b}[0m")
    } else {
        text.to_string()
    }
}

/// Month initials above the weeks they start in.
fn ruler(lang: Lang) -> String {
    let mut line = vec![' '; YEAR_WIDTH];
    for m in 0..12 {
        let col = m * YEAR_WIDTH / 12;
        for (i, c) in lang.month(m as u32).chars().take(3).enumerate() {
            if let Some(slot) = line.get_mut(col + i) {
                *slot = c;
            }
        }
    }
    line.into_iter().collect::<String>().trim_end().to_string()
}
