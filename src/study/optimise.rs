//! The season optimiser: which settlements the bus visits, how many times and how long, within a
//! budget of bus-days (and, optionally, of clerk-hours at the stops), to maximise the clients served
//! within the wait target or, with [`Objective::Lost`], to minimise the clients lost plus the
//! demand left unserved.
//!
//! Three steps. (1) Screening: each settlement's stop is simulated on its own streams (common
//! random numbers: the same clients whatever the dwell) at every dwell of the grid, giving the
//! shares of its expected clients served within the wait target and lost. A settlement's expected
//! clients for n visits of h hours over the season are n × the per-visit model's clients, or, under
//! the pending-needs pool, what n evenly spaced visits meet of the pool (more frequent visits meet
//! smaller pools). Its value is the share served within the target times those clients, or under
//! [`Objective::Lost`] its demand (the most clients any of its options meets) less the lost and
//! the unmet: the clients not lost, (1 − lost share) × clients. A plan's screening value is the
//! sum over its settlements; every step below maximises it.
//! (2) Allocation: a multiple-choice knapsack on a time surrogate (each visit takes its dwell plus
//! the practice's mean overhead per stop: driving, set-up, pack-up, waits; the budget is the
//! practice's mean bus-day length times the bus-days), filled greedily by marginal gain per
//! minute and improved by pair moves (one settlement gives up time, another takes it). (3) The
//! itinerary planner checks each allocation: a plan counts only if every visit is placed within
//! the budget of bus-days; the surrogate's capacity is searched by bisection between a plan that
//! fits and one that does not, and the best plan that fits is improved by planner-checked moves.
//! The 2019 practice (the scenario as written) is itself a candidate: the result is never worse
//! than the practice on the screening value.

use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::StudyError;
use crate::demand::StopContext;
use crate::demand::pending::{PoolVisit, venue_month};
use crate::experiment::ExperimentError;
use crate::plan::{DEFAULT_DEMAND_DRIVEN, PolicyChoice};
use crate::scenario::{DemandOrigin, ScenarioText, Season, SeasonStop, Setting, Venue};
use crate::sim::{Engine, PreparedStop, StreamKey};
use crate::vocab::units::{hours_to_minutes, minutes_to_hours};

/// Replications of the screening simulation of one settlement at one dwell: the per-visit mean of
/// served-within-target clients (about 15 clients a visit, sd about 8) to about ±2 clients (95 %),
/// and, since every dwell meets the same clients, far closer between dwells of one settlement.
pub const SCREENING_REPLICATIONS: u32 = 64;
/// Most visits of a settlement considered by default: the 2019 practice returned about every two
/// weeks to monthly elsewhere (DESIGN §2); four in a nine-month season is the monthly end.
pub const DEFAULT_MAX_VISITS: u32 = 4;
/// Most visits of a settlement `--max-visits` may ask for: monthly over a whole year. The pair
/// moves grow with the square of a settlement's options (visits × dwells), so this bounds their work.
pub const MAX_OPTIMISE_VISITS: u32 = 12;
/// Planner calls of the capacity bisection (each one plans a whole season; about 0.6 s for 200
/// visits on this machine).
const CAPACITY_ROUNDS: u32 = 10;
/// Growth of the surrogate capacity when a plan fits and no larger one was tried (one step of 6 %
/// is about the overhead of a visit per bus-day at 3 stops a day).
const CAPACITY_GROWTH: f64 = 1.06;
/// Planner calls of the move search on the best plan that fits (with the practice and the
/// capacity bisection, at most 59 calls: about twice the time of the 24 moves the first version
/// tried, measured on the 2020 plan; see docs/planning.md).
const MAX_CHECKED_MOVES: usize = 48;
/// Moves kept, best first, from each scan of the neighbourhood of the best plan (the planner is
/// asked about them in that order until one fits; more than the calls, since moves dominated by a
/// plan that did not fit are skipped without a call).
const MOVE_LIST: usize = 4 * MAX_CHECKED_MOVES;
/// Passes of pair moves on the surrogate (each applies the best pair move; the allocation
/// converges in far fewer on the shipped scenarios).
const MAX_PAIR_PASSES: usize = 400;
/// A gain smaller than this (clients) is no gain: sums of the same values in another order differ
/// by rounding only.
const GAIN_EPS: f64 = 1e-9;

/// What the optimiser maximises (`--objective`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Objective {
    /// The clients served within the wait target (issue 12's target).
    #[default]
    ServedWithinTarget,
    /// The clients lost at the stops (reneged, balked, sent home) plus the demand left unserved
    /// (a settlement's demand, the most clients any of its options meets, less the clients of the
    /// option chosen), minimised.
    Lost,
}

/// What the optimiser is asked.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimiseRequest {
    /// What the plan is chosen for.
    pub objective: Objective,
    /// Most bus-days of the plan (`None`: the bus-days of the scenario's own plan).
    pub budget_bus_days: Option<usize>,
    /// Most clerk-hours at the stops as planned, clerks × dwell (`None`: no limit).
    pub budget_clerk_hours: Option<f64>,
    /// Most visits of one settlement.
    pub max_visits: u32,
    /// Replications of the screening simulation.
    pub screening_replications: u32,
    /// Seed of the screening simulation (the scenario's seed by default).
    pub seed: u64,
}

/// One option of a settlement: how many visits and how long each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SettlementOption {
    /// Visits in the season (0: not visited).
    pub visits: u32,
    /// Dwell of each visit, hours.
    pub dwell_hours: f64,
    /// Screening value, higher is better: expected clients served within the wait target over all
    /// its visits (the simulated share at this dwell × the expected clients), or under
    /// [`Objective::Lost`] the expected clients not lost ((1 − the lost share) × the clients).
    pub value: f64,
    /// Surrogate time of all its visits, minutes (dwell plus the practice's overhead per stop).
    pub busy_min: f64,
    /// Clerk-hours of all its visits as planned, clerks × dwell.
    pub clerk_hours: f64,
}

/// A settlement the optimiser chooses for, with its options (the first: not visited).
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenedSettlement {
    pub settlement: String,
    pub venue: Venue,
    /// Clerks of its stops (as the scenario's plan gives them).
    pub clerks: u32,
    pub options: Vec<SettlementOption>,
    /// Index in `options` of what the scenario's own plan does.
    pub practice: usize,
    /// Its demand, clients: the most any of its options meets over the season (under
    /// [`Objective::Lost`], what an option does not meet counts as unserved).
    pub demand: f64,
}

/// What the screening simulation measured of a settlement at one dwell, as shares of its expected
/// clients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DwellShares {
    pub dwell_hours: f64,
    /// Served within the wait target ÷ expected clients.
    pub within_target: f64,
    /// Lost (reneged, balked, sent home) ÷ expected clients.
    pub lost: f64,
}

/// What a settlement's options are made of besides the screening's shares.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptionRules {
    /// Most visits the optimiser may choose.
    pub max_visits: u32,
    /// Visits and dwell (hours) of the settlement in the scenario's own plan (always an option).
    pub practice_visits: u32,
    pub practice_hours: f64,
    /// Clerks of its stops.
    pub clerks: u32,
    /// Surrogate time of a visit besides its dwell, minutes.
    pub overhead_min: f64,
}

/// The screening model of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Screening {
    /// What the options' values measure.
    pub objective: Objective,
    pub settlements: Vec<ScreenedSettlement>,
    /// Dwell grid, hours (the scenario's demand-driven range, else 2–5 h in half hours).
    pub grid_hours: Vec<f64>,
    /// Mean time per stop besides the dwell in the scenario's plan (driving, set-up, pack-up,
    /// waits for the opening grid), minutes.
    pub overhead_min: f64,
    /// Mean length of a bus-day of the scenario's plan (leaving to back at the depot), minutes.
    pub day_min: f64,
    /// Bus-days of the scenario's plan.
    pub practice_bus_days: usize,
}

/// A plan: the option index of each settlement of the screening, in its order.
pub type Plan = Vec<usize>;

impl Screening {
    /// The screening value of `plan`: clients served within the wait target, expected.
    pub fn value(&self, plan: &[usize]) -> f64 {
        self.sum(plan, |o| o.value)
    }

    /// The objective's figure of `plan`, expected clients: served within the wait target, or under
    /// [`Objective::Lost`] lost plus unserved (the demand less the value).
    pub fn figure(&self, plan: &[usize]) -> f64 {
        match self.objective {
            Objective::ServedWithinTarget => self.value(plan),
            Objective::Lost => self.demand() - self.value(plan),
        }
    }

    /// The objective's figure of a screening value (see [`Self::figure`]).
    pub fn figure_of(&self, value: f64) -> f64 {
        match self.objective {
            Objective::ServedWithinTarget => value,
            Objective::Lost => self.demand() - value,
        }
    }

    /// The demand of every settlement, clients ([`ScreenedSettlement::demand`]).
    pub fn demand(&self) -> f64 {
        self.settlements.iter().map(|s| s.demand).sum()
    }

    /// Clerk-hours of `plan` at its stops as planned.
    pub fn clerk_hours(&self, plan: &[usize]) -> f64 {
        self.sum(plan, |o| o.clerk_hours)
    }

    /// Surrogate time of `plan`, minutes.
    pub fn busy_min(&self, plan: &[usize]) -> f64 {
        self.sum(plan, |o| o.busy_min)
    }

    fn sum(&self, plan: &[usize], field: impl Fn(&SettlementOption) -> f64) -> f64 {
        self.settlements
            .iter()
            .zip(plan)
            .map(|(s, &o)| field(&s.options[o]))
            .sum()
    }

    /// The scenario's own plan.
    pub fn practice(&self) -> Plan {
        self.settlements.iter().map(|s| s.practice).collect()
    }

    /// The `--set` values that turn the scenario into `plan`: only its visit series, with their
    /// visits and dwell, named `name`.
    pub fn settings(&self, plan: &[usize], name: &str) -> Vec<Setting> {
        let series: Vec<String> = self
            .settlements
            .iter()
            .zip(plan)
            .filter(|&(s, &o)| s.options[o].visits > 0)
            .map(|(s, &o)| {
                let option = s.options[o];
                format!(
                    "{{ settlement = {}, venue = \"{}\", dwell_hours = {}, visits = {} }}",
                    toml::Value::String(s.settlement.clone()),
                    s.venue.as_str(),
                    option.dwell_hours,
                    option.visits
                )
            })
            .collect();
        let set = |key: &str, value: String| Setting { key: key.into(), value };
        vec![
            set("name", toml::Value::String(name.into()).to_string()),
            set("season.generate.settlements", "\"none\"".into()),
            set("season.generate.include", "[]".into()),
            set("season.generate.exclude", "[]".into()),
            set("season.generate.visit", format!("[{}]", series.join(", "))),
        ]
    }
}

/// The budget a plan must fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    pub bus_days: usize,
    /// Clerk-hours at the stops as planned (`None`: no limit).
    pub clerk_hours: Option<f64>,
}

/// What the itinerary planner made of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub plan: Plan,
    pub season: Season,
    pub bus_days: usize,
    /// Wanted visits the planner could not place.
    pub unplaced: usize,
    pub fits: bool,
}

/// A step of the optimiser, for its progress lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OptimiseStep {
    /// Screening `settlements` settlements at `dwells` dwells.
    Screening { settlements: usize, dwells: usize },
    /// Planner check `call` of the capacity search or the moves.
    Planning { call: u32 },
}

/// The optimiser's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Optimised {
    pub screening: Screening,
    pub budget: Budget,
    /// The chosen plan, planned.
    pub best: Checked,
    /// Screening value of the chosen plan and of the scenario's own plan, clients.
    pub value: f64,
    pub practice_value: f64,
    /// The surrogate's upper bound at the budget ([`surrogate_bound`]), clients.
    pub bound: f64,
    /// True when no plan found beat the scenario's own plan (then it is the answer).
    pub practice_kept: bool,
    /// Planner calls made.
    pub planner_calls: u32,
}

/// Why a scenario cannot be optimised (bad input).
fn refuse(origin: &str, message: &str) -> StudyError {
    StudyError::Optimise(format!("{origin}: {message}"))
}

/// The screening model of `base` (a generated season whose stops are its settlements' own visits).
pub fn screen(base: &Season, origin: &str, request: &OptimiseRequest) -> Result<Screening, StudyError> {
    let Some(itinerary) = &base.itinerary else {
        return Err(refuse(
            origin,
            "optimise plans a generated season, and this scenario lists its stops\n  help: give the rules of the \
             season in [season.generate] (see scenarios/2020-plan.toml)",
        ));
    };
    if let Some(stop) = base
        .stops
        .iter()
        .find(|s| s.label.is_some() || !matches!(s.demand_origin, DemandOrigin::Model { .. }))
    {
        return Err(refuse(
            origin,
            &format!(
                "optimise chooses among the settlements' own visits, and the stop of {} on {} is a visit series \
                 or has its demand given\n  help: leave out [[season.generate.visit]] and [[season.stop]] (e.g. \
                 --set season.generate.visit=[])",
                stop.settlement, stop.date
            ),
        ));
    }
    if itinerary.days.is_empty() {
        return Err(refuse(origin, "the scenario's plan has no bus-day"));
    }
    let grid_hours = dwell_grid(base);
    let stops = itinerary.stops.len() as f64;
    let busy: f64 = itinerary
        .days
        .iter()
        .map(|d| f64::from(d.back_at_depot_min.saturating_sub(d.leave_depot_min)))
        .sum();
    let dwell: f64 = itinerary.stops.iter().map(|s| f64::from(s.dwell_min)).sum();
    let overhead_min = (busy - dwell) / stops;
    let day_min = busy / itinerary.days.len() as f64;
    let day_overhead = day_overheads(itinerary);
    // The first stop of each settlement is its reference: its spec at each dwell is screened.
    let mut first: Vec<usize> = Vec::new();
    for (i, stop) in base.stops.iter().enumerate() {
        if !first.iter().any(|&f| base.stops[f].settlement == stop.settlement) {
            first.push(i);
        }
    }
    let settlements = first
        .par_iter()
        .map(|&i| {
            let settlement = &base.stops[i].settlement;
            // The settlement's own overhead: the mean over its stops of their day's share.
            let shares: Vec<f64> = itinerary
                .stops
                .iter()
                .filter(|s| s.place.name == *settlement)
                .filter_map(|s| day_overhead.iter().find(|(d, _)| *d == s.date).map(|(_, o)| *o))
                .collect();
            let own = if shares.is_empty() {
                overhead_min
            } else {
                shares.iter().sum::<f64>() / shares.len() as f64
            };
            screen_settlement(base, i, &grid_hours, own, request)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Screening {
        objective: request.objective,
        settlements,
        grid_hours,
        overhead_min,
        day_min,
        practice_bus_days: itinerary.days.len(),
    })
}

/// Per bus-day of the plan: its time besides the dwells (driving there and back, set-up, pack-up,
/// waits), shared equally among its stops, minutes per stop. A settlement far from the depot has
/// long days with few stops, so its visits take more of the budget.
fn day_overheads(itinerary: &crate::plan::Itinerary) -> Vec<(jiff::civil::Date, f64)> {
    itinerary
        .days
        .iter()
        .filter(|d| d.stops > 0)
        .map(|d| {
            let dwell: f64 = itinerary
                .stops
                .iter()
                .filter(|s| s.date == d.date)
                .map(|s| f64::from(s.dwell_min))
                .sum();
            let busy = f64::from(d.back_at_depot_min.saturating_sub(d.leave_depot_min));
            (d.date, (busy - dwell).max(0.0) / d.stops as f64)
        })
        .collect()
}

/// The dwell grid: the scenario's demand-driven policy's range, else the default 2–5 h.
fn dwell_grid(base: &Season) -> Vec<f64> {
    let range = base
        .policies
        .iter()
        .find_map(|p| match &p.choice {
            PolicyChoice::DemandDriven(range) => Some(*range),
            PolicyChoice::Rule(_) => None,
        })
        .unwrap_or(DEFAULT_DEMAND_DRIVEN);
    let mut grid = Vec::new();
    let mut minutes = hours_to_minutes(range.shortest_hours);
    while minutes <= hours_to_minutes(range.longest_hours) + GAIN_EPS {
        grid.push(minutes_to_hours(minutes));
        minutes += range.step_min;
    }
    grid
}

fn screen_settlement(
    base: &Season,
    index: usize,
    grid: &[f64],
    overhead_min: f64,
    request: &OptimiseRequest,
) -> Result<ScreenedSettlement, StudyError> {
    let stop = &base.stops[index];
    let practice_visits = base.stops.iter().filter(|s| s.settlement == stop.settlement).count() as u32;
    let practice_hours = stop.dwell_hours();
    let clerks = stop.spec.clerks;
    let mut dwells: Vec<f64> = grid.to_vec();
    if !dwells.iter().any(|&d| (d - practice_hours).abs() < GAIN_EPS) {
        dwells.push(practice_hours);
    }
    let stream = stop.search_stream(1);
    let shares = dwells
        .iter()
        .map(|&hours| {
            let spec = base.spec_with_dwell(stop, hours).map_err(|source| StudyError::Stop {
                stop: format!("{} {}", stop.index + 1, stop.settlement),
                source,
            })?;
            let prepared = PreparedStop::new(&spec).map_err(|source| StudyError::Stop {
                stop: format!("{} {}", stop.index + 1, stop.settlement),
                source,
            })?;
            let mut engine = Engine::new();
            let (mut within, mut lost) = (0_u64, 0_u64);
            for replication in 0..u64::from(request.screening_replications) {
                let key = StreamKey {
                    seed: request.seed,
                    stop: stream,
                    replication,
                };
                let outcome = prepared.simulate(&mut engine, key);
                within += u64::from(outcome.served_within_target);
                lost += u64::from(outcome.reneged + outcome.balked + outcome.turned_away);
            }
            let clients = spec.arrivals.expected_arrivals() * f64::from(request.screening_replications);
            let share = |total: u64| if clients > 0.0 { total as f64 / clients } else { 0.0 };
            Ok(DwellShares {
                dwell_hours: hours,
                within_target: share(within),
                lost: share(lost),
            })
        })
        .collect::<Result<Vec<DwellShares>, StudyError>>()?;
    let rules = OptionRules {
        max_visits: request.max_visits,
        practice_visits,
        practice_hours,
        clerks,
        overhead_min,
    };
    let (options, practice, demand) = settlement_options(request.objective, grid, &shares, &rules, |visits, hours| {
        season_clients(base, stop, visits, hours)
    });
    Ok(ScreenedSettlement {
        settlement: stop.settlement.clone(),
        venue: stop.venue,
        clerks,
        options,
        practice,
        demand,
    })
}

/// A settlement's options (the first: not visited; then every visits count up to the most, at
/// every dwell of `grid`, and the practice's own), the index of the practice's option and the
/// settlement's demand (the most clients of any option). `clients(visits, hours)` gives the
/// expected clients of the season's visits; the value follows `objective` ([`SettlementOption::value`]).
pub fn settlement_options(
    objective: Objective,
    grid: &[f64],
    shares: &[DwellShares],
    rules: &OptionRules,
    clients: impl Fn(u32, f64) -> f64,
) -> (Vec<SettlementOption>, usize, f64) {
    let mut options = vec![SettlementOption {
        visits: 0,
        dwell_hours: 0.0,
        value: 0.0,
        busy_min: 0.0,
        clerk_hours: 0.0,
    }];
    let (mut practice, mut demand) = (0, 0.0_f64);
    for visits in 1..=rules.max_visits.max(rules.practice_visits) {
        for share in shares {
            let hours = share.dwell_hours;
            let on_grid = grid.iter().any(|&d| (d - hours).abs() < GAIN_EPS);
            let is_practice = visits == rules.practice_visits && (hours - rules.practice_hours).abs() < GAIN_EPS;
            if !(on_grid && visits <= rules.max_visits || is_practice) {
                continue;
            }
            if is_practice {
                practice = options.len();
            }
            let n = f64::from(visits);
            let season = clients(visits, hours);
            demand = demand.max(season);
            options.push(SettlementOption {
                visits,
                dwell_hours: hours,
                value: match objective {
                    Objective::ServedWithinTarget => share.within_target * season,
                    Objective::Lost => (1.0 - share.lost) * season,
                },
                busy_min: n * (hours_to_minutes(hours) + rules.overhead_min),
                clerk_hours: n * f64::from(rules.clerks) * hours,
            });
        }
    }
    (options, practice, demand)
}

/// Expected clients of `visits` visits of `hours` each to the settlement of `stop`, spread evenly
/// over the scenario's season: the per-visit model's clients times the visits, or under the
/// pending-needs pool the flow part plus what each visit meets of the pool the gaps leave
/// (docs/demand.md), so that more frequent visits meet smaller pools.
fn season_clients(base: &Season, stop: &SeasonStop, visits: u32, hours: f64) -> f64 {
    let DemandOrigin::Model { population, office_km } = stop.demand_origin else {
        return 0.0;
    };
    let model = &base.demand.model;
    let per_visit = model.expected_clients(&StopContext {
        population,
        office_km,
        venue: stop.venue,
        month: stop.date.month(),
        dwell_hours: hours,
    });
    let Some(pool) = &base.demand.pending else {
        return f64::from(visits) * per_visit;
    };
    let (first, last) = (base.stops[0].date, base.stops[base.stops.len() - 1].date);
    let span_days = f64::from((last - first).get_days());
    let capture = pool.capture(hours, venue_month(model, stop.venue, stop.date.month()));
    let times: Vec<PoolVisit> = (0..visits)
        .map(|k| PoolVisit {
            time_days: span_days * f64::from(2 * k + 1) / f64::from(2 * visits),
            capture,
        })
        .collect();
    let pools = pool.pools_before(
        &times,
        pool.accrual_per_day(model.base_rate, model.population_factor(population)),
        pool.leak_per_day(office_km),
    );
    pools.iter().map(|&p| pool.visit_clients(per_visit, capture, p)).sum()
}

/// Resolves `plan` as a season of the scenario `text` and checks it against `budget`.
pub fn check_plan(
    text: &ScenarioText,
    screening: &Screening,
    plan: &[usize],
    name: &str,
    budget: &Budget,
) -> Result<Checked, StudyError> {
    if plan
        .iter()
        .zip(&screening.settlements)
        .all(|(&o, s)| s.options[o].visits == 0)
    {
        return Err(StudyError::Optimise("a plan without any visit".into()));
    }
    let season = text
        .clone()
        .with_settings(&screening.settings(plan, name))
        .resolve(None)?;
    let (bus_days, unplaced) = season
        .itinerary
        .as_ref()
        .map_or((0, 0), |i| (i.days.len(), i.unplaced.len()));
    let clerk_ok = budget
        .clerk_hours
        .is_none_or(|h| screening.clerk_hours(plan) <= h + GAIN_EPS);
    Ok(Checked {
        plan: plan.to_vec(),
        season,
        bus_days,
        unplaced,
        fits: unplaced == 0 && bus_days <= budget.bus_days && clerk_ok,
    })
}

/// Chooses the plan: screening, the capacity search, planner-checked moves (see the module's text).
pub fn optimise_season(
    text: &ScenarioText,
    base: &Season,
    request: &OptimiseRequest,
    progress: &(dyn Fn(OptimiseStep) + Sync),
) -> Result<Optimised, StudyError> {
    let origin = text.origin.as_str();
    if request.max_visits == 0 {
        return Err(refuse(origin, "--max-visits must be at least 1"));
    }
    if request.screening_replications < 2 {
        return Err(StudyError::Experiment(ExperimentError::TooFewReplications(
            request.screening_replications,
        )));
    }
    progress(OptimiseStep::Screening {
        settlements: base
            .stops
            .iter()
            .map(|s| &s.settlement)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        dwells: dwell_grid(base).len(),
    });
    let screening = screen(base, origin, request)?;
    let budget = Budget {
        bus_days: request.budget_bus_days.unwrap_or(screening.practice_bus_days),
        clerk_hours: request.budget_clerk_hours,
    };
    if budget.bus_days == 0 {
        return Err(refuse(origin, "--budget-bus-days must be at least 1"));
    }
    let mut search = Search {
        text,
        screening: &screening,
        budget,
        name: format!("{}-optimised", base.name),
        progress,
        calls: 0,
        tried: Vec::new(),
        best: None,
    };
    // The practice first: at its own budget it fits by construction.
    let practice = screening.practice();
    search.check(&practice)?;
    search.capacity_search()?;
    if search.best.is_none() {
        return Err(refuse(
            origin,
            &format!(
                "no plan within {} bus-days places every visit\n  help: raise --budget-bus-days or --budget-clerk-hours",
                budget.bus_days
            ),
        ));
    }
    search.checked_moves()?;
    let calls = search.calls;
    let mut best = search.best.take().expect("a plan that fits was found above");
    let base_days = base.itinerary.as_ref().map_or(0, |i| i.days.len());
    if best.plan == practice && base_days <= budget.bus_days {
        // The scenario's own plan is the answer: keep its season as planned (the visit series
        // may be packed in another order), under the optimised name.
        best.season = Season {
            name: search.name.clone(),
            ..base.clone()
        };
        best.bus_days = base_days;
    }
    let value = screening.value(&best.plan);
    let practice_value = screening.value(&practice);
    Ok(Optimised {
        bound: surrogate_bound(&screening, screening.day_min * budget.bus_days as f64),
        practice_kept: best.plan == practice,
        best,
        value,
        practice_value,
        budget,
        screening,
        planner_calls: calls,
    })
}

/// The state of the search: the plans planned so far and the best one that fits.
struct Search<'a> {
    text: &'a ScenarioText,
    screening: &'a Screening,
    budget: Budget,
    /// Name of the planned seasons.
    name: String,
    progress: &'a (dyn Fn(OptimiseStep) + Sync),
    calls: u32,
    /// Every plan planned so far with whether it fits: a plan met again is not planned again.
    tried: Vec<(Plan, bool)>,
    best: Option<Checked>,
}

impl Search<'_> {
    fn clerk_cap(&self) -> f64 {
        self.budget.clerk_hours.unwrap_or(f64::INFINITY)
    }

    /// Plans `plan` (unless it was planned before) and keeps it if it fits and beats the best;
    /// returns whether it fits and its bus-days (`None`: planned before).
    fn check(&mut self, plan: &[usize]) -> Result<(bool, Option<usize>), StudyError> {
        if let Some(&(_, fits)) = self.tried.iter().find(|(p, _)| p == plan) {
            return Ok((fits, None));
        }
        self.calls += 1;
        (self.progress)(OptimiseStep::Planning { call: self.calls });
        let checked = check_plan(self.text, self.screening, plan, &self.name, &self.budget)?;
        let (fits, days) = (checked.fits, checked.bus_days);
        self.tried.push((plan.to_vec(), fits));
        let value = |p: &[usize]| self.screening.value(p);
        if fits
            && self
                .best
                .as_ref()
                .is_none_or(|b| value(&checked.plan) > value(&b.plan) + GAIN_EPS)
        {
            self.best = Some(checked);
        }
        Ok((fits, Some(days)))
    }

    /// Bisection on the surrogate's capacity between an allocation that fits and one that does not.
    fn capacity_search(&mut self) -> Result<(), StudyError> {
        let bus_days = self.budget.bus_days as f64;
        let (mut fits_at, mut fails_at): (Option<f64>, Option<f64>) = (None, None);
        let mut capacity = self.screening.day_min * bus_days;
        for _ in 0..CAPACITY_ROUNDS {
            let plan = allocate(self.screening, capacity, self.clerk_cap());
            let (fits, days) = self.check(&plan)?;
            if let (false, Some(days), None, None) = (fits, days, fits_at, fails_at) {
                // First miss: shrink by the planner's overshoot before bisecting.
                fails_at = Some(capacity);
                capacity *= bus_days / days.max(self.budget.bus_days + 1) as f64;
                continue;
            }
            if fits {
                fits_at = Some(capacity);
            } else {
                fails_at = Some(capacity);
            }
            capacity = match (fits_at, fails_at) {
                (Some(lo), Some(hi)) => f64::midpoint(lo, hi),
                (Some(lo), None) => lo * CAPACITY_GROWTH,
                (None, Some(hi)) => hi / CAPACITY_GROWTH,
                (None, None) => capacity,
            };
        }
        Ok(())
    }

    /// Planner-checked local search on the best plan that fits: its single and pair changes that
    /// gain on the screening value, whatever they do to the surrogate time, best first by their
    /// gain less the surrogate's price of the time they add ([`marginal_rate`]); moves that ask at
    /// least as much of every settlement as a plan that did not fit are skipped. The first move
    /// that fits becomes the best and the neighbourhood is scanned again from it; the search ends
    /// when no move of a scan fits or after [`MAX_CHECKED_MOVES`] planner calls.
    fn checked_moves(&mut self) -> Result<(), StudyError> {
        let mut checked = 0;
        'improve: while checked < MAX_CHECKED_MOVES {
            let Some(best) = &self.best else { return Ok(()) };
            let price = marginal_rate(self.screening, self.screening.busy_min(&best.plan));
            for plan in improving_moves(self.screening, &best.plan, self.clerk_cap(), price) {
                if checked >= MAX_CHECKED_MOVES {
                    break 'improve;
                }
                if self
                    .tried
                    .iter()
                    .any(|(p, fits)| *p == plan || !fits && asks_at_least(self.screening, &plan, p))
                {
                    continue;
                }
                checked += 1;
                if self.check(&plan)?.0 {
                    continue 'improve;
                }
            }
            break;
        }
        Ok(())
    }
}

/// The largest screening value of any allocation whose surrogate time is at most `capacity_min`
/// if visits could be split: the linear relaxation of the multiple-choice knapsack (each
/// settlement's options on their upper concave hull of time against value, the hull's steps taken
/// by falling gain per minute across settlements, the last one in part). It bounds every allocation
/// [`allocate`] can give at that capacity; it bounds a planner-checked plan only as far as the
/// surrogate's time per visit is right (the clerk-hours limit is left out, which only raises it).
pub fn surrogate_bound(screening: &Screening, capacity_min: f64) -> f64 {
    let mut left = capacity_min;
    let mut value = 0.0;
    for (per_min, minutes) in hull_steps(screening) {
        if left <= 0.0 {
            break;
        }
        let take = minutes.min(left);
        value += per_min * take;
        left -= take;
    }
    value
}

/// The steps of every settlement's upper concave hull of surrogate time against value, as
/// (gain per minute, minutes), by falling gain per minute.
fn hull_steps(screening: &Screening) -> Vec<(f64, f64)> {
    // (gain per minute, minutes) of every hull step.
    let mut steps: Vec<(f64, f64)> = Vec::new();
    for settlement in &screening.settlements {
        let mut points: Vec<(f64, f64)> = settlement.options.iter().map(|o| (o.busy_min, o.value)).collect();
        points.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
        let mut hull: Vec<(f64, f64)> = vec![(0.0, 0.0)];
        for p in points {
            if p.1 <= hull[hull.len() - 1].1 {
                continue;
            }
            while let [.., a, b] = hull[..] {
                // b lies on or below the chord from a to p: not on the upper hull.
                if (b.1 - a.1) * (p.0 - a.0) <= (p.1 - a.1) * (b.0 - a.0) {
                    hull.pop();
                } else {
                    break;
                }
            }
            hull.push(p);
        }
        steps.extend(
            hull.windows(2)
                .map(|w| ((w[1].1 - w[0].1) / (w[1].0 - w[0].0), w[1].0 - w[0].0)),
        );
    }
    steps.sort_by(|a, b| b.0.total_cmp(&a.0));
    steps
}

/// The multiple-choice knapsack on the surrogate: from nothing, repeatedly the single change with
/// the best gain per minute that fits, then the best pair move while one gains.
pub fn allocate(screening: &Screening, capacity_min: f64, clerk_cap: f64) -> Plan {
    let mut plan: Plan = vec![0; screening.settlements.len()];
    fill(screening, &mut plan, capacity_min, clerk_cap);
    for _ in 0..MAX_PAIR_PASSES {
        if !best_pair_move(screening, &mut plan, capacity_min, clerk_cap) {
            break;
        }
        fill(screening, &mut plan, capacity_min, clerk_cap);
    }
    plan
}

/// Greedy single changes: the best gain per added minute (a change that frees time and gains
/// first) until none fits.
fn fill(screening: &Screening, plan: &mut Plan, capacity_min: f64, clerk_cap: f64) {
    loop {
        let busy = screening.busy_min(plan);
        let clerks = screening.clerk_hours(plan);
        let mut chosen: Option<(f64, f64, usize, usize)> = None;
        for (s, settlement) in screening.settlements.iter().enumerate() {
            let now = settlement.options[plan[s]];
            for (o, option) in settlement.options.iter().enumerate() {
                let gain = option.value - now.value;
                let more = option.busy_min - now.busy_min;
                if gain <= GAIN_EPS
                    || busy + more > capacity_min + GAIN_EPS
                    || clerks + option.clerk_hours - now.clerk_hours > clerk_cap + GAIN_EPS
                {
                    continue;
                }
                let score = if more <= 0.0 { f64::INFINITY } else { gain / more };
                if chosen.is_none_or(|(best, best_gain, _, _)| score > best || (score == best && gain > best_gain)) {
                    chosen = Some((score, gain, s, o));
                }
            }
        }
        match chosen {
            Some((_, _, s, o)) => plan[s] = o,
            None => return,
        }
    }
}

/// Applies the pair move (two settlements change options) with the largest gain that fits; false
/// when none gains.
fn best_pair_move(screening: &Screening, plan: &mut Plan, capacity_min: f64, clerk_cap: f64) -> bool {
    let busy = screening.busy_min(plan);
    let clerks = screening.clerk_hours(plan);
    let mut chosen: Option<(f64, usize, usize, usize, usize)> = None;
    let sets = &screening.settlements;
    for (a, sa) in sets.iter().enumerate() {
        let now_a = sa.options[plan[a]];
        for (oa, option_a) in sa.options.iter().enumerate() {
            if oa == plan[a] {
                continue;
            }
            let (gain_a, more_a) = (option_a.value - now_a.value, option_a.busy_min - now_a.busy_min);
            let clerks_a = option_a.clerk_hours - now_a.clerk_hours;
            for (b, sb) in sets.iter().enumerate().skip(a + 1) {
                let now_b = sb.options[plan[b]];
                for (ob, option_b) in sb.options.iter().enumerate() {
                    if ob == plan[b] {
                        continue;
                    }
                    let gain = gain_a + option_b.value - now_b.value;
                    if gain <= GAIN_EPS || chosen.is_some_and(|c| gain <= c.0) {
                        continue;
                    }
                    if busy + more_a + option_b.busy_min - now_b.busy_min > capacity_min + GAIN_EPS
                        || clerks + clerks_a + option_b.clerk_hours - now_b.clerk_hours > clerk_cap + GAIN_EPS
                    {
                        continue;
                    }
                    chosen = Some((gain, a, oa, b, ob));
                }
            }
        }
    }
    match chosen {
        Some((_, a, oa, b, ob)) => {
            plan[a] = oa;
            plan[b] = ob;
            true
        }
        None => false,
    }
}

/// Whether `plan` asks at least as much of every settlement as `other`: as many visits or more,
/// each as long or longer (a planner that could not fit `other` has no more room for `plan`).
fn asks_at_least(screening: &Screening, plan: &[usize], other: &[usize]) -> bool {
    screening
        .settlements
        .iter()
        .zip(plan.iter().zip(other))
        .all(|(s, (&a, &b))| {
            let (a, b) = (s.options[a], s.options[b]);
            b.visits == 0 || a.visits >= b.visits && a.dwell_hours >= b.dwell_hours - GAIN_EPS
        })
}

/// The surrogate's price of a minute at `capacity_min`: the gain per minute of the step of the
/// linear relaxation ([`surrogate_bound`]) that the capacity ends in (0 past the last step).
fn marginal_rate(screening: &Screening, capacity_min: f64) -> f64 {
    let mut left = capacity_min;
    for (per_min, minutes) in hull_steps(screening) {
        if left < minutes {
            return per_min;
        }
        left -= minutes;
    }
    0.0
}

/// Plans one or two changes away from `plan` that gain on the screening value and keep within the
/// clerk-hours, at most [`MOVE_LIST`], best first by the gain less `price` × the surrogate minutes
/// added (then the larger gain, then the order found).
fn improving_moves(screening: &Screening, plan: &[usize], clerk_cap: f64, price: f64) -> Vec<Plan> {
    /// A move by its score, ordered so that the heap's top is the worst move kept (the smallest
    /// score, then the smallest gain, then the latest found), for a deterministic top list.
    #[derive(PartialEq)]
    struct Move(f64, f64, usize, Vec<(usize, usize)>);
    impl Eq for Move {}
    impl PartialOrd for Move {
        fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Move {
        fn cmp(&self, other: &Self) -> std::cmp::Ordering {
            other
                .0
                .total_cmp(&self.0)
                .then(other.1.total_cmp(&self.1))
                .then(self.2.cmp(&other.2))
        }
    }
    let mut heap: BinaryHeap<Move> = BinaryHeap::new();
    let mut found = 0;
    let clerks = screening.clerk_hours(plan);
    let mut offer = |gain: f64, more: f64, changes: Vec<(usize, usize)>, heap: &mut BinaryHeap<Move>| {
        found += 1;
        let score = gain - price * more;
        if heap.len() >= MOVE_LIST && heap.peek().is_some_and(|worst| (score, gain) <= (worst.0, worst.1)) {
            return;
        }
        heap.push(Move(score, gain, found, changes));
        if heap.len() > MOVE_LIST {
            heap.pop();
        }
    };
    let sets = &screening.settlements;
    for (a, sa) in sets.iter().enumerate() {
        let now_a = sa.options[plan[a]];
        for (oa, option_a) in sa.options.iter().enumerate() {
            if oa == plan[a] {
                continue;
            }
            let gain_a = option_a.value - now_a.value;
            let more_a = option_a.busy_min - now_a.busy_min;
            let clerks_a = option_a.clerk_hours - now_a.clerk_hours;
            if gain_a > GAIN_EPS && clerks + clerks_a <= clerk_cap + GAIN_EPS {
                offer(gain_a, more_a, vec![(a, oa)], &mut heap);
            }
            for (b, sb) in sets.iter().enumerate().skip(a + 1) {
                let now_b = sb.options[plan[b]];
                for (ob, option_b) in sb.options.iter().enumerate() {
                    let gain = gain_a + option_b.value - now_b.value;
                    if ob == plan[b]
                        || gain <= GAIN_EPS
                        || clerks + clerks_a + option_b.clerk_hours - now_b.clerk_hours > clerk_cap + GAIN_EPS
                    {
                        continue;
                    }
                    let more = more_a + option_b.busy_min - now_b.busy_min;
                    offer(gain, more, vec![(a, oa), (b, ob)], &mut heap);
                }
            }
        }
    }
    heap.into_sorted_vec()
        .into_iter()
        .map(|m| {
            let mut next = plan.to_vec();
            for (s, o) in m.3 {
                next[s] = o;
            }
            next
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(visits: u32, busy_min: f64, value: f64) -> SettlementOption {
        SettlementOption {
            visits,
            dwell_hours: 2.0,
            value,
            busy_min,
            clerk_hours: 0.0,
        }
    }

    /// Two settlements: A gains 10 in 100 min, then 4 more in 100 more (or 11 in 150, below
    /// its hull); B gains 6 in 100 min.
    fn screening() -> Screening {
        let settlement = |name: &str, options: Vec<SettlementOption>| ScreenedSettlement {
            settlement: name.into(),
            venue: Venue::Municipality,
            clerks: 1,
            options,
            practice: 0,
            demand: 0.0,
        };
        Screening {
            objective: Objective::ServedWithinTarget,
            settlements: vec![
                settlement(
                    "A",
                    vec![
                        option(0, 0.0, 0.0),
                        option(1, 100.0, 10.0),
                        option(1, 150.0, 11.0),
                        option(2, 200.0, 14.0),
                    ],
                ),
                settlement("B", vec![option(0, 0.0, 0.0), option(1, 100.0, 6.0)]),
            ],
            grid_hours: vec![2.0],
            overhead_min: 0.0,
            day_min: 100.0,
            practice_bus_days: 1,
        }
    }

    #[test]
    fn the_bound_is_the_linear_relaxation_worked_by_hand() {
        let s = screening();
        // Steps by gain per minute: A 0.1 × 100, B 0.06 × 100, A 0.04 × 100.
        assert!((surrogate_bound(&s, 100.0) - 10.0).abs() < 1e-12);
        assert!((surrogate_bound(&s, 150.0) - 13.0).abs() < 1e-12);
        assert!((surrogate_bound(&s, 250.0) - 18.0).abs() < 1e-12);
        assert!((surrogate_bound(&s, 1000.0) - 20.0).abs() < 1e-12);
    }

    #[test]
    fn the_price_of_a_minute_is_the_step_the_capacity_ends_in() {
        let s = screening();
        // Steps by gain per minute: A 0.1 × 100, B 0.06 × 100, A 0.04 × 100.
        assert_eq!(marginal_rate(&s, 50.0), 0.1);
        assert_eq!(marginal_rate(&s, 150.0), 0.06);
        assert_eq!(marginal_rate(&s, 250.0), 0.04);
        assert_eq!(marginal_rate(&s, 300.0), 0.0);
    }

    #[test]
    fn a_plan_asks_at_least_another_when_no_settlement_asks_less() {
        let mut s = screening();
        s.settlements[0].options[2].dwell_hours = 3.0;
        // A: 0 none, 1 once 2 h, 2 once 3 h, 3 twice 2 h; B: 0 none, 1 once 2 h.
        assert!(asks_at_least(&s, &[2, 1], &[1, 1]));
        assert!(asks_at_least(&s, &[1, 1], &[1, 0]));
        assert!(asks_at_least(&s, &[3, 1], &[3, 1]));
        assert!(!asks_at_least(&s, &[3, 1], &[2, 1]), "more visits but shorter");
        assert!(!asks_at_least(&s, &[2, 0], &[1, 1]), "B not visited");
    }

    #[test]
    fn the_moves_gain_and_are_ordered_by_gain_less_the_price_of_their_time() {
        let s = screening();
        // From A once (10): B once (+6, +100 min), A twice and B (+10, +200 min), A at 150 min
        // and B (+7, +150 min), A twice (+4, +100 min), A at 150 min (+1, +50 min); at 0.05 a
        // minute they score 1, 0, -0.5, -1, -1.5 in that order.
        let moves = improving_moves(&s, &[1, 0], f64::INFINITY, 0.05);
        assert!(moves.iter().all(|m| s.value(m) > s.value(&[1, 0])));
        assert_eq!(moves, vec![vec![1, 1], vec![3, 1], vec![2, 1], vec![3, 0], vec![2, 0]]);
        // Dropping A for B gains nothing: not a move.
        assert!(!moves.contains(&vec![0, 1]));
        // At no price the largest gain comes first: A twice and B (+10).
        assert_eq!(improving_moves(&s, &[1, 0], f64::INFINITY, 0.0)[0], vec![3, 1]);
    }

    /// Two settlements of 10 clients a visit, one visit each at most, room for one: A serves
    /// everyone but only 60 % within the target, B 65 % within the target but loses 30 %.
    fn disagreeing(objective: Objective) -> Screening {
        let rules = OptionRules {
            max_visits: 1,
            practice_visits: 1,
            practice_hours: 2.0,
            clerks: 1,
            overhead_min: 60.0,
        };
        let settlement = |name: &str, within_target: f64, lost: f64| {
            let shares = [DwellShares {
                dwell_hours: 2.0,
                within_target,
                lost,
            }];
            let (options, practice, demand) =
                settlement_options(objective, &[2.0], &shares, &rules, |visits, _| 10.0 * f64::from(visits));
            ScreenedSettlement {
                settlement: name.into(),
                venue: Venue::Municipality,
                clerks: 1,
                options,
                practice,
                demand,
            }
        };
        Screening {
            objective,
            settlements: vec![settlement("A", 0.6, 0.0), settlement("B", 0.65, 0.3)],
            grid_hours: vec![2.0],
            overhead_min: 60.0,
            day_min: 180.0,
            practice_bus_days: 1,
        }
    }

    #[test]
    fn the_objective_changes_the_choice_where_the_two_disagree() {
        // One visit takes 2 h + 60 min = 180 min; 200 min hold one.
        let within = disagreeing(Objective::ServedWithinTarget);
        let plan = allocate(&within, 200.0, f64::INFINITY);
        assert_eq!(plan, vec![0, 1], "B: 6.5 served within the target against A's 6");
        assert!((within.figure(&plan) - 6.5).abs() < 1e-12);
        let lost = disagreeing(Objective::Lost);
        let plan = allocate(&lost, 200.0, f64::INFINITY);
        assert_eq!(
            plan,
            vec![1, 0],
            "A: none lost and B's 10 unserved (10) against A's 10 unserved and B's 3 lost (13)"
        );
        assert!((lost.figure(&plan) - 10.0).abs() < 1e-12);
        assert!((lost.figure(&[0, 1]) - 13.0).abs() < 1e-12);
        assert!(
            (lost.figure(&[0, 0]) - 20.0).abs() < 1e-12,
            "nothing visited: the whole demand unserved"
        );
    }

    #[test]
    fn the_allocation_is_the_best_that_fits_and_within_the_bound() {
        let s = screening();
        // At 200 min: A once + B (16) beats A twice (14) and A at 150 min (11).
        let plan = allocate(&s, 200.0, f64::INFINITY);
        assert_eq!(plan, vec![1, 1]);
        assert!(s.value(&plan) <= surrogate_bound(&s, 200.0) + 1e-12);
        // At 150 min one visit fits: A's first, then lengthened to its 150-min option (11).
        let plan = allocate(&s, 150.0, f64::INFINITY);
        assert_eq!(s.value(&plan), 11.0);
    }
}
