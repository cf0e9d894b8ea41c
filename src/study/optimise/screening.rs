//! The optimiser's screening model: every settlement's options (visits × dwell), valued by a
//! simulation of its stop on its own streams at every dwell of the grid.

use rayon::prelude::*;

use super::{GAIN_EPS, Objective, OptimiseRequest, Plan, refuse};
use crate::demand::StopContext;
use crate::demand::pending::{PoolVisit, venue_month};
use crate::plan::{DEFAULT_DEMAND_DRIVEN, PolicyChoice};
use crate::scenario::{DemandOrigin, Season, SeasonStop, Setting, Venue};
use crate::sim::{Engine, PreparedStop, StreamKey};
use crate::study::StudyError;
use crate::vocab::units::{hours_to_minutes, minutes_to_hours};

/// Replications of the screening simulation of one settlement at one dwell: the per-visit mean of
/// served-within-target clients (about 15 clients a visit, sd about 8) to about ±2 clients (95 %),
/// and, since every dwell meets the same clients, far closer between dwells of one settlement.
pub const SCREENING_REPLICATIONS: u32 = 64;

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
    /// Clerks of each visit as screened (the crew of each bus-day is chosen after planning:
    /// `crews.rs`).
    pub clerks: u32,
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
    /// The value of one visit at every crew, for every visits count and dwell of its options.
    pub visit_values: Vec<VisitValues>,
}

/// The screening value of one visit of a settlement visited `visits` times for `dwell_hours`, with
/// 1, 2, … clerks (index 0: one clerk) up to the desks: the option's value ÷ its visits.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitValues {
    pub visits: u32,
    pub dwell_hours: f64,
    pub by_clerks: Vec<f64>,
}

/// A settlement's options as [`settlement_options`] makes them.
#[derive(Debug, Clone, PartialEq)]
pub struct SettlementChoices {
    pub options: Vec<SettlementOption>,
    /// Index in `options` of the practice's option.
    pub practice: usize,
    /// The most clients of any option.
    pub demand: f64,
    pub visit_values: Vec<VisitValues>,
}

/// What the screening simulation measured of a settlement at one dwell, as shares of its expected
/// clients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DwellShares {
    pub dwell_hours: f64,
    /// Clerks of the simulated stop.
    pub clerks: u32,
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
    /// Clerks of its stops in the scenario's own plan.
    pub clerks: u32,
    /// Surrogate time of a visit besides its dwell, minutes.
    pub overhead_min: f64,
    /// Whether a clerk-hours budget holds: without one, an option with fewer clerks and no more
    /// value than the same visits and dwell with more clerks is left out (it can only lose).
    pub clerk_hours_limited: bool,
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

    /// Whether `a` and `b` ask the same visits and dwell of every settlement (their clerks may differ).
    pub fn same_visits(&self, a: &[usize], b: &[usize]) -> bool {
        self.settlements.iter().zip(a.iter().zip(b)).all(|(s, (&x, &y))| {
            let (x, y) = (s.options[x], s.options[y]);
            x.visits == y.visits && (x.visits == 0 || (x.dwell_hours - y.dwell_hours).abs() < GAIN_EPS)
        })
    }

    /// The value of one visit of `settlement`, visited `visits` times for `dwell_hours`, at each
    /// crew from one clerk up: the screened dwell nearest `dwell_hours` (the same dwell for every
    /// option the optimiser makes; the scenario's own plan may vary a settlement's dwell). `None`:
    /// no option of that many visits was screened.
    pub fn visit_values(&self, settlement: &str, visits: u32, dwell_hours: f64) -> Option<&[f64]> {
        self.settlements
            .iter()
            .find(|s| s.settlement == settlement)?
            .visit_values
            .iter()
            .filter(|v| v.visits == visits)
            .min_by(|a, b| {
                (a.dwell_hours - dwell_hours)
                    .abs()
                    .total_cmp(&(b.dwell_hours - dwell_hours).abs())
            })
            .map(|v| v.by_clerks.as_slice())
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
pub(super) fn dwell_grid(base: &Season) -> Vec<f64> {
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
    let desks = stop.spec.desks.max(clerks);
    let mut shares = Vec::with_capacity(dwells.len() * desks as usize);
    for &hours in &dwells {
        for crew in 1..=desks {
            shares.push(screen_dwell(base, stop, hours, crew, stream, request)?);
        }
    }
    let rules = OptionRules {
        max_visits: request.max_visits,
        practice_visits,
        practice_hours,
        clerks,
        overhead_min,
        clerk_hours_limited: request.budget_clerk_hours.is_some(),
    };
    let choices = settlement_options(request.objective, grid, &shares, &rules, |visits, hours| {
        season_clients(base, stop, visits, hours)
    });
    Ok(ScreenedSettlement {
        settlement: stop.settlement.clone(),
        venue: stop.venue,
        clerks,
        options: choices.options,
        practice: choices.practice,
        demand: choices.demand,
        visit_values: choices.visit_values,
    })
}

/// The shares of the stop's expected clients served within the wait target and lost at `hours`
/// of dwell and `clerks` clerks, over the screening's replications on the stop's search stream.
fn screen_dwell(
    base: &Season,
    stop: &SeasonStop,
    hours: f64,
    clerks: u32,
    stream: u64,
    request: &OptimiseRequest,
) -> Result<DwellShares, StudyError> {
    let failed = |source| StudyError::Stop {
        stop: format!("{} {}", stop.index + 1, stop.settlement),
        source,
    };
    let mut spec = base.spec_with_dwell(stop, hours).map_err(failed)?;
    spec.clerks = clerks;
    let prepared = PreparedStop::new(&spec).map_err(failed)?;
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
        clerks,
        within_target: share(within),
        lost: share(lost),
    })
}

/// A settlement's options (the first: not visited; then every visits count up to the most, at
/// every dwell of `grid` and every crew screened, and the practice's own), the index of the
/// practice's option, the settlement's demand (the most clients of any option) and the value of a
/// visit at every crew. `clients(visits, hours)` gives the expected clients of the season's
/// visits; the value follows `objective` ([`SettlementOption::value`]). `shares` holds every dwell
/// at every crew; an option with fewer clerks that neither gains nor (under a clerk-hours budget)
/// saves clerk-hours against the same visits and dwell with more is left out.
pub fn settlement_options(
    objective: Objective,
    grid: &[f64],
    shares: &[DwellShares],
    rules: &OptionRules,
    clients: impl Fn(u32, f64) -> f64,
) -> SettlementChoices {
    let mut options = vec![SettlementOption {
        visits: 0,
        dwell_hours: 0.0,
        value: 0.0,
        busy_min: 0.0,
        clerk_hours: 0.0,
        clerks: rules.clerks,
    }];
    let mut visit_values: Vec<VisitValues> = Vec::new();
    let (mut practice, mut demand) = (0, 0.0_f64);
    for visits in 1..=rules.max_visits.max(rules.practice_visits) {
        for share in shares {
            let hours = share.dwell_hours;
            let on_grid = grid.iter().any(|&d| (d - hours).abs() < GAIN_EPS);
            let is_practice = visits == rules.practice_visits
                && (hours - rules.practice_hours).abs() < GAIN_EPS
                && share.clerks == rules.clerks;
            let practice_dwell = visits == rules.practice_visits && (hours - rules.practice_hours).abs() < GAIN_EPS;
            if !(on_grid && visits <= rules.max_visits || practice_dwell) {
                continue;
            }
            let n = f64::from(visits);
            let season = clients(visits, hours);
            demand = demand.max(season);
            let value = match objective {
                Objective::ServedWithinTarget => share.within_target * season,
                Objective::Lost => (1.0 - share.lost) * season,
            };
            record_visit_value(&mut visit_values, visits, share, value / n);
            let option = SettlementOption {
                visits,
                dwell_hours: hours,
                value,
                busy_min: n * (hours_to_minutes(hours) + rules.overhead_min),
                clerk_hours: n * f64::from(share.clerks) * hours,
                clerks: share.clerks,
            };
            if is_practice {
                practice = options.len();
            } else if !(on_grid && visits <= rules.max_visits)
                || dominated(&option, shares, rules, |c| {
                    share_value(objective, shares, hours, c).map(|share| share * season)
                })
            {
                continue;
            }
            options.push(option);
        }
    }
    SettlementChoices {
        options,
        practice,
        demand,
        visit_values,
    }
}

/// The share of the clients counted in the value at `hours` and `clerks` (`None`: not screened).
fn share_value(objective: Objective, shares: &[DwellShares], hours: f64, clerks: u32) -> Option<f64> {
    shares
        .iter()
        .find(|s| s.clerks == clerks && (s.dwell_hours - hours).abs() < GAIN_EPS)
        .map(|s| match objective {
            Objective::ServedWithinTarget => s.within_target,
            Objective::Lost => 1.0 - s.lost,
        })
}

/// Whether another crew of the same visits and dwell is at least as good: as much value with
/// fewer clerks, or, without a clerk-hours budget, more value whatever its clerks.
fn dominated(
    option: &SettlementOption,
    shares: &[DwellShares],
    rules: &OptionRules,
    value_at: impl Fn(u32) -> Option<f64>,
) -> bool {
    shares
        .iter()
        .filter(|s| (s.dwell_hours - option.dwell_hours).abs() < GAIN_EPS && s.clerks != option.clerks)
        .any(|other| {
            let Some(value) = value_at(other.clerks) else {
                return false;
            };
            let fewer = other.clerks < option.clerks;
            (fewer && value >= option.value - GAIN_EPS)
                || (!rules.clerk_hours_limited && value > option.value + GAIN_EPS)
        })
}

/// Keeps the value of one visit of `visits` visits at the share's dwell and crew.
fn record_visit_value(values: &mut Vec<VisitValues>, visits: u32, share: &DwellShares, per_visit: f64) {
    let found = values
        .iter()
        .position(|v| v.visits == visits && (v.dwell_hours - share.dwell_hours).abs() < GAIN_EPS);
    let index = found.unwrap_or_else(|| {
        values.push(VisitValues {
            visits,
            dwell_hours: share.dwell_hours,
            by_clerks: Vec::new(),
        });
        values.len() - 1
    });
    let slot = share.clerks as usize - 1;
    let by_clerks = &mut values[index].by_clerks;
    if by_clerks.len() <= slot {
        by_clerks.resize(slot + 1, 0.0);
    }
    by_clerks[slot] = per_visit;
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
