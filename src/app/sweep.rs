//! `ablakbusz sweep SCENARIO --vary KEY=V1,V2,…`: the scenario at every point of a grid of values,
//! on common random numbers, written as one table, one chart per headline figure and the workbook.

use std::path::PathBuf;

use super::output::{about_season, check_writable, output_dir, write_results, written_line};
use super::progress::ProgressBars;
use super::{AppError, ScenarioSource};
use crate::report::lang::Lang;
use crate::report::page::ReportError;
use crate::report::{OutputFile, RunAbout, SWEEP_FILE, SweepPoint, render_sweep_charts, render_sweep_csv};
use crate::scenario::{self, Grid, Season, Vary};
use crate::study::{SeasonRun, SimulationOverrides, simulate_season};

/// `ablakbusz sweep` options.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepOptions {
    pub scenario: ScenarioSource,
    /// The varied keys with their values, in order (the first varies slowest and is the charts' x axis).
    pub vary: Vec<Vary>,
    pub replications: Option<u32>,
    pub seed: Option<u64>,
    pub threads: Option<usize>,
    /// Output folder; default `output/<scenario-name>-sweep-<key>-<key>…/`.
    pub out: Option<PathBuf>,
    /// No progress bar and no printed table.
    pub quiet: bool,
}

/// Resolves every point first (a bad value is reported before any simulation), then simulates each
/// with the same seed and writes sweep.csv, the charts and the workbook together.
pub(super) fn sweep(options: &SweepOptions, lang: Lang) -> Result<(), AppError> {
    let grid = Grid::new(options.vary.clone()).map_err(AppError::Argument)?;
    let text = options.scenario.text()?;
    let points = grid.points();
    let seasons: Vec<Season> = points
        .iter()
        .map(|settings| text.clone().with_settings(settings).resolve(None))
        .collect::<Result<_, _>>()?;
    let keys = grid.keys();
    let first = &seasons[0];
    let dir = output_dir(
        options.out.as_deref(),
        &format!("{}-sweep-{}", first.name, keys.join("-")),
    );
    check_writable(&dir)?;
    let overrides = SimulationOverrides {
        replications: options.replications,
        seed: options.seed,
        threads: options.threads,
    };
    let progress = ProgressBars::new(options.quiet, lang);
    let runs: Vec<SeasonRun> = seasons
        .iter()
        .map(|season| simulate_season(season, &scenario::digest(season), &overrides, &progress))
        .collect::<Result<_, _>>()?;
    let values: Vec<Vec<String>> = points
        .iter()
        .map(|p| p.iter().map(|s| s.value.clone()).collect())
        .collect();
    let rows: Vec<SweepPoint<'_>> = values
        .iter()
        .zip(&runs)
        .map(|(values, run)| SweepPoint {
            values,
            season: &run.results.season,
        })
        .collect();
    let table = render_sweep_csv(lang, &keys, &rows)?;
    let mut files = vec![OutputFile::text(SWEEP_FILE, table)];
    let charts = render_sweep_charts(lang, &keys, &grid.axes[0].values, &rows).map_err(ReportError::from)?;
    for chart in charts {
        files.extend(chart.files());
    }
    // The points differ: no one digest describes the sweep.
    let about = RunAbout {
        digest: None,
        ..about_season("sweep", first, Some(runs[0].meta.seed), Some(runs[0].meta.replications))
    };
    let files = write_results(&dir, files, lang, &about)?;
    if !options.quiet {
        println!("{}", written_line(lang, &dir, &files)?);
    }
    Ok(())
}
