//! The embedded DejaVu Sans faces, registered once with plotters (no system fonts are used).

use std::sync::OnceLock;

use plotters::style::{FontStyle, register_font};

use super::ChartError;

/// The family name charts use; plotters' axis labels default to it.
pub(super) const FONT_FAMILY: &str = "sans-serif";

static DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

static REGISTERED: OnceLock<bool> = OnceLock::new();

/// Registers the regular and bold faces under [`FONT_FAMILY`]; later calls do nothing.
/// Without this, any text fails with `FontUnavailable`, in SVG too (layout needs glyph metrics).
pub(super) fn register() -> Result<(), ChartError> {
    let ok = *REGISTERED.get_or_init(|| {
        register_font(FONT_FAMILY, FontStyle::Normal, DEJAVU_SANS).is_ok()
            && register_font(FONT_FAMILY, FontStyle::Bold, DEJAVU_SANS_BOLD).is_ok()
    });
    if ok { Ok(()) } else { Err(ChartError::Font) }
}
