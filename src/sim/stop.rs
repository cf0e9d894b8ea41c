//! The plain description of one stop-day that the engine simulates (filled by the scenario layer).

use super::SpecError;
use super::closing::{Closing, NoTimeToEnter};
use super::profile::RateProfile;
use super::service::{Duration, Patience};

/// How clients arrive during the dwell.
#[derive(Debug, Clone, PartialEq)]
pub enum Arrivals {
    /// A non-homogeneous Poisson process with this intensity. With `dispersion_shape = Some(k)` the
    /// whole intensity is multiplied, once per replication, by a Gamma(k, 1/k) factor of mean 1, so
    /// that the day's count is negative binomial with variance m + m²/k.
    Poisson {
        profile: RateProfile,
        dispersion_shape: Option<f64>,
    },
    /// Exactly `clients` arrivals, their times independent draws from the profile's shape.
    Count { profile: RateProfile, clients: u32 },
}

impl Arrivals {
    /// The profile that shapes arrival times.
    pub fn profile(&self) -> &RateProfile {
        match self {
            Arrivals::Poisson { profile, .. } | Arrivals::Count { profile, .. } => profile,
        }
    }

    /// Expected number of arrivals in one replication.
    pub fn expected_arrivals(&self) -> f64 {
        match self {
            Arrivals::Poisson { profile, .. } => profile.expected_arrivals(),
            Arrivals::Count { clients, .. } => f64::from(*clients),
        }
    }
}

/// One kind of errand (ID card, passport, information only, ...) and its share of errands.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrandType {
    /// Name as it appears in outputs.
    pub name: String,
    /// Relative frequency among errands (any positive scale; normalised by the engine).
    pub weight: f64,
    /// Desk time for one errand of this type.
    pub service: Duration,
    /// True when the errand is information only (counted apart in `information_uses`).
    pub information_only: bool,
}

/// A client who finds `threshold` or more people waiting leaves at once with `probability`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Balking {
    /// Queue length (people waiting, not in service) from which clients may balk.
    pub threshold: u32,
    /// Probability of balking when the queue is at or above the threshold.
    pub probability: f64,
}

/// Everything the engine needs to simulate one stop-day.
#[derive(Debug, Clone, PartialEq)]
pub struct StopSpec {
    /// Opening hours: the door closes at this many minutes after opening.
    pub dwell_min: f64,
    /// How clients arrive over `[0, dwell_min)`.
    pub arrivals: Arrivals,
    /// Mean errands per client (at least 1; drawn as 1 + Poisson(mean − 1)). 2019: about 1.2.
    pub errands_per_client: f64,
    /// The case mix: errand types with their shares and service times.
    pub case_mix: Vec<ErrandType>,
    /// Clerks on duty, each at one desk.
    pub clerks: u32,
    /// Workstations on the vehicle; `clerks` may not exceed it.
    pub desks: u32,
    /// Reneging behaviour of waiting clients.
    pub patience: Patience,
    /// Balking behaviour at arrival, if any.
    pub balking: Option<Balking>,
    /// What happens at closing time.
    pub closing: Closing,
    /// Wait threshold (minutes) for the `served_within_target` count (service-level targets).
    pub wait_target_min: f64,
}

impl StopSpec {
    /// Checks the description for values the engine cannot simulate.
    pub fn validate(&self) -> Result<(), SpecError> {
        let dwell = self.dwell_min;
        if !(dwell.is_finite() && dwell > 0.0) {
            return Err(SpecError::new(
                "dwell",
                format!("must be a positive number of minutes, got {dwell}"),
            ));
        }
        if (self.arrivals.profile().dwell_min() - dwell).abs() > 1e-9 * dwell {
            return Err(SpecError::new(
                "arrivals",
                "the arrival profile must span exactly the dwell",
            ));
        }
        if let Arrivals::Poisson {
            dispersion_shape: Some(k),
            ..
        } = self.arrivals
            && !(k.is_finite() && k > 0.0)
        {
            return Err(SpecError::new(
                "dispersion",
                format!("the negative-binomial shape must be positive, got {k}"),
            ));
        }
        if !(self.errands_per_client.is_finite() && self.errands_per_client >= 1.0) {
            return Err(SpecError::new(
                "errands_per_client",
                format!(
                    "must be at least 1 (every client brings an errand), got {}",
                    self.errands_per_client
                ),
            ));
        }
        self.validate_case_mix()?;
        if self.clerks == 0 {
            return Err(SpecError::new("clerks", "at least one clerk is needed"));
        }
        if self.clerks > self.desks {
            return Err(SpecError::new(
                "clerks",
                format!(
                    "{} clerks but only {} desks; use at most {} clerks or more desks",
                    self.clerks, self.desks, self.desks
                ),
            ));
        }
        if let Patience::Limited(d) = self.patience {
            d.sampler().map_err(|e| e.within("patience"))?;
        }
        if let Some(b) = self.balking
            && !(0.0..=1.0).contains(&b.probability)
        {
            return Err(SpecError::new(
                "balking.probability",
                format!("must be within 0..1, got {}", b.probability),
            ));
        }
        if let Err(NoTimeToEnter { minutes, .. }) = self.closing.check_fits(dwell) {
            return Err(SpecError::new(
                "closing.last_entry_min",
                format!("must be within 0..dwell ({dwell} min), got {minutes}"),
            ));
        }
        if !(self.wait_target_min.is_finite() && self.wait_target_min >= 0.0) {
            return Err(SpecError::new(
                "wait_target_min",
                "must be a non-negative number of minutes",
            ));
        }
        Ok(())
    }

    fn validate_case_mix(&self) -> Result<(), SpecError> {
        if self.case_mix.is_empty() {
            return Err(SpecError::new("case_mix", "at least one errand type is needed"));
        }
        for e in &self.case_mix {
            if !(e.weight.is_finite() && e.weight > 0.0) {
                return Err(SpecError::new(
                    format!("case_mix.{}.weight", e.name),
                    "must be positive",
                ));
            }
            e.service
                .sampler()
                .map_err(|err| err.within(&format!("case_mix.{}.service", e.name)))?;
        }
        Ok(())
    }

    /// Mean desk time of one client (all errands), minutes.
    pub fn mean_service_min(&self) -> f64 {
        let total: f64 = self.case_mix.iter().map(|e| e.weight).sum();
        let per_errand: f64 = self
            .case_mix
            .iter()
            .map(|e| e.weight / total * e.service.mean_min())
            .sum();
        per_errand * self.errands_per_client
    }
}
