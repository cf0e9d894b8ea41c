//! Test helpers: PNG header checks, SVG text search, and an optional dump of charts for eyeballing.

use super::Chart;

/// The 8-byte PNG signature.
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

/// Width and height from the PNG's IHDR chunk (bytes 16..20 and 20..24, big-endian).
pub(super) fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.len() > 24, "PNG too short: {} bytes", png.len());
    assert_eq!(png[..8], PNG_SIGNATURE, "not a PNG");
    assert_eq!(&png[12..16], b"IHDR", "first chunk is not IHDR");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    (width, height)
}

/// Share of pixels that are not white, from the decoded PNG (a blank chart gives 0).
pub(super) fn inked_share(png: &[u8]) -> f64 {
    let image = image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .expect("PNG decodes")
        .to_rgb8();
    let inked = image.pixels().filter(|p| p.0 != [255, 255, 255]).count();
    inked as f64 / (f64::from(image.width()) * f64::from(image.height()))
}

/// `text` as plotters' SVG backend escapes it.
pub(super) fn svg_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// Asserts the common properties of every chart: a PNG of the stated size with some ink, and an
/// SVG of the same size containing each of `texts`. `variant` names the dump file (e.g. `hu`).
pub(super) fn assert_chart(chart: &Chart, size_px: (u32, u32), texts: &[&str], variant: &str) {
    assert_eq!(png_size(&chart.png), size_px, "{}: PNG size", chart.name);
    assert_eq!((chart.width_px, chart.height_px), size_px);
    let inked = inked_share(&chart.png);
    assert!(inked > 0.01, "{}: PNG almost blank ({inked})", chart.name);
    let svg_head = format!("width=\"{}\" height=\"{}\"", size_px.0, size_px.1);
    assert!(chart.svg.contains(&svg_head), "{}: SVG size", chart.name);
    for text in texts {
        assert!(
            chart.svg.contains(&svg_escaped(text)),
            "{}: SVG lacks {text:?}",
            chart.name
        );
    }
    dump(chart, variant);
}

/// Writes the chart to `$ABLAKBUSZ_CHART_DUMP/<name>-<variant>.png|svg` when that variable is set,
/// so that a person can look at the pictures; tests never read these files back.
fn dump(chart: &Chart, variant: &str) {
    let Some(dir) = std::env::var_os("ABLAKBUSZ_CHART_DUMP") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("dump folder");
    let stem = format!("{}-{variant}", chart.name);
    std::fs::write(dir.join(format!("{stem}.png")), &chart.png).expect("dump png");
    std::fs::write(dir.join(format!("{stem}.svg")), &chart.svg).expect("dump svg");
}
