//! A scenario's text with where it came from, kept so that it can be resolved again with overrides;
//! and the scenarios (and the data files they name) embedded in the binary.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::demand_section::{DemandRules, resolve_demand};
use super::diagnostic::{Diagnostic, Problems, ScenarioError};
use super::overrides::ScenarioOverrides;
use super::parse::parse;
use super::resolve::resolve_with;
use super::resolved::Season;
use super::{DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_ORIGIN, DEFAULT_SCENARIO_TOML};

/// The 2019 baseline (the season calibration fits), embedded in the binary.
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

/// Scenario text ready to resolve, with its origin.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioText {
    text: Cow<'static, str>,
    /// Names the scenario in messages (a path, or "… (embedded)").
    origin: String,
    /// Folder relative file names are resolved from (`None`: embedded; only embedded files).
    base_dir: Option<PathBuf>,
    /// Season name when the text has no `name`.
    default_name: String,
}

impl ScenarioText {
    /// Reads a scenario file.
    pub fn read(path: &Path) -> Result<Self, ScenarioError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ScenarioError {
            diagnostics: vec![Diagnostic {
                file: origin.clone(),
                line: None,
                column: None,
                key: String::new(),
                message: format!("cannot read the scenario: {e}"),
                help: None,
            }],
        })?;
        let base_dir = path
            .parent()
            .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
            .map(Path::to_path_buf);
        let default_name = path.file_stem().and_then(|s| s.to_str()).unwrap_or(&origin).to_string();
        Ok(Self {
            text: Cow::Owned(text),
            origin,
            base_dir,
            default_name,
        })
    }

    /// The embedded 2020 plan (the default scenario of `run`).
    pub fn embedded_2020_plan() -> Self {
        Self::embedded(DEFAULT_SCENARIO_TOML, DEFAULT_SCENARIO_ORIGIN, DEFAULT_SCENARIO_NAME)
    }

    /// The embedded 2019 baseline with its stops CSV (the default scenario of `calibrate`).
    pub fn embedded_2019_baseline() -> Self {
        Self::embedded(BASELINE_2019_TOML, BASELINE_2019_ORIGIN, BASELINE_2019_NAME)
    }

    fn embedded(text: &'static str, origin: &str, name: &str) -> Self {
        Self {
            text: Cow::Borrowed(text),
            origin: origin.to_string(),
            base_dir: None,
            default_name: name.to_string(),
        }
    }

    /// Where the text came from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Validates the scenario.
    pub fn resolve(&self) -> Result<Season, ScenarioError> {
        self.resolve_with(&ScenarioOverrides::default())
    }

    /// The `[demand]` section resolved on its own (the demand model and the counts' dispersion), with
    /// some values replaced: what the season's expected clients were computed with.
    pub fn demand_rules(&self, overrides: &ScenarioOverrides) -> Result<DemandRules, ScenarioError> {
        let mut problems = Problems::new(&self.origin, &self.text);
        let rules = parse(&self.text, &mut problems).and_then(|mut raw| {
            overrides.apply(&mut raw);
            raw.demand.as_ref().and_then(|d| resolve_demand(d, &mut problems))
        });
        problems.finish_option(rules)
    }

    /// Validates the scenario with some of its values replaced.
    pub fn resolve_with(&self, overrides: &ScenarioOverrides) -> Result<Season, ScenarioError> {
        resolve_with(
            &self.text,
            &self.origin,
            self.base_dir.as_deref(),
            &self.default_name,
            overrides,
        )
    }
}
