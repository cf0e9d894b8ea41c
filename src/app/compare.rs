//! `ablakbusz compare` and `ablakbusz policies`: seasons side by side with paired differences.

use std::path::{Path, PathBuf};

use super::choice::{precision_rule, selection_request};
use super::output::{check_writable, comparison_dir, write_results, written_line};
use super::progress::ProgressBars;
use super::{AppError, ScenarioSource};
use crate::experiment::with_threads;
use crate::report::lang::Lang;
use crate::report::{
    ComparedSeason, OutputFile, RunAbout, render_chosen_dwell, render_compare_csv, render_compare_heading,
    render_compare_text, render_precision, render_selection, render_stop_mismatch,
};
use crate::scenario::Season;
use crate::staffing::SearchSettings;
use crate::study::{ComparisonRequest, SimulationOverrides, policy_seasons, side_by_side, stop_mismatches};

/// Folder of `compare`'s outputs under `output/` by default (one folder per comparison in it).
const COMPARE_DIR: &str = "compare";
/// Folder of `policies`' outputs under `output/` by default (one folder per scenario in it).
const POLICIES_DIR: &str = "policies";
/// Between the names of the compared scenarios in `compare`'s folder name.
const VERSUS: &str = "--vs--";

/// Options of `compare` and `policies`.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareOptions {
    /// The scenarios (`compare`), or the one scenario whose policies are compared (`policies`).
    pub scenarios: Vec<ScenarioSource>,
    pub replications: Option<u32>,
    pub seed: Option<u64>,
    pub threads: Option<usize>,
    pub out: Option<PathBuf>,
    pub quiet: bool,
    /// `--precision REL`: replications chosen until every headline figure's relative 95 %
    /// half-width is at most REL (`None`: the fixed number).
    pub precision: Option<f64>,
    /// `--select-best METRIC`: the season metric to select the best alternative by.
    pub select_best: Option<String>,
    /// `--indifference DELTA`: the selection's indifference zone, in the metric's unit.
    pub indifference: Option<f64>,
    /// `--pcs P`: the selection's probability of correct selection (`None`: 0.95).
    pub pcs: Option<f64>,
}

impl CompareOptions {
    /// The replications, seed and threads given on the command line.
    pub fn simulation(&self) -> SimulationOverrides {
        SimulationOverrides {
            replications: self.replications,
            seed: self.seed,
            threads: self.threads,
        }
    }
}

/// `compare A.toml B.toml …`: every scenario on the same replications, differences to the first.
pub(super) fn compare(options: &CompareOptions, lang: Lang) -> Result<(), AppError> {
    let seasons: Vec<Season> = options
        .scenarios
        .iter()
        .map(ScenarioSource::load)
        .collect::<Result<_, _>>()?;
    let stems: Vec<String> = options
        .scenarios
        .iter()
        .zip(&seasons)
        .map(|(source, season)| source_stem(source, season))
        .collect();
    let dir = comparison_dir(options.out.as_deref(), COMPARE_DIR, &stems.join(VERSUS));
    if !options.quiet {
        let names: Vec<&str> = seasons.iter().map(|s| s.name.as_str()).collect();
        for mismatch in stop_mismatches(&seasons.iter().collect::<Vec<_>>()) {
            eprintln!("{}", render_stop_mismatch(lang, &names, &mismatch)?);
        }
    }
    let named: Vec<(String, Season)> = seasons.into_iter().map(|s| (s.name.clone(), s)).collect();
    write_side_by_side(&named, options, lang, "compare.csv", &dir)
}

/// What names a compared scenario in a folder name: its file name without `.toml` (the season's
/// name for the embedded plan), with what `--set` changed.
fn source_stem(source: &ScenarioSource, season: &Season) -> String {
    match source {
        ScenarioSource::File(path) => path
            .file_stem()
            .map_or_else(|| season.name.clone(), |s| s.to_string_lossy().into_owned()),
        ScenarioSource::Embedded => season.name.clone(),
        // `--set` changes the scenario: name the folder after what was set too, in plain
        // folder-name characters ("2020-plan+bus.clerks-3").
        ScenarioSource::Set(base, settings) => {
            let mut stem = source_stem(base, season);
            for setting in settings {
                let value: String = setting
                    .value
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() || c == '.' || c == '_' {
                            c
                        } else {
                            '-'
                        }
                    })
                    .collect();
                stem += &format!("+{}-{value}", setting.key);
            }
            stem
        }
    }
}

/// `policies SCENARIO`: the scenario under each of its dwell policies, re-planned, side by side.
pub(super) fn policies(options: &CompareOptions, lang: Lang) -> Result<(), AppError> {
    let source = options
        .scenarios
        .first()
        .ok_or_else(|| AppError::Argument("policies needs a scenario".into()))?;
    let text = source.parse()?;
    let base = text.resolve(None)?;
    let dir = comparison_dir(options.out.as_deref(), POLICIES_DIR, &source_stem(source, &base));
    check_writable(&dir)?;
    let settings = SearchSettings {
        seed: options.simulation().settings(&base.simulation).seed,
        ..SearchSettings::default()
    };
    let variants = with_threads(options.threads, || policy_seasons(&text, &base, &settings))??;
    if !options.quiet {
        print!("{}", render_chosen_dwell(lang, &variants)?);
    }
    let named: Vec<(String, Season)> = variants.into_iter().map(|p| (p.name, p.season)).collect();
    write_side_by_side(&named, options, lang, "policies.csv", &dir)
}

fn write_side_by_side(
    named: &[(String, Season)],
    options: &CompareOptions,
    lang: Lang,
    table: &'static str,
    dir: &Path,
) -> Result<(), AppError> {
    check_writable(dir)?;
    let request = ComparisonRequest {
        precision: precision_rule(options.precision)?,
        selection: selection_request(
            options.select_best.as_deref(),
            options.indifference,
            options.pcs,
            named.len(),
        )?,
    };
    let study = side_by_side(
        named,
        &options.simulation(),
        &request,
        &ProgressBars::plain(options.quiet),
    )?;
    let rows: Vec<ComparedSeason> = named
        .iter()
        .zip(&study.comparisons)
        .map(|((name, season), comparison)| ComparedSeason::of(name, season, comparison))
        .collect();
    let files = vec![OutputFile::text(
        table,
        render_compare_csv(lang, table, &rows, study.selection.as_ref().map(|s| &s.selection))?,
    )];
    let about = RunAbout {
        command: table.trim_end_matches(".csv").to_string(),
        source: named.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "),
        seed: Some(study.settings.seed),
        replications: Some(study.settings.replications),
        ..RunAbout::default()
    };
    let files = write_results(dir, files, lang, &about)?;
    if options.quiet {
        return Ok(());
    }
    println!(
        "{}\n",
        render_compare_heading(lang, study.settings.replications, study.settings.seed)?
    );
    print!("{}", render_compare_text(lang, &rows)?);
    if let Some(outcome) = &study.precision {
        println!("{}", render_precision(lang, outcome)?);
    }
    if let Some(selection) = &study.selection {
        let names: Vec<&str> = named.iter().map(|(n, _)| n.as_str()).collect();
        print!("\n{}", render_selection(lang, &names, selection)?);
    }
    println!("\n{}", written_line(lang, dir, &files)?);
    Ok(())
}
