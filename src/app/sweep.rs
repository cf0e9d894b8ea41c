//! `ablakbusz sweep SCENARIO --vary KEY=V1,V2,…`: the scenario at every point of a grid of values,
//! on common random numbers, written as one table, one chart per headline figure, the page of the
//! paired differences to the first point (`sweep.html`) and the workbook.

use std::path::PathBuf;

use super::output::{about_season, check_writable, output_dir, write_results, written_line};
use super::progress::ProgressBars;
use super::terminal::sayln;
use super::{AppError, ScenarioSource};
use crate::report::charts::Alternatives;
use crate::report::lang::Lang;
use crate::report::page::{ComparisonPage, ReportError, SeasonCost, render_comparison_page};
use crate::report::{
    ComparedSeason, OutputFile, RunAbout, SWEEP_FILE, SweepPoint, render_sweep_charts, render_sweep_csv,
};
use crate::scenario::{Grid, Season, Vary};
use crate::study::{ComparisonRequest, SimulationOverrides, side_by_side};

/// File of the sweep's page.
const SWEEP_PAGE: &str = "sweep.html";

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

/// A point's name on the page and charts: `key=value` for one key; for more, the values in the
/// keys' order, `(1, 0.5)` (the keys are in the page's title).
fn point_name(point: &[crate::scenario::Setting]) -> String {
    match point {
        [one] => format!("{}={}", one.key, one.value),
        _ => format!(
            "({})",
            point.iter().map(|s| s.value.as_str()).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Resolves every point first (a bad value is reported before any simulation), then simulates them
/// side by side on the same streams and writes sweep.csv, the charts, sweep.html and the workbook
/// together.
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
    let named: Vec<(String, Season)> = points
        .iter()
        .map(|p| point_name(p))
        .zip(seasons.iter().cloned())
        .collect();
    let study = side_by_side(&named, &overrides, &ComparisonRequest::default(), &progress)?;
    let values: Vec<Vec<String>> = points
        .iter()
        .map(|p| p.iter().map(|s| s.value.clone()).collect())
        .collect();
    let rows: Vec<SweepPoint<'_>> = values
        .iter()
        .zip(&study.comparisons)
        .map(|(values, comparison)| SweepPoint {
            values,
            season: &comparison.season,
        })
        .collect();
    let table = render_sweep_csv(lang, &keys, &rows)?;
    let mut files = vec![OutputFile::text(SWEEP_FILE, table)];
    let charts = render_sweep_charts(lang, &keys, &grid.axes[0].values, &rows).map_err(ReportError::from)?;
    for chart in charts {
        files.extend(chart.files());
    }
    let key_names: Vec<String> = keys.iter().map(ToString::to_string).collect();
    let compared: Vec<ComparedSeason> = named
        .iter()
        .zip(&study.comparisons)
        .map(|((name, season), comparison)| ComparedSeason::of(name, season, comparison))
        .collect();
    let costs: Vec<SeasonCost> = seasons.iter().map(SeasonCost::of).collect();
    let page = ComparisonPage {
        alternatives: Alternatives::Points,
        scenario: Some(&first.name),
        rows: &compared,
        costs: &costs,
        replications: study.settings.replications,
        seed: study.settings.seed,
        version: env!("CARGO_PKG_VERSION"),
        warnings: &[],
        notes: &[],
        keys: &key_names,
    };
    files.extend(render_comparison_page(&page, SWEEP_PAGE, lang)?);
    // The points differ: no one digest describes the sweep.
    let about = RunAbout {
        digest: None,
        ..about_season(
            "sweep",
            first,
            Some(study.settings.seed),
            Some(study.settings.replications),
        )
    };
    let files = write_results(&dir, files, lang, &about)?;
    if !options.quiet {
        sayln!("{}", written_line(lang, &dir, &files)?);
    }
    Ok(())
}
