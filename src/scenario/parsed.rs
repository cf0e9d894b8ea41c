//! A scenario parsed once per command and resolved as often as needed: under each dwell policy,
//! each held value of a sensitivity analysis, the calibrated parameters of a back-test.

use std::path::Path;

use super::diagnostic::ScenarioError;
use super::overrides::ScenarioOverrides;
use super::resolve::{Parsed, parse_text, resolve_parsed, resolve_uncertainty_parsed};
use super::resolved::Season;
use super::uncertainty_section::UncertaintySection;
use super::{DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_ORIGIN, ScenarioText};
use crate::plan::DwellPolicy;

/// A scenario's text with its parsed form; every season resolved from it reports the same
/// problems, at the same places, as resolving the text afresh.
#[derive(Debug, Clone)]
pub struct ParsedScenario {
    /// The text as read, with where it came from.
    pub source: ScenarioText,
    parsed: Parsed,
}

impl ScenarioText {
    /// Parses the text once (syntax and the shape of every section); resolving comes after.
    pub fn parse(&self) -> ParsedScenario {
        ParsedScenario {
            parsed: parse_text(self),
            source: self.clone(),
        }
    }
}

impl ParsedScenario {
    /// Validates the scenario into a season; `dwell` replaces the dwell of every settlement stop
    /// (a policy under comparison; `None`: as written).
    pub fn resolve(&self, dwell: Option<&DwellPolicy>) -> Result<Season, ScenarioError> {
        self.resolve_with(dwell, &ScenarioOverrides::default())
    }

    /// [`Self::resolve`] with some of the scenario's values replaced (calibrated parameters, the
    /// held parameters of a sensitivity analysis).
    pub fn resolve_with(
        &self,
        dwell: Option<&DwellPolicy>,
        overrides: &ScenarioOverrides,
    ) -> Result<Season, ScenarioError> {
        let source = &self.source;
        resolve_parsed(
            &self.parsed,
            source.base_dir.as_deref(),
            default_name(&source.origin),
            dwell,
            overrides,
        )
    }

    /// The `[uncertainty]` section (its default when the file has none).
    pub fn uncertainty(&self) -> Result<UncertaintySection, ScenarioError> {
        let source = &self.source;
        resolve_uncertainty_parsed(&self.parsed, source.base_dir.as_deref())
    }

    /// Names the scenario in messages.
    pub fn origin(&self) -> &str {
        &self.source.origin
    }
}

/// The season's name when the TOML has none: the file stem of `origin` (the embedded plan's own name).
fn default_name(origin: &str) -> &str {
    if origin == DEFAULT_SCENARIO_ORIGIN {
        DEFAULT_SCENARIO_NAME
    } else {
        Path::new(origin).file_stem().and_then(|s| s.to_str()).unwrap_or(origin)
    }
}
