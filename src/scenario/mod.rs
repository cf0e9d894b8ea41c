//! Scenarios: the TOML mirror, validation with key paths, and the resolved season the engine runs.
//!
//! The format is documented key by key in the scenario format in the README.

mod baseline;
mod calendar;
mod calibration_section;
mod checks;
mod clients;
mod costs;
mod crew_rules;
mod defaults;
mod demand_section;
mod depot_legs;
mod diagnostic;
mod digest;
mod generate;
mod generated;
mod grid;
mod layers;
mod merge;
mod overrides;
mod parse;
mod parsed;
mod pending;
mod policies;
mod raw;
mod resolve;
mod resolved;
mod serde_words;
mod setting;
mod settings;
mod source;
mod stops;
mod stops_csv;
mod syntax;
mod uncertainty_section;
mod work;

use std::path::{Path, PathBuf};

pub use crate::plan::{
    DEFAULT_DEMAND_DRIVEN, DEFAULT_FIXED_HOURS, DemandDrivenRange, DwellPolicy, NamedPolicy, PolicyChoice,
};
pub use baseline::{BASELINE_2019_NAME, BASELINE_2019_ORIGIN, BASELINE_2019_TOML};
pub use calibration_section::{CalibrationTargets, DEFAULT_TOUR_FROM, DEFAULT_TOUR_TO};
pub use costs::CostRates;
pub use defaults::default_case_mix;
pub use demand_section::DemandRules;
pub use diagnostic::ScenarioError;
pub use digest::digest;
pub use generate::{GenerateRules, VisitSeries};
pub use grid::{Grid, MAX_SWEEP_POINTS, Vary};
pub use layers::MAX_EXTENDS_DEPTH;
pub use overrides::{ScenarioOverrides, VenueOverrides};
pub use parsed::ParsedScenario;
pub use resolved::{DemandOrigin, PendingVisit, Season, SeasonStop, SimulationSettings};
pub use setting::Setting;
pub use uncertainty_section::{DEFAULT_INPUT_DRAWS, MAX_INPUT_DRAWS, MIN_INPUT_DRAWS, UncertaintySection};
// The shared words a scenario is written in, re-exported for the layers above.
pub use crate::vocab::{Diagnostic, Venue, limits};

/// The default scenario's text: the 2020 plan, embedded in the binary.
pub const DEFAULT_SCENARIO_TOML: &str = include_str!("../../scenarios/2020-plan.toml");
/// The name under which the embedded default scenario is reported.
pub const DEFAULT_SCENARIO_ORIGIN: &str = "scenarios/2020-plan.toml (embedded)";

/// Name of the default season (also given in the file).
pub const DEFAULT_SCENARIO_NAME: &str = "2020-plan";

/// A scenario's text with where it came from, read once and resolved as often as needed (once per
/// dwell policy under comparison).
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioText {
    pub text: String,
    /// Names the scenario in messages; its file stem names the season when the TOML has no `name`.
    pub origin: String,
    /// Folder that relative paths in the scenario are resolved from (`None`: it may not name files).
    pub base_dir: Option<PathBuf>,
    /// `--set KEY=VALUE` values laid over the scenario (and the files it extends), in order.
    pub settings: Vec<Setting>,
}

impl ScenarioText {
    /// Reads a scenario file; relative paths in it are resolved from its folder.
    pub fn read(path: impl AsRef<Path>) -> Result<Self, ScenarioError> {
        let path = path.as_ref();
        let origin = path.display().to_string();
        let text = crate::vocab::text_file::read_text(path, limits::MAX_SCENARIO_BYTES).map_err(|e| ScenarioError {
            diagnostics: vec![Diagnostic {
                file: origin.clone(),
                line: None,
                column: None,
                key: String::new(),
                message: format!("cannot read the scenario: {e}"),
                help: None,
            }],
        })?;
        let base_dir = path.parent().map(|p| {
            if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p.to_path_buf()
            }
        });
        Ok(Self {
            text,
            origin,
            base_dir,
            settings: Vec::new(),
        })
    }

    /// The embedded 2020 plan.
    pub fn embedded_default() -> Self {
        Self {
            text: DEFAULT_SCENARIO_TOML.to_string(),
            origin: DEFAULT_SCENARIO_ORIGIN.to_string(),
            base_dir: None,
            settings: Vec::new(),
        }
    }

    /// The same scenario with `settings` laid over it (after its own `--set` values).
    pub fn with_settings(mut self, settings: &[Setting]) -> Self {
        self.settings.extend_from_slice(settings);
        self
    }

    /// Parses and validates the scenario in one go ([`ParsedScenario::resolve`]); a command that
    /// resolves several variants parses once with [`Self::parse`] instead.
    pub fn resolve(&self, dwell: Option<&DwellPolicy>) -> Result<Season, ScenarioError> {
        self.parse().resolve(dwell)
    }
}

/// Reads and validates a scenario file; relative paths in it are resolved from its folder.
pub fn load_file(path: impl AsRef<Path>) -> Result<Season, ScenarioError> {
    ScenarioText::read(path)?.resolve(None)
}

/// Validates scenario text. `origin_name` names it in messages and, by its file stem, names the
/// season when the TOML has no `name`; relative paths are resolved from `base_dir` (`None`: the
/// scenario may not name other files).
pub fn load_str(src: &str, origin_name: &str, base_dir: Option<&Path>) -> Result<Season, ScenarioError> {
    let text = ScenarioText {
        text: src.to_string(),
        origin: origin_name.to_string(),
        base_dir: base_dir.map(Path::to_path_buf),
        settings: Vec::new(),
    };
    text.resolve(None)
}

/// The embedded 2020 plan, resolved. It is checked by the tests, so it cannot fail at run time.
pub fn default_scenario() -> Season {
    ScenarioText::embedded_default()
        .resolve(None)
        .unwrap_or_else(|e| panic!("the embedded default scenario is invalid (a build defect):\n{e}"))
}
