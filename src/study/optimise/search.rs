//! The optimiser's search: each candidate plan checked by the itinerary planner, the bisection on
//! the surrogate's capacity and the planner-checked moves from the best plan that fits.

use super::allocation::{allocate, asks_at_least, improving_moves, marginal_rate};
use super::crews::crew_season;
use super::{Budget, Checked, GAIN_EPS, OptimiseStep, Plan, Screening};
use crate::scenario::ScenarioText;
use crate::study::StudyError;

/// Planner calls of the capacity bisection (each one plans a whole season; about 0.6 s for 200
/// visits on this machine).
const CAPACITY_ROUNDS: u32 = 10;
/// Growth of the surrogate capacity when a plan fits and no larger one was tried (one step of 6 %
/// is about the overhead of a visit per bus-day at 3 stops a day).
const CAPACITY_GROWTH: f64 = 1.06;
/// Planner calls of the move search on the best plan that fits (with the practice and the
/// capacity bisection, at most 59 calls: about twice the time of the 24 moves the first version
/// tried, measured on the 2020 plan; see docs/planning.md).
pub(super) const MAX_CHECKED_MOVES: usize = 48;

/// Resolves `plan` as a season of the scenario `text`, gives each of its bus-days its crew
/// (`crews.rs`) and checks it against `budget`: it fits when every visit is placed within the
/// bus-days and the crews keep to the clerk-hours.
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
    let mut season = text
        .clone()
        .with_settings(&screening.settings(plan, name))
        .resolve(None)?;
    let (bus_days, unplaced) = season
        .itinerary
        .as_ref()
        .map_or((0, 0), |i| (i.days.len(), i.unplaced.len()));
    let crews = crew_season(screening, &mut season, budget.clerk_hours)?;
    Ok(Checked {
        plan: plan.to_vec(),
        season,
        bus_days,
        unplaced,
        fits: unplaced == 0 && bus_days <= budget.bus_days && crews.is_some(),
        crews,
    })
}

/// The state of the search: the plans planned so far and the best one that fits.
pub(super) struct Search<'a> {
    pub(super) text: &'a ScenarioText,
    pub(super) screening: &'a Screening,
    pub(super) budget: Budget,
    /// Name of the planned seasons.
    pub(super) name: String,
    pub(super) progress: &'a (dyn Fn(OptimiseStep) + Sync),
    pub(super) calls: u32,
    /// Every plan checked so far with whether it fits: a plan met again is not checked again.
    pub(super) tried: Vec<(Plan, bool)>,
    /// Every season planned so far: a plan of the same visits and dwells with other clerks is not
    /// planned again (neither the planner nor the crews look at the options' clerks).
    pub(super) planned: Vec<Checked>,
    pub(super) best: Option<Checked>,
}

impl Search<'_> {
    fn clerk_cap(&self) -> f64 {
        self.budget.clerk_hours.unwrap_or(f64::INFINITY)
    }

    /// Plans `plan` (unless it was checked before) and keeps it if it fits and beats the best
    /// with its crews; returns whether it fits and its bus-days (`None`: checked before).
    pub(super) fn check(&mut self, plan: &[usize]) -> Result<(bool, Option<usize>), StudyError> {
        if let Some(&(_, fits)) = self.tried.iter().find(|(p, _)| p == plan) {
            return Ok((fits, None));
        }
        let previous = self.planned.iter().find(|c| self.screening.same_visits(&c.plan, plan));
        let checked = if let Some(previous) = previous {
            Checked {
                plan: plan.to_vec(),
                ..previous.clone()
            }
        } else {
            self.calls += 1;
            (self.progress)(OptimiseStep::Planning { call: self.calls });
            let checked = check_plan(self.text, self.screening, plan, &self.name, &self.budget)?;
            self.planned.push(checked.clone());
            checked
        };
        let (fits, days) = (checked.fits, checked.bus_days);
        self.tried.push((plan.to_vec(), fits));
        if fits
            && self
                .best
                .as_ref()
                .is_none_or(|b| checked.value() > b.value() + GAIN_EPS)
        {
            self.best = Some(checked);
        }
        Ok((fits, Some(days)))
    }

    /// Bisection on the surrogate's capacity between an allocation that fits and one that does not.
    pub(super) fn capacity_search(&mut self) -> Result<(), StudyError> {
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
    pub(super) fn checked_moves(&mut self) -> Result<(), StudyError> {
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
