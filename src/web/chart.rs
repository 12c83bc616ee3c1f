//! Bar charts drawn on the server as SVG: readable without JavaScript, printable, and
//! described for screen readers (the figures are also in the table beside each chart).

use std::fmt::Write;

/// Escapes text for SVG.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A bar chart (`id` unique in its page) of `points` (label, value), the axis from 0 to `max` (at least the largest
/// value), each value written with `label_of`.
pub fn bars(
    id: &str,
    title: &str,
    points: &[(String, f64)],
    max: f64,
    label_of: fn(f64) -> String,
) -> String {
    let top = points
        .iter()
        .map(|p| p.1)
        .fold(max, f64::max)
        .max(f64::MIN_POSITIVE);
    let (width, height, left, bottom) = (720.0_f64, 240.0_f64, 48.0_f64, 40.0_f64);
    #[allow(clippy::cast_precision_loss)]
    let step = (width - left) / points.len().max(1) as f64;
    let plot = height - bottom - 10.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-{id}" xmlns="http://www.w3.org/2000/svg"><title id="chart-{id}">{t}</title>"#,
        id = esc(id),
        t = esc(title)
    );
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{y}" x2="{width}" y2="{y}" stroke="#6b7280"/><text x="{x}" y="{ty}" font-size="11" text-anchor="end">{lo}</text><text x="{x}" y="18" font-size="11" text-anchor="end">{hi}</text>"##,
        y = height - bottom,
        x = left - 4.0,
        ty = height - bottom,
        lo = esc(&label_of(0.0)),
        hi = esc(&label_of(top)),
    );
    // Every label would crowd a year of days: about 12 along the axis.
    let every = (points.len() / 12).max(1);
    for (i, (label, value)) in points.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let x = left + step * i as f64;
        let h = (value / top * plot).max(0.0);
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="#0b5cad"><title>{l}: {v}</title></rect>"##,
            y = height - bottom - h,
            w = (step * 0.8).max(1.0),
            l = esc(label),
            v = esc(&label_of(*value)),
        );
        if i % every == 0 {
            let _ = write!(
                svg,
                r#"<text x="{x:.1}" y="{y}" font-size="10">{l}</text>"#,
                y = height - bottom + 14.0,
                l = esc(label.get(5..).unwrap_or(label)),
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_and_labels_escaped() {
        let svg = bars(
            "b",
            "Bookings <all>",
            &[("2026-03-23".into(), 4.0), ("2026-03-24".into(), 2.0)],
            0.0,
            |v| format!("{v}"),
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Bookings &lt;all&gt;"));
        assert_eq!(svg.matches("<rect").count(), 2);
        // The tallest bar fills the plot (240 − 40 − 10 = 190), the other half of it.
        assert!(svg.contains(r#"height="190.0""#) && svg.contains(r#"height="95.0""#));
    }
}
