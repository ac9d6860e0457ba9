//! The follow-up as one self-contained HTML page (no network, no external files)
//! that prints well on A4. Markup and escaping come from maud.

use super::Tone;
use super::chart;
use super::followup::{
    FollowUp, IndicatorSection, Note, NoteForm, Section, notes_mark, write_page,
};
use super::prose;
use super::trend;
use crate::compliance::Status;
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The page's style sheet, its status colours from the one palette.
fn style() -> String {
    STYLE.replace("/*STATUS*/\n", &status_css())
}

/// `.met { color: … }` and the rest, grouped by tone: two lines.
fn status_css() -> String {
    const ORDER: [Status; 9] = [
        Status::Met,
        Status::Missed,
        Status::Late,
        Status::Overdue,
        Status::Behind,
        Status::OnTrack,
        Status::Pending,
        Status::Tracked,
        Status::NotStarted,
    ];
    let rule = |tone: Tone| {
        let classes: Vec<String> = ORDER
            .iter()
            .filter(|s| Tone::of(**s) == tone)
            .map(|s| format!(".{}", s.as_str()))
            .collect();
        format!("{} {{ color: {}; }}", classes.join(", "), tone.hex())
    };
    let line = |tones: &[Tone]| tones.iter().map(|t| rule(*t)).collect::<Vec<_>>().join(" ");
    format!("{}\n{}\n", line(&Tone::ALL[..3]), line(&Tone::ALL[3..]))
}

const STYLE: &str = r#"
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; max-width: 190mm; margin: 0 auto; padding: 12px; font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 20pt; margin: 0 0 4px; }
h2 { font-size: 13.5pt; margin: 22px 0 4px; border-bottom: 1px solid #ccc; padding-bottom: 2px; }
h3 { font-size: 11pt; margin: 12px 0 4px; }
.meta, .covers { color: #555; margin: 0 0 10px; }
.covers { font-size: 12pt; }
.id { color: #777; font-size: 9pt; }
.outcome { margin: 4px 0; }
.narrative { margin: 6px 0; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; margin: 8px 0; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 9.5pt; }
table.summary td:first-child { width: 48%; }
th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.rule { margin: 2px 0; }
.status { font-weight: 600; white-space: nowrap; }
/*STATUS*/
.strip { display: flex; flex-wrap: wrap; gap: 2px; margin: 6px 0 2px; }
.strip .cell { width: 11px; height: 16px; border-radius: 2px; background: currentColor; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
section.appendix { break-before: page; }
figure { margin: 6px 0; }
figure svg { width: 100%; height: auto; }
figcaption { color: #555; font-size: 9pt; }
section.promise { break-inside: auto; }
div.keep, table.windows { break-inside: avoid-page; }
figure, tr { break-inside: avoid-page; }
details > summary { cursor: pointer; color: #555; }
footer { margin-top: 24px; color: #777; font-size: 8.5pt; }
@media print { details { display: block; } details > summary { display: none; } a { color: inherit; text-decoration: none; } }
"#;

/// Writes the page, the notes streamed in where each section shows them.
pub fn write(
    doc: &FollowUp,
    notes: &mut dyn Iterator<Item = Note>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let w = doc.lang.words();
    let lang = doc.lang;
    let open = html! {
        table.notes {
            thead { tr { th { (w.date) } th { (w.by) } th.num { (w.amount) } th { (w.note) } } }
        }
    }
    .into_string()
    .replace("</table>", "<tbody>");
    let row = |n: &Note| {
        html! { tr { td { (n.date) } td { (n.by) } td.num { (lang.number(n.amount)) } td { (n.text) } } }
            .into_string()
    };
    let form = NoteForm {
        open: &open,
        row: &row,
        close: "</tbody></table>",
        none: "<p class=\"meta\">–</p>",
    };
    write_page(&render(doc), doc, notes, &form, out)
}

/// The page, with a mark where each section's notes go.
pub fn render(doc: &FollowUp) -> String {
    let lang = doc.lang;
    let w = lang.words();
    let (from, to) = doc.covers;
    let page: Markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (w.follow_up) " – " (doc.title) }
                style { (PreEscaped(style())) }
            }
            body {
                header {
                    h1 { (doc.title) }
                    p.covers { (w.follow_up) " " (lang.date(from)) " – " (lang.date(to)) }
                    dl {
                        @if !doc.parties.is_empty() {
                            dt { (w.parties) } dd { (doc.parties.join(", ")) }
                        }
                        dt { (w.term_label) } dd { (lang.term(&doc.term)) }
                        dt { (lang.capital(w.as_of)) } dd { (lang.date(doc.as_of)) }
                    }
                }
                @if let Some(intro) = &doc.intro {
                    section.intro { (PreEscaped(prose::html(intro, 1))) }
                }
                (summary(doc))
                @for (k, section) in doc.sections.iter().enumerate() {
                    (promise(doc, k, section))
                }
                @if !doc.indicators.is_empty() {
                    section.indicators {
                        h2 { (w.indicators) }
                        @for i in &doc.indicators {
                            (indicator(doc.lang, i))
                        }
                    }
                }
                @if doc.sections.iter().any(|s| s.rows.len() > LONG) {
                    section.appendix id="appendix" {
                        h2 { (w.appendix) }
                        @for s in doc.sections.iter().filter(|s| s.rows.len() > LONG) {
                            h3 id=(format!("{}-all", anchor(&s.name))) { (s.title) }
                            (windows(lang, s))
                        }
                    }
                }
                footer { "medlofte " (env!("CARGO_PKG_VERSION")) " · " (doc.as_of) }
            }
        }
    };
    page.into_string()
}

/// One line per promise: what the period came to, where it stands, the average.
fn summary(doc: &FollowUp) -> Markup {
    let lang = doc.lang;
    let w = lang.words();
    html! {
        section.summary {
            h2 { (w.summary) }
            table.summary {
                thead { tr { th { (w.promise) } th { (w.outcome) } th { (w.now) } th { (w.average) } } }
                tbody {
                    @for s in &doc.sections {
                        tr data-promise=(s.name) {
                            td { a href=(format!("#{}", anchor(&s.name))) { (s.title) } }
                            td.outcome { (s.outcome) }
                            td {
                                @if let Some(status) = s.current {
                                    span class=(format!("status {}", status.as_str())) { (lang.status(status)) }
                                }
                            }
                            td.average { (s.rates) }
                        }
                    }
                }
            }
        }
    }
}

fn promise(doc: &FollowUp, k: usize, s: &Section) -> Markup {
    let lang = doc.lang;
    let w = lang.words();
    html! {
        section.promise id=(anchor(&s.name)) data-promise=(s.name) {
            // The heading, the figures and the chart stay on one page.
            div.keep {
                h2 { (s.title) }
                p.rule { strong { (w.rule) ": " } (s.rule) " " span.id { "(" (s.name) ")" } }
                @if !s.responsible.is_empty() {
                    p.rule { strong { (w.responsible) ": " } (s.responsible.join(", ")) }
                }
                p.outcome {
                    strong { (s.outcome) }
                    @if let Some(status) = s.current {
                        " · " span class=(format!("status {}", status.as_str())) { (lang.status(status)) }
                    }
                    @if !s.average.is_empty() { " · " (s.average) }
                }
                @if !s.deadline {
                    figure.chart data-promise=(s.name) data-windows=(s.chart.len()) {
                        (PreEscaped(chart::svg(&s.chart, lang, &chart::Axes { x: &s.x_axis, y: &s.y_axis })))
                        figcaption { (w.done) " " (w.per_window) @if !s.tracked { ", " (w.against_required) } }
                    }
                }
            }
            @if let Some(text) = &s.narrative {
                div.narrative { (PreEscaped(prose::html(text, 0))) }
            }
            @if s.rows.len() > LONG {
                (strip(lang, s))
            } @else {
                (windows(lang, s))
            }
            @if doc.with_notes {
                h3 { (w.notes) }
                (PreEscaped(notes_mark(k)))
            }
        }
    }
}

/// An indicator: what it measures, its chart, the keepers' words, its values.
fn indicator(lang: crate::i18n::Lang, i: &IndicatorSection) -> Markup {
    let w = lang.words();
    html! {
        section.indicator id=(format!("i-{}", i.id)) data-indicator=(i.id) {
            div.keep {
                h3 { (i.title) }
                p.rule { (i.about) " " span.id { "(" (i.id) ")" } }
                figure.trend data-indicator=(i.id) data-periods=(i.rows.len()) {
                    (PreEscaped(trend::svg(&i.rows, lang, &chart::Axes { x: &i.x_axis, y: &i.unit })))
                }
            }
            @if let Some(text) = &i.narrative {
                div.narrative { (PreEscaped(prose::html(text, 1))) }
            }
            table.values {
                thead { tr {
                    th { (w.period) } th.num { (w.value) } th { (w.verdict) }
                } }
                tbody {
                    @for r in &i.rows {
                        tr {
                            td { (r.label()) }
                            td.num { @if let Some(v) = r.value { (lang.number(v)) } }
                            td { (lang.verdict(r.verdict)) }
                        }
                    }
                }
            }
        }
    }
}

/// More windows than this (a year of weeks, say) fold into a strip, with the
/// full table in the appendix.
const LONG: usize = 14;

/// One small cell per window in its status colour, like the calendar: a year of
/// weeks at a glance. Each cell says its window and figures when pointed at.
fn strip(lang: crate::i18n::Lang, s: &Section) -> Markup {
    let w = lang.words();
    html! {
        div.strip data-windows=(s.rows.len()) {
            @for r in &s.rows {
                @let tip = format!(
                    "{}: {} {} {} — {}",
                    super::period_words(r, lang),
                    lang.number(r.done),
                    w.of,
                    r.required.map_or(String::new(), |q| lang.number(q)),
                    lang.status(r.status)
                );
                span class=(format!("cell {}", r.status.as_str())) title=(tip) {}
            }
        }
        p.meta {
            (super::period_words(&s.rows[0], lang)) " – " (super::period_words(&s.rows[s.rows.len() - 1], lang))
            " · " a href=(format!("#{}-all", anchor(&s.name))) { (w.all_windows) }
        }
    }
}

fn windows(lang: crate::i18n::Lang, s: &Section) -> Markup {
    let w = lang.words();
    html! {
        table.windows {
            thead { tr {
                th { (w.period) } th { (w.start) } th { (w.end) }
                th.num { (w.required) } th.num { (w.done) } th { (w.status) }
            } }
            tbody {
                @for r in &s.rows {
                    tr {
                        td { (super::period_words(r, lang)) }
                        td { (r.span.start) } td { (r.span.end) }
                        td.num { @if let Some(req) = r.required { (lang.number(req)) } }
                        td.num { (lang.number(r.done)) }
                        td { span class=(format!("status {}", r.status.as_str())) { (lang.status(r.status)) } }
                    }
                }
            }
        }
    }
}

/// An id for a section: letters, digits and `-` only.
fn anchor(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("p-{cleaned}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_colours_come_from_the_one_palette() {
        assert_eq!(
            status_css(),
            ".met { color: #2e7d32; } .missed, .late, .overdue { color: #c62828; } .behind { color: #ef6c00; }\n.on-track, .pending { color: #1565c0; } .tracked, .not-started { color: #616161; }\n"
        );
    }
}
