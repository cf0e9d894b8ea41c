//! Service-time and patience distributions, parameterised the way planners think (mean, CV).

use rand::Rng;
use rand_distr::{Distribution, Exp1, Gamma, LogNormal};

use super::SpecError;

/// A positive duration distribution, in minutes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Duration {
    /// Always exactly `minutes`.
    Deterministic { minutes: f64 },
    /// Exponential with the given mean (minutes).
    Exponential { mean_min: f64 },
    /// Lognormal with the given mean (minutes) and coefficient of variation (sd / mean).
    LogNormal { mean_min: f64, cv: f64 },
    /// Gamma with the given mean (minutes) and coefficient of variation (sd / mean).
    Gamma { mean_min: f64, cv: f64 },
}

impl Duration {
    /// Mean of the distribution, minutes.
    pub fn mean_min(&self) -> f64 {
        match *self {
            Duration::Deterministic { minutes } => minutes,
            Duration::Exponential { mean_min }
            | Duration::LogNormal { mean_min, .. }
            | Duration::Gamma { mean_min, .. } => mean_min,
        }
    }

    /// Squared coefficient of variation (variance / mean²).
    pub fn scv(&self) -> f64 {
        match *self {
            Duration::Deterministic { .. } => 0.0,
            Duration::Exponential { .. } => 1.0,
            Duration::LogNormal { cv, .. } | Duration::Gamma { cv, .. } => cv * cv,
        }
    }

    /// Checks the parameters and prepares a sampler.
    pub fn sampler(&self) -> Result<DurationSampler, SpecError> {
        let mean = self.mean_min();
        if !(mean.is_finite() && mean > 0.0) {
            return Err(SpecError::new(
                "mean_min",
                format!("must be a positive number of minutes, got {mean}"),
            ));
        }
        Ok(match *self {
            Duration::Deterministic { minutes } => DurationSampler::Fixed(minutes),
            Duration::Exponential { mean_min } => DurationSampler::Exponential(mean_min),
            Duration::LogNormal { mean_min, cv } => {
                check_cv(cv)?;
                // For a lognormal, cv² = exp(σ²) − 1 and mean = exp(μ + σ²/2).
                let sigma2 = (1.0 + cv * cv).ln();
                let mu = mean_min.ln() - sigma2 / 2.0;
                let d = LogNormal::new(mu, sigma2.sqrt()).map_err(|e| SpecError::new("cv", e.to_string()))?;
                DurationSampler::LogNormal(d)
            }
            Duration::Gamma { mean_min, cv } => {
                check_cv(cv)?;
                // For a gamma, shape k = 1/cv² and scale θ = mean · cv².
                let d =
                    Gamma::new(1.0 / (cv * cv), mean_min * cv * cv).map_err(|e| SpecError::new("cv", e.to_string()))?;
                DurationSampler::Gamma(d)
            }
        })
    }
}

fn check_cv(cv: f64) -> Result<(), SpecError> {
    if cv.is_finite() && cv > 0.0 {
        Ok(())
    } else {
        Err(SpecError::new(
            "cv",
            format!("must be a positive coefficient of variation, got {cv}"),
        ))
    }
}

/// A prepared sampler for a [`Duration`]; draws minutes.
#[derive(Debug, Clone, Copy)]
pub enum DurationSampler {
    Fixed(f64),
    /// Mean in minutes.
    Exponential(f64),
    LogNormal(LogNormal<f64>),
    Gamma(Gamma<f64>),
}

impl DurationSampler {
    /// One draw, minutes.
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            DurationSampler::Fixed(m) => *m,
            DurationSampler::Exponential(mean) => {
                let e: f64 = Exp1.sample(rng);
                mean * e
            }
            DurationSampler::LogNormal(d) => d.sample(rng),
            DurationSampler::Gamma(d) => d.sample(rng),
        }
    }
}

impl DurationSampler {
    /// One draw into each of `slots`, in order: the values [`DurationSampler::sample`] gives one
    /// call after another, with the choice of distribution made once.
    #[inline]
    pub fn fill<'a, R: Rng + ?Sized>(&self, rng: &mut R, slots: impl Iterator<Item = &'a mut f64>) {
        match self {
            DurationSampler::Fixed(m) => slots.for_each(|slot| *slot = *m),
            DurationSampler::Exponential(mean) => slots.for_each(|slot| {
                let e: f64 = Exp1.sample(rng);
                *slot = mean * e;
            }),
            DurationSampler::LogNormal(d) => slots.for_each(|slot| *slot = d.sample(rng)),
            DurationSampler::Gamma(d) => slots.for_each(|slot| *slot = d.sample(rng)),
        }
    }
}

/// How long a client waits in the queue before giving up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Patience {
    /// Clients never give up.
    Unlimited,
    /// Patience drawn from a distribution (minutes).
    Limited(Duration),
}
