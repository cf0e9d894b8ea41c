//! Values that replace what a scenario file says, applied before validation: the calibrated
//! parameters of a back-test, or the held parameters of a sensitivity analysis.

use super::parse::RawScenario;

/// Keys to override; `None` keeps the file's value (or its default).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ScenarioOverrides {
    /// `demand.base_rate`, clients per reference visit.
    pub base_rate: Option<f64>,
    /// `demand.population_elasticity`.
    pub population_elasticity: Option<f64>,
    /// `demand.dwell_exponent`.
    pub dwell_exponent: Option<f64>,
    /// `clients.errands_per_client`.
    pub errands_per_client: Option<f64>,
    /// `clients.information_share`: share of errands that are information only.
    pub information_share: Option<f64>,
}

impl ScenarioOverrides {
    /// Writes the overridden values into the scenario as read (sections that could not be read stay
    /// as they are: their problems are reported anyway).
    pub(super) fn apply(&self, raw: &mut RawScenario) {
        if let Some(demand) = raw.demand.as_mut() {
            demand.base_rate = self.base_rate.or(demand.base_rate);
            demand.population_elasticity = self.population_elasticity.or(demand.population_elasticity);
            demand.dwell_exponent = self.dwell_exponent.or(demand.dwell_exponent);
        }
        if let Some(clients) = raw.clients.as_mut() {
            clients.errands_per_client = self.errands_per_client.or(clients.errands_per_client);
            clients.information_share = self.information_share.or(clients.information_share);
        }
    }
}
