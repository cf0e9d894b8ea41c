//! The policy seasons: the scenario re-planned under each of its dwell policies, a demand-driven
//! policy's dwell searched per settlement first.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::vocab::units::{hours_to_minutes, minutes_to_hours};

use super::StudyError;
use crate::scenario::{DemandDrivenRange, DemandOrigin, DwellPolicy, ParsedScenario, PolicyChoice, Season, SeasonStop};
use crate::sim::StopSpec;
use crate::staffing::{DwellRange, KnownEvaluations, SearchSettings, ServiceTargets, search_dwell_recording};

/// One policy's season.
#[derive(Debug, Clone)]
pub struct PolicySeason {
    pub name: String,
    pub season: Season,
    /// For a demand-driven policy: the dwell chosen per settlement, hours, and whether the targets
    /// were met within the range (otherwise the longest dwell tried is used).
    pub chosen_dwell: Vec<ChosenDwell>,
}

impl PolicySeason {
    /// Settlements where a demand-driven policy found no dwell meeting the targets.
    pub fn unmet_settlements(&self) -> Vec<String> {
        self.chosen_dwell
            .iter()
            .filter(|c| !c.meets_targets)
            .map(|c| c.settlement.clone())
            .collect()
    }
}

/// The demand-driven dwell of one settlement.
#[derive(Debug, Clone, PartialEq)]
pub struct ChosenDwell {
    pub settlement: String,
    pub hours: f64,
    pub meets_targets: bool,
    /// Some dwell tried at one of its visits was too close to call (shorter than the answer, or
    /// with no answer): the settlement is borderline.
    pub too_close: bool,
    /// Each visit's own answer, in season order.
    pub visits: Vec<VisitDwell>,
}

/// The demand-driven dwell one visit of a settlement asked for on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitDwell {
    /// Which visit of its place it is, from 1 (its identity when a re-plan moves it).
    pub visit: u32,
    /// Date of the visit in the scenario as written (`2020-03-02`).
    pub date: String,
    /// The shortest dwell meeting the targets at this visit, hours (`None`: none in the range).
    pub hours: Option<f64>,
}

/// Resolves the scenario once per policy of `base.policies` (`base` is the scenario as written).
/// A demand-driven policy first searches, per settlement, the shortest dwell meeting the targets
/// with the scenario's clerks at every one of its visits, then re-plans with those dwells.
pub fn policy_seasons(
    text: &ParsedScenario,
    base: &Season,
    settings: &SearchSettings,
) -> Result<Vec<PolicySeason>, StudyError> {
    policy_seasons_known(text, base, settings).map(|(seasons, _)| seasons)
}

/// [`policy_seasons`], with the dwell searches' evaluations that a staffing search of the policy
/// seasons will meet again: a visit whose season gives it a dwell the search tried, with the
/// scenario's clerks, is the same candidate on the same streams (see [`KnownEvaluations`]). The
/// others are dropped (they would only hold memory).
pub fn policy_seasons_known(
    text: &ParsedScenario,
    base: &Season,
    settings: &SearchSettings,
) -> Result<(Vec<PolicySeason>, KnownEvaluations), StudyError> {
    let mut known = KnownEvaluations::default();
    let seasons = base
        .policies
        .iter()
        .map(|policy| match &policy.choice {
            PolicyChoice::Rule(rule) => Ok(PolicySeason {
                name: policy.name.clone(),
                season: text.resolve(Some(rule))?,
                chosen_dwell: Vec::new(),
            }),
            PolicyChoice::DemandDriven(range) => {
                let chosen = demand_driven_dwells(base, range, &base.targets, settings, &mut known)?;
                let rule = DwellPolicy::PerSettlement {
                    hours: chosen.iter().map(|c| (c.settlement.clone(), c.hours)).collect(),
                    otherwise: Box::new(DwellPolicy::Fixed(range.longest_hours)),
                };
                Ok(PolicySeason {
                    name: policy.name.clone(),
                    season: text.resolve(Some(&rule))?,
                    chosen_dwell: chosen,
                })
            }
        })
        .collect::<Result<Vec<PolicySeason>, StudyError>>()?;
    if !known.is_empty() {
        keep_met_again(&mut known, &seasons, &base.targets);
    }
    Ok((seasons, known))
}

/// Keeps in `known` only the evaluations of a stop spec that some season of `seasons` has on the
/// same streams (with the targets' wait limit, as the searches set it).
fn keep_met_again(known: &mut KnownEvaluations, seasons: &[PolicySeason], targets: &ServiceTargets) {
    let mut met: HashMap<u64, Vec<StopSpec>> = HashMap::new();
    for p in seasons {
        for (stop, visit) in p.season.stops.iter().zip(p.season.visit_numbers()) {
            let mut spec = stop.spec.clone();
            spec.wait_target_min = targets.wait_limit_min;
            met.entry(stop.search_stream(visit)).or_default().push(spec);
        }
    }
    known.retain(|stream, spec| met.get(&stream).is_some_and(|specs| specs.contains(spec)));
}

/// The shortest dwell meeting the targets at every visit of each settlement of the season (each
/// visit searched on its own streams; the settlement gets the longest of its visits' answers).
fn demand_driven_dwells(
    base: &Season,
    range: &DemandDrivenRange,
    targets: &ServiceTargets,
    settings: &SearchSettings,
    known: &mut KnownEvaluations,
) -> Result<Vec<ChosenDwell>, StudyError> {
    let dwell_range = DwellRange {
        shortest_min: hours_to_minutes(range.shortest_hours),
        longest_min: hours_to_minutes(range.longest_hours),
        step_min: range.step_min,
    };
    let model_stops: Vec<(&SeasonStop, u32)> = base
        .stops
        .iter()
        .zip(base.visit_numbers())
        .filter(|(s, _)| matches!(s.demand_origin, DemandOrigin::Model { .. }))
        .collect();
    let per_visit: Vec<(ChosenDwell, KnownEvaluations)> = model_stops
        .par_iter()
        .map(|&(stop, visit)| {
            let mut tried = KnownEvaluations::default();
            let answer = search_dwell_recording(
                |dwell_min| base.spec_with_dwell(stop, minutes_to_hours(dwell_min)),
                stop.search_stream(visit),
                &dwell_range,
                targets,
                settings,
                &mut tried,
            )
            .map_err(|source| StudyError::Stop {
                stop: format!("{} {}", stop.index + 1, stop.settlement),
                source,
            })?;
            let chosen = ChosenDwell {
                settlement: stop.settlement.clone(),
                hours: answer.dwell_min.unwrap_or(dwell_range.longest_min) / 60.0,
                meets_targets: answer.dwell_min.is_some(),
                too_close: answer.too_close,
                visits: vec![VisitDwell {
                    visit,
                    date: stop.date.to_string(),
                    hours: answer.dwell_min.map(minutes_to_hours),
                }],
            };
            Ok((chosen, tried))
        })
        .collect::<Result<_, StudyError>>()?;
    let mut chosen: Vec<ChosenDwell> = Vec::new();
    for (visit, tried) in per_visit {
        known.extend(tried);
        match chosen.iter_mut().find(|c| c.settlement == visit.settlement) {
            Some(c) => {
                c.hours = c.hours.max(visit.hours);
                c.meets_targets &= visit.meets_targets;
                c.too_close |= visit.too_close;
                c.visits.extend(visit.visits);
            }
            None => chosen.push(visit),
        }
    }
    Ok(chosen)
}
