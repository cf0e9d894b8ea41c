//! `ablakbusz staff`: one crew per bus-day (the fewest clerks meeting the targets at every stop of the
//! day, the paid clerk-hours and their cost), with the per-stop answers beside the textbook formulas.

use std::path::PathBuf;

use super::output::{about_season, check_writable, output_dir, write_results, written_line};
use super::progress::ProgressBars;
use super::terminal::sayln;
use super::{AppError, ScenarioSource};
use crate::experiment::with_threads;
use crate::report::lang::Lang;
use crate::report::{
    BUS_DAYS_FILE, OutputFile, render_bus_days_csv, render_crew_text, render_staffing_csv, render_staffing_text,
};
use crate::staffing::SearchSettings;
use crate::study::{SimulationOverrides, StaffingRow, crew_by_policy};

/// `ablakbusz staff` options.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffOptions {
    pub scenario: ScenarioSource,
    /// Least replications per candidate (the search adds more until the served share is known to
    /// ± 2 %); default: the search's own minimum.
    pub replications: Option<u32>,
    pub seed: Option<u64>,
    pub threads: Option<usize>,
    pub out: Option<PathBuf>,
    /// Print nothing (`--quiet`).
    pub quiet: bool,
}

impl StaffOptions {
    /// The seed and threads given on the command line (`replications` bounds the search instead).
    pub fn simulation(&self) -> SimulationOverrides {
        SimulationOverrides {
            replications: None,
            seed: self.seed,
            threads: self.threads,
        }
    }
}

/// Searches every stop under every dwell policy of the scenario, then each bus-day's crew; writes
/// staffing.csv and bus_days.csv and prints, per policy, the size-class table and the crew plan.
pub(super) fn staff(options: &StaffOptions, lang: Lang) -> Result<(), AppError> {
    let text = options.scenario.parse()?;
    let base = text.resolve(None)?;
    let dir = output_dir(options.out.as_deref(), &base.name);
    check_writable(&dir)?;
    let defaults = SearchSettings::default();
    let min_replications = options.replications.map_or(defaults.min_replications, u64::from);
    let settings = SearchSettings {
        seed: options.simulation().settings(&base.simulation).seed,
        min_replications,
        max_replications: defaults.max_replications.max(min_replications),
        ..defaults
    };
    let progress = ProgressBars::new(options.quiet, lang);
    let crews = with_threads(options.threads, || crew_by_policy(&text, &base, &settings, &progress))??;
    let rows: Vec<&StaffingRow> = crews.iter().flat_map(|c| &c.rows).collect();
    let about = about_season("staff", &base, Some(settings.seed), None);
    let files = vec![
        OutputFile::text("staffing.csv", render_staffing_csv(lang, &rows)?),
        OutputFile::text(BUS_DAYS_FILE, render_bus_days_csv(lang, &crews)?),
    ];
    let files = write_results(&dir, files, lang, &about)?;
    if options.quiet {
        return Ok(());
    }
    for crew in &crews {
        sayln!("{}", render_staffing_text(lang, &crew.policy, &crew.rows)?);
        sayln!("{}", render_crew_text(lang, crew)?);
    }
    sayln!("{}", written_line(lang, &dir, &files)?);
    Ok(())
}
