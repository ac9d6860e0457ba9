//! A chart of done per window against the required line, as SVG (plotters, with
//! only its SVG backend: no fonts or files needed).

use super::Tone;
use crate::compliance::{Row, Status};
use crate::i18n::Lang;
use plotters::prelude::*;

pub const WIDTH: u32 = 680;
pub const HEIGHT: u32 = 220;

/// The colour of a bar: what its window came to.
pub fn color(status: Status) -> RGBColor {
    let (r, g, b) = Tone::of(status).rgb();
    RGBColor(r, g, b)
}

fn number(a: crate::amount::Amount) -> f64 {
    a.micros() as f64 / 1e6
}

/// One bar per window, coloured by status; the required amount as a stepped line.
pub fn svg(rows: &[Row], lang: Lang) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        let _ = draw(&root, rows, lang);
        let _ = root.present();
    }
    out
}

/// `None` if plotters could not draw (it cannot fail on a string, but says it may).
fn draw(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    rows: &[Row],
    lang: Lang,
) -> Option<()> {
    root.fill(&WHITE).ok()?;
    let n = rows.len().max(1);
    let top = rows
        .iter()
        .map(|r| number(r.done).max(r.required.map_or(0.0, number)))
        .fold(1.0_f64, f64::max)
        * 1.15;
    let labels: Vec<String> = rows
        .iter()
        .map(|r| lang.period(r.period, Some(r.span.end)))
        .collect();
    // Window i is centred on x = i; labels go under the round positions the axis
    // picks (every window, or every few when there are many).
    let mut chart = ChartBuilder::on(root)
        .margin(8)
        .x_label_area_size(28)
        .y_label_area_size(44)
        .build_cartesian_2d(-0.5f64..n as f64 - 0.5, 0f64..top)
        .ok()?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .x_labels(n.min(10))
        .x_label_formatter(&|x| {
            let i = x.round();
            match labels.get(i as usize) {
                Some(label) if (x - i).abs() < 1e-6 && i >= 0.0 => label.clone(),
                _ => String::new(),
            }
        })
        // Whole-number ticks for counts: as many as fit, up to six.
        .y_labels((top.floor() as usize + 1).clamp(2, 6))
        .y_label_formatter(&|y| {
            if y.fract() == 0.0 {
                format!("{y:.0}")
            } else {
                format!("{y:.1}")
            }
        })
        .draw()
        .ok()?;
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
    if rows.iter().any(|r| r.required.is_some()) {
        let steps = rows.iter().enumerate().flat_map(|(i, r)| {
            let (x, req) = (i as f64, r.required.map_or(0.0, number));
            [(x - 0.5, req), (x + 0.5, req)]
        });
        chart
            .draw_series(LineSeries::new(steps, BLACK.stroke_width(2)))
            .ok()?;
    }
    Some(())
}
