//! Line charts of shares (0–100 %) drawn as SVG on the server by `plotters` (its SVG
//! back end only). A value of `None` (fewer than five answers) leaves a gap in its
//! line, never a 0 %. The SVG is drawn on a small canvas and scales with its box
//! (`viewBox`; the style sheet gives it `width: 100%`); it uses presentation
//! attributes only, which the pages' CSP (`style-src 'self'`) allows. plotters
//! escapes every text it writes, so labels may hold any name.

use plotters::prelude::*;

/// The canvas: small enough that its text stays readable on a phone.
const SIZE: (u32, u32) = (440, 270);
/// Text size on the canvas (plotters writes 1/1.24 of it as the SVG font size).
const TEXT: f64 = 20.0;
/// The charts' text colour (the pages' ink).
const INK: RGBColor = RGBColor(0x1b, 0x1f, 0x1d);
/// The grid's colour.
const GRID: RGBColor = RGBColor(0xc9, 0xd0, 0xcb);

/// The mark on each point of a line, so lines differ by more than their colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// A filled circle.
    Circle,
    /// A filled triangle.
    Triangle,
}

/// One line: a value per point of the x axis.
#[derive(Clone, Debug)]
pub struct Line {
    /// Its colour, `#rrggbb` in the page's legend; the same in the SVG.
    pub colour: (u8, u8, u8),
    /// The mark on its points.
    pub marker: Marker,
    /// A share in percent per point, `None` for a gap.
    pub values: Vec<Option<f64>>,
}

/// What a chart shows.
#[derive(Clone, Debug)]
pub struct LineChart<'a> {
    /// The caption drawn at the top (a group's name, say); empty for none.
    pub caption: &'a str,
    /// The label of each point of the x axis (only some are written).
    pub x_labels: &'a [String],
    /// The x axis' description.
    pub x_desc: &'a str,
    /// The y axis' description.
    pub y_desc: &'a str,
    /// The lines.
    pub lines: &'a [Line],
}

/// The chart as an `<svg>` element with `role="img"`, named by the element with id
/// `labelled_by`; an error says what plotters could not draw.
pub fn svg(chart: &LineChart<'_>, labelled_by: &str) -> Result<String, String> {
    // A chart that the library cannot draw (a panic inside it included) is an
    // error the page leaves out, never a failed answer.
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut out = String::new();
        draw(chart, &mut out)
            .map(|()| out)
            .map_err(|e| format!("cannot draw a chart: {e}"))
    }));
    let out = drawn.map_err(|_| "the charting library failed while drawing".to_owned())??;
    let opening = format!("<svg width=\"{}\" height=\"{}\" ", SIZE.0, SIZE.1);
    let Some(rest) = out.strip_prefix(&opening) else {
        return Err("the chart's SVG does not start as expected".into());
    };
    // The id is made by the page (ASCII letters, digits and dashes), never from data.
    let id: String = labelled_by
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Ok(format!(
        "<svg class=\"chart__svg\" role=\"img\" aria-labelledby=\"{id}\" focusable=\"false\" \
         preserveAspectRatio=\"xMidYMid meet\" {rest}"
    ))
}

fn draw(chart: &LineChart<'_>, out: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    // An x axis of whole points on a real scale: plotters' integer axes can
    // overflow while choosing their labels.
    let points = chart.x_labels.len().max(2);
    let last = points as f64 - 0.5;
    let root = SVGBackend::with_string(out, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let mut builder = ChartBuilder::on(&root);
    builder
        .margin_top(8)
        .margin_right(18)
        .margin_left(4)
        .margin_bottom(4)
        .x_label_area_size(52)
        .y_label_area_size(66);
    if !chart.caption.is_empty() {
        builder.caption(chart.caption, ("sans-serif", TEXT).into_font().color(&INK));
    }
    let mut plot = builder.build_cartesian_2d(-0.5f64..last, 0f64..100f64)?;
    let x_label = |x: &f64| {
        if x.fract().abs() > 1e-9 || *x < 0.0 {
            return String::new();
        }
        chart
            .x_labels
            .get(x.round() as usize)
            .cloned()
            .unwrap_or_default()
    };
    let y_label = |y: &f64| format!("{y:.0} %");
    plot.configure_mesh()
        .disable_x_mesh()
        .x_labels(5)
        .y_labels(5)
        .max_light_lines(0)
        .bold_line_style(GRID.stroke_width(1))
        .axis_style(INK.stroke_width(1))
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .x_desc(chart.x_desc)
        .y_desc(chart.y_desc)
        .label_style(("sans-serif", TEXT).into_font().color(&INK))
        .axis_desc_style(("sans-serif", TEXT).into_font().color(&INK))
        .draw()?;
    for line in chart.lines {
        let colour = RGBColor(line.colour.0, line.colour.1, line.colour.2);
        for run in runs(&line.values) {
            if run.len() > 1 {
                plot.draw_series(LineSeries::new(run.iter().copied(), colour.stroke_width(3)))?;
            }
        }
        let shown = line
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| Some((i as f64, (*v)?)));
        match line.marker {
            Marker::Circle => {
                plot.draw_series(shown.map(|p| Circle::new(p, 4, colour.filled())))?;
            }
            Marker::Triangle => {
                plot.draw_series(shown.map(|p| TriangleMarker::new(p, 5, colour.filled())))?;
            }
        }
    }
    root.present()?;
    Ok(())
}

/// The unbroken stretches of a line: consecutive points that have a value.
fn runs(values: &[Option<f64>]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for (i, value) in values.iter().enumerate() {
        match value {
            Some(v) => run.push((i as f64, *v)),
            None => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart_with(values: Vec<Option<f64>>, caption: &str) -> String {
        let labels: Vec<String> = (0..values.len()).map(|i| format!("w{i}")).collect();
        let lines = [Line {
            colour: (0x0b, 0x5d, 0x52),
            marker: Marker::Circle,
            values,
        }];
        svg(
            &LineChart {
                caption,
                x_labels: &labels,
                x_desc: "week",
                y_desc: "share",
                lines: &lines,
            },
            "chart-1",
        )
        .unwrap()
    }

    #[test]
    fn a_gap_splits_the_line() {
        assert_eq!(
            runs(&[Some(1.0), Some(2.0), None, Some(3.0), Some(4.0), None]),
            vec![vec![(0.0, 1.0), (1.0, 2.0)], vec![(3.0, 3.0), (4.0, 4.0)]]
        );
        let svg = chart_with(
            vec![Some(50.0), Some(60.0), None, Some(70.0), Some(80.0)],
            "",
        );
        let lines = svg
            .lines()
            .filter(|l| l.starts_with("<polyline") && l.contains("stroke=\"#0B5D52\""))
            .count();
        assert_eq!(lines, 2, "{svg}");
        assert!(
            svg.starts_with("<svg class=\"chart__svg\" role=\"img\""),
            "{svg}"
        );
        assert!(svg.contains("viewBox=\"0 0 440 270\""), "{svg}");
        assert!(
            !svg.contains("style="),
            "the CSP forbids style attributes: {svg}"
        );
    }

    #[test]
    fn markup_in_a_caption_stays_text() {
        let svg = chart_with(vec![Some(50.0), Some(60.0)], "<script>alert(1)</script>");
        assert!(!svg.contains("<script"), "{svg}");
        assert!(
            svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{svg}"
        );
    }
}
