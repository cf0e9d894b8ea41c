//! The policy seasons: the scenario re-planned under each of its dwell policies, a demand-driven
//! policy's dwell searched per settlement first.

use rayon::prelude::*;

use crate::vocab::units::{hours_to_minutes, minutes_to_hours};

use super::StudyError;
use crate::scenario::{DemandDrivenRange, DemandOrigin, DwellPolicy, ParsedScenario, PolicyChoice, Season, SeasonStop};
use crate::staffing::{DwellRange, SearchSettings, ServiceTargets, search_dwell};

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
    base.policies
        .iter()
        .map(|policy| match &policy.choice {
            PolicyChoice::Rule(rule) => Ok(PolicySeason {
                name: policy.name.clone(),
                season: text.resolve(Some(rule))?,
                chosen_dwell: Vec::new(),
            }),
            PolicyChoice::DemandDriven(range) => {
                let chosen = demand_driven_dwells(base, range, &base.targets, settings)?;
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
        .collect()
}

/// The shortest dwell meeting the targets at every visit of each settlement of the season (each
/// visit searched on its own streams; the settlement gets the longest of its visits' answers).
fn demand_driven_dwells(
    base: &Season,
    range: &DemandDrivenRange,
    targets: &ServiceTargets,
    settings: &SearchSettings,
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
    let per_visit: Vec<ChosenDwell> = model_stops
        .par_iter()
        .map(|&(stop, visit)| {
            let answer = search_dwell(
                |dwell_min| base.spec_with_dwell(stop, minutes_to_hours(dwell_min)),
                stop.search_stream(visit),
                &dwell_range,
                targets,
                settings,
            )
            .map_err(|source| StudyError::Stop {
                stop: format!("{} {}", stop.index + 1, stop.settlement),
                source,
            })?;
            Ok(ChosenDwell {
                settlement: stop.settlement.clone(),
                hours: answer.dwell_min.unwrap_or(dwell_range.longest_min) / 60.0,
                meets_targets: answer.dwell_min.is_some(),
                too_close: answer.too_close,
                visits: vec![VisitDwell {
                    visit,
                    date: stop.date.to_string(),
                    hours: answer.dwell_min.map(minutes_to_hours),
                }],
            })
        })
        .collect::<Result<_, StudyError>>()?;
    let mut chosen: Vec<ChosenDwell> = Vec::new();
    for visit in per_visit {
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
