//! The line that says how many replications `--precision` chose, and whether it reached the precision.

use super::lang::{FillError, Label, Lang};
use crate::experiment::PrecisionOutcome;

/// "208 replications chosen by --precision: …" (or that the cap was reached first).
pub fn render_precision(lang: Lang, outcome: &PrecisionOutcome) -> Result<String, FillError> {
    let label = if outcome.reached {
        Label::PrecisionChosen
    } else {
        Label::PrecisionCapReached
    };
    label.fill(
        lang,
        &[
            ("replications", &outcome.replications.to_string()),
            ("percent", &lang.plain_number(100.0 * outcome.relative, 1)),
        ],
    )
}
