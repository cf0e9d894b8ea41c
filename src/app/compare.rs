//! `ablakbusz compare` and `ablakbusz policies`: seasons side by side with paired differences.

use std::path::{Path, PathBuf};

use super::choice::{precision_rule, selection_request};
use super::output::{check_writable, comparison_dir, write_results_with, written_line};
use super::progress::ProgressBars;
use super::terminal::{say, sayln};
use super::{AppError, ScenarioSource};
use crate::experiment::{Comparison, with_threads};
use crate::report::charts::Alternatives;
use crate::report::lang::{Label, Lang};
use crate::report::page::{ComparisonPage, ReportError, SeasonCost, policy_name, render_comparison_page};
use crate::report::{
    CompareMeta, ComparedSeason, OutputFile, RunAbout, render_chosen_dwell, render_compare_csv, render_compare_heading,
    render_compare_json, render_compare_text, render_dwell_scenario, render_precision, render_selection,
    render_stop_mismatch,
};
use crate::scenario::Season;
use crate::staffing::SearchSettings;
use crate::study::{
    ComparisonRequest, PolicySeason, SimulationOverrides, policy_seasons, side_by_side, stop_mismatches,
};

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
    let names: Vec<&str> = seasons.iter().map(|s| s.name.as_str()).collect();
    let warnings = stop_mismatches(&seasons.iter().collect::<Vec<_>>())
        .iter()
        .map(|m| render_stop_mismatch(lang, &names, m))
        .collect::<Result<Vec<_>, _>>()?;
    if !options.quiet {
        for warning in &warnings {
            eprintln!("{warning}");
        }
    }
    let named: Vec<(String, Season)> = seasons.iter().map(|s| (s.name.clone(), s.clone())).collect();
    let output = SideBySideOutput {
        table: "compare.csv",
        page: "compare.html",
        alternatives: Alternatives::Scenarios,
        scenario: None,
        warnings,
        notes: Vec::new(),
        verbatim: Vec::new(),
        tables: Vec::new(),
        keys: None,
    };
    write_side_by_side(&named, options, lang, &output, &dir).map(|_| ())
}

/// What names a compared scenario in a folder name: its file name without `.toml` (the season's
/// name for the embedded plan), with what `--set` changed.
pub(super) fn source_stem(source: &ScenarioSource, season: &Season) -> String {
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
    // The policies as people read them: in Hungarian the default three by their Hungarian names;
    // in English by the scenario's names, as `staff` and the report's staffing.csv write them (the
    // exports keep the scenario's names in their file names).
    let shown: Vec<PolicySeason> = variants
        .iter()
        .zip(&base.policies)
        .map(|(variant, policy)| {
            let name = match lang {
                Lang::En => variant.name.clone(),
                Lang::Hu => policy_name(lang, policy)?,
            };
            Ok(PolicySeason {
                name,
                ..variant.clone()
            })
        })
        .collect::<Result<_, ReportError>>()?;
    let chosen = render_chosen_dwell(lang, &shown)?;
    if !options.quiet {
        say!("{chosen}");
    }
    let mut notes: Vec<String> = chosen.lines().map(|l| l.trim().to_string()).collect();
    let mut verbatim = Vec::new();
    for (variant, shown) in variants.iter().zip(&shown).filter(|(v, _)| !v.chosen_dwell.is_empty()) {
        let export = render_dwell_scenario(&text.source, &variant.season, &variant.name)?;
        let toml = dir.join(&export.toml_file).display().to_string();
        notes.push(Label::NoteDwellExport.fill(
            lang,
            &[("policy", &shown.name), ("toml", &toml), ("csv", &export.csv_file)],
        )?);
        verbatim.push(OutputFile::text(&export.toml_file, export.toml));
        verbatim.push(OutputFile::text(&export.csv_file, export.csv));
    }
    let output = SideBySideOutput {
        table: "policies.csv",
        page: "policies.html",
        alternatives: Alternatives::Policies,
        scenario: Some(&base.name),
        warnings: Vec::new(),
        notes,
        verbatim,
        tables: Vec::new(),
        keys: Some(variants.iter().map(|v| v.name.clone()).collect()),
    };
    let named: Vec<(String, Season)> = shown.into_iter().map(|p| (p.name, p.season)).collect();
    write_side_by_side(&named, options, lang, &output, &dir).map(|_| ())
}

/// What a side-by-side command writes beside its table.
pub(super) struct SideBySideOutput<'a> {
    /// File of the table (`compare.csv`, `policies.csv`).
    pub(super) table: &'static str,
    /// File of the page (`compare.html`, `policies.html`).
    pub(super) page: &'static str,
    pub(super) alternatives: Alternatives,
    /// For `policies`: the scenario whose policies are compared.
    pub(super) scenario: Option<&'a str>,
    /// Warnings for the page (already printed).
    pub(super) warnings: Vec<String>,
    /// Notes for the page, after the answer.
    pub(super) notes: Vec<String>,
    /// Files written as they are (inputs for other commands, not tables for people).
    pub(super) verbatim: Vec<OutputFile>,
    /// More tables for people, written with the comparison's.
    pub(super) tables: Vec<OutputFile>,
    /// The alternatives' names as their scenarios spell them, for the JSON's `key` (`None`: the
    /// names shown, when they are not translated).
    pub(super) keys: Option<Vec<String>>,
}

/// Compares `named` on common random numbers, writes the table, JSON, page and `output`'s files
/// into `dir` together and prints the comparison; returns each season's comparison.
pub(super) fn write_side_by_side(
    named: &[(String, Season)],
    options: &CompareOptions,
    lang: Lang,
    output: &SideBySideOutput,
    dir: &Path,
) -> Result<Vec<Comparison>, AppError> {
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
        &ProgressBars::new(options.quiet, lang),
    )?;
    let rows: Vec<ComparedSeason> = named
        .iter()
        .zip(&study.comparisons)
        .map(|((name, season), comparison)| ComparedSeason::of(name, season, comparison))
        .collect();
    let keys: Vec<&str> = match &output.keys {
        Some(keys) => keys.iter().map(String::as_str).collect(),
        None => named.iter().map(|(name, _)| name.as_str()).collect(),
    };
    let table = output.table;
    let mut files = vec![OutputFile::text(
        table,
        render_compare_csv(lang, table, &rows, study.selection.as_ref().map(|s| &s.selection))?,
    )];
    let command = table.trim_end_matches(".csv");
    let meta = CompareMeta {
        command,
        replications: study.settings.replications,
        seed: study.settings.seed,
        version: env!("CARGO_PKG_VERSION"),
    };
    files.push(OutputFile::text(
        &format!("{command}.json"),
        render_compare_json(&meta, &rows, &keys)?,
    ));
    let costs: Vec<SeasonCost> = named.iter().map(|(_, s)| SeasonCost::of(s)).collect();
    let page = ComparisonPage {
        alternatives: output.alternatives,
        scenario: output.scenario,
        rows: &rows,
        costs: &costs,
        replications: study.settings.replications,
        seed: study.settings.seed,
        version: env!("CARGO_PKG_VERSION"),
        warnings: &output.warnings,
        notes: &output.notes,
        keys: &[],
    };
    files.extend(render_comparison_page(&page, output.page, lang)?);
    files.extend(output.tables.iter().cloned());
    let about = RunAbout {
        command: table.trim_end_matches(".csv").to_string(),
        source: named.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "),
        seed: Some(study.settings.seed),
        replications: Some(study.settings.replications),
        ..RunAbout::default()
    };
    let files = write_results_with(dir, files, output.verbatim.clone(), lang, &about)?;
    if options.quiet {
        return Ok(study.comparisons);
    }
    sayln!(
        "{}\n",
        render_compare_heading(lang, study.settings.replications, study.settings.seed)?
    );
    say!("{}", render_compare_text(lang, &rows)?);
    if let Some(outcome) = &study.precision {
        sayln!("{}", render_precision(lang, outcome)?);
    }
    if let Some(selection) = &study.selection {
        let names: Vec<&str> = named.iter().map(|(n, _)| n.as_str()).collect();
        say!("\n{}", render_selection(lang, &names, selection)?);
    }
    sayln!("\n{}", written_line(lang, dir, &files)?);
    Ok(study.comparisons)
}
