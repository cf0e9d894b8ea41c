//! Scenarios: the TOML mirror, validation with key paths, and the resolved season the engine runs.
//!
//! The format is documented key by key in `docs/scenario.md`.

mod calendar;
mod check;
mod checks;
mod clients;
mod defaults;
mod demand_section;
mod diagnostic;
mod digest;
mod generate;
mod generated;
mod parse;
mod raw;
mod resolve;
mod resolved;
mod settings;
mod source;
mod stops;
mod stops_csv;

use std::path::Path;

pub use check::render_check;
pub use defaults::default_case_mix;
pub use demand_section::DemandRules;
pub use diagnostic::{Diagnostic, ScenarioError};
pub use digest::digest;
pub use generate::{DwellPolicy, GenerateRules, VisitSeries};
pub use resolved::{DemandOrigin, Season, SeasonStop, SimulationSettings, Venue};

/// The default scenario's text: the 2020 plan, embedded in the binary.
pub const DEFAULT_SCENARIO_TOML: &str = include_str!("../../scenarios/2020-plan.toml");
/// The name under which the embedded default scenario is reported.
pub const DEFAULT_SCENARIO_ORIGIN: &str = "scenarios/2020-plan.toml (embedded)";

/// Name of the default season (also given in the file).
pub const DEFAULT_SCENARIO_NAME: &str = "2020-plan";

/// Reads and validates a scenario file; relative paths in it are resolved from its folder.
pub fn load_file(path: impl AsRef<Path>) -> Result<Season, ScenarioError> {
    let path = path.as_ref();
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ScenarioError {
        diagnostics: vec![Diagnostic {
            file: file.clone(),
            line: None,
            column: None,
            key: String::new(),
            message: format!("cannot read the scenario: {e}"),
            help: None,
        }],
    })?;
    let base_dir = path
        .parent()
        .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p });
    load_str(&text, &file, base_dir)
}

/// Validates scenario text. `origin_name` names it in messages and, by its file stem, names the
/// season when the TOML has no `name`; relative paths are resolved from `base_dir` (`None`: the
/// scenario may not name other files).
pub fn load_str(src: &str, origin_name: &str, base_dir: Option<&Path>) -> Result<Season, ScenarioError> {
    let stem = Path::new(origin_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(origin_name);
    resolve::resolve(src, origin_name, base_dir, stem)
}

/// The embedded 2020 plan, resolved. It is checked by the tests, so it cannot fail at run time.
pub fn default_scenario() -> Season {
    resolve::resolve(
        DEFAULT_SCENARIO_TOML,
        DEFAULT_SCENARIO_ORIGIN,
        None,
        DEFAULT_SCENARIO_NAME,
    )
    .unwrap_or_else(|e| panic!("the embedded default scenario is invalid (a build defect):\n{e}"))
}
