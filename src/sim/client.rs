//! Clients of a stop-day: what each one brings, and where they come from (sampled or replayed).

use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use rand_distr::{Distribution, Exp1, Gamma, Poisson};

use crate::vocab::limits::MAX_DRAWN_CLIENTS_PER_DAY;

use super::SpecError;
use super::profile::RateProfile;
use super::rng::{Purpose, StopStreams};
use super::service::{DurationSampler, Patience};
use super::stop::{Arrivals, StopSpec};

/// One client as the queue sees them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Client {
    /// Arrival time, minutes after opening (in `[0, H)`).
    pub arrival_min: f64,
    /// Total desk time for all their errands, minutes.
    pub service_min: f64,
    /// How long they will wait before giving up, minutes (`f64::INFINITY`: never).
    pub patience_min: f64,
    /// Errands they bring (uses if served).
    pub errands: u32,
    /// Of those, information-only errands.
    pub information_errands: u32,
}

/// A source of clients in arrival order.
pub trait ClientSource {
    /// The next client, or `None` when the day's arrivals are over.
    fn next_client(&mut self) -> Option<Client>;
}

/// A recorded day played back as it was.
pub struct ReplayClients<'a> {
    clients: std::slice::Iter<'a, Client>,
}

impl<'a> ReplayClients<'a> {
    /// `clients` must be sorted by arrival time.
    pub fn new(clients: &'a [Client]) -> Self {
        Self {
            clients: clients.iter(),
        }
    }
}

impl ClientSource for ReplayClients<'_> {
    #[inline]
    fn next_client(&mut self) -> Option<Client> {
        self.clients.next().copied()
    }
}

/// Prepared samplers of a [`StopSpec`]: checked once, reused by every replication.
#[derive(Debug, Clone)]
pub struct ClientModel {
    profile: RateProfile,
    /// Gamma(k, 1/k) day factor for over-dispersed counts.
    dispersion: Option<Gamma<f64>>,
    /// Fixed client count, if arrivals are given as a count.
    fixed_count: Option<u32>,
    /// Extra errands beyond the first: Poisson(mean − 1), or none when the mean is 1.
    extra_errands: Option<Poisson<f64>>,
    /// Cumulative errand-type probabilities (last one is 1).
    errand_cumulative: Vec<f64>,
    errand_service: Vec<DurationSampler>,
    errand_is_information: Vec<bool>,
    patience: Option<DurationSampler>,
}

impl ClientModel {
    /// Prepares the samplers of a validated spec.
    pub fn new(spec: &StopSpec) -> Result<Self, SpecError> {
        spec.validate()?;
        let (profile, dispersion, fixed_count) = match &spec.arrivals {
            Arrivals::Poisson {
                profile,
                dispersion_shape,
            } => {
                let dispersion = dispersion_shape
                    .map(|k| Gamma::new(k, 1.0 / k).map_err(|e| SpecError::new("dispersion", e.to_string())))
                    .transpose()?;
                (profile.clone(), dispersion, None)
            }
            Arrivals::Count { profile, clients } => (profile.clone(), None, Some(*clients)),
        };
        let extra_mean = spec.errands_per_client - 1.0;
        let extra_errands = if extra_mean > 0.0 {
            Some(Poisson::new(extra_mean).map_err(|e| SpecError::new("errands_per_client", e.to_string()))?)
        } else {
            None
        };
        let total_weight: f64 = spec.case_mix.iter().map(|e| e.weight).sum();
        let mut acc = 0.0;
        let mut errand_cumulative: Vec<f64> = spec
            .case_mix
            .iter()
            .map(|e| {
                acc += e.weight / total_weight;
                acc
            })
            .collect();
        if let Some(last) = errand_cumulative.last_mut() {
            *last = 1.0;
        }
        let errand_service = spec
            .case_mix
            .iter()
            .map(|e| e.service.sampler())
            .collect::<Result<_, _>>()?;
        let patience = match spec.patience {
            Patience::Unlimited => None,
            Patience::Limited(d) => Some(d.sampler()?),
        };
        Ok(Self {
            profile,
            dispersion,
            fixed_count,
            extra_errands,
            errand_cumulative,
            errand_service,
            errand_is_information: spec.case_mix.iter().map(|e| e.information_only).collect(),
            patience,
        })
    }

    /// Whether clients draw from the errands stream (several errands or several errand types).
    fn draws_errands(&self) -> bool {
        self.extra_errands.is_some() || self.errand_cumulative.len() > 1
    }

    /// The clients of one replication, drawn lazily from the stop's streams. Streams this model
    /// never draws from (errands, patience) are not created.
    pub fn clients(&self, streams: &StopStreams, replication: u64) -> SampledClients<'_> {
        let mut arrivals_rng = streams.rng(replication, Purpose::Arrivals);
        let level_scale = match &self.dispersion {
            Some(g) => 1.0 / g.sample(&mut arrivals_rng).max(f64::MIN_POSITIVE),
            None => 1.0,
        };
        self.clients_from(streams, replication, arrivals_rng, level_scale)
    }

    /// [`ClientModel::clients`] with the arrival intensity multiplied by `intensity_factor` (> 0):
    /// the same draws, with arrivals `intensity_factor` times as dense (Poisson arrivals only).
    pub fn clients_scaled(&self, streams: &StopStreams, replication: u64, intensity_factor: f64) -> SampledClients<'_> {
        let mut clients = self.clients(streams, replication);
        if let Timing::Poisson { level_scale, .. } = &mut clients.timing {
            *level_scale /= intensity_factor;
        }
        clients
    }

    /// Expected arrivals of one replication (the profile's total, or the fixed count).
    pub fn expected_arrivals(&self) -> f64 {
        self.fixed_count
            .map_or_else(|| self.profile.expected_arrivals(), f64::from)
    }

    fn clients_from(
        &self,
        streams: &StopStreams,
        replication: u64,
        arrivals_rng: ChaCha8Rng,
        level_scale: f64,
    ) -> SampledClients<'_> {
        let timing = match self.fixed_count {
            Some(n) => Timing::OrderStatistics {
                remaining: n,
                position: 0.0,
            },
            None => Timing::Poisson {
                level: 0.0,
                level_scale,
                drawn: 0,
            },
        };
        SampledClients {
            model: self,
            timing,
            segment_hint: 0,
            arrivals_rng,
            errands_rng: self.draws_errands().then(|| streams.rng(replication, Purpose::Errands)),
            service_rng: streams.rng(replication, Purpose::Service),
            patience_rng: self
                .patience
                .is_some()
                .then(|| streams.rng(replication, Purpose::Patience)),
        }
    }

    /// Draws one client's errands and desk time: (errands, information errands, minutes).
    #[inline]
    fn draw_errands(&self, errands_rng: Option<&mut ChaCha8Rng>, service_rng: &mut ChaCha8Rng) -> (u32, u32, f64) {
        let Some(errands_rng) = errands_rng else {
            // One errand of the one type: nothing to draw but its desk time.
            let information = u32::from(self.errand_is_information[0]);
            return (1, information, self.errand_service[0].sample(service_rng));
        };
        let errands = 1 + self.extra_errands.as_ref().map_or(0, |p| p.sample(errands_rng) as u32);
        let mut information = 0;
        let mut minutes = 0.0;
        for _ in 0..errands {
            let kind = self.pick_errand_type(errands_rng);
            information += u32::from(self.errand_is_information[kind]);
            minutes += self.errand_service[kind].sample(service_rng);
        }
        (errands, information, minutes)
    }

    #[inline]
    fn pick_errand_type(&self, rng: &mut ChaCha8Rng) -> usize {
        if self.errand_cumulative.len() == 1 {
            return 0;
        }
        let u: f64 = rng.random();
        self.errand_cumulative
            .iter()
            .position(|&c| u < c)
            .unwrap_or(self.errand_cumulative.len() - 1)
    }
}

/// How arrival times are generated.
#[derive(Debug, Clone, Copy)]
enum Timing {
    /// Non-homogeneous Poisson: unit-rate exponential steps on the cumulative-intensity scale,
    /// mapped back through Λ⁻¹ (exact; never "next gap at the current rate"). At most
    /// [`MAX_DRAWN_CLIENTS_PER_DAY`] are drawn (`drawn` counts them), so a day's memory is bounded.
    Poisson { level: f64, level_scale: f64, drawn: u32 },
    /// A fixed count: ascending uniform order statistics on the cumulative-intensity scale.
    OrderStatistics { remaining: u32, position: f64 },
}

/// Clients of one replication, generated on demand.
pub struct SampledClients<'a> {
    model: &'a ClientModel,
    timing: Timing,
    segment_hint: usize,
    arrivals_rng: ChaCha8Rng,
    /// `None` when the model never draws errands (one errand of one type).
    errands_rng: Option<ChaCha8Rng>,
    service_rng: ChaCha8Rng,
    /// `None` when clients never give up.
    patience_rng: Option<ChaCha8Rng>,
}

impl SampledClients<'_> {
    #[inline]
    fn next_arrival_level(&mut self) -> Option<f64> {
        let total = self.model.profile.expected_arrivals();
        match &mut self.timing {
            Timing::Poisson {
                level,
                level_scale,
                drawn,
            } => {
                if *drawn >= MAX_DRAWN_CLIENTS_PER_DAY {
                    return None;
                }
                *drawn += 1;
                let step: f64 = Exp1.sample(&mut self.arrivals_rng);
                *level += step * *level_scale;
                Some(*level)
            }
            Timing::OrderStatistics { remaining, position } => {
                if *remaining == 0 {
                    return None;
                }
                // Given the previous order statistic x, the next is x + (1 − x)(1 − V^{1/r}),
                // the minimum of the r points still uniform on (x, 1).
                let v: f64 = self.arrivals_rng.random();
                *position += (1.0 - *position) * (1.0 - v.powf(1.0 / f64::from(*remaining)));
                *remaining -= 1;
                Some(*position * total)
            }
        }
    }
}

impl ClientSource for SampledClients<'_> {
    #[inline]
    fn next_client(&mut self) -> Option<Client> {
        let level = self.next_arrival_level()?;
        let arrival_min = self.model.profile.invert(level, &mut self.segment_hint)?;
        let (errands, information_errands, service_min) = self
            .model
            .draw_errands(self.errands_rng.as_mut(), &mut self.service_rng);
        let patience_min = match (&self.model.patience, &mut self.patience_rng) {
            (Some(p), Some(rng)) => p.sample(rng),
            _ => f64::INFINITY,
        };
        Some(Client {
            arrival_min,
            service_min,
            patience_min,
            errands,
            information_errands,
        })
    }
}
