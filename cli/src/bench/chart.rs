//! `--svg`: cycles per call as bars, one group per function, one bar per run, coloured by
//! the emitter the function ran as. When the figures span more than a factor of 30 the
//! axis is logarithmic (bars are drawn on log10 of the figure).

use anyhow::{anyhow, Result};
use plotters::{
    coord::Shift,
    prelude::*,
    style::text_anchor::{HPos, Pos, VPos},
};

use super::{report::Report, CLOCK_MHZ};
use crate::profile::Emitter;

fn colour(e: Emitter) -> RGBColor {
    match e {
        Emitter::Bytecode => RGBColor(0x4e, 0x79, 0xa7),
        Emitter::Native => RGBColor(0xf2, 0x8e, 0x2b),
        Emitter::Viper => RGBColor(0x59, 0xa1, 0x4f),
        Emitter::Asm => RGBColor(0xb0, 0x7a, 0xa1),
    }
}

/// The chart as SVG text.
pub fn svg(report: &Report) -> Result<Vec<u8>> {
    let mut names: Vec<&str> = Vec::new();
    for r in &report.rows {
        if !names.contains(&r.function.as_str()) {
            names.push(&r.function);
        }
    }
    let runs = report.endings.len();
    let slots = runs + 1;
    let longest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let slot_px = (longest * 7 + 12).div_ceil(slots).max(26) as u32;
    let size = (140 + (names.len() * slots) as u32 * slot_px, 460);
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, size).into_drawing_area();
        draw(&root, report, &names).map_err(|e| anyhow!("cannot draw the chart: {e}"))?;
        root.present()
            .map_err(|e| anyhow!("cannot draw the chart: {e}"))?;
    }
    Ok(text.into_bytes())
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

fn draw(root: &Area, report: &Report, names: &[&str]) -> DrawResult {
    root.fill(&WHITE)?;
    let runs: Vec<&str> = report.endings.iter().map(|e| e.run).collect();
    let slots = runs.len() + 1;
    let values: Vec<f64> = report.rows.iter().filter_map(|r| r.per_call()).collect();
    let (lo, hi) = values
        .iter()
        .fold((f64::MAX, 0f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let log = !values.is_empty() && hi / lo.max(1.0) > 30.0;
    let y = |v: f64| if log { v.max(1.0).log10() } else { v };
    let y_range = if log {
        // A decade below the smallest when it is near one, so its bar shows.
        let bottom = (y(lo) - 0.3).floor().max(0.0);
        bottom..y(hi).ceil().max(bottom + 1.0)
    } else {
        0.0..(hi * 1.15).max(1.0)
    };
    let mode = if report.sweep {
        "per emitter"
    } else {
        "as written"
    };
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!("{}: cycles per call ({mode})", report.script),
            ("sans-serif", 18),
        )
        .margin(12)
        .x_label_area_size(56)
        .y_label_area_size(80)
        .build_cartesian_2d(-0.5..(names.len() * slots) as f64 - 0.5, y_range.clone())?;
    let decades = (y_range.end - y_range.start) as usize + 1;
    let label = |v: &f64| {
        if !log {
            format!("{v:.0}")
        } else if (v - v.round()).abs() < 1e-9 {
            format!("{:.0}", 10f64.powf(*v))
        } else {
            String::new()
        }
    };
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .x_labels(0)
        .y_label_formatter(&label)
        .y_desc(if log {
            format!("cycles per call (log scale; µs = cycles / {CLOCK_MHZ})")
        } else {
            format!("cycles per call (µs = cycles / {CLOCK_MHZ})")
        });
    if log {
        mesh.y_labels(decades);
    }
    mesh.draw()?;

    let small = TextStyle::from(("sans-serif", 11).into_font());
    let base = y_range.start;
    for (i, name) in names.iter().enumerate() {
        let left = (i * slots) as f64;
        for (j, run) in runs.iter().enumerate() {
            let Some(row) = report
                .rows
                .iter()
                .find(|r| r.function == *name && r.run == *run)
            else {
                continue;
            };
            let x = left + j as f64;
            let (px, py) = match row.per_call() {
                Some(v) => {
                    chart.draw_series([Rectangle::new(
                        [(x - 0.4, base), (x + 0.4, y(v))],
                        colour(row.emitter).filled(),
                    )])?;
                    let value = row
                        .exact_per_call()
                        .map_or_else(|| format!("{v:.1}"), |c| c.to_string());
                    let (px, py) = chart.backend_coord(&(x, y(v)));
                    root.draw(&Text::new(
                        value,
                        (px, py - 3),
                        small.pos(Pos::new(HPos::Center, VPos::Bottom)),
                    ))?;
                    continue;
                }
                None => chart.backend_coord(&(x, base)),
            };
            let why = if row.figures.is_err() {
                "rejected"
            } else {
                "not called"
            };
            root.draw(&Text::new(
                why,
                (px, py - 4),
                small
                    .transform(FontTransform::Rotate270)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        let centre = left + (runs.len() as f64 - 1.0) / 2.0;
        let (px, py) = chart.backend_coord(&(centre, base));
        root.draw(&Text::new(
            name.to_string(),
            (px, py + 8),
            TextStyle::from(("sans-serif", 13).into_font()).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }

    // The legend, in a row at the bottom: the emitters the bars show.
    let mut shown: Vec<Emitter> = report
        .rows
        .iter()
        .filter(|r| r.per_call().is_some())
        .map(|r| r.emitter)
        .collect();
    shown.sort();
    shown.dedup();
    let y = root.dim_in_pixel().1 as i32 - 24;
    for (k, e) in shown.into_iter().enumerate() {
        let x = 100 + 90 * k as i32;
        root.draw(&Rectangle::new(
            [(x, y), (x + 12, y + 12)],
            colour(e).filled(),
        ))?;
        root.draw(&Text::new(
            e.name(),
            (x + 18, y + 6),
            TextStyle::from(("sans-serif", 12).into_font()).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(())
}
