//! The staffing rows: per stop (under each dwell policy), the fewest clerks meeting the targets by
//! simulation, beside the textbook formulas.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::{Progress, ProgressUnit, Silent, StudyError, policy_seasons_known, stage_of};
use crate::scenario::{DemandOrigin, ParsedScenario, Season, SeasonStop};
use crate::sim::StopSpec;
use crate::staffing::{
    Candidate, KnownEvaluations, SearchSettings, ServiceTargets, StaffingAnswer, TargetKind, TextbookAnswers,
    search_stop_known, textbook_answers,
};
use crate::stats::Estimate;

/// One stop's staffing answer with what identifies the stop.
#[derive(Debug, Clone)]
pub struct StaffingRow {
    /// Dwell policy the stop's season was planned with.
    pub policy: String,
    /// Stop number in the season, from 1.
    pub stop: usize,
    /// Which visit of its place the stop is, from 1 (see `Season::visit_numbers`).
    pub visit: u32,
    pub date: String,
    pub settlement: String,
    pub venue: &'static str,
    /// Residents of the settlement, if the stop's demand comes from it.
    pub population: Option<u32>,
    pub dwell_hours: f64,
    pub expected_clients: f64,
    /// Shared by the rows of every season that has the same search (a national season's three
    /// policies repeat about 1,000 searches: their copies held 19 MB).
    pub answer: Arc<StaffingAnswer>,
    pub textbook: TextbookAnswers,
}

impl StaffingRow {
    /// The candidate reported: the answer, or all desks staffed when no answer exists.
    pub fn reported(&self) -> &Candidate {
        self.answer.reported()
    }

    /// What the reported candidate achieves on `kind` (mean and 95 % half-width), if it was checked.
    pub fn achieved(&self, kind: TargetKind) -> Option<Estimate> {
        self.reported()
            .checks
            .iter()
            .find(|c| c.kind == kind)
            .map(|c| c.achieved)
    }
}

/// The staffing rows of the season under each of its dwell policies, policy by policy.
pub fn staffing_by_policy(
    text: &ParsedScenario,
    base: &Season,
    settings: &SearchSettings,
) -> Result<Vec<Vec<StaffingRow>>, StudyError> {
    let (policies, known) = policy_seasons_known(text, base, settings)?;
    let seasons: Vec<(&str, &Season)> = policies.iter().map(|p| (p.name.as_str(), &p.season)).collect();
    staffing_rows_of_seasons_known(&seasons, &base.targets, settings, &Silent, &known)
}

/// The staffing rows of several seasons of one scenario (`(policy, season)`: its dwell policies,
/// the season as run), season by season, each season one stage of `progress`. A stop whose search
/// an earlier season already ran — the same stop spec on the same streams — takes that answer
/// instead of searching again: a search depends on nothing else (the spec, its streams, the
/// targets and the settings), so the rows are the same bit for bit. Policies that give a stop
/// the same dwell repeat its search: in the 2020 plan 178 of the 600 searches of its three
/// policies.
pub fn staffing_rows_of_seasons(
    seasons: &[(&str, &Season)],
    targets: &ServiceTargets,
    settings: &SearchSettings,
    progress: &dyn Progress,
) -> Result<Vec<Vec<StaffingRow>>, StudyError> {
    staffing_rows_of_seasons_known(seasons, targets, settings, progress, &KnownEvaluations::default())
}

/// [`staffing_rows_of_seasons`], each search taking from `known` the candidates already
/// evaluated on its streams (the demand-driven dwell search's, from [`super::policy_seasons_known`]
/// with the same targets and settings): the rows are the same bit for bit. In the 2020 plan they
/// were 209 candidates, about a third of the searches' candidate-replications.
pub fn staffing_rows_of_seasons_known(
    seasons: &[(&str, &Season)],
    targets: &ServiceTargets,
    settings: &SearchSettings,
    progress: &dyn Progress,
    known: &KnownEvaluations,
) -> Result<Vec<Vec<StaffingRow>>, StudyError> {
    let mut earlier = EarlierSearches::default();
    let mut all: Vec<Vec<StaffingRow>> = Vec::with_capacity(seasons.len());
    for (policy, season) in seasons {
        let rows = season_rows(
            policy,
            season,
            targets,
            settings,
            progress,
            &earlier.view(seasons, &all, known),
        )?;
        earlier.add(all.len(), season);
        all.push(rows);
    }
    Ok(all)
}

/// The staffing answer of every stop (in parallel; each stop's search is independent and seeded
/// by its own streams — [`crate::scenario::SeasonStop::search_stream`] —, so the rows depend neither
/// on the thread count nor on the stop's position in the season).
pub fn staffing_rows(
    policy: &str,
    season: &Season,
    targets: &ServiceTargets,
    settings: &SearchSettings,
) -> Result<Vec<StaffingRow>, StudyError> {
    watched_staffing_rows(policy, season, targets, settings, &Silent)
}

/// [`staffing_rows`], telling `progress` of each stop whose search is finished (one stage).
pub fn watched_staffing_rows(
    policy: &str,
    season: &Season,
    targets: &ServiceTargets,
    settings: &SearchSettings,
    progress: &dyn Progress,
) -> Result<Vec<StaffingRow>, StudyError> {
    season_rows(policy, season, targets, settings, progress, &Earlier::none())
}

/// Where the searches of earlier seasons are: stream of the search → (season, stop index).
#[derive(Debug, Default)]
struct EarlierSearches {
    by_stream: HashMap<u64, Vec<(usize, usize)>>,
}

impl EarlierSearches {
    /// Notes the searches of `season`, the `index`-th.
    fn add(&mut self, index: usize, season: &Season) {
        for (stop, (s, visit)) in season.stops.iter().zip(season.visit_numbers()).enumerate() {
            self.by_stream
                .entry(s.search_stream(visit))
                .or_default()
                .push((index, stop));
        }
    }

    /// The earlier searches with their seasons and rows.
    fn view<'a>(
        &'a self,
        seasons: &'a [(&'a str, &'a Season)],
        rows: &'a [Vec<StaffingRow>],
        known: &'a KnownEvaluations,
    ) -> Earlier<'a> {
        Earlier {
            searches: Some(self),
            seasons,
            rows,
            known,
        }
    }
}

/// Earlier seasons' searches a season may reuse.
#[derive(Clone, Copy)]
struct Earlier<'a> {
    searches: Option<&'a EarlierSearches>,
    seasons: &'a [(&'a str, &'a Season)],
    rows: &'a [Vec<StaffingRow>],
    /// Candidates already evaluated elsewhere (the dwell search's).
    known: &'a KnownEvaluations,
}

/// No evaluation known.
static NONE_KNOWN: std::sync::LazyLock<KnownEvaluations> = std::sync::LazyLock::new(KnownEvaluations::default);

impl Earlier<'_> {
    /// No earlier season.
    fn none() -> Earlier<'static> {
        Earlier {
            searches: None,
            seasons: &[],
            rows: &[],
            known: &NONE_KNOWN,
        }
    }

    /// The answer of an earlier search of `spec` on the streams of `stream`, if there was one.
    fn answer(&self, stream: u64, spec: &StopSpec) -> Option<&Arc<StaffingAnswer>> {
        self.searches?
            .by_stream
            .get(&stream)?
            .iter()
            .find(|&&(season, stop)| self.seasons[season].1.stops[stop].spec == *spec)
            .map(|&(season, stop)| &self.rows[season][stop].answer)
    }
}

/// The rows of one season (one stage of `progress`), reusing `earlier` searches.
fn season_rows(
    policy: &str,
    season: &Season,
    targets: &ServiceTargets,
    settings: &SearchSettings,
    progress: &dyn Progress,
    earlier: &Earlier,
) -> Result<Vec<StaffingRow>, StudyError> {
    let visits = season.visit_numbers();
    stage_of(
        progress,
        season.stops.len() as u64,
        ProgressUnit::StopSearches,
        |done| {
            season
                .stops
                .par_iter()
                .zip(visits)
                .map(|(stop, visit)| {
                    let row = stop_row(policy, stop, visit, targets, settings, earlier);
                    done(1);
                    row
                })
                .collect()
        },
    )
}

/// The staffing row of `stop`, the `visit`-th visit of its place.
fn stop_row(
    policy: &str,
    stop: &SeasonStop,
    visit: u32,
    targets: &ServiceTargets,
    settings: &SearchSettings,
    earlier: &Earlier,
) -> Result<StaffingRow, StudyError> {
    let stream = stop.search_stream(visit);
    let answer = match earlier.answer(stream, &stop.spec) {
        Some(answer) => Arc::clone(answer),
        None => Arc::new(
            search_stop_known(&stop.spec, stream, targets, settings, earlier.known).map_err(|source| {
                StudyError::Stop {
                    stop: format!("{} {} ({})", stop.index + 1, stop.settlement, stop.date),
                    source,
                }
            })?,
        ),
    };
    let population = match stop.demand_origin {
        DemandOrigin::Model { population, .. } => Some(population),
        _ => None,
    };
    Ok(StaffingRow {
        policy: policy.to_string(),
        stop: stop.index + 1,
        visit,
        date: stop.date.to_string(),
        settlement: stop.settlement.clone(),
        venue: stop.venue.as_str(),
        population,
        dwell_hours: stop.dwell_hours(),
        expected_clients: stop.expected_clients,
        textbook: textbook_answers(&stop.spec, targets),
        answer,
    })
}
