//! Seasons compared with different stops: which dates and settlements one has and the other has not.
//!
//! The paired comparison gives stop number i of every season the random streams of stop i, so two
//! seasons with different stops are still paired, but their differences then include the change of
//! stops; `compare` warns about it with what this finds.

use jiff::civil::Date;

use crate::scenario::Season;

/// One stop as the comparison of stop lists sees it: its date and settlement (or label).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StopKey {
    pub date: Date,
    /// Settlement name (or the stop's label for stops without a settlement).
    pub settlement: String,
}

/// How a compared season's stops differ from the baseline's (the first season's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopMismatch {
    /// Index of the season in the comparison (from 1: the first is the baseline).
    pub season: usize,
    /// Stops of the baseline.
    pub baseline_stops: usize,
    /// Stops of this season.
    pub stops: usize,
    /// Visits (date and settlement) of the baseline that this season does not have, in date order.
    pub only_in_baseline: Vec<StopKey>,
    /// Visits of this season that the baseline does not have, in date order.
    pub only_in_season: Vec<StopKey>,
}

/// For every season after the first whose stops differ from the first's (in number, or in the
/// visits as dates and settlements), what differs; empty when all have the same stops.
pub fn stop_mismatches(seasons: &[&Season]) -> Vec<StopMismatch> {
    let Some((first, rest)) = seasons.split_first() else {
        return Vec::new();
    };
    let baseline = keys(first);
    rest.iter()
        .enumerate()
        .filter_map(|(i, season)| {
            let own = keys(season);
            let mismatch = StopMismatch {
                season: i + 1,
                baseline_stops: first.stops.len(),
                stops: season.stops.len(),
                only_in_baseline: missing_from(&baseline, &own),
                only_in_season: missing_from(&own, &baseline),
            };
            let same = mismatch.only_in_baseline.is_empty() && mismatch.only_in_season.is_empty();
            (!same).then_some(mismatch)
        })
        .collect()
}

/// The season's visits, sorted.
fn keys(season: &Season) -> Vec<StopKey> {
    let mut keys: Vec<StopKey> = season
        .stops
        .iter()
        .map(|s| StopKey {
            date: s.date,
            settlement: s.settlement.clone(),
        })
        .collect();
    keys.sort();
    keys
}

/// The visits of sorted `a` not matched by one of sorted `b` (a multiset difference, in order).
fn missing_from(a: &[StopKey], b: &[StopKey]) -> Vec<StopKey> {
    let mut out = Vec::new();
    let mut j = 0;
    for key in a {
        while j < b.len() && b[j] < *key {
            j += 1;
        }
        if j < b.len() && b[j] == *key {
            j += 1;
        } else {
            out.push(key.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(day: i8, settlement: &str) -> StopKey {
        StopKey {
            date: jiff::civil::date(2020, 3, day),
            settlement: settlement.into(),
        }
    }

    #[test]
    fn the_multiset_difference_keeps_repeated_visits() {
        let a = vec![key(2, "Dusnok"), key(2, "Dusnok"), key(3, "Bugac")];
        let b = vec![key(2, "Dusnok"), key(4, "Bugac")];
        assert_eq!(missing_from(&a, &b), vec![key(2, "Dusnok"), key(3, "Bugac")]);
        assert_eq!(missing_from(&b, &a), vec![key(4, "Bugac")]);
        assert!(missing_from(&a, &a).is_empty());
    }

    #[test]
    fn the_same_season_twice_has_no_mismatch() {
        let season = crate::scenario::default_scenario();
        assert!(stop_mismatches(&[&season, &season]).is_empty());
        let mut fewer = season.clone();
        let dropped = fewer.stops.pop().unwrap();
        let found = stop_mismatches(&[&season, &fewer]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].baseline_stops, found[0].stops),
            (season.stops.len(), season.stops.len() - 1)
        );
        assert_eq!(
            found[0].only_in_baseline,
            vec![StopKey {
                date: dropped.date,
                settlement: dropped.settlement
            }]
        );
        assert!(found[0].only_in_season.is_empty());
    }
}
