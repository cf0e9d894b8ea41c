//! The TOML mirror: the scenario file exactly as written, unknown keys refused, defaults not applied.
//!
//! Every optional key is an `Option` so that validation knows what the file says and can point at
//! it; defaults are applied when the scenario is resolved (see the scenario format in the README).

use serde::Deserialize;

use super::calendar::{ClockTime, TomlDate};
use crate::vocab::Venue;

/// `[simulation]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSimulation {
    pub replications: Option<u32>,
    pub seed: Option<u64>,
    pub threads: Option<usize>,
}

/// `[demand]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDemand {
    pub settlements_csv: Option<String>,
    pub base_rate: Option<f64>,
    pub population_elasticity: Option<f64>,
    pub distance_coef_per_km: Option<f64>,
    pub reference_dwell_hours: Option<f64>,
    pub dwell_exponent: Option<f64>,
    pub dispersion_shape: Option<f64>,
    pub profile: Option<ProfileKind>,
    pub first_hour_weight: Option<f64>,
    pub profile_pieces: Option<Vec<(f64, f64)>>,
    pub venue: Option<RawVenueMultipliers>,
    pub month: Option<RawMonthMultipliers>,
    pub model: Option<DemandModelKind>,
    pub pending: Option<RawPendingNeeds>,
}

/// `demand.model`: how a visit's expected clients arise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum DemandModelKind {
    /// Every visit brings the full demand, whatever the time since the last one.
    PerVisit,
    /// A pool of needs per settlement that fills between visits (docs/demand.md).
    PendingNeeds,
}

/// `[demand.pending]`: the pending-needs pool's parameters.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPendingNeeds {
    pub accrual_per_year: Option<f64>,
    pub leak_per_year: Option<f64>,
    pub leak_distance_coef_per_km: Option<f64>,
    pub capture_hours: Option<f64>,
    pub flow_share: Option<f64>,
    pub return_share: Option<f64>,
    pub initial_pool: Option<InitialPoolKind>,
}

/// `demand.pending.initial_pool`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum InitialPoolKind {
    RepeatYearly,
    NeverVisited,
}

/// `demand.profile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum ProfileKind {
    Flat,
    FrontLoaded,
    Piecewise,
}

/// `[demand.venue]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVenueMultipliers {
    pub municipality: Option<f64>,
    pub social_institution: Option<f64>,
    pub school: Option<f64>,
    pub employer: Option<f64>,
    pub event: Option<f64>,
}

/// `[demand.month]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMonthMultipliers {
    pub jan: Option<f64>,
    pub feb: Option<f64>,
    pub mar: Option<f64>,
    pub apr: Option<f64>,
    pub may: Option<f64>,
    pub jun: Option<f64>,
    pub jul: Option<f64>,
    pub aug: Option<f64>,
    pub sep: Option<f64>,
    pub oct: Option<f64>,
    pub nov: Option<f64>,
    pub dec: Option<f64>,
}

impl RawMonthMultipliers {
    /// The month keys in calendar order with their values.
    pub(super) fn by_month(&self) -> [(&'static str, Option<f64>); 12] {
        [
            ("jan", self.jan),
            ("feb", self.feb),
            ("mar", self.mar),
            ("apr", self.apr),
            ("may", self.may),
            ("jun", self.jun),
            ("jul", self.jul),
            ("aug", self.aug),
            ("sep", self.sep),
            ("oct", self.oct),
            ("nov", self.nov),
            ("dec", self.dec),
        ]
    }
}

/// `[clients]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClients {
    pub errands_per_client: Option<f64>,
    pub information_share: Option<f64>,
    pub errand: Option<Vec<RawErrand>>,
    pub patience: Option<RawPatience>,
    pub balking: Option<RawBalking>,
}

/// `[[clients.errand]]`: one errand type of the case mix.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawErrand {
    pub name: String,
    pub share: f64,
    pub distribution: DistributionKind,
    pub mean_min: f64,
    pub cv: Option<f64>,
    pub information_only: Option<bool>,
}

/// A duration distribution's family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum DistributionKind {
    Exponential,
    Lognormal,
    Gamma,
    Deterministic,
}

impl DistributionKind {
    /// True when the family needs a coefficient of variation.
    pub(super) fn needs_cv(self) -> bool {
        matches!(self, DistributionKind::Lognormal | DistributionKind::Gamma)
    }
}

/// `[clients.patience]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPatience {
    pub distribution: PatienceKind,
    pub mean_min: Option<f64>,
    pub cv: Option<f64>,
}

/// `clients.patience.distribution`: `none` or a duration family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum PatienceKind {
    None,
    Exponential,
    Lognormal,
    Gamma,
    Deterministic,
}

/// `[clients.balking]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBalking {
    pub threshold: u32,
    pub probability: f64,
}

/// `[bus]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBus {
    pub desks: Option<u32>,
    pub clerks: Option<u32>,
    pub closing: Option<ClosingKind>,
    pub last_entry_min: Option<f64>,
    pub wait_target_min: Option<f64>,
    pub clerks_may_change_within_day: Option<bool>,
    pub huf_per_clerk_hour: Option<f64>,
    pub huf_per_km: Option<f64>,
    pub huf_per_bus_day: Option<f64>,
    pub day: Option<Vec<RawBusDay>>,
}

/// `[[bus.day]]`: the clerks of every stop of one date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBusDay {
    pub date: TomlDate,
    pub clerks: u32,
}

/// `bus.closing`: the engine's policy names, read as they are.
pub(super) use crate::sim::ClosingKind;

/// `[season]` without its `[[season.stop]]` array (read stop by stop, see [`RawStop`]).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSeason {
    pub stops_csv: Option<String>,
    pub depot: Option<String>,
    pub generate: Option<RawGenerate>,
}

/// `[[season.stop]]`: one explicit stop.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStop {
    pub date: TomlDate,
    pub start: ClockTime,
    pub settlement: Option<String>,
    pub label: Option<String>,
    pub venue: Option<Venue>,
    pub dwell_hours: f64,
    pub clerks: Option<u32>,
    pub arrival_rate_per_hour: Option<f64>,
    pub expected_clients: Option<f64>,
}

/// `[season.generate]`: rules for a generated itinerary.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGenerate {
    pub from: TomlDate,
    pub to: TomlDate,
    pub weekdays: Option<Vec<WeekdayName>>,
    pub holidays: Option<Vec<TomlDate>>,
    pub hungarian_days_off: Option<bool>,
    pub decree: Option<Vec<RawDecree>>,
    pub work_decreed_saturdays: Option<bool>,
    pub breaks: Option<Vec<(TomlDate, TomlDate)>>,
    pub day_start: Option<ClockTime>,
    pub day_end: Option<ClockTime>,
    pub depot: Option<String>,
    pub road_factor: Option<f64>,
    pub speed_kmh: Option<f64>,
    pub settlements: Option<SettlementSelection>,
    pub include: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub visits_per_settlement: Option<u32>,
    pub min_days_between_visits: Option<u32>,
    pub max_days_between_visits: Option<u32>,
    pub max_stops_per_day: Option<u32>,
    pub opening_grid_min: Option<u32>,
    pub earliest_opening: Option<ClockTime>,
    pub planner: Option<PlannerKind>,
    pub planner_iterations: Option<u64>,
    pub planner_seed: Option<u64>,
    pub setup_min: Option<u32>,
    pub packup_min: Option<u32>,
    pub venue: Option<Venue>,
    pub dwell: Option<RawDwellPolicy>,
    pub visit: Option<Vec<RawVisit>>,
}

/// `[[season.generate.decree]]`: a year's decreed rest days and worked Saturdays, for a year the
/// built-in table lacks (or to replace its entry).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDecree {
    pub year: i16,
    pub rest_days: Vec<TomlDate>,
    pub working_saturdays: Vec<TomlDate>,
}

/// `season.generate.planner`: how the itinerary is planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum PlannerKind {
    /// The greedy packer alone.
    Greedy,
    /// The greedy packer, then the optimiser (the default).
    Optimised,
}

/// `[[season.generate.visit]]`: a series of extra visits (an employer, a care home) for the generator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVisit {
    pub settlement: String,
    pub venue: Option<Venue>,
    pub label: Option<String>,
    pub dwell_hours: Option<f64>,
    pub visits: Option<u32>,
    pub clerks: Option<u32>,
    pub arrival_rate_per_hour: Option<f64>,
    pub expected_clients: Option<f64>,
}

/// A working weekday in `season.generate.weekdays`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum WeekdayName {
    #[serde(alias = "monday")]
    Mon,
    #[serde(alias = "tuesday")]
    Tue,
    #[serde(alias = "wednesday")]
    Wed,
    #[serde(alias = "thursday")]
    Thu,
    #[serde(alias = "friday")]
    Fri,
    #[serde(alias = "saturday")]
    Sat,
    #[serde(alias = "sunday")]
    Sun,
}

impl WeekdayName {
    /// The jiff weekday.
    pub(super) fn weekday(self) -> jiff::civil::Weekday {
        use jiff::civil::Weekday as W;
        match self {
            WeekdayName::Mon => W::Monday,
            WeekdayName::Tue => W::Tuesday,
            WeekdayName::Wed => W::Wednesday,
            WeekdayName::Thu => W::Thursday,
            WeekdayName::Fri => W::Friday,
            WeekdayName::Sat => W::Saturday,
            WeekdayName::Sun => W::Sunday,
        }
    }
}

/// `season.generate.settlements`: which settlements the generator visits before include/exclude.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum SettlementSelection {
    /// Settlements without a permanent office (`has_government_window = no`).
    WithoutOffice,
    /// Every settlement of the table.
    All,
    /// Only those in `include`.
    None,
}

/// `[season.generate.dwell]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDwellPolicy {
    pub policy: DwellPolicyKind,
    pub hours: Option<f64>,
    pub size: Option<Vec<RawSizeClass>>,
}

/// `season.generate.dwell.policy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum DwellPolicyKind {
    BySize,
    Fixed,
    DemandDriven,
}

/// `[[season.generate.dwell.size]]`: settlements of at least `min_population` stay `hours`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSizeClass {
    pub min_population: u32,
    pub hours: f64,
}

/// `[targets]`: the service level that `staff` and the policy comparison aim for.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTargets {
    pub wait_limit_min: Option<f64>,
    pub min_share_within_wait: Option<f64>,
    pub max_lost_share: Option<f64>,
    pub max_mean_overtime_min: Option<f64>,
    pub max_mean_queue: Option<f64>,
}

/// `[[policy]]`: a dwell policy to compare (by size, fixed, or demand-driven).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPolicy {
    pub name: String,
    pub policy: DwellPolicyKind,
    pub hours: Option<f64>,
    pub size: Option<Vec<RawSizeClass>>,
    pub shortest_hours: Option<f64>,
    pub longest_hours: Option<f64>,
    pub step_min: Option<f64>,
}
