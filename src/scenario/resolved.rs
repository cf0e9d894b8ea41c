//! The resolved season: every stop with its place, time, expected demand and engine description.

use jiff::civil::Date;
use serde::Serialize;

use crate::sim::StopSpec;
use crate::vocab::Venue;
use crate::vocab::units::{hours_to_minutes, minutes_to_hours};

/// Simulation settings of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulationSettings {
    /// Independent replications of the whole season.
    pub replications: u32,
    /// Seed of every random stream.
    pub seed: u64,
    /// Worker threads (`None`: all cores). Results do not depend on it.
    pub threads: Option<usize>,
}

/// One visit of the bus, ready to simulate.
#[derive(Clone, PartialEq)]
pub struct SeasonStop {
    /// Position in the season, from 0 (also the stop's random-stream index).
    pub index: usize,
    pub date: Date,
    /// Opening time, minutes after midnight.
    pub start_min: u32,
    /// Settlement name as KSH spells it (or the stop's label for stops without a settlement).
    pub settlement: String,
    /// District (járás) of the settlement; empty when not a settlement of the data.
    pub district: String,
    pub venue: Venue,
    /// Free text naming the stop beyond its settlement (an employer, a care home), if given.
    pub label: Option<String>,
    /// Expected clients of the visit from the demand model (or as given).
    pub expected_clients: f64,
    /// Where `expected_clients` came from.
    pub demand_origin: DemandOrigin,
    /// The pending-needs pool at this visit (`demand.model = "pending_needs"`, model stops only).
    pub pending: Option<PendingVisit>,
    /// What the engine simulates (dwell, arrivals, case mix, clerks, closing, ...).
    pub spec: StopSpec,
}

/// The derived `Debug` text, with `pending` only when the pool is on: the scenario digest hashes
/// this text, so seasons of the per-visit model keep the digests they had before the pool existed.
impl std::fmt::Debug for SeasonStop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("SeasonStop");
        s.field("index", &self.index)
            .field("date", &self.date)
            .field("start_min", &self.start_min)
            .field("settlement", &self.settlement)
            .field("district", &self.district)
            .field("venue", &self.venue)
            .field("label", &self.label)
            .field("expected_clients", &self.expected_clients)
            .field("demand_origin", &self.demand_origin);
        if let Some(pending) = &self.pending {
            s.field("pending", pending);
        }
        s.field("spec", &self.spec).finish()
    }
}

impl SeasonStop {
    /// Dwell, hours.
    pub fn dwell_hours(&self) -> f64 {
        minutes_to_hours(self.spec.dwell_min)
    }

    /// The random-stream index of the stop in the staffing and dwell searches, given which visit
    /// of its place it is (`visit`, from 1; see [`Season::visit_numbers`]): a hash of the
    /// settlement, venue, label and visit number, so that the same visit meets the same clients
    /// in every season it appears in, whatever date a re-plan gives it (`staff` under a policy
    /// and the `policies` dwell search agree stop by stop).
    pub fn search_stream(&self, visit: u32) -> u64 {
        let identity = format!(
            "{}|{}|{}|{visit}",
            self.settlement,
            self.venue.as_str(),
            self.label.as_deref().unwrap_or("")
        );
        crate::vocab::fnv::fnv1a64(identity.as_bytes())
    }
}

/// A visit's place in its settlement's pending-needs pool (see `demand::pending`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PendingVisit {
    /// Expected pending needs just before the visit, needs.
    pub pool_before: f64,
    /// Share of the pending needs the visit meets, κ (0–1).
    pub capture: f64,
    /// Share of a need pending at the settlement's previous visit still pending now, e^{−δ·gap}
    /// (1 at its first visit of the season).
    pub survival_since_previous: f64,
    /// The per-visit model's expected clients of the visit, clients (the flow part is
    /// `flow_share` of it).
    pub per_visit_clients: f64,
}

/// Where a stop's expected clients came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DemandOrigin {
    /// The demand model, from the settlement's population and distance to the nearest office.
    Model {
        /// Resident population of the settlement, persons.
        population: u32,
        /// Straight-line distance to the nearest permanent office, km.
        office_km: f64,
    },
    /// `expected_clients` given for the stop.
    GivenClients,
    /// `arrival_rate_per_hour` given for the stop (mean rate over the dwell, clients per hour).
    GivenRate { per_hour: f64 },
}

/// A scenario resolved into a season of stops.
#[derive(Debug, Clone, PartialEq)]
pub struct Season {
    /// Scenario name (file stem, or `name` in the TOML); names the output folder.
    pub name: String,
    /// The scenario's `description`, if any (one or two sentences for reports).
    pub description: Option<String>,
    pub simulation: SimulationSettings,
    pub stops: Vec<SeasonStop>,
    /// The generated itinerary (bus-days, travel, visits left out) when the season comes from
    /// `[season.generate]`; its stops are among `stops` (with any explicit `[[season.stop]]`).
    pub itinerary: Option<crate::plan::Itinerary>,
    /// Without an itinerary: the bus-days of the given stops with their depot legs estimated from
    /// the settlement table (`season.depot`, the default travel model); a date with a stop outside
    /// the table is left out. Empty with an itinerary.
    pub estimated_days: Vec<crate::plan::BusDay>,
    /// `[targets]`: the service level `staff` and the policy comparison aim for.
    pub targets: crate::staffing::ServiceTargets,
    /// `[[policy]]`: the dwell policies to compare (default: by size, fixed 3 h, demand-driven).
    pub policies: Vec<crate::plan::NamedPolicy>,
    /// The `[demand]` section the stops were resolved with (model, arrival shape, over-dispersion):
    /// to rebuild a stop for another dwell, and for reports (assumptions, expected clients of
    /// settlements the season does not visit).
    pub demand: super::DemandRules,
    /// The published figures `ablakbusz calibrate` fits, when the scenario has a `[calibration]` section.
    pub calibration: Option<super::calibration_section::CalibrationTargets>,
    /// `[bus]` rates: what a paid clerk-hour, a km and a bus-day cost (for the crew plan's costs).
    pub costs: super::CostRates,
}

impl Season {
    /// Which visit of its place (settlement, venue and label) each stop is, from 1, in season
    /// order: the identity of a visit that survives a re-plan moving it to another date.
    pub fn visit_numbers(&self) -> Vec<u32> {
        let mut seen: std::collections::HashMap<(&str, Venue, Option<&str>), u32> = std::collections::HashMap::new();
        self.stops
            .iter()
            .map(|s| {
                let count = seen.entry((&s.settlement, s.venue, s.label.as_deref())).or_insert(0);
                *count += 1;
                *count
            })
            .collect()
    }

    /// The stop's engine description for another dwell: the expected clients follow the demand
    /// model's dwell capture (model stops), stay as given (given clients), or keep their hourly
    /// rate (given rate). Under the pending-needs pool the visit meets the same pool with the new
    /// dwell's capture; the effect on the settlement's later visits is left out (one stop changes).
    pub fn spec_with_dwell(&self, stop: &SeasonStop, dwell_hours: f64) -> Result<StopSpec, crate::sim::SpecError> {
        let expected = match stop.demand_origin {
            DemandOrigin::Model { population, office_km } => {
                let per_visit = self.demand.model.expected_clients(&crate::demand::StopContext {
                    population,
                    office_km,
                    venue: stop.venue,
                    month: stop.date.month(),
                    dwell_hours,
                });
                match (&self.demand.pending, &stop.pending) {
                    (Some(pool), Some(visit)) => {
                        let venue_month =
                            crate::demand::pending::venue_month(&self.demand.model, stop.venue, stop.date.month());
                        pool.visit_clients(per_visit, pool.capture(dwell_hours, venue_month), visit.pool_before)
                    }
                    _ => per_visit,
                }
            }
            DemandOrigin::GivenClients => stop.expected_clients,
            DemandOrigin::GivenRate { per_hour } => per_hour * dwell_hours,
        };
        let dwell_min = hours_to_minutes(dwell_hours);
        let profile = self
            .demand
            .shape
            .rate_profile(expected, dwell_min)
            .map_err(|e| crate::sim::SpecError::new("demand.profile", e.to_string()))?;
        let dispersion_shape = match &stop.spec.arrivals {
            crate::sim::Arrivals::Poisson { dispersion_shape, .. } => *dispersion_shape,
            crate::sim::Arrivals::Count { .. } => None,
        };
        let spec = StopSpec {
            dwell_min,
            arrivals: crate::sim::Arrivals::Poisson {
                profile,
                dispersion_shape,
            },
            ..stop.spec.clone()
        };
        spec.validate()?;
        Ok(spec)
    }
}
