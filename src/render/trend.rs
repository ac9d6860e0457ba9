//! An indicator's chart: its values period by period as a line with dots, the
//! baseline and the target as horizontal lines, axis titles and a legend (SVG).

use super::chart::{Area, Axes, Plot, WIDTH, number, plot};
use crate::amount::Amount;
use crate::compliance::IndicatorRow;
use crate::i18n::Lang;
use plotters::prelude::*;

const LEGEND_WIDTH: u32 = 130;
const VALUE: RGBColor = RGBColor(21, 101, 192);
const BASELINE: RGBColor = RGBColor(97, 97, 97);
const TARGET: RGBColor = RGBColor(46, 125, 50);

pub fn svg(rows: &[IndicatorRow], lang: Lang, axes: &Axes<'_>) -> String {
    super::chart::drawn(|root| draw(root, rows, lang, axes))
}

fn draw(root: &Area<'_>, rows: &[IndicatorRow], lang: Lang, axes: &Axes<'_>) -> Option<()> {
    let (plot_area, side) = root.split_horizontally(WIDTH - LEGEND_WIDTH);
    let first = rows.first();
    let (baseline, target) = (
        first.and_then(|r| r.baseline).map(number),
        first.and_then(|r| r.target).map(number),
    );
    let values = rows.iter().filter_map(|r| r.value.map(number));
    let all: Vec<f64> = values.chain(baseline).chain(target).collect();
    let high = all.iter().copied().fold(1.0_f64, f64::max) * 1.15;
    let low = all.iter().copied().fold(0.0_f64, f64::min);
    let labels: Vec<String> = rows.iter().map(IndicatorRow::label).collect();
    let mut chart = plot(&plot_area, &labels, axes, low..high, 6, &|y| {
        lang.number(Amount::from_micros((y * 1e6).round() as i64))
    })?;
    lines(&mut chart, rows, baseline, target)?;
    legend(&side, lang, baseline.is_some(), target.is_some())
}

/// The baseline and target as dashed lines across, the values as a line with dots.
fn lines(
    chart: &mut Plot<'_, '_>,
    rows: &[IndicatorRow],
    baseline: Option<f64>,
    target: Option<f64>,
) -> Option<()> {
    let n = rows.len().max(1);
    let across = |y: f64| [(-0.5, y), (n as f64 - 0.5, y)];
    if let Some(b) = baseline {
        chart
            .draw_series(DashedLineSeries::new(
                across(b),
                6,
                4,
                BASELINE.stroke_width(2),
            ))
            .ok()?;
    }
    if let Some(t) = target {
        chart
            .draw_series(DashedLineSeries::new(
                across(t),
                10,
                4,
                TARGET.stroke_width(2),
            ))
            .ok()?;
    }
    // A period without a value breaks the line rather than joining across it.
    let points: Vec<(f64, Option<f64>)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (i as f64, r.value.map(number)))
        .collect();
    for run in points.split(|(_, v)| v.is_none()) {
        let run: Vec<(f64, f64)> = run.iter().filter_map(|(x, v)| Some((*x, (*v)?))).collect();
        chart
            .draw_series(LineSeries::new(run.clone(), VALUE.stroke_width(2)))
            .ok()?;
        chart
            .draw_series(run.into_iter().map(|p| Circle::new(p, 4, VALUE.filled())))
            .ok()?;
    }
    Some(())
}

fn legend(
    side: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    lang: Lang,
    baseline: bool,
    target: bool,
) -> Option<()> {
    let w = lang.words();
    let font = ("sans-serif", 15).into_font();
    let entries = [
        (true, w.value, VALUE),
        (baseline, w.baseline, BASELINE),
        (target, w.target, TARGET),
    ];
    let mut y = 20;
    for (_, label, colour) in entries.into_iter().filter(|(shown, ..)| *shown) {
        side.draw(&PathElement::new([(4, y), (18, y)], colour.stroke_width(2)))
            .ok()?;
        side.draw(&Text::new(label, (24, y - 7), font.clone()))
            .ok()?;
        y += 20;
    }
    Some(())
}
