//! Number formatting shared by the calibration reports: estimates with intervals, counts, ranges.

use crate::calibration::{IntervalEstimate, PublishedFigure};
use crate::report::lang::{Label, Lang};
use crate::report::number::{CSV_NUMBER_SIGNLESS_ZERO, format_number};

/// A published figure's name in `lang`; `served`: the tour's clients as the back-test counts them
/// (those served). English gives the names of the CSV files and calibration.json.
pub(crate) fn figure_name(lang: Lang, figure: PublishedFigure, served: bool) -> &'static str {
    lang.text(match figure {
        PublishedFigure::TourClients if served => Label::FigureTourClientsServed,
        PublishedFigure::TourClients => Label::FigureTourClients,
        PublishedFigure::TourCases => Label::FigureTourCases,
        PublishedFigure::TourInformationUses => Label::FigureTourInformationUses,
        PublishedFigure::YearUses => Label::FigureYearUses,
    })
}

/// `9.07 (8.12–10.1)`: the estimate and its 95 % interval, with `decimals` decimals, in `lang`.
pub(super) fn with_interval(lang: Lang, e: &IntervalEstimate, decimals: usize) -> String {
    format!(
        "{} ({}–{})",
        bounded(lang, e.estimate, decimals),
        bounded(lang, e.ci95_low, decimals),
        upper(lang, e.ci95_high, decimals)
    )
}

/// Above this size a figure is written in powers of ten (`3.3e152`), never as a row of digits.
const LARGEST_PLAIN_FIGURE: f64 = 1e9;

/// `x` with `decimals` decimals, or in powers of ten when it is larger than [`LARGEST_PLAIN_FIGURE`].
fn bounded(lang: Lang, x: f64, decimals: usize) -> String {
    if x.is_finite() && x.abs() > LARGEST_PLAIN_FIGURE {
        let text = format!("{x:.2e}");
        match lang {
            Lang::En => text,
            Lang::Hu => text.replace('.', ","),
        }
    } else {
        lang.plain_number(x, decimals)
    }
}

/// An upper limit: `∞` when there is none.
fn upper(lang: Lang, x: f64, decimals: usize) -> String {
    if x.is_finite() {
        bounded(lang, x, decimals)
    } else {
        "∞".into()
    }
}

/// A parameter as Rust's `{:?}` writes it (`0.5`, `1.0`), with this language's decimal separator.
pub(super) fn debug_number(lang: Lang, x: f64) -> String {
    let text = format!("{x:?}");
    match lang {
        Lang::En => text,
        Lang::Hu => text.replace('.', ","),
    }
}

/// `name = value` pairs of held parameters, joined by commas.
pub(super) fn held_list(lang: Lang, held: &[(String, f64)]) -> String {
    let pairs: Vec<String> = held
        .iter()
        .map(|(k, v)| format!("{k} = {}", debug_number(lang, *v)))
        .collect();
    pairs.join(", ")
}

/// A published range: `3600–3699`, or `400` when exact.
pub(super) fn published_range(low: u64, high: u64) -> String {
    if low == high {
        low.to_string()
    } else {
        format!("{low}–{high}")
    }
}

/// Decimal places of the calibration files' figures.
const CALIBRATION_CSV_DECIMALS: usize = 6;

/// A number for a CSV cell (empty when not finite; a difference of −1e-13 is written without sign).
pub(super) fn cell(x: f64) -> String {
    format_number(x, CALIBRATION_CSV_DECIMALS, &CSV_NUMBER_SIGNLESS_ZERO)
}

/// "yes" or "no", in `lang`.
pub(super) fn yes_no(lang: Lang, b: bool) -> &'static str {
    lang.text(if b { Label::ValueYes } else { Label::ValueNo })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_figure_names_are_the_data_names() {
        use crate::study::calibration::backtest_name;
        for figure in [
            PublishedFigure::TourClients,
            PublishedFigure::TourCases,
            PublishedFigure::TourInformationUses,
            PublishedFigure::YearUses,
        ] {
            assert_eq!(figure_name(Lang::En, figure, false), figure.name());
            assert_eq!(figure_name(Lang::En, figure, true), backtest_name(figure));
        }
    }
}
