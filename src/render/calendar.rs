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
    let grid = Grid::of(year);
    // The name, a space, the glyphs, a space and a tally such as `37/41`.
    let widest = |parts: usize| {
        (0..parts)
            .map(|p| grid.span(months_of(p, parts)).1)
            .max()
            .unwrap_or(YEAR_WIDTH)
    };
    // The widest tally, `ended/ended` at most (`243/364` for a daily promise).
    let tally_width = lines
        .iter()
        .map(|l| 2 * tally(l, as_of).1.to_string().len() + 1)
        .max()
        .unwrap_or(3);
    let fits = |parts: usize| width + 1 + widest(parts) + 1 + tally_width;
    let parts = match screen.width {
        Some(room) => [1, 2, 3, 4, 6]
            .into_iter()
            .find(|&p| fits(p) <= room)
            .unwrap_or(6),
        None => 1,
    };
    for part in 0..parts {
        let months = months_of(part, parts);
        out += &format!("\n{:width$} {}\n", "", ruler(lang, grid, months));
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
                    cells(line, grid, as_of, months, part + 1 == parts, screen.color)
                }
            };
            let shown = format!("{:width$} {body}", line.name);
            out += &format!("{}\n", shown.trim_end());
        }
    }
    out += &legend(lang, screen);
    out
}

/// What the glyphs mean, on as many lines as the screen's width asks.
fn legend(lang: Lang, screen: Screen) -> String {
    let (w, color) = (lang.words(), screen.color);
    let room = screen.width.unwrap_or(usize::MAX);
    let entries = [
        (Some(Status::Met), false, w.met),
        (Some(Status::Missed), false, w.missed),
        (Some(Status::OnTrack), true, w.current),
        (None, false, w.not_yet),
    ];
    let mut out = format!("\n{}:", w.legend);
    let mut used = w.legend.chars().count() + 1;
    for (i, (status, current, word)) in entries.into_iter().enumerate() {
        // The glyph, a space and the word; one space after the label, two
        // between entries, none at the start of a line.
        let wide = 2 + word.chars().count();
        let gap = if i == 0 { 1 } else { 2 };
        if used + gap + wide > room {
            out += "\n";
            used = 0;
        } else {
            out += &" ".repeat(gap);
            used += gap;
        }
        out += &format!("{} {word}", glyph(status, current, color));
        used += wide;
    }
    out + "\n"
}

/// The year's weeks as columns: column `k` holds the days of the `k`th week
/// (Monday to Sunday) that meets the year, so a window stands under the week it
/// starts in, weekly windows one to a column.
#[derive(Clone, Copy)]
struct Grid {
    first_day: NaiveDate,
    /// Days of the first column that belong to the year before.
    before: usize,
}

impl Grid {
    fn of(year: i32) -> Grid {
        let first_day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let before = first_day.weekday().num_days_from_monday() as usize;
        Grid { first_day, before }
    }

    /// The column of a day of the year (a day before it stands in the first).
    fn column(self, day: NaiveDate) -> usize {
        let day = day.max(self.first_day);
        ((day.ordinal0() as usize + self.before) / 7).min(YEAR_WIDTH - 1)
    }

    /// The column month `m` (0-based; 12 is the year's end) starts at.
    fn month(self, m: usize) -> usize {
        let year = self.first_day.year();
        match NaiveDate::from_ymd_opt(year, m as u32 + 1, 1) {
            Some(day) if m < 12 => self.column(day),
            _ => YEAR_WIDTH,
        }
    }

    /// The first column of the months `from..to` and how many columns they take.
    fn span(self, (from, to): (usize, usize)) -> (usize, usize) {
        let base = self.month(from);
        (base, self.month(to).saturating_sub(base))
    }
}

/// A promise's windows in the weeks of the months `from..to` (0-based), each in
/// the week it starts in (a week that starts in June and holds July 1 is July's
/// first). Windows shorter than a week share it: the week shows the one that
/// says most ([`rank`]), so the year still fits its 53 columns. The tally of
/// ended windows met ends the last part.
fn cells(
    line: &Line,
    grid: Grid,
    as_of: NaiveDate,
    months: (usize, usize),
    last: bool,
    color: bool,
) -> String {
    let (base, width) = grid.span(months);
    let mut slots: Vec<Option<(u8, Option<Status>, bool)>> = vec![None; width];
    for (_, span, status) in &line.cells {
        // A window begun the year before is drawn from its first day.
        let start = span.start.max(grid.first_day);
        // The part whose weeks hold the window's week draws it: a week that
        // starts in June and holds July 1 is July's part's first.
        let Some(col) = grid.column(start).checked_sub(base).filter(|&c| c < width) else {
            continue;
        };
        let current = span.contains(as_of);
        let cell = (rank(*status, current), *status, current);
        if let Some(slot) = slots.get_mut(col)
            && slot.is_none_or(|(r, ..)| r < cell.0)
        {
            *slot = Some(cell);
        }
    }
    let text: String = slots
        .iter()
        .map(|slot| slot.map_or(" ".to_string(), |(_, s, c)| glyph(s, c, color)))
        .collect();
    if !last {
        return text.trim_end().to_string();
    }
    let (met, ended) = tally(line, as_of);
    format!("{text} {met}/{ended}")
}

/// The months (0-based, `from..to`) of part `part` of a year drawn in `parts`.
fn months_of(part: usize, parts: usize) -> (usize, usize) {
    (part * 12 / parts, (part + 1) * 12 / parts)
}

/// A promise's windows met, of those ended before `as_of`.
fn tally(line: &Line, as_of: NaiveDate) -> (usize, usize) {
    let ended = line.cells.iter().filter(|c| c.1.end < as_of);
    let met = ended.clone().filter(|c| c.2 == Some(Status::Met)).count();
    (met, ended.count())
}

/// How much a window's glyph says, to pick the one a shared week shows: the
/// window of today, so that a row always shows where the year stands, then a
/// missed one.
fn rank(status: Option<Status>, current: bool) -> u8 {
    match status {
        _ if current => 4,
        Some(Status::Met) => 0,
        None => 1,
        Some(s) if s.is_missed() => 3,
        Some(_) => 2,
    }
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
fn ruler(lang: Lang, grid: Grid, (from, to): (usize, usize)) -> String {
    let (start, _) = grid.span((from, to));
    let mut line = vec![' '; YEAR_WIDTH];
    for m in from..to {
        let col = grid.month(m) - start;
        for (i, c) in lang.month(m as u32).chars().take(3).enumerate() {
            if let Some(slot) = line.get_mut(col + i) {
                *slot = c;
            }
        }
    }
    line.into_iter().collect::<String>().trim_end().to_string()
}
