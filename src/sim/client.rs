//! Clients of a stop-day: what each one brings, and where they come from (sampled or replayed).

use rand::RngExt;
use rand_distr::{Distribution, Exp1, Gamma, Poisson};

use crate::vocab::limits::MAX_DRAWN_CLIENTS_PER_DAY;

use super::SpecError;
use super::profile::RateProfile;
use super::rng::{Purpose, StopStreams, StreamRng};
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
        arrivals_rng: StreamRng,
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

    /// The clients of one replication drawn stream by stream into `day` (cleared first), up to the
    /// first arrival at or after `dwell_min`: the same clients, bit for bit, as [`ClientModel::clients`]
    /// (or [`ClientModel::clients_scaled`] with `intensity_factor`) yields before its first arrival at
    /// or after `dwell_min`. Each purpose has its own stream and each stream's draws depend only on
    /// its own earlier draws (the desk times on the errand count and types, drawn first), so drawing a
    /// whole day from one stream, then from the next, takes from every stream the values the
    /// client-by-client order takes.
    pub fn draw_day(
        &self,
        streams: &StopStreams,
        replication: u64,
        intensity_factor: Option<f64>,
        dwell_min: f64,
        day: &mut Vec<Client>,
    ) {
        day.clear();
        let mut rng = streams.rng(replication, Purpose::Arrivals);
        if let Some(n) = self.fixed_count {
            // As `Timing::OrderStatistics`, with `remaining` from n down to 1.
            let total = self.profile.expected_arrivals();
            let mut position = 0.0;
            let levels = (1..=n).rev().map(|remaining| {
                let v: f64 = rng.random();
                position += (1.0 - position) * (1.0 - v.powf(1.0 / f64::from(remaining)));
                position * total
            });
            self.push_arrivals(day, levels, dwell_min);
        } else {
            // As `Timing::Poisson`: at most MAX_DRAWN_CLIENTS_PER_DAY steps.
            let mut level_scale = match &self.dispersion {
                Some(g) => 1.0 / g.sample(&mut rng).max(f64::MIN_POSITIVE),
                None => 1.0,
            };
            if let Some(factor) = intensity_factor {
                level_scale /= factor;
            }
            let mut level = 0.0;
            let levels = (0..MAX_DRAWN_CLIENTS_PER_DAY).map(|_| {
                let step: f64 = Exp1.sample(&mut rng);
                level += step * level_scale;
                level
            });
            self.push_arrivals(day, levels, dwell_min);
        }
        let mut service_rng = streams.rng(replication, Purpose::Service);
        if self.draws_errands() {
            let mut errands_rng = streams.rng(replication, Purpose::Errands);
            for client in day.iter_mut() {
                let (errands, information_errands, minutes) =
                    self.draw_errands(Some(&mut errands_rng), &mut service_rng);
                client.errands = errands;
                client.information_errands = information_errands;
                client.service_min = minutes;
            }
        } else {
            self.errand_service[0].fill(&mut service_rng, day.iter_mut().map(|c| &mut c.service_min));
        }
        if let Some(patience) = &self.patience {
            let mut patience_rng = streams.rng(replication, Purpose::Patience);
            patience.fill(&mut patience_rng, day.iter_mut().map(|c| &mut c.patience_min));
        }
    }

    /// Appends to `day` the clients arriving when the cumulative intensity reaches each of `levels`
    /// (increasing; drawn lazily), up to the first arrival at or after `dwell_min`, with one errand
    /// and their desk time and patience still to draw. Generic so that each arrival loop has its
    /// own copy with the push inlined (a closure called from both loops was not inlined: 3 % of the
    /// fast path's instructions).
    fn push_arrivals(&self, day: &mut Vec<Client>, levels: impl Iterator<Item = f64>, dwell_min: f64) {
        let information = u32::from(self.errand_is_information[0]);
        let mut hint = 0;
        for level in levels {
            let Some(arrival_min) = self.profile.invert(level, &mut hint).filter(|&t| t < dwell_min) else {
                break;
            };
            day.push(Client {
                arrival_min,
                service_min: 0.0,
                patience_min: f64::INFINITY,
                errands: 1,
                information_errands: information,
            });
        }
    }

    /// Draws one client's errands and desk time: (errands, information errands, minutes).
    #[inline]
    fn draw_errands(&self, errands_rng: Option<&mut StreamRng>, service_rng: &mut StreamRng) -> (u32, u32, f64) {
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
    fn pick_errand_type(&self, rng: &mut StreamRng) -> usize {
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
    arrivals_rng: StreamRng,
    /// `None` when the model never draws errands (one errand of one type).
    errands_rng: Option<StreamRng>,
    service_rng: StreamRng,
    /// `None` when clients never give up.
    patience_rng: Option<StreamRng>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{Closing, Duration, ErrandType};

    /// A stop with several errand types and errands, patience and the given arrivals.
    fn spec(arrivals: Arrivals) -> StopSpec {
        let dwell_min = arrivals.profile().dwell_min();
        let errand = |name: &str, service| ErrandType {
            name: name.into(),
            weight: 1.0,
            service,
            information_only: name == "info",
        };
        StopSpec {
            dwell_min,
            arrivals,
            errands_per_client: 1.4,
            case_mix: vec![
                errand("id", Duration::LogNormal { mean_min: 9.0, cv: 0.7 }),
                errand("info", Duration::Gamma { mean_min: 4.0, cv: 0.5 }),
            ],
            clerks: 2,
            desks: 2,
            patience: Patience::Limited(Duration::Exponential { mean_min: 25.0 }),
            balking: None,
            closing: Closing::ServeAll,
            wait_target_min: 20.0,
        }
    }

    /// `draw_day` gives, bit for bit, the clients the client-by-client source yields before the
    /// dwell ends: for Poisson arrivals with and without over-dispersion and a scaled intensity, and
    /// for a fixed count.
    #[test]
    fn a_day_drawn_stream_by_stream_is_the_day_drawn_client_by_client() {
        let profile = RateProfile::from_hourly_pieces(&[(0.0, 8.0), (90.0, 14.0)], 240.0).unwrap();
        let cases = [
            (
                Arrivals::Poisson {
                    profile: profile.clone(),
                    dispersion_shape: None,
                },
                None,
            ),
            (
                Arrivals::Poisson {
                    profile: profile.clone(),
                    dispersion_shape: Some(2.0),
                },
                Some(1.7),
            ),
            (Arrivals::Count { profile, clients: 30 }, None),
        ];
        let mut day = Vec::new();
        let mut compared = 0;
        for (stop, (arrivals, factor)) in cases.into_iter().enumerate() {
            let model = ClientModel::new(&spec(arrivals)).unwrap();
            let streams = StopStreams::new(5, stop as u64);
            for replication in 0..200 {
                let mut source = match factor {
                    Some(f) => model.clients_scaled(&streams, replication, f),
                    None => model.clients(&streams, replication),
                };
                let expected: Vec<Client> = std::iter::from_fn(|| source.next_client())
                    .take_while(|c| c.arrival_min < 240.0)
                    .collect();
                model.draw_day(&streams, replication, factor, 240.0, &mut day);
                let bits = |c: &Client| {
                    (
                        c.arrival_min.to_bits(),
                        c.service_min.to_bits(),
                        c.patience_min.to_bits(),
                        c.errands,
                        c.information_errands,
                    )
                };
                let (a, b): (Vec<_>, Vec<_>) = (day.iter().map(bits).collect(), expected.iter().map(bits).collect());
                assert_eq!(a, b, "stop {stop}, replication {replication}");
                compared += day.len();
            }
        }
        assert!(compared > 10_000, "only {compared} clients compared");
    }
}
