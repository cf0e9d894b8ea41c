//! The crew of each bus-day: one number of clerks a day (the clerks ride the bus all day), chosen
//! within the desks for the most screening value within the clerk-hours budget.
//!
//! The screening values every visit at every number of clerks from 1 to the desks (the same
//! clients whatever the crew: common random numbers). A day's value at c clerks is the sum of its
//! visits' values at c, its clerk-hours c × the sum of its dwells. Choosing one crew per day for the
//! most value within the budget is a multiple-choice knapsack, solved exactly by dynamic
//! programming over the clerk-minutes beyond one clerk a day, in units of the greatest common
//! divisor of the days' dwells (15 or 30 minutes on a dwell grid). Only a programme of more than
//! [`MAX_CREW_CELLS`] cells is coarsened: its units are widened and every day's clerk-minutes
//! rounded up, so the crews still keep to the budget but may fall short of the best.

use jiff::civil::Date;

use super::{GAIN_EPS, Screening};
use crate::scenario::Season;
use crate::study::StudyError;

/// Most cells (days × budget units) of the exact programme: 16 M one-byte choices, 16 MB. The
/// 2020 plan needs about 130 days × 2,000 units of 30 clerk-minutes beyond one clerk, 0.26 M.
pub const MAX_CREW_CELLS: usize = 1 << 24;

/// A bus-day as the crew choice sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct CrewDay {
    /// Minutes one clerk works at the day's stops: the sum of their dwells.
    pub dwell_min: u32,
    /// Screening value of the day's visits with 1, 2, … clerks (index 0: one clerk), up to the
    /// day's desks.
    pub values: Vec<f64>,
}

/// The chosen crews.
#[derive(Debug, Clone, PartialEq)]
pub struct CrewChoice {
    /// Clerks of each day, in the order of the days given.
    pub clerks: Vec<u32>,
    /// Screening value of the days at those clerks.
    pub value: f64,
    /// Clerk-minutes at the stops: clerks × dwell, summed over the days.
    pub clerk_min: u64,
    /// False when the programme was coarsened ([`MAX_CREW_CELLS`]): then the crews keep to the
    /// budget but may not be the best.
    pub exact: bool,
}

/// One crew per day within `budget_clerk_min` (clerks × dwell summed over the days; `None`: no
/// limit), for the most value; among crews of equal value the fewer clerks. `None` when even one
/// clerk a day exceeds the budget.
pub fn choose_crews(days: &[CrewDay], budget_clerk_min: Option<u64>, max_cells: usize) -> Option<CrewChoice> {
    let base: u64 = days.iter().map(|d| u64::from(d.dwell_min)).sum();
    let extra_most: u64 = days
        .iter()
        .map(|d| u64::from(d.dwell_min) * (d.values.len() as u64).saturating_sub(1))
        .sum();
    let room = match budget_clerk_min {
        Some(budget) => budget.checked_sub(base)?,
        None => extra_most,
    };
    if room < extra_most {
        return Some(programme(days, room, max_cells));
    }
    Some(summarise(days, days.iter().map(best_alone).collect(), true))
}

/// The day's best crew without a budget: the most value, the fewer clerks on a tie.
fn best_alone(day: &CrewDay) -> u32 {
    let mut best = 0;
    for (i, &v) in day.values.iter().enumerate() {
        if v > day.values[best] + GAIN_EPS {
            best = i;
        }
    }
    best as u32 + 1
}

fn summarise(days: &[CrewDay], clerks: Vec<u32>, exact: bool) -> CrewChoice {
    let value = days.iter().zip(&clerks).map(|(d, &c)| d.values[c as usize - 1]).sum();
    let clerk_min = days
        .iter()
        .zip(&clerks)
        .map(|(d, &c)| u64::from(d.dwell_min) * u64::from(c))
        .sum();
    CrewChoice {
        clerks,
        value,
        clerk_min,
        exact,
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The exact programme over the clerk-minutes beyond one clerk a day (`room` of them), in units of
/// the days' common divisor, widened until the table has at most `max_cells` cells.
fn programme(days: &[CrewDay], room: u64, max_cells: usize) -> CrewChoice {
    let divisor = days.iter().fold(0, |g, d| gcd(g, u64::from(d.dwell_min))).max(1);
    let rows = days.len().max(1) as u64;
    let units_exact = room / divisor;
    let widen = ((units_exact + 1) * rows).div_ceil(max_cells.max(1) as u64).max(1);
    let unit = divisor * widen;
    let width = (room / unit) as usize + 1;
    // best[j]: the most value of the days so far within j units beyond one clerk a day.
    let mut best = vec![0.0_f64; width];
    let mut choice: Vec<u8> = vec![0; days.len() * width];
    for (d, day) in days.iter().enumerate() {
        let cost = |extra: usize| (extra as u64 * u64::from(day.dwell_min)).div_ceil(unit) as usize;
        let mut next = vec![f64::NEG_INFINITY; width];
        for j in 0..width {
            for (extra, &value) in day.values.iter().enumerate() {
                let w = cost(extra);
                if w > j {
                    break;
                }
                let candidate = best[j - w] + value;
                if candidate > next[j] + GAIN_EPS {
                    next[j] = candidate;
                    choice[d * width + j] = extra as u8;
                }
            }
        }
        best = next;
    }
    let mut clerks = vec![1; days.len()];
    let mut j = width - 1;
    for d in (0..days.len()).rev() {
        let extra = usize::from(choice[d * width + j]);
        clerks[d] = extra as u32 + 1;
        j -= (extra as u64 * u64::from(days[d].dwell_min)).div_ceil(unit) as usize;
    }
    summarise(days, clerks, widen == 1)
}

/// The crew of each bus-day of a planned season.
#[derive(Debug, Clone, PartialEq)]
pub struct Crews {
    /// Per bus-day, by date: its date, clerks and the sum of its dwells (hours).
    pub days: Vec<(Date, u32, f64)>,
    /// Screening value of the season at these crews.
    pub value: f64,
    /// Clerk-hours at the stops: clerks × dwell.
    pub clerk_hours: f64,
    /// False when the crew programme was coarsened ([`CrewChoice::exact`]).
    pub exact: bool,
    /// Most desks of any day (the crews range from 1 to it).
    pub desks: u32,
}

/// Chooses the crews of `season` (planned from the screening's options) within `budget_clerk_hours`
/// and gives every stop its day's clerks; `None` (the season unchanged) when one clerk a day
/// already exceeds the budget.
pub(super) fn crew_season(
    screening: &Screening,
    season: &mut Season,
    budget_clerk_hours: Option<f64>,
) -> Result<Option<Crews>, StudyError> {
    let mut dates: Vec<Date> = season.stops.iter().map(|s| s.date).collect();
    dates.sort_unstable();
    dates.dedup();
    let mut days: Vec<CrewDay> = Vec::with_capacity(dates.len());
    for &date in &dates {
        let stops: Vec<_> = season.stops.iter().filter(|s| s.date == date).collect();
        let desks = stops.iter().map(|s| s.spec.desks).min().unwrap_or(1).max(1);
        let mut values = vec![0.0; desks as usize];
        for stop in &stops {
            let visits = season.stops.iter().filter(|s| s.settlement == stop.settlement).count() as u32;
            let per_clerks = screening
                .visit_values(&stop.settlement, visits, stop.dwell_hours())
                .ok_or_else(|| {
                    StudyError::Optimise(format!(
                        "the stop of {} on {date} ({} visits) is not among the screened options",
                        stop.settlement, visits
                    ))
                })?;
            for (c, value) in values.iter_mut().enumerate() {
                *value += per_clerks.get(c).copied().unwrap_or(0.0);
            }
        }
        days.push(CrewDay {
            // Whole minutes, rounded up: the crews keep to the budget.
            dwell_min: stops.iter().map(|s| s.spec.dwell_min.ceil() as u32).sum(),
            values,
        });
    }
    // Clerk-hours as clerk-minutes, rounded down: a crew never exceeds the budget.
    let budget = budget_clerk_hours.map(|h| (h * 60.0 + GAIN_EPS).floor().max(0.0) as u64);
    let Some(choice) = choose_crews(&days, budget, MAX_CREW_CELLS) else {
        return Ok(None);
    };
    for stop in &mut season.stops {
        let day = dates.binary_search(&stop.date).unwrap_or_default();
        stop.spec.clerks = choice.clerks[day];
    }
    Ok(Some(Crews {
        days: dates
            .iter()
            .zip(&days)
            .zip(&choice.clerks)
            .map(|((&date, day), &clerks)| (date, clerks, f64::from(day.dwell_min) / 60.0))
            .collect(),
        value: choice.value,
        clerk_hours: choice.clerk_min as f64 / 60.0,
        exact: choice.exact,
        desks: days.iter().map(|d| d.values.len() as u32).max().unwrap_or(1),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::ChaCha8Rng;
    use rand::{RngExt, SeedableRng};

    /// Every crew vector within the budget, the most value (fewer clerks on a tie not needed).
    fn enumerated(days: &[CrewDay], budget: u64) -> Option<f64> {
        let mut clerks = vec![1_u32; days.len()];
        let mut best: Option<f64> = None;
        loop {
            let cost: u64 = days
                .iter()
                .zip(&clerks)
                .map(|(d, &c)| u64::from(d.dwell_min) * u64::from(c))
                .sum();
            if cost <= budget {
                let value: f64 = days.iter().zip(&clerks).map(|(d, &c)| d.values[c as usize - 1]).sum();
                best = Some(best.map_or(value, |b: f64| b.max(value)));
            }
            let mut i = 0;
            loop {
                if i == days.len() {
                    return best;
                }
                clerks[i] += 1;
                if clerks[i] as usize <= days[i].values.len() {
                    break;
                }
                clerks[i] = 1;
                i += 1;
            }
        }
    }

    fn random_days(rng: &mut ChaCha8Rng) -> Vec<CrewDay> {
        let n = rng.random_range(1..=6);
        (0..n)
            .map(|_| {
                let desks = rng.random_range(1..=3);
                // Dwells on a 15-minute grid, 2 to 9 hours a day.
                let dwell_min = 15 * rng.random_range(8..=36);
                let mut value = 0.0;
                let values = (0..desks)
                    .map(|_| {
                        value += rng.random_range(0.0..10.0);
                        value
                    })
                    .collect();
                CrewDay { dwell_min, values }
            })
            .collect()
    }

    /// Clerk-minutes of one clerk every day and of every desk staffed every day.
    fn clerk_minutes_range(days: &[CrewDay]) -> (u64, u64) {
        let least = days.iter().map(|d| u64::from(d.dwell_min)).sum();
        let most = days
            .iter()
            .map(|d| u64::from(d.dwell_min) * d.values.len() as u64)
            .sum();
        (least, most)
    }

    #[test]
    fn the_crews_are_the_enumerated_best_within_the_budget() {
        let mut rng = ChaCha8Rng::seed_from_u64(12);
        for case in 0..400 {
            let days = random_days(&mut rng);
            let (least, most) = clerk_minutes_range(&days);
            let budget = rng.random_range(least..=most + 60);
            let choice = choose_crews(&days, Some(budget), MAX_CREW_CELLS).unwrap();
            let best = enumerated(&days, budget).unwrap();
            assert!(choice.exact);
            assert!(
                choice.clerk_min <= budget,
                "case {case}: {} > {budget}",
                choice.clerk_min
            );
            assert!(
                (choice.value - best).abs() < 1e-9,
                "case {case}: {} against the enumerated {best}",
                choice.value
            );
        }
    }

    #[test]
    fn a_coarse_programme_keeps_to_the_budget() {
        let mut rng = ChaCha8Rng::seed_from_u64(13);
        for _ in 0..300 {
            let days = random_days(&mut rng);
            let (least, most) = clerk_minutes_range(&days);
            let budget = rng.random_range(least..=most);
            let coarse = choose_crews(&days, Some(budget), 4).unwrap();
            let exact = choose_crews(&days, Some(budget), MAX_CREW_CELLS).unwrap();
            assert!(coarse.clerk_min <= budget);
            assert!(coarse.value <= exact.value + 1e-9);
        }
    }

    #[test]
    fn without_a_budget_each_day_takes_its_best_crew_and_the_fewer_on_a_tie() {
        let days = vec![
            CrewDay {
                dwell_min: 240,
                values: vec![5.0, 8.0],
            },
            CrewDay {
                dwell_min: 120,
                values: vec![4.0, 4.0, 3.0],
            },
        ];
        let choice = choose_crews(&days, None, MAX_CREW_CELLS).unwrap();
        assert_eq!(choice.clerks, vec![2, 1]);
        assert_eq!(choice.clerk_min, 600);
        // 540 clerk-minutes: the second clerk of the first day does not fit.
        assert_eq!(
            choose_crews(&days, Some(540), MAX_CREW_CELLS).unwrap().clerks,
            vec![1, 1]
        );
        assert_eq!(
            choose_crews(&days, Some(359), MAX_CREW_CELLS),
            None,
            "one clerk a day is 360"
        );
    }
}
