//! The calendar: one line per promise, one glyph per window across the year.

use super::Tone;
use super::table::Screen;
use crate::compliance::{Line, Status};
use crate::i18n::Lang;
use crate::model::{Agreement, Rule};
use chrono::{Datelike, NaiveDate};

/// Columns a year is drawn across: one per ISO week at most.
const YEAR_WIDTH: usize = 53;

/// The calendar as text; colour only adds to glyphs that read without it. On a
/// narrow screen the year is drawn in parts (half-years, then thirds, quarters or
/// two-month parts) one under the other, so no line runs past the edge.
pub fn draw(
    agreement: &Agreement,
    lang: Lang,
    lines: &[Line],
    year: i32,
    as_of: NaiveDate,
    screen: Screen,
) -> String {
    let w = lang.words();
    let width = lines
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    // The year stands apart from the title, which may hold years of its own.
    let tail = format!(": {} {year}, {} {as_of}", w.calendar, w.as_of);
    let room = screen.width.map(|s| s.saturating_sub(tail.chars().count()));
    let mut out = format!("{}{tail}\n", super::table::ellipsis(&agreement.title, room));
    // The name, a space, the glyphs, a space and a tally such as `37/41`.
    let fits = |parts: usize| width + 1 + YEAR_WIDTH.div_ceil(parts) + 1 + 5;
    let parts = match screen.width {
        Some(room) => [1, 2, 3, 4, 6]
            .into_iter()
            .find(|&p| fits(p) <= room)
            .unwrap_or(6),
        None => 1,
    };
    for part in 0..parts {
        let months = (part * 12 / parts, (part + 1) * 12 / parts);
        out += &format!("\n{:width$} {}\n", "", ruler(lang, months));
        for line in lines {
            let promise = &agreement.promises[line.bucket.promise];
            let body = match &promise.rule {
                // A line of words, said once, in the first part.
                Rule::Tracked | Rule::Deadline(_) if part > 0 => continue,
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
                    let shown = paint(lang.status(status), status, screen.color);
                    format!("{} {due}: {shown}", w.due)
                }
                Rule::AtLeast { .. } | Rule::Share { .. } | Rule::PerEvent { .. } => {
                    cells(line, year, as_of, months, part + 1 == parts, screen.color)
                }
            };
            let shown = format!("{:width$} {body}", line.name);
            out += &format!("{}\n", shown.trim_end());
        }
    }
    let color = screen.color;
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

/// A promise's windows of the months `from..to` (0-based), each under the day
/// it starts on (as the ruler marks the months); windows of two weeks or less,
/// too short for a month's columns to place evenly, go at even steps from the
/// first one's day. The tally of ended windows met ends the last part.
fn cells(
    line: &Line,
    year: i32,
    as_of: NaiveDate,
    (from, to): (usize, usize),
    last: bool,
    color: bool,
) -> String {
    let longest = line.cells.iter().map(|c| c.1.days()).max().unwrap_or(1);
    let step = usize::try_from(longest).unwrap_or(1) * YEAR_WIDTH * 2 / 365;
    let step = (step.div_ceil(2)).max(1);
    let first_day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let base = month_column(from);
    let mut slots: Vec<String> = Vec::new();
    let (mut first, mut placed) = (None, 0);
    for (_, span, status) in &line.cells {
        // A window begun the year before is drawn from its first day.
        let start = span.start.max(first_day);
        if !(from..to).contains(&(start.month0() as usize)) {
            continue;
        }
        let at = day_column(start).saturating_sub(base);
        let col = match step {
            1 | 2 => *first.get_or_insert(at) + placed * step,
            _ => at,
        }
        .max(slots.len());
        placed += 1;
        slots.resize(col, " ".to_string());
        slots.push(glyph(*status, span.contains(as_of), color));
    }
    if !last {
        return slots.concat();
    }
    let ended: Vec<_> = line.cells.iter().filter(|c| c.1.end < as_of).collect();
    let met = ended.iter().filter(|c| c.2 == Some(Status::Met)).count();
    let part = (YEAR_WIDTH * (to - from)).div_ceil(12);
    let pad = (part + 1).saturating_sub(slots.len());
    format!("{}{}{met}/{}", slots.concat(), " ".repeat(pad), ended.len())
}

/// The column month `m` (0-based) starts at, as the ruler draws it.
fn month_column(m: usize) -> usize {
    m * YEAR_WIDTH / 12
}

/// The column of a day: its month's, and as far into the month's columns as the
/// day is into the month.
fn day_column(day: NaiveDate) -> usize {
    let m = day.month0() as usize;
    let (start, end) = (month_column(m), month_column(m + 1));
    let days = match day.month() {
        2 if day.leap_year() => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    start + day.day0() as usize * (end - start) / days
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

/// Month initials above the weeks they start in, for the months `from..to`.
fn ruler(lang: Lang, (from, to): (usize, usize)) -> String {
    let start = month_column(from);
    let mut line = vec![' '; YEAR_WIDTH];
    for m in from..to {
        let col = month_column(m) - start;
        for (i, c) in lang.month(m as u32).chars().take(3).enumerate() {
            if let Some(slot) = line.get_mut(col + i) {
                *slot = c;
            }
        }
    }
    line.into_iter().collect::<String>().trim_end().to_string()
}
