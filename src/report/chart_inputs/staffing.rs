//! The staffing chart's input: clerks needed against population, one series per dwell policy.

use crate::report::charts::{StaffingByPopulation, StaffingPoint, StaffingSeries};
use crate::study::StaffingRow;

/// One series per `(policy name, staffing rows)`, from the stops whose demand comes from a
/// settlement's population (stops with given demand have no population to plot).
pub fn staffing_input(
    series: &[(String, &[StaffingRow])],
    desks: u32,
    subtitle: Option<String>,
) -> StaffingByPopulation {
    StaffingByPopulation {
        subtitle,
        desks,
        series: series
            .iter()
            .map(|(policy, rows)| StaffingSeries {
                policy: policy.clone(),
                points: rows
                    .iter()
                    .filter_map(|r| {
                        r.population.map(|population| StaffingPoint {
                            population: f64::from(population),
                            clerks_needed: r.answer.clerks_needed,
                            borderline: r.answer.too_close_clerks.is_some(),
                        })
                    })
                    .collect(),
            })
            .collect(),
    }
}
