//! The staffing rows: per stop (under each dwell policy), the fewest clerks meeting the targets by
//! simulation, beside the textbook formulas.

use rayon::prelude::*;

use super::{Progress, ProgressUnit, Silent, StudyError, policy_seasons, stage_of};
use crate::scenario::{DemandOrigin, ParsedScenario, Season, SeasonStop};
use crate::staffing::{
    Candidate, SearchSettings, ServiceTargets, StaffingAnswer, TargetKind, TextbookAnswers, search_stop,
    textbook_answers,
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
    pub answer: StaffingAnswer,
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
    policy_seasons(text, base, settings)?
        .iter()
        .map(|p| staffing_rows(&p.name, &p.season, &base.targets, settings))
        .collect()
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
                    let row = stop_row(policy, stop, visit, targets, settings);
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
) -> Result<StaffingRow, StudyError> {
    let answer =
        search_stop(&stop.spec, stop.search_stream(visit), targets, settings).map_err(|source| StudyError::Stop {
            stop: format!("{} {} ({})", stop.index + 1, stop.settlement, stop.date),
            source,
        })?;
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
