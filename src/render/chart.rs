//! A chart of done per window against the required line, as SVG (plotters, with
//! only its SVG backend: no fonts or files needed).

use super::Tone;
use crate::compliance::{Row, Status};
use crate::i18n::Lang;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

pub const WIDTH: u32 = 680;
pub const HEIGHT: u32 = 220;

/// The colour of a bar: what its window came to.
pub fn color(status: Status) -> RGBColor {
    let (r, g, b) = Tone::of(status).rgb();
    RGBColor(r, g, b)
}

pub(super) fn number(a: crate::amount::Amount) -> f64 {
    a.micros() as f64 / 1e6
}

/// What the axes say: the windows' kind under the x axis, the unit beside the y.
pub struct Axes<'a> {
    pub x: &'a str,
    pub y: &'a str,
}

/// One bar per window, coloured by status; the required amount as a stepped line;
/// axis titles, and a legend of the line and the statuses shown.
pub fn svg(rows: &[Row], lang: Lang, axes: &Axes<'_>) -> String {
    drawn(|root| draw(root, rows, lang, axes))
}

/// A chart's SVG, drawn by `draw` on a white area of the page's chart size.
pub fn drawn(draw: impl FnOnce(&Area<'_>) -> Option<()>) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        // plotters cannot fail on a string, but says it may: a chart it could not
        // finish is shown as far as it got.
        let _ = root.fill(&WHITE).ok().and_then(|()| draw(&root));
        let _ = root.present();
    }
    out
}

pub type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn draw(root: &Area<'_>, rows: &[Row], lang: Lang, axes: &Axes<'_>) -> Option<()> {
    // The legend has its own strip on the right, so it never hides a bar.
    let (plot_area, side) = root.split_horizontally(WIDTH - LEGEND_WIDTH);
    let n = rows.len().max(1);
    let top = rows
        .iter()
        .map(|r| number(r.done).max(r.required.map_or(0.0, number)))
        .fold(1.0_f64, f64::max)
        * 1.15;
    // Words while they fit; SPEC's short labels (`2019-03`, `2019-W07`) when many.
    let labels: Vec<String> = rows
        .iter()
        .map(|r| {
            if n > 6 {
                r.label()
            } else {
                lang.period(r.period, Some(r.span.end))
            }
        })
        .collect();
    // Whole-number ticks for counts: as many as fit, up to six.
    let ticks = (top.floor() as usize + 1).clamp(2, 6);
    let mut chart = plot(&plot_area, &labels, axes, 0f64..top, ticks, &|y| {
        if y.fract() == 0.0 {
            format!("{y:.0}")
        } else {
            lang.number(crate::amount::Amount::from_micros((y * 1e6).round() as i64))
        }
    })?;
    let required = bars(&mut chart, rows, top)?;
    legend(&side, rows, lang, required)
}

pub(super) type Plot<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A plot with a column per label across and `y` up, its axes titled and its
/// ticks labelled as every chart of the follow-up has them: column i is centred
/// on x = i, and labels go under the round positions the axis picks (every
/// column, or every few when there are many).
pub(super) fn plot<'a, 'b>(
    area: &'a Area<'b>,
    labels: &[String],
    axes: &Axes<'_>,
    y: std::ops::Range<f64>,
    y_ticks: usize,
    y_label: &dyn Fn(&f64) -> String,
) -> Option<Plot<'a, 'b>> {
    let n = labels.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .margin(8)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(-0.5f64..n as f64 - 0.5, y)
        .ok()?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .x_desc(axes.x)
        .y_desc(axes.y)
        .axis_desc_style(("sans-serif", 17))
        .label_style(("sans-serif", 15))
        .x_labels(n.min(8))
        .x_label_formatter(&|x| {
            let i = x.round();
            match labels.get(i as usize) {
                Some(label) if (x - i).abs() < 1e-6 && i >= 0.0 => label.clone(),
                _ => String::new(),
            }
        })
        .y_labels(y_ticks)
        .y_label_formatter(y_label)
        .draw()
        .ok()?;
    Some(chart)
}

/// A bar per window in its status colour, and the required amounts as a stepped
/// line; whether there was any required amount to draw.
fn bars(chart: &mut Plot<'_, '_>, rows: &[Row], top: f64) -> Option<bool> {
    chart
        .draw_series(rows.iter().enumerate().map(|(i, r)| {
            let x = i as f64;
            // A window with nothing done still shows a sliver in its status colour.
            let height = number(r.done).max(top * 0.015);
            Rectangle::new(
                [(x - 0.38, 0.0), (x + 0.38, height)],
                color(r.status).filled(),
            )
        }))
        .ok()?;
    let required = rows.iter().any(|r| r.required.is_some());
    if required {
        let steps = rows.iter().enumerate().flat_map(|(i, r)| {
            let (x, req) = (i as f64, r.required.map_or(0.0, number));
            [(x - 0.5, req), (x + 0.5, req)]
        });
        chart
            .draw_series(LineSeries::new(steps, BLACK.stroke_width(2)))
            .ok()?;
    }
    Some(required)
}

const LEGEND_WIDTH: u32 = 120;

/// The required line, then a dot per status shown (dots, not squares: only bars
/// are rectangles).
fn legend(
    side: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    rows: &[Row],
    lang: Lang,
    required: bool,
) -> Option<()> {
    let mut shown: Vec<Status> = rows.iter().map(|r| r.status).collect();
    shown.sort_by_key(|s| s.as_str());
    shown.dedup();
    let font = ("sans-serif", 15).into_font();
    let mut y = 20;
    if required {
        side.draw(&PathElement::new([(4, y), (18, y)], BLACK.stroke_width(2)))
            .ok()?;
        side.draw(&Text::new(lang.words().required, (24, y - 7), font.clone()))
            .ok()?;
        y += 20;
    }
    for status in shown {
        side.draw(&Circle::new((11, y), 5, color(status).filled()))
            .ok()?;
        side.draw(&Text::new(lang.status(status), (24, y - 7), font.clone()))
            .ok()?;
        y += 20;
    }
    Some(())
}
