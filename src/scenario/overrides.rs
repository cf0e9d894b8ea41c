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
    /// `demand.distance_coef_per_km`, 1/km.
    pub distance_coef_per_km: Option<f64>,
    /// `demand.reference_dwell_hours`, hours.
    pub reference_dwell_hours: Option<f64>,
    /// `demand.dispersion_shape` (negative-binomial k).
    pub dispersion_shape: Option<f64>,
    /// `[demand.venue]` multipliers.
    pub venue: VenueOverrides,
}

/// `[demand.venue]` multipliers to override; `None` keeps the file's value.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct VenueOverrides {
    pub municipality: Option<f64>,
    pub social_institution: Option<f64>,
    pub school: Option<f64>,
    pub employer: Option<f64>,
    pub event: Option<f64>,
}

impl VenueOverrides {
    /// The override of `venue`'s multiplier.
    pub fn set(&mut self, venue: crate::vocab::Venue, multiplier: f64) {
        use crate::vocab::Venue;
        let slot = match venue {
            Venue::Municipality => &mut self.municipality,
            Venue::SocialInstitution => &mut self.social_institution,
            Venue::School => &mut self.school,
            Venue::Employer => &mut self.employer,
            Venue::Event => &mut self.event,
        };
        *slot = Some(multiplier);
    }

    fn any(&self) -> bool {
        *self != Self::default()
    }
}

impl ScenarioOverrides {
    /// Writes the overridden values into the scenario as read (sections that could not be read stay
    /// as they are: their problems are reported anyway).
    pub(super) fn apply(&self, raw: &mut RawScenario) {
        if let Some(demand) = raw.demand.as_mut() {
            demand.base_rate = self.base_rate.or(demand.base_rate);
            demand.population_elasticity = self.population_elasticity.or(demand.population_elasticity);
            demand.dwell_exponent = self.dwell_exponent.or(demand.dwell_exponent);
            demand.distance_coef_per_km = self.distance_coef_per_km.or(demand.distance_coef_per_km);
            demand.reference_dwell_hours = self.reference_dwell_hours.or(demand.reference_dwell_hours);
            demand.dispersion_shape = self.dispersion_shape.or(demand.dispersion_shape);
            if self.venue.any() {
                let venue = demand.venue.get_or_insert_with(Default::default);
                let v = &self.venue;
                venue.municipality = v.municipality.or(venue.municipality);
                venue.social_institution = v.social_institution.or(venue.social_institution);
                venue.school = v.school.or(venue.school);
                venue.employer = v.employer.or(venue.employer);
                venue.event = v.event.or(venue.event);
            }
        }
        if let Some(clients) = raw.clients.as_mut() {
            clients.errands_per_client = self.errands_per_client.or(clients.errands_per_client);
            clients.information_share = self.information_share.or(clients.information_share);
        }
    }
}
