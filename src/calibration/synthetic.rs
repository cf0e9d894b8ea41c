//! Synthetic stop logs drawn from known demand parameters, for the parameter-recovery tests.

use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use rand_distr::{Distribution, Gamma, Poisson};

use super::Design;
use super::covariates::{
    DISTANCE_KM, DemandTerms, INTERCEPT, LN_DWELL_HOURS, LN_POPULATION, StopCovariates, demand_design, venue_column,
};
use crate::vocab::Venue;

/// Stops per synthetic log (the issue asks for at least 300).
pub(crate) const SYNTHETIC_STOPS: usize = 300;

/// Known demand parameters and the ranges the synthetic stops are drawn from.
#[derive(Debug, Clone)]
pub(crate) struct SyntheticTruth {
    /// Clients per visit at the reference stop (population 1,000, 3 h, distance 0, municipality).
    pub base_rate: f64,
    pub population_elasticity: f64,
    pub dwell_exponent: f64,
    pub distance_coef_per_km: f64,
    /// Multipliers of the non-reference venues and their shares of stops (municipality takes the rest).
    pub venues: [(Venue, f64, f64); 4],
    pub population_ref: f64,
    pub dwell_ref_hours: f64,
}

impl SyntheticTruth {
    /// Plausible 2019-like values: 3–60 clients per stop, 2–5 h dwell, villages of 250–12,000 people.
    pub(super) fn reference() -> Self {
        Self {
            base_rate: 8.0,
            population_elasticity: 0.5,
            dwell_exponent: 0.6,
            distance_coef_per_km: 0.02,
            venues: [
                (Venue::SocialInstitution, 1.3, 0.15),
                (Venue::School, 0.7, 0.15),
                (Venue::Employer, 2.0, 0.10),
                (Venue::Event, 0.8, 0.05),
            ],
            population_ref: 1000.0,
            dwell_ref_hours: 3.0,
        }
    }

    /// The true regression coefficients by design column name.
    pub(super) fn coefficients(&self) -> Vec<(String, f64)> {
        let intercept = self.base_rate.ln()
            - self.population_elasticity * self.population_ref.ln()
            - self.dwell_exponent * self.dwell_ref_hours.ln();
        let mut coefficients = vec![
            (INTERCEPT.to_string(), intercept),
            (LN_POPULATION.to_string(), self.population_elasticity),
            (LN_DWELL_HOURS.to_string(), self.dwell_exponent),
            (DISTANCE_KM.to_string(), self.distance_coef_per_km),
        ];
        coefficients.extend(self.venues.iter().map(|&(v, m, _)| (venue_column(v), m.ln())));
        coefficients
    }

    /// Expected clients at a stop.
    pub(super) fn mean(&self, stop: &StopCovariates) -> f64 {
        let venue = self
            .venues
            .iter()
            .find(|(v, _, _)| *v == stop.venue)
            .map_or(1.0, |&(_, m, _)| m);
        self.base_rate
            * (stop.population / self.population_ref).powf(self.population_elasticity)
            * (stop.dwell_hours / self.dwell_ref_hours).powf(self.dwell_exponent)
            * (self.distance_coef_per_km * stop.distance_km).exp()
            * venue
    }

    /// One stop: log-uniform population 250–12,000, dwell 2–5 h in half hours, distance 0–35 km, venue by share.
    fn draw_stop(&self, rng: &mut ChaCha8Rng) -> StopCovariates {
        let ln_population = rng.random_range(250f64.ln()..12_000f64.ln());
        let half_hours: u32 = rng.random_range(4..=10);
        let u: f64 = rng.random();
        let mut cumulative = 0.0;
        let mut venue = Venue::Municipality;
        for &(v, _, share) in &self.venues {
            cumulative += share;
            if u < cumulative {
                venue = v;
                break;
            }
        }
        StopCovariates {
            population: ln_population.exp(),
            dwell_hours: f64::from(half_hours) / 2.0,
            distance_km: rng.random_range(0.0..35.0),
            venue,
        }
    }
}

/// A synthetic stop log: stops, their design, counts and the true means.
pub(crate) struct SyntheticLog {
    pub stops: Vec<StopCovariates>,
    pub design: Design,
    pub counts: Vec<f64>,
    pub true_means: Vec<f64>,
}

/// A log with Poisson counts (`shape_k = None`) or Gamma–Poisson counts: λ = μ·G with G ~ Gamma(k, 1/k),
/// so that Var = μ + μ²/k (NB2).
pub(crate) fn synthetic_log(truth: &SyntheticTruth, shape_k: Option<f64>, rng: &mut ChaCha8Rng) -> SyntheticLog {
    let stops: Vec<StopCovariates> = (0..SYNTHETIC_STOPS).map(|_| truth.draw_stop(rng)).collect();
    let true_means: Vec<f64> = stops.iter().map(|s| truth.mean(s)).collect();
    let frailty = shape_k.map(|k| Gamma::new(k, 1.0 / k).unwrap());
    let counts = true_means
        .iter()
        .map(|&mu| {
            let lambda = frailty.as_ref().map_or(mu, |g| mu * g.sample(rng));
            Poisson::new(lambda).unwrap().sample(rng)
        })
        .collect();
    let design = demand_design(&stops, DemandTerms::default()).unwrap();
    SyntheticLog {
        stops,
        design,
        counts,
        true_means,
    }
}

/// A Poisson log's design and counts.
pub(crate) fn poisson_data_set(truth: &SyntheticTruth, rng: &mut ChaCha8Rng) -> (Design, Vec<f64>) {
    let log = synthetic_log(truth, None, rng);
    (log.design, log.counts)
}
