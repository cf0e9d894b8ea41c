//! Per-replication totals of groups of stops (a year, a tour) as whole-number distributions: the
//! predictive ranges a single observed season is compared with (the calibration back-test).
//!
//! The replications use the same random streams, chunks and merge order as [`super::run_season`], so
//! a group's totals are exactly those a `run` of the same season and seed would give.

use serde::Serialize;

use super::metrics::TotalMetric;
use super::return_flow::ReturnCarry;
use super::{ExperimentError, Grouping, RunSettings, SeasonModel, check_run, in_chunks, with_threads};
use crate::sim::{Engine, StopOutcome};
use crate::stats::CountDistribution;

/// A group's totals of one replication, in [`TotalMetric::ALL`] order.
type Tally = [u32; TotalMetric::COUNT];

/// The values of every [`TotalMetric`] for one stop-day.
fn stop_totals(o: &StopOutcome) -> Tally {
    TotalMetric::values(o)
}

/// One group's totals over replications.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTotals {
    pub label: String,
    /// One distribution per metric, in [`TotalMetric::ALL`] order.
    pub totals: Vec<CountDistribution>,
}

impl GroupTotals {
    /// The distribution of `metric`.
    pub fn get(&self, metric: TotalMetric) -> &CountDistribution {
        &self.totals[metric as usize]
    }
}

/// The groups of one grouping.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupingTotals {
    pub name: String,
    pub groups: Vec<GroupTotals>,
}

impl GroupingTotals {
    /// A group by label.
    pub fn group(&self, label: &str) -> Option<&GroupTotals> {
        self.groups.iter().find(|g| g.label == label)
    }
}

/// Summary of a metric's distribution, for reports.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TotalSummary {
    /// Mean over replications.
    pub mean: f64,
    /// 95 % Student-t half-width of the mean.
    pub ci95: f64,
    /// 2.5 % quantile of the replications' totals.
    pub predictive_low: f64,
    /// 97.5 % quantile.
    pub predictive_high: f64,
}

/// Replicates the season and records, for every group of every grouping of `model`, the distribution
/// of each [`TotalMetric`] over replications.
pub fn run_group_totals(
    model: &SeasonModel,
    settings: &RunSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<GroupingTotals>, ExperimentError> {
    check_run(std::slice::from_ref(model), settings)?;
    let acc = with_threads(settings.threads, || {
        in_chunks(
            settings.replications,
            empty(&model.groupings),
            |range| simulate_chunk(model, settings.seed, range),
            merge,
            progress,
        )
    })?;
    Ok(model
        .groupings
        .iter()
        .zip(acc)
        .map(|(grouping, groups)| GroupingTotals {
            name: grouping.name.clone(),
            groups: grouping
                .labels
                .iter()
                .zip(groups)
                .map(|(label, totals)| GroupTotals {
                    label: label.clone(),
                    totals,
                })
                .collect(),
        })
        .collect())
}

/// Distributions per grouping, group and metric.
type Acc = Vec<Vec<Vec<CountDistribution>>>;

fn empty(groupings: &[Grouping]) -> Acc {
    groupings
        .iter()
        .map(|g| vec![vec![CountDistribution::default(); TotalMetric::COUNT]; g.labels.len()])
        .collect()
}

fn merge(total: &mut Acc, chunk: &Acc) {
    let pairs = total
        .iter_mut()
        .flatten()
        .flatten()
        .zip(chunk.iter().flatten().flatten());
    pairs.for_each(|(a, b)| a.merge(b));
}

fn simulate_chunk(model: &SeasonModel, seed: u64, range: std::ops::Range<u64>) -> Acc {
    let mut acc = empty(&model.groupings);
    let mut tallies: Vec<Vec<Tally>> = model
        .groupings
        .iter()
        .map(|g| vec![[0; TotalMetric::COUNT]; g.labels.len()])
        .collect();
    let mut engine = Engine::new();
    let streams = super::stop_streams(model, seed);
    let mut returns = ReturnCarry::default();
    for replication in range {
        tallies.iter_mut().flatten().for_each(|t| *t = [0; TotalMetric::COUNT]);
        returns.reset();
        for (index, (stop, streams)) in model.stops.iter().zip(&streams).enumerate() {
            let values = stop_totals(&returns.simulate(stop, &mut engine, streams, replication));
            for (grouping, groups) in model.groupings.iter().zip(&mut tallies) {
                let tally = &mut groups[grouping.member_of[index]];
                tally.iter_mut().zip(values).for_each(|(t, v)| *t += v);
            }
        }
        for (groups, tallies) in acc.iter_mut().zip(&tallies) {
            for (metrics, tally) in groups.iter_mut().zip(tallies) {
                metrics.iter_mut().zip(tally).for_each(|(d, &v)| d.push(v));
            }
        }
    }
    acc
}

impl TotalSummary {
    /// Mean, its confidence interval and the central 95 % predictive range of `distribution`.
    pub fn of(distribution: &CountDistribution) -> Self {
        let estimate = distribution.estimate();
        let range = distribution.predictive_interval(crate::stats::CONFIDENCE_LEVEL);
        Self {
            mean: estimate.mean,
            ci95: estimate.ci95,
            predictive_low: range.map_or(f64::NAN, |r| r.low),
            predictive_high: range.map_or(f64::NAN, |r| r.high),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::{GroupMetric, run_season};
    use crate::scenario::ScenarioText;
    use crate::sim::PreparedStop;

    /// The 2019 baseline with a grouping of all stops and one by tour (the second tour vs the rest).
    fn model() -> SeasonModel {
        let season = ScenarioText::embedded_2019_baseline().resolve(None).unwrap();
        let targets = season.calibration.clone().unwrap();
        let stops: Vec<PreparedStop> = season
            .stops
            .iter()
            .map(|s| PreparedStop::new(&s.spec).unwrap())
            .collect();
        let n = stops.len();
        let tour = Grouping {
            name: "tour".into(),
            labels: vec!["rest".into(), "second tour".into()],
            member_of: season
                .stops
                .iter()
                .map(|s| usize::from(targets.in_tour(s.date)))
                .collect(),
        };
        let all = Grouping {
            name: "all".into(),
            labels: vec!["year".into()],
            member_of: vec![0; n],
        };
        SeasonModel {
            stops,
            groupings: vec![all, tour],
        }
    }

    #[test]
    fn totals_are_those_of_run_season_with_the_same_streams() {
        let model = model();
        let settings = RunSettings {
            replications: 40,
            seed: 11,
            threads: Some(2),
        };
        let totals = run_group_totals(&model, &settings, &|_| {}).unwrap();
        let season = run_season(&model, &settings, &|_| {}).unwrap();
        let year = totals[0].group("year").unwrap();
        let pairs = [
            (TotalMetric::Arrivals, GroupMetric::Arrivals),
            (TotalMetric::Served, GroupMetric::Served),
            (TotalMetric::Uses, GroupMetric::Uses),
        ];
        for (metric, name) in pairs {
            let ours = year.get(metric).estimate();
            let theirs = season.season.get(name);
            assert!((ours.mean - theirs.mean).abs() < 1e-9 * theirs.mean, "{metric:?}");
            assert!((ours.ci95 - theirs.ci95).abs() < 1e-6 * theirs.ci95, "{metric:?}");
        }
        // The tour grouping splits the year: its groups' means add up; cases + information = uses.
        let tour = &totals[1];
        let mean = |g: &str, m: TotalMetric| tour.group(g).unwrap().get(m).estimate().mean;
        let served = mean("rest", TotalMetric::Served) + mean("second tour", TotalMetric::Served);
        assert!((served - year.get(TotalMetric::Served).estimate().mean).abs() < 1e-9 * served);
        let uses = mean("second tour", TotalMetric::Cases) + mean("second tour", TotalMetric::InformationUses);
        assert!((uses - mean("second tour", TotalMetric::Uses)).abs() < 1e-9 * uses);
        // Every replication is counted once; the predictive range holds the mean.
        let clients = tour.group("second tour").unwrap().get(TotalMetric::Served);
        assert_eq!(clients.count(), 40);
        let summary = TotalSummary::of(clients);
        assert!(summary.predictive_low <= summary.mean && summary.mean <= summary.predictive_high);
    }

    #[test]
    fn results_do_not_depend_on_the_number_of_threads() {
        let model = model();
        let run = |threads| {
            let settings = RunSettings {
                replications: 33,
                seed: 5,
                threads: Some(threads),
            };
            run_group_totals(&model, &settings, &|_| {}).unwrap()
        };
        assert_eq!(run(1), run(2));
    }
}
