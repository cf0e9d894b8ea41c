//! One replication's season and group tallies and their served waits, before they join the totals.
//!
//! The wait p90 of a group is an order statistic of the union of its stops' waits, so the waits
//! must sit together somewhere. They are written once, in stop order, into the season's buffer; a
//! group whose stops are consecutive in stop order (a week of a season in date order) is a range
//! of that buffer and needs no copy of its own. Only the groups of a grouping whose stops
//! interleave with other groups' (districts) copy their waits. The percentile depends only on the
//! values, not on their order, so reading a group off the season's buffer gives the same bits as a
//! copy; the groups' selections run before the season's, because a selection reorders its slice
//! (inside a group's range it keeps every other range's values where they are).

use std::ops::Range;

use super::metrics::GroupTally;
use super::{Grouping, SeasonAcc, SeasonModel};
use crate::sim::{PreparedStop, StopOutcome};
use crate::stats::wait_p90;

/// Per-replication group tallies and wait buffers, reused across replications.
pub(super) struct ReplicationScratch {
    season: GroupTally,
    /// The served waits of every stop simulated so far this replication, minutes, in stop order.
    season_waits: Vec<f64>,
    /// Per grouping, per group: its tally and where its waits are.
    groups: Vec<Vec<GroupScratch>>,
}

/// One group's tally this replication and where its waits are.
struct GroupScratch {
    tally: GroupTally,
    waits: GroupWaits,
}

/// Where a group's served waits of this replication are.
enum GroupWaits {
    /// The group's stops are consecutive in stop order: its waits are this range of the season's
    /// buffer (empty until its first stop is added).
    InSeason(Range<usize>),
    /// The group's stops interleave with other groups': its own copy, minutes.
    Copied(Vec<f64>),
}

impl ReplicationScratch {
    pub(super) fn new(model: &SeasonModel) -> Self {
        let groups = model
            .groupings
            .iter()
            .map(|g| {
                let consecutive = groups_are_consecutive(g);
                (0..g.labels.len())
                    .map(|_| GroupScratch {
                        tally: GroupTally::default(),
                        waits: if consecutive {
                            GroupWaits::InSeason(0..0)
                        } else {
                            GroupWaits::Copied(Vec::new())
                        },
                    })
                    .collect()
            })
            .collect();
        Self {
            season: GroupTally::default(),
            season_waits: Vec::new(),
            groups,
        }
    }

    pub(super) fn reset(&mut self) {
        self.season = GroupTally::default();
        self.season_waits.clear();
        for group in self.groups.iter_mut().flatten() {
            group.tally = GroupTally::default();
            match &mut group.waits {
                GroupWaits::InSeason(range) => *range = 0..0,
                GroupWaits::Copied(waits) => waits.clear(),
            }
        }
    }

    /// Adds stop `index` of `model` (stops are added in stop order) with its outcome and waits.
    pub(super) fn add_stop(
        &mut self,
        model: &SeasonModel,
        index: usize,
        stop: &PreparedStop,
        outcome: &StopOutcome,
        waits: &[f64],
    ) {
        let (clerks, dwell_min) = (stop.rules.clerks, stop.rules.dwell_min);
        self.season.add(outcome, clerks, dwell_min);
        let start = self.season_waits.len();
        self.season_waits.extend_from_slice(waits);
        let end = self.season_waits.len();
        for (grouping, groups) in model.groupings.iter().zip(&mut self.groups) {
            let group = &mut groups[grouping.member_of[index]];
            group.tally.add(outcome, clerks, dwell_min);
            match &mut group.waits {
                GroupWaits::InSeason(range) if range.start == range.end => *range = start..end,
                GroupWaits::InSeason(range) => {
                    debug_assert_eq!(range.end, start, "a consecutive group's stops follow each other");
                    range.end = end;
                }
                GroupWaits::Copied(copy) => copy.extend_from_slice(waits),
            }
        }
    }

    /// Pushes the replication's season and group tallies, with their wait p90s, into `acc`.
    pub(super) fn finish_into(&mut self, acc: &mut SeasonAcc) {
        let Self {
            season,
            season_waits,
            groups,
        } = self;
        for (accs, groups) in acc.groups.iter_mut().zip(groups.iter_mut()) {
            for (group_acc, group) in accs.iter_mut().zip(groups.iter_mut()) {
                let waits = match &mut group.waits {
                    GroupWaits::InSeason(range) => &mut season_waits[range.clone()],
                    GroupWaits::Copied(copy) => copy.as_mut_slice(),
                };
                group_acc.push(&group.tally, wait_p90(waits));
            }
        }
        for &w in season_waits.iter() {
            acc.wait_histogram.add(w);
        }
        acc.season.push(season, wait_p90(season_waits));
    }
}

/// Whether every group of `grouping` is one run of consecutive stops (or has none).
fn groups_are_consecutive(grouping: &Grouping) -> bool {
    let mut seen = vec![false; grouping.labels.len()];
    let mut previous = None;
    for &group in &grouping.member_of {
        if previous != Some(group) {
            if seen[group] {
                return false;
            }
            seen[group] = true;
            previous = Some(group);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::GroupMetric;
    use crate::scenario::ScenarioText;

    fn grouping(member_of: Vec<usize>, groups: usize) -> Grouping {
        Grouping {
            name: "test".into(),
            labels: (0..groups).map(|g| g.to_string()).collect(),
            member_of,
        }
    }

    #[test]
    fn weeks_in_date_order_are_consecutive_and_districts_are_not() {
        assert!(groups_are_consecutive(&grouping(vec![0, 0, 1, 1, 1, 2], 3)));
        assert!(groups_are_consecutive(&grouping(vec![2, 2, 0, 1], 4)), "an empty group");
        assert!(groups_are_consecutive(&grouping(vec![], 2)));
        assert!(!groups_are_consecutive(&grouping(vec![0, 1, 0], 2)));
        assert!(!groups_are_consecutive(&grouping(vec![1, 1, 0, 0, 1], 2)));
    }

    /// Waits of stop `stop` in replication `replication`, minutes: a different count and spread
    /// each, enough that the groups' and the season's p90 select in place (above 151 waits; see
    /// `stats::percentile`), which reorders what it selects from.
    fn waits_of(stop: usize, replication: usize) -> Vec<f64> {
        let n = 40 + 25 * stop + 3 * replication;
        (0..n)
            .map(|i| ((i * 7919 + stop * 104_729 + replication * 1_299_709) % 1000) as f64 / 7.0)
            .collect()
    }

    #[test]
    fn group_p90s_read_in_place_or_copied_are_those_of_the_gathered_waits() {
        let season = ScenarioText::embedded_2019_baseline().resolve(None).unwrap();
        let stops: Vec<PreparedStop> = season.stops[..6]
            .iter()
            .map(|s| PreparedStop::new(&s.spec).unwrap())
            .collect();
        let model = SeasonModel {
            stops,
            groupings: vec![
                grouping(vec![0, 0, 0, 1, 1, 2], 3), // consecutive: read off the season's waits
                grouping(vec![1, 0, 1, 0, 0, 1], 2), // interleaved: copied
            ],
        };
        let replications = 3;
        let mut acc = SeasonAcc::new(&model);
        let mut scratch = ReplicationScratch::new(&model);
        for replication in 0..replications {
            scratch.reset();
            for (index, stop) in model.stops.iter().enumerate() {
                let outcome = StopOutcome::default();
                scratch.add_stop(&model, index, stop, &outcome, &waits_of(index, replication));
            }
            scratch.finish_into(&mut acc);
        }
        let results = acc.results(&model, replications as u32);
        // The reference: each replication's waits of the group's stops gathered, then the p90.
        let expected = |members: &dyn Fn(usize) -> bool| {
            let p90s: Vec<f64> = (0..replications)
                .map(|r| {
                    let mut all: Vec<f64> = (0..6).filter(|&i| members(i)).flat_map(|i| waits_of(i, r)).collect();
                    wait_p90(&mut all).unwrap()
                })
                .collect();
            p90s.iter().sum::<f64>() / p90s.len() as f64
        };
        for (g, grouping) in model.groupings.iter().enumerate() {
            for (k, (label, summary)) in results.groupings[g].groups.iter().enumerate() {
                let ours = summary.get(GroupMetric::WaitP90).mean;
                let theirs = expected(&|i| grouping.member_of[i] == k);
                assert!(
                    (ours - theirs).abs() < 1e-12,
                    "grouping {g}, group {label}: {ours} against {theirs}"
                );
            }
        }
        let season_p90 = results.season.get(GroupMetric::WaitP90).mean;
        assert!((season_p90 - expected(&|_| true)).abs() < 1e-12, "season: {season_p90}");
    }
}
