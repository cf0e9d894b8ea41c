//! A season replicated: the engine's model of it (with its district and week groupings), how it
//! was replicated, what it gave, and the metadata that reproduces it.

use serde::Serialize;

use super::{Progress, SimulationOverrides, StudyError, stage};
use crate::experiment::{
    DISTRICT_GROUPING, Grouping, PrecisionOutcome, PrecisionRule, RunSettings, SeasonModel, SeasonResults,
    WEEK_GROUPING, run_season, run_season_to_precision,
};
use crate::scenario::Season;
use crate::sim::{PreparedStop, ReturnLink};
use crate::stats::CONFIDENCE_LEVEL;

/// The engine's view of a season, with totals by district and by ISO week.
pub fn season_model(season: &Season) -> Result<SeasonModel, StudyError> {
    let links = return_links(season);
    let stops = season
        .stops
        .iter()
        .zip(links)
        .map(|(s, link)| {
            let stop = PreparedStop::new(&s.spec).map_err(|source| StudyError::Stop {
                stop: format!("{} {} ({})", s.index + 1, s.settlement, s.date),
                source,
            })?;
            Ok(match link {
                Some(link) => stop.with_returns(link),
                None => stop,
            })
        })
        .collect::<Result<Vec<_>, StudyError>>()?;
    let districts = grouping(DISTRICT_GROUPING, season.stops.iter().map(|s| s.district.clone()));
    let weeks = grouping(
        WEEK_GROUPING,
        season.stops.iter().map(|s| {
            let week = s.date.iso_week_date();
            format!("{}-W{:02}", week.year(), week.week())
        }),
    );
    Ok(SeasonModel {
        stops,
        groupings: vec![districts, weeks],
    })
}

/// Each stop's return link under the pending-needs pool with a positive return share (one carry
/// slot per settlement, in the order settlements first appear); `None` for every stop otherwise.
fn return_links(season: &Season) -> Vec<Option<ReturnLink>> {
    let return_share = season.demand.pending.map_or(0.0, |p| p.return_share);
    let mut slots: Vec<&str> = Vec::new();
    season
        .stops
        .iter()
        .map(|s| {
            let visit = s.pending.filter(|_| return_share > 0.0)?;
            let slot = slots.iter().position(|&n| n == s.settlement).unwrap_or_else(|| {
                slots.push(&s.settlement);
                slots.len() - 1
            });
            Some(ReturnLink {
                slot,
                survival: visit.survival_since_previous,
                capture: visit.capture,
                return_share,
            })
        })
        .collect()
}

/// Groups stops by label; groups are listed in sorted label order.
fn grouping(name: &str, labels_of_stops: impl Iterator<Item = String>) -> Grouping {
    let labels_of_stops: Vec<String> = labels_of_stops.collect();
    let mut labels = labels_of_stops.clone();
    labels.sort();
    labels.dedup();
    let member_of = labels_of_stops
        .iter()
        .map(|l| labels.binary_search(l).expect("label listed"))
        .collect();
    Grouping {
        name: name.to_string(),
        labels,
        member_of,
    }
}

/// One replicated season: the engine's model, how it was replicated, and what it gave.
#[derive(Debug, Clone)]
pub struct SeasonRun {
    pub model: SeasonModel,
    pub settings: RunSettings,
    pub results: SeasonResults,
    pub meta: RunMeta,
    /// With `--input-uncertainty`: the season simulated under draws of the demand parameters.
    pub parameter_uncertainty: Option<super::InputUncertaintyStudy>,
    /// Bus-days, km and paid clerk-hours of the scenario's own crews, and their cost.
    pub costs: super::SeasonCosts,
}

/// What a run was: enough to reproduce it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunMeta {
    /// ablakbusz version that produced the results.
    pub version: &'static str,
    pub scenario: String,
    /// Digest of the resolved scenario (changes whenever anything that affects results changes).
    pub scenario_digest: String,
    pub seed: u64,
    pub replications: u32,
    /// Confidence level of every `ci95` half-width.
    pub confidence_level: f64,
    /// With `--precision`: the rule and the replications it chose (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<PrecisionOutcome>,
}

/// Replicates `season` with `overrides` of its `[simulation]`.
pub fn simulate_season(
    season: &Season,
    digest: &str,
    overrides: &SimulationOverrides,
    progress: &dyn Progress,
) -> Result<SeasonRun, StudyError> {
    let model = season_model(season)?;
    let settings = overrides.settings(&season.simulation);
    let results = stage(progress, u64::from(settings.replications), |n| {
        run_season(&model, &settings, n)
    })?;
    Ok(season_run(season, digest, model, settings, results, None))
}

/// [`simulate_season`] with the number of replications chosen by `rule`, starting from the
/// scenario's (or the overridden) replications.
pub fn simulate_season_to_precision(
    season: &Season,
    digest: &str,
    overrides: &SimulationOverrides,
    rule: &PrecisionRule,
    progress: &dyn Progress,
) -> Result<SeasonRun, StudyError> {
    let model = season_model(season)?;
    let mut settings = overrides.settings(&season.simulation);
    let (results, outcome) = stage(progress, u64::from(rule.cap), |n| {
        run_season_to_precision(&model, &settings, rule, n)
    })?;
    settings.replications = outcome.replications;
    Ok(season_run(season, digest, model, settings, results, Some(outcome)))
}

/// The run with its metadata.
fn season_run(
    season: &Season,
    digest: &str,
    model: SeasonModel,
    settings: RunSettings,
    results: SeasonResults,
    precision: Option<PrecisionOutcome>,
) -> SeasonRun {
    let meta = RunMeta {
        version: env!("CARGO_PKG_VERSION"),
        scenario: season.name.clone(),
        scenario_digest: digest.to_string(),
        seed: settings.seed,
        replications: settings.replications,
        confidence_level: CONFIDENCE_LEVEL,
        precision,
    };
    SeasonRun {
        costs: super::season_costs(season, &results),
        model,
        settings,
        results,
        meta,
        parameter_uncertainty: None,
    }
}
