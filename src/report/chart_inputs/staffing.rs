//! The staffing chart's input: clerks needed against population, one series per dwell policy.

use crate::report::StaffingRow;
use crate::report::charts::{StaffingByPopulation, StaffingPoint, StaffingSeries};

/// One series named `policy` from the staffing answers of the stops whose demand comes from a
/// settlement's population (stops with given demand have no population to plot).
pub fn staffing_input(
    rows: &[StaffingRow],
    desks: u32,
    policy: String,
    subtitle: Option<String>,
) -> StaffingByPopulation {
    let points = rows
        .iter()
        .filter_map(|r| {
            r.population.map(|population| StaffingPoint {
                population: f64::from(population),
                clerks_needed: r.answer.clerks_needed,
            })
        })
        .collect();
    StaffingByPopulation {
        subtitle,
        desks,
        series: vec![StaffingSeries { policy, points }],
    }
}
