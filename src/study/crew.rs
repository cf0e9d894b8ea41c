//! One crew per bus-day: the fewest clerks meeting the targets at every stop of the day, and the
//! clerk-hours the crew is paid (travel, set-up, opening, overtime, pack-up) and what they cost.
//!
//! The clerks ride the bus all day, so a bus-day has one crew: the fewest clerks (within the desks)
//! whose candidate *meets* every target at every stop of the day, searched from the largest per-stop
//! answer up — so the day's clerks are never fewer than any of its stops needs. When no number within
//! the desks does, the day has no answer and is reported with the verdict of its stops at all desks
//! (*fails* if one fails, *too close to call* otherwise), and paid with every desk staffed.
//!
//! Paid time of a day, per clerk: from leaving the depot to being back (the itinerary's bus-day:
//! travel, set-up, opening and pack-up, and any wait between stops), plus each stop's mean overtime
//! at the day's clerks (serving those still waiting at closing delays the pack-up and the way home;
//! the schedule's slack is not assumed to absorb it). Without an itinerary (stops given in the
//! scenario) the depot legs are estimated from the settlement table (`Season::estimated_days`:
//! depot → stops in time order → depot); a date with a stop outside the table runs from the set-up
//! before the first opening to the pack-up after the last closing, with its travel unknown.

use jiff::civil::Date;
use rayon::prelude::*;

use super::{Progress, StaffingRow, StudyError, policy_seasons_known, staffing_rows_of_seasons_known};
use crate::experiment::StopMetric;
use crate::plan::{DEFAULT_PACKUP_MIN, DEFAULT_SETUP_MIN, Itinerary};
use crate::scenario::{CostRates, ParsedScenario, Season};
use crate::staffing::{SearchSettings, Verdict};
use crate::vocab::units::minutes_to_hours;

/// The crew of one bus-day under one dwell policy.
#[derive(Debug, Clone, PartialEq)]
pub struct BusDayCrew {
    /// Dwell policy the season was planned with.
    pub policy: String,
    pub date: Date,
    /// Bus-day number in the season, from 1.
    pub number: usize,
    /// Stop numbers (from 1) of the day, in time order.
    pub stops: Vec<usize>,
    /// Settlements of the day's stops, in time order.
    pub settlements: Vec<String>,
    /// Fewest clerks meeting every target at every stop of the day; `None`: none within the desks.
    pub clerks_needed: Option<u32>,
    /// Clerks paid: the answer, or every desk staffed when there is none.
    pub clerks_paid: u32,
    /// The day's verdict at `clerks_paid`: meets, fails, or too close to call.
    pub verdict: Verdict,
    /// Paid time of one clerk, hours (depot to depot, or set-up to pack-up, plus mean overtime).
    pub paid_hours: f64,
    /// Of which mean overtime, hours (summed over the day's stops).
    pub overtime_hours: f64,
    /// Driving time, depot to depot, minutes; `None` without an itinerary.
    pub travel_min: Option<u32>,
    /// Road distance driven, depot to depot, km; `None` without an itinerary.
    pub km: Option<f64>,
    /// Whether the travel is estimated (stops given without an itinerary, driven in time order
    /// from the depot) rather than planned.
    pub travel_estimated: bool,
}

impl BusDayCrew {
    /// Paid clerk-hours of the day: `clerks_paid × paid_hours`.
    pub fn paid_clerk_hours(&self) -> f64 {
        f64::from(self.clerks_paid) * self.paid_hours
    }
}

/// The crew plan of a season under one dwell policy: the per-stop answers (detail) and the bus-days.
#[derive(Debug, Clone)]
pub struct PolicyCrew {
    pub policy: String,
    pub rows: Vec<StaffingRow>,
    pub days: Vec<BusDayCrew>,
    /// The scenario's rates, for the costs.
    pub rates: CostRates,
}

/// Totals of a crew plan: what a planner budgets.
#[derive(Debug, Clone, PartialEq)]
pub struct CrewTotals {
    pub bus_days: usize,
    /// Bus-days by clerks needed: (clerks, days), fewest clerks first.
    pub days_by_clerks: Vec<(u32, usize)>,
    /// Bus-days without an answer within the desks.
    pub days_without_answer: usize,
    /// Paid clerk-hours of the season (travel, set-up, opening, overtime, pack-up).
    pub paid_clerk_hours: f64,
    /// Road km driven; `None` when some day's travel is not known.
    pub km: Option<f64>,
    /// Whether the depot legs are in the paid hours (every day planned or estimated).
    pub travel_included: bool,
    /// Whether some day's travel is estimated rather than planned.
    pub travel_estimated: bool,
    /// The cost at the scenario's rates, HUF; `None` without any rate, or with a km rate and
    /// unknown km.
    pub cost_huf: Option<f64>,
}

impl PolicyCrew {
    pub fn totals(&self) -> CrewTotals {
        let mut days_by_clerks: Vec<(u32, usize)> = Vec::new();
        for clerks in self.days.iter().filter_map(|d| d.clerks_needed) {
            match days_by_clerks.iter_mut().find(|(c, _)| *c == clerks) {
                Some((_, n)) => *n += 1,
                None => days_by_clerks.push((clerks, 1)),
            }
        }
        days_by_clerks.sort_unstable();
        let paid_clerk_hours = self.days.iter().map(BusDayCrew::paid_clerk_hours).sum();
        let km = self.days.iter().map(|d| d.km).sum::<Option<f64>>();
        CrewTotals {
            bus_days: self.days.len(),
            days_without_answer: self.days.iter().filter(|d| d.clerks_needed.is_none()).count(),
            days_by_clerks,
            paid_clerk_hours,
            km,
            travel_included: self.days.iter().all(|d| d.travel_min.is_some()),
            travel_estimated: self.days.iter().any(|d| d.travel_estimated),
            cost_huf: self.rates.cost_huf(paid_clerk_hours, km, self.days.len()),
        }
    }
}

/// The crew plan of the season under each of its dwell policies: per stop, then per bus-day.
pub fn crew_by_policy(
    text: &ParsedScenario,
    base: &Season,
    settings: &SearchSettings,
    progress: &dyn Progress,
) -> Result<Vec<PolicyCrew>, StudyError> {
    let (policies, known) = policy_seasons_known(text, base, settings)?;
    let seasons: Vec<(&str, &Season)> = policies.iter().map(|p| (p.name.as_str(), &p.season)).collect();
    let by_policy = staffing_rows_of_seasons_known(&seasons, &base.targets, settings, progress, &known)?;
    drop(known);
    Ok(policies
        .iter()
        .zip(by_policy)
        .map(|(p, rows)| {
            let days = bus_day_crews(&p.name, &p.season, &rows);
            PolicyCrew {
                policy: p.name.clone(),
                rows,
                days,
                rates: base.costs,
            }
        })
        .collect())
}

/// The bus-days of `season` (its stops grouped by date), each with its crew from the per-stop
/// answers `rows` (one per stop, in the season's order).
pub fn bus_day_crews(policy: &str, season: &Season, rows: &[StaffingRow]) -> Vec<BusDayCrew> {
    let mut dates: Vec<Date> = season.stops.iter().map(|s| s.date).collect();
    dates.dedup();
    dates
        .par_iter()
        .enumerate()
        .map(|(i, &date)| {
            let day: Vec<usize> = (0..season.stops.len())
                .filter(|&s| season.stops[s].date == date)
                .collect();
            day_crew(policy, season, rows, i + 1, date, &day)
        })
        .collect()
}

fn day_crew(
    policy: &str,
    season: &Season,
    rows: &[StaffingRow],
    number: usize,
    date: Date,
    day: &[usize],
) -> BusDayCrew {
    let answers: Vec<&StaffingRow> = day.iter().map(|&s| &rows[s]).collect();
    let desks = answers.iter().map(|r| r.answer.desks).min().unwrap_or(0);
    let verdict_at = |clerks: u32| -> Vec<Verdict> {
        answers
            .iter()
            .map(|r| {
                r.answer
                    .candidates
                    .get(clerks as usize - 1)
                    .map_or(Verdict::Fails, |c| c.verdict)
            })
            .collect()
    };
    let least = answers
        .iter()
        .map(|r| r.answer.clerks_needed.unwrap_or(desks))
        .max()
        .unwrap_or(1)
        .max(1);
    let clerks_needed = (least..=desks).find(|&c| verdict_at(c).iter().all(|v| *v == Verdict::Meets));
    let clerks_paid = clerks_needed.unwrap_or(desks).max(1);
    let verdicts = verdict_at(clerks_paid);
    let verdict = if verdicts.contains(&Verdict::Fails) {
        Verdict::Fails
    } else if verdicts.iter().all(|v| *v == Verdict::Meets) {
        Verdict::Meets
    } else {
        Verdict::TooClose
    };
    let overtime_min: f64 = answers
        .iter()
        .filter_map(|r| r.answer.candidates.get(clerks_paid as usize - 1))
        .map(|c| c.summary.get(StopMetric::Overtime).mean)
        .filter(|m| m.is_finite())
        .sum();
    let (span_min, travel_min, km) = day_span(season, season.itinerary.as_ref(), date, day);
    BusDayCrew {
        policy: policy.to_string(),
        date,
        number,
        stops: day.iter().map(|&s| s + 1).collect(),
        settlements: day.iter().map(|&s| season.stops[s].settlement.clone()).collect(),
        clerks_needed,
        clerks_paid,
        verdict,
        paid_hours: minutes_to_hours(span_min + overtime_min),
        overtime_hours: minutes_to_hours(overtime_min),
        travel_min,
        km,
        travel_estimated: season.itinerary.is_none() && travel_min.is_some(),
    }
}

/// The planned length of a bus-day, minutes, and its travel: the itinerary's depot-to-depot day,
/// widened to any explicit stop of the date outside the itinerary; set-up to pack-up without one.
pub(super) fn day_span(
    season: &Season,
    itinerary: Option<&Itinerary>,
    date: Date,
    day: &[usize],
) -> (f64, Option<u32>, Option<f64>) {
    let planned = match itinerary {
        Some(it) => it.days.iter().find(|d| d.date == date),
        None => season.estimated_days.iter().find(|d| d.date == date),
    };
    // Estimated days cover every stop of their date; an itinerary's, only the stops it placed.
    let in_itinerary =
        |start_min: u32| itinerary.is_none_or(|it| it.stops.iter().any(|p| p.date == date && p.start_min == start_min));
    let outside: Vec<_> = day
        .iter()
        .map(|&s| &season.stops[s])
        .filter(|s| planned.is_none() || !in_itinerary(s.start_min))
        .collect();
    let open = outside
        .iter()
        .map(|s| f64::from(s.start_min) - f64::from(DEFAULT_SETUP_MIN))
        .fold(f64::INFINITY, f64::min);
    let close = outside
        .iter()
        .map(|s| f64::from(s.start_min) + s.spec.dwell_min + f64::from(DEFAULT_PACKUP_MIN))
        .fold(f64::NEG_INFINITY, f64::max);
    match planned {
        Some(bus_day) => {
            let leave = f64::from(bus_day.leave_depot_min).min(open);
            let back = f64::from(bus_day.back_at_depot_min).max(close);
            (back - leave, Some(bus_day.travel_min), Some(bus_day.km))
        }
        None => (close - open, None, None),
    }
}
