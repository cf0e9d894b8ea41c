//! The season optimiser: which settlements the bus visits, how many times and how long, within a
//! budget of bus-days (and, optionally, of clerk-hours at the stops), to maximise the clients served
//! within the wait target or, with [`Objective::Lost`], to minimise the clients lost plus the
//! demand left unserved.
//!
//! Four steps. (1) Screening: each settlement's stop is simulated on its own streams (common
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
//! (4) Every planned plan gets one crew a bus-day (`crews.rs`: the crews of most value within the
//! clerk-hours, exact), and the search keeps the plan of most value with its crews. The screening
//! values every dwell at every crew from one clerk to the desks, so the allocation sees clerks per
//! settlement, a relaxation of the one crew a day.
//! The 2019 practice (the scenario as written) is itself a candidate: the result is never worse
//! than the practice on the screening value.

mod allocation;
mod crews;
mod screening;
mod search;

use super::StudyError;
use crate::experiment::ExperimentError;
use crate::scenario::{ScenarioText, Season};

pub use allocation::{allocate, surrogate_bound};
pub use crews::{CrewChoice, CrewDay, Crews, MAX_CREW_CELLS, choose_crews};
use screening::dwell_grid;
pub use screening::{
    DwellShares, OptionRules, SCREENING_REPLICATIONS, ScreenedSettlement, Screening, SettlementChoices,
    SettlementOption, VisitValues, screen, settlement_options,
};
use search::Search;
pub use search::check_plan;

/// Most visits of a settlement considered by default: the 2019 practice returned about every two
/// weeks to monthly elsewhere (DESIGN §2); four in a nine-month season is the monthly end.
pub const DEFAULT_MAX_VISITS: u32 = 4;
/// Most visits of a settlement `--max-visits` may ask for: monthly over a whole year. The pair
/// moves grow with the square of a settlement's options (visits × dwells), so this bounds their work.
pub const MAX_OPTIMISE_VISITS: u32 = 12;
/// A gain smaller than this (clients) is no gain: sums of the same values in another order differ
/// by rounding only.
pub(super) const GAIN_EPS: f64 = 1e-9;

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

/// A plan: the option index of each settlement of the screening, in its order.
pub type Plan = Vec<usize>;

/// The budget a plan must fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    pub bus_days: usize,
    /// Clerk-hours at the stops as planned (`None`: no limit).
    pub clerk_hours: Option<f64>,
}

/// What the itinerary planner made of a plan, with the crew of each bus-day.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub plan: Plan,
    /// The planned season, each stop with its day's crew.
    pub season: Season,
    pub bus_days: usize,
    /// Wanted visits the planner could not place.
    pub unplaced: usize,
    pub fits: bool,
    /// The crews (`None`: one clerk a bus-day already exceeds the clerk-hours budget).
    pub crews: Option<Crews>,
}

impl Checked {
    /// The screening value of the planned season with its crews (−∞ without crews).
    pub fn value(&self) -> f64 {
        self.crews.as_ref().map_or(f64::NEG_INFINITY, |c| c.value)
    }
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
    /// Screening value of the chosen plan with its crews and of the scenario's own plan, clients.
    pub value: f64,
    pub practice_value: f64,
    /// The surrogate's upper bound at the budget ([`surrogate_bound`]), clients.
    pub bound: f64,
    /// True when no plan found beat the scenario's own plan (then it is the answer).
    pub practice_kept: bool,
    /// Planner calls made.
    pub planner_calls: u32,
    /// The crew of each bus-day of the chosen plan (already in its season's stops).
    pub crews: Crews,
}

/// Why a scenario cannot be optimised (bad input).
pub(super) fn refuse(origin: &str, message: &str) -> StudyError {
    StudyError::Optimise(format!("{origin}: {message}"))
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
        planned: Vec::new(),
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
        // may be packed in another order), under the optimised name, with its own crews.
        best.season = Season {
            name: search.name.clone(),
            ..base.clone()
        };
        best.bus_days = base_days;
        best.crews = crews::crew_season(&screening, &mut best.season, budget.clerk_hours)?;
    }
    let Some(crews) = best.crews.clone() else {
        return Err(refuse(
            origin,
            "no crew of the scenario's own plan keeps to --budget-clerk-hours\n  help: raise --budget-clerk-hours",
        ));
    };
    let value = crews.value;
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
        crews,
    })
}
