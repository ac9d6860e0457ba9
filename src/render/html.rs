//! The follow-up as one self-contained HTML page (no network, no external files)
//! that prints well on A4. Markup and escaping come from maud.

use super::Tone;
use super::chart;
use super::followup::{FollowUp, Section};
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
.meta { color: #555; margin: 0 0 10px; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; margin: 8px 0; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 9.5pt; }
th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.rule { margin: 2px 0; }
.status { font-weight: 600; white-space: nowrap; }
/*STATUS*/
figure { margin: 6px 0; }
figure svg { width: 100%; height: auto; }
figcaption { color: #555; font-size: 9pt; }
section.promise { break-inside: avoid-page; }
details > summary { cursor: pointer; color: #555; }
footer { margin-top: 24px; color: #777; font-size: 8.5pt; }
@media print { details { display: block; } details > summary { display: none; } a { color: inherit; text-decoration: none; } }
"#;

pub fn render(doc: &FollowUp) -> String {
    let lang = doc.lang;
    let w = lang.words();
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
                    p.meta { (w.follow_up) ", " (w.as_of) " " (lang.date(doc.as_of)) }
                    dl {
                        @if !doc.parties.is_empty() {
                            dt { (w.parties) } dd { (doc.parties.join(", ")) }
                        }
                        dt { (w.term_label) } dd { (lang.term(&doc.term)) }
                    }
                }
                (summary(doc))
                @for section in &doc.sections {
                    (promise(doc, section))
                }
                footer { "medlofte " (env!("CARGO_PKG_VERSION")) " · " (doc.as_of) }
            }
        }
    };
    page.into_string()
}

fn summary(doc: &FollowUp) -> Markup {
    let lang = doc.lang;
    let w = lang.words();
    html! {
        section.summary {
            h2 { (w.summary) }
            p {
                @for (i, (status, n)) in doc.summary.iter().enumerate() {
                    @if i > 0 { ", " }
                    span class=(format!("status {}", status.as_str())) { (n) " " (lang.status(*status)) }
                }
            }
            table {
                thead { tr { th { (w.promise) } th { (w.rule) } th { (w.status) } } }
                tbody {
                    @for s in &doc.sections {
                        tr {
                            td { a href=(format!("#{}", anchor(&s.name))) { (s.name) } }
                            td { (s.rule) }
                            td {
                                @if let Some(status) = s.standing() {
                                    span class=(format!("status {}", status.as_str())) { (lang.status(status)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn promise(doc: &FollowUp, s: &Section) -> Markup {
    let lang = doc.lang;
    let w = lang.words();
    html! {
        section.promise id=(anchor(&s.name)) {
            h2 { (s.name) }
            p { (s.title) }
            p.rule { strong { (w.rule) ": " } (s.rule) }
            @if !s.responsible.is_empty() {
                p.rule { strong { (w.responsible) ": " } (s.responsible.join(", ")) }
            }
            figure.chart data-promise=(s.name) data-windows=(s.rows.len()) {
                (PreEscaped(chart::svg(&s.rows, lang)))
                figcaption { (w.done) " " (w.per_window) @if !s.tracked { ", " (w.against_required) } }
            }
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
                            td.num { @if let Some(req) = r.required { (req) } }
                            td.num { (r.done) }
                            td { span class=(format!("status {}", r.status.as_str())) { (lang.status(r.status)) } }
                        }
                    }
                }
            }
            @if doc.with_notes {
                h3 { (w.notes) }
                @if s.notes.is_empty() {
                    p.meta { "–" }
                } @else {
                    table.notes {
                        thead { tr { th { (w.date) } th { (w.by) } th.num { (w.amount) } th { (w.note) } } }
                        tbody {
                            @for n in &s.notes {
                                tr { td { (n.date) } td { (n.by) } td.num { (n.amount) } td { (n.text) } }
                            }
                        }
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
