//! The planner's entry: the greedy plan, then (by default) the optimiser, then the itinerary.

use jiff::civil::Date;

use super::PlanInputError;
use super::itinerary::Itinerary;
use super::optimiser::optimise;
use super::packer::greedy;
use super::problem::Problem;
use super::rules::{ItineraryRules, Visit};

/// Plans the wanted visits into bus-days: the greedy plan ([`super::build_greedy_itinerary`]),
/// improved by the optimiser unless `rules.planner.optimise` is off; every problem of the input
/// at once if it is invalid. Deterministic: the same input and seed give the same itinerary.
pub fn build_itinerary(rules: &ItineraryRules, visits: &[Visit]) -> Result<Itinerary, PlanInputError> {
    rules.validate(visits)?;
    let days = working_days(rules);
    let problem = Problem::new(rules, &days, visits);
    let (routes, day_of) = greedy(&problem);
    let (routes, day_of) = if rules.planner.optimise {
        let iterations = rules.planner.iterations_for(problem.occurrences.len());
        optimise(&problem, routes, day_of, iterations, rules.planner.seed)
    } else {
        (routes, day_of)
    };
    Ok(problem.itinerary(&routes, &day_of))
}

/// The rules' working days, sorted and unique.
pub(super) fn working_days(rules: &ItineraryRules) -> Vec<Date> {
    let mut days = rules.working_days.clone();
    days.sort();
    days.dedup();
    days
}
