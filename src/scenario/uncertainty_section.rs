//! `[uncertainty]`: how many outer draws of the demand parameters a run simulates, and which fit they come from.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::demand_section::resolve_path;
use super::diagnostic::Problems;

/// Outer draws of the demand parameters when neither `--input-uncertainty N` nor
/// `uncertainty.input_draws` gives a number. 32 draws estimate the parameters' share of the
/// variance with a relative standard error of about √(2/31) ≈ 25 % (a χ² with 31 degrees of
/// freedom), and put 32 × 16 = 512 replications into the predictive range (docs/uncertainty.md).
pub const DEFAULT_INPUT_DRAWS: u32 = 32;
/// Fewest outer draws: two are needed for a variance between draws.
pub const MIN_INPUT_DRAWS: u32 = 2;
/// Most outer draws: 1,000 draws × 16 replications is 16,000 replications of the season, the
/// order of the run's replication ceiling (minutes on the 2020 plan).
pub const MAX_INPUT_DRAWS: u32 = 1000;

/// `[uncertainty]` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUncertainty {
    pub input_draws: Option<u32>,
    pub stop_log: Option<String>,
}

/// `[uncertainty]` validated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UncertaintySection {
    /// `input_draws`: outer draws; `Some` turns parameter uncertainty on for `run` and `report`.
    pub input_draws: Option<u32>,
    /// `stop_log`: the log whose fit the draws come from (`None`: the totals fit of the embedded
    /// 2019 baseline to the 2019 figures).
    pub stop_log: Option<PathBuf>,
}

/// Checks `[uncertainty]`; relative paths are resolved from `base_dir`.
pub(super) fn resolve_uncertainty(
    raw: &RawUncertainty,
    base_dir: Option<&Path>,
    problems: &mut Problems<'_>,
) -> Option<UncertaintySection> {
    let mut ok = true;
    if let Some(n) = raw
        .input_draws
        .filter(|n| !(MIN_INPUT_DRAWS..=MAX_INPUT_DRAWS).contains(n))
    {
        problems.at(
            "uncertainty.input_draws",
            format!("must be between {MIN_INPUT_DRAWS} and {MAX_INPUT_DRAWS} outer draws, got {n}"),
            Some(format!("the default is {DEFAULT_INPUT_DRAWS}")),
        );
        ok = false;
    }
    let stop_log = match raw.stop_log.as_deref() {
        Some(name) => {
            let path = resolve_path(name, base_dir, "uncertainty.stop_log", problems);
            ok &= path.is_some();
            path
        }
        None => None,
    };
    ok.then_some(UncertaintySection {
        input_draws: raw.input_draws,
        stop_log,
    })
}
