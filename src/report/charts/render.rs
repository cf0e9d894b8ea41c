//! One drawing, two outputs: runs a chart's drawing code on an in-memory bitmap (then PNG) and SVG.

use image::ImageEncoder;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::error::DrawFailure;
use super::{Chart, ChartError, fonts};
use crate::report::lang::Lang;

/// Bytes per pixel of the RGB buffer plotters draws into.
const RGB_BYTES_PER_PIXEL: usize = 3;

/// A chart's input that knows how to check itself and draw itself on any plotters backend.
pub(super) trait ChartSpec {
    /// File stem of the chart (`queue`, `county-map`...).
    const NAME: &'static str;
    /// Width and height in pixels (also the SVG's size).
    const SIZE_PX: (u32, u32);

    /// This input's width and height in pixels: [`ChartSpec::SIZE_PX`] unless the chart grows with
    /// its input.
    fn size_px(&self) -> (u32, u32) {
        Self::SIZE_PX
    }

    /// Rejects inputs that cannot be drawn, with a clear message.
    fn check(&self) -> Result<(), ChartError>;

    /// Draws the whole chart on `root` (already filled white).
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, lang: Lang) -> Result<(), DrawFailure>;
}

/// Checks the input, then draws it once as SVG and once as PNG.
pub(super) fn render<S: ChartSpec>(spec: &S, lang: Lang) -> Result<Chart, ChartError> {
    fonts::register()?;
    spec.check()?;
    let svg = render_svg(spec, lang).map_err(|f| draw_error::<S>(f))?;
    let rgb = render_rgb(spec, lang).map_err(|f| draw_error::<S>(f))?;
    let png = encode_png(&rgb, spec.size_px()).map_err(|message| ChartError::Png {
        chart: S::NAME,
        message,
    })?;
    Ok(Chart {
        name: S::NAME,
        width_px: spec.size_px().0,
        height_px: spec.size_px().1,
        png,
        svg,
    })
}

fn draw_error<S: ChartSpec>(failure: DrawFailure) -> ChartError {
    ChartError::Draw {
        chart: S::NAME,
        message: failure.0,
    }
}

fn render_svg<S: ChartSpec>(spec: &S, lang: Lang) -> Result<String, DrawFailure> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, spec.size_px()).into_drawing_area();
        draw_on(spec, &root, lang)?;
    }
    Ok(svg)
}

fn render_rgb<S: ChartSpec>(spec: &S, lang: Lang) -> Result<Vec<u8>, DrawFailure> {
    let (w, h) = spec.size_px();
    let mut rgb = vec![0u8; w as usize * h as usize * RGB_BYTES_PER_PIXEL];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        draw_on(spec, &root, lang)?;
    }
    Ok(rgb)
}

fn draw_on<S: ChartSpec, DB: DrawingBackend>(
    spec: &S,
    root: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> Result<(), DrawFailure> {
    use super::error::Drawn;
    root.fill(&WHITE).drawn()?;
    spec.draw(root, lang)?;
    root.present().drawn()
}

/// PNG bytes of an RGB buffer.
fn encode_png(rgb: &[u8], (w, h): (u32, u32)) -> Result<Vec<u8>, String> {
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(rgb, w, h, image::ColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    Ok(png)
}
