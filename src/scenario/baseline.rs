//! The 2019 baseline embedded in the binary (the default scenario of `ablakbusz calibrate`), with the
//! one data file it names, so that calibration runs with no files at all.

use super::ScenarioText;

/// The 2019 baseline's text.
pub const BASELINE_2019_TOML: &str = include_str!("../../scenarios/2019-baseline.toml");
/// The name under which the embedded 2019 baseline is reported.
pub const BASELINE_2019_ORIGIN: &str = "scenarios/2019-baseline.toml (embedded)";
/// Name of the 2019 baseline season (also given in the file).
pub const BASELINE_2019_NAME: &str = "2019-baseline";

/// Data files an embedded scenario may name by their relative name (it has no folder to read from).
const EMBEDDED_FILES: [(&str, &str); 1] = [("2019-stops.csv", include_str!("../../scenarios/2019-stops.csv"))];

/// The text of the embedded data file `name`, if there is one.
pub(super) fn embedded_file(name: &str) -> Option<&'static str> {
    EMBEDDED_FILES.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

impl ScenarioText {
    /// The embedded 2019 baseline with its stops CSV.
    pub fn embedded_2019_baseline() -> Self {
        Self {
            text: BASELINE_2019_TOML.to_string(),
            origin: BASELINE_2019_ORIGIN.to_string(),
            base_dir: None,
            settings: Vec::new(),
        }
    }
}
