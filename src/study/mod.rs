//! Studies: each computation a command runs, with its result types — a season run with its
//! groupings, the policy seasons, the staffing rows, comparisons, the report's data and the
//! calibrations. No I/O and no printing: app/ loads and writes, report/ renders.

pub mod calibration;
mod comparison;
mod costs;
mod crew;
mod error;
mod input_uncertainty;
mod optimise;
mod policies;
mod progress;
mod report;
mod season;
mod settings;
mod staffing;
mod stop_mismatch;

pub use comparison::{
    ComparisonRequest, SELECTION_CAP_REPLICATIONS, SELECTION_FIRST_STAGE, SelectionRequest, SelectionStudy, SideBySide,
    side_by_side,
};
pub use costs::{PlannedCosts, SeasonCosts, costs_with, planned_costs, season_costs};
pub use crew::{BusDayCrew, CrewTotals, PolicyCrew, bus_day_crews, crew_by_policy};
pub use error::{CalibrateError, StudyError};
pub use input_uncertainty::{InputFit, InputUncertaintyStudy, simulate_input_uncertainty};
pub use optimise::{
    Budget, Checked, CrewChoice, CrewDay, Crews, DEFAULT_MAX_VISITS, DwellShares, MAX_CREW_CELLS, MAX_OPTIMISE_VISITS,
    Objective, OptimiseRequest, OptimiseStep, Optimised, OptionRules, Plan, SCREENING_REPLICATIONS, ScreenedSettlement,
    Screening, SettlementChoices, SettlementOption, VisitValues, allocate, check_plan, choose_crews, optimise_season,
    screen, settlement_options, surrogate_bound,
};
pub use policies::{ChosenDwell, PolicySeason, VisitDwell, policy_seasons, policy_seasons_known};
pub use progress::{Progress, ProgressUnit, Silent, stage, stage_of};
pub use report::{ReportStudy, report_study};
pub use season::{RunMeta, SeasonRun, season_model, simulate_season, simulate_season_to_precision};
pub use settings::SimulationOverrides;
pub use staffing::{
    StaffingRow, staffing_by_policy, staffing_rows, staffing_rows_of_seasons, staffing_rows_of_seasons_known,
    watched_staffing_rows,
};
pub use stop_mismatch::{StopKey, StopMismatch, stop_mismatches};

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// What a study may not name: the layers above it, printing, files, progress bars.
    const FORBIDDEN: [&str; 6] = [
        "crate::app",
        "crate::report",
        "println!",
        "print!(",
        "std::fs",
        "indicatif",
    ];

    fn check(dir: &Path) {
        for entry in std::fs::read_dir(dir).expect("src/study is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                check(&path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for word in FORBIDDEN {
                assert!(!code.contains(word), "{} names {word}", path.display());
            }
        }
    }

    #[test]
    fn studies_neither_print_nor_write_nor_know_the_layers_above() {
        check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/study"));
    }
}
