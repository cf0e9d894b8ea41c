//! The planner's entry: the greedy plan, then (by default) the optimiser, then the itinerary;
//! each plan kept for reuse within the process.

use std::sync::Mutex;

use super::PlanInputError;
use super::bounds::with_bounds;
use super::itinerary::Itinerary;
use super::optimiser::optimise;
use super::packer::greedy;
use super::problem::{Problem, working_days};
use super::rules::{ItineraryRules, Visit};

/// Plans the wanted visits into bus-days: the greedy plan ([`super::build_greedy_itinerary`]),
/// improved by the optimiser unless `rules.planner.optimise` is off; every problem of the input
/// at once if it is invalid. Deterministic: the same input and seed give the same itinerary.
pub fn build_itinerary(rules: &ItineraryRules, visits: &[Visit]) -> Result<Itinerary, PlanInputError> {
    rules.validate(visits)?;
    if let Some(itinerary) = cached(rules, visits) {
        return Ok(itinerary);
    }
    let itinerary = optimised(rules, visits);
    keep(rules, visits, &itinerary);
    Ok(itinerary)
}

/// Plans in the process, most recent last: a command resolving one scenario under several dwell
/// policies (or `staff` and `policies` in one study) plans each distinct input once.
static PLANS: Mutex<Vec<(ItineraryRules, Vec<Visit>, Itinerary)>> = Mutex::new(Vec::new());
/// Plans kept (a scenario's policies and what-ifs: a few; each holds a season's stops, tens of kB).
const PLANS_KEPT: usize = 8;

/// The plan of exactly this input, if one was made in this process.
fn cached(rules: &ItineraryRules, visits: &[Visit]) -> Option<Itinerary> {
    let plans = PLANS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    plans
        .iter()
        .find(|(r, v, _)| r == rules && v == visits)
        .map(|(_, _, itinerary)| itinerary.clone())
}

/// Keeps a plan for reuse, forgetting the oldest beyond [`PLANS_KEPT`].
fn keep(rules: &ItineraryRules, visits: &[Visit], itinerary: &Itinerary) {
    let mut plans = PLANS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if plans.len() >= PLANS_KEPT {
        plans.remove(0);
    }
    plans.push((rules.clone(), visits.to_vec(), itinerary.clone()));
}

/// The plan of a valid input, made afresh.
fn optimised(rules: &ItineraryRules, visits: &[Visit]) -> Itinerary {
    let days = working_days(rules);
    let problem = Problem::new(rules, &days, visits);
    let (routes, day_of) = greedy(&problem);
    let (routes, day_of) = if rules.planner.optimise {
        let iterations = rules.planner.iterations_for(problem.occurrences.len());
        optimise(&problem, routes, day_of, iterations, rules.planner.seed)
    } else {
        (routes, day_of)
    };
    with_bounds(problem.itinerary(&routes, &day_of), &problem)
}
